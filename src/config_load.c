/*
 * config_load -- find and read the config file, then config_parse it.
 *
 * Shell: reads the environment (XDG_CONFIG_HOME, HOME) and one file.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "util.h"

/* A config file is a few hundred bytes; anything past this is a mistake. */
#define CONFIG_MAX (1024 * 1024)

static void
load_error(struct config_errors *errs, const char *path, const char *why)
{
	errs->msgs =
	    xreallocarray(errs->msgs, errs->n + 1, sizeof(*errs->msgs));
	errs->msgs[errs->n++] = xasprintf("%s: %s", path, why);
}

/* The default path, or NULL when there is no home to put it in. */
static char *
default_path(void)
{
	const char *dir = getenv("XDG_CONFIG_HOME"), *home;

	/* XDG Base Directory: a relative value is invalid and ignored. */
	if (dir != NULL && dir[0] == '/')
		return xasprintf("%s/ifpnews/config", dir);
	home = getenv("HOME");
	if (home == NULL || home[0] == '\0')
		return NULL;
	return xasprintf("%s/.config/ifpnews/config", home);
}

/* Read path whole into b; 0, or -1 with errno set (EFBIG: too big). */
static int
read_file(const char *path, struct buf *b)
{
	char chunk[8192];
	ssize_t n;
	int fd, saved;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd == -1)
		return -1;
	for (;;) {
		n = read(fd, chunk, sizeof(chunk));
		if (n == -1 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		if (buf_add(b, chunk, (size_t)n) == -1) {
			errno = EFBIG;
			n = -1;
			break;
		}
	}
	saved = errno;
	close(fd);
	errno = saved;
	return n == -1 ? -1 : 0;
}

int
config_load(const char *path, struct config **cfgp, char **usedp,
    struct config_errors *errs)
{
	struct config *cfg = config_new();
	struct buf b;
	char *p;
	int rc = -1;

	*cfgp = cfg;
	*usedp = NULL;
	p = path != NULL ? xstrdup(path) : default_path();
	if (p == NULL)
		return 0;
	buf_init(&b, CONFIG_MAX);
	if (read_file(p, &b) == -1) {
		if (path == NULL && errno == ENOENT) {
			rc = 0; /* no config file: the defaults */
			goto out;
		}
		load_error(errs, p,
		    errno == EFBIG ? "larger than 1 MiB, not a config file"
		                   : strerror(errno));
		*usedp = p;
		p = NULL;
		goto out;
	}
	rc = config_parse(cfg, p, buf_str(&b), b.len, errs);
	*usedp = p;
	p = NULL;
out:
	free(p);
	buf_clear(&b);
	return rc;
}
