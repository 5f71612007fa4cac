/*
 * fuzz_uri -- libFuzzer target for uri_resolve and the scheme checks.
 *
 * The input is "BASE\0REF" (no NUL: an http base and the whole input as
 * the reference).
 *
 * Invariants, not only "no crash":
 * - a result holds no tab, CR or newline and does not start or end with
 *   a space or control (the WHATWG cleaning);
 * - against an absolute base the result is absolute, its scheme in lower
 *   case, and, when it holds no space or control, resolving it again
 *   (against the base, or against nothing) gives it back unchanged;
 * - an http(s) result (uri_is_http) has no "." or ".." path segment, and
 *   no byte at or below space;
 * - uri_has_scheme agrees with the result's scheme.
 */
#include <assert.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "invariants.h"
#include "uri.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define HTTP_BASE "https://fuzz.example/a/b/c?q#f"

static void
check_clean(const char *u)
{
	size_t n = strlen(u);

	assert(n > 0);
	assert(strpbrk(u, "\t\r\n") == NULL);
	assert((unsigned char)u[0] > ' ' && (unsigned char)u[n - 1] > ' ');
}

/* No "." or ".." segment in the path of an http URL. */
static void
check_http_path(const char *u)
{
	const char *p = strstr(u, "//"), *end, *seg;
	size_t n;

	assert(p != NULL);
	p += 2;
	p += strcspn(p, "/?#");
	end = p + strcspn(p, "?#");
	while (p < end) {
		seg = ++p; /* past the '/' */
		n = strcspn(seg, "/?#");
		if (seg + n > end)
			n = (size_t)(end - seg);
		assert(!(n == 1 && seg[0] == '.'));
		assert(!(n == 2 && seg[0] == '.' && seg[1] == '.'));
		p = seg + n;
	}
}

/*
 * No space or control inside.  Those are kept as they are (a browser
 * would percent-encode them), so a "/." they hide from the dot-segment
 * removal can show up when the end is cleaned: resolving is idempotent
 * for the rest.
 */
static bool
plain(const char *u)
{
	for (; *u != '\0'; u++)
		if ((unsigned char)*u <= ' ' || *u == 0x7f)
			return false;
	return true;
}

static void
check(const char *base, const char *ref)
{
	char *u, *again;
	size_t i;

	u = uri_resolve(base, ref);
	if (u == NULL)
		return;
	check_clean(u);
	if (base != NULL && uri_is_absolute(base))
		assert(uri_is_absolute(u));
	if (uri_is_absolute(u)) {
		for (i = 0; u[i] != ':'; i++)
			assert(!(u[i] >= 'A' && u[i] <= 'Z'));
		if (!plain(u))
			goto out; /* garbage in: no browser opens it anyway */
		again = uri_resolve(NULL, u);
		assert(again != NULL && strcmp(again, u) == 0);
		free(again);
		again = uri_resolve(base, u);
		assert(again != NULL && strcmp(again, u) == 0);
		free(again);
		if (uri_is_http(u)) {
			assert(uri_has_scheme(u, "http") ||
			    uri_has_scheme(u, "https"));
			for (i = 0; u[i] != '\0'; i++)
				assert(
				    (unsigned char)u[i] > ' ' && u[i] != 0x7f);
			check_http_path(u);
		}
	}
out:
	free(u);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = inv_strndup(data, size);
	size_t n = strlen(s);

	if (n < size) {
		check(s, s + n + 1);
		check(NULL, s + n + 1);
	} else {
		check(HTTP_BASE, s);
		check(NULL, s);
	}
	free(s);
	return 0;
}
