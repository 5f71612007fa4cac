#!/usr/bin/env python3
"""--article URL|FILE: the article of a web page, served by the loopback
server (ifp-article.html with its host rewritten), extracted, rendered and
printed; kept in the page cache and read from there offline; and the
failures a user meets (404, not HTML, no article, a missing file), each
with its message and exit status.
"""
import os

from articlelib import body, paragraphs
from netlib import DATA, Home, Server, Tap, run

PAGE = os.path.join(DATA, "pages", "ifp-article.html")
EXPECTED = os.path.join(DATA, "pages", "ifp-article.expected.txt")
PATH = "/iran-russia-fms-syria-fighting-terrorists/"


with open(EXPECTED, encoding="utf-8") as f:
    want = paragraphs(f.read())

t = Tap()
home = Home()
with Server({}) as srv:
    page = srv.copy(PAGE, "page.html")
    srv.set_routes({
        PATH: {"body_file": page, "rewrite_host": True,
               "headers": {"Content-Type": "text/html; charset=UTF-8"}},
        "/pdf": {"body": "%PDF-1.4", "headers":
                 {"Content-Type": "application/pdf"}},
        "/empty-page": {"body": "<html><body><nav>Home</nav></body></html>",
                        "headers": {"Content-Type": "text/html"}},
    })
    url = srv.url(PATH)

    r = run(home, ["--article", url, "--width", "1000"])
    t.ok(r.rc == 0 and r.err == "", "prints the article of a page", r)
    lines = r.out.split("\n")
    t.ok(lines[:3] == [
        "Iran, Russia FMs voice support for Syria in fighting terrorists",
        "IFP Editorial Staff \u00b7 Nov 30, 2024 11:48 UTC", url],
        "the header is the page's title, byline, date and URL",
        "\n".join(lines[:4]))
    t.ok(paragraphs(body(r.out)) == want,
         "the body is ifp-article.expected.txt paragraph for paragraph",
         body(r.out))
    t.ok("MUST NOT SHOW" not in r.out and "Recent Posts" not in r.out,
         "nothing of the sidebar, scripts or JSON-LD shows", r.out)
    asked = [e for e in srv.log() if e["path"] == PATH]
    t.ok(len(asked) == 1 and "text/html" in
         asked[0]["headers"].get("accept", ""),
         "one request, asking for HTML", asked)

    srv.clear_log()
    r2 = run(home, ["--article", url, "--width", "1000", "--offline"])
    t.ok(r2.rc == 0 and r2.out == r.out and srv.log() == [],
         "offline, the cached article prints the same, with no request",
         r2)
    r3 = run(home, ["--article", url, "--width", "1000"])
    t.ok(r3.rc == 0 and r3.out == r.out and srv.log() == [],
         "a cached article is not fetched again", r3)
    r4 = run(home, ["--article", url, "--width", "1000", "--refresh"])
    t.ok(r4.rc == 0 and r4.out == r.out and len(srv.log()) == 1,
         "--refresh fetches it again", r4)

    r = run(home, ["--article", url, "--width", "40"])
    t.ok(r.rc == 0 and max(len(l) for l in r.out.split("\n")) <= 40,
         "--width wraps it", r)

    missing = srv.url("/no-such-post/")
    r = run(home, ["--article", missing])
    t.ok(r.rc == 1 and r.out == "" and
         r.err == "ifpnews: %s: HTTP 404 Not Found\n" % missing,
         "a 404 says so and exits 1", r)
    r = run(home, ["--article", srv.url("/pdf")])
    t.ok(r.rc == 1 and "not an HTML page: application/pdf" in r.err,
         "a PDF is not taken for a page", r)
    r = run(home, ["--article", srv.url("/empty-page")])
    t.ok(r.rc == 1 and "no article text found" in r.err,
         "a page without an article says so", r)
    r = run(home, ["--article", srv.url("/never-fetched/"), "--offline"])
    t.ok(r.rc == 1 and "not in the cache" in r.err and
         srv.log()[-1]["path"] != "/never-fetched/",
         "offline, an uncached page is an error without a request", r)

# A local file: the same article, no network, nothing cached.
home2 = Home()
r = run(home2, ["--article", PAGE, "--width", "1000"])
t.ok(r.rc == 0 and paragraphs(body(r.out)) == want,
     "a saved page gives the same article", r)
t.ok(r.out.split("\n")[2] ==
     "https://ifpnews.com/iran-russia-fms-syria-fighting-terrorists/",
     "a saved page links to its canonical URL", r.out[:300])
t.ok(home2.files("cache") == {}, "a file is not cached",
     list(home2.files("cache")))
r = run(home2, ["--article", "file://" + PAGE, "--width", "1000"])
t.ok(r.rc == 0 and paragraphs(body(r.out)) == want,
     "a file:// URL works as well", r)
r = run(home2, ["--article", "/nonexistent/page.html"])
t.ok(r.rc == 1 and r.err.startswith("ifpnews: /nonexistent/page.html: "),
     "a missing file says so and exits 1", r)

home.remove()
home2.remove()
t.done()
