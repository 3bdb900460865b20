"""Runs the rows of tests/networks/matrix.py for each person, each in a savepoint rolled back."""

import pytest
from django.db import transaction
from django.test import Client

from comity.accounts.models import Role
from comity.audit.models import AuditEntry
from comity.directory import services as directory_services
from comity.geo.services import load_countries
from comity.networks.models import Secretary
from tests import factories
from tests.accounts.helpers import verified_login
from tests.networks.matrix import LOGIN, REFUSED, World, all_rows, area_setups

PAGES, API = all_rows()


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        load_countries()
        gha = factories.AuthorityFactory(country=factories.country("GHA"), name="Ghana CA")
        nga = factories.AuthorityFactory(country=factories.country("NGA"), name="Nigeria CA")
        deu = factories.AuthorityFactory(country=factories.country("DEU"), name="BfJ")
        people = {
            "outsider": factories.UserFactory(authority=deu, role=Role.OFFICER),
            "member": factories.UserFactory(authority=gha, role=Role.OFFICER),
            "member_admin": factories.UserFactory(authority=gha, role=Role.AUTHORITY_ADMIN),
            "other_member": factories.UserFactory(authority=nga, role=Role.OFFICER),
            "secretary": factories.UserFactory(authority=None, role=Role.OFFICER),
            "site": factories.UserFactory(authority=None, is_superuser=True, is_staff=True),
        }
        network = directory_services.save_network(
            code="wacap", data={"name": "WACAP", "source": "https://example.org"}, actor=None
        )
        for country, authority in (("GHA", gha), ("NGA", nga)):
            directory_services.add_network_member(
                network=network,
                country_id=country,
                role="focal_point",
                source="letter",
                actor=None,
                authority=authority,
                person_name=f"Focal point {country}",
                email=f"focal.{country.lower()}@example.org",
            )
        Secretary.objects.create(network=network, user=people["secretary"])
        world = World(people=people, network=network)
        world.values.update(authorities={"GHA": gha, "NGA": nga, "DEU": deu})
        for setup in area_setups():
            world.values.update(setup(world))
        yield world
        transaction.set_rollback(True)


def _client(world: World, who: str) -> Client:
    client = Client()
    if who == "anonymous":
        return client
    user = world.people[who]
    if user.is_superuser:
        return verified_login(client, user)
    client.force_login(user)
    return client


def _result(response) -> str:
    location = response.get("Location", "")
    if response.status_code == 302 and location.startswith("/accounts/login/"):
        return LOGIN
    return str(response.status_code)


def _run(world: World, row) -> list[str]:
    failures = []
    for who, expected in row.expected().items():
        with transaction.atomic():
            client = _client(world, who)
            kwargs = {}
            if row.data is not None:
                kwargs["data"] = row.data(world)
                if row.content_type:
                    kwargs["content_type"] = row.content_type
            trail = AuditEntry.objects.count()
            response = getattr(client, row.method)(row.url(world), **kwargs)
            got = _result(response)
            if got != expected:
                failures.append(f"{who}: expected {expected}, got {got}")
            elif got in REFUSED and AuditEntry.objects.count() != trail:
                failures.append(f"{who}: refused with {got}, yet something changed")
            elif got == "200" and who in row.hidden_from and row.hidden_text:
                body = b"".join(response) if response.streaming else response.content
                if row.hidden_text(world).encode() in body:
                    failures.append(f"{who}: saw {row.hidden_text(world)!r}")
            transaction.set_rollback(True)
    return failures


def _ids(rows: dict) -> list:
    return [
        pytest.param(name, index, id=f"{name}#{index}")
        for name, cases in rows.items()
        for index in range(len(cases))
    ]


@pytest.mark.parametrize(("name", "index"), _ids(PAGES))
def test_page(world, db, name, index):
    row = PAGES[name][index]
    failures = _run(world, row)
    assert not failures, f"{row.method.upper()} {name} ({row.note}): " + "; ".join(failures)


@pytest.mark.parametrize(("name", "index"), _ids(API))
def test_api_operation(world, db, name, index):
    row = API[name][index]
    failures = _run(world, row)
    assert not failures, f"{name} ({row.note}): " + "; ".join(failures)
