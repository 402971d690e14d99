"""Who may see and change what in the library network.

Every page, export and command asks these functions; none repeats the rules.
A membership reaches its library and every library under it, so central staff
see the network and a branch librarian sees only their branch.
"""

from enum import StrEnum

from django.db import connection
from django.db.models import Q, QuerySet

from .models import Library, Membership, Network, Role


class Perm(StrEnum):
    VIEW = "view"  # see the library, its hours, closures and staff
    EDIT_LIBRARY = "edit_library"  # name, address, contacts, branches
    MANAGE_HOURS = "manage_hours"
    MANAGE_CLOSURES = "manage_closures"
    MANAGE_STAFF = "manage_staff"
    MANAGE_SERVICES = "manage_services"
    VIEW_AUDIT = "view_audit"


ROLE_PERMS: dict[str, set[str]] = {
    Role.DIRECTOR: set(Perm),
    Role.CENTER_HEAD: {Perm.VIEW, Perm.EDIT_LIBRARY, Perm.MANAGE_HOURS, Perm.MANAGE_CLOSURES,
                       Perm.MANAGE_SERVICES, Perm.VIEW_AUDIT},
    Role.CONSULTANT: {Perm.VIEW, Perm.MANAGE_CLOSURES},
    Role.BRANCH_LIBRARIAN: {Perm.VIEW, Perm.MANAGE_HOURS, Perm.MANAGE_CLOSURES},
    Role.VIEWER: {Perm.VIEW},
}


def role_perms_add(perm: str, roles) -> None:
    """Give `perm` to `roles`. Apps declare their own permissions this way in
    AppConfig.ready(), e.g. role_perms_add("patrons.edit", [Role.CONSULTANT, …])."""
    for role in roles:
        ROLE_PERMS[role].add(perm)


def _grants(user) -> list[tuple[set[str], str]]:
    """(permissions, library path prefix) for each of the user's roles; one query, cached
    on the user object for the request."""
    cached = getattr(user, "_civicdesk_grants", None)
    if cached is not None:
        return cached
    grants = []
    if user.is_authenticated and user.is_active:
        grants = [(ROLE_PERMS[role], path) for role, path in _roles_and_paths(user.pk)]
    user._civicdesk_grants = grants
    return grants


def _roles_and_paths(user_id: int) -> list[tuple[str, str]]:
    # Every staff request runs this. The ORM spends twenty times longer building
    # this join than the database takes to answer it, so it is written out.
    membership, library = Membership._meta.db_table, Library._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT m.role, l.path FROM {membership} m JOIN {library} l ON l.id = m.library_id "
            "WHERE m.user_id = %s AND l.is_active = %s",
            [user_id, True],
        )
        return cursor.fetchall()


def has_perm(user, perm: str, library: Library) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    return any(perm in perms and library.path.startswith(prefix)
               for perms, prefix in _grants(user))


def library_prefixes(user, perm: str) -> list[str] | None:
    """Paths of the libraries (with all under them) where the user has `perm`;
    None means everywhere (the administrator)."""
    if user.is_authenticated and user.is_active and user.is_superuser:
        return None
    return [prefix for perms, prefix in _grants(user) if perm in perms]


def path_prefix_q(prefixes: list[str], field: str = "path") -> Q:
    """Rows whose `field` starts with one of the prefixes; none when there are none."""
    q = Q(pk__in=[])
    for prefix in prefixes:
        q |= Q(**{f"{field}__startswith": prefix})
    return q


def library_scope(user, perm: str) -> Q | None:
    """A filter on Library for where the user has `perm`; None means everywhere."""
    prefixes = library_prefixes(user, perm)
    return None if prefixes is None else path_prefix_q(prefixes)


def member_paths(user) -> set[str]:
    """Paths of the libraries the user is a member of (their own libraries)."""
    return {path for _perms, path in _grants(user)}


def reaches(user, perm: str) -> bool:
    """Whether the user has `perm` in at least one library."""
    if not (user.is_authenticated and user.is_active):
        return False
    return user.is_superuser or any(perm in perms for perms, _prefix in _grants(user))


def is_staff_member(user) -> bool:
    """Anyone with a role somewhere, or the administrator."""
    return user.is_authenticated and user.is_active and (user.is_superuser or bool(_grants(user)))


def libraries_visible_to(user, perm: str = Perm.VIEW) -> QuerySet[Library]:
    scope = library_scope(user, perm)
    qs = Library.objects.select_related("network", "parent")
    return qs if scope is None else qs.filter(scope)


def networks_visible_to(user) -> QuerySet[Network]:
    scope = library_scope(user, Perm.VIEW)
    if scope is None:
        return Network.objects.all()
    return Network.objects.filter(libraries__in=Library.objects.filter(scope)).distinct()


def can_view_library(user, library: Library) -> bool:
    return has_perm(user, Perm.VIEW, library)


def can_edit_library(user, library: Library) -> bool:
    return has_perm(user, Perm.EDIT_LIBRARY, library)


def can_add_branch(user, parent: Library) -> bool:
    return has_perm(user, Perm.EDIT_LIBRARY, parent)


def can_manage_hours(user, library: Library) -> bool:
    return has_perm(user, Perm.MANAGE_HOURS, library)


def can_manage_closures(user, library: Library) -> bool:
    return has_perm(user, Perm.MANAGE_CLOSURES, library)


def can_manage_staff(user, library: Library) -> bool:
    return has_perm(user, Perm.MANAGE_STAFF, library)


def can_manage_services(user, network: Network) -> bool:
    """The services catalog belongs to a network; the center head at its central library edits it."""
    if user.is_superuser and user.is_active:
        return True
    central = network.libraries.filter(kind=Library.Kind.CENTRAL).first()
    return central is not None and has_perm(user, Perm.MANAGE_SERVICES, central)


def can_view_audit(user) -> bool:
    return reaches(user, Perm.VIEW_AUDIT)


def can_manage_person(user, person) -> bool:
    """Deactivate or reactivate an account: only if every role the person holds is in the
    user's staff-management reach. The administrator's account only by an administrator."""
    if not (user.is_authenticated and user.is_active):
        return False
    if user.is_superuser:
        return True
    if person.is_superuser or person.pk == user.pk:
        return False
    paths = list(Membership.objects.filter(user=person).values_list("library__path", flat=True))
    prefixes = library_prefixes(user, Perm.MANAGE_STAFF) or []
    return bool(paths) and all(any(p.startswith(x) for x in prefixes) for p in paths)


def roles_user_may_grant(user, library: Library) -> list[str]:
    """A director grants any role in their reach; nobody else grants roles."""
    if not can_manage_staff(user, library):
        return []
    return [r.value for r in Role]


def network_or_404(user, pk) -> Network:
    """The network `pk` if the user sees it; 404 otherwise (nothing leaks)."""
    from django.http import Http404

    network = networks_visible_to(user).filter(pk=pk).first()
    if network is None:
        raise Http404
    return network


def has_network_perm(user, perm: str, network: Network) -> bool:
    """A network-wide right (a catalog, a directory): held at the network's central
    library; the administrator has it everywhere."""
    if not (user.is_authenticated and user.is_active):
        return False
    if user.is_superuser:
        return True
    central = network.libraries.filter(kind=Library.Kind.CENTRAL).first()
    return central is not None and has_perm(user, perm, central)
