"""Writes on the journal. Each validates, checks the rule, saves; auditlog records it."""

from collections.abc import Callable
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from civicdesk.org.models import Library
from civicdesk.patrons.models import Consent, Patron

from . import tallies
from .models import EntryService, JournalEntry

# An entry dated more than this before it is saved counts as entered later.
BACKDATED_AFTER = timedelta(minutes=30)
CLOCK_SLACK = timedelta(minutes=5)

EDITABLE = ("served_at", "channel", "duration_minutes", "outcome", "referred_to", "note",
            "unmet_need")


def _check(entry: JournalEntry, services, *, now, stored: JournalEntry | None = None) -> None:
    """The rules of an entry; `stored`: the entry as saved, when it is being corrected
    (a correction keeps what was checked when it was logged: the patron's consent then,
    and a time already in the journal however long ago)."""
    errors: dict[str, str] = {}
    if entry.patron_id is None and not entry.unidentified_reason.strip():
        errors["patron"] = _("Choose the patron, or say why the citizen is not identified.")
    if stored is None and entry.patron_id is not None and not Consent.objects.filter(
        patron_id=entry.patron_id, purpose=Consent.Purpose.SERVICE, withdrawn_at__isnull=True
    ).exists():
        errors["patron"] = _("The patron has withdrawn (or not given) consent to record "
                             "their services.")
    if not services:
        errors["services"] = _("Choose at least one service.")
    elif any(s.network_id != entry.library.network_id or s.is_archived for s in services):
        errors["services"] = _("Choose services from the list of this network.")
    if entry.served_at is not None:
        if entry.served_at > now + CLOCK_SLACK:
            errors["served_at"] = _("The time cannot be in the future.")
        elif (stored is None or entry.served_at != stored.served_at) and \
                entry.served_at < now - timedelta(days=settings.JOURNAL_BACKDATE_DAYS):
            errors["served_at"] = _("An entry can be dated at most %(days)s days back.") % {
                "days": settings.JOURNAL_BACKDATE_DAYS}
    if entry.outcome == JournalEntry.Outcome.REFERRED and not entry.referred_to.strip():
        errors["referred_to"] = _("Say where the citizen was referred.")
    if errors:
        raise ValidationError(errors)


def entry_create(*, library: Library, staff, services, duration_minutes: int,
                 patron: Patron | None = None, unidentified_reason: str = "",
                 unidentified_category=None, served_at=None, channel: str = "in_person",
                 outcome: str = "resolved", referred_to: str = "", note: str = "",
                 unmet_need: str = "", submission_key=None,
                 also: Callable[[JournalEntry], None] | None = None
                 ) -> tuple[JournalEntry, bool]:
    """Log a service. Returns (entry, created): the same submission key twice (a double
    click, a resent form) gives the first entry back instead of a second one.

    Checked and prepared before the transaction, which holds only the writes (on SQLite
    other writers wait for it); `also(entry)` writes more in the same transaction."""
    now = timezone.now()
    services = list(services)
    entry = JournalEntry(
        library=library, staff=staff, patron=patron,
        unidentified_reason="" if patron else unidentified_reason.strip(),
        unidentified_category=None if patron else unidentified_category,
        served_at=served_at or now, channel=channel, duration_minutes=duration_minutes,
        outcome=outcome, referred_to=referred_to.strip(), note=note.strip(),
        unmet_need=unmet_need.strip())
    if submission_key is not None:
        entry.submission_key = submission_key
    entry.is_backdated = entry.served_at < now - BACKDATED_AFTER
    entry.need_status = JournalEntry.NeedStatus.NEW if entry.unmet_need else ""
    _check(entry, services, now=now)
    # the submission key's uniqueness: checked above, and by the database below
    entry.full_clean(exclude=["library", "staff", "patron", "unidentified_category"],
                     validate_unique=False, validate_constraints=False)
    tallies.snapshot_patron(entry)
    state = tallies.state_of(entry, [(s.pk, s.group_id) for s in services])
    # The services go into the entry's own audit record (get_additional_data) and its
    # rows are written as they are: a new entry has none to compare with.
    entry.services_given = services
    try:
        with transaction.atomic():
            entry.save()
            del entry.services_given  # logged; a later change of this entry logs its own
            EntryService.objects.bulk_create(EntryService(entry=entry, service=s)
                                             for s in services)
            tallies.apply(None, state)
            if also is not None:
                also(entry)
    except IntegrityError:
        # The same submission again (a double click, a resent form), or two copies of it
        # racing: the unique key refused the second; give the first back.
        existing = JournalEntry.objects.filter(submission_key=entry.submission_key).first()
        if existing is None:
            raise
        return existing, False
    return entry, True


@transaction.atomic
def entry_update(*, entry: JournalEntry, services=None, **fields) -> JournalEntry:
    if entry.is_cancelled:
        raise ValidationError(_("A cancelled entry cannot be changed."))
    # What the entry counted for until now, read afresh (a bound form may have changed
    # the instance already); locked so that two corrections apply one after the other.
    stored = JournalEntry.objects.select_for_update().get(pk=entry.pk)
    before = tallies.state_of(stored, tallies.services_of(entry.pk))
    for name, value in fields.items():
        if name not in EDITABLE:
            raise TypeError(name)
        setattr(entry, name, value.strip() if isinstance(value, str) else value)
    services = list(services) if services is not None else list(entry.services.all())
    if entry.unmet_need and not entry.need_status:
        entry.need_status = JournalEntry.NeedStatus.NEW
    if not entry.unmet_need:
        entry.need_status = ""
    _check(entry, services, now=timezone.now(), stored=stored)
    entry.full_clean(exclude=["library", "staff", "patron", "unidentified_category"],
                     validate_constraints=False)
    entry.save()
    entry.services.set(services)
    tallies.apply(before, tallies.state_of(entry, [(s.pk, s.group_id) for s in services]))
    return entry


@transaction.atomic
def entry_cancel(*, entry: JournalEntry, by, reason: str) -> JournalEntry:
    """Cancel, never delete: the entry stays, with who and why, and drops out of counts."""
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Say why the entry is cancelled.")})
    stored = JournalEntry.objects.select_for_update().get(pk=entry.pk)
    if stored.is_cancelled:
        return stored
    before = tallies.state_of(stored, tallies.services_of(entry.pk))
    entry.cancelled_at = timezone.now()
    entry.cancelled_by = by
    entry.cancel_reason = reason.strip()[:300]
    entry.save(update_fields=["cancelled_at", "cancelled_by", "cancel_reason"])
    tallies.apply(before, None)
    return entry


def need_close(*, entry: JournalEntry, by, status: str, resolution: str = "") -> JournalEntry:
    if status not in (JournalEntry.NeedStatus.RESOLVED, JournalEntry.NeedStatus.NO_ACTION):
        raise ValidationError({"status": _("Choose what became of the request.")})
    if status == JournalEntry.NeedStatus.RESOLVED and not resolution.strip():
        raise ValidationError({"resolution": _("Say what was done (a resource added, an "
                                               "answer found).")})
    entry.need_status = status
    entry.need_resolution = resolution.strip()[:300]
    entry.need_closed_by = by
    entry.need_closed_at = timezone.now()
    entry.save(update_fields=["need_status", "need_resolution", "need_closed_by",
                              "need_closed_at"])
    return entry
