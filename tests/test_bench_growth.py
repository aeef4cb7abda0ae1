"""The bench's bulk growth writes the rows `Store.put_document` would, and grows to the size asked."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

from chidao.core.model import Document, ParsedDocument, Unit
from chidao.ingesting import context_text
from chidao.library import Library

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.growth import SYNTHETIC, Synthesis, grow, real_units, write  # noqa: E402


def _rows(lib: Library) -> tuple[list, list, list]:
    conn = lib.store.conn
    units = conn.execute(
        'SELECT doc_id, ordinal, kind, label, heading, text, start, "end", pages, parent, context, vector'
        " FROM units WHERE doc_id LIKE 'synthetic-%' ORDER BY id"
    ).fetchall()
    fts = conn.execute(
        "SELECT body, context FROM units_fts WHERE rowid IN (SELECT id FROM units WHERE doc_id LIKE"
        " 'synthetic-%') ORDER BY rowid"
    ).fetchall()
    forms = conn.execute("SELECT folded, form, n FROM forms ORDER BY folded, form").fetchall()
    return units, fts, forms


def test_bulk_rows_equal_those_of_put_document(store_copy, tmp_path):
    lib = Library.open(store_copy)
    real = real_units(lib)
    synthesis = Synthesis(real)
    rng = np.random.default_rng(3)
    a, b = rng.integers(0, len(real), size=(2, 120))
    vectors = rng.standard_normal((120, synthesis.vectors.shape[1])).astype(np.float32)
    next_id = lib.store.conn.execute("SELECT MAX(id) + 1 FROM units").fetchone()[0]
    rows = synthesis.rows(0, next_id, a, b, vectors)
    with lib.store.transaction() as conn:
        write(conn, rows)
    # The same documents through put_document, in a second copy of the store.
    other = tmp_path / "other"
    import shutil

    shutil.copytree(store_copy, other, ignore=shutil.ignore_patterns("dense-*"))
    slow = Library.open(other)
    with slow.store.transaction() as conn:
        for doc_row in rows["documents"]:
            mine = [u for u in rows["units"] if u[1] == doc_row[0]]
            units = tuple(Unit("", u[2], "item", u[4], u[5], u[6], u[7], u[8]) for u in mine)
            vecs = np.vstack([np.frombuffer(u[12], dtype=np.float32) for u in mine])
            parsed = ParsedDocument(doc_row[7], SYNTHETIC, units, ())
            doc = Document(doc_row[0], doc_row[1], "txt", SYNTHETIC, unit_count=len(units))
            contexts = [context_text(SYNTHETIC, u) for u in units]
            slow.store.put_document(conn, doc, parsed, vecs, contexts)
    assert _rows(lib) == _rows(slow)
    assert len(_rows(lib)[0]) == 120


def test_grow_reaches_the_size_and_the_index_follows(store_copy):
    lib = Library.open(store_copy)
    before = lib.store.unit_count()
    grow(lib, real_units(lib), before + 130, np.random.default_rng(0))
    assert lib.store.unit_count() == before + 130
    assert lib.retriever.dense_index().size == before + 130
    assert lib.store.conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
