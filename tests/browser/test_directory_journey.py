"""The directory as a new user meets it: sign in with the demo account, read Arabic right to
left, find Ukraine's central authority for MLA under UNTOC, check its source, edit it, and see
the change in its history and in the audit log."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import choose_language, sign_in_as_demo

pytestmark = pytest.mark.browser


def test_find_check_and_edit_ukraine_central_authority(page, site_url, demo_password):
    sign_in_as_demo(page, site_url, demo_password)
    expect(page.get_by_role("link", name="Directory")).to_be_visible()

    choose_language(page, "العربية")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    page.screenshot(path="test-artifacts/screenshots/journey-arabic.png", full_page=True)
    choose_language(page, "English")
    expect(page.locator("html")).to_have_attribute("dir", "ltr")

    page.goto(f"{site_url}/directory/")
    page.get_by_label("State").select_option("UKR")
    page.get_by_label("Competence").select_option("mla")
    page.get_by_label("Instrument").fill("UNTOC")
    page.get_by_role("button", name="Search").click()
    expect(page.get_by_role("heading", name=re.compile("2 entries"))).to_be_visible()
    page.get_by_role("link", name="Ministry of Justice").click()

    expect(page.get_by_role("heading", name="Ministry of Justice", level=1)).to_be_visible()
    source = page.locator("#source-heading + dl")
    expect(source).to_contain_text("https://zaki.ru/pagesnew.php?id=58378&page=34")
    expect(source).to_contain_text("Not verified")

    page.get_by_role("link", name="Edit").click()
    page.get_by_role("textbox", name="E-mail", exact=True).fill("central.authority@example.org")
    page.get_by_label("Verified on").fill("2026-11-20")
    page.get_by_role("button", name="Save").click()

    expect(page.get_by_text("The entry was saved")).to_be_visible()
    expect(page.get_by_role("link", name="central.authority@example.org")).to_be_visible()
    expect(source).to_contain_text("2026-11-20")
    history = page.get_by_role("region", name="History")
    expect(history).to_contain_text("email")
    expect(history).to_contain_text("Demo Officer")
    page.screenshot(path="test-artifacts/screenshots/journey-edited.png", full_page=True)

    page.get_by_role("link", name="Audit log").click()
    expect(page.locator("main")).to_contain_text("Ministry of Justice")
    expect(page.locator("main")).to_contain_text("Demo Officer")
