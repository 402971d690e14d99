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
                        typed at the desk — 2–5 letter prefixes of real generated
                        surnames (some followed by a given name's first letters), card
                        numbers, phone numbers, after 10 warm-up queries; target < 50 ms.
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
    sample = Patron.objects.filter(pk__in=rng.sample(ids, min(len(ids), SEARCH_REQUESTS + 10)))
    queries = []
    for p in sample:
        kind = rng.random()
        if kind < 0.55:
            queries.append(p.surname[:rng.randint(2, 5)])
        elif kind < 0.7:
            queries.append(f"{p.surname[:rng.randint(3, 6)]} {p.given_name[:rng.randint(1, 3)]}")
        elif kind < 0.85 or not p.phone:
            queries.append(p.card_number)
        else:
            digits = p.phone.replace(" ", "")[-10:]
            queries.append(rng.choice([p.phone, f"0{digits[1:3]} {digits[3:6]} {digits[6:]}",
                                       digits[-7:]]))
    rng.shuffle(queries)
    client = Client()
    client.force_login(consultants[0])
    for q in queries[:10]:
        timed(client, "/staff/journal/patrons/", {"q": q})
    search_ms = [timed(client, "/staff/journal/patrons/", {"q": q}) for q in queries[10:]]

    services = list(Service.objects.filter(network=central.network, is_archived=False,
                                           group__code__in=["3.1.1", "3.1.2", "3.1.3"])
                    .order_by("code").values_list("pk", flat=True))
    patrons = list(Patron.objects.filter(library=central).order_by("pk")
                   .values_list("pk", flat=True)[:50])
    return {"statistics_ms": statistics_ms, "search_ms": search_ms, "day": day.isoformat(),
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
        manage(env, "load_demo_volume", "--password", password,
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
    search_p95 = percentile(reads["search_ms"], 95)
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
        Line("patron search p50", percentile(reads["search_ms"], 50), "ms"),
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
                 f"{len(reads['search_ms'])} searches, {desk.ok} timed desk entries")
    return lines, notes


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    what = sys.argv[1] if len(sys.argv) > 1 else ""
    if what not in ("reads", "count"):
        sys.exit("benchmarks/journal.py is run by benchmarks/run.py (make bench); "
                 "`reads` and `count` are its in-process steps.")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "benchmarks.settings")
    print(json.dumps(_reads() if what == "reads" else _count()))
