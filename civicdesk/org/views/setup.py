from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from civicdesk.core.forms import add_action_errors

from ..actions import BranchInput, network_setup
from ..forms import BranchRowFormSet, SetupForm
from ..models import Network


def setup(request):
    """First run: the central library, its branches and the administrator's account."""
    if Network.objects.exists():
        raise Http404
    form = SetupForm(request.POST or None)
    branches = BranchRowFormSet(request.POST or None, prefix="branches")
    if request.method == "POST" and form.is_valid():
        branches.is_valid()
        central_name = form.cleaned_data["name"].strip().casefold()
        for row in branches.forms:
            if (getattr(row, "cleaned_data", None) or {}).get("name", "").strip().casefold() == (
                central_name
            ):
                row.add_error("name", _("A library with this name already exists in the network."))
    if request.method == "POST" and form.is_valid() and branches.is_valid():
        d = form.cleaned_data
        try:
            network_setup(
                network_name=d["network_name"],
                central={k: d[k] for k in ("name", "settlement", "address", "phone", "email",
                                           "website")} | {"has_center": True},
                branches=[BranchInput(name=b["name"], settlement=b.get("settlement", ""),
                                      has_center=b.get("has_center", False))
                          for b in branches.cleaned_data if b.get("name")],
                admin_username=d["admin_username"],
                admin_password=d["admin_password"],
                admin_first_name=d["admin_first_name"],
                admin_last_name=d["admin_last_name"],
                admin_email=d["admin_email"],
            )
        except ValidationError as exc:
            _route_setup_errors(form, exc)
        else:
            messages.success(request, _("civicdesk is set up. Log in with the administrator's "
                                        "account."))
            return redirect("accounts:login")
    return render(request, "org/setup.html", {"form": form, "branches": branches})


def _route_setup_errors(form, exc: ValidationError) -> None:
    # Errors from the user or network action name model fields; the setup
    # form prefixes the administrator's fields.
    if hasattr(exc, "error_dict"):
        renamed = {}
        for field, errs in exc.error_dict.items():
            key = {"username": "admin_username", "password": "admin_password",
                   "email": "admin_email", "name": "name"}.get(field, field)
            renamed[key] = errs
        exc = ValidationError(renamed)
    add_action_errors(form, exc)
