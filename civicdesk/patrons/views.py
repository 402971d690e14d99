import uuid
from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from civicdesk.core import tables
from civicdesk.core.forms import add_action_errors
from civicdesk.org.decorators import staff_required
from civicdesk.org.permissions import libraries_visible_to

from . import actions, importing, personal_data, selectors
from .consent_form import consent_form as consent_form_document
from .forms import (
    ConsentForm,
    ImportMappingForm,
    ImportUploadForm,
    MergeForm,
    PatronForm,
    PatronRegisterForm,
)
from .models import Consent
from .permissions import (
    EDIT,
    can_edit_patron,
    can_see_contacts,
    patrons_visible_to,
)


def _patron_for(user, pk):
    patron = patrons_visible_to(user).filter(pk=pk).first()
    if patron is None:
        raise Http404
    return patron


@staff_required
def patron_search(request):
    query = request.GET.get("q", "")[:100]
    results = selectors.patron_search(patrons_visible_to(request.user), query)
    return render(request, "patrons/search.html", {
        "query": query,
        "results": [(p, selectors.mask_phone(p.phone)) for p in results],
        "can_register": libraries_visible_to(request.user, EDIT).exists(),
    })


@staff_required
def patron_register(request):
    libraries = libraries_visible_to(request.user, EDIT).order_by("name")
    if not libraries.exists():
        raise PermissionDenied
    # Staff register patrons at their own library unless they choose another.
    own = libraries.filter(memberships__user=request.user).first() or libraries.first()
    initial = {"card_number": request.GET.get("card", "")[:32], "library": own}
    form = PatronRegisterForm(request.POST or None, libraries=libraries, initial=initial)
    duplicates = []
    if request.method == "POST" and form.is_valid():
        try:
            patron = form.register(by=request.user)
        except actions.DuplicatePatron as exc:
            duplicates = [p for p in exc.candidates]
            data = request.POST.copy()
            data["confirm_duplicate"] = "on"
            form = PatronRegisterForm(data, libraries=libraries)
            form.is_valid()
        except ValidationError as exc:
            add_action_errors(form, exc)
        else:
            messages.success(request, _("Patron registered."))
            return redirect(patron)
    return render(request, "patrons/register.html", {"form": form, "duplicates": duplicates})


@staff_required
def patron_detail(request, pk):
    patron = _patron_for(request.user, pk)
    actions.patron_viewed(patron=patron)
    return render(request, "patrons/detail.html", {
        "patron": patron,
        "show_contacts": can_see_contacts(request.user, patron),
        "can_edit": can_edit_patron(request.user, patron),
        "consents": selectors.consents_of(patron),
        "consent_form": ConsentForm(),
    })


@staff_required
def patron_edit(request, pk):
    patron = _patron_for(request.user, pk)
    if not can_edit_patron(request.user, patron):
        raise PermissionDenied
    form = PatronForm(request.POST or None, instance=type(patron).objects.get(pk=patron.pk))
    if request.method == "POST" and form.is_valid():
        d = dict(form.cleaned_data)
        categories = d.pop("categories")
        try:
            actions.patron_update(patron=patron, categories=categories, **d)
        except ValidationError as exc:
            add_action_errors(form, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect(patron)
    return render(request, "patrons/edit.html", {"form": form, "patron": patron})


@staff_required
@require_POST
def consent_give(request, pk):
    patron = _patron_for(request.user, pk)
    if not can_edit_patron(request.user, patron):
        raise PermissionDenied
    form = ConsentForm(request.POST)
    if form.is_valid():
        actions.consent_give(patron=patron, purpose=form.cleaned_data["purpose"],
                             recorded_by=request.user)
        messages.success(request, _("Consent recorded."))
    else:
        messages.error(request, _("Choose a purpose from the list."))
    return redirect(patron)


@staff_required
@require_POST
def consent_withdraw(request, pk):
    consent = get_object_or_404(Consent.objects.select_related("patron__library"), pk=pk)
    patron = _patron_for(request.user, consent.patron_id)
    if not can_edit_patron(request.user, patron):
        raise PermissionDenied
    actions.consent_withdraw(consent=consent)
    messages.success(request, _("Consent withdrawn: this purpose is no longer processed."))
    return redirect(patron)


@staff_required
def patron_export(request, pk):
    """All data on one patron (the data subject's right of access): JSON, or a page
    to print."""
    patron = _patron_for(request.user, pk)
    if not can_see_contacts(request.user, patron):
        raise PermissionDenied
    data = personal_data.patron_export(patron)
    kind = request.GET.get("format")
    actions.patron_exported(patron=patron, kind=kind if kind in ("docx", "pdf", "json")
                            else "page")
    if kind in ("docx", "pdf"):
        title = _("All data on the patron")
        content = personal_data.export_document(data, title=title, kind=kind)
        return _download(content, f"patron-{patron.card_number}.{kind}", kind)
    if kind == "json":
        response = JsonResponse(data, json_dumps_params={"ensure_ascii": False, "indent": 2})
        response["Content-Disposition"] = (
            f'attachment; filename="patron-{patron.card_number}.json"')
        return response
    return render(request, "patrons/export.html", {
        "patron": patron, "sections": personal_data.readable(data)})


@staff_required
def patron_merge(request, pk):
    """Two records of one person: find the duplicate by its card, confirm, merge."""
    keep = _patron_for(request.user, pk)
    if not can_edit_patron(request.user, keep):
        raise PermissionDenied
    form = MergeForm(request.POST or None)
    duplicate = None
    if request.method == "POST" and form.is_valid():
        card = form.cleaned_data["card_number"].replace(" ", "").upper()
        duplicate = patrons_visible_to(request.user).filter(card_number=card).first()
        if duplicate is None or not can_edit_patron(request.user, duplicate):
            form.add_error("card_number", _("No patron with this card number in your libraries."))
            duplicate = None
        elif duplicate.pk == keep.pk:
            form.add_error("card_number", _("This is the same record."))
            duplicate = None
        elif form.cleaned_data["confirm"]:
            personal_data.patron_merge(keep=keep, duplicate=duplicate)
            messages.success(request, _("The records are merged."))
            return redirect(keep)
        else:
            form = MergeForm(initial={"card_number": card, "confirm": True})
    return render(request, "patrons/merge.html",
                  {"form": form, "keep": keep, "duplicate": duplicate})


def _import_path(token: str) -> Path:
    return Path(settings.MEDIA_ROOT) / "imports" / f"{token}.upload"


@staff_required
def import_upload(request):
    """Step 1: the file and the library the patrons are registered at."""
    libraries = libraries_visible_to(request.user, EDIT).order_by("name")
    if not libraries.exists():
        raise PermissionDenied
    form = ImportUploadForm(request.POST or None, request.FILES or None, libraries=libraries)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        data = upload.read()
        try:
            tables.read_table(data, upload.name)
        except ValidationError as exc:
            form.add_error("file", exc)
        else:
            token = uuid.uuid4().hex
            path = _import_path(token)
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
            request.session["patron_import"] = {
                "token": token, "name": upload.name,
                "library": form.cleaned_data["library"].pk}
            return redirect("patrons:import_map")
    return render(request, "patrons/import_upload.html", {"form": form})


@staff_required
def import_map(request):
    """Step 2: which column is which, a check of every row, then all rows or none."""
    state = request.session.get("patron_import")
    if not state or not _import_path(state["token"]).exists():
        return redirect("patrons:import")
    library = libraries_visible_to(request.user, EDIT).filter(pk=state["library"]).first()
    if library is None:
        raise PermissionDenied
    table = tables.read_table(_import_path(state["token"]).read_bytes(), state["name"])
    initial = {f"col_{k}": ("" if v is None else str(v))
               for k, v in importing.guess_mapping(table.headers).items()}
    form = ImportMappingForm(request.POST or None, initial=initial, headers=table.headers,
                             fields=importing.FIELDS)
    results = None
    if request.method == "POST" and form.is_valid():
        results = importing.check_rows(table, form.mapping(), library=library)
        if "import" in request.POST and not any(r.errors for r in results):
            try:
                count = importing.import_patrons(
                    results, library=library, by=request.user,
                    consent_held=form.cleaned_data["consent_held"])
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                _import_path(state["token"]).unlink(missing_ok=True)
                del request.session["patron_import"]
                messages.success(request, _("%(n)s patrons imported.") % {"n": count})
                return redirect("patrons:search")
    errors = [r for r in results if r.errors] if results is not None else []
    return render(request, "patrons/import_map.html", {
        "form": form, "library": library, "name": state["name"], "headers": table.headers,
        "preview": table.rows[:10], "results": results, "errors": errors[:200],
        "error_count": len(errors), "total": len(table.rows),
    })


CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


def _download(content: bytes, filename: str, kind: str) -> HttpResponse:
    response = HttpResponse(content, content_type=CONTENT_TYPES[kind])
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@staff_required
def consent_form(request, pk=None):
    """The consent form to print and sign: for a patron, or blank for a new one."""
    kind = request.GET.get("format", "pdf")
    if kind not in CONTENT_TYPES:
        raise Http404
    if pk is None:
        libraries = libraries_visible_to(request.user, EDIT)
        own = libraries.filter(memberships__user=request.user).first() or libraries.first()
        if own is None:
            raise PermissionDenied
        return _download(consent_form_document(None, own, kind=kind), f"consent.{kind}", kind)
    patron = _patron_for(request.user, pk)
    if not can_edit_patron(request.user, patron):
        raise PermissionDenied
    actions.patron_viewed(patron=patron)
    return _download(consent_form_document(patron, kind=kind),
                     f"consent-{patron.card_number}.{kind}", kind)
