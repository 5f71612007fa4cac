# lib.sh -- drive the real reader inside tmux, for tests/tui/test_*.sh.
#
#   . tests/tui/lib.sh
#   tui_init                     private dirs, tmux server, feed server
#   tui_route PATH JSON          serve a reply (tests/net/server.py routes)
#   tui_start [ENV=V ...] -- ARGS  run $IFPNEWS in a 100x30 pane
#   tui_wait REGEX [SECONDS]     poll capture-pane until it matches
#   tui_keys KEY ...             tmux send-keys
#   ok COND-STATUS NAME          TAP line; tui_done at the end
#
# Everything is private: a tmux server on its own socket (-L ifpnPID,
# no config), HOME and the XDG directories in a temporary directory, the
# reader under env -i with LC_ALL=C.UTF-8 and a fixed IFPNEWS_NOW, the
# feeds on a loopback server (127.0.0.1, port 0) that ends by itself.
# The trap kills the tmux server and the feed server.  Waiting is
# polling with a deadline, never a fixed sleep.

TOP=$(cd "$(dirname "$0")/../.." && pwd)
: "${IFPNEWS:=$TOP/ifpnews}"
: "${TESTS_DATA:=$TOP/tests/data}"
TMUX_SOCK=ifpn$$
N=0
FAILED=0

tmux_() {
	tmux -L "$TMUX_SOCK" -f /dev/null "$@"
}

tui_cleanup() {
	tmux_ kill-server 2>/dev/null
	[ -n "${SERVER_PID:-}" ] && kill "$SERVER_PID" 2>/dev/null
	[ -n "${TMPD:-}" ] && rm -rf "$TMPD"
}

tui_init() {
	TMPD=$(mktemp -d "${TMPDIR:-/tmp}/ifpn-tui.XXXXXX") || exit 1
	trap tui_cleanup EXIT
	trap 'exit 1' INT TERM HUP
	mkdir -p "$TMPD/home" "$TMPD/config" "$TMPD/cache" "$TMPD/state"
	echo '{}' >"$TMPD/routes.json"
	python3 "$TOP/tests/net/server.py" --routes "$TMPD/routes.json" \
	    --port-file "$TMPD/port" --log "$TMPD/server.log" \
	    --lifetime 300 >/dev/null 2>&1 &
	SERVER_PID=$!
	i=0
	while [ ! -s "$TMPD/port" ]; do
		i=$((i + 1))
		[ $i -gt 500 ] && { echo "Bail out! no feed server"; exit 1; }
		sleep 0.01
	done
	PORT=$(cat "$TMPD/port")
	BASE=http://127.0.0.1:$PORT
}

# tui_route PATH JSON: set the reply for PATH (other routes are kept).
tui_route() {
	python3 - "$TMPD/routes.json" "$1" "$2" <<'EOF'
import json, sys
path, route, spec = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
with open(path) as f:
    routes = json.load(f)
routes[route] = spec
with open(path + ".tmp", "w") as f:
    json.dump(routes, f)
import os
os.replace(path + ".tmp", path)
EOF
}

# tui_start [-x COLS] [-y ROWS] [VAR=VALUE ...] -- ARGS...
tui_start() {
	cols=100
	rows=30
	envs=
	while [ $# -gt 0 ]; do
		case $1 in
		-x) cols=$2; shift 2 ;;
		-y) rows=$2; shift 2 ;;
		--) shift; break ;;
		*) envs="$envs $1"; shift ;;
		esac
	done
	args=
	for a in "$@"; do
		args="$args '$a'"
	done
	# One session for the whole test, made with a placeholder so that
	# remain-on-exit is on before the reader runs (a reader that exits
	# at once still leaves its pane to read); each start respawns it.
	if ! tmux_ has-session -t t 2>/dev/null; then
		tmux_ new-session -d -x "$cols" -y "$rows" -s t 'sleep 600'
		tmux_ set-option -t t remain-on-exit on
		tmux_ set-option -t t status off
	fi
	tmux_ resize-window -t t -x "$cols" -y "$rows"
	# shellcheck disable=SC2086
	rm -f "$TMPD/status"
	tmux_ respawn-pane -k -t t \
	    "env -i PATH=/usr/bin:/bin HOME='$TMPD/home' \
	    XDG_CONFIG_HOME='$TMPD/config' XDG_CACHE_HOME='$TMPD/cache' \
	    XDG_STATE_HOME='$TMPD/state' TERM=tmux-256color LC_ALL=C.UTF-8 \
	    IFPNEWS_NOW=2024-11-30T14:00:00Z \
	    ASAN_OPTIONS='${ASAN_OPTIONS:-}' LSAN_OPTIONS='${LSAN_OPTIONS:-}' \
	    UBSAN_OPTIONS='${UBSAN_OPTIONS:-}' $envs \
	    '$IFPNEWS' $args 2>'$TMPD/stderr'; echo \$? >'$TMPD/status'"
}

tui_screen() {
	tmux_ capture-pane -p -t t
}

# tui_wait REGEX [SECONDS]: 0 when the screen matches in time.
tui_wait() {
	deadline=$(($(date +%s) + ${2:-10}))
	while :; do
		if tui_screen | grep -Eq -- "$1"; then
			return 0
		fi
		[ "$(date +%s)" -gt "$deadline" ] && return 1
		sleep 0.02
	done
}

# tui_wait_not REGEX [SECONDS]: 0 when the screen stops matching.
tui_wait_not() {
	deadline=$(($(date +%s) + ${2:-10}))
	while :; do
		if ! tui_screen | grep -Eq -- "$1"; then
			return 0
		fi
		[ "$(date +%s)" -gt "$deadline" ] && return 1
		sleep 0.02
	done
}

# The reader's process (the child of the pane's shell).
tui_pid() {
	pgrep -P "$(tui_pane '#{pane_pid}')" | head -n 1
}

# The reader's exit status, once it has exited ("" before).
tui_status() {
	cat "$TMPD/status" 2>/dev/null
}

tui_keys() {
	tmux_ send-keys -t t "$@"
}

tui_pane() {
	tmux_ display-message -p -t t "$1"
}

# tui_wait_dead [SECONDS]: the program has exited.
tui_wait_dead() {
	deadline=$(($(date +%s) + ${1:-10}))
	while [ "$(tui_pane '#{pane_dead}')" != 1 ]; do
		[ "$(date +%s)" -gt "$deadline" ] && return 1
		sleep 0.02
	done
	while [ ! -s "$TMPD/status" ]; do
		[ "$(date +%s)" -gt "$deadline" ] && return 1
		sleep 0.02
	done
}

# ok STATUS NAME: a TAP line for the status of the last check.
ok() {
	N=$((N + 1))
	if [ "$1" -eq 0 ]; then
		echo "ok $N - $2"
	else
		FAILED=$((FAILED + 1))
		echo "not ok $N - $2"
		tui_screen 2>/dev/null | sed 's/^/# | /'
		[ -s "$TMPD/stderr" ] && sed 's/^/# stderr: /' "$TMPD/stderr"
	fi
	return 0
}

tui_done() {
	echo "1..$N"
	[ "$FAILED" -eq 0 ]
}
