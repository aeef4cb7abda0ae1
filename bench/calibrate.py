"""Calibrate the "không tìm thấy" model on several question sets, check it on what it was not fitted on.

Every question of the development sets (../shared/eval, ../shared/eval-laws, bench/dev2,
bench/dev3, bench/dev4) is asked of its own library (answerable unless it is a negative) and of every other
library (unanswerable: the topic is absent there). The signals of qa/confidence.py are fitted by
logistic regression on the even half (questions in file order) and the threshold table is printed
for both halves. Report-only sets (bench/heldout) are asked of their own library and never fitted
on.

    .venv/bin/python bench/calibrate.py --store eval=/path/eval-store --store laws=/path/laws-store \
        --store dev2=/path/dev2-store --store dev3=/path/dev3-store --store dev4=/path/dev4-store \
        --store heldout=/path/heldout-store

A store given is reused (ingest is incremental); otherwise the corpus is ingested into a temporary one.

With --ranking it calibrates instead the weights that order an answer's candidate units (qa/candidates.py:
the fused search score as a share of the best, raised to a power, and question-term overlap): for every
answerable question of the development sets whose first citation comes from that ranking, whether the
first candidate is gold, for each weight on a grid, on the even and the odd half (and the report-only
sets, never chosen on).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from chidao.core.model import Filters  # noqa: E402
from chidao.evaluation import is_relevant, load_questions  # noqa: E402
from chidao.library import Library  # noqa: E402
from qa import answer as qa_answer  # noqa: E402
from qa import candidates  # noqa: E402
from qa.confidence import SIGNALS, THRESHOLD, WEIGHTS, probability  # noqa: E402
from qa.facts import answer_fact, answer_related  # noqa: E402
from qa.intent import detect_intent  # noqa: E402
from qa.search import structured  # noqa: E402

SETS = {
    "eval": ROOT.parent / "shared" / "eval",
    "laws": ROOT.parent / "shared" / "eval-laws",
    "dev2": ROOT / "bench" / "dev2",
    "dev3": ROOT / "bench" / "dev3",
    # An outside author's province: reported only until its first run was recorded, a development
    # set since.
    "dev4": ROOT / "bench" / "dev4",
}
# Held out: written by another hand and never tuned on; its rows are reported, never fitted.
# dev5 (an outside author's border province, written this session) is reported, never fitted: its
# first run is the figure for a province none of the weights has seen.
# dev6, dev7 and dev8 (outside authors' city, coastal and highland provinces, session 7) likewise.
REPORT_ONLY = {
    "heldout": ROOT / "bench" / "heldout",
    "dev5": ROOT / "bench" / "dev5",
    "dev6": ROOT / "bench" / "dev6",
    "dev7": ROOT / "bench" / "dev7",
    "dev8": ROOT / "bench" / "dev8",
}


def collect(libraries: dict[str, Library]) -> list[dict]:
    """One row per (question, library) whose answer went through the confidence model."""
    rows = []
    for set_name, folder in (SETS | REPORT_ONLY).items():
        questions = load_questions(folder / "questions.jsonl")
        for lib_name, lib in libraries.items():
            if (set_name in REPORT_ONLY or lib_name in REPORT_ONLY) and lib_name != set_name:
                continue  # the held-out library and questions are only asked of each other
            for position, q in enumerate(questions):
                answer = lib.ask(q["question"])
                if not answer.signals:
                    continue  # facts and related documents come from metadata, not from this model
                own = lib_name == set_name
                rows.append(
                    {
                        "id": q["id"],
                        "set": set_name,
                        "library": lib_name,
                        "kind": "answerable" if own and q.get("gold") else ("negative" if own else "cross"),
                        # Alternate questions in file order: the laws set's ids are all odd.
                        "half": "heldout"
                        if set_name in REPORT_ONLY
                        else ("fit" if position % 2 == 0 else "check"),
                        "x": [dict(answer.signals)[s] for s in SIGNALS],
                        # As answered: with what overrides the model (a unit's task list, a quote).
                        "confidence": answer.confidence,
                    }
                )
    return rows


def ranked_questions(libraries: dict[str, Library], names: Iterable[str]) -> Iterator[tuple]:
    """(set name, position, question, intent, hits, state, filters) of every answerable question of
    the named sets whose first citation is the top of qa/candidates.py's candidate ranking (not a
    fact, a related-documents answer or a unit's task list)."""
    for set_name in names:
        folder = (SETS | REPORT_ONLY)[set_name]
        lib = libraries[set_name]
        state, filters = lib._qa_state(), Filters()
        for position, q in enumerate(load_questions(folder / "questions.jsonl")):
            if not q.get("gold"):
                continue
            intent = detect_intent(q["question"], state.orgs)
            fused = lib.retriever.search_many([q["question"]], 2 * qa_answer.SEARCH_K, filters)[0]
            if intent.kind == "related" and answer_related(q["question"], intent, fused, state, filters):
                continue
            hits = structured(intent, fused, state, filters)[: qa_answer.SEARCH_K]
            if intent.kind == "fact" and answer_fact(q["question"], intent, hits, state, filters):
                continue
            if candidates.general_tasks(intent, state):
                continue  # a unit's task list is ordered by how plainly each item is addressed
            yield set_name, position, q, intent, hits, state, filters


def ranking_rows(libraries: dict[str, Library]) -> list[dict]:
    """One row per answerable question whose first citation is the top of qa/candidates.py's candidate
    ranking: its candidates' features, whether each is gold, and their tie-break keys."""
    rows = []
    ranked = ranked_questions(libraries, SETS | REPORT_ONLY)
    for set_name, position, q, intent, hits, state, filters in ranked:
        scored = candidates.candidate_features(intent, hits, state, filters)
        half = "fit" if position % 2 == 0 else "check"
        rows.append(
            {
                "id": q["id"],
                "set": set_name,
                "half": "heldout" if set_name in REPORT_ONLY else half,
                "features": [f for _, f in scored],
                "gold": [is_relevant(h.document.id, h.unit.text, q["gold"]) for h, _ in scored],
                "keys": [(h.document.id, h.unit.ordinal) for h, _ in scored],
            }
        )
    return rows


def ranking_table(rows: list[dict]) -> None:
    """First candidate gold, per set and half, for each (retrieval, overlap, power) on a grid,
    best on the fit half first."""
    grid = [
        {"retrieval": r, "overlap": o, "power": p}
        for r in (0.2, 0.35, 0.5, 0.7, 1.0)
        for o in (0.2, 0.3, 0.45, 0.6)
        for p in (0.5, 1.0, 2.0, 3.0)
    ]
    groups = [(h, s) for h in ("fit", "check") for s in SETS] + [("heldout", s) for s in REPORT_ONLY]
    results = []
    for weights in grid:
        cells = []
        for half, set_name in groups:
            pick = [r for r in rows if r["half"] == half and r["set"] == set_name]
            right = 0
            for r in pick:
                scores = [candidates.candidate_score(f, weights) for f in r["features"]]
                order = sorted(range(len(scores)), key=lambda i, sc=scores, r=r: (-sc[i], *r["keys"][i]))
                right += bool(order) and r["gold"][order[0]]
            cells.append((right, len(pick)))
        results.append((weights, cells))
    fit = [i for i, (h, _) in enumerate(groups) if h == "fit"]
    results.sort(key=lambda x: -sum(x[1][i][0] for i in fit))
    print("| retrieval | overlap | power | " + " | ".join(f"{h} {s}" for h, s in groups) + " |")
    print("|---|---|---|" + "---|" * len(groups))
    for weights, cells in results:
        print(
            f"| {weights['retrieval']} | {weights['overlap']} | {weights['power']} | "
            + " | ".join(f"{a}/{n}" for a, n in cells)
            + " |"
        )
    now = f"retrieval {candidates.W_RETRIEVAL}, overlap {candidates.W_OVERLAP}, power 1"
    print(f"\nqa/candidates.py now: {now}")


def fit(x: np.ndarray, y: np.ndarray, l2: float = 1.0, steps: int = 60) -> tuple[float, np.ndarray]:
    """Logistic regression by Newton's method on standardised signals with an L2 penalty (bias
    unpenalised); returns the bias and the weights of the raw signals."""
    mu, sd = x.mean(axis=0), x.std(axis=0) + 1e-9
    a = np.hstack([np.ones((len(x), 1)), (x - mu) / sd])
    w = np.zeros(a.shape[1])
    penalty = np.eye(a.shape[1]) * l2
    penalty[0, 0] = 0.0
    for _ in range(steps):
        p = 1.0 / (1.0 + np.exp(-a @ w))
        grad = a.T @ (p - y) + penalty @ w
        hess = a.T @ (a * (p * (1 - p))[:, None]) + penalty
        w -= np.linalg.solve(hess, grad)
    raw = w[1:] / sd
    return float(w[0] - (raw * mu).sum()), raw


def table(rows: list[dict], probs: np.ndarray, thresholds: list[float]) -> None:
    print("| threshold | half | set | answerable found | negatives refused | cross-set refused |")
    print("|---|---|---|---|---|---|")
    for t in thresholds:
        for half in ("fit", "check", "heldout"):
            for set_name in SETS if half != "heldout" else REPORT_ONLY:
                pick = [
                    (r, p)
                    for r, p in zip(rows, probs, strict=True)
                    if r["half"] == half and r["set"] == set_name
                ]

                def rate(kind: str, refused: bool, pick=pick, t=t) -> str:
                    sel = [p for r, p in pick if r["kind"] == kind]
                    if not sel:
                        return "–"
                    hit = sum((p < t) if refused else (p >= t) for p in sel)
                    return f"{hit / len(sel):.2f} ({hit}/{len(sel)})"

                print(
                    f"| {t:.2f} | {half} | {set_name} | {rate('answerable', False)} | "
                    f"{rate('negative', True)} | {rate('cross', True)} |"
                )


def _libraries(given: dict[str, str], tmp: Path) -> dict[str, Library]:
    """Every set's library: the store given for it, else its corpus ingested under `tmp`."""
    libraries = {}
    for name, folder in (SETS | REPORT_ONLY).items():
        lib = Library.open(given.get(name) or tmp / name)
        lib.ingest([folder / "corpus"])
        libraries[name] = lib
    return libraries


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--store", action="append", default=[], help="NAME=DIR: a built store for a set")
    parser.add_argument("--rows", type=Path, help="read the signal rows from this JSON file (from --dump)")
    parser.add_argument("--dump", type=Path, help="write the signal rows to this JSON file")
    parser.add_argument("--ranking", action="store_true", help="calibrate the candidate ranking weights")
    args = parser.parse_args()
    given = dict(s.split("=", 1) for s in args.store)
    if args.ranking:
        with tempfile.TemporaryDirectory(prefix="chidao-calibrate-") as tmp:
            ranking_table(ranking_rows(_libraries(given, Path(tmp))))
        return
    if args.rows:
        rows = json.loads(args.rows.read_text(encoding="utf-8"))
    else:
        with tempfile.TemporaryDirectory(prefix="chidao-calibrate-") as tmp:
            rows = collect(_libraries(given, Path(tmp)))
    if args.dump:
        args.dump.write_text(json.dumps(rows, ensure_ascii=False), encoding="utf-8")
    used = [SIGNALS.index(name) for name in WEIGHTS]
    x = np.array([[r["x"][i] for i in used] for r in rows])
    # Answerable (own library, gold) against negatives and cross-set questions.
    y = np.array([1.0 if r["kind"] == "answerable" else 0.0 for r in rows])
    fit_rows = np.array([r["half"] == "fit" for r in rows])
    bias, w = fit(x[fit_rows], y[fit_rows])
    print("fitted on", int(fit_rows.sum()), "rows; checked on", int((~fit_rows).sum()))
    print("BIAS =", round(bias, 2))
    print(
        "WEIGHTS = {"
        + ", ".join(f'"{s}": {round(float(v), 2)}' for s, v in zip(WEIGHTS, w, strict=True))
        + "}"
    )
    fitted = 1.0 / (1.0 + np.exp(-(x @ w + bias)))
    print("\nWith the fitted weights:")
    table(rows, fitted, [0.2, 0.3, 0.4, 0.5])
    current = np.array([probability(dict(zip(SIGNALS, r["x"], strict=True))) for r in rows])
    print(f"\nWith the weights in qa/confidence.py (threshold {THRESHOLD}):")
    table(rows, current, [THRESHOLD])
    if all("confidence" in r for r in rows):
        # What the answers said: the model, raised for a unit's own task list or a quote held.
        print(f"\nAs answered (qa/answer.py, threshold {THRESHOLD}):")
        table(rows, np.array([r["confidence"] for r in rows]), [THRESHOLD])


if __name__ == "__main__":
    main()
