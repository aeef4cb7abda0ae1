"""Unit names learned from another province's documents with the 2025 chart, and task lists that hold
only tasks: a real store of three invented documents (tỉnh Sơn Hà, 2025; Thành ủy Hà Nội, 2024)."""

from __future__ import annotations

import pytest

from chidao.library import Library

PLAN_ID = "ke-hoach-18-kh-tu-2025.txt"
TABLE_ID = "ke-hoach-22-kh-tu-2025.txt"
CITY_ID = "cong-van-45-cv-thu-2024.md"

PLAN = """\
       TỈNH ỦY SƠN HÀ                              ĐẢNG CỘNG SẢN VIỆT NAM
              *
       Số 18-KH/TU                          Sơn Hà, ngày 05 tháng 8 năm 2025

                                 KẾ HOẠCH
       tổ chức các hoạt động kỷ niệm 80 năm Cách mạng Tháng Tám và Quốc khánh 2/9
                                    -----

I. MỤC ĐÍCH, YÊU CẦU

1. Giáo dục truyền thống cách mạng, củng cố niềm tin của Nhân dân vào sự lãnh đạo của Đảng.

II. TỔ CHỨC THỰC HIỆN

1. Ban Tuyên giáo và Dân vận Tỉnh ủy chủ trì, phối hợp với Ủy ban MTTQ tỉnh hướng dẫn tuyên truyền \
kỷ niệm trên báo chí, hệ thống thông tin cơ sở; tổng hợp kết quả, báo cáo Ban Thường vụ Tỉnh ủy \
trước ngày 30/9/2025.

2. Đảng ủy các cơ quan Đảng tỉnh chỉ đạo các chi bộ trực thuộc sinh hoạt chuyên đề về truyền thống \
cách mạng trong tháng 9/2025.

3. Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh chỉ đạo các tổ chức chính trị - xã hội trực thuộc vận động \
xây dựng 80 công trình an sinh, hoàn thành trước ngày 20/8/2025.

4. Các đảng ủy xã, phường, đặc khu xây dựng kế hoạch thực hiện, gửi về Ban Tuyên giáo và Dân vận \
Tỉnh ủy trước ngày 12/8/2025.

5. Đảng ủy phường Hòa Bình tổ chức lễ dâng hương tại Khu di tích Đồi Thông vào ngày 19/8/2025.

Nơi nhận:
- Ban Tuyên giáo và Dân vận Trung ương (b/c),
- Các đảng ủy xã, phường, đặc khu,
- Lưu Văn phòng Tỉnh ủy.

                                                  T/M BAN THƯỜNG VỤ
                                                     PHÓ BÍ THƯ

                                                   Nguyễn Văn Sơn
"""

TABLE_PLAN = """\
       TỈNH ỦY SƠN HÀ                              ĐẢNG CỘNG SẢN VIỆT NAM
              *
       Số 22-KH/TU                          Sơn Hà, ngày 20 tháng 8 năm 2025

                                 KẾ HOẠCH
       phân công thực hiện công tác thanh niên năm 2025
                                    -----

Ban Thường vụ Tỉnh ủy phân công thực hiện như sau:

TT | Nội dung công việc | Thời hạn | Cơ quan chủ trì | Cơ quan phối hợp
1 | Tổ chức hội nghị đối thoại giữa Bí thư Tỉnh ủy với thanh niên | Tháng 10/2025 | Tỉnh đoàn | \
Ban Tuyên giáo và Dân vận Tỉnh ủy
2 | Ra quân Chiến dịch tình nguyện "Mùa đông ấm" ở các xã vùng cao | Trước ngày 15/12/2025 | Tỉnh đoàn | \
Ủy ban MTTQ tỉnh
3 | Xây dựng chuyên mục "Thanh niên Sơn Hà" trên cổng thông tin điện tử | Thường xuyên | \
Ban Tuyên giáo và Dân vận Tỉnh ủy | Tỉnh đoàn

Nhận được Kế hoạch này, đề nghị các cơ quan, đơn vị nghiêm túc triển khai thực hiện.

Nơi nhận:
- Như trên,
- Lưu Văn phòng Tỉnh ủy.

                                                  T/M BAN THƯỜNG VỤ
                                                     PHÓ BÍ THƯ

                                                   Nguyễn Văn Sơn
"""

CITY = """\
THÀNH ỦY HÀ NỘI

Số 45-CV/ThU — Hà Nội, ngày 10 tháng 3 năm 2024

V/v tổ chức Tháng Thanh niên năm 2024

Kính gửi:
- Quận ủy Ba Đình,
- Quận ủy Hoàn Kiếm,
- Thành đoàn Hà Nội.

### 1. Đánh giá kết quả năm 2023

Năm 2023, Thành đoàn Hà Nội đã tổ chức thành công Tháng Thanh niên, được Thường trực Thành ủy biểu dương.

### 2. Nhiệm vụ năm 2024

1. Quận ủy Ba Đình chủ trì tổ chức Ngày hội thanh niên khởi nghiệp tại phố đi bộ, hoàn thành \
trước ngày 26/3/2024.

2. Thành đoàn Hà Nội phát động phong trào "Thanh niên Thủ đô văn minh" trong toàn thành phố, \
báo cáo kết quả trước ngày 30/4/2024.

3. Quận ủy Hoàn Kiếm chỉ đạo chỉnh trang các tuyến phố quanh hồ Hoàn Kiếm trong tháng 3/2024.

Nhận được Công văn này, đề nghị các đồng chí Bí thư Quận ủy và Thành đoàn Hà Nội quan tâm triển khai \
thực hiện.

Nơi nhận:
- Như trên,
- Lưu Văn phòng Thành ủy.

T/M BAN THƯỜNG VỤ
PHÓ BÍ THƯ

Trần Thị Hà
"""


@pytest.fixture(scope="module")
def lib(tmp_path_factory):
    folder = tmp_path_factory.mktemp("son-ha-docs")
    for name, text in ((PLAN_ID, PLAN), (TABLE_ID, TABLE_PLAN), (CITY_ID, CITY)):
        (folder / name).write_text(text, encoding="utf-8")
    library = Library.open(tmp_path_factory.mktemp("son-ha-store"))
    report = library.ingest([folder])
    assert report.ok, report.failed
    yield library
    library.close()


def _items(answer):
    return [(c.hit.document.id, c.hit.unit.label) for c in answer.citations]


def test_units_list_has_the_2025_names_the_city_units_and_one_entry_per_unit(lib: Library):
    units = lib.organisations()
    for name in (
        "Ban Tuyên giáo và Dân vận Tỉnh ủy",
        "Ban Tuyên giáo và Dân vận Trung ương",
        "Các đảng ủy xã, phường, đặc khu",
        "Đảng ủy các cơ quan Đảng tỉnh",
        "Đảng ủy phường Hòa Bình",
        "Quận ủy Ba Đình",
        "Quận ủy Hoàn Kiếm",
        "Thành đoàn Hà Nội",
        "Tỉnh đoàn",
    ):
        assert name in units
    # "Ủy ban MTTQ tỉnh" and "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh" are one unit; no older-chart
    # name the documents never use is listed.
    assert [u for u in units if "Mặt trận" in u or "MTTQ" in u] == ["Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh"]
    assert not {"Ban Tuyên giáo Tỉnh ủy", "Ban Dân vận Tỉnh ủy", "Các huyện ủy, thị ủy, thành ủy"} & set(
        units
    )


def test_abbreviated_2025_board_gets_its_plan_item_and_table_rows(lib: Library):
    answer = lib.ask("BTGDVTU phải làm gì?")
    assert (answer.status, answer.intent) == ("found", "unit_tasks")
    assert answer.text.splitlines()[0] == "Nhiệm vụ của Ban Tuyên giáo và Dân vận Tỉnh ủy:"
    # Led first (plan item II.1, table row 3), then the rows it co-ordinates (1); the item that
    # only sends it a report (II.4) is not its task.
    assert _items(answer) == [(TABLE_ID, "3"), (PLAN_ID, "II.1"), (TABLE_ID, "1")]


def test_central_board_is_not_the_provincial_board(lib: Library):
    assert lib.tasks("Ban Tuyên giáo và Dân vận Trung ương") == []
    answer = lib.ask("Ban Tuyên giáo và Dân vận Trung ương phải làm gì?")
    assert (answer.status, _items(answer)) == ("not_found", [])


def test_older_names_are_not_rewritten_into_the_2025_board(lib: Library):
    assert lib.tasks("Ban Tuyên giáo Tỉnh ủy") == []
    assert lib.tasks("Ban Dân vận Thành ủy") == []


def test_party_committee_of_the_provincial_party_agencies(lib: Library):
    assert [(c.hit.document.id, c.hit.unit.label) for c in lib.tasks("ĐUCCQĐ tỉnh")] == [(PLAN_ID, "II.2")]


def test_front_committee_is_found_by_its_abbreviation(lib: Library):
    # It leads item II.3, co-ordinates item II.1 ("phối hợp với Ủy ban MTTQ tỉnh") and table row 2.
    assert [(c.hit.document.id, c.hit.unit.label) for c in lib.tasks("UBMTTQ tỉnh")] == [
        (PLAN_ID, "II.3"),
        (PLAN_ID, "II.1"),
        (TABLE_ID, "2"),
    ]


def test_ward_committee_named_with_its_place_and_a_member_of_the_class(lib: Library):
    named = lib.ask("Đảng ủy phường Hòa Bình phải làm gì?")
    assert _items(named)[0] == (PLAN_ID, "II.5")
    # A commune the library never names still gets what the documents give all communes.
    member = lib.ask("Đảng ủy xã Tân Lập phải làm gì?")
    assert (member.status, _items(member)) == ("found", [(PLAN_ID, "II.4")])


def test_district_committee_of_a_city(lib: Library):
    answer = lib.ask("Quận ủy Ba Đình phải làm gì?")
    assert answer.status == "found"
    assert _items(answer)[0][0] == CITY_ID
    assert "Ngày hội thanh niên khởi nghiệp" in answer.text.splitlines()[1]


def test_city_committee_is_not_rewritten_into_district_committees(lib: Library):
    # The library gives the Thành ủy no task (it issues them): nothing, not the Quận ủy items.
    answer = lib.ask("Thành ủy phải làm gì?")
    assert (answer.status, _items(answer)) == ("not_found", [])


def test_task_table_row_shows_its_task_cell_units_and_deadline(lib: Library):
    answer = lib.ask("Tỉnh đoàn phải làm gì?")
    assert _items(answer) == [(TABLE_ID, "1"), (TABLE_ID, "2"), (TABLE_ID, "3")]
    assert answer.text.splitlines()[2] == (
        '- Ra quân Chiến dịch tình nguyện "Mùa đông ấm" ở các xã vùng cao (chủ trì: Tỉnh đoàn; phối hợp: '
        "Ủy ban MTTQ tỉnh) (Kế hoạch số 22-KH/TU ngày 20/8/2025 của Tỉnh ủy Sơn Hà, bảng, dòng 2; "
        "thời hạn: trước ngày 15/12/2025)"
    )


def test_two_wordings_of_a_unit_question_list_the_same_items(lib: Library):
    plain = lib.ask("Tỉnh đoàn phải làm gì?")
    worded = lib.ask("Tỉnh đoàn cần hoàn thành những việc gì, hạn khi nào?")
    assert _items(worded) == _items(plain)
    assert [c.deadline for c in worded.citations] == [
        "tháng 10/2025",
        "trước ngày 15/12/2025",
        "thường xuyên",
    ]


def test_task_list_holds_no_closing_formula_praise_or_markup(lib: Library):
    answer = lib.ask("Thành đoàn Hà Nội phải làm gì?")
    assert answer.status == "found"
    texts = [c.hit.unit.text for c in answer.citations]
    assert any("Thanh niên Thủ đô văn minh" in t for t in texts)
    assert not any(t.startswith(("Nhận được", "Năm 2023", "#")) for t in texts)
    assert "#" not in answer.text
    assert not any(c.hit.unit.text.startswith("Nhận được") for c in lib.tasks("Tỉnh đoàn"))


def test_a_unit_named_without_its_place_is_the_one_unit_of_that_name(lib: Library):
    # The library has one Thành đoàn (Hà Nội) but two Quận ủy: "Quận ủy" alone names neither.
    assert _items(lib.ask("Thành đoàn phải làm gì?")) == _items(lib.ask("Thành đoàn Hà Nội phải làm gì?"))
    assert lib.tasks("Quận ủy") == []


def test_to_do_table_shows_a_table_row_by_its_task_cell(lib: Library):
    from chidao.ui_format import task_rows
    from chidao.ui_text import TASK_COLUMNS

    rows = task_rows(lib.tasks("Tỉnh đoàn"))
    assert [r[TASK_COLUMNS[1]] for r in rows][1] == (  # the "Nhiệm vụ" (task) column
        'Ra quân Chiến dịch tình nguyện "Mùa đông ấm" ở các xã vùng cao (chủ trì: Tỉnh đoàn; '
        "phối hợp: Ủy ban MTTQ tỉnh)"
    )


def test_a_district_committee_the_library_never_names_gets_nothing(lib: Library):
    answer = lib.ask("Quận ủy Tây Hồ phải làm gì?")
    assert (answer.status, answer.citations) == ("not_found", ())
