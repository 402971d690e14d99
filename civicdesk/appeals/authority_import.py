"""Import of a network's local bodies from a CSV or XLSX table.

The first row names the columns (COLUMNS, or their Ukrainian names in HEADERS). Every
row is checked — kind and level, e-mail, web addresses (http and https only), the
parent (a body already in the directory or in a row above), a name used twice, lengths,
numbers — and the rows are added all together or not at all, as one entry in the audit
trail.
"""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from civicdesk.core.tables import read_table

from .authority_forms import in_scope, name_key, web_url
from .models import Authority

COLUMNS = ["name", "kind", "level", "parent", "territory", "postal_address", "email",
           "website", "petitions_url", "info_requests", "hours", "notes",
           "petition_signatures", "petition_days"]
# Ukrainian column names (lower case) people write in their own tables.
HEADERS = {
    "назва": "name", "найменування": "name", "вид": "kind", "тип": "kind", "рівень": "level",
    "входить до": "parent", "батьківський орган": "parent", "належить до": "parent",
    "територія": "territory", "поштова адреса": "postal_address", "адреса": "postal_address",
    "електронна пошта": "email", "ел. пошта": "email", "e-mail": "email", "пошта": "email",
    "вебсайт": "website", "веб-сайт": "website", "сайт": "website",
    "е-петиції": "petitions_url", "сторінка е-петицій": "petitions_url",
    "петиції": "petitions_url",
    "запити на інформацію": "info_requests",
    "запити на публічну інформацію": "info_requests",
    "години роботи": "hours", "години": "hours", "графік роботи": "hours",
    "примітки": "notes",
    "підписів": "petition_signatures", "е-петиція: потрібно підписів": "petition_signatures",
    "днів на збір підписів": "petition_days", "е-петиція: днів на збір підписів": "petition_days",
}
MAX_IMPORT_ROWS = 5_000
TEXT_FIELDS = ["name", "territory", "postal_address", "email", "website", "petitions_url",
               "info_requests", "hours", "notes"]


@dataclass
class Row:
    number: int
    values: dict
    errors: list[str] = field(default_factory=list)


def _column(header: str) -> str | None:
    key = " ".join(header.split()).lower()
    if key in COLUMNS:
        return key
    return HEADERS.get(key)


def read_rows(data: bytes, filename: str) -> list[Row]:
    """The table's rows as dicts of COLUMNS. ValidationError for an unreadable file."""
    table = read_table(data, filename)
    columns = [_column(h) for h in table.headers]
    if "name" not in columns:
        raise ValidationError(_("The first row must name the columns; «name» (or «назва») "
                                "is needed."))
    if len(table.rows) > MAX_IMPORT_ROWS:
        raise ValidationError(_("The file has more than %(n)s rows.") % {"n": MAX_IMPORT_ROWS})
    rows = []
    for number, cells in enumerate(table.rows, start=2):
        values = dict.fromkeys(COLUMNS, "")
        for column, cell in zip(columns, cells, strict=True):
            if column and not values[column]:
                values[column] = cell.strip()
        rows.append(Row(number=number, values=values))
    return rows


def _choices(choices) -> dict:
    """A choice by its code or its label, in English or in Ukrainian."""
    found = {}
    for value, label in choices:
        found[value.casefold()] = value
        with translation.override("en"):
            found[str(label).casefold()] = value
        with translation.override("uk"):
            found[str(label).casefold()] = value
    return found


def _number(text: str, limit: int) -> int | None:
    if not text:
        return None
    try:
        number = int(text.replace(" ", "").replace("\u00a0", ""))
    except ValueError:
        raise ValidationError("") from None
    if not 1 <= number <= limit:
        raise ValidationError("")
    return number


def check_rows(rows: list[Row], network) -> list[Row]:
    """Every row checked; a row's errors are in its `errors` (in Ukrainian)."""
    kinds = _choices(Authority.Kind.choices)
    levels = _choices(Authority.Level.choices)
    existing = {name_key(a.name): a for a in in_scope(network)}
    earlier: dict[str, int] = {}  # name key -> row number
    limits = {f: Authority._meta.get_field(f).max_length for f in TEXT_FIELDS}
    for row in rows:
        v = row.values
        v["name"] = " ".join(v["name"].split())
        key = name_key(v["name"])
        if not v["name"]:
            row.errors.append(_("No name."))
        elif key in existing:
            row.errors.append(_("«%(name)s» is already in the directory.") % {
                "name": existing[key].name})
        elif key in earlier:
            row.errors.append(_("The same name as row %(n)s.") % {"n": earlier[key]})
        for name in TEXT_FIELDS:
            if len(v[name]) > limits[name]:
                row.errors.append(_("«%(field)s» is longer than %(n)s characters.") % {
                    "field": name, "n": limits[name]})
        if v["kind"]:
            if v["kind"].casefold() not in kinds:
                row.errors.append(_("Unknown kind «%(kind)s».") % {"kind": v["kind"]})
            else:
                v["kind"] = kinds[v["kind"].casefold()]
        else:
            v["kind"] = Authority.Kind.OTHER
        if v["level"]:
            if v["level"].casefold() not in levels:
                row.errors.append(_("Unknown level «%(level)s»: national, regional, district "
                                    "or community.") % {"level": v["level"]})
            else:
                v["level"] = levels[v["level"].casefold()]
        else:
            v["level"] = Authority.Level.COMMUNITY
        if v["email"]:
            try:
                validate_email(v["email"])
            except ValidationError:
                row.errors.append(_("«%(email)s» is not an e-mail address.") % {
                    "email": v["email"]})
        for name in ("website", "petitions_url"):
            if v[name]:
                try:
                    web_url(v[name])
                except ValidationError:
                    row.errors.append(_("«%(url)s» is not a web address: it must start with "
                                        "http:// or https://.") % {"url": v[name]})
        v["parent_id"] = v["parent_row"] = None
        if v["parent"]:
            parent_key = name_key(v["parent"])
            if parent_key in existing:
                v["parent_id"] = existing[parent_key].pk
            elif parent_key in earlier:
                v["parent_row"] = earlier[parent_key]
            else:
                row.errors.append(_("Unknown parent «%(parent)s»: it must be in the directory "
                                    "already or in a row above.") % {"parent": v["parent"]})
        for name, limit, message in (
                ("petition_signatures", 10_000_000,
                 _("The number of signatures must be a whole number greater than zero.")),
                ("petition_days", 366,
                 _("The days to collect signatures must be a whole number from 1 to 366."))):
            try:
                v[name + "_number"] = _number(v[name], limit)
            except ValidationError:
                row.errors.append(message)
        if v["name"] and key not in existing and key not in earlier:
            earlier[key] = row.number
    return rows


@transaction.atomic
def import_rows(rows: list[Row], network, *, by, filename: str = "") -> int:
    """Add every row, or none if any has an error. Rows were checked by check_rows().
    Written in bulk, a batch whenever a row's parent is still to be written, and the
    import is one entry in the audit trail."""
    from auditlog.models import LogEntry

    if any(r.errors for r in rows):
        raise ValidationError(_("Fix the rows with errors first: nothing was added."))
    made: dict[int, Authority] = {}  # row number -> body
    batch: list[tuple[int, Authority]] = []

    def flush():
        Authority.objects.bulk_create([body for _n, body in batch])
        made.update(batch)
        batch.clear()

    for row in rows:
        v = row.values
        if v["parent_row"] is not None and v["parent_row"] not in made:
            flush()
        parent_id = v["parent_id"] or (made[v["parent_row"]].pk if v["parent_row"] else None)
        batch.append((row.number, Authority(
            network=network, parent_id=parent_id, name=v["name"], kind=v["kind"],
            level=v["level"], territory=v["territory"], postal_address=v["postal_address"],
            email=v["email"], website=v["website"], petitions_url=v["petitions_url"],
            info_requests=v["info_requests"], hours=v["hours"], notes=v["notes"],
            petition_signatures=v["petition_signatures_number"],
            petition_days=v["petition_days_number"])))
    flush()
    LogEntry.objects.log_create(
        network, force_log=True, action=LogEntry.Action.UPDATE,
        changes={"authorities imported": [filename, str(len(made))]},
        additional_data=network.get_additional_data())
    return len(made)
