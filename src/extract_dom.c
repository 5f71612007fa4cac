/*
 * extract_dom -- tree walks, text and serialization for the extract
 * module.  Pure; iterative everywhere.
 */
#include "extract_int.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"
#include "utf8.h"
#include "util.h"

bool
ex_is(const xmlNode *n, const char *tag)
{
	return n != NULL && n->type == XML_ELEMENT_NODE &&
	    strcmp(ex_tag(n), tag) == 0;
}

bool
ex_is_any(const xmlNode *n, const char *const *tags)
{
	if (n == NULL || n->type != XML_ELEMENT_NODE)
		return false;
	for (; *tags != NULL; tags++)
		if (strcmp(ex_tag(n), *tags) == 0)
			return true;
	return false;
}

const char *
ex_attr(const xmlNode *n, const char *name)
{
	const xmlAttr *a;

	if (n == NULL || n->type != XML_ELEMENT_NODE)
		return NULL;
	for (a = n->properties; a != NULL; a = a->next) {
		if (strcmp((const char *)a->name, name) != 0)
			continue;
		if (a->children == NULL || a->children->content == NULL)
			return "";
		return (const char *)a->children->content;
	}
	return NULL;
}

xmlNode *
ex_first_el(const xmlNode *n)
{
	xmlNode *c;

	for (c = n->children; c != NULL; c = c->next)
		if (c->type == XML_ELEMENT_NODE)
			return c;
	return NULL;
}

xmlNode *
ex_next_el(const xmlNode *n)
{
	xmlNode *c;

	for (c = n->next; c != NULL; c = c->next)
		if (c->type == XML_ELEMENT_NODE)
			return c;
	return NULL;
}

size_t
ex_count_el(const xmlNode *n)
{
	const xmlNode *c;
	size_t k = 0;

	for (c = n->children; c != NULL; c = c->next)
		if (c->type == XML_ELEMENT_NODE)
			k++;
	return k;
}

xmlNode *
ex_walk(const xmlNode *n, const xmlNode *root, bool skip_kids)
{
	if (!skip_kids && n->children != NULL &&
	    (n->type == XML_ELEMENT_NODE || n->type == XML_DOCUMENT_NODE ||
	        n->type == XML_HTML_DOCUMENT_NODE))
		return n->children;
	while (n != NULL && n != root) {
		if (n->next != NULL)
			return n->next;
		n = n->parent;
	}
	return NULL;
}

xmlNode *
ex_next_node(const xmlNode *n, bool skip_kids)
{
	xmlNode *c;

	if (!skip_kids) {
		c = ex_first_el(n);
		if (c != NULL)
			return c;
	}
	for (; n != NULL; n = n->parent) {
		if (n->type != XML_ELEMENT_NODE)
			return NULL;
		c = ex_next_el(n);
		if (c != NULL)
			return c;
	}
	return NULL;
}

void
ex_remove(xmlNode *n)
{
	xmlUnlinkNode(n);
	xmlFreeNode(n);
}

bool
ex_space(const char *s, size_t len, size_t *w)
{
	const unsigned char *u = (const unsigned char *)s;

	*w = 1;
	switch (u[0]) {
	case ' ':
	case '\t':
	case '\n':
	case '\v':
	case '\f':
	case '\r':
		return true;
	case 0xc2: /* U+00A0 */
		*w = 2;
		return len >= 2 && u[1] == 0xa0;
	case 0xe1: /* U+1680 */
		*w = 3;
		return len >= 3 && u[1] == 0x9a && u[2] == 0x80;
	case 0xe2: /* U+2000-200A, 2028, 2029, 202F, 205F */
		*w = 3;
		if (len < 3)
			return false;
		if (u[1] == 0x80)
			return u[2] <= 0x8a || u[2] == 0xa8 || u[2] == 0xa9 ||
			    u[2] == 0xaf;
		return u[1] == 0x81 && u[2] == 0x9f;
	case 0xe3: /* U+3000 */
		*w = 3;
		return len >= 3 && u[1] == 0x80 && u[2] == 0x80;
	case 0xef: /* U+FEFF */
		*w = 3;
		return len >= 3 && u[1] == 0xbb && u[2] == 0xbf;
	default:
		return false;
	}
}

/*
 * The normalizing text scanner: feeds text pieces, counts UTF-16 units
 * of the trimmed, collapsed result and optionally writes it.
 */
struct textscan {
	struct buf *out; /* or NULL to count only */
	size_t len;      /* UTF-16 units so far */
	bool started;    /* a non-space character was seen */
	bool pending;    /* white space since the last character */
	bool normalize;  /* collapse runs (else keep them, but trim) */
	size_t mark;     /* out->len after the last non-space character */
};

static void
scan_piece(struct textscan *ts, const char *s, size_t len)
{
	size_t i = 0, j, w;
	unsigned char c;

	while (i < len) {
		if (ex_space(s + i, len - i, &w)) {
			if (ts->started && !ts->normalize && ts->out != NULL)
				buf_add(ts->out, s + i, w);
			ts->pending = true;
			i += w;
			continue;
		}
		if (ts->pending && ts->started) {
			if (ts->normalize) {
				ts->len++;
				if (ts->out != NULL)
					buf_addch(ts->out, ' ');
			}
		}
		ts->pending = false;
		ts->started = true;
		/* The characters up to the next space, appended at once (a
		 * 1 MB article's text is not copied a character at a time). */
		j = i;
		do {
			c = (unsigned char)s[j];
			w = c < 0x80 ? 1 : c < 0xe0 ? 2 : c < 0xf0 ? 3 : 4;
			if (w > len - j)
				w = len - j;
			ts->len += w == 4 ? 2 : 1;
			j += w;
		} while (j < len && !ex_space(s + j, len - j, &w));
		if (ts->out != NULL) {
			buf_add(ts->out, s + i, j - i);
			ts->mark = ts->out->len;
		}
		i = j;
	}
}

static void
scan_node(struct textscan *ts, const xmlNode *root)
{
	const xmlNode *n;

	if (root->type == XML_TEXT_NODE ||
	    root->type == XML_CDATA_SECTION_NODE) {
		if (root->content != NULL)
			scan_piece(ts, (const char *)root->content,
			    strlen((const char *)root->content));
		return;
	}
	for (n = root->children; n != NULL; n = ex_walk(n, root, false)) {
		if ((n->type == XML_TEXT_NODE ||
		        n->type == XML_CDATA_SECTION_NODE) &&
		    n->content != NULL)
			scan_piece(ts, (const char *)n->content,
			    strlen((const char *)n->content));
	}
}

bool
ex_has_text(const xmlNode *root)
{
	const xmlNode *n;
	const char *s;
	size_t len, i, w;

	for (n = root; n != NULL; n = ex_walk(n, root, false)) {
		if ((n->type != XML_TEXT_NODE &&
		        n->type != XML_CDATA_SECTION_NODE) ||
		    n->content == NULL)
			continue;
		s = (const char *)n->content;
		len = strlen(s);
		for (i = 0; i < len; i += w)
			if (!ex_space(s + i, len - i, &w))
				return true;
	}
	return false;
}

size_t
ex_text_len(const xmlNode *n)
{
	struct textscan ts = {NULL, 0, false, false, true, 0};

	scan_node(&ts, n);
	return ts.len;
}

char *
ex_text(const xmlNode *n, bool normalize)
{
	struct textscan ts = {NULL, 0, false, false, normalize, 0};
	struct buf b;

	buf_init(&b, BUF_NOLIMIT);
	ts.out = &b;
	scan_node(&ts, n);
	buf_truncate(&b, ts.mark);
	return buf_detach(&b, NULL);
}

void
ex_text_raw(const xmlNode *root, struct buf *b)
{
	const xmlNode *n;

	for (n = root->children; n != NULL; n = ex_walk(n, root, false))
		if ((n->type == XML_TEXT_NODE ||
		        n->type == XML_CDATA_SECTION_NODE) &&
		    n->content != NULL)
			buf_addstr(b, (const char *)n->content);
}

char *
ex_normalize(const char *s)
{
	struct textscan ts = {NULL, 0, false, false, true, 0};
	struct buf b;

	buf_init(&b, BUF_NOLIMIT);
	ts.out = &b;
	scan_piece(&ts, s, strlen(s));
	buf_truncate(&b, ts.mark);
	return buf_detach(&b, NULL);
}

size_t
ex_u16len(const char *s)
{
	size_t n = 0;

	for (; *s != '\0'; s++) {
		unsigned char c = (unsigned char)*s;
		if ((c & 0xc0) != 0x80)
			n += c >= 0xf0 ? 2 : 1;
	}
	return n;
}

const char *
ex_strcasestr(const char *hay, const char *needle)
{
	size_t n = strlen(needle), i;

	for (; *hay != '\0'; hay++) {
		for (i = 0; i < n; i++) {
			unsigned char a = (unsigned char)hay[i];
			unsigned char b = (unsigned char)needle[i];
			if (a >= 'A' && a <= 'Z')
				a += 'a' - 'A';
			if (b >= 'A' && b <= 'Z')
				b += 'a' - 'A';
			if (a != b)
				break;
		}
		if (i == n)
			return hay;
	}
	return NULL;
}

/* Words of s as Readability's tokenizer cuts them: runs of [A-Za-z0-9_]. */
struct tokens {
	char **v;
	size_t n;
	size_t joined; /* length of the words joined by single spaces */
};

static bool
is_word(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || c == '_';
}

static void
tokenize(const char *s, struct tokens *t)
{
	size_t i = 0, j, k;

	t->v = NULL;
	t->n = 0;
	t->joined = 0;
	while (s[i] != '\0') {
		if (!is_word((unsigned char)s[i])) {
			i++;
			continue;
		}
		for (j = i; is_word((unsigned char)s[j]); j++)
			;
		t->v = xreallocarray(t->v, t->n + 1, sizeof(*t->v));
		t->v[t->n] = xstrndup(s + i, j - i);
		for (k = 0; k < j - i; k++)
			if (t->v[t->n][k] >= 'A' && t->v[t->n][k] <= 'Z')
				t->v[t->n][k] += 'a' - 'A';
		t->joined += (t->n > 0) + (j - i);
		t->n++;
		i = j;
	}
}

static void
tokens_free(struct tokens *t)
{
	size_t i;

	for (i = 0; i < t->n; i++)
		free(t->v[i]);
	free(t->v);
}

double
ex_similarity(const char *a, const char *b)
{
	struct tokens ta, tb;
	size_t i, j, uniq = 0, nuniq = 0;
	double r = 0;

	tokenize(a, &ta);
	tokenize(b, &tb);
	if (ta.n == 0 || tb.n == 0)
		goto out;
	for (i = 0; i < tb.n; i++) {
		for (j = 0; j < ta.n; j++)
			if (strcmp(tb.v[i], ta.v[j]) == 0)
				break;
		if (j == ta.n) {
			uniq += strlen(tb.v[i]);
			nuniq++;
		}
	}
	if (nuniq > 1)
		uniq += nuniq - 1;
	r = 1.0 - (double)uniq / (double)tb.joined;
out:
	tokens_free(&ta);
	tokens_free(&tb);
	return r;
}

/* Attributes kept in the output, by element ("*" for any). */
static bool
keep_attr(const char *tag, const char *name)
{
	static const char *const any[] = {"lang", "dir", "title", NULL};
	static const struct {
		const char *tag, *attr;
	} by_tag[] = {
	    {"a", "href"},
	    {"img", "src"},
	    {"img", "alt"},
	    {"img", "srcset"},
	    {"source", "src"},
	    {"source", "srcset"},
	    {"video", "src"},
	    {"video", "poster"},
	    {"audio", "src"},
	    {"td", "colspan"},
	    {"td", "rowspan"},
	    {"th", "colspan"},
	    {"th", "rowspan"},
	    {"ol", "start"},
	    {"ol", "type"},
	    {"ol", "reversed"},
	    {"li", "value"},
	    {"time", "datetime"},
	    {"blockquote", "cite"},
	    {"q", "cite"},
	    {"abbr", "title"},
	};
	size_t i;

	for (i = 0; any[i] != NULL; i++)
		if (strcmp(name, any[i]) == 0)
			return true;
	for (i = 0; i < NITEMS(by_tag); i++)
		if (strcmp(tag, by_tag[i].tag) == 0 &&
		    strcmp(name, by_tag[i].attr) == 0)
			return true;
	return false;
}

static bool
is_void(const char *tag)
{
	static const char *const v[] = {"area", "base", "br", "col", "embed",
	    "hr", "img", "input", "link", "meta", "param", "source", "track",
	    "wbr", NULL};
	size_t i;

	for (i = 0; v[i] != NULL; i++)
		if (strcmp(tag, v[i]) == 0)
			return true;
	return false;
}

static void
open_tag(const xmlNode *n, struct buf *b)
{
	const xmlAttr *a;
	const char *v;

	buf_addch(b, '<');
	buf_addstr(b, ex_tag(n));
	for (a = n->properties; a != NULL; a = a->next) {
		if (!keep_attr(ex_tag(n), (const char *)a->name))
			continue;
		v = ex_attr(n, (const char *)a->name);
		buf_addch(b, ' ');
		buf_addstr(b, (const char *)a->name);
		buf_addstr(b, "=\"");
		text_escape_html(b, v, strlen(v));
		buf_addch(b, '"');
	}
	buf_addch(b, '>');
}

static void
close_tag(const xmlNode *n, struct buf *b)
{
	buf_addstr(b, "</");
	buf_addstr(b, ex_tag(n));
	buf_addch(b, '>');
}

static void
close_tags(const xmlNode *from, const xmlNode *to, struct buf *b)
{
	/* Close from and its ancestors up to, not including, to. */
	for (; from != NULL && from != to; from = from->parent)
		if (from->type == XML_ELEMENT_NODE && !is_void(ex_tag(from)))
			close_tag(from, b);
}

void
ex_serialize(const xmlNode *root, struct buf *b)
{
	const xmlNode *n = root, *up;

	while (n != NULL) {
		switch (n->type) {
		case XML_ELEMENT_NODE:
			open_tag(n, b);
			break;
		case XML_TEXT_NODE:
		case XML_CDATA_SECTION_NODE:
			if (n->content != NULL)
				text_escape_html(b, (const char *)n->content,
				    strlen((const char *)n->content));
			break;
		default:
			break;
		}
		if (n->type == XML_ELEMENT_NODE && n->children != NULL) {
			n = n->children;
			continue;
		}
		/* Leaving n: close it, and every ancestor we leave too. */
		if (n->type == XML_ELEMENT_NODE && !is_void(ex_tag(n)))
			close_tag(n, b);
		if (n == root)
			break;
		for (up = n; up != root && up->next == NULL; up = up->parent)
			;
		if (up == root) {
			close_tags(n->parent, root->parent, b);
			break;
		}
		close_tags(n->parent, up->parent, b);
		n = up->next;
	}
}
