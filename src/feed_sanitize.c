/*
 * feed_sanitize -- the HTML of a feed's content made safe to show (see
 * feed_int.h).
 *
 * The HTML goes through text.c's lexer, and only what is checked comes
 * out: elements of a list of plain content, with attributes re-quoted
 * and re-escaped, and text with '<' and '>' escaped.  So a browser reads
 * the output as the tokens that were checked, whatever the input tried
 * (a script hidden in a comment, an attribute, a CDATA section, or a
 * raw-text element).  The lists follow feedparser's sanitizer and the
 * WHATWG's list of URL attributes.
 */
#include "feed_int.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "text.h"
#include "uri.h"
#include "util.h"

/* Elements kept (sorted).  Anything else loses its tags, not its text. */
static const char *const kept[] = {"a", "abbr", "acronym", "address", "area",
    "article", "aside", "audio", "b", "bdi", "bdo", "big", "blockquote", "br",
    "button", "canvas", "caption", "center", "cite", "code", "col", "colgroup",
    "data", "datalist", "dd", "del", "details", "dfn", "dir", "div", "dl", "dt",
    "em", "fieldset", "figcaption", "figure", "font", "footer", "form", "h1",
    "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "i", "iframe",
    "img", "input", "ins", "kbd", "label", "legend", "li", "listing", "main",
    "map", "mark", "menu", "meter", "nav", "noembed", "noframes", "noscript",
    "ol", "optgroup", "option", "output", "p", "picture", "pre", "progress",
    "q", "rp", "rt", "ruby", "s", "samp", "section", "select", "small",
    "source", "span", "strike", "strong", "sub", "summary", "sup", "table",
    "tbody", "td", "template", "textarea", "tfoot", "th", "thead", "time",
    "title", "tr", "track", "tt", "u", "ul", "var", "video", "wbr", "xmp"};

/*
 * Kept elements whose content a browser reads as raw text up to their
 * end tag: one left open would swallow the page the HTML is put in, so
 * it is closed at the end.
 */
static const char *const rawtext[] = {"iframe", "noembed", "noframes",
    "noscript", "textarea", "title", "xmp"};

/* Attributes holding one URL (WHATWG, plus the lazy-loading ones). */
static const char *const url_attrs[] = {"action", "background", "cite",
    "codebase", "data-lazy-src", "data-original", "data-src", "dynsrc",
    "formaction", "href", "icon", "longdesc", "lowsrc", "manifest", "ping",
    "poster", "src", "usemap", "xlink:href"};

/* Attributes that may hold an image as a data: URL. */
static const char *const image_attrs[] = {"data-lazy-src", "data-original",
    "data-src", "data-srcset", "lowsrc", "poster", "src", "srcset"};

/* Schemes a link may have. */
static const char *const schemes[] = {"ftp", "ftps", "gemini", "gopher", "http",
    "https", "irc", "ircs", "magnet", "mailto", "news", "nntp", "tel", "xmpp"};

/* CSS properties kept in a style attribute (feedparser's list). */
static const char *const css_props[] = {"azimuth", "background-color", "border",
    "border-bottom", "border-bottom-color", "border-bottom-style",
    "border-bottom-width", "border-collapse", "border-color", "border-left",
    "border-left-color", "border-left-style", "border-left-width",
    "border-right", "border-right-color", "border-right-style",
    "border-right-width", "border-spacing", "border-style", "border-top",
    "border-top-color", "border-top-style", "border-top-width", "border-width",
    "clear", "color", "cursor", "direction", "display", "elevation", "float",
    "font", "font-family", "font-size", "font-style", "font-variant",
    "font-weight", "height", "letter-spacing", "line-height", "margin",
    "margin-bottom", "margin-left", "margin-right", "margin-top", "overflow",
    "padding", "padding-bottom", "padding-left", "padding-right", "padding-top",
    "pause", "pause-after", "pause-before", "pitch", "pitch-range", "richness",
    "speak", "speak-header", "speak-numeral", "speak-punctuation",
    "speech-rate", "stress", "text-align", "text-decoration", "text-indent",
    "unicode-bidi", "vertical-align", "visibility", "voice-family", "volume",
    "white-space", "width"};

static int
cmp_name(const void *key, const void *elem)
{
	return strcmp(key, *(const char *const *)elem);
}

static bool
in(const char *name, const char *const *list, size_t n)
{
	return bsearch(name, list, n, sizeof(*list), cmp_name) != NULL;
}

#define IN(name, list) in(name, list, NITEMS(list))

/* name[0..n) in lowercase into out (at most size - 1 bytes); false when
 * it does not fit or holds a byte names never have. */
static bool
lower_name(const char *name, size_t n, char *out, size_t size)
{
	size_t i;

	if (n == 0 || n >= size)
		return false;
	for (i = 0; i < n; i++) {
		char c = name[i];

		if (c >= 'A' && c <= 'Z')
			c = (char)(c + 'a' - 'A');
		else if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		             c == '-' || c == '_' || c == ':' || c == '.'))
			return false;
		out[i] = c;
	}
	out[n] = '\0';
	return true;
}

/* A value's text: references decoded as in an attribute (HTML5). */
static char *
decode_value(const char *v, size_t n)
{
	struct buf b;
	char enc[TEXT_ENTITY_MAX];
	size_t i = 0, used, k;

	buf_init(&b, BUF_NOLIMIT);
	buf_add(&b, "", 0);
	while (i < n) {
		const char *amp = memchr(v + i, '&', n - i);
		size_t run = amp != NULL ? (size_t)(amp - v) - i : n - i;

		buf_add(&b, v + i, run);
		i += run;
		if (i >= n)
			break;
		used = text_decode_entity(v + i, n - i, true, enc, &k);
		if (used == 0) {
			buf_addch(&b, '&');
			i++;
		} else {
			buf_add(&b, enc, k);
			i += used;
		}
	}
	return buf_detach(&b, NULL);
}

/*
 * The link v made absolute against base (when it is relative and base is
 * not NULL), or NULL when its scheme may not be followed: javascript:,
 * vbscript:, file:, data: (but images where image is set) ...  A link
 * to a fragment of the page itself ("#note-1") stays as it is.
 */
static char *
safe_url(const char *v, const char *base, bool image)
{
	char *u, scheme[16];
	size_t n;

	u = uri_resolve(*v == '#' ? NULL : base, v);
	if (u == NULL)
		return xstrdup("");
	if (!uri_is_absolute(u))
		return u;
	n = strcspn(u, ":");
	if (n < sizeof(scheme)) {
		memcpy(scheme, u, n);
		scheme[n] = '\0';
		if (IN(scheme, schemes))
			return u;
		if (image && strcmp(scheme, "data") == 0 &&
		    strncasecmp(u + n, ":image/", 7) == 0)
			return u;
	}
	free(u);
	return NULL;
}

/*
 * A srcset ("url 2x, url 480w"): each URL checked and made absolute;
 * NULL when one of them may not be followed.  Split as HTML5 does, so
 * that the commas of a data: URL stay inside it.
 */
static char *
safe_srcset(const char *v, const char *base)
{
	struct buf b;
	size_t i = 0, j, k;

	buf_init(&b, BUF_NOLIMIT);
	buf_add(&b, "", 0);
	for (;;) {
		char *url, *ok;

		while (v[i] == ' ' || v[i] == '\t' || v[i] == '\n' ||
		    v[i] == '\r' || v[i] == '\f' || v[i] == ',')
			i++;
		if (v[i] == '\0')
			break;
		for (j = i; v[j] != '\0' && v[j] != ' ' && v[j] != '\t' &&
		     v[j] != '\n' && v[j] != '\r' && v[j] != '\f';
		     j++)
			;
		for (k = j; k > i && v[k - 1] == ','; k--)
			;
		url = xstrndup(v + i, k - i);
		ok = safe_url(url, base, true);
		free(url);
		if (ok == NULL) {
			buf_clear(&b);
			return NULL;
		}
		if (b.len > 0)
			buf_addstr(&b, ", ");
		buf_addstr(&b, ok);
		free(ok);
		i = j;
		if (k == j) {
			/* Descriptors, up to the next comma. */
			for (j = i; v[j] != '\0' && v[j] != ','; j++)
				;
			buf_add(&b, v + i, j - i);
			while (b.len > 0 && b.data[b.len - 1] == ' ')
				buf_truncate(&b, b.len - 1);
			i = j;
		}
	}
	return buf_detach(&b, NULL);
}

/*
 * A style attribute: the declarations of known properties whose value
 * is plain (words, numbers, colours: no url(), expression(), escape,
 * quote or comment), or NULL when none is left.
 */
static char *
safe_style(const char *v)
{
	struct buf b;
	const char *d = v;

	buf_init(&b, BUF_NOLIMIT);
	while (*d != '\0') {
		size_t n = strcspn(d, ";"), c, i;
		char prop[32];
		const char *val;
		bool ok = true;

		c = strcspn(d, ":");
		if (c < n) {
			size_t s = 0, e = c;

			while (s < e &&
			    (d[s] == ' ' || d[s] == '\t' || d[s] == '\n' ||
			        d[s] == '\r'))
				s++;
			while (e > s &&
			    (d[e - 1] == ' ' || d[e - 1] == '\t' ||
			        d[e - 1] == '\n' || d[e - 1] == '\r'))
				e--;
			val = d + c + 1;
			for (i = 0; val + i < d + n && ok; i++) {
				char ch = val[i];

				ok = (ch >= 'a' && ch <= 'z') ||
				    (ch >= 'A' && ch <= 'Z') ||
				    (ch >= '0' && ch <= '9') ||
				    strchr(" \t\r\n#%.,!-", ch) != NULL;
			}
			if (ok &&
			    lower_name(d + s, e - s, prop, sizeof(prop)) &&
			    IN(prop, css_props)) {
				if (b.len > 0)
					buf_addstr(&b, "; ");
				buf_addstr(&b, prop);
				buf_addch(&b, ':');
				buf_add(&b, val, (size_t)(d + n - val));
			}
		}
		d += n;
		if (*d == ';')
			d++;
	}
	if (b.len == 0) {
		buf_clear(&b);
		return NULL;
	}
	return buf_detach(&b, NULL);
}

/* The value of attribute name to write, or NULL to leave it out. */
static char *
safe_attr(const char *name, const char *v, const char *base)
{
	bool image = IN(name, image_attrs);

	if (strncmp(name, "on", 2) == 0 || strcmp(name, "srcdoc") == 0 ||
	    strcmp(name, "is") == 0 || strncmp(name, "xmlns", 5) == 0 ||
	    strcmp(name, "http-equiv") == 0)
		return NULL;
	if (strcmp(name, "style") == 0)
		return safe_style(v);
	if (strcmp(name, "srcset") == 0 || strcmp(name, "data-srcset") == 0)
		return safe_srcset(v, base);
	if (IN(name, url_attrs))
		return safe_url(v, base, image);
	return xstrdup(v);
}

static void
write_start(struct buf *out, const char *name, const struct text_token *t,
    const char *base)
{
	struct text_attr a;
	size_t pos = 0;
	char an[64];

	buf_addch(out, '<');
	buf_addstr(out, name);
	while (text_attr_next(t, &pos, &a)) {
		char *v, *ok;

		if (!lower_name(a.name, a.namelen, an, sizeof(an)))
			continue;
		v = decode_value(a.value != NULL ? a.value : "", a.valuelen);
		ok = safe_attr(an, v, base);
		free(v);
		if (ok == NULL)
			continue;
		buf_addch(out, ' ');
		buf_addstr(out, an);
		if (a.value != NULL) {
			buf_addstr(out, "=\"");
			text_escape_html(out, ok, strlen(ok));
			buf_addch(out, '"');
		}
		free(ok);
	}
	buf_addch(out, '>');
}

/* Text as it came, but '<' and '>' (and nothing else) escaped. */
static void
write_text(struct buf *out, const char *s, size_t n)
{
	size_t i, start = 0;

	for (i = 0; i < n; i++) {
		if (s[i] != '<' && s[i] != '>')
			continue;
		buf_add(out, s + start, i - start);
		buf_addstr(out, s[i] == '<' ? "&lt;" : "&gt;");
		start = i + 1;
	}
	buf_add(out, s + start, n - start);
}

int
feed_sanitize_html(struct buf *out, const char *s, size_t len, const char *base)
{
	struct text_lexer lx;
	struct text_token t;
	unsigned open[NITEMS(rawtext)] = {0};
	size_t svg = 0, i;
	char name[32];

	text_lex_init(&lx, s, len);
	while (text_lex_next(&lx, &t)) {
		bool ok =
		    (t.kind == TEXT_TOK_START || t.kind == TEXT_TOK_END) &&
		    lower_name(t.name, t.namelen, name, sizeof(name));

		if (svg > 0) {
			/* svg is left out with all it holds. */
			if (ok && strcmp(name, "svg") == 0 &&
			    t.kind == TEXT_TOK_END)
				svg--;
			else if (ok && strcmp(name, "svg") == 0 && !t.selfclose)
				svg++;
			continue;
		}
		if (t.kind == TEXT_TOK_TEXT) {
			write_text(out, t.s, t.len);
			continue;
		}
		if (!ok)
			continue; /* comments, script and style content ... */
		if (t.kind == TEXT_TOK_START && strcmp(name, "svg") == 0) {
			svg = t.selfclose ? 0 : 1;
			continue;
		}
		if (!IN(name, kept))
			continue;
		for (i = 0; i < NITEMS(rawtext); i++)
			if (strcmp(name, rawtext[i]) == 0) {
				if (t.kind == TEXT_TOK_START)
					open[i]++;
				else if (open[i] > 0)
					open[i]--;
			}
		if (t.kind == TEXT_TOK_START)
			write_start(out, name, &t, base);
		else {
			buf_addstr(out, "</");
			buf_addstr(out, name);
			buf_addch(out, '>');
		}
	}
	for (i = 0; i < NITEMS(rawtext); i++)
		if (open[i] > 0) {
			buf_addstr(out, "</");
			buf_addstr(out, rawtext[i]);
			buf_addch(out, '>');
		}
	return out->toobig ? -1 : 0;
}
