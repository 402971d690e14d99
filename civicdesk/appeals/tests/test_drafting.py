"""Drafting letters with a citizen: the name declined, templates and their placeholders,
what the law requires before a letter is produced, the files, who sees what."""

import io

from django.core.exceptions import ValidationError
from django.urls import reverse

import pytest
from docx import Document as Docx

from civicdesk.appeals import actions, drafting
from civicdesk.appeals.declension import genitive
from civicdesk.appeals.models import Appeal, Authority, LetterTemplate
from civicdesk.patrons.tests.factories import PatronFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("parts, expected", [
    (("Петренко", "Іван", "Іванович"), "Петренка Івана Івановича"),
    (("Коваль", "Марія", "Петрівна"), "Коваль Марії Петрівни"),
    (("Коваль", "Марʼяна", ""), "Коваль Марʼяни"),
    (("Шевченко", "Олена", "Василівна"), "Шевченко Олени Василівни"),
    (("Мельник", "Андрій", "Олегович"), "Мельника Андрія Олеговича"),
    (("Бондар", "Петро", ""), "Бондаря Петра"),
    (("Ковальська", "Ганна", "Іванівна"), "Ковальської Ганни Іванівни"),
    (("Сковорода", "Григорій", "Савич"), "Сковороди Григорія Савича"),
    (("Нечуй-Левицький", "Іван", "Семенович"), "Нечуя-Левицького Івана Семеновича"),
    (("Новак", "Євген", ""), "Новака Євгена"),
])
def test_the_name_is_declined_as_a_letter_says_it(parts, expected):
    assert genitive(*parts) == expected


@pytest.fixture
def body(world):
    return Authority.objects.create(network=world.central.network, name="Сарненська міська рада",
                                    kind=Authority.Kind.COUNCIL, postal_address="вул. Т. Шевченка, 1",
                                    email="rada@example.ua")


@pytest.fixture
def patron(world):
    return PatronFactory(library=world.central, surname="Петренко", given_name="Іван",
                         patronymic="Іванович", settlement="м. Сарни",
                         email="petrenko@example.ua")


def _draft(world, patron, body, **fields):
    values = {"kind": Appeal.Kind.INFO_REQUEST, "subject": "Ремонт доріг",
              "substance": "Копію договору на ремонт вулиці Шкільної у 2026 році.",
              "requester_address": "petrenko@example.ua", "residence": "м. Сарни"}
    values.update(fields)
    return actions.appeal_create(patron=patron, library=world.central, authority=body,
                                 by=world.users["consultant"], **values)


def test_a_request_is_filled_from_the_template_with_the_name_declined(world, patron, body):
    appeal = _draft(world, patron, body)
    assert "Копію договору на ремонт вулиці Шкільної" in appeal.letter
    assert "petrenko@example.ua" in appeal.letter
    docx = Docx(io.BytesIO(drafting.as_docx(appeal)))
    text = "\n".join(p.text for p in docx.paragraphs)
    assert "від Петренка Івана Івановича" in text
    assert "Сарненська міська рада" in text and "ЗАПИТ" in text
    assert drafting.as_pdf(appeal).startswith(b"%PDF")
    assert drafting.as_text(appeal).startswith("Відповідно до статей 1, 13, 19, 20")


def test_a_request_without_an_address_names_article_19(world, patron, body):
    appeal = _draft(world, patron, body, requester_address="")
    problems = drafting.missing(appeal)
    assert [p.field for p in problems] == ["requester_address"]
    assert "ст. 19" in problems[0].message
    with pytest.raises(ValidationError):
        actions.appeal_submit(appeal=appeal, submitted_at=appeal.created_at, channel="email")


def test_an_appeal_needs_the_place_of_residence_article_5(world, patron, body):
    appeal = _draft(world, patron, body, kind=Appeal.Kind.COMPLAINT, residence="",
                    substance="коротко")
    fields = {p.field: p.message for p in drafting.missing(appeal)}
    assert set(fields) == {"residence", "substance"}
    assert all("ст. 5" in m for m in fields.values())


def test_unknown_placeholders_are_refused_when_a_template_is_saved(world):
    network = world.central.network
    with pytest.raises(ValidationError) as caught:
        actions.template_save(network=network, kind=Appeal.Kind.STATEMENT,
                              body="Прошу {{ adress }} та {{ substance }}", by=None)
    assert "{{ adress }}" in str(caught.value)
    with pytest.raises(ValidationError):
        actions.template_save(network=network, kind=Appeal.Kind.STATEMENT,
                              body="Прошу {{ substance", by=None)
    saved = actions.template_save(network=network, kind=Appeal.Kind.STATEMENT,
                                  body="Прошу: {{ substance }} ({{ requester_genitive }})",
                                  by=None)
    assert LetterTemplate.objects.get(pk=saved.pk).body.startswith("Прошу:")


def test_the_head_edits_a_template_and_new_letters_use_it(world, patron, body, login):
    client = login(world.users["center_head"])
    network = world.central.network
    assert client.get(reverse("appeals:templates", args=[network.pk])).status_code == 200
    template = LetterTemplate.objects.get(network=network, kind=Appeal.Kind.INFO_REQUEST)
    page = client.post(reverse("appeals:template_edit", args=[template.pk]),
                       {"body": "Прошу {{ nonsense }}"})
    assert page.status_code == 200 and "{{ nonsense }}" in page.content.decode()
    client.post(reverse("appeals:template_edit", args=[template.pk]),
                {"body": "Шановні! Прошу надати: {{ substance }}"})
    assert _draft(world, patron, body).letter.startswith("Шановні! Прошу надати: Копію")
    consultant = login(world.users["consultant"])
    assert consultant.get(reverse("appeals:template_edit", args=[template.pk])).status_code == 403


def test_script_is_escaped_on_the_page_and_literal_in_the_docx(world, patron, body, login):
    appeal = _draft(world, patron, body, substance="<script>alert(1)</script> копію рішення")
    client = login(world.users["consultant"])
    html = client.get(reverse("appeals:detail", args=[appeal.pk])).content.decode()
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;" in html
    docx = Docx(io.BytesIO(drafting.as_docx(appeal)))
    assert any("<script>alert(1)</script>" in p.text for p in docx.paragraphs)


def test_appeals_are_seen_by_their_consultant_the_head_and_the_director_only(
        world, patron, body, login):
    appeal = _draft(world, patron, body)
    url = reverse("appeals:detail", args=[appeal.pk])
    for role, status in (("consultant", 200), ("center_head", 200), ("director", 200),
                         ("viewer", 404), ("branch_librarian", 404), ("foreign_director", 404)):
        assert login(world.users[role]).get(url).status_code == status, role


def test_a_draft_made_on_the_page(world, patron, body, login):
    client = login(world.users["consultant"])
    url = reverse("appeals:create", args=[patron.pk])
    page = client.get(url)
    assert page.status_code == 200
    answer = client.post(url, {"kind": "info_request", "authority": body.pk,
                               "subject": "Бюджет", "substance": "Рішення про бюджет громади "
                               "на 2027 рік з додатками.", "requester_address": "",
                               "residence": "м. Сарни"})
    appeal = Appeal.objects.get()
    assert answer.status_code == 302 and appeal.status == Appeal.Status.DRAFT
    detail = client.get(reverse("appeals:detail", args=[appeal.pk])).content.decode()
    assert "ст. 19" in detail  # the address is missing: the page says which article
    download = client.get(reverse("appeals:download", args=[appeal.pk, "docx"]))
    assert download.status_code == 302  # not produced while something is missing


def test_a_body_of_another_network_cannot_be_chosen(world, patron):
    foreign = Authority.objects.create(network=world.foreign_central.network, name="Чужа рада")
    with pytest.raises(ValidationError):
        actions.appeal_create(patron=patron, library=world.central, authority=foreign,
                              by=world.users["consultant"], kind="statement", subject="x",
                              substance="Досить довгий текст заяви.")


@pytest.mark.parametrize("amount", ["0", "-5"])
def test_a_deadline_rule_of_zero_or_less_is_refused_next_to_the_field(amount):
    from civicdesk.appeals.admin import DeadlineRuleForm

    form = DeadlineRuleForm({"code": "x", "title": "x", "amount": amount,
                             "unit": "working_days", "starts": "received"})
    assert not form.is_valid() and "amount" in form.errors


def test_dates_that_cannot_be_are_refused(world, patron, body):
    from datetime import timedelta

    from django.utils import timezone

    appeal = _draft(world, patron, body)
    with pytest.raises(ValidationError) as caught:
        actions.appeal_submit(appeal=appeal, submitted_at=timezone.now() + timedelta(days=2),
                              channel="email")
    assert "submitted_at" in caught.value.message_dict
    appeal.refresh_from_db()
    assert appeal.status == Appeal.Status.DRAFT  # nothing half-saved
    submitted = timezone.now() - timedelta(days=3)
    actions.appeal_submit(appeal=appeal, submitted_at=submitted, channel="email",
                          registration_number="З-7")
    appeal.refresh_from_db()
    assert appeal.status == Appeal.Status.SUBMITTED and appeal.due_at is not None
    assert "робоч" in appeal.due_explanation
    with pytest.raises(ValidationError) as caught:
        actions.appeal_answer(appeal=appeal, answered_on=(submitted - timedelta(days=1)).date(),
                              outcome="full")
    assert "answered_on" in caught.value.message_dict
    actions.appeal_answer(appeal=appeal, answered_on=timezone.localdate(), outcome="refused",
                          refusal_reason="Інформація з обмеженим доступом")
    appeal.refresh_from_db()
    assert appeal.status == Appeal.Status.REFUSED and not appeal.is_overdue
