"""Writes for accounts: API tokens, two-factor devices, an authority's security settings.

Every function here is keyword-only, takes the `actor` who asked for the change (None for the
system, e.g. a management command run on the server), runs in one transaction and writes an
audit entry in that transaction, so a change and its record stand or fall together.
"""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from comity.accounts.models import ApiToken, User
from comity.audit.models import Action
from comity.audit.services import record

TOTP_DEVICE_NAME = "Authenticator app"


def _country_of(user) -> str:
    return (user.country_id or "") if user is not None else ""


def _token_state(token: ApiToken) -> dict:
    # Never the hash: the audit trail must not help anyone rebuild or test a secret.
    return {
        "name": token.name,
        "key_id": token.key_id,
        "user": token.user.get_username(),
        "revoked_at": token.revoked_at,
    }


@transaction.atomic
def create_token(*, user: User, name: str, actor) -> tuple[ApiToken, str]:
    """Create an API token for `user`; return it and the plain token, which is never stored.

    Show the plain token to the person once; afterwards only its key id identifies it.
    """
    name = (name or "").strip()
    if not name:
        raise ValueError("A token needs a name that says what it is for.")
    if not user.is_active:
        raise ValueError(f"User {user.get_username()!r} is not active; activate the account first.")
    plain, key_id, key_hash = ApiToken.new_key()
    token = ApiToken.objects.create(user=user, name=name[:100], key_id=key_id, key_hash=key_hash)
    record(
        actor=actor,
        action=Action.CREATE,
        obj=token,
        country_id=_country_of(user),
        after=_token_state(token),
    )
    return token, plain


@transaction.atomic
def revoke_token(*, token: ApiToken, actor) -> ApiToken:
    """Revoke a token so that it no longer authenticates. Revoking twice changes nothing."""
    token = ApiToken.objects.select_for_update().select_related("user").get(pk=token.pk)
    if token.revoked_at is not None:
        return token
    before = _token_state(token)
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
    record(
        actor=actor,
        action=Action.UPDATE,
        obj=token,
        country_id=_country_of(token.user),
        before=before,
        after=_token_state(token),
        note="API token revoked",
    )
    return token


@transaction.atomic
def set_authority_two_factor(*, authority, required: bool, actor):
    """Require (or stop requiring) two-factor sign-in for everyone who works for `authority`.

    Only an administrator of that authority, or a site admin, may change it.
    """
    if actor is not None and not (
        actor.is_site_admin or (actor.is_authority_admin and actor.authority_id == authority.pk)
    ):
        raise PermissionDenied("Only an administrator of this authority may change its security.")
    authority = type(authority).objects.select_for_update().get(pk=authority.pk)
    before = {"require_two_factor": authority.require_two_factor}
    if authority.require_two_factor == bool(required):
        return authority
    authority.require_two_factor = bool(required)
    authority.save(update_fields=["require_two_factor", "updated_at"])
    record(
        actor=actor,
        action=Action.UPDATE,
        obj=authority,
        before=before,
        after={"require_two_factor": authority.require_two_factor},
    )
    return authority


def pending_totp_device(*, user: User) -> TOTPDevice:
    """The unconfirmed TOTP device a user is setting up, created on first use.

    Reusing it means reloading the set-up page does not invalidate the QR code already scanned.
    Nothing is audited: an unconfirmed device cannot be used to sign in.
    """
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("id").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=TOTP_DEVICE_NAME, confirmed=False)
    return device


@transaction.atomic
def confirm_totp_device(*, device: TOTPDevice, actor) -> TOTPDevice:
    """Turn a set-up device (whose code the caller has already verified) into the user's device.

    Any other unconfirmed devices of the user are removed: one authenticator per person.
    """
    user = device.user
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    TOTPDevice.objects.filter(user=user, confirmed=False).exclude(pk=device.pk).delete()
    record(
        actor=actor,
        action=Action.UPDATE,
        obj=user,
        before={"two_factor": False},
        after={"two_factor": True},
        note="Two-factor device confirmed",
    )
    return device


@transaction.atomic
def remove_totp_devices(*, user: User, actor) -> int:
    """Remove all of a user's TOTP devices. The caller checks the user has just verified."""
    deleted, _ = TOTPDevice.objects.filter(user=user).delete()
    if deleted:
        record(
            actor=actor,
            action=Action.UPDATE,
            obj=user,
            before={"two_factor": True},
            after={"two_factor": False},
            note="Two-factor device removed",
        )
    return deleted
