"""Invitations to a meeting by e-mail, with the meeting as an .ics attachment and a link to
register. People outside comity register through a signed link; the link names the participant
and the meeting, and stops working once the meeting has ended."""

import logging

from django.core import signing
from django.core.mail import EmailMessage
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from comity.accounts.emails import site_url_from_settings
from comity.audit.models import Action
from comity.audit.services import record
from comity.core import languages
from comity.networks.ics import event_ics
from comity.networks.models import Event, Participant
from comity.networks.vocabulary import MeetingStatus

log = logging.getLogger(__name__)
REGISTRATION_SALT = "comity.networks.registration"


def registration_token(participant: Participant) -> str:
    return signing.dumps({"p": participant.pk, "e": participant.event_id}, salt=REGISTRATION_SALT)


def participant_of(token: str) -> Participant | None:
    try:
        data = signing.loads(token, salt=REGISTRATION_SALT)
    except signing.BadSignature:
        return None
    return (
        Participant.objects.select_related("event", "event__network")
        .filter(pk=data.get("p"), event_id=data.get("e"), event__end__gte=timezone.now())
        .exclude(event__status=MeetingStatus.CANCELLED)
        .first()
    )


def _language(participant: Participant) -> str:
    user = participant.user
    authority = user.authority if user and user.authority_id else participant.authority
    return languages.writing_language(authority)


def _body(event: Event, participant: Participant, site_url: str) -> tuple[str, str]:
    link = site_url.rstrip("/") + reverse(
        "networks:register", args=[registration_token(participant)]
    )
    values = {
        "name": participant.name,
        "title": event.title,
        "network": event.network.name if event.network_id else "",
        "start": timezone.localtime(event.start).strftime("%Y-%m-%d %H:%M"),
        "end": timezone.localtime(event.end).strftime("%Y-%m-%d %H:%M"),
        "zone": timezone.get_current_timezone_name(),
        "place": ", ".join(p for p in (event.place, event.online_url) if p) or "—",
    }
    lines = [
        _("Dear %(name)s,") % values,
        "",
        (
            _("You are invited to %(title)s (%(network)s).")
            if values["network"]
            else _("You are invited to %(title)s.")
        )
        % values,
        _("When: %(start)s to %(end)s (%(zone)s)") % values,
        _("Where: %(place)s") % values,
    ]
    agenda = list(event.agenda.all())
    if agenda:
        lines += ["", _("Agenda:")] + [f"{a.position}. {a.title}" for a in agenda]
    lines += [
        "",
        _("Please confirm your participation here:"),
        link,
        "",
        _("The meeting is attached as a calendar file (.ics)."),
    ]
    return _("Invitation: %(title)s") % values, "\n".join(lines)


def invite(*, event: Event, actor, participants=None) -> tuple[int, int]:
    """E-mail the invitation to each participant with an address not invited yet (or to
    `participants`); returns (sent, failed). Each sent invitation is recorded once."""
    site_url = site_url_from_settings()
    people = participants if participants is not None else event.participants.all()
    sent = failed = 0
    for participant in people:
        if not participant.email:
            continue
        if participants is None:
            # Claimed first, so that two clicks (or two secretaries) never send it twice.
            claimed = Participant.objects.filter(pk=participant.pk, invited_at__isnull=True).update(
                invited_at=timezone.now()
            )
            if not claimed:
                continue
        with translation.override(_language(participant)):
            subject, body = _body(event, participant, site_url)
        message = EmailMessage(subject, body, None, [participant.email])
        message.attach("meeting.ics", event_ics(event, site_url=site_url), "text/calendar")
        try:
            message.send()
        except Exception:  # any backend failure: the participant stays uninvited, try again
            log.exception("Invitation to %s failed", participant.pk)
            if participants is None:
                Participant.objects.filter(pk=participant.pk).update(invited_at=None)
            failed += 1
            continue
        with transaction.atomic():
            Participant.objects.filter(pk=participant.pk).update(invited_at=timezone.now())
            record(
                actor=actor,
                action=Action.UPDATE,
                obj=participant,
                after={"invited": participant.email},
                note="invitation",
            )
        sent += 1
    return sent, failed
