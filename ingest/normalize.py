"""Reader cleanup: NFC, line ends, invisible characters, paragraphs broken by page breaks, page marks."""

from __future__ import annotations

import re

from chidao.core.model import RawText
from chidao.core.text import nfc

# --- Reader cleanup -------------------------------------------------------------------------------

# A reader puts PAGE_MARK where a page begins; `build_raw_text` turns the marks into `page_starts`.
# A private-use character is neither whitespace nor a letter, so cleanup cannot eat or split it.
PAGE_MARK = "\ue000"
# Characters that end a sentence or introduce a list (":" before "Kính gửi" entries, ";" between items).
TERMINAL_PUNCT = ".:;!?…"
_CLOSERS = "\"'”’»)]*_"  # closing quotes/brackets and Markdown emphasis after the real last character
# Invisible characters Word and web pages leave behind; NBSP becomes a plain space.
_INVISIBLE = str.maketrans({"\u00a0": " ", "\u200b": None, "\u200c": None, "\u200d": None, "\ufeff": None})
_TRAILING_SPACE = re.compile(r"[ \t]+(?=\n|$)")
_BLANK_RUN = re.compile(r"\n[ \t]*\n(?:[ \t]*\n)+")
_PARAGRAPH_GAP = re.compile(r"\n[ \t]*\n")
# The start of a structural item: "1.", "2.1.", "a)", "đ)", "-", "+", "I.", "Điều 5", "Chương II",
# "Phần thứ hai", "Mục 1", Markdown headings/tables/lists. Such a line never continues a paragraph.
# Item numbers have one or two digits (as the parser's): "2024. Mùa mưa …" is a year wrapped to the
# start of a line, inside its sentence.
ITEM_START = re.compile(
    r"^(?:\d{1,2}(?:\.\d{1,2})*[.)]\s|[a-zđ][.)]\s|[-–—+•*]\s|[IVXLC]+[.)]\s|#|\||>"
    r"|(?:Điều|Chương|Phần|Mục|Phụ lục|PHỤ LỤC)\b)"
)


def clean_text(text: str) -> str:
    """Reader cleanup: NFC, \\r\\n → \\n, no trailing spaces or invisible characters, ≤ 1 blank line in a row.

    Spaces inside a line are kept: a TXT header aligned in two columns with spaces needs them.
    """
    text = nfc(text).replace("\r\n", "\n").replace("\r", "\n").translate(_INVISIBLE)
    text = _TRAILING_SPACE.sub("", text)
    return _BLANK_RUN.sub("\n\n", text)


def ends_sentence(line: str) -> bool:
    """True when a line ends with terminal punctuation (after closing quotes, brackets or emphasis)."""
    core = line.replace(PAGE_MARK, "").rstrip().rstrip(_CLOSERS)
    return bool(core) and core[-1] in TERMINAL_PUNCT


def join_broken_paragraphs(text: str) -> str:
    """Join paragraphs split by a blank line in mid-sentence: "…tạo" / "" / "điều kiện…" → "…tạo điều kiện…".

    A page break in the seed dispatch left item 3 cut after "tạo"; the join needs both signs: the previous
    paragraph does not end a sentence and the next starts with a lowercase letter that is not an item
    marker ("a)", "đ)").
    """
    parts = _PARAGRAPH_GAP.split(text)
    # Linear time (a file of thousands of lowercase paragraphs once took minutes): a paragraph is kept
    # as pieces, and its last line only as much as the checks need — its start and its end.
    out = [[parts[0]]]
    prev_last = parts[0].rsplit("\n", 1)[-1]
    for part in parts[1:]:
        if _continues_after_gap(prev_last, part):
            head = part.lstrip(" \t")
            out[-1][-1] = out[-1][-1].rstrip()  # the joined line has text, so only its last piece is stripped
            out[-1].append(" " + head)
            start = prev_last.replace(PAGE_MARK, "").strip()[:8]
            prev_last = head.rsplit("\n", 1)[-1] if "\n" in head else f"{start} {head}"
        else:
            out.append([part])
            prev_last = part.rsplit("\n", 1)[-1]
    return "\n\n".join("".join(pieces) for pieces in out)


def _continues_after_gap(prev_last: str, part: str) -> bool:
    first = part.lstrip(" \t").replace(PAGE_MARK, "")
    bare_prev = prev_last.replace(PAGE_MARK, "").strip()
    if not bare_prev or not first or ends_sentence(bare_prev):
        return False
    if bare_prev.startswith(("#", "|")) or ITEM_START.match(first) or _is_caps(bare_prev):
        return False  # after a heading: "KHÓA XVIII" / "" / "về tăng cường…" is a title, not a broken line
    return first[0].islower()


def _is_caps(line: str) -> bool:
    letters = [c for c in line if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def build_raw_text(marked: str, *, format: str, ocr: bool = False, warnings: tuple[str, ...] = ()) -> RawText:
    """Clean a reader's text (PAGE_MARK before every page but the first) into a RawText with page_starts."""
    # A mark followed by blank lines belongs to the next text, not to the gap before it.
    marked = re.sub(f"{PAGE_MARK}(\\s+)", lambda m: m.group(1) + PAGE_MARK, marked)
    text = join_broken_paragraphs(clean_text(marked)).strip("\n")
    starts = [0]
    pieces = text.split(PAGE_MARK)
    offset = len(pieces[0])
    for piece in pieces[1:]:
        starts.append(offset)
        offset += len(piece)
    return RawText(text="".join(pieces), page_starts=tuple(starts), format=format, ocr=ocr, warnings=warnings)
