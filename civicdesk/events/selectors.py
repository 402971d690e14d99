"""Reads on events: the staff list, counts per event, the feedback summary, the portal's
calendar (public events only, never templates, never set-up times)."""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Avg, Count, Q, QuerySet
from django.utils import timezone

from .models import Event, Registration


def staff_events(events: QuerySet, *, when: str = "upcoming", library: str = "",
                 kind: str = "", status: str = "") -> QuerySet:
    now = timezone.now()
    if when == "templates":
        events = events.filter(is_template=True).order_by("title")
    else:
        events = events.filter(is_template=False)
        if when == "past":
            events = events.filter(ends_at__lte=now).order_by("-starts_at")
        else:
            events = events.filter(ends_at__gt=now).order_by("starts_at")
    if library.isdigit():
        events = events.filter(library_id=int(library))
    if kind in Event.Kind.values:
        events = events.filter(kind=kind)
    if status in Event.Status.values:
        events = events.filter(status=status)
    return events.annotate(
        n_registered=Count("registrations", filter=Q(
            registrations__status=Registration.Status.REGISTERED)),
        n_waitlisted=Count("registrations", filter=Q(
            registrations__status=Registration.Status.WAITLISTED)))


@dataclass
class Counts:
    registered: int
    waitlisted: int
    cancelled: int
    attended: int
    walk_ins: int

    @property
    def present(self) -> int:
        return self.attended + self.walk_ins


def event_counts(event: Event) -> Counts:
    row = event.registrations.aggregate(
        registered=Count("pk", filter=Q(status=Registration.Status.REGISTERED)),
        waitlisted=Count("pk", filter=Q(status=Registration.Status.WAITLISTED)),
        cancelled=Count("pk", filter=Q(status=Registration.Status.CANCELLED)),
        attended=Count("pk", filter=Q(attended=True) & ~Q(status=Registration.Status.CANCELLED)))
    return Counts(walk_ins=event.walk_ins, **row)


@dataclass
class FeedbackSummary:
    count: int
    average: float | None
    learned_percent: int | None
    comments: list


def feedback_summary(event: Event) -> FeedbackSummary:
    row = event.feedback.aggregate(n=Count("pk"), avg=Avg("rating"),
                                   learned=Count("pk", filter=Q(learned=True)))
    comments = list(event.feedback.exclude(comment="").order_by("-created_at")
                    .values_list("comment", flat=True)[:200])
    return FeedbackSummary(
        count=row["n"], average=round(row["avg"], 1) if row["avg"] is not None else None,
        learned_percent=round(100 * row["learned"] / row["n"]) if row["n"] else None,
        comments=comments)


def public_events(network=None) -> QuerySet:
    """What the portal may show: public events, not templates."""
    qs = Event.objects.filter(is_public=True, is_template=False).select_related(
        "library", "room")
    return qs if network is None else qs.filter(network=network)


def calendar(network, *, library: str = "", kind: str = "", month: datetime | None = None,
             past: bool = False) -> QuerySet:
    events = public_events(network)
    if library.isdigit():
        events = events.filter(library_id=int(library))
    if kind in Event.Kind.values:
        events = events.filter(kind=kind)
    if month is not None:
        start = timezone.make_aware(month)
        following = month.replace(year=month.year + month.month // 12,
                                  month=month.month % 12 + 1)
        return events.filter(starts_at__gte=start,
                             starts_at__lt=timezone.make_aware(following)).order_by("starts_at")
    now = timezone.now()
    if past:
        return events.filter(ends_at__lte=now).order_by("-starts_at")
    return events.filter(ends_at__gt=now).order_by("starts_at")


def upcoming_public(limit: int = 5) -> list[Event]:
    return list(public_events().filter(ends_at__gt=timezone.now())
                .exclude(status=Event.Status.CANCELLED).order_by("starts_at")[:limit])
