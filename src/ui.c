/*
 * ui -- curses setup and teardown, signals, and the event loop.
 *
 * One loop waits on the terminal, the self-pipe of the signal handlers
 * and the transfers at once (net_poll), with a timeout only for what is
 * due: the minute the ages tick over, the periodic refresh, the end of
 * a minute that held the config's prefetch of pages.  Idle, it
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
#include "verdict.h"

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
	if (u->opts->fixed_now == 0)
		return time(NULL);
	if (u->opts->clock_runs)
		return u->opts->fixed_now + (time(NULL) - u->started);
	return u->opts->fixed_now;
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
	/* Before start_color(): after it, pair 0's change has ncurses
	 * look at every cell of the screen for it. */
	if (u->color)
		use_default_colors();
	if (u->color && start_color() == ERR)
		u->color = false;
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

bool
ui_entry_has(const struct ui *u, size_t e, size_t i)
{
	(void)u;
	return e == 0 || e == i + 1;
}

/* Room for every feed and older page (entry_feeds fills it). */
static size_t
npages(const struct ui *u)
{
	size_t i, n = u->nfeeds;

	for (i = 0; i < u->nfeeds; i++)
		n += u->feeds[i].nolder;
	return n > 0 ? n : 1;
}

/*
 * The feeds of entry e into fs: each feed's first page (with the times
 * its posts were first seen into seen, unless NULL), then the older pages
 * loaded on demand (never new: their posts were only not asked for
 * before).  Returns how many.
 */
static size_t
entry_feeds(const struct ui *u, size_t e, const struct feed **fs,
    const time_t **seen)
{
	size_t i, j, n = 0;

	for (i = 0; i < u->nfeeds; i++) {
		if (!ui_entry_has(u, e, i))
			continue;
		if (seen != NULL)
			seen[n] = u->feeds[i].res.first_seen;
		fs[n++] = u->feeds[i].res.feed;
	}
	for (i = 0; i < u->nfeeds; i++) {
		if (!ui_entry_has(u, e, i))
			continue;
		for (j = 0; j < u->feeds[i].nolder; j++) {
			if (seen != NULL)
				seen[n] = NULL;
			fs[n++] = u->feeds[i].older[j];
		}
	}
	return n;
}

/* Give the view the feeds of the entry shown, as they are now. */
void
ui_set_feeds(struct ui *u, time_t since)
{
	const struct feed **fs;
	const time_t **seen;
	time_t now = ui_now(u);
	size_t i, k, n = npages(u);

	fs = xcalloc(n, sizeof(*fs));
	seen = xcalloc(n, sizeof(*seen));
	n = entry_feeds(u, u->shown, fs, seen);
	view_set_feeds(u->view, fs, seen, n, since, is_read_cb, u->state);
	/* Read posts still listed keep their marks (state.h): those of
	 * every feed, shown or not. */
	n = entry_feeds(u, 0, fs, NULL);
	for (k = 0; k < n; k++) {
		for (i = 0; fs[k] != NULL && i < fs[k]->nitems; i++) {
			const char *key = view_post_key(&fs[k]->items[i]);

			if (state_is_read(u->state, key))
				state_touch(u->state, key, now);
		}
	}
	free(fs);
	free(seen);
	u->counted = false;
	u->dirty = UI_DIRTY_ALL;
	u->idle_work = true;
}

void
ui_count(struct ui *u)
{
	const struct feed **fs;
	size_t e, n;

	if (u->counted)
		return;
	fs = xcalloc(npages(u), sizeof(*fs));
	for (e = 0; e <= u->nfeeds; e++) {
		n = entry_feeds(u, e, fs, NULL);
		view_count(fs, n, is_read_cb, u->state, &u->entries[e].total,
		    &u->entries[e].unread);
	}
	free(fs);
	u->counted = true;
}

void
ui_feeds_screen(struct ui *u)
{
	struct ui_entry *en;

	if (u->shown <= u->nfeeds) {
		en = &u->entries[u->shown];
		free(en->key);
		en->key =
		    u->view->sel_key != NULL ? xstrdup(u->view->sel_key) : NULL;
		en->off = view_sel_offset(u->view);
	}
	view_feeds(u->view, u->nfeeds + 1,
	    u->shown <= u->nfeeds ? u->shown : 0);
	u->dirty = UI_DIRTY_ALL;
}

void
ui_show_entry(struct ui *u, size_t e)
{
	if (e > u->nfeeds)
		return;
	if (e == u->shown) { /* back to the list as it was */
		u->view->mode = VIEW_MODE_LIST;
		u->dirty = UI_DIRTY_ALL;
		return;
	}
	/* The article open belongs to the list left. */
	ui_close_article(u);
	view_list_reset(u->view);
	u->shown = e;
	ui_set_feeds(u, u->view->since);
	view_select_key(u->view, u->entries[e].key, u->entries[e].off);
}

void
ui_mark_entry_read(struct ui *u, size_t e)
{
	const struct feed **fs;
	time_t now = ui_now(u);
	size_t i, k, n;

	fs = xcalloc(npages(u), sizeof(*fs));
	n = entry_feeds(u, e, fs, NULL);
	for (k = 0; k < n; k++) {
		for (i = 0; fs[k] != NULL && i < fs[k]->nitems; i++) {
			const char *key = view_post_key(&fs[k]->items[i]);

			if (!state_is_read(u->state, key))
				state_set_read(u->state, key, true, now);
		}
	}
	free(fs);
	/* The list's read marks from the state again. */
	ui_set_feeds(u, u->view->since);
}

static void refresh_done(struct load_result *, void *);
static void refresh_result(struct ui_feed *, struct load_result *);

/*
 * Start the refresh of f now (a slot is free); its error when it cannot
 * start.
 */
static void
start_refresh(struct ui *u, struct ui_feed *f)
{
	struct load_opts lo = u->opts->load;
	char *cause = NULL;

	lo.now = ui_now(u);
	lo.refresh = true;
	lo.lazy_bodies = true; /* read when shown (ui_article.c) */
	/* A 304 must mean that the copy shown is current. */
	lo.cached = f->res.feed != NULL ? &f->res : NULL;
	f->queued = false;
	f->job = load_refresh(u->net, f->url, &lo, refresh_done, f, &cause);
	if (f->job == NULL) {
		free(f->error);
		f->error = cause;
	}
}

/* Start the refreshes that wait, LOAD_FETCH_MAX at a time. */
static void
start_queued(struct ui *u)
{
	size_t i, running = 0;

	for (i = 0; i < u->nfeeds; i++)
		running += u->feeds[i].job != NULL;
	for (i = 0; i < u->nfeeds && running < LOAD_FETCH_MAX; i++) {
		if (!u->feeds[i].queued)
			continue;
		start_refresh(u, &u->feeds[i]);
		running += u->feeds[i].job != NULL;
		u->dirty |= UI_DIRTY_ALL;
	}
}

static void
refresh_done(struct load_result *res, void *arg)
{
	struct ui_feed *f = arg;

	refresh_result(f, res);
	/* Its slot is free: the next feed that waits. */
	start_queued(f->ui);
}

static void
refresh_result(struct ui_feed *f, struct load_result *res)
{
	struct ui *u = f->ui;
	struct load_result old;

	f->job = NULL;
	f->shown_kb = 0;
	u->dirty = UI_DIRTY_ALL;
	u->idle_work = true; /* page fetches waited for the refresh */
	if (res->warning != NULL)
		ui_message(u, true, "%s", res->warning);
	if (res->error != NULL) {
		free(f->error);
		/* What --check would conclude (verdict.h). */
		f->error = verdict_error(res->error, false);
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
	/* Cut short or not well-formed: shown with the cached posts, and
	 * said so where errors go. */
	if (res->feed->damage != NULL)
		f->error = xasprintf("damaged feed: %s", res->feed->damage);
	/* The view borrows the old feed until it has the new one. */
	old = f->res;
	f->res = *res;
	memset(res, 0, sizeof(*res));
	/* No visit known: posts are new from the first fetch on. */
	ui_set_feeds(u, u->view->since != 0 ? u->view->since : f->res.fetched);
	/* Posts may have changed: prepare them again from the new feed. */
	ui_prep_forget(u);
	load_result_clear(&old);
}

void
ui_refresh(struct ui *u)
{
	size_t i, started = 0, running = 0;

	if (u->opts->load.offline) {
		ui_message(u, false, "offline: not refreshing");
		return;
	}
	for (i = 0; i < u->nfeeds; i++) {
		struct ui_feed *f = &u->feeds[i];

		if (f->job != NULL || f->queued) {
			running++;
			continue;
		}
		if (load_is_local(f->url) || u->net == NULL)
			continue;
		f->queued = true;
		started++;
	}
	start_queued(u);
	if (started == 0 && running > 0)
		ui_message(u, false, "already fetching");
	if (u->cfg->refresh_interval > 0)
		u->next_refresh = ui_now(u) + u->cfg->refresh_interval;
	u->dirty |= UI_DIRTY_HEADER;
}

void
ui_record_read(struct ui *u, const struct view_post *p)
{
	if (p == NULL)
		return;
	state_set_read(u->state, view_post_key(p->item), p->read, ui_now(u));
	u->counted = false;
	u->dirty |= UI_DIRTY_HEADER | UI_DIRTY_LIST;
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
	ui_rewrap(u, true);
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

/* A monotonic clock, in milliseconds. */
static long long
mono_ms(void)
{
	struct timespec ts;

	if (clock_gettime(CLOCK_MONOTONIC, &ts) == -1)
		die("clock_gettime");
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Milliseconds until the user has paused long enough for the idle
 * step: 0 when they have. */
static int
idle_wait(const struct ui *u)
{
	long long left = u->key_ms + UI_IDLE_MS - mono_ms();

	return left > 0 ? (int)left : 0;
}

/* Milliseconds until something is due; -1 for nothing. */
static int
next_timeout(struct ui *u)
{
	time_t now = ui_now(u), due = 0;
	long ms;

	if (u->opts->fixed_now == 0 || u->opts->clock_runs) {
		due = now - now % 60 + 60; /* ages tick over */
		/* The prefetch limit lets a page go. */
		if (u->ahead_due != 0 && u->ahead_due < due)
			due = u->ahead_due;
	}
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
		u->key_ms = mono_ms();
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
	int n, timeout, wait;

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
		if (u->ahead_due != 0 && now >= u->ahead_due) {
			u->ahead_due = 0;
			u->idle_work = true;
		}
		save_state(u);
		if (u->dirty)
			ui_draw(u);
		fds[0].fd = STDIN_FILENO;
		fds[0].events = POLLIN;
		fds[1].fd = u->sigpipe[0];
		fds[1].events = POLLIN;
		fds[0].revents = fds[1].revents = 0;
		/* Work for idle moments, once the user has paused: then
		 * only look, do not wait. */
		timeout = next_timeout(u);
		if (u->idle_work) {
			wait = idle_wait(u);
			if (timeout < 0 || wait < timeout)
				timeout = wait;
		}
		if (u->net != NULL)
			n = net_poll(u->net, fds, 2, timeout);
		else
			n = poll(fds, 2, timeout);
		if (n == -1 && errno != EINTR)
			die("poll");
		if (fds[1].revents & POLLIN)
			while (read(u->sigpipe[0], drain, sizeof(drain)) > 0)
				;
		if (fds[0].revents & (POLLHUP | POLLERR | POLLNVAL))
			break; /* the terminal is gone */
		read_input(u);
		check_progress(u);
		/* Nothing came: the user is idle.  One step at a time, so a
		 * key is never kept waiting for more than one. */
		if (n == 0 && u->idle_work && !u->dirty && idle_wait(u) == 0)
			u->idle_work = ui_idle(u);
	}
	save_state(u);
}

/*
 * The cached lists, for the first screen.  since: the divider (posts
 * first seen after it are new); 0: when the cached copies were fetched.
 */
static void
load_start(struct ui *u, time_t since)
{
	struct load_opts lo = u->opts->load;
	bool known = since != 0;
	size_t i;

	lo.now = ui_now(u);
	/* The list only: a post's body is read when it is wanted. */
	lo.lazy_bodies = true;
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
		if (f->res.feed != NULL && f->res.feed->damage != NULL)
			f->error =
			    xasprintf("damaged feed: %s", f->res.feed->damage);
		if (f->res.warning != NULL)
			ui_message(u, true, "%s", f->res.warning);
		f->checked = f->res.fetched;
		if (!known && f->res.fetched != 0 &&
		    (since == 0 || f->res.fetched < since))
			since = f->res.fetched;
	}
	ui_set_feeds(u, since);
}

int
ui_run(const struct ui_opts *o)
{
	struct ui u;
	struct state_visit visit;
	char *cause = NULL, *warning = NULL, *visit_error = NULL;
	SCREEN *scr = NULL;
	size_t i;
	int rc = 0;

	memset(&u, 0, sizeof(u));
	u.started = time(NULL);
	u.opts = o;
	u.cfg = o->cfg;
	u.layout = o->cfg->layout;
	u.view = view_new(o->cfg->excerpts);
	buf_init(&u.input, 4096);
	buf_init(&u.scratch, BUF_NOLIMIT);
	u.sigpipe[0] = u.sigpipe[1] = -1;
	for (i = 0; i < UI_PREP_MAX; i++)
		u.prep[i].ui = &u;
	u.nfeeds = o->nurls;
	u.feeds = xcalloc(u.nfeeds ? u.nfeeds : 1, sizeof(*u.feeds));
	u.entries = xcalloc(u.nfeeds + 1, sizeof(*u.entries));
	for (i = 0; i < u.nfeeds; i++) {
		u.feeds[i].ui = &u;
		u.feeds[i].url = o->urls[i];
		u.feeds[i].title = o->titles != NULL ? o->titles[i] : NULL;
	}
	u.state = state_open(NULL, &warning);
	if (warning != NULL) {
		ui_message(&u, true, "%s", warning);
		free(warning);
		warning = NULL;
	}
	state_visit_load(u.state, &visit, &warning);
	if (warning != NULL) {
		ui_message(&u, true, "%s", warning);
		free(warning);
	}
	/* The cached list first: the screen comes up with it, the posts new
	 * since the last visit above the divider.  Several feeds: the feeds
	 * screen, and no list until one is chosen. */
	u.shown = u.nfeeds > 1 ? UI_NO_ENTRY : 0;
	load_start(&u, state_visit_since(&visit, ui_now(&u)));
	if (u.nfeeds > 1)
		view_feeds(u.view, u.nfeeds + 1, 0);

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
	/*
	 * Out of curses mode at once, and back with the first refresh (as
	 * after a shell escape).  Until a first return from endwin(),
	 * ncurses (6.1 to 6.4 at least) writes its buffer out at every
	 * cursor movement, as it does for a program that uses terminfo
	 * alone: a frame went out in some 70 write(2)s, each waking the
	 * terminal.  After it, a frame is one write.  This costs the
	 * alternate screen entered and left in one write, before the first
	 * frame enters it again.
	 */
	endwin();
	cbreak();
	noecho();
	nonl();
	intrflush(stdscr, FALSE);
	nodelay(stdscr, TRUE);
	set_escdelay(25);
	curs_set(0);
	setup_colors(&u);
	ui_hints_build(&u);
	ui_relayout(&u);
	/* The ages drawn now are the minute's: the loop redraws at the next. */
	u.drawn_minute = ui_now(&u) / 60;
	ui_draw(&u);
	u.key_ms = mono_ms();
	/* Keys are read from now on: their table (every key of terminfo)
	 * is built after the first frame, not before. */
	keypad(stdscr, TRUE);
	mousemask(BUTTON1_PRESSED | BUTTON4_PRESSED | BUTTON5_PRESSED, NULL);
	mouseinterval(0);

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
	/* The visit goes on if the reader starts again soon (state.h). */
	visit.since = u.view->since;
	visit.last = ui_now(&u);
	/* A failure is told once the terminal is back. */
	if (state_path(u.state) != NULL)
		(void)state_visit_save(u.state, &visit, &visit_error);

out:
	teardown();
	if (visit_error != NULL) {
		fprintf(stderr, "ifpnews: saving the visit: %s\n", visit_error);
		free(visit_error);
	}
	die_set_cleanup(NULL);
	sig_wfd = -1;
	for (i = 0; i < 2; i++)
		if (u.sigpipe[i] != -1)
			close(u.sigpipe[i]);
	for (i = 0; i < u.nfeeds; i++)
		if (u.feeds[i].job != NULL)
			load_cancel(u.feeds[i].job);
	ui_prep_free(&u);
	for (i = 0; i < u.nfeeds; i++)
		ui_more_free(&u.feeds[i]);
	net_free(u.net);
	for (i = 0; i < u.nfeeds; i++) {
		load_result_clear(&u.feeds[i].res);
		free(u.feeds[i].error);
	}
	free(u.feeds);
	for (i = 0; i <= u.nfeeds; i++)
		free(u.entries[i].key);
	free(u.entries);
	view_free(u.view);
	state_free(u.state);
	html_free(u.doc);
	free(u.doc_key);
	wrap_free(u.wrap);
	free(u.texts);
	for (i = 0; i < u.nhelp; i++)
		free(u.help[i]);
	free(u.help);
	free(u.hints_list);
	free(u.hints_article);
	free(u.hints_feeds);
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
