"""The printable body of a session script: blanks to fill in, roles, the timed agenda and the checklists."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .agenda import clock_times
from .data import Catalog
from .text import escape_html, escape_markdown
from .validate import Topic

AGENDA_TABLE_ID = "tl-agenda"
_SECTION = re.compile(r"^##(?!#)\s", re.MULTILINE)


@dataclass(frozen=True)
class AgendaRow:
    """One step of a session as printed: clock times and the names people read."""

    begin: str
    end: str
    step: str
    notes: str
    lead: str
    minutes: int


def agenda_rows(topic: Topic, catalog: Catalog) -> list[AgendaRow]:
    """The agenda with clock times from the session's start time, for the page and the Word file alike."""
    times = clock_times(topic.start_time or catalog.meeting["default_start_time"], topic.agenda)
    return [
        AgendaRow(begin, end, catalog.step_names[item.step], item.notes, catalog.role_names[item.lead], item.minutes)
        for item, (begin, end) in zip(topic.agenda, times, strict=True)
    ]


def session_body(topic: Topic, catalog: Catalog) -> str:
    """Markdown for a session page: blanks, first section (purpose), roles, agenda, other sections, checklists."""
    strings = catalog.strings
    first, rest = _split_first_section(topic.body.strip("\n"))
    meeting = catalog.meeting
    parts = [
        _blanks(strings),
        first,
        f"## {escape_markdown(strings['session_roles'])}",
        _roles(topic, catalog),
        f"## {escape_markdown(strings['session_agenda'])}",
        agenda_table(topic, catalog),
        rest,
        f"## {escape_markdown(strings['session_before'])}",
        _checklist(meeting["before"]),
        f"## {escape_markdown(strings['session_after'])}",
        _checklist(meeting["after"]),
    ]
    return "\n\n".join(part for part in parts if part) + "\n"


def agenda_table(topic: Topic, catalog: Catalog) -> str:
    """The agenda as an HTML table with clock times from the start time; a field on the page recomputes them."""
    strings = catalog.strings
    start = topic.start_time or catalog.meeting["default_start_time"]
    rows = [
        f'<tr><td class="tl-time" data-minutes="{row.minutes}">{row.begin}–{row.end}</td>'
        f"<td>{escape_html(row.step)}"
        + (f'<br><span class="tl-muted">{escape_html(row.notes)}</span>' if row.notes else "")
        + f"</td><td>{escape_html(row.lead)}</td><td>{row.minutes}</td></tr>"
        for row in agenda_rows(topic, catalog)
    ]
    combined = f" ({escape_html(strings['session_combined'])})" if topic.combined else ""
    controls = (
        '<div class="tl-agenda-controls tl-no-print" hidden>'
        f"<label>{escape_html(strings['session_start'])} "
        f'<input type="time" value="{start}" data-tl-start aria-controls="{AGENDA_TABLE_ID}"></label> '
        f'<button type="button" class="md-button md-button--primary" data-tl-print>'
        f"{escape_html(strings['session_print'])}</button></div>"
    )
    head = "".join(
        f"<th>{escape_html(strings[key])}</th>" for key in ("col_time", "col_step", "col_lead", "col_minutes")
    )
    return (
        f"{controls}\n"
        f'<table class="tl-agenda" id="{AGENDA_TABLE_ID}" data-start="{start}">'
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody>"
        f'<tfoot><tr><td colspan="3">{escape_html(strings["col_total"])}{combined}</td>'
        f"<td>{topic.duration_minutes}</td></tr></tfoot></table>"
    )


def _blanks(strings: dict[str, str]) -> str:
    fields = [strings[key] for key in ("blank_cell", "blank_date", "blank_place")]
    items = "".join(f'<p>{escape_html(name)}: <span class="tl-blank"></span></p>' for name in fields)
    attendance = (
        f'<p>{escape_html(strings["blank_attendance"])}: <span class="tl-blank tl-blank--short"></span> / '
        f'<span class="tl-blank tl-blank--short"></span> {escape_html(strings["blank_members"])}</p>'
    )
    return f'<div class="tl-fill">{items}{attendance}</div>'


def _roles(topic: Topic, catalog: Catalog) -> str:
    """Each declared role with a blank for the comrade's name (the whole membership needs none)."""
    items = "".join(
        f'<p>{escape_html(catalog.role_names[role])}: <span class="tl-blank"></span></p>'
        for role in topic.roles
        if role != "dang-vien"
    )
    return f'<div class="tl-fill tl-fill--roles">{items}</div>'


def _checklist(items: list[str]) -> str:
    """A list with a box to tick on paper before each item (drawn by CSS)."""
    return '<ul class="tl-checklist">' + "".join(f"<li>{escape_html(item)}</li>" for item in items) + "</ul>"


def _split_first_section(body: str) -> tuple[str, str]:
    """(the first `## ` section, everything after it)."""
    starts = [match.start() for match in _SECTION.finditer(body)]
    if len(starts) < 2:
        return body, ""
    return body[: starts[1]].rstrip(), body[starts[1] :].strip()
