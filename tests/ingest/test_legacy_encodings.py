"""TCVN3 (.VnTime) and VNI text in TXT, DOCX and PDF text layers: converted back to the Unicode original.

TCVN3 samples are encoded by glibc's iconv ("TCVN5712-1", whose lower half is TCVN3), a converter
independent of ours; VNI samples are taken from the published VNI-Windows tables.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import docx
import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from chidao.core.errors import UnreadableFileError
from ingest import legacy
from ingest.parser import parse_document
from ingest.reader import read_file

# Mixed-case text with no capital carrying a tone (TCVN3 has no code for one, see below).
TEXT = (
    "Ban Thường vụ Tỉnh ủy yêu cầu các cấp ủy, tổ chức đảng lãnh đạo phát triển kinh tế, "
    "bảo đảm quốc phòng, an ninh; Đảng bộ tỉnh Hải Lâm tổ chức học tập nghị quyết trước ngày 30/6/2024."
)
CAPITALS = "TỈNH ỦY HẢI LÂM"
TCVN3_WARNING = "text converted from the legacy TCVN3 encoding to Unicode; check it against the original"
needs_iconv = pytest.mark.skipif(shutil.which("iconv") is None, reason="glibc iconv not installed")


def tcvn3_bytes(text: str) -> bytes:
    """The bytes a .VnTime font's user typed for the text (iconv as the reference encoder)."""
    done = subprocess.run(
        ["iconv", "-f", "UTF-8", "-t", "TCVN5712-1"], input=text.encode(), capture_output=True, check=True
    )
    return done.stdout


def tcvn3_capitals(text: str) -> str:
    """Capitals as typed with .VnTimeH: the lower-case codes, ASCII letters in capitals."""
    lower = tcvn3_bytes(text.lower()).decode("latin-1")
    return re.sub(r"[a-z]", lambda m: m.group().upper(), lower)


@needs_iconv
def test_tcvn3_txt_saved_byte_for_byte_reads_as_unicode(tmp_path: Path):
    path = tmp_path / "cong-van-cu.txt"
    path.write_bytes(tcvn3_bytes(TEXT) + b"\r\n\r\n" + tcvn3_capitals(CAPITALS).encode("latin-1"))
    raw = read_file(path)
    assert raw.text == f"{TEXT}\n\n{CAPITALS}"
    assert raw.warnings == (TCVN3_WARNING,)


@needs_iconv
def test_tcvn3_characters_saved_as_utf8_read_as_unicode(tmp_path: Path):
    path = tmp_path / "ban-sao.txt"
    path.write_text(tcvn3_bytes(TEXT).decode("latin-1"), encoding="utf-8")  # "ph¸t triÓn" as UTF-8
    assert (read_file(path).text, read_file(path).warnings) == (TEXT, (TCVN3_WARNING,))


@needs_iconv
def test_tcvn3_docx_runs_read_as_unicode(tmp_path: Path):
    document = docx.Document()
    for line in (tcvn3_capitals(CAPITALS), tcvn3_bytes(TEXT).decode("latin-1")):
        run = document.add_paragraph().add_run(line)
        run.font.name = ".VnTime"
    path = tmp_path / "ke-hoach-cu.docx"
    document.save(str(path))
    raw = read_file(path)
    assert (raw.text, raw.warnings) == (f"{CAPITALS}\n\n{TEXT}", (TCVN3_WARNING,))


@needs_iconv
def test_tcvn3_pdf_text_layer_reads_as_unicode(tmp_path: Path):
    font = Path("/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf")
    if not font.exists():
        pytest.skip("DejaVu fonts (fonts-dejavu-core) missing")
    if "DejaVuSerif" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("DejaVuSerif", str(font)))
    path = tmp_path / "nghi-quyet-cu.pdf"
    c = Canvas(str(path), pagesize=A4)
    c.setFont("DejaVuSerif", 11)
    # What a .VnTime PDF's text layer holds: the Windows-1252 characters of the TCVN3 codes.
    c.drawString(70, 780, tcvn3_bytes("Phát triển kinh tế, bảo đảm quốc phòng.").decode("latin-1"))
    c.drawString(70, 740, tcvn3_bytes("Đảng bộ tỉnh Hải Lâm lãnh đạo các cấp ủy.").decode("latin-1"))
    c.showPage()
    c.save()
    raw = read_file(path, ocr=False)
    assert raw.text == "Phát triển kinh tế, bảo đảm quốc phòng.\n\nĐảng bộ tỉnh Hải Lâm lãnh đạo các cấp ủy."
    assert raw.warnings == (TCVN3_WARNING,)


# (VNI as a VNI-Times user typed it, Unicode). The first from the vietnamese-conversion README; the
# capitals row by row from the VNI-Windows table of the xvnkb keyboard driver.
VNI_SAMPLES = [
    ("Xin chaøo caùc baïn", "Xin chào các bạn"),
    ("AÙ AØ AÛ AÕ AÏ AÂ AÁ AÀ AÅ AÃ AÄ AÊ AÉ AÈ AÚ AÜ AË", "Á À Ả Ã Ạ Â Ấ Ầ Ẩ Ẫ Ậ Ă Ắ Ằ Ẳ Ẵ Ặ"),
    ("EÙ EØ EÛ EÕ EÏ EÂ EÁ EÀ EÅ EÃ EÄ", "É È Ẻ Ẽ Ẹ Ê Ế Ề Ể Ễ Ệ"),
    ("Ô ÔÙ ÔØ ÔÛ ÔÕ ÔÏ Ö ÖÙ ÖØ ÖÛ ÖÕ ÖÏ", "Ơ Ớ Ờ Ở Ỡ Ợ Ư Ứ Ừ Ử Ữ Ự"),
    ("Í Ì Æ Ó Ò YÙ YØ YÛ YÕ Î Ñ", "Í Ì Ỉ Ĩ Ị Ý Ỳ Ỷ Ỹ Ỵ Đ"),
    (
        "Ban Thöôøng vuï Tænh uûy yeâu caàu caùc caáp uûy, toå chöùc ñaûng thöïc hieän nghieâm",
        "Ban Thường vụ Tỉnh ủy yêu cầu các cấp ủy, tổ chức đảng thực hiện nghiêm",
    ),
]


@pytest.mark.parametrize("vni, unicode", VNI_SAMPLES)
def test_vni_samples_read_back_identical(vni: str, unicode: str):
    assert legacy.decode_as(vni, "VNI") == unicode


def test_vni_txt_saved_byte_for_byte_reads_as_unicode(tmp_path: Path):
    path = tmp_path / "thong-bao-vni.txt"
    path.write_bytes(VNI_SAMPLES[-1][0].encode("cp1252") + b".\r\n")
    raw = read_file(path)
    assert raw.text == VNI_SAMPLES[-1][1] + "."
    assert raw.warnings == (
        "text converted from the legacy VNI encoding to Unicode; check it against the original",
    )


def test_vni_is_not_taken_for_tcvn3_nor_unicode_for_either():
    assert legacy.detect(VNI_SAMPLES[-1][0]) == "VNI"
    assert legacy.detect(TEXT) is None  # real Unicode Vietnamese
    assert legacy.detect("Sản lượng café, crème brûlée và piñata") is None


def test_undetectable_bytes_are_still_refused_with_the_fix(tmp_path: Path):
    path = tmp_path / "la.txt"
    path.write_bytes("Grüße aus Köln".encode("cp1252"))  # not UTF-8 and not Vietnamese in any code page
    with pytest.raises(UnreadableFileError, match=r"^la\.txt: not UTF-8/UTF-16 \(bad byte at offset 2\)"):
        read_file(path)


def test_parsed_tcvn3_document_gets_its_metadata(tmp_path: Path):
    header = "TØNH ñY H¶I L¢M                ®¶NG CéNG S¶N VIÖT NAM\n"  # (.VnTimeH capitals)
    body = (
        "Sè 12-NQ/TU                 H¶i L©m, ngµy 28 th¸ng 3 n¨m 2022\n\nNGHÞ QUYÕT\nvÒ c«ng t¸c d©n vËn\n"
    )
    path = tmp_path / "nq.txt"
    path.write_bytes((header + body).encode("latin-1"))
    meta = parse_document(read_file(path)).metadata
    assert (meta.doc_type, meta.number, meta.date, meta.place, meta.title) == (
        "Nghị quyết",
        "12-NQ/TU",
        "2022-03-28",
        "Hải Lâm",
        "về công tác dân vận",
    )
