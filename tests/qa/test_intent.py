"""Question understanding, with and without diacritics."""

from __future__ import annotations

import pytest

from qa.aliases import OrgTable
from qa.intent import content_terms, detect_intent, doc_numbers

# Units a library learned from its documents (the names qa knows come from the library only).
LEARNED = OrgTable.default(
    ["Các huyện ủy, thị ủy, thành ủy, đảng ủy trực thuộc Tỉnh ủy", "Ban Dân vận Tỉnh ủy"]
)


def test_who_signed_is_a_signer_fact():
    intent = detect_intent("Ai ký công văn này?")
    assert (intent.kind, intent.facts, intent.doc_kind) == ("fact", ("signer",), "Công văn")


def test_unaccented_who_signed_is_the_same_fact():
    assert detect_intent("ai ky cong van nay").facts == ("signer",)


@pytest.mark.parametrize(
    "question",
    ["Kế hoạch 09 do đồng chí nào ký?", "Đồng chí nào đã ký Công văn 120?", "Công văn 120 ký bởi ai?"],
)
def test_which_comrade_signed_is_a_signer_fact(question):
    assert detect_intent(question).facts == ("signer",)


@pytest.mark.parametrize(
    "question",
    [
        "Các đơn vị phải gửi báo cáo 6 tháng và báo cáo năm trước ngày nào?",
        "Hạn nộp báo cáo năm là ngày nào?",
        "han gui bao cao so ket la ngay nao",
    ],
)
def test_when_a_report_is_due_is_a_deadline_not_a_document_fact(question):
    assert (detect_intent(question).kind, detect_intent(question).facts) == ("deadline", ())


def test_whom_a_report_goes_to_is_the_recipients_fact():
    intent = detect_intent("Chỉ thị 19-CT/TU được gửi báo cáo lên những cơ quan nào?")
    assert (intent.kind, intent.facts) == ("fact", ("recipients",))


def test_district_committees_tasks_name_the_class_of_unit():
    intent = detect_intent("Các huyện ủy phải làm gì?", LEARNED)
    assert (intent.kind, intent.org) == (
        "unit_tasks",
        "Các huyện ủy, thị ủy, thành ủy, đảng ủy trực thuộc Tỉnh ủy",
    )


def test_whose_and_when_of_a_numbered_dispatch_are_two_facts():
    intent = detect_intent("Công văn 2862 của ai, ngày nào?")
    assert (intent.kind, set(intent.facts), intent.doc_numbers) == ("fact", {"date", "issuer"}, ("2862",))


def test_unaccented_unit_tasks_find_the_mass_mobilisation_board():
    intent = detect_intent("ban dan van can lam gi", LEARNED)
    assert (intent.kind, intent.org) == ("unit_tasks", "Ban Dân vận Tỉnh ủy")


def test_which_document_implements_plan_35_asks_for_citing_documents():
    intent = detect_intent("van ban nao trien khai ke hoach 35")
    assert (intent.kind, intent.relation, intent.direction, intent.doc_numbers) == (
        "related",
        "implements",
        "incoming",
        ("35",),
    )


def test_what_a_document_is_based_on_asks_for_its_own_references():
    intent = detect_intent("Văn bản này căn cứ vào đâu?")
    assert (intent.kind, intent.relation, intent.direction) == ("related", "based_on", "outgoing")


def test_replaced_by_passive_asks_for_citing_documents():
    intent = detect_intent("Quy định số 03-QĐ/TU đã bị văn bản nào thay thế?")
    assert (intent.kind, intent.relation, intent.direction, intent.doc_numbers) == (
        "related",
        "replaces",
        "incoming",
        ("3",),
    )


def test_which_documents_mention_a_document_ask_for_citing_documents():
    # "nhắc tới" is "nhắc đến"; a document named after the verb, or the passive with the asked
    # document between "được" and the verb, asks which documents cite it.
    asked = [
        detect_intent(q)
        for q in (
            "Quyết định 215 về chi bộ chung cư được văn bản nào nhắc tới?",
            "Văn bản nào nhắc đến Nghị quyết số 12-NQ/TU?",
            "Nghị quyết 12 được văn bản nào triển khai?",
        )
    ]
    assert [(i.kind, i.relation, i.direction) for i in asked] == [
        ("related", "cites", "incoming"),
        ("related", "cites", "incoming"),
        ("related", "implements", "incoming"),
    ]
    # What a plan was issued to carry out is its own reference; what a document says is a passage.
    assert detect_intent("Kế hoạch 35 được ban hành để thực hiện văn bản nào?").direction == "outgoing"
    assert detect_intent("Văn bản nào nhắc đến việc lắp camera theo Kế hoạch 19?").kind == "passage"


def test_a_kind_named_by_its_code_alone_is_the_kind_asked():
    intent = detect_intent("KH ứng phó bão của ĐU đặc khu Hòn Dứa số mấy, ngày nào, ai ký?")
    assert (intent.kind, intent.doc_kind) == ("fact", "Kế hoạch")
    assert set(intent.facts) == {"number", "date", "signer"}
    assert detect_intent("BTV Tỉnh ủy giao việc gì?").doc_kind == ""  # a unit's initials name no kind


def test_a_document_s_own_date_is_a_fact_whatever_deadline_words_follow():
    intent = detect_intent("QĐ 215-QĐ/TU ban hành ngày nào, có hiệu lực từ khi nào?")
    assert (intent.kind, intent.facts) == ("fact", ("date",))
    assert detect_intent("Kế hoạch 35 yêu cầu hoàn thành trước ngày nào?").kind == "deadline"


def test_whose_speech_asked_of_a_person_is_its_speaker():
    intent = detect_intent("Bài phát biểu khai trương phố đêm bến Cồn Nhạn là của đồng chí nào?")
    assert (intent.kind, intent.facts) == ("fact", ("signer",))
    assert detect_intent("Công văn 2862 là của ai?").facts == ("issuer",)


def test_which_document_says_a_quote_is_a_passage_question():
    assert (
        detect_intent("Văn bản nào nói không được đưa cán bộ chờ nghỉ hưu sang Mặt trận?").kind == "passage"
    )


def test_deadline_question_keeps_its_unit():
    intent = detect_intent("Tỉnh đoàn phải hoàn thành trước ngày nào?")
    assert (intent.kind, intent.org) == ("deadline", "Tỉnh đoàn")


def test_recipients_question():
    assert detect_intent("Công văn này được gửi tới những đơn vị nào?").facts == ("recipients",)


def test_title_of_a_person_is_not_the_unit_asked_about():
    assert detect_intent("Câu Bí thư Tỉnh ủy nói Mặt trận phải đến với dân là câu nào?").org == ""


def test_document_number_suffix_is_not_the_provincial_committee():
    assert detect_intent("Quy định 07-QĐ/TU có hiệu lực từ ngày nào?").orgs == ()


def test_doc_numbers_from_kind_and_full_numbers_not_dates():
    assert doc_numbers("Kế hoạch 35 và Công văn số 2862/MTTW-BTT ngày 31/8/2021, NQ 12-NQ/TU") == (
        "35",
        "2862",
        "12",
    )


def test_content_terms_drop_question_words():
    assert content_terms("Tỉnh đoàn phải làm gì về đối thoại?") == (
        ("tinh", "doan", "doi", "thoai"),
        ("tinh doan", "doi thoai"),
    )


def test_counted_noun_of_how_many():
    assert detect_intent("Mức hỗ trợ mỗi căn nhà là bao nhiêu triệu đồng?").counted == "trieu dong"


def test_a_machine_is_not_a_count_and_the_noun_stops_at_a_function_word():
    # Folded, "máy móc" (machines) and "mấy" (how many) are both "may": accented questions are read accented.
    assert detect_intent("Sở phải làm gì với xe công, máy móc còn thừa?").counted == ""
    assert detect_intent("Hỗ trợ bao nhiêu tiền cho mỗi hộ có nhà bị tốc mái?").counted == "tien"
    assert detect_intent("Có bao nhiêu đảng viên bị khai trừ?").counted == "dang vien"


def test_a_classifier_before_the_counted_noun_is_not_what_is_counted():
    # "đứa", "chiếc" name the sort of thing counted: the unit writes "2.415 trẻ em", "12 tàu cá".
    assert detect_intent("Có bao nhiêu đứa trẻ được học bơi miễn phí?").counted == "tre"
    assert detect_intent("Mấy chiếc tàu cá bị bắt giữ?").counted == "tau ca"


@pytest.mark.parametrize(
    ("question", "counted"),
    [
        ("Để rừng cháy bao nhiêu héc-ta thì bị kiểm điểm?", "hecta"),
        ("Xã có bao nhiêu ki-lô-mét đường biên giới?", "kilomet"),
        ("de chay bao nhieu hec-ta rung", "hec ta"),
    ],
)
def test_a_measure_is_what_is_counted_hyphens_and_all(question, counted):
    # "bao nhiêu héc-ta rừng" counts héc-ta; a text states it as "5 ha" (chidao.core.vocab.MEASURES).
    assert detect_intent(question).counted == counted
