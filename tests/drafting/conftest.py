"""Complete, valid request bodies of each kind, and the requested State's facts to check them with.

A complete body draws no check at all against `germany()`; tests make it wrong one fact at a time.
"""

import copy
import dataclasses
import datetime

import pytest

from comity.drafting.rules import CheckContext

PERSON_SOUGHT = {
    "role": "accused",
    "name": "Ivan Petrenko",
    "date_of_birth": "1980-04-02",
    "place_of_birth": "Kharkiv",
    "nationality": "UKR",
    "identity_documents": "Passport FX123456",
    "address": "",
    "description": "1.82 m, brown hair, scar on the left hand; photographs in annex 2.",
    "location": "Believed to live in Berlin-Neukölln.",
}
MONEY_LAUNDERING = {
    "label": "Laundering of proceeds of crime",
    "statute": "art. 209(3) Criminal Code of Ukraine",
    "provision_text": "Acts aimed at concealing the illicit origin of property obtained by crime, "
    "committed on a large scale or by an organized group, are punishable by imprisonment of "
    "eight to twelve years.",
    "max_penalty": "12 years' imprisonment",
    "max_penalty_years": 12,
    "category": "money_laundering",
    "limitation": "15 years from the act (art. 49 CC); runs out on 2039-03-15.",
}
BANK_RECORDS = {
    "type": "bank_records",
    "id": "m1",
    "bank": "Commerzbank AG, Berlin",
    "accounts": "DE89370400440532013000",
    "holder": "Baltic Trade Solutions GmbH",
    "period_from": "2024-01-01",
    "period_to": "2025-06-30",
    "documents": "Account statements, account opening documents, powers of attorney.",
}
TESTIMONY = {
    "type": "testimony",
    "id": "m2",
    "witness": "Anna Schmidt",
    "status": "witness",
    "questions": "1. Who instructed you to open the account? 2. Who operated it?",
}
SERVICE = {
    "type": "service_of_documents",
    "id": "m1",
    "addressee": "Ivan Petrenko",
    "address": "Karl-Marx-Straße 1, 12043 Berlin",
    "documents": "Summons to appear before the investigating judge on 2027-03-01.",
}

MLA = {
    "kind": "mla",
    "requesting_state": "UKR",
    "requested_state": "DEU",
    "requesting_authority": "Office of the Prosecutor General of Ukraine",
    "legal_bases": ["UNTOC"],
    "reference": "UKR-2026-001",
    "proceedings": {
        "stage": "investigation",
        "authority": "Prosecutor O. Kovalenko, Office of the Prosecutor General, directing the "
        "pre-trial investigation",
        "case_number": "42026000000000123",
        "description": "Pre-trial investigation into the laundering of proceeds of a VAT fraud "
        "by an organized group.",
    },
    "offences": [MONEY_LAUNDERING],
    "facts": "Between January 2024 and June 2025 the suspect moved EUR 2.4 million obtained by "
    "VAT fraud in Ukraine through an account of Baltic Trade Solutions GmbH in Berlin. The "
    "witness opened the account on the suspect's instructions.",
    "persons": [
        {**PERSON_SOUGHT, "role": "suspect"},
        {
            "role": "witness",
            "name": "Anna Schmidt",
            "nationality": "DEU",
            "address": "Hermannstraße 5, 12049 Berlin",
        },
    ],
    "measures": [BANK_RECORDS, TESTIMONY],
    "purpose": "To prove the flow of the proceeds at the trial of the suspect.",
    "use_limits": {
        "stated": True,
        "text": "The evidence will be used only in criminal proceedings no. 42026000000000123.",
    },
    "language": "en",
}

CONFISCATION = {
    **MLA,
    "kind": "confiscation",
    "reference": "UKR-2026-002",
    "measures": [
        {
            "type": "freezing",
            "id": "m1",
            "property": "Balance of account DE89370400440532013000",
            "owner": "Baltic Trade Solutions GmbH",
            "grounds": "The balance stems from the laundered VAT refunds.",
        },
        {
            "type": "confiscation_order_enforcement",
            "id": "m2",
            "order": "Pechersk District Court of Kyiv, 2026-02-10, case 757/1234/26",
            "property": "Balance of account DE89370400440532013000",
            "extent": "Up to EUR 2.4 million.",
        },
    ],
    "property": {
        "description": "Funds held in account DE89370400440532013000 at Commerzbank AG.",
        "location": "Berlin",
        "value": "EUR 2.4 million",
        "owner": "Baltic Trade Solutions GmbH",
    },
    "annexes": [{"title": "Certified copy of the confiscation order of 10 February 2026"}],
}

PRESERVATION = {
    "kind": "preservation",
    "requesting_state": "UKR",
    "requested_state": "DEU",
    "requesting_authority": "Cyber Police Department of the National Police of Ukraine",
    "legal_bases": ["CETS-185"],
    "offences": [{"label": "Illegal access to a computer system", "statute": "art. 361 CC"}],
    "facts": "On 2026-05-01 the servers of a Kyiv hospital were encrypted by ransomware.",
    "measures": [
        {
            "type": "preservation_stored_data",
            "id": "m1",
            "data": "Subscriber and traffic data of IP 203.0.113.7, 2026-04-28 to 2026-05-02.",
            "custodian": "Example Hosting GmbH, Frankfurt am Main",
            "relation": "The attack was launched from this address.",
            "necessity": "The provider deletes connection logs after seven days.",
        }
    ],
    "undertakings": {"mla_request_to_follow": True},
    "language": "en",
}

EXTRADITION = {
    "kind": "extradition",
    "requesting_state": "UKR",
    "requested_state": "DEU",
    "requesting_authority": "Office of the Prosecutor General of Ukraine",
    "legal_bases": ["UNTOC"],
    "offences": [MONEY_LAUNDERING],
    "facts": "Between January 2024 and June 2025, in Kyiv and Berlin, the accused laundered "
    "EUR 2.4 million obtained by VAT fraud.",
    "persons": [PERSON_SOUGHT],
    "warrant": {
        "kind": "arrest_warrant",
        "issued_by": "Pechersk District Court of Kyiv",
        "date": "2026-01-15",
        "reference": "757/1000/26",
    },
    "undertakings": {"speciality": True},
    "assurances": {
        "ne_bis_in_idem": "The accused has not been tried, in Germany or elsewhere, for these acts.",
    },
    "language": "en",
}

PROVISIONAL_ARREST = {
    **EXTRADITION,
    "kind": "provisional_arrest",
    "urgency": {"urgent": True, "reason": "The accused has booked a flight to Dubai."},
    "undertakings": {"full_request_to_follow": True},
}

TRANSFER_SENTENCED = {
    "kind": "transfer_sentenced",
    "requesting_state": "UKR",
    "requested_state": "DEU",
    "requesting_authority": "Ministry of Justice of Ukraine",
    "legal_bases": ["ETS-112"],
    "persons": [{**PERSON_SOUGHT, "role": "sentenced", "location": "JVA Tegel, Berlin"}],
    "warrant": {
        "kind": "judgment",
        "issued_by": "Landgericht Berlin",
        "date": "2025-05-06",
        "reference": "(505) 1 Kap Js 12/24",
        "sentence": "4 years; 2 years 7 months remain",
        "sentence_months": 48,
        "remaining_months": 31,
    },
    "dual_criminality": "Fraud is an offence under art. 190 of the Criminal Code of Ukraine.",
    "annexes": [{"title": "Declaration of consent of the sentenced person", "kind": "consent"}],
    "language": "en",
}
TRANSFER_PROCEEDINGS = {
    "kind": "transfer_proceedings",
    "requesting_state": "UKR",
    "requested_state": "DEU",
    "requesting_authority": "Office of the Prosecutor General of Ukraine",
    "legal_bases": ["UNTOC"],
    "proceedings": {
        "stage": "investigation",
        "authority": "Office of the Prosecutor General",
        "description": "Investigation of a fraud scheme run from Berlin",
    },
    "offences": [MONEY_LAUNDERING],
    "facts": "The suspects, residents of Berlin, ran the scheme from there.",
    "language": "en",
}
JIT = {
    "kind": "jit",
    "requesting_state": "UKR",
    "requested_state": "DEU",
    "requesting_authority": "Office of the Prosecutor General of Ukraine",
    "legal_bases": ["UNTOC"],
    "proceedings": {
        "stage": "investigation",
        "authority": "Office of the Prosecutor General",
        "description": "Parallel investigations of the same laundering network",
    },
    "facts": "The network laundered EUR 2.4 million through Kyiv and Berlin.",
    "purpose": "A joint team for 18 months of prosecutors and police of both States.",
    "language": "en",
}

BODIES = {
    "mla": MLA,
    "transfer_sentenced": TRANSFER_SENTENCED,
    "transfer_proceedings": TRANSFER_PROCEEDINGS,
    "jit": JIT,
    "confiscation": CONFISCATION,
    "preservation": PRESERVATION,
    "extradition": EXTRADITION,
    "provisional_arrest": PROVISIONAL_ARREST,
}

GERMANY = CheckContext(
    requested_state="DEU",
    state_name="Germany",
    has_profile=True,
    languages=("de", "en"),
    dual_criminality="coercive",
    video_hearing="yes",
    temporary_transfer="yes",
    source="Test profile, Federal Office of Justice",
    as_of=datetime.date(2025, 3, 1),
)


@pytest.fixture(scope="session")
def complete_body():
    """complete_body(kind) -> a fresh copy of the complete body of that kind."""

    def make(kind: str = "mla") -> dict:
        return copy.deepcopy(BODIES[kind])

    return make


@pytest.fixture(scope="session")
def germany():
    """germany(body, **facts) -> Germany's facts, with the body's legal bases."""

    def make(body: dict | None = None, **facts) -> CheckContext:
        bases = tuple((body or {}).get("legal_bases", ()))
        return dataclasses.replace(GERMANY, legal_bases=bases, **facts)

    return make
