"""Metadata fields read off a document's header, title, "Kính gửi", "Nơi nhận" and signature lines."""

from __future__ import annotations

import re
from collections.abc import Sequence

from chidao.core.model import JOINT, Signer
from chidao.core.orgs import BODY_HEADS, COMMITTEE_HEADS
from chidao.core.text import fold
from chidao.core.vncase import LOWER, UPPER, is_upper, name_case, written_case
from chidao.core.vocab import KIND_BY_NAME, KIND_HEADINGS, kind_of_code

# National mottos printed in the header's right column: never the issuer.
_MOTTOS = ("dang cong san viet nam", "cong hoa xa hoi chu nghia viet nam", "doc lap - tu do - hanh phuc")

SUBJECT_PREFIX = re.compile(r"^(?:V/v|V/V|Về việc)\s*:?\s*")  # "V/v" = về việc, "regarding"
RECIPIENTS_MARK = re.compile(r"^Kính\s+gửi\s*:?\s*", re.IGNORECASE)  # "Kính gửi" = "To"
CC_MARK = re.compile(r"^Nơi\s+nhận\s*:?\s*", re.IGNORECASE)  # "Nơi nhận" = "Distribution"
# Signing on someone's behalf: "T/M" (thay mặt, for the body), "K/T" (ký thay, for the head),
# "T/L" (thừa lệnh, by order), "TUQ." (thừa ủy quyền), "Q." (quyền, acting); State documents
# write them with a dot: "TM.", "KT.", "TL.".
ON_BEHALF = re.compile(r"^(?:T/M|K/T|T/L|TM\.|KT\.|TL\.|TUQ\.|Q\.)\s*\S", re.IGNORECASE)
# "Số 19-CT/TU", "Số: 15/HD-UBND"; a law's header writes "Luật số: 05/2022/QH15".
NUMBER = re.compile(
    r"^(?:(?:Bộ\s+)?Luật\s+|Pháp\s+lệnh\s+)?Số\s*:?\s*(\d+(?:/\d{4})?[-/][\wĐđ]+(?:[-/.][\wĐđ]+)*)",
    re.IGNORECASE,
)
# Urgency and secrecy marks stamped near the header ("HỎA TỐC" = by express, "KHẨN" = urgent,
# "MẬT" = confidential): part of the header block, never the issuer or the title.
URGENCY_MARK = re.compile(
    r"^(?:HỎA\s+TỐC|THƯỢNG\s+KHẨN|KHẨN|TỐI\s+MẬT|TUYỆT\s+MẬT|MẬT)\s*[!.]?$", re.IGNORECASE
)
# A law named on its first line, as legal databases export it: "Bộ luật Dân sự (số 91/2015/QH13)",
# "Luật Du lịch (số 09/2017/QH14)", "Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam năm 2013".
LAW_TITLE = re.compile(
    r"^(?P<kind>Bộ luật|Luật|Hiến pháp|Pháp lệnh)\s+(?!này\b)(?P<name>[^.;:]{2,150}?)"
    r"(?:\s*\(\s*(?:số\s*:?\s*)?(?P<number>\d+/\d{4}/[A-ZĐ0-9]+)\s*\))?$"
)
# "Hải Lâm, ngày 05 tháng 7 năm 2022": place, then the date written out.
PLACE_DATE = re.compile(
    r"^(?P<place>[^\W\d][\w .'-]{0,40}?),\s*"
    r"ngày\s+(?P<d>\d{1,2})\s+tháng\s+(?P<m>\d{1,2})\s+năm\s+(?P<y>\d{4})",
    re.IGNORECASE,
)
# The date alone on its line, without the place ("Ngày 24 tháng 10 năm 2025"), as some headers
# print it under the number or under the title.
DATE_LINE = re.compile(
    r"^ngày\s+(?P<d>\d{1,2})\s+tháng\s+(?P<m>\d{1,2})\s+năm\s+(?P<y>\d{4})\s*\.?$", re.IGNORECASE
)
# A rule printed under a header's body ("-----", "*", a row of underscores). In the left column of a
# joint header it also parts one issuing body from the next.
RULE = re.compile(r"[-_*=]{3,}|\*")
# A header line naming only an area, printed under the body it belongs to ("ỦY BAN NHÂN DÂN",
# "ỦY BAN MẶT TRẬN TỔ QUỐC VIỆT NAM", "HỘI ĐỒNG NHÂN DÂN" over "TỈNH HẢI LÂM"), or only its level
# word when the body's name wraps in its header cell ("ĐẢNG ỦY ỦY BAN NHÂN DÂN" / "TỈNH").
_AREA_LINE = re.compile(r"^(?:TỈNH|THÀNH PHỐ|HUYỆN|QUẬN|THỊ XÃ|XÃ|PHƯỜNG|THỊ TRẤN)(?:\s+(?!ỦY\b)\S|$)")
# A header line naming an organ of the Party committee printed above it ("BAN THƯỜNG VỤ" = standing
# committee, "THƯỜNG TRỰC" = standing members, "BAN CHẤP HÀNH" = executive committee): no body alone.
_ORGAN_LINE = re.compile(r"BAN\s+THƯỜNG\s+VỤ|(?:BAN\s+)?THƯỜNG\s+TRỰC|BAN\s+CHẤP\s+HÀNH")
# A board of a Party committee ("BAN TỔ CHỨC", "BAN TUYÊN GIÁO VÀ DÂN VẬN", "ỦY BAN KIỂM TRA",
# "VĂN PHÒNG") printed under the committee it belongs to ("TỈNH ỦY HỒNG LAM", "ĐẢNG ỦY XÃ …"): the
# board is named with its committee, "Ban Tổ chức Tỉnh ủy", as the documents themselves name it.
_BOARD_LINE = re.compile(
    r"^(?:BAN\s+(?!THƯỜNG\s+VỤ|CHẤP\s+HÀNH|THƯỜNG\s+TRỰC)|ỦY\s+BAN\s+KIỂM\s+TRA\b|VĂN\s+PHÒNG\b)"
)
_COMMITTEE_LINE = re.compile(r"^(?:(?P<level>(?:TỈNH|THÀNH|HUYỆN|QUẬN|THỊ)\s+ỦY)\b|ĐẢNG\s+ỦY\b)")
_ENDS_WITH_COMMITTEE = re.compile(r"\b(?:TỈNH|THÀNH|HUYỆN|QUẬN|THỊ|ĐẢNG)\s+ỦY\b")
_CELL_SPLIT = re.compile(r"\s*\|\s*|\s{3,}")
_MARKUP = re.compile(r"\*{1,3}|_{2,}|^#{1,6}\s+")
# One syllable of a person's name. Names of the Central Highlands' peoples join parts with an apostrophe
# or a hyphen inside a syllable: "H'Bliêng Niê", "H’Hen Niê", "Y-Ngông Niê Kdăm", "Ksor Y Thuận".
NAME_SYLLABLE = rf"{UPPER}{LOWER}*(?:[-'’]{UPPER}?{LOWER}+)*"
_NAME = re.compile(rf"^{NAME_SYLLABLE}(?:\s+{NAME_SYLLABLE}){{1,5}}$")
# "TRÍCH" (excerpt of) before a kind heading: the excerpt is read as a document of that kind.
_EXCERPT = re.compile(r"^TRÍCH\s+(?!YẾU\b|LỤC\b)")
# "(đã ký)", "(Ký, đóng dấu)" where the signature stood; OCR may join the name after it on one line.
_SIGNED = re.compile(r"^\(\s*(?:đã\s+)?ký(?:\s+tên)?(?:\s*(?:,|và)\s*đóng\s+dấu)?\s*\)\s*", re.IGNORECASE)
# A title's lead before its "về …" subject: a line in capitals (meeting, "KẾT LUẬN CỦA …") or
# "của <issuing body>" (not "của đồng chí …", the speaker of a speech).
_LEAD_BEFORE_SUBJECT = re.compile(r"^(?![Vv]ề\s|VỀ\s)(?P<lead>.+?)\s+(?=[Vv]ề\s|VỀ\s)")
_ISSUED_BY = re.compile(rf"của\s+{UPPER}\w*(?:\s+\w+){{0,8}}")
_TITLE_DATE = re.compile(
    r"\bngày\s+(?:(?P<d>\d{1,2})/(?P<m>\d{1,2})/(?P<y>\d{4})|(?P<d2>\d{1,2})\s+tháng\s+(?P<m2>\d{1,2})\s+năm\s+(?P<y2>\d{4}))",
    re.IGNORECASE,  # "NGÀY 20 THÁNG 9 NĂM 2025" in a title set in capitals
)
# A speech's byline and occasion, printed under its title: "Của đồng chí X, Bí thư Tỉnh ủy" and
# "(Xã Thàng Pò, ngày 01 tháng 3 năm 2026)".
BYLINE = re.compile(r"^(?:của|Của|CỦA)\s+(?:đồng\s+chí|ông|bà|Đồng\s+chí|ĐỒNG\s+CHÍ)\s")
OCCASION = re.compile(r"\((?P<inner>[^()]*\bngày\s+\d[^()]*)\)\.?", re.IGNORECASE)
# A name's syllable in running case or in capitals ("KSOR Y THUẬN", "H'BLIÊNG NIÊ").
_CAPS_SYLLABLE = rf"{UPPER}\w*(?:[-'’]\w+)*"
# The speaker, in running case or, in a title set in capitals, "CỦA ĐỒNG CHÍ TẠ MINH LUÂN, …": a
# name in capitals ends before the occasion ("… TẠI LỄ …").
_SPEAKER = re.compile(
    r"(?:(?:của|Của|CỦA)\s+)?(?<!\w)(?:đồng\s+chí|Đồng\s+chí|ĐỒNG\s+CHÍ|ông|ÔNG|bà|BÀ)\s+"
    rf"(?P<name>{_CAPS_SYLLABLE}(?:\s+(?!(?:TẠI|VỀ|NHÂN|KHAI|BẾ)\b){_CAPS_SYLLABLE}){{1,4}})"
)
# A speech headed by a headline, its kind and speaker in parentheses under it: "CÁN BỘ XÃ, PHƯỜNG
# …: HỌC ĐỂ LÀM ĐƯỢC VIỆC" / "(Bài phát biểu chỉ đạo của đồng chí X, Phó Bí thư …, ngày 06/10/2025)".
_SPEECH_NAMES = "|".join(
    sorted((n for n, k in KIND_BY_NAME.items() if k == "Bài phát biểu"), key=len, reverse=True)
)
SPEECH_NOTE = re.compile(
    rf"^\((?:Trích\s+)?(?P<kind>{_SPEECH_NAMES})\b[^()]*?\bcủa\s+(?:đồng\s+chí|ông|bà)\s", re.IGNORECASE
)
# A periodical's banner over what it prints, its name and its issue: "BẢN TIN THÔNG TIN NỘI BỘ - TỈNH ỦY
# KRÔNG BA - Số 24 (tháng 12/2025)", "TẠP CHÍ SINH HOẠT … SỐ 5 - 2025", "ĐẶC SAN …, số 3, tháng 9/2025".
# The publication, never the issuer of a directive, and its issue never a document's number.
_BANNER = re.compile(
    r"^(?:BẢN\s+TIN|TẠP\s+CHÍ|ĐẶC\s+SAN|THÔNG\s+TIN|TIN\s+TỨC|SINH\s+HOẠT)\b[^()]{0,120}?[\s,–-]"
    r"(?i:số)\s+\d+(?!\s*[-/]\s*[A-ZĐ])"
    r"(?:\s*\([^()]*\)|\s*[,–-]\s*(?i:tháng\s+\d{1,2}(?:\s*[/-]\s*|\s+năm\s+)\d{4}|năm\s+\d{4}|\d{4})\b)?"
)
# A speech's note opening anywhere on a line: a PDF's reflow may join the headline (and a banner above
# it) to "(Bài phát biểu của đồng chí X, …)" on one line.
_SPEECH_NOTE_AT = re.compile(SPEECH_NOTE.pattern[1:], re.IGNORECASE)
# A kind heading with the byline on its line: "PHÁT BIỂU CỦA ĐỒNG CHÍ X, …", "DIỄN VĂN CỦA …".
_HEADING_BYLINE = re.compile(r"(?:CỦA|của|Của)\s+(?:ĐỒNG\s+CHÍ|ÔNG|BÀ|đồng\s+chí|ông|bà)\s")


def strip_markup(text: str) -> str:
    """Drop Markdown heading marks and emphasis, collapse whitespace: "**T/M BAN**" → "T/M BAN"."""
    text = text.strip()
    if re.fullmatch(r"[*\s]+", text):  # the "*" under the issuer's name is not emphasis
        return "*" if text else ""
    return " ".join(_MARKUP.sub("", text).split())


def cells(line: str) -> list[str]:
    """The cells of a header/closing line: " | " table cells or space-aligned columns."""
    raw = line.strip().strip("|")
    return [c for c in (strip_markup(part) for part in _CELL_SPLIT.split(raw)) if c]


def iso_date(day: str | int, month: str | int, year: str | int) -> str:
    """ISO date from day, month, year parts; "" when they are not a calendar date."""
    d, m, y = int(day), int(month), int(year)
    if not (1 <= d <= 31 and 1 <= m <= 12 and 1900 <= y <= 2100):
        return ""
    return f"{y:04d}-{m:02d}-{d:02d}"


def kind_of_heading(line: str) -> str:
    """Display name of the document kind when the line is a kind heading ("CHỈ THỊ"), else "".

    An excerpt is headed by the kind it is taken from: "TRÍCH PHÁT BIỂU", "TRÍCH NGHỊ QUYẾT"."""
    text = _EXCERPT.sub("", strip_markup(line))
    if not is_upper(text):
        return ""
    for printed, name in KIND_HEADINGS.items():
        if text == printed or text.startswith(printed + " "):
            return name
    return ""


_RUNNING_KINDS = "|".join(sorted(KIND_BY_NAME, key=len, reverse=True))
_RUNNING_TITLE = re.compile(rf"^(?P<kind>{_RUNNING_KINDS})\s+(?P<subject>{LOWER}.*)$")


def running_title(line: str) -> tuple[str, str] | None:
    """(kind, subject) of a title written in running case on one line, as a wiki page or a Markdown
    export heads the document: "Báo cáo kết quả thực hiện …" → ("Báo cáo", "kết quả thực hiện …")."""
    m = _RUNNING_TITLE.match(strip_markup(line))
    return (KIND_BY_NAME[m["kind"]], m["subject"]) if m else None


def kind_of_number(number: str) -> str:
    """Kind named by the code inside a document number: "19-CT/TU" → "Chỉ thị", else ""."""
    for code in re.split(r"[-/]", number)[1:]:
        kind = kind_of_code(code, number)
        if kind:
            return kind
    return ""


def is_motto(text: str) -> bool:
    """True for the national motto lines of the header's right column."""
    return fold(text).strip(" .") in _MOTTOS


def is_header_line(line: str) -> bool:
    """True for a line of the header block: issuer/motto in capitals, "*", "Số …", place and date."""
    parts = cells(line)
    if not parts:
        return False
    return all(
        p == "*"
        or URGENCY_MARK.match(p)
        or re.fullmatch(r":?-{3,}:?", p)
        or (is_upper(p) and not kind_of_heading(p))
        or NUMBER.match(p)
        or PLACE_DATE.match(p)
        or DATE_LINE.match(p)
        or is_motto(p)
        for p in parts
    )


# A property list, as portals, wikis and legal databases print a document's particulars: "Cơ quan:
# Sở …", "Số: 512/BC-SNNMT · Ngày: 05/12/2025", "Người ký: K/T Giám đốc, Phó Giám đốc X". Each label
# names the field it gives; several may share a line, parted by "·", "|", ";" or wide spaces.
_FIELD_LABELS = {
    "issuer": r"Cơ\s+quan(?:\s+ban\s+hành)?|Đơn\s+vị(?:\s+ban\s+hành)?|Nơi\s+ban\s+hành",
    "number": r"Số(?:\s+(?:ký\s+)?hiệu)?|Ký\s+hiệu",
    "date": r"Ngày(?:\s+(?:ban\s+hành|ký))?",
    "signer": r"Người\s+ký",
    "kind": r"Loại\s+văn\s+bản",
    "title": r"Trích\s+yếu",
}
_FIELD = re.compile(
    r"(?:^|\s*[·|;]\s*|\s{3,})(?:"
    + "|".join(rf"(?P<{k}>{v})" for k, v in _FIELD_LABELS.items())
    + r")\s*:\s*",
    re.IGNORECASE,
)
_NUMERIC_DATE = re.compile(r"^(?P<d>\d{1,2})[/.-](?P<m>\d{1,2})[/.-](?P<y>\d{4})\b")


def labelled_fields(line: str) -> dict[str, str]:
    """{field: value} of a line of a property list ("Số: 512/BC-SNNMT · Ngày: 05/12/2025"); {} when
    the line does not open with a field label."""
    text = strip_markup(line)
    marks = list(_FIELD.finditer(text))
    if not marks or marks[0].start() != 0:
        return {}
    out: dict[str, str] = {}
    for m, nxt in zip(marks, [*marks[1:], None], strict=True):
        value = text[m.end() : nxt.start() if nxt else len(text)].strip(" ·|;")
        key = m.lastgroup or ""
        if value and key not in out:
            out[key] = value
    return out


def fields_metadata(lines: Sequence[str]) -> dict[str, object]:
    """Metadata of a property list's lines: number, ISO date, issuer, kind, title and the Signer."""
    raw: dict[str, str] = {}
    for line in lines:
        for key, value in labelled_fields(line).items():
            raw.setdefault(key, value)
    out: dict[str, object] = {}
    if m := NUMBER.match("Số " + raw.get("number", "")):
        out["number"] = m.group(1).rstrip(".,")
    date = raw.get("date", "")
    if m := _NUMERIC_DATE.match(date) or DATE_LINE.match(date) or PLACE_DATE.match(date):
        out["date"] = iso_date(m["d"], m["m"], m["y"])
    if raw.get("issuer"):
        out["issuer"] = written_case(raw["issuer"]) if is_upper(raw["issuer"]) else raw["issuer"]
    if kind := KIND_BY_NAME.get(written_case(raw.get("kind", "")).capitalize()):
        out["kind"] = kind
    if raw.get("title"):
        out["title"] = raw["title"]
    if raw.get("signer"):
        out["signer"] = signer_in_line(raw["signer"])
    return out


def signer_in_line(text: str) -> Signer:
    """Signer written on one line: "K/T Giám đốc, Phó Giám đốc Nguyễn Thị Hoài Thu" → on behalf
    "K/T Giám đốc", role "Phó Giám đốc", name "Nguyễn Thị Hoài Thu" (the name is the run of
    capitalised syllables ending the line, at most four: a Vietnamese full name)."""
    words = text.strip(" .").split()
    k = len(words)
    while k > 0 and len(words) - k < 4 and re.fullmatch(NAME_SYLLABLE, words[k - 1]):
        k -= 1
    name = " ".join(words[k:]) if len(words) - k >= 2 else ""
    rest = " ".join(words[:k] if name else words).strip(" ,")
    parts = [p.strip() for p in rest.split(",") if p.strip()]
    on_behalf = [p for p in parts if ON_BEHALF.match(p)]
    roles = [p for p in parts if not ON_BEHALF.match(p)]
    return Signer(name=name, role=", ".join(roles), on_behalf=", ".join(on_behalf))


def is_number_date_line(line: str) -> bool:
    """True for a line holding only the number and/or the date ("Số 52-TB/TU", "Ngày 24 tháng 10
    năm 2025", "Số 04/QC    Hòa Hải, ngày …") or the motto above the date ("ĐẢNG CỘNG SẢN VIỆT
    NAM"): header fields wherever the header region prints them, under the title included."""
    parts = cells(line)
    return bool(parts) and all(
        NUMBER.match(p) or PLACE_DATE.match(p) or DATE_LINE.match(p) or is_motto(p) for p in parts
    )


def header_fields(lines: Sequence[str]) -> tuple[str, str, str, str]:
    """(number, ISO date, place, issuer) read off the header lines.

    A joint header stacks its issuing bodies in the left column, a rule between them ("ỦY BAN MẶT
    TRẬN … / BAN THƯỜNG TRỰC / --- / ỦY BAN NHÂN DÂN TỈNH … / SỞ …"): each is named, JOINT-parted."""
    number = date = place = ""
    groups: list[list[str]] = [[]]
    for line in lines:
        parts = cells(line)
        if any(RULE.fullmatch(c) for c in parts) and "|" not in line and groups[-1]:
            groups.append([])  # a rule (not a Markdown table's separator row) closes a body's lines
        for cell in parts:
            if m := NUMBER.match(cell):
                number = number or m.group(1).rstrip(".,")
            elif m := PLACE_DATE.match(cell):
                if not date:
                    date, place = iso_date(m["d"], m["m"], m["y"]), m["place"].strip()
            elif m := DATE_LINE.match(cell):
                date = date or iso_date(m["d"], m["m"], m["y"])
            elif (
                is_upper(cell)
                and not is_motto(cell)
                and not kind_of_heading(cell)
                and not URGENCY_MARK.match(cell)
            ):
                groups[-1].append(cell)
    issuers = [issuer for group in groups if (issuer := _issuer_of(group))]
    return number, date, place, JOINT.join(dict.fromkeys(issuers))


def _issuer_of(lines: list[str]) -> str:
    """The issuing body named by the lines of one header stack, in written case."""
    issuers = list(lines)
    # The bottom line of the left column is the issuing body ("BAN TUYÊN GIÁO" under "TỈNH ỦY …"),
    # unless it only names the area of the body above it: "ỦY BAN NHÂN DÂN" / "TỈNH HẢI LÂM".
    if len(issuers) >= 2 and _AREA_LINE.match(issuers[-1]):
        issuers[-2:] = [f"{issuers[-2]} {issuers[-1]}"]
    # "BAN THƯỜNG VỤ" under "TỈNH ỦY NGÀN SƠN": an organ of the committee above, named with it;
    # "ỦY BAN MẶT TRẬN … / TỈNH HÒA HẢI / BAN THƯỜNG TRỰC": the area goes with the body first.
    if len(issuers) >= 2 and _ORGAN_LINE.fullmatch(issuers[-1]):
        above = issuers[-2]
        if len(issuers) >= 3 and _AREA_LINE.match(above):
            issuers[-3:-1] = [f"{issuers[-3]} {above}"]
            above = issuers[-2]
        issuers[-2:] = [f"{issuers[-1]} {above}"]
    # "BAN TỔ CHỨC" under "TỈNH ỦY HỒNG LAM": the board of that committee, "Ban Tổ chức Tỉnh ủy"
    # (a province's committee is named without its province; "Đảng ủy xã Y" keeps its place).
    if (
        len(issuers) >= 2
        and _BOARD_LINE.match(issuers[-1])
        and not _ENDS_WITH_COMMITTEE.search(issuers[-1])
        and (committee := _COMMITTEE_LINE.match(issuers[-2]))
    ):
        issuers[-1] = f"{issuers[-1]} {committee['level'] or issuers[-2]}"
    return written_case(issuers[-1]) if issuers else ""


def issuer_of_number(number: str) -> str:
    """The body a number's code names when the text does not say it: "…/QH15" is the Quốc hội."""
    return "Quốc hội" if re.search(r"/QH\d+$", number) else ""


def law_title(line: str) -> tuple[str, str, str] | None:
    """(kind, number, name) of a law's first line "Luật Du lịch (số 09/2017/QH14)", else None."""
    m = LAW_TITLE.match(strip_markup(line))
    if not m or (m["kind"] != "Hiến pháp" and not m["name"][:1].isupper()):
        return None
    return m["kind"], m["number"] or "", m["name"].strip()


def find_place_date(lines: Sequence[str]) -> tuple[str, str]:
    """(ISO date, place) of the first "Place, ngày … tháng … năm …" cell of the lines."""
    for line in lines:
        for cell in cells(line):
            if m := PLACE_DATE.match(cell):
                return iso_date(m["d"], m["m"], m["y"]), m["place"].strip()
    return "", ""


def title_text(lines: Sequence[str]) -> str:
    """Subject of the document (trích yếu) as written: the lines after the kind heading, or the
    "V/v" lines without the marker, joined.

    A line naming the meeting or the issuer before a "về …" subject is not part of it: "HỘI NGHỊ
    LẦN THỨ MƯỜI BAN CHẤP HÀNH … / về tăng cường …" and "của Ban Thường vụ Tỉnh ủy / về …" give
    "về tăng cường …", so that "<kind> <title>" reads as the document's name.
    """
    parts = [strip_markup(line) for line in lines]
    parts = [p for p in parts if p and not re.fullmatch(r"[-_*=]{3,}", p)]
    if parts and kind_of_heading(parts[0]):
        # "PHÁT BIỂU CỦA ĐỒNG CHÍ X, PHÓ BÍ THƯ …": the byline printed on the heading's line stays.
        byline = _HEADING_BYLINE.search(parts[0])
        parts = [parts[0][byline.start() :], *parts[1:]] if byline else parts[1:]
    text = _written_byline(SUBJECT_PREFIX.sub("", " ".join(parts)).strip())
    if m := _LEAD_BEFORE_SUBJECT.match(text):
        lead = m["lead"]
        if not _SPEAKER.search(lead) and (is_upper(lead) or _ISSUED_BY.fullmatch(lead)):
            return text[m.end("lead") :].strip()
    return text


def _written_byline(text: str) -> str:
    """A byline in capitals opening a title, in written case, the occasion after it as printed:
    "CỦA ĐỒNG CHÍ TẠ MINH LUÂN, PHÓ BÍ THƯ THÀNH ỦY TẠI LỄ …" → "của đồng chí Tạ Minh Luân, Phó Bí
    thư Thành ủy TẠI LỄ …" (a whole title in capitals cannot be cased: its place names are unknown)."""
    m = _SPEAKER.match(text)
    if not m or not is_upper(text[: m.end()]):
        return text
    occasion = re.compile(r"\s+(?:TẠI|VỀ)\s+|\s*\(").search(text, m.end())
    at = occasion.start() if occasion else len(text)
    speaker = speaker_from_title(text[:at])
    lead = " ".join(text[: m.start("name")].lower().split())
    role = f", {speaker.role}" if speaker.role else ""
    return f"{lead} {speaker.name}{role}{text[at:]}"


def list_entries(lines: Sequence[str], mark: re.Pattern[str]) -> tuple[str, ...]:
    """Entries of a "Kính gửi:" or "Nơi nhận:" list; a line without a dash continues the entry."""
    entries: list[str] = []
    for i, line in enumerate(lines):
        text = strip_markup(line)
        if i == 0:
            text = mark.sub("", text)
        if not text:
            continue
        if re.match(r"^[-–+•]\s*", text) or not entries:
            entries.append(re.sub(r"^[-–+•]\s*", "", text))
        else:
            entries[-1] = f"{entries[-1]} {text}"
    return tuple(e for e in entries if e)


def is_name(text: str) -> bool:
    """True for a person's name as signed: 2–6 capitalised syllables ("Đặng Ngọc Huy").

    A final dot is tolerated: a scan's speck after the name reads as "Nguyễn Văn An."."""
    text = text.rstrip(".")
    return bool(_NAME.match(text)) and not is_upper(text)


def signer_from(lines: Sequence[str]) -> Signer:
    """Signer from the signature lines: on-behalf line(s), role line(s) in capitals, then the name."""
    on_behalf: list[str] = []
    roles: list[str] = []
    name = ""
    upper = [c for line in lines for c in cells(line) if is_upper(c) and not ON_BEHALF.match(c)]
    after_on_behalf = False
    for line in lines:
        for cell in cells(_SIGNED.sub("", line.strip())):
            if ON_BEHALF.match(cell):
                on_behalf.append(written_case(cell))
                after_on_behalf = True
                continue
            if is_upper(cell):
                # "T/M BAN THƯỜNG TRỰC / ỦY BAN MTTQ VIỆT NAM TỈNH / CHỦ TỊCH": a body's name right
                # under the on-behalf line, with the role still to come, completes the body.
                if after_on_behalf and cell != upper[-1] and _names_body(cell):
                    on_behalf[-1] = f"{on_behalf[-1]} {written_case(cell)}"
                    continue
                roles.append(written_case(cell))
            elif is_name(cell):
                name = cell.rstrip(".")
            after_on_behalf = False
    # "TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH / PHÓ CHỦ TỊCH" keeps both on-behalf lines.
    return Signer(name=name, role=" ".join(roles), on_behalf=", ".join(on_behalf))


def _names_body(text: str) -> bool:
    """True for a line in capitals that opens with the head of a unit name ("ỦY BAN …", "BAN …",
    "TỈNH ỦY …", "SỞ …"), not with a person's role ("CHỦ TỊCH", "PHÓ BÍ THƯ")."""
    folded = fold(text)
    return any(folded == h or folded.startswith(h + " ") for h in (*COMMITTEE_HEADS, *BODY_HEADS))


def speaker_from_title(title: str) -> Signer:
    """The speaker named in a speech title: "của đồng chí X, Bí thư Tỉnh ủy, tại …" → Signer(X, role).
    A title in capitals gives them in written case: "CỦA ĐỒNG CHÍ TẠ MINH LUÂN, PHÓ BÍ THƯ THÀNH ỦY"
    → Signer("Tạ Minh Luân", "Phó Bí thư Thành ủy")."""
    m = _SPEAKER.search(title)
    if not m:
        return Signer()
    name = name_case(m["name"])
    if not title[m.end() :].startswith(","):
        return Signer(name=name)
    # The titles follow the name, comma after comma, each opening with a capital ("Ủy viên Trung
    # ương Đảng, Bí thư Tỉnh ủy"); the occasion ends them ("tại Hội nghị …", ", bế mạc Hội nghị …").
    roles: list[str] = []
    for part in title[m.end() :].split(",")[1:]:
        head = re.split(r"\s+(?:tại|về|TẠI|VỀ)\s+|\s*\(", part.strip(), maxsplit=1)
        if not head[0][:1].isupper():
            break
        roles.append(written_case(head[0]))
        if len(head) > 1:
            break  # "Bí thư Tỉnh ủy tại Hội nghị …": the occasion began inside this part
    return Signer(name=name, role=", ".join(roles))


def place_in_title(title: str) -> str:
    """The place of a speech's occasion written in its title: "(Đặc khu Cồn Mây, ngày 27 tháng 9 năm
    2025)" → "Đặc khu Cồn Mây"; "" when none."""
    for m in OCCASION.finditer(title):
        if place := PLACE_DATE.match(m["inner"].strip()):
            return written_case(place["place"].strip())  # "XÃ VÂN SƠN" in a title in capitals
    return ""


def date_in_title(title: str) -> str:
    """ISO date written in a title ("…, bế mạc Hội nghị …, ngày 16/12/2025"), "" when none."""
    m = _TITLE_DATE.search(title)
    if not m:
        return ""
    d, mo, y = (m["d"], m["m"], m["y"]) if m["d"] else (m["d2"], m["m2"], m["y2"])
    return iso_date(d, mo, y)


def banner_end(text: str) -> int:
    """End of a periodical's banner opening the text ("BẢN TIN … - Số 24 (tháng 12/2025)"), 0 when
    the text does not open with one."""
    m = _BANNER.match(strip_markup(text))
    return m.end() if m else 0


def speech_note_at(text: str) -> int | None:
    """Where a speech's note "(Bài phát biểu … của đồng chí X, …)" opens in the line, when the note
    runs to the line's end (closed there or wrapped onto the next line); None for any other line."""
    m = _SPEECH_NOTE_AT.search(text)
    if not m:
        return None
    depth = 0
    tail = text[m.start() :].rstrip(" .")
    for k, ch in enumerate(tail):
        depth += (ch == "(") - (ch == ")")
        if depth == 0 and k < len(tail) - 1:
            return None  # the note closes inside the line: a reference in running text
    return m.start()
