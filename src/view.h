/*
 * view -- the state of the reader's screen, without curses.
 *
 * Pure.  The list: every post of the loaded feeds in reading order (the
 * posts new since the last visit first, above a divider, then newest
 * first), the visible part of it (the `/` filter over title and excerpt,
 * the `c` category), the selection (kept by post key, so a refresh that
 * merges new posts never moves it) and the scroll offset that keeps it on
 * screen.  The pager: the top line of the open article, the matches of a
 * find with n/N, the position indicator.  Also the screen layout (full,
 * split beside, split above), the pending digits of "open link N", and
 * the category menu.  Every key action of the reader maps to one call
 * here; ui_*.c only translates keys and draws.  *as in sfeed_curses
 * struct pane and htop Panel.*
 *
 * The view borrows the feeds (const): the caller keeps them alive until
 * the next view_set_feeds() or view_free().  Sizes are rows and columns
 * of the terminal; the current time is never needed here.
 */
#ifndef IFPNEWS_VIEW_H
#define IFPNEWS_VIEW_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "feed.h"

/* --- Layout --- */

enum view_layout {
	VIEW_LAYOUT_AUTO,   /* split when the terminal is large enough */
	VIEW_LAYOUT_FULL,   /* the list, or the article, on the whole screen */
	VIEW_LAYOUT_BESIDE, /* list left, article right */
	VIEW_LAYOUT_ABOVE,  /* list on top, article below */
	VIEW_LAYOUT_SPLIT,  /* beside or above, whichever suits the size */
};

/* A rectangle of the screen; w or h 0 = not shown. */
struct view_rect {
	int y, x, h, w; /* rows and columns */
};

/*
 * Where everything goes on a cols x rows screen: a header line on top, a
 * status line at the bottom, the list and the article between them, and
 * a one-cell separator between the two in a split.  Full layout gives
 * both panes the whole body (one is drawn at a time).
 */
struct view_geom {
	enum view_layout layout; /* FULL, BESIDE or ABOVE: resolved */
	struct view_rect header, list, sep, article, status;
};

/*
 * Resolve pref (AUTO/SPLIT to FULL, BESIDE or ABOVE) for a cols x rows
 * terminal and lay the screen out into *g.  AUTO splits beside from 150
 * columns, above from 50 rows; SPLIT picks beside from 120 columns, above
 * otherwise, and full on a screen too small for two panes.
 */
void view_layout(enum view_layout pref, int cols, int rows,
    struct view_geom *g);

/* --- Posts and the list --- */

/* One post of the list.  The item is borrowed from its feed. */
struct view_post {
	const struct feed_item *item; /* borrowed */
	size_t feed;                  /* index of its feed */
	time_t when;       /* published, else updated; DATE_NONE = undated */
	time_t first_seen; /* first time it was in the feed; 0 = unknown */
	bool read;
	bool isnew; /* first seen after the last visit: above the divider */
};

enum view_mode {
	VIEW_MODE_LIST,    /* the list has the keys */
	VIEW_MODE_ARTICLE, /* the article pane has the keys */
	VIEW_MODE_HELP,    /* the help screen */
	VIEW_MODE_MENU,    /* the category menu */
	VIEW_MODE_FEEDS,   /* the feeds screen: one row a feed */
};

/* A match of the article find: bytes [off, off + len) of line. */
struct view_match {
	size_t line; /* display line */
	size_t off;  /* bytes into the line's text */
	size_t len;  /* bytes */
};

/* A category for the menu; name borrowed from a feed item. */
struct view_category {
	const char *name; /* NULL = "all posts" */
	size_t count;     /* posts carrying it */
};

#define VIEW_DIGITS_MAX 6

struct view {
	/* All posts, in list order.  Owned array; the items are borrowed. */
	struct view_post *posts;
	size_t nposts;
	size_t nnew;   /* posts with isnew (they come first) */
	size_t unread; /* posts not read */
	time_t since;  /* the last visit; 0 = unknown (no divider) */

	/* The visible posts: indexes into posts.  Owned. */
	size_t *vis;
	size_t nvis;
	size_t visnew;  /* visible posts above the divider; 0 = no divider */
	char *filter;   /* the `/` text, or NULL; owned */
	char *category; /* the chosen category, or NULL for all; owned */
	bool excerpts;  /* a second row per post with the excerpt */

	/* A last row after the posts ("loading older posts…"), or NULL;
	 * borrowed (a string constant of the caller's). */
	const char *tail;

	size_t sel;    /* index into vis (meaningless when nvis is 0) */
	char *sel_key; /* key of the selected post, or NULL; owned */
	size_t top;    /* first list row shown (rows, not posts) */
	size_t rows;   /* rows of the list pane */

	enum view_mode mode;
	enum view_mode prev; /* the mode to go back to from help or menu */
	bool split;          /* article pane visible beside/above the list */

	/* The article pane. */
	size_t open;                /* index into posts of the open post */
	bool have_open;             /* an article is open */
	char *open_key;             /* its key; owned */
	size_t nlines;              /* display lines of the article */
	size_t ptop;                /* first article line shown */
	size_t prows;               /* rows of the article pane */
	char *find;                 /* the find text, or NULL; owned */
	struct view_match *matches; /* owned, sorted by line and offset */
	size_t nmatches;
	size_t cur; /* current match (when nmatches > 0) */

	/* The help screen: lines and scroll. */
	size_t hlines, htop, hrows;

	/* The category menu.  Owned array; names borrowed. */
	struct view_category *cats;
	size_t ncats;
	size_t csel, ctop, crows;

	/* Digits typed for "open link N". */
	char digits[VIEW_DIGITS_MAX + 1];
	size_t ndigits;

	/* The feeds screen: nentries rows, the selected one, the scroll. */
	size_t nentries, fsel, ftop, frows;
};

/*
 * The key under which a post's position and read mark are kept: its id,
 * else its link, else its title, else "".  Borrowed from the item.
 */
const char *view_post_key(const struct feed_item *);

/* A new view with no posts, excerpts on or off.  Free with view_free. */
struct view *view_new(bool excerpts);
void view_free(struct view *);

/*
 * Callback: whether the post with this key is read (the state file).
 * arg is passed through.
 */
typedef bool (*view_is_read_fn)(const char *key, void *arg);

/*
 * Replace the posts with those of feeds[0..nfeeds) (borrowed until the
 * next call; a post whose key an earlier feed already had is left out).
 * first_seen[i] (may be NULL, or hold NULL) gives feed i's first-seen
 * times; posts first seen after since are new (since 0: none are).  The
 * selection stays on the same post and on the same screen row.
 * is_read may be NULL (all unread).
 */
void view_set_feeds(struct view *, const struct feed *const *feeds,
    const time_t *const *first_seen, size_t nfeeds, time_t since,
    view_is_read_fn is_read, void *arg);

/*
 * Set the list filter (NULL or "" = none): visible are the posts whose
 * title or excerpt contains it, ignoring ASCII case.  The selection stays
 * on its post when that is still visible, else moves to the first one.
 */
void view_set_filter(struct view *, const char *);
/* Show only posts of category name (NULL = all); as view_set_filter. */
void view_set_category(struct view *, const char *name);
/* Excerpt rows on or off; keeps the selected post on screen. */
void view_set_excerpts(struct view *, bool);

/* The list pane has rows rows (after a resize). */
void view_set_rows(struct view *, size_t rows);
/* Rows one post takes: 1, or 2 with excerpts. */
size_t view_post_height(const struct view *);
/* Total rows of the list (posts, the divider and the tail row). */
size_t view_list_rows(const struct view *);
/*
 * Set the row after the last post (text borrowed; NULL: none), shown
 * when the list has posts; the selection stays, and when it is the last
 * post the pane scrolls to show the row.
 */
void view_set_tail(struct view *, const char *text);
/* The row of the tail, when it is shown: true and *row. */
bool view_tail_row(const struct view *, size_t *row);
/* The list row where visible post i starts. */
size_t view_row_of(const struct view *, size_t i);
/* The row of the divider, when there is one (visnew > 0): true and *row. */
bool view_divider_row(const struct view *, size_t *row);
/*
 * The divider's label into buf (size bytes): " 3 new since 14:02 " (the
 * new posts shown, and the last visit), or " 3 new since Nov 28 14:02 "
 * when that was on another day.  Times are shown utcoff seconds east of
 * UTC (the shell's local time zone at since); now tells the day.
 * Returns buf.
 */
char *view_divider_label(const struct view *, time_t now, long utcoff,
    char *buf, size_t size);
/*
 * What list row r shows: true with *i = the visible post (and *second =
 * its excerpt row), or false for the divider or past the end.
 */
bool view_post_at_row(const struct view *, size_t r, size_t *i, bool *second);

/* The selected post, or NULL when the list is empty. */
const struct view_post *view_selected(const struct view *);
/* Visible post i (i < nvis); never NULL. */
const struct view_post *view_visible(const struct view *, size_t i);

/*
 * Move the selection by delta posts (clamped at both ends) and scroll as
 * little as needed to keep it visible.  Returns whether it moved.
 */
bool view_move(struct view *, long delta);
/* Move by a page (pages = +1/-1) or half a page (pages = 0 with half). */
bool view_page(struct view *, int pages);
bool view_half_page(struct view *, int dir);
/* Select the first / last visible post. */
bool view_first(struct view *);
bool view_last(struct view *);
/*
 * The posts worth preparing for opening, most likely first: the selected
 * post, then those after it in the visible list; the open post is left
 * out.  At most n indexes into posts go to out; returns how many.
 */
size_t view_ahead(const struct view *, size_t n, size_t *out);
/* The index into posts of the post whose key is key; SIZE_MAX if none. */
size_t view_find_key(const struct view *, const char *key);
/* Select visible post i (clamped). */
bool view_select(struct view *, size_t i);
/*
 * A click on list row r of the pane (0 = its first row).  Selects the
 * post shown there; returns true when a post is there.
 */
bool view_click(struct view *, size_t r);
/*
 * Scroll the list by delta rows (the mouse wheel) without moving past
 * its ends; the selection follows when it would leave the screen.
 */
bool view_scroll(struct view *, long delta);

/*
 * Toggle the selected post's read mark.  Returns it (NULL when the list
 * is empty): the caller records the change.
 */
const struct view_post *view_toggle_read(struct view *);
/*
 * Mark every visible post read.  Returns how many changed; the caller
 * records them (view_visible over 0..nvis, those now read).
 */
size_t view_mark_all_read(struct view *);
/* Set post p's read mark (p from view_selected/view_visible). */
void view_set_read(struct view *, const struct view_post *p, bool read);

/* --- The article pane --- */

/*
 * Open the selected post: mode ARTICLE, marked read.  Returns it, or NULL
 * when the list is empty.  The caller renders it and calls
 * view_set_article().  The find is cleared.
 */
const struct view_post *view_open(struct view *);
/*
 * Open the next (dir = +1) or previous (-1) visible post from inside the
 * article: the selection moves with it.  NULL at either end.
 */
const struct view_post *view_open_next(struct view *, int dir);
/* The open post, or NULL. */
const struct view_post *view_opened(const struct view *);
/*
 * The open article has nlines display lines; show line top first
 * (clamped).  Called after rendering and after a re-wrap on resize.
 */
void view_set_article(struct view *, size_t nlines, size_t top);
/* The article pane has rows rows. */
void view_set_article_rows(struct view *, size_t rows);
/* Leave the article (q/h/Esc): back to the list; the article stays open. */
void view_close(struct view *);
/* Whether the article pane is shown beside/above the list (a split). */
void view_set_split(struct view *, bool);
/* Tab: in a split with an open article, move the keys to the other pane. */
bool view_focus_toggle(struct view *);

/* Scroll the article by delta lines (clamped).  Returns whether it moved. */
bool view_pager_scroll(struct view *, long delta);
bool view_pager_page(struct view *, int dir);
bool view_pager_half_page(struct view *, int dir);
bool view_pager_top(struct view *);
bool view_pager_bottom(struct view *);
/* The largest top line: the last line is then on the last row. */
size_t view_pager_max_top(const struct view *);

/*
 * The position of the article pane as "Top", "Bot", "All" (everything
 * fits) or "42%" (lines above / lines not shown), into buf[8].
 */
const char *view_pager_position(const struct view *, char buf[8]);

/*
 * Find text in the article's lines (lines[i] NUL-terminated, n lines),
 * ignoring ASCII case; matches never span lines.  Then go to the first
 * match at or after the top line (wrapping).  Returns the number of
 * matches; NULL or "" clears the find.
 */
size_t view_find(struct view *, const char *text, const char *const *lines,
    size_t n);
/*
 * The article was re-wrapped (view_set_article): find the same text in
 * its new lines without scrolling.  Nothing when no find is active.
 */
void view_find_again(struct view *, const char *const *lines, size_t n);
/*
 * Go to the next (dir = +1) or previous (-1) match, wrapping around;
 * *wrapped is set when it did.  Returns false when there is no match.
 */
bool view_find_next(struct view *, int dir, bool *wrapped);
/* Index of the first match on line >= line (nmatches when none). */
size_t view_match_from(const struct view *, size_t line);

/* --- Digits for "open link N" --- */

/* Add digit c ('0'-'9'); false when it does not fit. */
bool view_digit(struct view *, char c);
/* The number typed and clear it; 0 when none. */
unsigned long view_digits_take(struct view *);
void view_digits_clear(struct view *);

/* --- Help and the category menu --- */

/* Help and the menu take the body of the screen: rows rows. */
void view_set_body_rows(struct view *, size_t rows);
/* Show the help (n lines); the mode to go back to is kept. */
void view_help(struct view *, size_t n);
bool view_help_scroll(struct view *, long delta);
/* Leave help for the list or the article, as before. */
void view_help_close(struct view *);

/*
 * Open the category menu: "all posts", then the categories of all posts
 * sorted by name, with counts; the current category selected.
 */
void view_menu(struct view *);
bool view_menu_move(struct view *, long delta);
/* Apply the selected category and leave the menu. */
void view_menu_choose(struct view *);
void view_menu_close(struct view *);

/* --- The feeds screen --- */

/*
 * Show the feeds screen of n entries (the caller's: "all posts", then
 * one a feed), the selection on entry sel (clamped); help goes back to
 * it.  Its rows are those of the body (view_set_body_rows).
 */
void view_feeds(struct view *, size_t n, size_t sel);
/* Move its selection by delta entries (clamped); whether it moved. */
bool view_feeds_move(struct view *, long delta);
/* A click on row r of the feeds screen: selects the entry shown there;
 * false when none is. */
bool view_feeds_click(struct view *, size_t r);

/*
 * A fresh list, for another entry of the feeds screen: no filter,
 * category, find or open article; the selection on the first post; the
 * list mode.  The caller then gives the view that entry's feeds
 * (view_set_feeds) and may put the selection back (view_select_key).
 */
void view_list_reset(struct view *);
/*
 * Select the visible post whose key is key, on row off of the list pane
 * (or as near as the list allows).  false (nothing changes) when no
 * visible post has that key.
 */
bool view_select_key(struct view *, const char *key, size_t off);
/* The row of the list pane the selected post is on (0 = the first). */
size_t view_sel_offset(const struct view *);

/*
 * Count the posts of feeds[0..nfeeds) as view_set_feeds lists them (a
 * post whose key an earlier feed had, once): *total, and *unread those
 * is_read (may be NULL: all unread) does not call read.
 */
void view_count(const struct feed *const *feeds, size_t nfeeds,
    view_is_read_fn is_read, void *arg, size_t *total, size_t *unread);

#endif
