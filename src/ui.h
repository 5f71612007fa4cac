/*
 * ui -- the interactive reader: curses setup and teardown, drawing the
 * view, keys and mouse, and the one event loop that waits on the
 * terminal, the network and signals together.
 *
 * Shell: terminal I/O (ncursesw), signals, the network (through load.h
 * and net.h), the state file (state.h), child processes (spawn.h).  All
 * decisions about what is selected, scrolled or shown are made by the
 * pure view.h; this only translates keys into view calls and draws.
 *
 *   ui.c          setup, colors, signals, teardown, the event loop
 *   ui_article.c  the open article: its full text fetched from the web
 *                 page when the feed has an excerpt, and the next posts
 *                 prepared while the user reads
 *   ui_more.c     older posts: the next pages of a WordPress feed
 *   ui_draw.c     header, list, article, status, help, menu
 *   ui_keys.c     key and mouse dispatch, the prompt line
 */
#ifndef IFPNEWS_UI_H
#define IFPNEWS_UI_H

#include <curses.h>
#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "buf.h"
#include "config.h"
#include "html.h"
#include "load.h"
#include "net.h"
#include "page.h"
#include "state.h"
#include "util.h"
#include "view.h"
#include "wrap.h"

/* What the command line hands to the reader. */
struct ui_opts {
	const struct config *cfg;  /* borrowed */
	const char *const *urls;   /* the feeds (borrowed), nurls of them */
	const char *const *titles; /* config titles per URL, may hold NULL */
	size_t nurls;
	struct load_opts load; /* now is ignored: the clock is below */
	time_t fixed_now;      /* IFPNEWS_NOW; 0 = the real clock */
	bool clock_runs;       /* fixed_now is where a running clock starts */
	bool no_color;         /* NO_COLOR is set */
};

/*
 * Run the reader until the user quits or SIGINT/SIGTERM.  The terminal
 * is restored in every case (also by die()).  Returns the exit status:
 * 0, or 1 when the terminal could not be set up.
 */
int ui_run(const struct ui_opts *);

/* --- Private to ui_*.c --- */

/* One feed of the list. */
struct ui_feed {
	struct ui *ui;          /* the reader it belongs to; borrowed */
	const char *url;        /* borrowed from ui_opts */
	const char *title;      /* config title, or NULL; borrowed */
	struct load_result res; /* owned: res.feed is what the view shows */
	struct load_job *job;   /* a refresh in flight, or NULL */
	time_t checked;         /* last successful fetch or 304; 0 = never */
	char *error;            /* the last refresh's error, or NULL; owned */
	uint64_t shown_kb;      /* progress last drawn (KiB) */
	bool queued;            /* the refresh waits for LOAD_FETCH_MAX */

	/* Older posts (paged.h): pages 2, 3 ... as far as loaded. */
	struct feed **older; /* owned, nolder of them */
	size_t nolder;
	struct load_job *more; /* the next page in flight, or NULL */
	char *more_url;        /* its URL; owned */
	bool more_end;         /* the site has no more pages */
};

#define UI_NO_ENTRY ((size_t)-1) /* ui.shown before a feed is chosen */

/*
 * An entry of the feeds screen: 0 is "all posts" (every feed), 1 + i is
 * feed i.  Where its list was left, and its counts (view_count).
 */
struct ui_entry {
	char *key;     /* the selected post's key, or NULL; owned */
	size_t off;    /* its row in the list pane */
	size_t total;  /* posts */
	size_t unread; /* posts not read */
};

/*
 * One post's article made ready before it is opened, a fetch of its web
 * page, or why that failed.  A fixed table (never moved: a fetch's
 * callback points at its slot); the least recently used slot without a
 * fetch is reused.
 */
struct ui_prep {
	struct ui *ui;        /* the reader; borrowed */
	char *key;            /* the post's key; owned; NULL: a free slot */
	struct html_doc *doc; /* the rendered article, or NULL; owned */
	bool full;            /* doc holds the page's full text */
	bool uncached;        /* the page cache has not got the page */
	struct page_job *job; /* a fetch of the page in flight, or NULL */
	char *error;          /* why the last fetch failed, or NULL; owned */
	unsigned long used;   /* when last used (a counter) */
};

#define UI_PREP_MAX 16  /* slots of the table */
#define UI_PREP_AHEAD 4 /* posts prepared: the selected one and after */
#define UI_AHEAD_MAX 60 /* the config's largest prefetch (a minute) */
/* ms without a key before the idle step runs: the terminal shows the
 * first frame, and a held key scrolls, with the CPU to itself. */
#define UI_IDLE_MS 100

enum ui_prompt {
	UI_PROMPT_NONE,
	UI_PROMPT_FILTER, /* `/` in the list */
	UI_PROMPT_FIND,   /* `/` in the article */
};

/* Dirty parts of the screen. */
enum ui_dirty {
	UI_DIRTY_HEADER = 1 << 0,
	UI_DIRTY_LIST = 1 << 1,
	UI_DIRTY_ARTICLE = 1 << 2,
	UI_DIRTY_STATUS = 1 << 3,
	UI_DIRTY_ALL = 0xff,
};

struct ui {
	const struct ui_opts *opts; /* borrowed */
	const struct config *cfg;   /* borrowed */
	struct view *view;          /* owned */
	struct view_geom geom;
	enum config_layout layout; /* the config's, or toggled */
	int cols, rows;

	struct ui_feed *feeds; /* owned, nfeeds of them */
	size_t nfeeds;
	/* The feeds screen (with several feeds): its entries, and the one
	 * the list shows (0: all posts). */
	struct ui_entry *entries; /* owned, nfeeds + 1 of them */
	size_t shown;             /* or UI_NO_ENTRY: none yet */
	bool counted;             /* the entries' counts are current */
	struct net *net;          /* owned; NULL when offline or unavailable */
	struct state *state;      /* owned */
	time_t next_refresh;      /* periodic refresh; 0 = none */

	/* The open article: kept, so a keypress never renders it again. */
	struct html_doc *doc;  /* owned, or NULL */
	char *doc_key;         /* the key of its post; owned, or NULL */
	bool doc_full;         /* doc holds the page's full text */
	bool doc_excerpt;      /* doc is an excerpt: the page was wanted */
	struct wrap_doc *wrap; /* owned, or NULL: doc at wrap_width */
	size_t wrap_width;     /* columns */
	const char **texts;    /* wrap's line texts, for find; owned array */

	/* Articles prepared ahead and page fetches (ui_article.c). */
	struct ui_prep prep[UI_PREP_MAX];
	unsigned long prep_clock;
	bool idle_work;   /* the idle step may have something to do */
	long long key_ms; /* monotonic ms of the last key, or of the start */
	/* When the last pages fetched ahead started, a ring (the config's
	 * prefetch a minute, at most); 0 = none. */
	time_t ahead[UI_AHEAD_MAX];
	size_t ahead_pos; /* the next slot of the ring */
	time_t ahead_due; /* when the limit lets one more go; 0 = none */

	/* Older posts (ui_more.c): the end was reached, or m pressed. */
	bool more_tried;

	/* Help text, one line each, and the status line's key hints for
	 * the list, the article and the feeds screen, from the bindings;
	 * owned. */
	char **help;
	size_t nhelp;
	char *hints_list;
	char *hints_article;
	char *hints_feeds;

	enum ui_prompt prompt;
	struct buf input;   /* the prompt's text */
	char *saved_filter; /* the filter before the prompt, for Esc; owned */

	struct buf scratch; /* sanitized text being drawn */
	char *msg;          /* status line message, or NULL; owned */
	bool msg_error;     /* shown as an error */

	unsigned dirty; /* enum ui_dirty */
	bool quit;
	/* confirm-quit asked "Quit?": the next key answers. */
	bool confirming;
	bool color;  /* colors are used (not NO_COLOR, has_colors) */
	bool italic; /* the terminal has italics */
	attr_t attr[CONFIG_EL_COUNT];
	int sigpipe[2];
	time_t started;      /* the real clock at start (clock_runs) */
	time_t drawn_minute; /* the minute the ages were drawn for */
	int age_cols;        /* the list's age column; 0 = not yet known */
};

/* The current time: IFPNEWS_NOW (standing, or running from there), or
 * the clock. */
time_t ui_now(const struct ui *);
/* Set the status line message (printf-like); error colors it. */
void ui_message(struct ui *, bool error, const char *fmt, ...) IFP_PRINTF(3, 4);

/* ui.c: start a refresh of every feed (r), unless one runs. */
void ui_refresh(struct ui *);
/* ui.c: the selected post (or the open one) changed its read mark. */
void ui_record_read(struct ui *, const struct view_post *);
/* ui.c: lay the screen out again for the terminal's size. */
void ui_relayout(struct ui *);
/* ui.c: give the view the feeds (and their older pages) as they are. */
void ui_set_feeds(struct ui *, time_t since);
/* ui.c: whether entry e of the feeds screen holds feed i. */
bool ui_entry_has(const struct ui *, size_t e, size_t i);
/* ui.c: go to the feeds screen (several feeds), on the entry shown. */
void ui_feeds_screen(struct ui *);
/* ui.c: leave the feeds screen for the list of entry e, where it was. */
void ui_show_entry(struct ui *, size_t e);
/* ui.c: bring the entries' counts up to date (for the feeds screen). */
void ui_count(struct ui *);
/* ui.c: mark every post of entry e read. */
void ui_mark_entry_read(struct ui *, size_t e);

/*
 * ui_article.c: show the post the view opened: a prepared article, the
 * feed's body, or the page's full text (from the page cache, else the
 * excerpt at once and the page fetched in the background, swapped in
 * when it comes).  force fetches the page for any post (the F key).
 */
void ui_show_article(struct ui *, bool force);
/* ui_article.c: F: fetch the open (or selected) post's page anew. */
void ui_fetch_full(struct ui *);
/* ui_article.c: wrap the open article at the pane's width again; keep
 * puts the same text on top. */
void ui_rewrap(struct ui *, bool keep);
/* ui_article.c: whether the open article's page is being fetched. */
bool ui_fetching_full(const struct ui *);
/*
 * ui_article.c: one step of preparing the next posts (render one, read
 * one page from the cache, or start one fetch), when the user is idle.
 * Returns false when there is nothing left to do for now.
 */
bool ui_idle(struct ui *);
/* ui_article.c: the feeds changed: forget what was prepared from them. */
void ui_prep_forget(struct ui *);
/* ui_article.c: close the open article (another feed's list comes). */
void ui_close_article(struct ui *);
/* ui_article.c: cancel the fetches and free everything (at exit). */
void ui_prep_free(struct ui *);

/*
 * ui_more.c: load the next page of older posts of every feed that has
 * them (paged.h), in the background.  asked: the user pressed the key
 * (say why nothing happens); otherwise the end of the list was reached.
 */
void ui_more(struct ui *, bool asked);
/* ui_more.c: whether older posts are being loaded. */
bool ui_loading_more(const struct ui *);
/* ui_more.c: free the older pages and cancel their fetch (at exit). */
void ui_more_free(struct ui_feed *);

/* ui_draw.c */
void ui_draw(struct ui *);
/* The text of the header's feed part ("IFP News"); borrowed. */
const char *ui_feed_title(const struct ui *);

/* ui_keys.c: handle one key (code point or CONFIG_KEY_*). */
void ui_key(struct ui *, int key);
/* ui_keys.c: handle a mouse event from curses. */
void ui_mouse(struct ui *);
/* ui_keys.c: build the help lines from the key bindings (when the help
 * is first shown). */
void ui_help_build(struct ui *);
/* ui_keys.c: build the status line's key hints from the key bindings. */
void ui_hints_build(struct ui *);

#endif
