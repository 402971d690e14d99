"""The resource catalog in a browser: a citizen finds a resource on the portal by a word
in another form, opens it, and the staff see the click counted."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.e2e, pytest.mark.demo_network]

PASSWORD = "demo-civicdesk-2026"
PENSION_FUND = "Пенсійний фонд України"


def test_citizen_finds_a_resource_by_an_inflected_word_and_the_click_is_counted(
        server, page, shot):
    # No internet in tests: the resource's own site answers from here.
    opened = []

    def outside(route):
        opened.append(route.request.url)
        route.fulfill(status=200, content_type="text/html; charset=utf-8",
                      body="<title>ПФУ</title><h1>Пенсійний фонд</h1>")

    page.route(re.compile(r"^https://www\.pfu\.gov\.ua/.*"), outside)

    page.goto(server + "/")
    search = page.get_by_role("search").locator("input[type=search]").first
    search.fill("пенсії")  # the catalog says "пенсія", "пенсійний"
    search.press("Enter")
    result = page.locator(".list-group-item", has_text=PENSION_FUND).first
    expect(result).to_be_visible()
    shot(page, "portal-resources-search")
    result.click()
    page.wait_for_url(re.compile(r"^https://www\.pfu\.gov\.ua/"))
    assert opened == ["https://www.pfu.gov.ua/"]

    # The consultant sees the visit in the resource's monthly use.
    page.goto(server + "/accounts/login/")
    page.fill("#id_username", "consultant")
    page.fill("#id_password", PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(server + "/staff/")
    page.goto(server + "/staff/resources/?q=" + "пенсійний фонд")
    page.get_by_role("link", name=PENSION_FUND).first.click()
    expect(page.locator("dd", has_text="відкрито з порталу")).to_contain_text(
        "відкрито з порталу: 1")
    month_row = page.locator("table tbody tr").first
    expect(month_row.locator("td").nth(1)).to_have_text("1")
    shot(page, "resource-detail-use")
