"""The order of search hits and citations: the first hits as an answer weighs them, so that search
shows first the unit the answer cites (qa/search.as_answered); the cue of a document issued by the
unit asked about (qa/candidates.W_ISSUED); a span of time for "bao lâu". Each on a small real store."""

from __future__ import annotations

from pathlib import Path

from chidao.library import Library
from qa import search
from qa.candidates import issued_by
from qa.deadline import states_span
from tests.qa.conftest import library_of

DATA = Path(__file__).resolve().parents[1] / "data"


def test_search_shows_first_the_item_the_answer_cites(seed_store: Path):
    # The founding dispatch: item 3 shares more of the question's words ("lãnh đạo, chỉ đạo …
    # quyền làm chủ"), item 4 is addressed to "Mặt trận Tổ quốc và các tổ chức thành viên" and
    # holds the asked task ("vai trò nòng cốt trong việc phát huy quyền làm chủ của Nhân dân").
    lib = Library.open(seed_store)
    question = (
        "Để phát huy quyền làm chủ của người dân, Mặt trận Tổ quốc và các đoàn thể thành viên "
        "được yêu cầu làm những việc gì?"
    )
    hits = lib.search(question, k=5)
    cited = lib.ask(question).citations[0].hit.unit
    assert hits[0].unit.label == cited.label == "4"
    assert "vai trò nòng cốt trong việc phát huy quyền làm chủ của Nhân dân" in hits[0].unit.text
    lib.close()


def test_the_first_hit_is_the_same_however_many_are_asked(seed_store: Path):
    lib = Library.open(seed_store)
    question = (
        "Để phát huy quyền làm chủ của người dân, Mặt trận Tổ quốc và các đoàn thể thành viên "
        "được yêu cầu làm những việc gì?"
    )
    firsts = {lib.search(question, k=k)[0].unit.ordinal for k in (1, 2, 3, 5, 10)}
    assert len(firsts) == 1
    lib.close()


def test_search_reorders_only_its_first_five_hits(seed_store: Path, monkeypatch):
    lib = Library.open(seed_store)
    question = "Mặt trận Tổ quốc và các đoàn thể được yêu cầu làm những việc gì?"
    ordered = [h.unit.ordinal for h in lib.search(question, k=10)]
    monkeypatch.setattr(search, "ORDERED_HITS", 0)
    as_retrieved = [h.unit.ordinal for h in lib.search(question, k=10)]
    # The same five units first, and from the sixth on the same units in the same order.
    assert ordered != as_retrieved
    assert set(ordered[:5]) == set(as_retrieved[:5])
    assert ordered[5:] == as_retrieved[5:]
    lib.close()


ISSUED_DOCS = ("ke-hoach-15-kh-tu-2025.txt", "quy-che-03-qcph-2025.txt")


def test_a_unit_of_the_asked_units_own_document_goes_first(tmp_path: Path):
    # A Kế hoạch of the Tỉnh ủy gives the Sở Tài chính a task-table row sharing the question's
    # words; the Sở's own quy chế states what it provides ("Trước ngày 15 …, Sở Tài chính gửi …"),
    # written less plainly as its task (the sentence opens with the date). Its document's issuer
    # is the unit asked about: that unit goes first, in the answer and in search.
    lib = Library.open(tmp_path / "store")
    assert lib.ingest([DATA / name for name in ISSUED_DOCS]).ok
    question = "Sở Tài chính cung cấp số liệu giấy chứng nhận cho các hộ nhận khoán rừng ra sao?"
    answer = lib.ask(question)
    assert answer.found
    first = answer.citations[0].hit
    assert (first.document.id, first.unit.label) == ("quy-che-03-qcph-2025.txt", "Điều 2.1")
    hit = lib.search(question, k=5)[0]
    assert (hit.document.id, hit.unit.label) == ("quy-che-03-qcph-2025.txt", "Điều 2.1")
    lib.close()


REPORT = """\
ĐẢNG BỘ TỈNH HÒA AN                               ĐẢNG CỘNG SẢN VIỆT NAM
ỦY BAN KIỂM TRA
        *
Số 21-BC/UBKTTU                               Hòa An, ngày 20 tháng 10 năm 2025

BÁO CÁO
kết quả công tác kiểm tra, giám sát 9 tháng đầu năm 2025

I. KẾT QUẢ
1. Đã kiểm tra 12 tổ chức đảng và 30 đảng viên.

II. NHIỆM VỤ QUÝ IV
1. Tổ chức tập huấn nghiệp vụ kiểm tra cho ủy ban kiểm tra đảng ủy cấp xã, hoàn thành trong tháng 12/2025.

T/M ỦY BAN KIỂM TRA
CHỦ NHIỆM

Lê Văn Kiểm
"""


DISPATCH = """\
TỈNH ỦY HÒA AN                                    ĐẢNG CỘNG SẢN VIỆT NAM
        *
Số 30-CV/TU                                   Hòa An, ngày 02 tháng 11 năm 2025

Kính gửi:
- Ủy ban Kiểm tra Tỉnh ủy,
- Ban Tuyên giáo và Dân vận Tỉnh ủy.

1. Ủy ban Kiểm tra Tỉnh ủy chủ trì kiểm tra việc thực hiện quy chế làm việc của các đảng ủy xã.
2. Ban Tuyên giáo và Dân vận Tỉnh ủy chủ trì tuyên truyền kết quả kiểm tra.

T/M BAN THƯỜNG VỤ
PHÓ BÍ THƯ

Nguyễn Văn Hòa
"""


def test_a_board_issues_a_document_by_the_code_of_its_number(tmp_path_factory):
    # The header writes "Ủy ban Kiểm tra" under "Đảng bộ tỉnh Hòa An" (no committee line to name it
    # with, as "Tỉnh ủy Hòa An" over it would); the number's code UBKTTU names
    # the Ủy ban Kiểm tra Tỉnh ủy in full (a name the library learns from the dispatch).
    files = {"bao-cao-21-bc-ubkttu-2025.txt": REPORT, "cong-van-30-cv-tu-2025.txt": DISPATCH}
    lib = library_of(tmp_path_factory, "report", files)
    state = lib._qa_state()
    document = lib.document("bao-cao-21-bc-ubkttu-2025.txt").document
    assert document.metadata.issuer == "Ủy ban Kiểm tra"
    assert not state.orgs.addresses("Ủy ban Kiểm tra Tỉnh ủy", document.metadata.issuer)
    assert issued_by("Ủy ban Kiểm tra Tỉnh ủy", document, state)
    assert not issued_by("Ban Tuyên giáo và Dân vận Tỉnh ủy", document, state)
    lib.close()


FUNERAL_GUIDE = """\
TỈNH ỦY HÒA AN                                    ĐẢNG CỘNG SẢN VIỆT NAM
BAN TUYÊN GIÁO VÀ DÂN VẬN
        *
Số 20-HD/BTGDVTU                              Hòa An, ngày 12 tháng 5 năm 2025

HƯỚNG DẪN
thực hiện nếp sống văn minh trong việc cưới, việc tang

I. MỤC ĐÍCH
Xây dựng nếp sống văn minh, tiết kiệm trong việc cưới, việc tang ở khu dân cư.

II. NỘI DUNG CAM KẾT
1. Các gia đình đăng ký tổ chức đám cưới gọn nhẹ, không mời quá đông khách.
2. Cam kết của dòng họ: trong đám tang không để người chết trong nhà quá 48 giờ; không rải tiền \
vàng mã trên đường.

III. TỔ CHỨC THỰC HIỆN
1. Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh chỉ đạo Mặt trận các xã đưa nội dung cam kết của dòng họ \
về việc tang vào hương ước, quy ước của thôn, bản.
2. Các đảng ủy xã định kỳ sơ kết việc thực hiện.

T/M BAN THƯỜNG VỤ
TRƯỞNG BAN

Phạm Thị Lan
"""


def test_how_long_is_answered_by_the_item_stating_a_span_of_time(tmp_path_factory):
    # "… trong bao lâu?" asks for a span of time: "quá 48 giờ" answers it, not the item that shares
    # more of the question's words ("cam kết của dòng họ về việc tang") but states none.
    lib = library_of(tmp_path_factory, "funeral", {"huong-dan-20-hd-btgdvtu-2025.txt": FUNERAL_GUIDE})
    question = "Theo cam kết của dòng họ, việc tang phải đưa người mất đi chôn trong bao lâu?"
    answer = lib.ask(question)
    assert answer.found
    assert answer.citations[0].hit.unit.label == "II.2"
    assert lib.search(question, k=5)[0].unit.label == "II.2"
    lib.close()


def test_a_span_of_time_is_not_the_day_or_month_of_a_date():
    assert states_span("trong đám tang không để người chết trong nhà quá 48 giờ")
    assert states_span("Trong thời hạn 30 ngày kể từ ngày Quy định có hiệu lực")
    assert states_span("hai tuần một lần")
    assert not states_span("Hòa An, ngày 27 tháng 9 năm 2025")
    assert not states_span("hoàn thành trong tháng 12/2025")


PLAN_OPENING_UNIT = (
    "ĐẢNG BỘ XÃ CỐC PÀI\nĐẢNG ỦY XÃ\nSố 31-KH/ĐU\n\nKẾ HOẠCH\n"
    "phòng, chống ma túy trên địa bàn xã năm 2025\n\nI. NHIỆM VỤ\n\n"
    "1. Công an xã chủ trì, phối hợp Đồn Biên phòng Cốc Pài lập chuyên án đấu tranh với các đường "
    "dây vận chuyển ma túy qua đường mòn biên giới.\n"
    "2. Đồn Biên phòng Cốc Pài duy trì tổ công tác tại các thôn giáp biên; mỗi cán bộ đồn nhận đỡ "
    "đầu một người sau cai nghiện ma túy.\n"
    "3. Ban Xây dựng Đảng đưa kết quả phòng, chống ma túy vào tiêu chí đánh giá chi bộ thôn.\n\n"
    "                                                T/M ĐẢNG ỦY\n"
    "                                                  BÍ THƯ\n"
    "                                                Sùng A Páo\n"
)


def test_an_item_that_opens_with_the_unit_is_its_task_whatever_the_verb(tmp_path: Path):
    # Item 2 opens with the border post ("duy trì" is no assignment verb); item 1 only asks it to
    # co-ordinate, on the struggle against the trafficking lines the question names.
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "ke-hoach-31-kh-du-2025.txt").write_text(PLAN_OPENING_UNIT, encoding="utf-8")
    lib = Library.open(tmp_path / "store")
    assert lib.ingest([tmp_path / "docs"]).ok
    answer = lib.ask("Đồn Biên phòng Cốc Pài phải làm gì để đấu tranh với ma túy?")
    lib.close()
    assert answer.citations[0].hit.unit.label == "I.2"


SPEECH_DATED_TITLE = (
    "BÀI PHÁT BIỂU\n"
    "của đồng chí Trần Minh Đức, Bí thư Tỉnh ủy,\n"
    "tại Hội nghị gặp mặt già làng, người có uy tín tiêu biểu\n"
    "(Xã Vân Sơn, ngày 12 tháng 5 năm 2024)\n\n"
    "Kính thưa các đồng chí!\n\n"
    "Hội nghị gặp mặt già làng, người có uy tín hôm nay là dịp để Tỉnh ủy lắng nghe ý kiến của bà "
    "con. Các già làng, người có uy tín đã cùng cấp ủy giữ gìn an ninh thôn bản.\n\n"
    "Tôi đề nghị các cấp ủy tiếp tục tổ chức gặp mặt người có uy tín mỗi năm một lần.\n"
)


def test_a_dated_title_answers_where_and_when_a_speech_was_given(tmp_path: Path):
    # The speech's title block holds its occasion; a frame block is otherwise weighed at half.
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "phat-bieu-gap-mat-2024.txt").write_text(SPEECH_DATED_TITLE, encoding="utf-8")
    lib = Library.open(tmp_path / "store")
    assert lib.ingest([tmp_path / "docs"]).ok
    answer = lib.ask("Bí thư Tỉnh ủy gặp mặt già làng ở đâu, ngày nào?")
    lib.close()
    assert answer.citations[0].hit.unit.kind == "title"
    assert "Xã Vân Sơn, ngày 12 tháng 5 năm 2024" in answer.citations[0].hit.unit.text
