"""Dense index: FAISS against numpy brute force, the HNSW switch and the generation-stamped cache."""

from __future__ import annotations

import numpy as np
import pytest

from index.dense import DenseIndex


def _vectors(n: int, dim: int = 32, seed: int = 0) -> np.ndarray:
    rng = np.random.default_rng(seed)
    v = rng.standard_normal((n, dim)).astype(np.float32)
    return v / np.linalg.norm(v, axis=1, keepdims=True)


def _brute(vectors: np.ndarray, ids: np.ndarray, q: np.ndarray, k: int) -> list[int]:
    return [int(ids[i]) for i in np.argsort(-(vectors @ q))[:k]]


def test_exact_index_equals_brute_force():
    vectors = _vectors(500)
    ids = np.arange(1000, 1500, dtype=np.int64)
    index = DenseIndex(ids, vectors)
    q = _vectors(1, seed=7)[0]
    assert not index.is_ann
    assert [u for u, _ in index.search(q, 10)] == _brute(vectors, ids, q, 10)


def test_filtered_search_is_exact_over_the_subset():
    vectors = _vectors(300)
    ids = np.arange(300, dtype=np.int64)
    index = DenseIndex(ids, vectors)
    q = _vectors(1, seed=3)[0]
    subset = list(range(0, 300, 7))
    got = [u for u, _ in index.search(q, 5, unit_ids=subset)]
    assert got == _brute(vectors[subset], ids[subset], q, 5)


def test_large_sets_switch_to_hnsw_with_high_recall():
    vectors = _vectors(3000)
    ids = np.arange(3000, dtype=np.int64)
    index = DenseIndex(ids, vectors, ann_threshold=2000)
    assert index.is_ann
    queries = _vectors(50, seed=11)
    recall = np.mean(
        [len(set(u for u, _ in index.search(q, 10)) & set(_brute(vectors, ids, q, 10))) / 10 for q in queries]
    )
    assert recall >= 0.9


@pytest.mark.parametrize("ann", [False, True])
def test_cache_round_trip_and_stale_generation_is_refused(tmp_path, ann):
    vectors = _vectors(100)
    ids = np.arange(100, dtype=np.int64)
    index = DenseIndex(ids, vectors, ann_threshold=50 if ann else 1000)
    index.save(tmp_path, generation=4)
    loaded = DenseIndex.load(tmp_path, 4, 100, ann_threshold=50 if ann else 1000)
    assert loaded is not None and loaded.is_ann == ann
    q = vectors[5]
    assert loaded.search(q, 3) == index.search(q, 3)
    assert DenseIndex.load(tmp_path, 5, 100) is None
    assert DenseIndex.load(tmp_path, 4, 99) is None


def test_saving_a_new_generation_drops_the_old_cache(tmp_path):
    index = DenseIndex(np.arange(10, dtype=np.int64), _vectors(10))
    index.save(tmp_path, 1)
    index.save(tmp_path, 2)
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "dense-2.ids.npy",
        "dense-2.json",
        "dense-2.vectors.npy",
    ]
