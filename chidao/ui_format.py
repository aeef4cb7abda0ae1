"""Formatting helpers of the app: highlights, labels, table rows, citation text, link graph (pure)."""

from __future__ import annotations

import csv
import functools
import html
import io
import re
from collections.abc import Iterable, Mapping, Sequence
from urllib.parse import quote

from chidao.core import cite
from chidao.core.cite import signer_text
from chidao.core.model import JOINT, Citation, Document, DocumentView, Hit, Reference, Unit
from chidao.ui_text import (
    ASK_SIGNER_THIS,
    FILE_COLUMN,
    IN_FORCE,
    KIND_FALLBACK,
    KIND_LABELS,
    LIBRARY_COLUMNS,
    MISSING,
    NO_DEADLINE,
    PARAGRAPH_WORD,
    RELATION_LABELS,
    REPLACED,
    ROW_WORD,
    SIGNED_BY,
    TASK_COLUMNS,
    UNIT_WORD,
)

# One date format in the app (dd/mm/yyyy): lists and tables line dates up.
format_date = functools.partial(cite.format_date, padded=True)


def unit_label(unit: Unit) -> str:
    """ "mục 3", "mục II.3.b", "Điều 5", "Phụ lục, dòng 2", or the kind of an unlabelled unit."""
    if unit.kind == "table_row" and unit.label:
        head, _, row = unit.label.rpartition(".")
        return f"{head}, {ROW_WORD} {row}" if head else f"{ROW_WORD} {row}"
    if unit.label:
        return unit.label if unit.label[0].isalpha() and " " in unit.label else f"{UNIT_WORD} {unit.label}"
    return KIND_LABELS.get(unit.kind, PARAGRAPH_WORD)


def issuers(issuer: str) -> list[str]:
    """The issuing bodies of a document: one, or those of a joint document ("A; B" → [A, B])."""
    return [one for one in issuer.split(JOINT) if one]


def document_facts(document: Document) -> str:
    """ "ngày 31/8/2021 · Ban Thường vụ Tỉnh ủy", the date and issuer of a document when known."""
    md = document.metadata
    date = f"ngày {format_date(md.date)}" if md.date else ""
    return " · ".join(x for x in (date, md.issuer) if x)


def source_citation(hit: Hit) -> str:
    """A citation for a hit that came without one: document, date, issuer, item."""
    facts = document_facts(hit.document).replace(" · ", ", ")
    return f"{hit.document.label}{', ' + facts if facts else ''}, {unit_label(hit.unit)}"


def with_signer(citation: str, document: Document) -> str:
    """The citation followed by who signed the document, when known."""
    signer = signer_text(document.metadata.signer)
    return f"{citation}; {SIGNED_BY}: {signer}." if signer else f"{citation}."


def highlight_html(text: str, spans: Iterable[tuple[int, int]]) -> str:
    """HTML-escaped `text` with the [start, end) `spans` wrapped in <mark>, line breaks kept."""
    marks = [*_EMPHASIS.finditer(text), *_HEADING_MARKS.finditer(text)]
    drop = {i for m in marks for i in range(m.start(), m.end())}

    def plain(start: int, end: int) -> str:
        return html.escape("".join(text[i] for i in range(start, end) if i not in drop))

    out, pos = [], 0
    for start, end in sorted(spans):
        start, end = max(start, pos), min(end, len(text))
        if end <= start:
            continue
        out.append(plain(pos, start))
        out.append(f"<mark>{plain(start, end)}</mark>")
        pos = end
    out.append(plain(pos, len(text)))
    return "".join(out).replace("\n", "<br>")


# Markdown emphasis around words ("**T/M BAN THƯỜNG VỤ**", "“*Đảng lãnh đạo…*”" in the founding
# dispatch) is dropped on display; a lone "(*)" footnote mark stays.
_EMPHASIS = re.compile(r"(?<![\w(*])\*{1,2}(?=[\w“\"])|(?<=[\w.”\"])\*{1,2}(?![\w)*])")


def document_name(document: Document, lead: str = "") -> str:
    """ "Kế hoạch số 09-KH/TU"; a document without a number is named by its kind and subject (or
    `lead`, its first line of text), never by its file name unless nothing else is known."""
    md = document.metadata
    if md.number:
        return document.label
    subject = " ".join((md.title or lead).split())
    if len(subject) > _NAME_CHARS:
        subject = subject[: _NAME_CHARS - 1].rsplit(" ", 1)[0] + "…"
    kind = md.doc_type or KIND_FALLBACK
    if subject:
        return f"{kind} {subject}" if subject[:1].islower() else f"{kind}: {subject}"
    return f"{kind} ({document.id})"


_NAME_CHARS = 70  # a name fits one line of the document list at 1400 px


def item_text(unit: Unit) -> str:
    """A unit's text without its leading label ("2. ", "a) "), Markdown headings and emphasis, for
    tables; a task-table row as its task cell with its lead and co-ordinating units."""
    if unit.kind == "table_row":
        from qa.tasklist import task_text

        return task_text(unit)
    text = _HEADING_MARKS.sub("", _EMPHASIS.sub("", unit.text)).strip()
    return _LEADING_LABEL.sub("", text) if unit.label else text


_LEADING_LABEL = re.compile(r"^(?:[\wĐđ]{1,6}(?:\.[\wĐđ]{1,6})*[.)])\s+")
_HEADING_MARKS = re.compile(r"^\s{0,3}#{1,6}\s+", re.MULTILINE)


def task_text(unit: Unit) -> str:
    """What a task says: a task-table row as its task cell with its lead and co-ordinating units
    (columns found by their header names), any other item as its text."""
    return item_text(unit)


def unit_depths(units: Sequence[Unit]) -> dict[int, int]:
    """Nesting depth of every unit (ordinal → 0 for top level), from the parent links."""
    parent = {u.ordinal: u.parent for u in units}
    depths: dict[int, int] = {}
    for unit in units:
        depth, up, seen = 0, unit.parent, set()
        while up is not None and up in parent and up not in seen:
            seen.add(up)
            depth, up = depth + 1, parent[up]
        depths[unit.ordinal] = depth
    return depths


# Units shown as the document's metadata, not in its content tree.
_FRAME_KINDS = ("header", "title", "recipients", "signature", "cc")


def body_tree(units: Sequence[Unit]) -> list[tuple[Unit, list[tuple[Unit, int]]]]:
    """The content units as (top-level unit, [(sub-unit, depth), …]) in reading order."""
    depths = unit_depths(units)
    groups: list[tuple[Unit, list[tuple[Unit, int]]]] = []
    for unit in units:
        if unit.kind in _FRAME_KINDS:
            continue
        if depths[unit.ordinal] == 0 or not groups:
            groups.append((unit, []))
        else:
            groups[-1][1].append((unit, depths[unit.ordinal]))
    return groups


def filter_choices(documents: Sequence[Document]) -> dict[str, list]:
    """Values each search filter can take in this library: doc_type, issuer, year, doc."""
    md = [d.metadata for d in documents]
    return {
        "doc_type": sorted({m.doc_type for m in md if m.doc_type}),
        "issuer": sorted({one for m in md for one in issuers(m.issuer)}),
        "year": sorted({int(m.date[:4]) for m in md if m.date[:4].isdigit()}),
        "doc": [d.id for d in documents],
    }


def context_units(units: Sequence[Unit], ordinal: int, around: int = 1) -> list[Unit]:
    """The unit with `ordinal` and up to `around` units either side of it, in reading order."""
    index = next((i for i, u in enumerate(units) if u.ordinal == ordinal), None)
    if index is None:
        return []
    return list(units[max(0, index - around) : index + around + 1])


def task_rows(
    citations: Iterable[Citation], names: dict[str, str] | None = None, *, blank: str = NO_DEADLINE
) -> list[dict[str, str]]:
    """Rows of the unit to-do table, one per assigned task, deadline first (`blank` when none);
    `names` are the documents' display names by id."""
    return [
        dict(
            zip(
                TASK_COLUMNS,
                (
                    c.deadline or blank,
                    task_text(c.hit.unit),
                    (names or {}).get(c.hit.document.id) or document_name(c.hit.document),
                    unit_label(c.hit.unit),
                    format_date(c.hit.document.metadata.date),
                ),
                strict=True,
            )
        )
        for c in citations
    ]


def library_rows(
    documents: Iterable[Document], names: dict[str, str], replaced: dict[str, list[str]]
) -> list[dict[str, str]]:
    """Rows of the library table, one per document: `names` are display names by id, `replaced`
    the documents replacing each replaced one."""
    return [
        dict(
            zip(
                LIBRARY_COLUMNS,
                (
                    names.get(d.id, d.label),
                    format_date(d.metadata.date),
                    d.metadata.issuer,
                    REPLACED if replaced.get(d.id) else IN_FORCE,
                    d.metadata.title,
                    d.id,
                ),
                strict=True,
            )
        )
        for d in documents
    ]


def document_year(document: Document) -> int | None:
    """The year a document was issued, None when its date is unknown."""
    year = document.metadata.date[:4]
    return int(year) if year.isdigit() else None


def csv_bytes(rows: Sequence[dict[str, str]], columns: Sequence[str]) -> bytes:
    """CSV in UTF-8 with a BOM, so that Excel opens Vietnamese text correctly."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(columns))
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8-sig")


def reference_name(ref: Reference) -> str:
    """ "Công văn số 2862/MTTW-BTT ngày 31/8/2021" or the title/quoted text of a cited document."""
    if ref.number:
        name = f"{ref.doc_type or 'Văn bản'} số {ref.number}"
        return f"{name} ngày {format_date(ref.date)}" if ref.date else name
    return ref.title or ref.text


def _dot_quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def reference_dot(view: DocumentView, labels: dict[str, str]) -> str:
    """Graphviz DOT of a document's links: what it cites, what cites it; missing ones dashed.

    `labels` maps library doc ids to display names.
    """
    me = view.document.id
    lines = [
        "digraph G {",
        "rankdir=LR;",
        'node [shape=box, style="rounded,filled", fillcolor="#f5f5f5", fontname="sans-serif", fontsize=11];',
        'edge [fontname="sans-serif", fontsize=10];',
        f'{_dot_quote(me)} [label={_dot_quote(labels.get(me, me))}, fillcolor="#ffe9a8"];',
    ]
    for i, ref in enumerate(view.references):
        relation = _dot_quote(RELATION_LABELS.get(ref.relation, ref.relation))
        if ref.target:
            node = _dot_quote(ref.target)
            lines.append(f"{node} [label={_dot_quote(labels.get(ref.target, ref.target))}];")
        else:
            node = _dot_quote(f"missing-{i}")
            label = _dot_quote(f"{reference_name(ref)}\n({MISSING})")
            lines.append(f'{node} [label={label}, style="rounded,dashed", fillcolor=white];')
        style = ", style=dashed" if not ref.target else ""
        lines.append(f"{_dot_quote(me)} -> {node} [label={relation}{style}];")
    for src, ref in view.cited_by:
        relation = _dot_quote(RELATION_LABELS.get(ref.relation, ref.relation))
        lines.append(f"{_dot_quote(src)} [label={_dot_quote(labels.get(src, src))}];")
        lines.append(f"{_dot_quote(src)} -> {_dot_quote(me)} [label={relation}];")
    lines.append("}")
    return "\n".join(lines)


def example_questions(organisations: Sequence[str], documents: Sequence[Document], n: int = 4) -> list[str]:
    """Questions users can click to start: "<Đơn vị> phải làm gì?", "Ai ký <văn bản>?"."""
    # Units a document is addressed to ("Kính gửi") make the likeliest first questions.
    addressed = " ".join(r for d in documents for r in d.metadata.recipients).lower()
    ranked = sorted(organisations, key=lambda org: org.lower() not in addressed)
    questions = [f"{org} phải làm gì?" for org in ranked[:2]]
    numbered = [d for d in documents if d.metadata.number]
    questions += [f"Ai ký {d.label[0].lower()}{d.label[1:]}?" for d in numbered]
    if len(documents) == 1 and not numbered:
        questions.append(ASK_SIGNER_THIS)
    return list(dict.fromkeys(questions))[:n]


def table_html(rows: Sequence[Mapping[str, object]], columns: Sequence[str]) -> str:
    """A plain HTML table (class chidao-table) whose first column is emphasised; every cell carries
    its column name in data-label, so that CSS can stack the rows as cards on a narrow screen."""
    head = "".join(f"<th>{html.escape(c)}</th>" for c in columns)
    first = ' class="chidao-first"'
    body = "".join(
        "<tr>"
        + "".join(
            f'<td data-label="{html.escape(c)}"{first if i == 0 else ""}>'
            f"{html.escape(str(row.get(c, '')))}</td>"
            for i, c in enumerate(columns)
        )
        + "</tr>"
        for row in rows
    )
    return f'<table class="chidao-table"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


def document_cards_html(rows: Sequence[Mapping[str, str]]) -> str:
    """The library list for a phone: one card per document whose name links to ?doc=<file>."""
    cards = []
    for row in rows:
        link = f"?doc={quote(row[FILE_COLUMN])}"
        facts = " · ".join(
            html.escape(row[c])
            for c in (LIBRARY_COLUMNS[1], LIBRARY_COLUMNS[2], LIBRARY_COLUMNS[3])
            if row[c]
        )
        name, subject = row[LIBRARY_COLUMNS[0]], row[LIBRARY_COLUMNS[4]]
        subject = "" if subject[:30] in name else subject  # a document named by its subject
        cards.append(
            f'<div class="chidao-card"><a href="{html.escape(link)}" target="_self">'
            f"{html.escape(name)}</a><br><small>{facts}</small>"
            + (f"<br>{html.escape(subject)}" if subject else "")
            + "</div>"
        )
    return f'<div class="chidao-phone-only">{"".join(cards)}</div>'
