#!/usr/bin/env python3
"""Loopback-only static HTTP server for make bench.

    serve.py [--lifetime SECONDS] [--log FILE] PORT_FILE FILE...

Binds 127.0.0.1 port 0 (never another address) and, once it listens,
writes its port to PORT_FILE (atomically).  Serves each FILE as /NAME
(its base name) with an ETag and Last-Modified, and answers 304 Not
Modified, with no body, to a matching If-None-Match (or, without one, to
an If-Modified-Since not older than the file).  A client that sends
Accept-Encoding: gzip gets the body gzipped (level 6, as WordPress
servers commonly do); the gzipped copies are made before the port is
written, so that no timed request pays for them.

Bounded lifetime: it exits after --lifetime seconds (default 3600), and
as soon as the process that started it is gone.  Each request is logged
as one line, "STATUS BODY_BYTES PATH USER_AGENT", to --log FILE (else
stderr), which is how bench.py counts the 304s each client got.
Standard library only.
"""
import email.utils
import gzip
import http.server
import os
import sys
import threading
import time

HOST = "127.0.0.1"


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "ifpnews-bench/1"
    files = {}                  # name -> (path, etag, mtime, body, gzipped)
    log = sys.stderr
    log_lock = threading.Lock()

    def log_message(self, fmt, *args):      # no default access log
        pass

    def note(self, status, nbytes, name):
        ua = self.headers.get("User-Agent", "-").replace("\n", " ")
        with self.log_lock:
            self.log.write("%d %d /%s %s\n" % (status, nbytes, name, ua))
            self.log.flush()

    def reply(self, status, headers, body):
        self.send_response(status)
        for k, v in headers:
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD" and body:
            try:
                self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                pass

    def do_HEAD(self):
        self.do_GET()

    def do_GET(self):
        name = self.path.split("?", 1)[0].lstrip("/")
        f = self.files.get(name)
        if f is None:
            self.reply(404, [("Content-Type", "text/plain")], b"not found\n")
            return self.note(404, 0, name)
        path, etag, mtime, body, gzipped = f
        gz = "gzip" in self.headers.get("Accept-Encoding", "").lower()
        if gz:
            etag = etag[:-1] + '-gz"'
        inm = self.headers.get("If-None-Match")
        ims = self.headers.get("If-Modified-Since")
        fresh = False
        if inm is not None:
            tags = [t.strip() for t in inm.split(",")]
            fresh = "*" in tags or etag in tags or "W/" + etag in tags
        elif ims is not None:
            try:
                fresh = email.utils.parsedate_to_datetime(ims).timestamp() >= mtime
            except (TypeError, ValueError, IndexError, OverflowError):
                fresh = False
        headers = [("ETag", etag),
                   ("Last-Modified", email.utils.formatdate(mtime, usegmt=True)),
                   ("Vary", "Accept-Encoding"),
                   ("Cache-Control", "no-cache")]
        if fresh:
            self.send_response(304)
            for k, v in headers:
                self.send_header(k, v)
            self.end_headers()
            return self.note(304, 0, name)
        ctype = "application/rss+xml" if name.endswith(".xml") else \
            "text/html" if name.endswith(".html") else "application/octet-stream"
        headers.append(("Content-Type", ctype + "; charset=UTF-8"))
        if gz:
            headers.append(("Content-Encoding", "gzip"))
            body = gzipped
        self.reply(200, headers, body)
        self.note(200, len(body) if self.command != "HEAD" else 0, name)


class Server(http.server.ThreadingHTTPServer):
    daemon_threads = True


def load(paths):
    """The files of paths by base name, with validators and gzipped copy."""
    files = {}
    for path in paths:
        name = os.path.basename(path)
        st = os.stat(path)
        with open(path, "rb") as f:
            body = f.read()
        etag = '"%x-%x"' % (int(st.st_mtime), st.st_size)
        files[name] = (path, etag, int(st.st_mtime), body,
                       gzip.compress(body, 6, mtime=0))
    return files


def main(argv):
    args = argv[1:]
    opts = {"--lifetime": "3600", "--log": None}
    pos = []
    while args:
        a = args.pop(0)
        if a in opts and args:
            opts[a] = args.pop(0)
        elif a.startswith("-"):
            sys.stderr.write(__doc__)
            return 2
        else:
            pos.append(a)
    if len(pos) < 2:
        sys.stderr.write(__doc__)
        return 2
    port_file = pos[0]
    parent = os.getppid()
    Handler.files = load(pos[1:])
    if opts["--log"]:
        Handler.log = open(opts["--log"], "a", buffering=1)
    srv = Server((HOST, 0), Handler)
    assert srv.server_address[0] == HOST
    tmp = port_file + ".tmp"
    with open(tmp, "w") as f:
        f.write("%d\n" % srv.server_address[1])
    os.rename(tmp, port_file)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    end = time.monotonic() + float(opts["--lifetime"])
    while time.monotonic() < end and os.getppid() == parent:
        time.sleep(0.5)
    srv.shutdown()
    srv.server_close()
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv))
    except KeyboardInterrupt:
        sys.exit(130)
