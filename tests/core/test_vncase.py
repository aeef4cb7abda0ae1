"""Vietnamese casing of ALL-CAPS header lines: component words capitalised once, abbreviations kept."""

from __future__ import annotations

import pytest

from chidao.core.vncase import written_case


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
    ],
)
def test_written_case(caps, written):
    assert written_case(caps) == written
