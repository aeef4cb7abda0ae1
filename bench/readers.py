"""Reader speed: PDF pages/s with and without the table geometry (pdfplumber), OCR seconds per page.

    .venv/bin/python bench/readers.py [--eval ../shared/eval]

"pypdf only" is the reader as it was before tables were read from the PDF's geometry: pypdf layout
text and the paragraph rules. "pypdf + tables" is today's read_pdf (without OCR).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "ingest"))

from ingest.layout import pages_to_text  # noqa: E402
from ingest.ocr import ocr_available  # noqa: E402
from ingest.pdf import _extract_pages, read_pdf  # noqa: E402


def _pypdf_only(path: Path) -> str:
    return pages_to_text(_extract_pages(path))


def _with_tables(path: Path) -> str:
    return read_pdf(path, ocr=False).text


def _pages(path: Path) -> int:
    return len(_extract_pages(path))


def _rate(read: Callable[[Path], str], paths: list[Path], repeat: int = 3) -> float:
    pages = sum(_pages(p) for p in paths) * repeat
    start = time.perf_counter()
    for _ in range(repeat):
        for path in paths:
            read(path)
    return pages / (time.perf_counter() - start)


def _table_pdfs(folder: Path) -> list[Path]:
    """A ruled and an unruled task table of 40 rows (several pages), as the reader tests write them."""
    from test_pdf_tables import TASK_HEADER, TASKS, WIDTHS, _pdf, _table

    rows = [TASK_HEADER] + [[str(i + 1), *TASKS[i % 3][1:]] for i in range(40)]
    return [
        _pdf(folder / f"bang-{kind}.pdf", _table(rows, WIDTHS, ruled=kind == "ke", repeat=1))
        for kind in ("ke", "khong-ke")
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--eval", type=Path, default=Path(__file__).resolve().parents[2] / "shared" / "eval")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        sets = {"eval PDFs": sorted((args.eval / "corpus").glob("*.pdf")), "table PDFs": _table_pdfs(folder)}
        head = f"{'PDF reader':28} {'pages':>6} {'pypdf only p/s':>15} {'pypdf + tables p/s':>19}"
        print(f"{head} {'ratio':>6}")
        for name, paths in sets.items():
            if not paths:
                continue
            before, after = _rate(_pypdf_only, paths), _rate(_with_tables, paths)
            pages = sum(_pages(p) for p in paths)
            print(f"{name:28} {pages:>6} {before:>15.1f} {after:>19.1f} {before / after:>5.1f}x")
        if ocr_available():
            from test_ocr_layout import _scan, _typed
            from test_pdf_tables import TASK_HEADER, TASKS, WIDTHS, _pdf, _table

            print("\nOCR (tesseract TSV, 300 dpi render of a 200 dpi scan)   s/page")
            text_page = _typed(folder / "typed.pdf")
            table_page = _pdf(folder / "table.pdf", _table([TASK_HEADER, *TASKS], WIDTHS, ruled=True))
            for name, typed in (
                ("header + text page", text_page),
                ("task-table page (read twice)", table_page),
            ):
                scan = _scan(typed, folder / f"scan-{typed.name}")
                start = time.perf_counter()
                read_pdf(scan)
                print(f"{name:55} {time.perf_counter() - start:6.1f}")


if __name__ == "__main__":
    main()
