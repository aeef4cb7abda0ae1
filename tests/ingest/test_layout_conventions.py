"""Layouts of Party documents (Nghị định 30/2020/NĐ-CP, Hướng dẫn 36-HD/VPTW conventions) that
the eval corpus lacks: a speech excerpt, the issuing authority above the grounds of a decision, an
organ of the committee in the header, Nơi nhận and signature typed with line breaks in a DOCX
table, group rows of a task table, replacement in a clause of its own, laws cited by name."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import docx
from docx.enum.text import WD_BREAK

from chidao.core.model import Document, Metadata, ParsedDocument, RawText, Signer
from ingest.parser import parse_document
from ingest.reader import read_file
from ingest.references import resolve_reference


def parse(text: str) -> ParsedDocument:
    return parse_document(RawText(unicodedata.normalize("NFC", text)), "t")


# --- 1. a speech excerpt: "TRÍCH PHÁT BIỂU", the speaker and the date in the subtitle -------------

EXCERPT = (
    (
        "TRÍCH PHÁT BIỂU\n"
        "của đồng chí Hà Văn Sùng, Ủy viên Trung ương Đảng, Bí thư Tỉnh ủy, khai mạc Hội nghị"
        " Ban Chấp hành Đảng bộ tỉnh lần thứ hai, ngày 05/3/2024\n"
    )
    + """
(Văn phòng Tỉnh ủy trích)

Về chuyển đổi số

Thưa các đồng chí, mỗi xã phải có một cán bộ biết làm việc trên môi trường số.
"""
)


def test_speech_excerpt_is_a_speech_dated_by_its_subtitle() -> None:
    doc = parse(EXCERPT)
    md = doc.metadata
    assert (md.doc_type, md.date, md.issuer) == ("Bài phát biểu", "2024-03-05", "")
    assert md.title.startswith("của đồng chí Hà Văn Sùng, Ủy viên Trung ương Đảng")
    assert md.signer == Signer(name="Hà Văn Sùng", role="Ủy viên Trung ương Đảng, Bí thư Tỉnh ủy")
    assert doc.units[0].kind == "title" and "header" not in [u.kind for u in doc.units]


# --- 2. a decision read from a scan: the rule under the subject lost, a title read in capitals ----

DECISION = """TỈNH ỦY HẢI LÂM | ĐẢNG CỘNG SẢN VIỆT NAM

Số 45-QĐ/TU | Hải Lâm, ngày 02 tháng 4 năm 2024

QUYẾT ĐỊNH
thành lập Tổ công tác về chuyển đổi số

BAN THƯỜNG VỤ TỈNH ỦY
- Căn cứ Điều lệ Đảng;
- Xét đề nghị của Văn phòng Tỉnh ủy,

QUYẾT ĐỊNH
Điều 1. Thành lập Tổ công tác về chuyển đổi số của Tỉnh ủy.

Điều 2. Văn phòng Tỉnh ủy căn cứ Quyết định thi hành.

Nơi nhận:
- Như Điều 2,
- Lưu VPTU.

T/M BAN THƯỜNG VỤ
PHÓ BÍ THƯ THƯỜNG TRỤC

Nguyễn Thị Hạnh
"""


def test_authority_above_the_grounds_is_not_part_of_the_subject() -> None:
    doc = parse(DECISION)
    assert doc.metadata.title == "thành lập Tổ công tác về chuyển đổi số"
    authority = next(u for u in doc.units if u.text == "BAN THƯỜNG VỤ TỈNH ỦY")
    assert authority.kind == "heading"
    assert [u.heading for u in doc.units if u.text.startswith("- Căn cứ")] == ["BAN THƯỜNG VỤ TỈNH ỦY"]


def test_signer_title_misread_in_capitals_is_written_as_the_known_title() -> None:
    signer = parse(DECISION).metadata.signer
    assert signer == Signer("Nguyễn Thị Hạnh", "Phó Bí thư Thường trực", "T/M Ban Thường vụ")


# --- 4. "BAN THƯỜNG VỤ" under the committee's name, the number line first -------------------------

DIRECTIVE = """Số 07-CT/TU                                   Hải Lâm, ngày 10 tháng 5 năm 2024

TỈNH ỦY HẢI LÂM
BAN THƯỜNG VỤ
*
ĐẢNG CỘNG SẢN VIỆT NAM

CHỈ THỊ
về phòng, chống sạt lở đất
-----

Ban Thường vụ Tỉnh ủy yêu cầu các cấp ủy rà soát vùng nguy cơ.
"""


def test_standing_committee_under_the_committee_name_keeps_the_committee() -> None:
    md = parse(DIRECTIVE).metadata
    assert (md.doc_type, md.number, md.date, md.issuer) == (
        "Chỉ thị",
        "07-CT/TU",
        "2024-05-10",
        "Ban Thường vụ Tỉnh ủy Hải Lâm",
    )


# --- 3. a DOCX plan: task table with group rows, Nơi nhận and signature typed with line breaks ----


def _plan_docx(path: Path) -> Path:
    document = docx.Document()
    document.add_paragraph("KẾ HOẠCH")
    document.add_paragraph("thực hiện Chỉ thị số 07-CT/TU về phòng, chống sạt lở đất")
    document.add_paragraph("I. PHÂN CÔNG NHIỆM VỤ")
    rows = [
        ("STT", "Nội dung", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian hoàn thành"),
        ("I", "RÀ SOÁT", "", "", ""),
        ("1", "Lập bản đồ vùng nguy cơ", "Các đảng ủy xã", "Sở Nông nghiệp", "Tháng 6/2024"),
        ("2", "Cắm biển cảnh báo", "Đảng ủy UBND tỉnh", "Các đảng ủy xã", "Tháng 7/2024"),
        ("II", "DI DỜI DÂN CƯ", "", "", ""),
        ("3", "Di dời các hộ ở vùng nguy cơ cao", "Các đảng ủy xã", "Tỉnh đoàn", "Năm 2025"),
    ]
    table = document.add_table(rows=len(rows), cols=5)
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            if text:
                table.cell(r, c).text = text
    for r in (1, 4):  # a group row: its name merged across the four columns after the number
        table.cell(r, 1).merge(table.cell(r, 4))
    document.add_paragraph("II. TỔ CHỨC THỰC HIỆN")
    document.add_paragraph("Văn phòng Tỉnh ủy theo dõi, đôn đốc thực hiện Kế hoạch này.")
    closing = document.add_table(rows=1, cols=2)
    for cell, lines in zip(
        closing.rows[0].cells,
        (
            ["Nơi nhận:", "- Thường trực Tỉnh ủy,", "- Lưu VPTU."],
            ["T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ THƯỜNG TRỰC", "", "", "Nguyễn Thị Hạnh"],
        ),
        strict=True,
    ):
        run = cell.paragraphs[0].add_run(lines[0])
        for line in lines[1:]:  # one paragraph, its lines split by Shift+Enter
            run.add_break(WD_BREAK.LINE)
            run.add_text(line)
    document.save(str(path))
    return path


def test_docx_closing_typed_with_line_breaks_gives_signer_and_cc_units(tmp_path: Path) -> None:
    doc = parse_document(read_file(_plan_docx(tmp_path / "ke-hoach.docx")), "kh")
    md = doc.metadata
    assert md.signer == Signer("Nguyễn Thị Hạnh", "Phó Bí thư Thường trực", "T/M Ban Thường vụ")
    assert md.cc == ("Thường trực Tỉnh ủy,", "Lưu VPTU.")
    kinds = {u.kind: u.text for u in doc.units if u.kind in ("cc", "signature")}
    assert kinds["cc"].startswith("Nơi nhận:") and "T/M" not in kinds["cc"]
    assert kinds["signature"].startswith("T/M BAN THƯỜNG VỤ") and kinds["signature"].endswith(
        "Nguyễn Thị Hạnh"
    )


def test_task_table_group_rows_head_their_tasks(tmp_path: Path) -> None:
    doc = parse_document(read_file(_plan_docx(tmp_path / "ke-hoach.docx")), "kh")
    rows = [(u.kind, u.label, u.heading.rsplit(" > ", 1)[-1]) for u in doc.units if "|" in u.text]
    assert rows[1:] == [
        ("heading", "I.I", "STT | Cơ quan chủ trì | Nội dung | Cơ quan phối hợp | Thời gian hoàn thành"),
        ("table_row", "I.I.1", "I. RÀ SOÁT"),
        ("table_row", "I.I.2", "I. RÀ SOÁT"),
        ("heading", "I.II", "STT | Cơ quan chủ trì | Nội dung | Cơ quan phối hợp | Thời gian hoàn thành"),
        ("table_row", "I.II.3", "II. DI DỜI DÂN CƯ"),
    ]
    labels = [u.label for u in doc.units if "|" in u.text][1:]
    assert len(labels) == len(set(labels))


# --- 5. replacement in a clause of its own; laws cited by name and year ---------------------------

RULE = """QUY ĐỊNH
về tiếp công dân
-----

- Căn cứ Điều lệ Đảng và Luật Tiếp công dân năm 2013;
- Căn cứ Bộ luật Lao động 2019;

Điều 1. Phạm vi điều chỉnh
Quy định này áp dụng đối với cấp ủy các cấp.

Điều 2. Hiệu lực thi hành
Quy định này có hiệu lực từ ngày ký; thay thế Quy định số 05-QĐ/TU ngày 01/3/2019 của Ban Thường vụ Tỉnh ủy.
"""


def test_replacement_after_a_semicolon_has_the_subject_of_its_sentence() -> None:
    refs = {r.number: r.relation for r in parse(RULE).references if r.number}
    assert refs == {"05-QĐ/TU": "replaces"}


def test_laws_cited_by_name_and_year_are_references_of_the_grounds() -> None:
    refs = [(r.relation, r.doc_type, r.title) for r in parse(RULE).references if not r.number]
    assert refs == [
        ("based_on", "Luật", "Luật Tiếp công dân năm 2013"),
        ("based_on", "Bộ luật", "Bộ luật Lao động năm 2019"),
    ]


def test_law_cited_by_name_and_year_resolves_to_that_law_of_that_year() -> None:
    def law(doc_id: str, number: str, title: str) -> Document:
        return Document(id=doc_id, sha256="", format="txt", metadata=Metadata("Luật", number, title=title))

    (ref,) = [r for r in parse(RULE).references if r.doc_type == "Luật"]
    library = [
        law("dat-dai", "45/2013/QH13", "Đất đai"),
        law("tiep-cong-dan", "42/2013/QH13", "Tiếp công dân"),
    ]
    assert resolve_reference(ref, library) == "tiep-cong-dan"
    assert resolve_reference(ref, [law("tiep-cong-dan-2030", "10/2030/QH16", "Tiếp công dân")]) is None
