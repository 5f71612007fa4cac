/*
 * test_output -- the --list formats: plain, tsv and json, sanitized.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "date.h"
#include "output.h"
#include "utf8.h"
#include "util.h"

#define NOW ((time_t)1732975200) /* 2024-11-30T14:00:00Z */

static struct feed *
sample(void)
{
	struct feed *f = xcalloc(1, sizeof(*f));
	struct feed_item *it;

	f->title = xstrdup("IFP \"News\"");
	f->link = xstrdup("https://ifpnews.com");
	f->url = xstrdup("https://ifpnews.com/feed/");
	f->nitems = 3;
	f->items = xcalloc(3, sizeof(*f->items));
	it = &f->items[0];
	it->id = xstrdup("https://ifpnews.com/?p=1");
	it->title = xstrdup("Tab\there\nand \x1b[2Jesc \xE2\x80\xAErlo \xC2\x9B"
	                    "csi \xFF bad");
	it->link = xstrdup("https://ifpnews.com/a/");
	it->author = xstrdup("IFP Editorial Staff");
	it->published = NOW - 54 * 60;
	it->updated = DATE_NONE;
	it->categories = xcalloc(2, sizeof(char *));
	it->categories[0] = xstrdup("Economy & Trade");
	it->categories[1] = xstrdup("back\\slash");
	it->ncategories = 2;
	it->summary = xstrdup("Summary \"quoted\"");
	it->content_html = xstrdup("<p>line 1</p>\r\n<p>line\t2 \x07</p>");
	it->enclosures = xcalloc(2, sizeof(*it->enclosures));
	it->enclosures[0].url = xstrdup("https://ifpnews.com/a.mp3");
	it->enclosures[0].type = xstrdup("audio/mpeg");
	it->enclosures[0].length = 123;
	it->enclosures[1].url = xstrdup("https://ifpnews.com/b.jpg");
	it->enclosures[1].length = -1;
	it->nenclosures = 2;
	it = &f->items[1];
	it->title = NULL;
	it->published = DATE_NONE;
	it->updated = NOW - 2 * 86400;
	it = &f->items[2];
	it->title = xstrdup("نبيه بري");
	it->published = it->updated = DATE_NONE;
	return f;
}

static char *
render(enum output_format fmt)
{
	struct feed *f = sample();
	size_t order[3] = {0, 1, 2};
	struct buf b;

	buf_init(&b, BUF_NOLIMIT);
	output_list(&b, fmt, f, order, NOW);
	feed_free(f);
	return buf_detach(&b, NULL);
}

/* No C0 (but newline in multi-line output), DEL or C1; valid UTF-8. */
static void
assert_clean(const char *s)
{
	size_t i;

	assert_true(utf8_valid(s, strlen(s)));
	for (i = 0; s[i] != '\0'; i++) {
		unsigned char c = (unsigned char)s[i];

		assert_false(c < 0x20 && c != '\n' && c != '\t');
		assert_false(c == 0x7F);
		assert_false(c == 0xC2 && (unsigned char)s[i + 1] >= 0x80 &&
		    (unsigned char)s[i + 1] <= 0x9F);
	}
	assert_null(strstr(s, "\xE2\x80\xAE"));
}

static void
plain_is_number_age_title(void **state)
{
	char *s = render(OUTPUT_PLAIN);

	(void)state;
	assert_clean(s);
	assert_string_equal(s,
	    "1  54 minutes ago  Tab here and \xEF\xBF\xBD[2Jesc rlo "
	    "\xEF\xBF\xBD"
	    "csi \xEF\xBF\xBD bad\n"
	    "2  2 days ago  (untitled)\n"
	    "3    نبيه بري\n");
	free(s);
}

static void
tsv_has_five_fields_a_line(void **state)
{
	char *s = render(OUTPUT_TSV), *line, *save = NULL;
	int lines = 0;

	(void)state;
	assert_clean(s);
	for (line = strtok_r(s, "\n", &save); line != NULL;
	     line = strtok_r(NULL, "\n", &save), lines++) {
		int tabs = 0;

		for (char *p = line; *p != '\0'; p++)
			tabs += *p == '\t';
		assert_int_equal(tabs, 4);
	}
	assert_int_equal(lines, 3);
	free(s);
	s = render(OUTPUT_TSV);
	assert_true(
	    strncmp(s, "1\t2024-11-30T13:06:00Z\tTab here and ", 36) == 0);
	assert_non_null(strstr(s,
	    "\thttps://ifpnews.com/a/\tIFP Editorial "
	    "Staff\n2\t2024-11-28T14:00:00Z\t\t\t\n3\t\t"
	    "نبيه بري\t\t\n"));
	free(s);
}

static void
json_has_every_field_and_escapes(void **state)
{
	char *s = render(OUTPUT_JSON);

	(void)state;
	assert_clean(s);
	assert_non_null(strstr(s,
	    "{\"feed\": {\"title\": \"IFP \\\"News\\\"\", "
	    "\"link\": \"https://ifpnews.com\", "
	    "\"description\": null, \"url\": "
	    "\"https://ifpnews.com/feed/\"},"));
	assert_non_null(strstr(s,
	    "{\"index\": 1, \"id\": "
	    "\"https://ifpnews.com/?p=1\", \"title\": "
	    "\"Tab here and "));
	assert_non_null(strstr(s,
	    "\"published\": \"2024-11-30T13:06:00Z\", "
	    "\"updated\": null, \"categories\": "
	    "[\"Economy & Trade\", \"back\\\\slash\"], "
	    "\"summary\": \"Summary \\\"quoted\\\"\", "
	    "\"content_html\": \"<p>line 1</p>\\n<p>line"
	    "\\t2 \xEF\xBF\xBD</p>\", \"enclosures\": "
	    "[{\"url\": \"https://ifpnews.com/a.mp3\", "
	    "\"type\": \"audio/mpeg\", \"length\": 123}, "
	    "{\"url\": \"https://ifpnews.com/b.jpg\", "
	    "\"type\": null, \"length\": null}]}"));
	assert_non_null(strstr(s,
	    "{\"index\": 2, \"id\": null, \"title\": "
	    "null"));
	assert_non_null(strstr(s, "\"index\": 3"));
	assert_true(strcmp(s + strlen(s) - 4, "\n]}\n") == 0);
	free(s);
}

static void
an_empty_list_is_valid(void **state)
{
	struct feed f;
	struct buf b;

	(void)state;
	memset(&f, 0, sizeof(f));
	buf_init(&b, BUF_NOLIMIT);
	output_list(&b, OUTPUT_JSON, &f, NULL, NOW);
	assert_string_equal(buf_str(&b),
	    "{\"feed\": {\"title\": null, \"link\": null, \"description\": "
	    "null, \"url\": null},\n \"items\": [\n]}\n");
	buf_reset(&b);
	output_list(&b, OUTPUT_PLAIN, &f, NULL, NOW);
	assert_string_equal(buf_str(&b), "");
	buf_clear(&b);
}

static void
format_names(void **state)
{
	enum output_format f;

	(void)state;
	assert_int_equal(output_format_parse("plain", &f), 0);
	assert_int_equal(f, OUTPUT_PLAIN);
	assert_int_equal(output_format_parse("tsv", &f), 0);
	assert_int_equal(f, OUTPUT_TSV);
	assert_int_equal(output_format_parse("json", &f), 0);
	assert_int_equal(f, OUTPUT_JSON);
	assert_int_equal(output_format_parse("xml", &f), -1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(plain_is_number_age_title),
	    cmocka_unit_test(tsv_has_five_fields_a_line),
	    cmocka_unit_test(json_has_every_field_and_escapes),
	    cmocka_unit_test(an_empty_list_is_valid),
	    cmocka_unit_test(format_names),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
