"""Batch ingest with read-ahead: files are read on a worker thread and embedded together, yet every
file gets the result, log line, id and vectors it gets when ingested alone."""

from __future__ import annotations

import threading
from pathlib import Path

import numpy as np

from chidao.library import Library
from tests.conftest import SEED
from tests.test_library import SMALL_DOC, _small_pdf_bytes


def _letter(n: int) -> str:
    """A small dispatch of its own: number, items and deadline differ with n."""
    return (
        SMALL_DOC.replace("Số 77-CV/TU", f"Số {100 + n}-CV/TU")
        .replace("chiến dịch thanh niên tình nguyện hè", f"đợt {n} kiểm tra công tác cán bộ khu vực {n}")
        .replace("30/9/2024", f"{n}/10/2024")
    )


def _write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def _vectors(lib: Library, doc_id: str) -> np.ndarray:
    rows = lib.store.conn.execute(
        "SELECT vector FROM units WHERE doc_id = ? ORDER BY ordinal", (doc_id,)
    ).fetchall()
    return np.vstack([np.frombuffer(r[0], dtype=np.float32) for r in rows])


def test_results_and_log_keep_input_order_around_failed_and_unchanged_files(store_copy, tmp_path):
    first = _write(tmp_path, "cv-1.txt", _letter(1))
    files = [
        first,
        _write(tmp_path, "rong.txt", ""),  # empty: fails
        SEED,  # already in the library
        _write(tmp_path, "cv-2.txt", _letter(2)),
        _write(tmp_path, "ban-sao-cv-1.txt", _letter(1)),  # same content as a file of this batch
        first,  # the same file again
        _write(tmp_path, "cv-3.txt", _letter(3)),
    ]
    told: list[tuple[int, int, str]] = []
    lib = Library.open(store_copy)
    report = lib.ingest(files, progress=lambda *args: told.append(args))
    assert [(r.path, r.status, r.doc_id, r.message) for r in report.results] == [
        (str(first), "added", "cv-1.txt", ""),
        (str(tmp_path / "rong.txt"), "failed", "rong.txt", report.results[1].message),
        (str(SEED), "unchanged", SEED.name, "already in the library"),
        (str(tmp_path / "cv-2.txt"), "added", "cv-2.txt", ""),
        (str(tmp_path / "ban-sao-cv-1.txt"), "unchanged", "cv-1.txt", "same content as cv-1.txt"),
        (str(first), "unchanged", "cv-1.txt", "already in the library"),
        (str(tmp_path / "cv-3.txt"), "added", "cv-3.txt", ""),
    ]
    assert "rong.txt" in report.results[1].message and "empty" in report.results[1].message
    assert told == [(i, 7, f.name) for i, f in enumerate(files)] + [(7, 7, "")]
    logged = lib.store.conn.execute(
        "SELECT path, status, doc_id FROM ingest_log ORDER BY rowid DESC LIMIT 7"
    ).fetchall()
    assert logged[::-1] == [(r.path, r.status, r.doc_id) for r in report.results]
    assert sorted(d.id for d in lib.documents()) == sorted(["cv-1.txt", "cv-2.txt", "cv-3.txt", SEED.name])
    assert lib.retriever.dense_index().size == lib.store.unit_count()


def test_bad_pdf_in_the_middle_of_a_batch_fails_alone(store_copy, tmp_path):
    letters = [_write(tmp_path, f"cv-{n}.txt", _letter(n)) for n in range(1, 7)]
    bad = tmp_path / "cat-ngang.pdf"
    bad.write_bytes(_small_pdf_bytes()[:700])  # a real PDF cut in half
    lib = Library.open(store_copy)
    units_before = lib.store.unit_count()
    report = lib.ingest([*letters[:3], bad, *letters[3:]])
    assert [r.status for r in report.results] == ["added"] * 3 + ["failed"] + ["added"] * 3
    assert "cat-ngang.pdf" in report.results[3].message and report.results[3].hint
    added = sum(r.units for r in report.results)
    assert lib.store.unit_count() == units_before + added == lib.retriever.dense_index().size


def test_a_batch_stores_the_units_and_vectors_of_one_file_at_a_time(tmp_path):
    letters = [_write(tmp_path / "in", f"cv-{n}.txt", _letter(n)) for n in range(1, 5)]
    files = [SEED, *letters]
    together = Library.open(tmp_path / "together")
    assert together.ingest(files).ok
    alone = Library.open(tmp_path / "alone")
    for path in files:
        assert alone.ingest([path]).ok
    for path in files:
        assert together.document(path.name).units == alone.document(path.name).units
        np.testing.assert_allclose(_vectors(together, path.name), _vectors(alone, path.name), atol=1e-5)


def test_two_files_wanting_one_id_in_a_batch_get_two_ids(tmp_path):
    a = _write(tmp_path / "huyen-a", "cv.txt", _letter(1))
    b = _write(tmp_path / "huyen-b", "cv.txt", _letter(2))
    lib = Library.open(tmp_path / "store")
    report = lib.ingest([a, b])
    assert [(r.status, r.doc_id) for r in report.results] == [
        ("added", "cv.txt"),
        ("added", "huyen-b/cv.txt"),
    ]
    assert {u.doc_id for u in lib.document("huyen-b/cv.txt").units} == {"huyen-b/cv.txt"}
    assert any("khu vực 2" in u.text for u in lib.document("huyen-b/cv.txt").units)


def test_page_progress_of_a_pdf_read_ahead_reaches_the_calling_thread(store_copy, tmp_path):
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    pdf = tmp_path / "ba-trang.pdf"
    page = canvas.Canvas(str(pdf), pagesize=A4)
    for i, word in enumerate(["tuyen truyen", "kiem tra", "bao cao"], start=1):
        for j in range(i + 2):  # different text on each page: no running header
            page.drawString(72, A4[1] - 100 - 20 * j, f"{i}.{j} Ban Thuong vu Tinh doan {word} lan {j}.")
        page.showPage()
    page.save()
    told: list[tuple[str, int, int, str, str]] = []
    report = Library.open(store_copy).ingest(
        [_write(tmp_path, "cv-1.txt", _letter(1)), pdf],  # the PDF is read while cv-1 is handled
        pages=lambda *args: told.append((*args, threading.current_thread().name)),
    )
    assert [r.status for r in report.results] == ["added", "added"]
    main = threading.current_thread().name
    assert told == [("ba-trang.pdf", page, 3, "text", main) for page in (1, 2, 3)]
