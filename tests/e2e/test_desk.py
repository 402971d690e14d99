"""The desk in a browser: a consultant logs a citizen with the keyboard alone."""

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.e2e, pytest.mark.demo_network]

PASSWORD = "demo-civicdesk-2026"


def test_consultant_logs_a_known_patron_with_the_keyboard(server, page, shot):
    page.goto(server + "/accounts/login/")
    page.fill("#id_username", "consultant")
    page.fill("#id_password", PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(server + "/staff/")
    page.goto(server + "/staff/journal/")
    expect(page.locator("#id_patron_query")).to_be_focused()

    # A barcode scanner types the card and Enter; Space ticks the first service;
    # Ctrl+Enter saves.
    page.keyboard.type("D0100001")
    page.keyboard.press("Enter")
    expect(page.locator("#patron-chosen")).to_contain_text("Петренко Іван Іванович")
    page.keyboard.press("Space")
    page.keyboard.press("Control+Enter")

    expect(page.locator(".alert-success")).to_contain_text("Петренко Іван Іванович")
    today = page.locator("table tbody tr")
    expect(today).to_have_count(1)
    expect(today.first).to_contain_text("Петренко Іван Іванович")
    expect(page.locator("#id_patron_query")).to_be_focused()  # ready for the next citizen
    shot(page, "desk-after-entry")

    # Finding by a few letters of the name, apostrophe typed any way; Down reaches the
    # patrons found, Enter picks one.
    page.keyboard.type("марʼян")
    found = page.locator("#patron-suggestions [data-pick-patron]")
    expect(found.first).to_contain_text("Коваль Марʼяна")
    page.keyboard.press("ArrowDown")
    expect(found.first).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("#patron-chosen")).to_contain_text("Коваль Марʼяна")
    page.keyboard.press("Space")
    page.keyboard.press("Control+Enter")
    expect(page.locator("table tbody tr")).to_have_count(2)

    # A new citizen: Alt+N opens the small form at the card number; registered there,
    # keyboard only, then logged.
    page.keyboard.press("Alt+KeyN")
    expect(page.locator("#id_np-card_number")).to_be_focused()
    shot(page, "desk-new-patron-form")
    page.keyboard.type("D0109999")
    for text in ("", "Новак", "Євген", "", "1999", "", ""):
        page.keyboard.press("Tab")
        if text:
            page.keyboard.type(text)
    page.keyboard.press("Tab")
    page.keyboard.press("Space")  # the patron's consent
    page.keyboard.press("Enter")
    expect(page.locator("#patron-chosen")).to_contain_text("Новак Євген")
    page.keyboard.press("Space")
    page.keyboard.press("Control+Enter")
    expect(page.locator("table tbody tr")).to_have_count(3)
    expect(page.locator("table tbody tr").first).to_contain_text("Новак Євген")

    # All of them show in today's statistics.
    page.goto(server + "/staff/journal/statistics/?period=day")
    row = page.locator("tr", has_text="Надано послуг (записів)")
    expect(row.locator("td").first).to_have_text("3")
    expect(page.locator("canvas[data-chart=service]")).to_be_visible()
    shot(page, "statistics-today")
