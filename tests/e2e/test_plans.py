"""Plans in a browser: the head creates a monthly plan with two indicators and submits
it, the director approves it, and the execution view shows the live numbers (the demo
network's patrons were registered this month)."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.e2e, pytest.mark.demo_network]

PASSWORD = "demo-civicdesk-2026"


def log_in(page, server, username):
    page.goto(server + "/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(server + "/staff/")


def test_head_plans_director_approves_execution_is_live(server, new_page, problems, shot):
    page = new_page()
    log_in(page, server, "head")
    page.get_by_role("link", name="Плани і звіти").click()
    page.get_by_role("link", name="Новий план роботи").click()
    page.select_option("#id_period_kind", "month")
    page.get_by_role("button", name="Створити план").click()
    expect(page.locator("#plan-status")).to_have_text("проєкт")
    for key, target, what in (("new_patrons", "20", "Записати нових користувачів"),
                              ("consultations", "0", "Надати консультації")):
        page.get_by_role("link", name="Додати пункт").click()
        page.select_option("#id_section", "2.2.7")
        page.fill("#id_what", what)
        page.select_option("#id_metric_key", key)
        page.fill("#id_target", target)
        page.get_by_role("button", name="Зберегти", exact=True).click()
    # A target of 0 is refused next to the field; the form keeps what was typed.
    expect(page.locator("#id_target_error")).to_contain_text("більшим за нуль")
    page.fill("#id_target", "100")
    page.get_by_role("button", name="Зберегти", exact=True).click()
    expect(page.locator("table.plan-items tbody tr")).to_have_count(2)
    page.get_by_role("button", name="Подати директорові").click()
    expect(page.locator("#plan-status")).to_have_text("подано директорові")
    plan_url = page.url

    director = new_page()
    log_in(director, server, "director")
    director.goto(plan_url)
    director.get_by_role("button", name="Затвердити").click()
    expect(director.locator("#plan-status")).to_have_text("затверджено директором")
    director.get_by_role("link", name="Виконання").click()
    actual = director.locator("tr", has_text="Записати нових користувачів").locator("td.actual")
    expect(actual).to_have_text(re.compile(r"^\d+$"))
    assert int(actual.inner_text()) > 0  # the demo patrons registered this month, live
    shot(director, "execution")
    director.goto(server + "/staff/plans/dashboard/")
    expect(director.locator("#by-branch")).to_be_visible()
    shot(director, "dashboard")
    assert not problems.items, problems.items
