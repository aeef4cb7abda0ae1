#!/usr/bin/env python3
"""Validate the chidao dev4 set (corpus/ + questions.jsonl) with chidao's own reader: bench/setcheck.py
holds the checks, this file what the set is. Prints OK or the problems; exit 1 on a problem.

Usage (from the repository root): .venv/bin/python bench/dev4/check.py [--dump FILE]
"""

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(ROOT))

from bench.setcheck import SetSpec, main  # noqa: E402

PDF = "ke-hoach-41-kh-tu-2025.pdf"  # text layer, tasks in an appendix table
SPEC = SetSpec(
    here=HERE,
    prefix="f",
    expected={"task": 10, "passage": 8, "metadata": 6, "cross_doc": 5, "unaccented": 4, "negative": 16},
    n_docs=7,
    chars=(1500, 4000),
    # Negatives: strings that no document (or the named one) may contain, so the library cannot answer.
    absent={
        "f034": ["2035"],
        "f035": ["Hòn Khoai"],
        "f036": ["làm việc với Ban Thường vụ Đảng ủy đặc khu Cồn Mây"],
        "f037": ["cột mốc"],
        "f038": ["phạt tiền", "mức phạt"],
        "f039": ["-BC/TU"],
        "f040": [(PDF, "Phụ nữ"), (PDF, "HLHPN")],
        "f041": ["nhiên liệu", "dầu"],
        "f042": ["hè 2024", "hè năm 2024"],
        "f043": ["Long Hải"],
        "f044": [("quy-che-phoi-hop-04-qcph-2025.txt", "Biên phòng")],
        "f045": ["bồi thường", "giá đất"],
        "f046": ["Cồn Mây đón"],
        "f047": ["hộ chiếu"],
        "f048": ["vắc-xin", "sởi"],
        "f049": ["nồng độ cồn"],
    },
    other_sets=(
        ROOT.parent / "shared" / "eval",
        ROOT / "bench" / "dev2",
        ROOT / "bench" / "dev3",
        ROOT / "bench" / "heldout",
    ),
    formulae=("stt cơ quan chủ trì nội dung cơ quan phối hợp thời gian hoàn thành",),
    text_layers=frozenset({PDF}),
    # Questions whose evidence in the PDF must come from a row of the appendix table.
    tables={PDF: frozenset({"f001", "f004", "f028", "f030"})},
)

if __name__ == "__main__":
    sys.exit(main(SPEC, sys.argv))
