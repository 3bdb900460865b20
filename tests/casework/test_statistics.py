"""Statistics of the case register: what a central authority reports for a period."""

import csv
import datetime
import io
from collections import Counter

import openpyxl
import pytest
import time_machine
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from comity.audit.models import Action, AuditEntry
from comity.casework import services, statistics
from comity.casework.vocabulary import Status
from comity.drafting import services as drafting
from comity.drafting.models import Request
from comity.drafting.models import Status as RequestStatus
from comity.drafting.schema import empty_body
from comity.geo.models import Country
from tests.factories import AuthorityFactory, UserFactory, country

TODAY = datetime.datetime(2025, 6, 30, 12, tzinfo=datetime.UTC)
YEAR = {"start": datetime.date(2025, 1, 1), "end": datetime.date(2025, 12, 31)}
D = datetime.date


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(TODAY, tick=False):
        yield


@pytest.fixture
def officer(db):
    country("DEU"), country("UKR")
    return UserFactory(authority=AuthorityFactory(country=country("ESP")))


def received(user, on, *, kind="mla", state="DEU"):
    return services.register_incoming(
        owner=user.authority,
        actor=user,
        data={"kind": kind, "counterpart_state": state, "received_on": on.isoformat()},
    )


def move(user, case, *steps):
    for to, on in steps:
        case = services.transition(case=case, to=to, actor=user, on=on)
    return case


def returned(user, case, registered_on, returned_on):
    return move(
        user,
        case,
        (Status.REGISTERED, registered_on),
        (Status.UNDER_REVIEW, registered_on),
        (Status.IN_EXECUTION, registered_on),
        (Status.RETURNED, returned_on),
    )


def refused(user, case, registered_on, refused_on, ground="untoc_18_21_b"):
    case = move(
        user, case, (Status.REGISTERED, registered_on), (Status.UNDER_REVIEW, registered_on)
    )
    services.record_consultation(case=case, actor=user, on=refused_on, note="Asked for conditions.")
    return services.transition(
        case=case, to=Status.REFUSED, actor=user, on=refused_on, ground=ground
    )


@pytest.fixture
def register(officer):
    """Five cases of 2025 (two executed, one refused, two open), one of 2024, one of another
    authority."""
    returned(officer, received(officer, D(2025, 1, 10)), D(2025, 1, 12), D(2025, 2, 9))
    returned(officer, received(officer, D(2025, 2, 1)), D(2025, 2, 5), D(2025, 3, 13))
    refused(
        officer,
        received(officer, D(2025, 3, 1), kind="extradition", state="UKR"),
        D(2025, 3, 4),
        D(2025, 3, 20),
    )
    received(officer, D(2025, 6, 20), state="UKR")
    move(
        officer,
        received(officer, D(2025, 4, 15), kind="extradition"),
        (Status.REGISTERED, D(2025, 4, 25)),
    )
    received(officer, D(2024, 12, 31))
    stranger = UserFactory()
    returned(stranger, received(stranger, D(2025, 2, 1)), D(2025, 2, 2), D(2025, 2, 3))
    return officer


def counts(tallies):
    return {t.key: t.count for t in tallies}


def test_counts_of_the_period(register):
    report = statistics.report(register, **YEAR)
    assert report.total == 5
    assert counts(report.by_direction) == {"outgoing": 0, "incoming": 5}
    assert counts(report.by_kind) == {"mla": 3, "extradition": 2}
    assert [t.label for t in report.by_kind] == ["Mutual legal assistance", "Extradition"]
    assert counts(report.by_state) == {"DEU": 3, "UKR": 2}
    assert counts(report.by_status) == {"received": 1, "registered": 1, "returned": 2, "refused": 1}
    assert [t.key for t in report.by_status] == ["received", "registered", "returned", "refused"]


def test_a_case_opened_the_day_before_the_period_is_left_out(register):
    report = statistics.report(register, start=D(2025, 1, 1), end=D(2025, 1, 10))
    assert report.total == 1
    report = statistics.report(register, start=D(2024, 12, 31), end=D(2025, 1, 10))
    assert report.total == 2
    report = statistics.report(register, start=D(2025, 1, 11), end=D(2025, 1, 31))
    assert report.total == 0


def test_medians_over_an_even_and_an_odd_number_of_cases(register):
    report = statistics.report(register, **YEAR)
    # Acknowledged after 2, 4, 3 and 10 days; executed after 30 and 40.
    assert report.durations.acknowledgment == statistics.Median(3.5, 4)
    assert report.durations.execution == statistics.Median(35, 2)
    per_kind = {d.key: d for d in report.durations_by_kind}
    assert per_kind["mla"].acknowledgment == statistics.Median(3, 2)
    assert per_kind["extradition"].acknowledgment == statistics.Median(6.5, 2)
    assert per_kind["extradition"].execution == statistics.Median(None, 0)
    first_quarter = statistics.report(register, start=D(2025, 1, 1), end=D(2025, 3, 31))
    assert first_quarter.durations.acknowledgment == statistics.Median(3, 3)


@pytest.mark.parametrize(
    ("histogram", "expected"),
    [({}, None), ({5: 1}, 5), ({1: 1, 9: 1}, 5), ({1: 2, 2: 1, 100: 1}, 1.5), ({3: 4, 7: 1}, 3)],
)
def test_median_of_a_histogram(histogram, expected):
    assert statistics.median(Counter(histogram)).days == expected


def test_refusal_grounds_and_backlog(register):
    report = statistics.report(register, **YEAR)
    assert report.refused == 1
    assert [(t.key, t.count) for t in report.refusal_grounds] == [("untoc_18_21_b", 1)]
    assert report.refusal_grounds[0].label.startswith("Sovereignty, security")
    # Open today (30 June): received 20 June (10 days) and 15 April (76 days).
    assert report.pending == 2
    assert [t.count for t in report.backlog] == [1, 1, 0, 0, 0]
    assert report.backlog[0].label == "0–30 days"
    assert report.backlog[-1].label == "Over 365 days"


def test_another_authoritys_cases_are_never_counted(register):
    stranger_report = statistics.report(UserFactory(authority=register.authority), **YEAR)
    assert stranger_report.total == 5
    outsider = UserFactory()
    assert statistics.report(outsider, **YEAR).total == 0
    rows = statistics.grouped(outsider, group_by="kind", **YEAR)
    assert rows.items == [] and rows.totals["cases"] == 0


def test_the_report_takes_a_bounded_number_of_queries(register, django_assert_max_num_queries):
    with django_assert_max_num_queries(6):
        statistics.report(register, **YEAR)
    with django_assert_max_num_queries(5):
        statistics.grouped(register, group_by="country", **YEAR)


def test_grouped_by_country(register):
    result = statistics.grouped(register, group_by="country", **YEAR)
    deu, ukr = result.items
    assert deu == {
        "key": "DEU",
        "label": "Germany",
        "count": 3,
        "median_days_to_acknowledgment": 4,
        "median_days_to_execution": 35,
        "refused": 0,
        "pending": 1,
    }
    assert (ukr["count"], ukr["refused"], ukr["pending"]) == (2, 1, 1)
    assert result.totals == {
        "cases": 5,
        "outgoing": 0,
        "incoming": 5,
        "refused": 1,
        "pending": 2,
        "not_yet_sent": 0,
    }


def outgoing(user, *, sent_on=None):
    body = empty_body(kind="mla", requesting_state=user.authority.country_id)
    body["requested_state"] = "DEU"
    draft = drafting.create_request(owner=user.authority, data=body, actor=user)
    Request.objects.filter(pk=draft.pk).update(
        status=RequestStatus.FINAL, finalised_at=timezone.now()
    )
    case = services.open_outgoing(request=Request.objects.get(pk=draft.pk), actor=user)
    if sent_on:
        case = services.transition(
            case=case, to=Status.SENT, actor=user, on=sent_on, transmission={"channel": "direct"}
        )
    return case


def test_outgoing_drafts_are_counted_apart_until_sent(register):
    outgoing(register)
    outgoing(register, sent_on=D(2025, 6, 30))
    report = statistics.report(register, **YEAR)
    assert counts(report.by_direction) == {"outgoing": 1, "incoming": 5}
    assert report.total == 6
    assert report.not_yet_sent == 1
    assert statistics.report(register, direction="incoming", **YEAR).not_yet_sent == 0
    assert statistics.grouped(register, group_by="kind", **YEAR).totals["not_yet_sent"] == 1


# --- Page ---------------------------------------------------------------------------------------


def test_page_shows_the_current_year_with_charts_and_tables(client, register):
    client.force_login(register)
    html = client.get(reverse("casework:statistics")).content.decode()
    assert 'value="2025-01-01"' in html and 'value="2025-12-31"' in html
    assert html.count('role="img"') >= 6
    assert "<caption" in html and "Mutual legal assistance" in html
    assert "<script" not in html.split("<main", 1)[1].split("</main>")[0]


def test_page_in_arabic_draws_right_to_left(client, register):
    client.force_login(register)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ar"
    html = client.get(reverse("casework:statistics")).content.decode()
    assert 'dir="rtl"' in html
    assert 'direction="rtl"' in html
    assert "أوكرانيا" in html


def test_page_refuses_a_period_that_ends_before_it_starts(client, register):
    client.force_login(register)
    response = client.get(
        reverse("casework:statistics"), {"from": "2025-05-01", "to": "2025-04-01"}
    )
    html = response.content.decode()
    assert "The end of the period is before its start" in html
    assert 'value="2025-05-01"' in html and 'value="2025-04-01"' in html
    assert 'role="img"' not in html
    response = client.get(reverse("casework:statistics"), {"from": "1 May", "to": "2025-04-01"})
    assert "Give a date as YYYY-MM-DD" in response.content.decode()


def test_the_page_needs_an_authority(client, db):
    client.force_login(UserFactory(authority=None))
    assert client.get(reverse("casework:statistics")).status_code == 404


# --- Downloads ----------------------------------------------------------------------------------


def test_csv_has_the_same_figures_and_is_audited(client, register):
    client.force_login(register)
    response = client.get(
        reverse("casework:statistics_csv"), {"from": "2025-01-01", "to": "2025-12-31"}
    )
    assert response.status_code == 200
    assert "case-statistics-2025-01-01_2025-12-31.csv" in response["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    figures = {(r["section"], r["key"], r["figure"]): r["value"] for r in rows}
    assert figures[("totals", "incoming", "cases")] == "5"
    assert figures[("by_kind", "mla", "cases")] == "3"
    assert figures[("by_state", "DEU", "cases")] == "3"
    assert figures[("durations", "all", "median_days_to_acknowledgment")] == "3.5"
    assert figures[("durations", "all", "acknowledged")] == "4"
    assert figures[("refusal_grounds", "untoc_18_21_b", "refused")] == "1"
    assert figures[("backlog", "1", "pending")] == "1"
    entry = AuditEntry.objects.get(action=Action.EXPORT, object_type="casework.statistics")
    assert entry.owner_id == str(register.authority.pk)
    assert entry.after["format"] == "csv"


def _formula_state(officer):
    Country.objects.create(iso3="QZA", iso2="QZ", numeric="999", name="=1+2", names={"en": "=1+2"})
    received(officer, D(2025, 5, 5), state="QZA")


def test_xlsx_has_one_sheet_per_section_and_no_formula(client, register):
    _formula_state(register)
    client.force_login(register)
    response = client.get(
        reverse("casework:statistics_xlsx"), {"from": "2025-01-01", "to": "2025-12-31"}
    )
    assert "case-statistics-2025-01-01_2025-12-31.xlsx" in response["Content-Disposition"]
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == [
        "totals", "by_kind", "by_state", "by_status", "durations", "refusal_grounds", "backlog"
    ]  # fmt: skip
    states = {row[0]: row[1] for row in book["by_state"].iter_rows(min_row=2, values_only=True)}
    assert states == {"Germany": 3, "Ukraine": 2, "=1+2": 1}
    formula = next(c for c in book["by_state"]["A"] if c.value == "=1+2")
    assert formula.data_type == "s"
    assert list(book["durations"].iter_rows(min_row=2, max_row=2, values_only=True)) == [
        ("All cases", 3.5, 4, 35, 2)
    ]


def test_csv_guards_a_name_that_looks_like_a_formula(client, register):
    _formula_state(register)
    client.force_login(register)
    response = client.get(reverse("casework:statistics_csv"))
    assert "'=1+2" in response.content.decode("utf-8-sig")
    assert "\r\n=1+2" not in response.content.decode("utf-8-sig")


def test_a_download_with_a_bad_period_is_refused(client, register):
    client.force_login(register)
    response = client.get(reverse("casework:statistics_csv"), {"from": "2025-05-01", "to": "2025"})
    assert response.status_code == 400
    assert not AuditEntry.objects.filter(action=Action.EXPORT).exists()


# --- API ----------------------------------------------------------------------------------------


def test_api_stats(client, register):
    client.force_login(register)
    body = client.get("/api/v1/cases/stats", {"group_by": "status"}).json()
    assert (body["from"], body["to"], body["group_by"]) == ("2025-01-01", "2025-12-31", "status")
    assert [i["key"] for i in body["items"]] == ["received", "registered", "returned", "refused"]
    assert body["totals"]["cases"] == 5
    assert body["median_days_to_acknowledgment"] == 3.5
    assert body["median_days_to_execution"] == 35


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"from": "2025-13-01"}, "from"),
        ({"from": "2025-05-01", "to": "2025-04-01"}, "to"),
        ({"group_by": "officer"}, "group_by"),
        ({"direction": "sideways"}, "direction"),
    ],
)
def test_api_stats_refuses_bad_input(client, register, params, field):
    client.force_login(register)
    response = client.get("/api/v1/cases/stats", params)
    assert response.status_code == 400
    assert [e["field"] for e in response.json()["errors"]] == [field]
