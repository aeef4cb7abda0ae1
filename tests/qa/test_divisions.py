"""A division hit by its title alone ("Điều 3. Đặt cọc") answers with its first part, never its title."""

from __future__ import annotations

import pytest

from chidao.library import Library
from tests.qa.conftest import library_of

LAW = """Luật Giao dịch thử nghiệm (số 99/2030/QH99)

Điều 1. Phạm vi điều chỉnh
Luật này quy định về đặt cọc, ký quỹ và ký cược trong giao dịch dân sự thử nghiệm.

Điều 2. Đặt cọc
1. Đặt cọc là việc một bên giao cho bên kia một khoản tiền để bảo đảm giao kết hoặc thực hiện hợp đồng.

2. Trường hợp hợp đồng được giao kết thì tài sản đặt cọc được trả lại cho bên đặt cọc.

Điều 3. Ký quỹ
1. Ký quỹ là việc bên có nghĩa vụ gửi một khoản tiền vào tài khoản phong tỏa tại một tổ chức tín dụng.
"""


@pytest.fixture(scope="module")
def law_lib(tmp_path_factory) -> Library:
    return library_of(tmp_path_factory, "law", {"luat-99-2030-qh99.txt": LAW})


def test_an_article_matched_by_its_title_answers_with_its_first_clause(law_lib):
    hits = law_lib.search("Đặt cọc", k=5)
    assert all(not (h.unit.kind == "article" and h.unit.text.strip() == "Điều 2. Đặt cọc") for h in hits)
    assert hits[0].unit.label.startswith("Điều 2.")
    assert "Điều 2.1" in [h.unit.label for h in hits]
    answer = law_lib.ask("Đặt cọc là gì?")
    assert answer.citations[0].citation.startswith("Luật Giao dịch thử nghiệm số 99/2030/QH99, Điều 2 khoản ")


EDUCATION = """Luật Giáo dục thử nghiệm (số 98/2030/QH99)

Điều 1. Cơ sở giáo dục thường xuyên
1. Trung tâm giáo dục thường xuyên thực hiện nhiệm vụ giáo dục thường xuyên cấp tỉnh.
2. Trung tâm học tập cộng đồng thực hiện nhiệm vụ giáo dục thường xuyên ở xã.
3. Trung tâm ngoại ngữ, tin học thực hiện nhiệm vụ giáo dục thường xuyên khi được giao.
4. Trường đại học thực hiện nhiệm vụ giáo dục thường xuyên theo chương trình riêng.
5. Trung tâm khác thực hiện nhiệm vụ giáo dục thường xuyên.

Điều 2. Nhiệm vụ của giáo dục thường xuyên
1. Xóa mù chữ cho người trong độ tuổi theo quy định, kể cả người dân tộc thiểu số ở vùng sâu, \
vùng xa, hải đảo.
2. Đào tạo, bồi dưỡng nâng cao năng lực làm việc cho người lao động.

Điều 3. Học phí
1. Người học nộp học phí theo mức do cơ sở công bố.
"""


@pytest.fixture(scope="module")
def education_lib(tmp_path_factory) -> Library:
    return library_of(tmp_path_factory, "education", {"luat-98-2030-qh99.txt": EDUCATION})


def test_a_first_clause_ranked_below_its_title_moves_up_to_the_titles_place(education_lib):
    # "Điều 2" matches by its title; its first clause shares no word with the question and ranks
    # below "Điều 2.2" on its own. It takes the title's place however many hits are asked for (the
    # answer asks for more than search shows), and is listed once.
    question = "Nhiệm vụ của giáo dục thường xuyên là gì?"
    for k in (3, 10, 40):
        labels = [h.unit.label for h in education_lib.search(question, k=k)]
        assert labels[0] == "Điều 2.1", (k, labels)
        assert labels.count("Điều 2.1") == 1
    assert education_lib.ask(question).citations[0].hit.unit.label == "Điều 2.1"
