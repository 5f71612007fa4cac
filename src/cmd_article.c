/*
 * cmd_article -- --article N: print post N's article as the pager shows
 * it, wrapped at the given width, and exit.
 *
 * Shell: finds post N exactly as --list numbers it (cmd_list_load: the
 * same feeds, merged and ordered the same way), then renders it with the
 * pager's code: article_render_item(), or page_render_item() when the
 * feed carries only an excerpt and the page (page.h: the page cache, else
 * the network) has the full text; wrap_lines(); stdout.
 */
#include "cmd.h"

#include <sys/ioctl.h>

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "article.h"
#include "buf.h"
#include "cmd_list.h"
#include "feed.h"
#include "html.h"
#include "page.h"
#include "utf8.h"
#include "util.h"
#include "wrap.h"

size_t
cmd_article_width(long width, int max)
{
	struct winsize ws;
	size_t w = 80, cap = max > 0 ? (size_t)max : ARTICLE_MAX_WIDTH;

	if (width > 0)
		return (size_t)width;
	if (isatty(STDOUT_FILENO) &&
	    ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
		w = ws.ws_col;
	return w < cap ? w : cap;
}

void
cmd_report(const char *what, const char *why)
{
	char *w = utf8_sanitize_str(what, UTF8_ONELINE);
	char *y = utf8_sanitize_str(why, 0);

	fprintf(stderr, "ifpnews: %s: %s\n", w, y);
	free(w);
	free(y);
}

int
cmd_article_print(const struct html_doc *doc, long width, int max)
{
	struct wrap_doc *w = wrap_lines(doc, cmd_article_width(width, max));
	struct buf out;
	int rc = 0;

	buf_init(&out, BUF_NOLIMIT);
	wrap_write(w, &out);
	wrap_free(w);
	if (fwrite(out.data, 1, out.len, stdout) != out.len ||
	    fflush(stdout) == EOF) {
		cmd_report("stdout", strerror(errno));
		rc = -1;
	}
	buf_clear(&out);
	return rc;
}

/*
 * The article of it: with the page's full text when the feed has only an
 * excerpt.  A page that cannot be had is reported (*failed set), and the
 * excerpt is shown instead.
 */
static struct html_doc *
item_article(const struct feed_item *it, const struct list_opts *lo,
    bool *failed)
{
	struct load_opts po;
	struct page_result pr;
	struct html_doc *doc;

	*failed = false;
	if (!page_wanted(it))
		return article_render_item(it);
	load_opts_config(&po, lo->config);
	po.now = lo->now;
	po.offline = lo->offline;
	po.refresh = lo->refresh;
	if (page_load(NULL, it->link, &po, &pr) == 0) {
		doc = page_render_item(it, pr.page);
	} else {
		cmd_report(it->link, pr.error);
		*failed = true;
		doc = article_render_item(it);
	}
	page_result_clear(&pr);
	return doc;
}

int
cmd_article(const char *arg, char *const *urls, size_t n,
    const struct list_opts *lo, long width)
{
	struct feed *feed = NULL;
	size_t *order = NULL;
	struct html_doc *doc;
	long long k;
	const char *cause;
	bool failed;
	int rc;

	if (str_tonum(arg, 1, LLONG_MAX, &k, &cause) == -1) {
		cmd_report(arg, "not a post number (1 = newest)");
		return 2;
	}
	rc = cmd_list_load(urls, n, lo, 0, &feed, &order);
	if (feed == NULL) {
		rc = 1;
		goto out;
	}
	if ((size_t)k > feed->nitems) {
		fprintf(stderr,
		    "ifpnews: --article %lld: there %s %zu post%s\n", k,
		    feed->nitems == 1 ? "is" : "are", feed->nitems,
		    feed->nitems == 1 ? "" : "s");
		rc = 1;
		goto out;
	}
	doc = item_article(&feed->items[order[k - 1]], lo, &failed);
	if (cmd_article_print(doc, width,
	        lo->config != NULL ? lo->config->max_width : 0) == -1 ||
	    failed)
		rc = 1;
	html_free(doc);
out:
	free(order);
	feed_free(feed);
	return rc;
}
