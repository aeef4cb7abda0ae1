"""Unit names: the alias table and names learned from a library's units."""

from __future__ import annotations

import pytest

from chidao.core.model import Unit
from qa.aliases import OrgTable, same_unit
from qa.learning import assignment_head, clean_name, learn_names, split_names
from qa.unitnames import name_spans


def _unit(kind: str, text: str, ordinal: int = 0) -> Unit:
    return Unit("d.txt", ordinal, kind, "", "", text, 0, len(text))  # type: ignore[arg-type]


def test_abbreviation_bdvtu_finds_the_learned_mass_mobilisation_board():
    assert OrgTable.default(["Ban Dân vận Tỉnh ủy"]).find("BDVTU chủ trì, phối hợp") == [
        "Ban Dân vận Tỉnh ủy"
    ]


def test_a_department_and_its_shortened_name_are_one_unit():
    # A task table writes "Sở NN&MT", the quy chế "Sở Nông nghiệp và Môi trường" (the 2025 merger).
    table = OrgTable.default(["Sở NN&MT", "Sở Nông nghiệp và Môi trường", "Sở KH&CN"])
    assert len(table.listing()) == 2
    assert table.find("Sở Nông nghiệp và Môi trường cung cấp số liệu") == table.find("Sở NN&MT chủ trì")
    assert table.find("Sở Khoa học và Công nghệ phối hợp") == table.find("Sở KH&CN")


def test_armed_forces_and_field_units_are_units_under_their_shortened_names():
    # A border province's plan: "ĐU BĐBP tỉnh" in the task table, "Đồn Biên phòng Nà Lạn" in the text.
    units = [
        _unit("table_row", "3 | ĐU BĐBP tỉnh | Tuần tra đường biên | CA tỉnh | Quý I/2026", 0),
        _unit("item", "2. Đồn Biên phòng Nà Lạn chủ trì, phối hợp duy trì tổ công tác tại thôn Pác Nặm.", 1),
        _unit("item", "4. Đảng ủy Công an tỉnh chỉ đạo lập chuyên án.", 2),
    ]
    table = OrgTable.default(learn_names(units))
    assert table.find("Đồn BP Nà Lạn phải làm gì?") == table.find("Đồn Biên phòng Nà Lạn") != []
    assert table.find("Đảng ủy Bộ đội Biên phòng tỉnh phải làm gì?") == table.find("ĐU BĐBP tỉnh") != []
    assert table.find("ĐU CA tỉnh báo cáo") == table.find("Đảng ủy Công an tỉnh báo cáo") != []
    # "đơn" (an application) is no "Đồn", "trạm dừng" no "Trạm".
    assert table.find("đơn đề nghị của công dân") == table.find("trạm dừng nghỉ") == []


def test_short_abbreviation_tu_matches_only_in_capitals():
    table = OrgTable.default(["Văn phòng Tỉnh ủy"])
    assert (table.find("VP TU báo cáo kết quả"), table.find("tư tưởng, tư vấn")) == (
        ["Văn phòng Tỉnh ủy"],
        [],
    )


def test_unaccented_names_match():
    table = OrgTable.default(["Ban Thường vụ Tỉnh đoàn", "Ủy ban MTTQ Việt Nam tỉnh"])
    assert table.find("btv tinh doan va ubmttq tinh") == [
        "Ban Thường vụ Tỉnh đoàn",
        "Ủy ban MTTQ Việt Nam tỉnh",
    ]


def test_longest_name_wins_over_the_name_inside_it():
    table = OrgTable.default(["Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh", "Đảng đoàn Ủy ban MTTQ Việt Nam tỉnh"])
    assert table.find("Đảng đoàn Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh") == [
        "Đảng đoàn Ủy ban MTTQ Việt Nam tỉnh"
    ]


def test_named_in_sees_a_name_inside_a_recipient_list():
    table = OrgTable.default(["Tỉnh đoàn"])
    assert table.named_in("Tỉnh đoàn", "- Các ban cán sự đảng, đảng đoàn, BTV Tỉnh đoàn,")


def test_assignment_head_is_the_text_before_the_verb():
    assert assignment_head("Ban Tuyên giáo Tỉnh ủy chủ trì tổ chức hội nghị") == "Ban Tuyên giáo Tỉnh ủy"


def test_clean_name_drops_plural_and_report_marks():
    assert clean_name("- Các ban cán sự đảng (b/c),") == "Ban cán sự đảng"


def test_names_learned_from_assignments_recipients_and_task_table():
    units = [
        _unit(
            "item", "b) Ban Thường vụ Huyện ủy An Thạch và Ban Thường vụ Thị ủy Cửa Hải tổ chức kiểm điểm."
        ),
        _unit("cc", "Nơi nhận:\n- Như trên,\n- Ban Nội chính Trung ương (b/c),\n- Lưu Văn phòng Tỉnh ủy."),
        _unit("table_row", "6 | Trường Chính trị tỉnh | Biên soạn chuyên đề | Năm học 2022 - 2023"),
    ]
    assert learn_names(units) == [
        "Ban Thường vụ Huyện ủy An Thạch",
        "Ban Thường vụ Thị ủy Cửa Hải",
        "Ban Nội chính Trung ương",
        "Văn phòng Tỉnh ủy",
        "Trường Chính trị tỉnh",
    ]


def test_learned_board_name_is_found_by_the_committee_name_with_its_class():
    table = OrgTable.default(["Ban Thường vụ Huyện ủy An Thạch", "Các huyện ủy, thị ủy, thành ủy"])
    org = table.names["Ban Thường vụ Huyện ủy An Thạch"]
    assert (table.find("huyen uy an thach phai lam gi"), org.parents) == (
        ["Ban Thường vụ Huyện ủy An Thạch"],
        ("Các huyện ủy, thị ủy, thành ủy",),
    )


@pytest.mark.parametrize(
    ("phrase", "names"),
    [
        (
            "Báo Hải Lâm, Đài Phát thanh và Truyền hình tỉnh",
            ["Báo Hải Lâm", " Đài Phát thanh và Truyền hình tỉnh"],
        ),
        ("Sở Thông tin và Truyền thông", ["Sở Thông tin và Truyền thông"]),
        (
            "Các huyện ủy, thị ủy, thành ủy, đảng ủy trực thuộc Tỉnh ủy",
            ["Các huyện ủy, thị ủy, thành ủy, đảng ủy trực thuộc Tỉnh ủy"],
        ),
        (
            "Các ban đảng Tỉnh ủy, Ủy ban Kiểm tra Tỉnh ủy",
            ["Các ban đảng Tỉnh ủy", " Ủy ban Kiểm tra Tỉnh ủy"],
        ),
    ],
)
def test_lists_split_into_names_but_names_with_va_stay_whole(phrase, names):
    assert split_names(phrase) == names


def test_spelling_variants_are_one_unit():
    assert same_unit("Đảng đoàn Ủy ban MTTQ Việt Nam tỉnh", "Đảng đoàn Ủy ban Mặt trận Tổ quốc tỉnh")
    assert not same_unit("Ban Dân vận Tỉnh ủy", "Ban Dân vận Trung ương")


def test_learned_variant_is_one_unit_and_a_class_of_committees_is_a_class():
    table = OrgTable.default(
        [
            "Ban Thường trực Ủy ban MTTQ Việt Nam tỉnh",
            "Ban Thường trực Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh",
            "Huyện ủy, thị ủy, thành ủy, đảng ủy trực thuộc Tỉnh ủy",
        ]
    )
    assert [(o.canonical, o.spelled, o.is_class) for o in table.names.values()] == [
        (
            "Ban Thường trực Ủy ban MTTQ Việt Nam tỉnh",
            (
                "Ban Thường trực Ủy ban MTTQ Việt Nam tỉnh",
                "Ban Thường trực Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh",
            ),
            False,
        ),
        (
            "Huyện ủy, thị ủy, thành ủy, đảng ủy trực thuộc Tỉnh ủy",
            ("Huyện ủy, thị ủy, thành ủy, đảng ủy trực thuộc Tỉnh ủy",),
            True,
        ),
    ]


def test_central_board_is_not_a_member_of_the_provincial_board_of_the_same_name():
    table = OrgTable.default(
        ["Ban Dân vận Trung ương", "Ban Dân vận Tỉnh ủy", "Huyện ủy An Thạch", "Các huyện ủy"]
    )
    assert (table.names["Ban Dân vận Trung ương"].parents, table.names["Huyện ủy An Thạch"].parents) == (
        (),
        ("Các huyện ủy",),
    )


def test_level_words_of_one_family_name_one_unit_but_a_city_is_no_province():
    table = OrgTable.default(["Ban Dân vận Tỉnh ủy", "Ủy ban MTTQ tỉnh", "Ban Dân vận Trung ương"])
    named = [
        table.question_mentions(q)[0][2] for q in ("Ban Dân vận cấp tỉnh cần làm gì?", "UBMTTQ cấp tỉnh")
    ]
    assert named == ["Ban Dân vận Tỉnh ủy", "Ủy ban MTTQ tỉnh"]
    assert table.question_mentions("Ban Dân vận Thành ủy phải làm gì?")[0][2] == "Ban Dân vận Thành ủy"
    assert not table.names["Ban Dân vận Thành ủy"].learned


def test_a_place_after_a_level_word_ends_at_its_last_capitalised_syllable():
    # The commune's name does not run on into the verb; "cũ" (former) stays with it.
    names = [n for _, _, n in name_spans("Đảng ủy xã Tà Sìn chỉ ra những hạn chế gì?")]
    assert names == ["Đảng ủy xã Tà Sìn"]
    assert [n for _, _, n in name_spans("Đảng ủy xã Cốc Mười cũ phải làm gì?")] == ["Đảng ủy xã Cốc Mười cũ"]


@pytest.mark.parametrize(
    ("sentence", "name"),
    [
        ("Đồn Biên phòng Nà Lạn duy trì tổ công tác tại thôn", "Đồn Biên phòng Nà Lạn"),
        ("Thành đoàn Trà Giang duy trì đội hình tình nguyện", "Thành đoàn Trà Giang"),
        # Lower-case words after a capital that is no proper name stay: a body's own words.
        ("Ban Quản lý Khu kinh tế tỉnh chủ trì", "Ban Quản lý Khu kinh tế tỉnh"),
        ("Đảng ủy Khối doanh nghiệp tỉnh phối hợp", "Đảng ủy Khối doanh nghiệp tỉnh"),
        # A commune committee's board since 2025: its function, not a proper name, then the verb.
        ("Ban Xây dựng Đảng đưa kết quả vào tiêu chí đánh giá", "Ban Xây dựng Đảng"),
    ],
)
def test_a_proper_name_of_two_capitalised_syllables_ends_before_lower_case_words(sentence, name):
    assert [n for _, _, n in name_spans(sentence)] == [name]


def test_a_unit_written_as_its_bare_abbreviation_is_named():
    # Cadres write their own board without its level: "BTGDV phải nộp báo cáo …".
    assert [n for _, _, n in name_spans("BTGDV phải nộp báo cáo cho ai?")] == ["BTGDV"]
    assert [n for _, _, n in name_spans("Sau đó BTC phải làm gì?")] == ["BTC"]


def test_an_unaccented_committee_member_is_no_unit_of_its_own():
    # "tinh uy vien" is a member of the Tỉnh ủy (Tỉnh ủy viên), as its accented spelling reads.
    names = [n for _, _, n in name_spans("Tinh uy vien moi thang phai xuong thon ban may lan?")]
    assert names == ["Tinh uy"]


def test_a_body_after_a_level_that_is_no_place_keeps_its_lower_case_syllables():
    # "Trung ương" is followed by a body's name, written "Mặt trận Tổ quốc", not by a place.
    assert [
        n for _, _, n in name_spans("Ban Thường trực Ủy ban Trung ương Mặt trận Tổ quốc Việt Nam đề nghị")
    ] == ["Ban Thường trực Ủy ban Trung ương Mặt trận Tổ quốc Việt Nam"]
    assert [n for _, _, n in name_spans("Bộ Chỉ huy Bộ đội Biên phòng tỉnh duy trì lực lượng")] == [
        "Bộ Chỉ huy Bộ đội Biên phòng tỉnh"
    ]
