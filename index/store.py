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
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict
from datetime import UTC, datetime
from pathlib import Path

import numpy as np

from chidao.errors import StoreError
from chidao.model import Document, Metadata, ParsedDocument, Reference, Signer, Unit
from index import accents, lexical

log = logging.getLogger(__name__)

SCHEMA_VERSION = "2"
DB_NAME = "chidao.sqlite"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS documents (
    id TEXT PRIMARY KEY, sha256 TEXT NOT NULL, format TEXT NOT NULL, pages INTEGER NOT NULL,
    ocr INTEGER NOT NULL, added_at TEXT NOT NULL, metadata TEXT NOT NULL, text TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS documents_sha ON documents(sha256);
CREATE TABLE IF NOT EXISTS units (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    ordinal INTEGER NOT NULL, kind TEXT NOT NULL, label TEXT NOT NULL, heading TEXT NOT NULL,
    text TEXT NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL, pages TEXT NOT NULL,
    parent INTEGER, context TEXT NOT NULL, vector BLOB NOT NULL
);
CREATE INDEX IF NOT EXISTS units_doc ON units(doc_id, ordinal);
CREATE TABLE IF NOT EXISTS refs (
    id INTEGER PRIMARY KEY, doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    relation TEXT NOT NULL, doc_type TEXT NOT NULL, number TEXT NOT NULL, date TEXT NOT NULL,
    issuer TEXT NOT NULL, title TEXT NOT NULL, text TEXT NOT NULL, unit_ordinal INTEGER,
    start INTEGER NOT NULL, "end" INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS refs_doc ON refs(doc_id);
CREATE TABLE IF NOT EXISTS sources (
    doc_id TEXT PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE, path BLOB NOT NULL
);
CREATE INDEX IF NOT EXISTS sources_path ON sources(path);
CREATE TABLE IF NOT EXISTS ingest_log (
    id INTEGER PRIMARY KEY, at TEXT NOT NULL, path TEXT NOT NULL, status TEXT NOT NULL,
    doc_id TEXT NOT NULL, message TEXT NOT NULL
);
"""
_UNIT_COLS = 'id, doc_id, ordinal, kind, label, heading, text, start, "end", pages, parent'


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class Store:
    """One store directory: `chidao.sqlite` plus the dense-index cache files beside it."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self._lock = threading.RLock()
        directory.mkdir(parents=True, exist_ok=True)
        try:
            self.conn = sqlite3.connect(directory / DB_NAME, timeout=30, check_same_thread=False)
            self.conn.execute("PRAGMA journal_mode=WAL")
            self.conn.execute("PRAGMA foreign_keys=ON")
            self.conn.execute("PRAGMA synchronous=NORMAL")
            with self.conn:
                self.conn.executescript(_SCHEMA)
                self.conn.execute(accents.FORMS_SCHEMA)
                if not self.conn.execute("SELECT 1 FROM sqlite_master WHERE name='units_fts'").fetchone():
                    lexical.configure(self.conn)
                self.conn.execute(
                    "INSERT OR IGNORE INTO meta VALUES ('schema_version', ?), ('generation', '0')",
                    (SCHEMA_VERSION,),
                )
        except sqlite3.DatabaseError as exc:
            raise StoreError(
                f"the store database is damaged or not a chidao store ({exc})",
                path=directory / DB_NAME,
                hint="Move the store directory away and ingest the documents again.",
            ) from exc
        version = self.get_meta("schema_version")
        if version != SCHEMA_VERSION:
            raise StoreError(
                f"store schema {version} is not the supported version {SCHEMA_VERSION}",
                path=directory,
                hint="Create a new store (--store NEW_DIR) and ingest the documents again.",
            )

    def close(self) -> None:
        self.conn.close()

    # -- meta ---------------------------------------------------------------------------------

    def get_meta(self, key: str) -> str | None:
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
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """BEGIN IMMEDIATE … COMMIT that also bumps the generation; rolls back on any exception.

        SQLite failures (full disk, lock timeout, damage) leave as a StoreError saying which.
        """
        with self._lock, self._write():
            yield self.conn

    @contextmanager
    def _write(self) -> Iterator[None]:
        try:
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                yield
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
    ) -> bool:
        """Insert (or replace) a document with its units, vectors, FTS rows and references.

        Call inside `transaction()`; `contexts[i]` is the FTS context text of unit i, `source` the
        absolute path of the file it came from. Returns True when an older version was replaced.
        """
        replaced = self.delete_document(conn, doc.id)
        # Context words are indexed once per unit too: they count in the term statistics.
        accents.add_forms(conn, [u.text for u in parsed.units] + list(contexts))
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
        if source is not None:
            conn.execute("INSERT INTO sources VALUES (?, ?)", (doc.id, source))
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
        rows = conn.execute("SELECT text, context FROM units WHERE doc_id = ?", (doc_id,)).fetchall()
        accents.add_forms(conn, [r[0] for r in rows] + [r[1] for r in rows], sign=-1)
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

    def unit_ids(self, doc_ids: Sequence[str]) -> list[int]:
        marks = ",".join("?" * len(doc_ids))
        return [r[0] for r in self.conn.execute(f"SELECT id FROM units WHERE doc_id IN ({marks})", doc_ids)]

    def references(self, doc_id: str | None = None) -> list[tuple[str, Reference]]:
        sql = (
            'SELECT doc_id, relation, doc_type, number, date, issuer, title, text, unit_ordinal, start, "end"'
            " FROM refs"
        )
        rows = self.conn.execute(
            sql + (" WHERE doc_id = ? ORDER BY id" if doc_id else " ORDER BY id"), (doc_id,) if doc_id else ()
        ).fetchall()
        return [(r[0], Reference(*r[1:])) for r in rows]

    def all_vectors(self) -> tuple[np.ndarray, np.ndarray]:
        """(ids (n,) int64, vectors (n, dim) float32) of every unit, in id order."""
        rows = self.conn.execute("SELECT id, vector FROM units ORDER BY id").fetchall()
        if not rows:
            return np.zeros(0, dtype=np.int64), np.zeros((0, 0), dtype=np.float32)
        ids = np.fromiter((r[0] for r in rows), dtype=np.int64, count=len(rows))
        vectors = np.vstack([np.frombuffer(r[1], dtype=np.float32) for r in rows])
        return ids, vectors

    def unit_count(self) -> int:
        return int(self.conn.execute("SELECT COUNT(*) FROM units").fetchone()[0])


def store_error(exc: sqlite3.DatabaseError, directory: Path) -> StoreError:
    """A StoreError naming what SQLite reported: full disk, a lock held too long, or damage."""
    text = str(exc)
    path = directory / DB_NAME
    if "full" in text:
        return StoreError(
            f"disk full, nothing was written (ổ đĩa đầy; {text})",
            path=path,
            hint="Free space on the disk of the store, then ingest the failed files again.",
        )
    if "locked" in text or "busy" in text:
        return StoreError(
            f"the store is busy ({text})",
            path=path,
            hint="Another chidao process holds it for writing; wait for it to finish and try again.",
        )
    if "readonly" in text or "read-only" in text:
        return StoreError(
            "the store is read-only", path=path, hint="Ingest into a store on a writable disk (--store DIR)."
        )
    return StoreError(
        f"the store database is damaged ({text})",
        path=path,
        hint=f"It is left as it is: restore {DB_NAME} from a backup, or ingest the documents into a new"
        " store (--store NEW_DIR).",
    )


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
