"""The document library in a browser: a citizen asks the portal in their own words and
opens the article that answers."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.e2e, pytest.mark.demo_network]


def test_citizen_finds_the_article_by_an_inflected_phrase(server, page, shot):
    page.goto(server + "/")
    box = page.locator("input[id^=law-q-]").first
    box.fill("строки розгляду запитів на публічну інформацію")
    box.press("Enter")
    hit = page.locator(".card", has_text="Стаття 20. Строк розгляду запитів на інформацію").first
    expect(hit).to_be_visible()
    expect(hit.locator("mark").first).to_be_visible()  # the words found are marked
    expect(page.locator(".card").first).to_contain_text("Про доступ до публічної інформації")
    shot(page, "portal-laws-search")
    hit.locator("h2 a").click()
    page.wait_for_url(re.compile(r"/laws/\d+/doc/\d+/#a\d+$"))
    article = page.locator("section.article-text", has_text="Стаття 20. Строк розгляду")
    expect(article).to_be_visible()
    expect(article).to_contain_text("не пізніше п'яти робочих днів")
    shot(page, "portal-law-article")


def test_a_query_of_symbols_gives_a_hint_not_an_error(server, page):
    page.goto(server + "/")
    box = page.locator("input[id^=law-q-]").first
    box.fill('" * ( NEAR')
    box.press("Enter")
    expect(page.locator("h1")).to_be_visible()
    expect(page.locator(".alert").first).to_be_visible()
