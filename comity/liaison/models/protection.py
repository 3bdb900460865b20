"""Witness protection: a request for relocation or protective measures names a protected
person whose identity is encrypted and shown only to users named for it, each view recorded and
listed to the originator; everyone else sees the pseudonym."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from comity.core.access import RestrictedQuerySet
from comity.liaison.models.messages import Correspondence, Message
from comity.liaison.vault import EncryptedText


class ProtectedPerson(models.Model):
    access = Correspondence("message__")

    message = models.OneToOneField(
        Message, on_delete=models.CASCADE, related_name="protected_person"
    )
    pseudonym = models.CharField(max_length=60)
    # JSON: name, date_of_birth, nationality, address, contact, relatives (all encrypted).
    identity = EncryptedText(blank=True)
    measures = EncryptedText(blank=True)

    objects = RestrictedQuerySet.as_manager()

    def __str__(self):
        return self.pseudonym


class NamedUser(models.Model):
    """A user who may see the protected person's identity: named by a supervisor of their own
    authority (each side names its own people)."""

    access = Correspondence("person__message__")

    person = models.ForeignKey(ProtectedPerson, on_delete=models.CASCADE, related_name="named")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    named_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    named_at = models.DateTimeField(default=timezone.now)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["person", "named_at"]
        constraints = [
            models.UniqueConstraint(fields=["person", "user"], name="liaison_named_once")
        ]

    def __str__(self):
        return f"{self.user_id} may see {self.person_id}"


class IdentityView(models.Model):
    """One look at a protected identity."""

    access = Correspondence("person__message__")

    person = models.ForeignKey(ProtectedPerson, on_delete=models.CASCADE, related_name="views")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    viewed_at = models.DateTimeField(default=timezone.now)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["person", "-viewed_at"]

    def __str__(self):
        return f"{self.user_id} saw {self.person_id}"
