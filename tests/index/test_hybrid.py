"""Fusion on hand-written ranked lists."""

from __future__ import annotations

import pytest

from index.hybrid import fuse


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
