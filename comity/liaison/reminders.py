"""Reminders of reply-by dates, sent by the daily `comity remind`: to the officers and
supervisors of the contact point that received a request still without an answer, once when the
date is within DUE_SOON_DAYS and once when it has passed. The e-mail names the message's number,
its sender and its handling code, never its subject or content: e-mail is not the channel.
Each (message, stage, date, address) is one ReplyReminder row, so two runs never send the same
e-mail; a failed e-mail is tried again by the next run."""

import datetime
import logging
from dataclasses import dataclass

from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from comity.accounts.emails import site_url_from_settings
from comity.accounts.models import User
from comity.core import access, languages
from comity.liaison.models import Message, ReplyReminder
from comity.liaison.vocabulary import MessageKind

log = logging.getLogger(__name__)

DUE_SOON_DAYS = 2
DUE_SOON, OVERDUE = "due_soon", "overdue"
ANSWERING = (access.LiaisonRole.OFFICER, access.LiaisonRole.SUPERVISOR)


@dataclass
class Summary:
    messages: int = 0
    emails: int = 0
    failures: int = 0

    def __str__(self):
        return (
            f"messages awaiting an answer: {self.messages}, e-mails sent: {self.emails}, "
            f"failures: {self.failures}"
        )


def awaiting_answer(today: datetime.date):
    horizon = today + datetime.timedelta(days=DUE_SOON_DAYS)
    return (
        Message.objects.filter(
            reply_by__isnull=False,
            reply_by__lte=horizon,
            purged_at__isnull=True,
            is_example=False,
            kind__in=[MessageKind.REQUEST, MessageKind.CONSENT_REQUEST, MessageKind.PROTECTION],
        )
        .exclude(Exists(Message.objects.filter(in_reply_to=OuterRef("pk"))))
        .select_related("sender", "recipient")
        .order_by("reply_by", "pk")
    )


def _addressees(message: Message):
    return User.objects.filter(
        authority_id=message.recipient_id, is_active=True, liaison_role__in=ANSWERING
    ).exclude(email="")


def _mail(message: Message, user, stage: str) -> None:
    with translation.override(languages.writing_language(message.recipient)):
        values = {
            "number": message.pk,
            "sender": message.sender.name,
            "date": message.reply_by.isoformat(),
            "handling": message.handling,
            "link": site_url_from_settings().rstrip("/")
            + reverse("liaison:message", args=[message.pk]),
        }
        said = (
            _("The reply-by date of message %(number)s from %(sender)s passed on %(date)s.")
            if stage == OVERDUE
            else _("Message %(number)s from %(sender)s asks for an answer by %(date)s.")
        )
        lines = [
            said % values,
            _("Handling code: %(handling)s.") % values,
            "",
            _("Read and answer it in comity (its content is not sent by e-mail):"),
            values["link"],
        ]
        subject = (
            _("Answer overdue: message %(number)s")
            if stage == OVERDUE
            else _("Answer due soon: message %(number)s")
        ) % values
        send_mail(subject, "\n".join(lines), None, [user.email])


def _claim(message: Message, stage: str, address: str) -> ReplyReminder | None:
    try:
        with transaction.atomic():
            reminder, _created = ReplyReminder.objects.get_or_create(
                message=message, stage=stage, reply_by=message.reply_by, address=address
            )
    except IntegrityError:  # a concurrent run created it first
        reminder = ReplyReminder.objects.get(
            message=message, stage=stage, reply_by=message.reply_by, address=address
        )
    claimed = ReplyReminder.objects.filter(pk=reminder.pk, sent_at__isnull=True).update(
        sent_at=timezone.now()
    )
    return reminder if claimed else None


def send_reminders(*, today: datetime.date | None = None) -> Summary:
    today = today or timezone.localdate()
    summary = Summary()
    for message in awaiting_answer(today):
        summary.messages += 1
        stage = OVERDUE if message.reply_by < today else DUE_SOON
        for user in _addressees(message):
            reminder = _claim(message, stage, user.email)
            if reminder is None:
                continue
            try:
                _mail(message, user, stage)
            except Exception:  # any backend failure: keep the row, try the e-mail next run
                log.exception("Reply reminder %s failed", reminder.pk)
                ReplyReminder.objects.filter(pk=reminder.pk).update(sent_at=None)
                summary.failures += 1
            else:
                summary.emails += 1
    return summary
