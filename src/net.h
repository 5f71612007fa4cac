/*
 * net -- HTTP(S) fetching on libcurl's multi interface.
 *
 * Shell: network I/O.  A struct net holds one curl multi handle and the
 * requests in flight.  The program's single event loop calls net_poll(),
 * which waits on the transfers *and* on the caller's own descriptors (the
 * terminal, a self-pipe written by signal handlers) at once, drives the
 * transfers, and calls each finished request's done() callback.  Nothing
 * here blocks for longer than the net_poll() timeout.  net_fetch() is the
 * same machinery run to completion, for the command line.
 *
 * Policy (SPEC "Safety"): http and https only, also after redirects; at
 * most NET_MAX_REDIRECTS redirects; TLS verification on; connect timeout
 * 10 s and a total timeout; the *decoded* body is capped (a gzip bomb
 * stops at the cap) and so are the response headers; User-Agent
 * "ifpnews/VERSION"; Accept-Encoding gzip, deflate; proxies from the
 * usual environment variables (libcurl's default).  Local files are not
 * fetched here (see load.h).
 *
 * Text that comes from the server (reason phrase, headers, URLs) is kept
 * as received, except that net_response.error and .reason hold printable
 * ASCII only; callers sanitize everything else before printing it.
 */
#ifndef IFPNEWS_NET_H
#define IFPNEWS_NET_H

#include <poll.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "buf.h"

#define NET_TIMEOUT_DEFAULT 30000         /* ms, total per request */
#define NET_CONNECT_TIMEOUT 10000         /* ms */
#define NET_MAX_SIZE_DEFAULT (16ul << 20) /* bytes of decoded body */
#define NET_MAX_REDIRECTS 5
#define NET_MAX_HEADERS (64ul << 10) /* bytes of headers per response */

/* The outcome of a request, for the caller to act on. */
enum net_status {
	NET_OK,           /* a 2xx response; the body may be empty */
	NET_NOT_MODIFIED, /* 304 to a conditional request: cache is current */
	NET_ERR_HTTP,     /* any other final status: "HTTP 404 Not Found" */
	NET_ERR_TIMEOUT,  /* "timed out after 30 s" (connect or total) */
	NET_ERR_CONNECT,  /* "connection refused", "network unreachable" ... */
	NET_ERR_RESOLVE,  /* "could not resolve host example.org" */
	NET_ERR_TLS,      /* handshake failed, certificate not trusted */
	NET_ERR_REDIRECT, /* too many, a loop, or to a scheme not http(s) */
	NET_ERR_TOOBIG,   /* "body larger than 16 MiB" */
	NET_ERR_HEADERS,  /* "response headers larger than 64 KiB" */
	NET_ERR_URL,      /* not an http(s) URL, or a malformed one */
	NET_ERR_PROTOCOL, /* malformed response, bad gzip data */
	NET_ERR_TRANSFER, /* cut short: reset, closed early, no reply */
	NET_ERR_ABORTED,  /* net_opts.write refused the body */
	NET_ERR_OTHER,    /* anything else libcurl reports */
};

/* One response of the redirect chain (the last one is the final answer). */
struct net_hop {
	char *url;      /* the URL requested */
	long code;      /* HTTP status; 0 when no status line came */
	char *reason;   /* reason phrase, printable ASCII; "" for HTTP/2 */
	char *location; /* Location header as received, or NULL */
	char *headers;  /* the header lines as received, "\n"-terminated each */
	char *request;  /* the request headers sent (net_opts.trace), or NULL */
};

/* Times from the start of the request, in microseconds (0 = not reached). */
struct net_timings {
	int64_t resolve;    /* name resolved */
	int64_t connect;    /* TCP connected */
	int64_t tls;        /* TLS handshake done */
	int64_t first_byte; /* first response byte */
	int64_t redirect;   /* spent on redirects before the final request */
	int64_t total;
};

/* A finished request.  Owns every field; free with net_response_free. */
struct net_response {
	enum net_status status;
	/*
	 * Why it failed, as SPEC words it ("connection refused", "HTTP 404
	 * Not Found", "timed out after 30 s", "body larger than 16 MiB",
	 * "redirect to a non-http(s) URL: ftp://..."); printable ASCII,
	 * NULL for NET_OK and NET_NOT_MODIFIED.
	 */
	char *error;
	char *url;          /* the URL asked for */
	char *final_url;    /* the URL of the last response (after redirects) */
	long code;          /* final HTTP status; 0 when none came */
	char *content_type; /* Content-Type value, or NULL */
	char *charset;      /* its charset parameter (unquoted), or NULL */
	char *etag;         /* ETag, or NULL */
	char *last_modified;  /* Last-Modified, or NULL */
	struct buf body;      /* decoded body (any status); empty for 304 */
	uint64_t wire_bytes;  /* body bytes as transferred (before decoding) */
	struct net_hop *hops; /* every response, redirects first */
	size_t nhops;
	char *ip; /* address of the last connection, or NULL */
	struct net_timings t;
};

struct net;
struct net_request;

/* Options of one request; zero-initialize, then set what is needed. */
struct net_opts {
	long timeout_ms;  /* total; 0 = NET_TIMEOUT_DEFAULT */
	size_t max_size;  /* decoded body cap; 0 = NET_MAX_SIZE_DEFAULT */
	const char *etag; /* send If-None-Match; NULL = don't (copied) */
	const char
	    *last_modified; /* send If-Modified-Since; NULL = don't (copied) */
	const char *accept; /* Accept header; NULL = a feed's types */
	const char *user_agent; /* NULL = "ifpnews/VERSION" (copied) */
	bool trace;             /* keep the request headers (--check) */
	/*
	 * When set, the body of a 2xx response is handed to write() as it
	 * arrives instead of being kept in resp->body (which stays empty);
	 * resp is the response being received, its headers known
	 * (content_type, charset, final_url, etag...).  write() returns
	 * false to stop the transfer, which then ends with NET_ERR_ABORTED.
	 * The max_size cap still applies.  Called from net_poll().
	 */
	bool (*write)(const struct net_response *resp, const char *p, size_t n,
	    void *arg);
	/*
	 * Called from net_poll() (never from net_start()) when the request
	 * is finished; it owns resp (net_response_free).  It may start and
	 * cancel other requests.  The struct net_request is gone after it.
	 */
	void (*done)(struct net_response *resp, void *arg);
	void *arg; /* borrowed; passed to done and write */
};

/*
 * A new, empty set of transfers.  Returns NULL with *cause set (caller
 * frees) when libcurl cannot be loaded ("cannot load libcurl: ...") or set
 * up.  The first call loads libcurl (dlopen: a run that never fetches
 * never loads it) and does curl_global_init() (the program is
 * single-threaded).
 */
struct net *net_new(char **cause);
/* Cancel every request (no callback runs) and free; NULL is fine. */
void net_free(struct net *);

/*
 * Start fetching url.  Returns the request, owned by net until its done()
 * runs; or NULL with *cause set (caller frees) when the URL is not http or
 * https or cannot be set up.  The transfer begins in the next net_poll().
 */
struct net_request *net_start(struct net *, const char *url,
    const struct net_opts *, char **cause);
/* Abort a request in flight and free it; its done() is not called. */
void net_cancel(struct net_request *);
/* Body bytes received so far (decoded) and expected (0 = unknown). */
void net_progress(const struct net_request *, uint64_t *now, uint64_t *total);
/* The number of requests in flight. */
size_t net_pending(const struct net *);

/*
 * Wait until a transfer needs attention, one of fds[0..nfds) is ready
 * (their revents are set as poll(2) does), or timeout_ms passes (-1 =
 * no limit, which is only sensible with fds); then drive the transfers
 * and run the done() callbacks of those that finished.  With no request
 * in flight it is a plain poll() on fds.  Returns the number of fds with
 * revents (0 also when a signal interrupted the wait: check the flags the
 * handler sets), or -1 with errno set.
 */
int net_poll(struct net *, struct pollfd *fds, size_t nfds, int timeout_ms);

/*
 * Fetch url to completion, running net_poll() (other requests on net
 * progress meanwhile).  opts->done is ignored.  Returns the response,
 * which the caller frees; never NULL (a request that cannot start gives a
 * response with status NET_ERR_URL or NET_ERR_OTHER).
 */
struct net_response *net_fetch(struct net *, const char *url,
    const struct net_opts *);

/* Free a response and everything it holds; NULL is fine. */
void net_response_free(struct net_response *);

/*
 * A message for status, for callers without a response ("connection
 * failed"); prefer net_response.error, which has the details.  Static.
 */
const char *net_strerror(enum net_status);

/* Whether url is an http:// or https:// URL (case-insensitive scheme). */
bool net_is_http(const char *url);

#endif
