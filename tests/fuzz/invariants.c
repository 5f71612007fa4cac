/*
 * invariants -- checks the fuzz targets share (see invariants.h).
 */
#include "invariants.h"

#include <assert.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "utf8.h"
#include "util.h"

const size_t inv_widths[] = {0, 1, 2, 5, 13, 40, 80, 100};
const size_t inv_nwidths = NITEMS(inv_widths);

void
inv_safe(const char *s, size_t len, unsigned flags)
{
	uint32_t cp;
	size_t i, n;

	assert(utf8_valid(s, len));
	for (i = 0; i < len; i += n) {
		n = utf8_decode(s + i, len - i, &cp);
		assert(!utf8_is_control(cp) && cp != 0x1b);
		if (flags & INV_ONELINE)
			assert(cp != '\n' && cp != '\t' && cp != 0x2028 &&
			    cp != 0x2029);
		if (flags & INV_NOBIDI)
			assert(!utf8_is_bidi_control(cp));
	}
}

void
inv_safe_str(const char *s, unsigned flags)
{
	if (s != NULL)
		inv_safe(s, strlen(s), flags);
}

void
inv_utf8_str(const char *s)
{
	if (s != NULL)
		assert(utf8_valid(s, strlen(s)));
}

char *
inv_strndup(const void *data, size_t size)
{
	char *s = xmalloc(size + 1);

	memcpy(s, data, size);
	s[size] = '\0';
	return s;
}

/* --- JSON (RFC 8259), recursive descent over a bounded depth --- */

struct json {
	const char *p, *end;
};

static void
json_ws(struct json *j)
{
	while (j->p < j->end &&
	    (*j->p == ' ' || *j->p == '\t' || *j->p == '\n' || *j->p == '\r'))
		j->p++;
}

static bool
json_lit(struct json *j, const char *w)
{
	size_t n = strlen(w);

	if ((size_t)(j->end - j->p) < n || memcmp(j->p, w, n) != 0)
		return false;
	j->p += n;
	return true;
}

static int
hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

static void
json_string(struct json *j)
{
	const char *start;
	uint32_t cp;
	int i, v, h;

	assert(j->p < j->end && *j->p == '"');
	j->p++;
	start = j->p;
	for (;;) {
		assert(j->p < j->end);
		if (*j->p == '"')
			break;
		assert((unsigned char)*j->p >= 0x20);
		if (*j->p != '\\') {
			j->p++;
			continue;
		}
		j->p++;
		assert(j->p < j->end);
		switch (*j->p++) {
		case '"':
		case '\\':
		case '/':
		case 'b':
		case 'f':
		case 'r':
			/* Sanitized text has no backspace, form feed or CR. */
			assert(j->p[-1] == '"' || j->p[-1] == '\\' ||
			    j->p[-1] == '/');
			break;
		case 'n':
		case 't':
			break;
		case 'u':
			assert(j->end - j->p >= 4);
			for (v = 0, i = 0; i < 4; i++) {
				h = hexval(j->p[i]);
				assert(h >= 0);
				v = v * 16 + h;
			}
			j->p += 4;
			cp = (uint32_t)v;
			assert(!utf8_is_control(cp) && cp != 0x1b);
			break;
		default:
			assert(!"bad escape in a JSON string");
		}
	}
	/* The raw bytes (escapes are ASCII) are valid UTF-8, no controls. */
	inv_safe(start, (size_t)(j->p - start), 0);
	j->p++;
}

static void
json_number(struct json *j)
{
	const char *start = j->p;

	if (j->p < j->end && *j->p == '-')
		j->p++;
	assert(j->p < j->end && *j->p >= '0' && *j->p <= '9');
	if (*j->p == '0')
		j->p++;
	else
		while (j->p < j->end && *j->p >= '0' && *j->p <= '9')
			j->p++;
	if (j->p < j->end && *j->p == '.') {
		j->p++;
		assert(j->p < j->end && *j->p >= '0' && *j->p <= '9');
		while (j->p < j->end && *j->p >= '0' && *j->p <= '9')
			j->p++;
	}
	if (j->p < j->end && (*j->p == 'e' || *j->p == 'E')) {
		j->p++;
		if (j->p < j->end && (*j->p == '+' || *j->p == '-'))
			j->p++;
		assert(j->p < j->end && *j->p >= '0' && *j->p <= '9');
		while (j->p < j->end && *j->p >= '0' && *j->p <= '9')
			j->p++;
	}
	assert(j->p > start);
}

static void
json_value(struct json *j, int depth)
{
	assert(depth < 32);
	json_ws(j);
	assert(j->p < j->end);
	switch (*j->p) {
	case '{':
		j->p++;
		json_ws(j);
		if (j->p < j->end && *j->p == '}') {
			j->p++;
			return;
		}
		for (;;) {
			json_ws(j);
			json_string(j);
			json_ws(j);
			assert(j->p < j->end && *j->p == ':');
			j->p++;
			json_value(j, depth + 1);
			json_ws(j);
			assert(j->p < j->end);
			if (*j->p == '}')
				break;
			assert(*j->p == ',');
			j->p++;
		}
		j->p++;
		break;
	case '[':
		j->p++;
		json_ws(j);
		if (j->p < j->end && *j->p == ']') {
			j->p++;
			return;
		}
		for (;;) {
			json_value(j, depth + 1);
			json_ws(j);
			assert(j->p < j->end);
			if (*j->p == ']')
				break;
			assert(*j->p == ',');
			j->p++;
		}
		j->p++;
		break;
	case '"':
		json_string(j);
		break;
	default:
		if (!json_lit(j, "null") && !json_lit(j, "true") &&
		    !json_lit(j, "false"))
			json_number(j);
		break;
	}
}

void
inv_json(const char *s, size_t len)
{
	struct json j = {s, s + len};

	json_value(&j, 0);
	json_ws(&j);
	assert(j.p == j.end);
}

/* --- Rendered documents --- */

/* The runs of t cover doc->text[t->off, t->off + t->len) in order. */
static void
check_text(const struct html_doc *doc, const struct html_text *t,
    unsigned flags)
{
	size_t i, at = t->off;

	assert(t->off <= doc->textlen && t->len <= doc->textlen - t->off);
	assert(t->run <= doc->nruns && t->nruns <= doc->nruns - t->run);
	for (i = t->run; i < t->run + t->nruns; i++) {
		const struct html_run *r = &doc->runs[i];

		assert(r->off == at && r->len > 0);
		assert(r->link <= doc->nlinks);
		at += r->len;
	}
	assert(at == t->off + t->len);
	inv_safe(doc->text + t->off, t->len, flags);
}

void
inv_html_doc(const struct html_doc *doc)
{
	const struct html_block *b;
	size_t i, c;

	assert(doc != NULL);
	for (i = 0; i < doc->nlinks; i++)
		inv_safe_str(doc->links[i], INV_ONELINE | INV_NOBIDI);
	for (i = 0; i < doc->nblocks; i++) {
		b = &doc->blocks[i];
		assert(b->prefix <= doc->textlen &&
		    b->prefixlen <= doc->textlen - b->prefix);
		assert(b->marker <= doc->textlen &&
		    b->markerlen <= doc->textlen - b->marker);
		inv_safe(doc->text + b->prefix, b->prefixlen, INV_ONELINE);
		inv_safe(doc->text + b->marker, b->markerlen, INV_ONELINE);
		switch (b->kind) {
		case HTML_BLOCK_HEADING:
			assert(b->level >= 1 && b->level <= 6);
			check_text(doc, &b->text, INV_NOBIDI);
			break;
		case HTML_BLOCK_RULE:
			break;
		case HTML_BLOCK_TABLE:
			assert(b->table.cell <= doc->ncells &&
			    b->table.nrows * b->table.ncols <=
			        doc->ncells - b->table.cell);
			assert(b->table.row <= doc->nrowflags &&
			    b->table.nrows <= doc->nrowflags - b->table.row);
			for (c = 0; c < b->table.nrows * b->table.ncols; c++)
				check_text(doc, &doc->cells[b->table.cell + c],
				    INV_NOBIDI);
			break;
		default:
			check_text(doc, &b->text, INV_NOBIDI);
			break;
		}
	}
}

void
inv_wrap(const struct html_doc *doc, size_t width)
{
	struct wrap_doc *w;
	struct buf out;
	size_t i, j, at, n, limit = width < 1 ? 1 : width;

	w = wrap_lines(doc, width);
	assert(w != NULL);
	buf_init(&out, BUF_NOLIMIT);
	n = 0;
	for (i = 0; i < w->nlines; i++) {
		const struct wrap_line *l = &w->lines[i];

		assert(l->text >= w->text &&
		    l->text + l->len < w->text + w->textlen + 1);
		assert(strlen(l->text) == l->len);
		assert(l->width <= limit);
		assert(l->width == utf8_width(l->text, l->len));
		inv_safe(l->text, l->len, INV_ONELINE | INV_NOBIDI);
		assert(l->len == 0 || l->text[l->len - 1] != ' ');
		assert(
		    l->span <= w->nspans && l->nspans <= w->nspans - l->span);
		assert((l->nspans == 0) == (l->len == 0));
		for (at = 0, j = l->span; j < l->span + l->nspans; j++) {
			assert(w->spans[j].off == at && w->spans[j].len > 0);
			assert(w->spans[j].link <= doc->nlinks);
			at += w->spans[j].len;
		}
		assert(at == l->len);
		assert(l->block <= doc->nblocks);
		/* The line is found again from where it comes from. */
		j = wrap_find(w, l->block, l->pos);
		assert(j < w->nlines && w->lines[j].block == l->block);
		n += l->len + 1;
	}
	assert(wrap_write(w, &out) == 0 && out.len == n);
	wrap_free(w);
	buf_clear(&out);
}

void
inv_wrap_all(const struct html_doc *doc)
{
	size_t i;

	for (i = 0; i < inv_nwidths; i++)
		inv_wrap(doc, inv_widths[i]);
}
