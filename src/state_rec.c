/*
 * state_rec -- read marks in memory and their record encoding.
 *
 * Pure.  Marks live in an open-addressing hash table keyed by post id; a
 * mark set to unread stays in the table as not read (and is not encoded),
 * so there are no tombstones.  The changes since the last save are kept
 * in order, to be applied again on top of what another instance wrote.
 */
#include "state.h"

#include <stdlib.h>
#include <string.h>

#include "cache.h"
#include "util.h"

#define DAY 86400

enum change_op {
	CHANGE_READ,
	CHANGE_UNREAD,
	CHANGE_TOUCH,
};

struct mark {
	char *id;      /* owned; NULL = empty slot */
	uint64_t hash; /* cache_hash of id */
	time_t t;      /* set or last confirmed */
	bool read;
};

struct change {
	char *id; /* owned */
	enum change_op op;
	time_t t;
};

struct state {
	struct mark *tab; /* cap slots */
	size_t cap;       /* a power of two, or 0 */
	size_t used;      /* slots holding an id */
	size_t nread;     /* marks that are read */
	struct change *chg;
	size_t nchg;
	size_t capchg;
	char *dir; /* where state_save writes, or NULL */
};

struct state *
state_new(void)
{
	return xcalloc(1, sizeof(struct state));
}

static void
clear_table(struct state *st)
{
	size_t i;

	for (i = 0; i < st->cap; i++)
		free(st->tab[i].id);
	free(st->tab);
	st->tab = NULL;
	st->cap = st->used = st->nread = 0;
}

void
state_clean(struct state *st)
{
	size_t i;

	for (i = 0; i < st->nchg; i++)
		free(st->chg[i].id);
	free(st->chg);
	st->chg = NULL;
	st->nchg = st->capchg = 0;
}

void
state_free(struct state *st)
{
	if (st == NULL)
		return;
	clear_table(st);
	state_clean(st);
	free(st->dir);
	free(st);
}

void
state_set_path(struct state *st, const char *dir)
{
	free(st->dir);
	st->dir = dir != NULL ? xstrdup(dir) : NULL;
}

const char *
state_path(const struct state *st)
{
	return st->dir;
}

/* The slot of id: where it is, or the empty one where it would go. */
static struct mark *
slot(const struct state *st, const char *id, uint64_t h)
{
	size_t i = (size_t)h & (st->cap - 1);

	while (st->tab[i].id != NULL &&
	    (st->tab[i].hash != h || strcmp(st->tab[i].id, id) != 0))
		i = (i + 1) & (st->cap - 1);
	return &st->tab[i];
}

static void
grow(struct state *st)
{
	struct mark *old = st->tab, *m;
	size_t i, oldcap = st->cap;

	st->cap = oldcap == 0 ? 64 : oldcap * 2;
	st->tab = xcalloc(st->cap, sizeof(*st->tab));
	for (i = 0; i < oldcap; i++) {
		if (old[i].id == NULL)
			continue;
		m = slot(st, old[i].id, old[i].hash);
		*m = old[i];
	}
	free(old);
}

/* The mark for id, created (unread) when missing. */
static struct mark *
get(struct state *st, const char *id)
{
	uint64_t h = cache_hash(id, strlen(id));
	struct mark *m;

	if ((st->used + 1) * 4 > st->cap * 3)
		grow(st);
	m = slot(st, id, h);
	if (m->id == NULL) {
		m->id = xstrdup(id);
		m->hash = h;
		m->read = false;
		m->t = 0;
		st->used++;
	}
	return m;
}

static const struct mark *
find(const struct state *st, const char *id)
{
	const struct mark *m;

	if (st->cap == 0)
		return NULL;
	m = slot(st, id, cache_hash(id, strlen(id)));
	return m->id != NULL ? m : NULL;
}

bool
state_is_read(const struct state *st, const char *id)
{
	const struct mark *m;

	if (id == NULL)
		return false;
	m = find(st, id);
	return m != NULL && m->read;
}

/* Apply one change to the table. */
static void
apply(struct state *st, const char *id, enum change_op op, time_t t)
{
	struct mark *m;

	if (op == CHANGE_TOUCH) {
		if (find(st, id) == NULL)
			return;
		m = get(st, id);
		if (m->read && t > m->t)
			m->t = t;
		return;
	}
	m = get(st, id);
	if (op == CHANGE_READ) {
		if (!m->read)
			st->nread++;
		m->read = true;
		m->t = t;
	} else {
		if (m->read)
			st->nread--;
		m->read = false;
	}
}

static void
record(struct state *st, const char *id, enum change_op op, time_t t)
{
	if (st->nchg == st->capchg) {
		st->capchg = st->capchg == 0 ? 16 : st->capchg * 2;
		st->chg = xreallocarray(st->chg, st->capchg, sizeof(*st->chg));
	}
	st->chg[st->nchg].id = xstrdup(id);
	st->chg[st->nchg].op = op;
	st->chg[st->nchg].t = t;
	st->nchg++;
}

void
state_set_read(struct state *st, const char *id, bool read, time_t now)
{
	if (id == NULL)
		return;
	if (state_is_read(st, id) == read)
		return;
	apply(st, id, read ? CHANGE_READ : CHANGE_UNREAD, now);
	record(st, id, read ? CHANGE_READ : CHANGE_UNREAD, now);
}

void
state_touch(struct state *st, const char *id, time_t now)
{
	const struct mark *m;

	if (id == NULL)
		return;
	m = find(st, id);
	if (m == NULL || !m->read || m->t > now - DAY)
		return;
	apply(st, id, CHANGE_TOUCH, now);
	record(st, id, CHANGE_TOUCH, now);
}

size_t
state_count(const struct state *st)
{
	return st->nread;
}

bool
state_dirty(const struct state *st)
{
	return st->nchg > 0;
}

void
state_encode(const struct state *st, time_t now, int keep_days, struct buf *out)
{
	time_t horizon = now - (time_t)(keep_days + 1) * DAY;
	size_t i, n = 0;

	for (i = 0; i < st->cap; i++)
		if (st->tab[i].id != NULL && st->tab[i].read &&
		    (keep_days < 0 || st->tab[i].t >= horizon))
			n++;
	cache_put_uint(out, n);
	for (i = 0; i < st->cap; i++) {
		if (st->tab[i].id == NULL || !st->tab[i].read ||
		    (keep_days >= 0 && st->tab[i].t < horizon))
			continue;
		cache_put_str(out, st->tab[i].id);
		cache_put_int(out, (int64_t)st->tab[i].t);
	}
}

int
state_decode(struct state *st, const void *p, size_t n, char **cause)
{
	struct cache_rd rd = {p, (const unsigned char *)p + n, false};
	struct state tmp;
	struct mark *m;
	uint64_t count, i;
	char *id;
	time_t t;

	memset(&tmp, 0, sizeof(tmp));
	count = cache_get_uint(&rd);
	/* A mark takes at least 3 bytes. */
	if (count > n / 3)
		rd.bad = true;
	for (i = 0; i < count && !rd.bad; i++) {
		id = cache_get_str(&rd);
		t = (time_t)cache_get_int(&rd);
		if (id == NULL) {
			rd.bad = true;
			break;
		}
		m = get(&tmp, id);
		if (!m->read)
			tmp.nread++;
		m->read = true;
		m->t = t;
		free(id);
	}
	if (rd.bad || rd.p != rd.end) {
		clear_table(&tmp);
		*cause = xstrdup("bad record (cut short or malformed)");
		return -1;
	}
	clear_table(st);
	st->tab = tmp.tab;
	st->cap = tmp.cap;
	st->used = tmp.used;
	st->nread = tmp.nread;
	for (i = 0; i < st->nchg; i++)
		apply(st, st->chg[i].id, st->chg[i].op, st->chg[i].t);
	return 0;
}

/* --- Visits --- */

time_t
state_visit_since(const struct state_visit *prev, time_t now)
{
	if (prev->last == 0)
		return 0;
	/* A clock set back: the same visit, as if no time had passed. */
	if (now - prev->last < STATE_VISIT_GAP)
		return prev->since;
	return prev->last;
}

void
state_visit_encode(const struct state_visit *v, struct buf *out)
{
	cache_put_int(out, (int64_t)v->since);
	cache_put_int(out, (int64_t)v->last);
}

int
state_visit_decode(const void *p, size_t n, struct state_visit *v)
{
	struct cache_rd rd = {p, (const unsigned char *)p + n, false};

	v->since = (time_t)cache_get_int(&rd);
	v->last = (time_t)cache_get_int(&rd);
	if (rd.bad || rd.p != rd.end || v->since < 0 || v->last < 0) {
		memset(v, 0, sizeof(*v));
		return -1;
	}
	return 0;
}
