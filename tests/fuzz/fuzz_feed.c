/*
 * fuzz_feed -- libFuzzer target for feed_parse and the streaming parser.
 *
 * Invariants, not only "no crash":
 * - feed_parse returns 0 with a feed, or -1 with a cause, never both;
 * - every string of the feed is valid UTF-8; one-line fields (titles,
 *   authors, categories, ids, links) hold no newline or tab and no
 *   leading or trailing space; links are absolute (the feed has a URL);
 * - there are not more items than the input could spell ("<item/>" is
 *   7 bytes); dates are DATE_NONE or within years 1-9999;
 * - the same input pushed in small pieces gives the same feed when the
 *   whole parse was clean; FEED_PARSE_NO_CONTENT gives the same list;
 * - feed_sort_newest is a permutation; feed_free frees everything
 *   (LeakSanitizer).
 */
#include <assert.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "feed.h"
#include "invariants.h"
#include "uri.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define URL "https://fuzz.example/feed/"
#define T_MIN (-62135596800LL) /* 0001-01-01T00:00:00Z */
#define T_MAX 253402300799LL   /* 9999-12-31T23:59:59Z */

static void
check_line(const char *s)
{
	size_t n;

	if (s == NULL)
		return;
	inv_utf8_str(s);
	n = strlen(s);
	assert(strchr(s, '\n') == NULL && strchr(s, '\t') == NULL);
	/* Empty is allowed: <title></title> is an empty title. */
	assert(n == 0 || (s[0] != ' ' && s[n - 1] != ' '));
}

static void
check_link(const char *s)
{
	if (s == NULL)
		return;
	inv_utf8_str(s);
	assert(uri_is_absolute(s));
}

static void
check_time(time_t t)
{
	assert(
	    t == DATE_NONE || ((long long)t >= T_MIN && (long long)t <= T_MAX));
}

static void
check_feed(const struct feed *f, size_t size)
{
	const struct feed_item *it;
	size_t i, j, *order;
	bool *seen;

	assert(f->kind != FEED_KIND_UNKNOWN);
	check_line(f->title);
	check_link(f->link);
	inv_utf8_str(f->description);
	inv_utf8_str(f->damage);
	assert(f->url != NULL && strcmp(f->url, URL) == 0);
	assert(f->nitems <= size / 7);
	for (i = 0; i < f->nitems; i++) {
		it = &f->items[i];
		check_line(it->id);
		check_line(it->title);
		check_link(it->link);
		check_line(it->author);
		check_time(it->published);
		check_time(it->updated);
		for (j = 0; j < it->ncategories; j++) {
			assert(it->categories[j] != NULL);
			check_line(it->categories[j]);
		}
		inv_utf8_str(it->summary);
		inv_utf8_str(it->content_html);
		check_link(it->base);
		check_link(it->comments);
		for (j = 0; j < it->nenclosures; j++) {
			assert(it->enclosures[j].url != NULL);
			check_link(it->enclosures[j].url);
			inv_utf8_str(it->enclosures[j].type);
			assert(it->enclosures[j].length >= -1);
		}
	}
	order = calloc(f->nitems + 1, sizeof(*order));
	seen = calloc(f->nitems + 1, sizeof(*seen));
	assert(order != NULL && seen != NULL);
	feed_sort_newest(f, order);
	for (i = 0; i < f->nitems; i++) {
		assert(order[i] < f->nitems && !seen[order[i]]);
		seen[order[i]] = true;
	}
	free(order);
	free(seen);
}

static bool
same_str(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		return a == b;
	return strcmp(a, b) == 0;
}

/* a and b hold the same posts (with content unless no_content). */
static void
check_same(const struct feed *a, const struct feed *b, bool no_content)
{
	const struct feed_item *x, *y;
	size_t i, j;

	assert(a->kind == b->kind);
	assert(same_str(a->title, b->title));
	assert(same_str(a->link, b->link));
	assert(a->nitems == b->nitems);
	for (i = 0; i < a->nitems; i++) {
		x = &a->items[i];
		y = &b->items[i];
		assert(same_str(x->id, y->id));
		assert(same_str(x->title, y->title));
		assert(same_str(x->link, y->link));
		assert(same_str(x->author, y->author));
		assert(x->published == y->published);
		assert(x->updated == y->updated);
		assert(x->ncategories == y->ncategories);
		for (j = 0; j < x->ncategories; j++)
			assert(same_str(x->categories[j], y->categories[j]));
		assert(x->nenclosures == y->nenclosures);
		for (j = 0; j < x->nenclosures; j++)
			assert(same_str(x->enclosures[j].url,
			    y->enclosures[j].url));
		if (no_content)
			continue;
		assert(same_str(x->summary, y->summary));
		assert(same_str(x->content_html, y->content_html));
		assert(same_str(x->base, y->base));
		assert(same_str(x->comments, y->comments));
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct feed_parse_opts opts;
	struct feed_parser *p;
	struct feed *f = NULL, *g = NULL;
	char *cause = NULL;
	size_t off, step, n;
	int rc, rc2;

	memset(&opts, 0, sizeof(opts));
	opts.url = URL;
	rc = feed_parse((const char *)data, size, &opts, &f, &cause);
	assert((rc == 0) == (f != NULL) && (rc == 0) == (cause == NULL));
	if (rc != 0) {
		inv_utf8_str(cause);
		assert(cause[0] != '\0');
		free(cause);
		cause = NULL;
	} else
		check_feed(f, size);

	/* The same bytes in pieces of 1 to 256 bytes. */
	p = feed_parser_new(&opts);
	step = size > 0 ? 1 + data[size / 2] : 1;
	for (off = 0; off < size; off += n) {
		n = size - off < step ? size - off : step;
		if (feed_parser_push(p, (const char *)data + off, n) != 0)
			break;
	}
	rc2 = feed_parser_finish(p, &g, &cause);
	feed_parser_free(p);
	if (rc == 0 && f->damage == NULL) {
		assert(rc2 == 0 && g->damage == NULL);
		check_same(f, g, false);
	}
	feed_free(g);
	free(cause);
	cause = NULL;
	g = NULL;

	/*
	 * A plain --list reads the same posts without their content.  Of a
	 * damaged feed, what libxml2's recovery makes of the rest may hang
	 * on the bodies left out: the same for a whole one only.
	 */
	opts.flags = FEED_PARSE_NO_CONTENT | FEED_PARSE_NO_SUMMARY;
	rc2 = feed_parse((const char *)data, size, &opts, &g, &cause);
	assert(rc2 == rc);
	if (rc == 0) {
		check_feed(g, size);
		if (f->damage == NULL)
			check_same(f, g, true);
	}
	feed_free(g);
	free(cause);
	feed_free(f);
	return 0;
}
