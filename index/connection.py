"""Opening a store's SQLite file without ever creating, overwriting or writing it on the read path.

- no `chidao.sqlite` in the folder: "no library here" (a store is created only by an ingest);
- a 0-byte or damaged file: a precise StoreError, the file left as it is;
- a folder or file that cannot be written (read-only medium, permissions): opened read-only — through
  SQLite's `immutable` mode when the WAL index cannot be created beside it.
Every SQLite failure leaves as a StoreError that says which it is (`store_error`).
"""

from __future__ import annotations

import logging
import os
import sqlite3
from pathlib import Path

from chidao.core.errors import StoreError

log = logging.getLogger(__name__)

DB_NAME = "chidao.sqlite"
# SQLite's page cache per connection (KiB; SQLite's default is 2 MiB). FTS5's BM25 reads each matched
# row's column sizes: at 1M units those lookups hop around a table of tens of MB, and with 2 MiB of
# cache a question's FTS5 search took ~13 % more CPU (bench/speed.py store, 80 eval questions).
CACHE_KIB = 16_384
_SQLITE_MAGIC = b"SQLite format 3\x00"
KEEP_HINT = (
    "The file is left as it is: restore it from a backup, or ingest the documents into a new store"
    " (--store NEW_DIR)."
)


def missing_store(directory: Path) -> StoreError:
    return StoreError(
        f"no chidao library in {directory} (no {DB_NAME})",
        path=directory,
        hint=f"Check the --store path (or $CHIDAO_STORE); a library is created by: chidao ingest FILES"
        f" --store {directory}",
    )


def writable(directory: Path) -> bool:
    """True when the folder and its database (if any) can be written (false on a read-only mount)."""
    path = directory / DB_NAME
    return os.access(directory, os.W_OK) and (not path.exists() or os.access(path, os.W_OK))


def check_file(path: Path) -> None:
    """Refuse a database file that is empty or not SQLite before SQLite sees it (it would write it)."""
    try:
        with path.open("rb") as fh:
            head = fh.read(len(_SQLITE_MAGIC))
    except OSError as exc:
        raise StoreError(
            f"the store database cannot be read ({exc.strerror})", path=path, hint=KEEP_HINT
        ) from exc
    if not head:
        raise StoreError("the store database is an empty file (0 bytes)", path=path, hint=KEEP_HINT)
    if head != _SQLITE_MAGIC:
        raise StoreError("the store database is not an SQLite file (damaged)", path=path, hint=KEEP_HINT)


def connect(directory: Path, *, create: bool) -> tuple[sqlite3.Connection, bool]:
    """(connection, writable) for the store in `directory`; `create` makes a new one when none is there."""
    path = directory / DB_NAME
    if path.exists() or path.is_symlink():
        check_file(path)
    elif not create:
        raise missing_store(directory)
    else:
        directory.mkdir(parents=True, exist_ok=True)
    can_write = writable(directory)
    try:
        if can_write:
            mode = "rwc" if create else "rw"
            conn = sqlite3.connect(
                f"file:{_quote(path)}?mode={mode}", uri=True, timeout=30, check_same_thread=False
            )
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=NORMAL")
        else:
            conn = _read_only(path)
        conn.execute("PRAGMA foreign_keys=ON")
        conn.execute(f"PRAGMA cache_size=-{CACHE_KIB}")
        conn.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()
    except sqlite3.DatabaseError as exc:
        raise store_error(exc, directory) from exc
    return conn, can_write


def _read_only(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(f"file:{_quote(path)}?mode=ro", uri=True, timeout=30, check_same_thread=False)
    try:
        conn.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()
        return conn
    except sqlite3.OperationalError:
        conn.close()
    # The WAL index (-shm) cannot be created on a read-only medium: read the file as immutable.
    wal = Path(f"{path}-wal")
    if wal.exists() and wal.stat().st_size:
        log.warning("%s: changes in %s cannot be read on a read-only disk", path, wal.name)
    log.info("%s: opened read-only (immutable)", path)
    return sqlite3.connect(f"file:{_quote(path)}?mode=ro&immutable=1", uri=True, check_same_thread=False)


def _quote(path: Path) -> str:
    from urllib.parse import quote

    return quote(os.path.abspath(path))


def store_error(exc: sqlite3.DatabaseError, directory: Path) -> StoreError:
    """A StoreError naming what SQLite reported: full disk, a lock held too long, read-only, or damage."""
    text = str(exc)
    path = directory / DB_NAME
    if "full" in text:
        return StoreError(
            f"disk full, nothing was written (ổ đĩa đầy; {text})",
            path=path,
            hint="Free space on the disk of the store, then ingest the failed files again.",
        )
    if "locked" in text or "busy" in text:
        return StoreError(
            f"the store is busy ({text})",
            path=path,
            hint="Another chidao process holds it for writing; wait for it to finish and try again.",
        )
    if "readonly" in text or "read-only" in text:
        return StoreError(
            "the store is on a read-only disk or folder; it can be searched but not changed",
            path=path,
            hint="Copy the store to a writable place (--store DIR) to ingest or remove documents.",
        )
    return StoreError(f"the store database is damaged ({text})", path=path, hint=KEEP_HINT)
