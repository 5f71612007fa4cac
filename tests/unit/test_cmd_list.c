/*
 * test_cmd_list -- `ifpnews --list` as a user runs it: the real binary
 * ($IFPNEWS) on the fixtures, its output, messages and exit status.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include "buf.h"
#include "utf8.h"
#include "util.h"

struct run {
	char *out, *err;
	int status;
};

static char path_buf[8][4096];

/* When not -1, run() gives the program this descriptor as its stdout. */
static int run_stdout = -1;

/* tests/data/NAME, as an absolute or relative path. */
static const char *
data(int slot, const char *name)
{
	const char *dir = getenv("TESTS_DATA");

	snprintf(path_buf[slot], sizeof(path_buf[slot]), "%s/%s",
	    dir != NULL ? dir : "tests/data", name);
	return path_buf[slot];
}

static void
slurp(int fd, struct buf *b)
{
	char block[65536];
	ssize_t n;

	while ((n = read(fd, block, sizeof(block))) > 0)
		buf_add(b, block, (size_t)n);
}

/* Run $IFPNEWS with args (NULL-terminated) at the fixtures' now. */
static void
run(struct run *r, const char *arg, ...)
{
	const char *argv[32];
	const char *bin = getenv("IFPNEWS");
	char outf[] = "/tmp/ifpn-out-XXXXXX", errf[] = "/tmp/ifpn-err-XXXXXX";
	int fo = mkstemp(outf), fe = mkstemp(errf), n = 1, st;
	struct buf ob, eb;
	va_list ap;
	pid_t pid;

	assert_true(fo != -1 && fe != -1);
	argv[0] = bin != NULL ? bin : "./ifpnews";
	va_start(ap, arg);
	for (; arg != NULL && n < 31; arg = va_arg(ap, const char *))
		argv[n++] = arg;
	va_end(ap);
	argv[n] = NULL;
	pid = fork();
	assert_true(pid != -1);
	if (pid == 0) {
		dup2(run_stdout != -1 ? run_stdout : fo, 1);
		dup2(fe, 2);
		setenv("IFPNEWS_NOW", "2024-11-30T14:00:00Z", 1);
		setenv("XDG_CACHE_HOME", "/nonexistent/cache", 1);
		setenv("XDG_STATE_HOME", "/nonexistent/state", 1);
		setenv("XDG_CONFIG_HOME", "/nonexistent/config", 1);
		execv(argv[0], (char *const *)(uintptr_t)argv);
		_exit(127);
	}
	while (waitpid(pid, &st, 0) == -1 && errno == EINTR)
		;
	buf_init(&ob, BUF_NOLIMIT);
	buf_init(&eb, BUF_NOLIMIT);
	lseek(fo, 0, SEEK_SET);
	lseek(fe, 0, SEEK_SET);
	slurp(fo, &ob);
	slurp(fe, &eb);
	close(fo);
	close(fe);
	unlink(outf);
	unlink(errf);
	r->out = buf_detach(&ob, NULL);
	r->err = buf_detach(&eb, NULL);
	r->status = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

static void
run_free(struct run *r)
{
	free(r->out);
	free(r->err);
}

static size_t
count_lines(const char *s)
{
	size_t n = 0;

	for (; *s != '\0'; s++)
		n += *s == '\n';
	return n;
}

/* No control byte but newline and tab, no C1, valid UTF-8. */
static void
assert_safe(const char *s)
{
	size_t i;

	assert_true(utf8_valid(s, strlen(s)));
	for (i = 0; s[i] != '\0'; i++) {
		unsigned char c = (unsigned char)s[i];

		if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7F)
			fail_msg("control byte 0x%02x at %zu", c, i);
		if (c == 0xC2 && (unsigned char)s[i + 1] >= 0x80 &&
		    (unsigned char)s[i + 1] <= 0x9F)
			fail_msg("C1 control at %zu", i);
	}
}

static void
tsv_list_of_the_ifp_feed_is_the_expected_list(void **state)
{
	struct run r;
	struct buf want, got;
	char *exp, *line, *save = NULL;
	FILE *f;
	char l[4096];

	(void)state;
	run(&r, "--offline", "--list", "--format", "tsv",
	    data(0, "feeds/ifp-feed.xml"), NULL);
	assert_int_equal(r.status, 0);
	assert_string_equal(r.err, "");
	buf_init(&want, BUF_NOLIMIT);
	buf_init(&got, BUF_NOLIMIT);
	f = fopen(data(1, "feeds/ifp-feed.expected-list.txt"), "r");
	assert_non_null(f);
	while (fgets(l, sizeof(l), f) != NULL) {
		char *p = l, *col[6];
		int k;

		for (k = 0; k < 6; k++)
			col[k] = strsep(&p, "\t");
		buf_printf(&want, "%s\t%s\t%s\t%s\t%s", col[0], col[1], col[3],
		    col[4], col[5]);
		buf_printf(&got, "%s  %s  %s\n", col[0], col[2], col[3]);
	}
	fclose(f);
	assert_string_equal(r.out, buf_str(&want));
	run_free(&r);
	/* plain: N  AGE  TITLE with the ages the site shows. */
	run(&r, "-l", data(0, "feeds/ifp-feed.xml"), NULL);
	assert_int_equal(r.status, 0);
	assert_string_equal(r.out, buf_str(&got));
	run_free(&r);
	exp = buf_detach(&want, NULL);
	(void)line;
	(void)save;
	free(exp);
	buf_clear(&got);
}

static void
json_list_is_valid_json(void **state)
{
	static const char *const feeds[] = {"feeds/ifp-feed.xml",
	    "feeds/atom-feed.xml", "feeds/rdf-feed.xml",
	    "feeds/latin1-feed.xml", "feeds/hostile/escape-injection.xml",
	    "feeds/hostile/invalid-utf8.xml", "feeds/hostile/huge-title.xml"};
	size_t i;

	(void)state;
	for (i = 0; i < NITEMS(feeds); i++) {
		struct run r, py;
		char tmp[] = "/tmp/ifpn-json-XXXXXX";
		int fd = mkstemp(tmp);
		const char *bin = getenv("IFPNEWS");

		run(&r, "-l", "-f", "json", data(0, feeds[i]), NULL);
		assert_int_equal(r.status, 0);
		assert_safe(r.out);
		assert_true(
		    write(fd, r.out, strlen(r.out)) == (ssize_t)strlen(r.out));
		close(fd);
		/* python3 -m json.tool through the same runner. */
		setenv("IFPNEWS", "/usr/bin/python3", 1);
		run(&py, "-c",
		    "import json,sys; d=json.load(open(sys.argv[1]));"
		    "assert set(d)=={'feed','items'};"
		    "assert "
		    "set(d['feed'])=={'title','link','description','url'};"
		    "k={'index','id','title','link','author','published',"
		    "'updated','categories','summary','content_html',"
		    "'enclosures'};"
		    "assert all(set(i)==k for i in d['items']);"
		    "assert [i['index'] for i in d['items']]=="
		    "list(range(1,len(d['items'])+1))",
		    tmp, NULL);
		if (bin != NULL)
			setenv("IFPNEWS", bin, 1);
		else
			unsetenv("IFPNEWS");
		if (py.status != 0)
			fail_msg("%s: %s", feeds[i], py.err);
		unlink(tmp);
		run_free(&py);
		run_free(&r);
	}
}

static void
several_feeds_make_one_list(void **state)
{
	struct run r;
	char url[4200];

	(void)state;
	/* The Atom feed's 4 posts (same ids) are in the RSS feed. */
	run(&r, "-l", "-f", "tsv", data(0, "feeds/ifp-feed.xml"),
	    data(1, "feeds/atom-feed.xml"), data(2, "feeds/rdf-feed.xml"),
	    NULL);
	assert_int_equal(r.status, 0);
	assert_int_equal(count_lines(r.out), 15);
	assert_true(
	    strncmp(r.out, "1\t2024-11-30T13:06:00Z\tNATO head", 32) == 0);
	run_free(&r);
	/* A file:// URL, and the exit status when one feed fails. */
	snprintf(url, sizeof(url), "file://%s%s",
	    data(0, "")[0] == '/' ? "" : "/", data(1, "feeds/rdf-feed.xml"));
	if (url[7] == '/' && url[8] != '/') {
		run(&r, "-l", url, NULL);
		assert_int_equal(r.status, 0);
		assert_int_equal(count_lines(r.out), 3);
		run_free(&r);
	}
	run(&r, "-l", data(0, "feeds/rdf-feed.xml"),
	    data(1, "feeds/no-such-file.xml"), NULL);
	assert_int_equal(r.status, 1);
	assert_int_equal(count_lines(r.out), 3);
	assert_non_null(strstr(r.err,
	    "no-such-file.xml: No such file or "
	    "directory\n"));
	run_free(&r);
}

static void
not_a_feed_is_a_clear_error(void **state)
{
	struct run r;
	char want[4200];

	(void)state;
	run(&r, "-l", data(0, "feeds/hostile/not-xml.html"), NULL);
	assert_int_equal(r.status, 1);
	assert_string_equal(r.out, "");
	snprintf(want, sizeof(want), "ifpnews: %s: not a feed: HTML page\n",
	    data(0, "feeds/hostile/not-xml.html"));
	assert_string_equal(r.err, want);
	run_free(&r);
	run(&r, "-l", data(0, "feeds/hostile/wrong-root.xml"), NULL);
	assert_int_equal(r.status, 1);
	assert_non_null(strstr(r.err, "not a feed: root element <urlset>"));
	run_free(&r);
	run(&r, "-l", data(0, "feeds/hostile/deep-nesting-xml.xml"), NULL);
	assert_int_equal(r.status, 1);
	run_free(&r);
	run(&r, "-l", data(0, "feeds/hostile/empty-channel.xml"), NULL);
	assert_int_equal(r.status, 0);
	assert_string_equal(r.out, "");
	assert_string_equal(r.err, "");
	run_free(&r);
}

static void
a_truncated_feed_lists_its_complete_items_and_says_so(void **state)
{
	struct run r;

	(void)state;
	run(&r, "-l", data(0, "feeds/hostile/truncated.xml"), NULL);
	assert_int_equal(r.status, 0);
	assert_int_equal(count_lines(r.out), 3);
	assert_non_null(strstr(r.err, "damaged feed"));
	assert_non_null(strstr(r.err, "cut short"));
	run_free(&r);
}

static void
hostile_feeds_never_reach_the_terminal_raw(void **state)
{
	static const char *const files[] = {"billion-laughs.xml",
	    "deep-nesting.xml", "escape-injection-raw.xml",
	    "escape-injection.xml", "huge-title.xml", "invalid-utf8.xml",
	    "quadratic-blowup.xml", "xxe-dtd.xml", "xxe.xml"};
	static const char *const fmts[] = {"plain", "tsv", "json"};
	size_t i, j;
	char name[256];

	(void)state;
	for (i = 0; i < NITEMS(files); i++)
		for (j = 0; j < NITEMS(fmts); j++) {
			struct run r;

			snprintf(name, sizeof(name), "feeds/hostile/%s",
			    files[i]);
			run(&r, "-l", "-f", fmts[j], data(0, name), NULL);
			assert_int_equal(r.status, 0);
			assert_safe(r.out);
			assert_safe(r.err);
			assert_null(strstr(r.out, "root:"));
			run_free(&r);
		}
}

static void
external_entities_open_no_connection(void **state)
{
	struct sockaddr_in sa;
	int s, c, one = 1;
	struct run r;

	(void)state;
	s = socket(AF_INET, SOCK_STREAM, 0);
	assert_true(s != -1);
	setsockopt(s, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	memset(&sa, 0, sizeof(sa));
	sa.sin_family = AF_INET;
	sa.sin_port = htons(8999);
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (bind(s, (struct sockaddr *)&sa, sizeof(sa)) == -1 ||
	    listen(s, 8) == -1) {
		close(s);
		skip(); /* the port is taken: nothing to observe */
	}
	run(&r, "-l", data(0, "feeds/hostile/xxe.xml"),
	    data(1, "feeds/hostile/xxe-dtd.xml"), NULL);
	assert_int_equal(r.status, 0);
	assert_int_equal(count_lines(r.out), 2);
	run_free(&r);
	fcntl(s, F_SETFL, O_NONBLOCK);
	c = accept(s, NULL, NULL);
	assert_int_equal(c, -1);
	close(s);
}

static void
a_failed_write_to_stdout_is_an_error_with_its_reason(void **state)
{
	struct run r;

	(void)state;
	run_stdout = open("/dev/full", O_WRONLY);
	if (run_stdout == -1)
		skip(); /* no /dev/full on this system */
	run(&r, "-l", data(0, "feeds/ifp-feed.xml"), NULL);
	close(run_stdout);
	run_stdout = -1;
	assert_int_equal(r.status, 1);
	assert_string_equal(r.err,
	    "ifpnews: stdout: No space left on device\n");
	run_free(&r);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(tsv_list_of_the_ifp_feed_is_the_expected_list),
	    cmocka_unit_test(json_list_is_valid_json),
	    cmocka_unit_test(several_feeds_make_one_list),
	    cmocka_unit_test(not_a_feed_is_a_clear_error),
	    cmocka_unit_test(
	        a_truncated_feed_lists_its_complete_items_and_says_so),
	    cmocka_unit_test(hostile_feeds_never_reach_the_terminal_raw),
	    cmocka_unit_test(external_entities_open_no_connection),
	    cmocka_unit_test(
	        a_failed_write_to_stdout_is_an_error_with_its_reason),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
