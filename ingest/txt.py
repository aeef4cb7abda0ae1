"""Plain-text and Markdown reader: UTF-8 (with or without BOM) and UTF-16; legacy Vietnamese
encodings (TCVN3, VNI, Windows-1258) converted with a warning; anything else refused."""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from markdown_it import MarkdownIt

from chidao.core.errors import UnreadableFileError
from chidao.core.model import RawText
from ingest import legacy, mojibake
from ingest.normalize import ITEM_START, PAGE_MARK, build_raw_text, ends_sentence

SAVE_AS_UTF8 = "Save it as UTF-8 and ingest it again."
NOT_TEXT_HINT = "Ingest the original document (.txt saved as UTF-8, .md, .pdf or .docx) instead."
# How many leading bytes decide whether BOM-less data is UTF-16 (its ASCII half is NUL bytes).
_SNIFF_BYTES = 4096
# C0 control characters other than tab, newline, carriage return and form feed: never in real text.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


def read_txt(path: Path, *, format: str = "txt") -> RawText:
    """Read a .txt or .md file; a form feed (\\f) marks a page break, as in text exported page by page.

    Markdown keeps its block markup (headings "#", tables "|", list marks), which the parser reads;
    its inline markup and blockquote marks are dropped (see `markdown_plain`).
    """
    data = path.read_bytes()
    repaired = False
    try:
        # Mojibake is repaired on the decoded text first: its "Æ°á»" would pass for legacy-font
        # bytes, and cleanup would turn its no-break spaces (the second byte of "à") into plain ones.
        decoded = decode_text(data, path)
        fixed = mojibake.repair(decoded)
        repaired = fixed != decoded
        text, name = legacy.convert(fixed)  # UTF-8 holding "ph¸t triÓn"
    except UnreadableFileError:
        found = legacy.decode_bytes(data)  # a file saved byte for byte from a .VnTime/VNI font
        if found is None:
            raise
        text, name = found
    warnings: tuple[str, ...] = (legacy.warning(name),) if name else ()
    warnings += (mojibake.REPAIRED,) if repaired else ()
    text = unwrap(text.replace("\r\n", "\n").replace("\r", "\n"))
    if format == "md":
        text = markdown_plain(text)
    return build_raw_text(text.replace("\f", PAGE_MARK), format=format, warnings=warnings)


# A line's Markdown block prefix kept as written: indentation, a heading's "#", a list mark.
_BLOCK_PREFIX = re.compile(r"^\s*(?:#{1,6}\s+|[-+*]\s+|\d{1,9}[.)]\s+)?")
_QUOTE = re.compile(r"^\s*(?:>\s?)+")
_THEMATIC_BREAK = re.compile(r"^\s*(?:[-_*=]\s*){3,}$")
_INLINE = MarkdownIt("commonmark")


def markdown_plain(text: str) -> str:
    """Markdown with its inline markup and blockquote marks dropped, the words kept:
    "> **Số:** 512/BC-SNNMT" → "Số: 512/BC-SNNMT", "*Độc lập - Tự do - Hạnh phúc*" → "Độc lập - Tự
    do - Hạnh phúc", "[Nghị quyết](url)" → "Nghị quyết". Wiki pages and chat exports set labels and
    totals in bold: stored unit text and quoted evidence read without "**".

    Headings, list marks, table pipes and rules stay: they are the document's structure. Emphasis is
    found by a CommonMark parser (markdown-it-py), so a lone "*" under a header, "2*3" or a snake_case
    word are not taken for markup.
    """
    out = []
    for line in text.split("\n"):
        line = _QUOTE.sub("", line)
        if _THEMATIC_BREAK.match(line) or not line.strip():
            out.append(line)
            continue
        prefix = _BLOCK_PREFIX.match(line).group()  # type: ignore[union-attr]
        out.append(prefix + _inline_text(line[len(prefix) :]))
    return "\n".join(out)


def _inline_text(source: str) -> str:
    tokens = _INLINE.parseInline(source)
    parts = []
    for tok in (tokens[0].children or []) if tokens else []:
        if tok.type in ("text", "code_inline", "html_inline"):
            parts.append(tok.content)
        elif tok.type == "image":
            parts.append(tok.content)  # the alt text
        elif tok.type in ("softbreak", "hardbreak"):
            parts.append("\n")
    return "".join(parts)


# Hard-wrapped text (pasted from e-mail, saved by an editor that wraps at a fixed column): most
# lines inside a paragraph are cut where the next word would not fit. Calibrated on bench/dev6's
# Chỉ thị cut at 72 columns; texts whose paragraphs are one long line each (all other corpora) have
# no such width and are left alone.
_WRAP_WIDTHS = (40, 120)  # wrap columns people and mailers use (72, 76, 80) lie well inside
_MIN_WRAPPED = 5  # lines cut at the width before a text counts as hard-wrapped
_WRAPPED_SHARE = 0.6  # of the lines followed by another line, the share cut at the width
_WIDTH_QUANTILE = 0.95  # a few longer lines (a header in two columns) do not set the width


def unwrap(text: str) -> str:
    """Hard-wrapped text with each paragraph on one line; other text unchanged.

    The wrap width is read from the text itself (its longest lines but a few). A line is joined to
    the next when the next line's first word would not have fitted on it — the wrap, not the
    author, broke it — unless the next line opens an item ("2.", "a)", "- ", "Điều 5") or either line
    is in capitals (headings, the header's and signature's lines are short or in capitals anyway).
    """
    lines = text.split("\n")
    lengths = sorted(len(x.strip()) for x in lines if x.strip())
    if len(lengths) < 2 * _MIN_WRAPPED:
        return text
    width = lengths[int(_WIDTH_QUANTILE * (len(lengths) - 1))]
    if not _WRAP_WIDTHS[0] <= width <= _WRAP_WIDTHS[1]:
        return text
    blank_separated = len(lines) - len(lengths) >= 0.1 * len(lengths)
    joins = [
        _wrapped(a.strip(), b.strip(), width, blank_separated) for a, b in zip(lines, lines[1:], strict=False)
    ]
    pairs = sum(1 for a, b in zip(lines, lines[1:], strict=False) if a.strip() and b.strip())
    if sum(joins) < max(_MIN_WRAPPED, _WRAPPED_SHARE * pairs):
        return text
    out = [lines[0]]
    for line, joined in zip(lines[1:], joins, strict=True):
        if joined:
            out[-1] = out[-1].rstrip() + " " + line.strip()
        else:
            out.append(line)
    return "\n".join(out)


def _wrapped(a: str, b: str, width: int, blank_separated: bool) -> bool:
    if not a or not b or ITEM_START.match(b) or _is_caps(a) or _is_caps(b):
        return False
    if len(a) + 1 + len(b.split()[0]) <= width:
        return False  # the next word would have fitted: the author broke the line
    # A full line ending a sentence before a capital may end its paragraph too, unless blank lines
    # part the paragraphs of the text.
    return blank_separated or not ends_sentence(a) or not b[0].isupper()


def _is_caps(line: str) -> bool:
    letters = [c for c in line if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def decode_text(data: bytes, path: Path) -> str:
    """Decode UTF-8 (BOM optional) or UTF-16 (BOM, or BOM-less detected from NUL bytes); refuse the rest."""
    if data.startswith(codecs.BOM_UTF8):
        return _strict(data[len(codecs.BOM_UTF8) :], "utf-8", path, offset=len(codecs.BOM_UTF8))
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _check_controls(_strict(data, "utf-16", path), path)
    utf16 = _sniff_utf16(data)
    if utf16:
        return _check_controls(_strict(data, utf16, path), path)
    nul = data.find(b"\x00")
    if nul >= 0:
        raise UnreadableFileError(
            f"binary data, not text (NUL byte at offset {nul})", path=path, hint=NOT_TEXT_HINT
        )
    return _check_controls(_strict(data, "utf-8", path), path)


def _sniff_utf16(data: bytes) -> str | None:
    """'utf-16-le'/'utf-16-be' when NUL bytes sit on one parity only, as the high byte of ASCII does."""
    head = data[: _SNIFF_BYTES - _SNIFF_BYTES % 2]
    if len(head) < 4 or len(data) % 2:
        return None
    even, odd = head[0::2], head[1::2]
    even_nul, odd_nul = even.count(0) / len(even), odd.count(0) / len(odd)
    # Vietnamese in UTF-16: ASCII letters and spaces have a NUL high byte, precomposed letters (U+1Exx)
    # do not, so a third of NULs on one side and (almost) none on the other is a safe sign.
    if odd_nul > 0.3 and even_nul < 0.02:
        return "utf-16-le"
    if even_nul > 0.3 and odd_nul < 0.02:
        return "utf-16-be"
    return None


def _strict(data: bytes, encoding: str, path: Path, *, offset: int = 0) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise UnreadableFileError(
            f"not UTF-8/UTF-16 (bad byte at offset {exc.start + offset})", path=path, hint=SAVE_AS_UTF8
        ) from exc


def _check_controls(text: str, path: Path) -> str:
    """Valid UTF-8 can still be junk (a renamed binary file): control characters give it away."""
    bad = _CONTROL.search(text)
    if bad:
        raise UnreadableFileError(
            f"binary data, not text (control character U+{ord(bad.group()):04X} at character {bad.start()})",
            path=path,
            hint=NOT_TEXT_HINT,
        )
    return text
