/*
 * html -- an article's HTML to logical blocks of styled text.
 *
 * The walk over libxml2's tree is iterative: a frame per open element on
 * a heap stack, the next node found through the children / next / parent
 * pointers, so the depth of the document never reaches the C stack.
 * Text flows into the last block of the document (opened lazily by the
 * first visible character, so empty elements leave no trace) or, inside a
 * table, into the current cell.
 */
#include "html.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#include "buf.h"
#include "uri.h"
#include "utf8.h"
#include "util.h"

/* Elements the walk knows.  Anything else is inline and transparent. */
enum tag {
	T_OTHER,
	T_A,
	T_ADDRESS,
	T_ARTICLE,
	T_ASIDE,
	T_AUDIO,
	T_B,
	T_BLOCKQUOTE,
	T_BODY,
	T_BR,
	T_BUTTON,
	T_CANVAS,
	T_CAPTION,
	T_CENTER,
	T_CITE,
	T_CODE,
	T_DD,
	T_DETAILS,
	T_DFN,
	T_DIR,
	T_DIV,
	T_DL,
	T_DT,
	T_EM,
	T_EMBED,
	T_FIELDSET,
	T_FIGCAPTION,
	T_FIGURE,
	T_FOOTER,
	T_FORM,
	T_FRAMESET,
	T_H1,
	T_H2,
	T_H3,
	T_H4,
	T_H5,
	T_H6,
	T_HEAD,
	T_HEADER,
	T_HGROUP,
	T_HR,
	T_HTML,
	T_I,
	T_IFRAME,
	T_IMG,
	T_INPUT,
	T_INS,
	T_KBD,
	T_LEGEND,
	T_LI,
	T_LISTING,
	T_MAIN,
	T_MAP,
	T_MENU,
	T_NAV,
	T_NOEMBED,
	T_NOFRAMES,
	T_NOSCRIPT,
	T_OBJECT,
	T_OL,
	T_OPTION,
	T_P,
	T_PICTURE,
	T_PLAINTEXT,
	T_PRE,
	T_Q,
	T_SAMP,
	T_SCRIPT,
	T_SECTION,
	T_SELECT,
	T_SOURCE,
	T_STRONG,
	T_STYLE,
	T_SUMMARY,
	T_SVG,
	T_TABLE,
	T_TBODY,
	T_TD,
	T_TEMPLATE,
	T_TEXTAREA,
	T_TFOOT,
	T_TH,
	T_THEAD,
	T_TITLE,
	T_TR,
	T_TT,
	T_U,
	T_UL,
	T_VAR,
	T_VIDEO,
	T_WBR,
	T_XMP,
};

static const struct tagname {
	const char *name;
	enum tag tag;
} tagnames[] = {
    /* Sorted by name (bsearch). */
    {"a", T_A},
    {"address", T_ADDRESS},
    {"article", T_ARTICLE},
    {"aside", T_ASIDE},
    {"audio", T_AUDIO},
    {"b", T_B},
    {"blockquote", T_BLOCKQUOTE},
    {"body", T_BODY},
    {"br", T_BR},
    {"button", T_BUTTON},
    {"canvas", T_CANVAS},
    {"caption", T_CAPTION},
    {"center", T_CENTER},
    {"cite", T_CITE},
    {"code", T_CODE},
    {"dd", T_DD},
    {"details", T_DETAILS},
    {"dfn", T_DFN},
    {"dir", T_DIR},
    {"div", T_DIV},
    {"dl", T_DL},
    {"dt", T_DT},
    {"em", T_EM},
    {"embed", T_EMBED},
    {"fieldset", T_FIELDSET},
    {"figcaption", T_FIGCAPTION},
    {"figure", T_FIGURE},
    {"footer", T_FOOTER},
    {"form", T_FORM},
    {"frameset", T_FRAMESET},
    {"h1", T_H1},
    {"h2", T_H2},
    {"h3", T_H3},
    {"h4", T_H4},
    {"h5", T_H5},
    {"h6", T_H6},
    {"head", T_HEAD},
    {"header", T_HEADER},
    {"hgroup", T_HGROUP},
    {"hr", T_HR},
    {"html", T_HTML},
    {"i", T_I},
    {"iframe", T_IFRAME},
    {"img", T_IMG},
    {"input", T_INPUT},
    {"ins", T_INS},
    {"kbd", T_KBD},
    {"legend", T_LEGEND},
    {"li", T_LI},
    {"listing", T_LISTING},
    {"main", T_MAIN},
    {"map", T_MAP},
    {"menu", T_MENU},
    {"nav", T_NAV},
    {"noembed", T_NOEMBED},
    {"noframes", T_NOFRAMES},
    {"noscript", T_NOSCRIPT},
    {"object", T_OBJECT},
    {"ol", T_OL},
    {"option", T_OPTION},
    {"p", T_P},
    {"picture", T_PICTURE},
    {"plaintext", T_PLAINTEXT},
    {"pre", T_PRE},
    {"q", T_Q},
    {"samp", T_SAMP},
    {"script", T_SCRIPT},
    {"section", T_SECTION},
    {"select", T_SELECT},
    {"source", T_SOURCE},
    {"strong", T_STRONG},
    {"style", T_STYLE},
    {"summary", T_SUMMARY},
    {"svg", T_SVG},
    {"table", T_TABLE},
    {"tbody", T_TBODY},
    {"td", T_TD},
    {"template", T_TEMPLATE},
    {"textarea", T_TEXTAREA},
    {"tfoot", T_TFOOT},
    {"th", T_TH},
    {"thead", T_THEAD},
    {"title", T_TITLE},
    {"tr", T_TR},
    {"tt", T_TT},
    {"u", T_U},
    {"ul", T_UL},
    {"var", T_VAR},
    {"video", T_VIDEO},
    {"wbr", T_WBR},
    {"xmp", T_XMP},
};

/* Limits that keep hostile nesting from costing memory or width. */
#define MAX_PREFIX_COLS 32 /* indentation and quote bars */

/* One open element. */
struct frame {
	enum tag tag;
	unsigned style;   /* style in force inside (inherited + own) */
	unsigned link;    /* link number in force inside, 0 = none */
	size_t prefixlen; /* the walker's prefix length before it */
	size_t nblocks;   /* blocks before it (figure: caption tightness) */
	/* Lists: the next item's number, the marker width, the depth. */
	long next;
	int step;       /* +1, or -1 for ol reversed */
	size_t markerw; /* columns of the widest marker */
	bool ordered;
	/* a: the link it opens, added to the list once text came inside. */
	char *url; /* owned */
	unsigned newlink;
	size_t linktext; /* text bytes before it */
	bool pre;        /* it set the pre mode */
	/*
	 * What entering it changed, for leave() to undo exactly that,
	 * however odd the nesting: a table counted, a cell or row begun,
	 * or the ordinary handling of its tag (lists, quotes, items...).
	 */
	bool table, cell, row, normal;
	enum html_block_kind kind; /* h1-h6, figcaption: the kind before */
	int level;
};

/* The cell being filled, while inside a table. */
struct cellrec {
	size_t row;
	struct html_text text;
	bool header;
};

struct walker {
	struct html_doc *doc;
	const char *base;
	struct frame *stack;
	size_t depth, stackcap;

	struct buf prefix;  /* indentation + quote bars for new blocks */
	struct buf scratch; /* sanitized text of one node */
	char marker[32];    /* the pending list marker, or "" */
	size_t markerlen;
	size_t hang;         /* spaces after the prefix that the pending
	                        marker replaces on its first line */
	bool open;           /* the last block takes text */
	bool space;          /* a collapsed space is pending */
	unsigned spacestyle; /* its style and link */
	unsigned spacelink;
	bool tight;                /* the next block needs no blank line */
	int pre;                   /* inside pre (nesting count) */
	enum html_block_kind kind; /* kind of blocks opened here */
	int level;                 /* heading level for HTML_BLOCK_HEADING */
	int lists;                 /* list nesting depth */
	int lis;                   /* li nesting depth */
	size_t textcount;          /* visible text bytes added so far */
	size_t linkframe;          /* 1 + the index of the a frame whose link is
	                              open, 0 = none */

	/* Tables: only the outermost is laid out; inner ones are inline. */
	int tables;
	bool incell; /* text goes to cell (a cell or a caption) */
	struct html_text cell;
	bool cellheader; /* the cell is a th (or in thead) */
	bool inthead;    /* inside thead */
	struct cellrec *cells;
	size_t ncells, cellcap;
	size_t row;    /* current row number */
	bool rowopen;  /* a tr (or implied row) has cells */
	bool caption;  /* the cell is the table's caption */
	bool implicit; /* the cell holds stray text (put_text) */
	struct html_text captext;
	bool hascaption;
};

/* Growing arrays of the document. */

static void
text_reserve(struct html_doc *doc, size_t add)
{
	doc->text =
	    xgrowarray(doc->text, &doc->textcap, doc->textlen + add + 1, 1);
}

static size_t
text_put(struct html_doc *doc, const char *s, size_t len)
{
	size_t off;

	text_reserve(doc, len);
	off = doc->textlen;
	memcpy(doc->text + off, s, len);
	doc->textlen += len;
	doc->text[doc->textlen] = '\0';
	return off;
}

struct html_doc *
html_new(void)
{
	struct html_doc *doc = xcalloc(1, sizeof(*doc));

	text_reserve(doc, 0);
	doc->text[0] = '\0';
	return doc;
}

void
html_free(struct html_doc *doc)
{
	size_t i;

	if (doc == NULL)
		return;
	for (i = 0; i < doc->nlinks; i++)
		free(doc->links[i]);
	free(doc->links);
	free(doc->blocks);
	free(doc->text);
	free(doc->runs);
	free(doc->cells);
	free(doc->rowflags);
	free(doc);
}

struct html_block *
html_add_block(struct html_doc *doc, enum html_block_kind kind)
{
	struct html_block *b;

	doc->blocks = xgrowarray(doc->blocks, &doc->blockcap, doc->nblocks + 1,
	    sizeof(*doc->blocks));
	b = &doc->blocks[doc->nblocks++];
	memset(b, 0, sizeof(*b));
	b->kind = kind;
	b->blank = doc->nblocks > 1;
	b->prefix = b->marker = doc->textlen;
	b->text.off = doc->textlen;
	b->text.run = doc->nruns;
	return b;
}

/* Append to a text that ends the arena (and whose runs end the runs). */
static void
text_add(struct html_doc *doc, struct html_text *t, const char *s, size_t len,
    unsigned style, unsigned link)
{
	struct html_run *r;

	if (len == 0)
		return;
	assert(t->off + t->len == doc->textlen);
	assert(t->run + t->nruns == doc->nruns);
	text_put(doc, s, len);
	t->len += len;
	if (t->nruns > 0) {
		r = &doc->runs[doc->nruns - 1];
		if (r->style == style && r->link == link) {
			r->len += len;
			return;
		}
	}
	doc->runs = xgrowarray(doc->runs, &doc->runcap, doc->nruns + 1,
	    sizeof(*doc->runs));
	r = &doc->runs[doc->nruns++];
	r->off = doc->textlen - len;
	r->len = len;
	r->style = style;
	r->link = link;
	t->nruns++;
}

void
html_add_text(struct html_doc *doc, const char *s, size_t len, unsigned style,
    unsigned link)
{
	assert(doc->nblocks > 0);
	text_add(doc, &doc->blocks[doc->nblocks - 1].text, s, len, style, link);
}

/* Put s before the last block's (still empty) text; its offset. */
static size_t
block_put(struct html_doc *doc, const char *s, size_t len)
{
	struct html_block *b = &doc->blocks[doc->nblocks - 1];
	size_t off;

	assert(b->text.len == 0);
	off = text_put(doc, s, len);
	b->text.off = doc->textlen;
	return off;
}

void
html_set_prefix(struct html_doc *doc, const char *s, size_t len)
{
	doc->blocks[doc->nblocks - 1].prefix = block_put(doc, s, len);
	doc->blocks[doc->nblocks - 1].prefixlen = len;
}

void
html_set_marker(struct html_doc *doc, const char *s, size_t len)
{
	doc->blocks[doc->nblocks - 1].marker = block_put(doc, s, len);
	doc->blocks[doc->nblocks - 1].markerlen = len;
}

/* The number of the link to url, or 0. */
static unsigned
link_find(const struct html_doc *doc, const char *url)
{
	size_t i;

	for (i = doc->nlinks; i > 0; i--)
		if (strcmp(doc->links[i - 1], url) == 0)
			return (unsigned)i;
	return 0;
}

unsigned
html_add_link(struct html_doc *doc, const char *url)
{
	unsigned n = link_find(doc, url);

	if (n != 0)
		return n;
	doc->links = xgrowarray(doc->links, &doc->linkcap, doc->nlinks + 1,
	    sizeof(*doc->links));
	doc->links[doc->nlinks++] = xstrdup(url);
	return (unsigned)doc->nlinks;
}

/* Copy a text of src to the end of dst's arena. */
static struct html_text
copy_text(struct html_doc *dst, const struct html_doc *src,
    const struct html_text *t)
{
	struct html_text n = {dst->textlen, 0, dst->nruns, 0};
	size_t i;

	for (i = 0; i < t->nruns; i++) {
		const struct html_run *r = &src->runs[t->run + i];

		text_add(dst, &n, src->text + r->off, r->len, r->style,
		    r->link);
	}
	return n;
}

void
html_append(struct html_doc *dst, const struct html_doc *src)
{
	size_t i, j;

	assert(dst->nlinks == 0);
	for (i = 0; i < src->nblocks; i++) {
		const struct html_block *sb = &src->blocks[i];
		struct html_block *b = html_add_block(dst, sb->kind);

		b->level = sb->level;
		b->blank = sb->blank;
		html_set_prefix(dst, src->text + sb->prefix, sb->prefixlen);
		html_set_marker(dst, src->text + sb->marker, sb->markerlen);
		b = &dst->blocks[dst->nblocks - 1];
		if (sb->kind != HTML_BLOCK_TABLE) {
			b->text = copy_text(dst, src, &sb->text);
			continue;
		}
		b->table = sb->table;
		b->table.cell = dst->ncells;
		b->table.row = dst->nrowflags;
		for (j = 0; j < sb->table.nrows * sb->table.ncols; j++) {
			struct html_text t = copy_text(dst, src,
			    &src->cells[sb->table.cell + j]);

			dst->cells = xgrowarray(dst->cells, &dst->cellcap,
			    dst->ncells + 1, sizeof(*dst->cells));
			dst->cells[dst->ncells++] = t;
		}
		for (j = 0; j < sb->table.nrows; j++) {
			dst->rowflags = xgrowarray(dst->rowflags, &dst->rowcap,
			    dst->nrowflags + 1, sizeof(*dst->rowflags));
			dst->rowflags[dst->nrowflags++] =
			    src->rowflags[sb->table.row + j];
		}
	}
	for (i = 0; i < src->nlinks; i++) {
		dst->links = xgrowarray(dst->links, &dst->linkcap,
		    dst->nlinks + 1, sizeof(*dst->links));
		dst->links[dst->nlinks++] = xstrdup(src->links[i]);
	}
}

/* The walk. */

static int
tagcmp(const void *key, const void *elem)
{
	return strcmp(key, ((const struct tagname *)elem)->name);
}

static enum tag
tag_of(const xmlNode *n)
{
	const struct tagname *t;

	if (n->name == NULL)
		return T_OTHER;
	t = bsearch(n->name, tagnames, NITEMS(tagnames), sizeof(tagnames[0]),
	    tagcmp);
	return t == NULL ? T_OTHER : t->tag;
}

/* Elements dropped with everything inside. */
static bool
tag_dropped(enum tag t)
{
	switch (t) {
	case T_AUDIO:
	case T_BUTTON:
	case T_CANVAS:
	case T_EMBED:
	case T_FORM:
	case T_FRAMESET:
	case T_HEAD:
	case T_IFRAME:
	case T_INPUT:
	case T_MAP:
	case T_NOEMBED:
	case T_NOFRAMES:
	case T_NOSCRIPT:
	case T_OBJECT:
	case T_OPTION:
	case T_SCRIPT:
	case T_SELECT:
	case T_SOURCE:
	case T_STYLE:
	case T_SVG:
	case T_TEMPLATE:
	case T_TEXTAREA:
	case T_TITLE:
	case T_VIDEO:
		return true;
	default:
		return false;
	}
}

/* Elements that start and end a block (a line break around them). */
static bool
tag_block(enum tag t)
{
	switch (t) {
	case T_ADDRESS:
	case T_ARTICLE:
	case T_ASIDE:
	case T_BLOCKQUOTE:
	case T_BODY:
	case T_CAPTION:
	case T_CENTER:
	case T_DD:
	case T_DETAILS:
	case T_DIR:
	case T_DIV:
	case T_DL:
	case T_DT:
	case T_FIELDSET:
	case T_FIGCAPTION:
	case T_FIGURE:
	case T_FOOTER:
	case T_H1:
	case T_H2:
	case T_H3:
	case T_H4:
	case T_H5:
	case T_H6:
	case T_HEADER:
	case T_HGROUP:
	case T_HR:
	case T_HTML:
	case T_LEGEND:
	case T_LI:
	case T_LISTING:
	case T_MAIN:
	case T_MENU:
	case T_NAV:
	case T_OL:
	case T_P:
	case T_PLAINTEXT:
	case T_PRE:
	case T_SECTION:
	case T_SUMMARY:
	case T_TABLE:
	case T_UL:
	case T_XMP:
		return true;
	default:
		return false;
	}
}

static const char *
attr(const xmlNode *n, const char *name)
{
	const xmlAttr *a;

	for (a = n->properties; a != NULL; a = a->next) {
		if (a->name == NULL || strcmp((const char *)a->name, name) != 0)
			continue;
		if (a->children != NULL && a->children->type == XML_TEXT_NODE &&
		    a->children->next == NULL && a->children->content != NULL)
			return (const char *)a->children->content;
		return "";
	}
	return NULL;
}

/* True when s contains word, ignoring ASCII case and white space. */
static bool
style_has(const char *s, const char *word)
{
	size_t i, j;

	for (i = 0; s[i] != '\0'; i++) {
		const char *p = s + i;

		for (j = 0; word[j] != '\0'; p++) {
			unsigned char c = (unsigned char)*p;

			if (c == '\0')
				return false;
			if (c == ' ' || c == '\t' || c == '\n' || c == '\r')
				continue;
			if (c >= 'A' && c <= 'Z')
				c = (unsigned char)(c - 'A' + 'a');
			if (c != (unsigned char)word[j])
				break;
			j++;
		}
		if (word[j] == '\0')
			return true;
	}
	return false;
}

/* True when n's class attribute holds the word (WordPress's "emoji"). */
static bool
class_has(const xmlNode *n, const char *word)
{
	const char *c = attr(n, "class"), *p;
	size_t len = strlen(word);

	for (p = c; p != NULL && (p = strstr(p, word)) != NULL; p += len)
		if ((p == c || p[-1] == ' ') &&
		    (p[len] == '\0' || p[len] == ' '))
			return true;
	return false;
}

static bool
hidden(const xmlNode *n)
{
	const char *v;

	if (n->properties == NULL)
		return false;
	if (attr(n, "hidden") != NULL)
		return true;
	v = attr(n, "aria-hidden");
	if (v != NULL && strcmp(v, "true") == 0)
		return true;
	v = attr(n, "style");
	return v != NULL &&
	    (style_has(v, "display:none") || style_has(v, "visibility:hidden"));
}

/* Schemes whose links are worth a number; the others keep only text. */
static bool
link_ok(const char *url)
{
	static const char *const ok[] = {"http", "https", "ftp", "ftps",
	    "mailto", "gopher", "gemini", "news"};
	size_t i;

	for (i = 0; i < NITEMS(ok); i++)
		if (uri_has_scheme(url, ok[i]))
			return true;
	return false;
}

/* A URL with a control character in it is no link to follow. */
static bool
has_control(const char *s)
{
	uint32_t cp;
	size_t i, n, len = strlen(s);

	for (i = 0; i < len; i += n) {
		n = utf8_decode(s + i, len - i, &cp);
		if (utf8_is_control(cp) || cp == '\t' || cp == '\n')
			return true;
	}
	return false;
}

/*
 * The absolute, sanitized form of href against base, or NULL when it is
 * no link to list.  Caller frees.
 */
static char *
resolve(const char *href, const char *base)
{
	char *s, *r;

	/* A link within the page ("#top") leads nowhere for a reader. */
	href += strspn(href, " \t\n\r\f");
	if (*href == '#')
		return NULL;
	s = uri_resolve(base, href);
	if (s == NULL || !link_ok(s) || has_control(s)) {
		free(s);
		return NULL;
	}
	r = utf8_sanitize_str(s, UTF8_ONELINE);
	free(s);
	return r;
}

/*
 * The URL of an image: src, or where lazy loading keeps the real one
 * (data-src and kin) when src is missing or a data: placeholder.  NULL
 * when there is none to follow.  Caller frees.
 */
static char *
image_url(const xmlNode *n, const char *base)
{
	static const char *const lazy[] = {"data-src", "data-lazy-src",
	    "data-original", "data-orig-file"};
	const char *v = attr(n, "src");
	size_t i;

	if (v != NULL && *v != '\0' && !uri_has_scheme(v, "data"))
		return resolve(v, base);
	for (i = 0; i < NITEMS(lazy); i++) {
		v = attr(n, lazy[i]);
		if (v != NULL && *v != '\0')
			return resolve(v, base);
	}
	return NULL;
}

static struct frame *
top(struct walker *w)
{
	return w->depth > 0 ? &w->stack[w->depth - 1] : NULL;
}

static unsigned
cur_style(struct walker *w)
{
	struct frame *f = top(w);

	return f != NULL ? f->style : 0;
}

static unsigned
cur_link(struct walker *w)
{
	struct frame *f = top(w);

	return f != NULL ? f->link : 0;
}

static struct html_block *
last_block(struct walker *w)
{
	return &w->doc->blocks[w->doc->nblocks - 1];
}

/* True when s[0..len) shows nothing: spaces, no-break spaces, breaks. */
static bool
blank_text(const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++) {
		if (s[i] == ' ' || s[i] == '\n')
			continue;
		if (i + 1 < len && (unsigned char)s[i] == 0xC2 &&
		    (unsigned char)s[i + 1] == 0xA0) {
			i++;
			continue;
		}
		if (i + 2 < len && memcmp(s + i, "\u200b", 3) == 0) {
			i += 2;
			continue;
		}
		return false;
	}
	return true;
}

static void end_link(struct walker *, struct frame *);

/* End the open block: drop it when it holds nothing visible. */
static void
close_block(struct walker *w)
{
	struct html_doc *doc = w->doc;
	struct html_block *b;
	size_t start;

	w->space = false;
	if (!w->open)
		return;
	/*
	 * A link open across blocks (an a left unclosed, or one around
	 * blocks) ends with the first block that holds its text, as one
	 * number after it reads best; what follows is plain.
	 */
	if (w->linkframe > 0 && !w->incell &&
	    w->textcount > w->stack[w->linkframe - 1].linktext)
		end_link(w, &w->stack[w->linkframe - 1]);
	w->open = false;
	b = last_block(w);
	/* Trailing newlines (a br at the end, a pre's last) are no lines. */
	while (b->text.len > 0 &&
	    doc->text[b->text.off + b->text.len - 1] == '\n') {
		struct html_run *r = &doc->runs[doc->nruns - 1];

		b->text.len--;
		doc->textlen--;
		if (--r->len == 0) {
			doc->nruns--;
			b->text.nruns--;
		}
	}
	doc->text[doc->textlen] = '\0';
	if (b->kind != HTML_BLOCK_PRE &&
	    !blank_text(doc->text + b->text.off, b->text.len))
		return;
	if (b->kind == HTML_BLOCK_PRE && b->text.len > 0)
		return;
	/*
	 * Nothing visible (WordPress spaces paragraphs with <p>&nbsp;</p>):
	 * take the block back, with its prefix and marker.
	 */
	start = b->text.off;
	if (b->prefixlen > 0 && b->prefix < start)
		start = b->prefix;
	if (b->markerlen > 0 && b->marker < start)
		start = b->marker;
	doc->textlen = start;
	doc->text[start] = '\0';
	doc->nruns = b->text.run;
	doc->nblocks--;
}

/* Open a block for text, unless one is open (or text goes to a cell). */
static void
open_block(struct walker *w)
{
	struct html_block *b;
	enum html_block_kind kind = w->kind;
	size_t plen;

	if (w->open || w->incell)
		return;
	if (w->markerlen > 0)
		kind = HTML_BLOCK_ITEM;
	if (w->pre > 0)
		kind = HTML_BLOCK_PRE;
	b = html_add_block(w->doc, kind);
	w->open = true;
	b->level = kind == HTML_BLOCK_HEADING ? w->level : 0;
	if (w->tight)
		b->blank = false;
	w->tight = false;
	plen = w->prefix.len;
	if (w->markerlen > 0)
		plen -= w->hang; /* the marker takes the hanging indent */
	if (plen > 0)
		html_set_prefix(w->doc, w->prefix.data, plen);
	if (w->markerlen > 0) {
		html_set_marker(w->doc, w->marker, w->markerlen);
		w->markerlen = 0;
		w->hang = 0;
	}
}

/* The text being filled: the open block's, or the cell's. */
static struct html_text *
target(struct walker *w)
{
	if (w->incell)
		return &w->cell;
	return &last_block(w)->text;
}

static void
emit(struct walker *w, const char *s, size_t len, unsigned style, unsigned link)
{
	if (len == 0)
		return;
	open_block(w);
	text_add(w->doc, target(w), s, len, style, link);
	w->textcount += len;
}

static bool
target_empty(struct walker *w)
{
	if (w->incell)
		return w->cell.len == 0;
	return !w->open || last_block(w)->text.len == 0;
}

static void
set_space(struct walker *w, unsigned style, unsigned link)
{
	if (w->space)
		return;
	w->space = true;
	w->spacestyle = style;
	w->spacelink = link;
}

/* Put a pending collapsed space, if any, before visible text. */
static void
flush_space(struct walker *w)
{
	struct html_doc *doc = w->doc;

	if (!w->space)
		return;
	w->space = false;
	/* No space at the start of a block or of a line after a br. */
	if (target_empty(w) || doc->text[doc->textlen - 1] == '\n')
		return;
	emit(w, " ", 1, w->spacestyle, w->spacelink);
}

static bool
is_ws(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

static void
cell_begin(struct walker *w, bool header, bool caption)
{
	/*
	 * A cell's text follows in the arena: a block still open (text
	 * that came astray before it, in broken markup) ends here.
	 */
	close_block(w);
	w->incell = true;
	w->space = false;
	w->cell.off = w->doc->textlen;
	w->cell.len = 0;
	w->cell.run = w->doc->nruns;
	w->cell.nruns = 0;
	w->cellheader = header;
	w->caption = caption;
}

/* Text content of a node: collapsed (or verbatim in pre), sanitized. */
static void
put_text(struct walker *w, const char *s, size_t len)
{
	const char *p, *end;
	unsigned style = cur_style(w), link = cur_link(w);

	if (w->tables > 0 && !w->incell) {
		size_t i;

		for (i = 0; i < len && is_ws(s[i]); i++)
			;
		if (i == len)
			return; /* white space between rows and cells */
		/*
		 * Text astray in a table's structure (browsers move it out
		 * of the table): a cell of its own, so nothing is lost.
		 */
		cell_begin(w, false, false);
		w->implicit = true;
	}
	buf_reset(&w->scratch);
	if (utf8_sanitize(&w->scratch, s, len, 0) == -1 || w->scratch.len == 0)
		return;
	p = w->scratch.data;
	end = p + w->scratch.len;
	if (w->pre > 0 && !w->incell) {
		flush_space(w);
		/* A newline right after <pre> is not part of it (HTML). */
		if (target_empty(w) && *p == '\n')
			p++;
		emit(w, p, (size_t)(end - p), style, link);
		return;
	}
	/* Collapse in place: runs of white space become one space. */
	{
		char *o = w->scratch.data, *start = o;
		bool ws = false;

		if (is_ws(*p))
			set_space(w, style, link);
		for (; p < end; p++) {
			if (is_ws(*p)) {
				ws = true;
				continue;
			}
			if (ws && o > start)
				*o++ = ' ';
			ws = false;
			*o++ = *p;
		}
		if (o > start) {
			flush_space(w);
			emit(w, start, (size_t)(o - start), style, link);
		}
		if (ws)
			set_space(w, style, link);
	}
}

/* Append s (plain ASCII/UTF-8 we produce) as visible inline text. */
static void
put_inline(struct walker *w, const char *s, unsigned style, unsigned link)
{
	flush_space(w);
	emit(w, s, strlen(s), style, link);
}

static struct frame *
push(struct walker *w, enum tag tag)
{
	struct frame *f, *up;

	w->stack =
	    xgrowarray(w->stack, &w->stackcap, w->depth + 1, sizeof(*w->stack));
	up = top(w);
	f = &w->stack[w->depth++];
	memset(f, 0, sizeof(*f));
	f->tag = tag;
	f->style = up != NULL ? up->style : 0;
	f->link = up != NULL ? up->link : 0;
	f->prefixlen = w->prefix.len;
	f->nblocks = w->doc->nblocks;
	return f;
}

static void
prefix_add(struct walker *w, const char *s)
{
	if (utf8_width(w->prefix.data != NULL ? w->prefix.data : "",
	        w->prefix.len) +
	        utf8_strwidth(s) >
	    MAX_PREFIX_COLS)
		return;
	buf_addstr(&w->prefix, s);
}

static void
prefix_spaces(struct walker *w, size_t n)
{
	while (n-- > 0)
		prefix_add(w, " ");
}

static size_t
count_items(const xmlNode *list)
{
	const xmlNode *c;
	size_t n = 0;

	for (c = list->children; c != NULL; c = c->next)
		if (c->type == XML_ELEMENT_NODE && tag_of(c) == T_LI)
			n++;
	return n;
}

/* The marker of the next item of list frame f, into w->marker. */
static void
make_marker(struct walker *w, struct frame *f)
{
	static const char *const bullets[] = {"\u2022 ", "\u25e6 ", "\u25aa "};
	char num[24];
	size_t n, pad;

	if (!f->ordered) {
		const char *b = bullets[w->lists < 3 ? w->lists - 1 : 2];

		w->markerlen = strlen(b);
		memcpy(w->marker, b, w->markerlen);
		return;
	}
	n = (size_t)snprintf(num, sizeof(num), "%ld. ", f->next);
	pad = f->markerw > n ? f->markerw - n : 0;
	if (pad + n >= sizeof(w->marker))
		pad = 0;
	memset(w->marker, ' ', pad);
	memcpy(w->marker + pad, num, n);
	w->markerlen = pad + n;
	f->next += f->step;
}

static void
enter_list(struct walker *w, struct frame *f, const xmlNode *n, bool ordered)
{
	const char *v;
	long long start;
	size_t items = count_items(n);
	long last;
	char num[24];
	const char *cause;

	close_block(w);
	w->markerlen = 0; /* an item that opens with a list: no empty line */
	w->lists++;
	f->ordered = ordered;
	f->step = 1;
	f->next = 1;
	if (ordered) {
		if (attr(n, "reversed") != NULL) {
			f->step = -1;
			f->next = (long)items;
		}
		v = attr(n, "start");
		if (v != NULL &&
		    str_tonum(v, -999999999, 999999999, &start, &cause) == 0)
			f->next = (long)start;
		last = f->next + f->step * (long)(items > 0 ? items - 1 : 0);
		f->markerw =
		    (size_t)snprintf(num, sizeof(num), "%ld. ", f->next);
		if ((size_t)snprintf(num, sizeof(num), "%ld. ", last) >
		    f->markerw)
			f->markerw = strlen(num);
	} else
		f->markerw = 2;
	/* Nested in an item: the item's text column is the indentation. */
	if (w->lis == 0)
		prefix_add(w, "  ");
	w->tight = w->lis > 0;
}

static void
enter_table(struct walker *w)
{
	close_block(w);
	w->tables++;
	if (w->tables > 1)
		return;
	w->ncells = 0;
	w->row = 0;
	w->rowopen = false;
	w->hascaption = false;
	w->incell = false;
	w->inthead = false;
}

static void
cell_end(struct walker *w)
{
	struct cellrec *c;

	if (!w->incell)
		return;
	w->incell = false;
	w->implicit = false;
	w->space = false;
	if (w->caption) {
		if (w->cell.len > 0) {
			w->captext = w->cell;
			w->hascaption = true;
		}
		return;
	}
	w->cells =
	    xgrowarray(w->cells, &w->cellcap, w->ncells + 1, sizeof(*w->cells));
	c = &w->cells[w->ncells++];
	c->row = w->row;
	c->text = w->cell;
	c->header = w->cellheader;
	w->rowopen = true;
}

static void
row_end(struct walker *w)
{
	cell_end(w);
	if (w->rowopen)
		w->row++;
	w->rowopen = false;
}

/* Lay the collected cells out as a table block (and its caption). */
static void
leave_table(struct walker *w, struct frame *f)
{
	struct html_doc *doc = w->doc;
	struct html_block *b;
	size_t i, r, ncols = 0, nrows, cnt = 0, first;
	bool inthead;

	(void)f;
	w->tables--;
	if (w->tables > 0)
		return;
	row_end(w);
	close_block(w); /* one opened by markup astray in the table */
	nrows = w->row;
	for (i = 0; i < w->ncells; i++) {
		cnt = i > 0 && w->cells[i].row == w->cells[i - 1].row ? cnt + 1
		                                                      : 1;
		if (cnt > ncols)
			ncols = cnt;
	}
	if (w->hascaption) {
		b = html_add_block(doc, HTML_BLOCK_CAPTION);
		b->text = w->captext;
		if (w->prefix.len > 0) {
			/* The prefix is stored after the text: fine, the
			 * arena only needs each piece contiguous. */
			b->prefix =
			    text_put(doc, w->prefix.data, w->prefix.len);
			b->prefixlen = w->prefix.len;
		}
		w->tight = true;
	}
	if (ncols == 0 || nrows == 0)
		goto out;
	b = html_add_block(doc, HTML_BLOCK_TABLE);
	if (w->tight)
		b->blank = false;
	w->tight = false;
	if (w->prefix.len > 0) {
		b->prefix = text_put(doc, w->prefix.data, w->prefix.len);
		b->prefixlen = w->prefix.len;
	}
	b->table.nrows = nrows;
	b->table.ncols = ncols;
	b->table.cell = doc->ncells;
	b->table.row = doc->nrowflags;
	doc->cells = xgrowarray(doc->cells, &doc->cellcap,
	    doc->ncells + nrows * ncols, sizeof(*doc->cells));
	doc->rowflags = xgrowarray(doc->rowflags, &doc->rowcap,
	    doc->nrowflags + nrows, sizeof(*doc->rowflags));
	first = doc->ncells;
	for (i = 0; i < nrows * ncols; i++) {
		doc->cells[first + i].off = doc->textlen;
		doc->cells[first + i].len = 0;
		doc->cells[first + i].run = doc->nruns;
		doc->cells[first + i].nruns = 0;
	}
	doc->ncells += nrows * ncols;
	for (r = 0; r < nrows; r++)
		doc->rowflags[doc->nrowflags + r] = true;
	for (i = 0, cnt = 0; i < w->ncells; i++) {
		struct cellrec *c = &w->cells[i];

		cnt = i > 0 && c->row == w->cells[i - 1].row ? cnt + 1 : 0;
		doc->cells[first + c->row * ncols + cnt] = c->text;
		if (!c->header)
			doc->rowflags[doc->nrowflags + c->row] = false;
	}
	/* A row with no cell at all is not a header row. */
	for (r = 0; r < nrows; r++) {
		inthead = false;
		for (i = 0; i < ncols; i++)
			if (doc->cells[first + r * ncols + i].len > 0)
				inthead = true;
		if (!inthead)
			doc->rowflags[doc->nrowflags + r] = false;
	}
	doc->nrowflags += nrows;
out:
	w->ncells = 0;
	w->incell = false;
}

/* The start of an element; false: skip its children (and its leave). */
static bool
enter(struct walker *w, const xmlNode *n)
{
	enum tag t = tag_of(n);
	struct frame *f;
	const char *v;
	char *url;

	if (tag_dropped(t) || hidden(n))
		return false;
	if (w->implicit &&
	    (t == T_TABLE || t == T_TR || t == T_TD || t == T_TH ||
	        t == T_CAPTION || t == T_THEAD || t == T_TBODY ||
	        t == T_TFOOT)) {
		cell_end(w);
		w->implicit = false;
	}
	if (w->tables > 0 && !w->incell) {
		/* Between cells: only structure matters. */
		f = push(w, t);
		switch (t) {
		case T_TABLE:
			w->tables++; /* flattened into the outer one */
			f->table = true;
			break;
		case T_TR:
			row_end(w);
			f->row = true;
			break;
		case T_TD:
		case T_TH:
			cell_begin(w, t == T_TH || w->inthead, false);
			f->cell = true;
			break;
		case T_THEAD:
			w->inthead = true;
			break;
		case T_TBODY:
		case T_TFOOT:
			w->inthead = false;
			break;
		case T_CAPTION:
			cell_begin(w, false, w->tables == 1);
			f->cell = true;
			break;
		default:
			break;
		}
		return true;
	}
	if (w->incell &&
	    (tag_block(t) || t == T_TD || t == T_TH || t == T_TR)) {
		/* Inside a cell, blocks and inner tables flow as one line. */
		set_space(w, 0, 0);
		f = push(w, t);
		if (t == T_TABLE) {
			w->tables++;
			f->table = true;
		}
		return true;
	}
	/* WordPress's older caption markup is a figcaption in all but name. */
	if ((t == T_P || t == T_DIV) && class_has(n, "wp-caption-text"))
		t = T_FIGCAPTION;
	if (tag_block(t) && t != T_TABLE)
		close_block(w);
	f = push(w, t);
	f->normal = true;
	switch (t) {
	case T_A:
		v = attr(n, "href");
		if (v == NULL || f->link != 0)
			break;
		url = resolve(v, w->base);
		if (url == NULL)
			break;
		f->url = url;
		f->newlink = link_find(w->doc, url);
		if (f->newlink == 0)
			f->newlink = (unsigned)w->doc->nlinks + 1;
		f->link = f->newlink;
		f->style |= HTML_STYLE_LINK;
		f->linktext = w->textcount;
		w->linkframe = w->depth;
		break;
	case T_B:
	case T_STRONG:
		f->style |= HTML_STYLE_BOLD;
		break;
	case T_I:
	case T_EM:
	case T_CITE:
	case T_VAR:
	case T_DFN:
		f->style |= HTML_STYLE_ITALIC;
		break;
	case T_U:
	case T_INS:
		f->style |= HTML_STYLE_UNDERLINE;
		break;
	case T_CODE:
	case T_KBD:
	case T_SAMP:
	case T_TT:
		f->style |= HTML_STYLE_CODE;
		break;
	case T_Q:
		put_inline(w, "\u201c", f->style, f->link);
		break;
	case T_BR:
		if (w->incell) {
			set_space(w, 0, 0);
			break;
		}
		w->space = false;
		if (w->pre > 0) {
			emit(w, "\n", 1, f->style, f->link);
			break;
		}
		/* A line break; a br that starts a block makes no line. */
		if (!target_empty(w))
			emit(w, "\n", 1, f->style, f->link);
		break;
	case T_WBR:
		flush_space(w);
		if (!target_empty(w))
			emit(w, "\u200b", 3, f->style, f->link);
		break;
	case T_IMG:
		v = attr(n, "alt");
		if (v != NULL && *v != '\0' && class_has(n, "emoji")) {
			/* WordPress draws emoji as images: the emoji itself. */
			put_text(w, v, strlen(v));
		} else if (v != NULL && *v != '\0') {
			char *s = xasprintf("[image: %s]", v);
			unsigned style = f->style, link = f->link;

			/* Outside a link, the image's own URL gets a number. */
			url = f->link == 0 ? image_url(n, w->base) : NULL;
			if (url != NULL) {
				f->link = link_find(w->doc, url);
				if (f->link == 0)
					f->link = html_add_link(w->doc, url);
				f->style |= HTML_STYLE_LINK;
			}
			flush_space(w);
			f->style |= HTML_STYLE_IMAGE;
			put_text(w, s, strlen(s));
			if (url != NULL) {
				char num[24];

				snprintf(num, sizeof(num), "[%u]", f->link);
				emit(w, num, strlen(num),
				    style | HTML_STYLE_LINKNUM, f->link);
			}
			f->style = style;
			f->link = link;
			free(url);
			free(s);
		}
		break;
	case T_H1:
	case T_H2:
	case T_H3:
	case T_H4:
	case T_H5:
	case T_H6:
		f->kind = w->kind;
		f->level = w->level;
		w->kind = HTML_BLOCK_HEADING;
		w->level = (int)(t - T_H1) + 1;
		f->style |= HTML_STYLE_HEADING;
		break;
	case T_FIGCAPTION:
		f->kind = w->kind;
		f->level = w->level;
		w->kind = HTML_BLOCK_CAPTION;
		f->style |= HTML_STYLE_CAPTION;
		if (w->depth >= 2 &&
		    w->doc->nblocks > w->stack[w->depth - 2].nblocks)
			w->tight = true;
		break;
	case T_PRE:
	case T_LISTING:
	case T_PLAINTEXT:
	case T_XMP:
		w->pre++;
		f->pre = true;
		f->style |= HTML_STYLE_CODE;
		break;
	case T_BLOCKQUOTE:
		prefix_add(w, "> ");
		f->style |= HTML_STYLE_QUOTE;
		break;
	case T_UL:
	case T_MENU:
	case T_DIR:
		enter_list(w, f, n, false);
		break;
	case T_OL:
		enter_list(w, f, n, true);
		break;
	case T_LI: {
		struct frame *list = NULL;
		size_t i, mw;

		for (i = w->depth - 1; i > 0; i--) {
			enum tag lt = w->stack[i - 1].tag;

			if (lt == T_UL || lt == T_OL || lt == T_MENU ||
			    lt == T_DIR) {
				list = &w->stack[i - 1];
				break;
			}
			if (lt == T_LI)
				break;
		}
		if (list == NULL) {
			/* A stray li: a bullet of the first level. */
			memcpy(w->marker, "\u2022 ", 4);
			w->markerlen = 4;
			mw = 2;
		} else {
			make_marker(w, list);
			mw = utf8_width(w->marker, w->markerlen);
			if (list->tag == T_OL && attr(n, "value") != NULL) {
				long long val;
				const char *cause;

				if (str_tonum(attr(n, "value"), -999999999,
				        999999999, &val, &cause) == 0) {
					list->next = (long)val;
					make_marker(w, list);
					mw =
					    utf8_width(w->marker, w->markerlen);
				}
			}
		}
		w->lis++;
		if (list != NULL && list->nblocks < w->doc->nblocks)
			w->tight = true;
		else if (w->lis > 1)
			w->tight = true;
		{
			size_t before = w->prefix.len;

			prefix_spaces(w, mw);
			w->hang = w->prefix.len - before;
		}
		break;
	}
	case T_DT:
		f->style |= HTML_STYLE_BOLD;
		break;
	case T_DD:
		prefix_add(w, "    ");
		w->tight = true;
		break;
	case T_HR:
		close_block(w);
		html_add_block(w->doc, HTML_BLOCK_RULE);
		if (w->prefix.len > 0)
			html_set_prefix(w->doc, w->prefix.data, w->prefix.len);
		break;
	case T_TABLE:
		enter_table(w);
		f->table = true;
		break;
	default:
		break;
	}
	return true;
}

/*
 * End the link the a frame f opened, if it is open: its number follows
 * its text ("text[N]"; none when no text came), and the elements still
 * open inside f are no longer part of it.
 */
static void
end_link(struct walker *w, struct frame *f)
{
	unsigned n = f->newlink;
	size_t i, at = (size_t)(f - w->stack);
	char num[24];

	if (n == 0)
		return;
	/* A space pending from inside the link goes after its number. */
	if (w->space && w->spacelink == n) {
		w->spacestyle = at > 0 ? w->stack[at - 1].style : 0;
		w->spacelink = at > 0 ? w->stack[at - 1].link : 0;
	}
	if (w->textcount > f->linktext) {
		html_add_link(w->doc, f->url);
		snprintf(num, sizeof(num), "[%u]", n);
		emit(w, num, strlen(num),
		    (cur_style(w) & ~HTML_STYLE_LINK) | HTML_STYLE_LINKNUM, n);
	}
	f->newlink = 0;
	w->linkframe = 0;
	for (i = at; i < w->depth; i++) {
		if (w->stack[i].link == n) {
			w->stack[i].link = 0;
			w->stack[i].style &= ~HTML_STYLE_LINK;
		}
	}
}

/* The end of an element that was entered. */
static void
leave(struct walker *w)
{
	struct frame *f = top(w);
	enum tag t = f->tag;

	if (t == T_THEAD)
		w->inthead = false;
	if (f->cell) {
		cell_end(w);
		goto pop;
	}
	if (f->row) {
		row_end(w);
		goto pop;
	}
	if (f->table) {
		if (w->tables > 1) {
			w->tables--;
			set_space(w, 0, 0);
		} else
			leave_table(w, f);
		goto pop;
	}
	if (!f->normal) {
		if (tag_block(t))
			set_space(w, 0, 0);
		goto pop;
	}
	switch (t) {
	case T_A:
		end_link(w, f);
		break;
	case T_Q:
		put_inline(w, "\u201d", f->style, f->link);
		break;
	case T_PRE:
	case T_LISTING:
	case T_PLAINTEXT:
	case T_XMP:
		close_block(w);
		w->pre--;
		break;
	case T_H1:
	case T_H2:
	case T_H3:
	case T_H4:
	case T_H5:
	case T_H6:
	case T_FIGCAPTION:
		close_block(w);
		w->kind = f->kind;
		w->level = f->level;
		break;
	case T_UL:
	case T_OL:
	case T_MENU:
	case T_DIR:
		close_block(w);
		w->lists--;
		w->tight = false;
		w->markerlen = 0;
		break;
	case T_LI:
		close_block(w);
		w->lis--;
		w->markerlen = 0;
		w->hang = 0;
		break;
	default:
		if (tag_block(t))
			close_block(w);
		break;
	}
pop:
	free(f->url);
	buf_truncate(&w->prefix, f->prefixlen);
	w->depth--;
}

static void
walk(struct walker *w, const xmlNode *root)
{
	const xmlNode *n = root->children;

	while (n != NULL) {
		bool descend = false;

		if (n->type == XML_ELEMENT_NODE) {
			if (enter(w, n)) {
				if (n->children != NULL)
					descend = true;
				else
					leave(w);
			}
		} else if (n->type == XML_TEXT_NODE ||
		    n->type == XML_CDATA_SECTION_NODE) {
			if (n->content != NULL)
				put_text(w, (const char *)n->content,
				    strlen((const char *)n->content));
		}
		if (descend) {
			n = n->children;
			continue;
		}
		while (n != NULL && n->next == NULL) {
			n = n->parent;
			if (n == NULL || n == root)
				return;
			leave(w);
		}
		if (n != NULL)
			n = n->next;
	}
}

static struct html_doc *
render_tree(const xmlNode *root, const char *base)
{
	struct walker w;

	memset(&w, 0, sizeof(w));
	w.doc = html_new();
	w.base = base;
	w.kind = HTML_BLOCK_PARA;
	buf_init(&w.prefix, BUF_NOLIMIT);
	buf_init(&w.scratch, BUF_NOLIMIT);
	if (root != NULL)
		walk(&w, root);
	/* Elements left open by a walk that stopped at the root. */
	while (w.depth > 0)
		leave(&w);
	close_block(&w);
	if (w.doc->nblocks > 0)
		w.doc->blocks[0].blank = false;
	buf_clear(&w.prefix);
	buf_clear(&w.scratch);
	free(w.stack);
	free(w.cells);
	return w.doc;
}

struct html_doc *
html_render_node(const struct _xmlNode *node, const char *base)
{
	return render_tree(node, base);
}

int
html_render(const char *html, size_t len, const char *base,
    struct html_doc **out, char **cause)
{
	htmlDocPtr doc;
	struct html_doc *d;

	if (len > HTML_MAX_SIZE) {
		*cause = xasprintf("article too large (%zu bytes)", len);
		return -1;
	}
	if (len == 0) {
		*out = html_new();
		return 0;
	}
	doc = htmlReadMemory(html, (int)len, NULL, "UTF-8",
	    HTML_PARSE_RECOVER | HTML_PARSE_NONET | HTML_PARSE_NOERROR |
	        HTML_PARSE_NOWARNING);
	d = render_tree(doc != NULL ? (const xmlNode *)doc : NULL, base);
	xmlFreeDoc(doc);
	*out = d;
	return 0;
}
