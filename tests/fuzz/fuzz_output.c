/*
 * fuzz_output -- libFuzzer target for the --list formats (output.h).
 *
 * The input is split at NUL bytes: the feed's title, link, description
 * and URL, then per item: id, title, link, author, summary, content HTML
 * and categories (one a line).  Every string may be any bytes: invalid
 * UTF-8, controls, escape sequences, bidi overrides.
 *
 * Invariants, not only "no crash":
 * - plain: one line per item; tsv: one line per item with exactly four
 *   tabs; json: one valid JSON document whose strings are valid UTF-8
 *   free of controls (inv_json);
 * - no format emits a control character (but the tabs and newlines of
 *   its own layout), a bidi override or a malformed byte.
 */
#include <assert.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "date.h"
#include "feed.h"
#include "invariants.h"
#include "output.h"
#include "util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define NOW ((time_t)1732975200) /* 2024-11-30T14:00:00Z */
#define MAXITEMS 64
#define ITEM_FIELDS 7

static void
check_lines(const struct buf *b, size_t nitems, int tabs)
{
	size_t i, lines = 0;
	int t = 0;

	inv_safe(b->data != NULL ? b->data : "", b->len, INV_NOBIDI);
	for (i = 0; i < b->len; i++) {
		if (b->data[i] == '\t')
			t++;
		if (b->data[i] != '\n')
			continue;
		assert(tabs < 0 || t == tabs);
		t = 0;
		lines++;
	}
	assert(lines == nitems && (b->len == 0 || b->data[b->len - 1] == '\n'));
	if (tabs < 0)
		assert(memchr(b->data != NULL ? b->data : "", '\t', b->len) ==
		    NULL);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const enum output_format fmts[] = {OUTPUT_PLAIN, OUTPUT_TSV,
	    OUTPUT_JSON};
	char *s, *f[4 + MAXITEMS * ITEM_FIELDS], *cats[8], *p;
	struct feed_enclosure encs[MAXITEMS];
	struct feed_item items[MAXITEMS];
	struct feed feed;
	size_t order[MAXITEMS], nf = 0, i, k, ncats;
	struct buf out;
	bool catsused = false;

	s = inv_strndup(data, size);
	f[nf++] = s;
	for (i = 0; i < size && nf < NITEMS(f); i++)
		if (s[i] == '\0')
			f[nf++] = s + i + 1;
	memset(&feed, 0, sizeof(feed));
	memset(items, 0, sizeof(items));
	feed.kind = FEED_KIND_RSS;
	feed.title = f[0];
	feed.link = nf > 1 ? f[1] : NULL;
	feed.description = nf > 2 ? f[2] : NULL;
	feed.url = nf > 3 ? f[3] : NULL;
	feed.items = items;
	for (k = 4; k < nf; k += ITEM_FIELDS) {
		struct feed_item *it = &items[feed.nitems];
		char **v = f + k;
		size_t nv = nf - k < ITEM_FIELDS ? nf - k : ITEM_FIELDS;

		it->id = v[0];
		it->title = nv > 1 ? v[1] : NULL;
		it->link = nv > 2 ? v[2] : NULL;
		it->author = nv > 3 ? v[3] : NULL;
		it->summary = nv > 4 ? v[4] : NULL;
		it->content_html = nv > 5 ? v[5] : NULL;
		/* Dates from the past, the future and none at all. */
		it->published = feed.nitems % 3 == 0
		    ? DATE_NONE
		    : NOW - (time_t)(strlen(v[0]) * 86399) +
		        (feed.nitems % 3 == 2 ? 86400 * 400 : 0);
		it->updated = feed.nitems % 2 ? NOW : DATE_NONE;
		if (nv > 6 && !catsused) {
			/* The first item that has some gets them. */
			catsused = true;
			for (ncats = 0, p = v[6];
			     p != NULL && ncats < NITEMS(cats);) {
				cats[ncats++] = p;
				p = strchr(p, '\n');
				if (p != NULL)
					*p++ = '\0';
			}
			it->categories = cats;
			it->ncategories = ncats;
		}
		if (it->link != NULL) {
			encs[feed.nitems].url = it->link;
			encs[feed.nitems].type = it->author;
			encs[feed.nitems].length =
			    (long long)strlen(it->link) - 1;
			it->enclosures = &encs[feed.nitems];
			it->nenclosures = 1;
		}
		feed.nitems++;
	}
	feed_sort_newest(&feed, order);

	for (i = 0; i < NITEMS(fmts); i++) {
		buf_init(&out, BUF_NOLIMIT);
		output_list(&out, fmts[i], &feed, order, NOW);
		switch (fmts[i]) {
		case OUTPUT_PLAIN:
			check_lines(&out, feed.nitems, -1);
			break;
		case OUTPUT_TSV:
			check_lines(&out, feed.nitems, 4);
			break;
		case OUTPUT_JSON:
			inv_json(out.data, out.len);
			break;
		}
		buf_clear(&out);
	}
	free(s);
	return 0;
}
