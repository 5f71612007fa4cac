/*
 * load -- a feed from a local file, the cache, or the network.
 */
#include "load.h"

#include <sys/stat.h>

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "cache.h"
#include "util.h"

struct load_job {
	struct net_request *req; /* in flight; owned by net */
	char *url;
	struct load_opts o;
	void (*done)(struct load_result *, void *);
	void *arg;
	/* The body as it arrives: parsed, and written to the cache. */
	struct feed_parser *parser;  /* from the first byte on, or NULL */
	struct cache *cache;         /* open while writing, or NULL */
	struct cache_writer *writer; /* the new entry's file, or NULL */
	char *cache_error;           /* why the body is not being kept */
};

static void
defaults(const struct load_opts *in, struct load_opts *o)
{
	*o = *in;
	if (o->timeout_ms <= 0)
		o->timeout_ms = NET_TIMEOUT_DEFAULT;
	if (o->max_size == 0)
		o->max_size = NET_MAX_SIZE_DEFAULT;
	if (o->refresh_interval == 0)
		o->refresh_interval = LOAD_REFRESH_DEFAULT;
	if (o->keep_days == 0)
		o->keep_days = LOAD_KEEP_DAYS_DEFAULT;
}

void
load_opts_config(struct load_opts *o, const struct config *cfg)
{
	memset(o, 0, sizeof(*o));
	if (cfg == NULL)
		return;
	o->timeout_ms = cfg->timeout > 0 ? cfg->timeout * 1000 : 0;
	o->max_size = cfg->max_size;
	o->refresh_interval =
	    cfg->refresh_interval > 0 ? cfg->refresh_interval : -1;
	o->keep_days = cfg->keep_days > 0 ? cfg->keep_days : -1;
	o->user_agent = cfg->user_agent;
}

void
load_result_clear(struct load_result *res)
{
	feed_free(res->feed);
	free(res->first_seen);
	free(res->error);
	free(res->warning);
	free(res->body);
	cache_file_close(res->file);
	free(res->etag);
	free(res->last_modified);
	memset(res, 0, sizeof(*res));
}

int
load_body(struct load_result *res, size_t i, char **cause)
{
	struct feed_item *it;

	if (res->feed == NULL || i >= res->feed->nitems)
		return 0;
	it = &res->feed->items[i];
	if (it->content_html != NULL || res->body == NULL ||
	    res->file == NULL || !res->body[i].present)
		return 0;
	return cache_body_read(res->file, &res->body[i], &it->content_html,
	    cause);
}

/* Add a line to res->warning. */
static void
warn(struct load_result *res, char *msg)
{
	xlines_append(&res->warning, msg);
}

bool
load_is_local(const char *s)
{
	const char *p = s;

	if (strncasecmp(s, "file:", 5) == 0)
		return true;
	/* A scheme: ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ) "://" */
	if (!isalpha((unsigned char)*p))
		return true;
	while (
	    isalnum((unsigned char)*p) || *p == '+' || *p == '-' || *p == '.')
		p++;
	return strncmp(p, "://", 3) != 0;
}

static int
hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = tolower(c);
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

/* The file name of a path or file: URL; NULL with *cause when it has none. */
static char *
local_path(const char *s, char **cause)
{
	const char *p;
	char *out, *o;

	if (strncasecmp(s, "file:", 5) != 0)
		return xstrdup(s);
	p = s + 5;
	if (strncmp(p, "//", 2) == 0) {
		p += 2;
		if (strncasecmp(p, "localhost", 9) == 0)
			p += 9;
		if (*p != '/') {
			*cause = xstrdup("a file URL on another host");
			return NULL;
		}
	}
	if (*p != '/') {
		*cause = xstrdup("not an absolute file URL");
		return NULL;
	}
	out = o = xmalloc(strlen(p) + 1);
	for (; *p != '\0' && *p != '?' && *p != '#'; p++) {
		if (*p == '%' && hexval(p[1]) >= 0 && hexval(p[2]) >= 0) {
			*o = (char)(hexval(p[1]) * 16 + hexval(p[2]));
			if (*o == '\0') {
				free(out);
				*cause = xstrdup("a NUL byte in the file URL");
				return NULL;
			}
			o++;
			p += 2;
		} else
			*o++ = *p;
	}
	*o = '\0';
	return out;
}

static char *
size_text(size_t n)
{
	if (n >= (1ul << 20) && n % (1ul << 20) == 0)
		return xasprintf("%zu MiB", n >> 20);
	if (n >= 1024 && n % 1024 == 0)
		return xasprintf("%zu KiB", n >> 10);
	return xasprintf("%zu bytes", n);
}

#define READ_BLOCK (256 << 10) /* bytes of a local file read at a time */

/*
 * Parse a local file, a block at a time into the streaming parser, so
 * that the whole file is never held in memory (a 66 MB feed lists in
 * far less than its size).
 */
static int
parse_local(const char *s, const struct load_opts *o, struct feed **out,
    char **cause)
{
	struct feed_parse_opts po;
	struct feed_parser *p = NULL;
	struct stat st;
	char *path, *block = NULL, *sz;
	ssize_t n;
	size_t total = 0;
	int fd = -1, rc = -1;

	path = local_path(s, cause);
	if (path == NULL)
		return -1;
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd == -1 || fstat(fd, &st) == -1) {
		*cause = xstrdup(strerror(errno));
		goto out;
	}
	if (S_ISDIR(st.st_mode)) {
		*cause = xstrdup("is a directory");
		goto out;
	}
	if (S_ISREG(st.st_mode) && (uintmax_t)st.st_size > LOAD_FILE_MAX) {
		sz = size_text(LOAD_FILE_MAX);
		*cause = xasprintf("file larger than %s", sz);
		free(sz);
		goto out;
	}
	if (S_ISREG(st.st_mode) && st.st_size == 0) {
		*cause = xstrdup("empty file, not a feed");
		goto out;
	}
	memset(&po, 0, sizeof(po));
	po.url = s;
	po.max_size = LOAD_FILE_MAX;
	po.flags = o->parse_flags;
	p = feed_parser_new(&po);
	block = xmalloc(READ_BLOCK);
	for (;;) {
		n = read(fd, block, READ_BLOCK);
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1) {
			*cause = xstrdup(strerror(errno));
			goto out;
		}
		total += (size_t)n;
		if (n == 0 || feed_parser_push(p, block, (size_t)n) == -1)
			break;
	}
	if (total == 0) {
		*cause = xstrdup("empty file, not a feed");
		goto out;
	}
	rc = feed_parser_finish(p, out, cause);
out:
	if (fd != -1)
		close(fd);
	feed_parser_free(p);
	free(block);
	free(path);
	return rc;
}

int
load_read_file(const char *s, size_t max, struct buf *out, char **cause)
{
	struct stat st;
	char *path, *sz;
	ssize_t n;
	int fd = -1, rc = -1;

	buf_init(out, max);
	path = local_path(s, cause);
	if (path == NULL)
		return -1;
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd == -1 || fstat(fd, &st) == -1) {
		*cause = xstrdup(strerror(errno));
		goto out;
	}
	if (S_ISDIR(st.st_mode)) {
		*cause = xstrdup("is a directory");
		goto out;
	}
	for (;;) {
		char block[READ_BLOCK >> 4];

		n = read(fd, block, sizeof(block));
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1) {
			*cause = xstrdup(strerror(errno));
			goto out;
		}
		if (n == 0)
			break;
		if (buf_add(out, block, (size_t)n) == -1) {
			sz = size_text(max);
			*cause = xasprintf("file larger than %s", sz);
			free(sz);
			goto out;
		}
	}
	rc = 0;
out:
	if (rc == -1)
		buf_clear(out);
	if (fd != -1)
		close(fd);
	free(path);
	return rc;
}

static int
load_file(const char *url, const struct load_opts *o, struct load_result *res)
{
	char *cause = NULL;

	res->source = LOAD_FILE;
	if (parse_local(url, o, &res->feed, &cause) == -1) {
		res->source = LOAD_NONE;
		res->error = cause;
		return -1;
	}
	return 0;
}

/* Fill res from a cache entry, which it takes apart. */
static void
from_entry(struct load_result *res, struct cache_entry *e,
    const struct load_opts *o)
{
	cache_expire(e, o->now, o->keep_days);
	res->feed = e->feed;
	res->first_seen = e->first_seen;
	res->body = e->body;
	e->body = NULL;
	res->etag = e->etag;
	res->last_modified = e->last_modified;
	e->etag = e->last_modified = NULL;
	res->fetched = e->checked;
	res->source = LOAD_CACHE;
	res->stale = o->refresh ||
	    (o->refresh_interval > 0 &&
	        (o->now - e->checked >= o->refresh_interval ||
	            o->now < e->checked - 300)); /* a clock set back */
	e->feed = NULL;
	e->first_seen = NULL;
	cache_entry_free(e);
}

int
load_cached(const char *url, const struct load_opts *in,
    struct load_result *res)
{
	struct load_opts o;
	struct cache *c;
	struct cache_entry *e = NULL;
	char *cause = NULL, *warning = NULL;
	int rc;

	memset(res, 0, sizeof(*res));
	defaults(in, &o);
	if (load_is_local(url))
		return load_file(url, &o, res);
	if (!net_is_http(url)) {
		res->error = xstrdup("not an http or https URL");
		return -1;
	}
	res->stale = true;
	c = cache_open(NULL, &cause);
	if (c == NULL) {
		warn(res, cause);
		res->error = xstrdup(
		    o.offline ? "no cache, and offline" : "not in the cache");
		return -1;
	}
	rc = cache_feed_get(c, url,
	    o.parse_flags | (o.lazy_bodies ? FEED_PARSE_NO_CONTENT : 0), &e,
	    &res->file, &warning);
	warn(res, warning);
	cache_free(c);
	if (rc != 1) {
		res->error = xstrdup(o.offline ? "not in the cache (offline: "
		                                 "run without --offline to "
		                                 "fetch it)"
		                               : "not in the cache");
		return -1;
	}
	from_entry(res, e, &o);
	return 0;
}

static void
job_free(struct load_job *job)
{
	feed_parser_free(job->parser);
	cache_feed_abort(job->writer);
	cache_free(job->cache);
	free(job->cache_error);
	free(job->url);
	free(job);
}

/*
 * The body as it arrives: to the parser, and to the cache's temporary
 * file.  The cache is best effort (a full disk only costs the copy); a
 * parser that knows it is no feed stops the transfer.
 */
static bool
job_write(const struct net_response *resp, const char *p, size_t n, void *arg)
{
	struct load_job *job = arg;
	struct feed_parse_opts po;
	char *cause = NULL;

	if (job->parser == NULL) {
		job->cache = cache_open(NULL, &cause);
		if (job->cache != NULL)
			job->writer =
			    cache_feed_begin(job->cache, job->url, &cause);
		if (job->writer == NULL)
			job->cache_error = cause;
		memset(&po, 0, sizeof(po));
		po.url = resp->final_url;
		po.charset = resp->charset;
		po.max_size = job->o.max_size;
		/* What is stored is whole: the bodies too. */
		po.flags = job->writer != NULL ? 0 : job->o.parse_flags;
		job->parser = feed_parser_new(&po);
	}
	if (job->writer != NULL &&
	    cache_feed_write(job->writer, p, n, &cause) == -1) {
		job->cache_error = cause;
		cache_feed_abort(job->writer);
		job->writer = NULL;
	}
	return feed_parser_push(job->parser, p, n) == 0;
}

/*
 * Store a fresh 200: merge with the cached posts under the lock, and put
 * the new entry (the body is already in its file) in place.  A damaged
 * feed (a body cut short, say by a wrong Content-Length) is merged the
 * same way, so that it never hides the posts the cache has, but is never
 * stored: the cache keeps its whole copy.
 */
static void
store(struct load_job *job, const struct net_response *resp, struct feed *fresh,
    struct load_result *res)
{
	const struct load_opts *o = &job->o;
	struct cache_entry *old = NULL, *e;
	struct cache_file *oldfile = NULL;
	char *cause = NULL, *warning = NULL;
	bool put = fresh->damage == NULL && job->writer != NULL;

	if (job->writer == NULL && fresh->damage == NULL)
		warn(res,
		    xasprintf("cache not written: %s",
		        job->cache_error != NULL ? job->cache_error
		                                 : "no cache"));
	if (job->cache == NULL) {
		e = cache_merge(NULL, fresh, o->now, o->keep_days);
		goto out;
	}
	if (put && cache_lock(job->cache, &cause) == -1) {
		warn(res, xasprintf("cache: %s", cause));
		free(cause);
		cause = NULL;
	}
	cache_feed_get(job->cache, job->url, FEED_PARSE_NO_CONTENT, &old,
	    &oldfile, &warning);
	warn(res, warning);
	e = cache_merge(old, fresh, o->now, o->keep_days);
	cache_entry_free(old);
	if (!put) {
		/* The kept posts' bodies are in the old file. */
		res->file = oldfile;
		goto out;
	}
	e->url = xstrdup(job->url);
	e->etag = resp->etag != NULL ? xstrdup(resp->etag) : NULL;
	e->last_modified =
	    resp->last_modified != NULL ? xstrdup(resp->last_modified) : NULL;
	e->content_type =
	    resp->content_type != NULL ? xstrdup(resp->content_type) : NULL;
	e->fetched = e->checked = o->now;
	if (cache_feed_commit(job->writer, e, oldfile,
	        (o->parse_flags & FEED_PARSE_NO_CONTENT) == 0 &&
	            !o->lazy_bodies,
	        &res->file, &cause) == -1) {
		warn(res, xasprintf("cache not written: %s", cause));
		free(cause);
		/* The kept posts' bodies are still in the old file. */
		res->file = oldfile;
		oldfile = NULL;
	}
	job->writer = NULL;
	cache_unlock(job->cache);
	cache_file_close(oldfile);
out:
	res->feed = e->feed;
	res->first_seen = e->first_seen;
	res->body = e->body;
	res->etag = e->etag;
	res->last_modified = e->last_modified;
	res->fetched = o->now;
	res->source = LOAD_NETWORK;
	e->feed = NULL;
	e->first_seen = NULL;
	e->body = NULL;
	e->etag = e->last_modified = NULL;
	cache_entry_free(e);
}

/* The end of the parse of a 2xx body: 0 and *out, or -1 and *cause. */
static int
parsed(struct load_job *job, struct feed **out, char **cause)
{
	if (job->parser == NULL) {
		*cause = xstrdup("empty document, not a feed");
		return -1;
	}
	return feed_parser_finish(job->parser, out, cause);
}

/* Turn a finished request into a result (cache written on a 200). */
static void
outcome(struct load_job *job, struct net_response *resp,
    struct load_result *res)
{
	const struct load_opts *o = &job->o;
	struct cache *c;
	struct feed *fresh = NULL;
	char *cause = NULL;

	switch (resp->status) {
	case NET_NOT_MODIFIED:
		res->not_modified = true;
		res->source = LOAD_CACHE;
		res->fetched = o->now;
		c = cache_open(NULL, &cause);
		if (c == NULL ||
		    cache_feed_touch(c, job->url, o->now, &cause) == -1) {
			warn(res, xasprintf("cache: %s", cause));
			free(cause);
		}
		cache_free(c);
		return;
	case NET_OK:
		if (parsed(job, &fresh, &cause) == -1) {
			res->error = cause;
			return;
		}
		/* A damaged one is shown (feed->damage says why), never
		 * stored. */
		store(job, resp, fresh, res);
		return;
	case NET_ERR_ABORTED:
		/* The parser stopped the body: it says why. */
		if (parsed(job, &fresh, &cause) == -1) {
			res->error = cause;
			return;
		}
		feed_free(fresh);
		break;
	default:
		break;
	}
	res->error = xstrdup(
	    resp->error != NULL ? resp->error : net_strerror(resp->status));
}

static void
job_done(struct net_response *resp, void *arg)
{
	struct load_job *job = arg;
	struct load_result res;

	memset(&res, 0, sizeof(res));
	job->req = NULL;
	outcome(job, resp, &res);
	net_response_free(resp);
	job->done(&res, job->arg);
	job_free(job);
}

struct load_job *
load_refresh(struct net *net, const char *url, const struct load_opts *in,
    void (*done)(struct load_result *, void *), void *arg, char **cause)
{
	struct load_job *job;
	struct net_opts no;
	struct cache *c = NULL;
	struct cache_entry *e = NULL;
	char *warning = NULL, *ccause = NULL;

	if (in->offline) {
		*cause = xstrdup("offline");
		return NULL;
	}
	if (!net_is_http(url)) {
		*cause = xstrdup("not an http or https URL");
		return NULL;
	}
	job = xcalloc(1, sizeof(*job));
	defaults(in, &job->o);
	job->url = xstrdup(url);
	job->done = done;
	job->arg = arg;
	memset(&no, 0, sizeof(no));
	no.timeout_ms = job->o.timeout_ms;
	no.max_size = job->o.max_size;
	no.user_agent = job->o.user_agent;
	no.done = job_done;
	no.write = job_write;
	no.arg = job;
	job->o.cached = NULL; /* borrowed for this call only */
	if (in->cached != NULL) {
		no.etag = in->cached->etag;
		no.last_modified = in->cached->last_modified;
	} else {
		c = cache_open(NULL, &ccause);
		free(ccause);
		if (c != NULL &&
		    cache_feed_get(c, url,
		        FEED_PARSE_NO_CONTENT | FEED_PARSE_NO_SUMMARY, &e, NULL,
		        &warning) == 1) {
			no.etag = e->etag;
			no.last_modified = e->last_modified;
		}
		free(warning);
	}
	job->req = net_start(net, url, &no, cause);
	cache_entry_free(e);
	cache_free(c);
	if (job->req == NULL) {
		job_free(job);
		return NULL;
	}
	return job;
}

void
load_cancel(struct load_job *job)
{
	if (job == NULL)
		return;
	net_cancel(job->req);
	job_free(job);
}

void
load_progress(const struct load_job *job, uint64_t *now, uint64_t *total)
{
	net_progress(job->req, now, total);
}

/* The blocking loader: one slot per URL. */
struct slot {
	struct load_result *res;
	bool pending; /* its fetch is running */
	bool waiting; /* its fetch waits for one of LOAD_FETCH_MAX */
};

static void
slot_done(struct load_result *fresh, void *arg)
{
	struct slot *s = arg;
	struct load_result *res = s->res;

	s->pending = false;
	warn(res, fresh->warning);
	fresh->warning = NULL;
	if (fresh->not_modified) {
		res->not_modified = true;
		res->fetched = fresh->fetched;
		res->stale = false;
	} else if (fresh->error != NULL && fresh->feed == NULL) {
		/* Keep the cached copy, with the reason it is not current. */
		free(res->error);
		res->error = fresh->error;
		fresh->error = NULL;
	} else {
		fresh->warning = res->warning;
		res->warning = NULL;
		load_result_clear(res);
		*res = *fresh;
		res->stale = false;
		memset(fresh, 0, sizeof(*fresh));
	}
	load_result_clear(fresh);
}

size_t
load_feeds(const char *const *urls, size_t n, const struct load_opts *in,
    struct load_result *res)
{
	struct load_opts o;
	struct slot *slots;
	struct net *net = NULL;
	char *cause = NULL;
	size_t i, pending = 0, nerr = 0;

	defaults(in, &o);
	slots = xcalloc(n > 0 ? n : 1, sizeof(*slots));
	for (i = 0; i < n; i++) {
		slots[i].res = &res[i];
		load_cached(urls[i], &o, &res[i]);
		if (res[i].source == LOAD_FILE || o.offline ||
		    !net_is_http(urls[i]) || !res[i].stale)
			continue;
		/* Going to the network: "not in the cache" is no error. */
		free(res[i].error);
		res[i].error = NULL;
		if (net == NULL) {
			net = net_new(&cause);
			if (net == NULL) {
				res[i].error = cause;
				cause = NULL;
				continue;
			}
		}
		slots[i].waiting = true;
	}
	/* LOAD_FETCH_MAX at a time: curl's own queue would count the wait
	 * in each transfer's timeout. */
	while (net != NULL) {
		for (i = 0; i < n && net_pending(net) < LOAD_FETCH_MAX; i++) {
			if (!slots[i].waiting)
				continue;
			slots[i].waiting = false;
			slots[i].pending = true;
			/* What load_cached() read: the same validators. */
			o.cached = res[i].feed != NULL ? &res[i] : NULL;
			if (load_refresh(net, urls[i], &o, slot_done, &slots[i],
			        &cause) == NULL) {
				slots[i].pending = false;
				res[i].error = cause;
				cause = NULL;
				continue;
			}
			pending++;
		}
		if (net_pending(net) == 0)
			break;
		if (net_poll(net, NULL, 0, 1000) == -1 && errno != EINTR)
			die("poll: %s", strerror(errno));
	}
	net_free(net);
	for (i = 0; i < n; i++)
		if (res[i].error != NULL)
			nerr++;
	free(slots);
	(void)pending;
	return nerr;
}

int
load_feed(const char *url, const struct load_opts *o, struct load_result *res)
{
	return load_feeds(&url, 1, o, res) == 0 ? 0 : -1;
}
