"""Opening a library reads what a question needs, not the whole library (index/documents.py and the
combined names of index/terms.py): document rows by id, lookups through `doc_keys`, one row of names."""

from __future__ import annotations

import re
import shutil
import sqlite3

import pytest

from chidao.core.model import Filters
from chidao.core.numbers import leading_number
from chidao.core.text import fold, folded_words
from chidao.library import Library
from index.documents import KEYS_KEY, DocumentTable, keys_current
from index.store import DB_NAME
from index.terms import COMBINED_KEY, COMBINED_STAMP_KEY, Terms, combine_names
from tests.conftest import GUIDE, PLAN

# Statements that read every document's row, metadata or learned names.
WHOLE_LIBRARY = (
    re.compile(r"FROM documents d ORDER BY", re.IGNORECASE),
    re.compile(r"json_extract\(metadata", re.IGNORECASE),
    re.compile(r"SELECT names FROM \w+\.doc_names", re.IGNORECASE),
)
DOCUMENT_ROW = re.compile(r"FROM documents d WHERE d\.id = '([^']*)'")


@pytest.fixture()
def eval_copy(eval_store, tmp_path):
    target = tmp_path / "store"
    shutil.copytree(eval_store, target)
    return target


def _traced(lib: Library) -> list[str]:
    statements: list[str] = []
    lib.store.conn.set_trace_callback(statements.append)
    return statements


# Notices about something else entirely (opening hours of the provincial library), each naming no unit
# the question asks about.
OTHER_NOTICE = """ỦY BAN NHÂN DÂN TỈNH HẢI LÂM
Số {n}/TB-TV

THÔNG BÁO
về giờ mở cửa của thư viện tỉnh

Thư viện tỉnh mở cửa từ thứ Hai đến thứ Sáu, buổi sáng từ 7 giờ 30, buổi chiều đến 17 giờ {n}.
"""


def test_a_library_opened_after_ingest_answers_without_reading_every_document(eval_copy, tmp_path):
    others = tmp_path / "others"
    others.mkdir()
    for n in range(1, 7):
        (others / f"thong-bao-{n}-tb-tv.txt").write_text(OTHER_NOTICE.format(n=n), encoding="utf-8")
    lib = Library.open(eval_copy)
    assert lib.ingest([others]).ok
    lib.close()
    lib = Library.open(eval_copy)
    statements = _traced(lib)
    answer = lib.ask("Tỉnh đoàn phải làm gì?")
    assert answer.status == "found"
    assert [s for s in statements if any(p.search(s) for p in WHOLE_LIBRARY)] == []
    rows = [m.group(1) for s in statements if (m := DOCUMENT_ROW.search(s))]
    assert len(rows) == len(set(rows))  # each document read once
    assert {c.hit.document.id for c in answer.citations} <= set(rows)
    assert not [r for r in rows if r.startswith("thong-bao-") and r.endswith("-tb-tv.txt")]


def test_a_fact_question_finds_its_document_by_number_without_reading_every_document(eval_copy):
    lib = Library.open(eval_copy)
    statements = _traced(lib)
    answer = lib.ask("Ai ký Kế hoạch 35?")
    assert answer.status == "found"
    assert answer.citations[0].hit.document.metadata.number.startswith("35")
    assert [s for s in statements if any(p.search(s) for p in WHOLE_LIBRARY)] == []


def test_the_combined_names_are_stored_by_the_ingest_and_read_as_one_row(small_copy):
    conn = sqlite3.connect(small_copy / DB_NAME)
    stored = dict(conn.execute("SELECT key, value FROM meta"))
    conn.close()
    lib = Library.open(small_copy)
    statements = _traced(lib)
    assert "Tỉnh đoàn" in lib.organisations()
    assert [s for s in statements if any(p.search(s) for p in WHOLE_LIBRARY)] == []
    with lib.store.snapshot():
        names = combine_names(lib.store.conn)
        assert stored[COMBINED_KEY] == _json_names(names) and Terms(lib.store).learned_names() == names


def test_names_combined_for_another_state_are_combined_again(small_copy, tmp_path):
    conn = sqlite3.connect(small_copy / DB_NAME)
    with conn:  # as if another process had changed the store after they were combined
        conn.execute(
            "UPDATE meta SET value = ? WHERE key = ?", ('["Hội Nông dân tỉnh Hải Lâm"]', COMBINED_KEY)
        )
        conn.execute("UPDATE meta SET value = 'an older state' WHERE key = ?", (COMBINED_STAMP_KEY,))
    conn.close()
    lib = Library.open(small_copy)
    assert "Hội Nông dân tỉnh Hải Lâm" not in lib.organisations()
    assert "Tỉnh đoàn" in lib.organisations()
    assert lib.store.get_meta(COMBINED_STAMP_KEY) != "an older state"  # stored again, once


def test_a_removal_keeps_the_combined_names_and_document_keys_of_the_new_state(small_copy):
    lib = Library.open(small_copy)
    lib.remove(GUIDE.name)
    conn = sqlite3.connect(small_copy / DB_NAME)
    keyed = [r[0] for r in conn.execute("SELECT doc_id FROM doc_keys ORDER BY doc_id")]
    conn.close()
    assert keyed == sorted(d.id for d in lib.documents())
    with lib.store.snapshot():
        assert keys_current(lib.store.conn)
        assert lib.store.get_meta(COMBINED_KEY) == _json_names(combine_names(lib.store.conn))


def test_a_store_an_older_chidao_wrote_gets_its_document_keys_once(small_copy):
    conn = sqlite3.connect(small_copy / DB_NAME)
    with conn:
        conn.execute("DROP TABLE doc_keys")
        conn.execute("DELETE FROM meta WHERE key = ?", (KEYS_KEY,))
    conn.close()
    lib = Library.open(small_copy)
    before = _lookups(lib)  # answered from the metadata projection, then the table written
    assert lib.ask("Ai ký Kế hoạch 09?").status == "found"
    with lib.store.snapshot():
        assert keys_current(lib.store.conn)
    assert _lookups(Library.open(small_copy)) == before


def test_documents_written_without_their_keys_are_keyed_at_the_next_open(small_copy):
    conn = sqlite3.connect(small_copy / DB_NAME)
    with conn:  # as bench/growth.py writes: rows inserted straight, the generation bumped
        conn.execute("DELETE FROM doc_keys WHERE doc_id = ?", (PLAN.name,))
    conn.close()
    lib = Library.open(small_copy)
    with lib.store.snapshot():
        assert not keys_current(lib.store.conn)
        assert [d.id for d in DocumentTable(lib.store).numbered("9")] == [PLAN.name]  # from the metadata
    assert lib.ask("Ai ký Kế hoạch 09?").status == "found"
    with lib.store.snapshot():
        assert keys_current(lib.store.conn)
        assert [d.id for d in DocumentTable(lib.store).numbered("9")] == [PLAN.name]


def test_document_lookups_through_the_keys_agree_with_the_documents_metadata(small_copy):
    lib = Library.open(small_copy)
    docs = lib.documents()
    with lib.store.snapshot():
        table = DocumentTable(lib.store)
        for number in {leading_number(d.metadata.number) for d in docs}:
            assert [d.id for d in table.numbered(number)] == [
                d.id for d in docs if leading_number(d.metadata.number) == number
            ]
        assert table.allowed(Filters(year=2021)) and not table._all  # the rows are not read
        for kind in ("Kế hoạch", "Hướng dẫn", "Công văn", "Kế"):
            assert [d.id for d in table.of_kind(kind)] == [
                d.id for d in docs if fold(d.metadata.doc_type).startswith(fold(kind))
            ]
        needles = [folded_words(r) for d in docs for r in d.metadata.recipients]
        assert needles
        for needle in needles:
            assert table.addressed([needle]) == [
                d.id for d in docs if needle in folded_words("\n".join(d.metadata.recipients))
            ]
        for filters in _filters_of(docs):
            assert table.allowed(filters) == [d.id for d in docs if filters.allows(d)], filters
        assert list(table) == [d.id for d in docs] and len(table) == len(docs)
        assert PLAN.name in table and "no-such-document.txt" not in table


def _filters_of(docs) -> list[Filters]:
    """Filters by each kind, issuer and year the documents have (and some none has)."""
    out = [Filters(doc_type=k) for k in ("Kế hoạch", "ke-hoach", "Hướng dẫn", "Công văn", "Nghị quyết")]
    out += [Filters(issuer=d.metadata.issuer) for d in docs if d.metadata.issuer]
    out += [Filters(issuer="tinh uy"), Filters(issuer="Bộ Tư pháp")]
    out += [Filters(year=y) for y in (2021, 2022, 1999)]
    out += [Filters(doc_type="Kế hoạch", year=2021), Filters(doc=PLAN.name, year=2021), Filters(doc="x.txt")]
    return out


def _lookups(lib: Library) -> tuple:
    with lib.store.snapshot():
        table = DocumentTable(lib.store)
        return (
            [d.id for d in table.numbered("9")],
            [d.id for d in table.of_kind("Kế hoạch")],
            table.addressed([" tinh doan "]),
        )


def _json_names(names: list[str]) -> str:
    import json

    return json.dumps(names, ensure_ascii=False)


@pytest.fixture()
def small_copy(small_store, tmp_path):
    target = tmp_path / "small"
    shutil.copytree(small_store, target)
    return target
