"""Import (all or nothing, problems by line and field) and export (which imports again as it was)."""

import json

import pytest
from django.core.management import call_command

from comity.accounts.models import Role
from comity.audit.models import AuditEntry
from comity.library.models import Document
from comity.library.transfer import (
    LibraryImportError,
    export_lines,
    exported,
    import_documents,
    read_lines,
)
from tests import factories
from tests.library.helpers import CORPUS, states

pytestmark = pytest.mark.django_db


def _lines(rows) -> list[str]:
    return [json.dumps(row, ensure_ascii=False) for row in rows]


def test_every_problem_is_reported_by_line_and_field_and_nothing_is_written():
    states()
    rows = [
        CORPUS[0],
        {"type": "statute", "title": "x", "language": "en"},
        {"type": "case", "title": "x", "language": "en", "country": "XYZ"},
        {"type": "publication", "title": "x", "language": "en", "court": "Supreme Court"},
        {"type": "case", "title": "", "language": "en"},
        {**CORPUS[1], "key": CORPUS[0]["key"]},
        {"type": "case", "title": "x", "language": "en", "date": "2021-02-30"},
        {"type": "case", "title": "x", "language": "en", "crime_types": ["shoplifting"]},
    ]
    with pytest.raises(LibraryImportError) as raised:
        import_documents(actor=None, rows=rows)
    problems = {(e["row"], e["field"]) for e in raised.value.errors}
    assert problems == {
        (2, "type"),
        (3, "country"),
        (4, "court"),
        (5, "title"),
        (6, "key"),
        (7, "date"),
        (8, "crime_types.0"),
    }
    assert all(e["message"] for e in raised.value.errors)
    assert not Document.objects.exists()


def test_lines_that_are_not_json_objects_are_reported():
    with pytest.raises(LibraryImportError) as raised:
        read_lines(['{"type": "case"}', "not json", "[1, 2]", ""])
    assert [(e["row"], e["field"]) for e in raised.value.errors] == [(2, ""), (3, "")]


def test_export_imports_again_unchanged(django_capture_on_commit_callbacks):
    states()
    with django_capture_on_commit_callbacks(execute=True):
        import_documents(actor=None, rows=CORPUS)
    first = [json.loads(line) for line in export_lines(_site_reader())]
    assert len(first) == len(CORPUS)
    Document.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=True):
        result = import_documents(actor=None, rows=first)
    assert result == {"created": len(CORPUS), "replaced": 0}
    second = [json.loads(line) for line in export_lines(_site_reader())]
    assert second == first
    # And once more over the same keys: every document is replaced by itself.
    with django_capture_on_commit_callbacks(execute=True):
        assert import_documents(actor=None, rows=second) == {
            "created": 0,
            "replaced": len(CORPUS),
        }
    assert [exported(d)["title"] for d in Document.objects.order_by("key")] == [
        row["title"] for row in sorted(CORPUS, key=lambda r: r["key"])
    ]


def test_an_import_is_one_audit_entry():
    states()
    before = AuditEntry.objects.count()
    import_documents(actor=None, rows=CORPUS[:3])
    entry = AuditEntry.objects.order_by("-id").first()
    assert AuditEntry.objects.count() == before + 1
    assert entry.action == "import"
    assert len(entry.after["created"]) == 3


def test_a_key_of_another_authority_cannot_be_replaced():
    states()
    ours = factories.UserFactory(authority=factories.AuthorityFactory(), role=Role.OFFICER)
    theirs = factories.UserFactory(authority=factories.AuthorityFactory(), role=Role.OFFICER)
    import_documents(actor=theirs, rows=[CORPUS[0]])
    with pytest.raises(LibraryImportError) as raised:
        import_documents(actor=ours, rows=[{**CORPUS[0], "title": "Taken over"}])
    assert [(e["row"], e["field"]) for e in raised.value.errors] == [(1, "key")]
    assert Document.objects.get(key=CORPUS[0]["key"]).title == CORPUS[0]["title"]


def test_a_viewer_may_not_import():
    viewer = factories.UserFactory(authority=factories.AuthorityFactory(), role=Role.VIEWER)
    with pytest.raises(LibraryImportError):
        import_documents(actor=viewer, rows=[CORPUS[5]])


def test_the_command_imports_and_reports_problems(tmp_path, capsys):
    states()
    good = tmp_path / "good.jsonl"
    good.write_text("\n".join(_lines(CORPUS[:2])) + "\n", encoding="utf-8")
    call_command("library_import", str(good))
    assert Document.objects.count() == 2
    bad = tmp_path / "bad.jsonl"
    bad.write_text("\n".join(_lines([CORPUS[3], {"type": "x"}])), encoding="utf-8")
    from django.core.management import CommandError

    with pytest.raises(CommandError):
        call_command("library_import", str(bad))
    assert "line 2, type" in capsys.readouterr().err
    assert Document.objects.count() == 2


def test_the_api_import_answers_400_with_the_problems(client):
    states()
    client.force_login(factories.UserFactory(authority=factories.AuthorityFactory()))
    body = "\n".join(_lines([CORPUS[0], {"type": "case", "language": "en"}]))
    answer = client.post("/api/v1/library/import", body, content_type="application/x-ndjson")
    assert answer.status_code == 400
    assert answer.json()["errors"] == [
        {"row": 2, "field": "title", "message": answer.json()["errors"][0]["message"]}
    ]
    assert not Document.objects.exists()
    answer = client.post(
        "/api/v1/library/import", _lines([CORPUS[0]])[0], content_type="application/x-ndjson"
    )
    assert answer.status_code == 200
    assert answer.json() == {"created": 1, "replaced": 0}


def _site_reader():
    return factories.UserFactory(authority=None, is_superuser=True, is_staff=True)
