/*
 * load -- "get me the feed at URL": a local file, the cache, the network.
 *
 * Shell: reads files, the cache and the state directory, and fetches
 * through net.h.  A local path or file:// URL is read directly (no curl,
 * no cache).  An http(s) feed comes from the cache when it is fresh, and
 * otherwise with a conditional request (If-None-Match/If-Modified-Since);
 * a 304 keeps the cached copy, a 200 is parsed, merged with the cached
 * posts that fell out of the feed less than keep_days ago, and stored.  A
 * failed fetch or a body that is not a feed leaves the cache as it was; so
 * does a damaged feed (feed->damage set), which is merged with the cached
 * posts and shown, but not stored.
 *
 * Two ways to use it:
 *   - the command line: load_feed() / load_feeds(), which block;
 *   - the UI's event loop: load_cached() draws the first screen at once
 *     (never touches the network), then load_refresh() fetches in the
 *     background on the UI's struct net; its done() callback runs from
 *     net_poll() with the result.
 *
 * A fetched body is never held whole: it goes, as it arrives, to the
 * streaming parser and to the cache's temporary file for the new entry.
 * With FEED_PARSE_NO_CONTENT (a list) or lazy_bodies (the reader) the
 * posts' bodies are not kept in memory either: load_body() reads one
 * from the cache.
 */
#ifndef IFPNEWS_LOAD_H
#define IFPNEWS_LOAD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "config.h"
#include "feed.h"
#include "net.h"

#define LOAD_REFRESH_DEFAULT (15 * 60) /* seconds */
#define LOAD_KEEP_DAYS_DEFAULT 14
#define LOAD_FILE_MAX ((size_t)1 << 30) /* a local feed, bytes */
#define LOAD_FETCH_MAX 4                /* feeds fetched at a time */

/* Options; zero-initialize, then set what is known (0 = the default). */
struct load_opts {
	time_t now;      /* the current time (IFPNEWS_NOW or the clock) */
	bool offline;    /* -o: never use the network */
	bool refresh;    /* -r: fetch even when the cache is fresh */
	long timeout_ms; /* total fetch timeout; 0 = 30 s */
	size_t max_size; /* HTTP body cap, bytes; 0 = 16 MiB */
	/* Seconds a cached copy is fresh; 0 = 15 min, <0 = until -r. */
	long refresh_interval;
	int keep_days; /* keep posts gone from the feed; 0 = 14, <0 = none */
	const char *user_agent; /* NULL = "ifpnews/VERSION"; borrowed */
	unsigned
	    parse_flags; /* enum feed_parse_flags (FEED_PARSE_NO_CONTENT) */
	/*
	 * The posts' bodies that are in the cache stay there until
	 * load_body() reads one (the reader); a local file's are kept.
	 */
	bool lazy_bodies;
	/*
	 * load_refresh: the copy the caller shows (borrowed), whose
	 * validators go in the conditional request, so that a 304 means
	 * that copy is current; NULL: the cache's.
	 */
	const struct load_result *cached;
};

struct load_result;

enum load_source {
	LOAD_NONE,    /* nothing could be loaded */
	LOAD_FILE,    /* a local file */
	LOAD_CACHE,   /* the cached copy (fresh, offline, 304, or the fetch
	                 failed) */
	LOAD_NETWORK, /* fetched and parsed just now */
};

struct cache_body;
struct cache_file;

/* What one load gave.  Owns every field; load_result_clear frees them. */
struct load_result {
	struct feed
	    *feed; /* the posts, newest merged with kept ones; or NULL */
	time_t
	    *first_seen; /* feed->nitems times a post was first seen, or NULL */
	enum load_source source;
	time_t fetched; /* when the shown copy was fetched; 0 = unknown/file */
	bool not_modified; /* the server answered 304 */
	bool stale;        /* from the cache and due for a refresh */
	/*
	 * Why the fetch or the parse failed, as SPEC words it ("connection
	 * refused", "HTTP 404 Not Found", "not a feed: HTML page"), or NULL.
	 * feed may still be set: the cached copy, shown instead.
	 */
	char *error;
	/* Cache trouble to report once ("... corrupt, moved aside"). */
	char *warning;
	/*
	 * Posts whose content_html is NULL may have a body in the cache
	 * that load_body() reads when it is wanted (a start from the cache
	 * reads none of them): where each is (feed->nitems of them), in
	 * which open file.  Both NULL when there is none.
	 */
	struct cache_body *body;
	struct cache_file *file;
	char *etag;          /* the validators of feed, or NULL */
	char *last_modified; /* (from the cache or the response) */
};

void load_result_clear(struct load_result *);

/*
 * Make sure post i of res->feed has its body: read it from the cache
 * when it is there and not read yet (a no-op otherwise).  0, or -1 with
 * *cause set (caller frees) when the cache file is damaged or unreadable
 * (the post then shows its summary).
 */
int load_body(struct load_result *res, size_t i, char **cause);

/*
 * Options from the config's timeout, max-size, refresh-interval ("off":
 * only on demand), keep-days (0: keep none) and user-agent; cfg may be
 * NULL (the defaults).  The rest is zeroed.  cfg must outlive o.
 */
void load_opts_config(struct load_opts *o, const struct config *cfg);

/*
 * Blocking: load url as the command line does (cache when fresh, else
 * fetch; offline: cache only).  Returns 0 when res->feed is current, -1
 * when res->error is set (res->feed may then hold the cached copy).  res
 * is filled in either case; the caller clears it.
 */
int load_feed(const char *url, const struct load_opts *,
    struct load_result *res);
/*
 * Blocking: load n feeds, fetching in parallel; res[i] for urls[i].
 * Returns the number of results with an error.
 */
size_t load_feeds(const char *const *urls, size_t n, const struct load_opts *,
    struct load_result *res);

/*
 * Non-blocking first step: a local file, or the cached copy of url (no
 * network).  res->stale says whether load_refresh() is due (no cache, an
 * old copy, or opts->refresh).  Returns 0, or -1 with res->error set
 * ("not in the cache" for an uncached URL, the parse error of a file).
 */
int load_cached(const char *url, const struct load_opts *,
    struct load_result *res);

struct load_job;

/*
 * Refresh url in the background on net: a conditional request with the
 * cached validators.  done() runs from net_poll() with the result, which
 * it owns (load_result_clear): source LOAD_NETWORK with the merged feed
 * (already stored in the cache), or not_modified with feed NULL (the copy
 * the caller has is current), or error set with feed NULL.  Returns the
 * job (owned by net until done() runs), or NULL with *cause set for a
 * URL that is not http(s) or when opts->offline.
 */
struct load_job *load_refresh(struct net *, const char *url,
    const struct load_opts *, void (*done)(struct load_result *res, void *arg),
    void *arg, char **cause);
/* Abort a refresh; its done() is not called and the cache is untouched. */
void load_cancel(struct load_job *);
/* Body bytes received so far and expected (0 = unknown), for the header. */
void load_progress(const struct load_job *, uint64_t *now, uint64_t *total);

/* Whether s names a local file (a path or a file:// URL), not http(s). */
bool load_is_local(const char *s);

/*
 * Read the local file s (a path or a file:// URL) of at most max bytes
 * into out (set up here; NUL-terminated).  0, or -1 with *cause set
 * (caller frees): "no such file or directory", "file larger than 16 MiB".
 */
int load_read_file(const char *s, size_t max, struct buf *out, char **cause);

#endif
