"""Scanned PDFs: OCR with tesseract when it is there, a ScanWithoutTextError with the fix when not."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from PIL import Image, ImageDraw, ImageFont
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from chidao.core.errors import ScanWithoutTextError
from ingest.ocr import ocr_available
from ingest.reader import read_file

FONT_FILE = Path("/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf")
# Two short paragraphs, the second wrapped over two lines as a scanner would see it.
SCANNED_LINES = [
    "Ban Thường vụ Tỉnh đoàn tổ chức",
    "ra quân tình nguyện.",
    "",
    "Nhân dân phát huy quyền làm chủ",
    "ở khu dân cư.",
]

pytestmark = pytest.mark.skipif(not FONT_FILE.exists(), reason="DejaVu fonts (fonts-dejavu-core) missing")


@pytest.fixture(scope="module")
def scan_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An A4 PDF whose only content is a 300 dpi image of Vietnamese text: no text layer at all."""
    folder = tmp_path_factory.mktemp("scan")
    image = Image.new("L", (2480, 3508), 255)
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(str(FONT_FILE), 64)
    for i, line in enumerate(SCANNED_LINES):
        draw.text((240, 300 + i * 110), line, font=font, fill=0)
    png = folder / "page.png"
    image.save(png)
    path = folder / "ban-scan.pdf"
    pdf = canvas.Canvas(str(path), pagesize=A4)
    pdf.drawImage(str(png), 0, 0, width=A4[0], height=A4[1])
    pdf.showPage()
    pdf.save()
    return path


@pytest.mark.slow
@pytest.mark.skipif(not ocr_available(), reason="tesseract with Vietnamese data not installed")
def test_scanned_pdf_is_read_by_ocr_with_warning(scan_pdf: Path, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="ingest.ocr"):
        raw = read_file(scan_pdf)
    assert raw.text == (
        "Ban Thường vụ Tỉnh đoàn tổ chức ra quân tình nguyện.\n\n"
        "Nhân dân phát huy quyền làm chủ ở khu dân cư."
    )
    assert (raw.ocr, raw.format, raw.page_starts) == (True, "pdf", (0,))
    assert raw.warnings == ("text came from OCR (scanned PDF); check names and numbers against the original",)
    assert "ban-scan.pdf: text came from OCR" in caplog.text


def test_scanned_pdf_with_ocr_off_is_refused_with_fix(scan_pdf: Path) -> None:
    with pytest.raises(
        ScanWithoutTextError,
        match=r"^ban-scan\.pdf: no text layer \(scanned PDF\) and OCR is turned off\. "
        r"Ingest it with OCR on \(needs tesseract-ocr and tesseract-ocr-vie\)",
    ):
        read_file(scan_pdf, ocr=False)


def test_scanned_pdf_without_tesseract_is_refused_with_install_hint(
    scan_pdf: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A PATH without tesseract on it: the machine as a user without the package has it.
    monkeypatch.setenv("PATH", str(tmp_path))
    ocr_available.cache_clear()
    try:
        with pytest.raises(
            ScanWithoutTextError,
            match=r"^ban-scan\.pdf: no text layer \(scanned PDF\) and OCR is not available\. "
            r"Install tesseract-ocr and tesseract-ocr-vie \(sudo apt-get install tesseract-ocr "
            r"tesseract-ocr-vie\), or ingest a PDF with text\.$",
        ):
            read_file(scan_pdf)
    finally:
        ocr_available.cache_clear()


@pytest.fixture(scope="module")
def mixed_pdf(scan_pdf: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Page 1 has a text layer, page 2 is the scanned image."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    if "DejaVuSerif" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("DejaVuSerif", str(FONT_FILE)))
    path = tmp_path_factory.mktemp("mixed") / "nua-scan.pdf"
    pdf = canvas.Canvas(str(path), pagesize=A4)
    pdf.setFont("DejaVuSerif", 13)
    pdf.drawString(72, A4[1] - 100, "Trang đầu có lớp chữ thật của văn bản.")
    pdf.showPage()
    pdf.drawImage(str(scan_pdf.parent / "page.png"), 0, 0, width=A4[0], height=A4[1])
    pdf.showPage()
    pdf.save()
    return path


@pytest.mark.slow
@pytest.mark.skipif(not ocr_available(), reason="tesseract with Vietnamese data not installed")
def test_page_without_text_layer_in_text_pdf_is_ocr_d(mixed_pdf: Path) -> None:
    raw = read_file(mixed_pdf)
    first = "Trang đầu có lớp chữ thật của văn bản."
    assert raw.text == (
        f"{first}\n\nBan Thường vụ Tỉnh đoàn tổ chức ra quân tình nguyện.\n\n"
        "Nhân dân phát huy quyền làm chủ ở khu dân cư."
    )
    assert (raw.ocr, raw.page_starts) == (True, (0, len(first) + 2))
    assert raw.warnings == ("text of page(s) 2 came from OCR; check it against the original",)


def test_page_without_text_layer_and_ocr_off_is_reported_missing(mixed_pdf: Path) -> None:
    raw = read_file(mixed_pdf, ocr=False)
    assert (raw.text, raw.ocr) == ("Trang đầu có lớp chữ thật của văn bản.", False)
    assert raw.warnings == ("page(s) 2 have no text layer and were not OCR'd; their text is missing",)


@pytest.mark.slow
@pytest.mark.skipif(not ocr_available(), reason="tesseract with Vietnamese data not installed")
def test_ocr_of_a_text_pdf_page_is_told_after_its_text_pages(mixed_pdf: Path) -> None:
    told: list[tuple[int, int, str]] = []
    read_file(mixed_pdf, pages_done=lambda done, total, stage: told.append((done, total, stage)))
    assert told == [(1, 2, "text"), (2, 2, "text"), (1, 1, "ocr")]
