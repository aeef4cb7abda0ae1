"""What qa knows about a library: its documents, references and learned unit names in memory; its
units and term statistics read from the store on demand, so nothing grows with the library's units."""

from __future__ import annotations

import math
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import Protocol, runtime_checkable

from chidao.core.model import Document, Reference, Unit
from chidao.core.numbers import leading_number
from chidao.core.text import fold, folded_words
from qa.aliases import OrgTable, short_tokens
from qa.unitnames import split_place, successor_key, unit_key

# Documents whose units stay in memory after a read (fact questions read two, citations a few).
UNIT_CACHE_DOCS = 16
References = Sequence[tuple[str, Reference]]  # (citing doc id, reference)
# Terms, phrases and "addressed" scores remembered per library state before the memory is cleared.
MEMO_LIMIT = 100_000
# Units read to find a place's unit named without its place in that place's own documents (a
# library where a short name like "UBND xã" is everywhere may miss one and call the name absent).
LOCAL_LIMIT = 50


class UnitSource(Protocol):
    """What qa reads from a library's store on demand (index/terms.py `Terms` implements it)."""

    def units_of(self, doc_id: str) -> tuple[Unit, ...]: ...

    def unit_at(self, doc_id: str, ordinal: int) -> Unit | None: ...

    def syllable_stats(self, words: Iterable[str]) -> dict[str, tuple[int, int]]: ...

    def pairs_held(self, pairs: Iterable[str]) -> set[str]: ...

    def capitals_written(self, tokens: Iterable[str]) -> set[str]: ...

    def unit_total(self) -> int: ...

    def has_phrase(self, text: str) -> bool: ...

    def units_with_phrases(
        self, texts: Iterable[str], limit: int | None = None, query: str = ""
    ) -> list[Unit]: ...


@runtime_checkable
class _Lookups(Protocol):
    """A documents mapping that answers these lookups itself (index/documents.py `DocumentTable`)."""

    def numbered(self, number: str) -> list[Document]: ...

    def of_kind(self, kind: str) -> list[Document]: ...

    def addressed(self, needles: Iterable[str]) -> list[str]: ...


class _Bounded(dict):
    """A dict emptied when it reaches MEMO_LIMIT entries (a cache that cannot outgrow its use)."""

    def __setitem__(self, key, value) -> None:
        if len(self) >= MEMO_LIMIT:
            self.clear()
        super().__setitem__(key, value)


class Idf(Mapping[str, float]):
    """Smoothed inverse document frequency log(1 + n / df) of each folded syllable over the units'
    headings and texts; "" → log(1 + n), the weight of a syllable no unit has."""

    def __init__(self, source: UnitSource) -> None:
        self._source = source
        self.units = source.unit_total()
        self._counts: dict[str, tuple[int, int]] = _Bounded()

    def counts(self, word: str) -> tuple[int, int]:
        """(units whose heading or text has the syllable, units whose text has it)."""
        if word not in self._counts:
            self._counts[word] = self._source.syllable_stats([word]).get(word, (0, 0))
        return self._counts[word]

    def __getitem__(self, word: str) -> float:
        if word == "":
            return math.log(1 + self.units)
        df = self.counts(word)[0]
        if df <= 0:
            raise KeyError(word)
        return math.log(1 + self.units / df)

    def get(self, word: str, default=None):  # type: ignore[override]
        try:
            return self[word]
        except KeyError:
            return default

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and (word == "" or self.counts(word)[0] > 0)

    def __bool__(self) -> bool:
        return True  # it always holds "" (an empty dict would mean "no weights")

    def __iter__(self) -> Iterator[str]:
        raise TypeError("the idf of a library is read term by term")

    def __len__(self) -> int:
        raise TypeError("the idf of a library is read term by term")


class _Vocabulary:
    """The folded syllables some unit text holds."""

    def __init__(self, idf: Idf) -> None:
        self._idf = idf

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and self._idf.counts(word)[1] > 0


class _Pairs:
    """The syllable pairs ("tinh doan") some unit text holds."""

    def __init__(self, source: UnitSource) -> None:
        self._source = source
        self._held: dict[str, bool] = _Bounded()

    def __contains__(self, pair: object) -> bool:
        if not isinstance(pair, str):
            return False
        if pair not in self._held:
            self._held[pair] = bool(self._source.pairs_held([pair]))
        return self._held[pair]


class LibraryIndex:
    """Documents, references and unit names of a library, read once per library state; units and
    term statistics read from the store when asked (a few documents' units kept)."""

    __slots__ = (
        "documents",
        "orgs",
        "_read_cited",
        "_resolve",
        "_cited",
        "_references",
        "_cited_numbers",
        "embedder",
        "memo",
        "idf",
        "vocabulary",
        "vocabulary_bigrams",
        "_source",
        "_units",
        "_phrases",
        "_recipients",
        "_numbered",
        "_kinds",
        "_position",
    )

    def __init__(
        self,
        documents: Mapping[str, Document],
        source: UnitSource,
        names: Iterable[str],
        cited: Callable[[], References],
        resolve: Callable[[References], References],
        embedder: str = "",
    ) -> None:
        # The library's documents: a mapping read by id when asked (index/documents.py's table) or a
        # plain dict; `docs_numbered`, `docs_of_kind` and `units_naming` use the table's lookups.
        self.documents = documents
        self.orgs = OrgTable.default(names)
        # The library's references, read (`cited`) and resolved to library documents (`resolve`) when
        # first needed: a question about a unit's tasks needs neither.
        self._read_cited = cited
        self._resolve = resolve
        self._cited: tuple[tuple[str, Reference], ...] | None = None
        self._references: tuple[tuple[str, Reference], ...] | None = None
        self._cited_numbers: frozenset[str] | None = None
        self.embedder = embedder  # the embedder of the library's vectors (confidence is per embedder)
        self.memo: dict = _Bounded()  # per-library answers of costly checks (unit addressed to…)
        self.idf = Idf(source)
        self.vocabulary = _Vocabulary(self.idf)  # folded syllables of unit texts
        self.vocabulary_bigrams = _Pairs(source)
        self._source = source
        self._units: OrderedDict[str, tuple[Unit, ...]] = OrderedDict()
        self._phrases: dict[str, bool] = _Bounded()
        self._recipients: dict[str, str] | None = None  # see _recipient_words
        self._numbered: dict[str, list[Document]] | None = None
        self._kinds: dict[str, list[Document]] | None = None  # folded kind → its documents
        self._position: dict[str, int] | None = None  # doc id → its place in `documents`

    @property
    def cited(self) -> tuple[tuple[str, Reference], ...]:
        """(citing doc id, reference) of every document, targets not resolved: for what reads only
        a citation's own fields (its number)."""
        if self._cited is None:
            self._cited = tuple(self._read_cited())
        return self._cited

    @property
    def references(self) -> tuple[tuple[str, Reference], ...]:
        """(citing doc id, reference) of every document, each with its target in the library (None
        when the library lacks it)."""
        if self._references is None:
            self._references = tuple(self._resolve(self.cited))
        return self._references

    def cited_numbers(self) -> frozenset[str]:
        """Leading numbers of every document the library cites ("35" of "35-KH/TU")."""
        if self._cited_numbers is None:
            self._cited_numbers = frozenset(leading_number(r.number) for _, r in self.cited)
        return self._cited_numbers

    def units(self, doc_id: str) -> tuple[Unit, ...]:
        """The units of a document in reading order (the last UNIT_CACHE_DOCS documents read are kept)."""
        if doc_id in self._units:
            self._units.move_to_end(doc_id)
            return self._units[doc_id]
        units = self._source.units_of(doc_id)
        self._units[doc_id] = units
        if len(self._units) > UNIT_CACHE_DOCS:
            self._units.popitem(last=False)
        return units

    def unit(self, doc_id: str, ordinal: int) -> Unit | None:
        if doc_id in self._units:
            return next((u for u in self._units[doc_id] if u.ordinal == ordinal), None)
        return self._source.unit_at(doc_id, ordinal)

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
        if isinstance(self.documents, _Lookups):
            return self.documents.numbered(number)
        if self._numbered is None:
            self._numbered = {}
            for d in self.documents.values():
                self._numbered.setdefault(leading_number(d.metadata.number), []).append(d)
        return list(self._numbered.get(number, ()))

    def docs_of_kind(self, kind: str) -> list[Document]:
        """Library documents of a kind, by folded prefix ("Kế hoạch" is "Kế hoạch liên tịch"), in
        library order (read through an index of the few kinds a library has, not document by document)."""
        if not kind:
            return []
        if isinstance(self.documents, _Lookups):
            return self.documents.of_kind(kind)
        if self._kinds is None:
            self._kinds = {}
            for d in self.documents.values():
                self._kinds.setdefault(fold(d.metadata.doc_type), []).append(d)
        wanted = fold(kind)
        found = [d for folded, docs in self._kinds.items() if folded.startswith(wanted) for d in docs]
        return self.in_order(found) if len(self._kinds) > 1 else found

    def in_order(self, documents: Iterable[Document]) -> list[Document]:
        """Documents of the library in the order of `documents` (ids unknown to it left out)."""
        if isinstance(self.documents, _Lookups):  # a table lists its documents by id
            return sorted((d for d in documents if d.id in self.documents), key=lambda d: d.id)
        if self._position is None:
            self._position = {doc_id: i for i, doc_id in enumerate(self.documents)}
        position = self._position
        return sorted((d for d in documents if d.id in position), key=lambda d: position[d.id])

    def phrase_present(self, text: str) -> bool:
        """True when some unit's text holds the folded syllables of `text` in a row."""
        if text not in self._phrases:
            self._phrases[text] = self._source.has_phrase(text)
        return self._phrases[text]

    def units_with_phrases(self, texts: Iterable[str]) -> list[Unit]:
        """Units whose text or lexical context holds one of the texts' folded syllables in a row, by id."""
        return self._source.units_with_phrases(texts)

    def names_present(self, canonical: str) -> bool:
        """True when some alias of a unit name occurs anywhere in the library (its short
        abbreviations written in capitals somewhere, as `OrgTable.named_in` asks of a text)."""
        org = self.orgs.names.get(canonical)
        if org is None:
            return False
        for alias in org.aliases:
            tokens = short_tokens(alias)
            if self.phrase_present(alias) and set(tokens) <= self._source.capitals_written(tokens):
                return True
        if any(self._named_locally(alias) for alias in org.aliases):
            return True
        merged = successor_key(canonical)
        return bool(merged) and any(
            unit_key(name) == merged and self.names_present(name) for name in self.orgs.names
        )

    def _named_locally(self, alias: str) -> bool:
        """True when a place's unit is named without its place in that place's own documents: "UBND
        đặc khu" in a plan issued by the "Đảng ủy đặc khu Hòn Dứa" is its "UBND đặc khu Hòn Dứa"
        (the units read are the first LOCAL_LIMIT naming it)."""
        split = split_place(alias)
        if split is None or not self.phrase_present(split[0]):
            return False
        local, place = split
        return any(
            f" {place} " in folded_words(self.documents[u.doc_id].metadata.issuer)
            for u in self._source.units_with_phrases([local], LOCAL_LIMIT)
            if u.doc_id in self.documents
        )

    def units_naming(
        self, canonicals: Iterable[str], limit: int | None = None, query: str = ""
    ) -> list[Unit]:
        """Every unit that may name one of the units (more, never fewer): an alias in its text or its
        heading path, or in the "Kính gửi" recipients of its document. By document id, then position.

        With `limit`, at most that many from the text and heading paths (those sharing the rarest
        terms of `query` first, then the last added) and that many from recipients lists: a name
        most of a large library writes ("Bộ", "cấp ủy") costs no more than a rarer one.
        """
        aliases = [a for c in canonicals if c in self.orgs.names for a in self.orgs.names[c].aliases]
        if not aliases:
            return []
        units = self._source.units_with_phrases(aliases, limit, query)
        found = {(u.doc_id, u.ordinal): u for u in units}
        needles = {folded_words(a) for a in aliases}
        received = 0
        for doc_id in self._addressed(needles):
            if limit is not None and received >= limit:
                break
            of_doc = self._source.units_of(doc_id)
            found.update(((doc_id, u.ordinal), u) for u in of_doc)
            received += len(of_doc)
        return [found[key] for key in sorted(found)]

    def _addressed(self, needles: set[str]) -> list[str]:
        """Ids of the documents whose "Kính gửi" entries hold one of the folded names, by id."""
        if isinstance(self.documents, _Lookups):
            return self.documents.addressed(needles)
        return [i for i, words in self._recipient_words().items() if any(n in words for n in needles)]

    def _recipient_words(self) -> dict[str, str]:
        """Doc id → its "Kính gửi" entries as folded words, for the documents that have some."""
        if self._recipients is None:
            self._recipients = {
                doc_id: folded_words("\n".join(d.metadata.recipients))
                for doc_id, d in self.documents.items()
                if d.metadata.recipients
            }
        return self._recipients


def organisations(index: LibraryIndex) -> list[str]:
    """The units a library names, one entry per unit (the "Đơn vị của tôi" choices)."""
    return index.orgs.listing()
