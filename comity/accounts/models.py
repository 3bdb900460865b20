import hashlib
import secrets

from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone

from comity.core import access
from comity.core.access import LiaisonRole, RestrictedQuerySet, Role

__all__ = ["ApiToken", "LiaisonRole", "Role", "User"]


class UserQuerySet(RestrictedQuerySet):
    pass


class PeopleManager(UserManager.from_queryset(UserQuerySet)):
    """Django's user manager (create_user, ...) with the access policy's `restrict`."""


class User(AbstractUser):
    """A person who works for one authority, with one role there. Site admins are superusers."""

    access = access.AuthorityPeople()

    authority = models.ForeignKey(
        "directory.Authority",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
    )
    role = models.CharField(max_length=20, choices=Role.choices, default=Role.VIEWER)
    liaison_role = models.CharField(
        max_length=12, choices=LiaisonRole.choices, blank=True, default=LiaisonRole.NONE
    )
    is_example = models.BooleanField(
        default=False, help_text="A demo account created by `make run`, not a real person."
    )

    objects = PeopleManager()

    class Meta(AbstractUser.Meta):
        constraints = [
            # "Olena" and "olena" would be two people to the database but one to a reader.
            models.UniqueConstraint(Lower("username"), name="user_username_unique_ci"),
            models.UniqueConstraint(
                Lower("email"), condition=~Q(email=""), name="user_email_unique_ci"
            ),
        ]

    def get_absolute_url(self):
        return reverse("accounts:user_detail", args=[self.pk])

    @property
    def has_pending_invitation(self) -> bool:
        """Invited but has not chosen a password yet."""
        return self.is_active and not self.has_usable_password()

    @property
    def is_site_admin(self) -> bool:
        return access.is_site_admin(self)

    @property
    def is_authority_admin(self) -> bool:
        return access.is_authority_admin(self)

    @property
    def country_id(self) -> str | None:
        return self.authority.country_id if self.authority_id else None

    def needs_two_factor(self) -> bool:
        """Site admins always; everyone else when their authority requires it."""
        if self.is_site_admin:
            return True
        return bool(self.authority_id and self.authority.require_two_factor)


class ApiTokenQuerySet(RestrictedQuerySet):
    def active(self):
        return self.filter(revoked_at__isnull=True, user__is_active=True)


class ApiToken(models.Model):
    """A bearer token for the JSON API. Only a hash is stored; the token is shown once."""

    PREFIX = "cmt"
    access = access.PersonalItem()

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=100)
    key_id = models.CharField(max_length=16, unique=True)
    key_hash = models.CharField(max_length=64)
    created_at = models.DateTimeField(default=timezone.now)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.name} ({self.PREFIX}_{self.key_id}_…)"

    @staticmethod
    def hash_secret(secret: str) -> str:
        return hashlib.sha256(secret.encode()).hexdigest()

    @classmethod
    def new_key(cls) -> tuple[str, str, str]:
        """Return (plain token, key id, hash of the secret part)."""
        key_id = secrets.token_hex(6)
        secret = secrets.token_urlsafe(32)
        return f"{cls.PREFIX}_{key_id}_{secret}", key_id, cls.hash_secret(secret)

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None
