"""Word task tables as Word lays them out: group rows merged across the whole table, the header row
marked "repeat as header row" (and typed again on the next page), rows starting right of the first
column (w:gridBefore), paragraphs inside content controls (w:sdt). Each document is built here with
python-docx, raw XML where python-docx has no API, and read through the real reader and parser."""

from __future__ import annotations

from pathlib import Path

import docx
from docx.enum.text import WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from ingest.parser import parse_document
from ingest.reader import read_file
from ingest.tables import from_grid, table_lines

HEADER = ("TT", "Nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời hạn")
CANONICAL = "TT | Cơ quan chủ trì | Nhiệm vụ | Cơ quan phối hợp | Thời hạn"
# "G: …" is a group row: one cell merged across all five columns.
PLAN = [
    HEADER,
    "G: I. LĨNH VỰC THỦY LỢI",
    ("1", "Nạo vét kênh tưới cấp 1", "Sở Nông nghiệp và Môi trường", "UBND các xã", "Trước 15/01/2026"),
    ("2", "Đắp đập tạm ngăn mặn trên sông Cầu Hà", "UBND xã Thạch Bàn", "Sở NN&MT", "Trước 31/12/2025"),
    "G: II. LĨNH VỰC NÔNG NGHIỆP",
    ("3", "Chuyển đổi lúa thiếu nước sang ngô, đậu", "Sở NN&MT", "Hội Nông dân tỉnh", "Vụ Đông Xuân"),
    ("4", "Cho vay khoan giếng cho hộ nghèo", "Ngân hàng Chính sách xã hội", "Hội LHPN tỉnh", "Quý I/2026"),
    "G: III. LĨNH VỰC NƯỚC SINH HOẠT",
    ("5", "Chở nước ngọt cho các thôn bị mặn", "Bộ CHQS tỉnh", "Tỉnh đoàn", "Khi có yêu cầu"),
]


def _mark_header(row: object) -> None:
    flag = OxmlElement("w:tblHeader")
    flag.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(flag)  # type: ignore[attr-defined]


def _plan(path: Path, rows: list, *, header_again_before: int | None = None) -> Path:
    """A plan whose section II is a ruled task table of `rows` (the header row repeats at the top of
    each page); `header_again_before` types the header row again before that row, as when a table is
    pasted from a PDF or the page break was made by hand."""
    rows = list(rows)
    if header_again_before is not None:
        rows.insert(header_again_before, HEADER)
    document = docx.Document()
    document.add_paragraph("KẾ HOẠCH")
    document.add_paragraph("phòng, chống hạn hán, xâm nhập mặn mùa khô")
    document.add_paragraph("I. MỤC ĐÍCH, YÊU CẦU")
    document.add_paragraph("Không để thiếu nước sinh hoạt kéo dài ở bất cứ thôn nào.")
    document.add_paragraph("II. NHIỆM VỤ CỤ THỂ")
    table = document.add_table(rows=len(rows), cols=5)
    table.style = "Table Grid"
    for r, row in enumerate(rows):
        if isinstance(row, str):
            merged = table.cell(r, 0).merge(table.cell(r, 4))  # one w:tc with gridSpan=5
            merged.text = row[3:]
            continue
        for c, text in enumerate(row):
            table.cell(r, c).text = text
        if row == HEADER:
            _mark_header(table.rows[r])
    document.add_paragraph("III. TỔ CHỨC THỰC HIỆN")
    document.add_paragraph("Các chi bộ báo cáo kết quả trước ngày 25 hằng tháng.")
    document.save(str(path))
    return path


def _rows(path: Path) -> list[tuple[str, str, str, str]]:
    doc = parse_document(read_file(path), "kh")
    return [
        (u.kind, u.label, u.heading.rsplit(" > ", 1)[-1], u.text)
        for u in doc.units
        if u.kind in ("table_row", "heading")
    ]


def test_group_rows_merged_across_the_table_head_their_rows(tmp_path: Path) -> None:
    rows = _rows(_plan(tmp_path / "kh.docx", PLAN))
    assert [(k, label, heading) for k, label, heading, _ in rows] == [
        ("heading", "II", "II. NHIỆM VỤ CỤ THỂ"),  # the column names, nothing of a group row
        ("heading", "II.I", CANONICAL),
        ("table_row", "II.I.1", "I. LĨNH VỰC THỦY LỢI"),
        ("table_row", "II.I.2", "I. LĨNH VỰC THỦY LỢI"),
        ("heading", "II.II", CANONICAL),
        ("table_row", "II.II.3", "II. LĨNH VỰC NÔNG NGHIỆP"),
        ("table_row", "II.II.4", "II. LĨNH VỰC NÔNG NGHIỆP"),
        ("heading", "II.III", CANONICAL),
        ("table_row", "II.III.5", "III. LĨNH VỰC NƯỚC SINH HOẠT"),
    ]
    assert rows[0][3] == CANONICAL
    # Each task row keeps its own cells, in the canonical order, none of a group row's text.
    assert (
        rows[2][3]
        == "1 | Sở Nông nghiệp và Môi trường | Nạo vét kênh tưới cấp 1 | UBND các xã | Trước 15/01/2026"
    )
    assert not any("LĨNH VỰC" in text for kind, _, _, text in rows if kind == "table_row")


def test_a_header_row_typed_again_on_the_next_page_is_not_a_row(tmp_path: Path) -> None:
    tasks = [row for row in PLAN if not isinstance(row, str)]
    rows = _rows(_plan(tmp_path / "kh.docx", tasks, header_again_before=3))
    table_rows = [(label, text) for kind, label, _, text in rows if kind == "table_row"]
    assert [label for label, _ in table_rows] == ["II.1", "II.2", "II.3", "II.4", "II.5"]
    assert not any(text.startswith("TT |") for _, text in table_rows)


def test_unnumbered_group_row_under_the_header_is_not_part_of_the_column_names(tmp_path: Path) -> None:
    plan = [HEADER, "G: Nhóm nhiệm vụ thủy lợi", *PLAN[2:4]]
    doc = parse_document(read_file(_plan(tmp_path / "kh.docx", plan)), "kh")
    header = next(u.text for u in doc.units if u.text.startswith("TT |"))
    assert header == CANONICAL
    tasks = [u.text for u in doc.units if u.kind == "table_row" and u.text[:1].isdigit()]
    assert [t.split(" | ")[2] for t in tasks] == [
        "Nạo vét kênh tưới cấp 1",
        "Đắp đập tạm ngăn mặn trên sông Cầu Hà",
    ]


def test_a_row_starting_right_of_the_first_column_keeps_its_columns(tmp_path: Path) -> None:
    """A task's continuation row without a TT cell (w:gridBefore=1): its text belongs under "Nhiệm
    vụ" and "Cơ quan chủ trì", not one column to the left."""
    path = _plan(tmp_path / "kh.docx", [HEADER, *PLAN[2:4]])
    document = docx.Document(str(path))
    table = document.tables[0]
    new = table.add_row()
    tr = new._tr
    tr.remove(tr.tc_lst[0])
    before = OxmlElement("w:gridBefore")
    before.set(qn("w:val"), "1")
    tr.get_or_add_trPr().insert(0, before)
    for cell, text in zip(new.cells, ("và kênh tưới cấp 2", "", "", ""), strict=True):
        cell.text = text
    # The continuation belongs to task 2 (the last row): its "Nhiệm vụ" cell reads on.
    document.save(str(path))
    rows = [u.text for u in parse_document(read_file(path), "kh").units if u.kind == "table_row"]
    assert rows[-1].split(" | ")[2] == "Đắp đập tạm ngăn mặn trên sông Cầu Hà và kênh tưới cấp 2"


def test_a_damaged_grid_before_is_read_as_no_offset(tmp_path: Path) -> None:
    path = _plan(tmp_path / "kh.docx", [HEADER, *PLAN[2:4]])
    document = docx.Document(str(path))
    for row, value in zip(document.tables[0].rows[1:], ("x", "900000000"), strict=True):
        before = OxmlElement("w:gridBefore")
        before.set(qn("w:val"), value)
        row._tr.get_or_add_trPr().insert(0, before)
    document.save(str(path))
    rows = [u.text for u in parse_document(read_file(path), "kh").units if u.kind == "table_row"]
    assert rows[0].startswith("1 | Sở Nông nghiệp và Môi trường | Nạo vét") and len(rows) == 2


def test_paragraphs_inside_content_controls_are_read_in_place(tmp_path: Path) -> None:
    """A template's fields are content controls (w:sdt); their paragraphs are body text in reading
    order. A table of contents Word generates (also a w:sdt) repeats the headings and is left out."""
    document = docx.Document()
    document.add_paragraph("KẾ HOẠCH")
    anchor = document.add_paragraph("I. MỤC ĐÍCH")
    document.add_paragraph("II. NHIỆM VỤ")
    document.add_paragraph("Các chi bộ báo cáo kết quả hằng tháng.")

    def control(texts: list[str], gallery: str | None = None) -> OxmlElement:
        sdt, pr, content = OxmlElement("w:sdt"), OxmlElement("w:sdtPr"), OxmlElement("w:sdtContent")
        if gallery:
            part, kind = OxmlElement("w:docPartObj"), OxmlElement("w:docPartGallery")
            kind.set(qn("w:val"), gallery)
            part.append(kind)
            pr.append(part)
        sdt.append(pr)
        for text in texts:
            p, r, t = OxmlElement("w:p"), OxmlElement("w:r"), OxmlElement("w:t")
            t.text = text
            r.append(t)
            p.append(r)
            content.append(p)
        sdt.append(content)
        return sdt

    anchor._p.addnext(
        control(["Giữ ổn định 90% diện tích lúa vụ Đông Xuân.", "Không để thiếu nước sinh hoạt."])
    )
    document.paragraphs[0]._p.addnext(
        control(["Mục lục", "I. MỤC ĐÍCH 1", "II. NHIỆM VỤ 2"], "Table of Contents")
    )
    path = tmp_path / "kh.docx"
    document.save(str(path))
    text = read_file(path).text
    assert (
        "Giữ ổn định 90% diện tích lúa vụ Đông Xuân.\n\nKhông để thiếu nước sinh hoạt.\n\nII. NHIỆM VỤ"
        in text
    )
    assert text.index("I. MỤC ĐÍCH") < text.index("Giữ ổn định")
    assert "Mục lục" not in text and "MỤC ĐÍCH 1" not in text


def test_a_pdf_grid_with_a_group_row_across_the_table_has_the_same_shape() -> None:
    """The grid shape of every reader (PDF ruled tables give None where a cell spans to the right)."""
    grid = [
        list(HEADER),
        ["I. LĨNH VỰC THỦY LỢI", None, None, None, None],
        ["1", "Nạo vét kênh tưới", "Sở NN&MT", "UBND các xã", "Quý I/2026"],
        ["2", "Đắp đập tạm", "UBND xã Thạch Bàn", "Sở NN&MT", "Quý I/2026"],
        ["II. LĨNH VỰC NÔNG NGHIỆP", None, None, None, None],
        ["3", "Chuyển đổi cây trồng", "Sở NN&MT", "Hội Nông dân tỉnh", "Vụ Đông Xuân"],
    ]
    assert table_lines(from_grid(grid)) == [
        CANONICAL,
        "I |  | LĨNH VỰC THỦY LỢI |  | ",
        "1 | Sở NN&MT | Nạo vét kênh tưới | UBND các xã | Quý I/2026",
        "2 | UBND xã Thạch Bàn | Đắp đập tạm | Sở NN&MT | Quý I/2026",
        "II |  | LĨNH VỰC NÔNG NGHIỆP |  | ",
        "3 | Sở NN&MT | Chuyển đổi cây trồng | Hội Nông dân tỉnh | Vụ Đông Xuân",
    ]


def test_a_table_split_at_a_page_break_says_its_header_once(tmp_path: Path) -> None:
    """The table is cut in two at the page break (an empty paragraph with a page break between two
    w:tbl) and the header row is typed again at the top of the second part."""
    tasks = [row for row in PLAN if not isinstance(row, str)]
    document = docx.Document()
    document.add_paragraph("KẾ HOẠCH")
    document.add_paragraph("II. NHIỆM VỤ CỤ THỂ")
    for part in ([HEADER, *tasks[:3]], [HEADER, *tasks[3:]]):
        table = document.add_table(rows=len(part), cols=5)
        for r, row in enumerate(part):
            for c, text in enumerate(row):
                table.cell(r, c).text = text
        if part[1] is tasks[0]:
            document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    document.add_paragraph("III. TỔ CHỨC THỰC HIỆN")
    path = tmp_path / "kh.docx"
    document.save(str(path))
    rows = _rows(path)
    assert [(kind, label) for kind, label, _, _ in rows] == [
        ("heading", "II"),
        *[("table_row", f"II.{i}") for i in range(1, 6)],
    ]
