"""Lexical index: folding, syllable pairs and FTS5 ranking on a real SQLite database."""

from __future__ import annotations

import sqlite3

import pytest

from chidao.core.text import fold
from index import lexical

TEXTS = {
    1: "Tăng cường khối đại đoàn kết toàn dân tộc ở khu dân cư.",
    2: "Đại hội chi bộ kết thúc; tổng kết công tác đoàn.",
    3: "Ban Thường vụ Tỉnh đoàn chỉ đạo các cấp bộ đoàn tổ chức diễn đàn.",
    4: "Đảng ủy Khối doanh nghiệp tỉnh tổ chức đối thoại với công nhân.",
}


@pytest.fixture()
def conn() -> sqlite3.Connection:
    db = sqlite3.connect(":memory:")
    db.execute("CREATE TABLE units (id INTEGER PRIMARY KEY, doc_id TEXT)")
    lexical.configure(db)
    for uid, text in TEXTS.items():
        db.execute("INSERT INTO units VALUES (?, ?)", (uid, f"doc{uid % 2}"))
        db.execute(
            "INSERT INTO units_fts(rowid, body, context) VALUES (?, ?, '')", (uid, lexical.index_text(text))
        )
    return db


def test_fold_maps_d_stroke_and_strips_marks():
    assert fold("Đảng ủy Khối Doanh nghiệp đ") == "dang uy khoi doanh nghiep d"


def test_index_text_holds_syllables_then_pairs():
    assert lexical.index_text("Đại đoàn kết") == "dai doan ket dai_doan doan_ket"


def test_query_terms_drop_question_words_but_keep_pairs():
    assert lexical.query_terms("Tỉnh đoàn phải làm gì?") == ["tinh", "doan", "tinh_doan", "doan_phai"]


def test_phrase_beats_scattered_syllables(conn):
    ranked = [uid for uid, _ in lexical.search(conn, "đại đoàn kết", 10)]
    assert ranked[0] == 1 and set(ranked) == {1, 2, 3}


def test_unaccented_query_finds_the_same_units_as_accented(conn):
    accented = lexical.search(conn, "Đảng ủy Khối doanh nghiệp đối thoại", 10)
    plain = lexical.search(conn, "dang uy khoi doanh nghiep doi thoai", 10)
    assert [u for u, _ in accented] == [u for u, _ in plain]
    assert accented[0][0] == 4


def test_doc_filter_restricts_results(conn):
    ranked = lexical.search(conn, "tổ chức", 10, doc_ids=["doc0"])
    assert {u for u, _ in ranked} == {4}


def test_query_of_only_stopwords_matches_nothing(conn):
    assert lexical.search(conn, "là gì? ai? bao nhiêu", 10) == []
