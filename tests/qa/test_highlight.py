"""Sentence split and highlight spans."""

from __future__ import annotations

from qa.highlight import highlight, overlap, split_sentences
from qa.intent import content_terms

ITEM_3 = (
    "3. Lãnh đạo, chỉ đạo thực hiện việc xây dựng cơ chế về quyền làm chủ của Nhân dân, tạo\n\n"
    "điều kiện để Nhân dân tham gia quản lý nhà nước. Chỉ đạo các cấp chính quyền tích cực phối hợp "
    "với Mặt trận Tổ quốc trong việc tham gia quản lý nhà nước."
)


def test_split_drops_list_marker_and_keeps_a_page_broken_sentence_whole():
    assert split_sentences(ITEM_3) == [(3, 135), (137, 240)]


def test_split_at_semicolons_and_table_cells():
    text = "10 | Các huyện ủy | Xây dựng kế hoạch; gửi Ban Dân vận | Trước ngày 15/5/2022"
    assert [text[s:e] for s, e in split_sentences(text)] == [
        "10",
        "Các huyện ủy",
        "Xây dựng kế hoạch",
        "gửi Ban Dân vận",
        "Trước ngày 15/5/2022",
    ]


def test_highlight_picks_the_sentence_that_answers():
    terms, bigrams = content_terms("Chính quyền phải phối hợp với ai?")
    assert highlight(ITEM_3, terms, bigrams) == ((137, 240),)


def test_highlight_is_empty_without_shared_words():
    assert highlight(ITEM_3, ("bien", "gioi"), ()) == ()


def test_overlap_counts_syllables_and_bigrams():
    assert overlap(("tinh", "doan"), ("tinh doan",), "Ban Thường vụ Tỉnh đoàn") == 1.0
    assert overlap(("tinh", "doan"), ("tinh doan",), "đoàn thể cấp tỉnh") == 0.6
