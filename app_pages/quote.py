"""Tìm nguồn trích dẫn: paste a quote or paraphrase, get its source passages as numbered citations."""

from __future__ import annotations

import streamlit as st

from app_pages import common
from chidao import ui_text as txt
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
        sources = lib.sources(quote, k=SOURCES_K, **filters)
    if not sources:
        st.warning(txt.QUOTE_NOTHING)
        return
    common.source_list(lib, sources, "source")


render(common.library())
