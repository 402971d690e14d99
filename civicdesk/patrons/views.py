from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from civicdesk.core.forms import add_action_errors
from civicdesk.org.decorators import staff_required
from civicdesk.org.permissions import libraries_visible_to

from . import actions, personal_data, selectors
from .forms import ConsentForm, MergeForm, PatronForm, PatronRegisterForm
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
        d = form.cleaned_data
        try:
            patron = actions.patron_register(
                library=d["library"], card_number=d["card_number"], surname=d["surname"],
                given_name=d["given_name"], patronymic=d["patronymic"],
                birth_year=d["birth_year"], sex=d["sex"], phone=d["phone"], email=d["email"],
                settlement=d["settlement"], categories=d["categories"],
                registered_by=request.user, consent_service=d["consent_service"],
                confirm_duplicate=d["confirm_duplicate"])
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
    actions.patron_exported(patron=patron)
    if request.GET.get("format") == "json":
        response = JsonResponse(data, json_dumps_params={"ensure_ascii": False, "indent": 2})
        response["Content-Disposition"] = (
            f'attachment; filename="patron-{patron.card_number}.json"')
        return response
    return render(request, "patrons/export.html", {"patron": patron, "data": data})


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
