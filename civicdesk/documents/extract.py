"""Text out of an uploaded document: PDF, DOCX, ODT, RTF, HTML or TXT, with pure-Python
libraries only, and the long act split into its articles.

What is refused, with a message a librarian can act on: a file over the size limit
(DOCUMENT_MAX_UPLOAD_MB; views call check_upload_size() before reading the upload), a
PDF that is not one or is protected with a password, a document with macros, an archive
that would unpack to far more than it weighs (a ZIP bomb: DOCX and ODT are ZIP files,
so their sizes are checked from the archive's directory before anything is unpacked),
and any other file type. A PDF without a text layer (a scan) is not refused: it comes
back flagged, for a person to type the text.
"""

import io
import re
import unicodedata
import zipfile
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

# An archive (a ZIP upload, a DOCX or an ODT) may unpack to at most this much, and no
# member larger than ZIP_RATIO_FROM may be compressed more than ZIP_MAX_RATIO times: real
# documents compress 3–20 times, a bomb thousands of times.
ZIP_MAX_TOTAL = 200 * 1024 * 1024
ZIP_MAX_RATIO = 100
ZIP_RATIO_FROM = 1024 * 1024
ZIP_MAX_MEMBERS = 10_000

KINDS = {
    ".pdf": "pdf", ".docx": "docx", ".docm": "docx", ".odt": "odt", ".rtf": "rtf",
    ".html": "html", ".htm": "html", ".xhtml": "html", ".txt": "txt", ".text": "txt",
}


@dataclass
class Extracted:
    text: str
    encoding: str  # of a text file (TXT, HTML); "" for the others
    text_layer_missing: bool
    warnings: list[str] = field(default_factory=list)
    file_kind: str = ""  # "pdf", "docx", "odt", "rtf", "html", "txt"


def max_upload_bytes() -> int:
    return settings.DOCUMENT_MAX_UPLOAD_MB * 1024 * 1024


def check_upload_size(size: int) -> None:
    """Refuse a file over DOCUMENT_MAX_UPLOAD_MB from its size alone, before it is read."""
    if size > max_upload_bytes():
        raise ValidationError(_("The file is larger than %(n)s MB.") % {
            "n": settings.DOCUMENT_MAX_UPLOAD_MB})


def file_kind(filename: str, head: bytes = b"") -> str:
    """"pdf", "docx", … from the file's name (and its first bytes); "" when unknown."""
    name = filename.lower()
    dot = name.rfind(".")
    kind = KINDS.get(name[dot:], "") if dot >= 0 else ""
    if not kind and head.startswith(b"%PDF-"):
        kind = "pdf"
    elif not kind and head.lstrip().startswith(b"{\\rtf"):
        kind = "rtf"
    return kind


def extract(data: bytes, filename: str) -> Extracted:
    """The document's text, normalised. Raises ValidationError when the file is refused."""
    check_upload_size(len(data))
    kind = file_kind(filename, data[:16])
    if not kind:
        dot = filename.rfind(".")
        raise ValidationError(
            _("Unknown file type «%(ext)s»: choose PDF, DOCX, ODT, RTF, HTML or TXT.") % {
                "ext": filename[dot:] if dot >= 0 else filename})
    result = _EXTRACTORS[kind](data, filename)
    result.file_kind = kind
    result.text = normalise(result.text)
    return result


def normalise(text: str) -> str:
    """NFC, one kind of line break, no trailing spaces, at most one blank line in a row."""
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n")
    text = text.replace("\x00", "").replace("\u00a0", " ")
    lines = [line.rstrip() for line in text.split("\n")]
    text = "\n".join(lines)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip("\n")


# --- archives --------------------------------------------------------------------------------

def check_zip(archive: zipfile.ZipFile, *, names: bool = False) -> None:
    """Refuse a ZIP bomb from the archive's directory alone (nothing is unpacked): too many
    members, too much in total, or a member compressed suspiciously strongly. zipfile never
    unpacks more than a member's declared size, so checking the declared sizes is enough.
    With names=True also refuse members whose names climb out of a folder or are absolute."""
    members = archive.infolist()
    bomb = ValidationError(
        _("The archive unpacks to more than %(n)s MB or is compressed suspiciously strongly; "
          "it is refused as a possible ZIP bomb.") % {"n": ZIP_MAX_TOTAL // (1024 * 1024)})
    if len(members) > ZIP_MAX_MEMBERS:
        raise bomb
    total = 0
    for info in members:
        total += info.file_size
        if total > ZIP_MAX_TOTAL:
            raise bomb
        if info.file_size > ZIP_RATIO_FROM and (
                info.compress_size == 0 or info.file_size / info.compress_size > ZIP_MAX_RATIO):
            raise bomb
        if names and not safe_member_name(info.filename):
            raise ValidationError(_("The archive contains a file with an unsafe name: "
                                    "«%(name)s».") % {"name": info.filename[:200]})


def safe_member_name(name: str) -> bool:
    if not name or "\x00" in name or name.startswith(("/", "\\")) or re.match(r"^[A-Za-z]:", name):
        return False
    return ".." not in re.split(r"[/\\]", name)


def _open_zip(data: bytes, what: str) -> zipfile.ZipFile:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise _unreadable(what) from exc
    check_zip(archive)
    return archive


def _unreadable(what: str) -> ValidationError:
    return ValidationError(_("The %(kind)s file cannot be read: it is damaged or is not a "
                             "%(kind)s file.") % {"kind": what})


# --- formats ---------------------------------------------------------------------------------

def _pdf(data: bytes, filename: str) -> Extracted:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    not_pdf = ValidationError(_("This is not a PDF file, or it is damaged."))
    if b"%PDF-" not in data[:1024]:
        raise not_pdf
    locked = ValidationError(_("The PDF is protected with a password: save it without the "
                               "password and upload it again."))
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            # A PDF with only an owner password opens without one in any viewer: read it.
            try:
                opened = reader.decrypt("")
            except Exception as exc:  # an algorithm pypdf cannot do without extra libraries
                raise locked from exc
            if not opened:
                raise locked
        pages = []
        for page in reader.pages:
            pages.append(page.extract_text() or "")
    except ValidationError:
        raise
    except (PdfReadError, Exception) as exc:  # pypdf raises many kinds for a broken file
        raise not_pdf from exc
    warnings = []
    empty = sum(1 for text in pages if len("".join(text.split())) < 10)
    missing = not pages or empty == len(pages)
    if missing:
        warnings.append(_("The PDF has no text layer (a scan): type the text or correct it."))
    elif empty:
        warnings.append(_("%(n)s of %(total)s pages have no text (scanned pages?).") % {
            "n": empty, "total": len(pages)})
    # Justified lines come out with runs of spaces between the words.
    text = re.sub(r"[ \t]{2,}", " ", "\n\n".join(pages))
    return Extracted(text=text, encoding="", text_layer_missing=missing,
                     warnings=warnings)


def _refuse_macros(archive: zipfile.ZipFile, filename: str) -> None:
    names = [n.lower() for n in archive.namelist()]
    macros = filename.lower().endswith(".docm") or any(
        n.endswith("vbaproject.bin") or n.startswith(("basic/", "scripts/")) for n in names)
    if not macros and "[content_types].xml" in names:
        types = archive.read(archive.getinfo(
            archive.namelist()[names.index("[content_types].xml")]))
        macros = b"macroEnabled" in types or b"vbaProject" in types
    if macros:
        raise ValidationError(_("The document contains macros (a .docm file or a VBA "
                                "project): save it as an ordinary document without macros "
                                "and upload it again."))


def _docx(data: bytes, filename: str) -> Extracted:
    from docx import Document as WordDocument
    from docx.oxml.ns import qn

    archive = _open_zip(data, "DOCX")
    _refuse_macros(archive, filename)
    try:
        document = WordDocument(io.BytesIO(data))
    except Exception as exc:  # python-docx raises many kinds for a broken file
        raise _unreadable("DOCX") from exc
    lines = []
    paragraph, table = qn("w:p"), qn("w:tbl")
    text_tag, tab, brk = qn("w:t"), qn("w:tab"), qn("w:br")

    def paragraph_text(element) -> str:
        parts = []
        for node in element.iter(text_tag, tab, brk):
            if node.tag == text_tag:
                parts.append(node.text or "")
            else:
                parts.append("\t" if node.tag == tab else "\n")
        return "".join(parts)

    for child in document.element.body.iterchildren():
        if child.tag == paragraph:
            lines.append(paragraph_text(child))
        elif child.tag == table:
            for row in child.iter(qn("w:tr")):
                cells = [" ".join(paragraph_text(p) for p in cell.iter(paragraph)).strip()
                         for cell in row.iter(qn("w:tc"))]
                lines.append(" | ".join(cells))
    return Extracted(text="\n".join(lines), encoding="", text_layer_missing=False)


def _odt(data: bytes, filename: str) -> Extracted:
    from odf import teletype
    from odf.namespaces import TEXTNS
    from odf.opendocument import load

    archive = _open_zip(data, "ODT")
    _refuse_macros(archive, filename)
    try:
        document = load(io.BytesIO(data))
    except Exception as exc:  # odfpy raises many kinds for a broken file
        raise _unreadable("ODT") from exc
    lines: list[str] = []
    blocks = {(TEXTNS, "p"), (TEXTNS, "h")}

    def walk(node):
        for child in node.childNodes:
            if getattr(child, "qname", None) in blocks:
                lines.append(teletype.extractText(child))
            elif child.nodeType == child.ELEMENT_NODE:
                walk(child)

    walk(document.text)
    return Extracted(text="\n".join(lines), encoding="", text_layer_missing=False)


def _rtf(data: bytes, filename: str) -> Extracted:
    from striprtf.striprtf import rtf_to_text

    if not data.lstrip().startswith(b"{\\rtf"):
        raise _unreadable("RTF")
    source = data.decode("latin-1")  # RTF itself is 7-bit; \'xx bytes use its code page
    codepage = re.search(r"\\ansicpg(\d+)", source[:2000])
    encoding = f"cp{codepage.group(1)}" if codepage else "cp1251"
    try:
        "".encode(encoding)
    except LookupError:
        encoding = "cp1251"
    try:
        text = rtf_to_text(source, encoding=encoding, errors="replace")
    except Exception as exc:  # striprtf is a regular-expression parser: anything goes
        raise _unreadable("RTF") from exc
    return Extracted(text=text, encoding="", text_layer_missing=False)


_BLOCK_TAGS = {
    "p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table", "section",
    "article", "header", "footer", "blockquote", "pre", "dt", "dd", "dl", "title", "address",
    "figure", "figcaption", "main", "nav", "aside", "form", "fieldset", "hr", "caption",
}
_DROP_TAGS = ("script", "style", "noscript", "template", "iframe", "object", "svg", "head")


def _html(data: bytes, filename: str) -> Extracted:
    import lxml.html
    from lxml import etree

    declared = re.search(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w-]+)""", data[:4096], re.I)
    text, encoding = None, ""
    if declared and not data.startswith((b"\xff\xfe", b"\xfe\xff", b"\xef\xbb\xbf")):
        encoding = declared.group(1).decode("ascii").lower()
        try:
            text = data.decode(encoding)
        except (LookupError, UnicodeDecodeError):
            text = None
    if text is None:
        text, encoding = decode(data)
    text = re.sub(r"^\s*<\?xml[^>]*\?>", "", text)
    if not text.strip():
        return Extracted(text="", encoding=encoding, text_layer_missing=False)
    try:
        root = lxml.html.document_fromstring(text)
    except (etree.ParserError, ValueError) as exc:
        raise _unreadable("HTML") from exc
    title = root.findtext(".//title") or ""
    for element in list(root.iter(*_DROP_TAGS)):
        element.drop_tree()
    for element in root.iter():
        if not isinstance(element.tag, str):
            element.text = ""  # a comment
            continue
        if element.tag != "pre":
            element.text = _spaces(element.text)
        element.tail = _spaces(element.tail)
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        if element.tag == "br":
            element.tail = "\n" + (element.tail or "")
        elif element.tag in ("td", "th"):
            element.tail = " | " + (element.tail or "")
        elif element.tag in _BLOCK_TAGS:
            element.text = "\n" + (element.text or "")
            element.tail = "\n" + (element.tail or "")
    body = root.text_content()
    lines = [re.sub(r"(\s*\|\s*)+$", "", line).strip(" \t") for line in body.split("\n")]
    text = "\n".join(line for line in lines if line)  # a paragraph is a line
    if title.strip() and not text.strip():
        text = title
    return Extracted(text=text, encoding=encoding, text_layer_missing=False)


def _spaces(value: str | None) -> str | None:
    return re.sub(r"\s+", " ", value) if value else value


def _txt(data: bytes, filename: str) -> Extracted:
    text, encoding = decode(data)
    if any(ord(ch) < 32 and ch not in "\t\r\n\f" for ch in text[:100_000]):
        raise ValidationError(_("This is not a text file, or its encoding is neither UTF-8, "
                                "UTF-16 nor Windows-1251."))
    return Extracted(text=text, encoding=encoding, text_layer_missing=False)


_EXTRACTORS = {"pdf": _pdf, "docx": _docx, "odt": _odt, "rtf": _rtf, "html": _html,
               "txt": _txt}


# --- encodings -------------------------------------------------------------------------------

_WORD = re.compile(r"[^\W\d_]+")


def _cyrillic_score(text: str) -> float:
    """How much the text reads like Cyrillic prose: letters of words written as words are
    (все малими, З великої, ВСЕ ВЕЛИКИМИ), minus letters of words like "рАДИ", minus
    pseudographics. A text all in capitals is ambiguous (KOI8-U swaps the cases of
    Windows-1251); a tie goes to Windows-1251, by far the more common."""
    score = 0.0
    for word in _WORD.findall(text):
        cyrillic = sum(1 for ch in word if "\u0400" <= ch <= "\u04ff")
        if not cyrillic:
            continue
        if word.islower() or word.isupper() or (word[0].isupper() and word[1:].islower()):
            score += cyrillic
        else:
            score -= cyrillic
    return score - 3 * sum(1 for ch in text if "\u2500" <= ch <= "\u25ff" or ch == "\ufffd")


def decode(data: bytes) -> tuple[str, str]:
    """The text and the encoding it was in: a BOM (UTF-8, UTF-16) decides; else UTF-8 when
    the bytes are valid UTF-8; else whichever of Windows-1251, KOI8-U and DOS 866 reads as
    the most lowercase Cyrillic (in real text most letters are lowercase; read in the wrong
    one of these code pages, the same bytes come out as capitals or pseudographics).

    charset-normalizer was tried and not taken: on short Ukrainian texts it guesses Big5
    or Shift-JIS for cp1251."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace"), "utf-16"
    sample = data[:4000]
    if len(sample) >= 4 and sample[1::2].count(0) > len(sample) // 4:
        return data.decode("utf-16-le", errors="replace"), "utf-16-le"
    if len(sample) >= 4 and sample[0::2].count(0) > len(sample) // 4:
        return data.decode("utf-16-be", errors="replace"), "utf-16-be"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    best, best_score = "cp1251", None
    head = data[:100_000]
    for encoding in ("cp1251", "koi8_u", "cp866"):
        score = _cyrillic_score(head.decode(encoding, errors="replace"))
        if best_score is None or score > best_score:
            best, best_score = encoding, score
    return data.decode(best, errors="replace"), best.replace("_", "-")


# --- articles --------------------------------------------------------------------------------

ARTICLE = re.compile(r"^[ \t]*Стаття[ \t]+(\d+)(?:[-–](\d+))?[ \t]*(?:\.|$)", re.MULTILINE)
PART = re.compile(r"^[ \t]*(?:РОЗДІЛ|Розділ)[ \t]+([IVXLCІХ]+|\d+)\b.*$", re.MULTILINE)
CHAPTER = re.compile(r"^[ \t]*(?:ГЛАВА|Глава)[ \t]+(\d+)\b.*$", re.MULTILINE)
SECTION = re.compile(r"^[ \t]*(\d{1,2})\.[ \t]+([A-ZА-ЯІЇЄҐ'’][^\n.]{1,150})[ \t]*$",
                     re.MULTILINE)
_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}


def _roman(numeral: str) -> int:
    numeral = numeral.upper().replace("І", "I").replace("Х", "X")
    if numeral.isdigit():
        return int(numeral)
    total = 0
    for i, ch in enumerate(numeral):
        value = _ROMAN.get(ch, 0)
        total += -value if i + 1 < len(numeral) and _ROMAN.get(numeral[i + 1], 0) > value \
            else value
    return total


def split_articles(text: str) -> list[tuple[str, str, str]]:
    """(ref, title, body) of each article: at headings "Стаття 20." ("art20") and
    "Стаття 20-1." ("art20-1"); without articles at "Розділ I" or "Глава 1", else at
    numbered section headings such as "1. Загальні положення" ("sec1"). Text before the
    first heading is the "preamble"; a text without headings is one article ("", "", text).
    Refs are unique within the text (a repeated heading gets "_2", "_3")."""
    text = text.strip("\n")
    headings = []  # (start, end of heading line, ref, title)
    articles = list(ARTICLE.finditer(text))
    if articles:
        for m in articles:
            ref = f"art{m.group(1)}" + (f"-{m.group(2)}" if m.group(2) else "")
            headings.append((m.start(), _line_end(text, m.start()), ref))
    else:
        for pattern in (PART, CHAPTER):
            found = list(pattern.finditer(text))
            if len(found) >= 2:
                headings = [(m.start(), _line_end(text, m.start()), f"sec{_roman(m.group(1))}")
                            for m in found]
                break
        else:
            found = _numbered_sections(text)
            if len(found) >= 2:
                headings = [(m.start(), _line_end(text, m.start()), f"sec{m.group(1)}")
                            for m in found]
    if not headings:
        return [("", "", text.strip())] if text.strip() else []
    result = []
    preamble = text[:headings[0][0]].strip()
    if preamble:
        result.append(("preamble", "", preamble))
    seen: dict[str, int] = {}
    for i, (start, line_end, ref) in enumerate(headings):
        end = headings[i + 1][0] if i + 1 < len(headings) else len(text)
        title = text[start:line_end].strip()
        body = text[line_end:end].strip()
        seen[ref] = seen.get(ref, 0) + 1
        if seen[ref] > 1:
            ref = f"{ref}_{seen[ref]}"
        result.append((ref, title, body))
    return result


def _line_end(text: str, start: int) -> int:
    end = text.find("\n", start)
    return len(text) if end < 0 else end


def _numbered_sections(text: str) -> list[re.Match]:
    """Headings "1. Загальні положення", "2. Мета …": a short line without a full stop,
    numbered 1, 2, 3 … in order (numbered items of a list end with a full stop or run on)."""
    chosen, expected = [], 1
    for m in SECTION.finditer(text):
        if int(m.group(1)) == expected and len(m.group(2).split()) <= 12:
            chosen.append(m)
            expected += 1
    return chosen
