/*
 * extract -- find the article in a page (see extract.h).
 *
 * The steps and their thresholds follow Mozilla Readability's published
 * algorithm, so that its test pages measure us; the code is our own and
 * walks libxml2's tree without recursion.  Per-element state (score,
 * data-table mark) hangs off node->_private as an index into ctx->info.
 */
#include "extract.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>

#include "buf.h"
#include "cache.h"
#include "extract_int.h"
#include "text.h"
#include "utf8.h"
#include "util.h"

enum {
	FLAG_STRIP_UNLIKELYS = 1 << 0,
	FLAG_WEIGHT_CLASSES = 1 << 1,
	FLAG_CLEAN_CONDITIONALLY = 1 << 2,
};

#define CHAR_THRESHOLD 500 /* shorter articles are tried again */
#define NB_TOP_CANDIDATES 5
#define MIN_TOP_CANDIDATES 3   /* agreeing runners-up that lift the pick */
#define UNLIKELY_MORE_MAX 1000 /* characters: see unlikely() */

/*
 * What the normalized text of a subtree looks like at its edges, so that
 * lengths combine exactly: the length of a parent is the sum of its
 * children's, plus one for each white space run between them.
 */
struct tsum {
	size_t core;  /* UTF-16 units, first to last non-space character */
	bool content; /* any non-space character */
	bool lead;    /* white space before the content (or at all) */
	bool trail;   /* white space after the content */
};

struct ninfo {
	double score;   /* content score */
	bool scored;    /* initialized as a candidate */
	bool datatable; /* a table of data, not of layout */
	/* Text statistics of the subtree, valid while tvalid. */
	bool tvalid;
	struct tsum sum;
	double links;  /* text length inside links, weighted */
	size_t commas; /* commas of any script */
	size_t ascii_commas;
};

/* A growable list of nodes; borrowed pointers. */
struct nlist {
	xmlNode **v;
	size_t n, cap;
};

struct ctx {
	const char *title;       /* the article's title; borrowed */
	const char *meta_byline; /* the metadata's author(s); borrowed */
	char *byline;            /* a byline found in the page, or NULL */
	bool byline_line;        /* a line naming the authors was dropped */
	unsigned flags;
	struct nlist *grave; /* removed nodes kept until the end, or NULL */
	struct ninfo *info;  /* indexed by (uintptr_t)node->_private - 1 */
	size_t ninfo, capinfo;
};

static size_t tlen(struct ctx *, xmlNode *);

/* ---- patterns over class and id ---- */

/*
 * Each pattern is matched case-insensitively in "class id".  A plain
 * pattern matches anywhere; "=x" only as a whole space-separated word;
 * "|x" only between non-alphanumeric characters (or the ends).
 */
static const char *const unlikely_pats[] = {"-ad-", "ai2html", "banner",
    "breadcrumbs", "combx", "comment", "community", "cover-wrap", "disqus",
    "extra", "footer", "gdpr", "header", "legends", "menu", "related", "remark",
    "replies", "rss", "shoutbox", "sidebar", "skyscraper", "social", "sponsor",
    "supplemental", "ad-break", "agegate", "pagination", "pager", "popup",
    "yom-remote", NULL};
/*
 * Beyond Readability's list: widgets, navigation, promotions, share bars
 * and ads (the issue's list), spared like Readability's when they also
 * look like content ...
 */
static const char *const unlikely_more_pats[] = {"|nav", "navbar", "navigation",
    "promo", "|share", "|ad", "|ads", "advert", NULL};
/* ... and author boxes and ad slots, which go even then. */
static const char *const unlikely_always_pats[] = {"author-box", "authorbox",
    "author-bio", "about-author", "td-a-ad", "adsbygoogle", NULL};
static const char *const maybe_pats[] = {"and", "article", "body", "column",
    "content", "main", "mathjax", "shadow", NULL};
static const char *const positive_pats[] = {"article", "body", "content",
    "entry", "hentry", "h-entry", "main", "page", "pagination", "post", "text",
    "blog", "story", NULL};
static const char *const negative_pats[] = {"-ad-", "hidden", "=hid", "banner",
    "combx", "comment", "com-", "contact", "footer", "gdpr", "masthead",
    "media", "meta", "outbrain", "promo", "related", "scroll", "share",
    "shoutbox", "sidebar", "skyscraper", "sponsor", "shopping", "tags",
    "widget", NULL};
static const char *const byline_pats[] = {"byline", "author", "dateline",
    "writtenby", "p-author", NULL};
static const char *const share_pats[] = {"|share", "|sharedaddy", NULL};

/* ASCII only, whatever the locale (ctype.h's answers depend on it). */
static bool
alnum(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9');
}

static bool
space(unsigned char c)
{
	return c == ' ' || (c >= '\t' && c <= '\r');
}

static bool
pat_match(const char *s, const char *pat)
{
	const char *p = s, *hit;
	size_t n;
	char mode = 0;

	if (*pat == '=' || *pat == '|')
		mode = *pat++;
	n = strlen(pat);
	while ((hit = strstr(p, pat)) != NULL) {
		unsigned char before = hit > s ? (unsigned char)hit[-1] : ' ';
		unsigned char after = (unsigned char)hit[n];
		if (after == '\0')
			after = ' ';
		if (mode == 0)
			return true;
		if (mode == '=' && before == ' ' && after == ' ')
			return true;
		if (mode == '|' && !alnum(before) && !alnum(after))
			return true;
		p = hit + 1;
	}
	return false;
}

/* s must be in lower case (match_string() gives it so). */
static bool
pat_any(const char *s, const char *const *pats)
{
	if (s[strspn(s, " ")] == '\0')
		return false; /* no class, no id: the common case */
	for (; *pats != NULL; pats++)
		if (pat_match(s, *pats))
			return true;
	return false;
}

/* The same for a string in any case. */
static bool
pat_any_ci(const char *s, const char *const *pats)
{
	char small[256], *low = small;
	size_t i, n = strlen(s);
	bool r;

	if (n >= sizeof(small))
		low = xmalloc(n + 1);
	for (i = 0; i <= n; i++)
		low[i] = s[i] >= 'A' && s[i] <= 'Z' ? s[i] + ('a' - 'A') : s[i];
	r = pat_any(low, pats);
	if (low != small)
		free(low);
	return r;
}

/*
 * Readability's test, widened by our two lists; these only take nodes
 * with little text, as an ad, a menu or an author box has (a content
 * wrapper with "share" in its id holds the whole article).
 */
static bool
unlikely(struct ctx *c, const char *match, xmlNode *n)
{
	if (pat_any(match, unlikely_pats) && !pat_any(match, maybe_pats))
		return true;
	if (pat_any(match, unlikely_always_pats) ||
	    (pat_any(match, unlikely_more_pats) && !pat_any(match, maybe_pats)))
		return tlen(c, n) < UNLIKELY_MORE_MAX;
	return false;
}

/* "class id" of n into b. */
static const char *
match_string(const xmlNode *n, struct buf *b)
{
	const char *c = ex_attr(n, "class"), *id = ex_attr(n, "id");

	size_t i;

	buf_reset(b);
	buf_printf(b, "%s %s", c != NULL ? c : "", id != NULL ? id : "");
	/* Lower case once: the patterns are. */
	for (i = 0; i < b->len; i++)
		if (b->data[i] >= 'A' && b->data[i] <= 'Z')
			b->data[i] += 'a' - 'A';
	return buf_str(b);
}

/* ---- tags ---- */

static const char *const tags_to_score[] = {"section", "h2", "h3", "h4", "h5",
    "h6", "p", "td", "pre", NULL};
static const char *const div_to_p_elems[] = {"blockquote", "dl", "div", "img",
    "ol", "p", "pre", "table", "ul", NULL};
static const char *const phrasing_elems[] = {"abbr", "audio", "b", "bdo", "br",
    "button", "cite", "code", "data", "datalist", "dfn", "em", "embed", "i",
    "img", "input", "kbd", "label", "mark", "math", "meter", "noscript",
    "object", "output", "progress", "q", "ruby", "samp", "script", "select",
    "small", "span", "strong", "sub", "sup", "textarea", "time", "var", "wbr",
    NULL};
static const char *const unlikely_roles[] = {"menu", "menubar", "complementary",
    "navigation", "alert", "alertdialog", "dialog", NULL};
static const char *const headings[] = {"h1", "h2", "h3", "h4", "h5", "h6",
    NULL};

static bool
in_list(const char *s, const char *const *list)
{
	if (s == NULL)
		return false;
	for (; *list != NULL; list++)
		if (s[0] == (*list)[0] && strcmp(s, *list) == 0)
			return true;
	return false;
}

/* ---- per-node state ---- */

static struct ninfo *
info(struct ctx *c, xmlNode *n)
{
	uintptr_t i = (uintptr_t)n->_private;

	if (i == 0) {
		if (c->ninfo == c->capinfo) {
			c->capinfo = c->capinfo ? c->capinfo * 2 : 256;
			c->info = xreallocarray(c->info, c->capinfo,
			    sizeof(*c->info));
		}
		memset(&c->info[c->ninfo], 0, sizeof(c->info[0]));
		i = ++c->ninfo;
		n->_private = (void *)i;
	}
	return &c->info[i - 1];
}

static struct ninfo *
info_get(struct ctx *c, const xmlNode *n)
{
	uintptr_t i = (uintptr_t)n->_private;

	return i == 0 ? NULL : &c->info[i - 1];
}

static bool
scored(struct ctx *c, const xmlNode *n)
{
	struct ninfo *in = info_get(c, n);

	return in != NULL && in->scored;
}

/* ---- text statistics, cached per element ---- */

/*
 * The cache holds for an element while its subtree is unchanged; every
 * edit calls touched() on the parent it changed, which drops the cache
 * there and above.  Valid elements only have valid descendants, so the
 * walk up stops at the first invalid one.
 */
static void
touched(struct ctx *c, xmlNode *n)
{
	struct ninfo *in;

	if (c == NULL)
		return;
	for (; n != NULL && n->type == XML_ELEMENT_NODE; n = n->parent) {
		in = info_get(c, n);
		if (in == NULL || !in->tvalid)
			break;
		in->tvalid = false;
	}
}

static bool
is_comma(const char *s, size_t *w)
{
	static const char *const commas[] = {"\xd8\x8c", "\xef\xb9\x90",
	    "\xef\xb8\x90", "\xef\xb8\x91", "\xe2\xb9\x81", "\xe2\xb8\xb4",
	    "\xe2\xb8\xb2", "\xef\xbc\x8c", NULL};
	size_t i;

	for (i = 0; commas[i] != NULL; i++) {
		*w = strlen(commas[i]);
		if (strncmp(s, commas[i], *w) == 0)
			return true;
	}
	return false;
}

static void
tsum_text(const char *s, struct tsum *t, size_t *commas, size_t *ascii)
{
	size_t len = strlen(s), i = 0, w;
	bool pending = false;
	unsigned char ch;

	memset(t, 0, sizeof(*t));
	while (i < len) {
		if (ex_space(s + i, len - i, &w)) {
			pending = true;
			if (!t->content)
				t->lead = true;
			i += w;
			continue;
		}
		if (t->content && pending)
			t->core++;
		t->content = true;
		pending = false;
		ch = (unsigned char)s[i];
		if (ch == ',') {
			(*commas)++;
			(*ascii)++;
		} else if (ch >= 0x80 && is_comma(s + i, &w)) {
			(*commas)++;
		}
		w = ch < 0x80 ? 1 : ch < 0xe0 ? 2 : ch < 0xf0 ? 3 : 4;
		if (w > len - i)
			w = len - i;
		t->core += w == 4 ? 2 : 1;
		i += w;
	}
	t->trail = t->content && pending;
}

static void
tsum_cat(struct tsum *a, const struct tsum *b)
{
	if (!b->content) {
		if (a->content)
			a->trail = a->trail || b->lead;
		else
			a->lead = a->lead || b->lead;
		return;
	}
	if (!a->content) {
		bool lead = a->lead || b->lead;
		*a = *b;
		a->lead = lead;
		return;
	}
	a->core += b->core + (a->trail || b->lead ? 1 : 0);
	a->trail = b->trail;
}

static double
link_weight(const xmlNode *a)
{
	const char *href = ex_attr(a, "href");

	/* In-page links ("#section") count less: a table of contents. */
	return href != NULL && href[0] == '#' && href[1] != '\0' ? 0.3 : 1;
}

/* Compute n's statistics from its children's (which are valid). */
static void
stats_finish(struct ctx *c, xmlNode *n)
{
	struct ninfo *in = info(c, n), *ci;
	struct tsum t;
	xmlNode *k;

	memset(&in->sum, 0, sizeof(in->sum));
	in->links = 0;
	in->commas = in->ascii_commas = 0;
	for (k = n->children; k != NULL; k = k->next) {
		if (k->type == XML_TEXT_NODE ||
		    k->type == XML_CDATA_SECTION_NODE) {
			if (k->content == NULL)
				continue;
			tsum_text((const char *)k->content, &t, &in->commas,
			    &in->ascii_commas);
			tsum_cat(&in->sum, &t);
		} else if (k->type == XML_ELEMENT_NODE) {
			ci = info_get(c, k);
			tsum_cat(&in->sum, &ci->sum);
			in->links += ci->links;
			if (strcmp(ex_tag(k), "a") == 0)
				in->links +=
				    link_weight(k) * (double)ci->sum.core;
			in->commas += ci->commas;
			in->ascii_commas += ci->ascii_commas;
		}
	}
	in = info_get(c, n); /* info() above may have moved the array */
	in->tvalid = true;
}

static bool
tvalid(struct ctx *c, const xmlNode *n)
{
	struct ninfo *in = info_get(c, n);

	return in != NULL && in->tvalid;
}

/* n's statistics, computed where the cache lacks them (post-order). */
static struct ninfo *
stats(struct ctx *c, xmlNode *x)
{
	xmlNode *n = x, *k;

	if (tvalid(c, x))
		return info_get(c, x);
	k = n->children;
	for (;;) {
		while (k != NULL &&
		    !(k->type == XML_ELEMENT_NODE && !tvalid(c, k)))
			k = k->next;
		if (k != NULL) {
			n = k;
			k = n->children;
			continue;
		}
		stats_finish(c, n);
		if (n == x)
			break;
		k = n->next;
		n = n->parent;
	}
	return info_get(c, x);
}

/* Length of n's normalized text (any node type). */
static size_t
tlen(struct ctx *c, xmlNode *n)
{
	struct tsum t;
	size_t k1 = 0, k2 = 0;

	if (n->type == XML_ELEMENT_NODE)
		return stats(c, n)->sum.core;
	if ((n->type != XML_TEXT_NODE && n->type != XML_CDATA_SECTION_NODE) ||
	    n->content == NULL)
		return 0;
	tsum_text((const char *)n->content, &t, &k1, &k2);
	return t.core;
}

static void
nlist_add(struct nlist *l, xmlNode *n)
{
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 64;
		l->v = xreallocarray(l->v, l->cap, sizeof(*l->v));
	}
	l->v[l->n++] = n;
}

static void
nlist_free(struct nlist *l)
{
	free(l->v);
	memset(l, 0, sizeof(*l));
}

static size_t
count_tag(xmlNode *root, const char *tag)
{
	xmlNode *n;
	size_t k = 0;

	for (n = root->children; n != NULL; n = ex_walk(n, root, false))
		if (ex_is(n, tag))
			k++;
	return k;
}

/* Does s[0..len) start with word, in any case?  (s is not a string.) */
static bool
prefix_ci(const char *s, size_t len, const char *word)
{
	size_t i, n = strlen(word);

	if (len < n)
		return false;
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c >= 'A' && c <= 'Z')
			c += 'a' - 'A';
		if (c != (unsigned char)word[i])
			return false;
	}
	return true;
}

/* ---- Readability's node predicates ---- */

static bool
is_whitespace(const xmlNode *n)
{
	if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE)
		return !ex_has_text(n);
	return ex_is(n, "br");
}

static bool
is_phrasing(const xmlNode *root)
{
	const xmlNode *n;

	if (root->type == XML_TEXT_NODE || root->type == XML_CDATA_SECTION_NODE)
		return true;
	if (root->type != XML_ELEMENT_NODE)
		return false;
	if (in_list(ex_tag(root), phrasing_elems))
		return true;
	if (!ex_is(root, "a") && !ex_is(root, "del") && !ex_is(root, "ins"))
		return false;
	/* a, del, ins: phrasing when all their content is. */
	n = root->children;
	while (n != NULL) {
		if (n->type == XML_TEXT_NODE ||
		    n->type == XML_CDATA_SECTION_NODE) {
			n = ex_walk(n, root, true);
			continue;
		}
		if (n->type != XML_ELEMENT_NODE)
			return false;
		if (in_list(ex_tag(n), phrasing_elems)) {
			n = ex_walk(n, root, true);
			continue;
		}
		if (!ex_is(n, "a") && !ex_is(n, "del") && !ex_is(n, "ins"))
			return false;
		n = ex_walk(n, root, false);
	}
	return true;
}

static bool
has_block_child(xmlNode *root)
{
	xmlNode *n;

	for (n = root->children; n != NULL; n = ex_walk(n, root, false))
		if (n->type == XML_ELEMENT_NODE &&
		    in_list(ex_tag(n), div_to_p_elems))
			return true;
	return false;
}

/* One element child named tag, and no text beside it. */
static bool
single_tag_inside(const xmlNode *n, const char *tag)
{
	const xmlNode *c;
	size_t k = 0;

	for (c = n->children; c != NULL; c = c->next) {
		if (c->type == XML_ELEMENT_NODE) {
			if (++k > 1 || strcmp(ex_tag(c), tag) != 0)
				return false;
		} else if (c->type == XML_TEXT_NODE && !is_whitespace(c)) {
			return false;
		}
	}
	return k == 1;
}

static bool
without_content(xmlNode *n)
{
	size_t kids;

	if (ex_has_text(n))
		return false;
	kids = ex_count_el(n);
	return kids == 0 || kids == count_tag(n, "br") + count_tag(n, "hr");
}

/* An ancestor named tag within max levels (0: any), passing datatable. */
static bool
has_ancestor(struct ctx *c, const xmlNode *n, const char *tag, int max,
    bool need_datatable)
{
	int depth = 0;

	for (n = n->parent; n != NULL && n->type == XML_ELEMENT_NODE;
	     n = n->parent, depth++) {
		if (max > 0 && depth > max)
			return false;
		if (strcmp(ex_tag(n), tag) == 0 &&
		    (!need_datatable ||
		        (info_get(c, n) != NULL && info_get(c, n)->datatable)))
			return true;
	}
	return false;
}

/* Is s[0..n) word, in any case, with white space around it? */
static bool
css_word(const char *s, size_t n, const char *word)
{
	size_t w = strlen(word);

	while (n > 0 && strchr(" \t\n\r\f", *s) != NULL) {
		s++;
		n--;
	}
	while (n > 0 && strchr(" \t\n\r\f", s[n - 1]) != NULL)
		n--;
	return n == w && prefix_ci(s, n, word);
}

/*
 * A style attribute that hides the element: display: none or visibility:
 * hidden (a trailing !important aside).  Read in place: pages carry
 * thousands of style attributes.
 */
static bool
hiding_style(const char *p)
{
	while (*p != '\0') {
		size_t len = strcspn(p, ";"), k = strcspn(p, ":"), vlen;
		const char *v = p + k + 1, *bang;

		if (k < len) {
			vlen = len - k - 1;
			bang = memchr(v, '!', vlen);
			if (bang != NULL)
				vlen = (size_t)(bang - v);
			if ((css_word(p, k, "display") &&
			        css_word(v, vlen, "none")) ||
			    (css_word(p, k, "visibility") &&
			        css_word(v, vlen, "hidden")))
				return true;
		}
		p += len;
		if (*p == ';')
			p++;
	}
	return false;
}

static bool
visible(const xmlNode *n)
{
	const char *style = ex_attr(n, "style"), *v;

	if (style != NULL && hiding_style(style))
		return false;
	if (ex_attr(n, "hidden") != NULL)
		return false;
	v = ex_attr(n, "aria-hidden");
	if (v != NULL && strcmp(v, "true") == 0) {
		const char *cls = ex_attr(n, "class");
		if (cls == NULL || strstr(cls, "fallback-image") == NULL)
			return false;
	}
	return true;
}

/* ---- scores ---- */

static int
class_weight(struct ctx *c, const xmlNode *n)
{
	const char *v;
	int w = 0;

	if (!(c->flags & FLAG_WEIGHT_CLASSES))
		return 0;
	v = ex_attr(n, "class");
	if (v != NULL && *v != '\0') {
		if (pat_any_ci(v, negative_pats))
			w -= 25;
		if (pat_any_ci(v, positive_pats))
			w += 25;
	}
	v = ex_attr(n, "id");
	if (v != NULL && *v != '\0') {
		if (pat_any_ci(v, negative_pats))
			w -= 25;
		if (pat_any_ci(v, positive_pats))
			w += 25;
	}
	return w;
}

static void
init_node(struct ctx *c, xmlNode *n)
{
	struct ninfo *in = info(c, n);
	const char *t = ex_tag(n);
	double s = 0;

	if (strcmp(t, "div") == 0)
		s += 5;
	else if (strcmp(t, "pre") == 0 || strcmp(t, "td") == 0 ||
	    strcmp(t, "blockquote") == 0)
		s += 3;
	else if (strcmp(t, "address") == 0 || strcmp(t, "ol") == 0 ||
	    strcmp(t, "ul") == 0 || strcmp(t, "dl") == 0 ||
	    strcmp(t, "dd") == 0 || strcmp(t, "dt") == 0 ||
	    strcmp(t, "li") == 0 || strcmp(t, "form") == 0)
		s -= 3;
	else if (in_list(t, headings) || strcmp(t, "th") == 0)
		s -= 5;
	in->score = s + class_weight(c, n);
	in->scored = true;
}

/* Share of n's text inside links (nested links count again). */
static double
link_density(struct ctx *c, xmlNode *n)
{
	struct ninfo *in = stats(c, n);

	if (in->sum.core == 0)
		return 0;
	return in->links / (double)in->sum.core;
}

/* ---- tree edits ---- */

/*
 * Remove n (and its subtree).  While the article is cleaned, removed
 * nodes wait in c->grave, so that lists of nodes made before stay safe
 * to look at (attached() tells the living).
 */
static void
drop(struct ctx *c, xmlNode *n)
{
	xmlNode *parent = n->parent;

	if (c != NULL && c->grave != NULL) {
		xmlUnlinkNode(n);
		nlist_add(c->grave, n);
	} else {
		ex_remove(n);
	}
	touched(c, parent);
}

/* Is n still in the tree under root? */
static bool
attached(const xmlNode *n, const xmlNode *root)
{
	for (; n != NULL; n = n->parent)
		if (n == root)
			return true;
	return false;
}

static xmlNode *
remove_and_next(struct ctx *c, xmlNode *n)
{
	xmlNode *next = ex_next_node(n, true);

	drop(c, n);
	return next;
}

static void
rename_node(xmlNode *n, const char *tag)
{
	xmlNodeSetName(n, (const xmlChar *)tag);
}

/* Move n to the end of parent's children. */
static void
append(struct ctx *c, xmlNode *parent, xmlNode *n)
{
	touched(c, n->parent);
	xmlUnlinkNode(n);
	/* xmlAddChild merges adjacent text; then n is freed (fine here). */
	xmlAddChild(parent, n);
	touched(c, parent);
}

/* Put new (unlinked) in old's place; old is unlinked, not freed. */
static void
replace(struct ctx *c, xmlNode *old, xmlNode *new)
{
	touched(c, new->parent);
	touched(c, old->parent);
	xmlReplaceNode(old, new);
}

/* ---- preparing the document (once) ---- */

/*
 * Two or more <br> in a row end a paragraph: the phrasing content after
 * them goes into a new <p> (Readability's _replaceBrs).
 */
static xmlNode *
next_significant(xmlNode *n)
{
	while (n != NULL && n->type != XML_ELEMENT_NODE && is_whitespace(n))
		n = n->next;
	return n;
}

static void
replace_brs(struct nlist *brs)
{
	struct nlist l = *brs;
	xmlNode *n, *next, *p, *sib;
	bool replaced;
	size_t i;

	for (i = 0; i < l.n; i++) {
		xmlNode *b = l.v[i];
		if (b->parent == NULL || b->_private == (void *)1)
			continue; /* already removed below */
		replaced = false;
		n = b->next;
		while ((n = next_significant(n)) != NULL && ex_is(n, "br")) {
			replaced = true;
			next = n->next;
			/* Mark: a later entry of l must skip it. */
			xmlUnlinkNode(n);
			n->_private = (void *)1;
			n->parent = NULL;
			n = next;
		}
		if (!replaced)
			continue;
		p = xmlNewDocNode(b->doc, NULL, (const xmlChar *)"p", NULL);
		replace(NULL, b, p);
		b->_private = (void *)1;
		b->parent = NULL;
		n = p->next;
		while (n != NULL) {
			if (ex_is(n, "br")) {
				xmlNode *ne = next_significant(n->next);
				if (ne != NULL && ex_is(ne, "br"))
					break;
			}
			if (!is_phrasing(n))
				break;
			sib = n->next;
			append(NULL, p, n);
			n = sib;
		}
		while (p->last != NULL && is_whitespace(p->last)) {
			n = p->last;
			xmlUnlinkNode(n);
			if (ex_is(n, "br"))
				n->_private = (void *)1; /* in l: freed below */
			else
				xmlFreeNode(n);
		}
		if (ex_is(p->parent, "p"))
			rename_node(p->parent, "div");
	}
	/* Free the <br>s taken out, now that nothing points at them. */
	for (i = 0; i < l.n; i++)
		if (l.v[i]->_private == (void *)1)
			xmlFreeNode(l.v[i]);
}

static void
prep_document(xmlDoc *doc)
{
	/* Never text: code, styles, and AMP's ads, trackers and menus. */
	static const char *const drop[] = {"script", "noscript", "style",
	    "template", "svg", "amp-ad", "amp-embed", "amp-sticky-ad",
	    "amp-auto-ads", "amp-analytics", "amp-pixel", "amp-sidebar",
	    "amp-consent", "amp-geo", NULL};
	struct nlist brs = {NULL, 0, 0}, fonts = {NULL, 0, 0};
	struct nlist amp = {NULL, 0, 0};
	xmlNode *root = xmlDocGetRootElement(doc), *n, *next;
	size_t i;

	if (root == NULL)
		return;
	/* One walk: what goes, and what changes after. */
	for (n = root; n != NULL; n = next) {
		next = ex_walk(n, NULL, false);
		if (n->type == XML_COMMENT_NODE || n->type == XML_PI_NODE) {
			/* Comments carry nothing we show. */
			ex_remove(n);
		} else if (n->type != XML_ELEMENT_NODE) {
			continue;
		} else if (in_list(ex_tag(n), drop)) {
			next = ex_walk(n, NULL, true);
			ex_remove(n);
		} else if (strcmp(ex_tag(n), "br") == 0) {
			nlist_add(&brs, n);
		} else if (strcmp(ex_tag(n), "font") == 0) {
			nlist_add(&fonts, n);
		} else if (strcmp(ex_tag(n), "amp-img") == 0) {
			nlist_add(&amp, n);
		}
	}
	replace_brs(&brs);
	for (i = 0; i < fonts.n; i++)
		rename_node(fonts.v[i], "span");
	/* An AMP image is an image (its fallback children are not). */
	for (i = amp.n; i-- > 0;) { /* inner ones first: outer frees them */
		rename_node(amp.v[i], "img");
		while (amp.v[i]->children != NULL)
			ex_remove(amp.v[i]->children);
	}
	nlist_free(&brs);
	nlist_free(&fonts);
	nlist_free(&amp);
}

/* ---- grabbing the article ---- */

static bool
check_byline(struct ctx *c, xmlNode *n, const char *match)
{
	const char *rel, *itemprop;
	char *t;
	size_t len;

	if (c->byline != NULL)
		return false;
	rel = ex_attr(n, "rel");
	itemprop = ex_attr(n, "itemprop");
	if (!((rel != NULL && strcmp(rel, "author") == 0) ||
	        (itemprop != NULL && strstr(itemprop, "author") != NULL) ||
	        pat_any(match, byline_pats)))
		return false;
	t = ex_text(n, true);
	len = ex_u16len(t);
	if (len == 0 || len >= 100) {
		free(t);
		return false;
	}
	c->byline = t;
	return true;
}

/*
 * A short line naming the authors the metadata gives ("Shirin Ahmadi and
 * Ali Nouri | 18 March 2024"): the header shows them already.  Every
 * name must be in it, and little else: at most a few words more.
 */
static bool
names_authors(struct ctx *c, xmlNode *n)
{
	char *t, *names, *name, *save = NULL;
	size_t len, rest;
	bool all = true;
	const char *p;

	if (c->byline != NULL || c->byline_line || c->meta_byline == NULL ||
	    n->type != XML_ELEMENT_NODE)
		return false;
	len = tlen(c, n);
	if (len == 0 || len >= 100)
		return false;
	t = ex_text(n, true);
	names = xstrdup(c->meta_byline);
	rest = ex_u16len(t);
	for (name = strtok_r(names, ",;&", &save); name != NULL && all;
	     name = strtok_r(NULL, ",;&", &save)) {
		char *nm = ex_normalize(name);
		if (strncmp(nm, "and ", 4) == 0)
			memmove(nm, nm + 4, strlen(nm + 4) + 1);
		if (*nm != '\0') {
			p = ex_strcasestr(t, nm);
			if (p == NULL)
				all = false;
			else if (ex_u16len(nm) <= rest)
				rest -= ex_u16len(nm);
		}
		free(nm);
	}
	free(names);
	free(t);
	/* "By", "and", a date: a line of more is a sentence. */
	if (all && rest <= 30) {
		c->byline_line = true;
		return true;
	}
	return false;
}

static bool
header_duplicates_title(struct ctx *c, xmlNode *n)
{
	char *h;
	bool dup;

	if ((!ex_is(n, "h1") && !ex_is(n, "h2")) || c->title == NULL)
		return false;
	h = ex_text(n, false);
	dup = ex_similarity(c->title, h) > 0.75;
	free(h);
	return dup;
}

/* Readability's div handling: phrasing runs into <p>, lone <p> hoisted. */
static xmlNode *
fix_div(struct ctx *c, xmlNode *node, struct nlist *to_score)
{
	xmlNode *child, *next, *p = NULL;

	for (child = node->children; child != NULL; child = next) {
		next = child->next;
		if (is_phrasing(child)) {
			if (p != NULL) {
				append(c, p, child);
			} else if (!is_whitespace(child)) {
				p = xmlNewDocNode(node->doc, NULL,
				    (const xmlChar *)"p", NULL);
				replace(c, child, p);
				append(c, p, child);
			}
		} else if (p != NULL) {
			while (p->last != NULL && is_whitespace(p->last))
				drop(c, p->last);
			p = NULL;
		}
	}
	if (single_tag_inside(node, "p") && link_density(c, node) < 0.25) {
		xmlNode *kid = ex_first_el(node);
		replace(c, node, kid);
		/* kid took node's place; node is detached and empty of it. */
		xmlFreeNode(node);
		nlist_add(to_score, kid);
		return kid;
	}
	if (!has_block_child(node)) {
		rename_node(node, "p");
		nlist_add(to_score, node);
	}
	return node;
}

/*
 * Score the paragraphs and their ancestors; returns each paragraph's text
 * length (0 for those too short to count), caller frees.
 */
static size_t *
score_paragraphs(struct ctx *c, struct nlist *to_score, struct nlist *cands)
{
	size_t i, level, *lens;
	xmlNode *el, *anc;

	lens = xcalloc(to_score->n + 1, sizeof(*lens));
	for (i = 0; i < to_score->n; i++) {
		struct ninfo *in;
		size_t len;
		double s;

		el = to_score->v[i];
		if (el->parent == NULL || el->parent->type != XML_ELEMENT_NODE)
			continue;
		in = stats(c, el);
		len = in->sum.core;
		if (len < 25)
			continue;
		lens[i] = len;
		s = 1 + (double)(in->commas + 1) +
		    (double)(len / 100 < 3 ? len / 100 : 3);
		for (anc = el->parent, level = 0;
		     anc != NULL && anc->type == XML_ELEMENT_NODE && level < 5;
		     anc = anc->parent, level++) {
			double div;
			if (anc->parent == NULL ||
			    anc->parent->type != XML_ELEMENT_NODE)
				continue;
			if (!scored(c, anc)) {
				init_node(c, anc);
				nlist_add(cands, anc);
			}
			div = level == 0 ? 1
			    : level == 1 ? 2
			                 : (double)level * 3;
			info(c, anc)->score += s / div;
		}
	}
	return lens;
}

static bool
is_ancestor_in(const xmlNode *a, const xmlNode *n)
{
	/* Is a an ancestor of n? */
	for (n = n->parent; n != NULL; n = n->parent)
		if (n == a)
			return true;
	return false;
}

static xmlNode *
pick_top(struct ctx *c, struct nlist *cands, xmlNode *body, bool *created)
{
	xmlNode *top[NB_TOP_CANDIDATES] = {NULL};
	size_t ntop = 0, i, t, alts = 0;
	xmlNode *alt[NB_TOP_CANDIDATES];
	xmlNode *best, *parent, *n;
	double last, threshold;

	for (i = 0; i < cands->n; i++) {
		xmlNode *cand = cands->v[i];
		struct ninfo *in;
		double ld = link_density(c, cand);
		in = info(c, cand); /* stats() may have moved the array */
		in->score *= 1 - ld;
		for (t = 0; t < NB_TOP_CANDIDATES; t++) {
			if (t >= ntop || in->score > info(c, top[t])->score) {
				memmove(&top[t + 1], &top[t],
				    (NB_TOP_CANDIDATES - t - 1) *
				        sizeof(top[0]));
				top[t] = cand;
				if (ntop < NB_TOP_CANDIDATES)
					ntop++;
				break;
			}
		}
	}
	*created = false;
	best = ntop > 0 ? top[0] : NULL;
	if (best == NULL || best == body) {
		/* Nothing stands out: the whole body, in a new div. */
		best = xmlNewDocNode(body->doc, NULL, (const xmlChar *)"div",
		    NULL);
		while (body->children != NULL)
			append(c, best, body->children);
		xmlAddChild(body, best);
		touched(c, body);
		init_node(c, best);
		*created = true;
		return best;
	}
	/* Runners-up close in score that share an ancestor lift the pick. */
	for (i = 1; i < ntop; i++)
		if (info(c, top[i])->score / info(c, best)->score >= 0.75)
			alt[alts++] = top[i];
	if (alts >= MIN_TOP_CANDIDATES) {
		for (parent = best->parent; parent != NULL &&
		     parent->type == XML_ELEMENT_NODE && parent != body;
		     parent = parent->parent) {
			size_t k = 0;
			for (i = 0; i < alts && k < MIN_TOP_CANDIDATES; i++)
				k += is_ancestor_in(parent, alt[i]);
			if (k >= MIN_TOP_CANDIDATES) {
				best = parent;
				break;
			}
		}
	}
	if (!scored(c, best))
		init_node(c, best);
	/* A parent scoring higher (not much lower) holds more of it. */
	last = info(c, best)->score;
	threshold = last / 3;
	for (parent = best->parent; parent != NULL &&
	     parent->type == XML_ELEMENT_NODE && parent != body;
	     parent = parent->parent) {
		double ps;
		if (!scored(c, parent))
			continue;
		ps = info(c, parent)->score;
		if (ps < threshold)
			break;
		if (ps > last) {
			best = parent;
			break;
		}
		last = ps;
	}
	/* An only child stands for its parent. */
	for (n = best->parent; n != NULL && n->type == XML_ELEMENT_NODE &&
	     n != body && ex_count_el(n) == 1;
	     n = n->parent)
		best = n;
	if (!scored(c, best))
		init_node(c, best);
	return best;
}

static bool
sentence_end(const char *s)
{
	/* Readability's /\.( |$)/. */
	const char *p;

	for (p = strchr(s, '.'); p != NULL; p = strchr(p + 1, '.'))
		if (p[1] == ' ' || p[1] == '\0')
			return true;
	return false;
}

static xmlNode *
gather_siblings(struct ctx *c, xmlNode *best, bool created)
{
	static const char *const keep_tag[] = {"div", "article", "section", "p",
	    NULL};
	xmlNode *article, *parent = best->parent, *sib, *next;
	double top = info(c, best)->score;
	double threshold = top * 0.2 > 10 ? top * 0.2 : 10;
	const char *best_class = ex_attr(best, "class");

	(void)created;
	article = xmlNewDocNode(best->doc, NULL, (const xmlChar *)"div", NULL);
	for (sib = ex_first_el(parent); sib != NULL; sib = next) {
		bool add = false;
		next = ex_next_el(sib);
		if (sib == best) {
			add = true;
		} else {
			double bonus = 0;
			const char *cls = ex_attr(sib, "class");
			struct ninfo *in = info_get(c, sib);
			if (best_class != NULL && *best_class != '\0' &&
			    cls != NULL && strcmp(cls, best_class) == 0)
				bonus += top * 0.2;
			if (in != NULL && in->scored &&
			    in->score + bonus >= threshold) {
				add = true;
			} else if (ex_is(sib, "p")) {
				double ld = link_density(c, sib);
				size_t len = tlen(c, sib);
				if (len > 80 && ld < 0.25) {
					add = true;
				} else if (len < 80 && len > 0 && ld == 0) {
					char *t = ex_text(sib, true);
					add = sentence_end(t);
					free(t);
				}
			}
		}
		if (!add)
			continue;
		if (!in_list(ex_tag(sib), keep_tag))
			rename_node(sib, "div");
		append(c, article, sib);
	}
	return article;
}

/* ---- cleaning the article ---- */

static bool
mark_table(xmlNode *t)
{
	static const char *const data_desc[] = {"col", "colgroup", "tfoot",
	    "thead", "th", NULL};
	const char *v;
	xmlNode *n;
	size_t rows = 0, cols = 0;

	v = ex_attr(t, "role");
	if (v != NULL && strcmp(v, "presentation") == 0)
		return false;
	v = ex_attr(t, "datatable");
	if (v != NULL && strcmp(v, "0") == 0)
		return false;
	v = ex_attr(t, "summary");
	if (v != NULL && *v != '\0')
		return true;
	for (n = t->children; n != NULL; n = ex_walk(n, t, false))
		if (ex_is(n, "caption") && n->children != NULL)
			return true;
	for (n = t->children; n != NULL; n = ex_walk(n, t, false))
		if (n->type == XML_ELEMENT_NODE &&
		    in_list(ex_tag(n), data_desc))
			return true;
	if (count_tag(t, "table") > 0)
		return false;
	/* Rows and columns (with spans). */
	for (n = t->children; n != NULL; n = ex_walk(n, t, false)) {
		xmlNode *cell;
		size_t span, rc = 0;
		if (!ex_is(n, "tr"))
			continue;
		v = ex_attr(n, "rowspan");
		span = v != NULL ? strtoul(v, NULL, 10) : 0;
		rows += span > 0 ? span : 1;
		for (cell = ex_first_el(n); cell != NULL;
		     cell = ex_next_el(cell)) {
			if (!ex_is(cell, "td"))
				continue;
			v = ex_attr(cell, "colspan");
			span = v != NULL ? strtoul(v, NULL, 10) : 0;
			rc += span > 0 ? span : 1;
		}
		if (rc > cols)
			cols = rc;
	}
	if (rows == 1 || cols == 1)
		return false;
	if (rows >= 10 || cols > 4)
		return true;
	return rows * cols > 10;
}

static void
mark_tables(struct ctx *c, const struct nlist *tables)
{
	size_t i;

	for (i = 0; i < tables->n; i++)
		info(c, tables->v[i])->datatable = mark_table(tables->v[i]);
}

/* Text that is only an ad label or a loading notice. */
static bool
ad_or_loading(const char *t)
{
	static const char *const words[] = {"ad", "advertising",
	    "advertisement", "pub", "publicit\xc3\xa9", "werb", "werbung",
	    "\xe5\xb9\xbf\xe5\x91\x8a",
	    "\xd0\xa0\xd0\xb5\xd0\xba\xd0\xbb\xd0\xb0\xd0\xbc\xd0\xb0",
	    "anuncio", "loading", "laden", "chargement",
	    "\xe5\x8a\xa0\xe8\xbd\xbd\xe4\xb8\xad", NULL};
	size_t i, n = strlen(t);
	const char *s = t;

	/* Ignore dashes, dots and spaces around the word: "- Ad -". */
	while (*s != '\0' && strchr("-.:|[]() \xe2\x80\x94\xa6", *s) != NULL)
		s++;
	while (n > 0 && &t[n] > s &&
	    strchr("-.:|[]() \xe2\x80\x94\xa6", t[n - 1]) != NULL)
		n--;
	if (&t[n] <= s)
		return false;
	for (i = 0; words[i] != NULL; i++) {
		size_t w = strlen(words[i]);
		if ((size_t)(&t[n] - s) == w && ex_strcasestr(s, words[i]) == s)
			return true;
	}
	return false;
}

/* What _cleanConditionally looks at below a node, in one walk. */
struct below {
	size_t p, img, li, input, embed;
	size_t list_text, heading_text, textish_text;
	bool datatable;
};

static void
look_below(struct ctx *c, xmlNode *root, struct below *b)
{
	static const char *const textish[] = {"span", "li", "td", "blockquote",
	    "dl", "div", "img", "ol", "p", "pre", "table", "ul", NULL};
	static const char *const embeds[] = {"object", "embed", "iframe", NULL};
	xmlNode *x;
	const char *t;

	memset(b, 0, sizeof(*b));
	for (x = root->children; x != NULL; x = ex_walk(x, root, false)) {
		if (x->type != XML_ELEMENT_NODE)
			continue;
		t = ex_tag(x);
		if (strcmp(t, "p") == 0)
			b->p++;
		else if (strcmp(t, "img") == 0)
			b->img++;
		else if (strcmp(t, "li") == 0)
			b->li++;
		else if (strcmp(t, "input") == 0)
			b->input++;
		else if (in_list(t, embeds))
			b->embed++;
		else if (strcmp(t, "table") == 0 && info_get(c, x) != NULL &&
		    info_get(c, x)->datatable)
			b->datatable = true;
		if (strcmp(t, "ul") == 0 || strcmp(t, "ol") == 0)
			b->list_text += tlen(c, x);
		if (in_list(t, headings))
			b->heading_text += tlen(c, x);
		if (in_list(t, textish))
			b->textish_text += tlen(c, x);
	}
}

/*
 * Readability's _cleanConditionally test: does n (a form, table, list or
 * div of the article) look like clutter rather than content?
 */
static bool
clean_conditionally_pred(struct ctx *c, xmlNode *n, const char *tag)
{
	struct below b;
	bool is_list = strcmp(tag, "ul") == 0 || strcmp(tag, "ol") == 0;
	bool remove = false, fig;
	size_t len, ascii_commas;
	long li;
	int weight;
	double heading_density, ld, td;
	xmlNode *x;

	if (!(c->flags & FLAG_CLEAN_CONDITIONALLY))
		return false;
	len = stats(c, n)->sum.core;
	ascii_commas = info_get(c, n)->ascii_commas;
	ld = link_density(c, n);
	look_below(c, n, &b);
	if (!is_list)
		is_list = len > 0 && (double)b.list_text / (double)len > 0.9;
	if (ex_is(n, "table") && info_get(c, n)->datatable)
		return false;
	if (has_ancestor(c, n, "table", 0, true))
		return false;
	if (has_ancestor(c, n, "code", 3, false))
		return false;
	if (b.datatable)
		return false;
	weight = class_weight(c, n);
	if (weight < 0)
		return true;
	if (ascii_commas >= 10)
		return false;
	if (len < 40) {
		char *text = ex_text(n, true);
		bool ad = ad_or_loading(text);
		free(text);
		if (ad)
			return true;
	}
	li = (long)b.li - 100;
	heading_density = len > 0 ? (double)b.heading_text / (double)len : 0;
	td = len > 0 ? (double)b.textish_text / (double)len : 0;
	fig = has_ancestor(c, n, "figure", 3, false);
	if (!fig && b.img > 1 && (double)b.p / (double)b.img < 0.5)
		remove = true;
	else if (!is_list && li > (long)b.p)
		remove = true;
	else if (b.input > b.p / 3)
		remove = true;
	else if (!is_list && !fig && heading_density < 0.9 && len < 25 &&
	    (b.img == 0 || b.img > 2) && ld > 0)
		remove = true;
	else if (!is_list && weight < 25 && ld > 0.2)
		remove = true;
	else if (weight >= 25 && ld > 0.5)
		remove = true;
	else if ((b.embed == 1 && len < 75) || b.embed > 1)
		remove = true;
	else if (b.img == 0 && td == 0)
		remove = true;
	if (is_list && remove) {
		/* Keep simple lists of images. */
		for (x = ex_first_el(n); x != NULL; x = ex_next_el(x))
			if (ex_count_el(x) > 1)
				return true;
		if (b.img == count_tag(n, "li"))
			return false;
	}
	return remove;
}

static void
clean_conditionally(struct ctx *c, xmlNode *art, const struct nlist *l,
    const char *tag)
{
	size_t i;

	if (!(c->flags & FLAG_CLEAN_CONDITIONALLY))
		return;
	for (i = l->n; i-- > 0;)
		if (attached(l->v[i], art) &&
		    clean_conditionally_pred(c, l->v[i], tag))
			drop(c, l->v[i]);
}

static bool
share_pred(struct ctx *c, xmlNode *n, struct buf *mb)
{
	return pat_any(match_string(n, mb), share_pats) &&
	    tlen(c, n) < CHAR_THRESHOLD;
}

static bool
negative_header(struct ctx *c, xmlNode *n)
{
	return class_weight(c, n) < 0;
}

static bool
empty_paragraph(struct ctx *c, xmlNode *n)
{
	static const char *const media[] = {"img", "embed", "object", "iframe",
	    NULL};
	xmlNode *x;

	for (x = n->children; x != NULL; x = ex_walk(x, n, false))
		if (x->type == XML_ELEMENT_NODE && in_list(ex_tag(x), media))
			return false;
	return tlen(c, n) == 0;
}

/* Every child phrasing content? */
static bool
all_phrasing(const xmlNode *n)
{
	const xmlNode *c;

	for (c = n->children; c != NULL; c = c->next)
		if (!is_phrasing(c))
			return false;
	return true;
}

/*
 * Ad labels ("- Advertisement -", ifp-article.html's in-article ad):
 * the largest element around such a text that holds nothing else.
 */
static void
remove_ad_labels(struct ctx *c, xmlNode *art, const struct nlist *texts)
{
	static const char *const media[] = {"img", "picture", "video", "figure",
	    NULL};
	xmlNode *n, *top, *up;
	size_t i;
	char *t;
	bool ad;

	for (i = 0; i < texts->n; i++) {
		n = texts->v[i];
		if (!attached(n, art))
			continue;
		t = ex_normalize((const char *)n->content);
		ad = ad_or_loading(t) && strlen(t) < 40;
		free(t);
		if (!ad)
			continue;
		top = NULL;
		for (up = n->parent; up != NULL && up != art; up = up->parent) {
			xmlNode *x;
			bool has_media = false;
			if (tlen(c, up) != tlen(c, n))
				break;
			for (x = up->children; x != NULL;
			     x = ex_walk(x, up, false))
				if (x->type == XML_ELEMENT_NODE &&
				    in_list(ex_tag(x), media))
					has_media = true;
			if (has_media)
				break;
			top = up;
		}
		if (top != NULL)
			drop(c, top);
	}
}

/* Does s look like the URL of an image (not a data: placeholder)? */
static bool
image_url(const char *s)
{
	static const char *const exts[] = {".jpg", ".jpeg", ".png", ".webp",
	    ".gif", ".avif", NULL};
	size_t i;

	if (s == NULL || *s == '\0' || strncmp(s, "data:", 5) == 0 ||
	    strchr(s, ' ') != NULL)
		return false;
	for (i = 0; exts[i] != NULL; i++) {
		const char *p = ex_strcasestr(s, exts[i]);
		if (p != NULL) {
			char after = p[strlen(exts[i])];
			if (after == '\0' || after == '?' || after == '#')
				return true;
		}
	}
	return false;
}

/* A bare file name of an image: no space, an image extension. */
static bool
file_name(const char *s)
{
	const char *dot = strrchr(s, '.');

	return dot != NULL && strpbrk(s, " \t\n") == NULL && image_url(dot) &&
	    dot[strcspn(dot, "?#")] == '\0';
}

/*
 * Lazy images keep the real URL in data-src (or a sibling attribute) and
 * a placeholder in src: put the real one in src.  Alt texts that are
 * file names go.
 */
static void
fix_lazy_images(const struct nlist *imgs)
{
	const struct nlist l = *imgs;
	const xmlAttr *a;
	const char *src, *v;
	size_t i;

	for (i = 0; i < l.n; i++) {
		/*
		 * An alt that is a file name ("P1610279.jpg") tells the
		 * reader nothing: the image is then decorative.
		 */
		v = ex_attr(l.v[i], "alt");
		if (v != NULL && file_name(v))
			xmlSetProp(l.v[i], (const xmlChar *)"alt",
			    (const xmlChar *)"");
		src = ex_attr(l.v[i], "src");
		if (src != NULL && *src != '\0' &&
		    strncmp(src, "data:", 5) != 0)
			continue;
		for (a = l.v[i]->properties; a != NULL; a = a->next) {
			if (strcmp((const char *)a->name, "src") == 0)
				continue;
			v = ex_attr(l.v[i], (const char *)a->name);
			if (image_url(v)) {
				xmlSetProp(l.v[i], (const xmlChar *)"src",
				    (const xmlChar *)v);
				break;
			}
		}
	}
}

/* The nodes prep_article() works on, sorted out in one walk. */
enum bucket {
	B_FORM,
	B_FIELDSET,
	B_JUNK, /* removed whatever they hold */
	B_H12,
	B_H1,
	B_TABLE,
	B_UL,
	B_DIV,
	B_P,
	B_BR,
	B_IMG,
	B_TEXT, /* short text nodes: ad labels? */
	B_COUNT
};

static void
sort_out(xmlNode *art, struct nlist *b)
{
	static const char *const junk[] = {"object", "embed", "footer", "link",
	    "aside", "iframe", "input", "textarea", "select", "button", NULL};
	static const struct {
		const char *tag;
		enum bucket b;
	} tags[] = {{"form", B_FORM}, {"fieldset", B_FIELDSET},
	    {"table", B_TABLE}, {"ul", B_UL}, {"div", B_DIV}, {"p", B_P},
	    {"br", B_BR}, {"img", B_IMG}, {"h2", B_H12}};
	xmlNode *n;
	const char *t;
	size_t i;

	for (n = art->children; n != NULL; n = ex_walk(n, art, false)) {
		if (n->type == XML_TEXT_NODE) {
			if (n->content != NULL &&
			    strlen((const char *)n->content) <= 80)
				nlist_add(&b[B_TEXT], n);
			continue;
		}
		if (n->type != XML_ELEMENT_NODE)
			continue;
		t = ex_tag(n);
		if (strcmp(t, "h1") == 0) {
			nlist_add(&b[B_H12], n);
			nlist_add(&b[B_H1], n);
			continue;
		}
		if (in_list(t, junk)) {
			nlist_add(&b[B_JUNK], n);
			continue;
		}
		for (i = 0; i < NITEMS(tags); i++)
			if (t[0] == tags[i].tag[0] &&
			    strcmp(t, tags[i].tag) == 0)
				nlist_add(&b[tags[i].b], n);
	}
}

/*
 * Readability's _prepArticle: clean the article of forms, embeds, share
 * bars, negative headers, and tables, lists and divs that look like
 * clutter; empty paragraphs and layout tables go.
 */
static void
prep_article(struct ctx *c, xmlNode *art)
{
	struct nlist b[B_COUNT], grave = {NULL, 0, 0};
	struct buf mb;
	xmlNode *top, *n, *end;
	size_t i;

	memset(b, 0, sizeof(b));
	sort_out(art, b);
	c->grave = &grave;
	buf_init(&mb, BUF_NOLIMIT);
	mark_tables(c, &b[B_TABLE]);
	fix_lazy_images(&b[B_IMG]);
	clean_conditionally(c, art, &b[B_FORM], "form");
	clean_conditionally(c, art, &b[B_FIELDSET], "fieldset");
	for (i = b[B_JUNK].n; i-- > 0;)
		if (attached(b[B_JUNK].v[i], art))
			drop(c, b[B_JUNK].v[i]);
	remove_ad_labels(c, art, &b[B_TEXT]);
	/* Share bars, below each top-level child. */
	for (top = ex_first_el(art); top != NULL; top = ex_next_el(top)) {
		end = ex_next_node(top, true);
		n = ex_next_node(top, false);
		while (n != NULL && n != end) {
			if (share_pred(c, n, &mb))
				n = remove_and_next(c, n);
			else
				n = ex_next_node(n, false);
		}
	}
	for (i = b[B_H12].n; i-- > 0;)
		if (attached(b[B_H12].v[i], art) &&
		    negative_header(c, b[B_H12].v[i]))
			drop(c, b[B_H12].v[i]);
	clean_conditionally(c, art, &b[B_TABLE], "table");
	clean_conditionally(c, art, &b[B_UL], "ul");
	clean_conditionally(c, art, &b[B_DIV], "div");
	for (i = 0; i < b[B_H1].n; i++)
		if (attached(b[B_H1].v[i], art))
			rename_node(b[B_H1].v[i], "h2");
	for (i = b[B_P].n; i-- > 0;)
		if (attached(b[B_P].v[i], art) &&
		    empty_paragraph(c, b[B_P].v[i]))
			drop(c, b[B_P].v[i]);
	for (i = b[B_BR].n; i-- > 0;) {
		xmlNode *next;
		if (!attached(b[B_BR].v[i], art))
			continue;
		next = next_significant(b[B_BR].v[i]->next);
		if (next != NULL && ex_is(next, "p"))
			drop(c, b[B_BR].v[i]);
	}
	/* Tables of one cell are layout: keep the cell's content. */
	for (i = b[B_TABLE].n; i-- > 0;) {
		xmlNode *t = b[B_TABLE].v[i], *body = t, *row, *cell;
		if (!attached(t, art))
			continue;
		if (single_tag_inside(t, "tbody"))
			body = ex_first_el(t);
		if (!single_tag_inside(body, "tr"))
			continue;
		row = ex_first_el(body);
		if (!single_tag_inside(row, "td"))
			continue;
		cell = ex_first_el(row);
		rename_node(cell, all_phrasing(cell) ? "p" : "div");
		replace(c, t, cell);
		nlist_add(&grave, t);
	}
	c->grave = NULL;
	for (i = 0; i < grave.n; i++)
		xmlFreeNode(grave.v[i]);
	nlist_free(&grave);
	for (i = 0; i < B_COUNT; i++)
		nlist_free(&b[i]);
	buf_clear(&mb);
}

/* ---- known theme containers ---- */

/* Does n's class attribute hold the word w? */
static bool
has_class(const xmlNode *n, const char *w)
{
	const char *cls = ex_attr(n, "class"), *p;
	size_t len = strlen(w);

	if (cls == NULL)
		return false;
	for (p = strstr(cls, w); p != NULL; p = strstr(p + 1, w))
		if ((p == cls || strchr(" \t\n\r\f", p[-1]) != NULL) &&
		    (p[len] == '\0' || strchr(" \t\n\r\f", p[len]) != NULL))
			return true;
	return false;
}

/*
 * The body container of a well-known theme: tagDiv's td-post-content,
 * WordPress's entry-content, else the page's only <article>.  When
 * several match (a listing, a "related" block reusing the class), the
 * one with the most text.
 */
static xmlNode *
find_known(struct ctx *c, xmlNode *root, bool *strong)
{
	static const char *const classes[] = {"td-post-content",
	    "entry-content", NULL};
	xmlNode *n, *best = NULL, *article = NULL;
	size_t i, len, best_len = 0, narticles = 0, nbest = 0;

	for (i = 0; classes[i] != NULL && best == NULL; i++) {
		for (n = root; n != NULL; n = ex_next_node(n, false)) {
			if (!has_class(n, classes[i]))
				continue;
			nbest++;
			len = tlen(c, n);
			if (len > best_len) {
				best = n;
				best_len = len;
			}
		}
	}
	/* Used for many boxes (pixnet's sidebar), the class says little. */
	*strong = nbest == 1;
	if (best != NULL)
		return best;
	for (n = root; n != NULL; n = ex_next_node(n, false))
		if (ex_is(n, "article") && narticles++ == 0)
			article = n;
	return narticles == 1 ? article : NULL;
}

/*
 * Text of the paragraphs that were scored (25 characters or more) below
 * or at n: where the body is, this is large.
 */
static size_t
mass(const struct nlist *paras, const size_t *lens, const xmlNode *n)
{
	size_t i, m = 0;

	for (i = 0; i < paras->n; i++)
		if (paras->v[i] == n || is_ancestor_in(n, paras->v[i]))
			m += lens[i];
	return m;
}

/*
 * Take the known container k instead of Readability's pick when it holds
 * the body.  Never when it merely wraps the pick (ifp-article.html's
 * <article> also wraps the sidebar): the pick is then the tighter one.
 * A theme's body class (strong) wins when it holds an article's worth of
 * text, not links: a long discussion below the post, without "comment"
 * in its names, outscores the post (comments-heavy.html).  Others (a lone
 * <article>, a class used many times) must hold most of the paragraphs
 * the pick holds.
 */
static bool
prefer_known(struct ctx *c, const struct nlist *paras, const size_t *lens,
    xmlNode *k, bool strong, xmlNode *best)
{
	size_t mk, mb;

	if (k == NULL || k == best)
		return k != NULL;
	if (is_ancestor_in(k, best))
		return false;
	if (strong)
		return tlen(c, k) >= CHAR_THRESHOLD && link_density(c, k) < 0.5;
	mk = mass(paras, lens, k);
	mb = mass(paras, lens, best);
	return mk > 0 && (double)mk >= 0.8 * (double)mb;
}

/* One attempt on doc with c->flags; returns the article element. */
static xmlNode *
grab(struct ctx *c, xmlDoc *doc)
{
	struct nlist to_score = {NULL, 0, 0}, cands = {NULL, 0, 0};
	xmlNode *root = xmlDocGetRootElement(doc), *node, *body = NULL, *best;
	xmlNode *article, *known;
	bool remove_title = true, created, strong = false;
	size_t *lens;
	struct buf mb;
	const char *match, *role;

	buf_init(&mb, BUF_NOLIMIT);
	for (node = root; node != NULL; node = ex_next_node(node, false))
		if (ex_is(node, "body")) {
			body = node;
			break;
		}
	if (body == NULL) {
		body = xmlNewDocNode(doc, NULL, (const xmlChar *)"body", NULL);
		while (root->children != NULL)
			append(c, body, root->children);
		xmlAddChild(root, body);
	}
	node = root;
	while (node != NULL) {
		const char *t = ex_tag(node);
		match = match_string(node, &mb);
		/*
		 * The page itself is never removed, whatever it says (nor
		 * what holds a misplaced <body>).
		 */
		if (node == root || node == body ||
		    is_ancestor_in(node, body)) {
			node = ex_next_node(node, false);
			continue;
		}
		if (!visible(node)) {
			node = remove_and_next(c, node);
			continue;
		}
		role = ex_attr(node, "role");
		if (ex_attr(node, "aria-modal") != NULL &&
		    strcmp(ex_attr(node, "aria-modal"), "true") == 0 &&
		    role != NULL && strcmp(role, "dialog") == 0) {
			node = remove_and_next(c, node);
			continue;
		}
		/* A <nav> is never the article, whatever the pass. */
		if (strcmp(t, "nav") == 0) {
			node = remove_and_next(c, node);
			continue;
		}
		if (check_byline(c, node, match) || names_authors(c, node)) {
			node = remove_and_next(c, node);
			continue;
		}
		if (remove_title && header_duplicates_title(c, node)) {
			remove_title = false;
			node = remove_and_next(c, node);
			continue;
		}
		if (c->flags & FLAG_STRIP_UNLIKELYS) {
			if (unlikely(c, match, node) &&
			    !has_ancestor(c, node, "table", 3, false) &&
			    !has_ancestor(c, node, "code", 3, false) &&
			    strcmp(t, "body") != 0 && strcmp(t, "a") != 0) {
				node = remove_and_next(c, node);
				continue;
			}
			if (in_list(role, unlikely_roles)) {
				node = remove_and_next(c, node);
				continue;
			}
		}
		if ((strcmp(t, "div") == 0 || strcmp(t, "section") == 0 ||
		        strcmp(t, "header") == 0 || in_list(t, headings)) &&
		    without_content(node)) {
			node = remove_and_next(c, node);
			continue;
		}
		if (in_list(t, tags_to_score))
			nlist_add(&to_score, node);
		if (strcmp(t, "div") == 0)
			node = fix_div(c, node, &to_score);
		node = ex_next_node(node, false);
	}
	lens = score_paragraphs(c, &to_score, &cands);
	best = pick_top(c, &cands, body, &created);
	known = find_known(c, root, &strong);
	if (prefer_known(c, &to_score, lens, known, strong, best)) {
		article =
		    xmlNewDocNode(doc, NULL, (const xmlChar *)"div", NULL);
		append(c, article, known);
	} else {
		article = gather_siblings(c, best, created);
	}
	free(lens);
	prep_article(c, article);
	nlist_free(&to_score);
	nlist_free(&cands);
	buf_clear(&mb);
	return article;
}

/* ---- the whole ---- */

static const char *
sniff_charset(const char *data, size_t len, const char *given)
{
	size_t i, n = len < 4096 ? len : 4096;

	/*
	 * Valid UTF-8 with any non-ASCII byte is UTF-8 whatever the labels
	 * say (the readability "qq" page says gb2312); legacy encodings are
	 * almost never valid UTF-8 by chance.
	 */
	if (utf8_valid(data, len))
		return "UTF-8";
	if (given != NULL && *given != '\0')
		return given;
	if (len >= 2 &&
	    ((data[0] == '\xff' && data[1] == '\xfe') ||
	        (data[0] == '\xfe' && data[1] == '\xff')))
		return NULL; /* libxml2 reads the BOM */
	/* A meta charset near the top: let libxml2 follow it. */
	for (i = 0; i < n; i++) {
		size_t j;
		if (!prefix_ci(data + i, n - i, "<meta"))
			continue;
		for (j = i; j < n && data[j] != '>'; j++)
			if (prefix_ci(data + j, n - j, "charset"))
				return NULL;
	}
	return "windows-1252";
}

/*
 * s as valid UTF-8: a page in an encoding libxml2 does not know passes
 * its bytes through, and each malformed one becomes U+FFFD.  Frees s.
 */
static char *
valid_utf8(char *s)
{
	struct buf b;
	size_t i, n, k;
	uint32_t cp;
	char enc[4];

	if (s == NULL || utf8_valid(s, strlen(s)))
		return s;
	n = strlen(s);
	buf_init(&b, BUF_NOLIMIT);
	for (i = 0; i < n; i += k) {
		k = utf8_decode(s + i, n - i, &cp);
		buf_add(&b, enc, utf8_encode(cp, enc));
	}
	free(s);
	return buf_detach(&b, NULL);
}

/* The first paragraph's text, the excerpt of last resort; or NULL. */
static char *
first_paragraph(xmlNode *art)
{
	xmlNode *n;

	for (n = art->children; n != NULL; n = ex_walk(n, art, false))
		if (ex_is(n, "p"))
			return ex_text(n, true);
	return NULL;
}

/* libxml2 reports encoding trouble on its generic channel: keep quiet. */
static void
quiet(void *ctx, const char *msg, ...)
{
	(void)ctx;
	(void)msg;
}

static void
quiet_structured(void *ctx, xmlErrorPtr e)
{
	(void)ctx;
	(void)e;
}

static xmlDoc *
parse(const char *data, size_t len, const struct extract_opts *o)
{
	xmlGenericErrorFunc gen = xmlGenericError;
	void *genctx = xmlGenericErrorContext;
	xmlStructuredErrorFunc st = xmlStructuredError;
	void *stctx = xmlStructuredErrorContext;
	xmlDoc *doc;

	xmlSetGenericErrorFunc(NULL, quiet);
	xmlSetStructuredErrorFunc(NULL, quiet_structured);
	doc = htmlReadMemory(data, (int)len, o->url,
	    sniff_charset(data, len, o->charset),
	    HTML_PARSE_NONET | HTML_PARSE_RECOVER | HTML_PARSE_NOERROR |
	        HTML_PARSE_NOWARNING);
	xmlSetGenericErrorFunc(genctx, gen);
	xmlSetStructuredErrorFunc(stctx, st);
	return doc;
}

int
extract_article(const char *data, size_t len, const struct extract_opts *o,
    struct extract_result **out, char **cause)
{
	static const unsigned flag_order[] = {FLAG_STRIP_UNLIKELYS,
	    FLAG_WEIGHT_CLASSES, FLAG_CLEAN_CONDITIONALLY};
	struct extract_opts none = {NULL, NULL, 0};
	struct ctx c;
	struct ex_meta meta;
	struct extract_result *r = NULL;
	xmlDoc *doc = NULL;
	xmlNode *art;
	char *first_p = NULL;
	struct buf best;
	size_t best_len = 0, alen, max, attempt;
	int rc = -1;

	if (o == NULL)
		o = &none;
	memset(&c, 0, sizeof(c));
	memset(&meta, 0, sizeof(meta));
	buf_init(&best, BUF_NOLIMIT);
	max = o->max_size != 0 ? o->max_size : EXTRACT_MAX_SIZE;
	if (len > max) {
		*cause = xasprintf("page too large (%zu bytes, limit %zu)", len,
		    max);
		goto out;
	}
	if (len > INT32_MAX) {
		*cause = xstrdup("page too large");
		goto out;
	}
	doc = parse(data, len, o);
	if (doc == NULL || xmlDocGetRootElement(doc) == NULL) {
		*cause = xstrdup("not an HTML page");
		goto out;
	}
	ex_meta_read(doc, o->url, &meta);
	c.title = meta.title;
	c.meta_byline = meta.byline;
	c.flags = FLAG_STRIP_UNLIKELYS | FLAG_WEIGHT_CLASSES |
	    FLAG_CLEAN_CONDITIONALLY;
	for (attempt = 0;; attempt++) {
		/* Each attempt edits the tree: a retry parses again. */
		if (doc == NULL)
			doc = parse(data, len, o);
		prep_document(doc);
		c.ninfo = 0;
		art = grab(&c, doc);
		alen = tlen(&c, art);
		if (alen > best_len || best.len == 0) {
			buf_reset(&best);
			ex_serialize(art, &best);
			best_len = alen;
			free(first_p);
			first_p = first_paragraph(art);
		}
		xmlFreeNode(art);
		xmlFreeDoc(doc);
		doc = NULL;
		if (alen >= CHAR_THRESHOLD || attempt == NITEMS(flag_order))
			break;
		c.flags &= ~flag_order[attempt];
	}
	if (best_len == 0) {
		*cause = xstrdup("no article text found");
		goto out;
	}
	r = xcalloc(1, sizeof(*r));
	r->html = valid_utf8(buf_detach(&best, NULL));
	r->text_len = best_len;
	r->title = meta.title;
	r->byline =
	    meta.byline != NULL ? meta.byline : ex_byline_clean(c.byline);
	if (meta.byline != NULL)
		free(c.byline);
	c.byline = NULL;
	r->published = meta.published;
	r->site_name = meta.site_name;
	r->excerpt = meta.excerpt != NULL ? meta.excerpt : first_p;
	if (r->excerpt == first_p)
		first_p = NULL;
	r->lang = meta.lang;
	r->base = meta.base;
	r->canonical = meta.canonical;
	memset(&meta, 0, sizeof(meta));
	r->title = valid_utf8(r->title);
	r->byline = valid_utf8(r->byline);
	r->published = valid_utf8(r->published);
	r->site_name = valid_utf8(r->site_name);
	r->excerpt = valid_utf8(r->excerpt);
	r->lang = valid_utf8(r->lang);
	r->base = valid_utf8(r->base);
	r->canonical = valid_utf8(r->canonical);
	*out = r;
	rc = 0;
out:
	free(first_p);
	ex_meta_clear(&meta);
	free(c.byline);
	free(c.info);
	buf_clear(&best);
	if (doc != NULL)
		xmlFreeDoc(doc);
	return rc;
}

void
extract_result_free(struct extract_result *r)
{
	if (r == NULL)
		return;
	free(r->html);
	free(r->title);
	free(r->byline);
	free(r->published);
	free(r->site_name);
	free(r->excerpt);
	free(r->lang);
	free(r->base);
	free(r->canonical);
	free(r);
}

/* ---- the page cache's record ---- */

#define RESULT_VERSION 1

void
extract_result_encode(const struct extract_result *r, struct buf *out)
{
	cache_put_uint(out, RESULT_VERSION);
	cache_put_uint(out, r->text_len);
	cache_put_str(out, r->html);
	cache_put_str(out, r->title);
	cache_put_str(out, r->byline);
	cache_put_str(out, r->published);
	cache_put_str(out, r->site_name);
	cache_put_str(out, r->excerpt);
	cache_put_str(out, r->lang);
	cache_put_str(out, r->base);
	cache_put_str(out, r->canonical);
}

int
extract_result_decode(const void *data, size_t len, struct extract_result **out,
    char **cause)
{
	struct cache_rd rd;
	struct extract_result *r;

	rd.p = data;
	rd.end = rd.p + len;
	rd.bad = false;
	if (cache_get_uint(&rd) != RESULT_VERSION || rd.bad) {
		*cause = xstrdup("not a cached article of this version");
		return -1;
	}
	r = xcalloc(1, sizeof(*r));
	r->text_len = (size_t)cache_get_uint(&rd);
	r->html = cache_get_str(&rd);
	r->title = cache_get_str(&rd);
	r->byline = cache_get_str(&rd);
	r->published = cache_get_str(&rd);
	r->site_name = cache_get_str(&rd);
	r->excerpt = cache_get_str(&rd);
	r->lang = cache_get_str(&rd);
	r->base = cache_get_str(&rd);
	r->canonical = cache_get_str(&rd);
	if (rd.bad || rd.p != rd.end || r->html == NULL) {
		extract_result_free(r);
		*cause = xstrdup("damaged cached article");
		return -1;
	}
	*out = r;
	return 0;
}

/* ---- excerpts ---- */

bool
extract_is_wp_footer(const char *s, size_t len)
{
	static const char head[] = "The post ", mid[] = " appeared first on ";
	size_t k;

	if (len >= 400 || len < sizeof(head) - 1 ||
	    memcmp(s, head, sizeof(head) - 1) != 0 || s[len - 1] != '.' ||
	    memchr(s, '\n', len) != NULL)
		return false;
	for (k = sizeof(head) - 2; k + sizeof(mid) - 1 < len; k++)
		if (memcmp(s + k, mid, sizeof(mid) - 1) == 0)
			return true;
	return false;
}

/* Cut WordPress's closing line from the plain text t, when it ends so. */
static bool
cut_wp_footer(char *t)
{
	char *p, *last = NULL;

	for (p = strstr(t, "The post "); p != NULL;
	     p = strstr(p + 1, "The post "))
		last = p;
	if (last == NULL || !extract_is_wp_footer(last, strlen(last)))
		return false;
	*last = '\0';
	return true;
}

enum teaser {
	TEASER_NONE,
	TEASER_WEAK,   /* a bare ellipsis: also how sentences trail off */
	TEASER_STRONG, /* "[...]", "Read more": only teasers end so */
};

/* Does t end as a teaser does ("[...]", "Read more »", "...")? */
static enum teaser
teaser_end(const char *t)
{
	static const char *const ends[] = {"[\xe2\x80\xa6]", "[...]",
	    "read more", "continue reading", "(more\xe2\x80\xa6)", "(more...)",
	    "more", "keep reading", "\xe2\x80\xa6", "...", NULL};
	static const size_t nstrong = 8; /* ends[] before the bare ellipses */
	static const char *const trail[] = {" ", "\xc2\xbb", "\xe2\x80\xba",
	    "\xe2\x86\x92", ">", ":", NULL};
	size_t n = strlen(t), i, k;
	bool cut = true;

	/* Trailing arrows and spaces ("Read more »", "Continue reading →"). */
	while (cut && n > 0) {
		cut = false;
		for (i = 0; trail[i] != NULL; i++) {
			k = strlen(trail[i]);
			if (n >= k && memcmp(t + n - k, trail[i], k) == 0) {
				n -= k;
				cut = true;
			}
		}
	}
	for (i = 0; ends[i] != NULL; i++) {
		k = strlen(ends[i]);
		if (n < k)
			continue;
		if (ex_strcasestr(t + n - k, ends[i]) != t + n - k)
			continue;
		/* "more" alone only as its own word ("Read more", not
		 * "Baltimore"). */
		if (strcmp(ends[i], "more") == 0 && n > k &&
		    alnum((unsigned char)t[n - k - 1]))
			continue;
		return i < nstrong ? TEASER_STRONG : TEASER_WEAK;
	}
	return TEASER_NONE;
}

/*
 * The plain text of a feed body, and how many of its blocks (paragraphs,
 * list items, figures ...) hold text or an image: a feed's summary is
 * one run of text, a post has structure.  One pass of text.h's lexer,
 * not a parse into a tree: this runs on every post opened, and a body
 * can be a megabyte.
 */
static char *
body_text(const char *html, size_t len, size_t *blocks)
{
	static const char *const names[] = {"p", "li", "blockquote", "figure",
	    "pre", "h1", "h2", "h3", "h4", "h5", "h6", "table", "dd", NULL};
	struct text_lexer lx;
	struct text_token tk;
	bool open = false;
	size_t i;

	*blocks = 0;
	text_lex_init(&lx, html, len);
	while (text_lex_next(&lx, &tk)) {
		if (tk.kind == TEXT_TOK_START) {
			for (i = 0; names[i] != NULL; i++)
				if (text_name_is(tk.name, tk.namelen, names[i]))
					open = true;
			if (open && text_name_is(tk.name, tk.namelen, "img")) {
				(*blocks)++;
				open = false;
			}
		} else if (open && tk.kind == TEXT_TOK_TEXT) {
			for (i = 0; i < tk.len; i++)
				if (!space((unsigned char)tk.s[i]))
					break;
			if (i < tk.len) {
				(*blocks)++;
				open = false;
			}
		}
	}
	return text_from_html(html, len);
}

bool
extract_is_excerpt(const char *html, const char *summary)
{
	char *t = NULL;
	size_t blocks = 0;
	bool r;

	if (html != NULL && *html != '\0' && strlen(html) < EXTRACT_MAX_SIZE)
		t = body_text(html, strlen(html), &blocks);
	if (t == NULL && summary != NULL)
		t = ex_normalize(summary);
	if (t == NULL)
		return true;
	if (cut_wp_footer(t) && blocks > 0)
		blocks--;
	/*
	 * Short is an excerpt only without structure: a short post of
	 * three paragraphs is complete (ifp-feed.xml item 6), a one-line
	 * summary is not.  So is a bare "...": a post of several
	 * paragraphs may well end on one (bench/gen-feed.py's articles do).
	 */
	switch (teaser_end(t)) {
	case TEASER_STRONG:
		r = true;
		break;
	case TEASER_WEAK:
		r = blocks < 2;
		break;
	default:
		r = ex_u16len(t) < EXTRACT_EXCERPT_CHARS && blocks < 2;
		break;
	}
	free(t);
	return r;
}
