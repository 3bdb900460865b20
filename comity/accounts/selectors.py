"""Reads for accounts."""

import zoneinfo
from dataclasses import dataclass

from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from comity.accounts.models import ApiToken, User
from comity.core import access


def tokens_for(user):
    """A user's own API tokens, newest first. Nobody lists another person's tokens."""
    return ApiToken.objects.restrict(user).order_by("-created_at", "-id")


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


def may_manage_users(user) -> bool:
    """Whether `user` sees the user-management pages at all."""
    return access.is_site_admin(user) or access.is_authority_admin(user)


def users_manageable_by(actor):
    """The people `actor` manages: everyone for a site admin, the own authority's people (never a
    site admin) for an authority admin, nobody otherwise (the access policy's AuthorityPeople
    rule). Pages use this, so out of scope is 404.
    """
    return (
        User.objects.restrict(actor, access.Permission.CHANGE)
        .select_related("authority", "authority__country")
        .annotate(
            has_two_factor=Exists(TOTPDevice.objects.filter(user=OuterRef("pk"), confirmed=True))
        )
    )


@dataclass(frozen=True)
class UserFilters:
    q: str = ""  # user name, name or e-mail address
    authority: str = ""  # authority name or State (site admins only)
    role: str = ""
    status: str = ""  # "active", "inactive", "invited" or ""


def users_for_list(actor, filters: UserFilters):
    """The list page: manageable people, filtered, by authority and then name."""
    users = users_manageable_by(actor)
    if filters.q:
        q = filters.q
        users = users.filter(
            Q(username__icontains=q)
            | Q(first_name__icontains=q)
            | Q(last_name__icontains=q)
            | Q(email__icontains=q)
        )
    if filters.authority and actor.is_site_admin:
        text = filters.authority
        users = users.filter(
            Q(authority__name__icontains=text)
            | Q(authority__country__iso3__iexact=text)
            | Q(authority__country__iso2__iexact=text)
            | Q(authority__country__name__icontains=text)
        )
    if filters.role:
        users = users.filter(role=filters.role)
    if filters.status == "active":
        users = users.filter(is_active=True)
    elif filters.status == "inactive":
        users = users.filter(is_active=False)
    elif filters.status == "invited":
        users = users.filter(is_active=True, password__startswith=UNUSABLE_PASSWORD_PREFIX)
    return users.order_by("authority__country_id", "authority__name", "username")
