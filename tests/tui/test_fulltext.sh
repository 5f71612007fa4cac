#!/bin/sh
# test_fulltext -- a post whose feed has only an excerpt: the excerpt at
# once with "fetching full text…", the page fetched in the background and
# its full text swapped in; a page that fails leaves the excerpt and says
# why; F fetches any post's page; a cached page is used at once, offline
# too; the next posts are prepared while the user is idle.
. "$(dirname "$0")/lib.sh"

tui_init
PAGES=$TESTS_DATA/pages
ART=/iran-russia-fms-syria-fighting-terrorists/
tui_route /feed/ "{\"body_file\": \"$PAGES/ifp-feed-excerpt.xml\",
    \"rewrite_host\": \"$BASE\"}"
tui_route /full/ "{\"body_file\": \"$TESTS_DATA/tui/ifp-feed.xml\",
    \"rewrite_host\": \"$BASE\"}"
# The article takes its time, so that the excerpt is seen first.
tui_route "$ART" "{\"body_file\": \"$PAGES/ifp-article.html\",
    \"rewrite_host\": \"$BASE\", \"delay\": 2,
    \"headers\": {\"Content-Type\": \"text/html; charset=UTF-8\"}}"

# The pages of posts 5 to 8: 404s but one.
P5=/iran-military-chief-surge-terrorism-syria-us-israeli-scheme/
P6=/us-carried-out-air-attack-eastern-syria-pentagon/
P7=/us-sanctions-fleet-iran-oil-exports/
P8=/tehran-moscow-north-south-corridor-hafez/
for p in "$P5" "$P7" "$P8"; do
	tui_route "$p" '{"status": 404, "delay": 0.4}'
done
tui_route "$P6" "{\"body_file\": \"$PAGES/ifp-article.html\",
    \"delay\": 0.4, \"headers\": {\"Content-Type\": \"text/html\"}}"

# requests PATH: how many times the server was asked for PATH.
requests() {
	python3 - "$TMPD/server.log" "$1" <<'PY'
import json, sys
n = 0
with open(sys.argv[1]) as f:
    for line in f:
        n += json.loads(line)["path"] == sys.argv[2]
print(n)
PY
}

# has_paragraphs: every paragraph of ifp-article.expected.txt is on the
# screen, the screen's lines joined and spaces collapsed.
has_paragraphs() {
	tui_screen >"$TMPD/screen"
	python3 - "$TMPD/screen" "$PAGES/ifp-article.expected.txt" <<'PY'
import sys
screen = " ".join(open(sys.argv[1], encoding="utf-8").read().split())
paras = [" ".join(p.split()) for p in
         open(sys.argv[2], encoding="utf-8").read().split("\n\n")]
missing = [p[:60] for p in paras if p and p not in screen]
for p in missing:
    print("# missing: " + p)
sys.exit(1 if missing else 0)
PY
}

# prefetch 60: whatever is fetched ahead before post 4 is opened (the
# first posts, on a slow machine) leaves the four after it in the limit.
printf 'prefetch 60\n' >"$TMPD/prefetch60.conf"
tui_start -- -c "$TMPD/prefetch60.conf" "$BASE/feed/"
tui_wait 'Iran, Russia FMs voice support' 10
ok $? "the excerpt feed lists its posts"

tui_keys 4 Enter Enter
tui_wait 'fetching full text…' 2
ok $? "opening an excerpt-only post says it is fetching the full text"
tui_screen | grep -q 'Iranian and Russian foreign ministers expressed strong' &&
    tui_screen | grep -q 'and \[…\]' &&
    ! tui_screen | grep -q 'ominous phenomenon of terrorism'
ok $? "the excerpt shows at once, while the page is fetched"
tui_keys '?'
tui_wait 'Keys \(q or Esc closes this\)' 1
ok $? "keys work while the page is fetched"
tui_keys q
tui_wait 'ominous phenomenon of terrorism' 10 &&
    ! tui_screen | grep -q 'fetching full text'
ok $? "the full text is swapped in when the page comes"
tui_screen | grep -q '^ Iran, Russia FMs voice support for Syria in fighting terrorists' &&
    tui_wait 'Top *$' 1
ok $? "the swap keeps the article's top"
tui_screen | grep -q '^ IFP Editorial Staff · Nov 30, 2024 11:48 UTC · IFP Exclusive, Foreign Policy' &&
    ! tui_screen | grep -q '\[…\]'
ok $? "the header is still the post's, and the excerpt is gone"
tmux_ resize-window -t t -x 100 -y 80
tui_wait 'Bot *$|All *$' 5 && has_paragraphs
ok $? "the article holds every paragraph of the page"
! tui_screen | grep -Eq 'Recent Posts|Advertisement|Stay Connected|MUST NOT SHOW'
ok $? "and nothing of the page's sidebar, ads or scripts"
tmux_ resize-window -t t -x 100 -y 30
[ "$(requests "$ART")" = 1 ]
ok $? "the page was fetched once"

# While post 4 is read, the pages of posts 5 to 8 are fetched ahead, one
# at a time (each takes 0.4 s here: one at a time, they end at least that
# far apart).
tui_keys q
tui_wait 'Enter open' 5
deadline=$(($(date +%s) + 10))
while [ "$(requests "$P8")" = 0 ]; do
	[ "$(date +%s)" -gt "$deadline" ] && break
	sleep 0.05
done
[ "$(requests "$P5")$(requests "$P6")$(requests "$P7")$(requests "$P8")" = 1111 ]
ok $? "idle, the pages of the four posts after the open one are fetched"
python3 - "$TMPD/server.log" "$P5" "$P6" "$P7" "$P8" <<'PY'
import json, sys
ends = [r["t"] for r in map(json.loads, open(sys.argv[1]))
        if r["path"] in sys.argv[2:]]
gaps = [b - a for a, b in zip(ends, ends[1:])]
print("# gaps between the ends: %s" % gaps)
sys.exit(0 if len(ends) == 4 and min(gaps) >= 0.35 else 1)
PY
ok $? "one page at a time"
[ "$(requests /explainer-what-is-astana-process-syria/)" = 0 ]
ok $? "and no further than that"
tui_keys 6 Enter Enter
tui_screen | grep -q 'ominous phenomenon of terrorism' ||
    tui_wait 'ominous phenomenon of terrorism' 1
ok $? "a post prepared ahead opens with its full text at once"
! tui_screen | grep -q 'fetching full text' && [ "$(requests "$P6")" = 1 ]
ok $? "without fetching it again"
tui_keys q k

# A failed page: the excerpt stays and the status line says why.
tui_keys 5 Enter Enter
tui_wait 'HTTP 404' 5 && tui_wait 'excerpt' 1
ok $? "a page that fails shows its error"
tui_screen | grep -q 'Iran’s military chief sees surge' &&
    [ "$(requests "$P5")" = 1 ]
ok $? "and the excerpt stays (the failure fetched ahead is not repeated)"
tui_keys F
tui_wait 'fetching full text…' 2 && tui_wait 'HTTP 404' 5 &&
    [ "$(requests "$P5")" = 2 ]
ok $? "F tries the page again"
tui_keys q Q
tui_wait_dead 10
ok $? "the reader quits"

# Offline: the cached page is used at once, no request.
before=$(requests "$ART")
tui_start -- --offline "$BASE/feed/"
tui_wait 'Iran, Russia FMs voice support' 10
tui_keys 4 Enter Enter
tui_wait 'ominous phenomenon of terrorism' 2 &&
    ! tui_screen | grep -q 'fetching'
ok $? "offline, the cached full text shows at once"
[ "$(requests "$ART")" = "$before" ]
ok $? "and nothing was fetched"
tui_keys n
tui_wait 'not in the cache \(offline\)' 2
ok $? "offline, a page not in the cache says so"
tui_keys q Q
tui_wait_dead 10

# Item 10 of the full feed has only its description; its page is a 404.
tui_start -- "$BASE/full/"
tui_wait 'Parliament approves general outlines' 10
tui_keys 1 0 Enter Enter
tui_wait 'HTTP 404' 5
ok $? "item 10 of the full feed: the page's 404 is shown"
tui_screen | grep -q 'Parliament approves general outlines of next year’s budget bill' &&
    tui_screen | grep -Eq 'Iranian lawmakers|parliament|Parliament|budget'
ok $? "and its description stays"

# F on a post whose feed has the whole text: its page (cached above,
# under the same link) at once; F again fetches the page anew.
tui_keys q 4 Enter Enter
tui_wait '^ Iran, Russia FMs voice support' 5
tui_screen | grep -q 'maintaining close consultations between the two countries.$' &&
    ! tui_screen | grep -q 'appeared first on'
before=$(requests "$ART")
tui_keys F
tui_wait '^ Iran, Russia FMs voice support' 2 &&
    ! tui_screen | grep -q 'fetching full text' &&
    [ "$(requests "$ART")" = "$before" ]
ok $? "F shows the page from the cache"
tui_keys F
tui_wait 'fetching full text…' 2
ok $? "F again fetches the page anew"
tui_wait_not 'fetching full text' 10 && [ "$(requests "$ART")" -gt "$before" ]
ok $? "and went to the network"
tui_keys q Q
tui_wait_dead 10
ok $? "the reader quits after F"

# Pages are fetched ahead only on the feed's own site: this feed is read
# from 127.0.0.1, its posts link to localhost (the same server under
# another name).  Opening a post still fetches its page.
sed "s#https://ifpnews.com#http://localhost:$PORT#g" \
    "$PAGES/ifp-feed-excerpt.xml" >"$TMPD/other.xml"
tui_route /other/ "{\"body_file\": \"$TMPD/other.xml\"}"
P1=/nato-head-less-talk-peace-process-ukraine-military-equipment/
p1=$(requests "$P1")
art=$(requests "$ART")
tui_start -- "$BASE/other/"
tui_wait 'Iran, Russia FMs voice support' 10
tui_keys 4 Enter Enter
tui_wait 'ominous phenomenon of terrorism' 10 &&
    [ "$(requests "$ART")" = $((art + 1)) ]
ok $? "a post on another site is fetched when opened"
[ "$(requests "$P1")" = "$p1" ]
ok $? "but the pages of posts on another site are not fetched ahead"
tui_keys Q
tui_wait_dead 10

# The config's prefetch caps the pages fetched ahead a minute (the clock
# stands still here: no minute ends).  Each post of this feed links to a
# page of its own, none cached yet.
sed "s#https://ifpnews.com/#$BASE/lim/#g" \
    "$PAGES/ifp-feed-excerpt.xml" >"$TMPD/lim.xml"
tui_route /lim/ "{\"body_file\": \"$TMPD/lim.xml\"}"
# lim: the requests for pages of /lim/'s posts.
lim() {
	python3 - "$TMPD/server.log" <<'PY'
import json, sys
print(sum(r["path"].startswith("/lim/") and r["path"] != "/lim/"
          for r in map(json.loads, open(sys.argv[1]))))
PY
}
printf 'prefetch 2\n' >"$TMPD/prefetch2.conf"
tui_start -- -c "$TMPD/prefetch2.conf" "$BASE/lim/"
tui_wait 'Iran, Russia FMs voice support' 10
deadline=$(($(date +%s) + 10))
while [ "$(lim)" -lt 2 ] && [ "$(date +%s)" -le "$deadline" ]; do
	sleep 0.05
done
sleep 1.5
[ "$(lim)" = 2 ]
ok $? "prefetch 2: idle, the pages of 2 posts are fetched ahead, not 4"
tui_keys 3 Enter Enter
tui_wait 'HTTP 404' 5 && [ "$(lim)" = 3 ]
ok $? "the third post's page is fetched when it is opened"
tui_keys q Q
tui_wait_dead 10
printf 'prefetch 0\n' >"$TMPD/prefetch0.conf"
before=$(lim)
tui_start -- -c "$TMPD/prefetch0.conf" "$BASE/lim/"
tui_wait 'Iran, Russia FMs voice support' 10
sleep 1.5
[ "$(lim)" = "$before" ]
ok $? "prefetch 0: nothing is fetched ahead"
tui_keys Q
tui_wait_dead 10

tui_done
