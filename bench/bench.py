#!/usr/bin/env python3
"""make bench: ifpnews against the programs a user would otherwise pick.

    bench.py IFPNEWS        (bench/run.sh runs it; see there)

Environment:
  SIZES  posts per feed (default "100 2000 20000")
  RUNS   timed runs of each program (default 5), after 2 warm-ups
  PARTS  which rows (default "list fetch screen article"):
         list     parse + list: ifpnews --offline --list FEED, sfeed < FEED,
                  xmllint --stream --noout FEED
         fetch    over loopback HTTP into an empty cache, then an unchanged
                  feed's refresh (304): ifpnews --list URL, newsboat -x reload
         screen   first screen from a filled cache, in tmux: ifpnews
                  --offline URL, sfeed_curses (sfeed's TSV of the feed),
                  newsboat
         article  a 1 MB article as text: ifpnews --article PAGE, lynx -dump,
                  w3m -dump (the same page); and ifpnews --article 1 of a
                  one-post feed carrying it

Every program of a row reads the same input, generated (deterministically,
gen_feed.py) into build/bench/input; the run's HOME, XDG directories,
caches, newsboat's databases and the server's log are in build/bench/run,
emptied at every start.  Nothing leaves the machine: the feeds come from
serve.py on 127.0.0.1, proxies are unset.  The server and tmux (a private
socket) end with this script, and by themselves after 3 hours at most.

Output: one table on stdout (wall, CPU, peak RSS, and ratios
ifpnews/peer in the same row group; below 1 = ifpnews is faster or
smaller), build/bench/results.tsv, and RESULTS.md with the machine, the
date, the table and the verdict on each target of issue 11.  A full run
(the default SIZES, PARTS, and RUNS >= 5) writes bench/RESULTS.md; any
other, build/bench/RESULTS.md, so a quick run never replaces the
committed figures.  A peer that is not installed gets a row saying so.
Standard library only.
"""
import hashlib
import os
import re
import shutil
import signal
import subprocess
import sys
import time

import gen_feed
import timing

PARTS = ("list", "fetch", "screen", "article")
DEFAULT_SIZES = (100, 2000, 20000)
DEFAULT_RUNS = 5
WARMUP = 2
LIFETIME = 3 * 3600             # seconds: the server's and tmux's bound
SCREEN = (120, 40)              # the first screen's terminal, columns x rows
NOW = "2024-11-30T14:00:00Z"    # IFPNEWS_NOW: an hour after the newest post
ARTICLE_BYTES = 1 << 20
PACKAGES = {"sfeed": "sfeed", "sfeed_curses": "sfeed",
            "xmllint": "libxml2-utils", "newsboat": "newsboat",
            "lynx": "lynx", "w3m": "w3m", "tmux": "tmux"}
VERSIONS = ("newsboat", "sfeed", "libxml2-utils", "lynx", "w3m", "tmux",
            "time", "libxml2", "libncursesw6", "libcurl4")

# newsboat: the loopback feed only, no proxy, no page downloads, no
# browser, no notifications, no reload at start.
NEWSBOAT_CONFIG = """auto-reload no
download-full-page no
use-proxy no
reload-threads 1
confirm-exit no
show-read-feeds yes
browser "false"
notify-beep no
"""


def log(msg):
    sys.stderr.write(msg + "\n")
    sys.stderr.flush()


def posts(n):
    return "{:,}".format(n)


class Row:
    """One line of the table."""

    def __init__(self, work, size, label, sample=None, note="", ref=False):
        self.work = work            # what is done
        self.size = size            # posts, or a string ("1 MB page")
        self.label = label          # the program and its arguments
        self.sample = sample        # timing.Sample, None when not run
        self.note = note
        self.ref = ref              # the ifpnews row of its group
        self.http = []              # (status, body bytes) the server saw

    def tool(self):
        return self.label.split()[0]


class Bench:
    def __init__(self, root, ifpnews, sizes, runs, parts):
        self.root = root
        self.ifp_bin = os.path.abspath(ifpnews)
        self.sizes = sizes
        self.runs = runs
        self.parts = parts
        self.out = os.path.join(root, "build", "bench")
        self.input = os.path.join(self.out, "input")
        self.work = os.path.join(self.out, "run")
        self.rows = []
        self.bytes = {}             # posts -> feed size in bytes
        self.fetched = set()        # sizes whose caches the fetch part filled
        self.server = None
        self.tmux = None
        self.base = None

    # -- setup --------------------------------------------------------------

    def prepare(self):
        if os.path.isdir(self.work):
            shutil.rmtree(self.work)
        home = os.path.join(self.work, "home")
        for d in ("home/.config/ifpnews", "newsboat", "tmp"):
            os.makedirs(os.path.join(self.work, d))
        with open(os.path.join(home, ".config/ifpnews/config"), "w") as f:
            # The 20,000-post feed is 66 MB, past the default 16M cap.
            f.write("max-size 256M\n")
        with open(os.path.join(self.work, "newsboat", "config"), "w") as f:
            f.write(NEWSBOAT_CONFIG)
        self.tmp = os.path.join(self.work, "tmp")
        self.env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "HOME": home,
            "XDG_CONFIG_HOME": os.path.join(home, ".config"),
            "XDG_DATA_HOME": os.path.join(home, ".local/share"),
            "XDG_CACHE_HOME": os.path.join(home, ".cache"),
            "XDG_STATE_HOME": os.path.join(home, ".local/state"),
            "TMPDIR": self.tmp,
            "LC_ALL": "C.UTF-8",
            "TERM": os.environ.get("TERM") or "xterm-256color",
            "IFPNEWS_NOW": NOW,
            "no_proxy": "*",
        }
        self.generate()

    def generate(self):
        """The inputs, made again only when gen_feed.py changed."""
        src = os.path.join(self.root, "bench", "gen_feed.py")
        with open(src, "rb") as f:
            stamp = str(hash_bytes(f.read()))
        sfile = os.path.join(self.input, "STAMP")
        try:
            with open(sfile) as f:
                same = f.read().strip() == stamp
        except OSError:
            same = False
        if not same and os.path.isdir(self.input):
            shutil.rmtree(self.input)
        os.makedirs(self.input, exist_ok=True)
        with open(sfile, "w") as f:
            f.write(stamp + "\n")

        def make(name, write):
            path = os.path.join(self.input, name)
            if not os.path.exists(path):
                log("   generating %s" % name)
                with open(path + ".tmp", "w", encoding="utf-8") as f:
                    write(f)
                os.rename(path + ".tmp", path)
            return path

        for n in self.sizes:
            feed = make("feed-%d.xml" % n,
                        lambda f, n=n: gen_feed.write_feed(n, f))
            self.bytes[n] = os.path.getsize(feed)
            tsv = os.path.join(self.input, "sfeed-%d.tsv" % n)
            sfeed = shutil.which("sfeed")
            if "screen" in self.parts and sfeed and not os.path.exists(tsv):
                # sfeed_curses's cache: sfeed's TSV of the same feed.
                with open(feed, "rb") as fin, open(tsv + ".tmp", "wb") as fo:
                    subprocess.run([sfeed], stdin=fin, stdout=fo, check=True)
                os.rename(tsv + ".tmp", tsv)
        make("article-1mb.html",
             lambda f: gen_feed.write_article(0, ARTICLE_BYTES, f))
        make("article-1mb.xml",
             lambda f: gen_feed.write_article_feed(0, ARTICLE_BYTES, f))

    def feed(self, n):
        return os.path.join(self.input, "feed-%d.xml" % n)

    def url(self, n):
        return "%s/feed-%d.xml" % (self.base, n)

    def start_server(self):
        if not ({"fetch", "screen"} & set(self.parts)):
            return
        port_file = os.path.join(self.work, "port")
        self.server_log = os.path.join(self.work, "server.log")
        log("== starting the loopback server (gzipping the feeds first)")
        self.server = subprocess.Popen(
            [sys.executable, os.path.join(self.root, "bench", "serve.py"),
             "--lifetime", str(LIFETIME), "--log", self.server_log,
             port_file] + [self.feed(n) for n in self.sizes],
            env=self.env, stdin=subprocess.DEVNULL)
        end = time.monotonic() + 300
        while not os.path.exists(port_file):
            if self.server.poll() is not None or time.monotonic() > end:
                raise SystemExit("bench: the loopback server did not start")
            time.sleep(0.05)
        with open(port_file) as f:
            self.base = "http://127.0.0.1:%d" % int(f.read())

    def stop(self):
        if self.tmux:
            self.tmux.close()
            self.tmux = None
        if self.server and self.server.poll() is None:
            self.server.terminate()
            self.server.wait()

    # -- helpers ------------------------------------------------------------

    def ifp_env(self, n):
        """ifpnews's cache and state for the n-post feed, apart."""
        d = os.path.join(self.work, "ifpnews-%d" % n)
        return os.path.join(d, "cache"), os.path.join(d, "state")

    def ifp(self, label, n, *args, **kw):
        """ifpnews as a Program, with the n-post feed's cache and state."""
        cache, state = self.ifp_env(n)
        return timing.Program(label, [self.ifp_bin] + list(args),
                              env={"XDG_CACHE_HOME": cache,
                                   "XDG_STATE_HOME": state}, **kw)

    def ifp_once(self, n, *args):
        """Run ifpnews once, untimed (filling a cache); its exit code."""
        cache, state = self.ifp_env(n)
        env = dict(self.env, XDG_CACHE_HOME=cache, XDG_STATE_HOME=state)
        return subprocess.run([self.ifp_bin] + list(args), env=env,
                              stdin=subprocess.DEVNULL,
                              stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL).returncode

    def newsboat_argv(self, n, *args):
        d = os.path.join(self.work, "newsboat")
        urls = os.path.join(d, "urls-%d" % n)
        if not os.path.exists(urls):
            with open(urls, "w") as f:
                f.write(self.url(n) + "\n")
        return ["newsboat", "-u", urls, "-c", self.newsboat_db(n),
                "-C", os.path.join(d, "config")] + list(args)

    def newsboat_db(self, n):
        return os.path.join(self.work, "newsboat", "cache-%d.db" % n)

    def quiet(self, argv):
        """Run argv once, untimed (priming a cache); its exit code."""
        return subprocess.run(argv, env=self.env, stdin=subprocess.DEVNULL,
                              stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL).returncode

    def missing(self, argv):
        tool = argv[0]
        if shutil.which(tool, path=self.env["PATH"]):
            return None
        pkg = PACKAGES.get(os.path.basename(tool))
        return "not installed" + (" (Debian package %s)" % pkg if pkg else "")

    def group(self, work, size, programs, screen=False, notes=None):
        """Measure programs (the first is ifpnews) as one row group."""
        size_s = posts(size) if isinstance(size, int) else size
        log("== %s, %s" % (work, size_s))
        run, rows = [], []
        for p in programs:
            why = self.missing(p.argv)
            if screen and why is None and not shutil.which("tmux"):
                why = "tmux not installed"
            rows.append(Row(work, size, p.label, note=why or "",
                            ref=p is programs[0]))
            if why is None:
                run.append(p)
            else:
                log("   %s: %s" % (p.label, why))
        if not run:
            self.rows += rows
            return rows
        if screen:
            if self.tmux is None:
                self.tmux = timing.Tmux("ifpnbench%d" % os.getpid(),
                                        SCREEN[0], SCREEN[1], self.env,
                                        LIFETIME)
            got = timing.first_screen(self.tmux, run, self.runs, WARMUP,
                                      self.env, self.tmp)
        else:
            got = timing.measure(run, self.runs, WARMUP, self.env, self.tmp)
        for r in rows:
            s = got.get(r.label)
            if s is None:
                continue
            r.sample = s
            if notes and r.label in notes:
                r.note = notes[r.label]
            if s.bad:
                bad = "%d of %d runs failed: %s" % (
                    len(s.bad), s.runs + WARMUP, s.bad[0])
                r.note = bad + ("; " + r.note if r.note else "")
            log("   %-44s %s" % (r.label, brief(s)))
        self.rows += rows
        return rows

    def server_mark(self):
        try:
            return os.path.getsize(self.server_log)
        except OSError:
            return 0

    def server_since(self, mark):
        """{client: [(status, bytes)]} of the requests after mark."""
        by = {}
        with open(self.server_log, errors="replace") as f:
            f.seek(mark)
            for line in f:
                p = line.split(" ", 3)
                if len(p) < 4:
                    continue
                client = p[3].split("/", 1)[0].strip()
                by.setdefault(client, []).append((int(p[0]), int(p[1])))
        return by

    # -- the parts ----------------------------------------------------------

    def part_list(self):
        for n in self.sizes:
            f = self.feed(n)
            self.group("parse + list", n, [
                self.ifp("ifpnews --offline --list FEED", n,
                         "--offline", "--list", f),
                timing.Program("sfeed < FEED", ["sfeed"], stdin=f),
                timing.Program("xmllint --stream --noout FEED",
                               ["xmllint", "--stream", "--noout", f]),
            ])

    def part_fetch(self):
        for n in self.sizes:
            cache, state = self.ifp_env(n)
            db = self.newsboat_db(n)

            def empty_ifp(cache=cache, state=state):
                shutil.rmtree(cache, ignore_errors=True)
                shutil.rmtree(state, ignore_errors=True)

            def empty_nb(db=db):
                for f in (db, db + ".lock"):
                    if os.path.exists(f):
                        os.unlink(f)

            mark = self.server_mark()
            rows = self.group("fetch into an empty cache", n, [
                self.ifp("ifpnews --list URL", n, "--list", self.url(n),
                         setup=empty_ifp),
                timing.Program("newsboat -x reload",
                               self.newsboat_argv(n, "-x", "reload"),
                               setup=empty_nb),
            ])
            self.http_notes(rows, mark)
            # newsboat stores the validators only on the reload after the
            # one that created the feed's row: two reloads, then steady.
            if shutil.which("newsboat"):
                for _ in range(2):
                    self.quiet(self.newsboat_argv(n, "-x", "reload"))
            mark = self.server_mark()
            rows = self.group("refresh, feed unchanged (304)", n, [
                self.ifp("ifpnews --refresh --list URL", n, "--refresh",
                         "--list", self.url(n)),
                timing.Program("newsboat -x reload",
                               self.newsboat_argv(n, "-x", "reload")),
            ])
            self.http_notes(rows, mark)
            self.fetched.add(n)

    def http_notes(self, rows, mark):
        """What the server saw of each client during a group."""
        seen = self.server_since(mark)
        for r in rows:
            reqs = seen.get(r.tool(), [])
            if r.sample is None:
                continue
            r.http = reqs
            codes = {}
            for status, nbytes in reqs:
                c = codes.setdefault(status, [0, 0])
                c[0] += 1
                c[1] = max(c[1], nbytes)
            desc = ", ".join(
                "%d × HTTP %d (%s)" % (c[0], s, "no body" if not c[1] else
                                      "%s gzipped" % kb(c[1]))
                for s, c in sorted(codes.items()))
            r.note = (r.note + "; " if r.note else "") + \
                "server: " + (desc or "no request")

    def part_screen(self):
        for n in self.sizes:
            if n not in self.fetched:
                self.ifp_once(n, "--list", self.url(n))
                if shutil.which("newsboat"):
                    self.quiet(self.newsboat_argv(n, "-x", "reload"))
            # A screen is drawn when it shows, from top to bottom, the
            # newest post's title (from its last non-ASCII character on)
            # and the program's bottom line: ifpnews's key help,
            # sfeed_curses's status bar (the selected post's link),
            # newsboat's key help (its first screen lists the feeds; the
            # counts column cuts "(20000/20000)" to "(20000/2000").
            title = re.escape(re.split(r"[^\x00-\x7f]", gen_feed.title(0))[-1])
            link = re.escape(gen_feed.item_fields(0)["link"])
            tsv = os.path.join(self.input, "sfeed-%d.tsv" % n)
            self.group("first screen, filled cache", n, [
                self.ifp("ifpnews --offline URL", n, "--offline",
                         self.url(n), expect=title + ".*q quit"),
                timing.Program("sfeed_curses TSV", ["sfeed_curses", tsv],
                               expect=title + ".*" + link),
                timing.Program("newsboat", self.newsboat_argv(n),
                               expect=r"\(\d+/\d+\)? *IFP News.*q:Quit"),
            ], screen=True)

    def part_article(self):
        page = os.path.join(self.input, "article-1mb.html")
        feed = os.path.join(self.input, "article-1mb.xml")
        size = "1 MB page"
        self.group("article as text", size, [
            self.ifp("ifpnews --article PAGE --width 80", 0, "--article",
                     page, "--width", "80"),
            timing.Program("lynx -dump -width=80 PAGE",
                           ["lynx", "-dump", "-width=80",
                            "-display_charset=utf-8", page]),
            timing.Program("w3m -dump -cols 80 PAGE",
                           ["w3m", "-dump", "-cols", "80", page]),
        ])
        self.group("article as text", "1 MB post", [
            self.ifp("ifpnews --article 1 --width 80 FEED", 0, "--article",
                     "1", "--width", "80", feed),
        ])

    def run(self):
        for part in PARTS:
            if part in self.parts:
                getattr(self, "part_" + part)()


# -- figures and reports --------------------------------------------------


def hash_bytes(b):
    return hashlib.sha256(b).hexdigest()[:16]


def brief(s):
    w, c, m = s.wall(), s.cpu(), s.rss()
    return "wall %s  cpu %s  rss %s%s" % (
        ms(w), ms(c), mib(m), "  FAILED x%d" % len(s.bad) if s.bad else "")


def ms(x):
    if x is None:
        return "-"
    x *= 1000
    return "%.1f ms" % x if x < 100 else "%.0f ms" % x


def kb(n):
    return "%.0f kB" % (n / 1e3) if n < 1e6 else "%.1f MB" % (n / 1e6)


def mib(x):
    return "-" if x is None else "%.1f MiB" % x


def duration(s):
    return "%.0f s" % s if s < 120 else "%.0f minutes" % (s / 60)


def ratio(a, b):
    if a is None or not b:
        return None
    return a / b


def rfmt(x):
    return "-" if x is None else "%.2f" % x


def size_label(row, nbytes):
    if not isinstance(row.size, int):
        return row.size
    b = nbytes.get(row.size)
    return "%s (%s MB)" % (posts(row.size), "%.2g" % (b / 1e6) if b else "?")


def ordered(rows):
    """The rows by work, then size, in the order each first came (a row
    group keeps its order, ifpnews first)."""
    works, groups = {}, {}
    for r in rows:
        works.setdefault(r.work, len(works))
        groups.setdefault((r.work, r.size), len(groups))
    return sorted(rows, key=lambda r: (works[r.work],
                                       groups[(r.work, r.size)]))


def table(rows, nbytes):
    """The one table, in Markdown."""
    rows = ordered(rows)
    out = ["| work | posts | program | wall | CPU | peak RSS | "
           "wall ratio | CPU ratio | RSS ratio | notes |",
           "|---|---|---|---:|---:|---:|---:|---:|---:|---|"]
    ref = None
    for r in rows:
        if r.ref:
            ref = r
        s = r.sample
        cells = [r.work, size_label(r, nbytes), "`%s`" % r.label.strip()]
        if s is None:
            cells += ["-"] * 6
        else:
            cells += [ms(s.wall()), ms(s.cpu()), mib(s.rss())]
            if r.ref or ref is None or ref.sample is None or \
                    ref.work != r.work or ref.size != r.size:
                cells += [""] * 3
            else:
                rs = ref.sample
                cells += [rfmt(ratio(rs.wall(), s.wall())),
                          rfmt(ratio(rs.cpu(), s.cpu())),
                          rfmt(ratio(rs.rss(), s.rss()))]
        cells.append(r.note.replace("|", "/"))
        out.append("| " + " | ".join(cells) + " |")
    return out


def find(rows, work, size, tool):
    for r in rows:
        if r.work.startswith(work) and r.size == size and \
                r.label.startswith(tool):
            return r
    return None


def usable(r):
    return r is not None and r.sample is not None and not r.sample.bad and \
        r.sample.wall() is not None


class Verdicts:
    def __init__(self):
        self.lines = []
        self.missed = 0

    def add(self, target, ok, detail):
        if ok is None:
            state = "not measured"
        elif ok:
            state = "**met**"
        else:
            state = "**NOT met**"
            self.missed += 1
        self.lines.append("- %s: %s — %s" % (target, state, detail))


def compare(v, target, a, b, peer, ok, how="%.2f× %s's time"):
    """A verdict on the median walls of rows a (ifpnews) and b (peer):
    ok(a / b) says whether the target is met."""
    if not (usable(a) and usable(b)):
        return v.add(target, None, "not in this run, a row failed, or the "
                     "peer is missing")
    wa, wb = a.sample.wall(), b.sample.wall()
    r = wa / wb
    v.add(target, ok(r), (how + " (%s vs %s)") % (
        r if "%.2f" in how else 1 / r, peer, ms(wa), ms(wb)))


def judge(rows, nbytes):
    """The verdict on each "Must show" target of issue 11."""
    v = Verdicts()
    big = 20000
    ifp = find(rows, "parse", big, "ifpnews")
    compare(v, "20,000 posts: `ifpnews --offline --list` faster than `sfeed`",
            ifp, find(rows, "parse", big, "sfeed"), "sfeed", lambda r: r < 1)
    compare(v, "20,000 posts: at most 1.5× `xmllint --stream --noout`",
            ifp, find(rows, "parse", big, "xmllint"), "xmllint",
            lambda r: r <= 1.5)
    compare(v, "20,000 posts: at least 20× faster than newsboat's reload "
            "into an empty cache", ifp, find(rows, "fetch", big, "newsboat"),
            "newsboat", lambda r: 1 / r >= 20, "%.1f× faster than %s")
    t = "20,000 posts: peak RSS at most 1.5× the file + 8 MiB"
    if usable(ifp) and ifp.sample.rss() is not None and big in nbytes:
        cap = 1.5 * nbytes[big] / 2**20 + 8
        v.add(t, ifp.sample.rss() <= cap, "%s for a %.1f MiB file (cap "
              "%.1f MiB)" % (mib(ifp.sample.rss()), nbytes[big] / 2**20, cap))
    else:
        v.add(t, None, "not in this run, or the row failed")
    for n in (100, big):
        compare(v, "first screen from a filled cache ahead of sfeed_curses, "
                "%s posts" % posts(n), find(rows, "first screen", n,
                                            "ifpnews"),
                find(rows, "first screen", n, "sfeed_curses"), "sfeed_curses",
                lambda r: r < 1)
    lynx = find(rows, "article", "1 MB page", "lynx")
    for size, what in (("1 MB page", "the page (`--article PAGE`)"),
                       ("1 MB post", "the post of a one-post feed "
                        "(`--article 1 FEED`)")):
        compare(v, "1 MB article faster than `lynx -dump`: %s" % what,
                find(rows, "article", size, "ifpnews"), lynx, "lynx",
                lambda r: r < 1)
    # SPEC: an unchanged feed's refresh is one conditional request, a 304,
    # no body.
    refresh = [r for r in rows if r.work.startswith("refresh") and
               r.ref and r.sample is not None]
    if refresh:
        reqs = [x for r in refresh for x in r.http]
        runs = sum(r.sample.runs + WARMUP for r in refresh)
        ok = len(reqs) == runs and all(s == 304 and b == 0 for s, b in reqs)
        v.add("refresh of an unchanged feed: one request, HTTP 304, no body "
              "(SPEC)", ok, "%d refreshes, %d requests, %d answered 304 "
              "with no body" % (runs, len(reqs), sum(
                  1 for s, b in reqs if s == 304 and b == 0)))
    return v


def cmd_out(argv):
    try:
        r = subprocess.run(argv, stdout=subprocess.PIPE,
                           stderr=subprocess.DEVNULL, check=False)
        return r.stdout.decode("utf-8", "replace").strip()
    except OSError:
        return ""


def machine(ifp):
    m = {}
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    m["cpu"] = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    m["cores"] = os.cpu_count()
    m["kernel"] = "%s %s" % (os.uname().sysname, os.uname().release)
    try:
        with open("/etc/debian_version") as f:
            m["debian"] = f.read().strip()
    except OSError:
        m["debian"] = "?"
    try:
        with open("/proc/meminfo") as f:
            kb = int(f.readline().split()[1])
        m["memory"] = "%.0f GiB" % (kb / 2**20)
    except (OSError, ValueError, IndexError):
        m["memory"] = "?"
    vers = []
    for p in VERSIONS:
        v = cmd_out(["dpkg-query", "-W", "-f", "${Version}", p])
        vers.append("%s %s" % (p, v or "(not installed)"))
    m["versions"] = ", ".join(vers)
    m["ifpnews"] = cmd_out([ifp, "--version"])
    m["commit"] = cmd_out(["git", "rev-parse", "--short", "HEAD"])
    m["cc"] = cmd_out(["cc", "--version"]).split("\n")[0]
    return m


def process_start(env, tmp):
    """The cost of starting a process here: `true`, median of 20."""
    s = timing.measure([timing.Program("true", ["true"])], 20, 2, env, tmp)
    return s["true"].wall()


def report(b, m, started, load0, load1, start_cost, elapsed, verdicts):
    rows = b.rows
    sizes = ", ".join("%s posts = %.2g MB" % (posts(n), b.bytes[n] / 1e6)
                      for n in b.sizes)
    out = [
        "# ifpnews benchmarks",
        "",
        "Written by `make bench` (bench/bench.py) on %s, from one run of "
        "%s: ifpnews against the programs a user would otherwise pick, on "
        "the same inputs, with the ratios ifpnews / peer of that run."
        % (started, duration(elapsed)),
        "",
        "## Machine",
        "",
        "- CPU: %s, %d cores; %s memory" % (m.get("cpu", "?"), m["cores"],
                                           m["memory"]),
        "- %s, Debian %s" % (m["kernel"], m["debian"]),
        "- load average (1 min) %.2f at the start, %.2f at the end; "
        "niceness %d" % (load0, load1, os.nice(0)),
        "- %s (commit %s), built by `make` (CFLAGS -O2 -g) with %s"
        % (m["ifpnews"], m["commit"] or "?", m["cc"]),
        "- peers (Debian packages): %s" % m["versions"],
        "",
        "## Targets (issue 11, \"Must show\")",
        "",
    ] + verdicts.lines + [
        "",
        "## Table",
        "",
        "Medians of %d timed runs after %d warm-ups; ratios are ifpnews / "
        "peer within each group (below 1: ifpnews faster or smaller).  "
        "Inputs: %s; the article: %s bytes of HTML."
        % (b.runs, WARMUP, sizes, "{:,}".format(os.path.getsize(
            os.path.join(b.input, "article-1mb.html")))),
        "",
    ] + table(rows, b.bytes) + [
        "",
        "## Method",
        "",
        "- Inputs are generated by `bench/gen_feed.py` into build/bench/input "
        "(deterministic WordPress-shaped RSS 2.0, ~3.3 KB a post, of which "
        "~2.4 KB is content:encoded HTML; the same generator as the shared "
        "peer harness, so its figures compare).  Every program of a group "
        "reads the same input: the feed file (parse + list), the same URL "
        "(fetch, refresh), sfeed's TSV, ifpnews's and newsboat's caches "
        "filled from that URL (first screen), the same HTML page (article; "
        "the last row carries that HTML as the content:encoded of a "
        "one-post feed).",
        "- The programs of a group run interleaved, the order rotating "
        "every round.  Wall clock: spawn to wait4, from Python "
        "(posix_spawn; stdout to /dev/null); starting a process costs "
        "%s here (`true`), which dominates the smallest rows.  CPU: user + "
        "system from wait4.  Peak RSS: GNU time `%%M` on the warm-up runs "
        "(a child of Python would inherit its high-water mark)."
        % ms(start_cost),
        "- Fetch and refresh: `bench/serve.py` on 127.0.0.1 (ETag, "
        "Last-Modified, gzip when asked, 304 to a matching "
        "If-None-Match); the notes give what the server saw of each "
        "client.  The empty-cache rows delete the cache before every run; "
        "newsboat stores the validators only on its second reload of a "
        "new feed, so it is reloaded twice before the 304 rows.  ifpnews "
        "runs with `max-size 256M` (the 66 MB feed passes the default "
        "16M cap) and IFPNEWS_NOW=%s." % NOW,
        "- First screen: a private tmux server, %dx%d, driven by one "
        "control-mode client; each run opens a new pane whose script "
        "notes the time and starts the program; the clock stops when "
        "the screen (captured every time the pane prints, a round trip "
        "well under 1 ms) shows the whole first screen: the newest "
        "post's title at the top (newsboat, whose first screen lists the "
        "feeds: the feed's line) and the program's bottom line (key "
        "help, or sfeed_curses's status bar with the post's link).  CPU "
        "and RSS of these rows are the whole session (start, first "
        "screen, `q`): the CPU from bash's `times` in the pane, the RSS "
        "from GNU time in the warm-up runs." % SCREEN,
        "- Re-run: `make bench` (all of it: %s here); quicker: "
        "`SIZES=100 RUNS=1 make bench`, `PARTS=\"list article\" make "
        "bench` (those write build/bench/RESULTS.md, not this file)."
        % duration(elapsed),
        "- A target missed: bench/PROFILE.md (by hand) has the profiles "
        "that show why, and what would close it.",
        "",
    ]
    return out


def main(argv):
    if len(argv) != 2:
        sys.stderr.write(__doc__)
        return 2
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    try:
        sizes = [int(x) for x in os.environ.get(
            "SIZES", " ".join(map(str, DEFAULT_SIZES))).split()]
        runs = int(os.environ.get("RUNS", DEFAULT_RUNS))
    except ValueError:
        sys.stderr.write("bench: SIZES and RUNS are numbers\n")
        return 2
    parts = os.environ.get("PARTS", " ".join(PARTS)).split()
    bad = [p for p in parts if p not in PARTS]
    if bad or runs < 1 or not sizes or min(sizes) < 1:
        sys.stderr.write("bench: PARTS is some of: %s; RUNS >= 1; SIZES > 0\n"
                         % " ".join(PARTS))
        return 2
    full = tuple(sizes) == DEFAULT_SIZES and runs >= DEFAULT_RUNS and \
        set(parts) == set(PARTS)
    b = Bench(root, argv[1], sizes, runs, parts)
    if not os.access(b.ifp_bin, os.X_OK):
        sys.stderr.write("bench: %s: not an executable\n" % argv[1])
        return 2
    signal.signal(signal.SIGTERM, lambda *a: sys.exit(143))
    started = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    t0 = time.monotonic()
    load0 = os.getloadavg()[0]
    try:
        log("== inputs in %s" % b.input)
        b.prepare()
        start_cost = process_start(b.env, b.tmp)
        b.start_server()
        b.run()
    finally:
        b.stop()
    load1 = os.getloadavg()[0]
    elapsed = time.monotonic() - t0
    verdicts = judge(b.rows, b.bytes)
    m = machine(b.ifp_bin)
    lines = report(b, m, started, load0, load1, start_cost, elapsed, verdicts)
    dest = os.path.join(root, "bench", "RESULTS.md") if full else \
        os.path.join(b.out, "RESULTS.md")
    with open(dest + ".tmp", "w", encoding="utf-8") as f:
        f.write("\n".join(lines))
    os.rename(dest + ".tmp", dest)
    with open(os.path.join(b.out, "results.tsv"), "w") as f:
        for r in b.rows:
            s = r.sample
            f.write("\t".join(str(x) for x in (
                r.work, r.size, r.label.strip(),
                s and s.wall(), s and s.cpu(), s and s.rss(),
                s and len(s.walls), r.note)) + "\n")
    print("\n".join(table(b.rows, b.bytes)))
    print()
    print("\n".join(verdicts.lines))
    print()
    print("bench: wrote %s%s" % (os.path.relpath(dest, root), "" if full else
                                 " (not a full run: bench/RESULTS.md is "
                                 "left as it was)"))
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv))
    except KeyboardInterrupt:
        sys.exit(130)
