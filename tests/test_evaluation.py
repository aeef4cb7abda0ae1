"""Answer scores on a question set: top citation, metadata facts, not found."""

from __future__ import annotations

from chidao.core.model import Answer, Citation, Document, Hit, Metadata, Unit
from chidao.evaluation import evaluate_answers, expected_facts

DOC = Document(id="cong-van.txt", sha256="0", format="txt", metadata=Metadata(doc_type="Công văn"))
SIGNATURE = Unit(
    "cong-van.txt", 8, "signature", "", "", "T/M BAN THƯỜNG VỤ\nPHÓ BÍ THƯ\n\nĐặng Ngọc Huy", 0, 40
)


def _found(text: str) -> Answer:
    return Answer("q", "fact", "found", text, 0.9, (Citation(Hit(SIGNATURE, DOC, 0.9)),))


def test_expected_facts_are_dates_numbers_and_names():
    assert expected_facts("Đặng Ngọc Huy, Công văn số 2862/MTTW-BTT ngày 31/8/2021") == [
        "31/8/2021",
        "2862/MTTW-BTT",
        "Đặng Ngọc Huy",
    ]


def test_scores_citation_facts_and_negatives():
    questions = [
        {
            "id": "q1",
            "question": "Ai ký?",
            "type": "metadata",
            "answer": "Đặng Ngọc Huy, ngày 05/7/2022",
            "gold": [{"doc": "cong-van.txt", "evidence": "Đặng Ngọc Huy"}],
        },
        {"id": "q2", "question": "Không có", "type": "negative", "gold": []},
    ]
    replies = {
        "Ai ký?": _found("Người ký: Đặng Ngọc Huy; ngày 5/7/2022"),
        "Không có": Answer("Không có", "passage", "not_found", "Không tìm thấy", 0.1),
    }
    scores = evaluate_answers(questions, replies.__getitem__)
    assert (
        scores.citation_correct,
        scores.metadata_facts,
        scores.negatives_not_found,
        scores.answerable_found,
    ) == (1.0, 1.0, 1, 1.0)
    assert scores.rows == (("q1", "metadata", True, True, 1.0), ("q2", "negative", False, False, 1.0))
