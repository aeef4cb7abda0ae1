"""Vietnamese text of the app: page strings, labels, and ingest results told in plain Vietnamese."""

from __future__ import annotations

from collections.abc import Iterable

from chidao.core.model import IngestResult

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
KIND_FALLBACK = "Văn bản"  # document (kind unknown)
PARAGRAPH_WORD = "đoạn"  # paragraph
ROW_WORD = "dòng"  # (table) row
MISSING = "chưa có trong thư viện"  # not in the library yet
SIGNED_BY = "người ký"  # signed by
ASK_SIGNER_THIS = "Ai ký công văn này?"  # who signed this dispatch?
NO_DEADLINE = "không nêu"  # not stated (the CSV leaves the cell empty)

# Column names of the unit to-do table and of the library table.
# The deadline comes first, so that it stays visible on a phone and in a narrow window.
TASK_COLUMNS = ("Thời hạn", "Nhiệm vụ", "Văn bản", "Mục", "Ngày ban hành")
LIBRARY_COLUMNS = ("Văn bản", "Ngày", "Cơ quan ban hành", "Hiệu lực", "Trích yếu", "Tệp")
DATE_COLUMN, FILE_COLUMN = LIBRARY_COLUMNS[1], LIBRARY_COLUMNS[5]
IN_FORCE, REPLACED = "Còn hiệu lực", "Bị thay thế"  # in force, replaced
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
        ("empty file", "pdf without pages"),
        "tệp rỗng",  # empty file
        "Kiểm tra đúng tệp chưa (tệp có 0 byte hoặc không có trang nào) rồi tải lên lại.",
    ),
    (
        ("no text in the file", "no text found"),
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
PAGE_MY_UNIT = "Đơn vị của tôi"  # my unit
PAGE_DEADLINES = "Hạn"  # deadlines
# Groups of the deadlines view: overdue, this week, this month, later, no fixed date.
DEADLINE_GROUPS = ("Quá hạn", "Trong tuần này", "Trong tháng này", "Sau đó", "Không có ngày cụ thể")
ALL_UNITS = "Tất cả đơn vị"  # all units
DEADLINES_HINT = "Hạn của các nhiệm vụ có thời hạn, tính đến hôm nay ({today})."  # as of today
DOWNLOAD_ICS = "Tải lịch (.ics, nhập vào Outlook/Google Calendar)"  # download the calendar
DUE_COLUMNS = ("Hạn", "Thời hạn ghi trong văn bản", "Nhiệm vụ", "Đơn vị", "Văn bản", "Mục")
REPEATS = "lặp lại"  # recurring
GROUP_COLUMN = "Nhóm"  # group
SEEDING = "Đang nạp thư viện mặc định lần đầu…"  # loading the default library for the first time
PROGRESS = "Đang xử lý {label} ({done}/{total})"  # processing …
LIBRARY_SIZE = "Thư viện: {docs} văn bản, {units} mục"  # library: n documents, n items
QUESTION_LABEL = "Câu hỏi"  # question
QUESTION_HELP = "Nhập câu hỏi rồi nhấn Enter, ví dụ: “Tỉnh đoàn phải làm gì?”"
EXAMPLES = "Câu hỏi gợi ý:"  # suggested questions
ASK_HINT = "Nhập câu hỏi hoặc bấm một câu hỏi gợi ý."  # type a question or click a suggestion
FILTERS = "Bộ lọc"  # filters
ALL = "Tất cả"  # all
# Filters: document type, issuer, year, document (in the order of ui_format.filter_choices).
FILTER_LABELS = ("Loại văn bản", "Cơ quan ban hành", "Năm", "Văn bản")
ANSWER = "Trả lời"  # answer
THINKING = "Đang tìm câu trả lời…"  # looking for the answer
SOURCES = "Căn cứ trả lời"  # what the answer rests on
COPY = "Sao chép trích dẫn"  # copy the citation
COPIED = "Đã sao chép"  # copied
ISSUED_BY, ON_DATE, ITEM_WORD = "của", "ngày", "Mục"  # of (issuer), dated, item
NOT_FOUND_SUGGESTIONS = "Các đoạn gần nhất có thể liên quan:"  # closest passages
IN_CONTEXT = "Xem trong văn bản"  # see it in the document
OPEN_DOCUMENT = "Mở văn bản"  # open the document
OPEN_AT_ITEM = "Mở văn bản tại mục này"  # open the document at this item
DEADLINE = "Thời hạn"  # deadline
PICK_UNIT = "Chọn đơn vị"  # pick a unit
PICK_UNIT_HINT = "Chọn đơn vị để xem mọi nhiệm vụ được giao cho đơn vị trong các văn bản."
NO_TASKS = "Chưa thấy nhiệm vụ nào giao cho {org}."  # no task found for …
TASKS_FOUND = "{n} nhiệm vụ giao cho {org}"  # n tasks for …
DOWNLOAD_CSV = "Tải bảng nhiệm vụ (CSV, mở được bằng Excel)"  # download the task table
QUOTE_LABEL = "Dán câu trích dẫn hoặc ý diễn đạt lại"  # paste a quote or paraphrase
QUOTE_HINT = "Dán một câu trích để tìm văn bản gốc và cách trích dẫn."
QUOTE_NOTHING = "Không tìm thấy đoạn nào gần với câu này trong thư viện."
QUOTE_CLOSEST = "Các đoạn gần nhất (không chắc chắn):"  # closest passages, not sure
CITE_AS = "Trích dẫn (bấm biểu tượng sao chép ở góc):"  # cite as (copy button in the corner)
EMPTY_LIBRARY = "Thư viện chưa có văn bản nào. Hãy thêm văn bản ở trang “Thêm văn bản”."
SEARCH_DOCS = "Tìm trong số hiệu, trích yếu"  # search number and subject
STATUS_FILTER = "Hiệu lực"  # status (in force / replaced)
DOCS_SHOWN = "{n}/{total} văn bản"  # n of total documents
REPLACED_BANNER = "Đã bị thay thế bởi {src}"  # replaced by …
OPEN_REPLACING = "Mở văn bản thay thế"  # open the replacing document
UNIT_NOT_FOUND = "Không thấy mục được dẫn (số {unit}) trong văn bản này; hiển thị toàn văn."
OPEN_DOC_LABEL = "Mở văn bản để xem (hoặc bấm một dòng của bảng)"  # open a document (or click a row)
PICK_DOC = "Chọn văn bản…"  # pick a document
RECIPIENTS, SIGNER, CC, CONTENT = "Kính gửi", "Người ký", "Nơi nhận", "Nội dung"
LINKS = "Văn bản liên quan"  # related documents
CITES = "Văn bản này {rel}:"  # this document {relation}
CITED_BY = "Các văn bản dẫn chiếu đến văn bản này:"  # documents citing this one
REPLACED_BY = "Văn bản này đã bị {src} thay thế."  # replaced by …
NO_LINKS = "Chưa thấy văn bản liên quan."  # no related documents found
LINK_GRAPH = "Sơ đồ liên kết"  # link diagram
ADD_THIS = "Thêm văn bản này"  # add this document
WANTED = "Văn bản cần thêm: {name}. Chọn tệp của văn bản này bên dưới."  # document to add
UPLOAD_LABEL = "Chọn tệp PDF, DOCX, TXT hoặc MD (có thể chọn nhiều tệp)"
UPLOAD_LIMIT = "Tối đa {mb} MB mỗi tệp. Tệp trùng tên sẽ thay bản cũ; tệp lỗi không làm mất gì."
# The file uploader's own English texts are replaced by these through CSS (Streamlit has no setting).
UPLOAD_DROP = "Kéo thả tệp vào đây"  # drag and drop files here
UPLOAD_BROWSE = "Chọn tệp"  # browse files
UPLOAD_TYPES = "PDF, DOCX, TXT, MD — tối đa {mb} MB mỗi tệp"  # accepted types, size limit per file
EMPTY_FILE = "tệp rỗng"  # empty file
PAGE_PROGRESS = "{label}: {stage} trang {done}/{total}"  # file: reading / OCR of page n of m
PAGE_STAGES = {"text": "đang đọc", "ocr": "đang nhận dạng chữ (OCR)"}  # reading, recognising text
ADD_BUTTON = "Thêm vào thư viện"  # add to the library
UPLOAD_DONE = "Đã xử lý {n} tệp: {ok} thêm/cập nhật, {same} không đổi, {bad} lỗi."
REMOVE = "Xóa văn bản khỏi thư viện"  # remove a document
REMOVE_PICK, REMOVE_CONFIRM = "Văn bản cần xóa", "Tôi chắc chắn muốn xóa văn bản này"
REMOVE_BUTTON, REMOVED = "Xóa", "Đã xóa {doc_id}."
META_FIELDS = ("Loại", "Số", "Ngày", "Nơi ban hành", "Cơ quan ban hành", "Tệp")


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
