"""What a question asks: a unit's tasks, a deadline, a passage, a document fact or related documents."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, replace
from typing import Literal

from chidao.core.numbers import doc_numbers
from chidao.core.text import fold, folded_words, has_diacritics, nfc, syllables
from chidao.core.vocab import (
    AMBIGUOUS_CODES,
    CLASSIFIERS,
    FOLDED_KIND_PATTERN,
    KIND_BY_FOLDED,
    MEASURES,
    NUMBER_CODES,
    QUESTION_FILLERS,
    SCAFFOLD_STEM,
    SCAFFOLDING,
    STOPWORDS,
)
from qa.aliases import OrgTable
from qa.definitions import defined_terms
from qa.titles import titled_terms

IntentKind = Literal["unit_tasks", "deadline", "passage", "fact", "related"]
Direction = Literal["outgoing", "incoming", ""]

# All patterns below match folded text (lower case, no accents, đ → d), so "Ai ký" and "ai ky" agree.

# Document kinds as named in questions (folded) → display name.
DOC_KINDS = KIND_BY_FOLDED

# Facts about a document: who signed (ai ký = who signed), when (ngày nào = which day, hiệu lực =
# in force), its number (số hiệu), who issued it (của ai = whose), whom it is sent to (gửi … nào).
# "Who" is "ai" or a person noun with "nào" (which): đồng chí nào, người nào, vị nào, lãnh đạo nào.
_WHO = r"(?:ai|(?:dong chi|nguoi|vi|lanh dao|can bo) nao)"
FACT_PATTERNS: dict[str, re.Pattern[str]] = {
    "signer": re.compile(
        rf"\b(?:{_WHO}(?: da| la nguoi)? (?:ky|phat bieu)|nguoi ky|ky boi|ky ban hanh|ky ten"
        rf"|(?:ky|phat bieu) (?:boi |la )?{_WHO}"
        # "… là của đồng chí nào?": whose, asked of a person (a speech's speaker, a signer).
        r"|cua (?:dong chi|nguoi|vi|lanh dao) nao)\b"
    ),
    "date": re.compile(
        r"\b(?:ngay nao|ngay thang nam nao|ngay ky|ngay ban hanh|ban hanh ngay|"
        r"ban hanh khi nao|khi nao ban hanh|hieu luc|vao ngay nao|ky ngay)\b"
    ),
    "number": re.compile(r"\b(?:so hieu|so may|so bao nhieu|mang so|so ky hieu)\b"),
    "issuer": re.compile(
        r"\b(?:cua ai|ai ban hanh|co quan nao ban hanh|do co quan nao|cua co quan nao|"
        r"don vi nao ban hanh|cap nao ban hanh)\b"
    ),
    "recipients": re.compile(
        r"\b(?:gui (?:toi |den |cho |len )?(?:nhung |cac )?(?:don vi|co quan|noi|ai)"
        r"(?: nao)?|kinh gui|noi nhan"
        # "gửi báo cáo lên những cơ quan nào" asks whom; "gửi báo cáo 6 tháng trước ngày nào" asks when.
        r"|gui bao cao (?:(?:toi|den|cho|len|ve) )?(?:nhung |cac )?"
        r"(?:dau|ai|(?:don vi|co quan|noi)(?: nao)?))\b"
    ),
}
# A deadline or time frame: trước ngày nào (before which day), thời hạn (time limit), hạn chót
# (last day), chậm nhất (at the latest), khi nào / bao giờ (when), mốc thời gian (milestones).
# The document's own date asked ("ban hành ngày nào", "có hiệu lực từ khi nào"): a fact, not a
# deadline, whatever deadline words the question also has.
_DOCUMENT_DATE = re.compile(r"\b(?:ban hanh|hieu luc|ky)(?: \w+){0,2} (?:ngay nao|khi nao|bao gio)\b")
DEADLINE_PATTERN = re.compile(
    r"\b(?:truoc (?:ngay|thoi diem) nao|thoi han|han chot|cham nhat|khi nao|bao gio|thoi diem nao|"
    r"moc thoi gian|han (?:den|la|nop|gui|bao cao|hoan thanh|cuoi)|bao lau|xong truoc|hoan thanh truoc|"
    r"den ngay nao)\b"
)
# A unit's tasks: phải làm gì (must do what), nhiệm vụ (task), được giao / phân công (assigned).
TASK_PATTERN = re.compile(
    r"\b(?:phai lam gi|can lam gi|lam gi|lam nhung (?:viec )?gi|nhiem vu|duoc giao|duoc phan cong|"
    r"phan viec|trach nhiem gi|co trach nhiem|phai|can|duoc yeu cau|de nghi)\b"
)
# "Which document …": the question asks for documents, not for text.
WH_DOC = re.compile(
    rf"\b(?:(?:nhung |cac )?(?:van ban|tai lieu|{FOLDED_KIND_PATTERN}) (?:nao|so may)|vao dau|tu dau|"
    r"co quan nao, tai van ban)\b"
)
# "Which document says …" asks for a passage: nói (says), viết (writes), nêu (states), trích (quotes).
SAYS = re.compile(r"\b(?:noi|viet|neu|trich|de cap|nhac|ghi|khang dinh)\b")
# Relations between documents: triển khai / thực hiện / cụ thể hóa (implement), căn cứ / dựa trên /
# theo đề nghị (based on), thay thế (replace), sửa đổi (amend), viện dẫn / dẫn chiếu (cite).
RELATION_PATTERNS: dict[str, re.Pattern[str]] = {
    "replaces": re.compile(r"\bthay the\b"),
    "amends": re.compile(r"\b(?:sua doi|bo sung)\b"),
    "based_on": re.compile(r"\b(?:can cu|dua tren|dua vao|theo de nghi|tren co so)\b"),
    "implements": re.compile(r"\b(?:trien khai|thuc hien|cu the hoa|quan triet|tuyen truyen)\b"),
    # "nhắc đến / nhắc tới / nói đến / nói tới / đề cập (đến)": mentions (đến and tới alike).
    "cites": re.compile(r"\b(?:vien dan|dan chieu|trich dan|(?:nhac|noi) (?:den|toi)|de cap)\b"),
}
# The cited document is the subject when the relation verb is passive: bị / được … (is … by).
# "Nghị quyết 12 được văn bản nào triển khai?": the asked document may stand between.
_PASSIVE = re.compile(
    r"\b(?:bi|duoc)(?: \w+){0,2}(?: (?:nhung |cac )?(?:van ban|tai lieu) nao)? (?:thay the|trien khai|"
    r"thuc hien|cu the hoa|vien dan|dan chieu|sua doi|can cu|(?:nhac|noi) (?:den|toi)|de cap)\b"
)
# Question words removed before matching content: gì (what), nào (which), ai (who), đâu (where),
# bao nhiêu / mấy (how many), thế nào (how), có … không (yes/no)…
QUESTION_PHRASES = (
    "phai lam gi",
    "can lam gi",
    "lam nhung viec gi",
    "nhung viec gi",
    "nhu the nao",
    "the nao",
    "bao nhieu",
    "bao lau",
    "bao gio",
    "khi nao",
    "la gi",
    "o dau",
    "vao dau",
    "tim doan",
    "doan nao",
    "cau nao",
    "van ban nao",
    "nhung gi",
    "ra sao",
    "hay khong",
    "co khong",
    "la ai",
)
# Titles of people (bí thư = secretary, chủ tịch = chair, trưởng/phó ban = head/deputy head).
_TITLE_BEFORE = re.compile(r" (?:bi thu|chu tich|truong ban|pho ban|uy vien|dong chi) $")
# "Nghị quyết của Tỉnh ủy" names who issued a document, not the unit asked about.
_ISSUER_BEFORE = re.compile(rf"\b(?:{FOLDED_KIND_PATTERN}|van ban)(?: \w+){{0,6}} cua $")
# Nouns that a "bao nhiêu / mấy" question counts but that need not be written out in the answer.
_GENERIC_COUNTED = frozenset({"thoi gian", "ngay", "lan", "nam", "thang"})


@dataclass(frozen=True, slots=True)
class Intent:
    """What a question asks, and the parts of it that point at units, documents and text."""

    kind: IntentKind
    question: str = ""  # as asked
    facts: tuple[str, ...] = ()  # "signer", "date", "number", "issuer", "recipients"
    org: str = ""  # canonical name of the unit asked about
    orgs: tuple[str, ...] = ()  # every unit named, in reading order
    doc_numbers: tuple[str, ...] = ()  # leading numbers of documents named: ("35",)
    doc_kind: str = ""  # "Kế hoạch" when the question names a kind of document (the first it names)
    subject_number: str = ""  # leading number of the first document named, when it has one
    other_kinds: tuple[str, ...] = ()  # kinds asked for ("… thành kế hoạch", "nghị quyết nào")
    quote: str = ""  # words quoted in the question ("…nâng cao uy tín…"), folded
    relation: str = ""  # RelationKind asked about, "" for any
    direction: Direction = ""  # "incoming": which documents cite the named one
    terms: tuple[str, ...] = ()  # content syllables, folded
    bigrams: tuple[str, ...] = ()  # adjacent content syllables, "a b"
    counted: str = ""  # what "bao nhiêu X" counts, folded ("trieu dong")
    amount: bool = False  # asks how many or how much ("bao nhiêu", "mấy"), whatever it counts
    defines: tuple[str, ...] = ()  # terms a definition question asks for, folded ("hop dong hop tac")
    titled: tuple[str, ...] = ()  # the provision title a question names, folded ("vi tri viec lam")
    searched: str = ""  # what is searched: the question without exam scaffolding ("Điều nào sau đây …")

    @property
    def fact(self) -> str:
        return self.facts[0] if self.facts else ""


_WORDS = re.compile(r"\w+")
_DANGLING = re.compile(r"\s*[,;:](?:\s*[,;:])*\s*(?=[?.!]|$)")  # a comma left before "?" by a cut


def without_scaffolding(question: str) -> str:
    """The question without the scaffolding of an exam-style one (chidao.core.vocab.SCAFFOLDING), its
    other words and punctuation kept; unchanged when it is not one or nothing else would be left.

    >>> without_scaffolding("Điều nào sau đây KHÔNG phải là nghĩa vụ của người giám hộ?")
    'nghĩa vụ của người giám hộ?'
    """
    words = list(_WORDS.finditer(question))
    folded = " ".join(fold(w.group()) for w in words)
    if not SCAFFOLD_STEM.search(folded):
        return question
    starts, position = [], 0  # where each word starts in `folded`
    for word in words:
        starts.append(position)
        position += len(fold(word.group())) + 1
    text = question
    for match in reversed(list(SCAFFOLDING.finditer(folded))):
        inside = [w for w, s in zip(words, starts, strict=True) if match.start() <= s < match.end()]
        if inside:
            text = text[: inside[0].start()] + text[inside[-1].end() :]
    text = _DANGLING.sub("", " ".join(text.split())).lstrip(" ,;:.")
    return text if _WORDS.search(text) else question


def _scaffolded_topic(question: str, topic: str) -> tuple[str, ...]:
    """An exam-style question without its scaffolding (`topic`) names a provision ("Điều nào sau đây
    không phải là nghĩa vụ của X?" → "nghĩa vụ của X"): its title forms as titled_terms gives them."""
    return titled_terms(f"Quy định về {topic}") if topic != question else ()


def content_terms(question: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Content syllables and bigrams of a question, question words removed (folded)."""
    text = folded_words(question)
    for phrase in QUESTION_PHRASES:
        text = text.replace(f" {phrase} ", " | ")
    terms: list[str] = []
    bigrams: list[str] = []
    prev = ""
    for token in text.split():
        if token == "|" or token in QUESTION_FILLERS:
            prev = ""
            continue
        if token not in terms:
            terms.append(token)
        if prev and f"{prev} {token}" not in bigrams:
            bigrams.append(f"{prev} {token}")
        prev = token
    return tuple(terms), tuple(bigrams)


# "bao nhiêu X" / "mấy X" (how many X). On accented text "mấy" (how many) and "máy" (machine) differ;
# folded, both are "may", so an accented question is read accented.
# A word may be hyphenated ("héc-ta", "ki-lô-mét"): its syllables are one word.
_COUNTED_ACCENTED = re.compile(r"\b(?:bao nhiêu|mấy)\s+(\w+(?:-\w+)*(?: \w+){0,2})")
_COUNTED_FOLDED = re.compile(r"\b(?:bao nhieu|may)\s+(\w+(?:-\w+)*(?: \w+){0,2})")


# How many / how much, wherever it stands ("… là bao nhiêu?", "tiền dầu bao nhiêu cho mỗi chuyến?"):
# folded, only "bao nhieu" ("may" is also "máy", a machine). In a yes/no question ("có … không?")
# "mấy" is "several" ("mưa to mấy ngày liền … có được … không?"), not "how many".
_AMOUNT_ACCENTED = re.compile(r"\bbao nhiêu\b")
_SEVERAL_OR_HOW_MANY = re.compile(r"\bmấy\b")
_AMOUNT_FOLDED = re.compile(r"\bbao nhieu\b")
_YES_NO = re.compile(r"\b(?:khong|chua)\s*$")


# A document mentioned right after "nhắc đến / đề cập": "nhắc tới Nghị quyết số 12", "đề cập KH 57".
_MENTIONED_DOCUMENT = re.compile(rf"^ (?:(?:{FOLDED_KIND_PATTERN})(?: so)? )?\d")


def _mentions_document(folded: str) -> bool:
    """True when "văn bản nào nhắc đến …" asks which documents cite a document, not which one says
    something: a document named right after the verb, or before it in the passive ("Quyết định 215
    được văn bản nào nhắc tới": the mention verb closes the clause)."""
    verb = RELATION_PATTERNS["cites"].search(folded)
    if verb is None:
        return False
    return bool(_MENTIONED_DOCUMENT.match(folded[verb.end() :]) or _PASSIVE.search(folded))


def _asks_amount(question: str, folded: str) -> bool:
    if not has_diacritics(question):
        return bool(_AMOUNT_FOLDED.search(folded))
    lower = question.lower()
    if _AMOUNT_ACCENTED.search(lower):
        return True
    return bool(_SEVERAL_OR_HOW_MANY.search(lower)) and not _YES_NO.search(folded)


# Money asked by its noun before "bao nhiêu" (folded): tiền, giá (price), phí / lệ phí / học phí /
# kinh phí (fees, funds), mức phạt (fine), with one word between at most ("giá vé").
_MONEY_ASKED = re.compile(r"\b(?:tien|gia|phi|muc phat)(?: \w+)? (?:la )?bao nhieu\b")


def _counted(question: str, folded: str) -> str:
    """What "bao nhiêu X" counts, folded and cut at the first function word ("tiền cho" → "tien")."""
    accented = has_diacritics(question)
    match = (_COUNTED_ACCENTED if accented else _COUNTED_FOLDED).search(
        question.lower() if accented else folded
    )
    if not match:
        # "bị phạt tiền bao nhiêu?", "giá vé bao nhiêu?", "lệ phí là bao nhiêu?": money is counted.
        return "tien" if _MONEY_ASKED.search(folded) else ""
    written = match.group(1).replace("-", "").split()
    if accented and len(written) > 1 and written[0] in CLASSIFIERS:
        written = written[1:]  # "bao nhiêu đứa trẻ" counts trẻ
    words = []
    for word in fold(" ".join(written)).split():
        # Accented, only true function words end the noun ("đảng viên" stays whole); folded,
        # the question fillers too ("dang" may be "đang").
        if word in (STOPWORDS if accented else QUESTION_FILLERS):
            break
        words.append(word)
    measure = next((" ".join(words[:n]) for n in (3, 2, 1) if " ".join(words[:n]) in MEASURES), "")
    noun = measure or " ".join(words[:2])
    return "" if not noun or noun in _GENERIC_COUNTED or noun.split()[0] in _GENERIC_COUNTED else noun


_KIND_MENTION = re.compile(rf"\b({FOLDED_KIND_PATTERN})\b(?: (?:so )?(\d{{1,5}})\b)?(?! nao)")
# A kind of document asked for: "nghị quyết nào" (which resolution), "thành kế hoạch" (into a plan),
# "nghị quyết đó là văn bản nào" (that resolution is which document).
_WANTED_KIND = re.compile(
    rf"\b({FOLDED_KIND_PATTERN}) nao\b|\bthanh ({FOLDED_KIND_PATTERN})\b|"
    rf"\b({FOLDED_KIND_PATTERN}) (?:do|nay) la (?:van ban )?nao\b"
)
# Quoted words: "…", “…”, «…».
_QUOTED = re.compile(r"[\"“«]\s*(?:\.{3}|…)?\s*([^\"”»]{12,}?)\s*(?:\.{3}|…)?\s*[\"”»]")


def _doc_mentions(folded: str) -> list[tuple[str, str]]:
    """Kinds of documents a question names, in order, with their leading number ("" when none)."""
    found = [(DOC_KINDS[m.group(1)], (m.group(2) or "").lstrip("0")) for m in _KIND_MENTION.finditer(folded)]
    return found


# A kind's number code written in capitals as a word of its own: "KH ứng phó bão …", "QĐ 215".
_CODE_WORD = re.compile(r"(?<![\w/-])([A-ZĐ][A-Za-zĐ]{1,3})(?![\w/-])")


def _kind_by_code(question: str) -> str:
    """The kind a question names by its code alone ("KH ứng phó bão … số mấy?"), "" when none."""
    for match in _CODE_WORD.finditer(nfc(question)):
        code = match.group(1)
        if code.upper() in NUMBER_CODES and code.upper() not in AMBIGUOUS_CODES:
            return NUMBER_CODES[code.upper()]
    return ""


def _wanted_kinds(folded: str) -> tuple[str, ...]:
    return tuple(
        dict.fromkeys(DOC_KINDS[next(g for g in m.groups() if g)] for m in _WANTED_KIND.finditer(folded))
    )


def _quote(question: str) -> str:
    match = _QUOTED.search(question)
    return " ".join(syllables(match.group(1))) if match and len(syllables(match.group(1))) >= 4 else ""


def _subject_org(question: str, table: OrgTable) -> tuple[str, tuple[str, ...]]:
    words = folded_words(question)
    named = table.question_mentions(question)
    names = tuple(dict.fromkeys(m[2] for m in named))
    # "Bí thư Tỉnh ủy" is a person's title and "nghị quyết của Tỉnh ủy" an issuer: neither is the unit
    # asked about.
    mentions = [
        m
        for m in named
        if not _TITLE_BEFORE.search(words[: m[0] + 1]) and not _ISSUER_BEFORE.search(words[: m[0] + 1])
    ]
    if not mentions:
        return "", names
    # The unit asked about is the one an obligation follows ("Tỉnh đoàn cần …"), else the first named.
    for _start, end, name in mentions:
        if TASK_PATTERN.search(words[end - 1 : end + 30]):
            return name, names
    return mentions[0][2], names


@functools.cache
def _default_table() -> OrgTable:
    """The built-in alias table, built once (detect_intent only reads it)."""
    return OrgTable.default()


def detect_intent(question: str, table: OrgTable | None = None) -> Intent:
    """Classify a question (with or without diacritics) and pull out its unit, documents and terms."""
    table = table or _default_table()
    folded = " ".join(syllables(question))
    slashy = fold(question)
    numbers = doc_numbers(question)
    mentions = _doc_mentions(folded)
    doc_kind = mentions[0][0] if mentions else _kind_by_code(question)
    subject_number = mentions[0][1] if mentions else ""
    other_kinds = _wanted_kinds(folded)
    names_doc = bool(numbers or doc_kind or re.search(r"\bvan ban\b", folded))
    org, orgs = _subject_org(question, table)
    searched = without_scaffolding(question)
    terms, bigrams = content_terms(searched)
    facts = tuple(f for f, p in FACT_PATTERNS.items() if p.search(folded) or p.search(slashy))
    deadline = bool(DEADLINE_PATTERN.search(folded))
    if deadline and facts == ("date",) and not _DOCUMENT_DATE.search(folded):
        facts = ()
    relation = next((r for r, p in RELATION_PATTERNS.items() if p.search(folded)), "")
    wh_doc = WH_DOC.search(folded)
    base = Intent(
        "passage",
        question=question,
        org=org,
        orgs=orgs,
        doc_numbers=numbers,
        doc_kind=doc_kind,
        subject_number=subject_number,
        other_kinds=other_kinds,
        quote=_quote(question),
        terms=terms,
        bigrams=bigrams,
        counted=_counted(question, folded),
        amount=_asks_amount(question, folded),
        defines=defined_terms(question),
        titled=titled_terms(question) or _scaffolded_topic(question, searched),
        searched=searched,
    )
    says = wh_doc and SAYS.search(folded[wh_doc.end() : wh_doc.end() + 12]) and not _mentions_document(folded)
    if wh_doc and not says and (relation or numbers or doc_kind) and "recipients" not in facts:
        verb = RELATION_PATTERNS[relation].search(folded) if relation else None
        incoming = bool(_PASSIVE.search(folded)) or (verb is not None and wh_doc.start() < verb.start())
        return replace(
            base, kind="related", relation=relation, direction="incoming" if incoming else "outgoing"
        )
    if facts and names_doc:
        return replace(base, kind="fact", facts=facts, relation=relation)
    if deadline:
        return replace(base, kind="deadline")
    if org and TASK_PATTERN.search(folded):
        return replace(base, kind="unit_tasks")
    return base
