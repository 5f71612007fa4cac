/*
 * article -- the whole article as the reader sees it: a header (title,
 * byline, the post's link), the body, and the numbered list of links.
 *
 * Pure.  article_render() composes an html_doc, so the pager (wrap_lines
 * at the pane's width, at most ARTICLE_MAX_WIDTH) and --article N
 * (wrap_lines at --width) show the very same lines:
 *
 *     TITLE                                  one block, may wrap
 *     AUTHOR · DATE · CATEGORY, CATEGORY     the byline; parts that are
 *                                            unknown are left out, a
 *                                            missing byline is no line
 *     https://example.com/the-post/          the post's link, if any
 *                                            (blank)
 *     BODY ...
 *                                            (blank)
 *     Links:                                 only when the body has links
 *     [1] https://...                        hanging indent: a long URL
 *     [2] https://...                        continues under its start
 *
 * The header never holds a blank line (a missing title reads
 * "(untitled)"), and "Links:" is a line of its own: tools split the
 * output there (the first blank line ends the header).  DATE is
 * "Nov 30, 2024 11:48 UTC" (no time zone but UTC in the core).
 */
#ifndef IFPNEWS_ARTICLE_H
#define IFPNEWS_ARTICLE_H

#include <stddef.h>
#include <time.h>

#include "feed.h"
#include "html.h"

/* The byline's date and time: "Nov 30, 2024 11:48 UTC" (date_format). */
#define ARTICLE_DATE_FORMAT "%b %-d, %Y"
#define ARTICLE_TIME_FORMAT "%H:%M UTC"

/*
 * The pager's widest body (columns), for readability (SPEC "Article
 * pane": at most ~100 columns).  It caps the width a terminal offers; an
 * explicit --width is taken as given.
 */
#define ARTICLE_MAX_WIDTH 100

/* The header fields, all borrowed; any may be NULL / 0 / DATE_NONE. */
struct article_meta {
	const char *title;       /* plain text */
	const char *author;      /* plain text */
	time_t published;        /* DATE_NONE when unknown */
	char *const *categories; /* plain text, ncategories of them */
	size_t ncategories;
	const char *link; /* the post's absolute URL */
};

/* Fill meta from a feed item (borrowing its strings). */
void article_meta_from_item(struct article_meta *meta,
    const struct feed_item *item);

/*
 * The article: header from meta (sanitized as one-line fields), then the
 * blocks of body, then "Links:" and body's links.  The footer WordPress
 * (Yoast) appends to feed bodies, a last paragraph "The post TITLE
 * appeared first on SITE.", is left out, and so are the links only it
 * held.  body is only read (it may be freed afterwards); NULL is an empty
 * body.  Returns a new document whose links are body's, with the same
 * numbers (free with html_free).
 */
struct html_doc *article_render(const struct article_meta *meta,
    const struct html_doc *body);

/*
 * The article of a feed item: article_render() of its meta and of its
 * body, which is its HTML (article_item_html) rendered, else its plain
 * summary, else nothing.  Returns a new document (free with html_free).
 */
struct html_doc *article_render_item(const struct feed_item *item);

/*
 * The body HTML of a feed item (its content_html; NULL when it has none)
 * and the base for its links (item->base, else item->link).  Borrowed.
 * The seam for pages fetched when the feed only carries an excerpt
 * (extract.h): the caller renders whichever HTML it has.
 */
const char *article_item_html(const struct feed_item *item, const char **base);

#endif
