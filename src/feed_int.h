/*
 * feed_int -- what the files of the feed module share: the repair of
 * stray '<' on the way to libxml2 (feed_fix.c) and the sanitizer of
 * content HTML (feed_sanitize.c).  Not for use outside feed*.c and their
 * unit tests.
 *
 * Pure.
 */
#ifndef IFPNEWS_FEED_INT_H
#define IFPNEWS_FEED_INT_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"

/*
 * The fixer sits between the charset converter and libxml2, and makes
 * two kinds of damage that libxml2 cannot recover from into what the
 * author meant:
 *  - a '<' that starts no markup ("1 < 2", "<3", a '<' in an attribute
 *    value, "<!x" inside an element): libxml2's push parser gives up on
 *    the whole document there (its pull parser would go on).  It is
 *    written as "&lt;".
 *  - end tags that do not match ("<title>a <br> b</title>", a stray
 *    "</p>"): libxml2 takes any end tag as the end of the current
 *    element, so one unclosed <br> nests the rest of the feed inside a
 *    title.  An end tag that closes an element further out first closes
 *    those left open inside it; one that closes nothing is dropped; the
 *    name is compared without case and written as the start tag had it.
 * It follows the lexical structure of XML (tags and their quoted values,
 * comments, CDATA sections, processing instructions, the DOCTYPE and its
 * internal subset) across pieces of any size; everything else passes
 * through unchanged.
 */
struct feed_fixer {
	int state;
	int ret;      /* state after a comment or PI (text or DOCTYPE) */
	char quote;   /* the open quote in a tag or the DOCTYPE, or 0 */
	int brackets; /* '[' depth in the DOCTYPE */
	bool content; /* the root element has started */
	bool naming;  /* in a start tag's name */
	bool slash;   /* a start tag's last byte so far is '/' */
	bool nobal;   /* too deep: end tags pass unchecked */
	/*
	 * The parser keeps no bodies (FEED_PARSE_NO_CONTENT): the text of a
	 * CDATA section in an item's *:encoded (content:encoded, most of a
	 * WordPress feed's bytes) is left out, its newlines kept (line
	 * numbers in messages stay right), so libxml2 never reads it.
	 */
	bool skip_bodies;
	/*
	 * Nor summaries (FEED_PARSE_NO_SUMMARY): the same for the CDATA
	 * section of an item's *:description or *:summary.
	 */
	bool skip_summaries;
	bool dropping; /* in such a section now */
	size_t run;    /* bytes of the terminator of a comment, CDATA
	                  section or PI read so far ("]]" of "]]>") */
	char pend[16]; /* a '<' held back until its kind is known */
	size_t npend;
	struct buf tag;   /* the start tag's name, or the end tag held */
	struct buf names; /* the names of the open elements, NUL-ended */
	size_t *open;     /* offset of each name in names */
	size_t depth, cap;
	size_t off;    /* bytes read so far */
	size_t nfixed; /* stray '<' written as "&lt;" */
	size_t first;  /* offset of the first of them */
	size_t nbal;   /* end tags added or dropped */
	size_t firstbal;
	void (*out)(void *arg, const char *s, size_t n);
	void *arg;
};

/* Start a fixer that calls out(arg, s, n) with its output, in pieces. */
void feed_fixer_init(struct feed_fixer *,
    void (*out)(void *, const char *, size_t), void *arg);
/* Take the next n bytes (UTF-8). */
void feed_fixer_push(struct feed_fixer *, const char *s, size_t n);
/* The input is over: pass on what was held back. */
void feed_fixer_finish(struct feed_fixer *);
/* Free what the fixer holds; it can be reused after feed_fixer_init(). */
void feed_fixer_clear(struct feed_fixer *);

/*
 * Append a safe form of the HTML s[0..len) to out: script and style
 * elements (with their content), svg (with its content), comments,
 * declarations and processing instructions removed; elements that are
 * not plain content (html, head, body, object, embed, applet, frameset,
 * meta, link, base, math ...) lose their tags but keep their text;
 * event-handler attributes (on*), srcdoc and unknown styles removed;
 * links with a scheme other than http(s), mailto, ftp, news, tel ...
 * (javascript:, vbscript:, data: but for images, file:) removed, and
 * relative ones resolved against base (when not NULL).  Attribute values
 * are re-quoted and re-escaped, '<' and '>' in text escaped, and a
 * raw-text element left open (iframe, textarea, title ...) closed, so
 * that a browser reads the result exactly as it was checked.  Markup
 * that never ends ("<!DOCTYPE", "<![CDATA[" without "]]>") is text.
 * Returns 0, or -1 when out reached its maximum.
 */
int feed_sanitize_html(struct buf *out, const char *s, size_t len,
    const char *base);

#endif
