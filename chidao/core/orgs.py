"""The genre's organisation vocabulary: how Party, State and Front units are named, at every level.

Names of units are learned from each library's own documents (qa); this module only says what a
name is made of, so that a learned name can be recognised, compared and abbreviated:

- heads: the words a unit name starts with (Ban, Đảng ủy, Ủy ban, Hội, Sở, Quận ủy, Thành đoàn …);
- functions: what a board does (Tuyên giáo, Dân vận, Tuyên giáo và Dân vận, Tổ chức, Kiểm tra …);
- levels: Trung ương; tỉnh / thành phố (Tỉnh ủy, Thành ủy); quận / huyện / thị xã (Quận ủy, Huyện
  ủy, Thị ủy); xã / phường / đặc khu; cơ quan / khối;
- abbreviations with their expansions (BTV, BTGDV, ĐUCCQĐ, MTTQ, UBND, LHPN …);
- official equivalent spellings of one unit ("Đoàn Thanh niên tỉnh" is the "Tỉnh đoàn").

Both the older chart and the 2025 one are covered: since 2025 the Ban Tuyên giáo and the Ban Dân
vận are one "Ban Tuyên giáo và Dân vận", the district level is gone (Đảng ủy xã / phường / đặc khu
report to the province), the "Đảng ủy các cơ quan Đảng tỉnh" and the "Đảng ủy Ủy ban nhân dân
tỉnh" replace the bloc committees, and the mass organisations sit under the Ủy ban MTTQ.
All phrases are folded (lower case, no accents, đ → d), as `chidao.core.text.fold` writes them.
"""

from __future__ import annotations

# Committees: a head that is a whole unit name by itself, before a level or a place name
# ("Quận ủy Ba Đình", "Thành đoàn Hà Nội", "Đảng ủy phường Ba Đình", "Chi bộ …").
COMMITTEE_HEADS = (
    "tinh uy",
    "thanh uy",
    "quan uy",
    "huyen uy",
    "thi uy",
    "dang uy",
    "chi bo",
    "tinh doan",
    "thanh doan",
    "quan doan",
    "huyen doan",
    "cap uy",
)
# Committee heads that name no one unit without a place: "Huyện ủy" alone is any district
# committee (a member of the class "các huyện ủy"), while "Tỉnh đoàn" or "Thành ủy" is one unit.
NEEDS_PLACE = ("huyen uy", "quan uy", "thi uy", "dang uy", "chi bo", "cap uy", "huyen doan", "quan doan")
# Boards and bodies: a head followed by what the body does or whose it is ("Ban Dân vận …",
# "Ủy ban Kiểm tra …", "Sở Nội vụ", "Hội Nông dân …", "Đảng đoàn Hội đồng nhân dân …").
BODY_HEADS = (
    "ban can su dang",
    "ban thuong vu",
    "ban thuong truc",
    "ban chap hanh",
    "ban",
    "dang doan",
    "uy ban",
    "hoi dong",
    "hoi",
    "so",
    "van phong",
    "thuong truc",
    "lien doan",
    "lien hiep",
    "mat tran",
    "doan thanh nien",
    "doan",
    "cong an",
    "bo chi huy",
    "bo",
    "truong",
    "trung tam",
    "bao",
    "dai",
    "cong thong tin",
    "tap chi",
    "vien",
    "phong",
    "chi cuc",
    "cuc",
    "toa an",
    "vien kiem sat",
    "kho bac",
    # Forces and field units: "Bộ đội Biên phòng tỉnh", "Đồn Biên phòng Nà Lạn", "Trạm Y tế xã",
    # "Hạt Kiểm lâm", "Bệnh viện Đa khoa tỉnh".
    "bo doi",
    "don",
    "tram",
    "hat",
    "benh vien",
)
# Heads that also start ordinary words (hội nghị = meeting, sở dĩ, trường hợp = case, báo cáo =
# report, phòng chống = prevent …): in written text the next word must be capitalised.
CAPITAL_AFTER = frozenset(
    {
        *("hoi", "so", "truong", "bao", "dai", "vien", "phong", "cuc", "chi cuc", "bo", "doan", "ban"),
        *("uy ban", "don", "tram", "hat"),
    }
)
# One-syllable heads as written with their accents: in accented text "Bỏ" (drop) is no "Bộ"
# (ministry), "So" no "Sở" (department), "Đại" no "Đài" (station).
HEADS_WRITTEN: dict[str, str] = {
    "bo": "bộ",
    "so": "sở",
    "hoi": "hội",
    "ban": "ban",
    "doan": "đoàn",
    "dai": "đài",
    "bao": "báo",
    "truong": "trường",
    "vien": "viện",
    "phong": "phòng",
    "cuc": "cục",
    "don": "đồn",
    "tram": "trạm",
    "hat": "hạt",
}
# What a board or body does: Tuyên giáo (propaganda and education), Dân vận (mass mobilisation),
# Tổ chức (organisation), Kiểm tra (inspection), Nội chính (internal affairs), Thường vụ (standing
# board), Thường trực (standing office), Chính sách (policy) …; longest first where they overlap.
FUNCTIONS = (
    "tuyen giao va dan van",
    "tuyen giao",
    "xay dung dang",  # a commune Party committee's board since 2025 ("Ban Xây dựng Đảng")
    "dan van",
    "to chuc",
    "kiem tra",
    "noi chinh",
    "thuong vu",
    "thuong truc",
    "chinh sach",
    "kinh te",
    "bao ve cham soc suc khoe can bo",
    "can su dang",
    "nhan dan",
    "mat tran to quoc viet nam",
    "mat tran to quoc",
    "thanh nien cong san ho chi minh",
    "lien hiep phu nu viet nam",
    "lien hiep phu nu",
    "cuu chien binh",
    "nong dan",
    "lao dong",
    "chu thap do",
    "chi huy quan su",
    "phat thanh va truyen hinh",
    "thong tin va truyen thong",
    "van hoa the thao va du lich",
    "giao duc va dao tao",
    "noi vu",
    "tai chinh",
    "tu phap",
    "y te",
    "cong thuong",
    "xay dung",
    "ke hoach va dau tu",
    "tai nguyen va moi truong",
    "nong nghiep va phat trien nong thon",
    "nong nghiep va moi truong",
    "khoa hoc va cong nghe",
    "giao thong van tai",
    "lao dong thuong binh va xa hoi",
    "chinh tri",
    "cong an",
    "quan su",
    "bien phong",
    "thanh nien cong san ho chi minh",
    "cong san ho chi minh",
)
# Level words, each with the level it names. A unit name without a level word ("Ban Dân vận") is
# read as the library's own level; two names that differ in their level word are two units.
LEVELS: dict[str, str] = {
    "trung uong": "central",
    "tinh uy": "province",
    "thanh uy": "province",  # a city's committee (a "thành ủy" of a district town is district level)
    "tinh": "province",
    "thanh pho": "province",
    "quan uy": "district",
    "huyen uy": "district",
    "thi uy": "district",
    "quan": "district",
    "huyen": "district",
    "thi xa": "district",
    "cap huyen": "district",
    "cap tinh": "province",
    "xa": "commune",
    "phuong": "commune",
    "thi tran": "commune",
    "dac khu": "commune",
    "cap xa": "commune",
    "co so": "commune",
    "cac co quan dang": "agency",
    "co quan": "agency",
    "khoi": "agency",
    "truc thuoc": "agency",
}
# Level words a place's own name follows, capitalised syllable by syllable ("xã Tà Sìn", "tỉnh Lạc
# Hải cũ"); "Trung ương" and "cơ quan" are followed by bodies' names ("Mặt trận Tổ quốc").
PLACE_LEVELS = frozenset(
    {"tinh", "thanh pho", "quan", "huyen", "thi xa", "xa", "phuong", "thi tran", "dac khu"}
)
# Level words that name the same level of the same place, as a question may word them: "Ban Dân
# vận tỉnh" is the "Ban Dân vận Tỉnh ủy", "Ủy ban MTTQ cấp tỉnh" the "Ủy ban MTTQ tỉnh". A city
# ("thành phố", "Thành ủy") is never a province's "tỉnh": they are different families.
LEVEL_FAMILIES: tuple[tuple[str, ...], ...] = (
    ("tinh uy", "tinh", "cap tinh"),
    ("thanh uy", "thanh pho"),
    ("huyen uy", "huyen", "cap huyen"),
    ("quan uy", "quan"),
    ("thi uy", "thi xa"),
    ("dang uy xa", "xa", "cap xa"),
)
# Abbreviations as written (upper case) → their expansion. Compound abbreviations are spelled by
# joining these pieces: BTGDVTU = BTGDV + TU, UBKTTU = UBKT + TU, ĐUCCQĐ = ĐU + CCQĐ.
ABBREVIATIONS: dict[str, str] = {
    "BTV": "Ban Thường vụ",
    "BTT": "Ban Thường trực",
    "BCH": "Ban Chấp hành",
    "TT": "Thường trực",
    "BTGDV": "Ban Tuyên giáo và Dân vận",
    "BTG": "Ban Tuyên giáo",
    "BDV": "Ban Dân vận",
    "BTC": "Ban Tổ chức",
    "BNC": "Ban Nội chính",
    "BCS": "Ban cán sự",
    "BCSĐ": "Ban cán sự đảng",
    "UBKT": "Ủy ban Kiểm tra",
    "VP": "Văn phòng",
    "TU": "Tỉnh ủy",
    "ThU": "Thành ủy",
    "HU": "Huyện ủy",
    "QU": "Quận ủy",
    "ĐU": "Đảng ủy",
    "ĐUK": "Đảng ủy Khối",
    "CCQĐ": "các cơ quan Đảng",
    "ĐUCCQĐ": "Đảng ủy các cơ quan Đảng",
    "ĐĐ": "Đảng đoàn",
    "TW": "Trung ương",
    # A city's level as its own documents and cadres shorten it ("UBND TP", "Công an TP", "LĐLĐ TP").
    "TP": "Thành phố",
    "MTTQVN": "Mặt trận Tổ quốc Việt Nam",
    "MTTQ": "Mặt trận Tổ quốc",
    "UBMTTQ": "Ủy ban Mặt trận Tổ quốc",
    "UBND": "Ủy ban nhân dân",
    "HĐND": "Hội đồng nhân dân",
    "LHPN": "Liên hiệp Phụ nữ",
    "CCB": "Cựu chiến binh",
    "ND": "Nông dân",
    "ĐTN": "Đoàn Thanh niên",
    "TNCS": "Thanh niên Cộng sản",
    "HCM": "Hồ Chí Minh",
    "LĐLĐ": "Liên đoàn Lao động",
    "CHQS": "Chỉ huy Quân sự",
    # The armed forces as Nơi nhận lists and task tables shorten them ("ĐU BĐBP tỉnh", "Đồn BP Nà
    # Lạn", "CA tỉnh", "Bộ CHQS tỉnh").
    "BĐBP": "Bộ đội Biên phòng",
    "BP": "Biên phòng",
    "CA": "Công an",
    "QS": "Quân sự",
    "PTTH": "Phát thanh và Truyền hình",
    "PT-TH": "Phát thanh và Truyền hình",
    "TT&TT": "Thông tin và Truyền thông",
    # Departments (Sở) as their names are shortened, before and after the 2025 mergers.
    "NN&MT": "Nông nghiệp và Môi trường",
    "NN&PTNT": "Nông nghiệp và Phát triển nông thôn",
    "TN&MT": "Tài nguyên và Môi trường",
    "KH&CN": "Khoa học và Công nghệ",
    "KH&ĐT": "Kế hoạch và Đầu tư",
    "GD&ĐT": "Giáo dục và Đào tạo",
}
# Boards merged in 2025 (folded keys): a committee's Ban Tuyên giáo and Ban Dân vận became its Ban
# Tuyên giáo và Dân vận. A question may still name the former board in a library that names only
# the merged one; the merged board is then no absent unit (it is not rewritten into it either).
SUCCESSORS: dict[str, str] = {
    "ban tuyen giao": "ban tuyen giao va dan van",
    "ban dan van": "ban tuyen giao va dan van",
}
# Spellings of one unit that differ by more than abbreviation (folded, each mapped to the shortest):
# the Youth Union of a province is its "Tỉnh đoàn", of a city its "Thành đoàn"; the Front's
# committee is named with or without "Ủy ban" and "Việt Nam"; the standing board of a committee acts
# for it ("Ban Thường vụ Tỉnh đoàn" is addressed as "Tỉnh đoàn").
EQUIVALENTS: dict[str, str] = {
    "doan thanh nien cong san ho chi minh tinh": "tinh doan",
    "doan thanh nien tinh": "tinh doan",
    "tinh doan thanh nien cong san ho chi minh": "tinh doan",
    "tinh doan thanh nien": "tinh doan",
    "doan thanh nien cong san ho chi minh thanh pho": "thanh doan",
    "doan thanh nien thanh pho": "thanh doan",
    "thanh doan thanh nien cong san ho chi minh": "thanh doan",
    "uy ban mat tran to quoc viet nam": "mat tran to quoc",
    "uy ban mat tran to quoc": "mat tran to quoc",
    "mat tran to quoc viet nam": "mat tran to quoc",
    "hoi lien hiep phu nu viet nam": "hoi lien hiep phu nu",
    "hoi cuu chien binh viet nam": "hoi cuu chien binh",
}
# Words before a committee that stand for its standing board ("Ban Thường vụ Huyện ủy X").
BOARD_PREFIXES = ("ban thuong vu", "btv")
# Words that open a class of units rather than one unit: "các huyện ủy", "cấp ủy cấp huyện".
CLASS_MARKERS = ("cac", "nhung")

# Heads whose unit is named after another body: "Đảng đoàn Ủy ban MTTQ tỉnh", "Ban cán sự đảng
# UBND tỉnh", "Đảng ủy Ủy ban nhân dân tỉnh" (folded).
NESTING_HEADS = frozenset(
    {"dang doan", "ban can su dang", "dang uy", "ban thuong truc", "ban thuong vu", "thuong truc"}
)
