/*
 * test_utf8 -- decoding, display width and sanitizing.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "utf8.h"

static void
decodes_valid_sequences(void **state)
{
	uint32_t cp;

	(void)state;
	assert_int_equal(utf8_decode("A", 1, &cp), 1);
	assert_int_equal(cp, 'A');
	assert_int_equal(utf8_decode("\xc3\xa9", 2, &cp), 2);
	assert_int_equal(cp, 0xE9);
	assert_int_equal(utf8_decode("\xe2\x80\x99", 3, &cp), 3);
	assert_int_equal(cp, 0x2019);
	assert_int_equal(utf8_decode("\xf0\x9f\x98\x80", 4, &cp), 4);
	assert_int_equal(cp, 0x1F600);
}

static void
replaces_malformed_bytes_one_at_a_time(void **state)
{
	static const char *bad[] = {
	    "\x80",             /* lone continuation */
	    "\xc0\xaf",         /* overlong '/' */
	    "\xc0\x80",         /* overlong NUL */
	    "\xed\xa0\x80",     /* surrogate */
	    "\xf4\x90\x80\x80", /* above U+10FFFF */
	    "\xe2\x82",         /* cut short */
	    "\xff",
	    "\xfe",
	};
	uint32_t cp;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_int_equal(utf8_decode(bad[i], strlen(bad[i]), &cp), 1);
		assert_int_equal(cp, UTF8_REPLACEMENT);
		assert_false(utf8_valid(bad[i], strlen(bad[i])));
	}
	assert_true(utf8_valid("d\xc3\xa9j\xc3\xa0", 6));
}

/* Long ASCII runs are checked a word at a time: a bad byte anywhere. */
static void
valid_finds_a_bad_byte_at_any_place(void **state)
{
	char s[40];
	size_t at, len;

	(void)state;
	for (len = 1; len <= sizeof(s); len++) {
		memset(s, 'a', len);
		assert_true(utf8_valid(s, len));
		for (at = 0; at < len; at++) {
			memset(s, 'a', len);
			s[at] = (char)0xff;
			assert_false(utf8_valid(s, len));
			if (at + 2 <= len) {
				s[at] = (char)0xc3; /* é, whole or cut */
				s[at + 1] = (char)0xa9;
				assert_true(utf8_valid(s, len));
				assert_false(utf8_valid(s, at + 1));
			}
		}
	}
}

static void
encodes_round_trip(void **state)
{
	uint32_t cps[] = {0x41, 0xE9, 0x7FF, 0x800, 0xFFFD, 0x10000, 0x10FFFF};
	char out[4];
	uint32_t cp;
	size_t i, n;

	(void)state;
	for (i = 0; i < sizeof(cps) / sizeof(cps[0]); i++) {
		n = utf8_encode(cps[i], out);
		assert_int_equal(utf8_decode(out, n, &cp), n);
		assert_int_equal(cp, cps[i]);
	}
	n = utf8_encode(0xD800, out);
	assert_int_equal(n, 3);
	assert_memory_equal(out, "\xef\xbf\xbd", 3);
}

static void
counts_display_columns(void **state)
{
	(void)state;
	assert_int_equal(utf8_strwidth("Iran"), 4);
	/* CJK is wide. */
	assert_int_equal(utf8_strwidth("\xe4\xb8\xad\xe6\x96\x87"), 4);
	/* e + combining acute is one column. */
	assert_int_equal(utf8_strwidth("e\xcc\x81"), 1);
	/* Persian: each letter one column, ZWNJ zero. */
	assert_int_equal(utf8_strwidth("\xd9\x85\xdb\x8c\xe2\x80\x8c\xd8\xb1"),
	    3);
	/* Arabic harakat (fatha) are zero width. */
	assert_int_equal(utf8_strwidth("\xd8\xa8\xd9\x8e"), 1);
	/* ZWJ in an emoji sequence. */
	assert_int_equal(utf8_cpwidth(0x200D), 0);
	assert_int_equal(utf8_cpwidth(0x1F600), 2);
	assert_int_equal(utf8_cpwidth(0xFF21), 2); /* fullwidth A */
	assert_int_equal(utf8_cpwidth(0xFDFC), 1); /* rial sign */
}

static void
fits_a_prefix_without_splitting(void **state)
{
	const char *s = "ab\xe4\xb8\xad"
	                "e\xcc\x81x";
	size_t w, n;

	(void)state;
	n = utf8_fit(s, strlen(s), 3, &w);
	assert_int_equal(n, 2); /* the wide char does not fit in 1 column */
	assert_int_equal(w, 2);
	n = utf8_fit(s, strlen(s), 5, &w);
	assert_int_equal(n, 8); /* e and its combining mark stay together */
	assert_int_equal(w, 5);
	n = utf8_fit(s, strlen(s), 100, &w);
	assert_int_equal(n, strlen(s));
	assert_int_equal(w, 6);
}

static void
sanitize_leaves_no_control_characters(void **state)
{
	char *s;

	(void)state;
	s = utf8_sanitize_str("a\x1b[2Jb\x07"
	                      "c\x7f"
	                      "d",
	    0);
	assert_string_equal(s,
	    "a\xef\xbf\xbd[2Jb\xef\xbf\xbd"
	    "c\xef\xbf\xbd"
	    "d");
	free(s);
	/* C1 controls, raw bytes and encoded. */
	s = utf8_sanitize_str("x\xc2\x9b"
	                      "31m\x9by",
	    0);
	assert_string_equal(s,
	    "x\xef\xbf\xbd"
	    "31m\xef\xbf\xbdy");
	free(s);
	/* Newline and tab kept; CR dropped. */
	s = utf8_sanitize_str("a\r\nb\tc", 0);
	assert_string_equal(s, "a\nb\tc");
	free(s);
}

static void
sanitize_oneline_flattens_and_drops_bidi(void **state)
{
	char *s;

	(void)state;
	/* RLO, LRI/PDI, line separator, newline, tab. */
	s = utf8_sanitize_str("a\xe2\x80\xae"
	                      "b\xe2\x81\xa6"
	                      "c\xe2\x81\xa9"
	                      "\xe2\x80\xa8"
	                      "d\ne\tf\r",
	    UTF8_ONELINE);
	assert_string_equal(s, "abc d e f ");
	free(s);
	/* Soft hyphen dropped; RLM kept. */
	s = utf8_sanitize_str("co\xc2\xad"
	                      "op\xe2\x80\x8f",
	    UTF8_ONELINE);
	assert_string_equal(s, "coop\xe2\x80\x8f");
	free(s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(decodes_valid_sequences),
	    cmocka_unit_test(replaces_malformed_bytes_one_at_a_time),
	    cmocka_unit_test(valid_finds_a_bad_byte_at_any_place),
	    cmocka_unit_test(encodes_round_trip),
	    cmocka_unit_test(counts_display_columns),
	    cmocka_unit_test(fits_a_prefix_without_splitting),
	    cmocka_unit_test(sanitize_leaves_no_control_characters),
	    cmocka_unit_test(sanitize_oneline_flattens_and_drops_bidi),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
