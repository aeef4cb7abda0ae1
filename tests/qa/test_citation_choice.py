"""Which unit an answer cites first: a question's words must not pull the answer away from the unit
that states it (tests of the failure classes found on the development sets, each on a small real store)."""

from __future__ import annotations

import pytest

from chidao.library import Library
from qa.intent import detect_intent
from tests.qa.conftest import library_of

CINEMA = """Luật Điện ảnh thử nghiệm (số 97/2030/QH99)

Điều 1. Trách nhiệm của Bộ, Cơ quan ngang Bộ
Bộ, Cơ quan ngang Bộ, trong phạm vi nhiệm vụ, quyền hạn của mình, có trách nhiệm phối hợp với Bộ Văn \
hóa, Thể thao và Du lịch thực hiện quản lý nhà nước về điện ảnh.

Điều 2. Quyền sở hữu tài sản
Nhà nước trưng mua hoặc trưng dụng có bồi thường tài sản của tổ chức, cá nhân theo giá thị trường \
khi thật cần thiết vì lý do quốc phòng, an ninh.
"""


@pytest.fixture(scope="module")
def cinema_lib(tmp_path_factory) -> Library:
    return library_of(tmp_path_factory, "cinema", {"luat-97-2030-qh99.txt": CINEMA})


def test_a_list_of_kinds_of_body_names_no_unit(cinema_lib):
    # "Bộ, Cơ quan ngang Bộ" lists kinds of ministry; "Bộ" alone is no unit, so "cán bộ" in a
    # question is not a unit asked about.
    names = cinema_lib.organisations()
    assert "Bộ" not in names
    assert "Bộ Văn hóa, Thể thao và Du lịch" in names
    intent = detect_intent(
        "Ông X là cán bộ. Ông X có thể trưng dụng tài sản của công dân được không?",
        cinema_lib._qa_state().orgs,
    )
    assert (intent.org, intent.kind) == ("", "passage")


COOPERATION = """Luật Hợp tác thử nghiệm (số 96/2030/QH99)

Điều 1. Hợp đồng hợp tác
1. Hợp đồng hợp tác là sự thỏa thuận giữa các cá nhân, pháp nhân về việc cùng đóng góp tài sản, \
công sức để thực hiện công việc nhất định; hợp đồng hợp tác phải được lập thành văn bản.
2. Thành viên góp tài sản, công sức theo thỏa thuận.

Điều 2. Trách nhiệm của Bộ Nội vụ
1. Quản lý hoạt động hợp tác quốc tế về thanh niên, tổ chức các chương trình giao lưu, trao đổi \
thanh niên với các nước trong khu vực và trên thế giới theo quy định của pháp luật.
2. Hướng dẫn các địa phương thực hiện chính sách đối với thanh niên theo quy định của pháp luật.

Điều 3. Thỏa thuận giữa các bên
1. Thỏa thuận mua bán là sự thống nhất giữa bên bán và bên mua về giao tài sản và trả tiền theo quy \
định của pháp luật.
2. Thỏa thuận thuê tài sản là sự thống nhất về việc giao tài sản cho bên thuê sử dụng có thời hạn \
theo quy định của pháp luật.
3. Thỏa thuận vay tài sản là sự thống nhất về việc giao tài sản cho bên vay và hoàn trả khi đến hạn \
theo quy định của pháp luật.
4. Thỏa thuận gửi giữ là sự thống nhất về việc giữ tài sản và trả lại đúng tài sản đó theo quy định \
của pháp luật.
5. Thỏa thuận dịch vụ là sự thống nhất về việc thực hiện công việc cho bên thuê dịch vụ theo quy \
định của pháp luật.
"""


@pytest.fixture(scope="module")
def cooperation_lib(tmp_path_factory) -> Library:
    return library_of(tmp_path_factory, "cooperation", {"luat-96-2030-qh99.txt": COOPERATION})


def test_framing_words_do_not_move_the_answer_off_the_unit_both_retrievers_rank_first(cooperation_lib):
    # "Điều 2.1" shares the question's framing words ("theo quy định của pháp luật") and "hợp tác";
    # "Điều 1.1", which both retrievers rank first, says what the question asks.
    question = "Theo quy định của pháp luật, hợp đồng hợp tác là gì?"
    assert cooperation_lib.search(question, k=3)[0].unit.label == "Điều 1.1"
    answer = cooperation_lib.ask(question)
    assert answer.found
    assert answer.citations[0].hit.unit.label == "Điều 1.1"
