"""Tables of PDF pages from the PDF's own geometry (pdfium's characters and lines, pdfplumber's
table finder): ruled tables, then aligned text.

Ruled tables come from pdfplumber's line-based table finder (like camelot's "lattice"; a scan's
ruling lines reach it from ocr_grid, its words from OCR): each slot
of the grid takes the text of the cell that covers it, so a merged cell is repeated into every row
and column it spans. Tables drawn without lines are found from word boxes (like camelot's "stream"):
a run of lines whose words fall into three or more aligned columns; visual lines are grouped into
logical rows by the extra vertical space of the row padding, so a task that wraps over three
lines stays one row.
"""

from __future__ import annotations

import bisect
import re
import statistics
from collections import Counter
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pdfplumber.table import TableFinder

from chidao.core.text import nfc
from ingest.pdf_geometry import PageGeometry, PdfiumError, read_geometry, words_of

# How pdfium reports a file it cannot read; the PDF reader then keeps pypdf's text.
GEOMETRY_ERRORS = (PdfiumError,)

# Words of one cell are a space apart (≈ 0.25 em, ≤ 0.5 em when justified); cells of an unruled
# table are further apart than this many font heights. Checked on reportlab tables (6 pt padding
# each side, 9–13 pt fonts) and on the eval PDFs (no prose line taken for a table).
COLUMN_GAP_EM = 0.6
# Lines of one column further apart than the table's smallest line pitch times this factor are in
# different cells: wrapped lines of a cell are one leading apart, rows add the cell padding
# (reportlab's default 3 + 3 pt on a 14 pt leading is 43 % more).
ROW_PITCH_FACTOR = 1.15
# Two lines further apart than this many line heights are not in the same table.
MAX_PITCH_EM = 3.0
MIN_COLUMNS = 3


@dataclass(slots=True)
class PageTable:
    """A table found on a page: its vertical extent, its visual rows of cells, its words."""

    top: float
    bottom: float
    grid: list[list[str | None]]
    tokens: Counter[str] = field(default_factory=Counter)
    text_above: bool = True  # body text above it on its page (else it may continue the last page's table)
    text_below: bool = True
    left: float = float("-inf")  # its horizontal extent, where known (ruled tables)
    right: float = float("inf")


def tokens(text: str) -> Counter[str]:
    """Word tokens used to find a table's lines in another extraction of the same page."""
    return Counter(re.findall(r"\w+", nfc(text).casefold()))


def find_tables(
    path: Path, pages: Sequence[int] | None = None, *, ruled_only: Collection[int] = ()
) -> dict[int, list[PageTable]]:
    """Tables per 0-based page index (of `pages`, default all), top to bottom; pages without
    tables are absent. On pages in `ruled_only` only tables drawn with ruling lines are looked for
    (two aligned columns without lines are a header block or a signature as often as a table)."""
    out: dict[int, list[PageTable]] = {}
    if pages is None:
        import pypdfium2

        with pypdfium2.PdfDocument(path) as pdf:
            pages = range(len(pdf))
    for index, page in read_geometry(path, list(pages), lines_first=ruled_only):
        words = words_of(page.chars)
        found = ruled_tables(page, words) if page.edges else []
        boxes = [(t.top, t.bottom) for t in found]
        if index not in ruled_only:
            found += aligned_tables(words, boxes)
        if found:
            found.sort(key=lambda t: t.top)
            _mark_edges(page, words, found)
            out[index] = found
    return out


def ruled_tables(
    page: Any, words: list[dict[str, Any]], settings: dict[str, Any] | None = None
) -> list[PageTable]:
    """Tables of the ruling lines of `page` (anything with pdfplumber's page `.edges` and `.bbox`:
    a PDF page's geometry, a scan's grid), their cells filled with `words` in reading order: boxes
    {"x0", "x1", "top", "bottom", "text", "chars"} ("chars": the word's character boxes, used where
    a word runs over a column line). `settings`: pdfplumber's table settings (tolerances in the
    page's unit), default pdfplumber's own (in PDF points)."""
    out = []
    for table in TableFinder(page, settings).tables:  # it reads only .edges and .bbox
        cells = table.cells
        xs = sorted({round(x, 1) for c in cells for x in (c[0], c[2])})
        ys = sorted({round(y, 1) for c in cells for y in (c[1], c[3])})
        if len(xs) < 3 or len(ys) < 3:
            continue
        slots: dict[tuple[int, int], tuple[float, ...]] = {}  # (row, column) → the cell covering it
        for i, (top, bottom) in enumerate(zip(ys, ys[1:], strict=False)):
            for j, (left, right) in enumerate(zip(xs, xs[1:], strict=False)):
                cx, cy = (left + right) / 2, (top + bottom) / 2
                cell = next((c for c in cells if c[0] <= cx <= c[2] and c[1] <= cy <= c[3]), None)
                if cell is not None:
                    slots[i, j] = cell
        texts = _cell_texts(_in_box(words, table.bbox), xs, ys, slots)
        grid: list[list[str | None]] = []
        for i in range(len(ys) - 1):
            row: list[str | None] = []
            for j in range(len(xs) - 1):
                slot = slots.get((i, j))
                if slot is None:
                    row.append("")
                elif j and slots.get((i, j - 1)) == slot:
                    row.append(None)  # spanned from the left (see tables.from_grid)
                else:
                    row.append(texts.get(slot, ""))  # a cell spanning rows is repeated in each
            grid.append(row)
        table_words = tokens("\n".join(texts.values()))  # all its characters (texts[None]: outside the cells)
        out.append(
            PageTable(
                table.bbox[1], table.bbox[3], grid, table_words, left=table.bbox[0], right=table.bbox[2]
            )
        )
    return out


def _in_box(words: list[dict[str, Any]], box: Sequence[float]) -> list[dict[str, Any]]:
    x0, top, x1, bottom = box
    return [
        w
        for w in words
        if x0 <= (w["x0"] + w["x1"]) / 2 <= x1 and top <= (w["top"] + w["bottom"]) / 2 <= bottom
    ]


def _cell_texts(
    words: list[dict[str, Any]],
    xs: list[float],
    ys: list[float],
    slots: dict[tuple[int, int], tuple[float, ...]],
) -> dict[tuple[float, ...] | None, str]:
    """Text of each cell: the words whose centre falls in one of its grid slots, in reading order
    (under None, those in a slot no cell covers). A word running over a column line (two cells'
    texts with no gap between them) is split there by its characters' centres, as the page shows it."""
    found: dict[tuple[float, ...] | None, list[str]] = {}

    def slot(i: int, x: float) -> tuple[float, ...] | None:
        j = min(max(bisect.bisect_right(xs, x) - 1, 0), len(xs) - 2)
        return slots.get((i, j))

    inner = xs[1:-1]
    for w in words:
        i = min(max(bisect.bisect_right(ys, (w["top"] + w["bottom"]) / 2) - 1, 0), len(ys) - 2)
        if not any(w["x0"] < x < w["x1"] for x in inner):
            found.setdefault(slot(i, (w["x0"] + w["x1"]) / 2), []).append(w["text"])
            continue
        pieces: dict[tuple[float, ...] | None, str] = {}
        for c in w["chars"]:
            cell = slot(i, (c["x0"] + c["x1"]) / 2)
            pieces[cell] = pieces.get(cell, "") + c["text"]
        for cell, piece in pieces.items():
            found.setdefault(cell, []).append(piece)
    return {cell: nfc(" ".join(parts)) for cell, parts in found.items()}


@dataclass(slots=True)
class _Line:
    top: float
    bottom: float
    segments: list[tuple[float, float, str]]  # (x0, x1, text) runs of words a column gap apart


def aligned_tables(words: list[dict], ruled: Sequence[tuple[float, float]] = ()) -> list[PageTable]:
    """Tables without ruling lines: runs of lines with ≥ MIN_COLUMNS aligned word columns.

    `words` are boxes {"x0", "x1", "top", "bottom", "text"} in any unit (PDF points, scan pixels);
    words between the `ruled` tables' top and bottom are left out.
    """
    words = [w for w in words if not any(top - 1 <= w["top"] <= bottom + 1 for top, bottom in ruled)]
    if not words:
        return []
    size = statistics.median(w["bottom"] - w["top"] for w in words)
    lines = _lines(words, size)
    out = []
    i = 0
    while i < len(lines):
        if len(lines[i].segments) < MIN_COLUMNS:
            i += 1
            continue
        j = i
        while j + 1 < len(lines) and lines[j + 1].top - lines[j].top <= MAX_PITCH_EM * size:
            j += 1
        table = _table_in(lines[i : j + 1], lines[:i], size)
        if table is None:
            i += 1
            continue
        last, result = table
        out.append(result)
        i = i + last + 1
    return out


def _lines(words: list[dict], size: float) -> list[_Line]:
    words = sorted(words, key=lambda w: (round(w["top"]), w["x0"]))
    rows: list[list[dict]] = []
    for w in words:
        if rows and abs(rows[-1][0]["top"] - w["top"]) <= size * 0.3:
            rows[-1].append(w)
        else:
            rows.append([w])
    out = []
    for row in rows:
        row.sort(key=lambda w: w["x0"])
        segments: list[tuple[float, float, str]] = []
        for w in row:
            if segments and w["x0"] - segments[-1][1] <= COLUMN_GAP_EM * size:
                x0, _, text = segments[-1]
                segments[-1] = (x0, w["x1"], f"{text} {w['text']}")
            else:
                segments.append((w["x0"], w["x1"], w["text"]))
        out.append(_Line(min(w["top"] for w in row), max(w["bottom"] for w in row), segments))
    return out


def _table_in(run: list[_Line], before: list[_Line], size: float) -> tuple[int, PageTable] | None:
    """(index of its last line in run, table) of the table starting at run[0], or None.

    Columns are the x ranges covered by the cells of lines with several cells (cells of one column
    overlap however they are aligned); the table goes on while every cell of a line stays in one column.
    """
    if sum(len(ln.segments) >= MIN_COLUMNS for ln in run) < 2:
        return None
    tol = size * 0.5
    spans = sorted((x0, x1) for ln in run if len(ln.segments) >= 2 for x0, x1, _ in ln.segments)
    columns: list[list[float]] = []
    for x0, x1 in spans:
        if columns and x0 <= columns[-1][1] + tol:
            columns[-1][1] = max(columns[-1][1], x1)
        else:
            columns.append([x0, x1])
    if len(columns) < MIN_COLUMNS:
        return None
    starts = [c[0] for c in columns]

    def fits(line: _Line) -> bool:
        for x0, x1, _ in line.segments:
            if x0 < starts[0] - tol:
                return False
            c = max(i for i, s in enumerate(starts) if s <= x0 + tol)
            if c + 1 < len(starts) and x1 > starts[c + 1] - tol:
                return False
        return True

    last = 0
    while last + 1 < len(run) and fits(run[last + 1]):
        last += 1
    lines = run[: last + 1]
    # Header lines above whose cells wrapped ("Cơ quan chủ" over "trì") belong to the table too.
    while before and fits(before[-1]) and lines[0].top - before[-1].top <= MAX_PITCH_EM * size:
        lines.insert(0, before.pop())
    grid = _logical_rows(lines, starts, tol)
    words = " ".join(t for ln in lines for _, _, t in ln.segments)
    return (
        last,
        PageTable(lines[0].top, lines[-1].bottom, [[nfc(c) for c in r] for r in grid], tokens(words)),
    )


def _logical_rows(lines: list[_Line], starts: list[float], tol: float) -> list[list[str]]:
    """Cells of logical rows: the wrapped lines of each column form blocks, and blocks that overlap
    vertically form a row, whatever the vertical alignment of the cells (top, middle, bottom)."""
    k = len(starts)
    cols: list[list[tuple[float, float, str]]] = [[] for _ in range(k)]
    for line in lines:
        for x0, _, text in line.segments:
            c = max(i for i, s in enumerate(starts) if s <= x0 + tol)
            cols[c].append((line.top, line.bottom, text))
    pitches = [b[0] - a[0] for col in cols for a, b in zip(col, col[1:], strict=False)]
    step = min(pitches, default=0.0)
    blocks: list[tuple[float, float, int, str]] = []  # (top, bottom, column, text)
    for c, col in enumerate(cols):
        for n, (top, bottom, text) in enumerate(col):
            if n and top - col[n - 1][0] <= step * ROW_PITCH_FACTOR:
                t, _, _, joined = blocks[-1]
                blocks[-1] = (t, bottom, c, f"{joined} {text}")
            else:
                blocks.append((top, bottom, c, text))
    blocks.sort()
    grid: list[list[str]] = []
    row_bottom = float("-inf")
    for top, bottom, c, text in blocks:
        if top >= row_bottom:
            grid.append([""] * k)
        row_bottom = max(row_bottom, bottom) if top < row_bottom else bottom
        grid[-1][c] = f"{grid[-1][c]} {text}".strip()
    return grid


def _mark_edges(page: PageGeometry, words: list[dict], tables: list[PageTable]) -> None:
    """Whether body text lies above the first and below the last table (furniture margins excluded)."""
    margin = page.height * 0.08  # running headers and page numbers sit in the outer 8 % of A4
    words = [w for w in words if margin < w["top"] < page.height - margin]
    tables[0].text_above = any(w["bottom"] <= tables[0].top for w in words)
    tables[-1].text_below = any(w["top"] >= tables[-1].bottom for w in words)
