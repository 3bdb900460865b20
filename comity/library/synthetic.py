"""Synthetic example documents for the legal library, to try it out and to measure it.

Every document made here is invented: its words are drawn at random from the word lists in
synthetic/vocabulary/ (one per language, most frequent word first, each word drawn with a Zipf
distribution by its rank), and it is marked `example=True`, keyed "synthetic-<n>", with the source
"Synthetic document (example data)". The same seed gives the same documents.

- `documents(count, seed=...)` yields them in the shape of an import line (schema.DocumentIn);
- `load(count, seed=..., batch=5000)` writes them straight into the database (bulk inserts, one
  audit entry for the whole load) and then rebuilds the search index (indexing.reindex).

About 150 words each: a title of 5–12 words, a summary of 25–35 and a body of 100–115. Languages:
English 40%, French, Spanish and Russian 12% each, Arabic, Chinese and Ukrainian 8% each. Chinese
sentences are written without spaces and end with "。".
"""

import datetime
import itertools
import random
import time
from functools import cache
from pathlib import Path

from comity.library.vocabulary import (
    Access,
    CooperationForm,
    CrimeType,
    DocumentType,
    InForce,
    PublicationKind,
)

VOCABULARY = Path(__file__).resolve().parent / "synthetic" / "vocabulary"
SOURCE_NAME = "Synthetic document (example data)"
KEY_PREFIX = "synthetic-"
ZIPF_EXPONENT = 1.0

LANGUAGES = {"en": 40, "fr": 12, "es": 12, "ru": 12, "ar": 8, "zh": 8, "uk": 8}
TYPES = {DocumentType.LEGISLATION: 30, DocumentType.CASE: 50, DocumentType.PUBLICATION: 20}
INSTRUMENTS = ("UNTOC", "UNCAC", "ETS-185", "ETS-030", "ETS-024", "UN-1988")
FIRST_YEAR, LAST_YEAR = 1990, 2026
SIGNED_IN_SHARE = 0.05

# The UN member States (ISO 3166-1 alpha-3). Those that publish most come first: the draw is
# skewed by position (a Zipf distribution, gentler than the words').
_UN_MEMBERS = (
    "USA GBR DEU FRA ESP ITA RUS CAN AUS NLD BRA MEX CHN IND UKR POL ARG COL BEL CHE AUT SWE PRT "
    "JPN KOR ZAF NGA KEN EGY MAR TUR GRC ROU CZE HUN IRL DNK NOR FIN SAU ARE QAT JOR LBN DZA TUN "
    "SEN CIV CMR CHL PER VEN ECU BOL URY PRY CRI PAN GTM HND SLV NIC DOM CUB HTI JAM TTO BHS BRB "
    "BLZ GUY SUR KAZ UZB KGZ TJK TKM AZE ARM GEO BLR MDA LTU LVA EST SVK SVN HRV BIH SRB MNE MKD "
    "ALB BGR CYP MLT LUX ISL AND MCO SMR LIE IDN MYS SGP THA VNM PHL MMR KHM LAO BRN TLS PAK BGD "
    "LKA NPL BTN MDV AFG IRN IRQ SYR YEM OMN KWT BHR ISR LBY SDN SSD ETH ERI DJI SOM UGA TZA RWA "
    "BDI COD COG GAB GNQ CAF TCD NER MLI BFA GIN GNB SLE LBR GHA TGO BEN GMB CPV MRT AGO ZMB ZWE "
    "MOZ MWI NAM BWA LSO SWZ MDG MUS SYC COM STP NZL PNG FJI SLB VUT WSM TON KIR TUV NRU MHL FSM "
    "PLW MNG PRK ATG DMA GRD KNA LCA VCT"
)
STATES = tuple(_UN_MEMBERS.split())
STATE_SKEW = 0.8
# Half of the documents in a language come from a State that writes its law in it.
LANGUAGE_STATES = {
    "en": ("USA", "GBR", "CAN", "AUS", "IRL", "NZL", "ZAF", "NGA", "KEN", "IND", "SGP", "JAM"),
    "fr": ("FRA", "BEL", "CHE", "LUX", "CAN", "SEN", "CIV", "CMR", "MAR", "TUN", "MCO"),
    "es": ("ESP", "MEX", "ARG", "COL", "CHL", "PER", "VEN", "ECU", "URY", "CRI", "PAN", "BOL"),
    "ru": ("RUS", "BLR", "KAZ", "KGZ", "TJK", "UZB", "ARM", "AZE", "MDA"),
    "ar": ("EGY", "SAU", "ARE", "QAT", "JOR", "LBN", "MAR", "DZA", "TUN", "IRQ", "OMN", "KWT"),
    "zh": ("CHN", "SGP"),
    "uk": ("UKR",),
}
LOCAL_SHARE = 0.5

# Type details, in the document's language where it has its own.
LAW_CITATION = {
    "en": "Act No. {n} of {year}",
    "fr": "Loi n° {year}-{n}",
    "es": "Ley {n}/{year}",
    "ru": "Федеральный закон № {n}-ФЗ",
    "uk": "Закон України № {n}-{roman}",
    "ar": "قانون رقم {n} لسنة {year}",
    "zh": "第{n}号法律（{year}年）",
}
COURTS = {
    "en": ("Supreme Court", "Court of Appeal", "High Court", "District Court", "Crown Court"),
    "fr": ("Cour de cassation", "Cour d'appel", "Tribunal correctionnel", "Conseil d'État"),
    "es": ("Tribunal Supremo", "Audiencia Nacional", "Corte Suprema de Justicia", "Juzgado Penal"),
    "ru": ("Верховный суд", "Апелляционный суд", "Городской суд", "Районный суд"),
    "uk": ("Верховний Суд", "Апеляційний суд", "Районний суд", "Вищий антикорупційний суд"),
    "ar": ("محكمة النقض", "محكمة الاستئناف", "المحكمة العليا", "محكمة الجنايات"),
    "zh": ("最高人民法院", "高级人民法院", "中级人民法院", "基层人民法院"),
}
PUBLISHERS = (
    "UNODC",
    "Council of Europe",
    "OECD",
    "FATF",
    "Eurojust",
    "Europol",
    "INTERPOL",
    "World Bank (StAR)",
    "Ministry of Justice",
    "Office of the Prosecutor General",
)
IN_FORCE = {
    InForce.IN_FORCE: 70,
    InForce.PARTLY: 8,
    InForce.REPEALED: 12,
    InForce.NOT_YET: 3,
    InForce.UNKNOWN: 7,
}


@cache
def vocabulary(language: str) -> tuple[list[str], list[float]]:
    """The words of `language`, most frequent first, and their cumulative Zipf weights."""
    words = [
        w.strip()
        for w in (VOCABULARY / f"{language}.txt").read_text(encoding="utf-8").splitlines()
        if w.strip()
    ]
    weights = [1.0 / (rank**ZIPF_EXPONENT) for rank in range(1, len(words) + 1)]
    return words, list(itertools.accumulate(weights))


def _cumulative(weights) -> list[float]:
    return list(itertools.accumulate(weights))


class Generator:
    """Draws documents one after another from one seeded random stream."""

    def __init__(self, seed: int):
        self.rng = random.Random(seed)  # noqa: S311 (example data, not secrets)
        self.languages = list(LANGUAGES)
        self.language_weights = _cumulative(LANGUAGES.values())
        self.types = list(TYPES)
        self.type_weights = _cumulative(TYPES.values())
        self.state_weights = _cumulative(
            1.0 / (rank**STATE_SKEW) for rank in range(1, len(STATES) + 1)
        )
        self.crimes = list(CrimeType.values)
        self.cooperation = list(CooperationForm.values)
        self.kinds = list(PublicationKind.values)
        self.in_force = list(IN_FORCE)
        self.in_force_weights = _cumulative(IN_FORCE.values())
        years = range(FIRST_YEAR, LAST_YEAR + 1)
        self.years = list(years)
        # More recent years have more documents (three times as many in 2026 as in 1990).
        self.year_weights = _cumulative(
            1 + 2 * (y - FIRST_YEAR) / (LAST_YEAR - FIRST_YEAR) for y in years
        )

    def words(self, language: str, count: int) -> list[str]:
        words, weights = vocabulary(language)
        return self.rng.choices(words, cum_weights=weights, k=count)

    def sentences(self, language: str, count: int) -> str:
        """`count` words as sentences of 8–15 words."""
        drawn = self.words(language, count)
        out, at = [], 0
        while at < len(drawn):
            length = self.rng.randint(8, 15)
            out.append(_sentence(drawn[at : at + length], language))
            at += length
        return ("" if language == "zh" else " ").join(out)

    def title(self, language: str) -> str:
        words = self.words(language, self.rng.randint(5, 12))
        if language == "zh":
            return "".join(words)
        return _capitalised(" ".join(words))

    def state(self, language: str) -> str:
        local = LANGUAGE_STATES[language]
        if self.rng.random() < LOCAL_SHARE:
            return self.rng.choice(local)
        return self.rng.choices(STATES, cum_weights=self.state_weights)[0]

    def document(self, n: int) -> dict:
        rng = self.rng
        language = rng.choices(self.languages, cum_weights=self.language_weights)[0]
        kind = rng.choices(self.types, cum_weights=self.type_weights)[0]
        year = rng.choices(self.years, cum_weights=self.year_weights)[0]
        last_day = 334 if year == LAST_YEAR else 365  # no later than the end of November 2026
        date = datetime.date(year, 1, 1) + datetime.timedelta(days=rng.randrange(last_day))
        data = {
            "key": f"{KEY_PREFIX}{n}",
            "type": str(kind),
            "title": self.title(language),
            "country": self.state(language),
            "language": language,
            "date": date.isoformat(),
            "year": year,
            "source_name": SOURCE_NAME,
            "summary": self.sentences(language, rng.randint(25, 35)),
            "text": self.sentences(language, rng.randint(100, 115)),
            "crime_types": rng.sample(self.crimes, rng.choice((0, 1, 1, 1, 2, 2, 3))),
            "cooperation": rng.sample(self.cooperation, rng.choice((0, 1, 1, 2))),
            "instruments": rng.sample(INSTRUMENTS, rng.choice((0, 0, 1, 1, 2))),
            "access": str(Access.SIGNED_IN if rng.random() < SIGNED_IN_SHARE else Access.PUBLIC),
            "example": True,
        }
        number = rng.randint(1, 999)
        if kind == DocumentType.LEGISLATION:
            data["citation"] = LAW_CITATION[language].format(
                n=number, year=year, roman=rng.choice(("IV", "VII", "VIII", "IX"))
            )
            data["in_force"] = str(rng.choices(self.in_force, cum_weights=self.in_force_weights)[0])
        elif kind == DocumentType.CASE:
            data["court"] = rng.choice(COURTS[language])
            data["case_number"] = f"{rng.randint(1, 99_999)}/{year}"
        else:
            data["publisher"] = rng.choice(PUBLISHERS)
            data["kind"] = rng.choice(self.kinds)
        return data


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def _sentence(words: list[str], language: str) -> str:
    if language == "zh":
        return "".join(words) + "。"
    return _capitalised(" ".join(words)) + "."


def documents(count: int, *, seed: int = 1, start: int = 1):
    """`count` synthetic documents as import lines (dicts of schema.DocumentIn), keyed
    synthetic-<start>, synthetic-<start + 1>, …"""
    generator = Generator(seed)
    for n in range(start, start + count):
        yield generator.document(n)


def as_model(data: dict, countries: set[str]):
    """An unsaved Document for an import line made by `documents` (no validation needed: the
    generator only makes valid ones). A State not in the database is left out."""
    from comity.library.models import Document

    return Document(
        key=data["key"],
        type=data["type"],
        title=data["title"],
        country_id=data["country"] if data["country"] in countries else None,
        language=data["language"],
        date=datetime.date.fromisoformat(data["date"]),
        year=data["year"],
        source_name=data["source_name"],
        summary=data["summary"],
        text=data["text"],
        citation=data.get("citation", ""),
        in_force=data.get("in_force", ""),
        court=data.get("court", ""),
        case_number=data.get("case_number", ""),
        publication_kind=data.get("kind", ""),
        publisher=data.get("publisher", ""),
        crime_types=data["crime_types"],
        cooperation=data["cooperation"],
        instruments=data["instruments"],
        visibility=data["access"],
        example=True,
    )


def load(
    count: int,
    *,
    seed: int = 1,
    batch: int = 5000,
    index: bool = True,
    progress=None,
) -> dict:
    """Write `count` synthetic documents into the database, then rebuild the search index.

    Bulk inserts, one transaction per batch, and one audit entry (IMPORT) for the whole load. The
    keys continue after the synthetic documents already there. Returns what was done and how long
    each step took: {"documents", "first_key", "last_key", "load_s", "index_s"}; `index=False`
    leaves the index to the caller (index_s is then None). `progress(done)` after each batch.
    """
    from django.db import transaction

    from comity.audit.models import Action
    from comity.audit.services import record
    from comity.geo.models import Country
    from comity.library import indexing
    from comity.library.models import Document

    countries = set(Country.objects.values_list("iso3", flat=True))
    start = _next_number(Document)
    started = time.perf_counter()
    source = documents(count, seed=seed, start=start)
    done = 0
    while done < count:
        chunk = [as_model(data, countries) for data in itertools.islice(source, batch)]
        if not chunk:
            break
        with transaction.atomic():
            Document.objects.bulk_create(chunk, batch_size=batch)
        done += len(chunk)
        if progress:
            progress(done)
    first, last = f"{KEY_PREFIX}{start}", f"{KEY_PREFIX}{start + done - 1}"
    with transaction.atomic():
        record(
            actor=None,
            action=Action.IMPORT,
            object_type="library.document",
            object_repr=f"{done} synthetic documents (example data)",
            after={"synthetic": done, "seed": seed, "first": first, "last": last},
            note="Synthetic example data (comity library generate).",
        )
    load_s = time.perf_counter() - started
    index_s = None
    if index:
        started = time.perf_counter()
        indexing.reindex()
        index_s = time.perf_counter() - started
    return {
        "documents": done,
        "first_key": first,
        "last_key": last,
        "load_s": round(load_s, 3),
        "index_s": round(index_s, 3) if index_s is not None else None,
    }


def _next_number(model) -> int:
    """1, or one more than the highest synthetic-<n> key already in the library."""
    keys = model.objects.filter(key__startswith=KEY_PREFIX).values_list("key", flat=True)
    highest = 0
    for key in keys.iterator(chunk_size=10_000):
        number = key[len(KEY_PREFIX) :]
        if number.isdigit():
            highest = max(highest, int(number))
    return highest + 1
