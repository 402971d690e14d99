"""Appeals in a browser: a consultant drafts a public-information request for a patron,
downloads the DOCX, marks it submitted, sees the due date, and records the answer."""

import io
import re

import pytest
from docx import Document as Docx
from playwright.sync_api import expect

pytestmark = [pytest.mark.e2e, pytest.mark.demo_network]

PASSWORD = "demo-civicdesk-2026"


def test_consultant_drafts_a_request_and_tracks_it_to_the_answer(server, page, shot):
    page.goto(server + "/accounts/login/")
    page.fill("#id_username", "consultant")
    page.fill("#id_password", PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(server + "/staff/")

    page.goto(server + "/staff/patrons/?q=Петренко")
    page.get_by_role("link", name=re.compile("Петренко Іван")).first.click()
    page.get_by_role("link", name="Написати лист").click()
    page.select_option("#id_kind", "info_request")
    page.locator("#id_authority").select_option(index=1)
    page.fill("#id_subject", "Ремонт дороги на вулиці Шкільній")
    page.fill("#id_substance", "Копію договору на ремонт вулиці Шкільної у 2026 році "
                               "та кошторис робіт.")
    page.fill("#id_requester_address", "petrenko@example.ua")
    page.get_by_role("button", name="Зберегти чернетку").click()
    expect(page.locator("h1")).to_contain_text("Запит на публічну інформацію")
    expect(page.locator(".card-body.text-lines")).to_contain_text("Копію договору на ремонт")
    shot(page, "appeal-draft")

    with page.expect_download() as download:
        page.get_by_role("link", name="DOCX").click()
    docx = Docx(io.BytesIO(open(download.value.path(), "rb").read()))
    text = "\n".join(p.text for p in docx.paragraphs)
    assert "від Петренка Івана Івановича" in text and "ЗАПИТ" in text

    page.locator("summary", has_text="Позначити поданим").click()
    page.select_option("#id_channel", "email")
    page.fill("#id_registration_number", "В-123/26")
    page.get_by_role("button", name="Подано", exact=True).click()
    expect(page.locator("dd", has_text="В-123/26")).to_be_visible()
    due = page.locator("dt", has_text="Відповідь до").locator("xpath=following-sibling::dd[1]")
    expect(due).to_contain_text("робоч")  # how it was counted: working days
    shot(page, "appeal-submitted")

    page.locator("summary", has_text="Записати відповідь").click()
    page.select_option("#id_outcome", "full")
    page.get_by_role("button", name="Зберегти відповідь").click()
    expect(page.locator("dd", has_text="надано повністю")).to_be_visible()
    expect(page.locator("dd", has_text="Відповідь отримано")).to_be_visible()
