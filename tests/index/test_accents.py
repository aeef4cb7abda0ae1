"""Diacritic restoration of unaccented queries from the forms a real store has seen."""

from __future__ import annotations

import sqlite3

import pytest

from index.accents import FORMS_SCHEMA, add_forms, restore

TEXTS = [
    "Ban Dân vận Tỉnh ủy chủ trì, phối hợp với Ban Tuyên giáo Tỉnh ủy.",
    "Ban Thường vụ Tỉnh đoàn chỉ đạo các cấp bộ đoàn tổ chức diễn đàn.",
    "Đảng ủy Khối doanh nghiệp tỉnh tổ chức đối thoại với công nhân.",
    "Các huyện ủy, thị ủy, thành ủy báo cáo kết quả trước ngày 15/8/2022.",
]


@pytest.fixture()
def conn() -> sqlite3.Connection:
    db = sqlite3.connect(":memory:")
    db.execute(FORMS_SCHEMA)
    add_forms(db, TEXTS)
    return db


@pytest.mark.parametrize(
    ("query", "restored"),
    [
        ("ban dan van tinh uy phai lam gi", "ban dân vận tỉnh ủy phai lam gi"),
        ("tinh doan to chuc dien dan", "tỉnh đoàn tổ chức diễn đàn"),
        (
            "dang uy khoi doanh nghiep doi thoai voi cong nhan?",
            "đảng ủy khối doanh nghiệp đối thoại với công nhân?",
        ),
    ],
)
def test_unaccented_query_gets_the_library_accents(conn, query, restored):
    assert restore(conn, query) == restored


def test_accented_query_is_left_alone(conn):
    assert restore(conn, "Tỉnh đoàn phải làm gì?") == "Tỉnh đoàn phải làm gì?"


def test_withdrawn_forms_are_forgotten(conn):
    add_forms(conn, TEXTS[1:2], sign=-1)
    assert restore(conn, "dien") == "dien"  # "diễn" occurred only in the withdrawn text
    assert conn.execute("SELECT COUNT(*) FROM forms WHERE n <= 0").fetchone() == (0,)
