"""Shared fixtures: a real store built once per session from the founding dispatch, copied per test."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "data" / "cong-van-trien-khai-bai-phat-bieu.txt"
EVAL = ROOT.parent / "shared" / "eval"
TEST_DATA = Path(__file__).resolve().parent / "data"
# Invented test documents: a plan citing Công văn 2862 and a guide implementing the plan.
PLAN = TEST_DATA / "ke-hoach-09-kh-tu-2021.txt"
GUIDE = TEST_DATA / "huong-dan-15-hd-btgtu-2021.txt"


@pytest.fixture(scope="session")
def seed_store(tmp_path_factory) -> Path:
    """A store directory holding the founding dispatch (built once; do not modify it)."""
    from chidao.library import Library

    store = tmp_path_factory.mktemp("seed-store")
    lib = Library.open(store)
    assert lib.ingest([SEED]).ok
    lib.close()
    return store


@pytest.fixture(scope="session")
def small_store(tmp_path_factory) -> Path:
    """The founding dispatch plus the plan and guide of tests/data (built once; do not modify it)."""
    from chidao.library import Library

    store = tmp_path_factory.mktemp("small-store")
    lib = Library.open(store)
    report = lib.ingest([SEED, PLAN, GUIDE])
    assert report.ok, report.failed
    lib.close()
    return store


@pytest.fixture()
def store_copy(seed_store, tmp_path) -> Path:
    """A private copy of the seed store that a test may change."""
    target = tmp_path / "store"
    shutil.copytree(seed_store, target)
    return target


@pytest.fixture(scope="session")
def eval_store(tmp_path_factory) -> Path:
    """A store holding the whole eval corpus (skips when ../shared/eval is absent)."""
    from chidao.library import Library

    if not (EVAL / "corpus").is_dir():
        pytest.skip("the shared eval set is not present")
    store = tmp_path_factory.mktemp("eval-store")
    lib = Library.open(store)
    report = lib.ingest([EVAL / "corpus"])
    assert report.ok, report.failed
    lib.close()
    return store
