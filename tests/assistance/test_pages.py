"""The project pages: a project started from the gaps of an assessment, the project page as its
writers and its readers see it, the small forms of its parts, the exports."""

import csv
import datetime
import io
import re

from comity.assistance import services
from comity.assistance.models import Project
from tests.assistance.conftest import assessment


def _project(world, **data):
    return services.create_project(
        state="GHA",
        title="Languages notified",
        network=world.network,
        gaps=world.gaps,
        data={"currency": "GHS", **data},
        actor=world.member,
    )


def test_new_project_from_the_gaps_of_an_assessment_preselects_nothing(world, client):
    client.force_login(world.member)
    url = f"/projects/new/?assessment={world.assessment.pk}"
    page = client.get(url).content.decode()
    boxes = re.findall(r'<input type="checkbox" name="gaps"[^>]*>', page)
    assert len(boxes) == 2  # the two gaps; the question scored at the top is not offered
    assert not any("checked" in box for box in boxes)
    assert "Are the accepted languages notified?" in page
    assert "UNTOC 18(14)" in page
    languages = world.answers["mla.languages"].pk
    response = client.post(
        url, {"title": "Notify", "currency": "EUR", "network": "wacap", "gaps": [str(languages)]}
    )
    assert response.status_code == 302
    project = Project.objects.get()
    assert list(project.gaps.values_list("pk", flat=True)) == [languages]
    assert project.state_id == "GHA"


def test_a_refused_project_form_keeps_what_was_typed(world, client):
    client.force_login(world.member)
    response = client.post(
        f"/projects/new/?assessment={world.assessment.pk}",
        {"title": "Kept title", "currency": "QQQ", "network": "wacap"},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert 'value="Kept title"' in page
    assert "ISO 4217" in page
    assert not Project.objects.exists()


def test_another_member_cannot_start_a_project_from_ghanas_assessment(world, client):
    client.force_login(world.other_member)
    assert client.get(f"/projects/new/?assessment={world.assessment.pk}").status_code == 404
    client.force_login(world.outsider)
    assert client.get(f"/projects/new/?assessment={world.assessment.pk}").status_code == 404


def test_the_project_page_for_its_writers_and_its_readers(world, client):
    project = _project(
        world,
        partners=[{"name": "Norway", "role": "donor"}],
        budget=[{"label": "Expert", "amount": "5000", "donor": "Norway"}],
        indicators=[{"name": "Notified", "baseline": "0", "target": "4", "current": "3"}],
    )
    assessment(
        "GHA",
        world.network,
        datetime.date(2025, 6, 1),
        {"mla.languages": 3, "mla.dual_criminality": 1},
    )
    client.force_login(world.member)
    page = client.get(f"/projects/{project.pk}/").content.decode()
    assert "Closed" in page and "Still open" in page
    assert 'class="progress-fill" x="0" y="0" width="75"' in page
    assert "75.0 %" in page
    assert "5,000.00" in page
    assert " style=" not in page  # the CSP allows no inline style
    assert f"/projects/{project.pk}/edit/" in page
    assert 'name="to" value="approved"' in page
    client.force_login(world.other_member)
    page = client.get(f"/projects/{project.pk}/").content.decode()
    assert f"/projects/{project.pk}/edit/" not in page
    assert 'name="to"' not in page
    assert client.get(f"/projects/{project.pk}/edit/").status_code == 404
    client.force_login(world.outsider)
    assert client.get(f"/projects/{project.pk}/").status_code == 404


def test_a_budget_line_form_refuses_a_negative_amount_and_keeps_the_label(world, client):
    project = _project(world)
    client.force_login(world.member)
    url = f"/projects/{project.pk}/budget/new/"
    response = client.post(url, {"label": "Travel costs", "amount": "-3"})
    assert response.status_code == 400
    assert 'value="Travel costs"' in response.content.decode()
    response = client.post(url, {"label": "Travel costs", "amount": "30.25"})
    assert response.status_code == 302
    line = project.budget.get()
    response = client.post(f"/projects/{project.pk}/budget/{line.pk}/delete/")
    assert response.status_code == 302
    assert not project.budget.exists()


def test_an_objective_needs_one_of_the_projects_gaps(world, client):
    project = _project(world)
    client.force_login(world.secretary)
    url = f"/projects/{project.pk}/objectives/new/"
    response = client.post(url, {"text": "Notify the languages"})
    assert response.status_code == 400
    assert "Notify the languages" in response.content.decode()
    response = client.post(url, {"text": "Notify", "gaps": [str(world.gaps[0])]})
    assert response.status_code == 302
    assert project.objectives.get().gaps.get().pk == world.gaps[0]


def test_transition_buttons_move_the_project(world, client):
    project = _project(world)
    client.force_login(world.member)
    client.post(f"/projects/{project.pk}/transition/", {"to": "approved"})  # the secretariat's
    project.refresh_from_db()
    assert project.status == "proposed"
    client.force_login(world.secretary)
    client.post(f"/projects/{project.pk}/transition/", {"to": "approved"})
    client.post(f"/projects/{project.pk}/transition/", {"to": "completed"})  # not allowed
    project.refresh_from_db()
    assert project.status == "approved"


def test_exports(world, client):
    project = _project(world, budget=[{"label": "Expert", "amount": "1200.5"}])
    assessment("GHA", world.network, datetime.date(2025, 6, 1), {"mla.languages": 3})
    client.force_login(world.other_member)
    response = client.get("/projects/export.csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert rows == [
        {
            "id": str(project.pk),
            "state": "GHA",
            "network": "wacap",
            "title": "Languages notified",
            "status": "proposed",
            "currency": "GHS",
            "budget_total": "1200.50",
            "start": "",
            "end": "",
            "gaps": "2",
            "gaps_closed": "1",
        }
    ]
    data = client.get(f"/projects/{project.pk}/export.json").json()
    assert data["gaps_closed"] == 1
    client.force_login(world.outsider)
    rows = list(csv.DictReader(io.StringIO(client.get("/projects/export.csv").content.decode())))
    assert rows == []
    assert client.get(f"/projects/{project.pk}/export.json").status_code == 404


def test_the_list_filters_by_status(world, client):
    _project(world)
    client.force_login(world.member)
    assert "Languages notified" in client.get("/projects/?status=proposed").content.decode()
    assert "Languages notified" not in client.get("/projects/?status=active").content.decode()
