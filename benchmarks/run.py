"""`make bench`: concurrent writes and worker memory on the production server.

Then, unless --only says otherwise, the journal bench (benchmarks/journal.py:
statistics, patron search and the desk on a network of 1,000,000 journal entries) and
the link-check bench (benchmarks/linkcheck.py: civicdesk's link checker against
LinkChecker on 10,000 addresses of a fake web) and the document search bench
(benchmarks/docsearch.py: index build, search time and quality on the legislation
corpus); all print their figures into the one table below.

What it does, from scratch and in a temporary data folder (removed at the end):
migrate, create a network, its central library and a center head through
civicdesk's own actions (the `bench_seed` command), collectstatic, then start
the production server (`gunicorn -c gunicorn.conf.py`, the same WEB_* settings
as `make run`) with settings `benchmarks.settings` = production + one extra
view. SQLite in the data folder by default; PostgreSQL with --database-url.

Then N clients (default 8, separate processes so the clients' own GIL does not
slow them down on a small machine), each with its own keep-alive connection,
send requests back to back, after a short warm-up per phase; the timed part is
split into rounds in which the two phases take turns (bare, form, bare, form …),
so that other load on the machine weighs on both alike:

  bare insert   POST /bench/insert/ : a csrf-exempt Django view that inserts
                one row (benchmarks.benchapp) and answers 200. It goes through
                the same middleware, but has no session and no audit-log row.
                This is the ceiling for a write on this server and database.
  closure form  POST /staff/libraries/<pk>/closures/new/ : the real form, as a
                logged-in center head with a session cookie and a CSRF token.
                Success is the 302 redirect to the library page. Each request
                also reads the user and memberships, validates, writes the
                closure and its audit-log entry, and saves the session
                (SESSION_SAVE_EVERY_REQUEST), as in production.

The figures, one line each:

  form / bare ratio     closure-form throughput over bare-insert throughput,
                        same clients, same server, same run; target >= 0.40.
  ... throughput        successful requests per second over the timed phase.
  ... errors            requests that did not get the expected answer (302 to
                        the library page; 200 for the bare insert), including
                        the warm-up; target 0. A request that finds its idle
                        keep-alive connection closed by the server is resent
                        once on a new connection, as browsers do; those are
                        counted as reconnects, not errors.
  form latency p50/p99  time from sending a form request to reading the whole
                        answer, as a client sees it.
  rows saved            closures in the database == 302 answers, and bare rows
                        == 200 answers: nothing lost, nothing written twice.
  worker RSS            VmRSS of each gunicorn worker after the phases (read
                        from /proc/<pid>/status), the largest; target < 150 MB
                        (MB = 10^6 bytes). The peak (VmHWM, sampled through the
                        run, logins included) is printed for information.
  worker restarts       workers booted beyond the first ones. gunicorn.conf.py
                        recycles a worker after ~2000 requests; the bench turns
                        that off (WEB_MAX_REQUESTS=0) so that a reboot in one
                        phase and not in the other does not decide the ratio,
                        and the RSS is of a worker that served the whole run.
                        WEB_MAX_REQUESTS=2000 make bench runs with recycling.
  CPU busy / clients    cores busy on the whole machine during each timed
                        phase, and the share the client processes used: tells
                        a CPU-bound server from one waiting on locks. "Before
                        start" is the machine's load before the server starts:
                        anything well above 0 means other work skews the run.

Lines without a target say `-`. The exit status is 1 if any target is missed.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import re
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import uuid
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from multiprocessing import get_context
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = ROOT / ".venv" / "bin" / "python"
GUNICORN = ROOT / ".venv" / "bin" / "gunicorn"

RATIO_TARGET = 0.40
RSS_TARGET_MB = 150
REQUEST_TIMEOUT = 60  # seconds; longer than SQLite's 30 s busy timeout
# Errors on a reused keep-alive connection that mean "the server closed it
# before reading this request": resend once on a fresh connection.
RESEND_ON = (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError)


# --- HTTP client ------------------------------------------------------------


@dataclass
class Client:
    """One browser: a keep-alive connection and its cookies."""

    port: int
    cookies: dict[str, str] = field(default_factory=dict)
    reconnects: int = 0
    conn: http.client.HTTPConnection | None = None

    def request(self, method: str, path: str, fields: dict | None = None):
        """(status, headers, body) of one request; resends once on a dropped keep-alive connection."""
        headers = {"Host": f"127.0.0.1:{self.port}", "User-Agent": "civicdesk-bench"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if fields is not None:
            body = urllib.parse.urlencode(fields, doseq=True)  # a list: the field repeated
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        if self.conn is None:
            self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=REQUEST_TIMEOUT)
        for attempt in (1, 2):
            reused = self.conn.sock is not None
            try:
                self.conn.request(method, path, body, headers)
                response = self.conn.getresponse()
                data = response.read()
            except RESEND_ON:
                self.conn.close()
                if attempt == 1 and reused:
                    self.reconnects += 1
                    continue
                raise
            for header in response.headers.get_all("Set-Cookie") or []:
                for name, morsel in SimpleCookie(header).items():
                    if name in ("sessionid", "csrftoken"):  # not `messages`: nobody reads them
                        self.cookies[name] = morsel.value
            return response.status, response.headers, data
        raise AssertionError("unreachable")

    def close(self):
        if self.conn is not None:
            self.conn.close()
            self.conn = None


CSRF_INPUT = re.compile(rb'name="csrfmiddlewaretoken" value="([^"]+)"')


def form_token(body: bytes) -> str:
    match = CSRF_INPUT.search(body)
    if not match:
        raise RuntimeError("no csrfmiddlewaretoken in the page")
    return match.group(1).decode()


def log_in(port: int, username: str, password: str, form_path: str) -> tuple[dict, str]:
    """Log in as a browser does; returns (cookies, csrf token of the closure form)."""
    client = Client(port)
    status, _h, body = client.request("GET", "/accounts/login/")
    if status != 200:
        raise RuntimeError(f"GET /accounts/login/ answered {status}")
    status, headers, _b = client.request("POST", "/accounts/login/", {
        "csrfmiddlewaretoken": form_token(body), "username": username, "password": password,
    })
    if status != 302 or "sessionid" not in client.cookies:
        raise RuntimeError(f"login failed: {status} {headers.get('Location')}")
    status, _h, body = client.request("GET", form_path)
    if status != 200:
        raise RuntimeError(f"GET {form_path} answered {status}")
    client.close()
    return dict(client.cookies), form_token(body)


@dataclass
class Phase:
    """What one endpoint's clients send and what counts as success."""

    name: str
    path: str
    fields: dict
    expect_status: int
    expect_location: str | None = None
    # A field that gets a fresh uuid4 in every request (the desk's submission_key).
    unique_field: str | None = None


def client_loop(port: int, phase: Phase, browser: tuple[dict, dict], start_at: float,
                stop_at: float, index: int) -> dict:
    """Run in a client process: requests back to back from start_at until stop_at (wall clock).

    `browser` is (cookies, form fields of this client only: its CSRF token).
    """
    cookies, own_fields = browser
    client = Client(port, cookies=dict(cookies))
    latencies: list[float] = []
    errors: Counter[str] = Counter()
    time.sleep(max(0.0, start_at - time.time()))
    cpu0 = time.process_time()
    first = time.time()
    n = 0
    while time.time() < stop_at:
        n += 1
        fields = {**phase.fields, **own_fields, "note": f"bench client {index} request {n}"}
        if phase.unique_field:
            fields[phase.unique_field] = str(uuid.uuid4())
        t0 = time.perf_counter()
        try:
            status, headers, _body = client.request("POST", phase.path, fields)
        except (OSError, http.client.HTTPException) as exc:
            errors[type(exc).__name__] += 1
            client.close()
            continue
        elapsed = time.perf_counter() - t0
        location = headers.get("Location")
        if status != phase.expect_status or (
            phase.expect_location is not None and location != phase.expect_location
        ):
            errors[f"HTTP {status}" + (f" -> {location}" if location else "")] += 1
            continue
        latencies.append(elapsed)
    client.close()
    return {"latencies": latencies, "errors": errors, "reconnects": client.reconnects,
            "first": first, "last": time.time(), "cpu": time.process_time() - cpu0}


def cpu_ticks() -> tuple[int, int]:
    """(busy, total) clock ticks of the whole machine, from /proc/stat."""
    values = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = values[3] + values[4]  # idle + iowait
    return sum(values) - idle, sum(values)


@dataclass
class Result:
    ok: int
    errors: Counter
    reconnects: int
    throughput: float
    latencies: list[float]
    client_cpu: float
    wall: float
    machine_busy: float  # cores busy on the whole machine: server + clients + the rest


def run_phase(pool, port: int, phase: Phase, browsers: list[tuple[dict, dict]],
              seconds: float) -> Result:
    start_at = time.time() + 0.5  # every client process is ready and waiting by then
    stop_at = start_at + seconds
    futures = [pool.submit(client_loop, port, phase, browser, start_at, stop_at, i)
               for i, browser in enumerate(browsers)]
    time.sleep(max(0.0, start_at - time.time()))
    busy0, total0 = cpu_ticks()
    parts = [f.result() for f in futures]
    busy1, total1 = cpu_ticks()
    latencies = [x for p in parts for x in p["latencies"]]
    wall = max(p["last"] for p in parts) - min(p["first"] for p in parts)
    return Result(
        ok=len(latencies),
        errors=sum((p["errors"] for p in parts), Counter()),
        reconnects=sum(p["reconnects"] for p in parts),
        throughput=len(latencies) / wall,
        latencies=latencies,
        client_cpu=sum(p["cpu"] for p in parts),
        wall=wall,
        machine_busy=(busy1 - busy0) / (total1 - total0) * os.cpu_count(),
    )


def merge(parts: list[Result]) -> Result:
    """One result for several timed slices of the same phase."""
    wall = sum(p.wall for p in parts)
    return Result(
        ok=sum(p.ok for p in parts),
        errors=sum((p.errors for p in parts), Counter()),
        reconnects=sum(p.reconnects for p in parts),
        throughput=sum(p.ok for p in parts) / wall,
        latencies=[x for p in parts for x in p.latencies],
        client_cpu=sum(p.client_cpu for p in parts),
        wall=wall,
        machine_busy=sum(p.machine_busy * p.wall for p in parts) / wall,
    )


def percentile(values: list[float], q: float) -> float:
    if len(values) < 2:
        return values[0] if values else float("nan")
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1]


# --- Server -----------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def manage(env: dict, *args: str) -> str:
    done = subprocess.run([str(PYTHON), "manage.py", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"manage.py {' '.join(args)} failed:\n{done.stdout}{done.stderr}")
    return done.stdout


def wait_healthy(server: subprocess.Popen, port: int, log: Path, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            sys.exit(f"gunicorn exited with {server.returncode}:\n{log.read_text()}")
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/healthz")
            if conn.getresponse().status == 200:
                conn.close()
                return
        except OSError:
            pass
        time.sleep(0.2)
    sys.exit(f"gunicorn did not answer /healthz within {timeout} s:\n{log.read_text()}")


def start_server(env: dict, data_dir: Path, port: int, log: Path) -> subprocess.Popen:
    """gunicorn -c gunicorn.conf.py on `port`, once it answers /healthz."""
    with log.open("w") as log_file:
        # Its own control socket: gunicorn's default (~/.gunicorn/gunicorn.ctl) is
        # shared by every gunicorn of the user on this machine.
        server = subprocess.Popen(
            [str(GUNICORN), "-c", "gunicorn.conf.py",
             "--control-socket", str(data_dir / "gunicorn.ctl")],
            cwd=ROOT, env=env, stdout=log_file, stderr=subprocess.STDOUT)
    wait_healthy(server, port, log)
    return server


def bench_env(data_dir: Path, port: int) -> dict:
    """The environment of manage.py and gunicorn: the data folder, no outside settings."""
    env = {k: v for k, v in os.environ.items()
           if k not in ("DATABASE_URL", "REDIS_URL", "SECRET_KEY", "DEBUG")}
    env.update(CIVICDESK_DATA_DIR=str(data_dir), HTTPS="off", BIND=f"127.0.0.1:{port}",
               DJANGO_SETTINGS_MODULE="benchmarks.settings")
    # No worker recycling unless asked for: a reboot in one phase and not the other
    # would decide the ratio, and the RSS figure should be of a worker that served it all.
    env.setdefault("WEB_MAX_REQUESTS", "0")
    return env


def worker_pids(master: int) -> list[int]:
    pids = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        if ppid == master:
            pids.append(int(entry.name))
    return pids


def memory_mb(pid: int) -> dict[str, float]:
    """VmRSS and VmHWM of a process, in MB (10^6 bytes)."""
    values = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, rest = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            values[key] = int(rest.split()[0]) * 1024 / 1e6
    return values


class PeakMemory(threading.Thread):
    """Reads the workers' VmHWM every 0.2 s, so that recycled workers' peaks are seen too."""

    def __init__(self, master: int):
        super().__init__(daemon=True)
        self.master, self.peak_mb, self.done = master, 0.0, threading.Event()

    def run(self):
        while not self.done.wait(0.2):
            for pid in worker_pids(self.master):
                try:
                    self.peak_mb = max(self.peak_mb, memory_mb(pid)["VmHWM"])
                except (OSError, KeyError):
                    pass  # the worker exited in between


def stop(server: subprocess.Popen) -> None:
    if server.poll() is None:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


# --- PostgreSQL scratch database ---------------------------------------------


class ScratchDatabase:
    """A database created on the server in `url` for this run, dropped afterwards."""

    def __init__(self, url: str):
        parts = urllib.parse.urlsplit(url)
        if not parts.scheme.startswith(("postgres", "pgsql", "psql")):
            sys.exit(f"--database-url must be a PostgreSQL URL, not {parts.scheme}://")
        self.name = f"civicdesk_bench_{os.getpid()}_{secrets.token_hex(3)}"
        self.url = parts._replace(path="/" + self.name).geturl()
        self._admin = parts._replace(scheme="postgresql", path="/postgres").geturl()

    def _execute(self, statement: str) -> None:
        import psycopg
        from psycopg import sql

        with psycopg.connect(self._admin, autocommit=True) as conn:
            conn.execute(sql.SQL(statement).format(sql.Identifier(self.name)))

    def create(self) -> None:
        self._execute("CREATE DATABASE {}")

    def drop(self) -> None:
        self._execute("DROP DATABASE IF EXISTS {} WITH (FORCE)")


# --- Report -----------------------------------------------------------------


@dataclass
class Line:
    name: str
    value: float | int | str
    unit: str
    target: str = "-"
    ok: bool | None = None  # None: no target

    def cells(self) -> list[str]:
        if isinstance(self.value, float):
            value = f"{self.value:.2f}" if abs(self.value) < 10 else f"{self.value:.1f}"
        else:
            value = str(self.value)
        status = "-" if self.ok is None else ("ok" if self.ok else "MISS")
        return [self.name, value, self.unit, self.target, status]


def print_table(lines: list[Line]) -> None:
    rows = [["figure", "value", "unit", "target", "status"], *(line.cells() for line in lines)]
    widths = [max(len(r[i]) for r in rows) for i in range(5)]
    for n, row in enumerate(rows):
        print("  ".join(cell.rjust(w) if i == 1 else cell.ljust(w)
                        for i, (cell, w) in enumerate(zip(row, widths, strict=True))).rstrip())
        if n == 0:
            print("  ".join("-" * w for w in widths))


# --- Main -------------------------------------------------------------------


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=10, help="timed phase length (default 10)")
    parser.add_argument("--rounds", type=int, default=5,
                        help="the timed time is split into this many alternating slices")
    parser.add_argument("--warmup", type=float, default=2, help="warm-up per phase (default 2)")
    parser.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL", ""),
                        help="PostgreSQL server to run on, e.g. postgres://postgres@127.0.0.1:5432/"
                             "postgres; a scratch database is created there and dropped. "
                             "Default: $BENCH_DATABASE_URL, else SQLite.")
    parser.add_argument("--keep", action="store_true", help="keep the data folder and print it")
    parser.add_argument("--only", choices=["write", "journal", "linkcheck", "docsearch", "reports"],
                        help="run only one bench: write, journal, linkcheck, docsearch or reports")
    parser.add_argument("--docsearch-skip-words", action="store_true",
                        help="docsearch: skip the comparison without lemmas (saves ~2 min)")
    journal.add_arguments(parser)
    args = parser.parse_args()

    lines: list[Line] = []
    notes: list[str] = []
    for name, bench in (("write", write_bench), ("journal", journal.run),
                        ("linkcheck", linkcheck.run), ("docsearch", docsearch.run),
                        ("reports", reports.run)):
        if args.only in (None, name):
            more_lines, more_notes = bench(args)
            lines += more_lines
            notes += more_notes
    print()
    print_table(lines)
    for note in notes:
        print(note)
    return 0 if all(line.ok is not False for line in lines) else 1


def write_bench(args) -> tuple[list[Line], list[str]]:
    """The concurrent-write bench: (table lines, notes to print under the table)."""
    data_dir = Path(tempfile.mkdtemp(prefix="civicdesk-bench-"))
    port = free_port()
    env = bench_env(data_dir, port)
    scratch = ScratchDatabase(args.database_url) if args.database_url else None
    server = None
    try:
        if scratch:
            scratch.create()
            env["DATABASE_URL"] = scratch.url
        database = f"PostgreSQL ({scratch.name})" if scratch else "SQLite"
        print(f"civicdesk bench: {database}, data folder {data_dir}, {os.cpu_count()} CPUs")

        username, password = "bench-head", secrets.token_urlsafe(18)
        manage(env, "migrate", "--noinput", "-v0")
        library = json.loads(manage(env, "bench_seed", "--username", username,
                                    "--password", password))["library"]
        manage(env, "collectstatic", "--noinput", "-v0")

        busy0, total0 = cpu_ticks()
        time.sleep(1)
        busy1, total1 = cpu_ticks()
        other_load = (busy1 - busy0) / (total1 - total0) * os.cpu_count()

        log = data_dir / "gunicorn.log"
        server = start_server(env, data_dir, port, log)
        workers_at_start = len(worker_pids(server.pid))
        print(f"gunicorn pid {server.pid} on 127.0.0.1:{port}: {workers_at_start} workers x "
              f"{env.get('WEB_THREADS', '4')} threads, max_requests {env['WEB_MAX_REQUESTS']}")

        peak = PeakMemory(server.pid)
        peak.start()
        form_path = f"/staff/libraries/{library}/closures/new/"
        logins = [log_in(port, username, password, form_path) for _ in range(args.clients)]
        # The bare insert needs no session; the form clients are logged-in browsers.
        phases = {
            "bare": (Phase("bare insert", "/bench/insert/", {}, 200), [({}, {})] * args.clients),
            "form": (
                Phase("closure form", form_path, {
                    "starts_on": "2030-01-14", "ends_on": "2030-01-15", "reason": "power_cut",
                }, 302, expect_location=f"/staff/libraries/{library}/"),
                [(cookies, {"csrfmiddlewaretoken": token}) for cookies, token in logins],
            ),
        }

        warm: dict[str, Result] = {}
        rounds: dict[str, list[Result]] = {key: [] for key in phases}
        with ProcessPoolExecutor(args.clients, mp_context=get_context("fork")) as pool:
            for key, (phase, browsers) in phases.items():
                print(f"{phase.name}: {args.warmup:g} s warm-up ...", flush=True)
                warm[key] = run_phase(pool, port, phase, browsers, args.warmup)
            # The two phases take turns in short slices, so that whatever else the
            # machine is doing weighs on both alike.
            print(f"{args.rounds} rounds of {args.seconds / args.rounds:g} s per phase, "
                  f"{args.clients} clients ...", flush=True)
            for _ in range(args.rounds):
                for key, (phase, browsers) in phases.items():
                    rounds[key].append(
                        run_phase(pool, port, phase, browsers, args.seconds / args.rounds))
        results = {key: merge(parts) for key, parts in rounds.items()}

        pids = worker_pids(server.pid)
        if not pids:
            sys.exit(f"no gunicorn workers left after the run:\n{log.read_text()[-3000:]}")
        memory = [memory_mb(pid) for pid in pids]
        peak.done.set()
        peak.join()
        stop(server)
        boots = log.read_text().count("Booting worker")
        counts = json.loads(manage(env, "bench_count"))
    finally:
        if server is not None:
            stop(server)
        if scratch:
            scratch.drop()
        if args.keep:
            print(f"data folder kept: {data_dir}")
        else:
            shutil.rmtree(data_dir, ignore_errors=True)

    bare, form = results["bare"], results["form"]
    errors = {k: results[k].errors + warm[k].errors for k in results}
    ratio = form.throughput / bare.throughput
    form_ms = [x * 1000 for x in form.latencies]
    bare_ms = [x * 1000 for x in bare.latencies]
    rss = max(m["VmRSS"] for m in memory)
    hwm = max(peak.peak_mb, *(m["VmHWM"] for m in memory))
    answered = {k: results[k].ok + warm[k].ok for k in results}
    lines = [
        Line("closure form throughput", form.throughput, "req/s"),
        Line("bare insert throughput", bare.throughput, "req/s"),
        Line("form / bare ratio", ratio, "x", f">= {RATIO_TARGET:.2f}", ratio >= RATIO_TARGET),
        Line("closure form errors", sum(errors["form"].values()), "requests", "0",
             not errors["form"]),
        Line("bare insert errors", sum(errors["bare"].values()), "requests", "0",
             not errors["bare"]),
        Line("closure form latency p50", percentile(form_ms, 50), "ms"),
        Line("closure form latency p99", percentile(form_ms, 99), "ms"),
        Line("bare insert latency p50", percentile(bare_ms, 50), "ms"),
        Line("bare insert latency p99", percentile(bare_ms, 99), "ms"),
        Line("closures saved / 302 answers", f"{counts['closures']}/{answered['form']}", "rows",
             "equal", counts["closures"] == answered["form"]),
        Line("bare rows saved / 200 answers", f"{counts['bench_rows']}/{answered['bare']}", "rows",
             "equal", counts["bench_rows"] == answered["bare"]),
        Line("keep-alive reconnects", bare.reconnects + form.reconnects, "requests"),
        Line("worker RSS after bench (max)", rss, "MB", f"< {RSS_TARGET_MB}", rss < RSS_TARGET_MB),
        Line("worker peak RSS in the run (VmHWM)", hwm, "MB"),
        Line("worker restarts (max_requests)", boots - workers_at_start, "workers"),
        Line("CPU busy before start (other load)", other_load, "cores"),
        Line("CPU busy, bare phase (all processes)", bare.machine_busy, "cores"),
        Line("CPU busy, form phase (all processes)", form.machine_busy, "cores"),
        Line("CPU used by the clients, form phase", form.client_cpu / form.wall, "cores"),
    ]
    notes = [f"  {phases[key][0].name} error: {reason} x {n}"
             for key, counter in errors.items() for reason, n in counter.most_common()]
    return lines, notes


if __name__ == "__main__":
    # The other benches live in benchmarks/journal.py, linkcheck.py and docsearch.py and
    # use this file's machinery (imported there as benchmarks.run).
    sys.path.insert(0, str(ROOT))
    from benchmarks import docsearch, journal, linkcheck, reports

    sys.exit(main())
