"""Citation strings ("Công văn số 1025-CV/TU ngày 12/10/2023 của …, mục 3") and the JSON forms of a hit and
an answer (contracts: `chidao search --json` / `ask --json`, read by evaluation scripts)."""

from __future__ import annotations

import re

from chidao.core.model import JOINT, Answer, Citation, Document, Hit, Reference, Signer, Unit
from chidao.core.text import fold
from chidao.core.vocab import KIND_BY_FOLDED, TITLED_KINDS

# How a unit without a label is named in a citation (Vietnamese): the header block, the subject
# line, the "Kính gửi" (to) block, the opening paragraphs, the signature and the "Nơi nhận" (cc) list.
KIND_PHRASES: dict[str, str] = {
    "header": "phần đầu văn bản",
    "title": "trích yếu",
    "recipients": "phần Kính gửi",
    "preamble": "phần mở đầu",
    "signature": "phần ký",
    "cc": "phần Nơi nhận",
}
NO_NUMBER = "không số"  # "no number"
NO_DATE = "không ngày"  # "no date"
TABLE = "bảng"  # "table": where a table row stands when no item or appendix holds its table
ROW = "dòng"  # "row"
ITEM = "mục"  # "item"
_ARTICLE = re.compile(r"^(Điều\s+\d+\w*)(?:\.(\d+))?(?:\.(\w+))?$", re.IGNORECASE)


def signer_text(signer: Signer) -> str:
    """Who signed, as the signature block reads: "Đặng Ngọc Huy (T/M Ban Thường vụ, Phó Bí thư)", ""
    when nobody signs; the signers of a joint document one after the other, "; " between them. One
    form for answers, citations, the app and the command line."""
    texts = []
    for one in signer.each():
        role = ", ".join(x for x in (one.on_behalf, one.role) if x)
        texts.append(f"{one.name} ({role})" if one.name and role else one.name or role)
    return "; ".join(t for t in texts if t)


def format_date(iso: str, *, padded: bool = False) -> str:
    """An ISO date as Vietnamese documents write it: day < 10 and months 1–2 keep a zero ("05/7/2022");
    `padded` always writes dd/mm/yyyy ("05/07/2022"), for lists and tables where dates line up."""
    match = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", iso or "")
    if not match:
        return iso or ""
    year, month, day = (int(x) for x in match.groups())
    return f"{day:02d}/{month:02d}/{year}" if padded or month <= 2 else f"{day:02d}/{month}/{year}"


def document_phrase(document: Document) -> str:
    """ "Công văn số 1025-CV/TU ngày 12/10/2023 của Ban Thường vụ Tỉnh ủy"; missing parts said as such.

    Laws are named by their title: "Bộ luật Dân sự số 91/2015/QH13", "Hiến pháp năm 2013".
    """
    md = document.metadata
    kind = md.doc_type or "Văn bản"
    if kind in TITLED_KINDS and md.title:
        title = md.title if fold(md.title).startswith(fold(kind)) else f"{kind} {md.title}"
        return f"{title} số {md.number}" if md.number else title
    phrase = _named(kind, md.number, md.date, md.issuer)
    missing = [text for field, text in ((md.number, NO_NUMBER), (md.date, NO_DATE)) if not field]
    return f"{phrase} ({', '.join(missing)})" if missing else phrase


def _named(kind: str, number: str, date: str, issuer: str) -> str:
    """ "Công văn số 2862/MTTW-BTT ngày 31/8/2021 của …": kind, then the parts that are known."""
    parts = [kind, f"số {number}" if number else "", f"ngày {format_date(date)}" if date else ""]
    issuer = issuer.replace(JOINT, " và ")  # a joint document: "của Ban Thường trực … và Sở …"
    return " ".join([p for p in parts if p] + ([f"của {issuer}"] if issuer else []))


def unit_phrase(unit: Unit) -> str:
    """Where a unit is: "mục II.3.b", "Điều 5 khoản 2", "Phụ lục, dòng 3", "phần ký"; "" for plain text.

    A table row is placed by what holds its table: "Phụ lục, dòng 3" in an appendix, "mục II.1, dòng
    3" in an item, "bảng, dòng 3" for a table standing in the body."""
    label = unit.label.strip()
    if unit.kind == "table_row":
        head, _, row = label.rpartition(".") if label else ("", "", unit.text.split("|", 1)[0].strip())
        row = re.split(r"\s", row)[-1] if row else ""
        where = _label_phrase(head) if head else TABLE
        return f"{where}, {ROW} {row}" if row else where
    if not label:
        return KIND_PHRASES.get(unit.kind, "")
    return _label_phrase(label)


def _label_phrase(label: str) -> str:
    # A text attached to a decision names itself first: "Quy chế, Điều 3.1" → "Quy chế, Điều 3 khoản 1".
    attached, sep, rest = label.partition(", ")
    if sep and fold(attached) in KIND_BY_FOLDED:
        return f"{attached}, {_label_phrase(rest)}"
    if fold(label) in KIND_BY_FOLDED:
        return label  # the attached text's own title and opening lines: "Quy chế"
    article = _ARTICLE.match(label)
    if article:
        head, clause, point = article.groups()
        return " ".join(
            x for x in (head, f"khoản {clause}" if clause else "", f"điểm {point}" if point else "") if x
        )
    if re.match(r"(?i)(chương|phần|mục|phụ lục)\b", label):
        return label
    return f"{ITEM} {label}"


def citation_text(document: Document, unit: Unit) -> str:
    """The ready-to-copy citation of a unit: document phrase, then where the unit is."""
    where = unit_phrase(unit)
    return f"{document_phrase(document)}, {where}" if where else document_phrase(document)


def reference_phrase(ref: Reference) -> str:
    """A cited document as written: "Công văn số 2862/MTTW-BTT ngày 31/8/2021 của Ban Thường trực …"."""
    if not ref.number and not ref.date and ref.title:
        return ref.title
    return _named(ref.doc_type or "Văn bản", ref.number, ref.date, ref.issuer)


def make_citation(hit: Hit, highlights: tuple[tuple[int, int], ...] = (), deadline: str = "") -> Citation:
    """A Citation of a hit with its highlights and its citation string."""
    return Citation(hit, highlights, citation_text(hit.document, hit.unit), deadline)


def hit_to_json(hit: Hit) -> dict:
    """The `chidao search --json` object of a hit. Evaluation scripts rely on these keys."""
    md = hit.document.metadata
    return {
        "doc": hit.document.id,
        "title": md.title,
        "number": md.number,
        "date": md.date,
        "unit": hit.unit.label,
        "text": hit.unit.text,
        "score": round(hit.score, 6),
    }


def _unit_json(hit: Hit) -> dict:
    """A cited unit in `ask --json`: the `search --json` hit object without its score."""
    return {key: value for key, value in hit_to_json(hit).items() if key != "score"}


def answer_to_json(answer: Answer) -> dict:
    """The `chidao ask --json` object; evaluation scripts read it, so its keys stay stable."""
    return {
        "question": answer.question,
        "intent": answer.intent,
        "answer": answer.text,
        "found": answer.found,
        "confidence": round(answer.confidence, 4),
        "citations": [
            {
                **_unit_json(c.hit),
                "highlights": [[start, end] for start, end in c.highlights],
                "citation": c.citation,
                "deadline": c.deadline,
            }
            for c in answer.citations
        ],
        "suggestions": [
            {**_unit_json(h), "citation": citation_text(h.document, h.unit)} for h in answer.suggestions
        ],
    }
