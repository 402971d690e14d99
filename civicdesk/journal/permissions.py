"""Who may log, see, correct and cancel journal entries."""

from django.db.models import QuerySet
from django.utils import timezone

from civicdesk.org.models import Library, Role
from civicdesk.org.permissions import Perm, has_perm, library_scope, role_perms_add

WRITE = "journal.write"  # log services at the desk
CORRECT = "journal.correct"  # correct or cancel anyone's entry, later too; close unmet needs


def declare() -> None:
    role_perms_add(WRITE, [Role.DIRECTOR, Role.CENTER_HEAD, Role.CONSULTANT,
                           Role.BRANCH_LIBRARIAN])
    role_perms_add(CORRECT, [Role.DIRECTOR, Role.CENTER_HEAD])


def entries_visible_to(user) -> QuerySet:
    from .models import JournalEntry

    scope = library_scope(user, Perm.VIEW)
    qs = JournalEntry.objects.select_related("library", "staff", "patron")
    return qs if scope is None else qs.filter(library__in=Library.objects.filter(scope))


def can_write_at(user, library: Library) -> bool:
    return has_perm(user, WRITE, library)


def can_correct_entry(user, entry) -> bool:
    """The author on the day of the entry; the center head (or director) at any time."""
    if has_perm(user, CORRECT, entry.library):
        return True
    today = timezone.localdate()
    return (entry.staff_id == user.pk and has_perm(user, WRITE, entry.library)
            and timezone.localtime(entry.served_at).date() == today
            and timezone.localtime(entry.created_at).date() == today)


def can_close_needs(user, library: Library) -> bool:
    return has_perm(user, CORRECT, library)
