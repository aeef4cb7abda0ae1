"""What qa knows about a library: its units, term statistics, learned unit names and reference graph."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from chidao.core.model import Document, Reference, Unit
from chidao.core.numbers import leading_number
from chidao.core.text import bigrams_of, folded_words, syllables
from qa.aliases import OrgTable
from qa.highlight import idf_table
from qa.learning import learn_names


@dataclass(frozen=True, slots=True)
class LibraryIndex:
    """Units, vocabulary, unit names and references of every document, read once per library state."""

    documents: dict[str, Document]
    unit_table: dict[str, tuple[Unit, ...]]
    idf: dict[str, float]
    vocabulary: frozenset[str]  # folded syllables
    vocabulary_bigrams: frozenset[str]
    orgs: OrgTable
    references: tuple[tuple[str, Reference], ...]  # (citing doc id, reference), every document
    all_text: str = ""  # every unit's text, one per line (to ask whether a name occurs at all)
    folded_text: str = ""  # the same as folded words, " dang uy phuong ba dinh … " (phrase lookups)
    embedder: str = ""  # the embedder of the library's vectors (confidence models are per embedder)
    memo: dict = field(default_factory=dict)  # per-library answers of costly checks (unit addressed to…)

    def units(self, doc_id: str) -> tuple[Unit, ...]:
        return self.unit_table[doc_id]

    def unit(self, doc_id: str, ordinal: int) -> Unit | None:
        units = self.unit_table[doc_id]
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


def organisations(index: LibraryIndex) -> list[str]:
    """The units a library names, one entry per unit (the "Đơn vị của tôi" choices)."""
    return index.orgs.listing(index.all_text)


def build_index(
    documents: Sequence[Document],
    units: Mapping[str, tuple[Unit, ...]],
    references: Sequence[tuple[str, Reference]],
    embedder: str = "",
) -> LibraryIndex:
    """What qa knows of a library: built by its owner once per library state, read by every answer."""
    texts = [f"{u.heading}\n{u.text}" for doc_units in units.values() for u in doc_units]
    vocabulary: set[str] = set()
    pairs: set[str] = set()
    names: list[str] = []
    for doc_units in units.values():
        for unit in doc_units:
            words = syllables(unit.text)
            vocabulary.update(words)
            pairs.update(bigrams_of(words))
        names.extend(n for n in learn_names(doc_units) if n not in names)
    all_text = "\n".join(u.text for doc_units in units.values() for u in doc_units)
    return LibraryIndex(
        documents={d.id: d for d in documents},
        unit_table=dict(units),
        idf=idf_table(texts),
        vocabulary=frozenset(vocabulary),
        vocabulary_bigrams=frozenset(pairs),
        orgs=OrgTable.default(names),
        references=tuple(references),
        all_text=all_text,
        folded_text=folded_words(all_text),
        embedder=embedder,
    )
