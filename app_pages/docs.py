"""Văn bản: the document list with portal-like filters, and one document opened by ?doc=…&unit=…."""

from __future__ import annotations

import streamlit as st

from app_pages import common
from chidao import ui_format as fmt
from chidao import ui_text as txt
from chidao.core.model import Document, DocumentView, Unit
from chidao.library import Library

TABLE_KEY = "doc_table"
# Filters of the list: document kind, issuer, year, status, words of number or subject.
KIND_KEY, ISSUER_KEY, YEAR_KEY, STATUS_KEY, NEEDLE_KEY = (
    "docs-kind",
    "docs-issuer",
    "docs-year",
    "docs-status",
    "docs-needle",
)


def _open_picked() -> None:
    """A clicked table row or a picked document becomes the page's URL (?doc=…, no unit)."""
    doc_id = st.session_state.get(common.OPEN_DOC_KEY)
    st.query_params.pop(common.UNIT_PARAM, None)
    if doc_id:
        st.query_params[common.DOC_PARAM] = doc_id
    else:
        st.query_params.pop(common.DOC_PARAM, None)


def _open_row() -> None:
    rows = st.session_state[TABLE_KEY].selection.rows
    shown = st.session_state.get("_docs_shown", [])
    if rows and rows[0] < len(shown):
        st.session_state[common.OPEN_DOC_KEY] = shown[rows[0]]
        _open_picked()


def render(lib: Library) -> None:
    st.header(txt.PAGE_DOCS)
    docs = lib.documents()
    if not docs:
        st.info(txt.EMPTY_LIBRARY)
        return
    names = common.document_names(lib)
    replaced = lib.replaced_by()
    ids = [d.id for d in docs]
    wanted = st.query_params.get(common.DOC_PARAM)
    # The URL is the truth: a link, a citation or a row click sets ?doc=, and the picker follows it.
    st.session_state[common.OPEN_DOC_KEY] = wanted if wanted in ids else None
    doc_id = st.selectbox(
        txt.OPEN_DOC_LABEL,
        ids,
        index=None,
        key=common.OPEN_DOC_KEY,
        format_func=lambda i: names[i],
        placeholder=txt.PICK_DOC,
        on_change=_open_picked,
    )
    if doc_id:
        _render_document(lib.document(doc_id), names, replaced, _unit_param())
        return
    _document_list(docs, names, replaced)


def _unit_param() -> int | None:
    raw = st.query_params.get(common.UNIT_PARAM, "")
    return int(raw) if raw.isdigit() else None


def _document_list(docs: list[Document], names: dict[str, str], replaced: dict[str, list[str]]) -> None:
    choices = fmt.filter_choices(docs)
    # Four filters in a row; two per row on a phone (CSS on the container's key in common.py).
    with st.container(key="docs-filters"):
        cols = st.columns(4)
        kind = cols[0].selectbox(txt.FILTER_LABELS[0], [txt.ALL, *choices["doc_type"]], key=KIND_KEY)
        issuer = cols[1].selectbox(txt.FILTER_LABELS[1], [txt.ALL, *choices["issuer"]], key=ISSUER_KEY)
        year = cols[2].selectbox(txt.FILTER_LABELS[2], [txt.ALL, *choices["year"]], key=YEAR_KEY)
        status = cols[3].selectbox(txt.STATUS_FILTER, [txt.ALL, txt.IN_FORCE, txt.REPLACED], key=STATUS_KEY)
    needle = st.text_input(txt.SEARCH_DOCS, key=NEEDLE_KEY).strip().lower()
    shown = [
        d
        for d in docs
        if kind in (txt.ALL, d.metadata.doc_type)
        and (issuer == txt.ALL or issuer in fmt.issuers(d.metadata.issuer))
        and year in (txt.ALL, fmt.document_year(d))
        and status in (txt.ALL, txt.REPLACED if replaced.get(d.id) else txt.IN_FORCE)
        and (not needle or needle in f"{names[d.id]} {d.metadata.number} {d.metadata.title}".lower())
    ]
    st.caption(txt.DOCS_SHOWN.format(n=len(shown), total=len(docs)))
    st.session_state["_docs_shown"] = [d.id for d in shown]
    rows = fmt.library_rows(shown, names, replaced)
    # Toolbar hidden by CSS (its texts are English); a row click opens the document. A phone gets
    # stacked cards instead (CSS shows one or the other by the window's width).
    st.markdown(fmt.document_cards_html(rows), unsafe_allow_html=True)
    st.dataframe(
        rows,
        hide_index=True,
        width="stretch",
        column_config={
            txt.LIBRARY_COLUMNS[0]: st.column_config.TextColumn(width="medium"),
            txt.LIBRARY_COLUMNS[1]: st.column_config.TextColumn(width=95),  # "22/03/2024" in px
            txt.LIBRARY_COLUMNS[3]: st.column_config.TextColumn(width=110),  # "Còn hiệu lực"
            txt.LIBRARY_COLUMNS[4]: st.column_config.TextColumn(width="large"),
        },
        on_select=_open_row,
        selection_mode="single-row",
        key=TABLE_KEY,
    )


def _render_document(
    view: DocumentView, names: dict[str, str], replaced: dict[str, list[str]], target: int | None
) -> None:
    doc, md = view.document, view.document.metadata
    for i, src in enumerate(replaced.get(doc.id, [])):
        st.error(txt.REPLACED_BANNER.format(src=names.get(src, src)))
        if st.button(txt.OPEN_REPLACING, key=f"replacing-{i}"):
            common.open_document(src)
    st.subheader(names[doc.id])
    if md.title:
        st.markdown(f"**{md.title}**")
    values = (md.doc_type, md.number, fmt.format_date(md.date), md.place, md.issuer, doc.id)
    st.markdown(
        "\n".join(f"- {name}: {value}" for name, value in zip(txt.META_FIELDS, values, strict=True) if value)
    )
    if md.recipients:
        st.markdown(f"**{txt.RECIPIENTS}:**\n" + "\n".join(f"- {r}" for r in md.recipients))
    units = {u.ordinal: u for u in view.units}
    if target is not None and target not in units:
        st.warning(txt.UNIT_NOT_FOUND.format(unit=target))
        target = None
    tree = fmt.body_tree(view.units)
    in_tree = target is not None and any(
        target in {t.ordinal, *(s.ordinal for s, _ in subs)} for t, subs in tree
    )
    if target is not None and not in_tree:
        _target_box(units[target])  # a frame block (signature, "Nơi nhận"…) cited on its own
    st.markdown(f"**{txt.CONTENT}**")
    _render_tree(tree, target if in_tree else None)
    if fmt.signer_text(md.signer):
        st.markdown(f"**{txt.SIGNER}:** {fmt.signer_text(md.signer)}")
    if md.cc:
        st.markdown(f"**{txt.CC}:**\n" + "\n".join(f"- {line}" for line in md.cc))
    _render_links(view, names)
    if target is not None:
        _scroll_to(target)


def _target_box(unit: Unit, labelled: bool = True) -> None:
    body = fmt.highlight_html(unit.text, ())
    body = f"<b>{fmt.unit_label(unit)}</b>: {body}" if labelled else body
    common.html(body, "chidao-text chidao-target", anchor=f"muc-{unit.ordinal}")


def _render_tree(tree: list[tuple[Unit, list[tuple[Unit, int]]]], target: int | None) -> None:
    """Top-level items as expanders, their sub-items indented; the cited item's group open and marked."""
    for top, subs in tree:
        here = target is not None and target in {top.ordinal, *(s.ordinal for s, _ in subs)}
        with st.expander(f"{fmt.unit_label(top)} — {fmt.item_text(top)[:80]}", expanded=here):
            if target == top.ordinal:
                _target_box(top, labelled=False)  # the expander's title names it
            else:
                common.html(fmt.highlight_html(top.text, ()))
            for sub, depth in subs:
                body = f"<b>{fmt.unit_label(sub)}</b>: {fmt.highlight_html(sub.text, ())}"
                marked = target == sub.ordinal
                css = "chidao-sub chidao-target" if marked else "chidao-sub"
                common.html(body, css, depth, anchor=f"muc-{sub.ordinal}" if marked else "")


# Scrolls the cited item into view once it is drawn. The page draws top to bottom and Streamlit may
# scroll to the top after a page change, so it checks again until the item has stayed in view.
_SCROLL_JS = """<script>
(function (n) {
  var tries = 0, settled = 0;
  (function go() {
    var el = document.getElementById("muc-" + n);
    if (el) {
      var box = el.getBoundingClientRect();
      if (box.top >= 0 && box.top < window.innerHeight / 2) { settled += 1; }
      else { settled = 0; el.scrollIntoView({block: "start"}); }
    }
    if (settled < 3 && ++tries < 60) { setTimeout(go, 150); }
  })();
})(%d);
</script>"""


def _scroll_to(ordinal: int) -> None:
    st.html(_SCROLL_JS % ordinal, unsafe_allow_javascript=True)


def _render_links(view: DocumentView, names: dict[str, str]) -> None:
    st.markdown(f"#### {txt.LINKS}")
    if not view.references and not view.cited_by:
        st.caption(txt.NO_LINKS)
        return
    for i, ref in enumerate(view.references):
        relation = txt.RELATION_LABELS.get(ref.relation, ref.relation)
        with st.container(border=True):
            if ref.target:
                st.markdown(f"{txt.CITES.format(rel=relation)} **{names.get(ref.target, ref.target)}**")
                if st.button(txt.OPEN_DOCUMENT, key=f"ref-{i}"):
                    common.open_document(ref.target)
            else:
                st.markdown(
                    f"{txt.CITES.format(rel=relation)} **{fmt.reference_name(ref)}** — *{txt.MISSING}*"
                )
                if st.button(txt.ADD_THIS, key=f"add-{i}"):
                    common.add_document(fmt.reference_name(ref))
    if view.cited_by:
        st.markdown(txt.CITED_BY)
    for i, (src, ref) in enumerate(view.cited_by):
        relation = txt.RELATION_LABELS.get(ref.relation, ref.relation)
        with st.container(border=True):
            st.markdown(f"**{names.get(src, src)}** ({relation})")
            if st.button(txt.OPEN_DOCUMENT, key=f"cited-{i}"):
                common.open_document(src)
    # The graph repeats the list above; folded, so that a phone shows the readable list first.
    with st.expander(txt.LINK_GRAPH):
        st.graphviz_chart(fmt.reference_dot(view, names))


render(common.library())
