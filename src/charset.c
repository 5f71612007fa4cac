/*
 * charset -- find the character encoding of an XML document and turn the
 * document into clean UTF-8, piece by piece.
 */
#include "charset.h"

#include <errno.h>
#include <iconv.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "text.h"
#include "utf8.h"
#include "util.h"

enum charset_kind {
	KIND_UTF8,
	KIND_CP1252,
	KIND_ICONV,
};

struct charset_conv {
	enum charset_kind kind;
	iconv_t cd;
	size_t unit;            /* bytes to skip on an iconv decoding error */
	bool unknown;           /* the name was not usable: read as UTF-8 */
	unsigned char carry[4]; /* a UTF-8 sequence cut by the last push */
	size_t ncarry;
	unsigned char icarry[16]; /* the same, for iconv's input */
	size_t nicarry;
	struct buf tmp;       /* decoded text before cleaning */
	size_t offset;        /* input bytes seen */
	size_t errors, first; /* replacements; offset of the first */
	void (*emit)(void *, const char *, size_t);
	void *arg;
};

static const char replacement[] = "\xEF\xBF\xBD";

static void
lower(char *dst, size_t size, const char *s, size_t n)
{
	size_t i;

	if (n >= size)
		n = size - 1;
	for (i = 0; i < n; i++) {
		char c = s[i];

		if (c >= 'A' && c <= 'Z')
			c = (char)(c + 'a' - 'A');
		dst[i] = c;
	}
	dst[n] = '\0';
}

/* Labels that mean Windows-1252 (WHATWG Encoding) or UTF-8. */
static const char *
canonical(const char *label)
{
	static const char *const cp1252[] = {"ansi_x3.4-1968", "ascii",
	    "cp1252", "cp819", "csisolatin1", "ibm819", "iso-8859-1",
	    "iso-ir-100", "iso8859-1", "iso88591", "iso_8859-1",
	    "iso_8859-1:1987", "l1", "latin1", "latin-1", "us-ascii",
	    "windows-1252", "x-cp1252"};
	static const char *const utf8[] = {"unicode-1-1-utf-8", "utf-8", "utf8",
	    "x-unicode20utf8"};
	size_t i;

	for (i = 0; i < NITEMS(cp1252); i++)
		if (strcmp(label, cp1252[i]) == 0)
			return "windows-1252";
	for (i = 0; i < NITEMS(utf8); i++)
		if (strcmp(label, utf8[i]) == 0)
			return "utf-8";
	return label;
}

/* UTF-16 and UTF-32 labels: these cannot be right for a document whose
 * declaration was just read as ASCII. */
static bool
is_wide(const char *label)
{
	return strncmp(label, "utf-16", 6) == 0 ||
	    strncmp(label, "utf16", 5) == 0 ||
	    strncmp(label, "utf-32", 6) == 0 ||
	    strncmp(label, "utf32", 5) == 0 || strncmp(label, "ucs-", 4) == 0 ||
	    strcmp(label, "iso-10646-ucs-2") == 0;
}

/* The encoding="..." of an XML declaration at the start of s, or 0. */
static size_t
xml_decl_encoding(const char *s, size_t len, const char **enc)
{
	const char *end, *p;
	char q;
	size_t n;

	if (len < 6 || memcmp(s, "<?xml", 5) != 0)
		return 0;
	end = memchr(s, '>', len);
	if (end == NULL)
		end = s + len;
	for (p = s + 5; p + 8 < end; p++)
		if (memcmp(p, "encoding", 8) == 0)
			break;
	if (p + 8 >= end)
		return 0;
	p += 8;
	while (p < end && (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n'))
		p++;
	if (p >= end || *p++ != '=')
		return 0;
	while (p < end && (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n'))
		p++;
	if (p >= end || (*p != '"' && *p != '\''))
		return 0;
	q = *p++;
	for (n = 0; p + n < end && p[n] != q; n++)
		;
	if (p + n >= end || n == 0)
		return 0;
	*enc = p;
	return n;
}

void
charset_sniff(const char *data, size_t len, const char *http_charset,
    char name[CHARSET_NAME_MAX], size_t *bom)
{
	const unsigned char *u = (const unsigned char *)data;
	const char *enc = NULL, *label = "utf-8";
	char http[CHARSET_NAME_MAX], decl[CHARSET_NAME_MAX];
	size_t n;

	*bom = 0;
	if (len >= 4 && memcmp(u, "\x00\x00\xFE\xFF", 4) == 0) {
		*bom = 4;
		label = "utf-32be";
	} else if (len >= 4 && memcmp(u, "\xFF\xFE\x00\x00", 4) == 0) {
		*bom = 4;
		label = "utf-32le";
	} else if (len >= 3 && memcmp(u, "\xEF\xBB\xBF", 3) == 0) {
		*bom = 3;
		label = "utf-8";
	} else if (len >= 2 && memcmp(u, "\xFE\xFF", 2) == 0) {
		*bom = 2;
		label = "utf-16be";
	} else if (len >= 2 && memcmp(u, "\xFF\xFE", 2) == 0) {
		*bom = 2;
		label = "utf-16le";
	} else if (len >= 4 && memcmp(u, "\x00\x00\x00\x3C", 4) == 0)
		label = "utf-32be";
	else if (len >= 4 && memcmp(u, "\x3C\x00\x00\x00", 4) == 0)
		label = "utf-32le";
	else if (len >= 4 && memcmp(u, "\x00\x3C\x00\x3F", 4) == 0)
		label = "utf-16be";
	else if (len >= 4 && memcmp(u, "\x3C\x00\x3F\x00", 4) == 0)
		label = "utf-16le";
	else {
		/* An ASCII-compatible document: HTTP, then the declaration. */
		http[0] = decl[0] = '\0';
		if (http_charset != NULL) {
			const char *h = http_charset;

			while (*h == ' ' || *h == '"' || *h == '\'')
				h++;
			n = strcspn(h, " \"';");
			lower(http, sizeof(http), h, n);
		}
		n = xml_decl_encoding(data, len, &enc);
		if (n > 0)
			lower(decl, sizeof(decl), enc, n);
		if (http[0] != '\0' && !is_wide(http))
			label = canonical(http);
		else if (decl[0] != '\0' && !is_wide(decl))
			label = canonical(decl);
		lower(name, CHARSET_NAME_MAX, label, strlen(label));
		return;
	}
	lower(name, CHARSET_NAME_MAX, label, strlen(label));
}

struct charset_conv *
charset_conv_new(const char *name, void (*emit)(void *, const char *, size_t),
    void *arg)
{
	struct charset_conv *c;
	char label[CHARSET_NAME_MAX];

	c = xcalloc(1, sizeof(*c));
	c->emit = emit;
	c->arg = arg;
	c->cd = (iconv_t)-1;
	buf_init(&c->tmp, BUF_NOLIMIT);
	lower(label, sizeof(label), name, strlen(name));
	name = canonical(label);
	if (strcmp(name, "utf-8") == 0)
		c->kind = KIND_UTF8;
	else if (strcmp(name, "windows-1252") == 0)
		c->kind = KIND_CP1252;
	else {
		c->cd = iconv_open("UTF-8", name);
		if (c->cd == (iconv_t)-1) {
			c->kind = KIND_UTF8;
			c->unknown = true;
		} else {
			c->kind = KIND_ICONV;
			c->unit = 1;
			if (strstr(name, "16") != NULL)
				c->unit = 2;
			else if (strstr(name, "32") != NULL ||
			    strncmp(name, "ucs-4", 5) == 0)
				c->unit = 4;
		}
	}
	return c;
}

void
charset_conv_free(struct charset_conv *c)
{
	if (c == NULL)
		return;
	if (c->cd != (iconv_t)-1)
		iconv_close(c->cd);
	buf_clear(&c->tmp);
	free(c);
}

size_t
charset_conv_errors(const struct charset_conv *c, size_t *first)
{
	if (first != NULL)
		*first = c->first;
	return c->errors;
}

bool
charset_conv_unknown(const struct charset_conv *c)
{
	return c->unknown;
}

static void
bad(struct charset_conv *c, size_t at)
{
	if (c->errors++ == 0)
		c->first = at;
	c->emit(c->arg, replacement, 3);
}

/* Bytes of the sequence a lead byte starts; 0 for no valid lead. */
static size_t
seq_len(unsigned char b)
{
	if (b >= 0xC2 && b <= 0xDF)
		return 2;
	if (b >= 0xE0 && b <= 0xEF)
		return 3;
	if (b >= 0xF0 && b <= 0xF4)
		return 4;
	return 0;
}

#define ONES ((uint64_t)0x0101010101010101ULL)
#define HIGHS ((uint64_t)0x8080808080808080ULL)

/* Allowed in XML text: not a C0 control but tab, newline, return. */
static bool
ascii_ok(unsigned char b)
{
	return b >= 0x20 || b == '\t' || b == '\n' || b == '\r';
}

/*
 * The length of the run of plain ASCII text (tab, newline and return
 * included) that s[0..len) starts with, found 16 bytes at a time with
 * SSE2, else 8 (stopping at tab, newline and return too); the caller
 * goes on byte by byte from there.
 */
static size_t
ascii_run(const unsigned char *s, size_t len)
{
	size_t i = 0;
#ifdef __SSE2__
	const __m128i sp = _mm_set1_epi8(0x20), tab = _mm_set1_epi8('\t'),
	              nl = _mm_set1_epi8('\n'), cr = _mm_set1_epi8('\r');

	while (i + 16 <= len) {
		__m128i v, ok, bad;
		unsigned m;

		v = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
		/* Signed: a byte of 0x80 or more is below ' ' too. */
		bad = _mm_cmplt_epi8(v, sp);
		ok = _mm_or_si128(_mm_cmpeq_epi8(v, tab),
		    _mm_or_si128(_mm_cmpeq_epi8(v, nl), _mm_cmpeq_epi8(v, cr)));
		m = (unsigned)_mm_movemask_epi8(_mm_andnot_si128(ok, bad));
		if (m != 0)
			return i + (size_t)__builtin_ctz(m);
		i += 16;
	}
#endif
	while (i + 8 <= len) {
		uint64_t w;

		memcpy(&w, s + i, 8);
		if ((w & HIGHS) != 0 || ((w - ONES * 0x20) & ~w & HIGHS) != 0)
			break;
		i += 8;
	}
	return i;
}

/*
 * Pass s[0..len) on as valid UTF-8 with no character XML forbids; at
 * is the input offset of s (for the first error's position).
 */
static void
clean(struct charset_conv *c, const unsigned char *s, size_t len, bool last,
    size_t at)
{
	size_t i = 0, start = 0, n, need;
	uint32_t cp;

	if (c->ncarry > 0) {
		need = seq_len(c->carry[0]);
		while (c->ncarry < need && i < len && (s[i] & 0xC0) == 0x80)
			c->carry[c->ncarry++] = s[i++];
		if (c->ncarry < need && i == len && !last)
			return;
		n = utf8_decode((const char *)c->carry, c->ncarry, &cp);
		if (n == c->ncarry && cp != 0xFFFE && cp != 0xFFFF &&
		    !(n == 1 && cp == UTF8_REPLACEMENT))
			c->emit(c->arg, (const char *)c->carry, n);
		else if (n == c->ncarry)
			bad(c, at); /* U+FFFE, U+FFFF */
		else
			for (n = 0; n < c->ncarry; n++)
				bad(c, at); /* as if it came in one piece */
		c->ncarry = 0;
		start = i;
	}
	while (i < len) {
		i += ascii_run(s + i, len - i);
		if (i >= len)
			break;
		if (s[i] < 0x80) {
			if (ascii_ok(s[i])) {
				i++;
				continue;
			}
			n = 1;
			goto replace;
		}
		/* The common two- and three-byte forms, inline. */
		if (s[i] <= 0xDF && s[i] >= 0xC2 && i + 1 < len &&
		    (s[i + 1] & 0xC0) == 0x80) {
			i += 2;
			continue;
		}
		if (s[i] >= 0xE1 && s[i] <= 0xEC && i + 2 < len &&
		    (s[i + 1] & 0xC0) == 0x80 && (s[i + 2] & 0xC0) == 0x80) {
			i += 3;
			continue;
		}
		need = seq_len(s[i]);
		if (need > 0 && i + need > len && !last) {
			size_t k;

			for (k = i + 1; k < len && (s[k] & 0xC0) == 0x80; k++)
				;
			if (k == len) {
				/* Cut by the end of this piece: finish it with
				 * the next one. */
				if (i > start)
					c->emit(c->arg, (const char *)s + start,
					    i - start);
				memcpy(c->carry, s + i, len - i);
				c->ncarry = len - i;
				return;
			}
		}
		n = utf8_decode((const char *)s + i, len - i, &cp);
		if ((n == 1 && cp == UTF8_REPLACEMENT) || cp == 0xFFFE ||
		    cp == 0xFFFF)
			goto replace;
		i += n;
		continue;
replace:
		if (i > start)
			c->emit(c->arg, (const char *)s + start, i - start);
		bad(c, at + i);
		i += n;
		start = i;
	}
	if (len > start)
		c->emit(c->arg, (const char *)s + start, len - start);
}

static void
add_cp(struct buf *b, uint32_t cp)
{
	char enc[4];

	buf_add(b, enc, utf8_encode(cp, enc));
}

static void
decode_cp1252(struct charset_conv *c, const unsigned char *s, size_t len)
{
	size_t i, start = 0;

	buf_reset(&c->tmp);
	for (i = 0; i < len; i++) {
		if (s[i] < 0x80)
			continue;
		buf_add(&c->tmp, s + start, i - start);
		if (s[i] < 0xA0 && text_cp1252[s[i] - 0x80] != 0)
			add_cp(&c->tmp, text_cp1252[s[i] - 0x80]);
		else if (s[i] < 0xA0)
			add_cp(&c->tmp, UTF8_REPLACEMENT); /* unassigned */
		else
			add_cp(&c->tmp, s[i]);
		start = i + 1;
	}
	buf_add(&c->tmp, s + start, len - start);
}

static void
decode_iconv(struct charset_conv *c, const unsigned char *s, size_t len,
    bool last)
{
	struct buf in;
	char *ip, *op;
	size_t il, ol, r;

	buf_init(&in, BUF_NOLIMIT);
	buf_add(&in, c->icarry, c->nicarry);
	buf_add(&in, s, len);
	c->nicarry = 0;
	buf_reset(&c->tmp);
	ip = in.data;
	il = in.len;
	while (il > 0) {
		char out[16384];

		op = out;
		ol = sizeof(out);
		r = iconv(c->cd, &ip, &il, &op, &ol);
		buf_add(&c->tmp, out, sizeof(out) - ol);
		if (r != (size_t)-1 || errno == E2BIG)
			continue;
		if (errno == EINVAL && !last && il < sizeof(c->icarry)) {
			memcpy(c->icarry, ip, il);
			c->nicarry = il;
			break;
		}
		/* EILSEQ, or a sequence cut short at the very end. */
		if (c->errors++ == 0)
			c->first = c->offset + (size_t)(ip - in.data);
		buf_add(&c->tmp, replacement, 3);
		r = il < c->unit ? il : c->unit;
		ip += r;
		il -= r;
	}
	buf_clear(&in);
}

void
charset_conv_push(struct charset_conv *c, const char *in, size_t len, bool last)
{
	const unsigned char *s = (const unsigned char *)in;

	switch (c->kind) {
	case KIND_UTF8:
		clean(c, s, len, last, c->offset);
		break;
	case KIND_CP1252:
		decode_cp1252(c, s, len);
		clean(c, (const unsigned char *)c->tmp.data, c->tmp.len, last,
		    c->offset);
		break;
	case KIND_ICONV:
		decode_iconv(c, s, len, last);
		clean(c, (const unsigned char *)c->tmp.data, c->tmp.len, last,
		    c->offset);
		break;
	}
	c->offset += len;
}
