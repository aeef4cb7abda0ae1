#!/usr/bin/env python3
"""Build corpus/bao-cao-46-bc-du-xa-cu-prong-2025.txt in WINDOWS-1258 (CRLF line ends) from source/ (UTF-8).

Windows-1258 holds the vowels with circumflex, breve and horn (â ê ô ă ơ ư) and đ precomposed, but
tone marks only as combining characters (U+0300, U+0301, U+0303, U+0309, U+0323) - as old Word /
Notepad files on Vietnamese Windows have them: "ế" is written as "ê" + combining acute. A few toned
letters that exist precomposed in the code page (e.g. "à", "á", "é", "ó", "ú", "í") are kept as such,
which is what Windows' own converter does. Deterministic. Run: python3 bench/dev8/build/build_cp1258.py
"""

import unicodedata

from common import CORPUS, SOURCE

NAME = "bao-cao-46-bc-du-xa-cu-prong-2025.txt"
TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}


def encode_char(c):
    try:
        return c.encode("cp1258")
    except UnicodeEncodeError:
        d = unicodedata.normalize("NFD", c)
        base = unicodedata.normalize("NFC", "".join(x for x in d if x not in TONES))
        tone = "".join(x for x in d if x in TONES)
        return (base + tone).encode("cp1258")


def main():
    text = unicodedata.normalize("NFC", (SOURCE / NAME).read_text(encoding="utf-8"))
    data = b"".join(encode_char(c) for c in text).replace(b"\n", b"\r\n")
    assert unicodedata.normalize("NFC", data.decode("cp1258")).replace("\r\n", "\n") == text
    (CORPUS / NAME).write_bytes(data)
    print("wrote", CORPUS / NAME, len(data), "bytes")


if __name__ == "__main__":
    main()
