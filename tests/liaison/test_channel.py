"""The informal channel: a Ghanaian FIU asks the Nigerian FIU about two accounts under H2; the
answer goes no further than Nigeria's FIU until Ghana consents; expired bodies are purged;
nothing readable is left in the database file."""

import datetime
from pathlib import Path

import pytest
from django.db import connection

from comity.audit.models import AuditEntry
from comity.liaison import services, vault
from comity.liaison.models import Entity, Message
from tests import factories

pytestmark = pytest.mark.django_db

BODY = "Please report the holders and movements of the two accounts since 2024."
ACCOUNT = "GB29 NWBK 6016 1331 9268 19"


def request_and_answer(fius):
    request = services.send(
        actor=fius["gha"],
        to_authority=fius["nigeria_fiu"],
        data={
            "kind": "request",
            "subject": "Two accounts of Harbour Holdings",
            "body": BODY,
            "handling": "H2",
            "source_evaluation": "B",
            "information_evaluation": "2",
            "entities": [
                {"type": "account", "value": ACCOUNT},
                {"type": "company", "value": "Harbour Holdings Ltd"},
            ],
        },
    )
    answer = services.send(
        actor=fius["nga"],
        to_authority=fius["ghana_fiu"],
        data={
            "kind": "answer",
            "subject": "Re: Two accounts",
            "body": "Both accounts belong to a shell company registered in Lagos.",
            "handling": "H1",
            "source_evaluation": "A",
            "information_evaluation": "1",
            "in_reply_to": request,
        },
    )
    return request, answer


def about_consent(actor, to, reply_to, kind="consent", **extra) -> Message:
    """A consent request or a consent: unrestricted (H0), its source not assessed (X4)."""
    return services.send(
        actor=actor,
        to_authority=to,
        data={
            "kind": kind,
            "subject": "Consent",
            "handling": "H0",
            "source_evaluation": "X",
            "information_evaluation": "4",
            "in_reply_to": reply_to,
            **extra,
        },
    )


def test_forwarding_an_answer_to_an_h2_request_waits_for_the_requesters_consent(fius):
    _request, answer = request_and_answer(fius)
    with pytest.raises(services.ConsentMissing):
        services.forward(message=answer, to_authority=fius["nigeria_police"], actor=fius["nga"])
    asked = about_consent(fius["nga"], fius["ghana_fiu"], answer, kind="consent_request")
    # Nobody outside the exchange can answer the consent request.
    with pytest.raises(services.LiaisonInputError):
        about_consent(fius["police"], fius["nigeria_fiu"], asked, granted=True)
    assert services.missing_consents(answer, fius["nigeria_fiu"]) == {fius["ghana_fiu"].pk}
    about_consent(fius["gha"], fius["nigeria_fiu"], asked, granted=True)
    copy = services.forward(message=answer, to_authority=fius["nigeria_police"], actor=fius["nga"])
    assert copy.forwarded_from == answer and copy.handling == "H1"
    assert copy.recipient == fius["nigeria_police"]


def test_a_refused_consent_keeps_the_message_where_it_is(fius):
    _request, answer = request_and_answer(fius)
    asked = about_consent(fius["nga"], fius["ghana_fiu"], answer, kind="consent_request")
    about_consent(fius["gha"], fius["nigeria_fiu"], asked, granted=False)
    with pytest.raises(services.ConsentMissing):
        services.forward(message=answer, to_authority=fius["nigeria_police"], actor=fius["nga"])


def test_only_the_two_contact_points_see_a_message(fius):
    request, _answer = request_and_answer(fius)
    assert Message.objects.restrict(fius["gha"]).filter(pk=request.pk).exists()
    assert Message.objects.restrict(fius["nga"]).filter(pk=request.pk).exists()
    assert not Message.objects.restrict(fius["police"]).filter(pk=request.pk).exists()
    site = factories.UserFactory(authority=None, is_superuser=True)
    assert not Message.objects.restrict(site).filter(pk=request.pk).exists()


def test_search_by_account_finds_it_in_any_spelling_without_storing_it_in_clear(fius):
    request, _answer = request_and_answer(fius)
    digest = vault.blind("gb29nwbk60161331926819")
    found = Entity.objects.restrict(fius["nga"]).filter(digest=digest)
    assert [e.message_id for e in found] == [request.pk]
    assert found[0].value == ACCOUNT


def test_the_audit_trail_records_the_message_but_not_what_it_says(fius):
    request, _answer = request_and_answer(fius)
    entries = AuditEntry.objects.filter(object_id=str(request.pk))
    assert entries.exists()
    assert all(BODY not in str(e.after) and "Harbour" not in str(e.after) for e in entries)


def test_purge_removes_expired_bodies_and_keeps_the_metadata(fius):
    request, answer = request_and_answer(fius)
    Message.objects.filter(pk=request.pk).update(expires_on=datetime.date(2026, 1, 1))
    assert services.purge(today=datetime.date(2026, 1, 2)) == 1
    assert services.purge(today=datetime.date(2026, 1, 3)) == 0
    purged = Message.objects.get(pk=request.pk)
    assert purged.body == "" and purged.subject == "" and purged.purged_at is not None
    assert purged.handling == "H2" and purged.sender == fius["ghana_fiu"]
    assert set(purged.entities.values_list("value", flat=True)) == {""}
    assert Message.objects.get(pk=answer.pk).body.startswith("Both accounts")
    assert AuditEntry.objects.filter(object_id=str(request.pk), note="purge").count() == 1


@pytest.mark.django_db(transaction=True)
def test_the_database_file_holds_no_message_text(fius):
    if connection.vendor != "sqlite":
        pytest.skip("reads the SQLite file itself")
    request_and_answer(fius)
    connection.close()
    name = Path(connection.settings_dict["NAME"])
    raw = b"".join(path.read_bytes() for path in (name, Path(f"{name}-wal")) if path.exists())
    assert raw, "the test database is a file"
    for secret in (BODY, "shell company", "Harbour Holdings", "Two accounts", "NWBK"):
        assert secret.encode() not in raw, secret
    assert b"enc1:" in raw
