"""The Streamlit app through AppTest on a tiny real store: every page, real library, no mocks.

tests/data/ke-hoach-09-kh-tu-2021.txt and huong-dan-15-hd-btgtu-2021.txt are invented test documents
(fictional province "Hải Lâm"): a plan that cites the missing Công văn 2862/MTTW-BTT and a guide that
implements the plan, so that the document view has a missing, a cited and a citing document.
tests/data/ke-hoach-12-kh-tu-2022.txt (invented too) replaces the plan and assigns tasks in a table.
"""

from __future__ import annotations

import csv
import io
import re
import shutil
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

import app
from app_pages import common
from chidao import ui_format as fmt
from chidao import ui_text as txt
from chidao.library import Library
from tests.conftest import GUIDE, PLAN, ROOT, SEED, TEST_DATA

REPLACING = TEST_DATA / "ke-hoach-12-kh-tu-2022.txt"
# The founding dispatch has no number and no subject line: it is named by its kind and first line.
SEED_NAME = "Công văn: Ngày 16/8/2021, tại Hội nghị triển khai Chương trình hành động của…"
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


@pytest.fixture(scope="module")
def portal_store(small_store, tmp_path_factory) -> Path:
    """The small store plus a 2022 plan that replaces the 2021 plan and has a task table (do not modify)."""
    target = tmp_path_factory.mktemp("portal") / "store"
    shutil.copytree(small_store, target)
    lib = Library.open(target)
    assert lib.ingest([REPLACING]).ok
    lib.close()
    return target


def _run(store: Path, monkeypatch, params: dict[str, str] | None = None) -> AppTest:
    monkeypatch.setenv("CHIDAO_STORE", str(store))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT)
    at.query_params.update(params or {})
    at.run()
    assert not at.exception, at.exception
    return at


def _go(at: AppTest, page: str) -> AppTest:
    """Move to a page the way the sidebar link does (the page's own URL, no query string)."""
    at.query_params.clear()
    at.switch_page(page).run()
    assert not at.exception, at.exception
    return at


def _texts(at: AppTest) -> str:
    """Every markdown, caption, code and alert text of the page, one string."""
    parts = [
        e.value
        for kind in ("markdown", "caption", "code", "info", "warning", "error", "success", "subheader")
        for e in at.get(kind)
    ]
    return "\n".join(str(p) for p in parts)


def _button(at: AppTest, label: str, nth: int = 0):
    return [b for b in at.button if b.label == label][nth]


def _answer_html(at: AppTest) -> str:
    return next(m.value for m in at.markdown if m.value.startswith('<div class="chidao-text chidao-answer"'))


def _ask(at: AppTest, question: str) -> AppTest:
    at.text_input(key=common.QUESTION_KEY).input(question).run()
    assert not at.exception, at.exception
    return at


def test_first_start_ingests_the_default_library(tmp_path, monkeypatch):
    at = _run(tmp_path / "new-store", monkeypatch)
    docs = Library.open(tmp_path / "new-store").documents()
    assert [d.id for d in docs] == [SEED.name]
    assert at.sidebar.caption[0].value.startswith("Thư viện: 1 văn bản")


def test_question_about_the_signer_shows_the_answer_and_its_numbered_source(app_store, monkeypatch):
    at = _ask(_run(app_store, monkeypatch), "Ai ký công văn này?")
    answer = _answer_html(at)
    assert "Đặng Ngọc Huy" in answer
    assert '<a class="chidao-ref" href="#nguon-1">[1]</a>' in answer
    assert txt.SOURCES in _texts(at)
    assert '<span id="nguon-1"></span>**[1] ' in _texts(at)
    citations = [c.value for c in at.code]
    assert citations and all(c.startswith("[") and "người ký: Đặng Ngọc Huy" in c for c in citations)


def test_every_answer_number_points_to_a_listed_source(app_store, monkeypatch):
    at = _ask(_run(app_store, monkeypatch), "Các huyện ủy phải làm gì?")
    answer = _answer_html(at)
    assert "<mark>" in _texts(at)
    numbers = {int(n) for n in re.findall(r'href="#nguon-(\d+)"', answer)}
    listed = [c.value.split("]", 1)[0] for c in at.code]
    assert numbers and listed == [f"[{n}" for n in range(1, len(listed) + 1)]
    assert numbers <= set(range(1, len(listed) + 1))
    assert [b.label for b in at.button].count(txt.OPEN_AT_ITEM) == len(listed)


def test_table_row_task_shows_its_task_and_deadline(portal_store, monkeypatch):
    at = _ask(_run(portal_store, monkeypatch), "Tỉnh đoàn phải làm gì?")
    answer = _answer_html(at)
    assert (
        "<li>Tổ chức diễn đàn thanh niên với khối đại đoàn kết toàn dân tộc ở các huyện (chủ trì: Tỉnh đoàn)"
        in answer
    )
    assert '<span class="chidao-deadline">Thời hạn: vào cuối năm 2022</span>' in answer


def test_example_question_button_asks_it(app_store, monkeypatch):
    at = _run(app_store, monkeypatch)
    example = next(b for b in at.button if b.key and b.key.startswith("example-"))
    label = example.label
    example.click().run()
    assert at.text_input(key=common.QUESTION_KEY).value == label
    assert txt.SOURCES in _texts(at) or at.warning


def test_citation_opens_the_document_at_the_cited_item(app_store, monkeypatch):
    at = _ask(_run(app_store, monkeypatch), "Tỉnh đoàn phải làm gì?")
    first = _button(at, txt.OPEN_AT_ITEM)
    first.click().run()
    assert not at.exception, at.exception
    doc, unit = at.query_params["doc"], int(at.query_params["unit"])
    assert at.selectbox(key=common.OPEN_DOC_KEY).value == doc
    view = Library.open(app_store).document(doc)
    cited = next(u for u in view.units if u.ordinal == unit)
    marked = [m.value for m in at.markdown if f'id="muc-{unit}"' in m.value]
    assert len(marked) == 1 and "chidao-target" in marked[0]
    assert cited.text.split()[1] in marked[0]
    opened = [e for e in at.expander if e.proto.expanded]
    assert len(opened) == 1


def test_asking_after_opening_a_document_stays_on_the_answer(app_store, monkeypatch):
    """Issue 12: once a document was opened (?doc=…), asking landed on "Văn bản" without the answer."""
    at = _run(app_store, monkeypatch, {"doc": PLAN.name})
    assert at.selectbox(key=common.OPEN_DOC_KEY).value == PLAN.name
    assert at.query_params == {"doc": PLAN.name}
    _go(at, common.ASK)
    _ask(at, "Ai ký công văn này?")
    assert at.query_params == {}
    assert "Đặng Ngọc Huy" in _answer_html(at)
    assert [h.value for h in at.header] == [txt.PAGE_ASK]


def test_my_unit_lists_tasks_with_their_deadline_first_and_a_clean_csv(portal_store, monkeypatch):
    at = _go(_run(portal_store, monkeypatch), common.MY_UNIT)
    assert "Tỉnh đoàn" in at.selectbox(key="my_unit").options
    at.selectbox(key="my_unit").set_value("Tỉnh đoàn").run()
    table = next(m.value for m in at.markdown if m.value.startswith('<table class="chidao-table"'))
    assert table.index("<th>Thời hạn</th>") < table.index("<th>Nhiệm vụ</th>")
    assert at.get("download_button")[0].proto.label == txt.DOWNLOAD_CSV
    # The bytes the button serves (AppTest drops its media store after each run, so rebuilt here).
    lib = Library.open(portal_store)
    rows = fmt.task_rows(lib.tasks("Tỉnh đoàn"), common.document_names(lib), blank="")
    data = fmt.csv_bytes(rows, txt.TASK_COLUMNS)
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert list(rows[0]) == list(txt.TASK_COLUMNS)
    assert [(r["Thời hạn"], r["Nhiệm vụ"], r["Văn bản"], r["Mục"]) for r in rows] == [
        (
            "trước ngày 30/6/2022",
            "Tổ chức diễn đàn thanh niên với khối đại đoàn kết toàn dân tộc ở các huyện (chủ trì: Tỉnh đoàn)",
            "Kế hoạch số 12-KH/TU",
            "Phụ lục, dòng 1",
        ),
        (
            "vào cuối năm 2022",
            "Thành lập câu lạc bộ lý luận trẻ ở các trường trung học phổ thông (chủ trì: Tỉnh đoàn)",
            "Kế hoạch số 12-KH/TU",
            "Phụ lục, dòng 2",
        ),
        (
            "hằng tuần",
            'Tỉnh đoàn xây dựng chuyên mục "Thanh niên với khối đại đoàn kết" trên trang thông tin điện tử'
            " của Tỉnh đoàn, cập nhật hằng tuần.",
            "Hướng dẫn số 15-HD/BTGTU",
            "mục 1",
        ),
        (
            "trước ngày 30/11/2021",
            "Tỉnh đoàn tổ chức cuộc thi tìm hiểu trực tuyến về khối đại đoàn kết toàn dân tộc cho đoàn viên,"
            " thanh niên, hoàn thành trước ngày 30/11/2021.",
            "Kế hoạch số 09-KH/TU",
            "mục 2",
        ),
    ] + [("", rows[i]["Nhiệm vụ"], SEED_NAME, f"mục {i - 3}") for i in range(4, 7)]
    assert all("—" not in v and "###" not in v for r in rows for v in r.values())


def test_quote_page_finds_the_source_with_a_citation_to_copy(app_store, monkeypatch):
    at = _go(_run(app_store, monkeypatch), common.QUOTE)
    at.text_area(key=common.QUOTE_KEY).input("thực hiện công tác giám sát và phản biện xã hội").run()
    assert any("<mark>thực hiện công tác giám sát và phản biện xã hội" in m.value for m in at.markdown)
    assert "mục 4" in at.code[0].value
    assert "người ký: Đặng Ngọc Huy" in at.code[0].value


def test_document_list_filters_by_kind_issuer_year_and_status(portal_store, monkeypatch):
    at = _go(_run(portal_store, monkeypatch), common.DOCS)
    table = at.dataframe[0].value
    assert len(table) == 4
    assert "None" not in table.to_string() and "nan" not in table.to_string()
    assert sorted(table["Ngày"]) == ["", "01/10/2021", "05/01/2022", "20/09/2021"]
    assert table[table["Tệp"] == SEED.name]["Văn bản"].iloc[0] == SEED_NAME
    assert at.selectbox(key="docs-year").options == [txt.ALL, "2021", "2022"]
    at.selectbox(key="docs-year").set_value(2021).run()
    assert sorted(at.dataframe[0].value["Tệp"]) == sorted([PLAN.name, GUIDE.name])
    at.selectbox(key="docs-status").set_value(txt.REPLACED).run()
    assert list(at.dataframe[0].value["Tệp"]) == [PLAN.name]
    at.selectbox(key="docs-year").set_value(txt.ALL).run()
    at.selectbox(key="docs-status").set_value(txt.ALL).run()
    at.selectbox(key="docs-kind").set_value("Hướng dẫn").run()
    assert list(at.dataframe[0].value["Tệp"]) == [GUIDE.name]


def test_replaced_document_says_so_at_the_top(portal_store, monkeypatch):
    at = _run(portal_store, monkeypatch)
    at.query_params.update({"doc": PLAN.name})
    at.switch_page(common.DOCS).run()
    assert at.error[0].value == txt.REPLACED_BANNER.format(src="Kế hoạch số 12-KH/TU")
    # The banner comes before the document's name and metadata: the first thing on the page.
    order = [e.value for e in at.main if type(e).__name__ in ("Error", "Subheader")]
    assert order[:2] == [at.error[0].value, "Kế hoạch số 09-KH/TU"]
    _button(at, txt.OPEN_REPLACING).click().run()
    assert at.query_params == {"doc": REPLACING.name}


def test_document_view_shows_the_missing_cited_dispatch(app_store, monkeypatch):
    at = _run(app_store, monkeypatch)
    at.query_params.update({"doc": SEED.name})
    at.switch_page(common.DOCS).run()
    text = _texts(at)
    assert "Công văn số 2862/MTTW-BTT" in text
    assert "chưa có trong thư viện" in text
    assert "Đặng Ngọc Huy" in text
    refs = Library.open(app_store).document(SEED.name).references
    missing = next(i for i, ref in enumerate(refs) if ref.number == "2862/MTTW-BTT")
    at.button(key=f"add-{missing}").click().run()
    assert not at.exception, at.exception
    assert [h.value for h in at.header] == [txt.PAGE_UPLOAD]
    assert at.query_params == {}
    assert "2862/MTTW-BTT" in at.info[0].value


def test_document_view_links_a_plan_and_the_guide_implementing_it(app_store, monkeypatch):
    at = _run(app_store, monkeypatch, {"doc": PLAN.name})
    text = _texts(at)
    assert txt.CITED_BY in text
    assert "Hướng dẫn số 15-HD/BTGTU** (triển khai)" in text
    dot = at.get("graphviz_chart")[0].proto.spec
    assert '"huong-dan-15-hd-btgtu-2021.txt" -> "ke-hoach-09-kh-tu-2021.txt"' in dot
    assert "style=dashed" in dot
    _button(at, txt.OPEN_DOCUMENT).click().run()
    assert at.selectbox(key=common.OPEN_DOC_KEY).value == GUIDE.name
    assert at.query_params == {"doc": GUIDE.name}


def test_upload_adds_a_file_reports_a_bad_one_in_vietnamese_and_counts_it(app_store_copy, monkeypatch):
    at = _go(_run(app_store_copy, monkeypatch), common.UPLOAD)
    assert at.sidebar.caption[0].value.startswith("Thư viện: 3 văn bản")
    good = PLAN.read_bytes().replace(b"09-KH/TU", b"10-KH/TU")
    at.file_uploader[0].set_value(
        [
            ("ke-hoach-10-kh-tu-2021.txt", good, "text/plain"),
            ("bao-cao.txt", "Báo cáo".encode("cp1258") + b"\xff\xfe\x00", "text/plain"),
            ("rong.pdf", b"", "application/pdf"),
        ]
    ).run()
    _button(at, txt.ADD_BUTTON).click().run()
    assert not at.exception, at.exception
    table = next(m.value for m in at.markdown if m.value.startswith('<table class="chidao-table"'))
    assert '<td data-label="Tệp" class="chidao-first">ke-hoach-10-kh-tu-2021.txt</td>' in table
    assert [e.value.split(":", 1)[0] for e in at.error] == ["bao-cao.txt", "rong.pdf"]
    assert at.error[1].value.startswith("rong.pdf: tệp rỗng.")
    ids = sorted(d.id for d in Library.open(app_store_copy).documents())
    assert ids == sorted([SEED.name, PLAN.name, GUIDE.name, "ke-hoach-10-kh-tu-2021.txt"])
    assert at.sidebar.caption[0].value.startswith("Thư viện: 4 văn bản")


def test_remove_needs_confirmation(app_store_copy, monkeypatch):
    at = _go(_run(app_store_copy, monkeypatch), common.UPLOAD)
    at.selectbox(key="remove_doc").set_value(GUIDE.name).run()
    assert _button(at, txt.REMOVE_BUTTON).disabled
    at.checkbox(key="remove_sure").check().run()
    _button(at, txt.REMOVE_BUTTON).click().run()
    assert txt.REMOVED.format(doc_id=GUIDE.name) in _texts(at)
    assert sorted(d.id for d in Library.open(app_store_copy).documents()) == sorted([SEED.name, PLAN.name])
    assert at.sidebar.caption[0].value.startswith("Thư viện: 2 văn bản")


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
    at = _run(app_store, monkeypatch, {"doc": PLAN.name})
    assert [h.value for h in at.header] == [txt.PAGE_DOCS]
    assert at.selectbox(key=common.OPEN_DOC_KEY).value == PLAN.name
    assert "Trần Văn Mẫu" in _texts(at)


def test_document_filter_restricts_the_answer_to_that_document(app_store, monkeypatch):
    at = _run(app_store, monkeypatch)
    at.selectbox(key="ask-doc").set_value(PLAN.name).run()
    _ask(at, "Tỉnh đoàn phải làm gì?")
    heads = [m.value for m in at.markdown if m.value.startswith('<span id="nguon-')]
    assert heads and all("** [" not in h and "Kế hoạch số 09-KH/TU**" in h for h in heads)


def test_unanswerable_question_says_not_found_and_shows_closest_passages(app_store, monkeypatch):
    at = _ask(_run(app_store, monkeypatch), "Giá xăng hôm nay bao nhiêu?")
    assert at.warning[0].value == "Không tìm thấy nội dung trả lời câu hỏi này trong thư viện."
    assert txt.NOT_FOUND_SUGGESTIONS in _texts(at)
    assert at.button(key="suggestion-open-1").label == txt.OPEN_AT_ITEM


def test_deadlines_page_groups_a_units_tasks_and_offers_csv_and_calendar(portal_store, monkeypatch):
    at = _go(_run(portal_store, monkeypatch), common.DEADLINES)
    at.selectbox(key="deadline_unit").set_value("Tỉnh đoàn").run()
    assert not at.exception, at.exception
    # Every dated deadline of the test documents is in the past; the weekly one comes within 7 days.
    heads = [h.value for h in at.subheader]
    assert heads[0] == "Quá hạn (3)" and heads[-1] == "Không có ngày cụ thể (3)" and len(heads) == 3
    overdue = next(m.value for m in at.markdown if m.value.startswith('<table class="chidao-table"'))
    dates = re.findall(r'<td data-label="Hạn" class="chidao-first">([^<]*)</td>', overdue)
    assert dates == ["30/11/2021", "30/06/2022", "31/12/2022"]
    labels = [b.proto.label for b in at.get("download_button")]
    assert labels == [txt.DOWNLOAD_CSV, txt.DOWNLOAD_ICS]


def test_upload_of_a_pdf_goes_through_the_page_progress(app_store_copy, monkeypatch, tmp_path):
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    path = tmp_path / "hai-trang.pdf"
    pdf = canvas.Canvas(str(path), pagesize=A4)
    for i, word in enumerate(["tuyen truyen", "kiem tra"], start=1):
        for j in range(i + 2):
            pdf.drawString(72, A4[1] - 100 - 20 * j, f"{i}.{j} Ban Thuong vu Tinh doan {word} lan thu {j}.")
        pdf.showPage()
    pdf.save()
    at = _go(_run(app_store_copy, monkeypatch), common.UPLOAD)
    at.file_uploader[0].set_value([(path.name, path.read_bytes(), "application/pdf")]).run()
    _button(at, txt.ADD_BUTTON).click().run()
    assert not at.exception, at.exception
    assert at.success[0].value == txt.UPLOAD_DONE.format(n=1, ok=1, same=0, bad=0)


def test_picking_a_document_puts_it_in_the_address_and_clearing_it_returns_to_the_list(
    app_store, monkeypatch
):
    at = _go(_run(app_store, monkeypatch), common.DOCS)
    at.selectbox(key=common.OPEN_DOC_KEY).set_value(GUIDE.name).run()
    assert at.query_params == {"doc": GUIDE.name}
    assert [h.value for h in at.subheader][0] == "Hướng dẫn số 15-HD/BTGTU"
    at.selectbox(key=common.OPEN_DOC_KEY).set_value(None).run()
    assert at.query_params == {}
    assert len(at.dataframe[0].value) == 3


def test_the_question_and_its_answer_are_still_there_after_visiting_another_page(app_store, monkeypatch):
    at = _ask(_run(app_store, monkeypatch), "Ai ký công văn này?")
    _go(at, common.DOCS)
    _go(at, common.ASK)
    assert at.text_input(key=common.QUESTION_KEY).value == "Ai ký công văn này?"
    assert "Đặng Ngọc Huy" in _answer_html(at)
