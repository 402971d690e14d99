"""The director's dashboard: this month against the monthly plan, 12-month trends of
every registered metric (the main ones charted), and the main metrics per library for
this month. Everything is computed live from the metrics registry (one call per metric
per month; the journal's metrics read running counts), nothing is cached."""

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.utils import timezone

from civicdesk.core import metrics
from civicdesk.org.models import Library

from . import periods
from .execution import Row, current_plan, execution, libraries_under
from .models import Plan
from .reports import main_keys


@dataclass
class Board:
    library: Library
    month_start: date
    month_label: str
    plan: Plan | None
    rows: list[Row]
    month_values: list[tuple[str, str, int]]  # key, label, this month so far
    months: list[str]  # labels of the 12 months, oldest first
    trends: list[tuple[str, str, list[int]]]  # key, label, 12 values
    main: list[str]
    branches: list[tuple[Library, list[int]]] = field(default_factory=list)

    def chart_data(self) -> dict:
        return {"labels": self.months,
                "series": [[label, values] for key, label, values in self.trends
                           if key in self.main]}

    @property
    def main_labels(self) -> list[str]:
        labels = {key: label for key, label, _v in self.trends}
        return [labels[k] for k in self.main]


# The trends table: the journal's main figures and one or two of each module's; every
# other metric shows this month's value (twelve calls per metric would make the page
# slow as modules add metrics).
TRENDS = ("consultations", "distinct_patrons", "new_patrons", "appeals_assisted",
          "events_held", "event_participants")


def trend_keys_registered() -> list[str]:
    keys = {m.key for m in metrics.all_metrics()}
    return [k for k in TRENDS if k in keys]


def build(library: Library, today: date | None = None) -> Board:
    today = today or timezone.localdate()
    tomorrow = today + timedelta(days=1)
    month_start, month_end = periods.bounds("month", today)
    scope = libraries_under(library)
    plan = current_plan(library, "month", month_start)
    rows = execution(plan, today, libraries=scope) if plan else []

    starts = []
    day = month_start
    for _i in range(12):
        starts.append(day)
        day = (day - timedelta(days=1)).replace(day=1)
    starts.reverse()
    trends = []
    month_values = []
    trend_keys = set(trend_keys_registered())
    for metric in metrics.all_metrics():
        if metric.key in trend_keys:  # 12 months for the figures the director follows
            values = []
            for start in starts:
                end = min(periods.bounds("month", start)[1], tomorrow)
                values.append(metric.compute(scope, start, end))
            trends.append((metric.key, str(metric.label), values))
            month_values.append((metric.key, str(metric.label), values[-1]))
        else:  # this month only
            month_values.append((metric.key, str(metric.label),
                                 metric.compute(scope, month_start, tomorrow)))
    main = main_keys()
    branches = []
    for branch in scope.filter(has_center=True).order_by("path"):
        one = Library.objects.filter(pk=branch.pk)
        branches.append((branch, [metrics.compute(k, one, month_start, tomorrow) for k in main]))
    return Board(library=library, month_start=month_start,
                 month_label=periods.label("month", month_start), plan=plan, rows=rows,
                 month_values=month_values,
                 months=[periods.label("month", s) for s in starts], trends=trends, main=main,
                 branches=branches)
