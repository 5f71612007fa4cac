#!/bin/sh
# test_safety -- a hostile feed cannot take over the terminal; NO_COLOR.
. "$(dirname "$0")/lib.sh"

tui_init
tui_route /evil/ "{\"body_file\": \"$TESTS_DATA/tui/escape-injection.xml\"}"
tui_route /feed/ "{\"body_file\": \"$TESTS_DATA/tui/ifp-feed.xml\",
    \"rewrite_host\": \"$BASE\"}"

tui_start -- "$BASE/evil/"
tmux_ set-buffer -b ifpn-sentinel "sentinel $$"
title0=$(tui_pane '#{pane_title}')
tui_wait '4 posts' 10
ok $? "the escape-injection feed lists its 4 posts"

# Open every post and scroll through it, then look at what changed.
# (A short post's page is asked for: the status line may say why it
# failed instead of the keys; the position on its right is always there.)
for i in 1 2 3 4; do
	tui_keys Enter
	tui_wait '(All|Top|Bot|[0-9]+%) *$' 5 || break
	tui_keys G
	tui_keys q
	tui_wait 'Enter open' 5 || break
	tui_keys j
done
tui_wait 'Enter open' 5
ok $? "every post opens and closes"
[ "$(tui_pane '#{pane_title}')" = "$title0" ]
ok $? "the pane title is unchanged"
[ "$(tmux_ show-buffer -b ifpn-sentinel)" = "sentinel $$" ] &&
    [ "$(tmux_ list-buffers | wc -l)" -eq 1 ]
ok $? "the clipboard (tmux buffers) is unchanged"
[ "$(tui_pane '#{alternate_on}')" = 1 ] && tui_wait 'IFP|4 posts' 1
ok $? "the screen is still the reader's"
tui_screen | LC_ALL=C grep -q "$(printf '[\001-\010\013-\037\177]')"
[ $? -ne 0 ]
ok $? "the screen holds no control characters"
tui_keys q
tui_wait_dead 10
ok $? "the reader exits normally after the hostile feed"

# NO_COLOR: attributes only, no color escapes on the screen.
tui_start NO_COLOR=1 -- "$BASE/feed/"
tui_wait 'NATO head' 10
ok $? "NO_COLOR: the list shows"
screen=$(tmux_ capture-pane -p -e -t t) && [ -n "$screen" ] &&
    ! printf '%s\n' "$screen" |
    grep -Eq "$(printf '\033')\[[0-9;]*(3[0-8]|4[0-8]|9[0-7]|10[0-7])[;m]"
ok $? "NO_COLOR: no color on the screen"
tmux_ capture-pane -p -e -t t | grep -q "$(printf '\033')\[[0-9;]*7m"
ok $? "NO_COLOR: the selection is shown in reverse video"
tui_keys q
tui_wait_dead 10
ok $? "NO_COLOR: q quits"

# The smallest screen: 40x10 stays readable.
tui_start -x 40 -y 10 -- "$BASE/feed/"
tui_wait '1/12 *$' 10 && tui_wait '^ IFP News' 2
ok $? "40x10: header, list and status fit"
tui_keys Enter
tui_wait 'NATO head wants less talk' 5 && tui_wait 'Top *$' 2
ok $? "40x10: an article opens"
tui_keys q q
tui_wait_dead 10
ok $? "40x10: q quits"

tui_done
