#!/bin/sh
# test_screens -- the main screens at 80x24, compared with their goldens
# (tests/tui/*.screen): the list with new posts above the divider, an
# article, the help.  Each is compared once the screen has settled (poll
# until it matches, or show the difference).  IFPNEWS_GOLDEN=update
# writes the goldens from the screens instead.
. "$(dirname "$0")/lib.sh"

GOLDEN=$TOP/tests/tui

# screen_is NAME: the screen equals NAME.screen (polled for 5 s).
screen_is() {
	if [ "${IFPNEWS_GOLDEN:-}" = update ]; then
		sleep 0.5
		tui_screen >"$GOLDEN/$1.screen"
		return 0
	fi
	deadline=$(($(date +%s) + 5))
	while :; do
		tui_screen >"$TMPD/$1.screen"
		cmp -s "$GOLDEN/$1.screen" "$TMPD/$1.screen" && return 0
		[ "$(date +%s)" -gt "$deadline" ] && break
		sleep 0.05
	done
	diff -u "$GOLDEN/$1.screen" "$TMPD/$1.screen" | sed 's/^/# /'
	return 1
}

tui_init
# The visit before, at 13:30, saw the feed without its two newest posts.
python3 - "$TESTS_DATA/tui/ifp-feed.xml" "$TMPD/before.xml" <<'PY'
import sys
s = open(sys.argv[1], encoding="utf-8").read()
a = s.index("\t<item>")
b = s.index("\t<item>", s.index("\t<item>", a + 1) + 1)
open(sys.argv[2], "w", encoding="utf-8").write(s[:a] + s[b:])
PY
tui_route /feed/ "{\"body_file\": \"$TMPD/before.xml\"}"
tui_start -x 80 -y 24 IFPNEWS_NOW=2024-11-30T13:30:00Z -- "$BASE/feed/"
tui_wait '10 posts, 10 unread' 10
ok $? "the visit before lists 10 posts"
tui_keys Q
tui_wait_dead 5

# Now, 14:00: two new posts above the divider, the selection where it
# was (the first post of the visit before).
tui_route /feed/ "{\"body_file\": \"$TESTS_DATA/tui/ifp-feed.xml\"}"
tui_start -x 80 -y 24 -- "$BASE/feed/"
tui_wait '2 new since 13:30' 10 && tui_wait 'updated just now' 5
ok $? "the refresh puts the new posts above a divider"
screen_is list
ok $? "the list screen"

tui_keys g Enter
tui_wait 'Top *$|All *$' 5
screen_is article
ok $? "the article screen"

tui_keys '?'
tui_wait 'Keys \(q or Esc closes this\)' 5
screen_is help
ok $? "the help screen"

tui_keys q q
tui_wait 'Enter open' 5
tui_keys Q
tui_wait_dead 5
ok $? "the reader quits"

tui_done
