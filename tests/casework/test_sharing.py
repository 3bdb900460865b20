"""Sharing a case with colleagues of the same State, and linked cases."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from comity.casework import selectors, sharing
from comity.casework.models import CaseEvent, CaseLink, CaseShare
from comity.casework.services import CaseInputError
from comity.casework.vocabulary import EventKind, LinkState
from tests.casework.helpers import incoming_case, officer
from tests.factories import AuthorityFactory, country

pytestmark = pytest.mark.django_db


@pytest.fixture
def actor():
    return officer()


@pytest.fixture
def case(actor):
    return incoming_case(actor)


@pytest.fixture
def colleague(case):
    """The prosecutor who executes the request, at another authority of the same State."""
    return officer(AuthorityFactory(country=case.owner.country))


def _fields(exc) -> set[str]:
    return {e["field"] for e in exc.value.errors}


def test_a_colleague_of_another_state_is_refused(case, actor):
    foreign = officer(AuthorityFactory(country=country("FRA")))
    with pytest.raises(CaseInputError) as exc:
        sharing.share_case(case=case, actor=actor, user=foreign, reason="")
    assert _fields(exc) == {"user"}
    assert not CaseShare.objects.exists()


def test_a_colleague_of_the_same_authority_or_inactive_is_refused(case, actor, colleague):
    for person in (officer(case.owner), officer(colleague.authority, is_active=False)):
        with pytest.raises(CaseInputError) as exc:
            sharing.share_case(case=case, actor=actor, user=person, reason="")
        assert _fields(exc) == {"user"}


def test_sharing_twice_is_refused(case, actor, colleague):
    sharing.share_case(case=case, actor=actor, user=colleague, reason="")
    with pytest.raises(CaseInputError) as exc:
        sharing.share_case(case=case, actor=actor, user=colleague, reason="")
    assert _fields(exc) == {"user"}


def test_only_the_owning_authoritys_writers_share(case, colleague):
    viewer = officer(case.owner, role="viewer")
    with pytest.raises(PermissionDenied):
        sharing.share_case(case=case, actor=viewer, user=colleague, reason="")
    with pytest.raises(PermissionDenied):
        sharing.share_case(case=case, actor=colleague, user=officer(colleague.authority))


def test_a_shared_colleague_sees_the_case_but_cannot_change_it(case, actor, colleague):
    assert selectors.case_for(colleague, case.pk) is None
    sharing.share_case(case=case, actor=actor, user=colleague, reason="executes the search")
    assert selectors.case_for(colleague, case.pk) == case
    assert selectors.case_for(colleague, case.pk, to_edit=True) is None
    assert selectors.may_contribute(colleague, case)
    assert CaseEvent.objects.filter(case=case, kind=EventKind.SHARED).exists()


def test_ending_a_share_hides_the_case_again(case, actor, colleague):
    share = sharing.share_case(case=case, actor=actor, user=colleague, reason="")
    sharing.end_share(share=share, actor=actor)
    assert selectors.case_for(colleague, case.pk) is None
    assert not selectors.may_contribute(colleague, case)
    assert CaseEvent.objects.filter(case=case, kind=EventKind.UNSHARED).exists()


def test_a_shared_colleague_cannot_post_on_the_case_pages(client, case, actor, colleague):
    sharing.share_case(case=case, actor=actor, user=colleague, reason="")
    client.force_login(colleague)
    url = reverse("casework:sharing", args=[case.pk])
    assert client.get(url).status_code == 200
    refused = client.post(url, {"action": "share", "share-user": str(colleague.pk)})
    assert refused.status_code == 404
    assert (
        client.post(
            reverse("casework:conditions", args=[case.pk]), {"action": "condition"}
        ).status_code
        == 404
    )


def test_the_page_offers_colleagues_of_the_state_and_shares(client, case, actor, colleague):
    foreign = officer(AuthorityFactory(country=country("FRA")))
    client.force_login(actor)
    url = reverse("casework:sharing", args=[case.pk])
    page = client.get(url).content.decode()
    assert colleague.authority.name in page
    assert foreign.authority.name not in page
    done = client.post(
        url, {"action": "share", "share-user": str(colleague.pk), "share-reason": "executes"}
    )
    assert done.status_code == 302
    assert CaseShare.objects.filter(case=case, user=colleague).exists()


def _linked_pair(actor):
    person = [{"kind": "person", "value": "Ivan Petrenko"}]
    first = incoming_case(actor, entities=person)
    second = incoming_case(actor, entities=person)
    return first, second


def test_a_suggested_link_is_confirmed_from_the_page(client, actor):
    first, second = _linked_pair(actor)
    link = CaseLink.objects.get(case=first, other=second)
    client.force_login(actor)
    url = reverse("casework:sharing", args=[first.pk])
    assert second.our_reference in client.get(url).content.decode()
    client.post(url, {"action": "confirm", "target": str(link.pk)})
    assert set(CaseLink.objects.values_list("state", flat=True)) == {LinkState.CONFIRMED}
    assert CaseEvent.objects.filter(case=second, kind=EventKind.LINK).exists()


def test_linked_cases_the_user_may_not_see_are_not_shown(client, actor, colleague):
    first, second = _linked_pair(actor)
    sharing.share_case(case=first, actor=actor, user=colleague, reason="")
    client.force_login(colleague)
    page = client.get(reverse("casework:sharing", args=[first.pk])).content.decode()
    assert first.our_reference in page
    assert second.our_reference not in page
