"""The link checker: many addresses at once, politely, each answer classified.

`check_urls(urls, **options)` (or `check_urls_sync` from a management command or a
huey task) returns a `CheckResult` per address. No Django here: `checking.py` keeps
the results. Standard library only: HTTP/1.1 over asyncio protocols, one event loop.
A checker only needs the status line, a few headers and at most 64 KB of a page, and
on a small machine a general client's per-request overhead was most of the time
(see benchmarks/README.md, "Link check").

How an address is checked:

- Non-http(s) or malformed addresses are `invalid` without a request.
- The host is resolved once per run and every address it resolves to must be public
  (not private, loopback, link-local, reserved, shared or multicast) unless
  `allow_private` or one of `allowed_networks` covers it; otherwise `blocked`. The
  connection goes to an address that was checked, never to the name, so a name that
  resolves differently a second time cannot slip through. Every redirect target is
  checked the same way.
- HEAD first. When HEAD is refused (any 4xx/5xx but 429, or the connection dropped on
  HEAD), the same address is asked with GET, whose answer counts. An HTML page that
  answers 200 is then fetched with GET (at most `body_limit` bytes, 64 KB) to see
  whether its title or first heading says "not found" (`soft_404`).
- Redirects are followed by hand, up to `max_redirects`, each one recorded; an address
  seen twice (with the same cookies) is a `redirect_loop`. When the chain starts with
  permanent redirects (301/308) and ends at a working page, `new_url` is the target of
  the last of those permanent hops (a later temporary hop is not the new address) and
  the outcome is `redirected`.
- 429 and 503 are asked again after Retry-After (seconds or an HTTP date; `retry_wait`
  without the header), at most `retries` times; a Retry-After longer than
  `max_retry_wait` is not waited for. Still refused: `rate_limited` — the site is alive
  and asks to come later, so it is not counted as broken. A 503 that never said
  Retry-After is a `server_error`.
- At most `per_host` connections to one host (scheme, host, port) at a time, kept alive
  between requests, and `concurrency` requests in all. A request takes its host's slot
  before one of the run's, so a host with many addresses does not hold up the others;
  waiting for Retry-After holds no slot.
- Bodies: at most `body_limit` bytes are read; a longer body closes the connection.
- `elapsed_ms` is the time spent on requests (not waiting for a turn or Retry-After),
  `attempts` the number of requests tried for the address.
"""

from __future__ import annotations

import asyncio
import email.utils
import html
import ipaddress
import re
import socket
import ssl
import threading
import time
import urllib.parse
import zlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum

USER_AGENT = "civicdesk-linkcheck/1 (+library e-government center)"


class Outcome(StrEnum):
    OK = "ok"
    REDIRECTED = "redirected"
    NOT_FOUND = "not_found"
    SERVER_ERROR = "server_error"
    CLIENT_ERROR = "client_error"
    RATE_LIMITED = "rate_limited"
    TIMEOUT = "timeout"
    DNS_ERROR = "dns_error"
    REFUSED = "refused"
    TLS_ERROR = "tls_error"
    DROPPED = "dropped"
    REDIRECT_LOOP = "redirect_loop"
    TOO_MANY_REDIRECTS = "too_many_redirects"
    SOFT_404 = "soft_404"
    BLOCKED = "blocked"
    INVALID = "invalid"

    @property
    def is_broken(self) -> bool:
        """Everything but a working page, a moved one, and a site that asks to come later."""
        return self not in _ALIVE


_ALIVE = frozenset({Outcome.OK, Outcome.REDIRECTED, Outcome.RATE_LIMITED})


@dataclass
class CheckResult:
    url: str
    outcome: Outcome
    http_status: int | None = None
    final_url: str = ""
    redirects: list[tuple[int, str]] = field(default_factory=list)
    new_url: str = ""
    elapsed_ms: int = 0
    detail: str = ""
    attempts: int = 0


@dataclass(frozen=True)
class Options:
    concurrency: int = 50
    per_host: int = 2
    timeout: float = 10.0
    retries: int = 2
    max_retry_wait: float = 30.0
    retry_wait: float = 5.0
    max_redirects: int = 10
    allow_private: bool = False
    allowed_networks: tuple[str, ...] = ()
    user_agent: str = USER_AGENT
    body_limit: int = 65536


REDIRECTS = frozenset({301, 302, 303, 307, 308})
PERMANENT = frozenset({301, 308})
MAX_HEAD = 65536  # bytes of status line and headers


class Failed(Exception):
    """A request or a check that ended without a usable answer."""

    def __init__(self, outcome: Outcome, detail: str, status: int | None = None):
        super().__init__(detail)
        self.outcome, self.detail, self.status = outcome, detail, status


# --- Addresses ---------------------------------------------------------------


class AddressPolicy:
    """Which IP addresses the checker may connect to."""

    def __init__(self, allow_private: bool, allowed_networks: Iterable[str]):
        self.allow_private = allow_private
        self.networks = [ipaddress.ip_network(n, strict=False) for n in allowed_networks]

    def allows(self, address: str) -> bool:
        if self.allow_private:
            return True
        ip = ipaddress.ip_address(address.split("%", 1)[0])
        if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
            ip = ip.ipv4_mapped
        if any(ip in network for network in self.networks):
            return True
        return ip.is_global and not ip.is_multicast


@dataclass(frozen=True)
class Target:
    """An http(s) address as the checker sends it: ASCII host, encoded path."""

    url: str
    scheme: str
    host: str  # IDNA, lower case, no brackets
    port: int
    path: str  # path and query, percent-encoded

    @property
    def key(self) -> tuple[str, str, int]:
        return (self.scheme, self.host, self.port)

    @property
    def host_header(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        default = 443 if self.scheme == "https" else 80
        return host if self.port == default else f"{host}:{self.port}"


_PATH_SAFE = "/%:@!$&'()*+,;=~-._"
_QUERY_SAFE = _PATH_SAFE + "?"


def parse_target(url: str) -> Target | None:
    """The address as a Target when it is an http(s) address with a host, else None."""
    try:
        parts = urllib.parse.urlsplit(url.strip())
        scheme = parts.scheme.lower()
        host = parts.hostname
        port = parts.port
    except (ValueError, TypeError, AttributeError):
        return None
    if scheme not in ("http", "https") or not host or any(c in host for c in " <>\\\"'"):
        return None
    if not host.isascii():
        try:
            host = host.encode("idna").decode("ascii")
        except UnicodeError:
            return None
    if ":" in host and _ip_literal(host) is None:
        return None
    path = urllib.parse.quote(parts.path or "/", safe=_PATH_SAFE)
    if parts.query:
        path += "?" + urllib.parse.quote(parts.query, safe=_QUERY_SAFE)
    return Target(url=url, scheme=scheme, host=host, port=port or (443 if scheme == "https" else 80),
                  path=path)


def _ip_literal(host: str) -> str | None:
    try:
        return str(ipaddress.ip_address(host))
    except ValueError:
        return None


# --- Soft 404 ----------------------------------------------------------------

_TITLE = re.compile(rb"<title[^>]*>(.*?)</title", re.I | re.S)
_H1 = re.compile(rb"<h1[^>]*>(.*?)</h1", re.I | re.S)
_TAG = re.compile(r"<[^>]+>")
_CHARSET = re.compile(r"""charset=["']?([a-zA-Z0-9_-]+)""", re.I)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset=["']?([a-zA-Z0-9_-]+)""", re.I)
NOT_FOUND_TEXT = re.compile(
    r"not\s+found|page\s+(?:does\s+not|doesn't)\s+exist|no\s+longer\s+exists"
    r"|не\s+знайден[оаіий]|не\s+найден[оаы]|сторінк[аиу]\s+не\s+існує|страниц[аы]\s+не\s+существует"
    r"|^\s*404\b(?!-)|(?:error|помилка|ошибка|код)\s*:?\s*404\b"
    r"|\b404\s*(?:[–—:|]|\s-\s|not\b|error\b|помилка\b|page\b|сторінк)",
    re.I,
)


def says_not_found(body: bytes, charset: str | None = None) -> bool:
    """Whether an HTML page's title or first heading says the page is not there.

    "404" alone counts only as a whole title or next to an error word, so that
    "Закон № 404-IX" is not taken for an error page."""
    if not charset:
        meta = _META_CHARSET.search(body[:2048])
        charset = meta.group(1).decode() if meta else "utf-8"
    for pattern in (_TITLE, _H1):
        match = pattern.search(body)
        if match:
            try:
                text = match.group(1).decode(charset, "replace")
            except LookupError:
                text = match.group(1).decode("utf-8", "replace")
            text = " ".join(html.unescape(_TAG.sub(" ", text)).split())
            if text and NOT_FOUND_TEXT.search(text):
                return True
    return False


def retry_after(value: str | None, now: float | None = None) -> float | None:
    """Seconds to wait from a Retry-After header (seconds or an HTTP date), None if absent."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when is None:
        return None
    return max(0.0, when.timestamp() - (time.time() if now is None else now))


# --- HTTP/1.1 ----------------------------------------------------------------


class _Closed(Exception):
    """The server closed the connection; `got` tells whether any answer had begun."""

    def __init__(self, got: bool, exc: BaseException | None = None):
        super().__init__("connection closed")
        self.got, self.exc = got, exc


@dataclass
class Answer:
    method: str
    status: int
    headers: dict[str, str]
    cookies: dict[str, str]
    body: bytes | None  # the first body_limit bytes of an HTML 200 page, GET only

    @property
    def location(self) -> str | None:
        return self.headers.get("location")

    @property
    def retry_after(self) -> str | None:
        return self.headers.get("retry-after")

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "").split(";", 1)[0].strip().lower()

    @property
    def html(self) -> bool:
        return self.content_type in ("text/html", "application/xhtml+xml", "")

    @property
    def charset(self) -> str | None:
        match = _CHARSET.search(self.headers.get("content-type", ""))
        return match.group(1) if match else None


class Connection(asyncio.Protocol):
    """One keep-alive HTTP/1.1 connection, one request at a time."""

    def __init__(self):
        self.transport: asyncio.Transport | None = None
        self.buffer = bytearray()
        self.waiter: asyncio.Future | None = None
        self.closed = False
        self.error: BaseException | None = None
        self.used = 0
        self.gone = asyncio.get_running_loop().create_future()

    # protocol side

    def connection_made(self, transport):
        self.transport = transport

    def data_received(self, data):
        self.buffer += data
        waiter = self.waiter
        if waiter is not None and not waiter.done():
            waiter.set_result(None)

    def eof_received(self):
        self._lost(None)
        return False

    def connection_lost(self, exc):
        self._lost(exc)
        if not self.gone.done():
            self.gone.set_result(None)

    def _lost(self, exc):
        self.closed = True
        self.error = self.error or exc
        waiter = self.waiter
        if waiter is not None and not waiter.done():
            waiter.set_result(None)

    def close(self):
        """Close at once; the socket itself is closed on the loop's next turn (`gone`)."""
        self.closed = True
        if self.transport is not None and not self.transport.is_closing():
            self.transport.abort()
        elif self.transport is None and not self.gone.done():
            self.gone.set_result(None)

    # client side

    async def _more(self, got: bool) -> None:
        if self.closed:
            raise _Closed(got, self.error)
        self.waiter = asyncio.get_running_loop().create_future()
        await self.waiter
        self.waiter = None
        if not self.buffer and self.closed:
            raise _Closed(got, self.error)

    async def _take(self, n: int) -> bytes:
        while len(self.buffer) < n:
            if self.closed:
                raise _Closed(True, self.error)
            await self._more(True)
        data = bytes(self.buffer[:n])
        del self.buffer[:n]
        return data

    async def _line(self) -> bytes:
        while (end := self.buffer.find(b"\r\n")) < 0:
            if len(self.buffer) > MAX_HEAD:
                raise Failed(Outcome.SERVER_ERROR, "line too long in the answer")
            await self._more(True)
        line = bytes(self.buffer[:end])
        del self.buffer[:end + 2]
        return line

    async def exchange(self, method: str, request: bytes, limit: int) -> tuple[Answer, bool]:
        """Send one request, read the answer; (answer, whether the connection can be reused)."""
        self.used += 1
        self.buffer.clear()
        self.transport.write(request)
        got = False
        while True:
            while (end := self.buffer.find(b"\r\n\r\n")) < 0:
                if len(self.buffer) > MAX_HEAD:
                    raise Failed(Outcome.SERVER_ERROR, "headers too long")
                await self._more(got or bool(self.buffer))
            got = True
            head = bytes(self.buffer[:end]).decode("latin-1")
            del self.buffer[:end + 4]
            status_line, _, header_text = head.partition("\r\n")
            version, _, rest = status_line.partition(" ")
            try:
                status = int(rest[:3])
            except ValueError:
                raise Failed(Outcome.SERVER_ERROR, f"not HTTP: {status_line[:60]!r}") from None
            if not version.startswith("HTTP/"):
                raise Failed(Outcome.SERVER_ERROR, f"not HTTP: {status_line[:60]!r}")
            if 100 <= status < 200 and status != 101:
                continue  # 100 Continue, 103 Early Hints: the real answer follows
            break
        headers: dict[str, str] = {}
        cookies: dict[str, str] = {}
        for line in header_text.split("\r\n"):
            name, _, value = line.partition(":")
            name, value = name.strip().lower(), value.strip()
            if name == "set-cookie":
                pair = value.split(";", 1)[0]
                cname, eq, cvalue = pair.partition("=")
                if eq and cname.strip():
                    cookies[cname.strip()] = cvalue.strip()
            elif name in headers:
                headers[name] += ", " + value
            elif name:
                headers[name] = value
        reusable = version == "HTTP/1.1" and "close" not in headers.get("connection", "").lower()
        answer = Answer(method=method, status=status, headers=headers, cookies=cookies, body=None)
        if method == "HEAD" or status in (204, 304) or status < 200:
            return answer, reusable
        keep = method == "GET" and status == 200 and answer.html
        body, complete = await self._body(headers, limit, keep)
        if keep and body:
            answer.body = _decoded(body, headers.get("content-encoding", ""), limit)
        return answer, reusable and complete

    async def _body(self, headers: dict[str, str], limit: int, keep: bool) -> tuple[bytes, bool]:
        """Up to `limit` bytes of the body; whether it was read to its end."""
        if "chunked" in headers.get("transfer-encoding", "").lower():
            parts, size = [], 0
            while True:
                line = await self._line()
                try:
                    n = int(line.split(b";", 1)[0].strip() or b"0", 16)
                except ValueError:
                    raise Failed(Outcome.SERVER_ERROR, "bad chunk size") from None
                if n == 0:
                    while await self._line():  # trailers
                        pass
                    return b"".join(parts), True
                if size + n > limit:
                    if keep:
                        parts.append(await self._take(max(0, min(n, limit - size))))
                    return b"".join(parts), False
                chunk = await self._take(n + 2)
                size += n
                if keep:
                    parts.append(chunk[:n])
        length = headers.get("content-length")
        if length is not None:
            try:
                n = int(length.split(",")[0])
            except ValueError:
                raise Failed(Outcome.SERVER_ERROR, "bad Content-Length") from None
            if n <= limit:
                return await self._take(n), True
            return (await self._take(limit) if keep else b""), False
        # No length: the body ends when the server closes the connection.
        while len(self.buffer) < limit and not self.closed:
            try:
                await self._more(True)
            except _Closed:
                break
        return bytes(self.buffer[:limit]) if keep else b"", False


def _decoded(body: bytes, encoding: str, limit: int) -> bytes | None:
    encoding = encoding.strip().lower()
    if encoding in ("", "identity"):
        return body
    if encoding in ("gzip", "x-gzip", "deflate"):
        try:
            return zlib.decompressobj(47 if encoding != "deflate" else 15).decompress(body, limit)
        except zlib.error:
            try:  # "deflate" is sometimes raw deflate
                return zlib.decompressobj(-15).decompress(body, limit)
            except zlib.error:
                return None
    return None  # br, zstd: not looked into


def _failure(exc: BaseException) -> tuple[Outcome, str]:
    """The outcome of a request that ended in an exception."""
    name = type(exc).__name__
    if isinstance(exc, Failed):
        return exc.outcome, exc.detail
    if isinstance(exc, ssl.SSLCertVerificationError):
        return Outcome.TLS_ERROR, f"{name}: {exc.verify_message}"[:200]
    if isinstance(exc, ssl.SSLError):
        return Outcome.TLS_ERROR, f"{name}: {exc.reason or exc}"[:200]
    if isinstance(exc, socket.gaierror):
        return Outcome.DNS_ERROR, f"{name}: {exc.strerror}"[:200]
    if isinstance(exc, TimeoutError):
        return Outcome.TIMEOUT, "TimeoutError"
    if isinstance(exc, _Closed):
        if isinstance(exc.exc, ssl.SSLError):
            return _failure(exc.exc)
        return Outcome.DROPPED, ("closed in the middle of the answer" if exc.got
                                 else "closed without an answer")
    if isinstance(exc, ConnectionRefusedError):
        return Outcome.REFUSED, name
    if isinstance(exc, (ConnectionResetError, BrokenPipeError, ConnectionAbortedError)):
        return Outcome.DROPPED, name
    if isinstance(exc, OSError):
        return Outcome.REFUSED, f"{name}: {exc.strerror or exc}"[:200]
    return Outcome.DROPPED, f"{name}: {exc}"[:200]


# --- One address -------------------------------------------------------------


@dataclass
class _Trace:
    steps: list[str] = field(default_factory=list)
    attempts: int = 0
    wire: float = 0.0
    cookies: dict[str, str] = field(default_factory=dict)


class Checker:
    """One run: the connections, the per-host limits, the resolved names, the policy."""

    def __init__(self, options: Options):
        self.options = options
        self.policy = AddressPolicy(options.allow_private, options.allowed_networks)
        self.slots: dict[tuple, asyncio.Semaphore] = {}
        self.idle: dict[tuple, list[Connection]] = {}
        self.names: dict[tuple[str, int], asyncio.Future] = {}
        self.requests = asyncio.Semaphore(options.concurrency)
        self.tls = ssl.create_default_context()
        self.head = (f"User-Agent: {options.user_agent}\r\nAccept: text/html,*/*;q=0.8\r\n"
                     "Accept-Encoding: gzip, deflate\r\n")

    async def close(self) -> None:
        connections = [c for idle in self.idle.values() for c in idle]
        self.idle.clear()
        for connection in connections:
            connection.close()
        for connection in connections:
            await asyncio.shield(connection.gone)

    async def addresses(self, target: Target) -> list[tuple]:
        """Where to connect: (family, sockaddr) of every address of the host, all allowed.

        Looked up once per host and run; a refused or unknown name fails every time."""
        key = (target.host, target.port)
        future = self.names.get(key)
        if future is None:
            future = self.names[key] = asyncio.ensure_future(self._resolve(target))
        return await asyncio.shield(future)

    async def _resolve(self, target: Target) -> list[tuple]:
        literal = _ip_literal(target.host)
        if literal is not None:
            infos = [(socket.AF_INET6 if ":" in literal else socket.AF_INET,
                      (literal, target.port))]
        else:
            found = await asyncio.get_running_loop().getaddrinfo(
                target.host, target.port, type=socket.SOCK_STREAM)
            infos = [(family, address) for family, _, _, _, address in found]
        if not infos:
            raise socket.gaierror(socket.EAI_NONAME, "no address")
        for _, address in infos:
            if not self.policy.allows(address[0]):
                shown = target.host if literal else f"{target.host} → {address[0]}"
                raise Failed(Outcome.BLOCKED, f"{shown} is not a public address")
        return infos

    async def connect(self, target: Target) -> Connection:
        last: BaseException | None = None
        loop = asyncio.get_running_loop()
        for family, address in await self.addresses(target):
            try:
                sock = socket.socket(family, socket.SOCK_STREAM)
                sock.setblocking(False)
                try:
                    await loop.sock_connect(sock, address)
                except BaseException:
                    sock.close()
                    raise
                tls = {}
                if target.scheme == "https":
                    tls = {"ssl": self.tls, "server_hostname": target.host}
                _, connection = await loop.create_connection(Connection, sock=sock, **tls)
                return connection
            except (ConnectionRefusedError, OSError) as exc:
                if isinstance(exc, ssl.SSLError):
                    raise
                last = exc
        raise last or ConnectionRefusedError()

    def slot(self, target: Target) -> asyncio.Semaphore:
        slot = self.slots.get(target.key)
        if slot is None:
            slot = self.slots[target.key] = asyncio.Semaphore(self.options.per_host)
        return slot

    async def request(self, trace: _Trace, method: str, target: Target) -> Answer:
        """One request, holding a connection slot of the host and one of the run."""
        cookie = ""
        if trace.cookies:
            cookie = "Cookie: " + "; ".join(f"{k}={v}" for k, v in trace.cookies.items()) + "\r\n"
        data = (f"{method} {target.path} HTTP/1.1\r\nHost: {target.host_header}\r\n{self.head}"
                f"{cookie}\r\n").encode("latin-1", "replace")
        closed: list[Connection] = []
        async with self.slot(target), self.requests:
            trace.attempts += 1
            started = time.monotonic()
            try:
                async with asyncio.timeout(self.options.timeout):
                    return await self._send(target, method, data, closed)
            finally:
                trace.wire += time.monotonic() - started
                # The host's slot is free only once the sockets closed here are really
                # closed: a new connection must not overlap with one being closed.
                for connection in closed:
                    await asyncio.shield(connection.gone)

    async def _send(self, target: Target, method: str, data: bytes,
                    closed: list[Connection]) -> Answer:
        idle = self.idle.get(target.key)
        while idle:
            connection = idle.pop()
            if connection.closed:
                closed.append(connection)
                connection.close()
                continue
            try:
                return await self._exchange(target, connection, method, data, closed)
            except _Closed as gone:
                if gone.got:
                    raise
                # A kept-alive connection the server had closed: once more on a new one.
                await asyncio.shield(connection.gone)
        connection = await self.connect(target)
        return await self._exchange(target, connection, method, data, closed)

    async def _exchange(self, target: Target, connection: Connection, method: str,
                        data: bytes, closed: list[Connection]) -> Answer:
        try:
            answer, reusable = await connection.exchange(method, data, self.options.body_limit)
        except BaseException:
            closed.append(connection)
            connection.close()
            raise
        if reusable and not connection.closed:
            self.idle.setdefault(target.key, []).append(connection)
        else:
            closed.append(connection)
            connection.close()
        return answer

    async def ask(self, trace: _Trace, method: str, target: Target,
                  retries: int | None = None) -> Answer:
        """A request, asked again after Retry-After while the site answers 429 or 503."""
        o = self.options
        retries = o.retries if retries is None else retries
        for attempt in range(retries + 1):
            answer = await self.request(trace, method, target)
            trace.steps.append(f"{method} {answer.status}")
            trace.cookies.update(answer.cookies)
            if answer.status not in (429, 503) or attempt == retries:
                return answer
            wait = retry_after(answer.retry_after)
            if wait is None:
                wait = o.retry_wait
            elif wait > o.max_retry_wait:
                trace.steps.append(f"Retry-After {wait:.0f} s > {o.max_retry_wait:.0f} s")
                return answer
            await asyncio.sleep(wait)
        return answer

    async def fetch(self, trace: _Trace, target: Target) -> Answer:
        """HEAD, or GET when HEAD is refused; GET also for an HTML page's first bytes."""
        try:
            answer = await self.ask(trace, "HEAD", target)
        except (_Closed, ConnectionResetError, BrokenPipeError) as exc:
            trace.steps.append(f"HEAD {_failure(exc)[1]}")
            return await self.ask(trace, "GET", target)
        status = answer.status
        if status == 429 or (status == 503 and answer.retry_after):
            return answer  # the site asks to come later: no GET either
        if status >= 400 or (status == 200 and answer.html):
            # A 503 that HEAD already waited out is not waited for again.
            return await self.ask(trace, "GET", target, retries=0 if status == 503 else None)
        return answer

    async def check(self, url: str) -> CheckResult:
        trace = _Trace()
        result = CheckResult(url=url, outcome=Outcome.INVALID, final_url=url)
        try:
            await self._follow(url, trace, result)
        except asyncio.CancelledError:
            raise
        except Exception as exc:  # noqa: BLE001 — one address never stops the run
            result.outcome, text = _failure(exc)
            if isinstance(exc, Failed) and exc.status is not None:
                result.http_status = exc.status
            trace.steps.append(text)
        result.elapsed_ms = round(trace.wire * 1000)
        result.attempts = trace.attempts
        result.detail = " → ".join(trace.steps)[:300]
        return result

    async def _follow(self, url: str, trace: _Trace, result: CheckResult) -> None:
        o = self.options
        target = parse_target(url)
        if target is None:
            raise Failed(Outcome.INVALID, "not an http(s) address")
        current = url
        seen = {(url, "")}
        permanent_run, new_url = True, ""
        while True:
            result.final_url = current
            result.http_status = None
            answer = await self.fetch(trace, target)
            status = result.http_status = answer.status
            if status not in REDIRECTS or not answer.location:
                break
            following = urllib.parse.urljoin(current, answer.location.strip())
            result.redirects.append((status, following))
            if permanent_run and status in PERMANENT:
                new_url = following
            else:
                permanent_run = False
            result.final_url = following
            target = parse_target(following)
            if target is None:
                raise Failed(Outcome.INVALID, f"redirect to {following[:100]}", status)
            if len(result.redirects) > o.max_redirects:
                raise Failed(Outcome.TOO_MANY_REDIRECTS, f"more than {o.max_redirects} redirects",
                             status)
            key = (following, ";".join(sorted(f"{k}={v}" for k, v in trace.cookies.items())))
            if key in seen:
                raise Failed(Outcome.REDIRECT_LOOP, "redirect loop", status)
            seen.add(key)
            current = following
        result.outcome = classify(answer)
        if result.outcome is Outcome.SOFT_404:
            trace.steps.append("page says not found")
        if result.outcome is Outcome.OK and new_url and new_url != url:
            result.outcome, result.new_url = Outcome.REDIRECTED, new_url


def classify(answer: Answer) -> Outcome:
    """The outcome of a final (not redirecting) answer."""
    status = answer.status
    if 200 <= status < 300:
        if status == 200 and answer.body and says_not_found(answer.body, answer.charset):
            return Outcome.SOFT_404
        return Outcome.OK
    if status == 304:
        return Outcome.OK
    if status in (404, 410):
        return Outcome.NOT_FOUND
    if status == 429 or (status == 503 and answer.retry_after):
        return Outcome.RATE_LIMITED
    if status >= 500:
        return Outcome.SERVER_ERROR
    if status >= 400:
        return Outcome.CLIENT_ERROR
    return Outcome.SERVER_ERROR  # a redirect without Location, a 1xx at the end


# --- Many addresses ----------------------------------------------------------


async def check_urls(urls: Iterable[str], **options) -> dict[str, CheckResult]:
    """Check every address; returns a result per distinct address, in the order given."""
    if options.get("allowed_networks") is not None:
        options["allowed_networks"] = tuple(options["allowed_networks"])
    opts = Options(**options)
    order = list(dict.fromkeys(urls))
    results: dict[str, CheckResult] = {}
    checker = Checker(opts)

    async def one(url: str) -> None:
        results[url] = await checker.check(url)

    try:
        # Every address at once: each request first takes a slot of its host (first
        # come, first served), then one of the run, so the run's slots only ever go to
        # requests that can start, and an address waiting for Retry-After holds none.
        await asyncio.gather(*(one(url) for url in order))
    finally:
        await checker.close()
    return {url: results[url] for url in order}


def check_urls_sync(urls: Iterable[str], **options) -> dict[str, CheckResult]:
    """check_urls from synchronous code (a management command, a huey task)."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(check_urls(urls, **options))
    # Called from inside an event loop: run in a thread of its own.
    box: dict = {}

    def run() -> None:
        try:
            box["result"] = asyncio.run(check_urls(urls, **options))
        except BaseException as exc:  # noqa: BLE001 — raised again in the caller's thread
            box["error"] = exc

    thread = threading.Thread(target=run, name="linkcheck")
    thread.start()
    thread.join()
    if "error" in box:
        raise box["error"]
    return box["result"]
