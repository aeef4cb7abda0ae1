"""The store under stress: reads during another process's ingest, read-only media, missing and damaged
stores, a dense cache that lies. A real store, real second processes, real files."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import numpy as np
import pytest

from chidao.library import Library
from index.dense import DenseIndex, checksum
from tests.conftest import ROOT
from tests.test_library import SMALL_DOC

_WRITER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from chidao.library import Library

    store, folder, rounds = Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3])
    lib = Library.open(store)
    files = sorted(folder.glob("*.txt"))
    for n in range(rounds):
        for path in files:
            assert lib.ingest([path]).ok
        for path in files:
            lib.remove(path.name)
        print(n, flush=True)
    """
)


def test_searches_during_another_process_ingest_and_remove_see_whole_documents(store_copy, tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    for i in range(4):
        body = SMALL_DOC.replace("77-CV/TU", f"{60 + i}-CV/TU").replace("xã biên giới", f"xã số {i}")
        (folder / f"cv-{i}.txt").write_text(body, encoding="utf-8")
    writer = subprocess.Popen(
        [sys.executable, "-c", _WRITER, str(store_copy), str(folder), "12"],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    lib = Library.open(store_copy)
    searches = 0
    seen_new = set()
    queries = ["Tỉnh đoàn ra quân tình nguyện hè", "Báo cáo kết quả về Văn phòng Tỉnh ủy", "Ai ký công văn?"]
    try:
        while writer.poll() is None or searches < 30:
            query = queries[searches % len(queries)]
            for hit in lib.search(query, k=10):
                # The hit's document and unit belong to the same committed state.
                assert hit.unit.doc_id == hit.document.id
                seen_new.add(hit.document.id)
            if searches % 5 == 0:
                assert lib.ask(query).status in ("found", "not_found")
            searches += 1
    finally:
        out, err = writer.communicate(timeout=600)
    assert writer.returncode == 0, err
    assert out.split() == [str(n) for n in range(12)]
    # The reader really ran while the writer changed the library.
    assert searches >= 30 and seen_new & {f"cv-{i}.txt" for i in range(4)}, (searches, seen_new)
    assert {d.id for d in lib.documents()} == {"cong-van-trien-khai-bai-phat-bieu.txt"}
    assert lib.retriever.dense_index().size == lib.store.unit_count()


def test_snapshot_keeps_one_state_while_another_connection_commits(store_copy, tmp_path):
    lib = Library.open(store_copy)
    other = Library.open(store_copy)
    path = tmp_path / "moi.txt"
    path.write_text(SMALL_DOC, encoding="utf-8")
    with lib.store.snapshot():
        before = [d.id for d in lib.documents()]
        assert other.ingest([path]).ok
        time.sleep(0.05)
        assert [d.id for d in lib.documents()] == before
        assert lib.store.unit_count() == sum(d.unit_count for d in lib.documents())
    assert "moi.txt" in {d.id for d in lib.documents()}


def test_fts5_thread_searches_the_callers_state_while_another_connection_commits(store_copy, tmp_path):
    lib = Library.open(store_copy)
    lib.retriever.parallel_from = 0  # FTS5 on its own thread, with its own connection
    other = Library.open(store_copy)
    path = tmp_path / "moi.txt"
    path.write_text(SMALL_DOC, encoding="utf-8")
    query = "Tỉnh đoàn ra quân tình nguyện hè"

    def ranking() -> list[tuple[str, int, float]]:
        return [(h.document.id, h.unit.ordinal, h.score) for h in lib.search(query, k=10)]

    try:
        with lib.store.snapshot():
            before = ranking()
            assert lib.retriever._worker._conn is not None  # the thread searched
            assert other.ingest([path]).ok
            assert ranking() == before  # the thread's newer state is not mixed in
        assert "moi.txt" in {doc for doc, _, _ in ranking()}
    finally:
        lib.close()
        other.close()


def _cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "chidao", *args], capture_output=True, text=True, cwd=ROOT, timeout=300
    )


@pytest.fixture()
def read_only_copy(store_copy, tmp_path):
    """The seed store behind a read-only bind mount (root only), after a clean close (no -wal/-shm)."""
    lib = Library.open(store_copy)
    lib.retriever.dense_index()
    lib.close()
    mount = tmp_path / "ro"
    mount.mkdir()
    for args in (["--bind", str(store_copy), str(mount)], ["-o", "remount,bind,ro", str(mount)]):
        done = subprocess.run(["mount", *args], capture_output=True, text=True)
        if done.returncode != 0:
            subprocess.run(["umount", str(mount)], check=False)
            pytest.skip(f"cannot make a read-only mount here: {done.stderr.strip()}")
    yield mount
    subprocess.run(["umount", str(mount)], check=False)


def test_read_only_store_is_searched_and_refuses_writes_clearly(read_only_copy, tmp_path):
    before = sorted(p.name for p in read_only_copy.iterdir())
    done = _cli("search", "Tỉnh đoàn phải làm gì?", "-k", "3", "--store", str(read_only_copy))
    assert done.returncode == 0, done.stderr
    assert "cong-van-trien-khai-bai-phat-bieu.txt" in done.stdout and "damaged" not in done.stderr
    assert _cli("ask", "Ai ký công văn này?", "--store", str(read_only_copy)).returncode == 0
    extra = tmp_path / "x.txt"
    extra.write_text(SMALL_DOC, encoding="utf-8")
    done = _cli("ingest", str(extra), "--store", str(read_only_copy))
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "read-only" in done.stderr and "--store DIR" in done.stderr
    assert sorted(p.name for p in read_only_copy.iterdir()) == before


def test_read_only_store_without_its_cache_rebuilds_it_in_memory(store_copy, tmp_path):
    for cache in store_copy.glob("dense-*"):
        cache.unlink()
    ro = tmp_path / "ro"
    ro.mkdir()
    if subprocess.run(["mount", "--bind", str(store_copy), str(ro)]).returncode != 0:
        pytest.skip("cannot bind-mount here")
    try:
        if subprocess.run(["mount", "-o", "remount,bind,ro", str(ro)]).returncode != 0:
            pytest.skip("cannot remount read-only here")
        lib = Library.open(ro)
        assert not lib.store.writable
        assert lib.search("Tỉnh đoàn", k=1)
        assert lib.retriever.dense_index().size == lib.store.unit_count()
        assert not list(ro.glob("dense-*")) and not list(ro.glob(".tmp-*"))
        lib.close()
    finally:
        subprocess.run(["umount", str(ro)], check=False)


def test_missing_store_is_named_and_not_created(tmp_path):
    nowhere = tmp_path / "go-nham"
    for args in (["docs"], ["search", "Tỉnh đoàn"], ["ask", "Ai ký?"], ["show", "x.txt"]):
        done = _cli(*args, "--store", str(nowhere))
        assert done.returncode == 1, (args, done.stdout)
        assert "no chidao library in" in done.stderr and "chidao ingest FILES" in done.stderr
        assert "Traceback" not in done.stderr
    assert not nowhere.exists()


def test_empty_database_file_is_refused_and_left_as_it_is(store_copy, tmp_path):
    (store_copy / "chidao.sqlite").write_bytes(b"")
    caches = sorted(p.name for p in store_copy.glob("dense-*"))
    extra = tmp_path / "x.txt"
    extra.write_text(SMALL_DOC, encoding="utf-8")
    for args in (["docs"], ["search", "Tỉnh đoàn"], ["ingest", str(extra)]):
        done = _cli(*args, "--store", str(store_copy))
        assert (
            done.returncode == 1 and "empty file (0 bytes)" in done.stderr and "left as it is" in done.stderr
        )
        assert "Traceback" not in done.stderr
    assert (store_copy / "chidao.sqlite").stat().st_size == 0
    assert sorted(p.name for p in store_copy.glob("dense-*")) == caches


def test_damaged_database_with_an_intact_header_gives_a_precise_message(store_copy):
    db = store_copy / "chidao.sqlite"
    conn = sqlite3.connect(db)
    conn.execute("UPDATE documents SET metadata = CAST(X'7b22ff' AS TEXT)")  # invalid UTF-8
    conn.commit()
    conn.close()
    done = _cli("docs", "--store", str(store_copy))
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "damaged (Could not decode to UTF-8" in done.stderr and "left as it is" in done.stderr
    # Garbage over every page but the first (the schema page): "malformed", not a traceback.
    data = bytearray(db.read_bytes())
    page = int.from_bytes(data[16:18], "big")
    data[page:] = bytes((i * 7 + 3) % 256 for i in range(len(data) - page))
    db.write_bytes(bytes(data))
    for args in (["docs"], ["search", "Tỉnh đoàn"], ["ask", "Ai ký công văn?"]):
        done = _cli(*args, "--store", str(store_copy))
        assert done.returncode == 1 and "Traceback" not in done.stderr, done.stderr
        assert "damaged" in done.stderr
    assert db.read_bytes() == bytes(data)


def test_dense_cache_with_wrong_content_is_detected_and_rebuilt(store_copy):
    lib = Library.open(store_copy)
    truth = lib.retriever.dense_index()
    ids, expected = np.array(truth.ids), lib.store.all_vectors()[1].astype(np.float16)
    generation = lib.store.generation
    base = store_copy / f"dense-{generation}"
    vectors = np.load(f"{base}.f16.npy")
    # Valid format, same shape, another library's content — with a stamp forged to match it.
    forged = np.roll(vectors, 1, axis=0)
    np.save(f"{base}.f16.npy", forged)
    stamp = json.loads(Path(f"{base}.json").read_text())
    stamp["checksum"] = checksum(ids, forged)
    Path(f"{base}.json").write_text(json.dumps(stamp))
    fresh = Library.open(store_copy)
    assert np.array_equal(fresh.retriever.dense_index().vectors, expected)
    # Changed files under the old stamp: the checksum catches them.
    np.save(f"{base}.f16.npy", forged)
    assert DenseIndex.load(store_copy, generation, len(ids)) is None
    assert np.array_equal(Library.open(store_copy).retriever.dense_index().vectors, expected)


def test_a_folder_in_place_of_the_cache_file_is_not_fatal(store_copy):
    lib = Library.open(store_copy)
    generation = lib.store.generation
    for cache in store_copy.glob("dense-*"):
        cache.unlink()
    (store_copy / f"dense-{generation}.json").mkdir()
    assert Library.open(store_copy).search("Tỉnh đoàn", k=1)
    assert not list(store_copy.glob(".tmp-*"))
