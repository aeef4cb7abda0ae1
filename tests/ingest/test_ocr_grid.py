"""Ruled tables of scans: the grid found in the page image, each OCR word put in its cell.

The scans are drawn the way a typed page comes out of a copier: PIL draws the text and the table's
ruling lines at 200 dpi, the page is turned a little and greyed, and saved as an image-only PDF.
OCR runs for real (tesseract with Vietnamese data).
"""

from __future__ import annotations

import io
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFilter, ImageFont
from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from chidao.core.text import fold
from ingest.ocr import ocr_available
from ingest.ocr_grid import find_grid
from ingest.parser import parse_document
from ingest.reader import read_file

SERIF = Path("/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf")
SERIF_BOLD = Path("/usr/share/fonts/truetype/dejavu/DejaVuSerif-Bold.ttf")
pytestmark = pytest.mark.skipif(not SERIF.exists() or not SERIF_BOLD.exists(), reason="DejaVu fonts missing")
DPI = 200
WIDTH, HEIGHT = int(8.27 * DPI), int(11.69 * DPI)
LEFT, RIGHT = 190, 140
ABOVE = "Ban Thường vụ Huyện ủy giao nhiệm vụ cho các cơ quan như sau:"
BELOW = "Các cơ quan báo cáo kết quả về Văn phòng Huyện ủy trước ngày 20 hằng tháng."
HEADER = ("STT", "Nội dung công việc", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian")
ROWS = (
    (
        "1",
        "Rà soát danh sách hộ nghèo ở các thôn vùng cao",
        "Ban Dân vận Huyện ủy",
        "Hội Nông dân",
        "Quý III",
    ),
    ("2", "Sửa chữa đường giao thông liên xã bị sạt lở", "Phòng Kinh tế hạ tầng", "Xã Tân Phong", "Tháng 10"),
    (
        "3",
        "Tổ chức lớp tập huấn chuyển đổi số cho cán bộ",
        "Văn phòng Huyện ủy",
        "Trung tâm Chính trị",
        "Năm 2025",
    ),
)
SHARES = (0.08, 0.36, 0.2, 0.2, 0.16)


def _wrap(draw: ImageDraw.ImageDraw, text: str, font: ImageFont.FreeTypeFont, width: float) -> list[str]:
    lines, current = [], ""
    for word in text.split():
        trial = f"{current} {word}".strip()
        if draw.textlength(trial, font=font) <= width:
            current = trial
        else:
            lines.append(current)
            current = word
    return [*lines, current] if current else lines


def _scan(path: Path) -> Path:
    """A one-page image-only PDF: a paragraph, the ruled task table (cells wrapped on 2–3 lines), a
    paragraph; turned 0.4° and greyed as a copier does."""
    font, bold = ImageFont.truetype(str(SERIF), 33), ImageFont.truetype(str(SERIF_BOLD), 30)
    small = ImageFont.truetype(str(SERIF), 30)
    image = Image.new("L", (WIDTH, HEIGHT), 255)
    draw = ImageDraw.Draw(image)
    y = 300
    draw.text((LEFT, y), ABOVE, font=font, fill=0)
    y += 100
    xs = [LEFT]
    for share in SHARES:
        xs.append(xs[-1] + int((WIDTH - LEFT - RIGHT) * share))
    top, pad, lead = y, 12, 42
    for n, row in enumerate((HEADER, *ROWS)):
        face = bold if n == 0 else small
        cells = [_wrap(draw, text, face, xs[k + 1] - xs[k] - 2 * pad) for k, text in enumerate(row)]
        for k, lines in enumerate(cells):
            for j, line in enumerate(lines):
                draw.text((xs[k] + pad, y + pad + j * lead), line, font=face, fill=0)
        y += max(len(c) for c in cells) * lead + 2 * pad
        draw.line((xs[0], y, xs[-1], y), fill=0, width=2)
    draw.line((xs[0], top, xs[-1], top), fill=0, width=2)
    for x in xs:
        draw.line((x, top, x, y), fill=0, width=2)
    draw.text((LEFT, y + 60), BELOW, font=font, fill=0)
    image = image.rotate(0.4, resample=Image.Resampling.BICUBIC, fillcolor=255)
    image = image.filter(ImageFilter.GaussianBlur(0.5)).point(lambda v: int(v * 0.93 + 6))
    png = io.BytesIO()
    image.save(png, format="PNG")
    canvas = Canvas(str(path), pagesize=A4)
    canvas.drawImage(ImageReader(io.BytesIO(png.getvalue())), 0, 0, width=A4[0], height=A4[1])
    canvas.showPage()
    canvas.save()
    return path


def test_grid_of_a_drawn_table_and_none_without_rules() -> None:
    """Rules turned by the scan come back straight, at the drawn rows and columns; a page of text
    with an underline (a header's "Độc lập - Tự do") has no grid."""
    image = Image.new("L", (1200, 900), 255)
    draw = ImageDraw.Draw(image)
    for y in (100, 200, 400):
        draw.line((100, y, 1100, y), fill=0, width=3)
    for x in (100, 300, 700, 1100):
        draw.line((x, 100, x, 400), fill=0, width=3)
    turned = np.asarray(image.rotate(0.5, resample=Image.Resampling.BICUBIC, fillcolor=255))
    grid = find_grid(turned, word_height=30)
    assert grid is not None
    rows = sorted(round(e["top"]) for e in grid.edges if e["orientation"] == "h")
    columns = sorted(round(e["x0"]) for e in grid.edges if e["orientation"] == "v")
    # Straightened coordinates are the drawn ones turned about the image centre: equal spacing.
    assert len(rows) == 3 and abs((rows[2] - rows[1]) - 2 * (rows[1] - rows[0])) <= 4
    assert len(columns) == 4 and abs((columns[2] - columns[1]) - 2 * (columns[1] - columns[0])) <= 4

    text = Image.new("L", (1200, 900), 255)
    draw = ImageDraw.Draw(text)
    font = ImageFont.truetype(str(SERIF), 30)
    for n in range(12):
        draw.text((100, 60 + 60 * n), "Độc lập - Tự do - Hạnh phúc, lớp tập huấn ở thôn", font=font, fill=0)
    draw.line((400, 110, 800, 110), fill=0, width=2)
    assert find_grid(np.asarray(text), word_height=30) is None


@pytest.mark.slow
@pytest.mark.skipif(not ocr_available(), reason="tesseract with Vietnamese data not installed")
def test_scanned_ruled_table_gives_one_row_per_task_with_every_column(tmp_path: Path) -> None:
    """Each task is one table_row with all five cells (STT included), its wrapped lines joined; the
    header names the columns; the paragraphs above and below stay text, in reading order. Cells are
    compared without diacritics: a misread letter is OCR's business, the cell a word lands in ours."""
    raw = read_file(_scan(tmp_path / "phan-cong.pdf"))
    lines = raw.text.splitlines()
    marked = [n for n, line in enumerate(lines) if line.count(" | ") == 4]
    above = next(n for n, line in enumerate(lines) if "giao nhiệm vụ" in line)
    below = next(n for n, line in enumerate(lines) if "báo cáo kết quả" in line)
    assert above < marked[0] and marked[-1] < below
    doc = parse_document(raw, "phan-cong.pdf")
    rows = [u for u in doc.units if u.kind == "table_row"]
    # Canonical task order: STT | chủ trì | nội dung | phối hợp | thời hạn (see ingest/tables.py).
    assert [[fold(c.strip()) for c in u.text.split("|")] for u in rows] == [
        [fold(n), fold(lead), fold(task), fold(support), fold(when)] for n, task, lead, support, when in ROWS
    ]
    assert [u.label for u in rows] == ["1", "2", "3"]
    heading = rows[0].heading.rsplit(" > ", 1)[-1]
    assert fold("Nội dung công việc") in fold(heading) and fold("Cơ quan phối hợp") in fold(heading)
    texts = [u.text for u in doc.units if u.kind != "table_row"]
    assert any(ABOVE in t for t in texts) and any(BELOW.rstrip(".") in t for t in texts)  # OCR may drop a "."


DEV6_SCAN = Path(__file__).parents[2] / "bench/dev6/corpus/ke-hoach-08-kh-du-hon-dua-2025.pdf"


@pytest.mark.slow
@pytest.mark.skipif(not ocr_available(), reason="tesseract with Vietnamese data not installed")
@pytest.mark.skipif(not DEV6_SCAN.exists(), reason="bench/dev6 not in this checkout")
def test_dev6_scan_task_table_rows() -> None:
    """The bench/dev6 scan (another hand's ruled table, 7 tasks wrapped on 2–3 lines): seven rows,
    numbered 1–7, the Đồn Biên phòng row whole with its partner unit and deadline apart."""
    doc = parse_document(read_file(DEV6_SCAN), DEV6_SCAN.name)
    rows = [u for u in doc.units if u.kind == "table_row"]
    assert [u.text.split(" | ")[0] for u in rows] == [str(n) for n in range(1, 8)]
    assert rows[1].text == (
        "2 | Đồn Biên phòng Hòn Dứa | Kêu gọi tàu thuyền vào nơi tránh trú, kiểm đếm từng chiếc"
        " | Ban CHQS đặc khu | Trước bão 48 giờ"
    )
    assert all(len(u.text.split(" | ")) == 5 for u in rows)


@pytest.mark.slow
@pytest.mark.skipif(not ocr_available(), reason="tesseract with Vietnamese data not installed")
def test_scanned_header_with_a_spanning_cell_names_both_columns(tmp_path: Path) -> None:
    """ "Thời gian" over "Bắt đầu" | "Kết thúc" (its cell spans two columns, STT and Chỉ tiêu span two
    rows): the header names each column in full, as for a text PDF's ruled table."""
    font = ImageFont.truetype(str(SERIF), 30)
    image = Image.new("L", (WIDTH, HEIGHT), 255)
    draw = ImageDraw.Draw(image)
    draw.text((200, 250), "Kết quả thực hiện các chỉ tiêu năm 2024 như sau:", font=font, fill=0)
    xs, ys = (200, 320, 900, 1180, 1460), (350, 420, 490, 580, 670)
    for y in ys:
        draw.line((900 if y == 420 else 200, y, 1460, y), fill=0, width=2)  # under "Thời gian" only
    for x in xs:
        draw.line((x, 420 if x == 1180 else 350, x, 670), fill=0, width=2)
    cells = {
        (200, 350): "STT",
        (320, 350): "Chỉ tiêu",
        (900, 350): "Thời gian",
        (900, 420): "Bắt đầu",
        (1180, 420): "Kết thúc",
        (200, 490): "1",
        (320, 490): "Kết nạp đảng viên mới",
        (900, 490): "Tháng 1",
        (1180, 490): "Tháng 12",
        (200, 580): "2",
        (320, 580): "Thành lập chi bộ mới",
        (900, 580): "Tháng 3",
        (1180, 580): "Tháng 9",
    }
    for (x, y), text in cells.items():
        draw.text((x + 12, y + 14), text, font=font, fill=0)
    draw.text((200, 720), "Văn phòng tổng hợp báo cáo kết quả cuối năm.", font=font, fill=0)
    png = io.BytesIO()
    image.rotate(0.3, resample=Image.Resampling.BICUBIC, fillcolor=255).save(png, format="PNG")
    canvas = Canvas(str(tmp_path / "chi-tieu.pdf"), pagesize=A4)
    canvas.drawImage(ImageReader(io.BytesIO(png.getvalue())), 0, 0, width=A4[0], height=A4[1])
    canvas.showPage()
    canvas.save()
    lines = [fold(x) for x in read_file(tmp_path / "chi-tieu.pdf").text.splitlines() if " | " in x]
    assert lines == [
        fold("STT | Chỉ tiêu | Thời gian Bắt đầu | Thời gian Kết thúc"),
        fold("1 | Kết nạp đảng viên mới | Tháng 1 | Tháng 12"),
        fold("2 | Thành lập chi bộ mới | Tháng 3 | Tháng 9"),
    ]
