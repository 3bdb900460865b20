"""The legal library as a researcher meets it.

The demo officer imports a small set of documents from a JSON-lines file, searches "money
laundering bank records", narrows the results by State and by crime type, pages through them,
opens one and sees the words marked in its text beside its details and source; then searches in
Russian and in French.
"""

import json

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import sign_in_as_demo

pytestmark = pytest.mark.browser


def _documents() -> list[dict]:
    rows = [
        {
            "key": "test-gbr-confiscation",
            "type": "case",
            "title": "Crown v. Harbour Holdings: production of bank records",
            "country": "GBR",
            "language": "en",
            "date": "2023-06-01",
            "court": "Crown Court",
            "summary": "Money laundering through shell companies; bank records obtained "
            "from Switzerland by mutual legal assistance.",
            "text": "The court admitted the bank records produced under the letter of request. "
            "The defendants laundered the proceeds of bribery through three banks.",
            "crime_types": ["money_laundering", "corruption"],
            "cooperation": ["mla"],
            "instruments": ["UNCAC"],
            "example": True,
        },
        {
            "key": "test-rus-laundering",
            "type": "case",
            "title": "Приговор по делу об отмывании денежных средств",
            "country": "RUS",
            "language": "ru",
            "date": "2021-02-11",
            "summary": "Банковские выписки получены по запросу о правовой помощи.",
            "crime_types": ["money_laundering"],
            "cooperation": ["mla"],
            "example": True,
        },
        {
            "key": "test-fra-blanchiment",
            "type": "case",
            "title": "Arrêt sur le blanchiment et les relevés bancaires",
            "country": "FRA",
            "language": "fr",
            "date": "2022-09-20",
            "summary": "Les relevés bancaires obtenus par commission rogatoire sont recevables.",
            "crime_types": ["money_laundering"],
            "cooperation": ["mla"],
            "example": True,
        },
    ]
    # Enough documents of one State for a second page of results.
    rows += [
        {
            "key": f"test-deu-{n}",
            "type": "case",
            "title": f"Judgment {n} on money laundering",
            "country": "DEU",
            "language": "en",
            "year": 2000 + n,
            "summary": "Bank records were requested from abroad in a money laundering case.",
            "crime_types": ["money_laundering"],
            "example": True,
        }
        for n in range(1, 23)
    ]
    return rows


def test_import_search_narrow_and_open_a_document(page, site_url, demo_password, tmp_path):
    upload = tmp_path / "documents.jsonl"
    upload.write_text(
        "\n".join(json.dumps(row, ensure_ascii=False) for row in _documents()), encoding="utf-8"
    )
    sign_in_as_demo(page, site_url, demo_password)

    page.goto(f"{site_url}/library/import/")
    page.get_by_label("File (.jsonl)").set_input_files(str(upload))
    page.get_by_role("button", name="Import").click()
    expect(page.locator(".messages")).to_contain_text("25 new documents")

    page.get_by_label("Search the library").fill("money laundering bank records")
    page.get_by_role("button", name="Search", exact=True).click()
    status = page.locator("#results-heading")
    expect(status).to_contain_text("23 documents · showing 1–20")
    expect(page.locator(".library-results mark").first).to_be_visible()

    # Paging: 20 per page.
    page.get_by_role("link", name="Next").click()
    expect(status).to_contain_text("showing 21–23")

    # Narrow by State, then by crime type.
    facets = page.locator("aside.facets")
    facets.get_by_role("link", name="United Kingdom").click()
    expect(status).to_contain_text("1 document")
    expect(page.locator(".chip")).to_contain_text("United Kingdom")
    page.locator("aside.facets").get_by_role("link", name="Corruption").click()
    expect(page.locator(".chip")).to_have_count(2)

    page.locator(".library-results h3 a").first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Harbour Holdings")
    text = page.locator(".document-text")
    expect(text.locator("mark").first).to_have_text("bank")
    expect(page.locator("dl.facts")).to_contain_text("Crown Court")
    expect(page.locator("dl.facts")).to_contain_text("Money laundering")
    expect(page.locator(".notice-example")).to_be_visible()
    expect(page.get_by_role("link", name="UNCAC")).to_be_visible()

    # Other languages: the words are found in their other forms.
    page.goto(f"{site_url}/library/?q=отмывание+денежных+средств")
    expect(page.locator(".library-results")).to_contain_text("отмывании денежных средств")
    page.goto(f"{site_url}/library/?q=blanchiment+relevé+bancaire")
    expect(page.locator(".library-results")).to_contain_text("relevés bancaires")
    expect(page.locator(".library-results mark").first).to_be_visible()
