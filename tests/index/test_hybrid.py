"""Fusion on hand-written ranked lists."""

from __future__ import annotations

import pytest

from index.hybrid import DENSE_WEIGHT, DISAGREEMENT_DENSE_WEIGHT, LEXICAL_WEIGHT, dense_weight, fuse


def test_rrf_prefers_units_found_by_both_retrievers():
    lexical = [(1, 9.0), (2, 8.0), (3, 7.0)]
    dense = [(3, 0.9), (4, 0.8), (1, 0.7)]
    fused = fuse(lexical, dense, rrf_k=60, lexical_weight=1.0, dense_weight=1.0)
    assert [f.unit_id for f in fused] == [1, 3, 2, 4]
    assert fused[0].rank_lexical == 1 and fused[0].rank_dense == 3
    assert fused[0].score == pytest.approx(1 / 61 + 1 / 63)


def test_boost_lifts_a_unit_of_the_named_document():
    fused = fuse([(1, 2.0), (2, 1.0)], [], boosts={2: 1.0})
    assert [f.unit_id for f in fused] == [2, 1]


def test_weights_shift_the_balance():
    fused = fuse([(1, 2.0)], [(2, 0.9)], lexical_weight=0.5, dense_weight=1.0)
    assert [f.unit_id for f in fused] == [2, 1]


def test_dense_counts_as_much_as_lexical_when_the_two_share_no_top_unit():
    # Lexical found only framing words (units 1-10), dense the topic (unit 11 first).
    lexical = [(uid, 10.0 - uid) for uid in range(1, 11)]
    dense = [(11, 0.9), *((uid, 0.5) for uid in range(12, 21))]
    assert dense_weight(lexical, dense) == DISAGREEMENT_DENSE_WEIGHT == LEXICAL_WEIGHT
    fused = fuse(lexical, dense, dense_weight=dense_weight(lexical, dense))
    assert [f.unit_id for f in fused[:2]] == [1, 11]  # tied score: lexical order first
    assert [f.unit_id for f in fuse(lexical, dense)[:2]] == [1, 2]  # at half weight: below lexical's second


def test_dense_counts_half_when_the_two_agree_on_one_top_unit():
    lexical = [(uid, 10.0 - uid) for uid in range(1, 11)]
    dense = [(11, 0.9), (10, 0.8)]
    assert dense_weight(lexical, dense) == DENSE_WEIGHT
    assert dense_weight(lexical, []) == DENSE_WEIGHT
