#!/bin/sh
# test_install -- make install puts the binary, the man page and the
# example config under DESTDIR$PREFIX, they work from there, and make
# uninstall takes exactly them away again.  No root: DESTDIR is a
# temporary directory.  The binary installed is the one under test
# ($IFPNEWS): make is told not to rebuild it (-o), so this never
# compiles anything.
set -u

TOP=$(cd "$(dirname "$0")/../.." && pwd)
: "${IFPNEWS:=$TOP/ifpnews}"
N=0
FAILED=0

ok() {
	N=$((N + 1))
	if [ "$1" -eq 0 ]; then
		echo "ok $N - $2"
	else
		FAILED=$((FAILED + 1))
		echo "not ok $N - $2"
		[ -s "$D/out" ] && sed 's/^/# /' "$D/out"
	fi
}

D=$(mktemp -d "${TMPDIR:-/tmp}/ifpn-install.XXXXXX") || exit 1
trap 'rm -rf "$D"' EXIT
trap 'exit 1' INT TERM HUP
DEST=$D/dest

# The build directory of the binary under test, as the Makefile names it.
case $IFPNEWS in
"$TOP"/ifpnews) B=build/rel ;;
"$TOP"/*/ifpnews) B=${IFPNEWS#"$TOP"/}; B=${B%/ifpnews} ;;
*) echo "Bail out! IFPNEWS=$IFPNEWS is not a build of $TOP"; exit 1 ;;
esac
BIN=${IFPNEWS#"$TOP"/}

mk() {
	make -s --no-print-directory -C "$TOP" -o "$BIN" B="$B" \
	    PREFIX=/usr/local DESTDIR="$DEST" "$@" >"$D/out" 2>&1
}

mk install
ok $? "make install PREFIX=/usr/local DESTDIR=... succeeds"

(cd "$DEST" && find . -type f | sort) >"$D/files"
cat >"$D/want" <<'EOF'
./usr/local/bin/ifpnews
./usr/local/share/doc/ifpnews/config.example
./usr/local/share/man/man1/ifpnews.1
EOF
diff "$D/want" "$D/files" >"$D/out"
ok $? "it installs the binary, the man page and config.example, nothing else"

[ -x "$DEST/usr/local/bin/ifpnews" ] &&
    [ "$(stat -c %a "$DEST/usr/local/bin/ifpnews")" = 755 ] &&
    [ "$(stat -c %a "$DEST/usr/local/share/man/man1/ifpnews.1")" = 644 ] &&
    [ "$(stat -c %a "$DEST/usr/local/share/doc/ifpnews/config.example")" = 644 ]
ok $? "the binary is mode 755, the documents 644"

"$DEST/usr/local/bin/ifpnews" --version >"$D/out" 2>&1 &&
    grep -Eq '^ifpnews [0-9]+\.[0-9]+\.[0-9]+$' "$D/out"
ok $? "the installed ifpnews --version prints its version"

"$DEST/usr/local/bin/ifpnews" --check-config \
    -c "$DEST/usr/local/share/doc/ifpnews/config.example" >"$D/out" 2>&1
ok $? "the installed binary accepts the installed config.example"

# In a UTF-8 locale and in the C locale (groff's ASCII device).
man_ok() {
	LC_ALL=$1 MANWIDTH=80 man -P cat \
	    -l "$DEST/usr/local/share/man/man1/ifpnews.1" \
	    >"$D/man" 2>"$D/out" &&
	    [ ! -s "$D/out" ] &&
	    grep -q '^NAME' "$D/man" &&
	    grep -Eq 'ifpnews (-|--|—) terminal news reader' "$D/man" &&
	    grep -q '^CONFIGURATION' "$D/man"
}
man_ok C.UTF-8 && man_ok C
ok $? "man -l renders the installed man page without a warning"

mk uninstall
ok $? "make uninstall succeeds"
(cd "$DEST" && find . ! -type d) >"$D/out"
[ ! -s "$D/out" ] && [ ! -d "$DEST/usr/local/share/doc/ifpnews" ]
ok $? "make uninstall removes every file it installed, and the doc directory"

echo "1..$N"
[ "$FAILED" -eq 0 ]
