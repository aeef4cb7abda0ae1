"""Scans with lines the first OCR reading loses: speckle around a short line of the "Nơi nhận" list.

Pages are drawn here (PIL, DejaVu Serif at 300 dpi) with seeded speckle, saved as image-only PDFs;
OCR runs for real.
"""

from __future__ import annotations

import random
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from ingest.ocr import ocr_available
from ingest.ocr_layout import Word
from ingest.ocr_reread import lost_lines
from ingest.parser import parse_document
from ingest.reader import read_file

FONT_FILE = Path("/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf")
CLOSING = ["Nơi nhận:", "- Thường trực Tỉnh ủy,", "- Lưu Văn phòng."]


def _scan(folder: Path, lines: list[str], speckle_at: int, seed: int, scribble: bool = False) -> Path:
    """An A4 image-only PDF of the lines, with dense speckle over line `speckle_at`."""
    image = Image.new("L", (2480, 3508), 255)
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(str(FONT_FILE), 48)
    for i, line in enumerate(lines):
        draw.text((240, 300 + i * 110), line, font=font, fill=0)
    rnd = random.Random(seed)
    top = 290 + speckle_at * 110
    for _ in range(int(2480 * 90 * 0.03)):  # 3 % of the pixels of a band around the line: black specks
        draw.point((rnd.randrange(200, 1400), top + rnd.randrange(90)), fill=0)
    if scribble:  # a signature's stroke in a line of its own: ink, but no text
        draw.line([(900, 900 + (k % 2) * 40) for k in range(12)], fill=0, width=5)
        draw.line([(900 + k * 30, 900 + (k % 2) * 40) for k in range(12)], fill=0, width=5)
    png = folder / f"page-{seed}.png"
    image.save(png)
    path = folder / f"scan-{seed}.pdf"
    pdf = canvas.Canvas(str(path), pagesize=A4)
    pdf.drawImage(str(png), 0, 0, width=A4[0], height=A4[1])
    pdf.showPage()
    pdf.save()
    return path


def test_line_of_ink_without_a_read_word_is_lost_and_a_read_one_is_not() -> None:
    ink = np.zeros((200, 400), dtype=bool)
    ink[20:40, 10:200] = True  # a line tesseract read
    ink[80:100, 10:150] = True  # a line it lost
    ink[140:142, 10:300] = True  # a rule: too thin for text
    read = [Word(10, 20, 190, 20, 95.0, "Nơi")]
    assert lost_lines(ink, read, 20.0) == [(10, 80, 150, 100)]


pytestmark = [
    pytest.mark.skipif(not FONT_FILE.exists(), reason="DejaVu fonts (fonts-dejavu-core) missing"),
]


@pytest.mark.slow
@pytest.mark.skipif(not ocr_available(), reason="tesseract with Vietnamese data not installed")
@pytest.mark.parametrize("seed", [0, 1])
def test_speckled_line_of_the_closing_list_is_read_again(tmp_path: Path, seed: int) -> None:
    raw = read_file(_scan(tmp_path, CLOSING, 2, seed))
    assert raw.text.splitlines()[-1].strip() == "- Lưu Văn phòng."
    cc = parse_document(raw).metadata.cc
    assert cc == ("Thường trực Tỉnh ủy,", "Lưu Văn phòng.")


@pytest.mark.slow
@pytest.mark.skipif(not ocr_available(), reason="tesseract with Vietnamese data not installed")
def test_a_scribble_read_again_adds_no_text(tmp_path: Path) -> None:
    """Ink that is no text (a signature's stroke) is read again but not taken: tesseract is unsure."""
    raw = read_file(_scan(tmp_path, CLOSING, 2, 0, scribble=True))
    lines = [ln.strip() for ln in raw.text.splitlines() if ln.strip()]
    assert lines == ["Nơi nhận:", "- Thường trực Tỉnh ủy,", "- Lưu Văn phòng."]
