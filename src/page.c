/*
 * page -- an article page from the cache, a file or the network (see
 * page.h).  Shell: files, the page cache, net.h.
 */
#include "page.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "cache.h"
#include "load.h"
#include "util.h"

/* What we ask a web server for: a page, not a feed. */
#define PAGE_ACCEPT "Accept: text/html, application/xhtml+xml;q=0.9, */*;q=0.5"

struct page_job {
	struct net_request *req; /* in flight; owned by net */
	char *url;
	struct load_opts o;
	void (*done)(struct page_result *, void *);
	void *arg;
};

static void
defaults(const struct load_opts *in, struct load_opts *o)
{
	*o = *in;
	if (o->timeout_ms <= 0)
		o->timeout_ms = NET_TIMEOUT_DEFAULT;
	if (o->max_size == 0)
		o->max_size = NET_MAX_SIZE_DEFAULT;
}

void
page_result_clear(struct page_result *res)
{
	extract_result_free(res->page);
	free(res->url);
	free(res->error);
	free(res->warning);
	memset(res, 0, sizeof(*res));
}

static void
warn(struct page_result *res, char *msg)
{
	xlines_append(&res->warning, msg);
}

int
page_cached(const char *url, const struct load_opts *o, struct page_result *res)
{
	struct cache *c;
	char *cause = NULL, *warning = NULL, *data = NULL;
	size_t len;
	time_t stored;
	int rc;

	(void)o;
	memset(res, 0, sizeof(*res));
	c = cache_open(NULL, &cause);
	if (c == NULL) {
		warn(res, cause);
		res->error = xstrdup("not in the cache");
		return -1;
	}
	rc = cache_page_get(c, url, &data, &len, &stored, &warning);
	warn(res, warning);
	cache_free(c);
	if (rc != 1) {
		res->error = xstrdup("not in the cache");
		return -1;
	}
	if (extract_result_decode(data, len, &res->page, &cause) == -1) {
		warn(res, xasprintf("cached page of %s: %s", url, cause));
		free(cause);
		free(data);
		res->error = xstrdup("not in the cache");
		return -1;
	}
	free(data);
	res->url = xstrdup(url);
	res->from_cache = true;
	return 0;
}

/* Keep res->page in the cache under url (the link the reader follows). */
static void
store(const char *url, const struct load_opts *o, struct page_result *res)
{
	struct cache *c;
	struct buf b;
	char *cause = NULL;

	c = cache_open(NULL, &cause);
	if (c == NULL) {
		warn(res, xasprintf("cache: %s", cause));
		free(cause);
		return;
	}
	buf_init(&b, BUF_NOLIMIT);
	extract_result_encode(res->page, &b);
	if (cache_page_put(c, url, b.data, b.len, o->now, &cause) == -1) {
		warn(res, xasprintf("cache not written: %s", cause));
		free(cause);
	}
	buf_clear(&b);
	cache_free(c);
}

/* A type we can read as a page (none said is fine: we try). */
static bool
html_type(const char *type)
{
	return type == NULL || *type == '\0' ||
	    strncasecmp(type, "text/html", 9) == 0 ||
	    strncasecmp(type, "application/xhtml+xml", 21) == 0;
}

/* Turn a finished request into a result (cached when it is a page). */
static void
outcome(const char *url, struct net_response *resp, const struct load_opts *o,
    struct page_result *res)
{
	struct extract_opts eo;
	const char *where;
	char *cause = NULL;

	if (resp->status != NET_OK) {
		res->error =
		    xstrdup(resp->error != NULL ? resp->error
		                                : net_strerror(resp->status));
		return;
	}
	if (!html_type(resp->content_type)) {
		res->error =
		    xasprintf("not an HTML page: %s", resp->content_type);
		return;
	}
	where = resp->final_url != NULL ? resp->final_url : url;
	memset(&eo, 0, sizeof(eo));
	eo.url = where;
	eo.charset = resp->charset;
	eo.max_size = o->max_size;
	if (extract_article(resp->body.data, resp->body.len, &eo, &res->page,
	        &cause) == -1) {
		res->error = cause;
		return;
	}
	res->url = xstrdup(where);
	store(url, o, res);
}

static void
net_opts_for(const struct load_opts *o, struct net_opts *no)
{
	memset(no, 0, sizeof(*no));
	no->timeout_ms = o->timeout_ms;
	no->max_size = o->max_size;
	no->accept = PAGE_ACCEPT;
	no->user_agent = o->user_agent;
}

static int
load_file(const char *url, const struct load_opts *o, struct page_result *res)
{
	struct extract_opts eo;
	struct buf b;
	char *cause = NULL;

	if (load_read_file(url, o->max_size, &b, &cause) == -1) {
		res->error = cause;
		return -1;
	}
	/* A saved page's links resolve against its canonical URL. */
	memset(&eo, 0, sizeof(eo));
	eo.max_size = o->max_size;
	if (extract_article(b.data, b.len, &eo, &res->page, &cause) == -1) {
		res->error = cause;
		buf_clear(&b);
		return -1;
	}
	buf_clear(&b);
	return 0;
}

int
page_load(struct net *net, const char *url, const struct load_opts *in,
    struct page_result *res)
{
	struct load_opts o;
	struct net_opts no;
	struct net_response *resp;
	struct net *own = NULL;
	char *cause = NULL, *warning;

	memset(res, 0, sizeof(*res));
	defaults(in, &o);
	if (load_is_local(url))
		return load_file(url, &o, res);
	if (!net_is_http(url)) {
		res->error = xstrdup("not an http or https URL");
		return -1;
	}
	if (!o.refresh) {
		if (page_cached(url, &o, res) == 0)
			return 0;
		warning = res->warning;
		res->warning = NULL;
		page_result_clear(res);
		res->warning = warning;
	}
	if (o.offline) {
		res->error = xstrdup("not in the cache (offline: run without "
		                     "--offline to fetch it)");
		return -1;
	}
	if (net == NULL) {
		own = net_new(&cause);
		if (own == NULL) {
			res->error = cause;
			return -1;
		}
		net = own;
	}
	net_opts_for(&o, &no);
	resp = net_fetch(net, url, &no);
	outcome(url, resp, &o, res);
	net_response_free(resp);
	net_free(own);
	return res->page != NULL ? 0 : -1;
}

static void
job_done(struct net_response *resp, void *arg)
{
	struct page_job *job = arg;
	struct page_result res;

	memset(&res, 0, sizeof(res));
	outcome(job->url, resp, &job->o, &res);
	net_response_free(resp);
	job->done(&res, job->arg);
	free(job->url);
	free(job);
}

struct page_job *
page_fetch(struct net *net, const char *url, const struct load_opts *in,
    void (*done)(struct page_result *, void *), void *arg, char **cause)
{
	struct page_job *job;
	struct net_opts no;

	if (in->offline) {
		*cause = xstrdup("offline");
		return NULL;
	}
	if (!net_is_http(url)) {
		*cause = xstrdup("not an http or https URL");
		return NULL;
	}
	job = xcalloc(1, sizeof(*job));
	defaults(in, &job->o);
	job->url = xstrdup(url);
	job->done = done;
	job->arg = arg;
	net_opts_for(&job->o, &no);
	no.done = job_done;
	no.arg = job;
	job->req = net_start(net, url, &no, cause);
	if (job->req == NULL) {
		free(job->url);
		free(job);
		return NULL;
	}
	return job;
}

void
page_cancel(struct page_job *job)
{
	if (job == NULL)
		return;
	net_cancel(job->req);
	free(job->url);
	free(job);
}
