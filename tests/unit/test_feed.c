/*
 * test_feed -- the feed parser on the fixtures (tests/data/feeds/, copied
 * from the shared fixtures; see their README for the expectations), on
 * hostile input, encodings, entities, priorities, xml:base, and the
 * model's ordering and merging.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "buf.h"
#include "date.h"
#include "feed.h"
#include "feed_int.h"
#include "utf8.h"
#include "util.h"

static char *
read_data(const char *name, size_t *len)
{
	const char *dir = getenv("TESTS_DATA");
	char path[4096];
	struct buf b;
	char block[65536];
	size_t n;
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir != NULL ? dir : "tests/data",
	    name);
	f = fopen(path, "rb");
	if (f == NULL)
		fail_msg("cannot open %s", path);
	buf_init(&b, BUF_NOLIMIT);
	while ((n = fread(block, 1, sizeof(block), f)) > 0)
		buf_add(&b, block, n);
	fclose(f);
	return buf_detach(&b, len);
}

/* Parse s (len bytes) with url and flags; fails the test on an error. */
static struct feed *
parse_mem(const char *s, size_t len, const char *url, unsigned flags)
{
	struct feed_parse_opts o;
	struct feed *f = NULL;
	char *cause = NULL;

	memset(&o, 0, sizeof(o));
	o.url = url;
	o.flags = flags;
	if (feed_parse(s, len, &o, &f, &cause) == -1)
		fail_msg("parse failed: %s", cause);
	return f;
}

static struct feed *
parse_str(const char *s)
{
	return parse_mem(s, strlen(s), "https://example.test/feed/", 0);
}

static struct feed *
parse_file(const char *name, unsigned flags)
{
	size_t len;
	char *s = read_data(name, &len);
	struct feed *f = parse_mem(s, len, "https://ifpnews.com/feed/", flags);

	free(s);
	return f;
}

/* The error of a parse that must fail. */
static char *
parse_error(const char *s, size_t len)
{
	struct feed_parse_opts o;
	struct feed *f = NULL;
	char *cause = NULL;

	memset(&o, 0, sizeof(o));
	if (feed_parse(s, len, &o, &f, &cause) == 0) {
		feed_free(f);
		fail_msg("parse did not fail");
	}
	return cause;
}

static void
rfc3339(time_t t, char *out)
{
	if (t == DATE_NONE)
		strcpy(out, "");
	else
		date_rfc3339(t, out);
}

/* Every item of ifp-feed.xml as ifp-feed.expected-list.txt has it. */
static void
ifp_feed_matches_the_expected_list(void **state)
{
	struct feed *f = parse_file("feeds/ifp-feed.xml", 0);
	size_t len, i = 0, order[64];
	char *exp = read_data("feeds/ifp-feed.expected-list.txt", &len);
	char *line, *save = NULL;

	(void)state;
	assert_int_equal(f->kind, FEED_KIND_RSS);
	assert_null(f->damage);
	assert_string_equal(f->title, "IFP News");
	assert_string_equal(f->link, "https://ifpnews.com");
	assert_int_equal(f->nitems, 12);
	feed_sort_newest(f, order);
	for (line = strtok_r(exp, "\n", &save); line != NULL;
	     line = strtok_r(NULL, "\n", &save), i++) {
		char *col[6], *p = line, when[DATE_RFC3339_LEN];
		const struct feed_item *it = &f->items[order[i]];
		int k;

		for (k = 0; k < 6; k++)
			col[k] = strsep(&p, "\t");
		assert_int_equal(order[i], i); /* the feed is newest first */
		rfc3339(it->published, when);
		assert_string_equal(when, col[1]);
		assert_string_equal(it->title, col[3]);
		assert_string_equal(it->link, col[4]);
		assert_string_equal(it->author, col[5]);
		assert_non_null(it->id);
		assert_non_null(it->content_html);
		assert_non_null(it->summary);
		assert_true(utf8_valid(it->summary, strlen(it->summary)));
	}
	assert_int_equal(i, 12);
	/* Item 4: the seed article, two categories. */
	assert_int_equal(f->items[3].ncategories, 2);
	assert_string_equal(f->items[3].categories[0], "IFP Exclusive");
	assert_string_equal(f->items[3].categories[1], "Foreign Policy");
	assert_string_equal(f->items[3].id, "https://ifpnews.com/?p=1258907");
	/* Item 8: a raw '&' in CDATA. */
	assert_int_equal(f->items[7].ncategories, 2);
	assert_string_equal(f->items[7].categories[0], "Economy & Trade");
	/* Item 10 has no content:encoded: its description is the body. */
	assert_non_null(strstr(f->items[9].content_html, "appeared first"));
	assert_null(strstr(f->items[9].summary, "<"));
	/* content:encoded wins over description, whichever comes first. */
	assert_non_null(strstr(f->items[3].content_html, "Astana Process"));
	assert_string_equal(f->items[3].comments,
	    "https://ifpnews.com/iran-russia-fms-syria-fighting-terrorists/"
	    "#respond");
	free(exp);
	feed_free(f);
}

static void
no_content_flag_leaves_out_bodies(void **state)
{
	struct feed *f =
	    parse_file("feeds/ifp-feed.xml", FEED_PARSE_NO_CONTENT);

	(void)state;
	assert_int_equal(f->nitems, 12);
	assert_null(f->items[0].content_html);
	assert_non_null(f->items[0].summary);
	assert_string_equal(f->items[0].title,
	    "NATO head wants less talk of peace process in Ukraine, more "
	    "military equipment");
	feed_free(f);
	f = parse_file("feeds/ifp-feed.xml",
	    FEED_PARSE_NO_CONTENT | FEED_PARSE_NO_SUMMARY);
	assert_null(f->items[0].summary);
	assert_non_null(f->items[0].link);
	feed_free(f);
}

/* The push interface gives the same feed whatever the piece size. */
static void
pieces_of_any_size_give_the_same_feed(void **state)
{
	static const char *const files[] = {"feeds/ifp-feed.xml",
	    "feeds/latin1-feed.xml", "feeds/cp1252-as-latin1-feed.xml",
	    "feeds/atom-feed.xml", "feeds/hostile/invalid-utf8.xml"};
	static const size_t sizes[] = {1, 2, 3, 7, 100, 4097};
	size_t i, j, k, len;

	(void)state;
	for (i = 0; i < NITEMS(files); i++) {
		char *s = read_data(files[i], &len);
		struct feed *whole = parse_mem(s, len, NULL, 0);

		for (j = 0; j < NITEMS(sizes); j++) {
			struct feed_parser *p = feed_parser_new(NULL);
			struct feed *f = NULL;
			char *cause = NULL;
			size_t off;

			for (off = 0; off < len; off += sizes[j])
				feed_parser_push(p, s + off,
				    len - off < sizes[j] ? len - off
				                         : sizes[j]);
			assert_int_equal(feed_parser_finish(p, &f, &cause), 0);
			feed_parser_free(p);
			assert_int_equal(f->nitems, whole->nitems);
			for (k = 0; k < f->nitems; k++) {
				assert_string_equal(f->items[k].title,
				    whole->items[k].title);
				if (whole->items[k].content_html != NULL)
					assert_string_equal(f->items[k]
					                        .content_html,
					    whole->items[k].content_html);
			}
			assert_string_equal(f->title, whole->title);
			feed_free(f);
		}
		feed_free(whole);
		free(s);
	}
}

static void
assert_same_or_null(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		assert_true(a == b);
	else
		assert_string_equal(a, b);
}

/*
 * Without bodies the fixer leaves the CDATA of content:encoded out before
 * libxml2: the rest of every post is the same, at any piece size (the
 * section may end in any piece).
 */
static void
without_bodies_the_rest_is_the_same_at_any_piece_size(void **state)
{
	static const size_t sizes[] = {1, 2, 5, 9, 100, 4097};
	size_t j, k, c, len;
	char *s = read_data("feeds/ifp-feed.xml", &len);
	struct feed *whole = parse_mem(s, len, NULL, 0);

	(void)state;
	for (j = 0; j < NITEMS(sizes); j++) {
		struct feed_parse_opts o;
		struct feed_parser *p;
		struct feed *f = NULL;
		char *cause = NULL;
		size_t off;

		memset(&o, 0, sizeof(o));
		o.flags = FEED_PARSE_NO_CONTENT;
		p = feed_parser_new(&o);
		for (off = 0; off < len; off += sizes[j])
			feed_parser_push(p, s + off,
			    len - off < sizes[j] ? len - off : sizes[j]);
		assert_int_equal(feed_parser_finish(p, &f, &cause), 0);
		feed_parser_free(p);
		assert_null(f->damage);
		assert_int_equal(f->nitems, whole->nitems);
		for (k = 0; k < f->nitems; k++) {
			const struct feed_item *x = &whole->items[k];
			const struct feed_item *y = &f->items[k];

			assert_null(y->content_html);
			assert_same_or_null(y->title, x->title);
			assert_same_or_null(y->id, x->id);
			assert_same_or_null(y->link, x->link);
			assert_same_or_null(y->author, x->author);
			assert_same_or_null(y->summary, x->summary);
			assert_same_or_null(y->comments, x->comments);
			assert_true(y->published == x->published);
			assert_int_equal(y->ncategories, x->ncategories);
			for (c = 0; c < x->ncategories; c++)
				assert_string_equal(y->categories[c],
				    x->categories[c]);
		}
		feed_free(f);
	}
	feed_free(whole);
	free(s);
}

/* A body left out keeps its lines: damage after it names the same line. */
static void
without_bodies_damage_names_the_same_line(void **state)
{
	static const char doc[] =
	    "<?xml version=\"1.0\"?>\n<rss version=\"2.0\" "
	    "xmlns:content=\"http://purl.org/rss/1.0/modules/content/\">\n"
	    "<channel><title>T</title>\n<item><title>One</title>\n"
	    "<content:encoded><![CDATA[<p>a</p>\n<p>b</p>\n\n<p>c]]]]>"
	    "</p>\n]]></content:encoded>\n</item>\n"
	    "<item><title>Two</title><x>\n&bogus;</x></item>\n"
	    "</channel></rss>\n";
	struct feed *a = parse_mem(doc, sizeof(doc) - 1, NULL, 0);
	struct feed *b =
	    parse_mem(doc, sizeof(doc) - 1, NULL, FEED_PARSE_NO_CONTENT);

	(void)state;
	assert_non_null(a->damage);
	assert_non_null(b->damage);
	assert_string_equal(b->damage, a->damage);
	assert_int_equal(b->nitems, 2);
	assert_string_equal(b->items[1].title, "Two");
	assert_non_null(strstr(a->items[0].content_html, "c]]"));
	feed_free(a);
	feed_free(b);
}

static void
atom_feed_as_the_readme_says(void **state)
{
	struct feed *f = parse_file("feeds/atom-feed.xml", 0);
	char when[DATE_RFC3339_LEN];

	(void)state;
	assert_int_equal(f->kind, FEED_KIND_ATOM);
	assert_int_equal(f->nitems, 4);
	assert_string_equal(f->title, "IFP News");
	assert_string_equal(f->link, "https://ifpnews.com/");
	assert_string_equal(f->description,
	    "Latest news & views from Iran and the Middle East");
	assert_string_equal(f->items[0].link,
	    "https://ifpnews.com/"
	    "nato-head-less-talk-peace-process-ukraine-military-equipment/");
	assert_string_equal(f->items[1].link,
	    "https://ifpnews.com/iran-russia-fms-syria-fighting-terrorists/");
	assert_string_equal(f->items[2].link,
	    "https://ifpnews.com/"
	    "iran-military-chief-surge-terrorism-syria-us-israeli-scheme/");
	assert_string_equal(f->items[3].link,
	    "https://ifpnews.com/us-carried-out-air-attack-eastern-syria-"
	    "pentagon/");
	/* The base of each content's links is its own xml:base. */
	assert_string_equal(f->items[0].base,
	    "https://ifpnews.com/"
	    "nato-head-less-talk-peace-process-ukraine-military-equipment/");
	assert_string_equal(f->items[1].base, "https://ifpnews.com/2024/11/");
	assert_string_equal(f->items[2].base,
	    "https://ifpnews.com/category/defense/");
	/* xhtml title: plain text; xhtml content: the div's children. */
	assert_string_equal(f->items[2].title,
	    "Iran’s military chief sees surge of terrorism in Syria as part "
	    "of US-Israeli scheme");
	assert_true(strncmp(f->items[2].content_html, "<p>", 3) == 0);
	/* Links in the content are made absolute against that base. */
	assert_non_null(strstr(f->items[2].content_html,
	    "<a href=\"https://ifpnews.com/category/news/diplomacy/\">"
	    "diplomacy desk</a>"));
	assert_non_null(strstr(f->items[0].content_html,
	    "href=\"https://ifpnews.com/tag/nato/\""));
	assert_non_null(strstr(f->items[2].content_html,
	    "src=\"https://ifpnews.com/wp-content/uploads/2024/11/"
	    "bagheri.jpg\""));
	assert_non_null(
	    strstr(f->items[2].content_html, "<strong>two</strong>"));
	/* Escaped html content decodes to HTML once. */
	assert_non_null(
	    strstr(f->items[1].content_html, "<p>Iranian and Russian"));
	assert_non_null(strstr(f->items[1].content_html, "Syria&#8217;s"));
	/* A text summary: "<b>" is text, so the body escapes it. */
	assert_non_null(
	    strstr(f->items[3].summary, "<b>(text, not markup)</b>"));
	assert_non_null(strstr(f->items[3].content_html,
	    "&lt;b&gt;(text, not markup)&lt;/b&gt;"));
	assert_int_equal(f->items[3].nenclosures, 1);
	assert_string_equal(f->items[3].enclosures[0].url,
	    "https://ifpnews.com/wp-content/uploads/2024/11/pentagon.jpg");
	assert_string_equal(f->items[3].enclosures[0].type, "image/jpeg");
	assert_int_equal(f->items[3].enclosures[0].length, 48213);
	date_rfc3339(f->items[3].updated, when);
	assert_string_equal(when, "2024-11-30T10:45:00Z");
	assert_true(f->items[3].published == DATE_NONE);
	assert_string_equal(f->items[1].categories[1], "Foreign Policy");
	assert_string_equal(f->items[0].author, "IFP Editorial Staff");
	assert_null(f->items[3].author);
	feed_free(f);
}

static void
rdf_feed_as_the_readme_says(void **state)
{
	struct feed *f = parse_file("feeds/rdf-feed.xml", 0);
	char when[DATE_RFC3339_LEN];

	(void)state;
	assert_int_equal(f->kind, FEED_KIND_RDF);
	assert_int_equal(f->nitems, 3);
	date_rfc3339(f->items[1].published, when);
	assert_string_equal(when, "2024-11-30T11:48:27Z");
	assert_string_equal(f->items[2].summary,
	    "The United States has announced new sanctions on what it claims "
	    "is a “shadow fleet”.");
	feed_free(f);
}

static void
check_titles(const char *feed, const char *expected)
{
	struct feed *f = parse_file(feed, 0);
	size_t len, i = 0;
	char *exp = read_data(expected, &len);
	char *line, *save = NULL;

	for (line = strtok_r(exp, "\n", &save); line != NULL;
	     line = strtok_r(NULL, "\n", &save)) {
		if (line[0] == '#')
			continue;
		if (i == 0 && strcmp(line, f->title) == 0) {
			i = 0;
			continue;
		}
		assert_true(i < f->nitems);
		assert_string_equal(f->items[i].title, line);
		i++;
	}
	assert_int_equal(i, f->nitems);
	free(exp);
	feed_free(f);
}

static void
latin1_feed_decodes_to_the_expected_titles(void **state)
{
	(void)state;
	check_titles("feeds/latin1-feed.xml", "feeds/latin1-feed.expected.txt");
}

static void
cp1252_bytes_in_a_latin1_feed_read_as_browsers_do(void **state)
{
	(void)state;
	check_titles("feeds/cp1252-as-latin1-feed.xml",
	    "feeds/cp1252-as-latin1-feed.expected.txt");
}

static const char rss_head[] =
    "<?xml version=\"1.0\" encoding=\"%s\"?>\n<rss version=\"2.0\"><channel>"
    "<title>T</title><item><title>%s</title></item></channel></rss>\n";

/* Encode the ASCII/BMP UTF-8 string s as UTF-16 or UTF-32. */
static char *
widen(const char *s, int width, bool big, bool bom, size_t *len)
{
	struct buf b;
	uint32_t cp;
	size_t i, n;
	int k;

	buf_init(&b, BUF_NOLIMIT);
	if (bom) {
		cp = 0xFEFF;
		for (k = 0; k < width; k++) {
			int shift = big ? 8 * (width - 1 - k) : 8 * k;

			buf_addch(&b, (char)((cp >> shift) & 0xFF));
		}
	}
	for (i = 0; s[i] != '\0'; i += n) {
		n = utf8_decode(s + i, strlen(s + i), &cp);
		for (k = 0; k < width; k++) {
			int shift = big ? 8 * (width - 1 - k) : 8 * k;

			buf_addch(&b, (char)((cp >> shift) & 0xFF));
		}
	}
	return buf_detach(&b, len);
}

static void
utf16_and_utf32_with_and_without_bom(void **state)
{
	static const struct {
		int width;
		const char *label;
	} cases[] = {{2, "UTF-16"}, {4, "UTF-32"}};
	char doc[512];
	size_t i, len;
	int big, bom;

	(void)state;
	for (i = 0; i < NITEMS(cases); i++)
		for (big = 0; big < 2; big++)
			for (bom = 0; bom < 2; bom++) {
				char *w;
				struct feed *f;

				snprintf(doc, sizeof(doc), rss_head,
				    cases[i].label, "Caf\xC3\xA9 \xD9\x86");
				w = widen(doc, cases[i].width, big, bom, &len);
				f = parse_mem(w, len, NULL, 0);
				assert_int_equal(f->nitems, 1);
				assert_string_equal(f->items[0].title,
				    "Caf\xC3\xA9 \xD9\x86");
				feed_free(f);
				free(w);
			}
}

static void
http_charset_overrides_the_declaration(void **state)
{
	struct feed_parse_opts o;
	struct feed *f;
	char doc[512], *cause = NULL;

	(void)state;
	/* Declared UTF-8, sent as windows-1252 by the server. */
	snprintf(doc, sizeof(doc), rss_head, "utf-8", "caf\xE9 \x93q\x94");
	memset(&o, 0, sizeof(o));
	o.charset = "windows-1252";
	assert_int_equal(feed_parse(doc, strlen(doc), &o, &f, &cause), 0);
	assert_string_equal(f->items[0].title, "café “q”");
	feed_free(f);
	/* Without the header the bytes are invalid UTF-8: U+FFFD, damage. */
	o.charset = NULL;
	assert_int_equal(feed_parse(doc, strlen(doc), &o, &f, &cause), 0);
	assert_string_equal(f->items[0].title,
	    "caf\xEF\xBF\xBD \xEF\xBF\xBDq"
	    "\xEF\xBF\xBD");
	assert_non_null(f->damage);
	feed_free(f);
	/* A UTF-8 BOM wins over a Latin-1 declaration. */
	snprintf(doc, sizeof(doc), "\xEF\xBB\xBF");
	snprintf(doc + 3, sizeof(doc) - 3, rss_head, "iso-8859-1",
	    "caf\xC3\xA9");
	f = parse_str(doc);
	assert_string_equal(f->items[0].title, "café");
	assert_null(f->damage);
	feed_free(f);
	/* Another encoding, through iconv. */
	snprintf(doc, sizeof(doc), rss_head, "KOI8-R", "\xF0\xD2\xC9");
	f = parse_str(doc);
	assert_string_equal(f->items[0].title, "При");
	feed_free(f);
}

static void
html_entities_and_ampersands_survive_errors(void **state)
{
	struct feed *f;

	(void)state;
	/* &nbsp; and &eacute; are not XML: read as HTML's. */
	f = parse_str("<rss><channel><item><title>a&nbsp;b caf&eacute; "
	              "&hellip;</title></item></channel></rss>");
	assert_string_equal(f->items[0].title,
	    "a\xC2\xA0"
	    "b café …");
	assert_null(f->damage);
	feed_free(f);
	/* A bare '&' is an error; the &amp; after it still counts. */
	f = parse_str("<rss><channel><item><title>AT & T</title><description>"
	              "x &amp;lt;b&amp;gt; &lt;i&gt;y&lt;/i&gt;</description>"
	              "</item></channel></rss>");
	assert_string_equal(f->items[0].title, "AT & T");
	assert_string_equal(f->items[0].summary, "x <b> y");
	assert_string_equal(f->items[0].content_html, "x &lt;b&gt; <i>y</i>");
	assert_non_null(f->damage);
	feed_free(f);
	/* An internal entity of plain text is expanded. */
	f = parse_str("<!DOCTYPE rss [<!ENTITY id \"tag:x,\">]><rss><channel>"
	              "<item><guid isPermaLink='false'>&id;2006:/b/</guid>"
	              "</item></channel></rss>");
	assert_string_equal(f->items[0].id, "tag:x,2006:/b/");
	assert_null(f->items[0].link);
	feed_free(f);
	/* Decoded once: &amp;amp; in a title is the text "&amp;". */
	f = parse_str("<rss><channel><item><title>&amp;amp; &amp;#38;</title>"
	              "</item></channel></rss>");
	assert_string_equal(f->items[0].title, "& &");
	feed_free(f);
}

static void
fixer_out(void *arg, const char *s, size_t n)
{
	buf_add(arg, s, n);
}

/* The fixer's output for every piece size, compared with the expected. */
static void
fixer_mends_stray_lt_and_end_tags_in_pieces_of_any_size(void **state)
{
	static const char *const cases[][2] = {
	    {"<a>1 < 2</a>", "<a>1 &lt; 2</a>"},
	    {"<a x=\"1 < 2\" y='<'>t</a>", "<a x=\"1 &lt; 2\" y='&lt;'>t</a>"},
	    {"<a><![CDATA[ 1 < 2 ]] > ]]> <3</a>",
	        "<a><![CDATA[ 1 < 2 ]] > ]]> &lt;3</a>"},
	    {"<!DOCTYPE a [<!-- it's < --><!ENTITY e \"<b>\">]><a><!-- c < "
	     "d --><?p 1 < 2 ?>x<!---->y</a>",
	        "<!DOCTYPE a [<!-- it's < --><!ENTITY e \"<b>\">]><a><!-- c < "
	        "d --><?p 1 < 2 ?>x<!---->y</a>"},
	    {"<a>x <!y> <![z <</a>", "<a>x &lt;!y> &lt;![z &lt;</a>"},
	    {"<a>a </ b <> <=</a>", "<a>a &lt;/ b &lt;> &lt;=</a>"},
	    {"<a>\xC3\xA9 <\xC3\xA9/> <\xC2\xAB</a>",
	        "<a>\xC3\xA9 <\xC3\xA9/> &lt;\xC2\xAB</a>"},
	    {"<rss><title>a <br> b</title><i>x</i></rss>",
	        "<rss><title>a <br> b</br></title><i>x</i></rss>"},
	    {"<r><t>x</p></t >y</r>", "<r><t>x</t>y</r>"},
	    {"<Item a='/'>x</item ><b/><c />", "<Item a='/'>x</Item><b/><c />"},
	    {"<a><p>1<p>2</a>z", "<a><p>1<p>2</p></p></a>z"},
	};
	static const size_t sizes[] = {1, 2, 3, 4, 5, 7, 9, 11, 17, 1000};
	size_t i, j, off;

	(void)state;
	for (i = 0; i < NITEMS(cases); i++)
		for (j = 0; j < NITEMS(sizes); j++) {
			const char *in = cases[i][0];
			size_t len = strlen(in);
			struct feed_fixer fx;
			struct buf out;

			buf_init(&out, BUF_NOLIMIT);
			feed_fixer_init(&fx, fixer_out, &out);
			for (off = 0; off < len; off += sizes[j])
				feed_fixer_push(&fx, in + off,
				    len - off < sizes[j] ? len - off
				                         : sizes[j]);
			feed_fixer_finish(&fx);
			if (strcmp(buf_str(&out), cases[i][1]) != 0)
				fail_msg("case %zu, pieces of %zu: \"%s\"", i,
				    sizes[j], buf_str(&out));
			feed_fixer_clear(&fx);
			buf_clear(&out);
		}
}

/* libxml2 alone would drop every item after the first of these. */
static void
stray_lt_and_unclosed_tags_keep_every_item(void **state)
{
	static const char *const titles[][2] = {
	    {"1 < 2 is true", "1 < 2 is true"},
	    {"x <3 y", "x <3 y"},
	    {"a <br> b", "a b"},
	    {"<b>bold", "bold"},
	    {"stray </p> end", "stray end"},
	    {"<p>one<p>two", "one two"},
	};
	size_t i;

	(void)state;
	for (i = 0; i < NITEMS(titles); i++) {
		char doc[512];
		struct feed *f;

		snprintf(doc, sizeof(doc),
		    "<rss><channel><title>T</title><item><title>%s</title>"
		    "<link>http://a.test/1</link></item><item><title>second"
		    "</title><description>a < b</description></item>"
		    "</channel></rss>",
		    titles[i][0]);
		f = parse_str(doc);
		assert_int_equal(f->nitems, 2);
		assert_string_equal(f->title, "T");
		assert_string_equal(f->items[0].title, titles[i][1]);
		assert_string_equal(f->items[0].link, "http://a.test/1");
		assert_string_equal(f->items[1].title, "second");
		assert_string_equal(f->items[1].summary, "a < b");
		assert_non_null(f->damage);
		feed_free(f);
	}
}

/* feed_sanitize_html(in, base "https://s.test/p/") must give out. */
static void
check_sanitized(const char *in, const char *out)
{
	struct buf b;

	buf_init(&b, BUF_NOLIMIT);
	assert_int_equal(feed_sanitize_html(&b, in, strlen(in),
	                     "https://s.test/p/"),
	    0);
	if (strcmp(buf_str(&b), out) != 0)
		fail_msg("sanitized \"%s\"\n  to \"%s\"\n  not \"%s\"", in,
		    buf_str(&b), out);
	buf_clear(&b);
}

static void
content_html_keeps_content_and_drops_what_runs(void **state)
{
	(void)state;
	check_sanitized("<p onclick=\"x()\">a</p><script>alert(1)</script>"
	                "<style>p{}</style><SCRIPT>b</SCRIPT >",
	    "<p>a</p>");
	/* Links: scripts in any disguise go, relative ones resolve. */
	check_sanitized("<a href=\"javascript:alert(1)\">1</a>"
	                "<a href=\" JaVa&#x09;script:alert(1)\">2</a>"
	                "<a href=\"&#106;avascript&colon;x\">3</a>"
	                "<a href='data:text/html,<script>'>4</a>"
	                "<a href=vbscript:x>5</a><a href=\"file:///etc\">6</a>",
	    "<a>1</a><a>2</a><a>3</a><a>4</a><a>5</a><a>6</a>");
	check_sanitized("<a href=\"rel/x#f\" title='a \"q\" <b>'>y</a>"
	                "<a href=\"#note\">n</a><a href=//h.test/>h</a>"
	                "<a href=\"mailto:a@b.test\">m</a>",
	    "<a href=\"https://s.test/p/rel/x#f\" "
	    "title=\"a &quot;q&quot; &lt;b&gt;\">y</a>"
	    "<a href=\"#note\">n</a><a href=\"https://h.test/\">h</a>"
	    "<a href=\"mailto:a@b.test\">m</a>");
	/* Images: data: images and lazy sources are kept. */
	check_sanitized("<img src=\"data:image/gif;base64,R0l\" "
	                "data-src=\"/i.jpg\" alt=\"A &amp; B\">",
	    "<img src=\"data:image/gif;base64,R0l\" "
	    "data-src=\"https://s.test/i.jpg\" alt=\"A &amp; B\">");
	check_sanitized("<img srcset=\"a.jpg 1x, data:image/png;base64,AA,BB "
	                "2x\">"
	                "<img srcset=\"a.jpg, javascript:x 2x\">",
	    "<img srcset=\"https://s.test/p/a.jpg 1x, "
	    "data:image/png;base64,AA,BB 2x\"><img>");
	/* Comments go; a CDATA section wrapped twice is unwrapped. */
	check_sanitized("<!-- <script>x</script> -->ok<![CDATA[<b>b</b>]]>",
	    "ok<b>b</b>");
	check_sanitized("<![CDATA[<script></script>]]&gt;",
	    "&lt;![CDATA[]]&gt;");
	/* svg goes with what it holds; object and embed keep their
	 * fallback; the page's own elements lose their tags. */
	check_sanitized("<svg><script>x</script><text>t</text></svg>after"
	                "<svg/>z",
	    "afterz");
	check_sanitized("<object data=\"x.swf\"><embed src=\"x.swf\">"
	                "fallback</object>",
	    "fallback");
	check_sanitized("<html><head><meta http-equiv=refresh content=0>"
	                "<link rel=stylesheet href=x><base href=http://e.test/>"
	                "</head><body onload=x()>t</body></html>",
	    "t");
	/* A raw-text element is closed; its content cannot end it. */
	check_sanitized("<iframe src=\"https://v.test/e\" "
	                "srcdoc=\"<script>x</script>\">fallback",
	    "<iframe src=\"https://v.test/e\">fallback</iframe>");
	check_sanitized("<noscript><p title=\"</noscript><img src=x "
	                "onerror=alert(1)>\">",
	    "<noscript><p title=\"&lt;/noscript&gt;&lt;img src=x "
	    "onerror=alert(1)&gt;\"></noscript>");
	/* Styles: known properties with plain values only. */
	check_sanitized("<span style=\"color: red; background: "
	                "url(javascript:x); position: fixed; width: 10px; "
	                "x:expression(alert(1))\">s</span><b "
	                "style=\"a:b\">c</b>",
	    "<span style=\"color: red; width: 10px\">s</span><b>c</b>");
	check_sanitized("<form action=\"javascript:x\"><input "
	                "formaction=\"https://a.test/\" onfocus=x autofocus>",
	    "<form><input formaction=\"https://a.test/\" autofocus>");
	/* Text: '<' and '>' escaped, the rest as it came. */
	check_sanitized("1 < 2 &amp; 3 > 2 &nbsp;&",
	    "1 &lt; 2 &amp; 3 &gt; 2 "
	    "&nbsp;&");
	check_sanitized("<DIV CLASS=x>t</DIV><o:p>u</o:p><blink>v</blink>",
	    "<div class=\"x\">t</div>uv");
	check_sanitized("", "");
}

static void
element_names_compare_without_case_and_cdf_is_read(void **state)
{
	struct feed *f;
	char when[DATE_RFC3339_LEN];

	(void)state;
	f = parse_str("<rss xmlns:itunes='http://www.itunes.com/DTDs/"
	              "Podcast-1.0.dtd'><Channel><TiTlE>T</TiTlE><Item>"
	              "<Title>A</Title><PubDate>Sat, 30 Nov 2024 12:00:00 GMT"
	              "</PubDate><LINK>http://a.test/</LINK></Item></Channel>"
	              "</rss>");
	assert_string_equal(f->title, "T");
	assert_int_equal(f->nitems, 1);
	assert_string_equal(f->items[0].title, "A");
	assert_string_equal(f->items[0].link, "http://a.test/");
	date_rfc3339(f->items[0].published, when);
	assert_string_equal(when, "2024-11-30T12:00:00Z");
	feed_free(f);
	/* CDF: links and times in attributes, ABSTRACT the description. */
	f = parse_str("<CHANNEL HREF='http://c.test/'><TITLE>C</TITLE>"
	              "<ABSTRACT>About</ABSTRACT><ITEM HREF='/1' "
	              "LASTMOD='2004-04-06T23:05:43-05:00'><TITLE>I</TITLE>"
	              "<ABSTRACT>Sum</ABSTRACT></ITEM></CHANNEL>");
	assert_int_equal(f->kind, FEED_KIND_RSS);
	assert_string_equal(f->title, "C");
	assert_string_equal(f->link, "http://c.test/");
	assert_string_equal(f->description, "About");
	assert_string_equal(f->items[0].title, "I");
	assert_string_equal(f->items[0].link, "http://c.test/1");
	assert_string_equal(f->items[0].summary, "Sum");
	date_rfc3339(f->items[0].updated, when);
	assert_string_equal(when, "2004-04-07T04:05:43Z");
	feed_free(f);
}

static void
feedparser_dialects_are_read(void **state)
{
	struct feed *f;
	char when[DATE_RFC3339_LEN];

	(void)state;
	/* A second summary is the body, in either order. */
	f = parse_str("<rss><channel><item><description>D</description>"
	              "<summary>S</summary></item><item><summary>S</summary>"
	              "<description>D</description></item><item><summary>S"
	              "</summary><description>D</description>"
	              "<content:encoded xmlns:content='http://purl.org/rss/1.0/"
	              "modules/content/'>C</content:encoded></item>"
	              "</channel></rss>");
	assert_string_equal(f->items[0].summary, "D");
	assert_string_equal(f->items[0].content_html, "S");
	assert_string_equal(f->items[1].summary, "S");
	assert_string_equal(f->items[1].content_html, "D");
	assert_string_equal(f->items[2].summary, "S");
	assert_string_equal(f->items[2].content_html, "C");
	feed_free(f);
	/* <tags> holds categories separated by commas. */
	f = parse_str("<rss><channel><item><tags>tag one, tag two,</tags>"
	              "<category>c</category></item></channel></rss>");
	assert_int_equal(f->items[0].ncategories, 3);
	assert_string_equal(f->items[0].categories[0], "tag one");
	assert_string_equal(f->items[0].categories[1], "tag two");
	assert_string_equal(f->items[0].categories[2], "c");
	feed_free(f);
	/* FeedBurner's browser message: a description of last resort. */
	f = parse_str(
	    "<rss xmlns:feedburner='http://rssnamespace.org/"
	    "feedburner/ext/1.0'><channel><feedburner:browserFriendly>"
	    "Msg</feedburner:browserFriendly></channel></rss>");
	assert_string_equal(f->description, "Msg");
	feed_free(f);
	/* Atom 0.3 with Atom 1.0's <published>: the last date counts. */
	f = parse_str("<feed version='0.3' xmlns='http://purl.org/atom/ns#'>"
	              "<entry><issued>Thu, 01 Jan 2004 19:48:21 GMT</issued>"
	              "<published>Sat, 01 Jan 2010 19:48:21 GMT</published>"
	              "</entry></feed>");
	date_rfc3339(f->items[0].published, when);
	assert_string_equal(when, "2010-01-01T19:48:21Z");
	feed_free(f);
}

static void
c1_controls_read_as_meant(void **state)
{
	struct feed *f;

	(void)state;
	/* Raw U+0092 and &#146; are Windows-1252's ’; "â\u0080¦" is UTF-8
	 * read as Latin-1: "…".  U+0081 has no such meaning and stays. */
	f = parse_str("<rss><channel><item><title>don\xC2\x92t don&#146;t "
	              "&#226;&#128;&#166; \xC2\x81</title><description>"
	              "\xC3\xA2\xC2\x80\xC2\xA6</description></item>"
	              "</channel></rss>");
	assert_string_equal(f->items[0].title,
	    "don\xE2\x80\x99t don\xE2\x80\x99t \xE2\x80\xA6 \xC2\x81");
	assert_string_equal(f->items[0].summary, "\xE2\x80\xA6");
	feed_free(f);
	/* Latin-1 text that merely looks like UTF-8 is left alone. */
	f = parse_str("<rss><channel><item><title>\xC3\x83\xC2\xA9</title>"
	              "</item></channel></rss>");
	assert_string_equal(f->items[0].title, "\xC3\x83\xC2\xA9");
	feed_free(f);
}

static void
media_type_content_is_sniffed_as_browsers_do(void **state)
{
	struct feed *f;

	(void)state;
	/* base64 of "<p>History of the &lt;blink&gt; tag</p>", of
	 * "Example <b>Atom</b>", and of PNG bytes. */
	f = parse_str(
	    "<feed xmlns='http://www.w3.org/2005/Atom'><entry><content "
	    "type='application/octet-stream'>PHA+SGlzdG9yeSBvZiB0aGUgJmx0O2Js"
	    "aW5rJmd0OyB0YWc8L3A+</content></entry><entry><content "
	    "type='application/octet-stream'>RXhhbXBsZSA8Yj5BdG9tPC9iPg=="
	    "</content></entry><entry><title>P</title><content "
	    "type='image/png'>iVBORw0KGgoAAAANSUhEUgAAAAEAAAAB</content>"
	    "</entry><entry><title type='application/octet-stream'>"
	    "PGI+VDwvYj4=</title></entry></feed>");
	assert_string_equal(f->items[0].content_html,
	    "<p>History of the &lt;blink&gt; tag</p>");
	assert_string_equal(f->items[0].summary, "History of the <blink> tag");
	assert_string_equal(f->items[1].content_html,
	    "Example &lt;b&gt;Atom&lt;/b&gt;");
	assert_null(f->items[2].content_html);
	/* A text construct with a media type reads as text. */
	assert_string_equal(f->items[3].title, "<b>T</b>");
	feed_free(f);
}

static void
priorities_do_not_depend_on_order(void **state)
{
	struct feed *f;

	(void)state;
	f = parse_str(
	    "<rss xmlns:content='http://purl.org/rss/1.0/modules/"
	    "content/' xmlns:dc='http://purl.org/dc/elements/1.1/'>"
	    "<channel><item><description>short</description>"
	    "<content:encoded>&lt;p&gt;long&lt;/p&gt;</content:encoded>"
	    "<dc:date>2024-11-30T10:00:00Z</dc:date>"
	    "<pubDate>Sat, 30 Nov 2024 12:00:00 GMT</pubDate>"
	    "<author>a@b.c (Ann)</author><dc:creator>Bob</dc:creator>"
	    "</item><item>"
	    "<content:encoded>&lt;p&gt;long&lt;/p&gt;</content:encoded>"
	    "<description>short</description>"
	    "<pubDate>Sat, 30 Nov 2024 12:00:00 GMT</pubDate>"
	    "<dc:date>2024-11-30T10:00:00Z</dc:date>"
	    "<dc:creator>Bob</dc:creator><author>a@b.c (Ann)</author>"
	    "</item></channel></rss>");
	assert_int_equal(f->nitems, 2);
	for (size_t i = 0; i < 2; i++) {
		char when[DATE_RFC3339_LEN];

		assert_string_equal(f->items[i].content_html, "<p>long</p>");
		assert_string_equal(f->items[i].summary, "short");
		assert_string_equal(f->items[i].author, "Bob");
		date_rfc3339(f->items[i].published, when);
		assert_string_equal(when, "2024-11-30T12:00:00Z");
		date_rfc3339(f->items[i].updated, when);
		assert_string_equal(when, "2024-11-30T10:00:00Z");
	}
	feed_free(f);
}

static void
links_resolve_against_xml_base_feed_link_and_url(void **state)
{
	struct feed *f;

	(void)state;
	f = parse_str("<rss><channel><link>https://site.test/blog/</link>"
	              "<item><link>post-1</link><guid>/p?1</guid>"
	              "<enclosure url='a.mp3' type='audio/mpeg' length='12'/>"
	              "</item>"
	              "<item xml:base='https://other.test/x/'><link>../y</link>"
	              "</item></channel></rss>");
	assert_string_equal(f->items[0].link, "https://site.test/blog/post-1");
	assert_string_equal(f->items[0].enclosures[0].url,
	    "https://site.test/blog/a.mp3");
	assert_int_equal(f->items[0].enclosures[0].length, 12);
	assert_string_equal(f->items[1].link, "https://other.test/y");
	feed_free(f);
	/* Nested xml:base; without a feed link, the feed's URL. */
	f = parse_str("<feed xmlns='http://www.w3.org/2005/Atom' "
	              "xml:base='http://a.test/1/'><entry xml:base='2/'>"
	              "<link href='3'/><content type='html' xml:base='c/'>"
	              "x</content></entry><entry><link href='/z'/></entry>"
	              "</feed>");
	assert_string_equal(f->items[0].link, "http://a.test/1/2/3");
	assert_string_equal(f->items[0].base, "http://a.test/1/2/c/");
	assert_string_equal(f->items[1].link, "http://a.test/z");
	feed_free(f);
	f = parse_str("<rss><channel><item><link>rel/a</link></item>"
	              "</channel></rss>");
	assert_string_equal(f->items[0].link,
	    "https://example.test/feed/rel/a");
	feed_free(f);
}

static void
rss_090_and_atom_03_are_read(void **state)
{
	struct feed *f;
	char when[DATE_RFC3339_LEN];

	(void)state;
	f = parse_str(
	    "<rdf:RDF xmlns:rdf='http://www.w3.org/1999/02/22-rdf-"
	    "syntax-ns#' xmlns='http://my.netscape.com/rdf/simple/0.9/'>"
	    "<channel><title>Old</title><link>http://o.test/</link>"
	    "</channel><item><title>First</title><link>http://o.test/1"
	    "</link></item></rdf:RDF>");
	assert_int_equal(f->kind, FEED_KIND_RDF);
	assert_string_equal(f->title, "Old");
	assert_string_equal(f->items[0].title, "First");
	assert_string_equal(f->items[0].link, "http://o.test/1");
	feed_free(f);
	f = parse_str(
	    "<feed version='0.3' xmlns='http://purl.org/atom/ns#'>"
	    "<title mode='escaped' type='text/html'>A &amp;lt;b&amp;gt;"
	    "</title><entry><title>E</title><issued>2004-01-01T10:00:00Z"
	    "</issued><modified>2004-01-02T10:00:00Z</modified>"
	    "<content type='text/plain' mode='base64'>SGVsbG8=</content>"
	    "<author><name>N</name></author>"
	    "<link rel='alternate' type='text/html' href='http://x.test/'/>"
	    "</entry></feed>");
	assert_int_equal(f->kind, FEED_KIND_ATOM);
	assert_string_equal(f->title, "A <b>");
	assert_string_equal(f->items[0].content_html, "Hello");
	assert_string_equal(f->items[0].author, "N");
	assert_string_equal(f->items[0].link, "http://x.test/");
	date_rfc3339(f->items[0].published, when);
	assert_string_equal(when, "2004-01-01T10:00:00Z");
	date_rfc3339(f->items[0].updated, when);
	assert_string_equal(when, "2004-01-02T10:00:00Z");
	feed_free(f);
}

static void
hostile_files_are_bounded_and_safe(void **state)
{
	struct feed *f;
	size_t len, i;
	char *s, *cause;

	(void)state;
	/* Not feeds: a clear error. */
	s = read_data("feeds/hostile/not-xml.html", &len);
	cause = parse_error(s, len);
	assert_string_equal(cause, "not a feed: HTML page");
	free(cause);
	free(s);
	s = read_data("feeds/hostile/wrong-root.xml", &len);
	cause = parse_error(s, len);
	assert_string_equal(cause, "not a feed: root element <urlset>");
	free(cause);
	free(s);
	cause = parse_error("", 0);
	assert_string_equal(cause, "not a feed: empty document");
	free(cause);
	cause = parse_error("{\"json\": 1}", 11);
	assert_string_equal(cause, "not a feed: not XML");
	free(cause);
	s = read_data("feeds/hostile/deep-nesting-xml.xml", &len);
	cause = parse_error(s, len);
	assert_non_null(strstr(cause, "nested too deep"));
	free(cause);
	free(s);
	/* Entities: never expanded past the budget, never fetched. */
	f = parse_file("feeds/hostile/billion-laughs.xml", 0);
	assert_int_equal(f->nitems, 1);
	assert_true(
	    f->items[0].title == NULL || strlen(f->items[0].title) < 1000);
	assert_non_null(f->damage);
	feed_free(f);
	f = parse_file("feeds/hostile/quadratic-blowup.xml", 0);
	assert_int_equal(f->nitems, 1);
	assert_true(f->items[0].summary == NULL ||
	    strlen(f->items[0].summary) <= (5 << 20));
	feed_free(f);
	f = parse_file("feeds/hostile/xxe.xml", 0);
	for (i = 0; i < f->nitems; i++)
		assert_null(strstr(f->items[i].title, "root:"));
	assert_string_equal(f->items[0].title, "passwd:");
	feed_free(f);
	f = parse_file("feeds/hostile/xxe-dtd.xml", 0);
	assert_int_equal(f->nitems, 1);
	assert_string_equal(f->items[0].title, "Still a valid item");
	feed_free(f);
	/* Truncated: the three complete items, flagged. */
	f = parse_file("feeds/hostile/truncated.xml", 0);
	assert_int_equal(f->nitems, 3);
	assert_non_null(f->damage);
	assert_non_null(strstr(f->damage, "cut short"));
	feed_free(f);
	/* Invalid UTF-8 becomes U+FFFD. */
	f = parse_file("feeds/hostile/invalid-utf8.xml", 0);
	assert_int_equal(f->nitems, 4);
	for (i = 0; i < f->nitems; i++) {
		assert_true(
		    utf8_valid(f->items[i].title, strlen(f->items[i].title)));
		assert_non_null(strstr(f->items[i].title, "\xEF\xBF\xBD"));
	}
	assert_non_null(f->damage);
	feed_free(f);
	/* Raw controls are replaced; the items are kept. */
	f = parse_file("feeds/hostile/escape-injection-raw.xml", 0);
	for (i = 0; i < f->nitems; i++)
		assert_null(strchr(f->items[i].title, 0x1B));
	feed_free(f);
	f = parse_file("feeds/hostile/escape-injection.xml", 0);
	assert_int_equal(f->nitems, 4);
	feed_free(f);
	f = parse_file("feeds/hostile/deep-nesting.xml", 0);
	assert_int_equal(f->nitems, 1);
	feed_free(f);
	f = parse_file("feeds/hostile/huge-title.xml", 0);
	assert_int_equal(f->nitems, 2);
	assert_true(strlen(f->items[0].title) > 1000000);
	assert_string_equal(f->items[1].title,
	    "Normal item after the huge one");
	feed_free(f);
	f = parse_file("feeds/hostile/empty-channel.xml", 0);
	assert_int_equal(f->nitems, 0);
	assert_string_equal(f->title, "IFP News » Empty Category");
	assert_null(f->damage);
	feed_free(f);
}

static void
size_limit_is_enforced(void **state)
{
	struct feed_parse_opts o;
	struct feed *f = NULL;
	char *cause = NULL;
	const char *doc = "<rss><channel><title>x</title></channel></rss>";

	(void)state;
	memset(&o, 0, sizeof(o));
	o.max_size = 10;
	assert_int_equal(feed_parse(doc, strlen(doc), &o, &f, &cause), -1);
	assert_string_equal(cause, "feed larger than 10 bytes");
	free(cause);
	assert_null(f);
}

static struct feed_item
make_item(const char *id, time_t pub, time_t upd)
{
	struct feed_item it;

	memset(&it, 0, sizeof(it));
	it.id = id != NULL ? xstrdup(id) : NULL;
	it.published = pub;
	it.updated = upd;
	return it;
}

static struct feed *
make_feed(size_t n, const struct feed_item *items)
{
	struct feed *f = xcalloc(1, sizeof(*f));

	f->items = xreallocarray(NULL, n, sizeof(*f->items));
	memcpy(f->items, items, n * sizeof(*items));
	f->nitems = n;
	return f;
}

static void
newest_first_undated_last_ties_in_document_order(void **state)
{
	struct feed_item items[5];
	struct feed *f;
	size_t order[5];

	(void)state;
	items[0] = make_item("a", DATE_NONE, DATE_NONE);
	items[1] = make_item("b", 100, DATE_NONE);
	items[2] = make_item("c", DATE_NONE, 300);
	items[3] = make_item("d", 100, 500);
	items[4] = make_item("e", 200, DATE_NONE);
	f = make_feed(5, items);
	feed_sort_newest(f, order);
	assert_int_equal(order[0], 2);
	assert_int_equal(order[1], 4);
	assert_int_equal(order[2], 1);
	assert_int_equal(order[3], 3);
	assert_int_equal(order[4], 0);
	feed_free(f);
}

static void
merge_keeps_one_copy_of_a_shared_post(void **state)
{
	struct feed_item a[2], b[3];
	struct feed *fa, *fb;

	(void)state;
	a[0] = make_item("x", 1, DATE_NONE);
	a[1] = make_item("y", 2, DATE_NONE);
	b[0] = make_item("y", 2, DATE_NONE);
	b[1] = make_item("z", 3, DATE_NONE);
	b[2] = make_item(NULL, 4, DATE_NONE);
	fa = make_feed(2, a);
	fb = make_feed(3, b);
	fa->title = xstrdup("first");
	fb->title = xstrdup("second");
	feed_merge(fa, fb);
	assert_int_equal(fa->nitems, 4);
	assert_string_equal(fa->title, "first");
	assert_string_equal(fa->items[2].id, "z");
	assert_null(fa->items[3].id);
	feed_free(fa);
}

/*
 * A feed of more than 10 MB handed over at once (feed_parse, --check):
 * libxml2 gives up on one chunk that large ("Huge input lookup"), so
 * the parser passes it on in blocks.
 */
static void
a_feed_over_10_mb_at_once_is_whole(void **unused)
{
	struct feed *f = NULL;
	struct buf b;
	char *cause = NULL, body[3001];
	size_t i;

	(void)unused;
	memset(body, 'x', sizeof(body) - 1);
	body[sizeof(body) - 1] = '\0';
	buf_init(&b, BUF_NOLIMIT);
	buf_addstr(&b,
	    "<?xml version=\"1.0\"?><rss version=\"2.0\" "
	    "xmlns:content=\"http://purl.org/rss/1.0/modules/"
	    "content/\"><channel><title>Big</title>");
	for (i = 0; i < 4000; i++)
		buf_printf(&b,
		    "<item><title>Post %zu</title><guid>g%zu</guid>"
		    "<content:encoded><![CDATA[<p>%s</p>]]></content:encoded>"
		    "</item>\n",
		    i, i, body);
	buf_addstr(&b, "</channel></rss>");
	assert_true(b.len > (10u << 20));
	assert_int_equal(feed_parse(b.data, b.len, NULL, &f, &cause), 0);
	assert_null(f->damage);
	assert_int_equal(f->nitems, 4000);
	assert_string_equal(f->items[3999].title, "Post 3999");
	feed_free(f);
	buf_clear(&b);
}

/* The format's version, for --check's verdict ("RSS 2.0, 12 posts"). */
static void
the_declared_version_is_kept(void **unused)
{
	static const struct {
		const char *doc, *want;
	} cases[] = {
	    {"<rss version=\"2.0\"><channel/></rss>", "2.0"},
	    {"<rss version=\"0.91\"><channel/></rss>", "0.91"},
	    /* Only digits and dots, at most 7 of them. */
	    {"<rss version=\" v2.0 (beta 1)\"><channel/></rss>", "2.01"},
	    {"<rss version=\"1.2.3.4.5.6\"><channel/></rss>", "1.2.3.4"},
	    {"<rss><channel/></rss>", ""},
	    {"<channel><title>CDF</title></channel>", ""},
	    {"<feed xmlns=\"http://www.w3.org/2005/Atom\"/>", "1.0"},
	    {"<feed xmlns=\"http://purl.org/atom/ns#\" version=\"0.3\"/>",
	        "0.3"},
	    {"<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-"
	     "ns#\" xmlns=\"http://purl.org/rss/1.0/\"/>",
	        "1.0"},
	    {"<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-"
	     "ns#\" xmlns=\"http://my.netscape.com/rdf/simple/0.9/\"/>",
	        "0.90"},
	};
	struct feed *f;
	size_t i;

	(void)unused;
	for (i = 0; i < NITEMS(cases); i++) {
		f = parse_str(cases[i].doc);
		if (strcmp(f->version, cases[i].want) != 0)
			fail_msg("%s: version \"%s\", want \"%s\"",
			    cases[i].doc, f->version, cases[i].want);
		feed_free(f);
	}
	f = parse_file("feeds/atom-feed.xml", 0);
	assert_string_equal(f->version, "1.0");
	feed_free(f);
	f = parse_file("feeds/ifp-feed.xml", 0);
	assert_string_equal(f->version, "2.0");
	feed_free(f);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(ifp_feed_matches_the_expected_list),
	    cmocka_unit_test(no_content_flag_leaves_out_bodies),
	    cmocka_unit_test(pieces_of_any_size_give_the_same_feed),
	    cmocka_unit_test(a_feed_over_10_mb_at_once_is_whole),
	    cmocka_unit_test(
	        without_bodies_the_rest_is_the_same_at_any_piece_size),
	    cmocka_unit_test(without_bodies_damage_names_the_same_line),
	    cmocka_unit_test(atom_feed_as_the_readme_says),
	    cmocka_unit_test(the_declared_version_is_kept),
	    cmocka_unit_test(rdf_feed_as_the_readme_says),
	    cmocka_unit_test(latin1_feed_decodes_to_the_expected_titles),
	    cmocka_unit_test(cp1252_bytes_in_a_latin1_feed_read_as_browsers_do),
	    cmocka_unit_test(utf16_and_utf32_with_and_without_bom),
	    cmocka_unit_test(http_charset_overrides_the_declaration),
	    cmocka_unit_test(html_entities_and_ampersands_survive_errors),
	    cmocka_unit_test(
	        fixer_mends_stray_lt_and_end_tags_in_pieces_of_any_size),
	    cmocka_unit_test(stray_lt_and_unclosed_tags_keep_every_item),
	    cmocka_unit_test(content_html_keeps_content_and_drops_what_runs),
	    cmocka_unit_test(
	        element_names_compare_without_case_and_cdf_is_read),
	    cmocka_unit_test(feedparser_dialects_are_read),
	    cmocka_unit_test(c1_controls_read_as_meant),
	    cmocka_unit_test(media_type_content_is_sniffed_as_browsers_do),
	    cmocka_unit_test(priorities_do_not_depend_on_order),
	    cmocka_unit_test(links_resolve_against_xml_base_feed_link_and_url),
	    cmocka_unit_test(rss_090_and_atom_03_are_read),
	    cmocka_unit_test(hostile_files_are_bounded_and_safe),
	    cmocka_unit_test(size_limit_is_enforced),
	    cmocka_unit_test(newest_first_undated_last_ties_in_document_order),
	    cmocka_unit_test(merge_keeps_one_copy_of_a_shared_post),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
