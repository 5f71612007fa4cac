/*
 * ui -- curses setup and teardown, signals, and the event loop.
 *
 * One loop waits on the terminal, the self-pipe of the signal handlers
 * and the transfers at once (net_poll), with a timeout only for what is
 * due: the minute the ages tick over, the periodic refresh.  Idle, it
 * sleeps in poll(2).  *as in sfeed_curses: signal handlers set flags,
 * the loop acts on them.*
 */
#include "ui.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include "article.h"
#include "utf8.h"
#include "util.h"

static volatile sig_atomic_t got_winch, got_term, got_chld;
static int sig_wfd = -1;
static bool curses_on;

static void
on_signal(int sig)
{
	int e = errno;

	if (sig == SIGWINCH)
		got_winch = 1;
	else if (sig == SIGCHLD)
		got_chld = 1;
	else
		got_term = sig;
	if (sig_wfd != -1)
		(void)!write(sig_wfd, "", 1);
	errno = e;
}

/* Restore the terminal; safe to call twice, and from die(). */
static void
teardown(void)
{
	if (!curses_on)
		return;
	curses_on = false;
	endwin();
}

static int
set_handlers(void)
{
	static const int sigs[] = {SIGWINCH, SIGCHLD, SIGINT, SIGTERM, SIGHUP};
	struct sigaction sa;
	size_t i;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	for (i = 0; i < NITEMS(sigs); i++)
		if (sigaction(sigs[i], &sa, NULL) == -1)
			return -1;
	sa.sa_handler = SIG_IGN;
	return sigaction(SIGPIPE, &sa, NULL);
}

static int
self_pipe(int fds[2])
{
	int i, fl;

	if (pipe(fds) == -1)
		return -1;
	for (i = 0; i < 2; i++) {
		fl = fcntl(fds[i], F_GETFL);
		if (fl == -1 || fcntl(fds[i], F_SETFL, fl | O_NONBLOCK) == -1 ||
		    fcntl(fds[i], F_SETFD, FD_CLOEXEC) == -1)
			return -1;
	}
	return 0;
}

time_t
ui_now(const struct ui *u)
{
	return u->opts->fixed_now != 0 ? u->opts->fixed_now : time(NULL);
}

void
ui_message(struct ui *u, bool error, const char *fmt, ...)
{
	va_list ap;

	free(u->msg);
	va_start(ap, fmt);
	u->msg = xvasprintf(fmt, ap);
	va_end(ap);
	u->msg_error = error;
	u->dirty |= UI_DIRTY_STATUS;
}

/* --- Colors --- */

static attr_t
attrs_of(unsigned a, bool italic)
{
	attr_t r = A_NORMAL;

	if (a & CONFIG_ATTR_BOLD)
		r |= A_BOLD;
	if (a & CONFIG_ATTR_UNDERLINE)
		r |= A_UNDERLINE;
	if (a & CONFIG_ATTR_REVERSE)
		r |= A_REVERSE;
	if (a & CONFIG_ATTR_DIM)
		r |= A_DIM;
	if (a & CONFIG_ATTR_BLINK)
		r |= A_BLINK;
	if ((a & CONFIG_ATTR_ITALIC) && italic)
		r |= A_ITALIC;
	return r;
}

static int
color_fit(int c)
{
	if (c < 0)
		return -1;
	if (c < COLORS)
		return c;
	/* A 256-color value on a smaller terminal: its basic color. */
	return c < 16 ? c % 8 : -1;
}

static void
setup_colors(struct ui *u)
{
	const char *sitm = tigetstr("sitm");
	int i;

	u->italic = sitm != NULL && sitm != (char *)-1;
	u->color = !u->opts->no_color && has_colors();
	if (u->color && start_color() == ERR)
		u->color = false;
	if (u->color)
		use_default_colors();
	for (i = 0; i < CONFIG_EL_COUNT; i++) {
		const struct config_color *c = &u->cfg->colors[i];

		u->attr[i] = attrs_of(c->attrs, u->italic);
		if (u->color &&
		    (c->fg != CONFIG_COLOR_DEFAULT ||
		        c->bg != CONFIG_COLOR_DEFAULT) &&
		    i + 1 < COLOR_PAIRS &&
		    init_pair((short)(i + 1), (short)color_fit(c->fg),
		        (short)color_fit(c->bg)) != ERR)
			u->attr[i] |= COLOR_PAIR(i + 1);
	}
	if (!u->color) {
		/* Monochrome: attributes carry what colors would. */
		u->attr[CONFIG_EL_SELECTION] |= A_REVERSE;
		u->attr[CONFIG_EL_HEADER] |= A_BOLD;
		u->attr[CONFIG_EL_UNREAD] |= A_BOLD;
		u->attr[CONFIG_EL_ERROR] |= A_BOLD;
		u->attr[CONFIG_EL_SEARCH] |= A_REVERSE;
	}
}

/* --- Feeds --- */

static bool
is_read_cb(const char *key, void *arg)
{
	return state_is_read(arg, key);
}

/* Give the view the feeds as they are now. */
static void
set_feeds(struct ui *u, time_t since)
{
	const struct feed **fs = xcalloc(u->nfeeds, sizeof(*fs));
	const time_t **seen = xcalloc(u->nfeeds, sizeof(*seen));
	time_t now = ui_now(u);
	size_t i;

	for (i = 0; i < u->nfeeds; i++) {
		fs[i] = u->feeds[i].res.feed;
		seen[i] = u->feeds[i].res.first_seen;
	}
	view_set_feeds(u->view, fs, seen, u->nfeeds, since, is_read_cb,
	    u->state);
	/* Read posts still listed keep their marks (state.h). */
	for (i = 0; i < u->view->nposts; i++)
		if (u->view->posts[i].read)
			state_touch(u->state,
			    view_post_key(u->view->posts[i].item), now);
	free(fs);
	free(seen);
	u->dirty = UI_DIRTY_ALL;
}

static void
refresh_done(struct load_result *res, void *arg)
{
	struct ui_feed *f = arg;
	struct ui *u = f->ui;
	struct load_result old;

	f->job = NULL;
	f->shown_kb = 0;
	u->dirty = UI_DIRTY_ALL;
	if (res->warning != NULL)
		ui_message(u, true, "%s", res->warning);
	if (res->error != NULL) {
		free(f->error);
		f->error = xstrdup(res->error);
		load_result_clear(res);
		return;
	}
	free(f->error);
	f->error = NULL;
	f->checked = ui_now(u);
	if (res->feed == NULL) { /* 304: what we show is current */
		load_result_clear(res);
		return;
	}
	/* The view borrows the old feed until it has the new one. */
	old = f->res;
	f->res = *res;
	memset(res, 0, sizeof(*res));
	set_feeds(u, u->view->since);
	load_result_clear(&old);
}

void
ui_refresh(struct ui *u)
{
	struct load_opts lo = u->opts->load;
	size_t i, started = 0, running = 0;
	char *cause = NULL;

	if (lo.offline) {
		ui_message(u, false, "offline: not refreshing");
		return;
	}
	lo.now = ui_now(u);
	lo.refresh = true;
	lo.parse_flags |= FEED_PARSE_NO_CONTENT; /* load_body() on open */
	for (i = 0; i < u->nfeeds; i++) {
		struct ui_feed *f = &u->feeds[i];

		if (f->job != NULL) {
			running++;
			continue;
		}
		if (load_is_local(f->url) || u->net == NULL)
			continue;
		f->job =
		    load_refresh(u->net, f->url, &lo, refresh_done, f, &cause);
		if (f->job == NULL) {
			free(f->error);
			f->error = cause;
			cause = NULL;
		} else
			started++;
	}
	if (started == 0 && running > 0)
		ui_message(u, false, "already fetching");
	if (u->cfg->refresh_interval > 0)
		u->next_refresh = lo.now + u->cfg->refresh_interval;
	u->dirty |= UI_DIRTY_HEADER;
}

void
ui_record_read(struct ui *u, const struct view_post *p)
{
	if (p == NULL)
		return;
	state_set_read(u->state, view_post_key(p->item), p->read, ui_now(u));
	u->dirty |= UI_DIRTY_HEADER | UI_DIRTY_LIST;
}

/* --- The article --- */

static size_t
article_width(const struct ui *u)
{
	size_t w = (size_t)u->geom.article.w, max;

	max = u->cfg->max_width > 0 ? (size_t)u->cfg->max_width
	                            : ARTICLE_MAX_WIDTH;
	if (w > 4)
		w -= 2; /* a margin each side */
	return w > max ? max : w;
}

/* Lay the open article out at the pane's width, keeping the top line. */
static void
rewrap(struct ui *u, bool keep)
{
	size_t width = article_width(u), block = 0, pos = 0, top = 0, i;

	if (u->doc == NULL)
		return;
	if (keep && u->wrap != NULL && u->wrap_width == width)
		return;
	if (keep && u->wrap != NULL && u->view->ptop < u->wrap->nlines) {
		block = u->wrap->lines[u->view->ptop].block;
		pos = u->wrap->lines[u->view->ptop].pos;
	}
	wrap_free(u->wrap);
	u->wrap = wrap_lines(u->doc, width);
	u->wrap_width = width;
	if (keep)
		top = wrap_find(u->wrap, block, pos);
	free(u->texts);
	u->texts =
	    xcalloc(u->wrap->nlines ? u->wrap->nlines : 1, sizeof(*u->texts));
	for (i = 0; i < u->wrap->nlines; i++)
		u->texts[i] = u->wrap->lines[i].text;
	view_set_article(u->view, u->wrap->nlines, top);
	view_find_again(u->view, u->texts, u->wrap->nlines);
	u->dirty |= UI_DIRTY_ARTICLE | UI_DIRTY_STATUS;
}

/*
 * The post's body, read from the cache now that it is opened (a start
 * reads the list only).
 */
static void
load_post_body(struct ui *u, const struct feed_item *it)
{
	struct load_result *res;
	char *cause = NULL;
	size_t i;

	for (i = 0; i < u->nfeeds; i++) {
		res = &u->feeds[i].res;
		if (res->feed == NULL || it < res->feed->items ||
		    it >= res->feed->items + res->feed->nitems)
			continue;
		if (load_body(res, (size_t)(it - res->feed->items), &cause) ==
		    -1) {
			ui_message(u, true, "%s", cause);
			free(cause);
		}
		return;
	}
}

void
ui_show_article(struct ui *u)
{
	const struct view_post *p = view_opened(u->view);

	if (p == NULL)
		return;
	load_post_body(u, p->item);
	ui_record_read(u, p);
	html_free(u->doc);
	u->doc = article_render_item(p->item);
	wrap_free(u->wrap);
	u->wrap = NULL;
	rewrap(u, false);
	u->dirty = UI_DIRTY_ALL;
}

/* --- Layout --- */

static enum view_layout
layout_pref(const struct ui *u)
{
	switch (u->layout) {
	case CONFIG_LAYOUT_FULL:
		return VIEW_LAYOUT_FULL;
	case CONFIG_LAYOUT_SPLIT:
		return VIEW_LAYOUT_SPLIT;
	default:
		return VIEW_LAYOUT_AUTO;
	}
}

void
ui_relayout(struct ui *u)
{
	getmaxyx(stdscr, u->rows, u->cols);
	view_layout(layout_pref(u), u->cols, u->rows, &u->geom);
	view_set_split(u->view, u->geom.layout != VIEW_LAYOUT_FULL);
	view_set_rows(u->view, (size_t)u->geom.list.h);
	view_set_article_rows(u->view, (size_t)u->geom.article.h);
	view_set_body_rows(u->view, (size_t)(u->rows > 2 ? u->rows - 2 : 1));
	rewrap(u, true);
	u->dirty = UI_DIRTY_ALL;
}

/* --- The loop --- */

static void
on_resize(struct ui *u)
{
	struct winsize ws;

	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_row > 0 &&
	    ws.ws_col > 0)
		resizeterm(ws.ws_row, ws.ws_col);
	ui_relayout(u);
	clearok(curscr, TRUE);
}

/* Milliseconds until something is due; -1 for nothing. */
static int
next_timeout(struct ui *u)
{
	time_t now = ui_now(u), due = 0;
	long ms;

	if (u->opts->fixed_now == 0)
		due = now - now % 60 + 60; /* ages tick over */
	if (u->next_refresh != 0 && (due == 0 || u->next_refresh < due))
		due = u->next_refresh;
	if (due == 0)
		return -1;
	ms = (long)(due - now) * 1000;
	if (ms < 0)
		ms = 0;
	/* Progress of a running fetch is drawn as data arrives; the
	 * timeout only bounds how stale "updated N min ago" gets. */
	return ms > INT_MAX ? INT_MAX : (int)ms;
}

static void
check_progress(struct ui *u)
{
	size_t i;

	for (i = 0; i < u->nfeeds; i++) {
		uint64_t now = 0, total = 0;

		if (u->feeds[i].job == NULL)
			continue;
		load_progress(u->feeds[i].job, &now, &total);
		if (now / 1024 != u->feeds[i].shown_kb) {
			u->feeds[i].shown_kb = now / 1024;
			u->dirty |= UI_DIRTY_HEADER;
		}
	}
}

static void
read_input(struct ui *u)
{
	wint_t wc;
	int r;

	while (!u->quit && (r = get_wch(&wc)) != ERR) {
		if (r == KEY_CODE_YES) {
			if (wc == KEY_RESIZE)
				ui_relayout(u);
			else if (wc == KEY_MOUSE)
				ui_mouse(u);
			else
				ui_key(u, -(int)wc); /* curses key code */
		} else
			ui_key(u, (int)wc);
	}
}

static void
save_state(struct ui *u)
{
	char *cause = NULL;

	if (!state_dirty(u->state))
		return;
	if (state_save(u->state, ui_now(u), u->cfg->keep_days, &cause) == -1) {
		ui_message(u, true, "saving read marks: %s", cause);
		free(cause);
	}
}

static void
loop(struct ui *u)
{
	struct pollfd fds[2];
	time_t now;
	char drain[64];
	int n;

	while (!u->quit) {
		if (got_term)
			break;
		if (got_winch) {
			got_winch = 0;
			on_resize(u);
		}
		if (got_chld) {
			got_chld = 0;
			while (waitpid(-1, NULL, WNOHANG) > 0)
				;
		}
		now = ui_now(u);
		if (now / 60 != u->drawn_minute) {
			u->drawn_minute = now / 60;
			u->dirty |= UI_DIRTY_HEADER | UI_DIRTY_LIST;
		}
		if (u->next_refresh != 0 && now >= u->next_refresh)
			ui_refresh(u);
		save_state(u);
		if (u->dirty)
			ui_draw(u);
		fds[0].fd = STDIN_FILENO;
		fds[0].events = POLLIN;
		fds[1].fd = u->sigpipe[0];
		fds[1].events = POLLIN;
		fds[0].revents = fds[1].revents = 0;
		if (u->net != NULL)
			n = net_poll(u->net, fds, 2, next_timeout(u));
		else
			n = poll(fds, 2, next_timeout(u));
		if (n == -1 && errno != EINTR)
			die("poll");
		if (fds[1].revents & POLLIN)
			while (read(u->sigpipe[0], drain, sizeof(drain)) > 0)
				;
		if (fds[0].revents & (POLLHUP | POLLERR | POLLNVAL))
			break; /* the terminal is gone */
		read_input(u);
		check_progress(u);
	}
	save_state(u);
}

static void
load_start(struct ui *u)
{
	struct load_opts lo = u->opts->load;
	time_t since = 0;
	size_t i;

	lo.now = ui_now(u);
	lo.parse_flags |= FEED_PARSE_NO_CONTENT; /* load_body() on open */
	for (i = 0; i < u->nfeeds; i++) {
		struct ui_feed *f = &u->feeds[i];

		/* Not in the cache: the refresh fetches it.  A file's error,
		 * or offline, is final. */
		if (load_cached(f->url, &lo, &f->res) == -1 &&
		    (load_is_local(f->url) || lo.offline)) {
			f->error = f->res.error;
			f->res.error = NULL;
		}
		free(f->res.error);
		f->res.error = NULL;
		if (f->res.warning != NULL)
			ui_message(u, true, "%s", f->res.warning);
		f->checked = f->res.fetched;
		if (f->res.fetched != 0 &&
		    (since == 0 || f->res.fetched < since))
			since = f->res.fetched;
	}
	set_feeds(u, since);
}

int
ui_run(const struct ui_opts *o)
{
	struct ui u;
	char *cause = NULL, *warning = NULL;
	SCREEN *scr = NULL;
	size_t i;
	int rc = 0;

	memset(&u, 0, sizeof(u));
	u.opts = o;
	u.cfg = o->cfg;
	u.layout = o->cfg->layout;
	u.view = view_new(o->cfg->excerpts);
	buf_init(&u.input, 4096);
	buf_init(&u.scratch, BUF_NOLIMIT);
	u.sigpipe[0] = u.sigpipe[1] = -1;
	u.nfeeds = o->nurls;
	u.feeds = xcalloc(u.nfeeds ? u.nfeeds : 1, sizeof(*u.feeds));
	for (i = 0; i < u.nfeeds; i++) {
		u.feeds[i].ui = &u;
		u.feeds[i].url = o->urls[i];
		u.feeds[i].title = o->titles != NULL ? o->titles[i] : NULL;
	}
	u.state = state_open(NULL, &warning);
	if (warning != NULL) {
		ui_message(&u, true, "%s", warning);
		free(warning);
	}
	/* The cached list first: the screen comes up with it.  The posts'
	 * bodies stay in the cache until one is opened. */
	load_start(&u);

	if (self_pipe(u.sigpipe) == -1 || set_handlers() == -1) {
		fprintf(stderr, "ifpnews: signals: %s\n", strerror(errno));
		rc = 1;
		goto out;
	}
	sig_wfd = u.sigpipe[1];
	scr = newterm(NULL, stdout, stdin);
	if (scr == NULL) {
		fprintf(stderr, "ifpnews: cannot use the terminal (TERM=%s)\n",
		    getenv("TERM") != NULL ? getenv("TERM") : "");
		rc = 1;
		goto out;
	}
	curses_on = true;
	die_set_cleanup(teardown);
	cbreak();
	noecho();
	nonl();
	intrflush(stdscr, FALSE);
	keypad(stdscr, TRUE);
	nodelay(stdscr, TRUE);
	set_escdelay(25);
	curs_set(0);
	mousemask(BUTTON1_PRESSED | BUTTON4_PRESSED | BUTTON5_PRESSED, NULL);
	mouseinterval(0);
	setup_colors(&u);
	ui_help_build(&u);
	ui_relayout(&u);
	ui_draw(&u);

	if (!o->load.offline) {
		u.net = net_new(&cause);
		if (u.net == NULL) {
			ui_message(&u, true, "network: %s", cause);
			free(cause);
		}
	}
	for (i = 0; i < u.nfeeds; i++)
		if (u.feeds[i].res.stale || o->load.refresh ||
		    u.feeds[i].res.feed == NULL)
			break;
	if (i < u.nfeeds)
		ui_refresh(&u);
	else if (u.cfg->refresh_interval > 0)
		u.next_refresh = ui_now(&u) + u.cfg->refresh_interval;
	loop(&u);

out:
	teardown();
	die_set_cleanup(NULL);
	sig_wfd = -1;
	for (i = 0; i < 2; i++)
		if (u.sigpipe[i] != -1)
			close(u.sigpipe[i]);
	for (i = 0; i < u.nfeeds; i++)
		if (u.feeds[i].job != NULL)
			load_cancel(u.feeds[i].job);
	net_free(u.net);
	for (i = 0; i < u.nfeeds; i++) {
		load_result_clear(&u.feeds[i].res);
		free(u.feeds[i].error);
	}
	free(u.feeds);
	view_free(u.view);
	state_free(u.state);
	html_free(u.doc);
	wrap_free(u.wrap);
	free(u.texts);
	for (i = 0; i < u.nhelp; i++)
		free(u.help[i]);
	free(u.help);
	buf_clear(&u.input);
	buf_clear(&u.scratch);
	free(u.saved_filter);
	free(u.msg);
	if (scr != NULL)
		delscreen(scr);
	if (got_term) {
		/* Die of the signal, as the caller expects, with the
		 * terminal restored. */
		signal((int)got_term, SIG_DFL);
		raise((int)got_term);
	}
	return rc;
}
