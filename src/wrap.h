/*
 * wrap -- lay out an html_doc's logical blocks as display lines of a given
 * width.
 *
 * Pure.  Widths are display columns from utf8.h (wide CJK 2, combining
 * marks and zero-width characters 0), never wcwidth().  A line breaks at
 * spaces, after a hyphen between letters, after U+200B, and before or
 * after wide (CJK) characters; never inside a UTF-8 sequence nor between a
 * base character and its combining marks; U+00A0 never breaks (and is
 * shown as a space).  A word longer than the line is split.  PRE blocks
 * keep their lines, tabs expanded to the next multiple of 8; a pre line
 * longer than the width continues on the next line.  Tables become aligned
 * columns when they fit, else one cell a line ("Header: cell").
 *
 * Invariant (asserted by the tests and the fuzzer): no display line is
 * wider than the width, and line text holds no control character.
 *
 * Layout of a block:  PREFIX MARKER text...
 *                     PREFIX <spaces of MARKER's width> text...
 * with one blank line before a block whose blank flag is set (the blank
 * line carries the quote bars the two blocks share, e.g. ">").  When the
 * prefix and marker leave less than half of the width, they are cut so
 * that the text keeps at least half the width.
 */
#ifndef IFPNEWS_WRAP_H
#define IFPNEWS_WRAP_H

#include <stddef.h>

#include "buf.h"
#include "html.h"

/*
 * A styled part of one display line: bytes [off, off + len) of the line's
 * text.  The spans of a line cover its text completely, in order, so a
 * pager draws a line by walking its spans (attributes from style, plain
 * text for 0).
 */
struct wrap_span {
	size_t off;     /* bytes from the start of the line's text */
	size_t len;     /* bytes, > 0 */
	unsigned style; /* enum html_style bits (html.h); 0 = plain */
	unsigned link;  /* link number 1..nlinks of the html_doc, 0 = none */
};

struct wrap_line {
	const char *text; /* NUL-terminated UTF-8, sanitized, no trailing
	                     space; borrowed from the wrap_doc */
	size_t len;       /* bytes, without the NUL */
	size_t width;     /* display columns, <= the wrap width */
	size_t span;      /* first span: wrap_doc.spans[span .. span+nspans) */
	size_t nspans;    /* 0 for an empty line */
	/*
	 * Where the line comes from, to keep the reading position across a
	 * re-wrap (wrap_find): index of the html block, and the byte offset
	 * in that block's text (or in its table) at which the line starts.
	 * A blank separator line belongs to the block after it, at 0.
	 */
	size_t block;
	size_t pos;
};

/*
 * Display lines.  Owns everything: the lines, the spans and the text (one
 * arena; each line's text is NUL-terminated in it).  A pager draws
 * lines[top .. top + rows) and searches lines[i].text; neither depends on
 * the length of the document.
 */
struct wrap_doc {
	struct wrap_line *lines;
	size_t nlines;
	struct wrap_span *spans;
	size_t nspans;
	char *text; /* the arena the lines point into */
	size_t textlen;
	size_t width; /* the width it was wrapped for (columns) */
};

/*
 * Lay out doc at width columns (a width below 1 counts as 1).  Returns a
 * new wrap_doc (never NULL; free with wrap_free).  doc is only read and
 * may be freed afterwards.
 */
struct wrap_doc *wrap_lines(const struct html_doc *doc, size_t width);

/* Free a wrap_doc; NULL is fine. */
void wrap_free(struct wrap_doc *);

/*
 * The index of the display line that shows the place (block, pos) of a
 * previous layout of the same html_doc (its lines[i].block and .pos): the
 * last line of that block starting at or before pos.  0 when w is empty.
 * Use it to keep the scroll position on resize.
 */
size_t wrap_find(const struct wrap_doc *w, size_t block, size_t pos);

/*
 * Append every line's text to out, each followed by '\n' (the plain text
 * of --article).  Returns 0, or -1 when out reached its maximum.
 */
int wrap_write(const struct wrap_doc *w, struct buf *out);

#endif
