/*
 * charset -- find the character encoding of an XML document and turn the
 * document into clean UTF-8, piece by piece.
 *
 * Pure (iconv(3) for the encodings it does not decode itself).  The
 * encoding comes from, in this order: a byte order mark, the UTF-16/32
 * byte patterns of "<?" (XML 1.0 appendix F), the charset of the HTTP
 * Content-Type, the XML declaration, else UTF-8.  ISO-8859-1, US-ASCII
 * and Windows-1252 are all decoded as Windows-1252, as browsers do
 * (WHATWG Encoding), so the 0x80-0x9F bytes of a mislabelled feed come
 * out as the quotes and dashes they were meant to be.  The output is
 * always valid UTF-8 without the characters XML forbids: malformed
 * bytes, C0 controls other than tab, newline and carriage return, and
 * U+FFFE/U+FFFF each become U+FFFD, and are counted.
 */
#ifndef IFPNEWS_CHARSET_H
#define IFPNEWS_CHARSET_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"

#define CHARSET_NAME_MAX 40

/*
 * Decide the encoding of a document from its first len bytes (at least
 * the first few hundred when there are that many) and the HTTP charset
 * (or NULL).  Writes the encoding's name (lowercase: "utf-8",
 * "windows-1252", "utf-16le", or a label for iconv) into name and sets
 * *bom to the length of the byte order mark to skip.
 */
void charset_sniff(const char *data, size_t len, const char *http_charset,
    char name[CHARSET_NAME_MAX], size_t *bom);

struct charset_conv;

/*
 * A converter from the encoding name (as charset_sniff gives it, or any
 * label) to UTF-8 that calls emit(arg, s, n) with the output, in pieces
 * (borrowed, valid during the call).  An encoding that cannot be decoded
 * is read as UTF-8 and charset_conv_unknown() says so.  Never NULL.
 */
struct charset_conv *charset_conv_new(const char *name,
    void (*emit)(void *arg, const char *s, size_t n), void *arg);
/*
 * Convert the next len bytes.  last: no more input follows, so a
 * sequence cut short at the end becomes U+FFFD.
 */
void charset_conv_push(struct charset_conv *, const char *in, size_t len,
    bool last);
/* Replacements so far, and the input offset of the first one (bytes). */
size_t charset_conv_errors(const struct charset_conv *, size_t *first);
/* True when the encoding was unknown and UTF-8 was used instead. */
bool charset_conv_unknown(const struct charset_conv *);
void charset_conv_free(struct charset_conv *);

#endif
