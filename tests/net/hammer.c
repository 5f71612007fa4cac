/*
 * hammer -- write read marks and cache entries in a loop, for the kill -9
 * durability test (test_durability.py), and check them afterwards.
 *
 *   hammer write STATEDIR CACHEDIR FIRST
 *	for i = FIRST, FIRST+1, ...: mark "post-i" read and save the state,
 *	then store cache entry "http://hammer/" holding generation i (a
 *	feed of 1 to 200 posts); print "i" once both are complete.
 *   hammer check STATEDIR CACHEDIR LAST
 *	both files load without a warning; posts 1..LAST are all read; the
 *	cache entry's generation is at least LAST.  Exit 0, or 1 with why.
 *   hammer mark STATEDIR ID...
 *	mark these posts read and save.
 *   hammer isread STATEDIR ID...
 *	print "warning: ..." when loading warned, then "ID read|unread".
 *   hammer poll URL
 *	the UI's loop: load_refresh(URL) in the background while net_poll()
 *	also waits on a pipe that a child writes 0.3 s in; print "wake T"
 *	when the pipe wakes the loop, "done T source N error" when the
 *	refresh ends, and "cpu T" (seconds of CPU the loop used).
 *
 * It links the real state and cache modules: what it tests is what the
 * program runs.
 */
#include <sys/resource.h>
#include <sys/wait.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cache.h"
#include "load.h"
#include "net.h"
#include "state.h"
#include "util.h"

#define URL "http://hammer/"
#define NOW 1732975200

static struct cache_entry *
generation(long g)
{
	struct cache_entry *e = xcalloc(1, sizeof(*e));
	struct feed *f = xcalloc(1, sizeof(*f));
	size_t i, n = (size_t)(g % 200) + 1;

	e->url = xstrdup(URL);
	e->etag = xasprintf("\"%ld\"", g);
	e->fetched = e->checked = NOW;
	e->feed = f;
	f->kind = FEED_KIND_RSS;
	f->title = xasprintf("generation %ld", g);
	f->items = xcalloc(n, sizeof(*f->items));
	e->first_seen = xcalloc(n, sizeof(time_t));
	e->last_seen = xcalloc(n, sizeof(time_t));
	e->current = xcalloc(n, sizeof(bool));
	for (i = 0; i < n; i++) {
		f->items[i].id = xasprintf("g%ld-%zu", g, i);
		f->items[i].title =
		    xasprintf("Post %zu of generation %ld", i, g);
		/* Bodies of a few KB, so a write takes a while. */
		f->items[i].content_html = xmalloc(2001);
		memset(f->items[i].content_html, 'x', 2000);
		f->items[i].content_html[2000] = '\0';
		f->items[i].published = f->items[i].updated = DATE_NONE;
	}
	f->nitems = n;
	return e;
}

static int
write_loop(const char *sdir, const char *cdir, long first)
{
	struct state *st;
	struct cache *c;
	struct cache_entry *e;
	char *cause = NULL, *warning = NULL, id[32];
	long i;

	st = state_open(sdir, &warning);
	free(warning);
	c = cache_open(cdir, &cause);
	if (c == NULL)
		die("%s", cause);
	for (i = first;; i++) {
		snprintf(id, sizeof(id), "post-%ld", i);
		state_set_read(st, id, true, NOW);
		if (state_save(st, NOW, 14, &cause) == -1)
			die("state: %s", cause);
		e = generation(i);
		if (cache_lock(c, &cause) == -1 ||
		    cache_feed_put(c, e, "<rss/>", 6, &cause) == -1)
			die("cache: %s", cause);
		cache_unlock(c);
		cache_entry_free(e);
		printf("%ld\n", i);
		fflush(stdout);
	}
}

static int
check(const char *sdir, const char *cdir, long last)
{
	struct state *st;
	struct cache *c;
	struct cache_entry *e = NULL;
	char *cause = NULL, *warning = NULL, id[32];
	long i, g;
	int rc = 0;

	st = state_open(sdir, &warning);
	if (warning != NULL) {
		printf("state: %s\n", warning);
		rc = 1;
	}
	for (i = 1; i <= last; i++) {
		snprintf(id, sizeof(id), "post-%ld", i);
		if (!state_is_read(st, id)) {
			printf("state: %s is not marked read\n", id);
			rc = 1;
			break;
		}
	}
	state_free(st);
	free(warning);
	warning = NULL;
	c = cache_open(cdir, &cause);
	if (c == NULL)
		die("%s", cause);
	if (cache_feed_get(c, URL, 0, &e, NULL, &warning) != 1) {
		printf("cache: no entry: %s\n", warning ? warning : "missing");
		rc = 1;
	} else {
		g = strtol(e->feed->title + strlen("generation "), NULL, 10);
		if (g < last || e->feed->nitems != (size_t)(g % 200) + 1) {
			printf("cache: generation %ld with %zu posts, after "
			       "%ld\n",
			    g, e->feed->nitems, last);
			rc = 1;
		}
	}
	cache_entry_free(e);
	free(warning);
	cache_free(c);
	return rc;
}

static int
marks(const char *sdir, char **ids, int n, bool set)
{
	struct state *st;
	char *warning = NULL, *cause = NULL;
	int i, rc = 0;

	st = state_open(sdir, &warning);
	if (warning != NULL)
		printf("warning: %s\n", warning);
	free(warning);
	for (i = 0; i < n; i++) {
		if (set)
			state_set_read(st, ids[i], true, NOW);
		else
			printf("%s %s\n", ids[i],
			    state_is_read(st, ids[i]) ? "read" : "unread");
	}
	if (set && state_save(st, NOW, 14, &cause) == -1) {
		printf("save: %s\n", cause);
		free(cause);
		rc = 1;
	}
	state_free(st);
	return rc;
}

static double
elapsed(const struct timespec *t0)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)(t.tv_sec - t0->tv_sec) +
	    (double)(t.tv_nsec - t0->tv_nsec) / 1e9;
}

struct poll_state {
	struct load_result res;
	bool done;
};

static void
poll_done(struct load_result *res, void *arg)
{
	struct poll_state *ps = arg;

	ps->res = *res; /* taken over */
	memset(res, 0, sizeof(*res));
	ps->done = true;
}

static int
poll_loop(const char *url)
{
	struct load_opts o;
	struct poll_state ps;
	struct net *net;
	struct pollfd pfd;
	struct timespec t0;
	struct rusage ru0, ru1;
	char *cause = NULL, c;
	int p[2];
	pid_t pid;

	memset(&o, 0, sizeof(o));
	memset(&ps, 0, sizeof(ps));
	o.now = NOW;
	o.refresh = true;
	o.timeout_ms = 5000;
	net = net_new(&cause);
	if (net == NULL || pipe(p) == -1)
		die("setup: %s", cause ? cause : strerror(errno));
	clock_gettime(CLOCK_MONOTONIC, &t0);
	pid = fork();
	if (pid == 0) {
		usleep(300000);
		if (write(p[1], "x", 1) != 1)
			_exit(1);
		_exit(0);
	}
	if (load_refresh(net, url, &o, poll_done, &ps, &cause) == NULL)
		die("load_refresh: %s", cause);
	getrusage(RUSAGE_SELF, &ru0);
	while (!ps.done) {
		pfd.fd = p[0];
		pfd.events = POLLIN;
		pfd.revents = 0;
		if (net_poll(net, &pfd, 1, 10000) == -1 && errno != EINTR)
			die("net_poll: %s", strerror(errno));
		if (pfd.revents & POLLIN) {
			if (read(p[0], &c, 1) == 1)
				printf("wake %.2f\n", elapsed(&t0));
		}
	}
	getrusage(RUSAGE_SELF, &ru1);
	printf("done %.2f %d %zu %s\n", elapsed(&t0), (int)ps.res.source,
	    ps.res.feed != NULL ? ps.res.feed->nitems : 0,
	    ps.res.error != NULL ? ps.res.error : "-");
	printf("cpu %.3f\n",
	    (double)(ru1.ru_utime.tv_sec - ru0.ru_utime.tv_sec) +
	        (double)(ru1.ru_utime.tv_usec - ru0.ru_utime.tv_usec) / 1e6 +
	        (double)(ru1.ru_stime.tv_sec - ru0.ru_stime.tv_sec) +
	        (double)(ru1.ru_stime.tv_usec - ru0.ru_stime.tv_usec) / 1e6);
	load_result_clear(&ps.res);
	waitpid(pid, NULL, 0);
	close(p[0]);
	close(p[1]);
	net_free(net);
	return 0;
}

int
main(int argc, char **argv)
{
	long n;

	if (argc == 5 &&
	    (strcmp(argv[1], "write") == 0 || strcmp(argv[1], "check") == 0)) {
		n = strtol(argv[4], NULL, 10);
		if (strcmp(argv[1], "write") == 0)
			return write_loop(argv[2], argv[3], n);
		return check(argv[2], argv[3], n);
	}
	if (argc >= 3 && strcmp(argv[1], "mark") == 0)
		return marks(argv[2], argv + 3, argc - 3, true);
	if (argc >= 3 && strcmp(argv[1], "isread") == 0)
		return marks(argv[2], argv + 3, argc - 3, false);
	if (argc == 3 && strcmp(argv[1], "poll") == 0)
		return poll_loop(argv[2]);
	fprintf(stderr,
	    "usage: hammer write|check STATEDIR CACHEDIR N\n"
	    "       hammer mark|isread STATEDIR ID...\n");
	return 2;
}
