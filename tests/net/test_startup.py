#!/usr/bin/env python3
"""libcurl is loaded on the first network use, never at start: a run that
needs no network (--version, a local file, an offline list from the
cache) does not pay for libcurl's thirty-odd libraries, and a fetch still
works.  Seen through glibc's loader trace (LD_DEBUG=files), which names
every object it opens; skipped where the loader has no such trace.
"""
import os
import subprocess

from netlib import DATA, IFPNEWS, Home, Server, Tap, run

FEED = os.path.join(DATA, "feeds", "ifp-feed.xml")

t = Tap()


def loads_curl(res):
    """Whether the loader trace of a run opened libcurl."""
    return any("file=libcurl" in line for line in res.err.splitlines())


needed = subprocess.run(["readelf", "-d", IFPNEWS], capture_output=True,
                        text=True)
if needed.returncode == 0:
    t.ok("libcurl" not in needed.stdout,
         "the binary does not link libcurl (it is loaded when needed)",
         needed.stdout)

home = Home()
trace = {"LD_DEBUG": "files"}
probe = run(home, ["--version"], env=trace)
if "file=" not in probe.err:
    print("# the dynamic loader has no LD_DEBUG=files trace: skipped")
    t.done()

t.ok(probe.rc == 0 and not loads_curl(probe),
     "--version does not load libcurl", probe)
r = run(home, ["--list", FEED], env=trace)
t.ok(r.rc == 0 and r.out.strip() != "" and not loads_curl(r),
     "a local file is listed without loading libcurl", r)

with Server({}) as srv:
    srv.copy(FEED, "feed.xml")
    srv.set_routes({"/feed": {"body_file": "feed.xml", "etag": "\"v1\""}})
    url = srv.url("/feed")
    r = run(home, ["--list", url], env=trace)
    t.ok(r.rc == 0 and loads_curl(r) and len(r.out.splitlines()) > 5,
         "a fetch loads libcurl and lists the feed", r)
    n = len(srv.log())
    r = run(home, ["--offline", "--list", url], env=trace)
    t.ok(r.rc == 0 and not loads_curl(r) and len(r.out.splitlines()) > 5,
         "an offline list from the cache does not load libcurl", r)
    t.ok(len(srv.log()) == n, "and sends no request", srv.log())
home.remove()
t.done()
