"""Which search backend a library uses, read from the environment (see the README's "Scaling").

Kept apart from index/milvus.py so that opening a library on the default backend imports nothing
of Milvus (nor FAISS) before it searches.
"""

from __future__ import annotations

import hashlib
import os
import socket
from pathlib import Path

from chidao.core.errors import ChidaoError

BACKEND_ENV = "CHIDAO_BACKEND"
URI_ENV = "CHIDAO_MILVUS_URI"
COLLECTION_ENV = "CHIDAO_MILVUS_COLLECTION"
BACKENDS = ("sqlite", "milvus")
LITE_FILE = "milvus.db"


def backend() -> str:
    """The configured backend: $CHIDAO_BACKEND, "sqlite" (SQLite + FAISS, the default) or "milvus"."""
    value = os.environ.get(BACKEND_ENV, "").strip().lower() or "sqlite"
    if value not in BACKENDS:
        raise ChidaoError(
            f"unknown backend {value!r} in ${BACKEND_ENV}",
            hint=f"Set ${BACKEND_ENV} to one of: {', '.join(BACKENDS)} (or unset it).",
        )
    return value


def milvus_uri(store_dir: Path) -> str:
    """$CHIDAO_MILVUS_URI, else a milvus-lite file `milvus.db` inside the store folder."""
    return os.environ.get(URI_ENV, "").strip() or str(store_dir / LITE_FILE)


def collection_name(store_dir: Path) -> str:
    """$CHIDAO_MILVUS_COLLECTION, else one name per store folder and machine (a shared server holds
    many stores; a copy of a store at another path gets its own collection, filled by `sync`)."""
    given = os.environ.get(COLLECTION_ENV, "").strip()
    if given:
        return given
    where = f"{socket.gethostname()}:{store_dir.resolve()}"
    return "chidao_" + hashlib.sha256(where.encode()).hexdigest()[:16]
