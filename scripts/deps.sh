#!/bin/sh
# deps.sh -- install the build and test dependencies that are missing.
#
# Quick no-op when everything is present.  Otherwise installs through the
# system's package manager (apt-get, dnf, pacman, Homebrew), with sudo when
# not root, or prints the exact command to run.
set -u

# what: "kind:name:debian:fedora:arch:brew"; kind cmd = a command on PATH,
# kind pc = a pkg-config module.
NEEDS='
cmd:cc:gcc:gcc:gcc:-
cmd:pkg-config:pkg-config:pkgconf-pkg-config:pkgconf:pkg-config
pc:ncursesw:libncurses-dev:ncurses-devel:ncurses:ncurses
pc:libcurl:libcurl4-openssl-dev:libcurl-devel:curl:curl
pc:libxml-2.0:libxml2-dev:libxml2-devel:libxml2:libxml2
pc:cmocka:libcmocka-dev:libcmocka-devel:cmocka:cmocka
cmd:python3:python3:python3:python:python3
cmd:tmux:tmux:tmux:tmux:tmux
cmd:mandoc:mandoc:mandoc:mandoc:mandoc
cmd:man:man-db:man-db:man-db:-
cmd:groff:groff-base:groff-base:groff:groff
cmd:w3m:w3m:w3m:w3m:w3m
cmd:valgrind:valgrind:valgrind:valgrind:-
cmd:/usr/bin/time:time:time:time:-
'

have_pc() {
	command -v pkg-config >/dev/null 2>&1 && pkg-config --exists "$1"
}

if command -v apt-get >/dev/null 2>&1; then col=3
elif command -v dnf >/dev/null 2>&1; then col=4
elif command -v pacman >/dev/null 2>&1; then col=5
elif command -v brew >/dev/null 2>&1; then col=6
else col=0
fi

missing=
pkgs=
for line in $NEEDS; do
	kind=$(echo "$line" | cut -d: -f1)
	name=$(echo "$line" | cut -d: -f2)
	case $kind in
	cmd) command -v "$name" >/dev/null 2>&1 && continue ;;
	pc) have_pc "$name" && continue ;;
	esac
	missing="$missing $name"
	[ "$col" -gt 0 ] || continue
	pkg=$(echo "$line" | cut -d: -f"$col")
	[ "$pkg" = - ] && continue
	case " $pkgs " in *" $pkg "*) ;; *) pkgs="$pkgs $pkg" ;; esac
done

[ -z "$missing" ] && exit 0

echo "deps: missing:$missing" >&2
if [ "$col" -eq 0 ]; then
	echo "deps: no known package manager; install:$missing" >&2
	exit 1
fi

sudo=
if [ "$(id -u)" -ne 0 ]; then
	if command -v sudo >/dev/null 2>&1; then
		sudo=sudo
	else
		echo "deps: not root and no sudo; run as root:" >&2
	fi
fi

case $col in
3) cmd="$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends$pkgs"
   upd="$sudo apt-get update -q" ;;
4) cmd="$sudo dnf install -y$pkgs"; upd= ;;
5) cmd="$sudo pacman -S --needed --noconfirm$pkgs"; upd= ;;
6) cmd="brew install$pkgs"; upd= ;;
esac

if [ "$(id -u)" -ne 0 ] && [ -z "$sudo" ] && [ "$col" -ne 6 ]; then
	echo "  ${upd:+$upd && }$cmd" >&2
	exit 1
fi

echo "deps: ${upd:+$upd && }$cmd" >&2
if [ -n "$upd" ]; then
	$upd >/dev/null || { echo "deps: '$upd' failed" >&2; exit 1; }
fi
$cmd || { echo "deps: '$cmd' failed" >&2; exit 1; }
