"""A WACAP secretariat member's day, in Chromium.

The demo officer sits on WACAP's (example) secretariat. They rotate Ghana's focal point with a
hand-over note; schedule a plenary with an agenda and two library documents, list the members'
focal points and invite them; record attendance and minutes with two action items, one already
late, for which `comity remind` sends a reminder; fill in Ghana's needs assessment with evidence
and download its gap report; start an assistance project from two of its gaps; and see Ghana's
scores beside its neighbours' on the network's heat map. Screenshots of each step are kept in
test-artifacts/screenshots/.
"""

import datetime
import io
import re
from pathlib import Path

import pytest
from django.core import mail
from django.core.management import call_command
from playwright.sync_api import expect
from pypdf import PdfReader

from tests.browser.helpers import sign_in_as_demo

pytestmark = pytest.mark.browser
SHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"


def shot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"network-{name}.png"), full_page=True)


def rotate_ghana(page, site_url):
    page.goto(f"{site_url}/networks/wacap/")
    expect(page.get_by_role("cell", name="focal.point.gha@example.org")).to_be_visible()
    page.get_by_role("link", name="Rotate a focal point").click()
    page.get_by_label("State").select_option("GHA")
    page.get_by_label("Person").fill("Abena Mensah")
    page.get_by_label("E-mail").fill("abena.mensah@example.org")
    page.get_by_label("Term starts on").fill(datetime.date.today().isoformat())
    page.get_by_label("Hand-over note").fill(
        "Two extradition files with Nigeria are pending; the Lagos prosecutor expects a call."
    )
    page.get_by_role("button", name="Record the new term").click()
    expect(page.get_by_text("The new term was recorded")).to_be_visible()
    rows = page.locator("tbody tr")
    expect(rows).to_have_count(2)
    expect(rows.nth(0)).to_contain_text("Abena Mensah")
    expect(rows.nth(0)).to_contain_text("current")
    expect(rows.nth(0)).to_contain_text("Two extradition files")
    expect(rows.nth(1)).to_contain_text("Example Focal Point (GHA)")
    expect(rows.nth(1)).to_contain_text(datetime.date.today().isoformat())
    shot(page, "1-rotation-history")


def schedule_plenary(page, site_url) -> str:
    page.goto(f"{site_url}/networks/wacap/")
    page.get_by_role("link", name="Schedule a meeting").click()
    page.get_by_label("Kind").select_option("plenary")
    page.get_by_label("Title").fill("WACAP plenary meeting")
    start = datetime.date.today() - datetime.timedelta(days=1)
    page.get_by_label("Starts").fill(f"{start.isoformat()}T09:00")
    page.get_by_label("Ends").fill(f"{start.isoformat()}T17:00")
    page.get_by_label("Place").fill("Accra, Ghana")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", name="WACAP plenary meeting")).to_be_visible()
    meeting_url = page.url
    page.get_by_role("link", name="Edit the agenda and its documents").click()
    page.get_by_label("Agenda items").fill(
        "Opening and adoption of the agenda\nExtradition practice in the region\nAny other business"
    )
    page.get_by_role("button", name="Save the agenda").click()
    page.get_by_role("link", name="Edit the agenda and its documents").click()
    page.locator("#doc-2").select_option(
        label=["Manual on Mutual Legal Assistance and Extradition", "Model Law on Extradition"]
    )
    page.get_by_role("button", name="Save the agenda").click()
    agenda = page.locator("ol.agenda")
    expect(agenda.get_by_role("link", name="Model Law on Extradition")).to_be_visible()
    expect(
        agenda.get_by_role("link", name="Manual on Mutual Legal Assistance and Extradition")
    ).to_be_visible()
    return meeting_url


def invite_and_record(page):
    page.get_by_role("button", name="Add every member's focal points").click()
    expect(page.get_by_text("focal points were added")).to_be_visible()
    page.get_by_role("button", name="Send the invitations not sent yet").click()
    expect(page.get_by_text("invitations were sent")).to_be_visible()
    invited = {address for message in mail.outbox for address in message.to}
    assert "abena.mensah@example.org" in invited
    assert "focal.point.gha@example.org" not in invited  # her predecessor's term has ended
    assert all(m.attachments[0][0] == "meeting.ics" for m in mail.outbox)
    page.get_by_label("Attendance: Abena Mensah").select_option("present")
    page.get_by_label("Attendance: Example Focal Point (NGA)").select_option("present")
    page.get_by_label("Attendance: Example Focal Point (TGO)").select_option("excused")
    page.get_by_role("button", name="Save attendance").click()
    expect(page.get_by_text("Attendance saved (3 changed)")).to_be_visible()
    page.get_by_label("Minutes").fill(
        "The chair opened the meeting. Members reported on extradition practice."
    )
    page.get_by_label("Decisions").fill(
        "Adopt the 2027 work plan.\nHold the next plenary in Dakar."
    )
    page.get_by_role("button", name="Save the minutes").click()
    late = (datetime.date.today() - datetime.timedelta(days=2)).isoformat()
    soon = (datetime.date.today() + datetime.timedelta(days=60)).isoformat()
    for title, owner, email, deadline in (
        ("Send the 2026 statistics of requests", "Abena Mensah", "abena.mensah@example.org", late),
        ("Circulate the draft work plan", "Example Focal Point (SEN)", "", soon),
    ):
        page.get_by_text("Add an action item").click()
        form = page.locator("form[action$='/actions/']")
        form.locator("input[name=title]").fill(title)
        form.locator("input[name=owner_name]").fill(owner)
        form.get_by_label("Owner's e-mail").fill(email)
        form.locator("input[name=deadline]").fill(deadline)
        form.get_by_role("button", name="Add").click()
        expect(page.get_by_text("The action item was added.")).to_be_visible()
    expect(page.locator("#actions").locator("xpath=following-sibling::table[1]")).to_contain_text(
        "Overdue"
    )
    shot(page, "2-plenary")


def remind_of_the_late_item():
    mail.outbox.clear()
    call_command("remind")
    call_command("remind")
    # The demo's example cases and its example plenary's late item are reminded too; ours once.
    ours = [m.subject for m in mail.outbox if "abena.mensah@example.org" in m.to]
    assert ours == ["Overdue action item: Send the 2026 statistics of requests"]
    assert "Circulate the draft work plan" not in " ".join(m.subject for m in mail.outbox)


def assess_ghana(page, site_url) -> str:
    page.goto(f"{site_url}/assessments/new/")
    page.get_by_label("State").select_option("GHA")
    page.get_by_label("Questionnaire").select_option("untoc")
    page.get_by_label("Network").select_option("wacap")
    page.get_by_role("button", name="Start").click()
    mla = page.locator("#area-mla")
    mla.locator("select[name='mla.central_authority__score']").select_option("3")
    mla.locator("select[name='mla.central_authority__authority']").select_option(index=0)
    mla.locator("select[name='mla.languages__score']").select_option("1")
    mla.locator("textarea[name='mla.languages__comment']").fill(
        "Only English notified; French requests from neighbours are delayed."
    )
    mla.locator("select[name='mla.statistics__score']").select_option("0")
    mla.get_by_role("button", name=re.compile("Save")).click()
    ext = page.locator("#area-extradition")
    for select in ext.locator("select[name$='__score']").all():
        select.select_option("2")
    ext.get_by_role("button", name=re.compile("Save")).click()
    expect(page.locator("section", has=page.locator("#summary"))).to_contain_text("gaps")
    assessment_url = page.url.split("#")[0]
    with page.expect_download() as download:
        page.get_by_role("button", name="Download PDF").click()
    pdf = PdfReader(io.BytesIO(Path(download.value.path()).read_bytes()))
    text = " ".join(p.extract_text() for p in pdf.pages)
    assert "Ghana" in text and "UNTOC 18(14)" in text
    assert "Only English notified" in text
    page.get_by_role("button", name="Submit").click()
    shot(page, "3-assessment")
    return assessment_url


def project_from_gaps(page):
    page.get_by_role("link", name="Start a technical-assistance project from these gaps").click()
    page.get_by_label("Title").fill("Ghana: MLA languages and statistics")
    page.get_by_label("Currency").fill("USD")
    page.get_by_label(re.compile("languages", re.I)).first.check()
    page.get_by_label(re.compile("statistics", re.I)).first.check()
    page.get_by_role("button", name="Create the project").click()
    expect(page.get_by_role("heading", name="Ghana: MLA languages and statistics")).to_be_visible()
    expect(page.locator("main")).to_contain_text("UNTOC 18(14)")
    shot(page, "4-project")


def heat_map(page, site_url):
    page.goto(f"{site_url}/assessments/map/wacap/")
    ghana = page.locator("tr", has=page.get_by_role("rowheader", name=re.compile("Ghana")))
    expect(ghana).to_contain_text("Submitted")
    expect(ghana.locator("td.heat").first).to_be_visible()
    assert ghana.locator("td.heat").count() == 11
    togo = page.locator("tr", has=page.get_by_role("rowheader", name=re.compile("Togo")))
    expect(togo).to_contain_text("Example data")
    expect(ghana).to_contain_text("(3/6)")  # MLA: 3 of its 6 questions answered
    shot(page, "5-heat-map")


def test_a_secretariat_member_runs_the_network(page, site_url, demo_password):
    sign_in_as_demo(page, site_url, demo_password)
    rotate_ghana(page, site_url)
    schedule_plenary(page, site_url)
    invite_and_record(page)
    remind_of_the_late_item()
    assess_ghana(page, site_url)
    project_from_gaps(page)
    heat_map(page, site_url)
