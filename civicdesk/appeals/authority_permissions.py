"""Who may change the authorities directory. Everyone on a network's staff sees it; the
director and the center head (rights held at the network's central library) add, edit
and import the network's own bodies; the shared central bodies only the administrator."""

from civicdesk.org.models import Library, Network, Role
from civicdesk.org.permissions import has_perm, role_perms_add

AUTHORITIES = "appeals.authorities"  # add, edit and import the network's bodies


def declare() -> None:
    role_perms_add(AUTHORITIES, [Role.DIRECTOR, Role.CENTER_HEAD])


def can_edit_authorities(user, network: Network | None) -> bool:
    """Add bodies to `network`'s directory (None: the shared central bodies)."""
    if not (user.is_authenticated and user.is_active):
        return False
    if user.is_superuser:
        return True
    if network is None:
        return False
    central = network.libraries.filter(kind=Library.Kind.CENTRAL).first()
    return central is not None and has_perm(user, AUTHORITIES, central)


def can_edit_authority(user, authority) -> bool:
    return can_edit_authorities(user, authority.network)
