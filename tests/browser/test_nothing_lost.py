"""Nothing typed is lost, tried in Chromium as a new user would: two tabs on the same step, a
step that fails validation, leaving a step (or changing the language) with unsaved text, and a
final request, which is shown read-only with the way to reopen it."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import choose_language, sign_in_as_demo

pytestmark = pytest.mark.browser
SHOTS = "test-artifacts/screenshots"


def _new_request(page, site_url) -> str:
    page.goto(f"{site_url}/requests/new/")
    page.get_by_label("Kind of request").select_option("mla")
    page.get_by_label("Requested State").select_option("DEU")
    page.get_by_role("button", name="Start").click()
    return re.search(r"/requests/([0-9a-f-]{36})/", page.url).group(1)


def test_two_tabs_on_the_same_step_the_second_save_is_refused_and_nothing_is_lost(
    page, site_url, demo_password
):
    sign_in_as_demo(page, site_url, demo_password)
    request_id = _new_request(page, site_url)
    facts = f"{site_url}/requests/{request_id}/facts/"
    first, second = page, page.context.new_page()
    first.goto(facts)
    second.goto(facts)

    first.get_by_label("Summary of the relevant facts").fill("Funds moved through Kyiv in 2024.")
    first.locator("main form").get_by_role("button", name="Save", exact=True).click()
    expect(first.get_by_text("Saved.")).to_be_visible()

    typed = "The shell company Transit Handels GmbH sits in Berlin."
    second.get_by_label("Summary of the relevant facts").fill(typed)
    second.locator("main form").get_by_role("button", name="Save", exact=True).click()
    conflict = second.get_by_role("alert")
    expect(conflict).to_contain_text("Someone else saved this part meanwhile")
    expect(conflict).to_contain_text("Funds moved through Kyiv in 2024.")
    expect(second.get_by_label("Summary of the relevant facts")).to_have_value(typed)
    second.screenshot(path=f"{SHOTS}/two-tabs-conflict.png", full_page=True)

    second.get_by_label("Summary of the relevant facts").fill(
        "Funds moved through Kyiv in 2024. " + typed
    )
    second.get_by_role("button", name="Save my version").click()
    expect(second.get_by_text("Saved.")).to_be_visible()
    second.goto(facts)
    expect(second.get_by_label("Summary of the relevant facts")).to_have_value(
        "Funds moved through Kyiv in 2024. " + typed
    )


def test_a_step_that_fails_validation_keeps_everything_typed(page, site_url, demo_password):
    sign_in_as_demo(page, site_url, demo_password)
    request_id = _new_request(page, site_url)
    page.goto(f"{site_url}/requests/{request_id}/conditions/")
    page.get_by_label("Purpose of the evidence or action").fill("Evidence at the trial in Kyiv.")
    page.get_by_label("Contact: name").fill("Olena Koval")
    page.get_by_label("Contact: e-mail").fill("olena.koval-at-example.org")
    page.locator("main form").get_by_role("button", name="Save and continue").click()

    expect(page.get_by_text("Nothing was saved. Correct the fields marked below.")).to_be_visible()
    expect(page.get_by_label("Purpose of the evidence or action")).to_have_value(
        "Evidence at the trial in Kyiv."
    )
    expect(page.get_by_label("Contact: name")).to_have_value("Olena Koval")
    expect(page.get_by_label("Contact: e-mail")).to_have_value("olena.koval-at-example.org")
    expect(page.locator("#id_contact_email-error")).to_contain_text("valid email")
    page.screenshot(path=f"{SHOTS}/failed-step-keeps-text.png", full_page=True)

    # The page still holds unsaved text: leaving it asks first.
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.type), dialog.dismiss()))
    page.get_by_role("link", name=re.compile("Annexes")).click()
    assert dialogs == ["beforeunload"]
    expect(page.get_by_label("Contact: name")).to_have_value("Olena Koval")


def test_changing_the_language_with_unsaved_text_asks_and_can_put_it_back(
    page, site_url, demo_password
):
    sign_in_as_demo(page, site_url, demo_password)
    request_id = _new_request(page, site_url)
    page.goto(f"{site_url}/requests/{request_id}/facts/")
    field = page.get_by_label("Summary of the relevant facts")
    field.fill("Typed, not saved yet.")
    # An arrow key in the language menu changes nothing: only a chosen language does.
    page.locator(".language-menu summary").focus()
    page.keyboard.press("ArrowDown")
    expect(field).to_have_value("Typed, not saved yet.")

    page.on("dialog", lambda dialog: dialog.accept())
    choose_language(page, "Français")
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    page.get_by_role("button", name="Le rétablir").click()  # the page is in French now
    expect(page.get_by_label("Résumé des faits pertinents")).to_have_value("Typed, not saved yet.")
    page.screenshot(path=f"{SHOTS}/language-switch-restored.png", full_page=True)


def test_a_final_request_is_read_only_and_can_be_reopened(page, site_url, demo_password):
    from comity.drafting.models import Request

    sign_in_as_demo(page, site_url, demo_password)
    request_id = _new_request(page, site_url)
    Request.objects.filter(pk=request_id).update(status="final", finalised_at="2026-11-01T10:00Z")

    page.goto(f"{site_url}/requests/{request_id}/facts/")
    expect(page.get_by_role("heading", name="This request is final")).to_be_visible()
    expect(page.get_by_label("Summary of the relevant facts")).to_be_disabled()
    expect(page.get_by_role("button", name="Save and continue")).to_have_count(0)
    page.screenshot(path=f"{SHOTS}/final-read-only.png", full_page=True)

    page.get_by_role("button", name="Reopen as a draft to change it").click()
    expect(page.get_by_text("The request is now Draft.")).to_be_visible()
    page.goto(f"{site_url}/requests/{request_id}/facts/")
    expect(page.get_by_label("Summary of the relevant facts")).to_be_enabled()


def test_the_api_documentation_works_from_our_own_files_under_the_csp(page, site_url, db):
    problems = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("requestfailed", lambda r: problems.append(f"failed: {r.url}"))
    page.goto(f"{site_url}/api/v1/docs")
    expect(page.get_by_text("/api/v1/legal-basis").first).to_be_visible()
    assert not [p for p in problems if "Content Security Policy" in p or "failed" in p], problems
