"""Page text to paragraphs: page furniture dropped, table columns separated, wrapped lines re-joined."""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from collections.abc import Collection, Sequence
from dataclasses import dataclass

from ingest.normalize import ITEM_START, PAGE_MARK, ends_sentence

# A wrapped line of a left-aligned paragraph stops at most one word short of the right margin;
# Vietnamese syllables are short, so 12 columns of room means the line was ended on purpose.
FULL_SLACK = 12
# Page furniture: a line among the first/last few of a page that repeats (digits aside) on at least
# this share of the pages, e.g. "Tỉnh ủy Hải Lâm — Nghị quyết số 12-NQ/TU ngày 28/3/2022".
EDGE_LINES = 3
REPEAT_SHARE = 0.6
# Page numbers: "Trang 2/5", "Trang 2", "- 2 -", "2", "2/5", "Page 2 of 5".
PAGE_NUMBER = re.compile(r"^(?:(?:trang|page)\s*)?[-–—]?\s*\d+\s*(?:(?:/|of|trên)\s*\d+)?\s*[-–—]?$", re.I)
# Cells of a table laid out side by side (header block, "Nơi nhận" + signature) are 4+ spaces apart in
# pypdf's layout mode, while words of a line are one space apart.
COLUMN_GAP = re.compile(r" {4,}")
# "Nơi nhận" (distribution list) opening the left column of the closing block.
CC_BESIDE = re.compile(r"^N[ơo]i\s+nh[ậa]n\b", re.IGNORECASE)
# Starts a line that a reader already made a table row ("a | b | c", from the PDF's geometry or OCR
# boxes): kept as one row, never joined, never taken for page furniture. A private-use character.
ROW_MARK = "\ue001"


@dataclass(frozen=True, slots=True)
class Line:
    """One visual line: text without outer spaces and where it sits on the page (None = unknown)."""

    text: str
    indent: int = 0  # columns right of the left margin of its column
    gap_right: int | None = None  # free columns before the right margin
    gap_before: bool = False  # a vertical gap (blank line) above it
    row: bool = False  # a table row "a | b", never joined to anything
    page_mark: int = 0  # how many pages begin right before this line (PAGE_MARKs to put before it)


def pages_to_text(pages: Sequence[Sequence[str]], ocr_pages: Collection[int] = ()) -> str:
    """Paragraph text of a PDF's pages of layout lines (pypdf's, or OCR'd pages' from word boxes).

    OCR'd pages have a character grid of their own, so their text width is measured apart. PAGE_MARK
    stands before each page's first text; empty pages at the end get theirs at the end.
    """
    pages = drop_furniture(pages)
    width = layout_width([p for i, p in enumerate(pages) if i not in ocr_pages])
    ocr_width = layout_width([p for i, p in enumerate(pages) if i in ocr_pages])
    out: list[Line] = []
    pending = 0
    for i, page in enumerate(pages):
        lines = page_lines(page, ocr_width if i in ocr_pages else width)
        pending += 1 if i > 0 else 0
        if lines:
            # From a text page to a scanned one (or back) the two grids cannot be compared: only a
            # lowercase start says that the paragraph goes on.
            switched = i > 0 and (i in ocr_pages) != (i - 1 in ocr_pages)
            lines[0] = dataclasses.replace(
                lines[0], page_mark=pending, gap_before=lines[0].gap_before or (switched and bool(out))
            )
            pending = 0
        out += lines
    return join_lines(out) + PAGE_MARK * pending


def drop_furniture(pages: Sequence[Sequence[str]]) -> list[list[str]]:
    """Remove running headers/footers (repeating on most pages, digits normalised) and page numbers."""
    edges: list[set[str]] = []
    for page in pages:
        body = [i for i, line in enumerate(page) if line.strip() and not line.startswith(ROW_MARK)]
        idx = body[:EDGE_LINES] + body[-EDGE_LINES:]
        edges.append({_furniture_key(page[i]) for i in idx})
    counts = Counter(key for keys in edges for key in keys)
    repeated = {k for k, n in counts.items() if len(pages) >= 2 and n >= max(2, REPEAT_SHARE * len(pages))}
    out = []
    for page in pages:
        body = [i for i, line in enumerate(page) if line.strip() and not line.startswith(ROW_MARK)]
        edge = set(body[:EDGE_LINES] + body[-EDGE_LINES:])
        out.append(
            [
                line
                for i, line in enumerate(page)
                if i not in edge or not (_furniture_key(line) in repeated or PAGE_NUMBER.match(line.strip()))
            ]
        )
    return out


def _furniture_key(line: str) -> str:
    return re.sub(r"\d+", "#", " ".join(line.split()).casefold())


def layout_width(pages: Sequence[Sequence[str]]) -> int:
    """Text width in columns: the 90th percentile of line ends (relative to each page's margin)."""
    ends = []
    for page in pages:
        base = _margin(page)
        ends += [
            len(line.rstrip()) - base
            for line in page
            if line.strip() and not _is_row(line) and not line.startswith(ROW_MARK)
        ]
    ends.sort()
    return ends[int(0.9 * (len(ends) - 1))] if ends else 0


def page_lines(page: Sequence[str], width: int) -> list[Line]:
    """Lines of one page of pypdf layout text; blocks holding side-by-side cells come out as tables."""
    base = _margin(page)
    out: list[Line] = []
    block: list[str] = []
    for raw in [*page, ""]:
        if raw.startswith(ROW_MARK):
            if block:
                out += _block_lines(block, base, width, bool(out))
                block = []
            out.append(Line(raw[1:].strip(), row=True, gap_before=bool(out) and not out[-1].row))
        elif raw.strip():
            block.append(raw)
        elif block:
            out += _block_lines(block, base, width, bool(out))  # the page top is no gap
            block = []
    return out


def _block_lines(block: list[str], base: int, width: int, gap: bool) -> list[Line]:
    """Lines of a block of text between blank lines; side-by-side cells come out as a table."""
    return (
        _table(block, base, width, gap) if any(_is_row(x) for x in block) else _plain(block, base, width, gap)
    )


def _margin(page: Sequence[str]) -> int:
    """The left margin: the most common indent (wrapped lines outnumber indented first lines)."""
    indents = Counter(
        len(x) - len(x.lstrip()) for x in page if x.strip() and not _is_row(x) and not x.startswith(ROW_MARK)
    )
    return indents.most_common(1)[0][0] if indents else 0


def _is_row(line: str) -> bool:
    return not line.startswith(ROW_MARK) and len(COLUMN_GAP.split(line.strip())) > 1


def _plain(block: list[str], base: int, width: int, gap: bool) -> list[Line]:
    out = []
    for i, raw in enumerate(block):
        indent = max(0, len(raw) - len(raw.lstrip()) - base)
        end = len(raw.rstrip()) - base
        out.append(Line(" ".join(raw.split()), indent, max(0, width - end), gap_before=gap and i == 0))
    return out


def _table(block: list[str], base: int, width: int, gap: bool) -> list[Line]:
    """Side-by-side cells: short blocks (the header) as "a | b" rows, long ones column after column.

    Lines above the first row with several cells are ordinary text (a paragraph just before "Nơi nhận").
    """
    first = next(i for i, raw in enumerate(block) if _is_row(raw))
    out = _plain(block[:first], base, width, gap)
    cells = [_cells(raw) for raw in block[first:]]
    # Columns are the runs of x positions covered by some cell; centred cells of one column start at
    # different x ("T/M BAN THƯỜNG VỤ" / "PHÓ BÍ THƯ THƯỜNG TRỰC"), but they overlap.
    covered = {x for row in cells for start, end, _ in row for x in range(start, end)}
    bounds = sorted(x for x in covered if x - 1 not in covered)
    grid = [[""] * len(bounds) for _ in cells]
    col_starts: list[list[int]] = [[] for _ in bounds]
    for r, row in enumerate(cells):
        for start, _, text in row:
            c = max(i for i, b in enumerate(bounds) if start >= b)
            grid[r][c] = f"{grid[r][c]} {text}".strip()
            col_starts[c].append(start)
    gap = gap or bool(out)
    multi = sum(1 for texts in grid if sum(1 for x in texts if x) > 1)
    # "Nơi nhận" beside the signature is two texts side by side, never a table: column after column.
    beside_signature = bool(CC_BESIDE.match(grid[0][0]))
    if (len(grid) <= 4 or multi >= len(grid) / 2) and not beside_signature:
        rows = [" | ".join(x for x in texts if x) for texts in grid]
        return out + [Line(t, row=True, gap_before=gap and i == 0) for i, t in enumerate(rows) if t]
    for c in range(len(bounds)):
        left = min(col_starts[c], default=0)
        prev = -1
        for r, texts in enumerate(grid):
            if texts[c]:
                indent = min(s for s, _, t in cells[r] if s >= bounds[c]) - left
                # A column's first line follows the previous column or block; a skipped row is a gap.
                first_gap = (gap or c > 0) if prev < 0 else prev != r - 1
                out.append(Line(texts[c], max(0, indent), gap_before=first_gap))
                prev = r
    return out


def _cells(raw: str) -> list[tuple[int, int, str]]:
    """(start, end, text) of the runs of words separated by fewer than 4 spaces."""
    return [(m.start(), m.end(), m.group()) for m in re.finditer(r"\S+(?: {1,3}\S+)*", raw)]


def join_lines(lines: Sequence[Line]) -> str:
    """Paragraphs, one per line of output: wrapped lines joined with a space, paragraphs split by breaks."""
    parts: list[str] = []
    prev: Line | None = None
    head = ""  # first line of the current paragraph: "- Các huyện ủy…" for its wrapped "trực thuộc…"
    for line in lines:
        text = PAGE_MARK * line.page_mark + line.text
        if prev is None:
            parts.append(text)
            head = line.text
        elif continues(prev, line):
            parts.append(" " + text)
        else:
            parts.append(_separator(prev, line, head) + text)
            head = line.text
        prev = line
    return "".join(parts)


def continues(a: Line, b: Line) -> bool:
    """True when b is the next visual line of a's paragraph (a wrapped line or a page break inside it)."""
    if a.row or b.row or _is_rule(a.text) or _is_rule(b.text) or ITEM_START.match(b.text):
        return False
    if _is_caps(a.text) or _is_caps(b.text):
        return False
    if b.text[0].islower() and not ends_sentence(a.text):
        return True  # "giải" / "quyết": a lowercase start continues whatever the layout says
    if b.gap_before or _is_indented(b):
        return False
    if ends_sentence(a.text):
        # A full line may end a sentence in the middle of a paragraph; without geometry (OCR) on
        # either side nobody can tell, and a sentence end is the safer guess.
        return a.gap_right is not None and b.gap_right is not None and a.gap_right <= FULL_SLACK
    if a.gap_right is not None and a.gap_right > FULL_SLACK and not _is_centered(a):
        return not b.text[0].isupper()  # a short heading line ("1. Kết quả đạt được"), then its body
    return True


def _separator(a: Line, b: Line, head: str) -> str:
    if b.gap_before:
        return "\n\n"
    if a.row and b.row:
        return "\n"
    if (_is_centered(a) or _is_caps(a.text)) and not _is_indented(b):
        return "\n"  # title block: "NGHỊ QUYẾT" / "HỘI NGHỊ …" / "về …"
    dash = ("-", "+")
    if b.text.startswith(dash) and not _is_indented(b) and (head.startswith(dash) or a.text[-1:] == ":"):
        return "\n"  # "Nơi nhận:" and the list under it
    return "\n\n"


def _is_caps(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def _is_rule(text: str) -> bool:
    return not any(c.isalnum() for c in text)


def _is_centered(line: Line) -> bool:
    # Wider than a first-line indent (4-5 columns) on both sides, and about as wide on each.
    if line.gap_right is None or line.indent < 6 or line.gap_right < 6:
        return False
    return abs(line.indent - line.gap_right) <= max(3, line.indent // 4)


def _is_indented(line: Line) -> bool:
    """A first-line indent; inside a table cell (no right margin known) indents come from centring."""
    return line.gap_right is not None and line.indent >= 3 and not _is_centered(line)
