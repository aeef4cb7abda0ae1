"""PDF reader: pypdf layout text per page, tables from the page geometry, pages without text to OCR."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pypdf
from pypdf.errors import DependencyError, FileNotDecryptedError, PyPdfError

from chidao.core.errors import ScanWithoutTextError, UnreadableFileError
from chidao.core.model import RawText
from chidao.core.text import nfc
from ingest import legacy
from ingest.layout import COLUMN_GAP, ROW_MARK, pages_to_text
from ingest.normalize import build_raw_text
from ingest.pdf_tables import GEOMETRY_ERRORS, PageTable, find_tables, tokens
from ingest.tables import clean_cell, from_grid, table_lines

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
    ocr_pages: dict[int, list[str]] = {}
    if blank:
        ocr_pages, warnings = _ocr_some(path, blank, ocr=ocr, pages_done=pages_done)
    # A text layer drawn in .VnTime (TCVN3) or VNI fonts holds "ph¸t triÓn": detected on the whole
    # text, converted line by line (table cells before their header is read).
    name = legacy.detect("\n".join(line for page in pages for line in page))
    pages = _splice_tables(path, pages, name)
    if name:
        pages = [[x if x.startswith(ROW_MARK) else legacy.decode_as(x, name) for x in p] for p in pages]
        warnings += (legacy.warning(name),)
    # OCR'd pages come as layout lines too (from tesseract's word boxes), read like the others.
    text = pages_to_text([ocr_pages.get(i, page) for i, page in enumerate(pages)], ocr_pages)
    return build_raw_text(text, format="pdf", ocr=bool(ocr_pages), warnings=warnings)


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


def _splice_tables(path: Path, pages: list[list[str]], encoding: str | None = None) -> list[list[str]]:
    """Replace the lines of each table found in the page geometry by one marked line per logical row.

    Only pages where pypdf's layout text has a line of two or more cells (≥ 4 spaces apart) are
    looked at: reading a page's geometry costs more than reading its text, and a data table always
    has such a line; with two cells at most, only ruled tables are looked for, and the characters
    are read only when the page has lines. pypdf's layout text stays the source of everything
    else (it keeps indents and the header's two columns better than a layout text from the geometry); a
    table whose words cannot be found as a run of pypdf lines is left as pypdf wrote it. A table
    that starts a page right below a table ending the previous page, with as many columns,
    continues it: its repeated header is dropped and a row split by the page break (no number in
    its first cell) is joined to the row before.
    """
    cells = [max((len(COLUMN_GAP.split(x.strip())) for x in page), default=0) for page in pages]
    two = [i for i, n in enumerate(cells) if n == 2]  # a two-column table only when ruled
    candidates = [i for i, n in enumerate(cells) if n >= 3] + two
    if not candidates:
        return pages
    try:
        found = find_tables(path, sorted(candidates), ruled_only=two)
    except (*_BROKEN, *GEOMETRY_ERRORS) as exc:  # pdfium failing on a file pypdf read: keep pypdf's text
        log.warning("%s: table geometry not read (%s); tables kept as plain lines", path.name, _reason(exc))
        return pages
    if encoding:  # cells are compared with pypdf's lines as found, read after conversion
        for tables in found.values():
            for table in tables:
                table.grid = [[legacy.decode_as(c, encoding) if c else c for c in r] for r in table.grid]
    out = [list(p) for p in pages]
    prev: _Run | None = None  # the last table, if it ends its page
    for index in sorted(found):
        for n, table in enumerate(found[index]):
            span = _locate(out[index], table)
            if span is None:
                prev = None
                continue
            lines, run = _rows_of(table, prev if n == 0 and not table.text_above else None, index, out)
            out[index][span[0] : span[1]] = ["", *[ROW_MARK + x for x in lines], ""]
            last = n == len(found[index]) - 1
            prev = run if last and not table.text_below else None
    return out


@dataclass(slots=True)
class _Run:
    """A table read so far, over one or more pages: its visual rows (the header once), the page it
    last reached, and how many logical rows it has on the pages before that one."""

    page: int
    grid: list[list[str | None]]
    earlier: int = 0
    continued: bool = False  # it began on an earlier page than `page`


def _same_row(a: list[str | None], b: list[str | None]) -> bool:
    """Rows with the same cell texts once wrapped lines and spaces are normalised."""
    return [clean_cell(x) for x in a] == [clean_cell(x) for x in b]


def _rows_of(table: PageTable, prev: _Run | None, index: int, out: list[list[str]]) -> tuple[list[str], _Run]:
    """Row lines of a table, or of its part on this page when it continues the previous page's table.

    A continued table is read as one: the previous page's rows are rewritten (the row split by the
    page break is completed there, where it begins) and this page gets the rows that start on it. A
    table over three pages or more is read whole each time, its header said once, at its start.
    """
    if prev is None or prev.page != index - 1 or len(prev.grid[0]) != len(table.grid[0]):
        return table_lines(from_grid(table.grid)), _Run(index, table.grid)
    grid = table.grid[1:] if _same_row(table.grid[0], prev.grid[0]) else table.grid
    joined = from_grid(prev.grid + grid)
    lines = table_lines(joined)
    head = len(lines) - len(joined.rows)
    upto = head + len(from_grid(prev.grid).rows)
    page = out[index - 1]
    end = max(i for i, x in enumerate(page) if x.startswith(ROW_MARK)) + 1
    start = end
    while start > 0 and page[start - 1].startswith(ROW_MARK):
        start -= 1
    page[start:end] = [ROW_MARK + x for x in lines[head + prev.earlier if prev.continued else 0 : upto]]
    return lines[upto:], _Run(index, prev.grid + grid, upto - head, continued=True)


def _locate(page: list[str], table: PageTable) -> tuple[int, int] | None:
    """[start, end) of the run of pypdf lines holding the table's words, or None when not found.

    Lines are taken while their words are among the table's words not yet used; the run must hold
    90 % of them (calibrated on reportlab tables; pypdf and the geometry split words the same way).
    """
    total = sum(table.tokens.values())
    if not total:
        return None
    words = [tokens(line) if not line.startswith(ROW_MARK) else None for line in page]
    for start, line in enumerate(page):
        first = words[start]
        if not line.strip() or first is None or not first <= table.tokens:
            continue
        left = table.tokens.copy()
        end = start
        while end < len(page) and (have := words[end]) is not None and have <= left:
            left -= have
            end += 1
        if total - sum(left.values()) >= 0.9 * total:
            return start, end  # the first run holding the table: runs starting later hold less
    return None


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
) -> tuple[dict[int, list[str]], tuple[str, ...]]:
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
