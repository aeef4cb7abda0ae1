#!/usr/bin/env python3
"""Build corpus/chuong-trinh-hanh-dong-12-ctr-du-2025.pdf (text layer) from source/.

A Chương trình hành động whose TASK MATRIX (TT | Nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời
gian hoàn thành, ruled grid, 12 pt) runs over TWO PAGES, the header row REPEATED at the top of page 2
(reportlab repeatRows=1) as Word's "repeat header row" prints it. Header and Nơi nhận / signature are
borderless 2-column tables (source lines "left | right"); "H: " lines are bold section headings; lines
with four " | " are table rows, the first the header row. Deterministic bytes (invariant mode).
Run: .venv/bin/python bench/dev8/build/build_table_pdf.py
"""

from xml.sax.saxutils import escape

from reportlab import rl_config

rl_config.invariant = 1

from reportlab.lib.colors import black  # noqa: E402
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT  # noqa: E402
from reportlab.lib.pagesizes import A4  # noqa: E402
from reportlab.lib.styles import ParagraphStyle  # noqa: E402
from reportlab.lib.units import mm  # noqa: E402
from reportlab.pdfbase import pdfmetrics  # noqa: E402
from reportlab.pdfbase.ttfonts import TTFont  # noqa: E402
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle  # noqa: E402

from common import CORPUS, SERIF, SERIF_BOLD, SOURCE  # noqa: E402

NAME = "chuong-trinh-hanh-dong-12-ctr-du-2025"
pdfmetrics.registerFont(TTFont("DVS", str(SERIF)))
pdfmetrics.registerFont(TTFont("DVSB", str(SERIF_BOLD)))
BODY = ParagraphStyle("b", fontName="DVS", fontSize=13, leading=19, alignment=TA_JUSTIFY, spaceAfter=4,
                      firstLineIndent=10 * mm)
HEAD = ParagraphStyle("h", parent=BODY, fontName="DVSB")
TITLE = ParagraphStyle("t", parent=BODY, fontName="DVSB", fontSize=14, alignment=TA_CENTER, firstLineIndent=0)
SUB = ParagraphStyle("s", parent=TITLE, fontSize=13, leading=18)
CELL = ParagraphStyle("c", fontName="DVS", fontSize=11.5, leading=14, alignment=TA_LEFT)
CELL_C = ParagraphStyle("cc", parent=CELL, alignment=TA_CENTER)
CELL_H = ParagraphStyle("ch", parent=CELL_C, fontName="DVSB")
HDR = ParagraphStyle("hd", fontName="DVS", fontSize=12.5, leading=15.5, alignment=TA_CENTER)
HDR_B = ParagraphStyle("hdb", parent=HDR, fontName="DVSB")
WIDTHS = [12 * mm, 60 * mm, 30 * mm, 34 * mm, 26 * mm]


def two_col(rows, bold_left, bold_right, left_style=HDR):
    data = []
    for i, (a, b) in enumerate(rows):
        ls = ParagraphStyle("l", parent=left_style, fontName="DVSB" if bold_left(i, a) else left_style.fontName)
        rs = ParagraphStyle("r", parent=HDR, fontName="DVSB" if bold_right(i, b) else "DVS")
        data.append([Paragraph(escape(a), ls), Paragraph(escape(b), rs)])
    t = Table(data, colWidths=[80 * mm, 88 * mm])
    t.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("TOPPADDING", (0, 0), (-1, -1), 0),
                           ("BOTTOMPADDING", (0, 0), (-1, -1), 1)]))
    return t


def task_table(rows):
    data = []
    for i, cells in enumerate(rows):
        if i == 0:
            data.append([Paragraph(escape(c), CELL_H) for c in cells])
        else:
            cells = [escape(c) for c in cells]
            data.append([Paragraph(cells[0], CELL_C), Paragraph(cells[1], CELL), Paragraph(cells[2], CELL_C),
                         Paragraph(cells[3], CELL_C), Paragraph(cells[4], CELL_C)])
    t = Table(data, colWidths=WIDTHS, repeatRows=1)
    t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.6, black), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                           ("TOPPADDING", (0, 0), (-1, -1), 3), ("BOTTOMPADDING", (0, 0), (-1, -1), 4)]))
    return t


def story():
    lines = (SOURCE / f"{NAME}.txt").read_text(encoding="utf-8").rstrip("\n").split("\n")
    header = [ln.split(" | ") for ln in lines[:4]]
    sig = [ln.split(" | ") for ln in lines if ln.count(" | ") == 1][4:]
    body = [ln for ln in lines[4:] if ln.count(" | ") != 1]
    out = [two_col(header, lambda i, a: i < 2 or a.startswith("*"), lambda i, b: i == 0), Spacer(1, 7 * mm)]
    out.append(Paragraph(escape(body[0]), TITLE))
    out.append(Paragraph(escape(body[1]), SUB))
    out.append(Spacer(1, 5 * mm))
    table = []
    for ln in body[2:]:
        if ln.count(" | ") == 4:
            table.append([c.strip() for c in ln.split(" | ")])
            continue
        if table:
            out.append(task_table(table))
            out.append(Spacer(1, 4 * mm))
            table = []
        out.append(Paragraph(escape(ln[3:]), HEAD) if ln.startswith("H: ") else Paragraph(escape(ln), BODY))
    out.append(Spacer(1, 6 * mm))
    left = ParagraphStyle("sl", parent=HDR, alignment=TA_LEFT, fontSize=11, leading=14)
    out.append(two_col(sig, lambda i, a: i == 0, lambda i, b: i < 2, left_style=left))
    return out


def main():
    out = CORPUS / f"{NAME}.pdf"
    doc = SimpleDocTemplate(str(out), pagesize=A4, leftMargin=25 * mm, rightMargin=15 * mm, topMargin=18 * mm,
                            bottomMargin=18 * mm, title="", author="", creator="")
    doc.build(story())
    print("wrote", out, doc.page, "pages")


if __name__ == "__main__":
    main()
