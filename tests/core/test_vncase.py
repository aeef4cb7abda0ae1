"""Vietnamese casing of ALL-CAPS header lines: component words capitalised once, abbreviations kept."""

from __future__ import annotations

import pytest

from chidao.core.vncase import name_case, written_case


@pytest.mark.parametrize(
    ("caps", "written"),
    [
        ("TỈNH ỦY HẢI LÂM", "Tỉnh ủy Hải Lâm"),
        ("PHÓ BÍ THƯ THƯỜNG TRỰC", "Phó Bí thư Thường trực"),
        # A known abbreviation stays in capitals; a two-letter one only when listed as an acronym.
        (
            "BAN THƯỜNG VỤ ĐOÀN TNCS HỒ CHÍ MINH TỈNH HẢI LÂM",
            "Ban Thường vụ Đoàn TNCS Hồ Chí Minh tỉnh Hải Lâm",
        ),
        ("ĐẢNG ỦY UBND TỈNH", "Đảng ủy UBND tỉnh"),
        ("BỘ CHỈ HUY QUÂN SỰ TỈNH", "Bộ Chỉ huy Quân sự tỉnh"),
        ("Ban Thường vụ Tỉnh ủy", "Ban Thường vụ Tỉnh ủy"),  # mixed case is kept as written
        # A two-syllable level is one word: lower-case before the place it qualifies, capitalised
        # once when it ends the name and stands for the place itself.
        ("ĐẢNG ỦY ỦY BAN NHÂN DÂN THÀNH PHỐ", "Đảng ủy Ủy ban nhân dân Thành phố"),
        ("CHỦ TỊCH UBND THÀNH PHỐ", "Chủ tịch UBND Thành phố"),
        ("ĐẢNG ỦY ĐẶC KHU HÒN DỨA", "Đảng ủy đặc khu Hòn Dứa"),
        ("ỦY BAN NHÂN DÂN THỊ XÃ SƠN TÂY", "Ủy ban nhân dân thị xã Sơn Tây"),
        ("THÀNH PHỐ HỒ CHÍ MINH", "Thành phố Hồ Chí Minh"),
        ("ĐẢNG ỦY PHƯỜNG CỒN NHẠN", "Đảng ủy phường Cồn Nhạn"),
    ],
)
def test_written_case(caps, written):
    assert written_case(caps) == written


def test_a_name_in_capitals_capitalises_every_syllable():
    # "VĂN HÓA" inside a name is two syllables of the name, not the compound "Văn hóa".
    assert name_case("NGUYỄN VĂN HÓA") == "Nguyễn Văn Hóa"
    assert name_case("Tạ Minh  Luân") == "Tạ Minh Luân"
