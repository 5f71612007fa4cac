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
DOCDIR = $(PREFIX)/share/doc/ifpnews
DESTDIR =

CC ?= cc
CFLAGS ?= -O2 -g
LDFLAGS ?=
PKG_CONFIG ?= pkg-config
CLANG ?= clang

DEP_CFLAGS != $(PKG_CONFIG) --cflags ncursesw libcurl libxml-2.0 2>/dev/null
XML_CFLAGS != $(PKG_CONFIG) --cflags libxml-2.0 2>/dev/null
XML_LIBS != $(PKG_CONFIG) --libs libxml-2.0 2>/dev/null
# libcurl is not linked: net.c loads it (dlopen) on the first network use,
# so a start that needs no network skips its thirty-odd libraries.
# Nor is libxml2 (with ICU and the C++ runtime): src/xml_lazy.c loads it
# on the first parse, so a start from the cache skips it.  XML_LAZY=0
# links it instead (for a libxml2 whose globals xml_lazy.c rejects).
XML_LAZY ?= 1
NCURSES_LIBS != $(PKG_CONFIG) --libs ncursesw 2>/dev/null
DEP_LIBS = $(NCURSES_LIBS) $(if $(filter 0,$(XML_LAZY)),$(XML_LIBS))
CURL_SONAME_DEFAULT != [ "$$(uname -s)" = Darwin ] && \
	echo libcurl.4.dylib || echo libcurl.so.4
CURL_SONAME ?= $(CURL_SONAME_DEFAULT)
XML_SONAME_DEFAULT != [ "$$(uname -s)" = Darwin ] && \
	echo libxml2.2.dylib || echo libxml2.so.2
XML_SONAME ?= $(XML_SONAME_DEFAULT)
DL_LIBS ?= -ldl
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
	-DIFP_CURL_SONAME='"$(CURL_SONAME)"' \
	-DIFP_XML_SONAME='"$(XML_SONAME)"' -Isrc $(DEP_CFLAGS)
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
	src/verdict.c \
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
	src/dynlib.c \
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
	src/ui_more.c \
	$(if $(filter 0,$(XML_LAZY)),,src/xml_lazy.c)
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
	test_verdict \
	test_view \
	test_wrap

# Tests of shell modules: linked with the shell objects but main.o, and
# every library.
SHELL_TESTS = \
	test_spawn
SHELL_TEST_OBJ = $(filter-out $(B)/main.o,$(SHELL_OBJ))

BIN = $(if $(filter build/rel,$(B)),ifpnews,$(B)/ifpnews)

# Fuzz targets: tests/fuzz/fuzz_NAME.c, seeds in tests/fuzz/corpus/NAME/,
# dictionary tests/fuzz/NAME.dict when there is one.  `make fuzz` builds
# them with clang and libFuzzer in build/fuzz and runs each FUZZ_SECONDS;
# `make check` replays every corpus through tests/fuzz/replay.c.
FUZZ_TARGETS != ls tests/fuzz/fuzz_*.c 2>/dev/null | \
	sed 's,^tests/fuzz/fuzz_,,; s,\.c$$,,'
# Checks the targets share.
FUZZ_SRC = tests/fuzz/invariants.c
FUZZ_HDR = tests/fuzz/invariants.h
FUZZ_SECONDS = 60
FUZZ_B = build/fuzz
FUZZ_SAN = -O1 -g -fsanitize=address,undefined -fno-sanitize-recover=all \
	-fno-omit-frame-pointer
# ASan's quarantine of freed memory (256 MB by default) alone would pass
# -rss_limit_mb=256 after a few minutes of fuzzing.
FUZZ_ASAN = quarantine_size_mb=32:detect_leaks=1
# Longest input tried (bytes): larger seeds are cut when fuzzing (their
# replay in make check reads them whole).
FUZZ_MAX_LEN = 16384

.PHONY: all run check check-build check-unit check-net check-tui check-fuzz \
	check-doc \
	conformance deps install uninstall clean lint format bench fuzz \
	fuzz-build plain-build

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

# The seed replay of a fuzz target, with the compiler of the build.
$(B)/fuzz/replay_%: tests/fuzz/replay.c tests/fuzz/fuzz_%.c $(FUZZ_SRC) \
    $(FUZZ_HDR) $(B)/libcore.a $(HDR)
	@mkdir -p $(@D)
	$(CC) $(IFP_CFLAGS) $(IFP_LDFLAGS) -o $@ tests/fuzz/replay.c \
	    tests/fuzz/fuzz_$*.c $(FUZZ_SRC) $(B)/libcore.a $(XML_LIBS)

check-build: $(BIN) $(UNIT_TESTS:%=$(B)/tests/%) \
    $(SHELL_TESTS:%=$(B)/tests/%) $(B)/tests/hammer \
    $(FUZZ_TARGETS:%=$(B)/fuzz/replay_%) $(B)/tests/test_valgrind
	@$(MAKE) --no-print-directory SAN= WERROR=1 B=$(B)/plain plain-build

# A build without sanitizers in $(B)/plain: valgrind runs its unit tests
# (valgrind and ASan do not mix), and the hostile tests measure the peak
# memory of its binary (ASan's shadow and quarantine would dwarf it).
plain-build: $(BIN) $(UNIT_TESTS:%=$(B)/tests/%) $(SHELL_TESTS:%=$(B)/tests/%)

# tests/valgrind.sh over the plain build, as a unit test run.sh runs.
$(B)/tests/test_valgrind: tests/valgrind.sh
	@mkdir -p $(@D)
	printf '#!/bin/sh\nexec sh "%s/tests/valgrind.sh" "%s/%s/plain"\n' \
	    "$(CURDIR)" "$(CURDIR)" "$(B)" >$@
	chmod 755 $@

check-unit check-net check-tui check-fuzz check-doc: deps
	@$(MAKE) --no-print-directory SAN=1 WERROR=1 B=$(CHECK_B) check-build
	@sh tests/run.sh --build $(CHECK_B) $(@:check-%=%)

# make fuzz [FUZZ_SECONDS=60] [FUZZ_TARGETS="feed html"]: the core and the
# targets built with clang, libFuzzer, ASan and UBSan; each target runs on
# its corpus (copied to $(FUZZ_B)/corpus/NAME, which keeps what it finds)
# with its dictionary.  Crashes go to $(FUZZ_B)/crashes/, the logs to
# $(FUZZ_B)/NAME.log.
fuzz: fuzz-build
	@rc=0; for t in $(FUZZ_TARGETS); do \
	    mkdir -p $(FUZZ_B)/corpus/$$t $(FUZZ_B)/crashes; \
	    cp tests/fuzz/corpus/$$t/* $(FUZZ_B)/corpus/$$t/ 2>/dev/null; \
	    dict=; [ -f tests/fuzz/$$t.dict ] && dict=-dict=tests/fuzz/$$t.dict; \
	    echo "fuzz: $$t, $(FUZZ_SECONDS) s (log: $(FUZZ_B)/$$t.log)"; \
	    if ASAN_OPTIONS=$(FUZZ_ASAN) $(FUZZ_B)/fuzz_$$t \
	        -max_total_time=$(FUZZ_SECONDS) \
	        -timeout=2 -rss_limit_mb=256 -max_len=$(FUZZ_MAX_LEN) \
	        -print_final_stats=1 $$dict \
	        -artifact_prefix=$(FUZZ_B)/crashes/$$t- \
	        $(FUZZ_B)/corpus/$$t >$(FUZZ_B)/$$t.log 2>&1; then \
	        grep -E '^#[0-9]+.DONE|^stat::number_of_executed_units' \
	            $(FUZZ_B)/$$t.log | sed 's/^/    /'; \
	    else \
	        rc=1; echo "fuzz: $$t FAILED"; \
	        grep -E 'ERROR|SUMMARY|Assertion|Test unit written' \
	            $(FUZZ_B)/$$t.log | head -n 10 | sed 's/^/    /'; \
	    fi; \
	done; exit $$rc

fuzz-build:
	@$(MAKE) --no-print-directory CC=$(CLANG) B=$(FUZZ_B) \
	    EXTRA_CFLAGS="$(FUZZ_SAN) -fsanitize=fuzzer-no-link" \
	    EXTRA_LDFLAGS="$(FUZZ_SAN) -fsanitize=fuzzer" \
	    $(FUZZ_TARGETS:%=$(FUZZ_B)/fuzz_%)

$(FUZZ_B)/fuzz_%: tests/fuzz/fuzz_%.c $(FUZZ_SRC) $(FUZZ_HDR) \
    $(FUZZ_B)/libcore.a $(HDR)
	$(CC) $(IFP_CFLAGS) $(IFP_LDFLAGS) -o $@ $< $(FUZZ_SRC) \
	    $(FUZZ_B)/libcore.a $(XML_LIBS)

conformance: all
	@if [ -d ../shared/conformance ]; then \
	    python3 ../shared/conformance/run.py ./ifpnews \
	        --xfail tests/conformance.xfail; \
	else echo "conformance: ../shared/conformance not found, skipped"; fi

# make bench [SIZES="100 2000 20000"] [RUNS=5] [PARTS="list fetch screen
# article"]: the release build against its peers on the same generated
# inputs (build/bench), one table; a full run rewrites bench/RESULTS.md.
bench: deps
	@$(MAKE) --no-print-directory all
	@sh bench/run.sh $(BIN)

# tests/doc/test_install.sh installs the binary under test (B=, BIN=).
install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 \
	    $(DESTDIR)$(DOCDIR)
	install -m 755 $(BIN) $(DESTDIR)$(BINDIR)/ifpnews
	install -m 644 man/ifpnews.1 $(DESTDIR)$(MANDIR)/man1/ifpnews.1
	install -m 644 config.example $(DESTDIR)$(DOCDIR)/config.example

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/ifpnews $(DESTDIR)$(MANDIR)/man1/ifpnews.1 \
	    $(DESTDIR)$(DOCDIR)/config.example
	rmdir $(DESTDIR)$(DOCDIR) 2>/dev/null || true

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
