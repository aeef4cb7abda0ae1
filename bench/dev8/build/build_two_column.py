#!/usr/bin/env python3
"""Build corpus/ban-tin-phat-bieu-bi-thu-hoi-nghi-nq05-2025.pdf (text layer) from source/.

A page of the province's internal NEWSLETTER: banner and headline across the page, then the speech set
in TWO COLUMNS (reportlab Frames, 10.5 pt justified, column gap 8 mm), as the Party committee's bulletin
prints a speech. Reading order must follow column 1 top to bottom, then column 2; the paragraph at the
foot of column 1 continues at the top of column 2. Source prefixes: BANNER:, TITLE:, BYLINE:, FOOT:.
Deterministic bytes (invariant mode). Run: .venv/bin/python bench/dev8/build/build_two_column.py
"""

from xml.sax.saxutils import escape

from reportlab import rl_config

rl_config.invariant = 1

from reportlab.lib.colors import HexColor  # noqa: E402
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_RIGHT  # noqa: E402
from reportlab.lib.pagesizes import A4  # noqa: E402
from reportlab.lib.styles import ParagraphStyle  # noqa: E402
from reportlab.lib.units import mm  # noqa: E402
from reportlab.pdfbase import pdfmetrics  # noqa: E402
from reportlab.pdfbase.ttfonts import TTFont  # noqa: E402
from reportlab.platypus import BaseDocTemplate, Frame, FrameBreak, PageTemplate, Paragraph  # noqa: E402

from common import CORPUS, SERIF, SERIF_BOLD, SERIF_ITALIC, SOURCE  # noqa: E402

NAME = "ban-tin-phat-bieu-bi-thu-hoi-nghi-nq05-2025"
pdfmetrics.registerFont(TTFont("DVS", str(SERIF)))
pdfmetrics.registerFont(TTFont("DVSB", str(SERIF_BOLD)))
pdfmetrics.registerFont(TTFont("DVSI", str(SERIF_ITALIC)))
BODY = ParagraphStyle("b", fontName="DVS", fontSize=10.5, leading=14.5, alignment=TA_JUSTIFY, spaceAfter=5,
                      firstLineIndent=5 * mm)
BANNER = ParagraphStyle("ban", fontName="DVSB", fontSize=10, leading=13, alignment=TA_CENTER,
                        textColor=HexColor("#FFFFFF"), backColor=HexColor("#9B1C1C"), borderPadding=4)
TITLE = ParagraphStyle("t", fontName="DVSB", fontSize=17, leading=22, alignment=TA_CENTER, spaceBefore=8,
                       textColor=HexColor("#9B1C1C"))
BYLINE = ParagraphStyle("by", fontName="DVSI", fontSize=10.5, leading=14, alignment=TA_CENTER, spaceBefore=4)
FOOT = ParagraphStyle("f", parent=BODY, fontName="DVSI", alignment=TA_RIGHT)

W, H = A4
LM, RM, TM, BM, GAP, TOP_H = 18 * mm, 18 * mm, 15 * mm, 15 * mm, 8 * mm, 48 * mm


def templates():
    col_w = (W - LM - RM - GAP) / 2
    col_h1 = H - TM - BM - TOP_H
    top = Frame(LM, H - TM - TOP_H, W - LM - RM, TOP_H, id="top", showBoundary=0)
    c1 = Frame(LM, BM, col_w, col_h1, id="c1")
    c2 = Frame(LM + col_w + GAP, BM, col_w, col_h1, id="c2")
    d1 = Frame(LM, BM, col_w, H - TM - BM, id="d1")
    d2 = Frame(LM + col_w + GAP, BM, col_w, H - TM - BM, id="d2")

    def rule(canvas, doc):
        canvas.saveState()
        canvas.setStrokeColor(HexColor("#999999"))
        x = LM + col_w + GAP / 2
        top_y = H - TM - (TOP_H if doc.page == 1 else 0)
        canvas.line(x, BM, x, top_y - 4 * mm)
        canvas.setFont("DVS", 8)
        canvas.drawCentredString(W / 2, 8 * mm, f"Bản tin Thông tin nội bộ - trang {doc.page}")
        canvas.restoreState()

    return [PageTemplate("first", [top, c1, c2], onPage=rule, autoNextPageTemplate="later"),
            PageTemplate("later", [d1, d2], onPage=rule)]


def story():
    out = []
    for ln in (SOURCE / f"{NAME}.txt").read_text(encoding="utf-8").rstrip("\n").split("\n"):
        ln = escape(ln)
        tag, _, rest = ln.partition(": ")
        if tag == "BANNER":
            out.append(Paragraph(rest, BANNER))
        elif tag == "TITLE":
            out.append(Paragraph(rest, TITLE))
        elif tag == "BYLINE":
            out.append(Paragraph(f"({rest})", BYLINE))
            out.append(FrameBreak())
        elif tag == "FOOT":
            out.append(Paragraph(rest, FOOT))
        else:
            out.append(Paragraph(ln, BODY))
    return out


def main():
    out = CORPUS / f"{NAME}.pdf"
    doc = BaseDocTemplate(str(out), pagesize=A4, title="", author="", creator="")
    doc.addPageTemplates(templates())
    doc.build(story())
    print("wrote", out, doc.page, "pages")


if __name__ == "__main__":
    main()
