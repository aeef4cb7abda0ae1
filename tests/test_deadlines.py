"""Deadlines as dates, the groups of the "Hạn" view and the .ics calendar parsed back with icalendar."""

from __future__ import annotations

import shutil
from datetime import date

import pytest
from icalendar import Calendar

from chidao import deadlines as dl
from chidao.library import Library
from chidao.ui_answer import citation_line
from chidao.ui_text import DEADLINE_GROUPS
from tests.conftest import TEST_DATA

ISSUED = date(2022, 1, 5)


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("trước ngày 30/6/2022", dl.Due(date(2022, 6, 30))),
        ("trước ngày 15/10", dl.Due(date(2022, 10, 15))),  # the year of the document
        ("trước ngày 02/01", dl.Due(date(2023, 1, 2))),  # already past when issued: the next one
        ("từ ngày 01/11 đến ngày 18/11/2023", dl.Due(date(2023, 11, 18))),
        ("15 tháng 8 năm 2022", dl.Due(date(2022, 8, 15))),
        ("hoàn thành trong quý III/2022", dl.Due(date(2022, 9, 30))),
        ("Quý IV năm 2022", dl.Due(date(2022, 12, 31))),
        ("trong tháng 7/2022", dl.Due(date(2022, 7, 31))),
        ("vào cuối năm 2025", dl.Due(date(2025, 12, 31))),
        ("trước giữa năm 2024", dl.Due(date(2024, 6, 30))),
        ("trước ngày 20 hằng tháng", dl.Due(date(2022, 1, 20), "FREQ=MONTHLY;BYMONTHDAY=20")),
        ("hằng tuần", dl.Due(ISSUED, "FREQ=WEEKLY")),
        ("mỗi quý", dl.Due(ISSUED, "FREQ=MONTHLY;INTERVAL=3")),
        ("trước ngày 20/6 và ngày 20/12 hằng năm", dl.Due(date(2022, 12, 20), "FREQ=YEARLY")),
        ("thường xuyên", dl.Due()),
        ("năm học 2022 - 2023", dl.Due()),
    ],
)
def test_deadline_phrases_become_dates_or_rules(phrase, expected):
    assert dl.due(phrase, ISSUED) == expected


def test_a_recurring_deadline_falls_due_at_its_next_occurrence():
    monthly = dl.Due(date(2022, 1, 20), "FREQ=MONTHLY;BYMONTHDAY=20")
    assert monthly.next_on_or_after(date(2024, 3, 21)) == date(2024, 4, 20)
    assert monthly.next_on_or_after(date(2024, 3, 20)) == date(2024, 3, 20)


@pytest.fixture(scope="module")
def youth_tasks(small_store, tmp_path_factory):
    """The tasks of Tỉnh đoàn in the small store plus the 2022 plan with its task table."""
    target = tmp_path_factory.mktemp("deadlines") / "store"
    shutil.copytree(small_store, target)
    lib = Library.open(target)
    assert lib.ingest([TEST_DATA / "ke-hoach-12-kh-tu-2022.txt"]).ok
    return lib.tasks("Tỉnh đoàn")


def test_tasks_are_grouped_by_when_they_fall_due(youth_tasks):
    tasks = dl.dated_tasks(youth_tasks, today=date(2022, 6, 27))  # a Monday
    overdue, week, month, later, undated = DEADLINE_GROUPS
    assert [(t.group, t.citation.deadline, t.next_due) for t in tasks] == [
        (overdue, "trước ngày 30/11/2021", date(2021, 11, 30)),
        (week, "trước ngày 30/6/2022", date(2022, 6, 30)),
        (week, "hằng tuần", date(2022, 7, 1)),  # the guide of Friday 01/10/2021: every Friday
        (later, "vào cuối năm 2022", date(2022, 12, 31)),
    ] + [(undated, "", None)] * (len(tasks) - 4)


def test_calendar_has_one_event_per_dated_task_and_parses_back(youth_tasks):
    tasks = dl.dated_tasks(youth_tasks, today=date(2022, 6, 27))
    data = dl.calendar_ics(tasks, "Tỉnh đoàn", citation_line)
    cal = Calendar.from_ical(data)
    events = sorted(
        (e.decoded("dtstart"), e["rrule"].to_ical().decode() if "rrule" in e else "")
        for e in cal.walk("VEVENT")
    )
    assert events == [
        (date(2021, 10, 1), "FREQ=WEEKLY"),
        (date(2021, 11, 30), ""),
        (date(2022, 6, 30), ""),
        (date(2022, 12, 31), ""),
    ]
    first = next(e for e in cal.walk("VEVENT") if e.decoded("dtstart") == date(2022, 6, 30))
    assert str(first["description"]) == (
        "trước ngày 30/6/2022\nKế hoạch số 12-KH/TU ngày 05/01/2022 của Tỉnh ủy Hải Lâm, Phụ lục, dòng 1;"
        " người ký: Trần Văn Mẫu (T/M Ban Thường vụ, Phó Bí thư)."
    )
    assert str(first["summary"]).startswith("Tổ chức diễn đàn thanh niên")
    assert len({str(e["uid"]) for e in cal.walk("VEVENT")}) == 4
