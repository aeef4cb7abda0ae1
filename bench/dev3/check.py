#!/usr/bin/env python3
"""Validate the chidao dev3 set (corpus/ + questions.jsonl) with chidao's own reader: bench/setcheck.py
holds the checks, this file what the set is. Prints OK or the problems; exit 1 on a problem.

Usage (from the repository root): .venv/bin/python bench/dev3/check.py [--dump FILE]
"""

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(ROOT))

from bench.setcheck import SetSpec, main  # noqa: E402

SCAN, NFD = "quyet-dinh-131-qd-tu-2025.pdf", "huong-dan-16-hd-btgdvtu-2025.txt"
SPEC = SetSpec(
    here=HERE,
    prefix="e",
    expected={"task": 9, "passage": 7, "metadata": 5, "cross_doc": 3, "unaccented": 3, "negative": 18},
    n_docs=8,
    chars=(1200, 7000),  # the scan is short (one page of text and a signature page)
    # Negatives: strings that no document (or the named one) may contain, so the library cannot answer.
    absent={
        "e028": ["đồng/con", "mỗi con trâu"],
        "e029": ["Hội Nông dân"],
        "e030": [
            ("ke-hoach-58-kh-tu-2025.docx", "cơ quan Đảng tỉnh"),
            ("ke-hoach-58-kh-tu-2025.docx", "ĐUCCQĐ"),
        ],
        "e031": ["phạt"],
        "e032": ["làm việc với Ban Thường vụ Đảng ủy xã Pò Tấu"],
        "e033": ["2023"],
        "e034": ["Mường Khoa"],
        "e035": ["rừng còn"],
        "e036": ["Luật Phòng, chống thiên tai"],
        "e037": ["từ chối"],
        "e038": ["05-NQ/TU"],
        "e039": ["-BC/"],
        "e040": ["tỷ đồng"],
        "e041": ["cải tạo xong"],
        "e042": ["héc-ta", "/ha"],
        "e043": ["2028"],
        "e044": ["Cựu chiến binh"],
        "e045": ["tăng trưởng"],
    },
    other_sets=(ROOT.parent / "shared" / "eval", ROOT / "bench" / "dev2", ROOT / "bench" / "heldout"),
    formulae=("stt cơ quan chủ trì nội dung cơ quan phối hợp thời gian hoàn thành",),
    scans=frozenset({SCAN}),
    nfd=frozenset({NFD}),
    shown_copies=3,
)

if __name__ == "__main__":
    sys.exit(main(SPEC, sys.argv))
