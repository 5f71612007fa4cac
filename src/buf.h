/*
 * buf -- a growable byte buffer with a hard maximum.
 *
 * Pure.  Every buffer fed from outside the program is created with a
 * maximum; an append that would pass it fails, and the buffer is then
 * cleared and stays failed (as curl's dynbuf "toobig"), so a caller that
 * checks only the final result still cannot act on a cut-off text.  The
 * data is always NUL-terminated (the NUL is not counted in len).
 */
#ifndef IFPNEWS_BUF_H
#define IFPNEWS_BUF_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

#include "util.h"

#define BUF_NOLIMIT ((size_t)-1)

struct buf {
	char *data;  /* owned; NULL until the first append */
	size_t len;  /* bytes used, without the trailing NUL */
	size_t cap;  /* bytes allocated */
	size_t max;  /* maximum len; BUF_NOLIMIT for none */
	bool toobig; /* an append passed max: data was dropped */
};

/* Set up an empty buffer that may hold at most max bytes. */
void buf_init(struct buf *, size_t max);
/* Free the data; the buffer can be reused after buf_init(). */
void buf_clear(struct buf *);
/* Drop the contents but keep the memory and the maximum. */
void buf_reset(struct buf *);
/* Append; 0 on success, -1 (and the buffer emptied, toobig set) past max. */
int buf_add(struct buf *, const void *, size_t);
int buf_addstr(struct buf *, const char *);
int buf_addch(struct buf *, char);
int buf_printf(struct buf *, const char *, ...) IFP_PRINTF(2, 3);
int buf_vprintf(struct buf *, const char *, va_list) IFP_PRINTF(2, 0);
/* Remove trailing bytes so that len is at most n. */
void buf_truncate(struct buf *, size_t n);
/*
 * Hand over the data as a NUL-terminated string (never NULL) and reset
 * the buffer to empty.  The caller owns the string.
 */
char *buf_detach(struct buf *, size_t *lenp);
/* The contents as a string; borrowed, valid until the next change. */
const char *buf_str(const struct buf *);

#endif
