"""The journal at volume: statistics, patron search and the desk on a realistic network.

Part of `make bench` (benchmarks/run.py runs it after the write bench and prints one
table). On its own throw-away data folder (SQLite; PostgreSQL with --database-url: a
scratch database), it migrates and runs `manage.py load_demo_volume` at full size
(20 libraries, 200,000 patrons, 1,000,000 journal entries over 3 years; --volume-scale
shrinks patrons and entries for a quick run), then measures:

  volume load           wall time of load_demo_volume; target < 300 s at full size.
  statistics page p95   GET /staff/journal/statistics/?period=year&day=<a day in the
                        middle year>, all libraries, as the center head of the central
                        library: 2 warm-up requests, then 20 timed; target < 300 ms.
  patron search p95     GET /staff/journal/patrons/?q=… as a consultant of the central
                        library (who sees all the network's patrons): 200 queries as
                        typed at the desk to find random patrons (_search_query: starts
                        of surnames, surname and a given name's first letters, card
                        numbers, phone numbers whole, by their last or first digits),
                        after 10 warm-up queries; target < 50 ms. Then 200 more as a
                        branch librarian, who sees only their branch; same target.
  desk entry p99        POST /staff/journal/ as the browser sends it (library, patron,
                        services, channel, duration_minutes, outcome, a fresh uuid4
                        submission_key, csrfmiddlewaretoken) by 8 logged-in consultants
                        at once against the production server (gunicorn, run.py's
                        clients), 2 s warm-up then --seconds timed; success is the 302 to
                        the desk; target p99 < 250 ms and 0 errors; the entries in the
                        database must equal the 302 answers.

"Server time" for the two reads is measured in-process: a Django test Client in a
child process with the bench settings (production + the bench app) on the same data,
time.perf_counter() around each request — middleware, view, queries and template,
without HTTP and gunicorn. The desk figure is what a client of the real server waits.
"""

from __future__ import annotations

import json
import os
import random
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from datetime import timedelta
from multiprocessing import get_context
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

FULL = {"libraries": 20, "patrons": 200_000, "entries": 1_000_000, "years": 3}
LOAD_TARGET_S = 300
STATISTICS_TARGET_MS = 300
SEARCH_TARGET_MS = 50
DESK_TARGET_MS = 250
STATISTICS_RUNS = 20
SEARCH_REQUESTS = 200


def add_arguments(parser) -> None:
    parser.add_argument("--volume-scale", type=float, default=1.0,
                        help="journal bench: patrons and entries x this (default 1: full size)")


# --- In the child process: reads through the Django test client -------------------


def _search_query(rng: random.Random, p) -> tuple[str, str]:
    """(kind, query) as typed at the desk to find patron p."""
    kind = rng.random()
    if kind < 0.45:  # the first letters of the surname, as typed
        return "surname prefix", p.surname[:rng.randint(2, 5)]
    if kind < 0.6:  # surname, then the first letters of the given name
        return "surname given", f"{p.surname[:rng.randint(3, 8)]} {p.given_name[:rng.randint(1, 3)]}"
    if kind < 0.65:  # given name first, then the surname's start
        return "given surname", f"{p.given_name} {p.surname[:rng.randint(2, 4)]}"
    if kind < 0.8 or not p.phone:
        return "card", p.card_number
    digits = p.phone.replace(" ", "")[-10:]
    return "phone", rng.choice([p.phone, f"0{digits[1:3]} {digits[3:6]} {digits[6:]}",
                                digits[-7:], digits[-5:], f"0{digits[1:3]} {digits[3:5]}"])



def _reads() -> dict:
    """Time the statistics page and the patron search in-process; ids for the desk."""
    import django

    django.setup()
    from django.test import Client
    from django.utils import timezone

    from civicdesk.journal.volume import NETWORK_NAME
    from civicdesk.org.models import Library, Membership, Role
    from civicdesk.patrons.models import Patron
    from civicdesk.services.models import Service

    central = Library.objects.get(network__name=NETWORK_NAME, kind=Library.Kind.CENTRAL)
    head = Membership.objects.get(library=central, role=Role.CENTER_HEAD).user
    consultants = [m.user for m in Membership.objects.filter(
        library=central, role=Role.CONSULTANT).select_related("user").order_by("user__username")]
    years = FULL["years"]
    day = timezone.localdate() - timedelta(days=365 * years // 2)

    def timed(client: Client, path: str, params: dict) -> float:
        t0 = time.perf_counter()
        response = client.get(path, params)
        elapsed = (time.perf_counter() - t0) * 1000
        if response.status_code != 200:
            raise RuntimeError(f"GET {path} {params} answered {response.status_code}")
        return elapsed

    client = Client()
    client.force_login(head)
    stats_params = {"period": "year", "day": day.isoformat()}
    for _ in range(2):
        timed(client, "/staff/journal/statistics/", stats_params)
    statistics_ms = [timed(client, "/staff/journal/statistics/", stats_params)
                     for _ in range(STATISTICS_RUNS)]

    rng = random.Random(1)
    ids = list(Patron.objects.filter(library__network=central.network)
               .values_list("pk", flat=True))
    sample = Patron.objects.filter(pk__in=rng.sample(ids, min(len(ids), 2 * SEARCH_REQUESTS + 20)))
    queries = [_search_query(rng, p) for p in sample]
    rng.shuffle(queries)
    search = {}
    branch = Membership.objects.filter(library__network=central.network,
                                       role=Role.BRANCH_LIBRARIAN).order_by("library__pk").first()
    # The consultant of the central library sees the whole network; a branch librarian
    # types the same kinds of query but sees only their branch (most queries then find
    # other branches' patrons, which the scope must skip).
    for who, user, part in (("consultant", consultants[0], queries[:SEARCH_REQUESTS + 10]),
                            ("branch", branch.user, queries[SEARCH_REQUESTS + 10:])):
        client = Client()
        client.force_login(user)
        for _kind, q in part[:10]:
            timed(client, "/staff/journal/patrons/", {"q": q})
        search[who] = [(kind, q, timed(client, "/staff/journal/patrons/", {"q": q}))
                       for kind, q in part[10:]]

    services = list(Service.objects.filter(network=central.network, is_archived=False,
                                           group__code__in=["3.1.1", "3.1.2", "3.1.3"])
                    .order_by("code").values_list("pk", flat=True))
    patrons = list(Patron.objects.filter(library=central).order_by("pk")
                   .values_list("pk", flat=True)[:50])
    return {"statistics_ms": statistics_ms, "search": search, "day": day.isoformat(),
            "central": central.pk, "services": services, "patrons": patrons,
            "consultants": [u.username for u in consultants]}


def _count() -> dict:
    """Entries the desk clients saved (their note says so)."""
    import django

    django.setup()
    from civicdesk.journal.models import JournalEntry

    return {"desk_entries": JournalEntry.objects.filter(note__startswith="bench client ").count()}


# --- In the bench process ------------------------------------------------------------


def _child(env: dict, what: str) -> dict:
    done = subprocess.run([str(ROOT / ".venv" / "bin" / "python"), __file__, what], cwd=ROOT,
                          env={**env, "ALLOWED_HOSTS": "testserver,127.0.0.1,localhost"},
                          capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"benchmarks/journal.py {what} failed:\n{done.stdout}{done.stderr[-5000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def run(args) -> tuple[list, list[str]]:
    """The journal bench: (table lines, notes to print under the table)."""
    from benchmarks.run import (
        Line,
        Phase,
        ScratchDatabase,
        bench_env,
        free_port,
        log_in,
        manage,
        merge,
        percentile,
        run_phase,
        start_server,
        stop,
    )

    scale = args.volume_scale
    size = {**FULL, "patrons": int(FULL["patrons"] * scale),
            "entries": int(FULL["entries"] * scale)}
    data_dir = Path(tempfile.mkdtemp(prefix="civicdesk-bench-journal-"))
    port = free_port()
    env = bench_env(data_dir, port)
    scratch = ScratchDatabase(args.database_url) if args.database_url else None
    server = None
    password = secrets.token_urlsafe(18)
    try:
        if scratch:
            scratch.create()
            env["DATABASE_URL"] = scratch.url
        database = f"PostgreSQL ({scratch.name})" if scratch else "SQLite"
        print(f"journal bench: {database}, data folder {data_dir}; load_demo_volume "
              f"{size['libraries']} libraries, {size['patrons']} patrons, "
              f"{size['entries']} entries ...", flush=True)
        manage(env, "migrate", "--noinput", "-v0")
        t0 = time.perf_counter()
        manage(env, "load_demo_volume", f"--password={password}",  # it may start with "-"
               *(f"--{k}={v}" for k, v in size.items()))
        load_s = time.perf_counter() - t0
        print(f"loaded in {load_s:.1f} s; statistics and search in-process ...", flush=True)
        manage(env, "collectstatic", "--noinput", "-v0")
        reads = _child(env, "reads")

        log = data_dir / "gunicorn.log"
        server = start_server(env, data_dir, port, log)
        print(f"desk: {args.clients} clients log in ...", flush=True)
        consultants = reads["consultants"]
        logins = [log_in(port, consultants[i % len(consultants)], password, "/staff/journal/")
                  for i in range(args.clients)]
        services = reads["services"]
        phase = Phase("desk entry", "/staff/journal/", {
            "library": reads["central"], "channel": "in_person", "duration_minutes": 10,
            "outcome": "resolved",
        }, 302, expect_location="/staff/journal/", unique_field="submission_key")
        browsers = [(cookies, {"csrfmiddlewaretoken": token,
                               "patron": reads["patrons"][i % len(reads["patrons"])],
                               "services": services[i % len(services):][:1 + i % 2]})
                    for i, (cookies, token) in enumerate(logins)]
        with ProcessPoolExecutor(args.clients, mp_context=get_context("fork")) as pool:
            print(f"desk: {args.warmup:g} s warm-up, {args.seconds:g} s timed ...", flush=True)
            warm = run_phase(pool, port, phase, browsers, args.warmup)
            desk = merge([run_phase(pool, port, phase, browsers, args.seconds)])
        stop(server)
        saved = _child(env, "count")["desk_entries"]
    finally:
        if server is not None:
            stop(server)
        if scratch:
            scratch.drop()
        if args.keep:
            print(f"journal data folder kept: {data_dir}")
        else:
            shutil.rmtree(data_dir, ignore_errors=True)

    full = scale == 1
    stats_p95 = percentile(reads["statistics_ms"], 95)
    search_ms = {who: [ms for _k, _q, ms in rows] for who, rows in reads["search"].items()}
    search_p95 = percentile(search_ms["consultant"], 95)
    branch_p95 = percentile(search_ms["branch"], 95)
    desk_ms = [x * 1000 for x in desk.latencies]
    desk_p99 = percentile(desk_ms, 99)
    errors = desk.errors + warm.errors
    answered = desk.ok + warm.ok
    size_note = "" if full else f" (scale {scale:g})"
    lines = [
        Line(f"journal volume load{size_note}", load_s, "s",
             f"< {LOAD_TARGET_S}" if full else "-", load_s < LOAD_TARGET_S if full else None),
        Line(f"statistics page, year, all libraries p95 ({database.split()[0]})", stats_p95,
             "ms", f"< {STATISTICS_TARGET_MS}", stats_p95 < STATISTICS_TARGET_MS),
        Line("statistics page p50", percentile(reads["statistics_ms"], 50), "ms"),
        Line("patron search as you type p95", search_p95, "ms", f"< {SEARCH_TARGET_MS}",
             search_p95 < SEARCH_TARGET_MS),
        Line("patron search p50", percentile(search_ms["consultant"], 50), "ms"),
        Line("patron search p95, branch librarian", branch_p95, "ms", f"< {SEARCH_TARGET_MS}",
             branch_p95 < SEARCH_TARGET_MS),
        Line(f"desk entry latency p99 ({args.clients} clients)", desk_p99, "ms",
             f"< {DESK_TARGET_MS}", desk_p99 < DESK_TARGET_MS),
        Line("desk entry latency p50", percentile(desk_ms, 50), "ms"),
        Line("desk entry throughput", desk.throughput, "req/s"),
        Line("desk entry errors", sum(errors.values()), "requests", "0", not errors),
        Line("desk entries saved / 302 answers", f"{saved}/{answered}", "rows", "equal",
             saved == answered),
    ]
    notes = [f"  desk entry error: {reason} x {n}" for reason, n in errors.most_common()]
    notes.append(f"  journal bench: statistics for the year of {reads['day']}, "
                 f"{sum(map(len, search_ms.values()))} searches, {desk.ok} timed desk entries")
    for who, rows in reads["search"].items():
        by_kind: dict[str, list[float]] = {}
        for kind, _q, ms in rows:
            by_kind.setdefault(kind, []).append(ms)
        slowest = max(rows, key=lambda r: r[2])
        notes.append(f"  patron search ({who}) p95 by kind: " + ", ".join(
            f"{kind} {percentile(v, 95):.1f} ms (n={len(v)})" for kind, v in sorted(by_kind.items()))
            + f"; slowest {slowest[1]!r} {slowest[2]:.1f} ms")
    return lines, notes


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    what = sys.argv[1] if len(sys.argv) > 1 else ""
    if what not in ("reads", "count"):
        sys.exit("benchmarks/journal.py is run by benchmarks/run.py (make bench); "
                 "`reads` and `count` are its in-process steps.")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "benchmarks.settings")
    print(json.dumps(_reads() if what == "reads" else _count()))
