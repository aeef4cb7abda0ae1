"""DOCX text boxes: the header block laid out in two floating text boxes, as Word 2010+ saves them
(mc:AlternateContent: a DrawingML wps:txbx in mc:Choice, a VML v:textbox copy in mc:Fallback)."""

from __future__ import annotations

from pathlib import Path

import docx
from docx.oxml import parse_xml

from ingest.parser import parse_document
from ingest.reader import read_file

_NS = (
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'xmlns:v="urn:schemas-microsoft-com:vml"'
)


def _content(lines: list[str]) -> str:
    return (
        "<w:txbxContent>"
        + "".join(f"<w:p><w:r><w:t>{x}</w:t></w:r></w:p>" for x in lines)
        + "</w:txbxContent>"
    )


def _box_run(lines: list[str], left_emu: int) -> str:
    """A run holding one text box the Word 2010+ way: DrawingML choice and VML fallback."""
    return (
        f'<w:r {_NS}><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing>'
        f'<wp:anchor simplePos="0" relativeHeight="1" behindDoc="0" locked="0" layoutInCell="1"'
        f' allowOverlap="1">'
        f'<wp:simplePos x="0" y="0"/><wp:positionH relativeFrom="margin">'
        f"<wp:posOffset>{left_emu}</wp:posOffset>"
        f'</wp:positionH><wp:positionV relativeFrom="paragraph"><wp:posOffset>0</wp:posOffset></wp:positionV>'
        f'<wp:extent cx="2340000" cy="936000"/><wp:wrapNone/><wp:docPr id="{left_emu + 1}" name="Text Box"/>'
        f'<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
        f'<wps:wsp><wps:cNvSpPr txBox="1"/><wps:spPr/><wps:txbx>{_content(lines)}</wps:txbx><wps:bodyPr/>'
        f"</wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>"
        f'<mc:Fallback><w:pict><v:shape style="position:absolute"><v:textbox>{_content(lines)}'
        f"</v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>"
    )


ISSUER = ["TỈNH ỦY KRÔNG BA", "*", "Số 27-KH/TU"]
MOTTO = ["ĐẢNG CỘNG SẢN VIỆT NAM", "Krông Ba, ngày 05 tháng 12 năm 2025"]


def _plan(path: Path, runs: list[str]) -> Path:
    document = docx.Document()
    anchor = document.add_paragraph()
    for run in runs:
        anchor._p.append(parse_xml(run))
    document.add_paragraph("KẾ HOẠCH")
    document.add_paragraph("bảo đảm an ninh, trật tự khu vực biên giới dịp Tết Nguyên đán")
    document.add_paragraph("I. MỤC ĐÍCH, YÊU CẦU")
    document.add_paragraph("1. Nắm chắc tình hình, không để xảy ra bất ngờ.")
    document.save(str(path))
    return path


def test_text_boxes_are_read_once_one_line_per_paragraph(tmp_path: Path) -> None:
    raw = read_file(_plan(tmp_path / "kh.docx", [_box_run(ISSUER, 0), _box_run(MOTTO, 2592000)]))
    head = raw.text.split("KẾ HOẠCH")[0]
    assert head.split("\n\n")[:2] == ["\n".join(ISSUER), "\n".join(MOTTO)]
    assert raw.text.count("Số 27-KH/TU") == 1


def test_two_text_boxes_at_the_top_are_the_header_block(tmp_path: Path) -> None:
    # Drawn right box first: they are read left to right, issuer and number before the quốc hiệu.
    path = _plan(tmp_path / "kh.docx", [_box_run(MOTTO, 2592000), _box_run(ISSUER, 0)])
    raw = read_file(path)
    assert raw.text.index("TỈNH ỦY KRÔNG BA") < raw.text.index("ĐẢNG CỘNG SẢN")
    meta = parse_document(raw, path.name).metadata
    assert (meta.doc_type, meta.number, meta.date) == ("Kế hoạch", "27-KH/TU", "2025-12-05")
    assert meta.issuer == "Tỉnh ủy Krông Ba"


def test_vml_text_box_without_alternate_content_is_read(tmp_path: Path) -> None:
    shape = f'<v:shape style="position:absolute"><v:textbox>{_content(ISSUER)}</v:textbox></v:shape>'
    vml = f"<w:r {_NS}><w:pict>{shape}</w:pict></w:r>"
    raw = read_file(_plan(tmp_path / "kh.docx", [vml]))
    assert raw.text.startswith("\n".join(ISSUER) + "\n\n")


def test_text_box_in_a_table_cell_is_read_once(tmp_path: Path) -> None:
    document = docx.Document()
    cell = document.add_table(rows=1, cols=2).rows[0].cells[0]
    cell.paragraphs[0]._p.append(parse_xml(_box_run(ISSUER, 0)))
    document.add_paragraph("Nội dung kế hoạch.")
    path = tmp_path / "cell.docx"
    document.save(str(path))
    text = read_file(path).text
    assert text.count("Số 27-KH/TU") == 1 and "TỈNH ỦY KRÔNG BA\n*\nSố 27-KH/TU" in text


def test_numbered_paragraph_in_a_text_box_is_counted_once(tmp_path: Path) -> None:
    # Word counts a numbered paragraph of a text box once: its VML fallback copy is not counted.
    numbered = '<w:p><w:pPr><w:pStyle w:val="ListNumber"/></w:pPr><w:r><w:t>Mục trong khung</w:t></w:r></w:p>'
    run = _box_run(["x"], 0).replace("<w:p><w:r><w:t>x</w:t></w:r></w:p>", numbered)
    document = docx.Document()
    document.add_paragraph()._p.append(parse_xml(run))
    document.add_paragraph("Mục thứ hai", style="List Number")
    document.add_paragraph("Mục thứ ba", style="List Number")
    path = tmp_path / "so.docx"
    document.save(str(path))
    assert read_file(path).text.split("\n\n") == ["1. Mục trong khung", "2. Mục thứ hai", "3. Mục thứ ba"]
