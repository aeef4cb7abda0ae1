"""chidao in the browser: the pages (app_pages/*.py), their addresses and the sidebar (widgets only).

`streamlit run app.py` — every page has its own URL path (/hoi-dap, /don-vi, /han, /trich-dan,
/van-ban, /them-van-ban); a document opens at /van-ban?doc=<file>&unit=<ordinal>.
"""

from __future__ import annotations

import streamlit as st

from app_pages import common
from app_pages.common import ingest_uploads  # noqa: F401  (tests call it through the app)
from chidao import ui_text as txt

PAGE_TITLES = {
    common.ASK: txt.PAGE_ASK,
    common.MY_UNIT: txt.PAGE_MY_UNIT,
    common.DEADLINES: txt.PAGE_DEADLINES,
    common.QUOTE: txt.PAGE_QUOTE,
    common.DOCS: txt.PAGE_DOCS,
    common.UPLOAD: txt.PAGE_UPLOAD,
}


def main() -> None:
    st.set_page_config(page_title=txt.APP_TITLE, page_icon="📜", layout="wide")
    common.style()
    lib = common.library()
    common.ensure_default_library(lib)
    pages = [
        st.Page(
            path,
            title=title,
            url_path=common.URL_PATHS[path],
            default=path == common.ASK,
        )
        for path, title in PAGE_TITLES.items()
    ]
    st.sidebar.markdown(f"**{txt.APP_TITLE}**")
    page = st.navigation(pages)
    if page.url_path == "" and common.DOC_PARAM in st.query_params:
        # An old link (/?doc=…) or a bookmark of the first version: the document page owns ?doc=.
        st.switch_page(common.DOCS, query_params=st.query_params.to_dict())
    common.keep_owned_params(page.url_path)
    count = st.sidebar.empty()
    page.run()
    # Drawn after the page, so that an upload or removal on this run is counted.
    docs = lib.documents()
    count.caption(txt.LIBRARY_SIZE.format(docs=len(docs), units=sum(d.unit_count for d in docs)))


if __name__ == "__main__":
    main()
