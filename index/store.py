"""The SQLite store: documents, units (with their vectors), references, ingest log and FTS rows.

SQLite is the single source of truth. Unit vectors live in SQLite too, so one transaction adds or
replaces a document completely; the FAISS index beside it is a cache stamped with the store's
`generation` and rebuilt from SQLite when the stamps differ (see index/dense.py).
"""

from __future__ import annotations

import json
import logging
import sqlite3
import threading
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict
from datetime import UTC, datetime
from pathlib import Path

import numpy as np

from chidao.core.errors import StoreError
from chidao.core.model import Document, Metadata, ParsedDocument, Reference, Signer, Unit
from index import accents, lexical, terms
from index.connection import DB_NAME, connect, missing_store, store_error
from index.documents import advance_keys, put_keys
from index.schema import SCHEMA_VERSION, create_schema

__all__ = ["DB_NAME", "Store", "store_error"]

log = logging.getLogger(__name__)

_UNIT_COLS = 'id, doc_id, ordinal, kind, label, heading, text, start, "end", pages, parent'


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class Store:
    """One store directory: `chidao.sqlite` plus the dense-index cache files beside it."""

    def __init__(self, directory: Path, *, create: bool = False) -> None:
        """Open the store in `directory`; nothing is created or written unless `create` (see
        index/connection.py). A folder without a library opens "missing": reading it raises a
        StoreError that says so, `prepare_write()` (the first step of an ingest) creates it."""
        self.directory = directory
        self._lock = threading.RLock()
        self._conn: sqlite3.Connection | None = None
        self.writable = False
        self._schema_ready = False
        if create or (directory / DB_NAME).exists() or (directory / DB_NAME).is_symlink():
            self._open(create)

    def _open(self, create: bool) -> None:
        self._conn, self.writable = connect(self.directory, create=create)
        try:
            if (
                create
                and not self._conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'meta'").fetchone()
            ):
                self._create_schema()
            version = self.get_meta("schema_version")
        except sqlite3.DatabaseError as exc:
            raise store_error(exc, self.directory) from exc
        if version != SCHEMA_VERSION:
            what = f"store schema {version}" if version else "a database without a chidao schema"
            raise StoreError(
                f"{what} is not the supported version {SCHEMA_VERSION}",
                path=self.directory / DB_NAME,
                hint="Create a new store (--store NEW_DIR) and ingest the documents again.",
            )

    def _create_schema(self) -> None:
        """Tables of this version (idempotent): run on creation and before the first write only."""
        create_schema(self.conn)
        self._schema_ready = True

    @property
    def exists(self) -> bool:
        return self._conn is not None

    @property
    def conn(self) -> sqlite3.Connection:
        if self._conn is None:
            raise missing_store(self.directory)
        return self._conn

    def prepare_write(self) -> None:
        """Create the store when missing, refuse a read-only one, add tables a newer version needs."""
        with self._lock:
            if self._conn is None:
                self._open(create=True)
            if not self.writable:
                raise store_error(sqlite3.OperationalError("readonly"), self.directory)
            if not self._schema_ready:
                try:
                    self._create_schema()
                except sqlite3.DatabaseError as exc:
                    raise store_error(exc, self.directory) from exc

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()

    # -- meta ---------------------------------------------------------------------------------

    def get_meta(self, key: str) -> str | None:
        if self._conn is None:
            return None
        row = self.conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def set_meta(self, key: str, value: str) -> None:
        with self.conn:
            self.conn.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, value))

    @property
    def generation(self) -> int:
        """Bumped by every committed change of units: the dense cache is valid for one generation."""
        return int(self.get_meta("generation") or 0)

    @contextmanager
    def exclusive(self) -> Iterator[None]:
        """No other thread's snapshot or write runs meanwhile (re-entrant)."""
        with self._lock:
            yield

    @contextmanager
    def snapshot(self) -> Iterator[None]:
        """One read transaction: every read inside sees the same committed state of the store, however
        many documents another process adds or removes meanwhile (WAL keeps the old pages for us).

        Re-entrant (an answer runs searches); the lock keeps threads sharing a Library (the app) from
        ending each other's snapshot. SQLite failures leave as a StoreError saying which.
        """
        with self._lock:
            own = not self.conn.in_transaction
            try:
                if own:
                    self.conn.execute("BEGIN")
                    self.conn.execute("SELECT value FROM meta WHERE key = 'generation'").fetchone()
                try:
                    yield
                finally:
                    if own and self.conn.in_transaction:
                        self.conn.rollback()  # nothing was written: ends the read transaction
            except sqlite3.DatabaseError as exc:
                raise store_error(exc, self.directory) from exc

    @contextmanager
    def transaction(self, *, bump: bool = True) -> Iterator[sqlite3.Connection]:
        """BEGIN IMMEDIATE … COMMIT that also bumps the generation; rolls back on any exception.

        `bump=False` for bookkeeping that changes no unit (index/terms.py's one-time rebuild).
        SQLite failures (full disk, lock timeout, damage) leave as a StoreError saying which.
        """
        self.prepare_write()
        with self._lock, self._write(bump):
            yield self.conn

    @contextmanager
    def _write(self, bump: bool) -> Iterator[None]:
        try:
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                yield
                if bump:
                    terms.advance(self.conn, self.generation)
                    advance_keys(self.conn, self.generation)
                    self.conn.execute(
                        "UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'generation'"
                    )
            except BaseException:
                self.conn.rollback()
                raise
            self.conn.commit()
        except sqlite3.DatabaseError as exc:
            if self.conn.in_transaction:
                self.conn.rollback()
            raise store_error(exc, self.directory) from exc

    # -- writing ------------------------------------------------------------------------------

    def put_document(
        self,
        conn: sqlite3.Connection,
        doc: Document,
        parsed: ParsedDocument,
        vectors: np.ndarray,
        contexts: Sequence[str],
        source: bytes | None = None,
        names: Sequence[str] | None = None,
    ) -> bool:
        """Insert (or replace) a document with its units, vectors, FTS rows and references.

        Call inside `transaction()`; `contexts[i]` is the FTS context text of unit i, `source` the
        absolute path of the file it came from, `names` the unit names qa learned from it (None: not
        learned; index/terms.py learns them later). Returns True when an older version was replaced.
        """
        replaced = self.delete_document(conn, doc.id)
        # Context words are indexed once per unit too: they count in the term statistics.
        accents.add_forms(conn, [u.text for u in parsed.units] + list(contexts))
        terms.add_units(conn, [(u.heading, u.text) for u in parsed.units])
        conn.execute(
            "INSERT INTO documents VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                doc.id,
                doc.sha256,
                doc.format,
                doc.pages,
                int(doc.ocr),
                doc.added_at or _now(),
                json.dumps(asdict(doc.metadata), ensure_ascii=False),
                parsed.text,
            ),
        )
        put_keys(conn, doc.id, doc.metadata)
        if source is not None:
            conn.execute("INSERT INTO sources VALUES (?, ?)", (doc.id, source))
        if names is not None:
            terms.put_names(conn, doc.id, names)
        for unit, vector, context in zip(parsed.units, vectors, contexts, strict=True):
            cur = conn.execute(
                f"INSERT INTO units ({_UNIT_COLS}, context, vector) VALUES (NULL{', ?' * 12})",
                (
                    doc.id,
                    unit.ordinal,
                    unit.kind,
                    unit.label,
                    unit.heading,
                    unit.text,
                    unit.start,
                    unit.end,
                    json.dumps(list(unit.pages)),
                    unit.parent,
                    context,
                    np.asarray(vector, dtype=np.float32).tobytes(),
                ),
            )
            conn.execute(
                "INSERT INTO units_fts(rowid, body, context) VALUES (?, ?, ?)",
                (cur.lastrowid, lexical.index_text(unit.text), lexical.index_text(context)),
            )
        conn.executemany(
            "INSERT INTO refs (doc_id, relation, doc_type, number, date, issuer, title, text,"
            ' unit_ordinal, start, "end") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
            [
                (
                    doc.id,
                    r.relation,
                    r.doc_type,
                    r.number,
                    r.date,
                    r.issuer,
                    r.title,
                    r.text,
                    r.unit_ordinal,
                    r.start,
                    r.end,
                )
                for r in parsed.references
            ],
        )
        return replaced

    def delete_document(self, conn: sqlite3.Connection, doc_id: str) -> bool:
        """Delete a document and everything hanging off it; True when it existed."""
        rows = conn.execute("SELECT text, context, heading FROM units WHERE doc_id = ?", (doc_id,)).fetchall()
        accents.add_forms(conn, [r[0] for r in rows] + [r[1] for r in rows], sign=-1)
        terms.add_units(conn, [(r[2], r[0]) for r in rows], sign=-1)
        conn.execute(
            "DELETE FROM units_fts WHERE rowid IN (SELECT id FROM units WHERE doc_id = ?)", (doc_id,)
        )
        return conn.execute("DELETE FROM documents WHERE id = ?", (doc_id,)).rowcount > 0

    def set_vectors(self, conn: sqlite3.Connection, ids: Sequence[int], vectors: np.ndarray) -> None:
        """Replace unit vectors (re-indexing with another embedder); call inside `transaction()`."""
        conn.executemany(
            "UPDATE units SET vector = ? WHERE id = ?",
            [(np.asarray(v, dtype=np.float32).tobytes(), int(i)) for i, v in zip(ids, vectors, strict=True)],
        )

    def log_ingest(self, path: str, status: str, doc_id: str, message: str) -> None:
        """Append to the ingest log; best effort (a full disk must not turn a result into a crash)."""
        try:
            with self.conn:
                self.conn.execute(
                    "INSERT INTO ingest_log (at, path, status, doc_id, message) VALUES (?, ?, ?, ?, ?)",
                    (_now(), path, status, doc_id, message),
                )
        except sqlite3.DatabaseError as exc:
            log.warning("ingest log not written (%s)", exc)

    # -- reading ------------------------------------------------------------------------------

    def documents(self) -> list[Document]:
        rows = self.conn.execute(
            "SELECT d.id, d.sha256, d.format, d.pages, d.ocr, d.added_at, d.metadata,"
            " (SELECT COUNT(*) FROM units u WHERE u.doc_id = d.id) FROM documents d ORDER BY d.id"
        ).fetchall()
        return [_document(row) for row in rows]

    def document(self, doc_id: str) -> Document | None:
        row = self.conn.execute(
            "SELECT d.id, d.sha256, d.format, d.pages, d.ocr, d.added_at, d.metadata,"
            " (SELECT COUNT(*) FROM units u WHERE u.doc_id = d.id) FROM documents d WHERE d.id = ?",
            (doc_id,),
        ).fetchone()
        return _document(row) if row else None

    def document_ids(self) -> list[str]:
        """Every document id, sorted (from the primary-key index: no document row is read)."""
        return [row[0] for row in self.conn.execute("SELECT id FROM documents ORDER BY id")]

    def has_documents(self) -> bool:
        return self.conn.execute("SELECT 1 FROM documents LIMIT 1").fetchone() is not None

    def has_document(self, doc_id: str) -> bool:
        return self.conn.execute("SELECT 1 FROM documents WHERE id = ?", (doc_id,)).fetchone() is not None

    def document_by_sha(self, sha256: str) -> str | None:
        row = self.conn.execute("SELECT id FROM documents WHERE sha256 = ?", (sha256,)).fetchone()
        return row[0] if row else None

    def document_by_source(self, path: bytes) -> str | None:
        """The id of the document ingested from the file at absolute `path`, if any."""
        row = self.conn.execute("SELECT doc_id FROM sources WHERE path = ?", (path,)).fetchone()
        return row[0] if row else None

    def document_text(self, doc_id: str) -> str:
        row = self.conn.execute("SELECT text FROM documents WHERE id = ?", (doc_id,)).fetchone()
        return row[0] if row else ""

    def units_of(self, doc_id: str) -> tuple[Unit, ...]:
        rows = self.conn.execute(
            f"SELECT {_UNIT_COLS} FROM units WHERE doc_id = ? ORDER BY ordinal", (doc_id,)
        ).fetchall()
        return tuple(_unit(row) for row in rows)

    def first_texts(self, skip_kinds: Iterable[str]) -> dict[str, str]:
        """Doc id → the text of its first unit of another kind than `skip_kinds` ("" when none), for
        every document: a few rows read per document through the (doc_id, ordinal) index."""
        kinds = list(skip_kinds)
        marks = ",".join("?" * len(kinds)) or "''"
        rows = self.conn.execute(
            f"SELECT d.id, (SELECT u.text FROM units u WHERE u.doc_id = d.id AND u.kind NOT IN ({marks})"
            " ORDER BY u.ordinal LIMIT 1) FROM documents d ORDER BY d.id",
            kinds,
        )
        return {doc_id: text or "" for doc_id, text in rows}

    def unit_at(self, doc_id: str, ordinal: int) -> Unit | None:
        row = self.conn.execute(
            f"SELECT {_UNIT_COLS} FROM units WHERE doc_id = ? AND ordinal = ?", (doc_id, ordinal)
        ).fetchone()
        return _unit(row) if row else None

    def units_by_id(self, ids: Sequence[int]) -> dict[int, Unit]:
        out: dict[int, Unit] = {}
        for start in range(0, len(ids), 900):  # SQLite's bound-parameter limit
            chunk = ids[start : start + 900]
            rows = self.conn.execute(
                f"SELECT {_UNIT_COLS} FROM units WHERE id IN ({','.join('?' * len(chunk))})", chunk
            ).fetchall()
            out.update((row[0], _unit(row)) for row in rows)
        return out

    def unit_rows(self) -> list[tuple[int, str, Unit]]:
        """(unit id, document id, unit) of every unit, in id order."""
        rows = self.conn.execute(f"SELECT {_UNIT_COLS} FROM units ORDER BY id").fetchall()
        return [(row[0], row[1], _unit(row)) for row in rows]

    def unit_ids(self, doc_ids: Sequence[str]) -> np.ndarray:
        """The ids of the units of these documents (int64, unordered)."""
        marks = ",".join("?" * len(doc_ids))
        rows = self.conn.execute(f"SELECT id FROM units WHERE doc_id IN ({marks})", doc_ids)
        return np.fromiter((r[0] for r in rows), dtype=np.int64)

    def references(self, doc_id: str | None = None) -> list[tuple[str, Reference]]:
        sql = (
            'SELECT doc_id, relation, doc_type, number, date, issuer, title, text, unit_ordinal, start, "end"'
            " FROM refs"
        )
        rows = self.conn.execute(
            sql + (" WHERE doc_id = ? ORDER BY id" if doc_id else " ORDER BY id"), (doc_id,) if doc_id else ()
        ).fetchall()
        return [(r[0], Reference(*r[1:])) for r in rows]

    def vector_chunks(self, size: int = 32_768) -> Iterator[tuple[np.ndarray, np.ndarray]]:
        """(ids (m,) int64, vectors (m, dim) float32) of every unit, in id order, `size` units at a
        time: the dense cache is rebuilt from these without the whole matrix in memory."""
        cursor = self.conn.execute("SELECT id, vector FROM units ORDER BY id")
        while rows := cursor.fetchmany(size):
            ids = np.fromiter((r[0] for r in rows), dtype=np.int64, count=len(rows))
            yield ids, np.frombuffer(b"".join(r[1] for r in rows), dtype=np.float32).reshape(len(rows), -1)

    def all_vectors(self) -> tuple[np.ndarray, np.ndarray]:
        """(ids (n,) int64, vectors (n, dim) float32) of every unit, in id order (tests, benches)."""
        chunks = list(self.vector_chunks())
        if not chunks:
            return np.zeros(0, dtype=np.int64), np.zeros((0, 0), dtype=np.float32)
        return np.concatenate([c[0] for c in chunks]), np.vstack([c[1] for c in chunks])

    def unit_id_array(self) -> np.ndarray:
        """Every unit id, ascending."""
        rows = self.conn.execute("SELECT id FROM units ORDER BY id").fetchall()
        return np.fromiter((r[0] for r in rows), dtype=np.int64, count=len(rows))

    def vectors_of(self, ids: Sequence[int]) -> np.ndarray:
        """The stored vectors of the given unit ids, in that order (a spot check of the dense cache);
        KeyError when one is not in the store."""
        found: dict[int, bytes] = {}
        for start in range(0, len(ids), 900):
            chunk = [int(i) for i in ids[start : start + 900]]
            marks = ",".join("?" * len(chunk))
            found.update(self.conn.execute(f"SELECT id, vector FROM units WHERE id IN ({marks})", chunk))
        return np.vstack([np.frombuffer(found[int(i)], dtype=np.float32) for i in ids])

    def vector_dim(self) -> int:
        """The dimension of the stored vectors (0 in an empty store)."""
        row = self.conn.execute("SELECT length(vector) / 4 FROM units LIMIT 1").fetchone()
        return int(row[0]) if row else 0

    def unit_count(self) -> int:
        return int(self.conn.execute("SELECT COUNT(*) FROM units").fetchone()[0])


def _document(row: tuple) -> Document:
    md = json.loads(row[6])
    signer = Signer(**md.pop("signer", {}))
    md["recipients"] = tuple(md.get("recipients", ()))
    md["cc"] = tuple(md.get("cc", ()))
    metadata = Metadata(signer=signer, **{k: v for k, v in md.items() if k in Metadata.__slots__})
    return Document(
        id=row[0],
        sha256=row[1],
        format=row[2],
        metadata=metadata,
        pages=row[3],
        ocr=bool(row[4]),
        unit_count=row[7],
        added_at=row[5],
    )


def _unit(row: tuple) -> Unit:
    return Unit(
        doc_id=row[1],
        ordinal=row[2],
        kind=row[3],
        label=row[4],
        heading=row[5],
        text=row[6],
        start=row[7],
        end=row[8],
        pages=tuple(json.loads(row[9])),
        parent=row[10],
    )
