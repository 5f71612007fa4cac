#!/bin/sh
# test_feeds -- several feeds: the feeds screen comes first (name, posts,
# unread count, last update or error), Enter opens one feed or "All
# posts" (every feed merged, newest first, a post two feeds share once),
# q goes back to it, read marks count in every feed that has the post,
# each list is found again where it was left; feeds are refreshed at
# most LOAD_FETCH_MAX (4) at a time.
#
# tests/data/tui/ifp-politics.xml is a category feed made from
# ifp-feed.xml: two of its posts (the same guids) and two of its own.
. "$(dirname "$0")/lib.sh"

tui_init
tui_route /feed/ "{\"body_file\": \"$TESTS_DATA/tui/ifp-feed.xml\"}"
tui_route /politics/ "{\"body_file\": \"$TESTS_DATA/tui/ifp-politics.xml\"}"
tui_route /war/ '{"status": 404, "body": "gone"}'
mkdir -p "$TMPD/config/ifpnews"
cat >"$TMPD/config/ifpnews/config" <<EOF
feed $BASE/feed/ "IFP News"
feed $BASE/politics/
feed $BASE/war/ "War"
EOF

# row NAME: the feeds screen's row of NAME.
row() {
	tui_screen | grep -E "^ [● ] $1 "
}

# titles: the start of each unread post's title on the screen.
titles() {
	tui_screen | python3 -c '
import sys
for l in sys.stdin.read().splitlines():
    if l.startswith(" ● "):
        print(l[3:30])'
}

tui_start --
tui_wait 'Politics Archives - IFP News +4 posts, 4 unread' 10
ok $? "the feeds screen comes first; a feed without a title shows its own"
tui_wait '^ Feeds +3 feeds, 14 unread +1 of 3 feeds failed *$' 5
ok $? "the header counts the feeds, the unread posts, the feeds that failed"
row 'All posts' | grep -Eq '14 posts, 14 unread +1 of 3 feeds failed *$' &&
    row 'IFP News' | grep -Eq '12 posts, 12 unread +updated just now *$' &&
    row 'Politics Archives - IFP News' |
    grep -Eq '4 posts, 4 unread +updated just now *$' &&
    row War | grep -Eq '0 posts, 0 unread +HTTP 404 Not Found'
ok $? "each row: posts, unread, updated or the error"
tui_screen | sed -n 2,5p | python3 -c '
import sys
for l in sys.stdin.read().splitlines():
    print(l[:13].replace(" ", ""))' >"$TMPD/order"
printf '●Allposts\n●IFPNews\n●PoliticsA\nWar\n' | cmp -s - "$TMPD/order"
ok $? "All posts first, then the feeds in the config's order; unread marks"
tui_wait '1/4 *$' 5
ok $? "the status line shows the selection among the four rows"

# All posts: merged, newest first; the shared posts once.
tui_keys Enter
tui_wait '^ All posts +14 posts, 14 unread' 5 && tui_wait '1/14 *$' 5
ok $? "Enter on All posts lists the 14 posts of both feeds, from the top"
titles | head -n 4 >"$TMPD/merged"
cat >"$TMPD/want" <<'EOF'
Iran’s parliament speaker m
NATO head wants less talk o
Iran envoy condemns US-Isra
Gaza war causes ‘pandemic o
EOF
diff "$TMPD/want" "$TMPD/merged" | sed 's/^/# /'
cmp -s "$TMPD/want" "$TMPD/merged"
ok $? "the merged list is newest first, across the feeds"
tui_wait 'q feeds' 5
ok $? "the key hints say q goes to the feeds"

tui_keys q
tui_wait '^ Feeds ' 5 && tui_wait '1/4 *$' 5
ok $? "q goes back to the feeds screen, on the same row"

# One feed: its posts only.  Reading one counts everywhere.
tui_keys j Enter
tui_wait '^ IFP News +12 posts, 12 unread' 5
ok $? "Enter on a feed lists its posts only"
tui_keys Enter
tui_wait 'Top *$|All *$' 5
tui_keys q
tui_wait '^ IFP News +12 posts, 11 unread' 5
ok $? "opening a post marks it read"
tui_keys j j j
tui_wait '4/12 *$' 5
tui_keys q
tui_wait '^ Feeds +3 feeds, 13 unread' 5 &&
    row 'All posts' | grep -q '14 posts, 13 unread' &&
    row 'IFP News' | grep -q '12 posts, 11 unread' &&
    row 'Politics Archives - IFP News' | grep -q '4 posts, 4 unread'
ok $? "the feeds screen counts the read post in the feeds that have it"

tui_keys j Enter
tui_wait '^ Politics Archives - IFP News +4 posts, 4 unread' 5
titles >"$TMPD/politics"
cat >"$TMPD/want" <<'EOF'
Iran’s parliament speaker m
Iran envoy condemns US-Isra
Iran, Russia FMs voice supp
Araghchi: Iran concerned ab
EOF
cmp -s "$TMPD/want" "$TMPD/politics"
ok $? "the category feed lists its four posts, newest first"
# The post both feeds have: read here, read there.
tui_keys j Enter
tui_wait 'Top *$|All *$' 5
tui_keys q q
tui_wait '^ Feeds +3 feeds, 12 unread' 5 &&
    row 'IFP News' | grep -q '12 posts, 10 unread' &&
    row 'Politics Archives - IFP News' | grep -q '4 posts, 3 unread'
ok $? "a post two feeds share is read in both"

# A on a feed's row: all its posts read, in every list that has them.
tui_keys A
tui_wait 'Politics Archives - IFP News +4 posts, 0 unread' 5 &&
    row 'IFP News' | grep -q '12 posts, 9 unread' &&
    row 'All posts' | grep -q '14 posts, 9 unread'
ok $? "A on a feed marks its posts read, here and in the others"

# Each list is where it was left.
tui_keys k Enter
tui_wait '^ IFP News ' 5 && tui_wait '4/12 *$' 5
ok $? "a feed's list comes back with the post selected before"
tui_keys q g Enter
tui_wait '^ All posts ' 5 && tui_wait '1/14 *$' 5
ok $? "so does All posts'"

# The failed feed: its error, and no posts.
tui_keys q G Enter
tui_wait '^ War +0 posts, 0 unread +HTTP 404 Not Found' 5 &&
    tui_wait 'No posts: HTTP 404 Not Found' 5
ok $? "a feed that failed lists no post and says why"
tui_keys q
tui_wait '^ Feeds ' 5
tui_keys '?'
tui_wait 'back to the list, then the feeds; quit' 5 &&
    tui_screen | grep -q 'open the post; in the feeds, the feed'
ok $? "? from the feeds screen: the help tells what the keys do there"
tui_keys q
tui_wait '^ Feeds .*updated|^ Feeds .*failed' 5 && tui_wait '4/4 *$' 5
ok $? "q closes the help, back to the feeds screen"
# The mouse (xterm's X10 reports, what kmous of tmux-256color says): a
# click selects a row, a click on the selected row opens it.
oct() {
	printf '\\%03o' "$1"
}
click() { # COLUMN ROW, 0-based: press, then release
	xy="$(oct $((33 + $1)))$(oct $((33 + $2)))"
	tui_keys -l "$(printf "\033[M $xy\033[M#$xy")"
}
click 10 2
tui_wait '2/4 *$' 5 && tui_wait '^ Feeds ' 1
ok $? "a click selects a feed"
click 10 2
tui_wait '^ IFP News +12 posts' 5
ok $? "a click on the selected feed opens it"
tui_keys q
tui_wait '^ Feeds ' 5
tui_keys q
tui_wait_dead 5 && [ "$(tui_status)" = 0 ]
ok $? "q on the feeds screen quits"

# Six slow feeds: four fetched at a time, the others wait their turn.
: >"$TMPD/six.conf"
for i in 1 2 3 4 5 6; do
	tui_route "/slow$i/" "{\"body_file\": \"$TESTS_DATA/tui/ifp-politics.xml\",
	    \"delay\": 1.5}"
	echo "feed $BASE/slow$i/ \"Slow $i\"" >>"$TMPD/six.conf"
done
: >"$TMPD/server.log"
tui_start -- -c "$TMPD/six.conf"
tui_wait 'waiting…' 5 && [ "$(tui_screen | grep -c 'waiting…')" -eq 2 ] &&
    [ "$(tui_screen | grep -Ec '^ +Slow . .*fetching…')" -eq 4 ]
ok $? "four feeds are fetched at once; two wait"
tui_wait '^ Feeds +6 feeds, 0 unread +updated just now' 15 &&
    [ "$(tui_screen | grep -Ec '^ +Slow . +4 posts, 0 unread +updated just now')" -eq 6 ] &&
    row 'All posts' | grep -q ' 4 posts, 0 unread'
ok $? "then all six are fetched (the same four posts: read above)"
python3 - "$TMPD/server.log" <<'PY'
import json, sys
t = sorted(json.loads(l)["t"] for l in open(sys.argv[1]) if "/slow" in l)
# Each reply takes 1.5 s: four end together, the last two 1.5 s later.
first = [x for x in t if x < t[0] + 0.75]
sys.exit(0 if len(t) == 6 and len(first) == 4 and t[4] - t[3] > 1 else 1)
PY
ok $? "the server saw four requests at a time"
tui_keys q
tui_wait_dead 5

tui_done
