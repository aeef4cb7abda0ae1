#!/usr/bin/env python3
"""Build corpus/ke-hoach-23-kh-du-ubnd-tinh-2025.docx (python-docx) from source/ke-hoach-23-kh-du-ubnd-tinh-2025.txt.

As a provincial Party committee's office types it in Word: the HEADER BLOCK (issuer, number | quốc
hiệu, place and date) is a borderless 2-column table; the body has a ruled TASK TABLE of 5 columns
(TT | Nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời hạn) whose header row is marked "repeat as
header row at the top of each page" (w:tblHeader) and runs over a page break, with GROUP ROWS merged
across all five columns ("I. LĨNH VỰC THỦY LỢI", source lines "G: …"); "Nơi nhận" and the signature
are another borderless 2-column table. Deterministic bytes: the zip is rewritten with fixed timestamps.
Run: .venv/bin/python bench/dev7/build/build_docx.py
"""

import datetime
import io
import zipfile

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from common import CORPUS, SOURCE, split_blocks

NAME = "ke-hoach-23-kh-du-ubnd-tinh-2025"
FIXED = datetime.datetime(2025, 10, 20, 8, 0, 0)
WIDTHS = (Cm(1.0), Cm(6.0), Cm(3.2), Cm(3.2), Cm(2.6))


def cell_text(cell, text, bold=False, size=13, align=WD_ALIGN_PARAGRAPH.CENTER, italic=False):
    p = cell.paragraphs[0]
    p.alignment = align
    r = p.add_run(text)
    r.bold, r.italic, r.font.size = bold, italic, Pt(size)


def two_col(doc, rows, left_bold, right_bold, left_align=WD_ALIGN_PARAGRAPH.CENTER):
    t = doc.add_table(rows=len(rows), cols=2)
    for i, (left, right) in enumerate(rows):
        cell_text(t.cell(i, 0), left, bold=left_bold(i, left), size=12 if left.startswith("-") else 13,
                  align=left_align if i else WD_ALIGN_PARAGRAPH.LEFT if left_align != WD_ALIGN_PARAGRAPH.CENTER
                  else WD_ALIGN_PARAGRAPH.CENTER)
        cell_text(t.cell(i, 1), right, bold=right_bold(i, right), italic="ngày" in right)
    return t


def repeat_header(row):
    tr_pr = row._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    tr_pr.append(el)


def task_table(doc, lines):
    rows = [ln for ln in lines]
    t = doc.add_table(rows=len(rows), cols=5)
    t.style = "Table Grid"
    for i, ln in enumerate(rows):
        row = t.rows[i]
        if ln.startswith("G: "):
            merged = row.cells[0].merge(row.cells[4])
            cell_text(merged, ln[3:], bold=True, size=12, align=WD_ALIGN_PARAGRAPH.LEFT)
            continue
        cells = [c.strip() for c in ln.split(" | ")]
        for k, c in enumerate(cells):
            align = WD_ALIGN_PARAGRAPH.LEFT if k == 1 and i else WD_ALIGN_PARAGRAPH.CENTER
            cell_text(row.cells[k], c, bold=(i == 0), size=12, align=align)
        if i == 0:
            repeat_header(row)
    for row in t.rows:
        for k, c in enumerate(row.cells):
            c.width = WIDTHS[min(k, 4)]
    return t


def build():
    text = (SOURCE / f"{NAME}.txt").read_text(encoding="utf-8")
    header, body, signature = split_blocks(text)
    doc = Document()
    sec = doc.sections[0]
    sec.page_height, sec.page_width = Cm(29.7), Cm(21.0)
    sec.left_margin, sec.right_margin, sec.top_margin, sec.bottom_margin = Cm(3), Cm(2), Cm(2), Cm(2)
    style = doc.styles["Normal"]
    style.font.name, style.font.size = "Times New Roman", Pt(14)
    two_col(doc, header, lambda i, s: i < 2, lambda i, s: i == 0)
    doc.add_paragraph()
    i = 0
    title = 0
    while i < len(body):
        ln = body[i]
        if ln.count(" | ") >= 4:
            j = i
            while j < len(body) and (body[j].count(" | ") >= 4 or body[j].startswith("G: ")):
                j += 1
            task_table(doc, body[i:j])
            i = j
            continue
        i += 1
        if title < 3:
            p = doc.add_paragraph()
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            r = p.add_run(ln)
            r.bold, r.font.size = True, Pt(15 if title == 0 else 14)
            title += 1
            continue
        p = doc.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        if ln.split(".")[0] in {"I", "II", "III"}:
            p.add_run(ln).bold = True
        else:
            p.paragraph_format.first_line_indent = Cm(1.27)
            p.add_run(ln)
    doc.add_paragraph()
    two_col(doc, signature, lambda i, s: i == 0, lambda i, s: s != "(đã ký)",
            left_align=WD_ALIGN_PARAGRAPH.LEFT)
    doc.core_properties.created = doc.core_properties.modified = FIXED
    doc.core_properties.author = doc.core_properties.last_modified_by = ""
    doc.core_properties.revision = 1
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def main():
    data = build()
    out = CORPUS / f"{NAME}.docx"
    src = zipfile.ZipFile(io.BytesIO(data))
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info in sorted(src.infolist(), key=lambda x: x.filename):
            zi = zipfile.ZipInfo(info.filename, date_time=FIXED.timetuple()[:6])
            zi.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(zi, src.read(info.filename))
    print("wrote", out)


if __name__ == "__main__":
    main()
