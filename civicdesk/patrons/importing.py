"""Import of patrons from a CSV or XLSX file exported by the catalogue system or a
spreadsheet: read (UTF-8 or cp1251, any usual delimiter), map columns, check every
row, then save all rows or none."""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from civicdesk.core.tables import Table
from civicdesk.org.models import Library

from .models import Patron, SocialCategory

FIELDS = {
    "card_number": gettext_lazy("library card"),
    "surname": gettext_lazy("surname"),
    "given_name": gettext_lazy("given name"),
    "patronymic": gettext_lazy("patronymic"),
    "birth_year": gettext_lazy("year of birth"),
    "sex": gettext_lazy("sex"),
    "phone": gettext_lazy("phone"),
    "email": gettext_lazy("e-mail"),
    "settlement": gettext_lazy("settlement / community"),
    "categories": gettext_lazy("social categories"),
}
REQUIRED = ("card_number", "surname", "given_name", "birth_year")

# Header words that usually name each field in exports and spreadsheets.
GUESSES = {
    "card_number": ("квиток", "квитка", "card", "номер", "штрихкод", "barcode"),
    "surname": ("прізвище", "surname", "last name", "фамилия"),
    "given_name": ("ім'я", "імя", "ім’я", "given", "first name", "имя"),
    "patronymic": ("по батькові", "patronymic", "отчество"),
    "birth_year": ("рік", "народж", "birth", "year"),
    "sex": ("стать", "sex", "gender"),
    "phone": ("телефон", "phone", "тел"),
    "email": ("пошта", "e-mail", "email", "mail"),
    "settlement": ("населений", "село", "місто", "громада", "settlement", "адреса"),
    "categories": ("категор", "пільг", "category"),
}


@dataclass
class RowResult:
    number: int  # as the person sees it in the file: header is row 1
    values: dict
    errors: list[str] = field(default_factory=list)


def guess_mapping(headers: list[str]) -> dict[str, int | None]:
    mapping: dict[str, int | None] = {}
    used: set[int] = set()
    for key, words in GUESSES.items():
        mapping[key] = None
        for i, header in enumerate(headers):
            if i not in used and any(w in header.casefold() for w in words):
                mapping[key] = i
                used.add(i)
                break
    return mapping


def check_rows(table: Table, mapping: dict[str, int | None], *, library: Library
               ) -> list[RowResult]:
    """Every row with the values it would get and what is wrong with it."""
    from .actions import card_number_clean

    categories = {c.name.casefold(): c for c in SocialCategory.objects.all()}
    taken = set(Patron.objects.values_list("card_number", flat=True))
    seen: dict[str, int] = {}
    results = []
    for n, row in enumerate(table.rows, start=2):
        values = {key: (row[i] if i is not None else "") for key, i in mapping.items()}
        result = RowResult(number=n, values=values)
        for key in REQUIRED:
            if not values.get(key):
                result.errors.append(_("%(field)s is empty.") % {"field": FIELDS[key]})
        if values.get("card_number"):
            try:
                values["card_number"] = card_number_clean(values["card_number"], library=library)
            except ValidationError as exc:
                result.errors.extend(exc.messages)
            else:
                if values["card_number"] in taken:
                    result.errors.append(_("This card number is already registered."))
                elif values["card_number"] in seen:
                    result.errors.append(_("The same card number as in row %(n)s.")
                                         % {"n": seen[values["card_number"]]})
                seen.setdefault(values["card_number"], n)
        if values.get("birth_year"):
            try:
                year = int(values["birth_year"][:4])
                if not 1900 <= year <= timezone.localdate().year:
                    raise ValueError
                values["birth_year"] = year
            except ValueError:
                result.errors.append(_("The year of birth is not a year: %(value)s")
                                     % {"value": values["birth_year"]})
        if values.get("email"):
            try:
                validate_email(values["email"])
            except ValidationError:
                result.errors.append(_("The e-mail is not valid: %(value)s")
                                     % {"value": values["email"]})
        sex = values.get("sex", "").casefold()[:1]
        values["sex"] = {"ж": "f", "f": "f", "ч": "m", "m": "m"}.get(sex, "")
        names = [c.strip() for c in values.get("categories", "").replace(";", ",").split(",")
                 if c.strip()]
        unknown = [c for c in names if c.casefold() not in categories]
        if unknown:
            result.errors.append(_("Unknown social category: %(names)s")
                                 % {"names": ", ".join(unknown)})
        values["categories"] = [categories[c.casefold()] for c in names
                                if c.casefold() in categories]
        results.append(result)
    return results


@transaction.atomic
def import_patrons(results: list[RowResult], *, library: Library, by,
                   consent_held: bool) -> int:
    """Save every row, or none when any row has an error."""
    from .actions import patron_register

    if any(r.errors for r in results):
        raise ValidationError(_("The file has rows with errors; nothing was imported."))
    for r in results:
        v = r.values
        patron_register(library=library, card_number=v["card_number"], surname=v["surname"],
                        given_name=v["given_name"], patronymic=v.get("patronymic", ""),
                        birth_year=v["birth_year"], sex=v.get("sex", ""),
                        phone=v.get("phone", ""), email=v.get("email", ""),
                        settlement=v.get("settlement", ""), categories=v["categories"],
                        registered_by=by, consent_service=consent_held,
                        confirm_duplicate=True, require_consent=False)
    return len(results)
