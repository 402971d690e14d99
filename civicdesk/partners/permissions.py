"""Who may do what with partners, campaigns, publications and news. Everyone on a
network's staff sees them; the director and the center head (rights held at the
network's central library) manage partners, agreements, campaigns and news;
consultants also record interactions and publications and link joint events."""

from civicdesk.org.models import Network, Role
from civicdesk.org.permissions import has_network_perm, role_perms_add

MANAGE = "partners.manage"  # partners, agreements, campaigns, news
RECORD = "partners.record"  # interactions, publications, joint events


def declare() -> None:
    role_perms_add(MANAGE, [Role.DIRECTOR, Role.CENTER_HEAD])
    role_perms_add(RECORD, [Role.DIRECTOR, Role.CENTER_HEAD, Role.CONSULTANT])


def can_manage_partners(user, network: Network) -> bool:
    return has_network_perm(user, MANAGE, network)


def can_record(user, network: Network) -> bool:
    return has_network_perm(user, RECORD, network)
