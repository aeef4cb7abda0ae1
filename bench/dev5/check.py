#!/usr/bin/env python3
"""Validate the chidao dev5 set (corpus/ + questions.jsonl) with chidao's own reader. Prints OK or errors.

Usage (from the repository root): .venv/bin/python bench/dev5/check.py [--dump FILE]
Text and units are what chidao ingests: ingest.reader.read_file (NFC; the NQ PDF is read from its text
layer, the TB PDF is a scan and goes through OCR, the NFD text is normalised) and
ingest.parser.parse_document. Each evidence must lie inside one unit of its gold document and in no other
document. Matching rule as in /work/shared/eval: NFC, whitespace runs -> one space, casefold.
"""

import json
import re
import sys
import unicodedata
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(ROOT))

from ingest.parser import parse_document  # noqa: E402
from ingest.reader import read_file  # noqa: E402

CORPUS, QUESTIONS = HERE / "corpus", HERE / "questions.jsonl"
# Other sets, checked for copied sentences (a different hand must not reuse their text).
OTHER_SETS = [
    ROOT.parent / "shared" / "eval",
    ROOT / "bench" / "dev2",
    ROOT / "bench" / "dev3",
    ROOT / "bench" / "heldout",
    ROOT / "bench" / "dev4",
]
EXPECTED = {"task": 10, "passage": 8, "metadata": 6, "cross_doc": 5, "unaccented": 5, "negative": 16}
N_DOCS, MIN_CHARS, MAX_CHARS = 8, 1500, 4000
MIN_WORDS, MAX_WORDS = 5, 20
RUN = 12  # copy check: a shared run of this many words counts as copying
PDF = "nghi-quyet-06-nq-tu-2025.pdf"  # text layer, two-column header table
SCAN = "thong-bao-ket-luan-41-tb-tu-2025.pdf"  # image only: must be OCR'd
DOCX = "ke-hoach-19-kh-tu-2025.docx"  # task table in the body
NFD = "ke-hoach-24-kh-du-na-lan-2025.txt"  # stored decomposed on disk
# Questions whose evidence in the DOCX must come from a row of its task table.
TABLE_QUESTIONS = {"g002", "g003", "g031"}
KH, BC, XA = DOCX, "bao-cao-112-bc-mttq-2025.md", NFD

# Negatives: strings that no document (or the named one) may contain, so the library cannot answer.
ABSENT = {
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
}
# Genre set phrases (unit names, signature formulae, the task-table header), cut out before the copy check.
FORMULAE = [
    "ủy ban mặt trận tổ quốc việt nam tỉnh",
    "lưu văn phòng tỉnh ủy",
    "t m ban thường vụ",
    "t l ban thường vụ",
    "k t trưởng ban phó trưởng ban",
    "stt cơ quan chủ trì nội dung cơ quan phối hợp thời gian hoàn thành",
    "cộng hòa xã hội chủ nghĩa việt nam độc lập tự do hạnh phúc",
    "phó bí thư tỉnh ủy chủ tịch ủy ban nhân dân tỉnh",
]


def norm(s):
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", s)).strip().casefold()


def runs(t):
    words = " ".join(re.findall(r"\w+", t))
    for f in FORMULAE:
        words = words.replace(f, "|")
    out = set()
    for seg in words.split("|"):
        w = seg.split()
        out.update(" ".join(w[i : i + RUN]) for i in range(len(w) - RUN + 1))
    return out


def read_corpus(errors):
    texts, units = {}, {}
    for p in sorted(CORPUS.iterdir()):
        raw = read_file(p)
        if not MIN_CHARS <= len(raw.text) <= MAX_CHARS:
            errors.append(f"{p.name}: {len(raw.text)} characters, expected {MIN_CHARS}-{MAX_CHARS}")
        if p.name == PDF and raw.ocr:
            errors.append(f"{p.name}: expected a PDF read from its text layer, not by OCR")
        if p.name == SCAN and not raw.ocr:
            errors.append(f"{p.name}: expected a scan read by OCR, but it has a text layer")
        if p.name == NFD:
            disk = p.read_text(encoding="utf-8")
            if disk == unicodedata.normalize("NFC", disk):
                errors.append(f"{p.name}: expected NFD on disk")
        texts[p.name] = norm(raw.text)
        units[p.name] = [(u.kind, norm(u.text)) for u in parse_document(raw, p.name).units]
    if len(texts) != N_DOCS:
        errors.append(f"expected {N_DOCS} documents, found {len(texts)}")
    if not any(kind == "table_row" for kind, _ in units.get(DOCX, [])):
        errors.append(f"{DOCX}: chidao found no table rows")
    return texts, units


def check_question(q, texts, units, errors):
    qid, typ, gold = q.get("id"), q.get("type"), q.get("gold")
    if (
        set(q) - {"id", "question", "type", "gold", "answer"}
        or typ not in EXPECTED
        or not isinstance(gold, list)
    ):
        errors.append(f"{qid}: bad keys, type or gold")
        return
    if typ == "negative":
        if gold:
            errors.append(f"{qid}: negative question has gold")
        for item in ABSENT.get(qid, [None]):
            if item is None:
                errors.append(f"{qid}: negative without ABSENT strings")
                continue
            doc, s = item if isinstance(item, tuple) else (None, item)
            for name, t in texts.items():
                if (doc is None or doc == name) and norm(s) in t:
                    errors.append(f"{qid}: negative, but {name} contains {s!r}")
        return
    if not gold or (typ == "metadata" and not q.get("answer")):
        errors.append(f"{qid}: no gold, or metadata without answer")
    if typ == "unaccented" and (
        any(unicodedata.category(c) == "Mn" for c in unicodedata.normalize("NFD", q["question"]))
        or "đ" in q["question"].casefold()
    ):
        errors.append(f"{qid}: unaccented question has diacritics")
    gold_docs = {g["doc"] for g in gold}
    for g in gold:
        doc, ev = g["doc"], g["evidence"]
        if doc not in texts:
            errors.append(f"{qid}: unknown doc {doc!r}")
            continue
        if not MIN_WORDS <= len(ev.split()) <= MAX_WORDS:
            errors.append(f"{qid}: evidence of {len(ev.split())} words: {ev!r}")
        if norm(ev) not in texts[doc]:
            errors.append(f"{qid}: evidence not in chidao's text of {doc}: {ev!r}")
        elif not any(norm(ev) in u for _, u in units[doc]):
            errors.append(f"{qid}: evidence crosses a unit boundary in {doc}: {ev!r}")
        elif (
            qid in TABLE_QUESTIONS
            and doc == DOCX
            and not any(norm(ev) in u for kind, u in units[doc] if kind == "table_row")
        ):
            errors.append(f"{qid}: evidence not in a table row of {doc}: {ev!r}")
        for other, t in texts.items():
            if other not in gold_docs and norm(ev) in t:
                errors.append(f"{qid}: evidence also in {other} (not in gold): {ev!r}")


def check_copies(texts, qs, errors):
    shingles = set()
    for root in OTHER_SETS:
        if not root.is_dir():
            errors.append(f"{root} missing: copy check impossible")
            continue
        files = [p for p in sorted((root / "corpus").iterdir()) if p.suffix in {".txt", ".md", ".docx"}]
        files += sorted((root / "source").glob("*.txt")) if (root / "source").is_dir() else []
        for p in files:
            shingles |= runs(norm(read_file(p).text))
        for line in (root / "questions.jsonl").read_text(encoding="utf-8").splitlines():
            if line.strip():
                q = json.loads(line)
                shingles |= runs(norm(q["question"]))
                for g in q.get("gold", []):
                    shingles |= runs(norm(g["evidence"]))
    for name, t in list(texts.items()) + [(q["id"], norm(q["question"])) for q in qs]:
        hits = runs(t) & shingles
        if hits:
            errors.append(f"{name}: shares {RUN}-word runs with another set: {sorted(hits)[:40]}")


def main():
    if len(sys.argv) == 3 and sys.argv[1] == "--dump":
        raw = read_file(CORPUS / sys.argv[2])
        for u in parse_document(raw, sys.argv[2]).units:
            print(f"[{u.kind} {u.label}] {u.text}")
        return 0
    errors = []
    texts, units = read_corpus(errors)
    qs = [json.loads(ln) for ln in QUESTIONS.read_text(encoding="utf-8").splitlines() if ln.strip()]
    if [q.get("id") for q in qs] != [f"g{i:03d}" for i in range(1, len(qs) + 1)]:
        errors.append("ids are not g001.. in file order")
    for q in qs:
        check_question(q, texts, units, errors)
    counts = Counter(q.get("type") for q in qs)
    if dict(counts) != EXPECTED:
        errors.append(f"type counts {dict(counts)} != {EXPECTED}")
    check_copies(texts, qs, errors)
    n_ev = sum(len(q["gold"]) for q in qs)
    print(
        f"{len(texts)} documents, {len(qs)} questions, {n_ev} evidence strings; "
        + ", ".join(f"{k} {counts.get(k, 0)}" for k in EXPECTED)
    )
    for e in errors:
        print("ERROR:", e)
    print("OK" if not errors else f"{len(errors)} problems")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
