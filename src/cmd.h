/*
 * cmd -- the non-interactive commands main.c dispatches to.
 *
 * Shells: each runs one command to the end, prints on stdout/stderr and
 * returns the exit status (0 ok, 1 fetch or parse error, 2 usage).
 */
#ifndef IFPNEWS_CMD_H
#define IFPNEWS_CMD_H

#include <stddef.h>

#include "cmd_list.h"
#include "html.h"
#include "load.h"

/*
 * --check URL: fetch url once, without the cache, and report the
 * request, every response of the redirect chain with its headers, the
 * content type, the body size, the parse result ("HTML page, not a feed
 * -- a bot check?") and the timings.  0 when the feed is fine, else 1.
 */
int cmd_check(const char *url, const struct load_opts *);

/*
 * --article URL|FILE: the article of any web page (the page cache, else
 * fetched) or of a local HTML file, extracted, rendered as the pager
 * shows it at width columns (0: the terminal's, else 80) and printed.
 * 0, or 1 when the page cannot be had or holds no article.
 */
int cmd_article_url(const char *arg, const struct load_opts *, long width);

/*
 * --article N: post N of urls[0..n) as --list numbers them (1 = newest),
 * rendered as the pager shows it at cmd_article_width() columns and
 * printed.  A post whose feed has only an excerpt gets its page's full
 * text (page.h); when the page cannot be had, the error is reported and
 * the excerpt printed.  0; 1 when a feed or the page failed, or there is
 * no post N; 2 when arg is not a number.
 */
int cmd_article(const char *arg, char *const *urls, size_t n,
    const struct list_opts *, long width);

/*
 * The width --article wraps at: an explicit --width as given; else the
 * terminal's when stdout is one, else 80, in both cases at most max
 * columns (the config's max-width, which caps the pager too; 0 =
 * ARTICLE_MAX_WIDTH).
 */
size_t cmd_article_width(long width, int max);

/*
 * Print doc's lines at cmd_article_width(width, max) columns on stdout.
 * 0, or -1 when stdout fails (reported).
 */
int cmd_article_print(const struct html_doc *doc, long width, int max);

/* Print "ifpnews: WHAT: why" on stderr, what on one line, both sanitized. */
void cmd_report(const char *what, const char *why);

#endif
