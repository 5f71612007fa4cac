#!/usr/bin/env python3
"""Fetching over HTTP: answers, redirects and network faults, each served
by the loopback server.  Every case runs `ifpnews --list` with private XDG
directories and checks the exit status, the message (naming the URL and
the reason), the time taken, and that the cache was left as it was.
"""
import os

from netlib import DATA, Home, Server, Tap, run, tsv_titles

FEED = os.path.join(DATA, "feeds", "ifp-feed.xml")
HTML = os.path.join(DATA, "feeds", "hostile", "not-xml.html")
TIMEOUT_S = 1  # the config's timeout for the slow cases

t = Tap()
home = Home()
conf = home.write_config("timeout %ds\n" % TIMEOUT_S)
# The size caps are tested apart from the time limit: a sanitizer build
# on a loaded machine may take more than a second to inflate 16 MiB.
conf_caps = home.write_config("timeout 30s\n", "caps.conf")

with Server({}) as srv:
    feed = srv.copy(FEED, "feed.xml")
    html = srv.copy(HTML, "page.html")
    chain = {"/c%d" % i: {"location": "/c%d" % (i + 1)} for i in range(1, 7)}
    chain["/c7"] = {"body_file": feed}
    routes = {
        "/feed": {"body_file": feed, "rewrite_host": True,
                  "headers": {"Content-Type":
                              "application/rss+xml; charset=UTF-8"}},
        "/gzip": {"body_file": feed, "gzip": True},
        "/r1": {"location": "/r2", "status": 301},
        "/r2": {"location": "http://127.0.0.1:PORT/r3", "status": 302},
        "/r3": {"location": "/feed", "status": 307},
        "/loop": {"location": "/loop"},
        "/to-file": {"location": "file:///etc/passwd"},
        "/to-ftp": {"location": "ftp://127.0.0.1/feed.xml"},
        "/404": {"status": 404, "body": "gone"},
        "/500": {"status": 500, "body": "oops"},
        "/html": {"body_file": html,
                  "headers": {"Content-Type": "text/html"}},
        "/empty": {"body": ""},
        "/short": {"body_file": feed, "content_length": 40000},
        "/reset": {"body_file": feed, "reset_after": 5000},
        "/big": {"zeros": 17 << 20},
        "/bomb": {"zeros": 64 << 20, "gzip": True},
        "/headers": {"body_file": feed, "pad_headers": 100 * 1024},
        "/slow": {"body_file": feed, "delay": TIMEOUT_S + 3},
        "/drip": {"body_file": feed, "drip": 0.3},
        "/hang": {"hang": True},
        "/noreply": {"no_reply": True},
    }
    routes.update(chain)
    srv.set_routes(routes)

    def fetch(path, extra=None, config=conf):
        return run(home, ["-c", config, "--list", "-r", "--format", "tsv"] +
                   (extra or []) + [srv.url(path)], timeout=40)

    def failed(r, path, words, name, within=None):
        """Exit 1, one message naming the URL and words, nothing listed."""
        url = srv.url(path)
        msg = r.err.strip().splitlines()
        good = (r.rc == 1 and r.out == "" and len(msg) >= 1 and
                msg[-1].startswith("ifpnews: " + url + ": ") and
                all(w in msg[-1] for w in words))
        if within is not None:
            good = good and r.secs < within
        t.ok(good, name, r)

    # 200: every post, the request as SPEC wants it.
    srv.clear_log()
    r = fetch("/feed")
    t.ok(r.rc == 0 and len(tsv_titles(r.out)) == 12,
         "200: the 12 posts of the fixture are listed", r)
    req = srv.log()[-1] if srv.log() else {"headers": {}}
    h = req["headers"]
    t.ok(h.get("user-agent", "").startswith("ifpnews/"),
         "the request sends User-Agent ifpnews/VERSION", h)
    t.ok("gzip" in h.get("accept-encoding", "") and
         "deflate" in h.get("accept-encoding", ""),
         "the request accepts gzip and deflate", h)
    t.ok("if-none-match" not in h and "if-modified-since" not in h,
         "a first fetch is unconditional", h)

    r = fetch("/gzip")
    log = srv.log()[-1]
    t.ok(r.rc == 0 and len(tsv_titles(r.out)) == 12 and
         log["body_bytes"] < os.path.getsize(FEED) / 2,
         "a gzip body is decoded (%d bytes on the wire for %d)" %
         (log["body_bytes"], os.path.getsize(FEED)), r)

    # Redirects.
    srv.clear_log()
    r = fetch("/r1")
    paths = [e["path"] for e in srv.log()]
    t.ok(r.rc == 0 and len(tsv_titles(r.out)) == 12 and
         paths == ["/r1", "/r2", "/r3", "/feed"],
         "a chain of 3 redirects (301, 302, 307) is followed", (r, paths))
    srv.clear_log()
    r = fetch("/c1")
    failed(r, "/c1", ["redirects"], "more than 5 redirects is an error")
    t.ok(len(srv.log()) == 6,
         "exactly 6 requests are made before giving up (%d)" % len(srv.log()))
    r = fetch("/loop")
    failed(r, "/loop", ["redirect loop"], "a redirect loop is named as such")
    r = fetch("/to-file")
    failed(r, "/to-file", ["file:///etc/passwd"],
           "a redirect to file:///etc/passwd is refused")
    t.ok("root:" not in r.out + r.err, "/etc/passwd is never read")
    srv.clear_log()
    r = fetch("/to-ftp")
    failed(r, "/to-ftp", ["ftp://"], "a redirect to ftp:// is refused")

    # HTTP errors.
    r = fetch("/404")
    failed(r, "/404", ["HTTP 404", "Not Found"], "404 gives 'HTTP 404 Not Found'")
    r = fetch("/500")
    failed(r, "/500", ["HTTP 500"], "500 gives 'HTTP 500'")

    # Not a feed.
    r = fetch("/html")
    failed(r, "/html", ["not a feed"], "an HTML page with 200 is 'not a feed'")
    r = fetch("/empty")
    failed(r, "/empty", ["not a feed"], "an empty 200 is 'not a feed'")

    # Broken transfers.
    r = fetch("/short")
    failed(r, "/short", ["closed"],
           "a Content-Length longer than the body is an error, not a "
           "half feed")
    r = fetch("/reset")
    failed(r, "/reset", [], "a connection reset mid-body is an error")
    r = fetch("/noreply")
    failed(r, "/noreply", ["without a reply"],
           "a server that closes without a reply is an error")

    # Limits.
    r = fetch("/big", config=conf_caps)
    failed(r, "/big", ["larger than 16 MiB"],
           "a 17 MiB body is refused: 'body larger than 16 MiB'")
    r = fetch("/bomb", config=conf_caps)
    failed(r, "/bomb", ["larger than 16 MiB"],
           "a gzip bomb (64 MiB decoded) stops at the 16 MiB cap")
    t.ok(r.maxrss_kb < 64 * 1024,
         "the gzip bomb's peak memory stays under 64 MB (%.1f MB)" %
         (r.maxrss_kb / 1024.0))
    r = fetch("/headers")
    failed(r, "/headers", ["headers larger"],
           "100 KB of response headers fail cleanly")

    # Time limits (timeout 1 s from the config).
    limit = TIMEOUT_S + 1.5
    r = fetch("/slow")
    failed(r, "/slow", ["timed out after %d s" % TIMEOUT_S],
           "a server slower than the timeout: 'timed out after 1 s'",
           within=limit)
    r = fetch("/drip")
    failed(r, "/drip", ["timed out"], "a byte every 0.3 s (slowloris) "
           "is cut at the timeout", within=limit)
    r = fetch("/hang")
    failed(r, "/hang", ["timed out"], "a server that accepts and never "
           "answers is cut at the timeout", within=limit)

    # Refused: nothing listens on port 1.
    r = run(home, ["--list", "http://127.0.0.1:1/"], timeout=10)
    t.ok(r.rc == 1 and r.err.startswith("ifpnews: http://127.0.0.1:1/: ") and
         "connection refused" in r.err and r.secs < 1.0,
         "connection refused: exit 1 within a second (%.2f s)" % r.secs, r)

    # Nothing of the failures reached the cache: only /feed, /gzip, /r1
    # and /c1 (all good feeds) are there.
    feeds = [n for n in home.files("cache") if n.startswith("ifpnews/feeds/")
             and not n.endswith(".t")]
    t.ok(len(feeds) == 3,
         "failed fetches leave no cache entry (%d entries)" % len(feeds),
         sorted(feeds))

    # An unsupported scheme on the command line.
    r = run(home, ["--list", "ftp://127.0.0.1/feed.xml"])
    t.ok(r.rc == 1 and "ftp://127.0.0.1/feed.xml" in r.err,
         "an ftp:// URL is refused with a message", r)

    # The server is still fine with the other cases in flight: lifetime.
    srv.clear_log()

home.remove()
t.done()
