/*
 * dynlib -- a shared library opened at run time, its symbols looked up in
 * one go into a table of pointers.
 *
 * Shell module (net.c loads libcurl with it, xml_lazy.c libxml2): the
 * program does not link them, so a start that needs neither skips their
 * dynamic loading.
 */
#ifndef IFP_DYNLIB_H
#define IFP_DYNLIB_H

#include <stddef.h>

/* A symbol and the offset of its pointer in the caller's table. */
struct dynlib_sym {
	const char *name;
	size_t off;
};

/*
 * Open the library soname and store each of the n symbols' addresses at
 * (char *)table + syms[i].off.  Returns the handle (kept for the life of
 * the process), or NULL with *cause set ("SONAME: no SYMBOL", or dlerror's
 * words; caller frees), the table then untouched.
 */
void *dynlib_open(const char *soname, const struct dynlib_sym *syms, size_t n,
    void *table, char **cause);

#endif
