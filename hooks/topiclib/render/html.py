"""A document model as HTML (Jinja2, autoescaped): the page and its print are this one rendering."""

from __future__ import annotations

from ..document import Document, FieldSpecs, clean_text, clock_text, field_text
from .templates import render


def document_html(document: Document, fields: FieldSpecs, values: dict[str, str] | None = None) -> str:
    """The paper as a `<div class="tl-doc">`; fields print `values` where given, else their blanks."""
    values = values or {}
    return render(
        "document.html",
        doc=document.to_json(),
        field_text=lambda run: field_text(run, values, fields),
        clock_text=lambda offset: clock_text(offset, values, document.start),
        shown=lambda field: bool(clean_text(values.get(field, "")).strip()),
    )
