"""A large library for cold-start and memory checks, and those checks.

Build: the documents of a built store copied under new ids ("copy-0001/<id>") until the library holds
N units — units, vectors, lexical contexts, references and learned unit names as stored, so nothing
is embedded again (100k units in a few minutes):

    .venv/bin/python bench/replicate.py build /work/stores/eval-x /tmp/eval-100k --units 100000

Measure: `chidao ask` in a fresh process, per store (wall time, CPU time, peak RSS), and the memory
the qa state of each store keeps (tracemalloc), per unit; the first store is the baseline of the ratios:

    .venv/bin/python bench/replicate.py measure /work/stores/eval-x /tmp/eval-100k
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from chidao.core.model import Document, ParsedDocument  # noqa: E402
from chidao.library import Library  # noqa: E402

QUESTION = "Tỉnh đoàn phải làm gì?"
# What a fresh process measures: `chidao ask` as the CLI runs it, then the qa state alone.
_PROBE = """
import json, resource, sys, time, tracemalloc
started, cpu = time.perf_counter(), time.process_time()
from chidao.library import Library
lib = Library.open(sys.argv[1])
answer = lib.ask(sys.argv[2])
wall, cpu = time.perf_counter() - started, time.process_time() - cpu
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
lib = Library.open(sys.argv[1])
lib.documents()
tracemalloc.start()
with lib.store.snapshot():
    state = lib._qa_state()
kept = tracemalloc.get_traced_memory()[0]
print(json.dumps({"wall": wall, "cpu": cpu, "rss": rss, "qa": kept, "units": lib.store.unit_count(),
                  "status": answer.status, "citations": len(answer.citations)}))
"""


def _originals(lib: Library) -> list[tuple[Document, ParsedDocument, np.ndarray, list[str], list[str]]]:
    """Every document of a store as put_document takes it: (document, parsed, vectors, contexts, names)."""
    conn = lib.store.conn
    names = {r[0]: json.loads(r[1]) for r in conn.execute("SELECT doc_id, names FROM doc_names")}
    out = []
    for doc in lib.documents():
        units = lib.store.units_of(doc.id)
        rows = conn.execute(
            "SELECT context, vector FROM units WHERE doc_id = ? ORDER BY ordinal", (doc.id,)
        ).fetchall()
        vectors = np.vstack([np.frombuffer(r[1], dtype=np.float32) for r in rows])
        references = tuple(r for _, r in lib.store.references(doc.id))
        parsed = ParsedDocument(lib.store.document_text(doc.id), doc.metadata, units, references)
        out.append((doc, parsed, vectors, [r[0] for r in rows], names.get(doc.id, [])))
    return out


def build(source: Path, target: Path, units: int) -> None:
    if target.exists():
        sys.exit(f"{target} exists; give a new directory")
    shutil.copytree(source, target, ignore=shutil.ignore_patterns("dense-*", "*-wal", "*-shm"))
    lib = Library.open(target)
    lib.organisations()  # brings an older store's term tables and learned names up to date
    originals = _originals(lib)
    started, copy = time.perf_counter(), 0
    while (count := lib.store.unit_count()) < units:
        copy += 1
        with lib.store.transaction() as conn:
            for doc, parsed, vectors, contexts, names in originals:
                new = Document(
                    f"copy-{copy:04d}/{doc.id}",
                    f"{doc.sha256}-copy-{copy}",
                    doc.format,
                    doc.metadata,
                    doc.pages,
                    doc.ocr,
                    doc.unit_count,
                    doc.added_at,
                )
                lib.store.put_document(conn, new, parsed, vectors, contexts, None, names)
        print(f"copy {copy}: {count + sum(len(o[1].units) for o in originals)} units", file=sys.stderr)
    print(f"stored in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    started = time.perf_counter()
    lib.retriever.dense_index()  # the dense cache, saved, as after an ingest
    print(f"dense index in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    from index.terms import Terms

    assert Terms(lib.store).unit_total() == lib.store.unit_count()


def measure(stores: list[Path], question: str, runs: int) -> None:
    rows = []
    for store in stores:
        probes = []
        for _ in range(runs):
            done = subprocess.run(
                [sys.executable, "-c", _PROBE, str(store), question],
                capture_output=True,
                text=True,
                cwd=ROOT,
                check=True,
            )
            probes.append(json.loads(done.stdout.strip().splitlines()[-1]))
        best = min(probes, key=lambda p: p["wall"])
        rows.append((store.name, best))
    base = rows[0][1]
    print(f"`chidao ask {question!r}` in a fresh process, best of {runs}")
    print("| store | units | wall s | CPU s | peak RSS MB | qa state KB | qa bytes/unit | wall × base |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for name, p in rows:
        print(
            f"| {name} | {p['units']} | {p['wall']:.2f} | {p['cpu']:.2f} | {p['rss']:.0f} |"
            f" {p['qa'] / 1024:.0f} | {p['qa'] / max(p['units'], 1):.0f} | {p['wall'] / base['wall']:.2f} |"
        )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    sub = parser.add_subparsers(dest="command", required=True)
    b = sub.add_parser("build", help="copy a store's documents until it holds --units units")
    b.add_argument("source", type=Path)
    b.add_argument("target", type=Path)
    b.add_argument("--units", type=int, default=100_000)
    m = sub.add_parser("measure", help="cold `chidao ask` and qa state memory per store")
    m.add_argument("stores", type=Path, nargs="+")
    m.add_argument("--question", default=QUESTION)
    m.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    if args.command == "build":
        build(args.source, args.target, args.units)
    else:
        measure(args.stores, args.question, args.runs)


if __name__ == "__main__":
    main()
