"""The desk: log a citizen served in seconds; today's entries; corrections; unmet needs;
statistics."""

from datetime import timedelta

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from civicdesk.core.forms import add_action_errors
from civicdesk.org.decorators import staff_required
from civicdesk.org.permissions import libraries_visible_to, member_paths
from civicdesk.patrons import actions as patron_actions
from civicdesk.patrons.forms import PatronRegisterForm
from civicdesk.patrons.permissions import EDIT as PATRON_EDIT
from civicdesk.patrons.permissions import patrons_visible_to
from civicdesk.patrons.selectors import patron_search
from civicdesk.services.models import Service

from . import actions, exports, extensions, selectors, statistics
from .forms import CancelForm, DeskForm, EntryEditForm, NeedCloseForm, StatisticsForm
from .models import JournalEntry
from .permissions import (
    WRITE,
    can_close_needs,
    can_correct_entry,
    entries_visible_to,
)


def _desk_libraries(user):
    """The libraries the user logs services for (a query set for the forms), as a list,
    and the user's own one (where they are a member) to start with."""
    libraries = libraries_visible_to(user, WRITE).select_related(None).select_related(
        "network").order_by("name")
    listed = list(libraries)
    if not listed:
        raise PermissionDenied
    member_of = member_paths(user)
    own = next((lib for lib in listed if lib.path in member_of), listed[0])
    return libraries, listed, own


def _resolve_patron(user, data):
    """The chosen patron, or one whose card number was typed (scanned) in the search box."""
    visible = patrons_visible_to(user)
    if data.get("patron"):
        return visible.filter(pk=data["patron"]).first()
    query = (data.get("patron_query") or "").replace(" ", "").upper()
    if query:
        return visible.filter(card_number=query).first()
    return None


@staff_required
def desk(request):
    libraries, listed, own = _desk_libraries(request.user)
    library_id = str(request.POST.get("library") or own.pk)
    library = next((lib for lib in listed if str(lib.pk) == library_id), own)
    services = selectors.desk_services(library.network)
    form = DeskForm(request.POST or None, libraries=libraries, listed=listed, services=services,
                    network=library.network, initial={"library": own})
    chosen = None
    if request.method == "POST":
        form.is_valid()
        d = form.cleaned_data
        chosen = _resolve_patron(request.user, d)
        if (d.get("patron") or d.get("patron_query")) and chosen is None:
            form.add_error("patron_query", _("No patron with this card in your libraries: "
                                             "choose from the list or register them."))
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        by_pk = {str(s.pk): s for s in services}
        try:
            entry, created = actions.entry_create(
                library=d["library"], staff=request.user, patron=chosen,
                unidentified_reason=d["unidentified_reason"],
                unidentified_category=d["unidentified_category"],
                served_at=d["served_at"], services=[by_pk[k] for k in d["services"]],
                channel=d["channel"], duration_minutes=d["duration_minutes"],
                outcome=d["outcome"], referred_to=d["referred_to"], note=d["note"],
                unmet_need=d["unmet_need"], submission_key=d["submission_key"],
                also=lambda entry: extensions.save_all(entry, d))
        except ValidationError as exc:
            if hasattr(exc, "error_dict") and "patron" in exc.error_dict:
                exc.error_dict["patron_query"] = exc.error_dict.pop("patron")
            add_action_errors(form, exc)
        else:
            if created:
                messages.success(request, _("Recorded: %(entry)s.") % {"entry": entry})
            if "keep" not in request.POST:
                return redirect("journal:desk")
            # A group: the same services and outcome for the next citizen.
            lists = ("services", *form.extra_names)
            kept = {k: request.POST.getlist(k) if k in lists else request.POST.get(k)
                    for k in request.POST if k not in ("patron", "patron_query",
                                                       "submission_key", "keep")}
            form = DeskForm(initial={**kept, "library": d["library"]}, libraries=libraries,
                            listed=listed, services=services, network=library.network)
            chosen = None
    form.show_services(selectors.most_used_first(services, staff=request.user))
    today = timezone.localdate()
    mine = entries_visible_to(request.user).filter(library__in=libraries)
    np_form = PatronRegisterForm(
        libraries=libraries.filter(pk__in=libraries_visible_to(request.user, PATRON_EDIT)
                                   .values("pk")),
        prefix="np", initial={"library": own})
    np_form.fields["card_number"].widget.attrs.pop("autofocus", None)  # the desk's box has it
    return render(request, "journal/desk.html", {
        "form": form, "chosen": chosen, "np_form": np_form,
        "entries": selectors.entries_of_day(mine, today)[:50], "today": today,
    })


@staff_required
def patron_suggestions(request):
    # htmx sends the search box by its name; the scanner's Enter sends q.
    query = (request.GET.get("q") or request.GET.get("patron_query") or "")[:100]
    return render(request, "journal/_patron_suggestions.html", {
        "results": patron_search(patrons_visible_to(request.user), query) if query else [],
        "query": query,
    })


def _entry_for(user, pk) -> JournalEntry:
    entry = entries_visible_to(user).filter(pk=pk).first()
    if entry is None:
        raise Http404
    return entry


@staff_required
def entry_edit(request, pk):
    entry = _entry_for(request.user, pk)
    if not can_correct_entry(request.user, entry) or entry.is_cancelled:
        raise PermissionDenied
    services = list(Service.objects.filter(network=entry.library.network, is_archived=False)
                    | Service.objects.filter(pk__in=entry.services.values("pk")))
    initial = {
        "services": [str(s.pk) for s in entry.services.all()], "channel": entry.channel,
        "duration_minutes": entry.duration_minutes, "outcome": entry.outcome,
        "referred_to": entry.referred_to, "note": entry.note, "unmet_need": entry.unmet_need,
    }
    form = EntryEditForm(request.POST or None, initial=initial, services=services)
    if request.method == "POST" and form.is_valid():
        d = dict(form.cleaned_data)
        by_pk = {str(s.pk): s for s in services}
        chosen = [by_pk[k] for k in d.pop("services")]
        try:
            actions.entry_update(entry=entry, services=chosen, **d)
        except ValidationError as exc:
            add_action_errors(form, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect("journal:desk")
    return render(request, "journal/entry_edit.html", {
        "form": form, "entry": entry, "cancel_form": CancelForm()})


@staff_required
@require_POST
def entry_cancel(request, pk):
    entry = _entry_for(request.user, pk)
    if not can_correct_entry(request.user, entry):
        raise PermissionDenied
    form = CancelForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Say why the entry is cancelled."))
        return redirect(reverse("journal:edit", args=[entry.pk]))
    actions.entry_cancel(entry=entry, by=request.user, reason=form.cleaned_data["reason"])
    messages.success(request, _("The entry is cancelled; it no longer counts."))
    return redirect("journal:desk")


@staff_required
def needs(request):
    status = request.GET.get("status", JournalEntry.NeedStatus.NEW)
    if status not in JournalEntry.NeedStatus.values:
        status = ""
    entries = selectors.unmet_needs(entries_visible_to(request.user), status)[:200]
    return render(request, "journal/needs.html", {
        "entries": [(e, can_close_needs(request.user, e.library)) for e in entries],
        "status": status, "statuses": JournalEntry.NeedStatus.choices,
        "close_form": NeedCloseForm(),
    })


@staff_required
@require_POST
def need_close(request, pk):
    entry = _entry_for(request.user, pk)
    if not can_close_needs(request.user, entry.library):
        raise PermissionDenied
    form = NeedCloseForm(request.POST)
    if form.is_valid():
        try:
            actions.need_close(entry=entry, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Saved."))
    else:
        messages.error(request, _("Choose what became of the request."))
    return redirect("journal:needs")


@staff_required
def statistics_page(request):
    """The journal's numbers for any period and any libraries; XLSX and CSV too."""
    visible = libraries_visible_to(request.user).order_by("name")
    form = StatisticsForm(request.GET or None, libraries=visible,
                          initial={"period": "month", "day": timezone.localdate()})
    stats = None
    if form.is_bound and not form.is_valid():
        return render(request, "journal/statistics.html", {"form": form, "stats": None})
    d = form.cleaned_data if form.is_bound else {}
    kind = d.get("period") or "month"
    start, end = statistics.period_bounds(kind, d.get("day") or timezone.localdate(),
                                          d.get("date_from"), d.get("date_to"))
    chosen = d.get("libraries")
    libraries = chosen if chosen else visible
    stats = statistics.journal_statistics(libraries, start, end)
    export = request.GET.get("export")
    if export in ("xlsx", "csv"):
        return exports.statistics_download(stats, export)
    query = request.GET.copy()
    query.pop("export", None)
    return render(request, "journal/statistics.html", {
        "form": form, "stats": stats, "last_day": end - timedelta(days=1),
        "query": query.urlencode(),
        "charts": {key: b.rows for key, b in stats.breakdowns.items()},
    })


@staff_required
@require_POST
def desk_new_patron(request):
    """Register a new patron from the desk without leaving it; the answer replaces the
    small form and, on success, picks the patron for the entry being written."""
    libraries = _desk_libraries(request.user)[0].filter(
        pk__in=libraries_visible_to(request.user, PATRON_EDIT).values("pk"))
    form = PatronRegisterForm(request.POST, libraries=libraries, prefix="np")
    duplicates = []
    if form.is_valid():
        try:
            patron = form.register(by=request.user)
        except patron_actions.DuplicatePatron as exc:
            duplicates = exc.candidates
            data = request.POST.copy()
            data["np-confirm_duplicate"] = "on"
            form = PatronRegisterForm(data, libraries=libraries, prefix="np")
            form.is_valid()
        except ValidationError as exc:
            add_action_errors(form, exc)
        else:
            return render(request, "journal/_new_patron_done.html", {"patron": patron})
    form.fields["card_number"].widget.attrs.pop("autofocus", None)
    return render(request, "journal/_new_patron_form.html",
                  {"np_form": form, "duplicates": duplicates})
