#!/bin/sh
# test_more -- older posts on demand: reaching the end of a WordPress
# feed's list (or m) loads ?paged=2, ?paged=3 ... in the background
# (a "loading older posts…" row) and merges them without moving the
# selection, until a 404 ("no older posts"); the pages are cached apart
# from page 1; other feeds simply end.
. "$(dirname "$0")/lib.sh"

tui_init
DATA=$TESTS_DATA/tui
# A WordPress feed of 25 posts, 10 a page: page 1 (/feed/), ?paged=2
# (10 more), ?paged=3 (the last 5), and a 404 for ?paged=4 as WordPress
# answers.  Post N was published N hours before 14:00 (IFPNEWS_NOW).
python3 - "$TMPD" <<'PY'
import email.utils, sys
T0 = 1732975200  # 2024-11-30T14:00:00Z
def page(name, first, count):
    items = "".join(
        "<item><title>Post %02d</title>"
        "<link>https://example.com/post-%d/</link>"
        "<guid isPermaLink=\"false\">https://example.com/?p=%d</guid>"
        "<pubDate>%s</pubDate><description>Excerpt of post %d."
        "</description></item>\n"
        % (n, n, 9000 - n, email.utils.formatdate(T0 - 3600 * n, usegmt=True),
           n)
        for n in range(first, first + count))
    with open("%s/%s" % (sys.argv[1], name), "w") as f:
        f.write('<?xml version="1.0"?><rss version="2.0"><channel>'
                "<title>Paged</title><link>https://example.com/</link>"
                "%s</channel></rss>\n" % items)
page("p1.xml", 1, 10)
page("p2.xml", 11, 10)
page("p3.xml", 21, 5)
PY
tui_route /feed/ "{\"body_file\": \"$TMPD/p1.xml\", \"etag\": \"\\\"p1\\\"\"}"
tui_route '/feed/?paged=2' "{\"body_file\": \"$TMPD/p2.xml\", \"delay\": 1}"
tui_route '/feed/?paged=3' "{\"body_file\": \"$TMPD/p3.xml\"}"
tui_route '/feed/?paged=4' '{"status": 404}'
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
# pages: the requests for older pages (?paged=), in order.
pages() {
	python3 - "$TMPD/server.log" <<'PY'
import json, sys
print(" ".join(r["path"].split("?")[1] for r in map(json.loads,
      open(sys.argv[1])) if "paged=" in r["path"]))
PY
}

tui_start -- "$BASE/feed/"
tui_wait '10 posts, 10 unread' 10
ok $? "the first page lists 10 posts"
[ "$(pages)" = "" ]
ok $? "no older page is asked for at start"

tui_keys G
tui_wait '^ +loading older posts…' 2 && tui_wait '10/10 *$' 1
ok $? "reaching the end of the list shows a 'loading older posts…' row"
tui_keys k
tui_wait '9/10 *$' 1
ok $? "keys work meanwhile"
tui_keys j
tui_wait '20 posts, 20 unread' 10
ok $? "page 2's posts are merged"
tui_wait '10/20 *$' 1 && tui_screen | grep -q 'Post 10 .*10 hours ago' &&
    ! tui_screen | grep -q 'loading older posts'
ok $? "the selection stays on the same post, and the row is gone"
tui_screen | grep -q '10 older posts (page 2)'
ok $? "the status line says what came"
tui_keys j
tui_wait 'Post 11 .*11 hours ago' 2 && tui_wait '11/20 *$' 1
ok $? "the older posts follow, newest first"

tui_keys G
tui_wait '25 posts, 25 unread' 10 && tui_wait '20/25 *$' 1
ok $? "the end of page 2 loads page 3"
tui_keys G
tui_wait '^ +no older posts *$' 10 && tui_wait '25/25 *$' 1 &&
    tui_screen | grep -B2 '^ *no older posts *$' | grep -q 'Post 25'
ok $? "the 404 of page 4 ends the list with a quiet 'no older posts' row"
[ "$(pages)" = "paged=2 paged=3 paged=4" ]
ok $? "the server was asked for exactly 3 pages: 2, 3 and 4"
tui_keys g G m
tui_wait '25/25 *$' 2 && tui_wait 'no older posts' 2 &&
    [ "$(pages)" = "paged=2 paged=3 paged=4" ]
ok $? "the end again, and m, ask for nothing more"

tui_keys Q
tui_wait_dead 10
ok $? "the reader quits"

# Page 1's cache is its own: a restart refreshes it with its own ETag,
# and shows 12 posts; page 2 comes from the cache, offline too.
tui_start -- --offline "$BASE/feed/"
tui_wait '10 posts, 10 unread' 10
ok $? "page 2 did not replace page 1's cache"
tui_keys m
tui_wait '20 posts' 2 && [ "$(requests '/feed/?paged=2')" = 1 ]
ok $? "offline, m takes page 2 from the cache"
tui_keys Q
tui_wait_dead 10
tui_start -- -r "$BASE/feed/"
tui_wait '10 posts' 10 && tui_wait 'updated just now' 5
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
