# ifpnews -- a terminal news reader.  See README.md.
#
#   make            build ./ifpnews
#   make run        install what is missing (make deps), build, start
#   make check      sanitizer build with -Werror, then every test group
#   make install    PREFIX=/usr/local DESTDIR=
#
# GNU make.  Local overrides go in config.mk.

-include config.mk

VERSION = 0.1.0
PREFIX = /usr/local
BINDIR = $(PREFIX)/bin
MANDIR = $(PREFIX)/share/man
DESTDIR =

CC ?= cc
CFLAGS ?= -O2 -g
LDFLAGS ?=
PKG_CONFIG ?= pkg-config
CLANG ?= clang

DEP_CFLAGS != $(PKG_CONFIG) --cflags ncursesw libcurl libxml-2.0 2>/dev/null
# libcurl is not linked: net.c loads it (dlopen) on the first network use,
# so a start that needs no network skips its thirty-odd libraries.
DEP_LIBS != $(PKG_CONFIG) --libs ncursesw libxml-2.0 2>/dev/null
CURL_SONAME_DEFAULT != [ "$$(uname -s)" = Darwin ] && \
	echo libcurl.4.dylib || echo libcurl.so.4
CURL_SONAME ?= $(CURL_SONAME_DEFAULT)
DL_LIBS ?= -ldl
XML_CFLAGS != $(PKG_CONFIG) --cflags libxml-2.0 2>/dev/null
XML_LIBS != $(PKG_CONFIG) --libs libxml-2.0 2>/dev/null
CMOCKA_CFLAGS != $(PKG_CONFIG) --cflags cmocka 2>/dev/null
CMOCKA_LIBS != $(PKG_CONFIG) --libs cmocka 2>/dev/null

WARN = -std=c11 -Wall -Wextra -Wpedantic -Wshadow -Wstrict-prototypes \
	-Wmissing-prototypes -Wmissing-declarations -Wformat=2 \
	-Wwrite-strings -Wpointer-arith -Wundef -Wcast-qual -Wvla \
	-Wimplicit-fallthrough
SAN_FLAGS = -O1 -g -fsanitize=address,undefined -fno-sanitize-recover=all \
	-fno-omit-frame-pointer

# Build directory: release objects in build/rel, sanitizer builds apart.
B = build/$(if $(filter 1,$(SAN)),san,rel)
EXTRA_CFLAGS = $(if $(filter 1,$(WERROR)),-Werror) \
	$(if $(filter 1,$(SAN)),$(SAN_FLAGS))
EXTRA_LDFLAGS = $(if $(filter 1,$(SAN)),$(SAN_FLAGS))

IFP_CFLAGS = $(CFLAGS) $(WARN) $(EXTRA_CFLAGS) -D_POSIX_C_SOURCE=200809L \
	-DIFP_CURL_SONAME='"$(CURL_SONAME)"' -Isrc $(DEP_CFLAGS)
IFP_LDFLAGS = $(LDFLAGS) $(EXTRA_LDFLAGS)

# The pure core: no curses, no curl.  Tests and fuzzers link it against
# libxml2 alone, so a stray I/O call is a link error.
CORE_SRC = \
	src/article.c \
	src/buf.c \
	src/cache_feed.c \
	src/cache_rec.c \
	src/charset.c \
	src/config.c \
	src/date.c \
	src/extract.c \
	src/extract_dom.c \
	src/extract_meta.c \
	src/feed.c \
	src/feed_fix.c \
	src/feed_sanitize.c \
	src/feed_parse.c \
	src/html.c \
	src/output.c \
	src/page_render.c \
	src/paged.c \
	src/state_rec.c \
	src/text.c \
	src/text_entities.c \
	src/uri.c \
	src/util.c \
	src/utf8.c \
	src/utf8_table.c \
	src/view.c \
	src/wrap.c
SHELL_SRC = \
	src/cache.c \
	src/cache_file.c \
	src/cmd_article.c \
	src/cmd_article_url.c \
	src/cmd_check.c \
	src/cmd_list.c \
	src/config_load.c \
	src/load.c \
	src/main.c \
	src/net.c \
	src/page.c \
	src/spawn.c \
	src/state.c \
	src/ui.c \
	src/ui_article.c \
	src/ui_draw.c \
	src/ui_keys.c \
	src/ui_more.c
HDR != ls src/*.h

CORE_OBJ = $(CORE_SRC:src/%.c=$(B)/%.o)
SHELL_OBJ = $(SHELL_SRC:src/%.c=$(B)/%.o)

# Unit tests: tests/unit/test_NAME.c, one per core module.
UNIT_TESTS = \
	test_article \
	test_buf \
	test_cache \
	test_charset \
	test_cmd_list \
	test_config \
	test_date \
	test_extract \
	test_feed \
	test_html \
	test_output \
	test_page \
	test_paged \
	test_state \
	test_text \
	test_uri \
	test_utf8 \
	test_view \
	test_wrap

# Tests of shell modules: linked with the shell objects but main.o, and
# every library.
SHELL_TESTS = \
	test_spawn
SHELL_TEST_OBJ = $(filter-out $(B)/main.o,$(SHELL_OBJ))

BIN = $(if $(filter build/rel,$(B)),ifpnews,$(B)/ifpnews)

.PHONY: all run check check-build check-unit check-net check-tui check-fuzz \
	conformance deps install uninstall clean lint format bench fuzz

all: $(BIN)

$(BIN): $(SHELL_OBJ) $(B)/libcore.a
	$(CC) $(IFP_LDFLAGS) -o $@ $(SHELL_OBJ) $(B)/libcore.a $(DEP_LIBS) $(DL_LIBS)

$(B)/libcore.a: $(CORE_OBJ)
	rm -f $@
	$(AR) rcs $@ $(CORE_OBJ)

$(B)/%.o: src/%.c $(HDR)
	@mkdir -p $(@D)
	$(CC) $(IFP_CFLAGS) -c -o $@ $<

$(B)/tests/%: tests/unit/%.c $(B)/libcore.a $(HDR)
	@mkdir -p $(@D)
	$(CC) $(IFP_CFLAGS) $(CMOCKA_CFLAGS) $(IFP_LDFLAGS) -o $@ $< \
	    $(B)/libcore.a $(XML_LIBS) $(CMOCKA_LIBS)

deps:
	@sh scripts/deps.sh

run: deps
	@$(MAKE) --no-print-directory all
	./ifpnews

# make check: one sanitizer build with -Werror, then every test group.
CHECK_B = build/check
check: deps
	@$(MAKE) --no-print-directory SAN=1 WERROR=1 B=$(CHECK_B) check-build
	@sh tests/run.sh --build $(CHECK_B) all

$(SHELL_TESTS:%=$(B)/tests/%): $(B)/tests/%: tests/unit/%.c \
    $(SHELL_TEST_OBJ) $(B)/libcore.a $(HDR)
	@mkdir -p $(@D)
	$(CC) $(IFP_CFLAGS) $(CMOCKA_CFLAGS) $(IFP_LDFLAGS) -o $@ $< \
	    $(SHELL_TEST_OBJ) $(B)/libcore.a $(DEP_LIBS) $(DL_LIBS) $(CMOCKA_LIBS)

# The net tests' helper (tests/net/hammer.c), linked with the real shell
# modules as the shell tests are.
$(B)/tests/hammer: tests/net/hammer.c $(SHELL_TEST_OBJ) $(B)/libcore.a $(HDR)
	@mkdir -p $(@D)
	$(CC) $(IFP_CFLAGS) $(IFP_LDFLAGS) -o $@ $< $(SHELL_TEST_OBJ) \
	    $(B)/libcore.a $(DEP_LIBS) $(DL_LIBS)

check-build: $(BIN) $(UNIT_TESTS:%=$(B)/tests/%) \
    $(SHELL_TESTS:%=$(B)/tests/%) $(B)/tests/hammer

check-unit check-net check-tui check-fuzz: deps
	@$(MAKE) --no-print-directory SAN=1 WERROR=1 B=$(CHECK_B) check-build
	@sh tests/run.sh --build $(CHECK_B) $(@:check-%=%)

conformance: all
	@if [ -d ../shared/conformance ]; then \
	    python3 ../shared/conformance/run.py ./ifpnews \
	        --xfail tests/conformance.xfail; \
	else echo "conformance: ../shared/conformance not found, skipped"; fi

bench: deps
	@sh bench/run.sh

install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1
	install -m 755 ifpnews $(DESTDIR)$(BINDIR)/ifpnews
	install -m 644 man/ifpnews.1 $(DESTDIR)$(MANDIR)/man1/ifpnews.1

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/ifpnews $(DESTDIR)$(MANDIR)/man1/ifpnews.1

format:
	clang-format -i src/*.c src/*.h tests/unit/*.c

lint:
	clang-format --dry-run -Werror src/*.c src/*.h tests/unit/*.c
	@if grep -nE '\<(sprintf|strcpy|strcat|gets|atoi|system|popen)\(' \
	    src/*.c; then echo "lint: banned function"; exit 1; fi
	@if command -v mandoc >/dev/null; then \
	    mandoc -Tlint -Wwarning man/ifpnews.1; \
	else groff -mdoc -ww -z man/ifpnews.1; fi

clean:
	rm -rf build ifpnews
