"""Answers from a real store (SQLite, FAISS, embedder) holding the founding dispatch."""

from __future__ import annotations

import pytest

from chidao.core.cite import answer_to_json
from chidao.library import Library

SEED_ID = "cong-van-trien-khai-bai-phat-bieu.txt"


@pytest.fixture(scope="module")
def lib(seed_store):
    library = Library.open(seed_store)
    yield library
    library.close()


def test_who_signed_this_dispatch(lib):
    result = lib.ask("Ai ký công văn này?")
    assert (result.status, result.intent) == ("found", "fact")
    assert result.text.splitlines() == [
        "Công văn của Ban Thường vụ Tỉnh ủy (không số, không ngày)",
        "Người ký: Đặng Ngọc Huy (T/M Ban Thường vụ, Phó Bí thư)",
    ]
    assert [(c.hit.unit.kind, c.citation) for c in result.citations] == [
        ("signature", "Công văn của Ban Thường vụ Tỉnh ủy (không số, không ngày), phần ký")
    ]


def test_district_committees_get_the_four_items_of_the_dispatch_they_receive(lib):
    result = lib.ask("Các huyện ủy phải làm gì?")
    assert (result.status, result.intent) == ("found", "unit_tasks")
    assert [c.hit.unit.label for c in result.citations] == ["1", "2", "3", "4"]
    assert result.citations[0].citation == "Công văn của Ban Thường vụ Tỉnh ủy (không số, không ngày), mục 1"


def test_unaccented_question_gets_the_same_items(lib):
    accented = lib.ask("Các huyện ủy phải làm gì?")
    unaccented = lib.ask("cac huyen uy phai lam gi")
    assert [c.hit.unit.label for c in unaccented.citations] == [c.hit.unit.label for c in accented.citations]


def test_cited_dispatch_missing_from_the_library_is_shown_as_missing(lib):
    result = lib.ask("Công văn 2862 của ai, ngày nào?")
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
    result = lib.ask("Hội Cựu chiến binh tỉnh được giao nhiệm vụ gì?")
    assert (result.status, result.citations) == ("not_found", ())
    assert result.text.startswith("Không tìm thấy")
    assert [h.document.id for h in result.suggestions] == [SEED_ID] * 3


def test_passage_sentence_is_highlighted(lib):
    result = lib.ask("Chính quyền các cấp phải phối hợp với ai khi tham gia quản lý nhà nước?")
    top = result.citations[0]
    start, end = top.highlights[0]
    assert (top.hit.unit.label, top.hit.unit.text[start:end]) == (
        "3",
        "Chỉ đạo các cấp chính quyền, các ban, ngành tích cực phối hợp với Mặt trận Tổ quốc và các tổ chức "
        "thành viên trong việc tham gia quản lý nhà nước",
    )


def test_answer_json_keys_are_stable(lib):
    data = answer_to_json(lib.ask("Ai ký công văn này?"))
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


# -- a small real store: a numbered plan, a guide implementing it, a dispatch with a task table --------

PLAN_ID = "ke-hoach-09-kh-tu-2024.txt"
GUIDE_ID = "huong-dan-05-hd-btgtu-2024.txt"
DISPATCH_ID = "cong-van-120-cv-tu-2024.txt"


@pytest.fixture(scope="module")
def plan_lib(plan_store):
    library = Library.open(plan_store)
    yield library
    library.close()


def _cited(result):
    return [(c.hit.document.id, c.hit.unit.label, c.deadline) for c in result.citations]


def test_abbreviated_unit_gets_its_table_row_and_plan_item_not_the_item_sending_it_a_report(plan_lib):
    result = plan_lib.ask("BDVTU phải làm gì?")
    assert (result.status, result.intent) == ("found", "unit_tasks")
    assert _cited(result) == [
        (DISPATCH_ID, "1", "trước ngày 30/5/2024"),
        (PLAN_ID, "III.1", "trong quý IV/2024"),
    ]
    assert result.text.splitlines()[:2] == [
        "Nhiệm vụ của Ban Dân vận Tỉnh ủy:",
        # A task-table row reads as its task cell with its lead unit (the table's "Đơn vị" column).
        "- Tập huấn công tác dân vận chính quyền cho cán bộ cấp xã (chủ trì: Ban Dân vận Tỉnh ủy) "
        "(Công văn số 120-CV/TU ngày 02/4/2024 của Tỉnh ủy Hải Lâm, bảng, dòng 1; "
        "thời hạn: trước ngày 30/5/2024)",
    ]


def test_standing_board_alias_and_unaccented_question_give_the_same_tasks(plan_lib):
    board = plan_lib.ask("BTV Tỉnh đoàn phải làm gì?")
    unaccented = plan_lib.ask("tinh doan phai lam gi")
    assert (
        sorted(_cited(board))
        == sorted(_cited(unaccented))
        == [
            (DISPATCH_ID, "2", "quý III/2024"),
            (PLAN_ID, "III.2", "trước ngày 26/3/2024"),
        ]
    )


def test_deadline_question_leads_with_the_deadline_of_the_item(plan_lib):
    result = plan_lib.ask("BTV Tỉnh đoàn phải hoàn thành diễn đàn thanh niên trước ngày nào?")
    assert (result.status, result.intent) == ("found", "deadline")
    assert result.text.splitlines()[0] == "Thời hạn: trước ngày 26/3/2024."
    assert _cited(result)[0] == (PLAN_ID, "III.2", "trước ngày 26/3/2024")


def test_passage_question_finds_the_plan_item_with_its_deadline(plan_lib):
    result = plan_lib.ask("Chỉ tiêu xây dựng nhà Đại đoàn kết ở huyện Vân Khê là bao nhiêu căn?")
    assert (result.status, result.intent) == ("found", "passage")
    assert _cited(result)[0] == (PLAN_ID, "II.2", "hoàn thành trong năm 2024")


def test_documents_implementing_the_plan_are_listed_with_the_citing_passages(plan_lib):
    result = plan_lib.ask("Văn bản nào triển khai Kế hoạch 09?")
    assert (result.status, result.intent) == ("found", "related")
    assert result.text.splitlines()[:2] == [
        "- Công văn số 120-CV/TU ngày 02/4/2024 của Tỉnh ủy Hải Lâm thực hiện Kế hoạch số 09-KH/TU "
        "ngày 10/3/2024 của Tỉnh ủy Hải Lâm",
        "- Hướng dẫn số 05-HD/BTGTU ngày 20/3/2024 của Ban Tuyên giáo Tỉnh ủy thực hiện Kế hoạch số 09-KH/TU "
        "ngày 10/3/2024 của Tỉnh ủy Hải Lâm",
    ]
    assert [c.hit.document.id for c in result.citations[:2]] == [DISPATCH_ID, GUIDE_ID]


def test_signer_and_date_of_a_numbered_document(plan_lib):
    signer = plan_lib.ask("Ai ký Hướng dẫn 05?")
    date = plan_lib.ask("Kế hoạch 09 ban hành ngày nào?")
    # "Which comrade signed": a person noun with "nào" asks who as "ai" does.
    assert plan_lib.ask("Hướng dẫn 05 về tuyên truyền do đồng chí nào ký?").text == signer.text
    assert signer.text.splitlines() == [
        "Hướng dẫn số 05-HD/BTGTU ngày 20/3/2024 của Ban Tuyên giáo Tỉnh ủy",
        "Người ký: Lê Thị Minh Họa (K/T Trưởng ban, Phó Trưởng ban)",
    ]
    assert date.text.splitlines() == [
        "Kế hoạch số 09-KH/TU ngày 10/3/2024 của Tỉnh ủy Hải Lâm",
        "Ngày: 10/3/2024",
    ]


@pytest.mark.parametrize(
    "question",
    ["Hội Cựu chiến binh tỉnh phải làm gì?", "Tiền thưởng cho cán bộ có sáng kiến đối thoại là bao nhiêu?"],
)
def test_unit_or_fact_the_library_lacks_is_not_found(plan_lib, question):
    result = plan_lib.ask(question)
    assert (result.status, result.citations) == ("not_found", ())


def test_related_documents_follow_the_direction_asked(plan_lib):
    implementing = plan_lib.ask("Văn bản nào triển khai Kế hoạch 09?")
    cited = plan_lib.ask("Kế hoạch 09 căn cứ vào văn bản nào?")
    # Who implements the plan: the dispatch and the guide, never what the plan itself cites.
    assert len(implementing.text.splitlines()) == 2
    assert "217-QĐ/TW" not in implementing.text
    # What the plan rests on: the Politburo decision, not in the library yet.
    assert cited.intent == "related" and cited.text.splitlines()[0].startswith(
        "- Kế hoạch số 09-KH/TU ngày 10/3/2024 của Tỉnh ủy Hải Lâm căn cứ Quyết định số 217-QĐ/TW"
    )
    assert "chưa có trong thư viện" in cited.text.splitlines()[0]
    assert all(DISPATCH_ID != c.hit.document.id for c in cited.citations)


@pytest.mark.parametrize(
    "question",
    [
        # a district no document names, a law not in the library, a year no document mentions, a topic
        "Huyện Đồng Mây phải xây bao nhiêu căn nhà Đại đoàn kết cho hộ nghèo?",
        "Luật Thủy sản quy định xử phạt tàu cá khai thác không có giấy phép thế nào?",
        "Năm 2031 tỉnh tổ chức đối thoại với thanh niên ở những xã nào?",
        "Giá lúa gạo xuất khẩu năm nay tăng bao nhiêu phần trăm?",
        # a place the library names (the plan's huyện Vân Khê), asked of an item whose document,
        # the dispatch, never mentions it
        "Tỉnh đoàn phát động làm đường giao thông nông thôn ở huyện Vân Khê trong quý nào?",
        # a year only the plan mentions (it cites a 2013 decision), asked of the dispatch's item
        "Năm 2013 Tỉnh đoàn phát động phong trào tình nguyện làm đường giao thông nông thôn thế nào?",
        # a quote made of the plan's own words that no document says in that order
        'Câu "thanh niên vùng biển muốn khởi nghiệp thì cấp ủy phải ngồi lại đối thoại với họ" ở đâu?',
        # a kind of document the library holds none of: a report, a law
        "Báo cáo kết quả đối thoại với thanh niên về khởi nghiệp chỉ ra những hạn chế gì?",
        "Theo Luật Thanh niên, người đứng đầu cấp ủy đối thoại với thanh niên về khởi nghiệp ở đâu?",
    ],
)
def test_questions_about_what_the_library_lacks_are_refused(plan_lib, question):
    result = plan_lib.ask(question)
    assert (result.status, result.citations) == ("not_found", ())
    assert result.text.startswith("Không tìm thấy")


def test_a_quote_the_plan_holds_in_order_finds_its_item(plan_lib):
    result = plan_lib.ask('Câu "đối thoại giữa người đứng đầu cấp ủy với thanh niên" nằm ở văn bản nào?')
    assert result.status == "found"
    assert _cited(result)[0][:2] == (PLAN_ID, "II.1")


def test_an_everyday_paraphrase_finds_its_item(plan_lib):
    # The plan says "đối thoại giữa người đứng đầu cấp ủy với thanh niên về khởi nghiệp tại các xã vùng biển".
    result = plan_lib.ask("Bí thư cấp ủy trò chuyện với thanh niên về chuyện lập nghiệp ở những xã nào?")
    assert result.status == "found"
    assert _cited(result)[0][:2] == (PLAN_ID, "II.1")


def test_a_units_tasks_in_a_named_document_are_that_documents_items(plan_lib):
    # The plan gives Ban Dân vận item 1 too; the question asks about the dispatch's table only.
    result = plan_lib.ask("Ban Dân vận Tỉnh ủy được giao việc gì trong Công văn 120-CV/TU, hạn khi nào?")
    assert result.status == "found"
    assert {c.hit.document.id for c in result.citations} == {DISPATCH_ID}
    assert result.text.splitlines()[0] == "Thời hạn: trước ngày 30/5/2024."
