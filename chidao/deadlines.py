"""Deadlines as dates: "trước ngày 30/6/2022", "quý IV/2022", "cuối năm 2025", "trước ngày 20 hằng tháng"
become a due date or a recurrence, grouped for the "Hạn" view and written as an iCalendar file."""

from __future__ import annotations

import calendar
import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from dateutil.rrule import rrulestr

from chidao.core.model import Citation
from chidao.ui_format import document_name, task_text, unit_label
from chidao.ui_text import DEADLINE_GROUPS

_ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4}
_DAY_MONTH = re.compile(r"(?<!\d)(\d{1,2})\s*(?:/|\s+tháng\s+)(\d{1,2})(?!\d)(?:\s*(?:/|\s+năm\s+)(\d{4}))?")
_QUARTER = re.compile(r"quý\s+(IV|I{1,3}|[1-4])\b(?:\s*/\s*|\s+năm\s+)(\d{4})", re.IGNORECASE)
_MONTH = re.compile(r"tháng\s+(\d{1,2})\s*(?:/\s*|\s+năm\s+)(\d{4})", re.IGNORECASE)
_PART_OF_YEAR = re.compile(r"(cuối|giữa|đầu|trong|6 tháng đầu|6 tháng cuối)\s+năm\s+(\d{4})", re.IGNORECASE)
# The last day each phrase about a part of a year leaves (end of the year, of its first half…).
_PART_END = {"cuối": (12, 31), "trong": (12, 31), "6 tháng cuối": (12, 31), "giữa": (6, 30)}
_PART_END |= {"6 tháng đầu": (6, 30), "đầu": (3, 31)}
# "hằng tuần / tháng / quý / năm", "mỗi …", "định kỳ hằng …": the recurrence rule of each period.
_EVERY = re.compile(r"(?:hằng|hàng|mỗi)\s+(tuần|tháng|quý|năm)", re.IGNORECASE)
_RULES = {
    "tuần": "FREQ=WEEKLY",
    "tháng": "FREQ=MONTHLY",
    "quý": "FREQ=MONTHLY;INTERVAL=3",
    "năm": "FREQ=YEARLY",
}
_DAY_EVERY_MONTH = re.compile(r"ngày\s+(\d{1,2})\s+(?:hằng|hàng)\s+tháng", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Due:
    """When a task is due: a date, or a first date plus a recurrence rule (RFC 5545), or neither."""

    day: date | None = None
    rule: str = ""  # e.g. "FREQ=MONTHLY;BYMONTHDAY=20"

    def next_on_or_after(self, today: date) -> date | None:
        """The due date itself, or the next occurrence of a recurring one on or after `today`."""
        if self.day is None or not self.rule:
            return self.day
        rule = rrulestr(self.rule, dtstart=_midnight(self.day))
        following = rule.after(_midnight(today), inc=True)
        return following.date() if following else None


def _midnight(day: date) -> datetime:
    return datetime(day.year, day.month, day.day)


def due(deadline: str, issued: date | None) -> Due:
    """The date (or recurrence) a deadline phrase states; `issued` (the document's date) supplies the
    year of "trước ngày 20/6" and the start of "hằng tháng". Stays empty where the text gives no date."""
    text = " ".join(deadline.split())
    every = _EVERY.search(text)
    if day_of_month := _DAY_EVERY_MONTH.search(text):
        if issued is None:
            return Due()
        first = _next_day_of_month(issued, int(day_of_month[1]))
        return Due(first, f"FREQ=MONTHLY;BYMONTHDAY={first.day}")
    dated = _dated(text, issued)
    if every:
        start = dated or issued
        return Due(start, _RULES[every[1].lower()]) if start else Due()
    return Due(dated)


def _dated(text: str, issued: date | None) -> date | None:
    days = list(_DAY_MONTH.finditer(text))
    if days:
        last = days[-1]  # "từ ngày 01/11 đến ngày 18/11/2023": the end of the span is the deadline
        year = int(last[3]) if last[3] else (issued.year if issued else None)
        if year is None:
            return None
        found = _safe_date(year, int(last[2]), int(last[1]))
        if found and not last[3] and issued and found < issued:
            found = _safe_date(year + 1, found.month, found.day)
        return found
    if quarter := _QUARTER.search(text):
        number = _ROMAN.get(quarter[1].upper()) or int(quarter[1])
        return _month_end(int(quarter[2]), number * 3)
    if month := _MONTH.search(text):
        return _month_end(int(month[2]), int(month[1]))
    if part := _PART_OF_YEAR.search(text):
        month_day = _PART_END.get(part[1].lower())
        return date(int(part[2]), *month_day) if month_day else None
    return None


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _month_end(year: int, month: int) -> date | None:
    if not 1 <= month <= 12:
        return None
    return date(year, month, calendar.monthrange(year, month)[1])


def _next_day_of_month(start: date, day: int) -> date:
    candidate = date(start.year, start.month, min(day, calendar.monthrange(start.year, start.month)[1]))
    if candidate >= start:
        return candidate
    month = start.month % 12 + 1
    year = start.year + (start.month == 12)
    return date(year, month, min(day, calendar.monthrange(year, month)[1]))


@dataclass(frozen=True, slots=True)
class DatedTask:
    """A task with its deadline text, when it falls due and the group of the "Hạn" view it is in."""

    citation: Citation
    due: Due
    next_due: date | None
    group: str


def dated_tasks(citations: Sequence[Citation], today: date) -> list[DatedTask]:
    """The tasks with their due dates, in group order (overdue, this week, this month, later, no
    fixed date), soonest first inside a group."""
    out = []
    for c in citations:
        md = c.hit.document.metadata
        issued = date.fromisoformat(md.date) if re.fullmatch(r"\d{4}-\d{2}-\d{2}", md.date) else None
        when = due(c.deadline, issued) if c.deadline else Due()
        following = when.next_on_or_after(today)
        out.append(DatedTask(c, when, following, _group(following, today)))
    order = {g: i for i, g in enumerate(DEADLINE_GROUPS)}
    return sorted(out, key=lambda t: (order[t.group], t.next_due or date.max))


def _group(day: date | None, today: date) -> str:
    overdue, week, month, later, undated = DEADLINE_GROUPS
    if day is None:
        return undated
    if day < today:
        return overdue
    if day <= today + timedelta(days=6 - today.weekday()):
        return week
    if (day.year, day.month) == (today.year, today.month):
        return month
    return later


def calendar_ics(tasks: Sequence[DatedTask], org: str, citation_of) -> bytes:
    """An iCalendar file (RFC 5545) with one all-day event per dated task; a recurring deadline
    repeats. `citation_of(citation)` gives the citation text put into the event's description."""
    from icalendar import Calendar, Event, vRecur

    cal = Calendar()
    cal.add("prodid", "-//chidao//Han nhiem vu//VI")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", f"Hạn nhiệm vụ — {org}")
    for task in tasks:
        if task.due.day is None:
            continue
        c = task.citation
        event = Event()
        key = f"{c.hit.document.id}#{c.hit.unit.ordinal}#{org}".encode()
        event.add("uid", f"{hashlib.sha1(key).hexdigest()}@chidao")
        event.add("dtstamp", datetime.now(UTC))
        event.add("dtstart", task.due.day)
        event.add("dtend", task.due.day + timedelta(days=1))
        event.add("summary", _summary(c))
        event.add("description", f"{c.deadline}\n{citation_of(c)}")
        if task.due.rule:
            event.add("rrule", vRecur.from_ical(task.due.rule))
        cal.add_component(event)
    return cal.to_ical()


def _summary(c: Citation, limit: int = 90) -> str:
    text = task_text(c.hit.unit)
    text = text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"
    return f"{text} ({document_name(c.hit.document)}, {unit_label(c.hit.unit)})"
