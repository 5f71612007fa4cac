/*
 * test_article -- the article around its body: header, footer, links.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <ftw.h>
#include <sys/stat.h>

#include "article.h"
#include "buf.h"
#include "date.h"
#include "html.h"
#include "util.h"
#include "wrap.h"

#include "render_test.h"

static char *
render(const struct article_meta *m, const char *html, size_t width)
{
	struct html_doc *body = NULL, *doc;
	struct wrap_doc *w;
	struct buf b;
	char *cause;

	if (html != NULL)
		assert_int_equal(html_render(html, strlen(html),
		                     "https://ifpnews.com/", &body, &cause),
		    0);
	doc = article_render(m, body);
	html_free(body);
	w = wrap_lines(doc, width);
	buf_init(&b, BUF_NOLIMIT);
	assert_int_equal(wrap_write(w, &b), 0);
	wrap_free(w);
	html_free(doc);
	return buf_detach(&b, NULL);
}

static void
prints_title_byline_link_body_and_links(void **state)
{
	static char c1[] = "IFP Exclusive", c2[] = "Foreign Policy";
	static char *cats[] = {c1, c2};
	struct article_meta m = {
	    .title = "Iran, Russia FMs voice support",
	    .author = "IFP Editorial Staff",
	    .published = 1732967307, /* 2024-11-30T11:48:27Z */
	    .categories = cats,
	    .ncategories = 2,
	    .link = "https://ifpnews.com/iran-russia/",
	};
	char *got;

	(void)state;
	got = render(&m,
	    "<p>Body <a href=\"/a\">one</a>.</p><p>Two "
	    "<a href=\"https://e.com/\">b</a>.</p>",
	    80);
	assert_string_equal(got,
	    "Iran, Russia FMs voice support\n"
	    "IFP Editorial Staff \u00b7 Nov 30, 2024 11:48 UTC \u00b7 "
	    "IFP Exclusive, Foreign Policy\n"
	    "https://ifpnews.com/iran-russia/\n"
	    "\n"
	    "Body one[1].\n"
	    "\n"
	    "Two b[2].\n"
	    "\n"
	    "Links:\n"
	    "[1] https://ifpnews.com/a\n"
	    "[2] https://e.com/\n");
	free(got);
}

static void
leaves_out_what_is_unknown(void **state)
{
	struct article_meta m;
	char *got;

	(void)state;
	memset(&m, 0, sizeof(m));
	m.published = DATE_NONE;
	got = render(&m, "<p>Text.</p>", 80);
	assert_string_equal(got, "(untitled)\n\nText.\n");
	free(got);
	m.title = "  \t ";
	m.author = "A\x1b[31m B";
	got = render(&m, NULL, 80);
	assert_string_equal(got, "(untitled)\nA\uFFFD[31m B\n");
	free(got);
}

static void
drops_the_wordpress_footer_and_its_links(void **state)
{
	struct article_meta m;
	char *got;

	(void)state;
	memset(&m, 0, sizeof(m));
	m.title = "T";
	m.published = DATE_NONE;
	got = render(&m,
	    "<p>Read <a href=\"https://ifpnews.com/t/\">T</a>.</p>\n"
	    "<p>The post <a rel=\"nofollow\" href=\"https://ifpnews.com/t/\">"
	    "T</a> appeared first on <a rel=\"nofollow\" "
	    "href=\"https://ifpnews.com\">IFP News</a>.</p>\n",
	    80);
	assert_string_equal(got,
	    "T\n\nRead T[1].\n\nLinks:\n[1] https://ifpnews.com/t/\n");
	free(got);
	/* A body that is only the footer keeps it. */
	got = render(&m,
	    "<p>The post <a href=\"https://ifpnews.com/t/\">T</a> appeared "
	    "first on IFP News.</p>",
	    80);
	assert_string_equal(got,
	    "T\n\nThe post T[1] appeared first on IFP News.\n\nLinks:\n"
	    "[1] https://ifpnews.com/t/\n");
	free(got);
}

static void
aligns_link_numbers_and_hangs_long_urls(void **state)
{
	struct article_meta m;
	struct buf html;
	char *got, *p;
	int i;

	(void)state;
	memset(&m, 0, sizeof(m));
	m.title = "T";
	m.published = DATE_NONE;
	buf_init(&html, BUF_NOLIMIT);
	buf_addstr(&html, "<p>");
	for (i = 1; i <= 10; i++)
		buf_printf(&html, "<a href=\"/%d/a-long-path-name\">%d</a> ", i,
		    i);
	buf_addstr(&html, "</p>");
	got = render(&m, html.data, 30);
	p = strstr(got, "Links:\n");
	assert_non_null(p);
	assert_string_equal(p,
	    "Links:\n"
	    " [1] https://ifpnews.com/1/a-\n"
	    "     long-path-name\n"
	    " [2] https://ifpnews.com/2/a-\n"
	    "     long-path-name\n"
	    " [3] https://ifpnews.com/3/a-\n"
	    "     long-path-name\n"
	    " [4] https://ifpnews.com/4/a-\n"
	    "     long-path-name\n"
	    " [5] https://ifpnews.com/5/a-\n"
	    "     long-path-name\n"
	    " [6] https://ifpnews.com/6/a-\n"
	    "     long-path-name\n"
	    " [7] https://ifpnews.com/7/a-\n"
	    "     long-path-name\n"
	    " [8] https://ifpnews.com/8/a-\n"
	    "     long-path-name\n"
	    " [9] https://ifpnews.com/9/a-\n"
	    "     long-path-name\n"
	    "[10] https://ifpnews.com/10/a-\n"
	    "     long-path-name\n");
	free(got);
	buf_clear(&html);
}

static void
fills_meta_from_a_feed_item(void **state)
{
	static char c1[] = "Politics", t[] = "t", a[] = "a",
	            link[] = "https://e.com/p/", html[] = "<p>x</p>",
	            base0[] = "https://e.com/";
	static char *cats[] = {c1};
	struct feed_item it;
	struct article_meta m;
	const char *base;

	(void)state;
	memset(&it, 0, sizeof(it));
	it.title = t;
	it.author = a;
	it.published = DATE_NONE;
	it.updated = 100;
	it.categories = cats;
	it.ncategories = 1;
	it.link = link;
	it.content_html = html;
	article_meta_from_item(&m, &it);
	assert_string_equal(m.title, "t");
	assert_int_equal(m.published, 100);
	assert_int_equal(m.ncategories, 1);
	assert_string_equal(article_item_html(&it, &base), "<p>x</p>");
	assert_string_equal(base, "https://e.com/p/");
	it.base = base0;
	article_item_html(&it, &base);
	assert_string_equal(base, "https://e.com/");
}

static void
falls_back_to_the_summary_without_html(void **state)
{
	static char t[] = "Budget",
	            sum[] = "Lawmakers approved\nthe bill [\u2026]",
	            html[] = "<p>Full <b>text</b>.</p>";
	struct feed_item it;
	struct html_doc *doc;
	struct wrap_doc *w;
	struct buf b;

	(void)state;
	memset(&it, 0, sizeof(it));
	it.title = t;
	it.published = it.updated = DATE_NONE;
	it.summary = sum;
	doc = article_render_item(&it);
	w = wrap_lines(doc, 80);
	buf_init(&b, BUF_NOLIMIT);
	wrap_write(w, &b);
	assert_string_equal(buf_str(&b),
	    "Budget\n\nLawmakers approved the bill [\u2026]\n");
	buf_clear(&b);
	wrap_free(w);
	html_free(doc);
	it.content_html = html;
	doc = article_render_item(&it);
	w = wrap_lines(doc, 80);
	buf_init(&b, BUF_NOLIMIT);
	wrap_write(w, &b);
	assert_string_equal(buf_str(&b), "Budget\n\nFull text.\n");
	buf_clear(&b);
	wrap_free(w);
	html_free(doc);
}

/* Every post of ifp-feed.xml in --list order, as its feed parses. */
static struct feed *
fixture_feed(size_t **order)
{
	const char *dir = getenv("TESTS_DATA");
	char *path =
	    xasprintf("%s/ifp-feed.xml", dir != NULL ? dir : "tests/data");
	struct feed_parse_opts po;
	struct feed *feed;
	char *xml, *cause = NULL;
	size_t len;

	xml = slurp(path, &len);
	memset(&po, 0, sizeof(po));
	po.url = path;
	if (feed_parse(xml, len, &po, &feed, &cause) == -1)
		fail_msg("%s: %s", path, cause);
	*order = xcalloc(feed->nitems, sizeof(**order));
	feed_sort_newest(feed, *order);
	free(xml);
	free(path);
	return feed;
}

static char *
article_text(const struct feed_item *it, size_t width)
{
	struct html_doc *doc = article_render_item(it);
	struct wrap_doc *w = wrap_lines(doc, width);
	struct buf b;

	check_lines(w);
	buf_init(&b, BUF_NOLIMIT);
	wrap_write(w, &b);
	wrap_free(w);
	html_free(doc);
	return buf_detach(&b, NULL);
}

/*
 * The fixture articles at widths 40, 80 and 120 against the expected
 * text beside them (html/ifp-feed.N.wW.txt, read line by line).
 */
static void
renders_the_fixture_articles_like_their_golden_text(void **state)
{
	static const size_t widths[] = {40, 80, 120};
	struct feed *feed;
	size_t *order, i, j;

	(void)state;
	feed = fixture_feed(&order);
	assert_int_equal(feed->nitems, 12);
	for (i = 0; i < feed->nitems; i++)
		for (j = 0; j < NITEMS(widths); j++) {
			char name[48], *path, *want, *got;

			snprintf(name, sizeof(name), "ifp-feed.%zu.w%zu.txt",
			    i + 1, widths[j]);
			path = data_path(name);
			want = slurp(path, NULL);
			got = article_text(&feed->items[order[i]], widths[j]);
			if (strcmp(got, want) != 0)
				fail_msg("%s differs; got:\n%s", name, got);
			free(got);
			free(want);
			free(path);
		}
	free(order);
	feed_free(feed);
}

/* Paragraphs of text: lines joined, spaces collapsed. */
static char *
paragraphs(const char *s)
{
	struct buf b;
	const char *p;
	bool space = false;

	buf_init(&b, BUF_NOLIMIT);
	for (p = s; *p != '\0'; p++) {
		if (*p == '\n' && p[1] == '\n') {
			while (p[1] == '\n')
				p++;
			buf_addch(&b, '\n');
			space = false;
		} else if (*p == ' ' || *p == '\n') {
			space = b.len > 0 && b.data[b.len - 1] != '\n';
		} else {
			if (space)
				buf_addch(&b, ' ');
			space = false;
			buf_addch(&b, *p);
		}
	}
	return buf_detach(&b, NULL);
}

/*
 * The seed post, "Iran, Russia FMs voice support for Syria in fighting
 * terrorists": title, byline, link, then the body, paragraph for
 * paragraph and word for word ifp-article.expected.txt, at every width.
 */
static void
renders_the_seed_post_word_for_word(void **state)
{
	static const size_t widths[] = {40, 80, 120};
	const char *dir = getenv("TESTS_DATA");
	char *path = xasprintf("%s/ifp-article.expected.txt",
	    dir != NULL ? dir : "tests/data");
	char *expected = slurp(path, NULL), *want;
	struct feed *feed;
	size_t *order, j;

	(void)state;
	want = paragraphs(expected);
	feed = fixture_feed(&order);
	for (j = 0; j < NITEMS(widths); j++) {
		char *got = article_text(&feed->items[order[3]], widths[j]);
		char *body = strstr(got, "\n\n"), *para;

		assert_non_null(body);
		*body = '\0';
		assert_non_null(strstr(got, "Iran, Russia FMs voice support"));
		assert_non_null(strstr(got, "IFP Editorial Staff"));
		assert_non_null(strstr(got, "Nov 30, 2024"));
		assert_non_null(
		    strstr(got, "https://ifpnews.com/iran-russia-fms-"));
		assert_null(strstr(body + 2, "Links:"));
		para = paragraphs(body + 2);
		assert_string_equal(para, want);
		free(para);
		free(got);
	}
	free(order);
	feed_free(feed);
	free(want);
	free(expected);
	free(path);
}

static int
rm_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

/* The widest line of a text, in display columns. */
static size_t
max_line_width(const char *s)
{
	size_t max = 0;

	while (*s != '\0') {
		size_t n = strcspn(s, "\n"), w = utf8_width(s, n);

		if (w > max)
			max = w;
		s += n + (s[n] == '\n');
	}
	return max;
}

/*
 * The real binary ($IFPNEWS, set by tests/run.sh): --article N prints
 * the same goldens, with a private cache and state, offline (item 10,
 * an excerpt, then reports that its page is not in the cache, prints the
 * excerpt and exits 1); without --width, on a pipe, it wraps at 80, or at
 * the config's max-width when that is less; there is no post 13.
 */
static void
prints_the_goldens_from_the_command_line(void **state)
{
	static const char *const widths[] = {"40", "80", "120"};
	const char *exe = getenv("IFPNEWS");
	const char *dir = getenv("TESTS_DATA");
	char tmpl[] = "/tmp/ifpnews-test-article-XXXXXX", *tmp, *feed;
	char *env[4], *out, num[16], name[48], *path, *want;
	int status, i;
	size_t j;

	(void)state;
	if (exe == NULL)
		skip(); /* run by hand, outside tests/run.sh */
	tmp = mkdtemp(tmpl);
	assert_non_null(tmp);
	env[0] = xasprintf("XDG_CACHE_HOME=%s/cache", tmp);
	env[1] = xasprintf("XDG_STATE_HOME=%s/state", tmp);
	env[2] = xasprintf("XDG_CONFIG_HOME=%s/config", tmp);
	env[3] = NULL;
	feed = xasprintf("%s/ifp-feed.xml", dir != NULL ? dir : "tests/data");
	for (i = 1; i <= 12; i++)
		for (j = 0; j < NITEMS(widths); j++) {
			const char *argv[] = {exe, "--offline", "--article",
			    num, "--width", widths[j], feed, NULL};

			snprintf(num, sizeof(num), "%d", i);
			snprintf(name, sizeof(name), "ifp-feed.%d.w%s.txt", i,
			    widths[j]);
			out = run_capture_env(argv, (const char *const *)env,
			    &status);
			assert_int_equal(status, i == 10 ? 1 : 0);
			path = data_path(name);
			want = slurp(path, NULL);
			if (strcmp(out, want) != 0)
				fail_msg("%s: the binary differs:\n%s", name,
				    out);
			free(want);
			free(path);
			free(out);
		}
	{
		const char *argv[] = {exe, "--article", "4", feed, NULL};

		out = run_capture_env(argv, (const char *const *)env, &status);
		assert_int_equal(status, 0);
		path = data_path("ifp-feed.4.w80.txt");
		want = slurp(path, NULL);
		assert_string_equal(out, want);
		free(want);
		free(path);
		free(out);
	}
	{
		const char *argv[] = {exe, "--article", "13", feed, NULL};

		out = run_capture_env(argv, (const char *const *)env, &status);
		assert_int_equal(status, 1);
		assert_string_equal(out, "");
		free(out);
	}
	{
		/* The config's max-width caps the default width, not --width.
		 */
		const char *argv[] = {exe, "--article", "4", feed, NULL};
		const char *wide[] = {exe, "--article", "4", "--width", "120",
		    feed, NULL};
		char *cdir = xasprintf("%s/config/ifpnews", tmp);
		char *cfile = xasprintf("%s/config", cdir);
		char *top = xasprintf("%s/config", tmp);
		FILE *f;

		assert_int_equal(mkdir(top, 0700), 0);
		assert_int_equal(mkdir(cdir, 0700), 0);
		f = fopen(cfile, "w");
		assert_non_null(f);
		fputs("max-width 60\n", f);
		assert_int_equal(fclose(f), 0);
		out = run_capture_env(argv, (const char *const *)env, &status);
		assert_int_equal(status, 0);
		assert_true(max_line_width(out) <= 60);
		assert_true(max_line_width(out) > 50);
		free(out);
		out = run_capture_env(wide, (const char *const *)env, &status);
		path = data_path("ifp-feed.4.w120.txt");
		want = slurp(path, NULL);
		assert_string_equal(out, want);
		free(want);
		free(path);
		free(out);
		free(cfile);
		free(cdir);
		free(top);
	}
	for (i = 0; i < 3; i++)
		free(env[i]);
	free(feed);
	assert_int_equal(nftw(tmp, rm_entry, 16, FTW_DEPTH | FTW_PHYS), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(prints_title_byline_link_body_and_links),
	    cmocka_unit_test(leaves_out_what_is_unknown),
	    cmocka_unit_test(drops_the_wordpress_footer_and_its_links),
	    cmocka_unit_test(aligns_link_numbers_and_hangs_long_urls),
	    cmocka_unit_test(fills_meta_from_a_feed_item),
	    cmocka_unit_test(falls_back_to_the_summary_without_html),
	    cmocka_unit_test(
	        renders_the_fixture_articles_like_their_golden_text),
	    cmocka_unit_test(renders_the_seed_post_word_for_word),
	    cmocka_unit_test(prints_the_goldens_from_the_command_line),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
