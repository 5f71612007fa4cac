/*
 * utf8 -- decoding, display width and sanitizing of UTF-8 text.
 */
#include "utf8.h"

#include <stdint.h>
#include <string.h>

size_t
utf8_decode(const char *s, size_t len, uint32_t *cp)
{
	const unsigned char *p = (const unsigned char *)s;
	uint32_t c, min;
	size_t n, i;

	c = p[0];
	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if (c >= 0xC2 && c <= 0xDF) {
		n = 2;
		c &= 0x1F;
		min = 0x80;
	} else if (c >= 0xE0 && c <= 0xEF) {
		n = 3;
		c &= 0x0F;
		min = 0x800;
	} else if (c >= 0xF0 && c <= 0xF4) {
		n = 4;
		c &= 0x07;
		min = 0x10000;
	} else
		goto bad; /* continuation byte, C0/C1 overlong lead, F5-FF */
	if (len < n)
		goto bad;
	for (i = 1; i < n; i++) {
		if ((p[i] & 0xC0) != 0x80)
			goto bad;
		c = (c << 6) | (p[i] & 0x3F);
	}
	if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
		goto bad;
	*cp = c;
	return n;
bad:
	*cp = UTF8_REPLACEMENT;
	return 1;
}

size_t
utf8_encode(uint32_t cp, char out[4])
{
	if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		cp = UTF8_REPLACEMENT;
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xC0 | (cp >> 6));
		out[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		out[0] = (char)(0xE0 | (cp >> 12));
		out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		out[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	out[0] = (char)(0xF0 | (cp >> 18));
	out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
	out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
	out[3] = (char)(0x80 | (cp & 0x3F));
	return 4;
}

bool
utf8_valid(const char *s, size_t len)
{
	uint32_t cp;
	uint64_t w;
	size_t i, n;

	for (i = 0; i < len; i += n) {
		/* ASCII, eight bytes at a time: most of any feed's text. */
		while (i + 8 <= len) {
			memcpy(&w, s + i, 8);
			if ((w & 0x8080808080808080ull) != 0)
				break;
			i += 8;
		}
		if (i == len)
			break;
		if ((unsigned char)s[i] < 0x80) {
			n = 1;
			continue;
		}
		n = utf8_decode(s + i, len - i, &cp);
		if (cp == UTF8_REPLACEMENT && n == 1)
			return false;
	}
	return true;
}

static bool
in_table(uint32_t cp, const struct utf8_range *t, size_t n)
{
	size_t lo = 0, hi = n;

	if (n == 0 || cp < t[0].first || cp > t[n - 1].last)
		return false;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (cp > t[mid].last)
			lo = mid + 1;
		else if (cp < t[mid].first)
			hi = mid;
		else
			return true;
	}
	return false;
}

int
utf8_cpwidth(uint32_t cp)
{
	if (cp < 0x20 || cp == 0x7F)
		return 0;
	if (cp < 0x300)
		return cp >= 0x80 && cp < 0xA0 ? 0 : 1;
	if (in_table(cp, utf8_zero_width, utf8_zero_width_len))
		return 0;
	if (cp >= 0x1100 && in_table(cp, utf8_wide, utf8_wide_len))
		return 2;
	return 1;
}

size_t
utf8_width(const char *s, size_t len)
{
	size_t i, n, w = 0;
	uint32_t cp;

	for (i = 0; i < len; i += n) {
		if ((unsigned char)s[i] < 0x80) {
			n = 1;
			w += (unsigned char)s[i] >= 0x20 && s[i] != 0x7F;
			continue;
		}
		n = utf8_decode(s + i, len - i, &cp);
		w += (size_t)utf8_cpwidth(cp);
	}
	return w;
}

size_t
utf8_strwidth(const char *s)
{
	return utf8_width(s, strlen(s));
}

size_t
utf8_fit(const char *s, size_t len, size_t cols, size_t *width)
{
	size_t i = 0, n, w = 0;
	uint32_t cp;
	int cw;

	while (i < len) {
		if ((unsigned char)s[i] < 0x80) {
			/* ASCII: no decoding, no table (as utf8_width). */
			n = 1;
			cw = (unsigned char)s[i] >= 0x20 && s[i] != 0x7F;
		} else {
			n = utf8_decode(s + i, len - i, &cp);
			cw = utf8_cpwidth(cp);
		}
		if (cw > 0 && w + (size_t)cw > cols)
			break;
		w += (size_t)cw;
		i += n;
	}
	if (width != NULL)
		*width = w;
	return i;
}

bool
utf8_is_control(uint32_t cp)
{
	if (cp == '\t' || cp == '\n')
		return false;
	return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F);
}

bool
utf8_is_bidi_control(uint32_t cp)
{
	return (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
}

int
utf8_sanitize(struct buf *out, const char *s, size_t len, unsigned flags)
{
	bool oneline = (flags & UTF8_ONELINE) != 0;
	size_t i, n, run;
	uint32_t cp;
	char enc[4];

	for (i = 0; i < len; i += n) {
		/* Copy runs of printable ASCII in one go. */
		for (run = i; run < len; run++) {
			unsigned char c = (unsigned char)s[run];

			if (c < 0x20 || c >= 0x7F)
				break;
		}
		if (run > i) {
			if (buf_add(out, s + i, run - i) == -1)
				return -1;
			n = run - i;
			continue;
		}
		n = utf8_decode(s + i, len - i, &cp);
		if (cp == '\n' || cp == '\t' || cp == 0x2028 || cp == 0x2029) {
			if (oneline)
				cp = ' ';
			else if (cp != '\t')
				cp = '\n';
		} else if (cp == '\r') {
			if (!oneline)
				continue;
			cp = ' ';
		} else if (cp == 0xAD || utf8_is_bidi_control(cp))
			continue;
		else if (utf8_is_control(cp))
			cp = UTF8_REPLACEMENT;
		if (buf_add(out, enc, utf8_encode(cp, enc)) == -1)
			return -1;
	}
	return 0;
}

char *
utf8_sanitize_str(const char *s, unsigned flags)
{
	struct buf b;

	buf_init(&b, BUF_NOLIMIT);
	utf8_sanitize(&b, s, strlen(s), flags);
	return buf_detach(&b, NULL);
}
