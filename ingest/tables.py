"""Tables of any reader as logical rows: header rows merged into column names, task tables normalised.

Readers (PDF geometry, DOCX cells, OCR word boxes) hand over a grid of cell texts, one list per
visual row of the table (merged cells as `from_grid` says). This module
decides which rows are the header, joins them into column names, and writes one line per logical
row: "cell | cell | …" — the format the parser turns into one `table_row` unit each.

A task-assignment table ("Phụ lục phân công nhiệm vụ": STT | Nội dung | Cơ quan chủ trì | Cơ quan
phối hợp | Thời gian hoàn thành, in any column order) is rewritten in one canonical column order,
STT | chủ trì | nội dung | phối hợp | thời hạn, so every later layer reads the responsible unit from
the second cell, the task from the third and the deadline from the last, whatever the source order.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from chidao.core.text import fold

CELL_SEPARATOR = " | "
# Roles of the columns of a task table, recognised by folded keywords of the header cell, strong
# keywords first: "Nội dung nhiệm vụ thực hiện" is the task although "thực hiện" often names the
# unit, and "Thời gian hoàn thành" is the deadline.
_ROLE_KEYWORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("number", ("stt", "tt", "so tt", "so thu tu")),
    ("support", ("phoi hop",)),  # "Cơ quan phối hợp", "Đơn vị phối hợp thực hiện"
    ("deadline", ("thoi gian", "thoi han", "tien do", "moc hoan thanh", "hoan thanh")),
    ("task", ("noi dung", "ten nhiem vu", "cong viec", "ten de an")),
    ("lead", ("chu tri", "phu trach", "thuc hien", "don vi", "co quan", "trach nhiem")),
    ("task", ("nhiem vu", "hoat dong", "giai phap")),
)
_WORD = re.compile(r"\w+")
TASK_ORDER = ("number", "lead", "task", "support", "deadline")
# A data row's first cell: "1", "1.", "2.3", "IV", "a)": header rows have words there.
_ROW_NUMBER = re.compile(r"^(?:\d{1,3}(?:\.\d{1,3})*\.?|[IVXL]{1,5}\.?|[a-zđ]\))$")
# A group row's text: a Roman number and its name ("III. LĨNH VỰC NƯỚC SINH HOẠT", "IV - Khác").
_GROUP_NAME = re.compile(r"([IVXL]{1,5})\s*[.):–-]\s*(\S.*)")


@dataclass(frozen=True, slots=True)
class Table:
    """A table as logical rows: `header` the column names ("" where unnamed), `rows` the data rows."""

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


def clean_cell(text: str | None) -> str:
    """A cell's wrapped lines joined with single spaces; "|" would split the row, so it becomes "/"."""
    return " ".join((text or "").replace("|", "/").split())


def from_grid(grid: Sequence[Sequence[str | None]]) -> Table:
    """A Table from visual rows of cell texts.

    Readers repeat a vertically merged cell into every row it spans (each row must stand alone) and
    put None in the slots a cell spans to its right: in header rows the name is repeated there
    ("Thiệt hại" over "Người" and "Nhà"), in data rows the slot stays empty, so the row keeps its
    column alignment without writing one value twice.

    Header rows are the leading rows before the first numbered row when the first column numbers
    the rows; otherwise the first row, and the row under it when it has a cell spanning columns.
    Rows whose first cell is empty in a numbered table continue the row above (a row split by a page
    break, a cell wrapped onto a row of its own).
    """
    spanned = [[c is None for c in row] for row in grid]
    rows = [[clean_cell(c) for c in row] for row in grid]
    keep = [i for i, r in enumerate(rows) if any(r)]
    rows, spanned = [rows[i] for i in keep], [spanned[i] for i in keep]
    if not rows:
        return Table((), ())
    width = max(len(r) for r in rows)
    rows = [r + [""] * (width - len(r)) for r in rows]
    spanned = [s + [False] * (width - len(s)) for s in spanned]
    full = [width >= 3 and bool(r[0]) and all(s[1:]) for r, s in zip(rows, spanned, strict=True)]
    rows = [_group_cells(r) if f else r for r, f in zip(rows, full, strict=True)]
    numbered = [i for i, r in enumerate(rows) if _ROW_NUMBER.match(r[0])]
    is_numbered = bool(numbered) and len(numbered) >= max(1, (len(rows) - numbered[0]) // 3)
    if is_numbered:
        n = numbered[0]
    else:
        n = 1
        while n < len(rows) and any(spanned[n - 1]) and not any(spanned[n]):
            n += 1
    # One cell across the whole table under the column names is a group row ("I. LĨNH VỰC THỦY
    # LỢI"): it opens the body, it names no column.
    n = next((i for i in range(1, n) if full[i] and not all(full[:i])), n)
    head = [_repeat_spans(r, s) for r, s in zip(rows[:n], spanned[:n], strict=True)]
    body: list[list[str]] = []
    for row in rows[n:]:
        if row in rows[:n]:  # the header row typed again where the table runs onto the next page
            continue
        if is_numbered and body and not row[0]:
            body[-1] = join_rows(body[-1], row)
        else:
            body.append(row)
    return Table(merge_header(head, width), tuple(tuple(r) for r in body))


def _group_cells(row: list[str]) -> list[str]:
    """A group row merged across the table, "II. LĨNH VỰC NÔNG NGHIỆP", as its number and its name
    in cells of their own ("II | LĨNH VỰC NÔNG NGHIỆP"), the way group rows with a number column are
    written (the parser reads a Roman number and one text as a group row)."""
    m = _GROUP_NAME.match(row[0])
    return [m[1], m[2], *row[2:]] if m else row


def _repeat_spans(row: list[str], spanned: list[bool]) -> list[str]:
    out: list[str] = []
    for cell, covered in zip(row, spanned, strict=True):
        out.append(out[-1] if covered and out else cell)
    return out


def join_rows(a: Sequence[str], b: Sequence[str]) -> list[str]:
    """Cell-wise join of a row and its continuation; a repeated merged cell is not doubled."""
    return [x if y == x or not y else y if not x else f"{x} {y}" for x, y in zip(a, b, strict=False)]


def merge_header(rows: Sequence[Sequence[str]], width: int) -> tuple[str, ...]:
    """Column names from one or more header rows: "Kết quả khắc phục" over "Nhà" → "Kết quả khắc phục Nhà".

    A cell spanning several header rows appears in each; it is named once.
    """
    names = []
    for c in range(width):
        parts: list[str] = []
        for row in rows:
            cell = row[c] if c < len(row) else ""
            if cell and (not parts or parts[-1] != cell):
                parts.append(cell)
        names.append(" ".join(parts))
    return tuple(names)


def task_roles(header: Sequence[str]) -> dict[str, int] | None:
    """Column index of each role of a task table, or None when the header is not one.

    A task table needs a task column and a responsible-unit column; each column takes the first role
    whose keyword its folded name contains, each role the first column that has it.
    """
    roles: dict[str, int] = {}
    for i, name in enumerate(header):
        key = " " + " ".join(_WORD.findall(fold(name))) + " "
        for role, words in _ROLE_KEYWORDS:
            if role not in roles and i not in roles.values() and any(f" {w} " in key for w in words):
                roles[role] = i
    return roles if "task" in roles and "lead" in roles else None


def canonical(table: Table) -> Table:
    """A task table in TASK_ORDER (other columns after the co-operating units); others unchanged."""
    roles = task_roles(table.header)
    if roles is None:
        return table
    known = [roles[r] for r in TASK_ORDER if r in roles and r != "deadline"]
    extra = [i for i in range(len(table.header)) if i not in roles.values()]
    order = known + extra + ([roles["deadline"]] if "deadline" in roles else [])
    pick = lambda row: tuple(row[i] for i in order)  # noqa: E731
    return Table(pick(table.header), tuple(pick(r) for r in table.rows))


def table_lines(table: Table) -> list[str]:
    """The header line and one line per row, "a | b | c"; a task table in its canonical order."""
    table = canonical(table)
    out = [CELL_SEPARATOR.join(table.header)] if any(table.header) else []
    out += [CELL_SEPARATOR.join(row) for row in table.rows]
    return [line for line in out if line.replace("|", "").strip()]
