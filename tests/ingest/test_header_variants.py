"""Header variants: urgency marks between header and body, MTTQ and UBND headers, laws' first lines."""

from __future__ import annotations

from pathlib import Path

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from chidao.core.model import RawText
from ingest.parser import parse_document
from ingest.reader import read_file

HEADER = (
    "TỈNH ỦY HẢI LÂM                    ĐẢNG CỘNG SẢN VIỆT NAM\n"
    "        *\n"
    "Số 120-CV/TU                  Hải Lâm, ngày 05 tháng 3 năm 2024\n"
    "V/v phòng, chống bão số 3\n"
)
BODY = (
    "\nKính gửi: Các huyện ủy, thị ủy, thành ủy\n\n"
    "Thực hiện chỉ đạo của Ban Bí thư, Ban Thường vụ Tỉnh ủy yêu cầu:\n\n"
    "1. Các huyện ủy chỉ đạo sơ tán dân trước ngày 10/3/2024.\n"
)
DISPATCH = (
    "Công văn",
    "120-CV/TU",
    "2024-03-05",
    "Tỉnh ủy Hải Lâm",
    "phòng, chống bão số 3",
    ("Các huyện ủy, thị ủy, thành ủy",),
)


def _fields(text: str) -> tuple:
    m = parse_document(RawText(text=text)).metadata
    return m.doc_type, m.number, m.date, m.issuer, m.title, m.recipients


@pytest.mark.parametrize(
    "text",
    [
        "HỎA TỐC\n\n" + HEADER + BODY,
        HEADER + "\nHỎA TỐC\n" + BODY,
        HEADER + "KHẨN\n" + BODY,
        HEADER + "\nTHƯỢNG KHẨN\n\nMẬT\n" + BODY,
    ],
    ids=["above", "after-blank", "in-column", "two-marks"],
)
def test_urgency_mark_anywhere_near_the_header_keeps_every_field(text: str):
    assert _fields(text) == DISPATCH


def test_urgency_mark_in_a_typed_pdf_keeps_the_date(tmp_path: Path):
    font = Path("/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf")
    if not font.exists():
        pytest.skip("DejaVu fonts (fonts-dejavu-core) missing")
    if "DejaVuSerif" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("DejaVuSerif", str(font)))
    path = tmp_path / "cong-van-hoa-toc.pdf"
    c = Canvas(str(path), pagesize=A4)
    c.setFont("DejaVuSerif", 11)
    top = A4[1] - 60
    rows = [
        ("TỈNH ỦY HẢI LÂM", "ĐẢNG CỘNG SẢN VIỆT NAM"),
        ("*", ""),
        ("Số 120-CV/TU", "Hải Lâm, ngày 05 tháng 3 năm 2024"),
        ("V/v phòng, chống bão số 3", ""),
    ]
    for i, (left, right) in enumerate(rows):
        c.drawCentredString(140, top - 15 * i, left)
        c.drawCentredString(400, top - 15 * i, right)
    c.drawString(70, top - 85, "HỎA TỐC")
    for i, line in enumerate(BODY.strip().split("\n\n")):
        c.drawString(70, top - 120 - 25 * i, line)
    c.showPage()
    c.save()
    m = parse_document(read_file(path, ocr=False)).metadata
    assert (m.doc_type, m.number, m.date, m.issuer, m.title, m.recipients) == DISPATCH


def test_mttq_header_gives_the_front_as_issuer():
    text = (
        "ỦY BAN MẶT TRẬN TỔ QUỐC VIỆT NAM       CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "        TỈNH HẢI LÂM                 Độc lập - Tự do - Hạnh phúc\n"
        "Số: 45/KH-MTTQ-BTT            Hải Lâm, ngày 20 tháng 5 năm 2024\n\n"
        "KẾ HOẠCH\ntổ chức Ngày hội Đại đoàn kết toàn dân tộc năm 2024\n" + BODY
    )
    assert _fields(text) == (
        "Kế hoạch",
        "45/KH-MTTQ-BTT",
        "2024-05-20",
        "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Hải Lâm",
        "tổ chức Ngày hội Đại đoàn kết toàn dân tộc năm 2024",
        ("Các huyện ủy, thị ủy, thành ủy",),
    )


def test_national_assembly_header_gives_law_number_and_kind():
    text = (
        "QUỐC HỘI                    CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "                 Độc lập - Tự do - Hạnh phúc\n"
        "Luật số: 05/2022/QH15\n\n"
        "LUẬT\nĐIỆN ẢNH\n\n"
        "Điều 1. Phạm vi điều chỉnh\n\nLuật này quy định về hoạt động điện ảnh.\n"
    )
    m = parse_document(RawText(text=text)).metadata
    assert (m.doc_type, m.number, m.title) == ("Luật", "05/2022/QH15", "ĐIỆN ẢNH")


@pytest.mark.parametrize(
    "first, expected",
    [
        ("Bộ luật Dân sự (số 91/2015/QH13)", ("Bộ luật", "91/2015/QH13", "Quốc hội", "Dân sự")),
        (
            "Luật Phòng, chống ma túy (số 73/2021/QH14)",
            ("Luật", "73/2021/QH14", "Quốc hội", "Phòng, chống ma túy"),
        ),
        (
            "Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam năm 2013",
            ("Hiến pháp", "", "", "nước Cộng hòa xã hội chủ nghĩa Việt Nam năm 2013"),
        ),
    ],
)
def test_law_named_on_its_first_line(first: str, expected: tuple):
    text = f"{first}\n\nĐiều 1. Phạm vi điều chỉnh\n\nLuật này quy định về việc áp dụng.\n"
    doc = parse_document(RawText(text=text))
    m = doc.metadata
    assert (m.doc_type, m.number, m.issuer, m.title) == expected
    assert [(u.kind, u.text) for u in doc.units[:2]] == [
        ("title", first),
        ("article", "Điều 1. Phạm vi điều chỉnh"),
    ]


EVAL_LAWS = Path("/work/shared/eval-laws/corpus")


@pytest.mark.skipif(not EVAL_LAWS.exists(), reason="eval-laws corpus not present")
def test_every_law_of_the_eval_set_gets_kind_number_and_title():
    missing = []
    for path in sorted(EVAL_LAWS.iterdir()):
        head = path.read_text(encoding="utf-8")[:5000]  # the first lines name the law
        m = parse_document(RawText(text=head)).metadata
        if not (m.doc_type and m.title and (m.number or m.doc_type == "Hiến pháp")):
            missing.append(path.name)
    assert missing == []


def test_issuer_wrapped_before_its_level_word_is_named_whole():
    """ "ĐẢNG ỦY ỦY BAN NHÂN DÂN TỈNH" wrapped in its header cell leaves "TỈNH" alone on a line:
    the level word names no body, it ends the line above."""
    text = (
        "ĐẢNG BỘ TỈNH HẢI LÂM               ĐẢNG CỘNG SẢN VIỆT NAM\n"
        "ĐẢNG ỦY ỦY BAN NHÂN DÂN\n"
        "        TỈNH\n"
        "          *                     Hải Lâm, ngày 22 tháng 12 năm 2024\n"
        "Số 12-CTr/ĐU\n\n"
        "CHƯƠNG TRÌNH HÀNH ĐỘNG\nthực hiện Nghị quyết số 05-NQ/TU\n" + BODY
    )
    assert _fields(text)[3] == "Đảng ủy Ủy ban nhân dân tỉnh"
