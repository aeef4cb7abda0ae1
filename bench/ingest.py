"""Ingest speed: where the time goes per stage, and ingest against the embedder alone, in one run.

For each corpus: (1) the stages one after the other on a fresh store: read every file, parse it, embed
all passages in one call (the embedder alone: its own rate on these passages), write each document in
its transaction, refresh the dense cache; (2) `Library.ingest` of the same files on another fresh store,
timed whole. Ratio = ingest units/s ÷ embedder-alone units/s. CPU seconds (all threads of the process)
are printed beside wall seconds: on a shared machine they say how much work a stage is.

    .venv/bin/python bench/ingest.py                                  # ../shared/eval-laws and ../shared/eval
    .venv/bin/python bench/ingest.py --corpus ../shared/eval-laws/corpus --files 1:5
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import TypeVar

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from chidao.core.model import Document  # noqa: E402
from chidao.ingesting import context_text, file_sha256, passage_text  # noqa: E402
from chidao.inputs import collect_sources  # noqa: E402
from chidao.library import Library  # noqa: E402
from ingest.parser import parse_document  # noqa: E402
from ingest.reader import read_file  # noqa: E402

SHARED = ROOT.parent / "shared"
DEFAULT_CORPORA = [SHARED / "eval-laws" / "corpus", SHARED / "eval" / "corpus"]
T = TypeVar("T")


class Clock:
    """Wall and CPU seconds per stage."""

    def __init__(self) -> None:
        self.stages: dict[str, tuple[float, float]] = {}

    def run(self, stage: str, work: Callable[[], T]) -> T:
        wall, cpu = time.perf_counter(), time.process_time()
        out = work()
        w, c = self.stages.get(stage, (0.0, 0.0))
        self.stages[stage] = (w + time.perf_counter() - wall, c + time.process_time() - cpu)
        return out


def stages(files: list[Path], store: Path, clock: Clock) -> tuple[int, np.ndarray]:
    """Each stage over all files in turn; returns the unit count and the embedder-alone vectors."""
    lib = Library.open(store)
    lib.embedder.embed_passages(["khởi động"])  # load the model outside the timings
    raws = [clock.run("read", lambda p=p: read_file(p)) for p in files]
    pairs = zip(raws, files, strict=True)
    parsed = [clock.run("parse", lambda r=r, p=p: parse_document(r, p.name)) for r, p in pairs]
    texts = [passage_text(d.metadata, u) for d in parsed for u in d.units]
    vectors = clock.run("embed (embedder alone)", lambda: lib.embedder.embed_passages(texts))
    lib.store.prepare_write()
    start = 0
    for path, raw, doc in zip(files, raws, parsed, strict=True):
        document = Document(
            id=path.name,
            sha256=file_sha256(path),
            format=raw.format,
            metadata=doc.metadata,
            pages=len(raw.page_starts),
            ocr=raw.ocr,
            unit_count=len(doc.units),
            added_at=datetime.now(UTC).isoformat(timespec="seconds"),
        )
        part = vectors[start : start + len(doc.units)]
        start += len(doc.units)
        contexts = [context_text(doc.metadata, u) for u in doc.units]

        def write(document: Document = document, doc=doc, part=part, contexts=contexts) -> None:
            with lib.store.transaction() as conn:
                conn.execute("INSERT OR REPLACE INTO meta VALUES ('embedder', ?)", (lib.embedder_name,))
                lib.store.put_document(conn, document, doc, part, contexts, b"")

        clock.run("write", write)
    clock.run("refresh", lib.retriever.refresh)
    lib.close()
    return len(texts), vectors


def whole(files: list[Path], store: Path, clock: Clock) -> tuple[int, np.ndarray]:
    """`Library.ingest` of the files; returns the units added and their stored vectors in file order."""
    lib = Library.open(store)
    lib.embedder.embed_passages(["khởi động"])
    report = clock.run("Library.ingest", lambda: lib.ingest(files))
    failed = [r for r in report.results if r.status == "failed"]
    if failed:
        raise SystemExit(f"ingest failed: {failed}")
    rows = lib.store.conn.execute("SELECT doc_id, vector FROM units ORDER BY doc_id, ordinal").fetchall()
    order = {p.name: i for i, p in enumerate(files)}
    rows.sort(key=lambda r: order[r[0]])  # stable: ordinals stay in order within a document
    vectors = np.vstack([np.frombuffer(r[1], dtype=np.float32) for r in rows])
    lib.close()
    return sum(r.units for r in report.results), vectors


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--corpus", action="append", type=Path, help="a folder of documents (repeatable)")
    parser.add_argument("--files", default=":", help="a slice of each corpus's sorted files, e.g. 1:5")
    args = parser.parse_args()
    for corpus in args.corpus or DEFAULT_CORPORA:
        files = [s.path for s in collect_sources([corpus])]
        first, _, last = args.files.partition(":")
        files = files[int(first) if first else None : int(last) if last else None]
        with tempfile.TemporaryDirectory(prefix="chidao-bench-ingest-") as tmp:
            clock = Clock()
            units, alone = stages(files, Path(tmp) / "stages", clock)
            ingested, stored = whole(files, Path(tmp) / "ingest", clock)
        assert ingested == units, (ingested, units)
        embed_wall, embed_cpu = clock.stages["embed (embedder alone)"]
        ingest_wall, ingest_cpu = clock.stages["Library.ingest"]
        print(f"\n### {corpus}: {len(files)} files, {units} units\n")
        print("| stage | wall s | CPU s | units/s (wall) |\n|---|---|---|---|")
        for stage, (wall, cpu) in clock.stages.items():
            print(f"| {stage} | {wall:.1f} | {cpu:.1f} | {units / wall:.1f} |")
        print(
            f"\ningest {units / ingest_wall:.1f} units/s, embedder alone {units / embed_wall:.1f} units/s, "
            f"ratio {embed_wall / ingest_wall:.2f} (wall), {embed_cpu / ingest_cpu:.2f} (CPU); "
            f"stored vs embedder-alone vectors: max |diff| {np.abs(stored - alone).max():.2e}"
        )


if __name__ == "__main__":
    main()
