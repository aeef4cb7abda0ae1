#!/usr/bin/env python3
"""Validate the chidao dev8 set (corpus/ + questions.jsonl) with chidao's own reader: bench/setcheck.py
holds the checks, this file what the set is (two text-layer PDFs: the two-column newsletter speech and
the Chương trình hành động with a two-page task table; a DOCX with its header in text boxes; a .txt in
Windows-1258). Prints OK or the problems; exit 1 on a problem.

Usage (from the repository root): .venv/bin/python bench/dev8/check.py [--dump FILE]
"""

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(ROOT))

from bench.setcheck import SetSpec, main  # noqa: E402

BT = "ban-tin-phat-bieu-bi-thu-hoi-nghi-nq05-2025.pdf"  # newsletter, speech in two columns (Frames)
NQ = "nghi-quyet-05-nq-tu-2025.txt"  # Phần thứ nhất / Phần thứ hai, I./1./a), numbered % targets (1)-(6)
CTR = "chuong-trinh-hanh-dong-12-ctr-du-2025.pdf"  # task table over two pages, header row repeated
CD = "cong-dien-03-cd-tu-2026.txt"  # CÔNG ĐIỆN, "Điện:" line, short numbered orders, (đã ký)
KH = "ke-hoach-27-kh-tu-2025.docx"  # issuer/number and quốc hiệu in text boxes (wps + VML fallback)
KL = "ket-luan-18-kl-tu-2026.txt"  # Kết luận with footnotes [1]-[3] citing other documents
BC = "bao-cao-46-bc-du-xa-cu-prong-2025.txt"  # Windows-1258, combining tone marks, CRLF
SPEC = SetSpec(
    here=HERE,
    prefix="m",
    expected={"task": 8, "passage": 6, "metadata": 5, "cross_doc": 4, "unaccented": 4, "negative": 13},
    n_docs=7,
    chars=(1500, 4500),
    absent={
        "m028": ["Ea Hleo"],
        "m029": ["2023"],
        "m030": ["2031", "2035"],
        "m031": ["41-KH/TU quy định", "các bước bàn giao", "bước"],
        "m032": ["ha cà phê có chứng nhận", "đã có chứng nhận", "đạt chứng nhận"],
        "m033": ["phạt tiền", "mức phạt", "xử phạt"],
        "m034": ["Cựu chiến binh", "CCB"],
        "m035": ["2026 - 2027", "2026-2027", "mùa khô 2026"],
        "m036": ["đồng/kg", "giá thu mua", "đồng một ký"],
        "m037": ["81-KL/TW", "Kết luận số 81"],
        "m038": ["khởi tố", "bị bắt"],
        "m039": [(KH, "tỷ đồng"), (KH, "kinh phí")],
        "m040": ["Sở Y tế"],
    },
    other_sets=(
        ROOT.parent / "shared" / "eval",
        ROOT / "bench" / "dev2",
        ROOT / "bench" / "dev3",
        ROOT / "bench" / "heldout",
        ROOT / "bench" / "dev4",
        ROOT / "bench" / "dev5",
        ROOT / "bench" / "dev6",
        ROOT / "bench" / "dev7",
    ),
    formulae=(
        "đảng ủy ủy ban nhân dân tỉnh",
        "ban tuyên giáo và dân vận tỉnh ủy",
    ),
    text_layers=frozenset({BT, CTR}),
    tables={CTR: frozenset({"m001", "m002", "m007"})},
)

if __name__ == "__main__":
    sys.exit(main(SPEC, sys.argv))
