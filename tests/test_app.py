"""The Streamlit app through AppTest on a tiny real store: every page, real library, no mocks.

tests/data/ke-hoach-09-kh-tu-2021.txt and huong-dan-15-hd-btgtu-2021.txt are invented test documents
(fictional province "Hải Lâm"): a plan that cites the missing Công văn 2862/MTTW-BTT and a guide that
implements the plan, so that the document view has a missing, a cited and a citing document.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

import app
from chidao import ui_text as txt
from chidao.library import Library
from chidao.ui_text import TASK_COLUMNS
from tests.conftest import GUIDE, PLAN, ROOT, SEED

TIMEOUT = 120


@pytest.fixture()
def app_store(small_store) -> Path:
    """The founding dispatch plus the two test documents (shared session store; do not modify)."""
    return small_store


@pytest.fixture()
def app_store_copy(app_store, tmp_path) -> Path:
    target = tmp_path / "store"
    shutil.copytree(app_store, target)
    return target


def _run(store: Path, monkeypatch) -> AppTest:
    monkeypatch.setenv("CHIDAO_STORE", str(store))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT)
    at.run()
    assert not at.exception, at.exception
    return at


def _go(at: AppTest, page: str) -> AppTest:
    at.sidebar.radio(key=app.PAGE_KEY).set_value(page).run()
    assert not at.exception, at.exception
    return at


def _texts(at: AppTest) -> str:
    """Every markdown, caption, code and alert text of the page, one string."""
    parts = [
        e.value
        for kind in ("markdown", "caption", "code", "info", "warning", "error", "success")
        for e in at.get(kind)
    ]
    return "\n".join(str(p) for p in parts)


def _button(at: AppTest, label: str, nth: int = 0):
    return [b for b in at.button if b.label == label][nth]


def test_first_start_ingests_the_default_library(tmp_path, monkeypatch):
    at = _run(tmp_path / "new-store", monkeypatch)
    docs = Library.open(tmp_path / "new-store").documents()
    assert [d.id for d in docs] == [SEED.name]
    assert at.sidebar.caption[0].value.startswith("Thư viện: 1 văn bản")


def test_question_about_the_signer_shows_the_answer_and_its_citation(app_store, monkeypatch):
    at = _run(app_store, monkeypatch)
    at.text_input(key=app.QUESTION_KEY).input("Ai ký công văn này?").run()
    text = _texts(at)
    assert "Đặng Ngọc Huy" in text
    assert txt.SOURCES in text
    citations = [c.value for c in at.code]
    assert citations and all("người ký" in c for c in citations)


def test_question_about_districts_cites_highlighted_items(app_store, monkeypatch):
    at = _run(app_store, monkeypatch)
    at.text_input(key=app.QUESTION_KEY).input("Các huyện ủy phải làm gì?").run()
    text = _texts(at)
    assert "<mark>" in text
    assert "mục 1" in text
    assert [b.label for b in at.button].count(txt.OPEN_DOCUMENT) >= 1


def test_example_question_button_asks_it(app_store, monkeypatch):
    at = _run(app_store, monkeypatch)
    example = next(b for b in at.button if b.key and b.key.startswith("example-"))
    example.click().run()
    assert at.text_input(key=app.QUESTION_KEY).value == example.label
    assert txt.SOURCES in _texts(at) or at.warning


def test_citation_link_opens_the_document_view(app_store, monkeypatch):
    at = _run(app_store, monkeypatch)
    at.text_input(key=app.QUESTION_KEY).input("Ai ký công văn này?").run()
    _button(at, txt.OPEN_DOCUMENT).click().run()
    assert at.sidebar.radio(key=app.PAGE_KEY).value == txt.PAGE_DOCS
    assert at.selectbox(key=app.OPEN_DOC_KEY).value == SEED.name


def test_my_unit_lists_its_tasks_with_deadlines_as_csv(app_store, monkeypatch):
    at = _run(app_store, monkeypatch)
    units = at.selectbox(key="my_unit").options
    assert "Tỉnh đoàn" in units
    at.selectbox(key="my_unit").set_value("Tỉnh đoàn").run()
    table = at.dataframe[0].value
    assert list(table.columns) == list(TASK_COLUMNS)
    numbered = table[table["Số"] != ""][["Văn bản", "Mục", "Nhiệm vụ", "Thời hạn"]].values.tolist()
    assert sorted(numbered) == [
        [
            "Hướng dẫn số 15-HD/BTGTU",
            "mục 1",
            'Tỉnh đoàn xây dựng chuyên mục "Thanh niên với khối đại đoàn kết" trên trang thông tin điện tử'
            " của Tỉnh đoàn, cập nhật hằng tuần.",
            "hằng tuần",
        ],
        [
            "Kế hoạch số 09-KH/TU",
            "mục 2",
            "Tỉnh đoàn tổ chức cuộc thi tìm hiểu trực tuyến về khối đại đoàn kết toàn dân tộc cho đoàn viên,"
            " thanh niên, hoàn thành trước ngày 30/11/2021.",
            "trước ngày 30/11/2021",
        ],
    ]
    assert at.get("download_button")


def test_quote_page_finds_the_source_with_a_citation_to_copy(app_store, monkeypatch):
    at = _go(_run(app_store, monkeypatch), txt.PAGE_QUOTE)
    at.text_area(key=app.QUOTE_KEY).input("thực hiện công tác giám sát và phản biện xã hội").run()
    first_card = at.markdown
    assert any("<mark>thực hiện công tác giám sát và phản biện xã hội" in m.value for m in first_card)
    assert "mục 4" in at.code[0].value
    assert "người ký: Đặng Ngọc Huy" in at.code[0].value


def test_document_view_shows_the_missing_cited_dispatch(app_store, monkeypatch):
    at = _go(_run(app_store, monkeypatch), txt.PAGE_DOCS)
    assert len(at.dataframe[0].value) == 3
    at.selectbox(key=app.OPEN_DOC_KEY).set_value(SEED.name).run()
    text = _texts(at)
    assert "Công văn số 2862/MTTW-BTT" in text
    assert "chưa có trong thư viện" in text
    assert "Đặng Ngọc Huy" in text
    refs = Library.open(app_store).document(SEED.name).references
    missing = next(i for i, ref in enumerate(refs) if ref.number == "2862/MTTW-BTT")
    at.button(key=f"add-{missing}").click().run()
    assert at.sidebar.radio(key=app.PAGE_KEY).value == txt.PAGE_UPLOAD
    assert "2862/MTTW-BTT" in at.info[0].value


def test_document_view_links_a_plan_and_the_guide_implementing_it(app_store, monkeypatch):
    at = _go(_run(app_store, monkeypatch), txt.PAGE_DOCS)
    at.selectbox(key=app.OPEN_DOC_KEY).set_value(PLAN.name).run()
    text = _texts(at)
    assert txt.CITED_BY in text
    assert "Hướng dẫn số 15-HD/BTGTU** (triển khai)" in text
    dot = at.get("graphviz_chart")[0].proto.spec
    assert '"huong-dan-15-hd-btgtu-2021.txt" -> "ke-hoach-09-kh-tu-2021.txt"' in dot
    assert "style=dashed" in dot
    _button(at, txt.OPEN_DOCUMENT).click().run()
    assert at.selectbox(key=app.OPEN_DOC_KEY).value == GUIDE.name


def test_upload_adds_a_file_and_reports_a_bad_one_in_vietnamese(app_store_copy, monkeypatch):
    at = _go(_run(app_store_copy, monkeypatch), txt.PAGE_UPLOAD)
    good = PLAN.read_bytes().replace(b"09-KH/TU", b"10-KH/TU")
    at.file_uploader[0].set_value(
        [
            ("ke-hoach-10-kh-tu-2021.txt", good, "text/plain"),
            ("bao-cao.txt", "Báo cáo".encode("cp1258") + b"\xff\xfe\x00", "text/plain"),
        ]
    ).run()
    _button(at, txt.ADD_BUTTON).click().run()
    assert not at.exception, at.exception
    rows = at.dataframe[0].value[["Tệp", "Kết quả"]].values.tolist()
    assert rows == [["ke-hoach-10-kh-tu-2021.txt", "Đã thêm"], ["bao-cao.txt", "Không thêm được"]]
    assert at.error[0].value.startswith("bao-cao.txt: ")
    ids = sorted(d.id for d in Library.open(app_store_copy).documents())
    assert ids == sorted([SEED.name, PLAN.name, GUIDE.name, "ke-hoach-10-kh-tu-2021.txt"])


def test_remove_needs_confirmation(app_store_copy, monkeypatch):
    at = _go(_run(app_store_copy, monkeypatch), txt.PAGE_UPLOAD)
    at.selectbox(key="remove_doc").set_value(GUIDE.name).run()
    assert _button(at, txt.REMOVE_BUTTON).disabled
    at.checkbox(key="remove_sure").check().run()
    _button(at, txt.REMOVE_BUTTON).click().run()
    assert txt.REMOVED.format(doc_id=GUIDE.name) in _texts(at)
    assert sorted(d.id for d in Library.open(app_store_copy).documents()) == sorted([SEED.name, PLAN.name])


def test_ingest_uploads_keeps_original_names_and_same_names_apart(store_copy):
    lib = Library.open(store_copy)
    data = SEED.read_bytes()
    report = app.ingest_uploads(lib, [("../x/" + SEED.name, data), (SEED.name, b"")])
    assert [(Path(r.path).name, r.status) for r in report.results] == [
        (SEED.name, "unchanged"),
        (SEED.name, "failed"),
    ]
    assert [d.id for d in lib.documents()] == [SEED.name]


def test_link_with_doc_parameter_opens_that_document(app_store, monkeypatch):
    monkeypatch.setenv("CHIDAO_STORE", str(app_store))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT)
    at.query_params["doc"] = PLAN.name
    at.run()
    assert at.sidebar.radio(key=app.PAGE_KEY).value == txt.PAGE_DOCS
    assert at.selectbox(key=app.OPEN_DOC_KEY).value == PLAN.name
    assert "Trần Văn Mẫu" in _texts(at)


def test_document_filter_restricts_the_answer_to_that_document(app_store, monkeypatch):
    at = _run(app_store, monkeypatch)
    at.selectbox(key="ask-doc").set_value(PLAN.name).run()
    at.text_input(key=app.QUESTION_KEY).input("Tỉnh đoàn phải làm gì?").run()
    heads = [m.value for m in at.markdown if m.value.startswith("**") and " · " in m.value]
    assert heads and all(h.startswith("**Kế hoạch số 09-KH/TU") for h in heads)


def test_unanswerable_question_says_not_found_and_shows_closest_passages(app_store, monkeypatch):
    at = _run(app_store, monkeypatch)
    at.text_input(key=app.QUESTION_KEY).input("Giá xăng hôm nay bao nhiêu?").run()
    assert at.warning[0].value == "Không tìm thấy nội dung trả lời câu hỏi này trong thư viện."
    assert txt.NOT_FOUND_SUGGESTIONS in _texts(at)
    assert at.button(key="suggestion-0").label == txt.OPEN_DOCUMENT
