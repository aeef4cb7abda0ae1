"""The store's tables (SQLite DDL) and their creation; run only on the write path (see index/store.py)."""

from __future__ import annotations

import sqlite3

from index import accents, lexical, terms
from index.documents import create_keys

SCHEMA_VERSION = "2"

SCHEMA = """
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


def create_schema(conn: sqlite3.Connection) -> None:
    """Create the tables this version needs (idempotent: tables added by a newer version only)."""
    with conn:
        conn.executescript(SCHEMA)
        conn.execute(accents.FORMS_SCHEMA)
        if not conn.execute("SELECT 1 FROM sqlite_master WHERE name='units_fts'").fetchone():
            lexical.configure(conn)
        terms.create(conn)
        create_keys(conn)
        conn.execute(
            "INSERT OR IGNORE INTO meta VALUES ('schema_version', ?), ('generation', '0')",
            (SCHEMA_VERSION,),
        )
