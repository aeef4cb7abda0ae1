"""Signals of the "not found" decision: how many / how much a unit states, the kind of document asked."""

from qa.confidence import _counted_missing
from qa.facts import asked_kind


def test_money_is_stated_as_an_amount_in_dong():
    assert not _counted_missing("tien", "b) Hỗ trợ 20 triệu đồng cho mỗi hộ có nhà bị tốc mái hoàn toàn.")


def test_a_unit_naming_the_money_without_an_amount_does_not_answer_how_much():
    # Its only numerals are its label, a date and a document number.
    text = "5. Công khai danh sách, số tiền hỗ trợ từng hộ từ ngày 27/10/2025 theo Kế hoạch 41-KH/TU."
    assert _counted_missing("tien", text)


def test_the_counted_noun_must_be_stated():
    assert _counted_missing("dang vien", "Kết nạp 120 quần chúng ưu tú vào Đoàn.")
    assert not _counted_missing("dang vien", "Kết nạp 120 đảng viên mới trong năm.")


def test_a_kind_is_asked_as_a_document_not_as_a_verb_or_a_provision():
    assert [
        asked_kind(q)
        for q in (
            "Báo cáo kết quả kiểm tra của đoàn kiểm tra tại xã Tà Sìn chỉ ra những hạn chế gì?",
            "Theo Luật Tiếp công dân năm 2013, ai được từ chối tiếp?",
            "Nghị quyết số 05-NQ/TU đặt ra những chỉ tiêu gì?",
            "Huyện ủy phải báo cáo kết quả sơ tán dân về cơ quan nào?",
            "Quy định về chế độ nghỉ không lương của giáo viên thuộc biên chế?",
            "Hướng dẫn thủ tục bán nhà đang thế chấp được quy định như thế nào?",
            "Cán bộ nào đã bị kỷ luật vì để xảy ra khiếu kiện?",
            # what a held plan implements, not what is asked about
            "Công an tỉnh phải làm gì để thực hiện Đề án 06?",
            "Theo quy định của pháp luật, hợp đồng hợp tác là gì?",
        )
    ] == ["Báo cáo", "Luật", "Nghị quyết", "", "", "", "", "", ""]


def test_a_measure_asked_in_full_is_stated_by_its_symbol():
    from qa.intent import detect_intent

    counted = detect_intent("Để rừng cháy bao nhiêu héc-ta thì bí thư xã bị kiểm điểm?").counted
    assert not _counted_missing(counted, "Để xảy ra cháy trên 5 ha rừng thì phải kiểm điểm.")
    assert _counted_missing(counted, "Để xảy ra cháy rừng thì phải kiểm điểm người đứng đầu.")
