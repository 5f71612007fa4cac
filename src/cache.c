/*
 * cache -- the feed and page entries of the cache directory.
 */
#include "cache.h"

#include <unistd.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

#define CHECK_MAGIC "IFPNchkd"
#define PAGE_MAGIC "IFPNpage"
#define PAGE_VERSION 1

struct cache {
	char *dir;   /* the cache directory */
	char *feeds; /* dir/feeds */
	char *pages; /* dir/pages */
	int lockfd;  /* dir/lock while locked, else -1 */
};

struct cache *
cache_open(const char *dir, char **cause)
{
	struct cache *c;
	char *base;

	base = dir != NULL ? xstrdup(dir)
	                   : cache_xdg_dir("XDG_CACHE_HOME", ".cache");
	if (base == NULL) {
		*cause = xstrdup("no cache directory: HOME is not set");
		return NULL;
	}
	c = xcalloc(1, sizeof(*c));
	c->dir = base;
	c->feeds = xasprintf("%s/feeds", base);
	c->pages = xasprintf("%s/pages", base);
	c->lockfd = -1;
	if (cache_mkdirs(c->feeds, cause) == -1 ||
	    cache_mkdirs(c->pages, cause) == -1) {
		cache_free(c);
		return NULL;
	}
	cache_sweep_temps(c->feeds);
	cache_sweep_temps(c->pages);
	return c;
}

void
cache_free(struct cache *c)
{
	if (c == NULL)
		return;
	cache_unlock(c);
	free(c->dir);
	free(c->feeds);
	free(c->pages);
	free(c);
}

const char *
cache_path(const struct cache *c)
{
	return c->dir;
}

int
cache_lock(struct cache *c, char **cause)
{
	if (c->lockfd != -1)
		return 0;
	c->lockfd = cache_lock_dir(c->dir, cause);
	return c->lockfd == -1 ? -1 : 0;
}

void
cache_unlock(struct cache *c)
{
	if (c != NULL && c->lockfd != -1) {
		close(c->lockfd); /* releases the flock */
		c->lockfd = -1;
	}
}

/* The file name of url's entry: 16 hex digits of its hash. */
static void
key_name(const char *url, const char *suffix, char out[32])
{
	snprintf(out, 32, "%016llx%s",
	    (unsigned long long)cache_hash(url, strlen(url)), suffix);
}

static void
make_hdr(struct cache_hdr *h, const char *magic, uint32_t version,
    const void *s0, size_t n0, const void *s1, size_t n1)
{
	memcpy(h->magic, magic, CACHE_MAGIC_LEN);
	h->version = version;
	h->len[0] = n0;
	h->hash[0] = cache_hash(s0, n0);
	h->len[1] = n1;
	h->hash[1] = cache_hash(s1, n1);
}

/* The time of the last 304, or 0. */
static time_t
checked_time(struct cache *c, const char *url)
{
	struct buf s0;
	struct cache_rd rd;
	char name[32], *warning = NULL, *u;
	time_t t = 0;

	key_name(url, ".t", name);
	if (cache_read_record(c->feeds, name, CHECK_MAGIC, 1, &s0, NULL,
	        &warning) == 1) {
		rd.p = (const unsigned char *)s0.data;
		rd.end = rd.p + s0.len;
		rd.bad = false;
		u = cache_get_str(&rd);
		t = (time_t)cache_get_int(&rd);
		if (rd.bad || u == NULL || strcmp(u, url) != 0)
			t = 0;
		free(u);
	}
	/* A bad check time only costs one extra request: not worth a word. */
	free(warning);
	buf_clear(&s0);
	return t;
}

int
cache_feed_get(struct cache *c, const char *url, unsigned flags,
    struct cache_entry **out, char **warning)
{
	struct cache_map m;
	struct cache_entry *e = NULL;
	char name[32], *cause = NULL, *path;
	time_t t;
	int rc;

	key_name(url, "", name);
	rc = cache_map_record(c->feeds, name, CACHE_FEED_MAGIC,
	    CACHE_FEED_VERSION, &m, warning);
	if (rc != 1)
		return rc;
	rc = cache_feed_decode(m.s0, m.n0, flags, &e, &cause);
	cache_unmap(&m);
	if (rc == -1) {
		/* The checksum matched: written by a buggy or other program. */
		path = xasprintf("%s/%s", c->feeds, name);
		cache_move_aside(path, warning, cause);
		free(path);
		goto out;
	}
	if (strcmp(e->url, url) != 0) {
		/* Another URL with the same hash: a miss. */
		cache_entry_free(e);
		rc = 0;
		goto out;
	}
	t = checked_time(c, url);
	if (t > e->checked)
		e->checked = t;
	*out = e;
	rc = 1;
out:
	free(cause);
	return rc;
}

int
cache_feed_body(struct cache *c, const char *url, struct buf *out,
    char **warning)
{
	struct buf s0;
	struct cache_rd rd;
	char name[32], *u;
	int rc;

	key_name(url, "", name);
	rc = cache_read_record(c->feeds, name, CACHE_FEED_MAGIC,
	    CACHE_FEED_VERSION, &s0, out, warning);
	if (rc != 1)
		return rc;
	rd.p = (const unsigned char *)s0.data;
	rd.end = rd.p + s0.len;
	rd.bad = false;
	u = cache_get_str(&rd);
	if (u == NULL || strcmp(u, url) != 0) {
		buf_clear(out);
		rc = 0;
	}
	free(u);
	buf_clear(&s0);
	return rc;
}

int
cache_feed_put(struct cache *c, const struct cache_entry *e, const char *body,
    size_t len, char **cause)
{
	struct buf s0;
	struct cache_hdr h;
	char name[32];
	int rc;

	buf_init(&s0, BUF_NOLIMIT);
	cache_feed_encode(e, &s0);
	make_hdr(&h, CACHE_FEED_MAGIC, CACHE_FEED_VERSION, s0.data, s0.len,
	    body, body != NULL ? len : 0);
	key_name(e->url, "", name);
	rc = cache_write_atomic(c->feeds, name, &h, s0.data, body, cause);
	buf_clear(&s0);
	return rc;
}

int
cache_feed_touch(struct cache *c, const char *url, time_t t, char **cause)
{
	struct buf s0;
	struct cache_hdr h;
	char name[32];
	int rc;

	buf_init(&s0, BUF_NOLIMIT);
	cache_put_str(&s0, url);
	cache_put_int(&s0, (int64_t)t);
	make_hdr(&h, CHECK_MAGIC, 1, s0.data, s0.len, NULL, 0);
	key_name(url, ".t", name);
	rc = cache_write_atomic(c->feeds, name, &h, s0.data, NULL, cause);
	buf_clear(&s0);
	return rc;
}

int
cache_page_get(struct cache *c, const char *url, char **data, size_t *len,
    time_t *stored, char **warning)
{
	struct buf s0, s1;
	struct cache_rd rd;
	char name[32], *u;
	time_t t;
	int rc;

	key_name(url, "", name);
	rc = cache_read_record(c->pages, name, PAGE_MAGIC, PAGE_VERSION, &s0,
	    &s1, warning);
	if (rc != 1)
		return rc;
	rd.p = (const unsigned char *)s0.data;
	rd.end = rd.p + s0.len;
	rd.bad = false;
	u = cache_get_str(&rd);
	t = (time_t)cache_get_int(&rd);
	if (rd.bad || u == NULL || strcmp(u, url) != 0) {
		buf_clear(&s1);
		rc = 0;
	} else {
		*stored = t;
		*data = buf_detach(&s1, len);
	}
	free(u);
	buf_clear(&s0);
	return rc;
}

int
cache_page_put(struct cache *c, const char *url, const char *data, size_t len,
    time_t now, char **cause)
{
	struct buf s0;
	struct cache_hdr h;
	char name[32];
	int rc;

	buf_init(&s0, BUF_NOLIMIT);
	cache_put_str(&s0, url);
	cache_put_int(&s0, (int64_t)now);
	make_hdr(&h, PAGE_MAGIC, PAGE_VERSION, s0.data, s0.len, data, len);
	key_name(url, "", name);
	rc = cache_write_atomic(c->pages, name, &h, s0.data, data, cause);
	buf_clear(&s0);
	return rc;
}
