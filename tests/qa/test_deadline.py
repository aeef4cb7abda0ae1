"""Deadline extraction."""

from __future__ import annotations

import pytest

from chidao.core.model import Unit
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
        ("nâng tỷ lệ tập hợp thanh niên công nhân lên ít nhất 60% vào cuối năm 2025;", "vào cuối năm 2025"),
        ("hoàn thành việc sắp xếp trước giữa năm 2024.", "trước giữa năm 2024"),
        ("báo cáo kết quả trước ngày 20 hằng tháng", "trước ngày 20 hằng tháng"),
        ("tổ chức cuộc thi trực tuyến trong tháng 7/2022 dành cho cán bộ", "trong tháng 7/2022"),
        (
            "phải thông báo chậm nhất 07 ngày trước buổi đối thoại, trên trang",
            "chậm nhất 07 ngày trước buổi đối thoại",
        ),
        ("gửi báo cáo (thời hạn: 30/6/2022) về Văn phòng", "thời hạn: 30/6/2022"),
        ("hoàn thành trước ngày 15 tháng 8 năm 2022.", "trước ngày 15 tháng 8 năm 2022"),
        ("báo cáo sơ kết 6 tháng đầu năm 2023", "6 tháng đầu năm 2023"),
    ],
)
def test_extract_deadline(text, deadline):
    assert extract_deadline(text) == deadline


def test_task_table_row_deadline_is_its_last_cell():
    row = Unit(
        "kh.docx", 9, "table_row", "3", "", "3 | Ban Dân vận Tỉnh ủy | Tham mưu chỉ thị | Quý II/2022", 0, 1
    )
    assert unit_deadline(row) == "quý II/2022"


@pytest.mark.parametrize(
    "text",
    [
        # The seed dispatch's preamble: the cited Công văn's date.
        "Theo đề nghị của Ban Thường trực Ủy ban Trung ương Mặt trận Tổ quốc Việt Nam tại Công văn số "
        "2862/MTTW-BTT ngày 31/8/2021, Ban Thường vụ Tỉnh ủy đề nghị các cấp ủy quán triệt.",
        "Thực hiện có hiệu quả Quyết định số 217-QĐ/TW và Quyết định số 218-QĐ/TW ngày 12/12/2013 "
        "của Bộ Chính trị.",
        "quán triệt chỉ đạo của đồng chí Tổng Bí thư tại Hội nghị ngày 16/8/2021 về phát huy truyền thống",
        "Kế hoạch này thay thế Kế hoạch số 87-KH/TU, ngày 20/10/2019 của Ban Thường vụ Tỉnh ủy.",
        # A report's "as of" date.
        "Hội nghị được tổ chức ngày 26/4/2022. Đến ngày 30/6/2022, 100% chi bộ đã quán triệt Nghị quyết.",
    ],
)
def test_date_of_a_cited_document_or_an_event_is_no_deadline(text):
    assert extract_deadline(text) == ""


def test_deadline_after_a_cited_document_is_found():
    text = (
        "Thực hiện Kết luận số 43-KL/TW ngày 07/01/2019 của Ban Bí thư, các huyện ủy xây dựng kế hoạch, "
        "gửi về Ban Dân vận Tỉnh ủy trước ngày 15/5/2022."
    )
    assert extract_deadline(text) == "trước ngày 15/5/2022"


@pytest.mark.parametrize(
    ("cell", "deadline"),
    [("Thường xuyên", "thường xuyên"), ("Tháng 10/2022", "tháng 10/2022"), ("Phối hợp", "")],
)
def test_task_table_deadline_cell_forms(cell, deadline):
    row = Unit("kh.txt", 4, "table_row", "2", "", f"2 | Tỉnh đoàn | Tổ chức tuyên truyền | {cell}", 0, 1)
    assert unit_deadline(row) == deadline
