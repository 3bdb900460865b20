"""Rotating a focal point: the new term begins, the previous one ends that day, history stays."""

import datetime

import pytest

from comity.audit.models import AuditEntry
from comity.directory.models import NetworkMember
from comity.networks import selectors, services
from tests.networks.helpers import wacap  # noqa: F401

pytestmark = pytest.mark.django_db
DAY = datetime.date(2026, 6, 1)


def rotate(world, **extra):
    data = {
        "network": world["network"],
        "country_id": "GHA",
        "role": "focal_point",
        "start": DAY,
        "actor": world["secretary"],
        "person_name": "Abena Mensah",
        "email": "abena@example.org",
        "handover_note": "Two extradition files pending with Nigeria.",
        **extra,
    }
    return services.rotate_focal_point(**data)


def test_rotation_ends_the_current_term_and_keeps_it_in_the_history(wacap):  # noqa: F811
    new = rotate(wacap)
    terms = list(selectors.terms(wacap["network"], country_id="GHA"))
    assert [t.person_name for t in terms] == ["Abena Mensah", "Focal point GHA"]
    old = terms[1]
    assert old.end == DAY and new.end is None and new.start == DAY
    assert new.handover_note.startswith("Two extradition files")
    current = NetworkMember.objects.current(DAY).filter(country_id="GHA", role="focal_point")
    assert list(current) == [new]
    assert list(
        NetworkMember.objects.current(DAY - datetime.timedelta(days=1)).filter(
            country_id="GHA", role="focal_point"
        )
    ) == [old]


def test_a_second_rotation_adds_a_third_term(wacap):  # noqa: F811
    rotate(wacap)
    rotate(wacap, person_name="Kwame Boateng", start=DAY + datetime.timedelta(days=365))
    terms = list(selectors.terms(wacap["network"], country_id="GHA"))
    assert [t.person_name for t in terms] == ["Kwame Boateng", "Abena Mensah", "Focal point GHA"]
    assert [t.end for t in terms] == [None, DAY + datetime.timedelta(days=365), DAY]


def test_a_new_term_cannot_begin_before_the_current_one(wacap):  # noqa: F811
    rotate(wacap)
    with pytest.raises(services.NetworkInputError) as caught:
        rotate(wacap, person_name="Too early", start=DAY - datetime.timedelta(days=1))
    assert caught.value.errors[0]["field"] == "start"
    assert NetworkMember.objects.filter(person_name="Too early").count() == 0


def test_rotation_is_audited(wacap):  # noqa: F811
    before = AuditEntry.objects.count()
    rotate(wacap)
    # The old term's end and the new term.
    assert AuditEntry.objects.count() == before + 2


def test_other_states_terms_are_untouched(wacap):  # noqa: F811
    rotate(wacap)
    nigeria = NetworkMember.objects.get(country_id="NGA", role="focal_point")
    assert nigeria.end is None


def test_the_api_rotates_and_shows_history_with_contacts_only_to_members(wacap, client):  # noqa: F811
    client.force_login(wacap["ghana_admin"])
    answer = client.post(
        "/api/v1/networks/wacap/focal-points",
        {"state": "GHA", "person": "Abena Mensah", "start": "2026-06-01", "email": "a@example.org"},
        content_type="application/json",
    )
    assert answer.status_code == 201, answer.content
    data = client.get("/api/v1/networks/wacap").json()
    ghana = [f for f in data["focal_points"] if f["state"] == "GHA"]
    assert [(f["person"], f["end"]) for f in ghana] == [
        ("Abena Mensah", None),
        ("Focal point GHA", "2026-06-01"),
    ]
    assert ghana[0]["email"] == "a@example.org"
    client.force_login(wacap["outsider"])
    outside = client.get("/api/v1/networks/wacap").json()
    assert all(f["email"] is None for f in outside["focal_points"])


def test_another_member_state_cannot_rotate_ghana(wacap, client):  # noqa: F811
    from tests import factories

    nigeria_admin = factories.UserFactory(authority=wacap["nga"], role="authority_admin")
    client.force_login(nigeria_admin)
    answer = client.post(
        "/api/v1/networks/wacap/focal-points",
        {"state": "GHA", "person": "Intruder", "start": "2026-06-01"},
        content_type="application/json",
    )
    assert answer.status_code == 404
    assert not NetworkMember.objects.filter(person_name="Intruder").exists()


def test_bad_rotation_input_names_the_field(wacap, client):  # noqa: F811
    client.force_login(wacap["secretary"])
    answer = client.post(
        "/api/v1/networks/wacap/focal-points",
        {"state": "GHA", "start": "2026-06-01"},
        content_type="application/json",
    )
    assert answer.status_code == 422
    assert answer.json()["errors"][0]["field"] == "person"


def test_the_page_shows_member_only_contacts_to_members(wacap, client):  # noqa: F811
    client.force_login(wacap["ghana_officer"])
    assert b"focal.nga@example.org" in client.get("/networks/wacap/").content
    client.force_login(wacap["outsider"])
    page = client.get("/networks/wacap/").content
    assert b"focal.nga@example.org" not in page and b"Focal point NGA" in page


def test_the_rotation_page_keeps_what_was_typed_on_error(wacap, client):  # noqa: F811
    client.force_login(wacap["secretary"])
    answer = client.post(
        "/networks/wacap/focal-points/rotate/",
        {"country": "GHA", "role": "focal_point", "start": "2026-06-01", "handover_note": "Files"},
    )
    assert answer.status_code == 200
    assert b"Name the person or the authority" in answer.content
    assert b"Files" in answer.content


def test_counterparts_are_the_current_focal_points_in_the_users_networks(wacap):  # noqa: F811
    from tests import factories

    rotate(wacap)
    nigerian = factories.UserFactory(authority=wacap["nga"], role="officer")
    found = selectors.counterparts(nigerian, "GHA")
    assert [(t.network.code, t.person_name) for t in found] == [("wacap", "Abena Mensah")]
    assert selectors.counterparts(wacap["outsider"], "GHA") == []


def test_the_request_writer_shows_the_counterparts(wacap, client):  # noqa: F811
    from comity.drafting import services as drafting_services
    from comity.drafting.schema import empty_body
    from tests import factories

    nigerian = factories.UserFactory(authority=wacap["nga"], role="officer")
    body = empty_body(kind="mla", requesting_state="NGA")
    body.update(requested_state="GHA", requesting_authority=str(wacap["nga"].pk))
    draft = drafting_services.create_request(owner=wacap["nga"], data=body, actor=nigerian)
    client.force_login(nigerian)
    page = client.get(f"/requests/{draft.pk}/facts/").content.decode()
    assert "Your counterparts" in page and "focal.gha@example.org" in page


def test_a_state_outside_the_network_cannot_rotate_itself_in(wacap, client):  # noqa: F811
    from tests import factories

    german_admin = factories.UserFactory(
        authority=wacap["outsider"].authority, role="authority_admin"
    )
    client.force_login(german_admin)
    answer = client.post(
        "/api/v1/networks/wacap/focal-points",
        {"state": "DEU", "person": "Newcomer", "start": "2026-06-01"},
        content_type="application/json",
    )
    assert answer.status_code == 404
    assert client.get("/networks/wacap/focal-points/rotate/").status_code == 404
    assert not NetworkMember.objects.filter(country_id="DEU").exists()


def test_hand_over_notes_and_contacts_stay_with_the_members(wacap, client):  # noqa: F811
    rotate(wacap)
    client.force_login(wacap["outsider"])
    page = client.get("/networks/wacap/focal-points/").content
    csv_file = client.get("/networks/wacap/focal-points/?format=csv").content
    for body in (page, csv_file):
        assert b"Abena Mensah" in body
        assert b"Two extradition files" not in body and b"abena@example.org" not in body
    client.force_login(wacap["ghana_officer"])
    assert b"Two extradition files" in client.get("/networks/wacap/focal-points/").content
