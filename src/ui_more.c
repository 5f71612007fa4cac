/*
 * ui_more -- older posts on demand (SPEC "Reading flow"): the next page of
 * a WordPress feed (paged.h), loaded in the background when the selection
 * reaches the end of the list or on the m key, and merged into the list
 * without moving the selection.
 *
 * Each page is a feed URL of its own (FEED?paged=N), with its own cache
 * entry and validators: page 1's copy, ETag and Last-Modified are never
 * touched.  A page the cache holds fresh is taken from there with no
 * request (offline: any copy it holds); otherwise load_refresh() fetches
 * it, conditionally when the cache has an older copy.  The pages stay in
 * memory for the session.  Loading stops, for the session, at a 4xx
 * answer, a body that is no feed, or a page that adds no post the list
 * does not have already (an empty page, or a site that ignored ?paged
 * and sent its first page again).  Other errors can be retried with m.
 */
#include "ui.h"

#include <stdlib.h>
#include <string.h>

#include "paged.h"
#include "util.h"

bool
ui_loading_more(const struct ui *u)
{
	size_t i;

	for (i = 0; i < u->nfeeds; i++)
		if (u->feeds[i].more != NULL)
			return true;
	return false;
}

void
ui_more_free(struct ui_feed *f)
{
	size_t i;

	if (f->more != NULL)
		load_cancel(f->more);
	f->more = NULL;
	for (i = 0; i < f->nolder; i++)
		feed_free(f->older[i]);
	free(f->older);
	f->older = NULL;
	f->nolder = 0;
	free(f->more_url);
	f->more_url = NULL;
}

/*
 * The row after the last post says where older posts stand: being
 * loaded, or none to come once the end was reached (every feed ended,
 * or not paged).  Nothing while a failed page can be tried again.
 */
static void
set_tail(struct ui *u)
{
	const char *tail = NULL;
	bool ended = u->more_tried;
	size_t i;

	for (i = 0; i < u->nfeeds; i++) {
		const struct ui_feed *f = &u->feeds[i];

		if (f->more != NULL)
			tail = "loading older posts…";
		else if (!f->more_end && !load_is_local(f->url) &&
		    paged_applies(f->res.feed))
			ended = false;
	}
	if (tail == NULL && ended)
		tail = "no older posts";
	view_set_tail(u->view, tail);
	u->dirty |= UI_DIRTY_LIST;
}

/* How many posts of feed the list has not got yet. */
static size_t
count_new(const struct ui *u, const struct feed *feed)
{
	size_t i, n = 0;

	for (i = 0; i < feed->nitems; i++)
		n += view_find_key(u->view, view_post_key(&feed->items[i])) ==
		    SIZE_MAX;
	return n;
}

/* The next page of f came (res->feed): merge it, or learn it is the end. */
static void
add_page(struct ui *u, struct ui_feed *f, struct load_result *res)
{
	size_t n = res->feed != NULL ? count_new(u, res->feed) : 0;

	if (n == 0) {
		f->more_end = true;
		ui_message(u, false, "no older posts");
		return;
	}
	f->older = xreallocarray(f->older, f->nolder + 1, sizeof(*f->older));
	f->older[f->nolder++] = res->feed;
	res->feed = NULL;
	/* The selection stays on its post (view_set_feeds). */
	ui_set_feeds(u, u->view->since);
	ui_message(u, false, "%zu older post%s (page %zu)", n,
	    n == 1 ? "" : "s", f->nolder + 1);
}

/* Whether a page's error means that there are no more pages. */
static bool
ended(const char *error)
{
	return strncmp(error, "HTTP 4", 6) == 0 ||
	    strncmp(error, "not a feed", 10) == 0 ||
	    strncmp(error, "empty document", 14) == 0;
}

static void
more_opts(const struct ui *u, struct load_opts *lo)
{
	*lo = u->opts->load;
	lo->now = ui_now(u);
}

static void
more_done(struct load_result *res, void *arg)
{
	struct ui_feed *f = arg;
	struct ui *u = f->ui;
	struct load_opts lo;

	f->more = NULL;
	u->dirty |= UI_DIRTY_HEADER;
	u->idle_work = true; /* page fetches waited for this */
	if (res->warning != NULL)
		ui_message(u, true, "%s", res->warning);
	if (res->not_modified) {
		/* The copy of that page in the cache is current. */
		load_result_clear(res);
		more_opts(u, &lo);
		load_cached(f->more_url, &lo, res);
	}
	if (res->feed != NULL)
		add_page(u, f, res);
	else if (res->error != NULL && ended(res->error)) {
		f->more_end = true;
		ui_message(u, false, "no older posts (%s)", res->error);
	} else
		ui_message(u, true, "older posts: %s",
		    res->error != NULL ? res->error : "failed");
	load_result_clear(res);
	set_tail(u);
}

void
ui_more(struct ui *u, bool asked)
{
	struct load_opts lo;
	struct load_result res;
	size_t i, started = 0, running = 0, paged = 0;
	const char *why = NULL;
	char *cause = NULL;

	more_opts(u, &lo);
	for (i = 0; i < u->nfeeds; i++) {
		struct ui_feed *f = &u->feeds[i];

		/* The feeds of the list shown only. */
		if (!ui_entry_has(u, u->shown, i) || load_is_local(f->url) ||
		    !paged_applies(f->res.feed))
			continue;
		paged++;
		if (f->more != NULL) {
			running++;
			continue;
		}
		if (f->more_end)
			continue;
		free(f->more_url);
		f->more_url = paged_url(f->url, f->nolder + 2);
		if (load_cached(f->more_url, &lo, &res) == 0 &&
		    (!res.stale || lo.offline)) {
			add_page(u, f, &res);
			load_result_clear(&res);
			started++;
			continue;
		}
		load_result_clear(&res);
		if (lo.offline || u->net == NULL) {
			why = lo.offline
			    ? "offline: no older posts in the cache"
			    : "older posts: no network";
			continue;
		}
		f->more = load_refresh(u->net, f->more_url, &lo, more_done, f,
		    &cause);
		if (f->more == NULL) {
			ui_message(u, true, "older posts: %s", cause);
			free(cause);
			cause = NULL;
			continue;
		}
		started++;
	}
	u->more_tried = true;
	set_tail(u);
	u->dirty |= UI_DIRTY_HEADER;
	if (!asked || started > 0)
		return;
	if (why != NULL)
		ui_message(u, true, "%s", why);
	else if (running > 0)
		ui_message(u, false, "already loading older posts");
	else if (paged == 0)
		ui_message(u, false, "no older posts: not a paged feed");
	else
		ui_message(u, false, "no older posts");
}
