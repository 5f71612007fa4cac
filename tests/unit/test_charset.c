/*
 * test_charset -- choosing a document's encoding, and turning it into
 * clean UTF-8 in pieces.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "charset.h"
#include "util.h"

static void
check_sniff(const char *doc, size_t len, const char *http, const char *want,
    size_t want_bom)
{
	char name[CHARSET_NAME_MAX];
	size_t bom;

	charset_sniff(doc, len, http, name, &bom);
	if (strcmp(name, want) != 0)
		fail_msg("sniff(%.20s, %s) = %s, want %s", doc,
		    http ? http : "-", name, want);
	assert_int_equal(bom, want_bom);
}

static void
sniff_follows_bom_patterns_http_and_declaration(void **state)
{
	static const char latin[] =
	    "<?xml version='1.0' encoding='ISO-8859-1'?>";
	static const char koi[] =
	    "<?xml version=\"1.0\" encoding = \"KOI8-R\" ?>";
	static const char u16[] = "<?xml version='1.0' encoding='utf-16'?><a/>";

	(void)state;
	check_sniff("\xEF\xBB\xBF<?xml?>", 10, NULL, "utf-8", 3);
	check_sniff("\xFF\xFE<\0", 4, "iso-8859-1", "utf-16le", 2);
	check_sniff("\xFE\xFF\0<", 4, NULL, "utf-16be", 2);
	check_sniff("\xFF\xFE\0\0<\0\0\0", 8, NULL, "utf-32le", 4);
	check_sniff("\0\0\xFE\xFF\0\0\0<", 8, NULL, "utf-32be", 4);
	check_sniff("<\0?\0x\0", 6, NULL, "utf-16le", 0);
	check_sniff("\0<\0?\0x", 6, NULL, "utf-16be", 0);
	check_sniff("\0\0\0<", 4, NULL, "utf-32be", 0);
	check_sniff(latin, strlen(latin), NULL, "windows-1252", 0);
	check_sniff(latin, strlen(latin), "UTF-8", "utf-8", 0);
	check_sniff(latin, strlen(latin), "\"us-ascii\"", "windows-1252", 0);
	check_sniff(koi, strlen(koi), NULL, "koi8-r", 0);
	check_sniff("<rss/>", 6, NULL, "utf-8", 0);
	/* A UTF-16 label on bytes read as ASCII cannot be right. */
	check_sniff(u16, strlen(u16), NULL, "utf-8", 0);
	check_sniff("<rss/>", 6, "utf-16", "utf-8", 0);
}

struct sink {
	struct buf b;
	size_t calls;
};

static void
sink(void *arg, const char *s, size_t n)
{
	struct sink *k = arg;

	buf_add(&k->b, s, n);
	k->calls++;
}

/* Convert in (len bytes) in pieces of step bytes. */
static char *
convert(const char *name, const char *in, size_t len, size_t step,
    size_t *errors)
{
	struct sink k;
	struct charset_conv *c;
	size_t off;

	buf_init(&k.b, BUF_NOLIMIT);
	buf_add(&k.b, "", 0);
	k.calls = 0;
	c = charset_conv_new(name, sink, &k);
	for (off = 0; off < len; off += step)
		charset_conv_push(c, in + off,
		    len - off < step ? len - off : step, false);
	charset_conv_push(c, "", 0, true);
	*errors = charset_conv_errors(c, NULL);
	charset_conv_free(c);
	return buf_detach(&k.b, NULL);
}

static void
utf8_is_cleaned_whatever_the_piece_size(void **state)
{
	static const char in[] = "a\xC3\xA9\xE2\x80\x99\xF0\x9F\x98\x80"
	                         "\x80\xC0\xAF\xED\xA0\x80\x01\tz\xEF\xBF\xBE"
	                         "\xE2\x82";
	static const char want[] = "a\xC3\xA9\xE2\x80\x99\xF0\x9F\x98\x80"
	                           "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD"
	                           "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD"
	                           "\xEF\xBF\xBD\tz\xEF\xBF\xBD\xEF\xBF\xBD"
	                           "\xEF\xBF\xBD";
	size_t step, errors, first;
	char *out;

	(void)state;
	for (step = 1; step <= sizeof(in); step++) {
		out = convert("utf-8", in, sizeof(in) - 1, step, &errors);
		if (strcmp(out, want) != 0)
			fail_msg("step %zu: wrong output", step);
		assert_true(errors >= 9);
		free(out);
	}
	{
		struct sink k;
		struct charset_conv *c;

		buf_init(&k.b, BUF_NOLIMIT);
		c = charset_conv_new("utf-8", sink, &k);
		charset_conv_push(c, "ok\x80", 3, true);
		assert_int_equal(charset_conv_errors(c, &first), 1);
		assert_int_equal(first, 2);
		assert_false(charset_conv_unknown(c));
		charset_conv_free(c);
		buf_clear(&k.b);
	}
}

static void
latin1_labels_decode_as_windows_1252(void **state)
{
	size_t errors;
	char *out;

	(void)state;
	out = convert("ISO-8859-1", "caf\xE9 \x93q\x94 \x80 \x81", 12, 3,
	    &errors);
	assert_string_equal(out, "café “q” € \xEF\xBF\xBD");
	free(out);
	out = convert("us-ascii", "\xA0\x99", 2, 1, &errors);
	assert_string_equal(out, "\xC2\xA0™");
	free(out);
}

static void
other_encodings_go_through_iconv(void **state)
{
	size_t errors;
	char *out;
	struct sink k;
	struct charset_conv *c;

	(void)state;
	out = convert("utf-16le", "a\0\xE9\0=\xD8\0\xDE", 8, 1, &errors);
	assert_string_equal(out, "aé😀");
	assert_int_equal(errors, 0);
	free(out);
	/* A lone surrogate is replaced, and the rest still comes. */
	out = convert("utf-16be", "\0a\xD8\0\0b", 6, 4, &errors);
	assert_string_equal(out,
	    "a\xEF\xBF\xBD"
	    "b");
	free(out);
	buf_init(&k.b, BUF_NOLIMIT);
	c = charset_conv_new("x-no-such-charset", sink, &k);
	assert_true(charset_conv_unknown(c));
	charset_conv_push(c, "ok", 2, true);
	assert_string_equal(buf_str(&k.b), "ok");
	charset_conv_free(c);
	buf_clear(&k.b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(sniff_follows_bom_patterns_http_and_declaration),
	    cmocka_unit_test(utf8_is_cleaned_whatever_the_piece_size),
	    cmocka_unit_test(latin1_labels_decode_as_windows_1252),
	    cmocka_unit_test(other_encodings_go_through_iconv),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
