"""A list element under a lead-in ("… trong trường hợp sau đây:") is shown after its lead-in."""

from __future__ import annotations

import pytest

from chidao.library import Library
from tests.qa.conftest import library_of

# Excerpts of Bộ luật Dân sự 2015 (Điều 564) and Luật Du lịch 2017 (Điều 63), renumbered.
LAW = """Luật Dân sự thử nghiệm (số 91/2030/QH99)

Điều 1. Ủy quyền lại
1. Bên được ủy quyền được ủy quyền lại cho người khác trong trường hợp sau đây:
a) Có sự đồng ý của bên ủy quyền;
b) Do sự kiện bất khả kháng nếu không áp dụng ủy quyền lại thì mục đích xác lập, thực hiện giao dịch \
dân sự vì lợi ích của người ủy quyền không thể thực hiện được.
2. Việc ủy quyền lại không được vượt quá phạm vi ủy quyền ban đầu.

Điều 2. Cấp lại thẻ hướng dẫn viên du lịch
1. Thẻ hướng dẫn viên du lịch được cấp lại trong trường hợp bị mất, bị hư hỏng hoặc thay đổi thông tin.
2. Hồ sơ đề nghị cấp lại thẻ hướng dẫn viên du lịch bao gồm:
a) Đơn đề nghị cấp lại thẻ hướng dẫn viên du lịch theo mẫu do Bộ trưởng quy định;
b) 02 ảnh chân dung màu cỡ 3 cm x 4 cm.
"""
LEAD = "1. Bên được ủy quyền được ủy quyền lại cho người khác trong trường hợp sau đây:"


@pytest.fixture(scope="module")
def law_lib(tmp_path_factory) -> Library:
    return library_of(tmp_path_factory, "lead-in", {"luat-91-2030-qh99.txt": LAW})


def test_a_point_found_by_search_is_shown_after_its_lead_in(law_lib):
    hit = law_lib.search("Ủy quyền lại có cần sự đồng ý của bên ủy quyền không?", k=1)[0]
    assert (hit.unit.label, hit.unit.text) == ("Điều 1.1.a", f"{LEAD}\na) Có sự đồng ý của bên ủy quyền;")


def test_a_unit_without_a_lead_in_keeps_its_own_text(law_lib):
    hit = law_lib.search("ủy quyền lại vượt quá phạm vi ủy quyền ban đầu", k=1)[0]
    assert (hit.unit.label, hit.unit.text) == (
        "Điều 1.2",
        "2. Việc ủy quyền lại không được vượt quá phạm vi ủy quyền ban đầu.",
    )


def test_the_answer_shows_the_lead_in_and_the_point_it_answers_with(law_lib):
    answer = law_lib.ask("Hồ sơ cấp lại thẻ hướng dẫn viên du lịch gồm ảnh chân dung màu cỡ bao nhiêu?")
    top = answer.citations[0]
    lead = "2. Hồ sơ đề nghị cấp lại thẻ hướng dẫn viên du lịch bao gồm:"
    assert (top.hit.unit.label, top.hit.unit.text) == (
        "Điều 2.2.b",
        f"{lead}\nb) 02 ảnh chân dung màu cỡ 3 cm x 4 cm.",
    )
    # The lead-in and the point are highlighted without their list markers ("2.", "b)").
    shown = [
        "Hồ sơ đề nghị cấp lại thẻ hướng dẫn viên du lịch bao gồm",
        "02 ảnh chân dung màu cỡ 3 cm x 4 cm",
    ]
    assert [top.hit.unit.text[s:e] for s, e in top.highlights] == shown
    assert answer.text.splitlines()[0].startswith(f"- {shown[0]} … {shown[1]} (")
