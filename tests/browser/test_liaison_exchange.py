"""Two FIU analysts and the prior-consent rule, in Chromium.

Ghana's (example) FIU asks Nigeria's about two accounts under H2, source B, information 2.
Nigeria's analyst finds the request by an account number typed another way, and answers. Passing
the answer to Nigeria's police is refused until Ghana's FIU consents; once Ghana consents, it
goes. Ghana's analyst turns the answer into a draft MLA request, which shows where it came from
and the H1 rule. After the retention period, `comity purge` removes the bodies and the pages
say so. Screenshots of each step are kept in test-artifacts/screenshots/liaison-*.png.
"""

import datetime
import io
from pathlib import Path

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from comity.liaison.models import Message
from tests.browser.helpers import sign_in_as_demo

pytestmark = pytest.mark.browser
SHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"
GHANA, NIGERIA = "demo-gh-fiu", "demo-ng-fiu"
SUBJECT = "Transfers of Volta Trading to two Lagos accounts"


def shot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"liaison-{name}.png"), full_page=True)


def as_user(page, site_url, password, username) -> None:
    page.context.clear_cookies()
    sign_in_as_demo(page, site_url, password, username=username)
    expect(page.get_by_role("link", name="Informal channel")).to_be_visible()


def ghana_asks(page, site_url) -> None:
    page.goto(f"{site_url}/liaison/")
    page.get_by_role("link", name="New message").click()
    page.get_by_label("To (contact point)").select_option(
        label="NGA — Example Financial Intelligence Unit (Financial intelligence unit)"
    )
    page.get_by_label("Kind of message").select_option("request")
    page.get_by_label("Answer wanted by").fill(
        (datetime.date.today() + datetime.timedelta(days=7)).isoformat()
    )
    page.locator("#id_handling").select_option("H2")
    page.get_by_label("Evaluation of the source").select_option("B")
    page.get_by_label("Evaluation of the information").select_option("2")
    page.get_by_label("Subject").fill(SUBJECT)
    page.get_by_label("Message", exact=True).fill(
        "Volta Trading Ltd sent 1.2 million cedis to two accounts in Lagos in March. Who holds "
        "them, who signs, and where did the money go next?"
    )
    page.locator("#id_entity_type_0").select_option("account")
    page.locator("#id_entity_value_0").fill("NG12 ABCD 0000 1111 2222")
    page.locator("#id_entity_type_1").select_option("account")
    page.locator("#id_entity_value_1").fill("NG34 EFGH 3333 4444 5555")
    page.locator("#id_entity_type_2").select_option("company")
    page.locator("#id_entity_value_2").fill("Volta Trading Ltd")
    page.get_by_role("button", name="Send").click()
    expect(page.locator(".message-success")).to_contain_text("sent.")
    expect(page.locator(".handling").first).to_contain_text("H2 — no dissemination")
    expect(page.locator(".handling").first).to_contain_text("B2")
    shot(page, "1-request-sent")


def nigeria_answers(page, site_url) -> None:
    page.goto(f"{site_url}/liaison/")
    expect(page.get_by_text("unread").first).to_be_visible()
    page.get_by_label("Find messages about").fill("ng12abcd000011112222")
    page.get_by_role("button", name="Search").click()
    page.get_by_role("link", name=SUBJECT).click()
    shot(page, "2-request-received")
    page.get_by_role("link", name="Answer", exact=True).click()
    page.locator("#id_handling").select_option("H1")
    page.get_by_label("Evaluation of the source").select_option("A")
    page.get_by_label("Evaluation of the information").select_option("1")
    page.get_by_label("Message", exact=True).fill(
        "Both accounts are held by Eko Logistics Ltd; the sole signatory is Mr Tunde Bello. The "
        "funds left for a Dubai account within two days."
    )
    page.locator("#id_entity_type_0").select_option("person")
    page.locator("#id_entity_value_0").fill("Tunde Bello")
    page.get_by_role("button", name="Send").click()
    expect(page.locator(".handling").first).to_contain_text("H1")


def nigeria_forward_refused_then_asks(page) -> str:
    answer_url = page.url
    page.get_by_label("Forward to").select_option(
        label="NGA — Example Police INTERPOL National Central Bureau (Police)"
    )
    page.get_by_role("button", name="Forward").click()
    expect(page.get_by_text("Not forwarded.")).to_be_visible()
    shot(page, "3-forward-refused")
    page.locator(".notice-error").get_by_role("link", name="Ask the originator's consent").click()
    page.get_by_label("Message", exact=True).fill(
        "We would like to pass the answer to our police (INTERPOL NCB Lagos) for their "
        "investigation into Eko Logistics."
    )
    page.get_by_role("button", name="Send").click()
    expect(page.get_by_role("heading", name="Request for consent", exact=False)).to_be_visible()
    return answer_url


def ghana_consents(page, site_url) -> None:
    page.goto(f"{site_url}/liaison/")
    page.get_by_role("link", name="Request for consent: message", exact=False).click()
    page.get_by_label("I consent", exact=True).check()
    page.get_by_label("Conditions or reasons").fill("For intelligence only; no use as evidence.")
    page.get_by_role("button", name="Send the answer").click()
    expect(page.get_by_text("Your answer was sent")).to_be_visible()
    shot(page, "4-consent-given")


def nigeria_forwards(page, answer_url) -> None:
    page.goto(answer_url)
    page.get_by_label("Forward to").select_option(
        label="NGA — Example Police INTERPOL National Central Bureau (Police)"
    )
    page.get_by_role("button", name="Forward").click()
    expect(page.get_by_text("Forwarded to Example Police")).to_be_visible()
    shot(page, "5-forwarded")


def ghana_requests_formally(page, answer_url) -> None:
    page.goto(answer_url)
    page.get_by_role("button", name="Start a formal request").click()
    origin = page.locator("#origins-heading").locator("..")
    expect(origin).to_contain_text("Started from the informal channel")
    expect(origin).to_contain_text("H1")
    expect(origin).to_contain_text("may not be used as evidence without the originator")
    shot(page, "6-formal-draft")
    page.get_by_role("link", name="Facts", exact=False).first.click()
    expect(page.locator("textarea").first).to_contain_text("[[")
    expect(page.locator("textarea").first).to_contain_text("Eko Logistics")


def purge_and_look(page, answer_url) -> None:
    Message.objects.update(expires_on=datetime.date.today() - datetime.timedelta(days=1))
    call_command("purge", stdout=io.StringIO())
    page.goto(answer_url)
    expect(page.get_by_role("heading", name="Purged")).to_be_visible()
    expect(page.get_by_text("Eko Logistics")).to_have_count(0)
    shot(page, "7-purged")


def test_two_fius_exchange_under_h2_and_go_formal(page, site_url, demo_password):
    as_user(page, site_url, demo_password, GHANA)
    ghana_asks(page, site_url)
    as_user(page, site_url, demo_password, NIGERIA)
    nigeria_answers(page, site_url)
    answer_url = nigeria_forward_refused_then_asks(page)
    as_user(page, site_url, demo_password, GHANA)
    ghana_consents(page, site_url)
    as_user(page, site_url, demo_password, NIGERIA)
    nigeria_forwards(page, answer_url)
    as_user(page, site_url, demo_password, GHANA)
    ghana_requests_formally(page, answer_url)
    purge_and_look(page, answer_url)
    assert Message.objects.filter(purged_at__isnull=False).count() == Message.objects.count()
