"""Definition questions: "X là gì?", "Thế nào là X?", "Khái niệm X" ask for the sentence "X là …".

A law defines its terms in a clause of their own ("3. Quy tắc ứng xử là các chuẩn mực …", often in
an article "Giải thích từ ngữ"). Such a clause shares one or two words with the question and loses to
any passage that repeats them ("Quy tắc ứng xử của viên chức" is named in many articles), yet its
shape is unmistakable: it opens with the asked term followed by "là". The library is asked for the
units that hold "<term> là" in a row, and those opening with it come first.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from chidao.core.model import Filters, Hit, Unit
from chidao.core.text import folded_words, last_clause
from qa.corpus import LibraryIndex

# Definition questions, folded: "X là gì", "X được hiểu là gì", "X nghĩa là gì" (what is X),
# "thế nào là X", "thế nào được gọi là X" (what counts as X), "khái niệm X", "định nghĩa X"
# (the concept / definition of X), with "về" / "của" (of) after them.
_ASKS = (
    re.compile(r"^(?P<term>.+?) (?:duoc hieu |nghia |duoc goi )?la gi$"),
    re.compile(r"^the nao (?:duoc goi |duoc hieu )?la (?P<term>.+)$"),
    re.compile(r"^(?:khai niem|dinh nghia)(?: (?:ve|cua))? (?P<term>.+)$"),
)
# The head of a term asked with a qualifier: "hợp đồng làm việc của viên chức" is defined as
# "Hợp đồng làm việc là …"; "của" (of), "trong" (in), "theo" (under), "đối với" (for) start one.
_QUALIFIER = re.compile(r" (?:cua|trong|theo|doi voi) ")
# A term of one syllable ("phim", "đất") opens too many sentences with "là" to point at a definition.
MIN_TERM_SYLLABLES = 2
# How many defining units go first: one term may be defined in a few laws.
DEFINITIONS_FIRST = 3
# A clause or point number before the defining sentence: "3. ", "a) ".
_ENUMERATOR = re.compile(r"^\s*(?:\d+|[a-zđ])[.)]\s*")


def defined_terms(question: str) -> tuple[str, ...]:
    """The folded terms a definition question asks for, whole and without their qualifier; () when
    the question asks for no definition. "Hợp đồng làm việc của viên chức là gì?" →
    ("hop dong lam viec cua vien chuc", "hop dong lam viec")."""
    # What a question says before its term ("theo quy định của pháp luật, …" = under the law) is
    # left out: the last part of a question split at commas holds it.
    text = last_clause(question)
    for pattern in _ASKS:
        match = pattern.match(text)
        if match:
            term = match.group("term")
            head = _QUALIFIER.split(f" {term} ")[0].strip()
            found = (term, head) if head != term else (term,)
            return tuple(t for t in found if len(t.split()) >= MIN_TERM_SYLLABLES)
    return ()


def defines(unit: Unit, terms: Sequence[str]) -> bool:
    """True when the unit's text opens (after its clause or point number) with "<term> là"."""
    opening = folded_words(_ENUMERATOR.sub("", unit.text, count=1)[:200])
    return any(opening.startswith(f" {t} la ") for t in terms)


def defining_hits(
    terms: Sequence[str], hits: Sequence[Hit], lib: LibraryIndex, filters: Filters
) -> list[Hit]:
    """The units defining one of the terms: those among the hits in their order, then the library's
    others in reading order; at most DEFINITIONS_FIRST."""
    if not terms:
        return []
    found = [h for h in hits if defines(h.unit, terms)]
    seen = {(h.document.id, h.unit.ordinal) for h in found}
    score = hits[0].score if hits else 0.0
    for unit in lib.units_with_phrases([f"{t} là" for t in terms]):
        document = lib.documents.get(unit.doc_id)
        key = (unit.doc_id, unit.ordinal)
        if document is not None and key not in seen and filters.allows(document) and defines(unit, terms):
            seen.add(key)
            found.append(Hit(unit=unit, document=document, score=score))
    return found[:DEFINITIONS_FIRST]
