"""The catalog in and out: CSV, XLSX, JSON and a browser bookmarks file.

Export gives the network's current resources; the bookmarks file (the Netscape format
every browser imports) lets the library's public PCs carry the catalog, a folder per
category. Import reads any of the four, checks every row (address, duplicates within
the file and against the catalog, lengths, categories), then adds all rows or none.
"""

import csv
import io
import json
from dataclasses import dataclass, field
from datetime import timedelta
from html import escape
from html.parser import HTMLParser

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from civicdesk.core.tables import MAX_BYTES, decode_text, read_table
from civicdesk.core.text import index_terms

from .models import Resource, ResourceCategory
from .urls_rules import clean_url, url_key

COLUMNS = ["title", "url", "description", "categories", "level", "owner", "keywords"]
MAX_IMPORT_ROWS = 20_000


def _rows(resources) -> list[dict]:
    return [{
        "title": r.title, "url": r.url, "description": r.description,
        "categories": ", ".join(c.code for c in r.categories.all()), "level": r.level,
        "owner": r.owner, "keywords": r.keywords,
    } for r in resources]


def _current(network):
    return (Resource.objects.filter(network=network, is_archived=False)
            .prefetch_related("categories").order_by("title"))


def export_csv(network) -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, delimiter=";")
    writer.writeheader()
    writer.writerows(_rows(_current(network)))
    return out.getvalue().encode("utf-8-sig")  # Excel opens UTF-8 with a BOM correctly


def export_xlsx(network) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "resources"
    sheet.append(COLUMNS)
    for row in _rows(_current(network)):
        sheet.append([row[c] for c in COLUMNS])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def export_json(network) -> bytes:
    data = {"format": "civicdesk-resources", "version": 1,
            "exported_at": timezone.now().isoformat(), "resources": _rows(_current(network))}
    return json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8")


def export_bookmarks(network) -> bytes:
    """Netscape bookmarks: a folder per category, most used first."""
    resources = list(_current(network).order_by("-is_featured", "-clicks", "title"))
    lines = ["<!DOCTYPE NETSCAPE-Bookmark-file-1>",
             '<META HTTP-EQUIV="Content-Type" CONTENT="text/html; charset=UTF-8">',
             f"<TITLE>{escape(network.name)}</TITLE>", f"<H1>{escape(network.name)}</H1>",
             "<DL><p>"]
    for category in ResourceCategory.objects.all():
        inside = [r for r in resources if category in r.categories.all()]
        if not inside:
            continue
        lines.append(f"    <DT><H3>{escape(category.title)}</H3>")
        lines.append("    <DL><p>")
        for r in inside:
            lines.append(f'        <DT><A HREF="{escape(r.url)}">{escape(r.title)}</A>')
            if r.description:
                lines.append(f"        <DD>{escape(r.description)}")
        lines.append("    </DL><p>")
    lines.append("</DL><p>")
    return ("\n".join(lines) + "\n").encode("utf-8")


# --- import --------------------------------------------------------------------------------

@dataclass
class Row:
    number: int
    values: dict
    errors: list[str] = field(default_factory=list)


class _Bookmarks(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links: list[dict] = []
        self.folder = ""
        self._in = None  # "a" or "h3"
        self._text: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in ("a", "h3"):
            self._in, self._text = tag, []
            if tag == "a":
                self.links.append({"url": dict(attrs).get("href") or "", "folder": self.folder})

    def handle_data(self, data):
        if self._in:
            self._text.append(data)

    def handle_endtag(self, tag):
        if tag == self._in:
            text = " ".join("".join(self._text).split())
            if tag == "h3":
                self.folder = text
            else:
                self.links[-1]["title"] = text
            self._in = None


def read_rows(data: bytes, filename: str) -> list[Row]:
    """The file's rows as dicts of COLUMNS. ValidationError for an unreadable file."""
    if len(data) > MAX_BYTES:
        raise ValidationError(_("The file is larger than 10 MB."))
    name = filename.lower()
    if name.endswith((".html", ".htm")):
        parser = _Bookmarks()
        parser.feed(decode_text(data))
        if not parser.links:
            raise ValidationError(_("There are no links in this bookmarks file."))
        rows = [{"title": link.get("title") or link["url"], "url": link["url"],
                 "categories": link["folder"]} for link in parser.links]
    elif name.endswith(".json"):
        try:
            payload = json.loads(decode_text(data))
            rows = payload["resources"] if isinstance(payload, dict) else payload
            if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
                raise ValueError
        except (ValueError, KeyError):
            raise ValidationError(_("This is not a catalog exported as JSON.")) from None
    else:
        table = read_table(data, filename)
        headers = [h.strip().lower() for h in table.headers]
        if "url" not in headers or "title" not in headers:
            raise ValidationError(_("The first row must name the columns; «title» and «url» "
                                    "are needed."))
        rows = [dict(zip(headers, r, strict=True)) for r in table.rows]
    if len(rows) > MAX_IMPORT_ROWS:
        raise ValidationError(_("The file has more than %(n)s rows.") % {"n": MAX_IMPORT_ROWS})
    return [Row(number=i, values={c: str(r.get(c) or "").strip() for c in COLUMNS})
            for i, r in enumerate(rows, start=2 if not name.endswith((".html", ".htm", ".json"))
                                  else 1)]


def _categories(text: str, by_key: dict) -> list[ResourceCategory]:
    found = []
    for part in text.replace(";", ",").split(","):
        key = part.strip().lower()
        if key and key in by_key:
            found.append(by_key[key])
    return found


def check_rows(rows: list[Row], network) -> list[Row]:
    """Every row checked; a row's errors are in its `errors`."""
    by_key = {}
    for c in ResourceCategory.objects.all():
        by_key[c.code.lower()] = c
        by_key[c.title.lower()] = c
    default = ResourceCategory.objects.filter(code="state").first()
    existing = dict(Resource.objects.filter(network=network).values_list("url_key", "title"))
    seen: dict[str, int] = {}
    levels = set(Resource.Level.values)
    for row in rows:
        v = row.values
        if not v["title"]:
            row.errors.append(_("No title."))
        elif len(v["title"]) > 200:
            row.errors.append(_("The title is longer than 200 characters."))
        for name, limit in (("description", 2000), ("owner", 200), ("keywords", 500)):
            if len(v[name]) > limit:
                row.errors.append(_("«%(field)s» is longer than %(n)s characters.") % {
                    "field": name, "n": limit})
        try:
            v["url"] = clean_url(v["url"])
        except ValidationError as exc:
            row.errors.extend(exc.messages)
        else:
            key = url_key(v["url"])
            if key in existing:
                row.errors.append(_("Already in the catalog as «%(title)s».") % {
                    "title": existing[key]})
            elif key in seen:
                row.errors.append(_("The same address as row %(n)s.") % {"n": seen[key]})
            else:
                seen[key] = row.number
        if v["level"] and v["level"] not in levels:
            row.errors.append(_("Unknown level «%(level)s»: national, regional or local.") % {
                "level": v["level"]})
        v["level"] = v["level"] or Resource.Level.NATIONAL
        v["category_objects"] = _categories(v["categories"], by_key) or (
            [default] if default else [])
        if not v["category_objects"]:
            row.errors.append(_("Choose at least one category."))
    return rows


@transaction.atomic
def import_rows(rows: list[Row], network, *, by, filename: str = "") -> int:
    """Add every row, or none if any has an error. Rows were checked by check_rows();
    they are written in bulk (a bookmarks file may hold 10,000 links) and the import is
    one entry in the audit trail."""
    from auditlog.models import LogEntry

    if any(r.errors for r in rows):
        raise ValidationError(_("Fix the rows with errors first: nothing was added."))
    now = timezone.now()
    new_until = timezone.localdate() + timedelta(days=30)
    resources = []
    for row in rows:
        v = row.values
        resources.append(Resource(
            network=network, title=v["title"], url=v["url"], url_key=url_key(v["url"]),
            description=v["description"], level=v["level"], owner=v["owner"],
            keywords=v["keywords"], new_until=new_until, reviewed_at=now, reviewed_by=by,
            search_terms=index_terms(v["title"], v["description"], v["keywords"], v["owner"])))
    Resource.objects.bulk_create(resources, batch_size=500)
    through = Resource.categories.through
    through.objects.bulk_create(
        [through(resource_id=r.pk, resourcecategory_id=c.pk)
         for r, row in zip(resources, rows, strict=True) for c in row.values["category_objects"]],
        batch_size=1000)
    LogEntry.objects.log_create(
        network, force_log=True, action=LogEntry.Action.UPDATE,
        changes={"resources imported": [filename, str(len(resources))]},
        additional_data=network.get_additional_data())
    return len(resources)
