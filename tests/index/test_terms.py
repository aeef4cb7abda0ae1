"""The store's term statistics and learned unit names (index/terms.py): kept by every write, rebuilt
once for a store an older chidao wrote, never held in memory."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys

import pytest

from chidao.core.text import bigrams_of, syllables
from chidao.library import Library
from index.store import DB_NAME
from index.terms import NAMES_KEY, TERMS_KEY, Terms, add_units, create
from qa.learning import learn_names, learning_fingerprint
from tests.conftest import GUIDE, ROOT, SEED


def _tables(store_dir) -> tuple[list, list]:
    conn = sqlite3.connect(store_dir / DB_NAME)
    try:
        stats = conn.execute("SELECT * FROM term_stats ORDER BY kind, term").fetchall()
        names = conn.execute("SELECT * FROM doc_names ORDER BY doc_id").fetchall()
    finally:
        conn.close()
    return stats, names


def _counted_afresh(lib: Library) -> list:
    """The statistics of the library's units counted from nothing (in a scratch database)."""
    scratch = sqlite3.connect(":memory:")
    scratch.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT)")
    scratch.execute("CREATE TABLE units (id INTEGER)")
    scratch.execute("CREATE TABLE documents (id TEXT PRIMARY KEY)")
    create(scratch)
    units = [(u.heading, u.text) for d in lib.documents() for u in lib.store.units_of(d.id)]
    add_units(scratch, units)
    return [r for r in scratch.execute("SELECT * FROM term_stats ORDER BY kind, term") if r[3] or r[2]]


def _as_main_wrote_it(store_dir) -> None:
    """Make a store look like one the current main wrote: no term tables, no stamps."""
    conn = sqlite3.connect(store_dir / DB_NAME)
    with conn:
        conn.execute("DROP TABLE term_stats")
        conn.execute("DROP TABLE doc_names")
        conn.execute("DELETE FROM meta WHERE key IN (?, ?)", (TERMS_KEY, NAMES_KEY))
    conn.close()


@pytest.fixture()
def small_copy(small_store, tmp_path):
    target = tmp_path / "store"
    shutil.copytree(small_store, target)
    return target


def test_names_learned_at_ingest_survive_reopening(small_copy):
    lib = Library.open(small_copy)
    expected: dict[str, None] = {}
    for doc in lib.documents():
        expected.update(dict.fromkeys(learn_names(lib.store.units_of(doc.id))))
    lib.close()
    reopened = Library.open(small_copy)
    assert Terms(reopened.store).learned_names() == list(expected)
    assert "Tỉnh đoàn" in reopened.organisations()
    assert reopened.store.get_meta(NAMES_KEY) == learning_fingerprint()


def test_statistics_are_those_of_the_units_counted_afresh(small_copy):
    lib = Library.open(small_copy)
    assert _tables(small_copy)[0] == _counted_afresh(lib)


def test_a_removed_documents_names_and_vocabulary_disappear(small_copy):
    lib = Library.open(small_copy)
    others = {u.text for d in lib.documents() if d.id != GUIDE.name for u in lib.store.units_of(d.id)}
    held_elsewhere = {p for t in others for p in bigrams_of(syllables(t))}
    guide_pairs = {p for u in lib.store.units_of(GUIDE.name) for p in bigrams_of(syllables(u.text))}
    only_guide = guide_pairs - held_elsewhere
    assert only_guide and Terms(lib.store).pairs_held(only_guide) == only_guide
    lib.remove(GUIDE.name)
    terms = Terms(lib.store)
    assert terms.pairs_held(only_guide) == set()
    assert _tables(small_copy)[0] == _counted_afresh(lib)
    assert [r[0] for r in _tables(small_copy)[1]] == sorted(d.id for d in lib.documents())
    remaining: dict[str, None] = {}
    for doc in lib.documents():
        remaining.update(dict.fromkeys(learn_names(lib.store.units_of(doc.id))))
    assert terms.learned_names() == list(remaining)


def test_a_store_main_wrote_is_brought_up_to_date_once_without_a_new_generation(small_copy):
    before = _tables(small_copy)
    generation = Library.open(small_copy).store.generation
    _as_main_wrote_it(small_copy)
    lib = Library.open(small_copy)
    answer = lib.ask("Tỉnh đoàn phải làm gì?")
    assert answer.status == "found" and lib.store.generation == generation
    assert _tables(small_copy) == before
    assert "dense-" in " ".join(p.name for p in small_copy.iterdir())  # the dense cache is still valid
    assert lib.retriever.dense_index().size == lib.store.unit_count()


def test_an_ingest_into_a_store_main_wrote_counts_every_document(small_copy, tmp_path):
    """The first write of this version into an old store adds its document; the next read counts all."""
    _as_main_wrote_it(small_copy)
    lib = Library.open(small_copy)
    lib.remove(GUIDE.name)
    assert lib.ingest([GUIDE]).ok
    assert lib.organisations()
    assert _tables(small_copy)[0] == _counted_afresh(lib)
    assert len(_tables(small_copy)[1]) == len(lib.documents())


def test_names_of_another_learner_are_learned_again(small_copy):
    conn = sqlite3.connect(small_copy / DB_NAME)
    with conn:
        conn.execute("UPDATE doc_names SET names = '[\"Hội Nông dân tỉnh Hải Lâm\"]'")
        conn.execute("UPDATE meta SET value = 'an older learner' WHERE key = ?", (NAMES_KEY,))
    conn.close()
    lib = Library.open(small_copy)
    assert "Hội Nông dân tỉnh Hải Lâm" not in lib.organisations()
    assert lib.store.get_meta(NAMES_KEY) == learning_fingerprint()


def test_two_learners_writing_one_store_make_every_document_learned_again(small_copy, tmp_path):
    conn = sqlite3.connect(small_copy / DB_NAME)
    with conn:
        conn.execute("UPDATE meta SET value = 'another learner' WHERE key = ?", (NAMES_KEY,))
    conn.close()
    extra = tmp_path / "cong-van-99.txt"
    extra.write_text(
        SEED.read_text(encoding="utf-8").replace("Tỉnh đoàn", "Hội Nông dân tỉnh"), encoding="utf-8"
    )
    lib = Library.open(small_copy)
    assert lib.ingest([extra]).ok
    assert lib.store.get_meta(NAMES_KEY) == "mixed"
    assert "Tỉnh đoàn" in lib.organisations()
    assert lib.store.get_meta(NAMES_KEY) == learning_fingerprint()


def _ask_json(store) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "chidao", "ask", "Tỉnh đoàn phải làm gì?", "--json", "--store", str(store)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_a_read_only_store_main_wrote_is_answered_from_a_temporary_database(small_copy, tmp_path):
    expected = _ask_json(small_copy)
    _as_main_wrote_it(small_copy)
    mount = tmp_path / "ro"
    mount.mkdir()
    for args in (["--bind", str(small_copy), str(mount)], ["-o", "remount,bind,ro", str(mount)]):
        if subprocess.run(["mount", *args], capture_output=True).returncode != 0:
            subprocess.run(["umount", str(mount)], check=False)
            pytest.skip("cannot make a read-only mount here")
    try:
        assert _ask_json(mount) == expected
    finally:
        subprocess.run(["umount", str(mount)], check=False)
    conn = sqlite3.connect(small_copy / DB_NAME)
    assert not conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'term_stats'").fetchone()
    conn.close()


def test_a_fresh_store_needs_no_rebuild(tmp_path):
    lib = Library.open(tmp_path / "store")
    assert lib.ingest([SEED]).ok
    stamp = lib.store.get_meta(TERMS_KEY)
    assert stamp is not None and stamp.endswith(f":{lib.store.generation}")
