"""Linked cases: two cases of one authority that name the same person, company or account.

comity suggests a link when a case is saved; a person confirms it or says the cases are not
related. A person matches on the folded name and, when both cases give it, the date of birth; a
company on its folded name; an account on its number without spaces or punctuation.
"""

import re

from django.db import transaction
from django.utils import timezone

from comity.audit.models import Action
from comity.audit.services import record
from comity.casework.models import CaseEntity, CaseLink
from comity.casework.terms import latin
from comity.casework.vocabulary import EntityKind, LinkState
from comity.directory.services import fold

MAX_SUGGESTIONS = 50


def folded_value(kind: str, value: str) -> str:
    if kind == EntityKind.ACCOUNT:
        return re.sub(r"[^0-9a-z]", "", fold(value))[:300]
    return " ".join(latin(word) for word in re.findall(r"\w+", fold(value)))[:300]


def suggest(case) -> int:
    """Suggest links from `case` to the authority's other cases that name one of its entities."""
    made = 0
    for entity in case.entities.all():
        if not entity.folded:
            continue
        matches = (
            CaseEntity.objects.filter(
                case__owner_id=case.owner_id, kind=entity.kind, folded=entity.folded
            )
            .exclude(case_id=case.pk)
            .select_related("case")[:MAX_SUGGESTIONS]
        )
        for match in matches:
            if (
                entity.kind == EntityKind.PERSON
                and entity.date_of_birth
                and match.date_of_birth
                and entity.date_of_birth != match.date_of_birth
            ):
                continue
            for a, b in ((case, match.case), (match.case, case)):
                _, created = CaseLink.objects.get_or_create(
                    case=a, other=b, kind=entity.kind, value=entity.value[:300]
                )
                made += created
    return made


@transaction.atomic
def decide(*, link: CaseLink, actor, confirmed: bool) -> CaseLink:
    """Confirm a suggested link (both ways) or record that the cases are not related."""
    state = LinkState.CONFIRMED if confirmed else LinkState.DISMISSED
    now = timezone.now()
    pair = CaseLink.objects.filter(
        case__in=(link.case_id, link.other_id),
        other__in=(link.case_id, link.other_id),
        kind=link.kind,
        value=link.value,
    )
    pair.update(state=state, decided_by=actor, decided_at=now)
    link.refresh_from_db()
    record(
        actor=actor,
        action=Action.UPDATE,
        obj=link.case,
        after={"link": str(link.other_id), "kind": link.kind, "value": link.value, "state": state},
    )
    return link
