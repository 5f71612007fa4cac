/*
 * feed -- the plain data model of a feed, and the RSS/Atom parser.
 *
 * Pure: feed_parse() turns bytes into a struct feed with libxml2's SAX2
 * or reader interface (never a whole-document tree, so memory stays near
 * the size of the input), with the network, external entities and DTD
 * loading off.  Text fields are plain UTF-8 text (markup stripped,
 * entities decoded once, whitespace collapsed); content_html is HTML,
 * sanitized so that it can be shown or embedded safely.
 * Links are absolute.  Nothing here is sanitized for the terminal: that
 * is done on output (utf8_sanitize).
 */
#ifndef IFPNEWS_FEED_H
#define IFPNEWS_FEED_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "date.h"

enum feed_kind {
	FEED_KIND_UNKNOWN,
	FEED_KIND_RSS,  /* RSS 0.9x and 2.0 (and CDF, their ancestor) */
	FEED_KIND_RDF,  /* RSS 0.90 and 1.0 (RDF) */
	FEED_KIND_ATOM, /* Atom 0.3 and 1.0 */
};

struct feed_enclosure {
	char *url;        /* absolute; never NULL */
	char *type;       /* MIME type, or NULL */
	long long length; /* bytes, or -1 when unknown */
};

struct feed_item {
	char *id; /* guid / atom:id / rdf:about, else the link; may be NULL */
	char *title;       /* plain text, or NULL */
	char *link;        /* absolute, or NULL */
	char *author;      /* plain text, or NULL */
	time_t published;  /* DATE_NONE when absent or unparseable */
	time_t updated;    /* DATE_NONE when absent or unparseable */
	char **categories; /* plain text, ncategories of them */
	size_t ncategories;
	char *summary; /* plain text: description/summary, else content's text;
	                  or NULL */
	char *content_html; /* richest body HTML (content:encoded, atom:content,
	                       description), sanitized: no script, style,
	                       event handler, javascript: link; links
	                       absolute; or NULL */
	char *base; /* absolute base URL for links in content_html, or NULL */
	char *comments; /* absolute comments URL, or NULL */
	struct feed_enclosure *enclosures;
	size_t nenclosures;
};

struct feed {
	enum feed_kind kind;
	/*
	 * The format's version as the feed declares it: RSS's version
	 * attribute ("2.0", "0.91"), "1.0" or "0.90" for RDF and "1.0" or
	 * "0.3" for Atom by their namespaces; "" when it declares none.
	 */
	char version[8];
	char *title;             /* plain text, or NULL */
	char *link;              /* absolute, or NULL */
	char *description;       /* plain text, or NULL */
	char *url;               /* where the feed was read from, or NULL */
	struct feed_item *items; /* nitems of them, in document order */
	size_t nitems;
	/*
	 * The input was damaged (not well-formed, bad bytes, cut short):
	 * what could be recovered is here, and damage says what went wrong
	 * (with a line number).  NULL when the feed was clean.
	 */
	char *damage;
};

enum feed_parse_flags {
	/* Do not keep content_html or derive summaries (a plain --list). */
	FEED_PARSE_NO_CONTENT = 1 << 0,
	/* Do not keep summaries either (plain and tsv lists show none). */
	FEED_PARSE_NO_SUMMARY = 1 << 1,
};

/* Options of one parse; zero-initialize, then set what is known. */
struct feed_parse_opts {
	const char
	    *url; /* the feed's own URL: base of last resort; may be NULL */
	const char *charset; /* charset of the HTTP Content-Type, or NULL */
	size_t
	    max_size; /* refuse input larger than this (bytes); 0 = no limit */
	unsigned flags; /* enum feed_parse_flags */
};

/*
 * Parse len bytes of RSS or Atom into a new feed.  Returns 0 and sets
 * *out (caller frees with feed_free), also for a damaged feed of which
 * some part could be read (then (*out)->damage says what went wrong).
 * Returns -1 with *cause set (caller frees) when the input is not a feed
 * ("not a feed: HTML page", "not a feed: root element <urlset>"), is too
 * large, or nothing at all could be recovered.
 */
int feed_parse(const char *data, size_t len, const struct feed_parse_opts *,
    struct feed **out, char **cause);

/*
 * The same, for input that arrives in pieces (a file read in blocks, a
 * body as it downloads), so that the whole document is never held in
 * memory.  feed_parser_new() never fails.  feed_parser_push() returns 0,
 * or -1 once the input is known to be no feed or too large (the parse
 * is then over: call feed_parser_finish() for the reason).
 * feed_parser_finish() ends the input and returns what feed_parse()
 * returns; it may be called once.  feed_parser_free() accepts NULL.
 */
struct feed_parser;
struct feed_parser *feed_parser_new(const struct feed_parse_opts *);
int feed_parser_push(struct feed_parser *, const char *data, size_t len);
int feed_parser_finish(struct feed_parser *, struct feed **out, char **cause);
void feed_parser_free(struct feed_parser *);

/* Free a feed and everything it holds; NULL is fine. */
void feed_free(struct feed *);
/* Free the fields of one item (not the item itself). */
void feed_item_clear(struct feed_item *);

/*
 * Order of the list: newest first by published (else updated) time,
 * undated items after the dated ones, ties in document order.  Fills
 * order[0..nitems) with item indexes.
 */
void feed_sort_newest(const struct feed *, size_t *order);

/*
 * Move the items of from into into, leaving out those whose id (else
 * link) into already has, then free from.  into keeps its own title,
 * link, description and url.  Used to show several feeds as one list.
 */
void feed_merge(struct feed *into, struct feed *from);

#endif
