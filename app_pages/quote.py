"""Tìm nguồn trích dẫn: paste a quote or paraphrase, get its source passages as numbered citations."""

from __future__ import annotations

import streamlit as st

from app_pages import common
from chidao import ui_text as txt
from chidao.core.cite import make_citation
from chidao.library import Library

SOURCES_K = 5


def render(lib: Library) -> None:
    st.header(txt.PAGE_QUOTE)
    quote = st.text_area(txt.QUOTE_LABEL, key=common.QUOTE_KEY).strip()
    filters = common.filters(lib, "quote")
    if not quote:
        st.info(txt.QUOTE_HINT)
        return
    with st.spinner(txt.THINKING):
        found = lib.sources(quote, k=SOURCES_K, **filters)
    if found.found:
        common.source_list(lib, found.citations, "source")
        return
    # "Không tìm thấy nguồn …": no document says this; the closest passages follow, marked unsure.
    st.warning(found.text.splitlines()[0] if found.text else txt.QUOTE_NOTHING)
    if found.suggestions:
        st.caption(txt.QUOTE_CLOSEST)
        common.source_list(lib, [make_citation(h) for h in found.suggestions], "closest")


render(common.library())
