"""Data classes shared by ingest, index, qa and the public Library (imports only the base package)."""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Literal

from chidao.core.errors import ChidaoError
from chidao.core.text import fold
from chidao.core.vocab import same_kind

# What a unit of a document is. "header" is the national motto / issuer / number / date block,
# "title" the document kind + subject lines, "recipients" the "Kính gửi" block, "preamble" the
# opening paragraphs before the first numbered item, "signature" the signature block, "cc" the
# "Nơi nhận" list, "table_row" one row of a table (e.g. a "Phân công nhiệm vụ" appendix).
UnitKind = Literal[
    "header",
    "title",
    "recipients",
    "preamble",
    "part",
    "chapter",
    "section",
    "article",
    "clause",
    "item",
    "subitem",
    "dash",
    "paragraph",
    "heading",
    "table_row",
    "signature",
    "cc",
]

# How a citing document relates to a cited one.
RelationKind = Literal["implements", "based_on", "replaces", "amends", "cites"]

IngestStatus = Literal["added", "unchanged", "replaced", "failed"]
AnswerStatus = Literal["found", "not_found"]


@dataclass(frozen=True, slots=True)
class RawText:
    """Text of one file as a reader extracted and cleaned it, before structure parsing.

    `page_starts[i]` is the character offset in `text` where page i+1 begins (page_starts[0] == 0).
    """

    text: str
    page_starts: tuple[int, ...] = (0,)
    format: str = "txt"  # txt | md | pdf | docx
    ocr: bool = False
    warnings: tuple[str, ...] = ()


# A joint document (a quy chế phối hợp of two bodies, signed side by side) holds its issuers and the
# fields of its signers in one string each, in the order printed, parted by this separator: issuer
# "Ban Thường trực Ủy ban MTTQ Việt Nam tỉnh X; Sở Nông nghiệp và Môi trường".
JOINT = "; "


@dataclass(frozen=True, slots=True)
class Signer:
    """The person who signs (or delivers, for a speech) a document.

    Signers of a joint document share one Signer whose fields are aligned JOINT-lists (an empty
    slot where one of them has no such field); `each()` gives them apart."""

    name: str = ""
    role: str = ""  # e.g. "Phó Bí thư"
    on_behalf: str = ""  # e.g. "T/M Ban Thường vụ", "K/T Trưởng ban", "T/L Ban Thường vụ"

    @classmethod
    def joint(cls, signers: tuple[Signer, ...]) -> Signer:
        """One Signer holding several signers printed side by side (just the one when alone)."""
        if len(signers) == 1:
            return signers[0]

        def field_of(values: list[str]) -> str:
            return JOINT.join(values) if any(values) else ""

        return cls(
            name=field_of([s.name for s in signers]),
            role=field_of([s.role for s in signers]),
            on_behalf=field_of([s.on_behalf for s in signers]),
        )

    def each(self) -> tuple[Signer, ...]:
        """The signers held: one, or those of a joint document in the order printed."""
        names = self.name.split(JOINT)
        if len(names) < 2:
            return (self,)

        def slot(value: str, i: int) -> str:
            parts = value.split(JOINT) if value else []
            return parts[i].strip() if i < len(parts) else ""

        return tuple(
            Signer(name.strip(), slot(self.role, i), slot(self.on_behalf, i)) for i, name in enumerate(names)
        )


@dataclass(frozen=True, slots=True)
class Metadata:
    """What the parser reads off a document's header, title and signature block.

    A field that the text does not state stays empty; `date` is ISO (YYYY-MM-DD) when known.
    """

    doc_type: str = ""  # Vietnamese display name: "Công văn", "Nghị quyết", "Bài phát biểu"…
    number: str = ""  # e.g. "12-NQ/TU"; "" when the text has none
    date: str = ""  # ISO date
    place: str = ""  # e.g. "Hải Lâm"
    issuer: str = ""  # e.g. "Tỉnh ủy Hải Lâm", "Ban Thường vụ Tỉnh ủy"
    title: str = ""  # subject line(s): "V/v …" or the title after the document kind
    recipients: tuple[str, ...] = ()  # "Kính gửi" entries
    signer: Signer = field(default_factory=Signer)
    cc: tuple[str, ...] = ()  # "Nơi nhận" lines


@dataclass(frozen=True, slots=True)
class Unit:
    """One addressable piece of a document: an item, a clause, a paragraph, a table row…

    `label` is the label path ("II.3.b", "Điều 5.2", "3"), "" for unlabelled paragraphs;
    `heading` the chain of enclosing headings (" > " joined); `start`/`end` character offsets
    into the document text; `parent` the ordinal of the enclosing unit or None.
    """

    doc_id: str
    ordinal: int
    kind: UnitKind
    label: str
    heading: str
    text: str
    start: int
    end: int
    pages: tuple[int, ...] = (1,)
    parent: int | None = None


@dataclass(frozen=True, slots=True)
class Reference:
    """A document cited by another, resolved to a library document when it is there."""

    relation: RelationKind
    doc_type: str  # "Công văn", "Nghị quyết"…, "" when unknown
    number: str  # "2862/MTTW-BTT", "" when cited by title/date only
    date: str  # ISO date or ""
    issuer: str
    title: str  # e.g. "Nghị quyết Đại hội đại biểu toàn quốc lần thứ XIII của Đảng"
    text: str  # the citation as written in the citing document
    unit_ordinal: int | None = None  # unit of the citing document where it occurs
    start: int = 0
    end: int = 0
    target: str | None = None  # doc_id in the library, None when missing


@dataclass(frozen=True, slots=True)
class ParsedDocument:
    """Parser output: metadata, unit tree (in reading order) and references of one text."""

    text: str
    metadata: Metadata
    units: tuple[Unit, ...]
    references: tuple[Reference, ...]


@dataclass(frozen=True, slots=True)
class Document:
    """A document of the library: its identity, source and metadata."""

    id: str  # the file name, e.g. "nghi-quyet-12-nq-tu-2022.pdf"
    sha256: str
    format: str
    metadata: Metadata
    pages: int = 1
    ocr: bool = False
    unit_count: int = 0
    added_at: str = ""

    @property
    def label(self) -> str:
        """Short human name: "Nghị quyết số 12-NQ/TU" or the file name when there is no number."""
        md = self.metadata
        if md.number:
            return f"{md.doc_type or 'Văn bản'} số {md.number}".strip()
        return md.doc_type or self.id


@dataclass(frozen=True, slots=True)
class DocumentView:
    """A document with its units and its links, for `Library.document()`."""

    document: Document
    text: str
    units: tuple[Unit, ...]
    references: tuple[Reference, ...]  # what it cites (resolved or missing)
    cited_by: tuple[tuple[str, Reference], ...]  # (citing doc_id, reference) pairs


@dataclass(frozen=True, slots=True)
class Hit:
    """One retrieved unit with its document's citation fields and the scores it got."""

    unit: Unit
    document: Document
    score: float
    dense: float | None = None
    lexical: float | None = None
    rank_dense: int | None = None
    rank_lexical: int | None = None


@dataclass(frozen=True, slots=True)
class Citation:
    """A cited unit inside an answer: `highlights` are [start, end) spans into `unit.text`."""

    hit: Hit
    highlights: tuple[tuple[int, int], ...] = ()
    citation: str = ""  # ready-to-copy citation string
    deadline: str = ""  # deadline stated in the unit, if any


@dataclass(frozen=True, slots=True)
class Answer:
    """The answer to a question: text, intent, status and the citations supporting it."""

    question: str
    intent: str
    status: AnswerStatus
    text: str
    confidence: float
    citations: tuple[Citation, ...] = ()
    suggestions: tuple[Hit, ...] = ()
    signals: tuple[tuple[str, float], ...] = ()  # what the confidence was computed from (qa/confidence.py)

    @property
    def found(self) -> bool:
        return self.status == "found"


@dataclass(frozen=True, slots=True)
class IngestResult:
    """What happened to one file of an ingest batch."""

    path: str
    status: IngestStatus
    doc_id: str = ""
    units: int = 0
    message: str = ""  # the error message (failed) or a note (e.g. "text came from OCR")
    hint: str = ""


@dataclass(frozen=True, slots=True)
class IngestReport:
    """One IngestResult per file of a batch, in input order."""

    results: tuple[IngestResult, ...]

    @property
    def failed(self) -> tuple[IngestResult, ...]:
        return tuple(r for r in self.results if r.status == "failed")

    @property
    def ok(self) -> bool:
        return not self.failed


@dataclass(frozen=True, slots=True)
class Filters:
    """Which documents a search, an answer or a task list may use; an empty Filters allows all.

    `doc_type` accepts the display name or a slug ("Chỉ thị", "chi-thi"); `issuer` is a folded
    substring of the issuer ("tinh uy"); `year` the year of the document's date.
    """

    doc: str | None = None
    doc_type: str | None = None
    issuer: str | None = None
    year: int | None = None

    @classmethod
    def of(cls, filters: Filters | None = None, **named: object) -> Filters:
        """Filters from an object and/or keyword arguments; an unknown name is an error, not ignored."""
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(named) - known)
        if unknown:
            raise ChidaoError(
                f"unknown filter {', '.join(map(repr, unknown))}",
                hint=f"Filters are: {', '.join(sorted(known))}.",
            )
        given = {k: v for k, v in named.items() if v not in (None, "")}
        if "year" in given:
            try:
                given["year"] = int(str(given["year"]))
            except ValueError:
                raise ChidaoError(
                    f"year {given['year']!r} is not a year", hint="Give a year like 2022."
                ) from None
        base = filters or cls()
        return cls(**{f.name: given.get(f.name, getattr(base, f.name)) for f in fields(cls)})  # type: ignore[arg-type]

    def __bool__(self) -> bool:
        return any(getattr(self, f.name) not in (None, "") for f in fields(self))

    def allows(self, document: Document) -> bool:
        """True when the document passes every filter that is set."""
        md = document.metadata
        if self.doc and document.id != self.doc:
            return False
        if self.doc_type and not same_kind(md.doc_type, self.doc_type):
            return False
        if self.issuer and fold(self.issuer) not in fold(md.issuer):
            return False
        return not (self.year and md.date[:4] != str(self.year))
