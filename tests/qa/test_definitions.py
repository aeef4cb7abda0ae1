"""Definition questions ("X là gì?") are answered by the clause that opens with "X là …"."""

from __future__ import annotations

import pytest

from chidao.core.model import Unit
from chidao.library import Library
from qa.definitions import defined_terms, defines
from tests.qa.conftest import library_of

# The defined term is named, with more of the question's words, in two other articles; one of them
# even says "quy tắc ứng xử của viên chức là …" in the middle of a sentence.
LAW = """Luật Viên chức thử nghiệm (số 98/2030/QH99)

Điều 1. Giải thích từ ngữ
Trong Luật này, các từ ngữ dưới đây được hiểu như sau:
1. Viên chức là công dân được tuyển dụng theo vị trí việc làm, làm việc tại đơn vị sự nghiệp công lập.
2. Quy tắc ứng xử là các chuẩn mực xử sự trong thi hành nhiệm vụ và trong quan hệ xã hội.

Điều 2. Quy tắc ứng xử của viên chức
1. Viên chức phải chấp hành quy tắc ứng xử của viên chức khi thi hành nhiệm vụ.
2. Bộ trưởng ban hành quy tắc ứng xử của viên chức trong ngành giáo dục.

Điều 3. Đánh giá viên chức
1. Việc chấp hành quy tắc ứng xử của viên chức là căn cứ đánh giá viên chức hằng năm.
"""


@pytest.fixture(scope="module")
def law_lib(tmp_path_factory) -> Library:
    return library_of(tmp_path_factory, "law", {"luat-98-2030-qh99.txt": LAW})


@pytest.mark.parametrize(
    ("question", "terms"),
    [
        ("Quy tắc ứng xử của viên chức là gì?", ("quy tac ung xu cua vien chuc", "quy tac ung xu")),
        ("Theo quy định của pháp luật, hợp đồng hợp tác là gì?", ("hop dong hop tac",)),
        ("Khái niệm gia đình", ("gia dinh",)),
        ("Định nghĩa về đặt cọc?", ("dat coc",)),
        ("Thế nào là tạm trú?", ("tam tru",)),
        ("quy tac ung xu duoc hieu la gi", ("quy tac ung xu",)),
        ("Phim là gì?", ()),  # one syllable opens too many sentences with "là"
        ("Viên chức có được nghỉ không lương không?", ()),
        ("Mục tiêu của giáo dục là gì và ai thực hiện?", ()),
    ],
)
def test_definition_questions_name_their_term(question, terms):
    assert defined_terms(question) == terms


def test_a_unit_defines_a_term_only_when_it_opens_with_it():
    def clause(text: str) -> Unit:
        return Unit("d", 1, "clause", "Điều 1.2", "Điều 1. Giải thích từ ngữ", text, 0, len(text))

    assert defines(clause("2. Quy tắc ứng xử là các chuẩn mực"), ("quy tac ung xu",))
    assert defines(clause("a) Quy tắc ứng xử là các chuẩn mực"), ("quy tac ung xu",))
    assert not defines(clause("1. Việc chấp hành quy tắc ứng xử là căn cứ"), ("quy tac ung xu",))


def test_the_defining_clause_is_found_and_cited_first(law_lib):
    question = "Quy tắc ứng xử của viên chức là gì?"
    assert law_lib.search(question, k=3)[0].unit.label == "Điều 1.2"
    answer = law_lib.ask(question)
    assert answer.found
    assert answer.citations[0].hit.unit.label == "Điều 1.2"


def test_a_question_that_asks_no_definition_keeps_its_ranking(law_lib):
    hits = law_lib.search("Ai ban hành quy tắc ứng xử của viên chức trong ngành giáo dục?", k=3)
    assert hits[0].unit.label == "Điều 2.2"
