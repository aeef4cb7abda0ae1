#!/usr/bin/env python3
"""Validate the chidao dev5 set (corpus/ + questions.jsonl) with chidao's own reader: bench/setcheck.py
holds the checks, this file what the set is (the NQ PDF is read from its text layer, the TB PDF is a
scan and goes through OCR, the NFD text is normalised). Prints OK or the problems; exit 1 on a problem.

Usage (from the repository root): .venv/bin/python bench/dev5/check.py [--dump FILE]
"""

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(ROOT))

from bench.setcheck import SetSpec, main  # noqa: E402

PDF = "nghi-quyet-06-nq-tu-2025.pdf"  # text layer, two-column header table
SCAN = "thong-bao-ket-luan-41-tb-tu-2025.pdf"  # image only: must be OCR'd
DOCX = "ke-hoach-19-kh-tu-2025.docx"  # task table in the body
NFD = "ke-hoach-24-kh-du-na-lan-2025.txt"  # stored decomposed on disk
KH, BC, XA = DOCX, "bao-cao-112-bc-mttq-2025.md", NFD
SPEC = SetSpec(
    here=HERE,
    prefix="g",
    expected={"task": 10, "passage": 8, "metadata": 6, "cross_doc": 5, "unaccented": 5, "negative": 16},
    n_docs=8,
    chars=(1500, 4000),
    # Negatives: strings that no document (or the named one) may contain, so the library cannot answer.
    absent={
        "g035": ["2035"],
        "g036": ["làm việc với Ban Thường vụ Đảng ủy xã Nà Lạn", "-TB/ĐU"],
        "g037": ["biên cương", "mạch nước"],
        "g038": ["phạt tiền", "mức phạt", "xử phạt"],
        "g039": ["-BC/TU", "sơ kết 02 năm thực hiện Nghị quyết số 06-NQ/TU, Ban"],
        "g040": [(KH, "Cựu chiến binh"), (KH, "CCB")],
        "g041": [(BC, "2024"), "đại đoàn kết"],
        "g042": ["liên cấp Nà Lạn", "khởi công"],
        "g043": ["đồng/ha", "một héc-ta", "mỗi ha"],
        "g044": ["Đại hội đại biểu Đảng bộ tỉnh", "lần thứ nhất"],
        "g045": ["Y tế xã Thàng Pò"],
        "g046": [(XA, "2024")],
        "g047": ["Quy chế phối hợp", "QCPH"],
        "g048": ["Gầu Tào"],
        "g049": ["đợt 2"],
        "g050": ["nghỉ Tết", "ngày nghỉ"],
    },
    other_sets=(
        ROOT.parent / "shared" / "eval",
        ROOT / "bench" / "dev2",
        ROOT / "bench" / "dev3",
        ROOT / "bench" / "heldout",
        ROOT / "bench" / "dev4",
    ),
    formulae=(
        "stt cơ quan chủ trì nội dung cơ quan phối hợp thời gian hoàn thành",
        "cộng hòa xã hội chủ nghĩa việt nam độc lập tự do hạnh phúc",
        "phó bí thư tỉnh ủy chủ tịch ủy ban nhân dân tỉnh",
    ),
    scans=frozenset({SCAN}),
    text_layers=frozenset({PDF}),
    nfd=frozenset({NFD}),
    # Questions whose evidence in the DOCX must come from a row of its task table.
    tables={DOCX: frozenset({"g002", "g003", "g031"})},
)

if __name__ == "__main__":
    sys.exit(main(SPEC, sys.argv))
