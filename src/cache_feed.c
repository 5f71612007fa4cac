/*
 * cache_feed -- a parsed feed as a cache record, and the merge of a fresh
 * parse with the cached posts.
 *
 * Pure.  The fields are written in a fixed order with the primitives of
 * cache_rec.c; a decoder never trusts a count further than the bytes
 * left could hold.
 */
#include "cache.h"

#include <stdlib.h>
#include <string.h>

#include "util.h"

void
cache_entry_free(struct cache_entry *e)
{
	if (e == NULL)
		return;
	free(e->url);
	free(e->etag);
	free(e->last_modified);
	free(e->content_type);
	feed_free(e->feed);
	free(e->first_seen);
	free(e->last_seen);
	free(e->current);
	free(e->body);
	free(e);
}

void
cache_feed_encode(const struct cache_entry *e, struct buf *out)
{
	const struct feed *f = e->feed;
	const struct feed_item *it;
	size_t i, j;

	cache_put_str(out, e->url);
	cache_put_str(out, e->etag);
	cache_put_str(out, e->last_modified);
	cache_put_str(out, e->content_type);
	cache_put_int(out, (int64_t)e->fetched);
	cache_put_uint(out, e->raw_len);
	cache_put_uint(out, (uint64_t)f->kind);
	cache_put_str(out, f->title);
	cache_put_str(out, f->link);
	cache_put_str(out, f->description);
	cache_put_str(out, f->url);
	cache_put_uint(out, f->nitems);
	for (i = 0; i < f->nitems; i++) {
		it = &f->items[i];
		cache_put_str(out, it->id);
		cache_put_str(out, it->title);
		cache_put_str(out, it->link);
		cache_put_str(out, it->author);
		cache_put_int(out, (int64_t)it->published);
		cache_put_int(out, (int64_t)it->updated);
		cache_put_uint(out, it->ncategories);
		for (j = 0; j < it->ncategories; j++)
			cache_put_str(out, it->categories[j]);
		cache_put_str(out, it->summary);
		/* The body: its length plus one (0 = none), where, its hash. */
		if (e->body != NULL && e->body[i].present) {
			cache_put_uint(out, e->body[i].len + 1);
			cache_put_uint(out, e->body[i].off);
			cache_put_uint(out, e->body[i].hash);
		} else
			cache_put_uint(out, 0);
		cache_put_str(out, it->base);
		cache_put_str(out, it->comments);
		cache_put_uint(out, it->nenclosures);
		for (j = 0; j < it->nenclosures; j++) {
			cache_put_str(out, it->enclosures[j].url);
			cache_put_str(out, it->enclosures[j].type);
			cache_put_int(out, it->enclosures[j].length);
		}
		cache_put_int(out, (int64_t)e->first_seen[i]);
		cache_put_int(out, (int64_t)e->last_seen[i]);
		cache_put_uint(out, e->current[i] ? 1 : 0);
	}
}

static void
decode_item(struct cache_rd *rd, unsigned flags, uint64_t len0,
    struct feed_item *it, struct cache_body *body, time_t *first, time_t *last,
    bool *current)
{
	uint64_t blen;
	size_t j, n;

	it->id = cache_get_str(rd);
	it->title = cache_get_str(rd);
	it->link = cache_get_str(rd);
	it->author = cache_get_str(rd);
	it->published = (time_t)cache_get_int(rd);
	it->updated = (time_t)cache_get_int(rd);
	n = (size_t)cache_get_count(rd, 1);
	if (n > 0) {
		it->categories = xreallocarray(NULL, n, sizeof(char *));
		for (j = 0; j < n; j++)
			it->categories[j] = cache_get_str(rd);
		it->ncategories = n;
	}
	if (flags & FEED_PARSE_NO_SUMMARY)
		cache_skip_str(rd);
	else
		it->summary = cache_get_str(rd);
	blen = cache_get_uint(rd);
	if (blen > 0) {
		body->present = true;
		body->len = blen - 1;
		body->off = cache_get_uint(rd);
		body->hash = cache_get_uint(rd);
		/* Inside section 0, past the raw body. */
		if (body->off > len0 || body->len > len0 - body->off)
			rd->bad = true;
	}
	it->base = cache_get_str(rd);
	it->comments = cache_get_str(rd);
	n = (size_t)cache_get_count(rd, 3);
	if (n > 0) {
		it->enclosures = xcalloc(n, sizeof(*it->enclosures));
		for (j = 0; j < n; j++) {
			it->enclosures[j].url = cache_get_str(rd);
			it->enclosures[j].type = cache_get_str(rd);
			it->enclosures[j].length = cache_get_int(rd);
		}
		it->nenclosures = n;
	}
	*first = (time_t)cache_get_int(rd);
	*last = (time_t)cache_get_int(rd);
	*current = cache_get_uint(rd) != 0;
}

int
cache_feed_decode(const void *p, size_t n, uint64_t len0, unsigned flags,
    struct cache_entry **out, char **cause)
{
	struct cache_rd rd = {p, (const unsigned char *)p + n, false};
	struct cache_entry *e;
	struct feed *f;
	uint64_t kind;
	size_t i, count;

	e = xcalloc(1, sizeof(*e));
	e->feed = f = xcalloc(1, sizeof(*f));
	e->url = cache_get_str(&rd);
	e->etag = cache_get_str(&rd);
	e->last_modified = cache_get_str(&rd);
	e->content_type = cache_get_str(&rd);
	e->fetched = (time_t)cache_get_int(&rd);
	e->checked = e->fetched;
	e->raw_len = cache_get_uint(&rd);
	if (e->raw_len > len0)
		rd.bad = true;
	kind = cache_get_uint(&rd);
	f->kind =
	    kind <= FEED_KIND_ATOM ? (enum feed_kind)kind : FEED_KIND_UNKNOWN;
	f->title = cache_get_str(&rd);
	f->link = cache_get_str(&rd);
	f->description = cache_get_str(&rd);
	f->url = cache_get_str(&rd);
	/* An item takes at least 15 bytes: 7 empty strings, 8 numbers. */
	count = (size_t)cache_get_count(&rd, 15);
	if (count > 0) {
		f->items = xcalloc(count, sizeof(*f->items));
		e->body = xcalloc(count, sizeof(*e->body));
		e->first_seen = xreallocarray(NULL, count, sizeof(time_t));
		e->last_seen = xreallocarray(NULL, count, sizeof(time_t));
		e->current = xreallocarray(NULL, count, sizeof(bool));
	}
	for (i = 0; i < count && !rd.bad; i++) {
		decode_item(&rd, flags, len0, &f->items[i], &e->body[i],
		    &e->first_seen[i], &e->last_seen[i], &e->current[i]);
		f->nitems = i + 1;
	}
	if (rd.bad || rd.p != rd.end || e->url == NULL) {
		*cause = xstrdup(rd.bad || e->url == NULL
		        ? "bad record (cut short or malformed)"
		        : "bad record (trailing bytes)");
		cache_entry_free(e);
		return -1;
	}
	*out = e;
	return 0;
}

/* --- Merging a fresh parse with the cached posts --- */

/* The key that identifies a post across fetches, or NULL. */
static const char *
item_key(const struct feed_item *it)
{
	return it->id != NULL ? it->id : it->link;
}

/* An open-addressing set of keys, each with the index it came from. */
struct keyset {
	const char **keys; /* borrowed */
	size_t *idx;
	size_t cap; /* a power of two */
};

static void
keyset_init(struct keyset *s, size_t n)
{
	s->cap = 16;
	while (s->cap < n * 2)
		s->cap *= 2;
	s->keys = xcalloc(s->cap, sizeof(*s->keys));
	s->idx = xcalloc(s->cap, sizeof(*s->idx));
}

static void
keyset_clear(struct keyset *s)
{
	free(s->keys);
	free(s->idx);
}

/* The slot of key: where it is, or the empty one where it would go. */
static size_t
keyset_slot(const struct keyset *s, const char *key)
{
	size_t i = (size_t)cache_hash(key, strlen(key)) & (s->cap - 1);

	while (s->keys[i] != NULL && strcmp(s->keys[i], key) != 0)
		i = (i + 1) & (s->cap - 1);
	return i;
}

struct cache_entry *
cache_merge(struct cache_entry *old, struct feed *fresh, time_t now,
    int keep_days)
{
	struct cache_entry *e;
	struct keyset oldset, newset;
	struct feed *of = old != NULL ? old->feed : NULL;
	const char *key;
	size_t i, slot, n, nold = of != NULL ? of->nitems : 0;
	time_t horizon = now - (time_t)keep_days * 86400;

	e = xcalloc(1, sizeof(*e));
	e->feed = fresh;
	keyset_init(&oldset, nold);
	keyset_init(&newset, fresh->nitems + nold);
	for (i = 0; i < nold; i++) {
		key = item_key(&of->items[i]);
		if (key == NULL)
			continue;
		slot = keyset_slot(&oldset, key);
		if (oldset.keys[slot] == NULL) {
			oldset.keys[slot] = key;
			oldset.idx[slot] = i;
		}
	}

	n = fresh->nitems;
	e->first_seen = xreallocarray(NULL, n + nold + 1, sizeof(time_t));
	e->last_seen = xreallocarray(NULL, n + nold + 1, sizeof(time_t));
	e->current = xreallocarray(NULL, n + nold + 1, sizeof(bool));
	/* Fresh posts have their bodies in memory: none in a file yet. */
	e->body = xcalloc(n + nold + 1, sizeof(*e->body));
	for (i = 0; i < n; i++) {
		e->first_seen[i] = e->last_seen[i] = now;
		e->current[i] = true;
		key = item_key(&fresh->items[i]);
		if (key == NULL)
			continue;
		slot = keyset_slot(&newset, key);
		newset.keys[slot] = key;
		slot = keyset_slot(&oldset, key);
		if (oldset.keys[slot] != NULL &&
		    old->first_seen[oldset.idx[slot]] < now)
			e->first_seen[i] = old->first_seen[oldset.idx[slot]];
	}

	if (keep_days >= 0 && nold > 0) {
		fresh->items = xreallocarray(fresh->items, n + nold,
		    sizeof(*fresh->items));
		for (i = 0; i < nold; i++) {
			/*
			 * A post of the last 200 was in the feed until the
			 * last check (the 304s since then confirmed it).
			 */
			if (old->current[i] && old->checked > old->last_seen[i])
				old->last_seen[i] = old->checked;
			key = item_key(&of->items[i]);
			if (key == NULL || old->last_seen[i] < horizon)
				continue;
			if (newset.keys[keyset_slot(&newset, key)] != NULL)
				continue;
			/* Keep it once, even when old had it twice. */
			slot = keyset_slot(&newset, key);
			newset.keys[slot] = key;
			/* Move the item: old gives up its fields. */
			fresh->items[n] = of->items[i];
			memset(&of->items[i], 0, sizeof(of->items[i]));
			e->first_seen[n] = old->first_seen[i];
			e->last_seen[n] = old->last_seen[i];
			e->current[n] = false;
			if (old->body != NULL)
				e->body[n] = old->body[i];
			n++;
		}
		fresh->nitems = n;
	}
	keyset_clear(&oldset);
	keyset_clear(&newset);
	return e;
}

void
cache_expire(struct cache_entry *e, time_t now, int keep_days)
{
	struct feed *f = e->feed;
	time_t horizon = now - (time_t)keep_days * 86400;
	size_t i, n = 0;

	for (i = 0; i < f->nitems; i++) {
		/* The current posts are the feed: they stay. */
		if (keep_days >= 0 && !e->current[i] &&
		    e->last_seen[i] < horizon) {
			feed_item_clear(&f->items[i]);
			continue;
		}
		if (n != i) {
			f->items[n] = f->items[i];
			e->first_seen[n] = e->first_seen[i];
			e->last_seen[n] = e->last_seen[i];
			e->current[n] = e->current[i];
			if (e->body != NULL)
				e->body[n] = e->body[i];
		}
		n++;
	}
	f->nitems = n;
}
