"""The chidao command line through click's CliRunner on real stores."""

from __future__ import annotations

import json
import re

from click.testing import CliRunner

from chidao.cli import cli
from tests.conftest import ROOT, SEED

HIT_KEYS = ["doc", "title", "number", "date", "unit", "text", "score"]


def run(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def test_search_json_contract(store_copy):
    result = run("search", "--store", str(store_copy), "Tỉnh đoàn phải làm gì?", "-k", "3", "--json")
    assert result.exit_code == 0
    (line,) = result.stdout.splitlines()
    obj = json.loads(line)
    assert list(obj) == ["query", "hits"] and obj["query"] == "Tỉnh đoàn phải làm gì?"
    assert len(obj["hits"]) == 3 and all(list(h) == HIT_KEYS for h in obj["hits"])
    assert obj["hits"][0]["doc"] == SEED.name


def test_search_queries_file_gives_one_line_per_query(store_copy, tmp_path):
    queries = tmp_path / "q.jsonl"
    queries.write_text(
        json.dumps({"question": "Ai ký công văn này?"}, ensure_ascii=False)
        + "\n"
        + json.dumps({"question": "cong van 2862"})
        + "\n",
        encoding="utf-8",
    )
    result = run("search", "--store", str(store_copy), "--queries", str(queries), "--json")
    lines = [json.loads(x) for x in result.stdout.splitlines()]
    assert [x["query"] for x in lines] == ["Ai ký công văn này?", "cong van 2862"]
    assert "Đặng Ngọc Huy" in lines[0]["hits"][0]["text"]
    assert "2862/MTTW-BTT" in lines[1]["hits"][0]["text"]


def test_ingest_reports_each_file_and_fails_with_status_1(store_copy, tmp_path):
    empty = tmp_path / "rong.txt"
    empty.write_bytes(b"")
    result = run("ingest", "--store", str(store_copy), str(SEED), str(empty))
    assert result.exit_code == 1
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert re.match(rf"\s*unchanged  {re.escape(str(SEED))}: 9 units \(already in the library\)", lines[0])
    assert re.match(r"\s*FAILED  .*rong\.txt: rong\.txt: .*empty", lines[1])
    assert re.match(r"2 files in [\d.]+ s: 1 unchanged, 1 failed", lines[2])


def test_docs_and_show(store_copy):
    docs = run("docs", "--store", str(store_copy), "--json")
    (doc,) = [json.loads(x) for x in docs.stdout.splitlines()]
    assert (doc["doc"], doc["type"], doc["number"], doc["units"]) == (SEED.name, "Công văn", "", 9)
    show = run("show", "--store", str(store_copy), SEED.name).stdout
    assert "Người ký: Đặng Ngọc Huy (T/M Ban Thường vụ, Phó Bí thư)" in show
    assert "'Công văn số 2862/MTTW-BTT ngày 31/8/2021' → chưa có trong thư viện" in show


def test_unknown_document_is_one_error_line(store_copy):
    result = run("show", "--store", str(store_copy), "khong-co.txt")
    assert result.exit_code == 1
    assert (
        result.stderr
        == "error: no document 'khong-co.txt' in the library. List the library with: chidao docs\n"
    )


def test_ask_json_contract(store_copy):
    result = run("ask", "--store", str(store_copy), "Ai ký công văn này?", "--json")
    obj = json.loads(result.stdout)
    assert list(obj)[:6] == ["question", "intent", "answer", "found", "confidence", "citations"]
    assert obj["found"] is True and "Đặng Ngọc Huy" in obj["answer"]
    assert list(obj["citations"][0])[:7] == ["doc", "title", "number", "date", "unit", "text", "highlights"]


def test_every_subcommand_has_help_and_is_in_the_readme():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name, command in cli.commands.items():
        assert command.help, name
        assert f"chidao {name}" in readme, name
