"""Answers: choose the items that answer a question, highlight their sentences, or say "không tìm thấy"."""

from __future__ import annotations

import logging
from dataclasses import replace

from chidao.core.cite import citation_text, make_citation
from chidao.core.model import Answer, Citation, Filters, Hit, Unit
from qa.candidates import (
    MIN_ADDRESSED,
    TASK_KINDS,
    addressed,
    candidate_features,
    candidate_score,
    general_tasks,
    maybe_addressed,
    named_documents,
)
from qa.confidence import THRESHOLD, probability, quoted_confidence, signals
from qa.corpus import LibraryIndex
from qa.deadline import unit_deadline
from qa.facts import answer_fact, answer_related, entity_gaps
from qa.highlight import highlight, split_sentences
from qa.intent import Intent, detect_intent
from qa.search import Retriever, after_lead_in, lead_in, structured
from qa.tables import task_row
from qa.tasklist import strip_markup, task_text

log = logging.getLogger(__name__)

__all__ = ["answer", "find_source", "not_found", "tasks_for"]

# How many units the library's hybrid search hands to answer composition.
SEARCH_K = 40
MAX_CITATIONS = 5
MAX_TASK_LIST = 12
NOT_FOUND = "Không tìm thấy nội dung trả lời câu hỏi này trong thư viện."  # "Nothing found …"
SUGGEST = "Các đoạn gần nhất"  # "The closest passages"
UNSURE = "không chắc chắn"  # "not sure"
NO_SOURCE = "Không tìm thấy nguồn của câu này trong thư viện."  # "No source of this sentence …"
SOURCE = "Nguồn"  # "Source"
DEADLINE = "thời hạn"  # "deadline"


def _candidates(intent: Intent, hits: list[Hit], lib: LibraryIndex, filters: Filters) -> list[Hit]:
    """Search hits plus, when the question names a unit, every item addressed to it; scored."""
    scored = [
        Hit(h.unit, h.document, candidate_score(f), h.dense, h.lexical, h.rank_dense, h.rank_lexical)
        for h, f in candidate_features(intent, hits, lib, filters)
    ]
    scored.sort(key=lambda h: (-h.score, h.document.id, h.unit.ordinal))
    return scored


def answer_signals(intent: Intent, best: Hit, hits: list[Hit], lib: LibraryIndex) -> dict[str, float]:
    """The confidence signals of the best candidate (qa/confidence.py)."""
    extra = ""
    if intent.org in lib.orgs.names and addressed(best.unit, intent.org, lib) >= 0.5:
        # "BDVTU phải làm gì?": an item addressed to the unit covers the name however it is spelled.
        extra = "\n".join(lib.orgs.names[intent.org].aliases)
    return signals(intent, best, hits, lib, extra)


def _sentence(unit: Unit, spans: tuple[tuple[int, int], ...]) -> str:
    if task_row(unit) is not None:
        return task_text(unit)  # a task-table row: its task cell with its lead and co-ordinating units
    if spans:
        return strip_markup(" … ".join(" ".join(unit.text[s:e].split()) for s, e in spans))
    first = split_sentences(unit.text)
    return strip_markup(" ".join(unit.text[first[0][0] : first[0][1]].split()) if first else unit.text)


def _cite(intent: Intent, hit: Hit, lib: LibraryIndex) -> Citation:
    """A cited unit with its highlighted sentences; a list element shown after its lead-in
    (qa/search.with_lead_in), the lead-in highlighted too, then the element's own highlights."""
    spans = highlight(hit.unit.text, intent.terms, intent.bigrams, lib.idf)
    deadline = unit_deadline(hit.unit)
    lead = lead_in(hit.unit, lib)
    if not lead:
        return make_citation(hit, spans, deadline)
    own = spans or split_sentences(hit.unit.text)[:1]
    shown = after_lead_in(hit, lead)
    shift = len(shown.unit.text) - len(hit.unit.text)  # the element's own text ends the shown text
    spans = (*split_sentences(lead), *((s + shift, e + shift) for s, e in own))
    return make_citation(shown, spans, deadline)


def _item_text(intent: Intent, citations: list[Citation]) -> str:
    lines = []
    if intent.kind == "unit_tasks" and intent.org:
        lines.append(f"Nhiệm vụ của {intent.org}:")  # "Tasks of …"
    for c in citations:
        line = f"- {_sentence(c.hit.unit, c.highlights)} ({c.citation}"
        line += f"; {DEADLINE}: {c.deadline})" if c.deadline else ")"
        lines.append(line)
    if intent.kind == "deadline" and citations and citations[0].deadline:
        lines.insert(0, f"Thời hạn: {citations[0].deadline}.")  # "Deadline: …"
    return "\n".join(lines)


def _task_list(intent: Intent, ranked: list[Hit], lib: LibraryIndex) -> list[Hit]:
    """For a bare "what must X do" (however worded): every item giving X work, most plainly
    addressed first, then newest document first, each in reading order — not in retrieval order,
    so that two wordings of the question list the same items."""
    if not general_tasks(intent, lib):
        return ranked[:MAX_CITATIONS]
    listed = [(addressed(h.unit, intent.org, lib), h) for h in ranked if h.unit.kind in TASK_KINDS]
    listed = [x for x in listed if x[0] >= MIN_ADDRESSED]
    named = {d.id for d in named_documents(intent, lib)}
    if named and any(h.document.id in named for _, h in listed):
        listed = [x for x in listed if x[1].document.id in named]  # "… trong Kế hoạch 41" : its items
    listed.sort(
        key=lambda x: (-x[0], _negated_date(x[1].document.metadata.date), x[1].document.id, x[1].unit.ordinal)
    )
    return [h for _, h in listed[:MAX_TASK_LIST]] or ranked[:MAX_CITATIONS]


def not_found(question: str, intent: Intent, suggestions: list[Hit], conf: float) -> Answer:
    """A "không tìm thấy" answer that still lists the closest passages."""
    lines = [NOT_FOUND]
    if suggestions:
        lines.append(f"{SUGGEST} ({UNSURE}):")
        lines += [f"- {citation_text(h.document, h.unit)}" for h in suggestions[:3]]
    return Answer(question, intent.kind, "not_found", "\n".join(lines), conf, (), tuple(suggestions[:3]))


def answer(
    question: str,
    retriever: Retriever,
    lib: LibraryIndex,
    filters: Filters | None = None,
    intent: Intent | None = None,
) -> Answer:
    """Answer a question from a library with cited, highlighted units, or "không tìm thấy".

    The intent is detected once (or handed in); every sentence shown comes from a document and
    carries its citation; nothing is generated.
    """
    filters = filters or Filters()
    intent = intent or detect_intent(question, lib.orgs)
    searched = intent.searched or question  # "Điều nào sau đây …" names no topic
    fused = retriever.search_many([searched], 2 * SEARCH_K, filters)[0] if lib.documents else []
    log.debug("intent %s, %d hits", intent, len(fused))
    # Related documents come from the reference graph, which knows nothing of what a question names
    # beyond document numbers: a question naming something the library lacks ("… thi hành Luật
    # Phòng, chống tham nhũng") is weighed as a passage question, where that gap refuses it.
    if intent.kind == "related" and fused and not entity_gaps(intent, lib):
        found = answer_related(question, intent, fused[:SEARCH_K], lib, filters)
        if found is not None:
            return found
    hits = structured(intent, fused, lib, filters)[:SEARCH_K]
    if intent.kind == "fact":
        found = answer_fact(question, intent, hits, lib, filters)
        if found is not None:
            return found
    ranked = _candidates(intent, hits, lib, filters)
    if not ranked:
        return not_found(question, intent, [], 0.0)
    measured = answer_signals(intent, ranked[0], hits, lib)
    conf = quoted_confidence(intent, ranked[0], probability(measured, lib.embedder))
    if general_tasks(intent, lib):
        # "X phải làm gì?" asks nothing but the unit: items plainly addressed to it answer it in full,
        # however little of their wording the question shares.
        plainly = max(
            (addressed(h.unit, intent.org, lib) for h in ranked if h.unit.kind in TASK_KINDS), default=0
        )
        conf = max(conf, plainly if plainly >= MIN_ADDRESSED else 0.0)
    shown = tuple(measured.items())
    if conf < THRESHOLD:
        return replace(not_found(question, intent, ranked, conf), signals=shown)
    citations = [_cite(intent, h, lib) for h in _task_list(intent, ranked, lib)]
    return Answer(
        question, intent.kind, "found", _item_text(intent, citations), conf, tuple(citations), signals=shown
    )


def tasks_for(
    org: str, lib: LibraryIndex, filters: Filters | None = None, min_addressed: float = 0.5
) -> list[Citation]:
    """Every item addressed to a unit across the library (the "Đơn vị của tôi" to-do list).

    Most plainly addressed first (assignment sentences and task-table rows before items of a
    dispatch merely sent to the unit), then newest document first, then reading order.
    """
    filters = filters or Filters()
    canonical = lib.orgs.resolve(org)
    scored = []
    for unit in maybe_addressed(canonical, lib):
        document = lib.documents[unit.doc_id]
        if not filters.allows(document) or unit.kind not in TASK_KINDS:
            continue  # a preamble names the issuer, a "Kính gửi" list the readers: no task
        weight = addressed(unit, canonical, lib)
        if weight >= min_addressed:
            scored.append((weight, document, unit))
    scored.sort(key=lambda t: (-t[0], _negated_date(t[1].metadata.date), t[1].id, t[2].ordinal))
    return [
        make_citation(Hit(unit, document, weight), (), unit_deadline(unit))
        for weight, document, unit in scored
    ]


def find_source(
    quote: str, retriever: Retriever, lib: LibraryIndex, k: int = 5, filters: Filters | None = None
) -> Answer:
    """The source passage of a quote or paraphrase, or "không tìm thấy nguồn" with the closest ones.

    The same calibrated confidence as `answer` decides: a sentence no document says gets no source,
    however many passages share its words.
    """
    filters = filters or Filters()
    intent = detect_intent(quote, lib.orgs)
    hits = structured(intent, retriever.search_many([quote], 2 * k, filters)[0], lib, filters)[:k]
    if not hits:
        return Answer(quote, "quote", "not_found", NO_SOURCE, 0.0)
    measured = answer_signals(intent, hits[0], hits, lib)
    conf = probability(measured, lib.embedder)
    cited = [
        make_citation(h, highlight(h.unit.text, intent.terms, intent.bigrams, max_spans=3)) for h in hits
    ]
    if conf < THRESHOLD:
        lines = [NO_SOURCE, f"{SUGGEST} ({UNSURE}):"] + [f"- {c.citation}" for c in cited[:3]]
        return Answer(
            quote, "quote", "not_found", "\n".join(lines), conf, (), tuple(hits[:3]), tuple(measured.items())
        )
    text = f"{SOURCE}: {cited[0].citation}"
    return Answer(quote, "quote", "found", text, conf, tuple(cited), (), tuple(measured.items()))


def _negated_date(iso: str) -> tuple[int, ...]:
    """Sort key putting newer ISO dates first and undated documents last."""
    digits = [int(p) for p in iso.split("-") if p.isdigit()]
    return tuple(-d for d in digits) if digits else (1,)
