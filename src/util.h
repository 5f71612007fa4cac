/*
 * util -- allocation helpers that never return NULL, and die().
 *
 * Pure: the only side effect is die(), which runs the registered cleanup
 * hook (the UI restores the terminal there), prints one line on stderr and
 * exits 1.  Running out of memory is the one fatal error of the core.
 */
#ifndef IFPNEWS_UTIL_H
#define IFPNEWS_UTIL_H

#include <stdarg.h>
#include <stddef.h>

#define IFPNEWS_VERSION "0.1.0"

#if defined(__GNUC__) || defined(__clang__)
#define IFP_PRINTF(a, b) __attribute__((format(printf, a, b)))
#define IFP_NORETURN __attribute__((noreturn))
#else
#define IFP_PRINTF(a, b)
#define IFP_NORETURN
#endif

#define NITEMS(a) (sizeof(a) / sizeof((a)[0]))

/* Allocate; never return NULL (die() instead).  Caller frees. */
void *xmalloc(size_t);
void *xcalloc(size_t, size_t);
/* realloc(p, n * size) with an overflow check; never returns NULL. */
void *xreallocarray(void *, size_t, size_t);
/*
 * Make room for need elements of size bytes in the array p of *cap
 * elements: when need > *cap, *cap doubles (from 16) until it fits and
 * the array is reallocated.  Returns the array; never NULL.
 */
void *xgrowarray(void *p, size_t *cap, size_t need, size_t size);
char *xstrdup(const char *);
/* Copy of the first n bytes of s, NUL-terminated.  Caller frees. */
char *xstrndup(const char *, size_t);
/* Formatted, allocated string.  Caller frees. */
char *xasprintf(const char *, ...) IFP_PRINTF(1, 2);
char *xvasprintf(const char *, va_list) IFP_PRINTF(1, 0);
/*
 * Append the line msg (taken; NULL does nothing) to the lines at *to (NULL
 * when none yet), joined by a newline.  *to is the caller's to free.
 */
void xlines_append(char **to, char *msg);

/*
 * Register the function die() and the fatal signal path call before they
 * print (the UI's terminal teardown).  NULL removes it.
 */
void die_set_cleanup(void (*)(void));
/* Print "ifpnews: message" on stderr and exit 1, after the cleanup hook. */
IFP_NORETURN void die(const char *, ...) IFP_PRINTF(1, 2);

/*
 * Parse a decimal integer in [min, max]; 0 on success, -1 with *cause set
 * ("invalid", "too small", "too large"; static, not to be freed).
 */
int str_tonum(const char *s, long long min, long long max, long long *out,
    const char **cause);

#endif
