"""Reads of a network: its members and focal points (current and past), secretariat, meetings,
action items, and the counterparts a requesting authority looks for."""

from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from comity.core import access
from comity.directory.models import Network, NetworkMember
from comity.directory.vocabulary import FocalPointRole
from comity.library.models import Document
from comity.networks.models import ActionItem, AgendaItem, Course, Event, Secretary


def network_for(code: str) -> Network:
    return get_object_or_404(Network, code=code.lower())


def is_member(user, network: Network) -> bool:
    """Whether `user` may see the network's member-only details (contacts, meetings)."""
    if access.is_site_admin(user):
        return True
    members, secretariat = access.network_ids(user)
    return network.pk in members or network.pk in secretariat


def terms(network: Network, *, country_id: str = "") -> QuerySet[NetworkMember]:
    """Every focal-point term (not plain membership), the newest first per State and role."""
    rows = network.members.exclude(role=FocalPointRole.MEMBER).select_related(
        "country", "authority"
    )
    if country_id:
        rows = rows.filter(country_id=country_id)
    return rows.order_by("country_id", "role", "-start", "-pk")


@dataclass
class MemberState:
    country: object
    current: list  # the current terms of its focal points
    past: int  # how many terms ended


def member_states(network: Network) -> list[MemberState]:
    """The States in the network today, each with its current focal points."""
    today = timezone.localdate()
    rows = list(network.members.select_related("country", "authority").order_by("country_id"))
    states: dict[str, MemberState] = {}
    for row in rows:
        state = states.setdefault(row.country_id, MemberState(row.country, [], 0))
        if row.role == FocalPointRole.MEMBER:
            continue
        running = (row.start is None or row.start <= today) and (row.end is None or row.end > today)
        if running:
            state.current.append(row)
        elif row.end is not None:
            state.past += 1
    return list(states.values())


def secretariat(network: Network) -> QuerySet[Secretary]:
    return network.secretaries.select_related("user", "user__authority").order_by("since")


def events_for(user, *, network: Network | None = None) -> QuerySet[Event]:
    events = Event.objects.restrict(user).select_related("network", "course")
    if network is not None:
        events = events.filter(network=network)
    return events


def upcoming(user, *, network: Network | None = None, limit: int = 10) -> list[Event]:
    return list(
        events_for(user, network=network).filter(end__gte=timezone.now()).order_by("start")[:limit]
    )


def event_for(user, pk: int, permission: str = "view") -> Event:
    return get_object_or_404(
        Event.objects.restrict(user, permission).select_related("network", "course"), pk=pk
    )


def event_details(event: Event, user) -> dict:
    """The agenda with its documents (those the user may read), participants, decisions and
    action items of one meeting."""
    readable = Document.objects.restrict(user)
    agenda = list(
        AgendaItem.objects.filter(event=event).prefetch_related(
            Prefetch("documents", queryset=readable, to_attr="readable_documents")
        )
    )
    participants = list(event.participants.select_related("country", "authority", "user"))
    return {
        "agenda": agenda,
        "participants": participants,
        "decisions": list(event.decisions.all()),
        "actions": list(event.actions.select_related("owner_user")),
        "counts": {
            "invited": sum(1 for p in participants if p.invited_at),
            "registered": sum(1 for p in participants if p.registered_at),
            "present": sum(1 for p in participants if p.attendance == "present"),
        },
    }


def network_documents(user, network: Network) -> list[Document]:
    """The library documents the network uses: on its meetings' agendas and its courses'
    materials, those the user may read, the newest first."""
    ids = set(
        AgendaItem.documents.through.objects.filter(agendaitem__event__network=network).values_list(
            "document_id", flat=True
        )
    )
    ids |= set(
        Course.materials.through.objects.filter(course__network=network).values_list(
            "document_id", flat=True
        )
    )
    return list(Document.objects.restrict(user).filter(pk__in=ids).order_by("-date", "title"))


def actions_for(user) -> QuerySet[ActionItem]:
    return ActionItem.objects.restrict(user).select_related("event", "event__network")


def overdue_actions(user, today=None) -> QuerySet[ActionItem]:
    return actions_for(user).overdue(today).order_by("deadline", "pk")


def counterparts(user, country_id: str) -> list[NetworkMember]:
    """The current focal points of `country_id` in the networks the user's State belongs to
    ("your counterpart in WACAP for Ghana"), with their contact details."""
    members, secretariat = access.network_ids(user)
    networks = members | secretariat
    if access.is_site_admin(user):
        networks = None
    today = timezone.localdate()
    rows = (
        NetworkMember.objects.current(today)
        .filter(country_id=country_id)
        .exclude(role=FocalPointRole.MEMBER)
        .select_related("network", "authority")
        .order_by("network__code", "role")
    )
    if networks is not None:
        rows = rows.filter(network_id__in=networks)
    return list(rows)
