"""On the eval corpus, every gold evidence string survives reading: the readers lose and break nothing."""

from __future__ import annotations

import json
import unicodedata
from collections import Counter
from pathlib import Path

import pytest

from ingest.reader import read_file

EVAL = Path(__file__).resolve().parents[3] / "shared" / "eval"
CORPUS = EVAL / "corpus"
QUESTIONS = EVAL / "questions.jsonl"
SOURCE = EVAL / "source"

pytestmark = pytest.mark.skipif(not QUESTIONS.exists(), reason="eval set (/work/shared/eval) not present")


def _norm(text: str) -> str:
    """The eval matching rule: NFC, whitespace runs → one space, strip, casefold."""
    return " ".join(unicodedata.normalize("NFC", text).split()).casefold()


def _evidence_by_doc() -> dict[str, list[str]]:
    if not QUESTIONS.exists():
        return {}
    out: dict[str, list[str]] = {}
    for line in QUESTIONS.read_text(encoding="utf-8").splitlines():
        for gold in json.loads(line)["gold"] if line.strip() else []:
            out.setdefault(gold["doc"], []).append(gold["evidence"])
    return out


EVIDENCE = _evidence_by_doc()
DOCS = sorted(p.name for p in CORPUS.iterdir()) if CORPUS.exists() else []


@pytest.mark.parametrize("doc", DOCS)
def test_every_gold_evidence_is_in_the_reader_output(doc: str) -> None:
    text = _norm(read_file(CORPUS / doc, ocr=False).text)
    missing = [e for e in EVIDENCE.get(doc, []) if _norm(e) not in text]
    assert missing == []


@pytest.mark.parametrize("doc", [d for d in DOCS if (SOURCE / Path(d).with_suffix(".txt").name).exists()])
def test_reader_output_has_the_words_of_the_source_text(doc: str) -> None:
    """The words of source/ (the ideal text), whatever the line and cell breaks: all of them, and in order
    after the "-----" rule below the title (a DOCX header table comes out cell by cell, not row by row).
    """
    source = (SOURCE / Path(doc).with_suffix(".txt").name).read_text(encoding="utf-8")
    want = _norm(source).replace(" |", "").split()
    got = _norm(read_file(CORPUS / doc, ocr=False).text).replace(" |", "").split()
    assert Counter(got) == Counter(want)
    assert got[got.index("-----") :] == want[want.index("-----") :]


@pytest.mark.parametrize(
    ("doc", "pages", "split"),
    [
        ("nghi-quyet-12-nq-tu-2022.pdf", 5, "giải quyết đúng thời hạn"),
        ("bao-cao-so-ket-168-bc-tu-2024.pdf", 4, "Ban Dân vận Tỉnh ủy hoàn thành dự thảo"),
    ],
)
def test_pdf_paragraph_split_by_page_break_is_one_line(doc: str, pages: int, split: str) -> None:
    raw = read_file(CORPUS / doc)
    line = next(x for x in raw.text.splitlines() if split in x)
    assert len(raw.page_starts) == pages
    assert "Trang" not in raw.text and "Tỉnh ủy Hải Lâm —" not in raw.text
    start = raw.text.index(line)
    assert any(start < s < start + len(line) for s in raw.page_starts)
