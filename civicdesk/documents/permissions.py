"""Who may change the document library. State acts are shared by every network on the
server; a network's own documents (local decisions, programs, the center's own
normative documents) belong to it, and rights are held at its central library."""

from civicdesk.org.models import Network, Role
from civicdesk.org.permissions import has_network_perm, role_perms_add

EDIT = "documents.edit"  # add, correct and publish documents, edit synonyms
IMPORT = "documents.import"  # bulk import, state acts


def declare() -> None:
    role_perms_add(EDIT, [Role.DIRECTOR, Role.CENTER_HEAD, Role.CONSULTANT])
    role_perms_add(IMPORT, [Role.DIRECTOR, Role.CENTER_HEAD])


def _network_perm(user, perm: str, network: Network | None) -> bool:
    if user.is_active and user.is_superuser:
        return True
    if network is None:  # shared state acts: the administrator's
        return False
    return has_network_perm(user, perm, network)


def can_edit_documents(user, network: Network | None) -> bool:
    return _network_perm(user, EDIT, network)


def can_import_documents(user, network: Network | None) -> bool:
    return _network_perm(user, IMPORT, network)
