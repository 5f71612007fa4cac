#!/bin/sh
# test_reader -- the reader in tmux: list, article, keys, search, help,
# resize, refresh that never blocks, Persian/Arabic text, exit.
. "$(dirname "$0")/lib.sh"

tui_init
FEED=$TESTS_DATA/tui/ifp-feed.xml
tui_route /feed/ "{\"body_file\": \"$FEED\", \"rewrite_host\": \"$BASE\",
    \"headers\": {\"Content-Type\": \"application/rss+xml\"}}"

tui_start -- "$BASE/feed/"
tui_wait 'NATO head wants less talk of peace process' 10
ok $? "start: the list shows the feed's titles"
tui_wait 'NATO head.*54 minutes ago' 2 && tui_wait 'Astana Process.*yesterday' 2
ok $? "start: the list shows relative ages"
tui_wait 'IFP News +12 posts, 12 unread' 2
ok $? "start: the header has the feed title and counts"

tui_keys j j Enter
tui_wait '^ IFP Editorial Staff · Nov 30, 2024' 5 &&
    tui_wait 'caused a “pandemic of disabilities”' 2
ok $? "j, j, Enter opens the third post's article"

tui_keys n
tui_wait '^ Iran, Russia FMs voice support for Syria in fighting terrorists' 5 &&
    tui_wait 'Top *$' 2
ok $? "n shows the next post"

tui_keys Space
tui_wait '(Bot|[0-9]+%) *$' 5
ok $? "space scrolls the article"

tui_keys q
tui_wait 'Enter open' 5 && tui_wait '4/12 *$' 2
ok $? "q goes back to the list, on the post that was read"

tui_keys / S y r i a Enter
tui_wait '5 of 12 posts' 5 && ! tui_screen | grep -q 'Gaza war'
ok $? "/Syria filters the list"
tui_keys Escape
tui_wait '12 posts, 10 unread' 5
ok $? "Esc clears the filter"

tui_keys '?'
tui_wait 'Keys \(q or Esc closes this\)' 5 && tui_wait 'refresh the feeds' 2
ok $? "? shows the help with the bindings"
tui_keys q
tui_wait 'Enter open' 5
ok $? "q closes the help"

tui_keys G
tui_wait '12/12 *$' 5
tui_screen | grep -q 'Lebanon’s Berri (نبيه بري) says ceasefire holding'
ok $? "Persian/Arabic text shows intact"

tui_keys g j
tmux_ resize-window -t t -x 60 -y 20
tui_wait 'NATO head wants less talk of peace proce… +54 minutes ago' 5 &&
    tui_wait '2/12 *$' 5 && ! tui_screen | grep -q 'more military equipment'
ok $? "a resize to 60x20 reflows the list and keeps the selection"
tmux_ resize-window -t t -x 100 -y 30
tui_wait 'Iran envoy condemns US-Israel coordinated attempts to destabilize Syria +59 minutes ago' 5 &&
    tui_wait '2/12 *$' 2
ok $? "a resize back to 100x30 reflows again"

# A refresh against a server that stalls: keys still work at once.
tui_route /feed/ "{\"body_file\": \"$FEED\", \"rewrite_host\": \"$BASE\",
    \"delay\": 20}"
tui_keys r
tui_wait 'fetching…' 5
ok $? "r starts a refresh shown in the header"
tui_keys j
tui_wait '3/12 *$' 1
ok $? "j moves within a second while the server stalls"
tui_keys r
tui_wait '3/12 *$' 1 && tui_wait 'fetching…' 1
ok $? "a second r while fetching does nothing harmful"

tui_keys q
tui_wait_dead 10
ok $? "q quits"
[ "$(tui_status)" = 0 ]
ok $? "the exit status is 0"
[ "$(tui_pane '#{alternate_on}#{mouse_any_flag}#{mouse_button_flag}')" = 000 ]
ok $? "the terminal is restored (main screen, mouse off)"

# Start again from the cache while the server answers 404: the cached
# list shows, and the error is in the header, as --check words it.
tui_route /feed/ '{"status": 404}'
tui_start -- -r "$BASE/feed/"
tui_wait 'NATO head wants less talk' 5 &&
    tui_wait 'HTTP 404 Not Found — no feed at this address; has it moved\?' 10
ok $? "a failed refresh shows its diagnosis and keeps the cached list"
tui_keys j j Enter
tui_wait '^ IFP Editorial Staff · Nov 30, 2024' 5 &&
    tui_wait 'collapse of the health system' 2
ok $? "an article opens from the cache (its body read when opened)"

# SIGTERM restores the terminal.
pid=$(tui_pid)
kill -TERM "$pid"
tui_wait_dead 10
ok $? "SIGTERM ends the reader"
[ "$(tui_status)" = 143 ]
ok $? "the reader dies of SIGTERM (status 143), as a caller expects"
[ "$(tui_pane '#{alternate_on}#{mouse_any_flag}#{mouse_button_flag}')" = 000 ]
ok $? "SIGTERM restores the terminal"

# A local file: its posts' bodies are read with the list (there is no
# cache to read them from later), so an article shows whole.
tui_start -- "$FEED"
tui_wait 'NATO head wants less talk of peace process' 10
tui_keys j j Enter
tui_wait '^ IFP Editorial Staff · Nov 30, 2024' 5 &&
    tui_wait 'collapse of the health system' 2
ok $? "a local file's article shows its whole text (not the excerpt)"
tui_keys q q
tui_wait_dead 10

tui_done
