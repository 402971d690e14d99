"""Link check: civicdesk's checker against LinkChecker on the same fake web.

Part of `make bench` (benchmarks/run.py; `--only linkcheck` runs it alone, about
30 s). 10,000 addresses on 200 hosts (127.0.0.1 … 127.0.0.200, one port: 200
distinct hosts to both tools, no DNS) served by civicdesk.resources.fakeweb in 2
processes. The mix (MIX below) has working pages, slow answers (0.1–0.5 s, the same
for HEAD and GET), 404/410/403/500/502, redirect chains (permanent, temporary,
mixed, to another host, ending in a 404), loops, chains too long, 429 and 503 with
Retry-After (seconds and HTTP date, and one too long to wait for), HEAD not allowed
(405, 501), connections dropped on HEAD or always, soft-404 pages, answers that never
come (timeouts) and closed ports. Every address's right outcome is known from its path.

Both tools, one after the other in the same run, each as a separate process timed
from its start to its exit (start-up and imports included), against the same server
(its retry counters reset between them):

  civicdesk   check_urls_sync(urls, concurrency=50, per_host=2, timeout=3, retries=2,
              allowed_networks=["127.0.0.0/8"]) in a child process, which also reports
              its peak memory (VmHWM) and writes the outcomes for the agreement.
  LinkChecker linkchecker 10.6 (PyPI) on an HTML page listing the same addresses in the
              same order: -f <rc> --check-extern -r 1 --no-robots --timeout 3 -t 50
              --no-status --no-warnings -v -o none -F csv; the rc file sets
              [checking] threads=50, timeout=3, maxrequestspersecond=1000. LinkChecker
              has no per-host connection limit; its politeness is a pause per host
              between requests, at most 10 requests/s unless the server answers with a
              `LinkChecker` header, which the fake web does, so that the pause is 1–6 ms
              and never the bottleneck. It is thus given more freedom per host than
              civicdesk's 2 connections (the server counts both; see the table).

Figures: both wall times, the ratio (target >= 3), civicdesk's agreement with the
known outcomes (outcome and proposed new address; target 100 %), the most simultaneous
connections to one host the server saw during civicdesk's run (target <= 2), the
checker's peak RSS (target < 200 MB), and for information LinkChecker's count of
addresses checked and its per-host maximum.
"""

from __future__ import annotations

import csv
import json
import os
import random
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HOSTS = [f"127.0.0.{n}" for n in range(1, 201)]
URLS = 10_000
RATIO_TARGET = 3.0
RSS_TARGET_MB = 200
TIMEOUT = 3
THREADS = 50
OPTIONS = {"concurrency": THREADS, "per_host": 2, "timeout": TIMEOUT, "retries": 2,
           "allowed_networks": ["127.0.0.0/8"]}

# kind: (how many of the 10,000, the path for address number n, the right outcome)
MIX = {
    "ok": (None, "/ok/u{n}", "ok"),  # the rest
    "text": (300, "/text/u{n}", "ok"),
    "big page (200 KB)": (50, "/big/200/u{n}", "ok"),
    "slow": (200, "/slow/{ms}/ok/u{n}", "ok"),
    "slow 500": (50, "/slow/{ms}/status/500/u{n}", "server_error"),
    "404": (600, "/status/404/u{n}", "not_found"),
    "410": (200, "/status/410/u{n}", "not_found"),
    "403": (100, "/status/403/u{n}", "client_error"),
    "500": (250, "/status/500/u{n}", "server_error"),
    "502": (50, "/status/502/u{n}", "server_error"),
    "301": (300, "/chain/301/ok/u{n}", "redirected"),
    "302": (250, "/chain/302/ok/u{n}", "ok"),
    "301 301 302": (150, "/chain/301.301.302/ok/u{n}", "redirected"),
    "302 301": (100, "/chain/302.301/ok/u{n}", "ok"),
    "301 to 404": (100, "/chain/301/status/404/u{n}", "not_found"),
    "301 to another host": (100, "/location/301/{other}", "redirected"),
    "loop of 3": (100, "/loop/3/0/u{n}", "redirect_loop"),
    "12 redirects": (50, "/chain/" + ".".join(["302"] * 12) + "/ok/u{n}", "too_many_redirects"),
    "429, Retry-After 1": (150, "/retry/429/1/1/ok/u{n}", "ok"),
    "429, Retry-After date": (50, "/retry/429/1/date1/ok/u{n}", "ok"),
    "503, Retry-After 1": (100, "/retry/503/1/1/ok/u{n}", "ok"),
    "429, Retry-After 3600": (50, "/retry/429/99/3600/ok/u{n}", "rate_limited"),
    "HEAD 405": (300, "/nohead/405/ok/u{n}", "ok"),
    "HEAD 501": (100, "/nohead/501/ok/u{n}", "ok"),
    "HEAD dropped": (100, "/drophead/ok/u{n}", "ok"),
    "dropped": (100, "/drop/u{n}", "dropped"),
    "soft 404": (300, "/soft404/{n}/u{n}", "soft_404"),
    "never answers": (10, "/hang/u{n}", "timeout"),
    "closed port": (30, None, "refused"),
}


def workload(port: int, closed_port: int, seed: int = 4) -> list[dict]:
    """The addresses in check order (host by host in turns) with their right outcomes."""
    rng = random.Random(seed)
    kinds = []
    for kind, (count, _, _) in MIX.items():
        if count:
            kinds += [kind] * count
    kinds += ["ok"] * (URLS - len(kinds))
    rng.shuffle(kinds)
    items = []
    for n, kind in enumerate(kinds):
        host = HOSTS[n % len(HOSTS)]
        _, pattern, outcome = MIX[kind]
        new_url = ""
        if kind == "closed port":
            url = f"http://{host}:{closed_port}/u{n}"
        else:
            other = f"http://{HOSTS[(n + 7) % len(HOSTS)]}:{port}/ok/u{n}"
            path = pattern.format(n=n, ms=rng.randrange(100, 501),
                                  other=urllib.parse.quote(other, safe=""))
            url = f"http://{host}:{port}{path}"
            if kind == "301":
                new_url = f"http://{host}:{port}/ok/u{n}"
            elif kind == "301 301 302":
                new_url = f"http://{host}:{port}/chain/302/ok/u{n}"
            elif kind == "301 to another host":
                new_url = other
        items.append({"url": url, "kind": kind, "outcome": outcome, "new_url": new_url})
    return items


def closed_port() -> int:
    """A port nothing listens on, on every host."""
    while True:
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        taken = False
        for host in HOSTS:
            with socket.socket() as s:
                try:
                    s.connect((host, port))
                    taken = True
                except OSError:
                    pass
            if taken:
                break
        if not taken:
            return port


def child(urls_file: str, out_file: str) -> None:
    """civicdesk's side, in its own process: check, then write outcomes and peak memory."""
    sys.path.insert(0, str(ROOT))
    from civicdesk.resources.checker import check_urls_sync

    urls = json.loads(Path(urls_file).read_text())
    started = time.perf_counter()
    results = check_urls_sync(urls, **OPTIONS)
    checked_s = time.perf_counter() - started
    hwm = 0
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            hwm = int(line.split()[1]) * 1024
    Path(out_file).write_text(json.dumps({
        "seconds": checked_s, "peak_rss": hwm,
        "results": {u: [str(r.outcome), r.new_url, r.detail] for u, r in results.items()},
    }))


def run_checker(work: Path, urls: list[str]) -> tuple[float, dict]:
    (work / "urls.json").write_text(json.dumps(urls))
    started = time.perf_counter()
    done = subprocess.run([sys.executable, __file__, "--child", str(work / "urls.json"),
                           str(work / "results.json")], capture_output=True, text=True)
    wall = time.perf_counter() - started
    if done.returncode:
        sys.exit(f"the checker failed:\n{done.stdout}{done.stderr}")
    return wall, json.loads((work / "results.json").read_text())


def run_linkchecker(work: Path, urls: list[str]) -> tuple[float, int, Counter]:
    """LinkChecker on a page listing the addresses: (wall seconds, addresses checked, results)."""
    # LinkChecker run as root drops to `nobody`: its files must be readable and writable to it.
    work.chmod(0o777)
    page = work / "links.html"
    links = "\n".join(f'<li><a href="{u}">{n}</a></li>' for n, u in enumerate(urls))
    page.write_text(f"<!doctype html><html><head><title>Links</title></head><body><ul>\n"
                    f"{links}\n</ul></body></html>\n")
    rc = work / "linkcheckerrc"
    rc.write_text(f"[checking]\nthreads={THREADS}\ntimeout={TIMEOUT}\n"
                  "maxrequestspersecond=1000\nrecursionlevel=1\n"
                  "[filtering]\ncheckextern=1\n")
    out = work / "linkchecker.csv"
    for path in (page, rc):
        path.chmod(0o644)
    command = [str(Path(sys.executable).parent / "linkchecker"), "-f", str(rc), "--check-extern",
               "-r", "1", "--no-robots", "--timeout", str(TIMEOUT), "-t", str(THREADS),
               "--no-status", "--no-warnings", "-v", "-o", "none", "-F", f"csv/utf-8/{out}",
               page.as_uri()]
    env = {**os.environ, "HOME": str(work), "XDG_CONFIG_HOME": str(work),
           "XDG_DATA_HOME": str(work)}
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, env=env, cwd=work)
    wall = time.perf_counter() - started
    if done.returncode not in (0, 1):  # 1: some links are broken, as they should be
        sys.exit(f"linkchecker failed ({done.returncode}):\n{done.stdout}{done.stderr[-3000:]}")
    checked, valid = 0, Counter()
    wanted = set(urls)
    with out.open(encoding="utf-8") as f:
        rows = csv.reader((line for line in f if not line.startswith("#")), delimiter=";")
        header = next(rows)
        at_url, at_valid = header.index("urlname"), header.index("valid")
        for row in rows:
            if len(row) > at_valid and row[at_url] in wanted:
                checked += 1
                valid[row[at_valid]] += 1
    return wall, checked, valid


def run(args) -> tuple[list, list[str]]:
    """The link-check bench: (table lines, notes to print under the table)."""
    sys.path.insert(0, str(ROOT))
    from benchmarks.run import Line
    from civicdesk.resources.fakeweb import FakeWeb

    work = Path(tempfile.mkdtemp(prefix="civicdesk-bench-linkcheck-"))
    try:
        with FakeWeb(HOSTS, processes=2, linkchecker_header=True) as web:
            items = workload(web.port, closed_port())
            urls = [item["url"] for item in items]
            print(f"link check bench: {len(urls)} addresses on {len(HOSTS)} hosts, fake web "
                  f"on port {web.port} (2 processes), {os.cpu_count()} CPUs; civicdesk ...",
                  flush=True)
            ours_s, ours = run_checker(work, urls)
            ours_max = web.max_connections()
            ours_requests = sum(s["requests"] for s in web.stats().values())
            web.reset()
            print(f"civicdesk {ours_s:.1f} s; LinkChecker ...", flush=True)
            theirs_s, theirs_checked, theirs_valid = run_linkchecker(work, urls)
            theirs_max = web.max_connections()
            theirs_requests = sum(s["requests"] for s in web.stats().values())
            print(f"LinkChecker {theirs_s:.1f} s", flush=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)

    wrong = Counter()
    examples = {}
    for item in items:
        outcome, new_url, detail = ours["results"][item["url"]]
        if outcome != item["outcome"] or new_url != item["new_url"]:
            wrong[item["kind"]] += 1
            examples.setdefault(item["kind"], f"{item['url']} → {outcome} {new_url} ({detail})")
    agreement = 100 * (len(items) - sum(wrong.values())) / len(items)
    ratio = theirs_s / ours_s
    peak_mb = ours["peak_rss"] / 1e6
    lines = [
        Line("link check: civicdesk, 10,000 addresses", ours_s, "s"),
        Line("link check: LinkChecker, same addresses", theirs_s, "s"),
        Line("link check: LinkChecker / civicdesk time", ratio, "x", f">= {RATIO_TARGET:g}",
             ratio >= RATIO_TARGET),
        Line("link check: agreement with known outcomes", agreement, "%", "100",
             not wrong),
        Line("link check: max connections to a host (civicdesk)", ours_max, "conn", "<= 2",
             ours_max <= 2),
        Line("link check: checker peak RSS", peak_mb, "MB", f"< {RSS_TARGET_MB}",
             peak_mb < RSS_TARGET_MB),
        Line("link check: requests sent (civicdesk)", ours_requests, "requests"),
        Line("link check: addresses LinkChecker checked", theirs_checked, "addresses"),
        Line("link check: max connections to a host (LinkChecker)", theirs_max, "conn"),
        Line("link check: requests sent (LinkChecker)", theirs_requests, "requests"),
    ]
    notes = [f"  link check: {n} wrong of kind {kind!r}, e.g. {examples[kind]}"
             for kind, n in wrong.most_common()]
    notes.append(f"  link check: LinkChecker valid/invalid: {dict(theirs_valid)}")
    return lines, notes


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "--child":
        child(sys.argv[2], sys.argv[3])
    else:
        sys.exit("run through benchmarks/run.py --only linkcheck")
