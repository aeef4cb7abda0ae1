"""FTS5 on its own thread or not, in ONE process, alternating per question (so a shared machine's load
falls on both alike): wall time of the index layer (`lib.retriever.search_many`) and of `lib.search`,
and whether both give the same hits.

    .venv/bin/python bench/overlap.py --store STORE [--eval ../shared/eval] [--rounds 2]

Every call embeds its question afresh (nothing is cached between calls).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from chidao.evaluation import load_questions  # noqa: E402
from chidao.library import Library  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
WAYS = {"serial": 10**12, "thread": 0}  # Retriever.parallel_from


def percentiles(times: list[float]) -> str:
    times = sorted(times)
    return f"p50 {statistics.median(times):.1f} / p95 {times[int(0.95 * (len(times) - 1))]:.1f} ms"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, required=True)
    parser.add_argument("--eval", type=Path, default=ROOT.parent / "shared" / "eval")
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    questions = [q["question"] for q in load_questions(args.eval / "questions.jsonl")]
    lib = Library.open(args.store)
    retriever = lib.retriever
    for q in questions:  # warm: the qa layer's state, the page caches
        lib.search(q, k=10)
    index: dict[str, list[float]] = {w: [] for w in WAYS}
    full: dict[str, list[float]] = {w: [] for w in WAYS}
    same = total = 0
    for round_ in range(args.rounds):
        for i, q in enumerate(questions):
            ways = list(WAYS) if (i + round_) % 2 == 0 else list(reversed(WAYS))
            hits = {}
            for way in ways:
                retriever.parallel_from = WAYS[way]
                started = time.perf_counter()
                retriever.search_many([q], 20)
                index[way].append((time.perf_counter() - started) * 1000)
                started = time.perf_counter()
                hits[way] = [(h.document.id, h.unit.ordinal, h.score) for h in lib.search(q, k=10)]
                full[way].append((time.perf_counter() - started) * 1000)
            same += hits["serial"] == hits["thread"]
            total += 1
    with open("/proc/loadavg") as fh:
        load = fh.read().split()[:3]
    print(f"{retriever.dense_index().size} units, {total} searches each way, load average {' '.join(load)}")
    for way in WAYS:
        print(f"  {way:6s}  index layer {percentiles(index[way])}   lib.search {percentiles(full[way])}")
    ratio = statistics.median(t / s for s, t in zip(full["serial"], full["thread"], strict=True))
    print(f"  lib.search thread/serial, median of per-question ratios: {ratio:.3f}; same hits {same}/{total}")
    lib.close()


if __name__ == "__main__":
    main()
