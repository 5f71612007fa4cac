/*
 * cache -- feeds and article pages kept on disk, under
 * $XDG_CACHE_HOME/ifpnews/ (default ~/.cache/ifpnews/).
 *
 * Pure parts (unit-tested, in libcore.a): cache_rec.c, the record-file
 * format; cache_feed.c, a parsed feed as a record and the merge of a
 * fresh parse with the cached posts.  Shells: cache_file.c, paths,
 * locking, atomic writes and checked reads (also used by state.c);
 * cache.c, the feed and page entries.
 *
 * A record file is a 56-byte header (magic, version, and the length and
 * a 64-bit hash of each of its two sections, then a hash of the header
 * itself) followed by the sections.  A torn, truncated or altered file
 * fails the checks and is never half-read.  A feed's file holds in
 * section 0 its validators (ETag, Last-Modified), fetch time, and the
 * parsed, merged posts as length-prefixed records (so a start reads no
 * XML), and in section 1 the raw body as last fetched (kept to re-parse
 * when the format changes; not read at start).
 *
 * Layout: feeds/HASH (one per feed URL; HASH = 16 hex digits of the
 * URL's hash; the URL is stored inside and checked), feeds/HASH.t (the
 * time of the last successful check, rewritten on a 304), pages/HASH (an
 * article page), lock (flock while writing).  Directories 0700, files
 * 0600.  Every write: a temporary file in the same directory, fsync,
 * rename, fsync of the directory.  A file that fails its checks is
 * renamed to NAME.corrupt and reported once (through *warning).
 */
#ifndef IFPNEWS_CACHE_H
#define IFPNEWS_CACHE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "buf.h"
#include "feed.h"

/* --- Record files (pure, cache_rec.c) --- */

#define CACHE_HDR_SIZE 56
#define CACHE_MAGIC_LEN 8

struct cache_hdr {
	char magic[CACHE_MAGIC_LEN]; /* e.g. "IFPNfeed", not NUL-terminated */
	uint32_t version;
	uint64_t len[2];  /* bytes of each section */
	uint64_t hash[2]; /* cache_hash of each section */
};

/* A fast 64-bit non-cryptographic hash (4 lanes, 8 bytes a step). */
uint64_t cache_hash(const void *, size_t);
/* Write the 56-byte header for h into out[CACHE_HDR_SIZE]. */
void cache_hdr_encode(const struct cache_hdr *h,
    unsigned char out[CACHE_HDR_SIZE]);
/*
 * Check and decode a header: the magic and version must be as given, the
 * header hash must match, and the sections must fit in file_size bytes
 * (pass UINT64_MAX when unknown).  0, or -1 with *cause set (caller frees).
 */
int cache_hdr_decode(const unsigned char *p, size_t n, const char *magic,
    uint32_t version, uint64_t file_size, struct cache_hdr *out, char **cause);

/* Append primitives: little-endian varints, and strings (NULL allowed). */
void cache_put_uint(struct buf *, uint64_t);
void cache_put_int(struct buf *, int64_t);
void cache_put_str(struct buf *, const char *);

/* A cursor over a section; any overrun sets bad and yields 0/NULL. */
struct cache_rd {
	const unsigned char *p;   /* borrowed */
	const unsigned char *end; /* borrowed */
	bool bad;
};
uint64_t cache_get_uint(struct cache_rd *);
int64_t cache_get_int(struct cache_rd *);
/* A new string, or NULL (stored NULL or bad input); caller frees. */
char *cache_get_str(struct cache_rd *);
/* Skip one string. */
void cache_skip_str(struct cache_rd *);
/* A count of things each at least min bytes long: 0 and bad when the
 * bytes left cannot hold that many. */
uint64_t cache_get_count(struct cache_rd *, size_t min);

/* --- Feed entries (pure, cache_feed.c) --- */

#define CACHE_FEED_MAGIC "IFPNfeed"
#define CACHE_FEED_VERSION 1

/* One cached feed.  Owns every field. */
struct cache_entry {
	char *url;           /* the feed URL: the key */
	char *etag;          /* validator of the body, or NULL */
	char *last_modified; /* validator of the body, or NULL */
	char *content_type;  /* of the body, or NULL */
	time_t fetched;      /* when the body was fetched (a 200) */
	time_t checked;      /* last 200 or 304; at least fetched */
	struct feed *feed;   /* the merged posts; never NULL */
	time_t *first_seen;  /* feed->nitems: first time in the feed */
	time_t *last_seen;   /* feed->nitems: last time in the feed */
	bool *current;       /* feed->nitems: in the body of the last 200 */
};

void cache_entry_free(struct cache_entry *);

/*
 * Encode e's section 0 (validators and posts) into out.  Pure.  The body
 * is section 1 and is not part of it.
 */
void cache_feed_encode(const struct cache_entry *e, struct buf *out);
/*
 * Decode a section 0.  flags: FEED_PARSE_NO_CONTENT leaves content_html
 * NULL, FEED_PARSE_NO_SUMMARY summary (cheaper for --list).  0 and *out (caller
 * frees), or -1 with *cause (caller frees).
 */
int cache_feed_decode(const void *p, size_t n, unsigned flags,
    struct cache_entry **out, char **cause);

/*
 * Merge a fresh parse into what was cached: every item of fresh (last
 * seen now, first seen when old first had it), then the items of old no
 * longer in fresh that were last seen within keep_days of now (none when
 * keep_days < 0), matched by id (else link).  old's current posts count
 * as seen at old->checked (the 304s since then confirmed them).  Takes
 * ownership of fresh; the kept items are moved out of old (may be NULL), which
 * the caller still frees.  Returns a new entry; its validators are left NULL.
 */
struct cache_entry *cache_merge(struct cache_entry *old, struct feed *fresh,
    time_t now, int keep_days);

/*
 * Drop the posts of e that had left the feed (not current) and were last
 * seen more than keep_days before now (none when keep_days < 0).  The
 * current posts stay: they are the feed as last known.
 */
void cache_expire(struct cache_entry *e, time_t now, int keep_days);

/* --- The cache directory (shell, cache.c) --- */

struct cache;

/*
 * Open the cache at dir, or at $XDG_CACHE_HOME/ifpnews (default
 * ~/.cache/ifpnews) when dir is NULL; the directories are created
 * (0700) when missing.  NULL with *cause set (caller frees) when that
 * fails; the program then runs without a cache.
 */
struct cache *cache_open(const char *dir, char **cause);
void cache_free(struct cache *);
/* The directory; borrowed. */
const char *cache_path(const struct cache *);

/*
 * Read url's entry (section 0 only: the body is not read).  Returns 1
 * and *out (caller frees), 0 when there is none, or -1 when the file is
 * unreadable or corrupt (then *warning is set, caller frees, and a
 * corrupt file has been moved aside).
 */
int cache_feed_get(struct cache *, const char *url, unsigned flags,
    struct cache_entry **out, char **warning);
/* Read the raw body of url's entry into out (max bytes at most); 1, 0, -1 as
 * above. */
int cache_feed_body(struct cache *, const char *url, struct buf *out,
    char **warning);
/*
 * Store e with the raw body (may be NULL, 0) atomically.  0, or -1 with
 * *cause set (caller frees); the old file is then as it was.
 */
int cache_feed_put(struct cache *, const struct cache_entry *e,
    const char *body, size_t len, char **cause);
/* Record a successful check (a 304) at t without rewriting the entry. */
int cache_feed_touch(struct cache *, const char *url, time_t t, char **cause);

/*
 * Article pages (for the extract helper): any bytes keyed by URL.
 * cache_page_get returns 1 with *data (caller frees, NUL-terminated),
 * *len and *stored (when it was put), 0 when absent, -1 as
 * cache_feed_get.  cache_page_put stores atomically; 0 or -1 with *cause.
 */
int cache_page_get(struct cache *, const char *url, char **data, size_t *len,
    time_t *stored, char **warning);
int cache_page_put(struct cache *, const char *url, const char *data,
    size_t len, time_t now, char **cause);

/*
 * Shared by cache.c and state.c: write parts atomically to dir/name
 * (temporary file in dir, fsync, rename, fsync dir; mode 0600).  0 or -1
 * with *cause set.
 */
int cache_write_atomic(const char *dir, const char *name,
    const struct cache_hdr *h, const void *sec0, const void *sec1,
    char **cause);
/*
 * Read and check a record file dir/name: the header, then the sections
 * (section 1 only when want1).  Returns 1 with s0 (and s1) filled, 0 when
 * there is no file, -1 with *warning when it is unreadable or corrupt (a
 * corrupt one is moved aside to NAME.corrupt).
 */
int cache_read_record(const char *dir, const char *name, const char *magic,
    uint32_t version, struct buf *s0, struct buf *s1, char **warning);
/*
 * Take the exclusive flock on dir/lock (created 0600), waiting for it.
 * Returns the descriptor, whose close() releases it, or -1 with *cause.
 */
int cache_lock_dir(const char *dir, char **cause);
/*
 * Lock the cache for a read-merge-write of an entry (cache_lock_dir on
 * its directory); 0 or -1 with *cause.  cache_unlock (or cache_free)
 * releases it.  Readers need no lock: every file is replaced atomically.
 */
int cache_lock(struct cache *, char **cause);
void cache_unlock(struct cache *);
/* Rename a bad path to PATH.corrupt; *warning says what and why. */
void cache_move_aside(const char *path, char **warning, const char *why);
/*
 * Remove the temporary files (.NAME.tmp.PID) in dir of writers that died
 * between creating and renaming them (kill -9).
 */
void cache_sweep_temps(const char *dir);
/* A record file's section 0, mapped read-only. */
struct cache_map {
	void *base;              /* the mapping, or NULL */
	size_t len;              /* bytes mapped */
	const unsigned char *s0; /* section 0, inside the mapping */
	size_t n0;               /* its bytes */
};
/*
 * As cache_read_record for section 0 alone, mapped instead of read (a
 * big feed's start costs no copy).  1 with *m filled (cache_unmap it),
 * 0, or -1 with *warning.
 */
int cache_map_record(const char *dir, const char *name, const char *magic,
    uint32_t version, struct cache_map *m, char **warning);
void cache_unmap(struct cache_map *);
/* mkdir -p with mode 0700; 0 or -1 with *cause. */
int cache_mkdirs(const char *path, char **cause);
/* The base directory for XDG variable var ("XDG_CACHE_HOME") with fallback
 * (".cache") under $HOME, plus "/ifpnews"; caller frees; NULL when HOME is
 * unknown. */
char *cache_xdg_dir(const char *var, const char *fallback);

#endif
