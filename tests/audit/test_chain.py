import itertools

import pytest
from django.core.management import call_command

from comity.audit.models import Action, AuditEntry
from comity.audit.selectors import history_for
from comity.audit.services import GENESIS, record, verify_chain
from tests.audit.tampering import delete_row, tamper
from tests.factories import AuthorityFactory, UserFactory

pytestmark = pytest.mark.django_db


def _entries(n=5):
    actor = UserFactory()
    authority = AuthorityFactory()
    return [
        record(
            actor=actor,
            action=Action.UPDATE,
            obj=authority,
            before={"name": f"name {i}"},
            after={"name": f"name {i + 1}", "languages": ["en", "fr"]},
        )
        for i in range(n)
    ]


def test_chain_verifies_after_several_records():
    entries = _entries(5)
    assert entries[0].prev_hash == GENESIS
    assert all(b.prev_hash == a.hash for a, b in itertools.pairwise(entries))
    report = verify_chain()
    assert report.intact
    assert report.checked == AuditEntry.objects.count() == 5


def test_tampered_after_json_is_detected_at_that_row():
    entries = _entries(5)
    target = entries[2]
    tamper(target.pk, after={"name": "forged"})
    assert AuditEntry.objects.get(pk=target.pk).after == {"name": "forged"}
    report = verify_chain()
    assert not report.intact
    assert report.broken_at == target.pk
    assert "content" in report.problem


def test_tampered_actor_name_is_detected():
    entries = _entries(3)
    tamper(entries[0].pk, actor_name="someone else")
    assert verify_chain().broken_at == entries[0].pk


def test_a_rehashed_row_is_detected_at_that_row_by_its_seal():
    """An attacker who recomputes the changed row's hash has no audit key to seal it with."""
    entries = _entries(4)
    forged = AuditEntry.objects.get(pk=entries[1].pk)
    forged.after = {"name": "forged"}
    tamper(forged.pk, after=forged.after, hash=forged.compute_hash())
    report = verify_chain()
    assert report.broken_at == entries[1].pk
    assert "seal" in report.problem


def test_deleting_a_middle_row_is_detected_at_the_next_row():
    entries = _entries(5)
    delete_row(entries[2].pk)
    report = verify_chain()
    assert not report.intact
    assert report.broken_at == entries[3].pk
    assert "link" in report.problem


def test_entries_cannot_be_changed_or_deleted_through_the_model():
    entry = _entries(1)[0]
    entry.note = "changed"
    with pytest.raises(ValueError, match="append-only"):
        entry.save()
    with pytest.raises(ValueError, match="append-only"):
        entry.delete()
    assert AuditEntry.objects.get(pk=entry.pk).note == ""
    assert verify_chain().intact


def test_unknown_action_is_refused():
    with pytest.raises(ValueError, match="Unknown audit action"):
        record(actor=None, action="teleport")
    assert not AuditEntry.objects.exists()


def test_history_for_returns_the_objects_entries_newest_first():
    entries = _entries(3)
    other = AuthorityFactory()
    record(actor=None, action=Action.UPDATE, obj=other, after={"name": "x"})
    reader = UserFactory(role="viewer")
    subject = AuthorityFactory._meta.model.objects.get(pk=entries[0].object_id)
    history = history_for(subject, reader)
    assert [e.pk for e in history] == [e.pk for e in reversed(entries)]
    assert len(history_for(other, reader, limit=50)) == 1
    assert len(history_for(subject, reader, limit=2)) == 2


def test_history_include_renders_before_and_after():
    from django.template.loader import render_to_string

    authority = AuthorityFactory()
    actor = UserFactory(first_name="Ana", last_name="Ruiz")
    record(
        actor=actor,
        action=Action.UPDATE,
        obj=authority,
        before={"languages": ["en"], "phone": ""},
        after={"languages": ["en", "fr"], "phone": ""},
    )
    html = render_to_string("audit/_history.html", {"history": history_for(authority, actor)})
    assert "Ana Ruiz" in html
    assert "Updated" in html
    assert "languages" in html and "phone" not in html
    assert ">en<" in html and ">en, fr<" in html
    assert "No recorded changes" in render_to_string("audit/_history.html", {"history": []})


def test_verify_command_reports_intact_chain(capsys, tmp_path):
    _entries(3)
    call_command("audit", "verify", "--checkpoints", str(tmp_path / "points.jsonl"))
    out = capsys.readouterr().out.strip()
    assert out.startswith("Audit chain intact: 3 entries checked; no checkpoint yet")


def test_verify_command_exits_1_on_broken_chain(capsys):
    entries = _entries(3)
    tamper(entries[1].pk, note="edited")
    with pytest.raises(SystemExit) as exit_info:
        call_command("audit", "verify")
    assert exit_info.value.code == 1
    err = capsys.readouterr().err
    assert err.startswith(f"Audit chain BROKEN at entry #{entries[1].pk}: ")
