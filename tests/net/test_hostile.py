#!/usr/bin/env python3
"""Every hostile fixture against the real binary, end to end.

The files are ../shared/fixtures/hostile/ (copied to
tests/data/feeds/hostile/); each is checked as its README says:

- `--list` in the three formats and `--article N` (offline) never put a
  control character on stdout or stderr: no byte 0x00-0x08, 0x0B-0x1F,
  0x7F, no C1 character (raw or UTF-8-encoded), no bidi override; the
  output is valid UTF-8;
- every run ends in bounded time, and runs again on the build without
  sanitizers ($IFPNEWS's directory/plain/ifpnews, which make check
  builds; ASan's shadow memory and quarantine would measure ASan) with a
  peak memory under 64 MB, measured by /usr/bin/time -f %M: the
  ru_maxrss of a child this python process spawned would include the
  python process's own peak (vfork, then exec keeps the high-water mark);
- the entity bombs are not expanded; the XXE files read no local file
  and open no connection (a listener on 127.0.0.1:8999 sees none);
- a truncated feed gives only its complete items and says it is damaged;
  HTML and a sitemap are "not a feed"; deep nesting is no stack overflow;
  the 1 MiB title is listed; an empty channel lists nothing;
- served over HTTP, a rejected body leaves the cached list as it was.
"""
import errno
import json
import os
import re
import socket
import tempfile

from netlib import DATA, IFPNEWS, Home, Server, Tap, run, tsv_rows

HOSTILE = os.path.join(DATA, "feeds", "hostile")
FEED = os.path.join(DATA, "feeds", "ifp-feed.xml")
MEM_KB = 64 * 1024
FAST_S = 5.0    # small files: well under a second without sanitizers
BIG_S = 15.0    # the 1 MiB files
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")
XXE_PORT = 8999
PLAIN = os.path.join(os.path.dirname(IFPNEWS), "plain", "ifpnews")
TIME = "/usr/bin/time"

t = Tap()
home = Home()
peaks = {}  # fixture -> highest peak memory of its runs (KB)
if not t.ok(os.access(PLAIN, os.X_OK) and os.access(TIME, os.X_OK),
            "the build without sanitizers (%s) and %s are there" %
            (PLAIN, TIME)):
    t.done()
PEAK_FILE = os.path.join(home.root, "peak")


def path(name):
    return os.path.join(HOSTILE, name)


def clean(data):
    """None when data is valid UTF-8 free of controls, else what is wrong."""
    try:
        s = data.decode("utf-8", "strict")
    except UnicodeDecodeError as e:
        return "not valid UTF-8: %s" % e
    m = CONTROL.search(s)
    if m:
        return "control character U+%04X at %d" % (ord(m.group(0)),
                                                    m.start())
    m = BIDI.search(s)
    if m:
        return "bidi control U+%04X at %d" % (ord(m.group(0)), m.start())
    return None


def runs(args, limit):
    """args on the sanitizer build, then on the plain one (r.plain)."""
    r = run(home, args, timeout=limit + 30)
    r.plain = run(home, ["-f", "%M", "-o", PEAK_FILE, PLAIN] + args,
                  timeout=limit + 30, prog=TIME)
    with open(PEAK_FILE) as f:
        # GNU time writes "Command exited with ..." first when not 0.
        r.plain.maxrss_kb = int(f.read().split()[-1])
    bad = (clean(r.raw_out) or clean(r.raw_err) or
           clean(r.plain.raw_out) or clean(r.plain.raw_err))
    return r, bad


def check(r, bad, what, limit):
    """The common promises: safe output, bounded time and memory, the
    same answer from both builds."""
    p = r.plain
    t.ok(bad is None and r.rc in (0, 1) and p.rc == r.rc and
         p.raw_out == r.raw_out,
         "%s: exit %s, output safe" % (what, r.rc), (bad, r, p))
    t.ok(r.secs < limit and p.secs < limit and p.maxrss_kb < MEM_KB,
         "%s: %.2f s (%.2f s with ASan), peak %.1f MB" %
         (what, p.secs, r.secs, p.maxrss_kb / 1024.0), (r, p))
    name = what.split(" ")[0]
    peaks[name] = max(peaks.get(name, 0), p.maxrss_kb)


def error_names(r, file, words):
    """Exit 1 and a last stderr line 'ifpnews: FILE: ...' with words."""
    msg = r.err.strip().splitlines()
    return (r.rc == 1 and len(msg) >= 1 and
            msg[-1].startswith("ifpnews: %s: " % file) and
            all(w in msg[-1] for w in words))


def every_output(name, limit=FAST_S):
    """--list in every format, then --article N of each post: all safe.
    Returns the tsv rows (or None when the list failed) and the runs."""
    f = path(name)
    results = {}
    for fmt in ("plain", "tsv", "json"):
        r, bad = runs(["--list", "--format", fmt, f], limit)
        check(r, bad, "%s --list --format %s" % (name, fmt), limit)
        results[fmt] = r
    if results["json"].rc == 0:
        try:
            json.loads(results["json"].out)
            good = True
        except ValueError as e:
            good = e
        t.ok(good is True, "%s: the json list parses" % name, good)
    rows = tsv_rows(results["tsv"].out) if results["tsv"].rc == 0 else None
    for n in range(1, len(rows or []) + 1):
        r, bad = runs(["--offline", "--article", str(n), "--width", "72",
                       f], limit)
        check(r, bad, "%s --article %d" % (name, n), limit)
        results["article%d" % n] = r
    return rows, results


class Listener:
    """A TCP listener on 127.0.0.1 (8999 when free, else any port) that
    counts the connections made to it."""

    def __init__(self):
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            self.sock.bind(("127.0.0.1", XXE_PORT))
        except OSError as e:
            if e.errno != errno.EADDRINUSE:
                raise
            self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.sock.setblocking(False)
        self.port = self.sock.getsockname()[1]

    def accepted(self):
        """Connections made so far (each is taken off the queue)."""
        n = 0
        while True:
            try:
                c, _ = self.sock.accept()
            except BlockingIOError:
                return n
            c.close()
            n += 1

    def fixture(self, name, tmp):
        """The fixture, pointed at this listener's port."""
        with open(path(name), "rb") as fp:
            data = fp.read()
        if self.port == XXE_PORT:
            return path(name)
        out = os.path.join(tmp, name)
        with open(out, "wb") as fp:
            fp.write(data.replace(b"127.0.0.1:%d" % XXE_PORT,
                                  b"127.0.0.1:%d" % self.port))
        return out

    def close(self):
        self.sock.close()


# Escape sequences of every kind: 4 posts, nothing raw gets out.
rows, res = every_output("escape-injection.xml")
t.ok(rows is not None and len(rows) == 4,
     "escape-injection.xml: its 4 posts are listed", res["tsv"])
t.ok("\ufffd[2J" in res["tsv"].out,
     "escape-injection.xml: ESC shows as a visible placeholder", res["tsv"])
links = re.findall(r"^\[\d+\] (\S+)$", res.get("article4", res["tsv"]).out,
                   re.M)
t.ok(len(links) >= 1 and all(u.startswith("https://") for u in links),
     "escape-injection.xml: post 4 lists only its http(s) links, not "
     "javascript: or file:", links)

# Raw control bytes, not well-formed: refused, or recovered safely.
rows, res = every_output("escape-injection-raw.xml")
r = res["tsv"]
t.ok(r.rc == 0 or error_names(r, path("escape-injection-raw.xml"), []),
     "escape-injection-raw.xml: recovered or a clear error", r)

# Invalid UTF-8: recovered with U+FFFD (valid output, checked above).
rows, res = every_output("invalid-utf8.xml")
r = res["tsv"]
t.ok((r.rc == 0 and "\ufffd" in r.out and "invalid byte" in r.err) or
     error_names(r, path("invalid-utf8.xml"), ["UTF-8"]),
     "invalid-utf8.xml: bad bytes become U+FFFD and are reported", r)

# Entity bombs: bounded.  Nested references are never expanded; one
# big entity no further than libxml2's amplification limit (10 times
# the document).
for name in ("billion-laughs.xml", "quadratic-blowup.xml"):
    rows, res = every_output(name)
    out = "".join(r.out for r in res.values())
    items = json.loads(res["json"].out)["items"] if res["json"].rc == 0 \
        else []
    longest = max([len(it[k] or "") for it in items
                   for k in ("title", "summary", "content_html")] + [0])
    # The expansion, plus the document's own text.
    t.ok("lollollol" not in out and
         longest <= 11 * os.path.getsize(path(name)),
         "%s: no expansion past 10 times the document (longest field %d "
         "bytes)" % (name, longest))
    r = res["tsv"]
    t.ok(error_names(r, path(name), []) or
         (r.rc == 0 and r.err.startswith("ifpnews: %s: damaged" % path(name))),
         "%s: refused, or read with the damage reported" % name, r)

# XXE: no local file, no connection.
listener = Listener()
tmp = tempfile.mkdtemp(prefix="ifpn-xxe-")
try:
    for name in ("xxe.xml", "xxe-dtd.xml"):
        f = listener.fixture(name, tmp)
        outs = []
        for args in (["--list", f], ["--list", "--format", "json", f],
                     ["--offline", "--article", "1", f]):
            r, bad = runs(args, FAST_S)
            check(r, bad, "%s %s" % (name, args[-2]), FAST_S)
            outs.append(r)
        t.ok(all("root:" not in r.out + r.err for r in outs),
             "%s: /etc/passwd is never read" % name)
        n = listener.accepted()
        t.ok(n == 0, "%s: no connection reaches 127.0.0.1:%d (%d)" %
             (name, listener.port, n))
    r = run(home, ["--list", "--format", "tsv",
                   listener.fixture("xxe-dtd.xml", tmp)])
    t.ok(r.rc == 0 and [x[2] for x in tsv_rows(r.out)] ==
         ["Still a valid item"],
         "xxe-dtd.xml: its one item is read without the external DTD", r)
finally:
    for n in os.listdir(tmp):
        os.unlink(os.path.join(tmp, n))
    os.rmdir(tmp)

# Truncated: the three complete posts, flagged as damaged.
rows, res = every_output("truncated.xml")
r = res["tsv"]
t.ok((r.rc == 0 and rows is not None and len(rows) == 3 and
      "damaged" in r.err) or error_names(r, path("truncated.xml"), []),
     "truncated.xml: only the 3 complete posts, reported as damaged", r)

# Not feeds.
for name, words in (("not-xml.html", ["not a feed"]),
                    ("wrong-root.xml", ["not a feed", "urlset"])):
    for fmt in ("plain", "json"):
        r, bad = runs(["--list", "--format", fmt, path(name)], FAST_S)
        check(r, bad, "%s --format %s" % (name, fmt), FAST_S)
        t.ok(error_names(r, path(name), words) and r.out == "",
             "%s --format %s: exit 1, '%s'" % (name, fmt, words[-1]), r)

# Deep nesting: HTML inside a post, and XML itself.
rows, res = every_output("deep-nesting.xml", BIG_S)
t.ok(rows is not None and len(rows) == 1 and
     "Before the nesting." in res["article1"].out,
     "deep-nesting.xml: 1 post, opened at least up to the nesting",
     res.get("article1", res["tsv"]))
rows, res = every_output("deep-nesting-xml.xml", BIG_S)
t.ok(error_names(res["tsv"], path("deep-nesting-xml.xml"), []),
     "deep-nesting-xml.xml: a clear error, no stack overflow", res["tsv"])

# 1 MiB title: both posts listed, the title whole (or cut, documented).
rows, res = every_output("huge-title.xml", BIG_S)
t.ok(rows is not None and len(rows) == 2 and len(rows[0][2]) > 4096 and
     rows[1][2] == "Normal item after the huge one",
     "huge-title.xml: both posts listed (title of %d bytes)" %
     (len(rows[0][2]) if rows else -1), res["tsv"])

# Empty channel: exit 0, nothing listed.
rows, res = every_output("empty-channel.xml")
t.ok(res["plain"].rc == 0 and res["plain"].out == "" and
     res["tsv"].out == "" and res["plain"].err == "",
     "empty-channel.xml: exit 0, nothing printed", res["plain"])
t.ok(res["json"].rc == 0 and json.loads(res["json"].out)["items"] == [],
     "empty-channel.xml: json has no items", res["json"])

# Over HTTP: a rejected body leaves the cached copy as it was.
conf = home.write_config("timeout 5s\n")
with Server({}) as srv:
    good = srv.copy(FEED, "feed.xml")
    srv.set_routes({"/f": {"body_file": good}})
    r = run(home, ["-c", conf, "--list", "--format", "tsv", srv.url("/f")])
    t.ok(r.rc == 0 and len(tsv_rows(r.out)) == 12,
         "http: the good feed is fetched and cached", r)
    before = home.files("cache")
    for name in ("wrong-root.xml", "deep-nesting-xml.xml", "xxe.xml"):
        body = srv.copy(path(name), name)
        srv.set_routes({"/f": {"body_file": body}})
        r = run(home, ["-c", conf, "--list", "-r", "--format", "tsv",
                       srv.url("/f")])
        bad = clean(r.raw_out) or clean(r.raw_err)
        if name == "xxe.xml":
            t.ok(bad is None and "root:" not in r.out + r.err and
                 listener.accepted() == 0,
                 "http: xxe.xml reads no file and connects nowhere", r)
            continue
        after = home.files("cache")
        t.ok(bad is None and r.rc == 1 and
             ("not a feed" in r.err or "nothing could be read" in r.err),
             "http: %s is refused with a clear error" % name, r)
        t.ok(after == before and len(tsv_rows(r.out)) == 12,
             "http: %s leaves the cache as it was; the cached list shows"
             % name, (sorted(after), r))
listener.close()

for name in ("billion-laughs.xml", "quadratic-blowup.xml"):
    print("# %s: peak memory %.1f MB (limit %d MB)" %
          (name, peaks.get(name, 0) / 1024.0, MEM_KB // 1024))
home.remove()
t.done()
