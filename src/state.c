/*
 * state -- the read-marks file: load, and merge-on-write under a lock.
 */
#include "state.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cache.h"
#include "util.h"

#define STATE_FILE "read"
#define VISIT_FILE "visit"

/* Replace st's marks with the file's (changes re-applied); 1, 0, -1. */
static int
load(struct state *st, char **warning)
{
	struct buf s0;
	char *cause = NULL;
	int rc;

	rc = cache_read_record(state_path(st), STATE_FILE, STATE_MAGIC,
	    STATE_VERSION, &s0, NULL, warning);
	if (rc == 1 && state_decode(st, s0.data, s0.len, &cause) == -1) {
		*warning = xasprintf("%s/%s: %s; ignored", state_path(st),
		    STATE_FILE, cause);
		free(cause);
		rc = -1;
	}
	buf_clear(&s0);
	return rc;
}

struct state *
state_open(const char *dir, char **warning)
{
	struct state *st = state_new();
	char *path, *cause = NULL;

	path = dir != NULL ? xstrdup(dir)
	                   : cache_xdg_dir("XDG_STATE_HOME", ".local/state");
	if (path == NULL) {
		*warning = xstrdup("no state directory (HOME is not set): "
		                   "read marks are not kept");
		return st;
	}
	if (cache_mkdirs(path, &cause) == -1) {
		*warning = xasprintf("%s; read marks are not kept", cause);
		free(cause);
		free(path);
		return st;
	}
	state_set_path(st, path);
	cache_sweep_temps(path);
	free(path);
	load(st, warning);
	return st;
}

int
state_save(struct state *st, time_t now, int keep_days, char **cause)
{
	struct buf out;
	struct cache_hdr h;
	char *warning = NULL;
	int fd, rc = -1;

	if (!state_dirty(st))
		return 0;
	if (state_path(st) == NULL) {
		*cause = xstrdup("no state directory");
		return -1;
	}
	fd = cache_lock_dir(state_path(st), cause);
	if (fd == -1)
		return -1;
	/* Merge: what others wrote, then our changes on top. */
	load(st, &warning);
	free(warning);
	buf_init(&out, BUF_NOLIMIT);
	state_encode(st, now, keep_days, &out);
	memcpy(h.magic, STATE_MAGIC, CACHE_MAGIC_LEN);
	h.version = STATE_VERSION;
	h.len[0] = out.len;
	h.hash[0] = cache_hash(out.data, out.len);
	h.len[1] = 0;
	h.hash[1] = cache_hash(NULL, 0);
	if (cache_write_atomic(state_path(st), STATE_FILE, &h, out.data, NULL,
	        cause) == 0) {
		state_clean(st);
		rc = 0;
	}
	buf_clear(&out);
	close(fd);
	return rc;
}

void
state_visit_load(const struct state *st, struct state_visit *v, char **warning)
{
	struct buf s0;

	memset(v, 0, sizeof(*v));
	if (state_path(st) == NULL)
		return;
	if (cache_read_record(state_path(st), VISIT_FILE, STATE_VISIT_MAGIC,
	        STATE_VISIT_VERSION, &s0, NULL, warning) == 1 &&
	    state_visit_decode(s0.data, s0.len, v) == -1)
		*warning = xasprintf("%s/%s: bad record; ignored",
		    state_path(st), VISIT_FILE);
	buf_clear(&s0);
}

int
state_visit_save(const struct state *st, const struct state_visit *v,
    char **cause)
{
	struct buf out;
	struct cache_hdr h;
	int rc;

	if (state_path(st) == NULL) {
		*cause = xstrdup("no state directory");
		return -1;
	}
	buf_init(&out, BUF_NOLIMIT);
	state_visit_encode(v, &out);
	memcpy(h.magic, STATE_VISIT_MAGIC, CACHE_MAGIC_LEN);
	h.version = STATE_VISIT_VERSION;
	h.len[0] = out.len;
	h.len[1] = 0;
	rc = cache_write_atomic(state_path(st), VISIT_FILE, &h, out.data, NULL,
	    cause);
	buf_clear(&out);
	return rc;
}
