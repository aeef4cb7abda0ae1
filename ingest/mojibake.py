"""Mojibake: UTF-8 text that was once decoded as Latin-1 or Windows-1252 ("Ban ThÆ°á»ng trá»±c").

ftfy (a maintained library made for this) reverses the wrong decoding when the bytes survived; when
they did not (the C1 bytes were dropped on the way), its `is_bad` detector still sees the telltale
sequences, and the text is refused rather than indexed as words nobody can search.
Checked on the eval and eval-laws corpora (24 documents, ~1 M characters) and their 180 questions:
no line of them is changed or flagged.
"""

from __future__ import annotations

import unicodedata

from chidao.core.model import RawText

# A document is refused when at least this many lines, and this share of its lines, are still garbled
# after repair (a stray garbled line is reported as a warning instead).
BAD_LINES_MIN = 3
BAD_LINES_SHARE = 0.02
REPAIRED = "garbled text (UTF-8 read as Latin-1/Windows-1252) was repaired; check it against the original"


# Characters that UTF-8 read as Latin-1 or Windows-1252 never consists of alone: ASCII, the Vietnamese
# letters (precomposed, NFC) and the combining marks of NFD text. Every such misreading of a
# non-ASCII character yields one of its continuation bytes 0x80-0xBF as a character outside this set
# (U+0080-U+00BF or a Windows-1252 symbol such as "€", "“", "–"), so a text made of these alone is left
# as it is without loading ftfy (0.13 s of every `chidao ask`).
_TONES = ("", "\u0300", "\u0301", "\u0303", "\u0309", "\u0323")
_PLAIN = frozenset(
    {chr(c) for c in range(128)}
    | {
        unicodedata.normalize("NFC", base + tone)
        for vowel in ("a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y")
        for base in (vowel, vowel.upper())
        for tone in _TONES
    }
    | {"đ", "Đ", "\u0302", "\u0306", "\u031b", *_TONES[1:]}
)


def _plain(text: str) -> bool:
    return all(c in _PLAIN for c in text)


def repair(text: str) -> str:
    """`text` with mojibake reversed (only the encoding fix: quotes, HTML entities etc. are untouched)."""
    if _plain(text):
        return text
    import ftfy

    return ftfy.fix_encoding(text)


def looks_garbled(text: str) -> bool:
    if _plain(text):
        return False
    from ftfy.badness import is_bad

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
