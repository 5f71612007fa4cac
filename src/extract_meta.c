/*
 * extract_meta -- an article page's metadata: JSON-LD, meta tags, title.
 *
 * Pure.  The order of preference is Readability's: JSON-LD (schema.org
 * Article types) first, then Dublin Core, Open Graph, Twitter and plain
 * meta names, then the <title> with the site's name cut off.  JSON-LD is
 * read with a small parser of our own whose depth is capped.
 */
#include "extract_int.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "text.h"
#include "uri.h"
#include "utf8.h"
#include "util.h"

/* ---- a small JSON reader, enough for JSON-LD ---- */

#define JSON_MAX_DEPTH 64

enum jtype { J_NULL, J_BOOL, J_NUM, J_STR, J_ARR, J_OBJ };

struct jnode {
	enum jtype type;
	char *key;           /* member name inside an object, else NULL */
	char *str;           /* J_STR value */
	struct jnode *child; /* first element or member */
	struct jnode *next;  /* next sibling */
};

struct jparser {
	const char *s, *end;
	int depth;
};

static void
jfree(struct jnode *j)
{
	/* Iterative: hang each node's children in front of the rest. */
	while (j != NULL) {
		struct jnode *next = j->next;
		if (j->child != NULL) {
			struct jnode *last = j->child;
			while (last->next != NULL)
				last = last->next;
			last->next = next;
			next = j->child;
		}
		free(j->key);
		free(j->str);
		free(j);
		j = next;
	}
}

static void
jskip(struct jparser *p)
{
	while (p->s < p->end &&
	    (*p->s == ' ' || *p->s == '\t' || *p->s == '\n' || *p->s == '\r'))
		p->s++;
}

static int
jhex4(const char *s, const char *end, uint32_t *out)
{
	uint32_t v = 0;
	int i;

	if (end - s < 4)
		return -1;
	for (i = 0; i < 4; i++) {
		char c = s[i];
		v <<= 4;
		if (c >= '0' && c <= '9')
			v |= (uint32_t)(c - '0');
		else if (c >= 'a' && c <= 'f')
			v |= (uint32_t)(c - 'a' + 10);
		else if (c >= 'A' && c <= 'F')
			v |= (uint32_t)(c - 'A' + 10);
		else
			return -1;
	}
	*out = v;
	return 0;
}

/* A string at p->s (on the quote); returns it allocated, or NULL. */
static char *
jstring(struct jparser *p)
{
	struct buf b;
	uint32_t cp, lo;
	char enc[4];

	buf_init(&b, BUF_NOLIMIT);
	p->s++;
	while (p->s < p->end && *p->s != '"') {
		if (*p->s != '\\') {
			buf_addch(&b, *p->s++);
			continue;
		}
		if (++p->s >= p->end)
			goto fail;
		switch (*p->s++) {
		case '"':
			buf_addch(&b, '"');
			break;
		case '\\':
			buf_addch(&b, '\\');
			break;
		case '/':
			buf_addch(&b, '/');
			break;
		case 'b':
			buf_addch(&b, '\b');
			break;
		case 'f':
			buf_addch(&b, '\f');
			break;
		case 'n':
			buf_addch(&b, '\n');
			break;
		case 'r':
			buf_addch(&b, '\r');
			break;
		case 't':
			buf_addch(&b, '\t');
			break;
		case 'u':
			if (jhex4(p->s, p->end, &cp) == -1)
				goto fail;
			p->s += 4;
			if (cp >= 0xd800 && cp < 0xdc00 && p->end - p->s >= 6 &&
			    p->s[0] == '\\' && p->s[1] == 'u' &&
			    jhex4(p->s + 2, p->end, &lo) == 0 && lo >= 0xdc00 &&
			    lo < 0xe000) {
				cp = 0x10000 + ((cp - 0xd800) << 10) +
				    (lo - 0xdc00);
				p->s += 6;
			}
			buf_add(&b, enc, utf8_encode(cp, enc));
			break;
		default:
			goto fail;
		}
	}
	if (p->s >= p->end)
		goto fail;
	p->s++;
	return buf_detach(&b, NULL);
fail:
	buf_clear(&b);
	return NULL;
}

static struct jnode *jvalue(struct jparser *);

/* An array or object at p->s (on the bracket). */
static struct jnode *
jcontainer(struct jparser *p, struct jnode *j)
{
	bool obj = *p->s == '{';
	char close = obj ? '}' : ']';
	struct jnode **tail = &j->child, *v;
	char *key = NULL;

	if (++p->depth > JSON_MAX_DEPTH)
		goto fail;
	p->s++;
	jskip(p);
	if (p->s < p->end && *p->s == close) {
		p->s++;
		p->depth--;
		return j;
	}
	for (;;) {
		jskip(p);
		if (obj) {
			if (p->s >= p->end || *p->s != '"')
				goto fail;
			key = jstring(p);
			if (key == NULL)
				goto fail;
			jskip(p);
			if (p->s >= p->end || *p->s != ':')
				goto fail;
			p->s++;
		}
		v = jvalue(p);
		if (v == NULL)
			goto fail;
		v->key = key;
		key = NULL;
		*tail = v;
		tail = &v->next;
		jskip(p);
		if (p->s < p->end && *p->s == ',') {
			p->s++;
			continue;
		}
		if (p->s < p->end && *p->s == close) {
			p->s++;
			break;
		}
		goto fail;
	}
	p->depth--;
	return j;
fail:
	free(key);
	jfree(j);
	return NULL;
}

static struct jnode *
jvalue(struct jparser *p)
{
	struct jnode *j;
	const char *w;

	jskip(p);
	if (p->s >= p->end)
		return NULL;
	j = xcalloc(1, sizeof(*j));
	switch (*p->s) {
	case '{':
		j->type = J_OBJ;
		return jcontainer(p, j);
	case '[':
		j->type = J_ARR;
		return jcontainer(p, j);
	case '"':
		j->type = J_STR;
		j->str = jstring(p);
		if (j->str == NULL)
			goto fail;
		return j;
	default:
		break;
	}
	w = p->s;
	while (p->s < p->end && strchr(",]} \t\r\n", *p->s) == NULL)
		p->s++;
	if (p->s == w)
		goto fail;
	if ((size_t)(p->s - w) == 4 && memcmp(w, "null", 4) == 0)
		j->type = J_NULL;
	else if (((size_t)(p->s - w) == 4 && memcmp(w, "true", 4) == 0) ||
	    ((size_t)(p->s - w) == 5 && memcmp(w, "false", 5) == 0))
		j->type = J_BOOL;
	else if (*w == '-' || (*w >= '0' && *w <= '9'))
		j->type = J_NUM;
	else
		goto fail;
	return j;
fail:
	jfree(j);
	return NULL;
}

static struct jnode *
jparse(const char *s, size_t len)
{
	struct jparser p = {s, s + len, 0};
	struct jnode *j;

	j = jvalue(&p);
	if (j == NULL)
		return NULL;
	jskip(&p);
	if (p.s != p.end) {
		jfree(j);
		return NULL;
	}
	return j;
}

static const struct jnode *
jget(const struct jnode *obj, const char *key)
{
	const struct jnode *c;

	if (obj == NULL || obj->type != J_OBJ)
		return NULL;
	for (c = obj->child; c != NULL; c = c->next)
		if (strcmp(c->key, key) == 0)
			return c;
	return NULL;
}

static const char *
jgetstr(const struct jnode *obj, const char *key)
{
	const struct jnode *v = jget(obj, key);

	return v != NULL && v->type == J_STR ? v->str : NULL;
}

/* ---- JSON-LD ---- */

/* schema.org types that are articles (Readability's list). */
static bool
article_type(const char *t)
{
	static const char *const types[] = {"Article",
	    "AdvertiserContentArticle", "NewsArticle", "AnalysisNewsArticle",
	    "AskPublicNewsArticle", "BackgroundNewsArticle",
	    "OpinionNewsArticle", "ReportageNewsArticle", "ReviewNewsArticle",
	    "Report", "SatiricalArticle", "ScholarlyArticle",
	    "MedicalScholarlyArticle", "SocialMediaPosting", "BlogPosting",
	    "LiveBlogPosting", "DiscussionForumPosting", "TechArticle",
	    "APIReference", NULL};
	size_t i;

	if (t == NULL)
		return false;
	for (i = 0; types[i] != NULL; i++)
		if (strstr(t, types[i]) != NULL)
			return true;
	return false;
}

/* The @type of o as one string ("" when absent; first of an array). */
static const char *
jtype_of(const struct jnode *o)
{
	const struct jnode *t = jget(o, "@type");

	if (t == NULL)
		return NULL;
	if (t->type == J_STR)
		return t->str;
	if (t->type == J_ARR && t->child != NULL && t->child->type == J_STR)
		return t->child->str;
	return NULL;
}

static bool
schema_org(const char *s)
{
	size_t n;

	if (s == NULL)
		return false;
	if (strncmp(s, "http://", 7) == 0)
		s += 7;
	else if (strncmp(s, "https://", 8) == 0)
		s += 8;
	else
		return false;
	n = strlen(s);
	return (n == 10 || (n == 11 && s[10] == '/')) &&
	    strncmp(s, "schema.org", 10) == 0;
}

struct ld {
	char *title, *byline, *excerpt, *site_name, *published;
	bool found;
};

static char *
dup_trim(const char *s)
{
	return s != NULL ? ex_normalize(s) : NULL;
}

static void
ld_take(const struct jnode *o, const char *doc_title, struct ld *ld)
{
	const char *name = jgetstr(o, "name");
	const char *headline = jgetstr(o, "headline");
	const struct jnode *author, *a, *pub;
	struct buf b;

	ld->found = true;
	if (name != NULL && headline != NULL && strcmp(name, headline) != 0) {
		/*
		 * Some sites put their own name in "name" (aktualne.cz):
		 * take the one that matches the page's title.
		 */
		bool nm = ex_similarity(name, doc_title) > 0.75;
		bool hm = ex_similarity(headline, doc_title) > 0.75;
		ld->title = dup_trim(hm && !nm ? headline : name);
	} else if (name != NULL) {
		ld->title = dup_trim(name);
	} else if (headline != NULL) {
		ld->title = dup_trim(headline);
	}
	author = jget(o, "author");
	if (author != NULL && author->type == J_OBJ &&
	    jgetstr(author, "name") != NULL) {
		ld->byline = dup_trim(jgetstr(author, "name"));
	} else if (author != NULL && author->type == J_ARR &&
	    jgetstr(author->child, "name") != NULL) {
		buf_init(&b, BUF_NOLIMIT);
		for (a = author->child; a != NULL; a = a->next) {
			char *nm;
			if (jgetstr(a, "name") == NULL)
				continue;
			nm = ex_normalize(jgetstr(a, "name"));
			if (b.len > 0)
				buf_addstr(&b, ", ");
			buf_addstr(&b, nm);
			free(nm);
		}
		ld->byline = buf_detach(&b, NULL);
	}
	ld->excerpt = dup_trim(jgetstr(o, "description"));
	pub = jget(o, "publisher");
	ld->site_name = dup_trim(jgetstr(pub, "name"));
	ld->published = dup_trim(jgetstr(o, "datePublished"));
}

/* Look at one ld+json script; true when it gave the metadata. */
static bool
ld_script(const char *text, const char *doc_title, struct ld *ld)
{
	const char *s = text, *e = text + strlen(text);
	const struct jnode *o, *ctx, *c;
	struct jnode *root;
	bool ok = false;

	/* Strip CDATA markers some sites wrap the JSON in. */
	while (s < e && strchr(" \t\r\n", *s) != NULL)
		s++;
	if ((size_t)(e - s) >= 9 && memcmp(s, "<![CDATA[", 9) == 0)
		s += 9;
	while (e > s && strchr(" \t\r\n", e[-1]) != NULL)
		e--;
	if (e - s >= 3 && memcmp(e - 3, "]]>", 3) == 0)
		e -= 3;
	root = jparse(s, (size_t)(e - s));
	if (root == NULL)
		return false;
	o = root;
	if (o->type == J_ARR) {
		for (c = o->child; c != NULL; c = c->next)
			if (article_type(jtype_of(c)))
				break;
		o = c;
		if (o == NULL)
			goto out;
	}
	ctx = jget(o, "@context");
	if (!(ctx != NULL && ctx->type == J_STR && schema_org(ctx->str)) &&
	    !(ctx != NULL && ctx->type == J_OBJ &&
	        schema_org(jgetstr(ctx, "@vocab"))))
		goto out;
	if (jget(o, "@type") == NULL && jget(o, "@graph") != NULL &&
	    jget(o, "@graph")->type == J_ARR) {
		for (c = jget(o, "@graph")->child; c != NULL; c = c->next)
			if (article_type(jtype_of(c)))
				break;
		o = c;
	}
	if (o == NULL || !article_type(jtype_of(o)))
		goto out;
	ld_take(o, doc_title, ld);
	ok = true;
out:
	jfree(root);
	return ok;
}

/* ---- meta tags ---- */

/* The meta names we use, in the order they are looked up below. */
enum metakey {
	M_DC_TITLE,
	M_DCTERM_TITLE,
	M_OG_TITLE,
	M_WEIBO_ARTICLE_TITLE,
	M_WEIBO_WEBPAGE_TITLE,
	M_TITLE,
	M_TWITTER_TITLE,
	M_PARSELY_TITLE,
	M_DC_CREATOR,
	M_DCTERM_CREATOR,
	M_AUTHOR,
	M_PARSELY_AUTHOR,
	M_ARTICLE_AUTHOR,
	M_DC_DESCRIPTION,
	M_DCTERM_DESCRIPTION,
	M_OG_DESCRIPTION,
	M_WEIBO_ARTICLE_DESCRIPTION,
	M_WEIBO_WEBPAGE_DESCRIPTION,
	M_DESCRIPTION,
	M_TWITTER_DESCRIPTION,
	M_OG_SITE_NAME,
	M_ARTICLE_PUBLISHED_TIME,
	M_PARSELY_PUB_DATE,
	M_NKEYS
};

static const char *const metakeys[M_NKEYS] = {
    "dc:title",
    "dcterm:title",
    "og:title",
    "weibo:article:title",
    "weibo:webpage:title",
    "title",
    "twitter:title",
    "parsely-title",
    "dc:creator",
    "dcterm:creator",
    "author",
    "parsely-author",
    "article:author",
    "dc:description",
    "dcterm:description",
    "og:description",
    "weibo:article:description",
    "weibo:webpage:description",
    "description",
    "twitter:description",
    "og:site_name",
    "article:published_time",
    "parsely-pub-date",
};

static void
meta_set(char **vals, const char *key, const char *content)
{
	size_t i;

	for (i = 0; i < M_NKEYS; i++) {
		if (strcmp(metakeys[i], key) == 0) {
			free(vals[i]);
			vals[i] = ex_normalize(content);
			return;
		}
	}
}

static size_t
skip_spaces(const char *s, size_t i)
{
	while (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r' ||
	    s[i] == '\f')
		i++;
	return i;
}

/* Match word (case-insensitive) at s+i; returns the index after it or 0. */
static size_t
match_word(const char *s, size_t i, const char *const *words)
{
	size_t n;

	for (; *words != NULL; words++) {
		n = strlen(*words);
		/* In place: a search would make the caller's scan quadratic. */
		if (strncasecmp(s + i, *words, n) == 0)
			return i + n;
	}
	return 0;
}

static void
lower_nospace(struct buf *b, const char *s, size_t from, size_t to)
{
	size_t i;

	for (i = from; i < to; i++) {
		char c = s[i];
		if (c == ' ' || c == '\t' || c == '\n' || c == '\r' ||
		    c == '\f')
			continue;
		if (c >= 'A' && c <= 'Z')
			c += 'a' - 'A';
		buf_addch(b, c);
	}
}

/*
 * property="...": the first "(article|dc|dcterm|og|twitter):(author|
 * creator|description|published_time|title|site_name)" in it.
 */
static bool
meta_property(const char *prop, struct buf *key)
{
	static const char *const pre[] = {"article", "dcterm", "dc", "og",
	    "twitter", NULL};
	static const char *const post[] = {"author", "creator", "description",
	    "published_time", "title", "site_name", NULL};
	size_t i, j, k;

	for (i = 0; prop[i] != '\0'; i++) {
		j = match_word(prop, i, pre);
		if (j == 0)
			continue;
		j = skip_spaces(prop, j);
		if (prop[j] != ':')
			continue;
		k = match_word(prop, skip_spaces(prop, j + 1), post);
		if (k == 0)
			continue;
		lower_nospace(key, prop, i, k);
		return true;
	}
	return false;
}

/*
 * name="...": "[(dc|dcterm|og|twitter|parsely|weibo:(article|webpage))
 * [-.:]](author|creator|pub-date|description|title|site_name)", whole.
 */
static bool
meta_name(const char *name, struct buf *key)
{
	static const char *const pre[] = {"dcterm", "dc", "og", "twitter",
	    "parsely", "weibo:article", "weibo:webpage", NULL};
	static const char *const post[] = {"author", "creator", "pub-date",
	    "description", "title", "site_name", NULL};
	size_t i = skip_spaces(name, 0), j, k, start = i;

	j = match_word(name, i, pre);
	if (j != 0) {
		k = skip_spaces(name, j);
		if (name[k] == '-' || name[k] == '.' || name[k] == ':') {
			k = match_word(name, skip_spaces(name, k + 1), post);
			if (k != 0 && name[skip_spaces(name, k)] == '\0')
				goto found;
		}
	}
	k = match_word(name, i, post);
	if (k == 0 || name[skip_spaces(name, k)] != '\0')
		return false;
found:
	lower_nospace(key, name, start, k);
	for (i = 0; i < key->len; i++)
		if (key->data[i] == '.')
			key->data[i] = ':';
	return true;
}

/* ---- the title ---- */

static size_t
word_count(const char *s)
{
	/* JavaScript's s.split(/\s+/).length. */
	size_t n = 1, i = 0, w;
	size_t len = strlen(s);

	while (i < len) {
		if (ex_space(s + i, len - i, &w)) {
			n++;
			i += w;
			while (i < len && ex_space(s + i, len - i, &w))
				i += w;
			continue;
		}
		i++;
	}
	return n;
}

/* A title separator " X " at s+i: its X's byte length, or 0. */
static size_t
title_sep(const char *s, size_t i, bool hierarchical_only)
{
	static const char *const seps[] = {"\\", "/", ">", "\xc2\xbb", "|", "-",
	    "\xe2\x80\x93", "\xe2\x80\x94", NULL};
	size_t k, n;

	if (s[i] != ' ')
		return 0;
	for (k = 0; seps[k] != NULL; k++) {
		if (hierarchical_only && k >= 4)
			break;
		n = strlen(seps[k]);
		if (strncmp(s + i + 1, seps[k], n) == 0 && s[i + 1 + n] == ' ')
			return n;
	}
	return 0;
}

static bool
is_sep_char(const char *s, size_t *w)
{
	static const char *const seps[] = {"\\", "/", ">", "\xc2\xbb", "|", "-",
	    "\xe2\x80\x93", "\xe2\x80\x94", NULL};
	size_t k;

	for (k = 0; seps[k] != NULL; k++) {
		*w = strlen(seps[k]);
		if (strncmp(s, seps[k], *w) == 0)
			return true;
	}
	*w = 1;
	return false;
}

/* Words of the title with all separator characters removed. */
static size_t
word_count_nosep(const char *s)
{
	struct buf b;
	size_t i = 0, w, n;
	char *t;

	buf_init(&b, BUF_NOLIMIT);
	while (s[i] != '\0') {
		if (is_sep_char(s + i, &w)) {
			i += w;
			continue;
		}
		buf_addch(&b, s[i++]);
	}
	t = buf_detach(&b, NULL);
	n = word_count(t);
	free(t);
	return n;
}

/* Does some h1 or h2's text equal title (trimmed)? */
static bool
heading_is(xmlDoc *doc, const char *title)
{
	xmlNode *n;
	bool found = false;

	for (n = xmlDocGetRootElement(doc); n != NULL && !found;
	     n = ex_next_node(n, false)) {
		char *t;
		if (!ex_is(n, "h1") && !ex_is(n, "h2"))
			continue;
		t = ex_text(n, false);
		found = strcmp(t, title) == 0;
		free(t);
	}
	return found;
}

/*
 * The article's title from <title>: the site's name cut off ("Title |
 * Site", "Site: Title"), as Readability's _getArticleTitle does.
 */
static char *
title_from_doc(xmlDoc *doc, const char *orig)
{
	char *cur = NULL, *t, *res;
	size_t i, n, last = 0, w;
	bool found = false, hier = false;
	const char *colon;
	xmlNode *h1 = NULL, *nd;
	size_t nh1 = 0;

	for (i = 0; orig[i] != '\0'; i++) {
		n = title_sep(orig, i, false);
		if (n == 0)
			continue;
		found = true;
		last = i;
		if (title_sep(orig, i, true) != 0)
			hier = true;
	}
	if (found) {
		cur = xstrndup(orig, last);
		if (word_count(cur) < 3) {
			/* Too short: remove the first part instead. */
			free(cur);
			for (i = 0; orig[i] != '\0'; i += w)
				if (is_sep_char(orig + i, &w))
					break;
			cur = xstrdup(orig[i] != '\0' ? orig + i + w : orig);
		}
	} else if (strstr(orig, ": ") != NULL) {
		if (heading_is(doc, orig)) {
			cur = xstrdup(orig);
		} else {
			colon = strrchr(orig, ':');
			cur = xstrdup(colon + 1);
			if (word_count(cur) < 3) {
				free(cur);
				cur = xstrdup(strchr(orig, ':') + 1);
			} else {
				t = xstrndup(orig,
				    (size_t)(strchr(orig, ':') - orig));
				if (word_count(t) > 5) {
					free(cur);
					cur = xstrdup(orig);
				}
				free(t);
			}
		}
	} else if (ex_u16len(orig) > 150 || ex_u16len(orig) < 15) {
		for (nd = xmlDocGetRootElement(doc); nd != NULL;
		     nd = ex_next_node(nd, false))
			if (ex_is(nd, "h1") && nh1++ == 0)
				h1 = nd;
		cur = nh1 == 1 ? ex_text(h1, true) : xstrdup(orig);
	} else {
		cur = xstrdup(orig);
	}
	res = ex_normalize(cur);
	free(cur);
	n = word_count(res);
	if (n <= 4 && (!hier || n != word_count_nosep(orig) - 1)) {
		free(res);
		res = xstrdup(orig);
	}
	return res;
}

/* ---- what the page's markup says ---- */

/* Byline and date from markup, for pages without metadata for them. */
struct hints {
	char *byline;    /* rel=author, itemprop=author, class byline */
	char *published; /* itemprop=datePublished */
	char *time;      /* a <time datetime>, a classed one first */
	bool time_sure;  /* time is from a "published"/"entry-date" one */
};

static bool
has_word(const char *s, const char *w)
{
	return s != NULL && ex_strcasestr(s, w) != NULL;
}

static void
page_hints(xmlNode *n, struct hints *h)
{
	const char *rel = ex_attr(n, "rel"), *ip = ex_attr(n, "itemprop");
	const char *cls = ex_attr(n, "class"), *v;
	char *t;

	if (h->byline == NULL &&
	    ((rel != NULL && strcmp(rel, "author") == 0) ||
	        has_word(ip, "author") || has_word(cls, "byline"))) {
		t = ex_text(n, true);
		if (*t != '\0' && ex_u16len(t) < 100)
			h->byline = t;
		else
			free(t);
	}
	if (h->published == NULL && ip != NULL &&
	    strcmp(ip, "datePublished") == 0) {
		v = ex_attr(n, "content");
		if (v == NULL)
			v = ex_attr(n, "datetime");
		t = v != NULL ? ex_normalize(v) : ex_text(n, true);
		if (*t != '\0')
			h->published = t;
		else
			free(t);
	}
	if (ex_is(n, "time") && !h->time_sure) {
		v = ex_attr(n, "datetime");
		if (v == NULL || *v == '\0')
			return;
		if (has_word(cls, "publish") || has_word(cls, "entry-date") ||
		    has_word(cls, "post-date")) {
			free(h->time);
			h->time = ex_normalize(v);
			h->time_sure = true;
		} else if (h->time == NULL) {
			h->time = ex_normalize(v);
		}
	}
}

char *
ex_byline_clean(char *s)
{
	size_t n;

	if (s == NULL)
		return NULL;
	/* "By Jane Doe" -> "Jane Doe": the header says it is the author. */
	if ((s[0] == 'B' || s[0] == 'b') && (s[1] == 'y' || s[1] == 'Y') &&
	    s[2] == ' ' && s[3] != '\0') {
		n = strlen(s + 3);
		memmove(s, s + 3, n + 1);
	}
	return s;
}

/* ---- entities left escaped in metadata ---- */

/*
 * Some pages escape twice ("&amp;#8217;" in a content attribute): decode
 * the references that are left, as Readability does, by the rules of an
 * attribute value (they came from one).
 */
static char *
unescape(char *s)
{
	struct buf b;
	size_t len, i = 0, j, used, n;
	char enc[TEXT_ENTITY_MAX];

	if (s == NULL || strchr(s, '&') == NULL)
		return s;
	len = strlen(s);
	buf_init(&b, BUF_NOLIMIT);
	while (i < len) {
		if (s[i] == '&') {
			used =
			    text_decode_entity(s + i, len - i, true, enc, &n);
			if (used > 0) {
				buf_add(&b, enc, n);
				i += used;
				continue;
			}
		}
		for (j = i + 1; j < len && s[j] != '&'; j++)
			;
		buf_add(&b, s + i, j - i);
		i = j;
	}
	free(s);
	return buf_detach(&b, NULL);
}

static bool
is_url(const char *s)
{
	return strncmp(s, "http://", 7) == 0 || strncmp(s, "https://", 8) == 0;
}

static char *
first_of(char **vals, const enum metakey *keys, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (vals[keys[i]] != NULL && vals[keys[i]][0] != '\0')
			return xstrdup(vals[keys[i]]);
	return NULL;
}

void
ex_meta_read(xmlDoc *doc, const char *url, struct ex_meta *m)
{
	static const enum metakey title_keys[] = {M_DC_TITLE, M_DCTERM_TITLE,
	    M_OG_TITLE, M_WEIBO_ARTICLE_TITLE, M_WEIBO_WEBPAGE_TITLE, M_TITLE,
	    M_TWITTER_TITLE, M_PARSELY_TITLE};
	static const enum metakey byline_keys[] = {M_DC_CREATOR,
	    M_DCTERM_CREATOR, M_AUTHOR, M_PARSELY_AUTHOR};
	static const enum metakey excerpt_keys[] = {M_DC_DESCRIPTION,
	    M_DCTERM_DESCRIPTION, M_OG_DESCRIPTION, M_WEIBO_ARTICLE_DESCRIPTION,
	    M_WEIBO_WEBPAGE_DESCRIPTION, M_DESCRIPTION, M_TWITTER_DESCRIPTION};
	static const enum metakey site_keys[] = {M_OG_SITE_NAME};
	static const enum metakey pub_keys[] = {M_ARTICLE_PUBLISHED_TIME,
	    M_PARSELY_PUB_DATE};
	char *vals[M_NKEYS] = {NULL};
	char *doc_title = NULL, *doc_title_cut = NULL;
	struct ld ld = {NULL, NULL, NULL, NULL, NULL, false};
	struct hints hints = {NULL, NULL, NULL, false};
	struct buf key, raw;
	xmlNode *root = xmlDocGetRootElement(doc), *n, *title_el = NULL;
	const char *v, *content, *base = NULL, *canonical = NULL;
	size_t i;

	memset(m, 0, sizeof(*m));
	buf_init(&key, BUF_NOLIMIT);
	buf_init(&raw, BUF_NOLIMIT);
	if (root == NULL)
		goto out;
	v = ex_attr(root, "lang");
	if (v != NULL && *v != '\0')
		m->lang = ex_normalize(v);
	for (n = root; n != NULL; n = ex_next_node(n, false)) {
		if (ex_is(n, "title") && title_el == NULL)
			title_el = n;
		else if (ex_is(n, "base") && base == NULL)
			base = ex_attr(n, "href");
		else if (ex_is(n, "link") && canonical == NULL &&
		    ex_attr(n, "rel") != NULL &&
		    strcmp(ex_attr(n, "rel"), "canonical") == 0)
			canonical = ex_attr(n, "href");
		page_hints(n, &hints);
	}
	doc_title = title_el != NULL ? ex_text(title_el, true) : xstrdup("");
	doc_title_cut = title_from_doc(doc, doc_title);

	for (n = root; n != NULL; n = ex_next_node(n, false)) {
		const char *name, *prop;
		if (ex_is(n, "script") && !ld.found) {
			v = ex_attr(n, "type");
			if (v == NULL || strcmp(v, "application/ld+json") != 0)
				continue;
			buf_reset(&raw);
			ex_text_raw(n, &raw);
			if (!ld_script(buf_str(&raw), doc_title_cut, &ld)) {
				free(ld.title);
				free(ld.byline);
				free(ld.excerpt);
				free(ld.site_name);
				free(ld.published);
				memset(&ld, 0, sizeof(ld));
			}
			continue;
		}
		if (!ex_is(n, "meta"))
			continue;
		content = ex_attr(n, "content");
		if (content == NULL || *content == '\0')
			continue;
		name = ex_attr(n, "name");
		prop = ex_attr(n, "property");
		buf_reset(&key);
		if (prop != NULL && meta_property(prop, &key))
			meta_set(vals, buf_str(&key), content);
		else if (name != NULL && meta_name(name, &key))
			meta_set(vals, buf_str(&key), content);
	}

	m->title = ld.title != NULL
	    ? xstrdup(ld.title)
	    : first_of(vals, title_keys, NITEMS(title_keys));
	if (m->title == NULL)
		m->title = xstrdup(doc_title_cut);
	m->byline = ld.byline != NULL
	    ? xstrdup(ld.byline)
	    : first_of(vals, byline_keys, NITEMS(byline_keys));
	if (m->byline == NULL && vals[M_ARTICLE_AUTHOR] != NULL &&
	    !is_url(vals[M_ARTICLE_AUTHOR]))
		m->byline = xstrdup(vals[M_ARTICLE_AUTHOR]);
	if (m->byline == NULL && hints.byline != NULL)
		m->byline = xstrdup(hints.byline);
	/*
	 * The excerpt prefers the meta description, which the site shows
	 * to people, over JSON-LD's (ifp-article.html plants a trap there).
	 */
	m->excerpt = first_of(vals, excerpt_keys, NITEMS(excerpt_keys));
	if (m->excerpt == NULL && ld.excerpt != NULL)
		m->excerpt = xstrdup(ld.excerpt);
	m->site_name = ld.site_name != NULL
	    ? xstrdup(ld.site_name)
	    : first_of(vals, site_keys, NITEMS(site_keys));
	m->published = ld.published != NULL
	    ? xstrdup(ld.published)
	    : first_of(vals, pub_keys, NITEMS(pub_keys));
	if (m->published == NULL && hints.published != NULL)
		m->published = xstrdup(hints.published);
	if (m->published == NULL && hints.time != NULL)
		m->published = xstrdup(hints.time);
	m->title = unescape(m->title);
	m->byline = ex_byline_clean(unescape(m->byline));
	m->excerpt = unescape(m->excerpt);
	m->site_name = unescape(m->site_name);
	m->published = unescape(m->published);
	if (m->title != NULL && *m->title == '\0') {
		free(m->title);
		m->title = NULL;
	}
out:
	/*
	 * Links resolve against <base href> (itself relative to the page),
	 * else the page's URL; a saved page without one has its canonical
	 * URL, which beats a file name.
	 */
	if (base != NULL && *base != '\0')
		m->base = uri_resolve(url, base);
	if (m->base != NULL && !uri_is_absolute(m->base)) {
		free(m->base);
		m->base = NULL;
	}
	if (m->base == NULL && url != NULL)
		m->base = xstrdup(url);
	if (canonical != NULL)
		m->canonical = uri_resolve(url, canonical);
	if (m->canonical != NULL && !uri_is_http(m->canonical)) {
		free(m->canonical);
		m->canonical = NULL;
	}
	if (m->base == NULL && m->canonical != NULL)
		m->base = xstrdup(m->canonical);
	for (i = 0; i < M_NKEYS; i++)
		free(vals[i]);
	free(ld.title);
	free(ld.byline);
	free(ld.excerpt);
	free(ld.site_name);
	free(ld.published);
	free(doc_title);
	free(doc_title_cut);
	free(hints.byline);
	free(hints.published);
	free(hints.time);
	buf_clear(&key);
	buf_clear(&raw);
}

void
ex_meta_clear(struct ex_meta *m)
{
	free(m->title);
	free(m->byline);
	free(m->excerpt);
	free(m->site_name);
	free(m->published);
	free(m->lang);
	free(m->base);
	free(m->canonical);
	memset(m, 0, sizeof(*m));
}
