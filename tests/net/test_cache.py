#!/usr/bin/env python3
"""The cache and conditional refresh, as a user sees them through
`ifpnews --list`: ETag and Last-Modified revalidation (one request, 304,
no body), a fresh cache used without the network, a changed feed merged
with the posts that left it, read marks untouched, the server down,
--offline with and without a cache, corrupt cache files, file modes.
"""
import os
import re
import subprocess

from netlib import DATA, IFPNEWS, Home, Server, Tap, run, tsv_titles

FEED = os.path.join(DATA, "feeds", "ifp-feed.xml")
HAMMER = os.path.join(os.path.dirname(IFPNEWS), "tests", "hammer")
LATER = "2024-11-30T15:00:00Z"  # an hour on: the cached copy is stale
WEEKS = "2024-12-15T15:00:00Z"  # past keep-days (14) for what left

t = Tap()


def items(xml):
    return re.findall(r"<item>.*?</item>", xml, re.S)


def changed(xml):
    """The feed an hour later: a new post on top, the oldest one gone."""
    its = items(xml)
    new = its[0].replace("?p=1258941", "?p=1259000")
    new = re.sub(r"<title>.*?</title>", "<title>A new post at 14:30</title>",
                 new, count=1, flags=re.S)
    new = re.sub(r"<pubDate>.*?</pubDate>",
                 "<pubDate>Sat, 30 Nov 2024 14:30:00 +0000</pubDate>", new)
    head = xml[:xml.index(its[0])]
    tail = xml[xml.index(its[-1]) + len(its[-1]):]
    return head + new + "\n\t" + "\n\t".join(its[:-1]) + tail


with open(FEED, encoding="utf-8") as f:
    xml = f.read()
old_titles = None

home = Home()
with Server({}) as srv:
    with open(os.path.join(srv.dir, "v1.xml"), "w") as f:
        f.write(xml)
    with open(os.path.join(srv.dir, "v2.xml"), "w") as f:
        f.write(changed(xml))
    srv.set_routes({
        "/feed": {"body_file": "v1.xml", "etag": "\"v1\"", "gzip": True},
        "/lm": {"body_file": "v1.xml",
                "last_modified": "Sat, 30 Nov 2024 13:06:00 GMT"},
        "/html": {"body": "<html><body>Just a moment...</body></html>",
                  "headers": {"Content-Type": "text/html"}},
    })
    url = srv.url("/feed")

    def lst(*args, env=None):
        return run(home, ["--list", "--format", "tsv"] + list(args),
                   env=env)

    # First start: one full request.
    srv.clear_log()
    r = lst(url)
    log = srv.log()
    old_titles = tsv_titles(r.out)
    t.ok(r.rc == 0 and len(old_titles) == 12 and len(log) == 1 and
         log[0]["status"] == 200, "first start: one request, 200, 12 posts",
         (r, log))

    # Within the refresh interval: no request at all.
    srv.clear_log()
    r = lst(url)
    t.ok(r.rc == 0 and tsv_titles(r.out) == old_titles and srv.log() == [],
         "a fresh cache is used without any request", (r, srv.log()))

    # -r: one conditional request, answered 304 with no body.
    srv.clear_log()
    r = lst("-r", url)
    log = srv.log()
    t.ok(r.rc == 0 and tsv_titles(r.out) == old_titles,
         "-r with an unchanged feed lists the same posts", r)
    t.ok(len(log) == 1 and log[0]["status"] == 304 and
         log[0]["body_bytes"] == 0 and
         log[0]["headers"].get("if-none-match") == "\"v1\"",
         "unchanged feed: exactly 1 request, If-None-Match \"v1\", 304, "
         "0 body bytes (%d request(s), %s body bytes, %s bytes in all)" %
         (len(log), log[0]["body_bytes"] if log else "-",
          log[0]["wire_bytes"] if log else "-"), log)

    # An hour later the copy is stale: revalidated by itself.
    srv.clear_log()
    r = lst(url, env={"IFPNEWS_NOW": LATER})
    log = srv.log()
    t.ok(r.rc == 0 and len(log) == 1 and log[0]["status"] == 304,
         "a stale cache is revalidated without -r (one 304)", (r, log))

    # Last-Modified only: If-Modified-Since.
    lst(srv.url("/lm"))
    srv.clear_log()
    r = lst("-r", srv.url("/lm"))
    log = srv.log()
    t.ok(r.rc == 0 and len(log) == 1 and log[0]["status"] == 304 and
         log[0]["headers"].get("if-modified-since") ==
         "Sat, 30 Nov 2024 13:06:00 GMT",
         "Last-Modified is sent back as If-Modified-Since: 304", log)

    # Read marks live apart from the cache.
    ids = ["https://ifpnews.com/?p=1258941", "https://ifpnews.com/?p=1258936"]
    subprocess.run([HAMMER, "mark", home.state + "/ifpnews"] + ids,
                   check=True)

    # The feed changes: new post on top, the oldest one left the feed.
    srv.set_routes({
        "/feed": {"body_file": "v2.xml", "etag": "\"v2\"", "gzip": True},
    })
    srv.clear_log()
    r = lst("-r", url, env={"IFPNEWS_NOW": LATER})
    log = srv.log()
    titles = tsv_titles(r.out)
    t.ok(r.rc == 0 and len(log) == 1 and log[0]["status"] == 200 and
         log[0]["headers"].get("if-none-match") == "\"v1\"",
         "a changed feed: the conditional request gets a 200", (r, log))
    t.ok("A new post at 14:30" in titles and titles[0] ==
         "A new post at 14:30", "the new post is listed first", titles)
    t.ok(old_titles[-1] in titles and len(titles) == 13,
         "the post that left the feed is still listed (keep-days): 13 "
         "posts", titles)
    c = subprocess.run([HAMMER, "isread", home.state + "/ifpnews"] + ids,
                       capture_output=True, text=True)
    t.ok(c.stdout == "".join("%s read\n" % i for i in ids),
         "read marks are kept across the refresh", c.stdout)
    # Fifteen days on, the post that left is dropped.
    r = lst("-r", url, env={"IFPNEWS_NOW": WEEKS})
    titles = tsv_titles(r.out)
    t.ok(r.rc == 0 and old_titles[-1] not in titles and len(titles) == 12,
         "after keep-days (14) the post that left the feed is gone", titles)

    # Not a feed: the cached copy stays as it was, and is shown.
    before = home.files("cache")
    srv.set_routes({"/feed": {"body": "<html><body>Just a moment..."
                              "</body></html>",
                              "headers": {"Content-Type": "text/html"}}})
    r = lst("-r", url, env={"IFPNEWS_NOW": WEEKS})
    t.ok(r.rc == 1 and "not a feed" in r.err and url in r.err and
         len(tsv_titles(r.out)) == 12 and home.files("cache") == before,
         "an HTML page instead of the feed: error, cached copy shown, "
         "cache untouched", r)

    # --offline: the cache, and never a request.
    srv.clear_log()
    r = lst("--offline", url, env={"IFPNEWS_NOW": WEEKS})
    t.ok(r.rc == 0 and len(tsv_titles(r.out)) == 12 and srv.log() == [],
         "--offline lists the cached copy without a request", r)
    r = lst("--offline", srv.url("/never-fetched"))
    t.ok(r.rc == 1 and r.out == "" and
         srv.url("/never-fetched") in r.err and "not in the cache" in r.err
         and "--offline" in r.err and srv.log() == [],
         "--offline without a cache: a clear message, exit 1", r)

    # Four instances refreshing the same feed at once: the cache stays
    # whole (each write is locked and atomic).
    srv.set_routes({"/feed": {"body_file": "v2.xml", "etag": "\"v3\"",
                              "gzip": True, "delay": 0.1}})
    procs = [subprocess.Popen([IFPNEWS, "--list", "-r", url],
                              stdout=subprocess.DEVNULL,
                              stderr=subprocess.PIPE, env=home.env(
                                  {"IFPNEWS_NOW": WEEKS}))
             for _ in range(4)]
    errs = [p.communicate()[1] for p in procs]
    r = lst("--offline", url, env={"IFPNEWS_NOW": WEEKS})
    t.ok(all(p.returncode == 0 for p in procs) and not any(errs) and
         r.rc == 0 and r.err == "" and len(tsv_titles(r.out)) == 12,
         "four instances refreshing at once leave a whole cache", (errs, r))

    # Modes.
    feeds = os.path.join(home.cache, "ifpnews", "feeds")
    modes = set(os.stat(os.path.join(feeds, n)).st_mode & 0o777
                for n in os.listdir(feeds))
    dmodes = set(os.stat(d).st_mode & 0o777 for d in
                 (home.cache + "/ifpnews", feeds))
    t.ok(modes == {0o600} and dmodes == {0o700},
         "cache files are 0600 and directories 0700", (modes, dmodes))

# The server is gone: the cached list and the error.
r = lst("-r", url, env={"IFPNEWS_NOW": WEEKS})
t.ok(r.rc == 1 and len(tsv_titles(r.out)) == 12 and
     "ifpnews: %s: connection refused" % url in r.err and
     "cached copy" in r.err,
     "server down: the cached posts are listed, the error names the URL "
     "and 'connection refused'", r)

# Corrupt cache files: reported once, moved aside, the program goes on.
feeds = os.path.join(home.cache, "ifpnews", "feeds")



def holds_url(name):
    with open(os.path.join(feeds, name), "rb") as f:
        return url.encode() in f.read()


entry = [n for n in os.listdir(feeds) if "." not in n and holds_url(n)][0]
path = os.path.join(feeds, entry)
with open(path, "rb") as f:
    good = f.read()


def corrupt(name, make):
    for n in os.listdir(feeds):
        if n.endswith(".corrupt"):
            p = os.path.join(feeds, n)
            (os.rmdir if os.path.isdir(p) else os.unlink)(p)
    if os.path.isdir(path):
        os.rmdir(path)
    make()
    r1 = lst("--offline", url)
    r2 = lst("--offline", url)
    aside = os.path.exists(path + ".corrupt")
    t.ok(r1.rc == 1 and "moved aside" in r1.err and url in r1.err and
         r1.out == "" and aside and "moved aside" not in r2.err and
         "not in the cache" in r2.err,
         "a %s cache file is reported once, moved aside, then a cache "
         "miss" % name, (r1, r2))
    if os.path.isdir(path):
        os.rmdir(path)
    with open(path, "wb") as f:
        f.write(good)


def w(data):
    def f():
        with open(path, "wb") as fh:
            fh.write(data)
    return f


corrupt("truncated", w(good[:len(good) // 2]))
corrupt("empty", w(b""))
corrupt("random-bytes", w(os.urandom(4096)))
# The header (56 bytes) gives the sections: 0, the raw body and the posts'
# bodies; 1, the index that a start reads.
len0 = int.from_bytes(good[16:24], "little")
len1 = int.from_bytes(good[32:40], "little")
t.ok(56 + len0 + len1 == len(good) and url.encode() in good[56 + len0:],
     "a feed's cache file: header, bodies, then the index with the URL")
flip = bytearray(good)
flip[56 + len0 + len1 // 2] ^= 1
corrupt("bit-flipped", w(bytes(flip)))
corrupt("directory-in-place", lambda: (os.unlink(path), os.mkdir(path)))

# A damaged post body: the list (which reads no body) is unaffected; the
# post's article finds the damage, reports it and moves the file aside.
flip = bytearray(good)
flip[56 + len0 - 20] ^= 1
with open(path, "wb") as f:
    f.write(bytes(flip))
r1 = lst("--offline", url)
r2 = run(home, ["--offline", "--article", "1", "--width", "60", url])
r3 = lst("--offline", url)
t.ok(r1.rc == 0 and len(tsv_titles(r1.out)) == 12 and
     r2.rc == 1 and "moved aside" in r2.err and "checksum" in r2.err and
     os.path.exists(path + ".corrupt") and r3.rc == 1 and
     "not in the cache" in r3.err,
     "a damaged post body: the list is read, the article reports it once "
     "and the file is moved aside", (r1, r2, r3))

home.remove()
t.done()
