"""The invalidation rule (comity/core/generations.py), one test per line of it.

What is kept in memory (the directory's index, the treaty snapshot, kept answers) is keyed by the
generations of the data it comes from; these tests check which writes renew which generation, that
kept answers survive the writes that do not concern them, and that a change written through
another database connection (another worker) is seen at the next read.
"""

import threading

import pytest
from django.db import transaction
from django.urls import reverse

from comity.audit.models import Action
from comity.audit.services import record
from comity.core import answers, generations
from comity.core.generations import DIRECTORY, TREATIES
from comity.directory import finder, selectors
from comity.directory import services as directory_services
from comity.directory.transfer import authority_as_data
from comity.drafting import services as drafting_services
from comity.treaties import services as treaty_services
from tests import factories
from tests.directory.conftest import entry


@pytest.fixture
def ukr(db):
    factories.country("UKR")
    factories.country("DEU")
    return directory_services.create_authority(data=entry(), actor=None)


def _now():
    return dict(zip((DIRECTORY, TREATIES), generations.current(DIRECTORY, TREATIES), strict=True))


@pytest.mark.parametrize("object_type", sorted(generations.SCOPES[DIRECTORY]))
@pytest.mark.parametrize("action", ["create", "update", "delete", "import"])
def test_changes_to_the_directory_renew_its_generation_only(db, object_type, action):
    before = _now()
    record(actor=None, action=action, object_type=object_type, note="test")
    after = _now()
    assert after[DIRECTORY] != before[DIRECTORY]
    assert after[TREATIES] == before[TREATIES]


@pytest.mark.parametrize("object_type", sorted(generations.SCOPES[TREATIES]))
@pytest.mark.parametrize("action", ["create", "update", "delete", "import"])
def test_changes_to_treaty_data_renew_its_generation_only(db, object_type, action):
    before = _now()
    record(actor=None, action=action, object_type=object_type, note="test")
    after = _now()
    assert after[TREATIES] != before[TREATIES]
    assert after[DIRECTORY] == before[DIRECTORY]


@pytest.mark.parametrize(
    "action",
    [Action.SIGN_IN, Action.SIGN_IN_FAILED, Action.SIGN_OUT, Action.EXPORT, Action.DOWNLOAD],
)
def test_reads_and_sign_ins_renew_nothing(db, action):
    before = _now()
    record(actor=None, action=action, object_type="directory.authority", note="test")
    assert _now() == before


def test_a_saved_draft_and_a_sign_in_renew_nothing(client, ukr):
    officer = factories.UserFactory(authority=ukr)
    before = _now()
    draft = drafting_services.create_request(
        owner=ukr, data={"kind": "mla", "requested_state": "DEU"}, actor=officer
    )
    drafting_services.update_request(
        request=draft, actor=officer, changes={"facts": "A saved draft."}
    )
    response = client.post(
        reverse("accounts:login"),
        {"username": officer.username, "password": factories.PASSWORD},
    )
    assert response.status_code == 302
    assert _now() == before


def test_a_directory_change_keeps_legal_basis_answers_and_a_treaty_change_drops_them(ukr):
    built = []

    def legal_basis_answer():
        return answers.cached(
            ("a question",), lambda: built.append(1) or b"answer", scopes=(TREATIES,)
        )

    legal_basis_answer()
    legal_basis_answer()
    assert len(built) == 1
    directory_services.update_authority(
        authority=ukr, data={**authority_as_data(ukr), "office_hours": "24/7"}, actor=None
    )
    legal_basis_answer()
    assert len(built) == 1, "a directory change must not drop a legal-basis answer"
    treaty_services.save_profile(
        country_id="UKR", kind="mla", values={"source": "https://example.org/p"}, actor=None
    )
    legal_basis_answer()
    assert len(built) == 2


def test_a_renewal_rolled_back_leaves_the_generation_as_it_was(ukr):
    from django.db import transaction

    before = _now()
    with pytest.raises(RuntimeError), transaction.atomic():
        generations.renew(DIRECTORY)
        raise RuntimeError
    assert _now() == before


@pytest.mark.django_db(transaction=True)
def test_a_change_written_by_another_connection_is_seen_at_the_next_search():
    """Another worker, another process: all this process shares with it is the database."""
    factories.country("UKR")
    directory_services.create_authority(data=entry(), actor=None)
    f = selectors.AuthorityFilter(country="UKR")
    assert finder.search(f, offset=0, limit=10, stale_before=_today()).count == 1

    _create_in_another_connection("Another office")
    assert finder.search(f, offset=0, limit=10, stale_before=_today()).count == 2


def _create_in_another_connection(name: str) -> None:
    """An entry created and committed by another thread, on its own database connection."""

    def elsewhere():
        from django.db import connection

        directory_services.create_authority(data=entry(name=name), actor=None)
        connection.close()

    worker = threading.Thread(target=elsewhere)
    worker.start()
    worker.join()


def _today():
    from django.utils import timezone

    return timezone.localdate()


# --- Read with the first query of a request ----------------------------------------------------
def _queries_of(client, path, **headers):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as seen:
        assert client.get(path, **headers).status_code == 200
    return [q["sql"] for q in seen.captured_queries]


@pytest.mark.django_db(transaction=True)
def test_a_page_and_an_api_call_read_the_generations_with_their_session_or_token(client):
    """No query of their own, and a change committed elsewhere is seen by the very next request."""
    from comity.accounts.models import ApiToken, Role

    factories.country("UKR")
    authority = directory_services.create_authority(data=entry(), actor=None)
    user = factories.UserFactory(authority=authority, role=Role.OFFICER)
    plain, key_id, key_hash = ApiToken.new_key()
    ApiToken.objects.create(user=user, name="t", key_id=key_id, key_hash=key_hash)
    api = {"HTTP_AUTHORIZATION": f"Bearer {plain}"}
    client.force_login(user)
    for path, headers in (
        ("/directory/?country=UKR", {}),
        ("/api/v1/authorities?country=UKR", api),
    ):
        queries = _queries_of(client, path, **headers)
        alone = [q for q in queries if q.lstrip().startswith("SELECT scope, token")]
        assert alone == [], alone
        assert "core_generation" in queries[0]

    _create_in_another_connection("Another office")
    assert client.get("/api/v1/authorities?country=UKR", **api).json()["count"] == 2
    assert "Another office" in client.get("/directory/?country=UKR").content.decode()


def test_an_import_of_many_rows_renews_the_directory_once(db):
    """One renewal per import, not per row (each would leave a dead row version on PostgreSQL)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from comity.directory.transfer import import_authorities

    factories.country("UKR")
    rows = [(n, entry(name=f"Office {n}")) for n in range(1, 6)]
    before = _now()
    with CaptureQueriesContext(connection) as seen:
        report = import_authorities(rows=rows, actor=None)
    assert report.ok and report.created == 5
    renewals = [q for q in seen.captured_queries if "INTO core_generation" in q["sql"]]
    assert len(renewals) == 1
    assert _now()[DIRECTORY] != before[DIRECTORY]
    assert _now()[TREATIES] == before[TREATIES]


def test_a_failed_bulk_write_renews_nothing(db):
    before = _now()
    with pytest.raises(RuntimeError), transaction.atomic(), generations.renewed_once():
        generations.renew(DIRECTORY)
        raise RuntimeError("the import failed")
    assert _now() == before
    generations.renew(DIRECTORY)  # and renewals after the block happen at once again
    assert _now()[DIRECTORY] != before[DIRECTORY]
