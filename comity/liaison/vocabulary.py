"""The words of the informal channel: kinds of message, handling codes, the evaluation of the
source and of the information (the 4x4 grid police and FIUs use), things a message is about."""

import datetime

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class MessageKind(models.TextChoices):
    REQUEST = "request", _("Request for information")
    ANSWER = "answer", _("Answer")
    SPONTANEOUS = "spontaneous", _("Spontaneous disclosure")
    CONSENT_REQUEST = "consent_request", _("Request for consent")
    CONSENT = "consent", _("Consent")
    PROTECTION = "protection", _("Witness protection: relocation or protective measures")


class Handling(models.TextChoices):
    H0 = "H0", _("H0 — no restriction within law enforcement")
    H1 = "H1", _("H1 — not to be used as evidence without the originator's permission")
    H2 = "H2", _("H2 — no dissemination without the originator's permission")
    H3 = "H3", _("H3 — other restrictions (see the note)")


class SourceEvaluation(models.TextChoices):
    A = "A", _("A — no doubt about the source's reliability")
    B = "B", _("B — source mostly reliable")
    C = "C", _("C — source mostly unreliable")
    X = "X", _("X — reliability cannot be assessed")


class InformationEvaluation(models.TextChoices):
    KNOWN_TRUE = "1", _("1 — known to be true")
    KNOWN_TO_SOURCE = "2", _("2 — known personally to the source")
    CORROBORATED = "3", _("3 — not known personally to the source, but corroborated")
    UNCORROBORATED = "4", _("4 — cannot be corroborated")


class EntityType(models.TextChoices):
    PERSON = "person", _("Person")
    COMPANY = "company", _("Company")
    ACCOUNT = "account", _("Account")
    PHONE = "phone", _("Telephone number")
    VEHICLE = "vehicle", _("Vehicle")


class MessagePriority(models.TextChoices):
    ROUTINE = "routine", _("Routine")
    URGENT = "urgent", _("Urgent")


# How long a message is kept before `comity purge` removes its body, by kind (days).
RETENTION_DAYS = {
    MessageKind.REQUEST: 5 * 365,
    MessageKind.ANSWER: 5 * 365,
    MessageKind.SPONTANEOUS: 5 * 365,
    MessageKind.CONSENT_REQUEST: 5 * 365,
    MessageKind.CONSENT: 5 * 365,
    MessageKind.PROTECTION: 10 * 365,
}


def retention_days() -> dict[str, int]:
    """RETENTION_DAYS with the installation's own periods (COMITY_LIAISON_RETENTION,
    "kind=days" pairs; checked at start-up by `manage.py check`, liaison.E001)."""
    days = dict(RETENTION_DAYS)
    for pair in settings.COMITY_LIAISON_RETENTION:
        kind, _sep, value = pair.partition("=")
        if kind.strip() in MessageKind.values and value.strip().isdigit():
            days[kind.strip()] = int(value)
    return days


def retention_errors() -> list[str]:
    return [
        pair
        for pair in settings.COMITY_LIAISON_RETENTION
        if pair.partition("=")[0].strip() not in MessageKind.values
        or not pair.partition("=")[2].strip().isdigit()
        or int(pair.partition("=")[2]) < 1
    ]


def default_expiry(kind: str, today: datetime.date) -> datetime.date:
    return today + datetime.timedelta(days=retention_days().get(kind, 5 * 365))
