"""Characters and ruling-line edges of PDF pages, read with pdfium, in pdfplumber's object shape.

pdfplumber's own page objects come from pdfminer, a pure-Python PDF interpreter: on table pages it
took ~4× the time of pypdf's layout text (bench/readers.py). pdfium (pypdfium2, already used to
render scans for OCR) reads the same page in C++; this module turns its text page and its path
objects into the dicts pdfplumber's table finder and word extractor take ("x0", "x1", "top",
"bottom" in points from the top of the page as displayed), so those maintained algorithms run
unchanged on a geometry read ~10× faster.

A character's box runs from pdfium's "loose" box's bottom (the font's descent) to a font size above
it, which on reportlab pages matches pdfminer's to 0.01 pt (words: the same on the eval PDFs and the
task tables, boxes within 0.5 pt). Edges are the straight segments of stroked or filled paths (a
rectangle gives four, as pdfplumber's rect_edges); curves only move the pen.
"""

from __future__ import annotations

import ctypes
from collections.abc import Collection, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pypdfium2
import pypdfium2.raw as pdfium_c
from pdfplumber.utils.text import LIGATURES  # its expansions of ligature glyphs ("ﬁ" → "fi")

# pdfium fails on a file with PdfiumError (damaged, encrypted with a user password).
PdfiumError = pypdfium2.PdfiumError
# A segment whose ends differ by less than this (points) across its direction is horizontal/vertical.
_AXIS_TOLERANCE = 0.01
# Form XObjects nest; deeper than this is a malformed (or hostile) file, not a page layout.
_MAX_FORM_DEPTH = 8
_Matrix = tuple[float, float, float, float, float, float]
# Codes of pdfium's text page that are no drawn character: line breaks it adds, unknown glyphs.
_NOT_DRAWN = frozenset((0, 0x0A, 0x0D, 0xFFFE, 0xFFFF))
# pdfplumber's default word settings (extract_words, extract_text): characters of a line are within
# 3 pt vertically, letters of a word within 3 pt horizontally.
X_TOLERANCE = Y_TOLERANCE = 3.0


@dataclass(slots=True)
class PageGeometry:
    """What the table finder needs of a page: `edges` and `bbox` (the attributes pdfplumber's
    TableFinder reads of a page), its characters and its displayed height."""

    width: float
    height: float
    chars: list[dict[str, Any]] = field(default_factory=list)
    edges: list[dict[str, Any]] = field(default_factory=list)

    @property
    def bbox(self) -> tuple[float, float, float, float]:
        return (0.0, 0.0, self.width, self.height)


def read_geometry(
    path: Path, pages: list[int], *, lines_first: Collection[int] = ()
) -> Iterator[tuple[int, PageGeometry]]:
    """(0-based page index, geometry) of each listed page, the file opened once; pages in
    `lines_first` get their characters only when they have edges (reading the lines is cheap)."""
    pdf = pypdfium2.PdfDocument(path)
    try:
        for index in pages:
            page = pdf[index]
            try:
                yield index, _page_geometry(page, chars=index not in lines_first)
            finally:
                page.close()
    finally:
        pdf.close()


def _page_geometry(page: pypdfium2.PdfPage, *, chars: bool = True) -> PageGeometry:
    left, bottom, right, top = page.get_bbox()
    rotation = page.get_rotation()
    to_display = _display_matrix(left, bottom, right - left, top - bottom, rotation)
    sideways = rotation in (90, 270)
    width, height = right - left, top - bottom
    geometry = PageGeometry(height, width) if sideways else PageGeometry(width, height)
    count = pdfium_c.FPDFPage_CountObjects(page.raw)
    objects = (pdfium_c.FPDFPage_GetObject(page.raw, i) for i in range(count))
    geometry.edges = list(_edges(objects, to_display, 0))
    if chars or geometry.edges:
        textpage = page.get_textpage()
        try:
            geometry.chars = _chars(textpage, to_display)
        finally:
            textpage.close()
    return geometry


def _display_matrix(left: float, bottom: float, width: float, height: float, rotation: int) -> _Matrix:
    """The matrix from PDF user space (y up from the bottom) to (x, top) on the page as displayed,
    /Rotate applied (clockwise: at 90° the PDF's left edge is the top, its bottom edge the left)."""
    if rotation == 90:
        return (0.0, 1.0, 1.0, 0.0, -bottom, -left)
    if rotation == 180:
        return (-1.0, 0.0, 0.0, 1.0, width + left, -bottom)
    if rotation == 270:
        return (0.0, -1.0, -1.0, 0.0, height + bottom, width + left)
    return (1.0, 0.0, 0.0, -1.0, -left, height + bottom)


def _chars(textpage: pypdfium2.PdfTextPage, m: _Matrix) -> list[dict[str, Any]]:
    """The page's characters as drawn (pdfium's generated spaces and line breaks left out), each
    {"text", "x0", "x1", "top", "bottom"}."""
    raw = textpage.raw
    count = pdfium_c.FPDFText_CountChars(raw)
    buffer = (ctypes.c_ushort * (count + 1))()
    pdfium_c.FPDFText_GetText(raw, 0, count, buffer)  # one call for the text; a char's code is its slot
    box = pdfium_c.FS_RECTF()
    loose_box, font_size = pdfium_c.FPDFText_GetLooseCharBox, pdfium_c.FPDFText_GetFontSize
    a, b, c, d, e, f = m
    out = []
    for i, code in enumerate(buffer[:count]):
        if code in _NOT_DRAWN or 0xD800 <= code <= 0xDFFF:
            continue
        if code in (0x20, 0xA0) and pdfium_c.FPDFText_IsGenerated(raw, i):
            continue  # a space pdfium inserted between words (pdfminer has none there)
        if not loose_box(raw, i, box):
            continue
        # The loose box's bottom is the font's descent below the baseline, as pdfminer's; its top
        # rises with stacked accents ("Ế"), so the top is taken a font size above, as pdfminer does.
        upper = box.bottom + font_size(raw, i)
        xa, xb = a * box.left + c * upper + e, a * box.right + c * box.bottom + e
        ya, yb = b * box.left + d * upper + f, b * box.right + d * box.bottom + f
        x0, x1, top, bottom = min(xa, xb), max(xa, xb), min(ya, yb), max(ya, yb)
        out.append({"text": chr(code), "x0": x0, "x1": x1, "top": top, "bottom": bottom})
    return out


def _edges(objects: Iterator[Any], matrix: _Matrix, depth: int) -> Iterator[dict[str, Any]]:
    """Horizontal and vertical edges of the path objects (`matrix`: from their container's space to
    the displayed page), descending into form XObjects."""
    for obj in objects:
        kind = pdfium_c.FPDFPageObj_GetType(obj)
        if kind == pdfium_c.FPDF_PAGEOBJ_FORM and depth < _MAX_FORM_DEPTH:
            inner = _compose(_matrix_of(obj), matrix)
            count = pdfium_c.FPDFFormObj_CountObjects(obj)
            children = (pdfium_c.FPDFFormObj_GetObject(obj, i) for i in range(count))
            yield from _edges(children, inner, depth + 1)
        elif kind == pdfium_c.FPDF_PAGEOBJ_PATH and _painted(obj):
            m = _compose(_matrix_of(obj), matrix)
            for (x0, y0), (x1, y1) in _segments(obj):
                yield from _edge(_apply(m, x0, y0), _apply(m, x1, y1))


def _painted(obj: Any) -> bool:
    fill, stroke = ctypes.c_int(), ctypes.c_int()
    if not pdfium_c.FPDFPath_GetDrawMode(obj, fill, stroke):
        return True
    return bool(fill.value or stroke.value)


def _segments(obj: Any) -> Iterator[tuple[tuple[float, float], tuple[float, float]]]:
    """Straight segments (in the path's own space) of a path, closing segments included."""
    x, y = ctypes.c_float(), ctypes.c_float()
    start = pen = (0.0, 0.0)
    for k in range(pdfium_c.FPDFPath_CountSegments(obj)):
        segment = pdfium_c.FPDFPath_GetPathSegment(obj, k)
        pdfium_c.FPDFPathSegment_GetPoint(segment, x, y)
        point = (x.value, y.value)
        kind = pdfium_c.FPDFPathSegment_GetType(segment)
        if kind == pdfium_c.FPDF_SEGMENT_MOVETO:
            start = point
        elif kind == pdfium_c.FPDF_SEGMENT_LINETO:
            yield pen, point
        pen = point  # a Bézier segment (three points) moves the pen without an edge
        if pdfium_c.FPDFPathSegment_GetClose(segment):
            if pen != start:
                yield pen, start
            pen = start


def _edge(a: tuple[float, float], b: tuple[float, float]) -> Iterator[dict[str, Any]]:
    (ax, atop), (bx, btop) = a, b
    if abs(atop - btop) < _AXIS_TOLERANCE:
        orientation = "h"
    elif abs(ax - bx) < _AXIS_TOLERANCE:
        orientation = "v"
    else:
        return
    x0, x1, top, bottom = min(ax, bx), max(ax, bx), min(atop, btop), max(atop, btop)
    yield {
        "object_type": "line",
        "orientation": orientation,
        "x0": x0,
        "x1": x1 if orientation == "h" else x0,
        "top": top,
        "bottom": bottom if orientation == "v" else top,
        "doctop": top,
        "width": x1 - x0 if orientation == "h" else 0.0,
        "height": bottom - top if orientation == "v" else 0.0,
    }


def _matrix_of(obj: Any) -> _Matrix:
    m = pdfium_c.FS_MATRIX()
    if not pdfium_c.FPDFPageObj_GetMatrix(obj, m):
        return (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
    return (m.a, m.b, m.c, m.d, m.e, m.f)


def _compose(inner: _Matrix, outer: _Matrix) -> _Matrix:
    """The matrix applying `inner` then `outer` (PDF row-vector convention)."""
    a, b, c, d, e, f = inner
    A, B, C, D, E, F = outer  # noqa: N806 (the usual names of a PDF matrix)
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F)


def _apply(m: _Matrix, x: float, y: float) -> tuple[float, float]:
    return m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]


def word_lines(chars: list[dict[str, Any]]) -> list[list[list[dict[str, Any]]]]:
    """The characters of each word, by line, top to bottom and left to right, as pdfplumber's
    extract_words groups them with its defaults (a port of its few lines: its general version, with
    text directions and extra attributes, took as long as pdfium's whole reading of the page).

    Lines: characters whose tops chain within Y_TOLERANCE. Words: a line's characters by x, split at
    a blank, at a gap over X_TOLERANCE, or where a character starts left of the one before.
    """
    cluster: dict[float, int] = {}
    n, last = -1, float("-inf")
    for top in sorted({c["top"] for c in chars}):
        n += top > last + Y_TOLERANCE
        cluster[top], last = n, top
    lines: dict[int, list[dict[str, Any]]] = {}
    for char in chars:
        lines.setdefault(cluster[char["top"]], []).append(char)
    out = []
    for n in sorted(lines):
        words: list[list[dict[str, Any]]] = []
        current: list[dict[str, Any]] = []
        for char in sorted(lines[n], key=lambda c: (c["x0"], c["bottom"])):
            if char["text"].isspace():
                if current:
                    words.append(current)
                current = []
                continue
            if current:
                prev = current[-1]
                if (
                    char["x0"] < prev["x0"]
                    or char["x0"] > prev["x1"] + X_TOLERANCE
                    or abs(char["top"] - prev["top"]) > Y_TOLERANCE
                ):
                    words.append(current)
                    current = []
            current.append(char)
        if current:
            words.append(current)
        out.append(words)
    return out


def words_of(chars: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Word boxes {"text", "x0", "x1", "top", "bottom"} of the characters (see word_lines)."""
    return [
        {
            "text": _text(word),
            "x0": word[0]["x0"],  # the characters are in x order
            "x1": max(c["x1"] for c in word),
            "top": min(c["top"] for c in word),
            "bottom": max(c["bottom"] for c in word),
        }
        for line in word_lines(chars)
        for word in line
    ]


def text_of(chars: list[dict[str, Any]]) -> str:
    """The characters' text: words a space apart, lines a newline apart (pdfplumber's extract_text)."""
    return "\n".join(" ".join(_text(w) for w in line) for line in word_lines(chars))


def _text(word: list[dict[str, Any]]) -> str:
    return "".join(LIGATURES.get(c["text"], c["text"]) for c in word)
