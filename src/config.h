/*
 * config -- the config file: text to struct config, with every error.
 *
 * Pure: the caller reads the file (main.c) and passes its text.  One line
 * a setting, "KEY ARG ...", # comments, words quoted with "..." (escapes
 * \\ \" \') or '...' (literal).  config_keys[] is the single list of the
 * settings: the parser, --help, the man page and config.example are
 * checked against it.  Key bindings and colors live here too, so the UI
 * has one table of actions, key names and screen elements.
 */
#ifndef IFPNEWS_CONFIG_H
#define IFPNEWS_CONFIG_H

#include <stdbool.h>
#include <stddef.h>

/* What a key does.  Names as in the config file (config_action_name). */
enum config_action {
	CONFIG_ACTION_NONE, /* unbound */
	CONFIG_ACTION_QUIT, /* leave the program from anywhere */
	CONFIG_ACTION_UP,   /* previous post / scroll up a line */
	CONFIG_ACTION_DOWN, /* next post / scroll down a line */
	CONFIG_ACTION_PAGE_UP,
	CONFIG_ACTION_PAGE_DOWN,
	CONFIG_ACTION_HALF_UP,
	CONFIG_ACTION_HALF_DOWN,
	CONFIG_ACTION_TOP,
	CONFIG_ACTION_BOTTOM,
	CONFIG_ACTION_OPEN,        /* open the selected post */
	CONFIG_ACTION_BACK,        /* close the article; quit from the list */
	CONFIG_ACTION_NEXT,        /* next post, also from inside the article */
	CONFIG_ACTION_PREV,        /* previous post, also from the article */
	CONFIG_ACTION_SEARCH,      /* list: filter; article: find */
	CONFIG_ACTION_SEARCH_NEXT, /* next match (while a find is active) */
	CONFIG_ACTION_SEARCH_PREV, /* previous match (while a find is active) */
	CONFIG_ACTION_REFRESH,
	CONFIG_ACTION_OPEN_BROWSER,
	CONFIG_ACTION_TOGGLE_READ,
	CONFIG_ACTION_MARK_ALL_READ,
	CONFIG_ACTION_TOGGLE_EXCERPTS,
	CONFIG_ACTION_CATEGORY, /* choose a category to show */
	CONFIG_ACTION_HELP,
	CONFIG_ACTION_FETCH_FULL,    /* fetch the article's web page */
	CONFIG_ACTION_LOAD_MORE,     /* load the next page of older posts */
	CONFIG_ACTION_SWITCH_PANE,   /* in a split: keys to the other pane */
	CONFIG_ACTION_TOGGLE_LAYOUT, /* full screen <-> split */
	CONFIG_ACTION_REDRAW,
	CONFIG_ACTION_COUNT
};

/*
 * Keys: a Unicode code point (control keys as their codes: Tab 9, Esc 27,
 * C-a 1), or one of these for keys that have no code point.  The UI maps
 * curses' KEY_* (and '\n', '\r', KEY_ENTER; 127, 8, KEY_BACKSPACE) here.
 */
enum config_key_special {
	CONFIG_KEY_ENTER = 0x110000,
	CONFIG_KEY_BACKSPACE,
	CONFIG_KEY_UP,
	CONFIG_KEY_DOWN,
	CONFIG_KEY_LEFT,
	CONFIG_KEY_RIGHT,
	CONFIG_KEY_HOME,
	CONFIG_KEY_END,
	CONFIG_KEY_PAGE_UP,
	CONFIG_KEY_PAGE_DOWN,
	CONFIG_KEY_INSERT,
	CONFIG_KEY_DELETE,
	CONFIG_KEY_F1, /* F1 to F12 follow in order */
	CONFIG_KEY_F12 = CONFIG_KEY_F1 + 11,
};

/* Screen elements that have a color. */
enum config_element {
	CONFIG_EL_NORMAL,    /* text with no other color */
	CONFIG_EL_HEADER,    /* the top line */
	CONFIG_EL_STATUS,    /* the bottom line */
	CONFIG_EL_SELECTION, /* the selected post */
	CONFIG_EL_UNREAD,    /* an unread post's title */
	CONFIG_EL_AGE,       /* "54 minutes ago" */
	CONFIG_EL_EXCERPT,   /* the excerpt row */
	CONFIG_EL_DIVIDER,   /* "3 new since 14:02" */
	CONFIG_EL_TITLE,     /* the article's title */
	CONFIG_EL_BYLINE,    /* author, date, categories */
	CONFIG_EL_HEADING,
	CONFIG_EL_LINK, /* [1] marks and the link list */
	CONFIG_EL_QUOTE,
	CONFIG_EL_CODE,
	CONFIG_EL_SEARCH, /* search matches */
	CONFIG_EL_ERROR,  /* error messages */
	CONFIG_EL_COUNT
};

#define CONFIG_ATTR_BOLD 0x01u
#define CONFIG_ATTR_UNDERLINE 0x02u
#define CONFIG_ATTR_REVERSE 0x04u
#define CONFIG_ATTR_ITALIC 0x08u
#define CONFIG_ATTR_DIM 0x10u
#define CONFIG_ATTR_BLINK 0x20u

#define CONFIG_COLOR_DEFAULT (-1) /* the terminal's own color */

struct config_color {
	int fg;         /* 0-255, or CONFIG_COLOR_DEFAULT */
	int bg;         /* 0-255, or CONFIG_COLOR_DEFAULT */
	unsigned attrs; /* CONFIG_ATTR_* */
};

struct config_bind {
	int key; /* code point or CONFIG_KEY_* */
	enum config_action action;
};

struct config_feed {
	char *url;   /* owned; http(s), file:// or a path */
	char *title; /* owned; NULL: the feed's own title */
};

enum config_layout {
	CONFIG_LAYOUT_AUTO,  /* split on a wide terminal, else full */
	CONFIG_LAYOUT_FULL,  /* list, then article, each on the whole screen */
	CONFIG_LAYOUT_SPLIT, /* list and article side by side (or stacked) */
};

struct config {
	struct config_feed *feeds; /* owned, in file order */
	size_t nfeeds;
	long refresh_interval; /* seconds; 0 = only on demand */
	int keep_days;         /* days a post that left the feed is kept */
	enum config_layout layout;
	bool excerpts;     /* the excerpt row under each title */
	char **browser;    /* owned argv, NULL-terminated; NULL = default */
	long timeout;      /* seconds, for a whole transfer */
	size_t max_size;   /* bytes, the largest body accepted */
	char *user_agent;  /* owned; NULL = "ifpnews/VERSION" */
	char *date_format; /* owned; dates older than a week (date_format) */
	bool confirm_quit; /* ask before quitting */
	int max_width;     /* columns, the widest article text */
	int prefetch;      /* pages fetched ahead a minute, at most */
	struct config_bind *binds; /* owned; the defaults, then bind/unbind */
	size_t nbinds;
	struct config_color colors[CONFIG_EL_COUNT];
};

/* Messages "FILE:LINE:COL: message", in file order. */
struct config_errors {
	char **msgs; /* owned, each owned */
	size_t n;
};

/* One setting of the config file, for the parser and the documentation. */
struct config_key {
	const char *name; /* "refresh-interval" */
	const char *args; /* "DURATION|off" */
	const char *help; /* one line, with the default */
};
extern const struct config_key config_keys[];
extern const size_t config_nkeys;

/* The built-in key bindings (before the config file's bind/unbind). */
extern const struct config_bind config_default_binds[];
extern const size_t config_ndefault_binds;

/* A config holding the defaults.  Free with config_free (NULL is fine). */
struct config *config_new(void);
void config_free(struct config *);

/*
 * Apply the settings of text (len bytes; file names it in messages) to
 * cfg.  Every error is appended to errs as "FILE:LINE:COL: message".
 * Returns 0, or -1 when there was an error (cfg then holds the settings
 * of the good lines only).
 */
int config_parse(struct config *cfg, const char *file, const char *text,
    size_t len, struct config_errors *errs);

/* Free the messages; errs can be reused. */
void config_errors_clear(struct config_errors *errs);

/*
 * Split a command line into words, with the config file's quoting rules
 * (never a shell).  Returns a NULL-terminated argv the caller frees with
 * config_argv_free, or NULL with *cause set (caller frees) when the
 * quoting is broken or there are no words.
 */
char **config_split_words(const char *s, char **cause);
void config_argv_free(char **argv);

/*
 * What key does: its binding, where search-next and search-prev win only
 * while a find is active (searching) and lose otherwise, so one key can
 * serve both ('n': next post, or next match).  CONFIG_ACTION_NONE if
 * unbound.
 */
enum config_action config_lookup(const struct config *cfg, int key,
    bool searching);

/* The config name of an action ("page-down"); borrowed, static. */
const char *config_action_name(enum config_action);
/* The action of a name, or CONFIG_ACTION_NONE. */
enum config_action config_action_parse(const char *name);

/* Parse a key name ("j", "C-d", "enter", "pagedown", "f5"); 0 or -1. */
int config_key_parse(const char *name, int *key);
/* The name of key for the help screen ("j", "C-d", "Enter"); buf, size >= 16.
 */
char *config_key_name(int key, char *buf, size_t size);

/* The config name of an element ("selection"); borrowed, static. */
const char *config_element_name(enum config_element);

/*
 * Shell (config_load.c, not in the core): read and parse the config file.
 * path is -c FILE (it must exist), or NULL for the default,
 * $XDG_CONFIG_HOME/ifpnews/config else ~/.config/ifpnews/config (it may
 * be missing: the defaults apply).  Sets *cfgp (never NULL: the defaults
 * and what parsed) and *usedp (the file read, NULL when none; caller
 * frees).  Returns 0, or -1 with the errors in errs, including "FILE:
 * reason" when the file cannot be read.
 */
int config_load(const char *path, struct config **cfgp, char **usedp,
    struct config_errors *errs);

#endif
