"""How many / how much: a unit answers only when it states the counted thing and a quantity."""

from qa.confidence import _counted_missing


def test_money_is_stated_as_an_amount_in_dong():
    assert not _counted_missing("tien", "b) Hỗ trợ 20 triệu đồng cho mỗi hộ có nhà bị tốc mái hoàn toàn.")


def test_a_unit_naming_the_money_without_an_amount_does_not_answer_how_much():
    # Its only numerals are its label, a date and a document number.
    text = "5. Công khai danh sách, số tiền hỗ trợ từng hộ từ ngày 27/10/2025 theo Kế hoạch 41-KH/TU."
    assert _counted_missing("tien", text)


def test_the_counted_noun_must_be_stated():
    assert _counted_missing("dang vien", "Kết nạp 120 quần chúng ưu tú vào Đoàn.")
    assert not _counted_missing("dang vien", "Kết nạp 120 đảng viên mới trong năm.")
