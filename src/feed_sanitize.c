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

/*
 * Elements kept (sorted); anything else loses its tags, not its text.
 * RAW: a browser reads the content as raw text up to the end tag, so
 * one left open would swallow the page the HTML is put in: it is closed
 * at the end.
 */
#define RAW 1
static const struct name {
	const char *name;
	int flags;
} kept[] = {{"a", 0}, {"abbr", 0}, {"acronym", 0}, {"address", 0}, {"area", 0},
    {"article", 0}, {"aside", 0}, {"audio", 0}, {"b", 0}, {"bdi", 0},
    {"bdo", 0}, {"big", 0}, {"blockquote", 0}, {"br", 0}, {"button", 0},
    {"canvas", 0}, {"caption", 0}, {"center", 0}, {"cite", 0}, {"code", 0},
    {"col", 0}, {"colgroup", 0}, {"data", 0}, {"datalist", 0}, {"dd", 0},
    {"del", 0}, {"details", 0}, {"dfn", 0}, {"dir", 0}, {"div", 0}, {"dl", 0},
    {"dt", 0}, {"em", 0}, {"fieldset", 0}, {"figcaption", 0}, {"figure", 0},
    {"font", 0}, {"footer", 0}, {"form", 0}, {"h1", 0}, {"h2", 0}, {"h3", 0},
    {"h4", 0}, {"h5", 0}, {"h6", 0}, {"header", 0}, {"hgroup", 0}, {"hr", 0},
    {"i", 0}, {"iframe", RAW}, {"img", 0}, {"input", 0}, {"ins", 0}, {"kbd", 0},
    {"label", 0}, {"legend", 0}, {"li", 0}, {"listing", 0}, {"main", 0},
    {"map", 0}, {"mark", 0}, {"menu", 0}, {"meter", 0}, {"nav", 0},
    {"noembed", RAW}, {"noframes", RAW}, {"noscript", RAW}, {"ol", 0},
    {"optgroup", 0}, {"option", 0}, {"output", 0}, {"p", 0}, {"picture", 0},
    {"pre", 0}, {"progress", 0}, {"q", 0}, {"rp", 0}, {"rt", 0}, {"ruby", 0},
    {"s", 0}, {"samp", 0}, {"section", 0}, {"select", 0}, {"small", 0},
    {"source", 0}, {"span", 0}, {"strike", 0}, {"strong", 0}, {"sub", 0},
    {"summary", 0}, {"sup", 0}, {"table", 0}, {"tbody", 0}, {"td", 0},
    {"template", 0}, {"textarea", RAW}, {"tfoot", 0}, {"th", 0}, {"thead", 0},
    {"time", 0}, {"title", RAW}, {"tr", 0}, {"track", 0}, {"tt", 0}, {"u", 0},
    {"ul", 0}, {"var", 0}, {"video", 0}, {"wbr", 0}, {"xmp", RAW}};

/*
 * Attributes that need a look (sorted); the others are kept as they are.
 * URL: one link (WHATWG's list, and the lazy-loading ones); IMAGE: it
 * may be an image as a data: URL; SRCSET: a list of links; STYLE: CSS;
 * DROP: left out (as are event handlers, "on...", and "xmlns...").
 */
#define URL 1
#define IMAGE 2
#define SRCSET 4
#define STYLE 8
#define DROP 16
static const struct name attrs[] = {{"action", URL}, {"background", URL},
    {"cite", URL}, {"codebase", URL}, {"data-lazy-src", URL | IMAGE},
    {"data-original", URL | IMAGE}, {"data-src", URL | IMAGE},
    {"data-srcset", SRCSET}, {"dynsrc", URL}, {"formaction", URL},
    {"href", URL}, {"http-equiv", DROP}, {"icon", URL}, {"is", DROP},
    {"longdesc", URL}, {"lowsrc", URL | IMAGE}, {"manifest", URL},
    {"ping", URL}, {"poster", URL | IMAGE}, {"src", URL | IMAGE},
    {"srcdoc", DROP}, {"srcset", SRCSET}, {"style", STYLE}, {"usemap", URL},
    {"xlink:href", URL}, {"xmlns", DROP}};

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
cmp_str(const void *key, const void *elem)
{
	return strcmp(key, *(const char *const *)elem);
}

static bool
in(const char *name, const char *const *list, size_t n)
{
	return bsearch(name, list, n, sizeof(*list), cmp_str) != NULL;
}

static int
cmp_name(const void *key, const void *elem)
{
	return strcmp(key, ((const struct name *)elem)->name);
}

/* The entry of name in the sorted table, or NULL. */
static const struct name *
lookup(const char *name, const struct name *table, size_t n)
{
	return bsearch(name, table, n, sizeof(*table), cmp_name);
}

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

/*
 * A value's text into b (emptied first): references decoded as in an
 * attribute (HTML5).  Returns the text, NUL-terminated.
 */
static const char *
decode_value(struct buf *b, const char *v, size_t n)
{
	char enc[TEXT_ENTITY_MAX];
	size_t i = 0, used, k;

	buf_reset(b);
	buf_add(b, "", 0);
	while (i < n) {
		const char *amp = memchr(v + i, '&', n - i);
		size_t run = amp != NULL ? (size_t)(amp - v) - i : n - i;

		buf_add(b, v + i, run);
		i += run;
		if (i >= n)
			break;
		used = text_decode_entity(v + i, n - i, true, enc, &k);
		if (used == 0) {
			buf_addch(b, '&');
			i++;
		} else {
			buf_add(b, enc, k);
			i += used;
		}
	}
	return buf_str(b);
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
		if (in(scheme, schemes, NITEMS(schemes)))
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
			    in(prop, css_props, NITEMS(css_props))) {
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

/* Write ' name="value"' with the value escaped. */
static void
write_attr(struct buf *out, const char *name, const char *v, size_t n,
    bool has_value)
{
	buf_addch(out, ' ');
	buf_addstr(out, name);
	if (!has_value)
		return;
	buf_addstr(out, "=\"");
	text_escape_html(out, v, n);
	buf_addch(out, '"');
}

/* The start tag t of element name, its attributes checked. */
static void
write_start(struct buf *out, const char *name, const struct text_token *t,
    const char *base, struct buf *scratch)
{
	const struct name *look;
	struct text_attr a;
	size_t pos = 0;
	char an[64];

	buf_addch(out, '<');
	buf_addstr(out, name);
	while (text_attr_next(t, &pos, &a)) {
		const char *v = a.value != NULL ? a.value : "";
		size_t n = a.valuelen;
		char *ok;

		if (!lower_name(a.name, a.namelen, an, sizeof(an)) ||
		    strncmp(an, "on", 2) == 0 || strncmp(an, "xmlns", 5) == 0)
			continue;
		look = lookup(an, attrs, NITEMS(attrs));
		if (look == NULL) {
			/* Most attributes: as they are, re-escaped. */
			if (memchr(v, '&', n) != NULL) {
				v = decode_value(scratch, v, n);
				n = scratch->len;
			}
			write_attr(out, an, v, n, a.value != NULL);
			continue;
		}
		if (look->flags & DROP)
			continue;
		v = decode_value(scratch, v, n);
		if (look->flags & STYLE)
			ok = safe_style(v);
		else if (look->flags & SRCSET)
			ok = safe_srcset(v, base);
		else
			ok = safe_url(v, base, (look->flags & IMAGE) != 0);
		if (ok != NULL)
			write_attr(out, an, ok, strlen(ok), a.value != NULL);
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
	const struct name *el;
	struct buf scratch;
	unsigned open[NITEMS(kept)] = {0};
	size_t svg = 0, i;
	char name[32];

	buf_init(&scratch, BUF_NOLIMIT);
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
		el = lookup(name, kept, NITEMS(kept));
		if (el == NULL)
			continue;
		i = (size_t)(el - kept);
		if (t.kind == TEXT_TOK_START) {
			open[i] += el->flags & RAW;
			write_start(out, name, &t, base, &scratch);
			continue;
		}
		if (open[i] > 0)
			open[i]--;
		buf_addstr(out, "</");
		buf_addstr(out, name);
		buf_addch(out, '>');
	}
	for (i = 0; i < NITEMS(kept); i++)
		if (open[i] > 0) {
			buf_addstr(out, "</");
			buf_addstr(out, kept[i].name);
			buf_addch(out, '>');
		}
	buf_clear(&scratch);
	return out->toobig ? -1 : 0;
}
