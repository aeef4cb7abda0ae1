"""Citation strings."""

from __future__ import annotations

from chidao.core.cite import citation_text, format_date, reference_phrase, unit_phrase
from chidao.core.model import Document, Metadata, Reference, Unit


def _doc(**md) -> Document:
    return Document(id="cv.txt", sha256="0", format="txt", metadata=Metadata(**md))


def _unit(label: str, kind: str = "item", text: str = "…") -> Unit:
    return Unit("cv.txt", 3, kind, label, "", text, 0, 1)  # type: ignore[arg-type]


def test_numbered_dispatch_citation():
    doc = _doc(doc_type="Công văn", number="1025-CV/TU", date="2023-10-12", issuer="Ban Thường vụ Tỉnh ủy")
    assert (
        citation_text(doc, _unit("3"))
        == "Công văn số 1025-CV/TU ngày 12/10/2023 của Ban Thường vụ Tỉnh ủy, mục 3"
    )


def test_dispatch_without_number_or_date_says_so():
    doc = _doc(doc_type="Công văn", issuer="Ban Thường vụ Tỉnh ủy")
    assert (
        citation_text(doc, _unit("3")) == "Công văn của Ban Thường vụ Tỉnh ủy (không số, không ngày), mục 3"
    )


def test_unit_labels():
    assert [unit_phrase(_unit(x)) for x in ("II.3.b", "Điều 5.2", "Điều 5", "Điều 5.2.a")] == [
        "mục II.3.b",
        "Điều 5 khoản 2",
        "Điều 5",
        "Điều 5 khoản 2 điểm a",
    ]


def test_table_row_and_signature_labels():
    """A row is placed by what holds its table: an appendix, an item, or the body itself."""
    row = "3 | Ban Dân vận Tỉnh ủy | … | Quý II/2022"
    assert [unit_phrase(_unit(x, "table_row", row)) for x in ("Phụ lục.3", "II.1.3", "3", "")] == [
        "Phụ lục, dòng 3",
        "mục II.1, dòng 3",
        "bảng, dòng 3",
        "bảng, dòng 3",
    ]
    assert unit_phrase(_unit("", "signature")) == "phần ký"


def test_dates_keep_administrative_zeros():
    assert [format_date(d) for d in ("2022-07-05", "2022-01-18", "2023-10-12")] == [
        "05/7/2022",
        "18/01/2022",
        "12/10/2023",
    ]


def test_missing_reference_phrase():
    ref = Reference(
        "based_on",
        "Công văn",
        "2862/MTTW-BTT",
        "2021-08-31",
        "Ban Thường trực Ủy ban Trung ương MTTQ Việt Nam",
        "",
        "",
    )
    assert reference_phrase(ref) == (
        "Công văn số 2862/MTTW-BTT ngày 31/8/2021 của Ban Thường trực Ủy ban Trung ương MTTQ Việt Nam"
    )


def test_laws_are_cited_by_title_number_and_article():
    from chidao.core.model import Document, Metadata, Unit

    code = Document(
        "bo-luat.txt", "x", "txt", Metadata(doc_type="Bộ luật", number="91/2015/QH13", title="Dân sự")
    )
    article = Unit("bo-luat.txt", 7, "article", "Điều 654", "", "…", 0, 1)
    clause = Unit("bo-luat.txt", 8, "clause", "Điều 654.2", "", "…", 0, 1)
    assert citation_text(code, article) == "Bộ luật Dân sự số 91/2015/QH13, Điều 654"
    assert citation_text(code, clause) == "Bộ luật Dân sự số 91/2015/QH13, Điều 654 khoản 2"
    law = Document(
        "luat.txt", "y", "txt", Metadata(doc_type="Luật", title="Luật Cư trú", number="68/2020/QH14")
    )
    assert citation_text(law, article) == "Luật Cư trú số 68/2020/QH14, Điều 654"
