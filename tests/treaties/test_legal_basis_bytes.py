"""The legal-basis API answers as it did before its parts were read per generation: byte for byte.

`reference_body` is the endpoint's answer as it was written before (the engine's answer, then the
requested State's profile and central authority read with the ORM). Every question of the
benchmark's mix (benchmarks/queries.py, another seed) is asked of both, in English and French,
then again after the directory and a profile change.
"""

import datetime
import json
import sys
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

import pytest
from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone, translation

from comity.accounts.models import ApiToken
from comity.directory import services as directory_services
from comity.directory.models import Authority
from comity.directory.transfer import authority_as_data
from comity.treaties import selectors, services
from comity.treaties.api import LegalBasisQuery, _profile
from comity.treaties.legal_basis import legal_basis
from tests import factories

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
import queries

pytestmark = pytest.mark.usefixtures("reference")
STATES = ["UKR", "DEU", "FRA", "NGA", "GHA", "USA", "GBR", "BRA", "JPN", "ZAF", "KEN", "MEX"]


def reference_body(params: LegalBasisQuery) -> bytes:
    on = params.date or timezone.localdate()
    answer = legal_basis(
        requesting=params.requesting,
        requested=params.requested,
        kind=params.kind,
        offence=params.offence,
        on=on,
    )
    body = answer.as_dict()
    profile = selectors.profile_for(answer.requested, params.kind)
    body["requirements"] = (
        _profile(profile, profile.central_authority.name if profile.central_authority_id else None)
        if profile
        else None
    )
    authorities = selectors.central_authorities(answer.requested, params.kind)
    body["central_authority"] = (
        {
            "id": str(authorities[0].pk),
            "name": authorities[0].name,
            "source": authorities[0].source,
            "verified_on": authorities[0].verified_on,
        }
        if authorities
        else None
    )
    return json.dumps(body, cls=DjangoJSONEncoder, ensure_ascii=False).encode()


def _authority(country, name, competences, verified_on=None):
    return directory_services.create_authority(
        data={
            "country": country,
            "name": name,
            "kind": "central_authority",
            "competences": competences,
            "languages": ["en"],
            "channels": ["direct"],
            "source": f"https://example.org/{country}",
            "verified_on": verified_on,
            "is_example": True,
        },
        actor=None,
    )


@pytest.fixture
def directory(db):
    made = {
        "UKR": _authority("UKR", "Ministry of Justice", ["mla", "extradition"], "2026-01-10"),
        "DEU": _authority("DEU", "Bundesamt für Justiz", ["mla"]),
        "FRA": _authority("FRA", "Bureau de l'entraide pénale", ["mla", "confiscation"]),
        "NGA": _authority("NGA", "Central Authority Unit", ["extradition"]),
    }
    _authority("UKR", "Office of the Prosecutor General", ["mla", "transfer_sentenced"])
    services.save_profile(
        country_id="UKR",
        kind="mla",
        values={
            "languages": ["uk", "en"],
            "channels": ["direct"],
            "central_authority_id": made["UKR"].pk,
            "source": "https://example.org/ukr-profile",
            "as_of": datetime.date(2026, 3, 1),
        },
        actor=None,
    )
    return made


@pytest.fixture
def token(directory):
    user = factories.UserFactory(authority=directory["UKR"])
    plain, key_id, key_hash = ApiToken.new_key()
    ApiToken.objects.create(user=user, name="test", key_id=key_id, key_hash=key_hash)
    return {"HTTP_AUTHORIZATION": f"Bearer {plain}"}


def _compare(client, token, paths) -> int:
    for path in paths:
        response = client.get(path, **token)
        assert response.status_code == 200, (path, response.content[:300])
        params = LegalBasisQuery(**dict(parse_qsl(urlsplit(path).query)))
        assert response.content == reference_body(params), path
    return len(paths)


def test_the_legal_basis_answers_byte_for_byte_as_before(client, token, settings):
    settings.COMITY_ANSWER_CACHE = True  # the treaty part kept, the directory's part read apart
    paths = [
        "/api/v1/legal-basis?requesting=DEU&requested=UKR&kind=mla",
        "/api/v1/legal-basis?requesting=DEU&requested=UKR&kind=extradition&offence=fraud",
        "/api/v1/legal-basis?requesting=UKR&requested=NGA&kind=provisional_arrest",
        *queries.legal_basis_paths(STATES, count=250, seed=11),
    ]
    for language in ("en", "fr"):
        with translation.override(language):
            assert _compare(client, token, paths) == len(paths)

    # The directory changes: names, a new first central authority, a deleted one.
    ukr = Authority.objects.get(name="Ministry of Justice")
    data = {**authority_as_data(ukr), "name": "Ministry of Justice of Ukraine"}
    directory_services.update_authority(authority=ukr, data=data, actor=None)
    _authority("DEU", "Auswärtiges Amt", ["mla"])
    nga = Authority.objects.get(name="Central Authority Unit")
    directory_services.delete_authority(authority=nga, actor=None)
    assert _compare(client, token, paths[:80]) == 80

    # A profile changes (treaty data): a new generation of it.
    services.save_profile(
        country_id="UKR",
        kind="mla",
        values={"languages": ["uk"], "source": "https://example.org/ukr-2"},
        actor=None,
    )
    assert _compare(client, token, paths[:80]) == 80


def test_a_deleted_central_authority_leaves_the_profile_without_one(client, token, directory):
    path = "/api/v1/legal-basis?requesting=DEU&requested=UKR&kind=mla"
    assert client.get(path, **token).json()["requirements"]["central_authority"]["name"]
    authority = directory["UKR"]
    authority.users.update(authority=directory["DEU"])  # an authority with users stays
    directory_services.delete_authority(authority=authority, actor=None)
    body = client.get(path, **token).json()
    assert body["requirements"]["central_authority"] is None
    params = LegalBasisQuery(requesting="DEU", requested="UKR", kind="mla")
    assert client.get(path, **token).content == reference_body(params)


def test_a_directory_change_keeps_the_answer_and_shows_the_new_name(client, token, settings):
    from comity.core import answers

    settings.COMITY_ANSWER_CACHE = True
    path = "/api/v1/legal-basis?requesting=DEU&requested=UKR&kind=mla"
    assert client.get(path, **token).json()["central_authority"]["name"] == "Ministry of Justice"
    kept = dict(answers._entries)
    ukr = Authority.objects.get(name="Ministry of Justice")
    data = {**authority_as_data(ukr), "name": "Ministry of Justice of Ukraine"}
    directory_services.update_authority(authority=ukr, data=data, actor=None)
    body = client.get(path, **token).json()
    assert body["central_authority"]["name"] == "Ministry of Justice of Ukraine"
    assert body["requirements"]["central_authority"]["name"] == "Ministry of Justice of Ukraine"
    assert dict(answers._entries) == kept, "the treaty part was computed again"
    assert all(answers._entries[k] is v for k, v in kept.items())
