/*
 * fuzz_html -- html_render + article_render + wrap_lines on any bytes.
 *
 * The first byte is the width (0-255; 0 counts as 1), the rest is the
 * HTML.  Invariants, not just "no crash": every display line is at most
 * the width, its width is right, it is valid UTF-8 without control
 * characters (C0, DEL, C1), its spans cover it; link numbers in spans are
 * within the link list; every allocation is freed (LeakSanitizer).
 *
 * Until the Makefile's fuzz target builds it, by hand:
 *   clang -g -O1 -fsanitize=fuzzer,address,undefined -std=c11 \
 *     -D_POSIX_C_SOURCE=200809L -Isrc $(pkg-config --cflags libxml-2.0) \
 *     tests/fuzz/fuzz_html.c src/{html,wrap,article,uri,utf8,utf8_table,buf,\
 *     util,date}.c $(pkg-config --libs libxml-2.0) -o fuzz_html
 *   ./fuzz_html -max_len=4096 CORPUS   (seeds: tests/data/html/, with a
 *                                       width byte in front)
 * 10 minutes of it found the table-in-table bug test_html now covers.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "article.h"
#include "date.h"
#include "html.h"
#include "utf8.h"
#include "wrap.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
check(const struct wrap_doc *w, size_t nlinks)
{
	size_t i, j;

	for (i = 0; i < w->nlines; i++) {
		const struct wrap_line *l = &w->lines[i];
		size_t spanned = 0;

		if (l->width > w->width ||
		    utf8_width(l->text, l->len) != l->width ||
		    strlen(l->text) != l->len || !utf8_valid(l->text, l->len))
			abort();
		for (j = 0; j < l->len; j++) {
			unsigned char c = (unsigned char)l->text[j];

			if (c < 0x20 || c == 0x7F)
				abort();
			if (c == 0xC2 && j + 1 < l->len &&
			    (unsigned char)l->text[j + 1] >= 0x80 &&
			    (unsigned char)l->text[j + 1] <= 0x9F)
				abort();
		}
		for (j = 0; j < l->nspans; j++) {
			const struct wrap_span *s = &w->spans[l->span + j];

			if (s->off != spanned || s->len == 0 ||
			    s->link > nlinks)
				abort();
			spanned += s->len;
		}
		if (spanned != l->len)
			abort();
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct article_meta meta;
	struct html_doc *body, *doc;
	struct wrap_doc *w;
	char *cause = NULL;
	size_t width;

	if (size < 1)
		return 0;
	width = data[0];
	if (html_render((const char *)data + 1, size - 1,
	        "https://ifpnews.com/a/b/", &body, &cause) == -1) {
		free(cause);
		return 0;
	}
	w = wrap_lines(body, width);
	check(w, body->nlinks);
	wrap_free(w);

	memset(&meta, 0, sizeof(meta));
	meta.title = "Title";
	meta.published = DATE_NONE;
	doc = article_render(&meta, body);
	w = wrap_lines(doc, width);
	check(w, doc->nlinks);
	wrap_free(w);
	html_free(doc);
	html_free(body);
	return 0;
}
