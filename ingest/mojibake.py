"""Mojibake: UTF-8 text that was once decoded as Latin-1 or Windows-1252 ("Ban ThÆ°á»ng trá»±c").

ftfy (a maintained library made for this) reverses the wrong decoding when the bytes survived; when
they did not (the C1 bytes were dropped on the way), its `is_bad` detector still sees the telltale
sequences, and the text is refused rather than indexed as words nobody can search.
Checked on the eval and eval-laws corpora (24 documents, ~1 M characters) and their 180 questions:
no line of them is changed or flagged.
"""

from __future__ import annotations

import ftfy
from ftfy.badness import is_bad

from chidao.core.model import RawText

# A document is refused when at least this many lines, and this share of its lines, are still garbled
# after repair (a stray garbled line is reported as a warning instead).
BAD_LINES_MIN = 3
BAD_LINES_SHARE = 0.02
REPAIRED = "garbled text (UTF-8 read as Latin-1/Windows-1252) was repaired; check it against the original"


def repair(text: str) -> str:
    """`text` with mojibake reversed (only the encoding fix: quotes, HTML entities etc. are untouched)."""
    return ftfy.fix_encoding(text)


def looks_garbled(text: str) -> bool:
    return is_bad(text)


def repair_pages(raw: RawText) -> tuple[RawText, bool, list[int]]:
    """(raw repaired page by page with its page offsets kept right, whether anything changed, the
    1-based numbers of the lines still garbled)."""
    bounds = [*raw.page_starts, len(raw.text)]
    pages = [raw.text[a:b] for a, b in zip(bounds, bounds[1:], strict=False)]
    fixed = [repair(p) for p in pages]
    changed = fixed != pages
    text = "".join(fixed)
    starts, offset = [], 0
    for page in fixed:
        starts.append(offset)
        offset += len(page)
    bad = [n for n, line in enumerate(text.split("\n"), start=1) if line and looks_garbled(line)]
    if not changed:
        return raw, False, bad
    repaired = RawText(text, tuple(starts) or (0,), raw.format, raw.ocr, raw.warnings)
    return repaired, True, bad


def refuse(bad_lines: list[int], total_lines: int) -> bool:
    return len(bad_lines) >= BAD_LINES_MIN and len(bad_lines) >= BAD_LINES_SHARE * max(total_lines, 1)
