/*
 * fuzz_extract -- libFuzzer target for extract_article and the page
 * cache's record of its result.
 *
 * Invariants, not only "no crash":
 * - a page is either refused with a reason, or gives an article whose
 *   HTML is valid UTF-8, holds no script, style or comment, and whose
 *   text length is at most its size;
 * - every metadata field is valid UTF-8 without a NUL inside;
 * - the result survives the cache's encoding unchanged, and any cut of
 *   the encoding is refused, never half-read;
 * - extract_is_excerpt() answers for any body.
 */
#include <assert.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "extract.h"
#include "utf8.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
check_field(const char *s)
{
	if (s != NULL)
		assert(utf8_valid(s, strlen(s)));
}

/* An element named tag ("<tag>" or "<tag "): not "<scriptx>". */
static bool
has_tag(const char *html, const char *tag)
{
	const char *p;
	size_t n = strlen(tag);

	for (p = strstr(html, "<"); p != NULL; p = strstr(p + 1, "<"))
		if (strncmp(p + 1, tag, n) == 0 &&
		    (p[1 + n] == '>' || p[1 + n] == ' '))
			return true;
	return false;
}

static bool
same(const char *a, const char *b)
{
	return (a == NULL && b == NULL) ||
	    (a != NULL && b != NULL && strcmp(a, b) == 0);
}

static void
check_roundtrip(const struct extract_result *r)
{
	struct extract_result *back = NULL;
	char *cause = NULL;
	struct buf b;

	buf_init(&b, BUF_NOLIMIT);
	extract_result_encode(r, &b);
	assert(extract_result_decode(b.data, b.len, &back, &cause) == 0);
	assert(same(back->html, r->html) && same(back->title, r->title) &&
	    same(back->byline, r->byline) &&
	    same(back->published, r->published) &&
	    same(back->site_name, r->site_name) &&
	    same(back->excerpt, r->excerpt) && same(back->lang, r->lang) &&
	    same(back->base, r->base) && same(back->canonical, r->canonical) &&
	    back->text_len == r->text_len);
	extract_result_free(back);
	back = NULL;
	assert(extract_result_decode(b.data, b.len / 2, &back, &cause) == -1);
	assert(back == NULL && cause != NULL);
	free(cause);
	buf_clear(&b);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct extract_result *r = NULL;
	struct extract_opts o;
	char *cause = NULL, *s;

	memset(&o, 0, sizeof(o));
	o.url = "https://example.org/a/page.html";
	if (extract_article((const char *)data, size, &o, &r, &cause) == -1) {
		assert(r == NULL && cause != NULL && *cause != '\0');
		free(cause);
	} else {
		assert(r != NULL && r->html != NULL && cause == NULL);
		assert(utf8_valid(r->html, strlen(r->html)));
		assert(r->text_len <= strlen(r->html));
		assert(
		    !has_tag(r->html, "script") && !has_tag(r->html, "style"));
		assert(strstr(r->html, "<!--") == NULL);
		check_field(r->title);
		check_field(r->byline);
		check_field(r->published);
		check_field(r->site_name);
		check_field(r->excerpt);
		check_field(r->lang);
		check_field(r->base);
		check_field(r->canonical);
		check_roundtrip(r);
		extract_result_free(r);
	}

	/* The same bytes as a feed body. */
	s = malloc(size + 1);
	if (s == NULL)
		return 0;
	memcpy(s, data, size);
	s[size] = '\0';
	(void)extract_is_excerpt(s, s);
	free(s);
	return 0;
}
