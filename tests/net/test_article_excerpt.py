#!/usr/bin/env python3
"""--article N when the feed carries only an excerpt: the post's page is
fetched (the loopback server, host rewritten), its article extracted,
cached and printed in place of the excerpt; offline it comes from the
cache.  A post with its full text in the feed fetches nothing, and a
post whose page fails keeps its description and says why.
"""
import os

from articlelib import body, paragraphs
from netlib import DATA, Home, Server, Tap, run, tsv_rows

EXCERPT_FEED = os.path.join(DATA, "pages", "ifp-feed-excerpt.xml")
FULL_FEED = os.path.join(DATA, "feeds", "ifp-feed.xml")
PAGE = os.path.join(DATA, "pages", "ifp-article.html")
EXPECTED = os.path.join(DATA, "pages", "ifp-article.expected.txt")
SEED = "/iran-russia-fms-syria-fighting-terrorists/"
BUDGET = "/parliament-approves-general-outlines-budget-bill/"


def number_of(home, url, path):
    """The post number --list gives the post whose link ends in path."""
    r = run(home, ["--list", "--format", "tsv", url])
    for row in tsv_rows(r.out):
        if len(row) >= 4 and row[3].endswith(path):
            return row[0]
    raise RuntimeError("no post %s in %s:\n%s" % (path, url, r))


with open(EXPECTED, encoding="utf-8") as f:
    want = paragraphs(f.read())

t = Tap()
home = Home()
with Server({}) as srv:
    excerpt = srv.copy(EXCERPT_FEED, "excerpt.xml")
    full = srv.copy(FULL_FEED, "full.xml")
    page = srv.copy(PAGE, "page.html")
    html = {"Content-Type": "text/html; charset=UTF-8"}
    srv.set_routes({
        "/feed": {"body_file": excerpt, "rewrite_host": True},
        "/full": {"body_file": full, "rewrite_host": True},
        SEED: {"body_file": page, "rewrite_host": True, "headers": html},
    })
    feed = srv.url("/feed")
    n = number_of(home, feed, SEED)

    srv.clear_log()
    r = run(home, ["--article", n, "--width", "1000", feed])
    t.ok(r.rc == 0 and r.err == "", "--article N of an excerpt feed", r)
    t.ok(paragraphs(body(r.out)) == want,
         "prints the page's full text, paragraph for paragraph",
         body(r.out))
    t.ok(r.out.split("\n")[1] == "IFP Editorial Staff \u00b7 "
         "Nov 30, 2024 11:48 UTC \u00b7 IFP Exclusive, Foreign Policy",
         "the header is the feed item's, categories included",
         r.out[:400])
    t.ok("[\u2026]" not in r.out and "appeared first on" not in r.out,
         "the excerpt is gone", r.out)
    paths = [e["path"] for e in srv.log()]
    t.ok(paths.count(SEED) == 1, "the page was fetched once", paths)

    srv.clear_log()
    r2 = run(home, ["--article", n, "--width", "1000", "--offline", feed])
    t.ok(r2.rc == 0 and r2.out == r.out and srv.log() == [],
         "offline, the cached feed and page give the same article", r2)

    # A post whose full text is in the feed: no page is fetched.
    full_url = srv.url("/full")
    n4 = number_of(home, full_url, SEED)
    srv.clear_log()
    r = run(home, ["--article", n4, "--width", "1000", full_url])
    t.ok(r.rc == 0 and paragraphs(body(r.out)) == want and
         SEED not in [e["path"] for e in srv.log()],
         "a post with its full text fetches no page", (r, srv.log()))

    # Item 10 has only a description, and its page is a 404.
    n10 = number_of(home, full_url, BUDGET)
    r = run(home, ["--article", n10, "--width", "1000", full_url])
    t.ok(r.rc == 1, "a failed page exits 1", r)
    t.ok("Iranian lawmakers have approved the general outlines of the "
         "budget bill" in r.out,
         "the description still shows", r.out)
    t.ok(r.err == "ifpnews: %s: HTTP 404 Not Found\n" % srv.url(BUDGET),
         "the error names the page and the reason", r.err)
    r = run(home, ["--article", n10, "--width", "1000", "--offline",
                   full_url])
    t.ok(r.rc == 1 and "budget bill" in r.out and
         "not in the cache" in r.err,
         "offline: the description, and why there is no more", r)

home.remove()
t.done()
