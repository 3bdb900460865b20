"""Need-to-know for protected identities: supervisors name the people of their own authority
who may see the identity; each look is recorded (IdentityView and the audit trail) and listed to
the originator."""

import json

from django.db import transaction
from django.utils.translation import gettext as _

from comity.audit.models import Action
from comity.audit.services import record
from comity.core import access
from comity.core.errors import field_error
from comity.liaison.models import IdentityView, NamedUser, ProtectedPerson
from comity.liaison.services import LiaisonInputError


class NotNamed(Exception):
    """The user is not among those who may see this identity."""


@transaction.atomic
def name_user(*, person: ProtectedPerson, user, actor) -> NamedUser:
    if not access.liaison_may(actor, access.LiaisonRole.SUPERVISOR):
        raise PermissionError
    if (
        user is None
        or user.authority_id != actor.authority_id
        or not access.liaison_may(user, access.LiaisonRole.READER)
    ):
        raise LiaisonInputError(
            [
                field_error(
                    "user",
                    _("Name someone of your own authority who has a part in the channel."),
                )
            ]
        )
    named, created = NamedUser.objects.get_or_create(
        person=person, user=user, defaults={"named_by": actor}
    )
    if created:
        record(
            actor=actor,
            action=Action.CREATE,
            obj=named,
            after={"person": person.pk, "user": user.pk},
            note="named for a protected identity",
        )
    return named


@transaction.atomic
def unname_user(*, named: NamedUser, actor) -> None:
    if (
        not access.liaison_may(actor, access.LiaisonRole.SUPERVISOR)
        or named.user.authority_id != actor.authority_id
    ):
        raise PermissionError
    record(
        actor=actor,
        action=Action.DELETE,
        obj=named,
        before={"person": named.person_id, "user": named.user_id},
    )
    named.delete()


@transaction.atomic
def show_identity(*, person: ProtectedPerson, actor) -> dict:
    """The identity, for a named user only; the look is recorded first."""
    if not NamedUser.objects.filter(person=person, user=actor).exists():
        raise NotNamed
    view = IdentityView.objects.create(person=person, user=actor)
    record(
        actor=actor,
        action=Action.VIEW,
        obj=view,
        after={"person": person.pk, "message": person.message_id},
        note="protected identity seen",
    )
    return json.loads(person.identity) if person.identity else {}
