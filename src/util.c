/*
 * util -- allocation helpers and die().
 */
#include "util.h"

#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void (*cleanup_hook)(void);

void *
xmalloc(size_t n)
{
	void *p;

	p = malloc(n ? n : 1);
	if (p == NULL)
		die("out of memory (%zu bytes)", n);
	return p;
}

void *
xcalloc(size_t nmemb, size_t size)
{
	void *p;

	if (nmemb == 0 || size == 0)
		nmemb = size = 1;
	p = calloc(nmemb, size);
	if (p == NULL)
		die("out of memory (%zu * %zu bytes)", nmemb, size);
	return p;
}

void *
xreallocarray(void *p, size_t nmemb, size_t size)
{
	void *q;

	if (size != 0 && nmemb > SIZE_MAX / size)
		die("out of memory (%zu * %zu bytes overflows)", nmemb, size);
	if (nmemb == 0 || size == 0)
		nmemb = size = 1;
	q = realloc(p, nmemb * size);
	if (q == NULL)
		die("out of memory (%zu * %zu bytes)", nmemb, size);
	return q;
}

void *
xgrowarray(void *p, size_t *cap, size_t need, size_t size)
{
	size_t n = *cap < 16 ? 16 : *cap;

	if (need <= *cap && p != NULL)
		return p;
	while (n < need) {
		if (n > SIZE_MAX / 2)
			die("out of memory (%zu elements)", need);
		n *= 2;
	}
	*cap = n;
	return xreallocarray(p, n, size);
}

char *
xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *
xstrndup(const char *s, size_t n)
{
	char *p;

	p = xmalloc(n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *
xvasprintf(const char *fmt, va_list ap)
{
	va_list aq;
	char *p;
	int n;

	va_copy(aq, ap);
	n = vsnprintf(NULL, 0, fmt, aq);
	va_end(aq);
	if (n < 0)
		die("vsnprintf failed");
	p = xmalloc((size_t)n + 1);
	if (vsnprintf(p, (size_t)n + 1, fmt, ap) != n)
		die("vsnprintf failed");
	return p;
}

void
xlines_append(char **to, char *msg)
{
	char *w;

	if (msg == NULL)
		return;
	if (*to == NULL) {
		*to = msg;
		return;
	}
	w = xasprintf("%s\n%s", *to, msg);
	free(*to);
	free(msg);
	*to = w;
}

char *
xasprintf(const char *fmt, ...)
{
	va_list ap;
	char *p;

	va_start(ap, fmt);
	p = xvasprintf(fmt, ap);
	va_end(ap);
	return p;
}

void
die_set_cleanup(void (*fn)(void))
{
	cleanup_hook = fn;
}

void
die(const char *fmt, ...)
{
	va_list ap;

	if (cleanup_hook != NULL) {
		void (*fn)(void) = cleanup_hook;

		cleanup_hook = NULL;
		fn();
	}
	fputs("ifpnews: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(1);
}

int
str_tonum(const char *s, long long min, long long max, long long *out,
    const char **cause)
{
	long long v;
	char *end;

	errno = 0;
	if (s == NULL || *s == '\0' || *s == ' ' || *s == '\t') {
		*cause = "invalid";
		return -1;
	}
	v = strtoll(s, &end, 10);
	if (*end != '\0') {
		*cause = "invalid";
		return -1;
	}
	if ((errno == ERANGE && v == LLONG_MIN) || v < min) {
		*cause = "too small";
		return -1;
	}
	if ((errno == ERANGE && v == LLONG_MAX) || v > max) {
		*cause = "too large";
		return -1;
	}
	*out = v;
	return 0;
}
