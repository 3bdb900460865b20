"""Meetings: the calendar file read back by an iCalendar parser, invitations by e-mail with the
meeting attached, registration from the link, minutes, decisions, the status's life cycle."""

import datetime

import pytest
from django.core import mail
from icalendar import Calendar

from comity.library import services as library_services
from comity.networks import ics, invitations, services
from comity.networks.models import Event, Participant
from tests.networks.helpers import plenary, wacap  # noqa: F401

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def site_url(settings):
    settings.COMITY_SITE_URL = "https://comity.example/"


def events_in(body: bytes) -> list:
    calendar = Calendar.from_ical(body)
    return [c for c in calendar.walk() if c.name == "VEVENT"]


def test_the_ics_of_a_meeting_parses_with_its_times_agenda_and_link(wacap):  # noqa: F811
    event = plenary(wacap, online_url="https://meet.example/wacap")
    services.set_agenda(
        event=event,
        items=[{"title": "Opening"}, {"title": "Extradition practice"}],
        actor=wacap["secretary"],
    )
    event.refresh_from_db()
    (item,) = events_in(ics.event_ics(event, site_url="https://comity.example/"))
    assert str(item["uid"]) == f"{event.uid}@comity"
    assert item.decoded("dtstart") == event.start.replace(microsecond=0).astimezone(datetime.UTC)
    assert item.decoded("dtend") - item.decoded("dtstart") == datetime.timedelta(hours=8)
    assert str(item["summary"]) == "WACAP plenary"
    assert "2. Extradition practice" in str(item["description"])
    assert "meet.example/wacap" in str(item["location"])
    assert str(item["url"]) == f"https://comity.example/networks/meetings/{event.pk}/"
    assert int(item["sequence"]) == event.sequence >= 1


def test_a_change_raises_the_sequence_and_a_cancellation_stays_in_the_feed(wacap):  # noqa: F811
    event = plenary(wacap)
    first = event.sequence
    event = services.update_event(event=event, data={"place": "Abuja"}, actor=wacap["secretary"])
    assert event.sequence == first + 1
    services.transition(event, to="cancelled", actor=wacap["secretary"])
    body = ics.calendar_ics(Event.objects.all(), name="WACAP", site_url="https://c.example/")
    (item,) = events_in(body)
    assert str(item["status"]) == "CANCELLED"
    assert str(Calendar.from_ical(body)["x-wr-calname"]) == "WACAP"


def test_the_subscription_feed_answers_a_members_token_and_nothing_else(wacap, client):  # noqa: F811
    plenary(wacap)
    token = ics.feed_token(wacap["ghana_officer"], "wacap")
    answer = client.get(f"/networks/wacap/calendar.ics?token={token}")
    assert answer.status_code == 200 and answer["Content-Type"].startswith("text/calendar")
    assert len(events_in(answer.content)) == 1
    assert client.get(f"/networks/other/calendar.ics?token={token}").status_code == 404
    outsider = ics.feed_token(wacap["outsider"], "wacap")
    assert client.get(f"/networks/wacap/calendar.ics?token={outsider}").status_code == 404
    assert client.get("/networks/wacap/calendar.ics?token=forged").status_code == 404


def test_invitations_carry_the_meeting_and_a_registration_link(wacap, client):  # noqa: F811
    event = plenary(wacap)
    services.add_participant(
        event=event, actor=wacap["secretary"], name="Ama Owusu", email="ama@example.org"
    )
    services.add_participant(event=event, actor=wacap["secretary"], name="No address")
    sent, failed = invitations.invite(event=event, actor=wacap["secretary"])
    assert (sent, failed) == (1, 0)
    (message,) = mail.outbox
    assert message.to == ["ama@example.org"] and "WACAP plenary" in message.subject
    (filename, body, kind) = message.attachments[0]
    assert filename == "meeting.ics"
    assert (
        kind == "text/calendar"
        and len(events_in(body.encode() if isinstance(body, str) else body)) == 1
    )
    link = next(line for line in message.body.splitlines() if "/networks/register/" in line)
    # A second run does not invite the same person again.
    assert invitations.invite(event=event, actor=wacap["secretary"]) == (0, 0)
    path = link.replace("https://comity.example", "")
    assert client.get(path).status_code == 200
    assert client.post(path).status_code == 302
    assert Participant.objects.get(email="ama@example.org").registered_at is not None


def test_a_failed_invitation_is_not_marked_sent(wacap, settings):  # noqa: F811
    settings.EMAIL_BACKEND = "tests.casework.failing_mail.Backend"
    event = plenary(wacap)
    services.add_participant(event=event, actor=wacap["secretary"], name="A", email="a@example.org")
    assert invitations.invite(event=event, actor=wacap["secretary"]) == (0, 1)
    assert Participant.objects.get(email="a@example.org").invited_at is None


def test_agenda_documents_must_be_readable_by_the_secretariat(wacap):  # noqa: F811
    event = plenary(wacap)
    private = library_services.create(
        actor=wacap["ghana_officer"],
        data={
            "type": "publication",
            "title": "Internal note",
            "language": "en",
            "access": "authority",
        },
    )
    public = library_services.create(
        actor=wacap["ghana_officer"],
        data={"type": "publication", "title": "Guide", "language": "en", "access": "public"},
    )
    with pytest.raises(services.NetworkInputError):
        services.set_agenda(
            event=event,
            items=[{"title": "Item", "documents": [private.pk]}],
            actor=wacap["secretary"],
        )
    services.set_agenda(
        event=event, items=[{"title": "Item", "documents": [public.pk]}], actor=wacap["secretary"]
    )
    assert list(event.agenda.get().documents.all()) == [public]


def test_minutes_decisions_and_the_held_status(wacap):  # noqa: F811
    event = plenary(wacap, days=-1)
    services.save_minutes(
        event=event,
        minutes="The chair opened the meeting.",
        decisions=["Adopt the work plan.", "", "Meet again in Dakar."],
        actor=wacap["secretary"],
    )
    assert list(event.decisions.values_list("text", flat=True)) == [
        "Adopt the work plan.",
        "Meet again in Dakar.",
    ]
    event = services.transition(event, to="held", actor=wacap["secretary"])
    assert event.status == "held" and event.held_at is not None
    with pytest.raises(services.TransitionRefused):
        services.transition(event, to="cancelled", actor=wacap["secretary"])


def test_a_future_meeting_cannot_be_recorded_as_held(wacap):  # noqa: F811
    event = plenary(wacap)
    with pytest.raises(services.TransitionRefused):
        services.transition(event, to="held", actor=wacap["secretary"])


def test_the_api_creates_a_meeting_with_agenda_and_refuses_an_end_before_start(wacap, client):  # noqa: F811
    client.force_login(wacap["secretary"])
    good = {
        "network": "wacap",
        "kind": "plenary",
        "title": "Plenary",
        "start": "2030-03-01T09:00:00Z",
        "end": "2030-03-01T17:00:00Z",
        "agenda": [{"title": "Opening"}],
    }
    answer = client.post("/api/v1/events", good, content_type="application/json")
    assert answer.status_code == 201, answer.content
    assert answer.json()["agenda"][0]["title"] == "Opening"
    bad = {**good, "end": "2030-02-28T17:00:00Z"}
    answer = client.post("/api/v1/events", bad, content_type="application/json")
    assert answer.status_code == 422 and answer.json()["errors"][0]["field"] == "end"
    ics_answer = client.get(f"/api/v1/events/{Event.objects.get().pk}/ics")
    assert ics_answer["Content-Type"].startswith("text/calendar")
    assert len(events_in(ics_answer.content)) == 1


def test_an_online_link_longer_than_a_meeting_keeps_is_refused_with_its_field(wacap, client):  # noqa: F811
    client.force_login(wacap["secretary"])
    created = client.post(
        "/api/v1/events",
        {
            "network": "wacap",
            "kind": "plenary",
            "title": "Plenary",
            "start": "2030-03-01T09:00:00Z",
            "end": "2030-03-01T17:00:00Z",
        },
        content_type="application/json",
    ).json()
    long_link = "https://meet.example.org/" + "a" * 2000
    answer = client.patch(
        f"/api/v1/events/{created['id']}",
        {"title": "Plenary", "online_url": long_link},
        content_type="application/json",
    )
    assert answer.status_code in (400, 422), answer.content
    assert "online_url" in answer.content.decode()
    assert client.get(f"/api/v1/events/{created['id']}").json()["online_url"] == ""
    # Short enough, but a host Django's URL validator refuses (a label over 63 characters).
    odd_link = "https://" + "a" * 64 + ".example.org/meeting"
    answer = client.patch(
        f"/api/v1/events/{created['id']}",
        {"online_url": odd_link},
        content_type="application/json",
    )
    assert answer.status_code == 422, answer.content
    assert answer.json()["errors"][0]["field"] == "online_url"


def test_members_see_meetings_outsiders_do_not(wacap, client):  # noqa: F811
    event = plenary(wacap)
    client.force_login(wacap["ghana_officer"])
    assert client.get(f"/networks/meetings/{event.pk}/").status_code == 200
    assert client.get(f"/networks/meetings/{event.pk}/edit/").status_code == 404
    client.force_login(wacap["outsider"])
    assert client.get(f"/networks/meetings/{event.pk}/").status_code == 404


def test_participants_addresses_are_for_the_secretariat_only(wacap, client):  # noqa: F811
    event = plenary(wacap)
    services.add_participant(
        event=event, actor=wacap["secretary"], name="Ama Owusu", email="ama@example.org"
    )
    client.force_login(wacap["ghana_officer"])
    seen = client.get(f"/api/v1/events/{event.pk}").json()
    assert seen["participants"][0]["name"] == "Ama Owusu"
    assert seen["participants"][0]["email"] == ""
    client.force_login(wacap["secretary"])
    kept = client.get(f"/api/v1/events/{event.pk}").json()
    assert kept["participants"][0]["email"] == "ama@example.org"


def test_no_registration_for_a_cancelled_meeting(wacap, client):  # noqa: F811
    event = plenary(wacap)
    participant = services.add_participant(
        event=event, actor=wacap["secretary"], name="Ama Owusu", email="ama@example.org"
    )
    link = f"/networks/register/{invitations.registration_token(participant)}/"
    assert client.get(link).status_code == 200
    services.transition(event, to="cancelled", actor=wacap["secretary"])
    assert client.get(link).status_code == 404
