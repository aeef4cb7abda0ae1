"""Hạn: the tasks with a deadline, of one unit or of all, grouped into overdue / this week / this
month / later / no fixed date, as tables, a CSV and an .ics calendar."""

from __future__ import annotations

import re
from datetime import date

import streamlit as st

from app_pages import common
from chidao import deadlines as dl
from chidao import ui_answer as ans
from chidao import ui_format as fmt
from chidao import ui_text as txt
from chidao.core.model import Citation
from chidao.library import Library

UNIT_KEY = "deadline_unit"


def _tasks(lib: Library, org: str) -> list[tuple[Citation, str]]:
    """(task, unit) pairs of one unit, or of every unit (a task given to two units listed once)."""
    orgs = lib.organisations() if org == txt.ALL_UNITS else [org]
    seen: dict[tuple[str, int], tuple[Citation, str]] = {}
    for name in orgs:
        for c in lib.tasks(name):
            key = (c.hit.document.id, c.hit.unit.ordinal)
            if key in seen:
                seen[key] = (seen[key][0], f"{seen[key][1]}, {name}")
            else:
                seen[key] = (c, name)
    return list(seen.values())


def _rows(tasks: list[dl.DatedTask], units: dict[int, str], names: dict[str, str]) -> list[dict[str, str]]:
    rows = []
    for t in tasks:
        c = t.citation
        when = fmt.format_date(t.next_due.isoformat()) if t.next_due else ""
        when += f" ({txt.REPEATS})" if t.due.rule and when else ""
        values = (
            when,
            c.deadline or txt.NO_DEADLINE,
            fmt.task_text(c.hit.unit),
            units[id(c)],
            names.get(c.hit.document.id, c.hit.document.label),
            fmt.unit_label(c.hit.unit),
        )
        rows.append(dict(zip(txt.DUE_COLUMNS, values, strict=True)))
    return rows


def render(lib: Library) -> None:
    st.header(txt.PAGE_DEADLINES)
    org = st.selectbox(txt.PICK_UNIT, [txt.ALL_UNITS, *lib.organisations()], key=UNIT_KEY)
    today = date.today()
    st.caption(txt.DEADLINES_HINT.format(today=fmt.format_date(today.isoformat())))
    # All units take seconds on a real library (every unit against every item): kept per session
    # until the library changes (its documents' hashes are the key).
    key = (org, tuple(d.sha256 for d in lib.documents()))
    cache = st.session_state.setdefault("_deadline_tasks", {})
    if key not in cache:
        with st.spinner(txt.THINKING):
            cache[key] = _tasks(lib, org)
    pairs = cache[key]
    units = {id(c): unit for c, unit in pairs}
    tasks = dl.dated_tasks([c for c, _ in pairs], today)
    if not tasks:
        st.info(txt.NO_TASKS.format(org=org))
        return
    names = common.document_names(lib)
    rows = _rows(tasks, units, names)
    slug = re.sub(r"\W+", "-", org.lower()).strip("-")
    with st.container(horizontal=True):
        st.download_button(
            txt.DOWNLOAD_CSV,
            fmt.csv_bytes(
                [r | {txt.GROUP_COLUMN: t.group} for r, t in zip(rows, tasks, strict=True)],
                [*txt.DUE_COLUMNS, txt.GROUP_COLUMN],
            ),
            file_name=f"han-{slug}.csv",
            mime="text/csv",
        )
        st.download_button(
            txt.DOWNLOAD_ICS,
            dl.calendar_ics(tasks, org, ans.citation_line),
            file_name=f"han-{slug}.ics",
            mime="text/calendar",
        )
    for group in txt.DEADLINE_GROUPS:
        in_group = [r for r, t in zip(rows, tasks, strict=True) if t.group == group]
        if in_group:
            st.subheader(f"{group} ({len(in_group)})")
            # Tasks without a date have no "Hạn" cell to show: their text deadline leads.
            columns = txt.DUE_COLUMNS[1:] if group == txt.DEADLINE_GROUPS[-1] else txt.DUE_COLUMNS
            st.markdown(fmt.table_html(in_group, columns), unsafe_allow_html=True)


render(common.library())
