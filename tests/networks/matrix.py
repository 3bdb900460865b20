"""The permission matrix of networks, meetings, courses, assessments and projects.

Its people differ from the main matrix (tests/test_permission_matrix.py), because what they may
see depends on the network: the Ghanaian central authority's officer and administrator (`member`,
`member_admin`; Ghana is a member of WACAP), Nigeria's officer (`other_member`, a member of WACAP
too, another State), Germany's officer (`outsider`, not a member), the WACAP secretariat
(`secretary`, no authority) and a site admin (`site`).

Each area lists its rows in its own module (AREAS): `values(world) -> dict` creates what its rows need (run once, inside
the world's transaction), `PAGES` and `API` give the rows. The main matrix's completeness tests
count these rows too.
"""

from dataclasses import dataclass, field

from tests.permission import Row as BaseRow

PEOPLE = ("anonymous", "outsider", "member", "member_admin", "other_member", "secretary", "site")

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


class Row(BaseRow):
    PEOPLE = PEOPLE


get, post, api = Row.get, Row.post, Row.api


# The modules that give each area's rows.
AREAS = (
    "tests.networks.rows",
    "tests.networks.rows_training",
    "tests.assessments.rows",
    "tests.assistance.rows",
)


def _areas():
    import importlib

    return [importlib.import_module(name) for name in AREAS]


def all_rows():
    """(PAGES, API) of every area, merged."""
    pages, operations = {}, {}
    for module in _areas():
        for key, rows in module.PAGES.items():
            pages.setdefault(key, []).extend(rows)
        for key, rows in module.API.items():
            operations.setdefault(key, []).extend(rows)
    return pages, operations


def area_setups():
    """Each area's `values(world)`, which creates what its rows need."""
    return [module.values for module in _areas()]
