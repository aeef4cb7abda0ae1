"""Evaluation on a question set with gold evidence: the matching rule, retrieval metrics and answer scores
(top citation, metadata facts, "không tìm thấy")."""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from chidao.core.model import Answer
from chidao.core.text import fold

KS = (1, 5, 10)


def norm(text: str) -> str:
    """The eval set's matching normal form: NFC, whitespace runs → one space, stripped, casefolded."""
    return " ".join(unicodedata.normalize("NFC", text).split()).casefold()


def is_relevant(doc: str, text: str, gold: Iterable[dict]) -> bool:
    """A hit is relevant when its document is a gold document and the gold evidence lies in its text."""
    body = norm(text)
    return any(Path(doc).name == g["doc"] and norm(g["evidence"]) in body for g in gold)


def first_relevant_rank(hits: Sequence[tuple[str, str]], gold: Sequence[dict]) -> int | None:
    """1-based rank of the first relevant (doc, text) hit, None when there is none."""
    for rank, (doc, text) in enumerate(hits, start=1):
        if is_relevant(doc, text, gold):
            return rank
    return None


def load_questions(path: Path) -> list[dict]:
    """Questions from a JSON Lines file (one object a line, blank lines ignored)."""
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


@dataclass
class RetrievalScores:
    """recall@1/5/10 and MRR@10 over answerable questions, overall and per question type."""

    n: int = 0
    found_at: dict[int, int] = field(default_factory=lambda: dict.fromkeys(KS, 0))
    rr_sum: float = 0.0

    def add(self, rank: int | None) -> None:
        self.n += 1
        for k in KS:
            self.found_at[k] += int(rank is not None and rank <= k)
        self.rr_sum += 1.0 / rank if rank is not None and rank <= 10 else 0.0

    def as_dict(self) -> dict[str, float | int]:
        out: dict[str, float | int] = {"n": self.n}
        for k in KS:
            out[f"recall@{k}"] = round(self.found_at[k] / self.n, 4) if self.n else 0.0
        out["mrr@10"] = round(self.rr_sum / self.n, 4) if self.n else 0.0
        return out


def score_retrieval(questions: Sequence[dict], ranked: Sequence[Sequence[tuple[str, str]]]) -> dict:
    """Metrics for `ranked[i]` = the (doc, text) hits of `questions[i]`; negatives are skipped."""
    overall = RetrievalScores()
    by_type: dict[str, RetrievalScores] = {}
    misses = []
    for question, hits in zip(questions, ranked, strict=True):
        if not question.get("gold"):
            continue
        rank = first_relevant_rank(hits, question["gold"])
        overall.add(rank)
        by_type.setdefault(question.get("type", "?"), RetrievalScores()).add(rank)
        if rank is None or rank > 5:
            misses.append({"id": question.get("id"), "rank": rank, "question": question["question"]})
    return {
        "overall": overall.as_dict(),
        "by_type": {t: s.as_dict() for t, s in sorted(by_type.items())},
        "misses": misses,
    }


# Targets of the issue: top citation correct, metadata facts present, negatives declared not found,
# answerable questions found.
TARGET_CITATION = 0.9
TARGET_FACTS = 0.9
TARGET_NEGATIVES = 0.8
TARGET_FOUND = 0.95

_NUMERIC_DATE = re.compile(r"\b(\d{1,2})/(\d{1,2})/(\d{4})\b")
_WORDY_DATE = re.compile(r"ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})", re.IGNORECASE)
_DOC_NUMBER = re.compile(r"\b\d+(?:-[A-ZĐa-zđ]+)?/[A-ZĐa-zđ]+(?:-[A-ZĐa-zđ]+)?\b")
# Two or more capitalised words in a row: names of people and units ("Đặng Ngọc Huy", "Ban Nội chính").
_NAME = re.compile(r"\b[A-ZĐÂĂÊÔƠƯÁÀẢÃẠ][\w/]*(?:\s+[A-ZĐÂĂÊÔƠƯÁÀẢÃẠ][\w/]*)+")


def _dates(text: str) -> set[tuple[int, int, int]]:
    found = _NUMERIC_DATE.findall(text) + _WORDY_DATE.findall(unicodedata.normalize("NFC", text))
    return {(int(d), int(m), int(y)) for d, m, y in found}


def expected_facts(answer: str) -> list[str]:
    """The checkable facts of an expected answer: full dates, document numbers, capitalised names."""
    text = unicodedata.normalize("NFC", answer)
    facts = [f"{d}/{m}/{y}" for d, m, y in sorted(_dates(text))]
    facts += _DOC_NUMBER.findall(text)
    facts += [n for n in _NAME.findall(_NUMERIC_DATE.sub(" ", text)) if not _DOC_NUMBER.fullmatch(n)]
    return list(dict.fromkeys(facts))


def facts_present(expected: str, answer: Answer) -> float:
    """Share of an expected answer's facts found in the answer text or its citations."""
    shown = "\n".join([answer.text, *(c.hit.unit.text for c in answer.citations)])
    dates, folded = _dates(shown), fold(" ".join(shown.split()))
    facts = expected_facts(expected)
    if not facts:
        return 1.0
    hit = 0
    for fact in facts:
        date = _NUMERIC_DATE.fullmatch(fact)
        if date:
            hit += (int(date[1]), int(date[2]), int(date[3])) in dates
        else:
            hit += fold(fact) in folded
    return hit / len(facts)


def citation_correct(question: dict, answer: Answer) -> bool:
    """The top citation is gold: same document file name, gold evidence inside its unit text."""
    if not answer.found or not answer.citations:
        return False
    top = answer.citations[0].hit
    return is_relevant(top.document.id, top.unit.text, question["gold"])


@dataclass(frozen=True, slots=True)
class AnswerScores:
    """Answer-level scores of a question set; `rows`: (id, type, found, correct, facts) per question."""

    answerable: int
    citation_correct: float
    metadata: int
    metadata_facts: float
    negatives: int
    negatives_not_found: int
    answerable_found: float
    per_type: dict[str, float] = field(default_factory=dict)
    rows: tuple[tuple[str, str, bool, bool, float], ...] = ()

    @property
    def meets_targets(self) -> bool:
        return (
            self.citation_correct >= TARGET_CITATION
            and self.metadata_facts >= TARGET_FACTS
            and self.negatives_not_found >= TARGET_NEGATIVES * self.negatives
            and self.answerable_found >= TARGET_FOUND
        )


def evaluate_answers(questions: Sequence[dict], ask: Callable[[str], Answer]) -> AnswerScores:
    """Ask every question and score the answers (eval README format: id, question, type, gold, answer)."""
    rows = []
    for q in questions:
        answer = ask(q["question"])
        facts = facts_present(q["answer"], answer) if q.get("answer") else 1.0
        rows.append((q["id"], q["type"], answer.found, citation_correct(q, answer), facts))
    answerable = [r for r in rows if r[1] != "negative"]
    metadata = [r for r in rows if r[1] == "metadata"]
    per_type: dict[str, list[bool]] = {}
    for r in answerable:
        per_type.setdefault(r[1], []).append(r[3])
    return AnswerScores(
        answerable=len(answerable),
        citation_correct=sum(r[3] for r in answerable) / len(answerable) if answerable else 0.0,
        metadata=len(metadata),
        metadata_facts=sum(r[4] for r in metadata) / len(metadata) if metadata else 0.0,
        negatives=len(rows) - len(answerable),
        negatives_not_found=sum(1 for r in rows if r[1] == "negative" and not r[2]),
        answerable_found=sum(r[2] for r in answerable) / len(answerable) if answerable else 0.0,
        per_type={t: sum(v) / len(v) for t, v in sorted(per_type.items())},
        rows=tuple(rows),
    )


def evaluate_library(
    search_many: Callable[..., list],
    ask: Callable[[str], Answer],
    questions: Sequence[dict],
    *,
    answers: bool,
) -> dict:
    """The `chidao eval --json` object: overall and per-type R@1/5/10, MRR@10, misses, and under
    "answers" the top-citation, facts, negatives and found rates."""
    ranked = search_many([q["question"] for q in questions], 10)
    metrics = score_retrieval(questions, [[(h.document.id, h.unit.text) for h in hits] for hits in ranked])
    if answers:
        scores = evaluate_answers(questions, ask)
        metrics["answers"] = {
            "citation_correct": round(scores.citation_correct, 4),
            "citation_correct_by_type": {t: round(v, 4) for t, v in scores.per_type.items()},
            "metadata_facts": round(scores.metadata_facts, 4),
            "negatives_not_found": scores.negatives_not_found,
            "negatives": scores.negatives,
            "answerable_found": round(scores.answerable_found, 4),
            "wrong": [r[0] for r in scores.rows if r[1] != "negative" and not r[3]],
            "negatives_answered": [r[0] for r in scores.rows if r[1] == "negative" and r[2]],
        }
    return metrics
