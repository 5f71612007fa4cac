/*
 * output -- the post list as --list prints it: plain, tsv or json.
 */
#include "output.h"

#include <stdio.h>
#include <string.h>

#include "date.h"
#include "utf8.h"

int
output_format_parse(const char *name, enum output_format *out)
{
	if (strcmp(name, "plain") == 0)
		*out = OUTPUT_PLAIN;
	else if (strcmp(name, "tsv") == 0)
		*out = OUTPUT_TSV;
	else if (strcmp(name, "json") == 0)
		*out = OUTPUT_JSON;
	else
		return -1;
	return 0;
}

static time_t
item_time(const struct feed_item *it)
{
	return it->published != DATE_NONE ? it->published : it->updated;
}

/* A one-line field, sanitized; tabs become spaces. */
static void
field(struct buf *out, const char *s)
{
	if (s != NULL)
		utf8_sanitize(out, s, strlen(s), UTF8_ONELINE);
}

void
output_json_string(struct buf *out, const char *s, unsigned flags)
{
	struct buf clean;
	size_t i, start = 0;

	if (s == NULL) {
		buf_addstr(out, "null");
		return;
	}
	buf_init(&clean, BUF_NOLIMIT);
	utf8_sanitize(&clean, s, strlen(s), flags);
	buf_addch(out, '"');
	for (i = 0; i < clean.len; i++) {
		unsigned char c = (unsigned char)clean.data[i];
		char esc[8];

		if (c != '"' && c != '\\' && c >= 0x20)
			continue;
		buf_add(out, clean.data + start, i - start);
		start = i + 1;
		switch (c) {
		case '"':
			buf_addstr(out, "\\\"");
			break;
		case '\\':
			buf_addstr(out, "\\\\");
			break;
		case '\n':
			buf_addstr(out, "\\n");
			break;
		case '\t':
			buf_addstr(out, "\\t");
			break;
		default: /* sanitized text has no other control; be safe */
			snprintf(esc, sizeof(esc), "\\u%04x", c);
			buf_addstr(out, esc);
			break;
		}
	}
	if (clean.len > start)
		buf_add(out, clean.data + start, clean.len - start);
	buf_addch(out, '"');
	buf_clear(&clean);
}

static void
json_time(struct buf *out, time_t t)
{
	char s[DATE_RFC3339_LEN];

	if (t == DATE_NONE) {
		buf_addstr(out, "null");
		return;
	}
	buf_printf(out, "\"%s\"", date_rfc3339(t, s));
}

void
output_list_begin(struct buf *out, enum output_format fmt, const struct feed *f)
{
	if (fmt != OUTPUT_JSON)
		return;
	buf_addstr(out, "{\"feed\": {\"title\": ");
	output_json_string(out, f != NULL ? f->title : NULL, UTF8_ONELINE);
	buf_addstr(out, ", \"link\": ");
	output_json_string(out, f != NULL ? f->link : NULL, UTF8_ONELINE);
	buf_addstr(out, ", \"description\": ");
	output_json_string(out, f != NULL ? f->description : NULL,
	    UTF8_ONELINE);
	buf_addstr(out, ", \"url\": ");
	output_json_string(out, f != NULL ? f->url : NULL, UTF8_ONELINE);
	buf_addstr(out, "},\n \"items\": [");
}

static void
json_item(struct buf *out, const struct feed_item *it, size_t index)
{
	size_t i;

	if (index > 1)
		buf_addch(out, ',');
	buf_printf(out, "\n  {\"index\": %zu, \"id\": ", index);
	output_json_string(out, it->id, UTF8_ONELINE);
	buf_addstr(out, ", \"title\": ");
	output_json_string(out, it->title, UTF8_ONELINE);
	buf_addstr(out, ", \"link\": ");
	output_json_string(out, it->link, UTF8_ONELINE);
	buf_addstr(out, ", \"author\": ");
	output_json_string(out, it->author, UTF8_ONELINE);
	buf_addstr(out, ", \"published\": ");
	json_time(out, it->published);
	buf_addstr(out, ", \"updated\": ");
	json_time(out, it->updated);
	buf_addstr(out, ", \"categories\": [");
	for (i = 0; i < it->ncategories; i++) {
		if (i > 0)
			buf_addstr(out, ", ");
		output_json_string(out, it->categories[i], UTF8_ONELINE);
	}
	buf_addstr(out, "], \"summary\": ");
	output_json_string(out, it->summary, UTF8_ONELINE);
	buf_addstr(out, ", \"content_html\": ");
	output_json_string(out, it->content_html, 0);
	buf_addstr(out, ", \"enclosures\": [");
	for (i = 0; i < it->nenclosures; i++) {
		const struct feed_enclosure *e = &it->enclosures[i];

		if (i > 0)
			buf_addstr(out, ", ");
		buf_addstr(out, "{\"url\": ");
		output_json_string(out, e->url, UTF8_ONELINE);
		buf_addstr(out, ", \"type\": ");
		output_json_string(out, e->type, UTF8_ONELINE);
		if (e->length >= 0)
			buf_printf(out, ", \"length\": %lld}", e->length);
		else
			buf_addstr(out, ", \"length\": null}");
	}
	buf_addstr(out, "]}");
}

void
output_list_item(struct buf *out, enum output_format fmt,
    const struct feed_item *it, size_t index, time_t now)
{
	output_list_item_fmt(out, fmt, it, index, now, NULL);
}

void
output_list_item_fmt(struct buf *out, enum output_format fmt,
    const struct feed_item *it, size_t index, time_t now, const char *date_fmt)
{
	char when[DATE_RFC3339_LEN], age[64];
	time_t t = item_time(it);

	switch (fmt) {
	case OUTPUT_PLAIN:
		date_age_fmt(t, now, date_fmt, age, sizeof(age));
		buf_printf(out, "%zu  %s  ", index, age);
		if (it->title != NULL && *it->title != '\0')
			field(out, it->title);
		else
			buf_addstr(out, "(untitled)");
		buf_addch(out, '\n');
		break;
	case OUTPUT_TSV:
		buf_printf(out, "%zu\t%s\t", index,
		    t != DATE_NONE ? date_rfc3339(t, when) : "");
		field(out, it->title);
		buf_addch(out, '\t');
		field(out, it->link);
		buf_addch(out, '\t');
		field(out, it->author);
		buf_addch(out, '\n');
		break;
	case OUTPUT_JSON:
		json_item(out, it, index);
		break;
	}
}

void
output_list_end(struct buf *out, enum output_format fmt)
{
	if (fmt == OUTPUT_JSON)
		buf_addstr(out, "\n]}\n");
}

void
output_list(struct buf *out, enum output_format fmt, const struct feed *f,
    const size_t *order, time_t now)
{
	size_t i;

	output_list_begin(out, fmt, f);
	for (i = 0; i < f->nitems; i++)
		output_list_item(out, fmt, &f->items[order[i]], i + 1, now);
	output_list_end(out, fmt);
}
