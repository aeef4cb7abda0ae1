"""Vietnamese text in legacy encodings (TCVN3/ABC ".VnTime", VNI "VNI-Times", Windows-1258, VIQR),
back to Unicode.

Such files reach us as characters of the Windows code page the font was drawn over: a TCVN3 "phát
triển" reads "ph¸t triÓn", a VNI "Việt Nam" reads "Vieät Nam", a Windows-1258 one "Viêòt Nam" (its
tone marks are separate bytes) — in a .txt saved byte for byte, in a DOCX run, or in a PDF's text
layer. VIQR ("Vie^.t Nam") is plain ASCII (see ingest/viqr.py). No maintained converter is on PyPI
(checked: the package lists hold only input-method and VNI/TCVN3-only encoders; Python's own cp1258
codec reads Windows-1258), so the tables live here:

- TCVN3: one byte per letter, the lower half of TCVN 5712:1993 (the codes glibc's iconv decodes as
  "TCVN5712-1"). Capitals with a tone have no code of their own: ".VnTimeH" fonts draw the lower-case
  codes as capitals, so a converted letter inside a word written in capitals is put in capitals.
- VNI: a base letter followed by one or two mark characters ("a" + "ù" = "á", "e" + "ä" = "ệ"),
  as in the VNI-Windows tables of the xvnkb/VBKey keyboard drivers.

- Windows-1258: Python's cp1258 codec, after taking the characters back to their Windows-1252 bytes;
  the tones come as combining marks and NFC composes them.

`convert` only rewrites text that is recognisably legacy: it has none of the letters only Unicode
Vietnamese has (ạ…ỹ, ă, đ, ơ, ư) and many words carry the encoding's own marker characters.
"""

from __future__ import annotations

import re
import unicodedata

from ingest import viqr

# --- TCVN3 -------------------------------------------------------------------------------------
# Byte → letter for 0xA1–0xFF (the range .VnTime fonts use; 0x80–0x9F hold Windows punctuation such
# as curly quotes and dashes there, so they are left alone). From TCVN 5712:1993, table VN1.
_TCVN3_UPPER_HALF = (
    "ĂÂÊÔƠƯĐăâêôơưđẰ\u0300\u0309\u0303\u0301\u0323àảãáạẲằẳẵắẴ"
    "ẮẦẨẪẤỀặầẩẫấậèỂẻẽéẹềểễếệìỉỄẾỒĩíịò"
    "ỔỏõóọồổỗốộờởỡớợùỖủũúụừửữứựỳỷỹýỵỐ"
)
TCVN3 = {chr(0xA1 + i): letter for i, letter in enumerate(_TCVN3_UPPER_HALF)}
# TCVN3 letters that are symbols in Windows-1252 ("¸" á, "µ" à, "¶" ả, "©" â, "®" đ …): VNI never
# uses them, Unicode words never hold them.
_TCVN3_MARKERS = {chr(c) for c in range(0xA1, 0xC0)}

# --- VNI ---------------------------------------------------------------------------------------
_TONES = {
    "\u0301": ("ù", "Ù"),
    "\u0300": ("ø", "Ø"),
    "\u0309": ("û", "Û"),
    "\u0303": ("õ", "Õ"),
    "\u0323": ("ï", "Ï"),
}
_CIRCUMFLEX_TONES = {"": ("â", "Â"), "\u0301": ("á", "Á"), "\u0300": ("à", "À"), "\u0309": ("å", "Å")}
_CIRCUMFLEX_TONES |= {"\u0303": ("ã", "Ã"), "\u0323": ("ä", "Ä")}
_BREVE_TONES = {"": ("ê", "Ê"), "\u0301": ("é", "É"), "\u0300": ("è", "È"), "\u0309": ("ú", "Ú")}
_BREVE_TONES |= {"\u0303": ("ü", "Ü"), "\u0323": ("ë", "Ë")}
# Letters written as one character: ơ ư đ and the toned i (and ỵ).
_VNI_SINGLE = {
    "ô": "ơ", "Ô": "Ơ", "ö": "ư", "Ö": "Ư", "ñ": "đ", "Ñ": "Đ",
    "í": "í", "Í": "Í", "ì": "ì", "Ì": "Ì", "æ": "ỉ", "Æ": "Ỉ",
    "ó": "ĩ", "Ó": "Ĩ", "ò": "ị", "Ò": "Ị", "î": "ỵ", "Î": "Ỵ",
}  # fmt: skip


def _vni_table() -> dict[str, str]:
    """VNI sequence → Unicode letter, for every toned or modified Vietnamese letter."""
    table: dict[str, str] = dict(_VNI_SINGLE)
    for base in "aeouyAEOUY":
        upper = base.isupper()
        for tone, marks in _TONES.items():
            table[base + marks[upper]] = unicodedata.normalize("NFC", base + tone)
        if base in "aeoAEO":
            for tone, marks in _CIRCUMFLEX_TONES.items():
                table[base + marks[upper]] = unicodedata.normalize("NFC", base + "\u0302" + tone)
        if base in "aA":
            for tone, marks in _BREVE_TONES.items():
                table[base + marks[upper]] = unicodedata.normalize("NFC", base + "\u0306" + tone)
    for horn, letter in (("ô", "o"), ("Ô", "O"), ("ö", "u"), ("Ö", "U")):
        for tone, marks in _TONES.items():
            table[horn + marks[horn.isupper()]] = unicodedata.normalize("NFC", letter + "\u031b" + tone)
    return table


VNI = _vni_table()
_VNI_PATTERN = re.compile("|".join(sorted(map(re.escape, VNI), key=len, reverse=True)))
# Mark characters of VNI that Unicode Vietnamese never uses: "Vieät", "Ñaûng", "ñöôïc".
_VNI_MARKERS = set("øåæïëüñöûäØÅÆÏËÜÑÖÛÄ")

# --- Windows-1258 seen through Windows-1252 ------------------------------------------------------
# Each byte's Windows-1252 character → its Windows-1258 one, where they differ ("ð" → "đ", "ò" → a
# combining dot below).
_CP1258_VIA_1252 = {}
for _byte in range(0x80, 0x100):
    try:
        _was, _is = bytes([_byte]).decode("cp1252"), bytes([_byte]).decode("cp1258")
    except UnicodeDecodeError:
        continue
    if _was != _is:
        _CP1258_VIA_1252[ord(_was)] = _is
# Marker: "đ" (ð), or a tone byte (Ì ì Ò ò Þ: grave, acute, hook, dot below, tilde) right after a
# vowel — Unicode Vietnamese puts "ì" or "ò" after a consonant only, and has no "ð" at all.
_CP1258_MARKER = re.compile("[ðÐ]|[aeiouyâêôAEIOUYÂÊÔãõýÃÕÝ][ÌìÒòÞ]")

# Letters only Unicode Vietnamese has: a text holding them is not legacy.
_UNICODE_ONLY = re.compile(r"[\u1ea0-\u1ef9ăĂđĐơƠưƯĩĨũŨ]")
_WORD = re.compile(r"\S+")
_UTF8_SEQUENCE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")
# A text is taken for legacy when at least this share of its words (and 3 words) hold markers;
# Vietnamese puts a diacritic on about two words in three, so real legacy text is far above it.
MIN_MARKED_SHARE = 0.15


def detect(text: str) -> str | None:
    """ "TCVN3", "VNI", "Windows-1258", "VIQR" or None: which legacy encoding the text is in, if any."""
    if _UNICODE_ONLY.search(text):
        return None
    words = [w for w in _WORD.findall(text) if any(c.isalpha() for c in w)]
    if not words:
        return None
    # TCVN3 text also holds VNI's marker letters ("ø" is its "ứ"), so TCVN3's symbols decide first.
    # Windows-1258 and VIQR use none of either's markers.
    for name, markers in (("TCVN3", _TCVN3_MARKERS), ("VNI", _VNI_MARKERS)):
        if _enough(sum(1 for w in words if any(c in markers for c in w)), len(words)):
            return name
    if _enough(sum(1 for w in words if _CP1258_MARKER.search(w)), len(words)):
        return "Windows-1258"
    if _enough(*viqr.signs(text)):
        return "VIQR"
    return None


def _enough(marked: int, words: int) -> bool:
    return marked >= 3 and marked >= MIN_MARKED_SHARE * words


def convert(text: str) -> tuple[str, str | None]:
    """(Unicode text, name of the legacy encoding it was in, or None when it was not legacy)."""
    name = detect(text)
    return (decode_as(text, name), name) if name else (text, None)


def decode_as(text: str, name: str) -> str:
    """Text in the named legacy encoding (a name `detect` returns) as Unicode; for pieces of a longer
    text (PDF lines, table cells) whose encoding was detected on the whole."""
    if name == "TCVN3":
        return _capitals(text, "".join(TCVN3.get(c, c) for c in text))
    if name == "VNI":
        return _VNI_PATTERN.sub(lambda m: VNI[m.group()], text)
    if name == "Windows-1258":
        return unicodedata.normalize("NFC", text.translate(_CP1258_VIA_1252))
    if name == "VIQR":
        return viqr.decode(text)
    raise ValueError(f"unknown legacy encoding {name!r}")


def decode_bytes(data: bytes) -> tuple[str, str] | None:
    """(Unicode text, encoding name) of bytes that are not UTF-8: TCVN3, VNI or Windows-1258 (the
    Vietnamese Windows code page, tones as combining marks) over Windows-1252; None otherwise."""
    if any(b < 0x20 and b not in b"\t\n\r\f" for b in data):
        return None  # control bytes: binary data, not text in any code page
    high = sum(1 for b in data if b >= 0x80)
    if 2 * sum(len(m) for m in _UTF8_SEQUENCE.findall(data)) >= high:
        return None  # mostly well-formed UTF-8: a damaged UTF-8 file, not an 8-bit one
    text, name = convert(data.decode("cp1252", errors="replace"))
    if name:
        return text, name
    try:
        text = unicodedata.normalize("NFC", data.decode("cp1258"))
    except UnicodeDecodeError:
        return None
    words = _WORD.findall(text)
    vietnamese = sum(1 for w in words if _UNICODE_ONLY.search(w))
    if vietnamese >= 3 and vietnamese >= MIN_MARKED_SHARE * len(words):
        return text, "Windows-1258"
    return None


def _capitals(before: str, after: str) -> str:
    """Words typed in capitals (".VnTimeH": lower-case codes drawn as capitals) in capitals again.

    A word is in capitals when it has two or more ASCII letters, all capitals ("TØNH" → "TỈNH"), or
    at most one, a capital, next to such a word ("ñY" in "TØNH ñY" → "ỦY"; but "Tõ" → "Từ").
    """
    words = _WORD.findall(before)
    caps = [_all_caps(w) for w in words]
    out = []
    for i, (b, a) in enumerate(zip(words, _WORD.findall(after), strict=True)):
        letters = [c for c in b if c.isascii() and c.isalpha()]
        near = (i > 0 and caps[i - 1]) or (i + 1 < len(words) and caps[i + 1])
        upper = caps[i] or (len(letters) <= 1 and all(c.isupper() for c in letters) and near)
        out.append(a.upper() if upper and a != b else a)
    gaps = _WORD.split(after)
    return "".join(g + w for g, w in zip(gaps, [*out, ""], strict=True))


def _all_caps(word: str) -> bool:
    letters = [c for c in word if c.isascii() and c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def warning(name: str) -> str:
    """The note put on a document whose text was converted."""
    return f"text converted from the legacy {name} encoding to Unicode; check it against the original"
