"""Sharing a case with named colleagues of the same State, and the cases linked to it.

The owning authority's writers may share a case with an active member of another authority of
their own State (the prosecutor who executes the request, the police unit that seized the data).
That colleague then sees the case and may add files to it, but does not change it.
"""

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from comity.casework import journal, links, selectors
from comity.casework.inputs import Checks
from comity.casework.models import Case, CaseLink, CaseShare
from comity.casework.vocabulary import EventKind, LinkState
from comity.core import access


def _check_writer(actor, case: Case) -> None:
    if not access.may_create(actor, Case.access, owner=case.owner):
        raise PermissionDenied(_("Only the officers of the authority that owns a case share it."))


def colleagues(case: Case) -> QuerySet:
    """Who `case` can be shared with: the active members of the other authorities of its owner's
    State, not already sharing it."""
    return (
        get_user_model()
        .objects.filter(
            is_active=True,
            authority__isnull=False,
            authority__country_id=case.owner.country_id,
        )
        .exclude(authority_id=case.owner_id)
        .exclude(pk__in=CaseShare.objects.filter(case=case).values("user_id"))
        .select_related("authority")
        .order_by("authority__name", "last_name", "username")
    )


def shares(case: Case) -> QuerySet:
    return CaseShare.objects.filter(case=case).select_related(
        "user", "user__authority", "granted_by"
    )


@transaction.atomic
def share_case(*, case: Case, actor, user, reason: str = "") -> CaseShare:
    """Let `user`, of another authority of the same State, see the case and add files to it."""
    _check_writer(actor, case)
    checks = Checks()
    fits = (
        user is not None
        and user.is_active
        and user.authority_id
        and user.authority_id != case.owner_id
        and user.authority.country_id == case.owner.country_id
    )
    if not fits:
        checks.add(
            "user",
            _(
                "Choose an active colleague of another authority of your own State; a case is "
                "not shared outside the State, nor within your own authority (it sees it already)."
            ),
        )
    elif CaseShare.objects.filter(case=case, user=user).exists():
        checks.add("user", _("The case is already shared with this colleague."))
    reason = checks.text("reason", reason, max_length=300)
    checks.done()
    current = journal.locked(case)
    share = CaseShare.objects.create(case=current, user=user, granted_by=actor, reason=reason)
    journal.log(
        current,
        EventKind.SHARED,
        actor=actor,
        note=reason,
        details={"user": user.pk, "authority": str(user.authority_id)},
        after={"shared_with": user.get_username(), "authority": str(user.authority_id)},
    )
    return share


@transaction.atomic
def end_share(*, share: CaseShare, actor) -> None:
    """Stop sharing the case with that colleague: from now on they no longer see it."""
    _check_writer(actor, share.case)
    current = journal.locked(share.case)
    user = share.user
    share.delete()
    journal.log(
        current,
        EventKind.UNSHARED,
        actor=actor,
        details={"user": user.pk, "authority": str(user.authority_id)},
        after={"unshared": user.get_username(), "authority": str(user.authority_id)},
    )


@transaction.atomic
def decide_link(*, link: CaseLink, actor, confirmed: bool) -> CaseLink:
    """Confirm a suggested link (an event on both cases) or record that they are not related."""
    _check_writer(actor, link.case)
    link = links.decide(link=link, actor=actor, confirmed=confirmed)
    if confirmed:
        for case, other in ((link.case, link.other), (link.other, link.case)):
            journal.event(
                case,
                EventKind.LINK,
                actor=actor,
                note=link.value,
                details={"other": str(other.pk), "kind": link.kind, "value": link.value},
            )
    return link


def linked_cases(case: Case, user) -> dict[str, list[CaseLink]]:
    """The links of `case` to cases `user` may see: suggested and confirmed."""
    visible = selectors.cases_for(user).values("pk")
    found = (
        CaseLink.objects.filter(
            case=case,
            state__in=(LinkState.SUGGESTED, LinkState.CONFIRMED),
            other__in=visible,
        )
        .select_related("other", "other__counterpart_state")
        .order_by("other__our_reference", "kind", "value")
    )
    out = {LinkState.SUGGESTED: [], LinkState.CONFIRMED: []}
    for link in found:
        out[link.state].append(link)
    return {"suggested": out[LinkState.SUGGESTED], "confirmed": out[LinkState.CONFIRMED]}
