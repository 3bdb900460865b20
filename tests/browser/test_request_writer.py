"""The request writer as a new user meets it: an MLA request from Ukraine to Germany for bank
records and a witness hearing in a money-laundering case. The missing summary of facts is
reported with its citation, fixed, and the request is downloaded as DOCX and PDF."""

import io
import re

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import sign_in_as_demo

pytestmark = pytest.mark.browser


def _save(page):
    page.locator("main form").get_by_role("button", name="Save and continue").click()
    expect(page.get_by_text("Saved.")).to_be_visible()


def test_mla_request_ukraine_to_germany(page, site_url, demo_password):
    sign_in_as_demo(page, site_url, demo_password)

    page.goto(f"{site_url}/requests/new/")
    page.get_by_label("Kind of request").select_option("mla")
    page.get_by_label("Requested State").select_option("DEU")
    page.get_by_role("button", name="Start").click()

    # Parties: the engine proposes the bases both States are bound by.
    expect(page.get_by_role("heading", name="Parties and legal basis")).to_be_visible()
    page.get_by_label(re.compile(r"^UNTOC — ")).check()
    page.get_by_label("Our reference").fill("UKR-PGO-2026/118")
    page.get_by_label("Language of your text").select_option("en")
    _save(page)

    # Proceedings and the offence.
    page.get_by_label("Stage of the proceedings").select_option("investigation")
    page.get_by_label("Authority conducting the proceedings, and its functions").fill(
        "Office of the Prosecutor General of Ukraine, supervising the pre-trial investigation"
    )
    page.get_by_label("Subject matter and nature of the proceedings").fill(
        "Criminal investigation No. 42026000000000118 into laundering of proceeds of fraud"
    )
    page.get_by_label("Offence", exact=True).fill("Legalisation (laundering) of proceeds of crime")
    page.get_by_label("Category").select_option("money_laundering")
    page.get_by_label("Provision (e.g. art. 209 Criminal Code)").fill(
        "Article 209 Criminal Code of Ukraine"
    )
    page.get_by_label("Maximum penalty", exact=True).fill("12 years' imprisonment")
    _save(page)

    # Facts left empty for now: straight to the measures.
    page.goto(page.url.replace("/facts/", "/measures/"))
    page.get_by_label("Add a measure").select_option("bank_records")
    page.get_by_role("button", name="Save").click()
    page.get_by_label("Bank or financial institution").fill("Beispielbank AG, Berlin")
    page.get_by_label("Account identifiers (IBAN or account numbers)").fill(
        "DE89370400440532013000"
    )
    page.get_by_label("Account holder").fill("Transit Handels GmbH")
    page.get_by_label("Period from").fill("2024-01-01")
    page.get_by_label("Period to").fill("2025-06-30")
    page.get_by_label("Documents sought (statements, opening documents, …)").fill(
        "Account opening documents and statements for the period"
    )
    page.get_by_label("Add a measure").select_option("testimony")
    page.get_by_role("button", name="Save").click()
    page.get_by_label("Witness or person to be heard").fill("Klaus Beispiel")
    page.get_by_label("Capacity (witness, suspect, expert, victim)").fill("witness")
    page.get_by_label("Questions to be put").fill("Who instructed the transfers of March 2024?")
    page.get_by_role("button", name="Save").click()

    page.goto(page.url.replace("/measures/", "/conditions/"))
    page.get_by_label("Purpose of the evidence or action").fill(
        "Evidence for the criminal proceedings against the suspects in Ukraine"
    )
    page.get_by_label("Contact: name").fill("Olena Koval")
    page.get_by_label("Contact: e-mail").fill("o.koval@example.org")
    _save(page)

    # The checks name the missing summary of facts and cite UNTOC 18(15)(c).
    page.goto(page.url.replace("/annexes/", "/review/"))
    checks = page.locator("#checks-panel")
    expect(checks).to_contain_text("UNTOC 18(15)(c)")
    page.screenshot(path="test-artifacts/screenshots/request-missing-facts.png", full_page=True)

    # The check links to the field where it is fixed.
    page.get_by_role("link", name="Go to the field (Facts)").first.click()
    expect(page).to_have_url(re.compile(r"/facts/#id_facts$"))
    page.get_by_label("Summary of the relevant facts").fill(
        "Between January 2024 and June 2025 the suspects moved EUR 2.4 million obtained by fraud "
        "through accounts of Transit Handels GmbH at Beispielbank AG in Berlin."
    )
    _save(page)
    page.goto(page.url.replace("/persons/", "/review/"))
    expect(page.locator("#checks-panel")).not_to_contain_text("UNTOC 18(15)(c)")
    page.screenshot(path="test-artifacts/screenshots/request-review.png", full_page=True)

    request_id = re.search(r"/requests/([0-9a-f-]{36})/", page.url).group(1)
    docx = page.context.request.get(
        f"{site_url}/api/v1/requests/{request_id}/document?format=docx&lang=en"
    )
    assert docx.ok, docx.text()
    from docx import Document

    text = "\n".join(p.text for p in Document(io.BytesIO(docx.body())).paragraphs)
    tables = Document(io.BytesIO(docx.body())).tables
    text += "\n".join(c.text for t in tables for r in t.rows for c in r.cells)
    for value in (
        "UKR-PGO-2026/118",
        "DE89370400440532013000",
        "Klaus Beispiel",
        "EUR 2.4 million",
    ):
        assert value in text
    pdf = page.context.request.get(
        f"{site_url}/api/v1/requests/{request_id}/document?format=pdf&lang=uk"
    )
    assert pdf.ok and pdf.body()[:4] == b"%PDF"
