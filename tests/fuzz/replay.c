/*
 * replay -- run a libFuzzer target over files, without libFuzzer.
 *
 *   replay_NAME DIR|FILE ...
 *
 * Linked with one tests/fuzz/fuzz_NAME.c by any compiler (make check
 * builds it with gcc, ASan and UBSan), it calls LLVMFuzzerTestOneInput
 * once per file, in name order within a directory, and prints TAP: "ok N
 * - FILE" after each input returns.  A broken invariant aborts (assert),
 * a sanitizer stops the process, and an input that runs longer than
 * REPLAY_TIMEOUT seconds is reported "not ok" and ends the run: each is a
 * failure to tests/run.sh.  So the corpora, which hold every crash found
 * so far, are regression tests.
 */
#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/*
 * Seconds one input may take.  libFuzzer's limit is 2 s on an optimized
 * clang build; a gcc -O1 sanitizer build on a busy CI machine gets more.
 */
#define REPLAY_TIMEOUT 20

/* Largest input (bytes): libFuzzer's default -max_len is far below. */
#define REPLAY_MAX (64L * 1024 * 1024)

static int ntests;
static const char *current;

static void
on_alarm(int sig)
{
	static const char msg[] = "not ok - input ran longer than the limit: ";

	(void)sig;
	/* Only async-signal-safe calls here. */
	(void)!write(STDOUT_FILENO, msg, sizeof(msg) - 1);
	if (current != NULL)
		(void)!write(STDOUT_FILENO, current, strlen(current));
	(void)!write(STDOUT_FILENO, "\n", 1);
	_exit(1);
}

static int
run_file(const char *path)
{
	struct stat st;
	unsigned char *data = NULL;
	size_t n = 0;
	FILE *fp;
	int rc = -1;

	fp = fopen(path, "rb");
	if (fp == NULL) {
		printf("not ok %d - %s: %s\n", ++ntests, path, strerror(errno));
		return -1;
	}
	if (fstat(fileno(fp), &st) != 0 || st.st_size > REPLAY_MAX) {
		printf("not ok %d - %s: unreadable or too large\n", ++ntests,
		    path);
		goto out;
	}
	/*
	 * Exactly the file's bytes (one more for an empty file), so that
	 * ASan sees a target reading past the end of its input.
	 */
	data = xmalloc(st.st_size > 0 ? (size_t)st.st_size : 1);
	n = fread(data, 1, (size_t)st.st_size, fp);
	if (ferror(fp)) {
		printf("not ok %d - %s: read error\n", ++ntests, path);
		goto out;
	}
	fflush(stdout);
	current = path;
	alarm(REPLAY_TIMEOUT);
	LLVMFuzzerTestOneInput(data, n);
	alarm(0);
	current = NULL;
	printf("ok %d - %s (%zu bytes)\n", ++ntests, path, n);
	rc = 0;
out:
	fflush(stdout);
	free(data);
	fclose(fp);
	return rc;
}

static int
cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int
run_dir(const char *dir)
{
	struct dirent *de;
	char **names = NULL, *path;
	size_t n = 0, i;
	int rc = 0;
	DIR *d;

	d = opendir(dir);
	if (d == NULL) {
		printf("not ok %d - %s: %s\n", ++ntests, dir, strerror(errno));
		return -1;
	}
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		names = xreallocarray(names, n + 1, sizeof(*names));
		names[n++] = xstrdup(de->d_name);
	}
	closedir(d);
	qsort(names, n, sizeof(*names), cmp_names);
	for (i = 0; i < n; i++) {
		path = xasprintf("%s/%s", dir, names[i]);
		if (run_file(path) != 0)
			rc = -1;
		free(path);
		free(names[i]);
	}
	free(names);
	return rc;
}

int
main(int argc, char **argv)
{
	struct sigaction sa;
	struct stat st;
	int i, rc = 0;

	if (argc < 2) {
		fprintf(stderr, "usage: %s DIR|FILE ...\n", argv[0]);
		return 2;
	}
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_alarm;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGALRM, &sa, NULL);
	for (i = 1; i < argc; i++) {
		if (stat(argv[i], &st) == 0 && S_ISDIR(st.st_mode)) {
			if (run_dir(argv[i]) != 0)
				rc = 1;
		} else if (run_file(argv[i]) != 0)
			rc = 1;
	}
	if (ntests == 0) {
		/* An empty corpus covers nothing: that is a failure. */
		printf("not ok 1 - no input in the corpus\n");
		rc = 1;
	} else
		printf("1..%d\n", ntests);
	return rc;
}
