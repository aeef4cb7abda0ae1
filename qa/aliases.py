"""Names of units (organisations) with their aliases and abbreviations, and names learned from a library."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from chidao.core.model import Unit
from chidao.core.text import fold, folded_words, nfc, syllables

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
    "Ban đảng Tỉnh ủy": ("các ban đảng Tỉnh ủy", "các ban đảng"),
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
        "Ban đảng Tỉnh ủy",
    }
)
# How a class is shown in the list of units a cadre picks "my unit" from (each an alias of the class).
CLASS_LABELS = {
    "Huyện ủy, thị ủy, thành ủy": "Các huyện ủy, thị ủy, thành ủy",
    "Đảng ủy trực thuộc Tỉnh ủy": "Các đảng ủy trực thuộc Tỉnh ủy",
    "Đảng ủy xã, phường, thị trấn": "Các đảng ủy xã, phường, thị trấn",
    "Ban cán sự đảng, đảng đoàn": "Các ban cán sự đảng, đảng đoàn",
    "Cơ quan báo chí": "Các cơ quan báo chí",
    "Ban Tuyên giáo huyện ủy": "Ban Tuyên giáo các huyện ủy",
    "Ban Dân vận huyện ủy": "Ban Dân vận các huyện ủy",
    "Ban đảng Tỉnh ủy": "Các ban đảng Tỉnh ủy",
}
# Classes too wide to be anyone's unit ("cấp ủy" = every party committee): matched, never listed.
UNLISTED = frozenset({"Cấp ủy"})
# Words that make "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh" the provincial body of "Mặt trận Tổ quốc
# Việt Nam": the list shows the former only.
_LEVEL_WORDS = frozenset({"uy", "ban", "tinh"})

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
    "cong thong tin",
    "tap chi",
    "vien",
    "phong",
    "chi cuc",
    "cuc",
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
_CAPITAL_AFTER = ("hoi", "so", "truong", "bao", "dai", "vien", "phong", "cuc", "chi cuc")
# Words that end a name inside a sentence head (ban hành = issue, đã = did, phải = must, có = has,
# but not "cơ quan" = agency…).
_HEAD_STOP = re.compile(r" (?:ban hanh|da|phai|duoc|yeu cau|de nghi|lam viec|hop|cung|co(?! quan ))(?= )")
# Leading words that are not part of a name: "các" (the plural), "đề nghị", "giao" (assign).
_NAME_PREFIXES = ("cac dong chi", "cac d c", "de nghi", "giao", "cac", "nhu tren", "luu")
_SHORT_ABBREV = re.compile(r"^[A-ZĐ]{1,2}$")
_ABBREVIATION = re.compile(r"[A-ZĐ]{3,}")
_MAX_NAME_SYLLABLES = 14


# Words before a unit that receives a report or a proposal (gửi về = send to, báo cáo = report to,
# trình = submit to, tham mưu = advise): the item is not that unit's task.
_RECEIVER = re.compile(r" (?:gui ve|gui|bao cao|bao cao ket qua|trinh|tham muu(?: cho)?|xin y kien) $")
# Abbreviations expanded, and optional words dropped, when comparing two spellings of a name.
_EXPANSIONS = {
    "mttq": "mat tran to quoc",
    "ubmttq": "uy ban mat tran to quoc",
    "mttqvn": "mat tran to quoc",
    "ubnd": "uy ban nhan dan",
    "hdnd": "hoi dong nhan dan",
    "btv": "ban thuong vu",
    "btt": "ban thuong truc",
    "ubkt": "uy ban kiem tra",
    "bcs": "ban can su",
    "tw": "trung uong",
    "ptth": "phat thanh va truyen hinh",
    "viet": "",
    "nam": "",
    "cac": "",
}


def same_unit(a: str, b: str) -> bool:
    """True when two spellings name the same unit: "Đảng đoàn Ủy ban MTTQ Việt Nam tỉnh" and
    "Đảng đoàn Ủy ban Mặt trận Tổ quốc tỉnh" (abbreviations expanded, "Việt Nam" and "các" ignored)."""
    return _comparable(a) == _comparable(b) != ""


def _comparable(name: str) -> str:
    words = (_EXPANSIONS.get(w, w) for w in syllables(name.replace("PT-TH", "PTTH")))
    return " ".join(w for w in words if w)


@functools.lru_cache(maxsize=4096)
def _folded_alias(alias: str) -> str:
    """folded_words of a unit name, memoised: every question scans the whole alias table."""
    return folded_words(alias)


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
    _found: dict[str, list[str]] = field(default_factory=dict, repr=False)  # find() per text

    @classmethod
    def default(cls, learned: Iterable[str] = ()) -> OrgTable:
        table = cls({c: OrgName(c, (c, *a)) for c, a in ALIASES.items()})
        for name in learned:
            table.learn(name)
        return table

    def learn(self, name: str) -> None:
        """Add a name found in a library unless some known name already spells it.

        A spelling variant of a known name ("Ban Thường trực Ủy ban MTTQ Việt Nam tỉnh" beside
        "Ban Thường trực Ủy ban Mặt trận Tổ quốc tỉnh") becomes one of its aliases; a list of known
        names ("Huyện ủy, thị ủy, thành ủy, đảng ủy trực thuộc Tỉnh ủy") is not learned.
        """
        key = folded_words(name)
        if key.strip() == "" or self._exact(key) or self._list_of_known(key):
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
        same = next((o for o in self.names.values() if any(same_unit(a, name) for a in o.aliases)), None)
        if same is not None:
            self.names[same.canonical] = OrgName(
                same.canonical, (*same.aliases, name), same.parent, same.learned
            )
            self._found.clear()
            return
        # The wider unit is a class ("Huyện ủy An Thạch" → the district committees) or a name spelled
        # whole inside ("Ban Thường trực Ủy ban MTTQ tỉnh" → the Front); "Ban Dân vận Trung ương" is
        # not the "Ban Dân vận" of the province, though it starts like its short alias.
        inside = f" {_comparable(name)} "
        parents = [
            p
            for p in self.find(name)
            if (p in CLASSES or f" {_comparable(p)} " in inside)
            and (" trung uong " not in inside or "trung uong" in _comparable(p))  # no provincial parent
        ]
        self.names[name] = OrgName(name, (name,), parents[0] if parents else "", learned=True)
        self._found.clear()

    def listing(self, text: str) -> list[str]:
        """The units a library's `text` names, one entry per unit, for a cadre to pick "my unit".

        Each unit is shown by its fullest spelling, a class by its plural label ("Các huyện ủy, thị
        ủy, thành ủy"); every entry finds its unit again through `find`.
        """
        named = set(self.find(text))
        present = [o for o in self.names.values() if o.canonical in named and o.canonical not in UNLISTED]
        keys = {o.canonical: _comparable(o.canonical) for o in present}
        shown = []
        for org in present:
            if org.canonical in CLASS_LABELS:
                shown.append(CLASS_LABELS[org.canonical])
                continue
            key = keys[org.canonical]
            wider = [
                k
                for k in keys.values()
                if k != key and f" {key} " in f" {k} " and set(k.split()) - set(key.split()) <= _LEVEL_WORDS
            ]
            if not wider:
                spelled = org.aliases if org.learned else (org.canonical,)
                shown.append(max(spelled, key=lambda a: (len(syllables(a)), len(a))))
        return sorted(set(shown), key=lambda n: (fold(n), n))

    def _list_of_known(self, key: str) -> bool:
        """True when folded words `key` are two or more known names joined by commas or "và"."""
        found = self.mentions(key)
        if len({m[2] for m in found}) < 2:
            return False
        rest = list(key)
        for start, end, _ in found:
            rest[start:end] = " " * (end - start)
        return not set("".join(rest).split()) - {"va", "cac"}

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
                needle = _folded_alias(alias)
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
        if text not in self._found:
            seen: list[str] = []
            for _, _, name in self.mentions(text):
                if name not in seen:
                    seen.append(name)
            self._found[text] = seen
        return list(self._found[text])

    def addresses(self, canonical: str, text: str) -> bool:
        """True when `text` names the unit itself, not a longer name containing it: "Ban Dân vận
        Tỉnh ủy chủ trì" addresses the Ban Dân vận, not the Tỉnh ủy."""
        return canonical in self.find(text)

    def receives(self, canonical: str, text: str) -> bool:
        """True when every mention of the unit in `text` receives something rather than acts:
        "gửi về Ban Dân vận Tỉnh ủy", "báo cáo Ban Thường vụ Tỉnh ủy"."""
        words = folded_words(text)
        starts = [start for start, _, name in self.mentions(text) if name == canonical]
        return bool(starts) and all(_RECEIVER.search(words[: start + 1]) for start in starts)

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
    stop = _HEAD_STOP.search(words, 1)
    if stop and len(text.split()) == len(words.split()):
        text = " ".join(text.split()[: len(words[: stop.start()].split())])
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


def split_names(phrase: str) -> list[str]:
    """The unit names of a list ("Báo Hải Lâm, Đài Phát thanh và Truyền hình tỉnh" → two names).

    A comma or "và" separates two names only when what follows starts a name of its own (a
    capital or "các", then a unit head): "Sở Thông tin và Truyền thông" and the class "huyện ủy,
    thị ủy, thành ủy" stay whole.
    """
    pieces = re.split(r"(\n|;|,|\s+và\s+)", phrase)
    parts = [pieces[0]]
    for sep, piece in zip(pieces[1::2], pieces[2::2], strict=True):
        start = piece.strip(" -–+•*")
        opens = start[:1].isupper() or fold(start).startswith("cac ")
        if (
            sep in ("\n", ";")
            or (opens and clean_name(piece))
            or _ABBREVIATION.fullmatch(start.rstrip(" ,.;"))
        ):
            parts.append(piece)
        else:
            parts[-1] += sep + piece
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
            candidates = split_names(body)
        elif unit.kind == "table_row":
            cells = [c.strip() for c in unit.text.split("|")]
            candidates = split_names(cells[1]) if len(cells) >= 3 else []
        else:
            sentences = re.split(r"(?<=[.;])\s+|\n", unit.text)
            heads = [assignment_head(s) for s in sentences]
            candidates = [p for h in heads if h for p in split_names(h)]
        for phrase in candidates:
            name = clean_name(phrase)
            if name and name not in names:
                names.append(name)
    return names
