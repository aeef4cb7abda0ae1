"""Sentences of a unit, their overlap with a question, and the character spans to highlight."""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping, Sequence

from chidao.core.text import bigrams_of, syllables

# Sentence and clause ends: ". " "; " "? " "! " and ": " before a list; a line break starts a new
# clause only before a list marker ("- ", "+ ", "a) ", "2. ") or a table cell separator " | ".
_BREAK = re.compile(r"(?<=[.;!?:])\s+|\s*\|\s*|\n+(?=\s*(?:[-+•*]|[a-zđ]\)|\d+\.)\s)")
# List markers and Markdown emphasis that open a sentence but are not part of it.
_LEAD = re.compile(r"(?:[-+•*#>]+\s*|[a-zđ]\)\s+|\d+(?:\.\d+)*\.\s+|[IVXLC]+\.\s+)+")
_LINE_LEAD = re.compile(r"(?m)^[ \t*_]*(?:\d+(?:\.\d+)*\.|[IVXLC]+\.|[a-zđ]\))\s")
_TRAIL = " \t\n*_,.;:"
# Share of the best sentence's score another sentence needs to be highlighted as well.
SECOND_SPAN_RATIO = 0.8
# Weight of syllable coverage against bigram coverage in `overlap`.
SYLLABLE_WEIGHT = 0.6


def split_sentences(text: str) -> list[tuple[int, int]]:
    """[start, end) spans of the sentences/clauses of `text`, trimmed of list markers and spaces."""
    spans: list[tuple[int, int]] = []
    pos = 0
    # The dot of a list marker at a line start ("3. ", "II. ") ends no sentence.
    markers = [m.span() for m in _LINE_LEAD.finditer(text)]
    breaks = [m for m in _BREAK.finditer(text) if not any(a <= m.start() < b for a, b in markers)]
    for match in [*breaks, None]:
        end = match.start() if match else len(text)
        start = pos
        while start < end and text[start] in " \t\n*_":
            start += 1
        lead = _LEAD.match(text, start, end)
        if lead:
            start = lead.end()
        while end > start and text[end - 1] in _TRAIL:
            end -= 1
        if end > start and re.search(r"\w", text[start:end]):
            spans.append((start, end))
        pos = match.end() if match else len(text)
    return spans


def idf_table(texts: Iterable[str]) -> dict[str, float]:
    """Smoothed inverse document frequency of every folded syllable over `texts` (one text per unit)."""
    df: dict[str, int] = {}
    n = 0
    for text in texts:
        n += 1
        for word in set(syllables(text)):
            df[word] = df.get(word, 0) + 1
    return {w: math.log(1 + n / c) for w, c in df.items()} | {"": math.log(1 + n)}


def overlap(
    terms: Sequence[str], bigrams: Sequence[str], text: str, idf: Mapping[str, float] | None = None
) -> float:
    """How much of a question's content `text` covers, in [0, 1]: idf-weighted syllables plus bigrams."""
    if not terms:
        return 0.0
    words = syllables(text)
    have = set(words)
    default = (idf or {}).get("", 1.0)
    weight = {t: (idf.get(t, default) if idf else 1.0) for t in terms}
    total = sum(weight.values()) or 1.0
    syllable_score = sum(w for t, w in weight.items() if t in have) / total
    if not bigrams:
        return syllable_score
    pairs = bigrams_of(words)
    bigram_score = sum(1 for b in bigrams if b in pairs) / len(bigrams)
    return SYLLABLE_WEIGHT * syllable_score + (1 - SYLLABLE_WEIGHT) * bigram_score


def highlight(
    text: str,
    terms: Sequence[str],
    bigrams: Sequence[str] = (),
    idf: Mapping[str, float] | None = None,
    max_spans: int = 2,
) -> tuple[tuple[int, int], ...]:
    """Spans of the sentence(s) of `text` that best match the question terms, in text order.

    The best sentence always, others scoring at least SECOND_SPAN_RATIO of it (up to `max_spans`);
    nothing when no sentence shares a content syllable with the question.
    """
    scored = [(overlap(terms, bigrams, text[s:e], idf), (s, e)) for s, e in split_sentences(text)]
    scored = [x for x in scored if x[0] > 0]
    if not scored:
        return ()
    scored.sort(key=lambda x: -x[0])
    best = scored[0][0]
    chosen = [span for score, span in scored[:max_spans] if score >= SECOND_SPAN_RATIO * best]
    return tuple(sorted(chosen))
