"""Fuzzing the readers through a real library: mutated PDF, DOCX and TXT bytes are either ingested or
refused with a ChidaoError; anything else (another exception, a hang, a library that lost or half-wrote
a document) fails the test.

Hypothesis runs derandomized (the same inputs on every run, so CI is reproducible) with
CHIDAO_FUZZ_EXAMPLES examples per format (default 40: 200 inputs in all); set it higher for a longer hunt.
"""

from __future__ import annotations

import io
import os
import zipfile
from pathlib import Path

import docx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

from chidao.library import Library
from tests.conftest import SEED
from tests.ingest.test_pdf_reader import FONT_FILE
from tests.test_library import SMALL_DOC

EXAMPLES = int(os.environ.get("CHIDAO_FUZZ_EXAMPLES", "40"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
LINES = SMALL_DOC.splitlines()


def _txt() -> bytes:
    return SMALL_DOC.encode()


def _docx() -> bytes:
    document = docx.Document()
    for line in LINES:
        document.add_paragraph(line)
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "Ban Thường vụ Tỉnh đoàn", "Quý II/2024"
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _pdf() -> bytes:
    if "DejaVuSerif" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("DejaVuSerif", str(FONT_FILE)))
    out = io.BytesIO()
    page = canvas.Canvas(out, pageCompression=0, invariant=1)
    for number in range(2):
        page.setFont("DejaVuSerif", 12)
        for i, line in enumerate(LINES):
            page.drawString(72, 770 - 18 * i, line)
        page.drawString(72, 40, f"Trang {number + 1}")
        page.showPage()
    page.save()
    return out.getvalue()


@st.composite
def mutated(draw: st.DrawFn, seed: bytes) -> bytes:
    """The seed with 1–8 edits: byte flips, inserted junk, deletions, truncation, repeated slices."""
    data = bytearray(seed)
    for _ in range(draw(st.integers(1, 8))):
        op = draw(st.sampled_from(["flip", "insert", "delete", "truncate", "repeat"]))
        pos = draw(st.integers(0, max(len(data) - 1, 0)))
        if op == "flip" and data:
            data[pos] = draw(st.integers(0, 255))
        elif op == "insert":
            data[pos:pos] = draw(st.binary(min_size=1, max_size=64))
        elif op == "delete":
            del data[pos : pos + draw(st.integers(1, 256))]
        elif op == "truncate":
            del data[pos:]
        elif op == "repeat":
            data[pos:pos] = bytes(data[pos : pos + draw(st.integers(1, 512))]) * draw(st.integers(1, 4))
    return bytes(data)


@st.composite
def mutated_docx_xml(draw: st.DrawFn, seed: bytes) -> bytes:
    """A valid ZIP package whose word/document.xml is mutated: reaches the XML and table code."""
    source = zipfile.ZipFile(io.BytesIO(seed))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "word/document.xml":
                data = draw(mutated(data))
            package.writestr(info.filename, data)
    return out.getvalue()


@pytest.fixture(scope="module")
def fuzz_store(tmp_path_factory) -> Path:
    store = tmp_path_factory.mktemp("fuzz-store")
    assert Library.open(store).ingest([SEED]).ok
    return store


class _Run:
    """Ingests each input into the shared store and checks the library after it."""

    tried = 0
    refused = 0

    def __init__(self, store: Path, folder: Path) -> None:
        self.lib = Library.open(store)
        self.folder = folder
        self.seed_units = {d.id: d.unit_count for d in self.lib.documents()}

    def check(self, data: bytes, suffix: str) -> None:
        type(self).tried += 1
        path = self.folder / f"fuzz-{type(self).tried}{suffix}"
        path.write_bytes(data)
        # Any exception out of ingest fails the test: a bad file must come back as a "failed" result.
        (result,) = self.lib.ingest([path], ocr=False).results
        assert result.status in ("added", "replaced", "unchanged", "failed")
        if result.status == "failed":
            type(self).refused += 1
            assert result.message.startswith(path.name), result.message
        lib = self.lib
        docs = {d.id: d.unit_count for d in lib.documents()}
        assert all(docs.get(i) == n for i, n in self.seed_units.items()), "an earlier document changed"
        assert sum(docs.values()) == lib.store.unit_count() == lib.retriever.dense_index().size
        if result.status == "added":
            assert docs[result.doc_id] == result.units > 0


@pytest.mark.parametrize(
    ("suffix", "seed", "strategy"),
    [
        (".txt", _txt, mutated),
        (".md", _txt, mutated),
        (".docx", _docx, mutated),
        (".docx", _docx, mutated_docx_xml),
        (".pdf", _pdf, mutated),
    ],
    ids=["txt", "md", "docx-bytes", "docx-xml", "pdf"],
)
def test_mutated_files_are_ingested_or_refused_and_the_library_stays_intact(
    fuzz_store, tmp_path, suffix, seed, strategy
):
    if suffix == ".pdf" and not FONT_FILE.exists():
        pytest.skip("DejaVu fonts (fonts-dejavu-core) missing")
    run = _Run(fuzz_store, tmp_path)

    @FUZZ
    @given(strategy(seed()))
    def one(data: bytes) -> None:
        run.check(data, suffix)

    one()
    assert run.lib.store.conn.execute("PRAGMA quick_check").fetchone() == ("ok",)
    print(f"\nfuzz {suffix} {strategy.__name__}: {_Run.tried} inputs so far, {_Run.refused} refused")
