/*
 * test_buf -- the bounded byte buffer.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "buf.h"

static void
appends_and_terminates(void **state)
{
	struct buf b;

	(void)state;
	buf_init(&b, BUF_NOLIMIT);
	assert_string_equal(buf_str(&b), "");
	assert_int_equal(buf_addstr(&b, "abc"), 0);
	assert_int_equal(buf_addch(&b, 'd'), 0);
	assert_int_equal(buf_printf(&b, "-%d-%s", 42, "x"), 0);
	assert_string_equal(buf_str(&b), "abcd-42-x");
	assert_int_equal(b.len, 9);
	buf_truncate(&b, 2);
	assert_string_equal(buf_str(&b), "ab");
	buf_clear(&b);
}

static void
refuses_to_pass_its_maximum(void **state)
{
	struct buf b;

	(void)state;
	buf_init(&b, 8);
	assert_int_equal(buf_addstr(&b, "12345678"), 0);
	assert_int_equal(buf_addch(&b, '9'), -1);
	assert_true(b.toobig);
	assert_int_equal(b.len, 0);
	assert_null(b.data);
	/* Once failed, it stays failed. */
	assert_int_equal(buf_addstr(&b, ""), -1);
	buf_clear(&b);
	buf_init(&b, 4);
	assert_int_equal(buf_printf(&b, "%s", "too long"), -1);
	assert_true(b.toobig);
	buf_clear(&b);
}

static void
never_allocates_past_its_maximum(void **state)
{
	struct buf b;
	size_t i;

	(void)state;
	buf_init(&b, 1000);
	for (i = 0; i < 1000; i++)
		assert_int_equal(buf_addch(&b, 'x'), 0);
	assert_int_equal(b.len, 1000);
	assert_true(b.cap <= 1001);
	assert_int_equal(buf_addch(&b, 'x'), -1);
	buf_clear(&b);
}

static void
grows_past_many_doublings(void **state)
{
	struct buf b;
	size_t i;

	(void)state;
	buf_init(&b, BUF_NOLIMIT);
	for (i = 0; i < 100000; i++)
		assert_int_equal(buf_addch(&b, (char)('a' + i % 26)), 0);
	assert_int_equal(b.len, 100000);
	assert_int_equal(b.data[26], 'a');
	assert_int_equal(b.data[b.len], '\0');
	buf_clear(&b);
}

static void
detach_hands_over_ownership(void **state)
{
	struct buf b;
	size_t n;
	char *s;

	(void)state;
	buf_init(&b, BUF_NOLIMIT);
	s = buf_detach(&b, &n);
	assert_string_equal(s, "");
	assert_int_equal(n, 0);
	free(s);
	buf_addstr(&b, "xyz");
	s = buf_detach(&b, &n);
	assert_string_equal(s, "xyz");
	assert_int_equal(n, 3);
	assert_null(b.data);
	free(s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(appends_and_terminates),
	    cmocka_unit_test(refuses_to_pass_its_maximum),
	    cmocka_unit_test(never_allocates_past_its_maximum),
	    cmocka_unit_test(grows_past_many_doublings),
	    cmocka_unit_test(detach_hands_over_ownership),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
