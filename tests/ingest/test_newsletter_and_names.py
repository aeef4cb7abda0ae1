"""A speech printed in a newsletter under the newsletter's banner, and signers' names of the Central
Highlands' peoples (an apostrophe or a hyphen inside a syllable), as bench/dev8 found them."""

from __future__ import annotations

import unicodedata

from chidao.core.model import ParsedDocument, RawText, Signer
from ingest.parser import parse_document


def parse(text: str) -> ParsedDocument:
    return parse_document(RawText(unicodedata.normalize("NFC", text)), "t")


BODY = """
Thưa các đồng chí! Hôm nay chúng ta cùng nghiên cứu Nghị quyết về vùng nguyên liệu cà phê.

Điều thứ nhất, không có một cây sầu riêng nào trồng trên đất rừng được cấp mã số.

Xin cảm ơn các đồng chí!
"""

# A two-column newsletter PDF reflowed: banner, headline and note become one line.
NEWSLETTER_JOINED = (
    "BẢN TIN THÔNG TIN NỘI BỘ - TỈNH ỦY HÒA SƠN - Số 24 (tháng 12/2025) Giữ rừng là giữ lấy thương hiệu"
    " nông sản (Bài phát biểu của đồng chí Ksor Y Thuận, Bí thư Tỉnh ủy, tại Hội nghị quán triệt Nghị"
    " quyết số 05-NQ/TU, ngày 18/12/2025 (đầu đề do Ban biên tập đặt))\n" + BODY
)

# The same page with its lines kept: banner alone, a headline in running case, the note wrapped.
NEWSLETTER_LINES = (
    """TẠP CHÍ SINH HOẠT CHI BỘ - ĐẢNG ỦY XÃ EA HIU - SỐ 5 - 2026

Cán bộ phải đi trước,
làng buôn mới theo sau
(Bài phát biểu của đồng chí H'Hen Niê, Phó Bí thư Đảng ủy xã, tại Hội nghị sơ kết,
ngày 09/01/2026)
"""
    + BODY
)


def test_a_speech_joined_to_a_newsletter_banner_gives_kind_speaker_and_date() -> None:
    doc = parse(NEWSLETTER_JOINED)
    md = doc.metadata
    assert (md.doc_type, md.date, md.number, md.issuer) == ("Bài phát biểu", "2025-12-18", "", "")
    assert md.signer == Signer("Ksor Y Thuận", "Bí thư Tỉnh ủy")
    # The banner is the publication, not the title's head.
    assert md.title.startswith("Giữ rừng là giữ lấy thương hiệu nông sản (Bài phát biểu")
    assert doc.units[0].kind == "title"


def test_a_newsletter_banner_on_its_own_line_is_not_the_issuer_and_its_issue_no_number() -> None:
    doc = parse(NEWSLETTER_LINES)
    md = doc.metadata
    assert (md.doc_type, md.date, md.number, md.issuer) == ("Bài phát biểu", "2026-01-09", "", "")
    assert md.signer == Signer("H'Hen Niê", "Phó Bí thư Đảng ủy xã")
    assert md.title.startswith("Cán bộ phải đi trước, làng buôn mới theo sau")
    assert [u.kind for u in doc.units[:2]] == ["header", "title"]


def test_a_running_text_paragraph_citing_a_speech_is_no_headline() -> None:
    text = (
        "Ngày 18/12/2025, Bí thư Tỉnh ủy dự Hội nghị (Bài phát biểu của đồng chí Ksor Y Thuận đăng"
        " trên Bản tin số 24) và chỉ đạo các xã.\n\nCác xã triển khai ngay.\n"
    )
    assert parse(text).metadata.doc_type == ""


# Signature beside "Nơi nhận" in a plain text, the name with an apostrophe (an Ê-đê name).
REPORT = """ĐẢNG BỘ TỈNH HÒA SƠN                 ĐẢNG CỘNG SẢN VIỆT NAM
ĐẢNG ỦY XÃ EA HIU
        *                            Ea Hiu, ngày 10 tháng 12 năm 2025
Số 46-BC/ĐU

BÁO CÁO
kết quả cấp mã số vùng trồng năm 2025

I. TÌNH HÌNH CHUNG
Xã có 14 thôn, buôn.

                                      T/M ĐẢNG ỦY
Nơi nhận:                             BÍ THƯ
- Ban Thường vụ Tỉnh ủy (b/c),         (đã ký)
- Đảng ủy UBND tỉnh (b/c),
- Lưu Văn phòng Đảng ủy.               {name}
"""


def test_a_signer_beside_the_distribution_list_with_an_apostrophe_in_the_name() -> None:
    for name in ("H'Bliêng Niê", "H’Hen Niê", "Y-Ngông Niê Kdăm", "Ksor Y Thuận"):
        md = parse(REPORT.format(name=name)).metadata
        assert md.signer == Signer(name, "Bí thư", "T/M Đảng ủy"), name
        assert md.cc[-1] == "Lưu Văn phòng Đảng ủy."


def test_a_signer_name_with_a_hyphen_under_a_role_alone() -> None:
    text = """ĐẢNG ỦY XÃ EA HIU                 ĐẢNG CỘNG SẢN VIỆT NAM
Số 12-TB/ĐU                      Ea Hiu, ngày 02 tháng 3 năm 2026

THÔNG BÁO
về lịch tiếp dân

Đảng ủy xã thông báo lịch tiếp dân tháng 3.

BÍ THƯ

Y-Ngông Niê Kdăm
"""
    assert parse(text).metadata.signer.name == "Y-Ngông Niê Kdăm"


def test_a_speaker_in_capitals_with_an_apostrophe_is_written_in_name_case() -> None:
    text = """PHÁT BIỂU CỦA ĐỒNG CHÍ H'BLIÊNG NIÊ, BÍ THƯ ĐẢNG ỦY XÃ TẠI HỘI NGHỊ SƠ KẾT NGÀY 09/01/2026

Thưa các đồng chí! Hôm nay chúng ta sơ kết một năm.
"""
    md = parse(text).metadata
    assert md.doc_type == "Bài phát biểu"
    assert md.signer.name == "H'Bliêng Niê"
