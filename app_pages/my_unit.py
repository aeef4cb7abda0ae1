"""Đơn vị của tôi: every task given to one unit across the library, deadline first, as a table and CSV."""

from __future__ import annotations

import re

import streamlit as st

from app_pages import common
from chidao import ui_format as fmt
from chidao import ui_text as txt
from chidao.library import Library

UNIT_KEY = "my_unit"


def render(lib: Library) -> None:
    st.header(txt.PAGE_MY_UNIT)
    org = st.selectbox(
        txt.PICK_UNIT, lib.organisations(), index=None, placeholder=txt.PICK_UNIT, key=UNIT_KEY
    )
    if not org:
        st.info(txt.PICK_UNIT_HINT)
        return
    tasks = lib.tasks(org)
    if not tasks:
        st.info(txt.NO_TASKS.format(org=org))
        return
    names = common.document_names(lib)
    st.markdown(f"**{txt.TASKS_FOUND.format(n=len(tasks), org=org)}**")
    slug = re.sub(r"\W+", "-", org.lower()).strip("-")
    st.download_button(
        txt.DOWNLOAD_CSV,
        fmt.csv_bytes(fmt.task_rows(tasks, names, blank=""), txt.TASK_COLUMNS),
        file_name=f"nhiem-vu-{slug}.csv",
        mime="text/csv",
    )
    # An HTML table, not st.dataframe: its deadline column comes first and stays visible at any width,
    # rows become stacked cards on a phone (CSS in pages/common.py), and no English toolbar appears.
    st.markdown(fmt.table_html(fmt.task_rows(tasks, names), txt.TASK_COLUMNS), unsafe_allow_html=True)


render(common.library())
