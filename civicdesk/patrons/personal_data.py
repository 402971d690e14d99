"""Everything held on one patron: its export (right of access) and its anonymisation.

Each model that refers to a patron registers here how its rows are exported and
anonymised, and when they show the patron was last active. A test walks every
model linked to Patron and fails if one is not registered, so that a new module
cannot keep personal data that the export misses or anonymisation leaves behind.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

from django.core.exceptions import FieldDoesNotExist
from django.db import models, transaction
from django.db.models import Max
from django.utils import formats, timezone
from django.utils.text import capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

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


# Names in the export that are not a field of the model they come from.
_LABELS = {
    "social_categories": _("social categories"),
    "registered_at": _("registering library"),
    "cancelled": _("cancelled"),
    "month": _("month"),
    "entries": _("entries"),
    "services": _("services"),
    "library": _("library"),
    "starts_at": _("starts at"),
    "came": _("came"),
    "completed": _("completed"),
    "certificate": _("certificate"),
}
_ISO = re.compile(r"\d{4}-\d\d-\d\d(T\d\d:\d\d[\d:.]*([+-]\d\d:\d\d|Z)?)?")


def _label(model, key: str) -> str:
    if key in _LABELS:  # also where a model's field has no name of its own
        return capfirst(_LABELS[key])
    try:
        return capfirst(model._meta.get_field(key).verbose_name)
    except FieldDoesNotExist:
        return key.replace("_", " ")


def _shown(value) -> str:
    """A value as a person reads it: dates and times in the local format, yes/no."""
    if value in (None, "", []):
        return "—"
    if isinstance(value, bool):
        return gettext("yes") if value else gettext("no")
    if isinstance(value, list):
        return ", ".join(map(str, value))
    if isinstance(value, str) and _ISO.fullmatch(value):
        parsed = datetime.fromisoformat(value)
        if "T" in value:
            return formats.date_format(timezone.localtime(parsed) if timezone.is_aware(parsed)
                                       else parsed, "SHORT_DATETIME_FORMAT")
        return formats.date_format(parsed.date(), "SHORT_DATE_FORMAT")
    return str(value)


def readable(data: dict) -> list[tuple[str, list[list[tuple[str, str]]]]]:
    """The export (patron_export) with the names a person reads: [(section, rows)],
    each row [(label, value)]; the patron's record first, as one row."""
    sections = [(capfirst(Patron._meta.verbose_name),
                 [[(_label(Patron, k), _shown(v)) for k, v in data["patron"].items()]])]
    models_by_name = {m._meta.model_name: m for m in _holders}
    for section, rows in data.items():
        model = models_by_name.get(section)
        if section == "patron" or model is None:
            continue
        sections.append((capfirst(model._meta.verbose_name_plural),
                         [[(_label(model, k), _shown(v)) for k, v in row.items()]
                          for row in rows]))
    return sections


def export_document(data: dict, *, title: str, kind: str) -> bytes:
    """The export as a readable DOCX or PDF."""
    from civicdesk.core.documents import render_docx, render_pdf

    blocks: list[tuple] = []
    for number, (section, rows) in enumerate(readable(data)):
        if number:
            blocks.append(("h", section))
        if not rows:
            blocks.append(("p", "—"))
        for row in rows:
            if number == 0:
                blocks += [("field", label, value) for label, value in row]
            else:
                blocks.append(("p", "; ".join(f"{label}: {value}" for label, value in row
                                              if value != "—")))
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
