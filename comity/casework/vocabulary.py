"""The words of the case register: directions, states of a case, grounds, kinds of record."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Direction(models.TextChoices):
    OUTGOING = "outgoing", _("Outgoing")
    INCOMING = "incoming", _("Incoming")


class Status(models.TextChoices):
    """Every state a case can be in; lifecycle.py says which belong to which direction."""

    DRAFT = "draft", _("Draft")
    SENT = "sent", _("Sent")
    ACKNOWLEDGED = "acknowledged", _("Acknowledged")
    RECEIVED = "received", _("Received")
    REGISTERED = "registered", _("Registered")
    UNDER_REVIEW = "under_review", _("Under review")
    INFORMATION_REQUESTED = "information_requested", _("Additional information requested")
    FORWARDED = "forwarded", _("Forwarded for execution")
    IN_EXECUTION = "in_execution", _("In execution")
    PARTIALLY_EXECUTED = "partially_executed", _("Partially executed")
    POSTPONED = "postponed", _("Postponed")
    EXECUTED = "executed", _("Executed")
    RETURNED = "returned", _("Executed and returned")
    REFUSED = "refused", _("Refused")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    CLOSED = "closed", _("Closed")


class Priority(models.TextChoices):
    URGENT = "urgent", _("Urgent")
    HIGH = "high", _("High")
    NORMAL = "normal", _("Normal")
    LOW = "low", _("Low")


class RefusalGround(models.TextChoices):
    """Why a request was refused: the grounds of UNTOC 18(21), or a treaty's own."""

    NOT_COMPLIANT = (
        "untoc_18_21_a",
        _("The request does not comply with article 18 (UNTOC 18(21)(a))"),
    )
    ESSENTIAL_INTERESTS = (
        "untoc_18_21_b",
        _("Sovereignty, security, ordre public or other essential interests (UNTOC 18(21)(b))"),
    )
    DOMESTIC_PROHIBITION = (
        "untoc_18_21_c",
        _("Domestic law forbids the action for a similar offence (UNTOC 18(21)(c))"),
    )
    LEGAL_SYSTEM = (
        "untoc_18_21_d",
        _("Contrary to the legal system on mutual legal assistance (UNTOC 18(21)(d))"),
    )
    TREATY = "treaty", _("A ground of the treaty applied (name the provision)")
    OTHER = "other", _("Another ground (name the provision)")


# Grounds that name their provision in free text.
GROUNDS_WITH_PROVISION = frozenset({RefusalGround.TREATY, RefusalGround.OTHER})


class EventKind(models.TextChoices):
    OPENED = "opened", _("Opened")
    TRANSITION = "transition", _("Status changed")
    CHANGED = "changed", _("Details changed")
    CONSULTATION = "consultation", _("Consultation before refusal or postponement (UNTOC 18(26))")
    NOTE = "note", _("Note")
    CONDITION = "condition", _("Condition on use recorded")
    CONSENT_REQUESTED = "consent_requested", _("Consent requested")
    CONSENT_REPLY = "consent_reply", _("Reply to a consent request")
    ATTACHMENT = "attachment", _("Document added")
    SHARED = "shared", _("Shared")
    UNSHARED = "unshared", _("Sharing ended")
    LINK = "link", _("Linked case confirmed")
    REMINDER = "reminder", _("Reminder sent")


class ConditionKind(models.TextChoices):
    SPECIALITY = "speciality", _("Speciality: use only in the proceedings named (UNTOC 18(19))")
    CONFIDENTIALITY = "confidentiality", _("Confidentiality (UNTOC 18(20))")
    CONSULTATION = "consultation", _("Condition accepted after consultation (UNTOC 18(26))")
    OTHER = "other", _("Other condition")


class ConsentReply(models.TextChoices):
    PENDING = "pending", _("Awaiting reply")
    GRANTED = "granted", _("Consent given")
    REFUSED = "refused", _("Consent refused")


class AttachmentKind(models.TextChoices):
    RECEIVED_REQUEST = "received_request", _("Received request (letter)")
    ANNEX = "annex", _("Annex")
    LETTER = "letter", _("Letter")
    EMAIL = "email", _("E-mail")
    EXECUTION_RESULT = "execution_result", _("Execution result")
    OTHER = "other", _("Other")


class EntityKind(models.TextChoices):
    PERSON = "person", _("Person")
    COMPANY = "company", _("Company")
    ACCOUNT = "account", pgettext_lazy("a bank or payment account", "Account")


class LinkState(models.TextChoices):
    SUGGESTED = "suggested", _("Suggested")
    CONFIRMED = "confirmed", _("Confirmed")
    DISMISSED = "dismissed", _("Not related")
