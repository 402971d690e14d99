"""A small web server on loopback addresses, for the link checker's tests and bench.

It answers as the web's sites do, each path saying how, so that tests and the bench
need no network and no state beyond a few counters. Every address in `hosts` (all
of 127.0.0.0/8 is loopback on Linux) listens on the same port, so 200 addresses are
200 distinct hosts to a client. The server runs in separate processes (asyncio,
plain `asyncio.Protocol`, a few microseconds per request), the hosts split between
them, and counts per host the simultaneous open connections — a connection counts
from the moment it is accepted until the server sees it closed by either side.

Paths (``<tail>`` is another path from this list, answered after the step; empty
means ``ok``; the last segment of a path is free, e.g. a number that makes it unique):

  /ok/…                       200, a small HTML page; so is any path not listed here
  /text/…                     200, text/plain
  /big/<kb>/…                 200, an HTML page of <kb> KB
  /status/<code>/…            that status (404, 410, 500, 403, …), a small HTML page
  /slow/<ms>/<tail>           waits <ms> ms, then answers as <tail>
  /hang/…                     never answers (the client times out)
  /chain/<c1.c2…>/<tail>      redirects with status c1 to /chain/<c2…>/<tail>, …, then to /<tail>
  /location/<code>/<target>   redirects with that status to <target> (percent-encoded),
                              e.g. another host or a private address
  /loop/<k>/<i>/…             302 to /loop/<k>/<i+1 mod k>/…: a loop of k addresses
  /retry/<code>/<n>/<after>/<tail>
                              the first <n> requests to this path get <code> (429, 503) with
                              Retry-After: <after> (seconds; ``date<s>`` = an HTTP date <s> s
                              ahead; ``none`` = no header), later ones are answered as <tail>
  /nohead/<code>/<tail>       HEAD gets <code> (405, 501, 403 …); GET is answered as <tail>
  /drop/…                     the connection is closed without an answer
  /drophead/<tail>            HEAD: closed without an answer; GET answered as <tail>
  /soft404/<n>/…              200, a page whose title or heading says "not found" (variant n)
  /robots.txt                 404

`FakeWeb` starts and stops it: ``with FakeWeb(["127.0.0.1"]) as web: web.url("/ok/1")``;
``web.stats()`` gives the counts per host, ``web.reset()`` clears counters and retry
state. Standard library only.
"""

from __future__ import annotations

import asyncio
import email.utils
import multiprocessing
import socket
import ssl
import time
import urllib.parse
from dataclasses import dataclass, field

SOFT_404_PAGES = [
    ("Сторінку не знайдено", "Сторінку не знайдено"),
    ("Помилка 404", "Такої сторінки немає"),
    ("Page not found", "Sorry"),
    ("Міністерство", "404 Not Found"),
    ("Сторінка не знайдена — Портал", "Сторінка не знайдена"),
    ("Не знайдено", "Не знайдено"),
]

_REASONS = {200: "OK", 301: "Moved Permanently", 302: "Found", 303: "See Other",
            307: "Temporary Redirect", 308: "Permanent Redirect", 400: "Bad Request",
            401: "Unauthorized", 403: "Forbidden", 404: "Not Found", 405: "Method Not Allowed",
            410: "Gone", 429: "Too Many Requests", 500: "Internal Server Error",
            501: "Not Implemented", 502: "Bad Gateway", 503: "Service Unavailable"}


@dataclass
class HostCounts:
    open: int = 0
    max_open: int = 0
    connections: int = 0
    requests: int = 0
    methods: dict = field(default_factory=dict)


class _Site:
    """The state of one server process: counters per host and the retry counters."""

    def __init__(self, linkchecker_header: bool):
        self.hosts: dict[str, HostCounts] = {}
        self.retries: dict[str, int] = {}
        self.extra = b"LinkChecker: maxrated\r\n" if linkchecker_header else b""
        self.pages: dict[int, bytes] = {}

    def reset(self):
        for host in self.hosts:
            self.hosts[host] = HostCounts()
        self.retries.clear()

    def stats(self) -> dict:
        return {host: vars(c).copy() for host, c in self.hosts.items()}


def _page(title: str, heading: str, size: int = 0) -> bytes:
    body = (f'<!doctype html><html lang="uk"><head><meta charset="utf-8"><title>{title}</title>'
            f"</head><body><h1>{heading}</h1><p>Електронні послуги для громадян.</p>")
    if size > len(body):
        body += "<p>" + "x" * (size - len(body) - 20) + "</p>"
    return (body + "</body></html>").encode()


_OK_HTML = "text/html; charset=utf-8"


class _Connection(asyncio.Protocol):
    __slots__ = ("site", "counts", "transport", "buffer", "closed", "busy", "timer")

    def __init__(self, site: _Site, host: str):
        self.site = site
        self.counts = site.hosts[host]
        self.transport = None
        self.buffer = b""
        self.closed = False
        self.busy = False
        self.timer = None

    def connection_made(self, transport):
        self.transport = transport
        c = self.counts
        c.open += 1
        c.connections += 1
        if c.open > c.max_open:
            c.max_open = c.open

    def _gone(self):
        if not self.closed:
            self.closed = True
            self.counts.open -= 1
            if self.timer is not None:
                self.timer.cancel()

    def eof_received(self):
        # Counted as closed as soon as the client's FIN is read, before any new
        # connection that the client opened after closing this one is accepted.
        self._gone()
        return False

    def connection_lost(self, exc):
        self._gone()

    def data_received(self, data):
        self.buffer += data
        if not self.busy:
            self._next()

    def _next(self):
        end = self.buffer.find(b"\r\n\r\n")
        if end < 0 or self.closed:
            return
        head, self.buffer = self.buffer[:end], self.buffer[end + 4:]
        request_line, _, headers = head.partition(b"\r\n")
        try:
            method, target, version = request_line.decode("latin-1").split(" ")
        except ValueError:
            self._send(400, b"", method="GET", close=True)
            return
        keep = version == "HTTP/1.1" and b"connection: close" not in headers.lower()
        path = urllib.parse.urlsplit(target).path if "://" in target else target.split("?")[0]
        c = self.counts
        c.requests += 1
        c.methods[method] = c.methods.get(method, 0) + 1
        self.busy = True
        self._answer(method, path, [p for p in path.split("/")[1:]], keep)

    def _answer(self, method: str, path: str, parts: list[str], keep: bool):
        kind = parts[0] if parts else ""
        arg = parts[1] if len(parts) > 1 else ""
        try:
            if kind == "robots.txt":
                self._send(404, _page("404", "Not Found"), method, keep)
            elif kind == "text":
                self._send(200, b"plain text\n", method, keep, ctype="text/plain")
            elif kind == "big":
                size = int(arg) * 1024
                body = self.site.pages.get(size)
                if body is None:
                    body = self.site.pages[size] = _page("Великий документ", "Документ", size)
                self._send(200, body, method, keep)
            elif kind == "status":
                code = int(arg)
                self._send(code, _page(f"{code}", "Помилка"), method, keep)
            elif kind == "slow":
                self.timer = asyncio.get_running_loop().call_later(
                    int(arg) / 1000, self._answer, method, path, parts[2:], keep)
            elif kind == "hang":
                pass
            elif kind == "chain":
                codes = arg.split(".")
                tail = "/".join(parts[2:])
                rest = f"/chain/{'.'.join(codes[1:])}/{tail}" if len(codes) > 1 else f"/{tail}"
                self._send(int(codes[0]), b"", method, keep, location=rest)
            elif kind == "location":
                target = urllib.parse.unquote("/".join(parts[2:]))
                self._send(int(arg), b"", method, keep, location=target)
            elif kind == "loop":
                k, i = int(arg), int(parts[2])
                rest = "/".join(parts[3:])
                self._send(302, b"", method, keep, location=f"/loop/{k}/{(i + 1) % k}/{rest}")
            elif kind == "retry":
                code, n, after = int(arg), int(parts[2]), parts[3]
                seen = self.site.retries.get(path, 0) + 1
                self.site.retries[path] = seen
                if seen <= n:
                    if after == "none":
                        extra = b""
                    elif after.startswith("date"):
                        when = email.utils.formatdate(time.time() + int(after[4:] or 1), usegmt=True)
                        extra = f"Retry-After: {when}\r\n".encode()
                    else:
                        extra = f"Retry-After: {after}\r\n".encode()
                    self._send(code, _page(f"{code}", "Зачекайте"), method, keep, extra=extra)
                else:
                    self._answer(method, path, parts[4:], keep)
            elif kind == "nohead":
                if method == "HEAD":
                    self._send(int(arg), _page(arg, "Метод не дозволено"), method, keep)
                else:
                    self._answer(method, path, parts[2:], keep)
            elif kind == "drop":
                self._drop()
            elif kind == "drophead":
                if method == "HEAD":
                    self._drop()
                else:
                    self._answer(method, path, parts[1:], keep)
            elif kind == "soft404":
                title, heading = SOFT_404_PAGES[int(arg) % len(SOFT_404_PAGES)]
                self._send(200, _page(title, heading), method, keep)
            elif kind == "html":  # /html/<percent-encoded title>/…: a page with that title
                self._send(200, _page(urllib.parse.unquote(arg), "Сторінка"), method, keep)
            else:  # /ok/… and any other path
                self._send(200, _page("Портал послуг", "Послуги"), method, keep)
        except (ValueError, IndexError):
            self._send(400, _page("400", "Bad path"), method, keep)

    def _drop(self):
        self.transport.close()
        self._gone()

    def _send(self, code: int, body: bytes, method: str, keep: bool, *, ctype: str = _OK_HTML,
              location: str = "", extra: bytes = b"", close: bool = False):
        self.timer = None
        if self.closed:
            return
        keep = keep and not close
        head = (f"HTTP/1.1 {code} {_REASONS.get(code, 'Status')}\r\n"
                f"Content-Type: {ctype}\r\nContent-Length: {len(body)}\r\n"
                f"{'Location: ' + location + chr(13) + chr(10) if location else ''}"
                f"{'' if keep else 'Connection: close' + chr(13) + chr(10)}").encode()
        self.transport.write(head + extra + self.site.extra + b"\r\n"
                             + (b"" if method == "HEAD" else body))
        self.busy = False
        if not keep:
            self.transport.close()
            self._gone()
        elif self.buffer:
            self._next()


def _serve(sockets: list[socket.socket], ssl_files, linkchecker_header: bool, control) -> None:
    """One server process: answers on its sockets until told to stop."""

    async def main():
        loop = asyncio.get_running_loop()
        site = _Site(linkchecker_header)
        context = None
        if ssl_files:
            context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            context.load_cert_chain(*ssl_files)
        servers = []
        for sock in sockets:
            host = sock.getsockname()[0]
            site.hosts[host] = HostCounts()
            servers.append(await loop.create_server(
                lambda host=host: _Connection(site, host), sock=sock, ssl=context, backlog=1024))
        stopped = loop.create_future()

        def on_command():
            try:
                command = control.recv()
            except EOFError:
                command = "stop"
            if command == "stats":
                control.send(site.stats())
            elif command == "reset":
                site.reset()
                control.send("ok")
            elif not stopped.done():
                stopped.set_result(None)

        loop.add_reader(control.fileno(), on_command)
        control.send("ready")
        await stopped
        for server in servers:
            server.close()

    asyncio.run(main())


class FakeWeb:
    """The fake web on `hosts` (loopback addresses), all on one port, in `processes` processes."""

    def __init__(self, hosts=("127.0.0.1",), *, processes: int = 1, port: int = 0,
                 ssl_files: tuple[str, str] | None = None, linkchecker_header: bool = False):
        self.hosts = list(hosts)
        self.processes = max(1, min(processes, len(self.hosts)))
        self.port = port
        self.ssl_files = ssl_files
        self.linkchecker_header = linkchecker_header
        self.scheme = "https" if ssl_files else "http"
        self._workers: list[tuple[multiprocessing.Process, object]] = []

    def _bind(self) -> list[socket.socket]:
        for _ in range(20):
            sockets = []
            port = self.port
            try:
                for host in self.hosts:
                    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
                    sockets.append(sock)
                    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
                    sock.bind((host, port))
                    port = sock.getsockname()[1]
            except OSError:
                for sock in sockets:
                    sock.close()
                if self.port:
                    raise
                continue
            self.port = port
            return sockets
        raise OSError("no port free on all the fake web's addresses")

    def start(self) -> FakeWeb:
        sockets = self._bind()
        # fork: the children inherit the bound sockets; they run only this module's code.
        context = multiprocessing.get_context("fork")
        for n in range(self.processes):
            mine = sockets[n::self.processes]
            parent_end, child_end = context.Pipe()
            process = context.Process(target=_serve, daemon=True, name=f"fakeweb-{n}",
                                      args=(mine, self.ssl_files, self.linkchecker_header,
                                            child_end))
            process.start()
            child_end.close()
            self._workers.append((process, parent_end))
        for sock in sockets:
            sock.close()
        for process, control in self._workers:
            if not control.poll(10) or control.recv() != "ready":
                self.stop()
                raise RuntimeError(f"{process.name} did not start")
        return self

    def _ask(self, command: str) -> list:
        answers = []
        for _process, control in self._workers:
            control.send(command)
        for process, control in self._workers:
            if not control.poll(10):
                raise RuntimeError(f"{process.name} does not answer")
            answers.append(control.recv())
        return answers

    def stats(self) -> dict[str, dict]:
        """Per host: max_open (most simultaneous connections), connections, requests, methods."""
        merged = {}
        for answer in self._ask("stats"):
            merged.update(answer)
        return merged

    def max_connections(self) -> int:
        return max((c["max_open"] for c in self.stats().values()), default=0)

    def reset(self) -> None:
        self._ask("reset")

    def stop(self) -> None:
        for _process, control in self._workers:
            try:
                control.send("stop")
            except OSError:
                pass
        for process, control in self._workers:
            process.join(5)
            if process.is_alive():
                process.kill()
                process.join()
            control.close()
        self._workers = []

    def url(self, path: str, host: str | None = None) -> str:
        return f"{self.scheme}://{host or self.hosts[0]}:{self.port}{path}"

    def __enter__(self) -> FakeWeb:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()
