"""The Milvus backend: dense vectors and BM25 over folded text in one Milvus collection per store.

SQLite stays the source of truth (documents, units, vectors, references, FTS-free bookkeeping), so
the document views, qa state and reliability guarantees are the local backend's. Milvus holds, per
unit: its id (INT64 primary key, the SQLite unit id), its document id (scalar, for filters), its
vector (FLOAT_VECTOR, COSINE) and its folded text — body and context, each folded with syllable
pairs exactly as the FTS5 table holds them ("dai doan ... dai_doan") — analysed by Milvus's BM25
function into sparse vectors. Search runs BM25 and dense in Milvus, then chidao's own fusion.

The collection is a projection of SQLite, kept by an idempotent `sync`: units in SQLite missing in
Milvus are inserted, units in Milvus gone from SQLite are deleted. It runs after every ingest and
remove and before the first search of every store generation, so an ingest interrupted between
the SQLite commit and the Milvus insert is completed by the next command; search results whose
unit id is not in SQLite are dropped.
"""

from __future__ import annotations

import json
import logging
import math
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

import numpy as np

from chidao.core.errors import ChidaoError, EmbedderMismatchError, StoreError
from chidao.core.model import Filters, Hit
from index import lexical
from index.accents import restore
from index.config import BACKEND_ENV, COLLECTION_ENV, URI_ENV, collection_name, milvus_uri
from index.embedders import Embedder
from index.retriever import CANDIDATES, Retriever, SearchMode
from index.store import Store

log = logging.getLogger(__name__)

# Milvus VARCHAR fields hold at most 65,535 bytes; folded text is ASCII, so a longer unit (rare:
# a whole annex as one unit) keeps its first ~32k characters of syllables and pairs.
MAX_TEXT_BYTES = 65_535
INSERT_BATCH = 500
DELETE_BATCH = 1_000
# Query terms are repeated up to this many times to carry FTS5's IDF (see `_weighted`); 0 turns
# the emulation off. Calibrated on ../shared/eval (README "Scaling" has both tables).
IDF_SCALE = 8
# Ids read per query when listing the collection (Milvus caps a query at 16,384 rows).
ID_WINDOW = 16_000
_EMBEDDER_KEY = "chidao.embedder"
_DIM_KEY = "chidao.dim"
_FIX_URI = (
    f"Start the Milvus server or correct ${URI_ENV} (a file path ending in .db for milvus-lite, or"
    f" http://host:19530 for a server; a milvus-lite file serves one process at a time, so close the"
    f" other chidao process or use a server); unset ${BACKEND_ENV} to search with the local index."
)


def folded(text: str) -> str:
    """What BM25 sees: folded syllables and syllable pairs (as FTS5 holds them), cut to fit a VARCHAR."""
    out = lexical.index_text(text)
    if len(out) > MAX_TEXT_BYTES:  # ASCII after folding, but a stray symbol may take more bytes
        out = out.encode()[:MAX_TEXT_BYTES].decode(errors="ignore").rsplit(" ", 1)[0]
    while len(out.encode()) > MAX_TEXT_BYTES:
        out = out[: len(out) * 9 // 10].rsplit(" ", 1)[0]
    return out


class MilvusRetriever(Retriever):
    """The Retriever's `search_many` over a Milvus collection (BM25 + dense), SQLite for the rest."""

    def __init__(
        self,
        store: Store,
        store_dir: Path,
        embedder: Callable[[], Embedder],
        embedder_name: Callable[[], str],
        *,
        uri: str | None = None,
        collection: str | None = None,
    ) -> None:
        super().__init__(store, store_dir, embedder)
        self.uri = uri or milvus_uri(store_dir)
        self.collection = collection or collection_name(store_dir)
        self._embedder_name = embedder_name
        self._client = None
        self._synced = -1  # the store generation the collection was last synced to

    # -- connection and collection ------------------------------------------------------------

    def _milvus_error(self, exc: Exception, what: str) -> StoreError:
        return StoreError(f"Milvus at {self.uri} failed while {what} ({exc})", hint=_FIX_URI)

    @property
    def client(self):
        """The MilvusClient, connected on first use; an unreachable URI is a StoreError with the fix."""
        if self._client is None:
            try:
                from pymilvus import MilvusClient
            except ImportError as exc:
                raise ChidaoError(
                    "the Milvus backend needs pymilvus",
                    hint="Install it with: pip install 'chidao[milvus]' (or unset $CHIDAO_BACKEND).",
                ) from exc
            if self.uri.endswith(".db"):
                # milvus-lite's embedded server logs a traceback for each call it does not implement
                # (pymilvus asks it for a timestamp while an index is built); the call still succeeds.
                logging.getLogger("grpc._server").setLevel(logging.CRITICAL)
            try:
                self._client = MilvusClient(uri=self.uri, timeout=10)
            except Exception as exc:  # pymilvus raises MilvusException or ConnectionConfigException
                raise StoreError(f"cannot reach Milvus at {self.uri} ({exc})", hint=_FIX_URI) from exc
        return self._client

    def _ensure_collection(self) -> None:
        """Create the collection when missing; refuse one holding another embedder's vectors."""
        name, dim = self._embedder_name(), self.embedder.dim
        try:
            if self.client.has_collection(self.collection):
                props = self.client.describe_collection(self.collection).get("properties", {})
                if props.get(_EMBEDDER_KEY) == name and props.get(_DIM_KEY) == str(dim):
                    self.client.load_collection(self.collection)  # released when its last user exited
                    return
                if not props.get(_EMBEDDER_KEY) and self._count() == 0:  # created, never labelled
                    self.client.drop_collection(self.collection)
                else:
                    raise EmbedderMismatchError(
                        f"Milvus collection {self.collection!r} holds vectors of embedder"
                        f" {props.get(_EMBEDDER_KEY, 'unknown')!r} (dim {props.get(_DIM_KEY, '?')}),"
                        f" this store uses {name!r} (dim {dim})",
                        path=self.store_dir,
                        hint=f"Refill it with: chidao reindex --store {self.store_dir} --embedder {name}"
                        f" (drops and rebuilds the collection from the store), or set ${COLLECTION_ENV}"
                        " to another collection name.",
                    )
            self._create(name, dim)
        except ChidaoError:
            raise
        except Exception as exc:
            raise self._milvus_error(exc, f"opening collection {self.collection}") from exc

    def _create(self, name: str, dim: int) -> None:
        from pymilvus import DataType, Function, FunctionType

        client = self.client
        schema = client.create_schema(auto_id=False)
        schema.add_field("id", DataType.INT64, is_primary=True)
        schema.add_field("doc_id", DataType.VARCHAR, max_length=4096)
        schema.add_field("vector", DataType.FLOAT_VECTOR, dim=dim)
        for field in ("body", "context"):
            # Our tokens are plain ASCII words and "a_b" pairs: the standard tokenizer keeps "_" inside.
            schema.add_field(
                field,
                DataType.VARCHAR,
                max_length=MAX_TEXT_BYTES,
                enable_analyzer=True,
                analyzer_params={"tokenizer": "standard"},
            )
            schema.add_field(f"{field}_sparse", DataType.SPARSE_FLOAT_VECTOR)
            schema.add_function(
                Function(
                    name=f"{field}_bm25",
                    function_type=FunctionType.BM25,
                    input_field_names=[field],
                    output_field_names=[f"{field}_sparse"],
                )
            )
        index = client.prepare_index_params()
        index.add_index(field_name="vector", index_type="AUTOINDEX", metric_type="COSINE")
        for field in ("body_sparse", "context_sparse"):
            index.add_index(field_name=field, index_type="SPARSE_INVERTED_INDEX", metric_type="BM25")
        client.create_collection(
            self.collection, schema=schema, index_params=index, consistency_level="Strong"
        )
        client.alter_collection_properties(
            self.collection, properties={_EMBEDDER_KEY: name, _DIM_KEY: str(dim)}
        )
        log.info("created Milvus collection %s (%s, dim %d)", self.collection, name, dim)

    def _count(self) -> int:
        rows = self.client.query(self.collection, filter="", output_fields=["count(*)"])
        return int(rows[0]["count(*)"]) if rows else 0

    def _milvus_ids(self) -> set[int]:
        """Every unit id in the collection, read in windows of ids (no iterator: milvus-lite lacks
        the server timestamps pymilvus's query iterator asks for)."""
        top = int(self.store.conn.execute("SELECT COALESCE(MAX(seq), 0) FROM sqlite_sequence").fetchone()[0])
        ids: set[int] = set()
        start = -1
        while start < top:
            end = start + ID_WINDOW
            ids.update(self._ids_where(f"id > {start} and id <= {end}"))
            start = end
        # Ids above the highest the store ever issued (another store's rows in a shared collection).
        while above := self._ids_where(f"id > {start}"):
            ids.update(above)
            start = max(above)
        return ids

    def _ids_where(self, expr: str) -> set[int]:
        rows = self.client.query(self.collection, filter=expr, output_fields=["id"], limit=ID_WINDOW)
        return {int(r["id"]) for r in rows}

    # -- keeping Milvus a projection of SQLite ------------------------------------------------

    def refresh(self, rebuild: bool = False) -> None:
        """Sync the collection with SQLite now (after an ingest or remove); `rebuild` drops it first
        (after a reindex with another embedder)."""
        if rebuild:
            try:
                if self.client.has_collection(self.collection):
                    self.client.drop_collection(self.collection)
            except Exception as exc:
                raise self._milvus_error(exc, f"dropping collection {self.collection}") from exc
            self._synced = -1
        self.sync()

    def sync(self) -> tuple[int, int]:
        """Insert the units SQLite has and Milvus lacks, delete those Milvus has and SQLite lost.

        Idempotent, once per store generation; returns (inserted, deleted).
        """
        generation = self.store.generation
        if self._synced == generation:
            return 0, 0
        self._ensure_collection()
        wanted = {int(i) for i in self.store.unit_id_array()}
        try:
            present = self._milvus_ids()
            extra = sorted(present - wanted)
            for start in range(0, len(extra), DELETE_BATCH):
                self.client.delete(self.collection, ids=extra[start : start + DELETE_BATCH])
            missing = sorted(wanted - present)
            for start in range(0, len(missing), INSERT_BATCH):
                rows = list(self._rows(missing[start : start + INSERT_BATCH]))
                if rows:
                    self.client.insert(self.collection, rows)
        except ChidaoError:
            raise
        except Exception as exc:
            raise StoreError(
                f"the Milvus collection {self.collection} at {self.uri} could not be brought up to date"
                f" with the store ({exc}); the store itself is intact and nothing is searched until it is",
                hint=_FIX_URI + " Then run the command again: the missing units are indexed then.",
            ) from exc
        if missing or extra:
            log.info("Milvus %s: %d units inserted, %d deleted", self.collection, len(missing), len(extra))
        self._synced = generation
        return len(missing), len(extra)

    def _rows(self, ids: Sequence[int]) -> Iterator[dict]:
        marks = ",".join("?" * len(ids))
        for uid, doc_id, text, context, vector in self.store.conn.execute(
            f"SELECT id, doc_id, text, context, vector FROM units WHERE id IN ({marks})", list(ids)
        ):
            yield {
                "id": int(uid),
                "doc_id": doc_id,
                "vector": np.frombuffer(vector, dtype=np.float32).tolist(),
                "body": folded(text),
                "context": folded(context),
            }

    # -- search -------------------------------------------------------------------------------

    def search_many(
        self,
        queries: Sequence[str],
        k: int = 10,
        filters: Filters | None = None,
        *,
        mode: SearchMode = "hybrid",
    ) -> list[list[Hit]]:
        """The k best units for each query: Milvus BM25 and dense candidates, fused as locally."""
        self.sync()
        filters = filters or Filters()
        docs = self.documents()
        doc_ids = docs.allowed(filters) if filters else None
        if doc_ids is not None and not doc_ids:
            return [[] for _ in queries]
        expr = f"doc_id in {json.dumps(doc_ids, ensure_ascii=False)}" if doc_ids is not None else ""
        total = self.store.unit_count()
        lex = self._lexical(queries, expr, total) if mode != "dense" else [[] for _ in queries]
        den = self._dense_search(queries, expr) if mode != "lexical" else [[] for _ in queries]
        results = []
        for query, lex_q, den_q in zip(queries, lex, den, strict=True):
            known = self.store.units_by_id(sorted({u for u, _ in lex_q} | {u for u, _ in den_q}))
            # A unit Milvus still has but SQLite lost (a remove not yet synced) is never shown.
            lex_q = [(u, s) for u, s in lex_q if u in known]
            den_q = [(u, s) for u, s in den_q if u in known]
            results.append(self._fused_hits(query, lex_q, den_q, docs, k))
        return results

    def _search(self, data: list, field: str, metric: str, expr: str) -> list[list[tuple[int, float]]]:
        try:
            found = self.client.search(
                self.collection,
                data=data,
                anns_field=field,
                limit=CANDIDATES,
                filter=expr,
                search_params={"metric_type": metric},
                output_fields=["id"],
            )
        except Exception as exc:
            raise self._milvus_error(exc, "searching") from exc
        # milvus-lite reports BM25 scores negated (best first, most negative): the order is right, the
        # sign is not, so the score we keep is its magnitude (checked against FTS5's ranking in tests).
        return [[(int(h["id"]), abs(float(h["distance"]))) for h in hits] for hits in found]

    def _lexical(self, queries: Sequence[str], expr: str, total: int) -> list[list[tuple[int, float]]]:
        """BM25 on the unit's words and on its context, summed with FTS5's column weights."""
        terms = [
            self._weighted(lexical.selective_terms(self.store.conn, lexical.query_terms(q), total), total)
            for q in queries
        ]
        asked = [i for i, t in enumerate(terms) if t]
        out: list[list[tuple[int, float]]] = [[] for _ in queries]
        if not asked:
            return out
        data = [terms[i] for i in asked]
        body = self._search(data, "body_sparse", "BM25", expr)
        context = self._search(data, "context_sparse", "BM25", expr)
        for i, b, c in zip(asked, body, context, strict=True):
            score: dict[int, float] = {}
            for uid, s in b:
                score[uid] = lexical.BODY_WEIGHT * s
            for uid, s in c:
                score[uid] = score.get(uid, 0.0) + lexical.CONTEXT_WEIGHT * s
            out[i] = sorted(score.items(), key=lambda x: -x[1])[:CANDIDATES]
        return out

    def _weighted(self, terms: list[str], total: int) -> str:
        """The query text for Milvus, each term repeated to give it FTS5's IDF rather than Milvus's.

        Milvus's BM25 weighs a term by log(1 + (N - n + .5) / (n + .5)); FTS5 by log((N - n + .5) /
        (n + .5)), near 0 for a term in half the units — which lets a unit full of the library's
        commonest words ("kế hoạch", "tỉnh ủy") outrank the one with the rare word asked for. A query
        term counted r times scores r times (checked on milvus-lite), so each term is repeated
        round(IDF_SCALE × FTS5 idf / Milvus idf) times. n comes from the accent statistics (index/
        accents.py: occurrences, an upper bound of the units holding the term).
        """
        if not terms or not IDF_SCALE:
            return " ".join(terms)
        keys = {t: t.replace("_", " ") for t in terms}
        marks = ",".join("?" * len(keys))
        counts = dict(
            self.store.conn.execute(
                f"SELECT folded, SUM(n) FROM forms WHERE folded IN ({marks}) GROUP BY folded",
                list(set(keys.values())),
            ).fetchall()
        )
        out: list[str] = []
        for term in terms:
            n = min(counts.get(keys[term], 0), total)
            ratio = (total - n + 0.5) / (n + 0.5)
            fts = max(math.log(ratio), 1e-6)
            out += [term] * round(IDF_SCALE * fts / math.log1p(ratio))
        return " ".join(out or terms)

    def _dense_search(self, queries: Sequence[str], expr: str) -> list[list[tuple[int, float]]]:
        restored = [restore(self.store.conn, q) for q in queries]
        vectors = self.embedder.embed_queries(restored)
        return self._search(
            [np.asarray(v, dtype=np.float32).tolist() for v in vectors], "vector", "COSINE", expr
        )
