"""Lines a first OCR reading lost, found in the page's ink and read again one by one.

Speckle around small text makes tesseract skip a whole line, or read it as a guess ("- Lưu VPTU."
as "-.Lizu VE1TỞ.", confidence 0, which ocr_layout drops as junk). The page's ink, speckle averaged
out, shows where the lines of text are: a line of ink that no confident word covers is cropped,
despeckled (a 3×3 median filter) and read again on its own, as one line of text.
"""

from __future__ import annotations

import statistics
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import numpy as np
from PIL import Image, ImageFilter

from ingest.ocr_layout import JUNK_CONFIDENCE, Word

Box = tuple[int, int, int, int]  # left, top, right, bottom in pixels

# Ink: a grey level darker than this (0 black, 255 white) on the page shrunk SCALE times.
INK_LEVEL = 128
SCALE = 2
# A pixel row (of the shrunk page) belongs to a line of text when it holds at least this many ink
# pixels: a few strokes. Lines of ink closer than GAP_HEIGHTS word heights are one line
# (diacritics float a few pixels above their letters); a line LINE_HEIGHTS[0]–[1] word heights
# tall can be text (ruled table borders and page frames are thinner or taller). Pieces of a line
# further apart than PIECE_GAP_HEIGHTS word heights are separate cells ("Nơi nhận" beside the
# signature). Checked on 300 dpi renders of DejaVu Serif 11–13 pt scans: the bench/dev3 scan and
# the speckled pages of tests/ingest/test_ocr_reread.py.
MIN_ROW_INK = 4
GAP_HEIGHTS = 0.35
LINE_HEIGHTS = (0.5, 2.5)
PIECE_GAP_HEIGHTS = 2.0
# A second reading is kept when tesseract is this sure of its words on average: a signature's
# scribble or a stamp read as letters comes back far less sure (10–50) than text (85–96).
ACCEPT_CONFIDENCE = 70.0


def reread_lost_lines(image: Path, words: list[Word], read_line: Callable[[Path], list[Word]]) -> list[Word]:
    """The words of a page with each line of ink that no confident word covers read again by
    `read_line` (tesseract on one line image) and put in place of the guesses it held."""
    read = [w for w in words if w.conf >= JUNK_CONFIDENCE and any(c.isalnum() for c in w.text)]
    if not read:
        return words  # nothing read at all: a picture, or a page OCR cannot help with
    height = statistics.median(w.height for w in read)
    with Image.open(image) as opened:
        page = opened.convert("L")
    # Ink at half size, despeckled: a 3×3 median filter over a quarter of the pixels (0.2 s for an
    # A4 page at 300 dpi, against 0.5 s at full size).
    ink = np.asarray(page.reduce(SCALE).filter(ImageFilter.MedianFilter(3))) < INK_LEVEL
    small = [
        Word(w.left // SCALE, w.top // SCALE, w.width // SCALE, w.height // SCALE, w.conf, w.text)
        for w in read
    ]
    for n, box in enumerate(lost_lines(ink, small, height / SCALE)):
        left, top, right, bottom = (SCALE * v for v in box)
        # A line height of margin: half of it read "VPTU" as "VPU" on the bench/dev3 scan.
        pad = bottom - top
        x0, y0 = max(0, left - pad), max(0, top - pad)
        crop = image.with_name(f"{image.stem}-line{n}.png")
        part = page.crop((x0, y0, min(page.width, right + pad), min(page.height, bottom + pad)))
        part.filter(ImageFilter.MedianFilter(3)).save(crop)
        again = [replace(w, left=w.left + x0, top=w.top + y0) for w in read_line(crop)]
        again = [w for w in again if w.text.strip()]
        if not again or statistics.mean(w.conf for w in again) < ACCEPT_CONFIDENCE:
            continue
        words = [w for w in words if not _inside(w, (left - pad, top - pad, right + pad, bottom))] + again
    return words


def _inside(word: Word, area: Box) -> bool:
    left, top, right, bottom = area
    return left <= word.left and word.right <= right and top <= word.top <= bottom


def lost_lines(ink: np.ndarray, read: list[Word], height: float) -> list[Box]:
    """Boxes of the lines of ink (boolean page, True = ink) that no read word overlaps."""
    out: list[Box] = []
    for top, bottom in _runs(ink.sum(axis=1) >= MIN_ROW_INK, GAP_HEIGHTS * height):
        if not LINE_HEIGHTS[0] * height <= bottom - top <= LINE_HEIGHTS[1] * height:
            continue
        for left, right in _runs(np.any(ink[top:bottom], axis=0), PIECE_GAP_HEIGHTS * height):
            if right - left < 1.5 * height:
                continue  # a dash or a speck: no line of text
            covered = any(
                w.left < right and w.right > left and w.top < bottom and w.top + w.height > top for w in read
            )
            if not covered:
                out.append((left, top, right, bottom))
    return out


def _runs(flags: np.ndarray, gap: float) -> list[tuple[int, int]]:
    """(start, end) of the runs of True in a 1-D array, runs closer than `gap` joined."""
    idx = np.flatnonzero(flags)
    if idx.size == 0:
        return []
    breaks = np.flatnonzero(np.diff(idx) > gap)
    starts = np.concatenate(([idx[0]], idx[breaks + 1]))
    ends = np.concatenate((idx[breaks], [idx[-1]])) + 1
    return [(int(a), int(b)) for a, b in zip(starts, ends, strict=True)]
