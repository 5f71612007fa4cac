/*
 * dynlib -- see dynlib.h.
 */
#include "dynlib.h"

#include <dlfcn.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

void *
dynlib_open(const char *soname, const struct dynlib_sym *syms, size_t n,
    void *table, char **cause)
{
	const char *err;
	void *lib, *p, **got;
	size_t i;

	lib = dlopen(soname, RTLD_NOW | RTLD_LOCAL);
	if (lib == NULL) {
		err = dlerror();
		*cause = xstrdup(err != NULL ? err : soname);
		return NULL;
	}
	got = xcalloc(n > 0 ? n : 1, sizeof(*got));
	for (i = 0; i < n; i++) {
		got[i] = dlsym(lib, syms[i].name);
		if (got[i] == NULL) {
			*cause = xasprintf("%s: no %s", soname, syms[i].name);
			free(got);
			dlclose(lib);
			return NULL;
		}
	}
	/* POSIX: a dlsym() result may be used as a function pointer. */
	for (i = 0; i < n; i++) {
		p = got[i];
		memcpy((char *)table + syms[i].off, &p, sizeof(p));
	}
	free(got);
	return lib;
}
