"""The events' numbers in the metrics registry (for plans and reports): events held (all
and per type), participants (those who came, registered or not) and branch staff trained
(§3.1.6). An event counts in the period in which it started."""


from django.db.models import Count, Q, Sum
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from civicdesk.core import metrics
from civicdesk.core.metrics import period_bounds as _bounds

from .models import Event, Registration


def _held(libraries, start, end):
    since, until = _bounds(start, end)
    return Event.objects.filter(library__in=libraries, status=Event.Status.HELD,
                                is_template=False, starts_at__gte=since, starts_at__lt=until)


def events_held(libraries, start, end) -> int:
    return _held(libraries, start, end).count()


def _held_of_kind(kind):
    def compute(libraries, start, end) -> int:
        return _held(libraries, start, end).filter(kind=kind).count()
    return compute


def _participants(events) -> int:
    row = events.aggregate(
        came=Count("registrations", filter=Q(registrations__attended=True)
                   & ~Q(registrations__status=Registration.Status.CANCELLED)))
    walk_ins = events.aggregate(n=Sum("walk_ins"))["n"] or 0
    return row["came"] + walk_ins


def participants(libraries, start, end) -> int:
    return _participants(_held(libraries, start, end))


def branch_staff_trained(libraries, start, end) -> int:
    return _participants(_held(libraries, start, end).filter(
        audience=Event.Audience.BRANCH_STAFF))


def register_metrics() -> None:
    metrics.register(metrics.Metric("events_held", _("events held"), events_held, order=80))
    for n, (kind, label) in enumerate(Event.Kind.choices):
        metrics.register(metrics.Metric(
            f"events_held_{kind}",
            format_lazy("{}: {}", _("events held"), label),
            _held_of_kind(kind), order=81 + n))
    metrics.register(metrics.Metric("event_participants", _("event participants"),
                                    participants, order=90))
    metrics.register(metrics.Metric("branch_staff_trained", _("branch staff trained"),
                                    branch_staff_trained, order=91))
