"""Formatting helpers of the app: highlights, labels, table rows, citation text, link graph (pure)."""

from __future__ import annotations

import csv
import html
import io
import re
from collections.abc import Iterable, Sequence
from datetime import date

from chidao.core.cite import format_date
from chidao.core.model import Citation, Document, DocumentView, Hit, Reference, Signer, Unit
from chidao.ui_text import (
    ASK_SIGNER_THIS,
    KIND_LABELS,
    LIBRARY_COLUMNS,
    MISSING,
    NO_DEADLINE,
    PARAGRAPH_WORD,
    RELATION_LABELS,
    SIGNED_BY,
    TASK_COLUMNS,
    UNIT_WORD,
)


def unit_label(unit: Unit) -> str:
    """ "mục 3", "mục II.3.b", "Điều 5", or the kind of an unlabelled unit ("phần mở đầu")."""
    if unit.label:
        return unit.label if unit.label[0].isalpha() and " " in unit.label else f"{UNIT_WORD} {unit.label}"
    return KIND_LABELS.get(unit.kind, PARAGRAPH_WORD)


def signer_text(signer: Signer) -> str:
    """ "Đặng Ngọc Huy (T/M Ban Thường vụ, Phó Bí thư)", "" when nobody signs."""
    role = ", ".join(x for x in (signer.on_behalf, signer.role) if x)
    if signer.name and role:
        return f"{signer.name} ({role})"
    return signer.name or role


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
    drop = {i for m in _EMPHASIS.finditer(text) for i in range(m.start(), m.end())}

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


def document_name(document: Document) -> str:
    """ "Kế hoạch số 09-KH/TU"; a document without a number also shows its file name."""
    return document.label if document.metadata.number else f"{document.label} ({document.id})"


def item_text(unit: Unit) -> str:
    """A unit's text without its leading label ("2. ", "a) ") and Markdown emphasis, for tables; a
    task-table row as its task cell with its lead and co-ordinating units."""
    if unit.kind == "table_row":
        from qa.tasklist import task_text

        return task_text(unit)
    text = _EMPHASIS.sub("", unit.text).strip()
    return _LEADING_LABEL.sub("", text) if unit.label else text


_LEADING_LABEL = re.compile(r"^(?:[\wĐđ]{1,6}(?:\.[\wĐđ]{1,6})*[.)])\s+")


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
        "issuer": sorted({m.issuer for m in md if m.issuer}),
        "year": sorted({int(m.date[:4]) for m in md if m.date[:4].isdigit()}),
        "doc": [d.id for d in documents],
    }


def context_units(units: Sequence[Unit], ordinal: int, around: int = 1) -> list[Unit]:
    """The unit with `ordinal` and up to `around` units either side of it, in reading order."""
    index = next((i for i, u in enumerate(units) if u.ordinal == ordinal), None)
    if index is None:
        return []
    return list(units[max(0, index - around) : index + around + 1])


def task_rows(citations: Iterable[Citation]) -> list[dict[str, str]]:
    """Rows of the unit to-do table, one per assigned task."""
    return [
        dict(
            zip(
                TASK_COLUMNS,
                (
                    document_name(c.hit.document),
                    c.hit.document.metadata.number,
                    format_date(c.hit.document.metadata.date),
                    unit_label(c.hit.unit),
                    item_text(c.hit.unit),
                    c.deadline or NO_DEADLINE,
                ),
                strict=True,
            )
        )
        for c in citations
    ]


def library_rows(documents: Iterable[Document]) -> list[dict[str, object]]:
    """Rows of the library table, one per document."""
    return [
        dict(
            zip(
                LIBRARY_COLUMNS,
                (
                    d.metadata.doc_type,
                    d.metadata.number,
                    _as_date(d.metadata.date),
                    d.metadata.issuer,
                    d.metadata.title,
                    d.unit_count,
                    d.id,
                ),
                strict=True,
            )
        )
        for d in documents
    ]


def _as_date(iso: str) -> date | None:
    try:
        return date.fromisoformat(iso)
    except ValueError:
        return None


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
