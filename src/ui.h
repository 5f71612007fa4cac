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
 *   ui.c       setup, colors, signals, teardown, the event loop
 *   ui_draw.c  header, list, article, status, help, menu
 *   ui_keys.c  key and mouse dispatch, the prompt line
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
};

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
	struct net *net;     /* owned; NULL when offline or unavailable */
	struct state *state; /* owned */
	time_t next_refresh; /* periodic refresh; 0 = none */

	/* The open article: kept, so a keypress never renders it again. */
	struct html_doc *doc;  /* owned, or NULL */
	struct wrap_doc *wrap; /* owned, or NULL: doc at wrap_width */
	size_t wrap_width;     /* columns */
	const char **texts;    /* wrap's line texts, for find; owned array */

	/* The full text of excerpt posts (ui_fulltext.c). */
	struct page_job *page_job;     /* the open post's page, or NULL */
	char *page_key;                /* view_post_key of that post; owned */
	struct page_job *prefetch_job; /* the next post's page, or NULL */

	/* Help text, one line each; owned. */
	char **help;
	size_t nhelp;

	enum ui_prompt prompt;
	struct buf input;   /* the prompt's text */
	char *saved_filter; /* the filter before the prompt, for Esc; owned */

	struct buf scratch; /* sanitized text being drawn */
	char *msg;          /* status line message, or NULL; owned */
	bool msg_error;     /* shown as an error */

	unsigned dirty; /* enum ui_dirty */
	bool quit;
	bool color;  /* colors are used (not NO_COLOR, has_colors) */
	bool italic; /* the terminal has italics */
	attr_t attr[CONFIG_EL_COUNT];
	int sigpipe[2];
	time_t drawn_minute; /* the minute the ages were drawn for */
};

/* The current time: IFPNEWS_NOW, or the clock. */
time_t ui_now(const struct ui *);
/* Set the status line message (printf-like); error colors it. */
void ui_message(struct ui *, bool error, const char *fmt, ...) IFP_PRINTF(3, 4);

/* ui.c: start a refresh of every feed (r), unless one runs. */
void ui_refresh(struct ui *);
/* ui.c: the selected post (or the open one) changed its read mark. */
void ui_record_read(struct ui *, const struct view_post *);
/* ui.c: render and show the post the view opened. */
void ui_show_article(struct ui *);
/* ui.c: show doc (taken over) as the open article, from its top. */
void ui_set_article(struct ui *, struct html_doc *doc);

/*
 * ui_fulltext.c: when the open post carries only an excerpt (or force,
 * for any post: F), show its web page's full text: from the page cache
 * at once, else fetched in the background (the excerpt meanwhile).
 */
void ui_fulltext(struct ui *, bool force);
/* ui_fulltext.c: stop the page fetches in flight (at exit). */
void ui_fulltext_cancel(struct ui *);
/* ui.c: lay the screen out again for the terminal's size. */
void ui_relayout(struct ui *);

/* ui_draw.c */
void ui_draw(struct ui *);
/* The text of the header's feed part ("IFP News"); borrowed. */
const char *ui_feed_title(const struct ui *);

/* ui_keys.c: handle one key (code point or CONFIG_KEY_*). */
void ui_key(struct ui *, int key);
/* ui_keys.c: handle a mouse event from curses. */
void ui_mouse(struct ui *);
/* ui_keys.c: build the help lines from the key bindings. */
void ui_help_build(struct ui *);

#endif
