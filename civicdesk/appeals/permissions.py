"""Who sees and writes appeals. An appeal holds what a citizen asked the authorities:
only the consultant who drafted it, the center head and the director see it."""

from django.db.models import Q, QuerySet

from civicdesk.org.models import Library, Role
from civicdesk.org.permissions import has_perm, library_scope, role_perms_add

DRAFT = "appeals.draft"  # draft letters with citizens and track them
OVERSEE = "appeals.oversee"  # see every appeal of the library; edit letter templates


def declare() -> None:
    role_perms_add(DRAFT, [Role.DIRECTOR, Role.CENTER_HEAD, Role.CONSULTANT,
                           Role.BRANCH_LIBRARIAN])
    role_perms_add(OVERSEE, [Role.DIRECTOR, Role.CENTER_HEAD])


def appeals_visible_to(user) -> QuerySet:
    from .models import Appeal

    qs = Appeal.objects.select_related("patron", "authority", "library", "created_by")
    if not (user.is_authenticated and user.is_active):
        return qs.none()
    scope = library_scope(user, OVERSEE)
    if scope is None:
        return qs
    return qs.filter(Q(created_by=user) | Q(library__in=Library.objects.filter(scope)))


def can_draft_at(user, library: Library) -> bool:
    return has_perm(user, DRAFT, library)


def can_edit_templates(user, network) -> bool:
    if user.is_active and user.is_superuser:
        return True
    central = network.libraries.filter(kind=Library.Kind.CENTRAL).first()
    return central is not None and has_perm(user, OVERSEE, central)
