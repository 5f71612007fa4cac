/*
 * test_cache -- the record-file format, the feed encoding and the merge.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "cache.h"
#include "util.h"

#define NOW 1732975200 /* 2024-11-30T14:00:00Z */
#define DAY 86400
#define SEC0 ((uint64_t)1 << 20) /* a section 0 that holds every body */

static void
hashes_as_xxhash64_does(void **unused)
{
	(void)unused;
	/* xxHash64, seed 0: the published values. */
	assert_true(cache_hash("", 0) == 0xef46db3751d8e999ull);
	assert_true(cache_hash("a", 1) == 0xd24ec4f1a98c6e5bull);
	assert_true(cache_hash("abc", 3) == 0x44bc2cf5ad770999ull);
	assert_true(cache_hash(NULL, 0) == cache_hash("", 0));
}

static void
hashes_every_length_differently(void **unused)
{
	unsigned char b[100];
	uint64_t h[101];
	size_t i, j;

	(void)unused;
	for (i = 0; i < sizeof(b); i++)
		b[i] = (unsigned char)(i * 7 + 1);
	/* Each length (all tail paths, one and more stripes) differs. */
	for (i = 0; i <= sizeof(b); i++)
		h[i] = cache_hash(b, i);
	for (i = 0; i <= sizeof(b); i++)
		for (j = i + 1; j <= sizeof(b); j++)
			assert_true(h[i] != h[j]);
}

static void
hashes_in_pieces_as_in_one(void **unused)
{
	unsigned char b[300];
	struct cache_hasher hs;
	size_t i, cut, cut2;

	(void)unused;
	for (i = 0; i < sizeof(b); i++)
		b[i] = (unsigned char)(i * 13 + 5);
	/* Every split into three pieces, across stripes and tails. */
	for (cut = 0; cut <= 70; cut++)
		for (cut2 = cut; cut2 <= sizeof(b); cut2 += 7) {
			cache_hash_init(&hs);
			cache_hash_update(&hs, b, cut);
			cache_hash_update(&hs, b + cut, cut2 - cut);
			cache_hash_update(&hs, b + cut2, sizeof(b) - cut2);
			assert_true(
			    cache_hash_final(&hs) == cache_hash(b, sizeof(b)));
			cache_hash_init(&hs);
			cache_hash_update(&hs, b, cut2);
			assert_true(
			    cache_hash_final(&hs) == cache_hash(b, cut2));
		}
}

static void
make_hdr(struct cache_hdr *h)
{
	memset(h, 0, sizeof(*h));
	memcpy(h->magic, "IFPNtest", CACHE_MAGIC_LEN);
	h->version = 3;
	h->len[0] = 100;
	h->hash[0] = 0x1122334455667788ull;
	h->len[1] = 5;
	h->hash[1] = 42;
}

static void
header_round_trips(void **unused)
{
	struct cache_hdr h, d;
	unsigned char b[CACHE_HDR_SIZE];
	char *cause = NULL;

	(void)unused;
	make_hdr(&h);
	cache_hdr_encode(&h, b);
	assert_int_equal(cache_hdr_decode(b, sizeof(b), "IFPNtest", 3,
	                     CACHE_HDR_SIZE + 105, &d, &cause),
	    0);
	assert_int_equal(d.version, 3);
	assert_true(d.len[0] == 100 && d.len[1] == 5);
	assert_true(d.hash[0] == h.hash[0] && d.hash[1] == 42);
}

static void
header_with_any_bit_flipped_is_refused(void **unused)
{
	struct cache_hdr h, d;
	unsigned char b[CACHE_HDR_SIZE];
	char *cause;
	size_t bit;

	(void)unused;
	make_hdr(&h);
	for (bit = 0; bit < CACHE_HDR_SIZE * 8; bit++) {
		cache_hdr_encode(&h, b);
		b[bit / 8] ^= (unsigned char)(1u << (bit % 8));
		cause = NULL;
		assert_int_equal(cache_hdr_decode(b, sizeof(b), "IFPNtest", 3,
		                     UINT64_MAX, &d, &cause),
		    -1);
		assert_non_null(cause);
		free(cause);
	}
}

static void
header_refuses_wrong_size_magic_or_version(void **unused)
{
	struct cache_hdr h, d;
	unsigned char b[CACHE_HDR_SIZE];
	char *cause = NULL;

	(void)unused;
	make_hdr(&h);
	cache_hdr_encode(&h, b);
	/* Truncated file, extended file, short header. */
	assert_int_equal(cache_hdr_decode(b, sizeof(b), "IFPNtest", 3,
	                     CACHE_HDR_SIZE + 104, &d, &cause),
	    -1);
	free(cause);
	cause = NULL;
	assert_int_equal(cache_hdr_decode(b, sizeof(b), "IFPNtest", 3,
	                     CACHE_HDR_SIZE + 106, &d, &cause),
	    -1);
	free(cause);
	cause = NULL;
	assert_int_equal(cache_hdr_decode(b, 20, "IFPNtest", 3, UINT64_MAX, &d,
	                     &cause),
	    -1);
	assert_non_null(strstr(cause, "truncated"));
	free(cause);
	cause = NULL;
	assert_int_equal(cache_hdr_decode(b, sizeof(b), "IFPNxxxx", 3,
	                     UINT64_MAX, &d, &cause),
	    -1);
	assert_non_null(strstr(cause, "magic"));
	free(cause);
	cause = NULL;
	/* Another version of a sound header: -2, not damage. */
	assert_int_equal(cache_hdr_decode(b, sizeof(b), "IFPNtest", 4,
	                     UINT64_MAX, &d, &cause),
	    -2);
	assert_non_null(strstr(cause, "version"));
	free(cause);
}

static void
varints_and_strings_round_trip(void **unused)
{
	static const uint64_t u[] = {0, 1, 127, 128, 16383, 16384, UINT32_MAX,
	    (uint64_t)1 << 63, UINT64_MAX};
	static const int64_t s[] = {0, 1, -1, 63, -64, 64, INT64_MAX, INT64_MIN,
	    -1732975200};
	struct buf b;
	struct cache_rd rd;
	char *str;
	size_t i;

	(void)unused;
	buf_init(&b, BUF_NOLIMIT);
	for (i = 0; i < NITEMS(u); i++)
		cache_put_uint(&b, u[i]);
	for (i = 0; i < NITEMS(s); i++)
		cache_put_int(&b, s[i]);
	cache_put_str(&b, NULL);
	cache_put_str(&b, "");
	cache_put_str(&b, "سلام");
	rd.p = (const unsigned char *)b.data;
	rd.end = rd.p + b.len;
	rd.bad = false;
	for (i = 0; i < NITEMS(u); i++)
		assert_true(cache_get_uint(&rd) == u[i]);
	for (i = 0; i < NITEMS(s); i++)
		assert_true(cache_get_int(&rd) == s[i]);
	assert_null(cache_get_str(&rd));
	str = cache_get_str(&rd);
	assert_string_equal(str, "");
	free(str);
	str = cache_get_str(&rd);
	assert_string_equal(str, "سلام");
	free(str);
	assert_false(rd.bad);
	assert_true(rd.p == rd.end);
	/* Reading past the end sets bad and yields nothing. */
	assert_null(cache_get_str(&rd));
	assert_true(cache_get_uint(&rd) == 0);
	assert_true(rd.bad);
	buf_clear(&b);
}

static void
string_longer_than_its_section_is_refused(void **unused)
{
	struct buf b;
	struct cache_rd rd;

	(void)unused;
	buf_init(&b, BUF_NOLIMIT);
	cache_put_uint(&b, 1000); /* a 999-byte string ... */
	buf_addstr(&b, "short");  /* ... that is not there */
	rd.p = (const unsigned char *)b.data;
	rd.end = rd.p + b.len;
	rd.bad = false;
	assert_null(cache_get_str(&rd));
	assert_true(rd.bad);
	buf_clear(&b);
}

/* A feed with every field set, n items. */
static struct cache_entry *
sample(size_t n, const char *prefix, time_t seen)
{
	struct cache_entry *e = xcalloc(1, sizeof(*e));
	struct feed *f = xcalloc(1, sizeof(*f));
	struct feed_item *it;
	size_t i;

	e->url = xstrdup("https://ifpnews.com/feed/");
	e->etag = xstrdup("\"abc\"");
	e->last_modified = xstrdup("Sat, 30 Nov 2024 13:06:00 GMT");
	e->content_type = xstrdup("application/rss+xml; charset=UTF-8");
	e->fetched = e->checked = seen;
	e->feed = f;
	f->kind = FEED_KIND_RSS;
	f->title = xstrdup("IFP News");
	f->link = xstrdup("https://ifpnews.com");
	f->description = NULL;
	f->url = xstrdup("https://ifpnews.com/feed/");
	f->items = xcalloc(n + 1, sizeof(*f->items));
	e->first_seen = xcalloc(n + 1, sizeof(time_t));
	e->last_seen = xcalloc(n + 1, sizeof(time_t));
	e->current = xcalloc(n + 1, sizeof(bool));
	e->body = xcalloc(n + 1, sizeof(*e->body));
	e->raw_len = 77;
	for (i = 0; i < n; i++) {
		it = &f->items[i];
		it->id = xasprintf("%s%zu", prefix, i);
		it->title = xasprintf("Title %zu — نبيه بري", i);
		it->link = xasprintf("https://ifpnews.com/p%zu/", i);
		it->author = i % 2 ? xstrdup("Reza Khaasteh") : NULL;
		it->published = NOW - (time_t)i * 420;
		it->updated = i % 3 ? DATE_NONE : NOW;
		it->ncategories = i % 3;
		it->categories = it->ncategories
		    ? xcalloc(it->ncategories, sizeof(char *))
		    : NULL;
		if (it->ncategories > 0)
			it->categories[0] = xstrdup("Economy & Trade");
		if (it->ncategories > 1)
			it->categories[1] = xstrdup("IFP Exclusive");
		it->summary = xstrdup("An excerpt [&#8230;]");
		it->content_html = xasprintf("<p>Body %zu</p>", i);
		if (i != 2) { /* post 2 has no body in the file */
			e->body[i].present = true;
			e->body[i].off = 77 + i * 20;
			e->body[i].len = strlen(it->content_html);
			e->body[i].hash =
			    cache_hash(it->content_html, e->body[i].len);
		}
		it->base = NULL;
		it->comments =
		    xasprintf("https://ifpnews.com/p%zu/#comments", i);
		if (i == 1) {
			it->nenclosures = 1;
			it->enclosures = xcalloc(1, sizeof(*it->enclosures));
			it->enclosures[0].url = xstrdup("https://x/a.jpg");
			it->enclosures[0].type = xstrdup("image/jpeg");
			it->enclosures[0].length = 48213;
		}
		e->first_seen[i] = seen - 100;
		e->last_seen[i] = seen;
		e->current[i] = i % 2 == 0;
	}
	f->nitems = n;
	return e;
}

static void
assert_str_same(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		assert_true(a == b);
	else
		assert_string_equal(a, b);
}

static void
feed_round_trips_every_field(void **unused)
{
	struct cache_entry *e = sample(5, "id-", NOW), *d = NULL;
	struct buf b;
	char *cause = NULL;
	size_t i, j;

	(void)unused;
	buf_init(&b, BUF_NOLIMIT);
	cache_feed_encode(e, &b);
	assert_int_equal(cache_feed_decode(b.data, b.len, SEC0, 0, &d, &cause),
	    0);
	assert_str_same(d->url, e->url);
	assert_true(d->raw_len == 77);
	assert_str_same(d->etag, e->etag);
	assert_str_same(d->last_modified, e->last_modified);
	assert_str_same(d->content_type, e->content_type);
	assert_true(d->fetched == e->fetched);
	assert_int_equal(d->feed->kind, FEED_KIND_RSS);
	assert_str_same(d->feed->title, e->feed->title);
	assert_str_same(d->feed->link, e->feed->link);
	assert_null(d->feed->description);
	assert_int_equal(d->feed->nitems, 5);
	for (i = 0; i < 5; i++) {
		const struct feed_item *x = &e->feed->items[i];
		const struct feed_item *y = &d->feed->items[i];

		assert_str_same(y->id, x->id);
		assert_str_same(y->title, x->title);
		assert_str_same(y->link, x->link);
		assert_str_same(y->author, x->author);
		assert_true(y->published == x->published);
		assert_true(y->updated == x->updated);
		assert_int_equal(y->ncategories, x->ncategories);
		for (j = 0; j < x->ncategories; j++)
			assert_str_same(y->categories[j], x->categories[j]);
		assert_str_same(y->summary, x->summary);
		/* The body is not in the index, only where it is. */
		assert_null(y->content_html);
		assert_true(d->body[i].present == e->body[i].present);
		assert_true(d->body[i].off == e->body[i].off);
		assert_true(d->body[i].len == e->body[i].len);
		assert_true(d->body[i].hash == e->body[i].hash);
		assert_str_same(y->base, x->base);
		assert_str_same(y->comments, x->comments);
		assert_int_equal(y->nenclosures, x->nenclosures);
		for (j = 0; j < x->nenclosures; j++) {
			assert_str_same(y->enclosures[j].url,
			    x->enclosures[j].url);
			assert_str_same(y->enclosures[j].type,
			    x->enclosures[j].type);
			assert_true(
			    y->enclosures[j].length == x->enclosures[j].length);
		}
		assert_true(d->first_seen[i] == e->first_seen[i]);
		assert_true(d->last_seen[i] == e->last_seen[i]);
		assert_true(d->current[i] == e->current[i]);
	}
	cache_entry_free(d);
	/* Without summaries: summary is left out, the rest is there. */
	assert_int_equal(cache_feed_decode(b.data, b.len, SEC0,
	                     FEED_PARSE_NO_SUMMARY, &d, &cause),
	    0);
	assert_null(d->feed->items[2].summary);
	assert_str_same(d->feed->items[2].comments, e->feed->items[2].comments);
	cache_entry_free(d);
	buf_clear(&b);
	cache_entry_free(e);
}

static void
every_truncation_of_a_feed_is_refused(void **unused)
{
	struct cache_entry *e = sample(3, "id-", NOW), *d;
	struct buf b;
	char *cause;
	size_t n;

	(void)unused;
	buf_init(&b, BUF_NOLIMIT);
	cache_feed_encode(e, &b);
	for (n = 0; n < b.len; n++) {
		d = NULL;
		cause = NULL;
		assert_int_equal(cache_feed_decode(b.data, n, SEC0, 0, &d,
		                     &cause),
		    -1);
		assert_null(d);
		assert_non_null(cause);
		free(cause);
	}
	/* A trailing byte too. */
	buf_addch(&b, 0);
	cause = NULL;
	assert_int_equal(cache_feed_decode(b.data, b.len, SEC0, 0, &d, &cause),
	    -1);
	free(cause);
	buf_clear(&b);
	cache_entry_free(e);
}

static void
bodies_outside_section_0_are_refused(void **unused)
{
	struct cache_entry *e = sample(3, "id-", NOW), *d = NULL;
	struct buf b;
	char *cause = NULL;
	uint64_t end;

	(void)unused;
	buf_init(&b, BUF_NOLIMIT);
	cache_feed_encode(e, &b);
	/* Post 1's body ends exactly at the end of section 0: fine. */
	end = e->body[1].off + e->body[1].len;
	assert_int_equal(cache_feed_decode(b.data, b.len, end, 0, &d, &cause),
	    0);
	cache_entry_free(d);
	d = NULL;
	/* One byte less, and it sticks out. */
	assert_int_equal(cache_feed_decode(b.data, b.len, end - 1, 0, &d,
	                     &cause),
	    -1);
	assert_null(d);
	free(cause);
	cause = NULL;
	/* A raw body longer than section 0. */
	assert_int_equal(cache_feed_decode(b.data, b.len, 76, 0, &d, &cause),
	    -1);
	free(cause);
	buf_clear(&b);
	cache_entry_free(e);
}

static void
huge_counts_are_refused_before_allocating(void **unused)
{
	struct buf b;
	struct cache_entry *d = NULL;
	char *cause = NULL;
	int i;

	(void)unused;
	buf_init(&b, BUF_NOLIMIT);
	cache_put_str(&b, "https://x/");
	for (i = 0; i < 3; i++)
		cache_put_str(&b, NULL);
	cache_put_int(&b, NOW);
	cache_put_uint(&b, 0); /* raw body length */
	cache_put_uint(&b, 1);
	for (i = 0; i < 4; i++)
		cache_put_str(&b, NULL);
	cache_put_uint(&b, UINT64_MAX / 2); /* items: never allocated */
	assert_int_equal(cache_feed_decode(b.data, b.len, SEC0, 0, &d, &cause),
	    -1);
	free(cause);
	buf_clear(&b);
}

/* The index of the item with this id in f, or -1. */
static long
find_id(const struct feed *f, const char *id)
{
	size_t i;

	for (i = 0; i < f->nitems; i++)
		if (f->items[i].id != NULL && strcmp(f->items[i].id, id) == 0)
			return (long)i;
	return -1;
}

static void
merge_keeps_recent_posts_gone_from_the_feed(void **unused)
{
	struct cache_entry *old, *fresh, *m;
	struct feed *f;
	long i;

	(void)unused;
	/* old: a0..a4, last seen 3 days ago; fresh: a3, a4 and b0, b1. */
	old = sample(5, "a", NOW - 3 * DAY);
	fresh = sample(2, "b", NOW);
	f = fresh->feed;
	fresh->feed = NULL;
	f->items = xreallocarray(f->items, 4, sizeof(*f->items));
	memset(&f->items[2], 0, 2 * sizeof(*f->items));
	f->items[2].id = xstrdup("a3");
	f->items[3].id = xstrdup("a4");
	f->nitems = 4;
	cache_entry_free(fresh);

	m = cache_merge(old, f, NOW, 14);
	assert_int_equal(m->feed->nitems, 7);
	/* Fresh ones first, in their order, seen now. */
	assert_string_equal(m->feed->items[0].id, "b0");
	assert_string_equal(m->feed->items[2].id, "a3");
	assert_true(m->last_seen[2] == NOW);
	/* a3 was in the old feed: it keeps its first-seen time. */
	assert_true(m->first_seen[2] == NOW - 3 * DAY - 100);
	assert_true(m->first_seen[0] == NOW);
	/* a0..a2 kept, with their times, content moved over. */
	for (i = 0; i < 3; i++) {
		char id[32];
		long k;

		snprintf(id, sizeof(id), "a%ld", i);
		k = find_id(m->feed, id);
		assert_true(k >= 4);
		assert_true(m->last_seen[k] == NOW - 3 * DAY);
		assert_non_null(m->feed->items[k].content_html);
		/* Where its body is in the old file comes along. */
		assert_true(m->body[k].present == old->body[i].present &&
		    m->body[k].off == old->body[i].off &&
		    m->body[k].hash == old->body[i].hash);
	}
	/* The fresh posts' bodies are in memory, in no file yet. */
	assert_false(m->body[0].present);
	cache_entry_free(m);
	cache_entry_free(old);
}

static void
merge_drops_posts_after_keep_days(void **unused)
{
	struct cache_entry *old, *fresh, *m;
	struct feed *f;

	(void)unused;
	old = sample(3, "a", NOW - 15 * DAY);
	old->last_seen[1] = NOW - 13 * DAY;
	fresh = sample(1, "b", NOW);
	f = fresh->feed;
	fresh->feed = NULL;
	cache_entry_free(fresh);
	m = cache_merge(old, f, NOW, 14);
	assert_int_equal(m->feed->nitems, 2);
	assert_true(find_id(m->feed, "a1") == 1);
	assert_true(find_id(m->feed, "a0") == -1);
	cache_entry_free(m);
	cache_entry_free(old);

	/* keep_days < 0: nothing kept. */
	old = sample(3, "a", NOW);
	fresh = sample(1, "b", NOW);
	f = fresh->feed;
	fresh->feed = NULL;
	cache_entry_free(fresh);
	m = cache_merge(old, f, NOW, -1);
	assert_int_equal(m->feed->nitems, 1);
	cache_entry_free(m);
	cache_entry_free(old);
}

static void
merge_matches_by_link_when_there_is_no_id(void **unused)
{
	struct cache_entry *old, *fresh, *m;
	struct feed *f;

	(void)unused;
	old = sample(2, "a", NOW - DAY);
	/* Old item 0 has no id: its key is its link (p0), as fresh's. */
	free(old->feed->items[0].id);
	old->feed->items[0].id = NULL;
	fresh = sample(1, "b", NOW);
	f = fresh->feed;
	fresh->feed = NULL;
	free(f->items[0].id);
	f->items[0].id = NULL; /* key: link p0, as old item 0 */
	cache_entry_free(fresh);
	m = cache_merge(old, f, NOW, 14);
	/* p0 once (the fresh one, first seen when old had it), a1 kept. */
	assert_int_equal(m->feed->nitems, 2);
	assert_true(m->first_seen[0] == NOW - DAY - 100);
	assert_string_equal(m->feed->items[1].id, "a1");
	cache_entry_free(m);
	cache_entry_free(old);
}

static void
merge_without_a_cached_copy_sees_all_posts_now(void **unused)
{
	struct cache_entry *fresh, *m;
	struct feed *f;

	(void)unused;
	fresh = sample(3, "b", NOW);
	f = fresh->feed;
	fresh->feed = NULL;
	cache_entry_free(fresh);
	m = cache_merge(NULL, f, NOW, 14);
	assert_int_equal(m->feed->nitems, 3);
	assert_true(m->first_seen[1] == NOW && m->last_seen[1] == NOW);
	assert_null(m->etag);
	cache_entry_free(m);
}

static void
expire_drops_posts_that_left_the_feed_after_keep_days(void **unused)
{
	struct cache_entry *e = sample(5, "a", NOW);
	size_t i;

	(void)unused;
	/* a1 and a4 are current; the others had left the feed. */
	for (i = 0; i < 5; i++)
		e->current[i] = i == 1 || i == 4;
	e->last_seen[0] = NOW - 15 * DAY;
	e->last_seen[1] = NOW - 30 * DAY;
	e->last_seen[2] = NOW - 14 * DAY - 1;
	e->last_seen[3] = NOW - 14 * DAY;
	cache_expire(e, NOW, 14);
	assert_int_equal(e->feed->nitems, 3);
	assert_string_equal(e->feed->items[0].id, "a1");
	assert_string_equal(e->feed->items[1].id, "a3");
	assert_string_equal(e->feed->items[2].id, "a4");
	assert_true(e->current[0] && !e->current[1] && e->current[2]);
	/* Months later, the current posts are still the feed. */
	cache_expire(e, NOW + 100 * DAY, 14);
	assert_int_equal(e->feed->nitems, 2);
	assert_string_equal(e->feed->items[0].id, "a1");
	assert_string_equal(e->feed->items[1].id, "a4");
	cache_expire(e, NOW + 100 * DAY, -1);
	assert_int_equal(e->feed->nitems, 2);
	cache_entry_free(e);
}

static void
merge_counts_posts_confirmed_by_304s_as_seen_then(void **unused)
{
	struct cache_entry *old, *fresh, *m;
	struct feed *f;

	(void)unused;
	/* Fetched 20 days ago, confirmed by a 304 yesterday. */
	old = sample(2, "a", NOW - 20 * DAY);
	old->fetched = NOW - 20 * DAY;
	old->checked = NOW - DAY;
	old->current[0] = old->current[1] = true;
	fresh = sample(1, "b", NOW);
	f = fresh->feed;
	fresh->feed = NULL;
	cache_entry_free(fresh);
	m = cache_merge(old, f, NOW, 14);
	assert_int_equal(m->feed->nitems, 3);
	assert_true(m->last_seen[1] == NOW - DAY);
	assert_true(m->current[0] && !m->current[1] && !m->current[2]);
	cache_entry_free(m);
	cache_entry_free(old);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(hashes_as_xxhash64_does),
	    cmocka_unit_test(hashes_every_length_differently),
	    cmocka_unit_test(hashes_in_pieces_as_in_one),
	    cmocka_unit_test(header_round_trips),
	    cmocka_unit_test(header_with_any_bit_flipped_is_refused),
	    cmocka_unit_test(header_refuses_wrong_size_magic_or_version),
	    cmocka_unit_test(varints_and_strings_round_trip),
	    cmocka_unit_test(string_longer_than_its_section_is_refused),
	    cmocka_unit_test(feed_round_trips_every_field),
	    cmocka_unit_test(every_truncation_of_a_feed_is_refused),
	    cmocka_unit_test(bodies_outside_section_0_are_refused),
	    cmocka_unit_test(huge_counts_are_refused_before_allocating),
	    cmocka_unit_test(merge_keeps_recent_posts_gone_from_the_feed),
	    cmocka_unit_test(merge_drops_posts_after_keep_days),
	    cmocka_unit_test(merge_matches_by_link_when_there_is_no_id),
	    cmocka_unit_test(merge_without_a_cached_copy_sees_all_posts_now),
	    cmocka_unit_test(
	        expire_drops_posts_that_left_the_feed_after_keep_days),
	    cmocka_unit_test(merge_counts_posts_confirmed_by_304s_as_seen_then),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
