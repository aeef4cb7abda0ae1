"""Speed and scale: ingest throughput vs the embedder's own rate, and search latency, disk, memory and
ANN recall on a synthetic library of 10k / 100k / 300k units grown from the eval documents.

    .venv/bin/python bench/speed.py [--sizes 10000,100000,300000] [--eval ../shared/eval]

Embedding 300k units at ~25/s would take hours, so the synthetic units are SYNTHETIC: texts recombine
halves of two real units, and vectors are the normalised mix of the two real vectors plus small
noise. Every query still runs the real path: embed + FTS5 + FAISS + fusion.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from chidao.core.model import Document, Metadata, ParsedDocument, Unit  # noqa: E402
from chidao.evaluation import load_questions  # noqa: E402
from chidao.ingesting import context_text, passage_text  # noqa: E402
from chidao.library import Library  # noqa: E402
from index.dense import build_faiss  # noqa: E402

UNITS_PER_DOC = 50
NOISE = 0.05


def rss_mb() -> float:
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def dir_mb(path: Path) -> float:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) / 2**20


def ingest_throughput(lib: Library, corpus: Path) -> tuple[int, float, float]:
    """(units, ingest units/s, embedder-only units/s on the same passages), measured in one run."""
    started = time.perf_counter()
    report = lib.ingest([corpus])
    seconds = time.perf_counter() - started
    units = sum(r.units for r in report.results)
    texts = []
    for doc in lib.documents():
        texts += [passage_text(doc.metadata, u) for u in lib.store.units_of(doc.id)]
    started = time.perf_counter()
    lib.embedder.embed_passages(texts)
    return units, units / seconds, len(texts) / (time.perf_counter() - started)


def grow(lib: Library, real: list[tuple[Unit, np.ndarray]], target: int, rng: np.random.Generator) -> float:
    """Add synthetic documents until the store holds `target` units; returns store units/s."""
    started, added = time.perf_counter(), 0
    metadata = Metadata(doc_type="Văn bản tổng hợp (synthetic)", title="dữ liệu tổng hợp để đo tốc độ")
    while (count := lib.store.unit_count()) < target:
        n = min(UNITS_PER_DOC, target - count)
        picks = rng.integers(0, len(real), size=(n, 2))
        units, vectors, offset, text = [], [], 0, []
        for i, (a, b) in enumerate(picks):
            ua, va = real[a]
            ub, vb = real[b]
            body = ua.text[: len(ua.text) // 2] + " " + ub.text[len(ub.text) // 2 :]
            units.append(Unit("", i, "item", str(i + 1), ua.heading, body, offset, offset + len(body)))
            text.append(body)
            offset += len(body) + 2
            v = 0.7 * va + 0.3 * vb + rng.normal(0, NOISE, size=va.shape).astype(np.float32)
            vectors.append(v / np.linalg.norm(v))
        doc_id = f"synthetic-{count:07d}.txt"
        parsed = ParsedDocument("\n\n".join(text), metadata, tuple(units), ())
        doc = Document(doc_id, f"synthetic-{count}", "txt", metadata, unit_count=n)
        with lib.store.transaction() as conn:
            lib.store.put_document(
                conn, doc, parsed, np.vstack(vectors), [context_text(metadata, u) for u in units]
            )
        added += n
    return added / max(time.perf_counter() - started, 1e-9)


def measure(lib: Library, queries: list[str]) -> dict:
    started = time.perf_counter()
    dense = lib.retriever.dense_index()
    build_s = time.perf_counter() - started
    for q in queries:  # warm: caches that are built once per library state (qa's unit names, graph)
        lib.search(q, k=10)
    times = []
    for q in queries:
        t = time.perf_counter()
        lib.search(q, k=10)
        times.append((time.perf_counter() - t) * 1000)
    recall = float("nan")
    if dense.is_ann:
        exact = build_faiss(dense.vectors, ann_threshold=10**12)
        qv = lib.embedder.embed_queries(queries[:50])
        _, truth = exact.search(qv, 10)
        _, got = dense.index.search(qv, 10)
        recall = float(np.mean([len(set(t) & set(g)) / 10 for t, g in zip(truth, got, strict=True)]))
    times.sort()
    return {
        "units": dense.size,
        "ann": "HNSW" if dense.is_ann else "flat",
        "build_s": build_s,
        "p50": statistics.median(times),
        "p95": times[int(0.95 * (len(times) - 1))],
        "disk_mb": dir_mb(lib.store_dir),
        "rss_mb": rss_mb(),
        "recall": recall,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--eval", type=Path, default=Path(__file__).resolve().parents[2] / "shared" / "eval")
    parser.add_argument("--sizes", default="10000,100000,300000")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    queries = [q["question"] for q in load_questions(args.eval / "questions.jsonl")]
    rng = np.random.default_rng(0)
    print(f"machine: {os.cpu_count()} cores, {os.uname().machine}, Python {sys.version.split()[0]}")
    with tempfile.TemporaryDirectory() as tmp:
        lib = Library.open(tmp)
        units, ingest_rate, embed_rate = ingest_throughput(lib, args.eval / "corpus")
        print("\nIngest of the real eval corpus (read + parse + embed + SQLite + FAISS)\n")
        print("| units | ingest units/s | embedder alone units/s | ratio |\n|---|---|---|---|")
        print(f"| {units} | {ingest_rate:.1f} | {embed_rate:.1f} | {ingest_rate / embed_rate:.2f} |")
        ids, vectors = lib.store.all_vectors()
        by_id = lib.store.units_by_id(ids.tolist())
        real = [(by_id[int(i)], v) for i, v in zip(ids, vectors, strict=True)]
        rows = []
        for size in sizes:
            store_rate = grow(lib, real, size, rng)
            row = measure(lib, queries) | {"store_rate": store_rate}
            rows.append(row)
            print(
                f"  {size} units: p50 {row['p50']:.1f} ms, p95 {row['p95']:.1f} ms",
                file=sys.stderr,
                flush=True,
            )
        print(
            f"\nSearch at scale (SYNTHETIC units recombined from {len(real)} real ones; {len(queries)} "
            "eval questions, warm, k=10, full path: embed + FTS5 + FAISS + fusion)\n"
        )
        print(
            "| units | index | index build s | search p50 ms | p95 ms | disk MB | RSS MB | ANN recall@10 "
            "| store units/s (no embedding) |\n|---|---|---|---|---|---|---|---|---|"
        )
        for r in rows:
            print(
                f"| {r['units']} | {r['ann']} | {r['build_s']:.1f} | {r['p50']:.1f} | {r['p95']:.1f} "
                f"| {r['disk_mb']:.0f} | {r['rss_mb']:.0f} | {r['recall']:.3f} | {r['store_rate']:.0f} |"
            )


if __name__ == "__main__":
    main()
