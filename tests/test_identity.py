"""Document identity: two files with one name are two documents; the same file is one document."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from chidao.cli import cli
from chidao.core.errors import AmbiguousDocumentError
from chidao.evaluation import is_relevant
from chidao.library import Library
from tests.test_library import SMALL_DOC

DOC_2022 = SMALL_DOC
DOC_2023 = SMALL_DOC.replace("Số 77-CV/TU", "Số 91-CV/TU").replace("2024", "2025")


def _two_provinces(tmp_path):
    first, second = tmp_path / "a" / "2022" / "cong-van.txt", tmp_path / "a" / "2023" / "cong-van.txt"
    for path, text in ((first, DOC_2022), (second, DOC_2023)):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return first, second


def test_same_name_in_two_folders_is_two_documents_not_a_replacement(store_copy, tmp_path):
    first, second = _two_provinces(tmp_path)
    lib = Library.open(store_copy)
    assert [(r.status, r.doc_id) for r in lib.ingest([first]).results] == [("added", "cong-van.txt")]
    assert [(r.status, r.doc_id) for r in lib.ingest([second]).results] == [("added", "2023/cong-van.txt")]
    numbers = {d.id: d.metadata.number for d in lib.documents()}
    assert numbers["cong-van.txt"] == "77-CV/TU" and numbers["2023/cong-van.txt"] == "91-CV/TU"
    # The same files again: unchanged, under the ids they got.
    again = lib.ingest([second, first]).results
    assert [(r.status, r.doc_id) for r in again] == [
        ("unchanged", "2023/cong-van.txt"),
        ("unchanged", "cong-van.txt"),
    ]
    # An edited file replaces its own document only.
    first.write_text(DOC_2022.replace("30/9/2024", "15/10/2024"), encoding="utf-8")
    assert [(r.status, r.doc_id) for r in lib.ingest([first]).results] == [("replaced", "cong-van.txt")]
    assert lib.document("2023/cong-van.txt").document.metadata.number == "91-CV/TU"
    assert len(lib.documents()) == 3


def test_folder_ingest_ids_are_paths_relative_to_the_folder(store_copy, tmp_path):
    _two_provinces(tmp_path)
    lib = Library.open(store_copy)
    report = lib.ingest([tmp_path / "a"])
    assert [(r.status, r.doc_id) for r in report.results] == [
        ("added", "2022/cong-van.txt"),
        ("added", "2023/cong-van.txt"),
    ]
    # The eval's matching rule compares file names, so path ids still score.
    assert is_relevant(
        "2023/cong-van.txt", "Báo cáo kết quả", [{"doc": "cong-van.txt", "evidence": "báo cáo"}]
    )


def test_ambiguous_name_is_refused_and_ids_work(store_copy, tmp_path):
    _two_provinces(tmp_path)
    lib = Library.open(store_copy)
    lib.ingest([tmp_path / "a"])
    with pytest.raises(AmbiguousDocumentError, match=r"2 documents have this name .*2022/cong-van\.txt"):
        lib.document("cong-van.txt")
    with pytest.raises(AmbiguousDocumentError):
        lib.remove("cong-van.txt")
    assert len(lib.documents()) == 3
    assert lib.remove("2022/cong-van.txt") == "2022/cong-van.txt"
    # Now the name is unique, so it is enough.
    assert lib.document("cong-van.txt").document.id == "2023/cong-van.txt"


def test_cli_show_and_remove_say_when_a_name_is_ambiguous(store_copy, tmp_path):
    _two_provinces(tmp_path)
    Library.open(store_copy).ingest([tmp_path / "a"])
    runner = CliRunner()
    result = runner.invoke(cli, ["remove", "cong-van.txt", "--store", str(store_copy)])
    assert result.exit_code == 1
    assert "2 documents have this name" in result.output and "chidao docs" in result.output
    result = runner.invoke(cli, ["show", "2023/cong-van.txt", "--store", str(store_copy)])
    assert result.exit_code == 0 and "91-CV/TU" in result.output
    result = runner.invoke(cli, ["remove", "2023/cong-van.txt", "--store", str(store_copy)])
    assert result.exit_code == 0 and "removed 2023/cong-van.txt" in result.output
