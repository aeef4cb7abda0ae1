"""Retrieval quality on the eval set, side by side in one run: chidao (hybrid) vs lexical alone,
dense alone and a naive baseline (fixed 500-character chunks, dense only, FAISS flat).

    .venv/bin/python bench/quality.py [--eval ../shared/eval]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

import faiss

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from chidao.evaluation import load_questions, score_retrieval  # noqa: E402
from chidao.library import Library, expand_paths  # noqa: E402
from index.embedders import load_embedder  # noqa: E402
from ingest.reader import read_file  # noqa: E402

CHUNK = 500


def naive_baseline(corpus: Path, questions: list[str], k: int = 10) -> list[list[tuple[str, str]]]:
    """Fixed 500-char chunks of the extracted text, e5 embeddings, exact inner-product search."""
    embedder = load_embedder(None)
    chunks: list[tuple[str, str]] = []
    for path in expand_paths([corpus]):
        text = read_file(path).text
        chunks += [(path.name, text[i : i + CHUNK]) for i in range(0, len(text), CHUNK)]
    vectors = embedder.embed_passages([c[1] for c in chunks])
    index = faiss.IndexFlatIP(vectors.shape[1])
    index.add(vectors)
    _, rows = index.search(embedder.embed_queries(questions), k)
    return [[chunks[r] for r in row if r >= 0] for row in rows]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--eval", type=Path, default=Path(__file__).resolve().parents[2] / "shared" / "eval")
    args = parser.parse_args()
    qs = load_questions(args.eval / "questions.jsonl")
    texts = [q["question"] for q in qs]
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        lib = Library.open(tmp)
        started = time.perf_counter()
        lib.ingest([args.eval / "corpus"])
        print(
            f"ingested {len(lib.documents())} documents in {time.perf_counter() - started:.1f} s",
            file=sys.stderr,
        )
        for mode, name in (
            ("hybrid", "chidao (hybrid)"),
            ("lexical", "BM25 alone"),
            ("dense", "dense alone"),
        ):
            started = time.perf_counter()
            ranked = lib.search_many(texts, 10, mode=mode)
            ms = (time.perf_counter() - started) * 1000 / len(texts)
            pairs = [[(h.document.id, h.unit.text) for h in hits] for hits in ranked]
            rows.append((name, score_retrieval(qs, pairs), ms))
    started = time.perf_counter()
    baseline = naive_baseline(args.eval / "corpus", texts)
    ms = (time.perf_counter() - started) * 1000 / len(texts)  # includes chunking and embedding the corpus
    rows.append(("naive 500-char dense (ms incl. indexing)", score_retrieval(qs, baseline), ms))
    print(f"\nRetrieval quality on {args.eval} ({sum(bool(q['gold']) for q in qs)} answerable questions)\n")
    print("| system | R@1 | R@5 | R@10 | MRR@10 | ms/query |\n|---|---|---|---|---|---|")
    for name, m, ms in rows:
        o = m["overall"]
        cells = [o["recall@1"], o["recall@5"], o["recall@10"], o["mrr@10"]]
        print(f"| {name} | " + " | ".join(f"{c:.3f}" for c in cells) + f" | {ms:.1f} |")
    types = sorted(rows[0][1]["by_type"])
    print("\nrecall@5 by question type\n")
    print("| system | " + " | ".join(types) + " |\n|---|" + "---|" * len(types))
    for name, m, _ in rows:
        print(f"| {name} | " + " | ".join(f"{m['by_type'][t]['recall@5']:.2f}" for t in types) + " |")


if __name__ == "__main__":
    main()
