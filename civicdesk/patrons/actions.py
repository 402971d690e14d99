"""Writes on patrons. Each validates, checks the rule, saves; auditlog records it."""

import re

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from civicdesk.org.models import Library

from .categories import CONSENT_TEXT_VERSION
from .models import CardFormat, Consent, Patron, PatronWord
from .normalize import key_words, name_key, phone_key, phone_reversed
from .selectors import patron_duplicates

GENERIC_CARD = re.compile(r"^[0-9A-ZА-ЯІЇЄҐ-]{3,20}$")
EDITABLE = ("surname", "given_name", "patronymic", "birth_year", "sex", "phone", "email",
            "settlement")


class DuplicatePatron(ValidationError):
    """A patron with the same surname, given name and birth year exists."""

    def __init__(self, candidates):
        super().__init__(_("A patron with this name and year of birth is already registered."))
        self.candidates = candidates


def card_number_clean(raw: str, *, library: Library) -> str:
    """The card number as stored: trimmed, upper case, checked against the library's format."""
    number = re.sub(r"\s+", "", raw or "").upper()
    card_format = CardFormat.objects.filter(library=library).first()
    if card_format is not None:
        pattern = rf"^{re.escape(card_format.prefix.upper())}\d{{{card_format.digits}}}$"
        if not re.match(pattern, number):
            raise ValidationError({"card_number": _(
                "The card number must be %(prefix)s followed by %(digits)s digits, "
                "for example %(example)s.") % {
                    "prefix": card_format.prefix or _("(no prefix)"),
                    "digits": card_format.digits,
                    "example": f"{card_format.prefix}{'1'.zfill(card_format.digits)}"}})
    elif not GENERIC_CARD.match(number):
        raise ValidationError({"card_number": _(
            "A card number has 3 to 20 letters, digits or dashes.")})
    return number


def _check_birth_year(year) -> None:
    this_year = timezone.localdate().year
    if year is not None and not (this_year - 110 <= int(year) <= this_year):
        raise ValidationError({"birth_year": _("Enter a year between %(a)s and %(b)s.")
                               % {"a": this_year - 110, "b": this_year}})


def _check_names(patron: Patron) -> None:
    errors = {f: _("This field is required.") for f in ("surname", "given_name")
              if not getattr(patron, f)}
    if errors:
        raise ValidationError(errors)


def _derive_keys(patron: Patron) -> None:
    patron.name_key = name_key(patron.surname, patron.given_name, patron.patronymic)
    patron.phone_key = phone_key(patron.phone)
    patron.phone_reversed = phone_reversed(patron.phone_key)


def search_words_write(patron: Patron) -> None:
    """Make the patron's search words (PatronWord) the words of their saved name_key.
    Every action that writes a name calls it in its transaction (register, update,
    merge); anonymisation removes them."""
    words = key_words(patron.name_key)
    held = set(PatronWord.objects.filter(patron=patron).values_list("word", flat=True))
    stale = held.difference(words)
    if stale:
        PatronWord.objects.filter(patron=patron, word__in=stale).delete()
    PatronWord.objects.bulk_create([PatronWord(patron=patron, word=w)
                                    for w in words if w not in held])


@transaction.atomic
def patron_register(*, library: Library, card_number: str, surname: str, given_name: str,
                    birth_year: int, patronymic: str = "", sex: str = "", phone: str = "",
                    email: str = "", settlement: str = "", categories=(),
                    registered_by=None, consent_service: bool, confirm_duplicate: bool = False,
                    require_consent: bool = True) -> Patron:
    """Register a patron with their consent to record the services given.

    Raises DuplicatePatron when someone with the same name and year exists,
    unless the staff member confirmed it is another person.
    """
    card = card_number_clean(card_number, library=library)
    if Patron.objects.filter(card_number=card).exists():
        raise ValidationError({"card_number": _("This card number is already registered.")})
    if require_consent and not consent_service:
        raise ValidationError({"consent_service": _(
            "Without the patron's consent their services cannot be recorded.")})
    _check_birth_year(birth_year)
    patron = Patron(library=library, card_number=card, surname=surname.strip(),
                    given_name=given_name.strip(), patronymic=patronymic.strip(),
                    birth_year=birth_year, sex=sex, phone=phone.strip(), email=email.strip(),
                    settlement=settlement.strip(), registered_on=timezone.localdate(),
                    registered_by=registered_by)
    _check_names(patron)
    _derive_keys(patron)
    patron.full_clean(exclude=["library", "registered_by"])
    if not confirm_duplicate:
        candidates = patron_duplicates(surname=patron.surname, given_name=patron.given_name,
                                       birth_year=patron.birth_year)
        if candidates:
            raise DuplicatePatron(candidates)
    patron.save()
    search_words_write(patron)
    patron.categories.set(categories)
    if consent_service:
        consent_give(patron=patron, purpose=Consent.Purpose.SERVICE, recorded_by=registered_by)
    return patron


@transaction.atomic
def patron_update(*, patron: Patron, categories=None, **fields) -> Patron:
    for name, value in fields.items():
        if name not in EDITABLE:
            raise TypeError(name)
        setattr(patron, name, value.strip() if isinstance(value, str) else value)
    _check_birth_year(patron.birth_year)
    _check_names(patron)
    _derive_keys(patron)
    patron.full_clean(exclude=["library", "registered_by"])
    patron.save()
    search_words_write(patron)
    if categories is not None:
        patron.categories.set(categories)
    return patron


@transaction.atomic
def consent_give(*, patron: Patron, purpose: str, recorded_by=None) -> Consent:
    if purpose not in Consent.Purpose.values:
        raise ValidationError({"purpose": _("Choose a purpose from the list.")})
    active = patron.consents.filter(purpose=purpose, withdrawn_at__isnull=True).first()
    if active is not None:
        return active
    return Consent.objects.create(patron=patron, purpose=purpose,
                                  text_version=CONSENT_TEXT_VERSION, given_at=timezone.now(),
                                  recorded_by=recorded_by)


def consent_withdraw(*, consent: Consent) -> Consent:
    """Stop processing for that purpose from now on; the record stays as proof."""
    if consent.withdrawn_at is None:
        consent.withdrawn_at = timezone.now()
        consent.save(update_fields=["withdrawn_at"])
    return consent


def patron_viewed(*, patron: Patron) -> None:
    """Record in the audit trail that someone opened the patron's record."""
    from auditlog.signals import accessed

    accessed.send(sender=Patron, instance=patron)


def patron_exported(*, patron: Patron, kind: str) -> None:
    """Record in the audit trail that someone exported the patron's data, and how
    (json, docx, pdf, or the page to print): an access row that says "export"."""
    from auditlog.models import LogEntry

    LogEntry.objects.log_create(patron, action=LogEntry.Action.ACCESS, changes=None,
                                force_log=True,
                                additional_data={**patron.get_additional_data(),
                                                 "export": kind})
