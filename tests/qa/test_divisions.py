"""A division hit by its title alone ("Điều 3. Đặt cọc") answers with its first part, never its title."""

from __future__ import annotations

import pytest

from chidao.library import Library

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
    folder = tmp_path_factory.mktemp("law")
    (folder / "luat-99-2030-qh99.txt").write_text(LAW, encoding="utf-8")
    lib = Library.open(tmp_path_factory.mktemp("law-store"))
    assert lib.ingest([folder]).ok
    return lib


def test_an_article_matched_by_its_title_answers_with_its_first_clause(law_lib):
    hits = law_lib.search("Đặt cọc", k=5)
    assert all(not (h.unit.kind == "article" and h.unit.text.strip() == "Điều 2. Đặt cọc") for h in hits)
    assert hits[0].unit.label.startswith("Điều 2.")
    assert "Điều 2.1" in [h.unit.label for h in hits]
    answer = law_lib.ask("Đặt cọc là gì?")
    assert answer.citations[0].citation.startswith("Luật Giao dịch thử nghiệm số 99/2030/QH99, Điều 2 khoản ")
