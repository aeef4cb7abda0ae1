"""A batch of hostile and unlucky files: each gets its own line, the good ones are added, nothing outside
the given folder is read, and a full disk fails the file it hits (with "ổ đĩa đầy"), not the batch."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import zipfile
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner

from chidao.cli import cli
from chidao.library import Library
from tests.conftest import ROOT
from tests.test_library import SMALL_DOC

SECRET = "zqxjsecretword"


def _hostile_folder(tmp_path: Path) -> Path:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "passwd").write_text(f"root:x:0:0:{SECRET}:/root:/bin/bash\n" * 20, encoding="utf-8")
    (outside / "bi-mat.txt").write_text(SMALL_DOC.replace("Nguyễn Văn Thử", SECRET), encoding="utf-8")
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a-tot.txt").write_text(SMALL_DOC, encoding="utf-8")
    (folder / "lien-ket.txt").symlink_to(outside / "passwd")
    (folder / "thu-muc-lien-ket").symlink_to(outside)
    os.mkfifo(folder / "ong.txt")
    bomb = folder / "bom.docx"
    document = docx.Document()
    document.add_paragraph("KẾ HOẠCH")
    document.save(str(bomb))
    with zipfile.ZipFile(bomb, "a", compression=zipfile.ZIP_DEFLATED) as package:
        package.writestr("word/media/x.bin", bytes(200 * 2**20))
    (folder / "mot-dong.txt").write_text("x" * 50_000, encoding="utf-8")
    (folder / os.fsdecode(b"c\xf4ng-v\xe2n.txt")).write_text(
        SMALL_DOC.replace("77-CV/TU", "78-CV/TU"), encoding="utf-8"
    )
    (folder / "z-tot.txt").write_text(SMALL_DOC.replace("77-CV/TU", "79-CV/TU"), encoding="utf-8")
    return folder


def test_every_file_gets_its_line_and_nothing_outside_is_read(store_copy, tmp_path):
    folder = _hostile_folder(tmp_path)
    lib = Library.open(store_copy)
    results = {r.doc_id: r for r in lib.ingest([folder]).results}
    status = {doc_id: (r.status, r.message) for doc_id, r in results.items()}
    assert set(status) == {
        "a-tot.txt",
        "bom.docx",
        "c\\xf4ng-v\\xe2n.txt",
        "lien-ket.txt",
        "mot-dong.txt",
        "ong.txt",
        "thu-muc-lien-ket",
        "z-tot.txt",
    }
    assert status["a-tot.txt"][0] == status["z-tot.txt"][0] == status["c\\xf4ng-v\\xe2n.txt"][0] == "added"
    assert "symbolic link" in status["lien-ket.txt"][1] and "symbolic link" in status["thu-muc-lien-ket"][1]
    assert "not a regular file" in status["ong.txt"][1]
    assert "inflates more than" in status["bom.docx"][1]
    assert "line 1 is 50,000 characters long" in status["mot-dong.txt"][1]
    texts = " ".join(lib.store.document_text(d.id) for d in lib.documents())
    assert SECRET not in texts and "root:x" not in texts
    assert not any(SECRET in h.unit.text for h in lib.search(SECRET, k=20))
    # The name that is not UTF-8 is a normal document: shown, searched, removed.
    assert lib.document("c\\xf4ng-v\\xe2n.txt").document.metadata.number == "78-CV/TU"
    lib.remove("c\\xf4ng-v\\xe2n.txt")


def test_cli_reports_each_file_and_exits_1_without_traceback(store_copy, tmp_path):
    folder = _hostile_folder(tmp_path)
    result = CliRunner().invoke(cli, ["ingest", str(folder), "--store", str(store_copy)])
    assert result.exit_code == 1, result.output
    assert isinstance(result.exception, SystemExit) and "Traceback" not in result.output
    lines = [line for line in result.output.splitlines() if str(folder) in line]
    assert len(lines) == 8
    assert "8 files in" in result.output and "3 added, 5 failed" in result.output


@pytest.fixture()
def tiny_disk(tmp_path):
    """A 24 MB tmpfs (root only): a real full disk."""
    mount = tmp_path / "disk"
    mount.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=24m", "tmpfs", str(mount)], capture_output=True
    )
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.decode().strip()}")
    yield mount
    subprocess.run(["umount", "-l", str(mount)], check=False)


def _fill(disk: Path, leave: int) -> Path:
    """Fill the disk until only about `leave` bytes are free."""
    filler = disk / "filler"
    free = shutil.disk_usage(disk).free - leave
    with filler.open("wb") as fh:
        while free > 0:
            chunk = min(free, 1 << 20)
            fh.write(bytes(chunk))
            free -= chunk
    return filler


def test_full_disk_fails_the_file_it_hits_and_keeps_the_committed_ones(seed_store, tiny_disk, tmp_path):
    store = tiny_disk / "store"
    shutil.copytree(seed_store, store)
    small = tmp_path / "nho.txt"
    small.write_text(SMALL_DOC, encoding="utf-8")
    big = tmp_path / "lon.txt"
    items = "\n\n".join(
        f"{i}. Tỉnh đoàn tổ chức hoạt động tình nguyện số {i} tại xã {i}." for i in range(1, 200)
    )
    big.write_text(SMALL_DOC.replace("77-CV/TU", "80-CV/TU") + "\n\n" + items, encoding="utf-8")
    _fill(tiny_disk, 300_000)  # the small document needs ~90 KB, the big one ~650 KB
    lib = Library.open(store)
    report = lib.ingest([small, big])
    (first, second) = report.results
    assert first.status == "added"
    assert second.status == "failed" and "ổ đĩa đầy" in second.message and "Free space" in second.message
    assert not list(store.glob(".tmp-*"))
    lib.close()
    (tiny_disk / "filler").unlink()
    # The committed document is there, in SQLite and in the dense index; the database is sound.
    lib = Library.open(store)
    assert {d.id for d in lib.documents()} == {"cong-van-trien-khai-bai-phat-bieu.txt", "nho.txt"}
    assert lib.retriever.dense_index().size == lib.store.unit_count()
    assert lib.store.conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert lib.search("chiến dịch thanh niên tình nguyện hè", k=1)[0].document.id == "nho.txt"


def test_full_disk_in_the_cli_is_one_line_per_file(seed_store, tiny_disk, tmp_path):
    store = tiny_disk / "store"
    shutil.copytree(seed_store, store)
    big = tmp_path / "lon.txt"
    items = "\n\n".join(
        f"{i}. Ban Dân vận thực hiện nhiệm vụ số {i} trong quý {i % 4 + 1}." for i in range(1, 200)
    )
    big.write_text(SMALL_DOC + "\n\n" + items, encoding="utf-8")
    _fill(tiny_disk, 100_000)
    done = subprocess.run(
        [sys.executable, "-m", "chidao", "ingest", str(big), "--store", str(store)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=300,
    )
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert "FAILED" in done.stderr and "ổ đĩa đầy" in done.stderr
    assert not list(store.glob(".tmp-*"))
    assert sqlite3.connect(store / "chidao.sqlite").execute("PRAGMA integrity_check").fetchone() == ("ok",)


def test_search_on_a_full_disk_works_from_memory_and_leaves_no_temp_files(seed_store, tiny_disk, caplog):
    store = tiny_disk / "store"
    shutil.copytree(seed_store, store)
    for cache in store.glob("dense-*"):
        cache.unlink()  # the search must rebuild the cache, and cannot save it
    lib = Library.open(store)
    assert lib.documents()  # SQLite's WAL index (-shm) exists before the disk fills up
    _fill(tiny_disk, 0)
    assert shutil.disk_usage(tiny_disk).free < 4096
    hits = lib.search("Tỉnh đoàn phải làm gì?", k=2)
    assert hits[0].document.id == "cong-van-trien-khai-bai-phat-bieu.txt"
    assert lib.ask("Ai ký công văn này?").status == "found"
    assert "dense cache not saved" in caplog.text
    assert not list(store.glob(".tmp-*")) and not list(store.glob("dense-*"))


def test_a_root_given_as_a_link_is_walked(store_copy, tmp_path):
    real = tmp_path / "that"
    real.mkdir()
    (real / "cv.txt").write_text(SMALL_DOC, encoding="utf-8")
    (tmp_path / "loi-tat").symlink_to(real)
    report = Library.open(store_copy).ingest([tmp_path / "loi-tat"])
    assert [(r.status, r.doc_id) for r in report.results] == [("added", "cv.txt")]
    # The same file through its real path is the same document.
    again = Library.open(store_copy).ingest([real])
    assert [(r.status, r.doc_id) for r in again.results] == [("unchanged", "cv.txt")]
