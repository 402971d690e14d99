"""A plan's execution, computed live from the metrics registry: each indicator's
actual value for the plan's library and the libraries under it over the plan's period
(up to today for the current one), percent done and whether it is behind schedule."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import QuerySet
from django.utils import timezone

from civicdesk.core import metrics
from civicdesk.org.models import Library

from . import periods
from .models import Plan, PlanItem
from .sections import Section


def _fixed(ids) -> QuerySet[Library]:
    # The ids read once: every metric call then filters on a short list instead of
    # repeating the path subquery (about a fifth faster over hundreds of calls).
    return Library.objects.filter(pk__in=list(ids))


def libraries_under(library: Library) -> QuerySet[Library]:
    return _fixed(Library.objects.filter(path__startswith=library.path, is_active=True)
                  .values_list("pk", flat=True))


def network_libraries(central: Library) -> QuerySet[Library]:
    """The central library and every branch of its network that has a center."""
    return _fixed((Library.objects.filter(network_id=central.network_id, is_active=True,
                                          has_center=True) | Library.objects.filter(pk=central.pk))
                  .values_list("pk", flat=True))


@dataclass
class Row:
    item: PlanItem
    section_label: str
    metric_label: str = ""
    unknown_metric: bool = False
    actual: int | None = None
    percent: int | None = None
    expected: int = 0  # percent of the item's time that has passed
    behind: bool = False
    overdue: bool = False

    @property
    def is_done(self) -> bool:
        if self.item.is_indicator:
            return self.actual is not None and self.actual >= (self.item.target or 0)
        return self.item.done


def execution(plan: Plan, today: date | None = None,
              libraries: QuerySet | None = None) -> list[Row]:
    today = today or timezone.localdate()
    start, end = plan.period_start, plan.period_end
    until = min(end, today + timedelta(days=1))
    libraries = libraries if libraries is not None else libraries_under(plan.library)
    sections = dict(Section.choices)
    values: dict[str, int] = {}  # one metric call per key, however many items use it
    rows = []
    for item in plan.items.select_related("responsible_user"):
        row = Row(item=item, section_label=str(sections.get(item.section, item.section)))
        item_end = item.due_date + timedelta(days=1) if item.due_date else end
        share = periods.elapsed_share(start, item_end, today)
        row.expected = round(share * 100)
        row.overdue = item.due_date is not None and item.due_date < today
        if item.is_indicator:
            try:
                metric = metrics.get(item.metric_key)
            except KeyError:
                row.unknown_metric = True
                rows.append(row)
                continue
            row.metric_label = str(metric.label)
            if item.metric_key not in values:
                values[item.metric_key] = (metric.compute(libraries, start, until)
                                           if until > start else 0)
            row.actual = values[item.metric_key]
            row.percent = round(100 * row.actual / item.target) if item.target else None
            done_share = row.actual / item.target if item.target else 1
            row.behind = start <= today and (done_share < share or (row.overdue
                                                                   and not row.is_done))
        else:
            row.behind = row.overdue and not item.done
        rows.append(row)
    rows.sort(key=lambda r: (r.item.section.split(".")[0] != "2",
                             tuple(int(p) for p in r.item.section.split(".")),
                             r.item.position, r.item.pk))
    return rows


def current_plan(library: Library, kind: str, start: date) -> Plan | None:
    """The plan in force for the period: the latest approved version, else the newest
    one in work."""
    plans = Plan.objects.filter(library=library, period_kind=kind, period_start=start)
    return (plans.filter(status=Plan.Status.APPROVED).order_by("-version").first()
            or plans.order_by("-version").first())
