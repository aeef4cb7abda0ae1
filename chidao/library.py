"""The public Library: wires ingest → index → qa behind one small API used by the CLI, app and tests."""

from __future__ import annotations

import functools
import logging
import os
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, TypeVar

from chidao.core.errors import (
    AmbiguousDocumentError,
    DocumentNotFoundError,
    EmbedderMismatchError,
)
from chidao.core.model import (
    Answer,
    Citation,
    Document,
    DocumentView,
    Filters,
    Hit,
    Reference,
)
from chidao.ingesting import Ingesting, expand_paths
from chidao.inputs import SUPPORTED_SUFFIXES
from chidao.queries import check_k, clean_query

if TYPE_CHECKING:
    from index.embedders import Embedder
    from index.retriever import Retriever, SearchMode
    from qa.corpus import LibraryIndex

__all__ = ["SUPPORTED_SUFFIXES", "Library", "expand_paths", "resolve_store"]  # the app imports the suffixes

log = logging.getLogger(__name__)
T = TypeVar("T")

Progress = Callable[[int, int, str], None]
# (file name, pages done, pages in the file, stage "text" or "ocr"): a long PDF or scan page by page.
PageProgress = Callable[[str, int, int, str], None]
# Header, title, "Kính gửi", signature and "Nơi nhận" blocks: the frame around a document's body.
_FRAME_KINDS = frozenset({"header", "title", "recipients", "signature", "cc"})

DEFAULT_STORE = ".chidao"
STORE_ENV = "CHIDAO_STORE"


def resolve_store(store: str | Path | None) -> Path:
    """--store, else $CHIDAO_STORE, else ./.chidao."""
    return Path(store or os.environ.get(STORE_ENV) or DEFAULT_STORE)


def _snapshot(method: Callable[..., T]) -> Callable[..., T]:
    """Run a read method in one SQLite read transaction: it never sees half of another process's ingest."""

    @functools.wraps(method)
    def wrapper(self: Library, *args, **kwargs) -> T:
        self._refresh_terms()
        with self.store.snapshot():
            return method(self, *args, **kwargs)

    return wrapper


def _checked_queries(method: Callable[..., T]) -> Callable[..., T]:
    """Clean every query (see chidao/queries.py) and check k before a batch search runs."""

    @functools.wraps(method)
    def wrapper(self: Library, queries: Sequence[str], k: int = 10, **kwargs) -> T:
        return method(self, [clean_query(q) for q in queries], check_k(k), **kwargs)

    return wrapper


class Library(Ingesting):
    """A library of directive documents in one store directory.

    >>> lib = Library.open("/tmp/store")
    >>> lib.ingest(["data/"]).ok
    True
    >>> lib.search("Tỉnh đoàn phải làm gì?", k=3)[0].unit.label
    '1'
    """

    def __init__(self, store_dir: Path, embedder: str | None = None) -> None:
        from index.config import backend
        from index.embedders import embedder_name
        from index.store import Store

        self.store_dir = store_dir
        self.store = Store(store_dir)
        recorded = self.store.get_meta("embedder")
        wanted = embedder_name(embedder) if embedder else (recorded or embedder_name(None))
        if recorded and recorded != wanted:
            raise EmbedderMismatchError(
                f"this store was built with embedder {recorded!r}, not {wanted!r}",
                path=store_dir,
                hint=f"Use --embedder {recorded}, or re-index with: chidao reindex --store {store_dir}"
                f" --embedder {wanted}",
            )
        self.embedder_name = wanted
        self.backend = backend()  # $CHIDAO_BACKEND: "sqlite" (SQLite + FAISS) or "milvus"
        self._embedder: Embedder | None = None
        self._retriever: Retriever | None = None
        self._qa: tuple[int, LibraryIndex] | None = None
        self._terms: tuple[int, str] | None = None  # (generation, schema) of the checked term tables

    @classmethod
    def open(cls, store: str | Path | None = None, *, embedder: str | None = None) -> Library:
        """Open (or create) the library in `store` (see `resolve_store`)."""
        return cls(resolve_store(store), embedder)

    def close(self) -> None:
        if self._retriever is not None:
            self._retriever.close()  # its FTS5 thread and that thread's connection
        self.store.close()

    @property
    def exists(self) -> bool:
        """False until the first ingest creates the store (reading a missing store raises StoreError)."""
        return self.store.exists

    # -- internals shared by the public methods -------------------------------------------------

    @property
    def embedder(self) -> Embedder:
        if self._embedder is None:
            from index.embedders import load_embedder

            self._embedder = load_embedder(self.embedder_name)
        return self._embedder

    @property
    def retriever(self) -> Retriever:
        """The hybrid retriever over this store (index layer); qa is handed it."""
        if self._retriever is None:
            if self.backend == "milvus":  # $CHIDAO_BACKEND: see index/milvus.py and the README's "Scaling"
                from index.milvus import MilvusRetriever

                self._retriever = MilvusRetriever(
                    self.store, self.store_dir, lambda: self.embedder, lambda: self.embedder_name
                )
            else:
                from index.retriever import Retriever

                self._retriever = Retriever(self.store, self.store_dir, lambda: self.embedder)
        return self._retriever

    def _documents(self) -> Mapping[str, Document]:
        return self.retriever.documents()

    def _refresh_terms(self) -> None:
        """Once per generation, outside any transaction: the store's term statistics and learned unit
        names up to date (rebuilt once for a store an older chidao wrote; see index/terms.py)."""
        if not self.store.exists:
            return
        with self.store.exclusive():  # another thread's snapshot ends first
            if self.store.conn.in_transaction:
                return  # inside this thread's snapshot: its start brought them up to date
            generation = self.store.generation
            if self._terms is None or self._terms[0] != generation:
                from index.documents import refresh_keys
                from index.terms import refresh
                from qa.learning import learn_names, learning_fingerprint

                self._terms = (generation, refresh(self.store, learn_names, learning_fingerprint()))
                refresh_keys(self.store)  # once for a store an older chidao wrote

    def _store_names(self) -> None:
        """After a write: the learned unit names of the new state combined and stored once, so that
        the next open reads one row, not every document's (see index/terms.py)."""
        from index.terms import store_combined
        from qa.learning import learning_fingerprint

        store_combined(self.store, learning_fingerprint())

    def _qa_state(self) -> LibraryIndex:
        """What qa knows of the library (documents and learned unit names; units, term statistics
        and references read from the store when needed), once per generation."""
        from index.terms import Terms
        from qa.corpus import LibraryIndex

        self._refresh_terms()
        generation = self.store.generation
        if self._qa is None or self._qa[0] != generation:
            docs = self._documents()
            source = Terms(self.store, self._terms[1] if self._terms else "main")
            index = LibraryIndex(
                docs,
                source,
                source.learned_names(),
                self.store.references,
                functools.partial(_resolve_references, documents=docs),
                self.embedder_name,
            )
            self._qa = (generation, index)
        return self._qa[1]

    @_snapshot
    def resolve_document(self, doc: str) -> str:
        """The id of the document named `doc`: its id, or its file name when no other document has it.

        >>> lib.resolve_document("cong-van.txt")  # two provinces' cong-van.txt: ambiguous
        AmbiguousDocumentError: cong-van.txt: 2 documents have this name (2022/cong-van.txt, …)
        """
        docs = self._documents()
        if doc in docs:
            return doc
        named = [i for i in docs if PurePosixPath(i).name == doc]
        if len(named) == 1:
            return named[0]
        if named:
            raise AmbiguousDocumentError(
                f"{len(named)} documents have this name ({', '.join(named)})",
                path=doc,
                hint="Give the document id (its path) as listed by: chidao docs",
            )
        raise DocumentNotFoundError(
            f"no document {doc!r} in the library", hint="List the library with: chidao docs"
        )

    def _filters(self, filters: Filters | None, **named: object) -> Filters:
        """Typed filters with the document given by id or by an unambiguous file name."""
        chosen = Filters.of(filters, **named)
        return replace(chosen, doc=self.resolve_document(chosen.doc)) if chosen.doc else chosen

    # -- search -------------------------------------------------------------------------------

    def search(
        self,
        query: str,
        k: int = 10,
        *,
        filters: Filters | None = None,
        doc: str | None = None,
        doc_type: str | None = None,
        issuer: str | None = None,
        year: int | None = None,
        mode: SearchMode = "hybrid",
    ) -> list[Hit]:
        """Hybrid (lexical + dense) search for the units that answer `query`, best first.

        >>> hits = lib.search("ban dan van phai lam gi", k=5, year=2022)
        >>> hits[0].document.metadata.number, hits[0].unit.label
        """
        chosen = Filters.of(filters, doc=doc, doc_type=doc_type, issuer=issuer, year=year)
        return self.search_many([query], k, filters=chosen, mode=mode)[0]

    @_checked_queries
    @_snapshot
    def search_many(
        self,
        queries: Sequence[str],
        k: int = 10,
        *,
        filters: Filters | None = None,
        mode: SearchMode = "hybrid",
    ) -> list[list[Hit]]:
        """`search` for many queries at once (queries are embedded in one batch).

        Hybrid search puts the units the question's intent points at first (signature blocks for
        "Ai ký …?", citing passages for "văn bản nào triển khai …?"); `mode` "lexical" or "dense"
        uses one retriever alone, unstructured (benchmark baselines, debugging).
        """
        filters = self._filters(filters)
        if mode != "hybrid":
            return self.retriever.search_many(queries, k, filters, mode=mode)
        from qa import search
        from qa.intent import detect_intent

        lib = self._qa_state()
        intents = [detect_intent(q, lib.orgs) for q in queries]
        return search.search_many(queries, intents, self.retriever, lib, k, filters)

    # -- answers ------------------------------------------------------------------------------

    @_snapshot
    def ask(
        self,
        question: str,
        *,
        filters: Filters | None = None,
        doc: str | None = None,
        doc_type: str | None = None,
        issuer: str | None = None,
        year: int | None = None,
    ) -> Answer:
        """Answer a question with cited, highlighted units, or status "not_found".

        >>> answer = lib.ask("Ai ký công văn này?")
        >>> answer.text.splitlines()[1]
        'Người ký: Đặng Ngọc Huy (T/M Ban Thường vụ, Phó Bí thư)'
        """
        from qa.answer import answer

        chosen = self._filters(filters, doc=doc, doc_type=doc_type, issuer=issuer, year=year)
        return answer(clean_query(question), self.retriever, self._qa_state(), chosen)

    # -- documents ----------------------------------------------------------------------------

    @_snapshot
    def documents(self) -> list[Document]:
        """Every document of the library with its metadata, sorted by id."""
        return list(self._documents().values())

    @_snapshot
    def document(self, doc: str) -> DocumentView:
        """A document (by id, or by file name when only one has it) with its units, what it cites
        (resolved or missing) and what cites it."""
        docs = self._documents()
        doc_id = self.resolve_document(doc)
        all_refs = self._qa_state().references
        return DocumentView(
            document=docs[doc_id],
            text=self.store.document_text(doc_id),
            units=self.store.units_of(doc_id),
            references=tuple(r for src, r in all_refs if src == doc_id),
            cited_by=tuple((src, r) for src, r in all_refs if r.target == doc_id and src != doc_id),
        )

    @_snapshot
    def missing_references(self) -> list[tuple[str, Reference]]:
        """References to documents that are not in the library yet (citing doc id, reference)."""
        return [(src, r) for src, r in self._qa_state().references if r.target is None]

    @_snapshot
    def sources(self, quote: str, k: int = 5, *, filters: Filters | None = None, **named: object) -> Answer:
        """The source passage of a quote or paraphrase, the closest sentences highlighted — or
        status "not_found" ("Không tìm thấy nguồn …") with the closest passages as suggestions.

        For propaganda staff who must cite where a sentence comes from; filters as in `search`.

        >>> found = lib.sources("phát huy quyền làm chủ của Nhân dân", k=3)
        >>> found.status, found.citations[0].citation, found.citations[0].highlights
        """
        from qa.answer import find_source

        return find_source(
            clean_query(quote), self.retriever, self._qa_state(), k, self._filters(filters, **named)
        )

    @_snapshot
    def organisations(self) -> list[str]:
        """Unit names the library knows: the alias table plus names learned from "Kính gửi",
        "Nơi nhận" and assignment sentences of its documents.

        >>> "Tỉnh đoàn" in lib.organisations()
        True
        """
        from qa.corpus import organisations

        return organisations(self._qa_state())

    @_snapshot
    def tasks(self, org: str, *, filters: Filters | None = None, **named: object) -> list[Citation]:
        """Every item addressed to a unit across the library, with its deadline when stated.

        >>> [(c.hit.unit.label, c.deadline) for c in lib.tasks("Tỉnh đoàn")]
        """
        from qa.answer import tasks_for

        return tasks_for(org, self._qa_state(), self._filters(filters, **named))

    # -- evaluation ---------------------------------------------------------------------------

    def evaluate(self, questions: Sequence[dict], *, answers: bool = True) -> dict:
        """Retrieval metrics (and answer scores) of the library on questions with gold evidence:
        the `chidao eval --json` object (see chidao/evaluation.py)."""
        from chidao.evaluation import evaluate_library

        return evaluate_library(self.search_many, self.ask, questions, answers=answers)

    # -- views for the app (added for the document list and deep links) -----------------------

    @_snapshot
    def replaced_by(self) -> dict[str, list[str]]:
        """Replaced documents of the library: doc id → ids of the library documents replacing it.

        >>> lib.replaced_by()
        {'chi-thi-05-2019.txt': ['chi-thi-19-ct-tu-2022.txt']}
        """
        out: dict[str, list[str]] = {}
        for src, ref in self._qa_state().references:
            if ref.relation == "replaces" and ref.target and src not in out.get(ref.target, []):
                out.setdefault(ref.target, []).append(src)
        return out

    @_snapshot
    def lead_lines(self) -> dict[str, str]:
        """The first line of body text of every document (for naming one without number or title).

        >>> lib.lead_lines()["cong-van-trien-khai-bai-phat-bieu.txt"][:30]
        """
        first = self.store.first_texts(sorted(_FRAME_KINDS))
        return {doc_id: first.get(doc_id, "").strip().split("\n", 1)[0] for doc_id in self._documents()}


def _resolve_references(
    refs: Sequence[tuple[str, Reference]], documents: Mapping[str, Document]
) -> list[tuple[str, Reference]]:
    """Every reference with its target document in the library (None when missing): the whole
    document table is read here, when a question or view first needs the reference graph."""
    from ingest.references import resolve_references

    targets = resolve_references(refs, list(documents.values()))
    return [(src, replace(ref, target=target)) for (src, ref), target in zip(refs, targets, strict=True)]
