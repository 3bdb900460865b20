"""The query mixes of the load benchmarks: thousands of distinct questions, as users ask them.

A mix that repeats a few dozen questions measures the answer cache, not the search: after the
warm-up every answer is kept. These mixes draw each question from realistic parameters (States,
competences, instruments, languages, channels, kinds, words in several scripts and parts of words,
pages further down the list) with a seeded generator, and keep drawing until `count` distinct
questions exist. The benchmarks measure with one seed; the comparison test
(tests/directory/test_finder.py) and profiling use others, so nothing is tuned on the measured mix.
"""

from __future__ import annotations

import datetime
import random
from urllib.parse import urlencode

import synthetic

COMPETENCES = [
    "mla",
    "extradition",
    "transfer_sentenced",
    "transfer_proceedings",
    "confiscation",
    "asset_recovery",
    "preservation_24_7",
    "migrant_smuggling_sea",
    "firearms",
    "witness_protection",
    "fiu",
    "police",
]
KINDS = [
    "central_authority",
    "prosecution",
    "court",
    "ministry",
    "police",
    "fiu",
    "contact_point_24_7",
    "asset_recovery_office",
    "other",
]
CHANNELS = ["direct", "diplomatic", "interpol", "email", "post", "electronic_platform"]
LANGUAGES = [*synthetic.COMMON_LANGUAGES, "uk", "it", "ja", "ko", "sw", "ha", "tr", "fa"]
# Instrument codes people filter by, with some that no entry lists.
INSTRUMENTS = [*synthetic.INSTRUMENTS, "ETS-182", "CETS-224", "SADC-MLA-2002"]
# What people type: whole words of the entries in five scripts, accented or not, parts of words,
# e-mail fragments, and words no entry has.
_PHRASES = [
    *synthetic.LATIN_ADJ,
    *synthetic.LATIN_OFFICE,
    *synthetic.FRENCH_OFFICE,
    *synthetic.SPANISH_OFFICE,
    *synthetic.CYRILLIC_ADJ,
    *synthetic.CYRILLIC_OFFICE,
    *synthetic.ARABIC_OFFICE,
    *synthetic.CHINESE_OFFICE,
    *synthetic.CITIES,
    *synthetic.STREETS,
]
_MISSES = ["zanzibarique", "qwertz", "Ωμέγα", "東京地方検察庁", "xylophone", "مرفأ", "Жмеринка"]


def words() -> list[str]:
    """Every whole word of the vocabulary (at least two characters)."""
    found = {w.strip(".,()") for phrase in _PHRASES for w in phrase.split()}
    return sorted(w for w in found if len(w) >= 2)


def _free_text(rng: random.Random, vocabulary: list[str]) -> str:
    roll = rng.random()
    word = rng.choice(vocabulary)
    if roll < 0.45:
        return word
    if roll < 0.65:  # the start or the middle of a word, as typed into a search box
        size = rng.randint(3, max(3, min(7, len(word))))
        start = rng.randint(0, max(0, len(word) - size)) if rng.random() < 0.4 else 0
        return word[start : start + size]
    if roll < 0.8:  # two words
        return f"{word} {rng.choice(vocabulary)}"
    if roll < 0.88:
        return f"office{rng.randint(1, 20_000)}"
    if roll < 0.94:
        return word.lower() if rng.random() < 0.5 else word.upper()
    return rng.choice(_MISSES)


def directory_query(rng: random.Random, countries: list[str], vocabulary: list[str]) -> dict:
    """One directory search, as its query parameters."""
    q: dict = {}
    roll = rng.random()
    if roll < 0.30:
        q["country"] = rng.choice(countries)
        if rng.random() < 0.4:
            q["kind"] = rng.choice(KINDS)
    elif roll < 0.50:
        q["country"] = rng.choice(countries)
        q["competence"] = rng.choice(COMPETENCES)
        if rng.random() < 0.3:
            q["language"] = rng.choice(LANGUAGES)
    elif roll < 0.65:
        q["competence"] = rng.choice(COMPETENCES)
        for name, values in (
            ("instrument", INSTRUMENTS),
            ("language", LANGUAGES),
            ("channel", CHANNELS),
        ):
            if rng.random() < 0.6:
                q[name] = rng.choice(values)
    elif roll < 0.90:
        q["q"] = _free_text(rng, vocabulary)
        extra = rng.random()
        if extra < 0.25:
            q["country"] = rng.choice(countries)
        elif extra < 0.40:
            q["kind"] = rng.choice(KINDS)
        elif extra < 0.50:
            q["competence"] = rng.choice(COMPETENCES)
    elif roll < 0.95:
        name, values = ("kind", KINDS) if rng.random() < 0.6 else ("channel", CHANNELS)
        q[name] = rng.choice(values)
    else:
        q["stale"] = "true"
        if rng.random() < 0.7:
            q["country"] = rng.choice(countries)
    if rng.random() < 0.3:
        q["limit"] = rng.choice([10, 25, 100])
    if rng.random() < 0.2:
        q["offset"] = rng.choice([10, 25, 50, 100, 200, 500, 1000, 2500])
    return q


def directory_paths(countries: list[str], *, count: int, seed: int) -> list[str]:
    """`count` distinct directory searches as /api/v1/authorities paths."""
    rng = random.Random(seed)
    vocabulary = words()
    return _distinct(
        lambda: directory_query(rng, countries, vocabulary), "/api/v1/authorities", count
    )


REQUEST_KINDS = [
    "mla",
    "extradition",
    "provisional_arrest",
    "transfer_sentenced",
    "transfer_proceedings",
    "confiscation",
    "preservation",
    "jit",
]
OFFENCES = [
    "participation_ocg",
    "money_laundering",
    "corruption",
    "obstruction_of_justice",
    "drug_trafficking",
    "trafficking_in_persons",
    "migrant_smuggling",
    "firearms_trafficking",
    "cybercrime",
    "fraud",
    "terrorism",
    "other_serious",
    "other",
]


def legal_basis_query(rng: random.Random, states: list[str]) -> dict:
    """One legal-basis question: two different States, a kind, often an offence, sometimes a day."""
    requesting, requested = rng.sample(states, 2)
    q = {"requesting": requesting, "requested": requested}
    q["kind"] = rng.choices(REQUEST_KINDS, weights=[40, 20, 6, 6, 4, 12, 8, 4])[0]
    if rng.random() < 0.6:
        q["offence"] = rng.choice(OFFENCES)
    if rng.random() < 0.15:
        day = datetime.date(2003, 1, 1) + datetime.timedelta(days=rng.randint(0, 8400))
        q["date"] = day.isoformat()
    return q


def legal_basis_paths(states: list[str], *, count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    return _distinct(lambda: legal_basis_query(rng, states), "/api/v1/legal-basis", count)


def _distinct(draw, endpoint: str, count: int) -> list[str]:
    seen: dict[str, None] = {}
    for _ in range(count * 50):
        seen.setdefault(f"{endpoint}?{urlencode(draw())}", None)
        if len(seen) == count:
            return list(seen)
    raise SystemExit(f"only {len(seen)} distinct queries could be drawn for {endpoint}")


# --- The case register ------------------------------------------------------------------------
CASE_STATUSES = [
    "sent", "acknowledged", "information_requested", "in_execution", "partially_executed",
    "received", "registered", "under_review", "forwarded", "postponed", "executed", "returned",
    "refused", "closed",
]  # fmt: skip
CASE_MISSES = ["Zanzibarov", "Qwertz", "Ωμέγα", "渡边", "هاشمي", "Жмеринко", "Xylophon"]


def _plain(word: str) -> str:
    """The word without its diacritics, as typed on a keyboard without them."""
    import unicodedata

    return (
        "".join(ch for ch in unicodedata.normalize("NFKD", word) if not unicodedata.combining(ch))
        .replace("ł", "l")
        .replace("Ł", "L")
        .replace("ø", "o")
        .replace("ı", "i")
        .replace("đ", "d")
    )


def _transliterated(word: str) -> str:
    from comity.casework.terms import spellings

    latin = sorted(s for s in spellings(word.casefold()) if s.isascii())
    return latin[0].capitalize() if latin else word


def case_name_query(rng: random.Random) -> tuple[str, str]:
    """A name as an officer types it: (how, text). In every script, with and without diacritics,
    a Latin spelling of a Cyrillic name, the start of a name, a whole name, a name nobody has."""
    import case_synthetic as cs

    roll = rng.random()
    if roll < 0.16:
        first, last = cs.LATIN_DIACRITICS
        return "latin_diacritics", rng.choice(last + first)
    if roll < 0.30:
        first, last = cs.LATIN_DIACRITICS
        return "latin_without_diacritics", _plain(rng.choice(last + first))
    if roll < 0.40:
        return "latin", rng.choice(cs.LATIN_PLAIN[1])
    if roll < 0.52:
        return "cyrillic", rng.choice(cs.CYRILLIC[1] + cs.CYRILLIC[0])
    if roll < 0.62:
        return "transliterated", _transliterated(rng.choice(cs.CYRILLIC[1]))
    if roll < 0.70:
        return "arabic", rng.choice(cs.ARABIC[1] + cs.ARABIC[0])
    if roll < 0.77:
        first, last = cs.CHINESE
        return "chinese", rng.choice(last) + (rng.choice(first) if rng.random() < 0.7 else "")
    if roll < 0.88:
        first, last = cs.SCRIPTS[rng.choice(list(cs.SCRIPTS))]
        word = rng.choice(last).split()[0]
        return "prefix", word[: rng.randint(min(3, len(word)), max(3, min(6, len(word))))]
    if roll < 0.97:
        name = rng.choice(list(cs.SCRIPTS))
        first, last = cs.SCRIPTS[name]
        if name == "chinese":
            return "whole_name", rng.choice(last) + rng.choice(first)
        return "whole_name", f"{rng.choice(first)} {rng.choice(last)}"
    return "miss", rng.choice(CASE_MISSES)


def _page(rng: random.Random, q: dict) -> dict:
    if rng.random() < 0.3:
        q["limit"] = rng.choice([10, 25, 50, 100])
    if rng.random() < 0.3:
        q["offset"] = rng.choice([25, 50, 75, 100, 150, 200, 250, 500])
    return q


def case_search_paths(*, count: int, seed: int) -> list[str]:
    """`count` distinct searches of the register by a person's name (GET /api/v1/cases?q=)."""
    rng = random.Random(seed)

    def draw() -> dict:
        q = {"q": case_name_query(rng)[1]}
        if rng.random() < 0.15:
            q["direction"] = rng.choice(["incoming", "outgoing"])
        return _page(rng, q) if rng.random() < 0.3 else q

    return _distinct(draw, "/api/v1/cases", count)


def case_list_paths(states: list[str], *, count: int, seed: int) -> list[str]:
    """`count` distinct register lists: filters by direction, state, kind, State, priority,
    open cases only, pages further down."""
    rng = random.Random(seed)

    def draw() -> dict:
        q: dict = {}
        if rng.random() < 0.4:
            q["direction"] = rng.choice(["incoming", "outgoing"])
        if rng.random() < 0.3:
            q["status"] = rng.choice(CASE_STATUSES)
        if rng.random() < 0.3:
            q["kind"] = rng.choice(REQUEST_KINDS)
        if rng.random() < 0.3:
            q["counterpart_state"] = rng.choice(states)
        if rng.random() < 0.1:
            q["priority"] = rng.choice(["urgent", "high", "low"])
        if rng.random() < 0.3:
            q["open"] = "true"
        return _page(rng, q)

    return _distinct(draw, "/api/v1/cases", count)


def case_overdue_paths(*, count: int, seed: int) -> list[str]:
    """Pages of the overdue list, most often the first ones."""
    rng = random.Random(seed)

    def draw() -> dict:
        limit = rng.choice([10, 25, 50, 100])
        page = 0 if rng.random() < 0.4 else rng.randint(1, 10 if rng.random() < 0.8 else 60)
        return {"limit": limit, "offset": page * limit}

    return _distinct(draw, "/api/v1/cases/overdue", count)


def case_stats_paths(*, count: int, seed: int, years: int = 5) -> list[str]:
    """Statistics over periods of a month to five years, grouped by kind, State or status."""
    rng = random.Random(seed)
    today = datetime.date.today()

    def draw() -> dict:
        days = rng.choice([30, 91, 182, 365, 730, years * 365])
        end = today - datetime.timedelta(days=rng.randint(0, years * 365 - days))
        start = end - datetime.timedelta(days=days)
        group = rng.choice(["kind", "country", "status"])
        return {"from": start.isoformat(), "to": end.isoformat(), "group_by": group}

    return _distinct(draw, "/api/v1/cases/stats", count)


# --- The informal channel (liaison) -----------------------------------------------------------
LIAISON_MISSES = [
    "Zanzibarov Qwertz", "Ωμέγα Παπαδόπουλος", "渡边一郎", "هاشمي رفسنجاني", "Жмеринко Остап",
    "Xylophon Trading Ltd 9999", "+1 555 010 9999",
]  # fmt: skip


def _account_spelling(rng: random.Random, value: str) -> tuple[str, str]:
    compact = value.replace(" ", "")
    roll = rng.random()
    if roll < 0.3:
        return "account_grouped", value
    if roll < 0.55:
        return "account_compact", compact
    if roll < 0.75:
        return "account_lower", compact.lower() if rng.random() < 0.5 else value.lower()
    if roll < 0.9:
        return "account_dashes", "-".join(compact[i : i + 4] for i in range(0, len(compact), 4))
    return "account_spaced", "  ".join(value.split(" ")) + " "


def _name_spelling(rng: random.Random, value: str) -> tuple[str, str]:
    script = (
        "latin"
        if value.isascii()
        else "cyrillic"
        if any("Ѐ" <= ch <= "ӿ" for ch in value)
        else "arabic"
        if any("؀" <= ch <= "ۿ" for ch in value)
        else "chinese"
        if any("一" <= ch <= "鿿" for ch in value)
        else "latin_diacritics"
    )
    roll = rng.random()
    if roll < 0.4 or value.lower() == value.upper():  # as written; or a script without case
        return f"name_{script}", value
    if roll < 0.55:
        return "name_lower", value.lower()
    if roll < 0.65:
        return "name_upper", value.upper()
    if roll < 0.8 and script == "latin_diacritics":
        return "name_without_diacritics", _plain(value)
    if roll < 0.9 and " " in value:
        return "name_extra_spaces", "  " + value.replace(" ", "   ")
    return f"name_{script}", value


def liaison_search_query(rng: random.Random, seed: int) -> tuple[str, str]:
    """A value as an officer types it into the search box: (how, text). Accounts with and without
    their spaces, in lower case, with dashes; names in five scripts as written, in lower and upper
    case, without diacritics, with extra spaces; companies, telephone numbers, number plates; the
    most frequent values (thousands of messages), rare ones, and values no message is about."""
    import liaison_synthetic as ls

    roll = rng.random()
    kind = (
        "account"
        if roll < 0.3
        else "person"
        if roll < 0.6
        else "company"
        if roll < 0.72
        else "phone"
        if roll < 0.8
        else "vehicle"
        if roll < 0.85
        else "miss"
    )
    if kind == "miss":
        if rng.random() < 0.5:
            return "miss", ls._iban(random.Random(rng.random()))
        return "miss", rng.choice(LIAISON_MISSES)
    values, cumulative = ls.pools(seed)[kind]
    # Half as often as the messages mention them (the frequent ones most), half any value.
    if rng.random() < 0.5:
        value = rng.choices(values, cum_weights=cumulative)[0]
    else:
        value = rng.choice(values)
    if kind == "account":
        return _account_spelling(rng, value)
    if kind == "person":
        if rng.random() < 0.05 and " " in value:
            return "name_reversed_miss", " ".join(reversed(value.split(" ")))
        return _name_spelling(rng, value)
    if kind == "phone":
        compact = value.replace(" ", "")
        return rng.choice(
            [
                ("phone", value),
                ("phone_compact", compact),
                ("phone_dashes", value.replace(" ", "-")),
            ]
        )
    if kind == "company":
        return ("company", value) if rng.random() < 0.7 else ("company_lower", value.lower())
    return "vehicle", value if rng.random() < 0.6 else value.replace(" ", "").replace("-", "")


def liaison_searches(*, count: int, seed: int, data_seed: int) -> dict[str, str]:
    """`count` distinct inbox searches (GET /api/v1/messages?box=inbox&q=) with the kind of each
    value, drawn from the pools of the synthetic messages of `data_seed`; some ask for the second
    page or a shorter one."""
    rng = random.Random(seed)
    found: dict[str, str] = {}
    for _ in range(count * 50):
        how, text = liaison_search_query(rng, data_seed)
        q = {"box": "inbox", "q": text}
        if rng.random() < 0.1:
            q["offset"] = rng.choice([50, 100])
        elif rng.random() < 0.1:
            q["limit"] = rng.choice([10, 25])
        found.setdefault(f"/api/v1/messages?{urlencode(q)}", how)
        if len(found) == count:
            return found
    raise SystemExit(f"only {len(found)} distinct liaison searches could be drawn")


def liaison_inbox_paths(*, count: int, seed: int) -> list[str]:
    """Pages of the inbox, newest first: mostly the first ones, a few far down."""
    rng = random.Random(seed)

    def draw() -> dict:
        limit = rng.choices([50, 25, 100], weights=[70, 15, 15])[0]
        roll = rng.random()
        page = (
            0
            if roll < 0.4
            else rng.randint(1, 5)
            if roll < 0.8
            else rng.randint(6, 40)
            if roll < 0.97
            else rng.randint(41, 200)
        )
        q = {"box": "inbox", "offset": page * limit}
        if limit != 50:
            q["limit"] = limit
        return q

    return _distinct(draw, "/api/v1/messages", count)
