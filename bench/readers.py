"""Reader speed: PDF pages/s with and without the table geometry, OCR seconds per page.

    OMP_THREAD_LIMIT=1 .venv/bin/python bench/readers.py [--eval ../shared/eval] [--rounds 5]

"pypdf only" is the reader as it was before tables were read from the PDF's geometry: pypdf layout
text and the paragraph rules; it is the baseline, measured in the same run. "pypdf + tables" is
today's read_pdf (without OCR): the same text, plus pdfium's geometry and pdfplumber's table finder
on the pages that can hold a table. The machine is shared, so the two are timed in CPU seconds of
this process (pdfium runs in it), in alternation, `--rounds` times, each keeping its best round.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
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


def _rates(paths: list[Path], rounds: int) -> tuple[float, float]:
    """(pages/s of pypdf only, pages/s of pypdf + tables) of CPU time, each its best of `rounds`."""
    pages = sum(_pages(p) for p in paths)
    best = {_pypdf_only: float("inf"), _with_tables: float("inf")}
    for _ in range(rounds):
        for read in best:
            start = time.process_time()
            for path in paths:
                read(path)
            best[read] = min(best[read], time.process_time() - start)
    return pages / best[_pypdf_only], pages / best[_with_tables]


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
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")  # tesseract on one core, as ingest runs it beside others
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        sets = {
            "typed, no table (eval PDFs)": sorted((args.eval / "corpus").glob("*.pdf")),
            "task tables (wrapped cells)": _table_pdfs(folder),
        }
        head = f"{'PDF reader (CPU time)':28} {'pages':>6} {'pypdf only p/s':>15} {'pypdf + tables p/s':>19}"
        print(f"{head} {'slower':>7}")
        for name, paths in sets.items():
            if not paths:
                continue
            before, after = _rates(paths, args.rounds)
            pages = sum(_pages(p) for p in paths)
            print(f"{name:28} {pages:>6} {before:>15.1f} {after:>19.1f} {before / after:>6.2f}x")
        if ocr_available():
            from test_ocr_layout import _scan, _typed
            from test_pdf_tables import TASK_HEADER, TASKS, WIDTHS, _pdf, _table

            threads = os.environ["OMP_THREAD_LIMIT"]
            title = f"OCR (tesseract TSV, 300 dpi render of a 200 dpi scan, {threads} thread)"
            print(f"\n{title:55} {'s/page':>6}")
            text_page = _typed(folder / "typed.pdf")
            table_page = _pdf(folder / "table.pdf", _table([TASK_HEADER, *TASKS], WIDTHS, ruled=True))
            for name, typed in (
                ("two-column header + text page", text_page),
                ("task-table page (read twice)", table_page),
            ):
                scan = _scan(typed, folder / f"scan-{typed.name}")
                start = time.perf_counter()
                read_pdf(scan)
                print(f"{name:55} {time.perf_counter() - start:6.1f}")


if __name__ == "__main__":
    main()
