#!/bin/sh
# test_flow -- the reading position through a refresh (SPEC "Reading
# flow"): a refresh that brings 3 posts while an article is open keeps
# the article and its scroll; back in the list the selection is on the
# same post, and the new posts sit above a divider "3 new since HH:MM"
# that a restart soon after keeps (the visit, in the state directory)
# and a later visit moves.  A failed refresh shows --check's diagnosis
# in the header, at 80x24 too (a 403, a bot check's HTML page).
. "$(dirname "$0")/lib.sh"

tui_init
# The feed before: the 9 posts after the 3 newest.
python3 - "$TESTS_DATA/tui/ifp-feed.xml" "$TMPD/nine.xml" <<'PY'
import sys
s = open(sys.argv[1], encoding="utf-8").read()
a = b = s.index("\t<item>")
for _ in range(3):
    b = s.index("\t<item>", b + 1)
open(sys.argv[2], "w", encoding="utf-8").write(s[:a] + s[b:])
PY
tui_route /feed/ "{\"body_file\": \"$TMPD/nine.xml\"}"

# settle: wait until the screen stops changing (keys sent are done).
settle() {
	tui_screen >"$TMPD/settle.a"
	i=0
	while [ $i -lt 50 ]; do
		sleep 0.1
		tui_screen >"$TMPD/settle.b"
		cmp -s "$TMPD/settle.a" "$TMPD/settle.b" && return 0
		mv "$TMPD/settle.b" "$TMPD/settle.a"
		i=$((i + 1))
	done
	return 1
}

# The screen but its first line (the header, whose counts change).
body() {
	tui_screen | sed 1d
}

# The visit before, at 13:30.
tui_start -x 80 -y 24 IFPNEWS_NOW=2024-11-30T13:30:00Z -- "$BASE/feed/"
tui_wait '9 posts, 9 unread' 10
ok $? "the visit before lists 9 posts"
tui_keys Q
tui_wait_dead 5

# 14:02: the refresh at start brings nothing new.  The first post is
# opened and scrolled; then 3 posts come with r.
tui_start -x 80 -y 24 IFPNEWS_NOW=2024-11-30T14:02:00Z -- "$BASE/feed/"
tui_wait '9 posts, 9 unread' 10 && tui_wait 'updated just now' 5
ok $? "a start 32 minutes later lists the same 9 posts"
tui_keys Enter
tui_wait '^ Iran, Russia FMs voice support for Syria' 5
tui_keys j j j j j j j
tui_wait '[0-9]+% *$' 5 && settle
body >"$TMPD/before"
! grep -q 'Iran, Russia FMs' "$TMPD/before"
ok $? "the article is scrolled (its title off the top)"
tui_route /feed/ "{\"body_file\": \"$TESTS_DATA/tui/ifp-feed.xml\"}"
tui_keys r
tui_wait '12 posts, 11 unread' 10
ok $? "r while the article is open brings the 3 new posts"
body >"$TMPD/after"
cmp -s "$TMPD/before" "$TMPD/after"
ok $? "the article stays, scrolled as it was"
[ $? -eq 0 ] || diff "$TMPD/before" "$TMPD/after" | sed 's/^/# /'
tui_keys q
tui_wait '4/12 *$' 5 &&
    tui_screen | grep -Eq '^ +Iran, Russia FMs voice support'
ok $? "back in the list, the selection is on the same post (now 4th)"
# The list's top (the first new post may be above the pane's top).
tui_keys g
tui_wait '1/12 *$' 5
tui_screen >"$TMPD/list"
python3 - "$TMPD/list" <<'PY'
import sys
rows = open(sys.argv[1], encoding="utf-8").read().splitlines()
div = [i for i, r in enumerate(rows) if "3 new since 13:30" in r]
new = [i for i, r in enumerate(rows) for t in ("NATO head", "Iran envoy",
       "Gaza war") if t in r]
old = [i for i, r in enumerate(rows) if "Iran, Russia FMs" in r]
sys.exit(0 if len(div) == 1 and len(new) == 3 and max(new) < div[0] <
         min(old) else 1)
PY
ok $? "the 3 new posts sit above a divider '3 new since 13:30'"
tui_keys Q
tui_wait_dead 5

# A restart soon after: the same visit, the same divider.
tui_start -x 80 -y 24 IFPNEWS_NOW=2024-11-30T14:10:00Z -- "$BASE/feed/"
tui_wait '12 posts' 10 && tui_wait '3 new since 13:30' 5
ok $? "a restart 8 minutes later keeps '3 new since 13:30'"
tui_keys Q
tui_wait_dead 5

# Back an hour later: a new visit, nothing new since 14:10.
tui_start -x 80 -y 24 IFPNEWS_NOW=2024-11-30T15:10:00Z -- "$BASE/feed/"
tui_wait '12 posts' 10 && tui_wait 'updated just now' 5 &&
    ! tui_screen | grep -q ' new since '
ok $? "a visit an hour later has no divider: nothing is new since 14:10"
tui_keys Q
tui_wait_dead 5

# A refused feed at 80x24: --check's verdict in the header.
tui_route /feed/ '{"status": 403}'
tui_start -x 80 -y 24 IFPNEWS_NOW=2024-11-30T16:00:00Z -- -r "$BASE/feed/"
tui_wait 'HTTP 403 Forbidden — the site refuses this client; try another user-agent' 10 &&
    tui_screen | grep -q 'NATO head wants'
ok $? "a 403 at 80x24: the header says to try another user-agent, the list stays"
tui_keys Q
tui_wait_dead 5
tui_route /feed/ '{"headers": {"Content-Type": "text/html"},
    "body": "<!DOCTYPE html><html><head><title>Just a moment...</title></head><body>checking your browser</body></html>"}'
tui_start -x 80 -y 24 IFPNEWS_NOW=2024-11-30T16:00:00Z -- -r "$BASE/feed/"
tui_wait 'HTML page, not a feed — a bot check or a login page\?' 10 &&
    tui_screen | grep -q 'NATO head wants'
ok $? "a bot check's HTML page: the header says so, as --check does"
tui_keys Q
tui_wait_dead 5
ok $? "the reader quits"

tui_done
