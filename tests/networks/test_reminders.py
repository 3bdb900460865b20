"""Reminders of action items: sent by `comity remind` before and after the deadline, each once,
and a failed e-mail tried again by the next run."""

import datetime
import threading

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.db import connection

from comity.networks import reminders, services
from comity.networks.models import ActionReminder
from tests.networks.helpers import plenary, wacap  # noqa: F401

pytestmark = pytest.mark.django_db
DEADLINE = datetime.date(2026, 5, 15)


def at(day: str):
    return time_machine.travel(datetime.datetime.fromisoformat(day + "T06:00+00:00"), tick=False)


@pytest.fixture
def action(wacap):  # noqa: F811
    with at("2026-04-01"):
        event = plenary(wacap, days=-1)
        return services.add_action(
            event=event,
            title="Send the 2025 statistics",
            deadline=DEADLINE,
            owner_name="Kofi Mensah",
            owner_email="kofi@example.org",
            actor=wacap["secretary"],
        )


def test_nothing_is_sent_long_before_the_deadline(action):
    assert reminders.send_reminders(today=datetime.date(2026, 5, 1)).emails == 0
    assert mail.outbox == []


def test_due_soon_then_overdue_each_once(action):
    first = reminders.send_reminders(today=datetime.date(2026, 5, 10))
    again = reminders.send_reminders(today=datetime.date(2026, 5, 11))
    assert (first.emails, again.emails) == (1, 0)
    assert mail.outbox[0].to == ["kofi@example.org"]
    assert "due soon" in mail.outbox[0].subject
    late = reminders.send_reminders(today=datetime.date(2026, 5, 16))
    later = reminders.send_reminders(today=datetime.date(2026, 5, 20))
    assert (late.emails, later.emails) == (1, 0)
    assert mail.outbox[1].subject.startswith("Overdue action item")
    assert "2026-05-15" in mail.outbox[1].body
    assert ActionReminder.objects.count() == 2


def test_the_remind_command_follows_action_items_too(action):
    call_command("remind", "--date", "2026-05-16")
    call_command("remind", "--date", "2026-05-16")
    assert [m.subject for m in mail.outbox] == ["Overdue action item: Send the 2025 statistics"]


def test_a_done_item_is_not_reminded(action, wacap):  # noqa: F811
    services.complete_action(action=action, note="Sent", actor=wacap["secretary"])
    assert reminders.send_reminders(today=datetime.date(2026, 5, 16)).actions == 0
    assert mail.outbox == []


def test_a_new_deadline_is_a_new_reminder(action):
    reminders.send_reminders(today=datetime.date(2026, 5, 16))
    action.deadline = datetime.date(2026, 6, 30)
    action.save()
    assert reminders.send_reminders(today=datetime.date(2026, 7, 1)).emails == 1
    assert len(mail.outbox) == 2


def test_a_failed_email_is_tried_again_by_the_next_run_only_once(action, settings):
    settings.EMAIL_BACKEND = "tests.casework.failing_mail.Backend"
    failed = reminders.send_reminders(today=datetime.date(2026, 5, 16))
    assert (failed.emails, failed.failures) == (0, 1)
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    retried = reminders.send_reminders(today=datetime.date(2026, 5, 16))
    once_more = reminders.send_reminders(today=datetime.date(2026, 5, 16))
    assert (retried.emails, once_more.emails) == (1, 0)
    assert len(mail.outbox) == 1


@pytest.mark.django_db(transaction=True)
def test_two_runs_at_once_send_one_email(wacap):  # noqa: F811
    if connection.vendor == "sqlite":
        pytest.skip("SQLite serialises writers; the race is exercised on PostgreSQL")
    event = plenary(wacap, days=-1)
    services.add_action(
        event=event,
        title="Report",
        deadline=DEADLINE,
        owner_name="Kofi",
        owner_email="kofi@example.org",
        actor=wacap["secretary"],
    )
    barrier = threading.Barrier(2)

    def run():
        barrier.wait()
        reminders.send_reminders(today=datetime.date(2026, 5, 16))
        connection.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(mail.outbox) == 1
    assert ActionReminder.objects.count() == 1
