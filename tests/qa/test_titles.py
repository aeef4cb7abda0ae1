"""Questions naming a provision by its title ("X được quy định như thế nào?") get that provision first."""

from __future__ import annotations

import pytest

from chidao.core.model import Unit
from chidao.library import Library
from qa.titles import title_of, titled_terms, under_title
from tests.qa.conftest import library_of

# "Vị trí việc làm của viên chức" is said word for word in Điều 2, only its head is Điều 1's title.
LAW = """Luật Viên chức thử nghiệm (số 96/2030/QH99)

Điều 1. Vị trí việc làm
1. Mỗi đơn vị sự nghiệp công lập xác định số người làm việc theo công việc được giao.
2. Chính phủ quy định nguyên tắc, phương pháp xác định số người làm việc.

Điều 2. Thay đổi vị trí việc làm
1. Việc thay đổi vị trí việc làm của viên chức do người đứng đầu đơn vị sự nghiệp quyết định.
2. Viên chức được thay đổi vị trí việc làm của viên chức khi đơn vị sắp xếp lại tổ chức.

Điều 3. Khen thưởng
Viên chức có thành tích trong hoạt động nghề nghiệp thì được khen thưởng theo quy định.
"""


@pytest.fixture(scope="module")
def law_lib(tmp_path_factory) -> Library:
    return library_of(tmp_path_factory, "law", {"luat-96-2030-qh99.txt": LAW})


@pytest.mark.parametrize(
    ("question", "terms"),
    [
        (
            "Vị trí việc làm của viên chức được quy định như thế nào?",
            ("vi tri viec lam cua vien chuc", "vi tri viec lam"),
        ),
        (
            "Trách nhiệm của gia đình trong giáo dục được quy định ra sao?",
            ("trach nhiem cua gia dinh trong giao duc", "trach nhiem cua gia dinh", "trach nhiem"),
        ),
        (
            "Theo Luật Giáo dục, liên thông trong giáo dục được quy định như thế nào?",
            ("lien thong trong giao duc", "lien thong"),
        ),
        ("Quy định về chế độ nghỉ phép", ("che do nghi phep",)),
        ("Viên chức có được nghỉ không lương không?", ()),
    ],
)
def test_a_question_naming_a_provision_gives_its_title(question, terms):
    assert titled_terms(question) == terms


def test_titles_and_units_under_them():
    assert title_of("Điều 7. Vị trí việc làm") == "vi tri viec lam"
    assert title_of("## II. NHIỆM VỤ TRỌNG TÂM") == "nhiem vu trong tam"
    clause = Unit("d", 2, "clause", "Điều 7.1", "Điều 7. Vị trí việc làm", "1. Mỗi đơn vị …", 0, 10)
    assert under_title(clause, ("vi tri viec lam",))
    assert not under_title(clause, ("thay doi vi tri viec lam",))


def test_the_titled_article_comes_first(law_lib):
    question = "Vị trí việc làm của viên chức được quy định như thế nào?"
    assert law_lib.search(question, k=3)[0].unit.label.startswith("Điều 1.")
    assert law_lib.ask(question).citations[0].hit.unit.label.startswith("Điều 1.")


def test_no_title_matches_and_the_ranking_stays(law_lib):
    hits = law_lib.search("Thay đổi vị trí việc làm của viên chức do ai quyết định?", k=3)
    assert hits[0].unit.label == "Điều 2.1"
