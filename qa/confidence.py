"""How sure an answer is: signals that generalise across libraries, combined by a calibrated model.

A question is answerable when the library holds its topic and one unit says what it asks. Word
overlap with the best unit alone refuses everyday paraphrases ("tự túc đi nước ngoài" against
"xuất cảnh vì việc riêng") and accepts questions about things the library lacks that happen to share
words with it. So the signals are:

- `cover`: idf-weighted coverage of the question's content syllables and pairs by the best unit;
- `library_terms` / `library_pairs`: how much of the question's content exists anywhere in the
  library (a question on fishing licences asked of a library of civil and family law has rare
  pairs — "thủy sản", "giấy phép khai thác" — that no document holds);
- `dense` / `dense_margin`: the embedding similarity of the question and the best unit, and how far
  the top similarity stands above the library's own spread of similarities for this question;
- `gaps`: named things the library lacks (a unit, a document number, a year);
- `counted_missing`: "bao nhiêu X" where the best unit never states X.

They are combined by logistic regression (`bench/calibrate.py` fits it and prints the table).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from statistics import median

from chidao.core.model import Hit
from chidao.core.text import folded_words
from qa.corpus import LibraryIndex
from qa.facts import entity_gaps
from qa.highlight import overlap
from qa.intent import Intent

SIGNALS = ("cover", "library_terms", "library_pairs", "dense", "dense_margin", "gaps", "counted_missing")

# Logistic-regression weights over SIGNALS, fitted by bench/calibrate.py on the even-numbered
# questions of ../shared/eval and ../shared/eval-laws plus cross-set negatives (each set's questions
# asked of the other library); checked on the odd-numbered half (see the README's calibration table).
WEIGHTS = {
    "cover": 4.0,
    "library_terms": 2.0,
    "library_pairs": 2.0,
    "dense": 0.0,
    "dense_margin": 0.0,
    "gaps": -2.5,
    "counted_missing": -1.5,
}
BIAS = -3.5
# The answer is "không tìm thấy" below this probability of being answerable.
THRESHOLD = 0.5


def signals(
    intent: Intent, best: Hit, hits: Sequence[Hit], lib: LibraryIndex, extra_text: str = ""
) -> dict[str, float]:
    """The signals of one question and its best candidate unit (see the module docstring)."""
    text = f"{best.unit.heading}\n{best.unit.text}\n{extra_text}"
    dense = [h.dense for h in hits if h.dense is not None]
    top = max(dense) if dense else 0.0
    best_dense = best.dense if best.dense is not None else (min(dense) if dense else 0.0)
    return {
        "cover": overlap(intent.terms, intent.bigrams, text, lib.idf),
        "library_terms": _present(intent.terms, lib.vocabulary, lib.idf),
        "library_pairs": _present(intent.bigrams, lib.vocabulary_bigrams, None),
        "dense": best_dense,
        "dense_margin": top - median(dense) if len(dense) > 2 else 0.0,
        "gaps": float(len(entity_gaps(intent, lib))),
        "counted_missing": float(
            bool(intent.counted) and f" {intent.counted} " not in folded_words(best.unit.text)
        ),
    }


def probability(values: dict[str, float]) -> float:
    """The calibrated probability that the question is answerable from the best unit."""
    z = BIAS + sum(WEIGHTS[name] * values[name] for name in SIGNALS)
    return 1.0 / (1.0 + math.exp(-z))


def _present(items: Sequence[str], known: frozenset[str], idf: dict[str, float] | None) -> float:
    """Share of `items` (idf-weighted when given) that the library holds somewhere; 1.0 when empty."""
    if not items:
        return 1.0
    default = (idf or {}).get("", 1.0)
    weight = {t: (idf.get(t, default) if idf else 1.0) for t in items}
    total = sum(weight.values()) or 1.0
    return sum(w for t, w in weight.items() if t in known) / total
