/*
 * cmd_list -- `ifpnews --list`: load the feeds, print the post list.
 */
#include "cmd_list.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "load.h"
#include "utf8.h"
#include "util.h"

#define FLUSH_AT (64 << 10) /* output bytes gathered before a write */

/* Report "ifpnews: URL: message" with both parts made safe to print. */
static void
report(const char *url, const char *prefix, const char *msg)
{
	char *u = utf8_sanitize_str(url, UTF8_ONELINE);
	char *m = utf8_sanitize_str(msg, UTF8_ONELINE);

	fprintf(stderr, "ifpnews: %s: %s%s\n", u, prefix, m);
	free(u);
	free(m);
}

int
cmd_list_load(char *const *urls, size_t n, const struct list_opts *lo,
    unsigned flags, struct feed **out, size_t **order)
{
	struct load_opts o;
	struct load_result *res;
	struct feed *all = NULL;
	size_t i;
	int status = 0;

	*out = NULL;
	*order = NULL;
	load_opts_config(&o, lo->config);
	o.now = lo->now;
	o.offline = lo->offline;
	o.refresh = lo->refresh;
	o.parse_flags = flags;
	res = xcalloc(n > 0 ? n : 1, sizeof(*res));
	load_feeds((const char *const *)urls, n, &o, res);
	for (i = 0; i < n; i++) {
		if (res[i].warning != NULL)
			report(urls[i], "", res[i].warning);
		if (res[i].error != NULL) {
			report(urls[i], "", res[i].error);
			if (res[i].feed != NULL)
				report(urls[i], "", "showing the cached copy");
			status = 1;
		}
		if (res[i].feed == NULL)
			continue;
		if (res[i].feed->damage != NULL)
			report(urls[i],
			    "damaged feed, showing what could be read: ",
			    res[i].feed->damage);
		if (all == NULL)
			all = res[i].feed;
		else
			feed_merge(all, res[i].feed);
		res[i].feed = NULL;
	}
	for (i = 0; i < n; i++)
		load_result_clear(&res[i]);
	free(res);
	if (all != NULL) {
		*order = xreallocarray(NULL, all->nitems, sizeof(**order));
		feed_sort_newest(all, *order);
	}
	*out = all;
	return status;
}

/* Write b out: 0, or the errno of the failed write. */
static int
flush(struct buf *b)
{
	if (b->len > 0 && fwrite(b->data, 1, b->len, stdout) != b->len)
		return errno != 0 ? errno : EIO;
	buf_reset(b);
	return 0;
}

int
cmd_list(char *const *urls, size_t n, const struct list_opts *lo)
{
	struct feed *f;
	size_t *order, i;
	struct buf b;
	unsigned flags = 0;
	int status, werr = 0;

	if (lo->format != OUTPUT_JSON)
		flags = FEED_PARSE_NO_CONTENT | FEED_PARSE_NO_SUMMARY;
	status = cmd_list_load(urls, n, lo, flags, &f, &order);
	if (f == NULL)
		return 1;
	buf_init(&b, BUF_NOLIMIT);
	output_list_begin(&b, lo->format, f);
	for (i = 0; i < f->nitems && werr == 0; i++) {
		output_list_item_fmt(&b, lo->format, &f->items[order[i]], i + 1,
		    lo->now,
		    lo->config != NULL ? lo->config->date_format : NULL);
		if (b.len >= FLUSH_AT)
			werr = flush(&b);
	}
	output_list_end(&b, lo->format);
	if (werr == 0)
		werr = flush(&b);
	if (werr == 0 && fflush(stdout) == EOF)
		werr = errno;
	if (werr != 0) {
		fprintf(stderr, "ifpnews: stdout: %s\n", strerror(werr));
		status = 1;
	}
	buf_clear(&b);
	free(order);
	feed_free(f);
	return status;
}
