"""Hỏi đáp: ask a question, read the answer with numbered citations and the numbered sources below."""

from __future__ import annotations

import streamlit as st

from app_pages import common
from chidao import ui_answer as ans
from chidao import ui_format as fmt
from chidao import ui_text as txt
from chidao.core.model import Answer, Citation
from chidao.library import Library

# The question survives a visit to another page: widget state is dropped when its page is not drawn.
_KEPT_QUESTION = "_kept_question"


def _set_question(question: str) -> None:
    st.session_state[common.QUESTION_KEY] = question


def render(lib: Library) -> None:
    st.header(txt.PAGE_ASK)
    if common.QUESTION_KEY not in st.session_state:
        st.session_state[common.QUESTION_KEY] = st.session_state.get(_KEPT_QUESTION, "")
    question = st.text_input(txt.QUESTION_LABEL, key=common.QUESTION_KEY, help=txt.QUESTION_HELP).strip()
    st.session_state[_KEPT_QUESTION] = question
    if not question:
        examples = fmt.example_questions(lib.organisations(), lib.documents())
        if examples:
            st.caption(txt.EXAMPLES)
            with st.container(horizontal=True):
                for i, example in enumerate(examples):
                    st.button(example, key=f"example-{i}", on_click=_set_question, args=(example,))
        st.info(txt.ASK_HINT)
    filters = common.filters(lib, "ask")
    if not question:
        return
    cache = st.session_state.setdefault(common.ANSWERS_KEY, {})
    cache_key = (question, tuple(sorted(filters.items())))
    if cache_key not in cache:
        with st.spinner(txt.THINKING):
            cache[cache_key] = lib.ask(question, **filters)
    _render_answer(lib, cache[cache_key])


def _render_answer(lib: Library, answer: Answer) -> None:
    if not answer.found:
        # qa lists the closest passages in the text too; they are drawn as numbered sources below.
        st.warning(answer.text.split("\n", 1)[0] if answer.suggestions else answer.text)
        if answer.suggestions:
            st.markdown(txt.NOT_FOUND_SUGGESTIONS)
            common.source_list(lib, [Citation(h) for h in answer.suggestions], "suggestion")
        return
    st.subheader(txt.ANSWER)
    common.html(ans.answer_html(ans.numbered_lines(answer)), "chidao-text chidao-answer")
    st.markdown(f"**{txt.SOURCES}**")
    common.source_list(lib, answer.citations, "citation")


render(common.library())
