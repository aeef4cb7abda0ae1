#!/usr/bin/env python3
"""Build corpus/ke-hoach-19-kh-tu-2025.docx (python-docx) from source/ke-hoach-19-kh-tu-2025.txt.

Header: a borderless 2-column table. Body paragraphs as in the source. The task table sits IN THE BODY
under section II (TT | Nội dung công việc | Đơn vị chủ trì | Đơn vị phối hợp | Thời gian hoàn thành,
ruled grid, 12 rows). Nơi nhận / signature: a borderless 2-column table. Deterministic bytes: the zip is
rewritten with fixed timestamps and fixed core properties.
Run: .venv/bin/python bench/dev5/build/build_docx.py
"""

import datetime
import io
import zipfile

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt

from common import CORPUS, SOURCE, split_blocks

NAME = "ke-hoach-19-kh-tu-2025"
FIXED = datetime.datetime(2025, 9, 5, 8, 0, 0)


def cell_text(cell, text, bold=False, size=11, align=WD_ALIGN_PARAGRAPH.CENTER):
    p = cell.paragraphs[0]
    p.alignment = align
    r = p.add_run(text)
    r.bold, r.font.size = bold, Pt(size)


def main():
    text = (SOURCE / f"{NAME}.txt").read_text(encoding="utf-8")
    header, body, signature = split_blocks(text)
    d = Document()
    st = d.styles["Normal"]
    st.font.name, st.font.size = "Times New Roman", Pt(13)
    d.core_properties.author = ""
    d.core_properties.created = FIXED
    d.core_properties.modified = FIXED
    d.core_properties.last_modified_by = ""
    d.core_properties.revision = 1

    t = d.add_table(rows=len(header), cols=2)
    for i, (left, right) in enumerate(header):
        cell_text(t.cell(i, 0), left, bold=i < 2, size=12)
        cell_text(t.cell(i, 1), right, bold=i == 0, size=12)
    i = 0
    title_lines = 0
    while i < len(body):
        ln = body[i]
        if ln.count(" | ") >= 4:  # task table
            rows = []
            while i < len(body) and body[i].count(" | ") >= 4:
                rows.append([c.strip() for c in body[i].split(" | ")])
                i += 1
            tab = d.add_table(rows=len(rows), cols=len(rows[0]))
            tab.style = "Table Grid"
            widths = [Cm(1.0), Cm(6.0), Cm(3.2), Cm(3.4), Cm(2.8)]
            for r, row in enumerate(rows):
                for c, val in enumerate(row):
                    cell = tab.cell(r, c)
                    cell.width = widths[c]
                    align = WD_ALIGN_PARAGRAPH.LEFT if c == 1 and r else WD_ALIGN_PARAGRAPH.CENTER
                    cell_text(cell, val, bold=r == 0, size=11, align=align)
            continue
        i += 1
        if not ln.strip():
            continue
        p = d.add_paragraph()
        if title_lines < 2:
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            p.add_run(ln).bold = True
            title_lines += 1
            continue
        run = p.add_run(ln)
        if ln.split(". ")[0] in {"I", "II", "III"}:
            run.bold = True
        else:
            p.paragraph_format.first_line_indent = Cm(1)
    t = d.add_table(rows=len(signature), cols=2)
    for i, (left, right) in enumerate(signature):
        cell_text(t.cell(i, 0), left, bold=i == 0, size=11, align=WD_ALIGN_PARAGRAPH.LEFT)
        cell_text(t.cell(i, 1), right, bold=i != 2, size=12)
    buf = io.BytesIO()
    d.save(buf)
    out = CORPUS / f"{NAME}.docx"
    with (
        zipfile.ZipFile(io.BytesIO(buf.getvalue())) as zin,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout,
    ):
        for item in sorted(zin.infolist(), key=lambda z: z.filename != "[Content_Types].xml"):
            info = zipfile.ZipInfo(item.filename, date_time=(2025, 9, 5, 8, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            zout.writestr(info, zin.read(item.filename))
    print("wrote", out)


if __name__ == "__main__":
    main()
