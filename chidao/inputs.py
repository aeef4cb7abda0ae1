"""What an ingest reads: the files under the given roots, each with a collision-free document id.

Identity. A document's id is its path relative to the folder that was ingested (`2022/cong-van.txt`),
or its file name when a single file was given; the file name stays its display name. Each stored
document remembers the absolute path it came from (`Source.key`), so the same file ingested again
keeps its id, while a different file whose id is taken gets a longer one (its parent folders are
prepended, see `qualified_ids`): two provinces' `ke-hoach.pdf` live side by side, nothing is replaced.

Symbolic links are never followed below a root: a link inside an ingested folder (to a file or a
folder, inside the folder or not) gets its own "failed" line and is not read, and so does a file
argument that is itself a link. Only regular files are read (no FIFOs, devices or sockets). The roots
themselves may be reached through links (`--corpus` may be a linked folder).
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path, PurePath, PurePosixPath

from chidao.core.errors import UnreadableFileError

SUPPORTED_SUFFIXES = (".txt", ".md", ".pdf", ".docx")
LINK_HINT = "Symbolic links are not followed; copy the file itself into the folder, or ingest its target."


@dataclass(frozen=True, slots=True)
class Source:
    """One file of an ingest batch: where it is, the id it asks for, and why it cannot be read (if so)."""

    path: Path
    doc_id: str  # the wanted id: relative path under the ingested folder, or the file name
    display: str  # the path as the user gave it, printable (undecodable bytes escaped)
    key: bytes  # the absolute path, as bytes: the same file is the same document
    problem: UnreadableFileError | None = None


def printable(text: str | PurePath) -> str:
    """A path or name as printable text: bytes that are not UTF-8 become \\xNN escapes."""
    return os.fsencode(str(text)).decode("utf-8", "backslashreplace")


def collect_sources(paths: Iterable[str | Path]) -> list[Source]:
    """Files as given, folders walked recursively (hidden entries skipped) in sorted order."""
    out: list[Source] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            out.extend(_walk(path))
        else:
            out.append(_source(path, printable(path.name), path))
    return out


def _walk(root: Path) -> Iterator[Source]:
    real_root = root.resolve()
    entries: list[tuple[Path, bool]] = []  # (path, is a link)
    for folder, dirs, files in os.walk(real_root, followlinks=False):
        here = Path(folder)
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in list(dirs):
            if (here / name).is_symlink():  # os.walk lists links to folders among dirs
                dirs.remove(name)
                entries.append((here / name, True))
        for name in files:
            if not name.startswith(".") and Path(name).suffix.lower() in SUPPORTED_SUFFIXES:
                entries.append((here / name, (here / name).is_symlink()))
    for path, _link in sorted(entries):
        relative = path.relative_to(real_root)
        doc_id = printable(PurePosixPath(*relative.parts))
        yield _source(root / relative, doc_id, path)


def _source(path: Path, doc_id: str, real: Path) -> Source:
    """`path` as the user reaches it, `real` the same file below the resolved root."""
    display = printable(path)
    # The folder resolved, the name itself not: a link is identified as the link, never its target.
    key = os.fsencode(os.path.join(os.path.realpath(real.parent), real.name))
    try:
        info = os.lstat(path)
    except OSError as exc:
        what = (
            "file not found" if isinstance(exc, FileNotFoundError) else f"cannot be opened ({exc.strerror})"
        )
        error = UnreadableFileError(
            what, path=display, hint="Check the path and its permissions, and try again."
        )
        return Source(path, doc_id, display, key, error)
    problem = None
    if stat.S_ISLNK(info.st_mode):
        problem = UnreadableFileError("a symbolic link, not read", path=display, hint=LINK_HINT)
    elif not stat.S_ISDIR(info.st_mode) and not stat.S_ISREG(info.st_mode):  # a folder: check_file says so
        problem = UnreadableFileError(
            "not a regular file (a device, pipe or socket)",
            path=display,
            hint="Give the path of a document file.",
        )
    return Source(path, doc_id, display, key, problem)


def qualified_ids(source: Source) -> Iterator[str]:
    """Longer ids for a file whose wanted id is taken: parent folders first, nearest first, then a counter."""
    absolute = Path(os.fsdecode(source.key)).parts  # ('/', 'a', '2023', 'cong-van.txt')
    wanted = PurePosixPath(source.doc_id)
    parents = [printable(p) for p in absolute[1 : len(absolute) - len(wanted.parts)]]
    for depth in range(1, len(parents) + 1):
        yield "/".join([*parents[len(parents) - depth :], source.doc_id])
    for n in range(2, 10_000):
        yield str(wanted.with_name(f"{wanted.stem}~{n}{wanted.suffix}"))
