"""Dense index: FAISS against numpy brute force, the ANN switch, filters and the float16 cache."""

from __future__ import annotations

import json

import numpy as np
import pytest

from index.dense import DenseIndex, checksum


def _vectors(n: int, dim: int = 32, seed: int = 0) -> np.ndarray:
    rng = np.random.default_rng(seed)
    v = rng.standard_normal((n, dim)).astype(np.float32)
    return v / np.linalg.norm(v, axis=1, keepdims=True)


def _clustered(n: int, dim: int = 32, seed: int = 0) -> np.ndarray:
    """Vectors around 50 centres, like texts on a few dozen topics (ANN indexes rely on that)."""
    rng = np.random.default_rng(seed)
    centres = _vectors(50, dim, seed + 1)
    v = centres[rng.integers(0, 50, n)] + rng.normal(0, 0.08, (n, dim)).astype(np.float32)
    return v / np.linalg.norm(v, axis=1, keepdims=True)


def _brute(vectors: np.ndarray, ids: np.ndarray, q: np.ndarray, k: int) -> list[int]:
    """Exact top-k over the vectors as the index keeps them (float16)."""
    scores = vectors.astype(np.float16).astype(np.float32) @ q
    return [int(ids[i]) for i in np.lexsort((ids, -scores))[:k]]


def _chunks(ids: np.ndarray, vectors: np.ndarray, size: int = 64):
    return lambda: ((ids[i : i + size], vectors[i : i + size]) for i in range(0, len(ids), size))


def test_exact_index_equals_brute_force():
    vectors = _vectors(500)
    ids = np.arange(1000, 1500, dtype=np.int64)
    index = DenseIndex(ids, vectors)
    q = _vectors(1, seed=7)[0]
    assert not index.is_ann
    assert [u for u, _ in index.search(q, 10)] == _brute(vectors, ids, q, 10)


def test_filtered_search_is_exact_over_the_subset_and_ignores_unknown_ids():
    vectors = _vectors(300)
    ids = np.arange(0, 600, 2, dtype=np.int64)
    index = DenseIndex(ids, vectors)
    q = _vectors(1, seed=3)[0]
    rows = list(range(0, 300, 7))
    got = [u for u, _ in index.search(q, 5, unit_ids=[int(ids[r]) for r in rows] + [1, 3, 10_001])]
    assert got == _brute(vectors[rows], ids[rows], q, 5)
    assert index.search(q, 5, unit_ids=[1, 3]) == []


def test_ann_past_the_threshold_agrees_with_exact_search():
    vectors = _clustered(4000)
    ids = np.arange(4000, dtype=np.int64) * 3 + 7
    index = DenseIndex(ids, vectors, ann_threshold=2000)
    assert index.is_ann
    queries = _clustered(50, seed=11)
    recall = np.mean(
        [len({u for u, _ in index.search(q, 10)} & set(_brute(vectors, ids, q, 10))) / 10 for q in queries]
    )
    assert recall >= 0.98
    # Scores are the exact cosines of the re-ranked vectors.
    unit, score = index.search(queries[0], 1)[0]
    row = int(np.searchsorted(ids, unit))
    exact = vectors[row].astype(np.float16).astype(np.float32) @ queries[0]
    assert score == pytest.approx(float(exact), abs=1e-5)


@pytest.mark.parametrize("subset", [300, 3000])
def test_filters_with_an_ann_index_stay_exact_or_close(subset):
    vectors = _clustered(4000)
    ids = np.arange(4000, dtype=np.int64)
    index = DenseIndex(ids, vectors, ann_threshold=2000)
    rows = np.random.default_rng(5).choice(4000, size=subset, replace=False)
    for q in _clustered(20, seed=13):
        got = [u for u, _ in index.search(q, 10, unit_ids=ids[rows])]
        truth = _brute(vectors[np.sort(rows)], ids[np.sort(rows)], q, 10)
        assert set(got) <= set(ids[rows].tolist())
        if subset <= 2000:  # within the ANN threshold: exact
            assert got == truth
        else:  # the ANN index restricted to the subset
            assert len(set(got) & set(truth)) >= 9


@pytest.mark.parametrize("ann", [False, True])
def test_cache_round_trip_and_stale_generation_is_refused(tmp_path, ann):
    vectors = _clustered(3000)
    ids = np.arange(3000, dtype=np.int64)
    threshold = 2000 if ann else 10_000
    index = DenseIndex(ids, vectors, ann_threshold=threshold)
    assert index.save(tmp_path, generation=4)
    loaded = DenseIndex.load(tmp_path, 4, 3000, ann_threshold=threshold)
    assert loaded is not None and loaded.is_ann == ann
    assert isinstance(loaded.vectors, np.memmap) and loaded.vectors.dtype == np.float16
    for q in vectors[:5]:
        assert loaded.search(q, 10) == index.search(q, 10)
    assert DenseIndex.load(tmp_path, 5, 3000) is None
    assert DenseIndex.load(tmp_path, 4, 2999) is None


@pytest.mark.parametrize("ann", [False, True])
def test_cache_built_from_chunks_equals_the_index_built_in_memory(tmp_path, ann):
    vectors = _clustered(3000)
    ids = np.arange(10, 3010, dtype=np.int64)
    threshold = 2000 if ann else 10_000
    built = DenseIndex.build(_chunks(ids, vectors), 3000, 32, tmp_path, 7, ann_threshold=threshold)
    in_memory = DenseIndex.build(_chunks(ids, vectors), 3000, 32, None, ann_threshold=threshold)
    assert isinstance(built.vectors, np.memmap) and not isinstance(in_memory.vectors, np.memmap)
    assert np.array_equal(built.ids, ids) and np.array_equal(built.vectors, vectors.astype(np.float16))
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        ["dense-7.ids.npy", "dense-7.f16.npy", "dense-7.json"] + (["dense-7.faiss"] if ann else [])
    )
    for q in vectors[:5]:
        assert built.search(q, 10) == in_memory.search(q, 10)
    assert built.matches(3000, lambda wanted: vectors[np.asarray(wanted) - 10])
    assert not built.matches(3001, lambda wanted: vectors[np.asarray(wanted) - 10])
    assert not built.matches(3000, lambda wanted: vectors[(np.asarray(wanted) - 9) % 3000])


def test_damaged_or_truncated_cache_is_refused(tmp_path):
    vectors = _vectors(1000)
    ids = np.arange(1000, dtype=np.int64)
    DenseIndex(ids, vectors).save(tmp_path, 3)
    good = (tmp_path / "dense-3.f16.npy").read_bytes()
    # A changed vector in the checksum's sample (the last row always is): refused.
    damaged = bytearray(good)
    damaged[-1] ^= 0x40
    (tmp_path / "dense-3.f16.npy").write_bytes(bytes(damaged))
    assert DenseIndex.load(tmp_path, 3, 1000) is None
    # A truncated file: refused by its size, before it is read.
    (tmp_path / "dense-3.f16.npy").write_bytes(good[:-64])
    assert DenseIndex.load(tmp_path, 3, 1000) is None
    # A stamp whose checksum was forged to match other vectors: refused by the stamp's checksum.
    (tmp_path / "dense-3.f16.npy").write_bytes(good)
    stamp = json.loads((tmp_path / "dense-3.json").read_text())
    stamp["checksum"] = checksum(ids, np.roll(vectors, 1, axis=0).astype(np.float16))
    (tmp_path / "dense-3.json").write_text(json.dumps(stamp))
    assert DenseIndex.load(tmp_path, 3, 1000) is None


def test_saving_a_new_generation_drops_the_old_cache(tmp_path):
    index = DenseIndex(np.arange(10, dtype=np.int64), _vectors(10))
    index.save(tmp_path, 1)
    index.save(tmp_path, 2)
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "dense-2.f16.npy",
        "dense-2.ids.npy",
        "dense-2.json",
    ]


def test_an_empty_index_searches_nothing(tmp_path):
    index = DenseIndex.build(lambda: iter(()), 0, 32, tmp_path, 1)
    assert index.size == 0 and index.search(_vectors(1)[0], 5) == []
    assert DenseIndex.load(tmp_path, 1, 0) is not None
