/*
 * article -- header + body + Links: as one document.
 */
#include "article.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "date.h"
#include "extract.h"
#include "utf8.h"
#include "util.h"

void
article_meta_from_item(struct article_meta *meta, const struct feed_item *item)
{
	memset(meta, 0, sizeof(*meta));
	meta->title = item->title;
	meta->author = item->author;
	meta->published =
	    item->published != DATE_NONE ? item->published : item->updated;
	meta->categories = item->categories;
	meta->ncategories = item->ncategories;
	meta->link = item->link;
}

const char *
article_item_html(const struct feed_item *item, const char **base)
{
	*base = item->base != NULL ? item->base : item->link;
	return item->content_html;
}

/*
 * Append a one-line field, sanitized and trimmed, to b; with whole set,
 * its spaces become no-break spaces (shown as spaces), so that wrapping
 * keeps it in one piece.  False when it is empty.
 */
static bool
add_field(struct buf *b, const char *s, bool whole)
{
	size_t before = b->len, n, i = 0;
	char *t;

	if (s == NULL)
		return false;
	t = utf8_sanitize_str(s, UTF8_ONELINE);
	n = strlen(t);
	while (i < n && t[i] == ' ')
		i++;
	while (n > i && t[n - 1] == ' ')
		n--;
	for (; i < n; i++) {
		if (whole && t[i] == ' ')
			buf_addstr(b, "\u00a0");
		else
			buf_addch(b, t[i]);
	}
	free(t);
	return b->len > before;
}

static void
add_line(struct html_doc *doc, struct buf *b, unsigned style)
{
	struct html_block *blk = html_add_block(doc, HTML_BLOCK_PARA);

	blk->blank = false;
	html_add_text(doc, b->data, b->len, style, 0);
}

/*
 * The byline: AUTHOR · DATE TIME · CATEGORY, CATEGORY (what is known).
 * The date, the time and each category stay in one piece, and a dot ends
 * a line rather than starts one.
 */
static void
byline(struct buf *b, const struct article_meta *m)
{
	static const char sep[] = "\u00a0\u00b7 ";
	struct buf cats;
	char date[64], time[64];
	size_t i;

	add_field(b, m->author, false);
	if (m->published != DATE_NONE &&
	    date_format(date, sizeof(date), ARTICLE_DATE_FORMAT,
	        m->published) == 0 &&
	    date_format(time, sizeof(time), ARTICLE_TIME_FORMAT,
	        m->published) == 0) {
		if (b->len > 0)
			buf_addstr(b, sep);
		add_field(b, date, true);
		buf_addch(b, ' ');
		add_field(b, time, true);
	}
	buf_init(&cats, BUF_NOLIMIT);
	for (i = 0; i < m->ncategories; i++) {
		size_t before = cats.len;

		if (cats.len > 0)
			buf_addstr(&cats, ", ");
		if (!add_field(&cats, m->categories[i], true))
			buf_truncate(&cats, before);
	}
	if (cats.len > 0) {
		if (b->len > 0)
			buf_addstr(b, sep);
		buf_add(b, cats.data, cats.len);
	}
	buf_clear(&cats);
}

/* The WordPress footer: "The post TITLE appeared first on SITE." */
static bool
wp_footer(const struct html_doc *doc, const struct html_block *b)
{
	return b->kind == HTML_BLOCK_PARA && b->prefixlen == 0 &&
	    extract_is_wp_footer(doc->text + b->text.off, b->text.len);
}

struct html_doc *
article_render(const struct article_meta *m, const struct html_doc *body)
{
	struct html_doc *doc = html_new();
	struct html_block *blk;
	struct buf b;
	size_t i, nblocks, maxlink = 0, first, numw;
	char num[48];

	buf_init(&b, BUF_NOLIMIT);
	if (!add_field(&b, m->title, false))
		buf_addstr(&b, "(untitled)");
	add_line(doc, &b, HTML_STYLE_TITLE);
	buf_reset(&b);
	byline(&b, m);
	if (b.len > 0)
		add_line(doc, &b, HTML_STYLE_META);
	buf_reset(&b);
	if (add_field(&b, m->link, false))
		add_line(doc, &b, HTML_STYLE_META);
	buf_clear(&b);
	if (body == NULL || body->nblocks == 0)
		return doc;

	first = doc->nblocks;
	html_append(doc, body);
	nblocks = doc->nblocks;
	if (nblocks > first + 1 && wp_footer(doc, &doc->blocks[nblocks - 1]))
		nblocks--;
	doc->nblocks = nblocks; /* the arena keeps the footer's bytes */
	if (doc->nblocks > first)
		doc->blocks[first].blank = true;

	/*
	 * Links the kept body refers to.  Numbers go by first appearance,
	 * so the links only the footer held are the last ones.
	 */
	for (i = first; i < doc->nblocks; i++) {
		const struct html_block *x = &doc->blocks[i];
		size_t r;

		if (x->kind == HTML_BLOCK_TABLE) {
			size_t c;

			for (c = 0; c < x->table.nrows * x->table.ncols; c++) {
				const struct html_text *t =
				    &doc->cells[x->table.cell + c];

				for (r = 0; r < t->nruns; r++)
					if (doc->runs[t->run + r].link >
					    maxlink)
						maxlink =
						    doc->runs[t->run + r].link;
			}
			continue;
		}
		for (r = 0; r < x->text.nruns; r++)
			if (doc->runs[x->text.run + r].link > maxlink)
				maxlink = doc->runs[x->text.run + r].link;
	}
	while (doc->nlinks > maxlink)
		free(doc->links[--doc->nlinks]);
	if (doc->nlinks == 0)
		return doc;

	blk = html_add_block(doc, HTML_BLOCK_PARA);
	html_add_text(doc, "Links:", 6, HTML_STYLE_HEADING, 0);
	numw = (size_t)snprintf(num, sizeof(num), "[%zu] ", doc->nlinks);
	for (i = 0; i < doc->nlinks; i++) {
		int n = snprintf(num, sizeof(num), "%*s[%zu] ",
		    (int)(numw - (size_t)snprintf(NULL, 0, "[%zu] ", i + 1)),
		    "", i + 1);

		blk = html_add_block(doc, HTML_BLOCK_ITEM);
		blk->blank = false;
		html_set_marker(doc, num, (size_t)n);
		html_add_text(doc, doc->links[i], strlen(doc->links[i]),
		    HTML_STYLE_LINK, (unsigned)(i + 1));
	}
	return doc;
}

/* The body of an item: its HTML rendered, else its summary as text. */
static struct html_doc *
item_body(const struct feed_item *it)
{
	struct html_doc *doc = NULL;
	const char *html, *base;
	char *cause = NULL, *t;

	html = article_item_html(it, &base);
	if (html != NULL) {
		if (html_render(html, strlen(html), base, &doc, &cause) == 0)
			return doc;
		free(cause); /* too large: the summary stands in for it */
	}
	doc = html_new();
	if (it->summary != NULL && *it->summary != '\0') {
		t = utf8_sanitize_str(it->summary, UTF8_ONELINE);
		html_add_block(doc, HTML_BLOCK_PARA);
		html_add_text(doc, t, strlen(t), 0, 0);
		free(t);
	}
	return doc;
}

struct html_doc *
article_render_item(const struct feed_item *it)
{
	struct article_meta meta;
	struct html_doc *body, *doc;

	article_meta_from_item(&meta, it);
	body = item_body(it);
	doc = article_render(&meta, body);
	html_free(body);
	return doc;
}
