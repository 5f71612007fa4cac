/*
 * cache -- the feed and page entries of the cache directory.
 */
#include "cache.h"

#include <sys/stat.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

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

struct cache_file {
	int fd;
	char *path; /* where it was opened, to move it aside when damaged */
	dev_t dev;  /* and its identity then */
	ino_t ino;
};

static struct cache_file *
file_new(int fd, const char *path)
{
	struct cache_file *f = xcalloc(1, sizeof(*f));
	struct stat st;

	f->fd = fd;
	f->path = xstrdup(path);
	if (fstat(fd, &st) == 0) {
		f->dev = st.st_dev;
		f->ino = st.st_ino;
	}
	return f;
}

void
cache_file_close(struct cache_file *f)
{
	if (f == NULL)
		return;
	close(f->fd);
	free(f->path);
	free(f);
}

int
cache_body_read(const struct cache_file *f, const struct cache_body *b,
    char **out, char **cause)
{
	struct stat st;
	struct buf data;

	if (cache_read_at(f->fd, CACHE_HDR_SIZE + b->off, b->len, &data) ==
	    -1) {
		*cause = xasprintf("%s: %s", f->path, strerror(errno));
		return -1;
	}
	if (cache_hash(data.data, data.len) != b->hash ||
	    memchr(data.data, '\0', data.len) != NULL) {
		buf_clear(&data);
		/* Unless a newer entry has taken its place meanwhile. */
		if (stat(f->path, &st) == 0 && st.st_dev == f->dev &&
		    st.st_ino == f->ino)
			cache_move_aside(f->path, cause,
			    "damaged (bad checksum of a post's body)");
		else
			*cause = xasprintf("%s: damaged (bad checksum of a "
			                   "post's body)",
			    f->path);
		return -1;
	}
	*out = buf_detach(&data, NULL);
	return 0;
}

/* Read the bodies of every post of e that has one into content_html. */
static int
read_bodies(struct cache_entry *e, const struct cache_file *f, char **cause)
{
	struct feed *feed = e->feed;
	size_t i;

	for (i = 0; i < feed->nitems; i++) {
		if (!e->body[i].present || feed->items[i].content_html != NULL)
			continue;
		if (cache_body_read(f, &e->body[i],
		        &feed->items[i].content_html, cause) == -1)
			return -1;
	}
	return 0;
}

int
cache_feed_get(struct cache *c, const char *url, unsigned flags,
    struct cache_entry **out, struct cache_file **file, char **warning)
{
	struct cache_hdr h;
	struct cache_map m;
	struct cache_entry *e = NULL;
	struct cache_file *f = NULL;
	char name[32], *cause = NULL, *path;
	time_t t;
	int fd = -1, rc;

	key_name(url, "", name);
	path = xasprintf("%s/%s", c->feeds, name);
	rc = cache_open_record(path, CACHE_FEED_MAGIC, CACHE_FEED_VERSION, &fd,
	    &h, warning);
	if (rc != 1)
		goto out;
	rc = -1;
	switch (cache_map_section(fd, &h, 1, &m, &cause)) {
	case -2:
		cache_move_aside(path, warning, cause);
		goto out;
	case -1:
		*warning = xasprintf("%s: %s", path, cause);
		goto out;
	}
	rc = cache_feed_decode(m.p, m.n, h.len[0],
	    flags & FEED_PARSE_NO_SUMMARY, &e, &cause);
	cache_unmap(&m);
	if (rc == -1) {
		/* The checksum matched: written by a buggy or other program. */
		cache_move_aside(path, warning, cause);
		goto out;
	}
	if (strcmp(e->url, url) != 0) {
		/* Another URL with the same hash: a miss. */
		rc = 0;
		goto out;
	}
	f = file_new(fd, path);
	fd = -1;
	rc = -1;
	if ((flags & FEED_PARSE_NO_CONTENT) == 0 &&
	    read_bodies(e, f, warning) == -1)
		goto out;
	t = checked_time(c, url);
	if (t > e->checked)
		e->checked = t;
	*out = e;
	e = NULL;
	if (file != NULL) {
		*file = f;
		f = NULL;
	}
	rc = 1;
out:
	if (fd != -1)
		close(fd);
	cache_file_close(f);
	cache_entry_free(e);
	free(cause);
	free(path);
	return rc;
}

int
cache_feed_body(struct cache *c, const char *url, struct buf *out,
    char **warning)
{
	struct buf s1;
	struct cache_entry *e = NULL;
	char name[32], *cause = NULL;
	int rc;

	key_name(url, "", name);
	rc = cache_read_record(c->feeds, name, CACHE_FEED_MAGIC,
	    CACHE_FEED_VERSION, out, &s1, warning);
	if (rc != 1)
		return rc;
	if (cache_feed_decode(s1.data, s1.len, out->len, FEED_PARSE_NO_SUMMARY,
	        &e, &cause) == -1 ||
	    strcmp(e->url, url) != 0) {
		buf_clear(out);
		rc = 0;
	} else {
		/* The raw body opens section 0. */
		out->len = (size_t)e->raw_len;
		out->data[out->len] = '\0';
	}
	cache_entry_free(e);
	free(cause);
	buf_clear(&s1);
	return rc;
}

struct cache_writer {
	struct cache_rec_writer *rec;
};

struct cache_writer *
cache_feed_begin(struct cache *c, const char *url, char **cause)
{
	struct cache_writer *w;
	struct cache_rec_writer *rec;
	char name[32];

	key_name(url, "", name);
	rec = cache_rec_begin(c->feeds, name, cause);
	if (rec == NULL)
		return NULL;
	w = xcalloc(1, sizeof(*w));
	w->rec = rec;
	return w;
}

int
cache_feed_write(struct cache_writer *w, const void *p, size_t n, char **cause)
{
	return cache_rec_add(w->rec, p, n, cause);
}

void
cache_feed_abort(struct cache_writer *w)
{
	if (w == NULL)
		return;
	cache_rec_abort(w->rec);
	free(w);
}

/* Append post i's body to the new file and note where it went. */
static int
put_body(struct cache_writer *w, struct cache_entry *e, size_t i,
    const struct cache_file *from, char **cause)
{
	struct feed_item *it = &e->feed->items[i];
	struct cache_body *b = &e->body[i];
	char *copy = NULL, *why = NULL;
	const char *p = it->content_html;
	size_t n;
	int rc;

	if (p == NULL && b->present && from != NULL) {
		/* A kept post's body, still in the old file. */
		if (cache_body_read(from, b, &copy, &why) == -1) {
			free(why); /* the old file is moved aside: lose it */
			b->present = false;
			return 0;
		}
		p = copy;
	}
	if (p == NULL) {
		b->present = false;
		return 0;
	}
	n = strlen(p);
	b->present = true;
	b->off = cache_rec_len(w->rec);
	b->len = n;
	b->hash = cache_hash(p, n);
	rc = cache_rec_add(w->rec, p, n, cause);
	free(copy);
	return rc;
}

int
cache_feed_commit(struct cache_writer *w, struct cache_entry *e,
    const struct cache_file *from, bool keep_content, struct cache_file **out,
    char **cause)
{
	struct cache_body *saved = NULL;
	struct buf s1;
	struct feed *f = e->feed;
	char *path = NULL;
	size_t i;
	int fd = -1, rc = -1;

	buf_init(&s1, BUF_NOLIMIT);
	e->raw_len = cache_rec_len(w->rec);
	if (e->body == NULL)
		e->body = xcalloc(f->nitems + 1, sizeof(*e->body));
	else if (f->nitems > 0) {
		saved = xreallocarray(NULL, f->nitems, sizeof(*saved));
		memcpy(saved, e->body, f->nitems * sizeof(*saved));
	}
	for (i = 0; i < f->nitems; i++)
		if (put_body(w, e, i, from, cause) == -1)
			goto out;
	cache_feed_encode(e, &s1);
	path = xstrdup(cache_rec_path(w->rec));
	fd = cache_rec_finish(w->rec, CACHE_FEED_MAGIC, CACHE_FEED_VERSION,
	    s1.data, s1.len, cause);
	w->rec = NULL;
	if (fd == -1)
		goto out;
	if (!keep_content)
		for (i = 0; i < f->nitems; i++)
			if (e->body[i].present) {
				free(f->items[i].content_html);
				f->items[i].content_html = NULL;
			}
	if (out != NULL)
		*out = file_new(fd, path);
	else
		close(fd);
	rc = 0;
out:
	if (rc == -1 && saved != NULL)
		memcpy(e->body, saved, f->nitems * sizeof(*saved));
	free(saved);
	free(path);
	buf_clear(&s1);
	cache_feed_abort(w);
	return rc;
}

int
cache_feed_put(struct cache *c, struct cache_entry *e, const char *body,
    size_t len, char **cause)
{
	struct cache_writer *w;

	w = cache_feed_begin(c, e->url, cause);
	if (w == NULL)
		return -1;
	if (body != NULL && cache_feed_write(w, body, len, cause) == -1) {
		cache_feed_abort(w);
		return -1;
	}
	return cache_feed_commit(w, e, NULL, true, NULL, cause);
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
