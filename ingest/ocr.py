"""OCR of scanned PDF pages: pypdfium2 renders them, the tesseract CLI reads their word boxes."""

from __future__ import annotations

import functools
import logging
import os
import re
import shutil
import statistics
import subprocess
import tempfile
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np
import pypdfium2 as pdfium
from PIL import Image

from chidao.core.errors import ScanWithoutTextError, UnreadableFileError
from chidao.core.model import RawText
from chidao.core.text import nfc
from ingest.layout import ROW_MARK, pages_to_text
from ingest.normalize import build_raw_text
from ingest.ocr_grid import Grid, find_grid
from ingest.ocr_layout import Word, layout_lines, parse_tsv
from ingest.ocr_reread import reread_lost_lines

log = logging.getLogger(__name__)

DPI = 300
LANGUAGE = "vie"
# Tesseract's page segmentation: automatic layout (3) reads running text best, but merges the cells
# of a scanned table into lines and misreads them ("CA" for "Nội dung nhiệm vụ"); "sparse text"
# (11) reads every cell as words with their boxes and lost letters of small running text ("Tỉnh ly"
# for "Tỉnh ủy"). A page whose first reading has a line of three or more cells is read again with 11.
PAGE_SEGMENTATION = "3"
TABLE_SEGMENTATION = "11"
LINE_SEGMENTATION = "7"  # one line of text: a line read again on its own
_TABLE_ROW = re.compile(r"\S(?: {4,}\S.*){2,}")
INSTALL_HINT = (
    "Install tesseract-ocr and tesseract-ocr-vie (sudo apt-get install tesseract-ocr tesseract-ocr-vie), "
    "or ingest a PDF with text."
)
OCR_WARNING = "text came from OCR (scanned PDF); check names and numbers against the original"
# Tesseract's OpenMP threads fight each other on small machines: one thread per process and one
# process per core measured 6x faster on 2 cores than tesseract's default.
_ENV = {**os.environ, "OMP_THREAD_LIMIT": "1"}
_TIMEOUT_S = 300


@functools.cache
def ocr_available() -> bool:
    """True when the tesseract CLI is on PATH and has the Vietnamese ("vie") language data."""
    exe = shutil.which("tesseract")
    if exe is None:
        return False
    try:
        done = subprocess.run(
            [exe, "--list-langs"], capture_output=True, text=True, env=_ENV, timeout=60, check=False
        )
    except (OSError, subprocess.TimeoutExpired):
        return False
    return LANGUAGE in (done.stdout + done.stderr).split()


def ocr_pdf(path: Path, pages_done: Callable[[int, int, str], None] | None = None) -> RawText:
    """Read a PDF without a text layer by OCR; the result carries `ocr=True` and a warning.

    Raises ScanWithoutTextError when tesseract or its Vietnamese data is missing: a scan is never
    skipped silently.
    """
    if not ocr_available():
        raise ScanWithoutTextError(
            "no text layer (scanned PDF) and OCR is not available", path=path, hint=INSTALL_HINT
        )
    n = _page_count(path)
    pages = ocr_pages(path, range(n), pages_done=pages_done)
    if not any(c.isalpha() for page in pages for line in page for c in line):
        raise ScanWithoutTextError(
            "no text layer (scanned PDF) and OCR found no text in it",
            path=path,
            hint="Scan it again at 300 dpi or more, or ingest a PDF with text.",
        )
    log.warning("%s: %s", path.name, OCR_WARNING)
    text = pages_to_text(pages, range(n))
    return build_raw_text(text, format="pdf", ocr=True, warnings=(OCR_WARNING,))


def ocr_pages(
    path: Path,
    pages: Sequence[int],
    *,
    dpi: int = DPI,
    pages_done: Callable[[int, int, str], None] | None = None,
) -> list[list[str]]:
    """Layout lines (see ocr_layout) of the given 0-based pages, in that order.

    One tesseract process per CPU core, each with one OpenMP thread; `pages_done(done, total, "ocr")`
    is told as the pages come back, in order.
    """
    with tempfile.TemporaryDirectory(prefix="chidao-ocr-") as tmp:
        images = _render(path, pages, Path(tmp), dpi)
        with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
            out, first = [], []
            for words, grid in pool.map(lambda image: _words_and_grid(image, path), images):
                out.append(layout_lines(words, grid))
                first.append((words, grid))
                if pages_done:
                    pages_done(len(out), len(images), "ocr")
            tabular = [i for i, page in enumerate(out) if any(_is_table_row(x) for x in page)]
            again = pool.map(lambda i: _words(images[i], path, TABLE_SEGMENTATION), tabular)
            for i, words in zip(tabular, again, strict=True):
                out[i] = layout_lines(words, first[i][1], other=first[i][0])
    return out


def _words_and_grid(image: Path, source: Path) -> tuple[list[Word], Grid | None]:
    """The first reading of a page and its ruling lines (None without a ruled table's lines)."""
    words = _words(image, source, PAGE_SEGMENTATION)
    read = [w for w in words if any(c.isalnum() for c in w.text)]
    if not read:
        return words, None
    with Image.open(image) as opened:
        page = np.asarray(opened.convert("L"))
    return words, find_grid(page, statistics.median(w.height for w in read))


def _words(image: Path, source: Path, segmentation: str) -> list[Word]:
    """Word boxes of a page, the lines the first reading lost read again (see ocr_reread)."""
    words = parse_tsv(nfc(_tesseract(image, source, segmentation)))
    return reread_lost_lines(image, words, lambda line: _line_words(line, source))


def _line_words(line: Path, source: Path) -> list[Word]:
    """Words of one line image; none when tesseract fails on it (the page reading stands)."""
    try:
        return parse_tsv(nfc(_tesseract(line, source, LINE_SEGMENTATION)))
    except ScanWithoutTextError as exc:
        log.debug("%s: a lost line not read again: %s", source.name, exc)
        return []


def _is_table_row(line: str) -> bool:
    return line.startswith(ROW_MARK) or bool(_TABLE_ROW.search(line))


def _page_count(path: Path) -> int:
    try:
        document = pdfium.PdfDocument(path)
    except pdfium.PdfiumError as exc:
        raise UnreadableFileError(
            f"damaged or truncated PDF ({exc})",
            path=path,
            hint="Export it again from the original and re-ingest.",
        ) from exc
    try:
        return len(document)
    finally:
        document.close()


def _render(path: Path, pages: Sequence[int], folder: Path, dpi: int) -> list[Path]:
    """Grayscale PNGs of the pages; 300 dpi is what tesseract is trained for."""
    out = []
    document = pdfium.PdfDocument(path)
    try:
        for i in pages:
            bitmap = document[i].render(scale=dpi / 72, grayscale=True)
            image = folder / f"page-{i + 1:04d}.png"
            bitmap.to_pil().save(image)
            out.append(image)
    except pdfium.PdfiumError as exc:
        raise UnreadableFileError(
            f"damaged PDF, page cannot be rendered for OCR ({exc})",
            path=path,
            hint="Export it again from the original and re-ingest.",
        ) from exc
    finally:
        document.close()
    return out


def _tesseract(image: Path, source: Path, segmentation: str) -> str:
    exe = shutil.which("tesseract") or "tesseract"
    try:
        done = subprocess.run(
            [exe, str(image), "stdout", "-l", LANGUAGE, "--dpi", str(DPI), "--psm", segmentation, "tsv"],
            capture_output=True,
            text=True,
            env=_ENV,
            timeout=_TIMEOUT_S,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise ScanWithoutTextError(f"OCR failed ({exc})", path=source, hint=INSTALL_HINT) from exc
    if done.returncode != 0:
        reason = done.stderr.strip().splitlines()[-1] if done.stderr.strip() else f"exit {done.returncode}"
        raise ScanWithoutTextError(f"OCR failed ({reason})", path=source, hint=INSTALL_HINT)
    return done.stdout
