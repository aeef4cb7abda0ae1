"""Task-table rows read by their header: which cell is the task, the lead unit, the co-ordinating
units and the deadline, whatever order a document puts its columns in."""

from __future__ import annotations

import re
from dataclasses import dataclass

from chidao.core.model import Unit
from chidao.core.text import folded_words

# Header words of each column (folded), checked in this order so that "Đơn vị phối hợp" is the
# co-ordinating column, not the lead one: phối hợp (co-ordinate); chủ trì / đơn vị / cơ quan /
# trách nhiệm / thực hiện (lead, responsible); nội dung / nhiệm vụ / công việc / hoạt động (task);
# thời gian / thời hạn / tiến độ / hạn (deadline); STT / TT (row number).
COLUMN_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("number", ("stt", "tt", "so tt")),
    ("support", ("phoi hop",)),
    ("deadline", ("thoi gian", "thoi han", "tien do", "han hoan thanh", "moc thoi gian", "han")),
    ("task", ("noi dung", "nhiem vu", "cong viec", "hoat dong", "giai phap", "chi tieu")),
    ("lead", ("chu tri", "don vi", "co quan", "trach nhiem", "thuc hien", "phu trach")),
)


@dataclass(frozen=True, slots=True)
class TaskRow:
    """The cells of one task-table row that a reader needs ("" when the table has no such column)."""

    task: str
    lead: str
    support: str = ""
    deadline: str = ""


def cells_of(text: str) -> list[str]:
    """The cells of a row written "a | b | c" (Markdown pipes at the ends dropped)."""
    return [c.strip() for c in text.strip().strip("|").split("|")]


def header_of(unit: Unit) -> str:
    """The header row a table row carries as its heading context ("" when there is none)."""
    parts = [p for p in re.split(r"\s+>\s+", unit.heading) if "|" in p]
    return parts[-1] if parts else ""


def columns(header: str) -> dict[str, int]:
    """Column roles of a header row: {"task": 1, "lead": 2, …}; each role at most once."""
    found: dict[str, int] = {}
    for index, cell in enumerate(cells_of(header)):
        words = folded_words(cell)
        for role, names in COLUMN_WORDS:
            if role not in found and any(f" {n} " in words for n in names):
                found[role] = index
                break
    return found


def task_row(unit: Unit) -> TaskRow | None:
    """A table row read by its header: its task cell, lead unit, co-ordinating units and deadline.

    Without a header that names a task column, a row numbered in its first cell is read the way
    such tables are usually laid out: number | unit | task | deadline.
    """
    if unit.kind != "table_row" or "|" not in unit.text:
        return None
    cells = cells_of(unit.text)
    roles = columns(header_of(unit))

    def cell(role: str) -> str:
        index = roles.get(role, -1)
        return cells[index] if 0 <= index < len(cells) else ""

    if "task" in roles and ("lead" in roles or "support" in roles):
        return TaskRow(cell("task"), cell("lead"), cell("support"), cell("deadline"))
    if len(cells) >= 3 and re.fullmatch(r"\d+\.?", cells[0]):
        return TaskRow(cells[2], cells[1], "", cells[3] if len(cells) > 3 else "")
    return None
