#!/usr/bin/env python3
"""The network settings of the config file, as the server sees them:
user-agent is the User-Agent sent, max-size caps the body, refresh-interval
decides when a cached copy is fresh enough to skip the request, keep-days
how long a post that left its feed stays listed.  (timeout is in
test_fetch.py.)  Each runs `ifpnews -c FILE --list` with private XDG
directories against the loopback server.
"""
import os

from netlib import DATA, Home, Server, Tap, run, tsv_titles

FEED = os.path.join(DATA, "feeds", "ifp-feed.xml")

t = Tap()

with Server({}) as srv:
    feed = srv.copy(FEED, "feed.xml")
    srv.set_routes({"/feed": {"body_file": feed, "etag": "\"v1\""}})

    def listing(home, conf, now, extra=None):
        return run(home, ["-c", conf, "--list", "--format", "tsv"] +
                   (extra or []) + [srv.url("/feed")],
                   env={"IFPNEWS_NOW": now}, timeout=40)

    # user-agent
    home = Home()
    ua = "MyReader/1.0 (+https://example.org/contact)"
    conf = home.write_config('user-agent "%s"\n' % ua)
    srv.clear_log()
    r = listing(home, conf, "2024-11-30T14:00:00Z")
    log = srv.log()
    t.ok(r.rc == 0 and len(log) == 1 and
         log[0]["headers"].get("user-agent") == ua,
         "user-agent: the request's User-Agent is the setting's", (r, log))
    home.remove()

    # max-size: the fixture is about 60 KB.
    size = os.path.getsize(FEED)
    home = Home()
    small = home.write_config("max-size 4K\n", "small.conf")
    large = home.write_config("max-size %dK\n" % (size // 1024 + 1),
                              "large.conf")
    r = listing(home, small, "2024-11-30T14:00:00Z")
    msg = r.err.strip().splitlines()
    t.ok(r.rc == 1 and r.out == "" and len(msg) == 1 and
         msg[0].startswith("ifpnews: " + srv.url("/feed") + ": ") and
         "4 KiB" in msg[0] and
         not home.files("cache"),
         "max-size 4K: a larger feed is refused, named, and not cached", r)
    r = listing(home, large, "2024-11-30T14:00:00Z")
    t.ok(r.rc == 0 and len(tsv_titles(r.out)) == 12,
         "max-size just above the feed's size: it is listed", r)
    home.remove()

    # refresh-interval: a copy younger than the interval is fresh.
    home = Home()
    every5 = home.write_config("refresh-interval 5m\n", "5m.conf")
    every1h = home.write_config("refresh-interval 1h\n", "1h.conf")
    never = home.write_config("refresh-interval off\n", "off.conf")
    listing(home, every1h, "2024-11-30T14:00:00Z")
    srv.clear_log()
    r = listing(home, every1h, "2024-11-30T14:10:00Z")
    t.ok(r.rc == 0 and len(tsv_titles(r.out)) == 12 and srv.log() == [],
         "refresh-interval 1h: 10 minutes later, no request", (r, srv.log()))
    r = listing(home, every5, "2024-11-30T14:10:00Z")
    log = srv.log()
    t.ok(r.rc == 0 and len(tsv_titles(r.out)) == 12 and len(log) == 1 and
         log[0]["headers"].get("if-none-match") == '"v1"' and
         log[0]["status"] == 304,
         "refresh-interval 5m: 10 minutes later, a conditional request (304)",
         (r, log))
    srv.clear_log()
    r = listing(home, never, "2024-12-30T14:00:00Z")
    t.ok(r.rc == 0 and len(tsv_titles(r.out)) == 12 and srv.log() == [],
         "refresh-interval off: a month later, still no request",
         (r, srv.log()))
    r = listing(home, never, "2024-12-30T14:00:00Z", ["-r"])
    t.ok(r.rc == 0 and len(srv.log()) == 1,
         "refresh-interval off: -r fetches", (r, srv.log()))
    home.remove()

    # keep-days: the newest post leaves the feed.
    with open(FEED, encoding="utf-8") as f:
        text = f.read()
    a = text.index("\t<item>")
    b = text.index("\t<item>", a + 1)
    with open(os.path.join(srv.dir, "less.xml"), "w", encoding="utf-8") as f:
        f.write(text[:a] + text[b:])
    for days, want in (("0", 11), ("2", 12)):
        home = Home()
        conf = home.write_config("keep-days %s\nrefresh-interval 1m\n" % days)
        srv.set_routes({"/feed": {"body_file": feed}})
        listing(home, conf, "2024-11-30T14:00:00Z")
        srv.set_routes({"/feed": {"body_file": "less.xml"}})
        r = listing(home, conf, "2024-12-01T14:00:00Z")
        t.ok(r.rc == 0 and len(tsv_titles(r.out)) == want,
             "keep-days %s: a day later the post that left the feed is %s" %
             (days, "gone" if want == 11 else "still listed"), r)
        home.remove()

t.done()
