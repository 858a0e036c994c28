"""The page of a session script: its paper (papers.script_document, the same model as its Word file) with a
start-time field that recomputes the clock times on the page."""

from __future__ import annotations

from .data import Catalog
from .papers import field_specs, meeting_for, script_document
from .render.html import document_html
from .render.templates import render
from .validate import Topic


def session_body(topic: Topic, catalog: Catalog, guide: Topic | None = None) -> str:
    """HTML for a session page: the start-time and print controls (shown by session.js), then the script."""
    meeting = meeting_for(topic, guide, catalog)
    document = script_document(meeting, catalog)
    controls = render("session_controls.html", start=meeting.start, strings=catalog.strings)
    return f"{controls}\n\n{document_html(document, field_specs(catalog))}\n"
