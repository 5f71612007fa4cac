#!/bin/sh
# valgrind.sh -- every unit test, once, under valgrind memcheck.
#
#   sh tests/valgrind.sh DIR
#
# DIR is a build without sanitizers (valgrind and ASan do not mix): make
# check builds one in build/check/plain and runs this through the
# wrapper build/check/tests/test_valgrind, so that tests/run.sh's unit
# group picks it up.  A test program passes when memcheck finds no
# invalid access, no use of uninitialized memory and no definite leak
# (--leak-check=full --errors-for-leak-kinds=definite), and the program
# itself passes.  One TAP line per program; the log of a failing one
# follows as comments.
set -u

dir=${1:?usage: valgrind.sh DIR}
if ! command -v valgrind >/dev/null 2>&1; then
	echo "not ok 1 - valgrind is installed (scripts/deps.sh installs it)"
	exit 1
fi
# Tests that run the binary run this build's, natively.
[ -x "$dir/ifpnews" ] && export IFPNEWS="$dir/ifpnews"
log=$(mktemp "${TMPDIR:-/tmp}/ifpn-vg.XXXXXX") || exit 1
trap 'rm -f "$log"' EXIT
n=0
rc=0
for t in "$dir"/tests/test_*; do
	[ -x "$t" ] || continue
	n=$((n + 1))
	if CMOCKA_MESSAGE_OUTPUT=TAP valgrind -q --error-exitcode=99 \
	    --leak-check=full --errors-for-leak-kinds=definite \
	    "$t" >"$log" 2>&1; then
		echo "ok $n - ${t##*/} runs clean under valgrind memcheck"
	else
		echo "not ok $n - ${t##*/} under valgrind memcheck"
		grep -v '^ok ' "$log" | head -n 60 | sed 's/^/# /'
		rc=1
	fi
done
if [ "$n" -eq 0 ]; then
	echo "not ok 1 - no unit test in $dir/tests"
	exit 1
fi
echo "1..$n"
exit "$rc"
