#!/usr/bin/env python3
"""Build corpus/huong-dan-07-hd-btctu-2025.pdf (text layer, reportlab, DejaVu Serif 13 pt) from source/.

A Hướng dẫn with DECIMAL MULTI-LEVEL NUMBERING as typed by its author: "1." section headings in bold
capitals, "1.1." / "2.2." items whose first words are a RUN-IN BOLD HEADING ending with a full stop
("1.1. Mục đích. Khắc phục …"), "2.1." a heading on its own line and "2.1.1."–"2.1.3." third-level
items with the number in bold. Header and Nơi nhận / signature are borderless two-column tables; two
A4 pages. Deterministic bytes (invariant mode).
Run: .venv/bin/python bench/dev7/build/build_pdf.py
"""

import re

from reportlab import rl_config

rl_config.invariant = 1

from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY  # noqa: E402
from reportlab.lib.pagesizes import A4  # noqa: E402
from reportlab.lib.styles import ParagraphStyle  # noqa: E402
from reportlab.lib.units import mm  # noqa: E402
from reportlab.pdfbase import pdfmetrics  # noqa: E402
from reportlab.pdfbase.ttfonts import TTFont  # noqa: E402
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle  # noqa: E402

from common import CORPUS, SERIF, SERIF_BOLD, SOURCE, split_blocks  # noqa: E402

NAME = "huong-dan-07-hd-btctu-2025"
pdfmetrics.registerFont(TTFont("DVS", str(SERIF)))
pdfmetrics.registerFont(TTFont("DVSB", str(SERIF_BOLD)))
pdfmetrics.registerFontFamily("DVS", normal="DVS", bold="DVSB", italic="DVS", boldItalic="DVSB")
BODY = ParagraphStyle(
    "b", fontName="DVS", fontSize=13, leading=20, alignment=TA_JUSTIFY, spaceAfter=4, firstLineIndent=10 * mm
)
HEAD = ParagraphStyle("h", parent=BODY, fontName="DVSB", spaceBefore=4)
TITLE = ParagraphStyle("t", parent=BODY, fontName="DVSB", fontSize=14, alignment=TA_CENTER, firstLineIndent=0)
SUB = ParagraphStyle("s", parent=TITLE, fontSize=13.5, spaceAfter=0)
CELL = ParagraphStyle("c", fontName="DVS", fontSize=12, leading=15, alignment=TA_CENTER)
CELL_L = ParagraphStyle("cl", parent=CELL, alignment=0, fontSize=11)
RUN_IN = re.compile(r"^(\d+\.\d+\.\s+[^.]{3,40}\.)\s+(.*)$")  # "1.1. Mục đích. text"
LEVEL3 = re.compile(r"^(\d+\.\d+\.\d+\.)\s+(.*)$")


def two_col(rows, left_style, right_style, widths=(75, 90)):
    data = [[Paragraph(left, left_style), Paragraph(right, right_style)] for left, right in rows]
    t = Table(data, colWidths=[widths[0] * mm, widths[1] * mm])
    t.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
            ]
        )
    )
    return t


def paragraph(ln):
    if re.match(r"^\d+\.\s+[A-ZĐÂĂÊÔƠƯ ,]+$", ln) or re.match(r"^\d+\.\d+\.\s+\S[^.]*$", ln):
        return Paragraph(ln, HEAD)  # "1. MỤC ĐÍCH, YÊU CẦU", "2.1. Đối tượng"
    m = RUN_IN.match(ln)
    if m:
        return Paragraph(f"<b>{m.group(1)}</b> {m.group(2)}", BODY)
    m = LEVEL3.match(ln)
    if m:
        return Paragraph(f"<b>{m.group(1)}</b> {m.group(2)}", BODY)
    return Paragraph(ln, BODY)


def story():
    text = (SOURCE / f"{NAME}.txt").read_text(encoding="utf-8")
    header, body, signature = split_blocks(text)
    out = [two_col(header, CELL, CELL), Spacer(1, 8 * mm)]
    title_done = 0
    for ln in body:
        if not ln.strip():
            continue
        if title_done < 3:
            out.append(Paragraph(ln, TITLE if title_done == 0 else SUB))
            title_done += 1
            if title_done == 3:
                out.append(Spacer(1, 6 * mm))
            continue
        out.append(paragraph(ln))
    out.append(Spacer(1, 6 * mm))
    out.append(two_col(signature, CELL_L, ParagraphStyle("sr", parent=CELL, fontName="DVSB")))
    return out


def main():
    out = CORPUS / f"{NAME}.pdf"
    doc = SimpleDocTemplate(
        str(out),
        pagesize=A4,
        leftMargin=30 * mm,
        rightMargin=18 * mm,
        topMargin=20 * mm,
        bottomMargin=20 * mm,
        title="",
        author="",
        creator="",
    )
    doc.build(story())
    print("wrote", out, doc.page, "pages")


if __name__ == "__main__":
    main()
