/*
 * test_spawn -- opening links: a fake browser (a shell script) records
 * its argv, its stdio, its session and whether it inherited a descriptor
 * of ours.  A shell-module test: linked with the shell objects.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "spawn.h"
#include "util.h"

static char dir[] = "/tmp/test_spawn.XXXXXX";
static char record[4096]; /* where the fake browser writes */

/*
 * The fake browser: one line per argument, then where its fds 0-2 go,
 * its session id, and how many of its fds point at our marker file.
 */
static const char script[] =
    "#!/bin/sh\n"
    "${SPAWN_DELAY:+sleep $SPAWN_DELAY}\n"
    "fd0=$(readlink /proc/$$/fd/0) fd1=$(readlink /proc/$$/fd/1)\n"
    "fd2=$(readlink /proc/$$/fd/2)\n"
    "out=$SPAWN_RECORD.$$\n"
    "{\n"
    "  for a; do printf 'arg:%s\\n' \"$a\"; done\n"
    "  printf 'fd0:%s\\nfd1:%s\\nfd2:%s\\n' \"$fd0\" \"$fd1\" \"$fd2\"\n"
    "  printf 'sid:%s\\n' \"$(cut -d' ' -f6 /proc/$$/stat)\"\n"
    "  printf 'marker:%s\\n' \"$(ls -l /proc/$$/fd | grep -c marker)\"\n"
    "  printf 'name:%s\\n' \"${0##*/}\"\n"
    "} >\"$out\"\n"
    "mv \"$out\" \"$SPAWN_RECORD\"\n";

static void
write_script(const char *name, mode_t mode)
{
	char path[4096];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "w");
	assert_non_null(f);
	fputs(script, f);
	assert_int_equal(fclose(f), 0);
	assert_int_equal(chmod(path, mode), 0);
}

static int
setup(void **state)
{
	char path[4096];

	(void)state;
	if (mkdtemp(dir) == NULL)
		return -1;
	write_script("fakebrowser", 0755);
	write_script("xdg-open", 0755);
	write_script("noexec", 0644);
	snprintf(record, sizeof(record), "%s/record", dir);
	setenv("SPAWN_RECORD", record, 1);
	snprintf(path, sizeof(path), "%s:/usr/bin:/bin", dir);
	setenv("PATH", path, 1);
	unsetenv("BROWSER");
	return 0;
}

static int
teardown(void **state)
{
	char cmd[4096];
	pid_t pid;

	(void)state;
	snprintf(cmd, sizeof(cmd), "%s", dir);
	pid = fork();
	if (pid == 0) {
		execl("/bin/rm", "rm", "-rf", cmd, (char *)NULL);
		_exit(127);
	}
	waitpid(pid, NULL, 0);
	return 0;
}

/* Wait (at most 5 s) for the browser's record; returns it, caller frees. */
static char *
wait_record(void)
{
	struct timespec ts = {0, 10 * 1000 * 1000};
	char *s = NULL;
	size_t len = 0, n;
	FILE *f = NULL;
	int i;

	for (i = 0; i < 500 && f == NULL; i++) {
		f = fopen(record, "r");
		if (f == NULL)
			nanosleep(&ts, NULL);
	}
	if (f == NULL)
		fail_msg("the browser did not run");
	for (;;) {
		s = xreallocarray(s, len + 4097, 1);
		n = fread(s + len, 1, 4096, f);
		len += n;
		if (n == 0)
			break;
	}
	fclose(f);
	s[len] = '\0';
	unlink(record);
	return s;
}

/* The browser's record must be exactly these arguments, detached. */
static void
check_record(const char *name, const char *const *args)
{
	char *rec = wait_record(), *want, *p, sid[32];
	size_t i;

	want = xstrdup("");
	for (i = 0; args[i] != NULL; i++) {
		p = xasprintf("%sarg:%s\n", want, args[i]);
		free(want);
		want = p;
	}
	snprintf(sid, sizeof(sid), "%ld", (long)getsid(0));
	p = xasprintf("%sfd0:/dev/null\nfd1:/dev/null\nfd2:/dev/null\n", want);
	free(want);
	want = p;
	if (strncmp(rec, want, strlen(want)) != 0)
		fail_msg("the browser got\n%s\nwant first\n%s", rec, want);
	p = strstr(rec, "sid:");
	assert_non_null(p);
	assert_true(strncmp(p + 4, sid, strlen(sid)) != 0 ||
	    p[4 + strlen(sid)] != '\n');
	assert_non_null(strstr(rec, "marker:0\n"));
	p = xasprintf("name:%s\n", name);
	assert_non_null(strstr(rec, p));
	free(p);
	free(want);
	free(rec);
}

static void
passes_the_url_as_one_last_argument(void **state)
{
	char path[4096], *cause = NULL;
	char *argv[] = {path, (char *)(uintptr_t) "--new-tab", NULL};
	const char *want[] = {"--new-tab", "https://ifpnews.com/feed/", NULL};
	char marker[4096];
	int fd;

	(void)state;
	/* A descriptor of ours without close-on-exec must not leak. */
	snprintf(marker, sizeof(marker), "%s/marker", dir);
	fd = open(marker, O_WRONLY | O_CREAT, 0644);
	assert_true(fd >= 3);
	snprintf(path, sizeof(path), "%s/fakebrowser", dir);
	assert_int_equal(spawn_browser(argv, "https://ifpnews.com/feed/",
	                     &cause),
	    0);
	check_record("fakebrowser", want);
	close(fd);
}

static void
puts_the_url_where_the_command_says(void **state)
{
	char *cause = NULL;
	char *argv[] = {(char *)(uintptr_t) "fakebrowser",
	    (char *)(uintptr_t) "--url", (char *)(uintptr_t) "%u",
	    (char *)(uintptr_t) "--tail", NULL};
	const char *want[] = {"--url", "http://127.0.0.1:8080/a?b=1#c",
	    "--tail", NULL};

	(void)state;
	assert_int_equal(spawn_browser(argv, "http://127.0.0.1:8080/a?b=1#c",
	                     &cause),
	    0);
	check_record("fakebrowser", want);
}

static void
never_lets_a_shell_see_the_url(void **state)
{
	char url[16384], pwned[1024], *cause = NULL;
	char *argv[] = {(char *)(uintptr_t) "fakebrowser", NULL};
	const char *want[] = {url, NULL};

	(void)state;
	snprintf(pwned, sizeof(pwned), "%s/PWNED", dir);
	snprintf(url, sizeof(url),
	    "https://example.org/a?b=$(touch${IFS}%s)&c=`touch${IFS}%s`;"
	    "touch${IFS}%s|cat>x'\"*",
	    pwned, pwned, pwned);
	assert_int_equal(spawn_browser(argv, url, &cause), 0);
	check_record("fakebrowser", want);
	assert_int_equal(access(pwned, F_OK), -1);
}

static void
opens_only_http_and_https(void **state)
{
	static const char *const refused[] = {"javascript:alert(1)",
	    "file:///etc/passwd", "-https://example.org/", "--help",
	    "-oProxyCommand=x", "", "https://", "http:///path",
	    " https://example.org/", "https://example.org/a b",
	    "https://example.org/\n", "https://example.org/\x1b[2J",
	    "https://example.org/\x7f", "ftp://example.org/",
	    "mailto:a@example.org", "https:example.org", "data:text/html,x",
	    "httpx://example.org/"};
	char *argv[] = {(char *)(uintptr_t) "fakebrowser", NULL};
	char *cause = NULL;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(refused) / sizeof(refused[0]); i++) {
		if (spawn_browser(argv, refused[i], &cause) != -1)
			fail_msg("opened \"%s\"", refused[i]);
		assert_string_equal(cause, "not an http or https URL");
		free(cause);
		cause = NULL;
	}
	assert_int_equal(spawn_browser(argv, NULL, &cause), -1);
	free(cause);
	/* Nothing ran. */
	assert_int_equal(access(record, F_OK), -1);
	/* The scheme is case-insensitive. */
	assert_int_equal(spawn_browser(argv, "HTTPS://Example.ORG/", &cause),
	    0);
	free(wait_record());
}

static void
uses_browser_then_xdg_open(void **state)
{
	const char *want_env[] = {"--from-env", "https://example.org/x",
	    "--after", NULL};
	const char *want_xdg[] = {"https://example.org/x", NULL};
	char *cause = NULL;

	(void)state;
	/* $BROWSER: words, a %s placeholder, a colon-separated list. */
	setenv("BROWSER", "no-such-browser-1:fakebrowser --from-env %s --after",
	    1);
	assert_int_equal(spawn_browser(NULL, "https://example.org/x", &cause),
	    0);
	check_record("fakebrowser", want_env);
	setenv("BROWSER", "fakebrowser \"unclosed", 1);
	assert_int_equal(spawn_browser(NULL, "https://example.org/x", &cause),
	    -1);
	assert_string_equal(cause, "BROWSER: column 13: no closing \"");
	free(cause);
	/* No BROWSER (or an empty one): xdg-open. */
	setenv("BROWSER", "", 1);
	assert_int_equal(spawn_browser(NULL, "https://example.org/x", &cause),
	    0);
	check_record("xdg-open", want_xdg);
	unsetenv("BROWSER");
	assert_int_equal(spawn_browser(NULL, "https://example.org/x", &cause),
	    0);
	check_record("xdg-open", want_xdg);
}

static void
says_why_a_browser_cannot_run(void **state)
{
	char path[4096], *cause = NULL, *want;
	char *missing[] = {(char *)(uintptr_t) "no-such-browser", NULL};
	char *absent[] = {(char *)(uintptr_t) "/nonexistent/browser", NULL};
	char *noexec[] = {path, NULL};
	char *empty[] = {NULL};

	(void)state;
	assert_int_equal(spawn_browser(missing, "https://x.org/", &cause), -1);
	assert_string_equal(cause, "no-such-browser: command not found");
	free(cause);
	assert_int_equal(spawn_browser(absent, "https://x.org/", &cause), -1);
	assert_string_equal(cause,
	    "/nonexistent/browser: No such file or directory");
	free(cause);
	snprintf(path, sizeof(path), "%s/noexec", dir);
	assert_int_equal(spawn_browser(noexec, "https://x.org/", &cause), -1);
	want = xasprintf("%s: Permission denied", path);
	assert_string_equal(cause, want);
	free(want);
	free(cause);
	assert_int_equal(spawn_browser(empty, "https://x.org/", &cause), -1);
	assert_string_equal(cause, "empty browser command");
	free(cause);
	assert_int_equal(access(record, F_OK), -1);
}

static void
returns_at_once_and_leaves_no_child(void **state)
{
	char *argv[] = {(char *)(uintptr_t) "fakebrowser", NULL};
	const char *want[] = {"https://example.org/slow", NULL};
	struct timespec t0, t1;
	char *cause = NULL;
	double secs;

	(void)state;
	setenv("SPAWN_DELAY", "2", 1);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	assert_int_equal(spawn_browser(argv, "https://example.org/slow",
	                     &cause),
	    0);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	unsetenv("SPAWN_DELAY");
	secs = (double)(t1.tv_sec - t0.tv_sec) +
	    (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	if (secs > 1.0)
		fail_msg("spawn_browser took %.2f s", secs);
	/* The browser belongs to init: we have no child to reap. */
	assert_int_equal(waitpid(-1, NULL, WNOHANG), -1);
	assert_int_equal(errno, ECHILD);
	check_record("fakebrowser", want);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(passes_the_url_as_one_last_argument),
	    cmocka_unit_test(puts_the_url_where_the_command_says),
	    cmocka_unit_test(never_lets_a_shell_see_the_url),
	    cmocka_unit_test(opens_only_http_and_https),
	    cmocka_unit_test(uses_browser_then_xdg_open),
	    cmocka_unit_test(says_why_a_browser_cannot_run),
	    cmocka_unit_test(returns_at_once_and_leaves_no_child),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
