/*
 * fuzz_text -- libFuzzer target for the text module: HTML to one line of
 * plain text, character references, collapsing and escaping.
 *
 * Invariants, not only "no crash":
 * - text_html_to_line and text_collapse give one line: no tab, newline,
 *   CR or form feed, no leading, trailing or double space; the output is
 *   valid UTF-8 when the input is; the _str forms agree (NULL: empty);
 * - text_collapse keeps every non-space byte, in order;
 * - text_escape_html leaves no <, > or " and decoding the escaped text
 *   (text_decode_entities) gives back the input exactly;
 * - text_decode_entity never uses more bytes than it has, nor writes
 *   more than TEXT_ENTITY_MAX, and its output is valid UTF-8.
 */
#include <assert.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "invariants.h"
#include "text.h"
#include "utf8.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static bool
space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

/* t[0..n) is one line; an empty one is what the _str forms give NULL. */
static void
check_line(const char *t, size_t n, bool valid)
{
	size_t i;

	if (n == 0)
		return;
	assert(t[0] != ' ' && t[n - 1] != ' ');
	for (i = 0; i < n; i++) {
		assert(t[i] == ' ' || !space(t[i]));
		assert(t[i] != ' ' || t[i + 1] != ' ');
	}
	if (valid)
		assert(utf8_valid(t, n));
}

/* The _str form gives the same text (up to a NUL in it), or NULL. */
static void
check_str(char *t, const struct buf *b)
{
	if (b->len == 0)
		assert(t == NULL);
	else
		assert(t != NULL && strncmp(t, b->data, b->len) == 0);
	free(t);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data;
	bool valid = utf8_valid(s, size);
	char enc[TEXT_ENTITY_MAX];
	struct buf line, esc, back;
	size_t i, j, used, n;

	buf_init(&line, BUF_NOLIMIT);
	assert(text_html_to_line(&line, s, size) == 0);
	check_line(line.data, line.len, valid);
	check_str(text_from_html(s, size), &line);
	buf_reset(&line);

	assert(text_collapse(&line, s, size) == 0);
	check_line(line.data, line.len, valid);
	for (i = 0, j = 0; i < size; i++) {
		if (space(s[i]))
			continue;
		assert(j < line.len && line.data[j] == s[i]);
		j++;
		while (j < line.len && line.data[j] == ' ')
			j++;
	}
	assert(j == line.len);
	check_str(text_collapse_str(s, size), &line);
	buf_clear(&line);

	buf_init(&esc, BUF_NOLIMIT);
	buf_init(&back, BUF_NOLIMIT);
	assert(text_escape_html(&esc, s, size) == 0);
	for (i = 0; i < esc.len; i++)
		assert(esc.data[i] != '<' && esc.data[i] != '>' &&
		    esc.data[i] != '"');
	assert(text_decode_entities(&back, esc.data != NULL ? esc.data : "",
	           esc.len) == 0);
	assert(
	    back.len == size && (size == 0 || memcmp(back.data, s, size) == 0));
	buf_clear(&esc);
	buf_clear(&back);

	for (i = 0; i < size; i++) {
		if (s[i] != '&')
			continue;
		memset(enc, 0, sizeof(enc));
		n = 0;
		used =
		    text_decode_entity(s + i, size - i, (i & 1) != 0, enc, &n);
		assert(used <= size - i);
		if (used > 0) {
			assert(used >= 2 && n >= 1 && n <= TEXT_ENTITY_MAX);
			assert(utf8_valid(enc, n));
		}
	}
	return 0;
}
