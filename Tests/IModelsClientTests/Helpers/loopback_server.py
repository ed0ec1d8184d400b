"""A small HTTP server for the URLSessionTransport tests (Python 3 standard library only).

Run with `python3 -u loopback_server.py`. It listens on three loopback addresses, all served by the
same handler and sharing state:

    primary    127.0.0.1, port 0
    otherHost  127.0.0.2, port 0   (another origin: another host)
    otherPort  127.0.0.1, port 0   (another origin: same host, another port)

Its first line of output is JSON with the three ports and a port nothing listens on (bound, then closed),
for example {"primary": 12345, "otherHost": 23456, "otherPort": 34567, "closedPort": 45678}.
It serves until its stdin closes.

Endpoints (any method):
    /echo                       200, JSON {method, path, query, headers, body, clientPort} of the request;
                                ?keepAlive=1 keeps the connection open even after "Connection: close"
    /status/{code}              that status; ?header=Name:Value (repeatable) adds headers, ?body=text the body
    /slow?seconds=N             waits N seconds, then 200 "slow"
    /close-mid-response         announces 1000 bytes, sends 10, then closes the connection
    /close-without-response     reads the request, then closes the connection without answering
    /drop/{key}                 counts the request in /count/{key} as soon as its head arrives (with
                                bodyComplete false until all of its Content-Length has come, waiting at most
                                30 s), then closes the connection without answering
    /redirect?code=302&to=URL   that status with Location: URL
    /big?bytes=N                200 with N bytes of "a"; &chunked=1 without Content-Length (chunked), &gzip=1
                                compressed with Content-Encoding: gzip
    POST /script/{key}          body: JSON list of {status, headers, body}; replaces the script of key
    /sequence/{key}             answers with the next scripted reply of key (each used once), then 200 "{}"
    /count/{key}                200, JSON {count, requests: [{method, headers, body}]} of /sequence/{key}
                                or /drop/{key}
"""

import gzip
import json
import os
import socket
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

LOCK = threading.Lock()
SCRIPTS = {}  # key -> list of replies still to give
HITS = {}  # key -> list of requests seen on /sequence/{key}


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, format, *args):
        pass  # keep the test output quiet

    def handle_one_request(self):
        try:
            super().handle_one_request()
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True  # the client gave up (timeout, cancellation)

    def __getattr__(self, name):
        if name.startswith("do_"):
            return self.dispatch
        raise AttributeError(name)

    def dispatch(self):
        url = urlsplit(self.path)
        self.query = parse_qs(url.query)
        length = int(self.headers.get("Content-Length") or 0)
        parts = url.path.strip("/").split("/")
        if parts[0] == "drop" and len(parts) == 2:
            self.route_drop(parts[1], length)
            return
        self.body = self.rfile.read(length) if length else b""
        if parts[0] == "api" and len(parts) > 2:
            # /api/<key>/<any path>: the scripted sequence <key>, for a client that appends its own paths.
            self.route_sequence(parts[1])
            return
        route = getattr(self, "route_" + parts[0].replace("-", "_"), None)
        arity = route.__code__.co_argcount - 1 if route else -1
        if arity != len(parts) - 1:
            self.reply(404, {"error": "no route " + url.path})
        else:
            route(*parts[1:])

    def reply(self, status, body=b"", headers=()):
        if not isinstance(body, (bytes, str)):
            body = json.dumps(body)
            headers = [("Content-Type", "application/json"), *headers]
        if isinstance(body, str):
            body = body.encode()
        self.send_response(status)
        for name, value in headers:
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def request_record(self):
        return {
            "method": self.command,
            "headers": dict(self.headers.items()),
            "body": self.body.decode("utf-8", "replace"),
        }

    def route_echo(self):
        url = urlsplit(self.path)
        self.reply(200, {**self.request_record(), "path": url.path, "query": self.query, "clientPort": self.client_address[1]})
        if self.query.get("keepAlive", ["0"])[0] == "1":
            self.close_connection = False  # a server that keeps the connection open even when asked to close it

    def route_status(self, code):
        headers = [tuple(h.split(":", 1)) for h in self.query.get("header", []) if ":" in h]
        self.reply(int(code), self.query.get("body", [""])[0], [(n.strip(), v.strip()) for n, v in headers])

    def route_slow(self):
        time.sleep(float(self.query.get("seconds", ["1"])[0]))
        self.reply(200, "slow")

    def route_close_mid_response(self):
        self.send_response(200)
        self.send_header("Content-Length", "1000")
        self.end_headers()
        self.wfile.write(b"0123456789")
        self.wfile.flush()
        self.close_connection = True

    def route_close_without_response(self):
        self.close_connection = True

    def route_drop(self, key, length):
        # Counted as soon as the head arrives, so a request whose body never comes is counted too.
        record = {"method": self.command, "headers": dict(self.headers.items()), "body": "", "bodyComplete": length == 0}
        with LOCK:
            HITS.setdefault(key, []).append(record)
        self.connection.settimeout(30)
        try:
            body = self.rfile.read(length) if length else b""
        except OSError:
            body = b""
        with LOCK:
            record["body"] = body.decode("utf-8", "replace")
            record["bodyComplete"] = len(body) == length
        self.close_connection = True

    def route_big(self):
        # ?bytes=N of "a"; ?chunked=1 sends them chunked (no Content-Length); ?gzip=1 sends them gzip-compressed
        # with Content-Encoding: gzip (zeros compress a thousandfold, so a small answer unpacks to N bytes).
        size = int(self.query.get("bytes", ["0"])[0])
        chunked = self.query.get("chunked", ["0"])[0] == "1"
        packed = self.query.get("gzip", ["0"])[0] == "1"
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        if packed:
            data = gzip.compress(b"a" * size, compresslevel=9)
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
            return
        piece = b"a" * 65536
        if not chunked:
            self.send_header("Content-Length", str(size))
            self.end_headers()
        else:
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
        try:
            left = size
            while left > 0:
                part = piece[: min(left, len(piece))]
                self.wfile.write(b"%x\r\n%s\r\n" % (len(part), part) if chunked else part)
                left -= len(part)
            if chunked:
                self.wfile.write(b"0\r\n\r\n")
        except OSError:
            self.close_connection = True  # the client stopped reading

    def route_redirect(self):
        code = int(self.query.get("code", ["302"])[0])
        self.reply(code, "", [("Location", self.query["to"][0])])

    def route_script(self, key):
        replies = json.loads(self.body or b"[]")
        with LOCK:
            SCRIPTS[key] = list(replies)
        self.reply(200, {"queued": len(replies)})

    def route_sequence(self, key):
        with LOCK:
            HITS.setdefault(key, []).append(self.request_record())
            script = SCRIPTS.get(key) or []
            step = script.pop(0) if script else {"status": 200, "body": "{}"}
        headers = list((step.get("headers") or {}).items())
        self.reply(int(step.get("status", 200)), step.get("body", ""), headers)

    def route_count(self, key):
        with LOCK:
            hits = list(HITS.get(key, []))
        self.reply(200, {"count": len(hits), "requests": hits})


class Server(ThreadingHTTPServer):
    daemon_threads = True
    # The default listen backlog of 5 overflows when the suite's tests connect at once, and the kernel then
    # resets some connections that carry a body ("Connection reset by peer"); measured here: 5 of 30 PUTs.
    request_queue_size = 128


def serve(host):
    server = Server((host, 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server.server_address[1]


HELD = []


def closed_port():
    """A port bound but never listened on, held for the life of the server: connecting is refused, and no other
    socket (another test's server) can take the port in the meantime, as it could once a probe is closed."""
    held = socket.socket()
    held.bind(("127.0.0.1", 0))
    HELD.append(held)
    return held.getsockname()[1]


def exit_when_stdin_closes():
    sys.stdin.buffer.read()  # returns at EOF: the test process closed our stdin or died
    os._exit(0)


if __name__ == "__main__":
    ports = {"primary": serve("127.0.0.1"), "otherHost": serve("127.0.0.2"), "otherPort": serve("127.0.0.1")}
    ports["closedPort"] = closed_port()
    print(json.dumps(ports), flush=True)
    exit_when_stdin_closes()
