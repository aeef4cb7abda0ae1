"""The frame of a document around its body: header block, title, "Kính gửi", "Nơi nhận", signature."""

from __future__ import annotations

import re

from chidao.core.model import Metadata, Signer
from chidao.core.vncase import LOWER, UPPER, is_upper
from ingest import metadata as md
from ingest.lines import DASH, Line, classify, columns, ends_sentence, is_table_row

APPENDIX = re.compile(r"^PH[ỤU]\s*L[ỤU]C\b", re.IGNORECASE)  # "Phụ lục" = appendix
# The issuing body is the subject of the directive verb in the opening paragraph:
# "Ban Thường vụ Tỉnh ủy yêu cầu …" (used only for a text without a header block).
# The grounds of a decision or rule (Nghị định 30/2020/NĐ-CP, "căn cứ ban hành"): "Căn cứ …", "Xét
# đề nghị …", each line may open with a dash.
_GROUNDS = re.compile(r"^(?:[-–+]\s*)?(?:Căn\s+cứ|Xét)\b")
_DIRECTIVE_VERB = r"\s+(?:yêu cầu|đề nghị|chỉ đạo|quyết định|ban hành|thông báo|hướng dẫn)\b"


# --- front matter: header block, title, "Kính gửi" --------------------------------------------


def front_matter(lines: list[Line]) -> tuple[list[tuple[str, int, int]], int]:
    """(kind, first line, last line) of the header, title and recipients blocks; body start."""
    out: list[tuple[str, int, int]] = []
    i = next_nonblank(lines, 0)
    if i < len(lines) and md.law_title(lines[i].clean):
        out.append(("title", i, i))  # "Luật Du lịch (số 09/2017/QH14)": a law as databases export it
        return out, next_nonblank(lines, i + 1)
    if i < len(lines) and (cut := md.banner_end(lines[i].clean)) and not lines[i].clean[cut:].strip(" .-–"):
        out.append(("header", i, i))  # a newsletter's banner on its own line, over what it prints
        i = next_nonblank(lines, i + 1)
    if i < len(lines) and (note := _speech_note_end(lines, i)) is not None:
        out.append(("title", i, note))  # a headline over "(Bài phát biểu … của đồng chí X, …)"
        return out, next_nonblank(lines, note + 1)
    if i < len(lines) and _is_header(lines[i]):
        j = last = i
        while j < len(lines) and (not lines[j].text or _is_header(lines[j])):
            if lines[j].text:
                last = j
            elif j + 1 < len(lines) and lines[j + 1].text and not _is_header(lines[j + 1]):
                break
            j += 1
        out.append(("header", i, last))
        i = next_nonblank(lines, last + 1)
    while i < len(lines):
        line = lines[i]
        if md.URGENCY_MARK.match(line.clean):
            out.append(("header", i, i))  # "HỎA TỐC" stamped between the header and the title
            i = next_nonblank(lines, i + 1)
            continue
        if md.is_number_date_line(line.text) or md.labelled_fields(line.text):
            # "Số 52-TB/TU" / "Ngày 24 tháng 10 năm 2025" printed apart from the header block, e.g.
            # under the title: header fields wherever the front matter holds them. A portal's or
            # wiki's property list ("Cơ quan: …", "Số: … · Ngày: …", "Người ký: …") is one too.
            last = i
            while last + 1 < len(lines) and _is_field_line(lines[last + 1], md.labelled_fields(line.text)):
                last += 1
            out.append(("header", i, last))
            i = next_nonblank(lines, last + 1)
            continue
        if md.SUBJECT_PREFIX.match(line.clean) and (two := _subject_beside_recipients(lines, i)):
            out.append(("title", i, two[1]))
            i = next_nonblank(lines, two[1] + 1)
            continue
        if (
            md.kind_of_heading(line.clean)
            or md.SUBJECT_PREFIX.match(line.clean)
            or (line.markdown_level and md.running_title(line.clean))
        ):
            last = _title_end(lines, i)
        elif md.RECIPIENTS_MARK.match(line.clean):
            last = _recipients_end(lines, i)
        else:
            break
        kind = "recipients" if md.RECIPIENTS_MARK.match(line.clean) else "title"
        out.append((kind, i, last))
        i = next_nonblank(lines, last + 1)
    return out, i


def _is_field_line(line: Line, in_list: object) -> bool:
    """True for a line continuing a run of header fields: a number/date line, or, inside a property
    list, another labelled line."""
    return md.is_number_date_line(line.text) or bool(in_list and md.labelled_fields(line.text))


def _speech_note_end(lines: list[Line], i: int) -> int | None:
    """Last line of a speech's headline (1–3 lines, in capitals or in running case without a full stop)
    and the parenthesised note under it naming the kind and the speaker, wrapped until its ")"; None
    for any other opening. A PDF's reflow may join the headline, and a newsletter's banner above it,
    to the note on one line."""
    k = i
    while k < len(lines) and k - i < 3 and _is_headline(lines[k]):
        if md.speech_note_at(lines[k].clean) is not None:
            break  # the note, or a headline with the note joined to it
        k += 1
    if k >= len(lines) or not lines[k].text or (at := md.speech_note_at(lines[k].clean)) is None:
        return None
    if at == 0 and k == i:
        return None  # a note with no headline over it
    end = k
    while end < len(lines) and lines[end].text and ")" not in lines[end].clean and end - k < 4:
        end += 1
    return end if end < len(lines) and lines[end].text else None


def _is_headline(line: Line) -> bool:
    """A headline line: in capitals, or in running case and not ending a sentence."""
    clean = line.clean
    return bool(clean) and (is_upper(clean) or not clean.rstrip().endswith((".", ";", ":", "!", "?")))


def _is_header(line: Line) -> bool:
    parts = md.cells(line.text)
    if parts and all(md.RULE.fullmatch(p) for p in parts):
        return True  # "---      ---": the rules under the header's two columns
    if (
        not line.text
        or APPENDIX.match(line.clean)
        or classify(line)[0] not in ("heading", "paragraph", "table")
    ):
        return False
    return md.is_header_line(line.text)


def _subject_beside_recipients(lines: list[Line], i: int) -> tuple[int, int] | None:
    """(column, last line) of a "V/v" subject printed beside the "Kính gửi" list, two columns
    aligned with spaces (plain-text dispatches): left the subject, right the recipients."""
    col = None
    last = i
    j = i
    while j < len(lines) and lines[j].text and j - i < 12:
        cells = columns(lines[j])
        if col is None:
            col = next((c for k, (c, t) in enumerate(cells) if k and md.RECIPIENTS_MARK.match(t)), None)
        elif len(cells) == 1 and cells[0][0] < col - 2 < cells[0][0] + len(cells[0][1]):
            break  # one text across both columns: the body has begun
        last = j
        j += 1
    return (col, last) if col is not None else None


def _split_columns(lines: list[Line], a: int, b: int, col: int) -> tuple[list[str], list[str]]:
    """Left and right column texts of lines a..b, split at column `col`."""
    left: list[str] = []
    right: list[str] = []
    for k in range(a, b + 1):
        for c, cell in columns(lines[k]):
            (right if c >= col - 2 else left).append(cell)
    return left, right


def _title_end(lines: list[Line], i: int) -> int:
    """Last line of a title: the kind heading with its subject lines, a Markdown subtitle and the
    "-----" rule under it; or a "V/v" subject wrapped over a few lines."""
    is_vv = bool(md.SUBJECT_PREFIX.match(lines[i].clean))
    last = i
    j = i + 1
    while j < len(lines) and lines[j].text and j - i < 8:
        clean = lines[j].clean
        if md.RECIPIENTS_MARK.match(clean) or (is_vv and classify(lines[j])[0] != "paragraph"):
            return last
        last = j
        if _is_rule(clean):
            return last
        j += 1
    if is_vv:
        return last
    k = next_nonblank(lines, last + 1)
    while k < len(lines) and (_is_rule(lines[k].clean) or _is_subtitle(lines[k])):
        if _is_authority(lines, k):
            break
        last = k
        if _is_rule(lines[k].clean):
            break
        k = next_nonblank(lines, k + 1)
    return last


def _is_authority(lines: list[Line], k: int) -> bool:
    """True for the issuing authority in capitals set right above the grounds of a decision
    ("BAN THƯỜNG VỤ TỈNH ỦY" / "- Căn cứ Điều lệ Đảng;"): the body's first line, not a subtitle.
    A scan may lose the "-----" rule that parts it from the title."""
    return is_upper(lines[k].clean) and k + 1 < len(lines) and bool(_GROUNDS.match(lines[k + 1].clean))


def _is_rule(clean: str) -> bool:
    return bool(re.fullmatch(r"[-_*=]{3,}", clean))


def _is_subtitle(line: Line) -> bool:
    """A title line set apart by blank lines: the subject starting in lower case ("về …",
    "thực hiện …"), a line in capitals ("KẾT LUẬN CỦA THƯỜNG TRỰC TỈNH ỦY") or a Markdown
    subtitle ("## của đồng chí …"), none of them a structural marker."""
    if classify(line)[0] not in ("heading", "paragraph") or APPENDIX.match(line.clean):
        return False
    if md.BYLINE.match(line.clean) or md.OCCASION.fullmatch(line.clean):
        return True  # a speech's "Của đồng chí X, …" and its "(Xã Y, ngày …)" under the title
    return line.clean[:1].islower() or is_upper(line.clean) or line.markdown_level > 0


def _recipients_end(lines: list[Line], i: int) -> int:
    last = i
    j = i + 1
    if not md.RECIPIENTS_MARK.sub("", lines[i].clean):  # "Kính gửi:" alone, the list below
        j = next_nonblank(lines, j)
    while j < len(lines) and lines[j].text:
        kind = classify(lines[j])[0]
        if kind not in ("dash", "paragraph") or (
            kind == "paragraph" and ends_sentence(lines[last].clean) and not lines[last].clean.endswith(",")
        ):
            break
        last = j
        j += 1
    return last


# --- closing: "Nơi nhận" list and signature block ----------------------------------------------


def closing_blocks(lines: list[Line], lo: int) -> list[tuple[str, int, int]]:
    """(kind, first, last) of the "Nơi nhận" list and the signature block, in text order."""
    out: list[tuple[str, int, int]] = []
    cc = next((i for i in range(len(lines) - 1, lo - 1, -1) if md.CC_MARK.match(lines[i].clean)), None)
    if cc is not None:
        last = cc
        j = next_nonblank(lines, cc + 1)
        while j < len(lines) and not _is_signature_line(lines[j]):
            if not lines[j].text:
                # A page break may leave a blank line inside the list: go on if a dash follows.
                k = next_nonblank(lines, j)
                if k >= len(lines) or not DASH.match(lines[k].clean):
                    break
                j = k
            last = j
            j += 1
        out.append(("cc", cc, last))
    sig = _signature(lines, lo, cc)
    if sig:
        if out and sig[0] <= out[0][2] and sig[1] >= out[0][1]:
            # The two share lines (a table row, two columns side by side): one closing block.
            first = min(sig[0], out[0][1])
            return [("signature", first, max(sig[1], out[0][2]))]
        out.append(("signature", *sig))
    return sorted(out, key=lambda x: x[1])


def _is_signature_line(line: Line) -> bool:
    return any(md.ON_BEHALF.match(c) for c in md.cells(line.text))


def _signature(lines: list[Line], lo: int, cc: int | None) -> tuple[int, int] | None:
    """Lines of the signature block: on-behalf / role lines in capitals, then the signer's name."""
    starts = [i for i in range(lo, len(lines)) if _is_signature_line(lines[i])]
    if not starts:
        # No "T/M"-type line: a role in capitals right above a name, at the end or around "Nơi nhận".
        ends = [last_nonblank(lines, len(lines))] + ([last_nonblank(lines, cc)] if cc else [])
        for end in ends:
            if end is not None and end >= lo and md.is_name(lines[end].clean):
                role = last_nonblank(lines, end)
                if role is not None and role >= lo and is_upper(lines[role].clean):
                    starts = [role]
                    break
    if not starts:
        return None
    first = starts[-1]
    j, last, seen = first, first, 0
    while j < len(lines) and seen < 6:
        if lines[j].text:
            seen += 1
            last = j
            if md.is_name(lines[j].clean) or any(md.is_name(c) for c in md.cells(lines[j].text)):
                return first, j
        j += 1
    return first, last


def _closing_columns(lines: list[Line], a: int, b: int) -> tuple[list[str], list[list[str]]]:
    """("Nơi nhận" cells, the cells of each signer) of a closing block, told apart by column.

    Side by side, "Nơi nhận" and its list stand in one column and the signature in another, so a
    list entry in capitals ("- UBKTTU,") is not the signer's role and the name set apart on its own
    line is not a list entry. A joint document prints its signers side by side too: one column per
    name on the names' line. Flattened text keeps the columns as runs of spaces; a reader's table
    row as " | " cells."""
    rows = [_positioned(lines[k]) for k in range(a, b + 1) if lines[k].text]
    cells = [cell for row in rows for cell in row]
    cc_col = next((c for c, t in cells if md.CC_MARK.match(t)), None)
    cc: list[str] = []
    if cc_col is not None:
        sig_cols = [c for c, t in cells if c > cc_col and (md.ON_BEHALF.match(t) or md.is_name(t))]
        bound = (cc_col + min(sig_cols)) / 2 if sig_cols else float("inf")
        cc = [t for c, t in cells if c < bound]
        rows = [[(c, t) for c, t in row if c >= bound] for row in rows]
    names = max(([c for c, t in row if md.is_name(t)] for row in rows), key=len, default=[])
    bounds = [(x + y) / 2 for x, y in zip(names, names[1:], strict=False)]
    signers: list[list[str]] = [[] for _ in range(len(bounds) + 1)]
    for row in rows:
        for c, t in row:
            signers[sum(c >= x for x in bounds)].append(t)
    return cc, signers


def _positioned(line: Line) -> list[tuple[int, str]]:
    """(column, text) of the cells of a line; a " | " row's cells are numbered in hundreds."""
    if is_table_row(line):
        parts = [md.strip_markup(p) for p in line.text.strip().strip("|").split("|")]
        return [(100 * k, p) for k, p in enumerate(parts) if p]
    return [(c, t) for c, t in ((c, md.strip_markup(t)) for c, t in columns(line)) if t]


def next_nonblank(lines: list[Line], i: int) -> int:
    while i < len(lines) and not lines[i].text:
        i += 1
    return i


def last_nonblank(lines: list[Line], i: int) -> int | None:
    """Index of the last non-blank line before line i."""
    i -= 1
    while i >= 0 and not lines[i].text:
        i -= 1
    return i if i >= 0 else None


# --- metadata --------------------------------------------------------------------------------


def read_metadata(
    lines: list[Line], front: list[tuple[str, int, int]], closing: list[tuple[str, int, int]], text: str
) -> Metadata:
    def raw_lines(a: int, b: int) -> list[str]:
        return [lines[k].text for k in range(a, b + 1) if lines[k].text]

    number = date = place = issuer = doc_type = title = ""
    recipients: tuple[str, ...] = ()
    cc: tuple[str, ...] = ()
    signer = Signer()
    listed_signer: object = None  # the signer a property list names
    for kind, a, b in front:
        if kind == "header" and a == b and md.banner_end(lines[a].clean):
            continue  # a newsletter's banner: the publication and its issue, no directive's header
        if kind == "header":
            # Several header blocks (an urgency mark apart from the rest): a field once read stays.
            fields = md.header_fields(raw_lines(a, b))
            number, date, place, issuer = (
                old or new for old, new in zip((number, date, place, issuer), fields, strict=True)
            )
            listed = md.fields_metadata(raw_lines(a, b))  # "Cơ quan: …", "Người ký: …"
            number, date, issuer = (
                old or str(listed.get(key, ""))
                for old, key in zip((number, date, issuer), ("number", "date", "issuer"), strict=True)
            )
            doc_type = doc_type or str(listed.get("kind", ""))
            title = title or str(listed.get("title", ""))
            listed_signer = listed.get("signer", listed_signer)
        elif kind == "title" and not title and (law := md.law_title(lines[a].clean)):
            doc_type, law_number, title = law
            number = number or law_number
        elif kind == "title" and not title:
            doc_type = doc_type or md.kind_of_heading(lines[a].clean)
            subject = raw_lines(a, b)
            if cut := md.banner_end(subject[0]):
                # "BẢN TIN … - Số 24 (tháng 12/2025) <headline> (Bài phát biểu …)": the banner is the
                # publication, not part of the title.
                subject[0] = md.strip_markup(subject[0])[cut:].strip(" -–")
            if not doc_type and (running := md.running_title(lines[a].clean)):
                doc_type, subject[0] = running  # "# Báo cáo kết quả …": the kind, then the subject
            if not doc_type and any(md.speech_note_at(md.strip_markup(t)) is not None for t in subject):
                doc_type = "Bài phát biểu"  # a headline over "(Bài phát biểu … của đồng chí X)"
            if md.SUBJECT_PREFIX.match(lines[a].clean):
                doc_type = doc_type or "Công văn"  # only a dispatch carries a "V/v" subject line
                if two := _subject_beside_recipients(lines, a):
                    subject, right = _split_columns(lines, a, b, two[0])
                    recipients = md.list_entries(right, md.RECIPIENTS_MARK)
            title = md.title_text(subject)
        elif kind == "recipients":
            recipients = md.list_entries(raw_lines(a, b), md.RECIPIENTS_MARK)
    for kind, a, b in closing:
        block = raw_lines(a, b)
        if kind == "cc":
            cc = md.list_entries(block, md.CC_MARK)
        else:
            cc_cells, columns_ = _closing_columns(lines, a, b)
            signer = Signer.joint(tuple(md.signer_from(cells) for cells in columns_))
            if not cc and cc_cells:
                cc = md.list_entries(cc_cells, md.CC_MARK)
    if not signer.name and isinstance(listed_signer, Signer):
        signer = listed_signer
    if not doc_type:
        doc_type = md.kind_of_number(number)
    if not doc_type and recipients:
        doc_type = "Công văn"  # a letter with "Kính gửi" and no kind heading is a dispatch
    if doc_type == "Bài phát biểu" and not signer.name:
        signer = md.speaker_from_title(title)
    if doc_type == "Bài phát biểu" and not date:
        date = md.date_in_title(title)  # a speech is dated by its occasion: "…, ngày 16/12/2025"
    if doc_type == "Bài phát biểu" and not place:
        place = md.place_in_title(title)  # "… (Đặc khu Cồn Mây, ngày 27 tháng 9 năm 2025)"
    if not date:
        date, place = md.find_place_date([ln.text for ln in lines[-15:] if ln.text])
    if not issuer and (by_number := md.issuer_of_number(number)):
        issuer = by_number
    if not issuer and signer.on_behalf:
        issuer = _issuer_from_signature(signer.on_behalf, text)
    return Metadata(doc_type, number, date, place, issuer, title, recipients, signer, cc)


def _issuer_from_signature(on_behalf: str, text: str) -> str:
    """Issuer of a text without header: the body signed for ("T/M Ban Thường vụ"), completed by the
    name the text gives it as the subject of its directive verb ("Ban Thường vụ Tỉnh ủy yêu cầu")."""
    body = re.sub(r"^\S+\s+", "", on_behalf.split(",")[0]).strip()
    if not body:
        return ""
    pattern = re.escape(body) + rf"((?:\s+{UPPER}\w*(?:\s+{LOWER}+)?)*?)" + _DIRECTIVE_VERB
    m = re.search(pattern, text)
    if m:
        return body + m.group(1)
    return body
