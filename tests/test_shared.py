"""SharedLibrary: one Library used by many threads (the app's sessions), writes serialised."""

from __future__ import annotations

import threading

from chidao.library import Library
from chidao.shared import SharedLibrary
from tests.conftest import PLAN, SEED

# How long a read may take to be let through while a write holds the lock before we call it unguarded.
BLOCKED_SECONDS = 2.0


def test_a_read_started_during_an_ingest_waits_and_sees_the_whole_document(store_copy):
    shared = SharedLibrary(Library.open(store_copy))
    seen: list[list[tuple[str, int]]] = []
    reader: list[threading.Thread] = []
    blocked: list[bool] = []

    def read() -> None:
        seen.append([(d.id, d.unit_count) for d in shared.documents()])

    def progress(done: int, total: int, label: str) -> None:
        # Called inside ingest, i.e. while the write lock is held: a reader started now must wait.
        if done == 0 and not reader:
            thread = threading.Thread(target=read)
            reader.append(thread)
            thread.start()
            thread.join(BLOCKED_SECONDS)
            blocked.append(thread.is_alive())

    report = shared.ingest([PLAN], progress=progress)
    reader[0].join()
    assert report.ok
    assert blocked == [True]
    units = {d.id: d.unit_count for d in Library.open(store_copy).documents()}
    assert seen == [[(SEED.name, units[SEED.name]), (PLAN.name, units[PLAN.name])]]


def test_reads_run_alongside_each_other(store_copy):
    shared = SharedLibrary(Library.open(store_copy))
    inside = threading.Barrier(2, timeout=BLOCKED_SECONDS * 5)
    results: list[int] = []

    def read() -> None:
        # Both threads hold a read lock at the barrier: a lock that serialised reads would deadlock it.
        with shared._lock.read_lock():
            inside.wait()
        results.append(len(shared.documents()))

    threads = [threading.Thread(target=read) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == [1, 1]
