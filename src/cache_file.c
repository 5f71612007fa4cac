/*
 * cache_file -- record files on disk: XDG paths, directories, the lock,
 * atomic writes and checked reads.  Shared by cache.c and state.c.
 */
#include "cache.h"

#include <sys/file.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/uio.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util.h"

#define TMP_MARK ".tmp." /* temporary files: .NAME.tmp.PID */

char *
cache_xdg_dir(const char *var, const char *fallback)
{
	const char *v = getenv(var), *home = getenv("HOME");
	struct passwd *pw;

	/* XDG Base Directory: a relative value is invalid and ignored. */
	if (v != NULL && v[0] == '/')
		return xasprintf("%s/ifpnews", v);
	if (home == NULL || home[0] != '/') {
		pw = getpwuid(getuid());
		if (pw == NULL || pw->pw_dir == NULL || pw->pw_dir[0] != '/')
			return NULL;
		home = pw->pw_dir;
	}
	return xasprintf("%s/%s/ifpnews", home, fallback);
}

int
cache_mkdirs(const char *path, char **cause)
{
	char *p = xstrdup(path), *s;
	struct stat st;
	int rc = -1;

	for (s = p + 1;; s++) {
		if (*s != '/' && *s != '\0')
			continue;
		if (s[0] == '/' && (s[1] == '/' || s[1] == '\0'))
			continue;
		char c = *s;
		*s = '\0';
		if (mkdir(p, 0700) == -1 && errno != EEXIST) {
			*cause = xasprintf("%s: %s", p, strerror(errno));
			goto out;
		}
		*s = c;
		if (c == '\0')
			break;
	}
	if (stat(path, &st) == -1) {
		*cause = xasprintf("%s: %s", path, strerror(errno));
		goto out;
	}
	if (!S_ISDIR(st.st_mode)) {
		*cause = xasprintf("%s: not a directory", path);
		goto out;
	}
	rc = 0;
out:
	free(p);
	return rc;
}

int
cache_lock_dir(const char *dir, char **cause)
{
	char *path = xasprintf("%s/lock", dir);
	int fd;

	fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
	if (fd == -1) {
		*cause = xasprintf("%s: %s", path, strerror(errno));
		free(path);
		return -1;
	}
	while (flock(fd, LOCK_EX) == -1) {
		if (errno == EINTR)
			continue;
		*cause = xasprintf("%s: lock: %s", path, strerror(errno));
		close(fd);
		free(path);
		return -1;
	}
	free(path);
	return fd;
}

static int
write_all(int fd, const struct iovec *iov, int n)
{
	struct iovec v[3];
	ssize_t w;
	int i = 0;

	memcpy(v, iov, (size_t)n * sizeof(*v));
	while (i < n) {
		if (v[i].iov_len == 0) {
			i++;
			continue;
		}
		w = writev(fd, v + i, n - i);
		if (w == -1) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		while (i < n && (size_t)w >= v[i].iov_len) {
			w -= (ssize_t)v[i].iov_len;
			i++;
		}
		if (i < n) {
			v[i].iov_base = (char *)v[i].iov_base + w;
			v[i].iov_len -= (size_t)w;
		}
	}
	return 0;
}

int
cache_write_atomic(const char *dir, const char *name, const struct cache_hdr *h,
    const void *sec0, const void *sec1, char **cause)
{
	unsigned char head[CACHE_HDR_SIZE];
	struct iovec iov[3];
	char *tmp, *path;
	int fd = -1, dfd = -1, rc = -1;

	tmp = xasprintf("%s/.%s%s%ld", dir, name, TMP_MARK, (long)getpid());
	path = xasprintf("%s/%s", dir, name);
	cache_hdr_encode(h, head);
	iov[0].iov_base = head;
	iov[0].iov_len = CACHE_HDR_SIZE;
	iov[1].iov_base = (void *)(uintptr_t)sec0;
	iov[1].iov_len = (size_t)h->len[0];
	iov[2].iov_base = (void *)(uintptr_t)sec1;
	iov[2].iov_len = (size_t)h->len[1];

	unlink(tmp); /* a leftover of ours (a reused pid) */
	fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd == -1) {
		*cause = xasprintf("%s: %s", tmp, strerror(errno));
		goto out;
	}
	if (write_all(fd, iov, 3) == -1 || fsync(fd) == -1) {
		*cause = xasprintf("%s: %s", tmp, strerror(errno));
		goto out;
	}
	if (close(fd) == -1) {
		fd = -1;
		*cause = xasprintf("%s: %s", tmp, strerror(errno));
		goto out;
	}
	fd = -1;
	if (rename(tmp, path) == -1) {
		*cause = xasprintf("%s: %s", path, strerror(errno));
		goto out;
	}
	/* The rename is durable only once the directory is. */
	dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dfd == -1 || fsync(dfd) == -1) {
		*cause = xasprintf("%s: %s", dir, strerror(errno));
		goto out;
	}
	rc = 0;
out:
	if (fd != -1)
		close(fd);
	if (dfd != -1)
		close(dfd);
	if (rc == -1)
		unlink(tmp);
	free(tmp);
	free(path);
	return rc;
}

/* Move a bad file (or directory) aside to PATH.corrupt. */
void
cache_move_aside(const char *path, char **warning, const char *why)
{
	char *aside = xasprintf("%s.corrupt", path);
	struct stat st;

	if (lstat(aside, &st) == 0) {
		if (S_ISDIR(st.st_mode))
			rmdir(aside);
		else
			unlink(aside);
	}
	if (rename(path, aside) == 0)
		*warning =
		    xasprintf("%s: %s; moved aside to %s", path, why, aside);
	else
		*warning = xasprintf("%s: %s (and cannot move it aside: %s)",
		    path, why, strerror(errno));
	free(aside);
}

/* Read exactly n bytes at off into a buffer of maximum n. */
static int
read_at(int fd, uint64_t off, uint64_t n, struct buf *b)
{
	size_t got = 0;
	ssize_t r;

	buf_init(b, (size_t)n);
	b->data = xmalloc((size_t)n + 1);
	b->cap = (size_t)n + 1;
	while (got < n) {
		r = pread(fd, b->data + got, (size_t)n - got,
		    (off_t)(off + got));
		if (r == -1 && errno == EINTR)
			continue;
		if (r <= 0) {
			if (r == 0)
				errno = EIO; /* shrank under us */
			buf_clear(b);
			return -1;
		}
		got += (size_t)r;
	}
	b->len = (size_t)n;
	b->data[n] = '\0';
	return 0;
}

/*
 * Open and check dir/name up to its header: 1 with *fd and *h, 0 when
 * there is no file, -1 with *warning (a bad file is moved aside).
 */
static int
open_record(const char *path, const char *magic, uint32_t version, int *fdp,
    struct cache_hdr *h, char **warning)
{
	unsigned char head[CACHE_HDR_SIZE];
	struct stat st;
	char *cause = NULL;
	ssize_t r;
	int fd;

	fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
	if (fd == -1) {
		if (errno == ENOENT)
			return 0;
		if (errno == ELOOP)
			cache_move_aside(path, warning, "a symbolic link");
		else
			*warning = xasprintf("%s: %s", path, strerror(errno));
		return -1;
	}
	if (fstat(fd, &st) == -1) {
		*warning = xasprintf("%s: %s", path, strerror(errno));
		goto fail;
	}
	if (!S_ISREG(st.st_mode)) {
		cache_move_aside(path, warning,
		    S_ISDIR(st.st_mode) ? "a directory, not a file"
		                        : "not a regular file");
		goto fail;
	}
	do
		r = pread(fd, head, sizeof(head), 0);
	while (r == -1 && errno == EINTR);
	if (r == -1) {
		*warning = xasprintf("%s: %s", path, strerror(errno));
		goto fail;
	}
	if (cache_hdr_decode(head, (size_t)r, magic, version,
	        (uint64_t)st.st_size, h, &cause) == -1) {
		cache_move_aside(path, warning, cause);
		free(cause);
		goto fail;
	}
	*fdp = fd;
	return 1;
fail:
	close(fd);
	return -1;
}

int
cache_read_record(const char *dir, const char *name, const char *magic,
    uint32_t version, struct buf *s0, struct buf *s1, char **warning)
{
	struct cache_hdr h;
	char *path;
	int fd = -1, rc;

	buf_init(s0, 0);
	if (s1 != NULL)
		buf_init(s1, 0);
	path = xasprintf("%s/%s", dir, name);
	rc = open_record(path, magic, version, &fd, &h, warning);
	if (rc != 1)
		goto out;
	rc = -1;
	if (read_at(fd, CACHE_HDR_SIZE, h.len[0], s0) == -1) {
		*warning = xasprintf("%s: %s", path, strerror(errno));
		goto out;
	}
	if (cache_hash(s0->data, s0->len) != h.hash[0]) {
		buf_clear(s0);
		cache_move_aside(path, warning, "damaged (bad checksum)");
		goto out;
	}
	if (s1 != NULL) {
		if (read_at(fd, CACHE_HDR_SIZE + h.len[0], h.len[1], s1) ==
		    -1) {
			buf_clear(s0);
			*warning = xasprintf("%s: %s", path, strerror(errno));
			goto out;
		}
		if (cache_hash(s1->data, s1->len) != h.hash[1]) {
			buf_clear(s0);
			buf_clear(s1);
			cache_move_aside(path, warning,
			    "damaged (bad checksum)");
			goto out;
		}
	}
	rc = 1;
out:
	if (fd != -1)
		close(fd);
	free(path);
	return rc;
}

int
cache_map_record(const char *dir, const char *name, const char *magic,
    uint32_t version, struct cache_map *m, char **warning)
{
	struct cache_hdr h;
	char *path;
	void *base;
	int fd = -1, rc;

	memset(m, 0, sizeof(*m));
	path = xasprintf("%s/%s", dir, name);
	rc = open_record(path, magic, version, &fd, &h, warning);
	if (rc != 1)
		goto out;
	rc = -1;
	m->len = CACHE_HDR_SIZE + (size_t)h.len[0];
	/*
	 * Mapped, not read: no copy and no fresh pages for a big feed.  The
	 * file is only ever replaced by rename, never changed in place, so
	 * the mapping stays whole.
	 */
	base = mmap(NULL, m->len, PROT_READ, MAP_PRIVATE, fd, 0);
	if (base == MAP_FAILED) {
		*warning = xasprintf("%s: %s", path, strerror(errno));
		goto out;
	}
	m->base = base;
	m->s0 = (const unsigned char *)base + CACHE_HDR_SIZE;
	m->n0 = (size_t)h.len[0];
	if (cache_hash(m->s0, m->n0) != h.hash[0]) {
		cache_unmap(m);
		cache_move_aside(path, warning, "damaged (bad checksum)");
		goto out;
	}
	rc = 1;
out:
	if (fd != -1)
		close(fd);
	free(path);
	return rc;
}

void
cache_unmap(struct cache_map *m)
{
	if (m->base != NULL)
		munmap(m->base, m->len);
	memset(m, 0, sizeof(*m));
}

/*
 * Remove the temporary files of writers that died (kill -9 between the
 * create and the rename): NAME.tmp.PID where PID is gone.
 */
void
cache_sweep_temps(const char *dir)
{
	DIR *d;
	struct dirent *de;
	const char *t;
	char *path;
	long long pid;
	const char *errstr;

	d = opendir(dir);
	if (d == NULL)
		return;
	while ((de = readdir(d)) != NULL) {
		t = strstr(de->d_name, TMP_MARK);
		if (t == NULL || de->d_name[0] != '.')
			continue;
		if (str_tonum(t + strlen(TMP_MARK), 1, 1LL << 40, &pid,
		        &errstr) == -1)
			continue;
		if (kill((pid_t)pid, 0) == 0 || errno != ESRCH)
			continue;
		path = xasprintf("%s/%s", dir, de->d_name);
		unlink(path);
		free(path);
	}
	closedir(d);
}
