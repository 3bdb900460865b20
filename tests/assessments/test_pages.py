"""The assessment pages: start, answer an area (a failed save keeps what was typed), move the
status, import, and the heat map table."""

import io
import json

from django.core.files.uploadedfile import SimpleUploadedFile

from comity.assessments import services
from comity.assessments.models import Answer
from tests.assessments.helpers import CODE


def _start(people, who="member"):
    return services.start_assessment(
        state="GHA", questionnaire=CODE, network=people.network, actor=people[who]
    )


def test_starting_offers_only_the_states_the_user_may_assess(client, people):
    client.force_login(people["member"])
    page = client.get("/assessments/new/").content.decode()
    assert '<option value="GHA"' in page and '<option value="NGA"' not in page
    answer = client.post(
        "/assessments/new/", {"state": "GHA", "questionnaire": CODE, "network": "wacap"}
    )
    assert answer.status_code == 302
    assert (
        client.post("/assessments/new/", {"state": "NGA", "questionnaire": CODE}).status_code == 404
    )


def test_the_page_shows_each_area_with_article_guidance_and_the_scale(client, people):
    assessment = _start(people)
    client.force_login(people["member"])
    page = client.get(assessment.get_absolute_url()).content.decode()
    assert 'id="area-mla"' in page and 'id="area-ext"' in page
    assert "UNTOC 18(13)" in page and "Name it in the directory." in page
    assert '<option value="3">3 — In place</option>' in page
    assert "report.pdf" in page and "export.json" in page


def test_an_area_is_saved_and_a_failed_save_keeps_what_was_typed(client, people):
    assessment = _start(people)
    client.force_login(people["member"])
    url = assessment.get_absolute_url()
    answer = client.post(
        url,
        {
            "area": "mla",
            "mla.central_authority__score": "3",
            "mla.central_authority__comment": "Designated in 2010",
            "mla.grounds__score": "",
        },
    )
    assert answer.status_code == 302 and answer["Location"].endswith("#area-mla")
    assert Answer.objects.get(question="mla.central_authority").comment == "Designated in 2010"
    assert Answer.objects.get(question="mla.grounds").score is None
    failed = client.post(
        url,
        {
            "area": "ext",
            "ext.dual_criminality__score": "9",
            "ext.dual_criminality__comment": "Typed, not to be lost",
            "ext.dual_criminality__document": "ftp://example.org/report Annual report",
        },
    )
    assert failed.status_code == 400
    page = failed.content.decode()
    assert "Typed, not to be lost" in page and "ftp://example.org/report" in page
    assert "Nothing was saved" in page
    assert not Answer.objects.filter(question="ext.dual_criminality").exists()


def test_a_service_refusal_is_shown_beside_its_field(client, people):
    assessment = _start(people)
    client.force_login(people["member"])
    answer = client.post(
        assessment.get_absolute_url(),
        {
            "area": "ext",
            "ext.dual_criminality__score": "1",
            "ext.dual_criminality__document": "ftp://example.org/report Annual report",
        },
    )
    assert answer.status_code == 400
    assert "give a web address starting with https://" in answer.content.decode()


def test_submit_and_the_draft_only_edit_rule(client, people):
    assessment = _start(people)
    client.force_login(people["member"])
    answer = client.post(f"/assessments/{assessment.pk}/status/", {"to": "submitted"})
    assert answer.status_code == 302
    page = client.get(assessment.get_absolute_url()).content.decode()
    assert "Only a draft takes answers" in page and 'name="area"' not in page
    answer = client.post(f"/assessments/{assessment.pk}/status/", {"to": "validated"})
    assert answer.status_code == 409


def test_import_on_the_page_is_all_or_nothing_with_the_problems_listed(client, people):
    assessment = _start(people)
    client.force_login(people["member"])
    data = {
        "questionnaire": CODE,
        "answers": [
            {"question": "mla.grounds", "score": 2},
            {"question": "mla.wrong", "score": 2},
        ],
    }
    upload = SimpleUploadedFile("a.json", json.dumps(data).encode())
    answer = client.post(f"/assessments/{assessment.pk}/import/", {"file": upload})
    assert answer.status_code == 400
    assert "answers[1].question" in answer.content.decode()
    assert not Answer.objects.exists()
    data["answers"].pop()
    upload = SimpleUploadedFile("a.json", io.BytesIO(json.dumps(data).encode()).read())
    assert client.post(f"/assessments/{assessment.pk}/import/", {"file": upload}).status_code == 302
    assert Answer.objects.get().score == 2


def test_the_heat_map_is_a_table_with_bands_numbers_a_caption_and_a_legend(client, people):
    assessment = _start(people)
    services.save_answers(
        assessment=assessment,
        answers=[
            {"question": "mla.central_authority", "score": 3},
            {"question": "mla.grounds", "score": 2},
        ],
        actor=people["member"],
    )
    services.transition(assessment, to="submitted", actor=people["member"])
    client.force_login(people["other_member"])
    page = client.get("/assessments/map/wacap/").content.decode()
    assert "<caption>" in page and "<table" in page
    assert '<td class="heat heat-2">2.50' in page
    assert '<td class="heat heat-none">not assessed</td>' in page
    assert "heat-missing" in page and "no assessment" in page  # Nigeria
    assert "style=" not in page.split("<main", 1)[1] and "<script>" not in page
    client.force_login(people["outsider"])
    assert client.get("/assessments/map/wacap/").status_code == 404


def test_the_list_filters_by_state(client, people):
    _start(people)
    services.start_assessment(
        state="NGA", questionnaire=CODE, network=people.network, actor=people["other_member"]
    )
    client.force_login(people["secretary"])
    page = client.get("/assessments/?state=NGA").content.decode()
    assert "Nigeria" in page and "Ghana</a>" not in page
