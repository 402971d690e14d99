"""Reports: numbers against hand counts, frozen after approval, DOCX/XLSX/PDF, network
report, dashboard."""

import io
from datetime import date

from django.urls import reverse

import pytest
from docx import Document
from openpyxl import load_workbook

from civicdesk.plans import actions
from civicdesk.plans.models import Report
from civicdesk.plans.reports import build, live_differences

from .test_plans import JAN, approved_plan

pytestmark = pytest.mark.django_db


def numbers(data):
    return {r["key"]: r for r in data["metrics"]}


def test_report_numbers_against_hand_counts(data):
    world, _ = data
    approved_plan(world)
    report = actions.report_create(library=world.central, scope="library", period_kind="month",
                                   period_start=JAN, by=world.users["center_head"])
    built = build(report, today=date(2025, 6, 1))
    n = numbers(built)
    c = n["consultations"]
    assert (c["value"], c["previous"], c["last_year"]) == (3, 1, 2)
    assert (c["previous_diff"], c["last_year_diff"], c["previous_pct"]) == (2, 1, 200.0)
    assert n["distinct_patrons"]["value"] == 2
    assert built["period"]["previous_label"].lower().startswith("грудень 2024")
    assert built["plan"]["items"][0]["actual"] == 3


def test_approved_report_stays_frozen_and_shows_the_difference(data, login):
    world, fx = data
    head, director = world.users["center_head"], world.users["director"]
    report = actions.report_create(library=world.central, scope="library", period_kind="month",
                                   period_start=JAN, by=head)
    actions.report_update(report=report, by=head, narrative="Місяць пройшов добре.")
    with pytest.raises(Exception):  # noqa: B017 - the head does not approve
        actions.report_approve(report=report, by=head)
    actions.report_approve(report=report, by=director)
    report.refresh_from_db()
    assert numbers(report.frozen)["consultations"]["value"] == 3
    # A forgotten entry is logged later for January: the report does not change.
    fx["make"](world.central, world.users["consultant"], fx["olena"], date(2025, 1, 25))
    report.refresh_from_db()
    assert numbers(report.frozen)["consultations"]["value"] == 3
    assert live_differences(report) == {"consultations": 1}
    response = login(head).get(reverse("plans:report_detail", args=[report.pk]))
    page = response.content.decode()
    assert 'id="data-changed"' in page and "+1 зараз" in page
    docx = login(head).get(reverse("plans:report_download", args=[report.pk, "docx"]))
    table = Document(io.BytesIO(docx.content)).tables[0]
    row = next(r for r in table.rows if r.cells[0].text.startswith("Надано послуг"))
    assert row.cells[1].text == "3"  # the frozen number, not the live 4
    with pytest.raises(Exception):  # noqa: B017
        actions.report_update(report=report, by=head, narrative="інше")


def test_docx_has_the_expected_tables(data, login):
    world, _ = data
    approved_plan(world, items=(("consultations", 6), ("distinct_patrons", 2)))
    report = actions.report_create(library=world.central, scope="library", period_kind="month",
                                   period_start=JAN, by=world.users["center_head"])
    response = login(world.users["consultant"]).get(
        reverse("plans:report_download", args=[report.pk, "docx"]))
    assert response.status_code == 200
    doc = Document(io.BytesIO(response.content))
    section = doc.sections[0]
    assert round(section.page_width.cm, 1) == 21.0 and round(section.page_height.cm, 1) == 29.7
    headings = [p.text for p in doc.paragraphs if p.style.name.startswith("Heading")]
    assert headings[0] == "Звіт про роботу ЦОГ ЕІ за січень 2025"
    assert "1. Показники роботи ЦОГ" in headings
    numbers_table, execution_table = doc.tables
    assert [c.text for c in numbers_table.rows[0].cells] == [
        "Показник", "січень 2025", "грудень 2024", "різниця", "січень 2024", "різниця"]
    rows = {r.cells[0].text: [c.text for c in r.cells[1:]] for r in numbers_table.rows[1:]}
    assert rows["Надано послуг (записів)"] == ["3", "1", "+2", "2", "+1"]
    assert [c.text for c in execution_table.rows[0].cells][:5] == [
        "Розділ", "Що буде зроблено", "План", "Факт", "% виконання"]
    assert [c.text for c in execution_table.rows[1].cells][2:5] == ["6", "3", "50 %"]
    # XLSX too; PDF only once approved.
    xlsx = login(world.users["center_head"]).get(
        reverse("plans:report_download", args=[report.pk, "xlsx"]))
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert sheet.cell(row=3, column=1).value == "Показник"
    assert login(world.users["center_head"]).get(
        reverse("plans:report_download", args=[report.pk, "pdf"])).status_code == 404
    actions.report_approve(report=report, by=world.users["director"])
    pdf = login(world.users["center_head"]).get(
        reverse("plans:report_download", args=[report.pk, "pdf"]))
    assert pdf.content.startswith(b"%PDF")


def test_network_report_covers_the_libraries_with_a_center(data, login):
    world, _ = data
    report = actions.report_create(library=world.central, scope="network", period_kind="year",
                                   period_start=date(2025, 1, 1), by=world.users["director"])
    built = build(report, today=date(2026, 2, 1))
    assert numbers(built)["consultations"]["value"] == 3
    assert [b["library"] for b in built["by_library"]] == ["Сарненська ЦРБ", "Філія Кричильськ"]
    assert [b["values"]["consultations"] for b in built["by_library"]] == [2, 1]
    assert built["months"][0]["values"]["consultations"] == 3 and len(built["months"]) == 12
    response = login(world.users["director"]).get(reverse("plans:report_detail",
                                                          args=[report.pk]))
    assert response.status_code == 200
    assert login(world.users["foreign_director"]).get(
        reverse("plans:report_detail", args=[report.pk])).status_code == 404
    # A branch cannot make a network report.
    with pytest.raises(Exception):  # noqa: B017
        actions.report_create(library=world.branch, scope="network", period_kind="year",
                              period_start=date(2025, 1, 1), by=world.users["director"])
    assert Report.objects.count() == 1


def test_dashboard(data, login):
    world, _ = data
    response = login(world.users["director"]).get(reverse("plans:dashboard"))
    assert response.status_code == 200
    page = response.content.decode()
    assert 'id="by-branch"' in page and "Філія Кричильськ" in page
    assert 'id="plans-chart-data"' in page
    assert login(world.users["consultant"]).get(reverse("plans:dashboard")).status_code == 200
    assert login(world.users["branch_librarian"]).get(
        reverse("plans:dashboard")).status_code == 403
