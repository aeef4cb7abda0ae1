"""Structure parser: metadata, the unit tree and the cited documents of one document text."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from chidao.core.model import ParsedDocument, RawText, Unit
from chidao.core.vncase import is_upper
from chidao.core.vocab import KIND_HEADINGS
from ingest import metadata as md
from ingest.frame import APPENDIX, closing_blocks, front_matter, read_metadata
from ingest.lines import (
    CHAPTER,
    PART,
    SECTION_MUC,
    TABLE_SEPARATOR,
    Line,
    classify,
    ends_sentence,
    split_lines,
)
from ingest.references import find_references, number_key

# A heading line ("1. Nâng cao nhận thức…", no final punctuation) takes the paragraph right after it
# into its unit, so that a hit shows the task with its heading; longer bodies stay separate units.
MAX_ABSORBED = 1500
_RANK = {"part": 0, "chapter": 1, "section": 2, "article": 3, "item": 4, "decimal": 5, "subitem": 6}
_DIVISIONS = ("part", "chapter", "section")
# "(Ban hành kèm theo Quyết định số …)": the line under the title of a text attached to a decision.
_ATTACHED_BY = re.compile(r"^\(?\s*(?:Ban hành\s+)?kèm theo\b", re.IGNORECASE)
# Closing formula of the body: "Chỉ thị này được phổ biến…", "Nhận được Công văn này…"; counts
# only as the last paragraph(s), since "Công tác này …" may open any paragraph.
_CLOSING_FORMULA = re.compile(r"^(?:Nhận được\s+)?\S+(?:\s+\S+)?\s+này\b")
# Closing paragraphs after the last item that speak to the audience or close the text: "Thưa các
# đồng chí!", "Kính thưa …", "Chúc …", "Xin trân trọng cảm ơn!", "Trên đây là …". They belong to
# the whole text, not to its last item.
_CLOSING = re.compile(
    r"^(?:(?:Kính\s+)?thưa\b|(?:Xin\s+)?chúc\b|(?:Xin\s+)?(?:trân trọng\s+|chân thành\s+)*cảm ơn\b"
    r"|Trên đây là\b)",
    re.IGNORECASE,
)


@dataclass(slots=True)
class _Block:
    first: int
    last: int
    kind: str
    num: str = ""


@dataclass(slots=True)
class _Node:
    kind: str
    label: str
    start: int
    end: int
    parent: int | None
    own_heading: str = ""  # the text this unit adds to its children's heading context
    rank: int = 99
    container: bool = False  # whether following plain paragraphs belong to it
    absorbs: bool = False  # a heading line that takes the next paragraph into its unit
    group: bool = False  # a group row of a table ("II | DI DỜI, SẮP XẾP DÂN CƯ"): its rows follow
    children: list[int] = field(default_factory=list)


def parse_document(raw: RawText, doc_id: str = "") -> ParsedDocument:
    """Metadata, units in reading order and (unresolved) references of a document text."""
    text = raw.text
    lines = split_lines(text)
    front, body_start = front_matter(lines)
    closing = closing_blocks(lines, body_start)
    nodes = [_Node(kind, "", lines[a].start, lines[b].end, None) for kind, a, b in front]
    _parse_body(lines, body_start, closing, nodes)
    units = _to_units(nodes, text, raw.page_starts, doc_id)
    meta = read_metadata(lines, front, closing, text)
    own = number_key(meta.number) if meta.number else None
    refs = tuple(r for r in find_references(text, units) if not (own and number_key(r.number) == own))
    return ParsedDocument(text=text, metadata=meta, units=units, references=refs)


# --- body: blocks, hierarchy, units ------------------------------------------------------------


def _parse_body(lines: list[Line], lo: int, closing: list[tuple[str, int, int]], nodes: list[_Node]) -> None:
    closing_at = {a: (kind, b) for kind, a, b in closing}
    blocks = _blocks(lines, lo, closing_at)
    stack: list[int] = []  # indices into nodes
    seen_structure = False
    last_body = max((i for i, b in enumerate(blocks) if b.kind not in ("cc", "signature")), default=-1)
    closing_from = _closing_start(blocks, lines, last_body)
    for bi, block in enumerate(blocks):
        start, end = lines[block.first].start, lines[block.last].end
        first_clean = lines[block.first].clean
        if block.kind in ("cc", "signature"):
            stack.clear()
            nodes.append(_Node(block.kind, "", start, end, None))
            continue
        if block.kind == "paragraph" and seen_structure and bi >= closing_from:
            nodes.append(_Node("paragraph", "", start, end, None))
            continue
        if block.kind == "paragraph":
            prev = nodes[-1] if nodes else None
            if prev and prev.absorbs and bi > 0 and blocks[bi - 1].kind not in ("paragraph", "table", "dash"):
                if end - prev.start <= MAX_ABSORBED:
                    prev.end, prev.absorbs = end, False
                    continue
            while stack and not nodes[stack[-1]].container:
                stack.pop()
            parent = stack[-1] if stack else None
            kind = "paragraph" if seen_structure else "preamble"
            nodes.append(_Node(kind, _label_of(nodes, parent), start, end, parent))
            continue
        if block.kind == "dash":
            while stack and nodes[stack[-1]].rank >= 7:
                stack.pop()
            parent = stack[-1] if stack else None
            kind = "dash" if seen_structure else "preamble"
            nodes.append(_Node(kind, _label_of(nodes, parent), start, end, parent))
            continue
        if block.kind == "table":
            _table_row(lines, block, nodes, stack)
            continue
        # Structural blocks and headings.
        seen_structure = True
        kind, rank, label = _structure(block, lines, nodes, stack, _is_attachment(blocks, bi, lines, nodes))
        text = " ".join(lines[k].clean for k in range(block.first, block.last + 1) if lines[k].clean)
        heading_text = text if rank <= 2 else _short(first_clean)
        headline = not ends_sentence(lines[block.last].clean)
        # "1. Ghi nhận kết quả bước đầu" / "Đặc khu …." in one block (no blank lines to part them):
        # a heading line with its first paragraph, so the paragraphs after it are its own too.
        titled = block.last > block.first and not ends_sentence(first_clean) and rank >= 3
        # A khoản (an item of an article) holds the plain paragraphs after it, also those after its
        # last điểm: "1. Lãi suất vay do các bên thỏa thuận." / "Trường hợp các bên có thỏa thuận …".
        container = rank <= 3 or headline or titled or text.endswith(":") or kind == "clause"
        parent = stack[-1] if stack else None
        node = _Node(kind, label, start, end, parent, heading_text, rank, container)
        node.absorbs = headline and rank >= 3 and not lines[block.first].markdown_level
        nodes.append(node)
        stack.append(len(nodes) - 1)


def _closing_start(blocks: list[_Block], lines: list[Line], last_body: int) -> int:
    """Index of the first closing paragraph in the run of paragraphs ending the body (see _CLOSING)."""
    start = last_body + 1
    formula_allowed = True  # a formula counts when nothing but closings follows it
    i = last_body
    while i >= 0 and blocks[i].kind == "paragraph":
        clean = lines[blocks[i].first].clean
        if _CLOSING.match(clean):
            start = i
        elif formula_allowed and i + 1 == start and _CLOSING_FORMULA.match(clean):
            start, formula_allowed = i, False
        else:
            formula_allowed = False
        i -= 1
    return start


def _blocks(lines: list[Line], lo: int, closing_at: dict[int, tuple[str, int]]) -> list[_Block]:
    """Group lines into blocks: a marker line, a table row or a blank line starts a new block."""
    body = [ln for ln in lines[lo:] if ln.text]
    # With blank lines between paragraphs a single line break is a wrap; without them (DOCX, some
    # PDF extractions) a line ending a sentence followed by a capital starts a new paragraph.
    blank_separated = sum(1 for ln in lines[lo:] if not ln.text) >= 0.3 * max(len(body), 1)
    blocks: list[_Block] = []
    cur: _Block | None = None
    blank_before = False
    items: set[int] = set()  # numbers of the items met so far
    tab_rows = _tab_table_rows(lines, lo)
    k = lo
    while k < len(lines):
        line = lines[k]
        if k in closing_at:
            kind, last = closing_at[k]
            blocks.append(_Block(k, last, kind))
            cur, blank_before, k = None, False, last + 1
            continue
        if not line.text:
            blank_before = True
            k += 1
            continue
        if TABLE_SEPARATOR.match(line.text) and cur is not None and cur.kind == "table":
            k += 1
            continue
        kind, num = classify(line) if k not in tab_rows else ("table", "")
        if (
            kind == "item"
            and cur is not None
            and not blank_before
            and _out_of_sequence(num, items, lines, cur)
        ):
            # "… giảm còn dưới" / "15. Đây là …": a number wrapped to the start of a line, no item.
            kind = "paragraph"
        elif kind == "item":
            items.add(int(num))
        # "Chương I" / "QUY ĐỊNH CHUNG": the name of a division in capitals continues its marker line.
        title_line = kind == "heading" and not line.markdown_level and not APPENDIX.match(line.clean)
        if (
            cur is not None
            and (kind == "paragraph" or (title_line and cur.kind in _DIVISIONS))
            and _continues(cur, lines, k, blank_before, blank_separated)
        ):
            cur.last = k
        else:
            cur = _Block(k, k, kind, num)
            blocks.append(cur)
        blank_before = False
        k += 1
    return blocks


def _continues(cur: _Block, lines: list[Line], k: int, blank_before: bool, blank_separated: bool) -> bool:
    prev, line = lines[cur.last].clean, lines[k].clean
    wrapped = not ends_sentence(prev) and line[:1].islower()
    if cur.kind in ("table", "cc", "signature"):
        return False
    if blank_before:
        # "Phần thứ nhất" / blank line / "KẾT QUẢ …" (PDF readers): the bare marker takes its title.
        if cur.kind in _DIVISIONS and cur.first == cur.last and _bare_marker(prev) and is_upper(line):
            return True
        # A page break inside a paragraph leaves "tạo" / blank line / "điều kiện…": same paragraph.
        return wrapped and cur.kind not in ("heading", "part", "chapter", "section")
    if cur.kind in ("part", "chapter", "section", "heading"):
        return is_upper(line) or wrapped
    if blank_separated:
        return True
    return not ends_sentence(prev) or line[:1].islower()


# A table pasted from a spreadsheet into a text file: one row a line, cells parted by tabs. Two
# columns are what a header or signature typed with tabs has, so a table needs three or more cells
# in each of two lines or more. The rows keep their text as written (tabs and all).
_MIN_TAB_CELLS = 3


def _tab_table_rows(lines: list[Line], lo: int) -> set[int]:
    """Indices of the body lines that are rows of tab-separated tables."""
    rows: set[int] = set()
    run: list[int] = []
    for k in range(lo, len(lines) + 1):
        if k < len(lines) and len(_tab_cells(lines[k].text)) >= _MIN_TAB_CELLS:
            run.append(k)
            continue
        if len(run) >= 2:
            rows.update(run)
        run = []
    return rows


def _tab_cells(text: str) -> list[str]:
    return [c.strip() for c in text.split("\t") if c.strip()] if "\t" in text else []


def _cells(line: Line) -> list[str]:
    """The cells of a table row: tab-separated ones, else " | " ones (readers' and Markdown tables)."""
    return _tab_cells(line.text) or md.cells(line.text)


def _out_of_sequence(num: str, items: set[int], lines: list[Line], cur: _Block) -> bool:
    """True for a line opening with "15." inside a sentence: the line before does not end one and no
    item 14 came before (an item list starts at 1; a nested list may restart anywhere at 1)."""
    n = int(num)
    return n != 1 and n - 1 not in items and not ends_sentence(lines[cur.last].clean)


def _bare_marker(clean: str) -> bool:
    """True for a division marker with no name on its line: "Phần thứ nhất", "Chương II", "Mục 1"."""
    m = PART.match(clean) or CHAPTER.match(clean) or SECTION_MUC.match(clean)
    return m is not None and not clean[m.end() :].strip(" .:-–")


def _is_attachment(blocks: list[_Block], bi: int, lines: list[Line], nodes: list[_Node]) -> str:
    """The kind of a text attached to the document that this heading opens ("Quy chế"), or "".

    "QUY CHẾ" / "tổ chức và hoạt động …" / "(Ban hành kèm theo Quyết định số …)", or a kind's
    heading after the signature of the decision: a text of its own, whose Điều 1 is not the
    decision's Điều 1.
    """
    block = blocks[bi]
    if block.kind != "heading" or lines[block.first].markdown_level:
        return ""
    first = lines[block.first].clean
    kind = next((name for head, name in KIND_HEADINGS.items() if re.match(rf"{head}\b", first)), "")
    if not kind:
        return ""
    signed = any(n.kind in ("signature", "cc") for n in nodes)
    following = [lines[k].clean for k in range(block.first + 1, min(block.last + 4, len(lines)))]
    return kind if signed or any(_ATTACHED_BY.match(t) for t in following) else ""


def _structure(
    block: _Block, lines: list[Line], nodes: list[_Node], stack: list[int], attached: str = ""
) -> tuple[str, int, str]:
    """(unit kind, rank, label) of a structural block; pops the stack to its parent.

    An appendix or an attached text (`attached`, "Quy chế") ranks above everything and prefixes the
    labels of its parts, chapters and articles: "Quy chế, Điều 3.1" is not the decision's "Điều 3".
    """
    kind, num = block.kind, block.num
    clean = lines[block.first].clean
    if kind == "heading":
        level = lines[block.first].markdown_level
        appendix = bool(APPENDIX.match(clean))
        rank = -1 if appendix or attached else {0: 2, 1: 0, 2: 2, 3: 4}.get(level, 5)
        while stack and nodes[stack[-1]].rank >= rank:
            stack.pop()
        label = "Phụ lục" if appendix else attached or _label_of(nodes, stack[-1] if stack else None)
        return "heading", rank, label
    rank = _RANK[kind]
    while stack and nodes[stack[-1]].rank >= rank:
        stack.pop()
    parent = stack[-1] if stack else None
    parent_label = _label_of(nodes, parent)
    # An attached text's own prefix, when its articles are numbered from 1 again.
    top = (
        nodes[stack[0]] if stack and nodes[stack[0]].rank < 0 and nodes[stack[0]].label != "Phụ lục" else None
    )
    prefix = f"{top.label}, " if top else ""
    if kind == "part":
        return "part", rank, f"{prefix}Phần {num}"
    if kind == "chapter":
        return "chapter", rank, f"{prefix}Chương {num}"
    if kind == "section":
        own = num if re.fullmatch(r"[IVXL]+", num) and not clean.lower().startswith("mục") else f"Mục {num}"
        return "section", rank, _join(parent_label, own)
    if kind == "article":
        return "article", rank, f"{prefix}Điều {num}"  # numbered through the whole (attached) text
    if kind == "item" and parent is not None and nodes[parent].kind == "article":
        return "clause", rank, _join(parent_label, num)
    if kind == "decimal":
        while parent is not None and nodes[parent].rank >= _RANK["item"]:
            parent = nodes[parent].parent
        return "item", rank, _join(_label_of(nodes, parent), num)
    return kind, rank, _join(parent_label, num)


def _table_row(lines: list[Line], block: _Block, nodes: list[_Node], stack: list[int]) -> None:
    """One unit per table row; the first row of a table (no number in its first cell) is the
    column header, kept as heading context of the rows."""
    line = lines[block.first]
    cells = _cells(line)
    in_table = (
        bool(stack) and nodes[stack[-1]].kind in ("table_row", "heading") and nodes[stack[-1]].rank == 8
    )
    if not in_table:
        while stack and nodes[stack[-1]].rank >= 8:
            stack.pop()
    if _GROUP_ROW.fullmatch(cells[0] if cells else "") and len(cells) == 2 and line.text.count("|") >= 2:
        # A group row: a Roman numeral and one text merged across the other columns. It heads the
        # numbered rows after it, up to the next group row.
        while in_table and nodes[stack[-1]].group:
            stack.pop()
        top = stack[-1] if stack else None
        parent = nodes[top].parent if in_table and top is not None and nodes[top].kind == "table_row" else top
        num = cells[0].rstrip(".")
        label = _join(_label_of(nodes, parent), num)
        nodes.append(
            _Node("heading", label, line.start, line.end, parent, f"{num}. {cells[1]}", 8, group=True)
        )
        stack.append(len(nodes) - 1)
        return
    parent = stack[-1] if stack else None
    if not in_table and cells and not re.fullmatch(r"\d+\.?", cells[0]):
        names = " | ".join(cells) if "\t" in line.text else line.clean  # the column names, as context
        nodes.append(_Node("heading", _label_of(nodes, parent), line.start, line.end, parent, names, 8))
        stack.append(len(nodes) - 1)
        return
    if in_table:
        parent = nodes[stack[-1]].parent if nodes[stack[-1]].kind == "table_row" else stack[-1]
    index = sum(1 for n in nodes if n.kind == "table_row" and n.parent == parent) + 1
    first = cells[0].rstrip(".") if cells and re.fullmatch(r"\d+\.?", cells[0]) else str(index)
    nodes.append(
        _Node("table_row", _join(_label_of(nodes, parent), first), line.start, line.end, parent, rank=8)
    )
    if not in_table:
        stack.append(len(nodes) - 1)


# The number of a group row in a table: "I", "II.", "IV" (Roman; the rows under it count 1, 2, …).
_GROUP_ROW = re.compile(r"[IVXL]{1,5}\.?")


def _label_of(nodes: list[_Node], index: int | None) -> str:
    return nodes[index].label if index is not None else ""


def _join(parent: str, own: str) -> str:
    return f"{parent}.{own}" if parent else own


def _short(text: str, limit: int = 160) -> str:
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + "…"


def _to_units(nodes: list[_Node], text: str, page_starts: tuple[int, ...], doc_id: str) -> tuple[Unit, ...]:
    """Units from nodes (already in reading order: parents precede their children)."""
    units = []
    for i, node in enumerate(nodes):
        chain: list[str] = []
        parent = node.parent
        while parent is not None:
            if nodes[parent].own_heading:
                chain.append(nodes[parent].own_heading)
            parent = nodes[parent].parent
        units.append(
            Unit(
                doc_id=doc_id,
                ordinal=i,
                kind=node.kind,  # type: ignore[arg-type]
                label=node.label,
                heading=" > ".join(reversed(chain)),
                text=text[node.start : node.end],
                start=node.start,
                end=node.end,
                pages=_pages(page_starts, node.start, node.end),
                parent=node.parent,
            )
        )
    return tuple(units)


def _pages(page_starts: tuple[int, ...], start: int, end: int) -> tuple[int, ...]:
    first = bisect.bisect_right(page_starts, start) or 1
    last = bisect.bisect_right(page_starts, max(start, end - 1)) or 1
    return tuple(range(first, last + 1))
