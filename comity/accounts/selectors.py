"""Reads for accounts."""

import zoneinfo

from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from comity.accounts.models import ApiToken


def tokens_for(user):
    """A user's own API tokens, newest first. Nobody lists another person's tokens."""
    return ApiToken.objects.filter(user=user).order_by("-created_at", "-id")


def confirmed_totp_device(user) -> TOTPDevice | None:
    if not user.is_authenticated:
        return None
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("id").first()


def has_two_factor(user) -> bool:
    return user.is_authenticated and TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def time_zone_for(user):
    """The time zone to show times in: the user's authority's, else the site default."""
    authority = getattr(user, "authority", None) if user.is_authenticated else None
    name = getattr(authority, "time_zone", "") or ""
    if name:
        try:
            return zoneinfo.ZoneInfo(name)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            pass
    return timezone.get_default_timezone()
