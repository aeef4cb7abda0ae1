"""What qa knows about a library: its units, term statistics, learned unit names and reference graph."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from chidao.core.model import Document, DocumentView, Hit, Reference, Unit
from chidao.core.text import bigrams_of, fold, syllables
from ingest.references import leading_number
from qa.aliases import OrgTable, learn_names
from qa.highlight import idf_table


class AnswerSource(Protocol):
    """The part of the Library that qa reads (search, documents, document views)."""

    def search(
        self,
        query: str,
        k: int = 10,
        *,
        doc: str | None = None,
        doc_type: str | None = None,
        issuer: str | None = None,
        year: int | None = None,
    ) -> list[Hit]: ...

    def documents(self) -> list[Document]: ...

    def document(self, doc_id: str) -> DocumentView: ...


@dataclass(frozen=True, slots=True)
class LibraryIndex:
    """Units, vocabulary, unit names and references of every document, read once per library state."""

    documents: dict[str, Document]
    views: dict[str, DocumentView]
    idf: dict[str, float]
    vocabulary: frozenset[str]  # folded syllables
    vocabulary_bigrams: frozenset[str]
    orgs: OrgTable
    references: tuple[tuple[str, Reference], ...]  # (citing doc id, reference), every document
    all_text: str = ""  # every unit's text, one per line (to ask whether a name occurs at all)
    memo: dict = field(default_factory=dict)  # per-library answers of costly checks (unit addressed to…)

    def units(self, doc_id: str) -> tuple[Unit, ...]:
        return self.views[doc_id].units

    def unit(self, doc_id: str, ordinal: int) -> Unit | None:
        units = self.views[doc_id].units
        if 0 <= ordinal < len(units) and units[ordinal].ordinal == ordinal:
            return units[ordinal]
        return next((u for u in units if u.ordinal == ordinal), None)

    def citing_unit(self, doc_id: str, ref: Reference) -> Unit | None:
        """The unit of `doc_id` in which a reference is written."""
        if ref.unit_ordinal is not None:
            found = self.unit(doc_id, ref.unit_ordinal)
            if found is not None:
                return found
        inside = [u for u in self.units(doc_id) if u.start <= ref.start < u.end]
        return min(inside, key=lambda u: u.end - u.start) if inside else None

    def docs_numbered(self, number: str) -> list[Document]:
        """Library documents whose number starts with `number` ("35" → "35-KH/TU")."""
        return [d for d in self.documents.values() if leading_number(d.metadata.number) == number]

    def names_present(self, canonical: str) -> bool:
        """True when some alias of a unit name occurs anywhere in the library."""
        return self.orgs.named_in(canonical, self.all_text)


def organisations(source: AnswerSource) -> list[str]:
    """The units a library names, one entry per unit (the "Đơn vị của tôi" choices)."""
    index = library_index(source)
    return index.orgs.listing(index.all_text)


def _kind_words(kind: str) -> list[str]:
    return fold(kind).replace("-", " ").split()


def allowed(document: Document, filters: dict) -> bool:
    """The Library's search filters applied to one document (doc, doc_type, issuer, year)."""
    md = document.metadata
    if filters.get("doc") and document.id != filters["doc"]:
        return False
    # "chi-thi" (CLI slug) and "Chỉ thị" name the same kind.
    if filters.get("doc_type") and _kind_words(md.doc_type) != _kind_words(str(filters["doc_type"])):
        return False
    if filters.get("issuer") and fold(str(filters["issuer"])) not in fold(md.issuer):
        return False
    return not (filters.get("year") and md.date[:4] != str(filters["year"]))


_CACHE: dict[int, tuple[tuple, LibraryIndex]] = {}


def library_index(source: AnswerSource) -> LibraryIndex:
    """The LibraryIndex of a source, rebuilt only when its documents change."""
    documents = source.documents()
    key = tuple((d.id, d.sha256, d.added_at, d.unit_count) for d in documents)
    cached = _CACHE.get(id(source))
    if cached and cached[0] == key:
        return cached[1]
    views = {d.id: source.document(d.id) for d in documents}
    texts = [f"{u.heading}\n{u.text}" for v in views.values() for u in v.units]
    vocabulary: set[str] = set()
    pairs: set[str] = set()
    names: list[str] = []
    for view in views.values():
        for unit in view.units:
            words = syllables(unit.text)
            vocabulary.update(words)
            pairs.update(bigrams_of(words))
        names.extend(n for n in learn_names(view.units) if n not in names)
    index = LibraryIndex(
        documents={d.id: d for d in documents},
        views=views,
        idf=idf_table(texts),
        vocabulary=frozenset(vocabulary),
        vocabulary_bigrams=frozenset(pairs),
        orgs=OrgTable.default(names),
        references=tuple((doc_id, ref) for doc_id, view in views.items() for ref in view.references),
        all_text="\n".join(u.text for v in views.values() for u in v.units),
    )
    _CACHE.clear()  # one library at a time: a process seldom asks two
    _CACHE[id(source)] = (key, index)
    return index
