/*
 * invariants -- checks the fuzz targets share: text that may reach a
 * terminal, JSON, rendered documents and their display lines.
 *
 * Each check assert()s, so a broken invariant stops the fuzzer (and the
 * seed replay of make check) with the input that broke it.
 */
#ifndef IFPNEWS_FUZZ_INVARIANTS_H
#define IFPNEWS_FUZZ_INVARIANTS_H

#include <stdbool.h>
#include <stddef.h>

#include "html.h"
#include "wrap.h"

/* Widths the renderers are checked at (columns); 0 counts as 1. */
extern const size_t inv_widths[];
extern const size_t inv_nwidths;

enum inv_flags {
	INV_ONELINE = 1 << 0, /* no newline, tab, U+2028 or U+2029 either */
	INV_NOBIDI = 1 << 1,  /* no bidi embedding/override/isolate */
};

/*
 * s[0..len) is valid UTF-8 without a byte or character a terminal obeys:
 * C0 controls but tab and newline, DEL, C1 (U+0080-U+009F), ESC.
 */
void inv_safe(const char *s, size_t len, unsigned flags);
/* The same for a NUL-terminated string; NULL passes. */
void inv_safe_str(const char *s, unsigned flags);
/* Valid UTF-8 (any character); NULL passes. */
void inv_utf8_str(const char *s);

/*
 * s[0..len) is one JSON value (RFC 8259) followed by white space only,
 * and every string in it is valid UTF-8 free of controls (no raw control,
 * no \u escape of one but \n and \t).
 */
void inv_json(const char *s, size_t len);

/*
 * A rendered document is well formed: offsets inside the arena, runs
 * covering each text in order, link numbers in range, table cells in
 * range, all text terminal-safe.
 */
void inv_html_doc(const struct html_doc *doc);

/*
 * doc laid out at width: no line wider than the width, widths measured
 * right, spans covering each line, text safe and without a trailing
 * space; wrap_find and wrap_write agree with the lines.
 */
void inv_wrap(const struct html_doc *doc, size_t width);
/* inv_wrap at every width of inv_widths. */
void inv_wrap_all(const struct html_doc *doc);

/* A copy of data[0..size) with a NUL after it; the caller frees it. */
char *inv_strndup(const void *data, size_t size);

#endif
