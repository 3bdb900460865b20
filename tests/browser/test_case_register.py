"""The case register as a central authority meets it.

A final Ukraine-to-Germany request is registered as sent, acknowledged and partly executed; its
deadline passes (the clock is moved on), `comity remind` runs, and the officer sees the overdue
case and writes the status enquiry. An incoming request is registered and refused on a ground of
UNTOC 18(21), after the consultation of 18(26); the statistics count it.
"""

import datetime
import io
import re

import pytest
import time_machine
from django.core.management import call_command
from playwright.sync_api import expect

from comity.casework.models import Case
from comity.drafting import services as drafting_services
from comity.drafting.models import Request
from tests.browser.helpers import sign_in_as_demo
from tests.drafting.conftest import BODIES

pytestmark = pytest.mark.browser


def _final_request_to_germany() -> Request:
    from comity.accounts.models import User

    demo = User.objects.get(username="demo")
    body = {**BODIES["mla"], "reference": "UKR-PGO-2026/118"}
    body.pop("requesting_authority", None)
    request = drafting_services.create_request(owner=demo.authority, data=body, actor=demo)
    return request


def _move(page, to, *, ground=""):
    form = page.locator("form", has=page.get_by_label("New status"))
    form.get_by_label("New status").select_option(to)
    if ground:
        form.get_by_label("Ground of refusal").select_option(ground)
    form.get_by_role("button", name="Change the status").click()


def _statistics(page, site_url) -> str:
    page.goto(f"{site_url}/cases/statistics/")
    return page.locator("main").inner_text()


def test_an_outgoing_request_is_followed_up_and_an_incoming_one_refused(
    page, site_url, demo_password
):
    request = _final_request_to_germany()
    sign_in_as_demo(page, site_url, demo_password)

    # The writer: the request is made final, then registered as sent.
    page.goto(f"{site_url}/requests/{request.pk}/review/")
    page.get_by_role("button", name="Make final").click()
    page.get_by_role("link", name="Register as sent").click()
    expect(page.get_by_label("Our reference")).to_have_value("UKR-PGO-2026/118")
    page.get_by_label("Transmission channel").select_option("email")
    page.get_by_label("Tracking number").fill("BfJ-EMAIL-0815")
    page.locator("main form").get_by_role("button", name="Register as sent").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("UKR-PGO-2026/118")
    case = Case.objects.get(request=request)
    assert (case.status, case.channel, case.counterpart_state_id) == ("sent", "email", "DEU")

    # Acknowledged, then partly executed; a move the life cycle does not allow is not offered.
    _move(page, "acknowledged")
    expect(page.locator("main")).to_contain_text("The case is now Acknowledged")
    _move(page, "partially_executed")
    offered = page.get_by_label("New status").locator("option").all_inner_texts()
    assert "Draft" not in offered and "Sent" not in offered
    case.refresh_from_db()
    assert list(case.entered) == ["draft", "sent", "acknowledged", "partially_executed"]
    page.screenshot(path="test-artifacts/screenshots/case-partially-executed.png", full_page=True)

    # The deadline passes; the reminders run from cron; the officer signs in again.
    later = datetime.datetime.combine(
        case.target_date + datetime.timedelta(days=5), datetime.time(9), tzinfo=datetime.UTC
    )
    with time_machine.travel(later, tick=True):
        call_command("remind", stdout=io.StringIO())
        call_command("remind", stdout=io.StringIO())  # a second run notifies nobody again
        sign_in_as_demo(page, site_url, demo_password)
        page.goto(f"{site_url}/")
        work = page.locator("main")
        expect(work).to_contain_text("UKR-PGO-2026/118")
        expect(work).to_contain_text("Your authority's target date passed on")
        page.goto(f"{site_url}/cases/overdue/")
        row = page.get_by_role("row").filter(has_text="UKR-PGO-2026/118")
        expect(row).to_contain_text("Overdue")
        page.screenshot(path="test-artifacts/screenshots/case-overdue.png", full_page=True)
        row.get_by_role("link", name="UKR-PGO-2026/118").click()
        page.get_by_role("link", name="Status enquiry letter").click()
        letter = page.context.request.get(f"{page.url}?format=docx&lang=de")
        assert letter.ok, letter.text()
        from docx import Document

        text = "\n".join(p.text for p in Document(io.BytesIO(letter.body())).paragraphs)
        assert "UKR-PGO-2026/118" in text and "Artikel 18 Absatz 24" in text
        from comity.casework.models import Notification

        assert Notification.objects.filter(case=case).count() == 1

    # An incoming request from Nigeria, refused after a consultation.
    before = _statistics(page, site_url)
    page.goto(f"{site_url}/cases/new/")
    page.get_by_label("Kind of request").select_option("extradition")
    page.get_by_label("Counterpart State").select_option("NGA")
    page.get_by_label("Their reference").fill("NG/FMOJ/EXT/2026/44")
    page.locator("main form").get_by_role("button", name="Register").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("UKR-IN-")
    _move(page, "registered")
    _move(page, "under_review")
    _move(page, "refused", ground="untoc_18_21_b")
    expect(page.get_by_text("consult the requesting State", exact=False).first).to_be_visible()
    consultation = page.locator("form", has=page.get_by_label("Consulted on"))
    consultation.get_by_label("With whom, and what was proposed or agreed").fill(
        "Call with the Nigerian central authority: no conditions could be agreed."
    )
    consultation.get_by_role("button").click()
    _move(page, "refused", ground="untoc_18_21_b")
    expect(page.locator("h1")).to_contain_text("Refused")
    after = _statistics(page, site_url)
    assert "Extradition" in after and "Extradition" not in before
    assert re.search(r"Sovereignty, security, ordre public .*\b1\b", after)
    page.screenshot(path="test-artifacts/screenshots/case-statistics.png", full_page=True)
