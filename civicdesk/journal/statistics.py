"""The journal's numbers for a period and a set of libraries (§8.2), summed in SQL from
the running counts (tallies.py)."""

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.contrib.auth import get_user_model
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from civicdesk.core import metrics
from civicdesk.core.metrics import period_bounds as _bounds
from civicdesk.patrons.models import SocialCategory
from civicdesk.services.models import Service, ServiceGroup

from . import tallies
from .models import JournalEntry

WEEKDAYS = [gettext_lazy("Mon"), gettext_lazy("Tue"), gettext_lazy("Wed"), gettext_lazy("Thu"),
            gettext_lazy("Fri"), gettext_lazy("Sat"), gettext_lazy("Sun")]


def entries_counted(libraries: QuerySet, start: date, end: date) -> QuerySet[JournalEntry]:
    """Entries that count: in these libraries, served in [start, end), not cancelled."""
    since, until = _bounds(start, end)
    return JournalEntry.objects.filter(library__in=libraries, served_at__gte=since,
                                       served_at__lt=until, cancelled_at__isnull=True)


def count_entries(libraries, start, end) -> int:
    return tallies.total(libraries, start, end, tallies.ENTRIES)


def count_distinct_patrons(libraries, start, end) -> int:
    return tallies.distinct_patrons(libraries, start, end)


def count_unmet_needs(libraries, start, end) -> int:
    return tallies.total(libraries, start, end, tallies.UNMET)


def sum_minutes(libraries, start, end) -> int:
    return tallies.total(libraries, start, end, tallies.MINUTES)


# The journal's own numbers (and new patrons); other modules' metrics go to plans and
# reports, not to this page.
PAGE_METRICS = ("consultations", "distinct_patrons", "new_patrons", "unmet_needs",
                "service_hours")


def register_metrics() -> None:
    metrics.register(metrics.Metric("consultations", gettext_lazy("services given (entries)"),
                                    count_entries, order=10))
    metrics.register(metrics.Metric("distinct_patrons", gettext_lazy("distinct patrons served"),
                                    count_distinct_patrons, order=20))
    metrics.register(metrics.Metric("unmet_needs", gettext_lazy("unmet needs recorded"),
                                    count_unmet_needs, order=40))
    metrics.register(metrics.Metric("service_hours", gettext_lazy("hours spent serving citizens"),
                                    lambda *a: round(sum_minutes(*a) / 60), order=45))


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


def _ranked(counts: dict[str, int], label_of) -> list[tuple[str, int]]:
    labelled = [(label_of(key), n) for key, n in counts.items()]
    return sorted(labelled, key=lambda row: (-row[1], row[0]))


def journal_statistics(libraries: QuerySet, start: date, end: date) -> Statistics:
    previous_start = previous_period_start(start, end)
    libraries = list(libraries)
    with tallies.shared_sums():  # each period's counts read once
        totals = [
            (str(m.label), m.compute(libraries, start, end),
             m.compute(libraries, previous_start, start))
            for m in metrics.all_metrics() if m.key in PAGE_METRICS
        ]
        counted = tallies.sums(libraries, start, end)
    by_kind: dict[str, dict[str, int]] = {}
    for (kind, key), n in counted.items():
        by_kind.setdefault(kind, {})[key] = n

    def ids(kind):
        return [int(k) for k in by_kind.get(kind, {}) if k.isdigit()]

    service_names = dict(Service.objects.filter(pk__in=ids(tallies.SERVICE))
                         .values_list("pk", "name"))
    groups = {g.pk: g for g in ServiceGroup.objects.filter(pk__in=ids(tallies.GROUP))}
    category_names = dict(SocialCategory.objects.filter(pk__in=ids(tallies.CATEGORY))
                          .values_list("pk", "name"))
    staff = {u.pk: u for u in get_user_model().objects.filter(pk__in=ids(tallies.STAFF))}
    channel = dict(JournalEntry.Channel.choices)
    outcome = dict(JournalEntry.Outcome.choices)

    def staff_name(key):
        user = staff.get(int(key))
        if user is None:
            return key
        return f"{user.last_name} {user.first_name}".strip() or user.username

    def group_label(key):
        group = groups.get(int(key))
        return f"{group.code}. {group.title}" if group else key

    hours = by_kind.get(tallies.HOUR, {})
    days = by_kind.get(tallies.WEEKDAY, {})
    breakdowns = {
        "service": Breakdown(_("By service"), _ranked(
            by_kind.get(tallies.SERVICE, {}), lambda k: service_names.get(int(k), k))),
        "group": Breakdown(_("By group of services (§3.1)"), sorted(
            ((group_label(k), n) for k, n in by_kind.get(tallies.GROUP, {}).items()),
            key=lambda row: (-row[1], row[0]))),
        "channel": Breakdown(_("By channel"), _ranked(
            by_kind.get(tallies.CHANNEL, {}), lambda k: str(channel.get(k, k)))),
        "outcome": Breakdown(_("By outcome"), _ranked(
            by_kind.get(tallies.OUTCOME, {}), lambda k: str(outcome.get(k, k)))),
        "category": Breakdown(_("By social category"), _ranked(
            by_kind.get(tallies.CATEGORY, {}), lambda k: category_names.get(int(k), k))),
        "settlement": Breakdown(_("By settlement"), _ranked(
            by_kind.get(tallies.SETTLEMENT, {}), lambda k: k or "—")),
        "staff": Breakdown(_("By staff member"), _ranked(
            by_kind.get(tallies.STAFF, {}), staff_name)),
        "hour": Breakdown(_("By hour of the day"),
                          [(f"{h}:00", hours[h]) for h in sorted(hours)]),
        "weekday": Breakdown(_("By weekday"),
                             [(str(WEEKDAYS[d - 1]), days.get(str(d), 0)) for d in range(1, 8)]),
    }
    return Statistics(start=start, end=end, totals=totals, breakdowns=breakdowns)


def previous_period_start(start: date, end: date) -> date:
    """The start of the period just before [start, end) and as long: the previous
    month, quarter or year for whole months, else as many days before."""
    if start.day == 1 and end.day == 1:
        months = (end.year - start.year) * 12 + end.month - start.month
        index = start.year * 12 + start.month - 1 - months
        return date(index // 12, index % 12 + 1, 1)
    return start - (end - start)


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
