"""Who may change the resource catalog. The catalog belongs to a network; rights are
held at its central library (like the services catalog)."""

from civicdesk.org.models import Network, Role
from civicdesk.org.permissions import has_network_perm, role_perms_add

EDIT = "resources.edit"  # add and correct resources, pick them at the desk
REVIEW = "resources.review"  # link report actions, suggestions, import, archive


def declare() -> None:
    role_perms_add(EDIT, [Role.DIRECTOR, Role.CENTER_HEAD, Role.CONSULTANT])
    role_perms_add(REVIEW, [Role.DIRECTOR, Role.CENTER_HEAD])


def can_edit_resources(user, network: Network) -> bool:
    return has_network_perm(user, EDIT, network)


def can_review_resources(user, network: Network) -> bool:
    return has_network_perm(user, REVIEW, network)
