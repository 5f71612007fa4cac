/*
 * feed_parse -- RSS 0.9x/1.0/2.0 and Atom 0.3/1.0 into struct feed, with
 * libxml2's SAX2 push parser.
 *
 * The input goes through charset.c first, so libxml2 only ever sees
 * clean UTF-8 (XML_PARSE_IGNORE_ENC): its own recovery from a bad byte
 * would switch the rest of the document to Latin-1.  No tree is built:
 * the callbacks fill one item at a time, and a field that several
 * elements can give (content:encoded, atom:content, description ...)
 * keeps the candidate of best priority, whatever the order of arrival
 * (as sfeed's enum TagId).
 *
 * Entities: the network, DTD loading and entity substitution are off.
 * References to HTML's named entities (&nbsp;, common in feeds that
 * never declare them) and to plain-text entities of the internal subset
 * are answered by get_entity() as "predefined" entities, which libxml2
 * inlines without recursion; anything else (entities holding markup or
 * other references, as in "billion laughs") is not expanded, and the
 * total expansion has a budget.
 */
#include "feed.h"

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "charset.h"
#include "date.h"
#include "feed_int.h"
#include "text.h"
#include "uri.h"
#include "utf8.h"
#include "util.h"

#define SNIFF_BYTES 1024        /* read before choosing the encoding */
#define PIECE_MIN 4096          /* smaller pieces are gathered */
#define CHUNK_MAX (256 << 10)   /* bytes given to libxml2 at a time */
#define ENTITY_BUDGET (4 << 20) /* bytes all entity references may add */
#define ENTITY_RATIO 10         /* ... and times the input read so far */
#define DECL_MAX (64 << 10)     /* longest internal entity kept */
#define DEPTH_MAX 256           /* libxml2's own limit without HUGE */
#define SECOND_SUMMARY_PRIO 4   /* a second summary as the body */

enum ns {
	NS_OTHER,
	NS_NONE, /* RSS 0.91-2.0 (and its userland namespaces) */
	NS_RSS10,
	NS_RSS090,
	NS_RDF,
	NS_ATOM10,
	NS_ATOM03,
	NS_CONTENT,
	NS_DC,
	NS_DCTERMS,
	NS_MEDIA,
	NS_ITUNES,
	NS_XHTML,
	NS_XML,
	NS_FEEDBURNER,
};

static const struct {
	const char *uri;
	enum ns ns;
} namespaces[] = {
    {"http://www.w3.org/2005/Atom", NS_ATOM10},
    {"http://purl.org/rss/1.0/modules/content/", NS_CONTENT},
    {"http://purl.org/dc/elements/1.1/", NS_DC},
    {"http://purl.org/dc/elements/1.0/", NS_DC},
    {"http://purl.org/dc/terms/", NS_DCTERMS},
    {"http://purl.org/rss/1.0/", NS_RSS10},
    {"http://www.w3.org/1999/02/22-rdf-syntax-ns#", NS_RDF},
    {"http://purl.org/atom/ns#", NS_ATOM03},
    /* Drafts of Atom before 0.3. */
    {"http://example.com/newformat#", NS_ATOM03},
    {"http://example.com/necho", NS_ATOM03},
    {"http://purl.org/echo/", NS_ATOM03},
    {"http://purl.org/pie/", NS_ATOM03},
    {"http://backend.userland.com/rss2.1", NS_NONE},
    {"http://search.yahoo.com/mrss/", NS_MEDIA},
    {"http://search.yahoo.com/mrss", NS_MEDIA},
    {"http://www.itunes.com/dtds/podcast-1.0.dtd", NS_ITUNES},
    {"http://www.itunes.com/DTDs/Podcast-1.0.dtd", NS_ITUNES},
    {"http://example.com/DTDs/PodCast-1.0.dtd", NS_ITUNES},
    {"http://www.w3.org/1999/xhtml", NS_XHTML},
    {"http://my.netscape.com/rdf/simple/0.9/", NS_RSS090},
    {"http://backend.userland.com/rss", NS_NONE},
    {"http://backend.userland.com/rss2", NS_NONE},
    {"http://blogs.law.harvard.edu/tech/rss", NS_NONE},
    {"http://purl.org/net/rss1.1#", NS_RSS10},
    {"http://www.w3.org/XML/1998/namespace", NS_XML},
    {"http://rssnamespace.org/feedburner/ext/1.0", NS_FEEDBURNER},
};

/* Prefixes feeds use without declaring them (feedparser accepts them). */
static const struct {
	const char *prefix;
	enum ns ns;
} prefixes[] = {
    {"atom", NS_ATOM10},
    {"content", NS_CONTENT},
    {"dc", NS_DC},
    {"dcterms", NS_DCTERMS},
    {"itunes", NS_ITUNES},
    {"media", NS_MEDIA},
    {"rdf", NS_RDF},
    {"xhtml", NS_XHTML},
};

/* What an element gives. */
enum field {
	F_NONE,
	F_TITLE,
	F_LINK,
	F_ID,
	F_AUTHOR,
	F_PUBLISHED,
	F_UPDATED,
	F_DATE, /* dc:date: published and updated */
	F_SUMMARY,
	F_CONTENT,
	F_CATEGORY,
	F_COMMENTS,
	F_DESCRIPTION, /* the feed's description */
	F_ENCLOSURE,   /* attributes only */
	F_ALINK,       /* atom:link, attributes only */
	F_ACATEGORY,   /* atom:category, attributes (else text) */
	F_PERSON,      /* atom:author: name and email inside */
	F_NAME,        /* atom:name, inside a person */
	F_EMAIL,       /* atom:email, inside a person */
	F_MEDIA,       /* media:content, media:thumbnail */
	F_GROUP,       /* media:group */
	F_ICATEGORY,   /* itunes:category, attribute text, nested */
	F_TAGS,        /* <tags>: categories separated by commas */
};

/* How the text of an element is to be read. */
enum mode {
	M_TEXT,  /* plain text */
	M_HTML,  /* HTML as text (escaped or in CDATA) */
	M_XHTML, /* inline XHTML elements */
	M_ATOM,  /* an Atom text construct: the type attribute says */
};

struct tag {
	enum ns ns;
	const char *name;
	enum field field;
	int prio; /* lower wins */
	enum mode mode;
};

/*
 * Elements of an item (and of the channel, for title, link and
 * description).  The order of a field's candidates is the priority.
 * Names compare without case, as feedparser and iTunes read them: feeds
 * write <Title> and <pubdate>, and CDF is all capitals.
 */
static const struct tag tags[] = {
    {NS_NONE, "title", F_TITLE, 1, M_HTML},
    {NS_RSS10, "title", F_TITLE, 1, M_HTML},
    {NS_RSS090, "title", F_TITLE, 1, M_HTML},
    {NS_ATOM10, "title", F_TITLE, 1, M_ATOM},
    {NS_ATOM03, "title", F_TITLE, 1, M_ATOM},
    {NS_DC, "title", F_TITLE, 2, M_HTML},
    {NS_MEDIA, "title", F_TITLE, 3, M_TEXT},
    {NS_ITUNES, "title", F_TITLE, 4, M_TEXT},

    {NS_NONE, "link", F_LINK, 1, M_TEXT},
    {NS_RSS10, "link", F_LINK, 1, M_TEXT},
    {NS_RSS090, "link", F_LINK, 1, M_TEXT},
    {NS_ATOM10, "link", F_ALINK, 0, M_TEXT},
    {NS_ATOM03, "link", F_ALINK, 0, M_TEXT},

    {NS_NONE, "guid", F_ID, 1, M_TEXT},
    {NS_ATOM10, "id", F_ID, 1, M_TEXT},
    {NS_ATOM03, "id", F_ID, 1, M_TEXT},
    {NS_DC, "identifier", F_ID, 3, M_TEXT},

    {NS_DC, "creator", F_AUTHOR, 1, M_HTML},
    {NS_NONE, "author", F_AUTHOR, 2, M_HTML},
    {NS_ATOM10, "author", F_PERSON, 1, M_TEXT},
    {NS_ATOM03, "author", F_PERSON, 1, M_TEXT},
    {NS_DC, "author", F_AUTHOR, 2, M_HTML},
    {NS_ITUNES, "author", F_AUTHOR, 3, M_HTML},
    {NS_DC, "contributor", F_AUTHOR, 4, M_HTML},
    {NS_ATOM10, "name", F_NAME, 1, M_TEXT},
    {NS_ATOM03, "name", F_NAME, 1, M_TEXT},
    {NS_ATOM10, "email", F_EMAIL, 1, M_TEXT},
    {NS_ATOM03, "email", F_EMAIL, 1, M_TEXT},

    {NS_NONE, "pubDate", F_PUBLISHED, 1, M_TEXT},
    {NS_ATOM10, "published", F_PUBLISHED, 1, M_TEXT},
    {NS_ATOM03, "issued", F_PUBLISHED, 1, M_TEXT},
    /* Atom 1.0's name in an Atom 0.3 feed (feeds moving between them). */
    {NS_ATOM03, "published", F_PUBLISHED, 1, M_TEXT},
    {NS_ATOM03, "created", F_PUBLISHED, 2, M_TEXT},
    {NS_DCTERMS, "issued", F_PUBLISHED, 2, M_TEXT},
    {NS_DCTERMS, "created", F_PUBLISHED, 3, M_TEXT},
    {NS_DC, "date", F_DATE, 4, M_TEXT},
    {NS_ATOM10, "updated", F_UPDATED, 1, M_TEXT},
    {NS_ATOM03, "modified", F_UPDATED, 1, M_TEXT},
    {NS_DCTERMS, "modified", F_UPDATED, 2, M_TEXT},
    {NS_ATOM03, "updated", F_UPDATED, 2, M_TEXT},

    {NS_CONTENT, "encoded", F_CONTENT, 1, M_HTML},
    {NS_XHTML, "body", F_CONTENT, 1, M_XHTML},
    {NS_ATOM10, "content", F_CONTENT, 1, M_ATOM},
    {NS_ATOM03, "content", F_CONTENT, 1, M_ATOM},
    {NS_XHTML, "div", F_CONTENT, 2, M_XHTML},
    {NS_NONE, "fullitem", F_CONTENT, 3, M_HTML},
    {NS_NONE, "body", F_CONTENT, 1, M_XHTML}, /* xhtml:body, undeclared */

    {NS_NONE, "description", F_SUMMARY, 1, M_HTML},
    /* Not RSS, but found with or instead of description. */
    {NS_NONE, "summary", F_SUMMARY, 1, M_HTML},
    /* CDF (Microsoft's Channel Definition Format, RSS's ancestor). */
    {NS_NONE, "abstract", F_SUMMARY, 2, M_HTML},
    {NS_RSS10, "description", F_SUMMARY, 1, M_HTML},
    {NS_RSS090, "description", F_SUMMARY, 1, M_HTML},
    {NS_ATOM10, "summary", F_SUMMARY, 1, M_ATOM},
    {NS_ATOM03, "summary", F_SUMMARY, 1, M_ATOM},
    {NS_DC, "description", F_SUMMARY, 2, M_HTML},
    {NS_ITUNES, "summary", F_SUMMARY, 3, M_TEXT},
    {NS_ITUNES, "subtitle", F_SUMMARY, 4, M_TEXT},
    {NS_MEDIA, "description", F_SUMMARY, 5, M_TEXT},
    /* The feed's description. */
    {NS_ATOM10, "subtitle", F_DESCRIPTION, 1, M_ATOM},
    {NS_ATOM03, "tagline", F_DESCRIPTION, 1, M_ATOM},
    {NS_ATOM03, "subtitle", F_DESCRIPTION, 1, M_ATOM},
    {NS_ATOM03, "info", F_DESCRIPTION, 6, M_ATOM},
    /* The message FeedBurner shows to a browser: a description of last
     * resort. */
    {NS_FEEDBURNER, "browserFriendly", F_DESCRIPTION, 9, M_HTML},

    {NS_NONE, "category", F_CATEGORY, 1, M_TEXT},
    {NS_NONE, "tags", F_TAGS, 1, M_TEXT},
    {NS_DC, "subject", F_CATEGORY, 1, M_TEXT},
    {NS_ATOM10, "category", F_ACATEGORY, 1, M_TEXT},
    {NS_ATOM03, "category", F_ACATEGORY, 1, M_TEXT},

    {NS_NONE, "comments", F_COMMENTS, 1, M_TEXT},
    {NS_NONE, "enclosure", F_ENCLOSURE, 1, M_TEXT},
    {NS_MEDIA, "content", F_MEDIA, 1, M_TEXT},
    {NS_MEDIA, "group", F_GROUP, 1, M_TEXT},
    {NS_ITUNES, "category", F_ICATEGORY, 1, M_TEXT},
};

/* A field's best candidate so far. */
struct cand {
	char *s;        /* owned; NULL when none */
	int prio;       /* of s */
	enum mode mode; /* M_TEXT, M_HTML or M_XHTML: how s reads */
};

/* The item being read. */
struct item {
	struct cand title, link, id, author, summary, content, comments;
	struct cand published, updated; /* s unused: see t */
	time_t pub_t, upd_t;
	char *content_base; /* base of content's links, or NULL */
	char *summary_base;
	bool guid_link;  /* id came from a guid that is a permalink */
	struct buf cats; /* NUL-separated category strings */
	size_t ncats;
	struct feed_enclosure *encs;
	size_t nencs;
	char *pname, *pemail; /* the atom:author being read */
};

/* The text of the element being collected. */
struct collect {
	bool on;
	int depth; /* of the element */
	enum field field;
	int prio;
	enum mode mode; /* M_TEXT, M_HTML or M_XHTML */
	int wrap_depth; /* xhtml: depth of a wrapping <div> left out, or 0 */
	bool base64;    /* Atom 0.3 mode="base64", Atom 1.0 media types */
	bool sniff;     /* a media type: HTML, text or nothing (sniffed) */
	bool channel;   /* a field of the channel, not of an item */
	bool person;    /* inside atom:author */
	struct buf text;
};

struct base {
	int depth;
	char *uri; /* owned */
};

/*
 * libxml2 keeps one copy of each name and namespace URI in its
 * dictionary, so the pointer identifies it: remember recent answers
 * (the element names of a feed are few).
 */
#define CACHE_SIZE 64
#define CONT_ITEM 1
#define CONT_CHANNEL 2
struct name_cache {
	const xmlChar *uri, *prefix, *name;
	enum ns ns;
	const struct tag *tag;
	int container; /* 0, or CONT_ITEM or CONT_CHANNEL */
};

static size_t
cache_slot(const void *a, const void *b)
{
	uintptr_t h = (uintptr_t)a * 31 + (uintptr_t)b;

	return (size_t)((h >> 4) ^ (h >> 10)) % CACHE_SIZE;
}

struct feed_parser;

/* Small pieces gathered on their way to next. */
struct stage {
	struct buf buf;
	void (*next)(struct feed_parser *, const char *, size_t);
};

struct feed_parser {
	xmlParserCtxtPtr ctxt;
	xmlSAXHandler sax;
	struct feed_parse_opts opts;
	char *url; /* opts.url, owned */
	struct feed *feed;
	struct charset_conv *conv;
	struct feed_fixer fix; /* between conv and libxml2 */
	struct buf head;       /* input held until the encoding is known */
	struct stage conv_out; /* converter output, to the fixer */
	struct stage xml;      /* fixer output, to libxml2 */
	size_t total;          /* input bytes */
	bool started, finished;
	bool stopped;  /* the parser was halted (too deep) */
	char *charset; /* opts.charset, owned */
	char *cause;   /* the parse is over: why (not a feed ...) */
	char *damage;  /* the first error */
	size_t nerrors;

	int depth;
	int chan_depth; /* of the channel (RSS, RDF) or feed (Atom); 0 = none */
	int item_depth; /* of the item being read; 0 = none */
	int person_depth, group_depth, icat_depth;
	bool in_item;
	struct item item;
	struct cand ftitle, flink, fdesc; /* the feed's */
	char *fauthor; /* the Atom feed's author, inherited by entries */
	struct collect col;
	struct base *bases;
	size_t nbases, basecap;

	/* Entities: declared ones (plain text only) and HTML's. */
	xmlEntityPtr *decl;
	size_t ndecl;
	xmlEntityPtr *html; /* text_entities_len slots, made on demand */
	size_t expanded;    /* bytes added by references */
	char *refused[64];  /* declared entities not expanded */
	size_t nrefused;
	struct name_cache cache[CACHE_SIZE];
};

static void item_reset(struct item *);

static enum ns
ns_lookup(const xmlChar *uri, const xmlChar *prefix)
{
	size_t i;

	if (uri == NULL) {
		if (prefix == NULL)
			return NS_NONE;
		for (i = 0; i < NITEMS(prefixes); i++)
			if (strcmp((const char *)prefix, prefixes[i].prefix) ==
			    0)
				return prefixes[i].ns;
		return NS_OTHER;
	}
	for (i = 0; i < NITEMS(namespaces); i++)
		if (strcmp((const char *)uri, namespaces[i].uri) == 0)
			return namespaces[i].ns;
	return NS_OTHER;
}

static enum ns
ns_of(const xmlChar *uri, const xmlChar *prefix)
{
	return ns_lookup(uri, prefix);
}

static const struct tag *
tag_lookup(enum ns ns, const char *name)
{
	size_t i;

	for (i = 0; i < NITEMS(tags); i++)
		if (tags[i].ns == ns && strcasecmp(tags[i].name, name) == 0)
			return &tags[i];
	return NULL;
}

/* An item (or entry), a channel, or neither. */
static int
container_of(enum ns ns, const char *name)
{
	bool rss = ns == NS_NONE || ns == NS_RSS10 || ns == NS_RSS090;

	if ((rss && strcasecmp(name, "item") == 0) ||
	    ((ns == NS_ATOM10 || ns == NS_ATOM03) &&
	        strcasecmp(name, "entry") == 0))
		return CONT_ITEM;
	return rss && strcasecmp(name, "channel") == 0 ? CONT_CHANNEL : 0;
}

/*
 * The namespace, the tag (or NULL) and the container kind of an element,
 * through the cache.
 */
static enum ns
element(struct feed_parser *p, const xmlChar *name, const xmlChar *prefix,
    const xmlChar *uri, const struct tag **t, int *container)
{
	size_t set = cache_slot(name, uri) & ~(size_t)1;
	struct name_cache *c = &p->cache[set], *pair = &p->cache[set + 1];

	/*
	 * Two ways: the second slot of a set keeps the answer a miss
	 * displaced, so two names that share a set (<comments> and
	 * <slash:comments> in a run of the bench feed) both stay.
	 */
	if (pair->name == name && pair->uri == uri && pair->prefix == prefix)
		c = pair;
	else if (c->name != name || c->uri != uri || c->prefix != prefix) {
		*pair = *c;
		c->name = name;
		c->uri = uri;
		c->prefix = prefix;
		c->ns = ns_of(uri, prefix);
		/* <feed> without a namespace: Atom all the same. */
		if (c->ns == NS_NONE && p->feed->kind == FEED_KIND_ATOM)
			c->ns = NS_ATOM10;
		c->tag = tag_lookup(c->ns, (const char *)name);
		c->container = container_of(c->ns, (const char *)name);
	}
	*t = c->tag;
	*container = c->container;
	return c->ns;
}

static void
set_damage(struct feed_parser *p, const char *msg)
{
	if (p->damage == NULL)
		p->damage = xstrdup(msg);
}

/* Append literal text to the field being collected (escaped for XHTML). */
static void
add_literal(struct feed_parser *p, const char *s, size_t n)
{
	if (p->col.mode == M_XHTML)
		text_escape_html(&p->col.text, s, n);
	else
		buf_add(&p->col.text, s, n);
}

static bool
refused(const struct feed_parser *p, const char *name)
{
	size_t i;

	for (i = 0; i < p->nrefused; i++)
		if (strcmp(p->refused[i], name) == 0)
			return true;
	return false;
}

/*
 * Recovery drops the text of a malformed reference ("AT & T",
 * "&nosuch;"); feeds are full of them, and readers show them as written,
 * so put the text back where it was.  (A stray '<' never gets here: the
 * fixer wrote it as "&lt;".)
 */
static void
restore_text(struct feed_parser *p, xmlErrorPtr e)
{
	xmlParserInputPtr in = p->ctxt != NULL ? p->ctxt->input : NULL;
	const char *msg = e->message != NULL ? e->message : "";
	const xmlChar *q;

	if (!p->col.on || in == NULL || in->cur == NULL || in->base == NULL)
		return;
	if ((e->code == XML_ERR_UNDECLARED_ENTITY ||
	        e->code == XML_WAR_UNDECLARED_ENTITY) &&
	    e->str1 != NULL) {
		if (refused(p, e->str1))
			return;
		add_literal(p, "&", 1);
		add_literal(p, e->str1, strlen(e->str1));
		add_literal(p, ";", 1);
	} else if ((e->code == XML_ERR_NAME_REQUIRED &&
	               strncmp(msg, "xmlParseEntityRef", 17) == 0) ||
	    e->code == XML_ERR_ENTITYREF_SEMICOL_MISSING) {
		/* The input is just past the name: back to its '&'. */
		for (q = in->cur; q > in->base && in->cur - q < 64; q--)
			if (q[-1] == '&') {
				add_literal(p, (const char *)q - 1,
				    (size_t)(in->cur - q) + 1);
				break;
			}
	}
}

/* Keep the first error, and put back text that recovery drops. */
static void
on_error(void *ctx, xmlErrorPtr e)
{
	struct feed_parser *p = ctx;
	char *msg;
	size_t n;

	if (e == NULL)
		return;
	if (e->domain == XML_FROM_PARSER)
		restore_text(p, e);
	if (e->level < XML_ERR_ERROR)
		return;
	p->nerrors++;
	if (p->damage != NULL || e->message == NULL)
		return;
	n = strlen(e->message);
	while (n > 0 && (e->message[n - 1] == '\n' || e->message[n - 1] == ' '))
		n--;
	msg = xasprintf("line %d: %.*s", e->line, (int)n, e->message);
	/* libxml2 quotes the document, and may cut a character in two. */
	p->damage = utf8_sanitize_str(msg, UTF8_ONELINE);
	free(msg);
}

/*
 * libxml2 2.9 drops every entity reference (even &amp;) once a document
 * is known to be ill-formed; what was recorded as damage need not cost
 * the rest of the text its ampersands.
 */
static void
recover(struct feed_parser *p)
{
	if (p->ctxt != NULL && !p->ctxt->wellFormed)
		p->ctxt->wellFormed = 1;
}

/* The attribute ns:name of a start tag, decoded; NULL when absent. */
static char *
attr(const xmlChar **attrs, int n, enum ns ns, const char *name)
{
	struct buf b;
	int i;

	for (i = 0; i < n; i++) {
		const xmlChar **a = attrs + 5 * i;
		const char *v = (const char *)a[3];
		size_t len = (size_t)(a[4] - a[3]), k, start = 0;
		enum ns ans =
		    a[2] == NULL && a[1] == NULL ? NS_OTHER : ns_of(a[2], a[1]);

		if (strcasecmp((const char *)a[0], name) != 0 || ans != ns)
			continue;
		/*
		 * Without entity substitution libxml2 writes &amp; in an
		 * attribute as "&#38;".  Any other '&' was written &amp;.
		 */
		buf_init(&b, BUF_NOLIMIT);
		buf_add(&b, "", 0);
		for (k = 0; k + 5 <= len; k++)
			if (memcmp(v + k, "&#38;", 5) == 0) {
				buf_add(&b, v + start, k + 1 - start);
				start = k + 5;
				k += 4;
			}
		buf_add(&b, v + start, len - start);
		if (!utf8_valid(b.data, b.len)) {
			char *s = utf8_sanitize_str(b.data, 0);

			buf_clear(&b);
			return s;
		}
		return buf_detach(&b, NULL);
	}
	return NULL;
}

/* The base URI in effect: xml:base, else the feed's link, else its URL. */
static const char *
base_now(const struct feed_parser *p)
{
	if (p->nbases > 0)
		return p->bases[p->nbases - 1].uri;
	if (p->flink.s != NULL)
		return p->flink.s;
	return p->url;
}

/* The base for the feed's own link: xml:base or the feed's URL. */
static const char *
base_doc(const struct feed_parser *p)
{
	if (p->nbases > 0)
		return p->bases[p->nbases - 1].uri;
	return p->url;
}

static void
push_base(struct feed_parser *p, const char *ref)
{
	char *u = uri_resolve(base_doc(p), ref);

	if (u == NULL)
		u = xstrdup(base_doc(p) != NULL ? base_doc(p) : "");
	if (p->nbases == p->basecap) {
		p->basecap = p->basecap ? 2 * p->basecap : 8;
		p->bases =
		    xreallocarray(p->bases, p->basecap, sizeof(*p->bases));
	}
	p->bases[p->nbases].depth = p->depth;
	p->bases[p->nbases].uri = u;
	p->nbases++;
}

static bool
blank(const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\n' && s[i] != '\r')
			return false;
	return true;
}

/* The text of b without leading and trailing white space; b is emptied. */
static char *
trimmed(struct buf *b)
{
	size_t i = 0, n = b->len;

	while (n > 0 && strchr(" \t\r\n", b->data[n - 1]) != NULL)
		n--;
	while (i < n && strchr(" \t\r\n", b->data[i]) != NULL)
		i++;
	if (i == 0 && n == b->len)
		return buf_detach(b, NULL);
	return xstrndup(b->data + i, n - i);
}

static char *
take_str(char **sp)
{
	char *s = *sp;

	*sp = NULL;
	return s;
}

static void
cand_set(struct cand *c, char *s, int prio, enum mode mode)
{
	free(c->s);
	c->s = s;
	c->prio = prio;
	c->mode = mode;
}

static bool
cand_wants(const struct cand *c, int prio)
{
	return c->s == NULL || prio < c->prio;
}

static void
cand_clear(struct cand *c)
{
	free(c->s);
	c->s = NULL;
	c->prio = 0;
}

/* Start collecting the text of the current element. */
static void
collect(struct feed_parser *p, enum field f, int prio, enum mode mode,
    bool channel)
{
	struct collect *c = &p->col;

	c->on = true;
	c->depth = p->depth;
	c->field = f;
	c->prio = prio;
	c->mode = mode;
	c->wrap_depth = 0;
	c->base64 = c->sniff = false;
	c->channel = channel;
	c->person = false;
	buf_reset(&c->text);
}

/*
 * The mode of an Atom text construct from its type and mode attributes;
 * *base64 for base64 content, *sniff for content of a media type.
 */
static enum mode
atom_mode(const xmlChar **attrs, int n, bool *base64, bool *sniff)
{
	char *type = attr(attrs, n, NS_OTHER, "type");
	char *mode = attr(attrs, n, NS_OTHER, "mode");
	enum mode m = M_TEXT;

	if (type == NULL || strcmp(type, "text") == 0 ||
	    strcmp(type, "text/plain") == 0)
		m = M_TEXT;
	else if (strcmp(type, "html") == 0 || strcmp(type, "text/html") == 0)
		m = M_HTML;
	else if (strcmp(type, "xhtml") == 0 ||
	    strcmp(type, "application/xhtml+xml") == 0)
		m = M_XHTML;
	else if (strchr(type, '/') != NULL && strncmp(type, "text/", 5) != 0 &&
	    strstr(type, "xml") == NULL)
		*base64 = *sniff = true; /* Atom 1.0 4.1.3.3: media types */
	if (mode != NULL) {
		if (strcmp(mode, "escaped") == 0 && m == M_XHTML)
			m = M_HTML;
		else if (strcmp(mode, "xml") == 0 && m == M_HTML)
			m = M_XHTML;
		else if (strcmp(mode, "base64") == 0)
			*base64 = true;
	}
	free(type);
	free(mode);
	return m;
}

static void
add_category(struct item *it, char *s)
{
	if (s == NULL)
		return;
	buf_add(&it->cats, s, strlen(s) + 1);
	it->ncats++;
	free(s);
}

static void
add_enclosure(struct feed_parser *p, char *url, char *type, char *length)
{
	struct item *it = &p->item;
	struct feed_enclosure *e;
	char *abs = uri_resolve(base_now(p), url);
	long long n = -1;
	const char *why;
	size_t i;

	free(url);
	if (abs == NULL)
		goto out;
	for (i = 0; i < it->nencs; i++)
		if (strcmp(it->encs[i].url, abs) == 0) {
			free(abs);
			goto out;
		}
	it->encs = xreallocarray(it->encs, it->nencs + 1, sizeof(*it->encs));
	e = &it->encs[it->nencs++];
	e->url = abs;
	e->type = type != NULL && *type != '\0' ? type : NULL;
	if (e->type == NULL)
		free(type);
	type = NULL;
	if (length != NULL) {
		char *t = text_collapse_str(length, strlen(length));

		if (t != NULL && str_tonum(t, 0, LLONG_MAX, &n, &why) == -1)
			n = -1;
		free(t);
	}
	e->length = n;
out:
	free(type);
	free(length);
}

/* An atom:link: alternate (the link), enclosure, replies. */
/* Returns a priority when the link's text is the URL, else 0. */
static int
atom_link(struct feed_parser *p, const xmlChar **attrs, int n, bool channel)
{
	int r = 0;
	char *href = attr(attrs, n, NS_OTHER, "href");
	char *rel = attr(attrs, n, NS_OTHER, "rel");
	char *type = attr(attrs, n, NS_OTHER, "type");
	struct cand *c = channel ? &p->flink : &p->item.link;
	int prio;

	if (href == NULL)
		href = attr(attrs, n, NS_RDF, "resource");
	if (href == NULL) {
		/* Early Atom put the URL in the text. */
		if (rel == NULL || strcmp(rel, "alternate") == 0)
			r = type == NULL || strcmp(type, "text/html") == 0 ? 1
			                                                   : 2;
		goto out;
	}
	if (rel == NULL || strcmp(rel, "alternate") == 0 ||
	    strcmp(rel, "http://www.iana.org/assignments/relation/alternate") ==
	        0) {
		prio = type == NULL || strcmp(type, "text/html") == 0 ||
		        strcmp(type, "application/xhtml+xml") == 0
		    ? 1
		    : 2;
		if (cand_wants(c, prio)) {
			char *u =
			    uri_resolve(channel ? base_doc(p) : base_now(p),
			        href);

			if (u != NULL)
				cand_set(c, u, prio, M_TEXT);
		}
	} else if (strcmp(rel, "enclosure") == 0 && !channel) {
		add_enclosure(p, href, type,
		    attr(attrs, n, NS_OTHER, "length"));
		href = type = NULL;
	} else if (strcmp(rel, "replies") == 0 && !channel &&
	    cand_wants(&p->item.comments, 2) &&
	    (type == NULL || strcmp(type, "text/html") == 0)) {
		char *u = uri_resolve(base_now(p), href);

		if (u != NULL)
			cand_set(&p->item.comments, u, 2, M_TEXT);
	} else if (!channel && cand_wants(c, 9)) {
		/* Some other relation: a link of last resort. */
		if (strcmp(rel, "self") != 0 && strcmp(rel, "edit") != 0) {
			char *u = uri_resolve(base_now(p), href);

			if (u != NULL)
				cand_set(c, u, 9, M_TEXT);
		}
	}
out:
	free(href);
	free(rel);
	free(type);
	return r;
}

static time_t parse_date(const char *);

/*
 * CDF gives an item's link and time as attributes (<ITEM HREF="..."
 * LASTMOD="...">), and the channel's link as its HREF: candidates that
 * elements beat.
 */
static void
cdf_attrs(struct feed_parser *p, const xmlChar **attrs, int n, bool channel)
{
	char *href = attr(attrs, n, NS_OTHER, "href");
	char *lastmod = channel ? NULL : attr(attrs, n, NS_OTHER, "lastmod");
	struct cand *link = channel ? &p->flink : &p->item.link;
	time_t t;

	if (href != NULL && cand_wants(link, 5)) {
		char *u =
		    uri_resolve(channel ? base_doc(p) : base_now(p), href);

		if (u != NULL)
			cand_set(link, u, 5, M_TEXT);
	}
	if (lastmod != NULL && cand_wants(&p->item.updated, 5)) {
		t = parse_date(lastmod);
		if (t != DATE_NONE) {
			p->item.upd_t = t;
			cand_set(&p->item.updated, xstrdup(""), 5, M_TEXT);
		}
	}
	free(href);
	free(lastmod);
}

/* Write a start tag inside XHTML (or stray markup inside HTML) text. */
static void
serialize_start(struct collect *c, const xmlChar *localname, int n,
    const xmlChar **attrs)
{
	int i;

	buf_addch(&c->text, '<');
	buf_addstr(&c->text, (const char *)localname);
	for (i = 0; i < n; i++) {
		const xmlChar **a = attrs + 5 * i;
		char *v = attr(a, 1,
		    a[2] == NULL && a[1] == NULL ? NS_OTHER : ns_of(a[2], a[1]),
		    (const char *)a[0]);

		buf_addch(&c->text, ' ');
		if (a[1] != NULL && strcmp((const char *)a[1], "xml") != 0) {
			buf_addstr(&c->text, (const char *)a[1]);
			buf_addch(&c->text, ':');
		}
		buf_addstr(&c->text, (const char *)a[0]);
		buf_addstr(&c->text, "=\"");
		text_escape_html(&c->text, v, strlen(v));
		buf_addch(&c->text, '"');
		free(v);
	}
	buf_addch(&c->text, '>');
}

static bool
is_void(const char *name)
{
	static const char *const v[] = {"area", "base", "br", "col", "embed",
	    "hr", "img", "input", "link", "meta", "param", "source", "track",
	    "wbr"};
	size_t i;

	for (i = 0; i < NITEMS(v); i++)
		if (strcmp(name, v[i]) == 0)
			return true;
	return false;
}

static int
check_root(struct feed_parser *p, enum ns ns, const char *name)
{
	if (ns == NS_NONE && strcasecmp(name, "rss") == 0) {
		p->feed->kind = FEED_KIND_RSS;
		return 0;
	}
	if (ns == NS_NONE && strcasecmp(name, "channel") == 0) {
		p->feed->kind = FEED_KIND_RSS;
		p->chan_depth = 1;
		return 0;
	}
	if (ns == NS_RDF && strcasecmp(name, "RDF") == 0) {
		p->feed->kind = FEED_KIND_RDF;
		return 0;
	}
	if ((ns == NS_ATOM10 || ns == NS_ATOM03 || ns == NS_NONE) &&
	    strcasecmp(name, "feed") == 0) {
		p->feed->kind = FEED_KIND_ATOM;
		p->chan_depth = 1;
		return 0;
	}
	if (strcasecmp(name, "html") == 0 || ns == NS_XHTML)
		p->cause = xstrdup("not a feed: HTML page");
	else
		p->cause = xasprintf("not a feed: root element <%s>", name);
	return -1;
}

/*
 * The version the root element declares (struct feed's version): RSS's
 * version attribute (its digits and dots, at most 7); RDF's default namespace
 * (RSS 0.90 or 1.0); Atom's namespace.
 */
static void
root_version(struct feed_parser *p, enum ns ns, int nns, const xmlChar **nsdecl,
    int nattrs, const xmlChar **attrs)
{
	char *v, *d = p->feed->version;
	const char *s;
	size_t n = 0;
	int i;

	switch (p->feed->kind) {
	case FEED_KIND_RSS:
		v = nattrs > 0 ? attr(attrs, nattrs, NS_OTHER, "version")
		               : NULL;
		for (s = v; s != NULL && *s != '\0' &&
		     n + 1 < sizeof(p->feed->version);
		     s++)
			if ((*s >= '0' && *s <= '9') || *s == '.')
				d[n++] = *s;
		d[n] = '\0';
		free(v);
		break;
	case FEED_KIND_RDF:
		s = "1.0";
		for (i = 0; i < nns; i++)
			if (nsdecl[2 * i] == NULL &&
			    ns_of(nsdecl[2 * i + 1], NULL) == NS_RSS090)
				s = "0.90";
		memcpy(d, s, strlen(s) + 1);
		break;
	case FEED_KIND_ATOM:
		s = ns == NS_ATOM10 ? "1.0" : ns == NS_ATOM03 ? "0.3" : "";
		memcpy(d, s, strlen(s) + 1);
		break;
	case FEED_KIND_UNKNOWN:
		break;
	}
}

static void
on_start(void *ctx, const xmlChar *localname, const xmlChar *prefix,
    const xmlChar *uri, int nns, const xmlChar **nsdecl, int nattrs,
    int ndefaulted, const xmlChar **attrs)
{
	struct feed_parser *p = ctx;
	const char *name = (const char *)localname;
	const struct tag *t;
	enum ns ns;
	enum field field;
	bool channel;
	int parent, prio, fprio, cont;
	char *xb;

	(void)ndefaulted;
	recover(p);
	p->depth++;
	if (p->depth > DEPTH_MAX) {
		set_damage(p, "elements nested too deep");
		p->stopped = true;
		xmlStopParser(p->ctxt);
		return;
	}
	if (nattrs > 0) {
		xb = attr(attrs, nattrs, NS_XML, "base");
		if (xb != NULL) {
			push_base(p, xb);
			free(xb);
		}
	}
	if (p->depth == 1) {
		ns = ns_of(uri, prefix);
		if (check_root(p, ns, name) == -1) {
			xmlStopParser(p->ctxt);
			return;
		}
		root_version(p, ns, nns, nsdecl, nattrs, attrs);
		if (p->chan_depth == 1 && nattrs > 0 &&
		    p->feed->kind == FEED_KIND_RSS)
			cdf_attrs(p, attrs, nattrs, true);
		return;
	}
	ns = element(p, localname, prefix, uri, &t, &cont);
	if (p->col.on) {
		struct collect *c = &p->col;

		if (c->mode == M_XHTML && c->wrap_depth == 0 &&
		    p->depth == c->depth + 1 && ns == NS_XHTML &&
		    strcmp(name, "div") == 0 &&
		    blank(c->text.data, c->text.len) && c->field != F_NONE) {
			c->wrap_depth = p->depth;
			return;
		}
		if (c->mode != M_TEXT)
			serialize_start(c, localname, nattrs, attrs);
		return;
	}
	if (cont != 0) {
		if (cont == CONT_ITEM && !p->in_item) {
			p->in_item = true;
			p->item_depth = p->depth;
			item_reset(&p->item);
			if (ns == NS_RSS10 || ns == NS_RSS090) {
				char *about =
				    attr(attrs, nattrs, NS_RDF, "about");

				if (about != NULL)
					cand_set(&p->item.id, about, 3, M_TEXT);
			} else if (ns == NS_NONE && nattrs > 0)
				cdf_attrs(p, attrs, nattrs, false);
			return;
		}
		if (cont == CONT_CHANNEL && p->chan_depth == 0) {
			p->chan_depth = p->depth;
			if (ns == NS_NONE && nattrs > 0)
				cdf_attrs(p, attrs, nattrs, true);
			return;
		}
	}
	if (p->in_item) {
		parent = p->item_depth;
		channel = false;
	} else if (p->chan_depth > 0) {
		parent = p->chan_depth;
		channel = true;
	} else
		return;
	if (t == NULL)
		return;
	field = t->field;
	fprio = t->prio;
	if (p->depth != parent + 1) {
		/* Deeper: only atom:author's name/email, media:group's. */
		if (p->person_depth > 0 && p->depth == p->person_depth + 1 &&
		    (t->field == F_NAME || t->field == F_EMAIL)) {
			collect(p, t->field, 1, M_TEXT, channel);
			p->col.person = true;
		} else if (p->icat_depth > 0 && !channel &&
		    p->depth == p->icat_depth + 1 && t->field == F_ICATEGORY) {
			char *text = attr(attrs, nattrs, NS_OTHER, "text");

			if (text != NULL) {
				add_category(&p->item,
				    text_collapse_str(text, strlen(text)));
				free(text);
			}
		} else if (p->group_depth > 0 && !channel &&
		    p->depth == p->group_depth + 1 && t->field == F_MEDIA) {
			goto media;
		}
		return;
	}
	if (channel) {
		switch (t->field) {
		case F_TITLE:
			if (cand_wants(&p->ftitle, t->prio))
				goto text;
			break;
		case F_LINK:
			if (cand_wants(&p->flink, t->prio))
				goto text;
			break;
		case F_ALINK:
			prio = atom_link(p, attrs, nattrs, true);
			if (prio > 0 && cand_wants(&p->flink, prio)) {
				collect(p, F_LINK, prio, M_TEXT, true);
				return;
			}
			break;
		case F_SUMMARY:
		case F_DESCRIPTION:
			if (cand_wants(&p->fdesc, t->prio))
				goto text;
			break;
		case F_PERSON:
			if (p->feed->kind == FEED_KIND_ATOM &&
			    p->fauthor == NULL)
				p->person_depth = p->depth;
			break;
		default:
			break;
		}
		return;
	}
	switch (t->field) {
	case F_TITLE:
		if (cand_wants(&p->item.title, t->prio))
			goto text;
		break;
	case F_LINK:
		if (cand_wants(&p->item.link, t->prio))
			goto text;
		break;
	case F_ID:
		if (cand_wants(&p->item.id, t->prio)) {
			char *perma =
			    attr(attrs, nattrs, NS_OTHER, "isPermaLink");

			p->item.guid_link = t->ns == NS_NONE &&
			    (perma == NULL || strcmp(perma, "false") != 0);
			free(perma);
			goto text;
		}
		break;
	case F_AUTHOR:
		if (cand_wants(&p->item.author, t->prio))
			goto text;
		break;
	case F_PERSON:
		if (cand_wants(&p->item.author, t->prio))
			p->person_depth = p->depth;
		break;
	case F_PUBLISHED:
	case F_DATE:
		if (cand_wants(&p->item.published, t->prio - 1) ||
		    (t->field == F_DATE &&
		        cand_wants(&p->item.updated, t->prio - 1)))
			goto text;
		break;
	case F_UPDATED:
		if (cand_wants(&p->item.updated, t->prio - 1))
			goto text;
		break;
	case F_SUMMARY:
		if ((p->opts.flags & FEED_PARSE_NO_SUMMARY) != 0)
			break;
		if (cand_wants(&p->item.summary, t->prio))
			goto text;
		/*
		 * A second summary (description and summary both, in either
		 * order) is the body when the item has no better one, rather
		 * than lost (feedparser reads it so too).
		 */
		if (t->prio == 1 && p->item.summary.prio == 1 &&
		    (p->opts.flags & FEED_PARSE_NO_CONTENT) == 0 &&
		    cand_wants(&p->item.content, SECOND_SUMMARY_PRIO)) {
			field = F_CONTENT;
			fprio = SECOND_SUMMARY_PRIO;
			goto text;
		}
		break;
	case F_CONTENT:
		if ((p->opts.flags & FEED_PARSE_NO_CONTENT) != 0)
			break;
		if (cand_wants(&p->item.content, t->prio))
			goto text;
		break;
	case F_CATEGORY:
	case F_TAGS:
		goto text;
	case F_ACATEGORY: {
		char *term = attr(attrs, nattrs, NS_OTHER, "term");

		if (term == NULL)
			term = attr(attrs, nattrs, NS_OTHER, "label");
		if (term != NULL) {
			add_category(&p->item,
			    text_collapse_str(term, strlen(term)));
			free(term);
			break;
		}
		goto text; /* Atom 0.3: the term is the text */
	}
	case F_COMMENTS:
		if (cand_wants(&p->item.comments, t->prio))
			goto text;
		break;
	case F_ENCLOSURE:
		add_enclosure(p, attr(attrs, nattrs, NS_OTHER, "url"),
		    attr(attrs, nattrs, NS_OTHER, "type"),
		    attr(attrs, nattrs, NS_OTHER, "length"));
		break;
	case F_ALINK:
		prio = atom_link(p, attrs, nattrs, false);
		if (prio > 0 && cand_wants(&p->item.link, prio)) {
			collect(p, F_LINK, prio, M_TEXT, false);
			return;
		}
		break;
	case F_ICATEGORY: {
		char *text = attr(attrs, nattrs, NS_OTHER, "text");

		if (text != NULL) {
			add_category(&p->item,
			    text_collapse_str(text, strlen(text)));
			free(text);
		}
		/* A subcategory is nested: take it too. */
		p->icat_depth = p->depth;
		break;
	}
	case F_GROUP:
		p->group_depth = p->depth;
		break;
	case F_MEDIA:
		goto media;
	default:
		break;
	}
	return;
media : {
	char *url = attr(attrs, nattrs, NS_OTHER, "url");
	char *type = attr(attrs, nattrs, NS_OTHER, "type");

	/* Only media:content that is audio or video is an enclosure: an
	 * image is the post's picture, not a download. */
	if (url != NULL && type != NULL &&
	    (strncmp(type, "audio/", 6) == 0 ||
	        strncmp(type, "video/", 6) == 0))
		add_enclosure(p, url, type,
		    attr(attrs, nattrs, NS_OTHER, "fileSize"));
	else {
		free(url);
		free(type);
	}
	return;
}
text : {
	bool b64 = false, sniff = false;
	enum mode m = t->mode;

	if (m == M_ATOM)
		m = atom_mode(attrs, nattrs, &b64, &sniff);
	collect(p, field, fprio, m, channel);
	p->col.base64 = b64;
	/* Only atom:content may have a media type (RFC 4287 4.1.3.3); in a
	 * text construct another type reads as "text" (3.1.1). */
	p->col.sniff = sniff && field == F_CONTENT;
}
	if (field == F_CONTENT || field == F_SUMMARY) {
		char **bp = field == F_CONTENT ? &p->item.content_base
		                               : &p->item.summary_base;
		const char *b = base_now(p);

		free(*bp);
		*bp = b != NULL ? xstrdup(b) : NULL;
	}
}

static void
on_chars(void *ctx, const xmlChar *s, int len)
{
	struct feed_parser *p = ctx;
	struct collect *c = &p->col;

	if (!c->on)
		return;
	recover(p);
	if (c->mode == M_XHTML)
		text_escape_html(&c->text, (const char *)s, (size_t)len);
	else
		buf_add(&c->text, s, (size_t)len);
}

static int
b64val(int c)
{
	if (c >= 'A' && c <= 'Z')
		return c - 'A';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 26;
	if (c >= '0' && c <= '9')
		return c - '0' + 52;
	if (c == '+')
		return 62;
	if (c == '/')
		return 63;
	return -1;
}

/* Decode base64 text in place (Atom 0.3 mode="base64"). */
static void
unbase64(struct buf *b)
{
	size_t i, o = 0;
	unsigned v = 0;
	int bits = 0;

	for (i = 0; i < b->len; i++) {
		int d = b64val((unsigned char)b->data[i]);

		if (d < 0)
			continue;
		v = (v << 6) | (unsigned)d;
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			b->data[o++] = (char)((v >> bits) & 0xFF);
		}
	}
	buf_truncate(b, o);
}

/* Make b valid UTF-8 (bytes from base64 can be anything). */
static void
valid_utf8(struct buf *b)
{
	char *s;

	if (utf8_valid(b->data, b->len))
		return;
	s = utf8_sanitize_str(b->data, 0);
	buf_reset(b);
	buf_addstr(b, s);
	free(s);
}

/*
 * Content of a media type other than text and HTML (application/octet-
 * stream ...): read as a browser reads a type it does not know (WHATWG
 * MIME Sniffing 7.1): HTML when it starts as HTML does, text when it
 * holds no binary byte, else nothing.  (Browsers sniff no HTML there
 * because it could run scripts; this HTML is sanitized.)  Returns the
 * mode, or -1 for binary content.
 */
static int
sniff_mode(const struct buf *b)
{
	static const char *const html[] = {"<!doctype html", "<html", "<head",
	    "<script", "<iframe", "<h1", "<div", "<font", "<table", "<a",
	    "<style", "<title", "<b", "<body", "<br", "<p", "<!--"};
	const char *s = b->data != NULL ? b->data : "";
	size_t i = 0, k, n;

	for (k = 0; k < b->len; k++) {
		unsigned char c = (unsigned char)s[k];

		if (c <= 0x08 || c == 0x0B || (c >= 0x0E && c <= 0x1A) ||
		    (c >= 0x1C && c <= 0x1F))
			return -1;
	}
	while (i < b->len && strchr("\t\n\f\r ", s[i]) != NULL)
		i++;
	for (k = 0; k < NITEMS(html); k++) {
		n = strlen(html[k]);
		if (i + n < b->len && strncasecmp(s + i, html[k], n) == 0 &&
		    (s[i + n] == ' ' || s[i + n] == '>'))
			return M_HTML;
	}
	return M_TEXT;
}

/* Plain text of collected text read in mode; NULL when empty. */
static char *
plain(const char *s, size_t len, enum mode mode)
{
	if (mode == M_TEXT)
		return text_collapse_str(s, len);
	return text_from_html(s, len);
}

/*
 * Keep a field whose element is there but holds no text as "" with a
 * priority any real candidate beats: the feed says it is empty.
 */
#define EMPTY_PRIO 100

static void
cand_text(struct cand *c, char *v, int prio)
{
	if (v == NULL) {
		if (!cand_wants(c, prio + EMPTY_PRIO))
			return;
		v = xstrdup("");
		prio += EMPTY_PRIO;
	}
	cand_set(c, v, prio, M_TEXT);
}

static time_t
parse_date(const char *s)
{
	time_t t;
	char *d = text_collapse_str(s, strlen(s));

	if (d == NULL || date_parse(d, &t) == -1)
		t = DATE_NONE;
	free(d);
	return t;
}

/* The element whose text was collected ends: keep what it gave. */
static void
field_end(struct feed_parser *p)
{
	struct collect *c = &p->col;
	struct item *it = &p->item;
	const char *s;
	char *v;

	c->on = false;
	if (c->base64)
		unbase64(&c->text);
	if (c->sniff) {
		int m = sniff_mode(&c->text);

		if (m == -1)
			return; /* an image or other binary: no text */
		c->mode = (enum mode)m;
	}
	/*
	 * Bytes from base64 can be anything, and libxml2's recovery from
	 * broken markup can cut a character in two ("<entry <id><su...").
	 */
	valid_utf8(&c->text);
	if (text_has_c1(c->text.data, c->text.len)) {
		struct buf fixed;

		buf_init(&fixed, BUF_NOLIMIT);
		text_fix_c1(&fixed, c->text.data, c->text.len);
		buf_clear(&c->text);
		c->text = fixed;
	}
	s = buf_str(&c->text);
	if (c->channel && !c->person) {
		switch (c->field) {
		case F_TITLE:
			cand_text(&p->ftitle, plain(s, c->text.len, c->mode),
			    c->prio);
			break;
		case F_LINK:
			v = uri_resolve(base_doc(p), s);
			if (v != NULL)
				cand_set(&p->flink, v, c->prio, M_TEXT);
			break;
		case F_SUMMARY:
		case F_DESCRIPTION:
			cand_text(&p->fdesc, plain(s, c->text.len, c->mode),
			    c->prio);
			break;
		default:
			break;
		}
		return;
	}
	switch (c->field) {
	case F_TITLE:
		cand_text(&it->title, plain(s, c->text.len, c->mode), c->prio);
		break;
	case F_LINK:
		v = uri_resolve(base_now(p), s);
		if (v != NULL)
			cand_set(&it->link, v, c->prio, M_TEXT);
		break;
	case F_ID:
		v = text_collapse_str(s, c->text.len);
		if (v != NULL)
			cand_set(&it->id, v, c->prio, M_TEXT);
		break;
	case F_AUTHOR:
		v = plain(s, c->text.len, c->mode);
		if (v != NULL)
			cand_set(&it->author, v, c->prio, M_TEXT);
		break;
	case F_NAME:
	case F_EMAIL: {
		char **dst = c->field == F_NAME ? &it->pname : &it->pemail;

		v = text_collapse_str(s, c->text.len);
		if (v != NULL && *dst == NULL)
			*dst = v;
		else
			free(v);
		break;
	}
	case F_PUBLISHED:
	case F_UPDATED:
	case F_DATE: {
		time_t t = parse_date(s);

		if (t == DATE_NONE)
			break;
		/* Of equal priority, the last wins (as in feedparser). */
		if (c->field != F_UPDATED &&
		    cand_wants(&it->published, c->prio - 1)) {
			it->pub_t = t;
			cand_set(&it->published, xstrdup(""), c->prio, M_TEXT);
		}
		if (c->field != F_PUBLISHED &&
		    cand_wants(&it->updated, c->prio - 1)) {
			it->upd_t = t;
			cand_set(&it->updated, xstrdup(""), c->prio, M_TEXT);
		}
		break;
	}
	case F_SUMMARY:
	case F_CONTENT: {
		struct cand *cd =
		    c->field == F_SUMMARY ? &it->summary : &it->content;

		if (blank(c->text.data, c->text.len)) {
			if (cand_wants(cd, c->prio + EMPTY_PRIO))
				cand_set(cd, xstrdup(""), c->prio + EMPTY_PRIO,
				    c->mode);
			break;
		}
		cand_set(cd, trimmed(&c->text), c->prio, c->mode);
		break;
	}
	case F_CATEGORY:
	case F_ACATEGORY:
		add_category(it, plain(s, c->text.len, M_TEXT));
		break;
	case F_TAGS:
		while (*s != '\0') {
			size_t n = strcspn(s, ",");

			add_category(it, text_collapse_str(s, n));
			s += n;
			if (*s == ',')
				s++;
		}
		break;
	case F_COMMENTS:
		v = uri_resolve(base_now(p), s);
		if (v != NULL)
			cand_set(&it->comments, v, c->prio, M_TEXT);
		break;
	default:
		break;
	}
}

static void
person_end(struct feed_parser *p, bool channel)
{
	struct item *it = &p->item;
	char *who = it->pname != NULL ? it->pname : it->pemail;
	char *both = NULL;

	p->person_depth = 0;
	if (it->pname != NULL && it->pemail != NULL)
		who = both = xasprintf("%s (%s)", it->pname, it->pemail);
	if (who != NULL) {
		if (channel) {
			if (p->fauthor == NULL)
				p->fauthor = xstrdup(who);
		} else if (cand_wants(&it->author, 1))
			cand_set(&it->author, xstrdup(who), 1, M_TEXT);
	}
	free(both);
	free(it->pname);
	free(it->pemail);
	it->pname = it->pemail = NULL;
}

static void
item_reset(struct item *it)
{
	cand_clear(&it->title);
	cand_clear(&it->link);
	cand_clear(&it->id);
	cand_clear(&it->author);
	cand_clear(&it->summary);
	cand_clear(&it->content);
	cand_clear(&it->comments);
	cand_clear(&it->published);
	cand_clear(&it->updated);
	it->pub_t = it->upd_t = DATE_NONE;
	free(it->content_base);
	free(it->summary_base);
	it->content_base = it->summary_base = NULL;
	it->guid_link = false;
	buf_reset(&it->cats);
	it->ncats = 0;
	for (size_t i = 0; i < it->nencs; i++) {
		free(it->encs[i].url);
		free(it->encs[i].type);
	}
	free(it->encs);
	it->encs = NULL;
	it->nencs = 0;
	free(it->pname);
	free(it->pemail);
	it->pname = it->pemail = NULL;
}

static char *
take(struct cand *c)
{
	char *s = c->s;

	c->s = NULL;
	return s;
}

/*
 * The HTML of a body candidate: text escaped, HTML sanitized (with its
 * links made absolute against base).
 */
static char *
body_html(struct cand *c, const char *base)
{
	struct buf b;
	char *s;
	size_t n;

	buf_init(&b, BUF_NOLIMIT);
	if (c->mode == M_TEXT)
		text_escape_html(&b, c->s, strlen(c->s));
	else
		feed_sanitize_html(&b, c->s, strlen(c->s), base);
	cand_clear(c);
	/* A feed holds thousands of these: no room to spare in each. */
	s = buf_detach(&b, &n);
	return xreallocarray(s, n + 1, 1);
}

/* The item ends: move it into the feed. */
static void
item_end(struct feed_parser *p)
{
	struct item *it = &p->item;
	struct feed *f = p->feed;
	struct feed_item *out;
	bool no_content = (p->opts.flags & FEED_PARSE_NO_CONTENT) != 0;
	size_t i;
	const char *c;

	p->in_item = false;
	p->item_depth = 0;
	if ((f->nitems & (f->nitems - 1)) == 0)
		f->items = xreallocarray(f->items,
		    f->nitems == 0 ? 1 : 2 * f->nitems, sizeof(*f->items));
	out = &f->items[f->nitems++];
	memset(out, 0, sizeof(*out));
	out->title = take(&it->title);
	out->link = take(&it->link);
	if (out->link == NULL && it->guid_link && it->id.s != NULL &&
	    uri_is_absolute(it->id.s))
		out->link = uri_resolve(base_now(p), it->id.s);
	out->id = take(&it->id);
	if (out->id == NULL && out->link != NULL)
		out->id = xstrdup(out->link);
	out->author = take(&it->author);
	if (out->author == NULL && p->fauthor != NULL)
		out->author = xstrdup(p->fauthor);
	out->published = it->published.s != NULL ? it->pub_t : DATE_NONE;
	out->updated = it->updated.s != NULL ? it->upd_t : DATE_NONE;
	out->comments = take(&it->comments);
	if (it->summary.s != NULL)
		out->summary = plain(it->summary.s, strlen(it->summary.s),
		    it->summary.mode);
	else if (it->content.s != NULL && !no_content)
		out->summary = plain(it->content.s, strlen(it->content.s),
		    it->content.mode);
	if (out->summary == NULL &&
	    (it->summary.s != NULL || (it->content.s != NULL && !no_content)))
		out->summary = xstrdup("");
	if (!no_content) {
		struct cand *body = it->content.s != NULL ? &it->content
		    : it->summary.s != NULL               ? &it->summary
		                                          : NULL;

		if (body != NULL) {
			out->base =
			    take_str(body == &it->content ? &it->content_base
			                                  : &it->summary_base);
			if (out->base == NULL && base_now(p) != NULL)
				out->base = xstrdup(base_now(p));
			out->content_html = body_html(body, out->base);
		}
	}
	if (it->ncats > 0) {
		out->categories =
		    xreallocarray(NULL, it->ncats, sizeof(*out->categories));
		for (i = 0, c = it->cats.data; i < it->ncats; i++) {
			out->categories[i] = xstrdup(c);
			c += strlen(c) + 1;
		}
		out->ncategories = it->ncats;
	}
	out->enclosures = it->encs;
	out->nenclosures = it->nencs;
	it->encs = NULL;
	it->nencs = 0;
	item_reset(it);
}

static void
on_end(void *ctx, const xmlChar *localname, const xmlChar *prefix,
    const xmlChar *uri)
{
	struct feed_parser *p = ctx;
	struct collect *c = &p->col;

	(void)prefix;
	(void)uri;
	recover(p);
	if (c->on) {
		if (p->depth == c->depth)
			field_end(p);
		else if (p->depth == c->wrap_depth)
			c->wrap_depth = -1; /* the wrapper is closed */
		else if (c->mode != M_TEXT &&
		    !is_void((const char *)localname)) {
			buf_addstr(&c->text, "</");
			buf_addstr(&c->text, (const char *)localname);
			buf_addch(&c->text, '>');
		}
	} else if (p->depth == p->person_depth)
		person_end(p, !p->in_item);
	else if (p->depth == p->group_depth)
		p->group_depth = 0;
	else if (p->depth == p->icat_depth)
		p->icat_depth = 0;
	else if (p->in_item && p->depth == p->item_depth)
		item_end(p);
	else if (p->depth == p->chan_depth && p->feed->kind != FEED_KIND_ATOM)
		p->chan_depth = 0;
	while (p->nbases > 0 && p->bases[p->nbases - 1].depth == p->depth) {
		free(p->bases[p->nbases - 1].uri);
		p->nbases--;
	}
	p->depth--;
}

static xmlEntityPtr
make_entity(const char *name, const char *content, size_t len)
{
	xmlEntityPtr e = xcalloc(1, sizeof(*e));

	e->type = XML_ENTITY_DECL;
	e->name = xmlStrdup((const xmlChar *)name);
	e->content = xmlStrndup((const xmlChar *)content, (int)len);
	e->length = (int)len;
	/* "Predefined": inlined as text, never parsed again. */
	e->etype = XML_INTERNAL_PREDEFINED_ENTITY;
	return e;
}

static void
free_entity(xmlEntityPtr e)
{
	if (e == NULL)
		return;
	xmlFree((xmlChar *)(uintptr_t)e->name);
	xmlFree(e->content);
	xmlFree(e->orig);
	free(e);
}

/* <!ENTITY name "text">: keep it when it is plain text. */
static void
on_entity_decl(void *ctx, const xmlChar *name, int type,
    const xmlChar *publicid, const xmlChar *systemid, xmlChar *content)
{
	struct feed_parser *p = ctx;
	size_t i, len;

	(void)publicid;
	(void)systemid;
	if (type == XML_INTERNAL_PARAMETER_ENTITY ||
	    type == XML_EXTERNAL_PARAMETER_ENTITY)
		return;
	for (i = 0; i < p->ndecl; i++)
		if (strcmp((const char *)p->decl[i]->name,
		        (const char *)name) == 0)
			return; /* the first declaration binds (XML 1.0 4.2) */
	len = content != NULL ? strlen((const char *)content) : 0;
	if (type != XML_INTERNAL_GENERAL_ENTITY || content == NULL ||
	    len > DECL_MAX || strchr((const char *)content, '&') != NULL ||
	    strchr((const char *)content, '<') != NULL || p->ndecl >= 1024) {
		/* Not expanded, and not shown as "&name;" either. */
		if (p->nrefused < NITEMS(p->refused))
			p->refused[p->nrefused++] = xstrdup((const char *)name);
		return;
	}
	p->decl = xreallocarray(p->decl, p->ndecl + 1, sizeof(*p->decl));
	p->decl[p->ndecl++] =
	    make_entity((const char *)name, (const char *)content, len);
}

static xmlEntityPtr
on_get_entity(void *ctx, const xmlChar *xname)
{
	struct feed_parser *p = ctx;
	const char *name = (const char *)xname;
	xmlEntityPtr e = NULL;
	size_t i, lo = 0, hi = text_entities_len;

	for (i = 0; i < p->ndecl; i++)
		if (strcmp((const char *)p->decl[i]->name, name) == 0) {
			e = p->decl[i];
			break;
		}
	while (e == NULL && lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(name, text_entities[mid].name);

		if (c < 0)
			hi = mid;
		else if (c > 0)
			lo = mid + 1;
		else {
			if (p->html == NULL)
				p->html = xcalloc(text_entities_len,
				    sizeof(*p->html));
			if (p->html[mid] == NULL)
				p->html[mid] =
				    make_entity(name, text_entities[mid].utf8,
				        strlen(text_entities[mid].utf8));
			e = p->html[mid];
		}
	}
	if (e == NULL)
		return NULL;
	/*
	 * libxml2's own amplification rule (XML_PARSER_NON_LINEAR): one
	 * 50 KB entity referenced 20,000 times (quadratic-blowup.xml) stops
	 * at ten times the document, not at the budget.
	 */
	if (p->expanded > ENTITY_BUDGET ||
	    p->expanded + (size_t)e->length > ENTITY_RATIO * p->total) {
		set_damage(p, "too many entity references: not expanded");
		return NULL;
	}
	p->expanded += (size_t)e->length;
	return e;
}

/* libxml2 gave up on the document, or the parse is over. */
static bool
halted(const struct feed_parser *p)
{
	return p->cause != NULL || p->stopped ||
	    (p->ctxt != NULL && p->ctxt->instate == XML_PARSER_EOF);
}

/*
 * Each stage of the pipeline (converter, fixer, libxml2) gathers the
 * small pieces it is given before it passes them on: a call further on
 * costs more than a copy.
 */
static void
stage_flush(struct feed_parser *p, struct stage *st)
{
	if (st->buf.len > 0 && !halted(p))
		st->next(p, st->buf.data, st->buf.len);
	buf_reset(&st->buf);
}

static void
stage_push(struct feed_parser *p, struct stage *st, const char *s, size_t n)
{
	if (halted(p))
		return;
	if (n < PIECE_MIN) {
		buf_add(&st->buf, s, n);
		if (st->buf.len >= 16 * PIECE_MIN)
			stage_flush(p, st);
		return;
	}
	stage_flush(p, st);
	st->next(p, s, n);
}

static void
to_libxml2(struct feed_parser *p, const char *s, size_t n)
{
	/*
	 * A block at a time: libxml2's push parser gives up on one huge
	 * chunk ("Huge input lookup" past 10 MB) that it takes in blocks.
	 */
	while (n > 0 && !halted(p)) {
		int k = n > CHUNK_MAX ? CHUNK_MAX : (int)n;

		xmlParseChunk(p->ctxt, s, k, 0);
		s += k;
		n -= (size_t)k;
	}
}

static void
to_fixer(struct feed_parser *p, const char *s, size_t n)
{
	feed_fixer_push(&p->fix, s, n);
}

/* Fixer output: to libxml2. */
static void
fixed(void *arg, const char *s, size_t n)
{
	struct feed_parser *p = arg;

	stage_push(p, &p->xml, s, n);
}

/* Converter output: to the fixer. */
static void
emit(void *arg, const char *s, size_t n)
{
	struct feed_parser *p = arg;

	stage_push(p, &p->conv_out, s, n);
}

struct feed_parser *
feed_parser_new(const struct feed_parse_opts *opts)
{
	struct feed_parser *p = xcalloc(1, sizeof(*p));

	if (opts != NULL)
		p->opts = *opts;
	if (p->opts.url != NULL)
		p->url = xstrdup(p->opts.url);
	if (p->opts.charset != NULL)
		p->charset = xstrdup(p->opts.charset);
	p->opts.url = p->opts.charset = NULL; /* borrowed: copied */
	p->feed = xcalloc(1, sizeof(*p->feed));
	feed_fixer_init(&p->fix, fixed, p);
	p->fix.skip_bodies = (p->opts.flags & FEED_PARSE_NO_CONTENT) != 0;
	p->fix.skip_summaries = (p->opts.flags & FEED_PARSE_NO_SUMMARY) != 0;
	buf_init(&p->head, BUF_NOLIMIT);
	buf_init(&p->conv_out.buf, BUF_NOLIMIT);
	p->conv_out.next = to_fixer;
	buf_init(&p->xml.buf, BUF_NOLIMIT);
	p->xml.next = to_libxml2;
	buf_init(&p->col.text, BUF_NOLIMIT);
	buf_init(&p->item.cats, BUF_NOLIMIT);
	p->item.pub_t = p->item.upd_t = DATE_NONE;
	return p;
}

/* The encoding is known: set up the converter and libxml2. */
static void
start(struct feed_parser *p)
{
	char name[CHARSET_NAME_MAX];
	size_t bom;
	xmlSAXHandler *h = &p->sax;

	charset_sniff(p->head.data != NULL ? p->head.data : "", p->head.len,
	    p->charset, name, &bom);
	p->conv = charset_conv_new(name, emit, p);
	if (charset_conv_unknown(p->conv)) {
		/* The name is the document's bytes: any bytes at all. */
		char *n = utf8_sanitize_str(name, UTF8_ONELINE);
		char *m = xasprintf("unknown encoding %s, read as UTF-8", n);

		set_damage(p, m);
		free(m);
		free(n);
	}
	memset(h, 0, sizeof(*h));
	h->initialized = XML_SAX2_MAGIC;
	h->startElementNs = on_start;
	h->endElementNs = on_end;
	h->characters = on_chars;
	h->cdataBlock = on_chars;
	h->getEntity = on_get_entity;
	h->entityDecl = on_entity_decl;
	h->serror = on_error;
	p->ctxt = xmlCreatePushParserCtxt(h, p, NULL, 0, NULL);
	if (p->ctxt == NULL)
		die("out of memory (libxml2 parser)");
	xmlCtxtUseOptions(p->ctxt,
	    XML_PARSE_NONET | XML_PARSE_RECOVER | XML_PARSE_NOERROR |
	        XML_PARSE_NOWARNING | XML_PARSE_IGNORE_ENC);
	p->started = true;
	charset_conv_push(p->conv,
	    p->head.data != NULL ? p->head.data + bom : "", p->head.len - bom,
	    false);
	buf_clear(&p->head);
}

int
feed_parser_push(struct feed_parser *p, const char *data, size_t len)
{
	if (p->cause != NULL || p->finished)
		return -1;
	p->total += len;
	if (p->opts.max_size > 0 && p->total > p->opts.max_size) {
		p->cause =
		    xasprintf("feed larger than %zu bytes", p->opts.max_size);
		return -1;
	}
	if (!p->started) {
		buf_add(&p->head, data, len);
		if (p->head.len >= SNIFF_BYTES)
			start(p);
	} else if (!halted(p))
		charset_conv_push(p->conv, data, len, false);
	return p->cause != NULL ? -1 : 0;
}

static void
finish_feed(struct feed_parser *p)
{
	struct feed *f = p->feed;

	f->title = take(&p->ftitle);
	f->link = take(&p->flink);
	f->description = take(&p->fdesc);
	if (p->url != NULL)
		f->url = xstrdup(p->url);
}

int
feed_parser_finish(struct feed_parser *p, struct feed **out, char **cause)
{
	size_t first, nbad;

	if (p->finished) {
		*cause = xstrdup("parse already finished");
		return -1;
	}
	p->finished = true;
	if (p->cause == NULL && !p->started)
		start(p);
	if (p->cause == NULL) {
		charset_conv_push(p->conv, "", 0, true);
		stage_flush(p, &p->conv_out);
		feed_fixer_finish(&p->fix);
		stage_flush(p, &p->xml);
		if (p->cause == NULL && !p->stopped) {
			size_t before = p->nerrors;

			xmlParseChunk(p->ctxt, NULL, 0, 1);
			/* Errors only at the very end, inside an element: the
			 * document was cut short (a truncated download). */
			if (before == 0 && p->depth > 0) {
				free(p->damage);
				p->damage =
				    xasprintf("the document is cut short "
				              "(line %d)",
				        p->ctxt->input != NULL
				            ? p->ctxt->input->line
				            : 0);
			}
		}
	}
	if (p->cause == NULL && p->feed->kind == FEED_KIND_UNKNOWN)
		p->cause = xstrdup(p->total == 0 ? "not a feed: empty document"
		                                 : "not a feed: not XML");
	if (p->cause == NULL && p->in_item)
		set_damage(p, "the document ends inside an item");
	if (p->fix.nfixed > 0 && p->damage == NULL)
		p->damage = xasprintf("%zu '<' starting no tag read as text "
		                      "(first at byte %zu)",
		    p->fix.nfixed, p->fix.first);
	if (p->fix.nbal > 0 && p->damage == NULL)
		p->damage = xasprintf("%zu end tag%s out of place "
		                      "(first at byte %zu)",
		    p->fix.nbal, p->fix.nbal == 1 ? "" : "s", p->fix.firstbal);
	nbad = p->conv != NULL ? charset_conv_errors(p->conv, &first) : 0;
	if (nbad > 0) {
		char *m = xasprintf("%zu invalid byte%s (first at byte %zu) "
		                    "replaced",
		    nbad, nbad == 1 ? "" : "s", first);

		if (p->damage == NULL)
			p->damage = m;
		else
			free(m);
	}
	if (p->cause == NULL && p->damage != NULL && p->feed->nitems == 0)
		p->cause = xasprintf("damaged feed, nothing could be read: %s",
		    p->damage);
	if (p->cause != NULL) {
		*cause = p->cause;
		p->cause = NULL;
		return -1;
	}
	finish_feed(p);
	p->feed->damage = p->damage;
	p->damage = NULL;
	*out = p->feed;
	p->feed = NULL;
	return 0;
}

void
feed_parser_free(struct feed_parser *p)
{
	size_t i;

	if (p == NULL)
		return;
	if (p->ctxt != NULL) {
		/* libxml2 keeps entity declarations in a document of its own
		 * even in SAX mode ("SAX compatibility mode"). */
		if (p->ctxt->myDoc != NULL)
			xmlFreeDoc(p->ctxt->myDoc);
		xmlFreeParserCtxt(p->ctxt);
	}
	charset_conv_free(p->conv);
	feed_fixer_clear(&p->fix);
	feed_free(p->feed);
	buf_clear(&p->head);
	buf_clear(&p->conv_out.buf);
	buf_clear(&p->xml.buf);
	buf_clear(&p->col.text);
	item_reset(&p->item);
	buf_clear(&p->item.cats);
	cand_clear(&p->ftitle);
	cand_clear(&p->flink);
	cand_clear(&p->fdesc);
	free(p->fauthor);
	for (i = 0; i < p->nbases; i++)
		free(p->bases[i].uri);
	free(p->bases);
	for (i = 0; i < p->ndecl; i++)
		free_entity(p->decl[i]);
	for (i = 0; i < p->nrefused; i++)
		free(p->refused[i]);
	free(p->decl);
	if (p->html != NULL)
		for (i = 0; i < text_entities_len; i++)
			free_entity(p->html[i]);
	free(p->html);
	free(p->url);
	free(p->charset);
	free(p->cause);
	free(p->damage);
	free(p);
}

int
feed_parse(const char *data, size_t len, const struct feed_parse_opts *opts,
    struct feed **out, char **cause)
{
	struct feed_parser *p;
	int r;

	if (opts != NULL && opts->max_size > 0 && len > opts->max_size) {
		*cause =
		    xasprintf("feed larger than %zu bytes", opts->max_size);
		return -1;
	}
	p = feed_parser_new(opts);
	feed_parser_push(p, data, len);
	r = feed_parser_finish(p, out, cause);
	feed_parser_free(p);
	return r;
}
