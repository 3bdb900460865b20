"""How complete and how old the treaty facts are: `comity treaties status`, the instrument page's
summary and the country page's per-instrument markers."""

import datetime
import io
import json

import pytest
import time_machine
from django.core.management import call_command
from django.urls import reverse

from comity.treaties.selectors import STALE_AFTER_DAYS, facts_status
from tests import factories

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 11, 30)
LIMIT = TODAY - datetime.timedelta(days=STALE_AFTER_DAYS)  # the oldest date still current


def _status(code, today=TODAY):
    return next(f for f in facts_status(today=today) if f.instrument.code == code)


@pytest.fixture
def untoc():
    """UNTOC: a complete list of 2024 naming Ukraine and Germany, a newer partial list naming
    France, and an undated row for Spain that comes from no list."""
    complete = factories.ParticipantListFactory(
        instrument=factories.InstrumentFactory(code="UNTOC"),
        source="https://treaties.un.org/XVIII-12 (2024)",
        as_of=datetime.date(2024, 12, 1),
    )
    partial = factories.ParticipantListFactory(
        instrument=complete.instrument,
        source="https://example.org/untoc-page",
        as_of=datetime.date(2025, 6, 1),
        complete=False,
    )
    factories.ParticipationFactory(participant_list=complete, country=factories.country("UKR"))
    factories.ParticipationFactory(participant_list=complete, country=factories.country("DEU"))
    factories.ParticipationFactory(participant_list=partial, country=factories.country("FRA"))
    factories.ParticipationFactory(instrument=complete.instrument, country=factories.country("ESP"))
    return complete.instrument


def test_status_counts_rows_lists_and_dates(untoc):
    found = _status("UNTOC")
    assert found.rows == 4
    assert [(t.source, t.as_of, t.rows) for t in found.complete_lists] == [
        ("https://treaties.un.org/XVIII-12 (2024)", datetime.date(2024, 12, 1), 2)
    ]
    assert [(t.as_of, t.rows) for t in found.partial_lists] == [(datetime.date(2025, 6, 1), 1)]
    assert (found.newest_fact, found.oldest_fact) == (
        datetime.date(2025, 6, 1),
        datetime.date(2024, 12, 1),
    )
    assert found.undated_rows == 1  # Spain
    assert found.partial_rows == 2  # France (partial list) and Spain (no list)
    assert found.rules_reviewed == datetime.date(2026, 11, 28)  # data/instruments.toml
    assert (found.as_of, found.age_days, found.verdict) == (
        datetime.date(2024, 12, 1),
        729,
        "current",
    )


@pytest.mark.parametrize(
    ("as_of", "verdict"),
    [
        (LIMIT + datetime.timedelta(days=1), "current"),
        (LIMIT, "current"),  # exactly STALE_AFTER_DAYS old
        (LIMIT - datetime.timedelta(days=1), "old"),
        (TODAY + datetime.timedelta(days=3), "current"),  # a table dated ahead of the server's day
    ],
)
def test_a_complete_list_is_current_for_stale_after_days_then_old(as_of, verdict):
    table = factories.ParticipantListFactory(as_of=as_of)
    factories.ParticipationFactory(participant_list=table)
    assert _status(table.instrument.code).verdict == verdict


def test_newer_rows_from_a_partial_list_do_not_make_an_old_complete_list_current():
    old = factories.ParticipantListFactory(as_of=LIMIT - datetime.timedelta(days=1))
    recent = factories.ParticipantListFactory(
        instrument=old.instrument, as_of=TODAY, complete=False
    )
    factories.ParticipationFactory(participant_list=old, country=factories.country("UKR"))
    factories.ParticipationFactory(participant_list=recent, country=factories.country("DEU"))
    found = _status(old.instrument.code)
    assert (found.verdict, found.as_of, found.newest_fact) == ("old", old.as_of, TODAY)


def test_only_partial_lists_is_partial_however_recent():
    table = factories.ParticipantListFactory(as_of=TODAY, complete=False)
    factories.ParticipationFactory(participant_list=table)
    found = _status(table.instrument.code)
    assert (found.verdict, found.as_of, found.age_days, found.partial_rows) == (
        "partial",
        TODAY,
        0,
        1,
    )


def test_an_instrument_without_rows_or_lists_has_no_facts():
    instrument = factories.InstrumentFactory(code="ETS-030")
    found = _status(instrument.code)
    assert (found.verdict, found.rows, found.as_of, found.newest_fact) == (
        "no_facts",
        0,
        None,
        None,
    )
    assert found.older_than(10_000)  # nothing dated: always on the list to bring up to date


@pytest.mark.parametrize(
    ("as_of", "verdict"),
    [(LIMIT, "current"), (LIMIT - datetime.timedelta(days=1), "old"), (None, "old")],
)
def test_a_bilateral_treaty_is_its_whole_list_judged_by_its_newest_fact(as_of, verdict):
    treaty = factories.InstrumentFactory(code="UKR-DEU-MLA", type="bilateral")
    for iso3 in ("UKR", "DEU"):
        factories.ParticipationFactory(
            instrument=treaty, country=factories.country(iso3), as_of=as_of
        )
    found = _status("UKR-DEU-MLA")
    assert (found.verdict, found.partial_rows) == (verdict, 0)
    assert found.rules_reviewed is not None  # the generic rules of bilateral treaties


def _command(*args) -> str:
    out = io.StringIO()
    with time_machine.travel(datetime.datetime(2026, 11, 30, 12, tzinfo=datetime.UTC), tick=False):
        call_command("treaties", "status", *args, stdout=out)  # a report: never an error
    return out.getvalue()


def test_status_json_shape(untoc):
    factories.InstrumentFactory(code="ETS-030")
    document = json.loads(_command("--json"))
    assert document["today"] == "2026-11-30"
    assert document["stale_after_days"] == STALE_AFTER_DAYS
    by_code = {i["code"]: i for i in document["instruments"]}
    assert by_code["UNTOC"] == {
        "code": "UNTOC",
        "type": "convention",
        "verdict": "current",
        "as_of": "2024-12-01",
        "age_days": 729,
        "rows": 4,
        "complete_lists": [
            {"source": "https://treaties.un.org/XVIII-12 (2024)", "as_of": "2024-12-01", "rows": 2}
        ],
        "partial_lists": [
            {"source": "https://example.org/untoc-page", "as_of": "2025-06-01", "rows": 1}
        ],
        "newest_fact": "2025-06-01",
        "oldest_fact": "2024-12-01",
        "undated_rows": 1,
        "partial_rows": 2,
        "rules_reviewed": "2026-11-28",
    }
    assert by_code["ETS-030"]["verdict"] == "no_facts"
    assert by_code["ETS-030"]["complete_lists"] == [] and by_code["ETS-030"]["as_of"] is None


def test_status_table_and_older_than(untoc):
    old = factories.ParticipantListFactory(
        instrument=factories.InstrumentFactory(code="UNCAC"), as_of=datetime.date(2014, 7, 10)
    )
    factories.ParticipationFactory(participant_list=old)
    table = _command()
    lines = table.splitlines()
    assert lines[0].startswith("Treaty participation facts on 2026-11-30")
    untoc_line = next(line for line in lines if line.startswith("UNTOC "))
    assert untoc_line.split() == [
        "UNTOC",
        "current",
        "2024-12-01",
        "729",
        "4",
        "1",
        "2",
        "2025-06-01",
        "2024-12-01",
        "2026-11-28",
    ]
    assert next(line for line in lines if line.startswith("UNCAC ")).split()[1] == "old"
    # The lists held, complete and partial, with their sources.
    assert any(
        line.split()[:4] == ["UNTOC", "partial", "2025-06-01", "1"]
        and line.endswith("https://example.org/untoc-page")
        for line in lines
    )

    older = _command("--older-than", "730")
    assert "\nUNCAC " in older and "\nUNTOC " not in older
    assert "only facts older than 730 days or undated" in older
    assert "\nUNTOC " in _command("--older-than", "728")
    assert '"code": "UNTOC"' not in _command("--json", "--older-than", "730")


# --- Pages --------------------------------------------------------------------------------------


@pytest.fixture
def reader(client):
    """Reads a page as a signed-in user on a given day (signed in that day: sessions expire)."""
    user = factories.UserFactory()

    def read(url, on=datetime.datetime(2026, 11, 30, 12, tzinfo=datetime.UTC), **headers):
        with time_machine.travel(on, tick=False):
            client.force_login(user)
            response = client.get(url, **headers)
        assert response.status_code == 200
        return response.content.decode()

    return read


def test_instrument_page_shows_the_same_completeness_summary(reader, untoc):
    html = reader(reverse("treaties:instrument_detail", args=["UNTOC"]))
    assert "How complete and how current" in html
    assert ">Current</span> the status was read at most two years ago" in html
    assert "<dt>Complete list of participants</dt><dd>" in html
    assert "https://treaties.un.org/XVIII-12 (2024)" in html
    assert "<dt>Partial lists</dt><dd>2025-06-01</dd>" in html
    assert "<dt>Participation rows</dt><dd>4</dd>" in html
    assert "<dt>Newest fact</dt><dd>2025-06-01</dd>" in html
    assert "<dt>Oldest fact</dt><dd>2024-12-01</dd>" in html
    assert "<dt>Rows without a date</dt><dd>1</dd>" in html
    assert "<dt>Rows not from a complete list</dt><dd>2</dd>" in html
    assert "<dt>Legal rules last reviewed</dt><dd>2026-11-28</dd>" in html

    html = reader(
        reverse("treaties:instrument_detail", args=["UNTOC"]),
        on=datetime.datetime(2026, 12, 2, 12, tzinfo=datetime.UTC),
    )
    assert ">Old</span> the status was read over two years ago" in html


def test_instrument_page_without_a_complete_list_says_so_in_the_reader_s_language(reader):
    table = factories.ParticipantListFactory(
        instrument=factories.InstrumentFactory(code="CETS-185"), as_of=None, complete=False
    )
    factories.ParticipationFactory(participant_list=table)
    html = reader(
        reverse("treaties:instrument_detail", args=["CETS-185"]), HTTP_ACCEPT_LANGUAGE="fr"
    )
    assert "aucune liste complète des participants n’est disponible" in html
    assert "<dd>non datée</dd>" in html


def _markers(html: str) -> dict[str, str]:
    """Each instrument's row on the country page -> the text of its marker ("" without one)."""
    found = {}
    for row in html.split("<tr>")[2:]:
        code = row.split('<span class="cite">', 1)[1].split("<", 1)[0]
        marker = (
            row.split('<span class="fact-check">', 1)[1].split("<", 1)[0]
            if ("fact-check" in row)
            else ""
        )
        found[code] = marker
    return found


def test_country_page_marks_each_instrument_whose_facts_need_checking(reader, untoc):
    # UNCAC: a complete list of 2014 that does not name Ukraine (so: no action as of then).
    factories.ParticipantListFactory(
        instrument=factories.InstrumentFactory(code="UNCAC"), as_of=datetime.date(2014, 7, 10)
    )
    # CETS-185: Ukraine's row comes from a partial chart, however recent.
    chart = factories.ParticipantListFactory(
        instrument=factories.InstrumentFactory(code="CETS-185"),
        as_of=datetime.date(2026, 1, 1),
        complete=False,
    )
    factories.ParticipationFactory(participant_list=chart, country=factories.country("UKR"))
    # ETS-030: nothing held at all.
    factories.InstrumentFactory(code="ETS-030")
    html = reader(reverse("treaties:country_detail", args=["UKR"]))
    assert _markers(html) == {
        "UNTOC": "",  # a complete list of 2024-12-01 names Ukraine: current
        "UNCAC": "status as of 2014-07-10 — check with the depositary",
        "CETS-185": "status as of 2026-01-01, from a partial list — check with the depositary",
        "ETS-030": "no status held — check with the depositary",
    }

    html = reader(
        reverse("treaties:country_detail", args=["UKR"]),
        on=datetime.datetime(2026, 12, 2, 12, tzinfo=datetime.UTC),
    )
    assert _markers(html)["UNTOC"] == "status as of 2024-12-01 — check with the depositary"


def test_country_page_marks_undated_rows_in_the_reader_s_language(reader, untoc):
    # Spain's UNTOC row has no date.
    html = reader(reverse("treaties:country_detail", args=["ESP"]), HTTP_ACCEPT_LANGUAGE="uk")
    assert _markers(html)["UNTOC"] == "статус без дати — уточніть у депозитарія"
