"""Back-office pages for the library network: libraries, hours, closures."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from civicdesk.core.forms import add_action_errors

from .. import actions, selectors
from ..decorators import staff_required
from ..forms import BranchForm, ClosureForm, LibraryForm, WeekHoursForm
from ..models import Closure, Library
from ..permissions import (
    Perm,
    can_add_branch,
    can_edit_library,
    can_manage_closures,
    can_manage_hours,
    can_manage_staff,
    can_view_library,
    libraries_visible_to,
)


def _library_for(user, pk, *, related: bool = True) -> Library:
    """The library if the user may see it; 404 otherwise so nothing leaks.

    Pages that only write under the library pass related=False and skip the joins.
    """
    qs = Library.objects.select_related("network", "parent") if related else Library.objects
    library = get_object_or_404(qs, pk=pk)
    if not can_view_library(user, library):
        raise Http404
    return library


@staff_required
def home(request):
    today = timezone.localdate()
    libraries = libraries_visible_to(request.user)
    closed_today = [
        (lib, c) for lib in libraries if (c := selectors.closure_on(lib, today)) is not None
    ]
    return render(request, "org/home.html", {
        "libraries": selectors.library_tree(libraries),
        "closed_today": closed_today,
        "today": today,
    })


@staff_required
def library_list(request):
    libraries = libraries_visible_to(request.user)
    return render(request, "org/library_list.html", {
        "tree": selectors.library_tree(libraries),
    })


@staff_required
def library_detail(request, pk):
    library = _library_for(request.user, pk)
    user = request.user
    return render(request, "org/library_detail.html", {
        "library": library,
        "hours": selectors.library_hours(library),
        "closures": selectors.closures_current_and_upcoming(library, today=timezone.localdate()),
        "branches": library.children.order_by("name"),
        "staff": selectors.staff_of({library.pk}),
        "can_edit": can_edit_library(user, library),
        "can_add_branch": can_add_branch(user, library),
        "can_hours": can_manage_hours(user, library),
        "can_closures": can_manage_closures(user, library),
        "can_staff": can_manage_staff(user, library),
    })


def _parent_choices(user, library: Library | None, network):
    qs = libraries_visible_to(user, Perm.EDIT_LIBRARY).filter(network=network)
    if library is not None and library.pk:
        qs = qs.exclude(path__startswith=library.path)
    return qs.order_by("name")


@staff_required
def library_edit(request, pk):
    library = _library_for(request.user, pk)
    if not can_edit_library(request.user, library):
        raise PermissionDenied
    is_branch = library.kind == Library.Kind.BRANCH
    if is_branch:
        form = BranchForm(request.POST or None, instance=Library.objects.get(pk=library.pk),
                          parents=_parent_choices(request.user, library, library.network))
    else:
        form = LibraryForm(request.POST or None, instance=Library.objects.get(pk=library.pk))
    if request.method == "POST" and form.is_valid():
        fields = {k: form.cleaned_data[k] for k in LibraryForm.Meta.fields}
        try:
            actions.library_update(library=library, parent=form.cleaned_data.get("parent"),
                                   **fields)
        except ValidationError as exc:
            add_action_errors(form, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect(library)
    return render(request, "org/library_form.html", {"form": form, "library": library})


@staff_required
def branch_create(request, pk):
    parent = _library_for(request.user, pk)
    if not can_add_branch(request.user, parent):
        raise PermissionDenied
    form = BranchForm(request.POST or None, initial={"parent": parent},
                      parents=_parent_choices(request.user, None, parent.network))
    if request.method == "POST" and form.is_valid():
        fields = {k: form.cleaned_data[k] for k in LibraryForm.Meta.fields}
        try:
            branch = actions.library_create(network=parent.network, kind=Library.Kind.BRANCH,
                                            parent=form.cleaned_data["parent"], **fields)
        except ValidationError as exc:
            add_action_errors(form, exc)
        else:
            messages.success(request, _("Branch added."))
            return redirect(branch)
    return render(request, "org/library_form.html", {"form": form, "parent": parent})


@staff_required
def hours_edit(request, pk):
    library = _library_for(request.user, pk)
    if not can_manage_hours(request.user, library):
        raise PermissionDenied
    form = WeekHoursForm(request.POST or None, library=library)
    if request.method == "POST" and form.is_valid():
        try:
            actions.opening_hours_set(library=library, intervals=form.intervals)
        except ValidationError as exc:
            add_action_errors(form, exc)
        else:
            messages.success(request, _("Opening hours saved."))
            return redirect(library)
    return render(request, "org/hours_form.html", {"form": form, "library": library})


@staff_required
def closure_create(request, pk):
    library = _library_for(request.user, pk, related=False)
    if not can_manage_closures(request.user, library):
        raise PermissionDenied
    form = ClosureForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.closure_create(library=library, created_by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_action_errors(form, exc)
        else:
            messages.success(request, _("Closure recorded."))
            return redirect(library)
    return render(request, "org/closure_form.html", {"form": form, "library": library})


@staff_required
@require_POST
def closure_delete(request, pk):
    closure = get_object_or_404(Closure, pk=pk)
    library = _library_for(request.user, closure.library_id)
    if not can_manage_closures(request.user, library):
        raise PermissionDenied
    actions.closure_delete(closure=closure)
    messages.success(request, _("Closure removed."))
    return redirect(library)
