/*
 * cmd_list -- `ifpnews --list`: load the feeds, print the post list.
 */
#include "cmd_list.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "uri.h"
#include "utf8.h"
#include "util.h"

#define READ_BLOCK (256 << 10) /* bytes read at a time */
#define FLUSH_AT (64 << 10)    /* output bytes gathered before a write */

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

/* The path of a local feed: a path as is, a file:// URL decoded. */
static char *
local_path(const char *url)
{
	const char *p = url;
	struct buf b;

	if (!uri_has_scheme(url, "file"))
		return xstrdup(url);
	p = strchr(url, ':') + 1;
	if (strncmp(p, "//", 2) == 0) {
		p += 2;
		if (strncmp(p, "localhost/", 10) == 0)
			p += 9;
		else if (*p != '/')
			return NULL; /* a file on another host */
	}
	buf_init(&b, BUF_NOLIMIT);
	for (; *p != '\0' && *p != '?' && *p != '#'; p++) {
		if (*p == '%' && hexval(p[1]) >= 0 && hexval(p[2]) >= 0) {
			buf_addch(&b, (char)(hexval(p[1]) * 16 + hexval(p[2])));
			p += 2;
		} else
			buf_addch(&b, *p);
	}
	return buf_detach(&b, NULL);
}

/*
 * Read a local feed into the parser a block at a time (never the whole
 * file in memory).  The one place that gets a feed's bytes: load.c
 * takes its place for the network and the cache.
 */
static int
read_feed(const char *url, unsigned flags, struct feed **out, char **cause)
{
	struct feed_parse_opts po;
	struct feed_parser *p = NULL;
	struct stat st;
	char *path, *block = NULL;
	ssize_t n;
	int fd = -1, r = -1;

	if (uri_has_scheme(url, "http") || uri_has_scheme(url, "https")) {
		*cause = xstrdup("only local files can be read in this build "
		                 "(no network support yet)");
		return -1;
	}
	path = local_path(url);
	if (path == NULL) {
		*cause = xstrdup("a file:// URL must name a local file");
		return -1;
	}
	fd = open(path, O_RDONLY);
	if (fd == -1 || fstat(fd, &st) == -1) {
		*cause = xstrdup(strerror(errno));
		goto out;
	}
	if (S_ISDIR(st.st_mode)) {
		*cause = xstrdup("is a directory");
		goto out;
	}
	if (S_ISREG(st.st_mode) && (size_t)st.st_size > CMD_LIST_FILE_MAX) {
		*cause =
		    xasprintf("feed larger than %zu bytes", CMD_LIST_FILE_MAX);
		goto out;
	}
	memset(&po, 0, sizeof(po));
	po.url = url;
	po.max_size = CMD_LIST_FILE_MAX;
	po.flags = flags;
	p = feed_parser_new(&po);
	block = xmalloc(READ_BLOCK);
	for (;;) {
		n = read(fd, block, READ_BLOCK);
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1) {
			*cause = xstrdup(strerror(errno));
			goto out;
		}
		if (n == 0 || feed_parser_push(p, block, (size_t)n) == -1)
			break;
	}
	r = feed_parser_finish(p, out, cause);
out:
	if (fd != -1)
		close(fd);
	feed_parser_free(p);
	free(block);
	free(path);
	return r;
}

int
cmd_list_load(char *const *urls, size_t n, const struct list_opts *lo,
    unsigned flags, struct feed **out, size_t **order)
{
	struct feed *all = NULL, *f;
	char *cause;
	size_t i;
	int status = 0;

	(void)lo;
	*out = NULL;
	*order = NULL;
	for (i = 0; i < n; i++) {
		if (read_feed(urls[i], flags, &f, &cause) == -1) {
			report(urls[i], "", cause);
			free(cause);
			status = 1;
			continue;
		}
		if (f->damage != NULL)
			report(urls[i],
			    "damaged feed, showing what could be read: ",
			    f->damage);
		if (all == NULL)
			all = f;
		else
			feed_merge(all, f);
	}
	if (all != NULL) {
		*order = xreallocarray(NULL, all->nitems, sizeof(**order));
		feed_sort_newest(all, *order);
	}
	*out = all;
	return status;
}

static int
flush(struct buf *b)
{
	if (b->len > 0 && fwrite(b->data, 1, b->len, stdout) != b->len)
		return -1;
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
		output_list_item(&b, lo->format, &f->items[order[i]], i + 1,
		    lo->now);
		if (b.len >= FLUSH_AT)
			werr = flush(&b);
	}
	output_list_end(&b, lo->format);
	if (werr == 0)
		werr = flush(&b);
	if (fflush(stdout) == EOF || werr == -1) {
		fprintf(stderr, "ifpnews: stdout: %s\n", strerror(errno));
		status = 1;
	}
	buf_clear(&b);
	free(order);
	feed_free(f);
	return status;
}
