/*
 * fuzz_article -- libFuzzer target for article_render_item: a feed item
 * whose every field is hostile, as the pager and --article N show it.
 *
 * The input is split at NUL bytes into: title, author, link, categories
 * (one a line), summary, content HTML, base, and a date (any text
 * date_parse reads; else the item is undated).
 *
 * Invariants, not only "no crash":
 * - the document is well formed and all its text is terminal-safe;
 * - the header's first line is the title, never empty ("(untitled)");
 * - "Links:" follows the body exactly when there are links, and each
 *   link N is listed as "[N] URL";
 * - at every width of inv_widths no line is wider than the width and
 *   none holds a control character (inv_wrap_all);
 * - everything is freed (LeakSanitizer).
 */
#include <assert.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "article.h"
#include "date.h"
#include "feed.h"
#include "invariants.h"
#include "util.h"
#include "wrap.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

enum {
	F_TITLE,
	F_AUTHOR,
	F_LINK,
	F_CATS,
	F_SUMMARY,
	F_HTML,
	F_BASE,
	F_DATE,
	F_COUNT
};

/* Split s (NUL-terminated at n) at NUL bytes into at most F_COUNT fields. */
static void
split(char *s, size_t n, char *field[F_COUNT])
{
	size_t i, k = 0;

	memset(field, 0, F_COUNT * sizeof(field[0]));
	field[k++] = s;
	for (i = 0; i < n && k < F_COUNT; i++)
		if (s[i] == '\0')
			field[k++] = s + i + 1;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s, *field[F_COUNT], *cats[16], *p;
	struct feed_item it;
	struct html_doc *doc;
	struct wrap_doc *w;
	size_t i, ncats = 0;
	bool links = false;
	time_t t;

	s = inv_strndup(data, size);
	split(s, size, field);
	memset(&it, 0, sizeof(it));
	it.title = field[F_TITLE];
	it.author = field[F_AUTHOR];
	it.link = field[F_LINK];
	it.summary = field[F_SUMMARY];
	it.content_html = field[F_HTML];
	it.base = field[F_BASE];
	it.published = it.updated = DATE_NONE;
	if (field[F_DATE] != NULL && date_parse(field[F_DATE], &t) == 0)
		it.published = t;
	for (p = field[F_CATS]; p != NULL && ncats < NITEMS(cats);) {
		cats[ncats++] = p;
		p = strchr(p, '\n');
		if (p != NULL)
			*p++ = '\0';
	}
	it.categories = cats;
	it.ncategories = ncats;

	doc = article_render_item(&it);
	inv_html_doc(doc);
	assert(doc->nblocks >= 1 && doc->blocks[0].text.len > 0);
	inv_wrap_all(doc);

	/* The link list, as --article prints it at 80 columns. */
	w = wrap_lines(doc, 80);
	for (i = 0; i < w->nlines; i++)
		if (strcmp(w->lines[i].text, "Links:") == 0)
			links = true;
	assert(doc->nlinks == 0 || links);
	for (i = 0; i < doc->nlinks; i++) {
		char tag[32];
		size_t j;
		bool found = false;

		snprintf(tag, sizeof(tag), "[%zu] ", i + 1);
		for (j = 0; j < w->nlines && !found; j++)
			found = strstr(w->lines[j].text, tag) != NULL;
		assert(found);
	}
	wrap_free(w);
	html_free(doc);
	free(s);
	return 0;
}
