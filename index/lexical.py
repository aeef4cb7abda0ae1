"""Lexical retrieval: SQLite FTS5 over folded syllables and adjacent-syllable pairs, BM25-ranked."""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterable, Sequence

from chidao.core.text import fold
from chidao.core.vocab import STOPWORDS

# The FTS table holds our own folded tokens, so FTS5's tokenizer only splits on spaces; "_" joins
# the two syllables of a pair token ("dai_doan") and must stay inside the token.
FTS_SCHEMA = """
CREATE VIRTUAL TABLE IF NOT EXISTS units_fts USING fts5(
    body, context, tokenize = "unicode61 remove_diacritics 0 tokenchars '_'"
)
"""
# Column weights for bm25(): the unit's own words count most; its heading path, document title
# and the dispatch's "Kính gửi" recipients still make an item match "Tỉnh đoàn phải làm gì?".
BODY_WEIGHT = 1.0
CONTEXT_WEIGHT = 0.35
_TOKEN = re.compile(r"[0-9a-z]+")
# An OR query costs the sum of its terms' posting lists. In a large library the commonest syllables
# ("tinh", "uy", "cac") occur in most units, cost most and, by BM25's IDF, weigh least. A query
# therefore reads at most POSTINGS_BUDGET postings: its terms are taken rarest first while they fit
# (the rarest always does). A library of a few thousand units never reaches the budget, so it
# searches with every term.
POSTINGS_BUDGET = 8_000


def tokens(text: str) -> list[str]:
    """Folded syllables of `text`: "Đảng ủy" → ["dang", "uy"]."""
    return _TOKEN.findall(fold(text))


def pairs(toks: Sequence[str]) -> list[str]:
    """Adjacent-syllable pair tokens: [dai, doan, ket] → [dai_doan, doan_ket]."""
    return [f"{a}_{b}" for a, b in zip(toks, toks[1:], strict=False)]


def index_text(text: str) -> str:
    """What FTS5 stores for a text: its syllables followed by its syllable pairs."""
    toks = tokens(text)
    return " ".join(toks + pairs(toks))


def query_terms(query: str) -> list[str]:
    """Distinct query terms: content syllables and every adjacent pair (pairs keep stopwords)."""
    toks = tokens(query)
    terms = [t for t in toks if t not in STOPWORDS] + [
        p for p in pairs(toks) if not all(s in STOPWORDS for s in p.split("_"))
    ]
    return list(dict.fromkeys(terms))


def match_expression(terms: Iterable[str]) -> str:
    """An FTS5 MATCH expression that ORs the terms (each quoted)."""
    return " OR ".join(f'"{t}"' for t in terms)


def phrase(text: str) -> str:
    """An FTS5 phrase for the folded syllables of `text` in a row ("" when it has none), written with
    their pair tokens, which hold the same order and are far rarer than the syllables, so a common
    name is found fast: "Tỉnh đoàn Hải Lâm" → '"tinh_doan doan_hai hai_lam"'."""
    toks = tokens(text)
    return f'"{" ".join(pairs(toks) or toks)}"' if toks else ""


def matches(
    conn: sqlite3.Connection, expression: str, limit: int | None = None, newest: bool = False
) -> list[int]:
    """Unit ids of the FTS rows an FTS5 expression matches (at most `limit`), ascending; with
    `newest`, the last added first (FTS5 walks its lists by rowid either way: a limit makes it cheap,
    where ORDER BY rank would score every match)."""
    sql = f"SELECT rowid FROM units_fts WHERE units_fts MATCH ? ORDER BY rowid{' DESC' if newest else ''}"
    params: list[object] = [expression]
    if limit is not None:
        sql += " LIMIT ?"
        params.append(limit)
    return [int(r) for (r,) in conn.execute(sql, params)]


def configure(conn: sqlite3.Connection) -> None:
    """Create the FTS table and make its `rank` our weighted BM25 (so ORDER BY rank stays fast)."""
    conn.execute(FTS_SCHEMA)
    conn.execute(
        "INSERT INTO units_fts(units_fts, rank) VALUES('rank', ?)",
        (f"bm25({BODY_WEIGHT}, {CONTEXT_WEIGHT})",),
    )


def search(
    conn: sqlite3.Connection,
    query: str,
    k: int,
    doc_ids: Sequence[str] | None = None,
    total: int = 0,
) -> list[tuple[int, float]]:
    """Top-k (unit id, score) by BM25, score positive, higher is better; [] when nothing matches.

    `doc_ids` restricts the search to those documents (filters); None searches everything.
    `total` (units in the index) lets a large library drop its commonest terms.
    """
    terms = selective_terms(conn, query_terms(query), total)
    if not terms or (doc_ids is not None and not doc_ids):
        return []
    params: list[object] = [match_expression(terms)]
    if doc_ids is None:
        sql = "SELECT rowid, -rank FROM units_fts WHERE units_fts MATCH ?"
    else:
        sql = (
            "SELECT f.rowid, -f.rank FROM units_fts f JOIN units u ON u.id = f.rowid"
            f" WHERE units_fts MATCH ? AND u.doc_id IN ({','.join('?' * len(doc_ids))})"
        )
        params.extend(doc_ids)
    sql += " ORDER BY rank LIMIT ?"
    params.append(k)
    return [(int(r), float(s)) for r, s in conn.execute(sql, params)]


def selective_terms(conn: sqlite3.Connection, terms: list[str], total: int) -> list[str]:
    """The terms worth querying: all of them in a small library, the selective ones in a large one.

    `total` is the number of units in the index. A term's frequency is read from the accent
    statistics (index/accents.py: occurrences of each folded syllable and pair in unit texts and
    contexts), a fast primary-key lookup, where FTS5's own vocabulary table would scan.
    """
    if not terms or total < POSTINGS_BUDGET // 4:
        return terms
    keys = {t: t.replace("_", " ") for t in terms}
    marks = ",".join("?" * len(keys))
    counts = dict(
        conn.execute(
            f"SELECT folded, SUM(n) FROM forms WHERE folded IN ({marks}) GROUP BY folded", list(keys.values())
        ).fetchall()
    )
    freq = {t: counts.get(k, 0) for t, k in keys.items()}
    keep: set[str] = set()
    spent = 0
    for term in sorted((t for t in terms if freq[t] > 0), key=lambda t: freq[t]):
        if keep and spent + freq[term] > POSTINGS_BUDGET:
            break
        keep.add(term)
        spent += freq[term]
    return [t for t in terms if t in keep]
