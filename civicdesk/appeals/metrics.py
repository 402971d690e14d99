"""The appeals' numbers in the metrics registry (for plans and reports).

A period is [start, end) of local dates, like every metric's. What anchors an appeal
in a period:

- appeals assisted, by kind, by outcome, bodies written to: the day it was submitted
  (drafts never count); the outcome is the one recorded so far;
- overdue share: the day its answer was due; late means answered after that day, or
  not answered and the due time has passed (percent, rounded);
- days to answer: the day the answer came; days from the submission day (average,
  rounded).

The registry holds single numbers, so the breakdowns by kind and by outcome are one
metric per kind and per outcome; `by_kind`, `by_outcome` and `by_authority` (the top
bodies) give the same breakdowns as lists for a report's table.
"""

from datetime import date

from django.db.models import Count
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from civicdesk.core import metrics
from civicdesk.core.metrics import period_bounds as _bounds

from .models import Appeal


def submitted_in(libraries, start: date, end: date):
    since, until = _bounds(start, end)
    return Appeal.objects.filter(library__in=libraries, submitted_at__gte=since,
                                 submitted_at__lt=until).exclude(status=Appeal.Status.DRAFT)


def appeals_assisted(libraries, start, end) -> int:
    return submitted_in(libraries, start, end).count()


def by_kind(libraries, start, end) -> dict[str, int]:
    rows = submitted_in(libraries, start, end).values("kind").annotate(n=Count("pk"))
    return {r["kind"]: r["n"] for r in rows}


def by_outcome(libraries, start, end) -> dict[str, int]:
    rows = (submitted_in(libraries, start, end).exclude(outcome="")
            .values("outcome").annotate(n=Count("pk")))
    return {r["outcome"]: r["n"] for r in rows}


def by_authority(libraries, start, end, top: int = 10) -> list[tuple[str, int]]:
    """The bodies written to most, most first (ties by name)."""
    rows = (submitted_in(libraries, start, end).values("authority__name")
            .annotate(n=Count("pk")).order_by("-n", "authority__name")[:top])
    return [(r["authority__name"], r["n"]) for r in rows]


def authorities_written_to(libraries, start, end) -> int:
    return submitted_in(libraries, start, end).values("authority").distinct().count()


def overdue_share(libraries, start, end) -> int:
    """Percent of the appeals due in the period answered late or still unanswered past
    the due time."""
    since, until = _bounds(start, end)
    now = timezone.now()
    tz = timezone.get_default_timezone()
    rows = (Appeal.objects.filter(library__in=libraries, due_at__gte=since, due_at__lt=until)
            .exclude(status=Appeal.Status.DRAFT).values_list("due_at", "answered_on"))
    due = late = 0
    for due_at, answered_on in rows:
        due += 1
        if answered_on is None:
            late += due_at < now
        else:
            late += answered_on > timezone.localtime(due_at, tz).date()
    return round(100 * late / due) if due else 0


def days_to_answer(libraries, start, end) -> int:
    """Average days from the submission day to the answer, of the answers in the period."""
    tz = timezone.get_default_timezone()
    rows = Appeal.objects.filter(
        library__in=libraries, answered_on__gte=start, answered_on__lt=end,
        submitted_at__isnull=False).values_list("submitted_at", "answered_on")
    days = [(answered - timezone.localtime(submitted, tz).date()).days
            for submitted, answered in rows]
    return round(sum(days) / len(days)) if days else 0


def _count_kind(kind):
    return lambda libraries, start, end: submitted_in(libraries, start, end).filter(
        kind=kind).count()


def _count_outcome(outcome):
    return lambda libraries, start, end: submitted_in(libraries, start, end).filter(
        outcome=outcome).count()


def register_metrics() -> None:
    metrics.register(metrics.Metric("appeals_assisted", _("appeals and requests submitted"),
                                    appeals_assisted, order=70))
    for i, (kind, label) in enumerate(Appeal.Kind.choices):
        metrics.register(metrics.Metric(
            f"appeals_kind_{kind}", format_lazy(_("submitted: {kind}"), kind=label),
            _count_kind(kind), order=71 + i))
    metrics.register(metrics.Metric("appeals_authorities", _("bodies written to"),
                                    authorities_written_to, order=80))
    for i, (outcome, label) in enumerate(Appeal.Outcome.choices):
        metrics.register(metrics.Metric(
            f"appeals_outcome_{outcome}", format_lazy(_("outcome: {outcome}"), outcome=label),
            _count_outcome(outcome), order=81 + i))
    metrics.register(metrics.Metric("appeals_overdue_share",
                                    _("share of appeals answered late or not at all (percent)"),
                                    overdue_share, order=90))
    metrics.register(metrics.Metric("appeals_days_to_answer",
                                    _("average days from submission to answer"),
                                    days_to_answer, order=91))
