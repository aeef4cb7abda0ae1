"""Task-table columns recognised by their header words, in any order; other tables left as they are."""

from __future__ import annotations

import pytest

from ingest.tables import Table, from_grid, table_lines, task_roles


@pytest.mark.parametrize(
    "header, roles",
    [
        (
            ["STT", "Nội dung", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian hoàn thành"],
            {"number": 0, "task": 1, "lead": 2, "support": 3, "deadline": 4},
        ),
        (
            ["TT", "Đơn vị thực hiện", "Nhiệm vụ", "Thời hạn"],
            {"number": 0, "lead": 1, "task": 2, "deadline": 3},
        ),
        (
            ["Cơ quan phụ trách", "Tiến độ", "Nội dung nhiệm vụ thực hiện", "Đơn vị phối hợp thực hiện"],
            {"lead": 0, "deadline": 1, "task": 2, "support": 3},
        ),
        (["Huyện", "Số người bị thương", "Số nhà bị hư hại"], None),  # a figures table
        (["Nội dung", "Thời gian"], None),  # no responsible unit: not a task table
    ],
)
def test_task_roles_from_header_words(header: list[str], roles: dict | None):
    assert task_roles(header) == roles


def test_task_table_written_in_canonical_order_whatever_the_source_order():
    grid = [
        ["Thời hạn", "Nội dung công việc", "STT", "Đơn vị phối hợp", "Đơn vị chủ trì", "Ghi chú"],
        ["Quý II/2024", "Tuyên truyền", "1", "Sở Văn hóa", "Ban Tuyên giáo", "Trọng tâm"],
    ]
    assert table_lines(from_grid(grid)) == [
        "STT | Đơn vị chủ trì | Nội dung công việc | Đơn vị phối hợp | Ghi chú | Thời hạn",
        "1 | Ban Tuyên giáo | Tuyên truyền | Sở Văn hóa | Trọng tâm | Quý II/2024",
    ]


def test_wrapped_cell_rows_of_a_numbered_table_join_their_row():
    grid = [
        ["STT", "Nhiệm vụ", "Đơn vị"],
        ["1", "Tổ chức", "Tỉnh đoàn"],
        ["", "ra quân", ""],
        ["2", "Sơ kết", "VP"],
    ]
    assert from_grid(grid) == Table(
        ("STT", "Nhiệm vụ", "Đơn vị"), (("1", "Tổ chức ra quân", "Tỉnh đoàn"), ("2", "Sơ kết", "VP"))
    )
