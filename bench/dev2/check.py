#!/usr/bin/env python3
"""Validate the chidao dev2 set (corpus/ + questions.jsonl). Prints OK or the problems; exit 1 on error.

Usage: /work/main/.venv/bin/python bench/dev2/check.py [--dump FILE]
Text extraction: .txt UTF-8 (must already be NFC); .docx with python-docx in body order, every paragraph
and every table cell (merged cells once), joined with "\\n"; .pdf with pypdf page.extract_text(), pages
joined with "\\n". Matching rule as in /work/shared/eval: norm(s) = NFC, whitespace runs -> one space,
strip, casefold.
"""

import json
import re
import sys
import unicodedata
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
CORPUS = HERE / "corpus"
SOURCE = HERE / "source"
QUESTIONS = HERE / "questions.jsonl"
# Other sets, checked for copied sentences when present (a different hand must not reuse their text).
OTHER_SETS = [Path("/work/shared/eval"), Path("/work/main/bench/heldout")]
TYPES = {"task", "passage", "metadata", "cross_doc", "unaccented", "negative"}
EXPECTED = {"task": 12, "passage": 10, "metadata": 6, "cross_doc": 5, "unaccented": 5, "negative": 12}
N_DOCS = 8
MIN_CHARS, MAX_CHARS = 3000, 7000
MIN_WORDS, MAX_WORDS = 6, 20
RUN = 12  # copy check: length of a shared word run that counts as copying
APPENDIX_HEAD = ["STT", "Nội dung", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời hạn"]
SIGNATURE = re.compile(r"^\s*(T/M|K/T|T/L)\b")

# Negatives: strings that no document may contain, so that the library really cannot answer.
ABSENT = {
    "d039": ["Yên Thọ"],
    "d040": ["2021"],
    "d041": ["giấy phép", "khai thác thủy sản"],
    "d042": ["giá đất", "bảng giá"],
    "d043": ["làng nước", "đi trước"],
    "d044": ["05-CT/TU", "Chỉ thị số 05"],
    "d045": ["Huyện ủy Kỳ Xuyên"],
    "d046": ["phần trăm đảng viên"],
    "d047": ["triệu đồng đối với", "phạt tiền"],
    "d048": ["Luật Phòng, chống tham nhũng"],
    "d049": ["gia đình người mất tích được"],
    "d050": ["Hội Nông dân"],
}


def norm(s):
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", s)).strip().casefold()


# Set phrases every document of the genre shares (unit names, signature formulae, routine Nơi nhận
# lines); they are cut out before looking for copied runs.
FORMULAE = [
    "ủy ban mặt trận tổ quốc việt nam tỉnh",
    "lưu văn phòng tỉnh ủy",
    "t m ban thường vụ",
    "t l ban thường vụ",
    "k t trưởng ban phó trưởng ban",
]


def runs(t):
    """Set of RUN-word runs of a normalised text, not crossing a set phrase."""
    words = " ".join(re.findall(r"\w+", t))
    for f in FORMULAE:
        words = words.replace(f, "|")
    out = set()
    for seg in words.split("|"):
        w = seg.split()
        out.update(" ".join(w[i : i + RUN]) for i in range(len(w) - RUN + 1))
    return out


def docx_units(path):
    """Body order: paragraphs, and for each table every cell once (merged cells once)."""
    import docx  # python-docx
    from docx.table import Table

    d = docx.Document(str(path))
    parts, tables = [], []
    for block in d.iter_inner_content():
        if isinstance(block, Table):
            seen = []  # keep the cell elements alive: identity test, not id() of temporaries
            rows = []
            for row in block.rows:
                rows.append([c.text for c in row.cells])
                for c in row.cells:
                    if any(c._tc is x for x in seen):
                        continue
                    seen.append(c._tc)
                    parts.append(c.text)
            tables.append(rows)
        else:
            parts.append(block.text)
    return parts, tables


def pdf_pages(path):
    import pypdf

    return [p.extract_text() or "" for p in pypdf.PdfReader(str(path)).pages]


def doc_text(path):
    if path.suffix == ".docx":
        return "\n".join(docx_units(path)[0])
    if path.suffix == ".pdf":
        return "\n".join(pdf_pages(path))
    return path.read_text(encoding="utf-8")


def plain_units(text):
    """Units of a plain text: each non-blank line, and the signature block (from T/M, K/T or T/L on)."""
    lines = text.splitlines()
    units = [ln for ln in lines if ln.strip()]
    for i, ln in enumerate(lines):
        if SIGNATURE.match(ln):
            units.append(" ".join(lines[i:]))
            break
    return units


def units_of(path):
    """Normalised units (paragraph, list item, table row of a text table, cell, signature block)."""
    if path.suffix == ".docx":
        return [norm(u) for u in docx_units(path)[0]]
    if path.suffix == ".pdf":  # units come from the source text; the PDF text is checked separately
        src = SOURCE / (path.stem + ".txt")
        return [norm(u) for u in plain_units(src.read_text(encoding="utf-8"))]
    return [norm(u) for u in plain_units(path.read_text(encoding="utf-8"))]


def check_corpus(errors):
    texts, units = {}, {}
    for p in sorted(CORPUS.iterdir()):
        t = doc_text(p)
        if t != unicodedata.normalize("NFC", t):
            errors.append(f"{p.name}: not NFC")
        if not MIN_CHARS <= len(t) <= MAX_CHARS:
            errors.append(f"{p.name}: {len(t)} characters, expected {MIN_CHARS}-{MAX_CHARS}")
        texts[p.name] = norm(t)
        units[p.name] = units_of(p)
    if len(texts) != N_DOCS:
        errors.append(f"expected {N_DOCS} corpus documents, found {len(texts)}")
    kinds = Counter(Path(n).suffix for n in texts)
    if kinds[".docx"] < 1 or kinds[".pdf"] < 1:
        errors.append(f"need at least one .docx and one .pdf, found {dict(kinds)}")
    for p in CORPUS.glob("*.pdf"):
        pages = pdf_pages(p)
        for n, page in enumerate(pages, 1):
            if f"Trang {n}/{len(pages)}" not in page:
                errors.append(f"{p.name}: page {n} has no 'Trang {n}/{len(pages)}' footer")
        src = SOURCE / (p.stem + ".txt")
        if not src.exists():
            errors.append(f"{p.name}: no source/{src.name}")
            continue
        s = src.read_text(encoding="utf-8")
        if s != unicodedata.normalize("NFC", s):
            errors.append(f"{src.name}: not NFC")
        for line in s.splitlines():
            for cell in line.split("|"):
                if cell.strip() and norm(cell) not in texts[p.name]:
                    errors.append(f"{p.name}: source line lost in extraction: {cell.strip()[:60]!r}")
    for p in CORPUS.glob("*.docx"):
        _, tables = docx_units(p)
        if not any(rows and [c.strip() for c in rows[0]] == APPENDIX_HEAD for rows in tables):
            errors.append(f"{p.name}: no appendix table headed {' | '.join(APPENDIX_HEAD)}")
    return texts, units


def load_questions(errors):
    qs = []
    for n, line in enumerate(QUESTIONS.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        if line != unicodedata.normalize("NFC", line):
            errors.append(f"questions.jsonl line {n}: not NFC")
        try:
            qs.append(json.loads(line))
        except json.JSONDecodeError as e:
            errors.append(f"line {n}: bad JSON ({e})")
    ids = [q.get("id") for q in qs]
    for i, c in Counter(ids).items():
        if c > 1:
            errors.append(f"duplicate id {i}")
    if ids != [f"d{i:03d}" for i in range(1, len(qs) + 1)]:
        errors.append("ids are not d001.. in file order")
    return qs


def check_question(q, texts, units, errors):
    """Returns the number of evidence strings checked."""
    keys = {"id", "question", "type", "gold", "answer"}
    qid, typ, gold = q.get("id"), q.get("type"), q.get("gold")
    if set(q) - keys:
        errors.append(f"{qid}: unexpected keys {sorted(set(q) - keys)}")
    if typ not in TYPES:
        errors.append(f"{qid}: invalid type {typ!r}")
    if not isinstance(q.get("question"), str) or not q["question"].strip():
        errors.append(f"{qid}: empty question")
    if not isinstance(gold, list):
        errors.append(f"{qid}: gold is not a list")
        return 0
    if typ == "negative":
        if gold:
            errors.append(f"{qid}: negative question has gold")
        for s in ABSENT.get(qid, []):
            for name, t in texts.items():
                if norm(s) in t:
                    errors.append(f"{qid}: negative, but {name} contains {s!r}")
        return 0
    if not gold:
        errors.append(f"{qid}: non-negative question without gold")
    if typ == "metadata" and not q.get("answer"):
        errors.append(f"{qid}: metadata question without answer")
    if typ == "unaccented":
        stripped = "".join(
            c for c in unicodedata.normalize("NFD", q["question"]) if unicodedata.category(c) != "Mn"
        )
        if q["question"] != stripped or "đ" in q["question"].casefold():
            errors.append(f"{qid}: unaccented question still has diacritics")
    gold_docs = {g.get("doc") for g in gold}
    for g in gold:
        doc, ev = g.get("doc"), g.get("evidence", "")
        if doc not in texts:
            errors.append(f"{qid}: unknown doc {doc!r}")
            continue
        w = len(ev.split())
        if not MIN_WORDS <= w <= MAX_WORDS:
            errors.append(f"{qid}: evidence has {w} words ({MIN_WORDS}-{MAX_WORDS}): {ev!r}")
        if norm(ev) not in texts[doc]:
            errors.append(f"{qid}: evidence not found in {doc}: {ev!r}")
        elif not any(norm(ev) in u for u in units[doc]):
            errors.append(f"{qid}: evidence crosses a paragraph/cell boundary in {doc}: {ev!r}")
        for other, t in texts.items():
            if other not in gold_docs and norm(ev) in t:
                errors.append(f"{qid}: evidence also occurs in {other} (not in gold): {ev!r}")
    return len(gold)


def check_copies(texts, qs, errors, notes):
    """No RUN-word run shared with another eval set (its corpus text, sources and questions)."""
    other = []
    for root in OTHER_SETS:
        if not root.is_dir():
            notes.append(f"({root} not present: copy check against it skipped)")
            continue
        for p in sorted((root / "corpus").iterdir()) + sorted((root / "source").glob("*.txt")):
            if p.suffix in {".txt", ".md"}:
                other.append(norm(p.read_text(encoding="utf-8")))
            elif p.suffix == ".docx":
                other.append(norm(doc_text(p)))
        qf = root / "questions.jsonl"
        if qf.exists():
            for line in qf.read_text(encoding="utf-8").splitlines():
                if line.strip():
                    q = json.loads(line)
                    other.append(norm(q["question"]))
                    other += [norm(g["evidence"]) for g in q.get("gold", [])]
    shingles = set()
    for t in other:
        shingles |= runs(t)
    mine = list(texts.items()) + [(q["id"], norm(q["question"])) for q in qs]
    for name, t in mine:
        hits = runs(t) & shingles
        if hits:
            errors.append(f"{name}: shares {RUN}-word runs with another eval set: {sorted(hits)[:3]}")


def main():
    if len(sys.argv) == 3 and sys.argv[1] == "--dump":
        print(doc_text(CORPUS / sys.argv[2]))
        return 0
    errors, notes = [], []
    texts, units = check_corpus(errors)
    qs = load_questions(errors)
    n_ev = sum(check_question(q, texts, units, errors) for q in qs)
    counts = Counter(q.get("type") for q in qs)
    if dict(counts) != EXPECTED:
        errors.append(f"type counts {dict(counts)} != {EXPECTED}")
    check_copies(texts, qs, errors, notes)
    print(
        f"{len(texts)} documents, {len(qs)} questions, {n_ev} evidence strings; "
        + ", ".join(f"{k} {counts.get(k, 0)}" for k in EXPECTED)
    )
    for n in notes:
        print(n)
    if errors:
        for e in errors:
            print("ERROR:", e)
        return 1
    print("OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
