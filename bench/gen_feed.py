#!/usr/bin/env python3
"""Deterministic WordPress-shaped RSS 2.0 feeds and articles for make bench.

    gen_feed.py N                  RSS 2.0 feed with N items on stdout
    gen_feed.py --article I [--min-bytes B]
                                   item I's content:encoded as an HTML page,
                                   its paragraphs repeated until >= B bytes
    gen_feed.py --article-feed I [--min-bytes B]
                                   a one-item feed carrying that same article

Item I is the same whatever N is (the 100-item feed is a prefix of the
2,000-item one), items are newest first, and the output depends on nothing
but the arguments (no clock, no unseeded randomness): a post is ~3.3 KB,
~2.4 KB of it content:encoded HTML, with Persian names, typographic
entities, figures, lists and quotes, as ifpnews.com's feed has.  bench.py
imports it for title() (what the first screen must show).  Standard
library only.
"""
import html
import random
import sys
import time

SITE = "https://ifpnews.com"
BASE_TIME = 1732971960          # Sat, 30 Nov 2024 13:06:00 +0000
STEP = 7 * 60                   # seven minutes between posts

AUTHORS = ["IFP Editorial Staff", "IFP Media Wire", "Mohammad Hosseini",
           "Sara Ahmadi", "Reza Karimi", "Leila Tehrani"]
CATEGORIES = ["Politics", "World", "Middle East", "Economy", "Foreign Policy",
              "Europe", "Society", "Culture", "Sport", "Science",
              "Nuclear", "Energy", "Security", "Iran"]
SUBJECTS = ["Iran", "Tehran", "the foreign ministry", "the parliament",
            "Oman", "Qatar", "the IAEA", "the European Union", "Russia",
            "China", "Iraq", "Syria", "Lebanon", "Turkey", "Pakistan"]
PEOPLE = ["Abbas Araghchi (عباس عراقچی)", "Masoud Pezeshkian (مسعود پزشکیان)",
          "Mohammad Bagher Ghalibaf", "Esmaeil Baghaei (اسماعیل بقائی)",
          "Rafael Grossi", "Kaja Kallas", "Sergei Lavrov", "Hakan Fidan",
          "Ali Larijani", "Mohammad Javad Zarif (محمدجواد ظریف)"]
VERBS = ["says", "warns", "rejects", "welcomes", "condemns", "calls for",
         "signs", "discusses", "announces", "denies", "urges", "hails"]
OBJECTS = ["new sanctions", "talks on the nuclear deal", "regional security",
           "a trade agreement", "the ceasefire proposal", "energy exports",
           "cooperation on transit corridors", "the UN resolution",
           "prisoner exchange", "water management plan", "oil output cut",
           "visa-free travel", "rail link project", "currency reform"]
WORDS = ("government official minister talks meeting statement region border "
         "agreement cooperation economy market energy oil gas exports "
         "sanctions security council resolution delegation visit capital "
         "negotiations framework commitment parliament vote budget province "
         "infrastructure investment currency inflation report analysts week "
         "spokesman press conference sources development project officials "
         "neighbours dialogue diplomacy pressure ministry committee").split()


def rfc822(t):
    """RFC 822 date in English whatever the locale."""
    g = time.gmtime(t)
    return "%s, %02d %s %d %02d:%02d:%02d +0000" % (
        "Mon Tue Wed Thu Fri Sat Sun".split()[g.tm_wday], g.tm_mday,
        "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()[g.tm_mon - 1],
        g.tm_year, g.tm_hour, g.tm_min, g.tm_sec)


def sentence(r, n=None):
    n = n or r.randint(7, 12)
    w = [r.choice(WORDS) for _ in range(n)]
    if r.random() < 0.5:
        w.insert(r.randrange(len(w)), r.choice(PEOPLE))
    if r.random() < 0.4:
        w.insert(r.randrange(len(w)), "&#8220;" + r.choice(OBJECTS) + "&#8221;")
    s = " ".join(w)
    return s[0].upper() + s[1:] + r.choice([".", ".", ".", "&#8230;", "?"])


def para(r, k=None):
    return " ".join(sentence(r) for _ in range(k or r.randint(2, 3)))


def item_fields(i):
    """Everything about item i (0 = newest), deterministic in i alone."""
    r = random.Random(1000003 * (i + 1))
    subj, who = r.choice(SUBJECTS), r.choice(PEOPLE).split(" (")[0]
    title = "%s&#8217;s %s %s %s" % (subj[0].upper() + subj[1:], who,
                                    r.choice(VERBS), r.choice(OBJECTS))
    slug = "-".join(title.replace("&#8217;", "").lower().split()[:9])
    slug = "".join(c for c in slug if c.isalnum() or c == "-") + "-%d" % i
    link = "%s/%s/" % (SITE, slug)
    pid = 1258941 - i * 5
    cats = r.sample(CATEGORIES, r.randint(1, 3))
    author = r.choice(AUTHORS)
    lead = para(r, 2)
    body = build_body(r, title, link, lead)
    return dict(title=title, link=link, pid=pid, cats=cats, author=author,
                lead=lead, body=body, time=BASE_TIME - i * STEP)


def title(i):
    """Item i's title as a reader shows it (entities decoded)."""
    return html.unescape(item_fields(i)["title"])


def build_body(r, title, link, lead):
    img = "%s/wp-content/uploads/2024/11/photo-%d.jpg" % (SITE, r.randint(1000, 9999))
    ref = "%s/%s/" % (SITE, "-".join(r.choice(WORDS) for _ in range(5)))
    out = [
        "<p>%s</p>" % lead,
        '<figure class="wp-block-image size-large"><img decoding="async" '
        'width="1024" height="576" src="%s" alt="%s" class="wp-image-%d" />'
        "<figcaption>%s</figcaption></figure>"
        % (img, r.choice(OBJECTS), r.randint(10000, 99999), sentence(r, 8)),
        "<p>%s <a href=\"%s\">%s</a> %s</p>"
        % (sentence(r), ref, r.choice(OBJECTS), sentence(r)),
        "<h2>%s</h2>" % sentence(r, 6).rstrip(".?"),
        "<p><strong>%s</strong> %s <em>%s</em></p>"
        % (r.choice(PEOPLE), sentence(r), sentence(r, 7)),
        "<blockquote><p>&#8220;%s&#8221;</p></blockquote>" % sentence(r),
        "<ul>%s</ul>" % "".join("<li>%s</li>" % sentence(r, r.randint(6, 10))
                               for _ in range(3)),
        "<p>%s</p>" % para(r, 2),
        '<p>The post <a rel="nofollow" href="%s">%s</a> appeared first on '
        '<a rel="nofollow" href="%s">IFP News</a>.</p>' % (link, title, SITE),
    ]
    return "\n".join(out) + "\n"


def item_xml(f):
    cats = "".join("\t\t<category><![CDATA[%s]]></category>\n" % c for c in f["cats"])
    excerpt = f["lead"][:300].rsplit(" ", 1)[0] + " [&#8230;]"
    return (
        "\t<item>\n"
        "\t\t<title>%(title)s</title>\n"
        "\t\t<link>%(link)s</link>\n"
        "\t\t\t\t\t<comments>%(link)s#respond</comments>\n\t\t\n"
        "\t\t<dc:creator><![CDATA[%(author)s]]></dc:creator>\n"
        "\t\t<pubDate>%(date)s</pubDate>\n"
        "%(cats)s"
        "\t\t<guid isPermaLink=\"false\">%(site)s/?p=%(pid)d</guid>\n\n"
        "\t\t\t\t\t<description><![CDATA[%(excerpt)s]]></description>\n"
        "\t\t\t\t\t\t\t\t\t\t<content:encoded><![CDATA[%(body)s]]></content:encoded>\n"
        "\t\t\t\t\t<wfw:commentRss>%(link)sfeed/</wfw:commentRss>\n"
        "\t\t\t<slash:comments>0</slash:comments>\n"
        "\t\t</item>\n"
    ) % dict(f, date=rfc822(f["time"]), cats=cats, site=SITE, excerpt=excerpt)


def feed(n, items, out):
    w = out.write
    w('<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"\n'
      '\txmlns:content="http://purl.org/rss/1.0/modules/content/"\n'
      '\txmlns:wfw="http://wellformedweb.org/CommentAPI/"\n'
      '\txmlns:dc="http://purl.org/dc/elements/1.1/"\n'
      '\txmlns:atom="http://www.w3.org/2005/Atom"\n'
      '\txmlns:sy="http://purl.org/rss/1.0/modules/syndication/"\n'
      '\txmlns:slash="http://purl.org/rss/1.0/modules/slash/"\n\t>\n\n'
      "<channel>\n"
      "\t<title>IFP News</title>\n"
      '\t<atom:link href="%s/feed/" rel="self" type="application/rss+xml" />\n'
      "\t<link>%s</link>\n"
      "\t<description>Latest news and views from Iran and the Middle East</description>\n"
      "\t<lastBuildDate>%s</lastBuildDate>\n"
      "\t<language>en-US</language>\n"
      "\t<sy:updatePeriod>\n\thourly\t</sy:updatePeriod>\n"
      "\t<sy:updateFrequency>\n\t1\t</sy:updateFrequency>\n"
      "\t<generator>https://wordpress.org/?v=6.7.1</generator>\n"
      % (SITE, SITE, rfc822(BASE_TIME)))
    for f in items:
        w(item_xml(f))
    w("</channel>\n</rss>\n")


def article_body(i, min_bytes):
    f = item_fields(i)
    body = f["body"]
    if len(body.encode()) < min_bytes:
        r = random.Random(7 * (i + 1))
        parts = [body]
        size = len(body.encode())
        while size < min_bytes:
            p = "<p>%s</p>\n" % para(r, r.randint(3, 5))
            parts.append(p)
            size += len(p.encode())
        body = "".join(parts)
    f["body"] = body
    return f


def write_feed(n, out):
    """The N-item feed, to the text stream out."""
    feed(n, (item_fields(i) for i in range(n)), out)


def write_article(i, min_bytes, out):
    """Item i's body as an HTML page of at least min_bytes."""
    f = article_body(i, min_bytes)
    out.write('<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
              "<title>%s</title></head>\n<body>\n<h1>%s</h1>\n%s</body></html>\n"
              % (f["title"], f["title"], f["body"]))


def write_article_feed(i, min_bytes, out):
    """A one-item feed carrying write_article()'s body."""
    feed(1, [article_body(i, min_bytes)], out)


def main(argv):
    out = sys.stdout
    out.reconfigure(encoding="utf-8")
    args = argv[1:]
    min_bytes = 0
    if "--min-bytes" in args:
        k = args.index("--min-bytes")
        min_bytes = int(args[k + 1])
        del args[k:k + 2]
    if len(args) == 2 and args[0] in ("--article", "--article-feed"):
        write = write_article if args[0] == "--article" else write_article_feed
        write(int(args[1]), min_bytes, out)
        return 0
    if len(args) != 1 or not args[0].isdigit():
        sys.stderr.write(__doc__)
        return 2
    write_feed(int(args[0]), out)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
