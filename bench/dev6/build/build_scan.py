#!/usr/bin/env python3
"""Build corpus/ke-hoach-08-kh-du-hon-dua-2025.pdf: an image-only PDF (a "scan") of
source/ke-hoach-08-kh-du-hon-dua-2025.txt with a RULED task table (TT | Nhiệm vụ | Đơn vị chủ trì |
Phối hợp | Thời hạn; cells wrapped inside their column, grid lines drawn). No text layer: chidao has
to OCR it (tesseract vie).

One A4 page at 200 dpi, DejaVu Serif 12 pt (table 11 pt); two-column header and signature (left |
right in the source); then a 0.4° turn, a grey cast and seeded speckle. Deterministic bytes.
Run: .venv/bin/python bench/dev6/build/build_scan.py
"""

import io
import random

from PIL import Image, ImageDraw, ImageFilter, ImageFont
from reportlab import rl_config

rl_config.invariant = 1

from reportlab.lib.pagesizes import A4  # noqa: E402
from reportlab.lib.utils import ImageReader  # noqa: E402
from reportlab.pdfgen import canvas  # noqa: E402

from common import CORPUS, SERIF, SERIF_BOLD, SOURCE, split_blocks  # noqa: E402

NAME = "ke-hoach-08-kh-du-hon-dua-2025"
DPI = 200
W, H = int(8.27 * DPI), int(11.69 * DPI)
PX, TPX = round(12 / 72 * DPI), round(11 / 72 * DPI)
LEFT, RIGHT, TOP = int(0.95 * DPI), int(0.7 * DPI), int(0.6 * DPI)
LEAD, TLEAD = int(PX * 1.45), int(TPX * 1.35)
COLS = (0.07, 0.36, 0.2, 0.2, 0.17)  # column shares of the table width


def wrap(draw, text, font, width, indent=0):
    words, lines, cur = text.split(), [], ""
    for w in words:
        trial = (cur + " " + w).strip()
        limit = width - (indent if not lines else 0)
        if draw.textlength(trial, font=font) <= limit:
            cur = trial
        else:
            lines.append(cur)
            cur = w
    if cur:
        lines.append(cur)
    return lines


def table(d, rows, y, font, bold):
    width = W - LEFT - RIGHT
    xs = [LEFT]
    for share in COLS:
        xs.append(xs[-1] + int(width * share))
    xs[-1] = LEFT + width
    pad = 10
    d.line((LEFT, y, xs[-1], y), fill=0, width=2)
    for r, row in enumerate(rows):
        f = bold if r == 0 else font
        cells = [wrap(d, c, f, xs[k + 1] - xs[k] - 2 * pad) for k, c in enumerate(row)]
        height = max(len(c) for c in cells) * TLEAD + 2 * pad
        for k, lines in enumerate(cells):
            for j, part in enumerate(lines):
                x = xs[k] + pad
                if r == 0 or k in (0, 4):
                    x = xs[k] + (xs[k + 1] - xs[k] - d.textlength(part, font=f)) / 2
                d.text((x, y + pad + j * TLEAD), part, font=f, fill=0)
        y += height
        d.line((LEFT, y, xs[-1], y), fill=0, width=2)
    top = y - sum(0 for _ in rows)
    return y, xs, top


def main():
    text = (SOURCE / f"{NAME}.txt").read_text(encoding="utf-8")
    header, body, signature = split_blocks(text)
    font, bold = ImageFont.truetype(str(SERIF), PX), ImageFont.truetype(str(SERIF_BOLD), PX)
    tfont, tbold = ImageFont.truetype(str(SERIF), TPX), ImageFont.truetype(str(SERIF_BOLD), TPX)
    img = Image.new("L", (W, H), 255)
    d = ImageDraw.Draw(img)
    colw = (W - LEFT - RIGHT) // 2
    y = TOP
    for i, (left, right) in enumerate(header):
        for k, (s, x0) in enumerate(((left, LEFT - 40), (right, LEFT + colw))):
            f = bold if (i < 2 and k == 0) or (i == 0 and k == 1) else font
            if s:
                d.text((x0 + (colw - d.textlength(s, font=f)) / 2, y), s, font=f, fill=0)
        y += LEAD
    y += LEAD
    title = 0
    width = W - LEFT - RIGHT
    i = 0
    while i < len(body):
        ln = body[i]
        if ln.count(" | ") >= 4:
            rows = []
            while i < len(body) and body[i].count(" | ") >= 4:
                rows.append([c.strip() for c in body[i].split(" | ")])
                i += 1
            y0 = y + LEAD // 3
            y, xs, _ = table(d, rows, y0, tfont, tbold)
            for x in xs:  # vertical rules
                d.line((x, y0, x, y), fill=0, width=2)
            y += LEAD // 2
            continue
        i += 1
        if not ln.strip():
            y += LEAD // 3
            continue
        if title < 3:
            d.text((LEFT + (width - d.textlength(ln, font=bold)) / 2, y), ln, font=bold, fill=0)
            y += LEAD
            title += 1
            continue
        for j, part in enumerate(wrap(d, ln, font, width, indent=PX * 2)):
            d.text((LEFT + (PX * 2 if j == 0 else 0), y), part, font=font, fill=0)
            y += LEAD
    y += LEAD
    for i, (left, right) in enumerate(signature):
        d.text((LEFT, y), left, font=bold if i == 0 else font, fill=0)
        f = font if right == "(đã ký)" else bold
        d.text((LEFT + colw + (colw - d.textlength(right, font=f)) / 2, y), right, font=f, fill=0)
        y += LEAD
    assert y < H - TOP, "page overflow"
    rnd = random.Random(8)
    img = img.rotate(0.4, resample=Image.BICUBIC, fillcolor=255)
    px = img.load()
    for _ in range(2500):  # speckle
        x, yy = rnd.randrange(W), rnd.randrange(H)
        px[x, yy] = rnd.randrange(60, 200)
    img = img.filter(ImageFilter.GaussianBlur(0.5)).point(lambda v: int(v * 0.93 + 6))
    buf = io.BytesIO()
    img.save(buf, format="PNG", optimize=False)
    out = CORPUS / f"{NAME}.pdf"
    c = canvas.Canvas(str(out), pagesize=A4, invariant=1)
    c.drawImage(ImageReader(io.BytesIO(buf.getvalue())), 0, 0, width=A4[0], height=A4[1])
    c.showPage()
    c.save()
    print("wrote", out)


if __name__ == "__main__":
    main()
