"""Structure parser: metadata, unit tree and references of the seed, the eval corpus and small texts."""

from __future__ import annotations

import json
import os
import re
import unicodedata
from dataclasses import asdict
from pathlib import Path

import pytest

from chidao.core.model import ParsedDocument, RawText, Signer
from ingest.parser import parse_document

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "data" / "cong-van-trien-khai-bai-phat-bieu.txt"
EVAL = ROOT.parent / "shared" / "eval"
CORPUS = EVAL / "corpus"
GOLDEN = ROOT / "tests" / "golden"
REGEN = os.environ.get("CHIDAO_REGEN_GOLDEN") == "1"

needs_eval = pytest.mark.skipif(not CORPUS.is_dir(), reason="the shared eval set is not present")


def parse_text(text: str, doc_id: str = "t") -> ParsedDocument:
    return parse_document(RawText(unicodedata.normalize("NFC", text)), doc_id)


def parse_file(path: Path) -> ParsedDocument:
    from ingest.reader import read_file

    return parse_document(read_file(path), path.name)


def corpus_files() -> list[Path]:
    return sorted(CORPUS.iterdir()) if CORPUS.is_dir() else []


def check_invariants(doc: ParsedDocument) -> None:
    for i, unit in enumerate(doc.units):
        assert unit.ordinal == i
        assert unit.text == doc.text[unit.start : unit.end]
        assert unit.parent is None or unit.parent < i
    starts = [u.start for u in doc.units]
    assert starts == sorted(starts)


# --- the seed dispatch (always present) ---------------------------------------------------------


@pytest.fixture(scope="module")
def seed() -> ParsedDocument:
    return parse_text(SEED.read_text(encoding="utf-8"), SEED.name)


def test_seed_metadata(seed):
    md = seed.metadata
    assert (md.doc_type, md.number, md.date, md.issuer) == ("Công văn", "", "", "Ban Thường vụ Tỉnh ủy")
    assert md.recipients == (
        "Các ban cán sự đảng, đảng đoàn, BTV Tỉnh đoàn,",
        "Ban thường vụ các huyện ủy, thị ủy, thành ủy, đảng ủy trực thuộc Tỉnh ủy,",
    )
    assert md.signer == Signer("Đặng Ngọc Huy", "Phó Bí thư", "T/M Ban Thường vụ")
    assert len(md.cc) == 7
    assert md.cc[0] == "Như trên," and md.cc[-1] == "Lưu Văn phòng Tỉnh ủy."


def test_seed_has_four_items_and_item_3_broken_by_page_break_stays_one_unit(seed):
    items = [u for u in seed.units if u.kind == "item"]
    assert [u.label for u in items] == ["1", "2", "3", "4"]
    assert "quyền làm chủ của Nhân dân, tạo" in items[2].text
    assert "điều kiện để Nhân dân phát huy quyền làm chủ" in items[2].text
    assert [u.kind for u in seed.units] == [
        "recipients",
        "preamble",
        "preamble",
        "item",
        "item",
        "item",
        "item",
        "cc",
        "signature",
    ]


def test_seed_references(seed):
    refs = {(r.doc_type, r.number, r.date) for r in seed.references}
    assert ("Công văn", "2862/MTTW-BTT", "2021-08-31") in refs
    assert ("Bài phát biểu", "", "2021-08-16") in refs
    titles = [r.title for r in seed.references if r.title]
    assert titles == ["Nghị quyết Đại hội đại biểu toàn quốc lần thứ XIII của Đảng"]
    assert len(seed.references) == 3
    check_invariants(seed)


# --- the eval corpus -----------------------------------------------------------------------------

# File → (doc_type, number, date, signer name, role, on_behalf), from the eval README table.
EXPECTED = {
    "cong-van-trien-khai-bai-phat-bieu.txt": (
        "Công văn",
        "",
        "",
        "Đặng Ngọc Huy",
        "Phó Bí thư",
        "T/M Ban Thường vụ",
    ),
    "bai-phat-bieu-bi-thu-tinh-uy-2022.md": (
        "Bài phát biểu",
        "",
        "2022-01-18",
        "Hoàng Trọng Vĩnh",
        "Bí thư Tỉnh ủy",
        "",
    ),
    "nghi-quyet-12-nq-tu-2022.pdf": (
        "Nghị quyết",
        "12-NQ/TU",
        "2022-03-28",
        "Hoàng Trọng Vĩnh",
        "Bí thư",
        "T/M Tỉnh ủy",
    ),
    "ke-hoach-35-kh-tu-2022.docx": (
        "Kế hoạch",
        "35-KH/TU",
        "2022-04-12",
        "Lê Thị Ngọc Diệp",
        "Phó Bí thư",
        "T/M Ban Thường vụ",
    ),
    "huong-dan-41-hd-btgtu-2022.txt": (
        "Hướng dẫn",
        "41-HD/BTGTU",
        "2022-04-25",
        "Vũ Thị Minh Nguyệt",
        "Phó Trưởng ban",
        "K/T Trưởng ban",
    ),
    "chi-thi-19-ct-tu-2022.txt": (
        "Chỉ thị",
        "19-CT/TU",
        "2022-07-05",
        "Hoàng Trọng Vĩnh",
        "Bí thư",
        "T/M Ban Thường vụ",
    ),
    "quy-dinh-07-qd-tu-2022.txt": (
        "Quy định",
        "07-QĐ/TU",
        "2022-09-20",
        "Hoàng Trọng Vĩnh",
        "Bí thư",
        "T/M Ban Thường vụ",
    ),
    "thong-bao-ket-luan-215-tb-tu-2023.txt": (
        "Thông báo",
        "215-TB/TU",
        "2023-08-14",
        "Mai Xuân Trường",
        "Chánh Văn phòng",
        "T/L Ban Thường vụ",
    ),
    "cong-van-1025-cv-tu-2023.txt": (
        "Công văn",
        "1025-CV/TU",
        "2023-10-12",
        "Phạm Quốc Tuấn",
        "Phó Bí thư",
        "T/M Ban Thường vụ",
    ),
    "bao-cao-so-ket-168-bc-tu-2024.pdf": (
        "Báo cáo",
        "168-BC/TU",
        "2024-03-22",
        "Lê Thị Ngọc Diệp",
        "Phó Bí thư Thường trực",
        "T/M Ban Thường vụ",
    ),
}


@pytest.fixture(scope="module")
def corpus() -> dict[str, ParsedDocument]:
    return {p.name: parse_file(p) for p in corpus_files()}


@needs_eval
@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_corpus_metadata_matches_readme(corpus, name):
    md = corpus[name].metadata
    got = (md.doc_type, md.number, md.date, md.signer.name, md.signer.role, md.signer.on_behalf)
    assert got == EXPECTED[name]


@needs_eval
def test_corpus_unit_invariants(corpus):
    for doc in corpus.values():
        check_invariants(doc)


@needs_eval
def test_corpus_golden(corpus):
    for name, doc in corpus.items():
        path = GOLDEN / f"{name}.json"
        got = json.loads(json.dumps(_golden_dict(doc)))  # tuples become lists, as on disk
        if REGEN:  # an explicit opt-in: CHIDAO_REGEN_GOLDEN=1; a lost golden file fails below
            GOLDEN.mkdir(parents=True, exist_ok=True)
            path.write_text(json.dumps(got, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        assert path.exists(), f"golden file {path} is missing: regenerate it with CHIDAO_REGEN_GOLDEN=1"
        assert got == json.loads(path.read_text(encoding="utf-8")), f"{name} differs from {path}"


def _golden_dict(doc: ParsedDocument) -> dict:
    return {
        "metadata": asdict(doc.metadata),
        "units": [
            [u.ordinal, u.kind, u.label, u.heading, u.start, u.end, list(u.pages), u.parent]
            for u in doc.units
        ],
        "references": [
            [r.relation, r.doc_type, r.number, r.date, r.issuer, r.title, r.unit_ordinal, r.start, r.end]
            for r in doc.references
        ],
    }


@needs_eval
def test_every_gold_evidence_lies_inside_one_unit(corpus):
    outside = []
    for line in (EVAL / "questions.jsonl").read_text(encoding="utf-8").splitlines():
        question = json.loads(line)
        for gold in question["gold"]:
            evidence = _norm(gold["evidence"])
            if not any(evidence in _norm(u.text) for u in corpus[gold["doc"]].units):
                outside.append((question["id"], gold["doc"], gold["evidence"]))
    assert outside == []


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text)).strip().casefold()


@needs_eval
def test_corpus_references_match_readme(corpus):
    def numbers(name: str) -> set[str]:
        return {r.number for r in corpus[name].references if r.number}

    assert numbers("ke-hoach-35-kh-tu-2022.docx") == {"12-NQ/TU", "87-KH/TU"}
    assert numbers("quy-dinh-07-qd-tu-2022.txt") == {"11-QĐi/TW", "19-CT/TU", "03-QĐ/TU"}
    assert numbers("nghi-quyet-12-nq-tu-2022.pdf") == {"43-KL/TW", "2862/MTTW-BTT", "217-QĐ/TW", "218-QĐ/TW"}
    assert numbers("bao-cao-so-ket-168-bc-tu-2024.pdf") == {
        "12-NQ/TU",
        "35-KH/TU",
        "41-HD/BTGTU",
        "19-CT/TU",
        "07-QĐ/TU",
        "215-TB/TU",
        "1025-CV/TU",
        "2862/MTTW-BTT",
    }
    replaced = {(r.number, r.relation) for r in corpus["ke-hoach-35-kh-tu-2022.docx"].references}
    assert ("87-KH/TU", "replaces") in replaced
    speeches = [
        r.date for r in corpus["ke-hoach-35-kh-tu-2022.docx"].references if r.doc_type == "Bài phát biểu"
    ]
    assert speeches == ["2022-01-18"]


# --- small synthetic texts -----------------------------------------------------------------------


def test_chapters_articles_and_clauses_get_legal_labels():
    doc = parse_text(
        "QUY ĐỊNH\nvề thử\n\nChương I\nQUY ĐỊNH CHUNG\n\nĐiều 1. Phạm vi\n1. Một.\n2. Hai.\n\n"
        "Chương II\nTHỰC HIỆN\n\nĐiều 2. Hiệu lực\nQuy định này có hiệu lực từ ngày ký.\n"
    )
    got = [(u.kind, u.label, u.heading) for u in doc.units]
    assert got == [
        ("title", "", ""),
        ("chapter", "Chương I", ""),
        ("article", "Điều 1", "Chương I QUY ĐỊNH CHUNG"),
        ("clause", "Điều 1.1", "Chương I QUY ĐỊNH CHUNG > Điều 1. Phạm vi"),
        ("clause", "Điều 1.2", "Chương I QUY ĐỊNH CHUNG > Điều 1. Phạm vi"),
        ("chapter", "Chương II", ""),
        ("article", "Điều 2", "Chương II THỰC HIỆN"),
    ]
    assert doc.units[-1].text == "Điều 2. Hiệu lực\nQuy định này có hiệu lực từ ngày ký."


def test_sections_items_and_subitems_nest():
    doc = parse_text(
        "I. MỤC ĐÍCH\n\n1. Một việc.\n\nII. NHIỆM VỤ VÀ GIẢI PHÁP\n\n"
        "3. Phát huy quyền làm chủ của Nhân dân\n\n"
        "a) Việc a.\n\nb) Việc b;\n\n- gạch một;\n- gạch hai.\n"
    )
    got = [(u.kind, u.label, u.heading, u.parent) for u in doc.units]
    context = "II. NHIỆM VỤ VÀ GIẢI PHÁP > 3. Phát huy quyền làm chủ của Nhân dân"
    assert got == [
        ("section", "I", "", None),
        ("item", "I.1", "I. MỤC ĐÍCH", 0),
        ("section", "II", "", None),
        ("item", "II.3", "II. NHIỆM VỤ VÀ GIẢI PHÁP", 2),
        ("subitem", "II.3.a", context, 3),
        ("subitem", "II.3.b", context, 3),
        ("dash", "II.3.b", context + " > b) Việc b;", 5),
        ("dash", "II.3.b", context + " > b) Việc b;", 5),
    ]


def test_headline_item_takes_its_body_paragraph():
    doc = parse_text("1. Nâng cao nhận thức\n\nCác cấp ủy phải làm.\n\n2. Đổi mới\n\nChú trọng đối thoại.\n")
    assert [u.text for u in doc.units] == [
        "1. Nâng cao nhận thức\n\nCác cấp ủy phải làm.",
        "2. Đổi mới\n\nChú trọng đối thoại.",
    ]


def test_table_rows_are_units_under_the_column_header():
    doc = parse_text(
        "PHỤ LỤC\n\nSTT | Đơn vị | Nhiệm vụ\n1 | Ban A | Làm việc một\n2 | Ban B | Làm việc hai\n"
    )
    got = [(u.kind, u.label, u.heading) for u in doc.units]
    assert got == [
        ("heading", "Phụ lục", ""),
        ("heading", "Phụ lục", "PHỤ LỤC"),
        ("table_row", "Phụ lục.1", "PHỤ LỤC > STT | Đơn vị | Nhiệm vụ"),
        ("table_row", "Phụ lục.2", "PHỤ LỤC > STT | Đơn vị | Nhiệm vụ"),
    ]


def test_wrapped_subject_line_and_kinh_gui_list():
    doc = parse_text(
        "TỈNH ỦY HẢI LÂM        ĐẢNG CỘNG SẢN VIỆT NAM\n"
        "   Số 12-CV/TU       Hải Lâm, ngày 3 tháng 2 năm 2024\n"
        "V/v tổ chức Ngày hội ở khu\n    dân cư năm 2024\n\n"
        "   Kính gửi: - Ban A,\n             - Ban B.\n\nNội dung.\n"
    )
    md = doc.metadata
    assert (md.doc_type, md.number, md.date, md.place) == ("Công văn", "12-CV/TU", "2024-02-03", "Hải Lâm")
    assert md.title == "tổ chức Ngày hội ở khu dân cư năm 2024"
    assert md.recipients == ("Ban A,", "Ban B.")
    assert [u.kind for u in doc.units] == ["header", "title", "recipients", "preamble"]


@pytest.mark.parametrize(
    ("block", "signer"),
    [
        (
            "K/T TRƯỞNG BAN\nPHÓ TRƯỞNG BAN\n\nVũ Thị Minh Nguyệt",
            Signer("Vũ Thị Minh Nguyệt", "Phó Trưởng ban", "K/T Trưởng ban"),
        ),
        (
            "T/L BAN THƯỜNG VỤ\nCHÁNH VĂN PHÒNG\n\nMai Xuân Trường",
            Signer("Mai Xuân Trường", "Chánh Văn phòng", "T/L Ban Thường vụ"),
        ),
        (
            "**T/M BAN THƯỜNG VỤ\nPHÓ BÍ THƯ**\n\nĐặng Ngọc Huy",
            Signer("Đặng Ngọc Huy", "Phó Bí thư", "T/M Ban Thường vụ"),
        ),
    ],
)
def test_signers_on_behalf_are_written_in_normal_case(block, signer):
    doc = parse_text(f"1. Việc một.\n\nNơi nhận:\n- Như trên,\n- Lưu VP.\n\n{block}\n")
    assert doc.metadata.signer == signer
    assert doc.metadata.cc == ("Như trên,", "Lưu VP.")
    assert [u.kind for u in doc.units] == ["item", "cc", "signature"]


def test_replacing_a_plan_is_a_replaces_reference():
    doc = parse_text(
        "Kế hoạch này thay thế Kế hoạch số 87-KH/TU ngày 20/10/2019 của Ban Thường vụ Tỉnh ủy.\n"
    )
    (ref,) = doc.references
    assert (ref.relation, ref.doc_type, ref.number, ref.date, ref.issuer) == (
        "replaces",
        "Kế hoạch",
        "87-KH/TU",
        "2019-10-20",
        "Ban Thường vụ Tỉnh ủy",
    )


def test_two_numbers_under_one_date_are_two_references_and_this_document_is_none():
    doc = parse_text(
        "Căn cứ Quyết định số 217-QĐ/TW và 218-QĐ/TW ngày 12/12/2013 của Bộ Chính trị. "
        "Chỉ thị này có hiệu lực.\n"
    )
    got = [(r.relation, r.number, r.date, r.issuer) for r in doc.references]
    assert got == [
        ("based_on", "217-QĐ/TW", "2013-12-12", "Bộ Chính trị"),
        ("based_on", "218-QĐ/TW", "2013-12-12", "Bộ Chính trị"),
    ]


def test_paragraph_broken_by_blank_line_mid_sentence_is_joined():
    doc = parse_text("1. Lãnh đạo việc xây dựng, tạo\n\nđiều kiện để Nhân dân làm chủ.\n\n2. Việc khác.\n")
    assert [u.label for u in doc.units] == ["1", "2"]
    assert doc.units[0].text.endswith("điều kiện để Nhân dân làm chủ.")


@needs_eval
def test_corpus_references_resolve_as_the_readme_says(corpus):
    from chidao.core.model import Document
    from ingest.references import resolve_reference

    docs = [Document(id=n, sha256="", format="", metadata=d.metadata) for n, d in corpus.items()]

    def targets(name: str) -> list[str | None]:
        others = [d for d in docs if d.id != name]
        return [resolve_reference(r, others) for r in corpus[name].references]

    seed = "cong-van-trien-khai-bai-phat-bieu.txt"
    assert targets(seed) == [None, None, None]  # Đại hội XIII, speech of 16/8/2021, 2862/MTTW-BTT
    for name in ("bai-phat-bieu-bi-thu-tinh-uy-2022.md", "nghi-quyet-12-nq-tu-2022.pdf"):
        assert seed in targets(name)
    assert seed in targets("huong-dan-41-hd-btgtu-2022.txt")
    assert seed in targets("cong-van-1025-cv-tu-2023.txt")
    assert targets("ke-hoach-35-kh-tu-2022.docx") == [
        "nghi-quyet-12-nq-tu-2022.pdf",
        "bai-phat-bieu-bi-thu-tinh-uy-2022.md",
        None,  # Kế hoạch số 87-KH/TU, replaced and not in the corpus
    ]
    assert set(targets("bao-cao-so-ket-168-bc-tu-2024.pdf")) == {
        "nghi-quyet-12-nq-tu-2022.pdf",
        "ke-hoach-35-kh-tu-2022.docx",
        "bai-phat-bieu-bi-thu-tinh-uy-2022.md",
        "huong-dan-41-hd-btgtu-2022.txt",
        "chi-thi-19-ct-tu-2022.txt",
        "quy-dinh-07-qd-tu-2022.txt",
        "thong-bao-ket-luan-215-tb-tu-2023.txt",
        "cong-van-1025-cv-tu-2023.txt",
        None,
    }


def test_closing_paragraphs_of_a_speech_belong_to_the_whole_text():
    doc = parse_text(
        "I. NHIỆM VỤ\n\n1. Xây dựng đội ngũ cán bộ\n\nCác cấp ủy phải bố trí cán bộ.\n\n"
        "Phải tham mưu ban hành nghị quyết.\n\n"
        "Thưa các đồng chí! Dân có tin thì dân mới theo.\n\n"
        "Chúc Hội nghị thành công tốt đẹp.\n\nXin trân trọng cảm ơn!\n"
    )
    got = [(u.kind, u.label, u.parent) for u in doc.units]
    assert got == [
        ("section", "I", None),
        ("item", "I.1", 0),
        ("paragraph", "I.1", 1),
        ("paragraph", "", None),
        ("paragraph", "", None),
        ("paragraph", "", None),
    ]


def test_paragraph_after_the_last_item_stays_with_it_unless_it_closes_the_text():
    doc = parse_text("1. Việc một:\n\nCông tác này cần làm ngay.\n\nChỉ thị này được phổ biến đến chi bộ.\n")
    assert [(u.kind, u.label) for u in doc.units] == [("item", "1"), ("paragraph", "1"), ("paragraph", "")]


def test_part_marker_takes_its_capitalised_title_across_a_blank_line():
    doc = parse_text(
        "Phần thứ nhất\n\nKẾT QUẢ THỰC HIỆN\n\nI. LÃNH ĐẠO\n\nNội dung.\n\n"
        "Phần thứ hai\n\nNHIỆM VỤ\n\n1. Việc một.\n"
    )
    got = [(u.kind, u.label, u.heading) for u in doc.units]
    assert got == [
        ("part", "Phần 1", ""),
        ("section", "Phần 1.I", "Phần thứ nhất KẾT QUẢ THỰC HIỆN"),
        ("paragraph", "Phần 1.I", "Phần thứ nhất KẾT QUẢ THỰC HIỆN > I. LÃNH ĐẠO"),
        ("part", "Phần 2", ""),
        ("item", "Phần 2.1", "Phần thứ hai NHIỆM VỤ"),
    ]
    assert doc.units[0].text == "Phần thứ nhất\n\nKẾT QUẢ THỰC HIỆN"


def test_points_written_with_a_dot_and_items_with_a_parenthesis_nest():
    doc = parse_text(
        "1) Tuyên truyền\n\na. Trên báo chí;\n\nđ. Trên mạng xã hội.\n\n2) Thi đua\n\nb. Khen thưởng.\n"
    )
    got = [(u.kind, u.label, u.parent) for u in doc.units]
    assert got == [
        ("item", "1", None),
        ("subitem", "1.a", 0),
        ("subitem", "1.đ", 0),
        ("item", "2", None),
        ("subitem", "2.b", 3),
    ]


def test_subject_beside_the_recipients_in_two_space_aligned_columns():
    doc = parse_text(
        "TỈNH ỦY HẢI LÂM                       ĐẢNG CỘNG SẢN VIỆT NAM\n"
        "     *\n"
        "Số 12-CV/TU                       Hải Lâm, ngày 3 tháng 2 năm 2024\n"
        "V/v tổ chức Ngày hội ở khu        Kính gửi: - Ban Thường vụ các huyện ủy,\n"
        "    dân cư năm 2024                         - Ban Tuyên giáo Tỉnh ủy,\n"
        "                                            - Ban Thường vụ Tỉnh đoàn.\n\n"
        "Ban Thường vụ Tỉnh ủy đề nghị tổ chức tốt Ngày hội.\n\n1. Việc một.\n"
    )
    md = doc.metadata
    assert (md.doc_type, md.number, md.date) == ("Công văn", "12-CV/TU", "2024-02-03")
    assert md.title == "tổ chức Ngày hội ở khu dân cư năm 2024"
    assert md.recipients == (
        "Ban Thường vụ các huyện ủy,",
        "Ban Tuyên giáo Tỉnh ủy,",
        "Ban Thường vụ Tỉnh đoàn.",
    )
    assert [u.kind for u in doc.units] == ["header", "title", "preamble", "item"]


@pytest.mark.parametrize(
    ("title_block", "title"),
    [
        (
            "NGHỊ QUYẾT\nHỘI NGHỊ LẦN THỨ MƯỜI BAN CHẤP HÀNH ĐẢNG BỘ TỈNH KHÓA XVIII\n"
            "về tăng cường công tác dân vận",
            "về tăng cường công tác dân vận",
        ),
        ("CHỈ THỊ\ncủa Ban Thường vụ Tỉnh ủy\nvề công tác tiếp công dân", "về công tác tiếp công dân"),
        ("THÔNG BÁO\nKẾT LUẬN CỦA THƯỜNG TRỰC TỈNH ỦY\nvề sơ kết Chỉ thị", "về sơ kết Chỉ thị"),
        ("KẾ HOẠCH\nthực hiện Nghị quyết về công tác dân vận", "thực hiện Nghị quyết về công tác dân vận"),
        (
            "BÀI PHÁT BIỂU\ncủa đồng chí Hoàng Trọng Vĩnh, Bí thư Tỉnh ủy, tại Hội nghị về công tác Mặt trận",
            "của đồng chí Hoàng Trọng Vĩnh, Bí thư Tỉnh ủy, tại Hội nghị về công tác Mặt trận",
        ),
    ],
)
def test_title_is_the_subject_without_the_meeting_or_issuer_line(title_block, title):
    doc = parse_text(f"{title_block}\n-----\n\n1. Việc một.\n")
    assert doc.metadata.title == title
