"""Deadlines and time frames stated in a directive item: "trước ngày 15/8/2022", "trong quý III/2022"…"""

from __future__ import annotations

import re

from chidao.core.model import Unit
from chidao.core.text import fold, nfc
from qa.tables import columns, header_of, task_row

# "15/8/2022", "20/6", "15 tháng 8 năm 2022"
_DATE = r"(?:\d{1,2}/\d{1,2}(?:/\d{4})?|\d{1,2}\s+tháng\s+\d{1,2}(?:\s+năm\s+\d{4})?)"
_QUARTER = r"quý\s+(?:IV|I{1,3}|[1-4])\b(?:\s*/\s*\d{4}|\s+(?:năm\s+\d{4}|hằng năm|hàng năm))?"
_MONTH = r"tháng\s+\d{1,2}\s*(?:/\s*\d{4}|\s+năm\s+\d{4})"
_BEFORE = r"(?:trước|chậm nhất(?: là)?(?: trước)?|muộn nhất|không quá)"
_EVERY = r"(?:hằng|hàng)\s+(?:tuần|tháng|quý|năm)"
# Time frames as written in directives, most specific first (English meaning alongside):
DEADLINE_PATTERNS: tuple[re.Pattern[str], ...] = tuple(
    re.compile(p, re.IGNORECASE)
    for p in (
        # "trước ngày 15/6 và ngày 15/12" (before [day]), "chậm nhất ngày …" (at the latest),
        # "trước ngày 20 hằng tháng" (before the 20th of every month)
        rf"{_BEFORE}\s+(?:ngày\s+)?{_DATE}(?:\s+và\s+(?:ngày\s+)?{_DATE})*(?:\s+{_EVERY})?",
        rf"{_BEFORE}\s+ngày\s+\d{{1,2}}\s+{_EVERY}",
        # "thời hạn: 30/6/2022", "hạn chót ngày 30/6" (due date written as a label)
        rf"(?:thời\s+)?hạn(?:\s+(?:chót|cuối|hoàn thành|nộp|gửi))?\s*:?\s*(?:ngày\s+)?{_DATE}",
        # "từ ngày 01/11 đến ngày 18/11/2023" (from … to …)
        rf"từ\s+ngày\s+{_DATE}\s+đến\s+(?:hết\s+)?ngày\s+{_DATE}",
        # "trong quý III/2022", "vào quý IV hằng năm" (in quarter …)
        rf"(?:hoàn thành\s+|xong\s+)?(?:trong|vào|trước)?\s*{_QUARTER}",
        # "trong tháng 7/2022", "trước tháng 6 năm 2023" (in / before month …)
        rf"(?:hoàn thành\s+|xong\s+)?(?:trong|trước|vào|chậm nhất(?: trong)?)\s+{_MONTH}",
        # "trong thời hạn 15 ngày làm việc" (within 15 working days), "chậm nhất 07 ngày trước …"
        r"trong\s+(?:thời\s+hạn\s+)?\d+\s+ngày(?:\s+làm\s+việc)?(?:\s+kể\s+từ\s+[^,.;]{3,40})?",
        r"(?:chậm nhất|ít nhất)\s+\d+\s+ngày(?:\s+làm\s+việc)?\s+trước\s+[^,.;]{3,30}",
        rf"(?<!tính )(?<!Tính )đến\s+(?:hết\s+)?ngày\s+{_DATE}",
        # "vào cuối năm 2025", "trước giữa năm 2024", "trong đầu tháng 3/2025" (end / middle / start of …)
        rf"(?:vào|trước|đến|trong)\s+(?:cuối|đầu|giữa)\s+(?:năm\s+\d{{4}}|{_QUARTER}|{_MONTH})",
        # "định kỳ 6 tháng", "hằng tháng", "mỗi quý một lần", "ít nhất 02 lần trong năm" (periodic)
        r"định kỳ\s+(?:\d+\s+tháng|hằng\s+(?:tháng|quý|năm)|hàng\s+(?:tháng|quý|năm))",
        _EVERY,
        r"mỗi\s+(?:tuần|tháng|quý|năm)(?:\s+(?:ít nhất\s+)?(?:một|01|02|hai)\s+lần)?",
        r"(?:ít nhất\s+)?\d+\s+lần\s+(?:trong|mỗi)\s+(?:năm|tháng|quý)",
        r"(?:6|06|sáu)\s+tháng\s+(?:đầu|cuối)\s+năm(?:\s+\d{4})?",
        # "trong năm 2023", "năm học 2022 - 2023" (within year / school year)
        r"(?:hoàn thành\s+)?trong\s+năm\s+\d{4}",
        r"năm\s+học\s+\d{4}\s*-\s*\d{4}",
    )
)
_PERIODIC = 10  # DEADLINE_PATTERNS[10:] state a period or a year rather than a day
# The date of a cited document is no deadline: "Công văn số 2862/MTTW-BTT ngày 31/8/2021",
# "Quyết định số 217-QĐ/TW và 218-QĐ/TW ngày 12/12/2013", "Hội nghị ngày 16/8/2021 của …".
_CITED_DATE = re.compile(
    rf"\bsố\s+\S+(?:\s+(?:và|,)\s+(?:số\s+)?\S+)*\s*,?\s+ngày\s+{_DATE}"
    rf"|\bngày\s+{_DATE}(?=\s*,?\s+(?:của|do|về|tại)\b)",
    re.IGNORECASE,
)
# A report's "Đến ngày 30/6/2022, …" at the start of a sentence tells a state of affairs, not a deadline.
_AS_OF = re.compile(rf"(?:^|[.;:]\s+|\n\s*)(?:tính\s+)?đến\s+(?:hết\s+)?ngày\s+{_DATE}\s*,", re.IGNORECASE)
# A task table's deadline cell: "Trước ngày 30/4/2022", "Quý III/2022", "Năm học 2022 - 2023", "Thường xuyên".
_TABLE_DEADLINE = re.compile(
    rf"^(?:trước|trong|quý|tháng|năm|hằng|hàng|định kỳ|chậm nhất|thường xuyên|xong|hoàn thành|{_DATE})",
    re.IGNORECASE,
)

# A span of time, what "bao lâu" (how long) asks for: "30 ngày", "48 giờ", "hai tuần", "05 năm"; not
# the day or month of a date ("ngày 15 tháng 8 năm 2022").
_SPAN = re.compile(
    r"(?<!ngày )(?<!tháng )(?<!năm )\b(?:\d+|một|hai|ba|bốn|năm|sáu|bảy|tám|chín|mười)\s+"
    r"(?:giờ|ngày|tuần|tháng|năm)\b",
    re.IGNORECASE,
)


def states_span(text: str) -> bool:
    """True when `text` states a span of time ("trong vòng 48 giờ", "thời hạn 30 ngày")."""
    return bool(_SPAN.search(nfc(text)))


def _blank(text: str, pattern: re.Pattern[str]) -> str:
    """`text` with the matches of `pattern` replaced by spaces (so other patterns cannot use them)."""
    return pattern.sub(lambda m: " " * len(m.group(0)), text)


def _first(text: str, patterns: tuple[re.Pattern[str], ...]) -> str:
    for pattern in patterns:
        match = pattern.search(text)
        if match and match.group(0).strip(" ,.;"):
            return " ".join(match.group(0).split()).strip(" ,.;")
    return ""


def extract_deadline(text: str) -> str:
    """The deadline stated in `text` and, when also stated, its period: "trước ngày 20/6; định kỳ 6 tháng".

    Dates of cited documents ("Kết luận số 43-KL/TW ngày 07/01/2019 của Ban Bí thư") are skipped.
    """
    text = _blank(_blank(nfc(text), _CITED_DATE), _AS_OF)
    dated = _first(text, DEADLINE_PATTERNS[:_PERIODIC])
    periodic = _first(text, DEADLINE_PATTERNS[_PERIODIC:])
    if dated and periodic and fold(periodic) not in fold(dated):
        return f"{dated}; {periodic}"
    return dated or periodic


def unit_deadline(unit: Unit) -> str:
    """The deadline of a unit; for a task-table row its deadline cell (by the header; else its last)."""
    row = task_row(unit)
    cell = " ".join(row.deadline.split()) if row is not None else ""
    if cell and ("deadline" in columns(header_of(unit)) or _TABLE_DEADLINE.match(cell)):
        return cell[0].lower() + cell[1:] if not cell[0].isdigit() else cell
    if unit.kind == "table_row" and "|" in unit.text:
        last = " ".join(unit.text.rsplit("|", 1)[1].split())
        if last and _TABLE_DEADLINE.match(last):
            return last[0].lower() + last[1:] if not last[0].isdigit() else last
    return extract_deadline(unit.text)
