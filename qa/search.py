"""Search shaped by a question's intent: the retriever's fused ranking, then structure on top.

A fact ("Ai ký …?", "gửi những đơn vị nào?") lives in a frame block — signature, header, "Kính
gửi", "Nơi nhận" — that shares few words with the question; a related-documents question ("văn bản
nào triển khai …?") is answered by the passages that cite the document, found through the reference
graph. Other questions want directives, so frame blocks go last.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Protocol

from chidao.core.model import Filters, Hit, Unit
from qa.candidates import candidate_features, candidate_score
from qa.corpus import LibraryIndex
from qa.definitions import defining_hits
from qa.facts import answer_related, fact_unit
from qa.intent import Intent
from qa.titles import DIVISIONS, titled_hits

# How many top documents a fact question ("Ai ký …?") pulls its structural units from.
FACT_DOCS = 2
# How many citing passages a related-documents question puts first.
RELATED_FIRST = 3
FRAME_KINDS = frozenset({"header", "recipients", "signature", "cc"})
# How many of the best search hits are shown in the order an answer weighs them (qa/candidates.py):
# the units it would cite first come first, as they do in the answer. Only the first 5 are
# reordered, so what search finds in its first 5 never changes, only their order. bench/quality.py,
# R@1 and MRR@10 against 0 (R@5 unchanged by construction): eval 0.857 → 0.957, 0.908 → 0.968; laws
# 0.821 → 0.832, 0.855 → 0.857; dev2 0.842 → 0.895, 0.886 → 0.917; dev3 0.889 → 0.926, 0.930 → 0.948;
# dev4 0.788 → 0.849, 0.871 → 0.914; heldout 0.781, 0.841 → 0.842; dev5 (report-only) 0.765 → 0.824,
# 0.849 → 0.879. 10 also raises dev3 (0.963, R@5 1.0) but lowers laws R@5 (0.926 → 0.916: a unit from
# 6th to 10th moves into the first five); 7 lowers laws R@5 too; 3 lowers eval (0.929).
ORDERED_HITS = 5


class Retriever(Protocol):
    """What qa needs from the index layer: fused hybrid search with document filters."""

    def search_many(
        self, queries: Sequence[str], k: int = 10, filters: Filters | None = None
    ) -> list[list[Hit]]: ...


def search(
    question: str, intent: Intent, retriever: Retriever, lib: LibraryIndex, k: int, filters: Filters
) -> list[Hit]:
    """The k best units for a question whose intent is known."""
    return search_many([question], [intent], retriever, lib, k, filters)[0]


def search_many(
    questions: Sequence[str],
    intents: Sequence[Intent],
    retriever: Retriever,
    lib: LibraryIndex,
    k: int,
    filters: Filters,
) -> list[list[Hit]]:
    """`search` for many questions at once (the retriever embeds them in one batch)."""
    # Structure may reorder (frame blocks last), so keep more than k until the end.
    searched = [intent.searched or q for intent, q in zip(intents, questions, strict=True)]
    # Never fewer than 2 * ORDERED_HITS, so that the first hits are the same however many are asked.
    ranked = retriever.search_many(searched, 2 * max(k, ORDERED_HITS), filters)
    return [
        with_lead_in(as_answered(intent, structured(intent, hits, lib, filters), lib, filters)[:k], lib)
        for intent, hits in zip(intents, ranked, strict=True)
    ]


def as_answered(intent: Intent, hits: list[Hit], lib: LibraryIndex, filters: Filters) -> list[Hit]:
    """The first ORDERED_HITS hits in the order an answer weighs them (retrieval, overlap with the
    question, the unit it is addressed to, deadline, kind, issuer, …), the others as they come.

    Facts and related documents keep the units `structured` put first. Frame blocks keep their
    place too: `structured` already puts them last, and a title block that retrieval put high is
    where a speech's place and date are written, so the answer's halving of frame blocks is left out.
    """
    if intent.kind in ("fact", "related") or len(hits) < 2:
        return hits
    head = hits[:ORDERED_HITS]
    scores = {
        (h.document.id, h.unit.ordinal): candidate_score(f | {"frame": 0.0})
        for h, f in candidate_features(intent, head, lib, filters, widen=False)
    }
    order = sorted(
        range(len(head)),
        key=lambda i: (-scores.get((head[i].document.id, head[i].unit.ordinal), 0.0), i),
    )
    return [head[i] for i in order] + hits[ORDERED_HITS:]


def structured(intent: Intent, hits: list[Hit], lib: LibraryIndex, filters: Filters) -> list[Hit]:
    """Bring to the top what the question's intent points at but neither retriever can rank."""
    if intent.kind == "fact" and hits:
        first = _fact_hits(intent, hits, lib)
    elif intent.kind == "related" and hits:
        first = _citing_hits(intent, hits, lib, filters)
    else:
        ranked = sorted(_with_content(hits, lib), key=lambda h: h.unit.kind in FRAME_KINDS)
        if intent.defines:
            # "X là gì?": the clause "X là …" first, however few words it shares with the question.
            first = defining_hits(intent.defines, ranked, lib, filters)
        elif intent.titled:
            # "X được quy định như thế nào?": the provision titled X first (its first part).
            first = _with_content(titled_hits(intent.titled, hits, lib, filters), lib)
        else:
            return ranked
        hits = ranked
    # What is brought to first place takes the top's score too: the answer weighs a candidate by
    # its score as a share of the best, and a clause found by its shape, not its words, scores low
    # in either retriever (how low depends on the backend). The others brought up keep their own
    # scores, so that their order among themselves still counts.
    top = max((h.score for h in hits), default=0.0)
    if first and first[0].score < top:
        first[0] = replace(first[0], score=top)
    return first + [h for h in hits if all(h.unit != f.unit for f in first)]


# Divisions (qa/titles.DIVISIONS) may hold a title alone ("Điều 328. Đặt cọc", "Chương II. …") or a
# title and a lead-in ("… được hiểu như sau:"): the answer is in their first part, not in the title.
_LEAD_IN = 200  # characters of a lead-in ending with ":" that still say nothing by themselves


def _title_only(text: str) -> bool:
    body = text.split("\n", 1)[1].strip() if "\n" in text else ""
    return not body or (len(body) < _LEAD_IN and body.endswith(":"))


def _with_content(hits: list[Hit], lib: LibraryIndex) -> list[Hit]:
    """A division hit by its title alone stands for its first part: the title matched, the part answers.

    The part takes the division's place (and score) unless it is already ranked above it — also when
    it is ranked below, so that how many hits were asked for never moves it; the title alone is
    never shown as an answer.
    """
    placed: set[tuple[str, int]] = set()
    out: list[Hit] = []
    for hit in hits:
        unit = hit.unit
        if unit.kind in DIVISIONS and _title_only(unit.text):
            child = lib.unit(unit.doc_id, unit.ordinal + 1)
            if child is not None and child.parent == unit.ordinal:
                if (unit.doc_id, child.ordinal) not in placed:
                    placed.add((unit.doc_id, child.ordinal))
                    out.append(replace(hit, unit=child))
                continue
        if (unit.doc_id, unit.ordinal) not in placed:
            placed.add((unit.doc_id, unit.ordinal))
            out.append(hit)
    return out


# Kinds of list elements: "1. …" under an article, "a) …" under a clause or item, "- …".
LIST_KINDS = frozenset({"clause", "item", "subitem", "dash"})
# Longest lead-in shown before a list element (characters): "Cá nhân có đủ các điều kiện sau đây có
# thể làm người giám hộ:" fits; a long paragraph ending with ":" is no lead-in.
LEAD_IN_MAX = 400


def lead_in(unit: Unit, lib: LibraryIndex) -> str:
    """The lead-in a list element is read after ("… trong trường hợp sau đây:"), "" when it has none:
    the last line of its parent when that ends with a colon."""
    if unit.kind not in LIST_KINDS or unit.parent is None:
        return ""
    parent = lib.unit(unit.doc_id, unit.parent)
    lead = parent.text.strip().rsplit("\n", 1)[-1].strip() if parent is not None else ""
    return lead if lead.endswith(":") and len(lead) <= LEAD_IN_MAX else ""


def with_lead_in(hits: list[Hit], lib: LibraryIndex) -> list[Hit]:
    """Each list element under a lead-in shown after it, as a reader of the document sees it.

    "a) Có sự đồng ý của bên ủy quyền;" says nothing until "Bên được ủy quyền được ủy quyền lại cho
    người khác trong trường hợp sau đây:" is read before it. The unit keeps its label (the citation
    stays "Điều 564 khoản 1 điểm a"); its text is the lead-in, a line break and its own text. Applied
    to what is shown, after ranking: what a unit says and to whom it is addressed are judged on its
    own text.
    """
    out = []
    for hit in hits:
        lead = lead_in(hit.unit, lib)
        out.append(after_lead_in(hit, lead) if lead else hit)
    return out


def after_lead_in(hit: Hit, lead: str) -> Hit:
    """The hit with its unit's text shown after the lead-in: the lead-in, a line break, its text."""
    return replace(hit, unit=replace(hit.unit, text=f"{lead}\n{hit.unit.text}"))


def _fact_hits(intent: Intent, hits: list[Hit], lib: LibraryIndex) -> list[Hit]:
    """The units stating the asked facts, from the top documents."""
    # A question naming a kind ("Kế hoạch … do ai ký?") is about a document of that kind, even
    # when another kind (the Nghị quyết it implements) ranks first.
    ranked = sorted(
        hits, key=lambda h: bool(intent.doc_kind) and h.document.metadata.doc_type != intent.doc_kind
    )
    documents = list({h.document.id: h.document for h in ranked}.values())[:FACT_DOCS]
    first: list[Hit] = []
    for document in documents:
        units = lib.units(document.id)
        for fact in intent.facts:
            unit = fact_unit(document, units, fact, intent.question)
            if unit is not None and all(h.unit != unit for h in first):
                first.append(Hit(unit=unit, document=document, score=hits[0].score))
    return first


def _citing_hits(intent: Intent, hits: list[Hit], lib: LibraryIndex, filters: Filters) -> list[Hit]:
    """The passages that make the asked link between documents, from the reference graph."""
    found = answer_related(intent.question, intent, hits, lib, filters)
    if found is None:
        return []
    return [Hit(c.hit.unit, c.hit.document, hits[0].score) for c in found.citations[:RELATED_FIRST]]
