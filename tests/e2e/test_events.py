"""Events in a browser: a citizen finds an event in the portal's calendar and registers;
the consultant logs in, opens the event's check-in page and marks her present."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.e2e, pytest.mark.demo_network]

PASSWORD = "demo-civicdesk-2026"
TITLE = "Дія: послуги онлайн крок за кроком"


def test_citizen_registers_and_consultant_marks_attendance(server, new_page, problems, shot):
    citizen = new_page(phone=True)
    citizen.goto(server + "/")
    expect(citizen.get_by_role("heading", name="Найближчі заходи")).to_be_visible()
    citizen.get_by_role("link", name="Календар заходів").first.click()
    expect(citizen.locator("h1")).to_have_text("Календар заходів")
    shot(citizen, "calendar")
    citizen.get_by_role("link", name=re.compile(TITLE)).click()
    expect(citizen.locator("h1")).to_contain_text(TITLE)
    # the consent box is required: without it, a message next to it
    citizen.fill("#id_name", "Олена Коваль")
    citizen.fill("#id_phone", "067 555 12 34")
    citizen.get_by_role("button", name="Зареєструватися").click()
    expect(citizen.locator(".invalid-feedback")).to_contain_text("Без вашої згоди")
    citizen.check("#id_consent")
    shot(citizen, "event-form")
    citizen.get_by_role("button", name="Зареєструватися").click()
    expect(citizen.locator("h1")).to_have_text("Ви зареєстровані")
    expect(citizen.get_by_role("link", name="Скасувати мою реєстрацію")).to_be_visible()
    shot(citizen, "confirmation")

    staff = new_page()
    staff.goto(server + "/accounts/login/")
    staff.fill("#id_username", "consultant")
    staff.fill("#id_password", PASSWORD)
    staff.keyboard.press("Enter")
    staff.wait_for_url(server + "/staff/")
    staff.get_by_role("link", name="Заходи", exact=True).click()
    staff.get_by_role("link", name=TITLE).click()
    expect(staff.locator("td", has_text="Олена Коваль")).to_be_visible()
    shot(staff, "event-staff")
    staff.get_by_role("link", name="Відмітка присутніх").click()
    row = staff.locator("tr", has_text="Олена Коваль")
    row.get_by_role("button", name=re.compile("Позначити")).click()
    expect(staff.locator("tr.table-success", has_text="Олена Коваль")).to_be_visible()
    shot(staff, "checkin")
    # kept after a reload (the htmx POST saved it)
    staff.reload()
    expect(staff.locator("tr.table-success", has_text="Олена Коваль")).to_be_visible()
    staff.get_by_role("link", name=TITLE).click()
    came = staff.locator("tr", has=staff.locator("th", has_text="Прийшов(ла)"))
    expect(came.locator("td")).to_have_text("1")
    # the one 400 is the form sent without consent (and the console's note of it)
    assert [p for p in problems.items if "400" not in p] == []
