"""Calibrate the "không tìm thấy" model on several question sets, check it on what it was not fitted on.

Every question of the development sets (../shared/eval, ../shared/eval-laws, bench/dev2, bench/dev3)
is asked of its own library (answerable unless it is a negative) and of every other library
(unanswerable: the topic is absent there). The signals of qa/confidence.py are fitted by logistic regression on the
even half (questions in file order) and the threshold table is printed for both halves. Report-only
sets (bench/heldout) are asked of their own library and never fitted on.

    .venv/bin/python bench/calibrate.py --store eval=/path/eval-store --store laws=/path/laws-store \
        --store dev2=/path/dev2-store --store dev3=/path/dev3-store --store heldout=/path/heldout-store

A store given is reused (ingest is incremental); otherwise the corpus is ingested into a temporary one.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from chidao.evaluation import load_questions  # noqa: E402
from chidao.library import Library  # noqa: E402
from qa.confidence import SIGNALS, THRESHOLD, WEIGHTS, probability  # noqa: E402

SETS = {
    "eval": ROOT.parent / "shared" / "eval",
    "laws": ROOT.parent / "shared" / "eval-laws",
    "dev2": ROOT / "bench" / "dev2",
    "dev3": ROOT / "bench" / "dev3",
}
# Held out: written by another hand and never tuned on; its rows are reported, never fitted.
REPORT_ONLY = {"heldout": ROOT / "bench" / "heldout"}


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
                    }
                )
    return rows


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


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--store", action="append", default=[], help="NAME=DIR: a built store for a set")
    parser.add_argument("--rows", type=Path, help="read the signal rows from this JSON file (from --dump)")
    parser.add_argument("--dump", type=Path, help="write the signal rows to this JSON file")
    args = parser.parse_args()
    given = dict(s.split("=", 1) for s in args.store)
    if args.rows:
        rows = json.loads(args.rows.read_text(encoding="utf-8"))
    else:
        with tempfile.TemporaryDirectory(prefix="chidao-calibrate-") as tmp:
            libraries = {}
            for name, folder in (SETS | REPORT_ONLY).items():
                lib = Library.open(given.get(name) or Path(tmp) / name)
                lib.ingest([folder / "corpus"])
                libraries[name] = lib
            rows = collect(libraries)
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


if __name__ == "__main__":
    main()
