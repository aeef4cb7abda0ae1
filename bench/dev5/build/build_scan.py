#!/usr/bin/env python3
"""Build corpus/thong-bao-ket-luan-41-tb-tu-2025.pdf: an image-only PDF (a "scan") of
source/thong-bao-ket-luan-41-tb-tu-2025.txt. No text layer: chidao has to OCR it (tesseract vie).

One A4 page rendered at 200 dpi with PIL and DejaVu Serif 12 pt; two-column header and signature
(left | right in the source), body wrapped to the text width; then a 0.5° turn, a grey cast and
seeded speckle. Wrapped in a PDF by reportlab (invariant mode). Deterministic bytes.
Run: .venv/bin/python bench/dev5/build/build_scan.py
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

NAME = "thong-bao-ket-luan-41-tb-tu-2025"
DPI = 200
W, H = int(8.27 * DPI), int(11.69 * DPI)
PX = round(12 / 72 * DPI)  # 12 pt
LEFT, RIGHT, TOP = int(1.0 * DPI), int(0.75 * DPI), int(0.7 * DPI)
LEAD = int(PX * 1.45)


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


def main():
    text = (SOURCE / f"{NAME}.txt").read_text(encoding="utf-8")
    header, body, signature = split_blocks(text)
    font, bold = ImageFont.truetype(str(SERIF), PX), ImageFont.truetype(str(SERIF_BOLD), PX)
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
    for ln in body:
        if not ln.strip():
            y += LEAD // 3
            continue
        if title < 3:
            f = bold
            d.text((LEFT + (width - d.textlength(ln, font=f)) / 2, y), ln, font=f, fill=0)
            y += LEAD
            title += 1
            continue
        for j, part in enumerate(wrap(d, ln, font, width, indent=PX * 2)):
            x = LEFT + (PX * 2 if j == 0 else 0)
            d.text((x, y), part, font=font, fill=0)
            y += LEAD
    y += LEAD
    for i, (left, right) in enumerate(signature):
        d.text((LEFT, y), left, font=bold if i == 0 else font, fill=0)
        f = font if right == "(đã ký)" else bold
        d.text((LEFT + colw + (colw - d.textlength(right, font=f)) / 2, y), right, font=f, fill=0)
        y += LEAD
    assert y < H - TOP, "page overflow"
    rnd = random.Random(41)
    img = img.rotate(0.5, resample=Image.BICUBIC, fillcolor=255)
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
