"""Staff pages of events: the list, create (blank, from a template, as a copy) and change,
one event with its registrations, partners, counts and feedback; cancelling, holding,
repeating; registering a patron or a person; the check-in page and the printable list."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from civicdesk.core.forms import add_action_errors
from civicdesk.org.decorators import network_page, staff_required
from civicdesk.org.permissions import libraries_visible_to
from civicdesk.org.permissions import network_or_404 as _network_for
from civicdesk.patrons.permissions import patrons_visible_to
from civicdesk.patrons.selectors import patron_search

from . import actions, selectors
from .forms import CancelForm, EventForm, PersonForm, RepeatForm, WalkInForm
from .models import Event, Registration
from .permissions import can_manage_event, events_visible_to, libraries_for_events


def _event_for(user, pk) -> Event:
    event = events_visible_to(user).filter(pk=pk).first()
    if event is None:
        raise Http404
    return event


def _managed_event(user, pk) -> Event:
    event = _event_for(user, pk)
    if not can_manage_event(user, event):
        raise PermissionDenied
    return event


def _base_url(request) -> str:
    return request.build_absolute_uri("/")


@staff_required
@network_page("events:list")
def event_list(request, network, networks):
    when = request.GET.get("when", "upcoming")
    if when not in ("upcoming", "past", "templates"):
        when = "upcoming"
    filters = {"when": when, "library": request.GET.get("library", ""),
               "kind": request.GET.get("kind", ""), "status": request.GET.get("status", "")}
    events = selectors.staff_events(events_visible_to(request.user).filter(network=network),
                                    **filters)
    return render(request, "events/list.html", {
        "network": network, "networks": networks, "events": events[:300], "filters": filters,
        "libraries": libraries_visible_to(request.user).filter(network=network,
                                                                is_active=True).order_by("path"),
        "kinds": Event.Kind.choices, "statuses": Event.Status.choices,
        "whens": [("upcoming", _("upcoming")), ("past", _("past")),
                  ("templates", _("templates"))],
        "can_create": libraries_for_events(request.user, network).exists(),
    })


def _form_kwargs(user, network):
    return {"network": network, "libraries": libraries_for_events(user, network)}


@staff_required
def event_create(request, network_pk):
    network = _network_for(request.user, network_pk)
    kwargs = _form_kwargs(request.user, network)
    if not kwargs["libraries"].exists():
        raise PermissionDenied
    source = None
    source_pk = request.GET.get("from", "")
    if source_pk.isdigit():
        source = events_visible_to(request.user).filter(network=network,
                                                        pk=int(source_pk)).first()
    initial = actions.copy_initial(source) if source else {
        "library": kwargs["libraries"].first().pk}
    form = EventForm(request.POST or None, initial=initial, **kwargs)
    if request.method == "POST" and form.is_valid():
        try:
            event = actions.event_create(network=network, by=request.user,
                                         **form.cleaned_data)
        except ValidationError as exc:
            add_action_errors(form, exc)
        else:
            messages.success(request, _("The event is saved."))
            return redirect("events:detail", pk=event.pk)
    templates = events_visible_to(request.user).filter(network=network, is_template=True) \
        .order_by("title")
    return render(request, "events/form.html", {
        "form": form, "network": network, "event": None, "source": source,
        "templates": templates})


@staff_required
def event_edit(request, pk):
    event = _managed_event(request.user, pk)
    kwargs = _form_kwargs(request.user, event.network)
    form = EventForm(request.POST or None, instance=event, **kwargs)
    if request.method == "POST" and form.is_valid():
        try:
            actions.event_update(event=Event.objects.get(pk=pk), **form.cleaned_data)
        except ValidationError as exc:
            add_action_errors(form, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect("events:detail", pk=pk)
    return render(request, "events/form.html", {
        "form": form, "network": event.network, "event": event, "templates": []})


def _detail_context(request, event, **forms):
    query = request.GET.get("q", "").strip()[:100]
    can_manage = can_manage_event(request.user, event)
    found = []
    if query and can_manage:
        found = patron_search(patrons_visible_to(request.user), query)
    context = {
        "event": event, "network": event.network, "can_manage": can_manage,
        "counts": selectors.event_counts(event),
        "registrations": event.registrations.select_related("patron").order_by(
            "status", "created_at", "pk"),
        "partners": event.partners.all() if hasattr(event, "partners") else [],
        "feedback": selectors.feedback_summary(event),
        "series": (Event.objects.filter(series=event.series).exclude(pk=event.pk)
                   .order_by("starts_at") if event.series else []),
        "now": timezone.now(), "query": query, "found": found,
        "refusal": actions.registration_refusal(event),
        "cancel_form": CancelForm(), "repeat_form": RepeatForm(),
        "walk_in_form": WalkInForm(initial={"walk_ins": event.walk_ins}),
        "person_form": PersonForm(prefix="p"),
    }
    context.update(forms)
    return context


@staff_required
def event_detail(request, pk):
    event = _event_for(request.user, pk)
    return render(request, "events/detail.html", _detail_context(request, event))


ACTION_FORMS = {"cancel": ("cancel_form", CancelForm), "repeat": ("repeat_form", RepeatForm),
                "walk_ins": ("walk_in_form", WalkInForm)}


@staff_required
@require_POST
def event_action(request, pk, what):
    event = _managed_event(request.user, pk)
    if what == "held":
        try:
            actions.event_mark_held(event=event)
            messages.success(request, _("Marked as held."))
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        return redirect("events:detail", pk=pk)
    if what not in ACTION_FORMS:
        raise Http404
    name, form_class = ACTION_FORMS[what]
    form = form_class(request.POST)
    if form.is_valid():
        try:
            if what == "cancel":
                sent = actions.event_cancel(event=event, reason=form.cleaned_data["reason"],
                                            base_url=_base_url(request))
                messages.success(request, _("The event is cancelled; letters sent: %(n)s.")
                                 % {"n": sent})
            elif what == "repeat":
                copies = actions.event_repeat(event=event, by=request.user,
                                              **form.cleaned_data)
                messages.success(request, _("Events added to the series: %(n)s.")
                                 % {"n": len(copies)})
            else:
                actions.set_walk_ins(event=event, **form.cleaned_data)
                messages.success(request, _("Saved."))
        except ValidationError as exc:
            add_action_errors(form, exc)
        else:
            return redirect(request.POST.get("next") or reverse("events:detail", args=[pk]))
    event.refresh_from_db()
    return render(request, "events/detail.html",
                  _detail_context(request, event, open_form=what, **{name: form}), status=400)


@staff_required
@require_POST
def register(request, pk):
    """Register a patron (picked from the search) or a person without a patron record."""
    event = _managed_event(request.user, pk)
    if request.POST.get("patron"):
        patron = get_object_or_404(patrons_visible_to(request.user), pk=request.POST["patron"])
        try:
            registration = actions.register(event=event, patron=patron, by=request.user,
                                            base_url=_base_url(request))
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return redirect("events:detail", pk=pk)
    else:
        person_form = PersonForm(request.POST, prefix="p")
        registration = None
        if person_form.is_valid():
            try:
                registration = actions.register(event=event, by=request.user,
                                                base_url=_base_url(request),
                                                **person_form.cleaned_data)
            except ValidationError as exc:
                add_action_errors(person_form, exc)
        if registration is None:
            return render(request, "events/detail.html", _detail_context(
                request, event, person_form=person_form, open_form="person"), status=400)
    if registration.status == Registration.Status.REGISTERED:
        messages.success(request, _("%(name)s is registered.") % {"name": registration.name})
    else:
        messages.warning(request, _("No seats left: %(name)s is on the waiting list.")
                         % {"name": registration.name})
    return redirect("events:detail", pk=pk)


def _registration_for(user, pk) -> Registration:
    registration = get_object_or_404(Registration.objects.select_related("event"), pk=pk)
    event = _managed_event(user, registration.event_id)
    registration.event = event
    return registration


@staff_required
@require_POST
def registration_cancel(request, pk):
    registration = _registration_for(request.user, pk)
    try:
        promoted = actions.registration_cancel(registration=registration,
                                               base_url=_base_url(request))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The registration is cancelled."))
        if promoted:
            messages.info(request, _("%(name)s moved from the waiting list to the free seat.")
                          % {"name": promoted.name})
    return redirect("events:detail", pk=registration.event_id)


@staff_required
def checkin(request, pk):
    event = _managed_event(request.user, pk)
    return render(request, "events/checkin.html", {
        "event": event, "counts": selectors.event_counts(event),
        "registrations": event.registrations.filter(
            status=Registration.Status.REGISTERED).order_by("name", "pk"),
        "walk_in_form": WalkInForm(initial={"walk_ins": event.walk_ins}),
    })


@staff_required
@require_POST
def checkin_mark(request, pk):
    registration = _registration_for(request.user, pk)
    try:
        actions.mark_attended(registration=registration,
                              attended=request.POST.get("attended") == "1")
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    if request.headers.get("HX-Request"):
        return render(request, "events/_checkin_row.html", {"r": registration})
    return redirect(reverse("events:checkin", args=[registration.event_id])
                    + f"#r{registration.pk}")


@staff_required
def registrations_print(request, pk):
    event = _managed_event(request.user, pk)
    return render(request, "events/registrations_print.html", {
        "event": event, "counts": selectors.event_counts(event), "now": timezone.now(),
        "registrations": event.registrations.exclude(
            status=Registration.Status.CANCELLED).order_by("status", "name", "pk"),
    })
