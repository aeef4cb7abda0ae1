"""Dense retrieval: a FAISS inner-product index over unit vectors, exact below a size, HNSW above.

The index is a cache of the vectors held in SQLite. It is saved as `dense-<generation>.*` files
and only loaded when its generation equals the store's, so an ingest killed half way can never
leave FAISS and SQLite disagreeing: the stale cache is simply rebuilt from SQLite.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
from collections.abc import Callable, Sequence
from pathlib import Path

import faiss
import numpy as np

log = logging.getLogger(__name__)

# Below this many vectors an exact (flat) search is both faster to build and fast enough to query.
ANN_THRESHOLD = 50_000
HNSW_M = 32
HNSW_EF_CONSTRUCTION = 80
HNSW_EF_SEARCH = 128
_PREFIX = "dense-"
# Vectors compared with the database when a cache is loaded (beside the exact id list and the checksum).
SAMPLE_ROWS = 32
# One query at a time gains nothing from FAISS's OpenMP threads, and their spin-waiting after each
# search starves the embedder's own threads on a 2-core machine (measured: 14 ms → 1.6 s per query
# embedding). Searches run on one thread; index building uses them all.
_BUILD_THREADS = faiss.omp_get_max_threads()
faiss.omp_set_num_threads(1)


class DenseIndex:
    """Unit vectors with their unit ids and a FAISS index over them."""

    def __init__(
        self,
        ids: np.ndarray,
        vectors: np.ndarray,
        *,
        ann_threshold: int = ANN_THRESHOLD,
        index: faiss.Index | None = None,
    ) -> None:
        self.ids = np.ascontiguousarray(ids, dtype=np.int64)
        self.vectors = np.ascontiguousarray(vectors, dtype=np.float32)
        self._row_of = {int(u): i for i, u in enumerate(self.ids)}
        self.index = index if index is not None else build_faiss(self.vectors, ann_threshold)

    @property
    def size(self) -> int:
        return len(self.ids)

    @property
    def is_ann(self) -> bool:
        return isinstance(self.index, faiss.IndexHNSWFlat)

    def search(
        self, query: np.ndarray, k: int, unit_ids: Sequence[int] | None = None
    ) -> list[tuple[int, float]]:
        """Top-k (unit id, cosine similarity) for one (dim,) query vector.

        With `unit_ids` (a filter) the search is exact over just those vectors.
        """
        if self.size == 0 or k <= 0:
            return []
        q = np.asarray(query, dtype=np.float32).reshape(1, -1)
        if unit_ids is not None:
            rows = np.array([self._row_of[u] for u in unit_ids if u in self._row_of], dtype=np.int64)
            if rows.size == 0:
                return []
            scores = self.vectors[rows] @ q[0]
            top = np.argsort(-scores)[:k]
            return [(int(self.ids[rows[i]]), float(scores[i])) for i in top]
        scores, rows = self.index.search(q, min(k, self.size))
        return [(int(self.ids[r]), float(s)) for r, s in zip(rows[0], scores[0], strict=True) if r >= 0]

    def matches(self, ids: np.ndarray, vectors_of: Callable[[Sequence[int]], np.ndarray]) -> bool:
        """True when this index holds exactly the database's unit ids, and the vectors of a sample of
        them (evenly spread, both ends included) are the database's, bit for bit."""
        if not np.array_equal(self.ids, ids):
            return False
        if self.size == 0:
            return True
        rows = sorted({int(r) for r in np.linspace(0, self.size - 1, num=min(self.size, SAMPLE_ROWS))})
        return bool(np.array_equal(self.vectors[rows], vectors_of([int(self.ids[r]) for r in rows])))

    def save(self, directory: Path, generation: int) -> bool:
        """Write the cache for `generation` atomically (temp files + rename), then drop older ones.

        The cache is an optimisation: when it cannot be written (full or read-only disk, a folder in
        the way) the temp files are removed, a warning logged and False returned; the index in memory
        serves as before.
        """
        tmp = directory / f".tmp-{os.getpid()}"
        try:
            self._save(directory, generation, tmp)
        except OSError as exc:
            log.warning("dense cache not saved in %s (%s); searching from memory", directory, exc)
            for leftover in directory.glob(f"{tmp.name}.*"):
                leftover.unlink(missing_ok=True)
            return False
        _remove_orphans(directory)
        return True

    def _save(self, directory: Path, generation: int, tmp: Path) -> None:
        base = directory / f"{_PREFIX}{generation}"
        np.save(f"{tmp}.ids.npy", self.ids)
        np.save(f"{tmp}.vectors.npy", self.vectors)
        if self.is_ann:
            faiss.write_index(self.index, f"{tmp}.faiss")
            os.replace(f"{tmp}.faiss", f"{base}.faiss")
        os.replace(f"{tmp}.ids.npy", f"{base}.ids.npy")
        os.replace(f"{tmp}.vectors.npy", f"{base}.vectors.npy")
        # The stamp goes last: a cache without its stamp is never loaded.
        stamp = {
            "generation": generation,
            "size": self.size,
            "ann": self.is_ann,
            "checksum": checksum(self.ids, self.vectors),
        }
        Path(f"{tmp}.json").write_text(json.dumps(stamp))
        os.replace(f"{tmp}.json", f"{base}.json")
        # Only older generations go: a reader that built an old snapshot's index must not delete the
        # cache another process just saved for a newer one.
        for old in directory.glob(f"{_PREFIX}*"):
            number = old.name.removeprefix(_PREFIX).split(".")[0]
            if number.isdigit() and int(number) < generation and not old.is_dir():
                old.unlink(missing_ok=True)

    @classmethod
    def load(
        cls, directory: Path, generation: int, expected_size: int, ann_threshold: int = ANN_THRESHOLD
    ) -> DenseIndex | None:
        """The cache of exactly `generation` with `expected_size` vectors, else None."""
        base = directory / f"{_PREFIX}{generation}"
        try:
            stamp = json.loads(Path(f"{base}.json").read_text())
            if stamp["generation"] != generation or stamp["size"] != expected_size:
                return None
            ids = np.load(f"{base}.ids.npy")
            vectors = np.load(f"{base}.vectors.npy", mmap_mode="r")
            if len(ids) != expected_size:
                return None
            vectors = np.ascontiguousarray(vectors, dtype=np.float32)
            if "checksum" not in stamp:
                log.info("dense cache %s has no checksum (an older version); rebuilding", base)
                return None
            if stamp["checksum"] != checksum(ids, vectors):
                log.warning("dense cache %s: files do not match their checksum; rebuilding", base)
                return None
            index = faiss.read_index(f"{base}.faiss") if stamp["ann"] else None
            if index is not None:
                faiss.downcast_index(index).hnsw.efSearch = HNSW_EF_SEARCH  # type: ignore[attr-defined]
            return cls(ids, vectors, ann_threshold=ann_threshold, index=index)
        except (OSError, ValueError, KeyError, RuntimeError) as exc:
            log.info("dense cache %s not usable (%s); rebuilding", base, exc)
            return None


def checksum(ids: np.ndarray, vectors: np.ndarray) -> str:
    """BLAKE2b of ids and vectors, kept in the stamp: a cache file changed after its save is not used."""
    digest = hashlib.blake2b(digest_size=16)
    digest.update(np.ascontiguousarray(ids, dtype=np.int64).tobytes())
    digest.update(np.ascontiguousarray(vectors, dtype=np.float32).tobytes())
    return digest.hexdigest()


def _remove_orphans(directory: Path) -> None:
    """Temp files of processes that died before renaming them (kill -9 during a save)."""
    for leftover in directory.glob(".tmp-*"):
        pid = leftover.name.split(".")[1].removeprefix("tmp-")
        if pid.isdigit() and not _alive(int(pid)):
            leftover.unlink(missing_ok=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def build_faiss(vectors: np.ndarray, ann_threshold: int = ANN_THRESHOLD) -> faiss.Index:
    """IndexFlatIP (exact) for small sets, IndexHNSWFlat (inner product) from `ann_threshold` up."""
    dim = vectors.shape[1] if vectors.ndim == 2 and vectors.shape[1] else 1
    index: faiss.Index
    if len(vectors) >= ann_threshold:
        hnsw = faiss.IndexHNSWFlat(dim, HNSW_M, faiss.METRIC_INNER_PRODUCT)
        hnsw.hnsw.efConstruction = HNSW_EF_CONSTRUCTION
        hnsw.hnsw.efSearch = HNSW_EF_SEARCH
        index = hnsw
    else:
        index = faiss.IndexFlatIP(dim)
    if len(vectors):
        faiss.omp_set_num_threads(_BUILD_THREADS)
        try:
            index.add(vectors)
        finally:
            faiss.omp_set_num_threads(1)
    return index
