"""What belongs in a unit's task list: items that give it work, shown by their task (for a table
row: its task cell with lead unit, co-ordinating units and deadline), Markdown markup stripped."""

from __future__ import annotations

import re

from chidao.core.model import Unit
from chidao.core.text import folded_words, nfc
from qa.tables import task_row

# Closing formulas of a dispatch (folded): "Nhận được Công văn này, đề nghị …" (on receiving this
# dispatch, please …), "Trong quá trình thực hiện, nếu có vướng mắc …" (if problems arise …),
# "Đề nghị các đơn vị triển khai thực hiện" (units are asked to carry it out) — no task of its own.
CLOSING = re.compile(
    r"^ (?:nhan duoc (?:\w+ ){1,3}nay|trong qua trinh (?:to chuc )?thuc hien(?:,)? neu|"
    r"de nghi cac (?:dong chi|don vi|co quan|dia phuong)(?: \w+){0,4} (?:trien khai|thuc hien|quan tam)|"
    r"yeu cau cac (?:dong chi|don vi|co quan)(?: \w+){0,3} (?:trien khai|nghiem tuc thuc hien)|"
    r"tren day la|noi nhan) "
)
# A report's findings or praise about a unit, not work given to it: the unit did something (đã …),
# is praised (biểu dương, khen, ghi nhận, đánh giá cao) or a result is stated (kết quả, đạt).
FINDING = re.compile(
    r" (?:da|bieu duong|khen ngoi|khen thuong|ghi nhan|danh gia cao|hoan thanh tot|dat duoc|"
    r"da co|da to chuc|da trien khai|da thuc hien) "
)
# Sections of reports that state results (kết quả = results, đánh giá = assessment, tình hình =
# situation, ưu điểm / hạn chế = strengths / weaknesses) and of plans that give work (nhiệm vụ =
# tasks, giải pháp = solutions, phương hướng = directions, tổ chức thực hiện = implementation).
FINDINGS_SECTION = re.compile(r" (?:ket qua|danh gia|tinh hinh|uu diem|han che|nguyen nhan|bai hoc) ")
WORK_SECTION = re.compile(r" (?:nhiem vu|giai phap|phuong huong|to chuc thuc hien|phan cong|de xuat) ")
_MARKUP = re.compile(r"^\s*(?:#{1,6}\s+|>\s+|[-*+]\s+(?=\*\*))|\*\*|__|`+")
_LINE_MARKUP = re.compile(r"(?m)^\s*#{1,6}\s+")
LEAD, SUPPORT = "chủ trì", "phối hợp"  # "lead", "co-ordinate" (table row roles shown in answers)


def strip_markup(text: str) -> str:
    """Text without Markdown markup: heading hashes, bold and code marks, quote marks."""
    return _MARKUP.sub("", _LINE_MARKUP.sub("", nfc(text))).strip()


def is_heading_only(unit: Unit) -> bool:
    """A Markdown heading ("### 2. Nhiệm vụ") kept as a unit: context, not a task."""
    return bool(re.match(r"\s*#{1,6}\s", unit.text)) and "\n" not in unit.text.strip()


def gives_work(unit: Unit, mention_ends: list[int]) -> bool:
    """True unless the unit is a closing formula, a heading, an item of a report's findings, or
    says of the unit it names (mentions ending at `mention_ends`, offsets into its folded words)
    what the unit did or how it is praised."""
    if CLOSING.match(folded_words(strip_markup(unit.text))) or is_heading_only(unit):
        return False
    heading = folded_words(unit.heading)
    if FINDINGS_SECTION.search(heading) and not WORK_SECTION.search(heading):
        return False
    text = folded_words(unit.text)
    return not (mention_ends and all(FINDING.match(text[end - 1 : end + 40]) for end in mention_ends))


def task_text(unit: Unit) -> str:
    """How an item reads in a task list: a table row as its task cell with its units; else its text."""
    row = task_row(unit)
    if row is None:
        return " ".join(strip_markup(unit.text).split())
    parts = [" ".join(strip_markup(row.task).split())]
    roles = [f"{LEAD}: {row.lead}" if row.lead else "", f"{SUPPORT}: {row.support}" if row.support else ""]
    roles = [r for r in roles if r]
    return f"{parts[0]} ({'; '.join(roles)})" if roles else parts[0]
