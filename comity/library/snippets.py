"""Highlighted snippets: the passage of a document where the words of a query are, with each
matching word marked. Computed by comity for both engines, on the document's own text, with the
analysis the engines index (a word matches when its folded or stemmed form is one the query looks
for). Only the first SCAN characters of a text are read for a snippet."""

import re

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from comity.library import analysis

SCAN = 50_000
WINDOW = 32  # words in a snippet
_WORD = re.compile(r"\w+")


class Marker:
    """What to mark for one query: its term forms and prefixes."""

    def __init__(self, forms: set[str], prefixes: tuple[str, ...]):
        self.forms = forms
        self.prefixes = prefixes
        # A word can only match if its folded start is the start of a form or of a prefix.
        self.starts = {f[:2] for f in forms} | {p[:2] for p in prefixes}

    def __bool__(self):
        return bool(self.forms or self.prefixes)

    def matches(self, word: str, language: str) -> bool:
        for term, stem in analysis.analysed(word, language):
            if term in self.forms or stem in self.forms:
                return True
            if self.prefixes and term.startswith(self.prefixes):
                return True
        return False


def marked(text: str, marker: Marker, language: str, *, collapse: bool = True) -> SafeString:
    """All of `text` (a title, a whole text), escaped, with matching words marked; runs of white
    space become one space unless `collapse` is False."""
    return _render(text, list(_spans(text, marker, language)), 0, len(text), collapse=collapse)


def _spans(text: str, marker: Marker, language: str):
    if not marker:
        return
    for match in _WORD.finditer(text):
        word = match.group()
        if _cheap_reject(word, marker):
            continue
        if marker.matches(word, language):
            yield match.start(), match.end()


def _cheap_reject(word: str, marker: Marker) -> bool:
    head = word[:3].lower()
    if head.isascii():
        return head[:2] not in marker.starts
    return False


def snippet(text: str, marker: Marker, language: str, *, fallback_words: int = WINDOW):
    """The best passage of `text` around the query's words, marked; None when none matches."""
    head = text[:SCAN]
    spans = list(_spans(head, marker, language))
    if not spans:
        return None
    words = [(m.start(), m.end()) for m in _WORD.finditer(head)]
    starts = [s for s, _ in words]
    best_index, best_count = 0, -1
    hits = [_index_of(starts, s) for s, _ in spans]
    for i, first in enumerate(hits):
        count = sum(1 for h in hits[i:] if h < first + WINDOW)
        distinct = len({head[s:e].lower() for s, e in spans[i : i + count]})
        score = distinct * 100 + count
        if score > best_count:
            best_index, best_count = first, score
    start_word = max(0, best_index - 6)
    end_word = min(len(words), start_word + WINDOW)
    begin, end = words[start_word][0], words[end_word - 1][1]
    inside = [(s, e) for s, e in spans if begin <= s < end]
    out = _render(head, inside, begin, end)
    before = "… " if begin > 0 else ""
    after = " …" if end_word < len(words) or len(text) > SCAN else ""
    return mark_safe(before + out + after)


def _index_of(starts: list[int], position: int) -> int:
    from bisect import bisect_right

    return max(0, bisect_right(starts, position) - 1)


def _render(text: str, spans, begin: int, end: int, *, collapse: bool = True) -> SafeString:
    parts, at = [], begin
    for s, e in spans:
        parts.append(escape(text[at:s]))
        parts.append("<mark>" + escape(text[s:e]) + "</mark>")
        at = e
    parts.append(escape(text[at:end]))
    return mark_safe(" ".join("".join(parts).split()))


def opening(text: str, words: int = WINDOW) -> str:
    """The first words of `text`, for a result with nothing to mark."""
    found = list(_WORD.finditer(text[:SCAN]))
    if len(found) <= words:
        return " ".join(text.split())
    return " ".join(text[: found[words - 1].end()].split()) + " …"
