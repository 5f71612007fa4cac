#!/bin/sh
# test_config -- the settings of the config file change what the reader
# does, as the man page says: the feed's title, excerpts, date-format,
# bind and unbind (and the help lists the keys as bound), colors,
# max-width, confirm-quit.  The config is the default file,
# $XDG_CONFIG_HOME/ifpnews/config.
. "$(dirname "$0")/lib.sh"

tui_init
tui_route /feed/ "{\"body_file\": \"$TESTS_DATA/tui/ifp-feed.xml\"}"
mkdir -p "$TMPD/config/ifpnews"
cat >"$TMPD/config/ifpnews/config" <<EOF
feed $BASE/feed/ "My Front Page"
excerpts off
layout full
date-format "%d.%m.%Y"
bind J down
unbind j
color age red
max-width 40
confirm-quit on
EOF

# A month later: every post is older than a week, so dated.
tui_start -x 100 -y 30 IFPNEWS_NOW=2024-12-30T14:00:00Z --
tui_wait 'My Front Page +12 posts' 10
ok $? "the header shows the feed's title from the config"
tui_wait '30\.11\.2024 *$' 5
ok $? "the ages are dates in date-format"
tui_screen | sed -n 3p | grep -q 'Iran envoy condemns'
ok $? "excerpts off: the second post is on the row after the first"

# The age column in red (SGR 31), the titles not.
tmux_ capture-pane -p -e -t t | grep -q "$(printf '\033')\[31m30\.11\.2024"
ok $? "color age red draws the ages in red"

tui_wait '1/12 *$' 5
tui_keys j
tui_keys J
tui_wait '2/12 *$' 5 && ! tui_screen | grep -q '3/12 *$'
ok $? "unbind j: j does nothing; bind J down: J moves down"

tui_keys '?'
tui_wait 'Keys \(q or Esc closes this\)' 5 &&
    tui_screen | grep -Eq '^ +Down, J +next post' &&
    ! tui_screen | grep -Eq '^ +j,'
ok $? "the help lists J, not j, for down"
tui_keys q
tui_wait '2/12 *$' 5

# max-width 40: no line of the article is wider than 40 columns.
tui_keys Enter
tui_wait 'Top *$|All *$' 5
tui_screen | sed '1d;$d' | python3 -c '
import sys
w = max(len(l.strip()) for l in sys.stdin.read().splitlines())
sys.exit(0 if 30 <= w <= 40 else 1)'
ok $? "max-width 40: the article is at most 40 columns wide"
tui_keys q
tui_wait '2/12 *$' 5

tui_keys q
tui_wait 'Quit ifpnews\? \(y/n\)' 5
ok $? "confirm-quit: q asks first"
tui_keys n
tui_wait_not 'Quit ifpnews' 5 && [ "$(tui_pane '#{pane_dead}')" = 0 ]
ok $? "n answers no: the reader goes on"
tui_keys Q
tui_wait 'Quit ifpnews\? \(y/n\)' 5
tui_keys y
tui_wait_dead 5 && [ "$(tui_status)" = 0 ]
ok $? "Q then y quits, with status 0"

tui_done
