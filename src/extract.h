/*
 * extract -- the main content of an article page, and its metadata.
 *
 * Pure: bytes of an HTML page in, a cleaned HTML subtree (the article
 * body, ready for html_render) and the page's metadata out.  The page is
 * parsed with libxml2's HTML parser with the network off and no
 * HTML_PARSE_HUGE, so its depth is bounded; every walk over the tree is
 * iterative.
 *
 * The algorithm is Mozilla Readability's, written anew: scripts, styles
 * and hidden nodes go; nodes whose class or id look like navigation,
 * sidebars, comments, share bars or ads go unless they also look like
 * content; divs without block children become paragraphs; paragraphs
 * are scored by length and commas and the score flows up to their
 * ancestors, weighted by class/id hints and link density; the best
 * candidate (or a better ancestor) is taken with the siblings that
 * belong to it, then cleaned.  When the result is too short, it is tried
 * again with looser rules, and the longest attempt wins.  Known theme
 * containers (WordPress entry-content, tagDiv td-post-content) are
 * preferred when they hold the body.
 */
#ifndef IFPNEWS_EXTRACT_H
#define IFPNEWS_EXTRACT_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"

/* Largest page extract_article() accepts when opts->max_size is 0. */
#define EXTRACT_MAX_SIZE (16u * 1024 * 1024)

/* Options of one extraction; zero-initialize, then set what is known. */
struct extract_opts {
	const char *url;     /* the page's URL, base for its links; or NULL */
	const char *charset; /* charset of the HTTP Content-Type, or NULL */
	size_t max_size;     /* bytes; 0 = EXTRACT_MAX_SIZE */
};

/* What extract_article() found.  Strings are UTF-8, owned by the struct. */
struct extract_result {
	char *html; /* the article: one <div> of cleaned HTML; never NULL */
	size_t text_len; /* characters of text in html */
	char *title;     /* plain text, or NULL */
	char *byline;    /* author(s), plain text, or NULL */
	char *published; /* publication time as the page writes it, or NULL */
	char *site_name; /* plain text, or NULL */
	char *excerpt;   /* plain text, or NULL */
	char *lang;      /* the page's language (<html lang>), or NULL */
	char *base;      /* base URL for the links in html, or NULL */
	char *canonical; /* the page's own URL (rel=canonical), or NULL */
};

/*
 * Find the article in len bytes of an HTML page.  Returns 0 and sets *out
 * (caller frees with extract_result_free), or -1 with *cause set (caller
 * frees): the page is too large, is not HTML, or holds no text at all.
 */
int extract_article(const char *data, size_t len, const struct extract_opts *,
    struct extract_result **out, char **cause);

/* Free a result and everything it holds; NULL is fine. */
void extract_result_free(struct extract_result *);

/*
 * A result as bytes, for the page cache (cache_page_put), and back.
 * Decoding returns 0 and *out (caller frees), or -1 with *cause (caller
 * frees) for bytes that are not an encoded result of this version.
 */
void extract_result_encode(const struct extract_result *, struct buf *out);
int extract_result_decode(const void *data, size_t len,
    struct extract_result **out, char **cause);

/* Feed bodies with less text than this are excerpts (characters). */
#define EXTRACT_EXCERPT_CHARS 600

/*
 * Whether a feed item's body is only an excerpt, so that its web page
 * should be fetched for the full text: html (content:encoded, or the
 * description's HTML) or else the plain summary is missing, holds less
 * than EXTRACT_EXCERPT_CHARS characters of text, or ends as a teaser
 * does ("[...]", "Read more", "Continue reading"; a bare "..." only when
 * the body is a single block), WordPress's "The post ... appeared first
 * on ..." line aside.
 */
bool extract_is_excerpt(const char *html, const char *summary);

/*
 * Whether the plain text s[0..len) is the line WordPress closes a feed
 * item with, "The post TITLE appeared first on SITE.": one line, shorter
 * than 400 bytes.
 */
bool extract_is_wp_footer(const char *s, size_t len);

#endif
