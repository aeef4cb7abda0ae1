"""Entry point of the readers: check a file, dispatch on its suffix, return cleaned NFC RawText."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from chidao.core.errors import UnreadableFileError
from chidao.core.model import RawText

log = logging.getLogger(__name__)

DEFAULT_MAX_BYTES = 50 * 2**20
SUPPORTED = (".txt", ".md", ".pdf", ".docx")
_SUPPORTED_TEXT = ", ".join(SUPPORTED)
# Formats users often have instead of a supported one, with the conversion that fixes it.
_CONVERT_HINTS = {
    ".doc": "Open it in Word, save it as .docx and ingest it again.",
    ".rtf": "Open it in Word, save it as .docx and ingest it again.",
    ".odt": "Save it as .docx (or export to PDF) and ingest it again.",
}


def read_file(
    path: Path,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    ocr: bool = True,
    pages_done: Callable[[int, int, str], None] | None = None,
) -> RawText:
    """Read a .txt, .md, .pdf or .docx file into NFC text with page offsets.

    Raises UnreadableFileError (missing, empty, too large, junk, damaged, unsupported) or
    ScanWithoutTextError (a scanned PDF and no OCR), each naming the file and the fix.
    `pages_done(done, total, stage)` follows a PDF page by page (stage "text" or "ocr").
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED:
        hint = _CONVERT_HINTS.get(suffix, "Convert it to one of these and ingest it again.")
        kind = f"'{suffix}'" if suffix else "without a suffix"
        raise UnreadableFileError(
            f"unsupported file type {kind} (supported: {_SUPPORTED_TEXT})", path=path, hint=hint
        )
    check_file(path, max_bytes)
    raw = _dispatch(path, suffix, ocr=ocr, pages_done=pages_done)
    if not raw.text.strip():
        raise UnreadableFileError(
            "no text in the file (only whitespace)",
            path=path,
            hint="Check that this is the right file, or export it again with its text.",
        )
    log.debug("read %s: %d characters, %d pages", path.name, len(raw.text), len(raw.page_starts))
    return raw


def _dispatch(
    path: Path, suffix: str, *, ocr: bool, pages_done: Callable[[int, int, str], None] | None
) -> RawText:
    # Imported here so that reading a text file never imports pypdf, python-docx or pypdfium2.
    if suffix in (".txt", ".md"):
        from ingest.txt import read_txt

        return read_txt(path, format=suffix[1:])
    if suffix == ".pdf":
        from ingest.pdf import read_pdf

        return read_pdf(path, ocr=ocr, pages_done=pages_done)
    from ingest.docx import read_docx

    return read_docx(path)


def check_file(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> None:
    """Raise UnreadableFileError when the path is missing, not a file, empty or over `max_bytes`."""
    if not path.exists():
        raise UnreadableFileError("file not found", path=path, hint="Check the path and try again.")
    if not path.is_file():
        raise UnreadableFileError(
            "not a regular file", path=path, hint="Give the path of a document, not a folder."
        )
    size = path.stat().st_size
    if size == 0:
        raise UnreadableFileError(
            "empty file (0 bytes)",
            path=path,
            hint="Check that this is the right file, or export it again with its text.",
        )
    if size > max_bytes:
        raise UnreadableFileError(
            f"too large ({_human_size(size)}; the limit is {_human_size(max_bytes)})",
            path=path,
            hint="Split the file into smaller parts, or raise the limit (max_bytes).",
        )


def _human_size(n: int) -> str:
    if n < 2**10:
        return f"{n} bytes"
    if n < 2**20:
        return f"{n / 2**10:.1f} KB"
    return f"{n / 2**20:.1f} MB"
