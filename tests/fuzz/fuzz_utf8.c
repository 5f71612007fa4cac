/*
 * fuzz_utf8 -- libFuzzer target for the utf8 module.
 *
 * Invariants, not only "no crash":
 * - utf8_sanitize output is valid UTF-8 without controls or bidi
 *   overrides (with UTF8_ONELINE also without newlines and tabs), and
 *   sanitizing it again changes nothing;
 * - sanitizing valid, control-free text without bidi controls, soft
 *   hyphens, CR or line separators changes nothing;
 * - a buffer with a maximum fails cleanly (-1, toobig, empty);
 * - utf8_decode always moves 1-4 bytes; utf8_valid agrees with it; the
 *   code points of valid text encode back to the same bytes;
 * - utf8_fit gives a prefix on a character boundary whose width is at
 *   most the columns and is utf8_width of that prefix.
 */
#include <assert.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "invariants.h"
#include "utf8.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
check_sanitize(const char *s, size_t len, unsigned flags)
{
	struct buf a, b, small;
	unsigned inv = INV_NOBIDI | (flags & UTF8_ONELINE ? INV_ONELINE : 0);

	buf_init(&a, BUF_NOLIMIT);
	buf_init(&b, BUF_NOLIMIT);
	assert(utf8_sanitize(&a, s, len, flags) == 0);
	inv_safe(a.data != NULL ? a.data : "", a.len, inv);
	assert(
	    utf8_sanitize(&b, a.data != NULL ? a.data : "", a.len, flags) == 0);
	assert(a.len == b.len &&
	    (a.len == 0 || memcmp(a.data, b.data, a.len) == 0));
	/* Too small a buffer: -1, and nothing half-written is left. */
	if (a.len > 0) {
		buf_init(&small, a.len - 1);
		assert(utf8_sanitize(&small, s, len, flags) == -1);
		assert(small.toobig && small.len == 0);
		buf_clear(&small);
	}
	buf_clear(&a);
	buf_clear(&b);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data;
	size_t i, n, fit, w, cols;
	bool valid = true, plain = true;
	char enc[4];
	uint32_t cp;

	check_sanitize(s, size, 0);
	check_sanitize(s, size, UTF8_ONELINE);

	for (i = 0; i < size; i += n) {
		n = utf8_decode(s + i, size - i, &cp);
		assert(n >= 1 && n <= 4 && n <= size - i);
		assert(cp <= 0x10FFFF && (cp < 0xD800 || cp > 0xDFFF));
		if (cp == UTF8_REPLACEMENT && n == 1) {
			valid = false;
			continue;
		}
		assert(utf8_encode(cp, enc) == n && memcmp(enc, s + i, n) == 0);
		if (utf8_is_control(cp) || utf8_is_bidi_control(cp) ||
		    cp == 0xAD || cp == '\r' || cp == 0x2028 || cp == 0x2029)
			plain = false;
		assert(utf8_cpwidth(cp) >= 0 && utf8_cpwidth(cp) <= 2);
	}
	assert(utf8_valid(s, size) == valid);
	if (valid && plain) {
		struct buf b;

		buf_init(&b, BUF_NOLIMIT);
		assert(utf8_sanitize(&b, s, size, 0) == 0);
		assert(b.len == size &&
		    (size == 0 || memcmp(b.data, s, size) == 0));
		buf_clear(&b);
	}

	for (cols = 0; cols <= 16; cols += 4) {
		fit = utf8_fit(s, size, cols, &w);
		assert(fit <= size && w <= cols);
		assert(w == utf8_width(s, fit));
		if (valid && fit < size) {
			/* On a boundary: what follows decodes cleanly. */
			n = utf8_decode(s + fit, size - fit, &cp);
			assert(cp != UTF8_REPLACEMENT || n == 3);
			/* And it stopped for a reason: that is too wide. */
			assert(w + (size_t)utf8_cpwidth(cp) > cols);
		}
	}
	return 0;
}
