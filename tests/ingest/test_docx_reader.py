"""DOCX reading on documents written by python-docx: reading order, tables, merged cells, page breaks."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from docx.enum.text import WD_BREAK

from chidao.core.errors import UnreadableFileError
from chidao.core.model import RawText
from ingest.reader import read_file


@pytest.fixture
def plan_docx(tmp_path: Path) -> Path:
    """A small "Kế hoạch": title, paragraph, a task table with a merged cell, a page break, an appendix."""
    document = docx.Document()
    document.add_paragraph("KẾ HOẠCH")
    document.add_paragraph("Ban Thường vụ Tỉnh ủy ban hành Kế hoạch thực hiện Nghị quyết như sau:")
    table = document.add_table(rows=3, cols=3)
    for r, row in enumerate(
        [
            ("STT", "Đơn vị chủ trì", "Thời hạn"),
            ("1", "Ban Thường vụ Tỉnh đoàn", "Quý II/2024"),
            ("2", "Ban Dân vận Tỉnh ủy", ""),
        ]
    ):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    merged = table.cell(2, 1).merge(table.cell(2, 2))  # "Ban Dân vận Tỉnh ủy" spans two columns
    merged.text = "Ban Dân vận Tỉnh ủy"
    document.add_paragraph("Các đơn vị tổ chức thực hiện.")
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    document.add_paragraph("PHỤ LỤC")
    breaking = document.add_paragraph("Bảng tổng hợp kết quả.")
    breaking.paragraph_format.page_break_before = True
    path = tmp_path / "ke-hoach.docx"
    document.save(str(path))
    return path


def test_docx_paragraphs_tables_and_page_breaks(plan_docx: Path) -> None:
    text = (
        "KẾ HOẠCH\n\n"
        "Ban Thường vụ Tỉnh ủy ban hành Kế hoạch thực hiện Nghị quyết như sau:\n\n"
        "STT | Đơn vị chủ trì | Thời hạn\n"
        "1 | Ban Thường vụ Tỉnh đoàn | Quý II/2024\n"
        "2 | Ban Dân vận Tỉnh ủy |\n\n"  # the slot the merged cell spans stays empty: columns stay aligned
        "Các đơn vị tổ chức thực hiện.\n\n"
        "PHỤ LỤC\n\n"
        "Bảng tổng hợp kết quả."
    )
    page_2 = text.index("PHỤ LỤC")
    page_3 = text.index("Bảng tổng hợp")
    assert read_file(plan_docx) == RawText(text=text, page_starts=(0, page_2, page_3), format="docx")


def test_docx_cells_with_several_paragraphs_come_out_cell_by_cell(tmp_path: Path) -> None:
    document = docx.Document()
    table = document.add_table(rows=1, cols=2)
    left, right = table.rows[0].cells
    left.text = "Nơi nhận:"
    left.add_paragraph("- Như trên,")
    left.add_paragraph("- Lưu Văn phòng.")
    right.text = "T/M BAN THƯỜNG VỤ"
    right.add_paragraph("BÍ THƯ")
    right.add_paragraph("")
    right.add_paragraph("Hoàng Trọng Vĩnh")
    path = tmp_path / "ky.docx"
    document.save(str(path))
    assert read_file(path).text == (
        "Nơi nhận:\n- Như trên,\n- Lưu Văn phòng.\n\nT/M BAN THƯỜNG VỤ\nBÍ THƯ\n\nHoàng Trọng Vĩnh"
    )


def test_damaged_docx_is_refused_with_fix(plan_docx: Path, tmp_path: Path) -> None:
    path = tmp_path / "hong.docx"
    path.write_bytes(plan_docx.read_bytes()[:2000])
    with pytest.raises(
        UnreadableFileError,
        match=r"^hong\.docx: damaged DOCX, not a valid Word file \(.+\)\. Open it in Word",
    ):
        read_file(path)


def test_docx_without_text_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "trong.docx"
    docx.Document().save(str(path))
    with pytest.raises(UnreadableFileError, match=r"^trong\.docx: no text in the file"):
        read_file(path)


def test_docx_task_table_with_merged_cells_gives_one_row_per_task(tmp_path: Path) -> None:
    """Columns in the plan's order, a two-level header (gridSpan), one lead unit for two tasks (vMerge)
    and a task of two paragraphs: every row comes out whole, in the canonical task order."""
    document = docx.Document()
    document.add_paragraph("PHÂN CÔNG NHIỆM VỤ")
    table = document.add_table(rows=5, cols=5)
    rows = [
        ("STT", "Nội dung công việc", "Đơn vị thực hiện", "", "Thời gian hoàn thành"),
        ("", "", "Chủ trì", "Phối hợp", ""),
        ("1", "Tuyên truyền Nghị quyết", "Ban Tuyên giáo Tỉnh ủy", "Sở Văn hóa", "Quý II/2024"),
        ("2", "Biên soạn tài liệu hỏi đáp", "", "Báo Hải Lâm", "Tháng 6/2024"),
        ("3", "Sơ kết một năm", "Văn phòng Tỉnh ủy", "", "Tháng 12/2024"),
    ]
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            if text:
                table.cell(r, c).text = text
    table.cell(3, 1).add_paragraph("theo từng chuyên đề")  # a task of two paragraphs
    table.cell(0, 2).merge(table.cell(0, 3))  # "Đơn vị thực hiện" over "Chủ trì" | "Phối hợp"
    for c in (0, 1, 4):
        table.cell(0, c).merge(table.cell(1, c))  # header cells spanning both header rows
    table.cell(2, 2).merge(table.cell(3, 2))  # one lead unit for tasks 1 and 2
    path = tmp_path / "phan-cong.docx"
    document.save(str(path))
    assert read_file(path).text.splitlines()[2:] == [
        "STT | Đơn vị thực hiện Chủ trì | Nội dung công việc | Đơn vị thực hiện Phối hợp"
        " | Thời gian hoàn thành",
        "1 | Ban Tuyên giáo Tỉnh ủy | Tuyên truyền Nghị quyết | Sở Văn hóa | Quý II/2024",
        "2 | Ban Tuyên giáo Tỉnh ủy | Biên soạn tài liệu hỏi đáp theo từng chuyên đề | Báo Hải Lâm"
        " | Tháng 6/2024",
        "3 | Văn phòng Tỉnh ủy | Sơ kết một năm |  | Tháng 12/2024",
    ]
