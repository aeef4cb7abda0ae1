"""Fusion of lexical and dense rankings, plus the structural signals of a query (document numbers)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

# Reciprocal-rank fusion constant (Cormack et al. 2009 use 60); smaller values trust the top
# ranks of each list more, which suits short, precise directive items. Lexical search over folded
# syllables and pairs is the stronger retriever on directive text (eval set, alone: MRR@10 0.76
# vs 0.63 for e5-small), so dense ranks count half. Measured with bench/quality.py.
RRF_K = 10
LEXICAL_WEIGHT = 1.0
DENSE_WEIGHT = 0.5
# When the two retrievers share none of their AGREEMENT_DEPTH best units, lexical has found only
# the question's framing words ("… nhà ai … được quy định như thế nào?") or dense only a topic, and
# nothing says lexical is the stronger: dense then counts as much (DISAGREEMENT_DENSE_WEIGHT). This
# happens to 3-8 % of the questions (eval 3/80, laws 8/100, dev2 2/50, dev3 2/45, heldout 0/40).
# bench/quality.py: laws R@5 0.916 → 0.926 (r-195, "Gà, vịt … đi lạc" found by dense only: rank
# none → 4), dev2 MRR@10 0.869 → 0.886; eval, dev3, heldout and every citation unchanged. A weight
# of 1.5 or 2.0 lowers laws; depth 20 gives the same laws figures and loses dev2's gain.
AGREEMENT_DEPTH = 10
DISAGREEMENT_DENSE_WEIGHT = 1.0
# Added to the fused score of units of a document whose number the query names ("KH 35"): a
# nudge worth a fifth of a top rank, because a number often names the document a question is
# *about* rather than the one that answers ("Kế hoạch thực hiện Nghị quyết 12" asks about the KH).
NUMBER_BOOST = 0.2 / (RRF_K + 1)


def dense_weight(lexical: Sequence[tuple[int, float]], dense: Sequence[tuple[int, float]]) -> float:
    """How much a dense rank counts in the fusion of two ranked (unit id, score) lists: half a
    lexical rank, or as much when the two share none of their AGREEMENT_DEPTH best units."""
    if lexical and dense:
        top = {uid for uid, _ in lexical[:AGREEMENT_DEPTH]}
        if not top & {uid for uid, _ in dense[:AGREEMENT_DEPTH]}:
            return DISAGREEMENT_DENSE_WEIGHT
    return DENSE_WEIGHT


@dataclass(frozen=True, slots=True)
class Fused:
    """A fused candidate: unit id, fused score and the ranks/scores it came with (1-based ranks)."""

    unit_id: int
    score: float
    lexical: float | None = None
    dense: float | None = None
    rank_lexical: int | None = None
    rank_dense: int | None = None


def fuse(
    lexical: Sequence[tuple[int, float]],
    dense: Sequence[tuple[int, float]],
    *,
    boosts: Mapping[int, float] | None = None,
    rrf_k: int = RRF_K,
    lexical_weight: float = LEXICAL_WEIGHT,
    dense_weight: float = DENSE_WEIGHT,
) -> list[Fused]:
    """Weighted reciprocal-rank fusion of two ranked (unit id, score) lists, best first.

    `boosts` adds a per-unit bonus (document named by number, …). Ties keep lexical order.
    """
    lex = {uid: (rank, score) for rank, (uid, score) in enumerate(lexical, start=1)}
    den = {uid: (rank, score) for rank, (uid, score) in enumerate(dense, start=1)}
    fused = []
    for uid in dict.fromkeys([*lex, *den]):
        rank_lex, score_lex = lex.get(uid, (None, None))
        rank_den, score_den = den.get(uid, (None, None))
        score = lexical_weight / (rrf_k + rank_lex) if rank_lex else 0.0
        score += dense_weight / (rrf_k + rank_den) if rank_den else 0.0
        score += boosts.get(uid, 0.0) if boosts else 0.0
        fused.append(Fused(uid, score, score_lex, score_den, rank_lex, rank_den))
    fused.sort(key=lambda f: (-f.score, f.rank_lexical or 10**9))
    return fused
