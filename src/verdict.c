/*
 * verdict -- what a feed is, or what went wrong.  See verdict.h.
 */
#include "verdict.h"

#include <stdlib.h>
#include <string.h>

#include "util.h"

#define HTML_PAGE "HTML page, not a feed — a bot check or a login page?"

static const char *
kind_name(enum feed_kind k)
{
	switch (k) {
	case FEED_KIND_RSS:
		return "RSS";
	case FEED_KIND_RDF: /* RSS 1.0 and 0.90 */
		return "RSS";
	case FEED_KIND_ATOM:
		return "Atom";
	case FEED_KIND_UNKNOWN:
		break;
	}
	return "unknown format";
}

char *
verdict_feed(const struct feed *f)
{
	return xasprintf("%s%s%s, %zu post%s", kind_name(f->kind),
	    f->version[0] != '\0' ? " " : "", f->version, f->nitems,
	    f->nitems == 1 ? "" : "s");
}

/* The likely cause of an HTTP status, or NULL. */
static const char *
http_hint(int code)
{
	switch (code) {
	case 401:
		return "the feed needs a login";
	case 403:
		return "the site refuses this client; try another user-agent";
	case 404:
	case 410:
		return "no feed at this address; has it moved?";
	case 429:
		return "the site limits how often it is asked; try later";
	}
	if (code >= 500 && code <= 599)
		return "the site has trouble; try later";
	return NULL;
}

/* The status of "HTTP NNN ..."; 0 when error is not one. */
static int
http_code(const char *error)
{
	const char *d = error + 5;

	if (strncmp(error, "HTTP ", 5) != 0 || d[0] < '1' || d[0] > '9' ||
	    d[1] < '0' || d[1] > '9' || d[2] < '0' || d[2] > '9' ||
	    (d[3] != '\0' && d[3] != ' '))
		return 0;
	return (d[0] - '0') * 100 + (d[1] - '0') * 10 + (d[2] - '0');
}

static bool
prefix(const char *s, const char *p)
{
	return strncmp(s, p, strlen(p)) == 0;
}

char *
verdict_error(const char *error, bool html)
{
	const char *hint;

	if (error == NULL)
		error = "failed";
	hint = http_hint(http_code(error));
	if (hint != NULL)
		return xasprintf("%s — %s", error, hint);
	if (html || prefix(error, "not a feed: HTML page"))
		return xstrdup(HTML_PAGE);
	if (prefix(error, "could not resolve host "))
		return xasprintf("DNS lookup failed for %s",
		    error + strlen("could not resolve host "));
	if (strcmp(error, "connection refused") == 0)
		return xstrdup("connection refused — is the server down, or "
		               "the port wrong?");
	return xstrdup(error);
}
