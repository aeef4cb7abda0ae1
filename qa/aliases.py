"""Names of units (organisations) with their aliases and abbreviations, and names learned from a library."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from chidao.model import Unit
from ingest.normalize import fold, nfc, syllables

# Canonical name → aliases as written in real directive documents. Matching is on folded syllables
# (accents, case and punctuation ignored), so "Ban dan van tinh uy" finds "Ban Dân vận Tỉnh ủy".
# Abbreviations of one or two letters ("HU", "TU") are too close to ordinary syllables (hủ, tư),
# so they match only as upper-case words in the original text. Extend freely: one line per unit.
ALIASES: dict[str, tuple[str, ...]] = {
    "Ban Thường vụ Tỉnh ủy": ("BTV Tỉnh ủy", "BTVTU", "Ban Thường vụ TU"),
    "Thường trực Tỉnh ủy": ("TTTU", "Thường trực TU"),
    "Tỉnh ủy": ("TU",),
    "Ban Dân vận Tỉnh ủy": ("BDVTU", "BDV Tỉnh ủy", "Ban Dân vận TU", "Ban Dân vận"),
    "Ban Tuyên giáo Tỉnh ủy": ("BTGTU", "BTG Tỉnh ủy", "Ban Tuyên giáo TU", "Ban Tuyên giáo"),
    "Ban Tuyên giáo huyện ủy": ("Ban Tuyên giáo các huyện ủy", "Ban tuyên giáo cấp huyện"),
    "Ban Dân vận huyện ủy": ("Ban Dân vận các huyện ủy", "Ban dân vận cấp huyện"),
    "Ban Tổ chức Tỉnh ủy": ("BTCTU", "BTC Tỉnh ủy", "Ban Tổ chức TU", "Ban Tổ chức"),
    "Ban Nội chính Tỉnh ủy": ("BNCTU", "BNC Tỉnh ủy", "Ban Nội chính TU", "Ban Nội chính"),
    "Ủy ban Kiểm tra Tỉnh ủy": ("UBKTTU", "UBKT Tỉnh ủy", "Ủy ban Kiểm tra"),
    "Văn phòng Tỉnh ủy": ("VPTU", "Văn phòng TU"),
    "Tỉnh đoàn": (
        "BTV Tỉnh đoàn",
        "Đoàn thanh niên tỉnh",
        "Tỉnh Đoàn TNCS Hồ Chí Minh",
        "Đoàn TNCS Hồ Chí Minh tỉnh",
        "Đoàn Thanh niên",
    ),
    "Đảng đoàn Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh": (
        "Đảng đoàn MTTQ",
        "Đảng đoàn UBMTTQ",
        "Đảng đoàn Ủy ban MTTQ",
        "Đảng đoàn Mặt trận",
    ),
    "Mặt trận Tổ quốc Việt Nam": (
        "MTTQ",
        "UBMTTQ",
        "Ủy ban MTTQ",
        "Ủy ban Mặt trận Tổ quốc",
        "Mặt trận Tổ quốc",
        "MTTQVN",
    ),
    "Ban cán sự đảng Ủy ban nhân dân tỉnh": ("BCS đảng UBND tỉnh", "Ban cán sự đảng UBND tỉnh"),
    "Ban cán sự đảng, đảng đoàn": ("BCS đảng", "BCSĐ", "ban cán sự đảng", "đảng đoàn"),
    "Ủy ban nhân dân tỉnh": ("UBND tỉnh", "chính quyền tỉnh"),
    "Huyện ủy, thị ủy, thành ủy": ("HU", "huyện ủy", "thị ủy", "thành ủy", "cấp ủy cấp huyện"),
    "Đảng ủy trực thuộc Tỉnh ủy": ("đảng ủy trực thuộc",),
    "Đảng ủy Khối các cơ quan tỉnh": ("Đảng ủy Khối cơ quan", "ĐUK các cơ quan", "Khối các cơ quan"),
    "Đảng ủy Khối doanh nghiệp tỉnh": ("Đảng ủy Khối DN", "ĐUKDN", "Khối doanh nghiệp"),
    "Đảng ủy xã, phường, thị trấn": ("đảng ủy xã", "đảng ủy cơ sở", "cấp ủy cơ sở"),
    "Cấp ủy": ("các cấp ủy", "cấp ủy đảng", "cấp ủy"),
    "Đảng ủy Công an tỉnh": ("Công an tỉnh", "ĐU Công an tỉnh"),
    "Đảng ủy Quân sự tỉnh": ("Quân sự tỉnh",),
    "Bộ Chỉ huy Quân sự tỉnh": ("Bộ CHQS tỉnh", "BCHQS tỉnh", "Bộ Chỉ huy Quân sự"),
    "Hội Cựu chiến binh tỉnh": ("Hội CCB", "Cựu chiến binh"),
    "Hội Liên hiệp Phụ nữ tỉnh": ("Hội LHPN", "LHPN", "Hội Phụ nữ"),
    "Hội Nông dân tỉnh": ("Hội ND tỉnh", "Hội Nông dân"),
    "Liên đoàn Lao động tỉnh": ("LĐLĐ tỉnh", "Công đoàn"),
    "Trường Chính trị tỉnh": ("Trường Chính trị",),
    "Đài Phát thanh và Truyền hình tỉnh": ("Đài PT-TH", "Đài PTTH", "đài truyền hình"),
    "Cơ quan báo chí": ("báo chí", "các cơ quan báo chí"),
}

# Classes of units rather than one unit ("các huyện ủy", "cấp ủy"): documents name them in many ways,
# so a question naming one that the library never spells out is not, by that alone, unanswerable.
CLASSES = frozenset(
    {
        "Huyện ủy, thị ủy, thành ủy",
        "Đảng ủy trực thuộc Tỉnh ủy",
        "Đảng ủy xã, phường, thị trấn",
        "Cấp ủy",
        "Ban cán sự đảng, đảng đoàn",
        "Cơ quan báo chí",
        "Ban Tuyên giáo huyện ủy",
        "Ban Dân vận huyện ủy",
    }
)

# "Ban Thường vụ (BTV) X", "các X": the standing board of X, or all X, is addressed as X itself.
BOARD_WORDS = frozenset({"ban", "thuong", "vu", "btv", "cac"})

# Words an organisation name starts with (folded), so that a phrase before "chủ trì" / a "Kính gửi"
# entry is taken as a unit name only when it looks like one.
ORG_HEADS = (
    "ban",
    "dang uy",
    "dang doan",
    "uy ban",
    "ubnd",
    "ubmttq",
    "mttq",
    "van phong",
    "huyen uy",
    "thi uy",
    "thanh uy",
    "tinh uy",
    "tinh doan",
    "hoi",
    "so",
    "truong",
    "cong an",
    "bo chi huy",
    "lien doan",
    "mat tran",
    "btv",
    "btt",
    "thuong truc",
    "cong doan",
    "trung tam",
    "chi bo",
    "doan",
)
# Verbs that follow the unit an assignment is given to: "Ban Tuyên giáo Tỉnh ủy chủ trì …"
# (chủ trì = lead, chỉ đạo = direct, phối hợp = coordinate, tham mưu = advise, tổ chức = organise…).
ASSIGNMENT_VERBS = (
    "chu tri",
    "chi dao",
    "phoi hop",
    "tham muu",
    "to chuc",
    "lanh dao",
    "xay dung",
    "theo doi",
    "huong dan",
    "bo tri",
    "phat dong",
    "dinh huong",
    "dua",
    "la co quan",
    "nghien cuu",
    "thong bao",
)
# Heads that also start ordinary words (hội nghị = meeting, sở dĩ…): the next word must be capitalised.
_CAPITAL_AFTER = ("hoi", "so", "truong", "bao", "dai")
# Words that end a name inside a sentence head (ban hành = issue, đã = did, phải = must…).
_HEAD_STOPS = ("ban hanh", "da", "phai", "duoc", "yeu cau", "de nghi", "lam viec", "hop", "cung")
# Leading words that are not part of a name: "các" (the plural), "đề nghị", "giao" (assign).
_NAME_PREFIXES = ("cac dong chi", "cac d c", "de nghi", "giao", "cac", "nhu tren", "luu")
_SHORT_ABBREV = re.compile(r"^[A-ZĐ]{1,2}$")
_MAX_NAME_SYLLABLES = 14


def folded_words(text: str) -> str:
    """Folded syllables joined by single spaces, padded: " ban dan van tinh uy " (for phrase matching)."""
    return " " + " ".join(syllables(text)) + " "


@dataclass(frozen=True, slots=True)
class OrgName:
    """A unit name with its aliases; `parent`: the wider class it is in (Huyện ủy An Thạch → huyện ủy)."""

    canonical: str
    aliases: tuple[str, ...]
    parent: str = ""
    learned: bool = False


@dataclass(slots=True)
class OrgTable:
    """Looks up unit names in questions and texts: the alias table plus names learned from a library."""

    names: dict[str, OrgName] = field(default_factory=dict)

    @classmethod
    def default(cls, learned: Iterable[str] = ()) -> OrgTable:
        table = cls({c: OrgName(c, (c, *a)) for c, a in ALIASES.items()})
        for name in learned:
            table.learn(name)
        return table

    def learn(self, name: str) -> None:
        """Add a name found in a library unless some known name already spells it."""
        key = folded_words(name)
        if key.strip() == "" or self._exact(key):
            return
        # "Ban Thường vụ Huyện ủy An Thạch" is the standing board of "Huyện ủy An Thạch"; questions
        # name the latter.
        board = re.match(r"(ban thuong vu|btv) ", key.strip())
        rest = name.split(None, 3 if board and board.group(1) != "btv" else 1)[-1]
        if board and clean_name(rest):
            name = rest
            key = folded_words(name)
            if self._exact(key) or key.startswith(" cac "):  # "BTV các huyện ủy…" is a class the table has
                return
        parent = self.find(name)
        self.names[name] = OrgName(name, (name,), parent[0] if parent else "", learned=True)

    def _exact(self, key: str) -> str:
        for org in self.names.values():
            if any(folded_words(a) == key for a in org.aliases if not _SHORT_ABBREV.match(a)):
                return org.canonical
        return ""

    def mentions(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, canonical) of the longest non-overlapping names, as offsets into folded words."""
        words = folded_words(text)
        found: list[tuple[int, int, str]] = []
        for org in self.names.values():
            for alias in org.aliases:
                if _SHORT_ABBREV.match(alias) and not re.search(rf"(?<![\w/-]){alias}(?![\w/-])", nfc(text)):
                    continue
                needle = folded_words(alias)
                start = words.find(needle)
                while start >= 0:
                    found.append((start, start + len(needle), org.canonical))
                    start = words.find(needle, start + 1)
        found.sort(key=lambda m: (-(m[1] - m[0]), m[0]))
        chosen: list[tuple[int, int, str]] = []
        for m in found:
            if all(m[1] <= c[0] + 1 or m[0] >= c[1] - 1 for c in chosen):
                chosen.append(m)
        return sorted(chosen)

    def find(self, text: str) -> list[str]:
        """Canonical names mentioned in `text`, in reading order, each once."""
        seen: list[str] = []
        for _, _, name in self.mentions(text):
            if name not in seen:
                seen.append(name)
        return seen

    def named_in(self, canonical: str, text: str) -> bool:
        """True when any alias of `canonical` occurs in `text` (also inside a longer name)."""
        org = self.names.get(canonical)
        if org is None:
            return False
        words = folded_words(text)
        for alias in org.aliases:
            if _SHORT_ABBREV.match(alias):
                if re.search(rf"(?<![\w/-]){alias}(?![\w/-])", nfc(text)):
                    return True
            elif folded_words(alias) in words:
                return True
        return False


def clean_name(phrase: str) -> str:
    """A unit name from a list entry or sentence head, or "" when it does not look like one."""
    text = re.sub(r"\([^)]*\)", " ", nfc(phrase))
    text = re.sub(r"^[\s\-–+•*]*(?:\d+\.|[a-zđ]\)|STT)?\s*", "", text)
    text = " ".join(text.strip(" ,.;:").split())
    changed = True
    while changed:
        changed = False
        for prefix in _NAME_PREFIXES:
            if fold(text).startswith(prefix + " "):
                text = text[len(prefix) + 1 :].lstrip()
                changed = True
    words = folded_words(text)
    for stop in _HEAD_STOPS:
        cut = words.find(f" {stop} ", 1)
        if cut > 0:
            keep = len(words[:cut].split())
            text = " ".join(text.split()[:keep]) if len(text.split()) == len(words.split()) else text
            words = folded_words(text)
    tokens = text.split()
    if not text or len(tokens) < 2 or len(words.split()) > _MAX_NAME_SYLLABLES:
        return ""
    head = next((h for h in (*ORG_HEADS, "bao", "dai") if words.startswith(" " + h + " ")), "")
    if words.startswith(" ban hanh "):
        return ""
    if not head or fold(tokens[-1]) in ("cac", "cua", "va", "voi"):
        return ""
    if head in _CAPITAL_AFTER and not tokens[1][:1].isupper():
        return ""
    return text[0].upper() + text[1:]


def _split_entries(text: str) -> list[str]:
    parts = re.split(r"\n|;|(?<=[^\d]),(?=\s*(?:[A-ZĐÂƯƠ]|c[aá]c\b))| và (?=[A-ZĐ])", text)
    return [p for p in parts if p.strip()]


def assignment_head(sentence: str) -> str:
    """The words before an assignment verb: "Ban Tuyên giáo Tỉnh ủy chủ trì …" → "Ban Tuyên giáo Tỉnh ủy"."""
    words = folded_words(sentence)
    best = -1
    for verb in ASSIGNMENT_VERBS:
        pos = words.find(" " + verb + " ")
        if pos > 0 and (best < 0 or pos < best):
            best = pos
    if best < 0:
        return ""
    count = len(words[:best].split())
    tokens = re.findall(r"\S+", nfc(sentence))
    head: list[str] = []
    seen = 0
    for token in tokens:
        if seen >= count:
            break
        seen += len(syllables(token))
        head.append(token)
    return " ".join(head)


def learn_names(units: Sequence[Unit]) -> list[str]:
    """Unit names a document's "Kính gửi", "Nơi nhận", assignment items and task-table rows mention."""
    names: list[str] = []
    for unit in units:
        if unit.kind in ("recipients", "cc"):
            body = re.sub(r"^\s*(?:Kính gửi|Nơi nhận)\s*:?", "", nfc(unit.text), flags=re.IGNORECASE)
            candidates = _split_entries(body)
        elif unit.kind == "table_row":
            cells = [c.strip() for c in unit.text.split("|")]
            candidates = cells[1:2] if len(cells) >= 3 else []
        else:
            sentences = re.split(r"(?<=[.;])\s+|\n", unit.text)
            heads = [assignment_head(s) for s in sentences]
            candidates = [p for h in heads if h for p in re.split(r",| và ", h)]
        for phrase in candidates:
            name = clean_name(phrase)
            if name and name not in names:
                names.append(name)
    return names
