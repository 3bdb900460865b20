"""Reminders of a meeting's action items, sent by the same daily `comity remind` as the case
register's. An open item whose deadline is within DUE_SOON_DAYS is "due soon"; past it,
"overdue". Each (item, event, deadline, address) is one ActionReminder row, unique in the
database, so two runs never send the same reminder; an e-mail that failed is tried again by the
next run, and only that e-mail. A changed deadline is a new event."""

import datetime
import logging
from dataclasses import dataclass

from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from comity.accounts.emails import site_url_from_settings
from comity.audit.models import Action
from comity.audit.services import record
from comity.core import languages
from comity.networks.models import ActionItem, ActionReminder
from comity.networks.vocabulary import MeetingStatus

log = logging.getLogger(__name__)

DUE_SOON_DAYS = 7
DUE_SOON, OVERDUE = "due_soon", "overdue"


@dataclass
class Summary:
    actions: int = 0
    reminders: int = 0
    emails: int = 0
    failures: int = 0

    def __str__(self):
        return (
            f"action items looked at: {self.actions}, reminders created: {self.reminders}, "
            f"e-mails sent: {self.emails}, failures: {self.failures}"
        )


def due_actions(today: datetime.date):
    horizon = today + datetime.timedelta(days=DUE_SOON_DAYS)
    return (
        ActionItem.objects.open()
        .filter(deadline__lte=horizon)
        # Not for a cancelled meeting's items, nor for the demo's made-up ones.
        .exclude(event__status=MeetingStatus.CANCELLED)
        .exclude(event__is_example=True)
        .select_related("event", "event__network", "owner_user__authority")
        .order_by("deadline", "pk")
    )


def event_of(action: ActionItem, today: datetime.date) -> str:
    return OVERDUE if action.deadline < today else DUE_SOON


def _language(action: ActionItem) -> str:
    user = action.owner_user
    return languages.writing_language(user.authority if user and user.authority_id else None)


def _mail(action: ActionItem, event: str) -> None:
    with translation.override(_language(action)):
        values = {
            "name": action.owner_name,
            "title": action.title,
            "deadline": action.deadline.isoformat(),
            "meeting": action.event.title,
            "link": site_url_from_settings().rstrip("/") + action.get_absolute_url(),
        }
        said = (
            _("The deadline of this action item passed on %(deadline)s.")
            if event == OVERDUE
            else _("The deadline of this action item is %(deadline)s.")
        )
        lines = [
            _("Dear %(name)s,") % values,
            "",
            _("Action item: %(title)s") % values,
            _("Agreed at: %(meeting)s") % values,
            said % values,
            "",
            _("The meeting's page, where the secretariat records it as done:"),
            values["link"],
        ]
        subject = (
            _("Overdue action item: %(title)s")
            if event == OVERDUE
            else _("Action item due soon: %(title)s")
        ) % values
        send_mail(subject[:200], "\n".join(lines), None, [action.recipient])


def _claim(action: ActionItem, key: str, to: str, summary: Summary) -> ActionReminder | None:
    """The reminder row for this event, created if new; None when its e-mail went out already."""
    try:
        with transaction.atomic():
            reminder, created = ActionReminder.objects.get_or_create(action=action, key=key, to=to)
    except IntegrityError:  # a concurrent run created it first
        reminder, created = ActionReminder.objects.get(action=action, key=key, to=to), False
    if created:
        summary.reminders += 1
        record(
            actor=None,
            action=Action.UPDATE,
            obj=action,
            after={"reminder": key, "to": to},
            note=f"reminder {key}",
        )
    claimed = ActionReminder.objects.filter(pk=reminder.pk, emailed=False).update(emailed=True)
    return reminder if claimed else None


def send_reminders(*, today: datetime.date | None = None) -> Summary:
    """Remind the owner of every open action item due soon or overdue, once per event."""
    today = today or timezone.localdate()
    summary = Summary()
    for action in due_actions(today):
        summary.actions += 1
        to = action.recipient
        if not to:
            continue
        event = event_of(action, today)
        reminder = _claim(action, f"{event}:{action.deadline.isoformat()}", to, summary)
        if reminder is None:
            continue
        try:
            _mail(action, event)
        except Exception:  # any backend failure: keep the row, try the e-mail next run
            log.exception("Action item reminder %s failed", reminder.pk)
            ActionReminder.objects.filter(pk=reminder.pk).update(emailed=False)
            summary.failures += 1
        else:
            summary.emails += 1
    return summary
