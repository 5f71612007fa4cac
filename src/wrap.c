/*
 * wrap -- lay out logical blocks as display lines of a given width.
 *
 * Greedy filling, one pass over each block's text: the breaker walks code
 * points, remembers the last place a line may end, and cuts there when
 * the next character would pass the width (or cuts before that character
 * when no such place exists: an over-long word).  Combining marks have no
 * width, so a cut never falls before one.
 */
#include "wrap.h"

#include <assert.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "utf8.h"
#include "util.h"

#define TABSTOP 8

struct out {
	const struct html_doc *doc;
	struct wrap_doc *w;
	struct buf text; /* the arena being built */
	size_t linecap, spancap;
	size_t width;
	/* The line being built. */
	size_t linestart; /* arena offset */
	size_t linespan;  /* first span index */
	size_t linewidth; /* columns so far */
	/* Cursor into the runs of the text being emitted. */
	size_t run;
};

static void
line_begin(struct out *o)
{
	o->linestart = o->text.len;
	o->linespan = o->w->nspans;
	o->linewidth = 0;
}

/* Append bytes to the line being built, as a span of style and link. */
static void
line_add(struct out *o, const char *s, size_t len, unsigned style,
    unsigned link)
{
	struct wrap_doc *w = o->w;
	struct wrap_span *sp;
	size_t off = o->text.len - o->linestart;

	if (len == 0)
		return;
	buf_add(&o->text, s, len);
	if (w->nspans > o->linespan) {
		sp = &w->spans[w->nspans - 1];
		if (sp->style == style && sp->link == link) {
			sp->len += len;
			return;
		}
	}
	w->spans =
	    xgrowarray(w->spans, &o->spancap, w->nspans + 1, sizeof(*w->spans));
	sp = &w->spans[w->nspans++];
	sp->off = off;
	sp->len = len;
	sp->style = style;
	sp->link = link;
}

/* Finish the line being built: drop trailing spaces, record it. */
static void
line_end(struct out *o, size_t block, size_t pos)
{
	struct wrap_doc *w = o->w;
	struct wrap_line *l;

	while (o->text.len > o->linestart &&
	    o->text.data[o->text.len - 1] == ' ') {
		struct wrap_span *sp = &w->spans[w->nspans - 1];

		o->text.len--;
		o->linewidth--;
		if (--sp->len == 0)
			w->nspans--;
	}
	buf_addch(&o->text, '\0');
	w->lines =
	    xgrowarray(w->lines, &o->linecap, w->nlines + 1, sizeof(*w->lines));
	l = &w->lines[w->nlines];
	memset(l, 0, sizeof(*l));
	l->len = o->text.len - 1 - o->linestart;
	l->width = o->linewidth;
	l->span = o->linespan;
	l->nspans = w->nspans - o->linespan;
	l->block = block;
	l->pos = pos;
	assert(l->width <= o->width);
	w->nlines++;
}

static void
spaces(struct out *o, size_t n, unsigned style, unsigned link)
{
	static const char sp[] = "                                ";

	while (n > 0) {
		size_t k = n < sizeof(sp) - 1 ? n : sizeof(sp) - 1;

		line_add(o, sp, k, style, link);
		n -= k;
	}
}

/* One code point: its length and columns (a tab is handled apart). */
static size_t
cp_at(const char *s, size_t len, uint32_t *cp, int *cw)
{
	unsigned char c = (unsigned char)s[0];
	size_t n;

	if (c < 0x80) {
		*cp = c;
		*cw = c >= 0x20 && c != 0x7F ? 1 : 0;
		return 1;
	}
	n = utf8_decode(s, len, cp);
	*cw = utf8_cpwidth(*cp);
	return n;
}

/* Columns of a tab at content column col, in a text tw columns wide. */
static size_t
tab_width(size_t col, size_t tw)
{
	size_t n = TABSTOP - col % TABSTOP;

	if (col >= tw)
		return n;
	return n < tw - col ? n : tw - col;
}

/*
 * Emit text bytes [from, to) of the document's arena, styled by the runs
 * (o->run is a cursor among them), with U+00A0 as a space and tabs
 * expanded as para_wrap() counted them.  The caller adds the width.
 */
static void
emit_range(struct out *o, const struct html_run *runs, size_t nruns,
    size_t from, size_t to, size_t tw, unsigned extra)
{
	const char *t = o->doc->text;
	size_t col = 0, colfrom = from; /* columns before colfrom */

	while (from < to) {
		const struct html_run *r;
		size_t end, i, start;

		while (o->run < nruns &&
		    runs[o->run].off + runs[o->run].len <= from)
			o->run++;
		if (o->run == nruns)
			return;
		r = &runs[o->run];
		end = r->off + r->len < to ? r->off + r->len : to;
		for (i = start = from; i < end; i++) {
			size_t n;

			if (t[i] == '\t') {
				col += utf8_width(t + colfrom, i - colfrom);
				n = tab_width(col, tw);
				col += n;
				colfrom = i + 1;
				line_add(o, t + start, i - start,
				    r->style | extra, r->link);
				spaces(o, n, r->style | extra, r->link);
				start = i + 1;
				continue;
			}
			if ((unsigned char)t[i] == 0xC2 && i + 1 < end &&
			    (unsigned char)t[i + 1] == 0xA0) {
				line_add(o, t + start, i - start,
				    r->style | extra, r->link);
				line_add(o, " ", 1, r->style | extra, r->link);
				start = ++i + 1;
			}
		}
		line_add(o, t + start, end - start, r->style | extra, r->link);
		from = end;
	}
}

/* CJK punctuation that must not start a line (UAX #14 CL, NS). */
static bool
no_break_before(uint32_t cp)
{
	switch (cp) {
	case 0x3001:
	case 0x3002:
	case 0x3009:
	case 0x300B:
	case 0x300D:
	case 0x300F:
	case 0x3011:
	case 0x3015:
	case 0x3017:
	case 0x3019:
	case 0x301B:
	case 0x301E:
	case 0x301F:
	case 0x30FC:
	case 0xFF01:
	case 0xFF09:
	case 0xFF0C:
	case 0xFF0E:
	case 0xFF1A:
	case 0xFF1B:
	case 0xFF1F:
	case 0xFF3D:
	case 0xFF5D:
	case 0xFF60:
	case 0x30FB:
	case 0x3005:
	case 0x309D:
	case 0x309E:
	case 0x30FD:
	case 0x30FE:
		return true;
	default:
		return false;
	}
}

/* CJK punctuation that must not end a line (UAX #14 OP). */
static bool
no_break_after(uint32_t cp)
{
	switch (cp) {
	case 0x3008:
	case 0x300A:
	case 0x300C:
	case 0x300E:
	case 0x3010:
	case 0x3014:
	case 0x3016:
	case 0x3018:
	case 0x301A:
	case 0x301D:
	case 0xFF08:
	case 0xFF3B:
	case 0xFF5B:
	case 0xFF5F:
		return true;
	default:
		return false;
	}
}

static bool
is_wordch(uint32_t cp)
{
	return (cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z') ||
	    (cp >= 'A' && cp <= 'Z') ||
	    (cp >= 0xC0 && cp != 0xD7 && cp != 0xF7 && cp != 0xA0 &&
	        !(cp >= 0x2000 && cp <= 0x206F));
}

static bool
is_hyphen(uint32_t cp)
{
	return cp == '-' || cp == 0x2010 || cp == 0x2013 || cp == 0x2014;
}

/* How a piece of text is laid out. */
struct para {
	const char *prefix; /* on every line */
	size_t prefixlen, prefixw;
	const char *marker; /* on the first line */
	size_t markerlen, markerw;
	unsigned markerstyle;
	const struct html_run *runs; /* the text's runs */
	size_t nruns;
	size_t from, to; /* bytes of the arena */
	bool pre;        /* verbatim: break only at newlines and width */
	unsigned extra;  /* style bits added to every span */
	size_t block;
	size_t pos0; /* pos of from (table rows: the row) */
	bool rowpos; /* pos is pos0 for every line */
};

/* One line: prefix, marker (or its width in spaces), text [from, to). */
static void
para_line(struct out *o, const struct para *p, bool first, size_t from,
    size_t to, size_t width, size_t tw)
{
	line_begin(o);
	line_add(o, p->prefix, p->prefixlen, HTML_STYLE_MARKER, 0);
	if (first)
		line_add(o, p->marker, p->markerlen, p->markerstyle, 0);
	else
		spaces(o, p->markerw, 0, 0);
	emit_range(o, p->runs, p->nruns, from, to, tw, p->extra);
	o->linewidth = p->prefixw + p->markerw + width;
	line_end(o, p->block, p->rowpos ? p->pos0 : p->pos0 + from - p->from);
}

/* Wrap the text [p->from, p->to) into lines of o->width columns. */
static void
para_wrap(struct out *o, const struct para *p)
{
	const char *t = o->doc->text;
	size_t tw = o->width - p->prefixw - p->markerw;
	size_t pos = p->from, i = p->from, col = 0;
	size_t brk = SIZE_MAX, brknext = 0, brkcol = 0, brkw = 0;
	size_t spacestart = SIZE_MAX;
	uint32_t prev = 0;
	int prevw = 0;
	bool first = true;

	assert(tw >= 1);
	o->run = 0;
	if (p->from == p->to) {
		para_line(o, p, true, p->from, p->from, 0, tw);
		return;
	}
	while (i < p->to) {
		uint32_t cp;
		int cw;
		size_t n, w;
		unsigned char c = (unsigned char)t[i];

		/*
		 * The common case first: a printable ASCII character inside
		 * a word that still fits.
		 */
		if (c > ' ' && c < 0x7F && c != '-' && col < tw &&
		    (prevw == 1 || prev == 0) && prev != ' ' && prev != '-' &&
		    !(prev >= 0x2010 && prev <= 0x2014) && prev != 0x200B) {
			col++;
			i++;
			prev = c;
			prevw = 1;
			spacestart = SIZE_MAX;
			continue;
		}
		n = cp_at(t + i, p->to - i, &cp, &cw);
		if (cp == '\n') {
			para_line(o, p, first, pos, i, col, tw);
			first = false;
			i += n;
			pos = i;
			col = 0;
			brk = SIZE_MAX;
			spacestart = SIZE_MAX;
			prev = 0;
			prevw = 0;
			continue;
		}
		if (!p->pre && cp == ' ') {
			if (spacestart == SIZE_MAX)
				spacestart = i;
			col++;
			i += n;
			prev = cp;
			prevw = 1;
			continue;
		}
		/* May the line end before this character? */
		if (!p->pre && i > pos && cw > 0) {
			bool ok = false;
			size_t end = i;

			if (prev == ' ') {
				ok = true;
				end = spacestart;
			} else if (prev == 0x200B) {
				ok = true;
			} else if (is_hyphen(prev) && is_wordch(cp)) {
				ok = true;
			} else if (prevw == 2 && !no_break_before(cp) &&
			    !no_break_after(prev)) {
				ok = true;
			} else if (cw == 2 && !no_break_before(cp) &&
			    !no_break_after(prev)) {
				ok = true;
			}
			if (ok && end > pos) {
				brk = end;
				brknext = i;
				brkcol = col;
				brkw = col - (i - end); /* less the spaces */
			}
		}
		if (cp != ' ')
			spacestart = SIZE_MAX;
		w = cp == '\t' ? tab_width(col, tw) : (size_t)cw;
		if (col + w > tw) {
			if (brk != SIZE_MAX) {
				/* Cut at the last break opportunity. */
				para_line(o, p, first, pos, brk, brkw, tw);
				first = false;
				pos = brknext;
				col -= brkcol;
				brk = SIZE_MAX;
				continue; /* look at this character again */
			}
			if (i > pos) {
				/* An over-long word: split it here. */
				para_line(o, p, first, pos, i, col, tw);
				first = false;
				pos = i;
				col = 0;
				continue;
			}
			/*
			 * Wider than the whole line by itself (a wide
			 * character when tw is 1): it cannot be shown.
			 */
			i += n;
			pos = i;
			continue;
		}
		col += w;
		i += n;
		if (cw > 0) {
			prev = cp;
			prevw = cw;
		} else if (cp == 0x200B) {
			prev = cp;
		}
	}
	if (i > pos || first)
		para_line(o, p, first, pos, i, col, tw);
}

/* Prefix and marker cut so that the text keeps half the width. */
static void
para_indent(struct out *o, struct para *p, const char *prefix, size_t plen,
    const char *marker, size_t mlen)
{
	size_t avail = o->width / 2, pw, mw;

	pw = utf8_width(prefix, plen);
	mw = utf8_width(marker, mlen);
	if (pw + mw > avail) {
		plen = utf8_fit(prefix, plen, avail, &pw);
		mlen = utf8_fit(marker, mlen, avail - pw, &mw);
	}
	p->prefix = prefix;
	p->prefixlen = plen;
	p->prefixw = pw;
	p->marker = marker;
	p->markerlen = mlen;
	p->markerw = mw;
}

static void
blank_line(struct out *o, const struct html_doc *doc, size_t prev, size_t next)
{
	const struct html_block *a = &doc->blocks[prev];
	const struct html_block *b = &doc->blocks[next];
	const char *pa = doc->text + a->prefix, *pb = doc->text + b->prefix;
	size_t n = 0, w;

	/* The quote bars the two blocks share, e.g. ">". */
	while (n < a->prefixlen && n < b->prefixlen && pa[n] == pb[n])
		n++;
	while (n > 0 && ((unsigned char)pb[n - 1] & 0xC0) == 0x80)
		n--;
	while (n > 0 && pb[n - 1] == ' ')
		n--;
	n = utf8_fit(pb, n, o->width / 2, &w);
	while (n > 0 && pb[n - 1] == ' ')
		n--;
	w = utf8_width(pb, n);
	line_begin(o);
	line_add(o, pb, n, HTML_STYLE_MARKER, 0);
	o->linewidth = w;
	line_end(o, next, 0);
}

/*
 * The runs of t.  A document may have no runs at all (a table of empty
 * cells), and NULL + 0 is undefined behaviour (UBSan).
 */
static const struct html_run *
text_runs(const struct html_doc *doc, const struct html_text *t)
{
	return t->nruns > 0 ? doc->runs + t->run : NULL;
}

static size_t
text_width(const struct html_doc *doc, const struct html_text *t)
{
	return utf8_width(doc->text + t->off, t->len);
}

static void
rule_line(struct out *o, size_t block, const char *prefix, size_t plen,
    size_t pw, size_t cols)
{
	size_t i;

	line_begin(o);
	line_add(o, prefix, plen, HTML_STYLE_MARKER, 0);
	for (i = 0; i < cols; i++)
		line_add(o, "\u2500", 3, HTML_STYLE_MARKER, 0);
	o->linewidth = pw + cols;
	line_end(o, block, 0);
}

/* A table in aligned columns, or (too wide) one cell a line. */
static void
table_layout(struct out *o, size_t bi)
{
	const struct html_doc *doc = o->doc;
	const struct html_block *b = &doc->blocks[bi];
	const struct html_table *tb = &b->table;
	const struct html_text *cells = doc->cells + tb->cell;
	const bool *hdr = doc->rowflags + tb->row;
	struct para p;
	size_t *colw, r, c, total, nhead = 0;

	memset(&p, 0, sizeof(p));
	para_indent(o, &p, doc->text + b->prefix, b->prefixlen, "", 0);
	colw = xcalloc(tb->ncols, sizeof(*colw));
	for (r = 0; r < tb->nrows; r++)
		for (c = 0; c < tb->ncols; c++) {
			size_t w = text_width(doc, &cells[r * tb->ncols + c]);

			if (w > colw[c])
				colw[c] = w;
		}
	while (nhead < tb->nrows && hdr[nhead])
		nhead++;
	if (nhead == tb->nrows)
		nhead = 0; /* all heads: no head */
	total = p.prefixw;
	for (c = 0; c < tb->ncols; c++)
		total += colw[c] + (c > 0 ? 2 : 0);
	p.block = bi;
	p.rowpos = true;
	if (total <= o->width && tb->ncols > 1) {
		for (r = 0; r < tb->nrows; r++) {
			line_begin(o);
			line_add(o, p.prefix, p.prefixlen, HTML_STYLE_MARKER,
			    0);
			for (c = 0; c < tb->ncols; c++) {
				const struct html_text *t =
				    &cells[r * tb->ncols + c];

				if (c > 0)
					spaces(o, 2, 0, 0);
				o->run = 0;
				emit_range(o, text_runs(doc, t), t->nruns,
				    t->off, t->off + t->len, SIZE_MAX,
				    hdr[r] ? HTML_STYLE_BOLD : 0);
				spaces(o, colw[c] - text_width(doc, t), 0, 0);
			}
			o->linewidth = total;
			line_end(o, bi, r);
			if (r + 1 == nhead && nhead < tb->nrows) {
				size_t cols = total - p.prefixw;

				rule_line(o, bi, p.prefix, p.prefixlen,
				    p.prefixw, cols);
				o->w->lines[o->w->nlines - 1].pos = r;
			}
		}
		goto out;
	}
	/* Too wide: each cell wrapped on its own, "Header: text". */
	for (r = nhead > 0 ? nhead : 0; r < tb->nrows; r++) {
		bool any = false;

		for (c = 0; c < tb->ncols; c++) {
			const struct html_text *t = &cells[r * tb->ncols + c];
			const struct html_text *h =
			    nhead > 0 && nhead < tb->nrows
			    ? &cells[(nhead - 1) * tb->ncols + c]
			    : NULL;
			char *label = NULL;

			if (t->len == 0)
				continue;
			if (!any && r > (nhead > 0 ? nhead : 0)) {
				line_begin(o);
				line_add(o, p.prefix, p.prefixlen,
				    HTML_STYLE_MARKER, 0);
				o->linewidth = p.prefixw;
				line_end(o, bi, r);
			}
			any = true;
			if (h != NULL && h->len > 0 && !hdr[r])
				label = xasprintf("%.*s: ", (int)h->len,
				    doc->text + h->off);
			para_indent(o, &p, doc->text + b->prefix, b->prefixlen,
			    label != NULL ? label : "",
			    label != NULL ? strlen(label) : 0);
			p.markerstyle = HTML_STYLE_BOLD;
			p.runs = text_runs(doc, t);
			p.nruns = t->nruns;
			p.from = t->off;
			p.to = t->off + t->len;
			p.pre = false;
			p.extra = hdr[r] ? HTML_STYLE_BOLD : 0;
			p.pos0 = r;
			para_wrap(o, &p);
			free(label);
		}
	}
out:
	free(colw);
}

struct wrap_doc *
wrap_lines(const struct html_doc *doc, size_t width)
{
	struct out o;
	size_t i, prev = SIZE_MAX;

	memset(&o, 0, sizeof(o));
	o.doc = doc;
	o.w = xcalloc(1, sizeof(*o.w));
	o.width = width < 1 ? 1 : width;
	o.w->width = o.width;
	buf_init(&o.text, BUF_NOLIMIT);
	for (i = 0; i < doc->nblocks; i++) {
		const struct html_block *b = &doc->blocks[i];
		struct para p;

		if (prev != SIZE_MAX && b->blank)
			blank_line(&o, doc, prev, i);
		prev = i;
		memset(&p, 0, sizeof(p));
		p.block = i;
		switch (b->kind) {
		case HTML_BLOCK_RULE:
			para_indent(&o, &p, doc->text + b->prefix, b->prefixlen,
			    "", 0);
			rule_line(&o, i, p.prefix, p.prefixlen, p.prefixw,
			    o.width - p.prefixw);
			break;
		case HTML_BLOCK_TABLE:
			table_layout(&o, i);
			break;
		default:
			para_indent(&o, &p, doc->text + b->prefix, b->prefixlen,
			    doc->text + b->marker, b->markerlen);
			p.markerstyle = HTML_STYLE_MARKER;
			p.runs = text_runs(doc, &b->text);
			p.nruns = b->text.nruns;
			p.from = b->text.off;
			p.to = b->text.off + b->text.len;
			p.pre = b->kind == HTML_BLOCK_PRE;
			p.pos0 = 0;
			para_wrap(&o, &p);
			break;
		}
	}
	/* The arena is complete: point the lines into it. */
	o.w->textlen = o.text.len;
	o.w->text = buf_detach(&o.text, NULL);
	{
		size_t off = 0;

		for (i = 0; i < o.w->nlines; i++) {
			o.w->lines[i].text = o.w->text + off;
			off += o.w->lines[i].len + 1;
		}
	}
	return o.w;
}

void
wrap_free(struct wrap_doc *w)
{
	if (w == NULL)
		return;
	free(w->lines);
	free(w->spans);
	free(w->text);
	free(w);
}

size_t
wrap_find(const struct wrap_doc *w, size_t block, size_t pos)
{
	size_t lo = 0, hi = w->nlines;

	/* The last line at or before (block, pos). */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const struct wrap_line *l = &w->lines[mid];

		if (l->block < block || (l->block == block && l->pos <= pos))
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo > 0 ? lo - 1 : 0;
}

int
wrap_write(const struct wrap_doc *w, struct buf *out)
{
	size_t i;

	for (i = 0; i < w->nlines; i++) {
		if (buf_add(out, w->lines[i].text, w->lines[i].len) == -1 ||
		    buf_addch(out, '\n') == -1)
			return -1;
	}
	return 0;
}
