"""Dense retrieval: unit vectors as float16 in a memory-mapped cache, searched exactly (FAISS flat) in
a small library and through an IVF index of 8-bit codes whose candidates are re-ranked on the float16
vectors in a large one.

SQLite holds the vectors' truth (float32, index/store.py). The cache beside it, per store generation G:

    dense-G.ids.npy   unit ids, ascending (int64); a unit's row is found by binary search
    dense-G.f16.npy   their vectors as float16, row i ↔ ids[i]; memory-mapped, never read whole
    dense-G.faiss     the IVF-SQ8 index (from ANN_THRESHOLD vectors up)
    dense-G.json      the stamp, written last: generation, size, dim, file sizes, checksum

A cache is used only for the store generation it names, so an ingest killed half way can never leave
FAISS and SQLite disagreeing: the stale cache is simply rebuilt from SQLite, in chunks. Opening a
cache costs no scan of the vectors (see `load`).
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

import faiss
import numpy as np
from numpy.lib.format import open_memmap

log = logging.getLogger(__name__)

# Below this many vectors an exact (flat) search is fast enough (about 5 ms at 50k on one core) and
# needs no training; its float32 copy in memory is at most 77 MB.
ANN_THRESHOLD = 50_000
# The ANN index, chosen with bench/ann.py on SYNTHETIC vectors grown from the eval corpus's real ones
# (noise 0.015, see bench/growth.py) and the 80 eval questions, recall@10 against exact float32 search
# at 300k vectors (2 loaded cores):
#   HNSW flat (M=32, efSearch=128), the former index: recall 0.78 at noise 0.05, float32 vectors
#     held twice (cache + graph: 1.8 GB at 1M) and a 15-minute build at 300k;
#   IVF-PQ (48-byte codes, sqrt(n) lists) + exact re-rank of 200: 17 MB, recall 0.58 whatever the
#     nprobe: near-duplicate units differ by less than the PQ error;
#   IVF-SQ8 (one byte a dimension, sqrt(n) lists) + exact re-rank of RERANK from float16: recall
#     0.986 at nprobe 16, 0.999 at NPROBE 32, built in 17 s; 384 bytes a vector — chosen.
NPROBE = 32
RERANK = 200
TRAIN_PER_LIST = 40  # k-means sample: 40 vectors per inverted list (FAISS warns below 39)
_PREFIX = "dense-"
_CHUNK = 32_768
# Vectors compared with the database when a cache is loaded, and rows hashed into its checksum
# (evenly spread, both ends included): the cheap check that replaces hashing every vector at open.
SAMPLE_ROWS = 32
CHECKSUM_ROWS = 4_096
# One query at a time gains nothing from FAISS's OpenMP threads, and their spin-waiting after each
# search starves the embedder's own threads on a 2-core machine (measured: 14 ms → 1.6 s per query
# embedding). Searches run on one thread; index building uses all that OpenMP may run: asked for
# more threads than OMP_THREAD_LIMIT allows, FAISS's k-means does not finish (IVF training of 12.6k
# vectors: 0.6 s on one thread, still running after 25 min when asked for 2 under OMP_THREAD_LIMIT=1).
_LIMIT = os.environ.get("OMP_THREAD_LIMIT", "").strip()
_BUILD_THREADS = min(
    faiss.omp_get_max_threads(), int(_LIMIT) if _LIMIT.isdigit() and int(_LIMIT) else 1 << 16
)
faiss.omp_set_num_threads(1)

Chunks = Callable[[], Iterable[tuple[np.ndarray, np.ndarray]]]


class DenseIndex:
    """Unit ids (ascending), their float16 vectors and a FAISS index over them."""

    def __init__(
        self,
        ids: np.ndarray,
        vectors: np.ndarray,
        *,
        ann_threshold: int = ANN_THRESHOLD,
        index: faiss.Index | None = None,
    ) -> None:
        self.ids = ids if ids.dtype == np.int64 else np.asarray(ids, dtype=np.int64)
        self.vectors = vectors if vectors.dtype == np.float16 else np.asarray(vectors, dtype=np.float16)
        if len(self.ids) > 1 and not bool(np.all(self.ids[1:] > self.ids[:-1])):
            order = np.argsort(self.ids, kind="stable")
            self.ids, self.vectors = self.ids[order], self.vectors[order]
        self.ann_threshold = ann_threshold
        self.index = index if index is not None else build_faiss(self.vectors, ann_threshold)

    @property
    def size(self) -> int:
        return len(self.ids)

    @property
    def is_ann(self) -> bool:
        return not isinstance(self.index, faiss.IndexFlat)

    def search(
        self, query: np.ndarray, k: int, unit_ids: Sequence[int] | np.ndarray | None = None
    ) -> list[tuple[int, float]]:
        """Top-k (unit id, cosine similarity) for one (dim,) query vector.

        With `unit_ids` (a filter) the search is exact over just those vectors; a filter that keeps
        more than the ANN threshold searches the ANN index restricted to them.
        """
        if self.size == 0 or k <= 0:
            return []
        q = np.asarray(query, dtype=np.float32).reshape(-1)
        if unit_ids is not None:
            rows = self.rows_of(unit_ids)
            if not self.is_ann or len(rows) <= self.ann_threshold:
                return self._exact(q, rows, k)
            selector = faiss.IDSelectorBatch(rows)
            params = faiss.SearchParametersIVF()
            params.sel, params.nprobe = selector, NPROBE
            _, found = self.index.search(q.reshape(1, -1), max(k, RERANK), params=params)
            return self._exact(q, found[0][found[0] >= 0], k)
        if not self.is_ann:
            scores, found = self.index.search(q.reshape(1, -1), min(k, self.size))
            return [(int(self.ids[r]), float(s)) for r, s in zip(found[0], scores[0], strict=True) if r >= 0]
        _, found = self.index.search(q.reshape(1, -1), max(k, RERANK))
        return self._exact(q, found[0][found[0] >= 0], k)

    def rows_of(self, unit_ids: Sequence[int] | np.ndarray) -> np.ndarray:
        """Rows (ascending) of the given unit ids; ids not in the index are left out."""
        return _matching(self.ids, np.unique(np.asarray(unit_ids, dtype=np.int64)))

    def _exact(self, q: np.ndarray, rows: np.ndarray, k: int) -> list[tuple[int, float]]:
        """Exact top-k over some rows, read from the float16 vectors a chunk at a time."""
        rows = np.unique(rows)
        best_rows = np.zeros(0, dtype=np.int64)
        best = np.zeros(0, dtype=np.float32)
        for start in range(0, len(rows), _CHUNK):
            chunk = rows[start : start + _CHUNK]
            scores = self.vectors[chunk].astype(np.float32) @ q
            best_rows, best = np.concatenate([best_rows, chunk]), np.concatenate([best, scores])
            if len(best) > k:
                keep = np.argpartition(-best, k)[:k]
                best_rows, best = best_rows[keep], best[keep]
        order = np.lexsort((best_rows, -best))[:k]
        return [(int(self.ids[best_rows[i]]), float(best[i])) for i in order]

    def matches(self, count: int, vectors_of: Callable[[Sequence[int]], np.ndarray]) -> bool:
        """True when this index holds as many vectors as the database, and the vectors of a sample
        of its units (evenly spread, both ends included) are the database's, rounded to float16."""
        if self.size != count:
            return False
        if self.size == 0:
            return True
        rows = _spread(self.size, SAMPLE_ROWS)
        try:
            stored = vectors_of([int(self.ids[r]) for r in rows])
        except KeyError:  # a unit of the cache is not in the database
            return False
        return bool(np.array_equal(np.asarray(self.vectors[rows]), stored.astype(np.float16)))

    # -- the cache ----------------------------------------------------------------------------

    @classmethod
    def build(
        cls,
        chunks: Chunks,
        size: int,
        dim: int,
        directory: Path | None = None,
        generation: int = 0,
        ann_threshold: int = ANN_THRESHOLD,
    ) -> DenseIndex:
        """The index of `size` vectors read from `chunks()` ((ids, float32 vectors) pairs, ids
        ascending), written straight into the cache files of `generation` in `directory`.

        Without a directory (a read-only store), or when the cache cannot be written (full disk,
        a folder in the way: a warning is logged), the vectors are held in memory instead.
        """
        if directory is not None:
            tmp = directory / f".tmp-{os.getpid()}"
            try:
                ids = open_memmap(f"{tmp}.ids.npy", "w+", np.int64, (size,))
                vectors = open_memmap(f"{tmp}.f16.npy", "w+", np.float16, (size, dim))
                _fill(ids, vectors, chunks())
                ids.flush()
                vectors.flush()
                dense = cls(ids, vectors, ann_threshold=ann_threshold)
                dense._commit(directory, generation, tmp)
                del ids, vectors, dense
                loaded = cls.load(directory, generation, size, ann_threshold)
                if loaded is not None:
                    return loaded
            except OSError as exc:
                _cache_not_saved(directory, tmp, exc)
        in_memory = np.empty(size, dtype=np.int64), np.empty((size, dim), dtype=np.float16)
        _fill(*in_memory, chunks())
        return cls(*in_memory, ann_threshold=ann_threshold)

    def save(self, directory: Path, generation: int) -> bool:
        """Write the cache for `generation` atomically (temp files + rename), then drop older ones.

        The cache is an optimisation: when it cannot be written (full or read-only disk, a folder in
        the way) the temp files are removed, a warning logged and False returned; the index in memory
        serves as before.
        """
        tmp = directory / f".tmp-{os.getpid()}"
        try:
            np.save(f"{tmp}.ids.npy", self.ids)
            np.save(f"{tmp}.f16.npy", self.vectors)
            self._commit(directory, generation, tmp)
        except OSError as exc:
            _cache_not_saved(directory, tmp, exc)
            return False
        return True

    def _commit(self, directory: Path, generation: int, tmp: Path) -> None:
        """Rename the temp files `tmp.*` (ids, vectors, and the FAISS index written here) into the
        cache of `generation`, the stamp last: a cache without its stamp is never loaded."""
        base = directory / f"{_PREFIX}{generation}"
        names = ["ids.npy", "f16.npy"]
        if self.is_ann:
            faiss.write_index(self.index, f"{tmp}.faiss")
            names.append("faiss")
        stamp = {
            "generation": generation,
            "size": self.size,
            "dim": int(self.vectors.shape[1]),
            "ann": self.is_ann,
            "bytes": {name: os.path.getsize(f"{tmp}.{name}") for name in names},
            "checksum": checksum(self.ids, self.vectors),
        }
        for name in names:
            os.replace(f"{tmp}.{name}", f"{base}.{name}")
        Path(f"{tmp}.json").write_text(json.dumps(stamp))
        os.replace(f"{tmp}.json", f"{base}.json")
        # Only older generations go: a reader that built an old snapshot's index must not delete the
        # cache another process just saved for a newer one.
        for old in directory.glob(f"{_PREFIX}*"):
            number = old.name.removeprefix(_PREFIX).split(".")[0]
            if number.isdigit() and int(number) < generation and not old.is_dir():
                old.unlink(missing_ok=True)
        _remove_orphans(directory)

    @classmethod
    def load(
        cls, directory: Path, generation: int, expected_size: int, ann_threshold: int = ANN_THRESHOLD
    ) -> DenseIndex | None:
        """The cache of exactly `generation` with `expected_size` vectors, else None.

        Cheap whatever the size: the files (vectors and the IVF lists) are memory-mapped, not read.
        Their sizes must be the stamp's (a truncated file), and the checksum (ids and an even sample
        of vector rows) must hold; `matches` then compares a sample with the database.
        """
        base = directory / f"{_PREFIX}{generation}"
        try:
            stamp = json.loads(Path(f"{base}.json").read_text())
            if stamp["generation"] != generation or stamp["size"] != expected_size:
                return None
            for name, size in stamp["bytes"].items():
                if os.path.getsize(f"{base}.{name}") != size:
                    log.warning("dense cache %s.%s has the wrong size; rebuilding", base, name)
                    return None
            ids = np.load(f"{base}.ids.npy", mmap_mode="r")
            vectors = np.load(f"{base}.f16.npy", mmap_mode="r")
            if len(ids) != expected_size or vectors.dtype != np.float16 or len(vectors) != expected_size:
                return None
            if stamp["checksum"] != checksum(ids, vectors):
                log.warning("dense cache %s: files do not match their checksum; rebuilding", base)
                return None
            # The inverted lists stay on disk too: read as the probed lists are searched.
            mmap = faiss.IO_FLAG_MMAP | faiss.IO_FLAG_READ_ONLY
            index = faiss.read_index(f"{base}.faiss", mmap) if stamp["ann"] else None
            if index is not None:
                faiss.extract_index_ivf(index).nprobe = NPROBE
            return cls(ids, vectors, ann_threshold=ann_threshold, index=index)
        except (OSError, ValueError, KeyError, TypeError, AttributeError, RuntimeError) as exc:
            log.info("dense cache %s not usable (%s); rebuilding", base, exc)
            return None


def checksum(ids: np.ndarray, vectors: np.ndarray) -> str:
    """BLAKE2b of every id and an even sample of CHECKSUM_ROWS vector rows (both ends included),
    kept in the stamp: a cache file changed after its save is not used, and opening one never
    hashes a million vectors."""
    digest = hashlib.blake2b(digest_size=16)
    digest.update(np.ascontiguousarray(ids, dtype=np.int64).tobytes())
    if len(ids):
        digest.update(np.ascontiguousarray(vectors[_spread(len(ids), CHECKSUM_ROWS)]).tobytes())
    return digest.hexdigest()


def build_faiss(vectors: np.ndarray, ann_threshold: int = ANN_THRESHOLD) -> faiss.Index:
    """IndexFlatIP (exact) for small sets, IVF-SQ8 from `ann_threshold` up (see the constants);
    float16 `vectors` are converted a chunk at a time, never all at once."""
    dim = vectors.shape[1] if vectors.ndim == 2 and vectors.shape[1] else 1
    index: faiss.Index
    faiss.omp_set_num_threads(_BUILD_THREADS)
    try:
        if len(vectors) >= ann_threshold:
            nlist = max(1, int(np.sqrt(len(vectors))))
            sample = _spread(len(vectors), min(len(vectors), TRAIN_PER_LIST * nlist))
            quantizer = faiss.IndexFlatIP(dim)
            index = faiss.IndexIVFScalarQuantizer(
                quantizer, dim, nlist, faiss.ScalarQuantizer.QT_8bit, faiss.METRIC_INNER_PRODUCT
            )
            index.train(np.asarray(vectors[sample], dtype=np.float32))
            index.nprobe = NPROBE
        else:
            index = faiss.IndexFlatIP(dim)
        for start in range(0, len(vectors), _CHUNK):
            index.add(np.asarray(vectors[start : start + _CHUNK], dtype=np.float32))
    finally:
        faiss.omp_set_num_threads(1)
    return index


def _matching(ids: np.ndarray, wanted: np.ndarray) -> np.ndarray:
    """Rows of `ids` (ascending) holding a value of `wanted` (ascending, distinct)."""
    rows = np.searchsorted(ids, wanted)
    inside = rows < len(ids)
    rows, wanted = rows[inside], wanted[inside]
    return rows[ids[rows] == wanted].astype(np.int64)


def _spread(n: int, count: int) -> list[int]:
    """About `count` row numbers spread evenly over n rows, first and last included."""
    return sorted({int(r) for r in np.linspace(0, n - 1, num=min(n, count))})


def _fill(ids: np.ndarray, vectors: np.ndarray, chunks: Iterable[tuple[np.ndarray, np.ndarray]]) -> None:
    done = 0
    for chunk_ids, chunk_vectors in chunks:
        n = len(chunk_ids)
        if done + n > len(ids):
            raise ValueError("the store holds more vectors than it counted (changed while read)")
        ids[done : done + n] = chunk_ids
        vectors[done : done + n] = chunk_vectors
        done += n
    if done != len(ids):
        raise ValueError("the store holds fewer vectors than it counted (changed while read)")


def _cache_not_saved(directory: Path, tmp: Path, exc: OSError) -> None:
    log.warning("dense cache not saved in %s (%s); searching from memory", directory, exc)
    for leftover in directory.glob(f"{tmp.name}.*"):
        leftover.unlink(missing_ok=True)


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
