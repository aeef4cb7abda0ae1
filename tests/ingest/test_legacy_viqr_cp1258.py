"""VIQR ("Vie^.t Nam") and Windows-1258 text in TXT, DOCX and PDF text layers: read back as the
Unicode original (NFC); English text is not taken for VIQR.

Samples are encoded here by encoders written for the test from the standards (RFC 1456 for VIQR,
Python's cp1258 codec for Windows-1258), independent of the reader's decoders.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

import docx
import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from ingest import legacy
from ingest.reader import read_file

TEXT = (
    "Ban Thường vụ Tỉnh ủy yêu cầu các cấp ủy, tổ chức đảng lãnh đạo phát triển kinh tế, "
    "bảo đảm quốc phòng, an ninh; Đảng bộ tỉnh Hải Lâm tổ chức học tập nghị quyết trước ngày 30/6/2024."
)
SECOND = "Các đồng chí Bí thư huyện ủy chịu trách nhiệm trước Ban Thường vụ về việc này."
FONT_FILE = Path("/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf")
_VIQR_MARKS = {"\u0302": "^", "\u0306": "(", "\u031b": "+"}
_VIQR_TONES = {"\u0301": "'", "\u0300": "`", "\u0309": "?", "\u0303": "~", "\u0323": "."}
_TONES = "".join(_VIQR_TONES)


def viqr(text: str) -> str:
    """RFC 1456: each mark after its letter, tone last, "dd" for đ; a mark character that follows a
    letter literally is escaped with a backslash."""
    out = []
    for char in text:
        if char in "đĐ":
            out.append("dd" if char == "đ" else "DD")
            continue
        parts = unicodedata.normalize("NFD", char)
        if char in "^(+'`?~." and out and out[-1][-1:].isalpha():
            out.append("\\" + char)
            continue
        mods = "".join(_VIQR_MARKS[c] for c in parts[1:] if c in _VIQR_MARKS)
        tone = "".join(_VIQR_TONES[c] for c in parts[1:] if c in _VIQR_TONES)
        out.append(parts[0] + mods + tone)
    return "".join(out)


def cp1258(text: str, *, precomposed: bool = True) -> bytes:
    """Windows-1258 bytes: a letter the code page holds as one byte, else its base letter (with
    circumflex, breve or horn) and the tone as a combining byte after it."""
    out = b""
    for char in text:
        if precomposed:
            try:
                out += char.encode("cp1258")
                continue
            except UnicodeEncodeError:
                pass
        parts = unicodedata.normalize("NFD", char)
        base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in _TONES))
        out += base.encode("cp1258") + "".join(c for c in parts if c in _TONES).encode("cp1258")
    return out


VIQR_SAMPLES = [
    ("Vie^.t Nam", "Việt Nam"),
    ("ddu+o+`ng", "đường"),
    ("DDa?ng Co^.ng sa?n Vie^.t Nam", "Đảng Cộng sản Việt Nam"),
    ("Tha`nh pho^' Ho^` Chi' Minh, Ba('c Ninh, DDa` Na(~ng", "Thành phố Hồ Chí Minh, Bắc Ninh, Đà Nẵng"),
    ("Nguye^~n Thi. Ha` ho.p ta.i 'Ha` No^.i' nga`y 5.", "Nguyễn Thị Hà họp tại 'Hà Nội' ngày 5."),
    ("Ai ddi\\? Ca'c ba.n ddi\\. Xong", "Ai đi? Các bạn đi. Xong"),  # escaped: punctuation
    ("Ca'c ba.n co' kho?e kho^ng?\nCo' ddi.", "Các bạn có khỏe không?\nCó đi."),  # at a line end too
]


@pytest.mark.parametrize("encoded, unicode", VIQR_SAMPLES)
def test_viqr_samples_read_back_identical(encoded: str, unicode: str):
    assert legacy.decode_as(encoded, "VIQR") == unicode


def test_viqr_encoder_and_reader_agree_on_a_paragraph():
    encoded = viqr(f"{TEXT} {SECOND}")
    assert "Thu+o+`ng vu. Ti?nh u?y" in encoded and "dda?ng" in encoded
    assert legacy.detect(encoded) == "VIQR"
    assert legacy.decode_as(encoded, "VIQR") == f"{TEXT} {SECOND}"


VIQR_WARNING = "text converted from the legacy VIQR encoding to Unicode; check it against the original"
CP1258_WARNING = (
    "text converted from the legacy Windows-1258 encoding to Unicode; check it against the original"
)


def _docx(path: Path, lines: list[str]) -> Path:
    document = docx.Document()
    for line in lines:
        document.add_paragraph().add_run(line)
    document.save(str(path))
    return path


def _pdf(path: Path, lines: list[str]) -> Path:
    if not FONT_FILE.exists():
        pytest.skip("DejaVu fonts (fonts-dejavu-core) missing")
    if "DejaVuSerif" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("DejaVuSerif", str(FONT_FILE)))
    c = Canvas(str(path), pagesize=A4)
    c.setFont("DejaVuSerif", 10)
    for i, line in enumerate(lines):
        c.drawString(50, 780 - 40 * i, line)  # one paragraph per line, a blank line apart
    c.showPage()
    c.save()
    return path


SHORT = ["Phát triển kinh tế, bảo đảm quốc phòng và an ninh.", "Đảng bộ tỉnh Hải Lâm lãnh đạo các cấp ủy."]


@pytest.mark.parametrize("suffix", ["txt", "docx", "pdf"])
def test_viqr_in_txt_docx_and_pdf_reads_as_unicode(tmp_path: Path, suffix: str):
    lines = [viqr(x) for x in SHORT]
    path = tmp_path / f"thong-bao.{suffix}"
    if suffix == "txt":
        path.write_text("\n\n".join(lines) + "\n", encoding="ascii")
    elif suffix == "docx":
        _docx(path, lines)
    else:
        _pdf(path, lines)
    raw = read_file(path, ocr=False)
    assert (raw.text.strip(), raw.warnings) == ("\n\n".join(SHORT), (VIQR_WARNING,))


@pytest.mark.parametrize("precomposed", [True, False], ids=["precomposed", "combining"])
def test_windows_1258_txt_reads_back_as_nfc_unicode(tmp_path: Path, precomposed: bool):
    path = tmp_path / "cong-van-1258.txt"
    path.write_bytes(
        cp1258(TEXT, precomposed=precomposed) + b"\r\n\r\n" + cp1258(SECOND, precomposed=precomposed)
    )
    raw = read_file(path)
    assert raw.text == f"{TEXT}\n\n{SECOND}"
    assert raw.warnings == (CP1258_WARNING,)


@pytest.mark.parametrize("suffix", ["txt", "docx", "pdf"])
def test_windows_1258_seen_as_windows_1252_characters_reads_as_unicode(tmp_path: Path, suffix: str):
    """A Windows-1258 font's text as another program shows it ("Viêòt Nam"), saved as UTF-8, in a
    DOCX run or in a PDF's text layer."""
    lines = [cp1258(x).decode("cp1252") for x in SHORT]
    assert lines[1].startswith("ÐaÒng") and "ðaòo" in lines[1]  # "Đảng", "đạo": tones as bytes of their own
    path = tmp_path / f"ban-sao.{suffix}"
    if suffix == "txt":
        path.write_text("\n\n".join(lines) + "\n", encoding="utf-8")
    elif suffix == "docx":
        _docx(path, lines)
    else:
        _pdf(path, lines)
    raw = read_file(path, ocr=False)
    assert (raw.text.strip(), raw.warnings) == ("\n\n".join(SHORT), (CP1258_WARNING,))


ENGLISH = [
    "Mr. O'Brien, you're right? I'll go. We've seen the e.g. cases; don't they'd say so?",
    "The committee's report (see section 2.a) asks: who's responsible? She'd rather not say.",
    "Formula (a+b)^2 = a^2 + 2ab + b^2, the C++ code in A(1), and 'quoted' words, e.g. 'idea'.",
    "Is it a go? Do you agree? I do. He'll see. You'd know. Ok.",
]


@pytest.mark.parametrize("text", ENGLISH)
def test_english_is_not_taken_for_viqr(text: str):
    assert legacy.detect(text) is None
    assert legacy.detect("\n".join(ENGLISH)) is None


def test_english_txt_reads_unchanged(tmp_path: Path):
    path = tmp_path / "english.txt"
    path.write_text("\n\n".join(ENGLISH) + "\n", encoding="utf-8")
    raw = read_file(path)
    assert (raw.text.strip(), raw.warnings) == ("\n\n".join(ENGLISH), ())


def test_unicode_vietnamese_is_not_taken_for_windows_1258_or_viqr():
    assert legacy.detect(TEXT) is None
    assert legacy.detect(f"{TEXT} (ghi chú: 'xem mục 2.a') ?") is None
