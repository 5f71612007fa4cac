/*
 * fuzz_extract -- libFuzzer target for extract_article and the page
 * cache's record of its result (the extract helper's target and the
 * harden one, joined).
 *
 * Invariants, not only "no crash":
 * - a page is either refused with a reason, or gives an article with
 *   some text whose HTML is one <div> of valid UTF-8 holding no script,
 *   style, noscript or iframe element and no comment, and whose text
 *   length is at most its size;
 * - every metadata field is valid UTF-8 without a NUL inside;
 * - the article HTML renders again (html_render) into a well-formed
 *   document that wraps within every width (inv_wrap_all);
 * - the result survives the cache's encoding unchanged, and any cut of
 *   the encoding is refused, never half-read;
 * - extract_is_excerpt() answers for any body;
 * - everything is freed (LeakSanitizer).
 */
#include <assert.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "extract.h"
#include "html.h"
#include "invariants.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define URL "https://example.org/a/page.html"

/* True when s holds "<name" followed by a tag-ending byte, any case. */
static bool
has_element(const char *s, const char *name)
{
	size_t n = strlen(name);
	char c;

	for (; (s = strchr(s, '<')) != NULL; s++) {
		if (strncasecmp(s + 1, name, n) != 0)
			continue;
		c = s[1 + n];
		if (c == '>' || c == ' ' || c == '/' || c == '\t' ||
		    c == '\n' || c == '\r' || c == '\f')
			return true;
	}
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

static void
check_article(const struct extract_result *r)
{
	struct html_doc *doc = NULL;
	char *cause = NULL;

	assert(r->html != NULL && r->text_len > 0);
	inv_utf8_str(r->html);
	assert(r->text_len <= strlen(r->html));
	inv_utf8_str(r->title);
	inv_utf8_str(r->byline);
	inv_utf8_str(r->published);
	inv_utf8_str(r->site_name);
	inv_utf8_str(r->excerpt);
	inv_utf8_str(r->lang);
	inv_utf8_str(r->base);
	inv_utf8_str(r->canonical);
	assert(strncmp(r->html, "<div", 4) == 0);
	assert(!has_element(r->html, "script"));
	assert(!has_element(r->html, "style"));
	assert(!has_element(r->html, "noscript"));
	assert(!has_element(r->html, "iframe"));
	assert(strstr(r->html, "<!--") == NULL);

	assert(html_render(r->html, strlen(r->html),
	           r->base != NULL ? r->base : URL, &doc, &cause) == 0);
	inv_html_doc(doc);
	inv_wrap_all(doc);
	html_free(doc);
	check_roundtrip(r);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct extract_opts opts = {URL, NULL, 0};
	struct extract_result *r = NULL;
	char *cause = NULL, *s;
	int rc;

	rc = extract_article((const char *)data, size, &opts, &r, &cause);
	assert((rc == 0) == (r != NULL) && (rc == 0) == (cause == NULL));
	if (rc != 0) {
		assert(cause[0] != '\0');
		inv_utf8_str(cause);
		free(cause);
	} else {
		check_article(r);
		extract_result_free(r);
	}

	/* The same bytes as a feed body. */
	s = inv_strndup(data, size);
	(void)extract_is_excerpt(s, s);
	free(s);
	return 0;
}
