/*
 * paged -- the older pages of a WordPress feed.  See paged.h.
 */
#include "paged.h"

#include <string.h>

#include "buf.h"
#include "util.h"

/* Whether id is a WordPress guid: a URL whose query is p=DIGITS. */
static bool
wp_guid(const char *id)
{
	const char *q, *d;

	if (id == NULL)
		return false;
	q = strchr(id, '?');
	if (q == NULL || strncmp(q + 1, "p=", 2) != 0)
		return false;
	for (d = q + 3; *d >= '0' && *d <= '9'; d++)
		;
	return d > q + 3 && (*d == '\0' || *d == '#' || *d == '&');
}

bool
paged_applies(const struct feed *feed)
{
	size_t i, n = 0;

	if (feed == NULL || feed->kind != FEED_KIND_RSS || feed->nitems == 0)
		return false;
	for (i = 0; i < feed->nitems; i++)
		n += wp_guid(feed->items[i].id);
	return n * 2 >= feed->nitems;
}

char *
paged_url(const char *url, unsigned long page)
{
	const char *frag, *q, *p, *end;
	struct buf b;
	bool first = true;
	size_t n;

	frag = url + strcspn(url, "#");
	q = memchr(url, '?', (size_t)(frag - url));
	buf_init(&b, BUF_NOLIMIT);
	buf_add(&b, url, (size_t)((q != NULL ? q : frag) - url));
	/* The query's parameters but paged=, in their order. */
	for (p = q != NULL ? q + 1 : frag; p < frag; p = end + 1) {
		end = memchr(p, '&', (size_t)(frag - p));
		if (end == NULL)
			end = frag;
		n = (size_t)(end - p);
		if (n > 0 && strncmp(p, "paged=", 6) != 0) {
			buf_addch(&b, first ? '?' : '&');
			buf_add(&b, p, n);
			first = false;
		}
	}
	if (page >= 2)
		buf_printf(&b, "%cpaged=%lu", first ? '?' : '&', page);
	buf_addstr(&b, frag);
	return buf_detach(&b, NULL);
}
