"""Reader limits: links, special files, zip bombs, huge PDFs, endless lines, encrypted PDFs — refused
fast with a message naming the file and the fix, and never read past the limit."""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

import docx
import pypdf
import pytest

from chidao.core.errors import UnreadableFileError
from ingest import docx as docx_reader
from ingest import pdf as pdf_reader
from ingest.reader import MAX_LINE_CHARS, read_file
from tests.ingest.test_pdf_reader import FONT_FILE, _build_pdf

needs_fonts = pytest.mark.skipif(not FONT_FILE.exists(), reason="DejaVu fonts (fonts-dejavu-core) missing")


def _plain_docx(path: Path) -> Path:
    document = docx.Document()
    document.add_paragraph("KẾ HOẠCH")
    document.add_paragraph("Ban Thường vụ Tỉnh đoàn tổ chức ra quân tình nguyện hè.")
    document.save(str(path))
    return path


def _add_member(path: Path, name: str, data: bytes) -> None:
    with zipfile.ZipFile(path, "a", compression=zipfile.ZIP_DEFLATED) as package:
        package.writestr(name, data)


def test_symlink_is_never_read(tmp_path: Path) -> None:
    secret = tmp_path / "passwd"
    secret.write_text("root:x:0:0:root:/root:/bin/bash\n", encoding="utf-8")
    link = tmp_path / "mat-khau.txt"
    link.symlink_to(secret)
    with pytest.raises(
        UnreadableFileError, match=r"^mat-khau\.txt: a symbolic link, not read\..*not followed"
    ):
        read_file(link)


def test_fifo_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "ong.txt"
    os.mkfifo(fifo)  # opening it for reading would block forever
    with pytest.raises(
        UnreadableFileError, match=r"^ong\.txt: not a regular file \(a device, pipe or socket\)"
    ):
        read_file(fifo)


def test_docx_zip_bomb_stops_at_a_few_megabytes(tmp_path: Path) -> None:
    path = _plain_docx(tmp_path / "bom.docx")
    _add_member(path, "word/media/image1.png", bytes(300 * 2**20))  # 300 MB of zeros, ~300 KB packed
    with pytest.raises(
        UnreadableFileError, match=r"^bom\.docx: refused: part word/media/image1\.png inflates"
    ):
        read_file(path)


def test_docx_with_lying_sizes_is_refused_while_inflating(tmp_path: Path) -> None:
    """A member declaring a tiny size is only inflated up to it (then the CRC fails): never a bomb."""
    path = _plain_docx(tmp_path / "noi-doi.docx")
    _add_member(path, "word/media/x.bin", bytes(50 * 2**20))
    data = bytearray(path.read_bytes())
    # Patch the member's uncompressed size in its central directory entry to 1,000 bytes.
    with zipfile.ZipFile(path) as package:
        info = package.getinfo("word/media/x.bin")
    start = data.find(b"word/media/x.bin", data.find(b"PK\x01\x02")) - 46  # 46-byte fixed header
    assert data[start : start + 4] == b"PK\x01\x02"
    data[start + 24 : start + 28] = (1000).to_bytes(4, "little")
    path.write_bytes(bytes(data))
    assert zipfile.ZipFile(path).getinfo("word/media/x.bin").file_size == 1000 != info.file_size
    with pytest.raises(UnreadableFileError, match=r"^noi-doi\.docx: damaged DOCX"):
        read_file(path)


def test_docx_whose_parts_declare_too_much_is_refused(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(docx_reader, "MAX_INFLATED", 2**20)
    path = _plain_docx(tmp_path / "lon.docx")
    _add_member(path, "word/media/a.bin", os.urandom(2**20))  # incompressible: ratio 1:1
    with pytest.raises(
        UnreadableFileError, match=r"^lon\.docx: refused: its parts inflate to more than 1 MB"
    ):
        read_file(path)


def test_real_docx_passes_the_package_checks(tmp_path: Path) -> None:
    assert "Tỉnh đoàn" in read_file(_plain_docx(tmp_path / "that.docx")).text


def test_endless_line_is_refused_with_its_number(tmp_path: Path) -> None:
    path = tmp_path / "mot-dong.txt"
    path.write_text("CÔNG VĂN\n\n" + "Tỉnh đoàn " * (MAX_LINE_CHARS // 5), encoding="utf-8")
    with pytest.raises(UnreadableFileError, match=r"^mot-dong\.txt: line 3 is 19,999 characters long"):
        read_file(path)


def test_line_at_the_limit_is_read(tmp_path: Path) -> None:
    path = tmp_path / "dai.txt"
    path.write_text("a" * MAX_LINE_CHARS + "\n", encoding="utf-8")
    assert len(read_file(path).text) == MAX_LINE_CHARS


def test_pdf_over_the_page_limit_is_refused_before_reading_pages(tmp_path: Path, monkeypatch) -> None:
    writer = pypdf.PdfWriter()
    for _ in range(pdf_reader.MAX_PAGES + 1):
        writer.add_blank_page(width=595, height=842)
    path = tmp_path / "dai.pdf"
    with path.open("wb") as fh:
        writer.write(fh)
    with pytest.raises(
        UnreadableFileError, match=rf"^dai\.pdf: {pdf_reader.MAX_PAGES + 1} pages \(the limit"
    ):
        read_file(path)


@needs_fonts
@pytest.mark.parametrize("algorithm", ["AES-128", "AES-256"])
def test_aes_pdf_with_empty_user_password_opens(tmp_path: Path, algorithm: str) -> None:
    plain = _build_pdf(tmp_path / "goc.pdf")
    writer = pypdf.PdfWriter(clone_from=plain)
    writer.encrypt(user_password="", owner_password="chu", algorithm=algorithm)
    path = tmp_path / "aes.pdf"
    with path.open("wb") as fh:
        writer.write(fh)
    assert read_file(path).text == read_file(plain).text


@needs_fonts
def test_aes_pdf_with_a_password_needs_it(tmp_path: Path) -> None:
    writer = pypdf.PdfWriter(clone_from=_build_pdf(tmp_path / "goc.pdf"))
    writer.encrypt(user_password="bi-mat", owner_password="chu", algorithm="AES-256")
    path = tmp_path / "khoa-aes.pdf"
    with path.open("wb") as fh:
        writer.write(fh)
    with pytest.raises(
        UnreadableFileError, match=r"^khoa-aes\.pdf: encrypted PDF .*cần mật khẩu.*unprotected"
    ):
        read_file(path)


def test_text_over_the_character_limit_is_refused(tmp_path: Path, monkeypatch) -> None:
    from ingest import reader

    monkeypatch.setattr(reader, "MAX_TEXT_CHARS", 1_000)
    path = tmp_path / "dai.txt"
    path.write_text("Tỉnh đoàn tổ chức ra quân.\n" * 100, encoding="utf-8")
    with pytest.raises(
        UnreadableFileError, match=r"^dai\.txt: 2,699 characters of text \(the limit is 1,000\)"
    ):
        read_file(path)


def test_docx_with_an_oversized_xml_part_is_refused(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(docx_reader, "MAX_XML_PART", 2**20)
    path = _plain_docx(tmp_path / "xml-lon.docx")
    _add_member(path, "word/extra.xml", os.urandom(2**20 + 10).hex().encode()[: 2**20 + 10])
    with pytest.raises(
        UnreadableFileError, match=r"^xml-lon\.docx: refused: part word/extra\.xml is more than 1 MB"
    ):
        read_file(path)
