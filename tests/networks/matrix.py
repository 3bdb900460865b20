"""The permission matrix of networks, meetings, courses, assessments and projects.

Its people differ from the main matrix (tests/test_permission_matrix.py), because what they may
see depends on the network: the Ghanaian central authority's officer and administrator (`member`,
`member_admin`; Ghana is a member of WACAP), Nigeria's officer (`other_member`, a member of WACAP
too, another State), Germany's officer (`outsider`, not a member), the WACAP secretariat
(`secretary`, no authority) and a site admin (`site`).

Each area lists its rows in its own module (tests/networks/rows.py, tests/assessments/rows.py,
tests/assistance/rows.py): `values(world) -> dict` creates what its rows need (run once, inside
the world's transaction), `PAGES` and `API` give the rows. The main matrix's completeness tests
count these rows too.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

PEOPLE = ("anonymous", "outsider", "member", "member_admin", "other_member", "secretary", "site")
LOGIN = "login"
REFUSED = {LOGIN, "401", "403", "404"}

#                            anon  outsider member m_admin other  secretary site
SIGNED_IN = "login 200 200 200 200 200 200"
NETWORK_READ = "login 404 200 200 200 200 200"
SECRETARIAT_WRITE = "login 404 404 404 404 {ok} {ok}"
API_SIGNED_IN = "401 200 200 200 200 200 200"
API_NETWORK_READ = "401 404 200 200 200 200 200"
API_SECRETARIAT_WRITE = "401 404 404 404 404 {ok} {ok}"
# Work about Ghana (its assessment, its project): read by the network; changed by Ghana's writers
# and the secretariat, never by another member.
GHANA_WRITE = "login 404 {ok} {ok} 404 {ok} {ok}"
API_GHANA_WRITE = "401 404 {ok} {ok} 404 {ok} {ok}"


@dataclass
class World:
    people: dict
    network: object
    values: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Row:
    """One request and what each person gets: a status code, or LOGIN."""

    method: str
    url: Callable[[World], str]
    expect: str  # one result per person, in the order of PEOPLE
    data: Callable[[World], object] | None = None
    content_type: str | None = None
    note: str = ""
    # Text that must not appear in a 200 answer for these people (hidden fields).
    hidden_from: tuple = ()
    hidden_text: Callable[[World], str] | None = None

    def expected(self) -> dict:
        results = self.expect.split()
        assert len(results) == len(PEOPLE), f"{self.expect!r}: give one result per person"
        return dict(zip(PEOPLE, results, strict=True))


def get(url, expect, **kw):
    return Row("get", url, expect, **kw)


def post(url, expect, **kw):
    return Row("post", url, expect, **kw)


def api(method, url, expect, **kw):
    kw.setdefault("content_type", "application/json")
    return Row(method, url, expect, **kw)


def all_rows():
    """(PAGES, API) of every area, merged; an area's module is optional while it is written."""
    import importlib

    pages, operations = {}, {}
    for name in (
        "tests.networks.rows",
        "tests.networks.rows_training",
        "tests.assessments.rows",
        "tests.assistance.rows",
    ):
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name != name:
                raise
            continue
        for key, rows in getattr(module, "PAGES", {}).items():
            pages.setdefault(key, []).extend(rows)
        for key, rows in getattr(module, "API", {}).items():
            operations.setdefault(key, []).extend(rows)
    return pages, operations


def area_setups():
    import importlib

    setups = []
    for name in (
        "tests.networks.rows",
        "tests.networks.rows_training",
        "tests.assessments.rows",
        "tests.assistance.rows",
    ):
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name != name:
                raise
            continue
        if hasattr(module, "values"):
            setups.append(module.values)
    return setups
