/*
 * test_date -- feed dates, RFC 3339 output, calendar arithmetic, ages.
 *
 * The format table is tests/data/dates.txt; the ages of the IFP fixture
 * are tests/data/feeds/ifp-feed.expected-list.txt (its 2nd and 3rd
 * columns), both at the fixtures' fixed now, 2024-11-30T14:00:00Z.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "date.h"

#define NOW ((time_t)1732975200) /* 2024-11-30T14:00:00Z */
#define MIN 60
#define HOUR 3600
#define DAY 86400

static FILE *
open_data(const char *name)
{
	const char *dir = getenv("TESTS_DATA");
	char path[4096];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir != NULL ? dir : "tests/data",
	    name);
	f = fopen(path, "r");
	if (f == NULL)
		fail_msg("cannot open %s", path);
	return f;
}

/* Undo the table's \t and \n escapes in place. */
static void
unescape(char *s)
{
	char *d = s;

	for (; *s != '\0'; s++) {
		if (s[0] == '\\' && (s[1] == 't' || s[1] == 'n')) {
			*d++ = s[1] == 't' ? '\t' : '\n';
			s++;
		} else
			*d++ = *s;
	}
	*d = '\0';
}

static void
parses_every_form_of_the_table(void **state)
{
	char line[1024], got[DATE_RFC3339_LEN], again[DATE_RFC3339_LEN];
	char *input, *want, *tab;
	int lineno = 0, bad = 0, rows = 0, accepted = 0;
	time_t t, t2;
	FILE *f;

	(void)state;
	f = open_data("dates.txt");
	while (fgets(line, sizeof(line), f) != NULL) {
		lineno++;
		line[strcspn(line, "\n")] = '\0';
		if (line[0] == '#' || line[0] == '\0')
			continue;
		input = line;
		tab = strchr(input, '\t');
		assert_non_null(tab);
		*tab = '\0';
		want = tab + 1;
		tab = strchr(want, '\t');
		assert_non_null(tab); /* every row says where it is seen */
		*tab = '\0';
		unescape(input);
		rows++;
		t = (time_t)12345;
		if (date_parse(input, &t) == -1) {
			if (strcmp(want, "none") != 0) {
				print_message("dates.txt:%d: \"%s\": none, "
				              "want %s\n",
				    lineno, input, want);
				bad++;
			}
			/* A failed parse leaves *out alone. */
			assert_int_equal((long long)t, 12345);
			continue;
		}
		accepted++;
		date_rfc3339(t, got);
		if (strcmp(got, want) != 0) {
			print_message("dates.txt:%d: \"%s\": %s, want %s\n",
			    lineno, input, got, want);
			bad++;
		}
		/* What we print, we read back to the same instant. */
		assert_int_equal(date_parse(got, &t2), 0);
		assert_int_equal((long long)t2, (long long)t);
		assert_string_equal(date_rfc3339(t2, again), got);
	}
	fclose(f);
	print_message("# dates.txt: %d forms, %d accepted, %d refused\n", rows,
	    accepted, rows - accepted);
	assert_true(rows >= 150);
	assert_int_equal(bad, 0);
}

static void
ages_match_the_ifp_fixture(void **state)
{
	char line[4096], buf[64];
	char *f1, *f2, *f3, *end;
	int rows = 0;
	time_t t;
	FILE *f;

	(void)state;
	f = open_data("feeds/ifp-feed.expected-list.txt");
	while (fgets(line, sizeof(line), f) != NULL) {
		f1 = strchr(line, '\t');
		assert_non_null(f1);
		f2 = strchr(f1 + 1, '\t');
		assert_non_null(f2);
		f3 = strchr(f2 + 1, '\t');
		assert_non_null(f3);
		*f2 = '\0';
		*f3 = '\0';
		assert_int_equal(date_parse(f1 + 1, &t), 0);
		end = date_age(t, NOW, buf, sizeof(buf));
		assert_ptr_equal(end, buf);
		assert_string_equal(buf, f2 + 1);
		rows++;
	}
	fclose(f);
	assert_int_equal(rows, 12);
}

static void
ages_change_at_every_boundary(void **state)
{
	static const struct {
		long long ago; /* seconds before NOW */
		const char *want;
	} cases[] = {
	    {0, "just now"},
	    {1, "just now"},
	    {59, "just now"},
	    {60, "1 minute ago"},
	    {119, "1 minute ago"},
	    {120, "2 minutes ago"},
	    {54 * MIN, "54 minutes ago"},
	    {59 * MIN + 59, "59 minutes ago"},
	    {60 * MIN, "1 hour ago"},
	    {85 * MIN, "1 hour ago"}, /* floor, not nearest */
	    {2 * HOUR - 1, "1 hour ago"},
	    {2 * HOUR, "2 hours ago"},
	    {23 * HOUR + 59 * MIN, "23 hours ago"},
	    {DAY - 1, "23 hours ago"},
	    {DAY, "yesterday"},
	    {47 * HOUR + 59 * MIN, "yesterday"},
	    {2 * DAY - 1, "yesterday"},
	    {2 * DAY, "2 days ago"},
	    {3 * DAY + 23 * HOUR, "3 days ago"},
	    {6 * DAY, "6 days ago"},
	    {7 * DAY - 1, "6 days ago"},
	    {7 * DAY, "Nov 23, 2024"},
	    {14 * DAY + 14 * HOUR + 1, "Nov 15, 2024"},
	    {29 * DAY + 14 * HOUR, "Nov 1, 2024"},
	    {29 * DAY + 14 * HOUR + 1, "Oct 31, 2024"},
	    {366 * DAY, "Nov 30, 2023"},
	    {1732975200LL, "Jan 1, 1970"},
	    {-1, "just now"}, /* a second in the future */
	    {-400 * DAY, "just now"},
	};
	char buf[64];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		date_age(NOW - (time_t)cases[i].ago, NOW, buf, sizeof(buf));
		if (strcmp(buf, cases[i].want) != 0)
			fail_msg("%lld s ago: \"%s\", want \"%s\"",
			    cases[i].ago, buf, cases[i].want);
	}
}

static void
ages_of_the_far_past_and_future_and_no_date(void **state)
{
	char buf[64];
	time_t t;

	(void)state;
	assert_int_equal(date_parse("1900-01-01T00:00:00Z", &t), 0);
	assert_string_equal(date_age(t, NOW, buf, sizeof(buf)), "Jan 1, 1900");
	assert_int_equal(date_parse("0001-01-01", &t), 0);
	assert_string_equal(date_age(t, NOW, buf, sizeof(buf)), "Jan 1, 0001");
	assert_int_equal(date_parse("2038-01-19T03:14:08Z", &t), 0);
	assert_string_equal(date_age(t, NOW, buf, sizeof(buf)), "just now");
	assert_string_equal(date_age(t, t + 3 * DAY, buf, sizeof(buf)),
	    "3 days ago");
	assert_string_equal(date_age(t, t + 8 * DAY, buf, sizeof(buf)),
	    "Jan 19, 2038");
	/* No date: nothing to show; the extremes of time_t do not overflow. */
	assert_string_equal(date_age(DATE_NONE, NOW, buf, sizeof(buf)), "");
	date_age(DATE_NONE + 1, NOW, buf, sizeof(buf));
	assert_string_equal(buf, "");
	date_age(DATE_NONE + 1, (time_t)LLONG_MAX, buf, sizeof(buf));
	assert_string_equal(buf, "");
	assert_string_equal(date_age(NOW, (time_t)LLONG_MAX, buf, sizeof(buf)),
	    "Nov 30, 2024");
}

static void
ages_fit_a_small_buffer(void **state)
{
	char buf[8];

	(void)state;
	memset(buf, 'x', sizeof(buf));
	date_age(NOW - 54 * MIN, NOW, buf, sizeof(buf));
	assert_string_equal(buf, "54 minu");
	date_age(NOW - 54 * MIN, NOW, buf, 1);
	assert_string_equal(buf, "");
	buf[0] = 'x';
	date_age(NOW - 54 * MIN, NOW, buf, 0);
	assert_int_equal(buf[0], 'x');
}

static void
gmtime_breaks_down_known_instants(void **state)
{
	struct tm tm;
	long long t;

	(void)state;
	assert_int_equal(date_gmtime(NOW, &tm), 0);
	assert_int_equal(tm.tm_year, 124);
	assert_int_equal(tm.tm_mon, 10);
	assert_int_equal(tm.tm_mday, 30);
	assert_int_equal(tm.tm_hour, 14);
	assert_int_equal(tm.tm_min, 0);
	assert_int_equal(tm.tm_sec, 0);
	assert_int_equal(tm.tm_wday, 6); /* Saturday */
	assert_int_equal(tm.tm_yday, 334);

	assert_int_equal(date_gmtime(0, &tm), 0);
	assert_int_equal(tm.tm_year, 70);
	assert_int_equal(tm.tm_wday, 4); /* Thursday */

	assert_int_equal(date_gmtime(-1, &tm), 0);
	assert_int_equal(tm.tm_year, 69);
	assert_int_equal(tm.tm_mon, 11);
	assert_int_equal(tm.tm_mday, 31);
	assert_int_equal(tm.tm_hour, 23);
	assert_int_equal(tm.tm_min, 59);
	assert_int_equal(tm.tm_sec, 59);
	assert_int_equal(tm.tm_wday, 3); /* Wednesday */
	assert_int_equal(tm.tm_yday, 364);

	/* 2038-01-19T03:14:08Z, past 32-bit time_t. */
	assert_int_equal(date_gmtime((time_t)2147483648LL, &tm), 0);
	assert_int_equal(tm.tm_year, 138);
	assert_int_equal(tm.tm_mon, 0);
	assert_int_equal(tm.tm_mday, 19);
	assert_int_equal(tm.tm_hour, 3);
	assert_int_equal(tm.tm_min, 14);
	assert_int_equal(tm.tm_sec, 8);
	assert_int_equal(tm.tm_wday, 2); /* Tuesday */

	/* 2000-02-29 and 2024-12-31 (day 366 of a leap year). */
	assert_int_equal(date_gmtime((time_t)951782400LL, &tm), 0);
	assert_int_equal(tm.tm_mon, 1);
	assert_int_equal(tm.tm_mday, 29);
	assert_int_equal(date_gmtime((time_t)1735603200LL, &tm), 0);
	assert_int_equal(tm.tm_mon, 11);
	assert_int_equal(tm.tm_mday, 31);
	assert_int_equal(tm.tm_yday, 365);

	/* Years beyond an int are out of range, not wrapped. */
	t = date_timegm(INT_MAX, 12, 31, 23, 59, 59);
	assert_int_equal(date_gmtime((time_t)t, &tm), 0);
	assert_int_equal(tm.tm_year, INT_MAX - 1900);
	assert_int_equal(tm.tm_mon, 11);
	assert_int_equal(tm.tm_mday, 31);
	assert_int_equal(date_gmtime((time_t)(t + 1), &tm), -1);
	t = date_timegm(INT_MIN + 1900, 1, 1, 0, 0, 0);
	assert_int_equal(date_gmtime((time_t)t, &tm), 0);
	assert_int_equal(tm.tm_year, INT_MIN);
	assert_int_equal(date_gmtime((time_t)(t - 1), &tm), -1);
	assert_int_equal(date_gmtime((time_t)LLONG_MAX, &tm), -1);
	assert_int_equal(date_gmtime((time_t)LLONG_MIN, &tm), -1);
}

static void
timegm_and_gmtime_agree_on_every_day_of_ten_millennia(void **state)
{
	long long t, prev;
	struct tm tm;
	int y, m, d, wday = 1; /* 0001-01-01 was a Monday */
	int yday;

	(void)state;
	prev = date_timegm(0, 12, 31, 0, 0, 0);
	for (y = 1; y <= 9999; y++) {
		yday = 0;
		for (m = 1; m <= 12; m++) {
			static const int len[] = {31, 28, 31, 30, 31, 30, 31,
			    31, 30, 31, 30, 31};
			int n = len[m - 1];

			if (m == 2 &&
			    ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
				n = 29;
			for (d = 1; d <= n; d++) {
				t = date_timegm(y, m, d, 0, 0, 0);
				if (t - prev != DAY)
					fail_msg("%04d-%02d-%02d: %lld", y, m,
					    d, t - prev);
				assert_int_equal(date_gmtime((time_t)t, &tm),
				    0);
				if (tm.tm_year + 1900 != y ||
				    tm.tm_mon + 1 != m || tm.tm_mday != d ||
				    tm.tm_wday != wday || tm.tm_yday != yday)
					fail_msg("%04d-%02d-%02d comes back as "
					         "%d-%d-%d",
					    y, m, d, tm.tm_year + 1900,
					    tm.tm_mon + 1, tm.tm_mday);
				prev = t;
				wday = (wday + 1) % 7;
				yday++;
			}
		}
	}
	assert_int_equal(prev, 253402214400LL); /* 9999-12-31 */
}

static void
timegm_normalizes_fields_out_of_range(void **state)
{
	(void)state;
	assert_int_equal(date_timegm(1970, 1, 1, 0, 0, 0), 0);
	assert_int_equal(date_timegm(2024, 11, 30, 14, 0, 0), NOW);
	assert_int_equal(date_timegm(2024, 11, 30, 13, 60, 0), NOW);
	assert_int_equal(date_timegm(2024, 11, 30, 14, 0, 60), NOW + 60);
	assert_int_equal(date_timegm(2024, 12, 0, 14, 0, 0), NOW);
	assert_int_equal(date_timegm(2023, 23, 30, 14, 0, 0), NOW);
	assert_int_equal(date_timegm(2025, -1, 30, 14, 0, 0), NOW);
	assert_int_equal(date_timegm(2024, 1, 335, 14, 0, 0), NOW);
	assert_int_equal(date_timegm(2024, 11, 31, -10, 0, 0), NOW);
	assert_int_equal(date_timegm(1969, 12, 31, 23, 59, 59), -1);
	/* The extremes of int do not overflow. */
	assert_true(date_timegm(INT_MAX, INT_MAX, INT_MAX, INT_MAX, INT_MAX,
	                INT_MAX) > 0);
	assert_true(date_timegm(INT_MIN, INT_MIN, INT_MIN, INT_MIN, INT_MIN,
	                INT_MIN) < 0);
}

static void
rfc3339_writes_utc_and_nothing_out_of_range(void **state)
{
	char buf[DATE_RFC3339_LEN];

	(void)state;
	assert_string_equal(date_rfc3339(NOW, buf), "2024-11-30T14:00:00Z");
	assert_string_equal(date_rfc3339(0, buf), "1970-01-01T00:00:00Z");
	assert_string_equal(date_rfc3339(-1, buf), "1969-12-31T23:59:59Z");
	assert_string_equal(date_rfc3339((time_t)253402300799LL, buf),
	    "9999-12-31T23:59:59Z");
	assert_string_equal(date_rfc3339((time_t)-62135596800LL, buf),
	    "0001-01-01T00:00:00Z");
	assert_int_equal(strlen(buf), DATE_RFC3339_LEN - 1);
	assert_string_equal(date_rfc3339((time_t)253402300800LL, buf), "");
	assert_string_equal(date_rfc3339((time_t)-62135596801LL, buf), "");
	assert_string_equal(date_rfc3339(DATE_NONE, buf), "");
}

static void
now_reads_rfc3339_and_unix_seconds(void **state)
{
	time_t t = 0;

	(void)state;
	assert_int_equal(date_parse_now("2024-11-30T14:00:00Z", &t), 0);
	assert_int_equal(t, NOW);
	assert_int_equal(date_parse_now("2024-11-30T17:30:00+03:30", &t), 0);
	assert_int_equal(t, NOW);
	assert_int_equal(date_parse_now("1732975200", &t), 0);
	assert_int_equal(t, NOW);
	assert_int_equal(date_parse_now("0", &t), 0);
	assert_int_equal(t, 0);
	assert_int_equal(date_parse_now("253402300799", &t), 0);
	t = 7;
	assert_int_equal(date_parse_now("253402300800", &t), -1);
	assert_int_equal(date_parse_now("99999999999999999999999", &t), -1);
	assert_int_equal(date_parse_now("", &t), -1);
	assert_int_equal(date_parse_now("-5", &t), -1);
	assert_int_equal(date_parse_now("1732975200x", &t), -1);
	assert_int_equal(date_parse_now("now", &t), -1);
	assert_int_equal(date_parse_now("Sat, 30 Nov 2024 14:00:00 GMT", &t),
	    -1);
	assert_int_equal(date_parse_now(NULL, &t), -1);
	assert_int_equal(t, 7);
}

static void
refuses_null_and_huge_input(void **state)
{
	char big[4096];
	time_t t = 7;

	(void)state;
	assert_int_equal(date_parse(NULL, &t), -1);
	memset(big, '9', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	assert_int_equal(date_parse(big, &t), -1);
	memset(big, 'a', sizeof(big) - 1);
	assert_int_equal(date_parse(big, &t), -1);
	memcpy(big, "Sat, 30 Nov 2024 13:06:00 ", 26);
	assert_int_equal(date_parse(big, &t), -1);
	memcpy(big, "Sat, 30 Nov 0000000000000000000000000002024", 43);
	assert_int_equal(date_parse(big, &t), -1);
	assert_int_equal(t, 7);
}

static void
formats_dates_without_a_locale(void **state)
{
	char buf[128];
	time_t t;

	(void)state;
	/* 2024-03-05T07:08:09Z, a Tuesday, day 65 of a leap year. */
	t = (time_t)date_timegm(2024, 3, 5, 7, 8, 9);
	assert_int_equal(date_format(buf, sizeof(buf),
	                     "%Y %y %m %d %e %j %H %I %M %S %p", t),
	    0);
	assert_string_equal(buf, "2024 24 03 05  5 065 07 07 08 09 AM");
	assert_int_equal(date_format(buf, sizeof(buf), "%-m/%-d %-H %-I %-j",
	                     t),
	    0);
	assert_string_equal(buf, "3/5 7 7 65");
	assert_int_equal(date_format(buf, sizeof(buf), "%a %A %b %B", t), 0);
	assert_string_equal(buf, "Tue Tuesday Mar March");
	assert_int_equal(date_format(buf, sizeof(buf), "%F %T %R 100%%", t), 0);
	assert_string_equal(buf, "2024-03-05 07:08:09 07:08 100%");
	assert_int_equal(date_format(buf, sizeof(buf), DATE_FORMAT_DEFAULT, t),
	    0);
	assert_string_equal(buf, "Mar 5, 2024");
	/* Noon and midnight on the 12-hour clock. */
	assert_int_equal(date_format(buf, sizeof(buf), "%I %p",
	                     (time_t)date_timegm(2024, 3, 5, 12, 0, 0)),
	    0);
	assert_string_equal(buf, "12 PM");
	assert_int_equal(date_format(buf, sizeof(buf), "%I %p",
	                     (time_t)date_timegm(2024, 3, 5, 0, 0, 0)),
	    0);
	assert_string_equal(buf, "12 AM");
	/* Cut to the buffer, always terminated. */
	assert_int_equal(date_format(buf, 5, "%B %Y", t), 0);
	assert_string_equal(buf, "Marc");
	/* Unknown conversions and a lone % are errors, and write nothing. */
	assert_int_equal(date_format(buf, sizeof(buf), "%Y %Q", t), -1);
	assert_string_equal(buf, "");
	assert_int_equal(date_format(buf, sizeof(buf), "%c", t), -1);
	assert_int_equal(date_format(buf, sizeof(buf), "100%", t), -1);
	assert_int_equal(date_format(buf, sizeof(buf), "%-", t), -1);
	assert_int_equal(date_format(buf, sizeof(buf), "%-%", t), -1);
	assert_int_equal(date_format(buf, sizeof(buf), "%Y", DATE_NONE), -1);
	/* date_age_fmt uses it from a week on. */
	assert_string_equal(date_age_fmt(NOW - 8 * DAY, NOW, "%F", buf,
	                        sizeof(buf)),
	    "2024-11-22");
	assert_string_equal(date_age_fmt(NOW - 6 * DAY, NOW, "%F", buf,
	                        sizeof(buf)),
	    "6 days ago");
	assert_string_equal(date_age_fmt(NOW - 8 * DAY, NOW, "%Q", buf,
	                        sizeof(buf)),
	    "");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(parses_every_form_of_the_table),
	    cmocka_unit_test(ages_match_the_ifp_fixture),
	    cmocka_unit_test(ages_change_at_every_boundary),
	    cmocka_unit_test(ages_of_the_far_past_and_future_and_no_date),
	    cmocka_unit_test(ages_fit_a_small_buffer),
	    cmocka_unit_test(gmtime_breaks_down_known_instants),
	    cmocka_unit_test(
	        timegm_and_gmtime_agree_on_every_day_of_ten_millennia),
	    cmocka_unit_test(timegm_normalizes_fields_out_of_range),
	    cmocka_unit_test(rfc3339_writes_utc_and_nothing_out_of_range),
	    cmocka_unit_test(now_reads_rfc3339_and_unix_seconds),
	    cmocka_unit_test(refuses_null_and_huge_input),
	    cmocka_unit_test(formats_dates_without_a_locale),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
