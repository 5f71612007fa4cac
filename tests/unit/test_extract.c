/*
 * test_extract -- the article of a page and its metadata.
 *
 * Pages live in $TESTS_DATA/pages: NAME.html with NAME.expected.txt, the
 * article's paragraphs (blank-line separated).  The extracted HTML is cut
 * into blocks as a browser would show them and compared paragraph for
 * paragraph; no "MUST NOT SHOW" trap of a page may appear.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>
#include <libxml/HTMLparser.h>

#include "buf.h"
#include "extract.h"
#include "util.h"

static char *
slurp(const char *name, size_t *lenp)
{
	const char *dir = getenv("TESTS_DATA");
	char *path, *data;
	FILE *f;
	long n;

	path = xasprintf("%s/pages/%s", dir != NULL ? dir : "tests/data", name);
	f = fopen(path, "rb");
	if (f == NULL)
		fail_msg("cannot open %s", path);
	free(path);
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	data = xmalloc((size_t)n + 1);
	assert_int_equal(fread(data, 1, (size_t)n, f), (size_t)n);
	data[n] = '\0';
	fclose(f);
	if (lenp != NULL)
		*lenp = (size_t)n;
	return data;
}

static struct extract_result *
extract_str(const char *html)
{
	struct extract_result *r = NULL;
	char *cause = NULL;

	if (extract_article(html, strlen(html), NULL, &r, &cause) != 0)
		fail_msg("extract failed: %s", cause);
	return r;
}

/* Collapse white space runs to one space, trim; in place. */
static void
squeeze(char *s)
{
	char *w = s, *r = s;
	int space = 0;

	while (*r == ' ' || *r == '\t' || *r == '\n' || *r == '\r')
		r++;
	for (; *r != '\0'; r++) {
		if (*r == ' ' || *r == '\t' || *r == '\n' || *r == '\r') {
			space = 1;
			continue;
		}
		if (space && w != s)
			*w++ = ' ';
		space = 0;
		*w++ = *r;
	}
	*w = '\0';
}

struct paras {
	char **v;
	size_t n;
};

static void
paras_add(struct paras *p, struct buf *b)
{
	char *s = buf_detach(b, NULL);

	squeeze(s);
	if (*s == '\0') {
		free(s);
		return;
	}
	p->v = xreallocarray(p->v, p->n + 1, sizeof(*p->v));
	p->v[p->n++] = s;
}

static void
paras_free(struct paras *p)
{
	size_t i;

	for (i = 0; i < p->n; i++)
		free(p->v[i]);
	free(p->v);
}

static int
is_block(const xmlNode *n)
{
	static const char *const blocks[] = {"p", "div", "h1", "h2", "h3", "h4",
	    "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd", "blockquote", "pre",
	    "figure", "figcaption", "table", "tr", "td", "th", "section",
	    "article", "header", "footer", "br", "hr", NULL};
	size_t i;

	if (n->type != XML_ELEMENT_NODE)
		return 0;
	for (i = 0; blocks[i] != NULL; i++)
		if (strcmp((const char *)n->name, blocks[i]) == 0)
			return 1;
	return 0;
}

/* The paragraphs a reader sees in html: text between block boundaries. */
static void
html_paras(const char *html, struct paras *p)
{
	htmlDocPtr doc;
	xmlNode *root, *n;
	struct buf b;

	memset(p, 0, sizeof(*p));
	buf_init(&b, BUF_NOLIMIT);
	doc = htmlReadMemory(html, (int)strlen(html), NULL, "UTF-8",
	    HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING);
	assert_non_null(doc);
	root = xmlDocGetRootElement(doc);
	n = root;
	while (n != NULL) {
		if (is_block(n))
			paras_add(p, &b);
		if (n->type == XML_TEXT_NODE && n->content != NULL)
			buf_addstr(&b, (const char *)n->content);
		if (n->type == XML_ELEMENT_NODE && n->children != NULL) {
			n = n->children;
			continue;
		}
		while (n != NULL && n->next == NULL) {
			n = n->parent;
			if (n != NULL && is_block(n))
				paras_add(p, &b);
			if (n == root)
				n = NULL;
		}
		if (n != NULL)
			n = n->next;
	}
	paras_add(p, &b);
	buf_clear(&b);
	xmlFreeDoc(doc);
}

static void
text_paras(char *text, struct paras *p)
{
	struct buf b;
	char *line, *save = NULL;

	memset(p, 0, sizeof(*p));
	buf_init(&b, BUF_NOLIMIT);
	for (line = strtok_r(text, "\n", &save); line != NULL;
	     line = strtok_r(NULL, "\n", &save)) {
		/* strtok_r merges empty lines: find paragraph ends by hand. */
		buf_addstr(&b, line);
		buf_addch(&b, ' ');
		if (save != NULL && *save == '\n')
			paras_add(p, &b);
	}
	paras_add(p, &b);
	buf_clear(&b);
}

static void
check_page(const char *name)
{
	char *html, *want_text, *file, *cause = NULL;
	struct extract_result *r = NULL;
	struct extract_opts o;
	struct paras got, want;
	size_t len, i;

	file = xasprintf("%s.html", name);
	html = slurp(file, &len);
	free(file);
	file = xasprintf("%s.expected.txt", name);
	want_text = slurp(file, NULL);
	free(file);
	memset(&o, 0, sizeof(o));
	o.url = "https://example.org/article/";
	if (extract_article(html, len, &o, &r, &cause) != 0)
		fail_msg("%s: %s", name, cause);
	if (strstr(r->html, "MUST NOT SHOW") != NULL)
		fail_msg("%s: a trap shows:\n%s", name, r->html);
	html_paras(r->html, &got);
	text_paras(want_text, &want);
	for (i = 0; i < got.n && i < want.n; i++)
		if (strcmp(got.v[i], want.v[i]) != 0)
			fail_msg("%s: paragraph %zu:\n got: %s\nwant: %s", name,
			    i + 1, got.v[i], want.v[i]);
	if (got.n != want.n)
		fail_msg("%s: %zu paragraphs, want %zu (first extra: %s)", name,
		    got.n, want.n,
		    got.n > want.n ? got.v[want.n] : want.v[got.n]);
	assert_true(r->text_len > 0);
	paras_free(&got);
	paras_free(&want);
	extract_result_free(r);
	free(html);
	free(want_text);
}

static void
extracts_the_ifp_seed_article_word_for_word(void **state)
{
	(void)state;
	check_page("ifp-article");
}

static void
extracts_a_wordpress_default_theme_post(void **state)
{
	(void)state;
	check_page("wp-twentytwentyone");
}

static void
joins_a_body_split_over_nested_divs(void **state)
{
	(void)state;
	check_page("nested-divs");
}

static void
prefers_the_post_to_a_longer_discussion_below_it(void **state)
{
	(void)state;
	check_page("comments-heavy");
}

static void
ignores_a_big_sidebar_of_links(void **state)
{
	(void)state;
	check_page("big-sidebar");
}

static void
reads_an_amp_page(void **state)
{
	(void)state;
	check_page("amp");
}

static void
reads_an_html5_news_page_with_figures_and_lists(void **state)
{
	(void)state;
	check_page("html5-news");
}

static void
reads_the_ifp_metadata(void **state)
{
	struct extract_result *r;
	char *html;

	(void)state;
	html = slurp("ifp-article.html", NULL);
	r = extract_str(html);
	assert_string_equal(r->title,
	    "Iran, Russia FMs voice support for Syria in fighting terrorists");
	assert_string_equal(r->byline, "IFP Editorial Staff");
	assert_string_equal(r->published, "2024-11-30T11:48:27+00:00");
	assert_string_equal(r->site_name, "IFP News");
	assert_string_equal(r->lang, "en-US");
	/* The meta description, not JSON-LD's (a trap there). */
	assert_non_null(strstr(r->excerpt, "Iranian and Russian foreign"));
	extract_result_free(r);
	free(html);
}

static void
reads_json_ld_authors_and_publisher(void **state)
{
	struct extract_result *r;
	char *html;

	(void)state;
	html = slurp("big-sidebar.html", NULL);
	r = extract_str(html);
	assert_string_equal(r->byline, "Shirin Ahmadi, Ali Nouri");
	assert_string_equal(r->site_name, "Daily Iran Monitor");
	assert_string_equal(r->published, "2024-03-18T06:00:00+03:30");
	assert_string_equal(r->excerpt,
	    "The river runs through the city again for two weeks.");
	/* The line that repeats the authors is not body text. */
	assert_null(strstr(r->html, "Shirin Ahmadi"));
	extract_result_free(r);
	free(html);
}

static void
takes_byline_and_date_from_markup_without_metadata(void **state)
{
	struct extract_result *r;
	char *html;

	(void)state;
	html = slurp("html5-news.html", NULL);
	r = extract_str(html);
	assert_string_equal(r->byline, "Neda Sadeghi");
	assert_string_equal(r->published, "2024-09-05T11:20:00+03:30");
	assert_string_equal(r->title,
	    "How a Shiraz start-up turned grape skins into paper");
	extract_result_free(r);
	free(html);
}

/* A page whose body is long enough, with the given <title>. */
static char *
page_titled(const char *title, const char *extra)
{
	return xasprintf("<html><head><title>%s</title></head><body>%s"
	                 "<div><p>%s</p><p>%s</p><p>%s</p></div></body></html>",
	    title, extra,
	    "The first paragraph of the story is long enough to be scored, "
	    "and it has commas, several of them, as articles do.",
	    "The second paragraph goes on with the story, adding facts, "
	    "names, places and quotes that readers came here for.",
	    "The third paragraph closes the story with a look ahead at what "
	    "comes next, and who will decide it, and when, and why.");
}

static void
cuts_the_site_name_off_the_title(void **state)
{
	static const struct {
		const char *title, *extra, *want;
	} cases[] = {
	    {"Iran, Russia FMs voice support for Syria | IFP News", "",
	        "Iran, Russia FMs voice support for Syria"},
	    {"Daily Monitor - Oil exports reach a five-year high", "",
	        "Oil exports reach a five-year high"},
	    {"Oil exports reach a five-year high \xe2\x80\x93 Monitor", "",
	        "Oil exports reach a five-year high"},
	    {"Monitor: Oil exports reach a five-year high today", "",
	        "Oil exports reach a five-year high today"},
	    {"Short | Site", "", "Short | Site"},
	    {"Home", "<h1>A single headline for the page</h1>",
	        "A single headline for the page"},
	};
	struct extract_result *r;
	size_t i;
	char *html;

	(void)state;
	for (i = 0; i < NITEMS(cases); i++) {
		html = page_titled(cases[i].title, cases[i].extra);
		r = extract_str(html);
		assert_string_equal(r->title, cases[i].want);
		extract_result_free(r);
		free(html);
	}
}

/*
 * Metadata escaped twice ("&amp;#8217;" in a content attribute) is
 * decoded once more, as HTML5 decodes references: &#146; is the
 * Windows-1252 quote, and "&T" stays text.
 */
static void
decodes_metadata_escaped_twice(void **state)
{
	struct extract_result *r;
	char *html;

	(void)state;
	html = page_titled("Plain title of the page",
	    "<meta property=\"og:title\" content=\"Iran&amp;#8217;s "
	    "&amp;quot;R&amp;amp;D&amp;quot; budget, AT&amp;T and "
	    "&amp;#x41;&amp;#146;s\">");
	r = extract_str(html);
	assert_string_equal(r->title,
	    "Iran\xe2\x80\x99s \"R&D\" budget, AT&T and "
	    "A\xe2\x80\x99s");
	extract_result_free(r);
	free(html);
}

static void
reads_json_ld_in_a_graph_or_cdata_and_survives_bad_json(void **state)
{
	struct extract_result *r;
	char *html, *deep;
	struct buf b;
	int i;

	(void)state;
	html = page_titled("Page",
	    "<script type=\"application/ld+json\">{ \"oops\": </script>"
	    "<script type=\"application/ld+json\">/*<![CDATA[*/</script>"
	    "<script type=\"application/ld+json\"><![CDATA[{\"@context\":"
	    "\"https://schema.org\",\"@graph\":[{\"@type\":\"WebSite\","
	    "\"name\":\"Site\"},{\"@type\":[\"NewsArticle\"],\"headline\":"
	    "\"Caf\\u00e9 owners \\\"rejoice\\\"\",\"author\":{\"name\":"
	    "\" Jane  Doe \"},\"datePublished\":\"2024-01-02\"}]}]]>"
	    "</script>");
	r = extract_str(html);
	assert_string_equal(r->title, "Caf\xc3\xa9 owners \"rejoice\"");
	assert_string_equal(r->byline, "Jane Doe");
	assert_string_equal(r->published, "2024-01-02");
	assert_null(strstr(r->html, "rejoice"));
	extract_result_free(r);
	free(html);

	/* JSON nested far too deep is refused, not followed. */
	buf_init(&b, BUF_NOLIMIT);
	buf_addstr(&b, "<script type=\"application/ld+json\">");
	for (i = 0; i < 100000; i++)
		buf_addch(&b, '[');
	buf_addstr(&b, "</script>");
	deep = buf_detach(&b, NULL);
	html = page_titled("A page title that is long enough", deep);
	r = extract_str(html);
	assert_string_equal(r->title, "A page title that is long enough");
	extract_result_free(r);
	free(html);
	free(deep);
}

static void
drops_hidden_nodes_ads_and_foreign_attributes(void **state)
{
	struct extract_result *r;
	char *html;

	(void)state;
	html = page_titled("A page title that is long enough",
	    "<div style=\"display: none !important\">HIDDEN MUST NOT SHOW, "
	    "a long hidden paragraph, with commas, many, many, many.</div>"
	    "<div hidden><p>HIDDEN MUST NOT SHOW either, with commas, "
	    "more, and more.</p></div>"
	    "<div aria-hidden=\"true\"><p>ARIA MUST NOT SHOW, with commas, "
	    "more, and more.</p></div>");
	r = extract_str(html);
	assert_null(strstr(r->html, "MUST NOT SHOW"));
	extract_result_free(r);
	free(html);

	html =
	    xasprintf("<html><body><div class=\"post-body\">"
	              "<p onclick=\"x()\" class=\"lead\" style=\"color:red\">"
	              "%s <a href=\"/x\" target=\"_blank\">a link</a> "
	              "&lt;for&gt; "
	              "&amp; more.</p><div class=\"ad-slot\"><span>- "
	              "Advertisement -</span></div><p>%s</p>"
	              "<p><img src=\"data:image/gif;base64,R0lGOD\" "
	              "data-src=\"https://example.org/big.jpg\" alt=\"A lazy "
	              "image\"></p><p>%s</p></div></body></html>",
	        "A paragraph of the article that is long enough to be scored, "
	        "with commas, as real ones have,",
	        "Another paragraph of the article that is long enough to be "
	        "scored, with commas, many, as real ones have.",
	        "A last paragraph of the article, long enough to count, with "
	        "commas, and a full stop at the end of it.");
	r = extract_str(html);
	assert_non_null(strstr(r->html, "<a href=\"/x\">a link</a>"));
	assert_non_null(strstr(r->html, "&lt;for&gt; &amp; more."));
	assert_null(strstr(r->html, "onclick"));
	assert_null(strstr(r->html, "class="));
	assert_null(strstr(r->html, "style="));
	assert_null(strstr(r->html, "target="));
	assert_null(strstr(r->html, "Advertisement"));
	assert_non_null(strstr(r->html,
	    "<img src=\"https://example.org/big.jpg\" alt=\"A lazy image\">"));
	extract_result_free(r);
	free(html);
}

static void
retries_with_looser_rules_when_the_text_is_short(void **state)
{
	struct extract_result *r;
	char *html;

	(void)state;
	/* The only text sits in a "sidebar": strict rules drop it. */
	html = xasprintf("<html><body><div class=\"sidebar\"><p>%s</p><p>%s"
	                 "</p><p>%s</p><p>%s</p></div></body></html>",
	    "This page keeps its whole story inside a box that is named like "
	    "a sidebar, which the first pass throws away at once.",
	    "The second pass keeps such boxes, and finds the paragraphs, so "
	    "that the reader still gets the text of the story.",
	    "Readability does the same: when the result is shorter than five "
	    "hundred characters, it tries again with looser rules.",
	    "And it keeps the longest of its attempts, whatever happens, so "
	    "that something is always shown to the reader.");
	r = extract_str(html);
	assert_non_null(strstr(r->html, "whole story inside a box"));
	assert_non_null(strstr(r->html, "something is always shown"));
	assert_true(r->text_len > 400);
	extract_result_free(r);
	free(html);
}

static void
decodes_the_page_encoding(void **state)
{
	struct extract_result *r;
	char *html;

	(void)state;
	/* Valid UTF-8 stays UTF-8 even when the page claims gb2312. */
	html = page_titled("A page title that is long enough",
	    "<meta charset=\"gb2312\"><p>Persian \xd8\xb3\xd9\x84\xd8\xa7"
	    "\xd9\x85 and Chinese \xe4\xb8\xad\xe6\x96\x87 text in a "
	    "paragraph, long enough, with commas, to be kept.</p>");
	r = extract_str(html);
	assert_non_null(strstr(r->html, "\xd8\xb3\xd9\x84\xd8\xa7\xd9\x85"));
	assert_non_null(strstr(r->html, "\xe4\xb8\xad\xe6\x96\x87"));
	extract_result_free(r);
	free(html);

	/* Latin-1 as declared. */
	html = page_titled("A page title that is long enough",
	    "<meta http-equiv=\"Content-Type\" content=\"text/html; "
	    "charset=iso-8859-1\"><p>Caf\xe9 cr\xe8me in a paragraph, long "
	    "enough, with commas, many of them, to be kept.</p>");
	r = extract_str(html);
	assert_non_null(strstr(r->html, "Caf\xc3\xa9 cr\xc3\xa8me"));
	extract_result_free(r);
	free(html);

	/* Undeclared and not UTF-8: Windows-1252, as browsers guess. */
	html = page_titled("A page title that is long enough",
	    "<p>\x93Quoted\x94 \x96 in a paragraph, long enough, with "
	    "commas, many of them, to be kept by the reader.</p>");
	r = extract_str(html);
	assert_non_null(
	    strstr(r->html, "\xe2\x80\x9cQuoted\xe2\x80\x9d \xe2\x80\x93"));
	extract_result_free(r);
	free(html);
}

static void
survives_100000_nested_divs_quickly(void **state)
{
	struct extract_result *r = NULL;
	char *cause = NULL;
	struct buf b;
	clock_t t0;
	int i;

	(void)state;
	buf_init(&b, BUF_NOLIMIT);
	buf_addstr(&b, "<html><body><p>Before the nesting.</p>");
	for (i = 0; i < 100000; i++)
		buf_addstr(&b, "<div>");
	buf_addstr(&b, "deep text");
	for (i = 0; i < 100000; i++)
		buf_addstr(&b, "</div>");
	buf_addstr(&b, "<p>After the nesting.</p></body></html>");
	t0 = clock();
	assert_int_equal(extract_article(b.data, b.len, NULL, &r, &cause), 0);
	assert_true((double)(clock() - t0) / CLOCKS_PER_SEC < 2.0);
	assert_non_null(strstr(r->html, "Before the nesting."));
	extract_result_free(r);
	buf_clear(&b);
}

static void
refuses_what_is_not_a_page(void **state)
{
	struct extract_result *r = NULL;
	struct extract_opts o;
	char *cause = NULL;
	const char *page = "<html><body><p>Some text.</p></body></html>";

	(void)state;
	assert_int_equal(extract_article("", 0, NULL, &r, &cause), -1);
	assert_non_null(cause);
	assert_null(r);
	free(cause);
	cause = NULL;
	assert_int_equal(extract_article("<html><body></body></html>", 26, NULL,
	                     &r, &cause),
	    -1);
	assert_string_equal(cause, "no article text found");
	free(cause);
	cause = NULL;
	memset(&o, 0, sizeof(o));
	o.max_size = 10;
	assert_int_equal(extract_article(page, strlen(page), &o, &r, &cause),
	    -1);
	assert_non_null(strstr(cause, "too large"));
	free(cause);
	extract_result_free(NULL);
}

static void
tells_excerpts_from_full_bodies(void **state)
{
	static const char footer[] =
	    "<p>The post <a href=\"https://ifpnews.com/x/\">X</a> appeared "
	    "first on <a href=\"https://ifpnews.com\">IFP News</a>.</p>";
	char *h;

	(void)state;
	/* Nothing at all, or one short summary. */
	assert_true(extract_is_excerpt(NULL, NULL));
	assert_true(extract_is_excerpt(NULL, "A one-line summary."));
	/* WordPress's cut, before its footer. */
	h = xasprintf("Lawmakers approved the outlines of the bill [&#8230;]"
	              "</p>\n%s",
	    footer);
	assert_true(extract_is_excerpt(h, NULL));
	free(h);
	assert_true(extract_is_excerpt("<p>Some text of a post.</p><p><a "
	                               "href=\"/x\">Read more \xc2\xbb</a>"
	                               "</p>",
	    NULL));
	assert_true(extract_is_excerpt("<p>Text</p><p>More text, "
	                               "then</p><p>Continue reading "
	                               "\xe2\x86\x92</p>",
	    NULL));
	/* A short post with paragraphs is complete. */
	h = xasprintf("<p>The military carried out a strike.</p><p>The "
	              "systems posed a threat.</p><p>No further details were "
	              "given.</p>%s",
	    footer);
	assert_false(extract_is_excerpt(h, NULL));
	free(h);
	/*
	 * A bare ellipsis ends a one-block excerpt, but a post of several
	 * paragraphs may trail off on one (bench/gen-feed.py's articles).
	 */
	assert_true(extract_is_excerpt("<p>Officials met in Tehran and "
	                               "discussed the budget\xe2\x80\xa6</p>",
	    NULL));
	assert_false(extract_is_excerpt("<p>Officials met in Tehran.</p><p>"
	                                "They discussed the budget, the "
	                                "analysts\xe2\x80\xa6</p>",
	    NULL));
	/* "more" must be a word: Baltimore is not a teaser. */
	assert_false(extract_is_excerpt(
	    "<p>The ship left.</p><p>It sailed for Baltimore</p>", NULL));
}

static void
knows_the_wordpress_footer_line(void **state)
{
	static const char *const yes[] = {
	    "The post X appeared first on IFP News.",
	    "The post T[1] appeared first on IFP News[2].",
	};
	static const char *const no[] = {
	    "The post office appeared first on the map, then moved",
	    "Then the post X appeared first on IFP News.",
	    "The post X\nappeared first on IFP News.",
	    "The post X was shown first on IFP News.",
	};
	char *big;
	size_t i;

	(void)state;
	for (i = 0; i < NITEMS(yes); i++)
		assert_true(extract_is_wp_footer(yes[i], strlen(yes[i])));
	for (i = 0; i < NITEMS(no); i++)
		assert_false(extract_is_wp_footer(no[i], strlen(no[i])));
	/* A paragraph that happens to say so is no footer. */
	big = xasprintf("The post %0400d appeared first on IFP News.", 0);
	assert_false(extract_is_wp_footer(big, strlen(big)));
	free(big);
}

static void
round_trips_a_result_through_the_cache_format(void **state)
{
	struct extract_result *r, *back = NULL;
	struct buf b;
	char *html, *cause = NULL;

	(void)state;
	html = slurp("ifp-article.html", NULL);
	r = extract_str(html);
	buf_init(&b, BUF_NOLIMIT);
	extract_result_encode(r, &b);
	assert_int_equal(extract_result_decode(b.data, b.len, &back, &cause),
	    0);
	assert_string_equal(back->html, r->html);
	assert_string_equal(back->title, r->title);
	assert_string_equal(back->byline, r->byline);
	assert_string_equal(back->published, r->published);
	assert_string_equal(back->base, r->base);
	assert_string_equal(back->canonical, r->canonical);
	assert_int_equal(back->text_len, r->text_len);
	extract_result_free(back);
	/* Cut short, or another version: refused, never half-read. */
	assert_int_equal(extract_result_decode(b.data, b.len - 1, &back,
	                     &cause),
	    -1);
	free(cause);
	cause = NULL;
	b.data[0] = 9;
	assert_int_equal(extract_result_decode(b.data, b.len, &back, &cause),
	    -1);
	free(cause);
	buf_clear(&b);
	extract_result_free(r);
	free(html);
}

static void
resolves_the_base_of_links(void **state)
{
	struct extract_result *r = NULL;
	struct extract_opts o;
	char *html, *cause = NULL;

	(void)state;
	html = page_titled("A page title that is long enough",
	    "<base href=\"../static/\"><link rel=\"canonical\" "
	    "href=\"/news/story/\">");
	memset(&o, 0, sizeof(o));
	o.url = "https://example.org/a/b/page.html";
	assert_int_equal(extract_article(html, strlen(html), &o, &r, &cause),
	    0);
	assert_string_equal(r->base, "https://example.org/a/static/");
	assert_string_equal(r->canonical, "https://example.org/news/story/");
	extract_result_free(r);
	free(html);
	/* A saved page: its canonical URL stands in for the missing one. */
	html = slurp("ifp-article.html", NULL);
	r = extract_str(html);
	assert_string_equal(r->base,
	    "https://ifpnews.com/iran-russia-fms-syria-fighting-terrorists/");
	extract_result_free(r);
	free(html);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(extracts_the_ifp_seed_article_word_for_word),
	    cmocka_unit_test(extracts_a_wordpress_default_theme_post),
	    cmocka_unit_test(joins_a_body_split_over_nested_divs),
	    cmocka_unit_test(prefers_the_post_to_a_longer_discussion_below_it),
	    cmocka_unit_test(ignores_a_big_sidebar_of_links),
	    cmocka_unit_test(reads_an_amp_page),
	    cmocka_unit_test(reads_an_html5_news_page_with_figures_and_lists),
	    cmocka_unit_test(reads_the_ifp_metadata),
	    cmocka_unit_test(reads_json_ld_authors_and_publisher),
	    cmocka_unit_test(
	        takes_byline_and_date_from_markup_without_metadata),
	    cmocka_unit_test(cuts_the_site_name_off_the_title),
	    cmocka_unit_test(decodes_metadata_escaped_twice),
	    cmocka_unit_test(
	        reads_json_ld_in_a_graph_or_cdata_and_survives_bad_json),
	    cmocka_unit_test(drops_hidden_nodes_ads_and_foreign_attributes),
	    cmocka_unit_test(retries_with_looser_rules_when_the_text_is_short),
	    cmocka_unit_test(decodes_the_page_encoding),
	    cmocka_unit_test(survives_100000_nested_divs_quickly),
	    cmocka_unit_test(refuses_what_is_not_a_page),
	    cmocka_unit_test(tells_excerpts_from_full_bodies),
	    cmocka_unit_test(knows_the_wordpress_footer_line),
	    cmocka_unit_test(round_trips_a_result_through_the_cache_format),
	    cmocka_unit_test(resolves_the_base_of_links),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
