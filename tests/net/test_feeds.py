#!/usr/bin/env python3
"""Several feeds without the screen: `--list` of the config's feeds (or
of several URLs) is one list, newest first, a post two feeds share once;
a feed that fails is named on stderr, the others are listed, the exit
status is 1; the feeds are fetched LOAD_FETCH_MAX (4) at a time, so a
feed that waits its turn is not timed out for the wait.
"""
import json
import os

from netlib import DATA, Home, Server, Tap, run, tsv_titles

FEED = os.path.join(DATA, "tui", "ifp-feed.xml")
POLITICS = os.path.join(DATA, "tui", "ifp-politics.xml")

t = Tap()

with Server({}) as srv:
    feed = srv.copy(FEED, "feed.xml")
    politics = srv.copy(POLITICS, "politics.xml")
    routes = {
        "/feed/": {"body_file": feed},
        "/politics/": {"body_file": politics},
        "/war/": {"status": 404, "body": "gone"},
    }
    for i in range(1, 7):
        routes["/slow%d/" % i] = {"body_file": politics, "delay": 1.5}
    srv.set_routes(routes)

    home = Home()
    conf = home.write_config(
        'feed %s "IFP News"\nfeed %s "Politics"\n' %
        (srv.url("/feed/"), srv.url("/politics/")))
    r = run(home, ["-c", conf, "--list", "--format", "tsv"])
    titles = tsv_titles(r.out)
    t.ok(r.rc == 0 and len(titles) == 14 and
         titles[0].startswith("Iran’s parliament speaker") and
         titles[1].startswith("NATO head") and
         len(set(titles)) == 14,
         "the config's two feeds: one list of 14, newest first, shared "
         "posts once", r)

    r = run(home, ["--list", "--format", "tsv", "-r", srv.url("/feed/"),
                   srv.url("/war/"), srv.url("/politics/")])
    msg = r.err.strip().splitlines()
    t.ok(r.rc == 1 and len(tsv_titles(r.out)) == 14 and len(msg) == 1 and
         msg[0] == "ifpnews: %s: HTTP 404 Not Found" % srv.url("/war/"),
         "a feed that fails is named, the others are listed, exit 1", r)
    home.remove()

    # Six feeds that take 1.5 s each, with a timeout of 2 s: four at a
    # time, all within their own 2 s.
    home = Home()
    conf = home.write_config("timeout 2s\n")
    srv.clear_log()
    r = run(home, ["-c", conf, "--list", "--format", "tsv"] +
            [srv.url("/slow%d/" % i) for i in range(1, 7)], timeout=60)
    ends = sorted(e["t"] for e in srv.log() if e["path"].startswith("/slow"))
    first = [x for x in ends if x < ends[0] + 0.75] if ends else []
    t.ok(r.rc == 0 and len(tsv_titles(r.out)) == 4 and len(ends) == 6 and
         len(first) == 4 and ends[4] - ends[3] > 1,
         "six slow feeds: four fetched at a time, none timed out",
         (r, json.dumps(ends)))
    t.ok(3 < r.secs < 10,
         "the six take two rounds (%.1f s)" % r.secs, r)
    home.remove()

t.done()
