"""From informal to formal: "request this formally" starts a draft in the request writer with
the requested State, the message's facts marked for review, the persons, companies and accounts
it is about, and a link back (FormalRequest). Information received informally is intelligence;
to use it as evidence needs a formal request, and for H1 the originator's permission."""

from django.db import transaction
from django.utils.translation import gettext as _

from comity.audit.models import Action
from comity.audit.services import record
from comity.core import access
from comity.core.errors import field_error
from comity.directory.models import Authority
from comity.drafting import services as drafting
from comity.drafting.rules.informal import marked
from comity.liaison import services
from comity.liaison.models import FormalRequest, Message
from comity.liaison.services import LiaisonInputError
from comity.liaison.vocabulary import EntityType, MessageKind


def _thread_entities(message: Message, actor) -> list:
    """What the message and those it answers are about (an answer names the persons; the
    request it answers, the accounts), each value once; only messages the actor may see."""
    visible = Message.objects.restrict(actor)
    found, seen, current = [], set(), message
    while current is not None and visible.filter(pk=current.pk).exists():
        for entity in current.entities.all():
            if (entity.type, entity.digest) not in seen:
                seen.add((entity.type, entity.digest))
                found.append(entity)
        current = current.in_reply_to
    return found


def starting_body(message: Message, actor) -> dict:
    entities = _thread_entities(message, actor)
    names = [e for e in entities if e.type in (EntityType.PERSON, EntityType.COMPANY)]
    accounts = [e.value for e in entities if e.type == EntityType.ACCOUNT]
    facts = "\n\n".join(part for part in (message.subject, message.body) if part and part.strip())
    body = {
        "kind": "mla",
        "requested_state": Authority.objects.get(
            pk=message.other_party_id(actor.authority_id)
        ).country_id,
        "facts": marked(facts),
        "persons": [
            {
                "role": "account_holder" if accounts else "",
                "name": e.value,
                "description": _("Company") if e.type == EntityType.COMPANY else "",
            }
            for e in names
        ],
        "measures": [],
    }
    if accounts:
        body["measures"].append({"type": "bank_records", "id": "informal-1", "accounts": accounts})
    return body


@transaction.atomic
def request_formally(*, message: Message, actor) -> FormalRequest:
    if not access.liaison_may(actor, access.LiaisonRole.OFFICER):
        raise PermissionError
    if message.purged_at:
        raise LiaisonInputError([field_error("message", _("This message has been purged."))])
    if message.kind in (MessageKind.CONSENT, MessageKind.CONSENT_REQUEST, MessageKind.PROTECTION):
        raise LiaisonInputError(
            [field_error("message", _("Only requests, answers and disclosures carry facts."))]
        )
    if message.sender_id == actor.authority_id and message.kind != MessageKind.REQUEST:
        raise LiaisonInputError(
            [
                field_error(
                    "message",
                    _("This is your own information: a formal request asks for another's."),
                )
            ]
        )
    # Taking the information into a request is passing it on: the same prior-consent rule.
    services.check_consents(message, actor.authority)
    draft = drafting.create_request(
        owner=actor.authority, data=starting_body(message, actor), actor=actor
    )
    link = FormalRequest.objects.create(message=message, request=draft, created_by=actor)
    record(
        actor=actor,
        action=Action.CREATE,
        obj=link,
        after={"message": message.pk, "request": draft.pk, "handling": message.handling},
        note="request this formally",
    )
    return link
