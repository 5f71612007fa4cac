/*
 * fuzz_extract -- libFuzzer target for extract_article.
 *
 * Invariants, not only "no crash":
 * - extract_article returns 0 with a result or -1 with a cause, and a
 *   result has some text;
 * - every string of the result is valid UTF-8; the article HTML is one
 *   <div>, holds no script, style, noscript or iframe element, and
 *   renders again (html_render) into a well-formed document that wraps
 *   within every width (inv_wrap_all);
 * - everything is freed (LeakSanitizer).
 */
#include <assert.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "extract.h"
#include "html.h"
#include "invariants.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define URL "https://fuzz.example/2024/11/post/"

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

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct extract_opts opts = {URL, NULL, 0};
	struct extract_result *r = NULL;
	struct html_doc *doc = NULL;
	char *cause = NULL;
	int rc;

	rc = extract_article((const char *)data, size, &opts, &r, &cause);
	assert((rc == 0) == (r != NULL) && (rc == 0) == (cause == NULL));
	if (rc != 0) {
		inv_utf8_str(cause);
		free(cause);
		return 0;
	}
	assert(r->html != NULL && r->text_len > 0);
	inv_utf8_str(r->html);
	inv_utf8_str(r->title);
	inv_utf8_str(r->byline);
	inv_utf8_str(r->published);
	inv_utf8_str(r->site_name);
	inv_utf8_str(r->excerpt);
	inv_utf8_str(r->lang);
	inv_utf8_str(r->base);
	assert(strncmp(r->html, "<div", 4) == 0);
	assert(!has_element(r->html, "script"));
	assert(!has_element(r->html, "style"));
	assert(!has_element(r->html, "noscript"));
	assert(!has_element(r->html, "iframe"));

	assert(html_render(r->html, strlen(r->html),
	           r->base != NULL ? r->base : URL, &doc, &cause) == 0);
	inv_html_doc(doc);
	inv_wrap_all(doc);
	html_free(doc);
	extract_result_free(r);
	return 0;
}
