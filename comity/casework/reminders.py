"""Reminders of deadlines: a re-runnable job (`comity remind`, from cron) and the in-app list.

An open case whose deadline is within deadlines.DUE_SOON_DAYS days is "due soon"; past it, it is
"overdue". Each event is told once to each recipient (the officer the case is assigned to; without
an active one, the supervisors and administrators of the owning authority): by an in-app
notification and by e-mail, in the recipient's language. The notification's key (event, which
deadline, its date) is unique per user and case in the database, so two runs that overlap cannot
both tell the same person; a changed deadline is a new event. An e-mail that could not be sent
is tried again by the next run, and only the e-mail.
"""

import datetime
import logging
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone, translation
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from comity.accounts.emails import site_url_from_settings
from comity.audit.models import Action
from comity.audit.services import record
from comity.casework import deadlines, journal
from comity.casework.models import Case, CaseEvent, Notification
from comity.casework.vocabulary import EventKind
from comity.core import languages
from comity.core.access import Role

log = logging.getLogger(__name__)

DUE_SOON, OVERDUE = "due_soon", "overdue"
# Who is told about a case nobody is assigned to.
RESPONSIBLE_ROLES = (Role.SUPERVISOR, Role.AUTHORITY_ADMIN)


@dataclass
class Summary:
    """What one run did."""

    cases: int = 0
    notifications: int = 0
    emails: int = 0
    failures: int = 0

    def __str__(self):
        return (
            f"cases looked at: {self.cases}, notifications created: {self.notifications}, "
            f"e-mails sent: {self.emails}, failures: {self.failures}"
        )


def due_cases(today: datetime.date) -> QuerySet:
    """Open cases whose deadline is at most DUE_SOON_DAYS days away or already past."""
    horizon = today + datetime.timedelta(days=deadlines.DUE_SOON_DAYS)
    return (
        Case.objects.filter(is_open=True, deadline__isnull=False, deadline__lte=horizon)
        .select_related("owner", "assigned_to", "counterpart_state")
        .order_by("deadline", "pk")
    )


def event_of(case: Case, today: datetime.date) -> str:
    return OVERDUE if case.deadline < today else DUE_SOON


def key_of(case: Case, today: datetime.date) -> str:
    """The event a reminder is about: "overdue:target:2026-03-12"."""
    return f"{event_of(case, today)}:{deadlines.which_deadline(case)}:{case.deadline.isoformat()}"


def _responsible(owner_ids: set) -> dict:
    """Owner authority id -> its active supervisors and administrators (one query)."""
    found: dict = {}
    people = (
        get_user_model()
        .objects.filter(authority_id__in=owner_ids, is_active=True, role__in=RESPONSIBLE_ROLES)
        .select_related("authority")
        .order_by("username")
    )
    for person in people:
        found.setdefault(person.authority_id, []).append(person)
    return found


def _assignee(case: Case):
    officer = case.assigned_to
    return officer if officer is not None and officer.is_active else None


def recipients(case: Case, responsible: dict) -> list:
    """The active assignee, else the owning authority's supervisors and administrators."""
    officer = _assignee(case)
    return [officer] if officer is not None else list(responsible.get(case.owner_id, []))


def language_of(user) -> str:
    """The language to write to `user` in (their authority's, core.languages)."""
    return languages.writing_language(getattr(user, "authority", None))


def _deadline_name(which: str) -> str:
    return {
        "requested": _("the deadline asked for in the request"),
        "target": _("your authority's target date"),
        "statutory": _("the limit set by law"),
    }.get(which, _("the deadline"))


def sentence(event: str, which: str, day: datetime.date) -> str:
    """What a reminder says, in the active language (dates as YYYY-MM-DD, as on the pages)."""
    values = {"deadline": _deadline_name(which), "date": day.isoformat()}
    if event == OVERDUE:
        return capfirst(_("%(deadline)s passed on %(date)s.") % values)
    return capfirst(_("%(deadline)s is on %(date)s.") % values)


def describe(notification: Notification) -> str:
    """A notification's reminder in the reader's language, from its key (event:which:date)."""
    event, which, day = [*notification.key.split(":"), "", "", ""][:3]
    try:
        return sentence(event, which, datetime.date.fromisoformat(day))
    except ValueError:
        return notification.message


def _message(case: Case, today: datetime.date) -> str:
    said = sentence(event_of(case, today), deadlines.which_deadline(case), case.deadline)
    return f"{case.our_reference}: {said}"


def case_link(case: Case) -> str:
    return f"{site_url_from_settings().rstrip('/')}{case.get_absolute_url()}"


def _mail(notification: Notification, case: Case, today: datetime.date) -> None:
    """The reminder e-mail, in the recipient's language; raises what the mail backend raises."""
    user = notification.user
    with translation.override(language_of(user)):
        assigned = _assignee(case) is not None
        values = {
            "name": user.get_full_name() or user.get_username(),
            "reference": case.our_reference,
            "kind": case.get_kind_display(),
            "direction": case.get_direction_display(),
            "state": case.counterpart_state.localized_name(),
        }
        lines = [
            _("Hello %(name)s,") % values,
            "",
            _message(case, today),
            "",
            _("Case: %(reference)s (%(direction)s, %(kind)s, %(state)s)") % values,
            _("Open the case:"),
            case_link(case),
            "",
            _("You receive this reminder because the case is assigned to you.")
            if assigned
            else _(
                "You receive this reminder because nobody is assigned to the case and you are "
                "a supervisor or an administrator of its authority."
            ),
        ]
        subject = (
            _("Overdue: %(reference)s")
            if event_of(case, today) == OVERDUE
            else _("Deadline soon: %(reference)s")
        ) % values
        send_mail(subject, "\n".join(lines), None, [user.email])


def _notify(case: Case, people: list, today: datetime.date, summary: Summary) -> list:
    """The notifications of this event for `people`, created where missing, and the case's
    REMINDER event the first time; returns those whose e-mail is still to be sent."""
    key = key_of(case, today)
    created_any = False
    with transaction.atomic():
        for person in people:
            with translation.override(language_of(person)):
                message = _message(case, today)[:500]
            _row, created = Notification.objects.get_or_create(
                user=person,
                case=case,
                key=key,
                defaults={"message": message, "created_at": timezone.now()},
            )
            if created:
                summary.notifications += 1
                created_any = True
        if (
            created_any
            and not CaseEvent.objects.filter(
                case=case, kind=EventKind.REMINDER, details__key=key
            ).exists()
        ):
            _record_event(case, key, people)
    return list(
        Notification.objects.filter(case=case, key=key, user__in=people, emailed=False)
        .select_related("user__authority")
        .order_by("pk")
    )


def _record_event(case: Case, key: str, people: list) -> None:
    names = [p.get_username() for p in people]
    journal.event(
        case,
        EventKind.REMINDER,
        actor=None,
        note=", ".join(names),
        details={"key": key, "to": names},
    )
    record(
        actor=None,
        action=Action.UPDATE,
        obj=case,
        after={"reminder": key, "to": names},
        note=f"reminder {key}",
    )


def _deliver(notification: Notification, case: Case, today: datetime.date, summary: Summary):
    """Send one notification's e-mail, claimed first so that two runs never both send it."""
    if not notification.user.email:
        return
    claimed = Notification.objects.filter(pk=notification.pk, emailed=False).update(emailed=True)
    if not claimed:
        return
    try:
        _mail(notification, case, today)
    except Exception:  # any backend failure: keep the notification, try the e-mail next run
        log.exception("Reminder e-mail %s to %s failed", notification.key, notification.user_id)
        Notification.objects.filter(pk=notification.pk).update(emailed=False)
        summary.failures += 1
    else:
        summary.emails += 1


def send_reminders(*, today: datetime.date | None = None) -> Summary:
    """Tell the people responsible for every case due soon or overdue, once per event.

    Re-runnable (cron): a second run the same day creates nothing and sends only the e-mails
    that failed before. Inactive users are never told.
    """
    today = today or timezone.localdate()
    summary = Summary()
    cases = list(due_cases(today))
    responsible = _responsible({c.owner_id for c in cases if _assignee(c) is None})
    for case in cases:
        summary.cases += 1
        people = recipients(case, responsible)
        if not people:
            continue
        for notification in _notify(case, people, today, summary):
            _deliver(notification, case, today, summary)
    return summary


# --- The in-app list -------------------------------------------------------------------------


def notifications_for(user) -> QuerySet:
    """The user's own notifications, the newest first, with their cases."""
    return (
        Notification.objects.restrict(user)
        .select_related("case", "case__counterpart_state")
        .order_by("-created_at", "-pk")
    )


def mark_read(*, user, pk=None) -> int:
    """Mark one of the user's notifications (or, without `pk`, all of them) as read; returns
    how many were unread."""
    unread = Notification.objects.restrict(user).filter(read_at__isnull=True)
    if pk is not None:
        unread = unread.filter(pk=pk)
    return unread.update(read_at=timezone.now())
