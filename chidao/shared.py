"""One Library shared by the threads of a server (the app's sessions): writes serialised, reads shared."""

from __future__ import annotations

import functools
from typing import Any

import fasteners

from chidao.library import Library

# Library methods that change the store. Everything else only reads, so many sessions may run it
# at once; a write waits for the running reads and holds the others back until it has committed,
# so no reader sees a half-ingested document (SQLite connection and caches are shared).
WRITE_METHODS = frozenset({"ingest", "remove", "reindex", "close"})


class SharedLibrary:
    """A `Library` behind a reader-writer lock; call it exactly like the Library it wraps.

    >>> shared = SharedLibrary(Library.open("store"))
    >>> shared.ingest(["cv.pdf"])      # waits for running reads, blocks new ones until done
    >>> shared.ask("Ai ký?")           # runs alongside other reads
    """

    def __init__(self, library: Library) -> None:
        self._library = library
        self._lock = fasteners.ReaderWriterLock()

    @property
    def library(self) -> Library:
        """The wrapped Library (for code that takes the lock itself)."""
        return self._library

    def __getattr__(self, name: str) -> Any:
        attr = getattr(self._library, name)
        if not callable(attr):
            return attr
        guard = self._lock.write_lock if name in WRITE_METHODS else self._lock.read_lock

        @functools.wraps(attr)
        def guarded(*args: Any, **kwargs: Any) -> Any:
            with guard():
                return attr(*args, **kwargs)

        return guarded
