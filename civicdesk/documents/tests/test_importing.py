"""Bulk import: a ZIP of files with a metadata table, the legislation corpus, batches with
progress, the import pages and the import_legislation command."""

import gzip
import io
import json
import os
import zipfile
from pathlib import Path

from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

import pytest
from openpyxl import Workbook

from civicdesk.core.documents import render_docx, render_pdf
from civicdesk.documents import importing
from civicdesk.documents.demo import SAMPLE
from civicdesk.documents.models import Article, Document, DocumentFile, ImportBatch

pytestmark = pytest.mark.django_db


METADATA = (
    "file;kind;level;issuer;number;adopted_on;title;status;published;tags\n"
    "rishennia.docx;рішення виконкому;місцевий;Виконавчий комітет Сарненської міської ради;"
    "125;14.03.2024;Про затвердження програми цифровізації;чинний;так;цифровізація\n"
    "polozhennia.txt;regulation;local;Сарненська ЦРБ;;2023-09-01;Положення про ЦОГ ЕІ;in_force;"
    "ні;\n"
    "nakaz.pdf;наказ;local;Сарненська ЦРБ;12-о;01.02.2024;Про графік роботи центру;;;\n"
)
REGULATION = ("ПОЛОЖЕННЯ про центр\n1. Загальні положення\n1.1. Центр є структурним підрозділом.\n"
              "2. Завдання центру\n2.1. Надає доступ до електронних послуг.")


@pytest.fixture(autouse=True)
def _media(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    with translation.override("uk"):
        yield


def make_zip(files: dict[str, bytes], metadata: str | None = METADATA) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        if metadata is not None:
            archive.writestr("metadata.csv", metadata.encode("utf-8-sig"))
        for name, data in files.items():
            archive.writestr(name, data)
    return out.getvalue()


def good_files() -> dict[str, bytes]:
    return {
        "rishennia.docx": render_docx("Рішення № 125", [
            ("p", "Про затвердження програми цифровізації"),
            ("p", "Стаття 1. Затвердити програму."), ("p", "Стаття 2. Контроль покласти на заступника.")]),
        "polozhennia.txt": REGULATION.encode("cp1251"),
        "nakaz.pdf": render_pdf("Наказ № 12-о", [("p", "Про графік роботи центру у 2024 році.")]),
    }


def run_zip(world, data: bytes, metadata: tuple[bytes, str] | None = None) -> ImportBatch:
    token = "t" + os.urandom(6).hex()
    folder = importing.upload_dir(token)
    folder.mkdir(parents=True)
    (folder / "docs.zip").write_bytes(data)
    upload = {"dir": token, "kind": "zip", "zip": "docs.zip"}
    if metadata:
        (folder / metadata[1]).write_bytes(metadata[0])
        upload["metadata"] = metadata[1]
    batch = importing.batch_create(network=world.central.network, kind="zip", source="docs.zip",
                                   upload=upload, by=world.users["director"])
    batch = importing.batch_run(batch.pk)
    assert not folder.exists()  # the upload is removed once the batch has run
    return batch


# --- ZIP with metadata -----------------------------------------------------------------------

def test_a_zip_with_metadata_csv_imports_every_document(world):
    batch = run_zip(world, make_zip(good_files()))
    assert batch.state == "done", batch.report
    assert (batch.done, batch.total) == (3, 3)
    assert batch.report["created"] == 3 and batch.report["unlisted_files"] == []
    decision = Document.objects.get(number="125")
    assert decision.network == world.central.network
    assert (decision.kind, decision.level, decision.status) == ("executive", "local", "in_force")
    assert str(decision.adopted_on) == "2024-03-14" and decision.tags == "цифровізація"
    assert decision.is_published is True and decision.created_by == world.users["director"]
    assert list(decision.articles.values_list("ref", "title")) == [
        ("preamble", ""), ("art1", "Стаття 1. Затвердити програму."),
        ("art2", "Стаття 2. Контроль покласти на заступника.")]
    regulation = Document.objects.get(title="Положення про ЦОГ ЕІ")
    assert regulation.is_published is False and regulation.kind == "regulation"
    assert [a.ref for a in regulation.articles.all()] == ["preamble", "sec1", "sec2"]
    assert regulation.articles.get(ref="sec2").text == "2.1. Надає доступ до електронних послуг."
    stored = regulation.files.get()
    assert (stored.original_name, stored.encoding) == ("polozhennia.txt", "cp1251")
    assert stored.file.read() == REGULATION.encode("cp1251")
    order = Document.objects.get(number="12-о")
    assert order.kind == "order" and "графік роботи" in order.articles.get().text


def test_one_bad_row_imports_nothing_and_names_the_row(world):
    metadata = METADATA.replace("наказ;local", "указівка;local").replace("14.03.2024", "31.02.2024")
    batch = run_zip(world, make_zip(good_files(), metadata))
    assert batch.state == "failed" and batch.done == 0
    assert batch.report["errors"] == [
        {"row": 2, "file": "rishennia.docx",
         "message": "«31.02.2024» не є датою (ДД.ММ.РРРР або РРРР-ММ-ДД)."},
        {"row": 4, "file": "nakaz.pdf",
         "message": "Невідомий вид «указівка»: law, code, decree, resolution, order, council, "
                    "executive, program, plan, regulation або other."},
    ]
    assert Document.objects.count() == 0 and Article.objects.count() == 0
    assert DocumentFile.objects.count() == 0


def test_a_file_refused_by_extraction_fails_the_batch(world, settings):
    files = good_files()
    files["nakaz.pdf"] = b"<html>this is not a pdf</html>"
    batch = run_zip(world, make_zip(files))
    assert batch.state == "failed"
    assert batch.report["errors"] == [{"row": 4, "file": "nakaz.pdf",
                                       "message": "Це не PDF-файл, або він пошкоджений."}]
    assert Document.objects.count() == 0
    media = Path(settings.MEDIA_ROOT) / "documents"
    assert not media.exists() or not any(p.is_file() for p in media.rglob("*"))


def test_missing_files_and_duplicates_within_the_batch(world):
    files = good_files()
    del files["nakaz.pdf"]
    metadata = METADATA + ("rishennia2.txt;executive;local;Виконавчий комітет Сарненської міської "
                           "ради;125;15.03.2024;Те саме рішення;;;\n")
    files["rishennia2.txt"] = "Текст".encode()
    batch = run_zip(world, make_zip(files, metadata))
    assert batch.state == "failed"
    assert [(e["row"], e["message"]) for e in batch.report["errors"]] == [
        (4, "Файлу «nakaz.pdf» немає в ZIP."),
        (5, "Той самий номер, що й у рядку 2.")]
    assert Document.objects.count() == 0


def test_metadata_xlsx_next_to_the_zip_with_ukrainian_columns(world):
    book = Workbook()
    sheet = book.active
    sheet.append(["Файл", "Вид", "Номер", "Дата прийняття", "Назва", "Опубліковано"])
    sheet.append(["docs/polozhennia.txt", "положення", "", "01.09.2023", "Положення про ЦОГ ЕІ", "так"])
    out = io.BytesIO()
    book.save(out)
    data = make_zip({"docs/polozhennia.txt": REGULATION.encode("utf-8")}, metadata=None)
    batch = run_zip(world, data, metadata=(out.getvalue(), "метадані.xlsx"))
    assert batch.state == "done", batch.report
    document = Document.objects.get()
    assert (document.kind, str(document.adopted_on)) == ("regulation", "2023-09-01")


def test_a_zip_without_metadata_is_refused(world):
    batch = run_zip(world, make_zip(good_files(), metadata=None))
    assert batch.state == "failed"
    assert batch.report["errors"][0]["message"].startswith("У ZIP немає metadata.csv")


@pytest.mark.parametrize("name", ["../evil.txt", "/etc/passwd", "docs/../../evil.txt", "C:/evil.txt"])
def test_path_tricks_in_the_zip_are_refused(world, name):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("metadata.csv", "file;title\nevil.txt;Зло\n")
        archive.writestr(name, "текст")
    batch = run_zip(world, out.getvalue())
    assert batch.state == "failed"
    assert batch.report["errors"][0]["message"].startswith("Архів містить файл з небезпечною назвою")
    assert Document.objects.count() == 0


def test_a_zip_bomb_upload_is_refused(world):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("metadata.csv", "file;title\na.txt;А\n")
        archive.writestr("a.txt", b" " * (20 * 1024 * 1024))  # 20 MB in ~20 KB
    batch = run_zip(world, out.getvalue())
    assert batch.state == "failed"
    assert "ZIP-бомбу" in batch.report["errors"][0]["message"]


# --- the legislation corpus ------------------------------------------------------------------

@pytest.fixture(scope="session")
def corpus_head() -> Path:
    """40 real acts of the national corpus, shipped with the app (data/README.md)."""
    return SAMPLE


def acts(path: Path) -> list[dict]:
    with gzip.open(path, "rt", encoding="utf-8") as lines:
        return [json.loads(line) for line in lines]


def test_the_corpus_imports_as_shared_state_acts(corpus_head):
    report = importing.import_corpus(corpus_head)
    expected = acts(corpus_head)
    assert report["created"] == 40 and report["skipped"] == 0
    assert Document.objects.count() == 40
    assert Article.objects.count() == report["articles"] == sum(len(a["articles"]) for a in expected)
    constitution = Document.objects.get(number="254к/96-ВР")
    assert constitution.network is None and constitution.collection == "acts"
    assert (constitution.level, constitution.issuer, constitution.is_published) == (
        "state", "Верховна Рада України", True)
    assert constitution.title == "Конституція України" and str(constitution.adopted_on) == "1996-06-28"
    assert constitution.number_key == "254к/96-вр"
    first = next(a for a in expected if a["number"] == "254к/96-ВР")["articles"]
    assert list(constitution.articles.values_list("position", "ref", "title"))[:2] == [
        (0, first[0]["ref"], first[0]["title"]), (1, first[1]["ref"], first[1]["title"])]
    assert not Document.objects.filter(title="").exists()
    # Codes are told by their names, titles derived where the corpus has none.
    assert Document.objects.get(number="2003-05").kind == "code"
    assert Document.objects.get(number="2003-05").title == "Кримінальний кодекс України (додаток)"
    # An act without a title or a known one is named by its number.
    assert Document.objects.get(number="v0123900-12").title == "Акт № v0123900-12"


def test_reimporting_the_corpus_does_not_duplicate(corpus_head):
    importing.import_corpus(corpus_head)
    articles = Article.objects.count()
    report = importing.import_corpus(corpus_head)
    assert (report["created"], report["skipped"]) == (0, 40)
    assert Document.objects.count() == 40 and Article.objects.count() == articles


def test_update_replaces_acts_but_not_those_a_person_checked(corpus_head):
    importing.import_corpus(corpus_head)
    checked = Document.objects.get(number="254к/96-ВР")
    checked.text_checked = True
    checked.title = "Конституція (перевірено)"
    checked.save()
    other = Document.objects.exclude(pk=checked.pk).first()
    other.articles.all().delete()
    report = importing.import_corpus(corpus_head, existing="update")
    assert (report["created"], report["updated"], report["skipped"]) == (0, 39, 1)
    assert Document.objects.count() == 40
    assert Document.objects.get(pk=checked.pk).title == "Конституція (перевірено)"
    assert other.articles.count() > 0


def test_a_malformed_line_imports_nothing(tmp_path, corpus_head):
    broken = tmp_path / "broken.jsonl.gz"
    lines = gzip.open(corpus_head, "rt", encoding="utf-8").read().splitlines()[:5]
    lines.insert(3, '{"number": "1-ІХ", "status": "in_force", "date": "2020-13-45", "articles": []}')
    lines.append("not json")
    with gzip.open(broken, "wt", encoding="utf-8") as out:
        out.write("\n".join(lines) + "\n")
    with pytest.raises(importing.ImportFailed) as failed:
        importing.import_corpus(broken)
    assert [e["row"] for e in failed.value.errors] == [4, 7]
    assert "не є датою" in failed.value.errors[0]["message"]
    assert Document.objects.count() == 0


def test_titles_derived_when_the_corpus_has_none():
    assert importing.corpus_title({"number": "1", "title": None, "articles": [
        {"ref": "art0", "title": "Стаття 0. Текст документа",
         "text": "МІНІСТЕРСТВО ЮСТИЦІЇ\nНАКАЗ\n\nПро затвердження Порядку\nведення реєстру\n\n"
                 "Відповідно до статті 5"}]}) == "Про затвердження Порядку ведення реєстру"
    assert importing.corpus_title({"number": "1618-15", "title": None, "articles": [
        {"ref": "art1", "title": "Стаття 1. Призначення",
         "text": "1. Цивільний процесуальний кодекс України визначає юрисдикцію"}]}) == (
        "Цивільний процесуальний кодекс України")
    assert importing.corpus_title({"number": "5-12", "short_name": "ЗУ X", "title": None,
                                   "articles": [{"ref": "art2", "title": "", "text": "Текст."}]}) == "ЗУ X"
    assert importing.corpus_kind("Про затвердження Кодексу етики", None) == "law"
    assert importing.corpus_kind("Кримінальний кодекс України", None) == "code"


# --- batches and progress --------------------------------------------------------------------

def test_a_batch_reports_progress_through_the_cache_and_ends_done(corpus_head, monkeypatch):
    monkeypatch.setattr(importing, "CORPUS_CHUNK", 10)
    seen = []
    real_set = cache.set

    def watch(key, value, *args, **kwargs):
        if key.startswith("documents:import:"):
            # Written while the import's transaction is open: the row still says 0.
            seen.append((value["done"], value["total"],
                         ImportBatch.objects.values_list("state", flat=True).get()))
        return real_set(key, value, *args, **kwargs)

    monkeypatch.setattr(cache, "set", watch)
    batch = importing.batch_create(network=None, kind="corpus", source="head.jsonl.gz",
                                   upload={"path": str(corpus_head)})
    assert importing.progress_of(batch) == (0, 0)
    batch = importing.batch_run(batch.pk)
    assert seen[0] == (0, 40, "running")
    assert seen[-1] == (40, 40, "running")
    assert len(seen) >= 2
    assert (batch.state, batch.done, batch.total) == ("done", 40, 40)
    assert batch.report["created"] == 40 and batch.finished_at is not None
    assert importing.progress_of(batch) == (40, 40)


def test_a_running_batch_shows_the_cached_progress(world):
    batch = importing.batch_create(network=None, kind="corpus", source="x", upload={})
    batch.state = ImportBatch.State.RUNNING
    batch.save()
    importing.progress_set(batch.pk, 120, 8164)
    assert importing.progress_of(batch) == (120, 8164)


def test_imported_acts_are_found_by_search(corpus_head):
    from civicdesk.documents import search

    importing.import_corpus(corpus_head, limit=3)
    first = Document.objects.order_by("pk").first()
    assert not indexing_stale()
    words = " ".join(first.articles.order_by("position").first().text.split()[:6])
    found = search.search(f'"{words}"')
    assert first in {h.document for h in found.hits}


def indexing_stale():
    from civicdesk.documents import indexing

    return indexing.stale_documents().exists()


# --- the command -----------------------------------------------------------------------------

def test_the_command_imports_with_a_limit(corpus_head, capsys):
    call_command("import_legislation", str(corpus_head), "--limit", "7")
    assert Document.objects.count() == 7
    out = capsys.readouterr().out
    assert "7/7 acts" in out and "7 new acts" in out
    assert ImportBatch.objects.get().state == "done"


def test_the_command_into_a_network(world, corpus_head):
    call_command("import_legislation", str(corpus_head), "--limit", "2",
                 "--network", str(world.central.network.pk))
    assert Document.objects.filter(network=world.central.network).count() == 2


def test_the_command_without_the_corpus_exits_with_a_message(tmp_path, capsys):
    with pytest.raises(SystemExit) as exit_:
        call_command("import_legislation", str(tmp_path / "none.jsonl.gz"))
    assert exit_.value.code == 1
    assert "is not there" in capsys.readouterr().err
    assert Document.objects.count() == 0


# --- the pages -------------------------------------------------------------------------------

def test_import_pages_per_role(login, world, client):
    url = reverse("documents:import")
    assert client.get(url).status_code == 302  # anonymous: to the login
    for role, status in (("viewer", 403), ("consultant", 403), ("branch_librarian", 403),
                         ("center_head", 200), ("director", 200), ("admin", 200)):
        assert login(world.users[role]).get(url).status_code == status, role


def test_upload_preview_confirm_and_report(login, world):
    client = login(world.users["director"])
    url = reverse("documents:import")
    page = client.post(url, {"target": str(world.central.network.pk),
                             "file": SimpleUploadedFile("docs.zip", make_zip(good_files()))})
    assert page.status_code == 200
    preview = page.context["preview"]
    assert preview["n_errors"] == 0 and [r.number for r in preview["rows"]] == [2, 3, 4]
    assert Document.objects.count() == 0  # nothing until confirmed
    done = client.post(url, {"confirm": "1"})
    batch = ImportBatch.objects.get()
    assert done.status_code == 302 and done["Location"] == reverse("documents:import_batch",
                                                                   args=[batch.pk])
    assert batch.state == "done" and Document.objects.count() == 3  # the worker ran it at once
    report = client.get(done["Location"])
    assert report.status_code == 200
    assert "Імпортовано 3 нових документи" in report.content.decode()
    partial = client.get(done["Location"], headers={"HX-Request": "true"})
    assert b'id="import-progress"' in partial.content and b"<html" not in partial.content
    assert b"hx-trigger" not in partial.content  # finished: polling stops


def test_a_running_batch_page_polls(login, world):
    batch = importing.batch_create(network=world.central.network, kind="zip", source="docs.zip",
                                   upload={})
    ImportBatch.objects.filter(pk=batch.pk).update(state="running", total=10)
    importing.progress_set(batch.pk, 4, 10)
    page = login(world.users["center_head"]).get(reverse("documents:import_batch", args=[batch.pk]))
    html = page.content.decode()
    assert 'hx-trigger="every 2s"' in html and 'value="4"' in html and "(40%)" in html
    # Another network's director does not see it; a consultant may not import.
    assert login(world.users["foreign_director"]).get(
        reverse("documents:import_batch", args=[batch.pk])).status_code == 404
    assert login(world.users["consultant"]).get(
        reverse("documents:import_batch", args=[batch.pk])).status_code == 403


def test_preview_shows_row_errors_and_keeps_nothing(login, world):
    client = login(world.users["director"])
    metadata = METADATA.replace("nakaz.pdf", "nemaie.pdf")
    page = client.post(reverse("documents:import"), {
        "target": str(world.central.network.pk),
        "file": SimpleUploadedFile("docs.zip", make_zip(good_files(), metadata))})
    assert page.context["preview"]["n_errors"] == 1
    assert "Файлу «nemaie.pdf» немає в ZIP." in page.content.decode()
    assert client.post(reverse("documents:import"), {"confirm": "1"}).status_code == 302
    assert ImportBatch.objects.count() == 0 and Document.objects.count() == 0


def test_uploads_refused_on_the_form(login, world, settings):
    client = login(world.users["director"])
    url = reverse("documents:import")
    network = str(world.central.network.pk)
    page = client.post(url, {"target": network, "file": SimpleUploadedFile("a.exe", b"MZ")})
    assert page.context["form"].errors["file"] == [
        "Оберіть файл ZIP (або корпус законодавства, .jsonl.gz)."]
    # Only the administrator imports shared state acts.
    page = client.post(url, {"target": "shared", "file": SimpleUploadedFile("c.jsonl.gz", b"")})
    assert "target" in page.context["form"].errors
    settings.DOCUMENT_MAX_UPLOAD_MB = 1
    page = client.post(url, {"target": network,
                             "file": SimpleUploadedFile("big.zip", b"0" * (1024 * 1024 + 1))})
    assert page.context["form"].errors["file"] == ["Файл більший за 1 МБ."]


def test_the_administrator_uploads_a_corpus(login, world, corpus_head):
    client = login(world.users["admin"])
    page = client.post(reverse("documents:import"), {
        "target": "shared", "file": SimpleUploadedFile("head.jsonl.gz", corpus_head.read_bytes())})
    assert page.context["preview"]["total"] == 40
    assert client.post(reverse("documents:import"), {"confirm": "1"}).status_code == 302
    assert Document.objects.filter(network=None).count() == 40


def test_a_folder_on_the_server_is_imported_by_command_all_or_nothing(world, tmp_path, capsys):
    from django.core.management import call_command
    from django.core.management.base import CommandError

    folder = tmp_path / "розпорядження"
    folder.mkdir()
    for name, data in good_files().items():
        (folder / name).write_bytes(data)
    (folder / "metadata.csv").write_bytes(METADATA.encode("utf-8-sig"))
    # a broken row: nothing at all is imported, and the row is named
    broken = tmp_path / "broken.csv"
    broken.write_bytes(METADATA.replace("14.03.2024", "31.02.2024").encode("utf-8-sig"))
    with pytest.raises(CommandError, match="Nothing imported"):
        call_command("import_documents", str(folder), "--metadata", str(broken),
                     "--network", str(world.central.network.pk))
    assert "line " in capsys.readouterr().err
    assert not Document.objects.filter(number="125").exists()
    call_command("import_documents", str(folder), "--network", str(world.central.network.pk),
                 "--user", world.users["director"].username)
    assert "Imported 3 documents" in capsys.readouterr().out
    decision = Document.objects.get(number="125")
    assert decision.network == world.central.network
    assert decision.created_by == world.users["director"]
    assert decision.files.get().original_name == "rishennia.docx"
