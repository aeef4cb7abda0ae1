#!/usr/bin/env python3
"""Validate the chidao dev7 set (corpus/ + questions.jsonl) with chidao's own reader: bench/setcheck.py
holds the checks, this file what the set is (the Hướng dẫn PDF is read from its text layer, the xã
Bến Hạc PDF is a two-page scan and goes through OCR). Prints OK or the problems; exit 1 on a problem.

Usage (from the repository root): .venv/bin/python bench/dev7/check.py [--dump FILE]
"""

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(ROOT))

from bench.setcheck import SetSpec, main  # noqa: E402

HD = "huong-dan-07-hd-btctu-2025.pdf"  # text layer, decimal multi-level numbering, run-in bold headings
QDI = "quy-dinh-14-qdi-tu-2025.txt"  # Chương / Điều / khoản / điểm / tiết dashes, continuation paragraphs
KH23 = "ke-hoach-23-kh-du-ubnd-tinh-2025.docx"  # header, task table (repeat header, group rows), signature
CV = "cong-van-412-cv-tu-2025.txt"  # hỏa tốc, Kính gửi on one line, "1)" / "a-" items
SCAN = "ke-hoach-19-kh-du-xa-ben-hac-2025.pdf"  # two-page scan, stamp over the signer's name
BC = "bao-cao-512-bc-snnmt-2025.md"  # wiki Markdown export, table with totals row
TB = "thong-bao-ket-luan-205-tb-tu-2025.txt"  # "Giao …" conclusions, deadlines in words
SP = "phat-bieu-khai-giang-truong-chinh-tri-2025.txt"  # speech, byline in parentheses
SPEC = SetSpec(
    here=HERE,
    prefix="k",
    expected={"task": 10, "passage": 8, "metadata": 6, "cross_doc": 5, "unaccented": 5, "negative": 16},
    n_docs=8,
    chars=(1500, 4000),
    absent={
        "k035": ["Kỳ Vân"],
        "k036": ["2023"],
        "k037": ["2026 - 2027", "2026-2027", "mùa khô 2026"],
        "k038": ["11-CT/TU yêu cầu", "Chỉ thị số 11-CT/TU yêu cầu", "nội dung của Chỉ thị"],
        "k039": ["phạt tiền", "mức phạt", "xử phạt"],
        "k040": ["Cựu chiến binh", "CCB"],
        "k041": ["06-QĐi/TU quy định", "06-QĐi/TU yêu cầu"],
        "k042": ["tiền công đức", "thu công đức"],
        "k043": [(KH23, "tỷ đồng"), (KH23, "kinh phí")],
        "k044": ["khóa II", "khóa 2"],
        "k045": ["35-CT/TW", "Chỉ thị số 35"],
        "k046": ["đã luân chuyển", "đã được luân chuyển"],
        "k047": ["Nghi Sa"],
        "k048": ["m3", "mét khối", "m³"],
        "k049": ["tháng 3/2025", "đo được"],
        "k050": ["Sở Tài chính"],
    },
    other_sets=(
        ROOT.parent / "shared" / "eval",
        ROOT / "bench" / "dev2",
        ROOT / "bench" / "dev3",
        ROOT / "bench" / "heldout",
        ROOT / "bench" / "dev4",
        ROOT / "bench" / "dev5",
        ROOT / "bench" / "dev6",
    ),
    formulae=(
        "đảng ủy ủy ban nhân dân tỉnh",
        "ban tuyên giáo và dân vận tỉnh ủy",
    ),
    scans=frozenset({SCAN}),
    text_layers=frozenset({HD}),
    tables={},
)

if __name__ == "__main__":
    sys.exit(main(SPEC, sys.argv))
