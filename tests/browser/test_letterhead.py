"""An authority administrator gives the authority its house style: from the directory entry to
the letterhead page, upload a logo and the default house template, name the signatory, save, and
see the logo and the template on the page."""

import re

import pytest
from playwright.sync_api import expect

from comity.drafting.documents.house import DEFAULT_TEMPLATE
from tests import factories
from tests.browser.helpers import sign_in_as_demo

pytestmark = pytest.mark.browser


def test_upload_a_logo_and_the_default_template(page, site_url, demo_password, tmp_path):
    from comity.accounts.models import User
    from comity.drafting.models import HouseStyle

    authority = User.objects.get(username="demo").authority
    logo = tmp_path / "ministry-logo.png"
    logo.write_bytes(factories.png_logo(360, 120))

    sign_in_as_demo(page, site_url, demo_password)
    page.goto(f"{site_url}/directory/{authority.pk}/")
    page.get_by_role("link", name="Letterhead and house template").click()
    expect(
        page.get_by_role("heading", name="Letterhead and house template", level=1)
    ).to_be_visible()
    expect(
        page.get_by_text("No house template: Word documents use the built-in layout.")
    ).to_be_visible()
    expect(page.get_by_role("link", name="Download the default template")).to_be_visible()

    page.get_by_label("Logo").set_input_files(str(logo))
    page.get_by_label("House template (DOCX)").set_input_files(str(DEFAULT_TEMPLATE))
    page.get_by_label("Signatory's name").fill("Olena Kovalenko")
    page.get_by_label("Signatory's function").fill("Deputy Minister of Justice")
    page.get_by_role("button", name="Save").click()

    expect(page.get_by_text("The letterhead was saved.")).to_be_visible()
    shown = page.locator("img.letterhead-logo")
    expect(shown).to_be_visible()
    # Visible is not loaded: wait until the browser has decoded the logo, then read its size.
    page.wait_for_function(
        "image => image.complete && image.naturalWidth > 0", arg=shown.element_handle()
    )
    assert shown.evaluate("image => image.naturalWidth") == 360
    expect(page.locator("#current-template")).to_contain_text("default.docx")
    expect(page.get_by_label("Signatory's name")).to_have_value("Olena Kovalenko")
    expect(page.get_by_role("region", name="History")).to_contain_text(re.compile("Created"))

    style = HouseStyle.objects.get(authority=authority)
    assert (style.logo_width, style.logo_height, style.template_name) == (360, 120, "default.docx")
    assert bytes(style.template) == DEFAULT_TEMPLATE.read_bytes()
