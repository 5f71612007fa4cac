/*
 * net -- HTTP(S) fetching on libcurl's multi interface.
 */
#include "net.h"

#include <errno.h>
#include <limits.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <curl/curl.h>

#include "dynlib.h"
#include "uri.h"
#include "util.h"

#define MAX_HOPS 16  /* responses kept: redirects, 1xx, the final */
#define MAX_TEXT 200 /* bytes of server text put in a message */
#define FEED_ACCEPT                                                            \
	"Accept: application/rss+xml, application/atom+xml, "                  \
	"application/rdf+xml;q=0.9, application/xml;q=0.9, "                   \
	"text/xml;q=0.9, */*;q=0.8"

enum net_abort {
	ABORT_NONE,
	ABORT_TOOBIG,  /* the decoded body passed max_size */
	ABORT_HEADERS, /* a response's headers passed NET_MAX_HEADERS */
	ABORT_WRITE,   /* net_opts.write refused the body */
};

struct net {
	CURLM *multi;
	struct net_request *reqs; /* requests in flight; owned */
	size_t nreqs;
};

struct net_request {
	struct net *net; /* borrowed */
	struct net_request *prev, *next;
	CURL *easy;
	struct curl_slist *headers;
	struct net_response *resp; /* being filled; owned */
	long timeout_ms;
	size_t max_size;
	bool conditional; /* sent If-None-Match or If-Modified-Since */
	size_t hdr_bytes; /* header bytes of the current response */
	enum net_abort abort;
	struct buf sent; /* request headers not yet given to a hop (trace) */
	bool (
	    *write)(const struct net_response *, const char *, size_t, void *);
	bool body_started; /* the final response's body has begun */
	bool streaming;    /* ... and goes to write() */
	uint64_t streamed; /* bytes given to write() */
	void (*done)(struct net_response *, void *);
	void *arg;
	bool retried; /* started again on a fresh connection (retry()) */
	char errbuf[CURL_ERROR_SIZE];
};

static unsigned global_users; /* nets alive: curl_global_* pairing */

/*
 * libcurl, loaded on the first net_new() rather than linked: with its
 * TLS, LDAP, SSH and Kerberos libraries it is some thirty objects for
 * the dynamic loader, which tripled the start of every run (--version,
 * an offline or cached list, a local file).  Only the functions below
 * are used; a missing one (a libcurl older than 7.85) fails the load.
 */
#ifndef IFP_CURL_SONAME
#define IFP_CURL_SONAME "libcurl.so.4"
#endif
static struct curl_api {
	void *lib; /* the dlopen handle, kept for the life of the process */
	CURLcode (*global_init)(long);
	void (*global_cleanup)(void);
	CURL *(*easy_init)(void);
	CURLcode (*easy_setopt)(CURL *, CURLoption, ...);
	CURLcode (*easy_getinfo)(CURL *, CURLINFO, ...);
	void (*easy_cleanup)(CURL *);
	const char *(*easy_strerror)(CURLcode);
	CURLM *(*multi_init)(void);
	CURLMcode (*multi_add_handle)(CURLM *, CURL *);
	CURLMcode (*multi_remove_handle)(CURLM *, CURL *);
	CURLMcode (
	    *multi_poll)(CURLM *, struct curl_waitfd *, unsigned, int, int *);
	CURLMcode (*multi_perform)(CURLM *, int *);
	CURLMsg *(*multi_info_read)(CURLM *, int *);
	CURLMcode (*multi_cleanup)(CURLM *);
	struct curl_slist *(*slist_append)(struct curl_slist *, const char *);
	void (*slist_free_all)(struct curl_slist *);
	CURLU *(*url)(void);
	CURLUcode (*url_set)(CURLU *, CURLUPart, const char *, unsigned);
	CURLUcode (*url_get)(const CURLU *, CURLUPart, char **, unsigned);
	void (*url_cleanup)(CURLU *);
	void (*free)(void *);
} api;

/* Load libcurl once; 0, or -1 with *cause set (caller frees). */
static int
api_load(char **cause)
{
#define SYM(f)                                                                 \
	{                                                                      \
		"curl_" #f, offsetof(struct curl_api, f)                       \
	}
	static const struct dynlib_sym syms[] = {
	    SYM(global_init),
	    SYM(global_cleanup),
	    SYM(easy_init),
	    SYM(easy_setopt),
	    SYM(easy_getinfo),
	    SYM(easy_cleanup),
	    SYM(easy_strerror),
	    SYM(multi_init),
	    SYM(multi_add_handle),
	    SYM(multi_remove_handle),
	    SYM(multi_poll),
	    SYM(multi_perform),
	    SYM(multi_info_read),
	    SYM(multi_cleanup),
	    SYM(slist_append),
	    SYM(slist_free_all),
	    SYM(url),
	    SYM(url_set),
	    SYM(url_get),
	    SYM(url_cleanup),
	    SYM(free),
	};
#undef SYM
	struct curl_api a;
	char *err = NULL;

	if (api.lib != NULL)
		return 0;
	memset(&a, 0, sizeof(a));
	a.lib = dynlib_open(IFP_CURL_SONAME, syms, NITEMS(syms), &a, &err);
	if (a.lib == NULL) {
		/* A missing symbol: a libcurl older than 7.85. */
		*cause = xasprintf("cannot load libcurl: %s%s", err,
		    strstr(err, ": no curl_") != NULL
		        ? " (libcurl older than 7.85?)"
		        : "");
		free(err);
		return -1;
	}
	api = a;
	return 0;
}

bool
net_is_http(const char *url)
{
	return strncasecmp(url, "http://", 7) == 0 ||
	    strncasecmp(url, "https://", 8) == 0;
}

/*
 * A copy of n bytes of server text fit for a message: printable ASCII,
 * anything else as '?', at most MAX_TEXT bytes.
 */
static char *
ascii_text(const char *s, size_t n)
{
	char *out;
	size_t i;

	if (n > MAX_TEXT)
		n = MAX_TEXT;
	out = xstrndup(s, n);
	for (i = 0; out[i] != '\0'; i++)
		if ((unsigned char)out[i] < 0x20 ||
		    (unsigned char)out[i] > 0x7e)
			out[i] = '?';
	return out;
}

/* Whether a header value can be sent back verbatim (no CR, LF, NUL...). */
static bool
header_safe(const char *s)
{
	for (; *s != '\0'; s++)
		if ((unsigned char)*s < 0x20 || (unsigned char)*s == 0x7f)
			return false;
	return true;
}

static const char *
reason_default(long code)
{
	static const struct {
		long code;
		const char *text;
	} tab[] = {
	    {200, "OK"},
	    {204, "No Content"},
	    {301, "Moved Permanently"},
	    {302, "Found"},
	    {303, "See Other"},
	    {304, "Not Modified"},
	    {307, "Temporary Redirect"},
	    {308, "Permanent Redirect"},
	    {400, "Bad Request"},
	    {401, "Unauthorized"},
	    {403, "Forbidden"},
	    {404, "Not Found"},
	    {405, "Method Not Allowed"},
	    {406, "Not Acceptable"},
	    {408, "Request Timeout"},
	    {410, "Gone"},
	    {429, "Too Many Requests"},
	    {500, "Internal Server Error"},
	    {501, "Not Implemented"},
	    {502, "Bad Gateway"},
	    {503, "Service Unavailable"},
	    {504, "Gateway Timeout"},
	};
	size_t i;

	for (i = 0; i < NITEMS(tab); i++)
		if (tab[i].code == code)
			return tab[i].text;
	return "";
}

/* The charset parameter of a Content-Type value, or NULL. */
static char *
content_charset(const char *ct)
{
	const char *p, *q;
	size_t n;

	for (p = strchr(ct, ';'); p != NULL; p = strchr(p, ';')) {
		p++;
		p += strspn(p, " \t");
		if (strncasecmp(p, "charset", 7) != 0)
			continue;
		q = p + 7 + strspn(p + 7, " \t");
		if (*q != '=')
			continue;
		q++;
		q += strspn(q, " \t\"'");
		n = strspn(q,
		    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
		    "0123456789-_.:");
		if (n == 0 || n > 40)
			return NULL;
		return xstrndup(q, n);
	}
	return NULL;
}

/* Replace *field with a copy of v[0..n) without surrounding blanks. */
static void
set_field(char **field, const char *v, size_t n)
{
	while (n > 0 && (*v == ' ' || *v == '\t')) {
		v++;
		n--;
	}
	while (n > 0 && (v[n - 1] == ' ' || v[n - 1] == '\t'))
		n--;
	free(*field);
	*field = xstrndup(v, n);
}

/* A status line starts a new response ("HTTP/1.1 301 Moved"). */
static void
hop_begin(struct net_request *r, const char *line, size_t n)
{
	struct net_response *resp = r->resp;
	struct net_hop *h;
	const char *p, *end = line + n;
	char *url = NULL;
	long code = 0;

	r->hdr_bytes = 0;
	free(resp->content_type);
	free(resp->etag);
	free(resp->last_modified);
	resp->content_type = resp->etag = resp->last_modified = NULL;
	if (resp->nhops == MAX_HOPS)
		return;
	resp->hops =
	    xreallocarray(resp->hops, resp->nhops + 1, sizeof(*resp->hops));
	h = &resp->hops[resp->nhops++];
	memset(h, 0, sizeof(*h));
	api.easy_getinfo(r->easy, CURLINFO_EFFECTIVE_URL, &url);
	h->url = xstrdup(url != NULL ? url : resp->url);
	p = memchr(line, ' ', n);
	if (p != NULL) {
		p++;
		while (p < end && *p >= '0' && *p <= '9' && code < 1000)
			code = code * 10 + (*p++ - '0');
		if (p < end && *p == ' ')
			p++;
	} else
		p = end;
	h->code = code;
	while (end > p && (end[-1] == '\n' || end[-1] == '\r'))
		end--;
	h->reason = ascii_text(p, (size_t)(end - p));
	h->headers = xstrdup("");
	if (r->sent.len > 0)
		h->request = buf_detach(&r->sent, NULL);
}

/* One header line of the current response. */
static void
hop_header(struct net_request *r, const char *line, size_t n)
{
	struct net_response *resp = r->resp;
	struct net_hop *h;
	const char *colon;
	size_t name, len;

	while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
		n--;
	if (n == 0 || resp->nhops == 0)
		return;
	h = &resp->hops[resp->nhops - 1];
	len = strlen(h->headers);
	h->headers = xreallocarray(h->headers, len + n + 2, 1);
	memcpy(h->headers + len, line, n);
	h->headers[len + n] = '\n';
	h->headers[len + n + 1] = '\0';

	colon = memchr(line, ':', n);
	if (colon == NULL)
		return;
	name = (size_t)(colon - line);
	colon++;
	len = n - name - 1;
#define IS(s) (name == sizeof(s) - 1 && strncasecmp(line, s, name) == 0)
	if (IS("content-type"))
		set_field(&resp->content_type, colon, len);
	else if (IS("etag"))
		set_field(&resp->etag, colon, len);
	else if (IS("last-modified"))
		set_field(&resp->last_modified, colon, len);
	else if (IS("location"))
		set_field(&h->location, colon, len);
#undef IS
}

static size_t
header_cb(char *p, size_t size, size_t n, void *arg)
{
	struct net_request *r = arg;

	(void)size; /* always 1 */
	r->hdr_bytes += n;
	if (r->hdr_bytes > NET_MAX_HEADERS) {
		r->abort = ABORT_HEADERS;
		return 0;
	}
	if (n >= 5 && memcmp(p, "HTTP/", 5) == 0)
		hop_begin(r, p, n);
	else
		hop_header(r, p, n);
	return n;
}

/* With CURLOPT_VERBOSE (trace): keep the request headers, drop the rest. */
static int
debug_cb(CURL *e, curl_infotype type, char *p, size_t n, void *arg)
{
	struct net_request *r = arg;

	(void)e;
	if (type == CURLINFO_HEADER_OUT) {
		buf_reset(&r->sent);
		buf_add(&r->sent, p, n);
	}
	return 0;
}

/*
 * The first byte of the final response's body (libcurl hands over no
 * body of a redirect it follows): a 2xx goes to write() when there is
 * one, with what the caller needs to know about it first.
 */
static void
body_begin(struct net_request *r)
{
	struct net_response *resp = r->resp;
	char *url = NULL;
	long code = 0;

	r->body_started = true;
	api.easy_getinfo(r->easy, CURLINFO_RESPONSE_CODE, &code);
	if (r->write == NULL || code < 200 || code > 299)
		return;
	r->streaming = true;
	api.easy_getinfo(r->easy, CURLINFO_EFFECTIVE_URL, &url);
	free(resp->final_url);
	resp->final_url = xstrdup(url != NULL ? url : resp->url);
	free(resp->charset);
	resp->charset = resp->content_type != NULL
	    ? content_charset(resp->content_type)
	    : NULL;
}

static size_t
body_cb(char *p, size_t size, size_t n, void *arg)
{
	struct net_request *r = arg;
	struct buf *b = &r->resp->body;
	size_t cap;

	(void)size; /* always 1 */
	if (!r->body_started)
		body_begin(r);
	if (r->streaming) {
		r->streamed += n;
		if (r->streamed > r->max_size) {
			r->abort = ABORT_TOOBIG;
			return 0;
		}
		if (!r->write(r->resp, p, n, r->arg)) {
			r->abort = ABORT_WRITE;
			return 0;
		}
		return n;
	}
	/*
	 * Grow by doubling, but never past the cap (+ the NUL): a body that
	 * reaches it costs max_size bytes, not twice that.
	 */
	if (b->len + n + 1 > b->cap && b->len + n <= b->max) {
		cap = b->cap > 0 ? b->cap : 16384;
		while (cap < b->len + n + 1)
			cap *= 2;
		if (cap > b->max + 1)
			cap = b->max + 1;
		b->data = xreallocarray(b->data, cap, 1);
		b->cap = cap;
	}
	if (buf_add(b, p, n) == -1) {
		r->abort = ABORT_TOOBIG;
		return 0;
	}
	return n;
}

struct net *
net_new(char **cause)
{
	struct net *net;

	if (api_load(cause) == -1)
		return NULL;
	if (global_users == 0 && api.global_init(CURL_GLOBAL_DEFAULT) != 0) {
		*cause = xstrdup("cannot initialize libcurl");
		return NULL;
	}
	global_users++;
	net = xcalloc(1, sizeof(*net));
	net->multi = api.multi_init();
	if (net->multi == NULL) {
		*cause = xstrdup("cannot initialize libcurl");
		free(net);
		if (--global_users == 0)
			api.global_cleanup();
		return NULL;
	}
	return net;
}

static void
request_free(struct net_request *r)
{
	struct net *net = r->net;

	if (r->prev != NULL)
		r->prev->next = r->next;
	else
		net->reqs = r->next;
	if (r->next != NULL)
		r->next->prev = r->prev;
	net->nreqs--;
	api.multi_remove_handle(net->multi, r->easy);
	api.easy_cleanup(r->easy);
	api.slist_free_all(r->headers);
	net_response_free(r->resp);
	buf_clear(&r->sent);
	free(r);
}

void
net_free(struct net *net)
{
	if (net == NULL)
		return;
	while (net->reqs != NULL)
		request_free(net->reqs);
	api.multi_cleanup(net->multi);
	free(net);
	if (--global_users == 0)
		api.global_cleanup();
}

static int
add_header(struct net_request *r, const char *h)
{
	struct curl_slist *l;

	l = api.slist_append(r->headers, h);
	if (l == NULL)
		return -1;
	r->headers = l;
	return 0;
}

struct net_request *
net_start(struct net *net, const char *url, const struct net_opts *o,
    char **cause)
{
	struct net_request *r;
	CURL *e;
	char *h;
	int bad = 0;

	if (!net_is_http(url)) {
		*cause = xstrdup("not an http or https URL");
		return NULL;
	}
	e = api.easy_init();
	if (e == NULL) {
		*cause = xstrdup("cannot initialize libcurl");
		return NULL;
	}
	r = xcalloc(1, sizeof(*r));
	r->net = net;
	r->easy = e;
	r->timeout_ms = o->timeout_ms > 0 ? o->timeout_ms : NET_TIMEOUT_DEFAULT;
	r->max_size = o->max_size > 0 ? o->max_size : NET_MAX_SIZE_DEFAULT;
	r->done = o->done;
	r->write = o->write;
	r->arg = o->arg;
	r->resp = xcalloc(1, sizeof(*r->resp));
	r->resp->url = xstrdup(url);
	buf_init(&r->resp->body, r->max_size);
	buf_init(&r->sent, NET_MAX_HEADERS);

	bad |= add_header(r, o->accept != NULL ? o->accept : FEED_ACCEPT);
	if (o->etag != NULL && *o->etag != '\0' && header_safe(o->etag)) {
		h = xasprintf("If-None-Match: %s", o->etag);
		bad |= add_header(r, h);
		free(h);
		r->conditional = true;
	}
	if (o->last_modified != NULL && *o->last_modified != '\0' &&
	    header_safe(o->last_modified)) {
		h = xasprintf("If-Modified-Since: %s", o->last_modified);
		bad |= add_header(r, h);
		free(h);
		r->conditional = true;
	}

	bad |= api.easy_setopt(e, CURLOPT_URL, url) != CURLE_OK;
	bad |=
	    api.easy_setopt(e, CURLOPT_PROTOCOLS_STR, "http,https") != CURLE_OK;
	bad |= api.easy_setopt(e, CURLOPT_REDIR_PROTOCOLS_STR, "http,https") !=
	    CURLE_OK;
	bad |= api.easy_setopt(e, CURLOPT_FOLLOWLOCATION, 1L) != CURLE_OK;
	bad |= api.easy_setopt(e, CURLOPT_MAXREDIRS, (long)NET_MAX_REDIRECTS) !=
	    CURLE_OK;
	bad |= api.easy_setopt(e, CURLOPT_SSL_VERIFYPEER, 1L) != CURLE_OK;
	bad |= api.easy_setopt(e, CURLOPT_SSL_VERIFYHOST, 2L) != CURLE_OK;
	bad |= api.easy_setopt(e, CURLOPT_CONNECTTIMEOUT_MS,
	           (long)NET_CONNECT_TIMEOUT) != CURLE_OK;
	bad |=
	    api.easy_setopt(e, CURLOPT_TIMEOUT_MS, r->timeout_ms) != CURLE_OK;
	bad |= api.easy_setopt(e, CURLOPT_MAXFILESIZE_LARGE,
	           (curl_off_t)r->max_size) != CURLE_OK;
	bad |=
	    api.easy_setopt(e, CURLOPT_USERAGENT,
	        o->user_agent != NULL ? o->user_agent
	                              : "ifpnews/" IFPNEWS_VERSION) != CURLE_OK;
	bad |= api.easy_setopt(e, CURLOPT_ACCEPT_ENCODING, "gzip, deflate") !=
	    CURLE_OK;
	bad |= api.easy_setopt(e, CURLOPT_HTTPHEADER, r->headers) != CURLE_OK;
	bad |= api.easy_setopt(e, CURLOPT_SUPPRESS_CONNECT_HEADERS, 1L) !=
	    CURLE_OK;
	bad |= api.easy_setopt(e, CURLOPT_NOSIGNAL, 1L) != CURLE_OK;
	bad |= api.easy_setopt(e, CURLOPT_NOPROGRESS, 1L) != CURLE_OK;
	bad |= api.easy_setopt(e, CURLOPT_ERRORBUFFER, r->errbuf) != CURLE_OK;
	bad |=
	    api.easy_setopt(e, CURLOPT_HEADERFUNCTION, header_cb) != CURLE_OK;
	bad |= api.easy_setopt(e, CURLOPT_HEADERDATA, r) != CURLE_OK;
	bad |= api.easy_setopt(e, CURLOPT_WRITEFUNCTION, body_cb) != CURLE_OK;
	bad |= api.easy_setopt(e, CURLOPT_WRITEDATA, r) != CURLE_OK;
	bad |= api.easy_setopt(e, CURLOPT_PRIVATE, r) != CURLE_OK;
	if (o->trace) {
		bad |= api.easy_setopt(e, CURLOPT_DEBUGFUNCTION, debug_cb) !=
		    CURLE_OK;
		bad |= api.easy_setopt(e, CURLOPT_DEBUGDATA, r) != CURLE_OK;
		bad |= api.easy_setopt(e, CURLOPT_VERBOSE, 1L) != CURLE_OK;
	}
	if (bad) {
		*cause =
		    xstrdup("cannot set up the request (libcurl too old?)");
		goto fail;
	}
	if (api.multi_add_handle(net->multi, e) != CURLM_OK) {
		*cause = xstrdup("cannot start the request");
		goto fail;
	}
	r->next = net->reqs;
	if (net->reqs != NULL)
		net->reqs->prev = r;
	net->reqs = r;
	net->nreqs++;
	return r;

fail:
	api.easy_cleanup(e);
	api.slist_free_all(r->headers);
	net_response_free(r->resp);
	buf_clear(&r->sent);
	free(r);
	return NULL;
}

void
net_cancel(struct net_request *r)
{
	if (r != NULL)
		request_free(r);
}

void
net_progress(const struct net_request *r, uint64_t *now, uint64_t *total)
{
	curl_off_t got = 0, len = -1;

	api.easy_getinfo(r->easy, CURLINFO_SIZE_DOWNLOAD_T, &got);
	api.easy_getinfo(r->easy, CURLINFO_CONTENT_LENGTH_DOWNLOAD_T, &len);
	*now = got > 0 ? (uint64_t)got : 0;
	*total = len > 0 ? (uint64_t)len : 0;
}

size_t
net_pending(const struct net *net)
{
	return net->nreqs;
}

/* "30 s", "1.5 s", "250 ms" */
static char *
duration(long ms)
{
	if (ms % 1000 == 0)
		return xasprintf("%ld s", ms / 1000);
	if (ms > 1000)
		return xasprintf("%.1f s", (double)ms / 1000);
	return xasprintf("%ld ms", ms);
}

static char *
size_text(size_t n)
{
	if (n >= (1ul << 20) && n % (1ul << 20) == 0)
		return xasprintf("%zu MiB", n >> 20);
	if (n >= 1024 && n % 1024 == 0)
		return xasprintf("%zu KiB", n >> 10);
	return xasprintf("%zu bytes", n);
}

/* The words for a failed connect, from the OS error. */
static const char *
connect_words(long oserr)
{
	switch (oserr) {
	case ECONNREFUSED:
		return "connection refused";
	case ENETUNREACH:
		return "network unreachable";
	case EHOSTUNREACH:
		return "host unreachable";
	case ETIMEDOUT:
		return "connection timed out";
	case ECONNRESET:
		return "connection reset";
	default:
		return NULL;
	}
}

/* The host part of url, fit for a message; caller frees. */
static char *
url_host(const char *url)
{
	CURLU *u;
	char *host = NULL, *out;

	u = api.url();
	if (u != NULL && api.url_set(u, CURLUPART_URL, url, 0) == CURLUE_OK &&
	    api.url_get(u, CURLUPART_HOST, &host, 0) == CURLUE_OK)
		out = ascii_text(host, strlen(host));
	else
		out = xstrdup("?");
	api.free(host);
	api.url_cleanup(u);
	return out;
}

/* The first repeated URL of the redirect chain, or NULL. */
static const char *
redirect_loop(const struct net_response *resp)
{
	size_t i, j;

	for (i = 0; i < resp->nhops; i++)
		for (j = i + 1; j < resp->nhops; j++)
			if (strcmp(resp->hops[i].url, resp->hops[j].url) == 0)
				return resp->hops[j].url;
	return NULL;
}

/* The Location of the last response, or "?" */
static const char *
last_location(const struct net_response *resp)
{
	if (resp->nhops > 0 && resp->hops[resp->nhops - 1].location != NULL)
		return resp->hops[resp->nhops - 1].location;
	return "?";
}

/*
 * Whether the last response was a redirect to a scheme other than http(s)
 * (which CURLOPT_REDIR_PROTOCOLS_STR refuses).  A Location without a
 * scheme is relative: http(s) like the URL it came from.
 */
static bool
bad_redirect(const struct net_response *resp)
{
	const char *loc = last_location(resp);

	return resp->nhops > 0 && uri_is_absolute(loc) &&
	    !uri_has_scheme(loc, "http") && !uri_has_scheme(loc, "https");
}

/* Status and message of a transfer that libcurl ended with rc. */
static void
set_failure(struct net_request *r, CURLcode rc)
{
	struct net_response *resp = r->resp;
	enum net_status st = NET_ERR_OTHER;
	char *msg = NULL, *tmp, *tmp2;
	const char *w;
	curl_off_t conn = 0;
	long oserr = 0;

	api.easy_getinfo(r->easy, CURLINFO_OS_ERRNO, &oserr);
	if (r->abort == ABORT_TOOBIG) {
		rc = CURLE_FILESIZE_EXCEEDED;
	} else if (r->abort == ABORT_WRITE) {
		st = NET_ERR_ABORTED;
		msg = xstrdup("the body was refused");
		goto out;
	} else if (r->abort == ABORT_HEADERS) {
		st = NET_ERR_HEADERS;
		tmp = size_text(NET_MAX_HEADERS);
		msg = xasprintf("response headers larger than %s", tmp);
		free(tmp);
		goto out;
	}
	switch (rc) {
	case CURLE_FILESIZE_EXCEEDED:
		st = NET_ERR_TOOBIG;
		tmp = size_text(r->max_size);
		msg = xasprintf("body larger than %s", tmp);
		free(tmp);
		break;
	case CURLE_OPERATION_TIMEDOUT:
		st = NET_ERR_TIMEOUT;
		api.easy_getinfo(r->easy, CURLINFO_CONNECT_TIME_T, &conn);
		if (conn == 0 && r->timeout_ms > NET_CONNECT_TIMEOUT) {
			tmp = duration(NET_CONNECT_TIMEOUT);
			msg = xasprintf("connection timed out after %s", tmp);
		} else {
			tmp = duration(r->timeout_ms);
			msg = xasprintf("timed out after %s", tmp);
		}
		free(tmp);
		break;
	case CURLE_COULDNT_CONNECT:
		st = NET_ERR_CONNECT;
		w = connect_words(oserr);
		msg = xstrdup(w != NULL ? w : "could not connect");
		break;
	case CURLE_COULDNT_RESOLVE_HOST:
	case CURLE_COULDNT_RESOLVE_PROXY:
		st = NET_ERR_RESOLVE;
		if (rc == CURLE_COULDNT_RESOLVE_PROXY) {
			msg = xstrdup("could not resolve the proxy");
			break;
		}
		tmp = url_host(resp->final_url);
		msg = xasprintf("could not resolve host %s", tmp);
		free(tmp);
		break;
	case CURLE_PEER_FAILED_VERIFICATION:
		st = NET_ERR_TLS;
		tmp = ascii_text(r->errbuf, strlen(r->errbuf));
		msg = xasprintf("TLS certificate not trusted: %s", tmp);
		free(tmp);
		break;
	case CURLE_SSL_CONNECT_ERROR:
	case CURLE_SSL_CERTPROBLEM:
	case CURLE_SSL_CIPHER:
	case CURLE_SSL_CACERT_BADFILE:
		st = NET_ERR_TLS;
		tmp = ascii_text(r->errbuf, strlen(r->errbuf));
		msg = xasprintf("TLS handshake failed: %s", tmp);
		free(tmp);
		break;
	case CURLE_TOO_MANY_REDIRECTS:
		st = NET_ERR_REDIRECT;
		w = redirect_loop(resp);
		tmp = ascii_text(w != NULL ? w : "", w != NULL ? strlen(w) : 0);
		if (w != NULL)
			msg = xasprintf("redirect loop at %s", tmp);
		else
			msg = xasprintf("more than %d redirects",
			    NET_MAX_REDIRECTS);
		free(tmp);
		break;
	case CURLE_UNSUPPORTED_PROTOCOL:
		if (bad_redirect(resp)) {
			st = NET_ERR_REDIRECT;
			w = last_location(resp);
			tmp = ascii_text(w, strlen(w));
			msg =
			    xasprintf("redirect to a non-http(s) URL: %s", tmp);
			free(tmp);
		} else if (!net_is_http(resp->url)) {
			st = NET_ERR_URL;
			msg = xstrdup("not an http or https URL");
		} else {
			/* An http(s) request whose reply was no HTTP
			 * ("Received HTTP/0.9 when not allowed"). */
			st = NET_ERR_PROTOCOL;
			tmp = ascii_text(r->errbuf, strlen(r->errbuf));
			msg = xasprintf("malformed HTTP response: %s", tmp);
			free(tmp);
		}
		break;
	case CURLE_URL_MALFORMAT:
		st = resp->nhops > 0 ? NET_ERR_REDIRECT : NET_ERR_URL;
		if (resp->nhops > 0) {
			w = last_location(resp);
			tmp = ascii_text(w, strlen(w));
			msg = xasprintf("redirect to a malformed URL: %s", tmp);
			free(tmp);
		} else
			msg = xstrdup("malformed URL");
		break;
	case CURLE_GOT_NOTHING:
		st = NET_ERR_TRANSFER;
		msg = xstrdup("the server closed the connection without a "
		              "reply");
		break;
	case CURLE_PARTIAL_FILE:
		st = NET_ERR_TRANSFER;
		msg = xstrdup("connection closed before the end of the body");
		break;
	case CURLE_RECV_ERROR:
	case CURLE_SEND_ERROR:
		st = NET_ERR_TRANSFER;
		w = connect_words(oserr);
		if (w != NULL && oserr == ECONNRESET)
			msg = xstrdup("connection reset by the server");
		else {
			tmp = ascii_text(r->errbuf, strlen(r->errbuf));
			msg = xasprintf("transfer failed: %s", tmp);
			free(tmp);
		}
		break;
	case CURLE_BAD_CONTENT_ENCODING:
		st = NET_ERR_PROTOCOL;
		msg = xstrdup("bad compressed data (Content-Encoding)");
		break;
	case CURLE_WEIRD_SERVER_REPLY:
	case CURLE_HTTP2:
	case CURLE_HTTP2_STREAM:
	case CURLE_HTTP3:
		st = NET_ERR_PROTOCOL;
		tmp = ascii_text(r->errbuf, strlen(r->errbuf));
		msg = xasprintf("malformed HTTP response: %s", tmp);
		free(tmp);
		break;
	default:
		st = NET_ERR_OTHER;
		tmp = ascii_text(r->errbuf, strlen(r->errbuf));
		tmp2 = ascii_text(api.easy_strerror(rc),
		    strlen(api.easy_strerror(rc)));
		msg = xasprintf("%s", *tmp != '\0' ? tmp : tmp2);
		free(tmp);
		free(tmp2);
		break;
	}
out:
	resp->status = st;
	resp->error = msg;
}

/* Fill in the response of a finished transfer. */
static void
finish_response(struct net_request *r, CURLcode rc)
{
	struct net_response *resp = r->resp;
	curl_off_t v;
	char *url = NULL;
	long code = 0;

	api.easy_getinfo(r->easy, CURLINFO_EFFECTIVE_URL, &url);
	free(resp->final_url);
	resp->final_url = xstrdup(url != NULL ? url : resp->url);
	api.easy_getinfo(r->easy, CURLINFO_RESPONSE_CODE, &code);
	resp->code = code;
	url = NULL;
	api.easy_getinfo(r->easy, CURLINFO_PRIMARY_IP, &url);
	if (url != NULL && *url != '\0')
		resp->ip = xstrdup(url);
	if (api.easy_getinfo(r->easy, CURLINFO_SIZE_DOWNLOAD_T, &v) ==
	        CURLE_OK &&
	    v > 0)
		resp->wire_bytes = (uint64_t)v;
#define T(info, field)                                                         \
	if (api.easy_getinfo(r->easy, info, &v) == CURLE_OK)                   \
		resp->t.field = (int64_t)v;
	T(CURLINFO_NAMELOOKUP_TIME_T, resolve)
	T(CURLINFO_CONNECT_TIME_T, connect)
	T(CURLINFO_APPCONNECT_TIME_T, tls)
	T(CURLINFO_STARTTRANSFER_TIME_T, first_byte)
	T(CURLINFO_REDIRECT_TIME_T, redirect)
	T(CURLINFO_TOTAL_TIME_T, total)
#undef T
	free(resp->charset);
	resp->charset = resp->content_type != NULL
	    ? content_charset(resp->content_type)
	    : NULL;

	if (rc != CURLE_OK || r->abort != ABORT_NONE) {
		set_failure(r, rc);
		/* A body cut short is never to be taken for the whole. */
		buf_reset(&resp->body);
		return;
	}
	if (code >= 200 && code <= 299) {
		resp->status = NET_OK;
	} else if (code == 304 && r->conditional) {
		resp->status = NET_NOT_MODIFIED;
		buf_reset(&resp->body);
	} else {
		const char *reason = "";

		if (resp->nhops > 0)
			reason = resp->hops[resp->nhops - 1].reason;
		if (*reason == '\0')
			reason = reason_default(code);
		resp->status = NET_ERR_HTTP;
		if (code == 0)
			resp->error = xstrdup("no HTTP status in the reply");
		else if (code >= 300 && code <= 399 && code != 304)
			resp->error = xasprintf("HTTP %ld %s (a redirect "
			                        "without a Location)",
			    code, reason);
		else
			resp->error = xasprintf("HTTP %ld%s%s", code,
			    *reason != '\0' ? " " : "", reason);
	}
}

/* Hand the finished request's response to its owner, and free it. */
static void
finish(struct net_request *r, CURLcode rc)
{
	struct net_response *resp;
	void (*done)(struct net_response *, void *) = r->done;
	void *arg = r->arg;

	finish_response(r, rc);
	resp = r->resp;
	r->resp = NULL;
	request_free(r);
	if (done != NULL)
		done(resp, arg);
	else
		net_response_free(resp);
}

/*
 * Start r again, on fresh connections, when its reply was no HTTP and came
 * on a connection used before (fewer connections than requests): libcurl
 * 7.88 keeps a connection after a reply whose body ran past its
 * Content-Length (it reads no further than the length, so it never sees
 * the excess), and the next request on it takes that excess for its reply
 * (curl/curl#5440).  Once only, before any body came, and within what is
 * left of the timeout.  Returns whether r runs again.
 */
static bool
retry(struct net_request *r, CURLcode rc)
{
	struct net_response *resp = r->resp, *fresh;
	curl_off_t spent = 0;
	long conns = 0, left;

	if (r->retried || r->abort != ABORT_NONE || r->body_started)
		return false;
	if (rc != CURLE_WEIRD_SERVER_REPLY &&
	    (rc != CURLE_UNSUPPORTED_PROTOCOL || bad_redirect(resp)))
		return false;
	if (api.easy_getinfo(r->easy, CURLINFO_NUM_CONNECTS, &conns) !=
	        CURLE_OK ||
	    conns < 0 || (size_t)conns > resp->nhops)
		return false;
	if (api.easy_getinfo(r->easy, CURLINFO_TOTAL_TIME_T, &spent) !=
	        CURLE_OK ||
	    spent < 0)
		return false;
	left = r->timeout_ms - (long)(spent / 1000);
	if (left < 1)
		return false;
	r->retried = true;
	api.multi_remove_handle(r->net->multi, r->easy);
	fresh = xcalloc(1, sizeof(*fresh));
	fresh->url = resp->url;
	resp->url = NULL;
	buf_init(&fresh->body, r->max_size);
	net_response_free(resp);
	r->resp = fresh;
	r->hdr_bytes = 0;
	r->errbuf[0] = '\0';
	buf_reset(&r->sent);
	/* Fresh connections, each closed after its response: a redirect
	 * would otherwise reuse one this transfer just made. */
	return api.easy_setopt(r->easy, CURLOPT_FRESH_CONNECT, 1L) ==
	    CURLE_OK &&
	    api.easy_setopt(r->easy, CURLOPT_FORBID_REUSE, 1L) == CURLE_OK &&
	    api.easy_setopt(r->easy, CURLOPT_TIMEOUT_MS, left) == CURLE_OK &&
	    api.multi_add_handle(r->net->multi, r->easy) == CURLM_OK;
}

static short
to_curl_events(short ev)
{
	short w = 0;

	if (ev & POLLIN)
		w |= CURL_WAIT_POLLIN;
	if (ev & POLLPRI)
		w |= CURL_WAIT_POLLPRI;
	if (ev & POLLOUT)
		w |= CURL_WAIT_POLLOUT;
	return w;
}

int
net_poll(struct net *net, struct pollfd *fds, size_t nfds, int timeout_ms)
{
	struct curl_waitfd wfd[16];
	struct curl_waitfd *w = wfd;
	CURLMsg *msg;
	size_t i;
	int n, running, left, ready = 0;

	if (net->nreqs == 0) {
		n = poll(fds, (nfds_t)nfds, timeout_ms);
		return n == -1 && errno == EINTR ? 0 : n;
	}
	if (nfds > NITEMS(wfd))
		w = xreallocarray(NULL, nfds, sizeof(*w));
	for (i = 0; i < nfds; i++) {
		w[i].fd = fds[i].fd;
		w[i].events = to_curl_events(fds[i].events);
		w[i].revents = 0;
	}
	if (api.multi_poll(net->multi, w, (unsigned)nfds,
	        timeout_ms < 0 ? INT_MAX : timeout_ms, &n) != CURLM_OK) {
		if (w != wfd)
			free(w);
		errno = EIO;
		return -1;
	}
	if (w != wfd)
		free(w);
	/*
	 * libcurl reports only the events asked for, not POLLHUP or
	 * POLLERR: ask the kernel again, without waiting, so a hung-up
	 * terminal is seen instead of spinning.
	 */
	if (nfds > 0) {
		ready = poll(fds, (nfds_t)nfds, 0);
		if (ready == -1 && errno != EINTR)
			return -1;
		if (ready == -1)
			ready = 0;
	}

	api.multi_perform(net->multi, &running);
	while ((msg = api.multi_info_read(net->multi, &left)) != NULL) {
		struct net_request *r = NULL;

		if (msg->msg != CURLMSG_DONE)
			continue;
		api.easy_getinfo(msg->easy_handle, CURLINFO_PRIVATE, &r);
		if (r != NULL && !retry(r, msg->data.result))
			finish(r, msg->data.result);
	}
	return ready;
}

static void
fetch_done(struct net_response *resp, void *arg)
{
	*(struct net_response **)arg = resp;
}

struct net_response *
net_fetch(struct net *net, const char *url, const struct net_opts *o)
{
	struct net_response *resp = NULL;
	struct net_opts opts = *o;
	char *cause = NULL;

	opts.done = fetch_done;
	opts.arg = &resp;
	if (net_start(net, url, &opts, &cause) == NULL) {
		resp = xcalloc(1, sizeof(*resp));
		resp->status = net_is_http(url) ? NET_ERR_OTHER : NET_ERR_URL;
		resp->error = cause;
		resp->url = xstrdup(url);
		resp->final_url = xstrdup(url);
		buf_init(&resp->body, 0);
		return resp;
	}
	while (resp == NULL)
		if (net_poll(net, NULL, 0, 1000) == -1 && errno != EINTR)
			die("net_poll: %s", strerror(errno));
	return resp;
}

void
net_response_free(struct net_response *resp)
{
	size_t i;

	if (resp == NULL)
		return;
	for (i = 0; i < resp->nhops; i++) {
		free(resp->hops[i].url);
		free(resp->hops[i].reason);
		free(resp->hops[i].location);
		free(resp->hops[i].headers);
		free(resp->hops[i].request);
	}
	free(resp->ip);
	free(resp->hops);
	free(resp->error);
	free(resp->url);
	free(resp->final_url);
	free(resp->content_type);
	free(resp->charset);
	free(resp->etag);
	free(resp->last_modified);
	buf_clear(&resp->body);
	free(resp);
}

const char *
net_strerror(enum net_status st)
{
	switch (st) {
	case NET_OK:
		return "ok";
	case NET_NOT_MODIFIED:
		return "not modified";
	case NET_ERR_HTTP:
		return "HTTP error";
	case NET_ERR_TIMEOUT:
		return "timed out";
	case NET_ERR_CONNECT:
		return "could not connect";
	case NET_ERR_RESOLVE:
		return "could not resolve host";
	case NET_ERR_TLS:
		return "TLS error";
	case NET_ERR_REDIRECT:
		return "bad redirect";
	case NET_ERR_TOOBIG:
		return "body too large";
	case NET_ERR_HEADERS:
		return "response headers too large";
	case NET_ERR_URL:
		return "not an http or https URL";
	case NET_ERR_PROTOCOL:
		return "malformed response";
	case NET_ERR_TRANSFER:
		return "transfer cut short";
	case NET_ERR_ABORTED:
		return "body refused";
	case NET_ERR_OTHER:
		break;
	}
	return "network error";
}
