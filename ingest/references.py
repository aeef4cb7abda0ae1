"""Cited documents: find citations in a text (number, date, title, speech) and resolve them to documents."""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Sequence
from dataclasses import replace

from chidao.core.model import Document, Reference, RelationKind, Unit
from chidao.core.numbers import number_key
from chidao.core.text import fold, syllables
from chidao.core.vncase import LOWER, UPPER, is_upper
from chidao.core.vocab import KIND_BY_FOLDED, NUMBERED_KIND_PATTERN
from ingest.metadata import SPEECH_NOTE

# Kinds of documents as they are cited: "Công văn số 2862/MTTW-BTT", "Quyết định số 217-QĐ/TW".
_KIND = NUMBERED_KIND_PATTERN
# A document number: digits, optional year, then the kind code and issuer code ("12-NQ/TU",
# "2862/MTTW-BTT", "11-QĐi/TW", "15/2020/NĐ-CP").
_NUM = r"\d+(?:/\d{4})?[-/][^\W\d_][\w]*(?:[-/][\w]+)*"
_DATE = (
    r"(?P<d>\d{1,2})[/.-](?P<m>\d{1,2})[/.-](?P<y>\d{4})"
    r"|(?P<d2>\d{1,2})\s+tháng\s+(?P<m2>\d{1,2})\s+năm\s+(?P<y2>\d{4})"
)
# Lower-case syllables that occur inside organisation names ("Ban Thường vụ Tỉnh ủy",
# "Ban Chấp hành Đảng bộ tỉnh", "Ban cán sự đảng Ủy ban nhân dân tỉnh"); any other lower-case
# word ends the name ("của Ban Thường vụ Tỉnh ủy thực hiện …"). The second syllables of the words
# that name boards, departments and mass organisations are among them ("Ban Tổ chức", "Sở Giáo dục
# và Đào tạo", "Ban Kinh tế", "Đoàn Thanh niên", "Hội Cựu chiến binh", "Viện Kiểm sát", "Tòa án").
_ORG_LOWER = (
    r"vụ|trực|hành|bộ|tỉnh|huyện|xã|ủy|thư|giáo|vận|chính|tra|phòng|sự|đảng|đoàn|quốc|ương|trị|"
    r"dân|nhân|cán|cơ|quan|nghiệp|phố|khối|tịch|đốc|ban|tướng|phủ|trận|hội|biểu|"
    r"chức|dục|tạo|tế|niên|binh|sát|án|tác|nữ|hiệp"
)
# Whitespace inside one paragraph: a hard-wrapped line break may stand between two words of an
# issuer's name ("Ban Thường vụ\nTỉnh ủy"), a blank line never (the next block begins there: "… của
# Ban Thường vụ Thành ủy\n\nĐặc khu có …").
_GAP = r"(?:[^\S\n]+\n?|\n)[^\S\n]*"
_ISSUER = rf"{UPPER}\w*(?:{_GAP}(?:{UPPER}\w*|(?:{_ORG_LOWER})\b))*"
_ORG_HEAD = (
    r"(?:Ban|Bộ|Sở|Ủy ban|Thường trực|Tỉnh ủy|Huyện ủy|Thành ủy|Thị ủy|Đảng ủy|Đảng đoàn|Chính phủ|Văn phòng)"
)

_NUMBERED = re.compile(rf"(?P<kind>{_KIND})\s+(?:số\s+)?(?P<num>{_NUM})", re.IGNORECASE)
_MORE_NUMBER = re.compile(rf"\s*(?:,|và)\s*(?:(?P<kind>{_KIND})\s+)?(?:số\s+)?(?P<num>{_NUM})", re.IGNORECASE)
_DATED = re.compile(rf"(?P<kind>{_KIND})\s+ngày\s+(?:{_DATE})")
_AFTER_DATE = re.compile(rf",?\s*ngày\s+(?:{_DATE})")
# "của" (of) cannot end a paragraph: a scan's blank line after it still leads to the issuer.
_AFTER_ISSUER = re.compile(rf"\s+của\s+(?P<issuer>{_ISSUER})")
_BEFORE_ISSUER = re.compile(rf"của\s+(?P<issuer>{_ISSUER})\s+tại\s*$")
# Documents cited by their name: the Party congress resolutions, Central Committee plenums.
_NAMED = re.compile(
    r"Nghị quyết\s+(?:Đại hội|Hội nghị)[^.;:()\n]{0,90}?(?:lần thứ|khóa)\s+[IVXLC]+\b(?:\s+của\s+Đảng\b)?"
    r"|Nghị quyết\s+Trung ương\s+\d+\s+khóa\s+[IVXLC]+\b"
)
# Laws cited by name and year or number, as Party texts cite them: "Luật Tiếp công dân năm 2013",
# "Bộ luật Hình sự 2015", "Luật Thực hiện dân chủ ở cơ sở số 10/2022/QH15". The name runs from a
# capital over words and ", " before a lower-case word ("Luật Phòng, chống ma túy"), never over
# another law's kind word.
_LAW_KIND = r"(?:Bộ\s+luật|Luật|Pháp\s+lệnh)"
_LAW = re.compile(
    rf"(?P<kind>{_LAW_KIND})\s+(?P<name>{UPPER}\w*(?:(?:\s+|,\s+(?={LOWER}))(?!{_LAW_KIND}\b|năm\b|số\b)\w+){{0,12}}?)"
    rf"\s+(?:(?:năm\s+)?(?P<year>(?:19|20)\d{{2}})(?![\d/])|số\s+(?P<num>{_NUM}))"
)
_LAW_TITLE = re.compile(rf"^{_LAW_KIND}\s+|\s+(?:năm\s+)?(?:19|20)\d{{2}}$")
# Speeches are cited through their speaker and the meeting date: "bài phát biểu của đồng chí Tổng
# Bí thư tại Hội nghị … ngày 16/8/2021", "ý kiến chỉ đạo của đồng chí Bí thư Tỉnh ủy …".
_SPEECH = re.compile(
    r"(?:bài phát biểu|bài nói chuyện|ý kiến chỉ đạo|chỉ đạo|phát biểu)(?:\s+quan trọng)?"
    r"\s+của\s+đồng\s+chí\s+"
    r"(?P<speaker>[^,;.\n]{2,60}?)(?=\s+(?:tại|về|ở)\b|[,;.]|$)"
    r"|đồng\s+chí\s+(?P<speaker2>[^,;.\n]{2,60}?)\s+(?:đã\s+)?(?:có\s+)?bài\s+(?:phát biểu|nói chuyện)",
    re.IGNORECASE,
)
_SPEECH_DATE = re.compile(rf"ngày\s+(?:{_DATE})|tháng\s+(?P<pm>\d{{1,2}})/(?P<py>\d{{4}})", re.IGNORECASE)
# A dispatch cited without number or date, by its issuer: "Ban Thường vụ Tỉnh ủy đã có công văn
# chỉ đạo triển khai …", "công văn triển khai của Ban Thường vụ Tỉnh ủy".
_ORG = rf"{_ORG_HEAD}(?:{_GAP}(?:{UPPER}\w*|(?:{_ORG_LOWER})\b))*"
_DESCRIBED = re.compile(
    rf"(?P<org>{_ORG})\s+(?:(?:đã|có|bằng|được|ban hành|triển khai|chỉ đạo)\s+){{1,3}}"
    r"công văn\b(?!\s+(?:số|này))"
    rf"|\bcông văn(?!\s+(?:số|này))(?:\s+{LOWER}+){{0,3}}\s+của\s+(?P<org2>{_ORG})"
)
# The verb that governs a citation stands right before it (folded, no diacritics), with at most a
# manner adverb ("Thực hiện có hiệu quả Quyết định số 217…"), "theo"/"tại", or a task phrase ending
# in "nêu tại" ("thực hiện nhiệm vụ … nêu tại Nghị quyết số 12…") in between. A relation word
# further back belongs to another clause ("… thực hiện Chỉ thị và Quy định, ban hành Thông báo …").
_RELATION_VERBS: dict[str, RelationKind] = {
    "thay the": "replaces",  # thay thế = replaces
    "sua doi": "amends",  # sửa đổi, bổ sung = amends
    "bo sung": "amends",
    "can cu": "based_on",  # căn cứ = on the basis of
    "thuc hien": "implements",  # thực hiện = carrying out
    "trien khai": "implements",  # triển khai = deploying
    "cu the hoa": "implements",  # cụ thể hóa = making concrete
    "quan triet": "implements",  # quán triệt = thoroughly applying
}
_MANNER = r"co hieu qua|nghiem tuc|nghiem|tot|day du|thang loi|sau sac|sau rong|dong bo|quyet liet|kip thoi"
_GOVERNED = re.compile(
    r"(?:^|\s)(?P<verb>thay the|sua doi(?:,? bo sung)?|bo sung|can cu|thuc hien|trien khai|cu the hoa"
    r"|quan triet)"
    rf"(?:\s+(?:{_MANNER}))*"
    r"(?:\s+(?:\w+,?\s+){1,15}?(?:neu|de ra|xac dinh|quy dinh|ghi)\s+(?:tai|trong))?"
    r"(?:\s+(?:vao|theo|tai))?\s*$"
)
# Words right before the verb that make it a noun: "Việc thực hiện Quy định số 11…", "sơ kết hai
# năm thực hiện Nghị quyết…" report on the implementation and merely cite.
_GROUNDS_LIST = re.compile(r"(?:^|\s)can cu(?:\s+\w+){1,4}\s+va\s*$")
_NOMINAL = re.compile(
    r"(?:^|\s)(?:viec|ket qua|tinh hinh|qua trinh|so ket|tong ket|danh gia|kiem tra|giam sat|nam|thang)\s*$"
)
# "kế hoạch thực hiện Nghị quyết…", "Chương trình hành động của Ủy ban … thực hiện Nghị quyết…":
# another document implements (the kind heading of the text's own title, in capitals, is itself).
_OTHER_DOCUMENT = re.compile(rf"(?:{_KIND}|văn bản)\s*$", re.IGNORECASE)
_OWNER = re.compile(rf"\s+của\s+{_ISSUER}\s*$")
_PAST = re.compile(r"(?:^|\s)đã\s")  # "Ủy ban … đã kịp thời quán triệt …" reports what others did
_SELF = re.compile(r"(?:^|\s)này(?:\s|$)")  # "Kế hoạch này thay thế …", "Quy định này … thay thế …"
_STRENGTH = {"replaces": 5, "implements": 4, "based_on": 3, "amends": 2, "cites": 1}


def find_references(text: str, units: Sequence[Unit]) -> tuple[Reference, ...]:
    """Documents cited in the text, first occurrence first, one per cited document."""
    found: list[Reference] = []
    found += _numbered(text)
    found += _dated(text, found)
    for m in _LAW.finditer(text):
        if any(r.start <= m.start() < r.end for r in found):
            continue
        name = f"{_kind_name(m['kind'])} {' '.join(m['name'].split())}"
        title = f"{name} năm {m['year']}" if m["year"] else name
        found.append(_ref(text, m.start(), m.end(), _kind_name(m["kind"]), m["num"] or "", "", "", title))
    for m in _NAMED.finditer(text):
        found.append(_ref(text, m.start(), m.end(), "Nghị quyết", "", "", _issuer_at(text, m.end()), m[0]))
    titles = [(u.start, u.end) for u in units if u.kind == "title"]
    found += _speeches(text, titles)
    for m in _DESCRIBED.finditer(text):
        issuer = m["org"] or m["org2"] or ""
        found.append(_ref(text, m.start(), m.end(), "Công văn", "", "", issuer, ""))
    found.sort(key=lambda r: r.start)
    related: list[Reference] = []
    for ref in found:
        in_title = any(a <= ref.start < b for a, b in titles)
        related.append(replace(ref, relation=_relation(text, ref.start, related, in_title)))
    found = _inherit_relations(text, related)
    starts = [u.start for u in units]
    located = []
    for ref in found:
        i = bisect.bisect_right(starts, ref.start) - 1
        unit = units[i].ordinal if i >= 0 and units[i].start <= ref.start < units[i].end else None
        located.append(replace(ref, unit_ordinal=unit))
    return _dedupe(located)


def resolve_reference(ref: Reference, documents: Sequence[Document]) -> str | None:
    """Doc id of the cited document, or None when the library does not hold it.

    Number first; else kind + date; else kind + distinctive title words; a dispatch cited only by
    its issuer resolves to the one undated, unnumbered dispatch of that issuer. The caller leaves
    the citing document out of `documents`.
    """
    if ref.number:
        key = number_key(ref.number)
        hits = [d for d in documents if d.metadata.number and number_key(d.metadata.number) == key]
        hits = _numbered_first(ref, hits)
        return hits[0].id if hits else None
    typed = [d for d in documents if not ref.doc_type or d.metadata.doc_type == ref.doc_type]
    if ref.date:
        hits = [d for d in typed if d.metadata.date and d.metadata.date.startswith(ref.date)]
        if len(hits) == 1 or (hits and not ref.title):
            return hits[0].id if len(hits) == 1 else None
        typed = hits or typed
    if year := _law_year(ref.title):  # "Luật Tiếp công dân năm 2013": that year's law only
        typed = [d for d in typed if year in (d.metadata.date[:4], _number_year(d.metadata.number))]
    if ref.title:
        scored = [(_title_overlap(ref.title, d.metadata.title), d.id) for d in typed if d.metadata.title]
        scored = sorted((s for s in scored if s[0] >= 0.6), reverse=True)
        if scored and (len(scored) == 1 or scored[0][0] > scored[1][0]):
            return scored[0][1]
        return None
    if ref.issuer and not ref.date:
        hits = [
            d
            for d in typed
            if not d.metadata.number and not d.metadata.date and _same_issuer(ref.issuer, d.metadata.issuer)
        ]
        return hits[0].id if len(hits) == 1 else None
    return None


def resolve_references(
    refs: Sequence[tuple[str, Reference]], documents: Sequence[Document]
) -> list[str | None]:
    """`resolve_reference` of each (citing doc id, reference), the citing document left out: the same
    targets, with the documents looked up by number, date, title word pairs and issuer-only shape
    instead of scanned whole for every reference, and a citation repeated by many documents resolved
    once (a library of thousands of documents)."""
    by_number: dict[str, list[Document]] = {}
    by_date: dict[str, list[Document]] = {}  # ISO date and its year and year-month prefixes
    by_pair: dict[tuple[str, str], list[Document]] = {}
    unnamed: list[Document] = []  # neither number nor date: what an issuer alone may name
    for d in documents:
        md = d.metadata
        if md.number:
            by_number.setdefault(number_key(md.number), []).append(d)
        for prefix in dict.fromkeys((md.date[:4], md.date[:7], md.date[:10], md.date) if md.date else ()):
            by_date.setdefault(prefix, []).append(d)
        if not md.number and not md.date:
            unnamed.append(d)
        words = syllables(md.title)
        for pair in dict.fromkeys(zip(words, words[1:], strict=False)):
            by_pair.setdefault(pair, []).append(d)
    dated = [d for d in documents if d.metadata.date]
    order = {d.id: i for i, d in enumerate(documents)}
    pools: dict[tuple[str, ...], list[Document]] = {}
    members: dict[tuple[str, ...], set[str]] = {}  # ids of each pool
    alone: dict[tuple[str, ...], str | None] = {}  # target when the citing document is not in the pool
    targets: list[str | None] = []
    for src, ref in refs:
        key = (number_key(ref.number), ref.date, ref.doc_type, ref.title, ref.issuer)
        if key not in pools:
            if ref.number:
                pools[key] = _numbered_first(ref, by_number.get(key[0], []))
            else:
                pools[key] = _candidates(ref, by_date, by_pair, unnamed, dated, order)
            members[key] = {d.id for d in pools[key]}
        pool = pools[key]
        if ref.number:  # the first of the number's documents that is not the citing one
            targets.append(next((d.id for d in pool if d.id != src), None))
        elif src in members[key]:
            targets.append(resolve_reference(ref, [d for d in pool if d.id != src]))
        else:
            if key not in alone:
                alone[key] = resolve_reference(ref, pool)
            targets.append(alone[key])
    return targets


def _candidates(
    ref: Reference,
    by_date: dict[str, list[Document]],
    by_pair: dict[tuple[str, str], list[Document]],
    unnamed: list[Document],
    dated: list[Document],
    order: dict[str, int],
) -> list[Document]:
    """Every document each step of `resolve_reference` may pick for an unnumbered citation: those of
    its date, those sharing a title word pair (an overlap of 0.6 needs one), those an issuer alone
    names; in library order."""
    found: dict[str, Document] = {}
    if ref.date:
        exact = ref.date if len(ref.date) in (4, 7, 10) else ref.date[:4] if len(ref.date) > 4 else ""
        found.update((d.id, d) for d in (by_date.get(exact, []) if exact else dated))
    for pair in _cited_pairs(ref.title):
        found.update((d.id, d) for d in by_pair.get(pair, []))
    if ref.issuer and not ref.date:
        found.update((d.id, d) for d in unnamed)
    return sorted(found.values(), key=lambda d: order[d.id])


def _numbered(text: str) -> list[Reference]:
    refs: list[Reference] = []
    for m in _NUMBERED.finditer(text):
        if any(r.start <= m.start() < r.end for r in refs):
            continue
        group = [(m.start(), m["kind"], m["num"])]
        end = m.end()
        while more := _MORE_NUMBER.match(text, end):
            group.append(
                (
                    more.start("num") if not more["kind"] else more.start("kind"),
                    more["kind"] or m["kind"],
                    more["num"],
                )
            )
            end = more.end()
        date = ""
        if d := _AFTER_DATE.match(text, end):
            date, end = _iso(d), d.end()
        issuer = _issuer_at(text, end) or _issuer_before(text, m.start())
        if i := _AFTER_ISSUER.match(text, end):
            end = i.end()
        for start, kind, num in group:
            refs.append(_ref(text, start, end, _kind_name(kind), num.rstrip("."), date, issuer, ""))
    return refs


def _dated(text: str, numbered: list[Reference]) -> list[Reference]:
    refs = []
    for m in _DATED.finditer(text):
        if any(r.start <= m.start() < r.end for r in numbered):
            continue
        refs.append(
            _ref(text, m.start(), m.end(), _kind_name(m["kind"]), "", _iso(m), _issuer_at(text, m.end()), "")
        )
    return refs


def _speeches(text: str, titles: Sequence[tuple[int, int]]) -> list[Reference]:
    refs = []
    for m in _SPEECH.finditer(text):
        kind_words = re.split(r"\s+(?:của|CỦA)\s", m[0], maxsplit=1)[0]
        in_title = any(a <= m.start() < b for a, b in titles)
        line = text[text.rfind("\n", 0, m.start()) + 1 :]
        if in_title and (is_upper(kind_words) or SPEECH_NOTE.match(line)):
            # "PHÁT BIỂU CỦA ĐỒNG CHÍ X" heading the text's own title, or its note "(Bài phát biểu
            # chỉ đạo của đồng chí X, …)" under a headline: the speech itself.
            continue
        speaker = (m["speaker"] or m["speaker2"] or "").strip()
        lo, hi = _sentence_bounds(text, m.start())
        after = _SPEECH_DATE.search(text, m.end(), min(hi, m.end() + 250))
        # "Ngày 16/8/2021, tại Hội nghị …, đồng chí … đã có bài phát biểu": the date opens the clause.
        before = [d for d in _SPEECH_DATE.finditer(text, lo, m.start()) if not text[lo : d.start()].strip()]
        found = after or (before[0] if before else None)
        date = _iso(found) if found else ""
        end = found.end() if found and found is after else m.end()
        title = "" if date else text[m.start() : min(hi, m.end() + 150)].strip()
        refs.append(_ref(text, m.start(), end, "Bài phát biểu", "", date, speaker, title))
    return refs


def _ref(
    text: str, start: int, end: int, kind: str, number: str, date: str, issuer: str, title: str
) -> Reference:
    return Reference(
        relation="cites",
        doc_type=kind,
        number=number,
        date=date,
        issuer=" ".join(issuer.split()),
        title=" ".join(title.split()),
        text=" ".join(text[start:end].split()),  # as read: a hard-wrapped citation on one line
        start=start,
        end=end,
    )


def _relation(text: str, start: int, previous: Sequence[Reference], in_title: bool) -> RelationKind:
    """How the text relates to the citation at `start`: through the verb that governs it in its clause."""
    lo = _clause_start(text, start)
    before = text[lo:start]
    m = _GOVERNED.search(fold(before))  # folding keeps the length of NFC Vietnamese text
    if not m:
        # "Căn cứ Điều lệ Đảng và Luật …": one more ground named before it in the "Căn cứ" line.
        return "based_on" if _GROUNDS_LIST.search(fold(before)) else "cites"
    relation = _RELATION_VERBS[m["verb"].split(",")[0][:7] if m["verb"].startswith("sua") else m["verb"]]
    verb_at = lo + m.start("verb")
    head = " ".join(text[lo:verb_at].split())
    # "Kế hoạch số 35-KH/TU … thực hiện Nghị quyết số 12…": the cited plan implements the resolution,
    # so the text implements it too when it implements the plan.
    if previous and previous[-1].end <= verb_at and not text[previous[-1].end : verb_at].strip(" ,\n\t"):
        return "implements" if relation == "implements" and previous[-1].relation == "implements" else "cites"
    clause_tail = head.rsplit(",", 1)[-1]
    if _NOMINAL.search(fold(head)) or _PAST.search(clause_tail):
        return "cites"
    owner_less = _OWNER.sub("", head)
    other = _OTHER_DOCUMENT.search(owner_less)
    if other and not (in_title and is_upper(other[0])):
        return "cites"
    # Only the text itself replaces or amends ("Kế hoạch này thay thế …", a title "sửa đổi …");
    # "giao Ban … sửa đổi Quy định số 07" orders an amendment and cites.
    # "Quy định này có hiệu lực từ ngày ký; thay thế …": a clause opening with the verb has the
    # subject of its sentence.
    subject = head or text[_sentence_start(text, lo) : lo]
    if relation in ("replaces", "amends") and not (in_title or _SELF.search(subject)):
        return "cites"
    return relation


def _clause_start(text: str, pos: int) -> int:
    """Start of the clause that holds pos: after ". ", ";", ":", "!", "?" or a blank line."""
    found = (text.rfind(sep, 0, pos) for sep in (". ", ";", ":", "!", "?", "\n\n"))
    return max((i + 1 for i in found if i >= 0), default=0)


def _sentence_start(text: str, pos: int) -> int:
    """Start of the sentence that holds pos: after ". " or a line break before it."""
    return max(text.rfind(". ", 0, pos) + 2, text.rfind("\n", 0, pos) + 1, 0)


def _inherit_relations(text: str, refs: list[Reference]) -> list[Reference]:
    """A citation joined by "và" to the previous one in the same sentence shares its relation:
    "Thực hiện Nghị quyết Đại hội … và Kết luận số 43-KL/TW" implements both."""
    out: list[Reference] = []
    for ref in refs:
        if out and ref.relation == "cites":
            prev = out[-1]
            gap = text[prev.start : ref.start]
            lo, _ = _sentence_bounds(text, ref.start)
            if prev.start >= lo and re.search(r"\svà\s*$", gap) and not re.search(r"[.;:]\s", gap):
                ref = replace(ref, relation=prev.relation)
        out.append(ref)
    return out


def _dedupe(refs: list[Reference]) -> tuple[Reference, ...]:
    kept: dict[tuple[str, ...], Reference] = {}
    dated_speeches = [r for r in refs if r.doc_type == "Bài phát biểu" and r.date]
    for ref in refs:
        key = _key(ref)
        if ref.doc_type == "Bài phát biểu" and not ref.date:
            # An undated mention of a speech is the dated one by the same speaker.
            same = [r for r in dated_speeches if _same_speaker(r.issuer, ref.issuer)]
            key = _key(same[0]) if same else key
        if key not in kept:
            kept[key] = ref
            continue
        first = kept[key]
        strongest = max(first.relation, ref.relation, key=_STRENGTH.__getitem__)
        kept[key] = replace(
            first, relation=strongest, date=first.date or ref.date, issuer=first.issuer or ref.issuer
        )
    return tuple(sorted(kept.values(), key=lambda r: r.start))


def _key(ref: Reference) -> tuple[str, ...]:
    if ref.number:
        return ("number", number_key(ref.number))
    if ref.doc_type == "Bài phát biểu":
        return ("speech", ref.date or fold(ref.issuer))
    if ref.date:
        return ("date", ref.doc_type, ref.date)
    # "Đại hội đại biểu toàn quốc" and "Đại hội toàn quốc" name the same congress.
    title = re.sub(r"\bdai bieu\s+", "", fold(ref.title))
    return ("title", ref.doc_type, title, fold(ref.issuer))


def _same_speaker(a: str, b: str) -> bool:
    fa, fb = fold(a), fold(b)
    return bool(fa and fb) and (fa.startswith(fb) or fb.startswith(fa))


def _same_issuer(a: str, b: str) -> bool:
    fa, fb = " ".join(syllables(a)), " ".join(syllables(b))
    return bool(fa and fb) and (fa in fb or fb in fa)


def _title_overlap(ref_title: str, doc_title: str) -> float:
    """Share of the citation's syllable pairs found in the document title; a Roman numeral in the
    citation ("lần thứ XIII") must also be in the title."""
    doc_words, doc_pairs = _title_words(doc_title)
    romans = _romans(ref_title)
    if romans - doc_words:
        return 0.0
    pairs = _cited_pairs(ref_title)
    return len(pairs & doc_pairs) / len(pairs) if pairs else 0.0


# Titles are compared with every candidate document's: each title's words are read once.
@functools.lru_cache(maxsize=8192)
def _title_words(title: str) -> tuple[frozenset[str], frozenset[tuple[str, str]]]:
    """The syllables of a document title and its adjacent syllable pairs."""
    words = syllables(title)
    return frozenset(words), frozenset(zip(words, words[1:], strict=False))


@functools.lru_cache(maxsize=8192)
def _romans(title: str) -> frozenset[str]:
    return frozenset(w for w in syllables(title) if re.fullmatch(r"[ivxlc]{2,}", w))


def _numbered_first(ref: Reference, hits: list[Document]) -> list[Document]:
    """Documents of a cited number, those of the cited date and kind first (else library order)."""
    return sorted(hits, key=lambda d: (d.metadata.date != ref.date, d.metadata.doc_type != ref.doc_type))


@functools.lru_cache(maxsize=8192)
def _cited_pairs(ref_title: str) -> frozenset[tuple[str, str]]:
    """Adjacent syllables of a citation's title once the words of document kinds are left out."""
    name = _LAW_TITLE.sub("", ref_title)  # a law's name without its kind and year: "Tiếp công dân"
    if name != ref_title:
        ref_words = syllables(name)
    else:
        ref_words = [w for w in syllables(ref_title) if fold(w) not in _KIND_WORDS]
    return frozenset(zip(ref_words, ref_words[1:], strict=False))


_KIND_WORDS = frozenset(
    {"bai", "phat", "bieu", "nghi", "quyet", "ke", "hoach", "cong", "van", "cua", "dong", "chi"}
)


def _law_year(title: str) -> str:
    """The year of a law cited by name and year ("Luật Tiếp công dân năm 2013" → "2013"), else ""."""
    if not re.match(_LAW_KIND, title):
        return ""
    m = re.search(r"\s(?:năm\s+)?((?:19|20)\d{2})$", title)
    return m[1] if m else ""


def _number_year(number: str) -> str:
    """The year inside a State number ("52/2014/QH13" → "2014"), "" when it has none."""
    m = re.search(r"/((?:19|20)\d{2})/", number)
    return m[1] if m else ""


def _kind_name(kind: str) -> str:
    return KIND_BY_FOLDED.get(" ".join(fold(kind).split()), kind)


def _issuer_at(text: str, end: int) -> str:
    m = _AFTER_ISSUER.match(text, end)
    return m["issuer"] if m else ""


def _issuer_before(text: str, start: int) -> str:
    m = _BEFORE_ISSUER.search(text[max(0, start - 160) : start])
    return m["issuer"] if m else ""


def _iso(m: re.Match[str]) -> str:
    groups = m.groupdict()
    if groups.get("py"):
        return f"{int(groups['py']):04d}-{int(groups['pm']):02d}"
    d, mo, y = (
        (groups["d"], groups["m"], groups["y"])
        if groups.get("d")
        else (groups["d2"], groups["m2"], groups["y2"])
    )
    if not (1 <= int(d) <= 31 and 1 <= int(mo) <= 12):
        return ""
    return f"{int(y):04d}-{int(mo):02d}-{int(d):02d}"


def _sentence_bounds(text: str, pos: int) -> tuple[int, int]:
    """Start and end of the clause around pos (". ", ";", ":" or a line break end it)."""
    lo = max(text.rfind(sep, 0, pos) for sep in (". ", ";", ":", "\n"))
    his = [h for h in (text.find(sep, pos) for sep in (". ", ";", "\n")) if h >= 0]
    return lo + 1, min(his) if his else len(text)
