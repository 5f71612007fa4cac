/*
 * text -- HTML character references and HTML to one-line plain text.
 *
 * Pure.  The feed parser turns titles, summaries, authors and categories
 * into plain text with text_from_html(); the HTML renderer decodes the
 * references of its text and attribute values with text_decode_entity().
 * References are decoded as HTML5 does: every WHATWG named reference (and
 * the legacy ones without ';'), numeric references with the Windows-1252
 * remapping of &#128;-&#159;, and U+FFFD for NUL, surrogates and values
 * past U+10FFFF.  The output is UTF-8 when the input is.
 */
#ifndef IFPNEWS_TEXT_H
#define IFPNEWS_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "buf.h"

/* One named reference (text_entities.c, generated). */
struct text_entity {
	const char *name; /* without the ';' */
	const char *utf8; /* what it stands for, one or two code points */
	int legacy;       /* also valid without the ';' */
};
extern const struct text_entity text_entities[];
extern const size_t text_entities_len;

/*
 * Windows-1252 bytes 0x80-0x9F as code points (0 for the five it leaves
 * unassigned): numeric references remap these values (HTML5), and
 * charset.c decodes ISO-8859-1 labelled documents with them (WHATWG).
 */
extern const uint16_t text_cp1252[32];

#define TEXT_ENTITY_MAX 8 /* bytes of UTF-8 a reference decodes to, at most */

/*
 * Decode the character reference at s[0] == '&' (len bytes available).
 * Returns the bytes it uses (including the ';' when present) and writes
 * its UTF-8 into out (*outlen bytes), or returns 0 when s does not start
 * a reference (a lone '&', an unknown name): the '&' is then literal.
 * in_attr: the attribute-value rule, where a legacy name without ';'
 * followed by an alphanumeric or '=' is not a reference.
 */
size_t text_decode_entity(const char *s, size_t len, bool in_attr,
    char out[TEXT_ENTITY_MAX], size_t *outlen);

/* The code point numeric reference value n stands for (HTML5 rules). */
uint32_t text_numeric_ref(uint32_t n);

/*
 * Append s[0..len) to out with every character reference decoded (once).
 * Returns 0, or -1 when out reached its maximum.
 */
int text_decode_entities(struct buf *out, const char *s, size_t len);

/*
 * Append the plain text of the HTML s[0..len) to out, on one line: tags
 * and comments removed, script and style content dropped, references
 * decoded, runs of whitespace (and block boundaries such as <p> and
 * <br>) made one space, leading and trailing space trimmed.  Returns 0,
 * or -1 when out reached its maximum.
 */
int text_html_to_line(struct buf *out, const char *s, size_t len);
/* The same into a new string (the caller frees it); NULL when empty. */
char *text_from_html(const char *s, size_t len);

/*
 * Append s[0..len) with runs of whitespace made one space and the ends
 * trimmed (plain text: nothing is decoded).  Returns 0 or -1 as above.
 */
int text_collapse(struct buf *out, const char *s, size_t len);
/* The same into a new string (the caller frees it); NULL when empty. */
char *text_collapse_str(const char *s, size_t len);

/*
 * Append s[0..len) escaped for HTML text and attribute values (&, <, >,
 * and "), so that plain text can sit inside HTML.  Returns 0 or -1.
 */
int text_escape_html(struct buf *out, const char *s, size_t len);

#endif
