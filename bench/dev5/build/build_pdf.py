#!/usr/bin/env python3
"""Build corpus/nghi-quyet-06-nq-tu-2025.pdf (text layer, reportlab, DejaVu Serif) from source/.

The header is a borderless two-column table (issuer and number left, quốc hiệu and place/date right),
the Nơi nhận / signature block another one. Deterministic bytes (reportlab invariant mode).
Run: .venv/bin/python bench/dev5/build/build_pdf.py
"""

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

NAME = "nghi-quyet-06-nq-tu-2025"
pdfmetrics.registerFont(TTFont("DVS", str(SERIF)))
pdfmetrics.registerFont(TTFont("DVSB", str(SERIF_BOLD)))
BODY = ParagraphStyle(
    "b", fontName="DVS", fontSize=11.5, leading=15, alignment=TA_JUSTIFY, spaceAfter=4, firstLineIndent=8 * mm
)
HEAD = ParagraphStyle("h", parent=BODY, fontName="DVSB", firstLineIndent=0, spaceBefore=4)
TITLE = ParagraphStyle("t", parent=BODY, fontName="DVSB", fontSize=13, alignment=TA_CENTER, firstLineIndent=0)
SUB = ParagraphStyle("s", parent=TITLE, fontName="DVSB", fontSize=11.5)
CELL = ParagraphStyle("c", fontName="DVS", fontSize=10.5, leading=13, alignment=TA_CENTER)
CELL_L = ParagraphStyle("cl", parent=CELL, alignment=0, fontSize=10)


def two_col(rows, left_style, right_style):
    data = [[Paragraph(left, left_style), Paragraph(right, right_style)] for left, right in rows]
    t = Table(data, colWidths=[78 * mm, 92 * mm])
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


def main():
    text = (SOURCE / f"{NAME}.txt").read_text(encoding="utf-8")
    header, body, signature = split_blocks(text)
    story = [two_col(header, CELL, CELL), Spacer(1, 8 * mm)]
    title_done = 0
    for ln in body:
        if not ln.strip():
            continue
        if title_done < 3:  # NGHỊ QUYẾT + two subtitle lines
            story.append(Paragraph(ln, TITLE if title_done == 0 else SUB))
            title_done += 1
            if title_done == 3:
                story.append(Spacer(1, 5 * mm))
            continue
        is_head = ln[:3] in {"I. ", "II.", "III", "IV."} and ln.split(".")[0] in {"I", "II", "III", "IV"}
        story.append(Paragraph(ln, HEAD if is_head else BODY))
    story.append(Spacer(1, 6 * mm))
    story.append(two_col(signature, CELL_L, ParagraphStyle("sr", parent=CELL, fontName="DVSB")))
    out = CORPUS / f"{NAME}.pdf"
    doc = SimpleDocTemplate(
        str(out),
        pagesize=A4,
        leftMargin=25 * mm,
        rightMargin=18 * mm,
        topMargin=18 * mm,
        bottomMargin=18 * mm,
        title="",
        author="",
        creator="",
    )
    doc.build(story)
    print("wrote", out)


if __name__ == "__main__":
    main()
