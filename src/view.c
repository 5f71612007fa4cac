/*
 * view -- the state of the reader's screen, without curses.  See view.h.
 */
#include "view.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "util.h"

/* x + delta, clamped to [0, max]. */
static size_t
add_clamped(size_t x, long delta, size_t max)
{
	if (x > max)
		x = max;
	if (delta < 0)
		return (size_t)-delta > x ? 0 : x - (size_t)-delta;
	return (size_t)delta > max - x ? max : x + (size_t)delta;
}

/* --- Layout --- */

#define LIST_MIN_COLS 30    /* a list beside the article: at least this */
#define ARTICLE_MIN_COLS 60 /* and the article beside it at least this */
#define LIST_MIN_ROWS 5     /* a list above the article: at least this */
#define ARTICLE_MIN_ROWS 8

static struct view_rect
rect(int y, int x, int h, int w)
{
	struct view_rect r;

	r.y = y;
	r.x = x;
	r.h = h > 0 ? h : 0;
	r.w = w > 0 ? w : 0;
	if (r.h == 0 || r.w == 0)
		r.h = r.w = 0;
	return r;
}

void
view_layout(enum view_layout pref, int cols, int rows, struct view_geom *g)
{
	enum view_layout l = pref;
	int body, lw, lh;

	if (cols < 1)
		cols = 1;
	if (rows < 1)
		rows = 1;
	body = rows - 2;
	if (l == VIEW_LAYOUT_AUTO)
		l = cols >= 150  ? VIEW_LAYOUT_BESIDE
		    : rows >= 50 ? VIEW_LAYOUT_ABOVE
		                 : VIEW_LAYOUT_FULL;
	else if (l == VIEW_LAYOUT_SPLIT)
		l = cols >= 120 ? VIEW_LAYOUT_BESIDE : VIEW_LAYOUT_ABOVE;
	if (l == VIEW_LAYOUT_BESIDE &&
	    cols < LIST_MIN_COLS + 1 + ARTICLE_MIN_COLS)
		l = VIEW_LAYOUT_ABOVE;
	if (l == VIEW_LAYOUT_ABOVE &&
	    body < LIST_MIN_ROWS + 1 + ARTICLE_MIN_ROWS)
		l = VIEW_LAYOUT_FULL;

	memset(g, 0, sizeof(*g));
	g->layout = l;
	g->header = rect(0, 0, 1, cols);
	g->status = rows > 1 ? rect(rows - 1, 0, 1, cols) : rect(0, 0, 0, 0);
	switch (l) {
	case VIEW_LAYOUT_BESIDE:
		/* The list gets 40%, the article the rest, up to the width
		 * it can use (ARTICLE_MAX_WIDTH plus margins) */
		lw = cols * 2 / 5;
		if (lw < LIST_MIN_COLS)
			lw = LIST_MIN_COLS;
		if (cols - lw - 1 > 104)
			lw = cols - 1 - 104;
		g->list = rect(1, 0, body, lw);
		g->sep = rect(1, lw, body, 1);
		g->article = rect(1, lw + 1, body, cols - lw - 1);
		break;
	case VIEW_LAYOUT_ABOVE:
		lh = body / 3;
		if (lh < LIST_MIN_ROWS)
			lh = LIST_MIN_ROWS;
		g->list = rect(1, 0, lh, cols);
		g->sep = rect(1 + lh, 0, 1, cols);
		g->article = rect(2 + lh, 0, body - lh - 1, cols);
		break;
	default:
		g->list = rect(1, 0, body, cols);
		g->article = g->list;
		break;
	}
}

/* --- Posts --- */

const char *
view_post_key(const struct feed_item *it)
{
	if (it->id != NULL && *it->id != '\0')
		return it->id;
	if (it->link != NULL && *it->link != '\0')
		return it->link;
	if (it->title != NULL)
		return it->title;
	return "";
}

struct view *
view_new(bool excerpts)
{
	struct view *v = xcalloc(1, sizeof(*v));

	v->excerpts = excerpts;
	v->rows = v->prows = v->hrows = v->crows = v->frows = 1;
	return v;
}

void
view_free(struct view *v)
{
	if (v == NULL)
		return;
	free(v->posts);
	free(v->vis);
	free(v->filter);
	free(v->category);
	free(v->sel_key);
	free(v->open_key);
	free(v->find);
	free(v->matches);
	free(v->cats);
	free(v);
}

size_t
view_post_height(const struct view *v)
{
	return v->excerpts ? 2 : 1;
}

size_t
view_list_rows(const struct view *v)
{
	return v->nvis * view_post_height(v) + (v->visnew > 0 ? 1 : 0) +
	    (v->tail != NULL && v->nvis > 0 ? 1 : 0);
}

bool
view_tail_row(const struct view *v, size_t *row)
{
	if (v->tail == NULL || v->nvis == 0)
		return false;
	*row = view_list_rows(v) - 1;
	return true;
}

size_t
view_row_of(const struct view *v, size_t i)
{
	return i * view_post_height(v) + (v->visnew > 0 && i >= v->visnew);
}

bool
view_divider_row(const struct view *v, size_t *row)
{
	if (v->visnew == 0)
		return false;
	*row = v->visnew * view_post_height(v);
	return true;
}

/* The day number of t (floor: before 1970 too). */
static long long
day_of(long long t)
{
	return t >= 0 ? t / 86400 : -((-t + 86399) / 86400);
}

char *
view_divider_label(const struct view *v, time_t now, long utcoff, char *buf,
    size_t size)
{
	char when[32];
	const char *fmt = "%H:%M";

	/* Days of the local calendar: another day shows its date. */
	if (day_of((long long)v->since + utcoff) !=
	    day_of((long long)now + utcoff))
		fmt = "%b %-d %H:%M";
	if (date_format(when, sizeof(when), fmt, v->since + utcoff) == -1)
		when[0] = '\0';
	snprintf(buf, size, " %zu new since %s ", v->visnew, when);
	return buf;
}

bool
view_post_at_row(const struct view *v, size_t r, size_t *i, bool *second)
{
	size_t h = view_post_height(v), div;

	if (view_divider_row(v, &div) && r >= div) {
		if (r == div)
			return false;
		r--;
	}
	if (r / h >= v->nvis)
		return false;
	*i = r / h;
	*second = r % h != 0;
	return true;
}

const struct view_post *
view_selected(const struct view *v)
{
	if (v->nvis == 0)
		return NULL;
	return &v->posts[v->vis[v->sel]];
}

const struct view_post *
view_visible(const struct view *v, size_t i)
{
	return &v->posts[v->vis[i]];
}

static size_t
list_max_top(const struct view *v)
{
	size_t n = view_list_rows(v);

	return n > v->rows ? n - v->rows : 0;
}

/* Scroll as little as needed to show the whole selected post. */
static void
keep_visible(struct view *v)
{
	size_t h = view_post_height(v), row, max = list_max_top(v);

	if (v->top > max)
		v->top = max;
	if (v->nvis == 0)
		return;
	row = view_row_of(v, v->sel);
	if (row < v->top)
		v->top = row;
	else if (row + h > v->top + v->rows)
		v->top = v->rows >= h ? row + h - v->rows : row;
	/* The first old post brings the divider above it into view. */
	if (v->visnew > 0 && v->sel == v->visnew && v->top == row &&
	    v->rows > h)
		v->top--;
	/* The last post brings the tail row below it into view. */
	else if (v->tail != NULL && v->sel + 1 == v->nvis &&
	    row + h + 1 > v->top + v->rows && v->rows > h)
		v->top = row + h + 1 - v->rows;
}

static void
set_sel(struct view *v, size_t i)
{
	v->sel = i;
	if (v->nvis == 0)
		return; /* keep the key: the post may come back */
	free(v->sel_key);
	v->sel_key = xstrdup(view_post_key(view_visible(v, i)->item));
}

void
view_set_tail(struct view *v, const char *text)
{
	v->tail = text;
	keep_visible(v);
}

/* Put the selected post on screen row off of the list pane, or near it. */
static void
place_sel(struct view *v, size_t off)
{
	size_t row, i;
	bool second;

	if (v->nvis == 0) {
		v->top = 0;
		return;
	}
	row = view_row_of(v, v->sel);
	v->top = row > off ? row - off : 0;
	keep_visible(v);
	/* Near the end the list cannot scroll as far as off asks; rather
	 * than start the pane with half a post (its excerpt row), start it
	 * with the whole post when the selection stays on screen. */
	if (v->top > 0 && view_post_at_row(v, v->top, &i, &second) && second &&
	    row + view_post_height(v) <= v->top - 1 + v->rows)
		v->top--;
}

static size_t
sel_offset(const struct view *v)
{
	size_t row;

	if (v->nvis == 0)
		return 0;
	row = view_row_of(v, v->sel);
	return row > v->top ? row - v->top : 0;
}

static int
lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

/* Whether hay contains needle (n > 0 bytes, already lower case). */
static bool
ci_contains(const char *hay, const char *needle, size_t n)
{
	const char *p;
	size_t i;

	if (hay == NULL)
		return false;
	for (p = hay; *p != '\0'; p++) {
		if (lower((unsigned char)*p) != (unsigned char)needle[0])
			continue;
		for (i = 1; i < n && p[i] != '\0'; i++)
			if (lower((unsigned char)p[i]) !=
			    (unsigned char)needle[i])
				break;
		if (i == n)
			return true;
		if (p[i] == '\0')
			return false;
	}
	return false;
}

static bool
has_category(const struct feed_item *it, const char *name)
{
	size_t i;

	for (i = 0; i < it->ncategories; i++)
		if (strcmp(it->categories[i], name) == 0)
			return true;
	return false;
}

static char *
lowered(const char *s)
{
	char *l = xstrdup(s);
	char *p;

	for (p = l; *p != '\0'; p++)
		*p = (char)lower((unsigned char)*p);
	return l;
}

/*
 * Rebuild the visible list, then put the selection back on the post
 * whose key is sel_key (else on the first post) at screen offset off.
 */
static void
relist(struct view *v, size_t off)
{
	char *needle = NULL;
	size_t i, n = 0, len = 0, found = SIZE_MAX;

	if (v->filter != NULL) {
		needle = lowered(v->filter);
		len = strlen(needle);
	}
	v->vis =
	    xreallocarray(v->vis, v->nposts ? v->nposts : 1, sizeof(*v->vis));
	v->visnew = 0;
	for (i = 0; i < v->nposts; i++) {
		const struct feed_item *it = v->posts[i].item;

		if (v->category != NULL && !has_category(it, v->category))
			continue;
		if (needle != NULL && !ci_contains(it->title, needle, len) &&
		    !ci_contains(it->summary, needle, len))
			continue;
		if (v->posts[i].isnew)
			v->visnew++;
		if (found == SIZE_MAX && v->sel_key != NULL &&
		    strcmp(view_post_key(it), v->sel_key) == 0)
			found = n;
		v->vis[n++] = i;
	}
	v->nvis = n;
	if (v->visnew == n)
		v->visnew = 0; /* all new, or none: no divider */
	free(needle);
	if (found == SIZE_MAX) {
		set_sel(v, 0);
		off = 0;
	} else
		v->sel = found;
	place_sel(v, off);
}

/* An open-addressing set of keys, to leave out duplicate posts. */
struct keyset {
	const char **slot;
	size_t mask;
};

static uint64_t
key_hash(const char *s)
{
	uint64_t h = 0xcbf29ce484222325ull;

	for (; *s != '\0'; s++)
		h = (h ^ (unsigned char)*s) * 0x100000001b3ull;
	return h;
}

/* A set for n keys, at most half full. */
static void
keyset_init(struct keyset *ks, size_t n)
{
	size_t cap;

	for (cap = 16; cap < n * 2; cap *= 2)
		;
	ks->slot = xcalloc(cap, sizeof(*ks->slot));
	ks->mask = cap - 1;
}

/* Add key; false when it was there already. */
static bool
keyset_add(struct keyset *ks, const char *key)
{
	size_t i = (size_t)key_hash(key) & ks->mask;

	while (ks->slot[i] != NULL) {
		if (strcmp(ks->slot[i], key) == 0)
			return false;
		i = (i + 1) & ks->mask;
	}
	ks->slot[i] = key;
	return true;
}

static int
post_cmp(const void *a, const void *b)
{
	const struct view_post *p = a, *q = b;

	if (p->isnew != q->isnew)
		return p->isnew ? -1 : 1;
	if (p->when != q->when) {
		if (p->when == DATE_NONE)
			return 1;
		if (q->when == DATE_NONE)
			return -1;
		return p->when > q->when ? -1 : 1;
	}
	if (p->feed != q->feed)
		return p->feed < q->feed ? -1 : 1;
	/* Items of one feed are one array: document order. */
	return p->item < q->item ? -1 : p->item > q->item;
}

size_t
view_find_key(const struct view *v, const char *key)
{
	size_t i;

	for (i = 0; key != NULL && i < v->nposts; i++)
		if (strcmp(view_post_key(v->posts[i].item), key) == 0)
			return i;
	return SIZE_MAX;
}

/* Put the open article's post back by its key (SIZE_MAX when gone). */
static void
refind_open(struct view *v)
{
	v->open = view_find_key(v, v->open_key);
}

void
view_set_feeds(struct view *v, const struct feed *const *feeds,
    const time_t *const *first_seen, size_t nfeeds, time_t since,
    view_is_read_fn is_read, void *arg)
{
	struct keyset ks;
	size_t total = 0, f, i, n = 0, off;

	off = sel_offset(v);
	for (f = 0; f < nfeeds; f++)
		total += feeds[f] != NULL ? feeds[f]->nitems : 0;
	keyset_init(&ks, total);
	free(v->posts);
	v->posts = xcalloc(total ? total : 1, sizeof(*v->posts));
	v->nnew = v->unread = 0;
	v->since = since;
	for (f = 0; f < nfeeds; f++) {
		const struct feed *fd = feeds[f];

		for (i = 0; fd != NULL && i < fd->nitems; i++) {
			const struct feed_item *it = &fd->items[i];
			struct view_post *p = &v->posts[n];
			const char *key = view_post_key(it);

			if (!keyset_add(&ks, key))
				continue;
			p->item = it;
			p->feed = f;
			p->when = it->published != DATE_NONE ? it->published
			                                     : it->updated;
			p->first_seen =
			    first_seen != NULL && first_seen[f] != NULL
			    ? first_seen[f][i]
			    : 0;
			p->isnew = since != 0 && p->first_seen > since;
			p->read = is_read != NULL && is_read(key, arg);
			v->nnew += p->isnew;
			v->unread += !p->read;
			n++;
		}
	}
	free(ks.slot);
	v->nposts = n;
	/* A feed comes newest first, as does the cache: check before
	 * sorting (n comparisons, not n log n). */
	for (i = 1; i < n && post_cmp(&v->posts[i - 1], &v->posts[i]) <= 0; i++)
		;
	if (i < n)
		qsort(v->posts, n, sizeof(*v->posts), post_cmp);
	/* The menu points into the old feeds: rebuilt when opened. */
	free(v->cats);
	v->cats = NULL;
	v->ncats = 0;
	if (v->mode == VIEW_MODE_MENU)
		v->mode = v->prev;
	refind_open(v);
	relist(v, off);
}

void
view_set_filter(struct view *v, const char *s)
{
	free(v->filter);
	v->filter = s != NULL && *s != '\0' ? xstrdup(s) : NULL;
	relist(v, sel_offset(v));
}

void
view_set_category(struct view *v, const char *name)
{
	free(v->category);
	v->category = name != NULL ? xstrdup(name) : NULL;
	relist(v, sel_offset(v));
}

void
view_set_excerpts(struct view *v, bool on)
{
	size_t off = sel_offset(v);

	if (v->excerpts == on)
		return;
	/* Keep the post on the same screen row (in posts, not rows). */
	off = on ? off * 2 : off / 2;
	v->excerpts = on;
	place_sel(v, off);
}

void
view_set_rows(struct view *v, size_t rows)
{
	size_t off = sel_offset(v);

	v->rows = rows > 0 ? rows : 1;
	place_sel(v, off);
}

/* --- Moving in the list --- */

size_t
view_ahead(const struct view *v, size_t n, size_t *out)
{
	size_t i, k = 0;

	for (i = v->sel; i < v->nvis && k < n; i++) {
		size_t p = v->vis[i];

		if (v->have_open && p == v->open)
			continue;
		out[k++] = p;
	}
	return k;
}

bool
view_select(struct view *v, size_t i)
{
	size_t old = v->sel;

	if (v->nvis == 0)
		return false;
	if (i >= v->nvis)
		i = v->nvis - 1;
	set_sel(v, i);
	keep_visible(v);
	return i != old;
}

bool
view_move(struct view *v, long delta)
{
	if (v->nvis == 0)
		return false;
	return view_select(v, add_clamped(v->sel, delta, v->nvis - 1));
}

/* Move by n posts, scrolling the list with it (a page keeps the
 * selection's screen row). */
static bool
move_scrolling(struct view *v, long n)
{
	size_t off = sel_offset(v);
	size_t old = v->sel, oldtop = v->top;

	if (!view_move(v, n))
		return false;
	place_sel(v, off);
	return v->sel != old || v->top != oldtop;
}

static long
per_page(const struct view *v, size_t rows)
{
	size_t n = rows / view_post_height(v);

	return n > 1 ? (long)n : 1;
}

bool
view_page(struct view *v, int dir)
{
	return move_scrolling(v, dir * per_page(v, v->rows));
}

bool
view_half_page(struct view *v, int dir)
{
	return move_scrolling(v, dir * per_page(v, (v->rows + 1) / 2));
}

bool
view_first(struct view *v)
{
	return view_select(v, 0);
}

bool
view_last(struct view *v)
{
	return v->nvis > 0 && view_select(v, v->nvis - 1);
}

bool
view_click(struct view *v, size_t r)
{
	size_t i;
	bool second;

	if (!view_post_at_row(v, v->top + r, &i, &second))
		return false;
	view_select(v, i);
	return true;
}

bool
view_scroll(struct view *v, long delta)
{
	size_t max = list_max_top(v), old = v->top, h = view_post_height(v);
	size_t row, i;
	bool second;

	v->top = add_clamped(v->top, delta, max);
	if (v->nvis == 0)
		return v->top != old;
	row = view_row_of(v, v->sel);
	if (row < v->top || row + h > v->top + v->rows) {
		/* The first post wholly on screen (scrolling down), or the
		 * last one (scrolling up). */
		if (row < v->top) {
			for (row = v->top;
			     view_post_at_row(v, row, &i, &second); row++)
				if (!second)
					break;
		} else {
			row = v->top + (v->rows >= h ? v->rows - h : 0);
			while (row > 0 &&
			    (!view_post_at_row(v, row, &i, &second) || second))
				row--;
		}
		if (view_post_at_row(v, row, &i, &second))
			set_sel(v, i);
	}
	return v->top != old;
}

/* --- Read marks --- */

void
view_set_read(struct view *v, const struct view_post *p, bool read)
{
	struct view_post *q = &v->posts[p - v->posts];

	if (q->read == read)
		return;
	q->read = read;
	if (read)
		v->unread--;
	else
		v->unread++;
}

const struct view_post *
view_toggle_read(struct view *v)
{
	const struct view_post *p = view_selected(v);

	if (p != NULL)
		view_set_read(v, p, !p->read);
	return p;
}

size_t
view_mark_all_read(struct view *v)
{
	size_t i, n = 0;

	for (i = 0; i < v->nvis; i++) {
		const struct view_post *p = view_visible(v, i);

		if (!p->read) {
			view_set_read(v, p, true);
			n++;
		}
	}
	return n;
}

/* --- The article pane --- */

static void
find_clear(struct view *v)
{
	free(v->find);
	v->find = NULL;
	free(v->matches);
	v->matches = NULL;
	v->nmatches = v->cur = 0;
}

static const struct view_post *
open_at(struct view *v, size_t i)
{
	const struct view_post *p;

	view_select(v, i);
	p = view_selected(v);
	v->open = v->vis[v->sel];
	v->have_open = true;
	free(v->open_key);
	v->open_key = xstrdup(view_post_key(p->item));
	view_set_read(v, p, true);
	v->mode = VIEW_MODE_ARTICLE;
	v->nlines = v->ptop = 0;
	find_clear(v);
	view_digits_clear(v);
	return p;
}

const struct view_post *
view_open(struct view *v)
{
	if (v->nvis == 0)
		return NULL;
	return open_at(v, v->sel);
}

const struct view_post *
view_open_next(struct view *v, int dir)
{
	if (v->nvis == 0)
		return NULL;
	if (dir > 0 ? v->sel + 1 >= v->nvis : v->sel == 0)
		return NULL;
	return open_at(v, dir > 0 ? v->sel + 1 : v->sel - 1);
}

const struct view_post *
view_opened(const struct view *v)
{
	if (!v->have_open || v->open == SIZE_MAX)
		return NULL;
	return &v->posts[v->open];
}

size_t
view_pager_max_top(const struct view *v)
{
	return v->nlines > v->prows ? v->nlines - v->prows : 0;
}

void
view_set_article(struct view *v, size_t nlines, size_t top)
{
	size_t max;

	v->nlines = nlines;
	max = view_pager_max_top(v);
	v->ptop = top > max ? max : top;
	if (v->find != NULL) {
		/* Line numbers changed: the caller finds again. */
		free(v->matches);
		v->matches = NULL;
		v->nmatches = v->cur = 0;
	}
}

void
view_set_article_rows(struct view *v, size_t rows)
{
	size_t max;

	v->prows = rows > 0 ? rows : 1;
	max = view_pager_max_top(v);
	if (v->ptop > max)
		v->ptop = max;
}

void
view_close(struct view *v)
{
	view_digits_clear(v);
	v->mode = VIEW_MODE_LIST;
}

void
view_set_split(struct view *v, bool split)
{
	v->split = split;
}

bool
view_focus_toggle(struct view *v)
{
	if (!v->split || !v->have_open)
		return false;
	if (v->mode == VIEW_MODE_LIST)
		v->mode = VIEW_MODE_ARTICLE;
	else if (v->mode == VIEW_MODE_ARTICLE)
		v->mode = VIEW_MODE_LIST;
	else
		return false;
	view_digits_clear(v);
	return true;
}

bool
view_pager_scroll(struct view *v, long delta)
{
	size_t old = v->ptop;

	v->ptop = add_clamped(v->ptop, delta, view_pager_max_top(v));
	return v->ptop != old;
}

bool
view_pager_page(struct view *v, int dir)
{
	/* Keep one line of context, as less and vim do not: a page is
	 * the pane less one line, so the last line read stays on top. */
	long n = v->prows > 2 ? (long)v->prows - 1 : 1;

	return view_pager_scroll(v, dir * n);
}

bool
view_pager_half_page(struct view *v, int dir)
{
	long n = v->prows > 1 ? (long)v->prows / 2 : 1;

	return view_pager_scroll(v, dir * n);
}

bool
view_pager_top(struct view *v)
{
	size_t old = v->ptop;

	v->ptop = 0;
	return old != 0;
}

bool
view_pager_bottom(struct view *v)
{
	size_t old = v->ptop;

	v->ptop = view_pager_max_top(v);
	return old != v->ptop;
}

const char *
view_pager_position(const struct view *v, char buf[8])
{
	size_t max = view_pager_max_top(v);

	if (max == 0)
		memcpy(buf, "All", 4);
	else if (v->ptop == 0)
		memcpy(buf, "Top", 4);
	else if (v->ptop >= max)
		memcpy(buf, "Bot", 4);
	else {
		unsigned pct = (unsigned)(v->ptop * 100 / max);

		buf[0] = (char)('0' + pct / 10);
		buf[1] = (char)('0' + pct % 10);
		buf[2] = '%';
		buf[3] = '\0';
		if (buf[0] == '0')
			memmove(buf, buf + 1, 3);
	}
	return buf;
}

/* Scroll so that line is on screen, with a little context above it. */
static void
show_line(struct view *v, size_t line)
{
	size_t ctx = v->prows / 3 < 2 ? v->prows / 3 : 2, max;

	if (line >= v->ptop && line < v->ptop + v->prows)
		return;
	v->ptop = line > ctx ? line - ctx : 0;
	max = view_pager_max_top(v);
	if (v->ptop > max)
		v->ptop = max;
}

size_t
view_match_from(const struct view *v, size_t line)
{
	size_t lo = 0, hi = v->nmatches, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (v->matches[mid].line < line)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* Find text in lines[0..n) into v->matches (the find must be set). */
static void
compute_matches(struct view *v, const char *const *lines, size_t n)
{
	char *needle = lowered(v->find);
	size_t len = strlen(needle), i, cap = 0;

	free(v->matches);
	v->matches = NULL;
	v->nmatches = v->cur = 0;
	for (i = 0; i < n; i++) {
		const char *s = lines[i];
		size_t slen = strlen(s), j = 0, k;

		while (j + len <= slen) {
			for (k = 0; k < len &&
			     lower((unsigned char)s[j + k]) ==
			         (unsigned char)needle[k];
			     k++)
				;
			if (k < len) {
				j++;
				continue;
			}
			if (v->nmatches == cap) {
				cap = cap ? cap * 2 : 16;
				v->matches = xreallocarray(v->matches, cap,
				    sizeof(*v->matches));
			}
			v->matches[v->nmatches].line = i;
			v->matches[v->nmatches].off = j;
			v->matches[v->nmatches].len = len;
			v->nmatches++;
			j += len;
		}
	}
	free(needle);
	if (v->nmatches > 0) {
		v->cur = view_match_from(v, v->ptop);
		if (v->cur == v->nmatches)
			v->cur = 0;
	}
}

size_t
view_find(struct view *v, const char *text, const char *const *lines, size_t n)
{
	find_clear(v);
	if (text == NULL || *text == '\0')
		return 0;
	v->find = xstrdup(text);
	compute_matches(v, lines, n);
	if (v->nmatches > 0)
		show_line(v, v->matches[v->cur].line);
	return v->nmatches;
}

void
view_find_again(struct view *v, const char *const *lines, size_t n)
{
	if (v->find != NULL)
		compute_matches(v, lines, n);
}

bool
view_find_next(struct view *v, int dir, bool *wrapped)
{
	size_t line, i;

	*wrapped = false;
	if (v->nmatches == 0)
		return false;
	line = v->matches[v->cur].line;
	if (line >= v->ptop && line < v->ptop + v->prows) {
		/* The current match is on screen: the one after it. */
		if (dir > 0) {
			i = v->cur + 1;
			if (i == v->nmatches) {
				i = 0;
				*wrapped = true;
			}
		} else {
			i = v->cur;
			if (i == 0) {
				i = v->nmatches;
				*wrapped = true;
			}
			i--;
		}
	} else if (dir > 0) {
		/* Scrolled away: the first match on screen or below. */
		i = view_match_from(v, v->ptop);
		if (i == v->nmatches) {
			i = 0;
			*wrapped = true;
		}
	} else {
		i = view_match_from(v, v->ptop);
		if (i == 0) {
			i = v->nmatches;
			*wrapped = true;
		}
		i--;
	}
	v->cur = i;
	show_line(v, v->matches[i].line);
	return true;
}

/* --- Digits --- */

bool
view_digit(struct view *v, char c)
{
	if (c < '0' || c > '9' || v->ndigits == VIEW_DIGITS_MAX)
		return false;
	if (v->ndigits == 0 && c == '0')
		return false;
	v->digits[v->ndigits++] = c;
	v->digits[v->ndigits] = '\0';
	return true;
}

unsigned long
view_digits_take(struct view *v)
{
	unsigned long n = 0;
	size_t i;

	for (i = 0; i < v->ndigits; i++)
		n = n * 10 + (unsigned long)(v->digits[i] - '0');
	view_digits_clear(v);
	return n;
}

void
view_digits_clear(struct view *v)
{
	v->ndigits = 0;
	v->digits[0] = '\0';
}

/* --- Help and the category menu --- */

static void
clamp_scroll(size_t *top, size_t n, size_t rows)
{
	size_t max = n > rows ? n - rows : 0;

	if (*top > max)
		*top = max;
}

/* Scroll *top of a menu of n rows, rows shown, to show row sel. */
static void
show_row(size_t sel, size_t *top, size_t n, size_t rows)
{
	if (sel < *top)
		*top = sel;
	else if (sel >= *top + rows)
		*top = sel - rows + 1;
	clamp_scroll(top, n, rows);
}

static void
menu_keep_visible(struct view *v)
{
	show_row(v->csel, &v->ctop, v->ncats, v->crows);
}

static void feeds_keep_visible(struct view *);

void
view_set_body_rows(struct view *v, size_t rows)
{
	v->hrows = v->crows = v->frows = rows > 0 ? rows : 1;
	clamp_scroll(&v->htop, v->hlines, v->hrows);
	menu_keep_visible(v);
	feeds_keep_visible(v);
}

/* Enter help or the menu, remembering the list or article mode. */
static void
overlay(struct view *v, enum view_mode m)
{
	if (v->mode != VIEW_MODE_HELP && v->mode != VIEW_MODE_MENU)
		v->prev = v->mode;
	v->mode = m;
}

void
view_help(struct view *v, size_t n)
{
	overlay(v, VIEW_MODE_HELP);
	v->hlines = n;
	v->htop = 0;
	view_digits_clear(v);
}

bool
view_help_scroll(struct view *v, long delta)
{
	size_t old = v->htop;
	size_t max = v->hlines > v->hrows ? v->hlines - v->hrows : 0;

	v->htop = add_clamped(v->htop, delta, max);
	return v->htop != old;
}

void
view_help_close(struct view *v)
{
	if (v->mode == VIEW_MODE_HELP)
		v->mode = v->prev;
}

static int
name_cmp(const void *a, const void *b)
{
	const char *const *p = a, *const *q = b;

	return strcmp(*p, *q);
}

void
view_menu(struct view *v)
{
	const char **names;
	size_t i, j, n = 0, total = 0;

	for (i = 0; i < v->nposts; i++)
		total += v->posts[i].item->ncategories;
	names = xcalloc(total ? total : 1, sizeof(*names));
	for (i = 0; i < v->nposts; i++)
		for (j = 0; j < v->posts[i].item->ncategories; j++)
			names[n++] = v->posts[i].item->categories[j];
	qsort(names, n, sizeof(*names), name_cmp);
	free(v->cats);
	v->cats = xcalloc(n + 1, sizeof(*v->cats));
	v->cats[0].name = NULL;
	v->cats[0].count = v->nposts;
	v->ncats = 1;
	v->csel = 0;
	for (i = 0; i < n; i++) {
		/* A post listing one category twice counts twice: rare, and
		 * the filter shows the truth. */
		if (v->ncats > 1 &&
		    strcmp(v->cats[v->ncats - 1].name, names[i]) == 0) {
			v->cats[v->ncats - 1].count++;
			continue;
		}
		v->cats[v->ncats].name = names[i];
		v->cats[v->ncats].count = 1;
		if (v->category != NULL && strcmp(v->category, names[i]) == 0)
			v->csel = v->ncats;
		v->ncats++;
	}
	free(names);
	overlay(v, VIEW_MODE_MENU);
	v->ctop = 0;
	menu_keep_visible(v);
}

bool
view_menu_move(struct view *v, long delta)
{
	size_t old = v->csel;

	if (v->ncats == 0)
		return false;
	v->csel = add_clamped(v->csel, delta, v->ncats - 1);
	menu_keep_visible(v);
	return v->csel != old;
}

void
view_menu_choose(struct view *v)
{
	const char *name;

	if (v->mode != VIEW_MODE_MENU)
		return;
	name = v->ncats > 0 ? v->cats[v->csel].name : NULL;
	v->mode = VIEW_MODE_LIST;
	view_set_category(v, name);
}

void
view_menu_close(struct view *v)
{
	if (v->mode == VIEW_MODE_MENU)
		v->mode = v->prev;
}

/* --- The feeds screen --- */

static void
feeds_keep_visible(struct view *v)
{
	show_row(v->fsel, &v->ftop, v->nentries, v->frows);
}

void
view_feeds(struct view *v, size_t n, size_t sel)
{
	v->nentries = n;
	v->fsel = n > 0 && sel >= n ? n - 1 : sel;
	v->mode = VIEW_MODE_FEEDS;
	view_digits_clear(v);
	feeds_keep_visible(v);
}

bool
view_feeds_move(struct view *v, long delta)
{
	size_t old = v->fsel;

	if (v->nentries == 0)
		return false;
	v->fsel = add_clamped(v->fsel, delta, v->nentries - 1);
	feeds_keep_visible(v);
	return v->fsel != old;
}

bool
view_feeds_click(struct view *v, size_t r)
{
	if (v->ftop + r >= v->nentries)
		return false;
	v->fsel = v->ftop + r;
	feeds_keep_visible(v);
	return true;
}

void
view_list_reset(struct view *v)
{
	free(v->filter);
	v->filter = NULL;
	free(v->category);
	v->category = NULL;
	find_clear(v);
	view_digits_clear(v);
	v->have_open = false;
	v->open = SIZE_MAX;
	free(v->open_key);
	v->open_key = NULL;
	v->nlines = v->ptop = 0;
	/* No list until view_set_feeds: the selection goes to its top. */
	v->nvis = v->visnew = 0;
	v->sel = v->top = 0;
	free(v->sel_key);
	v->sel_key = NULL;
	v->mode = VIEW_MODE_LIST;
}

bool
view_select_key(struct view *v, const char *key, size_t off)
{
	size_t i;

	for (i = 0; key != NULL && i < v->nvis; i++) {
		if (strcmp(view_post_key(view_visible(v, i)->item), key) != 0)
			continue;
		set_sel(v, i);
		place_sel(v, off);
		return true;
	}
	return false;
}

size_t
view_sel_offset(const struct view *v)
{
	return sel_offset(v);
}

void
view_count(const struct feed *const *feeds, size_t nfeeds,
    view_is_read_fn is_read, void *arg, size_t *total, size_t *unread)
{
	struct keyset ks;
	size_t n = 0, f, i;

	*total = *unread = 0;
	for (f = 0; f < nfeeds; f++)
		n += feeds[f] != NULL ? feeds[f]->nitems : 0;
	keyset_init(&ks, n);
	for (f = 0; f < nfeeds; f++) {
		for (i = 0; feeds[f] != NULL && i < feeds[f]->nitems; i++) {
			const char *key = view_post_key(&feeds[f]->items[i]);

			if (!keyset_add(&ks, key))
				continue;
			(*total)++;
			*unread += is_read == NULL || !is_read(key, arg);
		}
	}
	free(ks.slot);
}
