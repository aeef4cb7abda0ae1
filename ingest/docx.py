"""DOCX reader: body paragraphs and tables in reading order, explicit page breaks kept as page starts."""

from __future__ import annotations

import zipfile
from pathlib import Path

import docx
from docx.opc.exceptions import OpcError
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph
from lxml.etree import XMLSyntaxError

from chidao.errors import UnreadableFileError
from chidao.model import RawText
from ingest import legacy
from ingest.normalize import PAGE_MARK, build_raw_text
from ingest.tables import from_grid, table_lines

SAVE_AGAIN = "Open it in Word, save it again as .docx and re-ingest."
CELL_SEPARATOR = " | "
# Tables with this many columns hold data (task tables, figures); narrower ones lay out a page (the
# header block, "Nơi nhận" beside the signature) and are read cell by cell.
DATA_COLUMNS = 3
# Text-bearing runs: w:t is text, w:tab a tab, w:br/w:cr a line break (a page break is a w:br too).
_T, _TAB, _BR, _CR = qn("w:t"), qn("w:tab"), qn("w:br"), qn("w:cr")
_TYPE = qn("w:type")


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
        document = docx.Document(str(path))
    except (zipfile.BadZipFile, OpcError, KeyError, XMLSyntaxError, ValueError) as exc:
        raise UnreadableFileError(
            f"damaged DOCX, not a valid Word file ({exc})", path=path, hint=SAVE_AGAIN
        ) from exc
    blocks: list[str] = []
    for child in document.element.body.iterchildren():
        if child.tag == qn("w:p"):
            blocks.append(_paragraph_text(Paragraph(child, document)))
        elif child.tag == qn("w:tbl"):
            blocks.append(_table_text(Table(child, document)))
    # Paragraphs are separated by blank lines, like the TXT corpus; a table is one block.
    text = "\n\n".join(b for b in blocks if b.strip(" \t" + PAGE_MARK) or PAGE_MARK in b)
    text, name = legacy.convert(text)  # runs in .VnTime (TCVN3) or VNI-Times fonts
    return build_raw_text(text, format="docx", warnings=(legacy.warning(name),) if name else ())


def _paragraph_text(paragraph: Paragraph, *, marks: bool = True) -> str:
    """Paragraph text with PAGE_MARK at explicit page breaks (w:br type=page, pageBreakBefore)."""
    parts: list[str] = []
    if marks and _page_break_before(paragraph):
        parts.append(PAGE_MARK)
    for node in paragraph._p.iter(_T, _TAB, _BR, _CR):
        if node.tag == _T:
            parts.append(node.text or "")
        elif node.tag == _TAB:
            parts.append(" ")
        elif node.tag == _BR and node.get(_TYPE) == "page":
            parts.append(PAGE_MARK if marks else "")
        else:
            parts.append("\n")
    return "".join(parts).strip(" ")


def _page_break_before(paragraph: Paragraph) -> bool:
    ppr = paragraph._p.pPr
    if ppr is None:
        return False
    flag = ppr.find(qn("w:pageBreakBefore"))
    return flag is not None and flag.get(qn("w:val"), "true") not in ("0", "false", "off")


def _table_text(table: Table) -> str:
    grid = _grid(table)
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
            cells.append(_cell_lines(cell))
        if all(len(lines) <= 1 for lines in cells):
            rows.append(CELL_SEPARATOR.join(lines[0] if lines else "" for lines in cells).strip())
        else:
            rows.append("\n\n".join("\n".join(lines) for lines in cells if lines))
    return "\n".join(r for r in rows if r.strip(" |"))


def _grid(table: Table) -> list[list[str | None]]:
    """Cell texts per grid slot: a vMerge cell repeated in each row (python-docx gives the top cell),
    None in the slots a gridSpan cell covers to its right (see tables.from_grid)."""
    grid: list[list[str | None]] = []
    for row in table.rows:
        out: list[str | None] = []
        prev = None
        for cell in row.cells:
            out.append(None if cell._tc is prev else " ".join(_cell_lines(cell)))
            prev = cell._tc
        grid.append(out)
    return grid


def _cell_lines(cell: object) -> list[str]:
    """Paragraphs of a cell (nested tables flattened), each as one line; empty ones become one "".

    The empty paragraphs kept inside are the signing space between "PHÓ BÍ THƯ" and the name.
    """
    lines: list[str] = []
    for child in cell._tc.iterchildren():  # type: ignore[attr-defined]
        if child.tag == qn("w:p"):
            text = " ".join(_paragraph_text(Paragraph(child, cell), marks=False).split())  # type: ignore[arg-type]
            if text or (lines and lines[-1]):
                lines.append(text)
        elif child.tag == qn("w:tbl"):
            lines += [x for x in _table_text(Table(child, cell)).splitlines() if x.strip()]  # type: ignore[arg-type]
    while lines and not lines[-1]:
        lines.pop()
    return lines
