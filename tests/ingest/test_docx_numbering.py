"""Word automatic list numbering and heading styles in DOCX: the label Word shows is written before the
paragraph text, so the parser finds "II.", "1.", "a)" and "-" as in a typed text."""

from __future__ import annotations

import shutil
from pathlib import Path

import docx
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

from ingest.docx_numbering import format_number
from ingest.parser import parse_document
from ingest.reader import read_file

DATA = Path(__file__).resolve().parents[1] / "data"

# Definitions as Word writes them: a multilevel outline "I." / "1." / "a)", a bullet list (a Symbol
# glyph at level 0, a typed "+" at level 1), a decimal list "1." / "1.1." whose level 1 never restarts
# (lvlRestart 0), and a list bound to a paragraph style through w:pStyle.
ABSTRACTS = [
    """<w:abstractNum {ns} w:abstractNumId="70"><w:multiLevelType w:val="multilevel"/>
      <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%1."/></w:lvl>
      <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%2."/></w:lvl>
      <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%3)"/></w:lvl>
    </w:abstractNum>""",
    """<w:abstractNum {ns} w:abstractNumId="71"><w:multiLevelType w:val="hybridMultilevel"/>
      <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="\uf0b7"/>
        <w:rPr><w:rFonts w:ascii="Symbol" w:hAnsi="Symbol" w:hint="default"/></w:rPr></w:lvl>
      <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="+"/></w:lvl>
    </w:abstractNum>""",
    """<w:abstractNum {ns} w:abstractNumId="72"><w:multiLevelType w:val="multilevel"/>
      <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>
      <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2."/>
        <w:lvlRestart w:val="0"/></w:lvl>
    </w:abstractNum>""",
    """<w:abstractNum {ns} w:abstractNumId="73"><w:multiLevelType w:val="singleLevel"/>
      <w:lvl w:ilvl="0"><w:start w:val="4"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%1)"/>
        <w:pStyle w:val="Diem"/></w:lvl>
    </w:abstractNum>""",
]
# numId -> (abstractNumId, startOverride of level 0 or None)
NUMS = {"80": ("70", None), "81": ("71", None), "82": ("72", None), "83": ("72", 1), "84": ("73", None)}
# A list instance of the outline that redefines its level 1 (lvlOverride with a w:lvl): "%1.%2." shown
# the legal way (isLgl), the Roman level-0 number in decimal.
LEGAL_OVERRIDE = """<w:num {ns} w:numId="85"><w:abstractNumId w:val="70"/><w:lvlOverride w:ilvl="1">
  <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2."/>
    <w:isLgl/></w:lvl>
</w:lvlOverride></w:num>"""


def _numbered_docx(path: Path) -> Path:
    document = docx.Document()
    numbering = document.part.numbering_part.element
    first_num = numbering.find(qn("w:num"))
    for xml in ABSTRACTS:
        first_num.addprevious(parse_xml(xml.format(ns=nsdecls("w"))))
    for num_id, (abstract, start) in NUMS.items():
        override = (
            f'<w:lvlOverride w:ilvl="0"><w:startOverride w:val="{start}"/></w:lvlOverride>' if start else ""
        )
        numbering.append(
            parse_xml(
                f'<w:num {nsdecls("w")} w:numId="{num_id}">'
                f'<w:abstractNumId w:val="{abstract}"/>{override}</w:num>'
            )
        )
    numbering.append(parse_xml(LEGAL_OVERRIDE.format(ns=nsdecls("w"))))
    # A paragraph style that numbers its paragraphs itself (the numPr is in the style, not the paragraph).
    diem = document.styles.add_style("Diem", WD_STYLE_TYPE.PARAGRAPH)
    diem.element.get_or_add_pPr().append(
        parse_xml(f'<w:numPr {nsdecls("w")}><w:numId w:val="84"/></w:numPr>')
    )

    def add(text: str, num_id: str | None = None, level: int = 0, style: str | None = None) -> None:
        p = document.add_paragraph(text, style=style)
        if num_id is not None:
            p._p.get_or_add_pPr().append(
                parse_xml(
                    f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/><w:numId w:val="{num_id}"/></w:numPr>'
                )
            )

    add("KẾ HOẠCH")
    add("phân loại rác tại nguồn")
    add("Ban Thường vụ ban hành Kế hoạch như sau.")
    add("Mục đích, yêu cầu", "80", 0)
    add("Nâng cao nhận thức của cán bộ, đảng viên.", "80", 1)
    add("Phân loại rác tại nguồn:", "80", 1)
    add("Hộ gia đình phân loại thành ba nhóm;", "80", 2)
    add("Cơ sở kinh doanh ký hợp đồng thu gom.", "80", 2)
    add("Mỗi tổ dân phố chọn một hộ làm mẫu;", "81", 0)
    add("hộ làm mẫu được biểu dương.", "81", 1)
    add("Nhiệm vụ", "80", 0)
    add("Sở Xây dựng bố trí điểm tập kết rác tái chế.", "80", 1)
    add("", "80", 1)  # an empty numbered paragraph: Word counts it, shows nothing worth reading
    add("Thành đoàn lập đội tình nguyện.", "80", 1)
    add("Sở Tài chính bảo đảm kinh phí;", "84", style="Diem")
    add("Sở Tư pháp thẩm định văn bản.", "84", style="Diem")
    add("Kiểm tra, giám sát", "85", 0)  # another instance of the outline, no restart: it goes on
    add("Ủy ban Kiểm tra giám sát việc thực hiện.", "85", 1)
    add("Tổ chức thực hiện", style="Heading 1")
    add("Các cơ quan báo cáo kết quả.", "82", 0)
    add("Báo cáo quý.", "82", 1)
    add("Văn phòng tổng hợp.", "82", 0)
    add("Báo cáo năm.", "82", 1)  # lvlRestart 0: level 1 goes on counting under a new level 0
    add("Danh sách này không đánh số.", "0", 0)  # numId 0 switches numbering off
    add("Đợt hai bắt đầu lại.", "83", 0)  # same list definition, startOverride 1: back to 1
    table = document.add_table(rows=1, cols=1)
    cell_p = table.cell(0, 0).paragraphs[0]
    cell_p.add_run("Ô bảng đánh số.")
    cell_p._p.get_or_add_pPr().append(
        parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="0"/><w:numId w:val="83"/></w:numPr>')
    )
    add("Sau bảng.", "83", 0)
    document.save(str(path))
    return path


def test_word_list_numbers_and_heading_styles_are_written_into_the_text(tmp_path: Path) -> None:
    raw = read_file(_numbered_docx(tmp_path / "ke-hoach.docx"))
    assert raw.text.split("\n\n") == [
        "KẾ HOẠCH",
        "phân loại rác tại nguồn",
        "Ban Thường vụ ban hành Kế hoạch như sau.",
        "I. Mục đích, yêu cầu",
        "1. Nâng cao nhận thức của cán bộ, đảng viên.",
        "2. Phân loại rác tại nguồn:",
        "a) Hộ gia đình phân loại thành ba nhóm;",
        "b) Cơ sở kinh doanh ký hợp đồng thu gom.",
        "- Mỗi tổ dân phố chọn một hộ làm mẫu;",  # a Symbol-font bullet shows as a dash
        "+ hộ làm mẫu được biểu dương.",
        "II. Nhiệm vụ",
        "1. Sở Xây dựng bố trí điểm tập kết rác tái chế.",  # restarts under the new level-0 item
        "3. Thành đoàn lập đội tình nguyện.",  # the empty numbered paragraph took "2."
        "d) Sở Tài chính bảo đảm kinh phí;",  # numbering from the paragraph style, start 4
        "e) Sở Tư pháp thẩm định văn bản.",
        "III. Kiểm tra, giám sát",  # numbering goes on across the w:num instances of one abstractNum
        "3.1. Ủy ban Kiểm tra giám sát việc thực hiện.",
        "## Tổ chức thực hiện",  # Heading 1, unnumbered: a section heading
        "1. Các cơ quan báo cáo kết quả.",
        "1.1. Báo cáo quý.",
        "2. Văn phòng tổng hợp.",
        "2.2. Báo cáo năm.",
        "Danh sách này không đánh số.",
        "1. Đợt hai bắt đầu lại.",
        "2. Ô bảng đánh số.",  # a numbered paragraph in a table cell counts in reading order
        "3. Sau bảng.",
    ]


def test_numbered_docx_parses_into_labelled_units(tmp_path: Path) -> None:
    raw = read_file(_numbered_docx(tmp_path / "ke-hoach.docx"))
    units = parse_document(raw, "ke-hoach.docx").units
    labelled = [(u.kind, u.label) for u in units if u.label]
    assert labelled[:7] == [
        ("section", "I"),
        ("item", "I.1"),
        ("item", "I.2"),
        ("subitem", "I.2.a"),
        ("subitem", "I.2.b"),
        ("dash", "I.2.b"),
        ("dash", "I.2.b"),
    ]
    assert ("item", "II.3") in labelled and ("subitem", "II.3.d") in labelled
    assert ("section", "III") in labelled and ("item", "III.3.1") in labelled
    tochuc = next(u for u in units if u.kind == "heading" and "Tổ chức thực hiện" in u.text)
    after = units[tochuc.ordinal + 1]
    assert (
        after.kind == "item" and after.heading == "Tổ chức thực hiện" and after.text.startswith("1. Các cơ")
    )


def test_plan_numbered_by_word_gets_its_sections_items_and_subitems(tmp_path: Path) -> None:
    # The dev6 plan (bench/dev6/build/build_docx.py): Heading 1 numbered I., II., III. by one list,
    # items "1." in a new list instance per section, sub-items "a)" at level 1. No number is typed.
    path = tmp_path / "ke-hoach-12-kh-du-ubnd-tp-2025.docx"
    shutil.copy(DATA / path.name, path)
    units = parse_document(read_file(path), path.name).units
    by_label = {u.label: u for u in units if u.label}
    assert [lab for lab in by_label if lab.split(".")[0] == "II"] == [
        "II", "II.1", "II.1.a", "II.1.b", "II.1.c", "II.2", "II.3", "II.4", "II.5",
    ]  # fmt: skip
    assert list(by_label)[:4] == ["I", "I.1", "I.2", "I.3"] and "III.2" in by_label
    sub = by_label["II.1.a"]
    assert sub.kind == "subitem" and sub.text.startswith("a) Trình UBND Thành phố quy định giá dịch vụ")
    assert (
        sub.heading
        == "II. Nhiệm vụ của các tổ chức đảng > 1. Đảng bộ Sở Nông nghiệp và Môi trường lãnh đạo Sở:"
    )


def test_list_number_formats_as_word_shows_them() -> None:
    assert [format_number(n, "upperRoman") for n in (1, 4, 9, 14, 40)] == ["I", "IV", "IX", "XIV", "XL"]
    assert [format_number(n, "lowerLetter") for n in (1, 4, 26, 27, 28)] == ["a", "d", "z", "aa", "bb"]
    assert format_number(3, "upperLetter") == "C" and format_number(7, "decimalZero") == "07"
    assert format_number(5, "none") == "" and format_number(5, "ordinalText") == "5"
    # a start value no real list has stays a short decimal number
    assert format_number(10**9, "lowerLetter") == "1000000000" and format_number(4000, "upperRoman") == "4000"
