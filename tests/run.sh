#!/bin/sh
# run.sh -- run test groups and sum them up.
#
#   tests/run.sh [--build DIR] all|unit|fuzz|net|tui|doc ...
#
# Every test program speaks TAP ("ok N - name" / "not ok N - name"):
# cmocka unit tests (CMOCKA_MESSAGE_OUTPUT=TAP), fuzz seed replays, and the
# net and tui scripts.  Each program gets a PASS/FAIL line with its time;
# the output of a failing one is kept in $BUILD/test-logs/.  The closing
# line is "N passed, N failed", counted over TAP cases; a program that
# fails without a "not ok" line counts as one failure.
set -u

BUILD=build/check
while [ $# -gt 0 ]; do
	case $1 in
	--build) BUILD=$2; shift 2 ;;
	*) break ;;
	esac
done
[ $# -gt 0 ] || set -- all
[ "$*" = all ] && set -- unit fuzz net tui doc

top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 2
LOGS=$BUILD/test-logs
rm -rf "$LOGS"
mkdir -p "$LOGS"

export IFPNEWS="$top/$BUILD/ifpnews"
export CMOCKA_MESSAGE_OUTPUT=TAP
export ASAN_OPTIONS=detect_leaks=1:strict_string_checks=1:abort_on_error=0
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
export LSAN_OPTIONS="suppressions=$top/tests/lsan.supp:print_suppressions=0"
export LC_ALL=C.UTF-8
export TESTS_DATA="$top/tests/data"

passed=0
failed=0

now_ms() {
	python3 -c 'import time; print(int(time.monotonic() * 1000))'
}

# run_one NAME CMD...: run a TAP producer and account for it.
run_one() {
	name=$1
	shift
	log=$LOGS/$(echo "$name" | tr '/' '_').log
	t0=$(now_ms)
	"$@" >"$log" 2>&1
	rc=$?
	t1=$(now_ms)
	ok=$(grep -c '^ok ' "$log")
	nok=$(grep -c '^not ok ' "$log")
	if [ "$rc" -ne 0 ] && [ "$nok" -eq 0 ]; then
		nok=1
		echo "not ok - $name exited with status $rc" >>"$log"
	fi
	passed=$((passed + ok))
	failed=$((failed + nok))
	ms=$((t1 - t0))
	if [ "$nok" -eq 0 ]; then
		printf 'PASS %-40s %4d ok %7d ms\n' "$name" "$ok" "$ms"
		rm -f "$log"
	else
		printf 'FAIL %-40s %4d ok %3d failed %7d ms  (log: %s)\n' \
		    "$name" "$ok" "$nok" "$ms" "$log"
		grep -E '^not ok|^# |ERROR|runtime error|Sanitizer' "$log" |
		    head -n 20 | sed 's/^/    /'
	fi
}

for group in "$@"; do
	case $group in
	unit)
		for t in "$BUILD"/tests/test_*; do
			[ -x "$t" ] || continue
			run_one "unit/${t##*/}" "$t"
		done
		;;
	fuzz)
		for t in "$BUILD"/fuzz/replay_*; do
			[ -x "$t" ] || continue
			n=${t##*/replay_}
			run_one "fuzz/$n" "$t" "tests/fuzz/corpus/$n"
		done
		;;
	net|tui|doc)
		for t in tests/"$group"/test_*.sh tests/"$group"/test_*.py; do
			[ -f "$t" ] || continue
			case $t in
			*.py) run_one "$group/${t##*/}" python3 "$t" ;;
			*) run_one "$group/${t##*/}" sh "$t" ;;
			esac
		done
		;;
	*)
		echo "run.sh: unknown group: $group" >&2
		exit 2
		;;
	esac
done

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
