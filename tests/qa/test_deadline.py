"""Deadline extraction."""

from __future__ import annotations

import pytest

from chidao.model import Unit
from qa.deadline import extract_deadline, unit_deadline


@pytest.mark.parametrize(
    ("text", "deadline"),
    [
        ("xây dựng kế hoạch, gửi về Ban Nội chính Tỉnh ủy trước ngày 15/8/2022.", "trước ngày 15/8/2022"),
        ("tham mưu ban hành quy định, hoàn thành trong quý III/2022.", "hoàn thành trong quý III/2022"),
        ("tổ chức hội nghị ở cấp xã vào quý IV hằng năm.", "vào quý IV hằng năm"),
        ("mỗi tháng thực hiện ít nhất một sản phẩm truyền thông", "mỗi tháng"),
        (
            "định kỳ 6 tháng báo cáo trước ngày 20/6 và ngày 20/12 hằng năm.",
            "trước ngày 20/6 và ngày 20/12 hằng năm; định kỳ 6 tháng",
        ),
        ("chậm nhất ngày 30/9/2022 phải gửi báo cáo", "chậm nhất ngày 30/9/2022"),
        (
            "Trong thời hạn 15 ngày làm việc kể từ ngày đối thoại, người đứng đầu",
            "Trong thời hạn 15 ngày làm việc kể từ ngày đối thoại",
        ),
        ("thời gian từ ngày 01/11 đến ngày 18/11/2023; nội dung", "từ ngày 01/11 đến ngày 18/11/2023"),
        ("Tăng cường công tác dân vận.", ""),
    ],
)
def test_extract_deadline(text, deadline):
    assert extract_deadline(text) == deadline


def test_task_table_row_deadline_is_its_last_cell():
    row = Unit(
        "kh.docx", 9, "table_row", "3", "", "3 | Ban Dân vận Tỉnh ủy | Tham mưu chỉ thị | Quý II/2022", 0, 1
    )
    assert unit_deadline(row) == "quý II/2022"
