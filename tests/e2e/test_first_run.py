"""First run in a browser: setup, login, the language switch, the public portal."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e

# Django's own Ukrainian (not civicdesk's locale/, so it is there from day one).
UK_REQUIRED = "Це поле обов'язкове."
UK_WEEKDAYS = "понеділок|вівторок|середа|четвер|п’ятниця|п'ятниця|субота|неділя"
EN_WEEKDAYS = "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
CYRILLIC = re.compile(r"[А-Яа-яІіЇїЄєҐґ]")

ADMIN = "admin_sarny"
PASSWORD = "Книжкова-полиця-2024"  # 12+ characters, not common, not like the username
NETWORK = "Сарненська централізована бібліотечна система"
CENTRAL = "Сарненська центральна районна бібліотека"
BRANCHES = [("Філія Кричильськ", "Кричильськ", True), ("Філія Тутовичі", "Тутовичі", False)]


def fill_setup(page, *, name=CENTRAL, password2=PASSWORD):
    page.fill("[name=network_name]", NETWORK)
    page.fill("[name=name]", name)
    page.fill("[name=settlement]", "Сарни")
    page.fill("[name=address]", "вул. Європейська, 26")
    page.fill("[name=phone]", "+380 3655 3 12 34")
    for i, (branch, settlement, has_center) in enumerate(BRANCHES):
        page.fill(f"[name=branches-{i}-name]", branch)
        page.fill(f"[name=branches-{i}-settlement]", settlement)
        page.set_checked(f"[name=branches-{i}-has_center]", has_center)
    page.fill("[name=admin_username]", ADMIN)
    page.fill("[name=admin_first_name]", "Оксана")
    page.fill("[name=admin_last_name]", "Коваль")
    page.fill("[name=admin_password]", PASSWORD)
    page.fill("[name=admin_password2]", password2)


def submit(page):
    with page.expect_navigation():
        page.click("form[method=post] [type=submit]:not([name=language])")


def assert_ukrainian(locator, english: str):
    """Translated: not the English source any more, and written in Cyrillic."""
    expect(locator).not_to_have_text(english)
    expect(locator).to_have_text(CYRILLIC)


def test_first_run_login_language_and_portal(server, page, new_page, shot, problems):
    # Every page leads to the first-run setup until a network exists.
    page.goto(server + "/")
    expect(page).to_have_url(server + "/setup/")
    expect(page.locator("html")).to_have_attribute("lang", "uk")
    assert_ukrainian(page.locator("h1"), "Welcome to civicdesk")
    shot(page, "setup-empty")

    fill_setup(page)
    shot(page, "setup-filled")
    submit(page)

    # Set up: on to the login page with the success message.
    expect(page).to_have_url(re.compile(r"/accounts/login/"))
    expect(page.locator("html")).to_have_attribute("lang", "uk")
    message = page.get_by_role("status")
    expect(message).to_have_count(1)
    assert_ukrainian(message, "civicdesk is set up. Log in with the administrator's account.")
    shot(page, "login")

    # The setup page is gone for good.
    assert page.request.get(server + "/setup/").status == 404

    page.fill("[name=username]", ADMIN)
    page.fill("[name=password]", PASSWORD)
    submit(page)

    # The staff home: greeting, today's date, the three libraries.
    expect(page).to_have_url(server + "/staff/")
    expect(page.locator("html")).to_have_attribute("lang", "uk")
    heading = page.locator("main h1")
    expect(heading).to_have_text(re.compile(r", Оксана Коваль$"))
    assert_ukrainian(heading, "Good day, Оксана Коваль")
    expect(page.locator("main p.text-secondary").first).to_have_text(re.compile(UK_WEEKDAYS, re.IGNORECASE))
    libraries = page.locator("main .list-group-item")
    expect(libraries).to_have_count(3)
    for name in (CENTRAL, *(b[0] for b in BRANCHES)):
        expect(libraries.filter(has_text=name)).to_have_count(1)
    assert_ukrainian(page.locator("main h2"), "Your libraries")
    shot(page, "staff-home-uk")

    # Language switch to English: the same page, now in English.
    switch = page.locator("form[action='/i18n/setlang/']")
    with page.expect_navigation():
        switch.locator("button[name=language][value=en]").click()
    expect(page).to_have_url(server + "/staff/")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(heading).to_have_text("Good day, Оксана Коваль")
    expect(page.locator("main h2")).to_have_text("Your libraries")
    expect(page.locator("main p.text-secondary").first).to_have_text(re.compile(EN_WEEKDAYS, re.IGNORECASE))
    expect(page.get_by_role("button", name="Log out")).to_be_visible()
    expect(switch.locator("button[value=en]")).to_have_attribute("aria-current", "true")
    shot(page, "staff-home-en")

    # ... and back to Ukrainian.
    with page.expect_navigation():
        switch.locator("button[name=language][value=uk]").click()
    expect(page).to_have_url(server + "/staff/")
    expect(page.locator("html")).to_have_attribute("lang", "uk")
    assert_ukrainian(heading, "Good day, Оксана Коваль")
    assert_ukrainian(page.locator("main h2"), "Your libraries")
    expect(page.locator("main p.text-secondary").first).to_have_text(re.compile(UK_WEEKDAYS, re.IGNORECASE))
    expect(switch.locator("button[value=uk]")).to_have_attribute("aria-current", "true")
    shot(page, "staff-home-uk-again")

    # The public portal: one network, so its services from the regulation (§3.1) are listed.
    page.goto(server + "/")
    expect(page.locator("html")).to_have_attribute("lang", "uk")
    services = page.locator("main section").filter(
        has=page.locator("li", has_text="Ксерокопіювання"))
    expect(services).to_have_count(1)
    expect(services.locator("li", has_text="Ксерокопіювання")).to_have_count(1)
    expect(services.locator("li").filter(
        has_text=re.compile(r"^\s*Пошук нормативно-правових актів державного та місцевого рівня\s*$")
    )).to_have_count(1)
    expect(services.locator("h3", has_text="Додаткові платні послуги")).to_be_visible()
    # Where to find us: the central library and the branch with a center, not the other.
    where = page.locator("main .card")
    expect(where.filter(has_text=CENTRAL)).to_contain_text("вул. Європейська, 26, Сарни")
    expect(where.filter(has_text="Філія Кричильськ")).to_have_count(1)
    expect(where.filter(has_text="Філія Тутовичі")).to_have_count(0)
    assert_ukrainian(page.locator("main h1"), "Center for serving citizens with electronic information")
    shot(page, "portal-home")

    # The portal on a phone, as a visitor (own cookies, no session).
    phone = new_page(phone=True)
    phone.goto(server + "/")
    expect(phone.locator("html")).to_have_attribute("lang", "uk")
    expect(phone.locator("li", has_text="Ксерокопіювання")).to_be_visible()
    shot(phone, "portal-home-phone")

    assert problems.items == [], "\n".join(problems.items)


def test_setup_errors_are_shown_next_to_the_fields(server, page, new_page, shot, problems):
    page.goto(server + "/setup/")
    fill_setup(page, name="", password2=PASSWORD + "x")
    submit(page)

    # Still the setup page, with each error next to its own field, in Ukrainian.
    expect(page).to_have_url(server + "/setup/")
    expect(page.locator("html")).to_have_attribute("lang", "uk")
    name_error = page.locator("#id_name_error")
    expect(name_error).to_have_text(UK_REQUIRED)
    expect(page.locator("#id_name + #id_name_error")).to_have_count(1)
    password_error = page.locator("#id_admin_password2_error")
    assert_ukrainian(password_error, "The two passwords do not match.")
    expect(page.locator("#id_admin_password2 + #id_admin_password2_error")).to_have_count(1)
    expect(page.locator(".invalid-feedback")).to_have_count(2)
    # What was typed stays (but not the passwords).
    expect(page.locator("[name=network_name]")).to_have_value(NETWORK)
    expect(page.locator("[name=branches-0-name]")).to_have_value(BRANCHES[0][0])
    expect(page.locator("[name=admin_password]")).to_have_value("")
    shot(page, "setup-errors")

    # Nothing was created: every page still leads to the setup, login included.
    page.reload()
    expect(page).to_have_url(server + "/setup/")
    page.goto(server + "/accounts/login/")
    expect(page).to_have_url(server + "/setup/")
    expect(page.locator("[name=network_name]")).to_have_value("")

    # The setup page on a phone, errors included.
    phone = new_page(phone=True)
    phone.goto(server + "/setup/")
    fill_setup(phone, name="", password2=PASSWORD + "x")
    submit(phone)
    expect(phone.locator("#id_name_error")).to_have_text(UK_REQUIRED)
    shot(phone, "setup-errors-phone")

    assert problems.items == [], "\n".join(problems.items)
