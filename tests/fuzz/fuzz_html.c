/*
 * fuzz_html -- libFuzzer target for html_render and wrap_lines.
 *
 * Invariants, not only "no crash":
 * - html_render accepts any input up to HTML_MAX_SIZE;
 * - the document is well formed (runs cover the text, offsets and link
 *   numbers in range) and all its text is valid UTF-8 without control
 *   characters or bidi overrides;
 * - links are absolute (there is a base) and never javascript:, data: or
 *   vbscript:;
 * - at every width of inv_widths, and at the width of the input's first
 *   byte (0-255, as the render helper's first version of this target),
 *   no display line is wider than the width and none holds a control
 *   character (inv_wrap);
 * - without a base (relative links stay unnumbered) it is well formed too;
 * - everything is freed (LeakSanitizer).
 */
#include <assert.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "html.h"
#include "invariants.h"
#include "uri.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define BASE "https://fuzz.example/a/b/post.html"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct html_doc *doc = NULL, *plain = NULL;
	char *cause = NULL;
	size_t i;

	assert(html_render((const char *)data, size, BASE, &doc, &cause) == 0);
	assert(cause == NULL);
	inv_html_doc(doc);
	for (i = 0; i < doc->nlinks; i++) {
		assert(uri_is_absolute(doc->links[i]));
		assert(!uri_has_scheme(doc->links[i], "javascript") &&
		    !uri_has_scheme(doc->links[i], "data") &&
		    !uri_has_scheme(doc->links[i], "vbscript"));
	}
	inv_wrap_all(doc);
	if (size > 0)
		inv_wrap(doc, data[0]);

	assert(
	    html_render((const char *)data, size, NULL, &plain, &cause) == 0);
	inv_html_doc(plain);
	html_free(plain);
	html_free(doc);
	return 0;
}
