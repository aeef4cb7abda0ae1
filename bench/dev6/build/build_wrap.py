#!/usr/bin/env python3
"""Build corpus/chi-thi-09-ct-tu-2025.txt: source/chi-thi-09-ct-tu-2025.txt as pasted from an e-mail
client: every line hard-wrapped at 72 columns (cut at the last space, so mid-sentence), CRLF line
endings, UTF-8 without BOM. Blank lines kept as paragraph breaks. Run: python3 bench/dev6/build/build_wrap.py
"""

import textwrap

from common import CORPUS, SOURCE

NAME = "chi-thi-09-ct-tu-2025"


def main():
    out = []
    for ln in (SOURCE / f"{NAME}.txt").read_text(encoding="utf-8").rstrip("\n").split("\n"):
        out.extend(textwrap.wrap(ln, 72, break_long_words=False, break_on_hyphens=False) or [""])
    path = CORPUS / f"{NAME}.txt"
    path.write_bytes(("\r\n".join(out) + "\r\n").encode("utf-8"))
    print("wrote", path)


if __name__ == "__main__":
    main()
