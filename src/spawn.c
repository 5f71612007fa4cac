/*
 * spawn -- open a link in the web browser, never through a shell.
 *
 * Everything the child needs (the argv, the program's path) is made
 * before fork(): the reader may have threads (libcurl's resolver), and
 * after fork() only async-signal-safe calls are allowed, which excludes
 * malloc() and, strictly, execvp() (hence execv() on a path looked up
 * here).  A double fork leaves the browser to init, so ifpnews never
 * waits for it and never collects a zombie; a close-on-exec pipe tells
 * the parent whether the exec worked (as in posix_spawn implementations).
 */
#include "spawn.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "config.h"
#include "uri.h"
#include "util.h"

#define MAX_TRIES 8 /* commands of a $BROWSER list */
#define MAX_FD 65536

/* One command to try: its argv and the program's path. */
struct
try {
	char **argv; /* owned, NULL-terminated */
	char *path;  /* owned; NULL when not found */
};

/* The command with the URL put in: for a word %u or %s, else last. */
static char **
with_url(char *const *tmpl, const char *url)
{
	char **argv;
	size_t i, n;
	bool put = false;

	for (n = 0; tmpl[n] != NULL; n++)
		;
	argv = xcalloc(n + 2, sizeof(*argv));
	for (i = 0; i < n; i++) {
		if (strcmp(tmpl[i], "%u") == 0 || strcmp(tmpl[i], "%s") == 0) {
			argv[i] = xstrdup(url);
			put = true;
		} else
			argv[i] = xstrdup(tmpl[i]);
	}
	if (!put)
		argv[n] = xstrdup(url);
	return argv;
}

/* The program's path, as execvp() would find it in PATH; caller frees. */
static char *
find_program(const char *name)
{
	const char *path = getenv("PATH"), *p, *end;
	struct stat st;
	char *full;
	size_t len;

	if (name[0] == '\0')
		return NULL;
	if (strchr(name, '/') != NULL)
		return xstrdup(name);
	if (path == NULL)
		path = "/usr/local/bin:/usr/bin:/bin";
	for (p = path;; p = end + 1) {
		end = strchr(p, ':');
		len = end != NULL ? (size_t)(end - p) : strlen(p);
		/* An empty entry is the current directory (POSIX). */
		full = len == 0 ? xasprintf("./%s", name)
		                : xasprintf("%.*s/%s", (int)len, p, name);
		if (stat(full, &st) == 0 && S_ISREG(st.st_mode) &&
		    access(full, X_OK) == 0)
			return full;
		free(full);
		if (end == NULL)
			return NULL;
	}
}

static void
tries_free(struct try *t, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		config_argv_free(t[i].argv);
		free(t[i].path);
	}
}

/*
 * The commands to try: argv, else each command of $BROWSER, else
 * xdg-open.  Returns how many (0 with *cause set on a quoting error).
 */
static size_t
make_tries(char *const *argv, const char *url, struct try *t, char **cause)
{
	static char xdg[] = "xdg-open";
	char *const xdg_open[] = {xdg, NULL};
	const char *env = getenv("BROWSER"), *p, *end;
	char **words, *one, *why;
	size_t n = 0;

	if (argv == NULL && env != NULL) {
		for (p = env; n < MAX_TRIES; p = end + 1) {
			end = strchr(p, ':');
			one = end != NULL ? xstrndup(p, (size_t)(end - p))
			                  : xstrdup(p);
			words = NULL;
			if (one[strspn(one, " \t")] != '\0') {
				words = config_split_words(one, &why);
				if (words == NULL) {
					*cause = xasprintf("BROWSER: %s", why);
					free(why);
					free(one);
					tries_free(t, n);
					return 0;
				}
			}
			free(one);
			if (words != NULL) {
				t[n].argv = with_url(words, url);
				t[n].path = find_program(t[n].argv[0]);
				n++;
				config_argv_free(words);
			}
			if (end == NULL)
				break;
		}
	}
	if (n == 0) {
		t[0].argv = with_url(argv != NULL ? argv : xdg_open, url);
		t[0].path = find_program(t[0].argv[0]);
		n = 1;
	}
	return n;
}

/*
 * The grandchild: a fresh process with the default signal handling,
 * /dev/null for stdio and no inherited descriptors; then exec.  Only
 * async-signal-safe calls.
 */
static void
run_child(struct try *t, size_t n, int report, long maxfd)
{
	static const int sigs[] = {SIGINT, SIGQUIT, SIGTERM, SIGHUP, SIGPIPE,
	    SIGCHLD, SIGTSTP, SIGTTIN, SIGTTOU, SIGWINCH, SIGALRM};
	sigset_t none;
	size_t i;
	long fd;
	int err = ENOENT, null;

	for (i = 0; i < NITEMS(sigs); i++)
		signal(sigs[i], SIG_DFL);
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	null = open("/dev/null", O_RDWR);
	if (null == -1 || dup2(null, 0) == -1 || dup2(null, 1) == -1 ||
	    dup2(null, 2) == -1) {
		err = errno;
		goto fail;
	}
	for (fd = 3; fd < maxfd; fd++)
		if (fd != report)
			close((int)fd);
	for (i = 0; i < n; i++) {
		if (t[i].path == NULL)
			continue;
		execv(t[i].path, t[i].argv);
		err = errno;
	}
fail:
	if (write(report, &err, sizeof(err)) == -1)
		_exit(126);
	_exit(127);
}

int
spawn_browser(char *const *argv, const char *url, char **cause)
{
	struct try t[MAX_TRIES];
	size_t n, i;
	ssize_t got;
	long maxfd;
	pid_t pid;
	int fds[2] = {-1, -1}, err = 0, status, rc = -1;

	if (url == NULL || !uri_is_http(url)) {
		*cause = xstrdup("not an http or https URL");
		return -1;
	}
	if (argv != NULL && argv[0] == NULL) {
		*cause = xstrdup("empty browser command");
		return -1;
	}
	n = make_tries(argv, url, t, cause);
	if (n == 0)
		return -1;
	for (i = 0; i < n && t[i].path == NULL; i++)
		;
	if (i == n) {
		*cause = xasprintf("%s: command not found", t[0].argv[0]);
		goto out;
	}
	maxfd = sysconf(_SC_OPEN_MAX);
	if (maxfd < 0 || maxfd > MAX_FD)
		maxfd = MAX_FD;
	if (pipe(fds) == -1 || fcntl(fds[0], F_SETFD, FD_CLOEXEC) == -1 ||
	    fcntl(fds[1], F_SETFD, FD_CLOEXEC) == -1) {
		*cause = xasprintf("pipe: %s", strerror(errno));
		goto out;
	}
	pid = fork();
	if (pid == -1) {
		*cause = xasprintf("fork: %s", strerror(errno));
		goto out;
	}
	if (pid == 0) {
		/* A new session: no controlling terminal, no ^C from ours. */
		setsid();
		pid = fork();
		if (pid == 0)
			run_child(t, n, fds[1], maxfd);
		if (pid == -1) {
			err = errno;
			if (write(fds[1], &err, sizeof(err)) == -1)
				_exit(126);
		}
		_exit(0);
	}
	close(fds[1]);
	fds[1] = -1;
	/* EOF: the exec worked and closed the pipe; else its errno. */
	do
		got = read(fds[0], &err, sizeof(err));
	while (got == -1 && errno == EINTR);
	while (waitpid(pid, &status, 0) == -1 && errno == EINTR)
		;
	if (got == (ssize_t)sizeof(err)) {
		/* Name the last command tried: its error is the one we have. */
		for (i = n; i > 0 && t[i - 1].path == NULL; i--)
			;
		*cause = xasprintf("%s: %s", t[i - 1].argv[0], strerror(err));
		goto out;
	}
	rc = 0;
out:
	if (fds[0] != -1)
		close(fds[0]);
	if (fds[1] != -1)
		close(fds[1]);
	tries_free(t, n);
	return rc;
}
