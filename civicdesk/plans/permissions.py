"""Who sees and changes plans and reports: the director and the center head of a
library (and above) edit, consultants see, only the director approves."""

from django.db.models import QuerySet

from civicdesk.org.models import Library, Role
from civicdesk.org.permissions import has_perm, library_scope, reaches, role_perms_add

VIEW = "plans.view"
EDIT = "plans.edit"
APPROVE = "plans.approve"


def declare() -> None:
    role_perms_add(VIEW, [Role.DIRECTOR, Role.CENTER_HEAD, Role.CONSULTANT])
    role_perms_add(EDIT, [Role.DIRECTOR, Role.CENTER_HEAD])
    role_perms_add(APPROVE, [Role.DIRECTOR])


def libraries_for(user, perm: str = VIEW) -> QuerySet[Library]:
    scope = library_scope(user, perm)
    qs = Library.objects.filter(is_active=True).select_related("network")
    return qs if scope is None else qs.filter(scope)


def plans_visible_to(user) -> QuerySet:
    from .models import Plan

    return Plan.objects.filter(library__in=libraries_for(user)).select_related("library")


def reports_visible_to(user) -> QuerySet:
    from .models import Report

    return Report.objects.filter(library__in=libraries_for(user)).select_related("library")


def can_see_plans(user) -> bool:
    return reaches(user, VIEW)


def can_edit(user, library: Library) -> bool:
    return has_perm(user, EDIT, library)


def can_approve(user, library: Library) -> bool:
    return has_perm(user, APPROVE, library)
