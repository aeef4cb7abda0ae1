"""Entry point of the readers: check a file, dispatch on its suffix, return cleaned NFC RawText."""

from __future__ import annotations

import logging
import os
import stat
from collections.abc import Callable
from pathlib import Path

from chidao.core.errors import UnreadableFileError
from chidao.core.model import RawText

log = logging.getLogger(__name__)

DEFAULT_MAX_BYTES = 50 * 2**20
# The longest line of the real corpora is 955 characters (eval-laws, a law's article paragraph); a line
# ten times longer is not a document's text but a dump, and embedding it alone takes minutes.
MAX_LINE_CHARS = 10_000
# The longest real document we hold, the Civil Code (eval-laws), has 368,000 characters. Embedding is
# linear in the text (~1.6 ms a character under load on the 2-core machine), so this limit also bounds
# one file's ingest to about 15 minutes; a longer text is a collection to split.
MAX_TEXT_CHARS = 600_000
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
    try:
        raw = _dispatch(path, suffix, ocr=ocr, pages_done=pages_done)
    except OSError as exc:  # a file that vanished, became unreadable or sits on a failing disk
        raise UnreadableFileError(
            f"cannot be read ({exc.strerror or exc})", path=path, hint="Check the file and try again."
        ) from exc
    if len(raw.text) > MAX_TEXT_CHARS:
        raise UnreadableFileError(
            f"{len(raw.text):,} characters of text (the limit is {MAX_TEXT_CHARS:,})",
            path=path,
            hint="Split it into parts (e.g. one per chapter) and ingest those.",
        )
    _check_lines(raw.text, path)
    raw = _repair_mojibake(raw, path)
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


def _repair_mojibake(raw: RawText, path: Path) -> RawText:
    """Reverse UTF-8-read-as-Latin-1 text (with a warning), refuse text that stays garbled."""
    from dataclasses import replace

    from ingest import mojibake

    repaired, changed, bad = mojibake.repair_pages(raw)
    lines = repaired.text.count("\n") + 1
    if mojibake.refuse(bad, lines):
        raise UnreadableFileError(
            f"garbled text (mojibake, e.g. line {bad[0]}: UTF-8 read as Latin-1/Windows-1252; {len(bad)}"
            f" of {lines} lines)",
            path=path,
            hint="Export it again from the original as UTF-8 (or .docx/.pdf) and ingest that.",
        )
    notes = []
    if changed:
        notes.append(
            "garbled text (UTF-8 read as Latin-1/Windows-1252) was repaired; check it against the original"
        )
    if bad:
        notes.append(f"line(s) {', '.join(map(str, bad[:5]))} still look garbled")
    if notes:
        log.warning("%s: %s", path.name, "; ".join(notes))
        repaired = replace(repaired, warnings=(*repaired.warnings, *notes))
    return repaired


def _check_lines(text: str, path: Path) -> None:
    start = 0
    while start < len(text):
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
        if end - start > MAX_LINE_CHARS:
            line = text.count("\n", 0, start) + 1
            raise UnreadableFileError(
                f"line {line} is {end - start:,} characters long (the limit is {MAX_LINE_CHARS:,})",
                path=path,
                hint="This is not a document's text; check the file, or break the line into paragraphs.",
            )
        start = end + 1


def check_file(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> None:
    """Raise UnreadableFileError unless the path is a regular file (not a link) of 1 to `max_bytes` bytes."""
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        raise UnreadableFileError("file not found", path=path, hint="Check the path and try again.") from None
    except OSError as exc:
        raise UnreadableFileError(
            f"cannot be opened ({exc.strerror})", path=path, hint="Check its permissions and try again."
        ) from exc
    if stat.S_ISLNK(info.st_mode):
        raise UnreadableFileError(
            "a symbolic link, not read",
            path=path,
            hint="Symbolic links are not followed; ingest the file itself.",
        )
    if stat.S_ISDIR(info.st_mode):
        raise UnreadableFileError(
            "not a regular file", path=path, hint="Give the path of a document, not a folder."
        )
    if not stat.S_ISREG(info.st_mode):
        raise UnreadableFileError(
            "not a regular file (a device, pipe or socket)",
            path=path,
            hint="Give the path of a document file.",
        )
    size = info.st_size
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
