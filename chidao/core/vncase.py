"""Vietnamese casing: turn ALL-CAPS organisation names and titles into their usual written form."""

from __future__ import annotations

import re

from chidao.core.orgs import ABBREVIATIONS
from chidao.core.text import fold

# Vietnamese writes a name by capitalising the first syllable of each component word
# ("Ban Thường vụ", "Chánh Văn phòng", "Sở Giáo dục và Đào tạo"), so an ALL-CAPS line cannot be
# title-cased syllable by syllable: we need to know which syllables form one word. These are the
# component words of Party and State organisation names and titles, in their written form.
_COMPOUNDS = (
    "Ủy ban nhân dân",
    "Hội đồng nhân dân",
    "Mặt trận Tổ quốc Việt Nam",
    "Mặt trận Tổ quốc",
    "Đảng Cộng sản Việt Nam",
    "Cộng hòa xã hội chủ nghĩa Việt Nam",
    "Ban cán sự đảng",
    "Bộ Chính trị",
    "Bí thư",
    "Thường vụ",
    "Thường trực",
    "Chấp hành",
    "Trung ương",
    "Tỉnh ủy",
    "Huyện ủy",
    "Thị ủy",
    "Thành ủy",
    "Quận ủy",
    "Đảng ủy",
    "Đảng đoàn",
    "Đảng bộ",
    "Tỉnh đoàn",
    "Trưởng ban",
    "Phó ban",
    "Chủ tịch",
    "Chủ nhiệm",
    "Giám đốc",
    "Chánh án",
    "Viện trưởng",
    "Văn phòng",
    "Tuyên giáo",
    "Dân vận",
    "Tổ chức",
    "Nội chính",
    "Kiểm tra",
    "Kinh tế",
    "Ủy ban",
    "Hội đồng",
    "Giáo dục",
    "Đào tạo",
    "Tài chính",
    "Kế hoạch",
    "Đầu tư",
    "Nội vụ",
    "Tư pháp",
    "Y tế",
    "Công thương",
    "Xây dựng",
    "Giao thông",
    "Vận tải",
    "Nông nghiệp",
    "Phát triển",
    "Nông thôn",
    "Tài nguyên",
    "Môi trường",
    "Văn hóa",
    "Thể thao",
    "Du lịch",
    "Thông tin",
    "Truyền thông",
    "Khoa học",
    "Công nghệ",
    "Lao động",
    "Thương binh",
    "Xã hội",
    "Thanh tra",
    "Quân sự",
    "Chỉ huy",
    "Công an",
    "Chính trị",
    "Doanh nghiệp",
    "Cơ quan",
    "Cựu chiến binh",
    "Liên hiệp",
    "Phụ nữ",
    "Nông dân",
    "Thanh niên",
    "Công đoàn",
    "Việt Nam",
)
_COMPOUND_BY_KEY = {c.lower(): c for c in _COMPOUNDS}
# The same words by their folded form: OCR misreads a diacritic in capitals ("THƯỜNG TRỤC" for
# "THƯỜNG TRỰC", "ĐẲNG ỦY" for "ĐẢNG ỦY"); a known word read that way is written as it should be.
_COMPOUND_BY_FOLDED = {fold(c): c for c in _COMPOUNDS}
_MAX_COMPOUND = max(len(c.split()) for c in _COMPOUNDS)
# Administrative levels and function words stay lower-case inside a name ("Đảng bộ tỉnh").
_LOWER = frozenset({"tỉnh", "huyện", "xã", "phường", "và", "của", "các", "về", "cấp"})
# Administrative levels of two syllables are one word ("Thành phố", "Đặc khu"): lower-case inside
# a name before the place they qualify ("Đảng ủy đặc khu Hòn Dứa", "Ủy ban nhân dân thành phố Hải
# Đăng"); ending the name, they stand for that place and keep their capital ("Ủy ban nhân dân
# Thành phố", as the documents of a centrally-run city write it).
_LEVELS = {c.lower(): c for c in ("Thành phố", "Thị xã", "Thị trấn", "Đặc khu")}
# Abbreviations are written as they are: "T/M" (thay mặt, on behalf of), "K/T" (ký thay, signed
# for), "TM.", "UBND" (Ủy ban nhân dân)…
_KEEP = re.compile(r"^[A-ZĐ]+[/.][A-ZĐ/.]*$")
# The organisation abbreviations (chidao.core.orgs) of three letters or more, and the short or
# non-organisational ones listed here: "ĐOÀN TNCS HỒ CHÍ MINH" → "Đoàn TNCS Hồ Chí Minh".
_ACRONYMS = frozenset({"TW", "TU", "CP", "ĐCSVN"}) | {a for a in ABBREVIATIONS if len(a) > 2}


def is_upper(text: str) -> bool:
    """True when every letter of the text is upper-case (and it has at least two letters)."""
    letters = [ch for ch in text if ch.isalpha()]
    return len(letters) >= 2 and all(ch.isupper() for ch in letters)


def written_case(text: str) -> str:
    """ "PHÓ BÍ THƯ" → "Phó Bí thư", "TỈNH ỦY HẢI LÂM" → "Tỉnh ủy Hải Lâm"; mixed-case text is kept."""
    text = " ".join(text.split())
    if not is_upper(text):
        return text
    words = text.split(" ")
    out: list[str] = []
    i = 0
    while i < len(words):
        level = _LEVELS.get(" ".join(words[i : i + 2]).lower())
        if level:
            named = out and i + 2 < len(words) and words[i + 2].lower() not in _LOWER
            out.append(level.lower() if named else level)
            i += 2
            continue
        for size in range(min(_MAX_COMPOUND, len(words) - i), 0, -1):
            key = " ".join(words[i : i + size]).lower()
            known = _COMPOUND_BY_KEY.get(key) or _COMPOUND_BY_FOLDED.get(fold(key))
            if size > 1 and known:
                out.append(known)
                i += size
                break
        else:
            word = words[i]
            if _KEEP.match(word) or word in _ACRONYMS:
                out.append(word)
            elif word.lower() in _LOWER and out:
                out.append(word.lower())
            else:
                # Unknown syllables are most often proper names (place names: "Hải Lâm").
                out.append(word[:1] + word[1:].lower())
            i += 1
    result = " ".join(out)
    return result[:1].upper() + result[1:]


def name_case(text: str) -> str:
    """A person's name written in capitals, in its usual case: "TẠ MINH LUÂN" → "Tạ Minh Luân".
    Each syllable of a name is capitalised ("Nguyễn Văn Hóa", never the compound "Văn hóa")."""
    words = " ".join(text.split()).split(" ")
    if not is_upper(text):
        return " ".join(words)
    # "H'BLIÊNG NIÊ" → "H'Bliêng Niê", "Y-NGÔNG" → "Y-Ngông": each part after an apostrophe or a
    # hyphen inside a syllable opens with a capital too.
    return " ".join(re.sub(r"(?<=^)\w|(?<=['’-])\w", lambda m: m[0].upper(), w.lower()) for w in words)


def _letters(upper: bool) -> str:
    ranges = (range(0x41, 0x5B), range(0x61, 0x7B), range(0xC0, 0x1B1), range(0x1EA0, 0x1EFA))
    return "".join(chr(c) for r in ranges for c in r if chr(c).isalpha() and chr(c).isupper() == upper)


# Regex character classes of Vietnamese capital and small letters. "À-Ỹ" is no such class: the
# Unicode blocks of Vietnamese letters alternate capital and small ("Ạ ạ Ả ả …").
UPPER = f"[{_letters(True)}]"
LOWER = f"[{_letters(False)}]"
