"""A city's unit names as its cadres write them: "TP" for Thành phố, two units joined by "cùng", a
special zone's units named without the zone in its own plan, and a plan named by number and topic.

The documents are invented (thành phố Vĩnh Hà, đặc khu Hòn Nhạn) and ingested through the Library.
"""

from __future__ import annotations

import pytest

from qa.candidates import general_tasks, named_documents
from qa.intent import detect_intent
from qa.unitnames import unit_key
from tests.qa.conftest import library_of

CITY_PLAN = """\
       THÀNH ỦY VĨNH HÀ                             ĐẢNG CỘNG SẢN VIỆT NAM
       Số 31-KH/TU                          Vĩnh Hà, ngày 04 tháng 8 năm 2025

                                 KẾ HOẠCH
       phòng, chống ngập úng đô thị và triều cường mùa mưa năm 2025
                                    -----

I. MỤC ĐÍCH, YÊU CẦU

1. Không để người dân bị động khi triều cường dâng cao vào ban đêm; mùa mưa năm 2024 khoảng 35% \
tuyến đường ven sông bị ngập sâu trên 30 phút.

II. NHIỆM VỤ

1. Đảng ủy Công an Thành phố chỉ đạo Công an các phường ven sông tuần tra đến 02 giờ sáng trong \
những đêm triều cường đạt đỉnh.

2. Ban Tuyên giáo và Dân vận Thành ủy định hướng báo chí đưa tin về lịch triều cường; chủ trì phát \
động phong trào "Nhà nhà chuẩn bị bao cát" xong trước ngày 15/9/2025.

3. Ủy ban MTTQ Việt Nam Thành phố phối hợp Liên đoàn Lao động Thành phố vận động chủ doanh nghiệp \
cho người lao động về sớm trong những ngày ngập sâu.

4. Ủy ban nhân dân phường Bến Lở giữ phố đi bộ ven sông đông vui, văn minh, mở cửa từ 18 giờ đến 23 \
giờ các tối cuối tuần, kể cả mùa triều cường.

Nơi nhận:
- Các đảng ủy phường, xã, đặc khu,
- Lưu Văn phòng Thành ủy.

                                                  T/M BAN THƯỜNG VỤ
                                                     PHÓ BÍ THƯ

                                                   Trương Văn Định
"""

ZONE_PLAN = """\
       ĐẢNG BỘ THÀNH PHỐ VĨNH HÀ                     ĐẢNG CỘNG SẢN VIỆT NAM
       ĐẢNG ỦY ĐẶC KHU HÒN NHẠN
       Số 05-KH/ĐU                          Hòn Nhạn, ngày 20 tháng 8 năm 2025

                                 KẾ HOẠCH
       ứng phó bão mùa mưa bão năm 2025
                                    -----

Căn cứ Kế hoạch số 31-KH/TU của Ban Thường vụ Thành ủy, Đảng ủy đặc khu ban hành kế hoạch ứng phó bão \
mùa mưa bão năm 2025 trên đảo như sau:

I. NHIỆM VỤ

1. UBND đặc khu dự trữ gạo, nước ngọt và thuốc đủ dùng 10 ngày cho người dân trên đảo.

2. Ban Chỉ huy Quân sự đặc khu bố trí lực lượng sơ tán người dân khỏi khu vực sạt lở.

3. Đợt 1 (tháng 9/2025), Ban Chỉ huy Quân sự đặc khu diễn tập sơ tán người dân tại 3 điểm trên đảo.

Kế hoạch này thay thế Kế hoạch số 02-KH/ĐU ngày 10/5/2024 của Đảng ủy đặc khu.

Nơi nhận:
- Ban Thường vụ Thành ủy,
- Lưu Văn phòng Đảng ủy.

                                                  T/M ĐẢNG ỦY
                                                     BÍ THƯ

                                                   Lý Văn Khoa
"""


VISIT = """\
       THÀNH ỦY VĨNH HÀ                             ĐẢNG CỘNG SẢN VIỆT NAM
       Số 77-TB/TU                          Vĩnh Hà, ngày 02 tháng 12 năm 2025

                                 THÔNG BÁO
       kết luận của Bí thư Thành ủy khi làm việc tại phường Bến Lở
                                    -----

1. Phường Bến Lở có 31.000 dân. Đảng ủy phường Bến Lở đã chỉ đạo nâng tỷ lệ hồ sơ trực tuyến toàn \
trình lên 42% trước ngày 30/9/2025, hoàn thành sắp xếp các chi bộ khu phố.

2. Nhiệm vụ thời gian tới:

a) Đảng ủy phường chỉ đạo nâng tỷ lệ hồ sơ trực tuyến toàn trình lên ít nhất 80% trước ngày 30/6/2026.

b) Ủy ban MTTQ Việt Nam phường vận động các hộ kinh doanh dùng thanh toán không tiền mặt.

Nơi nhận:
- Đảng ủy phường Bến Lở,
- Lưu Văn phòng Thành ủy.

                                                  T/L BAN THƯỜNG VỤ
                                                  CHÁNH VĂN PHÒNG

                                                   Hà Thị Lụa
"""


@pytest.fixture(scope="module")
def lib(tmp_path_factory):
    library = library_of(
        tmp_path_factory,
        "city-names",
        {
            "ke-hoach-31-kh-tu-2025.txt": CITY_PLAN,
            "ke-hoach-05-kh-du-2025.txt": ZONE_PLAN,
            "thong-bao-77-tb-tu-2025.txt": VISIT,
        },
    )
    yield library
    library.close()


def test_tp_is_the_city_level_so_the_unit_name_ends_there(lib):
    for question in ("Công an TP tuần tra đến mấy giờ sáng?", "Cong an TP tuan tra den may gio sang?"):
        answer = lib.ask(question)
        assert answer.found, answer.text
        assert "02 giờ sáng" in answer.citations[0].hit.unit.text


def test_two_units_joined_by_cung_are_two_units(lib):
    intent = detect_intent(
        "LĐLĐ TP cùng UBMTTQ TP phải vận động chủ doanh nghiệp làm gì?", lib._qa_state().orgs
    )
    assert intent.orgs == ("Liên đoàn Lao động Thành phố", "Ủy ban MTTQ Việt Nam Thành phố")
    answer = lib.ask("LĐLĐ TP cùng UBMTTQ TP phải vận động chủ doanh nghiệp làm gì?")
    assert answer.found and "về sớm" in answer.citations[0].hit.unit.text


def test_a_zone_unit_is_named_without_the_zone_in_the_zone_s_own_plan(lib):
    held = lib.ask("UBND đặc khu Hòn Nhạn phải dự trữ gạo, nước ngọt đủ dùng mấy ngày?")
    assert held.found, held.text
    assert "10 ngày" in held.citations[0].hit.unit.text
    # Another zone's UBND is named nowhere: the zone's plan says nothing of it.
    other = lib.ask("UBND đặc khu Cồn Sẻ phải dự trữ gạo, nước ngọt đủ dùng mấy ngày?")
    assert not other.found, other.text


def test_a_plan_named_by_number_and_topic_lists_the_unit_s_items(lib):
    answer = lib.ask("BTGDVTU được giao việc gì trong KH 31 chống ngập, hạn khi nào?")
    assert answer.found, answer.text
    assert "bao cát" in answer.citations[0].hit.unit.text


def test_an_item_of_a_visit_opening_with_the_place_s_unit_unnamed_is_its_work(lib):
    # The situation paragraph shares more words with the question; the task item opens with
    # "Đảng ủy phường" in the conclusions of a visit to phường Bến Lở.
    answer = lib.ask(
        "Đảng ủy phường Bến Lở phải nâng tỷ lệ hồ sơ trực tuyến toàn trình lên bao nhiêu, hạn khi nào?"
    )
    assert answer.found, answer.text
    assert answer.citations[0].hit.unit.label == "2.a"


def test_a_plan_named_by_kind_and_title_lists_the_unit_s_items_there(lib):
    # "… trong kế hoạch ứng phó bão năm 2025 của đặc khu" names the zone's plan by its kind, title and
    # issuer: the unit's item answers, not the preamble sharing the plan's title words.
    question = (
        "Ban Chỉ huy Quân sự đặc khu Hòn Nhạn phải làm gì trong kế hoạch ứng phó bão năm 2025 của đặc khu?"
    )
    state = lib._qa_state()
    intent = detect_intent(question, state.orgs)
    assert general_tasks(intent, state)
    assert [d.metadata.number for d in named_documents(intent, state)] == ["05-KH/ĐU"]
    answer = lib.ask(question)
    assert answer.found, answer.text
    assert [c.hit.unit.label for c in answer.citations] == ["I.2"]


def test_the_text_of_a_document_the_library_only_cites_is_not_answered(lib):
    # The zone's plan replaces plan 02 and says what it asks of its UBND: nothing of plan 02's text.
    refused = lib.ask("Kế hoạch 02-KH/ĐU năm 2024 giao UBND đặc khu dự trữ gạo, nước ngọt đủ dùng mấy ngày?")
    assert not refused.found, refused.text
    related = lib.ask("Kế hoạch 02-KH/ĐU bị văn bản nào thay thế?")
    assert related.found and related.citations[0].hit.document.metadata.number == "05-KH/ĐU"


def test_mat_tran_tinh_is_the_province_s_fatherland_front():
    assert unit_key("Mặt trận tỉnh") == unit_key("Ủy ban MTTQ Việt Nam tỉnh") == unit_key("Mat tran tinh")
    assert unit_key("Mặt trận Tổ quốc tỉnh") == unit_key("Mặt trận tỉnh")


def test_a_price_asked_needs_money_stated_not_a_word_folding_like_dong(lib):
    # "đông vui" (lively) folds like "đồng" (dong) and the item states hours, not a price.
    refused = lib.ask("Vào phố đi bộ ven sông phường Bến Lở có phải mua vé không, giá bao nhiêu?")
    assert not refused.found, refused.text
    assert detect_intent("Tàu hút cát trái phép bị phạt tiền bao nhiêu?").counted == "tien"


def test_a_round_the_library_never_names_is_a_gap(lib):
    held = lib.ask("Đợt 1 diễn tập sơ tán ở đặc khu Hòn Nhạn tổ chức tại mấy điểm?")
    assert held.found and "3 điểm" in held.citations[0].hit.unit.text
    other = lib.ask("Đợt 2 diễn tập sơ tán ở đặc khu Hòn Nhạn tổ chức tại mấy điểm?")
    assert not other.found, other.text


def test_the_unit_stating_most_of_the_facts_asked_is_cited_first(lib):
    # Number and date are in the header, the signer in the signature: the header answers more.
    three = lib.ask("Kế hoạch phòng, chống ngập úng đô thị của Thành ủy số mấy, ngày nào, ai ký?")
    assert [c.hit.unit.kind for c in three.citations[:2]] == ["header", "signature"]
    # One fact each: the signer first, as before.
    two = lib.ask("Kế hoạch phòng, chống ngập úng đô thị của Thành ủy số mấy, ai ký?")
    assert [c.hit.unit.kind for c in two.citations[:2]] == ["signature", "header"]


def test_a_percentage_asked_in_words_is_stated_by_its_sign(lib):
    answer = lib.ask("Mùa mưa năm 2024 bao nhiêu phần trăm tuyến đường ven sông bị ngập sâu?")
    assert answer.found, answer.text
    assert "35%" in answer.citations[0].hit.unit.text


def test_the_former_board_s_name_finds_the_merged_board(lib):
    # The city's documents name only the 2025 Ban Tuyên giáo và Dân vận Thành ủy.
    answer = lib.ask("Ban Tuyên giáo Thành ủy phải định hướng báo chí đưa tin về lịch triều cường thế nào?")
    assert answer.found, answer.text
    assert "định hướng báo chí" in answer.citations[0].hit.unit.text
    assert not lib.ask(
        "Ban Nội chính Thành ủy phải định hướng báo chí đưa tin về lịch triều cường thế nào?"
    ).found
