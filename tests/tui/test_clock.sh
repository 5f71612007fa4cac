#!/bin/sh
# test_clock -- live ages and an idle reader (SPEC "Reading flow": ages
# tick over while the program runs; "Idle: no CPU use while nothing
# happens").  IFPNEWS_NOW with a '+' starts a clock that runs: at
# 14:00:50 the post of 13:01 is "59 minutes ago"; left alone, the reader
# wakes when the minute turns and shows "1 hour ago", without a key or a
# refresh.  Over the 10 s it is left alone it uses under 0.1 s of CPU
# (/proc/PID/stat) and wakes a handful of times at most (a reader that
# redrew every second would wake ten times).
. "$(dirname "$0")/lib.sh"

tui_init
tui_route /feed/ "{\"body_file\": \"$TESTS_DATA/tui/ifp-feed.xml\"}"

# cpu_ticks PID: utime + stime, in clock ticks.
cpu_ticks() {
	awk '{ sub(/^.*\) /, ""); print $12 + $13 }' "/proc/$1/stat"
}
# wakeups PID: times the process gave up the CPU to wait.
wakeups() {
	awk '/^voluntary_ctxt_switches/ { print $2 }' "/proc/$1/status"
}

tui_start IFPNEWS_NOW=2024-11-30T14:00:50Z+ -- "$BASE/feed/"
tui_wait 'updated just now' 10 &&
    tui_screen | grep -q 'Iran envoy condemns .* 59 minutes ago'
ok $? "at 14:00:5x the post of 13:01 is 59 minutes old"
pid=$(tui_pid)

# Settle: the start's work (the next posts are prepared while idle) is
# done when the CPU time stops moving.
last=-1
i=0
while [ $i -lt 40 ]; do
	now=$(cpu_ticks "$pid")
	[ "$now" = "$last" ] && break
	last=$now
	i=$((i + 1))
	sleep 0.25
done
t0=$(date +%s)
cpu0=$(cpu_ticks "$pid")
woke0=$(wakeups "$pid")

tui_wait 'Iran envoy condemns .* 1 hour ago' 15
ok $? "left alone, the age ticks over to '1 hour ago' when the minute turns"
tui_screen | grep -q 'NATO head wants .* 55 minutes ago'
ok $? "and every age of the list with it"

# Left alone for 10 s in all, the tick included.
while [ $(($(date +%s) - t0)) -lt 10 ]; do
	sleep 0.2
done
cpu=$(($(cpu_ticks "$pid") - cpu0))
woke=$(($(wakeups "$pid") - woke0))
hz=$(getconf CLK_TCK)
echo "# 10 s alone: $cpu ticks of CPU ($hz a second), $woke wakeups"
[ $((cpu * 10)) -lt "$hz" ]
ok $? "left alone for 10 s, the reader uses under 0.1 s of CPU"
[ "$woke" -le 4 ]
ok $? "and wakes at most a few times (the minute's redraw), not every second"

tui_keys Q
tui_wait_dead 10
ok $? "the reader quits"

# A clock that stands still never wakes the reader.
tui_start -- "$BASE/feed/"
tui_wait '59 minutes ago' 10
pid=$(tui_pid)
sleep 1
woke0=$(wakeups "$pid")
sleep 3
woke=$(($(wakeups "$pid") - woke0))
echo "# 3 s with a clock that stands still: $woke wakeups"
[ "$woke" -le 1 ]
ok $? "with IFPNEWS_NOW standing still, nothing wakes the reader"
tui_keys Q
tui_wait_dead 10

tui_done
