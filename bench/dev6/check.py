#!/usr/bin/env python3
"""Validate the chidao dev6 set (corpus/ + questions.jsonl) with chidao's own reader: bench/setcheck.py
holds the checks, this file what the set is (the KH 57 PDF is read from its text layer, the KH 08 PDF
is a scan with a ruled table and goes through OCR). Prints OK or the problems; exit 1 on a problem.

Usage (from the repository root): .venv/bin/python bench/dev6/check.py [--dump FILE]
"""

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(ROOT))

from bench.setcheck import SetSpec, main  # noqa: E402

PDF = "ke-hoach-57-kh-tu-2025.pdf"  # text layer, 3 pages, running header/footer
SCAN = "ke-hoach-08-kh-du-hon-dua-2025.pdf"  # image only, ruled task table: must be OCR'd
DOCX = "ke-hoach-12-kh-du-ubnd-tp-2025.docx"  # Word automatic numbering
CT = "chi-thi-09-ct-tu-2025.txt"  # hard-wrapped at 72 columns, CRLF
QD = "quyet-dinh-215-qd-tu-2025.txt"  # decision + attached Quy chế
TB = "thong-bao-ket-luan-146-tb-tu-2025.txt"  # space-aligned two-column header
SP = "phat-bieu-khai-truong-pho-dem-con-nhan-2025.txt"  # speech
BC = "bao-cao-64-bc-du-ubnd-tp-2025.txt"  # report, tab-separated figures table
SPEC = SetSpec(
    here=HERE,
    prefix="h",
    expected={"task": 10, "passage": 8, "metadata": 6, "cross_doc": 5, "unaccented": 5, "negative": 16},
    n_docs=8,
    chars=(1500, 4000),
    # Negatives: strings that no document (or the named one) may contain, so the library cannot answer.
    absent={
        "h035": ["Tân Quy"],
        "h036": [(PDF, "2030")],
        "h037": ["2026 - 2027", "2026-2027", "mùa mưa năm 2026"],
        "h038": ["03-CTr/TU đặt", "chỉ tiêu của Chương trình"],
        "h039": ["xử phạt", "mức phạt", "phạt tiền", "bị phạt"],
        "h040": [(TB, "đảng viên")],
        "h041": ["Hội Nông dân", "HND"],
        "h042": ["tỷ đồng", "vốn đầu tư"],
        "h043": ["Đảng ủy phường Vàm Lá", "làm việc với Ban Thường vụ Đảng ủy phường Vàm Lá"],
        "h044": [(BC, "2024")],
        "h045": ["Đảng ủy đặc khu Cù Lao Mây", "Cù Lao Mây phân công"],
        "h046": ["mua vé", "giá vé", "phí vào"],
        "h047": ["126-KL/TW", "Kết luận số 126"],
        "h048": ["đảng phí"],
        "h049": ["đoàn viên tham gia", "tháng 12/2025 của Thành đoàn"],
        "h050": ["mét", "tháng 10/2025 đo"],
    },
    other_sets=(
        ROOT.parent / "shared" / "eval",
        ROOT / "bench" / "dev2",
        ROOT / "bench" / "dev3",
        ROOT / "bench" / "heldout",
        ROOT / "bench" / "dev4",
        ROOT / "bench" / "dev5",
    ),
    formulae=(
        "đảng ủy ủy ban nhân dân thành phố",
        "lưu văn phòng thành ủy",
    ),
    scans=frozenset({SCAN}),
    text_layers=frozenset({PDF}),
    tables={},
)

if __name__ == "__main__":
    sys.exit(main(SPEC, sys.argv))
