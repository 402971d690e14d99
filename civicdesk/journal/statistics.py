"""The journal's numbers for a period and a set of libraries (§8.2). Aggregated in SQL."""

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.db.models import Count, QuerySet
from django.db.models.functions import ExtractHour, ExtractIsoWeekDay
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from civicdesk.core import metrics

from .models import EntryService, JournalEntry

WEEKDAYS = [gettext_lazy("Mon"), gettext_lazy("Tue"), gettext_lazy("Wed"), gettext_lazy("Thu"),
            gettext_lazy("Fri"), gettext_lazy("Sat"), gettext_lazy("Sun")]


def _bounds(start: date, end: date) -> tuple[datetime, datetime]:
    tz = timezone.get_current_timezone()
    return (timezone.make_aware(datetime.combine(start, time.min), tz),
            timezone.make_aware(datetime.combine(end, time.min), tz))


def entries_counted(libraries: QuerySet, start: date, end: date) -> QuerySet[JournalEntry]:
    """Entries that count: in these libraries, served in [start, end), not cancelled."""
    since, until = _bounds(start, end)
    return JournalEntry.objects.filter(library__in=libraries, served_at__gte=since,
                                       served_at__lt=until, cancelled_at__isnull=True)


def count_entries(libraries, start, end) -> int:
    return entries_counted(libraries, start, end).count()


def count_distinct_patrons(libraries, start, end) -> int:
    return (entries_counted(libraries, start, end).filter(patron__isnull=False)
            .values("patron").distinct().count())


def count_unmet_needs(libraries, start, end) -> int:
    return entries_counted(libraries, start, end).exclude(unmet_need="").count()


def register_metrics() -> None:
    metrics.register(metrics.Metric("consultations", gettext_lazy("services given (entries)"),
                                    count_entries, order=10))
    metrics.register(metrics.Metric("distinct_patrons", gettext_lazy("distinct patrons served"),
                                    count_distinct_patrons, order=20))
    metrics.register(metrics.Metric("unmet_needs", gettext_lazy("unmet needs recorded"),
                                    count_unmet_needs, order=40))


@dataclass
class Breakdown:
    title: str
    rows: list[tuple[str, int]] = field(default_factory=list)


@dataclass
class Statistics:
    start: date
    end: date
    totals: list[tuple[str, int, int]]  # label, this period, previous period
    breakdowns: dict[str, Breakdown]


def _rows(qs, label_of, key: str) -> list[tuple[str, int]]:
    return [(label_of(row), row["n"]) for row in qs.order_by("-n", key)]


def journal_statistics(libraries: QuerySet, start: date, end: date) -> Statistics:
    entries = entries_counted(libraries, start, end)
    previous_start = start - (end - start)
    totals = [
        (str(m.label), m.compute(libraries, start, end), m.compute(libraries, previous_start, start))
        for m in metrics.all_metrics()
    ]
    channel = dict(JournalEntry.Channel.choices)
    outcome = dict(JournalEntry.Outcome.choices)
    links = EntryService.objects.filter(entry__in=entries)
    by_category = {}
    for row in (entries.filter(patron__categories__isnull=False)
                .values("patron__categories__name").annotate(n=Count("id"))):
        by_category[row["patron__categories__name"]] = row["n"]
    for row in (entries.filter(unidentified_category__isnull=False)
                .values("unidentified_category__name").annotate(n=Count("id"))):
        name = row["unidentified_category__name"]
        by_category[name] = by_category.get(name, 0) + row["n"]
    hours = {row["h"]: row["n"] for row in
             entries.annotate(h=ExtractHour("served_at")).values("h").annotate(n=Count("id"))}
    days = {row["d"]: row["n"] for row in
            entries.annotate(d=ExtractIsoWeekDay("served_at")).values("d").annotate(n=Count("id"))}
    breakdowns = {
        "service": Breakdown(_("By service"), _rows(
            links.values("service__name").annotate(n=Count("id")),
            lambda r: r["service__name"], "service__name")),
        "group": Breakdown(_("By group of services (§3.1)"), _rows(
            links.values("service__group__code", "service__group__title")
            .annotate(n=Count("entry", distinct=True)),
            lambda r: f"{r['service__group__code']}. {r['service__group__title']}",
            "service__group__code")),
        "channel": Breakdown(_("By channel"), _rows(
            entries.values("channel").annotate(n=Count("id")),
            lambda r: str(channel.get(r["channel"], r["channel"])), "channel")),
        "outcome": Breakdown(_("By outcome"), _rows(
            entries.values("outcome").annotate(n=Count("id")),
            lambda r: str(outcome.get(r["outcome"], r["outcome"])), "outcome")),
        "category": Breakdown(_("By social category"),
                              sorted(by_category.items(), key=lambda kv: (-kv[1], kv[0]))),
        "settlement": Breakdown(_("By settlement"), _rows(
            entries.filter(patron__isnull=False).values("patron__settlement")
            .annotate(n=Count("id")),
            lambda r: r["patron__settlement"] or "—", "patron__settlement")),
        "staff": Breakdown(_("By staff member"), _rows(
            entries.values("staff__last_name", "staff__first_name", "staff__username")
            .annotate(n=Count("id")),
            lambda r: f"{r['staff__last_name']} {r['staff__first_name']}".strip()
            or r["staff__username"], "staff__last_name")),
        "hour": Breakdown(_("By hour of the day"),
                          [(f"{h:02d}:00", hours[h]) for h in sorted(hours)]),
        "weekday": Breakdown(_("By weekday"),
                             [(str(WEEKDAYS[d - 1]), days.get(d, 0)) for d in range(1, 8)]),
    }
    return Statistics(start=start, end=end, totals=totals, breakdowns=breakdowns)


def period_bounds(kind: str, day: date, start: date | None = None,
                  end: date | None = None) -> tuple[date, date]:
    """[start, end) of the day, week, month, quarter or year holding `day`, or a custom
    range given by its first and last day."""
    if kind == "day":
        return day, day + timedelta(days=1)
    if kind == "week":
        first = day - timedelta(days=day.weekday())
        return first, first + timedelta(days=7)
    if kind == "month":
        first = day.replace(day=1)
        return first, (first + timedelta(days=32)).replace(day=1)
    if kind == "quarter":
        first = date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)
        return first, (first + timedelta(days=93)).replace(day=1)
    if kind == "year":
        return date(day.year, 1, 1), date(day.year + 1, 1, 1)
    return start, end + timedelta(days=1)
