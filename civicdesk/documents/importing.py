"""Bulk import into the document library, all or nothing per batch.

Two sources:

- a ZIP of files (PDF, DOCX, ODT, RTF, HTML, TXT) with a metadata table: `metadata.csv`
  (or .xlsx) inside the ZIP, or a CSV/XLSX uploaded next to it; one row per document,
  columns in English or Ukrainian (COLUMNS). Every row is checked, every file's text is
  extracted (extract.py refuses what it must), then all documents are written in one
  transaction — or, if any row has an error, none.
- the national legislation corpus (JSONL.gz, one act per line: number, short_name,
  title, status, date, url, articles) as in shared/data/ua-legislation. Streamed line by
  line and written with bulk_create in chunks: the whole corpus (8,164 acts, 51,741
  articles) in one transaction. Acts go to the shared library (no network) unless a
  network is given. An act already there (same number) is skipped, or with
  existing="update" replaced — unless a person has checked its text (text_checked).

Progress of a running batch is kept in the cache (shared by the web workers and the task
worker), because the import's own transaction cannot be seen from outside until it ends;
the batch row gets its final state and report.
"""

import gzip
import json
import logging
import re
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.validators import URLValidator
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from civicdesk.core.tables import Table, read_table

from . import extract as extraction
from .models import Article, Document, DocumentFile, ImportBatch
from .numbers import number_key
from .titles import KNOWN_TITLES

logger = logging.getLogger(__name__)

Progress = Callable[[int, int], None]

STATE_ISSUER = "Верховна Рада України"
CORPUS_CHUNK = 400  # acts per bulk_create round: bounded memory, few round trips
MAX_ROW_ERRORS = 500  # kept in a failed batch's report
PROGRESS_TIMEOUT = 24 * 3600


# --- progress --------------------------------------------------------------------------------

def _progress_key(batch_id: int) -> str:
    return f"documents:import:{batch_id}:progress"


def progress_set(batch_id: int, done: int, total: int) -> None:
    cache.set(_progress_key(batch_id), {"done": done, "total": total}, PROGRESS_TIMEOUT)


def progress_of(batch: ImportBatch) -> tuple[int, int]:
    """(done, total) of a batch: from the cache while it runs, else from its row."""
    if batch.state == ImportBatch.State.RUNNING:
        value = cache.get(_progress_key(batch.pk))
        if value:
            return value["done"], value["total"]
    return batch.done, batch.total


def _after_import(ids: list[int]) -> None:
    """Hand the new and changed documents to the search index (indexing.py)."""
    if not ids:
        return
    from . import indexing

    for start in range(0, len(ids), 200):
        indexing.index_documents(ids[start:start + 200])


class ImportFailed(Exception):
    """The batch was not imported; `errors` says why (row by row where it can)."""

    def __init__(self, errors: list[dict]):
        super().__init__("; ".join(e["message"] for e in errors[:3]))
        self.errors = errors


def _row_error(row: int | None, message: str, file: str = "") -> dict:
    return {"row": row, "file": file, "message": message}


# --- values ----------------------------------------------------------------------------------

def _aliases(choices, extra: dict[str, tuple[str, ...]]) -> dict[str, str]:
    found = {}
    for value, label in choices:
        found[value.casefold()] = value
        for language in ("en", "uk"):
            with translation.override(language):
                found[str(label).casefold()] = value
    for value, words in extra.items():
        for word in words:
            found[word.casefold()] = value
    return found


KIND_WORDS = {
    "law": ("закон", "закон україни"),
    "code": ("кодекс", "кодекс україни"),
    "decree": ("указ", "указ президента", "указ президента україни"),
    "resolution": ("постанова", "постанова кму", "постанова кабміну",
                   "постанова кабінету міністрів", "постанова кабінету міністрів україни"),
    "order": ("наказ", "розпорядження"),
    "council": ("рішення ради", "рішення сесії", "рішення сільської ради",
                "рішення селищної ради", "рішення міської ради", "рішення районної ради",
                "рішення обласної ради"),
    "executive": ("рішення виконкому", "рішення виконавчого комітету"),
    "program": ("programme", "програма", "програма розвитку"),
    "plan": ("план", "план роботи"),
    "regulation": ("положення", "регламент", "правила", "порядок"),
    "other": ("інше", "інший", "інший документ"),
}
LEVEL_WORDS = {
    "state": ("national", "державний", "загальнодержавний", "національний"),
    "regional": ("регіональний", "обласний"),
    "local": ("місцевий", "районний", "громада"),
}
STATUS_WORDS = {
    "in_force": ("чинний", "чинна", "чинне", "діє", "in force"),
    "lost_force": ("втратив чинність", "втратила чинність", "втратило чинність", "нечинний",
                   "не діє", "lost", "lost force", "repealed"),
    "draft": ("проєкт", "проект"),
}
COLLECTION_WORDS = {
    "acts": ("акти", "нормативні акти", "правові акти"),
    "center": ("власні", "центр", "документи центру", "власні документи центру", "own"),
}
YES = {"так", "т", "yes", "y", "true", "1", "+", "опубліковано", "публікувати"}
NO = {"ні", "н", "no", "n", "false", "0", "-", "не публікувати"}

# Each column by its English key and the Ukrainian (and other usual) names people give it.
COLUMNS = {
    "file": ("файл", "ім'я файлу", "імʼя файлу", "filename"),
    "kind": ("вид", "тип", "вид документа"),
    "level": ("рівень",),
    "issuer": ("орган", "видавник", "ким видано", "орган, що видав", "issuing body"),
    "number": ("номер", "№", "no"),
    "adopted_on": ("дата", "дата прийняття", "прийнято", "date", "adopted"),
    "title": ("назва", "заголовок", "name"),
    "status": ("статус", "стан", "чинність"),
    "in_force_from": ("чинний з", "набрання чинності", "набирає чинності", "дата набрання чинності"),
    "lost_force_on": ("втратив чинність", "втрата чинності", "дата втрати чинності"),
    "source_url": ("джерело", "посилання", "url", "адреса", "source"),
    "territory": ("територія", "громада", "територія / громада"),
    "tags": ("теги", "мітки", "ключові слова"),
    "published": ("опубліковано", "публікувати", "оприлюднено", "на порталі"),
    "collection": ("колекція", "збірка"),
}
REQUIRED_COLUMNS = ("file", "title")


def _header_key(header: str) -> str:
    return re.sub(r"[\s_]+", " ", header.replace("’", "'").replace("ʼ", "'")).strip().casefold()


def map_columns(headers: list[str]) -> dict[str, int]:
    """Which column holds which field: {"file": 0, "title": 3, …}."""
    names = {}
    for key, words in COLUMNS.items():
        for word in (key, key.replace("_", " "), *words):
            names[_header_key(word)] = key
    mapping = {}
    for i, header in enumerate(headers):
        key = names.get(_header_key(header))
        if key and key not in mapping:
            mapping[key] = i
    missing = [c for c in REQUIRED_COLUMNS if c not in mapping]
    if missing:
        raise ValidationError(
            _("The metadata table has no column «%(columns)s»; the first row must name the "
              "columns (file, title, kind, number, adopted_on, …).") % {
                "columns": ", ".join(missing)})
    return mapping


def parse_date(value: str) -> date | None:
    """ДД.ММ.РРРР or YYYY-MM-DD (a spreadsheet's date comes as "2024-03-01 00:00:00")."""
    value = value.strip()
    if not value:
        return None
    for pattern, order in ((r"(\d{1,2})\.(\d{1,2})\.(\d{4})", "dmy"),
                           (r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]00:00(?::00)?)?", "ymd")):
        match = re.fullmatch(pattern, value)
        if match:
            a, b, c = (int(g) for g in match.groups())
            day, month, year = (a, b, c) if order == "dmy" else (c, b, a)
            try:
                return date(year, month, day)
            except ValueError:
                break
    raise ValueError(value)


# --- ZIP of files with a metadata table ------------------------------------------------------

@dataclass
class Row:
    number: int  # as the person sees it in the table: the header is row 1
    values: dict
    errors: list[str] = field(default_factory=list)
    member: str = ""  # the file's name inside the ZIP
    extracted: extraction.Extracted | None = None


def open_zip(path) -> zipfile.ZipFile:
    """The uploaded ZIP, checked (size, ZIP bomb, unsafe names) before anything is unpacked."""
    extraction.check_upload_size(Path(path).stat().st_size)
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise ValidationError(_("The ZIP file cannot be read: it is damaged or is not a ZIP "
                                "file.")) from exc
    extraction.check_zip(archive, names=True)
    return archive


def metadata_table(archive: zipfile.ZipFile, metadata: tuple[bytes, str] | None) -> Table:
    """The table uploaded next to the ZIP, else metadata.csv (or .xlsx) inside it."""
    if metadata is not None:
        return read_table(*metadata)
    for info in archive.infolist():
        name = info.filename.rsplit("/", 1)[-1].lower()
        if name in ("metadata.csv", "metadata.xlsx", "метадані.csv", "метадані.xlsx"):
            return read_table(archive.read(info), name)
    raise ValidationError(_("The ZIP has no metadata.csv: put it into the ZIP or upload the "
                            "table (CSV or XLSX) next to the ZIP."))


def _members(archive: zipfile.ZipFile) -> dict[str, zipfile.ZipInfo]:
    return {info.filename: info for info in archive.infolist() if not info.is_dir()}


def _find_member(name: str, members: dict, folded: dict, base: dict) -> zipfile.ZipInfo | None:
    name = name.strip().replace("\\", "/").lstrip("./")
    return members.get(name) or folded.get(name.casefold()) or base.get(name.casefold())


def check_rows(archive: zipfile.ZipFile, table: Table, *, network, extract_files: bool
               ) -> list[Row]:
    """Every row with the values it would get and what is wrong with it. With
    extract_files the text of every file is extracted too (slow: the background task does
    it; the preview only checks that each file is there and of a known type)."""
    mapping = map_columns(table.headers)
    members = _members(archive)
    folded = {n.casefold(): i for n, i in members.items()}
    base: dict[str, zipfile.ZipInfo | None] = {}
    for n, info in members.items():  # a file named without its folder, when unambiguous
        key = n.rsplit("/", 1)[-1].casefold()
        base[key] = None if key in base else info
    base = {k: v for k, v in base.items() if v is not None}

    kinds = _aliases(Document.Kind.choices, KIND_WORDS)
    levels = _aliases(Document.Level.choices, LEVEL_WORDS)
    statuses = _aliases(Document.Status.choices, STATUS_WORDS)
    collections = _aliases(Document.Collection.choices, COLLECTION_WORDS)
    lengths = {f.name: f.max_length for f in Document._meta.fields if f.max_length}
    url = URLValidator(schemes=["http", "https"])
    existing = {(d["number_key"], d["kind"], d["issuer"].casefold())
                for d in Document.objects.filter(network=network).exclude(number_key="")
                .values("number_key", "kind", "issuer")}
    seen_numbers: dict[tuple, int] = {}
    seen_files: dict[str, int] = {}
    rows = []
    for n, cells in enumerate(table.rows, start=2):
        raw = {key: cells[i].strip() for key, i in mapping.items()}
        raw = {key: raw.get(key, "") for key in COLUMNS}
        row = Row(number=n, values=raw)
        errors = row.errors
        v = dict(raw)
        for name, choices, default, message in (
                ("kind", kinds, Document.Kind.OTHER,
                 _("Unknown kind «%(value)s»: law, code, decree, resolution, order, council, "
                   "executive, program, plan, regulation or other.")),
                ("level", levels, Document.Level.LOCAL,
                 _("Unknown level «%(value)s»: state, regional or local.")),
                ("status", statuses, Document.Status.IN_FORCE,
                 _("Unknown status «%(value)s»: in force, lost force or draft.")),
                ("collection", collections, Document.Collection.ACTS,
                 _("Unknown collection «%(value)s»: acts or center.")),
        ):
            if not raw[name]:
                v[name] = default
            elif raw[name].casefold() in choices:
                v[name] = choices[raw[name].casefold()]
            else:
                errors.append(message % {"value": raw[name][:100]})
        for name in ("adopted_on", "in_force_from", "lost_force_on"):
            try:
                v[name] = parse_date(raw[name])
            except ValueError:
                errors.append(_("«%(value)s» is not a date (ДД.ММ.РРРР or YYYY-MM-DD).") % {
                    "value": raw[name][:40]})
                v[name] = None
        published = raw["published"].casefold()
        if not published:
            v["published"] = True
        elif published in YES or published in NO:
            v["published"] = published in YES
        else:
            errors.append(_("«%(value)s» in «published»: write так or ні.") % {
                "value": raw["published"][:40]})
        if not raw["title"]:
            errors.append(_("No title."))
        for name in ("title", "issuer", "number", "source_url", "territory", "tags"):
            if len(raw[name]) > lengths[name]:
                errors.append(_("«%(field)s» is longer than %(n)s characters.") % {
                    "field": name, "n": lengths[name]})
        if raw["source_url"]:
            try:
                url(raw["source_url"])
            except ValidationError:
                errors.append(_("«%(value)s» is not a web address.") % {
                    "value": raw["source_url"][:100]})
        if raw["number"]:
            key = (number_key(raw["number"]), v.get("kind"), raw["issuer"].casefold())
            if key in existing:
                errors.append(_("Number %(number)s is already in the library.") % {
                    "number": raw["number"]})
            elif key in seen_numbers:
                errors.append(_("The same number as row %(n)s.") % {"n": seen_numbers[key]})
            else:
                seen_numbers[key] = n
        if not raw["file"]:
            errors.append(_("No file named in the «file» column."))
        else:
            info = _find_member(raw["file"], members, folded, base)
            if info is None:
                errors.append(_("The file «%(name)s» is not in the ZIP.") % {
                    "name": raw["file"][:200]})
            elif info.filename in seen_files:
                errors.append(_("The same file as row %(n)s.") % {"n": seen_files[info.filename]})
            else:
                seen_files[info.filename] = n
                row.member = info.filename
                try:
                    extraction.check_upload_size(info.file_size)
                    if not extraction.file_kind(info.filename):
                        raise ValidationError(_(
                            "Unknown file type «%(ext)s»: choose PDF, DOCX, ODT, RTF, HTML "
                            "or TXT.") % {"ext": info.filename.rsplit("/", 1)[-1]})
                    if extract_files:
                        row.extracted = extraction.extract(archive.read(info), info.filename)
                except ValidationError as exc:
                    errors.extend(exc.messages)
        row.values = v
        rows.append(row)
    return rows


def unlisted_files(archive: zipfile.ZipFile, rows: list[Row]) -> list[str]:
    """Files in the ZIP that no row names (the metadata table itself aside)."""
    used = {r.member for r in rows}
    return [name for name in _members(archive)
            if name not in used and not name.rsplit("/", 1)[-1].lower().startswith(
                ("metadata.", "метадані."))]


def import_zip(archive: zipfile.ZipFile, table: Table, *, network, by=None,
               progress: Progress | None = None) -> dict:
    """Check every row (extracting each file's text), then write every document or none.
    Raises ImportFailed with the row errors. Returns the report."""
    total = len(table.rows)
    done = 0

    def step():
        nonlocal done
        done += 1
        if progress and (done % 5 == 0 or done == total):
            progress(done, total)

    rows = []
    for row in check_rows(archive, table, network=network, extract_files=False):
        rows.append(row)
    # Extract file by file (the slow part), reporting progress as it goes.
    for row in rows:
        if not row.errors and row.member:
            try:
                row.extracted = extraction.extract(archive.read(row.member), row.member)
            except ValidationError as exc:
                row.errors.extend(exc.messages)
        step()
    failed = [r for r in rows if r.errors]
    if failed:
        raise ImportFailed([_row_error(r.number, " ".join(r.errors), r.values.get("file", ""))
                            for r in failed][:MAX_ROW_ERRORS])
    saved_files: list[str] = []
    ids = []
    warnings = []
    try:
        with transaction.atomic():
            for row in rows:
                document = _document_from_row(row, network=network, by=by)
                ids.append(document.pk)
                saved_files.append(_save_original(document, archive, row, by=by))
                for message in row.extracted.warnings:
                    warnings.append(_row_error(row.number, message, row.values["file"]))
    except BaseException:
        for name in saved_files:  # the rows are gone with the transaction; so go the files
            default_storage.delete(name)
        raise
    _after_import(ids)
    return {"created": len(ids), "updated": 0, "skipped": 0,
            "articles": Article.objects.filter(document_id__in=ids).count(),
            "warnings": warnings[:MAX_ROW_ERRORS],
            "unlisted_files": unlisted_files(archive, rows)[:100], "ids": ids[:1000]}


def _document_from_row(row: Row, *, network, by) -> Document:
    v = row.values
    extracted = row.extracted
    document = Document.objects.create(
        network=network, collection=v["collection"], kind=v["kind"], level=v["level"],
        issuer=v["issuer"], number=v["number"], adopted_on=v["adopted_on"], title=v["title"],
        status=v["status"], in_force_from=v["in_force_from"],
        lost_force_on=v["lost_force_on"], source_url=v["source_url"],
        territory=v["territory"], tags=v["tags"], is_published=v["published"],
        text_layer_missing=extracted.text_layer_missing, created_by=by)
    Article.objects.bulk_create(_articles(document.pk, extraction.split_articles(extracted.text)),
                                batch_size=500)
    return document


def _articles(document_id: int, parts) -> list[Article]:
    articles = []
    for position, (ref, title, text) in enumerate(parts):
        if len(title) > 1000:  # the body keeps what the title cannot
            title, text = title[:999] + "…", title + "\n" + text
        articles.append(Article(document_id=document_id, position=position, ref=ref[:40],
                                title=title, text=text))
    return articles


def _save_original(document: Document, archive: zipfile.ZipFile, row: Row, *, by) -> str:
    import hashlib

    data = archive.read(row.member)
    name = row.member.rsplit("/", 1)[-1]
    stored = DocumentFile(document=document, original_name=name[:255], size=len(data),
                          sha256=hashlib.sha256(data).hexdigest(),
                          encoding=row.extracted.encoding[:20], uploaded_by=by,
                          content_type=_CONTENT_TYPES.get(row.extracted.file_kind, ""))
    stored.file.save(name, ContentFile(data), save=False)
    stored.save()
    return stored.file.name


_CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "odt": "application/vnd.oasis.opendocument.text",
    "rtf": "application/rtf",
    "html": "text/html",
    "txt": "text/plain",
}


# --- the legislation corpus ------------------------------------------------------------------

def corpus_acts(path) -> Iterator[tuple[int, dict | None, str]]:
    """(line number, act, error) for each line of the JSONL.gz file, read as a stream."""
    opener = gzip.open if str(path).endswith(".gz") else open
    try:
        with opener(path, "rt", encoding="utf-8") as lines:
            for n, line in enumerate(lines, start=1):
                if not line.strip():
                    continue
                try:
                    act = json.loads(line)
                    if not isinstance(act, dict) or not act.get("number"):
                        raise ValueError
                except ValueError:
                    yield n, None, _("Line %(n)s is not an act in the corpus format.") % {"n": n}
                    continue
                yield n, act, ""
    except (OSError, EOFError, UnicodeDecodeError) as exc:
        raise ImportFailed([_row_error(None, _("The corpus file cannot be read: %(error)s") % {
            "error": str(exc)[:200]})]) from exc


def corpus_size(path) -> int:
    """The number of acts (lines) in the corpus file, counted without parsing."""
    opener = gzip.open if str(path).endswith(".gz") else open
    count = 0
    try:
        with opener(path, "rb") as raw:
            while block := raw.read(1 << 20):
                count += block.count(b"\n")
    except (OSError, EOFError):
        return 0
    return count


_TITLE_LINE = re.compile(r"^\s*(Про\s.+)$", re.MULTILINE)
_CODE_NAME = re.compile(
    r"(?:^|\n)\s*(?:\d+\.\s*)?((?:[А-ЯІЇЄҐ][\w’'-]*\s+)?(?:[\w’'-]+\s+){0,2}?[Кк]одекс"
    r"(?:\s+[\w’'-]+){0,5}?\s+України)\s+(?:визначає|регулює|регламентує|встановлює)")
_CODE_WORD = re.compile(r"\bкодекс\b", re.IGNORECASE)


def corpus_title(act: dict) -> str:
    """The act's title; when the corpus has none, the official title of a well-known act
    (titles.py), the "Про …" line at the head of its text,
    the code's name as its first article gives it, else the short name or the number."""
    if act.get("title"):
        return " ".join(act["title"].split())
    if act.get("number") in KNOWN_TITLES:
        return KNOWN_TITLES[act["number"]]
    articles = act.get("articles") or []
    first = articles[0] if articles else {}
    text = (first.get("text") or "")[:3000]
    if first.get("ref") == "art0":
        match = _TITLE_LINE.search(text)
        if match:
            lines = [match.group(1).strip()]
            for line in text[match.end():].split("\n")[1:6]:  # a title wrapped over lines
                line = line.strip()
                if not line or line.startswith(("(", "{", "[")) or len(" ".join(lines)) > 300:
                    break
                lines.append(line)
            return " ".join(" ".join(lines).split())
        for line in text.split("\n")[:5]:
            line = line.strip()
            if line and not line.startswith(("(", "{", "[")):
                return line
    match = _CODE_NAME.search(text)
    if match:
        return " ".join(match.group(1).split())
    if act.get("short_name"):
        return act["short_name"]
    return _("Act No. %(number)s") % {"number": act["number"]}


def corpus_kind(title: str, short_name: str | None) -> str:
    """A code when its name says "кодекс" (an act "Про затвердження Кодексу …" is not one)."""
    for name in (title, short_name or ""):
        if _CODE_WORD.search(name) and not name.startswith("Про "):
            return Document.Kind.CODE
    return Document.Kind.LAW


CORPUS_STATUS = {
    "in_force": Document.Status.IN_FORCE,
    # Adopted, in force later: "in force" with a tag saying not yet (the model has no such status).
    "not_yet_in_force": Document.Status.IN_FORCE,
    "lost_force": Document.Status.LOST_FORCE,
    "not_in_force": Document.Status.LOST_FORCE,
    "repealed": Document.Status.LOST_FORCE,
    "draft": Document.Status.DRAFT,
}


def corpus_document(act: dict, *, network) -> Document:
    """The Document an act of the corpus becomes (not saved). Raises ValueError on a bad value."""
    status = act.get("status") or "in_force"
    if status not in CORPUS_STATUS:
        raise ValueError(_("unknown status «%(value)s»") % {"value": str(status)[:40]})
    adopted = act.get("date")
    try:
        adopted_on = date.fromisoformat(adopted) if adopted else None
    except (TypeError, ValueError):
        raise ValueError(_("«%(value)s» is not a date") % {"value": str(adopted)[:40]}) from None
    title = corpus_title(act)
    short_name = act.get("short_name") or ""
    number = str(act["number"])[:60]
    return Document(
        network=network, collection=Document.Collection.ACTS,
        kind=corpus_kind(title, short_name), level=Document.Level.STATE, issuer=STATE_ISSUER,
        number=number, number_key=number_key(number), adopted_on=adopted_on,
        title=title[:500], short_name=short_name[:100], status=CORPUS_STATUS[status],
        tags="не набрав чинності" if status == "not_yet_in_force" else "",
        source_url=(act.get("url") or "")[:500], is_published=True)


def _corpus_articles(act: dict) -> list[tuple[str, str, str]]:
    return [(a.get("ref") or "", a.get("title") or "", a.get("text") or "")
            for a in act.get("articles") or []]


CORPUS_FIELDS = ["kind", "level", "issuer", "number", "number_key", "adopted_on", "title",
                 "short_name", "status", "tags", "source_url", "is_published", "updated_at"]


def import_corpus(path, *, network=None, limit: int | None = None, existing: str = "skip",
                  progress: Progress | None = None, total: int | None = None,
                  index: bool = True) -> dict:
    """Import the acts of a corpus file in one transaction. An act whose number is already
    among the target's documents is skipped (existing="skip"), or has its fields and
    articles replaced (existing="update") unless a person has checked its text. Raises
    ImportFailed (nothing written) on a malformed line or value. Returns the report."""
    if existing not in ("skip", "update"):
        raise ValueError(existing)
    if total is None:
        total = corpus_size(path)
    if limit is not None:
        total = min(total, limit)
    created = updated = skipped = articles = 0
    ids: list[int] = []
    errors: list[dict] = []
    seen: set[str] = set()
    now = timezone.now()
    with transaction.atomic():
        known = {key: (pk, checked) for key, pk, checked in Document.objects.filter(
            network=network, collection=Document.Collection.ACTS).exclude(number_key="")
            .values_list("number_key", "pk", "text_checked")}
        chunk: list[tuple[Document, dict, int | None]] = []

        def flush():
            nonlocal created, updated, articles
            if errors:  # the batch fails anyway: stop writing, keep reading for the report
                chunk.clear()
                return
            new = [d for d, _act, pk in chunk if pk is None]
            Document.objects.bulk_create(new, batch_size=500)
            replaced = []
            for document, _act, pk in chunk:
                if pk is not None:
                    document.pk = pk
                    document.updated_at = now
                    replaced.append(document)
            for document in replaced:  # one UPDATE each: bulk_update's CASE is far slower
                Document.objects.filter(pk=document.pk).update(
                    **{name: getattr(document, name) for name in CORPUS_FIELDS})
            if replaced:
                # A raw delete: the audit trail would otherwise load and log every article.
                old = Article.objects.filter(document_id__in=[d.pk for d in replaced])
                old._raw_delete(old.db)
            rows = []
            for document, act, _pk in chunk:
                rows.extend(_articles(document.pk, _corpus_articles(act)))
                ids.append(document.pk)
            Article.objects.bulk_create(rows, batch_size=1000)
            created += len(new)
            updated += len(replaced)
            articles += len(rows)
            chunk.clear()

        done = 0
        for n, act, error in corpus_acts(path):
            if limit is not None and done >= limit:
                break
            done += 1
            if error:
                errors.append(_row_error(n, error))
            else:
                try:
                    document = corpus_document(act, network=network)
                except ValueError as exc:
                    errors.append(_row_error(n, f"{act['number']}: {exc}"))
                    document = None
                if document is not None:
                    key = document.number_key
                    if key in seen:
                        skipped += 1  # the same act twice in the file: the first one counts
                    elif key in known and (existing == "skip" or known[key][1]):
                        skipped += 1
                    else:
                        seen.add(key)
                        chunk.append((document, act, known[key][0] if key in known else None))
            if len(errors) >= MAX_ROW_ERRORS:
                break
            if len(chunk) >= CORPUS_CHUNK:
                flush()
            if progress and (done % 100 == 0):
                progress(done, total)
        flush()
        if errors:
            raise ImportFailed(errors)
    if progress:
        progress(done, max(total, done))
    if index:
        _after_import(ids)
    from . import indexing

    indexing.after_bulk_write()  # a corpus is many rows at once
    return {"created": created, "updated": updated, "skipped": skipped, "articles": articles,
            "acts": done, "warnings": [], "unlisted_files": [], "ids": ids[:1000]}


# --- batches ---------------------------------------------------------------------------------

def upload_dir(token: str) -> Path:
    return Path(settings.MEDIA_ROOT) / "document-imports" / token


def batch_create(*, network, kind: str, source: str, upload: dict, by=None) -> ImportBatch:
    """A queued batch; `upload` names the stored files: {"dir": token, "zip": name,
    "metadata": name} or {"dir": token, "corpus": name} or {"path": a corpus on disk}."""
    return ImportBatch.objects.create(network=network, kind=kind, source=source[:255],
                                      created_by=by, report={"upload": upload})


def batch_run(batch_id: int, *, progress: Progress | None = None) -> ImportBatch:
    """Run a queued batch: state "running", progress in the cache, then "done" with the
    report, or "failed" with the reasons and nothing imported."""
    from auditlog.models import LogEntry

    batch = ImportBatch.objects.select_related("network").get(pk=batch_id)
    if batch.state != ImportBatch.State.QUEUED:
        return batch
    upload = batch.report.get("upload", {})
    batch.state = ImportBatch.State.RUNNING
    batch.started_at = timezone.now()
    batch.save(update_fields=["state", "started_at"])

    def report_progress(done: int, total: int) -> None:
        progress_set(batch.pk, done, total)
        if progress:
            progress(done, total)

    folder = upload_dir(upload["dir"]) if upload.get("dir") else None
    try:
        with translation.override(settings.LANGUAGE_CODE):
            if batch.kind == "corpus":
                path = Path(upload["path"]) if upload.get("path") else folder / upload["corpus"]
                total = corpus_size(path)
                if upload.get("limit"):
                    total = min(total, upload["limit"])
                _set_total(batch, total)
                report_progress(0, total)
                report = import_corpus(path, network=batch.network, limit=upload.get("limit"),
                                       existing=upload.get("existing", "skip"),
                                       progress=report_progress, total=total)
            else:
                archive = open_zip(folder / upload["zip"])
                with archive:
                    metadata = None
                    if upload.get("metadata"):
                        metadata = ((folder / upload["metadata"]).read_bytes(), upload["metadata"])
                    table = metadata_table(archive, metadata)
                    _set_total(batch, len(table.rows))
                    report_progress(0, len(table.rows))
                    report = import_zip(archive, table, network=batch.network,
                                        by=batch.created_by, progress=report_progress)
    except ImportFailed as exc:
        return _batch_failed(batch, exc.errors, upload)
    except ValidationError as exc:
        return _batch_failed(batch, [_row_error(None, m) for m in exc.messages], upload)
    except Exception as exc:
        logger.exception("document import %s failed", batch.pk)
        return _batch_failed(batch, [_row_error(None, _("The import stopped on an unexpected "
                                                         "error: %(error)s") % {
            "error": str(exc)[:300]})], upload)
    finally:
        if folder is not None:
            _remove_upload(folder)
    batch.state = ImportBatch.State.DONE
    batch.done = batch.total = max(batch.total, report.get("acts", batch.total))
    batch.finished_at = timezone.now()
    batch.report = {**report, "upload": _public_upload(upload)}
    batch.save(update_fields=["state", "done", "total", "finished_at", "report"])
    cache.delete(_progress_key(batch.pk))
    LogEntry.objects.log_create(
        batch, force_log=True, action=LogEntry.Action.UPDATE,
        changes={"documents imported": [batch.source, str(report["created"] + report["updated"])]},
        additional_data=batch.network.get_additional_data() if batch.network else None)
    return batch


def _set_total(batch: ImportBatch, total: int) -> None:
    batch.total = total
    batch.save(update_fields=["total"])


def _batch_failed(batch: ImportBatch, errors: list[dict], upload: dict) -> ImportBatch:
    batch.state = ImportBatch.State.FAILED
    batch.done = 0
    batch.finished_at = timezone.now()
    batch.report = {"errors": errors[:MAX_ROW_ERRORS], "error_count": len(errors),
                    "upload": _public_upload(upload)}
    batch.save(update_fields=["state", "done", "finished_at", "report"])
    cache.delete(_progress_key(batch.pk))
    return batch


def _public_upload(upload: dict) -> dict:
    return {k: v for k, v in upload.items() if k != "dir"}


def _remove_upload(folder: Path) -> None:
    import shutil

    shutil.rmtree(folder, ignore_errors=True)


def upload_discard(token: str) -> None:
    """Remove an upload that will not be imported."""
    _remove_upload(upload_dir(token))


def store_upload(token: str, upload, name: str) -> str:
    """Copy an uploaded file into the batch's folder chunk by chunk (never all in memory)."""
    folder = upload_dir(token)
    folder.mkdir(parents=True, exist_ok=True)
    safe = re.sub(r"[^\w.-]+", "_", name.rsplit("/", 1)[-1].rsplit("\\", 1)[-1])[-100:] or "upload"
    with open(folder / safe, "wb") as out:
        for piece in upload.chunks():
            out.write(piece)
    return safe


def preview_zip(token: str, zip_name: str, metadata_name: str, *, network) -> dict:
    """What the preview page shows: every row checked (files found and of a known type)."""
    folder = upload_dir(token)
    with open_zip(folder / zip_name) as archive:
        metadata = None
        if metadata_name:
            metadata = ((folder / metadata_name).read_bytes(), metadata_name)
        table = metadata_table(archive, metadata)
        rows = check_rows(archive, table, network=network, extract_files=False)
        unlisted = unlisted_files(archive, rows)
    return {"rows": rows, "unlisted": unlisted}


def preview_corpus(path) -> dict:
    """The first acts of a corpus file and how many there are."""
    first = []
    for _n, act, error in corpus_acts(path):
        if error:
            raise ValidationError(error)
        first.append({"number": act["number"], "title": corpus_title(act),
                      "articles": len(act.get("articles") or [])})
        if len(first) >= 10:
            break
    if not first:
        raise ValidationError(_("The corpus file has no acts."))
    return {"acts": first, "total": corpus_size(path)}
