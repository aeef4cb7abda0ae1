"""Which approximate index keeps recall at a million units: the candidates for index/dense.py compared
on recall@10 against exact search, memory, build time and query time, in one run.

    .venv/bin/python bench/ann.py --store STORE [--sizes 300000,1000000] [--eval ../shared/eval]

Vectors are SYNTHETIC, grown from the store's real unit vectors as bench/speed.py grows its library
(0.7·a + 0.3·b + noise, normalised; --noise 0.05 makes them near-random, a worst case); queries are
the eval questions embedded for real. Exact search over float32 is the truth. Every search runs on
one thread, as the library searches.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import faiss
import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.growth import NOISE  # noqa: E402
from chidao.evaluation import load_questions  # noqa: E402
from chidao.library import Library  # noqa: E402
from index.dense import build_faiss  # noqa: E402

K = 10
BUILD_THREADS = faiss.omp_get_max_threads()


def synthetic(real: np.ndarray, n: int, rng: np.random.Generator, noise: float) -> np.ndarray:
    out = np.empty((n, real.shape[1]), dtype=np.float32)
    for start in range(0, n, 65536):
        m = min(65536, n - start)
        a, b = rng.integers(0, len(real), size=(2, m))
        v = 0.7 * real[a] + 0.3 * real[b] + rng.normal(0, noise, size=(m, real.shape[1])).astype(np.float32)
        out[start : start + m] = v / np.linalg.norm(v, axis=1, keepdims=True)
    return out


def index_bytes(index: faiss.Index) -> int:
    with tempfile.NamedTemporaryFile() as fh:
        faiss.write_index(index, fh.name)
        return Path(fh.name).stat().st_size


def rerank(f16: np.ndarray, q: np.ndarray, rows: np.ndarray, k: int) -> np.ndarray:
    rows = np.sort(rows[rows >= 0])
    scores = f16[rows].astype(np.float32) @ q
    return rows[np.argsort(-scores)[:k]]


def run(
    name: str,
    build: Callable[[np.ndarray], faiss.Index],
    vectors: np.ndarray,
    f16: np.ndarray,
    queries: np.ndarray,
    truth: np.ndarray,
    candidates: int,
    settings: list[tuple[str, Callable[[faiss.Index], None]]],
) -> list[dict]:
    faiss.omp_set_num_threads(BUILD_THREADS)
    started = time.perf_counter()
    index = build(vectors)
    build_s = time.perf_counter() - started
    faiss.omp_set_num_threads(1)
    size = index_bytes(index)
    rows = []
    for label, apply in settings:
        apply(index)
        got, times = [], []
        for q in queries:
            t = time.perf_counter()
            _, cand = index.search(q.reshape(1, -1), candidates)
            top = rerank(f16, q, cand[0], K) if candidates > K else cand[0]
            times.append((time.perf_counter() - t) * 1000)
            got.append(top)
        recall = float(np.mean([len(set(t) & set(g)) / K for t, g in zip(truth, got, strict=True)]))
        rows.append(
            {
                "index": f"{name} {label}",
                "build_s": build_s,
                "index_mb": size / 2**20,
                "p50_ms": statistics.median(times),
                "recall10": recall,
            }
        )
        print(f"  {rows[-1]}", file=sys.stderr, flush=True)
    return rows


def hnsw_flat(v: np.ndarray) -> faiss.Index:
    index = faiss.IndexHNSWFlat(v.shape[1], 32, faiss.METRIC_INNER_PRODUCT)
    index.hnsw.efConstruction = 80
    index.add(v)
    return index


def hnsw_sq8(v: np.ndarray) -> faiss.Index:
    index = faiss.IndexHNSWSQ(v.shape[1], faiss.ScalarQuantizer.QT_8bit, 32, faiss.METRIC_INNER_PRODUCT)
    index.hnsw.efConstruction = 80
    index.train(v[:100_000])
    index.add(v)
    return index


def ivf_pq(v: np.ndarray) -> faiss.Index:
    nlist = int(np.sqrt(len(v)))
    index = faiss.IndexIVFPQ(
        faiss.IndexFlatIP(v.shape[1]), v.shape[1], nlist, 48, 8, faiss.METRIC_INNER_PRODUCT
    )
    index.train(v[np.linspace(0, len(v) - 1, 40 * nlist).astype(int)])
    index.add(v)
    return index


def ivf_sq8(v: np.ndarray) -> faiss.Index:
    """The library's own index (index/dense.py)."""
    return build_faiss(v, ann_threshold=0)


def ef(value: int) -> Callable[[faiss.Index], None]:
    def apply(index: faiss.Index) -> None:
        index.hnsw.efSearch = value

    return apply


def nprobe(value: int) -> Callable[[faiss.Index], None]:
    def apply(index: faiss.Index) -> None:
        index.nprobe = value

    return apply


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, required=True, help="a built store: its real unit vectors")
    parser.add_argument("--eval", type=Path, default=Path(__file__).resolve().parents[2] / "shared" / "eval")
    parser.add_argument("--sizes", default="300000,1000000")
    parser.add_argument("--only", default="", help="comma list of hnsw-flat, hnsw-sq8, ivf-pq, ivf-sq8")
    parser.add_argument("--noise", type=float, default=NOISE, help="per-dimension noise of synthetic vectors")
    args = parser.parse_args()
    lib = Library.open(args.store)
    _, real = lib.store.all_vectors()
    questions = load_questions(args.eval / "questions.jsonl")
    queries = lib.embedder.embed_queries([q["question"] for q in questions])
    only = set(filter(None, args.only.split(",")))
    table = []
    for n in (int(s) for s in args.sizes.split(",")):
        vectors = synthetic(real, n, np.random.default_rng(0), args.noise)
        f16 = vectors.astype(np.float16)
        exact = faiss.IndexFlatIP(vectors.shape[1])
        exact.add(vectors)
        _, truth = exact.search(queries, K)
        del exact
        print(f"{n} units, noise {args.noise}", file=sys.stderr, flush=True)
        plans = [
            ("hnsw-flat", hnsw_flat, K, [("efS=128", ef(128))]),
            ("hnsw-sq8", hnsw_sq8, 100, [("efS=128 +rerank100", ef(128)), ("efS=256 +rerank100", ef(256))]),
            ("ivf-pq", ivf_pq, 200, [(f"nprobe={p} +rerank200", nprobe(p)) for p in (32, 64, 128)]),
            ("ivf-sq8", ivf_sq8, 200, [(f"nprobe={p} +rerank200", nprobe(p)) for p in (16, 32, 64)]),
        ]
        for name, build, candidates, settings in plans:
            if only and name not in only:
                continue
            for row in run(name, build, vectors, f16, queries, truth, candidates, settings):
                table.append({"units": n} | row)
    print("\n| units | index | build s | index MB | p50 ms (1 thread, incl. re-rank) | recall@10 |")
    print("|---|---|---|---|---|---|")
    for r in table:
        print(
            f"| {r['units']} | {r['index']} | {r['build_s']:.0f} | {r['index_mb']:.0f} | {r['p50_ms']:.2f} "
            f"| {r['recall10']:.3f} |"
        )


if __name__ == "__main__":
    main()
