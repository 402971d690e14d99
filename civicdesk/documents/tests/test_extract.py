"""Text out of each file type, the refusals, and articles out of a long act. Every file
is made here with the libraries that read or write the format: no binary fixtures."""

import io
import zipfile

from django.core.exceptions import ValidationError
from django.utils import translation

import pytest
from docx import Document as WordDocument
from pypdf import PdfReader, PdfWriter

from civicdesk.core.documents import render_docx, render_pdf
from civicdesk.documents import extract as ex
from civicdesk.documents.extract import check_upload_size, decode, extract, split_articles

LINES = [
    "Про звернення громадян",
    "Стаття 1. Право на звернення",
    "Громадяни України мають право звернутися до органів державної влади з пропозиціями "
    "щодо поліпшення їх діяльності, ґрунтовно й по-своєму, з об'єднанням «Їжак».",
]
TEXT = "\n".join(LINES)


@pytest.fixture(autouse=True)
def _ukrainian():
    with translation.override("uk"):
        yield


def refused(data: bytes, name: str) -> str:
    with pytest.raises(ValidationError) as caught:
        extract(data, name)
    return " ".join(caught.value.messages)


def make_pdf(lines=LINES) -> bytes:
    return render_pdf("Закон України", [("p", line) for line in lines])


def make_docx(lines=LINES) -> bytes:
    return render_docx("Закон України", [("p", line) for line in lines])


def make_odt(lines=LINES) -> bytes:
    from odf.opendocument import OpenDocumentText
    from odf.text import H, P

    document = OpenDocumentText()
    document.text.addElement(H(outlinelevel=1, text="Закон України"))
    for line in lines:
        document.text.addElement(P(text=line))
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def flat(text: str) -> str:
    return " ".join(text.split())


def test_pdf():
    result = extract(make_pdf(), "закон.pdf")
    assert result.file_kind == "pdf"
    # A PDF keeps its printed lines: the long paragraph comes back wrapped.
    assert result.text.startswith("Закон України\nПро звернення громадян\nСтаття 1. Право на")
    assert flat(result.text) == flat("Закон України\n" + TEXT)
    assert result.text_layer_missing is False and result.warnings == []


def test_pdf_without_text_layer_is_flagged_not_refused():
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.rect(20, 20, 100, 50, style="F")  # a scan is a picture: no text at all
    result = extract(bytes(pdf.output()), "скан.pdf")
    assert result.text == ""
    assert result.text_layer_missing is True
    assert result.warnings == ["PDF не має текстового шару (це скан): наберіть або виправте текст."]


def test_docx_with_a_table():
    document = WordDocument(io.BytesIO(make_docx()))
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "Графа"
    table.cell(0, 1).text = "Значення"
    out = io.BytesIO()
    document.save(out)
    result = extract(out.getvalue(), "рішення.docx")
    assert result.file_kind == "docx"
    assert result.text == "Закон України\n" + TEXT + "\nГрафа | Значення"


def test_odt():
    result = extract(make_odt(), "рішення.odt")
    assert result.file_kind == "odt"
    assert result.text == "Закон України\n" + TEXT


def test_rtf_with_unicode_escapes_and_cp1251_bytes():
    rtf = (rb"{\rtf1\ansi\ansicpg1251\deff0{\fonttbl{\f0 Times New Roman;}}"
           rb"\f0 \u1056?\u1110?\u1096?\u1077?\u1085?\u1085?\u1103? \'e2\'e8\'ea\'ee\'ed\'ea\'ee\'ec\'f3\par"
           rb"\u1028?\u1075?\u1086?\u1088? \u1110? \u1111?\u1078?\u1072?\u1082?\par}")
    result = extract(rtf, "рішення.rtf")
    assert result.file_kind == "rtf"
    assert result.text == "Рішення виконкому\nЄгор і їжак"


def test_html_drops_scripts_and_keeps_paragraphs_as_lines():
    html = ("<!doctype html><html><head><meta charset='windows-1251'><title>Рішення</title>"
            "<style>p {color: red}</style><script>alert('ні')</script></head><body>"
            "<h1>Про   затвердження\n програми</h1><p>Стаття 1.\n Затвердити <b>програму</b>"
            "</p><div>перший рядок<br>другий рядок</div><noscript>без скриптів</noscript>"
            "<table><tr><td>Захід</td><td>Строк</td></tr></table></body></html>")
    result = extract(html.encode("cp1251"), "рішення.html")
    assert result.file_kind == "html" and result.encoding == "windows-1251"
    assert result.text == ("Про затвердження програми\nСтаття 1. Затвердити програму\n"
                           "перший рядок\nдругий рядок\nЗахід | Строк")


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "cp1251", "koi8-u"])
def test_txt_in_each_encoding(encoding):
    text = TEXT.replace("«", '"').replace("»", '"') if encoding == "koi8-u" else TEXT
    result = extract(text.encode(encoding), "закон.txt")
    assert result.text == text
    assert result.file_kind == "txt"


def test_short_cp1251_words_are_not_taken_for_something_else():
    for word in ("рада", "Ради", "їжак", "ґанок", "Є", "ПРО ЗАТВЕРДЖЕННЯ", "Стаття 1. Право"):
        assert decode(word.encode("cp1251")) == (word, "cp1251")
        assert decode(word.encode("utf-8")) == (word, "utf-8")


def test_text_is_normalised():
    raw = "Стаття 1.  \r\nКиївськии\u0306 \r\n\r\n\r\n\r\nкінець\t \n\n"
    assert extract(raw.encode("utf-8"), "a.txt").text == "Стаття 1.\nКиївський\n\nкінець"


# --- refusals -------------------------------------------------------------------------------

def test_too_large_a_file_is_refused_by_its_size_alone(settings):
    settings.DOCUMENT_MAX_UPLOAD_MB = 50
    with pytest.raises(ValidationError) as caught:
        check_upload_size(200 * 1024 * 1024)  # nothing read: only the declared size
    assert caught.value.messages == ["Файл більший за 50 МБ."]
    check_upload_size(50 * 1024 * 1024)
    settings.DOCUMENT_MAX_UPLOAD_MB = 1
    assert refused(b"x" * (1024 * 1024 + 1), "a.txt") == "Файл більший за 1 МБ."


def test_a_pdf_that_is_not_a_pdf():
    assert refused(b"<html>not a pdf</html>", "закон.pdf") == "Це не PDF-файл, або він пошкоджений."
    assert refused(b"%PDF-1.7\n" + b"\x00garbage" * 50, "закон.pdf") == (
        "Це не PDF-файл, або він пошкоджений.")


def test_a_password_protected_pdf():
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(make_pdf())))
    writer.encrypt(user_password="таємно", owner_password="власник", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    assert refused(out.getvalue(), "закон.pdf") == (
        "PDF захищений паролем: збережіть його без пароля і завантажте ще раз.")


def test_a_pdf_with_only_an_owner_password_opens():
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(make_pdf())))
    writer.encrypt(user_password="", owner_password="власник", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    assert flat(extract(out.getvalue(), "закон.pdf").text) == flat("Закон України\n" + TEXT)


MACROS = ("Документ містить макроси (файл .docm або проєкт VBA): збережіть його як звичайний "
          "документ без макросів і завантажте ще раз.")


def test_a_docx_with_macros():
    source = zipfile.ZipFile(io.BytesIO(make_docx()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            target.writestr(item, source.read(item))
        target.writestr("word/vbaProject.bin", b"\xd0\xcf\x11\xe0 VBA project")
    assert refused(out.getvalue(), "наказ.docx") == MACROS
    assert refused(make_docx(), "наказ.docm") == MACROS


def test_a_zip_bomb_is_refused_before_unpacking():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", b"\0" * (50 * 1024 * 1024))  # 50 MB of zeros
    data = out.getvalue()
    assert len(data) < 100 * 1024  # weighs next to nothing
    message = ("Архів розпаковується у понад 200 МБ або стиснутий підозріло сильно; його "
               "відхилено як можливу ZIP-бомбу.")
    assert refused(data, "бомба.docx") == message
    assert refused(data, "бомба.odt") == message


def test_many_members_adding_up_past_the_limit_are_refused(monkeypatch):
    monkeypatch.setattr(ex, "ZIP_MAX_TOTAL", 1000)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as archive:
        for i in range(3):
            archive.writestr(f"part{i}.xml", b"a" * 400)
    with pytest.raises(ValidationError):
        ex.check_zip(zipfile.ZipFile(io.BytesIO(out.getvalue())))


def test_broken_office_files():
    assert refused(b"PK\x03\x04 not really", "a.docx") == (
        "Файл DOCX не вдається прочитати: він пошкоджений або не є файлом DOCX.")
    assert refused(make_docx(), "a.odt") == (
        "Файл ODT не вдається прочитати: він пошкоджений або не є файлом ODT.")
    assert refused(b"plain text", "a.rtf") == (
        "Файл RTF не вдається прочитати: він пошкоджений або не є файлом RTF.")


def test_unknown_types_and_binary_text():
    assert refused(b"MZ\x90\x00", "setup.exe") == (
        "Невідомий тип файлу «.exe»: оберіть PDF, DOCX, ODT, RTF, HTML або TXT.")
    assert refused(b"\xd0\xcf\x11\xe0", "old.doc") == (
        "Невідомий тип файлу «.doc»: оберіть PDF, DOCX, ODT, RTF, HTML або TXT.")
    assert refused(b"\x01\x02\x03\x04\x05binary", "a.txt") == (
        "Це не текстовий файл, або його кодування не UTF-8, UTF-16 і не Windows-1251.")


# --- articles -------------------------------------------------------------------------------

def test_an_act_is_split_at_its_articles_with_a_preamble():
    text = ("Цей Закон визначає порядок.\n\nСтаття 1. Визначення термінів\n1. У цьому Законі…\n"
            "Стаття 20. Строк розгляду\nНе більше 5 днів.\nСтаття 20-1. Відстрочка\nДо 20 днів.\n"
            "Стаття 21\nБез назви.")
    assert split_articles(text) == [
        ("preamble", "", "Цей Закон визначає порядок."),
        ("art1", "Стаття 1. Визначення термінів", "1. У цьому Законі…"),
        ("art20", "Стаття 20. Строк розгляду", "Не більше 5 днів."),
        ("art20-1", "Стаття 20-1. Відстрочка", "До 20 днів."),
        ("art21", "Стаття 21", "Без назви."),
    ]


def test_mentions_of_an_article_inside_a_line_do_not_split():
    text = "Стаття 1. Мета\nвідповідно до статті 5 цього Закону\nСтаття 5 цього Закону діє."
    assert [ref for ref, _, _ in split_articles(text)] == ["art1"]


def test_a_regulation_is_split_at_numbered_sections():
    text = ("ПОЛОЖЕННЯ про центр\n1. Загальні положення\n1.1. Центр є підрозділом бібліотеки.\n"
            "2. Завдання центру\n2.1. Надає доступ.\n3. Інше\nУсе інше.")
    assert split_articles(text) == [
        ("preamble", "", "ПОЛОЖЕННЯ про центр"),
        ("sec1", "1. Загальні положення", "1.1. Центр є підрозділом бібліотеки."),
        ("sec2", "2. Завдання центру", "2.1. Надає доступ."),
        ("sec3", "3. Інше", "Усе інше."),
    ]


def test_parts_and_chapters():
    assert split_articles("Розділ I. Загальні\nа\nРОЗДІЛ II\nб\nРозділ IV\nв") == [
        ("sec1", "Розділ I. Загальні", "а"), ("sec2", "РОЗДІЛ II", "б"), ("sec4", "Розділ IV", "в")]
    assert [r for r, _, _ in split_articles("Глава 1. Перша\nа\nГлава 2. Друга\nб")] == [
        "sec1", "sec2"]


def test_a_short_text_without_headings_is_one_article():
    assert split_articles("Наказ про графік роботи.\nДиректор") == [
        ("", "", "Наказ про графік роботи.\nДиректор")]
    assert split_articles("") == []


def test_a_repeated_heading_gets_a_unique_ref():
    refs = [r for r, _, _ in split_articles("Стаття 1. А\nа\nСтаття 1. А\nб\nСтаття 2. Б\nв")]
    assert refs == ["art1", "art1_2", "art2"]
