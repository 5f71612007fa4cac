/*
 * utf8 -- decoding, display width and sanitizing of UTF-8 text.
 *
 * Pure, and independent of the locale: one built-in width table
 * (utf8_table.c, generated), never wcwidth() or mbtowc().  Everything
 * that reaches the screen or stdout goes through utf8_sanitize() first.
 */
#ifndef IFPNEWS_UTF8_H
#define IFPNEWS_UTF8_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "buf.h"

#define UTF8_REPLACEMENT 0xFFFDu

struct utf8_range {
	uint32_t first, last;
};

/*
 * Decode the code point at s (len > 0 bytes available).  Returns the bytes
 * used, 1 to 4.  A malformed sequence (stray continuation byte, overlong
 * form, surrogate, above U+10FFFF, cut short) gives U+FFFD and uses 1 byte,
 * so decoding always moves forward and never reads past len.
 */
size_t utf8_decode(const char *s, size_t len, uint32_t *cp);
/* Encode cp (U+FFFD when invalid) into out; returns the bytes written. */
size_t utf8_encode(uint32_t cp, char out[4]);
/* True when s[0..len) is well-formed UTF-8. */
bool utf8_valid(const char *s, size_t len);

/*
 * Display columns of one code point: 0 for combining marks, format
 * characters and zero-width joiners, 2 for East Asian wide and fullwidth,
 * else 1.  Control characters count 0: sanitized text holds none.
 */
int utf8_cpwidth(uint32_t cp);
/* Display columns of s[0..len) (a tab counts 1: expand tabs before). */
size_t utf8_width(const char *s, size_t len);
size_t utf8_strwidth(const char *s);
/*
 * Length in bytes of the longest prefix of s[0..len) that fits in cols
 * columns, never splitting a sequence nor separating a base character from
 * the zero-width marks that follow it.  *width, when not NULL, gets the
 * prefix's columns.
 */
size_t utf8_fit(const char *s, size_t len, size_t cols, size_t *width);

/*
 * True for characters that must not reach a terminal: C0 controls but tab
 * and newline, DEL, C1 controls (U+0080-U+009F).
 */
bool utf8_is_control(uint32_t cp);
/* True for bidi embedding, override and isolate controls. */
bool utf8_is_bidi_control(uint32_t cp);

enum utf8_sanitize_flags {
	/*
	 * A one-line field (title, author, category): newlines, tabs and
	 * the Unicode line and paragraph separators become spaces, bidi
	 * embedding/override/isolate controls are removed.
	 */
	UTF8_ONELINE = 1 << 0,
};

/*
 * Append s[0..len) to out made safe for a terminal: malformed bytes become
 * U+FFFD; controls (utf8_is_control, and ESC) become U+FFFD, except CR,
 * which is dropped (or a space with UTF8_ONELINE); soft hyphens are
 * dropped; bidi controls are dropped everywhere (a feed cannot reorder the
 * text around it).  Returns 0, or -1 when out reached its maximum.
 */
int utf8_sanitize(struct buf *out, const char *s, size_t len, unsigned flags);
/* The same into a new string; the caller frees it. */
char *utf8_sanitize_str(const char *s, unsigned flags);

/* Width tables (utf8_table.c). */
extern const struct utf8_range utf8_zero_width[];
extern const size_t utf8_zero_width_len;
extern const struct utf8_range utf8_wide[];
extern const size_t utf8_wide_len;

#endif
