/*
 * page_render -- the article of an extracted page (see page.h).  Pure.
 */
#include "page.h"

#include <stdlib.h>
#include <string.h>

#include "article.h"
#include "date.h"
#include "uri.h"

/* The page's body rendered; NULL when it cannot be (an empty body). */
static struct html_doc *
body_of(const struct extract_result *page)
{
	struct html_doc *body = NULL;
	char *cause = NULL;

	if (html_render(page->html, strlen(page->html), page->base, &body,
	        &cause) == -1) {
		/* Only past HTML_MAX_SIZE, far above what extract gives. */
		free(cause);
		return NULL;
	}
	return body;
}

static time_t
page_date(const struct extract_result *page)
{
	time_t t;

	if (page->published == NULL || date_parse(page->published, &t) == -1)
		return DATE_NONE;
	return t;
}

struct html_doc *
page_render(const struct extract_result *page, const char *link)
{
	struct article_meta m;
	struct html_doc *body, *doc;

	memset(&m, 0, sizeof(m));
	m.title = page->title;
	m.author = page->byline;
	m.published = page_date(page);
	m.link = link != NULL ? link : page->canonical;
	body = body_of(page);
	doc = article_render(&m, body);
	html_free(body);
	return doc;
}

struct html_doc *
page_render_item(const struct feed_item *item,
    const struct extract_result *page)
{
	struct article_meta m;
	struct html_doc *body, *doc;

	article_meta_from_item(&m, item);
	if (m.title == NULL)
		m.title = page->title;
	if (m.author == NULL)
		m.author = page->byline;
	if (m.published == DATE_NONE)
		m.published = page_date(page);
	if (m.link == NULL)
		m.link = page->canonical;
	body = body_of(page);
	doc = article_render(&m, body);
	html_free(body);
	return doc;
}

bool
page_wanted(const struct feed_item *item)
{
	return item->link != NULL && uri_is_http(item->link) &&
	    extract_is_excerpt(item->content_html, item->summary);
}
