"""Markdown exported from a wiki or portal: a property list in a blockquote, a running-case title,
emphasis in unit text; a board's issuer named with its committee; organisation names in references."""

from __future__ import annotations

from pathlib import Path

from chidao.core.model import Signer
from ingest.metadata import header_fields
from ingest.parser import parse_document
from ingest.reader import read_file
from ingest.txt import markdown_plain

WIKI_REPORT = """# Báo cáo kết quả thực hiện Chương trình khuyến nông năm 2025

> **Cơ quan:** Sở Nông nghiệp và Môi trường tỉnh Hải Lâm
> **Số:** 88/BC-SNNMT · **Ngày:** 04/11/2025
> **Người ký:** K/T Giám đốc, Phó Giám đốc Trần Văn Bình
> *Bản đăng trên trang nội bộ của Sở.*

## 1. Kết quả

| Chỉ tiêu | Kế hoạch | Thực hiện |
|---|---:|---:|
| Mô hình trình diễn | 20 | 23 |
| **Tổng cộng** | **20** | **23** |

**Điểm nổi bật:** các mô hình lúa chịu mặn cho năng suất cao hơn 12%.
"""


def _wiki(tmp_path: Path) -> Path:
    path = tmp_path / "bao-cao-88.md"
    path.write_text(WIKI_REPORT, encoding="utf-8")
    return path


def test_property_list_in_a_blockquote_gives_the_metadata(tmp_path: Path) -> None:
    meta = parse_document(read_file(_wiki(tmp_path))).metadata
    assert (meta.doc_type, meta.number, meta.date, meta.issuer) == (
        "Báo cáo",
        "88/BC-SNNMT",
        "2025-11-04",
        "Sở Nông nghiệp và Môi trường tỉnh Hải Lâm",
    )
    assert meta.title == "kết quả thực hiện Chương trình khuyến nông năm 2025"
    assert meta.signer == Signer(name="Trần Văn Bình", role="Phó Giám đốc", on_behalf="K/T Giám đốc")


def test_unit_text_of_markdown_has_no_emphasis_marks(tmp_path: Path) -> None:
    doc = parse_document(read_file(_wiki(tmp_path)))
    texts = [u.text for u in doc.units]
    assert not any("**" in t or t.startswith(">") for t in texts)
    assert "| Tổng cộng | 20 | 23 |" in texts
    assert any(t.startswith("Điểm nổi bật: các mô hình") for t in texts)
    kinds = [u.kind for u in doc.units[:3]]
    assert kinds == ["title", "header", "preamble"]


def test_markdown_plain_keeps_structure_and_literal_stars() -> None:
    text = "**ỦY BAN**\n*\n- **Mục tiêu:** 100%\n* mục sao\n---\n| **A** | 2*3 |\n## 1. Việc a_b"
    assert markdown_plain(text) == "ỦY BAN\n*\n- Mục tiêu: 100%\n* mục sao\n---\n| A | 2*3 |\n## 1. Việc a_b"


def test_board_under_its_committee_is_named_with_the_committee() -> None:
    assert header_fields(["TỈNH ỦY HỒNG LAM", "BAN TỔ CHỨC", "Số 07-HD/BTCTU"])[3] == "Ban Tổ chức Tỉnh ủy"
    assert header_fields(["TỈNH ỦY ĐÔNG HẢI", "ỦY BAN KIỂM TRA"])[3] == "Ủy ban Kiểm tra Tỉnh ủy"
    assert header_fields(["ĐẢNG ỦY XÃ BẾN HẠC", "VĂN PHÒNG"])[3] == "Văn phòng Đảng ủy xã Bến Hạc"
    # Already named in full, or an organ of the committee: as before.
    assert header_fields(["ĐẢNG BỘ TỈNH LŨNG SƠN", "BAN TỔ CHỨC TỈNH ỦY"])[3] == "Ban Tổ chức Tỉnh ủy"
    assert header_fields(["TỈNH ỦY HÒA HẢI", "BAN THƯỜNG VỤ"])[3] == "Ban Thường vụ Tỉnh ủy Hòa Hải"


def test_reference_keeps_the_whole_board_name(tmp_path: Path) -> None:
    path = tmp_path / "phat-bieu.txt"
    path.write_text(
        "Các đồng chí được luân chuyển theo Hướng dẫn số 07-HD/BTCTU của Ban Tổ chức Tỉnh ủy thì càng "
        "phải giữ mình; Kế hoạch số 12-KH/ĐTN của Đoàn Thanh niên tỉnh đã triển khai.\n",
        encoding="utf-8",
    )
    refs = parse_document(read_file(path)).references
    assert [r.issuer for r in refs] == ["Ban Tổ chức Tỉnh ủy", "Đoàn Thanh niên tỉnh"]


def test_markdown_item_heading_is_its_own_unit(tmp_path: Path) -> None:
    """A Markdown heading is marked a heading by its author: the paragraph under "## 2. Nguyên nhân"
    is its own unit, the heading its context (a plain-text "2. Nguyên nhân" line still takes it in)."""
    path = tmp_path / "bao-cao.md"
    path.write_text(WIKI_REPORT + "\n## 2. Nguyên nhân\n\nMột số xã chưa phân công công chức theo dõi.\n")
    units = parse_document(read_file(path)).units
    item = next(u for u in units if u.kind == "item" and u.label == "2")
    para = next(u for u in units if u.text.startswith("Một số xã"))
    assert item.text == "## 2. Nguyên nhân"
    assert (para.kind, para.label, para.heading) == ("paragraph", "2", "2. Nguyên nhân")
