/*
 * test_config -- the config parser, key bindings, and the documentation
 * of the settings (man page, config.example, --help) against the
 * parser's table (STYLE.md §12).
 *
 * tests/data/config/NAME.conf is parsed as "NAME.conf"; its errors must
 * be exactly the lines of NAME.err (no .err: no error).  The last tests
 * run the real binary ($IFPNEWS) for --check-config and -c.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "config.h"
#include "util.h"

static const char *
data_dir(void)
{
	const char *dir = getenv("TESTS_DATA");

	return dir != NULL ? dir : "tests/data";
}

/* The whole file; NULL if it does not exist.  Caller frees. */
static char *
slurp(const char *path, size_t *lenp)
{
	char *s = NULL;
	size_t len = 0, n;
	FILE *f;

	f = fopen(path, "rb");
	if (f == NULL)
		return NULL;
	for (;;) {
		s = realloc(s, len + 4096 + 1);
		assert_non_null(s);
		n = fread(s + len, 1, 4096, f);
		len += n;
		if (n == 0)
			break;
	}
	fclose(f);
	s[len] = '\0';
	if (lenp != NULL)
		*lenp = len;
	return s;
}

static char *
data_file(const char *name, size_t *lenp)
{
	char path[4096];
	char *s;

	snprintf(path, sizeof(path), "%s/%s", data_dir(), name);
	s = slurp(path, lenp);
	if (s == NULL)
		fail_msg("cannot read %s", path);
	return s;
}

/* Parse a data file under its own name; errors into errs. */
static struct config *
parse_data(const char *name, struct config_errors *errs, int *rc)
{
	struct config *cfg = config_new();
	char path[256];
	size_t len;
	char *text;

	snprintf(path, sizeof(path), "config/%s", name);
	text = data_file(path, &len);
	*rc = config_parse(cfg, name, text, len, errs);
	free(text);
	return cfg;
}

static void
every_file_gives_exactly_its_expected_errors(void **state)
{
	struct config_errors errs = {NULL, 0};
	struct config *cfg;
	char path[4096], *want, *got, *p;
	struct dirent *de;
	size_t i, n, files = 0, nerr = 0;
	int rc;
	DIR *d;

	(void)state;
	snprintf(path, sizeof(path), "%s/config", data_dir());
	d = opendir(path);
	assert_non_null(d);
	while ((de = readdir(d)) != NULL) {
		n = strlen(de->d_name);
		if (n < 6 || strcmp(de->d_name + n - 5, ".conf") != 0)
			continue;
		files++;
		cfg = parse_data(de->d_name, &errs, &rc);
		snprintf(path, sizeof(path), "%s/config/%.*s.err", data_dir(),
		    (int)(n - 5), de->d_name);
		want = slurp(path, NULL);
		got = xstrdup("");
		for (i = 0; i < errs.n; i++) {
			p = xasprintf("%s%s\n", got, errs.msgs[i]);
			free(got);
			got = p;
		}
		if (strcmp(got, want != NULL ? want : "") != 0)
			fail_msg("%s: errors\n%s\nwant\n%s", de->d_name, got,
			    want != NULL ? want : "(none)");
		assert_int_equal(rc, errs.n > 0 ? -1 : 0);
		nerr += errs.n;
		free(want);
		free(got);
		config_errors_clear(&errs);
		config_free(cfg);
	}
	closedir(d);
	print_message("# %zu files, %zu expected errors\n", files, nerr);
	assert_true(files >= 7);
	assert_true(nerr >= 50);
}

static void
defaults_are_the_documented_ones(void **state)
{
	struct config *cfg = config_new();

	(void)state;
	assert_int_equal(cfg->nfeeds, 0);
	assert_int_equal(cfg->refresh_interval, 15 * 60);
	assert_int_equal(cfg->keep_days, 14);
	assert_int_equal(cfg->layout, CONFIG_LAYOUT_AUTO);
	assert_true(cfg->excerpts);
	assert_null(cfg->browser);
	assert_int_equal(cfg->timeout, 30);
	assert_int_equal(cfg->max_size, 16 * 1024 * 1024);
	assert_null(cfg->user_agent);
	assert_string_equal(cfg->date_format, "%b %-d, %Y");
	assert_false(cfg->confirm_quit);
	assert_int_equal(cfg->max_width, 100);
	assert_int_equal(cfg->nbinds, config_ndefault_binds);
	assert_int_equal(cfg->colors[CONFIG_EL_TITLE].attrs, CONFIG_ATTR_BOLD);
	assert_int_equal(cfg->colors[CONFIG_EL_NORMAL].fg,
	    CONFIG_COLOR_DEFAULT);
	config_free(cfg);
	config_free(NULL);
}

static void
reads_the_example_of_the_spec(void **state)
{
	struct config_errors errs = {NULL, 0};
	struct config *cfg;
	int rc;

	(void)state;
	cfg = parse_data("spec.conf", &errs, &rc);
	assert_int_equal(rc, 0);
	assert_int_equal(cfg->nfeeds, 2);
	assert_string_equal(cfg->feeds[0].url, "https://ifpnews.com/feed/");
	assert_string_equal(cfg->feeds[0].title, "IFP News");
	assert_string_equal(cfg->feeds[1].url,
	    "https://ifpnews.com/category/news/politics/feed/");
	assert_string_equal(cfg->feeds[1].title, "Politics");
	assert_int_equal(cfg->refresh_interval, 900);
	assert_non_null(cfg->browser);
	assert_string_equal(cfg->browser[0], "firefox");
	assert_string_equal(cfg->browser[1], "--new-tab");
	assert_null(cfg->browser[2]);
	assert_int_equal(cfg->timeout, 30);
	assert_int_equal(cfg->max_size, 16 * 1024 * 1024);
	assert_int_equal(config_lookup(cfg, 'x', false), CONFIG_ACTION_QUIT);
	assert_int_equal(cfg->colors[CONFIG_EL_TITLE].attrs, CONFIG_ATTR_BOLD);
	assert_int_equal(cfg->colors[CONFIG_EL_TITLE].fg, 3);
	assert_int_equal(cfg->colors[CONFIG_EL_TITLE].bg, CONFIG_COLOR_DEFAULT);
	config_free(cfg);
}

static void
reads_every_setting_in_every_form(void **state)
{
	struct config_errors errs = {NULL, 0};
	struct config *cfg;
	int rc;

	(void)state;
	cfg = parse_data("values.conf", &errs, &rc);
	assert_int_equal(rc, 0);
	assert_int_equal(cfg->nfeeds, 4);
	assert_string_equal(cfg->feeds[0].url, "file:///tmp/feed.xml");
	assert_null(cfg->feeds[0].title);
	assert_string_equal(cfg->feeds[1].url, "./local/feed.xml");
	assert_string_equal(cfg->feeds[1].title, "Local, with \"quotes\"");
	assert_string_equal(cfg->feeds[2].url,
	    "HTTPS://Example.ORG/feed?a=1&b=2#frag");
	assert_string_equal(cfg->feeds[2].title, "Título “Persian” فارسی");
	assert_string_equal(cfg->feeds[3].url, "./my feeds/feed.xml");
	assert_int_equal(cfg->refresh_interval, 0); /* the later line wins */
	assert_int_equal(cfg->keep_days, 0);
	assert_int_equal(cfg->layout, CONFIG_LAYOUT_SPLIT);
	assert_false(cfg->excerpts);
	assert_string_equal(cfg->browser[0], "firefox");
	assert_string_equal(cfg->browser[1], "--new-window");
	assert_string_equal(cfg->browser[2], "%u");
	assert_null(cfg->browser[3]);
	assert_int_equal(cfg->timeout, 90);
	assert_int_equal(cfg->max_size, 512 * 1024);
	assert_string_equal(cfg->user_agent,
	    "Mozilla/5.0 (compatible; ifpnews)");
	assert_string_equal(cfg->date_format, "%d.%m.%Y %H:%M");
	assert_true(cfg->confirm_quit);
	assert_int_equal(cfg->max_width, 72);
	assert_int_equal(config_lookup(cfg, 'x' & 0x1f, false),
	    CONFIG_ACTION_QUIT);
	assert_int_equal(config_lookup(cfg, CONFIG_KEY_ENTER, false),
	    CONFIG_ACTION_TOGGLE_READ);
	assert_int_equal(config_lookup(cfg, 'p', false), CONFIG_ACTION_NONE);
	assert_int_equal(config_lookup(cfg, 0xdf, false), CONFIG_ACTION_HELP);
	assert_int_equal(config_lookup(cfg, CONFIG_KEY_F1 + 4, false),
	    CONFIG_ACTION_REFRESH);
	assert_int_equal(cfg->colors[CONFIG_EL_SELECTION].fg, 0);
	assert_int_equal(cfg->colors[CONFIG_EL_SELECTION].bg, 3);
	assert_int_equal(cfg->colors[CONFIG_EL_SELECTION].attrs,
	    CONFIG_ATTR_BOLD | CONFIG_ATTR_UNDERLINE);
	assert_int_equal(cfg->colors[CONFIG_EL_AGE].fg, 208);
	assert_int_equal(cfg->colors[CONFIG_EL_AGE].bg, CONFIG_COLOR_DEFAULT);
	assert_int_equal(cfg->colors[CONFIG_EL_AGE].attrs, 0);
	assert_int_equal(cfg->colors[CONFIG_EL_HEADER].attrs, 0);
	config_free(cfg);

	cfg = parse_data("crlf.conf", &errs, &rc);
	assert_int_equal(rc, 0);
	assert_string_equal(cfg->feeds[0].url, "https://crlf.example/feed");
	assert_string_equal(cfg->feeds[0].title, "CRLF");
	assert_int_equal(cfg->layout, CONFIG_LAYOUT_FULL);
	assert_false(cfg->excerpts);
	config_free(cfg);

	cfg = parse_data("quoting.conf", &errs, &rc);
	assert_int_equal(rc, 0);
	assert_string_equal(cfg->feeds[0].title, "title\\with\"escapes'");
	assert_string_equal(cfg->browser[0], "my browser");
	assert_string_equal(cfg->browser[1], "--flag");
	assert_int_equal(config_lookup(cfg, 'j', false), CONFIG_ACTION_DOWN);
	config_free(cfg);
}

static void
good_lines_count_after_bad_ones(void **state)
{
	struct config_errors errs = {NULL, 0};
	struct config *cfg;
	int rc;

	(void)state;
	cfg = parse_data("binary.conf", &errs, &rc);
	assert_int_equal(rc, -1);
	assert_int_equal(errs.n, 3);
	assert_int_equal(cfg->layout, CONFIG_LAYOUT_FULL);
	assert_false(cfg->excerpts); /* the line after the NUL byte */
	assert_int_equal(cfg->nfeeds, 0);
	config_errors_clear(&errs);
	assert_int_equal(errs.n, 0);
	assert_null(errs.msgs);
	config_free(cfg);

	cfg = parse_data("errors.conf", &errs, &rc);
	assert_int_equal(rc, -1);
	assert_int_equal(cfg->nfeeds, 1); /* line 7 */
	assert_string_equal(cfg->feeds[0].title, "A");
	config_errors_clear(&errs);
	config_free(cfg);
}

static void
splits_commands_without_a_shell(void **state)
{
	static const struct {
		const char *in;
		const char *want[5];
	} cases[] = {
	    {"xdg-open", {"xdg-open"}},
	    {"  firefox   --new-tab  ", {"firefox", "--new-tab"}},
	    {"\"/opt/My Browser/run\" -x", {"/opt/My Browser/run", "-x"}},
	    {"a'b c'd e", {"ab cd", "e"}},
	    {"sh -c 'echo $HOME; rm -rf /'",
	        {"sh", "-c", "echo $HOME; rm -rf /"}},
	    {"a\\ b \"\\\"q\\\"\"", {"a b", "\"q\""}},
	    {"w3m #not-a-comment", {"w3m", "#not-a-comment"}},
	    {"x ''", {"x", ""}},
	};
	char **argv, *cause = NULL;
	size_t i, k;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		argv = config_split_words(cases[i].in, &cause);
		assert_non_null(argv);
		for (k = 0; cases[i].want[k] != NULL; k++) {
			assert_non_null(argv[k]);
			assert_string_equal(argv[k], cases[i].want[k]);
		}
		assert_null(argv[k]);
		config_argv_free(argv);
	}
	assert_null(config_split_words("", &cause));
	assert_string_equal(cause, "no command");
	free(cause);
	assert_null(config_split_words("firefox \"x", &cause));
	assert_string_equal(cause, "column 9: no closing \"");
	free(cause);
	assert_null(config_split_words("firefox \\", &cause));
	free(cause);
	config_argv_free(NULL);
}

static struct config *
with_lines(const char *text)
{
	struct config_errors errs = {NULL, 0};
	struct config *cfg = config_new();

	if (config_parse(cfg, "t", text, strlen(text), &errs) != 0)
		fail_msg("%s", errs.msgs[0]);
	return cfg;
}

static void
n_is_the_next_post_or_the_next_match(void **state)
{
	struct config *cfg;

	(void)state;
	cfg = config_new();
	assert_int_equal(config_lookup(cfg, 'n', false), CONFIG_ACTION_NEXT);
	assert_int_equal(config_lookup(cfg, 'n', true),
	    CONFIG_ACTION_SEARCH_NEXT);
	assert_int_equal(config_lookup(cfg, 'N', false), CONFIG_ACTION_NONE);
	assert_int_equal(config_lookup(cfg, 'N', true),
	    CONFIG_ACTION_SEARCH_PREV);
	assert_int_equal(config_lookup(cfg, 'j', true), CONFIG_ACTION_DOWN);
	assert_int_equal(config_lookup(cfg, 'z', false), CONFIG_ACTION_NONE);
	config_free(cfg);

	/* Rebinding n keeps it finding; unbinding drops both. */
	cfg = with_lines("bind n quit\n");
	assert_int_equal(config_lookup(cfg, 'n', false), CONFIG_ACTION_QUIT);
	assert_int_equal(config_lookup(cfg, 'n', true),
	    CONFIG_ACTION_SEARCH_NEXT);
	config_free(cfg);
	cfg = with_lines("unbind n\n");
	assert_int_equal(config_lookup(cfg, 'n', false), CONFIG_ACTION_NONE);
	assert_int_equal(config_lookup(cfg, 'n', true), CONFIG_ACTION_NONE);
	config_free(cfg);
	cfg = with_lines("bind n search-prev\nbind C-n next\n");
	assert_int_equal(config_lookup(cfg, 'n', false), CONFIG_ACTION_NEXT);
	assert_int_equal(config_lookup(cfg, 'n', true),
	    CONFIG_ACTION_SEARCH_PREV);
	assert_int_equal(config_lookup(cfg, 14, false), CONFIG_ACTION_NEXT);
	config_free(cfg);
	/* A key bound twice does the last thing. */
	cfg = with_lines("bind j up\nbind j bottom\n");
	assert_int_equal(config_lookup(cfg, 'j', false), CONFIG_ACTION_BOTTOM);
	assert_int_equal(config_lookup(cfg, 'k', false), CONFIG_ACTION_UP);
	config_free(cfg);
}

static void
default_keys_follow_the_spec(void **state)
{
	static const struct {
		int key;
		enum config_action a;
	} keys[] = {
	    {'j', CONFIG_ACTION_DOWN},
	    {'k', CONFIG_ACTION_UP},
	    {CONFIG_KEY_DOWN, CONFIG_ACTION_DOWN},
	    {CONFIG_KEY_UP, CONFIG_ACTION_UP},
	    {CONFIG_KEY_PAGE_UP, CONFIG_ACTION_PAGE_UP},
	    {CONFIG_KEY_PAGE_DOWN, CONFIG_ACTION_PAGE_DOWN},
	    {' ', CONFIG_ACTION_PAGE_DOWN},
	    {'b', CONFIG_ACTION_PAGE_UP},
	    {'g', CONFIG_ACTION_TOP},
	    {'G', CONFIG_ACTION_BOTTOM},
	    {CONFIG_KEY_HOME, CONFIG_ACTION_TOP},
	    {CONFIG_KEY_END, CONFIG_ACTION_BOTTOM},
	    {CONFIG_KEY_ENTER, CONFIG_ACTION_OPEN},
	    {'l', CONFIG_ACTION_OPEN},
	    {'q', CONFIG_ACTION_BACK},
	    {'h', CONFIG_ACTION_BACK},
	    {27, CONFIG_ACTION_BACK},
	    {'n', CONFIG_ACTION_NEXT},
	    {'p', CONFIG_ACTION_PREV},
	    {'/', CONFIG_ACTION_SEARCH},
	    {'r', CONFIG_ACTION_REFRESH},
	    {'o', CONFIG_ACTION_OPEN_BROWSER},
	    {'u', CONFIG_ACTION_TOGGLE_READ},
	    {'A', CONFIG_ACTION_MARK_ALL_READ},
	    {'e', CONFIG_ACTION_TOGGLE_EXCERPTS},
	    {'c', CONFIG_ACTION_CATEGORY},
	    {'?', CONFIG_ACTION_HELP},
	    {'F', CONFIG_ACTION_FETCH_FULL},
	    {'\t', CONFIG_ACTION_SWITCH_PANE},
	    {4, CONFIG_ACTION_HALF_DOWN},
	    {21, CONFIG_ACTION_HALF_UP},
	};
	struct config *cfg = config_new();
	bool seen[CONFIG_ACTION_COUNT] = {false};
	size_t i;
	int k;

	(void)state;
	for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
		assert_int_equal(config_lookup(cfg, keys[i].key, false),
		    keys[i].a);
	/* Every action has a default key, and no digit is taken. */
	for (i = 0; i < config_ndefault_binds; i++)
		seen[config_default_binds[i].action] = true;
	for (k = CONFIG_ACTION_NONE + 1; k < CONFIG_ACTION_COUNT; k++)
		if (!seen[k])
			fail_msg("%s has no key", config_action_name(k));
	for (k = '0'; k <= '9'; k++)
		assert_int_equal(config_lookup(cfg, k, false),
		    CONFIG_ACTION_NONE);
	config_free(cfg);
}

static void
key_names_read_back_as_the_same_key(void **state)
{
	static const char *const names[] = {"j", "G", "?", "/", "ß", "ф", "C-a",
	    "C-z", "^D", "c-x", "Enter", "return", "TAB", "Esc", "escape",
	    "Space", "Backspace", "Up", "Down", "Left", "Right", "Home", "End",
	    "PageUp", "pgup", "PageDown", "PgDn", "Insert", "Delete", "del",
	    "F1", "f9", "F12", "q", "1"};
	static const char *const bad[] = {"", "xy", "F0", "F13", "F01", "C-",
	    "C-1", "C-ab", " ", "\t", "\x1b", "\xc2\x85", "\xe2\x80\xae",
	    "\xff", "Ctrl-x"};
	char buf[16], again[16];
	size_t i;
	int key, key2, a;

	(void)state;
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		if (config_key_parse(names[i], &key) != 0)
			fail_msg("\"%s\" is a key", names[i]);
		config_key_name(key, buf, sizeof(buf));
		assert_true(buf[0] != '\0');
		assert_int_equal(config_key_parse(buf, &key2), 0);
		assert_int_equal(key2, key);
		config_key_name(key2, again, sizeof(again));
		assert_string_equal(again, buf);
	}
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		if (config_key_parse(bad[i], &key) == 0)
			fail_msg("\"%s\" is not a key", bad[i]);
	assert_string_equal(config_key_name(4, buf, sizeof(buf)), "C-d");
	assert_string_equal(config_key_name(CONFIG_KEY_ENTER, buf, sizeof(buf)),
	    "Enter");
	assert_string_equal(config_key_name(CONFIG_KEY_F12, buf, sizeof(buf)),
	    "F12");
	assert_string_equal(config_key_name(' ', buf, sizeof(buf)), "Space");
	assert_string_equal(config_key_name(0, buf, sizeof(buf)), "");
	/* Action names read back too; none is not one. */
	for (a = CONFIG_ACTION_NONE + 1; a < CONFIG_ACTION_COUNT; a++)
		assert_int_equal(config_action_parse(config_action_name(a)), a);
	assert_int_equal(config_action_parse("none"), CONFIG_ACTION_NONE);
	assert_string_equal(config_action_name(CONFIG_ACTION_COUNT), "none");
	assert_string_equal(config_element_name(CONFIG_EL_LINK), "link");
	assert_string_equal(config_element_name(CONFIG_EL_COUNT), "");
}

static void
durations_and_sizes(void **state)
{
	static const struct {
		const char *line;
		long interval; /* -1: an error */
	} durations[] = {
	    {"refresh-interval 1m", 60},
	    {"refresh-interval 60", 60},
	    {"refresh-interval 59", -1},
	    {"refresh-interval 2h", 7200},
	    {"refresh-interval 1h30m", 5400},
	    {"refresh-interval 1d1s", 86401},
	    {"refresh-interval 30d", 30 * 86400},
	    {"refresh-interval 30d1s", -1},
	    {"refresh-interval OFF", 0},
	    {"refresh-interval 0", -1},
	    {"refresh-interval 15M", -1},
	    {"refresh-interval m", -1},
	    {"refresh-interval 15m30", -1},
	    {"refresh-interval 99999999999999999999s", -1},
	    {"refresh-interval -15m", -1},
	    {"refresh-interval +15m", -1},
	};
	static const struct {
		const char *line;
		long long size; /* -1: an error */
	} sizes[] = {
	    {"max-size 1024", 1024},
	    {"max-size 1023", -1},
	    {"max-size 1K", 1024},
	    {"max-size 1k", 1024},
	    {"max-size 16MB", 16 << 20},
	    {"max-size 16MiB", 16 << 20},
	    {"max-size 4G", 4LL << 30},
	    {"max-size 4097M", -1},
	    {"max-size 16 M", -1},
	    {"max-size 16MM", -1},
	    {"max-size 1.5M", -1},
	    {"max-size 99999999999999999999K", -1},
	};
	struct config_errors errs = {NULL, 0};
	struct config *cfg;
	size_t i;
	int rc;

	(void)state;
	for (i = 0; i < sizeof(durations) / sizeof(durations[0]); i++) {
		cfg = config_new();
		rc = config_parse(cfg, "t", durations[i].line,
		    strlen(durations[i].line), &errs);
		if (durations[i].interval == -1)
			assert_int_equal(rc, -1);
		else if (rc != 0 ||
		    cfg->refresh_interval != durations[i].interval)
			fail_msg("%s: %ld", durations[i].line,
			    cfg->refresh_interval);
		config_errors_clear(&errs);
		config_free(cfg);
	}
	for (i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		cfg = config_new();
		rc = config_parse(cfg, "t", sizes[i].line,
		    strlen(sizes[i].line), &errs);
		if (sizes[i].size == -1)
			assert_int_equal(rc, -1);
		else if (rc != 0 || (long long)cfg->max_size != sizes[i].size)
			fail_msg("%s: %zu", sizes[i].line, cfg->max_size);
		config_errors_clear(&errs);
		config_free(cfg);
	}
}

static void
every_error_names_file_line_and_column(void **state)
{
	/* Lines of garbage: each must give one error, with its position. */
	static const char *const lines[] = {"\"", "'", "\\", "x", "feed",
	    "feed ''", "bind", "color", "a b c d e f g h i j k", "#ok",
	    "layout \"\\q\"", "\xc3", "keep-days 1e3", "   =", "feed\t\"\t\""};
	struct config_errors errs = {NULL, 0};
	struct config *cfg = config_new();
	char *text = xstrdup(""), *p, want[32];
	size_t i, nbad = 0;

	(void)state;
	for (i = 0; i < sizeof(lines) / sizeof(lines[0]); i++) {
		p = xasprintf("%s%s\n", text, lines[i]);
		free(text);
		text = p;
		nbad += lines[i][0] != '#';
	}
	assert_int_equal(config_parse(cfg, "g.conf", text, strlen(text), &errs),
	    -1);
	assert_int_equal(errs.n, nbad);
	for (i = 0; i < errs.n; i++) {
		snprintf(want, sizeof(want), "g.conf:%zu:",
		    i + 1 + (i >= 9)); /* line 10 is the comment */
		if (strncmp(errs.msgs[i], want, strlen(want)) != 0)
			fail_msg("\"%s\" does not start with %s", errs.msgs[i],
			    want);
	}
	free(text);
	config_errors_clear(&errs);
	config_free(cfg);
}

/* --- Documentation and the real binary --- */

/* Run $IFPNEWS with args (and env, NULL = inherited); output in *out. */
static int
run_ifpnews(const char *const *args, char *const *env, char **out)
{
	const char *bin = getenv("IFPNEWS");
	char path[] = "/tmp/test_config.XXXXXX";
	char *argv[16];
	size_t i;
	pid_t pid;
	int fd, status;

	if (bin == NULL)
		fail_msg("IFPNEWS is not set (run tests/run.sh)");
	fd = mkstemp(path);
	assert_true(fd != -1);
	argv[0] = (char *)(uintptr_t)bin;
	for (i = 0; args[i] != NULL && i < 14; i++)
		argv[i + 1] = (char *)(uintptr_t)args[i];
	argv[i + 1] = NULL;
	pid = fork();
	assert_true(pid != -1);
	if (pid == 0) {
		dup2(fd, 1);
		dup2(fd, 2);
		if (env != NULL)
			execve(bin, argv, env);
		else
			execv(bin, argv);
		_exit(127);
	}
	close(fd);
	assert_int_equal(waitpid(pid, &status, 0), pid);
	*out = slurp(path, NULL);
	unlink(path);
	assert_non_null(*out);
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

/* The text of the man page's section name, up to the next .Sh. */
static char *
man_section(const char *man, const char *name)
{
	char *head = xasprintf(".Sh %s\n", name);
	const char *p = strstr(man, head), *end;

	free(head);
	if (p == NULL) {
		fail_msg("the man page has no %s section", name);
		return xstrdup("");
	}
	end = strstr(p + 4, "\n.Sh ");
	return xstrndup(p, end != NULL ? (size_t)(end - p) : strlen(p));
}

/* Whether the first word after macro at the start of some line is w. */
static bool
has_item(const char *text, const char *macro, const char *w)
{
	char *needle = xasprintf("\n%s %s", macro, w);
	const char *p = text;
	size_t n = strlen(needle);
	bool found = false;

	while ((p = strstr(p, needle)) != NULL) {
		if (p[n] == ' ' || p[n] == '\n') {
			found = true;
			break;
		}
		p += n;
	}
	free(needle);
	return found;
}

/* Count the lines starting with macro in text. */
static size_t
count_items(const char *text, const char *macro)
{
	char *needle = xasprintf("\n%s ", macro);
	const char *p = text;
	size_t n = 0;

	while ((p = strstr(p, needle)) != NULL) {
		n++;
		p++;
	}
	free(needle);
	return n;
}

/*
 * The words of the ".It Cm a , b" lines of the section are exactly the
 * actions of bind.
 */
static void
check_action_items(const char *sec)
{
	bool seen[CONFIG_ACTION_COUNT] = {false};
	const char *p = sec;
	char *line, *w, *save;
	enum config_action a;
	int k;

	while ((p = strstr(p, "\n.It Cm ")) != NULL) {
		p += strlen("\n.It Cm ");
		line = xstrndup(p, strcspn(p, "\n"));
		for (w = strtok_r(line, " ", &save); w != NULL;
		     w = strtok_r(NULL, " ", &save)) {
			if (strcmp(w, ",") == 0)
				continue;
			a = config_action_parse(w);
			if (a == CONFIG_ACTION_NONE)
				fail_msg("man page: %s is not an action", w);
			seen[a] = true;
		}
		free(line);
	}
	for (k = CONFIG_ACTION_NONE + 1; k < CONFIG_ACTION_COUNT; k++)
		if (!seen[k])
			fail_msg("man page: no action %s",
			    config_action_name((enum config_action)k));
}

static void
man_page_example_and_help_list_exactly_the_parsers_keys(void **state)
{
	char path[4096], *man, *sec, *example, *help, *line, *save, *w;
	const char *args[] = {"--help", NULL};
	size_t i, n;
	int el;

	(void)state;
	snprintf(path, sizeof(path), "%s/../../man/ifpnews.1", data_dir());
	man = slurp(path, NULL);
	assert_non_null(man);
	sec = man_section(man, "CONFIGURATION");
	/* Settings are ".It Ic KEY", actions ".It Cm ACTION[ , ACTION]". */
	for (i = 0; i < config_nkeys; i++)
		if (!has_item(sec, ".It Ic", config_keys[i].name))
			fail_msg("man page: no .It Ic %s", config_keys[i].name);
	assert_int_equal(count_items(sec, ".It Ic"), config_nkeys);
	check_action_items(sec);
	for (el = 0; el < CONFIG_EL_COUNT; el++)
		if (strstr(sec, config_element_name(el)) == NULL)
			fail_msg("man page: no element %s",
			    config_element_name(el));
	free(sec);
	free(man);

	/* config.example sets every key, and only keys of the table. */
	snprintf(path, sizeof(path), "%s/../../config.example", data_dir());
	example = slurp(path, NULL);
	assert_non_null(example);
	for (i = 0; i < config_nkeys; i++) {
		char *needle = xasprintf("\n%s ", config_keys[i].name);

		if (strstr(example, needle) == NULL)
			fail_msg("config.example: no %s line",
			    config_keys[i].name);
		free(needle);
	}
	n = 0;
	for (line = strtok_r(example, "\n", &save); line != NULL;
	     line = strtok_r(NULL, "\n", &save)) {
		if (line[0] == '#')
			continue;
		w = line;
		w[strcspn(w, " ")] = '\0';
		for (i = 0; i < config_nkeys; i++)
			if (strcmp(w, config_keys[i].name) == 0)
				break;
		if (i == config_nkeys)
			fail_msg("config.example: %s is not a key", w);
		n++;
	}
	assert_true(n >= config_nkeys);
	free(example);

	/* --help lists them with their arguments. */
	assert_int_equal(run_ifpnews(args, NULL, &help), 0);
	for (i = 0; i < config_nkeys; i++) {
		char *needle = xasprintf("\n  %s %s\n", config_keys[i].name,
		    config_keys[i].args);

		if (strstr(help, needle) == NULL)
			fail_msg("--help: no \"%s %s\"", config_keys[i].name,
			    config_keys[i].args);
		free(needle);
	}
	free(help);
}

static void
check_config_accepts_the_example_and_reports_every_error(void **state)
{
	char example[4096], errors[4096], *out, *want, *p;
	const char *ok[] = {"-c", example, "--check-config", NULL};
	const char *bad[] = {"--config", errors, "--check-config", NULL};
	const char *start[] = {"-c", errors, NULL};
	const char *missing[] = {"-c", "/nonexistent/ifpnews.conf", NULL};
	const char *deflt[] = {"--check-config", NULL};
	static char home[] = "HOME=/nonexistent", xdg[] = "XDG_CONFIG_HOME=";
	char *env[] = {home, xdg, NULL};
	char *xdg_env[3];
	size_t i;

	(void)state;
	snprintf(example, sizeof(example), "%s/../../config.example",
	    data_dir());
	snprintf(errors, sizeof(errors), "%s/config/errors.conf", data_dir());

	assert_int_equal(run_ifpnews(ok, NULL, &out), 0);
	p = xasprintf("%s: ok\n", example);
	assert_string_equal(out, p);
	free(p);
	free(out);

	/* Every error, with the file name as given, then exit 2. */
	assert_int_equal(run_ifpnews(bad, NULL, &out), 2);
	want = data_file("config/errors.err", NULL);
	p = want;
	for (i = 0; *p != '\0'; i++) {
		char *nl = strchr(p, '\n'), *line;

		line =
		    xasprintf("%s/config/%.*s\n", data_dir(), (int)(nl - p), p);
		if (strstr(out, line) == NULL)
			fail_msg("--check-config did not say %s", line);
		free(line);
		p = nl + 1;
	}
	assert_true(i >= 50);
	free(want);
	free(out);

	/* The program does not start on a bad config. */
	assert_int_equal(run_ifpnews(start, NULL, &out), 2);
	assert_non_null(strstr(out, "ifpnews: "));
	assert_non_null(strstr(out, "errors.conf:2:1: unknown setting"));
	free(out);

	/* -c FILE must exist; the default file may be missing. */
	assert_int_equal(run_ifpnews(missing, NULL, &out), 2);
	assert_string_equal(out,
	    "ifpnews: /nonexistent/ifpnews.conf: No such "
	    "file or directory\n");
	free(out);
	assert_int_equal(run_ifpnews(deflt, env, &out), 0);
	assert_string_equal(out, "no config file: the defaults apply\n");
	free(out);

	/* $XDG_CONFIG_HOME/ifpnews/config is the default. */
	xdg_env[0] = xasprintf("XDG_CONFIG_HOME=%s/config/xdg", data_dir());
	xdg_env[1] = home;
	xdg_env[2] = NULL;
	assert_int_equal(run_ifpnews(deflt, xdg_env, &out), 2);
	assert_non_null(strstr(out,
	    "/config/xdg/ifpnews/config:2:8: layout: "
	    "\"sideways\" is not auto, full or split"));
	free(out);
	free(xdg_env[0]);
}

/* Whether two configs hold the same settings (binds in any order). */
static void
assert_same_config(const struct config *a, const struct config *b,
    const char *line)
{
	size_t i, k;

	if (a->nfeeds != b->nfeeds ||
	    a->refresh_interval != b->refresh_interval ||
	    a->keep_days != b->keep_days || a->layout != b->layout ||
	    a->excerpts != b->excerpts || a->timeout != b->timeout ||
	    a->max_size != b->max_size || a->confirm_quit != b->confirm_quit ||
	    a->max_width != b->max_width || a->prefetch != b->prefetch ||
	    (a->browser == NULL) != (b->browser == NULL) ||
	    (a->user_agent == NULL) != (b->user_agent == NULL) ||
	    strcmp(a->date_format, b->date_format) != 0 ||
	    memcmp(a->colors, b->colors, sizeof(a->colors)) != 0 ||
	    a->nbinds != b->nbinds)
		fail_msg("config.example: \"%s\" is not a default", line);
	for (i = 0; i < a->nbinds; i++) {
		for (k = 0; k < b->nbinds; k++)
			if (a->binds[i].key == b->binds[k].key &&
			    a->binds[i].action == b->binds[k].action)
				break;
		if (k == b->nbinds)
			fail_msg("config.example: \"%s\" is not a default",
			    line);
	}
}

/*
 * config.example says "Every line below sets its default, unless it says
 * otherwise": each setting line, parsed alone, changes nothing, unless a
 * comment above it (since the last blank line) says "not a default".
 */
static void
example_lines_said_to_be_defaults_are(void **state)
{
	struct config_errors errs = {NULL, 0};
	struct config *deflt = config_new(), *cfg;
	char path[4096], *text, *p, *nl, *line;
	bool marked = false;
	size_t ndefault = 0, nother = 0;

	(void)state;
	snprintf(path, sizeof(path), "%s/../../config.example", data_dir());
	text = slurp(path, NULL);
	assert_non_null(text);
	for (p = text; *p != '\0'; p = nl + 1) {
		nl = strchr(p, '\n');
		assert_non_null(nl); /* the file ends with a newline */
		line = xstrndup(p, (size_t)(nl - p));
		if (line[0] == '\0')
			marked = false;
		else if (line[0] == '#') {
			for (char *c = line; *c != '\0'; c++)
				if (*c >= 'A' && *c <= 'Z')
					*c = (char)(*c - 'A' + 'a');
			if (strstr(line, "not a default") != NULL)
				marked = true;
		} else if (marked)
			nother++;
		else {
			cfg = config_new();
			if (config_parse(cfg, "config.example", line,
			        strlen(line), &errs) != 0)
				fail_msg("%s", errs.msgs[0]);
			assert_same_config(cfg, deflt, line);
			config_free(cfg);
			ndefault++;
		}
		free(line);
	}
	print_message("# %zu lines repeat defaults, %zu do not\n", ndefault,
	    nother);
	/* Every setting that has a default shows it. */
	assert_true(ndefault >= config_nkeys - 5);
	assert_true(nother >= 4);
	free(text);
	config_free(deflt);
}

/* --list's plain ages and the date-format setting. */
static void
list_ages_follow_date_format(void **state)
{
	char conf[] = "/tmp/test_config.conf.XXXXXX", feed[4096], *out;
	const char *with[] = {"-c", conf, "-l", feed, NULL};
	const char *without[] = {"-l", feed, NULL};
	static char home[] = "HOME=/nonexistent", xdg[] = "XDG_CONFIG_HOME=",
	            cache[] = "XDG_CACHE_HOME=/nonexistent",
	            now[] = "IFPNEWS_NOW=2024-12-30T14:00:00Z";
	char *env[] = {home, xdg, cache, now, NULL};
	static const char text[] = "date-format \"%d.%m.%Y (%a)\"\n";
	int fd;

	(void)state;
	fd = mkstemp(conf);
	assert_true(fd != -1);
	assert_int_equal(write(fd, text, sizeof(text) - 1),
	    (ssize_t)(sizeof(text) - 1));
	close(fd);
	snprintf(feed, sizeof(feed), "%s/ifp-feed.xml", data_dir());
	assert_int_equal(run_ifpnews(with, env, &out), 0);
	if (strncmp(out, "1  30.11.2024 (Sat)  NATO head", 30) != 0)
		fail_msg("with date-format: %.80s", out);
	free(out);
	assert_int_equal(run_ifpnews(without, env, &out), 0);
	if (strncmp(out, "1  Nov 30, 2024  NATO head", 26) != 0)
		fail_msg("without: %.80s", out);
	free(out);
	unlink(conf);
}

/* prefetch: pages fetched ahead a minute, 0 to 60, 6 by default. */
static void
prefetch_is_a_count_a_minute(void **state)
{
	static const struct {
		const char *line;
		int n; /* -1: an error */
	} cases[] = {
	    {"", 6},
	    {"prefetch 0", 0},
	    {"prefetch 1", 1},
	    {"prefetch 60", 60},
	    {"prefetch 61", -1},
	    {"prefetch -1", -1},
	    {"prefetch 6/m", -1},
	    {"prefetch", -1},
	};
	struct config_errors errs = {NULL, 0};
	struct config *cfg;
	size_t i;
	int rc;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		cfg = config_new();
		rc = config_parse(cfg, "t", cases[i].line,
		    strlen(cases[i].line), &errs);
		if (cases[i].n == -1)
			assert_int_equal(rc, -1);
		else if (rc != 0 || cfg->prefetch != cases[i].n)
			fail_msg("%s: %d", cases[i].line, cfg->prefetch);
		config_errors_clear(&errs);
		config_free(cfg);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(prefetch_is_a_count_a_minute),
	    cmocka_unit_test(every_file_gives_exactly_its_expected_errors),
	    cmocka_unit_test(defaults_are_the_documented_ones),
	    cmocka_unit_test(reads_the_example_of_the_spec),
	    cmocka_unit_test(reads_every_setting_in_every_form),
	    cmocka_unit_test(good_lines_count_after_bad_ones),
	    cmocka_unit_test(splits_commands_without_a_shell),
	    cmocka_unit_test(n_is_the_next_post_or_the_next_match),
	    cmocka_unit_test(default_keys_follow_the_spec),
	    cmocka_unit_test(key_names_read_back_as_the_same_key),
	    cmocka_unit_test(durations_and_sizes),
	    cmocka_unit_test(every_error_names_file_line_and_column),
	    cmocka_unit_test(
	        man_page_example_and_help_list_exactly_the_parsers_keys),
	    cmocka_unit_test(
	        check_config_accepts_the_example_and_reports_every_error),
	    cmocka_unit_test(example_lines_said_to_be_defaults_are),
	    cmocka_unit_test(list_ages_follow_date_format),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
