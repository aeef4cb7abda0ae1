"""Unit names learned from a document's own text: "Kính gửi", "Nơi nhận", assignment sentences
("Ban Tuyên giáo và Dân vận Tỉnh ủy chủ trì …", "… phối hợp với …") and task-table cells."""

from __future__ import annotations

import functools
import hashlib
import re
import sys
from collections.abc import Sequence
from pathlib import Path

from chidao.core.model import Unit
from chidao.core.orgs import BODY_HEADS, CAPITAL_AFTER, COMMITTEE_HEADS, FUNCTIONS, LEVELS
from chidao.core.text import fold, folded_words, nfc, syllables
from qa.tables import task_row
from qa.unitnames import bare, class_of, expand_abbreviations, is_abbreviation, name_spans

# Words an organisation name starts with (folded, longest first), so that a phrase before "chủ trì"
# or a "Kính gửi" entry is taken as a unit name only when it looks like one; abbreviations count.
ORG_HEADS = tuple(
    sorted(
        {*COMMITTEE_HEADS, *BODY_HEADS},
        key=lambda h: (-len(h.split()), -len(h)),
    )
)
_ABBREVIATION = re.compile(r"[A-ZĐ]{3,}")
_MAX_NAME_SYLLABLES = 14
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
# Words that end a name inside a sentence head (ban hành = issue, đã = did, phải = must, có = has,
# but not "cơ quan" = agency…).
_HEAD_STOP = re.compile(r" (?:ban hanh|da|phai|duoc|yeu cau|de nghi|lam viec|hop|cung|co(?! quan ))(?= )")
# Leading words that are not part of a name: "các" (the plural), "đề nghị", "giao" (assign).
_NAME_PREFIXES = ("cac dong chi", "cac d c", "de nghi", "giao", "cac", "nhu tren", "luu")

# The modules whose code decides which names are learned (this one and what it imports).
_LEARNING_CODE = (
    __name__,
    "qa.unitnames",
    "qa.tables",
    "chidao.core.orgs",
    "chidao.core.text",
    "chidao.core.vocab",
)
_HEAD_STARTS = tuple(f" {h} " for h in ORG_HEADS)
# Blocks whose names are the issuer's or the signer's, not units given work.
_NOT_BODY = frozenset({"header", "title", "signature"})


def _opens_with_head(text: str) -> bool:
    """True when a sentence starts with a unit head ("Ban …", "Đảng ủy …", "Các huyện ủy …")."""
    words = folded_words(text[:40])
    words = words[4:] if words.startswith(" cac ") else words
    return words.startswith(_HEAD_STARTS)


def _vocabulary_shaped(name: str) -> str:
    """The part of a cleaned name the genre vocabulary spells ("Bộ Công an chịu trách nhiệm trước
    Chính phủ" → "Bộ Công an", "Ban cán sự đảng, đảng đoàn" → "Ban cán sự đảng"); a class ("Các
    huyện ủy, thị ủy …") stays whole."""
    if not name or class_of(name):
        return name
    spans = name_spans(name)
    return spans[0][2] if spans and spans[0][0] == 0 else ""


def clean_name(phrase: str) -> str:
    """A unit name from a list entry or sentence head, or "" when it does not look like one."""
    text = re.sub(r"\([^)]*\)", " ", nfc(phrase))
    text = re.sub(r"^[\s\-–+•*]*(?:\d+\.|[a-zđ]\)|STT)?\s*", "", text)
    text = " ".join(text.strip(" ,.;:").split())
    changed = True
    while changed:
        changed = False
        for prefix in _NAME_PREFIXES:
            rest = folded_words(text)[len(prefix) + 1 :]
            if prefix == "cac" and any(rest.startswith(f" {h} ") for h in COMMITTEE_HEADS):
                continue  # "các huyện ủy, thị ủy": a class, named so
            if fold(text).startswith(prefix + " "):
                text = text[len(prefix) + 1 :].lstrip()
                changed = True
    words = folded_words(text)
    stop = _HEAD_STOP.search(words, 1)
    if stop and len(text.split()) == len(words.split()):
        text = " ".join(text.split()[: len(words[: stop.start()].split())])
        words = folded_words(text)
    tokens = text.split()
    if len(tokens) == 1 and is_abbreviation(tokens[0]):  # "BTGDVTU"
        return text if fold(expand_abbreviations(text)).startswith(ORG_HEADS) else ""
    limit = _MAX_NAME_SYLLABLES + (10 if class_of(text) else 0)  # a class lists several heads
    if not text or len(tokens) < 2 or len(words.split()) > limit:
        return ""
    plain = folded_words(expand_abbreviations(text))
    plain = plain[4:] if plain.startswith(" cac ") else plain  # "các huyện ủy …": a class
    head = next((h for h in ORG_HEADS if plain.startswith(" " + h + " ")), "")
    if words.startswith(" ban hanh "):
        return ""
    if not head or fold(tokens[-1]) in ("cac", "cua", "va", "voi"):
        return ""
    if head in CAPITAL_AFTER and not tokens[1][:1].isupper() and not _after_head(plain, head):
        return ""
    return text[0].upper() + text[1:]


def _after_head(words: str, head: str) -> bool:
    """True when the words after a head are a function or level ("Ban tuyên giáo các huyện ủy")."""
    rest = words[len(head) + 1 :]
    return bool(name_spans(words.strip())) and any(
        rest.startswith(f" {w} ") for w in (*FUNCTIONS, *LEVELS, "cac")
    )


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
        if sep == "\n" and piece.lstrip()[:1].islower():
            parts[-1] += " " + piece  # an entry broken over two lines: "đảng ủy\ntrực thuộc Tỉnh ủy"
        elif (
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


@functools.cache
def learning_fingerprint() -> str:
    """A fingerprint of the code that learns unit names. A store keeps the names learned at ingest
    and learns them again when this changes (index/terms.py), so a changed rule never leaves a
    library learned half by the old one."""
    digest = hashlib.sha256()
    for module in _LEARNING_CODE:
        digest.update(Path(sys.modules[module].__file__ or "").read_bytes())
    return digest.hexdigest()[:16]


def learn_names(units: Sequence[Unit]) -> list[str]:
    """Unit names a document's "Kính gửi", "Nơi nhận", assignment items and task-table rows mention."""
    names: list[str] = []
    for unit in units:
        if unit.kind in ("recipients", "cc"):
            body = re.sub(r"^\s*(?:Kính gửi|Nơi nhận)\s*:?", "", nfc(unit.text), flags=re.IGNORECASE)
            candidates = split_names(body)
        elif unit.kind == "table_row":
            row = task_row(unit)
            candidates = (
                [p for cell in (row.lead, row.support) if cell for p in split_names(cell)] if row else []
            )
        elif unit.kind in _NOT_BODY:
            continue
        else:
            sentences = re.split(r"(?<=[.;])\s+|\n", unit.text)
            heads = [assignment_head(s) for s in sentences]
            candidates = [p for h in heads if h for p in split_names(h)]
            # The unit an item opens with ("1. Ban tuyên giáo các huyện ủy … biên soạn …") and the
            # other units of an assignment sentence ("… phối hợp với Ban Nội chính Tỉnh ủy …").
            for sentence, head in zip(sentences, heads, strict=True):
                text = re.sub(r"^\s*(?:[\dIVX]+\.|[a-zđ]\)|[-–+•*])\s*", "", sentence)
                if sentence.isupper() or not (head or _opens_with_head(text)):
                    continue
                spans = name_spans(text)
                candidates += [n for i, (s, _, n) in enumerate(spans) if (head or (i == 0 and s == 0))]
        for phrase in candidates:
            name = _vocabulary_shaped(clean_name(phrase))
            if name and name not in names and not bare(name):
                names.append(name)
    return names
