/*
 * ui_fulltext -- the full text of posts whose feed carries only an
 * excerpt: the page cache at once, else the web page in the background.
 *
 * Opening such a post shows the excerpt with "fetching full text..." in
 * the status line and fetches the post's page on the reader's struct net
 * (page.h: fetched, extracted, cached); when it arrives and the post is
 * still open, the full text takes the excerpt's place.  A page that
 * cannot be had leaves the excerpt and says why.  F does it for any
 * post, fetching again.  While the user reads, the next post's page is
 * fetched too, so that n opens it at once.
 */
#include "ui.h"

#include <stdlib.h>
#include <string.h>

#include "article.h"
#include "page.h"
#include "uri.h"
#include "util.h"

/* The post after the open one in the list, or NULL. */
static const struct view_post *
next_post(const struct ui *u)
{
	const struct view *v = u->view;
	size_t i;

	if (!v->have_open)
		return NULL;
	for (i = 0; i + 1 < v->nvis; i++)
		if (v->vis[i] == v->open)
			return view_visible(v, i + 1);
	return NULL;
}

static bool
is_open(const struct ui *u, const char *key)
{
	const struct view_post *p = view_opened(u->view);

	return p != NULL && key != NULL &&
	    strcmp(view_post_key(p->item), key) == 0;
}

static void prefetch(struct ui *);

static void
prefetch_done(struct page_result *res, void *arg)
{
	struct ui *u = arg;

	/* Cached by now; nothing to show, and failures wait for a visit. */
	u->prefetch_job = NULL;
	page_result_clear(res);
	prefetch(u);
}

/* Fetch the next post's page in the background, once the open one is in. */
static void
prefetch(struct ui *u)
{
	const struct view_post *q;
	struct page_result res;
	struct load_opts lo;
	char *cause = NULL;

	if (u->net == NULL || u->prefetch_job != NULL || u->page_job != NULL)
		return;
	q = next_post(u);
	if (q == NULL || !page_wanted(q->item))
		return;
	lo = u->opts->load;
	lo.now = ui_now(u);
	lo.refresh = false;
	if (page_cached(q->item->link, &lo, &res) == 0) {
		page_result_clear(&res);
		return;
	}
	page_result_clear(&res);
	u->prefetch_job =
	    page_fetch(u->net, q->item->link, &lo, prefetch_done, u, &cause);
	free(cause);
}

static void
fetch_done(struct page_result *res, void *arg)
{
	struct ui *u = arg;
	const struct view_post *p = view_opened(u->view);
	bool open = is_open(u, u->page_key);

	u->page_job = NULL;
	free(u->page_key);
	u->page_key = NULL;
	if (res->warning != NULL)
		ui_message(u, true, "%s", res->warning);
	if (open && res->page != NULL) {
		ui_set_article(u, page_render_item(p->item, res->page));
		ui_message(u, false, "full text of %s", res->url);
	} else if (open) {
		ui_message(u, true, "full text: %s (showing the excerpt)",
		    res->error);
	}
	page_result_clear(res);
	prefetch(u);
}

void
ui_fulltext(struct ui *u, bool force)
{
	const struct view_post *p = view_opened(u->view);
	struct page_result res;
	struct load_opts lo;
	const char *key;
	char *cause = NULL;

	if (p == NULL)
		return;
	if (!force && !page_wanted(p->item)) {
		prefetch(u);
		return;
	}
	if (p->item->link == NULL || !uri_is_http(p->item->link)) {
		if (force)
			ui_message(u, true, "this post has no web page");
		return;
	}
	key = view_post_key(p->item);
	if (!force && u->page_job != NULL && is_open(u, u->page_key))
		return; /* on its way */
	lo = u->opts->load;
	lo.now = ui_now(u);
	lo.refresh = force;
	if (!force && page_cached(p->item->link, &lo, &res) == 0) {
		ui_set_article(u, page_render_item(p->item, res.page));
		page_result_clear(&res);
		prefetch(u);
		return;
	}
	if (!force)
		page_result_clear(&res);
	if (u->net == NULL) {
		ui_message(u, true, "full text: not in the cache (offline)");
		return;
	}
	page_cancel(u->page_job);
	u->page_job = NULL;
	free(u->page_key);
	u->page_key = NULL;
	u->page_job =
	    page_fetch(u->net, p->item->link, &lo, fetch_done, u, &cause);
	if (u->page_job == NULL) {
		ui_message(u, true, "full text: %s", cause);
		free(cause);
		return;
	}
	u->page_key = xstrdup(key);
	ui_message(u, false, "fetching full text\xe2\x80\xa6");
}

void
ui_fulltext_cancel(struct ui *u)
{
	page_cancel(u->page_job);
	page_cancel(u->prefetch_job);
	u->page_job = u->prefetch_job = NULL;
	free(u->page_key);
	u->page_key = NULL;
}
