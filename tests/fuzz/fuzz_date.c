/*
 * fuzz_date -- libFuzzer target for date_parse and friends.
 *
 * Invariants, not only "no crash":
 * - an accepted date lies in years 1-9999, prints as a 20-byte RFC 3339
 *   string, and that string reads back (date_parse, date_parse_now) to
 *   the same instant;
 * - date_gmtime and date_timegm are inverses wherever gmtime succeeds;
 * - ages and formatted dates fit their buffer, are NUL-terminated and
 *   hold no control character, whatever the format string.
 */
#include <assert.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define T_MIN (-62135596800LL) /* 0001-01-01T00:00:00Z */
#define T_MAX 253402300799LL   /* 9999-12-31T23:59:59Z */

static void
check_text(const char *s, size_t size)
{
	size_t n = strlen(s);

	assert(n < size);
	for (; *s != '\0'; s++)
		assert((unsigned char)*s >= 0x20 && *s != 0x7f);
}

static void
check_instant(time_t t)
{
	char buf[DATE_RFC3339_LEN], age[64];
	struct tm tm;
	time_t t2;

	assert((long long)t >= T_MIN && (long long)t <= T_MAX);
	date_rfc3339(t, buf);
	assert(strlen(buf) == DATE_RFC3339_LEN - 1);
	assert(date_parse(buf, &t2) == 0 && t2 == t);
	assert(date_parse_now(buf, &t2) == 0 && t2 == t);
	assert(date_gmtime(t, &tm) == 0);
	assert(date_timegm(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
	           tm.tm_hour, tm.tm_min, tm.tm_sec) == (long long)t);
	check_text(date_age(t, t, age, sizeof(age)), sizeof(age));
	assert(strcmp(age, "just now") == 0);
	check_text(date_age(t, (time_t)T_MAX, age, sizeof(age)), sizeof(age));
	check_text(date_age(t, (time_t)T_MIN, age, sizeof(age)), sizeof(age));
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s, out[64];
	long long raw = 0;
	struct tm tm;
	size_t i;
	time_t t;

	s = malloc(size + 1);
	if (s == NULL)
		return 0;
	memcpy(s, data, size);
	s[size] = '\0';

	if (date_parse(s, &t) == 0)
		check_instant(t);
	if (date_parse_now(s, &t) == 0)
		check_instant(t);

	/* The input as a format: never past the buffer, no controls out. */
	for (i = 1; i <= sizeof(out); i *= 4) {
		memset(out, 'x', sizeof(out));
		if (date_format(out, i, s, (time_t)1732975200) == 0 ||
		    out[0] == '\0')
			assert(memchr(out, '\0', i) != NULL);
	}
	if (date_format(out, sizeof(out), s, (time_t)1732975200) == 0)
		assert(strlen(out) < sizeof(out));
	date_age_fmt((time_t)1, (time_t)T_MAX, s, out, sizeof(out));
	assert(memchr(out, '\0', sizeof(out)) != NULL);

	/* The first bytes as an instant: gmtime and timegm agree. */
	memcpy(&raw, data, size < sizeof(raw) ? size : sizeof(raw));
	if (date_gmtime((time_t)raw, &tm) == 0)
		assert(date_timegm(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
		           tm.tm_hour, tm.tm_min, tm.tm_sec) == raw);
	if (raw != (long long)DATE_NONE)
		check_text(date_age((time_t)raw, (time_t)1732975200, out,
		               sizeof(out)),
		    sizeof(out));
	free(s);
	return 0;
}
