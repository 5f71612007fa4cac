/*
 * extract_int -- what the files of the extract module share: tree and
 * text helpers over libxml2's HTML tree (extract_dom.c) and the page's
 * metadata (extract_meta.c).  Not for use outside extract*.c.
 *
 * Pure.  Text lengths count as a browser's textContent.length would
 * after Readability's normalization (trimmed, runs of white space made
 * one space, in UTF-16 units), so that the thresholds keep the meaning
 * they have in Readability.
 */
#ifndef IFPNEWS_EXTRACT_INT_H
#define IFPNEWS_EXTRACT_INT_H

#include <stdbool.h>
#include <stddef.h>

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#include "buf.h"

/* The element's tag (lower case, as libxml2's HTML parser gives it). */
static inline const char *
ex_tag(const xmlNode *n)
{
	return (const char *)n->name;
}

/* True when n is an element named tag. */
bool ex_is(const xmlNode *n, const char *tag);
/* True when n is an element whose name is one of the NULL-ended tags. */
bool ex_is_any(const xmlNode *n, const char *const *tags);
/* Attribute value (borrowed), "" for an attribute without one, or NULL. */
const char *ex_attr(const xmlNode *n, const char *name);
/* First element child, next element sibling; or NULL. */
xmlNode *ex_first_el(const xmlNode *n);
xmlNode *ex_next_el(const xmlNode *n);
/* Number of element children. */
size_t ex_count_el(const xmlNode *n);

/*
 * The next node after n in document order below root, or NULL at the
 * end; skip_kids passes over n's subtree.  Any node type is returned.
 */
xmlNode *ex_walk(const xmlNode *n, const xmlNode *root, bool skip_kids);
/* The same over elements only, without a bound (Readability's order). */
xmlNode *ex_next_node(const xmlNode *n, bool skip_kids);

/* Unlink and free n with its subtree. */
void ex_remove(xmlNode *n);

/* True when n holds any text but white space. */
bool ex_has_text(const xmlNode *n);
/* Length of n's normalized text (see above). */
size_t ex_text_len(const xmlNode *n);
/*
 * n's text, trimmed; with normalize, runs of white space become one
 * space.  Caller frees.
 */
char *ex_text(const xmlNode *n, bool normalize);
/* Append n's raw text (all text and CDATA below it) to b. */
void ex_text_raw(const xmlNode *n, struct buf *b);
/* True when the code point at s (len bytes) is white space; *w its size. */
bool ex_space(const char *s, size_t len, size_t *w);
/* s trimmed and with white space runs made one space.  Caller frees. */
char *ex_normalize(const char *s);
/* Length of s in UTF-16 units. */
size_t ex_u16len(const char *s);

/*
 * Readability's text similarity of b to a: 1 minus the share of b's
 * words (ASCII word characters, case-folded) that a lacks, by length.
 */
double ex_similarity(const char *a, const char *b);

/* ASCII case-insensitive substring search; NULL when absent. */
const char *ex_strcasestr(const char *hay, const char *needle);

/*
 * Serialize n's subtree as HTML into b: the elements with a few
 * attributes that matter for reading (href, src, alt, ...), text
 * escaped, comments dropped.
 */
void ex_serialize(const xmlNode *n, struct buf *b);

/* The page's metadata, each field owned (caller frees), or NULL. */
struct ex_meta {
	char *title;     /* from JSON-LD, meta tags, else <title> */
	char *byline;    /* from JSON-LD or meta tags */
	char *excerpt;   /* description */
	char *site_name; /* og:site_name or the publisher */
	char *published; /* datePublished, article:published_time ... */
	char *lang;      /* <html lang> */
	char *base;      /* <base href>, else the page's URL */
	char *canonical; /* rel=canonical, absolute http(s) */
};

/*
 * Read the metadata of doc (before scripts are removed: JSON-LD lives in
 * them).  url is the page's URL or NULL.
 */
void ex_meta_read(xmlDoc *doc, const char *url, struct ex_meta *m);
/* Drop a leading "By " from a byline; returns s (may be NULL). */
char *ex_byline_clean(char *s);
void ex_meta_clear(struct ex_meta *m);

#endif
