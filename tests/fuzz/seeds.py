#!/usr/bin/env python3
"""Write the seed corpora of the fuzz targets (tests/fuzz/corpus/NAME/).

    python3 tests/fuzz/seeds.py

Seeds come from the fixtures in tests/data (cut down to a few KB, so
that libFuzzer's input length stays small) plus a few hand-written
inputs for what the fixtures do not show.  Generated seeds are named
"seed-*"; inputs the fuzzers found (crashes, regressions) are added by
hand under other names and are never touched here.  The date and config
corpora are the date helper's and are left alone.
"""
import os
import re
import struct

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.dirname(os.path.dirname(HERE))
DATA = os.path.join(TOP, "tests", "data")
CORPUS = os.path.join(HERE, "corpus")


def read(*path):
    with open(os.path.join(DATA, *path), "rb") as f:
        return f.read()


def write(target, name, data):
    d = os.path.join(CORPUS, target)
    os.makedirs(d, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    with open(os.path.join(d, "seed-" + name), "wb") as f:
        f.write(data)


def clear(target):
    d = os.path.join(CORPUS, target)
    if os.path.isdir(d):
        for n in os.listdir(d):
            if n.startswith("seed-"):
                os.unlink(os.path.join(d, n))


IFP = read("feeds", "ifp-feed.xml")
ITEMS = [m.group(0) for m in re.finditer(rb"<item>.*?</item>", IFP, re.S)]
HEAD = IFP[:IFP.index(b"<item>")]
TAIL = b"</channel>\n</rss>\n"


def ifp_with(*numbers):
    """ifp-feed.xml with only the items numbered (from 1)."""
    return HEAD + b"".join(ITEMS[n - 1] for n in numbers) + TAIL


def feed_seeds():
    for name in ("atom-feed.xml", "rdf-feed.xml", "latin1-feed.xml",
                 "cp1252-as-latin1-feed.xml"):
        write("feed", name, read("feeds", name))
    for n in (1, 4, 8, 9, 10, 11, 12):
        write("feed", "ifp-item%d.xml" % n, ifp_with(n))
    for name in ("billion-laughs.xml", "empty-channel.xml",
                 "escape-injection-raw.xml", "escape-injection.xml",
                 "invalid-utf8.xml", "not-xml.html", "wrong-root.xml",
                 "xxe-dtd.xml", "xxe.xml"):
        write("feed", name, read("feeds", "hostile", name))
    write("feed", "truncated.xml", ifp_with(1, 4)[:4000])
    # Small versions of the big hostile files.
    write("feed", "quadratic.xml",
          '<?xml version="1.0"?>\n<!DOCTYPE rss [<!ENTITY a "%s">]>\n'
          '<rss version="2.0"><channel><title>q</title><item><title>t'
          '</title><description>%s</description></item></channel></rss>\n'
          % ("x" * 200, "&a;" * 100))
    write("feed", "deep-xml.xml",
          '<rss version="2.0"><channel><item><title>deep</title>%s%s'
          '</item></channel></rss>' % ("<x>" * 300, "</x>" * 300))
    write("feed", "huge-title.xml",
          '<rss version="2.0"><channel><item><title>%s</title></item>'
          '<item><title>normal</title></item></channel></rss>'
          % ("A very long title " * 200))
    # Encodings charset.c decodes: UTF-16 with a BOM, and by iconv.
    atom = read("feeds", "atom-feed.xml").decode("utf-8")
    write("feed", "atom-utf16.xml",
          b"\xff\xfe" + atom.replace('encoding="utf-8"', 'encoding="utf-16"')
          .replace('encoding="UTF-8"', 'encoding="UTF-16"')
          .encode("utf-16-le"))
    write("feed", "koi8r.xml",
          ('<?xml version="1.0" encoding="KOI8-R"?><rss version="2.0">'
           '<channel><title>Новости</title><item><title>Привет</title>'
           '</item></channel></rss>').encode("koi8-r"))


def html_seeds():
    d = os.path.join(DATA, "html")
    for name in sorted(os.listdir(d)):
        if name.endswith(".html"):
            write("html", name, read("html", name))
    write("html", "deep.html",
          "<p>Before</p>" + "<div>" * 400 + "deep" + "</div>" * 400 +
          "<p>After</p>")
    write("html", "controls.html",
          "<p>\x1b[2J&#27;]0;pwned\x07 &#x9b;31m &#155; \u202e"
          "abc\u2066</p><pre>\ttab\r\ncr\x08bs</pre>"
          "<a href='javascript:alert(1)'>js</a><a href=' /x\n'>x</a>"
          "<img alt='\x1b]52;c;AAAA\x07' src=x>")
    write("html", "table.html",
          "<table><caption>C</caption><thead><tr><th>a<th>b</thead>"
          "<tr><td>1<td>\u4e2d\u6587\u5b57<td>3</tr><tr><td colspan=3>"
          "wide cell with many words in it</tr></table>")


def article_seeds():
    for n in (1, 8, 9, 11, 12):
        item = ITEMS[n - 1].decode("utf-8")

        def tag(name):
            m = re.search(r"<%s>(.*?)</%s>" % (name, name), item, re.S)
            v = m.group(1) if m else ""
            return re.sub(r"^<!\[CDATA\[(.*)\]\]>$", r"\1", v, flags=re.S)
        cats = "\n".join(re.sub(r"<!\[CDATA\[(.*)\]\]>", r"\1", c)
                         for c in re.findall(r"<category>(.*?)</category>",
                                             item))
        fields = [tag("title"), tag("dc:creator"), tag("link"), cats,
                  tag("description"), tag("content:encoded"), "",
                  tag("pubDate")]
        write("article", "ifp-item%d" % n, "\0".join(fields))
    write("article", "hostile",
          "\0".join(["\x1b]0;title\x07 \u202eevil", "a\nb\tc",
                     " https://x.example/p ", "Cat\u2028one\n\n  \nTwo",
                     "summary \x9b2J", "", "", "not a date"]))
    write("article", "summary-only",
          "\0".join(["T", "", "", "", "Only a summary.", "", "",
                     "2024-11-30T11:48:27Z"]))
    write("article", "footer",
          "\0".join(["T", "A", "https://x.example/p", "C", "",
                     "<p>Body <a href='/a'>a</a></p><p>The post "
                     "<a href='https://x.example/p'>T</a> appeared first "
                     "on <a href='https://x.example/'>X</a>.</p>",
                     "https://x.example/", "Sat, 30 Nov 2024 11:48:27 +0000"]))


def extract_seeds():
    for name in ("amp.html", "html5-news.html", "nested-divs.html",
                 "wp-twentytwentyone.html", "big-sidebar.html"):
        write("extract", name, read("pages", name))
    write("extract", "scripts.html",
          "<html><head><title>T</title><script>MUST NOT SHOW</script>"
          "</head><body><div class=entry-content><p>One, two, three, "
          "and a paragraph long enough to be taken as the article text "
          "by the scorer.</p><style>p{}</style><noscript>NO</noscript>"
          "<iframe src=x></iframe></div></body></html>")


def utf8_seeds():
    write("utf8", "invalid", read("feeds", "hostile", "invalid-utf8.xml"))
    write("utf8", "controls",
          b"a\x1b[31mred\x1b[0m\x07\x08\x7f\xc2\x9b2J\xc2\x85\r\n\tz")
    write("utf8", "bidi", "x\u202eabc\u202c\u2066d\u2069\u200b\u00ad\u2028e")
    write("utf8", "wide", "\u4e2d\u6587 \u0301e\u0301 \U0001f600 \ufeff"
          "\u0627\u0644\u0639\u0631\u0628\u064a\u0629")
    write("utf8", "cuts", b"\xe2\x82 \xf0\x9f\x98 \xed\xa0\x80 \xf4\x90\x80"
          b"\x80 \xc0\xaf \xef\xbf\xbd")


def text_seeds():
    write("text", "entities",
          "Tehran &#038; Moscow hail &#8220;North&#8211;South&#8221; "
          "&amp;#27; &notit; &not &#x9b; &#0; &#xD800; &#1114112; &nbsp;"
          "&NotNestedGreaterGreater; &amp")
    write("text", "markup",
          "<p>One<br>two</p><script>x<y</script><style>z</style>"
          "<!-- c --><b class=\"a>b\">bold</b> <![CDATA[x]]> <?pi?> "
          "\t\n\r\f end")
    write("text", "summary", read("feeds", "hostile",
                                  "escape-injection.xml")[:1500])


def uri_seeds():
    base = "http://a/b/c/d;p?q"
    for i, ref in enumerate(("g:h", "g", "./g", "g/", "/g", "//g", "?y", "g?y", "#s",
                "g#s", "g?y#s", ";x", "g;x", "", ".", "./", "..", "../",
                "../g", "../..", "../../g", "../../../g", "/./g", "/../g",
                "g.", ".g", "g..", "..g", "./../g", "./g/.", "g/./h",
                "g/../h", "g;x=1/./y", "g;x=1/../y")):
        # RFC 3986 5.4's examples, in order.
        write("uri", "rfc3986-%02d" % i, base + "\0" + ref)
    write("uri", "clean", " \t HTTPS://Example.COM/a/../b\n/c?x#y \x01")
    write("uri", "javascript", "https://x.example/\0 JavaScript:alert(1)")
    write("uri", "file", "file:///etc/passwd")
    write("uri", "userinfo", "http://user@:80/")
    write("uri", "nobase", "\0../../a/./b")


def output_seeds():
    write("output", "plain",
          "\0".join(["IFP News", "https://ifpnews.com", "desc",
                     "https://ifpnews.com/feed/",
                     "id1", "Title one", "https://ifpnews.com/1/", "Reza",
                     "Summary", "<p>Body</p>", "Economy & Trade\nPolitics",
                     "id2", "Title two", "https://ifpnews.com/2/", "", "",
                     "", ""]))
    write("output", "hostile",
          "\0".join(["\x1b]0;t\x07", "\u202e", "a\"b\\c", "\t",
                     "\x1b[2J", "\x9b31m", "\xc2", "\x7f\r\n",
                     "s \u2028 \u2029", "<p>\n\t</p>", "c\x00"]).encode(
                         "utf-8", "surrogateescape"))


def varint(v):
    out = bytearray()
    while True:
        b = v & 0x7F
        v >>= 7
        if v:
            out.append(b | 0x80)
        else:
            out.append(b)
            return bytes(out)


def zigzag(v):
    return varint(((v << 1) ^ (v >> 63)) & ((1 << 64) - 1))


def s(v):
    if v is None:
        return varint(0)
    b = v.encode("utf-8")
    return varint(len(b) + 1) + b


M64 = (1 << 64) - 1
P1, P2, P3 = 0x9E3779B185EBCA87, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9
P4, P5 = 0x85EBCA77C2B2AE63, 0x27D4EB2F165667C5


def rotl(x, r):
    return ((x << r) | (x >> (64 - r))) & M64


def lane(acc, v):
    return rotl((acc + v * P2) & M64, 31) * P1 & M64


def cache_hash(data):
    """cache_rec.c's cache_hash (xxHash64, seed 0)."""
    n, p = len(data), 0

    def u64(i):
        return struct.unpack_from("<Q", data, i)[0]
    if n >= 32:
        v = [(P1 + P2) & M64, P2, 0, (-P1) & M64]
        while n - p >= 32:
            v = [lane(v[k], u64(p + 8 * k)) for k in range(4)]
            p += 32
        h = (rotl(v[0], 1) + rotl(v[1], 7) + rotl(v[2], 12) +
             rotl(v[3], 18)) & M64
        for x in v:
            h = ((h ^ lane(0, x)) * P1 + P4) & M64
    else:
        h = P5
    h = (h + n) & M64
    while n - p >= 8:
        h = (rotl(h ^ lane(0, u64(p)), 27) * P1 + P4) & M64
        p += 8
    if n - p >= 4:
        w = struct.unpack_from("<I", data, p)[0]
        h = (rotl(h ^ (w * P1 & M64), 23) * P2 + P3) & M64
        p += 4
    while p < n:
        h = rotl(h ^ (data[p] * P5 & M64), 11) * P1 & M64
        p += 1
    h ^= h >> 33
    h = h * P2 & M64
    h ^= h >> 29
    h = h * P3 & M64
    h ^= h >> 32
    return h


def record_file(magic, version, sec0, sec1=b""):
    """A record file: the 56-byte header (cache_rec.c), then sections."""
    head = magic + struct.pack("<IIQQQQ", version, 0, len(sec0),
                               cache_hash(sec0), len(sec1), cache_hash(sec1))
    return head + struct.pack("<Q", cache_hash(head)) + sec0 + sec1


def feed_index(nitems, bodies, raw_len):
    """A feed entry's index (section 1 of its file, cache_feed.c):
    bodies[i] is (offset, bytes) of post i's body in section 0."""
    out = s("https://ifpnews.com/feed/") + s('"etag"') + \
        s("Sat, 30 Nov 2024 11:48:27 GMT") + s("application/rss+xml") + \
        zigzag(1732975200) + varint(raw_len) + varint(1) + s("IFP News") + \
        s("https://ifpnews.com") + s("desc") + s("https://ifpnews.com/feed/")
    out += varint(nitems)
    for i in range(nitems):
        out += s("id%d" % i) + s("Title %d" % i) + \
            s("https://ifpnews.com/%d/" % i) + s("Reza") + \
            zigzag(1732966107 - i * 60) + zigzag(-1 if i % 2 else 0)
        out += varint(2) + s("Economy") + s("Trade") + s("summary")
        off, data = bodies[i]
        out += varint(len(data) + 1) + varint(off) + varint(cache_hash(data))
        out += s(None) + s("https://ifpnews.com/%d/#comments" % i)
        out += varint(1) + s("https://ifpnews.com/%d.jpg" % i) + \
            s("image/jpeg") + zigzag(48213)
        out += zigzag(1732900000) + zigzag(1732975200) + varint(i % 2)
    return out


def feed_file(nitems):
    """A whole feed file: section 0 the raw body then each post's body,
    section 1 the index."""
    raw = b"<rss/>"
    sec0, bodies = raw, []
    for i in range(nitems):
        body = b"<p>body %d</p>" % i
        bodies.append((len(sec0), body))
        sec0 += body
    return sec0, feed_index(nitems, bodies, len(raw))


def minimal_index():
    """One post whose every field is empty: the smallest item (15 bytes)
    must decode (cut short by the index's length, never by the count)."""
    return s("u") + s(None) * 3 + zigzag(0) + varint(0) + varint(0) + \
        s(None) * 4 + varint(1) + s(None) * 4 + zigzag(0) * 2 + \
        varint(0) + s(None) + varint(0) + s(None) * 2 + varint(0) + \
        zigzag(0) * 2 + varint(0)


def state_marks(ids):
    out = varint(len(ids))
    for i in ids:
        out += s(i) + zigzag(1732975200)
    return out


def cache_seeds():
    _, index = feed_file(0)
    write("cache", "index0", index)
    _, index = feed_file(3)
    write("cache", "index3", index)
    write("cache", "index-truncated", index[:-7])
    write("cache", "minimal-item", minimal_index())
    write("cache", "state", state_marks(["id1", "id2", "https://x/3"]))
    write("cache", "empty", b"")
    sec0, index = feed_file(2)
    write("cache", "file", record_file(b"IFPNfeed", 2, sec0, index))
    write("cache", "file-version1", record_file(b"IFPNfeed", 1, sec0, index))


def main():
    for t, fn in (("feed", feed_seeds), ("html", html_seeds),
                  ("article", article_seeds), ("extract", extract_seeds),
                  ("utf8", utf8_seeds), ("text", text_seeds),
                  ("uri", uri_seeds), ("output", output_seeds),
                  ("cache", cache_seeds)):
        clear(t)
        fn()


if __name__ == "__main__":
    main()
