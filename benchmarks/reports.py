"""Plans and reports at volume: the annual network report and the director's dashboard.

`benchmarks/run.py --only reports` (part of `make bench`). On its own throw-away data
folder (SQLite; PostgreSQL with --database-url: a scratch database) it migrates and
runs `manage.py load_demo_volume` as the journal bench does (20 libraries, 200,000
patrons, 1,000,000 journal entries over 3 years at full size; --volume-scale shrinks
patrons and entries), then in a child process with the bench settings:

  annual network report   reports.build() of a network report (the central library and
                          every branch with a center) for the middle year: every
                          registered metric for the year, the previous year and the
                          year before that's same period, 12 months of the main
                          metrics, the main metrics per library, the plan's execution
                          (an annual plan with 3 indicators); the median of 3 builds;
                          target < 10 s.
  dashboard p95           GET /staff/plans/dashboard/ as the director of the central
                          library (Django test Client in-process, time.perf_counter()
                          around each request: middleware, view, queries, template);
                          a monthly plan with 3 indicators for this month; 2 warm-up
                          requests, then 20 timed; target < 500 ms.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REPORT_TARGET_S = 10
DASHBOARD_TARGET_MS = 500
DASHBOARD_RUNS = 20


def _reads() -> dict:
    import django

    django.setup()
    from django.test import Client
    from django.utils import timezone

    from civicdesk.journal.volume import NETWORK_NAME
    from civicdesk.org.models import Library, Membership, Role
    from civicdesk.plans import actions
    from civicdesk.plans.reports import build

    central = Library.objects.get(network__name=NETWORK_NAME, kind=Library.Kind.CENTRAL)
    director = Membership.objects.get(library=central, role=Role.DIRECTOR).user
    head = Membership.objects.get(library=central, role=Role.CENTER_HEAD).user
    today = timezone.localdate()
    year = date(today.year - 1, 1, 1)

    def plan(kind, start, targets):
        p = actions.plan_create(library=central, period_kind=kind, period_start=start, by=head)
        for key, target in targets:
            actions.item_save(plan=p, by=head, section="3.1.3", what=key, metric_key=key,
                              target=target)
        actions.plan_submit(plan=p, by=head)
        return actions.plan_approve(plan=p, by=director)

    plan("year", year, [("consultations", 300_000), ("distinct_patrons", 50_000),
                        ("new_patrons", 20_000)])
    plan("month", today.replace(day=1), [("consultations", 30_000),
                                         ("distinct_patrons", 8_000), ("new_patrons", 2_000)])
    report = actions.report_create(library=central, scope="network", period_kind="year",
                                   period_start=year, by=head)
    report_s = []
    for _ in range(3):
        t0 = time.perf_counter()
        data = build(report)
        report_s.append(time.perf_counter() - t0)

    client = Client()
    client.force_login(director)

    def timed() -> float:
        t0 = time.perf_counter()
        response = client.get("/staff/plans/dashboard/")
        elapsed = (time.perf_counter() - t0) * 1000
        if response.status_code != 200:
            raise RuntimeError(f"dashboard answered {response.status_code}")
        return elapsed

    for _ in range(2):
        timed()
    dashboard_ms = [timed() for _ in range(DASHBOARD_RUNS)]
    consultations = next(r["value"] for r in data["metrics"] if r["key"] == "consultations")
    return {"report_s": report_s, "dashboard_ms": dashboard_ms, "year": year.year,
            "libraries": len(data["libraries"]), "metrics": len(data["metrics"]),
            "consultations": consultations}


def _child(env: dict) -> dict:
    done = subprocess.run([str(ROOT / ".venv" / "bin" / "python"), __file__, "reads"], cwd=ROOT,
                          env={**env, "ALLOWED_HOSTS": "testserver,127.0.0.1,localhost"},
                          capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"benchmarks/reports.py reads failed:\n{done.stdout}{done.stderr[-5000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def run(args) -> tuple[list, list[str]]:
    from benchmarks.journal import FULL
    from benchmarks.run import Line, ScratchDatabase, bench_env, free_port, manage, percentile

    scale = args.volume_scale
    size = {**FULL, "patrons": int(FULL["patrons"] * scale),
            "entries": int(FULL["entries"] * scale)}
    data_dir = Path(tempfile.mkdtemp(prefix="civicdesk-bench-reports-"))
    env = bench_env(data_dir, free_port())
    scratch = ScratchDatabase(args.database_url) if args.database_url else None
    try:
        if scratch:
            scratch.create()
            env["DATABASE_URL"] = scratch.url
        database = "PostgreSQL" if scratch else "SQLite"
        print(f"reports bench: {database}, data folder {data_dir}; load_demo_volume "
              f"{size['entries']} entries ...", flush=True)
        manage(env, "migrate", "--noinput", "-v0")
        t0 = time.perf_counter()
        manage(env, "load_demo_volume", f"--password={secrets.token_urlsafe(18)}",
               *(f"--{k}={v}" for k, v in size.items()))
        print(f"loaded in {time.perf_counter() - t0:.1f} s; report and dashboard ...",
              flush=True)
        manage(env, "collectstatic", "--noinput", "-v0")
        reads = _child(env)
    finally:
        if scratch:
            scratch.drop()
        if args.keep:
            print(f"reports data folder kept: {data_dir}")
        else:
            shutil.rmtree(data_dir, ignore_errors=True)
    size_note = "" if scale == 1 else f", scale {scale:g}"
    report_s = statistics.median(reads["report_s"])
    dash_p95 = percentile(reads["dashboard_ms"], 95)
    lines = [
        Line(f"annual network report build ({database}{size_note})", report_s, "s",
             f"< {REPORT_TARGET_S}", report_s < REPORT_TARGET_S),
        Line(f"director's dashboard p95 ({database}{size_note})", dash_p95, "ms",
             f"< {DASHBOARD_TARGET_MS}", dash_p95 < DASHBOARD_TARGET_MS),
        Line("director's dashboard p50", percentile(reads["dashboard_ms"], 50), "ms"),
    ]
    notes = [f"  reports bench: network report for {reads['year']}, {reads['libraries']} "
             f"libraries, {reads['metrics']} metrics, {reads['consultations']} services; "
             f"builds {', '.join(f'{s:.2f}' for s in reads['report_s'])} s"]
    return lines, notes


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    if sys.argv[1:] != ["reads"]:
        sys.exit("benchmarks/reports.py is run by benchmarks/run.py --only reports.")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "benchmarks.settings")
    print(json.dumps(_reads()))
