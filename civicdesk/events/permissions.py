"""Who sees and runs events. Built on the library reach in org.permissions: an event
belongs to its organising library, so central staff see and run the network's events
and a branch librarian their branch's; a viewer sees them."""

from django.db.models import QuerySet

from civicdesk.org.models import Library, Role
from civicdesk.org.permissions import Perm, has_perm, libraries_visible_to, library_scope, role_perms_add

MANAGE = "events.manage"  # create, change, cancel events; registrations and check-in


def declare() -> None:
    role_perms_add(MANAGE, [Role.DIRECTOR, Role.CENTER_HEAD, Role.CONSULTANT,
                            Role.BRANCH_LIBRARIAN])


def events_visible_to(user) -> QuerySet:
    """Events (templates too) of the libraries the user reaches."""
    from .models import Event

    qs = Event.objects.select_related("library", "room", "network")
    if not (user.is_authenticated and user.is_active):
        return qs.none()
    scope = library_scope(user, Perm.VIEW)
    return qs if scope is None else qs.filter(library__in=Library.objects.filter(scope))


def can_manage_event(user, event) -> bool:
    return has_perm(user, MANAGE, event.library)


def can_manage_at(user, library: Library) -> bool:
    return has_perm(user, MANAGE, library)


def libraries_for_events(user, network) -> QuerySet[Library]:
    """The libraries of `network` where the user may organise events."""
    return libraries_visible_to(user, MANAGE).filter(network=network, is_active=True) \
        .order_by("path")
