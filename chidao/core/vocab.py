"""The genre vocabulary, in one place: document kinds with their number codes and spoken forms.

Every layer reads these tables — the parser (kind headings, codes inside numbers), reference
finding (kinds before a cited number), search (numbers named after a kind) and question analysis
(the kind a question names) — so a kind added here is known everywhere at once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from chidao.core.text import fold


@dataclass(frozen=True, slots=True)
class DocKind:
    """A kind of document: its display name, other printed names, and the codes of its numbers.

    `codes` are the kind codes inside document numbers ("19-CT/TU", "15/2020/NĐ-CP"); people say
    them too ("KH 35", "NQ 12"). `printed` are other names a heading or a citation uses for it.
    """

    name: str
    printed: tuple[str, ...] = ()
    codes: tuple[str, ...] = ()
    numbered: bool = True  # cited by number or date ("Công văn số …", "Nghị quyết ngày …")
    titled: bool = False  # named by its title: "Bộ luật Dân sự số 91/2015/QH13", "Luật Cư trú"


# Party, State and Front documents. Party numbering writes Quy định as "QĐi" at the centre, "QĐ"
# locally, so "QĐ" names a Quyết định in a number but a question's "QĐ 07" may mean either.
KINDS: tuple[DocKind, ...] = (
    DocKind("Bài phát biểu", ("Bài nói chuyện", "Bài nói", "Diễn văn", "Phát biểu"), numbered=False),
    DocKind("Chương trình hành động", codes=("CTHĐ",)),
    DocKind("Chương trình", codes=("CTr",)),
    DocKind("Công văn", codes=("CV",)),
    DocKind("Công điện", codes=("CĐ",)),
    DocKind("Chỉ thị", codes=("CT",)),
    DocKind("Nghị quyết", codes=("NQ",)),
    DocKind("Nghị định", codes=("NĐ",)),
    DocKind("Kế hoạch", codes=("KH",)),
    DocKind("Quy định", codes=("QĐi",)),
    DocKind("Quy chế", codes=("QC",)),
    DocKind("Quyết định", codes=("QĐ",)),
    DocKind("Thông báo", ("Thông báo kết luận",), codes=("TB",)),
    DocKind("Thông tri", codes=("TT",)),
    DocKind("Thông tư", codes=("TT",)),
    DocKind("Hướng dẫn", codes=("HD",)),
    DocKind("Báo cáo", codes=("BC",)),
    DocKind("Tờ trình", codes=("TTr",)),
    DocKind("Kết luận", codes=("KL",)),
    DocKind("Đề án", codes=("ĐA",)),
    DocKind("Biên bản", codes=("BB",)),
    DocKind("Lời kêu gọi", numbered=False),
    DocKind("Bộ luật", titled=True),
    DocKind("Luật", titled=True),
    DocKind("Pháp lệnh", codes=("PL",), titled=True),
    DocKind("Hiến pháp", titled=True),
)

# Codes that name two kinds: "TT" is a Thông tư in State numbers ("01/2020/TT-BNV") and a Thông tri
# in Party ones ("05-TT/TU"). The parser decides by the number's shape; elsewhere the first wins.
AMBIGUOUS_CODES = frozenset({"TT"})


def _longest_first(names: list[str]) -> list[str]:
    return sorted(dict.fromkeys(names), key=lambda n: (-len(n), n))


# Every written name of a kind → its display name ("Thông báo kết luận" → "Thông báo").
KIND_BY_NAME: dict[str, str] = {n: k.name for k in KINDS for n in (k.name, *k.printed)}
# Folded written name → display name, for folded text ("ke hoach" → "Kế hoạch").
KIND_BY_FOLDED: dict[str, str] = {fold(n): kind for n, kind in KIND_BY_NAME.items()}
# Upper-case heading → display name, longest first ("BÀI PHÁT BIỂU" before "PHÁT BIỂU").
KIND_HEADINGS: dict[str, str] = {n.upper(): KIND_BY_NAME[n] for n in _longest_first(list(KIND_BY_NAME))}
# Upper-case code inside a number → display name ("CT" → "Chỉ thị").
NUMBER_CODES: dict[str, str] = {}
for _kind in KINDS:
    for _code in _kind.codes:
        NUMBER_CODES.setdefault(_code.upper(), _kind.name)
# Kinds whose documents are named by their title ("Luật Hôn nhân và gia đình").
TITLED_KINDS = frozenset(k.name for k in KINDS if k.titled)
# Folded codes people type as abbreviations of a kind ("kh 35", "nq 12"); "qd" may be either QĐ.
KIND_ABBREVIATIONS: tuple[str, ...] = tuple(_longest_first([fold(c) for k in KINDS for c in k.codes]))

# Regex alternatives, longest first so that "Thông báo kết luận" wins over "Thông báo".
KIND_PATTERN = "|".join(re.escape(n) for n in _longest_first(list(KIND_BY_NAME)))
# The kinds cited by number or date in running text; speeches are cited through speaker and meeting.
NUMBERED_KIND_PATTERN = "|".join(
    re.escape(n) for n in _longest_first([n for k in KINDS if k.numbered for n in (k.name, *k.printed)])
)
# In folded text a kind word can be part of another word: "pháp luật" (the law in general) and
# "luật sư" (a lawyer) name no document.
_FOLDED_GUARDS = {"luat": r"(?<!phap )luat(?! su\b)"}
FOLDED_KIND_PATTERN = "|".join(
    _FOLDED_GUARDS.get(n, re.escape(n)) for n in _longest_first(list(KIND_BY_FOLDED))
)


def kind_of_code(code: str, number: str = "") -> str:
    """Display name of the kind a number code names ("NQ" → "Nghị quyết"), "" when unknown.

    "TT" is a Thông tư in a State number with a year ("01/2020/TT-BNV"), a Thông tri otherwise.
    """
    key = code.upper()
    if key in AMBIGUOUS_CODES:
        return "Thông tư" if re.search(r"/\d{4}/", number) else "Thông tri"
    return NUMBER_CODES.get(key, "")


def same_kind(a: str, b: str) -> bool:
    """True when two written kind names name the same kind ("chi-thi", "Chỉ thị")."""

    def key(name: str) -> str:
        folded = " ".join(fold(name).replace("-", " ").split())
        return fold(KIND_BY_FOLDED.get(folded, folded))

    return bool(a and b) and key(a) == key(b)


# Vietnamese classifiers: the word before a counted noun that names its sort, not what is counted
# ("bao nhiêu đứa trẻ" counts trẻ, "mấy chiếc tàu" tàu). Accented: folded, "tờ" is "tổ" (a team) and
# "con" a child.
CLASSIFIERS = frozenset("đứa chiếc cái con bức quyển cuốn tấm ngôi căn tờ cây".split())

# Question words and fillers that carry no topic, folded ("phải làm gì", "những … nào", "bao nhiêu").
# Search drops them as single terms (their syllable pairs stay: "đại đoàn kết" keeps "dai_doan").
STOPWORDS = frozenset(
    """
    ai cac can cho co cua dau de den do duoc gi hay hoac khi la lam ma mot neu nhat nhieu nhu nhung nao
    nay o phai sao tai the thi trong tu va ve voi
    """.split()
)
# More particles a question drops from its content terms ("có … không", "chúng tôi", "nhé", "đã").
# Search keeps them: folded, "toi" is also tội (crime), "dang" đảng (the Party), "minh" minh mẫn,
# "chung" chung sống — dropping them from search lost laws questions (../shared/eval-laws R@1
# 0.663 → 0.621 when one list served both).
QUESTION_FILLERS = STOPWORDS | frozenset("a chung da dang khong may minh nhe ra roi se tim toi vay".split())

# Scaffolding of exam-style questions (folded): "Điều nào sau đây (không phải) là …" (which of the
# following (is not) …), "Trong những điều dưới đây, đâu là …" (among the following, which is …),
# "… trừ điều nào?" (… except which?), "… đúng hay sai?" (true or false?), "một trong những" (one
# of). They name no topic, and "điều" (article) and "sau đây" (the following) open every article
# heading and lead-in of a law, so search drops them. SCAFFOLD_STEM tells such a question (an
# everyday "người đứng đầu không …" is none); SCAFFOLDING is what it then drops, the negation
# "không phải là" / "không thuộc" included: it asks which option is missing from the same article.
SCAFFOLD_STEM = re.compile(
    r"\b(?:nao sau day|duoi day|dung hay sai|dieu nao|(?<!dung )dau (?:la|khong phai))\b"
)
SCAFFOLDING = re.compile(
    r"\b(?:trong (?:nhung|cac) (?:dieu|y|phuong an) duoi day|(?:nhung )?(?:dieu|y) sau(?: day)?|"
    r"tru (?:dieu|y) nao|(?:dieu|y|phuong an) nao(?: sau day)?(?: la)?|nao sau day|"
    r"(?:la )?dung hay sai|dau (?:la )?khong phai la|dau la|(?:la )?khong phai la|(?:la )?khong dung|"
    r"khong thuoc|mot trong nhung)\b"
)

# What a counted noun is stated as when the text does not repeat the noun (folded): "bao nhiêu tiền"
# (how much money) is answered by an amount "… triệu đồng", "ngàn đồng".
# Measures, as a question spells them (folded, hyphens dropped or split: "héc-ta", "hec ta") →
# their symbols in texts ("5 ha", "28 km"): "bao nhiêu héc-ta rừng" counts héc-ta, not rừng.
MEASURES: dict[str, tuple[str, ...]] = {
    "hecta": ("ha",),
    "hec ta": ("ha",),
    "kilomet": ("km",),
    "ki lo met": ("km",),
    "met": ("m",),
    "tan": ("t",),
    "phan tram": ("%",),  # a sign, not a word: looked for in the text itself
}
COUNTED_AS: dict[str, tuple[str, ...]] = {"tien": ("dong",), **MEASURES}
