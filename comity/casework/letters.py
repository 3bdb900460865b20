"""The status enquiry: a letter asking the requested State how its execution of a request we sent
is progressing (UNTOC 18(24): the requested State answers reasonable requests for information on
the status and progress of its handling of the request).

The letter is written in the counterpart's language, on the owning authority's letterhead and in
its house style, with the frame of the request document (drafting.documents.model.build_letter)
and rendered by the request's renderers, within the same time bound.
"""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from comity.audit.models import Action
from comity.audit.services import record
from comity.casework import journal
from comity.casework.models import Case
from comity.casework.vocabulary import Direction, EventKind, Status
from comity.drafting import rendering
from comity.drafting.documents.context import resolve_names
from comity.drafting.documents.labels import document_languages
from comity.drafting.documents.model import (
    Letter,
    Row,
    authority_phrase,
    build_letter,
    state_phrase,
    writer,
)
from comity.drafting.selectors import accepted_languages, house_for

FORMATS = ("docx", "pdf")
UNTOC = "UNTOC"
# Sentences end without a space between them in Chinese and Japanese.
_NO_SPACE = frozenset({"zh", "ja"})


def is_outgoing(case: Case) -> bool:
    return case.direction == Direction.OUTGOING


def was_sent(case: Case) -> bool:
    """Whether the request of this outgoing case has gone to the other State."""
    return case.transmitted_on is not None or Status.SENT in (case.entered or {})


def sent_on(case: Case) -> datetime.date | None:
    day = case.transmitted_on or (case.entered or {}).get(Status.SENT) or case.opened_on
    return datetime.date.fromisoformat(day) if isinstance(day, str) else day


def languages_for(case: Case) -> list[str]:
    """The letter's languages, most fitting first: those the counterpart State accepts (its
    requirement profile for the kind, then the addressee's directory entry), then the case's
    language, then English."""
    offered = document_languages()
    found = accepted_languages(case.counterpart_state_id, case.kind, case.counterpart_authority)
    found += [code for code in (case.language, "en") if code in offered]
    return list(dict.fromkeys(found))


def build(case: Case, *, language: str, today: datetime.date | None = None) -> Letter:
    """The status enquiry of `case` in `language`, as the renderers print it."""
    names = resolve_names(
        {"legal_bases": case.legal_bases},
        also=[case.owner.country_id, case.counterpart_state_id],
    )
    w = writer(language, names)
    t = w.t
    state = case.counterpart_state_id
    sender = authority_phrase(case.owner.display_name(w.lang), w)
    sent = w.date(sent_on(case).isoformat()) if sent_on(case) else ""
    title = t.get(f"title.{case.kind}", t["title.mla"])
    about = [
        t["enquiry.request"].format(
            authority=sender, date=sent, title=title, state=state_phrase(state, w)
        )
    ]
    if case.channel:
        about.append(t["enquiry.channel"].format(channel=w.choice("channel", case.channel)))
    if case.tracking_number:
        about.append(t["enquiry.tracking"].format(number=case.tracking_number))
    if case.their_reference:
        about.append(t["enquiry.their_reference"].format(reference=case.their_reference))
    ask = [t["enquiry.ask"].format(authority=sender, basis=_basis(case, w))]
    if case.requested_deadline:
        ask.append(t["enquiry.deadline"].format(date=w.date(case.requested_deadline.isoformat())))
    space = "" if w.lang in _NO_SPACE else " "
    return build_letter(
        w,
        requesting_authority=case.owner,
        requested_authority=case.counterpart_authority,
        requested_name=case.counterpart_name,
        requested_state=state,
        references=[
            Row(t["word.our_reference"], case.our_reference),
            Row(t["word.their_reference"], case.their_reference),
        ],
        subject=t["enquiry.subject"].format(date=sent, reference=case.our_reference),
        paragraphs=[space.join(about), space.join(ask)],
        title=t["enquiry.title"],
        today=today or timezone.localdate(),
        house=house_for(case.owner),
    )


def _basis(case: Case, w) -> str:
    """Article 18(24) of UNTOC when the case rests on it, else the instruments it rests on."""
    bases = [str(code) for code in case.legal_bases or [] if str(code).strip()]
    if UNTOC in bases:
        return w.t["enquiry.basis_untoc"]
    if bases:
        titles = [w.names.instrument(code, w.lang) or code for code in bases]
        return w.t["enquiry.basis_instruments"].format(bases=w.join(titles))
    return w.t["enquiry.basis_none"]


def generate(*, case: Case, actor, language: str, fmt: str) -> tuple[bytes, str]:
    """The status enquiry of a sent outgoing case as DOCX or PDF, recorded on the case (a note)
    and in the audit trail. Raises what rendering.render_letter raises (busy, too slow)."""
    if not (is_outgoing(case) and was_sent(case)):
        raise ValueError("A status enquiry is only for an outgoing request that was sent.")
    letter = build(case, language=language)
    content, content_type = rendering.render_letter(letter, fmt=fmt, holder=str(actor.pk))
    with transaction.atomic():
        journal.event(
            case,
            EventKind.NOTE,
            actor=actor,
            note=_("Status enquiry generated (%(language)s, %(format)s)")
            % {"language": letter.language, "format": fmt.upper()},
            details={"letter": "status_enquiry", "language": letter.language, "format": fmt},
        )
        record(
            actor=actor,
            action=Action.DOWNLOAD,
            obj=case,
            note=f"status enquiry {fmt} {letter.language}",
        )
    return content, content_type
