"""DOCX reader: body paragraphs and tables in reading order, explicit page breaks kept as page starts."""

from __future__ import annotations

import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path

import docx
from docx.exceptions import InvalidXmlError
from docx.opc.exceptions import OpcError
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph
from lxml.etree import XMLSyntaxError, _Element

from chidao.core.errors import UnreadableFileError
from chidao.core.model import RawText
from ingest import legacy
from ingest.docx_numbering import ListLabels
from ingest.normalize import PAGE_MARK, build_raw_text
from ingest.tables import from_grid, table_lines

SAVE_AGAIN = "Open it in Word, save it again as .docx and re-ingest."
# Zip-bomb limits, checked on the declared sizes and again while inflating each member (declared sizes
# can lie). The most compressed part of a real .docx we hold is 32:1 (stylesWithEffects.xml of the eval
# plan ke-hoach-35, 438 KB); parts under RATIO_FLOOR are never refused for their ratio.
MAX_RATIO = 100
RATIO_FLOOR = 2 * 2**20
MAX_INFLATED = 100 * 2**20
MAX_MEMBERS = 5_000
# python-docx parses the XML parts into lxml trees: a 38 MB document.xml (29 M characters) peaked at
# 560 MB RSS and was refused in 16 s (its text is over ingest/reader.py's MAX_TEXT_CHARS).
MAX_XML_PART = 40 * 2**20
_CHUNK = 1 << 16
CELL_SEPARATOR = " | "
# Tables with this many columns hold data (task tables, figures); narrower ones lay out a page (the
# header block, "Nơi nhận" beside the signature) and are read cell by cell.
DATA_COLUMNS = 3
# Text-bearing runs: w:t is text, w:tab a tab, w:br/w:cr a line break (a page break is a w:br too).
_T, _TAB, _BR, _CR = qn("w:t"), qn("w:tab"), qn("w:br"), qn("w:cr")
_TYPE = qn("w:type")
# Block-level wrappers whose paragraphs and tables are read in place: a content control (w:sdt, its
# text in w:sdtContent) and custom XML markup.
_SDT, _SDT_CONTENT, _CUSTOM_XML = qn("w:sdt"), qn("w:sdtContent"), qn("w:customXml")
# Text boxes: the paragraphs of a w:txbxContent. Word 2010+ saves a shape twice inside
# mc:AlternateContent (a DrawingML wps:txbx in mc:Choice, a VML v:textbox copy in mc:Fallback for
# older readers): the first mc:Choice is read, its mc:Fallback never.
_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_ALTERNATE, _CHOICE, _FALLBACK = f"{{{_MC}}}AlternateContent", f"{{{_MC}}}Choice", f"{{{_MC}}}Fallback"
_TXBX_CONTENT = qn("w:txbxContent")
_WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
_POSITION_H, _POS_OFFSET = f"{{{_WP}}}positionH", f"{{{_WP}}}posOffset"
# A content control Word fills itself: its text repeats the document's own headings.
_GENERATED = {"Table of Contents", "Bibliographies"}
# A paragraph styled as a heading (Heading 1, outline level 1) longer than this is body text given a
# heading style by mistake, not a title; it keeps no heading mark.
MAX_HEADING_CHARS = 300


def read_docx(path: Path) -> RawText:
    """Read a .docx: one line per paragraph, one line per table row ("cell | cell"); merged cells once.

    A row whose cells hold several paragraphs (a header block or "Nơi nhận" + signature laid out as a
    table) comes out cell after cell instead, so each cell's lines stay together.
    """
    # A .docx is a ZIP package; a truncated download or a renamed .doc is not one.
    if not zipfile.is_zipfile(path):
        raise UnreadableFileError(
            "damaged DOCX, not a valid Word file (not a ZIP package)", path=path, hint=SAVE_AGAIN
        )
    try:
        check_package(path)
        document = docx.Document(str(path))
    except UnreadableFileError:
        raise
    except (
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        OpcError,
        KeyError,
        XMLSyntaxError,
        ValueError,
        NotImplementedError,
        EOFError,
        zlib.error,
    ) as exc:
        raise UnreadableFileError(
            f"damaged DOCX, not a valid Word file ({exc})", path=path, hint=SAVE_AGAIN
        ) from exc
    body = document.element.find(qn("w:body"))
    if document.element.tag != qn("w:document") or body is None:  # found by tests/ingest/test_fuzz.py
        raise UnreadableFileError(
            "damaged DOCX, not a valid Word file (its main part is not a Word document)",
            path=path,
            hint=SAVE_AGAIN,
        )
    _drop_fallbacks(body)
    # Word's automatic list numbers are not in the paragraph text: count them over the whole document
    # first (body and table cells, in reading order), then write each label before its text.
    numbering = ListLabels(document)
    labels = numbering.label_all(body)
    blocks: list[str] = []
    header = ""  # the first line of the table just read, while only empty paragraphs follow it
    for child in _block_children(body):
        if child.tag == qn("w:p"):
            text = _paragraph_text(Paragraph(child, document), labels)
            # A numbered heading is read by its number ("II. Nhiệm vụ"); an unnumbered one needs a mark.
            level = 0 if child in labels else numbering.heading_level(child)
            blocks.append(_heading_mark(text, level))
            # Text boxes anchored in the paragraph follow it, each a block of one line per paragraph,
            # the way a layout table's cells are read: two boxes side by side at the top (issuer and
            # number left, quốc hiệu and date right) come out like a two-cell header table.
            boxes = ["\n".join(lines) for lines in _text_boxes(child, document, labels)]
            blocks += [b for b in boxes if b.strip()]
            header = header if not (text + "".join(boxes)).strip(" \t\n" + PAGE_MARK) else ""
        elif child.tag == qn("w:tbl"):
            text = _table_text(Table(child, document), labels)
            first, _, rest = text.partition("\n")
            # A table split at a page break with its header row typed again: the header is said once.
            blocks.append(rest if header and first == header and CELL_SEPARATOR in first else text)
            header = first
    # Paragraphs are separated by blank lines, like the TXT corpus; a table is one block.
    text = "\n\n".join(b for b in blocks if b.strip(" \t" + PAGE_MARK) or PAGE_MARK in b)
    text, name = legacy.convert(text)  # runs in .VnTime (TCVN3) or VNI-Times fonts
    return build_raw_text(text, format="docx", warnings=(legacy.warning(name),) if name else ())


def check_package(path: Path) -> None:
    """Refuse a ZIP package whose members inflate too far (a zip bomb) before python-docx reads it."""
    with zipfile.ZipFile(path) as package:
        members = package.infolist()
        if len(members) > MAX_MEMBERS:
            _bomb(path, f"{len(members):,} parts in the package (the limit is {MAX_MEMBERS:,})")
        for member in members:
            if member.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
                _bomb(path, f"part {member.filename} uses a compression Word never writes")
            _check_size(path, member, member.file_size)
        if sum(m.file_size for m in members) > MAX_INFLATED:
            _bomb(path, f"its parts inflate to more than {MAX_INFLATED // 2**20} MB")
        total = 0
        for member in members:
            inflated = 0
            with package.open(member) as stream:
                while chunk := stream.read(_CHUNK):
                    inflated += len(chunk)
                    total += len(chunk)
                    _check_size(path, member, inflated)
                    if total > MAX_INFLATED:
                        _bomb(path, f"its parts inflate to more than {MAX_INFLATED // 2**20} MB")


def _check_size(path: Path, member: zipfile.ZipInfo, inflated: int) -> None:
    if inflated > MAX_XML_PART and member.filename.endswith((".xml", ".rels")):
        _bomb(path, f"part {member.filename} is more than {MAX_XML_PART // 2**20} MB of XML")
    if inflated > RATIO_FLOOR and inflated > MAX_RATIO * max(member.compress_size, 1):
        _bomb(path, f"part {member.filename} inflates more than {MAX_RATIO}:1 (a zip bomb?)")


def _bomb(path: Path, problem: str) -> None:
    raise UnreadableFileError(
        f"refused: {problem}", path=path, hint="Open it in Word, save it again as .docx and re-ingest."
    )


def _heading_mark(text: str, level: int) -> str:
    """A heading-styled paragraph as a Markdown heading line, the way the parser reads headings of
    .md files: "Heading 1" is a section ("##", like "I." or a line in capitals), each level below one
    "#" more."""
    body = text.lstrip(PAGE_MARK)
    if not level or not body.strip() or len(body) > MAX_HEADING_CHARS:
        return text
    return text[: len(text) - len(body)] + "#" * min(level + 1, 6) + " " + body


def _paragraph_text(paragraph: Paragraph, labels: dict[object, str], *, marks: bool = True) -> str:
    """Paragraph text with PAGE_MARK at explicit page breaks (w:br type=page, pageBreakBefore), after
    its list label ("II.", "a)", "-") when Word numbers it."""
    parts: list[str] = []
    if marks and _page_break_before(paragraph):
        parts.append(PAGE_MARK)
    label = labels.get(paragraph._p, "")
    for node in _text_nodes(paragraph._p):
        if node.tag == _T:
            parts.append(node.text or "")
        elif node.tag == _TAB:
            parts.append(" ")
        elif node.tag == _BR and node.get(_TYPE) == "page":
            parts.append(PAGE_MARK if marks else "")
        else:
            parts.append("\n")
    text = "".join(parts).strip(" ")
    body = text.lstrip(PAGE_MARK)
    if label and body.strip():  # an empty numbered paragraph counts in Word but says nothing
        text = text[: len(text) - len(body)] + label + " " + body.lstrip()
    return text


def _text_nodes(element: _Element) -> Iterator[_Element]:
    """The w:t, w:tab, w:br and w:cr of a paragraph in order, leaving out its text boxes (read by
    _text_boxes) and the mc:Fallback copy of an mc:AlternateContent that has a choice."""
    for child in element.iterchildren():
        if child.tag in (_T, _TAB, _BR, _CR):
            yield child
        elif child.tag == _TXBX_CONTENT:
            continue
        elif child.tag == _ALTERNATE:
            yield from _text_nodes(_alternative(child))
        else:
            yield from _text_nodes(child)


def _drop_fallbacks(body: _Element) -> None:
    """Remove the mc:Fallback copy of every mc:AlternateContent that has a choice (the copy in memory
    only): its paragraphs are never read, and Word does not count their list numbers."""
    for alternate in list(body.iter(_ALTERNATE)):
        if alternate.find(_CHOICE) is not None:
            for fallback in alternate.findall(_FALLBACK):
                alternate.remove(fallback)


def _alternative(element: _Element) -> _Element:
    """The part of an mc:AlternateContent to read: its first mc:Choice, else its mc:Fallback."""
    for tag in (_CHOICE, _FALLBACK):
        if (part := element.find(tag)) is not None:
            return part
    return element


def _box_contents(element: _Element) -> Iterator[_Element]:
    """The w:txbxContent of the text boxes in an element, outermost only, the fallback copies left out."""
    for child in element.iterchildren():
        if child.tag == _TXBX_CONTENT:
            yield child
        elif child.tag == _ALTERNATE:
            yield from _box_contents(_alternative(child))
        else:
            yield from _box_contents(child)


def _text_boxes(p: _Element, parent: object, labels: dict[object, str]) -> list[list[str]]:
    """Lines of each text box anchored in a paragraph (nested boxes after their box), left to right
    when the boxes say where they stand, else in the order they were drawn."""
    boxes: list[tuple[float, list[str]]] = []
    for content in _box_contents(p):
        lines = _content_lines(content, parent, labels)
        boxes += [(_horizontal_offset(content), lines)] if lines else []
        boxes += [(float("inf"), x) for x in _text_boxes_in(content, parent, labels)]
    if all(offset != float("inf") for offset, _ in boxes):
        boxes.sort(key=lambda box: box[0])
    return [lines for _, lines in boxes]


def _text_boxes_in(content: _Element, parent: object, labels: dict[object, str]) -> list[list[str]]:
    """Lines of the text boxes anchored in the paragraphs of a text box."""
    out: list[list[str]] = []
    for child in _block_children(content):
        if child.tag == qn("w:p"):
            out += _text_boxes(child, parent, labels)
    return out


def _horizontal_offset(content: _Element) -> float:
    """The horizontal offset (EMU) of a DrawingML text box from its anchor, inf when it has none."""
    for ancestor in content.iterancestors():
        if (pos := ancestor.find(f"{_POSITION_H}/{_POS_OFFSET}")) is not None:
            try:
                return float(pos.text or "")
            except ValueError:
                return float("inf")
    return float("inf")


def _page_break_before(paragraph: Paragraph) -> bool:
    ppr = paragraph._p.pPr
    if ppr is None:
        return False
    flag = ppr.find(qn("w:pageBreakBefore"))
    return flag is not None and flag.get(qn("w:val"), "true") not in ("0", "false", "off")


def _table_text(table: Table, labels: dict[object, str]) -> str:
    grid = _grid(table, labels)
    if len(grid) >= 2 and max(len(r) for r in grid) >= DATA_COLUMNS:
        return "\n".join(table_lines(from_grid(grid)))
    rows: list[str] = []
    for row in table.rows:
        cells = []
        seen: set[int] = set()
        for cell in row.cells:
            if id(cell._tc) in seen:  # a horizontally merged cell repeats itself in row.cells
                continue
            seen.add(id(cell._tc))
            cells.append(_cell_lines(cell, labels))
        if all(len(lines) <= 1 for lines in cells):
            rows.append(CELL_SEPARATOR.join(lines[0] if lines else "" for lines in cells).strip())
        else:
            rows.append("\n\n".join("\n".join(lines) for lines in cells if lines))
    return "\n".join(r for r in rows if r.strip(" |"))


def _grid(table: Table, labels: dict[object, str]) -> list[list[str | None]]:
    """Cell texts per grid slot: a vMerge cell repeated in each row (python-docx gives the top cell),
    None in the slots a gridSpan cell covers to its right (see tables.from_grid)."""
    grid: list[list[str | None]] = []
    tbl_grid = table._tbl.tblGrid
    width = len(tbl_grid.gridCol_lst) if tbl_grid is not None else 0
    for row in table.rows:
        cells = row.cells
        # A row may start to the right of the grid's first column (w:gridBefore): its cells go under
        # the columns they stand in, not shifted to the left.
        out: list[str | None] = [""] * _grid_before(row._tr, len(cells), width)
        prev = None
        for cell in cells:
            out.append(None if cell._tc is prev else " ".join(_cell_lines(cell, labels)))
            prev = cell._tc
        grid.append(out)
    return grid


def _grid_before(tr: object, cells: int, width: int) -> int:
    """The w:gridBefore of a row of `cells` grid slots in a grid `width` wide; 0 when absent,
    unreadable or pushing the row past the grid (a damaged file)."""
    try:
        before = int(tr.grid_before)  # type: ignore[attr-defined]
    except (ValueError, TypeError, InvalidXmlError):
        return 0
    return before if 0 < before and before + cells <= width else 0


def _block_children(element: object) -> Iterator[_Element]:
    """Paragraphs and tables of a body or cell in reading order, those inside a content control or
    custom XML markup in their place; a generated table of contents is left out."""
    for child in element.iterchildren():  # type: ignore[attr-defined]
        if child.tag == _SDT:
            gallery = child.find(f"{qn('w:sdtPr')}/{qn('w:docPartObj')}/{qn('w:docPartGallery')}")
            content = child.find(_SDT_CONTENT)
            if content is not None and (gallery is None or gallery.get(qn("w:val")) not in _GENERATED):
                yield from _block_children(content)
        elif child.tag == _CUSTOM_XML:
            yield from _block_children(child)
        else:
            yield child


def _cell_lines(cell: object, labels: dict[object, str]) -> list[str]:
    """Lines of a cell (nested tables flattened): one per paragraph and per line break inside one
    ("Nơi nhận:" and its list typed as one paragraph with Shift+Enter); empty ones become one "".

    The empty lines kept inside are the signing space between "PHÓ BÍ THƯ" and the name.
    """
    return _content_lines(cell._tc, cell, labels)  # type: ignore[attr-defined]


def _content_lines(element: _Element, parent: object, labels: dict[object, str]) -> list[str]:
    """Lines of a table cell or a text box, as _cell_lines says."""
    lines: list[str] = []
    for child in _block_children(element):
        if child.tag == qn("w:p"):
            for part in _paragraph_text(Paragraph(child, parent), labels, marks=False).split("\n"):  # type: ignore[arg-type]
                text = " ".join(part.split())
                if text or (lines and lines[-1]):
                    lines.append(text)
            for box in _text_boxes(child, parent, labels):
                lines += box
        elif child.tag == qn("w:tbl"):
            lines += [x for x in _table_text(Table(child, parent), labels).splitlines() if x.strip()]  # type: ignore[arg-type]
    while lines and not lines[-1]:
        lines.pop()
    return lines
