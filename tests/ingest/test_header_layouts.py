"""Header and closing layouts other than the usual two-column header (issue 10, bench/dev4): number and
date printed under the title, a joint document of two bodies with two signers side by side, a
signature printed beside a "Nơi nhận" list that has an entry in capitals, and an item heading with
its paragraphs when no blank line parts them."""

from __future__ import annotations

import unicodedata
from pathlib import Path

from chidao.core.cite import document_phrase
from chidao.core.model import Document, ParsedDocument, RawText, Signer
from chidao.library import Library
from chidao.ui_format import filter_choices, signer_text
from ingest.parser import parse_document


def parse(text: str) -> ParsedDocument:
    return parse_document(RawText(unicodedata.normalize("NFC", text)), "t")


# --- 1. number and date on lines of their own, after the title ------------------------------------

NOTICE = """ĐẢNG CỘNG SẢN VIỆT NAM
TỈNH ỦY HẢI LÂM

THÔNG BÁO KẾT LUẬN
của Thường trực Tỉnh ủy về công tác phòng, chống thiên tai mùa mưa bão

Số: 88-TB/TU
Ngày 05 tháng 6 năm 2024

Ngày 03/6/2024, Thường trực Tỉnh ủy nghe Ban Chỉ huy phòng, chống thiên tai tỉnh báo cáo.

1. Các huyện ủy ven sông rà soát phương án sơ tán dân trước ngày 30/6/2024.
2. Văn phòng Tỉnh ủy theo dõi, đôn đốc thực hiện.

Nơi nhận:                                        T/L BAN THƯỜNG VỤ
- Các huyện ủy,                                  CHÁNH VĂN PHÒNG
- Lưu VPTU.
                                                 Trần Văn Quý
"""


def test_number_and_date_under_the_title_are_read_as_header_fields() -> None:
    doc = parse(NOTICE)
    md = doc.metadata
    assert (md.doc_type, md.number, md.date, md.issuer) == (
        "Thông báo",
        "88-TB/TU",
        "2024-06-05",
        "Tỉnh ủy Hải Lâm",
    )
    assert [u.kind for u in doc.units[:4]] == ["header", "title", "header", "preamble"]
    assert doc.units[2].text == "Số: 88-TB/TU\nNgày 05 tháng 6 năm 2024"
    # A body sentence opening with a date stays body text.
    assert doc.units[3].text.startswith("Ngày 03/6/2024, Thường trực Tỉnh ủy")


# --- 2. a joint document: two bodies stacked in the header, two signers side by side --------------

JOINT = """ỦY BAN MẶT TRẬN TỔ QUỐC VIỆT NAM          CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
TỈNH HẢI LÂM                                      Độc lập - Tự do - Hạnh phúc
BAN THƯỜNG TRỰC
---                                                        ---
ỦY BAN NHÂN DÂN TỈNH HẢI LÂM
SỞ Y TẾ

Số 02/QCPH-MTTQ-SYT                              Hải Lâm, ngày 14 tháng 3 năm 2024

QUY CHẾ PHỐI HỢP
giữa Ban Thường trực Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh và Sở Y tế
trong giám sát an toàn thực phẩm bếp ăn trường học

Điều 1. Phạm vi
Quy chế này quy định việc phối hợp giám sát an toàn thực phẩm tại bếp ăn các trường học.

Điều 2. Hiệu lực
Quy chế có hiệu lực kể từ ngày ký.

T/M BAN THƯỜNG TRỰC                              GIÁM ĐỐC
ỦY BAN MTTQ VIỆT NAM TỈNH                       SỞ Y TẾ
CHỦ TỊCH
(đã ký)                                          (đã ký)
Phan Văn Tài                                     Lý Thị Hồng Nga

Nơi nhận:
- Thường trực Tỉnh ủy (b/c),
- Lưu: VT MTTQ, VT SYT.
"""


def test_joint_header_gives_kind_number_date_and_both_issuers() -> None:
    md = parse(JOINT).metadata
    assert (md.doc_type, md.number, md.date, md.place) == (
        "Quy chế",
        "02/QCPH-MTTQ-SYT",
        "2024-03-14",
        "Hải Lâm",
    )
    assert md.issuer == "Ban Thường trực Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Hải Lâm; Sở Y tế"
    assert md.title.startswith("giữa Ban Thường trực Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh và Sở Y tế")


def test_two_signers_side_by_side_stay_two_signers() -> None:
    doc = parse(JOINT)
    assert doc.metadata.signer.each() == (
        Signer("Phan Văn Tài", "Chủ tịch", "T/M Ban Thường trực Ủy ban MTTQ Việt Nam tỉnh"),
        Signer("Lý Thị Hồng Nga", "Giám đốc Sở Y tế", ""),
    )
    # The "Nơi nhận" list after the joint signature is a list of its own, without signature text.
    assert doc.metadata.cc == ("Thường trực Tỉnh ủy (b/c),", "Lưu: VT MTTQ, VT SYT.")
    assert [u.kind for u in doc.units[-2:]] == ["signature", "cc"]
    assert [u.kind for u in doc.units[:3]] == ["header", "title", "article"]


def test_joint_document_reads_well_in_citations_and_signer_text() -> None:
    doc = parse(JOINT)
    document = Document(id="t", sha256="", format="txt", metadata=doc.metadata)
    assert document_phrase(document) == (
        "Quy chế số 02/QCPH-MTTQ-SYT ngày 14/3/2024 của Ban Thường trực Ủy ban Mặt trận Tổ quốc"
        " Việt Nam tỉnh Hải Lâm và Sở Y tế"
    )
    assert signer_text(doc.metadata.signer) == (
        "Phan Văn Tài (T/M Ban Thường trực Ủy ban MTTQ Việt Nam tỉnh, Chủ tịch);"
        " Lý Thị Hồng Nga (Giám đốc Sở Y tế)"
    )
    # Each body is an issuer to filter by.
    assert filter_choices([document])["issuer"] == [
        "Ban Thường trực Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Hải Lâm",
        "Sở Y tế",
    ]


def test_who_signed_a_joint_document_names_both(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "quy-che-02.txt").write_text(JOINT, encoding="utf-8")
    (corpus / "thong-bao-88.txt").write_text(NOTICE, encoding="utf-8")
    lib = Library.open(tmp_path / "store")
    assert lib.ingest([corpus]).ok
    signed = lib.ask("Quy chế phối hợp về an toàn thực phẩm bếp ăn trường học do ai ký?")
    dated = lib.ask("Thông báo kết luận về phòng, chống thiên tai số mấy, ngày nào?")
    lib.close()
    assert signed.status == "found"
    assert signed.text.splitlines()[:2] == [
        "Quy chế số 02/QCPH-MTTQ-SYT ngày 14/3/2024 của Ban Thường trực Ủy ban Mặt trận Tổ quốc"
        " Việt Nam tỉnh Hải Lâm và Sở Y tế",
        "Người ký: Phan Văn Tài (T/M Ban Thường trực Ủy ban MTTQ Việt Nam tỉnh, Chủ tịch);"
        " Lý Thị Hồng Nga (Giám đốc Sở Y tế)",
    ]
    assert signed.citations[0].hit.unit.kind == "signature"
    assert dated.text.splitlines()[0] == "Thông báo số 88-TB/TU ngày 05/6/2024 của Tỉnh ủy Hải Lâm"
    assert "Ngày 05 tháng 6 năm 2024" in dated.citations[0].hit.unit.text


# --- 3. the signature printed beside "Nơi nhận": an entry in capitals is no part of the role -------

BESIDE = """TỈNH ỦY HẢI LÂM                                  ĐẢNG CỘNG SẢN VIỆT NAM
*                                              Hải Lâm, ngày 02 tháng 8 năm 2024
Số 130-CV/TU
V/v kiểm tra tàu cá trước mùa bão

Kính gửi: Các huyện ủy ven biển.

Ban Thường vụ Tỉnh ủy yêu cầu kiểm tra toàn bộ tàu cá trước ngày 15/8/2024.

Nơi nhận:                                        T/M BAN THƯỜNG VỤ
- Như trên,                                   PHÓ BÍ THƯ THƯỜNG TRỰC
- UBKTTU, BTCTU,                                   (đã ký)
- Lưu VPTU.
                                                  Vũ Thị Thanh Mai
"""


def test_signature_beside_the_distribution_list_keeps_its_own_column() -> None:
    md = parse(BESIDE).metadata
    assert md.signer == Signer("Vũ Thị Thanh Mai", "Phó Bí thư Thường trực", "T/M Ban Thường vụ")
    assert md.cc == ("Như trên,", "UBKTTU, BTCTU,", "Lưu VPTU.")


# --- 4. an item heading with its paragraphs, no blank line between them ----------------------------

TARGETS = """TỈNH ỦY HẢI LÂM                                  ĐẢNG CỘNG SẢN VIỆT NAM
*                                              Hải Lâm, ngày 02 tháng 8 năm 2024
Số 09-NQ/TU

NGHỊ QUYẾT
về phát triển nghề muối

I. MỤC TIÊU
1. Mục tiêu chung: nâng thu nhập của diêm dân.
2. Chỉ tiêu
Chỉ tiêu 1. Đến năm 2026, 80% diện tích muối được trải bạt.
Chỉ tiêu 2. Đến năm 2028, thu nhập diêm dân gấp đôi năm 2024.
Chỉ tiêu 3. Đến năm 2030, có 3 hợp tác xã muối sạch.

II. TỔ CHỨC THỰC HIỆN
Các huyện ủy ven biển xây dựng kế hoạch thực hiện.
"""


def test_paragraphs_after_an_item_heading_and_its_first_paragraph_belong_to_the_item() -> None:
    units = parse(TARGETS).units
    item = next(u for u in units if u.text.startswith("2. Chỉ tiêu"))
    assert item.text == "2. Chỉ tiêu\nChỉ tiêu 1. Đến năm 2026, 80% diện tích muối được trải bạt."
    later = [u for u in units if u.text.startswith("Chỉ tiêu ")]
    assert [(u.label, u.parent) for u in later] == [("I.2", item.ordinal)] * 2
    assert later[-1].heading == "I. MỤC TIÊU > 2. Chỉ tiêu"


# --- 5. the motto and the place-and-date line printed under a dispatch's "V/v" subject ------------

DISPATCH_MOTTO_BELOW = """TỈNH ỦY HẢI LÂM
        *
Số 412-CV/TU
V/v chuẩn bị phương án phòng, chống rét
cho học sinh bán trú

                                ĐẢNG CỘNG SẢN VIỆT NAM
                        Hải Lâm, ngày 02 tháng 12 năm 2024

Kính gửi:
- Đảng ủy UBND tỉnh;
- Các huyện ủy vùng cao.

Trước đợt không khí lạnh tăng cường, Ban Thường vụ Tỉnh ủy đề nghị:

1. Đảng ủy UBND tỉnh chỉ đạo bổ sung chăn ấm cho các trường bán trú trước ngày 15/12/2024.

                                                T/M BAN THƯỜNG VỤ
                                                    PHÓ BÍ THƯ
                                                  Trần Minh Đức
"""


def test_motto_and_date_under_the_subject_are_header_fields_and_recipients_follow() -> None:
    doc = parse(DISPATCH_MOTTO_BELOW)
    md = doc.metadata
    assert (md.number, md.date, md.place) == ("412-CV/TU", "2024-12-02", "Hải Lâm")
    assert md.recipients == ("Đảng ủy UBND tỉnh;", "Các huyện ủy vùng cao.")
    assert [u.kind for u in doc.units[:4]] == ["header", "title", "header", "recipients"]


# --- 6. a speech: byline and occasion under the title ----------------------------------------------

SPEECH_BYLINE = """DIỄN VĂN KHAI MẠC
NGÀY HỘI VĂN HÓA CÁC DÂN TỘC TỈNH HẢI LÂM NĂM 2024

Của đồng chí Trần Minh Đức, Phó Bí thư Tỉnh ủy, Chủ tịch Ủy ban nhân dân tỉnh
(Thị trấn Vân Sơn, ngày 20 tháng 4 năm 2024)

Kính thưa các đồng chí lãnh đạo tỉnh!

Hôm nay, tôi rất vui được dự Ngày hội văn hóa các dân tộc của tỉnh.
"""


def test_a_speech_byline_and_its_occasion_give_speaker_date_and_place() -> None:
    md = parse(SPEECH_BYLINE).metadata
    assert md.doc_type == "Bài phát biểu"
    assert md.signer == Signer("Trần Minh Đức", "Phó Bí thư Tỉnh ủy, Chủ tịch Ủy ban nhân dân tỉnh")
    assert (md.date, md.place) == ("2024-04-20", "Thị trấn Vân Sơn")


# --- 7. OCR reads "(đã ký)" and the name on one line ----------------------------------------------


SCANNED_CLOSING = """TỈNH ỦY HẢI LÂM
Số 90-TB/TU

THÔNG BÁO
kết luận của Thường trực Tỉnh ủy về phòng, chống rét

1. Các huyện ủy vùng cao rà soát chăn ấm cho học sinh bán trú trước ngày 15/12/2024.

Nơi nhận:
- Các huyện ủy,
- Lưu VPTU.

T/L BAN THƯỜNG VỤ
CHÁNH VĂN PHÒNG
(đã ký) Trần Văn Quý
"""


def test_the_name_after_a_signed_mark_on_the_same_line_is_the_signer() -> None:
    signer = parse(SCANNED_CLOSING).metadata.signer
    assert (signer.name, signer.role, signer.on_behalf) == (
        "Trần Văn Quý",
        "Chánh Văn phòng",
        "T/L Ban Thường vụ",
    )


# --- 8. a speech whose heading line names the speaker, in capitals -----------------------------------

SPEECH_HEADING_BYLINE = """PHÁT BIỂU CỦA ĐỒNG CHÍ HOÀNG VĂN HÓA, PHÓ BÍ THƯ TỈNH ỦY, CHỦ TỊCH UBND TỈNH
TẠI LỄ KHÁNH THÀNH CẦU VÂN SƠN (XÃ VÂN SƠN, NGÀY 02 THÁNG 9 NĂM 2024)

Kính thưa các đồng chí lãnh đạo tỉnh!

Hôm nay, cây cầu mà bà con hai bờ sông mong đợi đã thông xe. Thực hiện Chỉ thị số 12-CT/TU
của Ban Thường vụ Tỉnh ủy, tỉnh đã dành vốn cho công trình này.
"""


def test_a_speech_heading_with_its_byline_gives_speaker_role_date_and_place() -> None:
    doc = parse(SPEECH_HEADING_BYLINE)
    md = doc.metadata
    assert md.doc_type == "Bài phát biểu"
    # The name in capitals gets each syllable capitalised ("Văn Hóa", never the compound "Văn hóa").
    assert md.signer == Signer("Hoàng Văn Hóa", "Phó Bí thư Tỉnh ủy, Chủ tịch UBND tỉnh")
    assert (md.date, md.place) == ("2024-09-02", "Xã Vân Sơn")
    # The title keeps the byline, in written case as in other speeches' titles, and the occasion.
    assert md.title.startswith("của đồng chí Hoàng Văn Hóa, Phó Bí thư Tỉnh ủy, Chủ tịch UBND tỉnh TẠI LỄ")
    # The heading is the speech itself, not a speech it cites.
    assert [(r.doc_type, r.number) for r in doc.references] == [("Chỉ thị", "12-CT/TU")]


def test_a_speech_headed_bai_noi_with_a_byline_is_a_speech() -> None:
    md = parse(
        "BÀI NÓI CỦA ĐỒNG CHÍ LÊ THỊ MAI, BÍ THƯ THÀNH ỦY\nVỀ CÔNG TÁC CHUYỂN ĐỔI SỐ\n\n"
        "Thưa các đồng chí, mỗi phường phải có một tổ công nghệ số cộng đồng.\n"
    ).metadata
    assert md.doc_type == "Bài phát biểu"
    assert md.signer == Signer("Lê Thị Mai", "Bí thư Thành ủy")
    # The subject "VỀ …" does not drop the byline.
    assert md.title == "của đồng chí Lê Thị Mai, Bí thư Thành ủy VỀ CÔNG TÁC CHUYỂN ĐỔI SỐ"


def test_an_issuer_in_capitals_keeps_the_casing_of_unit_names() -> None:
    md = parse(
        "ĐẢNG BỘ THÀNH PHỐ HẢI ĐĂNG | ĐẢNG CỘNG SẢN VIỆT NAM\n"
        "ĐẢNG ỦY ỦY BAN NHÂN DÂN THÀNH PHỐ | Hải Đăng, ngày 03 tháng 10 năm 2025\n"
        "Số 12-KH/ĐU\n\nKẾ HOẠCH\nphân loại rác tại nguồn\n\n"
        "1. Các chi bộ trực thuộc quán triệt Kế hoạch trong tháng 10/2025.\n"
    ).metadata
    assert md.issuer == "Đảng ủy Ủy ban nhân dân Thành phố"


# --- 9. a speech under a headline, its kind and speaker in a note in parentheses -------------------

SPEECH_HEADLINE_NOTE = """HỌC ĐỂ LÀM ĐƯỢC VIỆC, KHÔNG HỌC ĐỂ LẤY BẰNG
(Bài phát biểu chỉ đạo của đồng chí Vi Thị Lan, Phó Bí thư Tỉnh ủy, tại Lễ khai giảng lớp bồi dưỡng
cán bộ cấp xã, ngày 06/10/2025)

Thân ái chào các đồng chí học viên!

Lớp học này không phải nơi để lấy thêm một tấm chứng chỉ.
"""


def test_a_headline_over_a_speech_note_is_the_title_not_the_issuer() -> None:
    doc = parse(SPEECH_HEADLINE_NOTE)
    md = doc.metadata
    assert (md.doc_type, md.issuer, md.date) == ("Bài phát biểu", "", "2025-10-06")
    # "KHÔNG HỌC …" in the headline holds "ÔNG" but names nobody: the speaker is in the note.
    assert md.signer == Signer("Vi Thị Lan", "Phó Bí thư Tỉnh ủy")
    assert doc.units[0].kind == "title" and doc.references == ()
