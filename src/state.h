/*
 * state -- which posts were read, under $XDG_STATE_HOME/ifpnews/
 * (default ~/.local/state/ifpnews/), file "read".
 *
 * Two halves: state_rec.c is pure (the marks in memory, and their record
 * encoding, unit-tested); state.c is a shell (the file).  A mark is a
 * post id with the time it was last set or confirmed.  Marks of posts
 * still listed are confirmed (state_touch) at most once a day; a mark not
 * confirmed for keep_days + 1 days belongs to a post gone from every
 * cached list and is dropped when saving.
 *
 * Saving merges: under an flock on the directory's lock file, the file is
 * read again, this instance's changes since the last save are applied on
 * top of it, and the result is written atomically (cache_write_atomic).
 * Two instances never lose each other's marks; a kill at any moment
 * leaves the old or the new file.
 */
#ifndef IFPNEWS_STATE_H
#define IFPNEWS_STATE_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "buf.h"

#define STATE_MAGIC "IFPNread"
#define STATE_VERSION 1

struct state;

/* --- Marks in memory and their encoding (pure, state_rec.c) --- */

/* An empty set of marks. */
struct state *state_new(void);
void state_free(struct state *);
/* Whether the post with this id is marked read.  NULL id: false. */
bool state_is_read(const struct state *, const char *id);
/* Mark read (or unread) at now; recorded as a change for state_save. */
void state_set_read(struct state *, const char *id, bool read, time_t now);
/*
 * The post is still listed: renew its mark's time when it is older than
 * a day (a change to save).  No effect on unread posts.
 */
void state_touch(struct state *, const char *id, time_t now);
/* Number of read marks. */
size_t state_count(const struct state *);
/* Whether there are changes not yet saved. */
bool state_dirty(const struct state *);

/*
 * Encode the marks, minus those older than keep_days + 1 days at now
 * (keep_days < 0: keep all).  Pure.
 */
void state_encode(const struct state *, time_t now, int keep_days,
    struct buf *out);
/*
 * Replace the marks with the decoded ones, then apply the unsaved changes
 * again on top (the merge of state_save).  0, or -1 with *cause (caller
 * frees) and the marks left as they were.
 */
int state_decode(struct state *, const void *p, size_t n, char **cause);
/* Forget the list of unsaved changes (after a successful write). */
void state_clean(struct state *);
/* Set the directory state_save writes to (copied; NULL: none). */
void state_set_path(struct state *, const char *dir);
/* The directory, or NULL for a state without one; borrowed. */
const char *state_path(const struct state *);

/*
 * --- Visits (SPEC "Reading flow": posts new since the last visit sit
 * above a divider) ---
 *
 * A visit is a run of sessions of the reader less than STATE_VISIT_GAP
 * apart, as web analytics count visits: quit and start again soon after,
 * and the divider stays where it was, with the posts new since then; come
 * back later, and it moves to when the reader was last used.  File
 * "visit" beside "read"; the last instance to quit writes it.
 */
#define STATE_VISIT_GAP (30 * 60) /* seconds */
#define STATE_VISIT_MAGIC "IFPNvist"
#define STATE_VISIT_VERSION 1

struct state_visit {
	time_t since; /* the divider: posts first seen after it are new;
	                 0 = unknown */
	time_t last;  /* when the reader was last used; 0 = never */
};

/*
 * The divider of a session starting at now after the visit prev (pure):
 * prev->since while that visit goes on, prev->last when this is a new
 * one; 0 when nothing is known.
 */
time_t state_visit_since(const struct state_visit *prev, time_t now);
/* Encode v as section 0 of the visit file (pure). */
void state_visit_encode(const struct state_visit *v, struct buf *out);
/* Decode section 0 into *v (pure); 0, or -1 with *v zeroed. */
int state_visit_decode(const void *p, size_t n, struct state_visit *v);

/* --- The file (shell, state.c) --- */

/*
 * Load the marks from dir, or $XDG_STATE_HOME/ifpnews (default
 * ~/.local/state/ifpnews) when NULL, creating the directory (0700).
 * Never NULL: on trouble (unreadable or corrupt file, moved aside) the
 * marks start empty and *warning says why (caller frees).
 */
struct state *state_open(const char *dir, char **warning);
/*
 * Merge with the file and write it atomically (see above).  A no-op when
 * nothing changed.  0, or -1 with *cause set (caller frees); the changes
 * are then kept for the next try.
 */
int state_save(struct state *, time_t now, int keep_days, char **cause);
/*
 * The last visit from st's directory into *v; {0, 0} when there is none.
 * An unreadable or corrupt file is moved aside and *warning says so
 * (caller frees).
 */
void state_visit_load(const struct state *st, struct state_visit *v,
    char **warning);
/* Write v atomically to st's directory.  0, or -1 with *cause set. */
int state_visit_save(const struct state *st, const struct state_visit *v,
    char **cause);

#endif
