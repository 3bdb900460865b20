import hashlib
import json

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from comity.core import access
from comity.core.access import RestrictedQuerySet


class Action(models.TextChoices):
    CREATE = "create", _("Created")
    UPDATE = "update", _("Updated")
    DELETE = "delete", _("Deleted")
    SIGN_IN = "sign_in", _("Signed in")
    SIGN_IN_FAILED = "sign_in_failed", _("Sign-in failed")
    SIGN_OUT = "sign_out", _("Signed out")
    EXPORT = "export", _("Exported")
    IMPORT = "import", _("Imported")
    DOWNLOAD = "download", _("Downloaded")
    VIEW = "view", _("Viewed")


class AuditEntryQuerySet(RestrictedQuerySet):
    def for_object(self, obj):
        return self.filter(object_type=obj._meta.label_lower, object_id=str(obj.pk))


class AuditEntry(models.Model):
    """One append-only, hash-chained record of who did what, when.

    `hash` covers this entry's content and the previous entry's hash, so editing or deleting
    any row breaks the chain from that row on; `comity audit verify` finds where.
    """

    access = access.AuditTrail()

    at = models.DateTimeField(default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    actor_name = models.CharField(max_length=200, help_text="Copy of the actor's name at the time.")
    action = models.CharField(max_length=20, choices=Action.choices)
    object_type = models.CharField(max_length=100, blank=True, db_index=True)
    object_id = models.CharField(max_length=64, blank=True, db_index=True)
    object_repr = models.CharField(max_length=300, blank=True)
    country_id = models.CharField(
        max_length=3,
        blank=True,
        db_index=True,
        help_text="State the object belongs to, for scoping.",
    )
    owner_id = models.CharField(
        max_length=36,
        blank=True,
        db_index=True,
        help_text="The authority a confidential object belongs to (its id), for scoping.",
    )
    before = models.JSONField(null=True, blank=True)
    after = models.JSONField(null=True, blank=True)
    note = models.TextField(blank=True)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)
    seal = models.CharField(
        max_length=64, blank=True, help_text="HMAC of the hash with the audit key (audit/seal.py)."
    )

    objects = AuditEntryQuerySet.as_manager()

    class Meta:
        ordering = ["-id"]
        verbose_name_plural = "audit entries"

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_name} {self.action} {self.object_repr}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError("Audit entries are append-only; they cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("Audit entries are append-only; they cannot be deleted.")

    def content(self) -> dict:
        """The fields the hash covers, in a stable, JSON-serialisable form.

        `owner` is covered only when set, so entries written before owners were recorded keep
        their hashes.
        """
        content = {
            "at": self.at.isoformat(timespec="microseconds"),
            "actor_id": self.actor_id,
            "actor_name": self.actor_name,
            "action": self.action,
            "object_type": self.object_type,
            "object_id": self.object_id,
            "object_repr": self.object_repr,
            "country_id": self.country_id,
            "before": self.before,
            "after": self.after,
            "note": self.note,
        }
        if self.owner_id:
            content["owner"] = self.owner_id
        return content

    def compute_hash(self) -> str:
        payload = json.dumps(self.content(), sort_keys=True, ensure_ascii=False, default=str)
        return hashlib.sha256((self.prev_hash + payload).encode()).hexdigest()

    @property
    def changed_fields(self) -> list[str]:
        before, after = self.before or {}, self.after or {}

        def value(side: dict, key: str):
            # An empty value and a missing one read the same: nothing was recorded.
            found = side.get(key)
            return None if found in ("", [], {}) else found

        return sorted(
            k for k in before.keys() | after.keys() if value(before, k) != value(after, k)
        )
