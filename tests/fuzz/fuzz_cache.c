/*
 * fuzz_cache -- libFuzzer target for the cache and state record formats:
 * a damaged or hostile file is refused, never half-read, never a crash.
 *
 * The input is used three ways: as a whole feed file (header checked as
 * cache_read_record does, then the section hashes, then the index of
 * section 1 decoded against section 0), as an index directly (the
 * fuzzer cannot forge the hashes), and as the read marks of
 * state_decode.
 *
 * Invariants, not only "no crash":
 * - a decoder returns 0 with a result, or -1 (or -2 for a header of
 *   another version) with a cause and nothing;
 * - what decodes encodes to bytes that decode to the same encoding again
 *   (a round trip is stable), with and without FEED_PARSE_NO_SUMMARY;
 * - a decoded entry has its URL, one first/last/current/body per post,
 *   and every body inside section 0;
 * - merging the entry with a copy of itself and expiring keep the
 *   arrays consistent; state marks survive encode/decode;
 * - everything is freed (LeakSanitizer).
 */
#include <assert.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "cache.h"
#include "feed.h"
#include "state.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define NOW ((time_t)1732975200) /* 2024-11-30T14:00:00Z */
#define LEN0 ((uint64_t)1 << 20) /* section 0 of an index read directly */

static void
check_entry(const struct cache_entry *e, uint64_t len0)
{
	size_t i;

	assert(e->url != NULL && e->feed != NULL && e->raw_len <= len0);
	assert(e->feed->nitems == 0 ||
	    (e->first_seen != NULL && e->last_seen != NULL &&
	        e->current != NULL));
	for (i = 0; i < e->feed->nitems; i++) {
		assert(e->feed->items[i].ncategories == 0 ||
		    e->feed->items[i].categories != NULL);
		assert(e->feed->items[i].content_html == NULL);
		if (e->body != NULL && e->body[i].present)
			assert(e->body[i].off <= len0 &&
			    e->body[i].len <= len0 - e->body[i].off);
	}
}

/* encode(decode(p)) decodes again, to the same bytes. */
static void
round_trip(const struct cache_entry *e, uint64_t len0, unsigned flags)
{
	struct cache_entry *e2 = NULL;
	struct buf a, b;
	char *cause = NULL;

	buf_init(&a, BUF_NOLIMIT);
	buf_init(&b, BUF_NOLIMIT);
	cache_feed_encode(e, &a);
	assert(cache_feed_decode(a.data, a.len, len0, flags, &e2, &cause) ==
	    0);
	assert(cause == NULL);
	check_entry(e2, len0);
	cache_feed_encode(e2, &b);
	assert(a.len == b.len && memcmp(a.data, b.data, a.len) == 0);
	cache_entry_free(e2);
	buf_clear(&a);
	buf_clear(&b);
}

static void
index_section(const uint8_t *p, size_t n, uint64_t len0)
{
	struct cache_entry *e = NULL, *copy = NULL, *m;
	struct buf enc;
	char *cause = NULL;
	unsigned flags;
	size_t nitems;

	for (flags = 0; flags <= FEED_PARSE_NO_SUMMARY;
	     flags += FEED_PARSE_NO_SUMMARY) {
		e = NULL;
		if (cache_feed_decode(p, n, len0, flags, &e, &cause) != 0) {
			assert(e == NULL && cause != NULL);
			free(cause);
			cause = NULL;
			return;
		}
		assert(cause == NULL);
		check_entry(e, len0);
		round_trip(e, len0, flags);
		if (flags == 0)
			break;
		cache_entry_free(e);
	}

	/* A fresh parse that is the same feed: every post kept, once. */
	buf_init(&enc, BUF_NOLIMIT);
	cache_feed_encode(e, &enc);
	assert(cache_feed_decode(enc.data, enc.len, len0, 0, &copy, &cause) ==
	    0);
	buf_clear(&enc);
	nitems = e->feed->nitems;
	m = cache_merge(e, copy->feed, NOW, 30);
	copy->feed = NULL;
	cache_entry_free(copy);
	assert(m != NULL && m->feed != NULL && m->feed->nitems >= nitems);
	m->url = strdup("https://fuzz.example/feed");
	assert(m->url != NULL);
	check_entry(m, len0);
	cache_expire(m, NOW + 400 * 86400, 30);
	check_entry(m, len0);
	round_trip(m, len0, 0);
	cache_entry_free(m);
	cache_entry_free(e);
}

static void
record_file(const uint8_t *p, size_t n)
{
	struct cache_hdr h;
	char *cause = NULL;
	int rc;

	rc = cache_hdr_decode(p, n, CACHE_FEED_MAGIC, CACHE_FEED_VERSION,
	    (uint64_t)n, &h, &cause);
	if (rc != 0) {
		assert((rc == -1 || rc == -2) && cause != NULL);
		free(cause);
		return;
	}
	assert(cause == NULL);
	assert(CACHE_HDR_SIZE + h.len[0] + h.len[1] == n);
	if (cache_hash(p + CACHE_HDR_SIZE, h.len[0]) != h.hash[0] ||
	    cache_hash(p + CACHE_HDR_SIZE + h.len[0], h.len[1]) != h.hash[1])
		return;
	index_section(p + CACHE_HDR_SIZE + h.len[0], h.len[1], h.len[0]);
}
static void
state_section(const uint8_t *p, size_t n)
{
	struct state *st = state_new(), *st2 = state_new();
	struct buf a, b;
	char *cause = NULL;

	/* An unsaved change must survive a failed and a good decode. */
	state_set_read(st, "pending", true, NOW);
	if (state_decode(st, p, n, &cause) != 0) {
		assert(cause != NULL);
		free(cause);
		assert(state_is_read(st, "pending") && state_count(st) == 1);
		goto out;
	}
	assert(state_is_read(st, "pending"));
	buf_init(&a, BUF_NOLIMIT);
	buf_init(&b, BUF_NOLIMIT);
	state_encode(st, NOW, -1, &a);
	assert(state_decode(st2, a.data, a.len, &cause) == 0);
	assert(state_count(st2) == state_count(st));
	state_encode(st2, NOW, -1, &b);
	assert(a.len == b.len);
	buf_clear(&a);
	buf_clear(&b);
out:
	state_free(st);
	state_free(st2);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	record_file(data, size);
	index_section(data, size, LEN0);
	state_section(data, size);
	return 0;
}
