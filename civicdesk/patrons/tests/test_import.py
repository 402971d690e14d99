import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

import pytest
from openpyxl import Workbook

from civicdesk.core import tables
from civicdesk.patrons.categories import social_categories_seed
from civicdesk.patrons.models import Patron
from civicdesk.patrons.tests.factories import PatronFactory

pytestmark = pytest.mark.django_db

CSV = ("Номер квитка;Прізвище;Ім'я;По батькові;Рік народження;Стать;Телефон;Населений пункт;"
       "Категорії\n"
       "K001;Петренко;Іван;Іванович;1951;ч;0671112233;Кричильськ;Пенсіонер\n"
       "K002;Мар’яненко;Ольга;;1985;ж;;Сарни;Внутрішньо переміщена особа, Безробітний\n")


@pytest.fixture(autouse=True)
def _media(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    social_categories_seed()


def upload(client, world, content: bytes, name: str):
    return client.post(reverse("patrons:import"), {
        "library": world.branch.pk, "file": SimpleUploadedFile(name, content)})


def columns(client, **extra):
    r = client.get(reverse("patrons:import_map"))
    data = {k: ("" if v is None else v) for k, v in r.context["form"].initial.items()}
    data.update(extra)
    return client.post(reverse("patrons:import_map"), data)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1251"])
def test_csv_in_any_usual_encoding(client, world, encoding):
    client.force_login(world.users["branch_librarian"])
    text = CSV.replace("’", "'") if encoding == "cp1251" else CSV
    assert upload(client, world, text.encode(encoding), "readers.csv").status_code == 302
    r = columns(client, check="1")
    assert r.context["error_count"] == 0
    r = columns(client, **{"import": "1", "consent_held": "on"})
    assert r.status_code == 302
    olga = Patron.objects.get(card_number="K002")
    assert olga.surname.startswith("Мар") and olga.library == world.branch
    assert sorted(olga.categories.values_list("code", flat=True)) == ["idp", "unemployed"]
    assert olga.consents.filter(withdrawn_at__isnull=True).count() == 1


def test_xlsx(client, world):
    workbook = Workbook()
    sheet = workbook.active
    for line in CSV.strip().split("\n"):
        sheet.append(line.split(";"))
    sheet["E2"] = 1951  # a number, as spreadsheets store years
    buffer = io.BytesIO()
    workbook.save(buffer)
    client.force_login(world.users["branch_librarian"])
    upload(client, world, buffer.getvalue(), "readers.xlsx")
    r = columns(client, **{"import": "1"})
    assert r.status_code == 302
    assert Patron.objects.get(card_number="K001").birth_year == 1951
    assert not Patron.objects.get(card_number="K001").consents.exists()


def test_broken_rows_import_nothing(client, world):
    PatronFactory(library=world.branch, card_number="K001")
    bad = CSV + "K002;Дубль;Рядок;;1990;;;;\n;Без;Квитка;;рік;;;;Марсіанин\nK009;Лист;Пошта;;1990;;;;\n"
    client.force_login(world.users["branch_librarian"])
    upload(client, world, bad.encode(), "readers.csv")
    r = columns(client, **{"import": "1"})
    assert r.status_code == 200
    errors = {row.number: " ".join(row.errors) for row in r.context["errors"]}
    assert "вже зареєстровано" in errors[2]          # card taken
    assert "рядку 3" in errors[4]                   # the same card twice in the file
    assert "Невідома соціальна категорія" in errors[5]
    assert Patron.objects.count() == 1


@pytest.mark.parametrize("content,name,message", [
    (b"\x89PNG\r\n", "photo.png", "CSV або XLSX"),
    (b"\x00\x01\x02binary\x00;x\n1;2\n", "readers.csv", "кодуванні"),
    ("Прізвище\n".encode(), "readers.csv", "немає рядків"),
    (b"not a zip", "readers.xlsx", "XLSX"),
])
def test_bad_files(client, world, content, name, message):
    client.force_login(world.users["branch_librarian"])
    r = upload(client, world, content, name)
    assert r.status_code == 200
    assert message in " ".join(r.context["form"].errors["file"])


def test_a_large_upload_is_refused(client, world):
    client.force_login(world.users["branch_librarian"])
    r = upload(client, world, b"x" * (tables.MAX_BYTES + 1), "readers.csv")
    assert r.context["form"].errors["file"] == ["Файл більший за 10 МБ."]


def test_import_pages_per_role(client, world):
    client.force_login(world.users["viewer"])
    assert client.get(reverse("patrons:import")).status_code == 403
    client.logout()
    assert client.get(reverse("patrons:import")).status_code == 302
    client.force_login(world.users["branch_librarian"])
    assert client.get(reverse("patrons:import_map")).status_code == 302  # no file yet


def test_excel_unicode_text_is_read(client, world):
    client.force_login(world.users["branch_librarian"])
    text = CSV.replace(";", "\t")
    assert upload(client, world, text.encode("utf-16"), "readers.txt").status_code == 302
    r = columns(client, **{"import": "1"})
    assert r.status_code == 302 and Patron.objects.count() == 2
