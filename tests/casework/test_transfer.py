"""Importing a whole register: every case and its history, or nothing."""

import pytest

from comity.casework.models import Case, CaseEvent
from comity.casework.selectors import matching
from comity.casework.transfer import RegisterImportError, import_register
from comity.geo.services import load_countries
from tests import factories

pytestmark = pytest.mark.django_db


def row(reference, **extra):
    return {
        "direction": "outgoing",
        "kind": "mla",
        "counterpart_state": "DEU",
        "our_reference": reference,
        "opened_on": "2025-01-10",
        "entities": [{"value": "Jürgen Müller"}],
        "history": [
            {"to": "acknowledged", "on": "2025-01-20"},
            {"to": "executed", "on": "2025-03-01"},
        ],
        **extra,
    }


def test_a_register_is_imported_with_its_history_and_is_searchable():
    load_countries()
    moj = factories.AuthorityFactory(country=factories.country("UKR"))
    officer = factories.UserFactory(authority=moj)
    result = import_register(owner=moj, actor=officer, cases=[row("A-1"), row("A-2")])
    assert result == {"created": 2, "events": 6}
    case = Case.objects.get(our_reference="A-1")
    assert (case.status, case.days_to_acknowledgment, case.days_to_execution) == (
        "executed",
        10,
        50,
    )
    assert not case.is_open and case.entered["acknowledged"] == "2025-01-20"
    assert Case.objects.filter(matching(officer, "muller")).count() == 2
    assert Case.objects.filter(matching(officer, "j muller")).count() == 2  # "j" narrows nothing


def test_one_bad_row_and_nothing_is_written():
    load_countries()
    moj = factories.AuthorityFactory(country=factories.country("UKR"))
    officer = factories.UserFactory(authority=moj)
    bad = row("A-2", history=[{"to": "closed", "on": "2025-01-20"}])
    with pytest.raises(RegisterImportError) as refused:
        import_register(owner=moj, actor=officer, cases=[row("A-1"), bad, row("A-1")])
    fields = {(e["row"], e["field"]) for e in refused.value.errors}
    assert fields == {(2, "history.0.to"), (3, "our_reference")}
    assert not Case.objects.exists() and not CaseEvent.objects.exists()


def test_the_command_imports_a_file_and_names_the_lines_it_refuses(tmp_path):
    import io
    import json

    from django.core.management import CommandError, call_command

    load_countries()
    moj = factories.AuthorityFactory(country=factories.country("UKR"))
    officer = factories.UserFactory(authority=moj)
    good = tmp_path / "register.jsonl"
    good.write_text("\n".join(json.dumps(row(f"A-{n}")) for n in range(3)), encoding="utf-8")
    out = io.StringIO()
    call_command(
        "import_cases", str(good), authority=str(moj.pk), user=officer.username, stdout=out
    )
    assert "Imported 3 cases with 9 events." in out.getvalue()
    bad = tmp_path / "bad.jsonl"
    bad.write_text(json.dumps(row("B-1", counterpart_state="XXX")), encoding="utf-8")
    errors = io.StringIO()
    with pytest.raises(CommandError):
        call_command(
            "import_cases", str(bad), authority=str(moj.pk), user=officer.username, stderr=errors
        )
    assert "row 1: counterpart_state" in errors.getvalue()
    assert Case.objects.count() == 3
