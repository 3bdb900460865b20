"""Writes of a network's life: focal-point rotation, its secretariat, meetings with their agenda,
participants, attendance, minutes, decisions and action items. Each is keyword-only, atomic and
audited; permission is checked by the caller (pages and API) with `may_manage`."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from comity.audit.models import Action
from comity.audit.services import record, record_saved
from comity.core import access
from comity.core.errors import field_error, model_errors
from comity.directory.models import Authority, Network, NetworkMember
from comity.directory.vocabulary import FocalPointRole
from comity.library.models import Document
from comity.networks.models import (
    ActionItem,
    AgendaItem,
    Decision,
    Event,
    Participant,
    Secretary,
)
from comity.networks.vocabulary import Attendance, MeetingStatus


class NetworkInputError(Exception):
    """What is wrong with the input, per field ({"field", "message"})."""

    def __init__(self, errors: list[dict]):
        super().__init__("; ".join(f"{e['field']}: {e['message']}" for e in errors))
        self.errors = errors


def may_manage(user, network: Network | None) -> bool:
    """The network's secretariat and site admins; without a network, site admins."""
    if network is None:
        return access.is_site_admin(user)
    return access.is_secretary(user, network.pk)


def may_rotate(user, network: Network, country_id: str) -> bool:
    """The secretariat, and the administrators of a current member State for its own focal
    points. Membership itself is the secretariat's to record: a rotation never makes a State a
    member, since membership opens the network's member-only details."""
    if may_manage(user, network):
        return True
    states = access.writable_states(user)
    if states is not None and country_id not in states:
        return False
    return NetworkMember.objects.current().filter(network=network, country_id=country_id).exists()


# --- Focal points ---------------------------------------------------------------------------


@transaction.atomic
def rotate_focal_point(
    *,
    network: Network,
    country_id: str,
    role: str,
    start: datetime.date,
    actor,
    authority: Authority | None = None,
    person_name: str = "",
    email: str = "",
    phone: str = "",
    handover_note: str = "",
    source: str = "",
) -> NetworkMember:
    """Start a new term for a State's focal point (or other role) on `start`: the terms of the
    current holders of that State and role end that day; their rows stay as the history."""
    errors = []
    if role not in FocalPointRole.values or role == FocalPointRole.MEMBER:
        errors.append(field_error("role", _("Choose a role other than plain membership.")))
    if not (authority or person_name.strip()):
        errors.append(field_error("person", _("Name the person or the authority, or both.")))
    if authority is not None and authority.country_id != country_id:
        errors.append(field_error("authority", _("The authority must be of the same State.")))
    running = list(
        NetworkMember.objects.select_for_update()
        .filter(network=network, country_id=country_id, role=role)
        .filter(end__isnull=True)
    )
    for term in running:
        if term.start and term.start >= start:
            errors.append(
                field_error(
                    "start",
                    _("The current term began on %(day)s; a new term must begin after it.")
                    % {"day": term.start.isoformat()},
                )
            )
    if errors:
        raise NetworkInputError(errors)
    for term in running:
        term.end = start
        term.save(update_fields=["end"])
        record(
            actor=actor,
            action=Action.UPDATE,
            obj=term,
            country_id=country_id,
            before={"end": None},
            after={"end": start.isoformat()},
            note="rotation",
        )
    term = NetworkMember.objects.create(
        network=network,
        country_id=country_id,
        role=role,
        authority=authority,
        person_name=person_name.strip(),
        email=email,
        phone=phone,
        start=start,
        handover_note=handover_note.strip(),
        source=source or _("Recorded in comity by %(name)s") % {"name": _name(actor)},
        as_of=timezone.localdate(),
    )
    if (
        may_manage(actor, network)
        and not NetworkMember.objects.filter(
            network=network, country_id=country_id, role=FocalPointRole.MEMBER
        ).exists()
    ):
        # The secretariat rotating a State in records its membership too.
        NetworkMember.objects.create(
            network=network, country_id=country_id, role=FocalPointRole.MEMBER, source=term.source
        )
    record(
        actor=actor,
        action=Action.CREATE,
        obj=term,
        country_id=country_id,
        after={
            "network": network.code,
            "role": role,
            "authority": str(authority.pk) if authority else None,
            "person_name": term.person_name,
            "start": start.isoformat(),
            "handover_note": term.handover_note,
        },
    )
    return term


def _name(actor) -> str:
    if actor is None:
        return "comity"
    return actor.get_full_name() or actor.get_username()


@transaction.atomic
def appoint_secretary(*, network: Network, user, actor) -> Secretary:
    secretary, created = Secretary.objects.get_or_create(network=network, user=user)
    if created:
        record(
            actor=actor,
            action=Action.CREATE,
            obj=secretary,
            after={"network": network.code, "user": user.get_username()},
        )
    return secretary


@transaction.atomic
def remove_secretary(*, secretary: Secretary, actor) -> None:
    record(
        actor=actor,
        action=Action.DELETE,
        obj=secretary,
        before={"network": secretary.network.code, "user": secretary.user.get_username()},
    )
    secretary.delete()


# --- Meetings -------------------------------------------------------------------------------

EVENT_FIELDS = (
    "kind",
    "title",
    "description",
    "start",
    "end",
    "time_zone",
    "place",
    "online_url",
    "is_example",
)


def _event_state(event: Event) -> dict:
    state = {f: getattr(event, f) for f in EVENT_FIELDS}
    state["start"] = event.start.isoformat() if event.start else None
    state["end"] = event.end.isoformat() if event.end else None
    state["network"] = event.network.code if event.network_id else None
    return state


def _check_event(data: dict) -> None:
    errors = []
    if not (data.get("title") or "").strip():
        errors.append(field_error("title", _("Give the meeting a title.")))
    start, end = data.get("start"), data.get("end")
    if start and end and end < start:
        errors.append(field_error("end", _("The meeting must end after it starts.")))
    if errors:
        raise NetworkInputError(errors)


def _clean_event(event: Event) -> None:
    """The model's own checks (a link Django's URL validator refuses, lengths), as field errors."""
    try:
        event.full_clean(exclude=["course", "created_by"])
    except ValidationError as exc:
        raise NetworkInputError(model_errors(exc)) from exc


@transaction.atomic
def create_event(*, network: Network | None, data: dict, actor) -> Event:
    _check_event(data)
    event = Event(network=network, created_by=actor)
    for field in EVENT_FIELDS:
        if field in data:
            setattr(event, field, data[field])
    _clean_event(event)
    event.save()
    record_saved(actor=actor, obj=event, before=None, after=_event_state(event))
    return event


@transaction.atomic
def update_event(*, event: Event, data: dict, actor) -> Event:
    event = Event.objects.select_for_update().get(pk=event.pk)
    before = _event_state(event)
    merged = {**{f: getattr(event, f) for f in EVENT_FIELDS}, **data}
    _check_event(merged)
    for field in EVENT_FIELDS:
        if field in data:
            setattr(event, field, data[field])
    if "minutes" in data:
        event.minutes = data["minutes"]
    _clean_event(event)
    after = _event_state(event)
    if after != before or "minutes" in data:
        event.sequence += 1
        event.save()
    record_saved(actor=actor, obj=event, before=before, after=after)
    return event


EVENT_TRANSITIONS = {
    (MeetingStatus.PLANNED, MeetingStatus.HELD): "held_at",
    (MeetingStatus.PLANNED, MeetingStatus.CANCELLED): "cancelled_at",
    (MeetingStatus.CANCELLED, MeetingStatus.PLANNED): None,
}


class TransitionRefused(Exception):
    pass


@transaction.atomic
def transition(event: Event, *, to: str, actor) -> Event:
    """The one way a meeting's status changes: planned -> held | cancelled, cancelled ->
    planned. A meeting is held only once it has begun."""
    event = Event.objects.select_for_update().get(pk=event.pk)
    pair = (event.status, to)
    if pair not in EVENT_TRANSITIONS:
        raise TransitionRefused(
            _("A meeting that is %(from)s cannot become %(to)s.")
            % {"from": MeetingStatus(event.status).label, "to": _status_label(to)}
        )
    if to == MeetingStatus.HELD and event.start > timezone.now():
        raise TransitionRefused(_("A meeting can be recorded as held only once it has begun."))
    before = event.status
    event.status = to
    stamp = EVENT_TRANSITIONS[pair]
    if stamp:
        setattr(event, stamp, timezone.now())
    if to == MeetingStatus.PLANNED:
        event.cancelled_at = None
    event.sequence += 1
    event.save()
    record(
        actor=actor,
        action=Action.UPDATE,
        obj=event,
        before={"status": before},
        after={"status": to},
    )
    return event


def _status_label(code: str) -> str:
    return MeetingStatus(code).label if code in MeetingStatus.values else code


@transaction.atomic
def set_agenda(*, event: Event, items: list[dict], actor) -> list[AgendaItem]:
    """Replace the agenda by `items` ({title, notes, documents: [library ids]}), in order.
    Documents must be ones the actor may read."""
    errors = []
    # Documents already on the agenda may stay even if the actor cannot read them (another
    # secretary attached them); new ones must be readable.
    readable = set(Document.objects.restrict(actor).values_list("pk", flat=True)) | set(
        AgendaItem.documents.through.objects.filter(agendaitem__event=event).values_list(
            "document_id", flat=True
        )
    )
    for index, item in enumerate(items):
        if not (item.get("title") or "").strip():
            errors.append(field_error(f"agenda[{index}].title", _("Give the item a title.")))
        for doc in item.get("documents", []):
            if doc not in readable:
                errors.append(
                    field_error(
                        f"agenda[{index}].documents",
                        _("There is no library document %(id)s you may read.") % {"id": doc},
                    )
                )
    if errors:
        raise NetworkInputError(errors)
    before = [
        {"title": a.title, "documents": sorted(a.documents.values_list("pk", flat=True))}
        for a in event.agenda.all()
    ]
    event.agenda.all().delete()
    saved = []
    for position, item in enumerate(items, start=1):
        agenda_item = AgendaItem.objects.create(
            event=event,
            position=position,
            title=item["title"].strip(),
            notes=(item.get("notes") or "").strip(),
        )
        agenda_item.documents.set(item.get("documents", []))
        saved.append(agenda_item)
    after = [
        {"title": a.title, "documents": sorted(item.get("documents", []))}
        for a, item in zip(saved, items, strict=True)
    ]
    Event.objects.filter(pk=event.pk).update(sequence=event.sequence + 1)
    record_saved(actor=actor, obj=event, before={"agenda": before}, after={"agenda": after})
    return saved


@transaction.atomic
def add_participant(*, event: Event, actor, **data) -> Participant:
    """Add someone to a meeting: a comity user (`user`) or a person outside comity (name,
    e-mail, State, authority or organisation)."""
    user = data.get("user")
    name = (data.get("name") or "").strip() or (
        (user.get_full_name() or user.get_username()) if user else ""
    )
    email = (data.get("email") or "").strip().lower() or (user.email.lower() if user else "")
    errors = []
    if not name:
        errors.append(field_error("name", _("Give the participant's name.")))
    if email and event.participants.filter(email=email).exists():
        errors.append(field_error("email", _("%(email)s is already invited.") % {"email": email}))
    if errors:
        raise NetworkInputError(errors)
    authority = data.get("authority") or (user.authority if user and user.authority_id else None)
    participant = Participant.objects.create(
        event=event,
        user=user,
        name=name,
        email=email,
        country=data.get("country") or (authority.country if authority else None),
        authority=authority,
        organisation=(data.get("organisation") or "").strip(),
        role=data.get("role") or "delegate",
    )
    record(
        actor=actor,
        action=Action.CREATE,
        obj=participant,
        after={"event": event.pk, "name": name, "email": email, "role": participant.role},
    )
    return participant


@transaction.atomic
def register(*, participant: Participant, actor=None) -> Participant:
    """The participant confirms they will come (from the invitation's link or their page)."""
    if participant.registered_at is None:
        participant.registered_at = timezone.now()
        participant.save(update_fields=["registered_at"])
        record(
            actor=actor,
            action=Action.UPDATE,
            obj=participant,
            before={"registered_at": None},
            after={"registered_at": participant.registered_at.isoformat()},
            note="registration",
        )
    return participant


@transaction.atomic
def record_attendance(*, event: Event, marks: dict[int, str], actor) -> int:
    """Set attendance (present, absent, excused, or "" for not recorded) per participant id."""
    changed = 0
    for participant in event.participants.select_for_update().filter(pk__in=marks):
        mark = marks[participant.pk]
        if mark not in Attendance.values:
            raise NetworkInputError(
                [field_error(f"attendance[{participant.pk}]", _("Choose an attendance."))]
            )
        if participant.attendance != mark:
            before = participant.attendance
            participant.attendance = mark
            participant.save(update_fields=["attendance"])
            record(
                actor=actor,
                action=Action.UPDATE,
                obj=participant,
                before={"attendance": before},
                after={"attendance": mark},
            )
            changed += 1
    return changed


@transaction.atomic
def save_minutes(*, event: Event, minutes: str, decisions: list[str], actor) -> Event:
    """The minutes and the list of decisions of a meeting (decisions replaced in order)."""
    before = {
        "minutes": event.minutes,
        "decisions": list(event.decisions.values_list("text", flat=True)),
    }
    decisions = [d.strip() for d in decisions if d.strip()]
    event.minutes = minutes.strip()
    event.sequence += 1
    event.save(update_fields=["minutes", "sequence", "updated_at"])
    event.decisions.all().delete()
    Decision.objects.bulk_create(
        Decision(event=event, position=i, text=text) for i, text in enumerate(decisions, start=1)
    )
    record_saved(
        actor=actor,
        obj=event,
        before=before,
        after={"minutes": event.minutes, "decisions": decisions},
    )
    return event


# --- Action items ---------------------------------------------------------------------------


@transaction.atomic
def add_action(
    *,
    event: Event,
    title: str,
    deadline: datetime.date,
    actor,
    owner_name: str = "",
    owner_email: str = "",
    owner_user=None,
) -> ActionItem:
    """An action item of a meeting: what, who, by when. `comity remind` follows it."""
    owner_name = owner_name.strip() or (
        (owner_user.get_full_name() or owner_user.get_username()) if owner_user else ""
    )
    errors = []
    if not title.strip():
        errors.append(field_error("title", _("Say what is to be done.")))
    if not owner_name:
        errors.append(field_error("owner", _("Name who is to do it.")))
    if not deadline:
        errors.append(field_error("deadline", _("Give a deadline as YYYY-MM-DD.")))
    if errors:
        raise NetworkInputError(errors)
    action = ActionItem.objects.create(
        event=event,
        title=title.strip(),
        owner_name=owner_name,
        owner_email=owner_email.strip().lower(),
        owner_user=owner_user,
        deadline=deadline,
    )
    record(
        actor=actor,
        action=Action.CREATE,
        obj=action,
        after={
            "event": event.pk,
            "title": action.title,
            "owner": owner_name,
            "deadline": deadline.isoformat(),
        },
    )
    return action


@transaction.atomic
def complete_action(*, action: ActionItem, note: str, actor) -> ActionItem:
    if action.done_at is None:
        action.done_at = timezone.now()
        action.done_note = note.strip()
        action.save(update_fields=["done_at", "done_note"])
        record(
            actor=actor,
            action=Action.UPDATE,
            obj=action,
            before={"done_at": None},
            after={"done_at": action.done_at.isoformat(), "note": action.done_note},
        )
    return action
