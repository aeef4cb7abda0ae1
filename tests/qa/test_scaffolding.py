"""Exam-style questions ("Điều nào sau đây KHÔNG phải là …", "… đúng hay sai?") search their topic."""

from __future__ import annotations

import pytest

from chidao.library import Library
from qa.intent import detect_intent, without_scaffolding
from tests.qa.conftest import library_of

# "Điều", "sau đây" and "không phải là" of the question's scaffolding are all over Điều 1 and Điều 3;
# the topic, the manager's duties, is Điều 2.
LAW = """Luật Quản lý tài sản thử nghiệm (số 97/2030/QH99)

Điều 1. Quyền của người quản lý tài sản
Người quản lý tài sản có các quyền sau đây, trừ trường hợp pháp luật có quy định khác:
1. Được thanh toán các chi phí cần thiết trong việc quản lý tài sản.

Điều 2. Nghĩa vụ của người quản lý tài sản
1. Giữ gìn, bảo quản tài sản như tài sản của chính mình.
2. Giao lại tài sản cho chủ sở hữu khi người này trở về.

Điều 3. Điều khoản thi hành
Những điều sau đây không phải là căn cứ để người quản lý từ chối giao lại tài sản: điều kiện đi lại.
"""


@pytest.fixture(scope="module")
def law_lib(tmp_path_factory) -> Library:
    return library_of(tmp_path_factory, "law", {"luat-97-2030-qh99.txt": LAW})


@pytest.mark.parametrize(
    ("question", "searched"),
    [
        ("Điều nào sau đây KHÔNG phải là nghĩa vụ của người giám hộ?", "nghĩa vụ của người giám hộ?"),
        ("Dieu nao khong phai la mot trong nhung quyen cua chu tich nuoc?", "quyen cua chu tich nuoc?"),
        ("Thanh niên là công dân từ đủ 16 tuổi, đúng hay sai?", "Thanh niên là công dân từ đủ 16 tuổi?"),
        ("Trong những điều dưới đây, đâu không phải là điều kiện kinh doanh?", "điều kiện kinh doanh?"),
        ("Tập quán phải đáp ứng những điều sau, trừ điều nào?", "Tập quán phải đáp ứng?"),
        # Not exam-style: an everyday question keeps its "không" and its "đầu"
        (
            "Người đứng đầu không phải là đảng viên thì sao?",
            "Người đứng đầu không phải là đảng viên thì sao?",
        ),
        ("Không trả nợ đúng hạn có phải trả lãi không?", "Không trả nợ đúng hạn có phải trả lãi không?"),
        ("Điều nào sau đây?", "Điều nào sau đây?"),  # nothing else left: kept as asked
    ],
)
def test_scaffolding_is_dropped_from_exam_style_questions(question, searched):
    assert without_scaffolding(question) == searched


def test_scaffolding_is_no_content_term():
    terms = detect_intent("Điều nào sau đây không phải là nghĩa vụ của người quản lý tài sản?").terms
    assert "dieu" not in terms and "sau" not in terms and "nghia" in terms


def test_an_exam_style_question_finds_the_article_of_its_topic(law_lib):
    question = "Điều nào sau đây KHÔNG phải là nghĩa vụ của người quản lý tài sản?"
    assert law_lib.search(question, k=3)[0].unit.label.startswith("Điều 2")
    assert law_lib.ask(question).citations[0].hit.unit.label.startswith("Điều 2")


def test_an_exam_style_question_names_the_provision_of_its_topic():
    intent = detect_intent("Điều nào sau đây KHÔNG phải là nghĩa vụ của người quản lý tài sản?")
    assert intent.titled[0] == "nghia vu cua nguoi quan ly tai san"
    assert detect_intent("Nghĩa vụ của người quản lý tài sản gồm những gì?").titled == ()
