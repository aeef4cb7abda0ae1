#!/usr/bin/env python3
"""Build corpus/ke-hoach-27-kh-tu-2025.docx (python-docx + raw WordprocessingML) from source/.

As an office clerk lays the header out in Word with Insert > Text Box: the issuer and number block
("TỈNH ỦY KRÔNG BA / * / Số 27-KH/TU") is a TEXT BOX anchored at the top left, the quốc hiệu with place
and date another TEXT BOX at the top right; both anchored in the first (empty) body paragraph. Each box
is written the way Word 2010+ saves it: mc:AlternateContent with a DrawingML shape (wps:txbx) and a VML
fallback (v:textbox), so each box's w:txbxContent is present TWICE in document.xml. The body follows
as ordinary paragraphs; signature and Nơi nhận as plain paragraphs. Source prefixes: BOX-LEFT:,
BOX-RIGHT:, TITLE:, SUB:, H: (bold heading), SIG:, NN:; other lines are body paragraphs.
Deterministic bytes (zip rewritten with fixed timestamps). Run: .venv/bin/python bench/dev8/build/build_docx.py
"""

import io
import zipfile
from xml.sax.saxutils import escape

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from docx.shared import Cm, Pt

from common import CORPUS, SOURCE

NAME = "ke-hoach-27-kh-tu-2025"
FIXED = (2025, 12, 5, 8, 0, 0)
NS = (
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" '
    'xmlns:w10="urn:schemas-microsoft-com:office:word"'
)


def box_paragraphs(lines):
    out = []
    for i, ln in enumerate(lines):
        bold = "<w:b/>" if (i == 0 or ln.startswith("Số") is False and "ngày" not in ln) else ""
        italic = "<w:i/>" if "ngày" in ln else ""
        out.append(
            '<w:p><w:pPr><w:spacing w:after="0"/><w:jc w:val="center"/></w:pPr>'
            f'<w:r><w:rPr>{bold}{italic}<w:sz w:val="26"/></w:rPr><w:t xml:space="preserve">{escape(ln)}</w:t></w:r></w:p>'
        )
    return "".join(out)


def text_box_run(idx, lines, x_cm, width_cm, height_cm):
    emu = 360000
    x, cx, cy = int(x_cm * emu), int(width_cm * emu), int(height_cm * emu)
    content = f"<w:txbxContent>{box_paragraphs(lines)}</w:txbxContent>"
    return parse_xml(
        f"<w:r {NS}><mc:AlternateContent><mc:Choice Requires=\"wps\"><w:drawing>"
        f'<wp:anchor distT="0" distB="0" distL="114300" distR="114300" simplePos="0" relativeHeight="{251659264 + idx}" '
        'behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1">'
        '<wp:simplePos x="0" y="0"/>'
        f'<wp:positionH relativeFrom="margin"><wp:posOffset>{x}</wp:posOffset></wp:positionH>'
        '<wp:positionV relativeFrom="paragraph"><wp:posOffset>0</wp:posOffset></wp:positionV>'
        f'<wp:extent cx="{cx}" cy="{cy}"/><wp:effectExtent l="0" t="0" r="0" b="0"/><wp:wrapNone/>'
        f'<wp:docPr id="{idx}" name="Text Box {idx}"/><wp:cNvGraphicFramePr/>'
        '<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
        '<wps:wsp><wps:cNvSpPr txBox="1"/><wps:spPr>'
        f'<a:xfrm><a:off x="0" y="0"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm>'
        '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:noFill/><a:ln><a:noFill/></a:ln></wps:spPr>'
        f"<wps:txbx>{content}</wps:txbx>"
        '<wps:bodyPr rot="0" vert="horz" wrap="square" lIns="91440" tIns="45720" rIns="91440" bIns="45720" anchor="t"/>'
        "</wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>"
        "<mc:Fallback><w:pict>"
        f'<v:shapetype id="_x0000_t{202 + idx}" coordsize="21600,21600" o:spt="202" path="m,l,21600r21600,l21600,xe">'
        '<v:stroke joinstyle="miter"/><v:path gradientshapeok="t" o:connecttype="rect"/></v:shapetype>'
        f'<v:shape id="Text Box {idx}" o:spid="_x0000_s{1025 + idx}" type="#_x0000_t{202 + idx}" filled="f" stroked="f" '
        f'style="position:absolute;margin-left:{x_cm}cm;margin-top:0;width:{width_cm}cm;height:{height_cm}cm;z-index:{idx};'
        'mso-position-horizontal-relative:margin;mso-position-vertical-relative:text">'
        f'<v:textbox>{content}</v:textbox><w10:wrap anchorx="margin"/></v:shape>'
        "</w:pict></mc:Fallback></mc:AlternateContent></w:r>"
    )


def para(doc, text, bold=False, italic=False, align=WD_ALIGN_PARAGRAPH.JUSTIFY, size=14, indent=True, after=4):
    p = doc.add_paragraph()
    p.alignment = align
    p.paragraph_format.space_after = Pt(after)
    if indent:
        p.paragraph_format.first_line_indent = Cm(1.0)
    r = p.add_run(text)
    r.bold, r.italic, r.font.size = bold, italic, Pt(size)
    return p


def build():
    lines = (SOURCE / f"{NAME}.txt").read_text(encoding="utf-8").rstrip("\n").split("\n")
    doc = Document()
    sec = doc.sections[0]
    sec.page_width, sec.page_height = Cm(21.0), Cm(29.7)
    sec.left_margin, sec.right_margin, sec.top_margin, sec.bottom_margin = Cm(3), Cm(2), Cm(2), Cm(2)
    style = doc.styles["Normal"]
    style.font.name, style.font.size = "Times New Roman", Pt(14)
    left = [ln[10:] for ln in lines if ln.startswith("BOX-LEFT: ")]
    right = [ln[11:] for ln in lines if ln.startswith("BOX-RIGHT: ")]
    anchor = doc.add_paragraph()
    anchor._p.append(text_box_run(1, left, 0.0, 6.5, 2.6))
    anchor._p.append(text_box_run(2, right, 7.2, 8.8, 2.0))
    for _ in range(4):  # room under the floating boxes
        doc.add_paragraph()
    sig, nn = [], []
    for ln in lines:
        tag, _, rest = ln.partition(": ")
        if tag in ("BOX-LEFT", "BOX-RIGHT"):
            continue
        if tag == "TITLE":
            para(doc, rest, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, indent=False, after=0)
        elif tag == "SUB":
            para(doc, rest, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, indent=False, after=0)
        elif tag == "H":
            para(doc, rest, bold=True, indent=True)
        elif ln.startswith("SIG:"):
            sig.append(ln[5:])
        elif tag == "NN":
            nn.append(rest)
        else:
            para(doc, ln)
    doc.add_paragraph()
    for s in sig:
        p = para(doc, s, bold=s != "(đã ký)", italic=s == "(đã ký)", indent=False, after=0)
        p.paragraph_format.left_indent = Cm(8.5)
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for i, s in enumerate(nn):
        para(doc, s, bold=i == 0, italic=i == 0, align=WD_ALIGN_PARAGRAPH.LEFT, size=14 if i == 0 else 12,
             indent=False, after=0)
    doc.core_properties.author = ""
    doc.core_properties.last_modified_by = ""
    import datetime

    doc.core_properties.created = doc.core_properties.modified = datetime.datetime(*FIXED)
    doc.core_properties.revision = 1
    buf = io.BytesIO()
    doc.save(buf)
    src = zipfile.ZipFile(io.BytesIO(buf.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info in sorted(src.infolist(), key=lambda i: i.filename):
            zi = zipfile.ZipInfo(info.filename, date_time=FIXED)
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = 0o644 << 16
            z.writestr(zi, src.read(info.filename))
    path = CORPUS / f"{NAME}.docx"
    path.write_bytes(out.getvalue())
    print("wrote", path)


if __name__ == "__main__":
    build()
