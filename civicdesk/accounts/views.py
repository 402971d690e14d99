from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from civicdesk.core.forms import add_action_errors
from civicdesk.org import actions as org_actions
from civicdesk.org.decorators import staff_required
from civicdesk.org.forms import MembershipForm, StaffMemberForm
from civicdesk.org.models import Membership
from civicdesk.org.permissions import (
    Perm,
    can_manage_person,
    can_manage_staff,
    can_view_audit,
    libraries_visible_to,
    reaches,
)

from .forms import AuditFilterForm
from .selectors import audit_entries_visible_to, audit_row_labels, staff_visible_to

User = get_user_model()


def _require_staff_manager(user):
    if not reaches(user, Perm.MANAGE_STAFF):
        raise PermissionDenied


@staff_required
def people_list(request):
    _require_staff_manager(request.user)
    return render(request, "accounts/people_list.html", {
        "people": staff_visible_to(request.user, Perm.MANAGE_STAFF),
    })


@staff_required
def person_create(request):
    _require_staff_manager(request.user)
    libraries = libraries_visible_to(request.user, Perm.MANAGE_STAFF).order_by("name")
    form = StaffMemberForm(request.POST or None, libraries=libraries)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            org_actions.staff_member_create(
                library=d["library"], role=d["role"], username=d["username"],
                password=d["password"], first_name=d["first_name"], last_name=d["last_name"],
                email=d["email"],
            )
        except ValidationError as exc:
            add_action_errors(form, exc)
        else:
            messages.success(request, _("Staff member added."))
            return redirect("accounts_staff:people")
    return render(request, "accounts/person_form.html", {"form": form})


def _person_for(user, pk):
    person = staff_visible_to(user, Perm.MANAGE_STAFF).filter(pk=pk).first()
    if person is None:
        raise Http404
    return person


@staff_required
def person_detail(request, pk):
    _require_staff_manager(request.user)
    person = _person_for(request.user, pk)
    libraries = libraries_visible_to(request.user, Perm.MANAGE_STAFF).order_by("name")
    form = MembershipForm(request.POST or None, libraries=libraries)
    if request.method == "POST" and form.is_valid():
        org_actions.membership_grant(user=person, library=form.cleaned_data["library"],
                                     role=form.cleaned_data["role"])
        messages.success(request, _("Role saved."))
        return redirect("accounts_staff:person", pk=person.pk)
    return render(request, "accounts/person_detail.html", {
        "person": person, "form": form,
        "can_manage_person": can_manage_person(request.user, person),
    })


@staff_required
@require_POST
def membership_revoke(request, pk):
    membership = get_object_or_404(Membership.objects.select_related("library"), pk=pk)
    if not can_manage_staff(request.user, membership.library):
        raise PermissionDenied
    org_actions.membership_revoke(membership=membership)
    messages.success(request, _("Role removed."))
    return redirect("accounts_staff:person", pk=membership.user_id)


@staff_required
@require_POST
def person_active(request, pk):
    _require_staff_manager(request.user)
    person = _person_for(request.user, pk)
    if person == request.user:
        messages.error(request, _("You cannot deactivate your own account."))
        return redirect("accounts_staff:person", pk=person.pk)
    if not can_manage_person(request.user, person):
        raise PermissionDenied
    if request.POST.get("activate"):
        org_actions.user_reactivate(user=person)
        messages.success(request, _("Account activated."))
    else:
        org_actions.user_deactivate(user=person)
        messages.success(request, _("Account deactivated; its sessions have ended."))
    return redirect("accounts_staff:person", pk=person.pk)


@staff_required
def audit_list(request):
    if not can_view_audit(request.user):
        raise PermissionDenied
    actors = staff_visible_to(request.user, Perm.VIEW_AUDIT)
    form = AuditFilterForm(request.GET or None, actors=actors)
    filters = {}
    if form.is_valid():
        d = form.cleaned_data
        filters = {
            "actor_id": d["actor"].pk if d["actor"] else None,
            "model": d["model"].pk if d["model"] else None,
            "action": d["action"],
            "date_from": d["date_from"],
            "date_to": d["date_to"],
            "q": d["q"],
        }
    entries = audit_entries_visible_to(request.user, **filters)
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "accounts/audit_list.html", {
        "form": form, "page": page, "rows": audit_row_labels(page.object_list),
        "query": query.urlencode(),
    })
