"""Permission-matrix rows of networks, focal points, meetings and action items."""

import datetime

from django.utils import timezone

from comity.networks import ics, services
from comity.networks.models import Participant
from tests.networks.matrix import (
    API_NETWORK_READ,
    API_SECRETARIAT_WRITE,
    NETWORK_READ,
    SECRETARIAT_WRITE,
    api,
    get,
    post,
)

#                       anon  outsider member m_admin other  secretary site
DIRECTORY_READ = "login 200 200 200 200 200 200"
API_DIRECTORY_READ = "401 200 200 200 200 200 200"
# Ghana's focal point is rotated by Ghana's administrators, the secretariat and site admins.
GHANA_ADMIN = "login 404 404 {ok} 404 {ok} {ok}"
API_GHANA_ADMIN = "401 404 404 {ok} 404 {ok} {ok}"


def values(world) -> dict:
    secretary = world.people["secretary"]
    start = timezone.now() + datetime.timedelta(days=30)
    event = services.create_event(
        network=world.network,
        data={
            "kind": "plenary",
            "title": "Plenary",
            "start": start,
            "end": start + datetime.timedelta(hours=6),
            "place": "Accra",
        },
        actor=secretary,
    )
    participant = services.add_participant(
        event=event, actor=secretary, name="Kofi Example", email="kofi@example.org"
    )
    action = services.add_action(
        event=event,
        title="Send the statistics",
        deadline=timezone.localdate() - datetime.timedelta(days=3),
        owner_name="Kofi Example",
        owner_email="kofi@example.org",
        actor=secretary,
    )
    return {"event": event.pk, "participant": participant.pk, "action": action.pk}


def _event(suffix=""):
    return lambda w: f"/networks/meetings/{w.values['event']}/{suffix}"


def _api_event(suffix=""):
    return lambda w: f"/api/v1/events/{w.values['event']}{suffix}"


def _token(world) -> str:
    from comity.networks.invitations import registration_token

    return registration_token(Participant.objects.get(pk=world.values["participant"]))


def _feed(world) -> str:
    return ics.feed_token(world.people["member"], "wacap")


ROTATION = {
    "country": "GHA",
    "role": "focal_point",
    "person_name": "New Focal Point",
    "start": "2030-01-01",
}

PAGES = {
    "networks:list": [get(lambda w: "/networks/", DIRECTORY_READ)],
    "networks:detail": [
        get(
            lambda w: "/networks/wacap/",
            DIRECTORY_READ,
            note="contact details of focal points only for members",
            hidden_from=("outsider",),
            hidden_text=lambda w: "focal.gha@example.org",
        )
    ],
    "networks:focal_points": [
        get(
            lambda w: "/networks/wacap/focal-points/",
            DIRECTORY_READ,
            hidden_from=("outsider",),
            hidden_text=lambda w: "focal.gha@example.org",
        )
    ],
    "networks:rotate": [
        get(lambda w: "/networks/wacap/focal-points/rotate/", "login 404 404 200 404 200 200"),
        post(
            lambda w: "/networks/wacap/focal-points/rotate/",
            GHANA_ADMIN.format(ok=302),
            data=lambda w: ROTATION,
        ),
    ],
    "networks:member_add": [
        get(
            lambda w: "/networks/wacap/members/add/",
            SECRETARIAT_WRITE.format(ok=200),
            note="membership opens member-only details: the secretariat records it",
        )
    ],
    "networks:member_remove": [
        post(
            lambda w: "/networks/wacap/members/999999/remove/",
            "login 404 404 404 404 404 404",
            note="no such member",
        )
    ],
    "networks:secretariat": [
        get(lambda w: "/networks/wacap/secretariat/", NETWORK_READ),
        post(
            lambda w: "/networks/wacap/secretariat/",
            "login 404 404 404 404 404 302",
            data=lambda w: {"username": w.people["member"].username},
        ),
    ],
    "networks:calendar": [
        get(lambda w: "/networks/wacap/calendar.ics", "404 404 200 200 200 200 200"),
        get(
            lambda w: f"/networks/wacap/calendar.ics?token={_feed(w)}",
            "200 200 200 200 200 200 200",
            note="a member's subscription link works without a session",
        ),
    ],
    "networks:events": [get(lambda w: "/networks/meetings/", DIRECTORY_READ)],
    "networks:event_new": [
        get(lambda w: "/networks/wacap/meetings/new/", SECRETARIAT_WRITE.format(ok=200))
    ],
    "networks:event": [get(_event(), NETWORK_READ)],
    "networks:event_edit": [get(_event("edit/"), SECRETARIAT_WRITE.format(ok=200))],
    "networks:event_agenda": [get(_event("agenda/"), SECRETARIAT_WRITE.format(ok=200))],
    "networks:event_ics": [get(_event("meeting.ics"), NETWORK_READ)],
    "networks:participant_add": [
        post(
            _event("participants/"),
            SECRETARIAT_WRITE.format(ok=302),
            data=lambda w: {"name": "Ama Example", "role": "delegate"},
        )
    ],
    "networks:participants_from_network": [
        post(_event("participants/focal-points/"), SECRETARIAT_WRITE.format(ok=302))
    ],
    "networks:invite": [post(_event("invite/"), SECRETARIAT_WRITE.format(ok=302))],
    "networks:attendance": [
        post(
            _event("attendance/"),
            SECRETARIAT_WRITE.format(ok=302),
            data=lambda w: {f"attendance-{w.values['participant']}": "present"},
        )
    ],
    "networks:minutes": [
        post(
            _event("minutes/"),
            SECRETARIAT_WRITE.format(ok=302),
            data=lambda w: {"minutes": "Opened.", "decisions": "Adopted."},
        )
    ],
    "networks:event_transition": [
        post(
            _event("status/"),
            SECRETARIAT_WRITE.format(ok=302),
            data=lambda w: {"to": "cancelled"},
        )
    ],
    "networks:action_add": [
        post(
            _event("actions/"),
            SECRETARIAT_WRITE.format(ok=302),
            data=lambda w: {
                "title": "Report",
                "owner_name": "Ama",
                "deadline": "2030-01-01",
            },
        )
    ],
    "networks:actions": [get(lambda w: "/networks/actions/", DIRECTORY_READ)],
    "networks:action_done": [
        post(
            lambda w: f"/networks/actions/{w.values['action']}/done/",
            SECRETARIAT_WRITE.format(ok=302),
        )
    ],
    "networks:register": [
        get(lambda w: f"/networks/register/{_token(w)}/", "200 200 200 200 200 200 200"),
        get(lambda w: "/networks/register/forged/", "404 404 404 404 404 404 404"),
    ],
}

API = {
    "GET /api/v1/networks": [api("get", lambda w: "/api/v1/networks", API_DIRECTORY_READ)],
    "GET /api/v1/networks/{code}": [
        api(
            "get",
            lambda w: "/api/v1/networks/wacap",
            API_DIRECTORY_READ,
            hidden_from=("outsider",),
            hidden_text=lambda w: "focal.gha@example.org",
        )
    ],
    "POST /api/v1/networks/{code}/focal-points": [
        api(
            "post",
            lambda w: "/api/v1/networks/wacap/focal-points",
            API_GHANA_ADMIN.format(ok=201),
            data=lambda w: {"state": "GHA", "person": "New Focal Point", "start": "2030-01-01"},
        )
    ],
    "GET /api/v1/events": [api("get", lambda w: "/api/v1/events", API_DIRECTORY_READ)],
    "POST /api/v1/events": [
        api(
            "post",
            lambda w: "/api/v1/events",
            "401 404 404 404 404 201 201",
            data=lambda w: {
                "network": "wacap",
                "kind": "working_group",
                "title": "Working group",
                "start": "2030-03-01T09:00:00Z",
                "end": "2030-03-01T17:00:00Z",
                "place": "Dakar",
            },
        )
    ],
    "GET /api/v1/events/{event_id}": [api("get", _api_event(), API_NETWORK_READ)],
    "PATCH /api/v1/events/{event_id}": [
        api(
            "patch",
            _api_event(),
            API_SECRETARIAT_WRITE.format(ok=200),
            data=lambda w: {"minutes": "Opened by the chair."},
        )
    ],
    "GET /api/v1/events/{event_id}/ics": [api("get", _api_event("/ics"), API_NETWORK_READ)],
    "POST /api/v1/events/{event_id}/participants": [
        api(
            "post",
            _api_event("/participants"),
            API_SECRETARIAT_WRITE.format(ok=201),
            data=lambda w: {"name": "Ama Example"},
        )
    ],
    "POST /api/v1/events/{event_id}/actions": [
        api(
            "post",
            _api_event("/actions"),
            API_SECRETARIAT_WRITE.format(ok=201),
            data=lambda w: {"title": "Report", "owner": "Ama", "deadline": "2030-01-01"},
        )
    ],
    "GET /api/v1/actions/overdue": [
        api("get", lambda w: "/api/v1/actions/overdue", API_DIRECTORY_READ)
    ],
    "POST /api/v1/actions/{action_id}/done": [
        api(
            "post",
            lambda w: f"/api/v1/actions/{w.values['action']}/done",
            API_SECRETARIAT_WRITE.format(ok=200),
        )
    ],
}
