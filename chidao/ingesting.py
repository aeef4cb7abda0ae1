"""Ingest for the Library: files in, one transaction per document, a report line per file.

`Ingesting` is the part of `Library` that writes: it reads and parses each file, embeds its units
and stores them; `remove` and `reindex` are the other writes.
"""

from __future__ import annotations

import hashlib
import logging
import sqlite3
from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from chidao.core.errors import ChidaoError, DocumentNotFoundError, UnreadableFileError
from chidao.core.model import Document, IngestReport, IngestResult, Metadata, ParsedDocument, Unit
from chidao.inputs import Source, collect_sources, printable, qualified_ids

if TYPE_CHECKING:
    from index.embedders import Embedder
    from index.retriever import Retriever
    from index.store import Store

log = logging.getLogger(__name__)

Progress = Callable[[int, int, str], None]
# (file name, pages done, pages in the file, stage "text" or "ocr"): a long PDF or scan page by page.
PageProgress = Callable[[str, int, int, str], None]


def expand_paths(paths: Iterable[str | Path]) -> list[Path]:
    """Files as given, folders walked recursively for supported files (hidden ones and links skipped)."""
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


class Ingesting:
    """The writes of a Library (ingest, reindex, remove); `Library` supplies the store and models."""

    store: Store
    store_dir: Path
    embedder_name: str
    backend: str
    _embedder: Embedder | None

    @property
    def embedder(self) -> Embedder:  # provided by Library
        raise NotImplementedError

    @property
    def retriever(self) -> Retriever:  # provided by Library
        raise NotImplementedError

    def _documents(self) -> dict[str, Document]:  # provided by Library
        raise NotImplementedError

    def resolve_document(self, doc: str) -> str:  # provided by Library
        raise NotImplementedError

    def ingest(
        self,
        paths: Iterable[str | Path],
        *,
        progress: Progress | None = None,
        max_bytes: int | None = None,
        ocr: bool = True,
        pages: PageProgress | None = None,
    ) -> IngestReport:
        """Add files and folders (recursively); a bad file is reported and never aborts the batch.

        `progress` is told per file, `pages` per page of a PDF (reading, then OCR of a scan).

        >>> report = lib.ingest(["docs/", "cv-2412.pdf"])
        >>> [(r.path, r.status) for r in report.results]
        """
        self.store.prepare_write()  # creates the store on the first ingest; refuses a read-only one
        files = collect_sources(paths)
        results = []
        for done, source in enumerate(files):
            if progress:
                progress(done, len(files), printable(source.path.name))
            result = self._ingest_one(source, max_bytes=max_bytes, ocr=ocr, pages=pages)
            self.store.log_ingest(source.display, result.status, result.doc_id, result.message)
            results.append(result)
        if progress:
            progress(len(files), len(files), "")
        if any(r.status in ("added", "replaced") for r in results):
            self.retriever.refresh()  # rebuild and save the dense cache (or sync Milvus) once per batch
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

    def _ingest_one(
        self, source: Source, *, max_bytes: int | None, ocr: bool, pages: PageProgress | None = None
    ) -> IngestResult:
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
            pages_done = (lambda done, total, stage: pages(path.name, done, total, stage)) if pages else None
            raw = read_file(path, max_bytes=max_bytes, ocr=ocr, pages_done=pages_done)
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
        from index.terms import note_learner
        from qa.learning import learn_names, learning_fingerprint

        md = document.metadata
        vectors = self.embedder.embed_passages([passage_text(md, u) for u in parsed.units])
        contexts = [context_text(md, u) for u in parsed.units]
        names = learn_names(parsed.units)  # the unit names qa reads (Kính gửi, Nơi nhận, assignments)
        with self.store.transaction() as conn:
            conn.execute("INSERT OR REPLACE INTO meta VALUES ('embedder', ?)", (self.embedder_name,))
            note_learner(conn, learning_fingerprint())
            return self.store.put_document(conn, document, parsed, vectors, contexts, source, names)

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
        self.retriever.refresh(rebuild=True)
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
        if self.backend == "milvus":
            self.retriever.refresh()  # the local index drops it at its next load; Milvus now
        return doc_id
