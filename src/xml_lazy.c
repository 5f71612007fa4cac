/*
 * xml_lazy -- libxml2 loaded on its first use (dlopen), not linked.
 *
 * Debian's libxml2 brings ICU (libicuuc and its 30 MB of data), the C++
 * runtime, liblzma, zlib and libm: eight objects for the dynamic loader
 * with libxml2 itself, 1.2 ms of every start (`--version`: 2.4 ms linked,
 * 1.2 ms without), more than the reader's own work to draw its first
 * screen from the cache, which parses nothing.  So the program does not
 * link libxml2 (the Makefile's XML_LAZY=0 does): this file defines the
 * libxml2 functions the core calls, and the first call loads the library
 * and forwards to it, as net.c does for libcurl.  Unit tests and fuzzers
 * link the core with libxml2 itself and never see this file.
 *
 * Checked by the compiler and the linker: libxml2's own headers declare
 * every function defined here, so a definition that differs from the
 * real prototype does not compile, and each pointer has the type of its
 * prototype.  Core code that calls one more libxml2 function or uses one
 * more of its variables fails to link the program ("undefined reference
 * to xmlFoo"): add it here (a variable as xmlFree is, below).
 *
 * Globals: libxml2's error handlers are per-thread in a threaded build,
 * reached through __xmlGenericError() and its kin (functions, forwarded
 * here); xmlFree is a process-wide variable in a build without
 * per-thread allocators, and ours calls whatever the library's holds at
 * the time (so xmlMemSetup() would be followed).  The #error below
 * rejects any other build of libxml2: use XML_LAZY=0 there.
 *
 * Shell module: loads a library.  Every symbol is looked up when the
 * library is loaded, so a libxml2 that lacks one fails at once, not in
 * the middle of a parse.  Without it the program cannot parse, and
 * die() says so (after restoring the terminal).  Main thread only, as
 * the core's libxml2 calls are.
 */
#include <stddef.h>
#include <string.h>

#include <libxml/HTMLparser.h>
#include <libxml/globals.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlstring.h>

#include "dynlib.h"
#include "util.h"

#if !defined(LIBXML_THREAD_ENABLED) || defined(LIBXML_THREAD_ALLOC_ENABLED)
#error "libxml2's globals are not as xml_lazy.c expects: build with XML_LAZY=0"
#endif

#ifndef IFP_XML_SONAME
#define IFP_XML_SONAME "libxml2.so.2"
#endif

/* The library's definitions, each of its prototype's type. */
static struct xml_api {
	void *lib; /* the dlopen handle, kept for the life of the process */
	xmlFreeFunc *xmlFree; /* the library's variable, not its value */
	__typeof__(__xmlGenericError) *__xmlGenericError;
	__typeof__(__xmlGenericErrorContext) *__xmlGenericErrorContext;
	__typeof__(__xmlStructuredError) *__xmlStructuredError;
	__typeof__(__xmlStructuredErrorContext) *__xmlStructuredErrorContext;
	__typeof__(xmlSetGenericErrorFunc) *xmlSetGenericErrorFunc;
	__typeof__(xmlSetStructuredErrorFunc) *xmlSetStructuredErrorFunc;
	__typeof__(xmlCreatePushParserCtxt) *xmlCreatePushParserCtxt;
	__typeof__(xmlCtxtUseOptions) *xmlCtxtUseOptions;
	__typeof__(xmlParseChunk) *xmlParseChunk;
	__typeof__(xmlStopParser) *xmlStopParser;
	__typeof__(xmlFreeParserCtxt) *xmlFreeParserCtxt;
	__typeof__(htmlReadMemory) *htmlReadMemory;
	__typeof__(xmlStrdup) *xmlStrdup;
	__typeof__(xmlStrndup) *xmlStrndup;
	__typeof__(xmlDocGetRootElement) *xmlDocGetRootElement;
	__typeof__(xmlFreeDoc) *xmlFreeDoc;
	__typeof__(xmlNewDocNode) *xmlNewDocNode;
	__typeof__(xmlAddChild) *xmlAddChild;
	__typeof__(xmlReplaceNode) *xmlReplaceNode;
	__typeof__(xmlUnlinkNode) *xmlUnlinkNode;
	__typeof__(xmlFreeNode) *xmlFreeNode;
	__typeof__(xmlNodeSetName) *xmlNodeSetName;
	__typeof__(xmlSetProp) *xmlSetProp;
} api;

/* The library, loaded with every symbol of api on the first call. */
static const struct xml_api *
xml(void)
{
#define SYM(f) #f, offsetof(struct xml_api, f)
	static const struct dynlib_sym syms[] = {
	    {SYM(xmlFree)},
	    {SYM(__xmlGenericError)},
	    {SYM(__xmlGenericErrorContext)},
	    {SYM(__xmlStructuredError)},
	    {SYM(__xmlStructuredErrorContext)},
	    {SYM(xmlSetGenericErrorFunc)},
	    {SYM(xmlSetStructuredErrorFunc)},
	    {SYM(xmlCreatePushParserCtxt)},
	    {SYM(xmlCtxtUseOptions)},
	    {SYM(xmlParseChunk)},
	    {SYM(xmlStopParser)},
	    {SYM(xmlFreeParserCtxt)},
	    {SYM(htmlReadMemory)},
	    {SYM(xmlStrdup)},
	    {SYM(xmlStrndup)},
	    {SYM(xmlDocGetRootElement)},
	    {SYM(xmlFreeDoc)},
	    {SYM(xmlNewDocNode)},
	    {SYM(xmlAddChild)},
	    {SYM(xmlReplaceNode)},
	    {SYM(xmlUnlinkNode)},
	    {SYM(xmlFreeNode)},
	    {SYM(xmlNodeSetName)},
	    {SYM(xmlSetProp)},
	};
#undef SYM
	struct xml_api a;
	char *err = NULL;

	if (api.lib != NULL)
		return &api;
	memset(&a, 0, sizeof(a));
	a.lib = dynlib_open(IFP_XML_SONAME, syms, NITEMS(syms), &a, &err);
	if (a.lib == NULL)
		die("cannot load libxml2: %s", err);
	api = a;
	return &api;
}

/* --- Memory and errors --- */

static void
free_forward(void *p)
{
	(*xml()->xmlFree)(p);
}

xmlFreeFunc xmlFree = free_forward;

xmlGenericErrorFunc *
__xmlGenericError(void)
{
	return xml()->__xmlGenericError();
}

void **
__xmlGenericErrorContext(void)
{
	return xml()->__xmlGenericErrorContext();
}

xmlStructuredErrorFunc *
__xmlStructuredError(void)
{
	return xml()->__xmlStructuredError();
}

void **
__xmlStructuredErrorContext(void)
{
	return xml()->__xmlStructuredErrorContext();
}

void
xmlSetGenericErrorFunc(void *ctx, xmlGenericErrorFunc handler)
{
	xml()->xmlSetGenericErrorFunc(ctx, handler);
}

void
xmlSetStructuredErrorFunc(void *ctx, xmlStructuredErrorFunc handler)
{
	xml()->xmlSetStructuredErrorFunc(ctx, handler);
}

/* --- Parsing --- */

xmlParserCtxtPtr
xmlCreatePushParserCtxt(xmlSAXHandlerPtr sax, void *user_data,
    const char *chunk, int size, const char *filename)
{
	return xml()->xmlCreatePushParserCtxt(sax, user_data, chunk, size,
	    filename);
}

int
xmlCtxtUseOptions(xmlParserCtxtPtr ctxt, int options)
{
	return xml()->xmlCtxtUseOptions(ctxt, options);
}

int
xmlParseChunk(xmlParserCtxtPtr ctxt, const char *chunk, int size, int terminate)
{
	return xml()->xmlParseChunk(ctxt, chunk, size, terminate);
}

void
xmlStopParser(xmlParserCtxtPtr ctxt)
{
	xml()->xmlStopParser(ctxt);
}

void
xmlFreeParserCtxt(xmlParserCtxtPtr ctxt)
{
	xml()->xmlFreeParserCtxt(ctxt);
}

htmlDocPtr
htmlReadMemory(const char *buffer, int size, const char *URL,
    const char *encoding, int options)
{
	return xml()->htmlReadMemory(buffer, size, URL, encoding, options);
}

/* --- Strings --- */

xmlChar *
xmlStrdup(const xmlChar *cur)
{
	return xml()->xmlStrdup(cur);
}

xmlChar *
xmlStrndup(const xmlChar *cur, int len)
{
	return xml()->xmlStrndup(cur, len);
}

/* --- Trees --- */

xmlNodePtr
xmlDocGetRootElement(const xmlDoc *doc)
{
	return xml()->xmlDocGetRootElement(doc);
}

void
xmlFreeDoc(xmlDocPtr cur)
{
	xml()->xmlFreeDoc(cur);
}

xmlNodePtr
xmlNewDocNode(xmlDocPtr doc, xmlNsPtr ns, const xmlChar *name,
    const xmlChar *content)
{
	return xml()->xmlNewDocNode(doc, ns, name, content);
}

xmlNodePtr
xmlAddChild(xmlNodePtr parent, xmlNodePtr cur)
{
	return xml()->xmlAddChild(parent, cur);
}

xmlNodePtr
xmlReplaceNode(xmlNodePtr old, xmlNodePtr cur)
{
	return xml()->xmlReplaceNode(old, cur);
}

void
xmlUnlinkNode(xmlNodePtr cur)
{
	xml()->xmlUnlinkNode(cur);
}

void
xmlFreeNode(xmlNodePtr cur)
{
	xml()->xmlFreeNode(cur);
}

void
xmlNodeSetName(xmlNodePtr cur, const xmlChar *name)
{
	xml()->xmlNodeSetName(cur, name);
}

xmlAttrPtr
xmlSetProp(xmlNodePtr node, const xmlChar *name, const xmlChar *value)
{
	return xml()->xmlSetProp(node, name, value);
}
