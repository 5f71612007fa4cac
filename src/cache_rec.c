/*
 * cache_rec -- the record-file format and the encoding of cached feeds.
 *
 * Pure: bytes in, bytes out.  All integers are little-endian; varints are
 * LEB128 (signed ones zigzag-encoded); a string is a varint of its length
 * plus one (0 = NULL) and the bytes, without the NUL.
 */
#include "cache.h"

#include <stdlib.h>
#include <string.h>

#include "util.h"

/*
 * cache_hash: xxHash64's construction (four accumulators over 32-byte
 * stripes, then the tail), written from its specification.  It checks for
 * accidents (torn writes, bit rot, truncation), not for malice.
 */
#define P1 0x9E3779B185EBCA87ull
#define P2 0xC2B2AE3D27D4EB4Full
#define P3 0x165667B19E3779F9ull
#define P4 0x85EBCA77C2B2AE63ull
#define P5 0x27D4EB2F165667C5ull

static uint64_t
rotl(uint64_t x, int r)
{
	return (x << r) | (x >> (64 - r));
}

static uint64_t
load64(const unsigned char *p)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	uint64_t v;

	/* One load, where the byte order allows: the hash runs at memory
	 * speed over a big feed's bodies. */
	memcpy(&v, p, sizeof(v));
	return v;
#else
	return (uint64_t)p[0] | (uint64_t)p[1] << 8 | (uint64_t)p[2] << 16 |
	    (uint64_t)p[3] << 24 | (uint64_t)p[4] << 32 | (uint64_t)p[5] << 40 |
	    (uint64_t)p[6] << 48 | (uint64_t)p[7] << 56;
#endif
}

static uint32_t
load32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	    (uint32_t)p[3] << 24;
}

static void
store64(unsigned char *p, uint64_t v)
{
	int i;

	for (i = 0; i < 8; i++)
		p[i] = (unsigned char)(v >> (8 * i));
}

static void
store32(unsigned char *p, uint32_t v)
{
	int i;

	for (i = 0; i < 4; i++)
		p[i] = (unsigned char)(v >> (8 * i));
}

static uint64_t
lane(uint64_t acc, uint64_t in)
{
	acc += in * P2;
	acc = rotl(acc, 31);
	return acc * P1;
}

static uint64_t
fold(uint64_t acc, uint64_t v)
{
	acc ^= lane(0, v);
	return acc * P1 + P4;
}

void
cache_hash_init(struct cache_hasher *hs)
{
	hs->v[0] = P1 + P2;
	hs->v[1] = P2;
	hs->v[2] = 0;
	hs->v[3] = -P1;
	hs->nbuf = 0;
	hs->total = 0;
}

/* Hash the 32-byte stripes of p[0..n) into v; returns the bytes used. */
static size_t
stripes(uint64_t v[4], const unsigned char *p, size_t n)
{
	uint64_t v0 = v[0], v1 = v[1], v2 = v[2], v3 = v[3];
	size_t i;

	for (i = 0; n - i >= 32; i += 32) {
		v0 = lane(v0, load64(p + i));
		v1 = lane(v1, load64(p + i + 8));
		v2 = lane(v2, load64(p + i + 16));
		v3 = lane(v3, load64(p + i + 24));
	}
	v[0] = v0;
	v[1] = v1;
	v[2] = v2;
	v[3] = v3;
	return i;
}

void
cache_hash_update(struct cache_hasher *hs, const void *data, size_t len)
{
	const unsigned char *p = data, *end = p + len;
	size_t n;

	if (len == 0)
		return;
	hs->total += len;
	if (hs->nbuf > 0) {
		n = sizeof(hs->buf) - hs->nbuf;
		if (n > len)
			n = len;
		memcpy(hs->buf + hs->nbuf, p, n);
		hs->nbuf += n;
		p += n;
		if (hs->nbuf < sizeof(hs->buf))
			return;
		stripes(hs->v, hs->buf, sizeof(hs->buf));
		hs->nbuf = 0;
	}
	p += stripes(hs->v, p, (size_t)(end - p));
	memcpy(hs->buf, p, (size_t)(end - p));
	hs->nbuf = (size_t)(end - p);
}

uint64_t
cache_hash_final(const struct cache_hasher *hs)
{
	const unsigned char *p = hs->buf, *end = p + hs->nbuf;
	const uint64_t *v = hs->v;
	uint64_t h;

	if (hs->total >= 32) {
		h = rotl(v[0], 1) + rotl(v[1], 7) + rotl(v[2], 12) +
		    rotl(v[3], 18);
		h = fold(h, v[0]);
		h = fold(h, v[1]);
		h = fold(h, v[2]);
		h = fold(h, v[3]);
	} else
		h = P5;
	h += hs->total;
	for (; end - p >= 8; p += 8)
		h = rotl(h ^ lane(0, load64(p)), 27) * P1 + P4;
	if (end - p >= 4) {
		h = rotl(h ^ (uint64_t)load32(p) * P1, 23) * P2 + P3;
		p += 4;
	}
	for (; p < end; p++)
		h = rotl(h ^ (uint64_t)*p * P5, 11) * P1;
	h ^= h >> 33;
	h *= P2;
	h ^= h >> 29;
	h *= P3;
	h ^= h >> 32;
	return h;
}

uint64_t
cache_hash(const void *data, size_t len)
{
	struct cache_hasher hs;

	cache_hash_init(&hs);
	cache_hash_update(&hs, data, len);
	return cache_hash_final(&hs);
}

/*
 * Header: magic[8] version[4] zero[4] len0[8] hash0[8] len1[8] hash1[8]
 * hash of the first 48 bytes[8].
 */
void
cache_hdr_encode(const struct cache_hdr *h, unsigned char out[CACHE_HDR_SIZE])
{
	memcpy(out, h->magic, CACHE_MAGIC_LEN);
	store32(out + 8, h->version);
	store32(out + 12, 0);
	store64(out + 16, h->len[0]);
	store64(out + 24, h->hash[0]);
	store64(out + 32, h->len[1]);
	store64(out + 40, h->hash[1]);
	store64(out + 48, cache_hash(out, 48));
}

int
cache_hdr_decode(const unsigned char *p, size_t n, const char *magic,
    uint32_t version, uint64_t file_size, struct cache_hdr *out, char **cause)
{
	struct cache_hdr h;

	if (n < CACHE_HDR_SIZE) {
		*cause = xasprintf("truncated (%zu bytes)", n);
		return -1;
	}
	if (memcmp(p, magic, CACHE_MAGIC_LEN) != 0) {
		*cause = xstrdup("not an ifpnews file (bad magic)");
		return -1;
	}
	if (load64(p + 48) != cache_hash(p, 48)) {
		*cause = xstrdup("damaged header (bad checksum)");
		return -1;
	}
	memcpy(h.magic, p, CACHE_MAGIC_LEN);
	h.version = load32(p + 8);
	h.len[0] = load64(p + 16);
	h.hash[0] = load64(p + 24);
	h.len[1] = load64(p + 32);
	h.hash[1] = load64(p + 40);
	if (h.version != version) {
		*cause =
		    xasprintf("format version %u, not %u", h.version, version);
		return -2;
	}
	if (h.len[0] > file_size - CACHE_HDR_SIZE ||
	    h.len[1] > file_size - CACHE_HDR_SIZE - h.len[0] ||
	    (file_size != UINT64_MAX &&
	        CACHE_HDR_SIZE + h.len[0] + h.len[1] != file_size)) {
		*cause = xasprintf("truncated or extended (%llu bytes, "
		                   "expected %llu)",
		    (unsigned long long)file_size,
		    (unsigned long long)(CACHE_HDR_SIZE + h.len[0] + h.len[1]));
		return -1;
	}
	*out = h;
	return 0;
}

void
cache_put_uint(struct buf *b, uint64_t v)
{
	unsigned char tmp[10];
	size_t n = 0;

	do {
		tmp[n] = (unsigned char)(v & 0x7f);
		v >>= 7;
		if (v != 0)
			tmp[n] |= 0x80;
		n++;
	} while (v != 0);
	if (buf_add(b, tmp, n) == -1)
		die("cache: record larger than its buffer");
}

void
cache_put_int(struct buf *b, int64_t v)
{
	cache_put_uint(b, ((uint64_t)v << 1) ^ (v < 0 ? ~(uint64_t)0 : 0));
}

void
cache_put_str(struct buf *b, const char *s)
{
	size_t n;

	if (s == NULL) {
		cache_put_uint(b, 0);
		return;
	}
	n = strlen(s);
	cache_put_uint(b, (uint64_t)n + 1);
	if (buf_add(b, s, n) == -1)
		die("cache: record larger than its buffer");
}

uint64_t
cache_get_uint(struct cache_rd *rd)
{
	uint64_t v = 0;
	int shift = 0;

	/* Most numbers of an index (lengths, flags) fit in one byte. */
	if (!rd->bad && rd->p < rd->end && *rd->p < 0x80)
		return *rd->p++;
	while (!rd->bad) {
		if (rd->p == rd->end || shift > 63) {
			rd->bad = true;
			break;
		}
		v |= (uint64_t)(*rd->p & 0x7f) << shift;
		shift += 7;
		if ((*rd->p++ & 0x80) == 0)
			return v;
	}
	return 0;
}

int64_t
cache_get_int(struct cache_rd *rd)
{
	uint64_t u = cache_get_uint(rd);

	return (int64_t)(u >> 1) ^ -(int64_t)(u & 1);
}

/* The length of the next string (-1 for NULL), checked against the end. */
static int64_t
str_len(struct cache_rd *rd)
{
	uint64_t n = cache_get_uint(rd);

	if (rd->bad || n == 0)
		return -1;
	n--;
	if (n > (uint64_t)(rd->end - rd->p)) {
		rd->bad = true;
		return -1;
	}
	return (int64_t)n;
}

char *
cache_get_str(struct cache_rd *rd)
{
	int64_t n = str_len(rd);
	char *s;

	if (n < 0)
		return NULL;
	if (memchr(rd->p, '\0', (size_t)n) != NULL) {
		rd->bad = true;
		return NULL;
	}
	s = xstrndup((const char *)rd->p, (size_t)n);
	rd->p += n;
	return s;
}

void
cache_skip_str(struct cache_rd *rd)
{
	int64_t n = str_len(rd);

	if (n > 0)
		rd->p += n;
}

uint64_t
cache_get_count(struct cache_rd *rd, size_t min)
{
	uint64_t n = cache_get_uint(rd);

	if (rd->bad || n > (uint64_t)(rd->end - rd->p) / min) {
		if (n != 0)
			rd->bad = true;
		return 0;
	}
	return n;
}
