"""Tables people upload: a CSV or XLSX file as a header row and data rows of text.

CSV in UTF-8 (with or without BOM), UTF-16 (Excel's "Unicode text") or Windows-1251
(what older catalogue systems and Excel export), with any usual delimiter.
"""

import csv
import io
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

MAX_BYTES = 10 * 1024 * 1024
MAX_ROWS = 50_000


class _Semicolon(csv.excel):
    delimiter = ";"


@dataclass
class Table:
    headers: list[str]
    rows: list[list[str]]


def read_table(data: bytes, filename: str) -> Table:
    """The file's header row and data rows as text. Raises ValidationError on a file
    that is not a readable CSV or XLSX."""
    if len(data) > MAX_BYTES:
        raise ValidationError(_("The file is larger than 10 MB."))
    if filename.lower().endswith(".xlsx"):
        return _read_xlsx(data)
    if filename.lower().endswith((".csv", ".txt")):
        return _read_csv(data)
    raise ValidationError(_("Choose a CSV or XLSX file."))


def decode_text(data: bytes) -> str:
    wrong = ValidationError(_("The file's encoding is neither UTF-8 nor Windows-1251."))
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):  # Excel's "Unicode text"
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise wrong from exc
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            try:
                # Windows' Cyrillic: what older catalogue systems and Excel export.
                text = data.decode("cp1251")
            except UnicodeDecodeError as exc:
                raise wrong from exc
    # Control characters mean a binary file, or text in some other encoding.
    if any(ord(ch) < 32 and ch not in "\t\r\n" for ch in text):
        raise wrong
    return text


def _read_csv(data: bytes) -> Table:
    text = decode_text(data)
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=";,\t")
    except csv.Error:
        dialect = _Semicolon  # what Excel writes where the decimal mark is a comma
    rows = [[cell.strip() for cell in row] for row in csv.reader(io.StringIO(text), dialect)]
    return _table(rows)


def _read_xlsx(data: bytes) -> Table:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a broken file
        raise ValidationError(_("The XLSX file cannot be read.")) from exc
    sheet = workbook.worksheets[0]
    rows = []
    for row in sheet.iter_rows(values_only=True):
        rows.append(["" if v is None else (str(int(v)) if isinstance(v, float) and v.is_integer()
                                           else str(v)).strip() for v in row])
    workbook.close()
    return _table(rows)


def _table(rows: list[list[str]]) -> Table:
    rows = [r for r in rows if any(r)]
    if len(rows) < 2:
        raise ValidationError(_("The file has no rows under the header."))
    if len(rows) - 1 > MAX_ROWS:
        raise ValidationError(_("The file has more than %(n)s rows.") % {"n": MAX_ROWS})
    width = len(rows[0])
    return Table(headers=rows[0], rows=[(r + [""] * width)[:width] for r in rows[1:]])
