"""Near-miss questions a small real library must refuse, each beside one it answers: the asked amount
is not stated, the document described is of another kind, the law named is not in the library.

The documents are invented (tỉnh Hải Lâm, as in the eval set) and ingested through the Library.
"""

from __future__ import annotations

import pytest

from qa.intent import detect_intent
from tests.qa.conftest import library_of

PLAN = """\
       TỈNH ỦY HẢI LÂM                              ĐẢNG CỘNG SẢN VIỆT NAM
       Số 21-KH/TU                          Hải Lâm, ngày 05 tháng 3 năm 2025

                                 KẾ HOẠCH
       tổ chức đại hội chi bộ trực thuộc đảng ủy cơ sở nhiệm kỳ 2025 - 2030
                                    -----

I. MỤC ĐÍCH, YÊU CẦU

1. Đại hội chi bộ được chuẩn bị chu đáo, dân chủ, đúng Điều lệ Đảng.

II. NHIỆM VỤ

1. Các đảng ủy cơ sở chỉ đạo tổ chức xong đại hội chi bộ trực thuộc trước ngày 30/6/2025.

2. Ban Tổ chức Tỉnh ủy hướng dẫn nhân sự cấp ủy chi bộ, tổng hợp kết quả đại hội báo cáo Ban Thường \
vụ Tỉnh ủy.

Nơi nhận:
- Các đảng ủy cơ sở,
- Lưu Văn phòng Tỉnh ủy.

                                                  T/M BAN THƯỜNG VỤ
                                                     PHÓ BÍ THƯ

                                                   Trần Văn Mẫu
"""

GUIDE = """\
       TỈNH ỦY HẢI LÂM                              ĐẢNG CỘNG SẢN VIỆT NAM
       BAN TUYÊN GIÁO
       Số 07-HD/BTGTU                       Hải Lâm, ngày 12 tháng 4 năm 2025

                                 HƯỚNG DẪN
       xây dựng đội ngũ cộng tác viên trên mạng xã hội
                                    -----

Thực hiện Nghị quyết số 35-NQ/TW ngày 22/10/2018 của Bộ Chính trị về tăng cường bảo vệ nền tảng tư \
tưởng của Đảng, Ban Tuyên giáo Tỉnh ủy hướng dẫn như sau:

I. YÊU CẦU

1. Mỗi đảng ủy xã, phường có ít nhất 05 cộng tác viên, trong đó có đoàn viên thanh niên.

2. Cộng tác viên không nhận tiền, quà của bất kỳ tổ chức, cá nhân nào để đăng hoặc gỡ bài viết.

Nơi nhận:
- Các đảng ủy xã, phường,
- Lưu Ban Tuyên giáo.

                                                  K/T TRƯỞNG BAN
                                                     PHÓ TRƯỞNG BAN

                                                   Lê Thị Hoa
"""

NOTICE = """\
       TỈNH ỦY HẢI LÂM                              ĐẢNG CỘNG SẢN VIỆT NAM
       Số 63-TB/TU                          Hải Lâm, ngày 05 tháng 11 năm 2025

                                 THÔNG BÁO
       kết luận của Thường trực Tỉnh ủy về khắc phục hậu quả cơn bão số 12
                                    -----

I. TÌNH HÌNH

Cơn bão làm 01 người ở xã Kỳ Xuyên mất tích khi ra kiểm tra lồng bè, 214 nhà bị tốc mái.

II. NHIỆM VỤ TRONG THỜI GIAN TỚI

1. Ủy ban nhân dân tỉnh hỗ trợ 20 triệu đồng cho mỗi hộ có nhà bị tốc mái hoàn toàn.

2. Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh tiếp tục vận động ủng hộ người dân bị thiệt hại; ưu tiên hỗ \
trợ gia đình người mất tích ở xã Kỳ Xuyên; công khai danh sách, số tiền hỗ trợ từng hộ tại nhà văn hóa thôn.

Nơi nhận:
- Các huyện ủy, thị ủy,
- Lưu Văn phòng Tỉnh ủy.

                                                  T/L BAN THƯỜNG VỤ
                                                  CHÁNH VĂN PHÒNG

                                                   Nguyễn Văn Tư
"""


@pytest.fixture(scope="module")
def lib(tmp_path_factory):
    library = library_of(
        tmp_path_factory,
        "near-misses",
        {
            "ke-hoach-21-kh-tu-2025.txt": PLAN,
            "huong-dan-07-hd-btgtu-2025.txt": GUIDE,
            "thong-bao-63-tb-tu-2025.txt": NOTICE,
        },
    )
    yield library
    library.close()


def _signal(answer, name):
    return dict(answer.signals)[name]


def _best_unit(answer):
    """The unit an answer was weighed on: its first citation, or its first suggestion when refused."""
    return (answer.citations[0].hit if answer.found else answer.suggestions[0]).unit


def test_an_amount_the_unit_under_a_heading_never_states_is_missing(lib):
    # The item names "số tiền hỗ trợ" but no amount; its label "2." opens its second line, after the
    # heading "II. NHIỆM VỤ …", and is no quantity.
    missing = lib.ask("Gia đình người mất tích ở xã Kỳ Xuyên trong cơn bão được hỗ trợ bao nhiêu tiền?")
    best = _best_unit(missing)
    assert "số tiền hỗ trợ từng hộ" in best.text
    assert _signal(missing, "counted_missing") == 1.0
    stated = lib.ask("Hộ có nhà bị tốc mái hoàn toàn trong cơn bão được hỗ trợ bao nhiêu tiền?")
    assert stated.found and "20 triệu đồng" in stated.citations[0].hit.unit.text
    assert _signal(stated, "counted_missing") == 0.0


def test_a_document_described_by_kind_and_answered_from_another_kind_is_a_gap(lib):
    # The library's guide is about something else; the plan holds a deadline for the same congresses.
    other = lib.ask(
        "Hướng dẫn tổ chức đại hội chi bộ nhiệm kỳ 2025 - 2030 yêu cầu hoàn thành đại hội trước ngày nào?"
    )
    assert _signal(other, "gaps") == 1.0
    held = lib.ask(
        "Kế hoạch tổ chức đại hội chi bộ nhiệm kỳ 2025 - 2030 yêu cầu hoàn thành đại hội trước ngày nào?"
    )
    assert held.found and "30/6/2025" in held.citations[0].hit.unit.text
    assert _signal(held, "gaps") == 0.0


def test_a_document_prescribing_is_asked_about_as_a_document(lib):
    other = lib.ask("Hướng dẫn về tổ chức đại hội chi bộ quy định những gì?")
    assert not other.found, other.text
    assert _signal(other, "gaps") == 1.0
    held = lib.ask("Hướng dẫn về cộng tác viên trên mạng xã hội quy định những gì?")
    assert held.found and held.citations[0].hit.document.id.startswith("huong-dan")
    assert _signal(held, "gaps") == 0.0


def test_related_documents_of_a_law_the_library_lacks_are_refused(lib):
    refused = lib.ask("Văn bản nào của tỉnh hướng dẫn thi hành Luật Phòng, chống tham nhũng năm 2018?")
    assert not refused.found, refused.text
    held = lib.ask("Văn bản nào của tỉnh thực hiện Nghị quyết số 35-NQ/TW?")
    assert held.found and held.citations[0].hit.document.id.startswith("huong-dan")


def test_how_much_asked_after_its_noun_needs_a_quantity_in_the_unit(lib):
    missing = lib.ask("Cộng tác viên được trả thù lao cho mỗi bài viết là bao nhiêu?")
    assert _signal(missing, "counted_missing") == 1.0
    stated = lib.ask("Số cộng tác viên tối thiểu của mỗi đảng ủy xã là bao nhiêu?")
    assert stated.found and "05 cộng tác viên" in stated.citations[0].hit.unit.text
    assert _signal(stated, "counted_missing") == 0.0


def test_an_amount_is_asked_by_bao_nhieu_or_may_not_by_a_machine():
    assert [
        detect_intent(q).amount
        for q in (
            "Tiền chi trả cho mỗi héc-ta rừng là bao nhiêu?",
            "Bí thư phải tiếp dân mấy ngày một tháng?",
            "tien ho tro moi chuyen bien la bao nhieu",
            "16 tuoi co duoc mua xe may khong",
            "Người 16 tuổi có được mua xe máy không?",
            "Mưa to mấy ngày liền mà dân không chịu đi thì xã có được cưỡng chế không?",
        )
    ] == [True, True, True, False, False, False]


def test_a_quote_from_memory_is_answered_by_the_unit_holding_its_words_in_order(lib):
    # Most of the quoted words stand in order in the guide's item, though the unit's heading comes
    # first and the question's other words ("là của ai, nói khi nào") are not there.
    held = lib.ask('Câu "đừng lấy tiền quà của ai để đăng hay gỡ bài" là của ai, nói khi nào?')
    assert held.found and "gỡ bài viết" in held.citations[0].hit.unit.text
    invented = lib.ask('Câu "cán bộ phải đi trước, làng nước theo sau" được nói trong dịp nào?')
    assert not invented.found, invented.text


DISPATCH = """\
       TỈNH ỦY HẢI LÂM                              ĐẢNG CỘNG SẢN VIỆT NAM
       Số 219-CV/TU                         Hải Lâm, ngày 12 tháng 9 năm 2025

                                 CÔNG VĂN
       về xử lý vụ tàu cá bị nước ngoài bắt giữ
                                    -----

Kính gửi: Các ban đảng Tỉnh ủy, Đảng ủy Ủy ban nhân dân tỉnh.

1. Đảng ủy Ủy ban nhân dân tỉnh chỉ đạo Sở Ngoại vụ phối hợp bảo hộ ngư dân, báo cáo trước ngày 20/9/2025.

2. Ban Tuyên giáo và Dân vận Tỉnh ủy định hướng các cơ quan báo chí đưa tin khách quan về vụ việc; tổng \
hợp dư luận, báo cáo Thường trực Tỉnh ủy trước ngày 30/9/2025.

3. Ban Nội chính Tỉnh ủy theo dõi việc xử lý trách nhiệm của tập thể, cá nhân có liên quan.

Nơi nhận:
- Như trên,
- Lưu Văn phòng Tỉnh ủy.

                                                  T/M BAN THƯỜNG VỤ
                                                     PHÓ BÍ THƯ

                                                   Trần Văn Mẫu
"""


@pytest.fixture(scope="module")
def dispatch_lib(tmp_path_factory):
    library = library_of(tmp_path_factory, "initials", {"cong-van-219-cv-tu-2025.txt": DISPATCH})
    yield library
    library.close()


def test_a_unit_written_partly_as_initials_is_the_librarys_unit(dispatch_lib):
    # "TGDV" stands for "Tuyên giáo và Dân vận": the board the dispatch gives work, not one it lacks.
    answer = dispatch_lib.ask(
        "Sau vụ tàu cá bị bắt, Ban TGDV Tỉnh ủy phải làm gì và báo cáo ai trước ngày nào?"
    )
    assert answer.found, answer.text
    assert answer.citations[0].hit.unit.text.startswith("2. Ban Tuyên giáo và Dân vận Tỉnh ủy")
    assert _signal(answer, "gaps") == 0.0
    # A board whose initials spell no unit of the library is still one it lacks.
    lacking = dispatch_lib.ask("Ban TCTU phải làm gì sau vụ tàu cá bị bắt?")
    assert not lacking.found, lacking.text


def test_a_day_asked_alone_needs_a_day_in_the_unit(lib):
    # The plan gives the Organisation Board its work with no day; the congresses have one.
    missing = lib.ask("Ban Tổ chức Tỉnh ủy phải hướng dẫn nhân sự cấp ủy chi bộ xong trước ngày nào?")
    best = _best_unit(missing)
    assert "hướng dẫn nhân sự cấp ủy chi bộ" in best.text
    assert _signal(missing, "counted_missing") == 1.0
    stated = lib.ask("Các đảng ủy cơ sở phải tổ chức xong đại hội chi bộ trực thuộc trước ngày nào?")
    assert stated.found and "30/6/2025" in stated.citations[0].hit.unit.text
    assert _signal(stated, "counted_missing") == 0.0


def test_an_amount_asked_for_a_year_the_document_never_mentions_is_not_stated(lib):
    # The notice's 20 million đồng are this storm's (2025); 2018 is named by the library's guide only.
    other_year = lib.ask("Năm 2018, hộ có nhà bị tốc mái hoàn toàn được hỗ trợ bao nhiêu tiền?")
    assert "20 triệu đồng" in other_year.suggestions[0].unit.text
    assert not other_year.found, other_year.text
    assert _signal(other_year, "counted_missing") == 1.0
    this_year = lib.ask("Năm 2025, hộ có nhà bị tốc mái hoàn toàn trong cơn bão được hỗ trợ bao nhiêu tiền?")
    assert this_year.found and "20 triệu đồng" in this_year.citations[0].hit.unit.text
    assert _signal(this_year, "counted_missing") == 0.0
