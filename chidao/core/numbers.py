"""Document numbers: the one parser of "which documents does this text name by number"."""

from __future__ import annotations

import re

from chidao.core.text import fold
from chidao.core.vocab import FOLDED_KIND_PATTERN, KIND_ABBREVIATIONS

# A document number as written, folded: "12-nq/tu", "2862/mttw-btt", "11-qdi/tw", "15/2020/nd-cp",
# "91/2015/qh13". The year between the number and the code belongs to State numbering; a date
# ("16/8/2021") has no letters after its slashes, and "1/năm" (once a year) no code: neither is a number.
_WRITTEN = re.compile(
    r"\b(\d{1,5})(?:\s*/\s*(?:19|20)\d\d)?\s*"
    r"(?:-\s*[a-z]{1,6}\s*/\s*[a-z]{1,8}|/\s*(?!(?:nam|thang|ngay|tuan|quy|lan)\b)[a-z]{2,8}\d{0,2}(?:-[a-z]{1,8})?)\b"
)
# A number spoken after a kind or its code: "kế hoạch 35", "KH số 35", "Công điện 05", "Quy chế 12".
# A slash and a digit after it make a date or a State number, read by _WRITTEN instead. A number
# followed by a unit of time is a duration ("báo cáo 6 tháng", "chương trình 5 năm"), unless a date
# or a year follows ("Kế hoạch 35 ngày 12/3/2025", "Nghị quyết 12 năm 2025").
_AFTER_KIND = re.compile(
    rf"\b(?:{FOLDED_KIND_PATTERN}|{'|'.join(KIND_ABBREVIATIONS)})\s*(?:so\s*)?(\d{{1,5}})\b(?!\s*/\s*\d)"
    r"(?!\s+(?:thang|nam|ngay|tuan|quy|gio)\b(?!\s+\d))"
)


def leading_number(number: str) -> str:
    """The leading number of a document number, without leading zeros: "07-QĐ/TU" → "7",
    "2862/MTTW-BTT" → "2862", "" when there is none. What people say: "Quy định 7", "KH 35"."""
    match = re.match(r"\s*0*(\d+)", number or "")
    return match.group(1) if match else ""


def number_key(number: str) -> str:
    """Comparable form of a document number: "07-QĐ/TU", "7 - QD/TU" → "7-QD/TU"."""
    key = re.sub(r"\s+", "", fold(number)).upper()
    return re.sub(r"^0+(?=\d)", "", key)


def doc_numbers(text: str) -> tuple[str, ...]:
    """Leading numbers of the documents a text names, in order: "Kế hoạch 35", "KH số 35",
    "07-QĐ/TU", "Nghị định 15/2020/NĐ-CP", "Công điện 05" → ("35", "7", "15", "5")."""
    folded = fold(text)
    found = sorted(
        [(m.start(), m.group(1)) for m in _AFTER_KIND.finditer(folded)]
        + [(m.start(), m.group(1)) for m in _WRITTEN.finditer(folded)]
    )
    return tuple(dict.fromkeys(leading_number(n) or "0" for _, n in found))
