/*
 * text -- HTML character references and HTML to one-line plain text.
 */
#include "text.h"

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
		for (j = i; j < n && !is_space((unsigned char)s[j]); j++)
			;
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
		if (strlen(blocks[i]) == n && starts_ci(name, n, blocks[i]))
			return true;
	return false;
}

/* Index just past the '>' that closes the tag starting at s[i] == '<'. */
static size_t
tag_end(const char *s, size_t len, size_t i)
{
	char quote = 0;

	for (i++; i < len; i++) {
		if (quote != 0) {
			if (s[i] == quote)
				quote = 0;
		} else if (s[i] == '"' || s[i] == '\'') {
			/* Only inside the tag after '=': a stray quote in text
			 * that merely looks like a tag must not eat the rest.
			 */
			if (s[i - 1] == '=' || s[i - 1] == ' ')
				quote = s[i];
		} else if (s[i] == '>')
			return i + 1;
	}
	return len;
}

/* Index past "</name ...>" after i, or len when there is none. */
static size_t
skip_raw(const char *s, size_t len, size_t i, const char *name)
{
	size_t n = strlen(name);

	for (; i + 1 < len; i++) {
		if (s[i] == '<' && s[i + 1] == '/' &&
		    starts_ci(s + i + 2, len - i - 2, name) &&
		    (i + 2 + n >= len ||
		        !is_alnum((unsigned char)s[i + 2 + n])))
			return tag_end(s, len, i);
	}
	return len;
}

int
text_html_to_line(struct buf *out, const char *s, size_t len)
{
	struct line l = {out, false, false, 0};
	char enc[TEXT_ENTITY_MAX];
	size_t i = 0, j, n, used;

	while (i < len && l.error == 0) {
		unsigned char c = (unsigned char)s[i];

		if (c == '<' && i + 1 < len) {
			size_t name, nlen;
			bool end = s[i + 1] == '/';

			if (starts_ci(s + i, len - i, "<!--")) {
				const char *p = NULL;
				size_t k;

				for (k = i + 4; k + 2 < len; k++)
					if (s[k] == '-' && s[k + 1] == '-' &&
					    s[k + 2] == '>') {
						p = s + k + 3;
						break;
					}
				i = p != NULL ? (size_t)(p - s) : len;
				continue;
			}
			if (s[i + 1] == '!' || s[i + 1] == '?') {
				i = tag_end(s, len, i);
				continue;
			}
			name = i + 1 + end;
			if (name < len && is_alpha((unsigned char)s[name])) {
				for (nlen = 0; name + nlen < len &&
				     is_alnum((unsigned char)s[name + nlen]);
				     nlen++)
					;
				if (is_block(s + name, nlen))
					l.space = true;
				j = tag_end(s, len, i);
				if (!end && nlen == 6 &&
				    starts_ci(s + name, nlen, "script"))
					j = skip_raw(s, len, j, "script");
				else if (!end && nlen == 5 &&
				    starts_ci(s + name, nlen, "style"))
					j = skip_raw(s, len, j, "style");
				i = j;
				continue;
			}
		}
		if (c == '&') {
			used =
			    text_decode_entity(s + i, len - i, false, enc, &n);
			if (used > 0) {
				line_text(&l, enc, n);
				i += used;
				continue;
			}
		}
		/* A run of text up to the next markup character. */
		for (j = i + 1; j < len && s[j] != '<' && s[j] != '&'; j++)
			;
		line_text(&l, s + i, j - i);
		i = j;
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
