"""Thêm văn bản: upload files into the library, see what happened to each, remove a document."""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

from app_pages import common
from chidao import ui_format as fmt
from chidao import ui_text as txt
from chidao.core.model import IngestResult
from chidao.library import SUPPORTED_SUFFIXES, Library


def render(lib: Library) -> None:
    st.header(txt.PAGE_UPLOAD)
    wanted = st.empty()  # cleared once the wanted document was added
    if st.session_state.get(common.WANTED_KEY):
        wanted.info(txt.WANTED.format(name=st.session_state[common.WANTED_KEY]))
    files = st.file_uploader(
        txt.UPLOAD_LABEL, type=[s.lstrip(".") for s in SUPPORTED_SUFFIXES], accept_multiple_files=True
    )
    st.caption(txt.UPLOAD_LIMIT.format(mb=common.MAX_UPLOAD_MB))
    if st.button(txt.ADD_BUTTON, type="primary", disabled=not files):
        bar, page_bar = st.progress(0.0), st.empty()
        uploads = [(f.name, f.getvalue()) for f in files or []]
        report = common.ingest_uploads(
            lib, uploads, common.progress_callback(bar), common.page_progress_callback(page_bar)
        )
        bar.empty()
        page_bar.empty()
        st.session_state[common.REPORT_KEY] = report.results
        if st.session_state.pop(common.WANTED_KEY, None) and report.ok:
            wanted.empty()
    if results := st.session_state.get(common.REPORT_KEY):
        _render_upload_report(results)
    _remove_section(lib)


def _render_upload_report(results: Sequence[IngestResult]) -> None:
    counts = {status: sum(r.status == status for r in results) for status in txt.STATUS_LABELS}
    summary = txt.UPLOAD_DONE.format(
        n=len(results),
        ok=counts["added"] + counts["replaced"],
        same=counts["unchanged"],
        bad=counts["failed"],
    )
    (st.warning if counts["failed"] else st.success)(summary)
    for result in results:
        if result.status == "failed":
            st.error(txt.failure_text(result))
    st.markdown(fmt.table_html(txt.ingest_rows(results), txt.INGEST_COLUMNS), unsafe_allow_html=True)


def _remove_section(lib: Library) -> None:
    if message := st.session_state.pop(common.REMOVED_KEY, None):
        st.success(message)
    docs = lib.documents()
    if not docs:
        return
    names = common.document_names(lib)
    with st.expander(txt.REMOVE):
        doc_id = st.selectbox(
            txt.REMOVE_PICK,
            [d.id for d in docs],
            index=None,
            key="remove_doc",
            placeholder=txt.PICK_DOC,
            format_func=lambda i: f"{names[i]} ({i})",
        )
        sure = st.checkbox(txt.REMOVE_CONFIRM, key="remove_sure")
        if st.button(txt.REMOVE_BUTTON, disabled=not (doc_id and sure)) and doc_id:
            lib.remove(doc_id)
            for key in ("remove_doc", "remove_sure"):
                st.session_state.pop(key, None)
            st.session_state[common.REMOVED_KEY] = txt.REMOVED.format(doc_id=doc_id)
            st.rerun()


render(common.library())
