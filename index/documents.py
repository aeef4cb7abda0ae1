"""The documents of one state of a store, read from SQLite by id when asked: opening a library and
answering a question reads the rows of the documents it cites, not the whole table.

`DocumentTable` is a read-only mapping doc id → Document in id order (the order `Store.documents`
lists them). What needs every document asks for it explicitly: `values()`/`items()` (the document
list, filters) read the whole table once; `numbered`, `of_kind` and `with_recipients` read one small
projection of every row's metadata (number, kind, "Kính gửi") once, in SQLite, not the documents.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterable, Iterator, Mapping
from typing import TYPE_CHECKING

from chidao.core.model import Document, Filters
from chidao.core.numbers import leading_number
from chidao.core.text import fold, folded_words

if TYPE_CHECKING:
    from index.store import Store

# One row per document: its id and the three metadata fields the lookups below need (JSON1 is built
# into every SQLite Python ships: 3.38+).
_KEYS_SQL = (
    "SELECT id, json_extract(metadata, '$.number'), json_extract(metadata, '$.doc_type'),"
    " json_extract(metadata, '$.recipients') FROM documents ORDER BY id"
)


class _Keys:
    """Doc ids by leading number and by folded kind, and the folded "Kính gửi" of those that have one."""

    __slots__ = ("numbered", "kinds", "recipients")

    def __init__(self, rows: Iterable[tuple[str, str | None, str | None, str | None]]) -> None:
        self.numbered: dict[str, list[str]] = {}
        self.kinds: dict[str, list[str]] = {}
        self.recipients: dict[str, str] = {}
        for doc_id, number, kind, recipients in rows:
            self.numbered.setdefault(leading_number(number or ""), []).append(doc_id)
            self.kinds.setdefault(fold(kind or ""), []).append(doc_id)
            entries = json.loads(recipients) if recipients and recipients != "[]" else []
            if entries:
                self.recipients[doc_id] = folded_words("\n".join(entries))


class DocumentTable(Mapping[str, Document]):
    """Every document of one store generation by id, each row read when first asked (then kept).

    Build a new table when the store's generation changes (index/retriever.py does): rows read later
    come from the same SQLite connection, inside the caller's read snapshot.
    """

    def __init__(self, store: Store) -> None:
        self._store = store
        self._read: dict[str, Document] = {}
        self._ids: list[str] | None = None
        self._all: list[Document] | None = None
        self._keys: _Keys | None = None
        self._lock = threading.Lock()  # the app's sessions share one table

    # -- the mapping --------------------------------------------------------------------------

    def __getitem__(self, doc_id: str) -> Document:
        found = self._read.get(doc_id)
        if found is None:
            if self._all is not None or not isinstance(doc_id, str):
                raise KeyError(doc_id)
            found = self._store.document(doc_id)
            if found is None:
                raise KeyError(doc_id)
            self._read[doc_id] = found
        return found

    def __contains__(self, doc_id: object) -> bool:
        if doc_id in self._read:
            return True
        if self._ids is not None or self._all is not None or not isinstance(doc_id, str):
            return doc_id in self._id_set()
        return self._store.has_document(doc_id)

    def __iter__(self) -> Iterator[str]:
        return iter(self.ids())

    def __len__(self) -> int:
        return len(self.ids())

    def __bool__(self) -> bool:
        return bool(self._read) or bool(self.ids())

    def ids(self) -> list[str]:
        """Every document id, sorted (read from the primary-key index, not the rows)."""
        if self._ids is None:
            self._ids = self._store.document_ids()
        return self._ids

    def _id_set(self) -> frozenset[str]:
        return frozenset(self.ids())

    def values(self) -> list[Document]:  # type: ignore[override]
        """Every document, by id: the whole table read once (the document list, filters)."""
        with self._lock:
            if self._all is None:
                self._all = self._store.documents()
                self._read.update((d.id, d) for d in self._all)
                self._ids = [d.id for d in self._all]
        return self._all

    def items(self) -> list[tuple[str, Document]]:  # type: ignore[override]
        return [(d.id, d) for d in self.values()]

    def allowed(self, filters: Filters) -> list[str]:
        """Ids of the documents that pass `filters`, by id (one document's row when it names one)."""
        if filters.doc:
            return [filters.doc] if filters.doc in self and filters.allows(self[filters.doc]) else []
        return [d.id for d in self.values() if filters.allows(d)]

    # -- lookups through the metadata projection ----------------------------------------------

    def _projection(self) -> _Keys:
        with self._lock:
            if self._keys is None:
                self._keys = _Keys(self._store.conn.execute(_KEYS_SQL))
        return self._keys

    def numbered(self, number: str) -> list[Document]:
        """Documents whose number starts with `number` ("35" → "35-KH/TU"), by id."""
        return [self[i] for i in self._projection().numbered.get(number, ())]

    def numbered_ids(self, numbers: Iterable[str]) -> set[str]:
        """Ids of the documents whose leading number is one of `numbers`."""
        by_number = self._projection().numbered
        return {i for n in numbers for i in by_number.get(n, ())}

    def of_kind(self, kind: str) -> list[Document]:
        """Documents of a kind, by folded prefix ("Kế hoạch" is "Kế hoạch liên tịch"), by id."""
        wanted = fold(kind)
        ids = sorted(
            i for folded, of in self._projection().kinds.items() if folded.startswith(wanted) for i in of
        )
        return [self[i] for i in ids]

    def recipients(self) -> dict[str, str]:
        """Doc id → its "Kính gửi" entries as folded words, for the documents that have some, by id."""
        return self._projection().recipients
