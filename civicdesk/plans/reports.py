"""Reports assembled from the metrics registry: every registered metric for the period,
the previous period and the same period last year; the plan's execution; for a network
report, the main metrics per library with a center; months for the charts.

`build()` returns plain JSON-able data. An approved report stores it (Report.frozen)
and shows it ever after; `live_differences()` says where the data now differ.
"""

from datetime import date, timedelta

from django.utils import timezone

from civicdesk.core import metrics

from . import periods
from .execution import current_plan, execution, libraries_under, network_libraries
from .models import Report

# The main metrics: the dashboard's trends and the per-library tables (those registered).
MAIN = ("consultations", "distinct_patrons", "new_patrons")


def main_keys() -> list[str]:
    keys = {m.key for m in metrics.all_metrics()}
    return [k for k in MAIN if k in keys]


def report_libraries(report: Report):
    if report.scope == Report.Scope.NETWORK:
        return network_libraries(report.library)
    return libraries_under(report.library)


def _pct(now: int, before: int) -> float | None:
    return None if not before else round(100 * (now - before) / before, 1)


def build(report: Report, today: date | None = None) -> dict:
    today = today or timezone.localdate()
    kind, start = report.period_kind, report.period_start
    end = report.period_end
    until = max(start, min(end, today + timedelta(days=1)))  # up to today
    libraries = report_libraries(report)
    prev = periods.previous(kind, start)
    last_year = periods.same_last_year(kind, start)
    rows = []
    for metric in metrics.all_metrics():
        value = metric.compute(libraries, start, until) if until > start else 0
        previous = metric.compute(libraries, *prev)
        year_ago = metric.compute(libraries, *last_year)
        rows.append({"key": metric.key, "label": str(metric.label), "value": value,
                     "previous": previous, "previous_diff": value - previous,
                     "previous_pct": _pct(value, previous), "last_year": year_ago,
                     "last_year_diff": value - year_ago, "last_year_pct": _pct(value, year_ago)})
    main = main_keys()
    month_rows = []
    if kind != "month":
        for m_start, m_end in periods.months(start, end):
            m_end = min(m_end, until)
            month_rows.append({"start": m_start.isoformat(), "label": periods.label("month", m_start),
                               "values": {k: (metrics.compute(k, libraries, m_start, m_end)
                                              if m_end > m_start else 0) for k in main}})
    by_library = []
    if report.scope == Report.Scope.NETWORK:
        for library in libraries.order_by("path"):
            one = libraries_under(library).filter(pk=library.pk)
            by_library.append({"library": library.name, "values": {
                k: (metrics.compute(k, one, start, until) if until > start else 0)
                for k in main}})
    plan = current_plan(report.library, kind, start)
    plan_data = None
    if plan is not None:
        plan_data = {"id": plan.pk, "version": plan.version, "status": plan.status,
                     "status_label": str(plan.get_status_display()), "items": [
                         {"section": r.section_label, "what": r.item.what,
                          "indicator": r.metric_label, "unknown_metric": r.unknown_metric,
                          "metric_key": r.item.metric_key, "target": r.item.target,
                          "actual": r.actual, "percent": r.percent, "done": r.is_done,
                          "comment": r.item.done_comment, "behind": r.behind,
                          "due": r.item.due_date.isoformat() if r.item.due_date else "",
                          "responsible": r.item.responsible}
                         for r in execution(plan, today, libraries=libraries)]}
    return {
        "period": {"kind": kind, "start": start.isoformat(), "end": end.isoformat(),
                   "until": until.isoformat(), "label": report.period_label,
                   "previous_label": periods.label(kind, prev[0]),
                   "last_year_label": periods.label(kind, last_year[0])},
        "library": report.library.name,
        "libraries": [lib.name for lib in libraries.order_by("path")],
        "metrics": rows, "main": main,
        "main_labels": {k: str(metrics.get(k).label) for k in main},
        "months": month_rows, "by_library": by_library, "plan": plan_data,
        "built_at": timezone.now().isoformat(),
    }


def live_differences(report: Report) -> dict[str, int]:
    """For an approved report: metric key → live value minus the frozen one, where they
    differ (data corrected after approval)."""
    if not report.frozen:
        return {}
    period = report.frozen["period"]
    start, until = date.fromisoformat(period["start"]), date.fromisoformat(period["until"])
    libraries = report_libraries(report)
    diffs = {}
    for row in report.frozen["metrics"]:
        try:
            metric = metrics.get(row["key"])
        except KeyError:
            continue
        live = metric.compute(libraries, start, until) if until > start else 0
        if live != row["value"]:
            diffs[row["key"]] = live - row["value"]
    return diffs


def chart_data(data: dict) -> dict:
    """What the report page's charts draw (json_script, read by static/js/plans.js)."""
    main = [r for r in data["metrics"] if r["key"] in data["main"]]
    return {
        "compare": {"labels": [r["label"] for r in main],
                    "series": [[data["period"]["label"], [r["value"] for r in main]],
                               [data["period"]["previous_label"], [r["previous"] for r in main]],
                               [data["period"]["last_year_label"],
                                [r["last_year"] for r in main]]]},
        "months": {"labels": [m["label"] for m in data["months"]],
                   "series": [[data["main_labels"][k], [m["values"][k] for m in data["months"]]]
                              for k in data["main"]]},
    }
