"""Vietnamese text helpers: Unicode NFC, accent folding, syllables and syllable pairs."""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Sequence

# "đ"/"Đ" is a letter of its own, not "d" + a combining mark, so NFD decomposition (and SQLite
# FTS5's remove_diacritics) leaves it alone; we map it by hand.
_D_MAP = str.maketrans({"đ": "d", "Đ": "D"})
_WORD = re.compile(r"\w+", re.UNICODE)
# A short abbreviation of a unit name, one to three letters in capitals (TU, HU, ĐU, ThU): too close to
# ordinary syllables (tư, hủ) to be matched folded, so it counts only where written so, standing alone.
SHORT_CAPITALS = r"[A-ZĐ][A-ZĐa-z]?[A-ZĐ]?"
_SHORT_WRITTEN = re.compile(rf"(?<![\w/-]){SHORT_CAPITALS}(?![\w/-])")


def nfc(text: str) -> str:
    """Unicode NFC form: NFD files (decomposed diacritics) must come out identical to NFC ones."""
    return unicodedata.normalize("NFC", text)


class _FoldedChars(dict):
    """Code point → its folded form, filled as characters are met (a str.translate table)."""

    def __missing__(self, code: int) -> str:
        decomposed = unicodedata.normalize("NFD", chr(code).translate(_D_MAP).casefold())
        folded = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
        self[code] = folded
        return folded


_FOLDED = _FoldedChars()


def fold(text: str) -> str:
    """Lower-case, strip diacritics and map đ→d: "Đảng ủy" → "dang uy".

    Case folding, decomposition and dropping combining marks act on each character alone, so they
    are one table lookup per character; only a result that is not ASCII is composed again (NFC).
    """
    folded = text.translate(_FOLDED)
    return folded if folded.isascii() else unicodedata.normalize("NFC", folded)


def syllables(text: str) -> list[str]:
    """Folded syllables (Vietnamese words are space-separated syllables): "Tỉnh đoàn" → [tinh, doan]."""
    return _WORD.findall(fold(text))


@functools.lru_cache(maxsize=8192)  # an answer's checks fold the same unit texts many times over
def last_clause(text: str) -> str:
    """The folded syllables of `text` after its last comma, semicolon or colon, where a question's
    lead-in ends ("Theo Luật Giáo dục, X là gì?" → "x la gi")."""
    return " ".join(syllables(re.split(r"[,;:]", fold(text))[-1]))


def folded_words(text: str) -> str:
    """Folded syllables joined by single spaces, padded: " ban dan van tinh uy " (for phrase matching)."""
    return " " + " ".join(syllables(text)) + " "


def bigrams_of(words: Sequence[str]) -> set[str]:
    """Adjacent syllable pairs: ["tinh", "doan", "phai"] → {"tinh doan", "doan phai"}."""
    return {f"{a} {b}" for a, b in zip(words, words[1:], strict=False)}


def has_diacritics(text: str) -> bool:
    """True when the text carries any Vietnamese diacritic (so it was typed with accents)."""
    return fold(text) != text.casefold()


def short_capitals(text: str) -> set[str]:
    """Tokens of `text` shaped like a short abbreviation (SHORT_CAPITALS) and standing alone: exactly
    the tokens t for which `(?<![\\w/-])t(?![\\w/-])` occurs in the text."""
    return set(_SHORT_WRITTEN.findall(nfc(text)))
