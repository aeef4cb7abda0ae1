"""Retrieval and answer quality on every question set, side by side in one run.

For each set: chidao (hybrid) against lexical alone and dense alone (and, with --naive, fixed
500-character chunks embedded and searched exactly), then the answers of `chidao ask` (top citation
right, answerable found, unanswerable refused).

    .venv/bin/python bench/quality.py      # ../shared/eval, ../shared/eval-laws and bench/heldout
    .venv/bin/python bench/quality.py --set laws=../shared/eval-laws:/tmp/laws-store  # reuse a store
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

import faiss

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from chidao.evaluation import evaluate_answers, load_questions, score_retrieval  # noqa: E402
from chidao.library import Library, expand_paths  # noqa: E402
from index.embedders import load_embedder  # noqa: E402
from ingest.reader import read_file  # noqa: E402

CHUNK = 500
DEFAULT_SETS = {
    "eval": ROOT.parent / "shared" / "eval",
    "laws": ROOT.parent / "shared" / "eval-laws",
    "heldout": ROOT / "bench" / "heldout",
}


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


def run_set(name: str, folder: Path, store: Path, naive: bool) -> tuple[list, dict]:
    """Retrieval rows (system, metrics, ms/query) and answer scores of one set."""
    qs = load_questions(folder / "questions.jsonl")
    texts = [q["question"] for q in qs]
    lib = Library.open(store)
    started = time.perf_counter()
    lib.ingest([folder / "corpus"])
    print(
        f"{name}: {len(lib.documents())} documents ready in {time.perf_counter() - started:.1f} s",
        file=sys.stderr,
    )
    rows = []
    for mode, system in (("hybrid", "chidao (hybrid)"), ("lexical", "BM25 alone"), ("dense", "dense alone")):
        started = time.perf_counter()
        ranked = lib.search_many(texts, 10, mode=mode)
        ms = (time.perf_counter() - started) * 1000 / len(texts)
        rows.append(
            (
                system,
                score_retrieval(qs, [[(h.document.id, h.unit.text) for h in hits] for hits in ranked]),
                ms,
            )
        )
    if naive:
        started = time.perf_counter()
        baseline = naive_baseline(folder / "corpus", texts)
        ms = (time.perf_counter() - started) * 1000 / len(texts)  # includes chunking and embedding the corpus
        rows.append(("naive 500-char dense (ms incl. indexing)", score_retrieval(qs, baseline), ms))
    answers = evaluate_answers(qs, lib.ask)
    lib.close()
    return rows, {
        "citation@1": answers.citation_correct,
        "found": answers.answerable_found,
        "refused": f"{answers.negatives_not_found}/{answers.negatives}",
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--set", action="append", default=[], help="NAME=DIR[:STORE] (repeatable)")
    parser.add_argument("--naive", action="store_true", help="also run the naive 500-character baseline")
    args = parser.parse_args()
    sets: dict[str, tuple[Path, Path | None]] = {}
    for spec in args.set:
        name, _, rest = spec.partition("=")
        folder, _, store = rest.partition(":")
        sets[name] = (Path(folder), Path(store) if store else None)
    if not sets:
        sets = {n: (p, None) for n, p in DEFAULT_SETS.items() if (p / "questions.jsonl").exists()}
    summary = []
    with tempfile.TemporaryDirectory(prefix="chidao-quality-") as tmp:
        for name, (folder, store) in sets.items():
            rows, answers = run_set(name, folder, store or Path(tmp) / name, args.naive)
            n = rows[0][1]["overall"]["n"]
            print(f"\n### {name}: {folder} ({n} answerable questions)\n")
            print("| system | R@1 | R@5 | R@10 | MRR@10 | ms/query |\n|---|---|---|---|---|---|")
            for system, m, ms in rows:
                o = m["overall"]
                cells = [o["recall@1"], o["recall@5"], o["recall@10"], o["mrr@10"]]
                print(f"| {system} | " + " | ".join(f"{c:.3f}" for c in cells) + f" | {ms:.1f} |")
            types = sorted(rows[0][1]["by_type"])
            print("\nrecall@5 by question type\n")
            print("| system | " + " | ".join(types) + " |\n|---|" + "---|" * len(types))
            for system, m, _ in rows:
                print(
                    f"| {system} | " + " | ".join(f"{m['by_type'][t]['recall@5']:.2f}" for t in types) + " |"
                )
            summary.append((name, rows[0][1]["overall"], answers))
    print("\n### chidao on every set\n")
    print("| set | R@1 | R@5 | MRR@10 | citation@1 | found | refused |\n|---|---|---|---|---|---|---|")
    for name, o, a in summary:
        print(
            f"| {name} | {o['recall@1']:.3f} | {o['recall@5']:.3f} | {o['mrr@10']:.3f} | "
            f"{a['citation@1']:.3f} | {a['found']:.3f} | {a['refused']} |"
        )


if __name__ == "__main__":
    main()
