#!/usr/bin/env python3
"""Build corpus/ke-hoach-57-kh-tu-2025.pdf (text layer, reportlab, DejaVu Serif 13.5 pt) from source/.

Three A4 pages, each with a running header (the issuer's short name "THÀNH ỦY HẢI ĐĂNG" and "KH 57"
over a rule) and a footer "Trang N/3". Paragraphs are splittable, so the opening paragraph's
successor and a numbered item run on across the page breaks (see README). The header and the Nơi
nhận / signature block are borderless two-column tables. Deterministic bytes (invariant mode).
Run: .venv/bin/python bench/dev6/build/build_pdf.py
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

NAME = "ke-hoach-57-kh-tu-2025"
pdfmetrics.registerFont(TTFont("DVS", str(SERIF)))
pdfmetrics.registerFont(TTFont("DVSB", str(SERIF_BOLD)))
BODY = ParagraphStyle(
    "b", fontName="DVS", fontSize=13.5, leading=21, alignment=TA_JUSTIFY, spaceAfter=5, firstLineIndent=10 * mm
)
HEAD = ParagraphStyle("h", parent=BODY, fontName="DVSB", firstLineIndent=0, spaceBefore=4)
TITLE = ParagraphStyle("t", parent=BODY, fontName="DVSB", fontSize=14, alignment=TA_CENTER, firstLineIndent=0)
SUB = ParagraphStyle("s", parent=TITLE, fontName="DVSB", fontSize=13.5, spaceAfter=0)
CELL = ParagraphStyle("c", fontName="DVS", fontSize=12, leading=15, alignment=TA_CENTER)
CELL_L = ParagraphStyle("cl", parent=CELL, alignment=0, fontSize=11)


def two_col(rows, left_style, right_style):
    data = [[Paragraph(left, left_style), Paragraph(right, right_style)] for left, right in rows]
    t = Table(data, colWidths=[75 * mm, 90 * mm])
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
        is_head = ln.split(".")[0] in {"I", "II", "III"}
        out.append(Paragraph(ln, HEAD if is_head else BODY))
    out.append(Spacer(1, 6 * mm))
    out.append(two_col(signature, CELL_L, ParagraphStyle("sr", parent=CELL, fontName="DVSB")))
    return out


def build(total):
    def decorate(canvas, doc):
        canvas.saveState()
        w, h = A4
        canvas.setFont("DVS", 9)
        canvas.drawString(30 * mm, h - 12 * mm, "THÀNH ỦY HẢI ĐĂNG")
        canvas.drawRightString(w - 18 * mm, h - 12 * mm, "KH 57")
        canvas.setLineWidth(0.4)
        canvas.line(30 * mm, h - 13.5 * mm, w - 18 * mm, h - 13.5 * mm)
        canvas.drawCentredString(w / 2, 10 * mm, f"Trang {doc.page}/{total}")
        canvas.restoreState()

    out = CORPUS / f"{NAME}.pdf"
    doc = SimpleDocTemplate(
        str(out),
        pagesize=A4,
        leftMargin=30 * mm,
        rightMargin=18 * mm,
        topMargin=22 * mm,
        bottomMargin=20 * mm,
        title="",
        author="",
        creator="",
    )
    doc.build(story(), onFirstPage=decorate, onLaterPages=decorate)
    return doc.page, out


def main():
    pages, out = build(0)
    pages2, out = build(pages)
    assert pages == pages2
    print("wrote", out, pages, "pages")


if __name__ == "__main__":
    main()
