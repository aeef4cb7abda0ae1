"""What every page of the app shares: the library, page addresses, query parameters, style, cards.

The folder is not called `pages/`: Streamlit treats a `pages/` folder beside app.py as a first-version
multipage app and answers the first visit after a server start of /van-ban with "Page not found".
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Sequence
from html import escape
from pathlib import Path
from typing import cast

import streamlit as st

from chidao import ui_answer as ans
from chidao import ui_format as fmt
from chidao import ui_text as txt
from chidao.core.model import Citation, IngestReport
from chidao.library import SUPPORTED_SUFFIXES, Library, resolve_store
from chidao.shared import SharedLibrary

ROOT = Path(__file__).resolve().parents[1]
DATA_DIR = ROOT / "data"
MAX_UPLOAD_MB = 50  # keep equal to server.maxUploadSize in .streamlit/config.toml
MAX_UPLOAD_BYTES = MAX_UPLOAD_MB * 2**20

# Page scripts (relative to app.py) and their URL paths; a page owns the query parameters it reads.
ASK, MY_UNIT, DEADLINES, QUOTE, DOCS, UPLOAD = (
    "app_pages/ask.py",
    "app_pages/my_unit.py",
    "app_pages/deadlines.py",
    "app_pages/quote.py",
    "app_pages/docs.py",
    "app_pages/upload.py",
)
URL_PATHS = {
    ASK: "hoi-dap",
    MY_UNIT: "don-vi",
    DEADLINES: "han",
    QUOTE: "trich-dan",
    DOCS: "van-ban",
    UPLOAD: "them-van-ban",
}
DOC_PARAM, UNIT_PARAM = "doc", "unit"
OWNED_PARAMS = {URL_PATHS[DOCS]: (DOC_PARAM, UNIT_PARAM)}

# Session keys
QUESTION_KEY, QUOTE_KEY, OPEN_DOC_KEY, WANTED_KEY = "question", "quote", "open_doc", "wanted_doc"
REPORT_KEY, ANSWERS_KEY, REMOVED_KEY = "upload_report", "answers", "removed"

CSS = """<style>
mark {background: #ffe58a; padding: 0 .1em; border-radius: 2px;}
.chidao-text {overflow-wrap: anywhere; line-height: 1.6;}
.chidao-sub {margin-left: calc(var(--depth) * 1.2em); overflow-wrap: anywhere;}
.chidao-answer p, .chidao-answer li {line-height: 1.6; overflow-wrap: anywhere; margin-bottom: .3em;}
a.chidao-ref {text-decoration: none; font-weight: 600; font-size: .85em; margin-left: .15em;}
.chidao-deadline {display: inline-block; background: #fde2e1; color: #8a1c14; border-radius: .6em;
  padding: 0 .5em; font-size: .85em; font-weight: 600; white-space: nowrap;}
.chidao-target {background: #fff7d6; border-left: 4px solid #e0a800; padding: .3em .6em;
  scroll-margin-top: 5rem;}
table.chidao-table {width: 100%; border-collapse: collapse; font-size: .92em;}
table.chidao-table th, table.chidao-table td {border-bottom: 1px solid #e6e6e6; padding: .35em .5em;
  text-align: left; vertical-align: top; overflow-wrap: break-word;}
table.chidao-table td.chidao-first {font-weight: 600; color: #8a1c14; white-space: nowrap;}
@media (max-width: 640px) {
  table.chidao-table thead {display: none;}
  table.chidao-table tr {display: block; border: 1px solid #e6e6e6; border-radius: .5em;
    margin-bottom: .6em; padding: .3em .2em;}
  table.chidao-table td {display: block; border: 0; padding: .15em .5em;}
  table.chidao-table td::before {content: attr(data-label) ": "; font-weight: 600; color: #555;}
  table.chidao-table td.chidao-first {white-space: normal;}
}
.chidao-phone-only {display: none;}
.chidao-card {border: 1px solid #e6e6e6; border-radius: .5em; padding: .5em .7em; margin-bottom: .5em;
  overflow-wrap: anywhere;}
.chidao-card a {font-weight: 600;}
@media (max-width: 640px) {
  .chidao-phone-only {display: block;}
  .st-key-doc_table {display: none !important;}
  .st-key-docs-filters [data-testid="stHorizontalBlock"] {flex-flow: row wrap; gap: .5rem;}
  .st-key-docs-filters [data-testid="stColumn"] {flex: 1 1 calc(50% - .5rem) !important;
    min-width: calc(50% - .5rem) !important; width: calc(50% - .5rem) !important;}
}
/* Streamlit texts that cannot be translated by a setting are hidden or replaced (Vietnamese UI). */
[data-testid="stElementToolbar"] {display: none !important;}
[data-testid="stCodeCopyButton"] {display: none !important;}
[data-testid="stFileUploaderDropzoneInstructions"] > div > span,
[data-testid="stFileUploaderDropzoneInstructions"] > div > small {display: none;}
[data-testid="stFileUploaderDropzoneInstructions"] > div::after {content: "@DROP@"; display: block;}
[data-testid="stFileUploaderDropzoneInstructions"] > div::before {
  content: "@TYPES@"; display: block; order: 2; font-size: .85em; opacity: .7;}
[data-testid="stFileUploaderDropzone"] button[data-testid="stBaseButton-secondary"] {font-size: 0;}
[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"] {display: none;}
[data-testid="stFileUploaderDropzone"] button[data-testid="stBaseButton-secondary"]::after {
  content: "@BROWSE@"; font-size: 1rem;}
[data-testid="stStatusWidget"] {display: none !important;}
[data-testid="stMainBlockContainer"] {padding-top: 2.5rem;}
@media (max-width: 640px) {[data-testid="stMainBlockContainer"] {padding-top: 1rem;}}
button.chidao-copy {border: 1px solid #c9c9c9; border-radius: .5em; background: #fff; padding: .3em .8em;
  font-size: .9em; cursor: pointer;}
</style>"""


def style() -> None:
    css = (
        CSS.replace("@DROP@", txt.UPLOAD_DROP)
        .replace("@TYPES@", txt.UPLOAD_TYPES.format(mb=MAX_UPLOAD_MB))
        .replace("@BROWSE@", txt.UPLOAD_BROWSE)
    )
    st.markdown(css, unsafe_allow_html=True)


@st.cache_resource(show_spinner="Đang mở thư viện…")
def _shared_library(store: str) -> SharedLibrary:
    """One Library (models, indexes, SQLite) per store path and process, behind a reader-writer lock."""
    return SharedLibrary(Library.open(store))


def library() -> Library:
    """The library of this server's store (shared by every session; see chidao.shared)."""
    return cast(Library, _shared_library(str(resolve_store(None))))


@st.cache_resource
def _seeded_stores() -> set[str]:
    return set()


def ensure_default_library(lib: Library) -> None:
    """Ingest data/ on the first start, when the store lacks its files (once per process and store)."""
    store = str(resolve_store(None))
    seeded = _seeded_stores()
    if store in seeded:
        return
    have = {d.id for d in lib.documents()} if lib.exists else set()  # the first start creates the store
    missing = [
        p for p in sorted(DATA_DIR.glob("*")) if p.suffix.lower() in SUPPORTED_SUFFIXES and p.name not in have
    ]
    if missing:
        bar = st.progress(0.0, text=txt.SEEDING)
        report = lib.ingest(missing, progress=progress_callback(bar))
        bar.empty()
        for result in report.failed:
            st.error(txt.failure_text(result))
    seeded.add(store)


def ingest_uploads(
    lib: Library,
    files: Sequence[tuple[str, bytes]],
    progress: Callable[[int, int, str], None] | None = None,
    pages: Callable[[str, int, int, str], None] | None = None,
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
        return lib.ingest(paths, progress=progress, pages=pages, max_bytes=MAX_UPLOAD_BYTES)


def progress_callback(bar) -> Callable[[int, int, str], None]:
    def progress(done: int, total: int, label: str) -> None:
        bar.progress(
            done / total if total else 1.0, text=txt.PROGRESS.format(label=label, done=done, total=total)
        )

    return progress


def page_progress_callback(bar) -> Callable[[str, int, int, str], None]:
    """Pages of a long PDF (read, then OCR'd when scanned) on a second progress bar."""

    def pages(name: str, done: int, total: int, stage: str) -> None:
        label = txt.PAGE_PROGRESS.format(
            label=name, stage=txt.PAGE_STAGES.get(stage, stage), done=done, total=total
        )
        bar.progress(done / total if total else 1.0, text=label)

    return pages


# -- navigation ---------------------------------------------------------------------------------


def open_document(doc_id: str, ordinal: int | None = None) -> None:
    """Go to the document page at `doc_id` (and at its unit `ordinal`), through its URL parameters."""
    params = {DOC_PARAM: doc_id} | ({UNIT_PARAM: str(ordinal)} if ordinal is not None else {})
    st.switch_page(DOCS, query_params=params)


def add_document(wanted: str) -> None:
    """Go to the upload page, which then names the document the user wants to add."""
    st.session_state[WANTED_KEY] = wanted
    st.switch_page(UPLOAD)


def keep_owned_params(url_path: str) -> None:
    """Drop query parameters the current page does not own (left over from the previous page)."""
    owned = OWNED_PARAMS.get(url_path, ())
    for key in [k for k in st.query_params if k not in owned]:
        del st.query_params[key]


# -- shared rendering ---------------------------------------------------------------------------


def html(body: str, css_class: str = "chidao-text", depth: int = 0, anchor: str = "") -> None:
    """Trusted HTML (escaped by ui_format) in a div; `anchor` becomes its id for links and scrolling."""
    id_attr = f' id="{anchor}"' if anchor else ""
    st.markdown(
        f'<div class="{css_class}"{id_attr} style="--depth:{depth}">{body}</div>', unsafe_allow_html=True
    )


def filters(lib: Library, key: str) -> dict[str, object]:
    """Document type, issuer, year and document selectors; returns the chosen ones as search filters."""
    docs = lib.documents()
    choices = fmt.filter_choices(docs)
    names = document_names(lib)
    chosen: dict[str, object] = {}
    with st.expander(txt.FILTERS):
        for (name, options), label in zip(choices.items(), txt.FILTER_LABELS, strict=True):
            value = st.selectbox(
                label, [txt.ALL, *options], key=f"{key}-{name}", format_func=lambda v: names.get(v, str(v))
            )
            if value != txt.ALL:
                chosen[name] = value
    return chosen


def document_names(lib: Library) -> dict[str, str]:
    """Display names of the library's documents by id (kind + number, else kind + subject)."""
    docs = lib.documents()
    leads = lib.lead_lines() if any(not d.metadata.number and not d.metadata.title for d in docs) else {}
    return {d.id: fmt.document_name(d, leads.get(d.id, "")) for d in docs}


def source_list(lib: Library, citations: Sequence[Citation], key: str) -> None:
    """The numbered sources of an answer: number, document, date, issuer, item, signer, the cited
    text highlighted, a copy-ready citation with a copy button, and a link to the item."""
    for source, c in zip(ans.sources(list(citations)), citations, strict=True):
        with st.container(border=True):
            st.markdown(
                f'<span id="nguon-{source.number}"></span>**[{source.number}] {source.name}**',
                unsafe_allow_html=True,
            )
            st.caption(" · ".join(source.facts))
            html(fmt.highlight_html(c.hit.unit.text, c.highlights))
            if source.deadline:
                html(f'<span class="chidao-deadline">{txt.DEADLINE}: {source.deadline}</span>')
            copy_box(source.copy_text)
            if st.button(txt.OPEN_AT_ITEM, key=f"{key}-open-{source.number}"):
                open_document(c.hit.document.id, c.hit.unit.ordinal)


# A plain button copying its data-text: navigator.clipboard where the page is a secure context
# (localhost, https), else the older execCommand on a temporary text area (http on a LAN address).
# Streamlit strips inline handlers, so a script binds the buttons that are not bound yet.
_COPY_BUTTON = """<button type="button" class="chidao-copy" data-text="%(text)s">%(label)s</button>
<script>
document.querySelectorAll("button.chidao-copy:not([data-bound])").forEach(function (b) {
  b.dataset.bound = "1";
  b.addEventListener("click", function () {
    var t = b.dataset.text, ok = function () { b.textContent = "%(done)s"; };
    if (navigator.clipboard && window.isSecureContext) { navigator.clipboard.writeText(t).then(ok); return; }
    var a = document.createElement("textarea"); a.value = t; document.body.appendChild(a); a.select();
    document.execCommand("copy"); a.remove(); ok();
  });
});
</script>"""


def copy_box(text: str) -> None:
    """The citation as text plus an always-visible copy button (touch screens have no hover)."""
    st.code(text, language=None, wrap_lines=True)
    st.html(
        _COPY_BUTTON % {"text": escape(text, quote=True), "done": txt.COPIED, "label": txt.COPY},
        unsafe_allow_javascript=True,
    )
