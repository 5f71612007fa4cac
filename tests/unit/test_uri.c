/*
 * test_uri -- reference resolution (the examples of RFC 3986 5.4 and the
 * cases feeds give) and scheme checks.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "uri.h"
#include "util.h"

static void
check(const char *base, const char *ref, const char *want)
{
	char *got = uri_resolve(base, ref);

	if (want == NULL) {
		assert_null(got);
		return;
	}
	if (got == NULL)
		fail_msg("%s + %s: NULL, want %s", base, ref, want);
	if (strcmp(got, want) != 0)
		fail_msg("%s + %s: %s, want %s", base, ref, got, want);
	free(got);
}

static void
rfc3986_normal_examples(void **state)
{
	static const char *const t[][2] = {
	    {"g:h", "g:h"},
	    {"g", "http://a/b/c/g"},
	    {"./g", "http://a/b/c/g"},
	    {"g/", "http://a/b/c/g/"},
	    {"/g", "http://a/g"},
	    {"//g", "http://g"},
	    {"?y", "http://a/b/c/d;p?y"},
	    {"g?y", "http://a/b/c/g?y"},
	    {"#s", "http://a/b/c/d;p?q#s"},
	    {"g#s", "http://a/b/c/g#s"},
	    {"g?y#s", "http://a/b/c/g?y#s"},
	    {";x", "http://a/b/c/;x"},
	    {"g;x", "http://a/b/c/g;x"},
	    {"g;x?y#s", "http://a/b/c/g;x?y#s"},
	    {"", "http://a/b/c/d;p?q"},
	    {".", "http://a/b/c/"},
	    {"./", "http://a/b/c/"},
	    {"..", "http://a/b/"},
	    {"../", "http://a/b/"},
	    {"../g", "http://a/b/g"},
	    {"../..", "http://a/"},
	    {"../../", "http://a/"},
	    {"../../g", "http://a/g"},
	};
	size_t i;

	(void)state;
	for (i = 0; i < NITEMS(t); i++)
		check("http://a/b/c/d;p?q", t[i][0], t[i][1]);
}

static void
rfc3986_abnormal_examples(void **state)
{
	static const char *const t[][2] = {
	    {"../../../g", "http://a/g"},
	    {"../../../../g", "http://a/g"},
	    {"/./g", "http://a/g"},
	    {"/../g", "http://a/g"},
	    {"g.", "http://a/b/c/g."},
	    {".g", "http://a/b/c/.g"},
	    {"g..", "http://a/b/c/g.."},
	    {"..g", "http://a/b/c/..g"},
	    {"./../g", "http://a/b/g"},
	    {"./g/.", "http://a/b/c/g/"},
	    {"g/./h", "http://a/b/c/g/h"},
	    {"g/../h", "http://a/b/c/h"},
	    {"g;x=1/./y", "http://a/b/c/g;x=1/y"},
	    {"g;x=1/../y", "http://a/b/c/y"},
	    {"g?y/./x", "http://a/b/c/g?y/./x"},
	    {"g?y/../x", "http://a/b/c/g?y/../x"},
	    {"g#s/./x", "http://a/b/c/g#s/./x"},
	    {"g#s/../x", "http://a/b/c/g#s/../x"},
	    {"http:g", "http:g"},
	};
	size_t i;

	(void)state;
	for (i = 0; i < NITEMS(t); i++)
		check("http://a/b/c/d;p?q", t[i][0], t[i][1]);
}

static void
feed_links_are_cleaned_and_resolved(void **state)
{
	(void)state;
	/* The fixtures' cases (atom-feed.xml). */
	check("https://ifpnews.com/2024/11/",
	    "../../iran-russia-fms-syria-fighting-terrorists/",
	    "https://ifpnews.com/iran-russia-fms-syria-fighting-terrorists/");
	check("https://ifpnews.com/category/defense/", "../news/diplomacy/",
	    "https://ifpnews.com/category/news/diplomacy/");
	check("https://ifpnews.com", "/tag/syria/",
	    "https://ifpnews.com/tag/syria/");
	check("https://ifpnews.com", "x", "https://ifpnews.com/x");
	/* Spaces around and newlines inside, as feeds write them. */
	check(NULL, "\n\t https://a.test/p\n  ", "https://a.test/p");
	check("https://a.test/", " b\nc ", "https://a.test/bc");
	check("HTTPS://A.test/x/", "y", "https://A.test/x/y");
	check("http://a.test/x/", "HTTP://b.test/./c", "http://b.test/c");
	/* Nothing to resolve against: the reference as it is. */
	check(NULL, "relative/path", "relative/path");
	check("not absolute", "rel", "rel");
	check("http://a.test/", NULL, NULL);
	check(NULL, "   ", NULL);
	check("http://a/b", "   ", "http://a/b");
	check("mailto:x@y", "#f", "mailto:x@y#f");
}

static void
only_http_and_https_urls_may_be_opened(void **state)
{
	(void)state;
	assert_true(uri_is_http("https://ifpnews.com/"));
	assert_true(uri_is_http("http://a.test"));
	assert_true(uri_is_http("HTTP://user@a.test:8080/x"));
	assert_false(uri_is_http("javascript:alert(1)"));
	assert_false(uri_is_http("file:///etc/passwd"));
	assert_false(uri_is_http("https:///nohost"));
	assert_false(uri_is_http("https://:80/"));
	assert_false(uri_is_http("http:relative"));
	assert_false(uri_is_http("https://a.test/\x1b[2J"));
	assert_false(uri_is_http("https://a.test/ x"));
	assert_false(uri_is_http("-https://a.test/"));
	assert_false(uri_is_http(""));
	assert_true(uri_is_absolute("g:h"));
	assert_false(uri_is_absolute("/a:b"));
	assert_false(uri_is_absolute("1a:b"));
	assert_true(uri_has_scheme("FILE:///x", "file"));
	assert_false(uri_has_scheme("files:///x", "file"));
}

static void
same_host_compares_host_and_port_only(void **state)
{
	(void)state;
	assert_true(uri_same_host("https://ifpnews.com/feed/",
	    "https://ifpnews.com/iran-russia-fms-syria-fighting-terrorists/"));
	assert_true(uri_same_host("https://IFPnews.com/feed/",
	    "http://user:pw@ifpnews.COM?p=1"));
	assert_true(uri_same_host("http://127.0.0.1:8080/feed/",
	    "http://127.0.0.1:8080/a/#x"));
	assert_false(uri_same_host("http://127.0.0.1:8080/feed/",
	    "http://127.0.0.1:8081/feed/"));
	assert_false(uri_same_host("https://ifpnews.com/feed/",
	    "https://ifpnews.com.evil.test/"));
	assert_false(uri_same_host("https://ifpnews.com/feed/",
	    "https://evil.test/@ifpnews.com"));
	assert_false(uri_same_host("https://ifpnews.com/feed/",
	    "https://www.ifpnews.com/"));
	assert_false(uri_same_host("/feed/", "/feed/"));
	assert_false(uri_same_host("file:///feed", "file:///feed"));
	assert_false(uri_same_host(NULL, "https://ifpnews.com/"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(rfc3986_normal_examples),
	    cmocka_unit_test(rfc3986_abnormal_examples),
	    cmocka_unit_test(feed_links_are_cleaned_and_resolved),
	    cmocka_unit_test(only_http_and_https_urls_may_be_opened),
	    cmocka_unit_test(same_host_compares_host_and_port_only),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
