import pytest
from django.urls import reverse

from comity.accounts.models import Role
from comity.audit.models import AuditEntry
from comity.core import generations
from comity.directory.reference import load_authorities
from comity.treaties.models import Instrument, RequirementProfile
from comity.treaties.reference import load_profiles
from tests import factories
from tests.accounts.helpers import login_as

pytestmark = pytest.mark.usefixtures("reference")


@pytest.fixture
def profiles():
    load_authorities()
    load_profiles()


@pytest.fixture
def people(profiles):
    from comity.directory.models import Authority

    ukr = Authority.objects.get(country_id="UKR", name="Ministry of Justice")
    deu = factories.AuthorityFactory(country=factories.country("DEU"))
    return {
        "viewer_own": factories.UserFactory(authority=ukr, role=Role.VIEWER),
        "admin_own": factories.UserFactory(authority=ukr, role=Role.AUTHORITY_ADMIN),
        "admin_other": factories.UserFactory(authority=deu, role=Role.AUTHORITY_ADMIN),
        "site_admin": factories.UserFactory(authority=None, is_superuser=True, is_staff=True),
    }


def test_profiles_are_seeded_from_declarations_with_their_source(profiles):
    mla = RequirementProfile.objects.get(country_id="UKR", kind="mla")
    assert mla.languages == ["uk", "ru", "en", "fr"]
    assert mla.central_authority.name == "Ministry of Justice"
    assert mla.source.startswith("https://zaki.ru/")
    assert mla.dual_criminality == "unknown"  # not stated by any source: never "no"
    assert (
        RequirementProfile.objects.get(
            country_id="LSO", kind="extradition"
        ).treaty_required_for_extradition
        == "yes"
    )


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("anonymous", 404),
        ("viewer_own", 404),
        ("admin_other", 404),
        ("admin_own", 302),
        ("site_admin", 302),
    ],
)
def test_editing_a_states_requirements(client, people, who, status):
    client = login_as(client, people, who)
    response = client.post(
        reverse("treaties:profile_edit", args=["UKR", "mla"]),
        {
            "languages": "uk, en",
            "dual_criminality": "coercive",
            "video_hearing": "yes",
            "temporary_transfer": "unknown",
            "preservation_without_mla": "unknown",
            "spontaneous_information": "unknown",
            "joint_investigation_teams": "unknown",
            "treaty_required_for_extradition": "unknown",
            "source": "Ministry of Justice letter",
            "as_of": "2026-10-01",
        },
    )
    assert response.status_code == status
    profile = RequirementProfile.objects.get(country_id="UKR", kind="mla")
    assert (profile.dual_criminality == "coercive") == (status == 302)
    if status == 302:
        assert AuditEntry.objects.filter(
            object_type="treaties.requirementprofile", action="update"
        ).exists()


def test_bad_language_code_in_requirements_is_a_field_error(client, people):
    client.force_login(people["admin_own"])
    response = client.post(
        reverse("treaties:profile_edit", args=["UKR", "mla"]),
        {
            "languages": "uk, xx",
            "dual_criminality": "never",
            "source": "s",
            "as_of": "2026-10-01",
        },
    )
    assert response.status_code == 200
    assert "Unknown language code(s): xx" in response.content.decode()


def test_country_page_shows_status_declarations_and_staleness(client, people):
    client.force_login(people["viewer_own"])
    html = client.get(reverse("treaties:country_detail", args=["UKR"])).content.decode()
    assert "2004-06-20" in html  # UNTOC in force for Ukraine
    assert "Takes the Convention as the legal basis for extradition" in html
    assert "over two years ago" in html  # newest fact: 2014
    # ... and each instrument says how old its status is (UNTOC: the complete list of 2014).
    assert "status as of 2014-01-27 — check with the depositary" in html
    # Instruments by name, in the reader's language, with the code as a citation.
    assert ">United Nations Convention against Transnational Organized Crime</a>" in html
    assert '<span class="cite">UNTOC</span>' in html


def test_country_page_names_instruments_in_the_reader_s_language(client, people):
    french = "Convention des Nations Unies contre la criminalité transnationale organisée"
    Instrument.objects.filter(code="UNTOC").update(titles={"fr": french})
    generations.renew(generations.TREATIES)  # written without a service, as a loader does
    client.force_login(people["viewer_own"])
    html = client.get(
        reverse("treaties:country_detail", args=["UKR"]), HTTP_ACCEPT_LANGUAGE="fr"
    ).content.decode()
    assert f">{french}</a>" in html


def test_legal_basis_page_answers_with_sources(client, people):
    client.force_login(people["viewer_own"])
    url = (
        reverse("treaties:legal_basis")
        + "?requesting=UKR&requested=DEU&kind=mla&offence=money_laundering"
    )
    html = client.get(url).content.decode()
    assert "UNTOC 18" in html and "treaties.un.org" in html
    assert "Instruments whose application is unknown" in html


def test_legal_basis_page_refuses_the_same_state_twice(client, people):
    client.force_login(people["viewer_own"])
    html = client.get(
        reverse("treaties:legal_basis") + "?requesting=UKR&requested=UKR&kind=mla"
    ).content.decode()
    assert "different from the requesting State" in html


def test_api_legal_basis_shape(client, people):
    client.force_login(people["viewer_own"])
    body = client.get(
        "/api/v1/legal-basis?requesting=UKR&requested=DEU&kind=mla&offence=money_laundering"
    ).json()
    assert body["requesting"] == "UKR" and body["kind"] == "mla"
    first = body["bases"][0]
    assert set(first) >= {"instrument", "applies", "reasons", "provisions", "conditions"}
    assert all({"text", "source", "as_of"} <= set(r) for b in body["bases"] for r in b["reasons"])
    assert body["central_authority"] is None or "name" in body["central_authority"]


@pytest.mark.parametrize(
    "query",
    [
        "requesting=UKR&requested=DEU&kind=teleport",
        "requesting=UKR&requested=ZZZ&kind=mla",
        "requesting=UKR&requested=DEU&kind=mla&offence=jaywalking",
        "requesting=UKR&requested=DEU&kind=mla&date=yesterday",
        "requesting=UKR&kind=mla",
    ],
)
def test_api_legal_basis_bad_input_is_400(client, people, query):
    client.force_login(people["viewer_own"])
    response = client.get(f"/api/v1/legal-basis?{query}")
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"]


def test_api_legal_basis_needs_sign_in(client):
    assert (
        client.get("/api/v1/legal-basis?requesting=UKR&requested=DEU&kind=mla").status_code == 401
    )


def test_matrix_csv(client, people):
    client.force_login(people["viewer_own"])
    response = client.get("/api/v1/legal-basis/matrix?country=UKR&kind=mla&format=csv")
    lines = response.content.decode().splitlines()
    assert lines[0] == "country,first_basis,applies,yes,conditional,unknown"
    assert any(line.startswith("DEU,") for line in lines)
    assert len(lines) > 200


def test_public_country_and_instrument_endpoints(client):
    body = client.get("/api/v1/countries/UKR").json()
    untoc = next(i for i in body["profile"]["instruments"] if i["instrument"] == "UNTOC")
    assert untoc["in_force_today"] == "yes" and untoc["reason"]["source"]
    assert body["profile"]["central_authorities"] is None  # directory is for signed-in users
    instrument = client.get("/api/v1/instruments/untoc").json()
    assert any(p["country"] == "UKR" for p in instrument["participants"])
    assert any(t["complete"] for t in instrument["participant_lists"])
    assert client.get("/api/v1/countries/QQQ").status_code == 404


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("anonymous", 404),
        ("viewer_own", 404),
        ("admin_own", 404),
        ("site_admin", 302),
    ],
)
def test_recording_a_bilateral_treaty(client, people, who, status):
    from comity.treaties.legal_basis import legal_basis
    from comity.treaties.models import Instrument

    client = login_as(client, people, who)
    response = client.post(
        reverse("treaties:bilateral_new"),
        {
            "code": "ukr-deu-mla-example",
            "title": "Example MLA treaty",
            "kinds": ["mla"],
            "party_a": "UKR",
            "party_b": "DEU",
            "signed": "2009-05-01",
            "in_force": "2010-01-01",
            "source": "Official gazette (test)",
        },
    )
    assert response.status_code == status
    assert Instrument.objects.filter(code="UKR-DEU-MLA-EXAMPLE").exists() == (status == 302)
    if status == 302:
        answer = legal_basis(requesting="UKR", requested="DEU", kind="mla")
        assert answer.bases[0].instrument == "UKR-DEU-MLA-EXAMPLE"


def test_a_bilateral_treaty_needs_two_states_and_sane_dates(client, people):
    login_as(client, people, "site_admin")
    html = client.post(
        reverse("treaties:bilateral_new"),
        {
            "code": "X-1",
            "title": "t",
            "kinds": ["mla"],
            "party_a": "UKR",
            "party_b": "UKR",
            "signed": "2010-01-01",
            "in_force": "2009-01-01",
            "source": "s",
        },
    ).content.decode()
    assert "Choose two different States." in html
    assert "cannot be in force before it was signed" in html


def test_sources_and_answer_cards_are_written_escaped_with_link_date_and_unknown_date():
    import datetime

    from comity.treaties.legal_basis import Basis, Condition, Reason
    from comity.treaties.templatetags.treaties import basis_cards, source

    long_url = (
        "https://treaties.un.org/Pages/ViewDetails.aspx?src=TREATY&mtdsg_no=XVIII-12&chapter=18"
    )
    linked = source(long_url, datetime.date(2024, 5, 2))
    assert f'href="{long_url.replace("&", "&amp;")}"' in linked
    shown = long_url[:79].replace("&", "&amp;") + "…"  # 80 characters at most
    assert f">{shown}</a>" in linked
    assert "as of 2024-05-02" in linked
    plain = source("Note verbale <b>12</b>", None)
    assert "Note verbale &lt;b&gt;12&lt;/b&gt;" in plain and "<a " not in plain
    assert "date not stated by the source" in plain

    card = basis_cards(
        [
            Basis(
                instrument="X<1>",
                title="Treaty & <script>",
                type="bilateral",
                applies="conditional",
                rank=1,
                provisions=["Art. 2"],
                reasons=[Reason("Party <since>", "https://example.org/a", None)],
                conditions=[Condition("Only for <tax>", "Art. 9", "", None)],
            )
        ]
    )
    assert card.startswith('<li class="card basis basis-conditional">')
    assert "Treaty &amp; &lt;script&gt;" in card and '<span class="cite">X&lt;1&gt;</span>' in card
    assert 'class="badge badge-warn"' in card
    assert "Provisions: Art. 2" in card
    assert 'Party &lt;since&gt;<br><span class="cite">' in card
    assert 'Only for &lt;tax&gt; <span class="cite">(Art. 9)</span>' in card
    assert "<script>" not in card
    # An unclassified web address is shown as a secondary source; the depositary is not.
    assert "secondary source" in card and "secondary source" not in linked


def test_the_legal_basis_page_says_in_one_sentence_what_to_cite_and_where_to_send(client, people):
    client.force_login(people["viewer_own"])
    html = client.get(
        reverse("treaties:legal_basis"),
        {"requesting": "UKR", "requested": "DEU", "kind": "mla", "offence": "money_laundering"},
    ).content.decode()
    summary = html[html.index('class="card summary"') :][:2000]
    assert (
        "Cite European Convention on Mutual Assistance in Criminal Matters (ETS-030 1)" in summary
    )
    assert "ETS-182" in summary
    assert "Send it to" in summary
    # Germany's requirements, from its reservations to the 1959 Convention.
    assert "ETS-030 art. 5(1)(a) and (c)" in html
    # Instrument names link to their text.
    assert 'href="https://www.coe.int/en/web/conventions/full-list?module=treaty-detail' in html
