"""VIQR (RFC 1456): Vietnamese typed in 7-bit ASCII, each mark after its letter ("Vie^.t Nam").

Modifiers: "^" circumflex (â ê ô), "(" breve (ă), "+" horn (ơ ư), "dd" đ; tones: "'" acute, "`" grave,
"?" hook, "~" tilde, "." dot below; a backslash before a mark character keeps it literal ("ddi\\.").
No maintained converter is on PyPI (the package lists hold VNI/TCVN3 ones at most), so the rules
of the RFC are here, with two guards for real text, where writers seldom escape:

- one tone per word (a Vietnamese syllable carries one): in "No^.i'" the "'" is a closing quote;
- a "." or "?" that ends a line (or the text) after a vowel is the sentence's punctuation, not a
  dot-below or hook tone.

Detection counts words that can only be VIQR: a modifier on a vowel it fits, a tone mark between a
vowel and a letter, or a leading "dd" before a vowel, and that read as a Vietnamese syllable once
converted ("you're" is "yóure", no syllable); English text has none.
"""

from __future__ import annotations

import re
import unicodedata

_MODIFIERS = {"^": "\u0302", "(": "\u0306", "+": "\u031b"}
_FITS = {"^": "aeo", "(": "a", "+": "ou"}
_TONES = {"'": "\u0301", "`": "\u0300", "?": "\u0309", "~": "\u0303", ".": "\u0323"}
_VOWELS = set("aeiouyAEIOUY")
_MARKS = "^(+'`?~."
# Escaped mark characters are held as private-use characters while the marks are read.
_ESCAPED = {m: chr(0xE100 + i) for i, m in enumerate(_MARKS)}
_UNESCAPE = {v: k for k, v in _ESCAPED.items()}
_ESCAPE = re.compile(r"\\([\^(+'`?~.])")
# A word: letters with the mark characters among them (a mark only counts after a vowel).
_WORD = re.compile(r"[A-Za-z][A-Za-z^(+'`?~.]*")
# Strong signs of VIQR in a word (see the module docstring).
_SIGN = re.compile(r"[aeoAEO]\^|[aA]\(|[ouOU]\+|[aeiouyAEIOUY][\^(+]?['`?~.][A-Za-z]|^[dD][dD][aeiouyAEIOUY]")
# A Vietnamese syllable, marks folded away (đ kept): onset, one to three vowels, final consonant.
_SYLLABLE = re.compile(
    r"(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnprstvx])?[aeiouy]{1,3}(?:ch|nh|ng|[cmnpt])?", re.I
)


def signs(text: str) -> tuple[int, int]:
    """(words that can only be VIQR, words with a letter) in the text."""
    words = _WORD.findall(text)
    marked = 0
    for word in words:
        core = word.rstrip(".?'`~")
        if _SIGN.search(core) and _SYLLABLE.fullmatch(_fold(_convert_word(core))):
            marked += 1
    return marked, len(words)


def decode(text: str) -> str:
    """VIQR text as Unicode (NFC)."""
    text = _ESCAPE.sub(lambda m: _ESCAPED[m.group(1)], text)
    text = _WORD.sub(lambda m: _convert_match(m, text), text)
    return unicodedata.normalize("NFC", "".join(_UNESCAPE.get(c, c) for c in text))


def _convert_match(match: re.Match[str], text: str) -> str:
    word = match.group()
    tail = ""
    end = text.find("\n", match.end())
    line_ends = not text[match.end() : None if end < 0 else end].strip()
    if line_ends and word[-1] in ".?" and len(word) > 1 and word[-2] in _VOWELS:
        word, tail = word[:-1], word[-1]  # the sentence's last character, not a tone
    return _convert_word(word) + tail


def _convert_word(word: str) -> str:
    out: list[str] = []
    toned = False
    i = 0
    if len(word) >= 2 and word[0] in "dD" and word[1] in "dD":
        out.append("Đ" if word[0] == "D" else "đ")
        i = 2
    while i < len(word):
        char = word[i]
        i += 1
        if char not in _VOWELS:
            out.append(char)
            continue
        letter = char
        if i < len(word) and word[i] in _MODIFIERS and char.lower() in _FITS[word[i]]:
            letter += _MODIFIERS[word[i]]
            i += 1
        if not toned and i < len(word) and word[i] in _TONES:
            letter += _TONES[word[i]]
            toned = True
            i += 1
        out.append(letter)
    return unicodedata.normalize("NFC", "".join(out))


def _fold(word: str) -> str:
    """Marks removed, đ kept: "đường" → "đuong"."""
    decomposed = unicodedata.normalize("NFD", word)
    return "".join(c for c in decomposed if not unicodedata.combining(c))
