#!/usr/bin/env python3
"""Build corpus/ke-hoach-12-kh-du-ubnd-tp-2025.docx (python-docx) from source/ke-hoach-12-kh-du-ubnd-tp-2025.txt.

The list numbers come from Word's AUTOMATIC NUMBERING (word/numbering.xml, w:numPr on each paragraph),
as Word writes a list typed with its numbering button: the labels "I.", "1.", "a)" are NOT in the
paragraph text. Source markers: "H: " a section heading (style Heading 1, numbered I., II., III. by one
list), "N: " a numbered item (List Paragraph, "1." — a new list instance per section, so numbering
restarts at 1), "NN: " a sub-item ("a)", level 1 of the same list). Header and Nơi nhận / signature are
borderless 2-column tables. Deterministic bytes: the zip is rewritten with fixed timestamps.
Run: .venv/bin/python bench/dev6/build/build_docx.py
"""

import datetime
import io
import zipfile

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Pt, RGBColor

from common import CORPUS, SOURCE, split_blocks

NAME = "ke-hoach-12-kh-du-ubnd-tp-2025"
FIXED = datetime.datetime(2025, 10, 3, 8, 0, 0)
HEAD_ABS, LIST_ABS = 90, 91

ABSTRACT = f"""
<w:abstractNum {nsdecls("w")} w:abstractNumId="{HEAD_ABS}">
  <w:multiLevelType w:val="singleLevel"/>
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%1."/>
    <w:lvlJc w:val="left"/><w:pPr><w:ind w:left="567" w:hanging="567"/></w:pPr></w:lvl>
</w:abstractNum>|
<w:abstractNum {nsdecls("w")} w:abstractNumId="{LIST_ABS}">
  <w:multiLevelType w:val="multilevel"/>
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/>
    <w:lvlJc w:val="left"/><w:pPr><w:ind w:left="0" w:firstLine="567"/></w:pPr></w:lvl>
  <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%2)"/>
    <w:lvlJc w:val="left"/><w:pPr><w:ind w:left="0" w:firstLine="851"/></w:pPr></w:lvl>
</w:abstractNum>"""


def cell_text(cell, text, bold=False, size=12, align=WD_ALIGN_PARAGRAPH.CENTER):
    p = cell.paragraphs[0]
    p.alignment = align
    r = p.add_run(text)
    r.bold, r.font.size = bold, Pt(size)


def add_num(numbering, num_id, abstract_id):
    numbering.append(
        parse_xml(
            f'<w:num {nsdecls("w")} w:numId="{num_id}"><w:abstractNumId w:val="{abstract_id}"/>'
            f'<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>'
        )
    )


def set_num(paragraph, num_id, level):
    ppr = paragraph._p.get_or_add_pPr()
    ppr.append(parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/><w:numId w:val="{num_id}"/></w:numPr>'))


def main():
    text = (SOURCE / f"{NAME}.txt").read_text(encoding="utf-8")
    header, body, signature = split_blocks(text)
    d = Document()
    st = d.styles["Normal"]
    st.font.name, st.font.size = "Times New Roman", Pt(14)
    h1 = d.styles["Heading 1"]
    h1.font.name, h1.font.size, h1.font.bold = "Times New Roman", Pt(14), True
    h1.font.color.rgb = RGBColor(0, 0, 0)
    d.core_properties.author = ""
    d.core_properties.created = FIXED
    d.core_properties.modified = FIXED
    d.core_properties.last_modified_by = ""
    d.core_properties.revision = 1
    numbering = d.part.numbering_part.element
    first_num = numbering.find(qn("w:num"))
    for xml in ABSTRACT.split("|"):
        first_num.addprevious(parse_xml(xml.strip()))
    next_id = 90
    head_num = next_id
    add_num(numbering, head_num, HEAD_ABS)
    list_num = None

    t = d.add_table(rows=len(header), cols=2)
    for i, (left, right) in enumerate(header):
        cell_text(t.cell(i, 0), left, bold=i < 2)
        cell_text(t.cell(i, 1), right, bold=i == 0)
    title_lines = 0
    for ln in body:
        if not ln.strip():
            continue
        if title_lines < 2:
            p = d.add_paragraph()
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            p.add_run(ln).bold = True
            title_lines += 1
            continue
        if ln.startswith("H: "):
            p = d.add_paragraph(ln[3:], style="Heading 1")
            set_num(p, head_num, 0)
            next_id += 1
            list_num = next_id
            add_num(numbering, list_num, LIST_ABS)
            continue
        if ln.startswith(("N: ", "NN: ")):
            level = 1 if ln.startswith("NN: ") else 0
            p = d.add_paragraph(ln.split(": ", 1)[1], style="List Paragraph")
            p.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
            set_num(p, list_num, level)
            continue
        p = d.add_paragraph(ln)
        p.paragraph_format.first_line_indent = Cm(1)
        p.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    t = d.add_table(rows=len(signature), cols=2)
    for i, (left, right) in enumerate(signature):
        cell_text(t.cell(i, 0), left, bold=i == 0, size=11, align=WD_ALIGN_PARAGRAPH.LEFT)
        cell_text(t.cell(i, 1), right, bold=i != 2)
    buf = io.BytesIO()
    d.save(buf)
    out = CORPUS / f"{NAME}.docx"
    with (
        zipfile.ZipFile(io.BytesIO(buf.getvalue())) as zin,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout,
    ):
        for item in sorted(zin.infolist(), key=lambda z: z.filename != "[Content_Types].xml"):
            info = zipfile.ZipInfo(item.filename, date_time=(2025, 10, 3, 8, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            zout.writestr(info, zin.read(item.filename))
    print("wrote", out)


if __name__ == "__main__":
    main()
