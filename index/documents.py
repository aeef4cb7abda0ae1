"""The documents of one state of a store, read from SQLite by id when asked: opening a library and
answering a question reads the rows of the documents it cites, not the whole table.

`DocumentTable` is a read-only mapping doc id → Document in id order (the order `Store.documents`
lists them). What needs every document asks for it explicitly: `values()`/`items()` (the document
list, filters) read the whole table once. Lookups by leading number, kind and "Kính gửi" recipients
go through `doc_keys`, one small row per document written with it (`put_keys`); a store an older
chidao wrote gets the table once (`refresh_keys`), and until then (a read-only store) the same
lookups are answered from one projection of every document's metadata.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Iterable, Iterator, Mapping
from typing import TYPE_CHECKING

from chidao.core.model import Document, Filters, Metadata
from chidao.core.numbers import leading_number
from chidao.core.text import fold, folded_words
from chidao.core.vocab import same_kind

if TYPE_CHECKING:
    from index.store import Store

# The stamp of `meta` key KEYS_KEY: "<KEYS_VERSION>:<generation the keys describe>"; every write keeps
# it (`advance`), a write by an older chidao leaves it behind. Raise the version when a key changes.
KEYS_KEY, KEYS_VERSION = "doc_keys", "1"
_KEYS_DDL = (
    "CREATE TABLE IF NOT EXISTS doc_keys (doc_id TEXT PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,"
    " number TEXT NOT NULL, kind TEXT NOT NULL, recipients TEXT NOT NULL, doc_type TEXT NOT NULL,"
    " issuer TEXT NOT NULL, year TEXT NOT NULL)",
    "CREATE INDEX IF NOT EXISTS doc_keys_number ON doc_keys(number)",
    "CREATE INDEX IF NOT EXISTS doc_keys_kind ON doc_keys(kind)",
)
# One row per document: its id and the three metadata fields the lookups need (JSON1 is built into
# every SQLite Python ships: 3.38+).
_PROJECTION_SQL = (
    "SELECT id, json_extract(metadata, '$.number'), json_extract(metadata, '$.doc_type'),"
    " json_extract(metadata, '$.recipients') FROM documents ORDER BY id"
)
_PREFIX_END = "\U0010ffff"  # after every string starting with a prefix: prefix <= s < prefix + this


def _stamp(generation: int) -> str:
    return f"{KEYS_VERSION}:{generation}"


def keys_of(metadata: Metadata) -> tuple[str, str, str, str, str, str]:
    """(leading number, folded kind, folded "Kính gửi" entries, kind as written, folded issuer, year)
    of a document: what the lookups below and `Filters` read."""
    recipients = folded_words("\n".join(metadata.recipients)) if metadata.recipients else ""
    return (
        leading_number(metadata.number),
        fold(metadata.doc_type),
        recipients,
        metadata.doc_type,
        fold(metadata.issuer),
        metadata.date[:4],
    )


_COLUMNS = ["doc_id", "number", "kind", "recipients", "doc_type", "issuer", "year"]


def create_keys(conn: sqlite3.Connection) -> None:
    """Create the table (write path; one with other columns, from an earlier version, is made again
    and filled by `refresh_keys`); a store without documents yet has all its keys."""
    columns = [row[1] for row in conn.execute("PRAGMA table_info(doc_keys)")]
    if columns and columns != _COLUMNS:
        conn.execute("DROP TABLE doc_keys")
        conn.execute("DELETE FROM meta WHERE key = ?", (KEYS_KEY,))
    for ddl in _KEYS_DDL:
        conn.execute(ddl)
    if columns != _COLUMNS and not conn.execute("SELECT 1 FROM documents LIMIT 1").fetchone():
        generation = conn.execute("SELECT value FROM meta WHERE key = 'generation'").fetchone()
        conn.execute(
            "INSERT OR REPLACE INTO meta VALUES (?, ?)",
            (KEYS_KEY, _stamp(int(generation[0] if generation else 0))),
        )


def put_keys(conn: sqlite3.Connection, doc_id: str, metadata: Metadata) -> None:
    """The keys of a document being written (inside its transaction; removed with it by the cascade)."""
    conn.execute("INSERT OR REPLACE INTO doc_keys VALUES (?, ?, ?, ?, ?, ?, ?)", (doc_id, *keys_of(metadata)))


def advance_keys(conn: sqlite3.Connection, generation: int) -> None:
    """Inside a write about to bump `generation`: keys up to date before stay so after."""
    conn.execute(
        "UPDATE meta SET value = ? WHERE key = ? AND value = ?",
        (_stamp(generation + 1), KEYS_KEY, _stamp(generation)),
    )


def keys_current(conn: sqlite3.Connection) -> bool:
    """True when `doc_keys` holds the keys of every document of this state: stamped for its generation,
    and one row per document (a writer that inserts documents without `put_keys`, as bench/growth.py
    does, leaves the counts apart; both counts read the primary-key indexes, not the rows)."""
    rows = dict(conn.execute("SELECT key, value FROM meta WHERE key IN ('generation', ?)", (KEYS_KEY,)))
    if rows.get(KEYS_KEY) != _stamp(int(rows.get("generation") or 0)):
        return False
    if [row[1] for row in conn.execute("PRAGMA table_info(doc_keys)")] != _COLUMNS:
        return False  # an earlier version's table
    counts = conn.execute(
        "SELECT (SELECT COUNT(*) FROM doc_keys), (SELECT COUNT(*) FROM documents)"
    ).fetchone()
    return counts[0] == counts[1]


def refresh_keys(store: Store) -> None:
    """Write every document's keys once for a store an older chidao wrote (read-only: left to the
    projection). Call outside any transaction."""
    if not store.writable or keys_current(store.conn):
        return
    with store.transaction(bump=False) as conn:
        if keys_current(conn):
            return
        conn.execute("DROP TABLE IF EXISTS doc_keys")
        create_keys(conn)
        conn.executemany(
            "INSERT INTO doc_keys VALUES (?, ?, ?, ?, ?, ?, ?)",
            [(d.id, *keys_of(d.metadata)) for d in store.documents()],
        )
        conn.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (KEYS_KEY, _stamp(store.generation)))


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

    def addressed(self, needles: Iterable[str]) -> list[str]:
        wanted = list(needles)
        return [i for i, words in self.recipients.items() if any(n in words for n in wanted)]


class DocumentTable(Mapping[str, Document]):
    """Every document of one store generation by id, each row read when first asked (then kept).

    Build a new table when the store's generation changes (index/retriever.py does): rows read later
    come from the same SQLite connection, inside the caller's read snapshot.
    """

    def __init__(self, store: Store) -> None:
        self._store = store
        self._read: dict[str, Document] = {}
        self._ids: list[str] | None = None
        self._id_set: frozenset[str] | None = None
        self._all: list[Document] | None = None
        self._keys: _Keys | None = None
        self._keyed: bool | None = None  # doc_keys current for this state (see `_indexed`)
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
        if self._id_set is not None:
            return doc_id in self._id_set
        return isinstance(doc_id, str) and self._store.has_document(doc_id)

    def __iter__(self) -> Iterator[str]:
        return iter(self.ids())

    def __len__(self) -> int:
        return len(self.ids())

    def __bool__(self) -> bool:
        return bool(self._read) or (bool(self._ids) if self._ids is not None else self._store.has_documents())

    def ids(self) -> list[str]:
        """Every document id, sorted (read from the primary-key index, not the rows)."""
        if self._ids is None:
            self._ids = self._store.document_ids()
            self._id_set = frozenset(self._ids)
        return self._ids

    def values(self) -> list[Document]:  # type: ignore[override]
        """Every document, by id: the whole table read once (the document list, filters)."""
        with self._lock:
            if self._all is None:
                self._all = self._store.documents()
                self._read.update((d.id, d) for d in self._all)
                self._ids = [d.id for d in self._all]
                self._id_set = frozenset(self._ids)
        return self._all

    def items(self) -> list[tuple[str, Document]]:  # type: ignore[override]
        return [(d.id, d) for d in self.values()]

    def allowed(self, filters: Filters) -> list[str]:
        """Ids of the documents that pass `filters` (`Filters.allows`), by id: one document's row when
        they name one, else through `doc_keys` (every row read when it is not current)."""
        if filters.doc:
            return [filters.doc] if filters.doc in self and filters.allows(self[filters.doc]) else []
        if not self._indexed():
            return [d.id for d in self.values() if filters.allows(d)]
        where, args = ["1"], []
        if filters.doc_type:
            written = [t for (t,) in self._store.conn.execute("SELECT DISTINCT doc_type FROM doc_keys")]
            kinds = [t for t in written if same_kind(t, filters.doc_type)]
            where.append(f"doc_type IN ({','.join('?' * len(kinds))})")
            args += kinds
        if filters.issuer:
            where.append("instr(issuer, ?) > 0")
            args.append(fold(filters.issuer))
        if filters.year:
            where.append("year = ?")
            args.append(str(filters.year))
        return self._key_ids(" AND ".join(where) + " ORDER BY doc_id", args)

    # -- lookups through the metadata projection ----------------------------------------------

    def _indexed(self) -> bool:
        """True when `doc_keys` holds this state's keys (else the projection answers)."""
        if self._keyed is None:
            self._keyed = self._keys is None and keys_current(self._store.conn)
        return self._keyed

    def _projection(self) -> _Keys:
        with self._lock:
            if self._keys is None:
                self._keys = _Keys(self._store.conn.execute(_PROJECTION_SQL))
        return self._keys

    def _key_ids(self, where: str, args: Iterable[str]) -> list[str]:
        return [
            row[0]
            for row in self._store.conn.execute(f"SELECT doc_id FROM doc_keys WHERE {where}", list(args))
        ]

    def numbered(self, number: str) -> list[Document]:
        """Documents whose number starts with `number` ("35" → "35-KH/TU"), by id."""
        if self._indexed():
            return [self[i] for i in self._key_ids("number = ? ORDER BY doc_id", [number])]
        return [self[i] for i in self._projection().numbered.get(number, ())]

    def numbered_ids(self, numbers: Iterable[str]) -> set[str]:
        """Ids of the documents whose leading number is one of `numbers`."""
        wanted = list(dict.fromkeys(numbers))
        if self._indexed():
            return set(self._key_ids(f"number IN ({','.join('?' * len(wanted))})", wanted))
        by_number = self._projection().numbered
        return {i for n in wanted for i in by_number.get(n, ())}

    def of_kind(self, kind: str) -> list[Document]:
        """Documents of a kind, by folded prefix ("Kế hoạch" is "Kế hoạch liên tịch"), by id."""
        wanted = fold(kind)
        if self._indexed():
            ids = self._key_ids("kind >= ? AND kind < ? ORDER BY doc_id", [wanted, wanted + _PREFIX_END])
        else:
            kinds = self._projection().kinds.items()
            ids = sorted(i for folded, of in kinds if folded.startswith(wanted) for i in of)
        return [self[i] for i in ids]

    def addressed(self, needles: Iterable[str]) -> list[str]:
        """Ids of the documents whose "Kính gửi" entries, as folded words, hold one of the folded
        `needles` (" tinh doan "), by id."""
        wanted = list(dict.fromkeys(needles))
        if not wanted:
            return []
        if self._indexed():
            held = " OR ".join("instr(recipients, ?) > 0" for _ in wanted)
            return self._key_ids(f"recipients != '' AND ({held}) ORDER BY doc_id", wanted)
        return self._projection().addressed(wanted)
