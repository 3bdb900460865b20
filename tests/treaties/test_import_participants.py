import datetime

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from comity.audit.models import AuditEntry
from comity.treaties.legal_basis import legal_basis
from comity.treaties.models import ParticipantList, Participation

pytestmark = pytest.mark.usefixtures("reference")

UNTC_CSV = (
    'Participant,Signature,"Ratification, Acceptance(A), Approval(AA), Accession(a), Succession(d)"\n'
    "France,12 Dec 2000,29 Oct 2002\n"
    "Japan,12 Dec 2000,11 Jul 2017 A\n"
    "Republic of Korea,13 Dec 2000,5 Nov 2015\n"
)


def _write(tmp_path, text, name="table.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_a_newer_untc_table_updates_status_and_the_answer(tmp_path):
    call_command(
        "treaties",
        "import-participants",
        "UNTOC",
        _write(tmp_path, UNTC_CSV),
        "--as-of",
        "2024-05-04",
        "--source",
        "https://treaties.un.org/ (test copy)",
    )
    japan = Participation.objects.get(instrument__code="UNTOC", country_id="JPN")
    assert (japan.consent_date, japan.consent_type) == (datetime.date(2017, 7, 11), "acceptance")
    assert japan.entry_into_force == datetime.date(2017, 8, 10) and japan.entry_into_force_computed
    korea = Participation.objects.get(instrument__code="UNTOC", country_id="KOR")
    assert korea.consent_date == datetime.date(2015, 11, 5)  # never PRK
    untoc = next(
        b
        for b in legal_basis(
            requesting="JPN", requested="FRA", kind="mla", offence="participation_ocg"
        ).bases
        if b.instrument == "UNTOC"
    )
    assert untoc.applies == "conditional"


def test_an_unknown_participant_name_rejects_the_table_and_writes_nothing(tmp_path, capsys):
    before = (
        Participation.objects.count(),
        ParticipantList.objects.count(),
        AuditEntry.objects.count(),
    )
    bad = UNTC_CSV + "Atlantis,1 Jan 2001,2 Feb 2002\n"
    with pytest.raises(CommandError, match="Nothing was imported"):
        call_command(
            "treaties",
            "import-participants",
            "UNTOC",
            _write(tmp_path, bad),
            "--as-of",
            "2024-05-04",
            "--source",
            "test",
        )
    assert "row 5, participant: Unknown participant “Atlantis”" in capsys.readouterr().err
    after = (
        Participation.objects.count(),
        ParticipantList.objects.count(),
        AuditEntry.objects.count(),
    )
    assert after == before
    assert Participation.objects.get(instrument__code="UNTOC", country_id="JPN").source != "test"


def test_html_table_as_saved_from_the_browser(tmp_path):
    html = """<table><tr><th>Participant</th><th>Signature</th>
    <th>Ratification, Acceptance(A), Approval(AA), Accession(a), Succession(d)</th></tr>
    <tr><td>Bolivia (Plurinational State of)</td><td>12 Dec 2000</td><td>10 Oct 2005</td></tr>
    <tr><td>Côte d'Ivoire</td><td>15 Dec 2000</td><td>25 Oct 2012</td></tr></table>"""
    call_command(
        "treaties",
        "import-participants",
        "UNTOC",
        _write(tmp_path, html, "t.html"),
        "--as-of",
        "2024-05-04",
        "--source",
        "test",
        "--partial",
    )
    assert Participation.objects.get(instrument__code="UNTOC", country_id="BOL").consent_date
    assert not ParticipantList.objects.get(source="test").complete


def test_council_of_europe_chart_gives_entry_into_force_from_the_source(tmp_path):
    chart = (
        "States,Signature,Ratification,Entry into force\nUkraine,23/11/2001,10/03/2006,01/07/2006\n"
    )
    call_command(
        "treaties",
        "import-participants",
        "CETS-185",
        _write(tmp_path, chart),
        "--as-of",
        "2026-01-01",
        "--source",
        "CoE chart (test)",
        "--partial",
    )
    ukraine = Participation.objects.get(instrument__code="CETS-185", country_id="UKR")
    assert ukraine.entry_into_force == datetime.date(2006, 7, 1)
    assert not ukraine.entry_into_force_computed


def test_dry_run_writes_nothing(tmp_path):
    call_command(
        "treaties",
        "import-participants",
        "UNTOC",
        _write(tmp_path, UNTC_CSV),
        "--as-of",
        "2024-05-04",
        "--source",
        "test",
        "--dry-run",
    )
    assert Participation.objects.get(instrument__code="UNTOC", country_id="JPN").source != "test"


def test_an_older_table_does_not_overwrite_newer_facts(tmp_path):
    call_command(
        "treaties",
        "import-participants",
        "UNTOC",
        _write(tmp_path, UNTC_CSV),
        "--as-of",
        "2024-05-04",
        "--source",
        "new",
    )
    old = UNTC_CSV.replace("11 Jul 2017 A", "")
    call_command(
        "treaties",
        "import-participants",
        "UNTOC",
        _write(tmp_path, old, "old.csv"),
        "--as-of",
        "2020-01-01",
        "--source",
        "old",
    )
    assert Participation.objects.get(instrument__code="UNTOC", country_id="JPN").consent_date


def test_a_maintainer_records_a_bilateral_treaty_and_it_is_cited_first():
    call_command(
        "treaties",
        "add-bilateral",
        "UKR-DEU-EXAMPLE",
        "--title",
        "Example MLA treaty",
        "--kinds",
        "mla",
        "--party",
        "UKR",
        "--party",
        "DEU",
        "--in-force",
        "2010-01-01",
        "--source",
        "test fixture",
    )
    answer = legal_basis(
        requesting="UKR", requested="DEU", kind="mla", on=datetime.date(2011, 1, 1)
    )
    assert (answer.bases[0].instrument, answer.bases[0].applies) == ("UKR-DEU-EXAMPLE", "yes")
    before = legal_basis(
        requesting="UKR", requested="DEU", kind="mla", on=datetime.date(2009, 1, 1)
    )
    assert next(b for b in before.bases if b.instrument == "UKR-DEU-EXAMPLE").applies == "no"
    untoc = next(b for b in answer.bases if b.instrument == "UNTOC")
    # art. 18(7): the bilateral treaty is named among the MLA treaties binding both
    assert any("Binding both:" in c.text and "UKR-DEU-EXAMPLE" in c.text for c in untoc.conditions)


def test_add_bilateral_refuses_bad_input():
    with pytest.raises(CommandError, match="Unknown kinds"):
        call_command(
            "treaties",
            "add-bilateral",
            "X-1",
            "--title",
            "t",
            "--kinds",
            "friendship",
            "--party",
            "UKR",
            "--party",
            "DEU",
            "--in-force",
            "2010-01-01",
            "--source",
            "s",
        )
    with pytest.raises(CommandError, match="exactly twice"):
        call_command(
            "treaties",
            "add-bilateral",
            "X-1",
            "--title",
            "t",
            "--kinds",
            "mla",
            "--party",
            "UKR",
            "--in-force",
            "2010-01-01",
            "--source",
            "s",
        )


def test_reloading_reference_data_keeps_an_imported_row_over_an_undated_shipped_one(tmp_path):
    # The shipped OAS-A-59 rows have no as-of date; a dated table imported since must survive
    # `comity load-reference` (run by every `comity run`).
    from comity.treaties.reference import load_treaties

    shipped = Participation.objects.filter(instrument__code="OAS-A-59", as_of=None).first()
    assert shipped is not None
    chart = "States,Signature,Ratification,Entry into force\n{name},01/01/2001,02/02/2002,\n"
    call_command(
        "treaties",
        "import-participants",
        "OAS-A-59",
        _write(tmp_path, chart.format(name=shipped.country.name)),
        "--as-of",
        "2026-11-20",
        "--source",
        "OAS chart (test)",
        "--partial",
    )
    load_treaties()
    row = Participation.objects.get(pk=shipped.pk)
    assert (row.source, row.as_of) == ("OAS chart (test)", datetime.date(2026, 11, 20))


def test_a_table_the_csv_module_cannot_read_is_refused_with_its_row():
    from comity.treaties.participants import TableError, parse_table

    with pytest.raises(TableError) as refused:
        parse_table("Participant,Signature\nJapan," + "x" * 200_000 + "\n")
    assert refused.value.errors[0]["row"] == 2
