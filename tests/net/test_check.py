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


def verdict(r):
    """The last line, "verdict    ...": what --check concludes."""
    lines = r.out.splitlines()
    last = lines[-1] if lines else ""
    return last[len("verdict"):].strip() if last.startswith("verdict") \
        else None


with Server({}) as srv:
    feed = srv.copy(FEED, "feed.xml")
    srv.set_routes({
        "/old": {"location": "/older", "status": 301},
        "/older": {"location": "/feed", "status": 302},
        "/feed": {"body_file": feed, "gzip": True, "etag": "\"e1\"",
                  "headers": {"Content-Type":
                              "application/rss+xml; charset=UTF-8"}},
        "/bot": {"status": 200, "headers": {"Content-Type": "text/html",
                                             "X-Evil": "a\x1b[2Jb"},
                 "body": "<!DOCTYPE html><html><head><title>Just a "
                         "moment...</title></head><body>checking your "
                         "browser</body></html>"},
        "/forbidden": {"status": 403, "headers": {"Content-Type":
                                                   "text/html"},
                       "body": "<html><title>Access denied</title></html>"},
        "/gone": {"status": 410, "body": "gone"},
        "/slow": {"body_file": feed, "delay": 1.0},
    })

    r = run(home, ["--check", srv.url("/feed")])
    t.ok(r.rc == 0 and verdict(r) == "RSS 2.0, 12 posts",
         "200: the verdict is 'RSS 2.0, 12 posts', exit 0", r)
    lines = r.out.splitlines()
    t.ok(any(l.startswith("request") and srv.url("/feed") in l
             for l in lines) and
         any(l.strip() == "GET /feed HTTP/1.1" for l in lines) and
         any("User-Agent: ifpnews/" in l for l in lines),
         "it shows the request with its headers", r.out)
    t.ok(any(l.startswith("response") and "HTTP 200 OK" in l
             for l in lines) and
         any(l.strip() == 'ETag: "e1"' for l in lines) and
         any(l.strip() == "Content-Encoding: gzip" for l in lines),
         "it shows the final status line and the response headers", r.out)
    size = os.path.getsize(FEED)
    t.ok(any(l.startswith("type") and
             "application/rss+xml; charset=UTF-8" in l for l in lines) and
         any(l.startswith("body") and ("%d bytes (" % size) in l and
             "on the wire" in l for l in lines),
         "it shows the content type and the size", r.out)
    t.ok(any(l.startswith("parse") and '"IFP News": RSS 2.0, 12 posts' in l
             for l in lines),
         "it shows the parse result with the feed's title", r.out)
    tm = [l for l in lines if l.startswith("timings")]
    t.ok(len(tm) == 1 and "first byte" in tm[0] and "total" in tm[0],
         "it shows the time to first byte and the total", r.out)

    r = run(home, ["--check", srv.url("/old")])
    lines = r.out.splitlines()
    hops = [l.split(None, 1)[1] for l in lines
            if l.startswith(("request", "redirected"))]
    statuses = [l.split(None, 1)[1] for l in lines
                if l.startswith("response")]
    t.ok(hops == ["GET " + srv.url("/old"), "GET " + srv.url("/older"),
                  "GET " + srv.url("/feed")] and
         statuses == ["HTTP 301 Moved Permanently", "HTTP 302 Found",
                      "HTTP 200 OK"],
         "a redirect chain: each hop is printed with its status", r.out)
    t.ok(any(l.strip() == "Location: /older" for l in lines) and
         any(l.strip() == "Location: /feed" for l in lines) and
         any(l.startswith("redirects") and "2 (final URL " +
             srv.url("/feed") in l for l in lines),
         "each redirect shows its Location, and the final URL", r.out)
    t.ok(r.rc == 0 and verdict(r) == "RSS 2.0, 12 posts",
         "the chain ends in the feed: 'RSS 2.0, 12 posts'", r)

    r = run(home, ["--check", srv.url("/bot")])
    t.ok(r.rc == 1 and verdict(r) ==
         "HTML page, not a feed — a bot check or a login page?" and
         'title: "Just a moment..."' in r.out,
         "an HTML page: 'HTML page, not a feed — a bot check or a login "
         "page?', with its title, exit 1", r)
    t.ok("\x1b" not in r.out and "X-Evil: a" in r.out,
         "an escape sequence in a response header never reaches stdout",
         repr(r.out))

    r = run(home, ["--check", srv.url("/forbidden")])
    t.ok(r.rc == 1 and verdict(r) ==
         "HTTP 403 Forbidden — the site refuses this client; try another "
         "user-agent" and "Access denied" in r.out,
         "403: 'the site refuses this client; try another user-agent', "
         "exit 1", r)
    r = run(home, ["--check", srv.url("/gone")])
    t.ok(r.rc == 1 and verdict(r) ==
         "HTTP 410 Gone — no feed at this address; has it moved?",
         "410: 'no feed at this address', exit 1", r)
    r = run(home, ["--check", "http://127.0.0.1:1/"])
    t.ok(r.rc == 1 and verdict(r) ==
         "connection refused — is the server down, or the port wrong?" and
         any(l.startswith("timings") and "total" in l
             for l in r.out.splitlines()),
         "a refused port: 'connection refused', with the time it took, "
         "exit 1", r)
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
