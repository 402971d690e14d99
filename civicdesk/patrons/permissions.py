"""Who may see and change patrons. Built on the library reach in org.permissions:
a branch librarian sees the patrons registered at their branch, central staff the
network's."""

from django.db.models import QuerySet

from civicdesk.org.models import Library, Role
from civicdesk.org.permissions import Perm, has_perm, library_scope, role_perms_add

EDIT = "patrons.edit"  # register, correct, record consent
CONTACTS = "patrons.contacts"  # see phone, e-mail and social categories

DESK_ROLES = [Role.DIRECTOR, Role.CENTER_HEAD, Role.CONSULTANT, Role.BRANCH_LIBRARIAN]


def declare() -> None:
    role_perms_add(EDIT, DESK_ROLES)
    role_perms_add(CONTACTS, DESK_ROLES)


def patrons_visible_to(user) -> QuerySet:
    from .models import Patron

    scope = library_scope(user, Perm.VIEW)
    qs = Patron.objects.select_related("library")
    return qs if scope is None else qs.filter(library__in=Library.objects.filter(scope))


def can_view_patron(user, patron) -> bool:
    return has_perm(user, Perm.VIEW, patron.library)


def can_edit_patron(user, patron) -> bool:
    return has_perm(user, EDIT, patron.library)


def can_see_contacts(user, patron) -> bool:
    return has_perm(user, CONTACTS, patron.library)


def can_register_at(user, library: Library) -> bool:
    return has_perm(user, EDIT, library)
