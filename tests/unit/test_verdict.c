/*
 * test_verdict -- the one-line verdict of --check and of the reader's
 * header: what a feed is, and failures with their likely cause.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "util.h"
#include "verdict.h"

static void
check_feed(enum feed_kind kind, const char *version, size_t n, const char *want)
{
	struct feed f;
	char *got;

	memset(&f, 0, sizeof(f));
	f.kind = kind;
	memcpy(f.version, version, strlen(version) + 1);
	f.nitems = n;
	got = verdict_feed(&f);
	if (strcmp(got, want) != 0)
		fail_msg("got \"%s\", want \"%s\"", got, want);
	free(got);
}

static void
a_feed_is_its_format_version_and_posts(void **unused)
{
	(void)unused;
	check_feed(FEED_KIND_RSS, "2.0", 12, "RSS 2.0, 12 posts");
	check_feed(FEED_KIND_RSS, "0.91", 1, "RSS 0.91, 1 post");
	check_feed(FEED_KIND_RSS, "", 0, "RSS, 0 posts");
	check_feed(FEED_KIND_RDF, "1.0", 3, "RSS 1.0, 3 posts");
	check_feed(FEED_KIND_ATOM, "1.0", 4, "Atom 1.0, 4 posts");
	check_feed(FEED_KIND_ATOM, "", 4, "Atom, 4 posts");
}

static void
check_error(const char *error, bool html, const char *want)
{
	char *got = verdict_error(error, html);

	if (strcmp(got, want) != 0)
		fail_msg("%s: got \"%s\", want \"%s\"", error, got, want);
	free(got);
}

static void
failures_get_their_likely_cause(void **unused)
{
	(void)unused;
	check_error("HTTP 403 Forbidden", false,
	    "HTTP 403 Forbidden — the site refuses this client; try another "
	    "user-agent");
	/* The status decides, whatever the page. */
	check_error("HTTP 403 Forbidden", true,
	    "HTTP 403 Forbidden — the site refuses this client; try another "
	    "user-agent");
	check_error("HTTP 403", false,
	    "HTTP 403 — the site refuses this client; try another "
	    "user-agent");
	check_error("HTTP 401 Unauthorized", false,
	    "HTTP 401 Unauthorized — the feed needs a login");
	check_error("HTTP 404 Not Found", false,
	    "HTTP 404 Not Found — no feed at this address; has it moved?");
	check_error("HTTP 410 Gone", false,
	    "HTTP 410 Gone — no feed at this address; has it moved?");
	check_error("HTTP 429 Too Many Requests", false,
	    "HTTP 429 Too Many Requests — the site limits how often it is "
	    "asked; try later");
	check_error("HTTP 503 Service Unavailable", false,
	    "HTTP 503 Service Unavailable — the site has trouble; try later");
	check_error("not a feed: HTML page", false,
	    "HTML page, not a feed — a bot check or a login page?");
	check_error("not a feed: root element <foo>", true,
	    "HTML page, not a feed — a bot check or a login page?");
	check_error("could not resolve host example.org", false,
	    "DNS lookup failed for example.org");
	check_error("connection refused", false,
	    "connection refused — is the server down, or the port wrong?");
	check_error(NULL, false, "failed");
}

static void
other_failures_are_left_as_they_are(void **unused)
{
	static const char *const same[] = {
	    "HTTP 418 I'm a teapot",
	    "HTTP 4040 Weird",
	    "HTTP 40",
	    "HTTP 304x",
	    "timed out after 30 s",
	    "TLS certificate not trusted: self-signed certificate",
	    "not a feed: root element <foo>",
	    "empty document, not a feed",
	    "connection refused by the moon",
	    "",
	};
	size_t i;

	(void)unused;
	for (i = 0; i < NITEMS(same); i++)
		check_error(same[i], false, same[i]);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(a_feed_is_its_format_version_and_posts),
	    cmocka_unit_test(failures_get_their_likely_cause),
	    cmocka_unit_test(other_failures_are_left_as_they_are),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
