"""Query counts of the directory's list pages and endpoints, pinned so N+1 queries show up here.

If a change raises a number on purpose, update it here and say why in the commit.
"""

import pytest
from django.urls import reverse

from comity.accounts.models import ApiToken
from comity.directory import services
from tests.directory.conftest import entry

PINNED = {
    # the token with the data generations, the page's listings, and at most every five minutes
    # the token's last use; the first search after a change to the directory also reads it into
    # the finder's index (3 more).
    "api_list": 3,
    # the session with the data generations, the user with their authority, the page's entries
    "list_page": 3,
}


@pytest.fixture
def many(countries):
    for n in range(30):
        services.create_authority(data=entry(name=f"Office {n}", phone="", email=""), actor=None)


def test_api_list_query_count_does_not_grow_with_results(
    client, many, django_assert_max_num_queries, ukr_moj
):
    from tests import factories

    user = factories.UserFactory(authority=ukr_moj)
    plain, key_id, key_hash = ApiToken.new_key()
    ApiToken.objects.create(user=user, name="t", key_id=key_id, key_hash=key_hash)
    auth = {"HTTP_AUTHORIZATION": f"Bearer {plain}"}
    assert client.get("/api/v1/authorities?country=DEU", **auth).status_code == 200
    with django_assert_max_num_queries(PINNED["api_list"]):
        response = client.get(
            "/api/v1/authorities?country=UKR&competence=mla", HTTP_AUTHORIZATION=f"Bearer {plain}"
        )
    assert response.json()["count"] == 31


def test_list_page_query_count_does_not_grow_with_results(
    client, many, people, django_assert_max_num_queries
):
    client.force_login(people["viewer_own"])
    assert client.get(reverse("directory:authority_list") + "?country=DEU").status_code == 200
    with django_assert_max_num_queries(PINNED["list_page"]):
        response = client.get(reverse("directory:authority_list") + "?country=UKR")
    assert response.status_code == 200
