/*
 * test_page -- the article of an extracted page, alone or as the full
 * text of a feed item that only carries an excerpt (page.h, pure part).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "buf.h"
#include "extract.h"
#include "feed.h"
#include "page.h"
#include "util.h"
#include "wrap.h"

static char *
slurp(const char *rel, size_t *lenp)
{
	const char *dir = getenv("TESTS_DATA");
	char *path, *data;
	FILE *f;
	long n;

	path = xasprintf("%s/%s", dir != NULL ? dir : "tests/data", rel);
	f = fopen(path, "rb");
	if (f == NULL)
		fail_msg("cannot open %s", path);
	free(path);
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	data = xmalloc((size_t)n + 1);
	assert_int_equal(fread(data, 1, (size_t)n, f), (size_t)n);
	data[n] = '\0';
	fclose(f);
	if (lenp != NULL)
		*lenp = (size_t)n;
	return data;
}

static struct extract_result *
ifp_page(void)
{
	struct extract_result *r = NULL;
	char *html, *cause = NULL;
	size_t len;

	html = slurp("pages/ifp-article.html", &len);
	if (extract_article(html, len, NULL, &r, &cause) != 0)
		fail_msg("%s", cause);
	free(html);
	return r;
}

static struct feed *
parse_feed(const char *rel)
{
	struct feed_parse_opts o;
	struct feed *f = NULL;
	char *data, *cause = NULL;
	size_t len;

	data = slurp(rel, &len);
	memset(&o, 0, sizeof(o));
	if (feed_parse(data, len, &o, &f, &cause) != 0)
		fail_msg("%s: %s", rel, cause);
	free(data);
	return f;
}

/* The document as --article prints it at width 1000 (no wrapping). */
static char *
text_of(struct html_doc *doc)
{
	struct wrap_doc *w = wrap_lines(doc, 1000);
	struct buf b;

	buf_init(&b, BUF_NOLIMIT);
	assert_int_equal(wrap_write(w, &b), 0);
	wrap_free(w);
	html_free(doc);
	return buf_detach(&b, NULL);
}

static bool
starts(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

/* The body: after the header's blank line, up to "Links:". */
static char *
body_of(const char *text)
{
	const char *start = strstr(text, "\n\n"), *end;

	assert_non_null(start);
	start += 2;
	end = strstr(start, "\n\nLinks:\n");
	if (end == NULL)
		end = start + strlen(start);
	return xstrndup(start, (size_t)(end - start));
}

static void
renders_a_page_with_its_own_metadata(void **state)
{
	struct extract_result *page = ifp_page();
	char *text, *body, *want;

	(void)state;
	text = text_of(page_render(page, NULL));
	assert_true(starts(text,
	    "Iran, Russia FMs voice support for Syria in fighting "
	    "terrorists\n"
	    "IFP Editorial Staff \xc2\xb7 Nov 30, 2024 11:48 UTC\n"
	    "https://ifpnews.com/iran-russia-fms-syria-fighting-terrorists/"
	    "\n\n"));
	body = body_of(text);
	want = slurp("pages/ifp-article.expected.txt", NULL);
	assert_string_equal(body, want);
	free(want);
	free(body);
	free(text);
	extract_result_free(page);
}

static void
gives_an_excerpt_item_the_full_text_of_its_page(void **state)
{
	struct extract_result *page = ifp_page();
	struct feed *f = parse_feed("pages/ifp-feed-excerpt.xml");
	const struct feed_item *it = NULL;
	char *text, *body, *want;
	size_t i;

	(void)state;
	for (i = 0; i < f->nitems; i++)
		if (strstr(f->items[i].link, "fms-syria-fighting") != NULL)
			it = &f->items[i];
	assert_non_null(it);
	assert_true(page_wanted(it));
	text = text_of(page_render_item(it, page));
	/* The header is the item's, categories included. */
	assert_true(starts(text,
	    "Iran, Russia FMs voice support for Syria in fighting "
	    "terrorists\n"
	    "IFP Editorial Staff \xc2\xb7 Nov 30, 2024 11:48 UTC \xc2\xb7 "
	    "IFP Exclusive, Foreign Policy\n"
	    "https://ifpnews.com/iran-russia-fms-syria-fighting-terrorists/"
	    "\n\n"));
	body = body_of(text);
	want = slurp("pages/ifp-article.expected.txt", NULL);
	assert_string_equal(body, want);
	free(want);
	free(body);
	free(text);
	feed_free(f);
	extract_result_free(page);
}

static void
fetches_only_for_excerpts(void **state)
{
	struct feed *f;
	size_t i, wanted = 0;

	(void)state;
	/* Every item of an excerpt feed ends "[...]". */
	f = parse_feed("pages/ifp-feed-excerpt.xml");
	assert_int_equal(f->nitems, 12);
	for (i = 0; i < f->nitems; i++)
		assert_true(page_wanted(&f->items[i]));
	feed_free(f);
	/*
	 * The full feed: short posts with their content are complete; only
	 * item 10, a description cut with "[...]", wants its page.
	 */
	f = parse_feed("feeds/ifp-feed.xml");
	for (i = 0; i < f->nitems; i++) {
		if (!page_wanted(&f->items[i]))
			continue;
		wanted++;
		assert_non_null(
		    strstr(f->items[i].link, "approves-general-outlines"));
	}
	assert_int_equal(wanted, 1);
	feed_free(f);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(renders_a_page_with_its_own_metadata),
	    cmocka_unit_test(gives_an_excerpt_item_the_full_text_of_its_page),
	    cmocka_unit_test(fetches_only_for_excerpts),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
