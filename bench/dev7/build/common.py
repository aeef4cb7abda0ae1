"""Shared helpers of the dev7 build scripts: paths, fonts and the source-file convention.

Source convention (source/*.txt, NFC): the header block is the leading run of lines holding exactly
one " | " (left column | right column); the signature block is the trailing run of such lines (it
starts at "Nơi nhận:"); a task table is a run of lines with at least four " | " cells, its first line
the header row; a line "G: …" inside a table is a group row spanning all columns.
"""

from pathlib import Path

HERE = Path(__file__).resolve().parent
SET = HERE.parent
SOURCE, CORPUS = SET / "source", SET / "corpus"
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
SERIF, SERIF_BOLD = FONT_DIR / "DejaVuSerif.ttf", FONT_DIR / "DejaVuSerif-Bold.ttf"
SERIF_ITALIC = FONT_DIR / "DejaVuSerif-Italic.ttf"


def split_blocks(text):
    """-> (header rows, body lines, signature rows); rows are [left, right] lists."""
    lines = text.rstrip("\n").split("\n")
    i = 0
    header = []
    while i < len(lines) and lines[i].count(" | ") == 1:
        header.append([c.strip() for c in lines[i].split(" | ")])
        i += 1
    j = len(lines)
    while j > i and lines[j - 1].count(" | ") == 1:
        j -= 1
    signature = [[c.strip() for c in ln.split(" | ")] for ln in lines[j:]]
    return header, lines[i:j], signature
