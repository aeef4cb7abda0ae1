"""Hostile queries and query files: cleaned or refused with a message, never a traceback; mojibake in
queries and documents repaired (or refused when it cannot be)."""

from __future__ import annotations

import os
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

from chidao.core.errors import UnreadableFileError
from chidao.library import Library
from chidao.queries import MAX_QUERY_CHARS, QueryError, clean_query, read_queries
from ingest import mojibake
from ingest.reader import read_file
from tests.conftest import ROOT
from tests.test_library import SMALL_DOC

GOOD = "Ban Thường trực Tỉnh đoàn phải báo cáo kết quả trước ngày nào?"
# UTF-8 bytes read as Latin-1 (every byte kept, C1 controls included) and as Windows-1252.
LATIN1 = GOOD.encode().decode("latin-1")
CP1252 = GOOD.encode().decode("cp1252", errors="replace")
# The same with the C1 bytes lost on the way: the original cannot be recovered.
LOSSY = "".join(c for c in LATIN1 if not 0x80 <= ord(c) < 0xA0)


def test_mojibake_query_is_repaired():
    assert clean_query(LATIN1) == GOOD
    assert clean_query("Ban ThÆ°á»\x9dng trá»±c") == "Ban Thường trực"


def test_mojibake_that_cannot_be_repaired_is_refused():
    with pytest.raises(QueryError, match=r"looks garbled \(UTF-8 read as Latin-1"):
        clean_query(LOSSY)


def test_every_misreading_of_vietnamese_is_seen_without_loading_ftfy_for_plain_text():
    # Each Vietnamese letter (and đ), read as Latin-1 or Windows-1252, gives a character outside the
    # plain set, so the shortcut never hides mojibake; plain text never loads ftfy.
    letters = sorted(c for c in mojibake._PLAIN if ord(c) > 127 and not unicodedata.combining(c))
    assert len(letters) >= 134
    for letter in letters:
        for misread in (
            letter.encode().decode("latin-1"),
            letter.encode().decode("cp1252", errors="replace"),
        ):
            assert not mojibake._plain(misread), letter
    code = (
        "import sys; from chidao.queries import clean_query; "
        "assert clean_query(sys.argv[1]) == sys.argv[1]; print('ftfy' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code, GOOD], capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0 and done.stdout.strip() == "False", done.stderr


def test_real_questions_are_left_alone():
    for question in (
        GOOD,
        "Ai ký Công văn số 1025-CV/TU?",
        "ban dan van phai lam gi",
        "Điều 5.2 quy định gì?",
    ):
        assert clean_query(question) == question


def test_undecodable_bytes_controls_and_empty_queries():
    assert clean_query("Tỉnh đoàn \udcff\udcfe làm gì") == "Tỉnh đoàn \ufffd\ufffd làm gì"
    assert clean_query("Tỉnh\x00đoàn\x1b[31m") == "Tỉnh đoàn [31m"
    with pytest.raises(QueryError, match="empty query"):
        clean_query(" \x00\n ")


def test_long_query_is_refused_fast_with_the_limit(seed_store):
    lib = Library.open(seed_store)
    with pytest.raises(
        QueryError, match=rf"query too long \(100,000 characters; the limit is {MAX_QUERY_CHARS:,}"
    ):
        lib.search("a" * 100_000)
    with pytest.raises(QueryError, match="query too long"):
        lib.ask("Tỉnh đoàn " * 1000)
    assert lib.search("b" * MAX_QUERY_CHARS, k=1) is not None


@pytest.mark.parametrize("k", [-1, 0, 101])
def test_k_out_of_bounds_is_refused(seed_store, k):
    with pytest.raises(QueryError, match=rf"-k {k} is out of range \(1 to 100\)"):
        Library.open(seed_store).search("Tỉnh đoàn", k=k)


def _cli(*args: str | bytes) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "chidao", *args], capture_output=True, cwd=ROOT, timeout=300)


def test_cli_query_with_invalid_utf8_bytes_is_searched(seed_store):
    query = "Tỉnh đoàn".encode() + b" \xff\xfe l\xe0m g\xec"  # UTF-8, then Latin-1 bytes
    done = _cli(b"search", query, b"--store", os.fsencode(seed_store))
    assert done.returncode == 0, done.stderr.decode()
    assert b"Traceback" not in done.stderr


def test_cli_k_bounds(seed_store):
    done = _cli("search", "Tỉnh đoàn", "-k", "-1", "--store", str(seed_store))
    assert done.returncode == 2 and b"-1 is not in the range 1<=x<=100" in done.stderr


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b'{"question": "Ai k\xc3\xbd?"}\n{"q": "x"}\n', 'line 2: no "question" text'),
        (b'{"question": "Ai k\xc3\xbd?"}\n\n{"question": "a\n', "line 3: not JSON"),
        (b"Ai k\xc3\xbd?\nT\xecnh \xf0oan\n", r"line 2: not UTF-8 \(bad byte at column 2\)"),
        (b"Ai k\xc3\xbd?\n" + b"a" * 2000 + b"\n", "line 2: query too long"),
        (b"\n\n", "no queries in the file"),
    ],
)
def test_queries_file_errors_name_the_line(tmp_path, content, message):
    path = tmp_path / "cau-hoi.jsonl"
    path.write_bytes(content)
    with pytest.raises(QueryError, match=rf"^cau-hoi\.jsonl: {message}"):
        read_queries(path)


def test_cli_queries_file_error_is_one_line(seed_store, tmp_path):
    path = tmp_path / "q.jsonl"
    path.write_bytes(b'{"question": "Ai ky?"}\n{"cau_hoi": "x"}\n')
    done = _cli("search", "--queries", str(path), "--store", str(seed_store))
    assert done.returncode == 1 and b"Traceback" not in done.stderr
    assert done.stderr.decode().strip() == (
        'error: q.jsonl: line 2: no "question" text. Write one JSON object a line with a "question" text,'
        ' e.g. {"question": "Ai ký?"}.'
    )


def test_mojibake_document_is_repaired_with_a_warning(store_copy, tmp_path):
    path = tmp_path / "sai-ma.txt"
    path.write_text(SMALL_DOC.encode().decode("latin-1"), encoding="utf-8")
    raw = read_file(path)
    assert raw.text == read_file(_write(tmp_path / "dung.txt", SMALL_DOC)).text
    assert any("was repaired" in w for w in raw.warnings)
    lib = Library.open(store_copy)
    (result,) = lib.ingest([path]).results
    assert result.status == "added" and "repaired" in result.message
    assert lib.search("chiến dịch thanh niên tình nguyện hè", k=1)[0].document.id == "sai-ma.txt"


def test_mojibake_document_that_cannot_be_repaired_is_refused(tmp_path):
    lossy = "".join(c for c in SMALL_DOC.encode().decode("latin-1") if not 0x80 <= ord(c) < 0xA0)
    with pytest.raises(UnreadableFileError, match=r"^hong\.txt: garbled text \(mojibake, e\.g\. line 1"):
        read_file(_write(tmp_path / "hong.txt", lossy))


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path
