"""Who may edit which entry: anonymous / other State's admin / own State's admin / site admin."""

import pytest
from django.urls import reverse

from comity.audit.models import AuditEntry
from comity.directory.models import Authority
from tests.directory.conftest import login_as

MATRIX = [
    ("anonymous", 404),
    ("viewer_own", 404),
    ("admin_other", 404),
    ("admin_own", 200),
    ("site_admin", 200),
]


@pytest.mark.parametrize(("who", "status"), MATRIX)
def test_edit_page(client, people, ukr_moj, who, status):
    response = login_as(client, people, who).get(
        reverse("directory:authority_edit", args=[ukr_moj.pk])
    )
    assert response.status_code == status


@pytest.mark.parametrize(("who", "status"), MATRIX)
def test_saving_an_edit(client, people, ukr_moj, who, status):
    client = login_as(client, people, who)
    page = reverse("directory:authority_edit", args=[ukr_moj.pk])
    form = {
        "country": "UKR",
        "name": "Ministry of Justice",
        "kind": "central_authority",
        "competences": ["mla", "extradition"],
        "languages": "uk, en",
        "instruments": "UNTOC",
        "source": "https://example.org/new",
        "verified_on": "2026-11-01",
    }
    response = client.post(page, form)
    ukr_moj.refresh_from_db()
    if status == 200:
        assert response.status_code == 302
        assert ukr_moj.competences == ["mla", "extradition"]
        change = AuditEntry.objects.filter(action="update", object_id=str(ukr_moj.pk)).get()
        assert change.actor == people[who]
        assert "competences" in change.changed_fields
    else:
        assert response.status_code == 404
        assert ukr_moj.competences == ["mla"]


@pytest.mark.parametrize(("who", "status"), MATRIX)
def test_delete(client, people, ukr_moj, who, status):
    other = Authority.objects.create(country_id="UKR", name="Old office", kind="other", source="x")
    response = login_as(client, people, who).post(
        reverse("directory:authority_delete", args=[other.pk])
    )
    assert Authority.objects.filter(pk=other.pk).exists() == (status != 200)
    assert response.status_code == (302 if status == 200 else 404)


def test_own_state_admin_cannot_move_an_entry_to_another_state(client, people, ukr_moj):
    client.force_login(people["admin_own"])
    response = client.post(
        reverse("directory:authority_edit", args=[ukr_moj.pk]),
        {
            "country": "DEU",
            "name": "Ministry of Justice",
            "kind": "central_authority",
            "source": "https://example.org",
        },
    )
    assert response.status_code == 200
    assert "own State" in response.content.decode()
    ukr_moj.refresh_from_db()
    assert ukr_moj.country_id == "UKR"


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("anonymous", 401),
        ("viewer_own", 403),
        ("admin_other", 400),
        ("admin_own", 200),
        ("site_admin", 200),
    ],
)
def test_api_import_permissions(client, people, who, status, settings):
    body = "country,name,kind,source\nUKR,New office,prosecution,https://example.org\n"
    client = login_as(client, people, who)
    client.handler.enforce_csrf_checks = False
    response = client.post("/api/v1/authorities/import", body, content_type="text/csv")
    assert response.status_code == status, response.content
    assert Authority.objects.filter(name="New office").exists() == (status == 200)


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("anonymous", 404),
        ("viewer_own", 404),
        ("admin_other", 404),
        ("admin_own", 404),
        ("site_admin", 200),
    ],
)
def test_adding_a_network_member(client, people, ukr_moj, who, status):
    """Membership opens a network's member-only details: only its secretariat (here: none) and
    site admins record it, not a State's own administrators."""
    from comity.directory import services
    from comity.directory.models import NetworkMember

    services.save_network(code="wacap", data={"name": "WACAP", "source": "src"}, actor=None)
    client = login_as(client, people, who)
    response = client.post(
        reverse("networks:member_add", args=["wacap"]) + "?country=UKR",
        {
            "country": "UKR",
            "role": "focal_point",
            "authority": str(ukr_moj.pk),
            "source": "letter",
        },
    )
    if who == "anonymous":
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    else:
        assert response.status_code == (302 if status == 200 else 404)
        assert NetworkMember.objects.filter(country_id="UKR").exists() == (status == 200)
