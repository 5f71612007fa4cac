#!/usr/bin/env python3
"""Network faults against a filled cache: a refresh that fails leaves the
cache and the read marks exactly as they were.

For every fault of issue 8 (a server that accepts and never answers, a
byte a second, a reset mid-body, a body over the cap, gzip bombs, 100 KB
of headers, redirects to file:, ftp: and to itself, an HTML page, an
empty 200, a wrong Content-Length) the same URL first serves the good
feed, which `--list` caches, and two of its posts are marked read; then
the route switches to the fault and `--list -r` must:

- exit 1 within the time limit, with "ifpnews: URL: REASON" on stderr in
  SPEC's words (the config's timeout is 1 s for the time-based faults, the
  limit that plus a loaded machine's start; 30 s for the others, which fail
  at once, but on a loaded machine an ASan build inflating 64 MiB must not
  be cut by a timeout that is no part of the fault);
- still list the cached copy, and say so;
  (a Content-Length shorter than the body cuts the feed short: that is a
  damaged feed, reported as such, merged with the cached posts so that
  none goes missing, exit 0 as for any partial feed, and never stored;)
- leave every file under the cache and state directories as it was: the
  same bytes, mode, inode and mtime (not even rewritten), and no file
  more or less (no temporary file left behind);
- and a following `--offline --list` lists the good copy.

Then: a redirect whose body runs past its Content-Length (libcurl 7.88
reuses that connection and reads the excess as the next reply) is still
followed; a reply that is no HTTP is named as such.  Last, the peak memory
of both gzip bombs (64 MiB of zeros, and a feed whose title is 64 MiB) is
measured on the build without sanitizers under /usr/bin/time -f %M (the
ru_maxrss of a child of this python process would include python's own
peak): under 64 MB.
"""
import os
import stat
import subprocess
import time

from netlib import DATA, IFPNEWS, Home, Server, Tap, run, tsv_titles

FEED = os.path.join(DATA, "feeds", "ifp-feed.xml")
HTML = os.path.join(DATA, "feeds", "hostile", "not-xml.html")
HAMMER = os.path.join(os.path.dirname(IFPNEWS), "tests", "hammer")
PLAIN = os.path.join(os.path.dirname(IFPNEWS), "plain", "ifpnews")
TIME = "/usr/bin/time"
TIMEOUT_S = 1  # the config's timeout for the time-based faults
MEM_KB = 64 * 1024
READ = ["https://ifpnews.com/?p=1258941", "https://ifpnews.com/?p=1258936"]
# The start of a feed whose first title is the zeros that follow.
BOMB_FEED = ('<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0">'
             '<channel><title>Bomb</title><item><title>')

t = Tap()
home = Home()
conf = home.write_config("timeout %ds\n" % TIMEOUT_S)
conf30 = home.write_config("timeout 30s\n", "30.conf")
with open(FEED, "rb") as f:
    feed_bytes = f.read()

# Time limits: the timeout plus a loaded machine's start and exit for the
# time-based faults (a byte a second would take 8 hours, a server that
# never answers the server's lifetime); the timeout for the others.
TIMED = TIMEOUT_S + 9.0
FAST = 30.0
# name: (route, words of the message, config, time limit in seconds)
FAULTS = [
    ("hang", {"hang": True}, ["timed out after 1 s"], conf, TIMED),
    ("slowloris", {"body_file": "feed.xml", "drip": 1.0},
     ["timed out after 1 s"], conf, TIMED),
    ("reset", {"body_file": "feed.xml", "reset_after": 5000},
     ["connection reset by the server"], conf30, FAST),
    ("big", {"zeros": 17 << 20}, ["body larger than 16 MiB"], conf30, FAST),
    ("gzip-bomb", {"zeros": 64 << 20, "gzip": True},
     ["body larger than 16 MiB"], conf30, FAST),
    ("gzip-bomb-feed", {"zeros": 64 << 20, "gzip": True,
                        "prefix": BOMB_FEED},
     ["body larger than 16 MiB"], conf30, FAST),
    ("headers", {"body_file": "feed.xml", "pad_headers": 100 * 1024},
     ["response headers larger than 64 KiB"], conf30, FAST),
    ("to-file", {"location": "file:///etc/passwd"},
     ["redirect to a non-http(s) URL: file:///etc/passwd"], conf30, FAST),
    ("to-ftp", {"location": "ftp://127.0.0.1/feed.xml"},
     ["redirect to a non-http(s) URL: ftp://127.0.0.1/feed.xml"], conf30,
     FAST),
    ("loop", {"location": "/loop"}, ["redirect loop at http://"], conf30,
     FAST),
    ("html", {"body_file": "page.html",
              "headers": {"Content-Type": "text/html"}},
     ["not a feed: HTML page"], conf30, FAST),
    ("empty", {"body": ""}, ["empty document, not a feed"], conf30, FAST),
    ("long-length", {"body_file": "feed.xml",
                     "content_length": len(feed_bytes) + 10000},
     ["connection closed before the end of the body"], conf30, FAST),
    ("short-length", {"body_file": "feed.xml",
                      "content_length": len(feed_bytes) // 2},
     ["damaged feed", "the document is cut short"], conf30, FAST),
]
DAMAGED = ("short-length",)


def snapshot(root):
    """Every file and directory under root: a file's bytes, mode, inode
    and mtime; a directory's mode (its mtime moves with a temporary file
    made and removed, which the set of names shows)."""
    out = {}
    for d, dirs, names in os.walk(root):
        for n in dirs:
            p = os.path.join(d, n)
            out[os.path.relpath(p, root)] = ("dir", os.lstat(p).st_mode)
        for n in names:
            p = os.path.join(d, n)
            st = os.lstat(p)
            with open(p, "rb") as fp:
                data = fp.read()
            out[os.path.relpath(p, root)] = (
                "file", stat.filemode(st.st_mode), st.st_ino,
                st.st_mtime_ns, data)
    return out


def changes(a, b):
    """What differs between two snapshots, for the diagnostics."""
    out = []
    for k in sorted(set(a) | set(b)):
        if k not in a:
            out.append("new: %s" % k)
        elif k not in b:
            out.append("gone: %s" % k)
        elif a[k] != b[k]:
            what = ["kind", "mode", "inode", "mtime", "bytes"]
            out.append("%s: %s" % (k, ", ".join(
                w for w, x, y in zip(what, a[k], b[k]) if x != y)))
    return out


with Server({}, lifetime=300) as srv:
    srv.copy(FEED, "feed.xml")
    srv.copy(HTML, "page.html")
    good = {"body_file": "feed.xml", "etag": "\"good\"",
            "headers": {"Content-Type": "application/rss+xml"}}

    def lst(path, *args, config=conf30, timeout=90):
        return run(home, ["-c", config, "--list", "--format", "tsv"] +
                   list(args) + [srv.url(path)], timeout=timeout)

    def requests(since):
        """The paths of the requests that came at or after since (a
        time.monotonic()), once the server has logged them: a handler
        logs after its reply, so wait for no new line for 0.3 s.  (A
        fault's handler may log seconds later, when it finds the client
        gone: arrival, not order in the log, tells them apart.)"""
        deadline = time.monotonic() + 10
        n, quiet = -1, time.monotonic()
        while time.monotonic() < deadline:
            m = len(srv.log())
            if m != n:
                n, quiet = m, time.monotonic()
            elif time.monotonic() - quiet >= 0.3:
                break
            time.sleep(0.02)
        return [e["path"] for e in sorted(srv.log(),
                                          key=lambda e: e["arrived"])
                if e["arrived"] >= since]

    def message(r, url, words):
        """The stderr line 'ifpnews: URL: ...' with words, or None."""
        for line in r.err.splitlines():
            if (line.startswith("ifpnews: %s: " % url) and
                    "cached copy" not in line and
                    all(w in line for w in words)):
                return line
        return None

    titles = []
    for name, fault, words, config, limit in FAULTS:
        path = "/" + name
        url = srv.url(path)
        routes = {path: good}
        srv.set_routes(routes)
        r0 = lst(path)
        titles = tsv_titles(r0.out)
        subprocess.run([HAMMER, "mark", home.state + "/ifpnews"] + READ,
                       check=True)
        if not t.ok(r0.rc == 0 and len(titles) == 12,
                    "%s: the good feed is fetched and cached first" % name,
                    r0):
            continue
        before = (snapshot(home.cache), snapshot(home.state))

        routes[path] = fault
        srv.set_routes(routes)
        r = lst(path, "-r", config=config, timeout=limit + 60)
        line = message(r, url, words)
        rc = 0 if name in DAMAGED else 1
        t.ok(r.rc == rc and line is not None and r.secs < limit,
             "%s: exit %d within %g s (%.2f s): %s" %
             (name, rc, limit, r.secs, line), r)
        if name in DAMAGED:
            t.ok(tsv_titles(r.out) == titles,
                 "%s: what could be read, with the cached posts: all %d"
                 % (name, len(titles)), r)
        else:
            t.ok(tsv_titles(r.out) == titles and
                 "showing the cached copy" in r.err,
                 "%s: the cached copy is listed, and said to be" % name, r)
        after = (snapshot(home.cache), snapshot(home.state))
        diff = changes(before[0], after[0]) + changes(before[1], after[1])
        t.ok(diff == [],
             "%s: the cache (%d files) and the state (%d) are untouched: "
             "bytes, mode, inode, mtime" %
             (name, sum(v[0] == "file" for v in before[0].values()),
              sum(v[0] == "file" for v in before[1].values())), diff)
        t.ok("root:" not in r.out + r.err,
             "%s: nothing of /etc/passwd is printed" % name)

        since = time.monotonic()
        r2 = lst(path, "--offline")
        paths = requests(since)
        t.ok(r2.rc == 0 and tsv_titles(r2.out) == titles and
             r2.err == "" and paths == [],
             "%s: --offline then lists the good copy, without a request"
             % name, (r2, paths))

    # A redirect whose body runs past its Content-Length: libcurl 7.88
    # reads no further than the length and keeps the connection, and the
    # request that follows the redirect on it reads the excess as its
    # reply.  It is started again on a fresh connection, once.
    srv.set_routes({"/excess": {"location": "/good", "body_file": "feed.xml",
                                "content_length": 100}, "/good": good})
    since = time.monotonic()
    r = lst("/excess")
    paths = requests(since)
    t.ok(r.rc == 0 and tsv_titles(r.out) == titles and r.err == "" and
         paths == ["/excess", "/excess", "/good"],
         "a redirect whose body runs past its Content-Length is followed, "
         "on a fresh connection (requests: %s)" % " ".join(paths),
         (r, paths))
    # A reply that is not HTTP at all, on a fresh connection: named as
    # such, and not asked again.
    srv.set_routes({"/raw": {"raw": "this is not HTTP\r\n\r\n"}})
    since = time.monotonic()
    r = lst("/raw")
    line = message(r, srv.url("/raw"), ["malformed HTTP response"])
    paths = requests(since)
    t.ok(r.rc == 1 and line is not None and r.out == "" and
         paths == ["/raw"],
         "a reply that is not HTTP: one request, 'malformed HTTP response' "
         "(%s)" % line, (r, paths))

    # The gzip bombs' memory, on the build without sanitizers, the child
    # alone.
    peak_file = os.path.join(home.root, "peak")
    if t.ok(os.access(PLAIN, os.X_OK) and os.access(TIME, os.X_OK),
            "the build without sanitizers and %s are there" % TIME):
        for name, fault, words, config, limit in FAULTS:
            if not name.startswith("gzip-bomb"):
                continue
            srv.set_routes({"/bomb": fault})
            r = run(home, ["-f", "%M", "-o", peak_file, PLAIN, "-c",
                           config, "--list", "-r", srv.url("/bomb")],
                    timeout=limit + 60, prog=TIME)
            with open(peak_file) as f:
                # GNU time writes "Command exited with ..." first when
                # not 0.
                kb = int(f.read().split()[-1])
            t.ok(r.rc == 1 and message(r, srv.url("/bomb"), words) and
                 kb < MEM_KB,
                 "%s (64 MiB decoded) stops at the cap in %.2f s with a peak "
                 "of %.1f MB, measured alone (limit %d MB)" %
                 (name, r.secs, kb / 1024.0, MEM_KB // 1024), r)

home.remove()
t.done()
