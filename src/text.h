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

/*
 * One named reference (text_entities.c, generated).  Arrays, not
 * pointers: a table of 2,231 pointer pairs is 4,462 relocations the
 * dynamic loader applies, and 12 pages it copies, at every start.
 */
struct text_entity {
	char name[32]; /* without the ';'; the longest has 31 bytes */
	char utf8[8];  /* what it stands for, one or two code points */
	int legacy;    /* also valid without the ';' */
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
 * C1 controls (U+0080-U+009F) never belong in text: feeds that hold them
 * mean the Windows-1252 characters of those bytes (0x92 is ’), or are
 * UTF-8 that was read as Latin-1 and encoded again ("â\u0080¦" is …).
 * text_has_c1() says whether s[0..len) holds one; text_fix_c1() appends
 * s to out with each such sequence decoded as meant (the five C1 bytes
 * Windows-1252 leaves unassigned stay).  Returns 0, or -1 when out
 * reached its maximum.
 */
bool text_has_c1(const char *s, size_t len);
int text_fix_c1(struct buf *out, const char *s, size_t len);

/*
 * A lexer of HTML, as HTML5 reads it where that matters for safety (tag
 * and attribute syntax, the raw text of script and style, comments), and
 * lenient where HTML5 would hide text: a '<' that starts no markup, and
 * markup that never ends ("<!DOCTYPE", "<b" at the end, "<![CDATA["
 * without "]]>"), are text.  A comment ends at "-->", else at its first
 * '>' (as SGML reads "<!-- -- x >"), else with the input.  A CDATA
 * section whose "]]>" follows is unwrapped (a feed's CDATA wrapped
 * twice): its markers are TEXT_TOK_OTHER tokens.
 */
enum text_tok {
	TEXT_TOK_TEXT,  /* text; references not decoded */
	TEXT_TOK_START, /* a start tag */
	TEXT_TOK_END,   /* an end tag */
	TEXT_TOK_RAW,   /* the content of a script or style element */
	TEXT_TOK_OTHER, /* comment, DOCTYPE, processing instruction, CDATA
	                   marker */
};

struct text_token {
	enum text_tok kind;
	const char *s; /* the token's bytes, borrowed from the input */
	size_t len;
	const char *name; /* START, END: the tag name as written */
	size_t namelen;
	const char *attrs; /* START, END: from after the name to the '>' */
	size_t attrslen;
	bool selfclose; /* START: written "<name/>" */
};

struct text_attr {
	const char *name; /* as written; borrowed */
	size_t namelen;
	const char *value; /* undecoded; NULL for an attribute without one */
	size_t valuelen;
};

/* Where a terminator was found (see text.c next_of()). */
struct text_found {
	size_t from, at;
};

struct text_lexer {
	const char *s; /* borrowed */
	size_t len, pos;
	const char *raw; /* "script" or "style" after its start tag */
	int cdata;       /* CDATA sections open, whose "]]>" is ahead */
	bool haspending; /* pending is the next token */
	struct text_token pending;
	size_t textfrom; /* every '<' from here on is text (SIZE_MAX: none) */
	struct text_found comment_end, cdata_end; /* "-->", "]]>" */
};

/* Start reading s[0..len) (borrowed until the last token is used). */
void text_lex_init(struct text_lexer *, const char *s, size_t len);
/* The next token into *t; false at the end. */
bool text_lex_next(struct text_lexer *, struct text_token *t);
/* The next attribute of the tag t from *pos (start at 0); false after
 * the last. */
bool text_attr_next(const struct text_token *t, size_t *pos,
    struct text_attr *a);
/* True when name[0..n) is the lowercase ASCII word w, in any case. */
bool text_name_is(const char *name, size_t n, const char *w);

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
