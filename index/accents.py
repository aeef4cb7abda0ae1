"""Diacritic restoration of unaccented queries from the library's own vocabulary.

Many users type without accents ("ban dan van phai lam gi"). The lexical index folds both sides,
but the dense embedder reads "ban dan van" as different words from "Ban Dân vận". Directive
documents repeat their vocabulary, so the accented forms the library itself uses for each folded
syllable and syllable pair are a strong guide: a small Viterbi over those forms restores
"ban dan van tinh uy" → "ban dân vận tỉnh ủy" before the query is embedded.
"""

from __future__ import annotations

import math
import re
import sqlite3
from collections import Counter
from collections.abc import Iterable

from chidao.core.text import fold, has_diacritics

FORMS_SCHEMA = """
CREATE TABLE IF NOT EXISTS forms (
    folded TEXT NOT NULL, form TEXT NOT NULL, n INTEGER NOT NULL, PRIMARY KEY (folded, form)
) WITHOUT ROWID
"""
_WORD = re.compile(r"\w+", re.UNICODE)
# Candidate accented forms kept per syllable; unseen transitions get this pseudo-count.
MAX_CANDIDATES = 6
_SMOOTH = 0.1


def forms_of(text: str) -> Counter[tuple[str, str]]:
    """(folded, lower-case form) counts of the syllables and adjacent pairs of a text."""
    words = [w.lower() for w in _WORD.findall(text)]
    counts: Counter[tuple[str, str]] = Counter((fold(w), w) for w in words)
    counts.update((fold(f"{a} {b}"), f"{a} {b}") for a, b in zip(words, words[1:], strict=False))
    return counts


def add_forms(conn: sqlite3.Connection, texts: Iterable[str], sign: int = 1) -> None:
    """Add (sign=1) or withdraw (sign=-1) the forms of texts; call inside the document's transaction."""
    counts: Counter[tuple[str, str]] = Counter()
    for text in texts:
        counts.update(forms_of(text))
    conn.executemany(
        "INSERT INTO forms VALUES (?, ?, ?) ON CONFLICT(folded, form) DO UPDATE SET n = n + excluded.n",
        [(f, form, sign * n) for (f, form), n in counts.items()],
    )
    if sign < 0:
        conn.execute("DELETE FROM forms WHERE n <= 0")


def restore(conn: sqlite3.Connection, query: str) -> str:
    """The query with diacritics restored from the library's forms; unchanged if it has any accent."""
    if has_diacritics(query):
        return query
    words = _WORD.findall(query)
    if not words:
        return query
    folded = [fold(w) for w in words]
    keys = set(folded) | {f"{a} {b}" for a, b in zip(folded, folded[1:], strict=False)}
    table: dict[str, dict[str, int]] = {}
    marks = ",".join("?" * len(keys))
    for key, form, n in conn.execute(
        f"SELECT folded, form, n FROM forms WHERE folded IN ({marks})", list(keys)
    ):
        table.setdefault(key, {})[form] = n
    best = _viterbi(folded, table)
    # Put the restored words back in place, keeping the user's punctuation and spacing.
    restored = iter(best)
    return _WORD.sub(lambda _m: next(restored), query)


def _viterbi(folded: list[str], table: dict[str, dict[str, int]]) -> list[str]:
    candidates = []
    for word in folded:
        seen = sorted(table.get(word, {}).items(), key=lambda kv: -kv[1])[:MAX_CANDIDATES]
        candidates.append(seen or [(word, 1)])
    # score[i][form] = best log-score of a path ending in `form` at position i
    scores = [{form: math.log(n + 1) for form, n in candidates[0]}]
    back: list[dict[str, str]] = [{}]
    for i in range(1, len(folded)):
        pair = table.get(f"{folded[i - 1]} {folded[i]}", {})
        step, link = {}, {}
        for form, n in candidates[i]:
            options = [
                (
                    prev_score
                    + 2.0 * math.log(pair.get(f"{prev} {form}", 0) + _SMOOTH)
                    + 0.5 * math.log(n + 1),
                    prev,
                )
                for prev, prev_score in scores[-1].items()
            ]
            step[form], link[form] = max(options)
        scores.append(step)
        back.append(link)
    form = max(scores[-1], key=lambda f: scores[-1][f])
    path = [form]
    for i in range(len(folded) - 1, 0, -1):
        form = back[i][form]
        path.append(form)
    return path[::-1]
