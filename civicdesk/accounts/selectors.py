from django.contrib.auth import get_user_model
from django.db.models import Prefetch, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from auditlog.models import LogEntry

from civicdesk.org.models import Library, Membership
from civicdesk.org.permissions import Perm, library_prefixes, library_scope, path_prefix_q

User = get_user_model()

EXPORT_KINDS = {"json": "JSON", "docx": "DOCX", "pdf": "PDF", "page": _("page to print")}


def staff_visible_to(user, perm: Perm = Perm.VIEW) -> QuerySet:
    """People with a role in a library the user reaches, with their memberships."""
    scope = library_scope(user, perm)
    memberships = Membership.objects.select_related("library").order_by("library__name")
    qs = User.objects.all()
    if scope is not None:
        libraries = Library.objects.filter(scope)
        qs = qs.filter(memberships__library__in=libraries).distinct()
        memberships = memberships.filter(library__in=libraries)
    return qs.prefetch_related(Prefetch("memberships", queryset=memberships)).order_by(
        "last_name", "first_name", "username"
    )


def audit_entries_visible_to(user, *, actor_id=None, model=None, action=None, date_from=None,
                             date_to=None, q=None) -> QuerySet[LogEntry]:
    """Audit rows the user may read.

    The administrator reads all. A director or center head reads the changes to
    the libraries they reach and to what belongs to them (hours, closures, roles,
    the network's services), whoever made them; and the changes with no library
    (staff accounts) made by people of those libraries.
    """
    qs = LogEntry.objects.select_related("actor", "content_type").order_by("-timestamp")
    prefixes = library_prefixes(user, Perm.VIEW_AUDIT)
    if prefixes is not None:
        in_reach = path_prefix_q(prefixes, "additional_data__library_path")
        people = Membership.objects.filter(
            library__in=Library.objects.filter(path_prefix_q(prefixes))).values("user_id")
        no_library = Q(additional_data__isnull=True) | Q(additional_data__library_path__isnull=True)
        qs = qs.filter(in_reach | (no_library & Q(actor_id__in=people)))
    if actor_id:
        qs = qs.filter(actor_id=actor_id)
    if model:
        qs = qs.filter(content_type_id=model)
    if action not in (None, ""):
        qs = qs.filter(action=action)
    if date_from:
        qs = qs.filter(timestamp__date__gte=date_from)
    if date_to:
        qs = qs.filter(timestamp__date__lte=date_to)
    if q:
        qs = qs.filter(object_repr__icontains=q)
    return qs


def audit_row_labels(entries) -> list[dict]:
    """Readable rows for the audit page: the model's name, and each change with the
    field's name and choice labels (auditlog's display form); "None" shows as empty."""
    rows = []
    for entry in entries:
        model = entry.content_type.model_class() if entry.content_type_id else None
        what = str(model._meta.verbose_name) if model else entry.content_type.model
        changes = []
        for label, change in (entry.changes_display_dict or {}).items():
            old, new = (list(change) + [None, None])[:2] if isinstance(change, list | tuple) else (
                None, change)
            changes.append((label, _blank_none(old), _blank_none(new)))
        export = (entry.additional_data or {}).get("export")
        if export:  # an access that took the data away (patrons.actions.patron_exported)
            changes.append((_("exported as"), "", EXPORT_KINDS.get(export, export)))
        rows.append({"entry": entry, "what": what, "changes": changes})
    return rows


def _blank_none(value):
    return "" if value in (None, "None") else value
