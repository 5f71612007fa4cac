/*
 * uri -- resolving relative links (RFC 3986 section 5) and scheme checks.
 */
#include "uri.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "util.h"

/* A reference split into its five components (RFC 3986 3). */
struct ref {
	const char *scheme, *auth, *path, *query, *frag;
	size_t scheme_len, auth_len, path_len, query_len, frag_len;
	bool has_scheme, has_auth, has_query, has_frag;
};

static bool
is_alpha(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* Length of the scheme of s (before ':'), or 0 when there is none. */
static size_t
scheme_len(const char *s, size_t len)
{
	size_t i;

	if (len == 0 || !is_alpha((unsigned char)s[0]))
		return 0;
	for (i = 1; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == ':')
			return i;
		if (!is_alpha(c) && !(c >= '0' && c <= '9') && c != '+' &&
		    c != '-' && c != '.')
			return 0;
	}
	return 0;
}

static void
split(const char *s, size_t len, struct ref *r)
{
	size_t i = 0, j;

	memset(r, 0, sizeof(*r));
	r->scheme_len = scheme_len(s, len);
	if (r->scheme_len > 0) {
		r->has_scheme = true;
		r->scheme = s;
		i = r->scheme_len + 1;
	}
	if (i + 1 < len && s[i] == '/' && s[i + 1] == '/') {
		r->has_auth = true;
		i += 2;
		for (j = i;
		     j < len && s[j] != '/' && s[j] != '?' && s[j] != '#'; j++)
			;
		r->auth = s + i;
		r->auth_len = j - i;
		i = j;
	}
	for (j = i; j < len && s[j] != '?' && s[j] != '#'; j++)
		;
	r->path = s + i;
	r->path_len = j - i;
	i = j;
	if (i < len && s[i] == '?') {
		r->has_query = true;
		for (j = ++i; j < len && s[j] != '#'; j++)
			;
		r->query = s + i;
		r->query_len = j - i;
		i = j;
	}
	if (i < len && s[i] == '#') {
		r->has_frag = true;
		r->frag = s + i + 1;
		r->frag_len = len - i - 1;
	}
}

/*
 * Append path with its dot segments removed (RFC 3986 5.2.4), working on
 * whole segments: "a/./b/../c" -> "a/c".
 */
static void
add_path(struct buf *out, const char *p, size_t len)
{
	size_t start = out->len, i = 0, j;

	while (i < len) {
		/* The input buffer always starts with "/" here, or is the
		 * first segment of a relative path. */
		if (len - i >= 3 && memcmp(p + i, "../", 3) == 0) {
			i += 3;
		} else if (len - i >= 2 && memcmp(p + i, "./", 2) == 0) {
			i += 2;
		} else if (len - i >= 3 && memcmp(p + i, "/./", 3) == 0) {
			i += 2;
		} else if (len - i == 2 && memcmp(p + i, "/.", 2) == 0) {
			buf_addch(out, '/');
			i += 2;
		} else if ((len - i >= 4 && memcmp(p + i, "/../", 4) == 0) ||
		    (len - i == 3 && memcmp(p + i, "/..", 3) == 0)) {
			/* Drop the last output segment and its '/'. */
			while (
			    out->len > start && out->data[out->len - 1] != '/')
				out->len--;
			if (out->len > start)
				out->len--;
			out->data[out->len] = '\0';
			if (len - i == 3) {
				buf_addch(out, '/');
				i += 3;
			} else
				i += 3; /* keep the "/" that follows */
		} else if ((len - i == 1 && p[i] == '.') ||
		    (len - i == 2 && memcmp(p + i, "..", 2) == 0)) {
			i = len;
		} else {
			j = i;
			if (p[j] == '/')
				j++;
			while (j < len && p[j] != '/')
				j++;
			buf_add(out, p + i, j - i);
			i = j;
		}
	}
}

static void
add_lower(struct buf *out, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		char c = s[i];

		if (c >= 'A' && c <= 'Z')
			c = (char)(c + 'a' - 'A');
		buf_addch(out, c);
	}
}

/*
 * Clean a link as browsers do: no leading or trailing space or control,
 * no tab or newline inside.  Returns a new string.
 */
static char *
clean(const char *s)
{
	size_t len = strlen(s), i;
	struct buf b;

	while (len > 0 && (unsigned char)s[0] <= ' ') {
		s++;
		len--;
	}
	while (len > 0 && (unsigned char)s[len - 1] <= ' ')
		len--;
	buf_init(&b, BUF_NOLIMIT);
	buf_add(&b, "", 0);
	while (len > 0) {
		i = strcspn(s, "\t\n\r");
		if (i > len)
			i = len;
		buf_add(&b, s, i);
		if (i < len)
			i++;
		s += i;
		len -= i;
	}
	return buf_detach(&b, NULL);
}

static void
add_auth(struct buf *out, const struct ref *r)
{
	if (r->has_auth) {
		buf_addstr(out, "//");
		buf_add(out, r->auth, r->auth_len);
	}
}

static void
add_tail(struct buf *out, const struct ref *r, bool query, bool frag)
{
	if (query) {
		buf_addch(out, '?');
		buf_add(out, r->query, r->query_len);
	}
	if (frag) {
		buf_addch(out, '#');
		buf_add(out, r->frag, r->frag_len);
	}
}

/*
 * True for the usual case, an absolute link that needs no work: a
 * lowercase scheme, nothing to clean, no dot segment.
 */
static bool
plain_absolute(const char *s)
{
	size_t i, n = scheme_len(s, strlen(s));

	if (n == 0)
		return false;
	for (i = 0; i < n; i++)
		if (s[i] >= 'A' && s[i] <= 'Z')
			return false;
	for (i = n; s[i] != '\0'; i++) {
		if ((unsigned char)s[i] <= ' ')
			return false;
		if (s[i] == '.' && (s[i - 1] == '/' || s[i - 1] == '.'))
			return false;
	}
	return true;
}

char *
uri_resolve(const char *base, const char *ref)
{
	struct ref b, r;
	struct buf out;
	char *rs, *bs = NULL;
	size_t slash;
	bool cut = false;

	if (ref == NULL)
		return NULL;
	if (plain_absolute(ref))
		return xstrdup(ref);
	rs = clean(ref);
	if (base != NULL)
		bs = clean(base);
	if (*rs == '\0' && (bs == NULL || *bs == '\0')) {
		free(rs);
		free(bs);
		return NULL;
	}
	split(rs, strlen(rs), &r);
	if (!r.has_scheme && (bs == NULL || !uri_is_absolute(bs))) {
		free(bs);
		if (*rs != '\0')
			return rs; /* nothing to resolve against */
		free(rs); /* an empty link, and no base to stand for it */
		return NULL;
	}
	buf_init(&out, BUF_NOLIMIT);
	if (r.has_scheme)
		add_lower(&out, r.scheme, r.scheme_len);
	else {
		split(bs, strlen(bs), &b);
		add_lower(&out, b.scheme, b.scheme_len);
	}
	buf_addch(&out, ':');
	/* RFC 3986 5.2.2: a scheme or an authority, and ref's path stands. */
	if (r.has_scheme || r.has_auth) {
		add_auth(&out, &r);
		add_path(&out, r.path, r.path_len);
		add_tail(&out, &r, r.has_query, r.has_frag);
		goto out;
	}
	add_auth(&out, &b);
	if (r.path_len == 0) {
		/* The base's path, as clean as a resolved one (idempotence). */
		add_path(&out, b.path, b.path_len);
		if (r.has_query)
			add_tail(&out, &r, true, r.has_frag);
		else {
			add_tail(&out, &b, b.has_query, false);
			add_tail(&out, &r, false, r.has_frag);
		}
		goto out;
	}
	if (r.path[0] == '/') {
		add_path(&out, r.path, r.path_len);
	} else {
		/* Merge (5.2.3): the base path up to its last '/', then ref. */
		struct buf m;

		buf_init(&m, BUF_NOLIMIT);
		if (b.has_auth && b.path_len == 0)
			buf_addch(&m, '/');
		else {
			for (slash = b.path_len; slash > 0; slash--)
				if (b.path[slash - 1] == '/')
					break;
			buf_add(&m, b.path, slash);
		}
		buf_add(&m, r.path, r.path_len);
		add_path(&out, m.data, m.len);
		buf_clear(&m);
	}
	add_tail(&out, &r, r.has_query, r.has_frag);
out:
	/*
	 * Clean at the end too: a control inside the base's path ends the
	 * result once the base's fragment is left out.  What the cut bares
	 * ("/." at the end) is resolved once more.
	 */
	while (out.len > 0 && (unsigned char)out.data[out.len - 1] <= ' ') {
		buf_truncate(&out, out.len - 1);
		cut = true;
	}
	free(rs);
	free(bs);
	rs = buf_detach(&out, NULL);
	if (cut) {
		bs = rs;
		rs = uri_resolve(NULL, bs);
		free(bs);
	}
	return rs;
}

bool
uri_is_absolute(const char *s)
{
	while (*s != '\0' && (unsigned char)*s <= ' ')
		s++;
	return scheme_len(s, strlen(s)) > 0;
}

bool
uri_has_scheme(const char *s, const char *scheme)
{
	size_t n, i;

	while (*s != '\0' && (unsigned char)*s <= ' ')
		s++;
	n = scheme_len(s, strlen(s));
	if (n == 0 || n != strlen(scheme))
		return false;
	for (i = 0; i < n; i++) {
		char c = s[i];

		if (c >= 'A' && c <= 'Z')
			c = (char)(c + 'a' - 'A');
		if (c != scheme[i])
			return false;
	}
	return true;
}

bool
uri_is_http(const char *s)
{
	const char *p;
	size_t i, auth;

	for (i = 0; s[i] != '\0'; i++)
		if ((unsigned char)s[i] <= ' ' || s[i] == 0x7F)
			return false;
	if (!uri_has_scheme(s, "http") && !uri_has_scheme(s, "https"))
		return false;
	p = strchr(s, ':');
	if (p[1] != '/' || p[2] != '/')
		return false;
	p += 3;
	auth = strcspn(p, "/?#");
	for (i = auth; i > 0; i--)
		if (p[i - 1] == '@')
			break;
	/* The host is what follows the userinfo, up to a port. */
	return i < auth && p[i] != ':';
}

/* The host and port of an absolute URL's authority (no userinfo). */
static bool
host_of(const char *s, const char **host, size_t *len)
{
	struct ref r;
	size_t i;

	split(s, strlen(s), &r);
	if (!r.has_scheme || !r.has_auth)
		return false;
	for (i = r.auth_len; i > 0; i--)
		if (r.auth[i - 1] == '@')
			break;
	*host = r.auth + i;
	*len = r.auth_len - i;
	return *len > 0;
}

bool
uri_same_host(const char *a, const char *b)
{
	const char *ha, *hb;
	size_t na, nb, i;

	if (a == NULL || b == NULL || !host_of(a, &ha, &na) ||
	    !host_of(b, &hb, &nb) || na != nb)
		return false;
	for (i = 0; i < na; i++) {
		char x = ha[i], y = hb[i];

		if (x >= 'A' && x <= 'Z')
			x = (char)(x + 'a' - 'A');
		if (y >= 'A' && y <= 'Z')
			y = (char)(y + 'a' - 'A');
		if (x != y)
			return false;
	}
	return true;
}
