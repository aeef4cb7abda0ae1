"""What a unit name is made of: its comparison key, abbreviated spellings, class members, and the
unit names a question or sentence spells, all read off the genre vocabulary in `chidao.core.orgs`."""

from __future__ import annotations

import functools
import itertools
import re
from dataclasses import dataclass

from chidao.core.orgs import (
    ABBREVIATIONS,
    BOARD_PREFIXES,
    BODY_HEADS,
    CAPITAL_AFTER,
    COMMITTEE_HEADS,
    EQUIVALENTS,
    FUNCTIONS,
    HEADS_WRITTEN,
    LEVELS,
    NEEDS_PLACE,
    NESTING_HEADS,
    PLACE_LEVELS,
    SUCCESSORS,
)
from chidao.core.text import fold, folded_words, has_diacritics, nfc
from chidao.core.vocab import STOPWORDS

_HEADS = sorted((*COMMITTEE_HEADS, *BODY_HEADS), key=lambda h: -len(h.split()))
_COMMITTEES = sorted(COMMITTEE_HEADS, key=lambda h: -len(h.split()))
_FUNCTIONS = sorted(FUNCTIONS, key=lambda f: -len(f.split()))
_LEVEL_PHRASES = sorted(LEVELS, key=lambda w: -len(w.split()))
_EQUIVALENTS = sorted(EQUIVALENTS.items(), key=lambda kv: -len(kv[0]))
_ABBREV_PIECES = sorted(ABBREVIATIONS, key=len, reverse=True)
# "Mặt trận tỉnh", as cadres say it, is the Mặt trận Tổ quốc of the province.
_BARE_FRONT = re.compile(r" mat tran (?!to quoc )")
# Folded expansion → abbreviation, for spelling a learned name the short ways it is written.
_SHORTEN = sorted(
    ((folded_words(v).strip(), k) for k, v in ABBREVIATIONS.items() if "-" not in k and "&" not in k),
    key=lambda kv: -len(kv[0]),
)
# The same with each expansion's words: (expansion, abbreviation, word count, words).
_SHORTEN_WORDS = [(long, short, len(long.split()), long.split()) for long, short in _SHORTEN]
# An abbreviation written in a name: upper-case letters (ThU has one lower-case), not part of a
# document number ("35-KH/TU").
_ABBREV_TOKEN = re.compile(r"(?<![\w/-])([A-ZĐ][A-ZĐa-z&-]*[A-ZĐ])(?![\w/])")
# Words that end a unit name in running text: verbs of assignment and obligation (chủ trì = lead,
# phối hợp = coordinate, tổ chức = organise, phải = must, cần = need, được = is …) and question words.
_STOP_PHRASES = sorted(
    {
        *"""chu tri|phoi hop|tham muu|to chuc|chi dao|lanh dao|xay dung|theo doi|huong dan|bo tri|
        phat dong|thuc hien|trien khai|hoan thanh|giao|ban hanh|nhiem vu|trach nhiem|bao cao|gui|lam|
        chung toi|nam|thang|ngay|ke hoach|nghi quyet|cong van|chi thi|chiu|xem xet|quyet dinh|ap dung|
        tham gia|dam bao|co the|phai|can|duoc|yeu cau|de nghi|kiem tra|tong hop|van dong|tuyen truyen|
        quan triet|huy dong|ho tro|cung cap|tiep nhan|giai quyet|xu ly|bieu duong|ghi nhan""".replace(
            "\n", ""
        ).split("|"),
        *STOPWORDS,
    },
    key=lambda w: -len(w.split()),
)
_MAX_PLACE_WORDS = 5
# Lower-case syllables a capitalised word of a name carries: "Khối doanh nghiệp", "Ngoại giao".
_MAX_LOWER_AFTER_CAPITAL = 2


@functools.lru_cache(maxsize=8192)
def expand_abbreviations(name: str) -> str:
    """A name with its abbreviations written out: "BTGDVTU" → "Ban Tuyên giáo và Dân vận Tỉnh ủy"."""
    return _ABBREV_TOKEN.sub(lambda m: _expand(m.group(1)) or m.group(1), nfc(name))


def _expand(token: str) -> str:
    """An abbreviation split into known pieces (longest first), expanded; "" when it is not one."""
    if not token:
        return ""
    for piece in _ABBREV_PIECES:
        if token.startswith(piece):
            rest = token[len(piece) :]
            tail = _expand(rest) if rest else ""
            if not rest or tail:
                return f"{ABBREVIATIONS[piece]} {tail}".strip()
    return ""


def is_abbreviation(token: str) -> bool:
    return bool(_ABBREV_TOKEN.fullmatch(token)) and bool(_expand(token))


@functools.lru_cache(maxsize=8192)
def unit_key(name: str) -> str:
    """The folded form two spellings of one unit share: abbreviations written out, equivalent
    spellings made one ("Đoàn Thanh niên tỉnh" = "Tỉnh đoàn"), a committee's standing board taken for
    the committee, the plural "các" before a head dropped. Level and place words stay: "Ban Dân vận
    Trung ương" and "Ban Dân vận Tỉnh ủy" keep different keys."""
    words = folded_words(expand_abbreviations(name))
    for phrase, short in _EQUIVALENTS:
        words = words.replace(f" {phrase} ", f" {short} ")
    words = _BARE_FRONT.sub(" mat tran to quoc ", words)
    for board in BOARD_PREFIXES:
        rest = words[len(board) + 1 :]
        if words.startswith(f" {board} ") and (_head_at(rest) in COMMITTEE_HEADS or rest.startswith(" cac ")):
            words = rest
    words = re.sub(r" (?:cac|nhung) (?=(?:" + "|".join(_HEADS) + ") )", " ", words)
    return words.strip()


@functools.lru_cache(maxsize=65536)
def _head_at(words: str) -> str:
    return next((h for h in _HEADS if words.startswith(f" {h} ")), "")


def spellings(name: str) -> list[str]:
    """The ways a unit name is written: as learned, with its pieces abbreviated ("BDV Tỉnh ủy",
    "Ban Dân vận TU", "BDVTU"), and in its equivalent long forms (for "Tỉnh đoàn": "Đoàn Thanh niên
    tỉnh"). Folded except abbreviations, which keep their capitals."""
    return list(_spellings(name))


@functools.lru_cache(maxsize=16384)
def _spellings(name: str) -> tuple[str, ...]:
    key = unit_key(name)
    forms = [key] + [
        f" {key} ".replace(f" {short} ", f" {phrase} ").strip()
        for phrase, short in _EQUIVALENTS
        if f" {short} " in f" {key} "
    ]
    out = [name]
    for form in forms:
        out.append(form)
        out += _abbreviated(form)
    return tuple(dict.fromkeys(o for o in out if o))


def _abbreviated(form: str) -> list[str]:
    """A folded name with its pieces abbreviated every way: "BDV tinh uy", "ban dan van TU", "BDVTU"."""
    words = form.split()
    segments: list[tuple[str, str]] = []  # (folded words, abbreviation or "")
    i = 0
    while i < len(words):
        found = next(
            ((long, short, n) for long, short, n, split in _SHORTEN_WORDS if words[i : i + n] == split),
            None,
        )
        if found:
            segments.append(found[:2])
            i += found[2]
        else:
            segments.append((words[i], ""))
            i += 1
    if not any(short for _, short in segments):
        return []
    out = []
    choices = [[(s, False)] + ([(a, True)] if a else []) for s, a in segments]
    for combo in itertools.islice(itertools.product(*choices), 1, 64):
        out.append(" ".join(text for text, _ in combo))
        if all(short for _, short in combo) and len(combo) > 1:
            out.append("".join(text for text, _ in combo))
    return out


def core_of(key: str) -> str:
    """A unit key's head with the function after it: "ban dan van" of "ban dan van tinh uy",
    "thanh doan" of "thanh doan ha noi"; the key itself when it does not start with a head."""
    head = _head_at(f" {key} ")
    if not head:
        return key
    rest = key[len(head) :].split()
    n = 0 if head in COMMITTEE_HEADS else _match(rest, 0, _FUNCTIONS_IX)
    return " ".join([head, *rest[:n]])


@functools.lru_cache(maxsize=65536)
def levels_of(key: str) -> frozenset[str]:
    """The levels the words after a name's head name ("dang uy phuong ba dinh" → {"commune"}); what
    follows "trực thuộc" names the superior, not the unit."""
    head = _head_at(f" {key} ")
    rest = f" {key} "[len(head) + 1 :].split(" truc thuoc ")[0]
    return frozenset(LEVELS[w] for w in _LEVEL_PHRASES if f" {w} " in rest)


def bare(name: str) -> bool:
    """A committee head alone or with level words only ("Huyện ủy", "đảng ủy trực thuộc Tỉnh ủy"):
    a member of a class the text enumerates, no one unit."""
    key = unit_key(name)
    stem, _ = split_level(key)
    stem = stem.removesuffix(" truc thuoc").strip()
    return class_of(name) is None and (key in NEEDS_PLACE or stem in NEEDS_PLACE)


def split_level(key: str) -> tuple[str, str]:
    """A key split into its stem and the level words it ends with: ("ban dan van", "tinh uy")."""
    words = f" {key} "
    for level in _LEVEL_PHRASES:
        if words.endswith(f" {level} "):
            return key[: -len(level)].strip(), level
    return key, ""


@dataclass(frozen=True, slots=True)
class ClassName:
    """A class of units a document addresses: "Ban Tuyên giáo các huyện ủy, thị ủy, thành ủy" has
    prefix "ban tuyen giao" and member heads ("huyen uy", "thi uy", "thanh uy")."""

    prefix: str
    pieces: tuple[str, ...]  # folded, each starting with a committee head

    def covers(self, key: str) -> bool:
        """True when a unit key is a member: its head is one the class lists, at a compatible level."""
        body = key[len(self.prefix) :].strip() if key.startswith(self.prefix) else ""
        if not body:
            return False
        padded = f" {body} "
        for head, want in _member_heads(self.pieces):
            if padded.startswith(head):
                have = levels_of(body)
                if not want or not have or want & have:
                    return True
        return False

    def named_by(self, key: str) -> bool:
        """True when a key names the class by one of its heads alone: "huyen uy", "ban tuyen giao
        huyen uy", "dang uy xa"."""
        body = key[len(self.prefix) :].strip() if key.startswith(self.prefix) else ""
        body = body.split(" truc thuoc")[0]
        return any(body == piece.split(" truc thuoc")[0] for piece in self.pieces) or any(
            body == _head_at(f" {p} ") for p in self.pieces
        )


@functools.lru_cache(maxsize=4096)
def _member_heads(pieces: tuple[str, ...]) -> tuple[tuple[str, frozenset[str]], ...]:
    """(" head ", levels) of each piece of a class that starts with a committee head."""
    heads = ((_head_at(f" {piece} "), levels_of(piece)) for piece in pieces)
    return tuple((f" {head} ", levels) for head, levels in heads if head in COMMITTEE_HEADS)


def class_of(name: str) -> ClassName | None:
    """The class a name denotes ("Các huyện ủy, thị ủy, thành ủy, đảng ủy trực thuộc Tỉnh ủy",
    "Ban Tuyên giáo các huyện ủy"), or None for one unit."""
    # "Ban Thường vụ các huyện ủy …" is addressed as the committees themselves.
    name = re.sub(r"^(?:Ban [Tt]hường vụ|BTV)\s+(?=[Cc]ác )", "", nfc(name).strip())
    words = folded_words(expand_abbreviations(name))
    match = re.search(r" (?:cac|nhung) (?=(?:" + "|".join(COMMITTEE_HEADS) + ") )", words)
    commas = re.split(r",|;| va ", fold(expand_abbreviations(name)))
    heads = [h for h in (_head_at(folded_words(c)) for c in commas) if h in COMMITTEE_HEADS]
    if not match and len(heads) < 2:
        return None
    prefix = words[: match.start()].strip() if match else ""
    rest = fold(expand_abbreviations(name))
    if match:
        rest = rest.split(" cac ", 1)[-1] if " cac " in f" {rest}" else rest
    pieces = [folded_words(p).strip() for p in re.split(r",|;| va ", rest)]
    pieces = [p.removeprefix("cac ") for p in pieces if p]
    # "các đảng ủy xã, phường, thị trấn": a bare level word after a comma repeats the head before it
    fixed: list[str] = []
    for piece in pieces:
        if _head_at(f" {piece} ") not in COMMITTEE_HEADS and fixed:
            piece = f"{_head_at(f' {fixed[-1]} ')} {piece}"
        if _head_at(f" {piece} ") in COMMITTEE_HEADS:
            fixed.append(piece)
    return ClassName(prefix, tuple(fixed)) if fixed else None


def successor_key(name: str) -> str:
    """The key of the board a 2025 merger made of a former one ("Ban Tuyên giáo Tỉnh ủy" → the key of
    "Ban Tuyên giáo và Dân vận Tỉnh ủy"), "" for any other name."""
    key = unit_key(name)
    for former, merged in SUCCESSORS.items():
        if key.startswith(f"{former} ") and not key.startswith(merged):
            return merged + key[len(former) :]
    return ""


def split_place(name: str) -> tuple[str, str] | None:
    """A unit name ending with a place, split into the unit as the place's own documents write it
    and the place, folded as written: "UBND đặc khu Hòn Dứa" → ("ubnd dac khu", "dac khu hon dua");
    None when no place follows its last level word ("Công an Thành phố")."""
    words = folded_words(name).split()
    for at in range(len(words) - 2, 0, -1):
        for size in (2, 1):
            if " ".join(words[at : at + size]) in PLACE_LEVELS and at + size < len(words):
                return " ".join(words[: at + size]), " ".join(words[at:])
    return None


def name_spans(text: str) -> list[tuple[int, int, str]]:
    """Unit names a text spells out by the genre's vocabulary, known to the library or not:
    (start, end, name) with offsets into `folded_words(text)`, spaces around the name included.
    "Quận ủy Ba Đình phải làm gì?" → "Quận ủy Ba Đình"; "BTGDVTU chủ trì" → "BTGDVTU"."""
    tokens = [(m.group(0), m.start()) for m in re.finditer(r"\w[\w&-]*", nfc(text))]
    # Typed without accents or capitals ("huyen uy an thach phai lam gi"): any word may be a place.
    lower = not has_diacritics(text) and not any(c.isupper() for c in text.strip()[1:])
    # Tokens after punctuation (a comma, a full stop, a bracket) start a new phrase: no name runs on.
    breaks = {
        i
        for i, (_, at) in enumerate(tokens)
        if i and re.search(r"[,.;:()\n–]|\s-\s", nfc(text)[tokens[i - 1][1] + len(tokens[i - 1][0]) : at])
    }
    stream: list[tuple[str, int]] = []  # folded word, token index
    plain = nfc(text)
    for i, (token, at) in enumerate(tokens):
        in_number = plain[at - 1 : at] in ("/", "-") or plain[at + len(token) : at + len(token) + 1] == "/"
        expanded = _expand(token) if is_abbreviation(token) and not in_number else ""
        for word in _token_words(expanded) if expanded else _token_words(token.replace("-", " ")):
            stream.append((word, i))
    folded = [w for w, _ in stream]
    offsets = _offsets(text)
    spans: list[tuple[int, int, str]] = []
    p = 0
    while p < len(stream):
        end = _name_end(folded, p, tokens, stream, lower, breaks)
        if end > p:
            first, last = stream[p][1], stream[end - 1][1]
            if p and folded[p - 1] in ("cac", "nhung") and folded[p] in " ".join(COMMITTEE_HEADS).split():
                first = stream[p - 1][1]  # "các huyện ủy": the class, named so
            start_char, end_char = tokens[first][1], tokens[last][1] + len(tokens[last][0])
            if first in offsets and last in offsets:
                spans.append((offsets[first][0] - 1, offsets[last][1] + 1, nfc(text)[start_char:end_char]))
            while p < len(stream) and stream[p][1] <= last:
                p += 1
        else:
            p += 1
    return spans


@functools.lru_cache(maxsize=65536)
def _token_words(token: str) -> tuple[str, ...]:
    """Folded syllables of one token, memoised (a library repeats its words)."""
    return tuple(folded_words(token).split())


def _offsets(text: str) -> dict[int, tuple[int, int]]:
    """Token index → (start, end) in folded_words(text), when a token folds to whole syllables."""
    out: dict[int, tuple[int, int]] = {}
    pos = 1
    for i, m in enumerate(re.finditer(r"\w[\w&-]*", nfc(text))):
        parts = _token_words(m.group(0))
        if not parts:
            continue
        length = len(" ".join(parts))
        out[i] = (pos, pos + length)
        pos += length + 1
    return out


def _match(words: list[str], p: int, index: dict[str, list[tuple[str, ...]]]) -> int:
    """Length in words of the longest indexed phrase starting at words[p] (0 when none)."""
    if p >= len(words):
        return 0
    for phrase in index.get(words[p], ()):
        if tuple(words[p : p + len(phrase)]) == phrase:
            return len(phrase)
    return 0


def _index(phrases: list[str]) -> dict[str, list[tuple[str, ...]]]:
    """Phrases indexed by their first word, longest first (each vocabulary table once)."""
    index: dict[str, list[tuple[str, ...]]] = {}
    for phrase in sorted(phrases, key=lambda x: -len(x.split())):
        index.setdefault(phrase.split()[0], []).append(tuple(phrase.split()))
    return index


_HEADS_IX, _FUNCTIONS_IX, _LEVEL_PHRASES_IX, _COMMITTEES_IX, _STOP_PHRASES_IX = (
    _index(t) for t in (_HEADS, _FUNCTIONS, _LEVEL_PHRASES, _COMMITTEES, _STOP_PHRASES)
)


def _name_end(
    words: list[str],
    p: int,
    tokens: list[tuple[str, int]],
    stream: list[tuple[str, int]],
    lower: bool,
    breaks: set[int],
) -> int:
    """End (exclusive, in stream words) of a unit name starting at p, or p when none starts there."""
    n = _match(words, p, _HEADS_IX)
    if not n:
        return p
    head = " ".join(words[p : p + n])
    token = tokens[stream[p][1]][0]
    if (
        not lower
        and head in HEADS_WRITTEN
        and token.lower() != HEADS_WRITTEN[head]
        and not is_abbreviation(token)  # "BTGDV" is written "ban …" in full
    ):
        return p  # "Bỏ Quyết định" is no "Bộ"
    q = p + n

    def capital(at: int) -> bool:
        token = tokens[stream[at][1]][0] if at < len(stream) else ""
        return token[:1].isupper() or is_abbreviation(token)

    def _level(at: int) -> int:
        # A one-word level is written in lower case: "Quân sự" is no "quận", "Xã hội" no "xã".
        n = _match(words, at, _LEVEL_PHRASES_IX)
        return 0 if n == 1 and capital(at) and not is_abbreviation(tokens[stream[at][1]][0]) else n

    if not lower and head not in COMMITTEE_HEADS and not capital(p):
        return p  # in written text a body's name is capitalised: "Ngày hội Đại đoàn kết" names none
    f = 0 if head in COMMITTEE_HEADS else _match(words, q, _FUNCTIONS_IX)
    leveled = head not in CAPITAL_AFTER and bool(_level(q))
    # The capital that makes a head a name follows it in the same phrase: "Bộ, Cơ quan ngang Bộ"
    # lists two kinds of body, it names no "Bộ".
    named = capital(q) and not (q < len(stream) and stream[q][1] in breaks)
    if head in CAPITAL_AFTER and not f and not named and not (lower and head in COMMITTEE_HEADS):
        return p
    if head not in COMMITTEE_HEADS and not f and not named and not leveled:
        return p
    q += f
    place = trailing = run = 0
    after_level = False  # the words follow a place's level ("xã", "huyện"): the place's own name
    while q < len(words):
        plural = "cac" in words[max(p - 1, 0) : q] or "nhung" in words[max(p - 1, 0) : q]
        if stream[q][1] in breaks and not (plural and _match(words, q, _COMMITTEES_IX) and not capital(q)):
            break  # a comma ends a name, except in a class: "các huyện ủy, thị ủy, thành ủy"
        step = _match(words, q, _COMMITTEES_IX) or _level(q)
        if not step and words[q] == "cac":
            inner = _match(words, q + 1, _COMMITTEES_IX) or _level(q + 1)
            step = 1 + inner if inner else 0
        if not step and head in NESTING_HEADS:
            inner = _match(words, q, _HEADS_IX)
            step = inner + _match(words, q + inner, _FUNCTIONS_IX)
            step = step if capital(q) else 0
        if step:
            after_level = " ".join(words[q : q + step]) in PLACE_LEVELS
            q += step
            continue
        word = words[q]
        if place >= _MAX_PLACE_WORDS or word.isdigit():
            break
        # A place or proper name: capitalised words, each with a few lower-case syllables after it
        # ("Ba Đình", "Ngoại giao", "Khối doanh nghiệp"); in lower-case text, any word but a verb.
        # After a level word a place is capitalised syllable by syllable, "cũ" (former) aside:
        # "Đảng ủy xã Tà Sìn chỉ ra" names "Đảng ủy xã Tà Sìn".
        stop = _match(words, q, _STOP_PHRASES_IX) > 0
        # After a level word, or after a proper name of two capitalised syllables in a row ("Đồn
        # Biên phòng Nà Lạn duy trì …"), a lower-case word is no longer the name's.
        own_name = (after_level or run >= 2) and not lower and word != "cu"
        if capital(q):
            place, trailing, run = place + 1, 0, run + 1
        elif lower and word == "vien" and q and " ".join(words[max(q - 2, 0) : q]) in COMMITTEE_HEADS:
            break  # "tinh uy vien" (Tỉnh ủy viên) is a member of the committee: its name ends before
        elif not stop and not own_name and (lower or (place and trailing < _MAX_LOWER_AFTER_CAPITAL)):
            place, trailing, run = place + 1, trailing + 1, 0
        else:
            break
        q += 1
        continue
        break
    return q
