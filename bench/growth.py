"""Grow a library to a size for bench/speed.py: SYNTHETIC units from real ones, or renamed copies of a
real corpus's stored documents. Both write many documents per transaction (one per document would
spend most of the time committing)."""

from __future__ import annotations

import functools
import math
import tempfile
import time
from dataclasses import replace
from pathlib import Path

import numpy as np

from chidao.core.model import Document, Metadata, ParsedDocument, Unit
from chidao.ingesting import context_text
from chidao.library import Library
from index import accents

# Growing a million units spends most of its time folding the same words again (accents.forms_of
# folds each word of each unit). fold is a pure function: a cache gives the store the same rows.
accents.fold = functools.lru_cache(maxsize=1 << 20)(accents.fold)  # type: ignore[assignment]

UNITS_PER_DOC = 50
DOCS_PER_TRANSACTION = 200
NOISE = 0.05


def real_units(lib: Library) -> list[tuple[Unit, np.ndarray]]:
    """The real (non-synthetic) units of a library with their vectors."""
    ids, vectors = lib.store.all_vectors()
    by_id = lib.store.units_by_id(ids.tolist())
    return [
        (by_id[int(i)], v)
        for i, v in zip(ids, vectors, strict=True)
        if not by_id[int(i)].doc_id.startswith("synthetic-")
    ]


def grow(lib: Library, real: list[tuple[Unit, np.ndarray]], target: int, rng: np.random.Generator) -> float:
    """Add synthetic documents until the store holds `target` units; returns store units/s.

    A unit's text is the first half of one real unit and the second half of another; its vector
    0.7·a + 0.3·b + noise, normalised.
    """
    started, added = time.perf_counter(), 0
    metadata = Metadata(doc_type="Văn bản tổng hợp (synthetic)", title="dữ liệu tổng hợp để đo tốc độ")
    real_vectors = np.vstack([v for _, v in real])
    count = lib.store.unit_count()
    while count < target:
        with lib.store.transaction() as conn:
            for _ in range(DOCS_PER_TRANSACTION):
                n = min(UNITS_PER_DOC, target - count)
                if n <= 0:
                    break
                a, b = rng.integers(0, len(real), size=(2, n))
                noise = rng.normal(0, NOISE, size=(n, real_vectors.shape[1])).astype(np.float32)
                vectors = 0.7 * real_vectors[a] + 0.3 * real_vectors[b] + noise
                vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
                units, offset = [], 0
                for i, (ia, ib) in enumerate(zip(a, b, strict=True)):
                    ua, ub = real[ia][0], real[ib][0]
                    body = ua.text[: len(ua.text) // 2] + " " + ub.text[len(ub.text) // 2 :]
                    end = offset + len(body)
                    units.append(Unit("", i, "item", str(i + 1), ua.heading, body, offset, end))
                    offset += len(body) + 2
                doc_id = f"synthetic-{count:07d}.txt"
                parsed = ParsedDocument("\n\n".join(u.text for u in units), metadata, tuple(units), ())
                doc = Document(doc_id, f"synthetic-{count}", "txt", metadata, unit_count=n)
                lib.store.put_document(conn, doc, parsed, vectors, [context_text(metadata, u) for u in units])
                count += n
                added += n
    return added / max(time.perf_counter() - started, 1e-9)


def replicate(lib: Library, laws: Path, laws_store: Path | None, target: int) -> tuple[float, int]:
    """Fill `lib` with copies of the laws corpus's stored documents up to ~`target` units; returns
    (store units/s, copies). Copy 0 is the corpus itself (its questions' gold documents); copy c
    > 0 renames each document (id `copy-c/…`, number `…-c`) and keeps its units, texts and vectors."""
    with tempfile.TemporaryDirectory() as tmp:
        source = Library.open(laws_store or Path(tmp) / "laws")
        if not source.exists:
            source.ingest([laws / "corpus"])
        docs = []
        for doc in source.documents():
            rows = source.store.conn.execute(
                "SELECT context, vector FROM units WHERE doc_id = ? ORDER BY ordinal", (doc.id,)
            ).fetchall()
            vectors = np.vstack([np.frombuffer(r[1], dtype=np.float32) for r in rows])
            refs = tuple(r for _, r in source.store.references(doc.id))
            parsed = ParsedDocument(
                source.store.document_text(doc.id), doc.metadata, source.store.units_of(doc.id), refs
            )
            docs.append((doc, parsed, vectors, [r[0] for r in rows]))
        source.close()
    copies = max(1, math.ceil(target / sum(len(p.units) for _, p, _, _ in docs)))
    started = time.perf_counter()
    for c in range(copies):
        with lib.store.transaction() as conn:
            for doc, parsed, vectors, contexts in docs:
                if c:
                    metadata = replace(doc.metadata, number=f"{doc.metadata.number}-{c}")
                    doc_id, sha = f"copy-{c:03d}/{doc.id}", f"{doc.sha256}-{c}"
                    doc = replace(doc, id=doc_id, sha256=sha, metadata=metadata)
                    parsed = replace(parsed, metadata=metadata)
                lib.store.put_document(conn, doc, parsed, vectors, contexts)
    return lib.store.unit_count() / max(time.perf_counter() - started, 1e-9), copies
