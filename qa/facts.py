"""Document facts (signer, date, number, issuer, recipients) and related documents (reference graph)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from chidao.core.cite import document_phrase, format_date, make_citation, reference_phrase, signer_text
from chidao.core.model import Answer, Citation, Document, Filters, Hit, Reference, Unit
from chidao.core.numbers import leading_number
from chidao.core.text import fold, folded_words, nfc, syllables
from chidao.core.vncase import LOWER, UPPER
from chidao.core.vocab import KIND_BY_FOLDED, KIND_BY_NAME, KIND_PATTERN
from qa.corpus import LibraryIndex
from qa.highlight import highlight, overlap
from qa.intent import RELATION_PATTERNS, Intent

MISSING = "chưa có trong thư viện"  # "not in the library yet"
NO_VALUE = "không ghi"  # "not stated"
CITED_IN = "Được viện dẫn trong"  # "Cited in"
# Fact labels shown in answers: người ký (signer), ngày (date), số (number), cơ quan ban hành
# (issuer), nơi nhận (recipients).
FACT_LABELS = {
    "signer": "Người ký",
    "date": "Ngày",
    "number": "Số",
    "issuer": "Cơ quan ban hành",
    "recipients": "Gửi",
}
# Relation verbs in answers: thực hiện (implements), căn cứ (based on), thay thế (replaces)…
RELATION_WORDS = {
    "implements": "thực hiện",
    "based_on": "căn cứ",
    "replaces": "thay thế",
    "amends": "sửa đổi, bổ sung",
    "cites": "viện dẫn",
}
# A recipients question about reporting upward (báo cáo = report) reads the "Nơi nhận" (cc) list.
_REPORT = re.compile(r"\b(?:bao cao|b c|noi nhan)\b")
YEARS = re.compile(r"\b(19\d\d|20\d\d)\b")  # a year named
# A place or a law named with a capital ("thành phố Đà Lạt", "xã Tân Lập", "Luật Thủy sản"); lower-case
# words after the marker ("huyện ủy", "tỉnh phải") name nothing. Place names are capitalised word by
# word; a law's title only at its first word ("Luật Hôn nhân và gia đình"), so one more word is kept,
# and one after a comma that joins two words of the title ("Luật Phòng, chống tham nhũng").
_PLACE_WORDS = "tỉnh|thành phố|quận|huyện|thị xã|xã|phường|thị trấn|đặc khu"
_NAMED = re.compile(
    rf"\b(?i:{_PLACE_WORDS})\s+({UPPER}{LOWER}*(?:\s+{UPPER}{LOWER}*)*)"
    rf"|\b(?:Luật|Bộ luật|Pháp lệnh)\s+({UPPER}{LOWER}*(?:,\s+{LOWER}+)?(?:\s+{LOWER}+)?)"
)
# A kind named as the document a question asks about, not as a verb or a common noun ("phải báo
# cáo", "được quy định"): after "theo" (according to: "Theo Luật Tiếp công dân, …"), or opening the
# question with its number or name ("Nghị quyết số 05-NQ/TU …", "Luật Phòng, chống thiên tai …") or as
# the subject of what a document does ("Báo cáo kết quả kiểm tra … chỉ ra những hạn chế gì"). A kind
# named elsewhere ("thực hiện Đề án 06", "trong Chương trình mục tiêu quốc gia") may be what a held
# document implements, so it is not asked about.
_KIND_WRITTEN = re.compile(rf"\b((?i:{KIND_PATTERN}))\b(\s+(?:[Ss]ố\s+)?\d)?(\s+{UPPER})?")
# What a document does, active (accented: folded "giao" is also "giáo"): chỉ ra / chỉ rõ (points
# out), nêu (states), đề ra / đặt ra (sets), yêu cầu (requires), giao (assigns), kết luận (concludes),
# đánh giá (assesses), xác định (defines), quy định (prescribes).
_DOCUMENT_DOES = re.compile(
    r"\b(?<!được )(?<!bị )"
    r"(?:chỉ ra|chỉ rõ|nêu|đề ra|đặt ra|yêu cầu|giao|kết luận|đánh giá|xác định|quy định)\b"
)
# A date written out: "ngày 27 tháng 9 năm 2025" (day, month, year).
WORDY_DATE = re.compile(r"\bngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})", re.IGNORECASE)
_HEAD_UNITS = 6  # a header's date lies within the first units
_RELATION_WINDOW = 200  # characters before a reference that say how it is cited
# Words of fact questions (ký = sign, ngày = day, số = number, ban hành = issue, gửi = send…).
_FACT_WORDS = frozenset(
    "ky ten ngay thang nam so hieu ban hanh gui toi den nhung don vi co quan noi nhan kinh".split()
)
_MIN_REST_TERMS = 2  # a fact question quotes a passage only when it asks about more than the fact
FACT_CONFIDENCE = 0.9
MAX_RELATED = 5


def entity_gaps(intent: Intent, lib: LibraryIndex) -> list[str]:
    """What the question names that the library lacks: unit names, document numbers, years, places
    ("huyện Vân Khê", "thành phố Đà Lạt") and laws ("Luật Thủy sản") no document mentions."""
    gaps = [
        org
        for org in intent.orgs
        if not lib.orgs.names[org].is_class
        and not lib.orgs.names[org].learned
        and not lib.orgs.names[org].parents  # a member of a class the library addresses
        and not lib.names_present(org)
    ]
    # A number the library only cites answers what cites it, not what the document itself says:
    # "Quy định 06-QĐi/TU quy định … như thế nào?" of a library holding only the rule replacing it.
    asks_its_text = intent.kind != "related" and asked_document(intent.question)[1]
    gaps += [
        n
        for n in intent.doc_numbers
        if not lib.docs_numbered(n)
        and (n not in lib.cited_numbers() or asks_its_text and n == intent.subject_number)
    ]
    years = YEARS.findall(" ".join(intent.terms))
    gaps += [y for y in years if y not in lib.vocabulary]
    gaps += [name for name in proper_names(intent.question) if not lib.phrase_present(name)]
    gaps += [
        phase for phase, forms in numbered_phases(intent.question) if not any(map(lib.phrase_present, forms))
    ]
    kind = asked_kind(intent.question)
    gaps += [kind] if kind and not lib.docs_of_kind(kind) else []
    return gaps


def asked_kind(question: str) -> str:
    """The kind of document a question asks about as a document (see _KIND_WRITTEN), "" when none:
    "Báo cáo kết quả kiểm tra … chỉ ra những hạn chế gì?" → "Báo cáo"."""
    return asked_document(question)[0]


def asked_document(question: str) -> tuple[str, bool]:
    """The kind of document a question asks about (as `asked_kind`) and whether it gives its number
    ("Nghị quyết số 05-NQ/TU …"): ("", False) when it asks about none."""
    text = nfc(question)
    for match in _KIND_WRITTEN.finditer(text):
        written, numbered, named = match.groups()
        before = syllables(text[: match.start()])
        according = before[-1:] == ["theo"] and (numbered or named or written[:1].isupper())
        rest = text[match.end(1) :].lower()
        if according or (not before and (numbered or named or _DOCUMENT_DOES.search(rest))):
            kind = KIND_BY_NAME.get(written, "") or KIND_BY_FOLDED.get(fold(written), "")
            return kind, bool(kind and numbered)
    return "", False


def kin_kinds(a: str, b: str) -> bool:
    """True when two kinds of document may name the same document: one is the other, or a longer
    name of it ("Kế hoạch liên tịch", "Thông báo kết luận"), or one ends the other ("Bộ luật" is
    the "Luật" a question names)."""
    x, y = fold(a), fold(b)
    return bool(x and y) and (x.startswith(y) or y.startswith(x) or x.endswith(y) or y.endswith(x))


# A numbered round, course or stage: "đợt 2", "khóa II", "lần thứ nhất", "giai đoạn 3" (folded).
_PHASE = re.compile(
    r"\b(dot|khoa|lan thu|giai doan)\s+(?:thu\s+)?([ivxl]+|\d{1,2}|nhat|mot|hai|ba|tu|bon|nam)\b"
)
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5, "vi": 6, "vii": 7, "viii": 8, "ix": 9, "x": 10}
_ORDINAL_WORDS = {"nhat": 1, "mot": 1, "hai": 2, "ba": 3, "tu": 4, "bon": 4, "nam": 5}
_WORDS_OF = {1: ("nhat", "mot"), 2: ("hai",), 3: ("ba",), 4: ("tu", "bon"), 5: ("nam",)}


def numbered_phases(question: str) -> list[tuple[str, tuple[str, ...]]]:
    """The numbered rounds a question names, each with the folded ways a document writes it: "đợt
    2" → ("dot 2", "dot 02", "dot ii", "dot hai", "dot thu hai", …). A round the library never names
    is one it holds nothing of ("khóa II" of a library that speaks of "khóa I" only)."""
    out = []
    for m in _PHASE.finditer(folded_words(question)):
        word, written = m.groups()
        n = int(written) if written.isdigit() else _ROMAN.get(written) or _ORDINAL_WORDS.get(written)
        if not n:
            continue
        roman = next((r for r, v in _ROMAN.items() if v == n), "")
        values = (str(n), f"{n:02d}", roman, *_WORDS_OF.get(n, ()))
        forms = tuple(f"{word} {thu}{v}" for v in values if v for thu in ("", "thu "))
        out.append((f"{word} {written}", forms))
    return out


def proper_names(question: str) -> list[str]:
    """Capitalised names after a place or law word: "huyện Vân Khê", "Luật Thủy sản" → the names."""
    return [m.group(1) or m.group(2) for m in _NAMED.finditer(nfc(question))]


def same_kind(document: Document, kind: str) -> bool:
    """True when a document is of the kind named, by folded prefix ("Kế hoạch" is "Kế hoạch liên tịch")."""
    return bool(kind) and fold(document.metadata.doc_type).startswith(fold(kind))


def _same_kind_ref(ref: Reference, kind: str) -> bool:
    return bool(kind) and fold(ref.doc_type).startswith(fold(kind))


def subject_number(intent: Intent) -> str:
    """Leading number of the document a question is about ("" when it names none by number)."""
    return intent.subject_number or ("" if intent.doc_kind else next(iter(intent.doc_numbers), ""))


def subject_documents(intent: Intent, hits: list[Hit], lib: LibraryIndex, filters: Filters) -> list[Document]:
    """Documents a question is about, best first: the first document it names (by number, else by
    kind, ranked by search and by whether they cite the other documents named), else the documents
    of the best hits."""
    number = subject_number(intent)
    if number:
        numbered = [d for d in lib.docs_numbered(number) if filters.allows(d)]
        return sorted(numbered, key=lambda d: not same_kind(d, intent.doc_kind))
    votes: dict[str, float] = {}
    for rank, hit in enumerate(hits[:10], 1):
        votes[hit.document.id] = votes.get(hit.document.id, 0.0) + 1.0 / rank
    for doc_id, ref in lib.cited:
        if leading_number(ref.number) in intent.doc_numbers:
            votes[doc_id] = votes.get(doc_id, 0.0) + 1.0
    # Documents are read through the library's indexes (by kind, by id), never one by one.
    same = [d for d in lib.docs_of_kind(intent.doc_kind) if filters.allows(d)]
    voted = (lib.documents[i] for i in votes if i in lib.documents)
    pool = same or lib.in_order(d for d in voted if filters.allows(d))
    return sorted(pool, key=lambda d: -votes.get(d.id, 0.0))


def fact_unit(document: Document, units: Sequence[Unit], fact: str, question: str) -> Unit | None:
    """The unit of a document that states a fact: signature block, header, recipients or Nơi nhận."""
    md = document.metadata

    def of_kind(*kinds: str) -> list[Unit]:
        return [u for u in units if u.kind in kinds]

    if fact == "signer":
        names = [s.name for s in md.signer.each() if s.name]
        holders = [u for u in of_kind("signature") if not names or any(n in u.text for n in names)]
        holders = holders or [u for u in units if any(n in u.text for n in names)]
        return holders[-1] if holders else None
    if fact == "recipients":
        wants_cc = bool(_REPORT.search(folded_words(question))) or not md.recipients
        order = ("cc", "recipients") if wants_cc else ("recipients", "cc")
        return next((u for k in order for u in of_kind(k)), None)
    header = of_kind("header")
    if fact == "date" and not md.date:
        return next((u for u in units[:_HEAD_UNITS] if WORDY_DATE.search(u.text)), None)
    if fact == "date" and md.date:
        day = int(md.date[8:10])
        dated = [u for u in units if re.search(rf"(?i)ngày 0?{day}\b", u.text) and md.date[:4] in u.text]
        # The header block that prints the date first: it may stand apart, under the title.
        first = [u for u in dated if u.kind == "header"] + header + dated
        return first[0] if first else None
    if fact == "number" and md.number:
        return next((u for u in units if md.number in u.text), None)
    first = header or of_kind("title")
    return first[0] if first else None


def _fact_value(document: Document, fact: str, question: str, units: Sequence[Unit]) -> str:
    md = document.metadata
    if fact == "signer":  # the signers of a joint document one after the other
        return signer_text(md.signer) or NO_VALUE
    if fact == "date":
        if md.date:
            return format_date(md.date)
        # No parsed date (a speech's Markdown header table): read it off the first units.
        dated = next((m for u in units[:_HEAD_UNITS] if (m := WORDY_DATE.search(u.text))), None)
        return format_date(f"{dated[3]}-{int(dated[2]):02d}-{int(dated[1]):02d}") if dated else NO_VALUE
    if fact == "number":
        return md.number or NO_VALUE
    if fact == "issuer":
        return md.issuer or NO_VALUE
    wants_cc = bool(_REPORT.search(folded_words(question))) or not md.recipients
    entries = md.cc if wants_cc else md.recipients
    return "; ".join(e.strip(" -,.;") for e in entries) or NO_VALUE


def _missing_fact(question: str, intent: Intent, lib: LibraryIndex) -> Answer | None:
    """Facts of a document the library only cites (number named, document absent)."""
    cited = [
        (src, r)
        for n in intent.doc_numbers
        for src, r in lib.references
        if leading_number(r.number) == n and r.target is None
    ]
    if not cited:
        return None
    ref = cited[0][1]
    citations = _citing_citations(intent, cited, lib)
    cited_in = "; ".join(dict.fromkeys(document_phrase(lib.documents[src]) for src, _ in cited))
    text = f"{reference_phrase(ref)} ({MISSING}).\n{CITED_IN}: {cited_in}."
    return Answer(question, "fact", "found", text, FACT_CONFIDENCE, tuple(citations))


def answer_fact(
    question: str, intent: Intent, hits: list[Hit], lib: LibraryIndex, filters: Filters
) -> Answer | None:
    """Facts straight from a document's parsed metadata, cited with the unit that states them."""
    number = subject_number(intent)
    if number and not lib.docs_numbered(number):
        return _missing_fact(question, intent, lib)
    subjects = subject_documents(intent, hits, lib, filters)
    if not subjects:
        return None
    document = subjects[0]
    lines = [
        f"{FACT_LABELS[f]}: {_fact_value(document, f, question, lib.units(document.id))}"
        for f in intent.facts
    ]
    units = [fact_unit(document, lib.units(document.id), fact, question) for fact in intent.facts]
    stated = [u for u in units if u is not None]
    # The unit stating the most facts asked first ("số mấy, ngày nào, ai ký?": the header, with
    # number and date, before the signature), the others in the order of the facts.
    citations = [
        make_citation(Hit(unit, document, FACT_CONFIDENCE), (), "")
        for unit in sorted(dict.fromkeys(stated), key=lambda u: -stated.count(u))
    ]
    rest = _best_passage(intent, document, lib) if len(_beyond_fact(intent)) >= _MIN_REST_TERMS else None
    if rest is not None and all(c.hit.unit != rest.hit.unit for c in citations):
        citations.append(rest)
        s, e = rest.highlights[0]
        lines.append(f"Trích: “{' '.join(rest.hit.unit.text[s:e].split())}” ({rest.citation})")
    text = f"{document_phrase(document)}\n" + "\n".join(lines)
    return Answer(question, "fact", "found", text, FACT_CONFIDENCE, tuple(citations))


def _beyond_fact(intent: Intent) -> list[str]:
    """Content terms of a fact question besides the document's kind and the fact's own words."""
    asked = set(syllables(intent.doc_kind)) | _FACT_WORDS
    return [t for t in intent.terms if t not in asked and not t.isdigit()]


def _best_passage(
    intent: Intent, document: Document, lib: LibraryIndex, floor: float = 0.5
) -> Citation | None:
    """The unit of a document that best covers the question beyond the fact asked, if it covers it well."""
    best, score = None, floor
    for unit in lib.units(document.id):
        if unit.kind in ("header", "signature", "cc", "recipients", "title"):
            continue
        value = overlap(intent.terms, intent.bigrams, unit.text, lib.idf)
        if value > score:
            best, score = unit, value
    if best is None:
        return None
    spans = highlight(best.text, intent.terms, intent.bigrams, lib.idf, max_spans=1)
    return make_citation(Hit(best, document, score), spans, "") if spans else None


def _citing_citations(
    intent: Intent, pairs: list[tuple[str, Reference]], lib: LibraryIndex
) -> list[Citation]:
    out: list[Citation] = []
    for src, ref in pairs:
        unit = lib.citing_unit(src, ref)
        if unit is None or any(c.hit.unit == unit for c in out):
            continue
        span = (ref.start - unit.start, ref.end - unit.start)
        spans: tuple[tuple[int, int], ...] = (span,) if 0 <= span[0] < span[1] <= len(unit.text) else ()
        spans = spans or highlight(unit.text, intent.terms, intent.bigrams, lib.idf)
        out.append(make_citation(Hit(unit, lib.documents[src], FACT_CONFIDENCE), spans, ""))
    return out


def _target_phrase(ref: Reference, lib: LibraryIndex) -> str:
    if ref.target and ref.target in lib.documents:
        return document_phrase(lib.documents[ref.target])
    return f"{reference_phrase(ref)} ({MISSING})"


def answer_related(
    question: str, intent: Intent, hits: list[Hit], lib: LibraryIndex, filters: Filters
) -> Answer | None:
    """Related documents from the reference graph, cited with the passages that make the link.

    Every reference of the library is a candidate; the question's document numbers and kind, the
    relation asked and its direction, retrieval rank and term overlap of the citing passage rank them.
    """
    ranks = {(h.document.id, h.unit.ordinal): r for r, h in enumerate(hits, 1)}
    subjects = {d.id for d in subject_documents(intent, hits, lib, filters)[:1]}
    numbers = set(intent.doc_numbers)
    scored: list[tuple[float, str, Reference, bool]] = []
    for src, ref in lib.references:
        if not filters.allows(lib.documents[src]) and not (
            ref.target and filters.allows(lib.documents[ref.target])
        ):
            continue
        unit = lib.citing_unit(src, ref)
        if unit is None:
            continue
        rank = ranks.get((src, unit.ordinal))
        score = 0.35 * (1.0 / (1.0 + (rank - 1) / 5.0) if rank else 0.0)
        score += 0.45 * overlap(intent.terms, intent.bigrams, unit.text, lib.idf)
        if intent.relation and ref.relation == intent.relation:
            score += 0.2
        # The words just before a reference say how it is cited ("Theo đề nghị của … tại Công văn …").
        before = unit.text[max(0, ref.start - unit.start - _RELATION_WINDOW) : max(0, ref.start - unit.start)]
        if intent.relation and RELATION_PATTERNS[intent.relation].search(" ".join(syllables(before))):
            score += 0.25
        # "… thành kế hoạch", "… nghị quyết nào": the related document is of a kind the question names.
        related_kind = (
            ref.doc_type if intent.direction != "incoming" else lib.documents[src].metadata.doc_type
        )
        if related_kind and any(fold(related_kind).startswith(fold(k)) for k in intent.other_kinds):
            score += 0.3
        src_named = leading_number(lib.documents[src].metadata.number) in numbers or src in subjects
        ref_named = leading_number(ref.number) in numbers or (ref.target in subjects if ref.target else False)
        # A cited document the library lacks (or cannot resolve) is named by its kind alone.
        ref_named = ref_named or (not intent.subject_number and _same_kind_ref(ref, intent.doc_kind))
        incoming = intent.direction == "incoming"
        score += 0.5 * bool(ref_named if incoming else src_named) + 0.3 * bool(
            src_named if incoming else ref_named
        )
        # "… thành kế hoạch", "nghị quyết nào": the document on the other side is of the kind asked for.
        other_kind = lib.documents[src].metadata.doc_type if ref_named else ref.doc_type
        if other_kind and any(fold(other_kind).startswith(fold(k)) for k in intent.other_kinds):
            score += 0.3
        # "Văn bản nào triển khai X" wants the documents citing X, "X triển khai văn bản nào" the ones
        # X cites: a link in the other direction never answers it.
        directed = ref_named if incoming else src_named
        scored.append((score, src, ref, directed))
    if not scored:
        return None
    # Only when the question names its document (by number or kind), not when search guessed it.
    if (numbers or intent.doc_kind) and any(d for *_, d in scored):
        scored = [x for x in scored if x[3]]
    scored.sort(key=lambda x: -x[0])
    top = scored[:MAX_RELATED]
    citations = _citing_citations(intent, [(s, r) for _, s, r, _ in top], lib)
    lines = []
    for _, src, ref, _ in top:
        verb = RELATION_WORDS.get(ref.relation, "viện dẫn")
        line = f"- {document_phrase(lib.documents[src])} {verb} {_target_phrase(ref, lib)}"
        if line not in lines:
            lines.append(line)
    conf = min(1.0, top[0][0])
    return Answer(question, "related", "found", "\n".join(lines), conf, tuple(citations))
