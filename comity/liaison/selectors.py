"""Reads of the informal channel: who is a contact point, the boxes, search through the blind
index, a thread, who read a message, who saw a protected identity. Every read goes through
`restrict`: only the two authorities of an exchange, and their people with a part in it."""

import datetime
from dataclasses import dataclass, fields

from django.db.models import Exists, OuterRef, Q, QuerySet

from comity.directory.models import Authority
from comity.directory.vocabulary import AuthorityKind, Competence
from comity.drafting.models import Request
from comity.liaison import vault
from comity.liaison.models import Entity, FormalRequest, IdentityView, Message, NamedUser, Read

CONTACT_KINDS = {
    AuthorityKind.POLICE,
    AuthorityKind.FIU,
    AuthorityKind.CONTACT_POINT_24_7,
    AuthorityKind.ASSET_RECOVERY_OFFICE,
}
CONTACT_COMPETENCES = {
    Competence.POLICE,
    Competence.FIU,
    Competence.ASSET_RECOVERY,
    Competence.WITNESS_PROTECTION,
    Competence.PRESERVATION_24_7,
}
BOXES = ("inbox", "sent", "all")


def is_contact_point(authority: Authority) -> bool:
    """Police, FIU, asset-recovery, witness-protection and 24/7 contact points of the directory:
    by their kind or by a competence for such cooperation."""
    return authority.kind in CONTACT_KINDS or bool(
        CONTACT_COMPETENCES & set(authority.competences or [])
    )


def contact_points(user) -> list[Authority]:
    """The contact points the user's authority may write to (the directory's active entries)."""
    candidates = (
        Authority.objects.restrict(user)
        .exclude(pk=user.authority_id)
        .select_related("country")
        .order_by("country_id", "name")
    )
    return [authority for authority in candidates if is_contact_point(authority)]


# Up to this many messages about one value, the search names them to the database one by one.
NAMED_HITS = 5_000


def _about(digest: str):
    """The messages about a value, from the blind index (digest, message). Named one by one
    when there are few, so that the planner reads those messages by number and never walks the
    whole box (SQLite's planner otherwise may, from its sampled statistics); a value in
    thousands of messages is left as a subquery, where walking the box is the right plan."""
    hits = list(
        Entity.objects.filter(digest=digest)
        .order_by()
        .values_list("message_id", flat=True)[: NAMED_HITS + 1]
    )
    if len(hits) <= NAMED_HITS:
        return hits
    return Entity.objects.filter(digest=digest).values("message_id")


def messages(
    user, *, box: str = "inbox", q: str = "", start: int | None = None, stop: int | None = None
) -> QuerySet:
    """The user's messages, newest first: received (inbox), sent, or both; with `q`, only those
    about an account, name, number or vehicle written that way (any spacing, case or accents).

    With `start` and `stop`, only that part of the list, read in two steps: the page's message
    numbers from the indexes, then those messages. A page far down the box, or of a value in
    thousands of messages, then does not read (and join) every message it passes over."""
    found = Message.objects.restrict(user)
    if box == "inbox":
        found = found.filter(recipient_id=user.authority_id)
    elif box == "sent":
        found = found.filter(sender_id=user.authority_id)
    if q and vault.normalised(q):
        # Newest first by number: the order of the messages' own key, which the database reads
        # the named messages in, instead of walking a box index in time order to avoid a sort.
        found = found.filter(pk__in=_about(vault.blind(q))).order_by("-pk")
    if start is not None or stop is not None:
        page = list(found.values_list("pk", flat=True)[start:stop])
        order = found.query.order_by or Message._meta.ordering
        found = Message.objects.restrict(user).filter(pk__in=page).order_by(*order)
    return found.select_related("sender__country", "recipient__country")


@dataclass(slots=True)
class Summary:
    """A message as a box lists it, read as plain values (no model instances): the subject is
    the only text decrypted."""

    pk: int
    sender_id: object
    recipient_id: object
    kind: str
    subject: str
    handling: str
    handling_note: str
    source_evaluation: str
    information_evaluation: str
    priority: str
    reply_by: datetime.date | None
    expires_on: datetime.date
    purged_at: datetime.datetime | None
    in_reply_to_id: int | None
    forwarded_from_id: int | None
    granted: bool | None
    created_at: datetime.datetime
    is_example: bool
    sender: str = ""  # "GHA · Financial Intelligence Centre", with `parties`
    recipient: str = ""


# The columns of a Summary, in its order ("pk" is the column "id"; the parties are added later).
SUMMARY_COLUMNS = ("id", *(f.name for f in fields(Summary)[1:-2]))


def box_page(user, *, box: str, q: str, start: int, stop: int, parties: bool = False) -> list:
    """messages() from `start` to `stop` as Summary rows; with `parties`, the two authorities'
    labels too (one query of three columns)."""
    rows = [
        Summary(*values)
        for values in messages(user, box=box, q=q, start=start, stop=stop)
        .select_related(None)
        .values_list(*SUMMARY_COLUMNS)
    ]
    for row in rows:
        row.subject = str(row.subject) if row.subject else ""
        row.handling_note = str(row.handling_note) if row.handling_note else ""
    if parties and rows:
        ids = {r.sender_id for r in rows} | {r.recipient_id for r in rows}
        labels = {
            pk: f"{country} · {name}"
            for pk, country, name in Authority.objects.filter(pk__in=ids).values_list(
                "id", "country_id", "name"
            )
        }
        for row in rows:
            row.sender, row.recipient = labels[row.sender_id], labels[row.recipient_id]
    return rows


def with_parties(messages: list[Message]) -> list[Message]:
    """The messages with their two authorities' names and States, read in one query of the
    columns a list shows (an authority's row carries a dozen JSON columns a list never needs)."""
    ids = {m.sender_id for m in messages} | {m.recipient_id for m in messages}
    parties = {
        a.pk: a for a in Authority.objects.filter(pk__in=ids).only("id", "name", "country_id")
    }
    for m in messages:
        m.sender = parties[m.sender_id]
        m.recipient = parties[m.recipient_id]
    return messages


def read_by(user, pks: list[int]) -> set[int]:
    """Which of these messages the user has opened."""
    return set(
        Read.objects.filter(user=user, message_id__in=pks).values_list("message_id", flat=True)
    )


def message(user, pk: int) -> Message | None:
    return (
        Message.objects.restrict(user)
        .select_related("sender__country", "recipient__country", "created_by")
        .filter(pk=pk)
        .first()
    )


def thread(user, found: Message) -> list[Message]:
    """The exchange `found` belongs to, as the user may see it: from its first message down
    through every answer, consent and forward, oldest first."""
    root = found
    while root.in_reply_to_id and (parent := message(user, root.in_reply_to_id)):
        root = parent
    visible = Message.objects.restrict(user)
    seen, layer = [root], [root.pk]
    while layer:
        children = list(
            visible.filter(Q(in_reply_to__in=layer) | Q(forwarded_from__in=layer))
            .exclude(pk__in=[m.pk for m in seen])
            .select_related("sender__country", "recipient__country")
        )
        seen += children
        layer = [m.pk for m in children]
    return sorted(seen, key=lambda m: (m.created_at, m.pk))


def reads(found: Message) -> QuerySet:
    """Who read the message and when: shown to its sender's authority."""
    return Read.objects.filter(message=found).select_related("user__authority")


def may_see_identity(user, person) -> bool:
    return NamedUser.objects.filter(person=person, user=user).exists()


def named_users(person) -> QuerySet:
    return NamedUser.objects.filter(person=person).select_related("user__authority")


def identity_views(person) -> QuerySet:
    return IdentityView.objects.filter(person=person).select_related("user__authority")


def due_for_answer(user) -> QuerySet:
    """Requests to the user's authority with a reply-by date and no answer yet."""
    return (
        messages(user, box="inbox")
        .filter(reply_by__isnull=False, purged_at__isnull=True)
        .exclude(Exists(Message.objects.filter(in_reply_to=OuterRef("pk"), kind="answer")))
        .order_by("reply_by", "pk")
    )


def formal_requests(user, message_ids) -> dict[int, list]:
    """{message id: ids of the drafts started from it that the user may see}, in one query."""
    found: dict[int, list] = {}
    for message_id, request_id in (
        Request.objects.restrict(user)
        .filter(informal_origins__message_id__in=list(message_ids))
        .order_by("created_at")
        .values_list("informal_origins__message_id", "pk")
    ):
        found.setdefault(message_id, []).append(request_id)
    return found


def origins(user, request_id) -> list[dict]:
    """The informal messages a draft was started from (the draft itself the user may see): their
    number and handling code for every drafter, a link for those who may open the message."""
    links = FormalRequest.objects.filter(request_id=request_id).select_related("message")
    visible = set(
        Message.objects.restrict(user)
        .filter(pk__in=[link.message_id for link in links])
        .values_list("pk", flat=True)
    )
    return [
        {
            "number": link.message_id,
            "handling": link.message.handling,
            "handling_label": link.message.get_handling_display(),
            "may_open": link.message_id in visible,
        }
        for link in links
    ]
