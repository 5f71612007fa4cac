/*
 * cache -- the cache directory: paths, locking, atomic writes.
 */
#include "cache.h"

#include <sys/file.h>
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

#define CHECK_MAGIC "IFPNchkd"
#define PAGE_MAGIC "IFPNpage"
#define PAGE_VERSION 1
#define TMP_MARK ".tmp."

struct cache {
	char *dir;   /* the cache directory */
	char *feeds; /* dir/feeds */
	char *pages; /* dir/pages */
	int lockfd;  /* dir/lock while locked, else -1 */
};

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

/*
 * Remove the temporary files of writers that died (kill -9 between the
 * create and the rename): NAME.tmp.PID where PID is gone.
 */
static void
sweep_temps(const char *dir)
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

struct cache *
cache_open(const char *dir, char **cause)
{
	struct cache *c;
	char *base;

	base = dir != NULL ? xstrdup(dir)
	                   : cache_xdg_dir("XDG_CACHE_HOME", ".cache");
	if (base == NULL) {
		*cause = xstrdup("no cache directory: HOME is not set");
		return NULL;
	}
	c = xcalloc(1, sizeof(*c));
	c->dir = base;
	c->feeds = xasprintf("%s/feeds", base);
	c->pages = xasprintf("%s/pages", base);
	c->lockfd = -1;
	if (cache_mkdirs(c->feeds, cause) == -1 ||
	    cache_mkdirs(c->pages, cause) == -1) {
		cache_free(c);
		return NULL;
	}
	sweep_temps(c->feeds);
	sweep_temps(c->pages);
	return c;
}

void
cache_free(struct cache *c)
{
	if (c == NULL)
		return;
	cache_unlock(c);
	free(c->dir);
	free(c->feeds);
	free(c->pages);
	free(c);
}

const char *
cache_path(const struct cache *c)
{
	return c->dir;
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

int
cache_lock(struct cache *c, char **cause)
{
	if (c->lockfd != -1)
		return 0;
	c->lockfd = cache_lock_dir(c->dir, cause);
	return c->lockfd == -1 ? -1 : 0;
}

void
cache_unlock(struct cache *c)
{
	if (c != NULL && c->lockfd != -1) {
		close(c->lockfd); /* releases the flock */
		c->lockfd = -1;
	}
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
static void
move_aside(const char *path, char **warning, const char *why)
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

int
cache_read_record(const char *dir, const char *name, const char *magic,
    uint32_t version, struct buf *s0, struct buf *s1, char **warning)
{
	unsigned char head[CACHE_HDR_SIZE];
	struct cache_hdr h;
	struct stat st;
	char *path, *cause = NULL;
	ssize_t r;
	int fd, rc = -1;

	buf_init(s0, 0);
	if (s1 != NULL)
		buf_init(s1, 0);
	path = xasprintf("%s/%s", dir, name);
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
	if (fd == -1) {
		if (errno == ENOENT)
			rc = 0;
		else if (errno == ELOOP)
			move_aside(path, warning, "a symbolic link");
		else
			*warning = xasprintf("%s: %s", path, strerror(errno));
		goto out;
	}
	if (fstat(fd, &st) == -1) {
		*warning = xasprintf("%s: %s", path, strerror(errno));
		goto out;
	}
	if (!S_ISREG(st.st_mode)) {
		move_aside(path, warning,
		    S_ISDIR(st.st_mode) ? "a directory, not a file"
		                        : "not a regular file");
		goto out;
	}
	do
		r = pread(fd, head, sizeof(head), 0);
	while (r == -1 && errno == EINTR);
	if (r == -1) {
		*warning = xasprintf("%s: %s", path, strerror(errno));
		goto out;
	}
	if (cache_hdr_decode(head, (size_t)r, magic, version,
	        (uint64_t)st.st_size, &h, &cause) == -1) {
		move_aside(path, warning, cause);
		goto out;
	}
	if (read_at(fd, CACHE_HDR_SIZE, h.len[0], s0) == -1) {
		*warning = xasprintf("%s: %s", path, strerror(errno));
		goto out;
	}
	if (cache_hash(s0->data, s0->len) != h.hash[0]) {
		buf_clear(s0);
		move_aside(path, warning, "damaged (bad checksum)");
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
			move_aside(path, warning, "damaged (bad checksum)");
			goto out;
		}
	}
	rc = 1;
out:
	if (fd != -1)
		close(fd);
	free(cause);
	free(path);
	return rc;
}

/* The file name of url's entry: 16 hex digits of its hash. */
static void
key_name(const char *url, const char *suffix, char out[32])
{
	snprintf(out, 32, "%016llx%s",
	    (unsigned long long)cache_hash(url, strlen(url)), suffix);
}

static void
make_hdr(struct cache_hdr *h, const char *magic, uint32_t version,
    const void *s0, size_t n0, const void *s1, size_t n1)
{
	memcpy(h->magic, magic, CACHE_MAGIC_LEN);
	h->version = version;
	h->len[0] = n0;
	h->hash[0] = cache_hash(s0, n0);
	h->len[1] = n1;
	h->hash[1] = cache_hash(s1, n1);
}

/* The time of the last 304, or 0. */
static time_t
checked_time(struct cache *c, const char *url)
{
	struct buf s0;
	struct cache_rd rd;
	char name[32], *warning = NULL, *u;
	time_t t = 0;

	key_name(url, ".t", name);
	if (cache_read_record(c->feeds, name, CHECK_MAGIC, 1, &s0, NULL,
	        &warning) == 1) {
		rd.p = (const unsigned char *)s0.data;
		rd.end = rd.p + s0.len;
		rd.bad = false;
		u = cache_get_str(&rd);
		t = (time_t)cache_get_int(&rd);
		if (rd.bad || u == NULL || strcmp(u, url) != 0)
			t = 0;
		free(u);
	}
	/* A bad check time only costs one extra request: not worth a word. */
	free(warning);
	buf_clear(&s0);
	return t;
}

int
cache_feed_get(struct cache *c, const char *url, unsigned flags,
    struct cache_entry **out, char **warning)
{
	struct buf s0;
	struct cache_entry *e = NULL;
	char name[32], *cause = NULL, *path;
	time_t t;
	int rc;

	key_name(url, "", name);
	rc = cache_read_record(c->feeds, name, CACHE_FEED_MAGIC,
	    CACHE_FEED_VERSION, &s0, NULL, warning);
	if (rc != 1)
		goto out;
	if (cache_feed_decode(s0.data, s0.len, flags, &e, &cause) == -1) {
		/* The checksum matched: written by a buggy or other program. */
		path = xasprintf("%s/%s", c->feeds, name);
		move_aside(path, warning, cause);
		free(path);
		rc = -1;
		goto out;
	}
	if (strcmp(e->url, url) != 0) {
		/* Another URL with the same hash: a miss. */
		cache_entry_free(e);
		rc = 0;
		goto out;
	}
	t = checked_time(c, url);
	if (t > e->checked)
		e->checked = t;
	*out = e;
out:
	free(cause);
	buf_clear(&s0);
	return rc;
}

int
cache_feed_body(struct cache *c, const char *url, struct buf *out,
    char **warning)
{
	struct buf s0;
	struct cache_rd rd;
	char name[32], *u;
	int rc;

	key_name(url, "", name);
	rc = cache_read_record(c->feeds, name, CACHE_FEED_MAGIC,
	    CACHE_FEED_VERSION, &s0, out, warning);
	if (rc != 1)
		return rc;
	rd.p = (const unsigned char *)s0.data;
	rd.end = rd.p + s0.len;
	rd.bad = false;
	u = cache_get_str(&rd);
	if (u == NULL || strcmp(u, url) != 0) {
		buf_clear(out);
		rc = 0;
	}
	free(u);
	buf_clear(&s0);
	return rc;
}

int
cache_feed_put(struct cache *c, const struct cache_entry *e, const char *body,
    size_t len, char **cause)
{
	struct buf s0;
	struct cache_hdr h;
	char name[32];
	int rc;

	buf_init(&s0, BUF_NOLIMIT);
	cache_feed_encode(e, &s0);
	make_hdr(&h, CACHE_FEED_MAGIC, CACHE_FEED_VERSION, s0.data, s0.len,
	    body, body != NULL ? len : 0);
	key_name(e->url, "", name);
	rc = cache_write_atomic(c->feeds, name, &h, s0.data, body, cause);
	buf_clear(&s0);
	return rc;
}

int
cache_feed_touch(struct cache *c, const char *url, time_t t, char **cause)
{
	struct buf s0;
	struct cache_hdr h;
	char name[32];
	int rc;

	buf_init(&s0, BUF_NOLIMIT);
	cache_put_str(&s0, url);
	cache_put_int(&s0, (int64_t)t);
	make_hdr(&h, CHECK_MAGIC, 1, s0.data, s0.len, NULL, 0);
	key_name(url, ".t", name);
	rc = cache_write_atomic(c->feeds, name, &h, s0.data, NULL, cause);
	buf_clear(&s0);
	return rc;
}

int
cache_page_get(struct cache *c, const char *url, char **data, size_t *len,
    time_t *stored, char **warning)
{
	struct buf s0, s1;
	struct cache_rd rd;
	char name[32], *u;
	time_t t;
	int rc;

	key_name(url, "", name);
	rc = cache_read_record(c->pages, name, PAGE_MAGIC, PAGE_VERSION, &s0,
	    &s1, warning);
	if (rc != 1)
		return rc;
	rd.p = (const unsigned char *)s0.data;
	rd.end = rd.p + s0.len;
	rd.bad = false;
	u = cache_get_str(&rd);
	t = (time_t)cache_get_int(&rd);
	if (rd.bad || u == NULL || strcmp(u, url) != 0) {
		buf_clear(&s1);
		rc = 0;
	} else {
		*stored = t;
		*data = buf_detach(&s1, len);
	}
	free(u);
	buf_clear(&s0);
	return rc;
}

int
cache_page_put(struct cache *c, const char *url, const char *data, size_t len,
    time_t now, char **cause)
{
	struct buf s0;
	struct cache_hdr h;
	char name[32];
	int rc;

	buf_init(&s0, BUF_NOLIMIT);
	cache_put_str(&s0, url);
	cache_put_int(&s0, (int64_t)now);
	make_hdr(&h, PAGE_MAGIC, PAGE_VERSION, s0.data, s0.len, data, len);
	key_name(url, "", name);
	rc = cache_write_atomic(c->pages, name, &h, s0.data, data, cause);
	buf_clear(&s0);
	return rc;
}
