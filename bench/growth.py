"""Grow a library to a size for bench/speed.py: SYNTHETIC units recombined from real ones, or copies
of a real corpus's stored documents. Both write the store's rows in bulk, tens of thousands per
transaction: going through `Store.put_document` unit by unit (folding every word again) would take
hours for a million units on 2 cores."""

from __future__ import annotations

import json
import math
import tempfile
import time
from collections import Counter
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np

from chidao.core.model import Metadata, Unit
from chidao.core.text import fold
from chidao.ingesting import context_text
from chidao.library import Library
from index import accents, lexical

UNITS_PER_DOC = 50
UNITS_PER_TRANSACTION = 20_000
# Per-dimension noise of a synthetic vector. At 0.015 a synthetic unit's cosine to the mix it comes
# from is ~0.95, as close as a paraphrase; the former 0.05 gave ~0.70, as far as two unrelated texts
# are for e5, which makes the grown vectors random and no ANN index keeps recall on them (bench/ann.py
# --noise 0.05 shows it).
NOISE = 0.015
SYNTHETIC = Metadata(doc_type="Văn bản tổng hợp (synthetic)", title="dữ liệu tổng hợp để đo tốc độ")


@dataclass(frozen=True)
class Half:
    """Half of a real unit's text with what the store derives from it, computed once."""

    text: str
    tokens: list[str]  # lexical tokens (folded syllables)
    words: list[str]  # lower-case words (accent statistics)
    forms: Counter[tuple[str, str]]


def half(text: str) -> Half:
    words = [w.lower() for w in accents._WORD.findall(text)]
    return Half(text, lexical.tokens(text), words, accents.forms_of(text))


def split(text: str) -> tuple[str, str]:
    """A text cut in two at the space nearest its middle (a cut never splits a word)."""
    middle = len(text) // 2
    left, right = text.rfind(" ", 0, middle + 1), text.find(" ", middle)
    cut = left if left > 0 and (right < 0 or middle - left <= right - middle) else right
    return (text[:cut], text[cut + 1 :]) if cut > 0 else (text, "")


def real_units(lib: Library) -> list[tuple[Unit, np.ndarray]]:
    """The real (non-synthetic) units of a library with their vectors."""
    ids, vectors = lib.store.all_vectors()
    by_id = lib.store.units_by_id(ids.tolist())
    return [
        (by_id[int(i)], v)
        for i, v in zip(ids, vectors, strict=True)
        if not by_id[int(i)].doc_id.startswith("synthetic-")
    ]


class Synthesis:
    """Synthetic units from real ones: the text is the first half of unit a and the second half of
    unit b, the vector 0.7·a + 0.3·b + noise, normalised. The rows are exactly those
    `Store.put_document` writes for such units (tests/test_bench_growth.py checks it), assembled
    from the halves' tokens and accent counts."""

    def __init__(self, real: list[tuple[Unit, np.ndarray]]) -> None:
        self.real = real
        self.halves = [tuple(half(h) for h in split(u.text)) for u, _ in real]
        self.contexts = []
        for u, _ in real:
            context = context_text(SYNTHETIC, Unit("", 0, "item", "1", u.heading, "", 0, 0))
            self.contexts.append((context, lexical.index_text(context), accents.forms_of(context)))
        self.vectors = np.vstack([v for _, v in real])
        self.metadata = json.dumps(asdict(SYNTHETIC), ensure_ascii=False)

    def rows(self, count: int, next_id: int, a: np.ndarray, b: np.ndarray, vectors: np.ndarray) -> dict:
        """The documents, units, FTS rows and accent counts of len(a) units, documents of
        UNITS_PER_DOC units named after `count` (units before them), unit ids from `next_id`."""
        out: dict = {"documents": [], "units": [], "fts": [], "forms": Counter()}
        for first in range(0, len(a), UNITS_PER_DOC):
            doc_id = f"synthetic-{count + first:07d}.txt"
            offset, texts = 0, []
            for i in range(first, min(first + UNITS_PER_DOC, len(a))):
                ha, hb = self.halves[a[i]][0], self.halves[b[i]][1]
                body = f"{ha.text} {hb.text}" if hb.text else ha.text
                toks = ha.tokens + hb.tokens
                context, context_index, _ = self.contexts[a[i]]
                ordinal, heading = i - first, self.real[a[i]][0].heading
                out["units"].append(
                    (next_id + i, doc_id, ordinal, "item", str(ordinal + 1), heading, body, offset,
                     offset + len(body), "[1]", None, context, vectors[i].tobytes())
                )  # fmt: skip
                out["fts"].append((next_id + i, " ".join(toks + lexical.pairs(toks)), context_index))
                if ha.words and hb.words:
                    pair = f"{ha.words[-1]} {hb.words[0]}"
                    out["forms"][(fold(pair), pair)] += 1
                texts.append(body)
                offset += len(body) + 2
            out["documents"].append(
                (doc_id, f"synthetic-{count + first}", "txt", 1, 0, "", self.metadata, "\n\n".join(texts))
            )
        for i, uses in zip(*np.unique(a, return_counts=True), strict=True):
            for key, n in (self.halves[i][0].forms + self.contexts[i][2]).items():
                out["forms"][key] += n * int(uses)
        for i, uses in zip(*np.unique(b, return_counts=True), strict=True):
            for key, n in self.halves[i][1].forms.items():
                out["forms"][key] += n * int(uses)
        return out


def grow(
    lib: Library,
    real: list[tuple[Unit, np.ndarray]],
    target: int,
    rng: np.random.Generator,
    noise: float = NOISE,
) -> float:
    """Add synthetic documents until the store holds `target` units; returns store units/s."""
    started = time.perf_counter()
    synthesis = Synthesis(real)
    count = before = lib.store.unit_count()
    while count < target:
        n = min(UNITS_PER_TRANSACTION, target - count)
        a, b = rng.integers(0, len(real), size=(2, n))
        jitter = rng.normal(0, noise, size=(n, synthesis.vectors.shape[1])).astype(np.float32)
        vectors = 0.7 * synthesis.vectors[a] + 0.3 * synthesis.vectors[b] + jitter
        vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
        with lib.store.transaction() as conn:
            next_id = conn.execute("SELECT COALESCE(MAX(id), 0) + 1 FROM units").fetchone()[0]
            write(conn, synthesis.rows(count, next_id, a, b, vectors))
        count += n
    return (count - before) / max(time.perf_counter() - started, 1e-9)


def write(conn, rows: dict) -> None:
    """Insert the rows made by `Synthesis.rows` (inside a transaction)."""
    conn.executemany("INSERT INTO documents VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows["documents"])
    conn.executemany(
        'INSERT INTO units (id, doc_id, ordinal, kind, label, heading, text, start, "end", pages, parent,'
        " context, vector) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        rows["units"],
    )
    conn.executemany("INSERT INTO units_fts(rowid, body, context) VALUES (?, ?, ?)", rows["fts"])
    conn.executemany(
        "INSERT INTO forms VALUES (?, ?, ?) ON CONFLICT(folded, form) DO UPDATE SET n = n + excluded.n",
        [(f, form, n) for (f, form), n in rows["forms"].items()],
    )


def replicate(lib: Library, laws: Path, laws_store: Path | None, target: int) -> tuple[float, int]:
    """Fill `lib` with copies of the laws corpus's stored rows up to ~`target` units; returns
    (store units/s, copies). Copy 0 is the corpus itself (its questions' gold documents); copy c
    > 0 is every document again under the id `copy-c/<id>` with new unit ids, the same texts,
    vectors, FTS rows and references; the accent counts are multiplied."""
    with tempfile.TemporaryDirectory() as tmp:
        source = Library.open(laws_store or Path(tmp) / "laws")
        if not source.exists:
            source.ingest([laws / "corpus"])
        source.retriever.dense_index()  # settles the source's WAL into its file
        source_units, step = source.store.conn.execute("SELECT COUNT(*), MAX(id) FROM units").fetchone()
        source.close()
        copies = max(1, math.ceil(target / source_units))
        started = time.perf_counter()
        lib.store.prepare_write()
        conn = lib.store.conn
        conn.execute("ATTACH DATABASE ? AS src", (str(source.store_dir / "chidao.sqlite"),))
        for c in range(copies):
            prefix, offset = (f"copy-{c:03d}/" if c else ""), c * step
            with lib.store.transaction():
                conn.execute(
                    "INSERT INTO documents SELECT ? || id, sha256 || ?, format, pages, ocr, added_at,"
                    " metadata, text FROM src.documents",
                    (prefix, f"-{c}" if c else ""),
                )
                conn.execute(
                    "INSERT INTO units SELECT id + ?, ? || doc_id, ordinal, kind, label, heading, text,"
                    ' start, "end", pages, parent, context, vector FROM src.units',
                    (offset, prefix),
                )
                conn.execute(
                    "INSERT INTO units_fts(rowid, body, context)"
                    " SELECT rowid + ?, body, context FROM src.units_fts",
                    (offset,),
                )
                conn.execute(
                    "INSERT INTO refs (doc_id, relation, doc_type, number, date, issuer, title, text,"
                    ' unit_ordinal, start, "end") SELECT ? || doc_id, relation, doc_type, number, date,'
                    ' issuer, title, text, unit_ordinal, start, "end" FROM src.refs',
                    (prefix,),
                )
        with lib.store.transaction():
            conn.execute("INSERT INTO forms SELECT folded, form, n * ? FROM src.forms", (copies,))
        conn.execute("DETACH DATABASE src")
    return lib.store.unit_count() / max(time.perf_counter() - started, 1e-9), copies
