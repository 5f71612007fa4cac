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
 * fails the checks and is never half-read.
 *
 * A feed's file keeps what a start needs apart from what it does not.
 * Section 0 holds the bulk: the raw body as last fetched (written as it
 * downloads), then each post's body (content_html).  Section 1, the
 * index, holds the validators (ETag, Last-Modified), the fetch time and
 * the merged posts as length-prefixed records (so a start reads no
 * XML), each with where its body is in section 0 and that body's own
 * hash.  A start maps and checks the index only; a body is read, and
 * checked, when its post is opened.
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
/* The same hash over data that comes in pieces: init, update..., final. */
struct cache_hasher {
	uint64_t v[4];         /* the lanes */
	unsigned char buf[32]; /* a stripe not yet complete */
	size_t nbuf;           /* bytes in buf */
	uint64_t total;        /* bytes hashed */
};
void cache_hash_init(struct cache_hasher *);
void cache_hash_update(struct cache_hasher *, const void *, size_t);
uint64_t cache_hash_final(const struct cache_hasher *);
/* Write the 56-byte header for h into out[CACHE_HDR_SIZE]. */
void cache_hdr_encode(const struct cache_hdr *h,
    unsigned char out[CACHE_HDR_SIZE]);
/*
 * Check and decode a header: the magic and version must be as given, the
 * header hash must match, and the sections must fit in file_size bytes
 * (pass UINT64_MAX when unknown).  0, or -1 with *cause set (caller
 * frees), or -2 with *cause for a sound header of another format version.
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
#define CACHE_FEED_VERSION 2

/* Where a post's body (its content_html) is in its feed file. */
struct cache_body {
	uint64_t off;  /* bytes from the start of section 0 */
	uint64_t len;  /* bytes (no NUL) */
	uint64_t hash; /* cache_hash of them */
	bool present;  /* false: the post has no body */
};

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
	/*
	 * feed->nitems: where each post's body is in the entry's file (see
	 * cache_feed_get), for the posts whose content_html is NULL (not
	 * read yet); NULL when there is no file.
	 */
	struct cache_body *body;
	uint64_t raw_len; /* bytes of the raw body at the start of section 0 */
};

void cache_entry_free(struct cache_entry *);

/*
 * Encode e's index (section 1: validators, posts, and where each body is,
 * from e->body, which must be set for every post) into out.  Pure.
 */
void cache_feed_encode(const struct cache_entry *e, struct buf *out);
/*
 * Decode an index whose section 0 is len0 bytes long (every body must lie
 * inside it).  Every content_html is left NULL: e->body says where each
 * is.  flags: FEED_PARSE_NO_SUMMARY leaves summary NULL (cheaper for
 * --list).  0 and *out (caller frees), or -1 with *cause (caller frees).
 */
int cache_feed_decode(const void *p, size_t n, uint64_t len0, unsigned flags,
    struct cache_entry **out, char **cause);

/*
 * Merge a fresh parse into what was cached: every item of fresh (last
 * seen now, first seen when old first had it), then the items of old no
 * longer in fresh that were last seen within keep_days of now (none when
 * keep_days < 0), matched by id (else link).  old's current posts count
 * as seen at old->checked (the 304s since then confirmed them).  Takes
 * ownership of fresh; the kept items are moved out of old (may be NULL), which
 * the caller still frees (the bodies of kept items not read yet are still
 * in old's file).  Returns a new entry; its validators are left NULL.
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

/* A feed's file kept open to read the posts' bodies from; opaque. */
struct cache_file;

/*
 * Read url's entry: its index, and the posts' bodies too unless flags has
 * FEED_PARSE_NO_CONTENT.  When file is not NULL, *file is the open file
 * (caller closes) that cache_body_read() reads the other bodies from; it
 * stays valid when the entry is replaced meanwhile.  Returns 1 and *out
 * (caller frees), 0 when there is none, or -1 when the file is unreadable
 * or corrupt (then *warning is set, caller frees, and a corrupt file has
 * been moved aside).
 */
int cache_feed_get(struct cache *, const char *url, unsigned flags,
    struct cache_entry **out, struct cache_file **file, char **warning);
/*
 * Read the body b of a post from f into *out (caller frees,
 * NUL-terminated) and check its hash.  0, or -1 with *cause set (caller
 * frees); a damaged file is moved aside (unless it was replaced since).
 */
int cache_body_read(const struct cache_file *f, const struct cache_body *b,
    char **out, char **cause);
/* Close a feed file; NULL is fine. */
void cache_file_close(struct cache_file *);
/* Read the raw body of url's entry into out; 1, 0, -1 as cache_feed_get. */
int cache_feed_body(struct cache *, const char *url, struct buf *out,
    char **warning);

/*
 * Writing a feed's entry as its body downloads: cache_feed_begin() opens
 * a temporary file in the cache; cache_feed_write() appends raw body
 * bytes; cache_feed_commit() adds the posts' bodies (from content_html,
 * else copied from the file from) and the index for e, and puts the file
 * in place atomically (the caller holds cache_lock).  After a commit
 * e->body points into the new file, *out (when out is not NULL; caller
 * closes) is that file, and unless keep_content each content_html is
 * freed (cache_body_read() gets it back).  cache_feed_abort() drops the
 * temporary file (NULL is fine).
 */
struct cache_writer;
struct cache_writer *cache_feed_begin(struct cache *, const char *url,
    char **cause);
/* 0, or -1 with *cause (the writer is then broken: abort it). */
int cache_feed_write(struct cache_writer *, const void *p, size_t n,
    char **cause);
/* 0, or -1 with *cause (the old file is then as it was); frees w. */
int cache_feed_commit(struct cache_writer *w, struct cache_entry *e,
    const struct cache_file *from, bool keep_content, struct cache_file **out,
    char **cause);
void cache_feed_abort(struct cache_writer *);
/*
 * The three at once: store e, whose posts' bodies are all in memory, with
 * the raw body (may be NULL, 0) atomically.  0, or -1 with *cause set
 * (caller frees); the old file is then as it was.
 */
int cache_feed_put(struct cache *, struct cache_entry *e, const char *body,
    size_t len, char **cause);
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
 * (temporary file in dir, fsync, rename, fsync dir; mode 0600).  The
 * header's magic, version and lengths come from h, the hashes are
 * computed.  0 or -1 with *cause set.
 */
int cache_write_atomic(const char *dir, const char *name,
    const struct cache_hdr *h, const void *sec0, const void *sec1,
    char **cause);
/*
 * The same, for a record whose section 0 is written piece by piece: a
 * temporary file in dir (NULL with *cause when it cannot be created),
 * section 0 appended (buffered), then section 1 and the header, fsync,
 * rename to dir/name, fsync dir.  cache_rec_finish() returns the open
 * descriptor of the file now in place (read-only use; caller closes),
 * or -1 with *cause; it frees w either way.  cache_rec_abort() removes
 * the temporary file (NULL is fine).
 */
struct cache_rec_writer;
struct cache_rec_writer *cache_rec_begin(const char *dir, const char *name,
    char **cause);
int cache_rec_add(struct cache_rec_writer *, const void *p, size_t n,
    char **cause);
/* Bytes of section 0 written so far. */
uint64_t cache_rec_len(const struct cache_rec_writer *);
/* Where the file goes (dir/name); borrowed. */
const char *cache_rec_path(const struct cache_rec_writer *);
int cache_rec_finish(struct cache_rec_writer *, const char *magic,
    uint32_t version, const void *sec1, size_t n1, char **cause);
void cache_rec_abort(struct cache_rec_writer *);
/*
 * Read exactly n bytes at offset off of fd into b (set up here, n bytes
 * at most, NUL-terminated).  0, or -1 with errno set (EIO: the file is
 * shorter).
 */
int cache_read_at(int fd, uint64_t off, uint64_t n, struct buf *b);
/*
 * Open dir/name and check its header: 1 with *fd and *h, 0 when there is
 * no file or one of another format version (the next write replaces it),
 * -1 with *warning (a bad file is moved aside).
 */
int cache_open_record(const char *path, const char *magic, uint32_t version,
    int *fd, struct cache_hdr *h, char **warning);
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
/* One section of a record file, mapped read-only. */
struct cache_map {
	void *base;             /* the mapping, or NULL */
	size_t len;             /* bytes mapped */
	const unsigned char *p; /* the section, inside the mapping */
	size_t n;               /* its bytes */
};
/*
 * Map section sec (0 or 1) of the record file open on fd, whose header h
 * cache_open_record() read, and check its hash (a big feed's start costs
 * no copy).  0 with *m filled (cache_unmap it); -1 with *cause set (the
 * system's error), or -2 with *cause "damaged (bad checksum)".
 */
int cache_map_section(int fd, const struct cache_hdr *h, int sec,
    struct cache_map *m, char **cause);
void cache_unmap(struct cache_map *);
/* mkdir -p with mode 0700; 0 or -1 with *cause. */
int cache_mkdirs(const char *path, char **cause);
/* The base directory for XDG variable var ("XDG_CACHE_HOME") with fallback
 * (".cache") under $HOME, plus "/ifpnews"; caller frees; NULL when HOME is
 * unknown. */
char *cache_xdg_dir(const char *var, const char *fallback);

#endif
