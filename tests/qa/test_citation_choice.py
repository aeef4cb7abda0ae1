"""Which unit an answer cites first: a question's words must not pull the answer away from the unit
that states it (tests of the failure classes found on the development sets, each on a small real store)."""

from __future__ import annotations

import pytest

from chidao.library import Library
from qa.intent import detect_intent

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
    folder = tmp_path_factory.mktemp("cinema")
    (folder / "luat-97-2030-qh99.txt").write_text(CINEMA, encoding="utf-8")
    lib = Library.open(tmp_path_factory.mktemp("cinema-store"))
    assert lib.ingest([folder]).ok
    return lib


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
