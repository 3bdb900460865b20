"""The finder answers exactly as the SQL search did: the same bytes, for thousands of questions.

`reference_body` is the search of the directory API as it was before the finder (a query through
selectors.search_authorities, rows read with values_list, JSON written per item). Every question of
the benchmark's query mix (benchmarks/queries.py, another seed) is asked of the API and of the
reference over a synthetic directory, then again after changes to it.
"""

import datetime
import json
import random
import sys
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

import pytest
from django.conf import settings
from django.utils import timezone
from pydantic import ValidationError

from comity.accounts.models import ApiToken
from comity.directory import finder, selectors, services
from comity.directory.models import Authority
from comity.directory.schemas import AuthorityQuery
from comity.directory.transfer import authority_as_data, import_authorities, parse
from comity.geo.models import Country
from comity.geo.services import load_countries
from tests import factories

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
import queries
import synthetic

_COLUMNS = ("id", *Authority.ENTRY_FIELDS)
_KEYS = ("id", "country", *_COLUMNS[2:])


def _reference_item(row: tuple, stale_before: datetime.date) -> dict:
    item = dict(zip(_KEYS, row, strict=True))
    item["id"] = str(item["id"])
    urgent = item["urgent"] or {}
    item["urgent"] = {
        "channels": urgent.get("channels", []),
        "phone": urgent.get("phone", ""),
        "email": urgent.get("email", ""),
        "notes": urgent.get("notes", ""),
    }
    verified_on = item["verified_on"]
    item["verified_on"] = verified_on.isoformat() if verified_on else None
    item["stale"] = verified_on is None or verified_on < stale_before
    return item


def reference_body(params: AuthorityQuery) -> bytes:
    stale_before = timezone.localdate() - datetime.timedelta(days=settings.COMITY_STALE_AFTER_DAYS)
    f = selectors.AuthorityFilter(**params.model_dump(exclude={"limit", "offset"}))
    qs = selectors.search_authorities(f)
    offset, limit = params.offset, params.limit
    rows = list(qs.values_list(*_COLUMNS)[offset : offset + limit])
    last_page = 0 < len(rows) < limit or (not rows and offset == 0)
    count = offset + len(rows) if last_page else qs.count()
    body = {"count": count, "items": [_reference_item(row, stale_before) for row in rows]}
    return json.dumps(body).encode()


@pytest.fixture
def synthetic_directory(db):
    load_countries()
    states = list(
        Country.objects.states().order_by("iso3").values("iso3", "iso2", "official_languages")
    )
    data = synthetic.generate(random.Random(5), states[:60], 1200)
    report = import_authorities(rows=parse(json.dumps(data)), actor=None)
    assert report.ok, report.errors[:3]
    # Rows written outside the services (no listing, no facets, no search text), two entries
    # with one name (the id orders them), a never-verified one.
    factories.AuthorityFactory(country_id="AFG", name="Hand-made entry", verified_on=None)
    factories.AuthorityFactory(country_id="AFG", name="Same name", kind="court")
    factories.AuthorityFactory(country_id="AFG", name="Same name", kind="police")
    return [s["iso3"] for s in states[:60]]


@pytest.fixture
def token(synthetic_directory):
    user = factories.UserFactory(authority=Authority.objects.order_by("pk").first())
    plain, key_id, key_hash = ApiToken.new_key()
    ApiToken.objects.create(user=user, name="test", key_id=key_id, key_hash=key_hash)
    return {"HTTP_AUTHORIZATION": f"Bearer {plain}"}


EDGE_CASES = [
    "/api/v1/authorities",
    "/api/v1/authorities?q=a",
    "/api/v1/authorities?q=de",
    "/api/v1/authorities?q=%D0%BF%D1%80",  # "пр": two letters, Cyrillic
    "/api/v1/authorities?q=justice+of+the+ministry+regional+office+court+de+la",
    "/api/v1/authorities?q=JUSTICE&country=AFG",
    "/api/v1/authorities?q=minist%C3%A8re",  # accents fold: ministère = ministere
    "/api/v1/authorities?q=%22%2A%28",  # FTS syntax is only text
    "/api/v1/authorities?country=AFG",
    "/api/v1/authorities?country=afg&limit=1&offset=1",
    "/api/v1/authorities?offset=1199&limit=100",
    "/api/v1/authorities?offset=5000",
    "/api/v1/authorities?stale=true&limit=200",
    "/api/v1/authorities?instrument=untoc&language=EN",
    "/api/v1/authorities?instrument=NO-SUCH-TREATY",
    "/api/v1/authorities?country=ZZZ",
    # A State's name in a UI language finds its entries (services.state_names).
    "/api/v1/authorities?q=Allemagne",
    "/api/v1/authorities?q=%D0%93%D0%B5%D1%80%D0%BC%D0%B0%D0%BD%D0%B8%D1%8F",  # Германия
    "/api/v1/authorities?q=%E5%BE%B7%E5%9B%BD",  # 德国
    "/api/v1/authorities?q=ministry+germany",
    "/api/v1/authorities?q=republic&limit=200",
    "/api/v1/authorities?q=ar&offset=50",
]


def _compare(client, token, paths) -> int:
    compared = 0
    for path in paths:
        response = client.get(path, **token)
        try:
            params = AuthorityQuery(**dict(parse_qsl(urlsplit(path).query)))
        except ValidationError:
            assert response.status_code == 400, path
            continue
        assert response.status_code == 200, (path, response.content[:300])
        assert response.content == reference_body(params), path
        compared += 1
    return compared


def test_the_finder_answers_byte_for_byte_as_the_sql_search(client, token, settings):
    settings.COMITY_ANSWER_CACHE = False
    states = sorted({*synthetic_states(), "AFG"})
    paths = [*EDGE_CASES, *queries.directory_paths(states, count=500, seed=7)]
    assert _compare(client, token, paths) >= 480

    # After changes through the services, the next search sees them (a new generation).
    changed = Authority.objects.filter(country_id=states[1]).order_by("name").first()
    data = {**authority_as_data(changed), "name": "Aaa renamed"}
    data["competences"] = ["witness_protection"]
    services.update_authority(authority=changed, data=data, actor=None)
    gone = Authority.objects.filter(country_id=states[2]).order_by("name").first()
    services.delete_authority(authority=gone, actor=None)
    after = [
        f"/api/v1/authorities?country={states[1]}",
        f"/api/v1/authorities?country={states[2]}",
        "/api/v1/authorities?q=aaa+renamed",
        "/api/v1/authorities?competence=witness_protection",
        *queries.directory_paths(states, count=100, seed=8),
    ]
    assert _compare(client, token, after) >= 100


def synthetic_states() -> list[str]:
    return list(Authority.objects.values_list("country_id", flat=True).distinct())


def test_the_index_is_read_once_per_generation(token, django_assert_num_queries):
    f = selectors.AuthorityFilter(country="AFG")
    today = timezone.localdate()
    first = finder.index()
    assert finder.index() is first
    with django_assert_num_queries(1):  # the generation only
        finder.search(f, offset=0, limit=10, stale_before=today)
    entry = Authority.objects.filter(listing__gt="").first()
    data = {**authority_as_data(entry), "office_hours": "24/7"}
    services.update_authority(authority=entry, data=data, actor=None)
    assert finder.index() is not first


def test_the_search_page_lists_what_the_sql_search_lists(token):
    from django.core.paginator import Paginator

    states = sorted(synthetic_states())
    checked = 0
    for path in queries.directory_paths(states, count=150, seed=9):
        raw = dict(parse_qsl(urlsplit(path).query))
        f = selectors.AuthorityFilter(
            **{k: v for k, v in raw.items() if k not in ("limit", "offset", "stale")},
            stale=raw.get("stale") == "true",
        )
        number = int(raw.get("offset", 0)) // 25 + 1
        expected = Paginator(selectors.search_authorities(f), 25).get_page(number)
        shown = Paginator(selectors.find_authorities(f), 25).get_page(number)
        assert shown.paginator.count == expected.paginator.count, path
        assert shown.number == expected.number, path
        assert [a.id for a in shown] == [a.id for a in expected], path
        checked += bool(expected.object_list)
    assert checked > 100
