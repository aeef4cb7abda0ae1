"""The chidao exception family: every failure a user can fix names the file, the problem and the fix."""

from __future__ import annotations

from pathlib import Path


class ChidaoError(Exception):
    """Base of every error chidao reports to a user."""

    def __init__(self, message: str, *, path: str | Path | None = None, hint: str = "") -> None:
        self.path = str(path) if path is not None else None
        self.hint = hint
        self.problem = message
        text = f"{Path(self.path).name}: {message}" if self.path else message
        super().__init__(f"{text}. {hint}" if hint else text)


class UnreadableFileError(ChidaoError):
    """A file cannot be read: empty, truncated, junk, wrong encoding, too large or unsupported."""


class ScanWithoutTextError(ChidaoError):
    """A PDF has no text layer and OCR is not available."""


class StoreError(ChidaoError):
    """The store is locked, damaged, or its SQLite and FAISS parts disagree."""


class EmbedderMismatchError(ChidaoError):
    """The store was built with another embedder than the one asked for."""


class DocumentNotFoundError(ChidaoError):
    """A document id given by the user is not in the library."""


class AmbiguousDocumentError(DocumentNotFoundError):
    """A file name given for a document is shared by several documents of the library."""
