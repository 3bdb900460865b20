"""What a researcher types into the search box, and what it means.

    money laundering          documents with both words (in any form the stemmer joins)
    "bank records"            the words next to each other, in this order
    launder*                  words beginning with "launder" (at least three letters before *)
    -terrorism  -"joint team" documents without the word or the phrase

Words are joined by AND, as in most legal research tools. Quotes that are never closed run to
the end of the query. Chinese text is searched as its pairs of characters, in order, so "洗钱罪"
finds the phrase 洗钱 钱罪.
"""

import re
from dataclasses import dataclass, field

from comity.library import analysis

MIN_PREFIX = 3
MAX_CLAUSES = 12

_TOKEN = re.compile(r'(-?)"([^"]*)"?|(-?)(\S+)')


@dataclass(frozen=True)
class Clause:
    """One thing to look for: a word, a phrase (two or more words in order) or a prefix."""

    words: tuple[str, ...]  # folded
    prefix: bool = False
    negated: bool = False

    @property
    def is_phrase(self) -> bool:
        return len(self.words) > 1


@dataclass(frozen=True)
class Query:
    clauses: tuple[Clause, ...] = field(default_factory=tuple)

    @property
    def empty(self) -> bool:
        return not any(not c.negated for c in self.clauses)

    def positive(self) -> list[Clause]:
        return [c for c in self.clauses if not c.negated]

    def highlight_forms(self) -> tuple[set[str], tuple[str, ...]]:
        """(terms, prefixes) a snippet should mark, unstemmed and stemmed."""
        found, prefixes = set(), []
        for clause in self.positive():
            if clause.prefix:
                prefixes.append(clause.words[0])
                continue
            for word in clause.words:
                found.update(analysis.forms(word))
        return found, tuple(prefixes)


def parse(text: str) -> Query:
    """The clauses of `text`; punctuation alone and words of only symbols are dropped."""
    clauses = []
    for match in _TOKEN.finditer(text or ""):
        quoted_neg, quoted, neg, bare = match.groups()
        negated = bool(quoted_neg or neg)
        if quoted is not None:
            clause = _clause(analysis.words(quoted), negated=negated)
        elif bare.endswith("*") and len(bare.rstrip("*")) >= MIN_PREFIX:
            words = analysis.words(bare.rstrip("*"))
            if len(words) == 1:
                clause = Clause((words[0],), prefix=True, negated=negated)
            else:
                clause = _clause(words, negated=negated)
        else:
            clause = _clause(analysis.words(bare), negated=negated)
        if clause is not None and clause not in clauses:
            clauses.append(clause)
        if len(clauses) >= MAX_CLAUSES:
            break
    return Query(tuple(clauses))


def _clause(words: list[str], *, negated: bool) -> Clause | None:
    if not words:
        return None
    return Clause(tuple(words), negated=negated)


def phrase_forms(words: tuple[str, ...]) -> list[tuple[str, ...]]:
    """The sequences of terms a phrase may be indexed as: unstemmed, and stemmed by each language
    of its script (a document is stemmed in one language, so a phrase is too)."""
    seen: list[tuple[str, ...]] = []
    for language in analysis.languages_for(words[0]):
        terms = tuple(analysis.stems(list(words), language) if language else words)
        if terms not in seen:
            seen.append(terms)
    return seen
