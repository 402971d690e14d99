"""Everything held on one patron: its export (right of access) and its anonymisation.

Each model that refers to a patron registers here how its rows are exported and
anonymised, and when they show the patron was last active. A test walks every
model linked to Patron and fails if one is not registered, so that a new module
cannot keep personal data that the export misses or anonymisation leaves behind.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

from django.db import models, transaction
from django.db.models import Max
from django.utils import timezone

from .models import Consent, Patron, PatronWord


@dataclass
class Holder:
    model: type[models.Model]
    # None: the rows only repeat what the patron's record holds (search keys)
    export: Callable[[Patron], list[dict]] | None
    anonymise: Callable[[Patron], None]
    last_active: Callable[[Patron], date | None]
    # merge(keep, duplicate): move the duplicate's rows to the record that stays
    merge: Callable[[Patron, Patron], None]


_holders: dict[type[models.Model], Holder] = {}


def register(holder: Holder) -> None:
    _holders[holder.model] = holder


def registered_models() -> set[type[models.Model]]:
    return set(_holders)


def _plain(value):
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def patron_export(patron: Patron) -> dict:
    """All data on the patron, as plain JSON-ready values."""
    data = {
        "patron": {
            "card_number": patron.card_number,
            "surname": patron.surname,
            "given_name": patron.given_name,
            "patronymic": patron.patronymic,
            "birth_year": patron.birth_year,
            "sex": patron.get_sex_display(),
            "phone": patron.phone,
            "email": patron.email,
            "settlement": patron.settlement,
            "social_categories": [c.name for c in patron.categories.all()],
            "registered_at": patron.library.name,
            "registered_on": _plain(patron.registered_on),
        },
    }
    for holder in _holders.values():
        if holder.export is not None:
            data[holder.model._meta.model_name] = holder.export(patron)
    return data


def export_document(data: dict, *, title: str, kind: str) -> bytes:
    """The export as a readable DOCX or PDF."""
    from civicdesk.core.documents import render_docx, render_pdf

    blocks: list[tuple] = [("field", key, value if not isinstance(value, list)
                            else ", ".join(map(str, value)))
                           for key, value in data["patron"].items()]
    for section, rows in data.items():
        if section == "patron":
            continue
        blocks.append(("h", section))
        for row in rows:
            blocks.append(("p", "; ".join(f"{k}: {v}" for k, v in row.items() if v not in ("", None))))
    return render_docx(title, blocks) if kind == "docx" else render_pdf(title, blocks)


def patron_last_active(patron: Patron) -> date:
    days = [patron.registered_on]
    for holder in _holders.values():
        day = holder.last_active(patron)
        if day is not None:
            days.append(day)
    return max(days)


@transaction.atomic
def patron_anonymise(patron: Patron) -> None:
    """Remove what identifies the patron; keep what the reports count (library, year of
    birth, sex, settlement, social categories, and every related row)."""
    for holder in _holders.values():
        holder.anonymise(patron)
    patron.card_number = f"ANON-{patron.pk}"
    patron.surname = patron.given_name = patron.patronymic = ""
    patron.phone = patron.email = ""
    patron.name_key = patron.phone_key = patron.phone_reversed = ""
    patron.anonymised_at = timezone.now()
    patron.save()


def patrons_inactive_since(day: date):
    """Patrons not yet anonymised whose last activity is before `day`."""
    candidates = Patron.objects.filter(anonymised_at__isnull=True, registered_on__lt=day)
    return [p for p in candidates.iterator() if patron_last_active(p) < day]


@transaction.atomic
def patron_merge(*, keep: Patron, duplicate: Patron) -> Patron:
    """Join two records of one person: every row of the duplicate moves to `keep`,
    empty fields of `keep` are filled from it, then the duplicate is removed (the
    audit trail keeps what it held)."""
    for holder in _holders.values():
        holder.merge(keep, duplicate)
    for field in ("patronymic", "phone", "email", "settlement", "sex"):
        if not getattr(keep, field) and getattr(duplicate, field):
            setattr(keep, field, getattr(duplicate, field))
    keep.registered_on = min(keep.registered_on, duplicate.registered_on)
    keep.categories.add(*duplicate.categories.all())
    from .actions import _derive_keys, search_words_write

    _derive_keys(keep)  # a patronymic or phone taken from the duplicate
    keep.save()
    search_words_write(keep)
    duplicate.delete()  # and its search words with it
    return keep


def _merge_consents(keep: Patron, duplicate: Patron) -> None:
    active = set(keep.consents.filter(withdrawn_at__isnull=True).values_list("purpose", flat=True))
    now = timezone.now()
    for consent in duplicate.consents.all():
        if consent.withdrawn_at is None and consent.purpose in active:
            # One active consent per purpose: the kept record's stays, this one is closed.
            consent.withdrawn_at = now
        consent.patron = keep
        consent.save()


# --- consents --------------------------------------------------------------------------

register(Holder(
    model=Consent,
    export=lambda patron: [
        {"purpose": c.get_purpose_display(), "text_version": c.text_version,
         "given_at": _plain(c.given_at), "withdrawn_at": _plain(c.withdrawn_at)}
        for c in patron.consents.all()
    ],
    # A consent names no one but the patron; the record of it stays, as proof.
    anonymise=lambda patron: None,
    last_active=lambda patron: (
        d.date() if (d := patron.consents.aggregate(m=Max("given_at"))["m"]) else None),
    merge=_merge_consents,
))


# --- search words ----------------------------------------------------------------------

register(Holder(
    model=PatronWord,
    # The words of the patron's name, folded for search: the name itself is exported.
    export=None,
    anonymise=lambda patron: PatronWord.objects.filter(patron=patron).delete(),
    last_active=lambda patron: None,
    # The kept record's words are rewritten by patron_merge; the duplicate's go with it.
    merge=lambda keep, duplicate: None,
))
