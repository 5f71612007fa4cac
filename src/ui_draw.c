/*
 * ui_draw -- draw the view: header, list, article, status line, help and
 * the category menu.
 *
 * Only what is on screen is touched: the rows of the list pane and the
 * display lines of the article pane, each text cut by display width
 * (utf8_fit) after utf8_sanitize.  Long fields (a 1 MiB title) are
 * sanitized only as far as the screen can show them.  curses sends the
 * terminal only what changed.
 */
#include "ui.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "utf8.h"
#include "util.h"

/* Columns of the age column: "59 minutes ago". */
#define AGE_COLS 14
/* The fewest columns of the header's title worth showing. */
#define HEADER_TITLE_MIN 4

/* Bytes of a field looked at for w columns: generous for marks. */
#define FIELD_BYTES(w) ((size_t)(w)*8 + 64)

static void
fill(int y, int x, int w, attr_t a)
{
	if (w <= 0)
		return;
	attrset(a);
	mvhline(y, x, ' ', w);
}

/* Add s[0..n), UTF-8 (no printable ASCII), at the cursor. */
static void
add_wide(const char *s, size_t n)
{
#ifdef __STDC_ISO_10646__
	wchar_t wc[128];
	size_t i = 0, k = 0;
	uint32_t cp;

	/* wchar_t is a code point (glibc, musl): curses need not decode. */
	while (i < n) {
		i += utf8_decode(s + i, n - i, &cp);
		wc[k++] = (wchar_t)cp;
		if (k == NITEMS(wc) || i == n) {
			addnwstr(wc, (int)k);
			k = 0;
		}
	}
#else
	addnstr(s, (int)n);
#endif
}

/* Printable ASCII: a cell of its own, as it is. */
static bool
plain(char c)
{
	return (unsigned char)c >= 0x20 && (unsigned char)c < 0x7f;
}

/*
 * Add s[0..n), sanitized UTF-8, at the cursor with attributes a.  Runs
 * of printable ASCII are copied into the cells as they are (addchnstr);
 * the rest goes as wide characters.  waddnstr() took every byte through
 * unctrl(), mbrtowc() and wctob(): 0.9 M of the 1.2 M instructions of
 * drawing a list of 40 rows.  addchnstr() does not mend a wide character
 * it overwrites half of: every caller draws over cells that fill()
 * cleared in the same frame, or over the same text (search matches).
 */
static void
add_utf8(const char *s, size_t n, attr_t a)
{
	chtype cells[128];
	size_t i = 0, j, k;
	int y, x;

	getyx(stdscr, y, x);
	while (i < n) {
		for (k = 0; i < n && k < NITEMS(cells) && plain(s[i]); k++)
			cells[k] = (chtype)(unsigned char)s[i++] | a;
		if (k > 0) {
			mvaddchnstr(y, x, cells, (int)k);
			x += (int)k;
			move(y, x);
		}
		for (j = i; i < n && !plain(s[i]); i++)
			;
		if (i > j) {
			add_wide(s + j, i - j);
			getyx(stdscr, y, x);
		}
	}
}

/*
 * Draw s[0..len) at y, x in at most w columns with attributes a, made
 * safe (flags: utf8_sanitize's).  With mark, a text cut short ends in
 * "…" (what is cut is more than white space).  Returns the columns used.
 */
static int
put_text(struct ui *u, int y, int x, int w, const char *s, size_t len, attr_t a,
    unsigned flags, bool mark)
{
	size_t n = len, cols = 0, fit, rest, cut, cutcols = 0;
	const char *t;

	if (w <= 0 || s == NULL)
		return 0;
	if (n > FIELD_BYTES(w)) {
		n = FIELD_BYTES(w);
		/* Do not end inside a sequence: it would read as U+FFFD. */
		while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
			n--;
	}
	buf_reset(&u->scratch);
	if (utf8_sanitize(&u->scratch, s, n, flags) == -1)
		return 0;
	t = u->scratch.data != NULL ? u->scratch.data : "";
	/* w - 1 columns, then the last: where "…" would go is known
	 * without a second pass over the text. */
	cut = utf8_fit(t, u->scratch.len, (size_t)w - 1, &cutcols);
	fit = cut +
	    utf8_fit(t + cut, u->scratch.len - cut, (size_t)w - cutcols, &cols);
	cols += cutcols;
	for (rest = fit; rest < u->scratch.len && t[rest] == ' '; rest++)
		;
	if (mark && w > 1 && (rest < u->scratch.len || n < len)) {
		fit = cut;
		cols = cutcols;
		while (fit > 0 && t[fit - 1] == ' ') {
			fit--;
			cols--;
		}
		attrset(a);
		move(y, x);
		add_utf8(t, fit, a);
		addstr("…");
		return (int)cols + 1;
	}
	if (fit == 0)
		return 0;
	attrset(a);
	move(y, x);
	add_utf8(t, fit, a);
	return (int)cols;
}

/* A one-line field; cut short, it ends in "…". */
static int
put_str(struct ui *u, int y, int x, int w, const char *s, attr_t a)
{
	return put_text(u, y, x, w, s, s != NULL ? strlen(s) : 0, a,
	    UTF8_ONELINE, true);
}

/*
 * The bytes of the key hints ("Enter open  / search  ...", two spaces
 * between hints) that fit in w columns: whole hints only.
 */
static size_t
hints_fit(const char *hints, int w)
{
	size_t n = strlen(hints), i;

	if (w <= 0)
		return 0;
	if (n <= (size_t)w)
		return n;
	for (i = (size_t)w; i > 0; i--)
		if (hints[i] == ' ' && hints[i - 1] == ' ')
			return i - 1;
	return 0;
}

/* Columns of a short text we made ourselves (ages, counts). */
static int
text_width(const char *s)
{
	return (int)utf8_strwidth(s);
}

/* The name of f: the config's title, else the feed's own, else its URL. */
static const char *
feed_name(const struct ui_feed *f)
{
	if (f->title != NULL)
		return f->title;
	if (f->res.feed != NULL && f->res.feed->title != NULL &&
	    *f->res.feed->title != '\0')
		return f->res.feed->title;
	return f->url;
}

/* The name of entry e of the feeds screen. */
static const char *
entry_name(const struct ui *u, size_t e)
{
	return e == 0 ? "All posts" : feed_name(&u->feeds[e - 1]);
}

const char *
ui_feed_title(const struct ui *u)
{
	if (u->nfeeds == 1)
		return feed_name(&u->feeds[0]);
	return u->shown <= u->nfeeds ? entry_name(u, u->shown) : "Feeds";
}

/*
 * Columns of the age column: "59 minutes ago", or a date in the
 * config's date-format if that is wider (the widest date: a Wednesday in
 * September, at 23:59:59).
 */
static int
age_cols(struct ui *u)
{
	char date[64];

	if (u->age_cols == 0) {
		date_format(date, sizeof(date), u->cfg->date_format,
		    (time_t)date_timegm(2028, 9, 27, 23, 59, 59));
		u->age_cols = text_width(date);
		if (u->age_cols < AGE_COLS)
			u->age_cols = AGE_COLS;
	}
	return u->age_cols;
}

/* --- Header --- */

/*
 * The state of the feeds of entry e (0: all): "fetching… 12 KB",
 * "waiting…" (for a free fetch slot), an error, "updated 3 minutes ago".
 */
static void
entry_state(struct ui *u, size_t e, char *buf, size_t size, bool *error)
{
	uint64_t kb = 0;
	time_t checked = 0;
	const char *err = NULL;
	bool fetching = false, waiting = false;
	char age[64];
	size_t i, nfeeds = 0, nerr = 0;

	*error = false;
	for (i = 0; i < u->nfeeds; i++) {
		const struct ui_feed *f = &u->feeds[i];

		if (!ui_entry_has(u, e, i))
			continue;
		nfeeds++;
		nerr += f->error != NULL;
		waiting |= f->queued;
		if (f->job != NULL) {
			fetching = true;
			kb += f->shown_kb;
		}
		if (f->error != NULL && err == NULL)
			err = f->error;
		if (f->checked > checked)
			checked = f->checked;
	}
	if (!fetching && ui_loading_more(u))
		snprintf(buf, size, "loading older posts…");
	else if (fetching) {
		if (kb > 0)
			snprintf(buf, size, "fetching… %llu KB",
			    (unsigned long long)kb);
		else
			snprintf(buf, size, "fetching…");
	} else if (waiting)
		snprintf(buf, size, "waiting…");
	else if (nerr > 0 && nerr < nfeeds) {
		/* Which one, and why: the feeds screen says. */
		*error = true;
		snprintf(buf, size, "%zu of %zu feeds failed", nerr, nfeeds);
	} else if (err != NULL) {
		*error = true;
		snprintf(buf, size, "%s", err);
	} else if (checked != 0) {
		date_age_fmt(checked, ui_now(u), u->cfg->date_format, age,
		    sizeof(age));
		snprintf(buf, size, "%supdated %s",
		    u->opts->load.offline ? "offline, " : "", age);
	} else
		snprintf(buf, size, "%s",
		    u->opts->load.offline ? "offline" : "");
}

static void
draw_header(struct ui *u)
{
	const struct view *v = u->view;
	const struct view_rect *r = &u->geom.header;
	attr_t a = u->attr[CONFIG_EL_HEADER];
	char state[512], counts[128];
	const char *t = ui_feed_title(u);
	int x, rw, cw, avail, max;
	bool error;

	if (r->w == 0)
		return;
	fill(r->y, r->x, r->w, a);
	if (v->mode == VIEW_MODE_FEEDS ||
	    (v->mode == VIEW_MODE_HELP && v->prev == VIEW_MODE_FEEDS)) {
		ui_count(u);
		t = "Feeds";
		entry_state(u, 0, state, sizeof(state), &error);
		snprintf(counts, sizeof(counts), "  %zu feeds, %zu unread",
		    u->nfeeds, u->entries[0].unread);
	} else {
		entry_state(u, u->shown, state, sizeof(state), &error);
		if (v->nvis != v->nposts)
			snprintf(counts, sizeof(counts),
			    "  %zu of %zu posts, %zu unread", v->nvis,
			    v->nposts, v->unread);
		else
			snprintf(counts, sizeof(counts),
			    "  %zu post%s, %zu unread", v->nposts,
			    v->nposts == 1 ? "" : "s", v->unread);
	}
	/* The state on the right, two columns from the counts; what is
	 * left for the title and counts, the title cut first.  An error may
	 * take the whole width: title and counts give way to the diagnosis
	 * (and a stump of a title is left out). */
	rw = text_width(state);
	max = error ? r->w - 2 : r->w / 2;
	if (rw > max)
		rw = max > 0 ? max : 0;
	avail = r->w - 2 - (rw > 0 ? rw + 2 : 0);
	if (avail < HEADER_TITLE_MIN)
		avail = 0;
	cw = text_width(counts);
	x = r->x + 1;
	if (avail > cw + 8)
		x += put_str(u, r->y, x, avail - cw, t, a | A_BOLD);
	else
		x += put_str(u, r->y, x, avail, t, a | A_BOLD);
	put_str(u, r->y, x, r->x + 1 + avail - x, counts, a);
	if (rw > 0)
		put_str(u, r->y, r->x + r->w - 1 - rw, rw, state,
		    error ? (u->attr[CONFIG_EL_ERROR] | A_BOLD) : a);
}

/* --- List --- */

static void
draw_divider(struct ui *u, int y, int x, int w)
{
	attr_t a = u->attr[CONFIG_EL_DIVIDER];
	char text[64];
	struct tm tm;
	time_t since = u->view->since;
	long off = 0;

	attrset(a);
	mvhline(y, x, ACS_HLINE, w);
	/* The user's clock: the local time zone's offset, in the shell. */
	if (localtime_r(&since, &tm) != NULL)
		off = (long)(date_timegm(tm.tm_year + 1900, tm.tm_mon + 1,
		                 tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec) -
		    (long long)since);
	view_divider_label(u->view, ui_now(u), off, text, sizeof(text));
	put_str(u, y, x + 2, w - 2, text, a);
}

static void
draw_post(struct ui *u, int y, int x, int w, const struct view_post *p,
    bool second, bool selected)
{
	const struct feed_item *it = p->item;
	attr_t base =
	    selected ? u->attr[CONFIG_EL_SELECTION] : u->attr[CONFIG_EL_NORMAL];
	char age[64];
	int aw = 0, tw, cw;

	fill(y, x, w, base);
	if (second) {
		put_str(u, y, x + 3, w - 4, it->summary,
		    selected ? base : u->attr[CONFIG_EL_EXCERPT]);
		return;
	}
	if (!p->read)
		put_str(u, y, x + 1, 1, "●",
		    selected ? base | A_BOLD : u->attr[CONFIG_EL_UNREAD]);
	/* Ages right-aligned in a column, so the titles end together. */
	if (w >= 50) {
		aw = age_cols(u) < w / 3 ? age_cols(u) : w / 3;
		if (p->when != DATE_NONE) {
			date_age_fmt(p->when, ui_now(u), u->cfg->date_format,
			    age, sizeof(age));
			cw = text_width(age);
			if (cw > aw)
				cw = aw;
			put_str(u, y, x + w - 1 - cw, cw, age,
			    selected ? base : u->attr[CONFIG_EL_AGE]);
		}
	}
	tw = w - 3 - (aw > 0 ? aw + 2 : 1);
	put_str(u, y, x + 3, tw,
	    it->title != NULL && *it->title != '\0' ? it->title : "(untitled)",
	    selected      ? base | (p->read ? 0 : A_BOLD)
	        : p->read ? u->attr[CONFIG_EL_NORMAL]
	                  : u->attr[CONFIG_EL_UNREAD]);
}

static void
draw_empty(struct ui *u, const struct view_rect *r)
{
	const struct view *v = u->view;
	char text[256];
	const char *err = NULL;
	size_t i;
	bool fetching = false;

	for (i = 0; i < u->nfeeds; i++) {
		if (!ui_entry_has(u, u->shown, i))
			continue;
		fetching |= u->feeds[i].job != NULL || u->feeds[i].queued;
		if (err == NULL)
			err = u->feeds[i].error;
	}
	if (v->nposts > 0 && v->filter != NULL)
		snprintf(text, sizeof(text), "No posts match “%s”.", v->filter);
	else if (v->nposts > 0)
		snprintf(text, sizeof(text), "No posts in this category.");
	else if (fetching)
		snprintf(text, sizeof(text), "Fetching the feed…");
	else if (err != NULL)
		snprintf(text, sizeof(text), "No posts: %s", err);
	else
		snprintf(text, sizeof(text), "No posts.");
	if (r->h > 1)
		put_str(u, r->y + 1, r->x + 3, r->w - 4, text,
		    u->attr[CONFIG_EL_NORMAL]);
}

static void
draw_list(struct ui *u)
{
	const struct view *v = u->view;
	const struct view_rect *r = &u->geom.list;
	bool focus = v->mode == VIEW_MODE_LIST || !v->split;
	size_t i;
	bool second;
	int y;

	for (y = 0; y < r->h; y++) {
		size_t row = v->top + (size_t)y;

		if (view_post_at_row(v, row, &i, &second))
			draw_post(u, r->y + y, r->x, r->w, view_visible(v, i),
			    second, i == v->sel && focus);
		else {
			size_t div;

			fill(r->y + y, r->x, r->w, u->attr[CONFIG_EL_NORMAL]);
			if (view_divider_row(v, &div) && div == row)
				draw_divider(u, r->y + y, r->x, r->w);
			else if (view_tail_row(v, &div) && div == row)
				put_str(u, r->y + y, r->x + 3, r->w - 4,
				    v->tail, u->attr[CONFIG_EL_EXCERPT]);
		}
	}
	if (v->nvis == 0)
		draw_empty(u, r);
	/* In a split, the selection still shows when the article has the
	 * keys: a mark instead of the bar. */
	if (!focus && v->nvis > 0) {
		size_t row = view_row_of(v, v->sel);

		if (row >= v->top && row < v->top + (size_t)r->h)
			put_str(u, r->y + (int)(row - v->top), r->x, 1, ">",
			    u->attr[CONFIG_EL_SELECTION]);
	}
}

/* --- Article --- */

static attr_t
style_attr(const struct ui *u, unsigned style)
{
	static const struct {
		unsigned style;
		enum config_element el;
	} els[] = {
	    {HTML_STYLE_LINK | HTML_STYLE_LINKNUM, CONFIG_EL_LINK},
	    {HTML_STYLE_CODE, CONFIG_EL_CODE},
	    {HTML_STYLE_HEADING, CONFIG_EL_HEADING},
	    {HTML_STYLE_TITLE, CONFIG_EL_TITLE},
	    {HTML_STYLE_META, CONFIG_EL_BYLINE},
	    {HTML_STYLE_QUOTE, CONFIG_EL_QUOTE},
	};
	attr_t a = u->attr[CONFIG_EL_NORMAL];
	size_t i;

	/* One element gives the color; the others add attributes. */
	for (i = 0; i < NITEMS(els); i++)
		if (style & els[i].style) {
			a = u->attr[els[i].el];
			break;
		}
	if (style & HTML_STYLE_BOLD)
		a |= A_BOLD;
	if ((style & HTML_STYLE_ITALIC) && u->italic)
		a |= A_ITALIC;
	if (style & (HTML_STYLE_UNDERLINE | HTML_STYLE_LINK))
		a |= A_UNDERLINE;
	if (style & (HTML_STYLE_IMAGE | HTML_STYLE_CAPTION))
		a |= u->italic ? A_ITALIC : A_DIM;
	if (style & HTML_STYLE_MARKER)
		a |= A_DIM;
	return a;
}

static void
draw_line(struct ui *u, int y, int x, int w, const struct wrap_line *l)
{
	const struct wrap_doc *wd = u->wrap;
	size_t i;
	int col = 0;

	for (i = 0; i < l->nspans && col < w; i++) {
		const struct wrap_span *sp = &wd->spans[l->span + i];

		col += put_text(u, y, x + col, w - col, l->text + sp->off,
		    sp->len, style_attr(u, sp->style), 0, false);
	}
}

static void
draw_matches(struct ui *u, int y0, int x, int w)
{
	const struct view *v = u->view;
	size_t m;

	for (m = view_match_from(v, v->ptop); m < v->nmatches; m++) {
		const struct view_match *mt = &v->matches[m];
		const struct wrap_line *l;
		int col;

		if (mt->line >= v->ptop + v->prows ||
		    mt->line >= u->wrap->nlines)
			break;
		l = &u->wrap->lines[mt->line];
		col = (int)utf8_width(l->text, mt->off);
		put_text(u, y0 + (int)(mt->line - v->ptop), x + col, w - col,
		    l->text + mt->off, mt->len,
		    u->attr[CONFIG_EL_SEARCH] | (m == v->cur ? A_BOLD : 0), 0,
		    false);
	}
}

static void
draw_article(struct ui *u)
{
	const struct view *v = u->view;
	const struct view_rect *r = &u->geom.article;
	int y, x, w;

	for (y = 0; y < r->h; y++)
		fill(r->y + y, r->x, r->w, u->attr[CONFIG_EL_NORMAL]);
	if (u->wrap == NULL) {
		if (r->h > 1)
			put_str(u, r->y + 1, r->x + 2, r->w - 3,
			    "Enter opens the selected post.",
			    u->attr[CONFIG_EL_NORMAL] | A_DIM);
		return;
	}
	w = (int)u->wrap_width;
	x = r->x + (r->w - w) / 2;
	if (r->w - w >= 2 && x == r->x)
		x++;
	for (y = 0; y < r->h && v->ptop + (size_t)y < u->wrap->nlines; y++)
		draw_line(u, r->y + y, x, r->x + r->w - x,
		    &u->wrap->lines[v->ptop + (size_t)y]);
	draw_matches(u, r->y, x, r->x + r->w - x);
}

static void
draw_sep(struct ui *u)
{
	const struct view_rect *r = &u->geom.sep;

	if (r->w == 0)
		return;
	attrset(u->attr[CONFIG_EL_DIVIDER]);
	if (u->geom.layout == VIEW_LAYOUT_BESIDE)
		mvvline(r->y, r->x, ACS_VLINE, r->h);
	else
		mvhline(r->y, r->x, ACS_HLINE, r->w);
}

/* --- Help and menu --- */

static void
draw_help(struct ui *u)
{
	const struct view *v = u->view;
	int y, top = 1, h = u->rows - 2;

	for (y = 0; y < h; y++) {
		size_t i = v->htop + (size_t)y;

		fill(top + y, 0, u->cols, u->attr[CONFIG_EL_NORMAL]);
		if (i < u->nhelp)
			put_str(u, top + y, 1, u->cols - 2, u->help[i],
			    i == 0 ? u->attr[CONFIG_EL_TITLE] | A_BOLD
			           : u->attr[CONFIG_EL_NORMAL]);
	}
}

static void
draw_menu(struct ui *u)
{
	const struct view *v = u->view;
	int y, top = 1, h = u->rows - 2;
	char count[32];

	for (y = 0; y < h; y++) {
		size_t i = v->ctop + (size_t)y;
		attr_t a = i == v->csel ? u->attr[CONFIG_EL_SELECTION]
		                        : u->attr[CONFIG_EL_NORMAL];
		int cw;

		fill(top + y, 0, u->cols, u->attr[CONFIG_EL_NORMAL]);
		if (i >= v->ncats)
			continue;
		fill(top + y, 0, u->cols, a);
		snprintf(count, sizeof(count), "%zu", v->cats[i].count);
		cw = text_width(count);
		put_str(u, top + y, 3, u->cols - 6 - cw,
		    v->cats[i].name != NULL ? v->cats[i].name : "All posts",
		    a | (v->cats[i].name == NULL ? A_BOLD : 0));
		put_str(u, top + y, u->cols - 1 - cw, cw, count, a);
	}
}

/* --- The feeds screen --- */

/*
 * One row: the unread mark, the name; on the right the counts ("12 posts,
 * 5 unread") and, on a terminal wide enough, the state of the feed
 * ("updated 3 minutes ago", "fetching…", or the error), each right
 * aligned in its column.
 */
static void
entry_counts(const struct ui *u, size_t e, char *buf, size_t size)
{
	const struct ui_entry *en = &u->entries[e];

	snprintf(buf, size, "%zu post%s, %zu unread", en->total,
	    en->total == 1 ? "" : "s", en->unread);
}

/* Columns of the widest counts and state among the entries. */
struct entry_cols {
	int counts, state; /* state 0: no state column */
};

/* Row y for entry e. */
static void
draw_entry(struct ui *u, int y, int w, size_t e, bool selected,
    const struct entry_cols *c)
{
	const struct ui_entry *en = &u->entries[e];
	attr_t base =
	    selected ? u->attr[CONFIG_EL_SELECTION] : u->attr[CONFIG_EL_NORMAL];
	char counts[64], state[512];
	int cw, x, stw;
	bool error;

	fill(y, 0, w, base);
	if (en->unread > 0)
		put_str(u, y, 1, 1, "●",
		    selected ? base | A_BOLD : u->attr[CONFIG_EL_UNREAD]);
	entry_counts(u, e, counts, sizeof(counts));
	cw = text_width(counts);
	if (c->state > 0) {
		entry_state(u, e, state, sizeof(state), &error);
		stw = text_width(state);
		if (stw > c->state)
			stw = c->state;
		put_str(u, y, w - 1 - stw, stw, state,
		    error          ? u->attr[CONFIG_EL_ERROR] | A_BOLD
		        : selected ? base
		                   : u->attr[CONFIG_EL_AGE]);
	}
	/* The names end where the widest counts begin. */
	x = w - 1 - (c->state > 0 ? c->state + 2 : 0) - c->counts;
	if (x > 3 + 8)
		put_str(u, y, x + c->counts - cw, cw, counts, base);
	else
		x = w - 1 - (c->state > 0 ? c->state + 2 : 0) + 2;
	put_str(u, y, 3, x - 2 - 3, entry_name(u, e),
	    selected             ? base | (en->unread > 0 ? A_BOLD : 0)
	        : en->unread > 0 ? u->attr[CONFIG_EL_UNREAD]
	                         : u->attr[CONFIG_EL_NORMAL]);
}

/*
 * The feeds screen: a row an entry.  The state column is as wide as the
 * widest state (an error and its hint), up to a third of the screen, and
 * left out on a narrow one.
 */
static void
draw_feeds(struct ui *u)
{
	const struct view *v = u->view;
	struct entry_cols c = {0, 0};
	int y, top = 1, h = u->rows - 2;
	char text[512];
	size_t e;
	bool error;

	ui_count(u);
	for (e = 0; e <= u->nfeeds; e++) {
		entry_counts(u, e, text, sizeof(text));
		if (text_width(text) > c.counts)
			c.counts = text_width(text);
		entry_state(u, e, text, sizeof(text), &error);
		if (text_width(text) > c.state)
			c.state = text_width(text);
	}
	if (u->cols < 60)
		c.state = 0;
	else if (c.state > u->cols / 3)
		c.state = u->cols / 3;
	for (y = 0; y < h; y++) {
		e = v->ftop + (size_t)y;
		if (e < v->nentries && e <= u->nfeeds)
			draw_entry(u, top + y, u->cols, e, e == v->fsel, &c);
		else
			fill(top + y, 0, u->cols, u->attr[CONFIG_EL_NORMAL]);
	}
}

/* --- Status line --- */

static void
draw_status(struct ui *u)
{
	const struct view *v = u->view;
	const struct view_rect *r = &u->geom.status;
	attr_t a = u->attr[CONFIG_EL_STATUS];
	char right[128], pos[8];
	const char *left = NULL;
	int rw, x;

	if (r->w == 0)
		return;
	fill(r->y, r->x, r->w, a);
	right[0] = '\0';
	switch (v->mode) {
	case VIEW_MODE_LIST:
		if (v->nvis > 0)
			snprintf(right, sizeof(right), "%s%s%s%zu/%zu",
			    v->category != NULL ? v->category : "",
			    v->category != NULL ? "  " : "",
			    v->filter != NULL ? "filtered  " : "", v->sel + 1,
			    v->nvis);
		left = u->hints_list;
		break;
	case VIEW_MODE_ARTICLE:
		if (v->ndigits > 0)
			snprintf(right, sizeof(right), "link %s_  %s",
			    v->digits, view_pager_position(v, pos));
		else if (v->nmatches > 0)
			snprintf(right, sizeof(right), "match %zu/%zu  %s",
			    v->cur + 1, v->nmatches,
			    view_pager_position(v, pos));
		else
			snprintf(right, sizeof(right), "%s%s",
			    ui_fetching_full(u)  ? "fetching full text…  "
			        : u->doc_excerpt ? "excerpt  "
			                         : "",
			    view_pager_position(v, pos));
		left = u->hints_article;
		break;
	case VIEW_MODE_HELP:
		left = "Keys (q or Esc closes this)";
		break;
	case VIEW_MODE_MENU:
		left = "Choose a category: Enter shows it, Esc closes";
		break;
	case VIEW_MODE_FEEDS:
		snprintf(right, sizeof(right), "%zu/%zu", v->fsel + 1,
		    v->nentries);
		left = u->hints_feeds;
		break;
	}
	rw = text_width(right);
	if (rw > r->w / 2)
		rw = r->w / 2;
	if (rw > 0)
		put_str(u, r->y, r->x + r->w - 1 - rw, rw, right, a);
	x = r->x + 1;
	if (u->prompt != UI_PROMPT_NONE) {
		x += put_str(u, r->y, x, 1, "/", a | A_BOLD);
		x += put_text(u, r->y, x, r->w - 2 - rw - 1, buf_str(&u->input),
		    u->input.len, a, UTF8_ONELINE, false);
		move(r->y, x);
	} else if (u->msg != NULL)
		put_str(u, r->y, x, r->w - 3 - rw, u->msg,
		    u->msg_error ? (u->attr[CONFIG_EL_ERROR] | A_BOLD) : a);
	else
		put_text(u, r->y, x, r->w - 3 - rw, left,
		    hints_fit(left, r->w - 3 - rw), a | A_DIM, UTF8_ONELINE,
		    false);
}

void
ui_draw(struct ui *u)
{
	const struct view *v = u->view;
	unsigned d = u->dirty;

	u->dirty = 0;
	if (u->rows < 3 || u->cols < 10) {
		erase();
		put_str(u, 0, 0, u->cols, "ifpnews: terminal too small",
		    A_NORMAL);
		refresh();
		return;
	}
	if (d & UI_DIRTY_HEADER)
		draw_header(u);
	if (v->mode == VIEW_MODE_HELP)
		draw_help(u);
	else if (v->mode == VIEW_MODE_MENU)
		draw_menu(u);
	else if (v->mode == VIEW_MODE_FEEDS)
		draw_feeds(u);
	else if (u->geom.layout == VIEW_LAYOUT_FULL) {
		if (v->mode == VIEW_MODE_ARTICLE) {
			if (d & UI_DIRTY_ARTICLE)
				draw_article(u);
		} else if (d & UI_DIRTY_LIST)
			draw_list(u);
	} else {
		if (d & UI_DIRTY_LIST)
			draw_list(u);
		draw_sep(u);
		if (d & UI_DIRTY_ARTICLE)
			draw_article(u);
	}
	draw_status(u);
	curs_set(u->prompt != UI_PROMPT_NONE ? 1 : 0);
	if (u->prompt == UI_PROMPT_NONE)
		move(u->rows - 1, u->cols - 1);
	refresh();
}
