#!/bin/sh
# test_more -- older posts on demand: reaching the end of a WordPress
# feed's list (or m) loads ?paged=2, ?paged=3 ... in the background and
# merges them without moving the selection, until a 404; the pages are
# cached apart from page 1; other feeds simply end.
. "$(dirname "$0")/lib.sh"

tui_init
DATA=$TESTS_DATA/tui
tui_route /feed/ "{\"body_file\": \"$DATA/ifp-feed.xml\",
    \"rewrite_host\": \"$BASE\", \"etag\": \"\\\"p1\\\"\"}"
tui_route '/feed/?paged=2' "{\"body_file\": \"$DATA/ifp-feed-page2.xml\",
    \"rewrite_host\": \"$BASE\", \"delay\": 1}"
tui_route '/feed/?paged=3' '{"status": 404}'
# A site that ignores ?paged: its first page again.
tui_route /same/ "{\"body_file\": \"$DATA/ifp-feed.xml\"}"
tui_route '/same/?paged=2' "{\"body_file\": \"$DATA/ifp-feed.xml\"}"
tui_route /atom/ "{\"body_file\": \"$TESTS_DATA/feeds/atom-feed.xml\"}"

# requests PATH: how many times the server was asked for PATH.
requests() {
	python3 - "$TMPD/server.log" "$1" <<'PY'
import json, sys
print(sum(json.loads(l)["path"] == sys.argv[2] for l in open(sys.argv[1])))
PY
}

tui_start -- "$BASE/feed/"
tui_wait '12 posts, 12 unread' 10
ok $? "the first page lists 12 posts"
[ "$(requests '/feed/?paged=2')" = 0 ]
ok $? "no older page is asked for at start"

tui_keys G
tui_wait 'loading older posts…' 2 && tui_wait '12/12 *$' 1
ok $? "reaching the end of the list loads older posts in the background"
tui_keys k
tui_wait '11/12 *$' 1
ok $? "keys work meanwhile"
tui_keys j
tui_wait '22 posts, 22 unread' 10
ok $? "the older posts are merged (page 2's copy of post 12 once)"
tui_wait '12/22 *$' 1 &&
    tui_screen | grep -q 'Lebanon’s Berri .*yesterday'
ok $? "the selection stays on the same post"
tui_screen | grep -q '10 older posts (page 2)'
ok $? "the status line says what came"
tui_keys j
tui_wait 'Iran’s exports to neighbours rise 12 percent in eight months +yesterday' 2 &&
    tui_wait '13/22 *$' 1
ok $? "the older posts follow, newest first"

tui_keys G
tui_wait 'no older posts \(HTTP 404' 10
ok $? "a 404 for the next page ends the list"
[ "$(requests '/feed/?paged=3')" = 1 ] && tui_wait '22/22 *$' 1
ok $? "page 3 was asked for once"
tui_keys m
tui_wait 'no older posts' 2 && [ "$(requests '/feed/?paged=3')" = 1 ]
ok $? "m after the end asks for nothing more"

tui_keys Q
tui_wait_dead 10
ok $? "the reader quits"

# Page 1's cache is its own: a restart refreshes it with its own ETag,
# and shows 12 posts; page 2 comes from the cache, offline too.
tui_start -- --offline "$BASE/feed/"
tui_wait '12 posts, 12 unread' 10
ok $? "page 2 did not replace page 1's cache"
tui_keys m
tui_wait '22 posts' 2 && [ "$(requests '/feed/?paged=2')" = 1 ]
ok $? "offline, m takes page 2 from the cache"
tui_keys Q
tui_wait_dead 10
tui_start -- -r "$BASE/feed/"
tui_wait '12 posts' 10 && tui_wait 'updated just now' 5
python3 - "$TMPD/server.log" <<'PY'
import json, sys
reqs = [json.loads(l) for l in open(sys.argv[1])]
feed = [r for r in reqs if r["path"] == "/feed/"]
# The refresh sent page 1's own validator and got its 304.
sys.exit(0 if feed[-1]["headers"].get("if-none-match") == '"p1"'
         and feed[-1]["status"] == 304 else 1)
PY
ok $? "page 1 keeps its validator: the refresh is a 304"
tui_keys Q
tui_wait_dead 10

# A server that ignores ?paged sends page 1 again: that is the end.
tui_start -- "$BASE/same/"
tui_wait '12 posts' 10
tui_keys m
tui_wait 'no older posts' 5 && tui_screen | grep -q '12 posts'
ok $? "a site that ignores ?paged simply ends"
tui_keys Q
tui_wait_dead 10

# Not WordPress: no page is asked for.
tui_start -- "$BASE/atom/"
tui_wait '4 posts' 10
tui_keys G m
tui_wait 'not a paged feed' 2 && [ "$(requests '/atom/?paged=2')" = 0 ]
ok $? "an Atom feed has no older pages and asks for none"
tui_keys Q
tui_wait_dead 10
ok $? "the reader quits"

tui_done
