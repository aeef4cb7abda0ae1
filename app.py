"""chidao in the browser: ask, find the source of a quote, browse documents, add documents (widgets only)."""

from __future__ import annotations

import re
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path

import streamlit as st

from chidao import ui_format as fmt
from chidao import ui_text as txt
from chidao.library import SUPPORTED_SUFFIXES, Library, resolve_store
from chidao.model import Answer, Citation, DocumentView, Hit, IngestReport, IngestResult

DATA_DIR = Path(__file__).resolve().parent / "data"
MAX_UPLOAD_MB = 50  # keep equal to server.maxUploadSize in .streamlit/config.toml
MAX_UPLOAD_BYTES = MAX_UPLOAD_MB * 2**20
SOURCES_K = 5


PAGE_KEY, QUESTION_KEY, QUOTE_KEY, OPEN_DOC_KEY = "page", "question", "quote", "open_doc"
WANTED_KEY, REPORT_KEY, ANSWERS_KEY, REMOVED_KEY = "wanted_doc", "upload_report", "answers", "removed"

CSS = """<style>
mark {background: #ffe58a; padding: 0 .1em; border-radius: 2px;}
.chidao-text {overflow-wrap: anywhere; line-height: 1.6;}
.chidao-sub {margin-left: calc(var(--depth) * 1.2em); overflow-wrap: anywhere;}
</style>"""


@st.cache_resource(show_spinner="Đang mở thư viện…")
def open_library(store: str) -> Library:
    """One Library (models, indexes, SQLite) per store path and process."""
    return Library.open(store)


@st.cache_resource
def _seeded_stores() -> set[str]:
    return set()


def ingest_uploads(
    lib: Library, files: Sequence[tuple[str, bytes]], progress: Callable[[int, int, str], None] | None = None
) -> IngestReport:
    """Write uploaded (name, bytes) pairs under their original names to a temporary folder and ingest them.

    Each file gets its own subfolder, so two uploads with the same name never overwrite each other.
    """
    with tempfile.TemporaryDirectory(prefix="chidao-upload-") as tmp:
        paths = []
        for i, (name, data) in enumerate(files):
            folder = Path(tmp) / str(i)
            folder.mkdir()
            path = folder / (Path(name.replace("\\", "/")).name or "tep-khong-ten")
            path.write_bytes(data)
            paths.append(path)
        return lib.ingest(paths, progress=progress, max_bytes=MAX_UPLOAD_BYTES)


def _progress_callback(bar) -> Callable[[int, int, str], None]:
    def progress(done: int, total: int, label: str) -> None:
        bar.progress(
            done / total if total else 1.0, text=txt.PROGRESS.format(label=label, done=done, total=total)
        )

    return progress


def _ensure_default_library(lib: Library, store: str) -> None:
    """Ingest data/ on the first start, when the store lacks its files (once per process and store)."""
    seeded = _seeded_stores()
    if store in seeded:
        return
    have = {d.id for d in lib.documents()} if lib.exists else set()  # the first start creates the store
    missing = [
        p for p in sorted(DATA_DIR.glob("*")) if p.suffix.lower() in SUPPORTED_SUFFIXES and p.name not in have
    ]
    if missing:
        bar = st.progress(0.0, text=txt.SEEDING)
        report = lib.ingest(missing, progress=_progress_callback(bar))
        bar.empty()
        for result in report.failed:
            st.error(txt.failure_text(result))
    seeded.add(store)


# -- navigation callbacks ---------------------------------------------------------------------------


def _goto_document(doc_id: str) -> None:
    st.session_state[PAGE_KEY] = txt.PAGE_DOCS
    st.session_state[OPEN_DOC_KEY] = doc_id


def _goto_upload(wanted: str) -> None:
    st.session_state[PAGE_KEY] = txt.PAGE_UPLOAD
    st.session_state[WANTED_KEY] = wanted


def _set_question(question: str) -> None:
    st.session_state[QUESTION_KEY] = question


# -- shared rendering -------------------------------------------------------------------------------


def _html(body: str, css_class: str = "chidao-text", depth: int = 0) -> None:
    st.markdown(f'<div class="{css_class}" style="--depth:{depth}">{body}</div>', unsafe_allow_html=True)


def _filters(lib: Library, key: str) -> dict[str, object]:
    """Document type, issuer, year and document selectors; returns the chosen ones as search filters."""
    docs = lib.documents()
    choices = fmt.filter_choices(docs)
    labels = {d.id: f"{d.label} ({d.id})" for d in docs}
    chosen: dict[str, object] = {}
    with st.expander(txt.FILTERS):
        for (name, options), label in zip(choices.items(), txt.FILTER_LABELS, strict=True):
            value = st.selectbox(
                label, [txt.ALL, *options], key=f"{key}-{name}", format_func=lambda v: labels.get(v, str(v))
            )
            if value != txt.ALL:
                chosen[name] = value
    return chosen


def _citation_card(lib: Library, hit: Hit, spans, citation: str, deadline: str, key: str) -> None:
    """A cited item: its document, date, issuer and label, highlighted text, context, citation, link."""
    doc, unit = hit.document, hit.unit
    with st.container(border=True):
        head = " · ".join(x for x in (doc.label, fmt.document_facts(doc), fmt.unit_label(unit)) if x)
        st.markdown(f"**{head}**")
        _html(fmt.highlight_html(unit.text, spans))
        if deadline:
            st.caption(f"{txt.DEADLINE}: {deadline}")
        with st.expander(txt.IN_CONTEXT):
            for other in fmt.context_units(lib.document(doc.id).units, unit.ordinal, around=2):
                body = fmt.highlight_html(other.text, spans if other.ordinal == unit.ordinal else ())
                _html(f"<b>{fmt.unit_label(other)}</b>: {body}")
        st.caption(txt.CITE_AS)
        st.code(fmt.with_signer(citation or fmt.source_citation(hit), doc), language=None, wrap_lines=True)
        st.button(txt.OPEN_DOCUMENT, key=key, on_click=_goto_document, args=(doc.id,))


# -- pages ------------------------------------------------------------------------------------------


def page_ask(lib: Library) -> None:
    st.header(txt.PAGE_ASK)
    tab_ask, tab_unit = st.tabs([txt.TAB_ASK, txt.TAB_MY_UNIT])
    with tab_ask:
        _ask_section(lib)
    with tab_unit:
        _my_unit_section(lib)


def _ask_section(lib: Library) -> None:
    organisations = lib.organisations()
    examples = fmt.example_questions(organisations, lib.documents())
    if examples:
        st.caption(txt.EXAMPLES)
        with st.container(horizontal=True):
            for i, question in enumerate(examples):
                st.button(question, key=f"example-{i}", on_click=_set_question, args=(question,))
    question = st.text_input(txt.QUESTION_LABEL, key=QUESTION_KEY, help=txt.QUESTION_HELP).strip()
    filters = _filters(lib, "ask")
    if not question:
        st.info(txt.ASK_HINT)
        return
    cache = st.session_state.setdefault(ANSWERS_KEY, {})
    cache_key = (question, tuple(sorted(filters.items())))
    if cache_key not in cache:
        cache[cache_key] = lib.ask(question, **filters)
    _render_answer(lib, cache[cache_key])


def _render_answer(lib: Library, answer: Answer) -> None:
    if not answer.found:
        # qa lists the closest passages in the text too; they are drawn as cards below instead.
        st.warning(answer.text.split("\n", 1)[0] if answer.suggestions else answer.text)
        if answer.suggestions:
            st.markdown(txt.NOT_FOUND_SUGGESTIONS)
            for i, hit in enumerate(answer.suggestions):
                _citation_card(lib, hit, (), "", "", key=f"suggestion-{i}")
        return
    st.subheader(txt.ANSWER)
    _html(fmt.highlight_html(answer.text, ()))
    st.markdown(f"**{txt.SOURCES}**")
    for i, c in enumerate(answer.citations):
        _citation_card(lib, c.hit, c.highlights, c.citation, c.deadline, key=f"citation-{i}")


def _my_unit_section(lib: Library) -> None:
    organisations = lib.organisations()
    org = st.selectbox(txt.PICK_UNIT, organisations, index=None, placeholder=txt.PICK_UNIT, key="my_unit")
    if not org:
        st.info(txt.PICK_UNIT_HINT)
        return
    rows = fmt.task_rows(lib.tasks(org))
    if not rows:
        st.info(txt.NO_TASKS.format(org=org))
        return
    st.markdown(f"**{txt.TASKS_FOUND.format(n=len(rows), org=org)}**")
    st.dataframe(rows, hide_index=True, width="stretch")
    slug = re.sub(r"\W+", "-", org.lower()).strip("-")
    st.download_button(
        txt.DOWNLOAD_CSV,
        fmt.csv_bytes(rows, txt.TASK_COLUMNS),
        file_name=f"nhiem-vu-{slug}.csv",
        mime="text/csv",
    )


def page_quote(lib: Library) -> None:
    st.header(txt.PAGE_QUOTE)
    quote = st.text_area(txt.QUOTE_LABEL, key=QUOTE_KEY).strip()
    filters = _filters(lib, "quote")
    if not quote:
        st.info(txt.QUOTE_HINT)
        st.stop()
    sources: list[Citation] = lib.sources(quote, k=SOURCES_K, **filters)
    if not sources:
        st.warning(txt.QUOTE_NOTHING)
    for i, c in enumerate(sources):
        _citation_card(lib, c.hit, c.highlights, c.citation, "", key=f"source-{i}")


def page_docs(lib: Library) -> None:
    st.header(txt.PAGE_DOCS)
    docs = lib.documents()
    if not docs:
        st.info(txt.EMPTY_LIBRARY)
        st.stop()
    needle = st.text_input(txt.SEARCH_DOCS, key="doc_filter").strip().lower()
    rows = [
        r for r in fmt.library_rows(docs) if not needle or needle in " ".join(map(str, r.values())).lower()
    ]
    table = st.dataframe(
        rows,
        hide_index=True,
        width="stretch",
        column_config={txt.DATE_COLUMN: st.column_config.DateColumn(format="DD/MM/YYYY")},
        on_select="rerun",
        selection_mode="single-row",
        key="doc_table",
    )
    picked = table.selection.rows if table is not None and hasattr(table, "selection") else []
    if picked and rows[picked[0]][txt.FILE_COLUMN] != st.session_state.get("doc_table_opened"):
        # A newly clicked row opens its document; the selectbox below stays the way to switch.
        st.session_state["doc_table_opened"] = st.session_state[OPEN_DOC_KEY] = rows[picked[0]][
            txt.FILE_COLUMN
        ]
    labels = {d.id: fmt.document_name(d) for d in docs}
    doc_id = st.selectbox(
        txt.OPEN_DOC_LABEL,
        [d.id for d in docs],
        index=None,
        key=OPEN_DOC_KEY,
        format_func=lambda doc_id: labels[doc_id],
        placeholder=txt.PICK_DOC,
    )
    if doc_id:
        st.query_params["doc"] = doc_id
        _render_document(lib.document(doc_id), labels)
    else:
        st.query_params.pop("doc", None)


def _render_document(view: DocumentView, labels: dict[str, str]) -> None:
    doc, md = view.document, view.document.metadata
    st.subheader(labels[doc.id])
    if md.title:
        st.markdown(f"**{md.title}**")
    values = (md.doc_type, md.number, fmt.format_date(md.date), md.place, md.issuer, doc.id)
    st.markdown(
        "\n".join(f"- {name}: {value}" for name, value in zip(txt.META_FIELDS, values, strict=True) if value)
    )
    if md.recipients:
        st.markdown(f"**{txt.RECIPIENTS}:**\n" + "\n".join(f"- {r}" for r in md.recipients))
    st.markdown(f"**{txt.CONTENT}**")
    _render_tree(view)
    if fmt.signer_text(md.signer):
        st.markdown(f"**{txt.SIGNER}:** {fmt.signer_text(md.signer)}")
    if md.cc:
        st.markdown(f"**{txt.CC}:**\n" + "\n".join(f"- {line}" for line in md.cc))
    _render_links(view, labels)


def _render_tree(view: DocumentView) -> None:
    """Top-level items as expanders, their sub-items indented by depth inside."""
    for top, subs in fmt.body_tree(view.units):
        with st.expander(f"{fmt.unit_label(top)} — {fmt.item_text(top)[:80]}", expanded=False):
            _html(fmt.highlight_html(top.text, ()))
            for sub, depth in subs:
                _html(
                    f"<b>{fmt.unit_label(sub)}</b>: {fmt.highlight_html(sub.text, ())}", "chidao-sub", depth
                )


def _render_links(view: DocumentView, labels: dict[str, str]) -> None:
    st.markdown(f"#### {txt.LINKS}")
    if not view.references and not view.cited_by:
        st.caption(txt.NO_LINKS)
        return
    for i, ref in enumerate(view.references):
        relation = txt.RELATION_LABELS.get(ref.relation, ref.relation)
        with st.container(border=True):
            if ref.target:
                st.markdown(f"{txt.CITES.format(rel=relation)} **{labels.get(ref.target, ref.target)}**")
                st.button(txt.OPEN_DOCUMENT, key=f"ref-{i}", on_click=_goto_document, args=(ref.target,))
            else:
                st.markdown(
                    f"{txt.CITES.format(rel=relation)} **{fmt.reference_name(ref)}** — *{txt.MISSING}*"
                )
                st.button(
                    txt.ADD_THIS, key=f"add-{i}", on_click=_goto_upload, args=(fmt.reference_name(ref),)
                )
    if view.cited_by:
        st.markdown(txt.CITED_BY)
    for i, (src, ref) in enumerate(view.cited_by):
        relation = txt.RELATION_LABELS.get(ref.relation, ref.relation)
        if ref.relation == "replaces":
            st.warning(txt.REPLACED_BY.format(src=labels.get(src, src)))
        with st.container(border=True):
            st.markdown(f"**{labels.get(src, src)}** ({relation})")
            st.button(txt.OPEN_DOCUMENT, key=f"cited-{i}", on_click=_goto_document, args=(src,))
    st.graphviz_chart(fmt.reference_dot(view, labels))


def page_upload(lib: Library) -> None:
    st.header(txt.PAGE_UPLOAD)
    if st.session_state.get(WANTED_KEY):
        st.info(txt.WANTED.format(name=st.session_state[WANTED_KEY]))
    files = st.file_uploader(
        txt.UPLOAD_LABEL, type=[s.lstrip(".") for s in SUPPORTED_SUFFIXES], accept_multiple_files=True
    )
    st.caption(txt.UPLOAD_LIMIT.format(mb=MAX_UPLOAD_MB))
    if st.button(txt.ADD_BUTTON, type="primary", disabled=not files):
        bar = st.progress(0.0)
        report = ingest_uploads(lib, [(f.name, f.getvalue()) for f in files or []], _progress_callback(bar))
        bar.empty()
        st.session_state[REPORT_KEY] = report.results
        st.session_state.pop(WANTED_KEY, None)
    if results := st.session_state.get(REPORT_KEY):
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
    st.dataframe(txt.ingest_rows(results), hide_index=True, width="stretch")


def _remove_section(lib: Library) -> None:
    if message := st.session_state.pop(REMOVED_KEY, None):
        st.success(message)
    docs = lib.documents()
    if not docs:
        return
    with st.expander(txt.REMOVE):
        doc_id = st.selectbox(
            txt.REMOVE_PICK, [d.id for d in docs], index=None, key="remove_doc", placeholder=txt.PICK_DOC
        )
        sure = st.checkbox(txt.REMOVE_CONFIRM, key="remove_sure")
        if st.button(txt.REMOVE_BUTTON, disabled=not (doc_id and sure)) and doc_id:
            lib.remove(doc_id)
            for key in ("remove_doc", "remove_sure", OPEN_DOC_KEY):
                if key != OPEN_DOC_KEY or st.session_state.get(key) == doc_id:
                    st.session_state.pop(key, None)
            st.session_state[REMOVED_KEY] = txt.REMOVED.format(doc_id=doc_id)
            st.rerun()


def _open_linked_document(lib: Library) -> None:
    """A link with ?doc=<file name> opens that document, once, when a session starts."""
    doc_id = st.query_params.get("doc")
    if doc_id and OPEN_DOC_KEY not in st.session_state and doc_id in {d.id for d in lib.documents()}:
        _goto_document(doc_id)


def main() -> None:
    st.set_page_config(page_title=txt.APP_TITLE, page_icon="📜", layout="wide")
    st.markdown(CSS, unsafe_allow_html=True)
    store = str(resolve_store(None))
    lib = open_library(store)
    _ensure_default_library(lib, store)
    st.sidebar.markdown(f"### {txt.APP_TITLE}")
    _open_linked_document(lib)
    page = st.sidebar.radio(txt.NAV_LABEL, txt.PAGES, key=PAGE_KEY)
    docs = lib.documents()
    st.sidebar.caption(txt.LIBRARY_SIZE.format(docs=len(docs), units=sum(d.unit_count for d in docs)))
    {
        txt.PAGE_ASK: page_ask,
        txt.PAGE_QUOTE: page_quote,
        txt.PAGE_DOCS: page_docs,
        txt.PAGE_UPLOAD: page_upload,
    }[page](lib)


if __name__ == "__main__":
    main()
