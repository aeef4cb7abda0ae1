"""Questions about a titled provision: "X được quy định như thế nào?", "Quy định về X" ask for the
article (or section) titled X.

People name a provision by its title ("Vị trí việc làm của viên chức được quy định như thế nào?" asks
for "Điều 7. Vị trí việc làm"), while the passages that repeat the title's words with more of the
question's ("Điều 32. Thay đổi vị trí việc làm") outrank it. A division whose title is exactly the
asked term, or the term without its qualifier, is what the question names: its parts come first.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from chidao.core.model import Filters, Hit, Unit
from chidao.core.text import last_clause, syllables
from qa.corpus import LibraryIndex

# "X (đã / sẽ) được quy định như thế nào / ra sao" (how is X regulated), "quy định (pháp luật) về X"
# (the rules on X), folded.
_ASKS = (
    re.compile(
        r"^(?P<term>.+?) (?:da |se )?(?:duoc |bi )?(?:quy dinh|huong dan) (?:nhu the nao|ra sao|the nao)$"
    ),
    re.compile(r"^quy dinh (?:phap luat )?(?:ve|cua|doi voi) (?P<term>.+)$"),
)
# A qualifier ends a shorter form of the term: "vị trí việc làm của viên chức" → "vị trí việc làm";
# "trách nhiệm của gia đình trong giáo dục" → "trách nhiệm của gia đình" → "trách nhiệm".
_QUALIFIER = re.compile(r" (?:cua|trong|theo|doi voi|tu|tai|ve|cho) ")
# A title of one syllable ("Khen thưởng" has two) names too little to stand for a question.
MIN_TITLE_SYLLABLES = 2
# How many titled divisions go first (one title may recur in a few laws).
TITLED_FIRST = 2
# The number of a division before its title: "Điều 7.", "Chương II", "Mục 2.", "II.", "3.", "## ".
_NUMBER = re.compile(
    r"^\s*(?:#+\s*)?(?:(?:điều|chương|mục|phần thứ)\s+\w+|[IVXLC]+|\d+(?:\.\d+)*)\s*[.:)]?\s*", re.IGNORECASE
)
# Divisions of a text, which carry a title: "Phần thứ …", "Chương …", "Mục …", "Điều …", a heading.
DIVISIONS = frozenset({"part", "chapter", "section", "article", "heading"})


def titled_terms(question: str) -> tuple[str, ...]:
    """The folded forms of the provision title a question names, longest first; () for none.
    "Vị trí việc làm của viên chức được quy định như thế nào?" → ("vi tri viec lam cua vien chuc",
    "vi tri viec lam")."""
    text = last_clause(question)  # "Theo Luật Giáo dục, …": the last part holds the term
    for pattern in _ASKS:
        match = pattern.match(text)
        if match:
            term = f" {match.group('term')} "
            forms = [term.strip()] + [term[: m.start()].strip() for m in _QUALIFIER.finditer(term)]
            forms = sorted(dict.fromkeys(forms), key=lambda f: -len(f))
            return tuple(f for f in forms if len(f.split()) >= MIN_TITLE_SYLLABLES)
    return ()


def title_of(text: str) -> str:
    """The folded title of a division heading: "Điều 7. Vị trí việc làm" → "vi tri viec lam"."""
    first = text.split("\n", 1)[0]
    return " ".join(syllables(_NUMBER.sub("", first, count=1)))


def under_title(unit: Unit, terms: Sequence[str]) -> bool:
    """True when the unit is a division titled by one of the terms, or a part of one (its nearest
    heading is)."""
    own = title_of(unit.text) if unit.kind in DIVISIONS else ""
    nearest = title_of(unit.heading.rsplit(" > ", 1)[-1]) if unit.heading else ""
    return bool(terms) and (own in terms or nearest in terms)


def titled_hits(terms: Sequence[str], hits: Sequence[Hit], lib: LibraryIndex, filters: Filters) -> list[Hit]:
    """The divisions titled by the longest matching term: those among the hits first (in their
    order), then the library's others; at most TITLED_FIRST."""
    if not terms:
        return []
    score = hits[0].score if hits else 0.0
    candidates = [h for h in hits if h.unit.kind in DIVISIONS] + [
        Hit(unit=u, document=lib.documents[u.doc_id], score=score)
        for u in lib.units_with_phrases(terms)
        if u.kind in DIVISIONS and u.doc_id in lib.documents
    ]
    # A shortened form ("nghĩa vụ" of "nghĩa vụ của người quản lý tài sản") is a title in many laws:
    # it counts only in a document the search already found.
    searched = {h.document.id for h in hits}
    for n, term in enumerate(terms):  # the longest form a title has wins: "trách nhiệm của gia đình"
        found: dict[tuple[str, int], Hit] = {}  # before "trách nhiệm"
        for hit in candidates:
            key = (hit.document.id, hit.unit.ordinal)
            if n and hit.document.id not in searched:
                continue
            if key not in found and filters.allows(hit.document) and title_of(hit.unit.text) == term:
                found[key] = hit
        if found:
            return list(found.values())[:TITLED_FIRST]
    return []
