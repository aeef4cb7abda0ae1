#!/usr/bin/env python3
"""Build corpus/ke-hoach-19-kh-du-xa-ben-hac-2025.pdf: an image-only PDF (a "scan") of
source/ke-hoach-19-kh-du-xa-ben-hac-2025.txt on TWO A4 pages. No text layer: chidao has to OCR it.

200 dpi, DejaVu Serif 14 pt; two-column header and signature (left | right in the source). The body
flows line by line onto page 2, so page 2 begins in the middle of a sentence (item II.3). A red,
semi-transparent round Party-committee STAMP (double ring, text around it) is pressed over the
signature, covering the left half of the signer's name. Each page is turned slightly (0.7° and -0.5°),
with a grey cast and seeded speckle. Deterministic bytes.
Run: .venv/bin/python bench/dev7/build/build_scan.py
"""

import io
import math
import random

from PIL import Image, ImageDraw, ImageFilter, ImageFont
from reportlab import rl_config

rl_config.invariant = 1

from reportlab.lib.pagesizes import A4  # noqa: E402
from reportlab.lib.utils import ImageReader  # noqa: E402
from reportlab.pdfgen import canvas  # noqa: E402

from common import CORPUS, SERIF, SERIF_BOLD, SOURCE, split_blocks  # noqa: E402

NAME = "ke-hoach-19-kh-du-xa-ben-hac-2025"
DPI = 200
W, H = int(8.27 * DPI), int(11.69 * DPI)
PX = round(14 / 72 * DPI)
LEFT, RIGHT, TOP, BOTTOM = int(1.1 * DPI), int(0.75 * DPI), int(0.7 * DPI), int(0.9 * DPI)
LEAD = int(PX * 1.5)


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


def stamp(size, font):
    """A red round stamp on a transparent layer: two rings, a star, text along the ring."""
    layer = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    d = ImageDraw.Draw(layer)
    red = (205, 35, 40, 170)
    c = size / 2
    d.ellipse((4, 4, size - 4, size - 4), outline=red, width=7)
    d.ellipse((44, 44, size - 44, size - 44), outline=red, width=3)
    pts = []
    for k in range(10):
        r = 34 if k % 2 == 0 else 14
        a = -math.pi / 2 + k * math.pi / 5
        pts.append((c + r * math.cos(a), c + r * math.sin(a)))
    d.polygon(pts, fill=red)
    text = "ĐẢNG ỦY XÃ BẾN HẠC * TỈNH HỒNG LAM *"
    for k, ch in enumerate(text):
        a = -math.pi + k * 2 * math.pi / len(text)
        glyph = Image.new("RGBA", (40, 40), (0, 0, 0, 0))
        ImageDraw.Draw(glyph).text((8, 4), ch, font=font, fill=red)
        glyph = glyph.rotate(-math.degrees(a) - 90, resample=Image.BICUBIC)
        x, y = c + (c - 26) * math.cos(a) - 20, c + (c - 26) * math.sin(a) - 20
        layer.alpha_composite(glyph, (int(x), int(y)))
    return layer


def new_page():
    img = Image.new("RGB", (W, H), (255, 255, 255))
    return img, ImageDraw.Draw(img)


def main():
    text = (SOURCE / f"{NAME}.txt").read_text(encoding="utf-8")
    header, body, signature = split_blocks(text)
    font, bold = ImageFont.truetype(str(SERIF), PX), ImageFont.truetype(str(SERIF_BOLD), PX)
    small = ImageFont.truetype(str(SERIF_BOLD), 22)
    pages = []
    img, d = new_page()
    colw = (W - LEFT - RIGHT) // 2
    width = W - LEFT - RIGHT
    y = TOP
    for i, (left, right) in enumerate(header):
        for k, (s, x0) in enumerate(((left, LEFT - 60), (right, LEFT + colw))):
            f = bold if (i < 2 and k == 0) or (i == 0 and k == 1) else font
            if s:
                d.text((x0 + (colw - d.textlength(s, font=f)) / 2, y), s, font=f, fill=0)
        y += LEAD
    y += LEAD

    def line(x, s, f):
        nonlocal img, d, y
        if y + LEAD > H - BOTTOM:
            pages.append(img)
            img, d = new_page()
            y = TOP
        d.text((x, y), s, font=f, fill=0)
        y += LEAD

    for n, ln in enumerate(body):
        if n < 3:  # title
            f = bold
            for part in wrap(d, ln, f, width):
                line(LEFT + (width - d.textlength(part, font=f)) / 2, part, f)
            if n == 2:
                y += LEAD // 2
            continue
        f = bold if ln.split(".")[0] in {"I", "II", "III"} else font
        for j, part in enumerate(wrap(d, ln, f, width, indent=PX * 2)):
            line(LEFT + (PX * 2 if j == 0 and f is font else 0), part, f)
    y += LEAD // 2
    sig_top = y
    for i, (left, right) in enumerate(signature):
        f = bold if i == 0 else font
        d.text((LEFT, y), left, font=f, fill=0)
        f = font if right == "(đã ký)" else bold
        d.text((LEFT + colw + (colw - d.textlength(right, font=f)) / 2, y), right, font=f, fill=0)
        y += LEAD
    assert y < H - BOTTOM, "page overflow"
    name_y = sig_top + 3 * LEAD
    st = stamp(330, small)
    base = img.convert("RGBA")
    base.alpha_composite(st, (int(LEFT + colw + colw / 2 - 300), int(name_y - 250)))
    img = base.convert("RGB")
    pages.append(img)
    rnd = random.Random(19)
    c = canvas.Canvas(str(CORPUS / f"{NAME}.pdf"), pagesize=A4, invariant=1)
    for k, page in enumerate(pages):
        page = page.rotate((0.7, -0.5)[k % 2], resample=Image.BICUBIC, fillcolor=(255, 255, 255))
        px = page.load()
        for _ in range(3000):
            x, yy = rnd.randrange(W), rnd.randrange(H)
            v = rnd.randrange(60, 200)
            px[x, yy] = (v, v, v)
        page = page.filter(ImageFilter.GaussianBlur(0.5)).point(lambda v: int(v * 0.93 + 8))
        buf = io.BytesIO()
        page.save(buf, format="PNG", optimize=False)
        c.drawImage(ImageReader(io.BytesIO(buf.getvalue())), 0, 0, width=A4[0], height=A4[1])
        c.showPage()
    c.save()
    print("wrote", CORPUS / f"{NAME}.pdf", len(pages), "pages")


if __name__ == "__main__":
    main()
