#!/usr/bin/env python3
"""Write corpus/ke-hoach-24-kh-du-na-lan-2025.txt in Unicode NFD (decomposed diacritics) from the NFC
source/ke-hoach-24-kh-du-na-lan-2025.txt. Run: python3 bench/dev5/build/build_nfd.py
"""

import unicodedata

from common import CORPUS, SOURCE

NAME = "ke-hoach-24-kh-du-na-lan-2025.txt"

src = (SOURCE / NAME).read_text(encoding="utf-8")
assert src == unicodedata.normalize("NFC", src)
(CORPUS / NAME).write_text(unicodedata.normalize("NFD", src), encoding="utf-8")
print("wrote", CORPUS / NAME)
