"""Plain-text layouts: numbers wrapped to a line start, texts attached to a decision, hard-wrapped
lines, tab-separated tables, and paragraphs continuing a khoản of a law."""

from __future__ import annotations

import textwrap
import unicodedata
from pathlib import Path

from chidao.core.cite import unit_phrase
from chidao.core.model import ParsedDocument, RawText
from ingest.layout import Line, join_lines
from ingest.parser import parse_document
from ingest.reader import read_file

HEADER = (
    "ĐẢNG BỘ THÀNH PHỐ HẢI ĐĂNG\nBAN THƯỜNG VỤ THÀNH ỦY\nSố 09-CT/TU\n\nĐẢNG CỘNG SẢN VIỆT NAM\n"
    "Hải Đăng, ngày 29 tháng 9 năm 2025\n\n"
)
SIGNATURE = "T/M BAN THƯỜNG VỤ\nBÍ THƯ\n(đã ký)\nLâm Vĩnh Khang\n"


def parse_text(text: str) -> ParsedDocument:
    return parse_document(RawText(unicodedata.normalize("NFC", text)), "t")


def parse_file(path: Path) -> ParsedDocument:
    return parse_document(read_file(path), path.name)


# --- a number wrapped to the start of a line is no item ---------------------------------------


def test_pdf_line_starting_with_a_year_continues_its_paragraph() -> None:
    lines = [
        Line("Sau hợp nhất, hơn một nửa diện tích nội đô nằm thấp hơn đỉnh triều cường năm", gap_right=2),
        Line("2024. Mùa mưa năm 2024 có 31 tuyến đường ngập sâu trên 30 cm.", gap_right=20),
        Line("1. Đến cuối năm 2026, giảm số điểm ngập sâu.", gap_right=30),
    ]
    assert join_lines(lines).split("\n\n") == [
        "Sau hợp nhất, hơn một nửa diện tích nội đô nằm thấp hơn đỉnh triều cường năm 2024. Mùa mưa năm"
        " 2024 có 31 tuyến đường ngập sâu trên 30 cm.",
        "1. Đến cuối năm 2026, giảm số điểm ngập sâu.",
    ]


def test_number_out_of_item_sequence_inside_a_sentence_is_no_item() -> None:
    doc = parse_text(
        "I. MỤC TIÊU\n1. Giảm số điểm ngập sâu trên 30 cm từ 31 điểm xuống còn dưới\n"
        "15. Đây là chỉ tiêu bắt buộc.\n2. Mỗi nhiệm vụ có đơn vị chủ trì.\n"
    )
    got = [(u.kind, u.label, u.text) for u in doc.units]
    assert got == [
        ("section", "I", "I. MỤC TIÊU"),
        (
            "item",
            "I.1",
            "1. Giảm số điểm ngập sâu trên 30 cm từ 31 điểm xuống còn dưới\n15. Đây là chỉ tiêu bắt buộc.",
        ),
        ("item", "I.2", "2. Mỗi nhiệm vụ có đơn vị chủ trì."),
    ]


# --- a Quy chế attached to its Quyết định -------------------------------------------------------

DECISION_WITH_RULES = (
    "BAN THƯỜNG VỤ THÀNH ỦY\nSố 215-QĐ/TU\n\nĐẢNG CỘNG SẢN VIỆT NAM\nHải Đăng, ngày 14 tháng 11 năm 2025\n\n"
    "QUYẾT ĐỊNH\nban hành Quy chế tổ chức và hoạt động của chi bộ nhà chung cư\n\n"
    "BAN THƯỜNG VỤ THÀNH ỦY QUYẾT ĐỊNH\n\n"
    "Điều 1. Ban hành kèm theo Quyết định này Quy chế tổ chức và hoạt động của chi bộ nhà chung cư.\n\n"
    "Điều 2. Quyết định có hiệu lực kể từ ngày ký.\n\n"
    "Nơi nhận:\n- Như Điều 2,\n- Lưu Văn phòng Thành ủy.\n\n" + SIGNATURE + "\n"
    "QUY CHẾ\ntổ chức và hoạt động của chi bộ nhà chung cư\n"
    "(Ban hành kèm theo Quyết định số 215-QĐ/TU ngày 14/11/2025 của Ban Thường vụ Thành ủy)\n\n"
    "Chương I\nQUY ĐỊNH CHUNG\n\n"
    "Điều 1. Phạm vi áp dụng\nQuy chế này áp dụng đối với chi bộ nhà chung cư.\n\n"
    "Điều 2. Sinh hoạt chi bộ\n1. Chi bộ sinh hoạt thường kỳ mỗi tháng một lần.\n"
    "2. Khi có thiên tai, chi bộ được sinh hoạt trực tuyến, nhưng phải bảo đảm:\n"
    "a) Không biểu quyết về công tác cán bộ bằng hình thức trực tuyến;\nb) Có biên bản.\n"
)


def test_articles_of_an_attached_quy_che_are_labelled_apart_from_the_decision() -> None:
    doc = parse_text(DECISION_WITH_RULES)
    labels = [u.label for u in doc.units if u.label]
    assert labels == [
        "Điều 1",
        "Điều 2",
        "Quy chế",
        "Quy chế",
        "Quy chế, Chương I",
        "Quy chế, Điều 1",
        "Quy chế, Điều 2",
        "Quy chế, Điều 2.1",
        "Quy chế, Điều 2.2",
        "Quy chế, Điều 2.2.a",
        "Quy chế, Điều 2.2.b",
    ]
    phrases = {u.label: unit_phrase(u) for u in doc.units}
    assert phrases["Quy chế, Điều 2.2.a"] == "Quy chế, Điều 2 khoản 2 điểm a"
    assert phrases["Quy chế"] == "Quy chế"
    assert phrases["Điều 1"] == "Điều 1"


def test_attached_text_is_known_by_its_line_ban_hanh_kem_theo_without_a_signature_before() -> None:
    text = DECISION_WITH_RULES.replace(
        "Nơi nhận:\n- Như Điều 2,\n- Lưu Văn phòng Thành ủy.\n\n" + SIGNATURE, ""
    )
    doc = parse_text(text)
    assert [u.label for u in doc.units if u.kind == "article"] == [
        "Điều 1",
        "Điều 2",
        "Quy chế, Điều 1",
        "Quy chế, Điều 2",
    ]


def test_a_heading_naming_a_kind_inside_the_body_is_no_attachment() -> None:
    doc = parse_text(
        "QUY ĐỊNH\nvề thử\n\nChương I\nQUY ĐỊNH CHUNG\n\nĐiều 1. Phạm vi\n1. Một.\n\n"
        "KẾ HOẠCH THỰC HIỆN\n\nĐiều 2. Hiệu lực\nCó hiệu lực từ ngày ký.\n"
    )
    assert [u.label for u in doc.units if u.kind == "article"] == ["Điều 1", "Điều 2"]


# --- hard-wrapped text ------------------------------------------------------------------------

PARAGRAPHS = [
    "Thực hiện Đề án phát triển kinh tế ban đêm ban hành kèm theo Quyết định số 1129/QĐ-TTg của Thủ "
    "tướng Chính phủ, thời gian qua khu bến Cồn Nhạn và chợ đêm Vàm Lá đã thu hút đông du khách. Tuy "
    "vậy, hoạt động về đêm còn tự phát: tiếng ồn kéo dài quá nửa đêm, lấn chiếm vỉa hè, tụ tập đua xe.",
    "1. Đảng ủy UBND Thành phố lãnh đạo UBND Thành phố ban hành danh mục khu vực, tuyến phố được phép "
    "kinh doanh đến 02 giờ sáng, xong trước ngày 31/12/2025; mỗi khu vực có quy định riêng về mức âm "
    "lượng, giờ đóng cửa và chỗ đỗ xe.",
    "2. Ủy ban MTTQ Việt Nam Thành phố phối hợp Liên đoàn Lao động Thành phố vận động chủ cơ sở ký hợp "
    "đồng lao động với người làm ca đêm, bố trí xe đưa đón lao động nữ tan ca sau 22 giờ.",
    "3. Cán bộ, đảng viên gương mẫu, không tổ chức và không tham gia ăn nhậu tại các cơ sở vi phạm giờ "
    "đóng cửa; các đảng ủy nhắc nhở đảng viên thuộc quyền thực hiện nghiêm.",
]


def test_hard_wrapped_crlf_text_has_one_line_per_paragraph(tmp_path: Path) -> None:
    body = "\n\n".join(textwrap.fill(p, 72) for p in PARAGRAPHS)
    text = HEADER + "CHỈ THỊ\nvề phát triển kinh tế ban đêm\n\n" + body + "\n\n" + SIGNATURE
    path = tmp_path / "chi-thi.txt"
    path.write_bytes(text.replace("\n", "\r\n").encode("utf-8"))
    doc = parse_file(path)
    texts = {u.kind: u.text for u in doc.units}
    assert [u.text for u in doc.units if u.kind in ("preamble", "item")] == PARAGRAPHS
    assert texts["signature"] == SIGNATURE.strip()  # short lines keep their breaks
    assert texts["title"] == "CHỈ THỊ\nvề phát triển kinh tế ban đêm"
    assert doc.metadata.number == "09-CT/TU"


def test_text_with_one_line_per_paragraph_is_not_unwrapped(tmp_path: Path) -> None:
    lines = "\n".join(f"- Nhiệm vụ số {i} của các đảng ủy trực thuộc trong năm tới" for i in range(12))
    text = HEADER + "KẾ HOẠCH\nthử\n\nCác cấp ủy thực hiện:\n" + lines + "\n"
    path = tmp_path / "ke-hoach.txt"
    path.write_text(text, encoding="utf-8")
    assert read_file(path).text == text.strip("\n")


# --- a tab-separated table --------------------------------------------------------------------


def test_tab_separated_table_becomes_table_rows(tmp_path: Path) -> None:
    text = (
        HEADER + "BÁO CÁO\nkết quả chuyển đổi số\n\nI. KẾT QUẢ ĐẠT ĐƯỢC\n\n"
        "1. Toàn bộ bộ phận một cửa đã kết nối, số liệu như sau:\n\n"
        "Chỉ tiêu\tPhường\tXã\tToàn Thành phố\n"
        "Số bộ phận một cửa\t58\t42\t100\n"
        "Tỷ lệ nộp trực tuyến (%)\t78,4\t51,2\t72,9\n\n"
        "2. Nhiều nơi có cách làm hay.\n\n" + SIGNATURE
    )
    path = tmp_path / "bao-cao.txt"
    path.write_text(text, encoding="utf-8")
    doc = parse_file(path)
    got = [(u.kind, u.label, u.text) for u in doc.units if u.label.startswith("I.1")]
    assert got == [
        ("item", "I.1", "1. Toàn bộ bộ phận một cửa đã kết nối, số liệu như sau:"),
        ("heading", "I.1", "Chỉ tiêu\tPhường\tXã\tToàn Thành phố"),
        ("table_row", "I.1.1", "Số bộ phận một cửa\t58\t42\t100"),
        ("table_row", "I.1.2", "Tỷ lệ nộp trực tuyến (%)\t78,4\t51,2\t72,9"),
    ]
    assert [u for u in doc.units if u.kind == "table_row"][-1].heading.endswith(
        "Chỉ tiêu | Phường | Xã | Toàn Thành phố"
    )


def test_two_tab_columns_of_a_header_and_signature_stay_text() -> None:
    doc = parse_text(
        "ĐẢNG BỘ THÀNH PHỐ HẢI ĐĂNG\tĐẢNG CỘNG SẢN VIỆT NAM\nBAN THƯỜNG VỤ THÀNH ỦY\t\n"
        "Số 09-CT/TU\tHải Đăng, ngày 29 tháng 9 năm 2025\n\nCHỈ THỊ\nvề thử\n\nCác cấp ủy thực hiện.\n\n"
        "Nơi nhận:\tT/M BAN THƯỜNG VỤ\n- Các đảng ủy,\tBÍ THƯ\n- Lưu VP.\t(đã ký)\n\tLâm Vĩnh Khang\n"
    )
    assert not any(u.kind == "table_row" for u in doc.units)
    assert doc.metadata.number == "09-CT/TU"


# --- laws: a khoản holds the paragraphs after it ----------------------------------------------


def test_paragraphs_after_a_khoan_and_after_its_last_diem_belong_to_the_khoan() -> None:
    doc = parse_text(
        "Điều 468. Lãi suất\n\n1. Lãi suất vay do các bên thỏa thuận.\n\n"
        "Trường hợp các bên có thỏa thuận về lãi suất thì lãi suất không được vượt quá 20%/năm.\n\n"
        "2. Trường hợp các bên có thỏa thuận về việc trả lãi, nhưng không xác định rõ lãi suất:\n\n"
        "a) Lãi suất bằng 50% mức lãi suất giới hạn;\n\nb) Lãi suất do Tòa án xác định.\n\n"
        "Trường hợp có tranh chấp thì lãi suất được xác định tại thời điểm trả nợ.\n"
    )
    got = [(u.kind, u.label) for u in doc.units]
    assert got == [
        ("article", "Điều 468"),
        ("clause", "Điều 468.1"),
        ("paragraph", "Điều 468.1"),
        ("clause", "Điều 468.2"),
        ("subitem", "Điều 468.2.a"),
        ("subitem", "Điều 468.2.b"),
        ("paragraph", "Điều 468.2"),
    ]
    assert unit_phrase(doc.units[2]) == "Điều 468 khoản 1"
    assert doc.units[2].heading.endswith("1. Lãi suất vay do các bên thỏa thuận.")
