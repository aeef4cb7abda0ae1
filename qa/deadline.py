"""Deadlines and time frames stated in a directive item: "trước ngày 15/8/2022", "trong quý III/2022"…"""

from __future__ import annotations

import re

from chidao.model import Unit
from ingest.normalize import fold, nfc

_DATE = r"\d{1,2}/\d{1,2}(?:/\d{4})?"
_QUARTER = r"quý\s+(?:IV|I{1,3}|[1-4])\b(?:\s*/\s*\d{4}|\s+(?:năm\s+\d{4}|hằng năm|hàng năm))?"
# Time frames as written in directives, most specific first (English meaning alongside):
DEADLINE_PATTERNS: tuple[re.Pattern[str], ...] = tuple(
    re.compile(p, re.IGNORECASE)
    for p in (
        # "trước ngày 15/6 và ngày 15/12" (before [day]), "chậm nhất ngày …" (at the latest)
        rf"(?:trước|chậm nhất(?: là)?(?: trước)?|muộn nhất|không quá)\s+(?:ngày\s+)?{_DATE}"
        rf"(?:\s+và\s+(?:ngày\s+)?{_DATE})*(?:\s+hằng năm)?",
        # "từ ngày 01/11 đến ngày 18/11/2023" (from … to …)
        rf"từ\s+ngày\s+{_DATE}\s+đến\s+(?:hết\s+)?ngày\s+{_DATE}",
        # "trong quý III/2022", "vào quý IV hằng năm" (in quarter …)
        rf"(?:hoàn thành\s+)?(?:trong|vào|trước)?\s*{_QUARTER}",
        # "trong thời hạn 15 ngày làm việc" (within 15 working days)
        r"trong\s+(?:thời\s+hạn\s+)?\d+\s+ngày(?:\s+làm\s+việc)?(?:\s+kể\s+từ\s+[^,.;]{3,40})?",
        # "định kỳ 6 tháng", "hằng tháng", "mỗi quý một lần", "ít nhất 02 lần trong năm" (periodic)
        r"định kỳ\s+(?:\d+\s+tháng|hằng\s+(?:tháng|quý|năm)|hàng\s+(?:tháng|quý|năm))",
        r"(?:hằng|hàng)\s+(?:tuần|tháng|quý|năm)",
        r"mỗi\s+(?:tuần|tháng|quý|năm)(?:\s+(?:ít nhất\s+)?(?:một|01|02|hai)\s+lần)?",
        r"(?:ít nhất\s+)?\d+\s+lần\s+(?:trong|mỗi)\s+(?:năm|tháng|quý)",
        # "trong năm 2023", "năm học 2022 - 2023", "giai đoạn 2022 - 2025" (within year/period)
        r"trong\s+năm\s+\d{4}",
        r"năm\s+học\s+\d{4}\s*-\s*\d{4}",
        rf"đến\s+ngày\s+{_DATE}",
    )
)
_PERIODIC = 4  # DEADLINE_PATTERNS[4:] state a period or a year rather than a day
_TABLE_DEADLINE = re.compile(rf"^(?:trước|trong|quý|năm|hằng|định kỳ|chậm nhất|{_DATE})", re.IGNORECASE)


def _first(text: str, patterns: tuple[re.Pattern[str], ...]) -> str:
    for pattern in patterns:
        match = pattern.search(text)
        if match and match.group(0).strip(" ,.;"):
            return " ".join(match.group(0).split()).strip(" ,.;")
    return ""


def extract_deadline(text: str) -> str:
    """The deadline stated in `text` and, when also stated, its period: "trước ngày 20/6; định kỳ 6 tháng"."""
    text = nfc(text)
    dated = _first(text, DEADLINE_PATTERNS[:_PERIODIC])
    periodic = _first(text, DEADLINE_PATTERNS[_PERIODIC:])
    if dated and periodic and fold(periodic) not in fold(dated):
        return f"{dated}; {periodic}"
    return dated or periodic


def unit_deadline(unit: Unit) -> str:
    """The deadline of a unit; for a task-table row ("STT | unit | task | deadline") its last cell."""
    if unit.kind == "table_row" and "|" in unit.text:
        last = unit.text.rsplit("|", 1)[1].strip()
        if last and _TABLE_DEADLINE.match(last):
            return last[0].lower() + last[1:] if not last[0].isdigit() else last
    return extract_deadline(unit.text)
