/*
 * config -- the config file: text to struct config, with every error.
 *
 * A line is split into words (split_words), the first word names the
 * setting in keys[], whose handler checks and stores the arguments.  A
 * bad line is reported and skipped; the next line is parsed as if it
 * were not there, so one run reports every error (as newsboat's
 * configparser and tmux's cmd_parse do).
 */
#include "config.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "date.h"
#include "uri.h"
#include "utf8.h"
#include "util.h"

#define MIN_S 60L
#define HOUR_S 3600L
#define DAY_S 86400L
#define KIB ((size_t)1024)

/* One line being parsed: its words and where they start. */
struct line {
	const char *file;
	size_t lineno;
	struct config_errors *errs;
	char **w;    /* the words, w[0] the key; owned */
	size_t *col; /* their columns, 1-based, in characters */
	size_t n;
	size_t eol; /* the column after the last character */
};

static const char *const action_names[CONFIG_ACTION_COUNT] = {
    [CONFIG_ACTION_NONE] = "none",
    [CONFIG_ACTION_QUIT] = "quit",
    [CONFIG_ACTION_UP] = "up",
    [CONFIG_ACTION_DOWN] = "down",
    [CONFIG_ACTION_PAGE_UP] = "page-up",
    [CONFIG_ACTION_PAGE_DOWN] = "page-down",
    [CONFIG_ACTION_HALF_UP] = "half-up",
    [CONFIG_ACTION_HALF_DOWN] = "half-down",
    [CONFIG_ACTION_TOP] = "top",
    [CONFIG_ACTION_BOTTOM] = "bottom",
    [CONFIG_ACTION_OPEN] = "open",
    [CONFIG_ACTION_BACK] = "back",
    [CONFIG_ACTION_NEXT] = "next",
    [CONFIG_ACTION_PREV] = "prev",
    [CONFIG_ACTION_SEARCH] = "search",
    [CONFIG_ACTION_SEARCH_NEXT] = "search-next",
    [CONFIG_ACTION_SEARCH_PREV] = "search-prev",
    [CONFIG_ACTION_REFRESH] = "refresh",
    [CONFIG_ACTION_OPEN_BROWSER] = "open-browser",
    [CONFIG_ACTION_TOGGLE_READ] = "toggle-read",
    [CONFIG_ACTION_MARK_ALL_READ] = "mark-all-read",
    [CONFIG_ACTION_TOGGLE_EXCERPTS] = "toggle-excerpts",
    [CONFIG_ACTION_CATEGORY] = "category",
    [CONFIG_ACTION_HELP] = "help",
    [CONFIG_ACTION_FETCH_FULL] = "fetch-full",
    [CONFIG_ACTION_LOAD_MORE] = "load-more",
    [CONFIG_ACTION_SWITCH_PANE] = "switch-pane",
    [CONFIG_ACTION_TOGGLE_LAYOUT] = "toggle-layout",
    [CONFIG_ACTION_REDRAW] = "redraw",
};

static const char *const element_names[CONFIG_EL_COUNT] = {
    [CONFIG_EL_NORMAL] = "normal",
    [CONFIG_EL_HEADER] = "header",
    [CONFIG_EL_STATUS] = "status",
    [CONFIG_EL_SELECTION] = "selection",
    [CONFIG_EL_UNREAD] = "unread",
    [CONFIG_EL_AGE] = "age",
    [CONFIG_EL_EXCERPT] = "excerpt",
    [CONFIG_EL_DIVIDER] = "divider",
    [CONFIG_EL_TITLE] = "title",
    [CONFIG_EL_BYLINE] = "byline",
    [CONFIG_EL_HEADING] = "heading",
    [CONFIG_EL_LINK] = "link",
    [CONFIG_EL_QUOTE] = "quote",
    [CONFIG_EL_CODE] = "code",
    [CONFIG_EL_SEARCH] = "search",
    [CONFIG_EL_ERROR] = "error",
};

/*
 * Readable on a monochrome terminal: every element that must stand out
 * has an attribute, the colors only add to it.
 */
static const struct config_color default_colors[CONFIG_EL_COUNT] = {
    [CONFIG_EL_NORMAL] = {-1, -1, 0},
    [CONFIG_EL_HEADER] = {-1, -1, CONFIG_ATTR_REVERSE | CONFIG_ATTR_BOLD},
    [CONFIG_EL_STATUS] = {-1, -1, CONFIG_ATTR_REVERSE},
    [CONFIG_EL_SELECTION] = {-1, -1, CONFIG_ATTR_REVERSE},
    [CONFIG_EL_UNREAD] = {-1, -1, CONFIG_ATTR_BOLD},
    [CONFIG_EL_AGE] = {6, -1, 0},
    [CONFIG_EL_EXCERPT] = {-1, -1, CONFIG_ATTR_DIM},
    [CONFIG_EL_DIVIDER] = {3, -1, CONFIG_ATTR_BOLD},
    [CONFIG_EL_TITLE] = {-1, -1, CONFIG_ATTR_BOLD},
    [CONFIG_EL_BYLINE] = {6, -1, 0},
    [CONFIG_EL_HEADING] = {-1, -1, CONFIG_ATTR_BOLD},
    [CONFIG_EL_LINK] = {4, -1, CONFIG_ATTR_UNDERLINE},
    [CONFIG_EL_QUOTE] = {2, -1, CONFIG_ATTR_ITALIC},
    [CONFIG_EL_CODE] = {3, -1, 0},
    [CONFIG_EL_SEARCH] = {-1, -1, CONFIG_ATTR_REVERSE | CONFIG_ATTR_BOLD},
    [CONFIG_EL_ERROR] = {1, -1, CONFIG_ATTR_BOLD},
};

/* SPEC "The screen", Keys. */
const struct config_bind config_default_binds[] = {
    {'Q', CONFIG_ACTION_QUIT},
    {'k', CONFIG_ACTION_UP},
    {CONFIG_KEY_UP, CONFIG_ACTION_UP},
    {'j', CONFIG_ACTION_DOWN},
    {CONFIG_KEY_DOWN, CONFIG_ACTION_DOWN},
    {CONFIG_KEY_PAGE_UP, CONFIG_ACTION_PAGE_UP},
    {'b', CONFIG_ACTION_PAGE_UP},
    {CONFIG_KEY_PAGE_DOWN, CONFIG_ACTION_PAGE_DOWN},
    {' ', CONFIG_ACTION_PAGE_DOWN},
    {'u' & 0x1f, CONFIG_ACTION_HALF_UP},
    {'d' & 0x1f, CONFIG_ACTION_HALF_DOWN},
    {'g', CONFIG_ACTION_TOP},
    {CONFIG_KEY_HOME, CONFIG_ACTION_TOP},
    {'G', CONFIG_ACTION_BOTTOM},
    {CONFIG_KEY_END, CONFIG_ACTION_BOTTOM},
    {CONFIG_KEY_ENTER, CONFIG_ACTION_OPEN},
    {'l', CONFIG_ACTION_OPEN},
    {CONFIG_KEY_RIGHT, CONFIG_ACTION_OPEN},
    {'q', CONFIG_ACTION_BACK},
    {'h', CONFIG_ACTION_BACK},
    {27, CONFIG_ACTION_BACK},
    {CONFIG_KEY_LEFT, CONFIG_ACTION_BACK},
    {'n', CONFIG_ACTION_NEXT},
    {'p', CONFIG_ACTION_PREV},
    {'/', CONFIG_ACTION_SEARCH},
    {'n', CONFIG_ACTION_SEARCH_NEXT},
    {'N', CONFIG_ACTION_SEARCH_PREV},
    {'r', CONFIG_ACTION_REFRESH},
    {'o', CONFIG_ACTION_OPEN_BROWSER},
    {'u', CONFIG_ACTION_TOGGLE_READ},
    {'A', CONFIG_ACTION_MARK_ALL_READ},
    {'e', CONFIG_ACTION_TOGGLE_EXCERPTS},
    {'c', CONFIG_ACTION_CATEGORY},
    {'?', CONFIG_ACTION_HELP},
    {'F', CONFIG_ACTION_FETCH_FULL},
    {'m', CONFIG_ACTION_LOAD_MORE},
    {'\t', CONFIG_ACTION_SWITCH_PANE},
    {'s', CONFIG_ACTION_TOGGLE_LAYOUT},
    {'l' & 0x1f, CONFIG_ACTION_REDRAW},
};
const size_t config_ndefault_binds = NITEMS(config_default_binds);

static const struct {
	const char *name;
	int key;
} key_names[] = {
    /* The first name of a key is the one config_key_name gives. */
    {"Enter", CONFIG_KEY_ENTER},
    {"Return", CONFIG_KEY_ENTER},
    {"Tab", '\t'},
    {"Esc", 27},
    {"Escape", 27},
    {"Space", ' '},
    {"Backspace", CONFIG_KEY_BACKSPACE},
    {"Up", CONFIG_KEY_UP},
    {"Down", CONFIG_KEY_DOWN},
    {"Left", CONFIG_KEY_LEFT},
    {"Right", CONFIG_KEY_RIGHT},
    {"Home", CONFIG_KEY_HOME},
    {"End", CONFIG_KEY_END},
    {"PageUp", CONFIG_KEY_PAGE_UP},
    {"PgUp", CONFIG_KEY_PAGE_UP},
    {"PageDown", CONFIG_KEY_PAGE_DOWN},
    {"PgDn", CONFIG_KEY_PAGE_DOWN},
    {"Insert", CONFIG_KEY_INSERT},
    {"Delete", CONFIG_KEY_DELETE},
    {"Del", CONFIG_KEY_DELETE},
};

static const struct {
	const char *name;
	unsigned attr;
} attr_names[] = {
    {"bold", CONFIG_ATTR_BOLD},
    {"underline", CONFIG_ATTR_UNDERLINE},
    {"reverse", CONFIG_ATTR_REVERSE},
    {"italic", CONFIG_ATTR_ITALIC},
    {"dim", CONFIG_ATTR_DIM},
    {"blink", CONFIG_ATTR_BLINK},
    {"none", 0},
};

static const char *const color_names[] = {"black", "red", "green", "yellow",
    "blue", "magenta", "cyan", "white"};

static int set_feed(struct config *, struct line *);
static int set_refresh_interval(struct config *, struct line *);
static int set_keep_days(struct config *, struct line *);
static int set_layout(struct config *, struct line *);
static int set_excerpts(struct config *, struct line *);
static int set_browser(struct config *, struct line *);
static int set_timeout(struct config *, struct line *);
static int set_max_size(struct config *, struct line *);
static int set_user_agent(struct config *, struct line *);
static int set_date_format(struct config *, struct line *);
static int set_confirm_quit(struct config *, struct line *);
static int set_max_width(struct config *, struct line *);
static int set_prefetch(struct config *, struct line *);
static int set_bind(struct config *, struct line *);
static int set_unbind(struct config *, struct line *);
static int set_color(struct config *, struct line *);

/* The settings.  Keep config_keys[] below in the same order. */
static const struct {
	int (*set)(struct config *, struct line *);
	size_t min, max; /* arguments after the key */
} handlers[] = {
    {set_feed, 1, 2},
    {set_refresh_interval, 1, 1},
    {set_keep_days, 1, 1},
    {set_layout, 1, 1},
    {set_excerpts, 1, 1},
    {set_browser, 1, 64},
    {set_timeout, 1, 1},
    {set_max_size, 1, 1},
    {set_user_agent, 1, 1},
    {set_date_format, 1, 1},
    {set_confirm_quit, 1, 1},
    {set_max_width, 1, 1},
    {set_prefetch, 1, 1},
    {set_bind, 2, 2},
    {set_unbind, 1, 1},
    {set_color, 2, 9},
};

const struct config_key config_keys[] = {
    {"feed", "URL [TITLE]",
        "a feed to read (http, https, file:// or a path), with the title "
        "to show for it; repeat for more feeds"},
    {"refresh-interval", "DURATION|off",
        "refresh the feeds this often while running, and at start when "
        "the cache is older (default 15m)"},
    {"keep-days", "N",
        "days a post that left its feed stays readable (default 14)"},
    {"layout", "auto|full|split",
        "full screen list and article, side by side, or split when the "
        "terminal is wide (default auto)"},
    {"excerpts", "on|off", "show the excerpt under each title (default on)"},
    {"browser", "COMMAND",
        "command that opens a link, split into words, never run by a "
        "shell; a word %u (or %s) is replaced by the URL, else the URL comes "
        "last "
        "(default $BROWSER, else xdg-open)"},
    {"timeout", "DURATION", "give up a transfer after this long (default 30s)"},
    {"max-size", "SIZE",
        "largest feed or page accepted, K, M or G (default 16M)"},
    {"user-agent", "STRING",
        "User-Agent header sent (default ifpnews/VERSION)"},
    {"date-format", "FORMAT",
        "how dates older than a week are shown: %Y %y %m %d %e %j %H %I "
        "%M %S %p %b %B %a %A %F %R %T %%, %-d without padding (default "
        "\"%b %-d, %Y\")"},
    {"confirm-quit", "on|off", "ask before quitting (default off)"},
    {"max-width", "N", "widest article text, in columns (default 100)"},
    {"prefetch", "N",
        "web pages of the next posts fetched ahead while one is read, at "
        "most N a minute; 0: none (default 6)"},
    {"bind", "KEY ACTION",
        "make KEY do ACTION; it stops doing what it did before"},
    {"unbind", "KEY", "make KEY do nothing"},
    {"color", "ELEMENT [ATTR ...] [FG [BG]]",
        "colors and attributes of a screen element"},
};
const size_t config_nkeys = NITEMS(config_keys);

/* --- Errors --- */

static void IFP_PRINTF(5, 6) add_error(struct config_errors *errs,
    const char *file, size_t line, size_t col, const char *fmt, ...)
{
	va_list ap;
	char *msg;

	va_start(ap, fmt);
	msg = xvasprintf(fmt, ap);
	va_end(ap);
	errs->msgs =
	    xreallocarray(errs->msgs, errs->n + 1, sizeof(*errs->msgs));
	errs->msgs[errs->n++] =
	    xasprintf("%s:%zu:%zu: %s", file, line, col, msg);
	free(msg);
}

/* An error about word i of the line (its column); returns -1. */
static int IFP_PRINTF(3, 4) lerr(struct line *l, size_t i, const char *fmt, ...)
{
	va_list ap;
	char *msg;

	va_start(ap, fmt);
	msg = xvasprintf(fmt, ap);
	va_end(ap);
	add_error(l->errs, l->file, l->lineno, i < l->n ? l->col[i] : l->eol,
	    "%s", msg);
	free(msg);
	return -1;
}

void
config_errors_clear(struct config_errors *errs)
{
	size_t i;

	for (i = 0; i < errs->n; i++)
		free(errs->msgs[i]);
	free(errs->msgs);
	errs->msgs = NULL;
	errs->n = 0;
}

/* --- Words --- */

/* Columns are characters: count the bytes that start one. */
static size_t
column(const char *start, const char *p)
{
	size_t col = 1;

	for (; start < p; start++)
		if (((unsigned char)*start & 0xc0) != 0x80)
			col++;
	return col;
}

/*
 * Split s[0..len) into words: blanks separate them, "..." groups with the
 * escapes \\ \" \', '...' groups literally, a backslash outside quotes
 * takes the next character as it is.  With comments, a # that starts a
 * word ends the line.  Returns 0, or -1 with *why (static) and *errcol.
 */
static int
split_words(const char *s, size_t len, bool comments, char ***wordsp,
    size_t **colsp, size_t *np, const char **why, size_t *errcol)
{
	const char *p = s, *end = s + len, *q;
	char **words = NULL;
	size_t *cols = NULL, n = 0;
	struct buf b;
	int rc = -1;

	buf_init(&b, BUF_NOLIMIT);
	for (;;) {
		while (p < end && (*p == ' ' || *p == '\t'))
			p++;
		if (p == end || (comments && *p == '#'))
			break;
		words = xreallocarray(words, n + 2, sizeof(*words));
		cols = xreallocarray(cols, n + 1, sizeof(*cols));
		cols[n] = column(s, p);
		buf_reset(&b);
		buf_addstr(&b, "");
		while (p < end && *p != ' ' && *p != '\t') {
			if (*p == '\'') {
				q = memchr(p + 1, '\'', (size_t)(end - p - 1));
				if (q == NULL) {
					*why = "no closing '";
					*errcol = column(s, p);
					goto out;
				}
				buf_add(&b, p + 1, (size_t)(q - p - 1));
				p = q + 1;
			} else if (*p == '"') {
				for (q = p + 1; q < end && *q != '"'; q++) {
					if (*q == '\\' && q + 1 < end &&
					    (q[1] == '\\' || q[1] == '"' ||
					        q[1] == '\'')) {
						q++;
					} else if (*q == '\\') {
						*why = "unknown escape (only "
						       "\\\\ \\\" \\' are)";
						*errcol = column(s, q);
						goto out;
					}
					buf_addch(&b, *q);
				}
				if (q == end) {
					*why = "no closing \"";
					*errcol = column(s, p);
					goto out;
				}
				p = q + 1;
			} else if (*p == '\\') {
				if (p + 1 == end) {
					*why = "nothing after \\";
					*errcol = column(s, p);
					goto out;
				}
				buf_addch(&b, p[1]);
				p += 2;
			} else
				buf_addch(&b, *p++);
		}
		words[n++] = buf_detach(&b, NULL);
		words[n] = NULL;
	}
	rc = 0;
out:
	buf_clear(&b);
	if (rc == -1) {
		if (words != NULL)
			words[n] = NULL;
		config_argv_free(words);
		free(cols);
		return -1;
	}
	*wordsp = words;
	*colsp = cols;
	*np = n;
	return 0;
}

char **
config_split_words(const char *s, char **cause)
{
	char **words;
	size_t *cols, n;
	const char *why;
	size_t col;

	if (split_words(s, strlen(s), false, &words, &cols, &n, &why, &col) ==
	    -1) {
		*cause = xasprintf("column %zu: %s", col, why);
		return NULL;
	}
	free(cols);
	if (n == 0) {
		*cause = xstrdup("no command");
		return NULL;
	}
	return words;
}

void
config_argv_free(char **argv)
{
	size_t i;

	if (argv == NULL)
		return;
	for (i = 0; argv[i] != NULL; i++)
		free(argv[i]);
	free(argv);
}

static char **
argv_copy(char *const *w, size_t n)
{
	char **argv;
	size_t i;

	argv = xcalloc(n + 1, sizeof(*argv));
	for (i = 0; i < n; i++)
		argv[i] = xstrdup(w[i]);
	return argv;
}

/* --- Values --- */

static bool
is_word(const char *a, const char *b)
{
	for (; *a != '\0' && *b != '\0'; a++, b++) {
		char x = *a >= 'A' && *a <= 'Z' ? (char)(*a - 'A' + 'a') : *a;
		char y = *b >= 'A' && *b <= 'Z' ? (char)(*b - 'A' + 'a') : *b;

		if (x != y)
			return false;
	}
	return *a == *b;
}

static int
parse_bool(struct line *l, bool *out)
{
	const char *v = l->w[1];

	if (is_word(v, "on") || is_word(v, "yes") || is_word(v, "true"))
		*out = true;
	else if (is_word(v, "off") || is_word(v, "no") || is_word(v, "false"))
		*out = false;
	else
		return lerr(l, 1, "%s: \"%s\" is not on or off", l->w[0], v);
	return 0;
}

/* Decimal digits only, no sign, no spaces; at most max. */
static int
parse_uint(const char *s, long long max, long long *out)
{
	long long v = 0;

	if (*s == '\0')
		return -1;
	for (; *s != '\0'; s++) {
		if (*s < '0' || *s > '9')
			return -1;
		v = v * 10 + (*s - '0');
		if (v > max)
			return -1;
	}
	*out = v;
	return 0;
}

static int
parse_int_arg(struct line *l, long long min, long long max, long long *out)
{
	const char *v = l->w[1];

	if (parse_uint(v, max, out) == -1 || *out < min)
		return lerr(l, 1,
		    "%s: \"%s\" is not a number from %lld to %lld", l->w[0], v,
		    min, max);
	return 0;
}

/* Durations: 90, 30s, 15m, 2h, 1d, 1h30m (a bare number is seconds). */
static int
parse_duration(const char *s, long max, long *out)
{
	long long total = 0, v, unit;
	const char *p = s;

	if (parse_uint(s, max, &v) == 0) {
		*out = (long)v;
		return 0;
	}
	do {
		if (*p < '0' || *p > '9')
			return -1;
		for (v = 0; *p >= '0' && *p <= '9'; p++) {
			v = v * 10 + (*p - '0');
			if (v > max)
				return -1;
		}
		switch (*p++) {
		case 's':
			unit = 1;
			break;
		case 'm':
			unit = MIN_S;
			break;
		case 'h':
			unit = HOUR_S;
			break;
		case 'd':
			unit = DAY_S;
			break;
		default:
			return -1;
		}
		total += v * unit;
		if (total > max)
			return -1;
	} while (*p != '\0');
	*out = (long)total;
	return 0;
}

static int
duration_arg(struct line *l, long min, long max, const char *range, long *out)
{
	long v;

	if (parse_duration(l->w[1], max, &v) == -1 || v < min)
		return lerr(l, 1,
		    "%s: \"%s\" is not a duration from %s (like 30s, 15m, "
		    "2h, 1d)",
		    l->w[0], l->w[1], range);
	*out = v;
	return 0;
}

/* Sizes: 4096, 512K, 16M, 1G (K = 1024 bytes; KB, KiB alike). */
static int
parse_size(const char *s, size_t *out)
{
	unsigned long long v = 0, unit = 1;
	const char *p = s;

	if (*p < '0' || *p > '9')
		return -1;
	for (; *p >= '0' && *p <= '9'; p++) {
		v = v * 10 + (unsigned)(*p - '0');
		if (v > (1ULL << 40))
			return -1;
	}
	switch (*p) {
	case 'k':
	case 'K':
		unit = KIB;
		break;
	case 'm':
	case 'M':
		unit = KIB * KIB;
		break;
	case 'g':
	case 'G':
		unit = KIB * KIB * KIB;
		break;
	case '\0':
		break;
	default:
		return -1;
	}
	if (*p != '\0') {
		p++;
		if (is_word(p, "ib") || is_word(p, "b"))
			p += strlen(p);
	}
	if (*p != '\0' || v > (1ULL << 40) / unit)
		return -1;
	*out = (size_t)(v * unit);
	return 0;
}

/*
 * A URL we fetch (http or https with a host, file), or a path.
 * "javascript:" or "ftp://" are refused here, not at the first refresh.
 */
static bool
url_ok(const char *u)
{
	if (!uri_is_absolute(u))
		return u[0] != '\0';
	return uri_is_http(u) || uri_has_scheme(u, "file");
}

/*
 * No control characters in any word: they would reach a title on screen
 * or an HTTP header.  (Tabs can only get in through quotes.)
 */
static int
check_controls(struct line *l)
{
	const char *s;
	uint32_t cp;
	size_t i, len, k;

	for (i = 0; i < l->n; i++) {
		s = l->w[i];
		len = strlen(s);
		for (k = 0; k < len; k += utf8_decode(s + k, len - k, &cp)) {
			utf8_decode(s + k, len - k, &cp);
			if (utf8_is_control(cp) || cp == '\t' || cp == '\n' ||
			    cp == 27)
				return lerr(l, i, "%s: control character",
				    i == 0 ? "setting" : l->w[0]);
		}
	}
	return 0;
}

/* --- The settings --- */

static int
set_feed(struct config *cfg, struct line *l)
{
	struct config_feed *f;
	size_t i;

	if (!url_ok(l->w[1]))
		return lerr(l, 1,
		    "feed: \"%s\" is not an http, https or file URL", l->w[1]);
	if (l->n > 2 && l->w[2][0] == '\0')
		return lerr(l, 2, "feed: empty title");
	for (i = 0; i < cfg->nfeeds; i++)
		if (strcmp(cfg->feeds[i].url, l->w[1]) == 0)
			return lerr(l, 1, "feed: %s is listed twice", l->w[1]);
	cfg->feeds =
	    xreallocarray(cfg->feeds, cfg->nfeeds + 1, sizeof(*cfg->feeds));
	f = &cfg->feeds[cfg->nfeeds++];
	f->url = xstrdup(l->w[1]);
	f->title = l->n > 2 ? xstrdup(l->w[2]) : NULL;
	return 0;
}

static int
set_refresh_interval(struct config *cfg, struct line *l)
{
	if (is_word(l->w[1], "off")) {
		cfg->refresh_interval = 0;
		return 0;
	}
	return duration_arg(l, MIN_S, 30 * DAY_S, "1m to 30d",
	    &cfg->refresh_interval);
}

static int
set_keep_days(struct config *cfg, struct line *l)
{
	long long v = 0;

	if (parse_int_arg(l, 0, 3650, &v) == -1)
		return -1;
	cfg->keep_days = (int)v;
	return 0;
}

static int
set_layout(struct config *cfg, struct line *l)
{
	if (is_word(l->w[1], "auto"))
		cfg->layout = CONFIG_LAYOUT_AUTO;
	else if (is_word(l->w[1], "full"))
		cfg->layout = CONFIG_LAYOUT_FULL;
	else if (is_word(l->w[1], "split"))
		cfg->layout = CONFIG_LAYOUT_SPLIT;
	else
		return lerr(l, 1, "layout: \"%s\" is not auto, full or split",
		    l->w[1]);
	return 0;
}

static int
set_excerpts(struct config *cfg, struct line *l)
{
	return parse_bool(l, &cfg->excerpts);
}

/*
 * browser "firefox --new-tab": one argument is split into words (so the
 * whole command can be quoted, as SPEC shows); several arguments are the
 * words themselves.
 */
static int
set_browser(struct config *cfg, struct line *l)
{
	char **argv;
	size_t *cols, n;
	const char *why;
	size_t col;

	if (l->n == 2) {
		if (split_words(l->w[1], strlen(l->w[1]), false, &argv, &cols,
		        &n, &why, &col) == -1)
			return lerr(l, 1, "browser: %s", why);
		free(cols);
		if (n == 0) {
			config_argv_free(argv);
			return lerr(l, 1, "browser: empty command");
		}
	} else
		argv = argv_copy(l->w + 1, l->n - 1);
	if (argv[0][0] == '\0') {
		config_argv_free(argv);
		return lerr(l, 1, "browser: empty command");
	}
	config_argv_free(cfg->browser);
	cfg->browser = argv;
	return 0;
}

static int
set_timeout(struct config *cfg, struct line *l)
{
	return duration_arg(l, 1, HOUR_S, "1s to 1h", &cfg->timeout);
}

static int
set_max_size(struct config *cfg, struct line *l)
{
	size_t v;

	if (parse_size(l->w[1], &v) == -1 || v < KIB || v > KIB * KIB * KIB * 4)
		return lerr(l, 1,
		    "max-size: \"%s\" is not a size from 1K to 4G (like 16M)",
		    l->w[1]);
	cfg->max_size = v;
	return 0;
}

/* An HTTP header value: printable ASCII only (RFC 9110 §5.5). */
static int
set_user_agent(struct config *cfg, struct line *l)
{
	const char *p;

	if (l->w[1][0] == '\0')
		return lerr(l, 1, "user-agent: empty");
	for (p = l->w[1]; *p != '\0'; p++)
		if (*p < ' ' || *p > '~')
			return lerr(l, 1,
			    "user-agent: only printable ASCII is allowed");
	free(cfg->user_agent);
	cfg->user_agent = xstrdup(l->w[1]);
	return 0;
}

static int
set_date_format(struct config *cfg, struct line *l)
{
	char buf[8];

	if (date_format(buf, sizeof(buf), l->w[1], 0) == -1)
		return lerr(l, 1,
		    "date-format: \"%s\" has a conversion other than %%Y %%y "
		    "%%m %%d %%e %%j %%H %%I %%M %%S %%p %%b %%B %%a %%A %%F "
		    "%%R %%T %%%%",
		    l->w[1]);
	free(cfg->date_format);
	cfg->date_format = xstrdup(l->w[1]);
	return 0;
}

static int
set_confirm_quit(struct config *cfg, struct line *l)
{
	return parse_bool(l, &cfg->confirm_quit);
}

static int
set_max_width(struct config *cfg, struct line *l)
{
	long long v = 0;

	if (parse_int_arg(l, 20, 1000, &v) == -1)
		return -1;
	cfg->max_width = (int)v;
	return 0;
}

static int
set_prefetch(struct config *cfg, struct line *l)
{
	long long v = 0;

	if (parse_int_arg(l, 0, 60, &v) == -1)
		return -1;
	cfg->prefetch = (int)v;
	return 0;
}

/* search-next and search-prev share keys with the others (see lookup). */
static bool
is_search_action(enum config_action a)
{
	return a == CONFIG_ACTION_SEARCH_NEXT || a == CONFIG_ACTION_SEARCH_PREV;
}

/* Drop the bindings of key: all (any), or those of the class of a. */
static void
unbind_key(struct config *cfg, int key, bool any, enum config_action a)
{
	size_t i, j;

	for (i = j = 0; i < cfg->nbinds; i++) {
		if (cfg->binds[i].key == key &&
		    (any ||
		        is_search_action(cfg->binds[i].action) ==
		            is_search_action(a)))
			continue;
		cfg->binds[j++] = cfg->binds[i];
	}
	cfg->nbinds = j;
}

static int
key_arg(struct line *l, int *key)
{
	if (config_key_parse(l->w[1], key) == -1)
		return lerr(l, 1,
		    "%s: \"%s\" is not a key (a character, C-x, Enter, Tab, "
		    "Esc, Space, Backspace, Up, Down, Left, Right, Home, End, "
		    "PageUp, PageDown, Insert, Delete, F1-F12)",
		    l->w[0], l->w[1]);
	if (*key >= '0' && *key <= '9')
		return lerr(l, 1, "%s: digits are kept for link numbers",
		    l->w[0]);
	return 0;
}

static int
set_bind(struct config *cfg, struct line *l)
{
	enum config_action a;
	int key;

	if (key_arg(l, &key) == -1)
		return -1;
	a = config_action_parse(l->w[2]);
	if (a == CONFIG_ACTION_NONE)
		return lerr(l, 2,
		    "bind: \"%s\" is not an action (see the man page, "
		    "CONFIGURATION)",
		    l->w[2]);
	unbind_key(cfg, key, false, a);
	cfg->binds =
	    xreallocarray(cfg->binds, cfg->nbinds + 1, sizeof(*cfg->binds));
	cfg->binds[cfg->nbinds].key = key;
	cfg->binds[cfg->nbinds].action = a;
	cfg->nbinds++;
	return 0;
}

static int
set_unbind(struct config *cfg, struct line *l)
{
	int key;

	if (key_arg(l, &key) == -1)
		return -1;
	unbind_key(cfg, key, true, CONFIG_ACTION_NONE);
	return 0;
}

/* default, black ... white, color0 ... color255; -2 if none of those. */
static int
color_value(const char *w)
{
	long long v;
	size_t i;

	if (is_word(w, "default"))
		return CONFIG_COLOR_DEFAULT;
	for (i = 0; i < NITEMS(color_names); i++)
		if (is_word(w, color_names[i]))
			return (int)i;
	if (strncmp(w, "color", 5) == 0 && parse_uint(w + 5, 255, &v) == 0)
		return (int)v;
	return -2;
}

/*
 * color ELEMENT WORD ...: attributes anywhere, the first color is the
 * foreground, the second the background ("color title bold yellow
 * default" as in SPEC, or "color title yellow default bold").
 */
static int
set_color(struct config *cfg, struct line *l)
{
	struct config_color c = {CONFIG_COLOR_DEFAULT, CONFIG_COLOR_DEFAULT, 0};
	size_t i, k, ncolors = 0;
	int el, v;

	for (el = 0; el < CONFIG_EL_COUNT; el++)
		if (is_word(l->w[1], element_names[el]))
			break;
	if (el == CONFIG_EL_COUNT)
		return lerr(l, 1,
		    "color: \"%s\" is not a screen element (see the man "
		    "page, CONFIGURATION)",
		    l->w[1]);
	for (i = 2; i < l->n; i++) {
		for (k = 0; k < NITEMS(attr_names); k++)
			if (is_word(l->w[i], attr_names[k].name))
				break;
		if (k < NITEMS(attr_names)) {
			c.attrs |= attr_names[k].attr;
			continue;
		}
		v = color_value(l->w[i]);
		if (v == -2)
			return lerr(l, i,
			    "color: \"%s\" is not a color (default, black, "
			    "red, green, yellow, blue, magenta, cyan, white, "
			    "color0-color255) or an attribute (bold, "
			    "underline, reverse, italic, dim, blink, none)",
			    l->w[i]);
		if (ncolors == 2)
			return lerr(l, i,
			    "color: \"%s\" is a third color (FG and BG only)",
			    l->w[i]);
		if (ncolors++ == 0)
			c.fg = v;
		else
			c.bg = v;
	}
	cfg->colors[el] = c;
	return 0;
}

/* --- Config --- */

struct config *
config_new(void)
{
	struct config *cfg;

	cfg = xcalloc(1, sizeof(*cfg));
	cfg->refresh_interval = 15 * MIN_S;
	cfg->keep_days = 14;
	cfg->layout = CONFIG_LAYOUT_AUTO;
	cfg->excerpts = true;
	cfg->timeout = 30;
	cfg->max_size = 16 * KIB * KIB;
	cfg->date_format = xstrdup(DATE_FORMAT_DEFAULT);
	cfg->max_width = 100;
	cfg->prefetch = 6;
	cfg->binds =
	    xreallocarray(NULL, config_ndefault_binds, sizeof(*cfg->binds));
	memcpy(cfg->binds, config_default_binds,
	    config_ndefault_binds * sizeof(*cfg->binds));
	cfg->nbinds = config_ndefault_binds;
	memcpy(cfg->colors, default_colors, sizeof(default_colors));
	return cfg;
}

void
config_free(struct config *cfg)
{
	size_t i;

	if (cfg == NULL)
		return;
	for (i = 0; i < cfg->nfeeds; i++) {
		free(cfg->feeds[i].url);
		free(cfg->feeds[i].title);
	}
	free(cfg->feeds);
	config_argv_free(cfg->browser);
	free(cfg->user_agent);
	free(cfg->date_format);
	free(cfg->binds);
	free(cfg);
}

/*
 * Whether a is b with one or two typos: the edit distance (insert,
 * delete, replace) is at most 2.  For "did you mean" only: short words.
 */
static bool
close_to(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), i, j;
	size_t row[33], prev, tmp;

	if (la > 32 || lb > 32 || (la > lb ? la - lb : lb - la) > 2)
		return false;
	for (j = 0; j <= lb; j++)
		row[j] = j;
	for (i = 1; i <= la; i++) {
		prev = row[0];
		row[0] = i;
		for (j = 1; j <= lb; j++) {
			tmp = row[j];
			row[j] = prev + (a[i - 1] != b[j - 1]);
			if (row[j - 1] + 1 < row[j])
				row[j] = row[j - 1] + 1;
			if (tmp + 1 < row[j])
				row[j] = tmp + 1;
			prev = tmp;
		}
	}
	return row[lb] <= 2;
}

/* Parse one line (no newline); 0, or -1 after adding its error. */
static int
parse_line(struct config *cfg, struct line *l, const char *s, size_t len)
{
	const char *why, *bad;
	size_t i, k, used, errcol;
	uint32_t cp;

	bad = memchr(s, '\0', len);
	if (bad != NULL) {
		add_error(l->errs, l->file, l->lineno, column(s, bad),
		    "NUL byte");
		return -1;
	}
	for (k = 0; k < len; k += used) {
		used = utf8_decode(s + k, len - k, &cp);
		if (cp == UTF8_REPLACEMENT && used == 1) {
			add_error(l->errs, l->file, l->lineno, column(s, s + k),
			    "invalid UTF-8");
			return -1;
		}
	}
	if (split_words(s, len, true, &l->w, &l->col, &l->n, &why, &errcol) ==
	    -1) {
		add_error(l->errs, l->file, l->lineno, errcol, "%s", why);
		return -1;
	}
	l->eol = column(s, s + len);
	if (l->n == 0)
		return 0;
	if (check_controls(l) == -1)
		return -1;
	for (i = 0; i < config_nkeys; i++)
		if (strcmp(l->w[0], config_keys[i].name) == 0)
			break;
	if (i == config_nkeys) {
		for (i = 0; i < config_nkeys; i++)
			if (close_to(l->w[0], config_keys[i].name))
				return lerr(l, 0,
				    "unknown setting \"%s\" (did you mean %s?)",
				    l->w[0], config_keys[i].name);
		return lerr(l, 0, "unknown setting \"%s\"", l->w[0]);
	}
	if (l->n - 1 < handlers[i].min)
		return lerr(l, l->n, "%s: missing argument (%s %s)", l->w[0],
		    config_keys[i].name, config_keys[i].args);
	if (l->n - 1 > handlers[i].max)
		return lerr(l, handlers[i].max + 1,
		    "%s: too many arguments (%s %s)", l->w[0],
		    config_keys[i].name, config_keys[i].args);
	return handlers[i].set(cfg, l);
}

int
config_parse(struct config *cfg, const char *file, const char *text, size_t len,
    struct config_errors *errs)
{
	const char *p = text, *end = text + len, *nl;
	struct line l;
	size_t n, lineno = 0, before = errs->n;

	while (p < end) {
		nl = memchr(p, '\n', (size_t)(end - p));
		n = nl != NULL ? (size_t)(nl - p) : (size_t)(end - p);
		lineno++;
		memset(&l, 0, sizeof(l));
		l.file = file;
		l.lineno = lineno;
		l.errs = errs;
		/* CRLF files: the CR belongs to the line break. */
		parse_line(cfg, &l, p, n > 0 && p[n - 1] == '\r' ? n - 1 : n);
		config_argv_free(l.w);
		free(l.col);
		p += n + (nl != NULL);
	}
	return errs->n > before ? -1 : 0;
}

/* --- Keys and actions --- */

enum config_action
config_lookup(const struct config *cfg, int key, bool searching)
{
	enum config_action found = CONFIG_ACTION_NONE;
	size_t i;

	for (i = 0; i < cfg->nbinds; i++) {
		if (cfg->binds[i].key != key)
			continue;
		if (is_search_action(cfg->binds[i].action)) {
			if (searching)
				return cfg->binds[i].action;
		} else if (found == CONFIG_ACTION_NONE)
			found = cfg->binds[i].action;
	}
	return found;
}

const char *
config_action_name(enum config_action a)
{
	if ((int)a < 0 || a >= CONFIG_ACTION_COUNT)
		return "none";
	return action_names[a];
}

enum config_action
config_action_parse(const char *name)
{
	int a;

	for (a = CONFIG_ACTION_NONE + 1; a < CONFIG_ACTION_COUNT; a++)
		if (is_word(name, action_names[a]))
			return (enum config_action)a;
	return CONFIG_ACTION_NONE;
}

const char *
config_element_name(enum config_element el)
{
	if ((int)el < 0 || el >= CONFIG_EL_COUNT)
		return "";
	return element_names[el];
}

int
config_key_parse(const char *name, int *key)
{
	long long v;
	uint32_t cp;
	size_t i, len = strlen(name), used;

	for (i = 0; i < NITEMS(key_names); i++) {
		if (is_word(name, key_names[i].name)) {
			*key = key_names[i].key;
			return 0;
		}
	}
	if ((name[0] == 'f' || name[0] == 'F') && name[1] != '0' &&
	    parse_uint(name + 1, 12, &v) == 0 && v >= 1) {
		*key = CONFIG_KEY_F1 + (int)v - 1;
		return 0;
	}
	/* C-x and ^x: the control code of a letter. */
	if ((len == 3 && (name[0] == 'C' || name[0] == 'c') &&
	        name[1] == '-') ||
	    (len == 2 && name[0] == '^')) {
		cp = (unsigned char)name[len - 1];
		if (!((cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z')))
			return -1;
		*key = (int)(cp & 0x1f);
		return 0;
	}
	/* One printable character, as itself ("j", "?", "ß"). */
	if (len == 0)
		return -1;
	used = utf8_decode(name, len, &cp);
	if (used != len || (cp == UTF8_REPLACEMENT && used == 1) || cp <= ' ' ||
	    utf8_is_control(cp) || utf8_is_bidi_control(cp))
		return -1;
	*key = (int)cp;
	return 0;
}

char *
config_key_name(int key, char *buf, size_t size)
{
	char tmp[8];
	size_t i, n;

	if (size == 0)
		return buf;
	buf[0] = '\0';
	for (i = 0; i < NITEMS(key_names); i++) {
		if (key_names[i].key == key) {
			snprintf(buf, size, "%s", key_names[i].name);
			return buf;
		}
	}
	if (key >= CONFIG_KEY_F1 && key <= CONFIG_KEY_F12)
		snprintf(buf, size, "F%d", key - CONFIG_KEY_F1 + 1);
	else if (key >= 1 && key <= 26)
		snprintf(buf, size, "C-%c", 'a' + key - 1);
	else if (key > ' ' && key < 0x110000) {
		n = utf8_encode((uint32_t)key, tmp);
		tmp[n] = '\0';
		snprintf(buf, size, "%s", tmp);
	}
	return buf;
}
