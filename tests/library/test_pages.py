"""The library's pages: search with facets and paging, a document, the form that keeps what was
typed."""

import pytest

from comity.accounts.models import Role
from comity.library.models import Document
from tests import factories
from tests.library.helpers import corpus, states

pytestmark = pytest.mark.django_db


def test_the_search_page_shows_results_facets_and_chosen_filters(
    client, django_capture_on_commit_callbacks
):
    corpus(django_capture_on_commit_callbacks)
    page = client.get("/library/?q=money+laundering&country=GBR")
    html = page.content.decode()
    assert page.status_code == 200
    assert "<mark>Money</mark>" in html
    assert "Remove the filter United Kingdom" in html
    assert 'aria-current="true"' in html
    assert "2 documents" in html


def test_bad_search_values_are_explained_not_fatal(client):
    page = client.get("/library/?year_from=abc&country=<script>&page=-3")
    assert page.status_code == 200
    assert "<script>" not in page.content.decode().split("<main")[-1]


def test_the_document_page_marks_the_query_and_shows_its_source(
    client, django_capture_on_commit_callbacks
):
    docs = corpus(django_capture_on_commit_callbacks)
    page = client.get(f"/library/{docs['summary-hit'].pk}/?q=bank")
    html = page.content.decode()
    assert "<mark>bank</mark>" in html
    assert "Court of Appeal" in html
    assert "No source was given for this document." in html


def test_a_document_of_another_type_drops_the_details_of_the_first(client):
    states()
    client.force_login(factories.UserFactory(authority=factories.AuthorityFactory()))
    answer = client.post(
        "/library/new/",
        {
            "type": "case",
            "title": "Judgment on extradition",
            "language": "en",
            "court": "Supreme Court",
            "citation": "typed while the type was legislation",
            "access": "public",
        },
    )
    assert answer.status_code == 302
    document = Document.objects.get()
    assert document.court == "Supreme Court"
    assert document.citation == ""


def test_a_failed_save_keeps_everything_typed(client):
    states()
    client.force_login(factories.UserFactory(authority=factories.AuthorityFactory()))
    answer = client.post(
        "/library/new/",
        {
            "type": "case",
            "title": "",
            "language": "en",
            "summary": "Long summary typed.",
            "access": "public",
        },
    )
    assert answer.status_code == 400
    html = answer.content.decode()
    assert "Long summary typed." in html
    assert "data-unsaved" in html
    assert not Document.objects.exists()


def test_a_conflicting_edit_is_refused_with_what_was_typed_kept(client):
    states()
    user = factories.UserFactory(authority=factories.AuthorityFactory(), role=Role.OFFICER)
    client.force_login(user)
    client.post(
        "/library/new/",
        {"type": "publication", "title": "Guide", "language": "en", "access": "public"},
    )
    document = Document.objects.get()
    form = {
        "type": "publication",
        "title": "Mine",
        "language": "en",
        "access": "public",
        "version": "1",
    }
    client.post(f"/library/{document.pk}/edit/", {**form, "title": "Theirs"})
    answer = client.post(f"/library/{document.pk}/edit/", form)
    assert answer.status_code == 409
    assert 'value="Mine"' in answer.content.decode()
    document.refresh_from_db()
    assert document.title == "Theirs"


def test_an_edit_keeps_the_texts_of_articles(client):
    states()
    user = factories.UserFactory(authority=factories.AuthorityFactory(), role=Role.OFFICER)
    client.force_login(user)
    from comity.library import services

    document = services.create(
        actor=user,
        data={
            "type": "legislation",
            "title": "Act",
            "language": "en",
            "articles": [{"number": "7", "heading": "Central authority", "text": "Full text."}],
        },
    )
    answer = client.post(
        f"/library/{document.pk}/edit/",
        {
            "type": "legislation",
            "title": "Act",
            "language": "en",
            "access": "public",
            "articles": "7 | Central authority | UNTOC 18",
            "version": "1",
        },
    )
    assert answer.status_code == 302
    article = document.articles.get()
    assert article.text == "Full text."
    assert article.implements == ["UNTOC 18"]


def test_the_country_page_lists_the_states_legislation(client, django_capture_on_commit_callbacks):
    docs = corpus(django_capture_on_commit_callbacks)
    client.force_login(factories.UserFactory(authority=factories.AuthorityFactory()))
    html = client.get("/states/MEX/").content.decode()
    assert docs["spanish"].title in html


def test_the_request_writer_offers_the_requested_states_laws_and_cases(
    client, django_capture_on_commit_callbacks
):
    from comity.drafting import services as drafting_services
    from comity.drafting.schema import empty_body

    docs = corpus(django_capture_on_commit_callbacks)
    owner = factories.AuthorityFactory(country=factories.country("UKR"))
    user = factories.UserFactory(authority=owner, role=Role.OFFICER)
    body = empty_body(kind="mla", requesting_state="UKR")
    body.update(
        requested_state="GBR",
        requesting_authority=str(owner.pk),
        offences=[{"label": "Laundering", "category": "money_laundering"}],
    )
    request = drafting_services.create_request(owner=owner, data=body, actor=user)
    client.force_login(user)
    html = client.get(f"/requests/{request.pk}/proceedings/").content.decode()
    assert "From the library" in html
    assert docs["title-hit"].title in html
    assert docs["summary-hit"].title in html
    assert docs["french"].title not in html
    assert "crime=money_laundering" in html


def test_without_cases_on_the_crimes_the_writer_offers_the_states_other_cases(
    django_capture_on_commit_callbacks,
):
    from django.contrib.auth.models import AnonymousUser

    from comity.library.selectors import for_request

    docs = corpus(django_capture_on_commit_callbacks)
    offered = for_request(AnonymousUser(), "RUS", ["terrorism"])
    assert offered["other_cases"] is True
    assert [r.document.pk for r in offered["cases"].results] == [docs["russian"].pk]
    offered = for_request(AnonymousUser(), "RUS", ["money_laundering"])
    assert offered["other_cases"] is False
