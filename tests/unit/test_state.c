/*
 * test_state -- read marks: set, touch, prune, encode, and the merge.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "state.h"
#include "util.h"

#define NOW 1732975200
#define DAY 86400

/* Encode st and decode it into a fresh state. */
static struct state *
round_trip(const struct state *st, time_t now, int keep_days)
{
	struct state *d = state_new();
	struct buf b;
	char *cause = NULL;

	buf_init(&b, BUF_NOLIMIT);
	state_encode(st, now, keep_days, &b);
	assert_int_equal(state_decode(d, b.data, b.len, &cause), 0);
	buf_clear(&b);
	return d;
}

static void
marks_round_trip(void **unused)
{
	struct state *st = state_new(), *d;

	(void)unused;
	assert_false(state_dirty(st));
	state_set_read(st, "https://ifpnews.com/?p=1", true, NOW);
	state_set_read(st, "پست", true, NOW);
	state_set_read(st, "gone", true, NOW);
	state_set_read(st, "gone", false, NOW);
	state_set_read(st, NULL, true, NOW);
	assert_true(state_dirty(st));
	assert_int_equal(state_count(st), 2);
	d = round_trip(st, NOW, 14);
	assert_true(state_is_read(d, "https://ifpnews.com/?p=1"));
	assert_true(state_is_read(d, "پست"));
	assert_false(state_is_read(d, "gone"));
	assert_false(state_is_read(d, "never"));
	assert_false(state_is_read(d, NULL));
	assert_int_equal(state_count(d), 2);
	assert_false(state_dirty(d));
	state_free(d);
	state_free(st);
}

static void
old_marks_are_pruned_and_touched_ones_kept(void **unused)
{
	struct state *st = state_new(), *d;

	(void)unused;
	state_set_read(st, "old", true, NOW - 20 * DAY);
	state_set_read(st, "listed", true, NOW - 20 * DAY);
	state_set_read(st, "edge", true, NOW - 15 * DAY);
	state_touch(st, "listed", NOW);
	d = round_trip(st, NOW, 14);
	assert_false(state_is_read(d, "old"));
	assert_true(state_is_read(d, "listed"));
	assert_true(state_is_read(d, "edge"));
	state_free(d);
	/* keep_days < 0 keeps everything. */
	d = round_trip(st, NOW, -1);
	assert_true(state_is_read(d, "old"));
	state_free(d);
	state_free(st);
}

static void
touch_renews_only_day_old_read_marks(void **unused)
{
	struct state *st = state_new();

	(void)unused;
	state_set_read(st, "fresh", true, NOW - 3600);
	state_clean(st);
	state_touch(st, "fresh", NOW);
	state_touch(st, "unknown", NOW);
	assert_false(state_dirty(st));
	state_set_read(st, "stale", true, NOW - 2 * DAY);
	state_clean(st);
	state_touch(st, "stale", NOW);
	assert_true(state_dirty(st));
	assert_false(state_is_read(st, "unknown"));
	state_free(st);
}

static void
decode_merges_our_changes_over_the_file(void **unused)
{
	struct state *other = state_new(), *me = state_new();
	struct buf b;
	char *cause = NULL;

	(void)unused;
	/* Both start from a file with x read. */
	state_set_read(other, "x", true, NOW);
	buf_init(&b, BUF_NOLIMIT);
	state_encode(other, NOW, 14, &b);
	assert_int_equal(state_decode(me, b.data, b.len, &cause), 0);
	buf_clear(&b);
	/* The other instance reads y and saves; we read z, unread x. */
	state_set_read(other, "y", true, NOW);
	state_set_read(me, "z", true, NOW);
	state_set_read(me, "x", false, NOW);
	buf_init(&b, BUF_NOLIMIT);
	state_encode(other, NOW, 14, &b);
	/* Our save reads the file again: its marks, then ours on top. */
	assert_int_equal(state_decode(me, b.data, b.len, &cause), 0);
	buf_clear(&b);
	assert_true(state_is_read(me, "y"));
	assert_true(state_is_read(me, "z"));
	assert_false(state_is_read(me, "x"));
	assert_int_equal(state_count(me), 2);
	state_free(me);
	state_free(other);
}

static void
bad_records_are_refused_and_marks_kept(void **unused)
{
	struct state *st = state_new();
	struct buf b;
	char *cause;
	size_t n;

	(void)unused;
	state_set_read(st, "a", true, NOW);
	state_set_read(st, "b", true, NOW);
	buf_init(&b, BUF_NOLIMIT);
	state_encode(st, NOW, 14, &b);
	for (n = 0; n < b.len; n++) {
		cause = NULL;
		assert_int_equal(state_decode(st, b.data, n, &cause), -1);
		assert_non_null(cause);
		free(cause);
		assert_true(state_is_read(st, "a"));
		assert_int_equal(state_count(st), 2);
	}
	cause = NULL;
	assert_int_equal(state_decode(st, "\xff\xff\xff", 3, &cause), -1);
	free(cause);
	buf_clear(&b);
	state_free(st);
}

static void
twenty_thousand_marks_round_trip(void **unused)
{
	struct state *st = state_new(), *d;
	char id[32];
	int i;

	(void)unused;
	for (i = 0; i < 20000; i++) {
		snprintf(id, sizeof(id), "https://x/?p=%d", i);
		state_set_read(st, id, i % 3 != 0, NOW);
	}
	d = round_trip(st, NOW, 14);
	assert_int_equal(state_count(d), state_count(st));
	for (i = 0; i < 20000; i++) {
		snprintf(id, sizeof(id), "https://x/?p=%d", i);
		assert_true(state_is_read(d, id) == (i % 3 != 0));
	}
	state_free(d);
	state_free(st);
}

/*
 * Visits: a session soon after the last one continues its visit (the
 * divider stays); one 30 minutes or more later starts a new one, whose
 * divider is when the reader was last used.
 */
static void
a_visit_goes_on_until_thirty_minutes_away(void **unused)
{
	const time_t t = 1732975200; /* 2024-11-30T14:00:00Z */
	struct state_visit none = {0, 0}, prev = {t - 3600, t};

	(void)unused;
	assert_int_equal(state_visit_since(&none, t), 0);
	assert_int_equal(state_visit_since(&prev, t), t - 3600);
	assert_int_equal(state_visit_since(&prev, t + 29 * 60 + 59), t - 3600);
	assert_int_equal(state_visit_since(&prev, t + 30 * 60), t);
	assert_int_equal(state_visit_since(&prev, t + 86400), t);
	/* A clock set back: still the same visit. */
	assert_int_equal(state_visit_since(&prev, t - 600), t - 3600);
	/* A visit whose divider was never known stays unknown. */
	prev.since = 0;
	assert_int_equal(state_visit_since(&prev, t + 60), 0);
	assert_int_equal(state_visit_since(&prev, t + 3600), t);
}

static void
visits_round_trip_and_bad_ones_are_refused(void **unused)
{
	struct state_visit v = {1732975200, 1732977000}, w;
	struct buf b;

	(void)unused;
	buf_init(&b, BUF_NOLIMIT);
	state_visit_encode(&v, &b);
	assert_int_equal(state_visit_decode(b.data, b.len, &w), 0);
	assert_int_equal(w.since, v.since);
	assert_int_equal(w.last, v.last);
	/* Cut short, or with bytes after it. */
	assert_int_equal(state_visit_decode(b.data, b.len - 1, &w), -1);
	assert_int_equal(w.since, 0);
	assert_int_equal(w.last, 0);
	buf_addch(&b, 0);
	assert_int_equal(state_visit_decode(b.data, b.len, &w), -1);
	assert_int_equal(state_visit_decode("", 0, &w), -1);
	buf_clear(&b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(marks_round_trip),
	    cmocka_unit_test(old_marks_are_pruned_and_touched_ones_kept),
	    cmocka_unit_test(touch_renews_only_day_old_read_marks),
	    cmocka_unit_test(decode_merges_our_changes_over_the_file),
	    cmocka_unit_test(bad_records_are_refused_and_marks_kept),
	    cmocka_unit_test(twenty_thousand_marks_round_trip),
	    cmocka_unit_test(a_visit_goes_on_until_thirty_minutes_away),
	    cmocka_unit_test(visits_round_trip_and_bad_ones_are_refused),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
