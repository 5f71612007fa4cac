/*
 * date -- feed dates to time_t (UTC) and back, and relative ages.
 *
 * Two grammars, chosen by the first token: a run of four or more digits
 * starts an ISO 8601 date (RFC 3339, W3C-DTF, the basic form), anything
 * else the RFC 822 family (RFC 822, 1123, 2822, 850, asctime and the
 * variants feeds really write).  Both fill a struct dt, and one function
 * validates it and does the arithmetic, so every accepted date passes
 * the same range checks.
 */
#include "date.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "util.h"

/* 0001-01-01T00:00:00Z and 9999-12-31T23:59:59Z: what RFC 3339 can write. */
#define T_MIN (-62135596800LL)
#define T_MAX 253402300799LL

#define DAY 86400LL

struct dt {
	int year; /* full year */
	int mon;  /* 1-12 */
	int day;  /* 1-31 */
	int hour; /* 0-24 (24 only as 24:00:00) */
	int min;
	int sec;  /* 0-60 (60: a leap second) */
	long off; /* zone, seconds east of UTC */
};

static const char *const month_names[] = {"january", "february", "march",
    "april", "may", "june", "july", "august", "september", "october",
    "november", "december"};
static const char *const day_names[] = {"monday", "tuesday", "wednesday",
    "thursday", "friday", "saturday", "sunday"};
static const char month_abbr[12][4] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
    "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

/*
 * Zone names and their offsets (minutes east of UTC).  RFC 822 §5 names
 * first; then names that mean one zone only and are common in feeds.
 * Ambiguous names (IST: India, Ireland or Israel; AST: Atlantic or
 * Arabia) and the US generic ET/CT/MT/PT (standard or daylight?) are left
 * out on purpose: no date beats a date that is an hour off.
 */
static const struct {
	char name[6]; /* lowercase */
	short min;
} zones[] = {
    {"ut", 0},
    {"utc", 0},
    {"gmt", 0},
    {"z", 0},
    {"est", -5 * 60},
    {"edt", -4 * 60},
    {"cst", -6 * 60},
    {"cdt", -5 * 60},
    {"mst", -7 * 60},
    {"mdt", -6 * 60},
    {"pst", -8 * 60},
    {"pdt", -7 * 60},
    {"wet", 0},
    {"west", 60},
    {"bst", 60},
    {"cet", 60},
    {"cest", 2 * 60},
    {"met", 60},
    {"mest", 2 * 60},
    {"eet", 2 * 60},
    {"eest", 3 * 60},
    {"msk", 3 * 60},
    {"irst", 3 * 60 + 30},
    {"irdt", 4 * 60 + 30},
    {"pkt", 5 * 60},
    {"wib", 7 * 60},
    {"hkt", 8 * 60},
    {"sgt", 8 * 60},
    {"awst", 8 * 60},
    {"jst", 9 * 60},
    {"kst", 9 * 60},
    {"acst", 9 * 60 + 30},
    {"acdt", 10 * 60 + 30},
    {"aest", 10 * 60},
    {"aedt", 11 * 60},
    {"nzst", 12 * 60},
    {"nzdt", 13 * 60},
    {"hst", -10 * 60},
    {"akst", -9 * 60},
    {"akdt", -8 * 60},
    {"nst", -3 * 60 - 30},
    {"ndt", -2 * 60 - 30},
};

/* ASCII classes: the locale must not change what a date means. */
static bool
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static bool
is_alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool
is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static char
to_lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

static const char *
skip_space(const char *p)
{
	while (is_space(*p))
		p++;
	return p;
}

/* Read exactly n digits (n <= 9); -1 if there are fewer. */
static int
digits(const char **pp, int n)
{
	const char *p = *pp;
	int i, v = 0;

	for (i = 0; i < n; i++) {
		if (!is_digit(p[i]))
			return -1;
		v = v * 10 + (p[i] - '0');
	}
	*pp = p + n;
	return v;
}

/* Read a run of digits; its length goes to *len (0: none, value -1). */
static int
number(const char **pp, int *len)
{
	const char *p = *pp;
	int v = 0, n = 0;

	while (is_digit(p[n])) {
		if (n < 9)
			v = v * 10 + (p[n] - '0');
		n++;
	}
	*len = n;
	*pp = p + n;
	return n == 0 || n > 9 ? -1 : v;
}

/* Read a word of letters, lowercased, into w (at most size - 1 kept). */
static size_t
word(const char **pp, char *w, size_t size)
{
	const char *p = *pp;
	size_t n = 0;

	while (is_alpha(p[n])) {
		if (n + 1 < size)
			w[n] = to_lower(p[n]);
		n++;
	}
	w[n + 1 < size ? n : size - 1] = '\0';
	*pp = p + n;
	return n;
}

/* Index of w among names if it is one of them or its prefix of >= 3. */
static int
name_index(const char *w, size_t len, const char *const *names, int n)
{
	int i;

	if (len < 3)
		return -1;
	for (i = 0; i < n; i++)
		if (len <= strlen(names[i]) && strncmp(names[i], w, len) == 0)
			return i;
	return -1;
}

static bool
is_leap(long long y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int
month_days(long long y, int m)
{
	static const unsigned char len[12] = {31, 28, 31, 30, 31, 30, 31, 31,
	    30, 31, 30, 31};

	return len[m - 1] + (m == 2 && is_leap(y));
}

static long long
floor_div(long long a, long long b)
{
	return a / b - (a % b != 0 && (a < 0) != (b < 0));
}

/* Leap years in [1, y) of the proleptic Gregorian calendar (y may be <= 0). */
static long long
leaps_before(long long y)
{
	return floor_div(y - 1, 4) - floor_div(y - 1, 100) +
	    floor_div(y - 1, 400);
}

/* Days from 1970-01-01 to January 1st of year y. */
static long long
year_days(long long y)
{
	return 365 * (y - 1970) + leaps_before(y) - leaps_before(1970);
}

long long
date_timegm(int year, int mon, int mday, int hour, int min, int sec)
{
	static const short before[12] = {0, 31, 59, 90, 120, 151, 181, 212, 243,
	    273, 304, 334};
	long long y, m, days;

	/* Normalize the month so that the table applies; the rest is linear. */
	m = (long long)mon - 1;
	y = (long long)year + floor_div(m, 12);
	m -= floor_div(m, 12) * 12;
	days = year_days(y) + before[m] + (m >= 2 && is_leap(y)) +
	    ((long long)mday - 1);
	return days * DAY + (long long)hour * 3600 + (long long)min * 60 + sec;
}

int
date_gmtime(time_t t, struct tm *tm)
{
	long long days, day0, rem, y, n;
	int m;

	/* Floor division without the overflow of days * DAY near LLONG_MIN. */
	days = (long long)t / DAY;
	rem = (long long)t % DAY;
	if (rem < 0) {
		rem += DAY;
		days--;
	}
	day0 = days;
	/* Whole 400-year cycles (146097 days each), then whole years. */
	y = 1970 + 400 * floor_div(days, 146097);
	days -= floor_div(days, 146097) * 146097;
	while (days >= 366) {
		/* n years hold at most 366 n days: never overshoots. */
		n = days / 366;
		days -= year_days(y + n) - year_days(y);
		y += n;
	}
	if (days >= 365 + is_leap(y)) {
		days -= 365 + is_leap(y);
		y++;
	}
	/* The full year and tm_year (year - 1900) both fit an int. */
	if (y > INT_MAX || y - 1900 < INT_MIN)
		return -1;
	memset(tm, 0, sizeof(*tm));
	tm->tm_year = (int)(y - 1900);
	tm->tm_yday = (int)days;
	for (m = 1; days >= month_days(y, m); m++)
		days -= month_days(y, m);
	tm->tm_mon = m - 1;
	tm->tm_mday = (int)days + 1;
	tm->tm_hour = (int)(rem / 3600);
	tm->tm_min = (int)(rem / 60 % 60);
	tm->tm_sec = (int)(rem % 60);
	/* 1970-01-01 was a Thursday. */
	tm->tm_wday = (int)((day0 % 7 + 11) % 7);
	return 0;
}

/* Validate the fields and compute the instant; 0 or -1. */
static int
dt_finish(const struct dt *d, time_t *out)
{
	long long t;

	if (d->year < 0 || d->year > 9999 || d->mon < 1 || d->mon > 12 ||
	    d->day < 1 || d->day > month_days(d->year, d->mon))
		return -1;
	if (d->min < 0 || d->min > 59 || d->sec < 0 || d->sec > 60)
		return -1;
	/* ISO 8601 allows 24:00:00, the end of the day. */
	if (d->hour < 0 || d->hour > 24 ||
	    (d->hour == 24 && (d->min != 0 || d->sec != 0)))
		return -1;
	t = date_timegm(d->year, d->mon, d->day, d->hour, d->min, d->sec) -
	    d->off;
	if (t < T_MIN || t > T_MAX)
		return -1;
	*out = (time_t)t;
	return 0;
}

/* A named zone; -1 if the word is not one we know for certain. */
static int
zone_name(const char *w, long *off)
{
	size_t i;

	for (i = 0; i < NITEMS(zones); i++) {
		if (strcmp(zones[i].name, w) == 0) {
			*off = zones[i].min * 60L;
			return 0;
		}
	}
	/*
	 * Military letters: RFC 822 got their signs wrong, so RFC 2822 §4.3
	 * says to read them as -0000 (UTC, local zone unknown).  J is unused.
	 */
	if (w[0] != '\0' && w[1] == '\0' && w[0] != 'j') {
		*off = 0;
		return 0;
	}
	return -1;
}

/*
 * A numeric offset after its sign: hh, hhmm or hh:mm (with loose, the
 * "GMT+2" style, also h and h:mm).  Offsets past 23:59 are refused.
 */
static int
zone_numeric(const char **pp, bool loose, long *off)
{
	const char *p = *pp;
	int sign, h, m = 0, len;

	sign = *p == '-' ? -1 : 1;
	p++;
	h = number(&p, &len);
	if (len == 4) {
		m = h % 100;
		h /= 100;
	} else if (len == 2 || (loose && len == 1)) {
		if (*p == ':') {
			p++;
			m = digits(&p, 2);
			if (m < 0 || is_digit(*p))
				return -1;
		}
	} else
		return -1;
	if (h > 23 || m > 59)
		return -1;
	*off = sign * (h * 3600L + m * 60L);
	*pp = p;
	return 0;
}

/*
 * Any zone: Z, +hhmm, +hh:mm, +hh, a name from the table, GMT+hh[:mm]
 * (the JavaScript Date style) or Etc/GMT.  Returns 0 or -1.
 */
static int
zone(const char **pp, long *off)
{
	const char *p = *pp;
	char w[8];
	size_t n;
	bool etc = false;

	if (*p == '+' || *p == '-') {
		if (zone_numeric(&p, false, off) == -1)
			return -1;
		*pp = p;
		return 0;
	}
	n = word(&p, w, sizeof(w));
	if (n == 0 || n >= sizeof(w))
		return -1;
	if (strcmp(w, "etc") == 0 && *p == '/') {
		/* Etc/GMT+1 is POSIX for -0100: take the bare name only. */
		p++;
		word(&p, w, sizeof(w));
		if (strcmp(w, "gmt") != 0 && strcmp(w, "utc") != 0)
			return -1;
		etc = true;
	}
	if (!etc &&
	    (strcmp(w, "gmt") == 0 || strcmp(w, "utc") == 0 ||
	        strcmp(w, "ut") == 0) &&
	    (*p == '+' || *p == '-')) {
		if (zone_numeric(&p, true, off) == -1)
			return -1;
	} else if (zone_name(w, off) == -1)
		return -1;
	*pp = p;
	return 0;
}

/* The end: spaces, at most one RFC 2822 comment "(...)", spaces. */
static bool
at_end(const char *p)
{
	p = skip_space(p);
	if (*p == '(') {
		p = strchr(p, ')');
		if (p == NULL)
			return false;
		p = skip_space(p + 1);
	}
	return *p == '\0';
}

/* Fraction of a second: read and dropped (times are whole seconds). */
static void
fraction(const char **pp)
{
	const char *p = *pp;

	if ((*p == '.' || *p == ',') && is_digit(p[1])) {
		for (p++; is_digit(*p); p++)
			;
		*pp = p;
	}
}

/*
 * ISO 8601: YYYY, YYYY-MM, YYYY-MM-DD, YYYYMMDD, then optionally
 * [T t or spaces] hh:mm[:ss[.frac]] (or hhmm[ss]) and a zone.  A missing
 * zone is UTC (W3C-DTF requires one; feeds that omit it mean UTC far more
 * often than anything else).
 */
static int
parse_iso(const char *p, time_t *out)
{
	struct dt d = {0, 1, 1, 0, 0, 0, 0};
	const char *q;
	bool basic, full = true;

	d.year = digits(&p, 4);
	if (d.year < 0)
		return -1;
	basic = is_digit(*p);
	if (basic) {
		d.mon = digits(&p, 2);
		d.day = digits(&p, 2);
		if (d.mon < 0 || d.day < 0 || is_digit(*p))
			return -1;
	} else if (*p == '-') {
		p++;
		d.mon = digits(&p, 2);
		if (d.mon < 0 || is_digit(*p))
			return -1;
		full = *p == '-';
		if (full) {
			p++;
			d.day = digits(&p, 2);
			if (d.day < 0 || is_digit(*p))
				return -1;
		}
	} else
		full = false;
	if (at_end(p))
		return dt_finish(&d, out);
	if (!full)
		return -1; /* a time needs a full date */
	if (*p == 'T' || *p == 't')
		p++;
	else if (is_space(*p))
		p = skip_space(p);
	else
		return -1;
	/* hh:mm[:ss] (extended) or hhmm[ss] (basic), then a fraction. */
	d.hour = digits(&p, 2);
	if (d.hour < 0)
		return -1;
	basic = *p != ':';
	if (!basic)
		p++;
	d.min = digits(&p, 2);
	if (d.min < 0)
		return -1;
	q = p;
	if (!basic && *q == ':')
		q++;
	if (q != p || (basic && is_digit(*q))) {
		d.sec = digits(&q, 2);
		if (d.sec < 0)
			return -1;
		p = q;
		fraction(&p);
	}
	if (is_digit(*p) || *p == ':')
		return -1;
	q = skip_space(p);
	if (*q != '\0' && *q != '(') {
		if (zone(&q, &d.off) == -1)
			return -1;
		p = q;
	}
	if (!at_end(p))
		return -1;
	return dt_finish(&d, out);
}

/* RFC 2822 §4.3: two-digit years 00-49 are 20xx, 50-99 19xx; three-digit
 * years (from "tm_year" bugs) add 1900. */
static int
full_year(int v, int len)
{
	switch (len) {
	case 2:
		return v < 50 ? 2000 + v : 1900 + v;
	case 3:
		return 1900 + v;
	case 4:
		return v;
	default:
		return -1;
	}
}

/* Separators between date fields: spaces, commas, dashes ("30-Nov-24"). */
static const char *
skip_date_sep(const char *p)
{
	while (is_space(*p) || *p == ',' || *p == '-')
		p++;
	return p;
}

/* h[h]:mm[:ss[.frac]] [AM|PM]; 0, or -1 if there is no valid time here. */
static int
clock_time(const char **pp, struct dt *d)
{
	const char *p = *pp, *q;
	char w[4];
	int len;

	d->hour = number(&p, &len);
	if (len < 1 || len > 2 || *p != ':')
		return -1;
	p++;
	d->min = digits(&p, 2);
	if (d->min < 0 || is_digit(*p))
		return -1;
	if (*p == ':') {
		p++;
		d->sec = digits(&p, 2);
		if (d->sec < 0 || is_digit(*p))
			return -1;
		fraction(&p);
	}
	if (*p == ':' || *p == '.')
		return -1; /* "1:2:3:4" */
	q = skip_space(p);
	if (word(&q, w, sizeof(w)) == 2 && w[1] == 'm' &&
	    (w[0] == 'a' || w[0] == 'p')) {
		if (d->hour < 1 || d->hour > 12)
			return -1;
		d->hour = d->hour % 12 + (w[0] == 'p' ? 12 : 0);
		p = q;
	}
	*pp = p;
	return 0;
}

/*
 * The RFC 822 family.  [Day[,]] DD Mon YYYY [time [zone]], with the
 * variants: full day and month names, any case, dashes between the date
 * fields (RFC 850 "Saturday, 30-Nov-24"), stray commas ("13 Feb, 2012"),
 * month first ("Nov 30, 2024 13:06", JavaScript's "Sat Nov 30 2024
 * 13:06:00 GMT+0000 (UTC)") and asctime ("Sat Nov 30 13:06:00 [UTC]
 * 2024").  No zone means UTC.
 */
static int
parse_rfc822(const char *p, time_t *out)
{
	struct dt d = {0, 0, 0, 0, 0, 0, 0};
	char w[16];
	size_t n;
	int v, len, m = -1;
	bool asctime = false;

	if (is_alpha(*p)) {
		n = word(&p, w, sizeof(w));
		if (name_index(w, n, day_names, 7) >= 0) {
			if (*p == '.')
				p++;
			p = skip_date_sep(p);
			if (is_alpha(*p))
				n = word(&p, w, sizeof(w));
			else
				n = 0;
		}
		if (n > 0) {
			m = name_index(w, n, month_names, 12);
			if (m < 0)
				return -1;
		}
	}
	p = skip_date_sep(p);
	if (m < 0) {
		/* Day first. */
		d.day = number(&p, &len);
		if (len < 1 || len > 2)
			return -1;
		p = skip_date_sep(p);
		n = word(&p, w, sizeof(w));
		m = name_index(w, n, month_names, 12);
		if (m < 0)
			return -1;
		if (*p == '.')
			p++;
		p = skip_date_sep(p);
	} else {
		/* Month first. */
		if (*p == '.')
			p++;
		p = skip_date_sep(p);
		d.day = number(&p, &len);
		if (len < 1 || len > 2)
			return -1;
		p = skip_date_sep(p);
		asctime = is_digit(p[0]) &&
		    (p[1] == ':' || (is_digit(p[1]) && p[2] == ':'));
	}
	d.mon = m + 1;
	if (asctime) {
		if (clock_time(&p, &d) == -1)
			return -1;
		p = skip_space(p);
		if (!is_digit(*p) && zone(&p, &d.off) == -1)
			return -1;
		p = skip_space(p);
	}
	v = number(&p, &len);
	d.year = full_year(v, len);
	if (d.year < 0 || *p == ':')
		return -1;
	if (asctime)
		return at_end(p) ? dt_finish(&d, out) : -1;
	/* Not skip_date_sep: a '-' here is the sign of a zone. */
	while (is_space(*p) || *p == ',')
		p++;
	if (at_end(p))
		return dt_finish(&d, out);
	if (clock_time(&p, &d) == -1)
		return -1;
	p = skip_space(p);
	if (!at_end(p) && zone(&p, &d.off) == -1)
		return -1;
	return at_end(p) ? dt_finish(&d, out) : -1;
}

int
date_parse(const char *s, time_t *out)
{
	const char *p;

	if (s == NULL)
		return -1;
	p = skip_space(s);
	if (is_digit(p[0]) && is_digit(p[1]) && is_digit(p[2]) &&
	    is_digit(p[3]))
		return parse_iso(p, out);
	return parse_rfc822(p, out);
}

int
date_parse_now(const char *s, time_t *out)
{
	const char *p;
	long long v = 0;

	if (s == NULL)
		return -1;
	for (p = s; is_digit(*p); p++) {
		v = v * 10 + (*p - '0');
		if (v > T_MAX)
			return -1;
	}
	if (p != s && *p == '\0') {
		*out = (time_t)v;
		return 0;
	}
	p = skip_space(s);
	if (!is_digit(*p))
		return -1;
	return parse_iso(p, out);
}

static char *
put_digits(char *p, int v, int n)
{
	int i;

	for (i = n - 1; i >= 0; i--) {
		p[i] = (char)('0' + v % 10);
		v /= 10;
	}
	return p + n;
}

char *
date_rfc3339(time_t t, char buf[DATE_RFC3339_LEN])
{
	struct tm tm;
	char *p = buf;

	buf[0] = '\0';
	if (t < T_MIN || t > T_MAX || date_gmtime(t, &tm) == -1)
		return buf;
	p = put_digits(p, tm.tm_year + 1900, 4);
	*p++ = '-';
	p = put_digits(p, tm.tm_mon + 1, 2);
	*p++ = '-';
	p = put_digits(p, tm.tm_mday, 2);
	*p++ = 'T';
	p = put_digits(p, tm.tm_hour, 2);
	*p++ = ':';
	p = put_digits(p, tm.tm_min, 2);
	*p++ = ':';
	p = put_digits(p, tm.tm_sec, 2);
	*p++ = 'Z';
	*p = '\0';
	return buf;
}

static const char *const day_abbr[7] = {"Sun", "Mon", "Tue", "Wed", "Thu",
    "Fri", "Sat"};
static const char *const month_full[12] = {"January", "February", "March",
    "April", "May", "June", "July", "August", "September", "October",
    "November", "December"};
static const char *const day_full[7] = {"Sunday", "Monday", "Tuesday",
    "Wednesday", "Thursday", "Friday", "Saturday"};

/* Append s to buf at *n (silently cut at size - 1). */
static void
emit(char *buf, size_t size, size_t *n, const char *s)
{
	for (; *s != '\0'; s++) {
		if (*n + 1 < size)
			buf[*n] = *s;
		(*n)++;
	}
}

/* A number in width digits, padded with pad ('0', ' ', or 0 for none). */
static void
emit_num(char *buf, size_t size, size_t *n, long long v, int width, char pad)
{
	char tmp[24];
	int len = 0;
	bool neg = v < 0;
	unsigned long long u =
	    neg ? 0 - (unsigned long long)v : (unsigned long long)v;

	do {
		tmp[len++] = (char)('0' + u % 10);
		u /= 10;
	} while (u > 0);
	if (neg)
		tmp[len++] = '-';
	while (pad != 0 && len < width)
		tmp[len++] = pad;
	while (len > 0) {
		char c[2] = {tmp[--len], '\0'};

		emit(buf, size, n, c);
	}
}

int
date_format(char *buf, size_t size, const char *fmt, time_t t)
{
	struct tm tm;
	size_t n = 0;
	const char *p;
	char pad;
	int rc = 0;

	if (date_gmtime(t, &tm) == -1)
		rc = -1;
	for (p = fmt; rc == 0 && *p != '\0'; p++) {
		if (*p != '%') {
			char c[2] = {*p, '\0'};

			emit(buf, size, &n, c);
			continue;
		}
		pad = '0';
		if (p[1] == '-') {
			pad = 0;
			p++;
		}
		switch (*++p) {
		case 'Y':
			emit_num(buf, size, &n, tm.tm_year + 1900LL, 4, pad);
			break;
		case 'y':
			emit_num(buf, size, &n, (tm.tm_year + 1900LL) % 100, 2,
			    pad);
			break;
		case 'm':
			emit_num(buf, size, &n, tm.tm_mon + 1, 2, pad);
			break;
		case 'd':
			emit_num(buf, size, &n, tm.tm_mday, 2, pad);
			break;
		case 'e':
			emit_num(buf, size, &n, tm.tm_mday, 2,
			    pad != 0 ? ' ' : 0);
			break;
		case 'j':
			emit_num(buf, size, &n, tm.tm_yday + 1, 3, pad);
			break;
		case 'H':
			emit_num(buf, size, &n, tm.tm_hour, 2, pad);
			break;
		case 'I':
			emit_num(buf, size, &n, (tm.tm_hour + 11) % 12 + 1, 2,
			    pad);
			break;
		case 'M':
			emit_num(buf, size, &n, tm.tm_min, 2, pad);
			break;
		case 'S':
			emit_num(buf, size, &n, tm.tm_sec, 2, pad);
			break;
		case 'p':
			emit(buf, size, &n, tm.tm_hour < 12 ? "AM" : "PM");
			break;
		case 'b':
			emit(buf, size, &n, month_abbr[tm.tm_mon]);
			break;
		case 'B':
			emit(buf, size, &n, month_full[tm.tm_mon]);
			break;
		case 'a':
			emit(buf, size, &n, day_abbr[tm.tm_wday]);
			break;
		case 'A':
			emit(buf, size, &n, day_full[tm.tm_wday]);
			break;
		case 'F':
			emit_num(buf, size, &n, tm.tm_year + 1900LL, 4, '0');
			emit(buf, size, &n, "-");
			emit_num(buf, size, &n, tm.tm_mon + 1, 2, '0');
			emit(buf, size, &n, "-");
			emit_num(buf, size, &n, tm.tm_mday, 2, '0');
			break;
		case 'R':
		case 'T':
			emit_num(buf, size, &n, tm.tm_hour, 2, '0');
			emit(buf, size, &n, ":");
			emit_num(buf, size, &n, tm.tm_min, 2, '0');
			if (*p == 'T') {
				emit(buf, size, &n, ":");
				emit_num(buf, size, &n, tm.tm_sec, 2, '0');
			}
			break;
		case '%':
			if (pad == 0)
				rc = -1;
			else
				emit(buf, size, &n, "%");
			break;
		default: /* unknown, or the format ends in '%' */
			rc = -1;
			break;
		}
	}
	if (size > 0)
		buf[rc == 0 ? (n < size ? n : size - 1) : 0] = '\0';
	return rc;
}

char *
date_age_fmt(time_t t, time_t now, const char *fmt, char *buf, size_t size)
{
	unsigned long long d;

	if (size == 0)
		return buf;
	buf[0] = '\0';
	if (t == DATE_NONE)
		return buf;
	if (t >= now) {
		snprintf(buf, size, "just now");
		return buf;
	}
	/* Unsigned: the distance between any two time_t values fits. */
	d = (unsigned long long)now - (unsigned long long)t;
	if (d < 60)
		snprintf(buf, size, "just now");
	else if (d < 120)
		snprintf(buf, size, "1 minute ago");
	else if (d < 3600)
		snprintf(buf, size, "%llu minutes ago", d / 60);
	else if (d < 7200)
		snprintf(buf, size, "1 hour ago");
	else if (d < DAY)
		snprintf(buf, size, "%llu hours ago", d / 3600);
	else if (d < 2 * DAY)
		snprintf(buf, size, "yesterday");
	else if (d < 7 * DAY)
		snprintf(buf, size, "%llu days ago", d / DAY);
	else
		date_format(buf, size, fmt != NULL ? fmt : DATE_FORMAT_DEFAULT,
		    t);
	return buf;
}

char *
date_age(time_t t, time_t now, char *buf, size_t size)
{
	return date_age_fmt(t, now, NULL, buf, size);
}
