"""Relations of cited documents: the verb that governs a citation in its own clause decides."""

from __future__ import annotations

import unicodedata

import pytest

from chidao.core.model import Document, Metadata, RawText, Reference
from ingest.parser import parse_document
from ingest.references import resolve_reference, resolve_references


def relations(text: str) -> list[tuple[str, str]]:
    doc = parse_document(RawText(unicodedata.normalize("NFC", text)), "t")
    return [(r.number, r.relation) for r in doc.references]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # The text's own purpose clause, possibly through the task it carries out.
        ("Thực hiện Nghị quyết số 12-NQ/TU, Ban Thường vụ Tỉnh ủy yêu cầu:\n", "implements"),
        ("Triển khai Kế hoạch số 35-KH/TU, Ban Tuyên giáo hướng dẫn như sau:\n", "implements"),
        ("b) Thực hiện có hiệu quả Quyết định số 217-QĐ/TW của Bộ Chính trị.\n", "implements"),
        (
            "Để thực hiện có hiệu quả nhiệm vụ phát huy quyền làm chủ của Nhân dân nêu tại "
            "Nghị quyết số 12-NQ/TU ngày 28/3/2022, Ban Thường vụ Tỉnh ủy yêu cầu:\n",
            "implements",
        ),
        ("- Căn cứ Quy định số 11-QĐi/TW ngày 18/02/2019 của Bộ Chính trị;\n", "based_on"),
        ("Kế hoạch này thay thế Kế hoạch số 87-KH/TU ngày 20/10/2019.\n", "replaces"),
        # Reports on the implementation, or another subject's act: the text merely cites.
        ("Việc thực hiện Quy định số 11-QĐi/TW của Bộ Chính trị đi vào nền nếp.\n", "cites"),
        ("Kết quả sơ kết hai năm thực hiện Nghị quyết số 12-NQ/TU như sau.\n", "cites"),
        ("Ủy ban Mặt trận tỉnh đã kịp thời quán triệt Kết luận số 43-KL/TW.\n", "cites"),
        ("Các huyện ủy xây dựng kế hoạch thực hiện Nghị quyết số 12-NQ/TU.\n", "cites"),
        ("Giao Ban Dân vận nghiên cứu sửa đổi, bổ sung Quy định số 07-QĐ/TU.\n", "cites"),
        (
            "Thường trực Tỉnh ủy đã sơ kết một năm thực hiện Chỉ thị và Quy định, "
            "ban hành Thông báo kết luận số 215-TB/TU ngày 14/8/2023.\n",
            "cites",
        ),
    ],
)
def test_relation_comes_from_the_verb_right_before_the_citation(text, expected):
    ((_, relation),) = relations(text)
    assert relation == expected


def test_a_plan_cited_as_implementing_passes_its_relation_on():
    text = (
        "Thực hiện Kế hoạch số 35-KH/TU ngày 12/4/2022 của Ban Thường vụ Tỉnh ủy thực hiện "
        "Nghị quyết số 12-NQ/TU, Ban Tuyên giáo hướng dẫn như sau:\n\n"
        "Ban Thường vụ Tỉnh ủy ban hành Chỉ thị số 19-CT/TU thực hiện Nghị quyết số 5-NQ/TU.\n"
    )
    assert relations(text) == [
        ("35-KH/TU", "implements"),
        ("12-NQ/TU", "implements"),
        ("19-CT/TU", "cites"),
        ("5-NQ/TU", "cites"),
    ]


def test_title_implements_unless_it_reports_on_the_implementation():
    plan = relations("KẾ HOẠCH\n\nthực hiện Nghị quyết số 12-NQ/TU ngày 28/3/2022\n\n1. Việc một.\n")
    report = relations("BÁO CÁO\n\nsơ kết hai năm thực hiện Nghị quyết số 12-NQ/TU\n\n1. Việc một.\n")
    assert (plan, report) == ([("12-NQ/TU", "implements")], [("12-NQ/TU", "cites")])


def _doc(doc_id: str, **metadata: str) -> Document:
    return Document(id=doc_id, sha256="", format="txt", metadata=Metadata(**metadata))


def _ref(**fields: str) -> Reference:
    base = {
        "relation": "cites",
        "doc_type": "",
        "number": "",
        "date": "",
        "issuer": "",
        "title": "",
        "text": "",
    }
    return Reference(**(base | fields))  # type: ignore[arg-type]


def test_references_resolved_together_get_the_targets_each_gets_alone():
    """The batch looks documents up by number, year, title pairs and issuer; every branch of
    resolve_reference, the citing document left out, ties and near misses give the same targets."""
    docs = [
        _doc(
            "nq-12.txt",
            doc_type="Nghị quyết",
            number="12-NQ/TU",
            date="2022-03-28",
            title="về phát huy quyền làm chủ",
        ),
        _doc("nq-12b.txt", doc_type="Nghị quyết", number="12 - NQ/TU", date="2021-01-02"),
        _doc(
            "kh-35.txt",
            doc_type="Kế hoạch",
            number="35-KH/TU",
            date="2022-05-01",
            title="thực hiện Nghị quyết 12",
        ),
        _doc("bpb-a.md", doc_type="Bài phát biểu", date="2021-08-16", title="đại đoàn kết toàn dân tộc"),
        _doc(
            "bpb-b.md", doc_type="Bài phát biểu", date="2021-08-16", title="đại đoàn kết dân tộc và đổi mới"
        ),
        _doc("cv-x.txt", doc_type="Công văn", issuer="Ban Dân vận Tỉnh ủy"),
        _doc("cv-y.txt", doc_type="Công văn", issuer="Ban Dân vận Tỉnh ủy Hải Lâm"),
        _doc("cv-z.txt", doc_type="Công văn", issuer="Ban Tuyên giáo Tỉnh ủy"),
        _doc("nq-xiii.txt", doc_type="Nghị quyết", title="Đại hội đại biểu toàn quốc lần thứ XIII của Đảng"),
    ]
    refs = [
        _ref(number="12-NQ/TU", date="2022-03-28", doc_type="Nghị quyết"),
        _ref(number="012-NQ/TU"),
        _ref(number="99-KH/TU"),
        _ref(doc_type="Bài phát biểu", date="2021-08-16"),
        _ref(doc_type="Bài phát biểu", date="2021-08-16", title="phát biểu về đại đoàn kết toàn dân tộc"),
        _ref(doc_type="Bài phát biểu", date="2021", title="đại đoàn kết"),
        _ref(doc_type="Nghị quyết", date="2022-03"),
        _ref(doc_type="Nghị quyết", date="20"),
        _ref(doc_type="Nghị quyết", title="Nghị quyết Đại hội đại biểu toàn quốc lần thứ XIII của Đảng"),
        _ref(doc_type="Nghị quyết", title="Nghị quyết Đại hội toàn quốc lần thứ XII của Đảng"),
        _ref(doc_type="Công văn", issuer="Ban Dân vận Tỉnh ủy"),
        _ref(doc_type="Công văn", issuer="Ban Tuyên giáo Tỉnh ủy"),
        _ref(doc_type="Công văn", issuer="Ban Tuyên giáo Tỉnh ủy", date="2022-01-01"),
        _ref(title="quyền làm chủ"),
    ]
    pairs = [(src.id, ref) for src in docs for ref in refs]
    alone = [resolve_reference(ref, [d for d in docs if d.id != src]) for src, ref in pairs]
    assert resolve_references(pairs, docs) == alone
    assert {t for t in alone if t} >= {"nq-12.txt", "bpb-a.md", "nq-xiii.txt", "cv-z.txt"}


def test_a_citation_wrapped_over_lines_reads_on_one_line_and_stops_at_a_blank_line():
    text = (
        "KẾ HOẠCH\nứng phó bão thực hiện Kế hoạch số 57-KH/TU của Ban Thường vụ Thành ủy\n\n"
        "Đặc khu có 2.140 hộ dân. Các xã thực hiện Quyết định\nsố 1129/QĐ-TTg của Thủ tướng\n"
        "Chính phủ về phòng, chống thiên tai.\n"
    )
    refs = parse_document(RawText(unicodedata.normalize("NFC", text)), "t").references
    assert [(r.text, r.issuer) for r in refs] == [
        ("Kế hoạch số 57-KH/TU của Ban Thường vụ Thành ủy", "Ban Thường vụ Thành ủy"),
        ("Quyết định số 1129/QĐ-TTg của Thủ tướng Chính phủ", "Thủ tướng Chính phủ"),
    ]


def test_a_blank_line_after_cua_still_leads_to_the_issuer():
    # A scan may set a blank line inside a sentence; "của" (of) cannot end a paragraph.
    text = (
        "Thực hiện Công văn số 412-CV/TU ngày 27/10/2025 của\n\nBan Thường vụ Tỉnh ủy, Đảng ủy xã yêu cầu:\n"
    )
    refs = parse_document(RawText(unicodedata.normalize("NFC", text)), "t").references
    assert [(r.text, r.issuer) for r in refs] == [
        ("Công văn số 412-CV/TU ngày 27/10/2025 của Ban Thường vụ Tỉnh ủy", "Ban Thường vụ Tỉnh ủy")
    ]
