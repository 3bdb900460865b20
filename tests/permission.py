"""How a permission matrix runs: a row is one request and what each person gets; each person's
request runs in a savepoint rolled back after it; a refusal must leave everything as it was.

Two matrices use it: the main one (tests/test_permission_matrix.py, people of three authorities)
and the one of networks (tests/networks/matrix.py, people of a network's member States). Each
subclasses Row with its PEOPLE.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import ClassVar

import pytest
from django.db import transaction
from django.test import Client

from tests.accounts.helpers import verified_login

LOGIN = "login"  # a redirect to the sign-in page
REFUSED = {LOGIN, "401", "403", "404"}


@dataclass(frozen=True)
class Row:
    """One request and what each person gets: a status code, or LOGIN."""

    PEOPLE: ClassVar[tuple] = ()

    method: str
    url: Callable
    expect: str  # one result per person, in the order of PEOPLE
    data: Callable | None = None
    content_type: str | None = None
    headers: dict | None = None
    note: str = ""
    # Text that must not appear in a 200 answer for these people (fields kept from them).
    hidden_from: tuple = ()
    hidden_text: Callable | None = None

    def expected(self) -> dict:
        results = self.expect.split()
        assert len(results) == len(self.PEOPLE), f"{self.expect!r}: give one result per person"
        return dict(zip(self.PEOPLE, results, strict=True))

    @classmethod
    def get(cls, url, expect, **kw):
        return cls("get", url, expect, **kw)

    @classmethod
    def post(cls, url, expect, **kw):
        return cls("post", url, expect, **kw)

    @classmethod
    def api(cls, method, url, expect, **kw):
        kw.setdefault("content_type", "application/json")
        return cls(method, url, expect, **kw)


def client_for(user) -> Client:
    """A client signed in as `user` (None: anonymous); site admins with their second factor."""
    client = Client()
    if user is None:
        return client
    if user.is_superuser:
        return verified_login(client, user)
    client.force_login(user)
    return client


def result_of(response) -> str:
    location = response.get("Location", "")
    if response.status_code == 302 and location.startswith("/accounts/login/"):
        return LOGIN
    return str(response.status_code)


def run(row: Row, world, people: dict, state: Callable[[], object]) -> list[str]:
    """Request `row` as each person; what went otherwise than expected. `state()` is what a
    refused or failed request (any 4xx) must leave unchanged (compared before and after)."""
    failures = []
    for who, expected in row.expected().items():
        with transaction.atomic():
            client = client_for(people.get(who))
            kwargs = {}
            if row.data is not None:
                kwargs["data"] = row.data(world)
                if row.content_type:
                    kwargs["content_type"] = row.content_type
            elif row.content_type and row.method != "get":
                kwargs["content_type"] = row.content_type
            before = state()
            response = getattr(client, row.method)(row.url(world), headers=row.headers, **kwargs)
            got = result_of(response)
            if got != expected:
                failures.append(f"{who}: expected {expected}, got {got}")
            elif (got in REFUSED or got.startswith("4")) and state() != before:
                # Refused, or turned down as invalid or conflicting: nothing may have changed.
                failures.append(f"{who}: refused with {got}, yet something changed")
            elif got == "200" and who in row.hidden_from and row.hidden_text:
                body = b"".join(response) if response.streaming else response.content
                if row.hidden_text(world).encode() in body:
                    failures.append(f"{who}: saw {row.hidden_text(world)!r}")
            transaction.set_rollback(True)
    return failures


def check(rows: dict, name: str, index: int, world, people: dict, state: Callable) -> None:
    """Run row `index` of `name` (a page's URL name or "METHOD /api/v1/…") as each person and
    fail with every answer that was not the expected one."""
    row = rows[name][index]
    failures = run(row, world, people, state)
    label = name if name.split(" ", 1)[0].isupper() else f"{row.method.upper()} {name}"
    assert not failures, f"{label} ({row.note}): " + "; ".join(failures)


def param_ids(rows: dict) -> list:
    return [
        pytest.param(name, index, id=f"{name}#{index}")
        for name, cases in rows.items()
        for index in range(len(cases))
    ]
