#!/bin/sh
# test_faults -- the reader stays alive under every network fault of
# issue 8.  It starts on a filled cache; for each fault the route of its
# feed switches to the fault and r refreshes.  Then: the fetch ends with
# the error in the header, in SPEC's words, within the time limit; j
# still moves the selection (while the fetch runs, for the slow faults);
# the cached list stays, with the selection where j put it; the cache and
# the state are as they were (bytes, mode, inode, mtime); q exits 0 with
# the terminal restored.
#
# Two sessions: the time-based faults with a 3 s timeout (a server that
# never answers, a byte a second, a slow body), the others with 30 s,
# which the size caps need on a loaded machine.  First, a damaged local
# file: the header says so.
. "$(dirname "$0")/lib.sh"

tui_init
FEED=$TESTS_DATA/tui/ifp-feed.xml
# The feed as the server sends it: its links point at the server.
SERVED="\"body_file\": \"$FEED\", \"rewrite_host\": true"
GOOD="{$SERVED, \"etag\": \"\\\"good\\\"\",
    \"headers\": {\"Content-Type\": \"application/rss+xml\"}}"
FIRST='NATO head wants less talk of peace process'
LAST='Lebanon’s Berri'
SIZE=$(wc -c <"$FEED")
# A feed whose first title is 64 MiB of zeros (JSON-escaped).
BOMB_FEED='<?xml version=\"1.0\"?><rss version=\"2.0\">'
BOMB_FEED=$BOMB_FEED'<channel><title>B</title><item><title>'
printf 'timeout 3s\n' >"$TMPD/timed.conf"
printf 'timeout 30s\n' >"$TMPD/caps.conf"

ms() {
	date +%s%3N
}

# wait_ms MS REGEX...: 0 when one screen matches every REGEX within MS
# milliseconds.
wait_ms() {
	end=$(($(ms) + $1))
	shift
	while :; do
		tui_screen >"$TMPD/screen"
		all=0
		for re in "$@"; do
			grep -Eq -- "$re" "$TMPD/screen" || { all=1; break; }
		done
		[ $all -eq 0 ] && return 0
		[ "$(ms)" -gt "$end" ] && return 1
		sleep 0.02
	done
}

# Every file under the cache and state directories: name, mode, inode,
# mtime (ns), size and checksum.  A rewrite with the same bytes changes
# the inode and the mtime.
files() {
	(cd "$TMPD" && find cache state -type f \
	    -exec stat -c '%n %A %i %.9Y %s' {} + | sort &&
	    find cache state -type f -exec cksum {} + | sort)
}

# untouched NAME: the cache and the state are as they were when the
# session started (the reader writes the state's 'visit' when it quits).
untouched() {
	files >"$TMPD/files.now"
	cmp -s "$TMPD/files.start" "$TMPD/files.now"
	same=$?
	ok $same "$1: the cache and the state are untouched (bytes, mode, \
inode, mtime)"
	[ $same -eq 0 ] ||
	    diff "$TMPD/files.start" "$TMPD/files.now" | sed 's/^/# /'
}

# A damaged local file: its complete posts, and the header says why.
tui_start -- "$TESTS_DATA/feeds/hostile/truncated.xml"
wait_ms 20000 'damaged feed: ' '3 posts'
ok $? "a truncated file: its 3 complete posts, 'damaged feed' in the header"
tui_keys j
wait_ms 5000 '2/3 *$'
ok $? "a truncated file: j moves"
tui_keys q
tui_wait_dead 20 && [ "$(tui_status)" = 0 ]
ok $? "a truncated file: q exits 0"

# The first start fills the cache.
tui_route /feed/ "$GOOD"
tui_start -- "$BASE/feed/"
wait_ms 20000 "$FIRST" '12 posts'
ok $? "the first start fetches the feed and lists its 12 posts"
tui_keys q
tui_wait_dead 20
files >"$TMPD/files.0"
grep -q ' cache/ifpnews/feeds/' "$TMPD/files.0"
ok $? "the feed is in the cache"

# fault NAME ROUTE ERROR LIMIT SLOW: switch the route to the fault, press
# r; the header must show ERROR within LIMIT seconds, over the cached
# list, and j must move the selection.  SLOW (1) waits for "fetching…"
# first and wants j to move while the fetch still runs.
fault() {
	name=$1
	tui_keys g
	if ! wait_ms 10000 '1/12 *$'; then
		ok 1 "$name: g goes to the top"
		return
	fi
	# The header must change to this fault's own error (a slow fault
	# shows fetching… in between).
	if [ "$5" != 1 ] && tui_screen | grep -Eq -- "$3"; then
		ok 1 "$name: the header does not show '$3' before r"
		return
	fi
	tui_route /feed/ "$2"
	t0=$(ms)
	tui_keys r
	if [ "$5" = 1 ]; then
		wait_ms 10000 'fetching…'
		ok $? "$name: r shows fetching… in the header"
		tui_keys j
		wait_ms 10000 'fetching…' '2/12 *$'
		ok $? "$name: j moves while the fetch runs"
	else
		tui_keys j
	fi
	wait_ms $(($4 * 1000)) "$3"
	st=$?
	t1=$(ms)
	ok $st "$name: the header shows '$(printf '%s' "$3" | tr -d '\\')' \
within $4 s ($((t1 - t0)) ms)"
	wait_ms 10000 "$FIRST" '12 posts' '2/12 *$'
	ok $? "$name: the cached list stays, j moved to post 2"
	untouched "$name"
}

# Time-based faults, a 3 s timeout: the error within 3 s and a loaded
# machine's slack (never answered, they would last minutes or hours).
tui_start -- -c "$TMPD/timed.conf" "$BASE/feed/"
wait_ms 20000 "$FIRST" '12 posts' 'updated'
ok $? "timed: the reader starts on the cached list without fetching"
files >"$TMPD/files.start"
fault hang '{"hang": true}' 'timed out after 3 s' 15 1
tui_route /feed/ "{$SERVED, \"drip\": 0.0005}"
tui_keys r
wait_ms 10000 'fetching… [0-9]+ KB'
ok $? "slow body: the header counts the kilobytes as they come"
tui_keys k
wait_ms 10000 'fetching…' '1/12 *$'
ok $? "slow body: k moves while the body comes"
wait_ms 10000 'timed out after 3 s' "$FIRST"
ok $? "slow body: cut at the timeout, the cached list stays"
fault slowloris "{$SERVED, \"drip\": 1}" 'timed out after 3 s' 15 1
tui_keys q
tui_wait_dead 20 && [ "$(tui_status)" = 0 ]
ok $? "timed: q exits 0"
[ "$(tui_pane '#{alternate_on}#{mouse_any_flag}#{mouse_button_flag}')" = 000 ]
ok $? "timed: the terminal is restored"

# The other faults, which fail at once: within the 30 s timeout, which a
# loaded machine inflating 64 MiB under ASan may need (and then no timeout
# is taken for the fault's error).  Adjacent faults have different
# messages, so each one's own error is seen (fault checks it).
tui_start -x 120 -- -c "$TMPD/caps.conf" "$BASE/feed/"
wait_ms 20000 "$FIRST" '12 posts' 'updated'
ok $? "caps: the reader starts on the cached list without fetching"
files >"$TMPD/files.start"
fault big '{"zeros": 17825792}' 'body larger than 16 MiB' 30 0
fault reset "{$SERVED, \"reset_after\": 5000}" \
    'connection reset by the server' 30 0
fault gzip-bomb '{"zeros": 67108864, "gzip": true}' \
    'body larger than 16 MiB' 30 0
fault headers "{$SERVED, \"pad_headers\": 102400}" \
    'response headers larger than 64 KiB' 30 0
fault gzip-bomb-feed "{\"zeros\": 67108864, \"gzip\": true,
    \"prefix\": \"$BOMB_FEED\"}" 'body larger than 16 MiB' 30 0
fault to-file '{"location": "file:///etc/passwd"}' \
    'redirect to a non-http\(s\) URL: file:///etc/passwd' 30 0
fault loop '{"location": "/feed/"}' 'redirect loop at http://' 30 0
fault to-ftp '{"location": "ftp://127.0.0.1/feed.xml"}' \
    'redirect to a non-http\(s\) URL: ftp://' 30 0
fault html "{\"body_file\": \"$TESTS_DATA/feeds/hostile/not-xml.html\",
    \"headers\": {\"Content-Type\": \"text/html\"}}" \
    'HTML page, not a feed — a bot check' 30 0
fault empty '{"body": ""}' 'empty document, not a feed' 30 0
fault long-length "{$SERVED, \"content_length\": $((SIZE + 10000))}" \
    'connection closed before the end of the body' 30 0
# The first half of the feed: its complete posts, merged with the cached
# ones, so that the list stays whole.
fault short-length "{$SERVED, \"content_length\": $((SIZE / 2))}" \
    'damaged feed: the document is cut short' 30 0
tui_keys G
wait_ms 10000 '12/12 *$' "$LAST"
ok $? "caps: the last cached post is still there"
! tui_screen | grep -q 'root:'
ok $? "caps: nothing of /etc/passwd is on the screen"

# The short Content-Length left the rest of its body on the connection;
# the next request must not take that for its reply.
tui_route /feed/ "$GOOD"
tui_keys r
wait_ms 20000 'updated just now' '12 posts'
st=$?
! tui_screen | grep -Eq 'damaged|malformed|HTTP/0.9'
ok $((st + $?)) "caps: the next refresh reads the good feed again"
tui_keys q
tui_wait_dead 20 && [ "$(tui_status)" = 0 ]
ok $? "caps: q exits 0"
[ "$(tui_pane '#{alternate_on}#{mouse_any_flag}#{mouse_button_flag}')" = 000 ]
ok $? "caps: the terminal is restored"
[ ! -s "$TMPD/stderr" ]
ok $? "caps: nothing on stderr"

tui_done
