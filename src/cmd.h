/*
 * cmd -- the non-interactive commands main.c dispatches to.
 *
 * Shells: each runs one command to the end, prints on stdout/stderr and
 * returns the exit status (0 ok, 1 fetch or parse error, 2 usage).
 */
#ifndef IFPNEWS_CMD_H
#define IFPNEWS_CMD_H

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

#endif
