"""Answers from a real store (SQLite, FAISS, embedder) holding the founding dispatch."""

from __future__ import annotations

import pytest

from chidao.library import Library
from qa.answer import answer, answer_to_json

SEED_ID = "cong-van-trien-khai-bai-phat-bieu.txt"


@pytest.fixture(scope="module")
def lib(seed_store):
    library = Library.open(seed_store)
    yield library
    library.close()


def test_who_signed_this_dispatch(lib):
    result = answer("Ai ký công văn này?", lib)
    assert (result.status, result.intent) == ("found", "fact")
    assert result.text.splitlines() == [
        "Công văn của Ban Thường vụ Tỉnh ủy (không số, không ngày)",
        "Người ký: Đặng Ngọc Huy — Phó Bí thư, T/M Ban Thường vụ",
    ]
    assert [(c.hit.unit.kind, c.citation) for c in result.citations] == [
        ("signature", "Công văn của Ban Thường vụ Tỉnh ủy (không số, không ngày), phần ký")
    ]


def test_district_committees_get_the_four_items_of_the_dispatch_they_receive(lib):
    result = answer("Các huyện ủy phải làm gì?", lib)
    assert (result.status, result.intent) == ("found", "unit_tasks")
    assert [c.hit.unit.label for c in result.citations] == ["1", "2", "3", "4"]
    assert result.citations[0].citation == "Công văn của Ban Thường vụ Tỉnh ủy (không số, không ngày), mục 1"


def test_unaccented_question_gets_the_same_items(lib):
    accented = answer("Các huyện ủy phải làm gì?", lib)
    unaccented = answer("cac huyen uy phai lam gi", lib)
    assert [c.hit.unit.label for c in unaccented.citations] == [c.hit.unit.label for c in accented.citations]


def test_cited_dispatch_missing_from_the_library_is_shown_as_missing(lib):
    result = answer("Công văn 2862 của ai, ngày nào?", lib)
    assert result.status == "found"
    assert result.text.splitlines() == [
        "Công văn số 2862/MTTW-BTT ngày 31/8/2021 của Ban Thường trực Ủy ban Trung ương Mặt trận Tổ quốc "
        "Việt Nam (chưa có trong thư viện).",
        "Được viện dẫn trong: Công văn của Ban Thường vụ Tỉnh ủy (không số, không ngày).",
    ]
    top = result.citations[0]
    start, end = top.highlights[0]
    assert (top.hit.document.id, top.hit.unit.text[start:end]) == (
        SEED_ID,
        "Công văn số 2862/MTTW-BTT ngày 31/8/2021",
    )


def test_unit_the_library_never_names_is_not_found(lib):
    result = answer("Hội Cựu chiến binh tỉnh được giao nhiệm vụ gì?", lib)
    assert (result.status, result.citations) == ("not_found", ())
    assert result.text.startswith("Không tìm thấy")
    assert [h.document.id for h in result.suggestions] == [SEED_ID] * 3


def test_passage_sentence_is_highlighted(lib):
    result = answer("Chính quyền các cấp phải phối hợp với ai khi tham gia quản lý nhà nước?", lib)
    top = result.citations[0]
    start, end = top.highlights[0]
    assert (top.hit.unit.label, top.hit.unit.text[start:end]) == (
        "3",
        "Chỉ đạo các cấp chính quyền, các ban, ngành tích cực phối hợp với Mặt trận Tổ quốc và các tổ chức "
        "thành viên trong việc tham gia quản lý nhà nước",
    )


def test_answer_json_keys_are_stable(lib):
    data = answer_to_json(answer("Ai ký công văn này?", lib))
    assert list(data) == ["question", "intent", "answer", "found", "confidence", "citations", "suggestions"]
    assert list(data["citations"][0]) == [
        "doc",
        "title",
        "number",
        "date",
        "unit",
        "text",
        "highlights",
        "citation",
        "deadline",
    ]
    assert (data["found"], data["citations"][0]["doc"]) == (True, SEED_ID)
