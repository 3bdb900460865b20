"""Networks, focal points, meetings and action items (API.md, part 10): /api/v1/networks,
/api/v1/events, /api/v1/actions. Reading a network is as open as the directory; its
members' contact details, meetings and action items are for its members and secretariat."""

from typing import Annotated

from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Path, Router, Status
from pydantic import StringConstraints

from comity.accounts.authentication import SessionOrToken, directory_readers
from comity.accounts.emails import site_url_from_settings
from comity.core import access
from comity.core.errors import ERRORS, ApiError, ErrorOut, field_error
from comity.core.text import Line
from comity.directory import selectors as directory_selectors
from comity.directory.models import Authority, Network
from comity.geo.models import Country
from comity.networks import ics, selectors, services
from comity.networks.models import ActionItem, Event
from comity.networks.schemas import (
    ActionIn,
    ActionOut,
    EventIn,
    EventList,
    EventOut,
    EventPatch,
    FocalPointIn,
    FocalPointOut,
    NetworkCode,
    NetworkDetailOut,
    NetworkList,
    ParticipantIn,
    ParticipantOut,
)

networks_router = Router(auth=directory_readers)
events_router = Router(auth=SessionOrToken())
actions_router = Router(auth=SessionOrToken())

EventId = Annotated[int, Path(ge=1, le=2**63 - 1)]
# Input that has the right shape but breaks a rule of the data (API.md: 422 with the fields).
INVALID = {**ERRORS, 422: ErrorOut}
Note = Annotated[Line, StringConstraints(max_length=2000)]


def _invalid(errors: list[dict]) -> ApiError:
    """Input of the right shape that breaks a rule of the data: 422 with the fields."""
    return ApiError(_("The input is not valid."), status=422, errors=errors)


# --- Networks -------------------------------------------------------------------------------


def _network_out(network: Network, member_count: int) -> dict:
    return {
        "code": network.code,
        "name": network.name,
        "names": network.names,
        "description": network.description,
        "website": network.website,
        "source": network.source,
        "as_of": network.as_of,
        "is_example": network.is_example,
        "member_count": member_count,
    }


@networks_router.get("", response={200: NetworkList, **ERRORS}, summary="Networks of practitioners")
def list_networks(request):
    items = [_network_out(n, n.member_count) for n in directory_selectors.networks_with_counts()]
    return {"count": len(items), "items": items}


def _focal_point_out(term, *, signed_in: bool, member: bool) -> dict:
    return {
        "id": term.pk,
        "state": term.country_id,
        "authority": term.authority_id,
        "person": term.person_name if signed_in else "",
        "role": term.role,
        "start": term.start,
        "end": term.end,
        "handover_note": term.handover_note if member else "",
        "email": term.email if member else None,
        "phone": term.phone if member else None,
    }


@networks_router.get(
    "/{code}",
    response={200: NetworkDetailOut, **ERRORS},
    summary="One network with its members and the history of its focal points",
)
def get_network(request, code: str):
    network = selectors.network_for(code)
    signed_in = request.user.is_authenticated
    member = signed_in and selectors.is_member(request.user, network)
    members = list(network.members.select_related("authority").order_by("country_id", "role"))
    data = _network_out(network, len({m.country_id for m in members}))
    data["members"] = [
        {
            "country": m.country_id,
            "role": m.role,
            "authority": m.authority_id,
            "authority_name": m.authority.name if m.authority else None,
            "person_name": m.person_name if signed_in else "",
            "source": m.source,
            "as_of": m.as_of,
            "is_example": m.is_example,
        }
        for m in members
        if m.is_current
    ]
    data["focal_points"] = [
        _focal_point_out(t, signed_in=signed_in, member=member) for t in selectors.terms(network)
    ]
    return data


@networks_router.post(
    "/{code}/focal-points",
    response={201: FocalPointOut, **INVALID},
    auth=SessionOrToken(),
    summary="Rotate a focal point: the current holder's term ends when the new one starts",
)
def rotate_focal_point(request, code: str, body: FocalPointIn):
    network = selectors.network_for(code)
    if not services.may_rotate(request.user, network, body.state):
        raise Http404
    authority = None
    if body.authority:
        authority = Authority.objects.filter(pk=body.authority).first()
        if authority is None:
            raise _invalid([field_error("authority", _("There is no such directory entry."))])
    try:
        term = services.rotate_focal_point(
            network=network,
            country_id=body.state,
            role=body.role,
            start=body.start,
            actor=request.user,
            authority=authority,
            person_name=body.person,
            email=body.email or "",
            phone=body.phone,
            handover_note=body.handover_note,
            source=body.source,
        )
    except services.NetworkInputError as exc:
        raise _invalid(exc.errors) from exc
    return Status(201, _focal_point_out(term, signed_in=True, member=True))


# --- Meetings -------------------------------------------------------------------------------


def _action_out(action, today, *, contacts: bool = True) -> dict:
    return {
        "id": action.pk,
        "event": action.event_id,
        "title": action.title,
        "owner": action.owner_name,
        "owner_email": action.owner_email if contacts else "",
        "deadline": action.deadline,
        "done_at": action.done_at,
        "overdue": action.done_at is None and action.deadline < today,
    }


def event_out(event: Event, user) -> dict:
    """A meeting as the API gives it; participants' and owners' addresses only to those who
    keep the meeting."""
    details = selectors.event_details(event, user)
    today = timezone.localdate()
    contacts = access.can(user, access.Permission.CHANGE, event)
    return {
        "id": event.pk,
        "network": event.network.code if event.network_id else None,
        "kind": event.kind,
        "title": event.title,
        "description": event.description,
        "start": event.start,
        "end": event.end,
        "place": event.place,
        "online_url": event.online_url,
        "status": event.status,
        "agenda": [
            {"title": a.title, "notes": a.notes, "documents": [d.pk for d in a.readable_documents]}
            for a in details["agenda"]
        ],
        "participants": [_participant_out(p, contacts=contacts) for p in details["participants"]],
        "minutes": event.minutes,
        "decisions": [d.text for d in details["decisions"]],
        "actions": [_action_out(a, today, contacts=contacts) for a in details["actions"]],
        "is_example": event.is_example,
    }


def _participant_out(p, *, contacts: bool = True) -> dict:
    return {
        "id": p.pk,
        "name": p.name,
        "email": p.email if contacts else "",
        "state": p.country_id,
        "authority": p.authority_id,
        "organisation": p.organisation,
        "role": p.role,
        "invited_at": p.invited_at,
        "registered_at": p.registered_at,
        "attendance": p.attendance,
    }


@events_router.get("", response={200: EventList, **ERRORS}, summary="Meetings the caller may see")
def list_events(request, network: NetworkCode = "", upcoming: bool = False):
    events = selectors.events_for(request.user)
    if network:
        events = events.filter(network__code=network.lower())
    if upcoming:
        events = events.filter(end__gte=timezone.now())
    items = [event_out(e, request.user) for e in events.order_by("start")[:500]]
    return {"count": len(items), "items": items}


def _agenda(items) -> list[dict]:
    return [i.model_dump() for i in items]


@events_router.post(
    "", response={201: EventOut, **INVALID}, summary="Schedule a meeting (the secretariat)"
)
def create_event(request, body: EventIn):
    network = None
    if body.network:
        network = Network.objects.filter(code=body.network.lower()).first()
        if network is None:
            raise _invalid([field_error("network", _("There is no such network."))])
    if not services.may_manage(request.user, network):
        raise Http404
    data = body.model_dump(exclude={"network", "agenda"})
    data["online_url"] = str(body.online_url) if body.online_url else ""
    try:
        with transaction.atomic():
            event = services.create_event(network=network, data=data, actor=request.user)
            if body.agenda:
                services.set_agenda(event=event, items=_agenda(body.agenda), actor=request.user)
    except services.NetworkInputError as exc:
        raise _invalid(exc.errors) from exc
    return Status(201, event_out(event, request.user))


@events_router.get("/{event_id}", response={200: EventOut, **ERRORS}, summary="One meeting")
def get_event(request, event_id: EventId):
    return event_out(selectors.event_for(request.user, event_id), request.user)


@events_router.patch(
    "/{event_id}",
    response={200: EventOut, 409: ErrorOut, **INVALID},
    summary="Change a meeting: details, agenda, minutes and decisions, attendance, status",
)
def patch_event(request, event_id: EventId, body: EventPatch):
    event = selectors.event_for(request.user, event_id, "change")
    given = body.model_dump(exclude_unset=True)
    fields = {
        k: v
        for k, v in given.items()
        if k in ("kind", "title", "description", "start", "end", "place") and v is not None
    }
    if "online_url" in given:
        fields["online_url"] = str(body.online_url) if body.online_url else ""
    try:
        with transaction.atomic():
            if fields:
                event = services.update_event(event=event, data=fields, actor=request.user)
            if body.agenda is not None:
                services.set_agenda(event=event, items=_agenda(body.agenda), actor=request.user)
            if body.minutes is not None or body.decisions is not None:
                event.refresh_from_db()
                services.save_minutes(
                    event=event,
                    minutes=body.minutes if body.minutes is not None else event.minutes,
                    decisions=body.decisions
                    if body.decisions is not None
                    else list(event.decisions.values_list("text", flat=True)),
                    actor=request.user,
                )
            if body.attendance:
                services.record_attendance(
                    event=event, marks=dict(body.attendance), actor=request.user
                )
            if body.status and body.status != event.status:
                services.transition(event, to=body.status, actor=request.user)
    except services.NetworkInputError as exc:
        raise _invalid(exc.errors) from exc
    except services.TransitionRefused as exc:
        raise ApiError(str(exc), status=409) from exc
    event.refresh_from_db()
    return event_out(event, request.user)


@events_router.get(
    "/{event_id}/ics",
    response={200: str, **ERRORS},
    summary="The meeting as iCalendar (text/calendar)",
    openapi_extra={
        "responses": {200: {"content": {"text/calendar": {"schema": {"type": "string"}}}}}
    },
)
def event_ics(request, event_id: EventId):
    event = selectors.event_for(request.user, event_id)
    body = ics.event_ics(event, site_url=site_url_from_settings())
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="meeting-{event.pk}.ics"'
    return response


@events_router.post(
    "/{event_id}/participants",
    response={201: ParticipantOut, **INVALID},
    summary="Add a participant (a person outside comity may be added by name)",
)
def add_participant(request, event_id: EventId, body: ParticipantIn):
    event = selectors.event_for(request.user, event_id, "change")
    country = Country.objects.filter(iso3=body.state).first() if body.state else None
    try:
        participant = services.add_participant(
            event=event,
            actor=request.user,
            name=body.name,
            email=body.email or "",
            country=country,
            organisation=body.organisation,
            role=body.role,
        )
    except services.NetworkInputError as exc:
        raise _invalid(exc.errors) from exc
    return Status(201, _participant_out(participant))


@events_router.post(
    "/{event_id}/actions",
    response={201: ActionOut, **INVALID},
    summary="Add an action item: what, who, by when",
)
def add_action(request, event_id: EventId, body: ActionIn):
    event = selectors.event_for(request.user, event_id, "change")
    try:
        action = services.add_action(
            event=event,
            title=body.title,
            deadline=body.deadline,
            owner_name=body.owner,
            owner_email=body.owner_email or "",
            actor=request.user,
        )
    except services.NetworkInputError as exc:
        raise _invalid(exc.errors) from exc
    return Status(201, _action_out(action, timezone.localdate()))


@actions_router.get(
    "/overdue",
    response={200: list[ActionOut], **ERRORS},
    summary="Open action items past their deadline, of the meetings the caller may see",
)
def overdue_actions(request):
    today = timezone.localdate()
    items = selectors.overdue_actions(request.user, today)[:1000]
    kept = set(
        ActionItem.objects.restrict(request.user, "change")
        .filter(pk__in=[a.pk for a in items])
        .values_list("pk", flat=True)
    )
    return [_action_out(a, today, contacts=a.pk in kept) for a in items]


@actions_router.post(
    "/{action_id}/done",
    response={200: ActionOut, **ERRORS},
    summary="Mark an action item done",
)
def action_done(request, action_id: EventId, note: Note = ""):
    action = get_object_or_404(ActionItem.objects.restrict(request.user, "change"), pk=action_id)
    services.complete_action(action=action, note=note[:2000], actor=request.user)
    return _action_out(action, timezone.localdate())


__all__ = ["access", "actions_router", "events_router", "networks_router"]
