"""Vietnamese UI text and pure formatting helpers of the Streamlit app (no Streamlit, no I/O)."""

from __future__ import annotations

import csv
import html
import io
import re
from collections.abc import Iterable, Sequence

from chidao.model import Citation, Document, DocumentView, Hit, IngestResult, Reference, Signer, Unit

# Relation of a citing document to a cited one, as users say it.
RELATION_LABELS = {
    "implements": "triển khai",  # implements
    "based_on": "căn cứ",  # is based on
    "replaces": "thay thế",  # replaces
    "amends": "sửa đổi",  # amends
    "cites": "dẫn chiếu",  # cites
}
# Ingest outcome of one file.
STATUS_LABELS = {
    "added": "Đã thêm",  # added
    "unchanged": "Đã có, không đổi",  # already there, unchanged
    "replaced": "Đã cập nhật",  # replaced an older version
    "failed": "Không thêm được",  # failed
}
# Names of unlabelled units by kind.
KIND_LABELS = {
    "header": "phần đầu văn bản",  # header block
    "title": "tên văn bản",  # title
    "recipients": "Kính gửi",  # recipients
    "preamble": "phần mở đầu",  # opening paragraphs
    "signature": "chữ ký",  # signature block
    "cc": "Nơi nhận",  # copies to
    "table_row": "dòng bảng",  # table row
    "heading": "đề mục",  # heading
}
UNIT_WORD = "mục"  # item
PARAGRAPH_WORD = "đoạn"  # paragraph
MISSING = "chưa có trong thư viện"  # not in the library yet
SIGNED_BY = "người ký"  # signed by
ASK_SIGNER_THIS = "Ai ký công văn này?"  # who signed this dispatch?
NO_DEADLINE = "—"

# Column names of the unit to-do table and of the library table.
TASK_COLUMNS = ("Văn bản", "Số", "Ngày", "Mục", "Nhiệm vụ", "Thời hạn")
LIBRARY_COLUMNS = ("Loại", "Số", "Ngày", "Cơ quan ban hành", "Trích yếu", "Số mục", "Tệp")
INGEST_COLUMNS = ("Tệp", "Kết quả", "Số mục", "Ghi chú")

# English ingest failure message fragment → (what is wrong, what to do), in Vietnamese. IngestResult
# carries only the English message, so the family is recognised by the wording of chidao's errors.
_FAILURES = (
    (
        ("unsupported file type",),
        "định dạng tệp không được hỗ trợ (chỉ nhận PDF, DOCX, TXT, MD)",
        "Mở tệp bằng Word, lưu thành .docx (hoặc xuất ra PDF) rồi tải lên lại.",
    ),
    (
        ("too large",),
        "tệp quá lớn",
        "Tách tệp thành các phần nhỏ hơn giới hạn rồi tải lên lại.",
    ),
    (
        ("empty file", "no text in the file", "no text found", "pdf without pages"),
        "tệp không có nội dung chữ",
        "Kiểm tra đúng tệp chưa, hoặc xuất lại tệp kèm nội dung chữ.",
    ),
    (
        ("not utf-8",),
        "tệp văn bản không dùng bảng mã UTF-8",
        "Mở tệp bằng trình soạn thảo, lưu lại với bảng mã UTF-8 rồi tải lên lại.",
    ),
    (
        ("binary data",),
        "tệp không phải văn bản thuần (có dữ liệu nhị phân)",
        "Kiểm tra phần mở rộng của tệp: tệp Word phải là .docx, tệp PDF phải là .pdf.",
    ),
    (
        ("encrypted",),
        "tệp PDF có mật khẩu",
        "Gỡ mật khẩu (in lại ra PDF không mật khẩu) rồi tải lên lại.",
    ),
    (
        ("no text layer", "scanned", "ocr"),
        "tệp PDF là bản quét (ảnh), không có lớp chữ và chưa nhận dạng chữ (OCR) được",
        "Cài tesseract-ocr và tesseract-ocr-vie rồi tải lên lại, hoặc dùng bản PDF có chữ.",
    ),
    (
        ("damaged", "truncated", "corrupt", "not a docx", "not a zip", "bad zip"),
        "tệp bị hỏng hoặc không đúng định dạng",
        "Xuất lại tệp từ bản gốc rồi tải lên lại.",
    ),
)
_UNKNOWN_FAILURE = ("không đọc được tệp", "Kiểm tra tệp rồi thử lại; chi tiết kỹ thuật ở cột bên cạnh.")


# -- text of the app's pages
APP_TITLE = "Chỉ đạo — tra cứu văn bản chỉ đạo"  # chidao — directive document lookup
PAGE_ASK = "Hỏi đáp"  # questions and answers
PAGE_QUOTE = "Tìm nguồn trích dẫn"  # find the source of a quote
PAGE_DOCS = "Văn bản"  # documents
PAGE_UPLOAD = "Thêm văn bản"  # add documents
PAGES = (PAGE_ASK, PAGE_QUOTE, PAGE_DOCS, PAGE_UPLOAD)
NAV_LABEL = "Chức năng"  # function
TAB_ASK, TAB_MY_UNIT = "Đặt câu hỏi", "Đơn vị của tôi"  # ask a question, my unit
SEEDING = "Đang nạp thư viện mặc định lần đầu…"  # loading the default library for the first time
PROGRESS = "Đang xử lý {label} ({done}/{total})"  # processing …
LIBRARY_SIZE = "Thư viện: {docs} văn bản, {units} mục"  # library: n documents, n items
QUESTION_LABEL = "Câu hỏi"  # question
QUESTION_HELP = "Nhập câu hỏi rồi nhấn Enter, ví dụ: “Tỉnh đoàn phải làm gì?”"
EXAMPLES = "Câu hỏi gợi ý:"  # suggested questions
ASK_HINT = "Nhập câu hỏi hoặc bấm một câu hỏi gợi ý."  # type a question or click a suggestion
FILTERS = "Bộ lọc"  # filters
ALL = "Tất cả"  # all
FILTER_TYPE, FILTER_ISSUER, FILTER_YEAR, FILTER_DOC = "Loại văn bản", "Cơ quan ban hành", "Năm", "Văn bản"
ANSWER = "Trả lời"  # answer
SOURCES = "Căn cứ trả lời"  # what the answer rests on
NOT_FOUND_SUGGESTIONS = "Các đoạn gần nhất có thể liên quan:"  # closest passages
IN_CONTEXT = "Xem trong văn bản"  # see it in the document
OPEN_DOCUMENT = "Mở văn bản"  # open the document
DEADLINE = "Thời hạn"  # deadline
PICK_UNIT = "Chọn đơn vị"  # pick a unit
PICK_UNIT_HINT = "Chọn đơn vị để xem mọi nhiệm vụ được giao cho đơn vị trong các văn bản."
NO_TASKS = "Chưa thấy nhiệm vụ nào giao cho {org}."  # no task found for …
TASKS_FOUND = "{n} nhiệm vụ giao cho {org}"  # n tasks for …
DOWNLOAD_CSV = "Tải bảng nhiệm vụ (CSV, mở được bằng Excel)"  # download the task table
QUOTE_LABEL = "Dán câu trích dẫn hoặc ý diễn đạt lại"  # paste a quote or paraphrase
QUOTE_HINT = "Dán một câu trích để tìm văn bản gốc và cách trích dẫn."
QUOTE_NOTHING = "Không tìm thấy đoạn nào gần với câu này trong thư viện."
CITE_AS = "Trích dẫn (bấm biểu tượng sao chép ở góc):"  # cite as (copy button in the corner)
EMPTY_LIBRARY = "Thư viện chưa có văn bản nào. Hãy thêm văn bản ở trang “Thêm văn bản”."
SEARCH_DOCS = "Lọc danh sách (số, trích yếu, cơ quan…)"  # filter the list
OPEN_DOC_LABEL = "Mở văn bản để xem"  # open a document to view
RECIPIENTS, SIGNER, CC, CONTENT = "Kính gửi", "Người ký", "Nơi nhận", "Nội dung"
LINKS = "Văn bản liên quan"  # related documents
CITES = "Văn bản này {rel}:"  # this document {relation}
CITED_BY = "Các văn bản dẫn chiếu đến văn bản này:"  # documents citing this one
REPLACED_BY = "Văn bản này đã bị {src} thay thế."  # replaced by …
NO_LINKS = "Chưa thấy văn bản liên quan."  # no related documents found
ADD_THIS = "Thêm văn bản này"  # add this document
WANTED = "Văn bản cần thêm: {name}. Chọn tệp của văn bản này bên dưới."  # document to add
UPLOAD_LABEL = "Chọn tệp PDF, DOCX, TXT hoặc MD (có thể chọn nhiều tệp)"
UPLOAD_LIMIT = "Tối đa {mb} MB mỗi tệp. Tệp trùng tên sẽ thay bản cũ; tệp lỗi không làm mất gì."
ADD_BUTTON = "Thêm vào thư viện"  # add to the library
UPLOAD_DONE = "Đã xử lý {n} tệp: {ok} thêm/cập nhật, {same} không đổi, {bad} lỗi."
REMOVE = "Xóa văn bản khỏi thư viện"  # remove a document
REMOVE_PICK, REMOVE_CONFIRM = "Văn bản cần xóa", "Tôi chắc chắn muốn xóa văn bản này"
REMOVE_BUTTON, REMOVED = "Xóa", "Đã xóa {doc_id}."
META_FIELDS = ("Loại", "Số", "Ngày", "Nơi ban hành", "Cơ quan ban hành", "Tệp")


def format_date(iso: str) -> str:
    """ "2021-08-31" → "31/8/2021" (day < 10 and months 1–2 keep a zero, as qa's citations do)."""
    parts = iso.split("-")
    if len(parts) != 3 or not all(p.isdigit() for p in parts):
        return iso
    year, month, day = (int(p) for p in parts)
    return f"{day:02d}/{month:02d}/{year}" if month <= 2 else f"{day:02d}/{month}/{year}"


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
                    c.hit.document.label,
                    c.hit.document.metadata.number,
                    format_date(c.hit.document.metadata.date),
                    unit_label(c.hit.unit),
                    c.hit.unit.text,
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
                    d.metadata.date,
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


def csv_bytes(rows: Sequence[dict[str, str]], columns: Sequence[str]) -> bytes:
    """CSV in UTF-8 with a BOM, so that Excel opens Vietnamese text correctly."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(columns))
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8-sig")


def failure_text(result: IngestResult) -> str:
    """A failed file in plain Vietnamese: the file, what is wrong, what to do."""
    english = result.message.lower()
    problem, todo = next(
        ((problem, todo) for keys, problem, todo in _FAILURES if any(k in english for k in keys)),
        _UNKNOWN_FAILURE,
    )
    return f"{display_name(result)}: {problem}. {todo}"


def display_name(result: IngestResult) -> str:
    return result.path.replace("\\", "/").rsplit("/", 1)[-1]


def ingest_rows(results: Iterable[IngestResult]) -> list[dict[str, object]]:
    """Rows of the per-file upload result table."""
    rows = []
    for r in results:
        if r.status == "failed":
            note = failure_text(r)
        elif r.status == "unchanged" and r.doc_id != display_name(r):
            note = f"Nội dung trùng với {r.doc_id} đã có trong thư viện."
        else:
            note = ""
        rows.append(
            dict(zip(INGEST_COLUMNS, (display_name(r), STATUS_LABELS[r.status], r.units, note), strict=True))
        )
    return rows


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
    questions = [f"{org} phải làm gì?" for org in organisations[:2]]
    numbered = [d for d in documents if d.metadata.number]
    questions += [f"Ai ký {d.label[0].lower()}{d.label[1:]}?" for d in numbered]
    if len(documents) == 1 and not numbered:
        questions.append(ASK_SIGNER_THIS)
    return list(dict.fromkeys(questions))[:n]
