"""Reads on patrons."""

import re

from django.db.models import QuerySet

from .models import Consent, Patron
from .normalize import name_key, phone_key

SEARCH_LIMIT = 20


def patron_search(patrons: QuerySet[Patron], query: str) -> list[Patron]:
    """Patrons matching `query`: a card number (exact, as a scanner types it), a phone
    number, or parts of the name in any order. `patrons` is what the user may see."""
    query = (query or "").strip()
    if not query:
        return []
    card = re.sub(r"\s+", "", query).upper()
    exact = list(patrons.filter(card_number=card)[:1])
    if exact:
        return exact
    digits = phone_key(query)
    if re.fullmatch(r"[\d\s()+-]{5,}", query) and len(digits) >= 5:
        return list(patrons.filter(phone_key__contains=digits)[:SEARCH_LIMIT])
    qs = patrons
    for token in name_key(query).split(" "):
        qs = qs.filter(name_key__contains=token)
    return list(qs.order_by("surname", "given_name")[:SEARCH_LIMIT])


def patron_duplicates(*, surname: str, given_name: str, birth_year: int) -> list[Patron]:
    """Patrons with the same surname, given name and year of birth (any library)."""
    key = name_key(surname, given_name)
    candidates = Patron.objects.filter(birth_year=birth_year, name_key__startswith=key)
    return [p for p in candidates.select_related("library")
            if name_key(p.surname, p.given_name) == key]


def consents_of(patron: Patron) -> QuerySet[Consent]:
    return patron.consents.select_related("recorded_by").order_by("-given_at")


def mask_phone(phone: str) -> str:
    """A phone as lists show it: only the last two digits."""
    digits = phone_key(phone)
    return f"••• {digits[-2:]}" if len(digits) >= 2 else ""
