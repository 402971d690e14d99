import io

from django.urls import reverse

import pytest
from auditlog.models import LogEntry
from docx import Document

from civicdesk.patrons import actions

pytestmark = pytest.mark.django_db


def docx_text(content: bytes) -> str:
    return "\n".join(p.text for p in Document(io.BytesIO(content)).paragraphs)


@pytest.fixture
def patron(world):
    return actions.patron_register(library=world.branch, card_number="K000777",
                                   surname="Гнатюк", given_name="Ґалина", birth_year=1960,
                                   consent_service=True)


def test_consent_form_docx_carries_the_version_and_the_patron(client, world, patron):
    client.force_login(world.users["branch_librarian"])
    r = client.get(reverse("patrons:consent_form", args=[patron.pk]), {"format": "docx"})
    text = docx_text(r.content)
    assert "Згода на обробку персональних даних" in text
    assert "2026-1" in text and "Гнатюк Ґалина" in text and "K000777" in text
    assert "Про захист персональних даних" in text
    assert LogEntry.objects.filter(action=LogEntry.Action.ACCESS,
                                   object_pk=str(patron.pk)).exists()


def test_consent_form_pdf_and_blank(client, world, patron):
    client.force_login(world.users["branch_librarian"])
    r = client.get(reverse("patrons:consent_form", args=[patron.pk]), {"format": "pdf"})
    assert r["Content-Type"] == "application/pdf" and r.content.startswith(b"%PDF")
    assert b"DejaVu" in r.content  # the shipped font, embedded: Cyrillic prints anywhere
    r = client.get(reverse("patrons:consent_form_blank"), {"format": "docx"})
    assert "Філія Кричильськ" in docx_text(r.content)
    assert client.get(reverse("patrons:consent_form_blank"), {"format": "exe"}).status_code == 404


def test_consent_form_not_for_viewers_or_other_branches(client, world, patron):
    client.force_login(world.users["viewer"])
    assert client.get(reverse("patrons:consent_form", args=[patron.pk])).status_code == 403
    client.force_login(world.users["foreign_director"])
    assert client.get(reverse("patrons:consent_form", args=[patron.pk])).status_code == 404


def test_export_as_docx_and_pdf(client, world, patron):
    client.force_login(world.users["consultant"])
    r = client.get(reverse("patrons:export", args=[patron.pk]), {"format": "docx"})
    text = docx_text(r.content)
    assert "Гнатюк" in text and "K000777" in text
    r = client.get(reverse("patrons:export", args=[patron.pk]), {"format": "pdf"})
    assert r.content.startswith(b"%PDF")


def test_export_reads_in_ukrainian_with_dates_as_written_here(client, world, patron):
    from datetime import datetime, timedelta

    from django.utils import timezone

    from civicdesk.journal import actions as journal_actions
    from civicdesk.services.catalog import catalog_seed
    from civicdesk.services.models import Service

    catalog_seed(world.central.network)
    day = timezone.localdate() - timedelta(days=2)
    served = timezone.make_aware(datetime(day.year, day.month, day.day, 14, 5))
    journal_actions.entry_create(
        library=world.branch, staff=world.users["branch_librarian"], patron=patron,
        services=[Service.objects.get(network=world.central.network, code="3.1.2.1")],
        duration_minutes=15, served_at=served, note="Допомога з Дією")
    client.force_login(world.users["consultant"])
    page = client.get(reverse("patrons:export", args=[patron.pk])).content.decode()
    text = docx_text(client.get(reverse("patrons:export", args=[patron.pk]),
                                {"format": "docx"}).content)
    for shown in (page, text):
        # the names a person reads, not the program's: no card_number, served_at, …
        assert "card_number" not in shown and "served_at" not in shown
        assert "journalentry" not in shown and "text_version" not in shown
        assert "Гнатюк" in shown and "Допомога з Дією" in shown
        assert f"{day:%d.%m.%Y} 14:05" in shown  # the time served, as dates are written here
    assert "Прізвище: Гнатюк" in text and "Library" not in text
