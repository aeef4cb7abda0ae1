"""Pure helpers of the app (ui_text, ui_format): highlights, failure messages, CSV, link graph."""

from __future__ import annotations

import pytest

from chidao.core.model import Document, DocumentView, IngestResult, Metadata, Reference, Signer, Unit
from chidao.ui_format import csv_bytes, highlight_html, reference_dot, unit_depths, unit_label
from chidao.ui_text import failure_text


def test_highlight_escapes_html_and_marks_spans():
    assert highlight_html("a <b> c\nd", [(2, 5)]) == "a <mark>&lt;b&gt;</mark> c<br>d"


def test_highlight_drops_markdown_emphasis_but_keeps_offsets():
    text = "**T/M BAN THƯỜNG VỤ** về “*Phát huy*” (*)"
    assert highlight_html(text, [(2, 5)]) == "<mark>T/M</mark> BAN THƯỜNG VỤ về “Phát huy” (*)"


@pytest.mark.parametrize(
    ("message", "expected"),
    [
        (
            "cu.doc: unsupported file type '.doc' (supported: .txt, .md, .pdf, .docx). Open it in Word…",
            "cu.doc: định dạng tệp không được hỗ trợ (chỉ nhận PDF, DOCX, TXT, MD). Mở tệp bằng Word",
        ),
        (
            "bao-cao.txt: not UTF-8/UTF-16 (bad byte at offset 812). Save it as UTF-8 and ingest it again.",
            "bao-cao.txt: tệp văn bản không dùng bảng mã UTF-8. Mở tệp bằng trình soạn thảo",
        ),
        (
            "scan.pdf: no text layer (scanned PDF) and OCR is turned off. Ingest it with OCR on…",
            "scan.pdf: tệp PDF là bản quét (ảnh), không có lớp chữ",
        ),
        ("x.pdf: something new went wrong", "x.pdf: không đọc được tệp. Kiểm tra tệp rồi thử lại"),
    ],
)
def test_failures_are_told_in_vietnamese_with_file_and_fix(message, expected):
    result = IngestResult(path=f"/tmp/up/0/{message.split(':')[0]}", status="failed", message=message)
    assert failure_text(result).startswith(expected)


def test_csv_has_a_bom_for_excel():
    data = csv_bytes([{"Mục": "mục 1", "Thời hạn": "30/11/2021"}], ["Mục", "Thời hạn"])
    assert data == "\ufeffMục,Thời hạn\r\nmục 1,30/11/2021\r\n".encode()


def _unit(ordinal: int, label: str, parent: int | None) -> Unit:
    return Unit("d", ordinal, "item", label, "", "x", 0, 1, parent=parent)


def test_depths_follow_parent_links_and_labels_read_as_items():
    units = [_unit(0, "I", None), _unit(1, "I.1", 0), _unit(2, "I.1.a", 1), _unit(3, "II", None)]
    assert unit_depths(units) == {0: 0, 1: 1, 2: 2, 3: 0}
    assert [unit_label(u) for u in units[1:3]] == ["mục I.1", "mục I.1.a"]


def test_link_graph_draws_missing_documents_dashed():
    doc = Document("kh.txt", "0", "txt", Metadata(doc_type="Kế hoạch", number="9-KH/TU", signer=Signer()))
    missing = Reference("implements", "Công văn", "2862/MTTW-BTT", "2021-08-31", "", "", "…")
    citing = Reference("implements", "Kế hoạch", "9-KH/TU", "", "", "", "…", target="kh.txt")
    view = DocumentView(doc, "", (), (missing,), (("hd.txt", citing),))
    dot = reference_dot(view, {"kh.txt": "Kế hoạch số 9-KH/TU", "hd.txt": "Hướng dẫn số 15"})
    assert '"kh.txt" -> "missing-0" [label="triển khai", style=dashed];' in dot
    assert '"missing-0" [label="Công văn số 2862/MTTW-BTT ngày 31/08/2021\\n(chưa có trong thư viện)"' in dot
    assert '"hd.txt" -> "kh.txt" [label="triển khai"];' in dot
