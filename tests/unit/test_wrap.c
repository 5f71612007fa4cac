/*
 * test_wrap -- display lines at every width: the invariants (never wider
 * than the width, spans that cover each line, no control character), the
 * words kept in order whatever the width, wrap_find and wrap_write.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "buf.h"
#include "html.h"
#include "utf8.h"
#include "util.h"
#include "wrap.h"

#include "render_test.h"

static struct html_doc *
render_file(const char *name)
{
	struct html_doc *doc;
	char *html, *cause, *path;
	size_t len;

	path = data_path(name);
	html = slurp(path, &len);
	free(path);
	assert_int_equal(html_render(html, len, "https://ifpnews.com/", &doc,
	                     &cause),
	    0);
	free(html);
	return doc;
}

/*
 * The visible characters of the body in order, white space and the
 * decoration that depends on the width (rules, markers, prefixes) left
 * out: wrapping must neither lose nor reorder any.
 */
static char *
letters(const struct wrap_doc *w)
{
	struct buf b;
	size_t i, j;

	buf_init(&b, BUF_NOLIMIT);
	for (i = 0; i < w->nlines; i++) {
		const struct wrap_line *l = &w->lines[i];

		for (j = 0; j < l->nspans; j++) {
			const struct wrap_span *s = &w->spans[l->span + j];
			size_t k;

			if (s->style & HTML_STYLE_MARKER)
				continue;
			for (k = 0; k < s->len; k++)
				if (l->text[s->off + k] != ' ')
					buf_addch(&b, l->text[s->off + k]);
		}
	}
	return buf_detach(&b, NULL);
}

static void
keeps_every_letter_in_order_at_every_width(void **state)
{
	static const char *const files[] = {"ifp-feed-8.html",
	    "ifp-feed-9.html", "ifp-feed-11.html", "ifp-feed-12.html",
	    "wide.html"};
	size_t f, width;

	(void)state;
	for (f = 0; f < NITEMS(files); f++) {
		struct html_doc *doc = render_file(files[f]);
		struct wrap_doc *ref = wrap_lines(doc, 1000);
		char *want = letters(ref);

		check_lines(ref);
		for (width = 2; width <= 130; width++) {
			struct wrap_doc *w = wrap_lines(doc, width);
			char *got;

			check_lines(w);
			got = letters(w);
			/*
			 * Tables change shape below their width (columns
			 * become "Header: cell"), so compare only tables'
			 * free files.
			 */
			if (strcmp(files[f], "ifp-feed-11.html") != 0 ||
			    width >= 60) {
				if (strcmp(got, want) != 0)
					fail_msg("%s at width %zu: letters "
					         "differ",
					    files[f], width);
			}
			free(got);
			wrap_free(w);
		}
		free(want);
		wrap_free(ref);
		html_free(doc);
	}
}

static void
finds_the_same_place_after_a_rewrap(void **state)
{
	struct html_doc *doc;
	struct wrap_doc *a, *b;
	size_t i, j;

	(void)state;
	doc = render_file("ifp-feed-11.html");
	a = wrap_lines(doc, 40);
	b = wrap_lines(doc, 100);
	for (i = 0; i < a->nlines; i++) {
		const struct wrap_line *l = &a->lines[i];

		j = wrap_find(b, l->block, l->pos);
		assert_true(j < b->nlines);
		assert_int_equal(b->lines[j].block, l->block);
		assert_true(b->lines[j].pos <= l->pos);
		/* The found line holds the place: the next one is past it. */
		if (j + 1 < b->nlines && b->lines[j + 1].block == l->block)
			assert_true(b->lines[j + 1].pos > l->pos);
	}
	assert_int_equal(wrap_find(b, 0, 0), 0);
	assert_int_equal(wrap_find(b, SIZE_MAX, 0), b->nlines - 1);
	wrap_free(a);
	wrap_free(b);
	html_free(doc);
}

static void
writes_one_line_each(void **state)
{
	static const char html[] = "<p>one two</p><p>three</p>";
	struct html_doc *doc;
	struct wrap_doc *w;
	struct buf b;
	char *cause;

	(void)state;
	assert_int_equal(html_render(html, strlen(html), NULL, &doc, &cause),
	    0);
	w = wrap_lines(doc, 5);
	buf_init(&b, BUF_NOLIMIT);
	assert_int_equal(wrap_write(w, &b), 0);
	assert_string_equal(buf_str(&b), "one\ntwo\n\nthree\n");
	buf_clear(&b);
	buf_init(&b, 4);
	assert_int_equal(wrap_write(w, &b), -1);
	buf_clear(&b);
	wrap_free(w);
	html_free(doc);
}

static void
wraps_an_empty_document_to_no_lines(void **state)
{
	struct html_doc *doc = html_new();
	struct wrap_doc *w = wrap_lines(doc, 0);

	(void)state;
	assert_int_equal(w->nlines, 0);
	assert_int_equal(w->width, 1);
	assert_int_equal(wrap_find(w, 3, 3), 0);
	wrap_free(w);
	html_free(doc);
}

/* Deep prefixes are cut so the text keeps half of the width. */
static void
keeps_half_the_width_for_text(void **state)
{
	struct buf b;
	struct html_doc *doc;
	struct wrap_doc *w;
	char *cause;
	size_t i;

	(void)state;
	buf_init(&b, BUF_NOLIMIT);
	for (i = 0; i < 30; i++)
		buf_addstr(&b, "<blockquote><ul><li>");
	buf_addstr(&b, "words that need some room");
	assert_int_equal(html_render(b.data, b.len, NULL, &doc, &cause), 0);
	w = wrap_lines(doc, 20);
	check_lines(w);
	assert_true(w->nlines >= 3);
	for (i = 0; i < w->nlines; i++)
		assert_true(strstr(w->lines[i].text, "room") == NULL ||
		    w->lines[i].width <= 20);
	wrap_free(w);
	html_free(doc);
	buf_clear(&b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(keeps_every_letter_in_order_at_every_width),
	    cmocka_unit_test(finds_the_same_place_after_a_rewrap),
	    cmocka_unit_test(writes_one_line_each),
	    cmocka_unit_test(wraps_an_empty_document_to_no_lines),
	    cmocka_unit_test(keeps_half_the_width_for_text),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
