/*
 * render_test -- helpers of the renderer's tests (test_html, test_wrap,
 * test_article): fixture files, and the invariants every display line
 * keeps.  Static functions: each test program has its own copy.
 */
#ifndef IFPNEWS_RENDER_TEST_H
#define IFPNEWS_RENDER_TEST_H

#include <sys/wait.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "utf8.h"
#include "util.h"
#include "wrap.h"

/* $TESTS_DATA/html/name (tests/data when unset).  Caller frees. */
static inline char *
data_path(const char *name)
{
	const char *dir = getenv("TESTS_DATA");

	return xasprintf("%s/html/%s", dir != NULL ? dir : "tests/data", name);
}

/* The contents of a file (fails the test when it cannot be read). */
static inline char *
slurp(const char *path, size_t *len)
{
	struct buf b;
	char chunk[4096];
	size_t n;
	FILE *f = fopen(path, "rb");

	if (f == NULL)
		fail_msg("cannot open %s", path);
	buf_init(&b, BUF_NOLIMIT);
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		buf_add(&b, chunk, n);
	fclose(f);
	return buf_detach(&b, len);
}

/*
 * Run argv (execvp: a PATH search; setting env first when env is not
 * NULL, "NAME=VALUE" strings) and return its stdout; *status gets its
 * exit status (-1 when it did not exit).  Its stderr goes to stderr.
 */
static inline char *
run_capture_env(const char *const *argv, const char *const *env, int *status)
{
	struct buf b;
	char chunk[4096];
	ssize_t n;
	int fd[2], st;
	pid_t pid;

	assert_int_equal(pipe(fd), 0);
	pid = fork();
	assert_true(pid != -1);
	if (pid == 0) {
		dup2(fd[1], 1);
		close(fd[0]);
		close(fd[1]);
		char **a;
		size_t i, na = 0;

		for (; env != NULL && *env != NULL; env++)
			putenv(xstrdup(*env));
		while (argv[na] != NULL)
			na++;
		a = xcalloc(na + 1, sizeof(*a));
		for (i = 0; i < na; i++)
			a[i] = xstrdup(argv[i]);
		execvp(a[0], a);
		_exit(127);
	}
	close(fd[1]);
	buf_init(&b, BUF_NOLIMIT);
	while ((n = read(fd[0], chunk, sizeof(chunk))) > 0)
		buf_add(&b, chunk, (size_t)n);
	close(fd[0]);
	assert_int_equal(waitpid(pid, &st, 0), pid);
	*status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
	return buf_detach(&b, NULL);
}

static inline char *
run_capture(const char *const *argv, int *status)
{
	return run_capture_env(argv, NULL, status);
}

/*
 * Every line: no wider than the width, its width right, valid UTF-8, no
 * control character (C0, DEL, C1), no trailing space, spans covering it;
 * the lines in the order of their places (block, pos).
 */
static inline void
check_lines(const struct wrap_doc *w)
{
	size_t i, j;

	for (i = 0; i < w->nlines; i++) {
		const struct wrap_line *l = &w->lines[i];
		size_t spanned = 0;

		assert_true(l->width <= w->width);
		assert_int_equal(utf8_width(l->text, l->len), l->width);
		assert_int_equal(strlen(l->text), l->len);
		assert_true(utf8_valid(l->text, l->len));
		for (j = 0; j < l->len; j++) {
			unsigned char c = (unsigned char)l->text[j];

			assert_false(c < 0x20 || c == 0x7F);
			if (c == 0xC2 && j + 1 < l->len)
				assert_false(
				    (unsigned char)l->text[j + 1] >= 0x80 &&
				    (unsigned char)l->text[j + 1] <= 0x9F);
		}
		if (l->len > 0)
			assert_true(l->text[l->len - 1] != ' ');
		for (j = 0; j < l->nspans; j++) {
			const struct wrap_span *s = &w->spans[l->span + j];

			assert_int_equal(s->off, spanned);
			assert_true(s->len > 0);
			spanned += s->len;
		}
		assert_int_equal(spanned, l->len);
		if (i > 0)
			assert_true(l->block > w->lines[i - 1].block ||
			    (l->block == w->lines[i - 1].block &&
			        l->pos >= w->lines[i - 1].pos));
	}
}

/* The lines joined with '\n', after check_lines.  Caller frees. */
static inline char *
lines_of(const struct wrap_doc *w)
{
	struct buf b;
	size_t i;

	check_lines(w);
	buf_init(&b, BUF_NOLIMIT);
	for (i = 0; i < w->nlines; i++) {
		if (i > 0)
			buf_addch(&b, '\n');
		buf_add(&b, w->lines[i].text, w->lines[i].len);
	}
	return buf_detach(&b, NULL);
}

#endif
