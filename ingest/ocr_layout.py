"""OCR word boxes (tesseract TSV) to layout lines: columns kept apart, noise dropped.

Tesseract's own text output reads a two-column header across both columns ("ỦY BAN NHÂN DÂN CỘNG
HÒA…", "Số: 15/HD-UBND Hải Lâm, ngày…" on one line). From its word boxes we write the page the way
pypdf's layout mode writes a text PDF: words at their column on a character grid, cells of the same
visual line four or more spaces apart, a blank line for a vertical gap. The layout module then
reads a scan exactly like a text PDF (two-column header, "Nơi nhận" beside the signature).
"""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass

from ingest.layout import ROW_MARK
from ingest.ocr_grid import Grid
from ingest.pdf_tables import aligned_tables, ruled_tables
from ingest.tables import from_grid, table_lines

# Words closer than this many character widths belong to the same cell and are written one space
# apart; further apart they are placed at their own column (≥ 4 spaces: a column gap for layout).
# Calibrated on 200 and 300 dpi renders of DejaVu Serif 9–13 pt: word gaps are 0.3–1.2 widths,
# the header's two columns 6+ widths apart.
CELL_GAP_CHARS = 2.5
# A line further below the previous than this times the usual line pitch starts after a blank line.
BLANK_PITCH = 1.45
# Noise: words without a letter or digit that tesseract is unsure of ("_", "—", "~"), and lines
# with at most this many letters and digits ("-_b)", "-3.", "*"); dash markers of lists are read
# with high confidence and kept.
NOISE_CONFIDENCE = 60.0
NOISE_LINE_ALNUM = 2
# Below this confidence tesseract's word is a guess at a blot ("HH" for a smudged date, conf 0.4).
JUNK_CONFIDENCE = 10.0
_RULE = re.compile(r"[|¦\[\]]+")


@dataclass(frozen=True, slots=True)
class Word:
    """One word box of tesseract's TSV output, in pixels."""

    left: int
    top: int
    width: int
    height: int
    conf: float
    text: str

    @property
    def right(self) -> int:
        return self.left + self.width

    @property
    def middle(self) -> float:
        return self.top + self.height / 2


def parse_tsv(tsv: str) -> list[Word]:
    """Word boxes (level 5 rows) of `tesseract … tsv` output, empty words skipped."""
    words = []
    for row in tsv.splitlines()[1:]:
        cells = row.split("\t")
        if len(cells) < 12 or cells[0] != "5" or not cells[11].strip():
            continue
        left, top, width, height = (int(x) for x in cells[6:10])
        words.append(Word(left, top, width, height, float(cells[10]), cells[11].strip()))
    return words


def layout_lines(words: list[Word], grid: Grid | None = None, other: list[Word] | None = None) -> list[str]:
    """Lines of a page in pypdf layout style (see module doc); [] for a page without words.

    With the page's ruling lines (`grid`, see ocr_grid), the words inside a ruled table are read
    cell by cell (see `_ruled`; `other`: another reading of the page, for the cells this one left
    empty) and written as one marked line per logical row, where the table is.
    """
    words = [w for w in words if not _noise_word(w)]
    if not words:
        return []
    char = statistics.median(w.width / len(w.text) for w in words)
    height = statistics.median(w.height for w in words)
    ruled = _ruled(words, grid, height, other) if grid is not None else []
    taken = {id(w) for _, _, inside in ruled for w in inside}
    rows = [_clean_row(r, char) for r in _rows([w for w in words if id(w) not in taken], height)]
    rows = [r for r in rows if sum(c.isalnum() for w in r for c in w.text) > NOISE_LINE_ALNUM]
    if not rows and not ruled:
        return []
    margin = min((w.left for r in rows for w in r), default=0)
    pitches = [b[0].middle - a[0].middle for a, b in zip(rows, rows[1:], strict=False)]
    usual = statistics.median(pitches) if pitches else height
    tables = _tables(rows)
    out: list[str] = []
    pending = sorted(((top, lines) for top, lines, _ in ruled), key=lambda t: t[0])
    for n, row in enumerate(rows):
        middle = statistics.mean(w.middle for w in row)
        while pending and pending[0][0] < middle:  # a ruled table above this line
            out += ["", *[ROW_MARK + x for x in pending.pop(0)[1]], ""]
        table = next((t for t in tables if t[0] <= middle <= t[1]), None)
        if table is not None:  # a table of the scan: its rows once, where it begins
            if table[2]:
                out += ["", *[ROW_MARK + x for x in table[2]], ""]
                table[2].clear()
            continue
        if n and pitches[n - 1] > BLANK_PITCH * usual:
            out.append("")
        out.append(_render(row, margin, char))
    for _, lines in pending:
        out += ["", *[ROW_MARK + x for x in lines], ""]
    return out


def _ruled(
    words: list[Word], grid: Grid, height: float, other: list[Word] | None = None
) -> list[tuple[float, list[str], list[Word]]]:
    """(top, row lines, words inside) of the ruled tables of a page: pdfplumber's line-based table
    finder on the scan's ruling lines (see ocr_grid), each cell taking the words whose middle is in
    it, its wrapped lines joined in reading order. A cell left empty takes the words of `other`, a
    second reading of the page, in it: "sparse text" reading misses a lone row number that the
    automatic layout reading sees. Tolerances (snapping rules that are one line drawn twice, joining
    a rule broken by a gap, a rule ending short of its crossing) are a quarter of a word height:
    3 pt, pdfplumber's default, at 12 pt type."""
    tolerance = height / 4
    settings = {"snap_tolerance": tolerance, "join_tolerance": tolerance, "intersection_tolerance": tolerance}
    ordered, boxes = _cell_boxes(words, grid, height)
    tables = ruled_tables(grid, boxes, settings)
    if other:
        again_tables = ruled_tables(grid, _cell_boxes(other, grid, height)[1], settings)
        for table, again in zip(tables, again_tables, strict=True):
            for row, second in zip(table.grid, again.grid, strict=True):
                for j, cell in enumerate(row):
                    if cell == "" and second[j]:
                        row[j] = second[j]
    out: list[tuple[float, list[str], list[Word]]] = []
    for table in tables:
        inside = [
            w
            for w, b in zip(ordered, boxes, strict=True)
            if table.top <= (b["top"] + b["bottom"]) / 2 <= table.bottom
            and table.left <= (b["x0"] + b["x1"]) / 2 <= table.right
        ]
        lines = table_lines(from_grid(table.grid))
        if inside and lines:
            out.append((min(w.top for w in inside), lines, inside))
    return out


def _cell_boxes(words: list[Word], grid: Grid, height: float) -> tuple[list[Word], list[dict]]:
    """The words in reading order and their boxes on the straightened page (see ocr_grid), pieces
    of ruling lines read as letters stripped from their ends ("2_", "|UBND")."""
    straight = {}  # each word straightened like the grid → the word
    for w in words:
        text = w.text.strip("|_¦[]")
        if not text:
            continue
        x, y = grid.straighten(w.left + w.width / 2, w.middle)
        straight[Word(round(x - w.width / 2), round(y - w.height / 2), w.width, w.height, w.conf, text)] = w
    ordered = [w for row in _rows(list(straight), height) for w in row]
    return [straight[w] for w in ordered], [_box(w) for w in ordered]


def _box(word: Word) -> dict:
    """A word box as pdf_tables reads it; its characters share its width evenly (OCR has no
    character boxes), to split a word tesseract ran over a column line."""
    step = word.width / len(word.text)
    chars = [
        {"x0": word.left + i * step, "x1": word.left + (i + 1) * step, "text": c}
        for i, c in enumerate(word.text)
    ]
    top, bottom = word.top, word.top + word.height
    return {
        "x0": word.left,
        "x1": word.right,
        "top": top,
        "bottom": bottom,
        "text": word.text,
        "chars": chars,
    }


def _tables(rows: list[list[Word]]) -> list[tuple[float, float, list[str]]]:
    """(top, bottom, row lines) of the tables among the words, found like a PDF's unruled tables."""
    boxes = []
    for row in rows:  # one top and bottom per visual line: diacritics make OCR boxes uneven
        top, bottom = min(w.top for w in row), max(w.top + w.height for w in row)
        boxes += [{"x0": w.left, "x1": w.right, "top": top, "bottom": bottom, "text": w.text} for w in row]
    return [(t.top, t.bottom, table_lines(from_grid(t.grid))) for t in aligned_tables(boxes)]


def _noise_word(word: Word) -> bool:
    if _RULE.fullmatch(word.text) or word.conf < JUNK_CONFIDENCE:
        return True  # a table's vertical rule read as "|", however sure tesseract is; junk
    return not any(c.isalnum() for c in word.text) and word.conf < NOISE_CONFIDENCE


def _clean_row(row: list[Word], char: float) -> list[Word]:
    """Drop punctuation standing alone (a speck beside a cell: "-", ",", ":"); keep the marks that
    lead into the next word ("- Lưu", "Độc lập - Tự do"). Strip quotes a speck glued to a word."""
    out = []
    for n, word in enumerate(row):
        if not any(c.isalnum() for c in word.text):
            after = row[n + 1] if n + 1 < len(row) else None
            if after is None or after.left - word.right >= CELL_GAP_CHARS * char:
                continue
        text = word.text.lstrip("'`‘")
        if text:
            out.append(Word(word.left, word.top, word.width, word.height, word.conf, text))
    return out


def _rows(words: list[Word], height: float) -> list[list[Word]]:
    """Visual lines: words whose vertical middles are within half a word height, left to right."""
    rows: list[list[Word]] = []
    for word in sorted(words, key=lambda w: w.middle):
        if rows and abs(statistics.mean(w.middle for w in rows[-1]) - word.middle) <= height / 2:
            rows[-1].append(word)
        else:
            rows.append([word])
    return [sorted(r, key=lambda w: w.left) for r in rows]


def _render(row: list[Word], margin: int, char: float) -> str:
    line = ""
    prev: Word | None = None
    for word in row:
        column = round((word.left - margin) / char)
        if prev is not None and word.left - prev.right < CELL_GAP_CHARS * char:
            line += " " + word.text
        else:
            gap = 4 if prev is not None else 0
            line = line.ljust(max(column, len(line) + gap)) + word.text
        prev = word
    return line
