"""Retrieval evaluation on a question set with gold evidence: the matching rule and the metrics."""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

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
