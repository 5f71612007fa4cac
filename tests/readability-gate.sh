#!/bin/sh
# readability-gate.sh -- the real-world extraction suite as a gate.
#
#   tests/readability-gate.sh [IFPNEWS]
#
# Runs ../shared/conformance/extract.py (Mozilla Readability's 130 test
# pages, scored word by word against Readability's own result) on the
# binary and fails when the mean F1 or the number of pages at F1 >= 0.9
# falls below what ifpnews reached (extract.py itself exits 1 as soon as
# one page fails, which some always do: see the report in the log).
# Skipped, successfully, where ../shared is not there.
set -u

top=$(cd "$(dirname "$0")/.." && pwd)
suite=$top/../shared/conformance/extract.py
bin=${1:-$top/ifpnews}
MIN_MEAN_F1=0.985
MIN_PASSED=126

if [ ! -f "$suite" ]; then
	echo "readability-gate: $suite not found, skipped"
	exit 0
fi
out=$(python3 "$suite" "$bin" --verbose) 
status=$?
# extract.py: 0 all passed, 1 some failed; anything else is a crash.
if [ "$status" -gt 1 ]; then
	printf '%s\n' "$out"
	echo "readability-gate: extract.py exited $status"
	exit 1
fi
printf '%s\n' "$out" | grep -E 'FAIL|^mean|passed'
mean=$(printf '%s\n' "$out" | sed -n 's/.*mean F1 \([0-9.]*\) over.*/\1/p')
passed=$(printf '%s\n' "$out" | sed -n 's/^\([0-9]*\) passed, [0-9]* failed$/\1/p')
if [ -z "$mean" ] || [ -z "$passed" ]; then
	echo "readability-gate: no figures in extract.py's output"
	exit 1
fi
if ! awk -v m="$mean" -v min="$MIN_MEAN_F1" 'BEGIN { exit !(m >= min) }'; then
	echo "readability-gate: mean F1 $mean < $MIN_MEAN_F1"
	exit 1
fi
if [ "$passed" -lt "$MIN_PASSED" ]; then
	echo "readability-gate: $passed pages at F1 >= 0.9 < $MIN_PASSED"
	exit 1
fi
echo "readability-gate: mean F1 $mean >= $MIN_MEAN_F1, $passed >= $MIN_PASSED pages: ok"
