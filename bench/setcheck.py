"""The checks shared by the development sets validated with chidao's own reader (bench/dev3, dev4,
dev5): each set's check.py states what its set is (`SetSpec`) and calls `main`.

Text and units are what chidao ingests: ingest.reader.read_file (NFC; scans OCR'd, NFD normalised) and
ingest.parser.parse_document. Each evidence must lie inside one unit of its gold document and in no
other document; a negative's ABSENT strings in no document (or not in the one named). Matching rule
as in /work/shared/eval: NFC, whitespace runs -> one space, casefold. No RUN-word run of the set's
text or questions may be shared with another set, set phrases of the genre (FORMULAE) aside.
"""

from __future__ import annotations

import json
import re
import sys
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from ingest.parser import parse_document  # noqa: E402
from ingest.reader import read_file  # noqa: E402

RUN = 12  # copy check: a shared run of this many words counts as copying
# Genre set phrases (unit names, signature formulae, the task-table header), cut out before the
# copy check; a set adds its own.
FORMULAE = (
    "ủy ban mặt trận tổ quốc việt nam tỉnh",
    "lưu văn phòng tỉnh ủy",
    "t m ban thường vụ",
    "t l ban thường vụ",
    "k t trưởng ban phó trưởng ban",
)


@dataclass(frozen=True)
class SetSpec:
    """What a question set is: its folder, id prefix, type counts, sizes and the layouts it holds."""

    here: Path
    prefix: str  # question ids are PREFIX001, PREFIX002, … in file order
    expected: dict[str, int]  # questions per type
    n_docs: int
    chars: tuple[int, int]  # characters of each document as chidao reads it
    absent: dict[str, list]  # negative id → strings (or (document, string)) no document may hold
    other_sets: tuple[Path, ...]  # sets checked for copied runs
    words: tuple[int, int] = (5, 20)  # words of an evidence string
    formulae: tuple[str, ...] = ()  # the set's own set phrases, besides FORMULAE
    scans: frozenset[str] = frozenset()  # files chidao must read by OCR
    text_layers: frozenset[str] = frozenset()  # PDFs chidao must read from their text layer
    nfd: frozenset[str] = frozenset()  # files stored decomposed on disk
    # document → questions whose evidence there must lie in a row of its task table
    tables: dict[str, frozenset[str]] = field(default_factory=dict)
    shown_copies: int = 40  # copied runs shown per problem


def norm(s: str) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", s)).strip().casefold()


def runs(t: str, formulae: tuple[str, ...]) -> set[str]:
    """RUN-word runs of a normalised text, none crossing a set phrase."""
    words = " ".join(re.findall(r"\w+", t))
    for f in formulae:
        words = words.replace(f, "|")
    out = set()
    for seg in words.split("|"):
        w = seg.split()
        out.update(" ".join(w[i : i + RUN]) for i in range(len(w) - RUN + 1))
    return out


def read_corpus(spec: SetSpec, errors: list[str]) -> tuple[dict, dict]:
    texts, units = {}, {}
    low, high = spec.chars
    for p in sorted((spec.here / "corpus").iterdir()):
        raw = read_file(p)
        if not low <= len(raw.text) <= high:
            errors.append(f"{p.name}: {len(raw.text)} characters, expected {low}-{high}")
        if p.name in spec.text_layers and raw.ocr:
            errors.append(f"{p.name}: expected a PDF read from its text layer, not by OCR")
        if p.name in spec.scans and not raw.ocr:
            errors.append(f"{p.name}: expected a scan read by OCR")
        if p.name in spec.nfd:
            disk = p.read_text(encoding="utf-8")
            if disk == unicodedata.normalize("NFC", disk):
                errors.append(f"{p.name}: expected Unicode NFD on disk")
        texts[p.name] = norm(raw.text)
        units[p.name] = [(u.kind, norm(u.text)) for u in parse_document(raw, p.name).units]
    if len(texts) != spec.n_docs:
        errors.append(f"expected {spec.n_docs} documents, found {len(texts)}")
    for doc in spec.tables:
        if not any(kind == "table_row" for kind, _ in units.get(doc, [])):
            errors.append(f"{doc}: chidao found no table rows")
    return texts, units


def check_question(spec: SetSpec, q: dict, texts: dict, units: dict, errors: list[str]) -> None:
    qid, typ, gold = q.get("id"), q.get("type"), q.get("gold")
    if (
        set(q) - {"id", "question", "type", "gold", "answer"}
        or typ not in spec.expected
        or not isinstance(gold, list)
    ):
        errors.append(f"{qid}: bad keys, type or gold")
        return
    if typ == "negative":
        if gold:
            errors.append(f"{qid}: negative question has gold")
        for item in spec.absent.get(qid, [None]):
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
        if not spec.words[0] <= len(ev.split()) <= spec.words[1]:
            errors.append(f"{qid}: evidence of {len(ev.split())} words: {ev!r}")
        if norm(ev) not in texts[doc]:
            errors.append(f"{qid}: evidence not in chidao's text of {doc}: {ev!r}")
        elif not any(norm(ev) in u for _, u in units[doc]):
            errors.append(f"{qid}: evidence crosses a unit boundary in {doc}: {ev!r}")
        elif qid in spec.tables.get(doc, ()) and not any(
            norm(ev) in u for kind, u in units[doc] if kind == "table_row"
        ):
            errors.append(f"{qid}: evidence not in a table row of {doc}: {ev!r}")
        for other, t in texts.items():
            if other not in gold_docs and norm(ev) in t:
                errors.append(f"{qid}: evidence also in {other} (not in gold): {ev!r}")


def check_copies(spec: SetSpec, texts: dict, qs: list[dict], errors: list[str]) -> None:
    formulae = (*FORMULAE, *spec.formulae)
    shingles: set[str] = set()
    for root in spec.other_sets:
        if not root.is_dir():
            errors.append(f"{root} missing: copy check impossible")
            continue
        files = [p for p in sorted((root / "corpus").iterdir()) if p.suffix in {".txt", ".md", ".docx"}]
        files += sorted((root / "source").glob("*.txt")) if (root / "source").is_dir() else []
        for p in files:
            shingles |= runs(norm(read_file(p).text), formulae)
        for line in (root / "questions.jsonl").read_text(encoding="utf-8").splitlines():
            if line.strip():
                q = json.loads(line)
                shingles |= runs(norm(q["question"]), formulae)
                for g in q.get("gold", []):
                    shingles |= runs(norm(g["evidence"]), formulae)
    for name, t in list(texts.items()) + [(q["id"], norm(q["question"])) for q in qs]:
        hits = runs(t, formulae) & shingles
        if hits:
            shown = sorted(hits)[: spec.shown_copies]
            errors.append(f"{name}: shares {RUN}-word runs with another set: {shown}")


def main(spec: SetSpec, argv: list[str]) -> int:
    """Check the set (prints OK or the problems; 1 on a problem); `--dump FILE` prints its units."""
    if len(argv) == 3 and argv[1] == "--dump":
        raw = read_file(spec.here / "corpus" / argv[2])
        for u in parse_document(raw, argv[2]).units:
            print(f"[{u.kind} {u.label}] {u.text}")
        return 0
    errors: list[str] = []
    texts, units = read_corpus(spec, errors)
    questions = (spec.here / "questions.jsonl").read_text(encoding="utf-8").splitlines()
    qs = [json.loads(ln) for ln in questions if ln.strip()]
    if [q.get("id") for q in qs] != [f"{spec.prefix}{i:03d}" for i in range(1, len(qs) + 1)]:
        errors.append(f"ids are not {spec.prefix}001.. in file order")
    for q in qs:
        check_question(spec, q, texts, units, errors)
    counts = Counter(q.get("type") for q in qs)
    if dict(counts) != spec.expected:
        errors.append(f"type counts {dict(counts)} != {spec.expected}")
    check_copies(spec, texts, qs, errors)
    n_ev = sum(len(q["gold"]) for q in qs)
    print(
        f"{len(texts)} documents, {len(qs)} questions, {n_ev} evidence strings; "
        + ", ".join(f"{k} {counts.get(k, 0)}" for k in spec.expected)
    )
    for e in errors:
        print("ERROR:", e)
    print("OK" if not errors else f"{len(errors)} problems")
    return 1 if errors else 0
