/*
 * cmd_check -- --check URL: what a user needs when a feed fails.
 */
#include "cmd.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "feed.h"
#include "net.h"
#include "utf8.h"
#include "util.h"
#include "verdict.h"

#define LABEL "%-11s"

/* Print s sanitized, every line indented (multi-line header blocks). */
static void
print_block(const char *s)
{
	const char *nl;
	char *line;

	while (*s != '\0') {
		nl = strchr(s, '\n');
		if (nl == NULL)
			nl = s + strlen(s);
		line = xstrndup(s, (size_t)(nl - s));
		if (strlen(line) > 0 && line[strlen(line) - 1] == '\r')
			line[strlen(line) - 1] = '\0';
		if (*line != '\0') {
			char *clean = utf8_sanitize_str(line, UTF8_ONELINE);

			printf("%11s%s\n", "", clean);
			free(clean);
		}
		free(line);
		s = *nl != '\0' ? nl + 1 : nl;
	}
}

/* Print "LABEL value" with value sanitized to one line. */
static void
field(const char *label, const char *value)
{
	char *clean =
	    utf8_sanitize_str(value != NULL ? value : "-", UTF8_ONELINE);

	printf(LABEL "%s\n", label, clean);
	free(clean);
}

static void
ms(struct buf *b, const char *name, int64_t us)
{
	if (us > 0)
		buf_printf(b, "%s%s %.1f ms", b->len > 0 ? ", " : "", name,
		    (double)us / 1000);
}

/* Whether the body looks like an HTML page. */
static bool
looks_html(const struct net_response *resp)
{
	const char *p = resp->body.data;
	size_t n = resp->body.len;

	if (resp->content_type != NULL &&
	    strncasecmp(resp->content_type, "text/html", 9) == 0)
		return true;
	if (p == NULL)
		return false;
	if (n >= 3 && memcmp(p, "\xef\xbb\xbf", 3) == 0) {
		p += 3;
		n -= 3;
	}
	while (n > 0 && isspace((unsigned char)*p)) {
		p++;
		n--;
	}
	return (n >= 14 && strncasecmp(p, "<!doctype html", 14) == 0) ||
	    (n >= 5 && strncasecmp(p, "<html", 5) == 0);
}

/* The <title> of an HTML page, or NULL; caller frees. */
static char *
html_title(const char *p)
{
	const char *a, *b;
	char *t;

	a = p != NULL ? strstr(p, "<title") : NULL;
	if (a == NULL)
		a = p != NULL ? strstr(p, "<TITLE") : NULL;
	if (a == NULL || (a = strchr(a, '>')) == NULL)
		return NULL;
	a++;
	b = strchr(a, '<');
	if (b == NULL || b - a > 200)
		return NULL;
	t = xstrndup(a, (size_t)(b - a));
	return t;
}

/*
 * Parse the body and report it; the verdict goes to *verdict (caller
 * frees).  0 when it is a clean feed.
 */
static int
report_parse(const struct net_response *resp, const struct load_opts *lo,
    char **verdict)
{
	struct feed_parse_opts po;
	struct feed *f = NULL;
	char *cause = NULL, *msg, *title, *what;
	int rc = -1;

	if (resp->body.len == 0) {
		field("parse", "empty body");
		*verdict = verdict_error("empty body, not a feed", false);
		return -1;
	}
	memset(&po, 0, sizeof(po));
	po.url = resp->final_url;
	po.charset = resp->charset;
	po.max_size = lo->max_size;
	po.flags = FEED_PARSE_NO_CONTENT;
	if (feed_parse(resp->body.data, resp->body.len, &po, &f, &cause) ==
	    -1) {
		title = looks_html(resp) ? html_title(resp->body.data) : NULL;
		msg = xasprintf("%s%s%s%s", cause,
		    title != NULL ? " (title: \"" : "",
		    title != NULL ? title : "", title != NULL ? "\")" : "");
		field("parse", msg);
		*verdict = verdict_error(cause, looks_html(resp));
		free(title);
		free(msg);
		free(cause);
		return -1;
	}
	what = verdict_feed(f);
	msg = xasprintf("\"%s\": %s%s%s", f->title != NULL ? f->title : "",
	    what, f->damage != NULL ? "; damaged: " : "",
	    f->damage != NULL ? f->damage : "");
	field("parse", msg);
	if (f->damage != NULL)
		*verdict = xasprintf("%s, but damaged: %s", what, f->damage);
	else {
		*verdict = what;
		what = NULL;
		rc = 0;
	}
	free(what);
	free(msg);
	feed_free(f);
	return rc;
}

int
cmd_check(const char *url, const struct load_opts *lo)
{
	struct net *net;
	struct net_opts no;
	struct net_response *resp;
	struct load_result res;
	struct buf b;
	char *cause = NULL, *msg, *verdict = NULL;
	size_t i;
	int rc = 1;

	field("url", url);
	if (load_is_local(url)) {
		field("request", "a local file: no network");
		if (load_cached(url, lo, &res) == 0) {
			verdict = verdict_feed(res.feed);
			msg = xasprintf("\"%s\": %s",
			    res.feed->title != NULL ? res.feed->title : "",
			    verdict);
			field("parse", msg);
			free(msg);
			rc = 0;
		} else {
			field("parse", res.error);
			verdict = verdict_error(res.error, false);
		}
		field("verdict", verdict);
		free(verdict);
		load_result_clear(&res);
		return rc;
	}
	if (!net_is_http(url)) {
		field("verdict", "not an http or https URL");
		return 1;
	}
	if (lo->offline) {
		field("verdict", "--offline: --check always uses the network");
		return 1;
	}
	net = net_new(&cause);
	if (net == NULL) {
		field("verdict", cause);
		free(cause);
		return 1;
	}
	memset(&no, 0, sizeof(no));
	no.timeout_ms = lo->timeout_ms;
	no.max_size = lo->max_size;
	no.user_agent = lo->user_agent;
	no.trace = true;
	resp = net_fetch(net, url, &no);

	for (i = 0; i < resp->nhops; i++) {
		const struct net_hop *h = &resp->hops[i];

		msg = xasprintf("GET %s", h->url);
		field(i == 0 ? "request" : "redirected", msg);
		free(msg);
		if (h->request != NULL)
			print_block(h->request);
		msg = xasprintf("HTTP %ld %s", h->code, h->reason);
		field("response", msg);
		free(msg);
		print_block(h->headers);
	}
	if (resp->nhops == 0)
		field("request", url);
	if (resp->ip != NULL)
		field("address", resp->ip);
	if (resp->nhops > 1) {
		msg = xasprintf("%zu (final URL %s)", resp->nhops - 1,
		    resp->final_url);
		field("redirects", msg);
		free(msg);
	}
	if (resp->code != 0) {
		field("type",
		    resp->content_type != NULL ? resp->content_type
		                               : "(no Content-Type)");
		msg = xasprintf("%zu bytes (%llu on the wire)", resp->body.len,
		    (unsigned long long)resp->wire_bytes);
		field("body", msg);
		free(msg);
	}
	if (resp->status == NET_OK)
		rc = report_parse(resp, lo, &verdict) == 0 ? 0 : 1;
	else if (resp->body.len > 0 && looks_html(resp)) {
		msg = html_title(resp->body.data);
		if (msg != NULL)
			field("page title", msg);
		free(msg);
	}
	buf_init(&b, 4096);
	ms(&b, "resolve", resp->t.resolve);
	ms(&b, "connect", resp->t.connect);
	ms(&b, "TLS", resp->t.tls);
	ms(&b, "redirects", resp->t.redirect);
	ms(&b, "first byte", resp->t.first_byte);
	ms(&b, "total", resp->t.total);
	field("timings", buf_str(&b));
	buf_clear(&b);
	if (verdict == NULL)
		verdict = verdict_error(resp->error, false);
	field("verdict", verdict);
	free(verdict);
	net_response_free(resp);
	net_free(net);
	return rc;
}
