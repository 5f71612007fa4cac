/*
 * test_paged -- which feeds have older pages (WordPress guids) and the
 * URLs of those pages.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "paged.h"
#include "util.h"

static void
check(const char *url, unsigned long page, const char *want)
{
	char *got = paged_url(url, page);

	if (strcmp(got, want) != 0)
		fail_msg("%s page %lu: %s, want %s", url, page, got, want);
	free(got);
}

static void
adds_paged_to_the_feed_url(void **state)
{
	(void)state;
	check("https://ifpnews.com/feed/", 2,
	    "https://ifpnews.com/feed/?paged=2");
	check("https://ifpnews.com/feed/", 13,
	    "https://ifpnews.com/feed/?paged=13");
	/* A query keeps its parameters; paged comes last. */
	check("https://example.org/?feed=rss2", 3,
	    "https://example.org/?feed=rss2&paged=3");
	check("https://example.org/?feed=rss2&cat=4", 2,
	    "https://example.org/?feed=rss2&cat=4&paged=2");
	/* A paged= already there is replaced, wherever it is. */
	check("https://example.org/feed/?paged=2", 3,
	    "https://example.org/feed/?paged=3");
	check("https://example.org/?paged=5&feed=rss2", 6,
	    "https://example.org/?feed=rss2&paged=6");
	/* Empty parameters and a bare '?' go. */
	check("https://example.org/feed/?", 2,
	    "https://example.org/feed/?paged=2");
	check("https://example.org/?a=1&&b=2&", 2,
	    "https://example.org/?a=1&b=2&paged=2");
	/* The fragment stays at the end. */
	check("https://example.org/feed/#top", 2,
	    "https://example.org/feed/?paged=2#top");
	check("https://example.org/?feed=rss2#x?y", 2,
	    "https://example.org/?feed=rss2&paged=2#x?y");
	/* "pagedx=" is another parameter. */
	check("https://example.org/?pagedx=1", 2,
	    "https://example.org/?pagedx=1&paged=2");
}

static void
page_one_is_the_url_without_paged(void **state)
{
	(void)state;
	check("https://example.org/feed/?paged=4", 1,
	    "https://example.org/feed/");
	check("https://example.org/?feed=rss2&paged=4", 0,
	    "https://example.org/?feed=rss2");
	check("https://ifpnews.com/feed/", 1, "https://ifpnews.com/feed/");
}

static struct feed *
feed_of(enum feed_kind kind, const char *const *ids, size_t n)
{
	struct feed *f = xcalloc(1, sizeof(*f));
	size_t i;

	f->kind = kind;
	f->items = xcalloc(n ? n : 1, sizeof(*f->items));
	f->nitems = n;
	for (i = 0; i < n; i++)
		f->items[i].id = ids[i] != NULL ? xstrdup(ids[i]) : NULL;
	return f;
}

static void
free_feed(struct feed *f)
{
	size_t i;

	for (i = 0; i < f->nitems; i++)
		free(f->items[i].id);
	free(f->items);
	free(f);
}

static void
pages_rss_feeds_with_wordpress_guids_only(void **state)
{
	static const char *const wp[] = {
	    "https://ifpnews.com/?p=1258941",
	    "https://ifpnews.com/?p=1258936",
	    "https://ifpnews.com/?p=1258922",
	};
	static const char *const half[] = {
	    "https://example.org/?p=12",
	    "https://example.org/a-post/",
	};
	static const char *const other[] = {
	    "tag:example.org,2024:post-1",
	    "https://example.org/?page_id=2",
	    "https://example.org/?p=",
	    "https://example.org/?p=12x",
	};
	struct feed *f;

	(void)state;
	f = feed_of(FEED_KIND_RSS, wp, 3);
	assert_true(paged_applies(f));
	/* The same posts in Atom or RSS 1.0: not paged. */
	f->kind = FEED_KIND_ATOM;
	assert_false(paged_applies(f));
	f->kind = FEED_KIND_RDF;
	assert_false(paged_applies(f));
	free_feed(f);
	f = feed_of(FEED_KIND_RSS, half, 2);
	assert_true(paged_applies(f));
	free_feed(f);
	f = feed_of(FEED_KIND_RSS, other, 4);
	assert_false(paged_applies(f));
	free_feed(f);
	/* An empty feed has nothing to page from. */
	f = feed_of(FEED_KIND_RSS, wp, 0);
	assert_false(paged_applies(f));
	free_feed(f);
	assert_false(paged_applies(NULL));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(adds_paged_to_the_feed_url),
	    cmocka_unit_test(page_one_is_the_url_without_paged),
	    cmocka_unit_test(pages_rss_feeds_with_wordpress_guids_only),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
