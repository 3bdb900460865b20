"""Training pages and /api/v1/courses: what a secretary, a member and an outsider get."""

import io
import json

import pypdf
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from comity.networks import training
from comity.networks.models import Course, Enrolment, SessionAttendance
from tests.networks.test_training import build_training, pdf_text


@pytest.fixture
def world(db):
    return build_training()


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_course_page_shows_sessions_materials_people_and_links(world):
    response = client_for(world.member).get(world.course.get_absolute_url())
    assert response.status_code == 200
    body = response.content.decode()
    assert "Mutual legal assistance in practice" in body
    assert f"/networks/meetings/{world.sessions[0].pk}/" in body
    assert "Ama Mensah" in body and "Jean Dupont" in body
    assert "ama@example.org" not in body  # addresses only for the secretariat
    # The member is Olena's account: a link to her own certificate, none to the others'.
    assert f"/certificates/{world.olena.pk}.pdf?lang=uk" in body
    assert f"/certificates/{world.ama.pk}.pdf" not in body


def test_an_outsider_gets_404_and_a_member_cannot_manage(world):
    url = world.course.get_absolute_url()
    assert client_for(world.outsider).get(url).status_code == 404
    member = client_for(world.member)
    assert member.get(url + "edit/").status_code == 404
    assert member.post(url + "enrolments/new/", {"name": "X", "role": "trainee"}).status_code == 404
    assert not Enrolment.objects.filter(name="X").exists()


def test_a_failed_session_form_keeps_what_was_typed(world):
    response = client_for(world.secretary).post(
        world.course.get_absolute_url() + "sessions/new/",
        {
            "title": "Asset recovery",
            "start": "2025-04-02T09:00",
            "end": "2025-04-01T09:00",
            "time_zone": "Africa/Accra",
            "place": "Kumasi",
        },
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "The session must end after it starts." in body
    assert 'value="Asset recovery"' in body and 'value="Kumasi"' in body
    assert world.course.sessions.count() == 3


def test_a_session_typed_in_local_time_is_stored_in_its_zone(world):
    response = client_for(world.secretary).post(
        world.course.get_absolute_url() + "sessions/new/",
        {
            "title": "Kyiv day",
            "start": "2025-04-02T09:00",
            "end": "2025-04-02T17:00",
            "time_zone": "Europe/Kyiv",
        },
    )
    assert response.status_code == 302
    session = world.course.sessions.get(title="Kyiv day")
    assert session.start.isoformat() == "2025-04-02T06:00:00+00:00"  # 09:00 in Kyiv (UTC+3)


def test_the_import_page_lists_every_problem_and_enrols_nobody(world):
    count = Enrolment.objects.count()
    csv_text = "Esi Owusu,esi@example.org,Police,GHA,trainee\nYaw,bad,EOCO,ZZZ,trainee\n"
    response = client_for(world.secretary).post(
        world.course.get_absolute_url() + "enrolments/import/",
        {"file": SimpleUploadedFile("people.csv", csv_text.encode(), content_type="text/csv")},
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "Nobody was enrolled" in body
    assert "Give an e-mail address such as name@example.org." in body
    assert Enrolment.objects.count() == count


def test_the_attendance_grid_saves_marks(world):
    client = client_for(world.secretary)
    url = world.course.get_absolute_url() + "attendance/"
    assert client.get(url).status_code == 200
    data = {
        f"a-{e.pk}-{s.pk}": "present"
        for e in (world.ama, world.kofi, world.olena)
        for s in world.sessions
    }
    data[f"a-{world.kofi.pk}-{world.sessions[2].pk}"] = "bogus"
    response = client.post(url, data)
    assert response.status_code == 400  # a bad value: nothing saved, the grid shown again
    assert not SessionAttendance.objects.filter(enrolment=world.kofi, attendance="present").exists()
    data[f"a-{world.kofi.pk}-{world.sessions[2].pk}"] = "present"
    assert client.post(url, data).status_code == 302
    assert SessionAttendance.objects.filter(enrolment=world.kofi, attendance="present").count() == 3


def test_the_certificate_page_refuses_someone_who_attended_nothing(world):
    client = client_for(world.secretary)
    base = world.course.get_absolute_url()
    response = client.get(f"{base}certificates/{world.kofi.pk}.pdf", follow=True)
    assert response.redirect_chain
    assert "Kofi Boateng attended no session" in response.content.decode()
    pdf = client.get(f"{base}certificates/{world.ama.pk}.pdf?lang=en")
    assert pdf["Content-Type"] == "application/pdf"
    assert "Ama Mensah" in pdf_text(pdf.content)


def test_the_evaluation_form_and_the_results_with_a_chart_and_a_table(world):
    secretary = client_for(world.secretary)
    base = world.course.get_absolute_url()
    response = secretary.post(
        base + "evaluation/", {"enrolment": str(world.ama.pk), "q_overall": "9", "comment": "Hi"}
    )
    assert response.status_code == 400
    assert "\nHi</textarea>" in response.content.decode()
    for enrolment, score in ((world.ama, "5"), (world.kofi, "3")):
        response = secretary.post(
            base + "evaluation/",
            {
                "enrolment": str(enrolment.pk),
                "q_overall": score,
                "comment": f"From {enrolment.name}",
            },
        )
        assert response.status_code == 302
    results = client_for(world.member).get(base + "results/").content.decode()
    assert "<svg" in results and 'class="bar-chart"' in results
    assert "<table" in results and "4.00" in results
    assert "From Ama Mensah" in results


# --- API ------------------------------------------------------------------------------------------


def _json(client, method, url, body):
    return getattr(client, method)(url, data=json.dumps(body), content_type="application/json")


def test_api_create_enrol_attend_and_certify(world):
    client = client_for(world.secretary)
    created = _json(
        client, "post", "/api/v1/courses", {"network": "wacap", "title": "Cybercrime", "hours": "6"}
    )
    assert created.status_code == 201, created.content
    course_id = created.json()["id"]
    session = _json(
        client,
        "post",
        f"/api/v1/courses/{course_id}/sessions",
        {
            "start": "2025-06-01T09:00:00+02:00",
            "end": "2025-06-01T12:00:00+02:00",
            "place": "Abuja",
        },
    )
    assert session.status_code == 201, session.content
    person = _json(
        client,
        "post",
        f"/api/v1/courses/{course_id}/enrolments",
        {"name": "Ngozi Okafor", "country": "GHA", "email": "ngozi@example.org"},
    )
    assert person.status_code == 201, person.content
    enrolment_id = person.json()["id"]
    certificate_url = f"/api/v1/courses/{course_id}/certificates/{enrolment_id}?lang=uk"
    refused = client.get(certificate_url)
    assert refused.status_code == 409
    assert "attended no session" in refused.json()["detail"]
    marked = _json(
        client,
        "post",
        f"/api/v1/courses/{course_id}/attendance",
        {"session": session.json()["id"], "enrolment": enrolment_id, "attendance": "present"},
    )
    assert marked.json()["changed"] is True
    pdf = client.get(certificate_url)
    assert pdf["Content-Type"] == "application/pdf"
    reader = pypdf.PdfReader(io.BytesIO(pdf.content))
    assert "Ngozi Okafor" in reader.pages[0].extract_text()
    detail = client.get(f"/api/v1/courses/{course_id}").json()
    assert detail["enrolments"][0]["sessions_attended"] == 1


def test_api_errors_say_which_field(world):
    client = client_for(world.secretary)
    url = f"/api/v1/courses/{world.course.pk}"
    bad = _json(client, "post", url + "/enrolments", {"name": "", "email": "ama@example.org"})
    assert bad.status_code == 400
    assert {e["field"] for e in bad.json()["errors"]} == {"name", "email"}
    bad_score = _json(
        client, "post", url + "/evaluations", {"enrolment": world.ama.pk, "scores": {"overall": 7}}
    )
    assert bad_score.status_code == 400
    assert bad_score.json()["errors"][0]["field"] == "scores.overall"
    missing_doc = _json(client, "patch", url, {"materials": [987654]})
    assert missing_doc.status_code == 400
    assert missing_doc.json()["errors"][0]["field"] == "materials"


def test_api_evaluation_once_and_summary(world):
    client = client_for(world.secretary)
    url = f"/api/v1/courses/{world.course.pk}/evaluations"
    first = _json(
        client, "post", url, {"enrolment": world.ama.pk, "scores": {"overall": 5, "content": 4}}
    )
    assert first.status_code == 201
    again = _json(client, "post", url, {"enrolment": world.ama.pk, "scores": {"overall": 1}})
    assert again.status_code == 409
    _json(client, "post", url, {"enrolment": world.kofi.pk, "scores": {"overall": 2}})
    summary = client_for(world.member).get(url + "/summary").json()
    overall = next(q for q in summary["questions"] if q["question"] == "overall")
    assert overall["answers"] == 2
    assert overall["mean"] == "3.50" or float(overall["mean"]) == 3.5
    assert overall["distribution"] == {"1": 0, "2": 1, "3": 0, "4": 0, "5": 1}


def test_api_members_read_outsiders_get_404(world):
    url = f"/api/v1/courses/{world.course.pk}"
    assert client_for(world.member).get(url).status_code == 200
    assert client_for(world.member).get(url).json()["enrolments"][0]["email"] is None
    assert client_for(world.outsider).get(url).status_code == 404
    assert _json(client_for(world.member), "patch", url, {"title": "Mine"}).status_code == 404
    assert Course.objects.get(pk=world.course.pk).title == "Mutual legal assistance in practice"
    listed = client_for(world.outsider).get("/api/v1/courses").json()
    assert listed == []


def test_api_a_trainee_evaluates_their_own_enrolment(world):
    member = client_for(world.member)
    url = f"/api/v1/courses/{world.course.pk}/evaluations"
    assert (
        _json(
            member, "post", url, {"enrolment": world.ama.pk, "scores": {"overall": 4}}
        ).status_code
        == 404
    )
    assert (
        _json(
            member, "post", url, {"enrolment": world.olena.pk, "scores": {"overall": 4}}
        ).status_code
        == 201
    )
    assert training.may_evaluate(world.member, world.olena)
