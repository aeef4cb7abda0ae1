"""Lines of a document text with their offsets, and the structural marker each line opens with."""

from __future__ import annotations

import re
from dataclasses import dataclass

from chidao.core.vncase import is_upper
from ingest.metadata import strip_markup

# Structural markers of Vietnamese directive and legal documents, from the biggest division down:
# "Phần thứ nhất" (part), "Chương I" (chapter), "Mục 1" or a Roman numeral "II." (section),
# "Điều 5." (article), "3." (item, a "khoản" inside an article), "2.1." (decimal item),
# "b)" or "b." (sub-item, "điểm"; Vietnamese letters include "đ"), "- " (dash list); items may
# also be written "1)".
PART = re.compile(r"^Phần\s+(?:thứ\s+(?P<word>\w+)|(?P<num>[IVXLC]+|\d+))\b", re.IGNORECASE)
CHAPTER = re.compile(r"^Chương\s+(?P<num>[IVXLC]+|\d+)\b", re.IGNORECASE)
SECTION_MUC = re.compile(r"^Mục\s+(?P<num>[IVXLC]+|\d+)\b", re.IGNORECASE)
SECTION_ROMAN = re.compile(r"^(?P<num>[IVXL]{1,6})\s*[.)/-]\s*\S")
ARTICLE = re.compile(r"^Điều\s+(?P<num>\d+)\s*[.:]?(?:\s|$)", re.IGNORECASE)
DECIMAL = re.compile(r"^(?P<num>\d{1,2}(?:\.\d{1,2})+)\.?\s+\S")
ITEM = re.compile(r"^(?P<num>\d{1,2})\s*[.)]\s+\S")
SUBITEM = re.compile(r"^(?P<num>[a-zđ])\s*[.)]\s+\S")  # "b)", also "b." in many real texts
DASH = re.compile(r"^[-–+•]\s*\S|^\*\s+\S")
TABLE_SEPARATOR = re.compile(r"^\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?$")
# "Phần thứ hai" counts in words.
ORDINAL_WORDS = {
    "nhất": 1, "hai": 2, "ba": 3, "tư": 4, "bốn": 4, "năm": 5,
    "sáu": 6, "bảy": 7, "tám": 8, "chín": 9, "mười": 10,
}  # fmt: skip
TERMINAL = tuple(".;!?…:")


@dataclass(slots=True)
class Line:
    """One line: `start`/`end` bound its text without surrounding spaces; `clean` has no markup."""

    start: int
    end: int
    text: str
    clean: str
    markdown_level: int = 0  # number of "#" of a Markdown heading line
    indent: int = 0  # characters before `text` on its line (column layout of plain-text headers)


def split_lines(text: str) -> list[Line]:
    """The lines of the text; a blank line has empty `text` and `start == end`."""
    lines: list[Line] = []
    pos = 0
    for raw in text.splitlines(keepends=True):
        body = raw.rstrip("\r\n")
        stripped = body.strip()
        lead = len(body) - len(body.lstrip())
        start = pos + lead if stripped else pos
        level = len(stripped) - len(stripped.lstrip("#")) if re.match(r"^#{1,6}\s", stripped) else 0
        lines.append(Line(start, start + len(stripped), stripped, strip_markup(stripped), level, lead))
        pos += len(raw)
    return lines


def columns(line: Line) -> list[tuple[int, str]]:
    """(column, text) of the space-aligned cells of a line (3 or more spaces apart)."""
    return [(line.indent + m.start(), m[0]) for m in re.finditer(r"\S+(?: {1,2}\S+)*", line.text)]


def is_table_row(line: Line) -> bool:
    """True for a table row: " | " separated cells (readers' table format) or a Markdown row."""
    return " | " in line.text or (line.text.startswith("|") and line.text.endswith("|"))


def classify(line: Line) -> tuple[str, str]:
    """(kind, number) of a line that opens a block: part, chapter, section, article, decimal, item,
    subitem, dash, table, heading or paragraph."""
    clean = line.clean
    if is_table_row(line):
        return "table", ""
    if m := PART.match(clean):
        word = (m["word"] or "").lower()
        return "part", str(ORDINAL_WORDS.get(word, "")) or m["num"] or word
    for kind, pattern in (("chapter", CHAPTER), ("section", SECTION_MUC), ("article", ARTICLE)):
        if m := pattern.match(clean):
            return kind, m["num"]
    if (m := SECTION_ROMAN.match(clean)) and _starts_upper(clean[m.end() - 1 :]):
        return "section", m["num"]
    for kind, pattern in (("decimal", DECIMAL), ("item", ITEM), ("subitem", SUBITEM)):
        if m := pattern.match(clean):
            return kind, m["num"]
    if DASH.match(clean):
        return "dash", ""
    if line.markdown_level or (is_upper(clean) and not ends_sentence(clean)):
        return "heading", ""
    return "paragraph", ""


def ends_sentence(text: str) -> bool:
    """True when the text ends with sentence punctuation (so a following line is a new paragraph)."""
    # A closing quote or bracket ends a sentence only after punctuation: '… "Dân vận khéo"' does not.
    return text.rstrip().rstrip("\"”'»)").endswith(TERMINAL)


def _starts_upper(text: str) -> bool:
    return bool(text) and (text[0].isupper() or text[0] in "\"“'«(")
