/*
 * uri -- resolving relative links (RFC 3986 section 5) and scheme checks.
 *
 * Pure.  Feeds write links relative to xml:base, to the feed's link or to
 * the feed's own URL; uri_resolve() makes them absolute.  Links are
 * cleaned the way browsers clean them (WHATWG URL): leading and trailing
 * spaces and controls are dropped, tabs and newlines inside removed, and
 * the scheme lowercased.  Only uri_is_http() links may be opened or
 * fetched.
 */
#ifndef IFPNEWS_URI_H
#define IFPNEWS_URI_H

#include <stdbool.h>
#include <stddef.h>

/*
 * The absolute form of ref resolved against base (RFC 3986 5.2, with dot
 * segments removed).  When base is NULL or not absolute, ref comes back
 * cleaned but relative.  Returns a new string (caller frees), or NULL
 * when ref is NULL, or empty after cleaning without an absolute base (an
 * empty ref against an absolute base is the base, RFC 3986 5.2.2).
 */
char *uri_resolve(const char *base, const char *ref);

/* True when s starts with a scheme ("https:", "mailto:"). */
bool uri_is_absolute(const char *s);

/*
 * True when s is an http or https URL with a host, and holds no space or
 * control character: the only links given to a browser or fetched.
 */
bool uri_is_http(const char *s);

/*
 * True when s (after leading spaces) has the scheme name, compared
 * without case ("file" matches "FILE:///x").
 */
bool uri_has_scheme(const char *s, const char *scheme);

/*
 * True when a and b are absolute URLs with the same host and port
 * (compared without case; userinfo aside): "the same site", where the
 * reader may fetch pages ahead of the user (ui_article.c).
 */
bool uri_same_host(const char *a, const char *b);

#endif
