/*
 * text -- HTML character references and HTML to one-line plain text.
 */
#include "text.h"

#include <stdint.h>
#include <string.h>

#include "utf8.h"

#define NAME_MAX_LEN 32 /* longer than any named reference */

const uint16_t text_cp1252[32] = {
    0x20AC,
    0,
    0x201A,
    0x0192,
    0x201E,
    0x2026,
    0x2020,
    0x2021,
    0x02C6,
    0x2030,
    0x0160,
    0x2039,
    0x0152,
    0,
    0x017D,
    0,
    0,
    0x2018,
    0x2019,
    0x201C,
    0x201D,
    0x2022,
    0x2013,
    0x2014,
    0x02DC,
    0x2122,
    0x0161,
    0x203A,
    0x0153,
    0,
    0x017E,
    0x0178,
};

static bool
is_alpha(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool
is_digit(unsigned char c)
{
	return c >= '0' && c <= '9';
}

static bool
is_alnum(unsigned char c)
{
	return is_alpha(c) || is_digit(c);
}

static bool
is_space(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

uint32_t
text_numeric_ref(uint32_t n)
{
	if (n == 0 || n > 0x10FFFF || (n >= 0xD800 && n <= 0xDFFF))
		return UTF8_REPLACEMENT;
	if (n >= 0x80 && n <= 0x9F && text_cp1252[n - 0x80] != 0)
		return text_cp1252[n - 0x80];
	return n;
}

/* The entity named exactly s[0..n), or NULL. */
static const struct text_entity *
lookup(const char *s, size_t n)
{
	size_t lo = 0, hi = text_entities_len;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const char *name = text_entities[mid].name;
		int c = strncmp(s, name, n);

		if (c == 0 && name[n] != '\0')
			c = -1;
		if (c < 0)
			hi = mid;
		else if (c > 0)
			lo = mid + 1;
		else
			return &text_entities[mid];
	}
	return NULL;
}

static size_t
numeric(const char *s, size_t len, char out[TEXT_ENTITY_MAX], size_t *outlen)
{
	uint32_t v = 0;
	size_t i = 2, start;
	bool hex = false;

	if (i < len && (s[i] == 'x' || s[i] == 'X')) {
		hex = true;
		i++;
	}
	start = i;
	for (; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		uint32_t d;

		if (is_digit(c))
			d = c - '0';
		else if (hex && c >= 'a' && c <= 'f')
			d = c - 'a' + 10;
		else if (hex && c >= 'A' && c <= 'F')
			d = c - 'A' + 10;
		else
			break;
		if (v <= 0x10FFFF)
			v = v * (hex ? 16 : 10) + d;
	}
	if (i == start)
		return 0;
	if (i < len && s[i] == ';')
		i++;
	*outlen = utf8_encode(text_numeric_ref(v), out);
	return i;
}

size_t
text_decode_entity(const char *s, size_t len, bool in_attr,
    char out[TEXT_ENTITY_MAX], size_t *outlen)
{
	const struct text_entity *e;
	size_t n, k;

	if (len < 2 || s[0] != '&')
		return 0;
	if (s[1] == '#')
		return numeric(s, len, out, outlen);
	for (n = 1;
	     n < len && n <= NAME_MAX_LEN && is_alnum((unsigned char)s[n]); n++)
		;
	n--; /* the name is s[1..1+n) */
	if (n == 0)
		return 0;
	if (1 + n < len && s[1 + n] == ';') {
		e = lookup(s + 1, n);
		if (e != NULL) {
			*outlen = strlen(e->utf8);
			memcpy(out, e->utf8, *outlen);
			return n + 2;
		}
	}
	/* Legacy names work without ';', also as a prefix: "&notit" (HTML5). */
	for (k = n; k >= 2; k--) {
		e = lookup(s + 1, k);
		if (e == NULL || !e->legacy)
			continue;
		if (in_attr && 1 + k < len &&
		    (is_alnum((unsigned char)s[1 + k]) || s[1 + k] == '='))
			return 0;
		*outlen = strlen(e->utf8);
		memcpy(out, e->utf8, *outlen);
		return k + 1;
	}
	return 0;
}

int
text_decode_entities(struct buf *out, const char *s, size_t len)
{
	char enc[TEXT_ENTITY_MAX];
	size_t i = 0, run, used, n;

	while (i < len) {
		const char *amp = memchr(s + i, '&', len - i);

		run = amp != NULL ? (size_t)(amp - s) - i : len - i;
		if (run > 0 && buf_add(out, s + i, run) == -1)
			return -1;
		i += run;
		if (i >= len)
			break;
		used = text_decode_entity(s + i, len - i, false, enc, &n);
		if (used == 0) {
			used = 1;
			enc[0] = '&';
			n = 1;
		}
		if (buf_add(out, enc, n) == -1)
			return -1;
		i += used;
	}
	return 0;
}

/* The C1 control at s[i] (U+0080-U+009F as C2 80-9F), or false. */
static bool
c1_at(const char *s, size_t len, size_t i)
{
	return i + 1 < len && (unsigned char)s[i] == 0xC2 &&
	    (unsigned char)s[i + 1] >= 0x80 && (unsigned char)s[i + 1] <= 0x9F;
}

bool
text_has_c1(const char *s, size_t len)
{
	const char *p = s;

	if (len == 0)
		return false; /* s may be NULL */
	while ((p = memchr(p, 0xC2, len - (size_t)(p - s))) != NULL) {
		if (c1_at(s, len, (size_t)(p - s)))
			return true;
		p++;
	}
	return false;
}

/*
 * The UTF-8 sequence whose bytes were read as Latin-1 and written again
 * as UTF-8, at s[i]: a lead U+00C2-U+00F4 and continuations U+0080-
 * U+00BF, one of them a C1 control (text never holds those, so the
 * match is safe).  Writes the original bytes into out and returns the
 * input bytes used, or 0.
 */
static size_t
double_encoded(const char *s, size_t len, size_t i, char out[4], size_t *n)
{
	uint32_t cp, lead;
	size_t used, need, k, at = i;
	bool c1 = false;

	used = utf8_decode(s + at, len - at, &lead);
	if (lead < 0xC2 || lead > 0xF4)
		return 0;
	need = lead <= 0xDF ? 1 : lead <= 0xEF ? 2 : 3;
	out[0] = (char)lead;
	at += used;
	for (k = 1; k <= need; k++) {
		if (at >= len)
			return 0;
		used = utf8_decode(s + at, len - at, &cp);
		if (cp < 0x80 || cp > 0xBF)
			return 0;
		c1 = c1 || cp <= 0x9F;
		out[k] = (char)cp;
		at += used;
	}
	if (!c1 || !utf8_valid(out, need + 1))
		return 0;
	*n = need + 1;
	return at - i;
}

int
text_fix_c1(struct buf *out, const char *s, size_t len)
{
	size_t i = 0, start = 0, used, n;
	char enc[4];
	uint32_t cp;

	while (i < len) {
		if ((unsigned char)s[i] < 0xC2 || (unsigned char)s[i] > 0xC3) {
			i++;
			continue;
		}
		used = double_encoded(s, len, i, enc, &n);
		if (used == 0 && c1_at(s, len, i) &&
		    text_cp1252[(unsigned char)s[i + 1] - 0x80] != 0) {
			cp = text_cp1252[(unsigned char)s[i + 1] - 0x80];
			n = utf8_encode(cp, enc);
			used = 2;
		}
		if (used == 0) {
			i++;
			continue;
		}
		if (buf_add(out, s + start, i - start) == -1 ||
		    buf_add(out, enc, n) == -1)
			return -1;
		i += used;
		start = i;
	}
	return buf_add(out, s + start, len - start);
}

/* Collapsing writer: whitespace becomes one space between words. */
struct line {
	struct buf *out;
	bool space; /* a space is due before the next word */
	bool any;   /* something was written */
	int error;
};

static void
line_text(struct line *l, const char *s, size_t n)
{
	size_t i = 0, j;

	while (i < n) {
		if (is_space((unsigned char)s[i])) {
			l->space = true;
			i++;
			continue;
		}
		/* Words with one ' ' between them go on in one piece. */
		for (j = i; j < n; j++)
			if (is_space((unsigned char)s[j]) &&
			    (s[j] != ' ' || j + 1 == n ||
			        is_space((unsigned char)s[j + 1])))
				break;
		if (l->space && l->any && buf_addch(l->out, ' ') == -1)
			l->error = -1;
		if (buf_add(l->out, s + i, j - i) == -1)
			l->error = -1;
		l->space = false;
		l->any = true;
		i = j;
	}
}

int
text_collapse(struct buf *out, const char *s, size_t len)
{
	struct line l = {out, false, false, 0};

	line_text(&l, s, len);
	return l.error;
}

static char *
detach_or_null(struct buf *b)
{
	if (b->len == 0) {
		buf_clear(b);
		return NULL;
	}
	return buf_detach(b, NULL);
}

char *
text_collapse_str(const char *s, size_t len)
{
	struct buf b;

	buf_init(&b, BUF_NOLIMIT);
	text_collapse(&b, s, len);
	return detach_or_null(&b);
}

/* Case-insensitive: does s[0..len) start with the ASCII word w? */
static bool
starts_ci(const char *s, size_t len, const char *w)
{
	size_t i;

	for (i = 0; w[i] != '\0'; i++) {
		unsigned char c;

		if (i >= len)
			return false;
		c = (unsigned char)s[i];
		if (c >= 'A' && c <= 'Z')
			c += 'a' - 'A';
		if (c != (unsigned char)w[i])
			return false;
	}
	return true;
}

bool
text_name_is(const char *name, size_t n, const char *w)
{
	return strlen(w) == n && starts_ci(name, n, w);
}

/* Index of the first s[i..] that starts the literal w, or len. */
static size_t
find(const char *s, size_t len, size_t i, const char *w)
{
	size_t k = strlen(w);
	const char *p;

	while (i + k <= len) {
		p = memchr(s + i, w[0], len - i - k + 1);
		if (p == NULL)
			break;
		i = (size_t)(p - s);
		if (memcmp(s + i, w, k) == 0)
			return i;
		i++;
	}
	return len;
}

/*
 * One step over the attributes of a tag, from s[i] (HTML5 "before
 * attribute name" state).  Sets a->name (NULL when there is no other
 * attribute) and returns the index after the attribute, or the index of
 * the tag's '>' (with *slash set for "/>"), or len when the tag never
 * ends.  Quotes count only around a value, as in HTML5.
 */
static size_t
attr_step(const char *s, size_t len, size_t i, struct text_attr *a, bool *slash)
{
	size_t j;
	const char *q;

	a->name = a->value = NULL;
	a->namelen = a->valuelen = 0;
	*slash = false;
	while (i < len && (is_space((unsigned char)s[i]) || s[i] == '/')) {
		*slash = s[i] == '/';
		i++;
	}
	if (i >= len || s[i] == '>')
		return i;
	a->name = s + i;
	for (j = i + 1; j < len && !is_space((unsigned char)s[j]) &&
	     s[j] != '/' && s[j] != '>' && s[j] != '=';
	     j++)
		;
	a->namelen = j - i;
	for (i = j; i < len && is_space((unsigned char)s[i]); i++)
		;
	if (i >= len || s[i] != '=')
		return i;
	for (i++; i < len && is_space((unsigned char)s[i]); i++)
		;
	if (i < len && (s[i] == '"' || s[i] == '\'')) {
		q = memchr(s + i + 1, s[i], len - i - 1);
		if (q == NULL)
			return len;
		a->value = s + i + 1;
		a->valuelen = (size_t)(q - s) - i - 1;
		return (size_t)(q - s) + 1;
	}
	for (j = i; j < len && !is_space((unsigned char)s[j]) && s[j] != '>';
	     j++)
		;
	a->value = s + i;
	a->valuelen = j - i;
	return j;
}

bool
text_attr_next(const struct text_token *t, size_t *pos, struct text_attr *a)
{
	bool slash;

	if (*pos >= t->attrslen)
		return false;
	*pos = attr_step(t->attrs, t->attrslen, *pos, a, &slash);
	return a->name != NULL;
}

void
text_lex_init(struct text_lexer *lx, const char *s, size_t len)
{
	memset(lx, 0, sizeof(*lx));
	lx->s = s;
	lx->len = len;
	lx->textfrom = SIZE_MAX;
	lx->comment_end.from = lx->cdata_end.from = SIZE_MAX;
}

/*
 * The first w ("-->" or "]]>") at or after s[i], or len, remembered: the
 * answer holds for any start between i and it, so that a document full
 * of openers is searched once, not once for each of them.
 */
static size_t
next_of(const struct text_lexer *lx, struct text_found *c, size_t i,
    const char *w)
{
	if (c->from == SIZE_MAX || i < c->from || i > c->at) {
		c->from = i;
		c->at = find(lx->s, lx->len, i, w);
	}
	return c->at;
}

/*
 * The markup at s[i] == '<' as a token, or false when it is text: "<"
 * not followed by a letter, '/' and a letter, '!' or '?', and markup
 * that never ends.  A comment ends at "-->", else at its first '>', else
 * with the input (HTML5; the '>' is how SGML and older browsers read
 * "<!-- -- x >").  A CDATA section is unwrapped when its "]]>" follows.
 */
static bool
markup(struct text_lexer *lx, size_t i, struct text_token *t)
{
	const char *s = lx->s;
	size_t len = lx->len, j, e;
	struct text_attr a;
	bool end, slash = false;

	memset(t, 0, sizeof(*t));
	t->s = s + i;
	if (i + 1 >= len || i >= lx->textfrom)
		return false;
	if (s[i + 1] == '!' || s[i + 1] == '?') {
		t->kind = TEXT_TOK_OTHER;
		if (starts_ci(s + i, len - i, "<!--")) {
			/* "<!-->" and "<!--->" end at once (HTML5). */
			e = i + 4 < len && s[i + 4] == '>' ? i + 2
			    : i + 5 < len && s[i + 4] == '-' && s[i + 5] == '>'
			    ? i + 3
			    : next_of(lx, &lx->comment_end, i + 4, "-->");
			if (e == len) {
				const char *gt =
				    memchr(s + i + 4, '>', len - i - 4);

				e = gt != NULL ? (size_t)(gt - s) - 2 : len - 3;
			}
			t->len = e + 3 <= len ? e + 3 - i : len - i;
			return true;
		}
		if (starts_ci(s + i, len - i, "<![cdata[")) {
			if (next_of(lx, &lx->cdata_end, i + 9, "]]>") == len)
				return false;
			lx->cdata++;
			t->len = 9;
			return true;
		}
		e = find(s, len, i + 2, ">");
		if (e == len) {
			lx->textfrom = i; /* so is every later '<' */
			return false;
		}
		t->len = e + 1 - i;
		return true;
	}
	end = s[i + 1] == '/';
	j = i + 1 + end;
	if (j >= len || !is_alpha((unsigned char)s[j]))
		return false;
	t->kind = end ? TEXT_TOK_END : TEXT_TOK_START;
	t->name = s + j;
	while (j < len && !is_space((unsigned char)s[j]) && s[j] != '/' &&
	    s[j] != '>')
		j++;
	t->namelen = (size_t)(s + j - t->name);
	t->attrs = s + j;
	for (;;) {
		j = attr_step(s, len, j, &a, &slash);
		if (j >= len) {
			/* No '>' (or an open quote) to the end: the rest is
			 * text, so no later '<' is read to the end again. */
			lx->textfrom = i;
			return false;
		}
		if (a.name == NULL)
			break;
	}
	t->attrslen = (size_t)(s + j - t->attrs);
	t->selfclose = slash;
	t->len = j + 1 - i;
	if (!end && text_name_is(t->name, t->namelen, "script"))
		lx->raw = "script";
	else if (!end && text_name_is(t->name, t->namelen, "style"))
		lx->raw = "style";
	return true;
}

/* The end of raw text from s[i]: the next "</name" ending the name. */
static size_t
raw_end(const struct text_lexer *lx, size_t i)
{
	const char *s = lx->s, *p;
	size_t len = lx->len, n = strlen(lx->raw);

	while (i + 2 + n <= len) {
		p = memchr(s + i, '<', len - i);
		if (p == NULL)
			break;
		i = (size_t)(p - s);
		if (i + 2 + n > len)
			break;
		if (s[i + 1] == '/' && starts_ci(s + i + 2, n, lx->raw) &&
		    (i + 2 + n == len ||
		        is_space((unsigned char)s[i + 2 + n]) ||
		        s[i + 2 + n] == '/' || s[i + 2 + n] == '>'))
			return i;
		i++;
	}
	return len;
}

bool
text_lex_next(struct text_lexer *lx, struct text_token *t)
{
	const char *s = lx->s;
	size_t len = lx->len, i = lx->pos, close = len;
	const char *p;

	if (lx->haspending) {
		/* Markup found at the end of the last text. */
		*t = lx->pending;
		lx->haspending = false;
		lx->pos = (size_t)(t->s - s) + t->len;
		return true;
	}
	if (i >= len)
		return false;
	if (lx->raw != NULL) {
		size_t e = raw_end(lx, i);

		lx->raw = NULL;
		if (e > i) {
			memset(t, 0, sizeof(*t));
			t->kind = TEXT_TOK_RAW;
			t->s = s + i;
			t->len = e - i;
			lx->pos = e;
			return true;
		}
	}
	if (s[i] == '<' && markup(lx, i, t)) {
		lx->pos = i + t->len;
		return true;
	}
	memset(t, 0, sizeof(*t));
	t->s = s + i;
	if (lx->cdata > 0 && len - i >= 3 && memcmp(s + i, "]]>", 3) == 0) {
		t->kind = TEXT_TOK_OTHER;
		t->len = 3;
		lx->cdata--;
		lx->pos = i + 3;
		return true;
	}
	/* Text, up to the next markup (or the "]]>" of a CDATA section). */
	t->kind = TEXT_TOK_TEXT;
	if (lx->cdata > 0)
		close = next_of(lx, &lx->cdata_end, i + 1, "]]>");
	for (i++; i < close; i++) {
		p = memchr(s + i, '<', close - i);
		if (p == NULL) {
			i = close;
			break;
		}
		i = (size_t)(p - s);
		if (markup(lx, i, &lx->pending)) {
			lx->haspending = true;
			break;
		}
	}
	t->len = (size_t)(s + i - t->s);
	lx->pos = i;
	return true;
}

/* Tags that end a line or a block: their boundary is a space. */
static bool
is_block(const char *name, size_t n)
{
	static const char *const blocks[] = {"address", "article", "aside",
	    "blockquote", "br", "caption", "dd", "div", "dl", "dt",
	    "figcaption", "figure", "footer", "h1", "h2", "h3", "h4", "h5",
	    "h6", "header", "hr", "li", "ol", "p", "pre", "section", "table",
	    "td", "th", "tr", "ul"};
	size_t i;

	for (i = 0; i < NITEMS(blocks); i++)
		if (text_name_is(name, n, blocks[i]))
			return true;
	return false;
}

int
text_html_to_line(struct buf *out, const char *s, size_t len)
{
	struct line l = {out, false, false, 0};
	struct text_lexer lx;
	struct text_token t;
	char enc[TEXT_ENTITY_MAX];
	size_t i, j, n, used;

	text_lex_init(&lx, s, len);
	while (l.error == 0 && text_lex_next(&lx, &t)) {
		if (t.kind == TEXT_TOK_START || t.kind == TEXT_TOK_END) {
			if (is_block(t.name, t.namelen))
				l.space = true;
			continue;
		}
		if (t.kind != TEXT_TOK_TEXT)
			continue; /* script, style, comments ... */
		for (i = 0; i < t.len && l.error == 0; i = j) {
			if (t.s[i] == '&') {
				used = text_decode_entity(t.s + i, t.len - i,
				    false, enc, &n);
				if (used > 0) {
					line_text(&l, enc, n);
					j = i + used;
					continue;
				}
			}
			for (j = i + 1; j < t.len && t.s[j] != '&'; j++)
				;
			line_text(&l, t.s + i, j - i);
		}
	}
	return l.error;
}

char *
text_from_html(const char *s, size_t len)
{
	struct buf b;

	buf_init(&b, BUF_NOLIMIT);
	text_html_to_line(&b, s, len);
	return detach_or_null(&b);
}

int
text_escape_html(struct buf *out, const char *s, size_t len)
{
	size_t i, start = 0;
	const char *rep;

	for (i = 0; i < len; i++) {
		switch (s[i]) {
		case '&':
			rep = "&amp;";
			break;
		case '<':
			rep = "&lt;";
			break;
		case '>':
			rep = "&gt;";
			break;
		case '"':
			rep = "&quot;";
			break;
		default:
			continue;
		}
		if (buf_add(out, s + start, i - start) == -1 ||
		    buf_addstr(out, rep) == -1)
			return -1;
		start = i + 1;
	}
	return buf_add(out, s + start, len - start);
}
