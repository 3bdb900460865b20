"""How text becomes the terms both search engines index, and a query the terms it looks for.

comity analyses text itself, once, so the embedded engine and PostgreSQL see exactly the same
terms and give the same results:

1. **fold**: Unicode compatibility forms, case and diacritics are removed ("Résumé" → "resume",
   Arabic vowel marks and hamza seats, tatweel; "ё" → "е", "ї" → "і"), but "й" stays "й";
   Arabic alef forms become a bare alef and alef maqsura a ya.
2. **split**: words are runs of letters and digits. Chinese, Japanese and Korean text has no
   spaces, so each run of those characters becomes its overlapping pairs of characters (bigrams),
   a single character staying alone.
3. **stem**: a word is reduced to its stem with the Snowball stemmer of the document's language
   for English, French, Spanish, Russian and Arabic. Other languages (Ukrainian, Chinese, and any
   other) are searched on their folded words.

A query word is looked for in every form a document could hold it: folded but unstemmed, and
stemmed by each stemmed language written in the word's script.
"""

import re
import unicodedata
from functools import cache, lru_cache

import Stemmer

STEMMERS = {"en": "english", "fr": "french", "es": "spanish", "ru": "russian", "ar": "arabic"}
# The stemmed languages written in each script, for the forms of a query word.
SCRIPT_LANGUAGES = {"latin": ("en", "fr", "es"), "cyrillic": ("ru",), "arabic": ("ar",)}

_WORD = re.compile(r"\w+")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]+")
_ARABIC = str.maketrans({"\u0640": None, "\u0649": "\u064a"})  # tatweel; alef maqsura -> ya
_KEEP_MARK = "\u0306"  # the breve of Cyrillic й


def fold(text: str) -> str:
    """Lower case without diacritics (see the module's notes)."""
    decomposed = unicodedata.normalize("NFKD", text)
    kept = []
    previous = ""
    for char in decomposed:
        if unicodedata.category(char) == "Mn":
            if char == _KEEP_MARK and previous in "иИ":
                kept.append(char)
            continue
        kept.append(char)
        previous = char
    return unicodedata.normalize("NFC", "".join(kept)).casefold().translate(_ARABIC)


@cache
def _stemmer(language: str):
    return Stemmer.Stemmer(STEMMERS[language], 20000)


def stems(words: list[str], language: str) -> list[str]:
    if language in STEMMERS:
        return _stemmer(language).stemWords(words)
    return words


def words(text: str) -> list[str]:
    """The folded words of `text`, CJK runs cut into bigrams."""
    out = []
    for word in _WORD.findall(fold(text)):
        if _CJK.search(word):
            out.extend(_cjk_split(word))
        else:
            out.append(word)
    return out


def _cjk_split(word: str) -> list[str]:
    out = []
    at = 0
    for run in _CJK.finditer(word):
        if run.start() > at:
            out.append(word[at : run.start()])
        out.extend(bigrams(run.group()))
        at = run.end()
    if at < len(word):
        out.append(word[at:])
    return out


def bigrams(run: str) -> list[str]:
    if len(run) < 2:
        return [run]
    return [run[i : i + 2] for i in range(len(run) - 1)]


def terms(text: str, language: str) -> list[str]:
    """What a document's text is indexed as: its words, stemmed in its language, in order."""
    if not text:
        return []
    return stems(words(text), base_language(language))


@lru_cache(maxsize=50_000)
def analysed(word: str, language: str) -> tuple[tuple[str, str], ...]:
    """(term, stem) for each term of one word of a text in `language`: what a snippet compares
    with the query's forms. Kept for the most recent words (text repeats its words)."""
    found = words(word)
    return tuple(zip(found, stems(found, base_language(language)), strict=True))


def base_language(language: str) -> str:
    return (language or "").split("-")[0].lower()


def script(word: str) -> str:
    for char in word:
        if char.isdigit():
            continue
        name = unicodedata.name(char, "")
        if name.startswith("CYRILLIC"):
            return "cyrillic"
        if name.startswith("ARABIC"):
            return "arabic"
        if name.startswith("LATIN"):
            return "latin"
        return "other"
    return "digits"


@lru_cache(maxsize=4096)
def forms(word: str) -> tuple[str, ...]:
    """The terms a folded query word may be indexed as, the unstemmed form first."""
    found = [word]
    for language in SCRIPT_LANGUAGES.get(script(word), ()):
        stem = _stemmer(language).stemWord(word)
        if stem not in found:
            found.append(stem)
    return tuple(found)


def languages_for(word: str) -> tuple[str, ...]:
    """ "" (unstemmed) and the stemmed languages in the word's script, in the order of forms()."""
    return ("", *SCRIPT_LANGUAGES.get(script(word), ()))
