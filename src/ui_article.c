/*
 * ui_article -- the open article, its full text, and the posts prepared
 * ahead of the reader.
 *
 * A post whose feed carries the whole text is rendered from the feed.  A
 * post whose feed has only an excerpt (page_wanted, page.h) shows its web
 * page's full text from the page cache; when the cache has not got it,
 * the excerpt shows at once with "fetching full text…" and the page is
 * fetched on the reader's struct net (the loop that runs the feeds, so a
 * key never waits), extracted and cached by page.c, then swapped in with
 * the same text on top.  A failure keeps the excerpt and says why on the
 * status line; F tries again, and fetches the page of any post.
 *
 * While the user is idle the next posts are made ready (SPEC "Opening a
 * post is instant"), a step at a time from the event loop when no key is
 * waiting: render a feed body, read a page from the cache, or start one
 * page fetch -- one at a time, none while a feed is being fetched, only
 * on the site of the feeds (same_site), and at most the config's
 * prefetch a minute.
 * The prepared articles wait in a small table; opening a post takes its
 * article from there, and the article left goes back to it (n, p and
 * back again cost nothing).
 */
#include "ui.h"

#include <stdlib.h>
#include <string.h>

#include "article.h"
#include "uri.h"
#include "util.h"

/* --- The table --- */

static struct ui_prep *
prep_find(struct ui *u, const char *key)
{
	size_t i;

	if (key == NULL)
		return NULL;
	for (i = 0; i < UI_PREP_MAX; i++)
		if (u->prep[i].key != NULL &&
		    strcmp(u->prep[i].key, key) == 0) {
			u->prep[i].used = ++u->prep_clock;
			return &u->prep[i];
		}
	return NULL;
}

/* Empty a slot that has no fetch in flight. */
static void
prep_clear(struct ui_prep *e)
{
	free(e->key);
	html_free(e->doc);
	free(e->error);
	e->key = NULL;
	e->doc = NULL;
	e->error = NULL;
	e->full = e->uncached = false;
	e->used = 0;
}

/*
 * The slot of key, made when missing in a free slot or else in the least
 * recently used one without a fetch.  NULL when every slot has a fetch
 * in flight (the user opened that many posts while their pages came).
 */
static struct ui_prep *
prep_get(struct ui *u, const char *key)
{
	struct ui_prep *e = prep_find(u, key), *lru = NULL;
	size_t i;

	if (e != NULL)
		return e;
	for (i = 0; i < UI_PREP_MAX; i++) {
		e = &u->prep[i];
		if (e->job != NULL)
			continue;
		if (e->key == NULL) {
			lru = e;
			break;
		}
		if (lru == NULL || e->used < lru->used)
			lru = e;
	}
	if (lru == NULL)
		return NULL;
	prep_clear(lru);
	lru->key = xstrdup(key);
	lru->used = ++u->prep_clock;
	return lru;
}

/* Keep doc (taken) as key's prepared article. */
static void
prep_put(struct ui *u, const char *key, struct html_doc *doc, bool full)
{
	struct ui_prep *e = prep_get(u, key);

	if (e == NULL) {
		html_free(doc);
		return;
	}
	html_free(e->doc);
	e->doc = doc;
	e->full = full;
}

void
ui_prep_forget(struct ui *u)
{
	size_t i;

	for (i = 0; i < UI_PREP_MAX; i++) {
		struct ui_prep *e = &u->prep[i];

		if (e->job == NULL) {
			prep_clear(e);
			continue;
		}
		html_free(e->doc);
		e->doc = NULL;
	}
}

void
ui_prep_free(struct ui *u)
{
	size_t i;

	for (i = 0; i < UI_PREP_MAX; i++) {
		if (u->prep[i].job != NULL)
			page_cancel(u->prep[i].job);
		u->prep[i].job = NULL;
		prep_clear(&u->prep[i]);
	}
}

bool
ui_fetching_full(const struct ui *u)
{
	size_t i;

	if (u->doc_key == NULL)
		return false;
	for (i = 0; i < UI_PREP_MAX; i++)
		if (u->prep[i].job != NULL &&
		    strcmp(u->prep[i].key, u->doc_key) == 0)
			return true;
	return false;
}

/* Whether a fetch that comes first is running: a feed, or a page. */
static bool
busy(const struct ui *u)
{
	size_t i;

	for (i = 0; i < u->nfeeds; i++)
		if (u->feeds[i].job != NULL || u->feeds[i].more != NULL)
			return true;
	for (i = 0; i < UI_PREP_MAX; i++)
		if (u->prep[i].job != NULL)
			return true;
	return false;
}

/*
 * Whether link is on the site of one of the feeds (its host and port).
 * Only those pages are fetched ahead: a feed could list links to any
 * host, say a router on the local network, and a page the user did not
 * open must not be asked for there.  Opening a post fetches its page
 * wherever it is, as a browser would.
 */
static bool
same_site(const struct ui *u, const char *link)
{
	size_t i;

	for (i = 0; i < u->nfeeds; i++)
		if (uri_same_host(link, u->feeds[i].url))
			return true;
	return false;
}

/*
 * Make sure it has its body: the feed's first page is loaded without the
 * posts' bodies (a start reads the list only), and one is read from the
 * cache when its post is about to be shown or prepared.
 */
static void
item_body(struct ui *u, const struct feed_item *it)
{
	struct load_result *res;
	char *cause = NULL;
	size_t i;

	for (i = 0; i < u->nfeeds; i++) {
		res = &u->feeds[i].res;
		if (res->feed == NULL || it < res->feed->items ||
		    it >= res->feed->items + res->feed->nitems)
			continue;
		if (load_body(res, (size_t)(it - res->feed->items), &cause) ==
		    -1) {
			ui_message(u, true, "%s", cause);
			free(cause);
		}
		return;
	}
}

/* --- Laying the article out --- */

static size_t
article_width(const struct ui *u)
{
	size_t w = (size_t)u->geom.article.w, max;

	max = u->cfg->max_width > 0 ? (size_t)u->cfg->max_width
	                            : ARTICLE_MAX_WIDTH;
	if (w > 4)
		w -= 2; /* a margin each side */
	return w > max ? max : w;
}

/* Wrap u->doc; keep: put the text at (block, pos) on top. */
static void
lay_out(struct ui *u, bool keep, size_t block, size_t pos)
{
	size_t width = article_width(u), top = 0, i;

	wrap_free(u->wrap);
	u->wrap = wrap_lines(u->doc, width);
	u->wrap_width = width;
	if (keep)
		top = wrap_find(u->wrap, block, pos);
	free(u->texts);
	u->texts =
	    xcalloc(u->wrap->nlines ? u->wrap->nlines : 1, sizeof(*u->texts));
	for (i = 0; i < u->wrap->nlines; i++)
		u->texts[i] = u->wrap->lines[i].text;
	view_set_article(u->view, u->wrap->nlines, top);
	view_find_again(u->view, u->texts, u->wrap->nlines);
	u->dirty |= UI_DIRTY_ARTICLE | UI_DIRTY_STATUS;
}

/* Where the top line of the article shown comes from; false: none. */
static bool
top_of(const struct ui *u, size_t *block, size_t *pos)
{
	if (u->wrap == NULL || u->view->ptop >= u->wrap->nlines)
		return false;
	*block = u->wrap->lines[u->view->ptop].block;
	*pos = u->wrap->lines[u->view->ptop].pos;
	return true;
}

void
ui_rewrap(struct ui *u, bool keep)
{
	size_t block = 0, pos = 0;

	if (u->doc == NULL)
		return;
	if (keep && u->wrap != NULL && u->wrap_width == article_width(u))
		return;
	if (keep)
		top_of(u, &block, &pos);
	lay_out(u, keep, block, pos);
}

/*
 * Show doc (taken) as the open article.  keep: the same text stays on top
 * (the full text replacing the excerpt it begins with); else the top.
 */
static void
set_doc(struct ui *u, struct html_doc *doc, bool full, bool excerpt, bool keep)
{
	size_t block = 0, pos = 0;

	keep = keep && top_of(u, &block, &pos);
	html_free(u->doc);
	u->doc = doc;
	u->doc_full = full;
	u->doc_excerpt = excerpt;
	lay_out(u, keep, block, pos);
}

/* --- Pages --- */

static void
page_opts(const struct ui *u, struct load_opts *lo)
{
	*lo = u->opts->load;
	lo->now = ui_now(u);
}

/* The article of it with its page's text from the page cache, or NULL. */
static struct html_doc *
cached_page(struct ui *u, const struct feed_item *it)
{
	struct load_opts lo;
	struct page_result pr;
	struct html_doc *doc = NULL;

	if (it->link == NULL || !uri_is_http(it->link))
		return NULL;
	page_opts(u, &lo);
	if (page_cached(it->link, &lo, &pr) == 0)
		doc = page_render_item(it, pr.page);
	if (pr.warning != NULL)
		ui_message(u, true, "%s", pr.warning);
	page_result_clear(&pr);
	return doc;
}

static void page_done(struct page_result *res, void *arg);

/*
 * Start fetching link for slot e.  shown: for the article on screen, so
 * say why when it cannot start.  Returns whether it started.
 */
static bool
start_fetch(struct ui *u, struct ui_prep *e, const char *link, bool shown)
{
	struct load_opts lo;
	char *cause = NULL;

	if (u->opts->load.offline || u->net == NULL) {
		if (shown)
			ui_message(u, true, "full text: %s",
			    u->net == NULL && !u->opts->load.offline
			        ? "no network"
			        : "not in the cache (offline)");
		return false;
	}
	page_opts(u, &lo);
	e->job = page_fetch(u->net, link, &lo, page_done, e, &cause);
	if (e->job == NULL) {
		if (shown)
			ui_message(u, true, "full text: %s", cause);
		free(e->error);
		e->error = cause;
		return false;
	}
	free(e->error);
	e->error = NULL;
	u->dirty |= UI_DIRTY_STATUS;
	return true;
}

/* A page fetch ended: swap the full text in, or keep it for later. */
static void
page_done(struct page_result *res, void *arg)
{
	struct ui_prep *e = arg;
	struct ui *u = e->ui;
	struct html_doc *doc;
	bool open = u->doc_key != NULL && strcmp(u->doc_key, e->key) == 0;
	size_t i;

	e->job = NULL;
	u->idle_work = true;
	u->dirty |= UI_DIRTY_STATUS;
	if (res->warning != NULL)
		ui_message(u, true, "%s", res->warning);
	if (res->page == NULL) {
		free(e->error);
		e->error = xstrdup(res->error != NULL ? res->error : "failed");
		/* Fetched ahead: nobody is waiting; opening the post tells. */
		if (open)
			ui_message(u, true, "full text: %s%s", e->error,
			    u->doc_full ? " (the copy shown is the cached one)"
			        : u->doc_excerpt
			        ? " (the excerpt is shown; F tries again)"
			        : "");
		goto out;
	}
	e->uncached = false;
	i = view_find_key(u->view, e->key);
	if (i == SIZE_MAX)
		goto out; /* gone from the list: the page stays cached */
	doc = page_render_item(u->view->posts[i].item, res->page);
	if (open)
		set_doc(u, doc, true, false, true);
	else
		prep_put(u, e->key, doc, true);
out:
	page_result_clear(res);
}

/* --- Opening --- */

/* The article shown so far goes back to the table, unless an excerpt. */
static void
stash(struct ui *u)
{
	if (u->doc != NULL && u->doc_key != NULL && !u->doc_excerpt)
		prep_put(u, u->doc_key, u->doc, u->doc_full);
	else
		html_free(u->doc);
	u->doc = NULL;
	free(u->doc_key);
	u->doc_key = NULL;
}

void
ui_close_article(struct ui *u)
{
	stash(u);
	wrap_free(u->wrap);
	u->wrap = NULL;
	free(u->texts);
	u->texts = NULL;
	u->doc_full = u->doc_excerpt = false;
	u->dirty = UI_DIRTY_ALL;
}

void
ui_show_article(struct ui *u, bool force)
{
	const struct view_post *p = view_opened(u->view);
	const struct feed_item *it;
	struct html_doc *doc = NULL;
	struct ui_prep *e;
	bool wanted, full = false;

	if (p == NULL)
		return;
	it = p->item;
	item_body(u, it);
	ui_record_read(u, p);
	wanted = force || page_wanted(it);
	e = prep_find(u, view_post_key(it));
	if (e != NULL && e->doc != NULL && (e->full || !wanted)) {
		doc = e->doc;
		full = e->full;
		e->doc = NULL;
	}
	stash(u);
	u->doc_key = xstrdup(view_post_key(it));
	u->dirty = UI_DIRTY_ALL;
	if (doc == NULL && wanted) {
		doc = cached_page(u, it);
		full = doc != NULL;
	}
	if (doc != NULL || !wanted) {
		set_doc(u, doc != NULL ? doc : article_render_item(it), full,
		    false, false);
		return;
	}
	/* The excerpt now; the full text when its page comes. */
	set_doc(u, article_render_item(it), false, true, false);
	if (it->link == NULL || !uri_is_http(it->link)) {
		ui_message(u, true, "full text: the post has no web page");
		return;
	}
	e = prep_get(u, u->doc_key);
	if (e == NULL) {
		/* UI_PREP_MAX pages on their way, all opened by the user. */
		ui_message(u, true, "full text: too many pages being fetched");
		return;
	}
	if (e->job != NULL)
		return; /* fetched ahead already: it swaps in when done */
	if (e->error != NULL && !force) {
		ui_message(u, true, "full text: %s (F tries again)", e->error);
		return;
	}
	start_fetch(u, e, it->link, true);
}

void
ui_fetch_full(struct ui *u)
{
	struct view *v = u->view;
	const struct view_post *p = view_opened(v);
	struct html_doc *doc;
	struct ui_prep *e;

	if (v->mode != VIEW_MODE_ARTICLE || p == NULL || u->doc_key == NULL) {
		/* From the list: open the selected post, with its page. */
		if (view_open(v) != NULL)
			ui_show_article(u, true);
		return;
	}
	if (p->item->link == NULL || !uri_is_http(p->item->link)) {
		ui_message(u, true, "full text: the post has no web page");
		return;
	}
	e = prep_get(u, u->doc_key);
	if (e == NULL)
		return;
	if (e->job != NULL) {
		ui_message(u, false, "already fetching the full text");
		return;
	}
	if (!u->doc_full) {
		doc = cached_page(u, p->item);
		if (doc != NULL) {
			set_doc(u, doc, true, false, true);
			return;
		}
	}
	/* The page shown already: fetch it anew (it may have changed). */
	start_fetch(u, e, p->item->link, true);
}

/* --- Preparing ahead --- */

/*
 * Whether one more page may be fetched ahead now: fewer than the
 * config's prefetch started in the last minute.  When not, ahead_due
 * says when (the loop wakes then).
 */
static bool
ahead_allowed(struct ui *u)
{
	int n = u->cfg->prefetch;
	time_t now = ui_now(u), t;

	if (n <= 0)
		return false;
	if (n > UI_AHEAD_MAX)
		n = UI_AHEAD_MAX;
	/* The nth start back, if any, must be a minute old. */
	t = u->ahead[(u->ahead_pos + UI_AHEAD_MAX - (size_t)n) % UI_AHEAD_MAX];
	if (t != 0 && now - t < 60) {
		u->ahead_due = t + 60;
		return false;
	}
	return true;
}

static void
ahead_started(struct ui *u)
{
	u->ahead[u->ahead_pos] = ui_now(u);
	u->ahead_pos = (u->ahead_pos + 1) % UI_AHEAD_MAX;
}

bool
ui_idle(struct ui *u)
{
	size_t idx[UI_PREP_AHEAD], n, i;
	bool can_fetch = !u->opts->load.offline && u->net != NULL && !busy(u);
	struct html_doc *doc;

	n = view_ahead(u->view, UI_PREP_AHEAD, idx);
	for (i = 0; i < n; i++) {
		const struct feed_item *it = u->view->posts[idx[i]].item;
		const char *key = view_post_key(it);
		struct ui_prep *e = prep_find(u, key);

		if (e != NULL &&
		    (e->doc != NULL || e->job != NULL || e->error != NULL))
			continue;
		if (u->doc_key != NULL && strcmp(key, u->doc_key) == 0)
			continue; /* on screen */
		item_body(u, it);
		if (!page_wanted(it)) {
			prep_put(u, key, article_render_item(it), false);
			return true;
		}
		if (e == NULL || !e->uncached) {
			doc = cached_page(u, it);
			if (doc != NULL) {
				prep_put(u, key, doc, true);
				return true;
			}
			e = prep_get(u, key);
			if (e != NULL)
				e->uncached = true;
			return true;
		}
		if (!can_fetch || !same_site(u, it->link) || !ahead_allowed(u))
			continue;
		if (start_fetch(u, e, it->link, false))
			ahead_started(u);
		return true;
	}
	return false;
}
