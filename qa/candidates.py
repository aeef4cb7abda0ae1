"""An answer's candidate units and what ranks them: search hits and the items addressed to the unit
a question names, each with its features (retrieval, question-term overlap, how plainly it is
addressed to the unit, deadline, document kind and issuer, quote, definition, title), combined by
`candidate_score`. qa/answer.py cites the best; qa/search.py shows the best search hits in the same
order."""

from __future__ import annotations

import re

from chidao.core.model import Document, Filters, Hit, Unit
from chidao.core.text import fold, folded_words
from qa.aliases import BOARD_WORDS
from qa.corpus import LibraryIndex
from qa.deadline import states_span, unit_deadline
from qa.definitions import defines
from qa.facts import WORDY_DATE, same_kind
from qa.highlight import overlap, split_sentences
from qa.intent import FACT_PATTERNS, Intent
from qa.learning import assignment_head
from qa.tables import task_row
from qa.tasklist import gives_work
from qa.titles import under_title
from qa.unitnames import expand_abbreviations, name_spans, split_place

# Weights of the signals that rank candidate items: retrieval, question-term overlap, the unit the
# question names (the item is addressed to it), a stated deadline (for deadline questions).
# Retrieval counts a unit's fused search score as a share of the best one's (0 when search did not
# return it): a rank alone hides a unit both retrievers put far ahead, and the answer's own overlap
# then moved a unit sharing the question's framing words ("theo quy định của pháp luật", "thời
# gian") above it. W_RETRIEVAL and W_OVERLAP calibrated with `bench/calibrate.py --ranking` on eval
# + laws + dev2 (first candidate gold): chosen on the even half of the questions among the weights
# that rank no set worse than the former rank weight (0.35 / (1 + (rank - 1) / 5)) on either half;
# even half 62 → 65 of 83, odd half 67 → 71 of 84.
W_RETRIEVAL, W_OVERLAP, W_ADDRESSED, W_DEADLINE = 0.7, 0.45, 0.3, 0.1
# A unit of the kind of document the question names ("theo nghị quyết …"); a unit holding the
# words the question quotes; a unit defining the term a definition question asks for ("X là …",
# qa/definitions.py) or under the title a question names ("X được quy định như thế nào?",
# qa/titles.py): like a quote, the question's own words in the very shape asked, so the same weight
# (not tuned).
W_KIND, W_QUOTE, W_DEFINES, W_TITLED = 0.1, 0.5, 0.5, 0.5
# A unit of a document issued by the unit the question names (its own quy chế, kế hoạch, báo cáo
# states its own work; `issued_by`): a document-level cue like the kind, so the same weight.
# bench/rerank.py on the halves of eval, laws, dev2, dev3, dev4: 0.1 ranks two more first
# candidates gold (dev2's even half: a report of the Ủy ban Kiểm tra asked about; dev4's odd half: a
# joint quy chế of the asked Sở), none fewer; heldout unchanged.
W_ISSUED = 0.1
# Header, signature and list blocks answer fact questions, not "what must X do" ones.
NOT_ITEMS = {"header", "title", "signature", "cc", "recipients"}
# Units that state tasks (a bare "what must X do" lists these only).
TASK_KINDS = {"item", "subitem", "clause", "dash", "paragraph", "article", "section", "table_row"}
# How plainly an item is addressed to a unit that only receives from it ("gửi về Ban Dân vận …").
_RECEIVES = 0.1
# Least addressed weight of an item in a unit's task list: 0.15, a dispatch item that opens with
# another unit but whose "Kính gửi" names the unit.
MIN_ADDRESSED = 0.15
# Words of a question that ask for a unit's work in general, not about one matter (folded): việc
# (work), nhiệm vụ (task), hoàn thành (complete), hạn / thời gian / bao giờ / khi nào (deadline),
# giao / phân công (assigned), trách nhiệm (responsibility), cụ thể (in detail).
_GENERAL_TASK_WORDS = frozenset(
    "viec nhiem vu hoan thanh han thoi gian giao phan cong trach chot bao gio khi nao cu the".split()
)
# A document number as written in a question, folded: "41-kh/tu", "91/2015/qh13".
_DOC_NAME = re.compile(r"\b\d+(?:[-/][a-z0-9]+)+")
# Units naming the asked unit that an answer weighs besides its search hits: all of them up to this
# many, else this many (those sharing the question's rarest terms first, then the last added), so
# that a name most of a large library writes costs no more than a rare one. Each costs ~0.5-2 ms
# (reading it, "addressed", overlap). Checked on eval, laws, dev2, heldout: the most any of their
# questions' units is named by is 124 (eval's "Mặt trận Tổ quốc") besides laws' "Bộ" (3,531 of
# 8,144 units); 150 and 300 give the same answers there, one laws answer differing from weighing all
# (r-025: Điều 32.3 of its gold cited instead of Điều 18.2).
NAMING_LIMIT = 150


def addressed(unit: Unit, org: str, lib: LibraryIndex) -> float:
    """How plainly an item is addressed to a unit name, in [0, 1].

    1: the item (or a task-table row's unit column) starts with the name; 0.8: its heading names it;
    0.6: named elsewhere in the item (0.1 when it only receives: "gửi về …"); 0.5: an item of a
    dispatch whose "Kính gửi" names it and that does not open with another unit. A wider class of
    the name ("các huyện ủy" for "Huyện ủy An Thạch") counts 0.7 of that.
    """
    key = (unit.doc_id, unit.ordinal, org)
    if key in lib.memo:
        return lib.memo[key]
    table = lib.orgs
    best = _addressed_to(unit, org, lib)
    for parent in table.names[org].parents if org in table.names else ():
        if best < 1.0:
            best = max(best, 0.7 * _addressed_to(unit, parent, lib))
    if best < 1.0 and _opens_locally(unit, org, lib):
        best = 1.0
    lib.memo[key] = best
    return best


def _opens_locally(unit: Unit, org: str, lib: LibraryIndex) -> bool:
    """True when an item of a document about a place opens with the place's unit named without
    the place: "a) Đảng ủy xã chỉ đạo …" in the conclusions of a visit to xã Phìn Hồ, a task row led
    by "UBND đặc khu" in the plan of Đảng ủy đặc khu Hòn Dứa (qa.corpus names_present reads such
    names the same way)."""
    if unit.kind in NOT_ITEMS:
        return False
    md = lib.documents[unit.doc_id].metadata
    about = folded_words(f"{md.title} {md.issuer}")
    splits = [s for s in (split_place(org), split_place(expand_abbreviations(org))) if s]
    local = {name for name, place in splits if f" {place} " in about}
    if not local:
        return False
    row = task_row(unit)
    opening = row.lead if row is not None else _opening_name(unit.text)
    return bool(opening) and bool(
        {folded_words(opening).strip(), folded_words(expand_abbreviations(opening)).strip()} & local
    )


def _addressed_to(unit: Unit, org: str, lib: LibraryIndex) -> float:
    table = lib.orgs
    if unit.kind in NOT_ITEMS:
        return 0.0
    row = task_row(unit)
    if row is not None:
        # A task-table row: its lead unit (by the header's "chủ trì" / "đơn vị" column), or a unit
        # it asks to co-ordinate ("phối hợp": work too, less plainly its own).
        return 1.0 if table.addresses(org, row.lead) else 0.5 if table.addresses(org, row.support) else 0.0
    if unit.kind == "table_row":
        return 0.0
    ends = [end for _, end, name in table.mentions(unit.text) if name == org]
    if not gives_work(unit, ends):
        return 0.0  # a closing formula, a heading, or what a report says the unit did
    sentences = [unit.text[s:e] for s, e in split_sentences(unit.text)]
    heads = [assignment_head(sentence) for sentence in sentences]
    named = [h for h in heads if h and table.addresses(org, h)]
    if not named:
        # A sentence that opens with the unit gives it the work whatever the verb ("2. Đồn Biên
        # phòng Nà Lạn duy trì tổ công tác …").
        named = [o for o in map(_opening_name, sentences) if o and table.addresses(org, o)]
    if named:
        # "Ban Thường vụ Huyện ủy Đồng Mây …" is one member of the class "các huyện ủy" asked about.
        is_class = org in table.names and table.names[org].is_class
        members = [n for n in table.names.values() if org in n.parents and not n.is_class]
        one_member = all(any(table.named_in(m.canonical, h) for m in members) for h in named)
        return 0.6 if is_class and one_member else 1.0
    if unit.heading and table.addresses(org, unit.heading.rsplit(">", 1)[-1]):
        return 0.8
    if table.addresses(org, unit.text):
        return _RECEIVES if table.receives(org, unit.text) else 0.6
    md = lib.documents[unit.doc_id].metadata
    if unit.kind in ("item", "subitem", "clause", "dash", "paragraph") and any(
        table.addresses(org, r) for r in md.recipients
    ):
        return 0.15 if heads and heads[0] and table.find(heads[0]) else 0.5
    return 0.0


# An item's own label before its text: "2. ", "b) ", "- ", "+ ".
_ITEM_LABEL = re.compile(r"^(?:\d+(?:\.\d+)*[.)]|[a-zđ][.)]|[-–+•])\s*")


def _opening_name(sentence: str) -> str:
    """The unit name a sentence opens with, after its item label ("2. ", "b) ", "- "), or ""."""
    body = _ITEM_LABEL.sub("", sentence.lstrip(), count=1)
    spans = name_spans(body)
    return spans[0][2] if spans and spans[0][0] == 0 else ""


def candidate_score(features: dict[str, float], weights: dict[str, float] | None = None) -> float:
    """The ranking score of a candidate from its features (`weights` overrides, for calibration)."""
    w = {
        "retrieval": W_RETRIEVAL,
        "overlap": W_OVERLAP,
        "addressed": W_ADDRESSED,
        "deadline": W_DEADLINE,
        "kind": W_KIND,
        "quote": W_QUOTE,
        "defines": W_DEFINES,
        "titled": W_TITLED,
        "issued": W_ISSUED,
        "power": 1.0,
    } | (weights or {})
    score = w["retrieval"] * features["retrieval"] ** w["power"]
    score += sum(
        w[name] * features[name]
        for name in ("overlap", "addressed", "deadline", "kind", "quote", "defines", "titled", "issued")
    )
    return score * 0.5 if features["frame"] else score


def candidate_features(
    intent: Intent, hits: list[Hit], lib: LibraryIndex, filters: Filters, *, widen: bool = True
) -> list[tuple[Hit, dict[str, float]]]:
    """The candidates of a question (search hits, and items addressed to the unit it names) with
    what ranks them: fused search score as a share of the best (0: not retrieved), question-term
    overlap, how plainly the item is addressed to the unit, a stated deadline, the document kind
    named, the words quoted, whether the document was issued by the unit named, and whether it is a
    frame block (header, signature: half weight). `widen` False: the search hits alone, all of them."""
    pool: dict[tuple[str, int], tuple[Hit, int | None]] = {}
    for position, hit in enumerate(hits, 1):
        pool.setdefault((hit.document.id, hit.unit.ordinal), (hit, position))
    if widen and intent.org:
        for unit in maybe_addressed(intent.org, lib, NAMING_LIMIT, intent.question):
            document = lib.documents[unit.doc_id]
            key = (unit.doc_id, unit.ordinal)
            if filters.allows(document) and key not in pool and addressed(unit, intent.org, lib) > 0:
                pool[key] = (Hit(unit=unit, document=document, score=0.0), None)
    if (
        widen
        and general_tasks(intent, lib)
        and (lib.orgs.names[intent.org].learned or lib.names_present(intent.org))
    ):
        # "What must X do" of a unit the library names: the items giving X work, or none ("Ban Dân
        # vận Trung ương" gets no item of the provincial board however many words they share).
        pool = {k: v for k, v in pool.items() if addressed(v[0].unit, intent.org, lib) >= MIN_ADDRESSED}
    top = max((h.score for h in hits), default=0.0) or 1.0
    # "… trong bao lâu?" (how long) asks for a span of time: a unit stating one answers it as a
    # unit stating a deadline answers "hạn khi nào?".
    question = folded_words(intent.question)
    asks_span = " bao lau " in question
    asks_when = bool(FACT_PATTERNS["date"].search(question))
    out = []
    for hit, rank in pool.values():
        unit = hit.unit
        kind = fold(hit.document.metadata.doc_type)
        # A title stating when and where ("(Đặc khu Cồn Mây, ngày 27 tháng 9 năm 2025)") answers
        # "… ở đâu, ngày nào?" as a body paragraph does: no frame block's half weight then.
        frame = unit.kind in NOT_ITEMS and not (asks_when and WORDY_DATE.search(unit.text))
        out.append(
            (
                hit,
                {
                    "retrieval": hit.score / top if rank else 0.0,
                    "overlap": overlap(intent.terms, intent.bigrams, f"{unit.heading}\n{unit.text}", lib.idf),
                    "addressed": addressed(unit, intent.org, lib) if intent.org else 0.0,
                    "deadline": float(
                        intent.kind == "deadline"
                        and (bool(unit_deadline(unit)) or asks_span and states_span(unit.text))
                    ),
                    "kind": float(
                        bool(kind)
                        and any(kind.startswith(fold(k)) for k in (intent.doc_kind, *intent.other_kinds) if k)
                    ),
                    "quote": float(bool(intent.quote) and f" {intent.quote} " in folded_words(unit.text)),
                    "defines": float(bool(intent.defines) and defines(unit, intent.defines)),
                    "titled": float(bool(intent.titled) and under_title(unit, intent.titled)),
                    "issued": float(bool(intent.org) and issued_by(intent.org, hit.document, lib)),
                    "frame": float(frame),
                },
            )
        )
    return out


def issued_by(org: str, document: Document, lib: LibraryIndex) -> bool:
    """True when the document was issued by the unit: its issuer names it, or the issuer's code in
    its number does ("47-BC/UBKTTU": Ủy ban Kiểm tra Tỉnh ủy, whose header writes "Ủy ban Kiểm tra"
    under "Tỉnh ủy"; "04/QCPH-MTTQ-SNNMT": both signers of a joint quy chế)."""
    md = document.metadata
    codes = md.number.split("/", 1)[1].replace("-", " ") if "/" in md.number else ""
    return lib.orgs.addresses(org, md.issuer) or bool(codes) and lib.orgs.addresses(org, codes)


def maybe_addressed(org: str, lib: LibraryIndex, limit: int | None = None, question: str = "") -> list[Unit]:
    """Every unit `addressed` may weigh above 0 for a unit name, and more: those naming it or a class
    it belongs to, in text or heading, or in their document's "Kính gửi" (the library's other units
    are never read). With `limit`, at most about twice that many (see LibraryIndex.units_naming)."""
    parents = lib.orgs.names[org].parents if org in lib.orgs.names else ()
    return lib.units_naming((org, *parents), limit, question)


def general_tasks(intent: Intent, lib: LibraryIndex) -> bool:
    """True for a bare "what must X do" however worded ("X cần hoàn thành những việc gì, hạn khi
    nào?"): a unit and nothing else but words of tasks and deadlines, and of the document it names
    ("… trong KH 57 chống ngập", "… trong kế hoạch phòng, chống ma túy năm 2026 của xã")."""
    if intent.kind not in ("unit_tasks", "deadline") or not intent.org:
        return False
    topic = _topic_terms(intent, lib)
    return len(topic) <= 1 or bool(not intent.doc_numbers and _titled_documents(intent.doc_kind, topic, lib))


def named_documents(intent: Intent, lib: LibraryIndex) -> list[Document]:
    """The library documents a unit's task question names: by number (of the kind it gives, if
    any), else by kind and title (`_titled_documents`)."""
    if intent.doc_numbers:
        return [
            d
            for n in intent.doc_numbers
            for d in lib.docs_numbered(n)
            if not intent.doc_kind or same_kind(d, intent.doc_kind)
        ]
    return _titled_documents(intent.doc_kind, _topic_terms(intent, lib), lib)


def _titled_documents(kind: str, topic: list[str], lib: LibraryIndex) -> list[Document]:
    """The documents of the kind asked whose title and issuer hold every topic word of the question,
    when it has two or more ("kế hoạch phòng, chống ma túy năm 2026 của xã"); read once per question."""
    if not kind or len(topic) < 2:
        return []
    key = ("titled documents", kind, tuple(topic))
    if key not in lib.memo:
        lib.memo[key] = [
            d
            for d in lib.docs_of_kind(kind)
            if all(f" {t} " in folded_words(f"{d.metadata.title} {d.metadata.issuer}") for t in topic)
        ]
    return lib.memo[key]


def _topic_terms(intent: Intent, lib: LibraryIndex) -> list[str]:
    """A task question's words beyond the unit, the document named by number or kind, and words of
    tasks and deadlines."""
    spelled = " ".join(lib.orgs.names[intent.org].aliases) if intent.org in lib.orgs.names else ""
    org_words = folded_words(f"{intent.org} {spelled}")
    # "… trong Kế hoạch 41-KH/TU": naming the document asks for the unit's items there, nothing else.
    naming = folded_words(" ".join((intent.doc_kind, *_DOC_NAME.findall(fold(intent.question)))))
    # "… trong KH 57 chống ngập": a named document's number and title name it too.
    named = [d.metadata for n in intent.doc_numbers for d in lib.docs_numbered(n)]
    naming += folded_words(" ".join(f"{md.number} {md.title}" for md in named))
    return [
        t
        for t in intent.terms
        if f" {t} " not in org_words
        and f" {t} " not in naming
        and t not in BOARD_WORDS
        and t not in _GENERAL_TASK_WORDS
    ]
