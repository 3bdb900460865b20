"""Sign-in, failed sign-in and sign-out go to the audit trail, whichever view or client caused them;
and nobody deletes an account."""

from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models.signals import pre_delete
from django.dispatch import receiver

from comity.accounts.models import User
from comity.audit.models import Action
from comity.audit.services import record


def _client_note(request) -> str:
    if request is None:
        return ""
    return f"from {request.META.get('REMOTE_ADDR', 'unknown address')}"


@receiver(user_logged_in, dispatch_uid="comity.accounts.audit_sign_in")
def audit_sign_in(sender, request, user, **kwargs):
    record(actor=user, action=Action.SIGN_IN, obj=user, note=_client_note(request))


@receiver(user_logged_out, dispatch_uid="comity.accounts.audit_sign_out")
def audit_sign_out(sender, request, user, **kwargs):
    if user is not None and user.is_authenticated:
        record(actor=user, action=Action.SIGN_OUT, obj=user, note=_client_note(request))


@receiver(user_login_failed, dispatch_uid="comity.accounts.audit_sign_in_failed")
def audit_sign_in_failed(sender, credentials, request=None, **kwargs):
    """Nobody is signed in yet, so there is no actor; the note keeps the user name that was tried.

    When the name belongs to an account, the entry is filed under that account (and so its
    State), so the account's administrators see attempts on it.
    """
    User = get_user_model()
    tried = str(credentials.get(User.USERNAME_FIELD) or credentials.get("username") or "")[:150]
    target = User.objects.filter(**{User.USERNAME_FIELD: tried}).first() if tried else None
    note = f"user name tried: {tried!r} {_client_note(request)}".strip()
    record(actor=None, action=Action.SIGN_IN_FAILED, obj=target, note=note)


class UserDeletionRefused(Exception):
    pass


@receiver(pre_delete, sender=User, dispatch_uid="comity.accounts.refuse_user_deletion")
def refuse_user_deletion(sender, instance, **kwargs):
    """Accounts are switched off, never deleted: the audit trail names them (also on querysets)."""
    raise UserDeletionRefused(
        f"User {instance.get_username()!r} cannot be deleted: audit entries refer to people. "
        "Switch the account off instead (`user deactivate`)."
    )
