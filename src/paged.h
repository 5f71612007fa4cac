/*
 * paged -- the older pages of a WordPress feed (SPEC "Reading flow").
 *
 * Pure.  A WordPress feed carries only its latest posts (10 by default,
 * "Syndication feeds show the most recent"); the same feed URL with
 * ?paged=2, ?paged=3 ... gives the posts before them, until the site
 * answers 404 (or, past the end, an empty channel).  Other feeds simply
 * end.
 *
 * Which feeds are paged: RSS 2.0 feeds whose posts carry WordPress's
 * guid, the post's shortlink "https://site/?p=123".  WordPress writes it
 * when the post is created, whatever the permalinks, so it survives a
 * theme or a plugin that hides the <generator>, and our cache, which
 * keeps ids but not the generator.  Atom and RSS 1.0 feeds, and RSS
 * feeds with other guids, are never paged: no request is made for them.
 * For a paged feed the reader stops at the first 4xx answer, an empty
 * page, or a page that adds no post it does not already have (a server
 * that ignored ?paged and sent its first page again).
 */
#ifndef IFPNEWS_PAGED_H
#define IFPNEWS_PAGED_H

#include <stdbool.h>

#include "feed.h"

/*
 * Whether feed looks like a WordPress feed that has older pages: RSS,
 * with at least half of its posts' ids WordPress guids (?p=N).
 */
bool paged_applies(const struct feed *feed);

/*
 * The URL of page page (>= 2) of the feed at url: its query gets
 * paged=page (replacing a paged= it had), before any #fragment.  Page 1
 * or less is url without paged=.  Returns a new string (caller frees).
 */
char *paged_url(const char *url, unsigned long page);

#endif
