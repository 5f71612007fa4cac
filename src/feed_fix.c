/*
 * feed_fix -- stray '<' written as "&lt;" and end tags matched on the way
 * to libxml2 (see feed_int.h).
 *
 * A state machine over the bytes, resumable at any byte: the only
 * lookahead is the few bytes after a '<' that say what it starts (at
 * most "<![CDATA[" or "<" and one UTF-8 character); a '<' near the end
 * of a piece is held back until the next piece says.  The terminators
 * "-->", "]]>" and "?>" are found with memchr() on their first byte
 * (rare in text, unlike the '>' of every tag in a CDATA section of
 * HTML), counting how much of them was read when a piece ends.
 */
#include "feed_int.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "utf8.h"
#include "util.h"

enum {
	FX_TEXT,
	FX_STAG, /* a start tag */
	FX_ETAG, /* an end tag, held until its '>' */
	FX_COMMENT,
	FX_CDATA,
	FX_PI,
	FX_DECL,
};

#define NEED_MORE ((size_t)-1)
#define NAME_MAX_LEN 256 /* bytes of a name kept (the rest compared) */
#define OPEN_MAX 1024    /* open elements tracked (libxml2 stops at 256) */

void
feed_fixer_init(struct feed_fixer *fx,
    void (*out)(void *, const char *, size_t), void *arg)
{
	memset(fx, 0, sizeof(*fx));
	fx->state = FX_TEXT;
	buf_init(&fx->tag, BUF_NOLIMIT);
	buf_init(&fx->names, BUF_NOLIMIT);
	fx->out = out;
	fx->arg = arg;
}

void
feed_fixer_clear(struct feed_fixer *fx)
{
	buf_clear(&fx->tag);
	buf_clear(&fx->names);
	free(fx->open);
	fx->open = NULL;
	fx->depth = fx->cap = 0;
}

static bool
is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* A start tag ends: its element is open. */
static void
open_element(struct feed_fixer *fx)
{
	if (fx->depth >= OPEN_MAX) {
		fx->nobal = true;
		return;
	}
	if (fx->depth == fx->cap) {
		fx->cap = fx->cap ? 2 * fx->cap : 16;
		fx->open = xreallocarray(fx->open, fx->cap, sizeof(*fx->open));
	}
	fx->open[fx->depth++] = fx->names.len;
	buf_add(&fx->names, fx->tag.data != NULL ? fx->tag.data : "",
	    fx->tag.len + 1);
}

static void
write_end(struct feed_fixer *fx, const char *name)
{
	fx->out(fx->arg, "</", 2);
	fx->out(fx->arg, name, strlen(name));
	fx->out(fx->arg, ">", 1);
}

/*
 * An end tag (its name in fx->tag) ends at input offset at: close what
 * is open inside its element, or drop it when no element has its name.
 */
static void
close_element(struct feed_fixer *fx, size_t at)
{
	const char *name = buf_str(&fx->tag);
	size_t k;

	if (fx->nobal) {
		write_end(fx, name);
		return;
	}
	for (k = fx->depth; k > 0; k--)
		if (strcasecmp(fx->names.data + fx->open[k - 1], name) == 0)
			break;
	if (k != fx->depth && fx->nbal++ == 0)
		fx->firstbal = at;
	if (k == 0)
		return;
	while (fx->depth >= k) {
		write_end(fx, fx->names.data + fx->open[fx->depth - 1]);
		buf_truncate(&fx->names, fx->open[--fx->depth]);
	}
}

/* XML 1.0 fifth edition, production [4] NameStartChar. */
static bool
name_start(uint32_t c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' ||
	    c == ':' || (c >= 0xC0 && c <= 0xD6) || (c >= 0xD8 && c <= 0xF6) ||
	    (c >= 0xF8 && c <= 0x2FF) || (c >= 0x370 && c <= 0x37D) ||
	    (c >= 0x37F && c <= 0x1FFF) || (c >= 0x200C && c <= 0x200D) ||
	    (c >= 0x2070 && c <= 0x218F) || (c >= 0x2C00 && c <= 0x2FEF) ||
	    (c >= 0x3001 && c <= 0xD7FF) || (c >= 0xF900 && c <= 0xFDCF) ||
	    (c >= 0xFDF0 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0xEFFFF);
}

/* Does a name start at s (n bytes)?  NEED_MORE when n is too short. */
static size_t
starts_name(const char *s, size_t n, bool final)
{
	unsigned char c;
	size_t want;
	uint32_t cp;

	if (n == 0)
		return final ? 0 : NEED_MORE;
	c = (unsigned char)*s;
	want = c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
	if (n < want && !final)
		return NEED_MORE;
	utf8_decode(s, n, &cp);
	return name_start(cp) ? 1 : 0;
}

/* The local name of the open element depth levels up (1 = innermost). */
static const char *
open_local(const struct feed_fixer *fx, size_t up)
{
	const char *name = fx->names.data + fx->open[fx->depth - up];
	const char *colon = strrchr(name, ':');

	return colon != NULL ? colon + 1 : name;
}

/* Is name (local) a part of a post whose text the parser does not keep? */
static bool
skipped_part(const struct feed_fixer *fx, const char *name)
{
	if (strcmp(name, "encoded") == 0)
		return fx->skip_bodies;
	return fx->skip_summaries &&
	    (strcmp(name, "description") == 0 || strcmp(name, "summary") == 0);
}

/*
 * Is a CDATA section starting now a post's body (or summary) the parser
 * skips?  Only where posts are (rss/channel/item, RDF/item, feed/entry),
 * not one in another element (say a title), whose text the body would
 * be part of.
 */
static bool
body_section(const struct feed_fixer *fx)
{
	const char *post;

	if (fx->nobal || fx->depth < 3 || !skipped_part(fx, open_local(fx, 1)))
		return false;
	post = open_local(fx, 2);
	if (fx->depth == 4)
		return strcmp(post, "item") == 0 &&
		    strcmp(open_local(fx, 3), "channel") == 0 &&
		    strcmp(open_local(fx, 4), "rss") == 0;
	if (fx->depth == 3)
		return (strcmp(post, "item") == 0 &&
		           strcmp(open_local(fx, 3), "RDF") == 0) ||
		    (strcmp(post, "entry") == 0 &&
		        strcmp(open_local(fx, 3), "feed") == 0);
	return false;
}

/* Leave s[0..n) out, but for its newlines. */
static void
drop(struct feed_fixer *fx, const char *s, size_t n)
{
	static const char nl[] = "\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n";
	const char *q, *end = s + n;
	size_t k = 0;

	while ((q = memchr(s, '\n', (size_t)(end - s))) != NULL) {
		k++;
		s = q + 1;
	}
	for (; k > 0; k -= n) {
		n = k < sizeof(nl) - 1 ? k : sizeof(nl) - 1;
		fx->out(fx->arg, nl, n);
	}
}

/* Enter a comment, CDATA section or PI; ret is the state after it. */
static void
enter(struct feed_fixer *fx, int state, int ret)
{
	fx->state = state;
	fx->ret = ret;
	fx->run = 0;
}

/*
 * Is s (n bytes) the start of the literal w?  1 yes, 0 no, NEED_MORE when
 * s is a proper prefix of w and more input may follow.
 */
static size_t
starts_with(const char *s, size_t n, const char *w, bool final)
{
	size_t k = strlen(w);

	if (n >= k)
		return memcmp(s, w, k) == 0;
	if (memcmp(s, w, n) != 0)
		return 0;
	return final ? 0 : NEED_MORE;
}

/*
 * What the '<' at s[0] starts; s has n bytes.  Sets the state and returns
 * the bytes of the opener to skip, 0 for a stray '<', or NEED_MORE.
 */
static size_t
classify(struct feed_fixer *fx, const char *s, size_t n, bool final)
{
	size_t r;

	if (n < 2)
		return final ? 0 : NEED_MORE;
	switch (s[1]) {
	case '?':
		enter(fx, FX_PI, FX_TEXT);
		return 2;
	case '!':
		r = starts_with(s, n, "<!--", final);
		if (r == NEED_MORE)
			return r;
		if (r == 1) {
			enter(fx, FX_COMMENT, FX_TEXT);
			return 4;
		}
		r = starts_with(s, n, "<![CDATA[", final);
		if (r == NEED_MORE)
			return r;
		if (r == 1) {
			enter(fx, FX_CDATA, FX_TEXT);
			return 9;
		}
		if (fx->content)
			return 0; /* only the prolog has declarations */
		fx->state = FX_DECL;
		fx->quote = 0;
		fx->brackets = 0;
		return 2;
	case '/':
		r = starts_name(s + 2, n - 2, final);
		if (r == NEED_MORE || r == 0)
			return r;
		fx->state = FX_ETAG;
		fx->naming = true;
		buf_reset(&fx->tag);
		return 2;
	default:
		r = starts_name(s + 1, n - 1, final);
		if (r == NEED_MORE || r == 0)
			return r;
		fx->state = FX_STAG;
		fx->quote = 0;
		fx->naming = true;
		fx->slash = false;
		fx->content = true;
		buf_reset(&fx->tag);
		return 1;
	}
}

/*
 * The end tag whose name starts at s[k] (after "</"), when it is all in
 * s, is "</name>" and closes the innermost open element as it should:
 * that element is closed, the tag passes as it is, and the index past
 * its '>' is returned.  0 otherwise: the tag is then held, checked, and
 * written as "</name>" (so the output is the same for any piece size).
 */
static size_t
end_tag_fast(struct feed_fixer *fx, const char *s, size_t n, size_t k)
{
	size_t e = k, len;
	const char *top;

	while (e < n && e - k < NAME_MAX_LEN && !is_space(s[e]) && s[e] != '>')
		e++;
	if (e >= n || s[e] != '>' || fx->depth == 0 || fx->nobal)
		return 0;
	top = fx->names.data + fx->open[fx->depth - 1];
	len = fx->names.len - fx->open[fx->depth - 1] - 1;
	if (len != e - k || memcmp(top, s + k, len) != 0)
		return 0;
	buf_truncate(&fx->names, fx->open[--fx->depth]);
	fx->state = FX_TEXT;
	return e + 1;
}

/*
 * Read s[0..n): pass on what is decided, with stray '<' fixed.  Returns
 * the bytes used: all of them, but for a '<' near the end whose kind is
 * not known yet (when !final).
 */
static size_t
scan(struct feed_fixer *fx, const char *s, size_t n, bool final)
{
	size_t i = 0, start = 0, r;
	const char *q;

	while (i < n) {
		switch (fx->state) {
		case FX_TEXT:
			q = memchr(s + i, '<', n - i);
			if (q == NULL) {
				i = n;
				break;
			}
			i = (size_t)(q - s);
			r = classify(fx, s + i, n - i, final);
			if (r == NEED_MORE)
				goto out;
			if (r > 0 && fx->state == FX_ETAG) {
				r = end_tag_fast(fx, s, n, i + r);
				if (r > 0) {
					i = r;
					break;
				}
				/* Held: written when its '>' says how. */
				fx->out(fx->arg, s + start, i - start);
				start = i += 2;
				break;
			}
			if (r > 0) {
				i += r;
				if (fx->state == FX_CDATA && body_section(fx)) {
					/* "<![CDATA[" goes; what it holds not.
					 */
					fx->out(fx->arg, s + start, i - start);
					start = i;
					fx->dropping = true;
				}
				break;
			}
			fx->out(fx->arg, s + start, i - start);
			fx->out(fx->arg, "&lt;", 4);
			if (fx->nfixed++ == 0)
				fx->first = fx->off + i;
			start = ++i;
			break;
		case FX_STAG:
			if (fx->naming) {
				/* The name, at once (the common case) or in
				 * parts over pieces. */
				size_t e = i, room = NAME_MAX_LEN - fx->tag.len;

				while (e < n && !is_space(s[e]) &&
				    s[e] != '/' && s[e] != '>')
					e++;
				buf_add(&fx->tag, s + i,
				    e - i < room ? e - i : room);
				i = e;
				if (i == n)
					break;
				fx->naming = false;
			}
			for (; i < n; i++) {
				char c = s[i];

				if (fx->quote != 0) {
					if (c == fx->quote)
						fx->quote = 0;
					else if (c == '<') {
						/* Not allowed in a value. */
						fx->out(fx->arg, s + start,
						    i - start);
						fx->out(fx->arg, "&lt;", 4);
						if (fx->nfixed++ == 0)
							fx->first = fx->off + i;
						start = i + 1;
					}
				} else if (c == '"' || c == '\'') {
					fx->quote = c;
					fx->slash = false;
				} else if (c == '>') {
					if (!fx->slash)
						open_element(fx);
					fx->state = FX_TEXT;
					i++;
					break;
				} else if (!is_space(c))
					fx->slash = c == '/';
			}
			break;
		case FX_ETAG:
			for (; i < n; i++) {
				char c = s[i];

				if (fx->naming && !is_space(c) && c != '>') {
					if (fx->tag.len < NAME_MAX_LEN)
						buf_addch(&fx->tag, c);
					continue;
				}
				fx->naming = false;
				if (c == '>') {
					close_element(fx, fx->off + i);
					fx->state = FX_TEXT;
					i++;
					break;
				}
			}
			start = i;
			break;
		case FX_COMMENT:
		case FX_CDATA:
		case FX_PI: {
			/* The terminator: "-->", "]]>" or "?>"; fx->run of
			 * its first byte read so far, up to the '>'. */
			char c = fx->state == FX_COMMENT ? '-'
			    : fx->state == FX_CDATA      ? ']'
			                                 : '?';
			size_t full = fx->state == FX_PI ? 1 : 2, from = i;
			bool closed = false;

			if (fx->run == 0) {
				q = memchr(s + i, c, n - i);
				if (q == NULL)
					i = n;
				else {
					i = (size_t)(q - s) + 1;
					fx->run = 1;
				}
			} else {
				if (s[i] == '>' && fx->run == full) {
					fx->state = fx->ret;
					fx->run = 0;
					closed = true;
				} else if (s[i] == c)
					fx->run =
					    fx->run < full ? fx->run + 1 : full;
				else
					fx->run = 0;
				i++;
			}
			if (fx->dropping) {
				drop(fx, s + from, i - from);
				start = i;
				if (closed) {
					fx->out(fx->arg, "]]>", 3);
					fx->dropping = false;
				}
			}
			break;
		}
		case FX_DECL:
			for (; i < n; i++) {
				char c = s[i];

				if (fx->quote != 0) {
					if (c == fx->quote)
						fx->quote = 0;
				} else if (c == '"' || c == '\'')
					fx->quote = c;
				else if (c == '[')
					fx->brackets++;
				else if (c == ']')
					fx->brackets--;
				else if (c == '<' && fx->brackets > 0) {
					r = starts_with(s + i, n - i, "<!--",
					    final);
					if (r == NEED_MORE)
						goto out;
					if (r == 1) {
						enter(fx, FX_COMMENT, FX_DECL);
						i += 4;
						break;
					}
				} else if (c == '>' && fx->brackets <= 0) {
					fx->state = FX_TEXT;
					i++;
					break;
				}
			}
			break;
		}
	}
out:
	if (i > start)
		fx->out(fx->arg, s + start, i - start);
	fx->off += i;
	return i;
}

void
feed_fixer_push(struct feed_fixer *fx, const char *s, size_t n)
{
	size_t used, old, k;

	while (fx->npend > 0 && n > 0) {
		/* Decide the held-back '<' with a few bytes of s after it. */
		old = fx->npend;
		k = sizeof(fx->pend) - old < n ? sizeof(fx->pend) - old : n;
		memcpy(fx->pend + old, s, k);
		fx->npend = old + k;
		used = scan(fx, fx->pend, fx->npend, false);
		if (used == 0) {
			/* Still undecided: s was shorter than the need. */
			s += k;
			n -= k;
			continue;
		}
		if (used >= old) {
			s += used - old;
			n -= used - old;
			fx->npend = 0;
		} else {
			memmove(fx->pend, fx->pend + used, old - used);
			fx->npend = old - used;
		}
	}
	if (n == 0)
		return;
	used = scan(fx, s, n, false);
	memcpy(fx->pend, s + used, n - used);
	fx->npend = n - used;
}

void
feed_fixer_finish(struct feed_fixer *fx)
{
	if (fx->npend > 0)
		scan(fx, fx->pend, fx->npend, true);
	fx->npend = 0;
	/* An end tag cut short is left out, as libxml2 would. */
}
