"""Reads on patrons."""

import re

from django.db import connections
from django.db.models import Exists, FilteredRelation, OuterRef, Q, QuerySet

from .models import Consent, Patron, PatronWord
from .normalize import WORD_MAX, name_key, phone_key, phone_reversed

SEARCH_LIMIT = 20
_TOP = "\U0010ffff"  # sorts after every character: [x, x + _TOP) holds what starts with x
_LEAD_CAP = 20_000
_BYTEWISE = {"word", "search_words__word", "phone_reversed"}
_PHONE_QUERY = re.compile(r"[\d\s()+-]{5,}")


def _starts_with(field: str, prefix: str, *, vendor: str) -> Q:
    """`field` starts with `prefix`, as a condition the field's index answers.

    A BytewiseCharField (PatronWord.word, Patron.phone_reversed) is compared in code
    point order on both databases: a range [prefix, prefix + U+10FFFF) of its index,
    which also gives the rows in order. Other text columns: the same range on SQLite
    (which cannot use an index for LIKE: Django adds ESCAPE, and LIKE ignores case
    there); LIKE 'x%' on PostgreSQL, read from the varchar_pattern_ops index that
    Django adds for an indexed CharField, whatever the database's collation."""
    if vendor == "postgresql" and field not in _BYTEWISE:
        return Q(**{f"{field}__startswith": prefix})
    return Q(**{f"{field}__gte": prefix, f"{field}__lt": prefix + _TOP})


def patron_search(patrons: QuerySet[Patron], query: str) -> list[Patron]:
    """Patrons matching `query`: a card number (exact, as a scanner types it), a phone
    number (its last digits, or its first ones as typed), or the starts of words of the
    name in any order. `patrons` is what the user may see."""
    query = (query or "").strip()
    if not query:
        return []
    card = re.sub(r"\s+", "", query).upper()
    exact = list(patrons.filter(card_number=card)[:1])
    if exact:
        return exact
    vendor = connections[patrons.db].vendor
    digits = phone_key(query)
    if _PHONE_QUERY.fullmatch(query) and len(digits) >= 5:
        return _by_phone(patrons, query, digits, vendor)
    return _by_name(patrons, query, vendor)


def _by_phone(patrons, query, digits, vendor) -> list[Patron]:
    # The number ends with what was typed: a whole number, or its last digits.
    found = _starts_with("phone_reversed", phone_reversed(digits), vendor=vendor)
    typed = re.sub(r"\D", "", query)
    if typed.startswith("0"):  # a number being typed from its start, 0XX…
        found |= _starts_with("phone_key", "38" + typed, vendor=vendor)
    elif typed.startswith("38"):  # … or +380XX…
        found |= _starts_with("phone_key", typed, vendor=vendor)
    return list(patrons.filter(found).order_by("surname", "given_name", "pk")[:SEARCH_LIMIT])


def _by_name(patrons, query, vendor) -> list[Patron]:
    """Every word typed starts a word of the name (PatronWord). The rarest of them leads:
    it is read from the word index in order (ORDER BY word LIMIT stops early however
    common it is), the others are checked per patron; so the first results are the
    closest words: "бондар" before "бондаренко"."""
    tokens = list(dict.fromkeys(t[:WORD_MAX] for t in name_key(query).split(" ") if t))
    if not tokens:
        return []
    if len(tokens) > 1:
        # The rarest start leads: "ол ґр" is read from the Ґражинas, not from every Ол….
        # Words counted in the index, each count stopped at the fewest so far (a
        # millisecond or two).
        tokens.sort(key=len, reverse=True)
        rows, cap = {}, _LEAD_CAP
        for t in tokens:
            rows[t] = PatronWord.objects.filter(_starts_with("word", t, vendor=vendor)) \
                .values("pk")[:cap].count()
            if not rows[t]:
                return []
            cap = min(cap, rows[t])
        tokens.sort(key=lambda t: rows[t])  # stable: the longer of equals first
    lead = tokens.pop(0)
    hits = patrons.alias(hit=FilteredRelation(
        "search_words", condition=_starts_with("search_words__word", lead, vendor=vendor)))
    hits = hits.filter(hit__word__isnull=False)
    for token in tokens:
        hits = hits.filter(Exists(PatronWord.objects.filter(
            _starts_with("word", token, vendor=vendor), patron=OuterRef("pk"))))
    # A patron can match by two words (іван, іванович): read enough rows for the limit.
    ids = list(dict.fromkeys(hits.order_by("hit__word", "hit__patron_id")
                             .values_list("pk", flat=True)[:SEARCH_LIMIT * 3]))[:SEARCH_LIMIT]
    found = {p.pk: p for p in patrons.filter(pk__in=ids)}
    return [found[pk] for pk in ids if pk in found]


def patron_duplicates(*, surname: str, given_name: str, birth_year: int) -> list[Patron]:
    """Patrons with the same surname, given name and year of birth (any library)."""
    key = name_key(surname, given_name)
    vendor = connections[Patron.objects.db].vendor
    candidates = Patron.objects.filter(_starts_with("name_key", key, vendor=vendor),
                                       birth_year=birth_year)
    return [p for p in candidates.select_related("library")
            if name_key(p.surname, p.given_name) == key]


def consents_of(patron: Patron) -> QuerySet[Consent]:
    return patron.consents.select_related("recorded_by").order_by("-given_at")


def mask_phone(phone: str) -> str:
    """A phone as lists show it: only the last two digits."""
    digits = phone_key(phone)
    return f"••• {digits[-2:]}" if len(digits) >= 2 else ""


def withdrew_consent(purpose: str) -> QuerySet[Patron]:
    """Patrons who withdrew their consent to `purpose` and have not given it again:
    nothing more is done with their data for it."""
    active = Consent.objects.filter(patron=OuterRef("pk"), purpose=purpose,
                                    withdrawn_at__isnull=True)
    return Patron.objects.filter(consents__purpose=purpose,
                                 consents__withdrawn_at__isnull=False) \
        .exclude(Exists(active)).distinct()
