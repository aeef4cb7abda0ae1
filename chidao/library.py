"""The public Library: wires ingest → index → qa behind one small API used by the CLI, app and tests."""

from __future__ import annotations

import functools
import hashlib
import logging
import os
import sqlite3
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Literal, TypeVar

import numpy as np

from chidao.errors import ChidaoError, DocumentNotFoundError, EmbedderMismatchError, UnreadableFileError
from chidao.inputs import SUPPORTED_SUFFIXES, Source, collect_sources, printable, qualified_ids
from chidao.model import (
    Answer,
    Citation,
    Document,
    DocumentView,
    Hit,
    IngestReport,
    IngestResult,
    Metadata,
    ParsedDocument,
    Reference,
    Unit,
)
from chidao.queries import check_k, clean_query

if TYPE_CHECKING:
    from index.dense import DenseIndex
    from index.embedders import Embedder

__all__ = ["SUPPORTED_SUFFIXES", "Library", "expand_paths", "resolve_store"]  # app.py imports the suffixes

log = logging.getLogger(__name__)

Progress = Callable[[int, int, str], None]
T = TypeVar("T")
SearchMode = Literal["hybrid", "lexical", "dense"]

DEFAULT_STORE = ".chidao"
STORE_ENV = "CHIDAO_STORE"
# How many candidates each retriever hands to fusion.
CANDIDATES = 100
# How many top documents a fact question ("Ai ký …?") pulls its structural units from.
FACT_DOCS = 2
# How many citing passages a related-documents question puts first.
RELATED_FIRST = 3
FRAME_KINDS = frozenset({"header", "recipients", "signature", "cc"})


def resolve_store(store: str | Path | None) -> Path:
    """--store, else $CHIDAO_STORE, else ./.chidao."""
    return Path(store or os.environ.get(STORE_ENV) or DEFAULT_STORE)


def expand_paths(paths: Iterable[str | Path]) -> list[Path]:
    """Files as given, folders walked recursively for supported files (hidden ones skipped)."""
    return [source.path for source in collect_sources(paths)]


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def passage_text(metadata: Metadata, unit: Unit) -> str:
    """What the embedder sees for a unit: the document's subject and the unit's heading path first."""
    head = " — ".join(x for x in (metadata.title, unit.heading) if x)
    return f"{head}\n{unit.text}" if head else unit.text


def context_text(metadata: Metadata, unit: Unit) -> str:
    """What the lexical index matches besides the unit's words: kind, number, title, heading path
    and, for the body of a dispatch, its "Kính gửi" recipients (they are who the items address)."""
    parts = [metadata.doc_type, metadata.number, metadata.title, unit.heading]
    if unit.kind in ("preamble", "item", "subitem", "dash", "paragraph"):
        parts.extend(metadata.recipients)
    return " ".join(p for p in parts if p)


def _snapshot(method: Callable[..., T]) -> Callable[..., T]:
    """Run a read method in one SQLite read transaction: it never sees half of another process's ingest."""

    @functools.wraps(method)
    def wrapper(self: Library, *args, **kwargs) -> T:
        with self.store.snapshot():
            return method(self, *args, **kwargs)

    return wrapper


def _checked_queries(method: Callable[..., T]) -> Callable[..., T]:
    """Clean every query (see chidao/queries.py) and check k before a batch search runs."""

    @functools.wraps(method)
    def wrapper(self: Library, queries: Sequence[str], k: int = 10, **kwargs) -> T:
        return method(self, [clean_query(q) for q in queries], check_k(k), **kwargs)

    return wrapper


class AmbiguousDocumentError(DocumentNotFoundError):
    """A file name given for a document is shared by several documents of the library."""


class Library:
    """A library of directive documents in one store directory.

    >>> lib = Library.open("/tmp/store")
    >>> lib.ingest(["data/"]).ok
    True
    >>> lib.search("Tỉnh đoàn phải làm gì?", k=3)[0].unit.label
    '1'
    """

    def __init__(self, store_dir: Path, embedder: str | None = None) -> None:
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
        self._embedder: Embedder | None = None
        self._dense: DenseIndex | None = None
        self._dense_generation = -1
        self._docs: dict[str, Document] | None = None
        self._docs_generation = -1

    @classmethod
    def open(cls, store: str | Path | None = None, *, embedder: str | None = None) -> Library:
        """Open (or create) the library in `store` (see `resolve_store`)."""
        return cls(resolve_store(store), embedder)

    def close(self) -> None:
        self.store.close()

    @property
    def exists(self) -> bool:
        """False until the first ingest creates the store (reading a missing store raises StoreError)."""
        return self.store.exists

    # -- internals shared by the public methods -------------------------------------------------

    @property
    def embedder(self):
        if self._embedder is None:
            from index.embedders import load_embedder

            self._embedder = load_embedder(self.embedder_name)
        return self._embedder

    def _dense_index(self):
        from index.dense import DenseIndex

        generation = self.store.generation
        if self._dense is None or self._dense_generation != generation:
            ids = self.store.unit_id_array()
            dense = DenseIndex.load(self.store_dir, generation, len(ids))
            if dense is not None and not dense.matches(ids, self.store.vectors_of):
                log.warning(
                    "dense cache of generation %d does not match the database; rebuilding", generation
                )
                dense = None
            if dense is None:
                ids, vectors = self.store.all_vectors()
                if len(ids) == 0:
                    vectors = vectors.reshape(0, self.embedder.dim)
                dense = DenseIndex(ids, vectors)
                if self.store.writable:  # a read-only store keeps the rebuilt index in memory only
                    dense.save(self.store_dir, generation)
            self._dense, self._dense_generation = dense, generation
        return self._dense

    def _documents(self) -> dict[str, Document]:
        generation = self.store.generation
        if self._docs is None or self._docs_generation != generation:
            self._docs = {d.id: d for d in self.store.documents()}
            self._docs_generation = generation
        return self._docs

    # -- ingest -------------------------------------------------------------------------------

    def ingest(
        self,
        paths: Iterable[str | Path],
        *,
        progress: Progress | None = None,
        max_bytes: int | None = None,
        ocr: bool = True,
    ) -> IngestReport:
        """Add files and folders (recursively); a bad file is reported and never aborts the batch.

        >>> report = lib.ingest(["docs/", "cv-2412.pdf"])
        >>> [(r.path, r.status) for r in report.results]
        """
        self.store.prepare_write()  # creates the store on the first ingest; refuses a read-only one
        files = collect_sources(paths)
        results = []
        for done, source in enumerate(files):
            if progress:
                progress(done, len(files), printable(source.path.name))
            result = self._ingest_one(source, max_bytes=max_bytes, ocr=ocr)
            self.store.log_ingest(source.display, result.status, result.doc_id, result.message)
            results.append(result)
        if progress:
            progress(len(files), len(files), "")
        if any(r.status in ("added", "replaced") for r in results):
            self._dense_index()  # rebuild and save the dense cache once per batch
        return IngestReport(tuple(results))

    def _document_id(self, source: Source) -> str:
        """The id of the document this file was ingested as, else its wanted id, else a longer free one."""
        known = self.store.document_by_source(source.key)
        if known:
            return known
        taken = self._documents()
        if source.doc_id not in taken:
            return source.doc_id
        return next(i for i in qualified_ids(source) if i not in taken)

    def _ingest_one(self, source: Source, *, max_bytes: int | None, ocr: bool) -> IngestResult:
        from index.connection import store_error
        from ingest.parser import parse_document
        from ingest.reader import DEFAULT_MAX_BYTES, check_file, read_file

        path, shown = source.path, source.display
        doc_id = source.doc_id
        max_bytes = max_bytes or DEFAULT_MAX_BYTES
        try:
            if source.problem:
                raise source.problem
            doc_id = self._document_id(source)
            check_file(path, max_bytes)  # before hashing: a 200 MB file is refused at once
            sha = file_sha256(path)
            same = self.store.document_by_sha(sha)
            if same:
                note = "already in the library" if same == doc_id else f"same content as {same}"
                return IngestResult(shown, "unchanged", same, self._documents()[same].unit_count, note)
            raw = read_file(path, max_bytes=max_bytes, ocr=ocr)
            parsed = parse_document(raw, doc_id)
            if not parsed.units:
                raise UnreadableFileError(
                    "no text found in the file",
                    path=path,
                    hint="Check that the file holds the document's text.",
                )
            document = Document(
                id=doc_id,
                sha256=sha,
                format=raw.format,
                metadata=parsed.metadata,
                pages=len(raw.page_starts),
                ocr=raw.ocr,
                unit_count=len(parsed.units),
                added_at=datetime.now(UTC).isoformat(timespec="seconds"),
            )
            replaced = self._store_parsed(document, parsed, source.key)
        except sqlite3.DatabaseError as exc:  # the store failed on a read outside a transaction
            error = store_error(exc, self.store_dir)
            return IngestResult(shown, "failed", doc_id, 0, str(error), error.hint)
        except OSError as exc:  # the file vanished or became unreadable between the checks and the read
            why = exc.strerror or str(exc)
            message = f"{printable(path.name)}: cannot be read ({why}). Check the file and try again."
            return IngestResult(shown, "failed", doc_id, 0, message)
        except ChidaoError as exc:
            log.info("ingest failed: %s", exc)
            return IngestResult(shown, "failed", doc_id, 0, printable(str(exc)), printable(exc.hint))
        note = "; ".join(raw.warnings)
        return IngestResult(shown, "replaced" if replaced else "added", doc_id, len(parsed.units), note)

    def _store_parsed(self, document: Document, parsed: ParsedDocument, source: bytes) -> bool:
        """Embed outside the transaction, then write the document in one transaction.

        Returns True when it replaced an older version of the same file.
        """
        md = document.metadata
        vectors = self.embedder.embed_passages([passage_text(md, u) for u in parsed.units])
        contexts = [context_text(md, u) for u in parsed.units]
        with self.store.transaction() as conn:
            conn.execute("INSERT OR REPLACE INTO meta VALUES ('embedder', ?)", (self.embedder_name,))
            return self.store.put_document(conn, document, parsed, vectors, contexts, source)

    def reindex(self, embedder: str | None = None, *, progress: Progress | None = None) -> int:
        """Re-embed every unit with another embedder in one transaction; returns the unit count.

        >>> Library.open("store").reindex("/models/multilingual-e5-base")
        """
        from index.embedders import embedder_name, load_embedder

        new = load_embedder(embedder)
        docs = self._documents()
        rows = self.store.unit_rows()
        batch = 256
        vectors = []
        for start in range(0, len(rows), batch):
            if progress:
                progress(start, len(rows), "")
            chunk = rows[start : start + batch]
            vectors.append(new.embed_passages([passage_text(docs[d].metadata, u) for _, d, u in chunk]))
        with self.store.transaction() as conn:
            if rows:
                self.store.set_vectors(conn, [r[0] for r in rows], np.vstack(vectors))
            conn.execute("INSERT OR REPLACE INTO meta VALUES ('embedder', ?)", (embedder_name(embedder),))
        self.embedder_name, self._embedder = embedder_name(embedder), new
        self._dense_index()
        if progress:
            progress(len(rows), len(rows), "")
        return len(rows)

    def remove(self, doc: str) -> str:
        """Remove a document (by id, or by file name when only one has it); returns its id."""
        doc_id = self.resolve_document(doc)
        with self.store.transaction() as conn:
            if not self.store.delete_document(conn, doc_id):
                raise DocumentNotFoundError(
                    f"no document {doc_id!r} in the library", hint="List the library with: chidao docs"
                )
        return doc_id

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

    # -- search -------------------------------------------------------------------------------

    def search(
        self,
        query: str,
        k: int = 10,
        *,
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
        filters = {"doc": doc, "doc_type": doc_type, "issuer": issuer, "year": year}
        return self.search_many([query], k, mode=mode, **filters)[0]

    @_checked_queries
    @_snapshot
    def search_many(
        self, queries: Sequence[str], k: int = 10, *, mode: SearchMode = "hybrid", **filters
    ) -> list[list[Hit]]:
        """`search` for many queries at once (queries are embedded in one batch).

        `mode` "lexical" or "dense" uses one retriever alone (for benchmarks and debugging).
        """
        from index import lexical
        from index.accents import restore
        from index.hybrid import NUMBER_BOOST, fuse, numbers_named
        from ingest.references import leading_number

        docs = self._documents()
        doc_ids = self._filter(docs.values(), **filters)
        unit_ids = self.store.unit_ids(doc_ids) if doc_ids is not None else None
        dense = self._dense_index()
        # Unaccented queries are embedded with the accents the library's own text would have.
        restored = [restore(self.store.conn, q) for q in queries] if mode != "lexical" else []

        vectors = self.embedder.embed_queries(restored) if restored else [None] * len(queries)
        lexical_hits = [
            lexical.search(self.store.conn, q, CANDIDATES, doc_ids, dense.size) if mode != "dense" else []
            for q in queries
        ]
        results = []
        for query, vector, lex in zip(queries, vectors, lexical_hits, strict=True):
            den = dense.search(vector, CANDIDATES, unit_ids) if vector is not None else []
            named = numbers_named(query)
            boosts = {}
            if named:
                # The named document's units, and the passages that cite it by number.
                boost_docs = {d.id for d in docs.values() if leading_number(d.metadata.number) in named}
                candidates = {uid for uid, _ in lex} | {uid for uid, _ in den}
                units = self.store.units_by_id(sorted(candidates))
                boosts = {
                    uid: NUMBER_BOOST
                    for uid, u in units.items()
                    if u.doc_id in boost_docs or numbers_named(u.text) & named
                }
            # Structure may reorder (frame blocks last), so keep more than k until the end.
            fused = fuse(lex, den, boosts=boosts)[: 2 * k]
            units = self.store.units_by_id([f.unit_id for f in fused])
            hits = [
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
                if f.unit_id in units
            ]
            # The single-retriever modes stay pure (benchmark baselines).
            results.append((self._structured(query, hits, filters) if mode == "hybrid" else hits)[:k])
        return results

    def _structured(self, query: str, hits: list[Hit], filters: dict) -> list[Hit]:
        """Bring to the top what the question's intent points at but neither retriever can rank.

        A fact ("Ai ký …?", "gửi những đơn vị nào?") lives in a frame block — signature, header,
        "Kính gửi", "Nơi nhận" — that shares few words with the question; a related-documents
        question ("văn bản nào triển khai …?") is answered by the passages that cite the document,
        found through the reference graph. Other questions want directives, so frame blocks go last.
        """
        from qa.intent import detect_intent

        intent = detect_intent(query)
        if intent.kind == "fact" and hits:
            first = self._fact_hits(query, intent, hits)
        elif intent.kind == "related" and hits:
            first = self._citing_hits(query, intent, hits, filters)
        else:
            return sorted(hits, key=lambda h: h.unit.kind in FRAME_KINDS)
        return first + [h for h in hits if all(h.unit != f.unit for f in first)]

    def _fact_hits(self, query: str, intent, hits: list[Hit]) -> list[Hit]:
        """The units stating the asked facts, from the top documents."""
        from qa.facts import fact_unit

        # A question naming a kind ("Kế hoạch … do ai ký?") is about a document of that kind, even
        # when another kind (the Nghị quyết it implements) ranks first.
        ranked = sorted(
            hits, key=lambda h: bool(intent.doc_kind) and h.document.metadata.doc_type != intent.doc_kind
        )
        documents = list({h.document.id: h.document for h in ranked}.values())[:FACT_DOCS]
        first: list[Hit] = []
        for document in documents:
            units = self.store.units_of(document.id)
            for fact in intent.facts:
                unit = fact_unit(document, units, fact, query)
                if unit is not None and all(h.unit != unit for h in first):
                    first.append(Hit(unit=unit, document=document, score=hits[0].score))
        return first

    def _citing_hits(self, query: str, intent, hits: list[Hit], filters: dict) -> list[Hit]:
        """The passages that make the asked link between documents, from the reference graph."""
        from qa.corpus import library_index
        from qa.facts import answer_related

        found = answer_related(query, intent, hits, library_index(self), filters)
        if found is None:
            return []
        return [Hit(c.hit.unit, c.hit.document, hits[0].score) for c in found.citations[:RELATED_FIRST]]

    @staticmethod
    def _filter(
        docs: Iterable[Document],
        *,
        doc: str | None = None,
        doc_type: str | None = None,
        issuer: str | None = None,
        year: int | None = None,
    ) -> list[str] | None:
        """Document ids allowed by the filters, None when there is no filter."""
        from qa.corpus import allowed

        filters = {"doc": doc, "doc_type": doc_type, "issuer": issuer, "year": year}
        if not any(filters.values()):
            return None
        return [d.id for d in docs if allowed(d, filters)]

    # -- answers ------------------------------------------------------------------------------

    @_snapshot
    def ask(self, question: str, **filters) -> Answer:
        """Answer a question with cited, highlighted units, or status "not_found".

        >>> answer = lib.ask("Ai ký công văn này?")
        >>> answer.text
        'Đặng Ngọc Huy — Phó Bí thư, T/M Ban Thường vụ'
        """
        from qa.answer import answer

        return answer(clean_query(question), self, **filters)

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
        all_refs = self._resolved_references()
        return DocumentView(
            document=docs[doc_id],
            text=self.store.document_text(doc_id),
            units=self.store.units_of(doc_id),
            references=tuple(r for src, r in all_refs if src == doc_id),
            cited_by=tuple((src, r) for src, r in all_refs if r.target == doc_id and src != doc_id),
        )

    def _resolved_references(self) -> list[tuple[str, Reference]]:
        from ingest.references import resolve_reference

        docs = [d for d in self._documents().values()]
        out = []
        for src, ref in self.store.references():
            target = resolve_reference(ref, [d for d in docs if d.id != src])
            out.append((src, replace(ref, target=target)))
        return out

    @_snapshot
    def missing_references(self) -> list[tuple[str, Reference]]:
        """References to documents that are not in the library yet (citing doc id, reference)."""
        return [(src, r) for src, r in self._resolved_references() if r.target is None]

    @_snapshot
    def sources(self, quote: str, k: int = 5, **filters) -> list[Citation]:
        """Ranked source passages of a quote or paraphrase, the closest sentences highlighted.

        For propaganda staff who must cite where a sentence comes from; filters as in `search`.

        >>> best = lib.sources("phát huy quyền làm chủ của Nhân dân", k=3)[0]
        >>> best.hit.unit.label, best.highlights, best.citation
        """
        from qa.cite import make_citation
        from qa.highlight import highlight
        from qa.intent import content_terms

        terms, bigrams = content_terms(quote)
        return [
            make_citation(hit, highlight(hit.unit.text, terms, bigrams, max_spans=3))
            for hit in self.search(quote, k, **filters)
        ]

    @_snapshot
    def organisations(self) -> list[str]:
        """Unit names the library knows: the alias table plus names learned from "Kính gửi",
        "Nơi nhận" and assignment sentences of its documents.

        >>> "Tỉnh đoàn" in lib.organisations()
        True
        """
        from qa.corpus import organisations

        return organisations(self)

    @_snapshot
    def tasks(self, org: str, **filters) -> list[Citation]:
        """Every item addressed to a unit across the library, with its deadline when stated.

        >>> [(c.hit.unit.label, c.deadline) for c in lib.tasks("Tỉnh đoàn")]
        """
        from qa.answer import tasks_for

        return tasks_for(org, self, **filters)
