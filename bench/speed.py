"""Speed and scale: ingest throughput vs the embedder's own rate, then search latency, memory, disk,
ANN recall, index build and cold start on libraries of 10k / 100k / 300k / 1M units.

    .venv/bin/python bench/speed.py [--sizes 10000,100000,300000,1000000] [--units N ...] [--json]
        [--eval ../shared/eval] [--laws ../shared/eval-laws [--laws-store STORE]] [--store DIR]

Embedding a million units at ~25/s would take days, so the grown units are SYNTHETIC: texts
recombine halves of two real units of the eval corpus, vectors are the normalised mix of the two
real vectors plus noise (see NOISE in bench/growth.py). `--laws` adds one figure on real text: the
laws corpus's STORED documents copied (units, texts and vectors as stored, under new ids) to ~100k
units.

Every figure of a size is taken in fresh processes on the grown store, through the public Library:
`rss_mb` and the latencies from `lib.search` (warm, k=10, full path: embed + accents + FTS5 + FAISS +
fusion + qa's structure); `rss_index_mb` after the index layer's own searches only (the difference is
what the qa layer holds); `cold_start_s` is the wall time of `chidao ask` in a new process,
`cold_index_s` that of a new process answering one search through the index layer;
`ann_recall10` compares the dense top 10 with exact float32 search (a tie at the 10th score counts as
found), whose latency is the baseline in the same run. With `--json` stdout is one JSON line per size.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.growth import NOISE, grow, real_units, replicate  # noqa: E402
from chidao.evaluation import load_questions  # noqa: E402
from chidao.ingesting import passage_text  # noqa: E402
from chidao.library import Library  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
K = 10
COLD_RUNS = 3


def rss_mb() -> float:
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def dir_mb(path: Path, pattern: str = "*") -> float:
    return sum(p.stat().st_size for p in path.glob(pattern) if p.is_file()) / 2**20


def percentiles(times: list[float]) -> tuple[float, float]:
    times = sorted(times)
    return statistics.median(times), times[int(0.95 * (len(times) - 1))]


def probe(store: Path, questions: Path, library: bool) -> dict:
    """Run in a fresh process: memory and latency of a library opened on `store`; with `library`
    False the latencies are the index layer's (`lib.retriever.search_many`), qa's layer is skipped."""
    import faiss

    queries = [q["question"] for q in load_questions(questions)]
    started = time.perf_counter()
    lib = Library.open(store)
    dense = lib.retriever.dense_index()
    out: dict = {"open_s": time.perf_counter() - started, "ann": "IVF-SQ8" if dense.is_ann else "flat"}
    lib.embedder.embed_queries(queries[:1])
    index_times = []
    for q in queries:  # the index layer alone: embed + accents + FTS5 + FAISS + fusion
        t = time.perf_counter()
        lib.retriever.search_many([q], K)
        index_times.append((time.perf_counter() - t) * 1000)
    out["rss_index_mb"] = rss_mb()
    out["index_p50_ms"], out["index_p95_ms"] = percentiles(index_times)
    out["path"] = "library" if library else "index"
    if library:
        for q in queries:  # warm: what the qa layer builds once per library state
            lib.search(q, k=K)
        times = []
        for q in queries:
            t = time.perf_counter()
            lib.search(q, k=K)
            times.append((time.perf_counter() - t) * 1000)
        out["p50_ms"], out["p95_ms"] = percentiles(times)
    else:
        out["p50_ms"], out["p95_ms"] = out["index_p50_ms"], out["index_p95_ms"]
    out["rss_mb"] = rss_mb()
    vectors = lib.embedder.embed_queries(queries)
    ann_times, got = [], []
    for v in vectors:
        t = time.perf_counter()
        got.append(dense.search(v, K))
        ann_times.append((time.perf_counter() - t) * 1000)
    # The baseline: exact float32 search (FAISS flat, one thread) over the same vectors.
    exact = faiss.IndexFlatIP(dense.vectors.shape[1])
    for start in range(0, dense.size, 65_536):
        exact.add(np.asarray(dense.vectors[start : start + 65_536], dtype=np.float32))
    exact_times, recalls = [], []
    for v, hits in zip(vectors, got, strict=True):
        t = time.perf_counter()
        scores, _ = exact.search(v.reshape(1, -1), K)
        exact_times.append((time.perf_counter() - t) * 1000)
        tenth = scores[0][min(K, dense.size) - 1]
        recalls.append(sum(s >= tenth - 1e-3 for _, s in hits) / min(K, dense.size))
    out["dense_p50_ms"] = percentiles(ann_times)[0]
    out["exact_p50_ms"] = percentiles(exact_times)[0]
    out["ann_recall10"] = float(np.mean(recalls))
    return out


def cold_start(store: Path, question: str) -> float:
    """Median wall time of `chidao ask QUESTION --store STORE` in a new process (one run when it
    takes more than 10 s)."""
    times: list[float] = []
    while len(times) < COLD_RUNS and sum(times) < 10:
        started = time.perf_counter()
        done = subprocess.run(
            [sys.executable, "-m", "chidao", "ask", question, "--store", str(store)],
            capture_output=True,
            text=True,
            cwd=ROOT,
        )
        times.append(time.perf_counter() - started)
        if done.returncode != 0:
            raise SystemExit(f"chidao ask failed on {store}: {done.stderr.strip()}")
    return statistics.median(times)


def cold_index(store: Path, question: str) -> float:
    """Median wall time of a new process that opens the library and answers one search through
    the index layer (imports, embedder load, cache open, embed + FTS5 + FAISS + fusion)."""
    code = (
        "import sys; from chidao.library import Library; "
        "Library.open(sys.argv[1]).retriever.search_many([sys.argv[2]], 10)"
    )
    times = []
    for _ in range(COLD_RUNS):
        started = time.perf_counter()
        subprocess.run([sys.executable, "-c", code, str(store), question], check=True, cwd=ROOT)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def measure(lib: Library, questions: Path, label: str, library: bool = True) -> dict:
    """One row: build the dense cache here, then probe the store in fresh processes (without
    `library`, the index layer only and no cold start)."""
    for cache in lib.store_dir.glob("dense-*"):
        cache.unlink()
    lib.retriever._dense = None  # the growth left it stale: time a rebuild from SQLite
    started = time.perf_counter()
    units = lib.retriever.dense_index().size
    build_s = time.perf_counter() - started
    lib.store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    done = subprocess.run(
        [sys.executable, __file__, "--probe", str(lib.store_dir), "--eval-questions", str(questions)]
        + ([] if library else ["--index-only-above", "0"]),
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        raise SystemExit(f"probe failed: {done.stderr.strip()}")
    row = {"set": label, "units": units, "build_s": build_s} | json.loads(done.stdout.splitlines()[-1])
    question = load_questions(questions)[0]["question"]
    row["cold_index_s"] = cold_index(lib.store_dir, question)
    row["cold_start_s"] = cold_start(lib.store_dir, question) if library else None
    row["disk_mb_per_unit"] = dir_mb(lib.store_dir) / max(units, 1)
    row["dense_kb_per_unit"] = dir_mb(lib.store_dir, "dense-*") * 1024 / max(units, 1)
    print(f"  {json.dumps(row)}", file=sys.stderr, flush=True)
    return row


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


def print_table(rows: list[dict]) -> None:
    print(
        "\n| set | units | index | build s | search p50 ms (path) | p95 ms | index layer p50 / p95 ms "
        "| RSS MB (index layer) | dense p50 ms | exact flat p50 ms (baseline) | ratio | ANN recall@10 "
        "| cold start s (index) | disk KB/unit (dense) | grow units/s |\n" + "|---" * 15 + "|"
    )
    for r in rows:
        print(
            f"| {r['set']} | {r['units']} | {r['ann']} | {r['build_s']:.1f} | {r['p50_ms']:.1f} "
            f"| {r['p95_ms']:.1f} | {r['index_p50_ms']:.1f} / {r['index_p95_ms']:.1f} "
            f"| {r['rss_mb']:.0f} ({r['rss_index_mb']:.0f}) | {r['dense_p50_ms']:.2f} "
            f"| {r['exact_p50_ms']:.2f} | {r['exact_p50_ms'] / r['dense_p50_ms']:.1f}× "
            f"| {r['ann_recall10']:.3f} | {_or_dash(r['cold_start_s'])} ({r['cold_index_s']:.2f}) "
            f"| {r['disk_mb_per_unit'] * 1024:.1f} "
            f"({r['dense_kb_per_unit']:.2f}) | {r.get('grow_rate', float('nan')):.0f} |"
        )


def _or_dash(value: float | None) -> str:
    return "–" if value is None else f"{value:.2f}"


def sizes_of(args: argparse.Namespace) -> list[int]:
    values = args.units or [args.sizes]
    return sorted({int(s) for v in values for s in v.split(",") if s.strip()})


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--eval", type=Path, default=SHARED / "eval")
    parser.add_argument("--sizes", default="10000,100000,300000,1000000")
    parser.add_argument("--units", action="append", help="a size (repeatable, or a comma list)")
    parser.add_argument("--json", action="store_true", help="stdout: one JSON line per size")
    parser.add_argument("--noise", type=float, default=NOISE, help="per-dimension noise of synthetic vectors")
    parser.add_argument("--store", type=Path, help="grow the library here and keep it (default: a temp dir)")
    parser.add_argument("--laws", type=Path, help="the laws eval set: replicate its corpus to ~100k units")
    parser.add_argument("--laws-store", type=Path, help="a built store of the laws corpus (else ingested)")
    parser.add_argument("--laws-units", type=int, default=100_000)
    parser.add_argument(
        "--index-only-above",
        type=int,
        default=10**12,
        help="above this many units time the index layer alone (no qa layer, no cold start)",
    )
    parser.add_argument("--probe", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--eval-questions", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.probe:
        print(json.dumps(probe(args.probe, args.eval_questions, args.index_only_above != 0)))
        return
    out = sys.stderr if args.json else sys.stdout
    print(f"machine: {os.cpu_count()} cores, {os.uname().machine}, Python {sys.version.split()[0]}", file=out)
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        store = args.store or Path(tmp) / "synthetic"
        lib = Library.open(store)
        if not lib.exists:
            units, ingest_rate, embed_rate = ingest_throughput(lib, args.eval / "corpus")
            print("\nIngest of the real eval corpus (read + parse + embed + SQLite + FAISS)\n", file=out)
            print("| units | ingest units/s | embedder alone units/s | ratio |\n|---|---|---|---|", file=out)
            ratio = ingest_rate / embed_rate
            print(f"| {units} | {ingest_rate:.1f} | {embed_rate:.1f} | {ratio:.2f} |", file=out)
        real = real_units(lib)
        rng = np.random.default_rng(0)
        for size in sizes_of(args):
            rate = grow(lib, real, size, rng, args.noise)
            library = size <= args.index_only_above
            row = measure(lib, args.eval / "questions.jsonl", f"synthetic σ={args.noise}", library)
            rows.append(row | {"grow_rate": rate})
            if args.json:
                print(json.dumps(rows[-1]), flush=True)
        if args.laws:
            laws = Library.open(Path(tmp) / "laws")
            rate, copies = replicate(laws, args.laws, args.laws_store, args.laws_units)
            library = args.laws_units <= args.index_only_above
            row = measure(laws, args.laws / "questions.jsonl", f"laws ×{copies}", library)
            rows.append(row | {"grow_rate": rate})
            if args.json:
                print(json.dumps(rows[-1]), flush=True)
    if not args.json:
        print(
            f"\nSearch at scale: SYNTHETIC units recombined from {len(real)} real ones of the eval corpus "
            "(its questions); laws: the real laws corpus's stored documents copied under new ids and "
            "numbers (its questions)."
        )
        print_table(rows)


if __name__ == "__main__":
    main()
