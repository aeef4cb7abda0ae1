"""Document numbers and kinds named in text: one parser for search, questions and references."""

from __future__ import annotations

import pytest

from chidao.core.numbers import doc_numbers, leading_number, number_key
from chidao.core.vocab import KIND_HEADINGS, kind_of_code, same_kind


@pytest.mark.parametrize(
    ("text", "numbers"),
    [
        ("Văn bản nào triển khai Kế hoạch 35?", ("35",)),
        ("van ban nao trien khai KH 35", ("35",)),
        ("Công văn 2862 của ai, ngày nào?", ("2862",)),
        ("Quy định 07-QĐ/TU có hiệu lực khi nào", ("7",)),
        ("theo Công văn số 2862/MTTW-BTT ngày 31/8/2021", ("2862",)),
        ("Tỉnh đoàn phải làm gì trong năm 2023?", ()),
        ("Quy chế 12 do ai ký?", ("12",)),
        ("Đề án 3 giao nhiệm vụ gì?", ("3",)),
        ("Công điện 05 ban hành ngày nào?", ("5",)),
        ("Nghị định 15/2020/NĐ-CP quy định mức phạt", ("15",)),
        ("Bộ luật Dân sự (số 91/2015/QH13)", ("91",)),
        ("Kế hoạch 35 và Công văn số 2862/MTTW-BTT, NQ 12-NQ/TU", ("35", "2862", "12")),
        ("Thông tư 01/2021/TT-BNV", ("1",)),
        ("Chỉ thị 19 ngày 5/7/2022", ("19",)),
        ("tổ chức họp 1/năm, mỗi năm 3-4 lần", ()),
        ("Điều 5 khoản 2 của Luật Cư trú", ()),
        # A number and a unit of time make a duration, unless a date or a year follows.
        ("BTGDV phải nộp báo cáo 6 tháng về thực hiện NQ 07 cho ai?", ("7",)),
        ("Báo cáo sơ kết 6 tháng đầu năm 2025", ()),
        ("chương trình 5 năm của Tỉnh đoàn", ()),
        ("Kế hoạch 35 ngày 12/3/2025", ("35",)),
        ("Nghị quyết 12 năm 2025", ("12",)),
    ],
)
def test_doc_numbers(text, numbers):
    assert doc_numbers(text) == numbers


def test_leading_number_and_key():
    assert [leading_number(n) for n in ("12-NQ/TU", "2862/MTTW-BTT", "", "07-QĐ/TU")] == [
        "12",
        "2862",
        "",
        "7",
    ]
    assert number_key("07-QĐ/TU") == number_key("7 - QD/TU") == "7-QD/TU"


def test_one_vocabulary_of_kinds():
    assert KIND_HEADINGS["THÔNG BÁO KẾT LUẬN"] == "Thông báo"
    assert list(KIND_HEADINGS).index("BÀI PHÁT BIỂU") < list(KIND_HEADINGS).index("PHÁT BIỂU")
    assert kind_of_code("QĐi") == "Quy định" and kind_of_code("QĐ") == "Quyết định"
    assert (
        kind_of_code("TT", "01/2021/TT-BNV") == "Thông tư" and kind_of_code("TT", "05-TT/TU") == "Thông tri"
    )
    assert kind_of_code("NĐ") == "Nghị định" and kind_of_code("CĐ") == "Công điện"
    assert same_kind("chi-thi", "Chỉ thị") and not same_kind("Chỉ thị", "Chương trình")
