"""Query input: what a question may be, cleaned before a search sees it; query files read line by line."""

from __future__ import annotations

import json
import re
from pathlib import Path

from chidao.core.errors import ChidaoError
from ingest import mojibake

# The longest question of the eval sets is 308 characters (eval-laws); a quoted paragraph for
# `sources` fits in 1,000. Embedding time grows with the text (a 100 kB query took 27 s).
MAX_QUERY_CHARS = 1_000
MAX_K = 100
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")


class QueryError(ChidaoError):
    """A query, its options or a file of queries cannot be used as given."""


def clean_query(text: str) -> str:
    """The query as searched: bytes that were not UTF-8 become U+FFFD, control characters spaces,
    mojibake repaired; refused when empty, too long or still garbled.

    >>> clean_query("Ban ThÆ°á»\\x9dng trá»±c")
    'Ban Thường trực'
    """
    text = _SURROGATE.sub("\ufffd", text)  # undecodable argv bytes arrive as lone surrogates
    text = mojibake.repair(text)
    text = " ".join(_CONTROL.sub(" ", text).split())
    if not text:
        raise QueryError("empty query", hint="Type a question or a few key words.")
    if len(text) > MAX_QUERY_CHARS:
        raise QueryError(
            f"query too long ({len(text):,} characters; the limit is {MAX_QUERY_CHARS:,})",
            hint="Shorten it to the question itself or its key words.",
        )
    if mojibake.looks_garbled(text.replace("\ufffd", " ")):  # replaced bytes are not mojibake
        raise QueryError(
            f"the query looks garbled (UTF-8 read as Latin-1/Windows-1252): {text[:60]!r}",
            hint="Type it again, or copy it from a window that shows Vietnamese correctly.",
        )
    return text


def check_k(k: int) -> int:
    if not 1 <= k <= MAX_K:
        raise QueryError(
            f"-k {k} is out of range (1 to {MAX_K})", hint=f"Give a number of hits from 1 to {MAX_K}."
        )
    return k


def read_queries(path: Path) -> list[str]:
    """Queries of a file, one a line, or JSON Lines with a "question" field; errors name the line."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise QueryError(f"cannot be read ({exc.strerror})", path=path, hint="Check the path.") from exc
    out: list[str] = []
    lines = data.splitlines()
    as_json = next((line.lstrip().startswith(b"{") for line in lines if line.strip()), False)
    for number, raw in enumerate(lines, start=1):
        try:
            line = raw.decode("utf-8-sig" if number == 1 else "utf-8")
        except UnicodeDecodeError as exc:
            raise QueryError(
                f"line {number}: not UTF-8 (bad byte at column {exc.start + 1})",
                path=path,
                hint="Save the file as UTF-8 and try again.",
            ) from exc
        if not line.strip():
            continue
        text = _json_question(line, number, path) if as_json else line
        try:
            out.append(clean_query(text))
        except QueryError as exc:
            raise QueryError(f"line {number}: {exc.problem}", path=path, hint=exc.hint) from exc
    if not out:
        raise QueryError("no queries in the file", path=path, hint="Write one question a line.")
    return out


def _json_question(line: str, number: int, path: Path) -> str:
    hint = 'Write one JSON object a line with a "question" text, e.g. {"question": "Ai ký?"}.'
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        raise QueryError(f"line {number}: not JSON ({exc.msg})", path=path, hint=hint) from exc
    question = record.get("question") if isinstance(record, dict) else None
    if not isinstance(question, str):
        raise QueryError(f'line {number}: no "question" text', path=path, hint=hint)
    return question
