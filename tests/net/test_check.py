#!/usr/bin/env python3
"""`ifpnews --check URL`, and the background refresh the UI's loop runs
(net_poll on the transfers and the terminal at once, no busy waiting).
"""
import os
import subprocess

from netlib import DATA, IFPNEWS, Home, Server, Tap, run

FEED = os.path.join(DATA, "feeds", "ifp-feed.xml")
HAMMER = os.path.join(os.path.dirname(IFPNEWS), "tests", "hammer")

t = Tap()
home = Home()
with Server({}) as srv:
    feed = srv.copy(FEED, "feed.xml")
    srv.set_routes({
        "/old": {"location": "/feed", "status": 301},
        "/feed": {"body_file": feed, "gzip": True, "etag": "\"e1\"",
                  "headers": {"Content-Type":
                              "application/rss+xml; charset=UTF-8"}},
        "/bot": {"status": 200, "headers": {"Content-Type": "text/html",
                                             "X-Evil": "a\x1b[2Jb"},
                 "body": "<!DOCTYPE html><html><head><title>Just a "
                         "moment...</title></head><body>checking your "
                         "browser</body></html>"},
        "/gone": {"status": 410, "body": "gone"},
        "/slow": {"body_file": feed, "delay": 1.0},
    })

    r = run(home, ["--check", srv.url("/old")])
    lines = r.out.splitlines()
    t.ok(r.rc == 0, "--check of a good feed exits 0", r)
    t.ok(any(l.startswith("request") and srv.url("/old") in l
             for l in lines) and
         any("User-Agent: ifpnews/" in l for l in lines),
         "it shows the request with its headers", r.out)
    t.ok(any("HTTP 301" in l for l in lines) and
         any("Location: /feed" in l for l in lines) and
         any(l.startswith("redirected") and srv.url("/feed") in l
             for l in lines),
         "it shows the redirect and where it led", r.out)
    t.ok(any("HTTP 200 OK" in l for l in lines) and
         any(l.startswith("type") and "application/rss+xml" in l
             for l in lines),
         "it shows the final status and the content type", r.out)
    t.ok(any(l.startswith("body") and "on the wire" in l for l in lines) and
         any(l.startswith("parse") and "RSS feed" in l and "12 posts" in l
             for l in lines),
         "it shows the body size and the parse result", r.out)
    t.ok(any(l.startswith("timings") and "total" in l for l in lines),
         "it shows the timings", r.out)

    r = run(home, ["--check", srv.url("/bot")])
    t.ok(r.rc == 1 and "HTML page, not a feed — a bot check?" in r.out and
         "Just a moment..." in r.out,
         "an HTML page: 'HTML page, not a feed — a bot check?' with its "
         "title", r)
    t.ok("\x1b" not in r.out and "X-Evil: a" in r.out,
         "an escape sequence in a response header never reaches stdout",
         repr(r.out))

    r = run(home, ["--check", srv.url("/gone")])
    t.ok(r.rc == 1 and "HTTP 410 Gone" in r.out,
         "an HTTP error is the result, exit 1", r)
    r = run(home, ["--check", "http://127.0.0.1:1/"])
    t.ok(r.rc == 1 and "connection refused" in r.out,
         "connection refused is the result, exit 1", r)
    t.ok(not any(n.startswith("ifpnews/feeds/") for n in home.files("cache")),
         "--check leaves the cache alone", home.files("cache"))

    # The UI's loop: a refresh in the background, the terminal (a pipe
    # here) still wakes the loop, and waiting costs no CPU.
    c = subprocess.run([HAMMER, "poll", srv.url("/slow")],
                       capture_output=True, text=True, env=home.env(),
                       timeout=20)
    ev = dict(l.split(" ", 1) for l in c.stdout.splitlines() if " " in l)
    wake = float(ev.get("wake", "99"))
    done = ev.get("done", "99 0 0 ?").split()
    cpu = float(ev.get("cpu", "99"))
    t.ok(c.returncode == 0 and 0.25 <= wake < 0.8,
         "during a refresh the loop wakes for the terminal at once "
         "(%.2f s after a 0.3 s keypress)" % wake, c.stdout + c.stderr)
    t.ok(float(done[0]) >= 1.0 and done[1] == "3" and done[2] == "12" and
         done[3] == "-",
         "the refresh finishes in the background with the 12 posts", done)
    t.ok(cpu < 0.2, "waiting 1 s on the network and the terminal costs "
         "%.3f s of CPU (no busy loop)" % cpu)

home.remove()
t.done()
