"""The home page opens in Chromium, and switching to Arabic turns the page right-to-left."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_home_page_then_arabic_is_right_to_left(page, site_url):
    page.goto(f"{site_url}/")

    expect(page).to_have_title(re.compile("comity", re.IGNORECASE))
    expect(page.get_by_role("link", name="Sign in").first).to_be_visible()
    expect(page.locator("html")).to_have_attribute("dir", "ltr")

    # The language menu changes the language only when a language is chosen in it.
    page.locator(".language-menu summary").click()
    page.get_by_role("button", name="العربية").click()
    page.wait_for_load_state()

    html = page.locator("html")
    expect(html).to_have_attribute("lang", "ar")
    expect(html).to_have_attribute("dir", "rtl")
