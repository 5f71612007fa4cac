#!/bin/sh
# make bench: ifpnews against the programs a user would otherwise pick
# (sfeed, xmllint, newsboat, sfeed_curses, lynx, w3m), on the same
# generated feeds and article, in one run, with ratios; bench/bench.py
# does the measuring and says how.
#
#   make bench                          everything (bench/RESULTS.md)
#   SIZES=100 RUNS=1 make bench         a quick look (build/bench/RESULTS.md)
#   PARTS="list article" make bench     some rows: list fetch screen article
#
# Usage: bench/run.sh [IFPNEWS]   (default ./ifpnews, built by make bench).
# The peers are installed from Debian when missing (apt-get, with sudo when
# not root); one that still is not there gets a row saying so.
set -eu
cd "$(dirname "$0")/.."
ifpnews=${1:-./ifpnews}

# command:package of every peer and tool the rows need.
need="newsboat:newsboat sfeed:sfeed sfeed_curses:sfeed w3m:w3m lynx:lynx
xmllint:libxml2-utils tmux:tmux /usr/bin/time:time bash:bash"
missing=
for x in $need; do
	command -v "${x%%:*}" >/dev/null 2>&1 || missing="$missing ${x#*:}"
done
if [ -n "$missing" ]; then
	echo "bench: installing the peers:$missing" >&2
	sudo=
	[ "$(id -u)" -eq 0 ] || sudo=sudo
	if command -v apt-get >/dev/null 2>&1; then
		# shellcheck disable=SC2086 # one word per package
		$sudo apt-get install -y -q --no-install-recommends $missing \
		    >/dev/null ||
		    echo "bench: apt-get failed; rows of missing peers say so" >&2
	else
		echo "bench: no apt-get; rows of missing peers say so" >&2
	fi
fi
exec python3 -B bench/bench.py "$ifpnews"
