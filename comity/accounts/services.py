"""Writes for accounts: people (invite, role, switch off/on), API tokens, two-factor devices, an
authority's security settings.

Every function here is keyword-only, takes the `actor` who asked for the change (None for the
system, e.g. a management command run on the server), runs in one transaction and writes an
audit entry in that transaction, so a change and its record stand or fall together.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from comity.accounts import emails
from comity.accounts.models import ApiToken, LiaisonRole, Role, User
from comity.audit.models import Action
from comity.audit.services import record
from comity.core import access, rows

TOTP_DEVICE_NAME = "Authenticator app"


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
        after=_token_state(token),
    )
    return token, plain


@transaction.atomic
def revoke_token(*, token: ApiToken, actor) -> ApiToken:
    """Revoke a token so that it no longer authenticates. Revoking twice changes nothing."""
    token = rows.locked(ApiToken.objects.select_related("user"), token.pk)
    if token.revoked_at is not None:
        return token
    before = _token_state(token)
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
    record(
        actor=actor,
        action=Action.UPDATE,
        obj=token,
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
    if actor is not None and not access.may_create(actor, User.access, owner=authority):
        raise PermissionDenied("Only an administrator of this authority may change its security.")
    authority = rows.locked(type(authority).objects, authority.pk)
    before = {"require_two_factor": authority.require_two_factor}
    if authority.require_two_factor == bool(required):
        return authority
    authority.require_two_factor = bool(required)
    authority.save(update_fields=["require_two_factor", "updated_at"])
    # The authority's security settings are its own business, not public reference data.
    record(
        actor=actor,
        action=Action.UPDATE,
        obj=authority,
        owner=authority,
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


# --- People ---------------------------------------------------------------------------------------
# Users are never deleted: audit entries point at them. An account is switched off instead.


def _user_state(user: User) -> dict:
    # Never the password or its hash, only whether one has been chosen.
    return {
        "username": user.get_username(),
        "email": user.email,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "authority": str(user.authority_id) if user.authority_id else None,
        "role": user.role,
        "liaison_role": user.liaison_role,
        "is_active": user.is_active,
        "is_superuser": user.is_superuser,
        "has_password": user.has_usable_password(),
    }


def may_manage(actor, *, authority=None, user: User | None = None) -> bool:
    """Whether `actor` may manage people of `authority` (or the person `user`).

    The access policy's AuthorityPeople rule: site admins manage everyone; an authority admin
    manages the people of their own authority, never a site admin. None is the system (a command
    run on the server).
    """
    if actor is None:
        return True
    if user is not None:
        return access.can(actor, access.Permission.CHANGE, user)
    return access.may_create(actor, User.access, owner=authority)


def _require_manager(actor, **target) -> None:
    if not may_manage(actor, **target):
        raise PermissionDenied(_("Only an administrator of this authority may manage its people."))


def _clean_identity(*, username: str, email: str) -> tuple[str, str]:
    """Check a new user name and e-mail address; errors are keyed by form field."""
    username = (username or "").strip()
    email = User.objects.normalize_email((email or "").strip())
    errors: dict[str, list[str]] = {}
    if not username:
        errors["username"] = [_("Enter a user name.")]
    else:
        try:
            User.username_validator(username)
            if len(username) > 150:
                raise ValidationError(_("Use at most 150 characters."))
        except ValidationError:
            errors["username"] = [
                _("Use at most 150 letters, digits and the characters @ . + - _ (no spaces).")
            ]
        else:
            if User.objects.filter(username__iexact=username).exists():
                errors["username"] = [
                    _(
                        "The user name “%(username)s” is taken (capitals do not count). "
                        "Choose another one."
                    )
                    % {"username": username}
                ]
    if not email:
        errors["email"] = [_("Enter an e-mail address: the invitation is sent there.")]
    else:
        try:
            validate_email(email)
        except ValidationError:
            errors["email"] = [_("Enter a valid e-mail address, such as name@example.org.")]
        else:
            if User.objects.filter(email__iexact=email).exists():
                errors["email"] = [
                    _(
                        "Someone already has an account with this e-mail address. Find them in "
                        "the list of users, or use another address."
                    )
                ]
    if errors:
        raise ValidationError(errors)
    return username, email


def _check_role(role: str) -> None:
    if role not in Role.values:
        raise ValidationError({"role": [_("Choose one of the roles in the list.")]})


def _create_invited(*, site_url: str, actor, first_name: str, last_name: str, **fields) -> User:
    user = User(
        first_name=(first_name or "").strip()[:150],
        last_name=(last_name or "").strip()[:150],
        **fields,
    )
    site_url = site_url or emails.site_url_from_settings()
    user.set_unusable_password()
    try:
        with transaction.atomic():
            user.save()
    except IntegrityError as exc:
        # Another invitation with the same name or address won the race since the check.
        raise ValidationError(
            {"username": [_("This user name or e-mail address was taken just now. Try again.")]}
        ) from exc
    record(actor=actor, action=Action.CREATE, obj=user, after=_user_state(user), note="Invited")
    emails.send_invitation(user=user, inviter=actor, site_url=site_url)
    return user


@transaction.atomic
def invite_user(
    *,
    authority,
    username: str,
    email: str,
    first_name: str = "",
    last_name: str = "",
    role: str,
    actor,
    site_url: str = "",
) -> User:
    """Create an active account with no password and e-mail its owner a link to choose one.

    The e-mail is written in the language active now, i.e. the inviter's. `site_url` is the
    address the link starts with (a view passes the one it was reached at). If the mail cannot be
    sent, nothing is created. Raises ValidationError keyed by field for a bad or taken name or
    address, PermissionDenied if `actor` may not manage people of `authority`.
    """
    if authority is None:
        raise ValidationError({"authority": [_("Choose the authority the person works for.")]})
    _require_manager(actor, authority=authority)
    _check_role(role)
    username, email = _clean_identity(username=username, email=email)
    return _create_invited(
        site_url=site_url,
        actor=actor,
        username=username,
        email=email,
        first_name=first_name,
        last_name=last_name,
        authority=authority,
        role=role,
    )


@transaction.atomic
def invite_site_admin(
    *,
    username: str,
    email: str,
    first_name: str = "",
    last_name: str = "",
    actor,
    site_url: str = "",
) -> User:
    """Create a site admin (superuser) by invitation. Only the `user` command calls this.

    A site admin must set up two-factor sign-in at the first sign-in (User.needs_two_factor).
    """
    if actor is not None and not actor.is_site_admin:
        raise PermissionDenied(_("Only a site administrator may create another one."))
    username, email = _clean_identity(username=username, email=email)
    return _create_invited(
        site_url=site_url,
        actor=actor,
        username=username,
        email=email,
        first_name=first_name,
        last_name=last_name,
        authority=None,
        is_superuser=True,
        is_staff=True,
    )


@transaction.atomic
def resend_invitation(*, user: User, actor, site_url: str = "") -> User:
    """Send a new set-password link to someone who has not chosen a password yet.

    Links sent before keep working until they expire or a password is chosen.
    """
    _require_manager(actor, user=user)
    user = rows.locked(User.objects, user.pk)
    if not user.has_pending_invitation:
        raise ValidationError(
            _("This person has already chosen a password, or the account is switched off.")
        )
    record(actor=actor, action=Action.UPDATE, obj=user, note="Invitation sent again")
    emails.send_invitation(
        user=user, inviter=actor, site_url=site_url or emails.site_url_from_settings()
    )
    return user


@transaction.atomic
def set_password(*, user: User, password: str, actor) -> User:
    """Set a password chosen by its owner (the caller has validated it). Only the fact is recorded."""
    user = rows.locked(User.objects, user.pk)
    before = {"has_password": user.has_usable_password()}
    user.set_password(password)
    user.save(update_fields=["password"])
    record(
        actor=actor,
        action=Action.UPDATE,
        obj=user,
        before=before,
        after={"has_password": True},
        note="Password chosen with a one-time link",
    )
    return user


def _refuse_self(user: User, actor, message: str) -> None:
    if actor is not None and actor.pk == user.pk:
        raise ValidationError(message)


def _refuse_last_admin(user: User, message: str) -> None:
    """The only active administrator of an authority stays one, so the authority is never orphaned."""
    if not (user.is_active and user.role == Role.AUTHORITY_ADMIN and user.authority_id):
        return
    # Lock the authority's admins so two demotions at once cannot both see "someone else is left".
    others = list(
        User.objects.select_for_update()
        .filter(authority_id=user.authority_id, role=Role.AUTHORITY_ADMIN, is_active=True)
        .exclude(pk=user.pk)
        .values_list("pk", flat=True)
    )
    if not others:
        raise ValidationError(message)


def _locked(user: User) -> User:
    return rows.locked(User.objects.select_related("authority"), user.pk)


@transaction.atomic
def change_liaison_role(*, user: User, liaison_role: str, actor) -> User:
    """Give `user` a part in their contact point's informal channel (or none). Nobody changes
    their own: access to information under handling codes is granted by another person."""
    _require_manager(actor, user=user)
    if liaison_role not in LiaisonRole.values:
        raise ValidationError(_("Choose one of the listed parts in the informal channel."))
    user = _locked(user)
    if user.liaison_role == liaison_role:
        return user
    _refuse_self(
        user,
        actor,
        _("You cannot change your own part in the informal channel. Ask another administrator."),
    )
    before = _user_state(user)
    user.liaison_role = liaison_role
    user.save(update_fields=["liaison_role"])
    record(actor=actor, action=Action.UPDATE, obj=user, before=before, after=_user_state(user))
    return user


@transaction.atomic
def change_role(*, user: User, role: str, actor) -> User:
    """Give `user` another role at their authority. Nobody changes their own role."""
    _require_manager(actor, user=user)
    _check_role(role)
    user = _locked(user)
    if user.role == role:
        return user
    _refuse_self(
        user, actor, _("You cannot change your own role. Ask another administrator to do it.")
    )
    if role != Role.AUTHORITY_ADMIN:
        _refuse_last_admin(
            user,
            _(
                "%(name)s is the only active administrator of this authority. Make someone else "
                "an administrator first."
            )
            % {"name": user.get_full_name() or user.get_username()},
        )
    before = _user_state(user)
    user.role = role
    user.save(update_fields=["role"])
    record(actor=actor, action=Action.UPDATE, obj=user, before=before, after=_user_state(user))
    return user


@transaction.atomic
def deactivate_user(*, user: User, actor) -> User:
    """Switch an account off: no sign-in, no API token, open sessions end at their next request.

    The account stays (audit entries point at it) and can be switched on again.
    """
    _require_manager(actor, user=user)
    user = _locked(user)
    if not user.is_active:
        return user
    _refuse_self(
        user,
        actor,
        _("You cannot switch off your own account. Ask another administrator to do it."),
    )
    _refuse_last_admin(
        user,
        _(
            "%(name)s is the only active administrator of this authority. Make someone else an "
            "administrator first."
        )
        % {"name": user.get_full_name() or user.get_username()},
    )
    return _set_active(user, active=False, actor=actor)


@transaction.atomic
def reactivate_user(*, user: User, actor) -> User:
    """Switch an account on again, with the role and password it had."""
    _require_manager(actor, user=user)
    user = _locked(user)
    if user.is_active:
        return user
    return _set_active(user, active=True, actor=actor)


def _set_active(user: User, *, active: bool, actor) -> User:
    before = _user_state(user)
    user.is_active = active
    user.save(update_fields=["is_active"])
    record(
        actor=actor,
        action=Action.UPDATE,
        obj=user,
        before=before,
        after=_user_state(user),
        note="Account switched on" if active else "Account switched off",
    )
    return user
