"""Search answers only what the reader may read: public documents for everyone, documents for
signed-in users to them, and an authority's own documents to its people only; counts and facets
too. A document out of reach is a 404 on its page and in the API."""

import pytest
from django.contrib.auth.models import AnonymousUser

from comity.accounts.models import Role
from tests import factories
from tests.accounts.helpers import verified_login
from tests.library.helpers import add, found, states

pytestmark = pytest.mark.django_db


@pytest.fixture
def shelf(django_capture_on_commit_callbacks):
    states()
    moj = factories.AuthorityFactory(country=factories.country("UKR"))
    other = factories.AuthorityFactory(country=factories.country("UKR"))
    people = {
        "anonymous": AnonymousUser(),
        "moj": factories.UserFactory(authority=moj, role=Role.OFFICER),
        "moj_viewer": factories.UserFactory(authority=moj, role=Role.VIEWER),
        "other": factories.UserFactory(authority=other, role=Role.OFFICER),
        "site": factories.UserFactory(authority=None, is_superuser=True, is_staff=True),
    }
    capture = django_capture_on_commit_callbacks
    docs = {
        access: add(
            {
                "type": "case",
                "title": f"Extradition judgment ({access})",
                "language": "en",
                "country": "UKR",
                "access": access,
                "crime_types": ["corruption"],
            },
            actor=people["moj"],
            capture=capture,
        )
        for access in ("public", "signed_in", "authority")
    }
    return people, docs


#          who            sees (public, signed_in, authority)
MATRIX = {
    "anonymous": {"public"},
    "moj": {"public", "signed_in", "authority"},
    "moj_viewer": {"public", "signed_in", "authority"},
    "other": {"public", "signed_in"},
    "site": {"public", "signed_in"},
}


@pytest.mark.parametrize("who", MATRIX)
def test_search_counts_and_facets_follow_access(shelf, who):
    people, _docs = shelf
    page = found("extradition", user=people[who])
    seen = {r.document.visibility for r in page.results}
    assert seen == MATRIX[who]
    assert page.count == len(MATRIX[who])
    crime = {v.value: v.count for v in page.facets["crime"]}
    assert crime == {"corruption": len(MATRIX[who])}


@pytest.mark.parametrize("who", MATRIX)
def test_pages_and_api_answer_404_out_of_reach(shelf, client, who):
    people, docs = shelf
    if who == "site":
        verified_login(client, people[who])
    elif who != "anonymous":
        client.force_login(people[who])
    for access, document in docs.items():
        expected = 200 if access in MATRIX[who] else 404
        assert client.get(f"/library/{document.pk}/").status_code == expected
        assert client.get(f"/api/v1/library/documents/{document.pk}").status_code == expected


def test_only_the_authority_keeps_its_documents(shelf, client):
    people, docs = shelf
    client.force_login(people["other"])
    public = docs["public"]
    assert client.get(f"/library/{public.pk}/edit/").status_code == 404
    answer = client.put(
        f"/api/v1/library/documents/{public.pk}",
        {"type": "case", "title": "Changed", "language": "en"},
        content_type="application/json",
    )
    assert answer.status_code == 403
    client.force_login(people["moj_viewer"])
    assert client.get(f"/library/{public.pk}/edit/").status_code == 404
    client.force_login(people["moj"])
    assert client.get(f"/library/{public.pk}/edit/").status_code == 200


def test_export_writes_only_what_the_reader_may_read(shelf, client):
    people, _docs = shelf
    lines = b"".join(client.get("/api/v1/library/export").streaming_content).splitlines()
    assert len(lines) == 1
    client.force_login(people["moj"])
    lines = b"".join(client.get("/library/export.jsonl").streaming_content).splitlines()
    assert len(lines) == 3
