"""PDF reading on PDFs written by reportlab: page furniture, wrapped lines, page breaks, broken files."""

from __future__ import annotations

from pathlib import Path

import pypdf
import pytest
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Paragraph, SimpleDocTemplate

from chidao.core.errors import UnreadableFileError
from ingest.reader import read_file

FONT_FILE = Path("/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf")
RUNNING_HEADER = "Tỉnh ủy Hải Lâm — Công văn số 77-CV/TU ngày 05/3/2024"
TITLE = "CÔNG VĂN"
INTRO = (
    "Thực hiện Nghị quyết số 12-NQ/TU ngày 28/3/2022 của Ban Chấp hành Đảng bộ tỉnh, Ban Thường vụ "
    "Tỉnh ủy yêu cầu các cấp ủy, tổ chức đảng thực hiện tốt các nội dung sau:"
)
ITEM_1 = (
    "1. Ban Tuyên giáo Tỉnh ủy chủ trì hướng dẫn tuyên truyền kết quả thực hiện Nghị quyết trên báo, "
    "đài của tỉnh và trên mạng xã hội."
)
# Long enough to run over the page break, wherever reportlab puts it.
ITEM_2 = (
    "2. Ban Thường vụ Tỉnh đoàn "
    + " ".join(
        f"chỉ đạo cơ sở đoàn ở xã thứ {i} tổ chức ra quân dọn vệ sinh khu dân cư, trồng cây xanh và "
        f"thăm hỏi gia đình chính sách;"
        for i in range(1, 31)
    )
    + " báo cáo kết quả trước ngày 30/6/2024."
)
ITEM_3 = "3. Văn phòng Tỉnh ủy theo dõi, đôn đốc việc thực hiện Công văn này."

pytestmark = pytest.mark.skipif(not FONT_FILE.exists(), reason="DejaVu fonts (fonts-dejavu-core) missing")


def _styles() -> tuple[ParagraphStyle, ParagraphStyle]:
    if "DejaVuSerif" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("DejaVuSerif", str(FONT_FILE)))
    body = ParagraphStyle("body", fontName="DejaVuSerif", fontSize=13, leading=18, firstLineIndent=28)
    title = ParagraphStyle("title", parent=body, alignment=TA_CENTER, firstLineIndent=0, spaceAfter=12)
    return body, title


def _build_pdf(path: Path) -> Path:
    """Title and items in DejaVu Serif, with a running header and a "Trang N/M" footer on every page."""
    body, title = _styles()
    story = [Paragraph(TITLE, title)] + [Paragraph(t, body) for t in (INTRO, ITEM_1, ITEM_2, ITEM_3)]
    total = 0

    def furniture(canvas, doc) -> None:  # type: ignore[no-untyped-def]
        canvas.saveState()
        canvas.setFont("DejaVuSerif", 9)
        canvas.drawCentredString(A4[0] / 2, A4[1] - 40, RUNNING_HEADER)
        canvas.drawCentredString(A4[0] / 2, 30, f"Trang {doc.page}/{total}")
        canvas.restoreState()

    for _ in range(2):  # the first pass counts the pages for the footer
        doc = SimpleDocTemplate(str(path), pagesize=A4, topMargin=72, bottomMargin=72)
        doc.build(list(story), onFirstPage=furniture, onLaterPages=furniture)
        total = doc.page
    return path


@pytest.fixture(scope="module")
def sample_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = _build_pdf(tmp_path_factory.mktemp("pdf") / "cong-van-77.pdf")
    pages = [p.extract_text() for p in pypdf.PdfReader(path).pages]
    # Preconditions: the item really is split across pages and the furniture really is on each page.
    assert len(pages) == 2
    assert all(RUNNING_HEADER in p and f"Trang {i + 1}/2" in p for i, p in enumerate(pages))
    assert "2. Ban Thường vụ Tỉnh đoàn" in pages[0] and "báo cáo kết quả" in pages[1]
    return path


def test_pdf_text_is_paragraphs_without_page_furniture(sample_pdf: Path) -> None:
    raw = read_file(sample_pdf)
    assert raw.text == "\n\n".join([TITLE, INTRO, ITEM_1, ITEM_2, ITEM_3])
    assert (raw.format, raw.ocr, raw.warnings) == ("pdf", False, ())


def test_item_broken_by_page_break_stays_one_paragraph_with_page_start_inside(sample_pdf: Path) -> None:
    raw = read_file(sample_pdf)
    start = raw.text.index(ITEM_2)
    assert len(raw.page_starts) == 2 and raw.page_starts[0] == 0
    assert start < raw.page_starts[1] < start + len(ITEM_2)


def test_truncated_pdf_is_refused_with_fix(sample_pdf: Path, tmp_path: Path) -> None:
    data = sample_pdf.read_bytes()
    path = tmp_path / "cat-ngang.pdf"
    path.write_bytes(data[: len(data) // 3])
    with pytest.raises(
        UnreadableFileError,
        match=r"^cat-ngang\.pdf: damaged or truncated PDF \(.+\)\. "
        r"Export it again from the original and re-ingest\.$",
    ):
        read_file(path)


def test_junk_named_pdf_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "gia.pdf"
    path.write_bytes(b"this is not a PDF at all\n" * 10)
    with pytest.raises(UnreadableFileError, match=r"^gia\.pdf: damaged or truncated PDF .*Export it again"):
        read_file(path)


def test_password_protected_pdf_is_refused(sample_pdf: Path, tmp_path: Path) -> None:
    writer = pypdf.PdfWriter(clone_from=sample_pdf)
    writer.encrypt(user_password="mat-khau", owner_password="chu", algorithm="RC4-128")
    path = tmp_path / "khoa.pdf"
    with path.open("wb") as fh:
        writer.write(fh)
    with pytest.raises(UnreadableFileError, match=r"^khoa\.pdf: encrypted PDF .*Save an unprotected copy"):
        read_file(path)


def test_pdf_with_owner_password_only_is_read(sample_pdf: Path, tmp_path: Path) -> None:
    writer = pypdf.PdfWriter(clone_from=sample_pdf)
    writer.encrypt(user_password="", owner_password="chu", algorithm="RC4-128")
    path = tmp_path / "chi-chu.pdf"
    with path.open("wb") as fh:
        writer.write(fh)
    assert read_file(path).text == read_file(sample_pdf).text


def test_pdf_reading_is_told_page_by_page(sample_pdf: Path) -> None:
    told: list[tuple[int, int, str]] = []
    read_file(sample_pdf, pages_done=lambda done, total, stage: told.append((done, total, stage)))
    assert told == [(1, 2, "text"), (2, 2, "text")]
