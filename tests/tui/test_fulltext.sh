#!/bin/sh
# test_fulltext -- a feed of excerpts in the reader: opening a post shows
# the excerpt with "fetching full text..." and then its web page's full
# text; the page is cached and read offline; a page that fails leaves the
# excerpt and says why; F fetches it again.
. "$(dirname "$0")/lib.sh"

tui_init
FEED=$TESTS_DATA/pages/ifp-feed-excerpt.xml
PAGE=$TESTS_DATA/pages/ifp-article.html
SEED=/iran-russia-fms-syria-fighting-terrorists/
tui_route /feed/ "{\"body_file\": \"$FEED\", \"rewrite_host\": \"$BASE\",
    \"headers\": {\"Content-Type\": \"application/rss+xml\"}}"
# The page comes a little late, so that the wait shows.
tui_route $SEED "{\"body_file\": \"$PAGE\", \"rewrite_host\": \"$BASE\",
    \"delay\": 1.5, \"headers\": {\"Content-Type\": \"text/html\"}}"

page_requests() {
	grep -c "\"path\": \"$SEED\"" "$TMPD/server.log"
}

tui_start -- "$BASE/feed/"
tui_wait 'Iran, Russia FMs voice support for Syria' 10
ok $? "the excerpt feed is listed"

tui_keys j j j Enter
tui_wait '^ Iran, Russia FMs voice support for Syria in fighting terrorists' 5 &&
    tui_wait 'fetching full text…' 2 && tui_wait '\[…\]' 2
ok $? "opening a post shows its excerpt and \"fetching full text…\""

tui_wait 'Araghchi stressed the necessity for heightened vigilance' 10 &&
    tui_wait_not '\[…\]' 2
ok $? "then the page's full text takes the excerpt's place"
tui_screen | grep -q 'Recent Posts\|MUST NOT SHOW\|Advertisement'
[ $? -ne 0 ]
ok $? "nothing of the page's sidebar, ads or scripts shows"
tui_screen | grep -q '^ IFP Editorial Staff · Nov 30, 2024 11:48 UTC · IFP Exclusive, Foreign Policy'
ok $? "the header is the post's"

tui_keys q j Enter
tui_wait '^ Iran.s military chief sees surge of terrorism' 5 &&
    tui_wait 'full text: HTTP 404 Not Found \(showing the excerpt\)' 5 &&
    tui_screen | grep -q '\[…\]'
ok $? "a page that fails leaves the excerpt and says why"

tui_keys q k Enter
tui_wait 'Araghchi stressed the necessity' 2
ok $? "reopened, the full text is there at once (cached)"

n=$(page_requests)
tui_keys F
tui_wait 'fetching full text…' 3 && tui_wait 'full text of http' 10 &&
    tui_screen | grep -q 'Araghchi stressed the necessity' &&
    [ "$(page_requests)" -gt "$n" ]
ok $? "F fetches the page again"

tui_keys q q
tui_wait_dead 5
ok $? "q q quits"

# Offline: from the cache, with no request.
n=$(page_requests)
tui_start -- --offline "$BASE/feed/"
tui_wait 'Iran, Russia FMs voice support for Syria' 10
tui_keys j j j Enter
tui_wait 'Araghchi stressed the necessity' 5 &&
    [ "$(page_requests)" -eq "$n" ]
ok $? "offline, the cached full text shows without a request"
tui_keys q j Enter
tui_wait 'full text: not in the cache \(offline\)' 5
ok $? "offline, an uncached page says so"
tui_keys q q
tui_wait_dead 5
[ "$(tui_status)" = 0 ]
ok $? "the reader exits 0"

tui_done
