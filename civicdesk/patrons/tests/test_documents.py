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
