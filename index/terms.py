"""What qa reads of a whole library without holding it in memory: term statistics of the unit texts and
the unit names learned from each document, kept in SQLite by every write and read term by term.

`term_stats` holds, per folded syllable, the number of units whose heading or text has it (qa's idf)
and whose text has it (qa's vocabulary); per syllable pair and per short abbreviation written in
capitals ("TU", "HU"), the number of units whose text has it; and the number of units. `doc_names`
holds the unit names qa learned from each document at ingest (a JSON list, in the order learned).

A store written by an older chidao lacks them, or a later write by one left them behind (the stamp
in `meta` says which generation they describe): `refresh` rebuilds them once, in the store when it
can be written, else in a temporary database beside the read-only one.
"""

from __future__ import annotations

import json
import logging
import sqlite3
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING

from chidao.core.model import Unit
from chidao.core.text import bigrams_of, short_capitals, syllables
from index import lexical

if TYPE_CHECKING:
    from index.store import Store

log = logging.getLogger(__name__)

# Kinds of `term_stats` rows.
SYLLABLE, PAIR, CAPITALS, UNITS = "s", "p", "c", "n"
# The stamp of `meta` key TERMS_KEY: "<TERMS_VERSION>:<generation the statistics describe>". Raise the
# version when what is counted changes: every store then rebuilds its statistics once.
TERMS_KEY, TERMS_VERSION = "term_stats", "1"
# `meta` key of the fingerprint of the code that learned the stored names (see qa/learning.py).
NAMES_KEY = "names_learned_by"
# `meta` keys of every document's names combined (`learned_names`, a JSON list) and of the state it
# describes ("<generation>:<learner>"): read as one row instead of every document's, written once per
# store generation by `refresh`.
COMBINED_KEY, COMBINED_STAMP_KEY = "names_combined", "names_combined_at"
TEMP_SCHEMA = "qa_temp"  # the temporary database of a read-only store's rebuilt tables

_TERMS_DDL = """
CREATE TABLE IF NOT EXISTS {schema}.term_stats (
    kind TEXT NOT NULL, term TEXT NOT NULL, units INTEGER NOT NULL, texts INTEGER NOT NULL,
    PRIMARY KEY (kind, term)
) WITHOUT ROWID
"""
_NAMES_DDL = """
CREATE TABLE IF NOT EXISTS {schema}.doc_names (
    doc_id TEXT PRIMARY KEY {references}, names TEXT NOT NULL
)
"""
_REFERENCES = "REFERENCES documents(id) ON DELETE CASCADE"  # only inside the store itself


def stamp(generation: int) -> str:
    return f"{TERMS_VERSION}:{generation}"


def create(conn: sqlite3.Connection) -> None:
    """Create the tables in the store (write path). A store that holds no unit yet is up to date."""
    fresh = not conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'term_stats'").fetchone()
    conn.execute(_TERMS_DDL.format(schema="main"))
    conn.execute(_NAMES_DDL.format(schema="main", references=_REFERENCES))
    if fresh and not conn.execute("SELECT 1 FROM units LIMIT 1").fetchone():
        generation = conn.execute("SELECT value FROM meta WHERE key = 'generation'").fetchone()
        conn.execute(
            "INSERT OR REPLACE INTO meta VALUES (?, ?)",
            (TERMS_KEY, stamp(int(generation[0] if generation else 0))),
        )


def advance(conn: sqlite3.Connection, generation: int) -> None:
    """Inside a write about to bump `generation`: statistics up to date before stay so after."""
    conn.execute(
        "UPDATE meta SET value = ? WHERE key = ? AND value = ?",
        (stamp(generation + 1), TERMS_KEY, stamp(generation)),
    )


def add_units(
    conn: sqlite3.Connection, units: Iterable[tuple[str, str]], sign: int = 1, schema: str = "main"
) -> None:
    """Count (sign=1) or withdraw (sign=-1) units given as (heading, text); inside the write's transaction."""
    counts: dict[tuple[str, str], list[int]] = {}

    def count(key: tuple[str, str], in_units: int, in_texts: int) -> None:
        pair = counts.setdefault(key, [0, 0])
        pair[0] += in_units
        pair[1] += in_texts

    for heading, text in units:
        words = syllables(text)
        in_text = set(words)
        for word in in_text | set(syllables(heading)):
            count((SYLLABLE, word), 1, int(word in in_text))
        for pair in bigrams_of(words):
            count((PAIR, pair), 0, 1)
        for token in short_capitals(text):
            count((CAPITALS, token), 0, 1)
        count((UNITS, ""), 1, 1)
    conn.executemany(
        f"INSERT INTO {schema}.term_stats VALUES (?, ?, ?, ?) ON CONFLICT(kind, term)"
        " DO UPDATE SET units = units + excluded.units, texts = texts + excluded.texts",
        [(kind, term, sign * n[0], sign * n[1]) for (kind, term), n in counts.items()],
    )
    if sign < 0:
        conn.executemany(
            f"DELETE FROM {schema}.term_stats WHERE kind = ? AND term = ? AND units <= 0 AND texts <= 0",
            [key for key in counts if key != (UNITS, "")],
        )


def put_names(conn: sqlite3.Connection, doc_id: str, names: Sequence[str], schema: str = "main") -> None:
    conn.execute(
        f"INSERT OR REPLACE INTO {schema}.doc_names VALUES (?, ?)",
        (doc_id, json.dumps(list(names), ensure_ascii=False)),
    )


def note_learner(conn: sqlite3.Connection, learned_by: str) -> None:
    """Record who learns the names of a document being written; two different learners make the
    store "mixed", and every document is learned again at the next read (`refresh`)."""
    conn.execute(
        "INSERT INTO meta VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = 'mixed'"
        " WHERE value != excluded.value",
        (NAMES_KEY, learned_by),
    )


class Terms:
    """Reads of the term tables and of units by document, position or phrase: what qa's LibraryIndex
    asks of a store (see qa/corpus.py). `schema` is "main", or TEMP_SCHEMA for a read-only store."""

    def __init__(self, store: Store, schema: str = "main") -> None:
        self.store = store
        self.schema = schema

    def _counts(self, kind: str, terms: Iterable[str]) -> dict[str, tuple[int, int]]:
        out: dict[str, tuple[int, int]] = {}
        wanted = list(dict.fromkeys(terms))
        for start in range(0, len(wanted), 900):  # SQLite's bound-parameter limit
            chunk = wanted[start : start + 900]
            rows = self.store.conn.execute(
                f"SELECT term, units, texts FROM {self.schema}.term_stats WHERE kind = ?"
                f" AND term IN ({','.join('?' * len(chunk))})",
                [kind, *chunk],
            )
            out.update((term, (units, texts)) for term, units, texts in rows)
        return out

    def syllable_stats(self, words: Iterable[str]) -> dict[str, tuple[int, int]]:
        """(units whose heading or text has it, units whose text has it) of each folded syllable held."""
        return self._counts(SYLLABLE, words)

    def pairs_held(self, pairs: Iterable[str]) -> set[str]:
        """The syllable pairs ("tinh doan") some unit text holds."""
        return {p for p, (_, texts) in self._counts(PAIR, pairs).items() if texts > 0}

    def capitals_written(self, tokens: Iterable[str]) -> set[str]:
        """The short abbreviations some unit text writes in capitals, standing alone."""
        return {t for t, (_, texts) in self._counts(CAPITALS, tokens).items() if texts > 0}

    def unit_total(self) -> int:
        return self._counts(UNITS, [""]).get("", (0, 0))[0]

    def learned_names(self) -> list[str]:
        """Every document's learned unit names, documents by id, each name once (first spelling first):
        the combined list `refresh` stored for this state of the store, else combined here."""
        conn = self.store.conn
        stored = dict(
            conn.execute(
                f"SELECT key, value FROM {self.schema}.meta WHERE key IN (?, ?)",
                (COMBINED_KEY, COMBINED_STAMP_KEY),
            ).fetchall()
        )
        if COMBINED_KEY in stored and stored.get(COMBINED_STAMP_KEY) == _combined_stamp(conn, self.schema):
            return json.loads(stored[COMBINED_KEY])
        return combine_names(conn, self.schema)

    def units_of(self, doc_id: str) -> tuple[Unit, ...]:
        return self.store.units_of(doc_id)

    def unit_at(self, doc_id: str, ordinal: int) -> Unit | None:
        return self.store.unit_at(doc_id, ordinal)

    def has_phrase(self, text: str) -> bool:
        """True when some unit's text holds the folded syllables of `text` in a row."""
        phrase = lexical.phrase(text)
        return bool(phrase) and lexical.matches(self.store.conn, f"body : {phrase}", limit=1) != []

    def units_with_phrases(
        self, texts: Iterable[str], limit: int | None = None, query: str = ""
    ) -> list[Unit]:
        """Units whose text or lexical context (heading path, title, recipients) holds one of the texts'
        folded syllables in a row, by id.

        With `limit`, at most that many: when more units match, those that also hold the rarest
        terms of `query` besides the name's own (as lexical search chooses them), then the others,
        each the last added first.
        """
        texts = list(texts)
        phrases = [p for p in dict.fromkeys(lexical.phrase(t) for t in texts) if p]
        if not phrases:
            return []
        conn, named = self.store.conn, " OR ".join(phrases)
        ids = lexical.matches(conn, named, None if limit is None else limit + 1, newest=True)
        if limit is not None and len(ids) > limit:
            own = set(lexical.query_terms(" ".join(texts)))  # the name's own words: every match has them
            asked = [t for t in lexical.query_terms(query) if t not in own]
            rare = lexical.selective_terms(conn, asked, self.unit_total())
            sharing = (
                lexical.matches(conn, f"({named}) AND ({lexical.match_expression(rare)})", limit, newest=True)
                if rare
                else []
            )
            ids = list(dict.fromkeys(sharing + ids))[:limit]
        found = self.store.units_by_id(ids)
        return [found[i] for i in sorted(found)]


def combine_names(conn: sqlite3.Connection, schema: str = "main") -> list[str]:
    """Every document's learned names, documents by id, each name once: reads every document's row."""
    names: dict[str, None] = {}
    for (row,) in conn.execute(f"SELECT names FROM {schema}.doc_names ORDER BY doc_id"):
        names.update(dict.fromkeys(json.loads(row)))
    return list(names)


def _combined_stamp(conn: sqlite3.Connection, schema: str) -> str:
    generation = _meta(conn, "main", "generation") or "0"
    return f"{generation}:{_meta(conn, schema, NAMES_KEY) or ''}"


def _store_combined(conn: sqlite3.Connection, schema: str) -> None:
    """Store the combined names for the state of the store (inside a write transaction)."""
    conn.executemany(
        f"INSERT OR REPLACE INTO {schema}.meta VALUES (?, ?)",
        [
            (COMBINED_KEY, json.dumps(combine_names(conn, schema), ensure_ascii=False)),
            (COMBINED_STAMP_KEY, _combined_stamp(conn, schema)),
        ],
    )


def _combined_current(conn: sqlite3.Connection, schema: str) -> bool:
    return _meta(conn, schema, COMBINED_STAMP_KEY) == _combined_stamp(conn, schema)


def store_combined(store: Store, learned_by: str) -> bool:
    """Store the combined names of the store's state when its tables are up to date (a write does it
    once, after its last document; a read after an older chidao's write, once); True when they are."""
    if not _up_to_date(store, "main", learned_by):
        return False  # `refresh` rebuilds the tables, then stores them
    if store.writable and not _combined_current(store.conn, "main"):
        with store.transaction(bump=False) as conn:  # the units do not change
            if not _combined_current(conn, "main"):
                _store_combined(conn, "main")
    return True


def refresh(store: Store, learn: Callable[[Sequence[Unit]], list[str]], learned_by: str) -> str:
    """Bring the term tables up to date with the store (once for a store an older chidao wrote, and
    names learned again when `learned_by`, the fingerprint of the learning code, changed) and the
    combined names with them (`store_combined`); returns the schema to read them from. Call outside
    any transaction."""
    if store_combined(store, learned_by):
        return "main"
    if store.writable:
        with store.transaction(bump=False) as conn:  # creates the tables; the units do not change
            _rebuild(store, conn, "main", learn, learned_by)
            _store_combined(conn, "main")
        return "main"
    conn = store.conn
    if not conn.execute("SELECT 1 FROM pragma_database_list WHERE name = ?", (TEMP_SCHEMA,)).fetchone():
        conn.execute(f"ATTACH DATABASE '' AS {TEMP_SCHEMA}")
    if not _up_to_date(store, TEMP_SCHEMA, learned_by):
        with conn:
            conn.execute(_TERMS_DDL.format(schema=TEMP_SCHEMA))
            conn.execute(_NAMES_DDL.format(schema=TEMP_SCHEMA, references=""))
            conn.execute(f"CREATE TABLE IF NOT EXISTS {TEMP_SCHEMA}.meta (key TEXT PRIMARY KEY, value TEXT)")
            _rebuild(store, conn, TEMP_SCHEMA, learn, learned_by)
            _store_combined(conn, TEMP_SCHEMA)
    return TEMP_SCHEMA


def _meta(conn: sqlite3.Connection, schema: str, key: str) -> str | None:
    row = conn.execute(f"SELECT value FROM {schema}.meta WHERE key = ?", (key,)).fetchone()
    return row[0] if row else None


def _up_to_date(store: Store, schema: str, learned_by: str) -> bool:
    conn = store.conn
    if not conn.execute(f"SELECT 1 FROM {schema}.sqlite_master WHERE name = 'doc_names'").fetchone() or _meta(
        conn, schema, TERMS_KEY
    ) != stamp(store.generation):
        return False
    unnamed = conn.execute(
        f"SELECT 1 FROM documents d WHERE NOT EXISTS (SELECT 1 FROM {schema}.doc_names n"
        " WHERE n.doc_id = d.id) LIMIT 1"
    ).fetchone()
    return _meta(conn, schema, NAMES_KEY) == learned_by and not unnamed


def _rebuild(
    store: Store,
    conn: sqlite3.Connection,
    schema: str,
    learn: Callable[[Sequence[Unit]], list[str]],
    learned_by: str,
) -> None:
    """Count every unit again when the statistics are stale; learn the names of the documents lacking
    them (of every document when the learning code changed)."""
    generation = store.generation
    recount = _meta(conn, schema, TERMS_KEY) != stamp(generation)
    if _meta(conn, schema, NAMES_KEY) != learned_by:
        conn.execute(f"DELETE FROM {schema}.doc_names")
    if recount:
        conn.execute(f"DELETE FROM {schema}.term_stats")
    named = {row[0] for row in conn.execute(f"SELECT doc_id FROM {schema}.doc_names")}
    doc_ids = [row[0] for row in conn.execute("SELECT id FROM documents ORDER BY id")]
    log.info(
        "bringing the term statistics and learned unit names of %s up to date (%d documents)",
        store.directory,
        len(doc_ids),
    )
    for doc_id in doc_ids:
        if not recount and doc_id in named:
            continue
        units = store.units_of(doc_id)
        if recount:
            add_units(conn, [(u.heading, u.text) for u in units], schema=schema)
        if doc_id not in named:
            put_names(conn, doc_id, learn(units), schema)
    conn.execute(f"INSERT OR REPLACE INTO {schema}.meta VALUES (?, ?)", (TERMS_KEY, stamp(generation)))
    conn.execute(f"INSERT OR REPLACE INTO {schema}.meta VALUES (?, ?)", (NAMES_KEY, learned_by))
