/*
 * cmd_list -- `ifpnews --list`: load the feeds, print the post list.
 *
 * Shell: gets the feeds through load.h (local files, the cache, the
 * network) and writes stdout and stderr.  cmd_list_load() is also how --article
 * N finds post N: the same feeds, merged and ordered the same way.
 */
#ifndef IFPNEWS_CMD_LIST_H
#define IFPNEWS_CMD_LIST_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "config.h"
#include "feed.h"
#include "output.h"

#define CMD_LIST_FILE_MAX ((size_t)1 << 30) /* a local feed, bytes */

struct list_opts {
	time_t now;                  /* IFPNEWS_NOW or the clock */
	bool offline;                /* -o */
	bool refresh;                /* -r */
	enum output_format format;   /* -f */
	const struct config *config; /* borrowed; NULL: the defaults */
};

/*
 * Load urls[0..n) and merge them into one feed (the first feed's title,
 * link and description; a post that two feeds share listed once) in the
 * list's order: *order gets nitems indexes, newest first (caller frees
 * both).  A feed that fails is reported on stderr ("ifpnews: URL:
 * reason") and left out; a damaged one is reported and kept.  Returns 0
 * when every feed loaded, 1 when one or more failed (*out may then still
 * hold the others, or be NULL when none loaded).
 */
int cmd_list_load(char *const *urls, size_t n, const struct list_opts *,
    unsigned parse_flags, struct feed **out, size_t **order);

/* --list: print the list of urls[0..n) on stdout.  Returns the exit status. */
int cmd_list(char *const *urls, size_t n, const struct list_opts *);

#endif
