"""An answer as the app shows it: sentences with numbered citations [1] [2], a numbered source list."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from chidao.core.model import Answer, Citation
from chidao.ui_format import document_name, format_date, signer_text, task_text, unit_label
from chidao.ui_text import DEADLINE, SIGNED_BY


@dataclass(frozen=True, slots=True)
class AnswerLine:
    """One line of an answer: its text, the numbers of the sources it rests on, its deadline."""

    text: str
    numbers: tuple[int, ...] = ()
    deadline: str = ""
    bullet: bool = False


@dataclass(frozen=True, slots=True)
class Source:
    """One entry of the numbered source list under an answer."""

    number: int
    name: str  # "Kế hoạch số 09-KH/TU"
    facts: tuple[str, ...]  # date, issuer, item, signer — those known
    copy_text: str  # "[1] Kế hoạch số 09-KH/TU ngày 05/10/2021 của …, mục 2; người ký: …."
    deadline: str


def numbered_lines(answer: Answer) -> list[AnswerLine]:
    """The answer's lines with their inline citation strings replaced by source numbers.

    qa writes a cited line as "- sentence (citation; thời hạn: …)"; the citation becomes [n] and
    the deadline a badge. A task-table row shows its task, not only the unit cell qa highlighted.
    Lines that name no citation (the facts of a fact answer, the links of a related-documents
    answer) rest on the citations no other line claims.
    """
    lines: list[AnswerLine] = []
    uncited: list[int] = []
    used: set[int] = set()
    raw = [line.strip() for line in answer.text.splitlines() if line.strip()]
    for line in raw:
        bullet = line.startswith("- ")
        body = line[2:] if bullet else line
        number, start, end = _cited(body, answer.citations)
        if number:
            c = answer.citations[number - 1]
            text = (
                task_text(c.hit.unit) if bullet and c.hit.unit.kind == "table_row" else body[:start].rstrip()
            )
            text = (text + body[end:]).strip()
            lines.append(AnswerLine(text, (number,), c.deadline, bullet))
            used.add(number)
        else:
            if not body.endswith(":"):
                uncited.append(len(lines))
            lines.append(AnswerLine(body, (), "", bullet))
    rest = tuple(n for n in range(1, len(answer.citations) + 1) if n not in used)
    # A fact answer opens with the document it is about; its facts below are what the sources back.
    if len(uncited) > 1 and not lines[uncited[0]].bullet:
        uncited = uncited[1:]
    for i in uncited:
        lines[i] = AnswerLine(lines[i].text, rest, "", lines[i].bullet)
    if rest and not uncited and lines:
        last = lines[-1]
        lines[-1] = AnswerLine(last.text, last.numbers + rest, last.deadline, last.bullet)
    return lines


def _cited(body: str, citations: tuple[Citation, ...]) -> tuple[int, int, int]:
    """(number, start, end) of the longest "(citation…)" in a line, (0, 0, 0) when none."""
    best = (0, 0, 0, 0)
    for number, c in enumerate(citations, start=1):
        if not c.citation:
            continue
        start = body.rfind(f"({c.citation}")
        if start < 0:
            continue
        after = body[start + 1 + len(c.citation) :]
        if not after.startswith((")", ";")):
            continue  # a longer citation ("…, mục 1.a") shares this prefix
        close = body.find(")", start + 1 + len(c.citation))
        end = close + 1 if close >= 0 else len(body)
        if len(c.citation) > best[0]:
            best = (len(c.citation), number, start, end)
    return best[1], best[2], best[3]


def answer_html(lines: list[AnswerLine]) -> str:
    """HTML of the answer: paragraphs and bullet items, each followed by its [n] and deadline badge."""
    out: list[str] = []
    in_list = False
    for line in lines:
        refs = "".join(f'<a class="chidao-ref" href="#nguon-{n}">[{n}]</a>' for n in line.numbers)
        badge = (
            f' <span class="chidao-deadline">{html.escape(DEADLINE)}: {html.escape(line.deadline)}</span>'
            if line.deadline
            else ""
        )
        body = f"{html.escape(line.text)} {refs}{badge}".rstrip()
        if line.bullet and not in_list:
            out.append("<ul>")
        if not line.bullet and in_list:
            out.append("</ul>")
        in_list = line.bullet
        out.append(f"<li>{body}</li>" if line.bullet else f"<p>{body}</p>")
    if in_list:
        out.append("</ul>")
    return "".join(out)


_ADMIN_DATE = re.compile(r"\b(\d{1,2})/(\d{1,2})/(\d{4})\b")


def uniform_dates(text: str) -> str:
    """ "ngày 5/7/2022" → "ngày 05/07/2022": the app shows every date as dd/mm/yyyy."""
    return _ADMIN_DATE.sub(lambda m: f"{int(m[1]):02d}/{int(m[2]):02d}/{m[3]}", text)


def sources(citations: tuple[Citation, ...] | list[Citation]) -> list[Source]:
    """The numbered source list of an answer (or of a quote search): one entry per citation."""
    out = []
    for number, c in enumerate(citations, start=1):
        doc, unit = c.hit.document, c.hit.unit
        md = doc.metadata
        signer = signer_text(md.signer)
        facts = tuple(
            x
            for x in (
                f"ngày {format_date(md.date)}" if md.date else "",
                md.issuer,
                unit_label(unit),
                f"{SIGNED_BY}: {signer}" if signer else "",
            )
            if x
        )
        copy_text = f"[{number}] {citation_line(c)}"
        out.append(Source(number, document_name(doc), facts, copy_text, c.deadline))
    return out


def citation_line(c: Citation) -> str:
    """ "Kế hoạch số 09-KH/TU ngày 20/09/2021 của Tỉnh ủy Hải Lâm, mục 2; người ký: …." (no number)."""
    doc, unit = c.hit.document, c.hit.unit
    signer = signer_text(doc.metadata.signer)
    cite = uniform_dates(c.citation) or f"{document_name(doc)}, {unit_label(unit)}"
    return f"{cite}; {SIGNED_BY}: {signer}." if signer else f"{cite}."
