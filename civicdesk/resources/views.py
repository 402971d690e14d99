"""Staff pages of the resource catalog: list, add and correct, one resource with its
use and check history, the link report, suggestions, import and export."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from civicdesk.core.forms import add_action_errors
from civicdesk.journal.models import JournalEntry
from civicdesk.journal.permissions import entries_visible_to
from civicdesk.org.decorators import network_page, staff_required
from civicdesk.org.permissions import network_or_404 as _network_for

from . import actions, selectors, tasks, transfer
from .forms import DismissForm, ImportForm, ResourceForm
from .models import LinkCheck, Resource, ResourceCategory, Suggestion
from .permissions import can_edit_resources, can_review_resources


def _resource_for(user, pk) -> Resource:
    resource = get_object_or_404(Resource.objects.select_related("network"), pk=pk)
    _network_for(user, resource.network_id)
    return resource


def _staff_of(network):
    return get_user_model().objects.filter(
        is_active=True, memberships__library__network=network).distinct().order_by("last_name")


@staff_required
@network_page("resources:list")
def resource_list(request, network, networks):
    query = request.GET.get("q", "").strip()[:200]
    category = request.GET.get("category", "")
    level = request.GET.get("level", "")
    status = request.GET.get("status", "")
    archived = request.GET.get("archived") == "1"
    resources = selectors.catalog(network, query=query, category=category, level=level,
                                  include_archived=archived)
    if archived:
        resources = resources.filter(is_archived=True)
    if status in Resource.LinkStatus.values:
        resources = resources.filter(link_status=status)
    return render(request, "resources/list.html", {
        "network": network, "networks": networks, "resources": resources[:500],
        "categories": ResourceCategory.objects.all(), "levels": Resource.Level.choices,
        "statuses": Resource.LinkStatus.choices,
        "filters": {"q": query, "category": category, "level": level, "status": status,
                    "archived": archived},
        "can_edit": can_edit_resources(request.user, network),
        "can_review": can_review_resources(request.user, network),
    })


def _save_form(request, form, network, resource=None):
    d = dict(form.cleaned_data)
    categories, audiences = d.pop("categories"), d.pop("audiences")
    if resource is None:
        return actions.resource_create(network=network, categories=categories,
                                       audiences=audiences, by=request.user, **d)
    return actions.resource_update(resource=resource, categories=categories,
                                   audiences=audiences, by=request.user, **d)


@staff_required
def resource_create(request, network_pk):
    network = _network_for(request.user, network_pk)
    if not can_edit_resources(request.user, network):
        raise PermissionDenied
    # "create a resource from this suggestion": a search or an unmet need
    suggestion = need = None
    if request.GET.get("suggestion") or request.POST.get("suggestion"):
        suggestion = get_object_or_404(
            Suggestion, network=network,
            pk=request.GET.get("suggestion") or request.POST.get("suggestion"))
    if request.GET.get("need") or request.POST.get("need"):
        need = get_object_or_404(entries_visible_to(request.user).exclude(unmet_need=""),
                                 library__network=network,
                                 pk=request.GET.get("need") or request.POST.get("need"))
    initial = {"curator": request.user}
    if suggestion:
        initial["keywords"] = suggestion.text
    if need:
        initial["keywords"] = need.unmet_need[:500]
    form = ResourceForm(request.POST or None, staff=_staff_of(network), initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            resource = _save_form(request, form, network)
        except ValidationError as exc:
            add_action_errors(form, exc)
        else:
            if suggestion:
                actions.suggestion_close(suggestion=suggestion, by=request.user,
                                         resource=resource)
            if need and can_review_resources(request.user, network):
                actions.need_met_by_resource(entry=need, resource=resource, by=request.user)
            messages.success(request, _("Added to the catalog."))
            return redirect("resources:detail", pk=resource.pk)
    return render(request, "resources/form.html", {
        "form": form, "network": network, "suggestion": suggestion, "need": need})


@staff_required
def resource_edit(request, pk):
    resource = _resource_for(request.user, pk)
    if not can_edit_resources(request.user, resource.network):
        raise PermissionDenied
    form = ResourceForm(request.POST or None, instance=resource,
                        staff=_staff_of(resource.network))
    if request.method == "POST" and form.is_valid():
        try:
            _save_form(request, form, resource.network, resource=resource)
        except ValidationError as exc:
            add_action_errors(form, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect("resources:detail", pk=resource.pk)
    resource.refresh_from_db()
    return render(request, "resources/form.html", {
        "form": form, "network": resource.network, "resource": resource})


@staff_required
def resource_detail(request, pk):
    resource = _resource_for(request.user, pk)
    checks = LinkCheck.objects.filter(resource=resource)[:30]
    return render(request, "resources/detail.html", {
        "resource": resource, "network": resource.network, "checks": checks,
        "use": selectors.monthly_use(resource),
        "counts": selectors.usage_counts([resource])[resource.pk],
        "can_edit": can_edit_resources(request.user, resource.network),
        "can_review": can_review_resources(request.user, resource.network),
        "dismiss_form": DismissForm(),
    })


@staff_required
@require_POST
def resource_action(request, pk, what):
    resource = _resource_for(request.user, pk)
    network = resource.network
    allowed = (can_edit_resources if what == "confirm" else can_review_resources)
    if not allowed(request.user, network):
        raise PermissionDenied
    try:
        if what == "confirm":
            actions.resource_confirm(resource=resource, by=request.user)
            messages.success(request, _("Confirmed as current."))
        elif what == "archive":
            actions.resource_archive(resource=resource, archived=not resource.is_archived)
            messages.success(request, _("Archived.") if resource.is_archived
                             else _("Back in the catalog."))
        elif what == "accept":
            actions.accept_new_url(resource=resource, by=request.user)
            messages.success(request, _("The new address is saved."))
        elif what == "dismiss":
            form = DismissForm(request.POST)
            if not form.is_valid():
                raise ValidationError(form.errors["days"])
            actions.dismiss_report(resource=resource, days=form.cleaned_data["days"])
            messages.success(request, _("Not reported until %(day)s.") % {
                "day": resource.dismissed_until.strftime("%d.%m.%Y")})
        elif what == "check":
            tasks.check_resources([resource.pk])
            messages.success(request, _("The check has started; the result will appear "
                                        "here in a minute."))
        else:
            raise Http404
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect(request.POST.get("next") or reverse("resources:detail", args=[pk]))


@staff_required
def link_report(request, network_pk):
    network = _network_for(request.user, network_pk)
    report = selectors.link_report(network)
    everything = {r.pk: r for rows in report.values() for r in rows}
    return render(request, "resources/report.html", {
        "network": network, "report": report,
        "counts": selectors.usage_counts(everything.values()),
        "can_review": can_review_resources(request.user, network),
        "dismiss_form": DismissForm(),
        "last_check": LinkCheck.objects.filter(resource__network=network).first(),
    })


@staff_required
@require_POST
def check_now(request, network_pk):
    network = _network_for(request.user, network_pk)
    if not can_review_resources(request.user, network):
        raise PermissionDenied
    ids = list(Resource.objects.filter(network=network, is_archived=False)
               .values_list("pk", flat=True))
    tasks.check_resources(ids)
    messages.success(request, _("Checking %(n)s resources; the report fills in as the "
                                "answers come.") % {"n": len(ids)})
    return redirect("resources:report", network_pk=network.pk)


@staff_required
def suggestions(request, network_pk):
    network = _network_for(request.user, network_pk)
    searches = Suggestion.objects.filter(network=network, status=Suggestion.Status.NEW)
    needs = (entries_visible_to(request.user)
             .filter(library__network=network, need_status=JournalEntry.NeedStatus.NEW)
             .exclude(unmet_need="").order_by("-served_at"))
    return render(request, "resources/suggestions.html", {
        "network": network, "searches": searches.order_by("-times", "-last_at")[:200],
        "needs": needs[:200], "can_edit": can_edit_resources(request.user, network),
        "can_review": can_review_resources(request.user, network),
    })


@staff_required
@require_POST
def suggestion_dismiss(request, pk):
    suggestion = get_object_or_404(Suggestion, pk=pk)
    network = _network_for(request.user, suggestion.network_id)
    if not can_review_resources(request.user, network):
        raise PermissionDenied
    actions.suggestion_close(suggestion=suggestion, by=request.user)
    return redirect("resources:suggestions", network_pk=network.pk)


EXPORTS = {
    "csv": ("text/csv; charset=utf-8", "csv", transfer.export_csv),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx",
             transfer.export_xlsx),
    "json": ("application/json", "json", transfer.export_json),
    "bookmarks": ("text/html; charset=utf-8", "html", transfer.export_bookmarks),
}


@staff_required
def export(request, network_pk, fmt):
    network = _network_for(request.user, network_pk)
    if fmt not in EXPORTS:
        raise Http404
    content_type, ext, make = EXPORTS[fmt]
    response = HttpResponse(make(network), content_type=content_type)
    name = f"resources-{timezone.localdate():%Y-%m-%d}.{ext}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


SESSION_KEY = "resources_import"


@staff_required
def import_upload(request, network_pk):
    network = _network_for(request.user, network_pk)
    if not can_review_resources(request.user, network):
        raise PermissionDenied
    form = ImportForm(request.POST or None, request.FILES or None)
    rows = None
    if request.method == "POST" and "confirm" in request.POST:
        stored = request.session.get(SESSION_KEY)
        if not stored or stored["network"] != network.pk:
            messages.error(request, _("Upload the file again."))
            return redirect("resources:import", network_pk=network.pk)
        rows = transfer.check_rows([transfer.Row(number=n, values=v)
                                    for n, v in stored["rows"]], network)
        try:
            added = transfer.import_rows(rows, network, by=request.user,
                                         filename=stored["filename"])
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            del request.session[SESSION_KEY]
            messages.success(request, _("Added %(n)s resources.") % {"n": added})
            return redirect("resources:list", network_pk=network.pk)
    elif request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            if upload.size > transfer.MAX_BYTES:
                raise ValidationError(_("The file is larger than 10 MB."))
            rows = transfer.check_rows(transfer.read_rows(upload.read(), upload.name), network)
        except ValidationError as exc:
            form.add_error("file", exc)
        else:
            request.session[SESSION_KEY] = {
                "network": network.pk, "filename": upload.name[:200],
                "rows": [(r.number, {k: v for k, v in r.values.items()
                                     if k != "category_objects"}) for r in rows]}
    errors = [r for r in rows if r.errors] if rows else []
    return render(request, "resources/import.html", {
        "network": network, "form": form, "rows": rows, "errors": errors[:200],
        "n_errors": len(errors), "preview": (rows or [])[:50]})
