"""The portal's events: the calendar by month, an event's page with the registration
form, the confirmation with the cancel link, cancelling by that link (no login), the
feedback form after the event, and the iCalendar feed."""

from datetime import datetime, timedelta

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from civicdesk.core.forms import add_action_errors
from civicdesk.org.models import Network

from . import actions, ical, selectors
from .forms import FeedbackForm, PublicRegistrationForm
from .models import Event, Feedback, Registration


def _public_event(pk) -> Event:
    return get_object_or_404(selectors.public_events().select_related("network"), pk=pk)


def _month(value: str) -> datetime | None:
    try:
        month = datetime.strptime(value, "%Y-%m")
    except ValueError:
        return None
    return month if 2000 <= month.year <= 2100 else None


def _month_shift(month: datetime, by: int) -> str:
    index = month.year * 12 + month.month - 1 + by
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def calendar(request, network_pk):
    network = get_object_or_404(Network, pk=network_pk)
    library = request.GET.get("library", "")
    kind = request.GET.get("kind", "")
    month = _month(request.GET.get("month", ""))
    events = list(selectors.calendar(network, library=library, kind=kind, month=month)[:300])
    months: dict[tuple[int, int], list[Event]] = {}
    for event in events:
        local = timezone.localtime(event.starts_at)
        months.setdefault((local.year, local.month), []).append(event)
    this_month = month or timezone.localtime().replace(day=1, tzinfo=None)
    return render(request, "events/public_calendar.html", {
        "network": network, "months": [(datetime(y, m, 1), items)
                                       for (y, m), items in months.items()],
        "libraries": network.libraries.filter(is_active=True).order_by("path"),
        "kinds": Event.Kind.choices, "library": library, "kind": kind, "month": month,
        "previous": _month_shift(this_month, -1), "next": _month_shift(this_month, 1),
    })


def event_page(request, pk, form=None, status=200):
    event = _public_event(pk)
    return render(request, "events/public_event.html", {
        "event": event, "refusal": actions.registration_refusal(event),
        "form": form or PublicRegistrationForm(),
        "seats_left": (None if event.capacity is None
                       else max(event.capacity - event.seats_taken, 0)),
        "feedback_open": actions.feedback_open(event),
    }, status=status)


@require_POST
def register(request, pk):
    event = _public_event(pk)
    form = PublicRegistrationForm(request.POST)
    if form.is_valid():
        try:
            registration = actions.register(event=event, base_url=request.build_absolute_uri("/"),
                                            **form.cleaned_data)
        except ValidationError as exc:
            add_action_errors(form, exc)
        else:
            return redirect("events_public:confirmation", token=registration.token)
    return event_page(request, pk, form=form, status=400)


def _registration(token) -> Registration:
    return get_object_or_404(Registration.objects.select_related("event__library",
                                                                 "event__room"), token=token)


def confirmation(request, token):
    registration = _registration(token)
    return render(request, "events/public_confirmation.html", {
        "registration": registration, "event": registration.event,
        "mail_sent": bool(registration.email) and actions.mail_configured(),
        "cancel_url": request.build_absolute_uri(
            reverse("events_public:cancel", args=[token])),
    })


def cancel(request, token):
    registration = _registration(token)
    if request.method == "POST":
        try:
            actions.registration_cancel(registration=registration,
                                        base_url=request.build_absolute_uri("/"))
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Your registration is cancelled. Thank you for "
                                        "letting us know."))
        return redirect("events_public:cancel", token=token)
    return render(request, "events/public_cancel.html", {
        "registration": registration, "event": registration.event})


def feedback(request, pk):
    event = _public_event(pk)
    token = request.POST.get("t") or request.GET.get("t", "")
    registration = (Registration.objects.filter(event=event, token=token).first()
                    if token else None)
    done = registration is not None and Feedback.objects.filter(
        registration=registration).exists()
    form = FeedbackForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and not done:
        try:
            actions.feedback_submit(event=event, registration=registration,
                                    **form.cleaned_data)
        except ValidationError as exc:
            add_action_errors(form, exc)
        else:
            messages.success(request, _("Thank you for your feedback!"))
            return redirect("events_public:event", pk=pk)
    return render(request, "events/public_feedback.html", {
        "event": event, "form": form, "token": token if registration else "",
        "open": actions.feedback_open(event), "done": done,
    }, status=400 if request.method == "POST" else 200)


def calendar_ics(request, network_pk):
    network = get_object_or_404(Network, pk=network_pk)
    events = (selectors.public_events(network).filter(
        starts_at__gte=timezone.now() - timedelta(days=365))
        .order_by("starts_at")[:2000])
    body = ical.feed(network, events, host=request.get_host().split(":")[0],
                     url_for=lambda e: request.build_absolute_uri(
                         reverse("events_public:event", args=[e.pk])))
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="events-{network.pk}.ics"'
    return response
