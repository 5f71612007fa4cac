#!/bin/sh
# make bench: ifpnews against its peers (sfeed, newsboat, xmllint, w3m,
# lynx) on the same generated feeds and articles, in one run, with ratios.
#
# The peer harness is ../shared/bench/run-peers.sh (the team's shared
# benchmark, with the peers' reference figures in RESULTS.md).  This
# script installs the peers when they are missing (Debian), builds the
# release binary and runs the harness with it.  Environment: SIZES
# (100 2000 20000), RUNS (5), PARTS (a b c d e), as run-peers.sh.
set -eu
cd "$(dirname "$0")/.."
harness=../shared/bench/run-peers.sh
if [ ! -f "$harness" ]; then
	echo "bench: $harness not found: the peer harness lives in the" \
	    "shared checkout beside this one" >&2
	exit 1
fi
missing=
for t in newsboat sfeed w3m lynx xmllint tmux /usr/bin/time; do
	command -v "$t" >/dev/null 2>&1 || missing="$missing $t"
done
if [ -n "$missing" ]; then
	echo "bench: installing the peers:$missing" >&2
	sudo=
	[ "$(id -u)" -eq 0 ] || sudo=sudo
	$sudo apt-get install -y -q newsboat sfeed w3m lynx libxml2-utils \
	    tmux time >/dev/null
fi
make --no-print-directory all
IFPNEWS=./ifpnews IFPNEWS_ARGS="-c $(pwd)/bench/bench.conf" \
    exec bash "$harness"
