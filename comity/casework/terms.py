"""The searchable words of a case: names in any script, with or without diacritics, and references.

Every word is folded (case and accents removed, comity.directory.services.fold); a word in Cyrillic
is also kept in Latin letters, so "Kovalenko" finds "Коваленко" and "Müller" is found by "muller".
A search word matches the words that begin with it, found by an index range (term >= w and
term < w + U+FFFF), which works the same on SQLite and PostgreSQL.
"""

import re
import unicodedata

from comity.directory.services import fold

MAX_TERM = 64
_WORD = re.compile(r"\w+", re.UNICODE)
# Ukrainian and Russian letters in the Latin spelling of passports (simplified, one-to-one).
_CYRILLIC = {
    "а": "a", "б": "b", "в": "v", "г": "h", "ґ": "g", "д": "d", "е": "e", "є": "ie", "ж": "zh",
    "з": "z", "и": "y", "і": "i", "ї": "i", "й": "i", "к": "k", "л": "l", "м": "m", "н": "n",
    "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts",
    "ч": "ch", "ш": "sh", "щ": "shch", "ь": "", "ю": "iu", "я": "ia", "ё": "e", "ы": "y",
    "э": "e", "ъ": "",
}  # fmt: skip
# Russian г is g; Ukrainian г is h. Both spellings are kept for г.
_CYRILLIC_ALTERNATIVES = {"г": "g", "и": "i"}


def words(text: str) -> list[str]:
    return [w[:MAX_TERM] for w in _WORD.findall(fold(text or ""))]


def _latin(word: str, table: dict) -> str:
    return "".join(table.get(ch, ch) for ch in word)


def latin(word: str) -> str:
    """The word in Latin letters if it is written in Cyrillic; as it is otherwise."""
    return _latin(word, _CYRILLIC)[:MAX_TERM] if _is_cyrillic(word) else word


def _is_cyrillic(word: str) -> bool:
    return any("а" <= ch <= "я" or ch in "ґєіїё" for ch in word)


def spellings(word: str) -> set[str]:
    """The word and, if it is written in Cyrillic, its Latin spellings."""
    out = {word}
    if _is_cyrillic(word):
        out.add(_latin(word, _CYRILLIC)[:MAX_TERM])
        out.add(_latin(word, {**_CYRILLIC, **_CYRILLIC_ALTERNATIVES})[:MAX_TERM])
    return out


def terms_of(*texts: str) -> set[str]:
    """Every searchable word of `texts`, with its other spellings."""
    out: set[str] = set()
    for text in texts:
        for word in words(text):
            out |= spellings(word)
    return {t for t in out if t}


def query_words(query: str) -> list[str]:
    """The words of a search, each to be matched as the beginning of a term. A single letter of
    an alphabet is left out (it begins too many words to narrow anything); a single Chinese,
    Japanese or Korean character is a word (a surname)."""
    kept = [w for w in words(query) if len(w) > 1 or unicodedata.east_asian_width(w) in "WF"]
    return list(dict.fromkeys(kept))[:8]


def prefix_range(word: str) -> tuple[str, str]:
    return word, word + "\uffff"
