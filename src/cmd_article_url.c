/*
 * cmd_article_url -- --article URL|FILE: extract the article of any web
 * page (or of a saved HTML file), print it as the pager shows it, exit.
 *
 * Shell: page_load() (the page cache, the network, or the file), then
 * page_render() + wrap_lines(): the code path the pager uses for a post
 * whose feed carries only an excerpt.
 */
#include "cmd.h"

#include <sys/ioctl.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "article.h"
#include "buf.h"
#include "page.h"
#include "utf8.h"
#include "util.h"
#include "wrap.h"

/* --width, else the terminal's (at most the pager's widest), else 80. */
static size_t
out_width(long width)
{
	struct winsize ws;

	if (width > 0)
		return (size_t)width;
	if (isatty(STDOUT_FILENO) &&
	    ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
		return ws.ws_col < ARTICLE_MAX_WIDTH ? ws.ws_col
		                                     : ARTICLE_MAX_WIDTH;
	return 80;
}

/* "ifpnews: WHAT: why" with both sanitized (a URL is the user's text). */
static void
report(const char *what, const char *why)
{
	char *w = utf8_sanitize_str(what, UTF8_ONELINE);
	char *y = utf8_sanitize_str(why, 0);

	fprintf(stderr, "ifpnews: %s: %s\n", w, y);
	free(w);
	free(y);
}

int
cmd_article_url(const char *arg, const struct load_opts *opts, long width)
{
	struct page_result res;
	struct html_doc *doc;
	struct wrap_doc *w;
	struct buf out;
	char *line, *save = NULL;
	int rc = 1;

	if (page_load(NULL, arg, opts, &res) == -1) {
		report(arg, res.error);
		goto out;
	}
	if (res.warning != NULL)
		for (line = strtok_r(res.warning, "\n", &save); line != NULL;
		     line = strtok_r(NULL, "\n", &save))
			report("cache", line);
	doc = page_render(res.page, res.url);
	w = wrap_lines(doc, out_width(width));
	html_free(doc);
	buf_init(&out, BUF_NOLIMIT);
	wrap_write(w, &out);
	wrap_free(w);
	if (fwrite(out.data, 1, out.len, stdout) != out.len ||
	    fflush(stdout) == EOF)
		report("stdout", strerror(errno));
	else
		rc = 0;
	buf_clear(&out);
out:
	page_result_clear(&res);
	return rc;
}
