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
	char *p, *s;
	struct stat st;
	int rc = -1;

	/* There already (every start but the first): one call, not one
	 * mkdir per component. */
	if (stat(path, &st) == 0 && S_ISDIR(st.st_mode))
		return 0;
	p = xstrdup(path);
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

#define WBUF_SIZE (256 << 10) /* bytes gathered before a write */

struct cache_rec_writer {
	char *dir;
	char *tmp;  /* dir/.NAME.tmp.PID.N */
	char *path; /* dir/NAME */
	int fd;
	uint64_t len0;          /* bytes of section 0 so far */
	struct cache_hasher h0; /* over them */
	unsigned char *wbuf;    /* not yet written */
	size_t nbuf;
};

struct cache_rec_writer *
cache_rec_begin(const char *dir, const char *name, char **cause)
{
	static unsigned seq; /* two writers of one name in one process */
	struct cache_rec_writer *w = xcalloc(1, sizeof(*w));

	w->dir = xstrdup(dir);
	w->tmp = xasprintf("%s/.%s%s%ld.%u", dir, name, TMP_MARK,
	    (long)getpid(), seq++);
	w->path = xasprintf("%s/%s", dir, name);
	unlink(w->tmp); /* a leftover of ours (a reused pid) */
	w->fd = open(w->tmp, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (w->fd == -1) {
		*cause = xasprintf("%s: %s", w->tmp, strerror(errno));
		free(w->tmp);
		w->tmp = NULL;
		cache_rec_abort(w);
		return NULL;
	}
	cache_hash_init(&w->h0);
	w->wbuf = xmalloc(WBUF_SIZE);
	/* The header goes in last, once the sections are known. */
	memset(w->wbuf, 0, CACHE_HDR_SIZE);
	w->nbuf = CACHE_HDR_SIZE;
	return w;
}

static int
flush_wbuf(struct cache_rec_writer *w, char **cause)
{
	struct iovec v;

	v.iov_base = w->wbuf;
	v.iov_len = w->nbuf;
	if (write_all(w->fd, &v, 1) == -1) {
		*cause = xasprintf("%s: %s", w->tmp, strerror(errno));
		return -1;
	}
	w->nbuf = 0;
	return 0;
}

int
cache_rec_add(struct cache_rec_writer *w, const void *p, size_t n, char **cause)
{
	struct iovec v;

	cache_hash_update(&w->h0, p, n);
	w->len0 += n;
	if (w->nbuf + n <= WBUF_SIZE) {
		memcpy(w->wbuf + w->nbuf, p, n);
		w->nbuf += n;
		return 0;
	}
	if (flush_wbuf(w, cause) == -1)
		return -1;
	if (n < WBUF_SIZE) {
		memcpy(w->wbuf, p, n);
		w->nbuf = n;
		return 0;
	}
	v.iov_base = (void *)(uintptr_t)p;
	v.iov_len = n;
	if (write_all(w->fd, &v, 1) == -1) {
		*cause = xasprintf("%s: %s", w->tmp, strerror(errno));
		return -1;
	}
	return 0;
}

uint64_t
cache_rec_len(const struct cache_rec_writer *w)
{
	return w->len0;
}

const char *
cache_rec_path(const struct cache_rec_writer *w)
{
	return w->path;
}

int
cache_rec_finish(struct cache_rec_writer *w, const char *magic,
    uint32_t version, const void *sec1, size_t n1, char **cause)
{
	unsigned char head[CACHE_HDR_SIZE];
	struct cache_hdr h;
	struct iovec v;
	ssize_t r;
	int dfd = -1, fd = -1;

	if (flush_wbuf(w, cause) == -1)
		goto out;
	v.iov_base = (void *)(uintptr_t)sec1;
	v.iov_len = n1;
	if (write_all(w->fd, &v, 1) == -1) {
		*cause = xasprintf("%s: %s", w->tmp, strerror(errno));
		goto out;
	}
	memcpy(h.magic, magic, CACHE_MAGIC_LEN);
	h.version = version;
	h.len[0] = w->len0;
	h.hash[0] = cache_hash_final(&w->h0);
	h.len[1] = n1;
	h.hash[1] = cache_hash(sec1, n1);
	cache_hdr_encode(&h, head);
	do
		r = pwrite(w->fd, head, sizeof(head), 0);
	while (r == -1 && errno == EINTR);
	if (r != (ssize_t)sizeof(head) || fsync(w->fd) == -1) {
		*cause = xasprintf("%s: %s", w->tmp,
		    r == -1 || r == (ssize_t)sizeof(head) ? strerror(errno)
		                                          : "short write");
		goto out;
	}
	if (rename(w->tmp, w->path) == -1) {
		*cause = xasprintf("%s: %s", w->path, strerror(errno));
		goto out;
	}
	free(w->tmp);
	w->tmp = NULL; /* in place: nothing to remove */
	/* The rename is durable only once the directory is. */
	dfd = open(w->dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dfd == -1 || fsync(dfd) == -1) {
		*cause = xasprintf("%s: %s", w->dir, strerror(errno));
		goto out;
	}
	fd = w->fd;
	w->fd = -1;
out:
	if (dfd != -1)
		close(dfd);
	cache_rec_abort(w);
	return fd;
}

void
cache_rec_abort(struct cache_rec_writer *w)
{
	if (w == NULL)
		return;
	if (w->fd != -1)
		close(w->fd);
	if (w->tmp != NULL)
		unlink(w->tmp);
	free(w->tmp);
	free(w->path);
	free(w->dir);
	free(w->wbuf);
	free(w);
}

int
cache_write_atomic(const char *dir, const char *name, const struct cache_hdr *h,
    const void *sec0, const void *sec1, char **cause)
{
	struct cache_rec_writer *w;
	int fd;

	w = cache_rec_begin(dir, name, cause);
	if (w == NULL)
		return -1;
	if (cache_rec_add(w, sec0, (size_t)h->len[0], cause) == -1) {
		cache_rec_abort(w);
		return -1;
	}
	fd = cache_rec_finish(w, h->magic, h->version, sec1, (size_t)h->len[1],
	    cause);
	if (fd == -1)
		return -1;
	close(fd);
	return 0;
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

int
cache_read_at(int fd, uint64_t off, uint64_t n, struct buf *b)
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

int
cache_open_record(const char *path, const char *magic, uint32_t version,
    int *fdp, struct cache_hdr *h, char **warning)
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
	switch (cache_hdr_decode(head, (size_t)r, magic, version,
	    (uint64_t)st.st_size, h, &cause)) {
	case -2:
		/* Written by another version of ifpnews: not damaged, and
		 * not ours to read. */
		free(cause);
		close(fd);
		return 0;
	case -1:
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
	rc = cache_open_record(path, magic, version, &fd, &h, warning);
	if (rc != 1)
		goto out;
	rc = -1;
	if (cache_read_at(fd, CACHE_HDR_SIZE, h.len[0], s0) == -1) {
		*warning = xasprintf("%s: %s", path, strerror(errno));
		goto out;
	}
	if (cache_hash(s0->data, s0->len) != h.hash[0]) {
		buf_clear(s0);
		cache_move_aside(path, warning, "damaged (bad checksum)");
		goto out;
	}
	if (s1 != NULL) {
		if (cache_read_at(fd, CACHE_HDR_SIZE + h.len[0], h.len[1],
		        s1) == -1) {
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
cache_map_section(int fd, const struct cache_hdr *h, int sec,
    struct cache_map *m, char **cause)
{
	uint64_t off = CACHE_HDR_SIZE + (sec == 1 ? h->len[0] : 0);
	long page = sysconf(_SC_PAGESIZE);
	uint64_t start;
	void *base;

	memset(m, 0, sizeof(*m));
	if (page <= 0)
		page = 4096;
	/* mmap wants an offset on a page boundary. */
	start = off - off % (uint64_t)page;
	m->len = (size_t)(off - start + h->len[sec]);
	if (h->len[sec] == 0) {
		m->len = 0;
		m->p = (const unsigned char *)"";
		if (h->hash[sec] == cache_hash(NULL, 0))
			return 0;
		*cause = xstrdup("damaged (bad checksum)");
		return -2;
	}
	/*
	 * Mapped, not read: no copy and no fresh pages for a big feed.  The
	 * file is only ever replaced by rename, never changed in place, so
	 * the mapping stays whole.
	 */
	base = mmap(NULL, m->len, PROT_READ, MAP_PRIVATE, fd, (off_t)start);
	if (base == MAP_FAILED) {
		m->len = 0;
		*cause = xstrdup(strerror(errno));
		return -1;
	}
	m->base = base;
	m->p = (const unsigned char *)base + (off - start);
	m->n = (size_t)h->len[sec];
	if (cache_hash(m->p, m->n) != h->hash[sec]) {
		cache_unmap(m);
		*cause = xstrdup("damaged (bad checksum)");
		return -2;
	}
	return 0;
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
 * create and the rename): .NAME.tmp.PID[.N] where PID is gone.
 */
void
cache_sweep_temps(const char *dir)
{
	DIR *d;
	struct dirent *de;
	const char *t, *errstr;
	char *path, num[24];
	long long pid;
	size_t n;

	d = opendir(dir);
	if (d == NULL)
		return;
	while ((de = readdir(d)) != NULL) {
		t = strstr(de->d_name, TMP_MARK);
		if (t == NULL || de->d_name[0] != '.')
			continue;
		/* .NAME.tmp.PID, or .NAME.tmp.PID.N */
		t += strlen(TMP_MARK);
		n = strcspn(t, ".");
		if (n >= sizeof(num))
			continue;
		memcpy(num, t, n);
		num[n] = '\0';
		if (str_tonum(num, 1, 1LL << 40, &pid, &errstr) == -1)
			continue;
		if (kill((pid_t)pid, 0) == 0 || errno != ESRCH)
			continue;
		path = xasprintf("%s/%s", dir, de->d_name);
		unlink(path);
		free(path);
	}
	closedir(d);
}
