"""Ruling lines of a scanned page, as the edges pdfplumber's table finder reads, to find ruled tables.

A text PDF draws its table grid as line objects (pdf_geometry reads them); a scan has only pixels.
Here the grid is found in the page image: long horizontal and vertical runs of ink (the printed
lines of a table are far longer than any stroke of a letter) are joined into line segments, the
page's small turn (a scan is rarely straight) is measured on the horizontal ones and taken out, and
the straight segments go to pdfplumber's line-based table finder exactly like a text PDF's edges:
the same cells, merged cells included (see pdf_tables.ruled_tables). Coordinates are pixels of the
page turned straight; `Grid.straighten` turns an OCR word box the same way.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field
from typing import Any

import numpy as np

# Ink of a ruling line: darker than this grey level (0 black, 255 white) on the page shrunk SCALE
# times. A 2 px rule of a 200 dpi scan, blurred and greyed, rendered at 300 dpi and halved, stays
# below 150; paper and speckle are lighter or shorter.
INK_LEVEL = 160
SCALE = 2
# A horizontal rule is at least this many word heights long, a vertical one this many: a letter's
# stroke is under one word height and letters of a word are apart, while a table's vertical rule
# crosses a whole row (≥ 2 heights with its padding) and its horizontal rules a column or more.
MIN_HORIZONTAL_HEIGHTS = 5.0
MIN_VERTICAL_HEIGHTS = 2.0
# A rule turned by the scan's skew (up to ~3°) moves across pixel rows; runs are looked for in a
# band this many pixels (of the shrunk page) above and below each row or column.
BAND = 1
MAX_SKEW = 0.05  # tan(≈3°): a steeper "rule" is a stroke or a drawing, not a scan's turn


@dataclass(slots=True)
class Grid:
    """The ruling lines of a page in pdfplumber's edge shape, in pixels of the straightened page."""

    width: float
    height: float
    skew: float  # dy/dx of the page's horizontal rules as scanned
    edges: list[dict[str, Any]] = field(default_factory=list)

    @property
    def bbox(self) -> tuple[float, float, float, float]:  # what pdfplumber's TableFinder reads of a page
        return (0.0, 0.0, self.width, self.height)

    def straighten(self, x: float, y: float) -> tuple[float, float]:
        """A point of the scanned page in the straightened page's pixels."""
        return x + self.skew * y, y - self.skew * x


def find_grid(page: np.ndarray, word_height: float) -> Grid | None:
    """The ruling lines of a grey page image (2-D array, 0 black), or None when it has none that
    could make a table (two horizontal and two vertical rules at least)."""
    small = page[: page.shape[0] // SCALE * SCALE, : page.shape[1] // SCALE * SCALE]
    small = small.reshape(small.shape[0] // SCALE, SCALE, small.shape[1] // SCALE, SCALE).mean(axis=(1, 3))
    ink = small < INK_LEVEL
    height = word_height / SCALE
    rows = _segments(ink, MIN_HORIZONTAL_HEIGHTS * height)
    if len(rows) < 2:
        return None
    columns = _segments(ink.T, MIN_VERTICAL_HEIGHTS * height)
    if len(columns) < 2:
        return None
    longest = sorted(rows, key=lambda r: r[3] - r[2], reverse=True)[:5]
    skew = statistics.median(r[0] for r in longest)
    if abs(skew) > MAX_SKEW:
        return None
    grid = Grid(page.shape[1], page.shape[0], skew)
    for slope, at, x0, x1 in rows:  # y = at + slope * x on the shrunk page
        if abs(slope - skew) > MAX_SKEW / 5:
            continue
        (a, top), (b, _) = (grid.straighten(SCALE * x, SCALE * (at + slope * x)) for x in (x0, x1))
        grid.edges.append(_edge("h", a, b, top, top))
    for slope, at, y0, y1 in columns:  # x = at + slope * y, slope = -skew for a turned vertical rule
        if abs(slope + skew) > MAX_SKEW / 5:
            continue
        (left, a), (_, b) = (grid.straighten(SCALE * (at + slope * y), SCALE * y) for y in (y0, y1))
        grid.edges.append(_edge("v", left, left, a, b))
    kinds = [e["orientation"] for e in grid.edges]
    return grid if kinds.count("h") >= 2 and kinds.count("v") >= 2 else None


def _edge(orientation: str, x0: float, x1: float, top: float, bottom: float) -> dict[str, Any]:
    return {
        "object_type": "line",
        "orientation": orientation,
        "x0": x0,
        "x1": x1,
        "top": top,
        "bottom": bottom,
        "width": x1 - x0,
        "height": bottom - top,
    }


def _segments(ink: np.ndarray, min_length: float) -> list[tuple[float, float, int, int]]:
    """Line segments along the rows of a boolean image: (slope, offset, start, end) with the line's
    row = offset + slope * column for columns start..end. Runs of ink at least `min_length` long,
    looked for in a band of rows (a turned line moves across rows), are joined across neighbouring
    rows into one segment; its row at each column is the middle of the runs covering it."""
    band = ink.copy()
    for k in range(1, BAND + 1):
        band[k:] |= ink[:-k]
        band[:-k] |= ink[k:]
    flags = np.pad(band, ((0, 0), (1, 1))).astype(np.int8)
    change = np.diff(flags, axis=1)
    starts, ends = np.argwhere(change == 1), np.argwhere(change == -1)
    keep = ends[:, 1] - starts[:, 1] >= min_length
    runs = [(int(r), int(s), int(e)) for (r, s), (_, e) in zip(starts[keep], ends[keep], strict=True)]
    # Connected runs: a run overlapping a run of the row above belongs to its segment.
    owner: dict[tuple[int, int, int], int] = {}
    members: list[list[tuple[int, int, int]]] = []
    previous: list[tuple[int, int, int]] = []
    current: list[tuple[int, int, int]] = []
    row = -2
    for run in runs:
        if run[0] != row:
            previous, current = (current if run[0] == row + 1 else []), []
            row = run[0]
        above = next((p for p in previous if p[1] < run[2] and run[1] < p[2]), None)
        if above is None:
            owner[run] = len(members)
            members.append([run])
        else:
            owner[run] = owner[above]
            members[owner[run]].append(run)
        current.append(run)
    out = []
    for group in members:
        x0, x1 = min(r[1] for r in group), max(r[2] for r in group)
        depth = np.zeros(x1 - x0)
        total = np.zeros(x1 - x0)
        for r, s, e in group:
            depth[s - x0 : e - x0] += 1
            total[s - x0 : e - x0] += r
        xs = np.flatnonzero(depth)
        if xs.size < 2:
            continue
        middle = total[xs] / depth[xs]
        slope, offset = np.polyfit(xs + x0, middle, 1) if np.ptp(xs) else (0.0, float(middle[0]))
        out.append((float(slope), float(offset), x0, x1))
    return out
