"""Shared helpers of the dev8 build scripts: paths and fonts."""

from pathlib import Path

HERE = Path(__file__).resolve().parent
SET = HERE.parent
SOURCE, CORPUS = SET / "source", SET / "corpus"
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
SERIF, SERIF_BOLD = FONT_DIR / "DejaVuSerif.ttf", FONT_DIR / "DejaVuSerif-Bold.ttf"
SERIF_ITALIC = FONT_DIR / "DejaVuSerif-Italic.ttf"
