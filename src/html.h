/*
 * html -- an article's HTML to logical blocks of styled text, and its
 * numbered list of links.
 *
 * Pure: libxml2's HTML parser (network off, recovering from broken
 * markup, no HTML_PARSE_HUGE), then an iterative walk of the tree (no
 * recursion: 100,000 nested elements cannot overflow the stack).  The
 * width is not known here: html_render() says what the text is (blocks,
 * their kind, indentation and markers, styled runs); wrap_lines()
 * (wrap.h) lays it out for a width, so a resize re-wraps without parsing
 * the HTML again.  *as in newsboat htmlrenderer + textformatter.*
 *
 * What becomes what:
 *   p, div, section ...    HTML_BLOCK_PARA, a blank line between blocks
 *   h1 .. h6               HTML_BLOCK_HEADING (level), styled HEADING,
 *                          set off by blank lines
 *   ul/ol > li             HTML_BLOCK_ITEM: marker "• " / "◦ " / "▪ " by
 *                          depth, or " 1. " right-aligned; the marker's
 *                          width is the hanging indent; nested lists and
 *                          later paragraphs of an item are indented to the
 *                          item's text
 *   dl > dt / dd           PARA (dt bold) / PARA indented 4
 *   blockquote             every line prefixed "> " (nested: "> > "),
 *                          runs styled QUOTE
 *   pre                    HTML_BLOCK_PRE: verbatim (spaces, newlines and
 *                          tabs kept), runs styled CODE
 *   code, kbd, samp, tt    runs styled CODE
 *   b, strong / i, em, cite / u, ins   BOLD / ITALIC / UNDERLINE
 *   a href                 "text[N]": the text styled LINK, then "[N]"
 *                          styled LINKNUM, both with link = N; the same
 *                          URL keeps its first number (resolved with
 *                          uri_resolve); links within the page ("#..."),
 *                          with a control character, or of schemes other
 *                          than http(s), ftp(s), mailto, gopher, gemini,
 *                          news (javascript:, data:, file: ...) get none;
 *                          a link open across blocks (an a left unclosed,
 *                          or one around blocks) ends with the first
 *                          block that holds its text, "[N]" there
 *   q / wbr                “...” / U+200B (a place to break)
 *   img alt                "[image: ALT][N]" styled IMAGE, N the number
 *                          of its URL: src, or data-src (and kin) when
 *                          src is a data: placeholder (lazy loading);
 *                          inside a link, the link's number; alt="" or
 *                          no alt: nothing (decorative); class "emoji"
 *                          (WordPress): the alt alone
 *   figcaption, caption    HTML_BLOCK_CAPTION, styled CAPTION
 *   table                  HTML_BLOCK_TABLE: cells laid out by wrap_lines
 *                          (aligned columns, or one cell a line when the
 *                          columns do not fit); blocks inside a cell flow
 *                          as one line, inner tables are flattened, text
 *                          astray between rows becomes a cell
 *   hr                     HTML_BLOCK_RULE
 *   br                     a '\n' inside the block's text: a forced break
 *   script, style, iframe, noscript, form, svg, button, template, select,
 *   textarea, object, embed, audio, video, canvas, head, and any element
 *   with the hidden attribute, aria-hidden="true" or display:none in its
 *   style attribute: dropped with everything inside.
 *
 * Text is collapsed as a browser does (runs of ASCII white space become
 * one space; none at the start or end of a block; U+00A0 is kept and never
 * broken), entities are decoded (by libxml2), and it is sanitized
 * (utf8_sanitize: no control characters, no bidi overrides) before any
 * width is measured.  Right-to-left text keeps its logical order: the
 * terminal does the bidi.
 */
#ifndef IFPNEWS_HTML_H
#define IFPNEWS_HTML_H

#include <stdbool.h>
#include <stddef.h>

/* Refuse HTML larger than this (bytes): far above any article. */
#define HTML_MAX_SIZE (64u * 1024 * 1024)

/* Style bits of a run of text (and of a display line's span, wrap.h). */
enum html_style {
	HTML_STYLE_BOLD = 1 << 0,      /* b, strong, th, dt */
	HTML_STYLE_ITALIC = 1 << 1,    /* i, em, cite, var, dfn */
	HTML_STYLE_UNDERLINE = 1 << 2, /* u, ins */
	HTML_STYLE_HEADING = 1 << 3,   /* h1-h6 */
	HTML_STYLE_LINK = 1 << 4,      /* a link's text; the run's link is N */
	HTML_STYLE_LINKNUM = 1 << 5,   /* the "[N]" after a link's text */
	HTML_STYLE_QUOTE = 1 << 6,     /* inside a blockquote or q */
	HTML_STYLE_CODE = 1 << 7,      /* pre, code, kbd, samp, tt */
	HTML_STYLE_IMAGE = 1 << 8, /* "[image: ALT]" (and LINK with its URL) */
	HTML_STYLE_CAPTION = 1 << 9, /* figcaption, table caption */
	HTML_STYLE_MARKER = 1 << 10, /* list markers, "> " quote prefixes,
	                                rules and table rules: decoration */
	HTML_STYLE_TITLE = 1 << 11,  /* the article's title (article.h) */
	HTML_STYLE_META = 1 << 12,   /* byline and the post's link line */
};

enum html_block_kind {
	HTML_BLOCK_PARA,    /* a paragraph or any other run of text */
	HTML_BLOCK_HEADING, /* h1-h6; level says which */
	HTML_BLOCK_ITEM,    /* a list item: has a marker */
	HTML_BLOCK_PRE,     /* verbatim: never collapsed nor joined */
	HTML_BLOCK_CAPTION, /* figcaption, table caption */
	HTML_BLOCK_RULE,    /* hr: a line across the width; no text */
	HTML_BLOCK_TABLE,   /* a table; table says where its cells are */
};

/*
 * A run: bytes [off, off + len) of the document's text with one style.
 * The runs of a text cover it completely, in order, without overlap.
 */
struct html_run {
	size_t off;     /* bytes, into html_doc.text */
	size_t len;     /* bytes, > 0 */
	unsigned style; /* enum html_style bits; 0 = plain */
	unsigned link;  /* link number 1..nlinks, 0 = none */
};

/*
 * A piece of styled text: bytes [off, off + len) of html_doc.text and the
 * runs html_doc.runs[run .. run + nruns).  The text is sanitized UTF-8;
 * '\n' is a forced line break (br, or a line of a pre); outside PRE it
 * holds no other white space than ' ' and U+00A0.
 */
struct html_text {
	size_t off, len; /* bytes, into html_doc.text */
	size_t run, nruns;
};

/*
 * A table: nrows x ncols cells, row-major, in html_doc.cells[cell ..
 * cell + nrows * ncols).  Short rows are padded with empty cells;
 * colspan repeats nothing (the cell takes one column).  Rows inside thead,
 * or made only of th, are header rows: their flag is true, in
 * html_doc.rowflags[row .. row + nrows).
 */
struct html_table {
	size_t nrows, ncols;
	size_t cell; /* index of the first cell in html_doc.cells */
	size_t row;  /* index of the first flag in html_doc.rowflags */
};

struct html_block {
	enum html_block_kind kind;
	int level;  /* heading level 1-6; 0 for other kinds */
	bool blank; /* a blank line goes before this block (not before
	               the first block, nor between items of a list) */
	/*
	 * Goes before every display line of the block: indentation and
	 * quote bars, e.g. "    " or "> > ".  Bytes of html_doc.text; styled
	 * MARKER; may be empty.
	 */
	size_t prefix, prefixlen;
	/*
	 * Goes on the first line after the prefix ("• ", " 2. ", "[3] ");
	 * the other lines are indented by its width (a hanging indent).
	 * Bytes of html_doc.text; markerlen 0 = none.
	 */
	size_t marker, markerlen;
	struct html_text text;   /* PARA, HEADING, ITEM, PRE, CAPTION */
	struct html_table table; /* TABLE only */
};

/*
 * A rendered document.  It owns everything: blocks, links, and one text
 * arena that the blocks, runs and cells point into by offset (so it can
 * grow while it is built, and is freed at once).
 */
struct html_doc {
	struct html_block *blocks;
	size_t nblocks;
	char *text; /* the arena: all text, prefixes and markers */
	size_t textlen;
	struct html_run *runs;
	size_t nruns;
	struct html_text *cells; /* of all tables */
	size_t ncells;
	bool *rowflags; /* header-row flags of all tables */
	size_t nrowflags;
	/*
	 * Absolute URLs of the links, numbered from 1: links[N - 1] is
	 * link N.  Sanitized (no controls).  Owned.
	 */
	char **links;
	size_t nlinks;
	/* Allocated sizes (elements), private to html.c. */
	size_t blockcap, textcap, runcap, cellcap, rowcap, linkcap;
};

/*
 * Render len bytes of HTML (UTF-8 unless the markup says otherwise) into a
 * new document.  Relative links and image sources resolve against base
 * (an absolute URL, or NULL: then they stay as written).  Returns 0 and
 * sets *out (free with html_free), also for broken markup and empty input
 * (zero blocks); -1 with *cause set (caller frees) when the input is
 * larger than HTML_MAX_SIZE.
 */
int html_render(const char *html, size_t len, const char *base,
    struct html_doc **out, char **cause);

struct _xmlNode;
/*
 * Render the subtree under a libxml2 node of an HTML document that the
 * caller parsed (extract.h hands over the article's container this way):
 * the node's children, as html_render() does for a whole body.  The tree
 * is only read.  Returns a new document (never NULL; free with html_free).
 */
struct html_doc *html_render_node(const struct _xmlNode *, const char *base);

/* Free a document and everything it holds; NULL is fine. */
void html_free(struct html_doc *);

/*
 * Building documents (html.c uses these; article.c adds its header and
 * link list with them).  Text given here must be sanitized already.
 */

/* A new, empty document; free with html_free. */
struct html_doc *html_new(void);
/*
 * Append a block of kind k; its text starts empty at the end of the
 * arena.  Returns it (valid until the next html_add_block).
 */
struct html_block *html_add_block(struct html_doc *, enum html_block_kind);
/*
 * Append s[0..len) with style and link to the text of the last block
 * (merging with its last run when the style and link are the same).
 */
void html_add_text(struct html_doc *, const char *s, size_t len, unsigned style,
    unsigned link);
/* Set the last block's prefix / marker to s[0..len) (copied). */
void html_set_prefix(struct html_doc *, const char *s, size_t len);
void html_set_marker(struct html_doc *, const char *s, size_t len);
/*
 * Number of the link to url (copied), adding it to the list when it is
 * new.  Returns 1..nlinks.
 */
unsigned html_add_link(struct html_doc *, const char *url);
/*
 * Append every block and link of src to dst.  The link numbers are part of
 * src's text ("[N]"), so dst must have no links yet (assert).  src is not
 * changed.
 */
void html_append(struct html_doc *dst, const struct html_doc *src);

#endif
