"""Word automatic list numbering and heading styles of a .docx, read from its XML.

A list typed with Word's numbering button keeps its numbers out of the paragraph text: the paragraph (or
its style) holds w:numPr (numId, ilvl), word/numbering.xml maps the numId to an abstractNum whose level
says how to count (start, numFmt, lvlRestart) and how to show the number (lvlText "%1.", "%2)",
"%1.%2."). `ListLabels` replays Word's counters over the paragraphs in document order and gives each
numbered paragraph the label Word displays ("II.", "1.", "a)", "-" for a bullet).

Counters follow Word, not the letter of the standard: numbering continues across the w:num instances
of one abstractNum, and a w:num with a startOverride restarts its level the first time it is used (this
is how Word writes "restart at 1" for a new list of the same kind).

docx2python (3.7.1) also counts list numbers, but prints every number as "1)" whatever the lvlText,
ignores startOverride and numbering inherited from a paragraph style; mammoth converts lists to HTML
<ol>/<ul> without their numbers. Neither gives the label Word shows, which the parser needs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from docx.oxml.ns import qn
from lxml.etree import _Element

_W_VAL = qn("w:val")
# Levels of a list definition (w:ilvl 0..8).
LEVELS = 9
# "heading 1" is how styles.xml names Word's built-in heading styles in every UI language; documents
# converted from old Word versions or other editors may carry the localized name instead.
_HEADING_NAME = re.compile(r"^(?:heading|tiêu đề|đầu đề)\s*([1-9])$", re.IGNORECASE)
# Bullet characters a Vietnamese text types itself; any other bullet (Symbol/Wingdings glyphs in the
# private use area, "o", "§") is shown as "-", the dash of a Vietnamese list.
_TEXT_BULLETS = "-–+•*"
# Above this a list number is shown in decimal: Word's Roman numerals stop at 3999, and a letter repeated
# hundreds of times ("start" is any integer in the file) would only blow up the text.
MAX_LETTERED = 780  # "zzzzzzzzzzzzzzzzzzzzzzzzzzzzzz", 30 letters


@dataclass(frozen=True, slots=True)
class _Level:
    start: int = 1
    fmt: str = "decimal"
    text: str = "%1."
    restart: int | None = None  # w:lvlRestart: None = after any higher level, 0 = never
    style: str = ""  # w:pStyle: the paragraph style bound to this level
    legal: bool = False  # w:isLgl: higher levels shown in decimal


@dataclass(slots=True)
class _Num:
    abstract: str
    levels: dict[int, _Level]
    starts: dict[int, int] = field(default_factory=dict)  # startOverride per level
    used: bool = False


@dataclass(slots=True)
class _Style:
    name: str = ""
    based_on: str = ""
    num_id: str | None = None
    ilvl: int | None = None
    outline: int | None = None


class ListLabels:
    """Labels of the numbered paragraphs and heading levels of one document."""

    def __init__(self, document: object) -> None:
        self._styles, self._default_style = _read_styles(document)
        self._abstracts: dict[str, dict[int, _Level]] = {}
        self._abstract_links: dict[str, str] = {}  # abstractNumId -> numStyleLink style id
        self._nums: dict[str, _Num] = {}
        root = _numbering_root(document)
        if root is not None:
            self._read_numbering(root)
        self._counters: dict[str, list[int | None]] = {}

    def label_all(self, body: _Element) -> dict[_Element, str]:
        """The label of every numbered paragraph under `body` (table cells included), counted in
        document order as Word counts them."""
        labels: dict[_Element, str] = {}
        for p in body.iter(qn("w:p")):
            label = self._next_label(p)
            if label:
                labels[p] = label
        return labels

    def heading_level(self, p: _Element) -> int:
        """1 for a "Heading 1" paragraph (or outline level 1), 2 for "Heading 2", …; 0 for body text."""
        ppr = p.find(qn("w:pPr"))
        if ppr is not None:
            outline = _int(ppr.find(qn("w:outlineLvl")))
            if outline is not None:
                return outline + 1 if 0 <= outline < LEVELS else 0
        for style in self._style_chain(_style_id(p) or self._default_style):
            if style.outline is not None:
                return style.outline + 1 if 0 <= style.outline < LEVELS else 0
            if m := _HEADING_NAME.match(style.name.strip()):
                return int(m[1])
        return 0

    # --- numbering.xml -----------------------------------------------------------------------

    def _read_numbering(self, root: _Element) -> None:
        for abstract in root.iterchildren(qn("w:abstractNum")):
            aid = abstract.get(qn("w:abstractNumId"), "")
            self._abstracts[aid] = dict(_read_level(lvl) for lvl in abstract.iterchildren(qn("w:lvl")))
            link = abstract.find(qn("w:numStyleLink"))
            if link is not None and link.get(_W_VAL):
                self._abstract_links[aid] = link.get(_W_VAL, "")
        for num in root.iterchildren(qn("w:num")):
            ref = num.find(qn("w:abstractNumId"))
            if ref is None:
                continue
            entry = _Num(ref.get(_W_VAL, ""), {})
            for override in num.iterchildren(qn("w:lvlOverride")):
                ilvl = _int_attr(override, qn("w:ilvl"))
                if ilvl is None:
                    continue
                start = _int(override.find(qn("w:startOverride")))
                lvl = override.find(qn("w:lvl"))
                if lvl is not None:
                    entry.levels[ilvl] = _read_level(lvl)[1]
                    if start is None and lvl.find(qn("w:start")) is not None:
                        start = entry.levels[ilvl].start
                if start is not None:
                    entry.starts[ilvl] = start
            self._nums[num.get(qn("w:numId"), "")] = entry

    def _levels(self, num: _Num) -> tuple[str, dict[int, _Level]]:
        """(counter key, levels) of a list instance: its abstractNum's levels under its overrides; an
        abstractNum that only links a numbering style (numStyleLink) takes that style's list."""
        aid = num.abstract
        for _ in range(4):  # a link to a link: follow a few, never loop
            style_id = self._abstract_links.get(aid)
            if style_id is None:
                break
            linked = self._nums.get(
                next((s.num_id for s in self._style_chain(style_id) if s.num_id), "") or ""
            )
            if linked is None or linked.abstract == aid:
                break
            aid = linked.abstract
        return aid, {**self._abstracts.get(aid, {}), **num.levels}

    # --- counting ----------------------------------------------------------------------------

    def _next_label(self, p: _Element) -> str:
        found = self._numbering_of(p)
        if found is None:
            return ""
        num_id, ilvl = found
        num = self._nums.get(num_id)
        if num is None:
            return ""
        key, levels = self._levels(num)
        if ilvl is None:
            style = _style_id(p) or self._default_style
            ilvl = next((i for i, lv in sorted(levels.items()) if lv.style and lv.style == style), 0)
        ilvl = min(max(ilvl, 0), LEVELS - 1)
        level = levels.get(ilvl)
        if level is None:
            return ""
        counters = self._counters.setdefault(key, [None] * LEVELS)
        if not num.used:
            num.used = True
            for i in num.starts:
                if 0 <= i < LEVELS:
                    counters[i] = None
        current = counters[ilvl]
        counters[ilvl] = _start(num, levels, ilvl) if current is None else current + 1
        for deeper in range(ilvl + 1, LEVELS):
            restart = levels[deeper].restart if deeper in levels else None
            # lvlRestart n (1-based): restart after a use of level n or a higher one; 0: never.
            if restart is None or (restart > 0 and ilvl <= restart - 1):
                counters[deeper] = None
        return _render(level, levels, counters, num, ilvl)

    def _numbering_of(self, p: _Element) -> tuple[str, int | None] | None:
        """(numId, ilvl) of a paragraph: its own w:numPr, else its style's (styles inherit via basedOn);
        numId 0 switches numbering off."""
        num_id: str | None = None
        ilvl: int | None = None
        ppr = p.find(qn("w:pPr"))
        numpr = ppr.find(qn("w:numPr")) if ppr is not None else None
        if numpr is not None:
            ref = numpr.find(qn("w:numId"))
            num_id = ref.get(_W_VAL) if ref is not None else None
            ilvl = _int(numpr.find(qn("w:ilvl")))
        if num_id is None:
            for style in self._style_chain(_style_id(p) or self._default_style):
                if style.num_id is not None:
                    num_id = style.num_id
                    ilvl = ilvl if ilvl is not None else style.ilvl
                    break
        if num_id is None or num_id == "0":
            return None
        return num_id, ilvl

    def _style_chain(self, style_id: str) -> list[_Style]:
        chain: list[_Style] = []
        while style_id and style_id in self._styles and len(chain) < 10:
            style = self._styles[style_id]
            chain.append(style)
            style_id = style.based_on
        return chain


def _start(num: _Num, levels: dict[int, _Level], ilvl: int) -> int:
    return num.starts.get(ilvl, levels[ilvl].start)


def _render(
    level: _Level, levels: dict[int, _Level], counters: list[int | None], num: _Num, ilvl: int
) -> str:
    if level.fmt == "bullet":
        bullet = level.text.strip()
        return bullet if len(bullet) == 1 and bullet in _TEXT_BULLETS else "-"

    def number(m: re.Match[str]) -> str:
        k = int(m[1]) - 1
        if k > ilvl or k < 0:
            return ""
        lv = levels.get(k, _Level())
        value = counters[k]
        if value is None:
            value = num.starts.get(k, lv.start)
        fmt = "decimal" if level.legal and k < ilvl else lv.fmt
        return format_number(value, fmt)

    return re.sub(r"%([1-9])", number, level.text).strip()


def format_number(n: int, fmt: str) -> str:
    """A list number as Word shows it in numFmt `fmt`; unknown formats count in decimal."""
    if fmt == "none":
        return ""
    if fmt in ("upperRoman", "lowerRoman") and 0 < n < 4000:
        roman = _roman(n)
        return roman if fmt == "upperRoman" else roman.lower()
    if fmt in ("upperLetter", "lowerLetter") and 0 < n <= MAX_LETTERED:
        # Word's letters run a…z, then aa…zz, aaa…: the letter repeats, it does not carry.
        letter = chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)
        return letter.upper() if fmt == "upperLetter" else letter
    if fmt == "decimalZero":
        return f"{n:02d}"
    return str(n)


def _roman(n: int) -> str:
    out = []
    for value, digits in (
        (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
        (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
    ):  # fmt: skip
        count, n = divmod(n, value)
        out.append(digits * count)
    return "".join(out)


def _read_level(lvl: _Element) -> tuple[int, _Level]:
    ilvl = _int_attr(lvl, qn("w:ilvl")) or 0
    level = _Level()
    if (start := _int(lvl.find(qn("w:start")))) is not None:
        level = replace(level, start=start)
    fmt = lvl.find(qn("w:numFmt"))
    if fmt is not None and fmt.get(_W_VAL):
        level = replace(level, fmt=fmt.get(_W_VAL, "decimal"))
    text = lvl.find(qn("w:lvlText"))
    if text is not None:
        level = replace(level, text=text.get(_W_VAL, ""))
    restart = _int(lvl.find(qn("w:lvlRestart")))
    style = lvl.find(qn("w:pStyle"))
    legal = lvl.find(qn("w:isLgl"))
    return ilvl, replace(
        level,
        restart=restart,
        style=style.get(_W_VAL, "") if style is not None else "",
        legal=legal is not None and legal.get(_W_VAL, "true") not in ("0", "false", "off"),
    )


def _read_styles(document: object) -> tuple[dict[str, _Style], str]:
    """Paragraph and numbering styles by id, and the id of the default paragraph style."""
    try:
        root = document.styles.element  # type: ignore[attr-defined]
    except (KeyError, ValueError, AttributeError):
        return {}, ""
    styles: dict[str, _Style] = {}
    default = ""
    for el in root.iterchildren(qn("w:style")):
        if el.get(qn("w:type")) not in ("paragraph", "numbering"):
            continue
        name, based = el.find(qn("w:name")), el.find(qn("w:basedOn"))
        style = _Style(
            name=name.get(_W_VAL, "") if name is not None else "",
            based_on=based.get(_W_VAL, "") if based is not None else "",
        )
        ppr = el.find(qn("w:pPr"))
        if ppr is not None:
            numpr = ppr.find(qn("w:numPr"))
            if numpr is not None:
                ref = numpr.find(qn("w:numId"))
                style.num_id = ref.get(_W_VAL) if ref is not None else None
                style.ilvl = _int(numpr.find(qn("w:ilvl")))
            style.outline = _int(ppr.find(qn("w:outlineLvl")))
        styles[el.get(qn("w:styleId"), "")] = style
        if el.get(qn("w:type")) == "paragraph" and el.get(qn("w:default")) in ("1", "true", "on"):
            default = el.get(qn("w:styleId"), "")
    return styles, default


def _numbering_root(document: object) -> _Element | None:
    """word/numbering.xml if the package has one (python-docx would add an empty part otherwise)."""
    part = document.part  # type: ignore[attr-defined]
    for rel in part.rels.values():
        if rel.reltype.endswith("/numbering") and not rel.is_external:
            element = getattr(rel.target_part, "element", None)
            return element if element is not None and element.tag == qn("w:numbering") else None
    return None


def _style_id(p: _Element) -> str:
    ppr = p.find(qn("w:pPr"))
    style = ppr.find(qn("w:pStyle")) if ppr is not None else None
    return style.get(_W_VAL, "") if style is not None else ""


def _int(el: _Element | None) -> int | None:
    return _int_attr(el, _W_VAL) if el is not None else None


def _int_attr(el: _Element, attr: str) -> int | None:
    try:
        return int(el.get(attr, ""))
    except ValueError:
        return None
