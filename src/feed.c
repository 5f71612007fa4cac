/*
 * feed -- the plain data model of a feed: freeing, ordering, merging.
 */
#include "feed.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

void
feed_item_clear(struct feed_item *it)
{
	size_t i;

	if (it == NULL)
		return;
	free(it->id);
	free(it->title);
	free(it->link);
	free(it->author);
	for (i = 0; i < it->ncategories; i++)
		free(it->categories[i]);
	free(it->categories);
	free(it->summary);
	free(it->content_html);
	free(it->base);
	free(it->comments);
	for (i = 0; i < it->nenclosures; i++) {
		free(it->enclosures[i].url);
		free(it->enclosures[i].type);
	}
	free(it->enclosures);
	memset(it, 0, sizeof(*it));
	it->published = it->updated = DATE_NONE;
}

void
feed_free(struct feed *f)
{
	size_t i;

	if (f == NULL)
		return;
	for (i = 0; i < f->nitems; i++)
		feed_item_clear(&f->items[i]);
	free(f->items);
	free(f->title);
	free(f->link);
	free(f->description);
	free(f->url);
	free(f->damage);
	free(f);
}

/* The time an item is listed by: published, else updated. */
static time_t
item_time(const struct feed_item *it)
{
	return it->published != DATE_NONE ? it->published : it->updated;
}

struct key {
	time_t t;
	size_t i;
};

static int
cmp_key(const void *a, const void *b)
{
	const struct key *x = a, *y = b;

	if (x->t != y->t) {
		if (x->t == DATE_NONE)
			return 1;
		if (y->t == DATE_NONE)
			return -1;
		return x->t > y->t ? -1 : 1;
	}
	return x->i < y->i ? -1 : x->i > y->i;
}

void
feed_sort_newest(const struct feed *f, size_t *order)
{
	struct key *k;
	size_t i;

	if (f->nitems == 0)
		return;
	k = xreallocarray(NULL, f->nitems, sizeof(*k));
	for (i = 0; i < f->nitems; i++) {
		k[i].t = item_time(&f->items[i]);
		k[i].i = i;
	}
	qsort(k, f->nitems, sizeof(*k), cmp_key);
	for (i = 0; i < f->nitems; i++)
		order[i] = k[i].i;
	free(k);
}

/* What makes two items the same post: the id, else the link. */
static const char *
item_key(const struct feed_item *it)
{
	return it->id != NULL ? it->id : it->link;
}

static uint64_t
hash_str(const char *s)
{
	uint64_t h = 1469598103934665603ULL; /* FNV-1a */

	for (; *s != '\0'; s++) {
		h ^= (unsigned char)*s;
		h *= 1099511628211ULL;
	}
	return h;
}

/* An open-addressing set of item keys (borrowed strings). */
struct keyset {
	const char **slot;
	size_t cap; /* a power of two, at least twice the entries */
};

static bool
keyset_add(struct keyset *ks, const char *key)
{
	size_t i = (size_t)hash_str(key) & (ks->cap - 1);

	while (ks->slot[i] != NULL) {
		if (strcmp(ks->slot[i], key) == 0)
			return false;
		i = (i + 1) & (ks->cap - 1);
	}
	ks->slot[i] = key;
	return true;
}

void
feed_merge(struct feed *into, struct feed *from)
{
	struct keyset ks;
	size_t i, n;

	if (from == NULL)
		return;
	for (ks.cap = 16; ks.cap < 2 * (into->nitems + from->nitems);)
		ks.cap *= 2;
	ks.slot = xcalloc(ks.cap, sizeof(*ks.slot));
	for (i = 0; i < into->nitems; i++)
		if (item_key(&into->items[i]) != NULL)
			keyset_add(&ks, item_key(&into->items[i]));
	into->items = xreallocarray(into->items, into->nitems + from->nitems,
	    sizeof(*into->items));
	n = into->nitems;
	for (i = 0; i < from->nitems; i++) {
		struct feed_item *it = &from->items[i];

		if (item_key(it) != NULL && !keyset_add(&ks, item_key(it))) {
			feed_item_clear(it);
			continue;
		}
		into->items[n++] = *it;
		/* The strings moved: from no longer owns them. */
		memset(it, 0, sizeof(*it));
	}
	into->nitems = n;
	from->nitems = 0;
	free(ks.slot);
	feed_free(from);
}
