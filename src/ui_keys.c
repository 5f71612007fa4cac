/*
 * ui_keys -- keys and mouse to view calls; the prompt line; the help.
 *
 * A key goes through the config's bind table (config_lookup) to an
 * action, and the action to the view call of the current mode.  Nothing
 * here decides what moves where: view.c does.
 */
#include "ui.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "spawn.h"
#include "utf8.h"
#include "util.h"

#define ESC 27
#define WHEEL_ROWS 3

/* curses key codes (passed negated) to the config's keys. */
static int
map_key(int k)
{
	static const struct {
		int curses, key;
	} keys[] = {
	    {KEY_ENTER, CONFIG_KEY_ENTER},
	    {KEY_BACKSPACE, CONFIG_KEY_BACKSPACE},
	    {KEY_UP, CONFIG_KEY_UP},
	    {KEY_DOWN, CONFIG_KEY_DOWN},
	    {KEY_LEFT, CONFIG_KEY_LEFT},
	    {KEY_RIGHT, CONFIG_KEY_RIGHT},
	    {KEY_HOME, CONFIG_KEY_HOME},
	    {KEY_END, CONFIG_KEY_END},
	    {KEY_PPAGE, CONFIG_KEY_PAGE_UP},
	    {KEY_NPAGE, CONFIG_KEY_PAGE_DOWN},
	    {KEY_IC, CONFIG_KEY_INSERT},
	    {KEY_DC, CONFIG_KEY_DELETE},
	    {KEY_BTAB, '\t'},
	};
	size_t i;

	if (k == '\r' || k == '\n')
		return CONFIG_KEY_ENTER;
	if (k == 127 || k == 8)
		return CONFIG_KEY_BACKSPACE;
	if (k >= 0)
		return k;
	k = -k;
	if (k >= KEY_F(1) && k <= KEY_F(12))
		return CONFIG_KEY_F1 + (k - KEY_F(1));
	for (i = 0; i < NITEMS(keys); i++)
		if (keys[i].curses == k)
			return keys[i].key;
	return -1;
}

static void
open_url(struct ui *u, const char *url)
{
	char *cause = NULL;

	if (url == NULL) {
		ui_message(u, true, "no link");
		return;
	}
	if (spawn_browser(u->cfg->browser, url, &cause) == -1) {
		ui_message(u, true, "%s", cause);
		free(cause);
		return;
	}
	ui_message(u, false, "opened %s", url);
}

/* Quit, or with confirm-quit ask first: the next key answers (y). */
static void
quit(struct ui *u)
{
	if (!u->cfg->confirm_quit) {
		u->quit = true;
		return;
	}
	u->confirming = true;
	ui_message(u, false, "Quit ifpnews? (y/n)");
}

/* --- The prompt --- */

static void
prompt_start(struct ui *u, enum ui_prompt kind)
{
	struct view *v = u->view;

	u->prompt = kind;
	buf_reset(&u->input);
	free(u->saved_filter);
	u->saved_filter = NULL;
	if (kind == UI_PROMPT_FILTER && v->filter != NULL) {
		u->saved_filter = xstrdup(v->filter);
		buf_addstr(&u->input, v->filter);
	}
	free(u->msg);
	u->msg = NULL;
}

static void
prompt_done(struct ui *u, bool accept)
{
	struct view *v = u->view;
	size_t n;

	if (u->prompt == UI_PROMPT_FILTER) {
		if (!accept)
			view_set_filter(v, u->saved_filter);
	} else if (accept && u->wrap != NULL) {
		n = view_find(v, buf_str(&u->input), u->texts, u->wrap->nlines);
		if (n == 0 && u->input.len > 0)
			ui_message(u, true, "not found: %s",
			    buf_str(&u->input));
	}
	u->prompt = UI_PROMPT_NONE;
}

static void
prompt_key(struct ui *u, int key)
{
	char enc[4];
	size_t n;

	if (key == CONFIG_KEY_ENTER) {
		prompt_done(u, true);
		return;
	}
	if (key == ESC || key == 3 /* C-c */ || key == 7 /* C-g */) {
		prompt_done(u, false);
		return;
	}
	if (key == CONFIG_KEY_BACKSPACE) {
		if (u->input.len == 0) {
			prompt_done(u, false);
			return;
		}
		/* Drop the last code point, not a byte. */
		n = u->input.len - 1;
		while (n > 0 && (u->input.data[n] & 0xC0) == 0x80)
			n--;
		buf_truncate(&u->input, n);
	} else if (key == 21 /* C-u */)
		buf_reset(&u->input);
	else if (key >= 0x20 && key < 0x110000 && key != 0x7f &&
	    !utf8_is_control((uint32_t)key)) {
		n = utf8_encode((uint32_t)key, enc);
		if (buf_add(&u->input, enc, n) == -1)
			buf_init(&u->input, 4096); /* too long: start over */
	} else
		return;
	/* The list filters as you type. */
	if (u->prompt == UI_PROMPT_FILTER)
		view_set_filter(u->view, buf_str(&u->input));
}

/* --- Actions --- */

/* Shared by the list and the article. */
static bool
common_action(struct ui *u, enum config_action a)
{
	struct view *v = u->view;
	const struct view_post *p;
	size_t i;

	switch (a) {
	case CONFIG_ACTION_QUIT:
		quit(u);
		return true;
	case CONFIG_ACTION_REFRESH:
		ui_refresh(u);
		return true;
	case CONFIG_ACTION_TOGGLE_READ:
		p = v->mode == VIEW_MODE_ARTICLE && view_opened(v) != NULL
		    ? view_opened(v)
		    : view_selected(v);
		if (p != NULL) {
			view_set_read(v, p, !p->read);
			ui_record_read(u, p);
		}
		return true;
	case CONFIG_ACTION_MARK_ALL_READ:
		if (view_mark_all_read(v) > 0)
			for (i = 0; i < v->nvis; i++)
				ui_record_read(u, view_visible(v, i));
		return true;
	case CONFIG_ACTION_TOGGLE_EXCERPTS:
		view_set_excerpts(v, !v->excerpts);
		return true;
	case CONFIG_ACTION_CATEGORY:
		view_menu(v);
		return true;
	case CONFIG_ACTION_HELP:
		if (u->help == NULL)
			ui_help_build(u);
		view_help(v, u->nhelp);
		return true;
	case CONFIG_ACTION_SWITCH_PANE:
		view_focus_toggle(v);
		return true;
	case CONFIG_ACTION_TOGGLE_LAYOUT:
		u->layout = u->geom.layout == VIEW_LAYOUT_FULL
		    ? CONFIG_LAYOUT_SPLIT
		    : CONFIG_LAYOUT_FULL;
		ui_relayout(u);
		if (u->geom.layout == VIEW_LAYOUT_FULL &&
		    u->layout == CONFIG_LAYOUT_SPLIT)
			ui_message(u, false,
			    "the terminal is too small to split");
		return true;
	case CONFIG_ACTION_REDRAW:
		clearok(curscr, TRUE);
		return true;
	case CONFIG_ACTION_FETCH_FULL:
		ui_fetch_full(u);
		return true;
	case CONFIG_ACTION_LOAD_MORE:
		ui_more(u, true);
		return true;
	default:
		return false;
	}
}

static void
open_selected(struct ui *u)
{
	if (view_open(u->view) != NULL)
		ui_show_article(u, false);
}

static void
list_action(struct ui *u, enum config_action a, int key)
{
	struct view *v = u->view;
	unsigned long n;

	switch (a) {
	case CONFIG_ACTION_UP:
	case CONFIG_ACTION_PREV:
		view_move(v, -1);
		break;
	case CONFIG_ACTION_DOWN:
	case CONFIG_ACTION_NEXT:
		view_move(v, 1);
		break;
	case CONFIG_ACTION_PAGE_UP:
		view_page(v, -1);
		break;
	case CONFIG_ACTION_PAGE_DOWN:
		view_page(v, 1);
		break;
	case CONFIG_ACTION_HALF_UP:
		view_half_page(v, -1);
		break;
	case CONFIG_ACTION_HALF_DOWN:
		view_half_page(v, 1);
		break;
	case CONFIG_ACTION_TOP:
		view_first(v);
		break;
	case CONFIG_ACTION_BOTTOM:
		view_last(v);
		break;
	case CONFIG_ACTION_OPEN:
		/* Digits then Enter: post N of the list (1 = the first). */
		n = view_digits_take(v);
		if (n > 0)
			view_select(v, n - 1);
		else
			open_selected(u);
		break;
	case CONFIG_ACTION_BACK:
		/* Esc clears a filter; q leaves: for the feeds screen when
		 * there are several feeds. */
		if (key == ESC && v->filter != NULL)
			view_set_filter(v, NULL);
		else if (key == ESC && v->category != NULL)
			view_set_category(v, NULL);
		else if (u->nfeeds > 1)
			ui_feeds_screen(u);
		else if (key != ESC)
			quit(u);
		break;
	case CONFIG_ACTION_SEARCH:
		prompt_start(u, UI_PROMPT_FILTER);
		break;
	case CONFIG_ACTION_OPEN_BROWSER:
		if (view_selected(v) != NULL)
			open_url(u, view_selected(v)->item->link);
		break;
	default:
		common_action(u, a);
		break;
	}
}

static void
open_link(struct ui *u, unsigned long n)
{
	if (u->doc == NULL || n == 0 || n > u->doc->nlinks) {
		ui_message(u, true, "no link %lu", n);
		return;
	}
	open_url(u, u->doc->links[n - 1]);
}

static void
article_action(struct ui *u, enum config_action a, int key)
{
	struct view *v = u->view;
	bool wrapped;

	switch (a) {
	case CONFIG_ACTION_UP:
		view_pager_scroll(v, -1);
		break;
	case CONFIG_ACTION_DOWN:
		view_pager_scroll(v, 1);
		break;
	case CONFIG_ACTION_PAGE_UP:
		view_pager_page(v, -1);
		break;
	case CONFIG_ACTION_PAGE_DOWN:
		view_pager_page(v, 1);
		break;
	case CONFIG_ACTION_HALF_UP:
		view_pager_half_page(v, -1);
		break;
	case CONFIG_ACTION_HALF_DOWN:
		view_pager_half_page(v, 1);
		break;
	case CONFIG_ACTION_TOP:
		view_pager_top(v);
		break;
	case CONFIG_ACTION_BOTTOM:
		view_pager_bottom(v);
		break;
	case CONFIG_ACTION_OPEN:
		if (v->ndigits > 0)
			open_link(u, view_digits_take(v));
		else
			view_pager_scroll(v, 1);
		break;
	case CONFIG_ACTION_BACK:
		if (key == ESC && v->ndigits > 0)
			view_digits_clear(v);
		else if (key == ESC && v->find != NULL)
			view_find(v, NULL, NULL, 0);
		else
			view_close(v);
		break;
	case CONFIG_ACTION_NEXT:
	case CONFIG_ACTION_PREV:
		if (view_open_next(v, a == CONFIG_ACTION_NEXT ? 1 : -1) != NULL)
			ui_show_article(u, false);
		else if (a == CONFIG_ACTION_NEXT) {
			ui_message(u, false, "this is the last post");
			ui_more(u, false);
			if (ui_loading_more(u))
				ui_message(u, false, "loading older posts…");
		} else
			ui_message(u, false, "this is the first post");
		break;
	case CONFIG_ACTION_SEARCH:
		prompt_start(u, UI_PROMPT_FIND);
		break;
	case CONFIG_ACTION_SEARCH_NEXT:
	case CONFIG_ACTION_SEARCH_PREV:
		if (!view_find_next(v, a == CONFIG_ACTION_SEARCH_NEXT ? 1 : -1,
		        &wrapped))
			ui_message(u, true, "no matches");
		else if (wrapped)
			ui_message(u, false, "search wrapped");
		break;
	case CONFIG_ACTION_OPEN_BROWSER:
		if (view_opened(v) != NULL)
			open_url(u, view_opened(v)->item->link);
		break;
	default:
		common_action(u, a);
		break;
	}
}

static void
help_action(struct ui *u, enum config_action a)
{
	struct view *v = u->view;
	long page = (long)v->hrows > 1 ? (long)v->hrows - 1 : 1;

	switch (a) {
	case CONFIG_ACTION_UP:
		view_help_scroll(v, -1);
		break;
	case CONFIG_ACTION_DOWN:
	case CONFIG_ACTION_OPEN:
		view_help_scroll(v, 1);
		break;
	case CONFIG_ACTION_PAGE_UP:
	case CONFIG_ACTION_HALF_UP:
		view_help_scroll(v, -page);
		break;
	case CONFIG_ACTION_PAGE_DOWN:
	case CONFIG_ACTION_HALF_DOWN:
		view_help_scroll(v, page);
		break;
	case CONFIG_ACTION_TOP:
		view_help_scroll(v, -(long)v->hlines);
		break;
	case CONFIG_ACTION_BOTTOM:
		view_help_scroll(v, (long)v->hlines);
		break;
	case CONFIG_ACTION_QUIT:
		quit(u);
		break;
	case CONFIG_ACTION_BACK:
	case CONFIG_ACTION_HELP:
		view_help_close(v);
		break;
	default:
		break;
	}
}

/*
 * How far a moving action moves in a menu-like screen of n rows, rows of
 * them shown: true with *delta, or false for another action.
 */
static bool
menu_delta(enum config_action a, size_t rows, size_t n, long *delta)
{
	switch (a) {
	case CONFIG_ACTION_UP:
	case CONFIG_ACTION_PREV:
		*delta = -1;
		return true;
	case CONFIG_ACTION_DOWN:
	case CONFIG_ACTION_NEXT:
		*delta = 1;
		return true;
	case CONFIG_ACTION_PAGE_UP:
	case CONFIG_ACTION_HALF_UP:
		*delta = -(long)rows;
		return true;
	case CONFIG_ACTION_PAGE_DOWN:
	case CONFIG_ACTION_HALF_DOWN:
		*delta = (long)rows;
		return true;
	case CONFIG_ACTION_TOP:
		*delta = -(long)n;
		return true;
	case CONFIG_ACTION_BOTTOM:
		*delta = (long)n;
		return true;
	default:
		return false;
	}
}

/* The feeds screen: choose a feed, or all posts. */
static void
feeds_action(struct ui *u, enum config_action a, int key)
{
	struct view *v = u->view;
	long delta;

	if (menu_delta(a, v->frows, v->nentries, &delta)) {
		view_feeds_move(v, delta);
		return;
	}
	switch (a) {
	case CONFIG_ACTION_OPEN:
		ui_show_entry(u, v->fsel);
		break;
	case CONFIG_ACTION_BACK:
		if (key != ESC)
			quit(u);
		break;
	case CONFIG_ACTION_MARK_ALL_READ:
		ui_mark_entry_read(u, v->fsel);
		break;
	case CONFIG_ACTION_QUIT:
	case CONFIG_ACTION_REFRESH:
	case CONFIG_ACTION_HELP:
	case CONFIG_ACTION_REDRAW:
		common_action(u, a);
		break;
	default:
		break;
	}
}

static void
menu_action(struct ui *u, enum config_action a)
{
	struct view *v = u->view;
	long delta;

	if (menu_delta(a, v->crows, v->ncats, &delta)) {
		view_menu_move(v, delta);
		return;
	}
	switch (a) {
	case CONFIG_ACTION_OPEN:
		view_menu_choose(v);
		break;
	case CONFIG_ACTION_QUIT:
		quit(u);
		break;
	case CONFIG_ACTION_BACK:
	case CONFIG_ACTION_CATEGORY:
		view_menu_close(v);
		break;
	default:
		break;
	}
}

/*
 * The selection moved onto the last post (SPEC "Reading flow": reaching
 * the end of the list loads older posts).
 */
static void
reached_end(struct ui *u, const struct feed_item *before)
{
	const struct view *v = u->view;
	const struct view_post *p = view_selected(v);

	if (p != NULL && p->item != before && v->sel + 1 == v->nvis)
		ui_more(u, false);
}

/* The selected post's item (feeds are not freed while a key runs). */
static const struct feed_item *
selected_item(const struct ui *u)
{
	const struct view_post *p = view_selected(u->view);

	return p != NULL ? p->item : NULL;
}

static void key_action(struct ui *u, int key);

void
ui_key(struct ui *u, int raw)
{
	const struct feed_item *before = selected_item(u);
	int key = map_key(raw);

	if (key < 0)
		return;
	u->dirty = UI_DIRTY_ALL;
	u->idle_work = true; /* the posts ahead may have changed */
	key_action(u, key);
	reached_end(u, before);
}

static void
key_action(struct ui *u, int key)
{
	struct view *v = u->view;
	enum config_action a;

	if (u->prompt != UI_PROMPT_NONE) {
		prompt_key(u, key);
		return;
	}
	free(u->msg);
	u->msg = NULL;
	if (u->confirming) {
		u->confirming = false;
		u->quit = key == 'y' || key == 'Y';
		return;
	}
	/* Digits build a number: link N in the article, post N in the
	 * list (Enter takes it; Esc drops it). */
	if (key >= '0' && key <= '9' &&
	    (v->mode == VIEW_MODE_ARTICLE || v->mode == VIEW_MODE_LIST) &&
	    config_lookup(u->cfg, key, false) == CONFIG_ACTION_NONE) {
		view_digit(v, (char)key);
		return;
	}
	a = config_lookup(u->cfg, key,
	    v->mode == VIEW_MODE_ARTICLE && v->nmatches > 0);
	if (a != CONFIG_ACTION_OPEN && a != CONFIG_ACTION_NONE)
		view_digits_clear(v);
	switch (v->mode) {
	case VIEW_MODE_LIST:
		list_action(u, a, key);
		break;
	case VIEW_MODE_ARTICLE:
		article_action(u, a, key);
		break;
	case VIEW_MODE_HELP:
		help_action(u, a);
		break;
	case VIEW_MODE_MENU:
		menu_action(u, a);
		break;
	case VIEW_MODE_FEEDS:
		feeds_action(u, a, key);
		break;
	}
}

static bool
in_rect(const struct view_rect *r, int y, int x)
{
	return r->w > 0 && y >= r->y && y < r->y + r->h && x >= r->x &&
	    x < r->x + r->w;
}

static void mouse_action(struct ui *u, const MEVENT *ev);

void
ui_mouse(struct ui *u)
{
	const struct feed_item *before = selected_item(u);
	MEVENT ev;

	if (getmouse(&ev) != OK)
		return;
	if (u->confirming) { /* a click is no "y" */
		u->confirming = false;
		free(u->msg);
		u->msg = NULL;
		u->dirty |= UI_DIRTY_STATUS;
		return;
	}
	mouse_action(u, &ev);
	reached_end(u, before);
}

static void
mouse_action(struct ui *u, const MEVENT *evp)
{
	struct view *v = u->view;
	MEVENT ev = *evp;
	long wheel = 0;
	size_t sel;

	if (ev.bstate & BUTTON4_PRESSED)
		wheel = -WHEEL_ROWS;
	else if (ev.bstate & BUTTON5_PRESSED)
		wheel = WHEEL_ROWS;
	else if (!(ev.bstate & BUTTON1_PRESSED))
		return;
	u->dirty = UI_DIRTY_ALL;
	u->idle_work = true;
	if (v->mode == VIEW_MODE_HELP) {
		if (wheel != 0)
			view_help_scroll(v, wheel);
		return;
	}
	if (v->mode == VIEW_MODE_FEEDS) {
		/* A click selects a feed; a click on the selected one opens
		 * it. */
		sel = v->fsel;
		if (wheel != 0)
			view_feeds_move(v, wheel);
		else if (ev.y >= 1 && view_feeds_click(v, (size_t)(ev.y - 1)) &&
		    v->fsel == sel)
			ui_show_entry(u, v->fsel);
		return;
	}
	if (v->mode == VIEW_MODE_MENU) {
		if (wheel != 0)
			view_menu_move(v, wheel);
		else if (ev.y >= 1 && v->ctop + (size_t)(ev.y - 1) < v->ncats) {
			view_menu_move(v,
			    (long)(v->ctop + (size_t)(ev.y - 1)) -
			        (long)v->csel);
			view_menu_choose(v);
		}
		return;
	}
	/* The article pane, when it is on screen there. */
	if (in_rect(&u->geom.article, ev.y, ev.x) &&
	    (v->mode == VIEW_MODE_ARTICLE || v->split)) {
		if (wheel != 0)
			view_pager_scroll(v, wheel);
		else if (v->split && v->have_open)
			v->mode = VIEW_MODE_ARTICLE;
		return;
	}
	if (!in_rect(&u->geom.list, ev.y, ev.x))
		return;
	if (wheel != 0) {
		view_scroll(v, wheel);
		return;
	}
	/* A click selects; a click on the selected post opens it. */
	sel = v->sel;
	if (view_click(v, (size_t)(ev.y - u->geom.list.y))) {
		if (v->mode == VIEW_MODE_ARTICLE)
			v->mode = VIEW_MODE_LIST;
		else if (v->sel == sel)
			open_selected(u);
	}
}

/* --- Help --- */

static const char *const action_help[CONFIG_ACTION_COUNT] = {
    [CONFIG_ACTION_QUIT] = "quit",
    [CONFIG_ACTION_UP] = "previous post; scroll up a line",
    [CONFIG_ACTION_DOWN] = "next post; scroll down a line",
    [CONFIG_ACTION_PAGE_UP] = "page up",
    [CONFIG_ACTION_PAGE_DOWN] = "page down",
    [CONFIG_ACTION_HALF_UP] = "half a page up",
    [CONFIG_ACTION_HALF_DOWN] = "half a page down",
    [CONFIG_ACTION_TOP] = "first post; top of the article",
    [CONFIG_ACTION_BOTTOM] = "last post; end of the article",
    [CONFIG_ACTION_OPEN] = "open the post",
    [CONFIG_ACTION_BACK] = "back to the list; quit from the list",
    [CONFIG_ACTION_NEXT] = "next post, also from the article",
    [CONFIG_ACTION_PREV] = "previous post, also from the article",
    [CONFIG_ACTION_SEARCH] = "list: filter; article: find",
    [CONFIG_ACTION_SEARCH_NEXT] = "next match (after a find)",
    [CONFIG_ACTION_SEARCH_PREV] = "previous match (after a find)",
    [CONFIG_ACTION_REFRESH] = "refresh the feeds",
    [CONFIG_ACTION_OPEN_BROWSER] = "open the post in the browser",
    [CONFIG_ACTION_TOGGLE_READ] = "mark read / unread",
    [CONFIG_ACTION_MARK_ALL_READ] = "mark all shown posts read",
    [CONFIG_ACTION_TOGGLE_EXCERPTS] = "show / hide excerpts",
    [CONFIG_ACTION_CATEGORY] = "choose a category",
    [CONFIG_ACTION_HELP] = "this help",
    [CONFIG_ACTION_FETCH_FULL] = "fetch the full article from the web",
    [CONFIG_ACTION_LOAD_MORE] = "load older posts",
    [CONFIG_ACTION_SWITCH_PANE] = "split: switch between list and "
                                  "article",
    [CONFIG_ACTION_TOGGLE_LAYOUT] = "full screen / split",
    [CONFIG_ACTION_REDRAW] = "redraw the screen",
};

/*
 * Add "KEY label  " to b for action a, KEY the first key bound to it with
 * a short name ("Enter", not "PageDown"), else its shortest; nothing when
 * a has no key.
 */
static void
hint(struct buf *b, const struct config *cfg, int a, const char *label)
{
	char name[32], best[32] = "";
	size_t i;

	for (i = 0; i < cfg->nbinds; i++) {
		if ((int)cfg->binds[i].action != a)
			continue;
		config_key_name(cfg->binds[i].key, name, sizeof(name));
		if (best[0] == '\0' ||
		    (strlen(best) > 5 && strlen(name) < strlen(best)))
			memcpy(best, name, sizeof(best));
	}
	if (best[0] != '\0')
		buf_printf(b, "%s %s  ", best, label);
}

/* The status line's key hints, from the bindings (hints_fit() cuts them
 * at the two spaces between them). */
void
ui_hints_build(struct ui *u)
{
	const struct config *cfg = u->cfg;
	struct buf b;

	buf_init(&b, BUF_NOLIMIT);
	hint(&b, cfg, CONFIG_ACTION_OPEN, "open");
	hint(&b, cfg, CONFIG_ACTION_SEARCH, "search");
	hint(&b, cfg, CONFIG_ACTION_CATEGORY, "category");
	hint(&b, cfg, CONFIG_ACTION_REFRESH, "refresh");
	hint(&b, cfg, CONFIG_ACTION_HELP, "help");
	hint(&b, cfg, CONFIG_ACTION_BACK, u->nfeeds > 1 ? "feeds" : "quit");
	u->hints_list = xstrdup(buf_str(&b));
	buf_reset(&b);
	hint(&b, cfg, CONFIG_ACTION_PAGE_DOWN, "page");
	hint(&b, cfg, CONFIG_ACTION_NEXT, "next post");
	hint(&b, cfg, CONFIG_ACTION_PREV, "prev post");
	hint(&b, cfg, CONFIG_ACTION_OPEN_BROWSER, "browser");
	buf_addstr(&b, "N+Enter link N  ");
	hint(&b, cfg, CONFIG_ACTION_BACK, "back");
	u->hints_article = xstrdup(buf_str(&b));
	buf_reset(&b);
	hint(&b, cfg, CONFIG_ACTION_OPEN, "open");
	hint(&b, cfg, CONFIG_ACTION_REFRESH, "refresh");
	hint(&b, cfg, CONFIG_ACTION_MARK_ALL_READ, "mark read");
	hint(&b, cfg, CONFIG_ACTION_HELP, "help");
	hint(&b, cfg, CONFIG_ACTION_BACK, "quit");
	u->hints_feeds = xstrdup(buf_str(&b));
	buf_clear(&b);
}

/* What differs with several feeds (the feeds screen). */
static const char *const feeds_help[CONFIG_ACTION_COUNT] = {
    [CONFIG_ACTION_OPEN] = "open the post; in the feeds, the feed",
    [CONFIG_ACTION_BACK] = "back to the list, then the feeds; quit",
    [CONFIG_ACTION_MARK_ALL_READ] = "mark all shown posts (a feed's) read",
};

void
ui_help_build(struct ui *u)
{
	const struct config *cfg = u->cfg;
	struct buf keys;
	char name[32];
	size_t i, n = 0;
	int a;

	u->help = xcalloc(CONFIG_ACTION_COUNT + 8, sizeof(*u->help));
	u->help[n++] = xstrdup("Keys");
	u->help[n++] = xstrdup("");
	buf_init(&keys, BUF_NOLIMIT);
	for (a = CONFIG_ACTION_NONE + 1; a < CONFIG_ACTION_COUNT; a++) {
		buf_reset(&keys);
		for (i = 0; i < cfg->nbinds; i++) {
			if ((int)cfg->binds[i].action != a)
				continue;
			if (keys.len > 0)
				buf_addstr(&keys, ", ");
			buf_addstr(&keys,
			    config_key_name(cfg->binds[i].key, name,
			        sizeof(name)));
		}
		if (keys.len == 0)
			continue;
		u->help[n++] = xasprintf("  %-22s %s", buf_str(&keys),
		    u->nfeeds > 1 && feeds_help[a] != NULL ? feeds_help[a]
		        : action_help[a] != NULL
		        ? action_help[a]
		        : config_action_name((enum config_action)a));
	}
	buf_clear(&keys);
	u->help[n++] = xstrdup("");
	u->help[n++] = xstrdup("  digits, then Enter    article: open link N; "
	                       "list: go to post N");
	u->help[n++] = xstrdup("  mouse                 wheel scrolls; click "
	                       "selects; click again opens");
	u->nhelp = n;
}
