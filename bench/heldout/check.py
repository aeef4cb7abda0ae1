#!/usr/bin/env python3
"""Validate the chidao held-out set (corpus/ + questions.jsonl). Prints OK or the problems; exit 1 on error.

Usage: /work/main/.venv/bin/python bench/heldout/check.py [--dump FILE]
Text extraction: .txt/.md UTF-8 (must already be NFC); .docx with python-docx in body order, every
paragraph and every table cell (merged cells once), joined with "\\n". Matching rule as in /work/shared/eval:
norm(s) = NFC, whitespace runs -> one space, strip, casefold.
"""

import json
import re
import sys
import unicodedata
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
CORPUS = HERE / "corpus"
QUESTIONS = HERE / "questions.jsonl"
SHARED = Path("/work/shared/eval")  # optional: the developer set, checked for copied sentences
TYPES = {"task", "passage", "metadata", "cross_doc", "unaccented", "negative"}
EXPECTED = {"task": 10, "passage": 8, "metadata": 6, "cross_doc": 4, "unaccented": 4, "negative": 8}
MIN_WORDS, MAX_WORDS = 6, 20
RUN = 12  # copy check: length of a shared word run that counts as copying


def norm(s):
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", s)).strip().casefold()


# Set phrases every document of the genre may share (campaign and unit names, signature formulae);
# they are cut out before looking for copied runs.
FORMULAE = [
    "cuộc vận động toàn dân đoàn kết xây dựng nông thôn mới đô thị văn minh",
    "lưu văn phòng tỉnh ủy",
    "t m ban thường vụ",
    "t l ban thường vụ",
    "ban thường trực ủy ban mặt trận tổ quốc việt nam tỉnh",
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


def docx_text(path):
    """Body order: paragraphs, and for each table every cell once (merged cells once)."""
    import docx  # python-docx
    from docx.table import Table

    d = docx.Document(str(path))
    parts = []
    for block in d.iter_inner_content():
        if isinstance(block, Table):
            seen = []  # keep the cell elements alive: identity test, not id() of temporaries
            for row in block.rows:
                for c in row.cells:
                    if any(c._tc is x for x in seen):
                        continue
                    seen.append(c._tc)
                    parts.append(c.text)
        else:
            parts.append(block.text)
    return "\n".join(parts)


def doc_text(path):
    if path.suffix == ".docx":
        return docx_text(path)
    raw = path.read_text(encoding="utf-8")
    return raw


def main():
    errors, notes = [], []
    if len(sys.argv) == 3 and sys.argv[1] == "--dump":
        print(doc_text(CORPUS / sys.argv[2]))
        return 0

    texts = {}
    for p in sorted(CORPUS.iterdir()):
        t = doc_text(p)
        if p.suffix != ".docx" and t != unicodedata.normalize("NFC", t):
            errors.append(f"{p.name}: not NFC")
        if not 2000 <= len(t) <= 6000:
            errors.append(f"{p.name}: {len(t)} characters, expected 2000-6000")
        texts[p.name] = norm(t)
    if len(texts) != 6:
        errors.append(f"expected 6 corpus documents, found {len(texts)}")

    qs = []
    for n, line in enumerate(QUESTIONS.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            qs.append(json.loads(line))
        except json.JSONDecodeError as e:
            errors.append(f"line {n}: bad JSON ({e})")
    ids = [q.get("id") for q in qs]
    for i, c in Counter(ids).items():
        if c > 1:
            errors.append(f"duplicate id {i}")
    if ids != [f"h{i:03d}" for i in range(1, len(qs) + 1)]:
        errors.append("ids are not h001.. in file order")

    n_ev = 0
    for q in qs:
        qid, typ, gold = q.get("id"), q.get("type"), q.get("gold")
        if set(q) - {"id", "question", "type", "gold", "answer"}:
            errors.append(
                f"{qid}: unexpected keys {sorted(set(q) - {'id', 'question', 'type', 'gold', 'answer'})}"
            )
        if typ not in TYPES:
            errors.append(f"{qid}: invalid type {typ!r}")
        if not isinstance(q.get("question"), str) or not q["question"].strip():
            errors.append(f"{qid}: empty question")
        if not isinstance(gold, list):
            errors.append(f"{qid}: gold is not a list")
            continue
        if typ == "negative":
            if gold:
                errors.append(f"{qid}: negative question has gold")
            continue
        if not gold:
            errors.append(f"{qid}: non-negative question without gold")
        if typ == "metadata" and not q.get("answer"):
            errors.append(f"{qid}: metadata question without answer")
        if typ == "unaccented" and q["question"] != "".join(
            c for c in unicodedata.normalize("NFD", q["question"]) if unicodedata.category(c) != "Mn"
        ):
            errors.append(f"{qid}: unaccented question still has diacritics")
        if typ == "unaccented" and "đ" in q["question"].casefold():
            errors.append(f"{qid}: unaccented question contains đ")
        gold_docs = {g.get("doc") for g in gold}
        for g in gold:
            n_ev += 1
            doc, ev = g.get("doc"), g.get("evidence", "")
            if doc not in texts:
                errors.append(f"{qid}: unknown doc {doc!r}")
                continue
            w = len(ev.split())
            if w < MIN_WORDS or w > MAX_WORDS:
                errors.append(f"{qid}: evidence has {w} words ({MIN_WORDS}-{MAX_WORDS}): {ev!r}")
            if norm(ev) not in texts[doc]:
                errors.append(f"{qid}: evidence not found in {doc}: {ev!r}")
            for other, t in texts.items():
                if other not in gold_docs and norm(ev) in t:
                    errors.append(f"{qid}: evidence also occurs in {other} (not in gold): {ev!r}")

    counts = Counter(q.get("type") for q in qs)
    if dict(counts) != EXPECTED:
        errors.append(f"type counts {dict(counts)} != {EXPECTED}")

    # Held-out means written by another hand: no 12-word run shared with the developer set
    # (shorter runs are unit names and signature formulae, which every such document shares).
    if SHARED.is_dir():
        dev = []
        for p in (
            list((SHARED / "corpus").glob("*.txt"))
            + list((SHARED / "corpus").glob("*.md"))
            + list((SHARED / "source").glob("*.txt"))
        ):
            dev.append(norm(p.read_text(encoding="utf-8")))
        qf = SHARED / "questions.jsonl"
        if qf.exists():
            dev += [
                norm(json.loads(l)["question"])
                for l in qf.read_text(encoding="utf-8").splitlines()
                if l.strip()
            ]
        shingles = set()
        for t in dev:
            shingles |= runs(t)
        mine = [(n, norm(doc_text(CORPUS / n))) for n in texts] + [(q["id"], norm(q["question"])) for q in qs]
        for name, t in mine:
            hits = runs(t) & shingles
            if hits:
                errors.append(f"{name}: shares {RUN}-word runs with /work/shared/eval: {sorted(hits)[:3]}")
    else:
        notes.append("(/work/shared/eval not present: copy check skipped)")

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
