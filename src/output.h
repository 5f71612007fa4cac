/*
 * output -- the post list as --list prints it: plain, tsv or json.
 *
 * Pure: writes into a struct buf; the caller prints it.  Every string is
 * passed through utf8_sanitize (one-line fields with UTF8_ONELINE), so
 * no control character, bidi override or malformed byte reaches stdout.
 * Formats (SPEC "Command line"):
 *   plain  "N  AGE  TITLE"
 *   tsv    "N<TAB>PUBLISHED<TAB>TITLE<TAB>LINK<TAB>AUTHOR", PUBLISHED in
 *          RFC 3339 UTC or empty, tabs and newlines in fields as spaces
 *   json   {"feed": {...}, "items": [{...}, ...]}, valid JSON on one line
 *          per item; times RFC 3339 UTC or null
 * An item's time is its published time, else its updated time.
 */
#ifndef IFPNEWS_OUTPUT_H
#define IFPNEWS_OUTPUT_H

#include <stddef.h>
#include <time.h>

#include "buf.h"
#include "feed.h"

enum output_format {
	OUTPUT_PLAIN,
	OUTPUT_TSV,
	OUTPUT_JSON,
};

/* "plain", "tsv" or "json"; 0, or -1 for another name. */
int output_format_parse(const char *name, enum output_format *out);

/*
 * A list is written in three steps, so that a long one can be flushed
 * as it goes: begin (json: the feed object, from feed), one item at a
 * time (index is the 1-based number --article N takes; now is the time
 * ages are counted from), then end.
 */
void output_list_begin(struct buf *out, enum output_format,
    const struct feed *feed);
void output_list_item(struct buf *out, enum output_format,
    const struct feed_item *it, size_t index, time_t now);
/* output_list_item with the dates of plain's AGE (a week old and more) in
 * date_fmt (date_format; NULL = DATE_FORMAT_DEFAULT), the config's
 * date-format. */
void output_list_item_fmt(struct buf *out, enum output_format,
    const struct feed_item *it, size_t index, time_t now, const char *date_fmt);
void output_list_end(struct buf *out, enum output_format);

/* The whole list of feed in the order of order[0..feed->nitems). */
void output_list(struct buf *out, enum output_format, const struct feed *feed,
    const size_t *order, time_t now);

/* Append s as a JSON string (quoted, sanitized, escaped); NULL: null. */
void output_json_string(struct buf *out, const char *s, unsigned flags);

#endif
