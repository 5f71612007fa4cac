/*
 * test_view -- list and pager state: order, selection, scrolling, filter,
 * categories, read marks, find, position, layout, digits.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "date.h"
#include "util.h"
#include "view.h"

#define T0 1732975200 /* 2024-11-30T14:00:00Z */

/* A feed of n posts "post K" (id "idK"), post K published K minutes
 * before T0, so document order is newest first. */
static struct feed *
make_feed(size_t n, const char *prefix)
{
	struct feed *f = xcalloc(1, sizeof(*f));
	size_t i;

	f->items = xcalloc(n ? n : 1, sizeof(*f->items));
	f->nitems = n;
	for (i = 0; i < n; i++) {
		struct feed_item *it = &f->items[i];

		it->id = xasprintf("%sid%zu", prefix, i);
		it->title = xasprintf("%s post %zu", prefix, i);
		it->summary = xasprintf("excerpt of %s %zu", prefix, i);
		it->published = T0 - (time_t)i * 60;
		it->updated = DATE_NONE;
	}
	return f;
}

static void
set_cats(struct feed_item *it, const char *a, const char *b)
{
	it->categories = xcalloc(2, sizeof(char *));
	it->categories[0] = xstrdup(a);
	it->ncategories = 1;
	if (b != NULL) {
		it->categories[1] = xstrdup(b);
		it->ncategories = 2;
	}
}

static void
free_feed(struct feed *f)
{
	size_t i, j;

	for (i = 0; i < f->nitems; i++) {
		struct feed_item *it = &f->items[i];

		free(it->id);
		free(it->title);
		free(it->summary);
		for (j = 0; j < it->ncategories; j++)
			free(it->categories[j]);
		free(it->categories);
	}
	free(f->items);
	free(f);
}

static void
set_one(struct view *v, const struct feed *f, const time_t *seen, time_t since)
{
	const struct feed *fs[1] = {f};
	const time_t *ss[1] = {seen};

	view_set_feeds(v, fs, ss, 1, since, NULL, NULL);
}

static const char *
sel_title(const struct view *v)
{
	const struct view_post *p = view_selected(v);

	return p != NULL ? p->item->title : "(none)";
}

/* Screen row (in the pane) of the selected post. */
static size_t
sel_screen_row(const struct view *v)
{
	return view_row_of(v, v->sel) - v->top;
}

static void
lists_newest_first_with_undated_last(void **state)
{
	struct feed *f = make_feed(4, "a");
	struct view *v = view_new(false);

	(void)state;
	f->items[0].published = DATE_NONE; /* undated: last */
	f->items[2].published = T0 + 60;   /* newest: first */
	f->items[3].published = DATE_NONE;
	f->items[3].updated = T0 - 3600; /* updated counts when no published */
	set_one(v, f, NULL, 0);
	assert_int_equal(v->nvis, 4);
	assert_string_equal(view_visible(v, 0)->item->title, "a post 2");
	assert_string_equal(view_visible(v, 1)->item->title, "a post 1");
	assert_string_equal(view_visible(v, 2)->item->title, "a post 3");
	assert_string_equal(view_visible(v, 3)->item->title, "a post 0");
	assert_int_equal(v->unread, 4);
	assert_int_equal(v->visnew, 0);
	view_free(v);
	free_feed(f);
}

static void
puts_new_posts_above_a_divider(void **state)
{
	struct feed *f = make_feed(5, "a");
	time_t seen[5] = {T0, T0 - 7200, T0, T0 - 7200, T0 - 7200};
	struct view *v = view_new(false);
	size_t row, i;
	bool second;

	(void)state;
	set_one(v, f, seen, T0 - 3600);
	assert_int_equal(v->nnew, 2);
	assert_int_equal(v->visnew, 2);
	assert_string_equal(view_visible(v, 0)->item->title, "a post 0");
	assert_string_equal(view_visible(v, 1)->item->title, "a post 2");
	assert_string_equal(view_visible(v, 2)->item->title, "a post 1");
	assert_true(view_divider_row(v, &row));
	assert_int_equal(row, 2);
	assert_int_equal(view_list_rows(v), 6);
	assert_false(view_post_at_row(v, 2, &i, &second));
	assert_true(view_post_at_row(v, 3, &i, &second));
	assert_int_equal(i, 2);
	assert_int_equal(view_row_of(v, 2), 3);
	/* No since, no divider. */
	set_one(v, f, seen, 0);
	assert_int_equal(v->visnew, 0);
	assert_false(view_divider_row(v, &row));
	view_free(v);
	free_feed(f);
}

static void
labels_the_divider_with_the_count_and_the_last_visit(void **state)
{
	struct feed *f = make_feed(6, "a");
	/* Posts 0, 2 and 4 came after the visit at 13:02 UTC. */
	time_t seen[6] = {T0, T0 - 7200, T0, T0 - 7200, T0 - 600, T0 - 7200};
	struct view *v = view_new(false);
	char buf[64];

	(void)state;
	set_one(v, f, seen, T0 - 3480);
	assert_string_equal(view_divider_label(v, T0, 0, buf, sizeof(buf)),
	    " 3 new since 13:02 ");
	/* In the user's zone: Tehran is 3:30 east of UTC. */
	assert_string_equal(view_divider_label(v, T0, 3 * 3600 + 1800, buf,
	                        sizeof(buf)),
	    " 3 new since 16:32 ");
	/* The day is the user's: at +14 (Kiritimati) the visit, 13:02 UTC
	 * on Nov 30, is 03:02 on Dec 1, and now is 04:00 that same day. */
	assert_string_equal(view_divider_label(v, T0, 14 * 3600, buf,
	                        sizeof(buf)),
	    " 3 new since 03:02 ");
	assert_string_equal(view_divider_label(v, T0 + 86400, 0, buf,
	                        sizeof(buf)),
	    " 3 new since Nov 30 13:02 ");
	/* Just past local midnight: yesterday's visit has its date. */
	assert_string_equal(view_divider_label(v, T0 + 10 * 3600 + 60, 0, buf,
	                        sizeof(buf)),
	    " 3 new since Nov 30 13:02 ");
	/* The count is of the posts shown: a filter leaves out post 2. */
	view_set_filter(v, "post 0");
	assert_int_equal(v->visnew, 0); /* all shown are new: no divider */
	view_set_filter(v, "excerpt of a");
	assert_string_equal(view_divider_label(v, T0, 0, buf, sizeof(buf)),
	    " 3 new since 13:02 ");
	free(f->items[2].summary);
	f->items[2].summary = xstrdup("something else");
	free(f->items[2].title);
	f->items[2].title = xstrdup("other");
	view_set_filter(v, "excerpt of a");
	assert_int_equal(v->visnew, 2);
	assert_string_equal(view_divider_label(v, T0, 0, buf, sizeof(buf)),
	    " 2 new since 13:02 ");
	/* A label longer than the buffer is cut, NUL-terminated. */
	view_divider_label(v, T0, 0, buf, 8);
	assert_string_equal(buf, " 2 new ");
	view_free(v);
	free_feed(f);
}

static void
keeps_the_selection_and_its_row_when_a_refresh_adds_posts(void **state)
{
	struct feed *old = make_feed(30, "a");
	struct feed *fresh = make_feed(33, "b");
	time_t seen[33];
	struct view *v = view_new(false);
	size_t i, row;
	char title[32];

	(void)state;
	view_set_rows(v, 10);
	set_one(v, old, NULL, 0);
	view_move(v, 12);
	assert_string_equal(sel_title(v), "a post 12");
	row = sel_screen_row(v);
	assert_int_equal(row, 9);
	/* The refresh: three new posts on top, the old ones after. */
	for (i = 0; i < 33; i++) {
		free(fresh->items[i].id);
		free(fresh->items[i].title);
		if (i < 3) {
			fresh->items[i].id = xasprintf("new%zu", i);
			fresh->items[i].title = xasprintf("new post %zu", i);
			fresh->items[i].published = T0 + 600 - (time_t)i;
			seen[i] = T0 + 600;
		} else {
			fresh->items[i].id = xasprintf("aid%zu", i - 3);
			fresh->items[i].title = xasprintf("a post %zu", i - 3);
			fresh->items[i].published = T0 - (time_t)(i - 3) * 60;
			seen[i] = T0 - 7200;
		}
	}
	set_one(v, fresh, seen, T0);
	free_feed(old);
	assert_string_equal(sel_title(v), "a post 12");
	assert_int_equal(sel_screen_row(v), row);
	assert_int_equal(v->visnew, 3);
	snprintf(title, sizeof(title), "%s", view_visible(v, 0)->item->title);
	assert_string_equal(title, "new post 0");
	view_free(v);
	free_feed(fresh);
}

static void
starts_the_pane_with_a_whole_post_at_the_end_of_the_list(void **state)
{
	struct feed *old = make_feed(10, "a");
	struct feed *fresh = make_feed(12, "a");
	time_t seen[12];
	struct view *v = view_new(true);
	size_t i, r;
	bool second;

	(void)state;
	/* 12 posts of two rows and a divider: 25 rows in a pane of 22. */
	view_set_rows(v, 22);
	set_one(v, old, NULL, 0);
	assert_string_equal(sel_title(v), "a post 0");
	for (i = 0; i < 12; i++) {
		free(fresh->items[i].id);
		fresh->items[i].id =
		    i < 2 ? xasprintf("new%zu", i) : xasprintf("aid%zu", i - 2);
		seen[i] = i < 2 ? T0 + 60 : T0 - 7200;
	}
	set_one(v, fresh, seen, T0);
	free_feed(old);
	/* The selection stays on its post, which would stay on row 0 but
	 * for the end of the list; the pane starts at a title row. */
	assert_string_equal(v->posts[v->vis[v->sel]].item->id, "aid0");
	assert_true(view_post_at_row(v, v->top, &i, &second));
	assert_false(second);
	r = view_row_of(v, v->sel);
	assert_true(r >= v->top && r + 2 <= v->top + v->rows);
	view_free(v);
	free_feed(fresh);
}

static void
scrolls_to_keep_two_row_posts_visible(void **state)
{
	struct feed *f = make_feed(20, "a");
	struct view *v = view_new(true);
	size_t i;
	bool second;

	(void)state;
	view_set_rows(v, 7);
	set_one(v, f, NULL, 0);
	assert_int_equal(view_post_height(v), 2);
	assert_int_equal(view_list_rows(v), 40);
	view_move(v, 3); /* rows 6-7: needs top 1 */
	assert_int_equal(v->top, 1);
	view_move(v, 1); /* rows 8-9 */
	assert_int_equal(v->top, 3);
	assert_true(view_post_at_row(v, 9, &i, &second));
	assert_int_equal(i, 4);
	assert_true(second);
	view_last(v);
	assert_int_equal(v->sel, 19);
	assert_int_equal(v->top, 33);
	view_first(v);
	assert_int_equal(v->top, 0);
	/* Turning excerpts off keeps the post where it is. */
	view_move(v, 10);
	view_set_excerpts(v, false);
	assert_string_equal(sel_title(v), "a post 10");
	assert_true(view_row_of(v, v->sel) >= v->top);
	assert_true(view_row_of(v, v->sel) < v->top + v->rows);
	view_free(v);
	free_feed(f);
}

static void
pages_and_half_pages_move_the_selection_with_the_list(void **state)
{
	struct feed *f = make_feed(100, "a");
	struct view *v = view_new(false);

	(void)state;
	view_set_rows(v, 20);
	set_one(v, f, NULL, 0);
	view_move(v, 5);
	assert_true(view_page(v, 1));
	assert_int_equal(v->sel, 25);
	assert_int_equal(v->top, 20);
	assert_true(view_half_page(v, 1));
	assert_int_equal(v->sel, 35);
	assert_int_equal(v->top, 30);
	assert_true(view_page(v, -1));
	assert_int_equal(v->sel, 15);
	assert_int_equal(v->top, 10);
	view_last(v);
	assert_false(view_page(v, 1));
	assert_int_equal(v->top, 80);
	/* Moving past either end clamps. */
	assert_false(view_move(v, 5));
	view_first(v);
	assert_false(view_move(v, -1));
	assert_int_equal(v->sel, 0);
	view_free(v);
	free_feed(f);
}

static void
wheel_scrolls_and_click_selects(void **state)
{
	struct feed *f = make_feed(50, "a");
	struct view *v = view_new(true);

	(void)state;
	view_set_rows(v, 10);
	set_one(v, f, NULL, 0);
	assert_true(view_scroll(v, 3));
	assert_int_equal(v->top, 3);
	/* The selection (post 0) left the screen: the first whole post. */
	assert_int_equal(v->sel, 2);
	assert_true(view_scroll(v, 1000));
	assert_int_equal(v->top, 90);
	assert_int_equal(v->sel, 45);
	assert_true(view_scroll(v, -4));
	assert_int_equal(v->top, 86);
	assert_int_equal(v->sel, 45); /* still on screen: stays */
	assert_true(view_scroll(v, -10));
	assert_int_equal(v->top, 76);
	assert_int_equal(v->sel, 42);  /* the last whole post */
	assert_true(view_click(v, 0)); /* row 76 = post 38 */
	assert_int_equal(v->sel, 38);
	assert_true(view_click(v, 3)); /* row 79 = post 39's excerpt */
	assert_int_equal(v->sel, 39);
	view_free(v);
	free_feed(f);
}

static void
filters_by_title_or_excerpt_ignoring_case(void **state)
{
	struct feed *f = make_feed(12, "a");
	struct view *v = view_new(false);

	(void)state;
	free(f->items[3].title);
	f->items[3].title = xstrdup("Syria’s war");
	free(f->items[7].summary);
	f->items[7].summary = xstrdup("fighting in SYRIA goes on");
	view_set_rows(v, 5);
	set_one(v, f, NULL, 0);
	view_move(v, 7);
	view_set_filter(v, "syria");
	assert_int_equal(v->nvis, 2);
	assert_string_equal(view_visible(v, 0)->item->title, "Syria’s war");
	/* The selected post is still visible: it stays selected. */
	assert_string_equal(sel_title(v), "a post 7");
	view_set_filter(v, "nothing like this");
	assert_int_equal(v->nvis, 0);
	assert_null(view_selected(v));
	assert_false(view_move(v, 1));
	/* An empty result forgets nothing: the post comes back. */
	view_set_filter(v, NULL);
	assert_string_equal(sel_title(v), "a post 7");
	view_set_filter(v, "’s");
	assert_int_equal(v->nvis, 1);
	assert_string_equal(sel_title(v), "Syria’s war");
	view_set_filter(v, NULL);
	assert_int_equal(v->nvis, 12);
	assert_string_equal(sel_title(v), "Syria’s war");
	view_free(v);
	free_feed(f);
}

static void
chooses_a_category_from_the_menu(void **state)
{
	struct feed *f = make_feed(6, "a");
	struct view *v = view_new(false);

	(void)state;
	set_cats(&f->items[0], "Politics", "Economy & Trade");
	set_cats(&f->items[2], "Politics", NULL);
	set_cats(&f->items[5], "Culture", NULL);
	view_set_rows(v, 10);
	view_set_body_rows(v, 10);
	set_one(v, f, NULL, 0);
	view_menu(v);
	assert_int_equal(v->mode, VIEW_MODE_MENU);
	assert_int_equal(v->ncats, 4);
	assert_null(v->cats[0].name);
	assert_int_equal(v->cats[0].count, 6);
	assert_string_equal(v->cats[1].name, "Culture");
	assert_string_equal(v->cats[2].name, "Economy & Trade");
	assert_string_equal(v->cats[3].name, "Politics");
	assert_int_equal(v->cats[3].count, 2);
	view_menu_move(v, 3);
	view_menu_choose(v);
	assert_int_equal(v->mode, VIEW_MODE_LIST);
	assert_int_equal(v->nvis, 2);
	assert_string_equal(v->category, "Politics");
	/* The menu opens on the current category; "all" clears it. */
	view_menu(v);
	assert_int_equal(v->csel, 3);
	view_menu_move(v, -10);
	view_menu_choose(v);
	assert_null(v->category);
	assert_int_equal(v->nvis, 6);
	view_free(v);
	free_feed(f);
}

static bool
read_if_odd(const char *key, void *arg)
{
	size_t len = strlen(key);

	(void)arg;
	return (key[len - 1] - '0') % 2 == 1;
}

static void
counts_toggles_and_marks_read(void **state)
{
	struct feed *f = make_feed(6, "a");
	const struct feed *fs[1] = {f};
	struct view *v = view_new(false);
	const struct view_post *p;

	(void)state;
	view_set_feeds(v, fs, NULL, 1, 0, read_if_odd, NULL);
	assert_int_equal(v->unread, 3);
	p = view_toggle_read(v); /* post 0: unread -> read */
	assert_true(p->read);
	assert_int_equal(v->unread, 2);
	view_move(v, 2);
	p = view_open(v); /* opening marks read */
	assert_non_null(p);
	assert_true(p->read);
	assert_int_equal(v->unread, 1);
	assert_int_equal(v->mode, VIEW_MODE_ARTICLE);
	view_close(v);
	view_set_filter(v, "post 4");
	assert_int_equal(view_mark_all_read(v), 1);
	assert_int_equal(v->unread, 0);
	view_free(v);
	free_feed(f);
}

static void
leaves_out_a_post_that_an_earlier_feed_has(void **state)
{
	struct feed *a = make_feed(3, "a");
	struct feed *b = make_feed(3, "b");
	const struct feed *fs[2] = {a, b};
	struct view *v = view_new(false);

	(void)state;
	free(b->items[1].id);
	b->items[1].id = xstrdup("aid1");
	view_set_feeds(v, fs, NULL, 2, 0, NULL, NULL);
	assert_int_equal(v->nposts, 5);
	assert_int_equal(v->unread, 5);
	/* Same time: the first feed first. */
	assert_string_equal(view_visible(v, 0)->item->title, "a post 0");
	assert_string_equal(view_visible(v, 1)->item->title, "b post 0");
	assert_int_equal(view_visible(v, 1)->feed, 1);
	view_free(v);
	free_feed(a);
	free_feed(b);
}

static void
opens_next_and_previous_posts_from_the_article(void **state)
{
	struct feed *f = make_feed(3, "a");
	struct view *v = view_new(false);

	(void)state;
	set_one(v, f, NULL, 0);
	assert_non_null(view_open(v));
	assert_null(view_open_next(v, -1));
	assert_string_equal(view_open_next(v, 1)->item->title, "a post 1");
	assert_string_equal(sel_title(v), "a post 1");
	assert_string_equal(view_open_next(v, 1)->item->title, "a post 2");
	assert_null(view_open_next(v, 1));
	assert_string_equal(view_opened(v)->item->title, "a post 2");
	assert_int_equal(v->unread, 0);
	view_free(v);
	free_feed(f);
}

static void
scrolls_the_article_and_tells_the_position(void **state)
{
	struct view *v = view_new(false);
	char buf[8];

	(void)state;
	view_set_article_rows(v, 10);
	view_set_article(v, 5, 0);
	assert_string_equal(view_pager_position(v, buf), "All");
	assert_false(view_pager_scroll(v, 1));
	view_set_article(v, 110, 0);
	assert_string_equal(view_pager_position(v, buf), "Top");
	assert_true(view_pager_scroll(v, 42));
	assert_string_equal(view_pager_position(v, buf), "42%");
	assert_true(view_pager_scroll(v, -40));
	assert_string_equal(view_pager_position(v, buf), "2%");
	assert_true(view_pager_page(v, 1));
	assert_int_equal(v->ptop, 11);
	assert_true(view_pager_half_page(v, 1));
	assert_int_equal(v->ptop, 16);
	assert_true(view_pager_bottom(v));
	assert_int_equal(v->ptop, 100);
	assert_string_equal(view_pager_position(v, buf), "Bot");
	assert_false(view_pager_scroll(v, 1000));
	assert_true(view_pager_top(v));
	/* A re-wrap to fewer lines clamps the top. */
	view_set_article(v, 110, 90);
	view_set_article_rows(v, 30);
	assert_int_equal(v->ptop, 80);
	view_free(v);
}

static void
finds_in_the_article_with_next_and_previous(void **state)
{
	const char *lines[40];
	struct view *v = view_new(false);
	bool wrapped;
	size_t i;

	(void)state;
	for (i = 0; i < 40; i++)
		lines[i] = "nothing here";
	lines[3] = "Iran and iran and IRAN";
	lines[25] = "the Iranian side";
	view_set_article_rows(v, 10);
	view_set_article(v, 40, 0);
	assert_int_equal(view_find(v, "iran", lines, 40), 4);
	assert_int_equal(v->matches[1].off, 9);
	assert_int_equal(v->matches[3].line, 25);
	assert_int_equal(v->cur, 0);
	assert_int_equal(v->ptop, 0);
	assert_true(view_find_next(v, 1, &wrapped));
	assert_int_equal(v->cur, 1);
	assert_false(wrapped);
	view_find_next(v, 1, &wrapped);
	view_find_next(v, 1, &wrapped);
	assert_int_equal(v->cur, 3);
	assert_int_equal(v->ptop, 23); /* two lines of context */
	view_find_next(v, 1, &wrapped);
	assert_true(wrapped);
	assert_int_equal(v->cur, 0);
	assert_int_equal(v->ptop, 1);
	view_find_next(v, -1, &wrapped);
	assert_true(wrapped);
	assert_int_equal(v->cur, 3);
	assert_int_equal(view_match_from(v, 4), 3);
	/* After scrolling away, n starts from the screen. */
	view_pager_top(v);
	view_pager_scroll(v, 5);
	view_find_next(v, 1, &wrapped);
	assert_int_equal(v->cur, 3);
	/* A re-wrap finds again without scrolling. */
	view_pager_top(v);
	view_set_article(v, 40, 20);
	assert_int_equal(v->nmatches, 0);
	view_find_again(v, lines, 40);
	assert_int_equal(v->nmatches, 4);
	assert_int_equal(v->ptop, 20);
	assert_int_equal(v->cur, 3);
	assert_int_equal(view_find(v, "absent", lines, 40), 0);
	assert_false(view_find_next(v, 1, &wrapped));
	assert_int_equal(view_find(v, "", lines, 40), 0);
	assert_null(v->find);
	view_free(v);
}

static void
lays_out_full_beside_and_above(void **state)
{
	struct view_geom g;

	(void)state;
	view_layout(VIEW_LAYOUT_AUTO, 100, 30, &g);
	assert_int_equal(g.layout, VIEW_LAYOUT_FULL);
	assert_int_equal(g.list.y, 1);
	assert_int_equal(g.list.h, 28);
	assert_int_equal(g.status.y, 29);
	view_layout(VIEW_LAYOUT_AUTO, 200, 50, &g);
	assert_int_equal(g.layout, VIEW_LAYOUT_BESIDE);
	assert_int_equal(g.list.w + g.sep.w + g.article.w, 200);
	assert_true(g.article.w <= 104);
	view_layout(VIEW_LAYOUT_AUTO, 100, 60, &g);
	assert_int_equal(g.layout, VIEW_LAYOUT_ABOVE);
	assert_int_equal(g.list.h + g.sep.h + g.article.h, 58);
	view_layout(VIEW_LAYOUT_SPLIT, 130, 30, &g);
	assert_int_equal(g.layout, VIEW_LAYOUT_BESIDE);
	view_layout(VIEW_LAYOUT_SPLIT, 80, 24, &g);
	assert_int_equal(g.layout, VIEW_LAYOUT_ABOVE);
	view_layout(VIEW_LAYOUT_SPLIT, 40, 10, &g);
	assert_int_equal(g.layout, VIEW_LAYOUT_FULL);
	assert_int_equal(g.list.h, 8);
	view_layout(VIEW_LAYOUT_FULL, 1, 1, &g);
	assert_int_equal(g.list.h, 0);
}

static void
collects_digits_for_a_link_number(void **state)
{
	struct view *v = view_new(false);

	(void)state;
	assert_int_equal(view_digits_take(v), 0);
	assert_false(view_digit(v, '0')); /* no leading zero */
	assert_true(view_digit(v, '1'));
	assert_true(view_digit(v, '2'));
	assert_false(view_digit(v, 'x'));
	assert_string_equal(v->digits, "12");
	assert_int_equal(view_digits_take(v), 12);
	assert_int_equal(v->ndigits, 0);
	for (int i = 0; i < VIEW_DIGITS_MAX; i++)
		assert_true(view_digit(v, '9'));
	assert_false(view_digit(v, '9'));
	view_digits_clear(v);
	assert_int_equal(view_digits_take(v), 0);
	view_free(v);
}

static void
help_scrolls_and_goes_back_where_it_came_from(void **state)
{
	struct feed *f = make_feed(3, "a");
	struct view *v = view_new(false);

	(void)state;
	set_one(v, f, NULL, 0);
	view_set_body_rows(v, 10);
	view_open(v);
	view_help(v, 25);
	assert_int_equal(v->mode, VIEW_MODE_HELP);
	assert_true(view_help_scroll(v, 100));
	assert_int_equal(v->htop, 15);
	view_help_close(v);
	assert_int_equal(v->mode, VIEW_MODE_ARTICLE);
	view_free(v);
	free_feed(f);
}

static void
tab_switches_focus_only_in_a_split_with_an_article(void **state)
{
	struct feed *f = make_feed(3, "a");
	struct view *v = view_new(false);

	(void)state;
	set_one(v, f, NULL, 0);
	assert_false(view_focus_toggle(v));
	view_set_split(v, true);
	assert_false(view_focus_toggle(v)); /* nothing open yet */
	view_open(v);
	assert_true(view_focus_toggle(v));
	assert_int_equal(v->mode, VIEW_MODE_LIST);
	assert_true(view_focus_toggle(v));
	assert_int_equal(v->mode, VIEW_MODE_ARTICLE);
	view_free(v);
	free_feed(f);
}

static bool
read_if_3(const char *key, void *arg)
{
	(void)arg;
	return strcmp(key, "aid3") == 0;
}

static void
keeps_the_open_post_across_a_refresh(void **state)
{
	struct feed *f = make_feed(5, "a");
	struct feed *g = make_feed(5, "a");
	const struct feed *fs[1] = {g};
	struct view *v = view_new(false);

	(void)state;
	set_one(v, f, NULL, 0);
	view_move(v, 3);
	view_open(v);
	g->items[0].published = T0 + 60; /* reorder a little */
	view_set_feeds(v, fs, NULL, 1, 0, read_if_3, NULL);
	free_feed(f);
	assert_string_equal(view_opened(v)->item->title, "a post 3");
	assert_true(view_opened(v)->read);
	view_free(v);
	free_feed(g);
}

static void
prepares_the_selected_post_and_those_after_it(void **state)
{
	struct feed *f = make_feed(8, "a");
	struct view *v = view_new(false);
	size_t out[8], n;

	(void)state;
	view_set_rows(v, 5);
	set_one(v, f, NULL, 0);
	n = view_ahead(v, 3, out);
	assert_int_equal(n, 3);
	assert_string_equal(v->posts[out[0]].item->title, "a post 0");
	assert_string_equal(v->posts[out[2]].item->title, "a post 2");
	/* Reading post 5: the open post is left out, the next ones come. */
	view_move(v, 5);
	assert_non_null(view_open(v));
	n = view_ahead(v, 3, out);
	assert_int_equal(n, 2);
	assert_string_equal(v->posts[out[0]].item->title, "a post 6");
	assert_string_equal(v->posts[out[1]].item->title, "a post 7");
	/* Only visible posts: a filter narrows them. */
	view_close(v);
	view_set_filter(v, "post 7");
	n = view_ahead(v, 3, out);
	assert_int_equal(n, 1);
	assert_string_equal(v->posts[out[0]].item->title, "a post 7");
	assert_int_equal(view_find_key(v, "aid3"), 3); /* newest first */
	assert_int_equal(view_find_key(v, "nope"), SIZE_MAX);
	assert_int_equal(view_ahead(v, 0, out), 0);
	view_free(v);
	free_feed(f);
}

static void
handles_an_empty_list(void **state)
{
	struct feed *f = make_feed(0, "a");
	struct view *v = view_new(true);
	char buf[8];

	(void)state;
	set_one(v, f, NULL, 0);
	assert_int_equal(v->nvis, 0);
	assert_null(view_selected(v));
	assert_null(view_open(v));
	assert_false(view_page(v, 1));
	assert_false(view_last(v));
	assert_false(view_click(v, 0));
	assert_false(view_scroll(v, 3));
	assert_null(view_toggle_read(v));
	assert_int_equal(view_mark_all_read(v), 0);
	assert_string_equal(view_pager_position(v, buf), "All");
	view_menu(v);
	assert_int_equal(v->ncats, 1);
	view_free(v);
	free_feed(f);
}

static void
keys_posts_by_id_then_link_then_title(void **state)
{
	struct feed_item it;

	(void)state;
	memset(&it, 0, sizeof(it));
	assert_string_equal(view_post_key(&it), "");
	it.title = (char *)(uintptr_t) "t";
	assert_string_equal(view_post_key(&it), "t");
	it.link = (char *)(uintptr_t) "https://x/";
	assert_string_equal(view_post_key(&it), "https://x/");
	it.id = (char *)(uintptr_t) "";
	assert_string_equal(view_post_key(&it), "https://x/");
	it.id = (char *)(uintptr_t) "guid";
	assert_string_equal(view_post_key(&it), "guid");
}

/* is_read for the tests: the keys listed in arg (NULL-terminated). */
static bool
read_in(const char *key, void *arg)
{
	const char *const *k;

	for (k = arg; *k != NULL; k++)
		if (strcmp(*k, key) == 0)
			return true;
	return false;
}

static void
counts_posts_once_across_feeds(void **state)
{
	struct feed *a = make_feed(5, "a"), *b = make_feed(3, "b");
	const struct feed *fs[3];
	const char *read[] = {"aid0", "bid2", NULL};
	size_t total, unread;

	(void)state;
	/* b's post 1 is a's post 3: the same id. */
	free(b->items[1].id);
	b->items[1].id = xstrdup("aid3");
	fs[0] = a;
	fs[1] = b;
	fs[2] = NULL; /* a feed not loaded yet */
	view_count(fs, 3, read_in, (void *)read, &total, &unread);
	assert_int_equal(total, 7);
	assert_int_equal(unread, 5);
	view_count(fs + 1, 1, read_in, (void *)read, &total, &unread);
	assert_int_equal(total, 3);
	assert_int_equal(unread, 2);
	view_count(fs, 2, NULL, NULL, &total, &unread);
	assert_int_equal(unread, 7);
	view_count(fs, 0, NULL, NULL, &total, &unread);
	assert_int_equal(total, 0);
	assert_int_equal(unread, 0);
	free_feed(a);
	free_feed(b);
}

static void
moves_clicks_and_scrolls_the_feeds_screen(void **state)
{
	struct view *v = view_new(false);

	(void)state;
	view_set_body_rows(v, 4);
	view_feeds(v, 10, 0);
	assert_int_equal(v->mode, VIEW_MODE_FEEDS);
	assert_int_equal(v->fsel, 0);
	assert_false(view_feeds_move(v, -1));
	assert_true(view_feeds_move(v, 5));
	assert_int_equal(v->fsel, 5);
	assert_int_equal(v->ftop, 2); /* the selection on the last row */
	assert_true(view_feeds_move(v, 100));
	assert_int_equal(v->fsel, 9);
	assert_int_equal(v->ftop, 6);
	assert_true(view_feeds_click(v, 0));
	assert_int_equal(v->fsel, 6);
	assert_false(view_feeds_click(v, 4)); /* past the last row */
	assert_int_equal(v->fsel, 6);
	/* A taller screen scrolls back as far as it can. */
	view_set_body_rows(v, 8);
	assert_int_equal(v->ftop, 2);
	/* Help from the feeds screen comes back to it. */
	view_help(v, 3);
	assert_int_equal(v->mode, VIEW_MODE_HELP);
	view_help_close(v);
	assert_int_equal(v->mode, VIEW_MODE_FEEDS);
	/* Fewer entries: the selection is clamped. */
	view_feeds(v, 3, 7);
	assert_int_equal(v->fsel, 2);
	assert_int_equal(v->ftop, 0);
	view_free(v);
}

static void
a_feeds_list_starts_afresh_or_where_it_was(void **state)
{
	struct feed *a = make_feed(20, "a"), *b = make_feed(20, "b");
	struct view *v = view_new(false);
	const char *lines[] = {"x"};
	char *key;
	size_t off;

	(void)state;
	view_set_rows(v, 5);
	set_one(v, a, NULL, 0);
	view_move(v, 7);
	view_set_filter(v, "post");
	view_open(v);
	view_set_article(v, 1, 0);
	view_find(v, "x", lines, 1);
	view_close(v);
	assert_string_equal(sel_title(v), "a post 7");
	key = xstrdup(v->sel_key);
	off = view_sel_offset(v);
	assert_int_equal(off, 4);

	/* Another feed: from its top, nothing of the list left. */
	view_list_reset(v);
	set_one(v, b, NULL, 0);
	assert_int_equal(v->mode, VIEW_MODE_LIST);
	assert_null(v->filter);
	assert_null(v->category);
	assert_null(v->find);
	assert_null(view_opened(v));
	assert_string_equal(sel_title(v), "b post 0");
	assert_int_equal(v->top, 0);
	assert_false(view_select_key(v, key, off)); /* not in b */
	assert_string_equal(sel_title(v), "b post 0");
	view_move(v, 2);

	/* Back to the first: the same post on the same row. */
	view_list_reset(v);
	set_one(v, a, NULL, 0);
	assert_true(view_select_key(v, key, off));
	assert_string_equal(sel_title(v), "a post 7");
	assert_int_equal(sel_screen_row(v), 4);
	assert_false(view_select_key(v, NULL, 0));
	free(key);
	view_free(v);
	free_feed(a);
	free_feed(b);
}

/*
 * The tail row after the last post ("loading older posts…"): counted in
 * the list, brought into view with the last post, never a post, and
 * not shown for an empty list.
 */
static void
the_tail_row_follows_the_last_post(void **state)
{
	struct view *v = view_new(false);
	struct feed *f = make_feed(10, "a");
	size_t row, i;
	bool second;

	(void)state;
	view_set_rows(v, 5);
	set_one(v, f, NULL, 0);
	assert_false(view_tail_row(v, &row));
	assert_int_equal(view_list_rows(v), 10);
	view_set_tail(v, "loading older posts…");
	assert_int_equal(view_list_rows(v), 11);
	assert_true(view_tail_row(v, &row));
	assert_int_equal(row, 10);
	assert_false(view_post_at_row(v, 10, &i, &second));
	/* Not at the end: nothing scrolls. */
	assert_int_equal(v->top, 0);
	/* The last post shows the row under it. */
	view_last(v);
	assert_int_equal(v->sel, 9);
	assert_int_equal(v->top, 6);
	assert_false(view_click(v, 4));
	assert_int_equal(v->sel, 9);
	/* Setting it while on the last post scrolls it into view. */
	view_set_tail(v, NULL);
	view_last(v);
	assert_int_equal(v->top, 5);
	view_set_tail(v, "no older posts");
	assert_int_equal(v->top, 6);
	/* Taken away: the list's end comes back up. */
	view_set_tail(v, NULL);
	view_scroll(v, 10);
	assert_int_equal(v->top, 5);
	/* An empty list shows no tail. */
	view_set_tail(v, "no older posts");
	view_set_filter(v, "nothing matches this");
	assert_int_equal(v->nvis, 0);
	assert_false(view_tail_row(v, &row));
	assert_int_equal(view_list_rows(v), 0);
	view_free(v);
	free_feed(f);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(lists_newest_first_with_undated_last),
	    cmocka_unit_test(puts_new_posts_above_a_divider),
	    cmocka_unit_test(the_tail_row_follows_the_last_post),
	    cmocka_unit_test(
	        labels_the_divider_with_the_count_and_the_last_visit),
	    cmocka_unit_test(
	        keeps_the_selection_and_its_row_when_a_refresh_adds_posts),
	    cmocka_unit_test(
	        starts_the_pane_with_a_whole_post_at_the_end_of_the_list),
	    cmocka_unit_test(scrolls_to_keep_two_row_posts_visible),
	    cmocka_unit_test(
	        pages_and_half_pages_move_the_selection_with_the_list),
	    cmocka_unit_test(wheel_scrolls_and_click_selects),
	    cmocka_unit_test(filters_by_title_or_excerpt_ignoring_case),
	    cmocka_unit_test(chooses_a_category_from_the_menu),
	    cmocka_unit_test(counts_toggles_and_marks_read),
	    cmocka_unit_test(leaves_out_a_post_that_an_earlier_feed_has),
	    cmocka_unit_test(opens_next_and_previous_posts_from_the_article),
	    cmocka_unit_test(scrolls_the_article_and_tells_the_position),
	    cmocka_unit_test(finds_in_the_article_with_next_and_previous),
	    cmocka_unit_test(lays_out_full_beside_and_above),
	    cmocka_unit_test(collects_digits_for_a_link_number),
	    cmocka_unit_test(help_scrolls_and_goes_back_where_it_came_from),
	    cmocka_unit_test(
	        tab_switches_focus_only_in_a_split_with_an_article),
	    cmocka_unit_test(keeps_the_open_post_across_a_refresh),
	    cmocka_unit_test(prepares_the_selected_post_and_those_after_it),
	    cmocka_unit_test(handles_an_empty_list),
	    cmocka_unit_test(counts_posts_once_across_feeds),
	    cmocka_unit_test(moves_clicks_and_scrolls_the_feeds_screen),
	    cmocka_unit_test(a_feeds_list_starts_afresh_or_where_it_was),
	    cmocka_unit_test(keys_posts_by_id_then_link_then_title),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
