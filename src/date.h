/*
 * date -- feed dates to time_t (UTC) and back, and relative ages.
 *
 * Pure and deterministic: our own calendar arithmetic and zone table,
 * never TZ, timegm(), mktime() or strptime(); the current time is always
 * a parameter.
 */
#ifndef IFPNEWS_DATE_H
#define IFPNEWS_DATE_H

#include <limits.h>
#include <stddef.h>
#include <time.h>

/* "No date": absent or unparseable.  Never a real instant we produce. */
#define DATE_NONE ((time_t)LLONG_MIN)

/*
 * Parse a date as feeds write it: RFC 822/1123/2822 with the variants
 * found in the wild, RFC 3339 and W3C-DTF (also partial dates and
 * fractions).  Returns 0 and sets *out (UTC seconds), or -1 when s is not
 * a date we can read with certainty (never a guessed, wrong date); *out
 * is left alone then.  A missing zone means UTC, a missing time 00:00:00;
 * fractions of a second are dropped.  Results lie in years 1 to 9999.
 * tests/data/dates.txt lists the forms, accepted and refused.
 */
int date_parse(const char *s, time_t *out);

/*
 * Parse the IFPNEWS_NOW form: decimal Unix seconds (digits only) or an
 * RFC 3339 / ISO 8601 time as date_parse() reads it.  Returns 0 and sets
 * *out, or -1.
 */
int date_parse_now(const char *s, time_t *out);

#define DATE_RFC3339_LEN 21 /* "2024-11-30T13:06:00Z" and the NUL */

/*
 * Write t as RFC 3339 UTC ("2024-11-30T13:06:00Z") into buf; returns buf.
 * Outside years 1 to 9999 (and for DATE_NONE) buf is "".
 */
char *date_rfc3339(time_t t, char buf[DATE_RFC3339_LEN]);

/*
 * The age of t at now, as the list shows it: "just now", "1 minute ago",
 * "54 minutes ago", "1 hour ago", "N hours ago", "yesterday", "N days ago",
 * then the date ("Nov 28, 2024", in UTC) from 7 days on.  Units are whole,
 * rounded down; "yesterday" is 24 to 48 hours.  A time in the future reads
 * "just now"; DATE_NONE gives "".  Writes into buf
 * (at most size bytes, NUL-terminated); returns buf.
 */
char *date_age(time_t t, time_t now, char *buf, size_t size);

/* The date of date_age: "Nov 28, 2024". */
#define DATE_FORMAT_DEFAULT "%b %-d, %Y"

/*
 * date_age with the dates of a week and older in fmt (date_format; NULL =
 * DATE_FORMAT_DEFAULT).  A bad fmt gives "" for those.
 */
char *date_age_fmt(time_t t, time_t now, const char *fmt, char *buf,
    size_t size);

/*
 * Write t (UTC) into buf as fmt says, a locale-free strftime subset:
 * %Y %y %m %d %e %j %H %I %M %S %p %b %B %a %A %F %R %T %%, and %-d etc.
 * (a '-' drops the padding of a number).  English names.  The output is
 * cut to size - 1 bytes and NUL-terminated.  Returns 0, or -1 (buf "")
 * for a conversion not in that list or a t out of range.
 */
int date_format(char *buf, size_t size, const char *fmt, time_t t);

/* Broken-down UTC time of t (proleptic Gregorian); 0, or -1 when out of range.
 */
int date_gmtime(time_t t, struct tm *tm);

/*
 * Seconds since the epoch of a UTC calendar time: year in full (2024),
 * mon 1-12, mday 1-31.  Fields out of range carry over (mon 13 is January
 * of the next year, mday 0 the last day of the month before); never
 * overflows for any int arguments.
 */
long long date_timegm(int year, int mon, int mday, int hour, int min, int sec);

#endif
