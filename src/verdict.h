/*
 * verdict -- one line that tells the user what a feed is, or what went
 * wrong with it and what to try (SPEC "--check URL": "HTML page, not a
 * feed -- a bot check?").  --check prints it last; the reader's header
 * shows it for a failed refresh, so both say the same.
 *
 * Pure.  Failures come worded as net.h and load.h word them ("HTTP 403
 * Forbidden", "could not resolve host example.org", "not a feed: HTML
 * page"); what is known to have a likely cause gets it added.
 */
#ifndef IFPNEWS_VERDICT_H
#define IFPNEWS_VERDICT_H

#include <stdbool.h>

#include "feed.h"

/*
 * What feed is: "RSS 2.0, 12 posts", "Atom 1.0, 1 post", "RSS 1.0, 3
 * posts" (RDF), "RSS, 3 posts" (no version declared).  Returns a new
 * string (caller frees).
 */
char *verdict_feed(const struct feed *feed);

/*
 * The diagnosis of a failed fetch or parse whose reason is error: "HTTP
 * 403 Forbidden — the site refuses this client; try another user-agent",
 * "DNS lookup failed for example.org", "HTML page, not a feed — a bot
 * check or a login page?" (also whatever error says when html: the body
 * was an HTML page); error itself when there is nothing to add.  Returns
 * a new string (caller frees).
 */
char *verdict_error(const char *error, bool html);

#endif
