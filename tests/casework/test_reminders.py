"""Reminders of deadlines: each event told once, to the right people, by e-mail and in comity."""

import datetime

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from comity.accounts.models import Role
from comity.casework.models import CaseEvent, Notification
from comity.casework.reminders import send_reminders
from comity.casework.vocabulary import EventKind
from tests.casework.helpers import make_case
from tests.factories import AuthorityFactory, UserFactory, country

pytestmark = pytest.mark.django_db

DEADLINE = datetime.date(2026, 4, 20)


def at(day: str):
    return time_machine.travel(datetime.datetime.fromisoformat(day + "T06:00+00:00"), tick=False)


@pytest.fixture(autouse=True)
def site_url(settings):
    settings.COMITY_SITE_URL = "http://testserver.example/"


@pytest.fixture
def authority():
    country("DEU")
    return AuthorityFactory(country=country("UKR"), languages=["en"])


@pytest.fixture
def officer(authority):
    return UserFactory(authority=authority, role=Role.OFFICER)


def test_due_soon_then_overdue_each_notify_once_and_a_second_run_sends_nothing(
    authority, officer, mailoutbox
):
    case = make_case(authority, created_by=officer, assigned_to=officer, target_date=DEADLINE)
    with at("2026-04-10"):  # ten days ahead: not yet
        assert send_reminders().notifications == 0
    with at("2026-04-15"):
        first = send_reminders()
        again = send_reminders()
    assert (first.cases, first.notifications, first.emails, first.failures) == (1, 1, 1, 0)
    assert (again.notifications, again.emails) == (0, 0)
    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == [officer.email]
    assert case.our_reference in message.subject
    assert f"http://testserver.example/cases/{case.pk}/" in message.body
    with at("2026-04-21"):
        late = send_reminders()
        send_reminders()
    assert (late.notifications, late.emails) == (1, 1)
    assert len(mailoutbox) == 2
    assert "Overdue" in mailoutbox[1].subject
    keys = sorted(Notification.objects.filter(case=case).values_list("key", flat=True))
    assert keys == ["due_soon:target:2026-04-20", "overdue:target:2026-04-20"]
    events = CaseEvent.objects.filter(case=case, kind=EventKind.REMINDER)
    assert sorted(e.details["key"] for e in events) == keys


def test_a_changed_deadline_is_a_new_event(authority, officer, mailoutbox):
    case = make_case(authority, created_by=officer, assigned_to=officer, target_date=DEADLINE)
    with at("2026-04-15"):
        send_reminders()
        case.requested_deadline = datetime.date(2026, 4, 18)
        case.deadline = case.requested_deadline
        case.save()
        changed = send_reminders()
    assert changed.notifications == 1
    assert Notification.objects.filter(key="due_soon:requested:2026-04-18").exists()
    assert len(mailoutbox) == 2


def test_closed_cases_are_never_reminded(authority, officer, mailoutbox):
    make_case(
        authority,
        created_by=officer,
        assigned_to=officer,
        target_date=DEADLINE,
        is_open=False,
        status="closed",
    )
    with at("2026-04-25"):
        summary = send_reminders()
    assert (summary.cases, summary.notifications) == (0, 0)
    assert mailoutbox == []


def test_without_an_assignee_the_supervisors_and_administrators_are_told(
    authority, officer, mailoutbox
):
    supervisor = UserFactory(authority=authority, role=Role.SUPERVISOR)
    admin = UserFactory(authority=authority, role=Role.AUTHORITY_ADMIN)
    UserFactory(authority=authority, role=Role.SUPERVISOR, is_active=False)
    UserFactory(role=Role.SUPERVISOR)  # another authority
    make_case(authority, created_by=officer, target_date=DEADLINE)
    with at("2026-04-15"):
        summary = send_reminders()
    assert summary.notifications == 2
    assert sorted(m.to[0] for m in mailoutbox) == sorted([supervisor.email, admin.email])
    assert "nobody is assigned" in mailoutbox[0].body


def test_an_inactive_assignee_is_skipped_for_the_supervisors(authority, officer, mailoutbox):
    supervisor = UserFactory(authority=authority, role=Role.SUPERVISOR)
    officer.is_active = False
    officer.save()
    make_case(authority, created_by=supervisor, assigned_to=officer, target_date=DEADLINE)
    with at("2026-04-15"):
        send_reminders()
    assert [m.to for m in mailoutbox] == [[supervisor.email]]


def test_the_mail_is_in_the_recipients_language(mailoutbox):
    country("DEU")
    ukrainian = AuthorityFactory(country=country("UKR"), languages=["uk", "en"])
    officer = UserFactory(authority=ukrainian)
    make_case(ukrainian, created_by=officer, assigned_to=officer, target_date=DEADLINE)
    with at("2026-04-15"):
        send_reminders()
    assert "Цільовий строк вашого органу спливає 2026-04-20." in mailoutbox[0].body


def test_a_failed_mail_is_retried_alone_by_the_next_run(authority, officer, settings, mailoutbox):
    case = make_case(authority, created_by=officer, assigned_to=officer, target_date=DEADLINE)
    settings.EMAIL_BACKEND = "tests.casework.failing_mail.Backend"
    with at("2026-04-15"):
        failed = send_reminders()
    assert (failed.notifications, failed.emails, failed.failures) == (1, 0, 1)
    assert Notification.objects.get(case=case).emailed is False
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    with at("2026-04-15"):
        retried = send_reminders()
    assert (retried.notifications, retried.emails, retried.failures) == (0, 1, 0)
    assert Notification.objects.get(case=case).emailed is True
    assert CaseEvent.objects.filter(case=case, kind=EventKind.REMINDER).count() == 1
    assert len(mail.outbox) == 1


def test_the_command_prints_a_summary(authority, officer, capsys):
    make_case(authority, created_by=officer, assigned_to=officer, target_date=DEADLINE)
    call_command("remind", "--date", "2026-04-15")
    assert "notifications created: 1, e-mails sent: 1, failures: 0" in capsys.readouterr().out


def test_the_command_refuses_a_day_that_is_not_one():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command("remind", "--date", "15/04/2026")


# --- The page ----------------------------------------------------------------------------------


def test_the_page_lists_only_the_users_own_reminders_and_marks_them_read(
    client, authority, officer
):
    other = UserFactory(authority=authority)
    mine = make_case(authority, created_by=officer, assigned_to=officer, target_date=DEADLINE)
    theirs = make_case(authority, created_by=officer, assigned_to=other, target_date=DEADLINE)
    with at("2026-04-15"):
        send_reminders()
    client.force_login(officer)
    page = client.get(reverse("casework:notifications"))
    assert page.status_code == 200
    assert mine.our_reference in page.text and theirs.our_reference not in page.text
    assert f"/cases/{mine.pk}/" in page.text
    notification = Notification.objects.get(user=officer)
    foreign = Notification.objects.get(user=other)
    assert client.post(reverse("casework:notification_read", args=[foreign.pk])).status_code == 404
    assert (
        client.post(reverse("casework:notification_read", args=[notification.pk])).status_code
        == 302
    )
    notification.refresh_from_db()
    foreign.refresh_from_db()
    assert notification.read_at is not None and foreign.read_at is None
    client.force_login(other)
    client.post(reverse("casework:notifications_read"))
    foreign.refresh_from_db()
    assert foreign.read_at is not None


def test_the_page_needs_a_signed_in_user(client):
    response = client.get(reverse("casework:notifications"))
    assert response.status_code == 302 and "login" in response["Location"]
