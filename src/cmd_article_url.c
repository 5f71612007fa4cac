/*
 * cmd_article_url -- --article URL|FILE: extract the article of any web
 * page (or of a saved HTML file), print it as the pager shows it, exit.
 *
 * Shell: page_load() (the page cache, the network, or the file), then
 * page_render() + wrap_lines(): the code path the pager uses for a post
 * whose feed carries only an excerpt.
 */
#include "cmd.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "page.h"
#include "util.h"

int
cmd_article_url(const char *arg, const struct load_opts *opts, long width)
{
	struct page_result res;
	struct html_doc *doc;
	char *line, *save = NULL;
	int rc = 1;

	if (page_load(NULL, arg, opts, &res) == -1) {
		cmd_report(arg, res.error);
		goto out;
	}
	if (res.warning != NULL)
		for (line = strtok_r(res.warning, "\n", &save); line != NULL;
		     line = strtok_r(NULL, "\n", &save))
			cmd_report("cache", line);
	doc = page_render(res.page, res.url);
	if (cmd_article_print(doc, width, 0) == 0)
		rc = 0;
	html_free(doc);
out:
	page_result_clear(&res);
	return rc;
}
