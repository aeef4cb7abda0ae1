"""PDF reader: pypdf layout text per page, cleaned into paragraphs; pages without text go to OCR."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

import pypdf
from pypdf.errors import DependencyError, FileNotDecryptedError, PyPdfError

from chidao.core.errors import ScanWithoutTextError, UnreadableFileError
from chidao.core.model import RawText
from chidao.core.text import nfc
from ingest.layout import pages_to_text
from ingest.normalize import build_raw_text

log = logging.getLogger(__name__)

EXPORT_AGAIN = "Export it again from the original and re-ingest."
UNLOCK_HINT = "Save an unprotected copy (e.g. print it to PDF) and ingest that."
# The longest real document we hold, the Civil Code (eval-laws, 368,000 characters), is about 200 pages
# as a PDF; 500 pages take pypdf ~30 s under load on the 2-core machine, a 2,000-page file ~110 s.
MAX_PAGES = 500
# A page with fewer letters than this has no real text layer (a scan may carry a stray page number).
MIN_PAGE_LETTERS = 20
# pypdf reports a broken file with its own errors, but a damaged object tree surfaces as plain
# Python errors from deep inside the parser; all of them mean "damaged PDF" to the user.
_BROKEN = (PyPdfError, ValueError, KeyError, TypeError, IndexError, AttributeError, RecursionError)
# Told after each page: (pages done, pages in the file, stage "text" or "ocr"); a long PDF or scan
# takes seconds to minutes, and the app shows how far it is.
PageProgress = Callable[[int, int, str], None]


def read_pdf(path: Path, *, ocr: bool = True, pages_done: PageProgress | None = None) -> RawText:
    """Read a PDF: running headers/footers dropped, wrapped lines and page-split paragraphs re-joined.

    Pages without a text layer are OCR'd (`ocr=True` and tesseract present); a PDF with no text at all
    and no OCR raises ScanWithoutTextError rather than coming out empty.
    """
    pages = _extract_pages(path, pages_done)
    blank = [i for i, page in enumerate(pages) if _letters(page) < MIN_PAGE_LETTERS]
    if len(blank) == len(pages):
        if not ocr:
            raise ScanWithoutTextError(
                "no text layer (scanned PDF) and OCR is turned off",
                path=path,
                hint="Ingest it with OCR on (needs tesseract-ocr and tesseract-ocr-vie), or a PDF with text.",
            )
        from ingest.ocr import ocr_pdf

        return ocr_pdf(path, pages_done)
    warnings: tuple[str, ...] = ()
    ocr_texts: dict[int, str] = {}
    if blank:
        ocr_texts, warnings = _ocr_some(path, blank, ocr=ocr, pages_done=pages_done)
    text = pages_to_text(pages, ocr_texts)
    return build_raw_text(text, format="pdf", ocr=bool(ocr_texts), warnings=warnings)


def _extract_pages(path: Path, pages_done: PageProgress | None = None) -> list[list[str]]:
    """pypdf layout-mode lines per page: positions survive as spaces (indents, side-by-side cells)."""
    try:
        reader = pypdf.PdfReader(path)
        _unlock(reader, path)
        if len(reader.pages) > MAX_PAGES:
            raise UnreadableFileError(
                f"{len(reader.pages)} pages (the limit is {MAX_PAGES})",
                path=path,
                hint="Split the PDF into parts (e.g. one per chapter) and ingest those.",
            )
        pages = []
        total = len(reader.pages)
        for page in reader.pages:
            try:
                text = page.extract_text(extraction_mode="layout")
            except ZeroDivisionError:  # layout mode divides by font metrics some PDFs leave at 0
                text = page.extract_text()
            pages.append(nfc(text).splitlines())
            if pages_done:
                pages_done(len(pages), total, "text")
    except (ScanWithoutTextError, UnreadableFileError):
        raise
    except _BROKEN as exc:
        raise UnreadableFileError(
            f"damaged or truncated PDF ({_reason(exc)})", path=path, hint=EXPORT_AGAIN
        ) from exc
    if not pages:
        raise UnreadableFileError("PDF without pages", path=path, hint=EXPORT_AGAIN)
    return pages


def _unlock(reader: pypdf.PdfReader, path: Path) -> None:
    """Open PDFs protected by an owner password only (the empty user password works, RC4 or AES
    through `cryptography`); refuse the rest with "cần mật khẩu" (a password is needed)."""
    if not reader.is_encrypted:
        return
    try:
        if reader.decrypt(""):
            return
    except (DependencyError, FileNotDecryptedError, NotImplementedError) as exc:
        raise UnreadableFileError(f"encrypted PDF ({_reason(exc)})", path=path, hint=UNLOCK_HINT) from exc
    raise UnreadableFileError(
        "encrypted PDF (a password is needed to open it: cần mật khẩu)", path=path, hint=UNLOCK_HINT
    )


def _ocr_some(
    path: Path, blank: list[int], *, ocr: bool, pages_done: PageProgress | None = None
) -> tuple[dict[int, str], tuple[str, ...]]:
    """OCR the pages that have no text layer in an otherwise text PDF, or say which pages were lost."""
    numbers = ", ".join(str(i + 1) for i in blank)
    if ocr:
        from ingest.ocr import ocr_available, ocr_pages

        if ocr_available():
            texts = ocr_pages(path, blank, pages_done=pages_done)
            message = f"text of page(s) {numbers} came from OCR; check it against the original"
            log.warning("%s: %s", path.name, message)
            return dict(zip(blank, texts, strict=True)), (message,)
    message = f"page(s) {numbers} have no text layer and were not OCR'd; their text is missing"
    log.warning("%s: %s", path.name, message)
    return {}, (message,)


def _letters(page: list[str]) -> int:
    return sum(c.isalpha() for line in page for c in line)


def _reason(exc: BaseException) -> str:
    text = str(exc).strip().rstrip(".") or type(exc).__name__
    return text if len(text) <= 120 else text[:117] + "..."
