"""LibraryIndex reads units and term statistics from the store: the same values as a library read
whole into memory (idf over every unit, every unit's text), without holding it."""

from __future__ import annotations

import pytest

from chidao.core.text import bigrams_of, folded_words, syllables
from chidao.library import Library
from qa.candidates import addressed
from qa.corpus import UNIT_CACHE_DOCS
from qa.highlight import idf_table


@pytest.fixture(scope="module")
def whole(small_store):
    """The library's qa state and every unit of it, read whole (what qa held before)."""
    lib = Library.open(small_store)
    index = lib._qa_state()
    units = [u for d in lib.documents() for u in lib.store.units_of(d.id)]
    return index, units


def test_idf_is_that_of_every_unit(whole):
    index, units = whole
    expected = idf_table(f"{u.heading}\n{u.text}" for u in units)
    assert {w: index.idf[w] for w in expected} == expected
    assert index.idf.get("khongcotu", -1.0) == -1.0 and "khongcotu" not in index.idf


def test_vocabulary_and_pairs_are_those_of_the_unit_texts(whole):
    index, units = whole
    words = {w for u in units for w in syllables(u.text)}
    pairs = {p for u in units for p in bigrams_of(syllables(u.text))}
    headings = {w for u in units for w in syllables(u.heading)} - words
    assert all(w in index.vocabulary for w in words)
    assert not any(w in index.vocabulary for w in headings)
    assert all(p in index.vocabulary_bigrams for p in pairs)
    assert "doan khongcotu" not in index.vocabulary_bigrams


def test_names_present_as_in_the_whole_text(whole):
    index, units = whole
    all_text = "\n".join(u.text for u in units)
    for phrase in ("Tỉnh đoàn", "Ban Dân vận Trung ương", "Hội Nông dân", "BDVTU", "Huyện ủy Vân Khê"):
        index.orgs.resolve(phrase)
    for canonical in list(index.orgs.names):
        assert index.names_present(canonical) == index.orgs.named_in(canonical, all_text), canonical
    for phrase in ("Hải Lâm", "Vân Khê", "đại đoàn kết toàn dân"):
        assert index.phrase_present(phrase) == (folded_words(phrase) in folded_words(all_text))


def test_units_naming_holds_every_unit_addressed(whole):
    index, units = whole
    for canonical in list(index.orgs.names):
        parents = index.orgs.names[canonical].parents
        found = {(u.doc_id, u.ordinal) for u in index.units_naming((canonical, *parents))}
        wanted = {(u.doc_id, u.ordinal) for u in units if addressed(u, canonical, index) > 0}
        assert wanted <= found, canonical


def test_units_are_read_by_document_and_few_are_kept(whole):
    index, units = whole
    doc_id = units[0].doc_id
    assert index.units(doc_id) == tuple(u for u in units if u.doc_id == doc_id)
    assert index.unit(doc_id, 2) == next(u for u in units if u.doc_id == doc_id and u.ordinal == 2)
    assert index.unit(doc_id, 10**6) is None
    for d in index.documents:
        index.units(d)
    assert len(index._units) <= UNIT_CACHE_DOCS


def test_units_naming_with_a_limit_keeps_those_sharing_the_question_first(whole):
    index, units = whole
    canonical = max(index.orgs.names, key=lambda c: len(index.units_naming((c,))))
    every = index.units_naming((canonical,))
    limit = len(every) // 2
    assert limit >= 2
    # Under the limit nothing changes; over it, at most the limit from text and headings, and every
    # unit holding the question's rarest word is among them (they fit).
    assert index.units_naming((canonical,), len(every) + 5) == every
    word = min(
        (w for u in every for w in syllables(u.text)),
        key=lambda w: (sum(w in syllables(u.text) for u in every), w),
    )
    question = f"{canonical} {word}"
    bounded = index.units_naming((canonical,), limit, question)
    keys = {(u.doc_id, u.ordinal) for u in bounded}
    assert keys <= {(u.doc_id, u.ordinal) for u in every}
    assert len(bounded) < len(every)
    sharing = [u for u in every if word in syllables(u.text)]
    assert sharing and all((u.doc_id, u.ordinal) in keys for u in sharing)
