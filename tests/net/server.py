#!/usr/bin/env python3
"""Loopback HTTP server for the net tests (python3 standard library only).

    server.py --routes ROUTES.json --port-file FILE --log LOG.jsonl
              [--lifetime SECONDS]

Binds 127.0.0.1 port 0 and writes the port to FILE (atomically, so a
reader polling for it never sees half a number).  Exits by itself after
--lifetime seconds (default 60), whatever happens.

ROUTES.json maps a path (with the query, e.g. "/feed?paged=2") to a reply;
it is read again at every request, so a test can change a feed between two
runs.  A reply is an object; every key is optional:

    status        HTTP status (200)
    reason        reason phrase (the standard one)
    headers       {name: value} added to the reply
    body          the body as a string
    body_file     the body from this file (relative to ROUTES.json)
    rewrite_host  replace https://ifpnews.com in the body with this server
    etag          send ETag; answer 304 to a matching If-None-Match
    last_modified send Last-Modified; 304 to an equal If-Modified-Since
    gzip          gzip the body (Content-Encoding: gzip)
    zeros         body of this many "0" bytes (made on the fly; with gzip
                  it is a gzip bomb: a few KB on the wire)
    prefix        with zeros: this string comes before them (say, the
                  start of a feed whose title is the zeros)
    location      redirect target (status defaults to 302)
    content_length  send this Content-Length whatever the body is
    pad_headers   add this many bytes of X-Pad headers
    delay         seconds to wait before answering
    drip          seconds between bytes: send the reply a byte at a time
    hang          accept, read the request, never answer
    reset_after   send this many body bytes, then reset the connection
    no_reply      close the connection without sending anything
    raw           send this string as the whole reply (no status line,
                  no headers), then close

Every request is logged as one JSON line, once answered: path, method,
request headers, status, body_bytes (bytes of body put on the wire),
wire_bytes (the whole reply), t (seconds since start), and arrived (when
the request came: time.monotonic(), the clock every process shares, so a
test can tell the requests made after a point however late they are
logged).  A route that is not in ROUTES.json
is a 404.
"""
import argparse
import http.server
import json
import os
import socket
import socketserver
import struct
import sys
import threading
import time
import zlib

START = time.monotonic()
LOG_LOCK = threading.Lock()
ARGS = None
BOMB_CACHE = {}


def log(entry):
    entry["t"] = round(time.monotonic() - START, 3)
    with LOG_LOCK, open(ARGS.log, "a") as f:
        f.write(json.dumps(entry) + "\n")


def load_routes():
    try:
        with open(ARGS.routes) as f:
            return json.load(f)
    except (OSError, ValueError):
        return {}


def zeros_gzip(n, prefix=b""):
    """One gzip stream of prefix and n "0" bytes (a bomb: ~1 KB per
    MiB)."""
    key = (n, prefix)
    if key not in BOMB_CACHE:
        co = zlib.compressobj(6, zlib.DEFLATED, 31)
        chunk = b"0" * (1 << 20)
        out = [co.compress(prefix)]
        while n > 0:
            out.append(co.compress(chunk[:min(n, len(chunk))]))
            n -= min(n, len(chunk))
        out.append(co.flush())
        BOMB_CACHE[key] = b"".join(out)
    return BOMB_CACHE[key]


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "ifpnews-test"
    sys_version = ""

    def log_message(self, fmt, *args):
        pass

    def do_HEAD(self):
        self.do_GET()

    def do_GET(self):
        routes = load_routes()
        spec = routes.get(self.path)
        entry = {
            "arrived": time.monotonic(),
            "path": self.path,
            "method": self.command,
            "headers": {k.lower(): v for k, v in self.headers.items()},
            "status": None,
            "body_bytes": 0,
            "wire_bytes": 0,
        }
        try:
            self.reply(spec, entry)
        except (BrokenPipeError, ConnectionResetError, socket.timeout):
            entry["aborted"] = True
        finally:
            log(entry)

    def body_of(self, spec):
        if "zeros" in spec:
            n = int(spec["zeros"])
            prefix = spec.get("prefix", "").encode()
            if spec.get("gzip"):
                return zeros_gzip(n, prefix), True
            return prefix + b"0" * n, False
        if "body_file" in spec:
            path = os.path.join(os.path.dirname(ARGS.routes), spec["body_file"])
            with open(path, "rb") as f:
                body = f.read()
        else:
            body = spec.get("body", "").encode()
        if spec.get("rewrite_host"):
            port = self.server.server_address[1]
            body = body.replace(b"https://ifpnews.com",
                                b"http://127.0.0.1:%d" % port)
        if spec.get("gzip"):
            co = zlib.compressobj(6, zlib.DEFLATED, 31)
            return co.compress(body) + co.flush(), True
        return body, False

    def reply(self, spec, entry):
        if spec is None:
            spec = {"status": 404, "body": "not found\n",
                    "headers": {"Content-Type": "text/plain"}}
        if spec.get("hang"):
            entry["status"] = "hang"
            self.close_connection = True
            deadline = START + ARGS.lifetime
            while time.monotonic() < deadline:
                time.sleep(0.2)
            return
        if spec.get("no_reply"):
            entry["status"] = "no_reply"
            self.close_connection = True
            return
        if "raw" in spec:
            entry["status"] = "raw"
            raw = spec["raw"].encode()
            self.wfile.write(raw)
            self.wfile.flush()
            entry["wire_bytes"] = len(raw)
            self.close_connection = True
            return
        if spec.get("delay"):
            time.sleep(float(spec["delay"]))

        status = int(spec.get("status", 302 if "location" in spec else 200))
        body, gz = self.body_of(spec)
        headers = [(k, v) for k, v in spec.get("headers", {}).items()]
        if "location" in spec:
            loc = spec["location"].replace(
                "PORT", str(self.server.server_address[1]))
            headers.append(("Location", loc))
        etag = spec.get("etag")
        lm = spec.get("last_modified")
        if etag:
            headers.append(("ETag", etag))
        if lm:
            headers.append(("Last-Modified", lm))
        inm = self.headers.get("If-None-Match")
        ims = self.headers.get("If-Modified-Since")
        if status == 200 and ((etag and inm == etag) or
                              (not etag and lm and ims == lm)):
            status, body, gz = 304, b"", False
        if gz:
            headers.append(("Content-Encoding", "gzip"))
        if "pad_headers" in spec:
            left = int(spec["pad_headers"])
            i = 0
            while left > 0:
                v = "x" * min(1000, left)
                headers.append(("X-Pad-%d" % i, v))
                left -= len(v) + 12
                i += 1
        clen = spec.get("content_length", len(body))

        head = "HTTP/1.1 %d %s\r\n" % (
            status, spec.get("reason", self.responses.get(status, ("",))[0]))
        head += "Server: ifpnews-test\r\n"
        if status != 304 or body:
            head += "Content-Length: %d\r\n" % clen
        for k, v in headers:
            head += "%s: %s\r\n" % (k, v)
        head += "\r\n"
        raw = head.encode("latin-1")
        entry["status"] = status
        if self.command == "HEAD":
            body = b""

        if spec.get("drip"):
            self.close_connection = True
            for b in [raw[i:i + 1] for i in range(len(raw))] + \
                    [body[i:i + 1] for i in range(len(body))]:
                self.wfile.write(b)
                self.wfile.flush()
                entry["wire_bytes"] += 1
                time.sleep(float(spec["drip"]))
            return
        self.wfile.write(raw)
        entry["wire_bytes"] += len(raw)
        if "reset_after" in spec:
            n = int(spec["reset_after"])
            self.wfile.write(body[:n])
            self.wfile.flush()
            entry["body_bytes"] = min(n, len(body))
            entry["wire_bytes"] += entry["body_bytes"]
            # SO_LINGER 0: close() sends RST instead of FIN.
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER,
                                       struct.pack("ii", 1, 0))
            # Closed here: socketserver would shut it down first, and
            # the client would see that FIN, not the reset.
            self.connection.close()
            self.close_connection = True
            return
        self.wfile.write(body)
        self.wfile.flush()
        entry["body_bytes"] = len(body)
        entry["wire_bytes"] += len(body)
        if "content_length" in spec:
            self.close_connection = True


class Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def handle_error(self, request, client_address):
        pass  # a client that hangs up early is part of the tests


def main():
    global ARGS
    p = argparse.ArgumentParser()
    p.add_argument("--routes", required=True)
    p.add_argument("--port-file", required=True)
    p.add_argument("--log", required=True)
    p.add_argument("--lifetime", type=float, default=60)
    ARGS = p.parse_args()
    ARGS.routes = os.path.abspath(ARGS.routes)

    srv = Server(("127.0.0.1", 0), Handler)
    tmp = ARGS.port_file + ".tmp"
    with open(tmp, "w") as f:
        f.write("%d\n" % srv.server_address[1])
    os.rename(tmp, ARGS.port_file)

    def stop():
        time.sleep(ARGS.lifetime)
        os._exit(0)

    threading.Thread(target=stop, daemon=True).start()
    srv.serve_forever()


if __name__ == "__main__":
    sys.exit(main())
