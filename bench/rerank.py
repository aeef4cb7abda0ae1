"""A learned re-ranker of an answer's candidate units, fitted on half the questions, checked on the rest.

qa/candidates.py orders an answer's candidates by a hand-weighted sum (`candidate_score`: fused search
score as a share of the best, question-term overlap, how plainly the item is addressed to the unit
asked about, a stated deadline, the document kind, quote, definition, title; frame blocks at half).
This script asks whether a model over more signals orders them better. For every answerable question
of ../shared/eval, ../shared/eval-laws, bench/dev2, bench/dev3 and bench/dev4 whose first citation
comes from that ranking (as `bench/calibrate.py --ranking` selects them), it takes the candidates
with the features of `candidate_features` plus the signals below, and fits a pairwise logistic
regression (numpy, Newton's method, L2; every question weighs the same) on the pairs (gold unit,
other unit) among the `--depth` best candidates of the current ranking, on the even half of the
questions (file order). It prints, per set and half, how often the first candidate is gold: the
current ranking, then each model. bench/heldout is asked and reported, never fitted.

Extra signals: the reciprocal lexical and dense ranks and the search position; the dense similarity
below the best one; overlap of the question with the unit's own text, and with its heading, lead-in
and text; whether it is a list element shown after a lead-in, a division, a preamble; its length;
whether it states a quantity (for "bao nhiêu" questions), a deadline; whether its document was
issued by the unit the question names; the share of the units the question names that it names.

    .venv/bin/python bench/rerank.py --store eval=/path/eval-store --store laws=/path/laws-store \
        --store dev2=… --store dev3=… --store heldout=… --store dev4=…
"""

from __future__ import annotations

import argparse
import math
import sys
import tempfile
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from calibrate import _libraries, ranked_questions  # noqa: E402

from chidao.core.model import Hit  # noqa: E402
from chidao.core.text import folded_words  # noqa: E402
from chidao.evaluation import is_relevant  # noqa: E402
from chidao.library import Library  # noqa: E402
from qa import candidates  # noqa: E402
from qa.confidence import _NOT_QUANTITY, _QUANTITY  # noqa: E402
from qa.corpus import LibraryIndex  # noqa: E402
from qa.deadline import unit_deadline  # noqa: E402
from qa.highlight import overlap  # noqa: E402
from qa.intent import Intent  # noqa: E402
from qa.search import lead_in  # noqa: E402
from qa.titles import DIVISIONS  # noqa: E402

FITTED = ("eval", "laws", "dev2", "dev3", "dev4")
REPORTED = ("heldout", "dev5")
BASE = ("retrieval", "overlap", "addressed", "deadline", "kind", "quote", "defines", "titled", "frame")
EXTRA = (
    "lex_rank",
    "dense_rank",
    "dense_gap",
    "position",
    "own",
    "context",
    "lead",
    "division",
    "preamble",
    "length",
    "quantity",
    "has_deadline",
    "issued",
    "orgs",
)
# Feature sets tried: the current score with a few signals added, and every signal raw.
MODELS = {
    "score + dense": ("score", "dense_rank", "dense_gap"),
    "score + dense + lexical": ("score", "dense_rank", "dense_gap", "lex_rank"),
    "score + own text": ("score", "own", "context"),
    "score + shape": ("score", "length", "division", "preamble", "lead"),
    "score + units": ("score", "issued", "orgs"),
    "score + all": ("score", *EXTRA),
    "all raw": (*BASE, *EXTRA),
}


def extra_features(
    intent: Intent, hit: Hit, position: int | None, best_dense: float, lib: LibraryIndex
) -> dict[str, float]:
    """The signals a re-ranker could add to `candidate_features` (see the module docstring)."""
    unit, retrieved = hit.unit, position is not None
    lead = lead_in(unit, lib)
    asks_count = " bao nhieu " in folded_words(intent.question)
    return {
        "lex_rank": 1.0 / hit.rank_lexical if retrieved and hit.rank_lexical else 0.0,
        "dense_rank": 1.0 / hit.rank_dense if retrieved and hit.rank_dense else 0.0,
        "dense_gap": hit.dense - best_dense if retrieved and hit.dense is not None else -0.3,
        "position": 1.0 / position if position else 0.0,
        "own": overlap(intent.terms, intent.bigrams, unit.text, lib.idf),
        "context": overlap(intent.terms, intent.bigrams, f"{unit.heading}\n{lead}\n{unit.text}", lib.idf),
        "lead": float(bool(lead)),
        "division": float(unit.kind in DIVISIONS),
        "preamble": float(unit.kind in ("preamble", "title", "heading")),
        "length": min(1.0, math.log(1 + len(unit.text)) / math.log(2000)),
        "quantity": float(asks_count and bool(_QUANTITY.search(_NOT_QUANTITY.sub(" ", unit.text.lower())))),
        "has_deadline": float(bool(unit_deadline(unit))),
        "issued": float(bool(intent.org) and lib.orgs.addresses(intent.org, hit.document.metadata.issuer)),
        "orgs": sum(lib.orgs.addresses(o, f"{unit.heading}\n{unit.text}") for o in intent.orgs)
        / len(intent.orgs)
        if len(intent.orgs) > 1
        else 0.0,
    }


def collect(libraries: dict[str, Library]) -> list[dict]:
    """One row per answerable question whose first citation is the top of the candidate ranking."""
    rows = []
    for set_name, position, q, intent, hits, state, filters in ranked_questions(
        libraries, (*FITTED, *REPORTED)
    ):
        where = {(h.document.id, h.unit.ordinal): i for i, h in enumerate(hits, 1)}
        best_dense = max((h.dense for h in hits if h.dense is not None), default=0.0)
        features, gold, keys = [], [], []
        for hit, base in candidates.candidate_features(intent, hits, state, filters):
            key = (hit.document.id, hit.unit.ordinal)
            extra = extra_features(intent, hit, where.get(key), best_dense, state)
            features.append(base | extra | {"score": candidates.candidate_score(base)})
            gold.append(is_relevant(hit.document.id, hit.unit.text, q["gold"]))
            keys.append(key)
        half = "fit" if position % 2 == 0 else "check"
        rows.append(
            {"set": set_name, "half": "heldout" if set_name in REPORTED else half}
            | {"id": q["id"], "features": features, "gold": gold, "keys": keys}
        )
    return rows


def ranked(row: dict, score) -> list[int]:
    """Candidate indices best first under `score`, ties in document and reading order."""
    scores = [score(f) for f in row["features"]]
    return sorted(range(len(scores)), key=lambda i: (-scores[i], *row["keys"][i]))


def fit_pairwise(rows: list[dict], names: tuple[str, ...], depth: int, l2: float) -> np.ndarray:
    """Weights of a pairwise logistic regression on (gold, other) pairs among the `depth` best
    candidates of the current ranking, on the fit half; each question weighs the same."""
    diffs, weights = [], []
    for row in rows:
        if row["half"] != "fit":
            continue
        top = ranked(row, lambda f: f["score"])[:depth]
        gold = [i for i in top if row["gold"][i]]
        other = [i for i in top if not row["gold"][i]]
        vector = [np.array([row["features"][i][n] for n in names]) for i in range(len(row["gold"]))]
        for g in gold:
            for o in other:
                diffs.append(vector[g] - vector[o])
                weights.append(1.0 / (len(gold) * len(other)))
    x, w_row = np.array(diffs), np.array(weights)
    scale = x.std(axis=0) + 1e-6
    z = x / scale
    w = np.zeros(len(names))
    for _ in range(50):
        p = 1.0 / (1.0 + np.exp(-z @ w))
        grad = z.T @ ((p - 1.0) * w_row) + l2 * w
        hess = (z * (w_row * p * (1 - p))[:, None]).T @ z + l2 * np.eye(len(names))
        w -= np.linalg.solve(hess, grad)
    return w / scale


def first_gold(rows: list[dict], score) -> list[tuple[int, int]]:
    """(first candidate gold, questions) per set and half, in the table's column order."""
    cells = []
    for set_name in (*FITTED, *REPORTED):
        for half in ("fit", "check") if set_name in FITTED else ("heldout",):
            pick = [r for r in rows if r["set"] == set_name and r["half"] == half]
            cells.append((sum(bool(r["gold"][ranked(r, score)[0]]) for r in pick), len(pick)))
    return cells


def table(rows: list[dict], depths: tuple[int, ...], penalties: tuple[float, ...]) -> None:
    columns = [f"{s} {h}" for s in FITTED for h in ("fit", "check")] + [f"{s}" for s in REPORTED]
    print("| model | depth | L2 | " + " | ".join(columns) + " | fit | check |")
    print("|---|---|---|" + "---|" * (len(columns) + 2))

    def line(name: str, depth: str, l2: str, cells: list[tuple[int, int]]) -> None:
        fit = sum(a for (a, _), c in zip(cells, columns, strict=True) if c.endswith("fit"))
        check = sum(a for (a, _), c in zip(cells, columns, strict=True) if c.endswith("check"))
        print(
            f"| {name} | {depth} | {l2} | "
            + " | ".join(f"{a}/{n}" for a, n in cells)
            + f" | {fit} | {check} |"
        )

    line("qa/candidates.py now", "–", "–", first_gold(rows, lambda f: f["score"]))
    for name, names in MODELS.items():
        for depth in depths:
            for l2 in penalties:
                w = fit_pairwise(rows, names, depth, l2)
                line(
                    name,
                    str(depth),
                    str(l2),
                    first_gold(rows, lambda f, w=w, n=names: float(np.dot(w, [f[k] for k in n]))),
                )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--store", action="append", default=[], help="NAME=DIR: a built store for a set")
    args = parser.parse_args()
    given = dict(s.split("=", 1) for s in args.store)
    with tempfile.TemporaryDirectory(prefix="chidao-rerank-") as tmp:
        rows = collect(_libraries(given, Path(tmp)))
    table(rows, depths=(5, 20), penalties=(0.3, 1.0, 3.0))


if __name__ == "__main__":
    main()
