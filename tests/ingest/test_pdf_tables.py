"""Tables in PDFs written by reportlab: wrapped cells, ruled and unruled, two header rows, page splits."""

from __future__ import annotations

from pathlib import Path

import pytest
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from ingest.parser import parse_document
from ingest.reader import read_file

FONT_FILE = Path("/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf")
pytestmark = pytest.mark.skipif(not FONT_FILE.exists(), reason="DejaVu fonts (fonts-dejavu-core) missing")

# A task table in the order plans use, not the order the library reads: STT | task | lead | support | due.
TASK_HEADER = ["STT", "Nội dung nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian hoàn thành"]
TASKS = [
    [
        "1",
        "Tổ chức tuyên truyền sâu rộng kết quả thực hiện Nghị quyết trên báo, đài của tỉnh, "
        "trang thông tin điện tử và mạng xã hội",
        "Ban Tuyên giáo Tỉnh ủy",
        "Sở Thông tin và Truyền thông",
        "Quý II/2024",
    ],
    [
        "2",
        "Chỉ đạo cơ sở đoàn ra quân dọn vệ sinh khu dân cư, trồng cây xanh, thăm hỏi gia đình "
        "chính sách và hỗ trợ người dân bị ảnh hưởng bởi bão số 3",
        "Tỉnh đoàn",
        "Hội Liên hiệp Phụ nữ tỉnh, Hội Nông dân tỉnh",
        "Trước ngày 30/6/2024",
    ],
    [
        "3",
        "Theo dõi, đôn đốc, tổng hợp kết quả thực hiện và báo cáo Ban Thường vụ Tỉnh ủy",
        "Văn phòng Tỉnh ủy",
        "Các ban xây dựng Đảng Tỉnh ủy",
        "Hằng quý",
    ],
]
# What every source order must come out as: STT | lead | task | support | deadline.
EXPECTED_TASK_ROWS = [" | ".join([r[0], r[2], r[1], r[3], r[4]]) for r in TASKS]
EXPECTED_TASK_HEADER = "STT | Cơ quan chủ trì | Nội dung nhiệm vụ | Cơ quan phối hợp | Thời gian hoàn thành"


def _style() -> ParagraphStyle:
    if "DejaVuSerif" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("DejaVuSerif", str(FONT_FILE)))
    return ParagraphStyle("cell", fontName="DejaVuSerif", fontSize=11, leading=14)


def _table(
    rows: list[list[str]], widths: list[float], *, ruled: bool, spans=(), repeat: int = 0, **kw
) -> Table:
    style = _style()
    data = [[Paragraph(c, style) if c else "" for c in row] for row in rows]
    commands = [("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("FONTNAME", (0, 0), (-1, -1), "DejaVuSerif")]
    if ruled:
        commands.append(("GRID", (0, 0), (-1, -1), 0.5, colors.black))
    commands += [("SPAN", a, b) for a, b in spans]
    return Table(data, colWidths=widths, style=TableStyle(commands), repeatRows=repeat, **kw)


def _pdf(path: Path, *flowables) -> Path:
    style = _style()
    story = [
        Paragraph("PHỤ LỤC", style),
        Paragraph("PHÂN CÔNG NHIỆM VỤ THỰC HIỆN KẾ HOẠCH SỐ 35-KH/TU", style),
        Spacer(1, 12),
        *flowables,
        Spacer(1, 12),
        Paragraph("Các cơ quan, đơn vị báo cáo kết quả về Văn phòng Tỉnh ủy.", style),
    ]
    SimpleDocTemplate(str(path), pagesize=A4).build(story)
    return path


def _rows(path: Path) -> list[str]:
    doc = parse_document(read_file(path, ocr=False))
    return [u.text for u in doc.units if u.kind == "table_row"]


def _header(path: Path) -> list[str]:
    doc = parse_document(read_file(path, ocr=False))
    return sorted({u.heading.rsplit(" > ", 1)[-1] for u in doc.units if u.kind == "table_row"})


WIDTHS = [36, 170, 90, 110, 80]


@pytest.mark.parametrize("ruled", [True, False], ids=["ruled", "unruled"])
def test_task_table_rows_are_one_unit_each_in_canonical_order(tmp_path: Path, ruled: bool):
    path = _pdf(tmp_path / "phan-cong.pdf", _table([TASK_HEADER, *TASKS], WIDTHS, ruled=ruled))
    assert _rows(path) == EXPECTED_TASK_ROWS
    assert _header(path) == [EXPECTED_TASK_HEADER]


def test_two_header_rows_become_column_names_and_merged_cells_repeat(tmp_path: Path):
    rows = [
        ["Huyện", "Thiệt hại", "", "Kết quả khắc phục"],
        ["", "Số người bị thương", "Số nhà bị hư hại", ""],
        ["Huyện Đồng Mây Thượng của tỉnh", "12", "340", "Đã sửa chữa xong 300 nhà, còn 40 nhà đang sửa"],
        ["Huyện An Thạch", "3", "85", "Đã sửa chữa xong"],
    ]
    spans = [((0, 0), (0, 1)), ((1, 0), (2, 0)), ((3, 0), (3, 1))]
    path = _pdf(tmp_path / "thiet-hai.pdf", _table(rows, [110, 90, 90, 190], ruled=True, spans=spans))
    assert _rows(path) == [
        "Huyện Đồng Mây Thượng của tỉnh | 12 | 340 | Đã sửa chữa xong 300 nhà, còn 40 nhà đang sửa",
        "Huyện An Thạch | 3 | 85 | Đã sửa chữa xong",
    ]
    assert _header(path) == [
        "Huyện | Thiệt hại Số người bị thương | Thiệt hại Số nhà bị hư hại | Kết quả khắc phục"
    ]


def _draw_ruled(canvas, top: float, rows: list[list[list[str]]], widths: list[float]) -> None:
    """A ruled table drawn line by line, as Word exports one: rows of cells of pre-wrapped lines."""
    leading, pad, left = 12, 4, 50
    canvas.setFont("DejaVuSerif", 9)
    y = top
    for row in rows:
        height = max(len(cell) for cell in row) * leading + 2 * pad
        x = left
        for width, cell in zip(widths, row, strict=True):
            canvas.rect(x, y - height, width, height)
            for n, text in enumerate(cell):
                canvas.drawString(x + pad, y - pad - 9 - n * leading, text)
            x += width
        y -= height


def test_row_split_by_a_page_break_is_joined(tmp_path: Path):
    """Row 2's task runs from the foot of page 1 onto page 2, under a repeated header."""
    from reportlab.pdfgen.canvas import Canvas

    _style()
    header = [["STT"], ["Nội dung nhiệm vụ"], ["Cơ quan chủ trì"], ["Cơ quan phối hợp"], ["Thời hạn"]]
    first = [["1"], ["Rà soát danh sách hộ nghèo"], ["Sở Lao động"], ["UBND các huyện"], ["Quý I/2024"]]
    task = [f"Hỗ trợ sửa chữa nhà ở phần {i}" for i in range(1, 7)]
    part1 = [["2"], task[:3], ["Tỉnh đoàn"], ["Hội Nông dân"], ["Trước 30/6/2024"]]
    part2 = [[""], task[3:], [""], [""], [""]]
    last = [["3"], ["Tổng kết, báo cáo"], ["Văn phòng Tỉnh ủy"], [""], ["Tháng 12/2024"]]
    path = tmp_path / "tach-trang.pdf"
    canvas = Canvas(str(path), pagesize=A4)
    canvas.setFont("DejaVuSerif", 12)
    canvas.drawString(60, 800, "PHÂN CÔNG NHIỆM VỤ THỰC HIỆN KẾ HOẠCH SỐ 35-KH/TU")
    for n in range(30):  # body text filling the page, so the table starts near its foot
        canvas.drawString(60, 770 - 18 * n, f"Đoạn văn thứ {n + 1} của kế hoạch nói về công tác dân vận.")
    _draw_ruled(canvas, 220, [header, first, part1], WIDTHS)
    canvas.showPage()
    _draw_ruled(canvas, 800, [header, part2, last], WIDTHS)
    canvas.setFont("DejaVuSerif", 12)
    canvas.drawString(60, 600, "Các cơ quan, đơn vị báo cáo kết quả về Văn phòng Tỉnh ủy.")
    canvas.save()
    doc = parse_document(read_file(path, ocr=False))
    rows = [(u.text, u.pages) for u in doc.units if u.kind == "table_row"]
    assert rows == [
        ("1 | Sở Lao động | Rà soát danh sách hộ nghèo | UBND các huyện | Quý I/2024", (1,)),
        (f"2 | Tỉnh đoàn | {' '.join(task)} | Hội Nông dân | Trước 30/6/2024", (1,)),
        ("3 | Văn phòng Tỉnh ủy | Tổng kết, báo cáo |  | Tháng 12/2024", (2,)),
    ]


def test_two_column_ruled_table_keeps_wrapped_cells_in_their_row(tmp_path: Path):
    rows = [
        ["Đơn vị", "Nhiệm vụ"],
        ["Tỉnh đoàn", "Tổ chức ra quân tình nguyện tại các xã vùng biển trong tháng 7 và tháng 8"],
        ["Hội Nông dân tỉnh", "Hỗ trợ nông dân khôi phục sản xuất sau bão"],
    ]
    path = _pdf(tmp_path / "hai-cot.pdf", _table(rows, [120, 300], ruled=True))
    assert _rows(path) == [
        "Tỉnh đoàn | Tổ chức ra quân tình nguyện tại các xã vùng biển trong tháng 7 và tháng 8",
        "Hội Nông dân tỉnh | Hỗ trợ nông dân khôi phục sản xuất sau bão",
    ]
    assert _header(path) == ["Đơn vị | Nhiệm vụ"]


@pytest.mark.parametrize("rotation", [0, 90, 180, 270])
def test_pdfium_geometry_gives_pdfplumbers_words_and_ruling_lines(tmp_path: Path, rotation: int):
    """The fast geometry (pdfium) stands in for pdfplumber's own (pdfminer): same ruling edges on
    the page as displayed, same words within half a point (upright text only: pdfplumber reads
    text turned by the page's /Rotate as vertical words)."""
    import pdfplumber
    import pypdf

    from ingest.pdf_geometry import read_geometry, words_of

    source = _pdf(tmp_path / "bang.pdf", _table([TASK_HEADER, *TASKS], WIDTHS, ruled=True))
    writer = pypdf.PdfWriter(clone_from=str(source))
    writer.pages[0].rotate(rotation)
    path = tmp_path / f"xoay-{rotation}.pdf"
    writer.write(path)
    with pdfplumber.open(path) as pdf:
        page = pdf.pages[0]
        words, edges, size = page.extract_words(), page.edges, (page.width, page.height)
    [(_, geometry)] = read_geometry(path, [0])

    def key(edge: dict) -> tuple:
        return (edge["orientation"], *(round(edge[k], 1) for k in ("x0", "top", "x1", "bottom")))

    assert sorted(map(key, geometry.edges)) == sorted(map(key, edges))
    assert (geometry.width, geometry.height) == pytest.approx(size)
    if rotation in (0, 180):
        mine = words_of(geometry.chars)
        assert [w["text"] for w in mine] == [w["text"] for w in words]
        for a, b in zip(mine, words, strict=True):
            assert [a[k] for k in ("x0", "x1", "top", "bottom")] == pytest.approx(
                [b[k] for k in ("x0", "x1", "top", "bottom")], abs=0.5
            )


def test_table_over_three_pages_says_its_repeated_header_once(tmp_path: Path):
    """A task table running over three pages with its header row printed again at the top of each:
    the middle page, continued and continuing, keeps no header row among its data rows."""
    tasks = [
        [str(n), f"Nhiệm vụ số {n}: rà soát, tổng hợp và báo cáo kết quả thực hiện tại các xã", "Sở Nội vụ",
         "UBND các xã", f"Tháng {n % 12 + 1}/2026"]
        for n in range(1, 49)
    ]  # fmt: skip
    path = _pdf(tmp_path / "ba-trang.pdf", _table([TASK_HEADER, *tasks], WIDTHS, ruled=True, repeat=1))
    doc = parse_document(read_file(path, ocr=False))
    assert max(p for u in doc.units for p in u.pages) >= 3
    rows = [u.text for u in doc.units if u.kind == "table_row"]
    assert rows == [" | ".join([r[0], r[2], r[1], r[3], r[4]]) for r in tasks]
