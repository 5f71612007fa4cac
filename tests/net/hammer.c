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
 *
 * It links the real state and cache modules: what it tests is what the
 * program runs.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cache.h"
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
	if (cache_feed_get(c, URL, 0, &e, &warning) != 1) {
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
	fprintf(stderr,
	    "usage: hammer write|check STATEDIR CACHEDIR N\n"
	    "       hammer mark|isread STATEDIR ID...\n");
	return 2;
}
