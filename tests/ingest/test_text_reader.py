"""TXT/MD reading and the checks every file goes through: encodings, NFC, empty, junk, size, type."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from chidao.core.errors import UnreadableFileError
from chidao.core.model import RawText
from ingest.normalize import join_broken_paragraphs
from ingest.reader import read_file

DATA = Path(__file__).resolve().parents[1] / "data"
SAMPLE = DATA / "thong-bao-ngan.txt"
SAMPLE_NFD = DATA / "thong-bao-ngan-nfd.txt"
# The sample as the reader must give it: item 2, split by a blank line after "tạo", is one paragraph.
EXPECTED = (
    "TỈNH ỦY HẢI LÂM\n"
    "Số 9-TB/TU\n\n"
    "THÔNG BÁO\n"
    "về việc tổ chức Ngày hội Đại đoàn kết ở khu dân cư\n\n"
    "1. Ban Thường vụ Tỉnh đoàn chỉ đạo đoàn viên, thanh niên tham gia dọn vệ sinh khu dân cư trước "
    "ngày 15/11/2024.\n\n"
    "2. Ủy ban Mặt trận Tổ quốc các huyện phối hợp với chính quyền tổ chức Ngày hội, bảo đảm tiết kiệm, "
    "tạo điều kiện để Nhân dân phát huy quyền làm chủ.\n\n"
    "Nơi nhận:\n"
    "- Như trên,\n"
    "- Lưu Văn phòng Tỉnh ủy."
)


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_utf8_text_is_read_and_paragraph_split_by_blank_line_is_joined() -> None:
    assert read_file(SAMPLE) == RawText(text=EXPECTED, page_starts=(0,), format="txt")


def test_nfd_file_reads_identical_to_nfc_file() -> None:
    assert SAMPLE_NFD.read_bytes() != SAMPLE.read_bytes()
    assert read_file(SAMPLE_NFD) == read_file(SAMPLE)


def test_utf8_bom_and_crlf_are_removed(tmp_path: Path) -> None:
    data = codecs.BOM_UTF8 + SAMPLE.read_bytes().replace(b"\n", b"\r\n")
    assert read_file(_write(tmp_path, "bom.txt", data)).text == EXPECTED


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_with_and_without_bom(tmp_path: Path, encoding: str) -> None:
    data = SAMPLE.read_text(encoding="utf-8").encode(encoding)
    assert read_file(_write(tmp_path, f"{encoding}.txt", data)).text == EXPECTED


def test_markdown_keeps_its_block_markup_and_drops_emphasis(tmp_path: Path) -> None:
    path = _write(tmp_path, "bai.md", "# Bài phát biểu\n\n**Đồng chí** Bí thư phát biểu.\n".encode())
    assert read_file(path) == RawText(
        text="# Bài phát biểu\n\nĐồng chí Bí thư phát biểu.", page_starts=(0,), format="md"
    )


def test_form_feed_marks_a_page_break(tmp_path: Path) -> None:
    path = _write(tmp_path, "trang.txt", "Trang một có chữ.\n\fTrang hai có chữ.\n".encode())
    raw = read_file(path)
    assert (raw.text, raw.page_starts) == ("Trang một có chữ.\nTrang hai có chữ.", (0, 18))


def test_page_break_inside_sentence_joins_with_page_start_inside(tmp_path: Path) -> None:
    path = _write(tmp_path, "ngat.txt", "tạo\n\n\fđiều kiện cho dân.\n".encode())
    raw = read_file(path)
    assert (raw.text, raw.page_starts) == ("tạo điều kiện cho dân.", (0, 4))


def test_join_keeps_items_headings_and_finished_sentences_apart() -> None:
    text = "1. Quan điểm\n\na) Công tác dân vận.\n\nKHÓA XVIII\n\nvề tăng cường\n\nHết câu.\n\nmới"
    assert join_broken_paragraphs(text) == text


@pytest.mark.parametrize(
    ("encoding", "offset"),
    [("cp1258", 1), ("latin-1", 1)],
)
def test_legacy_encoding_is_refused_with_offset_and_fix(tmp_path: Path, encoding: str, offset: int) -> None:
    path = _write(tmp_path, "bao-cao.txt", "Báo cáo".encode(encoding, errors="replace"))
    with pytest.raises(
        UnreadableFileError,
        match=rf"^bao-cao\.txt: not UTF-8/UTF-16 \(bad byte at offset {offset}\)\. "
        r"Save it as UTF-8 and ingest it again\.$",
    ):
        read_file(path)


def test_bad_byte_offset_counts_from_file_start_after_bom(tmp_path: Path) -> None:
    path = _write(tmp_path, "bom-hong.txt", codecs.BOM_UTF8 + b"abc\xff")
    with pytest.raises(UnreadableFileError, match=r"^bom-hong\.txt: .*bad byte at offset 6\)"):
        read_file(path)


def test_empty_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(UnreadableFileError, match=r"^rong\.txt: empty file \(0 bytes\)\. Check that"):
        read_file(_write(tmp_path, "rong.txt", b""))


def test_whitespace_only_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(UnreadableFileError, match=r"^trang\.md: no text in the file .*export it again"):
        read_file(_write(tmp_path, "trang.md", b" \n\t\r\n  \n"))


def test_binary_junk_with_nul_bytes_is_refused(tmp_path: Path) -> None:
    junk = bytes(range(256)) * 4
    with pytest.raises(
        UnreadableFileError,
        match=r"^rac\.txt: binary data, not text \(NUL byte at offset 0\)\. Ingest the original",
    ):
        read_file(_write(tmp_path, "rac.txt", junk))


def test_valid_utf8_with_control_characters_is_refused(tmp_path: Path) -> None:
    with pytest.raises(
        UnreadableFileError,
        match=r"^rac2\.txt: binary data, not text \(control character U\+0003 at character 2\)",
    ):
        read_file(_write(tmp_path, "rac2.txt", b"PK\x03\x04\x01\x02 abc"))


def test_too_large_file_states_size_and_limit(tmp_path: Path) -> None:
    path = _write(tmp_path, "lon.txt", "Văn bản dài. ".encode() * 200)
    with pytest.raises(
        UnreadableFileError,
        match=r"^lon\.txt: too large \(3\.3 KB; the limit is 1\.0 KB\)\. Split the file .* raise the limit",
    ):
        read_file(path, max_bytes=1024)


def test_missing_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(UnreadableFileError, match=r"^khong-co\.txt: file not found\. Check the path"):
        read_file(tmp_path / "khong-co.txt")


@pytest.mark.parametrize(
    ("name", "hint"),
    [("cu.doc", r"save it as \.docx"), ("anh.png", r"Convert it to one of these")],
)
def test_unsupported_type_names_supported_ones(tmp_path: Path, name: str, hint: str) -> None:
    path = _write(tmp_path, name, b"data")
    with pytest.raises(
        UnreadableFileError, match=rf"^{name}: unsupported .*\.txt, \.md, \.pdf, \.docx\)\. .*{hint}"
    ):
        read_file(path)
