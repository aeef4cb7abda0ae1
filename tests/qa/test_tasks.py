"""The "Đơn vị của tôi" list: the units a small real store names, and each unit's tasks with deadlines."""

from __future__ import annotations

import pytest

from chidao.library import Library

PLAN_ID = "ke-hoach-09-kh-tu-2024.txt"
GUIDE_ID = "huong-dan-05-hd-btgtu-2024.txt"
DISPATCH_ID = "cong-van-120-cv-tu-2024.txt"


@pytest.fixture(scope="module")
def lib(plan_store):
    library = Library.open(plan_store)
    yield library
    library.close()


def test_units_list_has_one_entry_per_unit_and_no_fragments(lib):
    # Learned from the three documents (Kính gửi, Nơi nhận, assignment sentences, the task table);
    # "BTV Tỉnh đoàn" and "Tỉnh đoàn" are one entry, classes are listed as the documents write them.
    assert lib.organisations() == [
        "Ban Dân vận Tỉnh ủy",
        "Ban Dân vận Trung ương",
        "Ban Nội chính Tỉnh ủy",
        "Ban Thường vụ Tỉnh ủy",
        "Ban tuyên giáo các huyện ủy, thị ủy, thành ủy",
        "Ban Tuyên giáo Tỉnh ủy",
        "Báo Hải Lâm",
        "Các huyện ủy, thị ủy, thành ủy, đảng ủy trực thuộc Tỉnh ủy",
        "Đài Phát thanh và Truyền hình tỉnh",
        "Đảng đoàn Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh",
        "Sở Thông tin và Truyền thông",
        "Tỉnh đoàn",
        "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh",
        "Văn phòng Tỉnh ủy",
    ]


def test_every_listed_unit_finds_itself_again(lib):
    assert all(lib.tasks(name) is not None for name in lib.organisations())
    assert [(c.hit.document.id, c.hit.unit.label) for c in lib.tasks("Ban tuyên giáo huyện ủy")] == [
        (GUIDE_ID, "1")
    ]


def test_unit_tasks_come_from_table_rows_and_plan_items_with_their_deadlines(lib):
    assert [(c.hit.document.id, c.hit.unit.label, c.deadline) for c in lib.tasks("Tỉnh đoàn")] == [
        (DISPATCH_ID, "2", "quý III/2024"),
        (PLAN_ID, "III.2", "trước ngày 26/3/2024"),
    ]


def test_a_unit_that_only_receives_a_report_is_not_given_the_item(lib):
    assert [(c.hit.document.id, c.hit.unit.label, c.deadline) for c in lib.tasks("BDVTU")] == [
        (DISPATCH_ID, "1", "trước ngày 30/5/2024"),
        (PLAN_ID, "III.1", "trong quý IV/2024"),
    ]


def test_class_tasks_carry_deadlines_not_the_dates_of_cited_documents(lib):
    # The guide's item 1 is the task of the district committees' propaganda boards ("Ban tuyên
    # giáo các huyện ủy …"), a unit of its own: it is not listed for the committees themselves.
    assert [(c.hit.document.id, c.hit.unit.label, c.deadline) for c in lib.tasks("các huyện ủy")] == [
        (PLAN_ID, "III.4", "trước ngày 15/4/2024"),
    ]
