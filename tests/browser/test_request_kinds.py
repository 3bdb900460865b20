"""Extradition and expedited preservation drafted through the pages, each along its own flow:
extradition around the person sought, the judgment and the assurances, sent through INTERPOL;
preservation addressed to the requested State's 24/7 point and starting on the data. Each ends
with the PDF read back: every value typed, the formal parts and the DRAFT mark."""

import re
import shutil
import subprocess

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import sign_in_as_demo

pytestmark = pytest.mark.browser
SHOTS = "test-artifacts/screenshots"


def _save(page):
    page.locator("main form").get_by_role("button", name="Save and continue").click()
    expect(page.get_by_text("Saved.")).to_be_visible()


def _start(page, site_url, kind: str, state: str):
    page.goto(f"{site_url}/requests/new/")
    page.get_by_label("Kind of request").select_option(kind)
    page.get_by_label("Requested State").select_option(state)
    page.get_by_role("button", name="Start").click()


def _steps(page) -> list[str]:
    return [re.sub(r"^\d+\.\s*", "", t) for t in page.locator("nav.steps li").all_inner_texts()]


def _pdf_text(page, site_url: str, lang: str = "en", extra: str = "") -> str:
    request_id = re.search(r"/requests/([0-9a-f-]{36})/", page.url).group(1)
    pdf = page.context.request.get(
        f"{site_url}/api/v1/requests/{request_id}/document?format=pdf&lang={lang}{extra}"
    )
    assert pdf.ok and pdf.body()[:4] == b"%PDF", pdf.text()[:300]
    done = subprocess.run(  # noqa: S603 - poppler on our own document
        [shutil.which("pdftotext") or "/usr/bin/pdftotext", "-", "-"],
        input=pdf.body(),
        capture_output=True,
        check=True,
    )
    return re.sub(r"\s+", " ", done.stdout.decode())


def test_extradition_with_assurances_through_interpol(page, site_url, demo_password):
    sign_in_as_demo(page, site_url, demo_password)
    _start(page, site_url, "extradition", "DEU")

    # Its own steps: no empty "Assistance requested", the warrant and assurances have theirs.
    assert _steps(page) == [
        "Parties and legal basis",
        "Person sought",
        "Warrant or judgment",
        "Offences and the law",
        "Facts",
        "Assurances and undertakings",
        "Urgency and channel",
        "Annexes",
        "Review",
    ]
    page.locator("input[name=legal_bases]").first.check()
    page.get_by_label("Our reference").fill("UKR-MOJ-EXT-2026/7")
    page.get_by_label("Language of your text").select_option("en")
    _save(page)

    expect(page.get_by_role("heading", name="Person sought")).to_be_visible()
    expect(page.get_by_label("Role")).to_have_value("person_sought")
    page.get_by_label("Full name").fill("Petro Vasylenko")
    page.get_by_label("Date of birth").fill("1979-04-12")
    page.get_by_label("Nationality").select_option("UKR")
    page.get_by_label("Identity documents").fill("Passport FK123456, issued 2019-05-02")
    page.get_by_label("Where the person is believed to be").fill("Hamburg, Germany")
    _save(page)

    expect(page.get_by_role("heading", name="Warrant or judgment")).to_be_visible()
    page.get_by_label("Warrant or judgment").select_option("judgment")
    page.get_by_label("Issued by").fill("Pecherskyi District Court of Kyiv")
    page.get_by_label("Date", exact=True).fill("2025-02-14")
    page.get_by_label("Reference", exact=True).fill("757/1234/25")
    page.get_by_label("The judgment or warrant is enforceable").check()
    page.get_by_label("Sentence imposed and remaining").fill("Six years' imprisonment")
    page.get_by_label("Sentence imposed, in months").fill("72")
    page.get_by_label("Remaining to be served, in months").fill("61")
    page.get_by_label("Time already spent in custody for these offences").fill(
        "From 2024-03-01 to 2025-02-14 in pre-trial detention"
    )
    _save(page)

    page.get_by_label("Offence", exact=True).fill("Fraud on a large scale")
    page.get_by_label("Provision (e.g. art. 209 Criminal Code)").fill(
        "Article 190(4) Criminal Code of Ukraine"
    )
    page.get_by_label("Text of the provision").fill(
        "Fraud committed on a particularly large scale is punishable by imprisonment of five to "
        "twelve years."
    )
    page.get_by_label("Maximum penalty", exact=True).fill("12 years' imprisonment")
    page.get_by_label("Maximum penalty in years").fill("12")
    _save(page)

    page.get_by_label("Summary of the relevant facts").fill(
        "In 2023 the person obtained UAH 48 million from investors by false promises of returns."
    )
    _save(page)

    expect(page.get_by_role("heading", name="Assurances and undertakings")).to_be_visible()
    page.get_by_label("Whether the person was finally judged for the same acts").fill(
        "The person has not been judged elsewhere for these acts."
    )
    page.get_by_label("Undertaking to respect the rule of speciality").check()
    _save(page)

    expect(page.get_by_role("heading", name="Urgency and channel")).to_be_visible()
    page.get_by_label("Urgent").check()
    page.get_by_label("Channel of transmission").select_option("interpol")
    page.get_by_label("INTERPOL notice or diffusion").fill("Red Notice A-1234/5-2025")
    page.get_by_label("Contact: name").fill("Iryna Melnyk")
    _save(page)

    page.goto(page.url.replace("/annexes/", "/review/"))
    preview = page.locator(".document-preview")
    expect(preview).to_contain_text("Person sought")
    expect(preview).to_contain_text("Time already spent in custody")
    page.screenshot(path=f"{SHOTS}/extradition-review.png", full_page=True)

    text = _pdf_text(page, site_url)
    for value in (
        "Request for extradition",
        "UKR-MOJ-EXT-2026/7",
        "Petro Vasylenko",
        "Passport FK123456",
        "757/1234/25",
        "From 2024-03-01 to 2025-02-14",
        "Article 190(4)",
        "UAH 48 million",
        "not been judged elsewhere",
        "Red Notice A-1234/5-2025",
        "Iryna Melnyk",
        "DRAFT",
        "Person sought",
    ):
        assert value in text, value
    assert text.index("Person sought") < text.index("Offences")


def test_preservation_to_the_24_7_point(page, site_url, demo_password):
    sign_in_as_demo(page, site_url, demo_password)
    _start(page, site_url, "preservation", "GBR")

    assert _steps(page) == [
        "Parties and 24/7 point",
        "Offence and proceedings",
        "Facts",
        "Data to preserve",
        "Undertakings and contact",
        "Review",
    ]
    addressee = page.get_by_label("Addressed to")
    expect(addressee.locator("option").nth(1)).to_have_text("Example 24/7 Cybercrime Contact Point")
    addressee.select_option(label="Example 24/7 Cybercrime Contact Point")
    page.locator("input[name=legal_bases][value='CETS-185']").check()
    page.get_by_label("Our reference").fill("UKR-CYBER-2026/31")
    page.get_by_label("Language of your text").select_option("en")
    _save(page)

    page.get_by_label("Offence", exact=True).fill("Unauthorised interference with computers")
    page.get_by_label("Provision (e.g. art. 209 Criminal Code)").fill(
        "Article 361 Criminal Code of Ukraine"
    )
    _save(page)
    page.get_by_label("Summary of the relevant facts").fill(
        "On 2026-11-20 ransomware encrypted the servers of a Kyiv hospital; the ransom note "
        "named a mailbox hosted in the United Kingdom."
    )
    _save(page)

    # The data step opens on the preservation measure: no need to add it first.
    expect(page.get_by_role("heading", name="Data to preserve")).to_be_visible()
    page.get_by_label("Data to be preserved").fill(
        "Subscriber data, IP logs and content of the mailbox recover-files@example.net"
    )
    page.get_by_label("Custodian or location of the computer system").fill(
        "Example Mail Ltd, London"
    )
    page.get_by_label("How the data relate to the offence").fill(
        "The mailbox was given in the ransom note."
    )
    page.get_by_label("Why preservation is necessary").fill(
        "The provider deletes logs after 30 days."
    )
    page.locator("main form").get_by_role("button", name="Save", exact=True).click()
    expect(page.get_by_text("Saved.")).to_be_visible()

    page.goto(page.url.replace("/measures/", "/conditions/"))
    page.get_by_label("A request for search, seizure or disclosure will follow").check()
    page.get_by_label("Urgent").check()
    page.get_by_label("Contact: name").fill("Andrii Shevchuk")
    _save(page)

    expect(page.get_by_role("heading", name="Review", exact=True)).to_be_visible()
    expect(page.locator(".document-preview")).to_contain_text(
        "Example 24/7 Cybercrime Contact Point"
    )
    page.screenshot(path=f"{SHOTS}/preservation-review.png", full_page=True)

    text = _pdf_text(page, site_url, extra="&cover_letter=true")
    for value in (
        "Request for expedited preservation of stored computer data",
        "Example 24/7 Cybercrime Contact Point",
        "UKR-CYBER-2026/31",
        "IP logs and content of the mailbox",
        "Example Mail Ltd, London",
        "deletes logs after 30 days",
        "Andrii Shevchuk",
        "Data to be preserved",
        "DRAFT",
        "transmits the enclosed request",
    ):
        assert value in text, value
