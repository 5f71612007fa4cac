"""Helpers for the net tests: TAP output, the loopback server, running
$IFPNEWS with private XDG directories and measuring it.

Python 3 standard library only.  Nothing here touches the internet: the
server binds 127.0.0.1 and every run clears the proxy variables.
"""
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.dirname(os.path.dirname(HERE))
DATA = os.environ.get("TESTS_DATA", os.path.join(TOP, "tests", "data"))
IFPNEWS = os.environ.get("IFPNEWS", os.path.join(TOP, "ifpnews"))
NOW = "2024-11-30T14:00:00Z"


class Tap:
    """ok/not ok lines; exit status 1 when anything failed."""

    def __init__(self):
        self.n = 0
        self.failed = 0

    def ok(self, cond, name, diag=None):
        self.n += 1
        if cond:
            print("ok %d - %s" % (self.n, name))
        else:
            self.failed += 1
            print("not ok %d - %s" % (self.n, name))
            if diag is not None:
                for line in str(diag).splitlines()[:40]:
                    print("# " + line)
        sys.stdout.flush()
        return cond

    def done(self):
        print("1..%d" % self.n)
        sys.exit(1 if self.failed else 0)


class Home:
    """A private HOME with XDG config, cache and state directories."""

    def __init__(self):
        self.root = tempfile.mkdtemp(prefix="ifpn-net-")
        self.cache = os.path.join(self.root, "cache")
        self.state = os.path.join(self.root, "state")
        self.config = os.path.join(self.root, "config")
        os.makedirs(self.config)

    def env(self, extra=None):
        env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "HOME": self.root,
            "XDG_CACHE_HOME": self.cache,
            "XDG_STATE_HOME": self.state,
            "XDG_CONFIG_HOME": self.config,
            "IFPNEWS_NOW": NOW,
            "LC_ALL": "C.UTF-8",
        }
        for k in ("ASAN_OPTIONS", "UBSAN_OPTIONS", "LSAN_OPTIONS"):
            if k in os.environ:
                env[k] = os.environ[k]
        if extra:
            env.update(extra)
        return env

    def write_config(self, text, name="test.conf"):
        path = os.path.join(self.root, name)
        with open(path, "w") as f:
            f.write(text)
        return path

    def files(self, sub):
        """Every regular file under cache or state, relative paths."""
        base = self.cache if sub == "cache" else self.state
        out = {}
        for d, _, names in os.walk(base):
            for n in names:
                p = os.path.join(d, n)
                with open(p, "rb") as f:
                    out[os.path.relpath(p, base)] = f.read()
        return out

    def remove(self):
        shutil.rmtree(self.root, ignore_errors=True)


class Result:
    def __init__(self, rc, out, err, secs, maxrss_kb):
        self.rc = rc
        self.out = out
        self.err = err
        self.secs = secs
        self.maxrss_kb = maxrss_kb

    def __repr__(self):
        return "rc=%s secs=%.2f rss=%dKB\nstdout:\n%s\nstderr:\n%s" % (
            self.rc, self.secs, self.maxrss_kb,
            self.out[:2000], self.err[:2000])


def run(home, args, timeout=30, env=None, prog=None):
    """Run $IFPNEWS (or prog) args; wall time and peak RSS (KB) of that
    process."""
    outf = tempfile.TemporaryFile()
    errf = tempfile.TemporaryFile()
    t0 = time.monotonic()
    p = subprocess.Popen([prog or IFPNEWS] + args, stdout=outf, stderr=errf,
                         stdin=subprocess.DEVNULL, env=home.env(env))
    deadline = t0 + timeout
    status = None
    while True:
        pid, status, ru = os.wait4(p.pid, os.WNOHANG)
        if pid == p.pid:
            break
        if time.monotonic() > deadline:
            p.kill()
            pid, status, ru = os.wait4(p.pid, 0)
            status = None
            break
        time.sleep(0.005)
    secs = time.monotonic() - t0
    p.returncode = 0  # reaped by wait4
    outf.seek(0)
    errf.seek(0)
    raw_out = outf.read()
    raw_err = errf.read()
    out = raw_out.decode("utf-8", "replace")
    err = raw_err.decode("utf-8", "replace")
    if status is None:
        rc = "timeout"
    elif os.WIFEXITED(status):
        rc = os.WEXITSTATUS(status)
    else:
        rc = -os.WTERMSIG(status)
    r = Result(rc, out, err, secs, ru.ru_maxrss)
    r.raw_out, r.raw_err = raw_out, raw_err  # the bytes, for checks
    return r


class Server:
    """tests/net/server.py on 127.0.0.1, port 0, killed on exit."""

    def __init__(self, routes, lifetime=120):
        self.dir = tempfile.mkdtemp(prefix="ifpn-srv-")
        self.routes_path = os.path.join(self.dir, "routes.json")
        self.port_file = os.path.join(self.dir, "port")
        self.log_path = os.path.join(self.dir, "log.jsonl")
        self.set_routes(routes)
        open(self.log_path, "w").close()
        self.proc = subprocess.Popen(
            [sys.executable, os.path.join(HERE, "server.py"),
             "--routes", self.routes_path, "--port-file", self.port_file,
             "--log", self.log_path, "--lifetime", str(lifetime)])
        deadline = time.monotonic() + 10
        while not os.path.exists(self.port_file):
            if time.monotonic() > deadline or self.proc.poll() is not None:
                raise RuntimeError("test server did not start")
            time.sleep(0.01)
        with open(self.port_file) as f:
            self.port = int(f.read())

    def url(self, path):
        return "http://127.0.0.1:%d%s" % (self.port, path)

    def set_routes(self, routes):
        tmp = self.routes_path + ".tmp"
        with open(tmp, "w") as f:
            json.dump(routes, f)
        os.rename(tmp, self.routes_path)

    def copy(self, src, name=None):
        """Copy a data file next to the routes; returns its name."""
        name = name or os.path.basename(src)
        shutil.copy(src, os.path.join(self.dir, name))
        return name

    def log(self):
        with open(self.log_path) as f:
            return [json.loads(l) for l in f if l.strip()]

    def clear_log(self):
        open(self.log_path, "w").close()

    def stop(self):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(5)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        shutil.rmtree(self.dir, ignore_errors=True)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.stop()


def tsv_rows(out):
    """Rows of --format tsv: N, PUBLISHED, TITLE, LINK, AUTHOR."""
    return [line.split("\t") for line in out.splitlines() if line]


def tsv_titles(out):
    return [r[2] for r in tsv_rows(out) if len(r) >= 3]
