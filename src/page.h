/*
 * page -- "get me the full text of the article at URL": the page cache,
 * else the network, then extraction; and the article the reader sees.
 *
 * Pure part (page_render.c, in libcore.a): the html_doc of an extracted
 * page, alone (--article URL|FILE) or as the body of a feed item whose
 * feed carries only an excerpt (--article N, the pager).
 *
 * Shell part (page.c): reads local files, the page cache
 * ($XDG_CACHE_HOME/ifpnews/pages/) and the network (net.h), with the
 * options of load.h (now, offline, refresh, timeout, size cap, user
 * agent).  A page is fetched once and its extracted article kept in the
 * cache (an article rarely changes; refresh fetches it again).  Two ways to use
 * it, as load.h:
 *   - the command line: page_load(), which blocks;
 *   - the UI's event loop: page_cached() (never the network), then
 *     page_fetch() on the UI's struct net, whose done() runs from
 *     net_poll() with the result.
 */
#ifndef IFPNEWS_PAGE_H
#define IFPNEWS_PAGE_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "extract.h"
#include "feed.h"
#include "html.h"
#include "load.h"
#include "net.h"

/* --- Rendering (pure, page_render.c) --- */

/*
 * The article of a page read on its own: the header from the page's
 * metadata (title, byline, date), link the page's URL (NULL: its
 * canonical URL), the body from its HTML.  Returns a new document (free
 * with html_free).
 */
struct html_doc *page_render(const struct extract_result *page,
    const char *link);

/*
 * The article of a feed item whose full text is page: the header from
 * the item (its title, author, date and categories, the page's where the
 * item has none), the body from the page.  Returns a new document.
 */
struct html_doc *page_render_item(const struct feed_item *item,
    const struct extract_result *page);

/*
 * Whether the item's page should be fetched for the full text: its body
 * is an excerpt (extract_is_excerpt) and it has an http(s) link.
 */
bool page_wanted(const struct feed_item *item);

/* --- Loading (shell, page.c) --- */

/* What one load gave.  Owns every field; page_result_clear frees them. */
struct page_result {
	struct extract_result *page; /* the article, or NULL */
	char *url;       /* where it came from (after redirects), or NULL */
	bool from_cache; /* read from the page cache */
	/*
	 * Why there is no page, as SPEC words it ("HTTP 404 Not Found",
	 * "connection refused", "not an HTML page: application/pdf", "no
	 * article text found", "not in the cache (offline)"), or NULL.
	 */
	char *error;
	char *warning; /* cache trouble to report once, or NULL */
};

void page_result_clear(struct page_result *);

/*
 * Blocking: the article at url, which is an http(s) URL (the cache, else
 * the network, on net; net NULL makes one), or a local file or file://
 * URL (read and extracted, never cached).  Returns 0 with res->page set,
 * or -1 with res->error set.  res is filled in either case; the caller
 * clears it.
 */
int page_load(struct net *net, const char *url, const struct load_opts *,
    struct page_result *res);

/*
 * Non-blocking: the cached article of url.  Returns 0 with res->page, or
 * -1 with res->error ("not in the cache").
 */
int page_cached(const char *url, const struct load_opts *,
    struct page_result *res);

struct page_job;

/*
 * Fetch url in the background on net, extract it and cache it; done()
 * runs from net_poll() with the result, which it owns
 * (page_result_clear).  Returns the job (owned by net until done() runs),
 * or NULL with *cause set (caller frees) when url is not http(s) or
 * opts->offline.
 */
struct page_job *page_fetch(struct net *, const char *url,
    const struct load_opts *, void (*done)(struct page_result *res, void *arg),
    void *arg, char **cause);
/* Abort a fetch; its done() is not called and the cache is untouched. */
void page_cancel(struct page_job *);

#endif
