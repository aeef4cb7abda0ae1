"""The store under stress: reads during another process's ingest, read-only media, missing and damaged
stores, a dense cache that lies. A real store, real second processes, real files."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import time

from chidao.library import Library
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
    assert lib._dense_index().size == lib.store.unit_count()


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
